//! Finding the table inside a text: which delimiter, which line is the header (title lines,
//! blank lines and `"Data Source",…` preambles come before it), and the parse of the rest into
//! string columns that remember their 1-based line. Meaning is left to the layout module.

use std::sync::LazyLock;

use polars::prelude::*;
use regex::Regex;

use crate::error::{ChisoError, Location};
use crate::names;

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How much of the file is read to decide the delimiter and header.
const SAMPLE_BYTES: usize = 256 * 1024;
const SAMPLE_RECORDS: usize = 1000;
/// Records whose cells the sniffer keeps (to find titles, units and headers of several lines).
const KEEP_CELLS: usize = 64;

/// Where the table starts and how it is delimited.
#[derive(Debug, Clone)]
pub struct Sniffed {
    pub delimiter: u8,
    /// 1-based line of the header.
    pub header_line: u32,
    /// Byte offset of the header in the text.
    pub header_byte: usize,
    /// Column names of a header that spans several lines (`Dân số` over `2022`, `2023`): each the
    /// parts top-down, joined. `None` for a one-line header.
    pub header_names: Option<Vec<String>>,
    /// Lines the header spans (1 unless `header_names`).
    pub header_rows: u32,
    /// The unit a line above the header gives (`Đơn vị tính: Tỷ đồng`, `%`).
    pub unit: Option<String>,
    /// The first text above the header (the table's title).
    pub title: Option<String>,
}

struct RecordShape {
    line: u32,
    byte: usize,
    fields: usize,
    filled: usize,
    first_empty: bool,
    /// The cells, trimmed (records of the sample only).
    cells: Vec<String>,
}

/// Where a record really starts: the reader reports the end of the previous record, which sits
/// before any blank lines it skipped.
fn record_start(text: &str, pos: &csv::Position) -> (usize, u32) {
    let bytes = text.as_bytes();
    let (mut byte, mut line) = (pos.byte() as usize, pos.line() as u32);
    while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
        if bytes[byte] == b'\n' {
            line += 1;
        }
        byte += 1;
    }
    (byte, line)
}

/// The shapes of the sample's records; `cells` keeps their text too (only for the delimiter
/// chosen: the others are only counted).
fn shapes(sample: &str, delimiter: u8, cells: bool) -> Vec<RecordShape> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(sample.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < SAMPLE_RECORDS {
        let pos = reader.position().clone();
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let filled = record.iter().filter(|f| !f.iter().all(u8::is_ascii_whitespace)).count();
                if filled == 0 {
                    continue;
                }
                let (byte, line) = record_start(sample, record.position().unwrap_or(&pos));
                let first_empty = record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace));
                // The header and what stands above it lie near the top: only those are kept.
                let cells = if cells && out.len() < KEEP_CELLS {
                    record.iter().map(|f| one_line(&String::from_utf8_lossy(f))).collect()
                } else {
                    Vec::new()
                };
                out.push(RecordShape { line, byte, fields: record.len(), filled, first_empty, cells });
            }
            _ => break,
        }
    }
    out
}

/// A cell trimmed, its line breaks and runs of spaces made one space.
fn one_line(cell: &str) -> String {
    let cell = cell.trim();
    if cell.contains(['\n', '\r', '\t']) || cell.contains("  ") {
        cell.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        cell.to_string()
    }
}

/// The most common number of fields among records with at least two, and how many records have it.
fn mode(shapes: &[RecordShape]) -> (usize, usize) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for s in shapes.iter().filter(|s| s.fields >= 2) {
        match counts.iter_mut().find(|(n, _)| *n == s.fields) {
            Some((_, c)) => *c += 1,
            None => counts.push((s.fields, 1)),
        }
    }
    // Ties go to the count seen first: in a two-line file the header comes before a bad row.
    counts
        .into_iter()
        .fold(None, |best: Option<(usize, usize)>, (n, c)| match best {
            Some((_, bc)) if bc >= c => best,
            _ => Some((n, c)),
        })
        .unwrap_or((1, 0))
}

fn sample_of(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(p) => &text[..p + 1],
        None => &text[..end],
    }
}

/// Byte offset of the start of 1-based line `line`.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
}

/// Decides the delimiter (unless given) and the header line (unless `skip` lines are given).
pub fn sniff(text: &str, delimiter: Option<u8>, skip: Option<usize>) -> Sniffed {
    let offset = skip.map_or(0, |n| line_start(text, n + 1));
    let sample = sample_of(&text[offset..]);
    // Eurostat's bulk TSV: tab-separated, its first cell `unit,geo\TIME_PERIOD` full of commas.
    let eurostat =
        sample.lines().next().and_then(|l| l.split_once('\t')).is_some_and(|(first, _)| first.contains('\\'));
    let delimiter = delimiter.or(eurostat.then_some(b'\t')).unwrap_or_else(|| {
        // Most records agreeing wins; then more columns; then the order of CANDIDATES.
        let mut best: Option<(u8, usize, usize)> = None;
        for d in CANDIDATES {
            let (fields, count) = mode(&shapes(sample, d, false));
            if fields >= 2 && best.is_none_or(|(_, f, c)| (count, fields) > (c, f)) {
                best = Some((d, fields, count));
            }
        }
        best.map_or(b',', |(d, _, _)| d)
    });
    let found = shapes(sample, delimiter, true);
    // The header's position among the sample's records.
    let at = if skip.is_some() || found.is_empty() {
        0
    } else {
        let (fields, _) = mode(&found);
        // A title row padded with delimiters (`T03,Population…,,,,,`) fills a cell or two; a
        // header fills most of its cells, or all but an empty first cell (a row-name column), or
        // is the sparse first line of a header of two (group headers over the columns of the
        // line below, beyond the first two columns: a title is a code and a name at most).
        (0..found.len())
            .find(|&i| {
                let s = &found[i];
                s.fields == fields
                    && ((s.filled >= fields.min(2) && s.filled * 2 >= s.fields)
                        || (s.first_empty && s.filled + 1 == s.fields)
                        || (s.filled >= 2
                            && s.cells.iter().skip(2).any(|c| !c.is_empty())
                            && stacked_header(&found[i..]).1 > 1))
            })
            .unwrap_or(0)
    };
    let base_line = text[..offset].matches('\n').count() as u32;
    let Some(h) = found.get(at) else {
        return Sniffed {
            delimiter,
            header_line: base_line + 1,
            header_byte: offset,
            header_names: None,
            header_rows: 1,
            unit: None,
            title: None,
        };
    };
    let above = &found[..at];
    let title = above.iter().find_map(|s| s.cells.iter().find(|c| !c.is_empty())).cloned();
    let unit = above.iter().rev().find_map(|s| unit_in(&s.cells));
    let (header_names, header_rows) = match skip {
        Some(_) => (None, 1),
        None => stacked_header(&found[at..]),
    };
    Sniffed {
        delimiter,
        header_line: base_line + h.line,
        header_byte: offset + h.byte,
        header_names,
        header_rows,
        unit,
        title,
    }
}

/// Labels that introduce a unit (`Đơn vị tính: Tỷ đồng`, `ĐVT: %`, `Unit: persons`), folded.
const UNIT_LABELS: [&str; 6] = ["donvitinh", "donvi", "dvt", "unitofmeasure", "unit", "units"];

/// Units written alone on a line above a table, folded (see [`names::fold`]).
const UNIT_WORDS: [&str; 30] = [
    "%",
    "nguoi",
    "nghinnguoi",
    "trieunguoi",
    "dong",
    "nghindong",
    "trieudong",
    "tydong",
    "tyvnd",
    "trieuvnd",
    "usd",
    "nghinusd",
    "trieuusd",
    "tyusd",
    "tan",
    "nghintan",
    "ha",
    "nghinha",
    "km",
    "km2",
    "kg",
    "ho",
    "nghinho",
    "persons",
    "thousandpersons",
    "percent",
    "billiondong",
    "milliondong",
    "millionusd",
    "diem",
];

/// The unit a line above the table gives: `Đơn vị tính: Tỷ đồng` in any cell, or a line whose
/// one cell is a unit (`%`, `Nghìn người`).
fn unit_in(cells: &[String]) -> Option<String> {
    let labelled = |cell: &str| {
        let cell = cell.trim().trim_start_matches('(').trim_end_matches(')');
        let (label, unit) = cell.split_once([':', '：'])?;
        let unit = unit.trim();
        (UNIT_LABELS.contains(&names::fold(label).as_str()) && !unit.is_empty()).then(|| unit.to_string())
    };
    if let Some(unit) = cells.iter().find_map(|c| labelled(c)) {
        return Some(unit);
    }
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    match filled.as_slice() {
        [one] if one.trim() == "%" || UNIT_WORDS.contains(&names::fold(one).as_str()) => {
            Some(one.trim_matches(['(', ')', ' ']).to_string())
        }
        _ => None,
    }
}

/// A cell that is a number and not a year (`2022` under `Dân số` is a header part).
fn is_number(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('%').replace([',', ' '], "");
    let year = c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) && (b'1'..=b'2').contains(&c.as_bytes()[0]);
    !c.is_empty() && !year && c.parse::<f64>().is_ok()
}

/// Column names of a header that goes on below its first line (`found[0]`): a next line fills
/// cells the line above left empty (under merged group headers) and holds no number. Up to three
/// lines; each column's name is its parts top-down, an empty upper cell taking the group header
/// to its left. `(None, 1)` for a one-line header.
fn stacked_header(found: &[RecordShape]) -> (Option<Vec<String>>, u32) {
    let Some(first) = found.first() else { return (None, 1) };
    let width = first.fields;
    let cell = |s: &RecordShape, i: usize| s.cells.get(i).map_or("", String::as_str).to_string();
    let mut rows: Vec<Vec<String>> = vec![(0..width).map(|i| cell(first, i)).collect()];
    let mut line = first.line;
    for next in found.iter().skip(1).take(2) {
        let upper = rows.last().map_or(&[][..], Vec::as_slice);
        let below: Vec<String> = (0..width).map(|i| cell(next, i)).collect();
        let fills_gap = (0..width).any(|i| upper[i].is_empty() && !below[i].is_empty());
        let adjacent = next.line == line + 1;
        if !fills_gap || !adjacent || next.fields > width || below.iter().any(|c| is_number(c)) {
            break;
        }
        line = next.line;
        rows.push(below);
    }
    if rows.len() == 1 {
        return (None, 1);
    }
    // Group headers span the empty cells to their right, over columns the lines below name.
    let depth = rows.len();
    for r in 0..depth - 1 {
        let (upper, lower) = rows.split_at_mut(r + 1);
        let mut group = String::new();
        for (i, cell) in upper[r].iter_mut().enumerate() {
            if !cell.is_empty() {
                group = cell.clone();
            } else if lower.iter().any(|row| !row[i].is_empty()) {
                *cell = group.clone();
            } else {
                group.clear();
            }
        }
    }
    let names = (0..width)
        .map(|i| {
            let mut name = String::new();
            let mut last = "";
            for row in &rows {
                let part = row[i].as_str();
                if part.is_empty() || part == last {
                    continue;
                }
                if !name.is_empty() {
                    // A lead-in (`Chia ra:`, `Trong đó:`) runs on into the part below it.
                    name.push_str(if name.ends_with(':') { " " } else { " / " });
                }
                name.push_str(part);
                last = part;
            }
            name
        })
        .collect();
    (Some(names), depth as u32)
}

/// The table as strings: one column per header cell (names made unique and non-empty), plus
/// `_line` with each row's 1-based line in the file.
pub struct RawTable {
    pub columns: Vec<String>,
    pub frame: DataFrame,
    pub header_line: u32,
    /// Columns removed as noise: unnamed index columns and empty trailing columns.
    pub dropped: Vec<String>,
    /// Header names that were repeated, with the name their later copies got.
    pub renamed: Vec<(String, String)>,
    /// Lines with text in the first cell only (notes, section titles), left out: how many, and
    /// the first few.
    pub notes: (usize, Vec<u32>),
    /// Lines with fewer fields than the header (their missing cells are empty): how many, and
    /// the first few.
    pub short_rows: (usize, Vec<u32>),
    /// Lines left out because they repeat the header (a table continued further down).
    pub repeats: usize,
    /// The unit given above the table, if any.
    pub unit: Option<String>,
    /// The title above the table, if any.
    pub title: Option<String>,
}

/// The section row above each row (`_section`), present when the table has sections.
pub const SECTION: &str = "_section";

pub const LINE: &str = "_line";

pub fn parse_table(file: &str, text: &str, sniffed: &Sniffed) -> Result<RawTable, ChisoError> {
    let body = &text[sniffed.header_byte..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniffed.delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    let read = |reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord| {
        reader.read_record(record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as u32);
            ChisoError::Usage(format!(
                "{file}:{}: cannot parse the CSV: {e}",
                sniffed.header_line + line.saturating_sub(1)
            ))
        })
    };
    if !read(&mut reader, &mut record)? {
        return Err(ChisoError::Empty { file: file.to_string() });
    }
    let trimmed = |record: &csv::StringRecord| -> Vec<String> {
        let mut cells: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        cells
    };
    // Header cells with line breaks (`Sơ bộ\n2024`) read as one line.
    let first_line: Vec<String> = record.iter().map(one_line).collect();
    // The header's lines as written, to know them again where a table is continued below.
    let mut header_lines = vec![trimmed(&record)];
    for _ in 1..sniffed.header_rows {
        if read(&mut reader, &mut record)? {
            header_lines.push(trimmed(&record));
        }
    }
    let headers: Vec<String> = match &sniffed.header_names {
        Some(names) => names.clone(),
        None => first_line,
    };
    let width = headers.len();
    let mut builders: Vec<StringChunkedBuilder> =
        (0..width).map(|i| StringChunkedBuilder::new(format!("{i}").into(), 1024)).collect();
    let mut lines: Vec<u32> = Vec::new();
    let mut short_rows: (usize, Vec<u32>) = (0, Vec::new());
    let mut notes: (usize, Vec<u32>) = (0, Vec::new());
    // Section rows (`Phân theo giới tính`, `I. Miền núi`) name the rows below them.
    let (mut section, mut sections): (Option<String>, Vec<Option<String>>) = (None, Vec::new());
    let mut any_section = false;
    let mut repeats = 0usize;
    while read(&mut reader, &mut record)? {
        // The first two filled cells and how many there are (no copy of the row).
        let (mut filled, mut n_filled) = ([(0usize, ""); 2], 0usize);
        for (i, f) in record.iter().map(str::trim).enumerate().filter(|(_, f)| !f.is_empty()) {
            if n_filled < 2 {
                filled[n_filled] = (i, f);
            }
            n_filled += 1;
        }
        if n_filled == 0 {
            continue;
        }
        let line = match record.position() {
            Some(p) => sniffed.header_line + record_start(body, p).1 - 1,
            None => sniffed.header_line,
        };
        // A table continued further down repeats its header (and a `(Tiếp theo)` line).
        let repeated = n_filled >= 2 && header_lines.iter().any(|h| same_cells(&record, h));
        if repeated || (n_filled == 1 && is_continuation(filled[0].1)) {
            repeats += 1;
            section = None;
            continue;
        }
        // A line with text in its first cell only (or a row number and text), in a table of
        // three or more columns, is a section title (`I. Miền núi`) or a note (`Nguồn: …`).
        if width >= 3 && n_filled <= 2 {
            if let Some(title) = section_title(&filled[..n_filled]) {
                notes.0 += 1;
                if notes.1.len() < 5 {
                    notes.1.push(line);
                }
                section = Some(title);
                continue;
            }
        }
        if record.len() > width && record.iter().skip(width).any(|f| !f.trim().is_empty()) {
            return Err(ChisoError::RaggedRow {
                at: Location { file: file.to_string(), line },
                found: record.len(),
                expected: width,
            });
        }
        if record.len() < width {
            short_rows.0 += 1;
            if short_rows.1.len() < 5 {
                short_rows.1.push(line);
            }
        }
        for (i, builder) in builders.iter_mut().enumerate() {
            match record.get(i) {
                Some(f) if !f.is_empty() => builder.append_value(f),
                _ => builder.append_null(),
            }
        }
        any_section |= section.is_some();
        sections.push(section.clone());
        lines.push(line);
    }
    if lines.is_empty() {
        return Err(ChisoError::HeaderOnly { file: file.to_string(), line: sniffed.header_line });
    }
    // A quote that is never closed swallows the rest of the file into one cell; quoted fields
    // always hold an even number of quote characters, so an odd count gives it away.
    if body.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        return Err(ChisoError::UnterminatedQuote {
            at: Location { file: file.to_string(), line: *lines.last().unwrap_or(&sniffed.header_line) },
        });
    }

    let names = unique_names(&headers);
    let renamed: Vec<(String, String)> = headers
        .iter()
        .zip(&names)
        .filter(|(h, n)| !h.is_empty() && h != n)
        .map(|(h, n)| (h.clone(), n.clone()))
        .collect();
    let mut columns: Vec<Column> = Vec::with_capacity(width + 1);
    let mut kept = Vec::with_capacity(width);
    let mut dropped = Vec::new();
    for (i, builder) in builders.into_iter().enumerate() {
        let series = builder.finish().with_name(names[i].as_str().into()).into_series();
        if headers[i].is_empty() && (series.null_count() == series.len() || (i == 0 && is_integer_index(&series))) {
            dropped.push(if i == 0 && series.null_count() < series.len() {
                "unnamed index column (first column)".to_string()
            } else {
                format!("empty unnamed column {}", i + 1)
            });
            continue;
        }
        kept.push(names[i].clone());
        columns.push(series.into());
    }
    columns.push(Column::new(LINE.into(), lines));
    if any_section {
        columns.push(Column::new(SECTION.into(), sections));
    }
    let frame = DataFrame::new_infer_height(columns)?;
    Ok(RawTable {
        columns: kept,
        frame,
        header_line: sniffed.header_line,
        dropped,
        renamed,
        notes,
        short_rows,
        repeats,
        unit: sniffed.unit.clone(),
        title: sniffed.title.clone(),
    })
}

/// The record's trimmed cells are `line` (trailing empty cells aside).
fn same_cells(record: &csv::StringRecord, line: &[String]) -> bool {
    let tail_empty = record.iter().skip(line.len()).all(|f| f.trim().is_empty());
    tail_empty && (0..line.len()).all(|i| record.get(i).map_or("", str::trim) == line[i])
}

/// `(Tiếp theo)`, `(continued)`, `Biểu 01 (tiếp)`: the line above a table's second half.
fn is_continuation(cell: &str) -> bool {
    let key = names::fold(cell);
    key.contains("tieptheo") || key.contains("continued") || key.ends_with("tiep")
}

static ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[IVXLC]+|[A-Za-z]|\d{1,2})[.)]?$").unwrap());
static LEADING_ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[IVXLC]+|[A-Z]|\d{1,2})[.)]\s+(\S.*)$").unwrap());

/// The title of a section row: text in the first cell and nothing else, or a row number
/// (`I`, `A.`, `2`) and text beside it. A leading `I. ` is left out of the title.
/// `filled`: the row's non-empty cells with their positions.
fn section_title(filled: &[(usize, &str)]) -> Option<String> {
    let text = match filled {
        [(0, text)] => *text,
        [(0, number), (1, text)] if ENUMERATOR.is_match(number) && !is_number_cell(text) => *text,
        _ => return None,
    };
    Some(LEADING_ENUMERATOR.captures(text).map_or(text, |c| c.get(1).map_or(text, |m| m.as_str())).to_string())
}

fn is_number_cell(cell: &str) -> bool {
    cell.trim().replace([',', '.', ' ', '%', '-'], "").chars().all(|c| c.is_ascii_digit())
}

/// An R or pandas row-name column: every cell an integer.
fn is_integer_index(series: &Series) -> bool {
    series.null_count() == 0 && series.cast(&DataType::Int64).map(|s| s.null_count() == 0).unwrap_or(false)
}

/// Empty headers become `column_N`; repeated ones get `_2`, `_3`.
fn unique_names(headers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let base = if h.is_empty() { format!("column_{}", i + 1) } else { h.clone() };
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) || name == LINE {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_with_decimal_commas_and_title() {
        let text = "Tốc độ tăng trưởng\n\nđơn vị;năm;giá trị\nLạng Sơn;2019;11,68\nCao Lộc;2019;9,5\n";
        let s = sniff(text, None, None);
        assert_eq!(s.delimiter, b';');
        assert_eq!(s.header_line, 3);
        assert!(text[s.header_byte..].starts_with("đơn vị"));
    }

    #[test]
    fn world_bank_preamble() {
        let text = "\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2024-06-28\",\n\n\"Country Name\",\"Country Code\",\"1960\",\"1961\",\n\"Aruba\",\"ABW\",\"\",\"1.5\",\n\"Viet Nam\",\"VNM\",\"2\",\"3\",\n";
        let s = sniff(text, None, None);
        assert_eq!(s.delimiter, b',');
        assert_eq!(s.header_line, 5);
        let t = parse_table("f", text, &s).unwrap();
        assert_eq!(t.columns, ["Country Name", "Country Code", "1960", "1961"]);
        assert_eq!(t.dropped, ["empty unnamed column 5"]);
        let lines: Vec<u32> = t.frame.column(LINE).unwrap().u32().unwrap().into_no_null_iter().collect();
        assert_eq!(lines, [6, 7]);
    }

    #[test]
    fn skip_overrides_detection() {
        let text = "a,b\nx,y\n1,2\n";
        let s = sniff(text, None, Some(1));
        assert_eq!(s.header_line, 2);
    }

    #[test]
    fn unnamed_index_column_is_dropped() {
        let text = ",prov,year\n1,A,2019\n2,B,2019\n";
        let t = parse_table("f", text, &sniff(text, None, None)).unwrap();
        assert_eq!(t.columns, ["prov", "year"]);
        let text = ",2019\nA,1\nB,2\n";
        let t = parse_table("f", text, &sniff(text, None, None)).unwrap();
        assert_eq!(t.columns, ["column_1", "2019"]);
    }

    #[test]
    fn header_only_and_ragged() {
        let text = "a,b\n";
        assert!(matches!(
            parse_table("f", text, &sniff(text, None, None)),
            Err(ChisoError::HeaderOnly { line: 1, .. })
        ));
        let text = "a,b\n1,2\n1,2,3\n";
        let err = parse_table("f", text, &sniff(text, None, None)).err().unwrap();
        assert_eq!(err.to_string(), "f:3: the line has 3 fields but the header has 2");
    }
}
