//! The one way out: table, CSV, TSV, JSON, NDJSON or Markdown, to stdout or to a file written
//! atomically (temporary file + rename) that is never one of the inputs. Numbers are printed
//! without binary noise (`11.68`, not `11.680000000000001`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use polars::prelude::*;

use crate::error::ChisoError;
use crate::frame;

pub mod number;
pub mod partitioned;
mod xlsx;

use number::{push_float, readable};

/// Output formats (also the values of `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for reading on a terminal
    Table,
    Csv,
    /// CSV for Excel: UTF-8 BOM, `;`, decimal comma, formula-like text neutralised
    Excel,
    Tsv,
    /// One JSON array of objects
    Json,
    /// One JSON object per line
    Ndjson,
    /// A GitHub-flavoured Markdown table
    Markdown,
    /// An Excel workbook (.xlsx): numbers as numbers, the header frozen and filtered
    Xlsx,
    /// Apache Parquet (zstd): typed columns for DuckDB, Spark and Polars
    Parquet,
}

impl Format {
    fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "ndjson" | "jsonl" => Format::Ndjson,
            "md" | "markdown" => Format::Markdown,
            "xlsx" => Format::Xlsx,
            "parquet" | "pq" => Format::Parquet,
            "txt" => Format::Table,
            _ => return None,
        })
    }
}

/// Where and how to write.
#[derive(Debug, Clone, Default)]
pub struct OutputSettings {
    pub format: Option<Format>,
    pub path: Option<PathBuf>,
    /// Fixed decimals for floats; `None` prints up to 15 significant digits.
    pub decimals: Option<usize>,
}

pub struct Output {
    settings: OutputSettings,
    format: Format,
}

impl Output {
    /// Resolves the format (flag, else the file's extension, else table on a terminal and CSV
    /// otherwise) and refuses an output path that is one of the inputs.
    pub fn new(settings: OutputSettings, inputs: &[String]) -> Result<Output, ChisoError> {
        if let Some(path) = &settings.path {
            refuse_inputs(path, inputs)?;
        }
        let format = match (settings.format, &settings.path) {
            (Some(f), _) => f,
            (None, Some(path)) => Format::from_extension(path)
                .ok_or_else(|| ChisoError::UnknownExtension { path: path.display().to_string() })?,
            (None, None) if std::io::stdout().is_terminal() => Format::Table,
            (None, None) => Format::Csv,
        };
        let binary = matches!(format, Format::Parquet | Format::Xlsx);
        if binary && settings.path.is_none() && std::io::stdout().is_terminal() {
            return Err(ChisoError::Usage(format!(
                "{} is not for a terminal: write it to a file with -o, or pipe it on",
                if format == Format::Parquet { "Parquet" } else { "A workbook" }
            )));
        }
        Ok(Output { settings, format })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes a frame; columns whose name starts with `_` are left out.
    pub fn write_frame(&self, df: &DataFrame) -> anyhow::Result<()> {
        let t = std::time::Instant::now();
        let written = match self.format {
            Format::Csv | Format::Tsv | Format::Excel => {
                let mut frames = std::iter::once(df.clone());
                self.write_frames(|| Ok(frames.next()))
            }
            Format::Xlsx => {
                let bytes = xlsx::workbook(df, self.settings.decimals)?;
                self.write_with(|w| Ok(w.write_all(&bytes)?))
            }
            Format::Parquet => self.write_with(|w| write_parquet(df, w)),
            format => {
                let for_reading = matches!(format, Format::Table | Format::Markdown);
                let cells = Cells::new(df, self.settings.decimals, for_reading, available_threads())?;
                self.write_with(|w| cells.render(format, w))
            }
        };
        crate::timing("output", t);
        written
    }

    /// Writes frames that `next` gives one after another (until `None`) as one delimited table:
    /// the header once, then the rows of each. The frames must have the same columns.
    pub fn write_frames(&self, mut next: impl FnMut() -> anyhow::Result<Option<DataFrame>>) -> anyhow::Result<()> {
        let (delimiter, excel) = match self.format {
            Format::Csv => (b',', false),
            Format::Tsv => (b'\t', false),
            Format::Excel => (b';', true),
            other => anyhow::bail!("{other:?} output cannot be written a part at a time"),
        };
        let decimals = self.settings.decimals;
        self.write_with(|w| {
            let mut names: Option<Vec<String>> = None;
            while let Some(df) = next()? {
                let shown = shown_names(&df);
                match &names {
                    None => w.write_all(&delimited_header(&shown, delimiter, excel))?,
                    Some(first) => anyhow::ensure!(*first == shown, "parts of the input gave different columns"),
                }
                names.get_or_insert(shown);
                write_delimited_rows(&df, decimals, delimiter, excel, w)?;
            }
            Ok(())
        })
    }

    /// Writes bytes as they are (e.g. a JSON document built by the caller).
    pub fn write_bytes(&self, bytes: &[u8]) -> anyhow::Result<()> {
        self.write_with(|w| Ok(w.write_all(bytes)?))
    }

    fn write_with(&self, f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
        match &self.settings.path {
            None => {
                let stdout = std::io::stdout();
                let mut w = std::io::BufWriter::new(stdout.lock());
                f(&mut w)?;
                w.flush()?;
                Ok(())
            }
            Some(path) => write_atomically(path, f),
        }
    }
}

fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// One cell of delimited text: quoted when it holds the delimiter, a quote or a line break; for
/// Excel, numbers with a decimal comma and formula-like text neutralised.
fn delimited_cell(out: &mut Vec<u8>, cell: Option<&str>, numeric: bool, delimiter: u8, excel: bool) {
    let field = |out: &mut Vec<u8>, s: &str| {
        if s.bytes().any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r') {
            out.push(b'"');
            out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(s.as_bytes());
        }
    };
    match cell {
        None => {}
        // Number text is digits, `-`, `.` and `e`: nothing to quote.
        Some(v) if numeric && !excel => out.extend_from_slice(v.as_bytes()),
        Some(v) if excel && numeric => out.extend(v.bytes().map(|b| if b == b'.' { b',' } else { b })),
        Some(v) if excel => field(out, &neutralise(v)),
        Some(v) => field(out, v),
    }
}

/// The header line of delimited text (after a byte-order mark, for Excel).
fn delimited_header(names: &[String], delimiter: u8, excel: bool) -> Vec<u8> {
    let mut header = if excel { "\u{FEFF}".as_bytes().to_vec() } else { Vec::new() };
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            header.push(delimiter);
        }
        delimited_cell(&mut header, Some(name), false, delimiter, excel);
    }
    header.push(b'\n');
    header
}

/// The names of the columns shown (internal ones, starting with `_`, left out).
fn shown_names(df: &DataFrame) -> Vec<String> {
    df.get_column_names().into_iter().filter(|n| !frame::is_internal(n)).map(|n| n.to_string()).collect()
}

/// The rows of a frame as delimited text, a slice of rows at a time: slices are formatted and laid
/// out on every core while the finished ones are written in order, so the text of a big table
/// never sits in memory whole.
fn write_delimited_rows(
    df: &DataFrame,
    decimals: Option<usize>,
    delimiter: u8,
    excel: bool,
    w: &mut dyn Write,
) -> anyhow::Result<()> {
    let (height, threads) = (df.height(), available_threads());
    let rows = height.div_ceil(threads * 8).clamp(4096, 65_536);
    let slices = height.div_ceil(rows);
    let lay_out = |k: usize| -> anyhow::Result<Vec<u8>> {
        let cells = Cells::new(&df.slice((k * rows) as i64, rows), decimals, false, 1)?;
        let mut out = Vec::new();
        cells.delimited_rows(&mut out, delimiter, excel)?;
        Ok(out)
    };
    if threads == 1 || slices <= 1 {
        for k in 0..slices {
            w.write_all(&lay_out(k)?)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (sender, receiver) = std::sync::mpsc::channel();
        for t in 0..threads {
            let (sender, lay_out) = (sender.clone(), &lay_out);
            scope.spawn(move || {
                for k in (t..slices).step_by(threads) {
                    // The writer has stopped (an error, a closed pipe): nothing more to do.
                    if sender.send((k, lay_out(k))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (k, bytes) in receiver {
            waiting.insert(k, bytes);
            while let Some(bytes) = waiting.remove(&next) {
                w.write_all(&bytes?)?;
                next += 1;
            }
        }
        anyhow::ensure!(next == slices, "writing the rows failed");
        Ok(())
    })
}

/// A frame as Parquet (zstd), its internal columns left out: numbers stay typed, text UTF-8.
pub fn write_parquet(df: &DataFrame, w: &mut dyn Write) -> anyhow::Result<()> {
    use polars_io::prelude::{ParquetCompression, ParquetWriter};
    let mut shown = df.select(shown_names(df))?;
    ParquetWriter::new(w).with_compression(ParquetCompression::Zstd(None)).finish(&mut shown)?;
    Ok(())
}

/// A column as text. Lists and structs (a `chiso sql` result with `array_agg`) as Polars writes
/// them (`[1.5, 2.0]`), a missing one empty: Polars casts none of them to text, so each cell is
/// written.
pub(crate) fn text_column(c: &Column) -> PolarsResult<Column> {
    if !c.dtype().is_nested() {
        return c.cast(&DataType::String);
    }
    let cells: Vec<Option<String>> =
        (0..c.len()).map(|i| c.get(i).map(|v| (!v.is_null()).then(|| v.to_string()))).collect::<PolarsResult<_>>()?;
    Ok(Column::new(c.name().clone(), cells))
}

/// Refuses an output path that is one of the inputs (the same file under another name too).
pub fn refuse_inputs(path: &Path, inputs: &[String]) -> Result<(), ChisoError> {
    let target = std::fs::canonicalize(path).ok();
    for input in inputs.iter().filter(|i| *i != "-") {
        let same = match (&target, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => Path::new(input) == path,
        };
        if same {
            return Err(ChisoError::OutputIsInput { path: path.display().to_string() });
        }
    }
    Ok(())
}

/// Checks that a document or image may be written at `path`: it is none of the `inputs`, and
/// it does not exist unless `force` says to replace it.
pub fn check_target(path: &Path, inputs: &[String], force: bool) -> Result<(), ChisoError> {
    refuse_inputs(path, inputs)?;
    if path.exists() && !force {
        return Err(ChisoError::Exists { path: path.display().to_string() });
    }
    Ok(())
}

/// Writes a file through a temporary file in the same folder, renamed into place when complete,
/// so a reader never sees half a file and a failure leaves the old one.
pub fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // A temporary file is private (0600); the result should be readable like any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        f(&mut w)?;
        w.flush()?;
    }
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// A text cell Excel would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading
/// `'`, as OWASP advises for CSV injection; text that is a plain number (`-5`) is left alone.
pub fn neutralise(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.trim().parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A frame as text cells, column by column, in chunks of rows.
struct Cells {
    names: Vec<String>,
    numeric: Vec<bool>,
    /// `columns[c][k]`: the cells of column `c` in rows `k × chunk ..`.
    columns: Vec<Vec<TextColumn>>,
    chunk: usize,
    height: usize,
}

/// Cells as one text buffer and where each ends (`MISSING` bit set: no value): no allocation
/// per cell, four bytes of bookkeeping each.
#[derive(Default)]
struct TextColumn {
    text: String,
    ends: Vec<u32>,
}

const MISSING: u32 = 1 << 31;

impl TextColumn {
    /// Appends a cell written by `write` (which returns false for a missing one).
    fn push_with(&mut self, write: impl FnOnce(&mut String) -> bool) {
        let present = write(&mut self.text);
        let end = self.text.len() as u32;
        self.ends.push(if present { end } else { end | MISSING });
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = self.ends[i];
        if end & MISSING != 0 {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] & !MISSING };
        Some(&self.text[start as usize..end as usize])
    }
}

impl Cells {
    /// The cells of `df`, formatted on `threads` threads (1: on this one).
    fn new(df: &DataFrame, decimals: Option<usize>, for_reading: bool, threads: usize) -> anyhow::Result<Cells> {
        let float = |out: &mut String, x: f64| match decimals {
            None if for_reading => readable(x).map(|s| out.push_str(&s)).is_some(),
            _ => push_float(out, x, decimals),
        };
        let shown: Vec<&Column> = df.columns().iter().filter(|c| !frame::is_internal(c.name())).collect();
        // Numbers as f64 / i64, anything else as text: cast once per column.
        let cast: Vec<Column> = shown
            .iter()
            .map(|c| {
                let dtype = c.dtype();
                if dtype.is_float() {
                    c.cast(&DataType::Float64)
                } else if dtype.is_integer() {
                    c.cast(&DataType::Int64)
                } else {
                    text_column(c)
                }
            })
            .collect::<PolarsResult<_>>()?;
        let height = df.height();
        let chunk = height.div_ceil(threads * 4).max(1024);
        let chunks = height.div_ceil(chunk).max(1);
        let text = |c: &Column, k: usize| -> PolarsResult<TextColumn> {
            let (offset, len) = (k * chunk, chunk.min(height.saturating_sub(k * chunk)));
            let part = c.slice(offset as i64, len);
            let mut out = TextColumn { text: String::with_capacity(len * 12), ends: Vec::with_capacity(len) };
            match part.dtype() {
                DataType::Float64 => part.f64()?.iter().for_each(|v| out.push_with(|t| v.is_some_and(|x| float(t, x)))),
                DataType::Int64 => {
                    let mut buffer = itoa::Buffer::new();
                    part.i64()?
                        .iter()
                        .for_each(|v| out.push_with(|t| v.map(|x| t.push_str(buffer.format(x))).is_some()))
                }
                _ => part.str()?.iter().for_each(|v| out.push_with(|t| v.map(|s| t.push_str(s)).is_some())),
            }
            Ok(out)
        };
        // Pieces (a column's chunk of rows) are turned into text side by side, one thread per core.
        let pieces: Vec<(usize, usize)> = (0..cast.len()).flat_map(|c| (0..chunks).map(move |k| (c, k))).collect();
        let mut columns: Vec<Vec<TextColumn>> =
            (0..cast.len()).map(|_| (0..chunks).map(|_| TextColumn::default()).collect()).collect();
        if threads <= 1 || pieces.len() == 1 {
            for &(c, k) in &pieces {
                columns[c][k] = text(&cast[c], k)?;
            }
        } else {
            std::thread::scope(|scope| -> anyhow::Result<()> {
                let workers: Vec<_> = (0..threads)
                    .map(|t| {
                        let (pieces, cast, text) = (&pieces, &cast, &text);
                        scope.spawn(move || -> PolarsResult<Vec<(usize, usize, TextColumn)>> {
                            pieces
                                .iter()
                                .skip(t)
                                .step_by(threads)
                                .map(|&(c, k)| Ok((c, k, text(&cast[c], k)?)))
                                .collect()
                        })
                    })
                    .collect();
                for worker in workers {
                    for (c, k, cells) in worker.join().map_err(|_| anyhow::anyhow!("formatting a column failed"))?? {
                        columns[c][k] = cells;
                    }
                }
                Ok(())
            })?;
        }
        let names = shown.iter().map(|c| c.name().to_string()).collect();
        let numeric = shown.iter().map(|c| c.dtype().is_primitive_numeric()).collect();
        Ok(Cells { names, numeric, columns, chunk, height })
    }

    fn render(&self, format: Format, w: &mut dyn Write) -> anyhow::Result<()> {
        match format {
            Format::Csv => self.delimited(w, b',', false),
            Format::Excel => self.delimited(w, b';', true),
            Format::Tsv => self.delimited(w, b'\t', false),
            Format::Json => self.json(w, true),
            Format::Ndjson => self.json(w, false),
            Format::Markdown => self.markdown(w),
            Format::Table => self.table(w),
            Format::Xlsx | Format::Parquet => anyhow::bail!("{format:?} is written whole, not as text cells"),
        }
    }

    fn row(&self, i: usize) -> impl Iterator<Item = Option<&str>> + '_ {
        let (k, j) = (i / self.chunk, i % self.chunk);
        self.columns.iter().map(move |c| c[k].get(j))
    }

    fn delimited(&self, w: &mut dyn Write, delimiter: u8, excel: bool) -> anyhow::Result<()> {
        w.write_all(&delimited_header(&self.names, delimiter, excel))?;
        self.delimited_rows(w, delimiter, excel)
    }

    /// The rows (no header) as delimited text.
    fn delimited_rows(&self, w: &mut dyn Write, delimiter: u8, excel: bool) -> anyhow::Result<()> {
        let mut out = Vec::with_capacity(self.height * 16 * self.names.len());
        for i in 0..self.height {
            for (c, (cell, numeric)) in self.row(i).zip(&self.numeric).enumerate() {
                if c > 0 {
                    out.push(delimiter);
                }
                delimited_cell(&mut out, cell, *numeric, delimiter, excel);
            }
            out.push(b'\n');
        }
        Ok(w.write_all(&out)?)
    }

    fn json(&self, w: &mut dyn Write, array: bool) -> anyhow::Result<()> {
        let object = |i: usize| -> String {
            let fields: Vec<String> = self
                .row(i)
                .zip(&self.names)
                .zip(&self.numeric)
                .map(|((cell, name), numeric)| {
                    let value = match cell {
                        None => "null".to_string(),
                        Some(v) if *numeric => v.to_string(),
                        Some(v) => serde_json::to_string(v).unwrap_or_default(),
                    };
                    format!("{}:{}", serde_json::to_string(name).unwrap_or_default(), value)
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        };
        if array {
            writeln!(w, "[")?;
            for i in 0..self.height {
                let comma = if i + 1 < self.height { "," } else { "" };
                writeln!(w, "  {}{comma}", object(i))?;
            }
            writeln!(w, "]")?;
        } else {
            for i in 0..self.height {
                writeln!(w, "{}", object(i))?;
            }
        }
        Ok(())
    }

    fn markdown(&self, w: &mut dyn Write) -> anyhow::Result<()> {
        let escape = |s: &str| s.replace('|', "\\|").replace(['\n', '\r'], " ");
        writeln!(w, "| {} |", self.names.iter().map(|n| escape(n)).collect::<Vec<_>>().join(" | "))?;
        let rule: Vec<&str> = self.numeric.iter().map(|n| if *n { "---:" } else { "---" }).collect();
        writeln!(w, "| {} |", rule.join(" | "))?;
        for i in 0..self.height {
            let cells: Vec<String> = self.row(i).map(|c| escape(c.unwrap_or(""))).collect();
            writeln!(w, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }

    fn table(&self, w: &mut dyn Write) -> anyhow::Result<()> {
        use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(&self.names);
        for i in 0..self.height {
            table.add_row(self.row(i).map(|c| c.unwrap_or("")));
        }
        for (i, numeric) in self.numeric.iter().enumerate() {
            if *numeric {
                if let Some(column) = table.column_mut(i) {
                    column.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        writeln!(w, "{table}")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1:A2)"), "'=SUM(A1:A2)");
        assert_eq!(neutralise("+84"), "+84");
        assert_eq!(neutralise("-cmd"), "'-cmd");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-5"), "-5");
        assert_eq!(neutralise("Lạng Sơn"), "Lạng Sơn");
    }

    #[test]
    fn renders_every_format() {
        let df = df!("area" => ["Lạng Sơn", "A|B"], "value" => [Some(11.68), None], "_line" => [1u32, 2]).unwrap();
        let cells = Cells::new(&df, None, false, 1).unwrap();
        let render = |f| {
            let mut out = Vec::new();
            cells.render(f, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(render(Format::Csv), "area,value\nLạng Sơn,11.68\nA|B,\n");
        assert_eq!(render(Format::Excel), "\u{FEFF}area;value\nLạng Sơn;11,68\nA|B;\n");
        assert_eq!(
            render(Format::Ndjson),
            "{\"area\":\"Lạng Sơn\",\"value\":11.68}\n{\"area\":\"A|B\",\"value\":null}\n"
        );
        assert_eq!(render(Format::Markdown), "| area | value |\n| --- | ---: |\n| Lạng Sơn | 11.68 |\n| A\\|B |  |\n");
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(json[0]["value"], 11.68);
    }

    #[test]
    fn slices_written_in_order() {
        // Enough rows for many slices laid out side by side; text needing quotes among them.
        let n = 50_000;
        let df = df!(
            "area" => (0..n).map(|i| if i % 7 == 0 { format!("a,{i}") } else { format!("a{i}") }).collect::<Vec<_>>(),
            "value" => (0..n).map(|i| (i % 3 != 0).then_some(i as f64 / 8.0)).collect::<Vec<_>>(),
            "n" => (0..n as i64).collect::<Vec<_>>(),
        )
        .unwrap();
        let cells = Cells::new(&df, None, false, 1).unwrap();
        for (format, delimiter, excel) in
            [(Format::Csv, b',', false), (Format::Excel, b';', true), (Format::Tsv, b'\t', false)]
        {
            let (mut whole, mut sliced) = (Vec::new(), Vec::new());
            cells.render(format, &mut whole).unwrap();
            sliced.extend(delimited_header(&shown_names(&df), delimiter, excel));
            write_delimited_rows(&df, None, delimiter, excel, &mut sliced).unwrap();
            assert!(whole == sliced, "{format:?}");
        }
        let text = String::from_utf8(cells_text(&df)).unwrap();
        assert!(text.starts_with("area,value,n\n\"a,0\",,0\na1,0.125,1\n"));
        assert_eq!(text.lines().count(), n + 1);
    }

    fn cells_text(df: &DataFrame) -> Vec<u8> {
        let mut out = delimited_header(&shown_names(df), b',', false);
        write_delimited_rows(df, None, b',', false, &mut out).unwrap();
        out
    }
}
