//! Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) and OpenDocument (`.ods`) workbooks, read with
//! calamine. A sheet becomes the same text a CSV file would be — one line per sheet row, so that
//! messages name the row Excel shows — and from there it is read like any other file: title rows,
//! multi-row headers, sections and notes are found by the same code.
//!
//! Cells keep what they are: numbers are written with their shortest round-trip digits (they read
//! back as the identical binary float), formula cells give the value Excel saved with them, dates
//! become ISO dates (a period), text is trimmed, NFC-normalised and its line breaks made spaces,
//! and error cells (`#DIV/0!`, `#N/A`) are missing. Vertically merged cells repeat their value in
//! every row they cover (an area name merged over several rows); merged header cells are left to
//! the header reader, as in a CSV saved from the sheet.
//!
//! Before calamine sees a zip-based workbook, its directory is checked: a file that inflates past
//! [`MAX_INFLATED`] is refused, so a zip bomb cannot take the machine's memory.

use std::io::Cursor;
use std::sync::LazyLock;

use calamine::{Data, Reader, Sheets};
use regex::Regex;
use serde::Serialize;

use crate::error::ChisoError;
use crate::names;

/// The most a workbook may inflate to (all its parts together).
pub const MAX_INFLATED: u64 = 1 << 30;
/// The most characters a cell holds in Excel (and so in any workbook chiso reads).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The most one sheet may span (rows × columns of its used range).
pub const MAX_CELLS: u64 = 50_000_000;

/// What kind of container the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A zip archive: `.xlsx`, `.xlsm`, `.xlsb`, `.ods`.
    Zip,
    /// An OLE compound file: `.xls`, or an encrypted (password-protected) `.xlsx`.
    Ole,
}

const WORKBOOK_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "xltx"];

/// The container the bytes start with, if they are one.
pub fn container(bytes: &[u8]) -> Option<Container> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Container::Zip)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Container::Ole)
    } else {
        None
    }
}

/// True when the file name ends like a workbook's.
pub fn has_workbook_extension(file: &str) -> bool {
    std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| WORKBOOK_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// One sheet of a workbook, as `chiso inspect` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct SheetInfo {
    /// 1-based position in the workbook.
    pub number: usize,
    pub name: String,
    /// `visible`, `hidden` or `very hidden`.
    pub visibility: &'static str,
    /// `worksheet`, `chart`, `macro`…
    pub kind: &'static str,
    /// The used range, e.g. `A1:H40`; `None` for an empty sheet.
    pub range: Option<String>,
    /// The first text of the sheet (its title line).
    pub title: Option<String>,
    /// Rows the sheet hides (1-based, as Excel numbers them; `.xlsx` only).
    pub hidden_rows: Vec<u32>,
}

impl SheetInfo {
    pub fn visible(&self) -> bool {
        self.visibility == "visible"
    }

    /// A visible worksheet with at least two rows and two columns of cells.
    fn may_hold_table(&self, rows: usize, cols: usize) -> bool {
        self.visible() && self.kind == "worksheet" && rows >= 2 && cols >= 2
    }
}

/// A sheet read as text.
pub struct SheetText {
    pub sheet: SheetInfo,
    /// `;`-separated lines, line *n* being row *n* of the sheet.
    pub text: String,
    /// What the encoding field of `chiso inspect` says: `xlsx workbook, sheet 'Tên' (2 of 5)`.
    pub described: String,
    /// How many sheets the workbook has.
    pub of: usize,
}

/// An open workbook.
pub struct Workbook<'a> {
    file: String,
    bytes: &'a [u8],
    /// Read rows the sheet hides too (`--hidden-rows`).
    with_hidden_rows: bool,
    book: Sheets<Cursor<&'a [u8]>>,
    format: &'static str,
    sheets: Vec<SheetInfo>,
    /// Text of old `.VnTime` sheets is converted (`--encoding tcvn3`).
    tcvn3: bool,
}

fn failed(file: &str, message: impl Into<String>) -> ChisoError {
    ChisoError::Workbook { file: file.to_string(), message: message.into() }
}

/// Refuses a zip whose parts inflate past [`MAX_INFLATED`], or that is not a whole zip.
fn check_zip(file: &str, bytes: &[u8]) -> Result<(), ChisoError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        failed(file, format!("not a complete workbook: the zip container cannot be read ({e}); is the file truncated?"))
    })?;
    // The sizes the zip's directory gives for its parts.
    let total = archive.decompressed_size().unwrap_or_else(|| {
        (0..archive.len()).filter_map(|i| archive.by_index_raw(i).ok().map(|f| u128::from(f.size()))).sum()
    });
    let total = u64::try_from(total).unwrap_or(u64::MAX);
    if total > MAX_INFLATED {
        return Err(failed(
            file,
            format!(
                "the workbook inflates to {} MiB (more than {} MiB); it is refused as a likely zip bomb",
                total >> 20,
                MAX_INFLATED >> 20
            ),
        ));
    }
    Ok(())
}

/// Runs calamine on a workbook, a panic inside it (on damage it does not expect) becoming an
/// error: chiso says the file is damaged rather than crash.
fn guarded<T>(file: &str, read: impl FnOnce() -> Result<T, ChisoError>) -> Result<T, ChisoError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    out.unwrap_or_else(|_| Err(failed(file, "the workbook is damaged: its reader stopped on it")))
}

/// True when every sector chain of an OLE compound file (`.xls`) ends: the FAT and the mini FAT
/// hold no loop and point nowhere past their ends. A chain that loops would have the reader
/// copy sectors without end (found by fuzzing).
fn cfb_chains_end(bytes: &[u8]) -> bool {
    const END: u32 = 0xFFFF_FFFE;
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let Some(shift) = u16_at(0x1E) else { return false };
    if shift != 9 && shift != 12 {
        return false;
    }
    let size = 1usize << shift;
    let sectors = bytes.len().saturating_sub(size) / size + 1;
    // Whole sectors only: a table cut short by the end of the file is damage.
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let words = |data: &[u8]| -> Vec<u32> {
        data.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
    };
    // The FAT's sectors: 109 in the header, more through the DIFAT chain.
    let mut fat_sectors: Vec<u32> = words(&bytes[0x4C..0x200.min(bytes.len())]);
    let mut difat = u32_at(0x44).unwrap_or(END);
    let mut steps = 0;
    while difat < 0xFFFF_FFFA {
        steps += 1;
        let Some(data) = sector(difat) else { return false };
        if steps > sectors {
            return false;
        }
        let mut entries = words(data);
        difat = entries.pop().unwrap_or(END);
        fat_sectors.extend(entries);
    }
    let mut fat = Vec::new();
    for id in fat_sectors.into_iter().filter(|id| *id < 0xFFFF_FFFA) {
        let Some(data) = sector(id) else { return false };
        fat.extend(words(data));
        if fat.len() > sectors.saturating_mul(size / 4) + size {
            return false;
        }
    }
    if !chains_end(&fat) {
        return false;
    }
    // The mini FAT, read through the FAT (whose chains now end).
    let mut mini = Vec::new();
    let mut id = u32_at(0x3C).unwrap_or(END);
    while (id as usize) < fat.len() {
        let Some(data) = sector(id) else { return false };
        mini.extend(words(data));
        id = fat[id as usize];
    }
    chains_end(&mini)
}

/// True when following `next` from any entry reaches an end marker (a value past the table)
/// without coming back to an entry already on the way.
fn chains_end(next: &[u32]) -> bool {
    // 0: not seen, 1: on the current walk, 2: known to end.
    let mut state = vec![0u8; next.len()];
    for start in 0..next.len() {
        let mut walk = Vec::new();
        let mut i = start;
        while i < next.len() && state[i] == 0 {
            state[i] = 1;
            walk.push(i);
            i = next[i] as usize;
        }
        if i < next.len() && state[i] == 1 {
            return false;
        }
        for w in walk {
            state[w] = 2;
        }
    }
    true
}

/// Searches an OLE file's directory for the stream that holds an encrypted workbook.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

impl<'a> Workbook<'a> {
    /// Opens the workbook in `bytes` (which [`container`] recognised).
    pub fn open(file: &str, bytes: &'a [u8], tcvn3: bool) -> Result<Workbook<'a>, ChisoError> {
        guarded(file, || Self::open_unguarded(file, bytes, tcvn3))
    }

    fn open_unguarded(file: &str, bytes: &'a [u8], tcvn3: bool) -> Result<Workbook<'a>, ChisoError> {
        let kind = container(bytes).ok_or_else(|| failed(file, "not a workbook"))?;
        let cursor = Cursor::new(bytes);
        let (book, format) = match kind {
            Container::Ole if is_encrypted_ooxml(bytes) => {
                return Err(failed(file, "the workbook is password-protected (encrypted); chiso cannot read it"));
            }
            Container::Ole if !cfb_chains_end(bytes) => {
                return Err(failed(
                    file,
                    "a damaged .xls workbook: its sector chains loop or point past the end of the file",
                ));
            }
            Container::Ole => {
                let book = calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(cursor).map_err(|e| match e {
                    calamine::XlsError::Password => {
                        failed(file, "the workbook is password-protected (encrypted); chiso cannot read it")
                    }
                    e => failed(file, format!("cannot read the .xls workbook: {e}")),
                })?;
                (Sheets::Xls(book), "xls")
            }
            Container::Zip => {
                check_zip(file, bytes)?;
                if let Ok(book) = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor.clone()) {
                    (Sheets::Xlsx(book), "xlsx")
                } else if let Ok(book) = calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor.clone()) {
                    (Sheets::Ods(book), "ods")
                } else {
                    let book = calamine::open_workbook_from_rs::<calamine::Xlsb<_>, _>(cursor).map_err(|e| {
                        failed(file, format!("a zip file, but no Excel or OpenDocument workbook ({e})"))
                    })?;
                    (Sheets::Xlsb(book), "xlsb")
                }
            }
        };
        let sheets = book
            .sheets_metadata()
            .iter()
            .enumerate()
            .map(|(i, s)| SheetInfo {
                number: i + 1,
                name: s.name.clone(),
                visibility: match s.visible {
                    calamine::SheetVisible::Visible => "visible",
                    calamine::SheetVisible::Hidden => "hidden",
                    calamine::SheetVisible::VeryHidden => "very hidden",
                },
                kind: match s.typ {
                    calamine::SheetType::WorkSheet => "worksheet",
                    calamine::SheetType::ChartSheet => "chart",
                    calamine::SheetType::DialogSheet => "dialog",
                    calamine::SheetType::MacroSheet => "macro",
                    calamine::SheetType::Vba => "vba",
                },
                range: None,
                title: None,
                hidden_rows: Vec::new(),
            })
            .collect();
        Ok(Workbook { file: file.to_string(), bytes, book, format, sheets, tcvn3, with_hidden_rows: false })
    }

    pub fn format(&self) -> &'static str {
        self.format
    }

    /// Reads the rows a sheet hides too (by default they are left out, as Excel shows the sheet).
    pub fn with_hidden_rows(mut self, yes: bool) -> Self {
        self.with_hidden_rows = yes;
        self
    }

    /// Every sheet, with its used range and title filled in (each sheet is read).
    pub fn contents(&mut self) -> Result<Vec<SheetText>, ChisoError> {
        (0..self.sheets.len()).map(|i| self.sheet(i)).collect()
    }

    /// The sheet `--sheet` names (a 1-based number or a name, case and diacritics ignored), or
    /// else the one visible sheet that holds a table — of several, the one `readable` says chiso
    /// can read (a table of contents beside one data sheet); otherwise an error listing them.
    pub fn choose(
        &mut self,
        wanted: Option<&str>,
        readable: impl Fn(&SheetText) -> bool,
    ) -> Result<SheetText, ChisoError> {
        let list = |sheets: &[SheetInfo]| sheets.iter().map(describe).collect::<Vec<_>>();
        if let Some(wanted) = wanted {
            let wanted = wanted.trim();
            let by_number = wanted.parse::<usize>().ok().filter(|n| (1..=self.sheets.len()).contains(n)).map(|n| n - 1);
            let by_name = || {
                let key = names::fold(wanted);
                self.sheets
                    .iter()
                    .position(|s| s.name == wanted)
                    .or_else(|| self.sheets.iter().position(|s| names::fold(&s.name) == key && !key.is_empty()))
            };
            let Some(i) = by_name().or(by_number) else {
                return Err(ChisoError::NoSuchSheet {
                    file: self.file.clone(),
                    given: wanted.to_string(),
                    sheets: list(&self.sheets),
                });
            };
            return self.sheet(i);
        }
        let mut holding = Vec::new();
        for i in 0..self.sheets.len() {
            if !self.sheets[i].visible() || self.sheets[i].kind != "worksheet" {
                continue;
            }
            let sheet = self.sheet(i)?;
            let (rows, cols) = size_of(sheet.sheet.range.as_deref());
            if sheet.sheet.may_hold_table(rows, cols) {
                holding.push(sheet);
            }
        }
        if holding.len() > 1 {
            let mut read: Vec<SheetText> = Vec::new();
            for sheet in holding.drain(..) {
                if readable(&sheet) {
                    read.push(sheet);
                }
            }
            if read.len() == 1 {
                return Ok(read.remove(0));
            }
            return Err(ChisoError::WhichSheet { file: self.file.clone(), sheets: list(&self.sheets) });
        }
        match holding.len() {
            1 => Ok(holding.remove(0)),
            0 => Err(ChisoError::Workbook {
                file: self.file.clone(),
                message: format!("no visible sheet holds a table; the sheets are: {}", list(&self.sheets).join(", ")),
            }),
            _ => Err(ChisoError::WhichSheet { file: self.file.clone(), sheets: list(&self.sheets) }),
        }
    }

    /// Sheet `i` (0-based) as text.
    fn sheet(&mut self, i: usize) -> Result<SheetText, ChisoError> {
        let file = self.file.clone();
        guarded(&file, || self.sheet_unguarded(i))
    }

    fn sheet_unguarded(&mut self, i: usize) -> Result<SheetText, ChisoError> {
        let mut info = self.sheets[i].clone();
        let name = info.name.clone();
        let range = match self.book.worksheet_range(&name) {
            Ok(range) => range,
            // Chart sheets and the like have no cells.
            Err(_) if info.kind != "worksheet" => calamine::Range::empty(),
            Err(e) => return Err(failed(&self.file, format!("sheet '{name}': {e}"))),
        };
        let (height, width) = range.get_size();
        if (height as u64).saturating_mul(width as u64) > MAX_CELLS {
            return Err(failed(
                &self.file,
                format!(
                    "sheet '{name}' spans {height} rows × {width} columns, more than chiso reads ({MAX_CELLS} cells)"
                ),
            ));
        }
        let start = range.start().unwrap_or((0, 0));
        if self.format == "xlsx" {
            info.hidden_rows = hidden_rows(self.bytes, &name);
        }
        // Excel holds at most 32,767 characters in a cell: a longer one is no spreadsheet's.
        let too_long = range.used_cells().find(|(_, _, c)| match c {
            Data::String(s) => s.len() > MAX_CELL_CHARS && s.chars().count() > MAX_CELL_CHARS,
            _ => false,
        });
        if let Some((r, c, Data::String(s))) = too_long {
            let at = cell_name((start.0 + r as u32, start.1 + c as u32));
            return Err(failed(
                &self.file,
                format!(
                    "sheet '{name}', cell {at}: {} characters, more than a spreadsheet cell holds ({MAX_CELL_CHARS}); the workbook is damaged or was not written by a spreadsheet program",
                    s.chars().count()
                ),
            ));
        }
        let merges = self.vertical_merges(&name);
        // Cells formatted as percentages hold fractions (0.1168 shows as 11.68%): read as shown.
        let styles = self.book.worksheet_style(&name).unwrap_or_else(|_| calamine::StyleRange::empty());
        let percent = |r: usize, c: usize| {
            styles
                .get((start.0 + r as u32, start.1 + c as u32))
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent_format(&f.format_code))
        };
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| match cell {
                        Data::Float(x) if x.is_finite() && percent(r, c) => percent_text(*x),
                        Data::Int(i) if percent(r, c) => percent_text(*i as f64),
                        _ => self.cell(cell),
                    })
                    .collect()
            })
            .collect();
        for (top, left, bottom) in merges {
            // Positions relative to the range.
            let (Some(r0), Some(c)) = (top.checked_sub(start.0), left.checked_sub(start.1)) else { continue };
            let (r0, c) = (r0 as usize, c as usize);
            let Some(value) = rows.get(r0).and_then(|r| r.get(c)).cloned() else { continue };
            for r in r0 + 1..=((bottom - start.0) as usize).min(rows.len().saturating_sub(1)) {
                if let Some(cell) = rows[r].get_mut(c) {
                    if cell.is_empty() {
                        *cell = value.clone();
                    }
                }
            }
        }
        // Trailing empty columns (formatted but blank cells) are no part of the table.
        let used = rows.iter().map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1)).max().unwrap_or(0);
        let mut text = "\n".repeat(start.0 as usize);
        text.reserve(rows.len() * used * 8);
        // Where the text of the last row with a cell ends, and that row.
        let (mut table_end, mut last_filled) = (0, None);
        for (k, row) in rows.iter().enumerate() {
            // A hidden row is an empty line: left out, the lines below keep their numbers.
            if !self.with_hidden_rows && info.hidden_rows.binary_search(&(start.0 + k as u32 + 1)).is_ok() {
                text.push('\n');
                continue;
            }
            text.push_str(&";".repeat(start.1 as usize));
            for (j, cell) in row.iter().take(used).enumerate() {
                if j > 0 {
                    text.push(';');
                }
                push_field(&mut text, cell);
            }
            // Every line as wide as the table: a header's empty last cells still count.
            text.push('\n');
            if row.iter().any(|c| !c.is_empty()) {
                (table_end, last_filled) = (text.len(), Some(k));
                if info.title.is_none() {
                    info.title = row.iter().find(|c| !c.is_empty()).cloned();
                }
            }
        }
        // Formatted empty rows below the table are dropped.
        text.truncate(table_end);
        info.range = last_filled.map(|k| {
            let end = (start.0 + k as u32, start.1 + used.max(1) as u32 - 1);
            format!("{}:{}", cell_name(start), cell_name(end))
        });
        self.sheets[i] = info.clone();
        let described = format!("{} workbook, sheet '{}' ({} of {})", self.format, info.name, i + 1, self.sheets.len());
        Ok(SheetText { sheet: info, text, described, of: self.sheets.len() })
    }

    /// `(top row, column, bottom row)` of merged regions one column wide and several rows high.
    fn vertical_merges(&mut self, name: &str) -> Vec<(u32, u32, u32)> {
        let regions = match &mut self.book {
            Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        };
        regions
            .into_iter()
            .filter(|d| d.start.1 == d.end.1 && d.end.0 > d.start.0)
            .map(|d| (d.start.0, d.start.1, d.end.0))
            .collect()
    }

    fn cell(&self, cell: &Data) -> String {
        match cell {
            Data::Empty => String::new(),
            Data::Int(i) => itoa::Buffer::new().format(*i).to_string(),
            Data::Float(x) if x.is_finite() => float_text(*x),
            Data::Float(_) => String::new(),
            Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Data::String(s) => {
                let s = clean_text(s);
                if self.tcvn3 {
                    super::tcvn3::convert(&s)
                } else {
                    s
                }
            }
            Data::DateTime(d) if d.is_datetime() => {
                let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
                if (h, min, s) == (0, 0, 0) {
                    format!("{y:04}-{m:02}-{day:02}")
                } else {
                    format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
                }
            }
            Data::DateTime(d) => float_text(d.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
            // `#DIV/0!`, `#REF!`, `#N/A`…: no value.
            Data::Error(_) => String::new(),
        }
    }
}

/// Rows (1-based) that the `.xlsx` sheet named `name` hides: `<row r="7" hidden="1">`. Found
/// through the workbook's list of sheets and its relationships; empty when anything is missing or
/// the sheet's XML is too big to scan here (64 MiB).
fn hidden_rows(bytes: &[u8], name: &str) -> Vec<u32> {
    use std::io::Read;
    static SHEET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(?:\w+:)?sheet\b[^>]*>").unwrap());
    static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([\w:]+)="([^"]*)""#).unwrap());
    static RELATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(?:\w+:)?Relationship\b[^>]*>").unwrap());
    static ROW: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<(?:\w+:)?row\b[^>]*>").unwrap());
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Vec::new() };
    let mut read = |path: &str, limit: u64| -> Option<String> {
        let mut part = zip.by_name(path).ok()?;
        if part.size() > limit {
            return None;
        }
        let mut text = String::new();
        part.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let attrs = |tag: &str| -> Vec<(String, String)> {
        ATTR.captures_iter(tag).map(|c| (c[1].to_string(), unescape(&c[2]))).collect()
    };
    let get = |attrs: &[(String, String)], key: &str| {
        attrs.iter().find(|(k, _)| k == key || k.ends_with(&format!(":{key}"))).map(|(_, v)| v.clone())
    };
    let Some(workbook) = read("xl/workbook.xml", 16 << 20) else { return Vec::new() };
    let Some(id) = SHEET
        .find_iter(&workbook)
        .map(|m| attrs(m.as_str()))
        .find(|a| get(a, "name").as_deref() == Some(name))
        .and_then(|a| a.iter().find(|(k, _)| k.ends_with(":id")).map(|(_, v)| v.clone()))
    else {
        return Vec::new();
    };
    let Some(rels) = read("xl/_rels/workbook.xml.rels", 16 << 20) else { return Vec::new() };
    let Some(target) = RELATION
        .find_iter(&rels)
        .map(|m| attrs(m.as_str()))
        .find(|a| get(a, "Id").as_deref() == Some(&id))
        .and_then(|a| get(&a, "Target"))
    else {
        return Vec::new();
    };
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let Some(sheet) = read(&path, 64 << 20) else { return Vec::new() };
    let mut rows: Vec<u32> = ROW
        .find_iter(&sheet)
        .map(|m| attrs(m.as_str()))
        .filter(|a| matches!(get(a, "hidden").as_deref(), Some("1" | "true")))
        .filter_map(|a| get(&a, "r")?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The shortest text that reads back as exactly `x` (integers without a decimal point).
pub fn float_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return itoa::Buffer::new().format(x as i64).to_string();
    }
    ryu::Buffer::new().format_finite(x).to_string()
}

/// A number format that shows a percentage (`0.00%`; a `%` inside quotes or escaped is text).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A fraction as the percentage a percent format shows, `0.1168` → `11.68%`: the decimal point
/// of its shortest digits moved two places, so no binary noise is added.
fn percent_text(x: f64) -> String {
    let digits = float_text(x);
    if let Some((mantissa, exponent)) = digits.split_once(['e', 'E']) {
        let exponent: i32 = exponent.parse().unwrap_or(0);
        return format!("{mantissa}e{}%", exponent + 2);
    }
    let (sign, digits) = digits.strip_prefix('-').map_or(("", digits.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut frac = frac.to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(2);
    let int = format!("{int}{moved}").trim_start_matches('0').to_string();
    let int = if int.is_empty() { "0".to_string() } else { int };
    if rest.is_empty() {
        format!("{sign}{int}%")
    } else {
        format!("{sign}{int}.{rest}%")
    }
}

/// Text of a cell: line breaks made spaces, runs of spaces made one, trimmed, NFC.
fn clean_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let spaced: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.nfc().collect()
}

fn push_field(text: &mut String, cell: &str) {
    if cell.contains([';', '"', '\n', '\r']) {
        text.push('"');
        text.push_str(&cell.replace('"', "\"\""));
        text.push('"');
    } else {
        text.push_str(cell);
    }
}

/// `A1`-style name of a 0-based (row, column).
pub fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Rows and columns of an `A1:H40` range.
fn size_of(range: Option<&str>) -> (usize, usize) {
    let Some((a, b)) = range.and_then(|r| r.split_once(':')) else { return (0, 0) };
    let parse = |c: &str| -> (usize, usize) {
        let letters: String = c.chars().take_while(char::is_ascii_alphabetic).collect();
        let row: usize = c[letters.len()..].parse().unwrap_or(0);
        let col = letters.bytes().fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
        (row, col)
    };
    let ((r0, c0), (r1, c1)) = (parse(a), parse(b));
    (r1.saturating_sub(r0) + 1, c1.saturating_sub(c0) + 1)
}

/// `2 'Tổng hợp' (hidden)` for lists of sheets in messages.
fn describe(s: &SheetInfo) -> String {
    let mut out = format!("{} '{}'", s.number, s.name);
    if !s.visible() {
        out.push_str(&format!(" ({})", s.visibility));
    } else if s.kind != "worksheet" {
        out.push_str(&format!(" ({})", s.kind));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_and_sizes() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((39, 7)), "H40");
        assert_eq!(cell_name((0, 26)), "AA1");
        assert_eq!(size_of(Some("B3:H40")), (38, 7));
    }

    #[test]
    fn floats_read_back_exactly() {
        for x in [0.1 + 0.2, 11.68, 1e-300, 123_456_789.123_456_79, -0.0000123, 84.0, 1e20, f64::MAX] {
            assert_eq!(float_text(x).parse::<f64>().unwrap().to_bits(), x.to_bits(), "{x}");
        }
        assert_eq!(float_text(84.0), "84");
    }

    #[test]
    fn percentages_as_shown() {
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("0.00\"%\""));
        assert!(!is_percent_format("0.00\\%"));
        assert!(!is_percent_format("#,##0.0"));
        assert_eq!(percent_text(0.1168), "11.68%");
        assert_eq!(percent_text(0.5), "50%");
        assert_eq!(percent_text(1.0), "100%");
        assert_eq!(percent_text(-0.034), "-3.4%");
        assert_eq!(percent_text(0.0001), "0.01%");
        assert_eq!(percent_text(12.345), "1234.5%");
        assert_eq!(percent_text(1e-9), "1e-7%");
        assert_eq!(percent_text(2.5e-12), "2.5e-10%");
    }

    #[test]
    fn a_panic_in_the_reader_is_an_error() {
        let err = guarded::<()>("f.xls", || panic!("calamine met something it did not expect")).unwrap_err();
        assert_eq!(err.to_string(), "f.xls: the workbook is damaged: its reader stopped on it");
    }

    #[test]
    fn sector_chains() {
        assert!(chains_end(&[1, 2, 0xFFFF_FFFE, 0xFFFF_FFFF]));
        assert!(!chains_end(&[1, 2, 0]));
        assert!(!chains_end(&[0xFFFF_FFFE, 2, 1]));
        let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/par.xls")).unwrap();
        assert!(cfb_chains_end(&xls));
    }

    #[test]
    fn containers() {
        assert_eq!(container(b"PK\x03\x04rest"), Some(Container::Zip));
        assert_eq!(container(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Some(Container::Ole));
        assert_eq!(container(b"area,year\n"), None);
        assert!(has_workbook_extension("Bieu 01.XLSX"));
        assert!(!has_workbook_extension("data.csv"));
    }

    #[test]
    fn truncated_and_bogus_zips_are_errors() {
        let err = Workbook::open("t.xlsx", b"PK\x03\x04 not really a zip", false).err().unwrap();
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}
