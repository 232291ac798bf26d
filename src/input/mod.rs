//! The one way in: reads paths or stdin, decodes, finds the table, detects the layout and column
//! roles, and returns the canonical long frame (see [`crate::frame`]) with a report of what was found
//! and the warnings met on the way. Analytics and printing are left to others.

mod decode;
pub mod eurostat;
mod fast;
pub mod layout;
pub mod parquet;
pub mod parts;
mod passes;
pub mod sniff;
pub mod tcvn3;
pub mod values;
pub mod workbook;

use std::io::Read;
use std::path::Path;

use polars::prelude::*;
use serde::Serialize;

pub use decode::Bytes;
pub use layout::{Detected, Layout};
use sniff::RawTable;

use crate::core::Known;
use crate::error::{ChisoError, Location};
use crate::frame::{self, AREA, LINE, VALUE};
use crate::period;

/// How to read the inputs; built from the command line, usable without it.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub delimiter: Option<u8>,
    pub decimal_comma: bool,
    pub thousands: bool,
    /// Null markers; an empty cell is always missing too.
    pub nulls: Vec<String>,
    pub skip: Option<usize>,
    pub encoding: Option<String>,
    pub layout: Option<Layout>,
    pub area_col: Option<String>,
    pub indicator_col: Option<String>,
    pub period_col: Option<String>,
    pub value_col: Option<String>,
    pub period: Option<String>,
    pub indicator_name: Option<String>,
    /// The area of every row, for a file with no area column (an area's own report).
    pub area_name: Option<String>,
    /// Reading a plan file: a `plan`/`target` column is the value when there is no value column.
    pub plans: bool,
    /// Lines of the file before this text (a part of a file read on its own): added to every
    /// line number, so that messages name lines of the whole file.
    pub first_line: u32,
    /// The text is a part of a bigger file: it must be UTF-8 (parts are not each detected).
    pub part: bool,
    /// `--sheet`: the sheet of a workbook to read (a name or a 1-based number).
    pub sheet: Option<String>,
    /// `--hidden-rows`: read the rows a workbook's sheet hides too.
    pub hidden_rows: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            decimal_comma: false,
            thousands: false,
            nulls: values::DEFAULT_NULLS.iter().map(|s| s.to_string()).collect(),
            skip: None,
            encoding: None,
            layout: None,
            area_col: None,
            indicator_col: None,
            period_col: None,
            value_col: None,
            period: None,
            indicator_name: None,
            area_name: None,
            plans: false,
            first_line: 0,
            part: false,
            sheet: None,
            hidden_rows: false,
        }
    }
}

/// What was found in one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    /// Things worth knowing that are no problem (the encoding detected), also in [`Loaded::notes`].
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Warnings about this file's shape (short rows…), also in [`Loaded::warnings`].
    #[serde(skip)]
    pub warnings: Vec<String>,
    pub encoding: String,
    pub delimiter: String,
    pub line_endings: &'static str,
    pub header_line: u32,
    pub lines_skipped: u32,
    pub rows: usize,
    pub dropped_columns: Vec<String>,
    #[serde(flatten)]
    pub detected: Detected,
}

/// The canonical frame of all inputs, stacked, with what was found and the warnings.
pub struct Loaded {
    /// Canonical columns plus `_src` and `_line` (see [`frame`]).
    pub frame: DataFrame,
    pub files: Vec<FileReport>,
    pub warnings: Vec<String>,
    /// Printed as `note:` before the warnings.
    pub notes: Vec<String>,
    /// The distinct values of some label columns, in order of first appearance (as
    /// [`crate::core::distinct`] gives them), kept while they hold for `frame`.
    pub labels: Labels,
    /// What the loader found out about the order of the rows of `frame`.
    pub known: Known,
}

/// Distinct values of label columns: (column, values).
pub type Labels = Vec<(String, Column)>;

impl Loaded {
    /// The distinct values of column `name`, in order of first appearance.
    pub fn distinct(&self, name: &str) -> PolarsResult<Column> {
        match self.labels.iter().find(|(n, _)| n == name) {
            Some((_, values)) => Ok(values.clone()),
            None => crate::core::distinct(&self.frame, name),
        }
    }

    /// The file name a `_src` index stands for.
    pub fn file(&self, src: u32) -> &str {
        self.files.get(src as usize).map_or("?", |f| f.file.as_str())
    }

    /// Prints each note and warning once on stderr.
    pub fn print_warnings(&self) {
        self.notes.iter().for_each(crate::messages::note);
        self.warnings.iter().for_each(crate::messages::warning);
    }
}

/// Files from this size on are mapped into memory rather than copied into it.
const MAP_FROM: u64 = 16 << 20;

fn read_bytes(input: &str) -> Result<Bytes, ChisoError> {
    if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| ChisoError::Read { path: "<stdin>".into(), source })?;
        return Ok(bytes.into());
    }
    let path = Path::new(input);
    if path.is_dir() {
        return Err(ChisoError::IsDirectory { file: input.to_string() });
    }
    let failed = |source| ChisoError::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(failed)?;
    if file.metadata().map_err(failed)?.len() >= MAP_FROM {
        if let Some(map) = map_file(&file) {
            return Ok(Bytes::Mapped(map));
        }
    }
    let mut bytes = Vec::new();
    std::io::BufReader::new(file).read_to_end(&mut bytes).map_err(failed)?;
    Ok(bytes.into())
}

/// The file mapped into memory (read only).
fn map_file(file: &std::fs::File) -> Option<memmap2::Mmap> {
    // SAFETY: chiso only reads the mapping; a file changed by another program while chiso reads
    // it is undefined for any reader.
    unsafe { memmap2::Mmap::map(file) }.ok()
}

fn display_name(input: &str) -> String {
    if input == "-" {
        "<stdin>".to_string()
    } else {
        input.to_string()
    }
}

/// The file name without its folder (`data/pci.csv` → `pci.csv`), for footers and sources.
pub fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The file name without folder and extension: the indicator of a file that names none.
pub fn stem(input: &str) -> String {
    if input == "-" {
        return "stdin".to_string();
    }
    Path::new(input).file_stem().map_or_else(|| input.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads every input (a path, or `-` for stdin) into one canonical frame.
pub fn load(inputs: &[String], opts: &ReadOptions) -> Result<Loaded, ChisoError> {
    warm_up();
    let t = std::time::Instant::now();
    // A spinner while big files are read whole (their parts are not counted as they go).
    let size: u64 =
        inputs.iter().filter(|i| *i != "-").filter_map(|i| std::fs::metadata(i).ok()).map(|m| m.len()).sum();
    let _progress = (size >= crate::tuning::get().progress_from).then(|| {
        let what = if inputs.len() == 1 { inputs[0].clone() } else { format!("{} files", inputs.len()) };
        crate::messages::Progress::spinner(&format!("reading {what} ({})", indicatif::HumanBytes(size)))
    });
    let mut sources = Vec::with_capacity(inputs.len());
    for input in inputs {
        let (name, stem) = (display_name(input), stem(input));
        if input != "-" && Path::new(input).is_dir() {
            let table = parquet::read_folder(Path::new(input))?;
            sources.push(Source { name, stem, bytes: Vec::new().into(), table: Some(table) });
        } else {
            sources.push(Source::new(name, stem, read_bytes(input)?));
        }
    }
    crate::timing("files read", t);
    load_sources(sources, opts)
}

/// Starts one-time set-ups on another core while the files are read and sniffed: the period
/// patterns (compiled on first use), then the 8 MiB of zeroes Polars shares between all-null
/// columns and empty bitmaps, written and faulted in page by page on first use. Together a few
/// milliseconds, most of a small file's first steps.
fn warm_up() {
    std::thread::spawn(|| {
        // A label with a digit that is no period tries (and so compiles) every pattern.
        let _ = period::parse("0 x");
        Series::full_null("".into(), 1, &DataType::String)
    });
}

/// How a workbook sheet's text is read: `;`-separated (see [`workbook`]), numbers written with a
/// decimal point.
pub fn sheet_options(opts: &ReadOptions) -> ReadOptions {
    ReadOptions { delimiter: Some(b';'), ..opts.clone() }
}

/// True when the file starts like a workbook (only its first bytes are read).
pub fn is_workbook_file(path: &str) -> bool {
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    read.is_ok() && workbook::container(&head).is_some()
}

/// A file mapped into memory, to be read a part at a time (see [`parts`]): no byte-order mark,
/// `\n` line ends. Each part is checked as UTF-8 when read.
pub struct MappedText(memmap2::Mmap);

impl MappedText {
    /// `None` for a file that cannot be mapped or is not such text (the whole-file reader then
    /// reads it, or says what is wrong with it).
    pub fn open(path: &str) -> Option<MappedText> {
        let map = map_file(&std::fs::File::open(path).ok()?)?;
        // Read once from start to end: the kernel may drop pages behind the reader.
        let _ = map.advise(memmap2::Advice::Sequential);
        let bom = encoding_rs::Encoding::for_bom(&map).is_some();
        let text = !bom && !parquet::is_parquet(&map) && workbook::container(&map).is_none();
        (text && map.contains(&b'\n')).then_some(MappedText(map))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The text of the first `len` bytes or so (up to the last whole character of UTF-8).
    pub fn prefix(&self, len: usize) -> &str {
        let head = &self.0[..len.min(self.0.len())];
        match std::str::from_utf8(head) {
            Ok(text) => text,
            // SAFETY: `valid_up_to` bytes are UTF-8.
            Err(e) => unsafe { std::str::from_utf8_unchecked(&head[..e.valid_up_to()]) },
        }
    }

    /// Lets go of the memory holding the whole pages inside `range` (bytes read and done with):
    /// read again, they come back from the file.
    pub fn release(&self, range: std::ops::Range<usize>) {
        const PAGE: usize = 4096;
        let (start, end) = (range.start.div_ceil(PAGE) * PAGE, range.end.min(self.0.len()) / PAGE * PAGE);
        if start < end {
            // SAFETY: a read-only mapping of a file: dropped pages are read from the file again
            // if touched, with the same bytes (the assumption of any mapped reading).
            let _ = unsafe { self.0.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start) };
        }
    }
}

/// An input already in memory: its name for messages, the default indicator name, the bytes (or
/// a table already read, such as a folder of Parquet files).
pub struct Source {
    pub name: String,
    pub stem: String,
    pub bytes: Bytes,
    pub table: Option<DataFrame>,
}

impl Source {
    pub fn new(name: String, stem: String, bytes: Bytes) -> Source {
        Source { name, stem, bytes, table: None }
    }
}

/// Reads inputs held in memory into one canonical frame (what [`load`] does after reading files).
pub fn load_sources(sources: Vec<Source>, opts: &ReadOptions) -> Result<Loaded, ChisoError> {
    if let Some(p) = &opts.period {
        if period::parse(p).is_none() {
            return Err(ChisoError::BadPeriodFlag { flag: "--period", given: p.clone() });
        }
    }
    let start = std::time::Instant::now();
    let mut files = Vec::new();
    let mut parts = Vec::new();
    let mut warnings = Vec::new();
    for (src, source) in sources.into_iter().enumerate() {
        let (part, report) = load_file(source, opts, src as u32)?;
        parts.push(part);
        warnings.extend(report.warnings.iter().cloned());
        files.push(report);
    }
    let stacked = if parts.len() == 1 {
        parts.remove(0)
    } else {
        let parts = parts.into_iter().map(DataFrame::lazy).collect::<Vec<_>>();
        concat(parts, UnionArgs { diagonal: true, to_supertypes: true, ..Default::default() })
            .and_then(LazyFrame::collect)?
    };
    crate::timing("read, shaped and stacked", start);
    let t = std::time::Instant::now();
    let lap = |what: &str| crate::timing(what, t);
    let notes = files.iter().flat_map(|f| f.notes.iter().cloned()).collect();
    let mut loaded =
        Loaded { frame: stacked, files, warnings: Vec::new(), notes, labels: Vec::new(), known: Known::default() };
    loaded.frame = passes::parse_periods(&loaded, &opts.nulls)?;
    lap("periods");
    let check_tcvn3 = !opts.encoding.as_deref().is_some_and(tcvn3::is_label);
    let (frame, tcvn3_warning, labels) = passes::clean_names(loaded.frame, &opts.nulls, check_tcvn3)?;
    loaded.frame = frame;
    loaded.labels = labels;
    warnings.extend(tcvn3_warning);
    lap("names");
    let (before, height) = (warnings.len(), loaded.frame.height());
    loaded.frame = passes::drop_empty_keys(&loaded, &mut warnings)?;
    if loaded.frame.height() != height {
        // A name may have gone with the rows left out.
        loaded.labels.clear();
    }
    if loaded.frame.height() == 0 {
        let files = loaded.files.iter().map(|f| f.file.clone()).collect();
        let rows = loaded.files.iter().map(|f| f.rows).sum();
        return Err(ChisoError::NothingLeft { files, rows, why: warnings.split_off(before) });
    }
    lap("empty keys");
    let known;
    (loaded.frame, known) = passes::dedupe(&loaded, &mut warnings)?;
    lap("duplicates");
    let resorted;
    (loaded.frame, resorted) = passes::order_columns(loaded.frame)?;
    // What the duplicates were told with holds for these rows, unless they were sorted.
    if !resorted {
        loaded.known = known;
    }
    lap("ordered");
    loaded.warnings = warnings;
    Ok(loaded)
}

/// One file: bytes → text → table → canonical rows with numeric values.
fn load_file(source: Source, opts: &ReadOptions, src: u32) -> Result<(DataFrame, FileReport), ChisoError> {
    let Source { name: file, stem, bytes, table } = source;
    let t = std::time::Instant::now();
    let table = match table {
        Some(table) => Some(table),
        None if parquet::is_parquet(&bytes) => Some(parquet::read(&file, &bytes)?),
        None => None,
    };
    if let Some(table) = table {
        crate::timing(&format!("{file}: table read"), t);
        return load_table(file, stem, table, opts, src);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ChisoError::Empty { file });
    }
    let t = std::time::Instant::now();
    let mut warnings = Vec::new();
    let mut chosen = Vec::new();
    let tcvn3 = opts.encoding.as_deref().is_some_and(tcvn3::is_label);
    let sheet_opts;
    let (decoded, opts) = if workbook::container(&bytes).is_some() {
        sheet_opts = sheet_options(opts);
        // A sheet is readable when it loads as a table of its own.
        let readable = |sheet: &workbook::SheetText| {
            let source = Source::new(file.clone(), stem.clone(), sheet.text.clone().into_bytes().into());
            load_sources(vec![source], &sheet_opts).is_ok()
        };
        let sheet = workbook::Workbook::open(&file, &bytes, tcvn3)?
            .with_hidden_rows(opts.hidden_rows)
            .choose(opts.sheet.as_deref(), readable)?;
        if opts.sheet.is_none() && sheet.of > 1 {
            chosen.push(format!(
                "{file}: read sheet {} '{}', the one of its {} sheets with a table (--sheet picks another)",
                sheet.sheet.number, sheet.sheet.name, sheet.of
            ));
        }
        let hidden = &sheet.sheet.hidden_rows;
        if !hidden.is_empty() {
            let shown: Vec<String> = hidden.iter().take(5).map(u32::to_string).collect();
            let more = if hidden.len() > 5 { ", …" } else { "" };
            warnings.push(format!(
                "{file}: sheet '{}' hides {} ({}{more}); {} (--hidden-rows reads {})",
                sheet.sheet.name,
                if hidden.len() == 1 { "1 row".to_string() } else { format!("{} rows", hidden.len()) },
                shown.join(", "),
                if opts.hidden_rows { "read like the others" } else { "left out, as Excel shows the sheet" },
                if hidden.len() == 1 { "it" } else { "them" },
            ));
        }
        crate::timing(&format!("{file}: sheet read"), t);
        (decode::Decoded::owned(sheet.text, sheet.described), &sheet_opts)
    } else {
        if workbook::has_workbook_extension(&file) {
            if bytes.iter().take(1 << 16).any(|b| *b == 0) {
                return Err(ChisoError::Workbook {
                    file,
                    message: "not a workbook: neither a zip (xlsx, xlsm, ods) nor an OLE (xls) file, and not text"
                        .into(),
                });
            }
            warnings.push(format!("{file}: named like a workbook but holds text; read as delimited text"));
        }
        if opts.sheet.is_some() {
            warnings.push(format!("{file}: --sheet is ignored: the file is not a workbook"));
        }
        (decode::decode(&file, bytes, opts.encoding.as_deref(), !opts.part)?, opts)
    };
    crate::timing(&format!("{file}: decoded"), t);
    let mut notes = chosen;
    if let Some(found) = decoded.encoding.strip_suffix(" (detected; --encoding overrides)") {
        notes.push(format!("{file} is not UTF-8: read as {found} (detected; --encoding overrides)"));
    }
    // Old .VnTime spreadsheets: say so if the file cannot be read as it is.
    let text = decoded.text();
    let head = &text[..(0..=text.len().min(4096)).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0)];
    let looks_tcvn3 = !tcvn3 && head.split([',', ';', '\t', '\n']).any(tcvn3::looks_like);
    let tcvn3_hint = |e: ChisoError| {
        if looks_tcvn3 {
            ChisoError::LooksTcvn3 { file: file.clone(), message: e.to_string() }
        } else {
            e
        }
    };
    if decoded.text().trim().is_empty() {
        return Err(ChisoError::Empty { file });
    }
    if let Some(skip) = opts.skip {
        let lines = decoded.text().lines().count();
        if skip >= lines {
            return Err(ChisoError::SkipTooFar { file, skip, lines });
        }
    }
    let t = std::time::Instant::now();
    let mut sniffed = sniff::sniff(decoded.text(), opts.delimiter, opts.skip);
    sniffed.header_line += opts.first_line;
    let fast = fast::read(&file, &stem, decoded.text(), &sniffed, opts, src);
    let fast_reader = fast.is_some();
    let (mut raw, fast_opts) = match fast {
        Some((raw, fast_opts)) => (raw, Some(fast_opts)),
        None => (sniff::parse_table(&file, decoded.text(), &sniffed)?, None),
    };
    if eurostat::is_eurostat(&raw.columns) {
        raw = eurostat::reshape(raw)?;
    }
    let opts = fast_opts.as_ref().unwrap_or(opts);
    crate::timing(&format!("{file}: parsed{}", if fast_reader { " (fast reader)" } else { "" }), t);
    let (df, detected) = shape_rows(&file, &stem, &raw, sniffed.delimiter, opts, src, &mut warnings, tcvn3_hint)?;
    crate::timing(&format!("{file}: shaped"), t);
    let report = FileReport {
        warnings,
        notes,
        file,
        encoding: decoded.encoding.clone(),
        delimiter: match sniffed.delimiter {
            b'\t' => "tab".to_string(),
            d => (d as char).to_string(),
        },
        line_endings: if decoded.cr_only {
            "CR (classic Mac)"
        } else if decoded.text().split_once('\n').is_some_and(|(first, _)| first.ends_with('\r')) {
            // The first line ending tells (scanning a big file for "\r\n" costs).
            "CRLF"
        } else {
            "LF"
        },
        header_line: raw.header_line,
        lines_skipped: raw.header_line - 1,
        rows: raw.frame.height(),
        dropped_columns: raw.dropped.clone(),
        detected,
    };
    Ok((df, report))
}

/// A table read already (Parquet): its layout and column roles are found as for a text table.
fn load_table(
    file: String,
    stem: String,
    table: DataFrame,
    opts: &ReadOptions,
    src: u32,
) -> Result<(DataFrame, FileReport), ChisoError> {
    let t = std::time::Instant::now();
    let raw = parquet::raw_table(&file, &stem, table, opts, src)?;
    crate::timing(&format!("{file}: raw table"), t);
    let mut warnings = Vec::new();
    // Lists and structs, and binary data: left out, each kind said once.
    let (binary, nested): (Vec<&String>, Vec<&String>) = raw.dropped.iter().partition(|d| d.ends_with("(binary)"));
    for (columns, what) in [(nested, "nested values"), (binary, "binary data")] {
        if !columns.is_empty() {
            let names: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
            warnings.push(format!(
                "{file}: {} {what}, not observations: left out ({})",
                if names.len() == 1 { "1 column holds".to_string() } else { format!("{} columns hold", names.len()) },
                names.join(", ")
            ));
        }
    }
    let (df, detected) = shape_rows(&file, &stem, &raw, b',', opts, src, &mut warnings, |e| e)?;
    crate::timing(&format!("{file}: table shaped"), t);
    let report = FileReport {
        warnings,
        notes: Vec::new(),
        file,
        encoding: "Parquet".to_string(),
        delimiter: "none (Parquet)".to_string(),
        line_endings: "none (Parquet)",
        header_line: raw.header_line,
        lines_skipped: 0,
        rows: raw.frame.height(),
        dropped_columns: raw.dropped.clone(),
        detected,
    };
    Ok((df, report))
}

/// A raw table's rows in the canonical columns, numbers read, with the warnings about its shape.
#[allow(clippy::too_many_arguments)]
fn shape_rows(
    file: &str,
    stem: &str,
    raw: &RawTable,
    delimiter: u8,
    opts: &ReadOptions,
    src: u32,
    warnings: &mut Vec<String>,
    hint: impl Fn(ChisoError) -> ChisoError,
) -> Result<(DataFrame, Detected), ChisoError> {
    let t = std::time::Instant::now();
    let mut shaped = layout::shape(file, stem, raw, delimiter, opts, src).map_err(hint)?;

    // The fast reader has read the values as numbers already.
    let mut lf = shaped.frame;
    let read_as_numbers = lf.collect_schema()?.get(frame::RAW) == Some(&DataType::Float64);
    lf = if read_as_numbers {
        lf.with_column(col(frame::RAW).alias(VALUE))
    } else {
        lf.with_column(values::text(col(frame::RAW), &shaped.format.nulls).alias(frame::RAW))
            .with_column(values::number_from_text(col(frame::RAW), &shaped.format).alias(VALUE))
    };
    if shaped.detected.open_sdg {
        lf = lf.with_column(col(AREA).fill_null(lit("Total")));
    }
    let df = lf.collect()?;
    crate::timing(&format!("{file}: numbers read"), t);
    if !read_as_numbers {
        check_values(file, &df, &shaped.format)?;
    }
    let mut df = df.drop_many([frame::RAW, frame::COLUMN]);
    // Levels from area codes are kept only when they mark an aggregate.
    if let Ok(level) = df.column(frame::LEVEL) {
        let aggregates = level.str()?.iter().any(|l| l == Some(layout::AGGREGATE));
        if !aggregates {
            df = df.drop_many([frame::LEVEL]);
            // The code column said nothing: it is only an ignored column.
            let detected = &mut shaped.detected;
            let suffix = format!(" → {}", frame::LEVEL);
            if let Some(i) = detected.attributes.iter().position(|a| a.ends_with(&suffix)) {
                let code = detected.attributes.remove(i);
                detected.ignored.push(code.trim_end_matches(&suffix).to_string());
                detected.ignored.sort_by_key(|c| raw.columns.iter().position(|r| r == c));
            }
        }
    }
    if df.column(frame::PLAN).is_ok() {
        let bounds = plan_bounds(&df);
        df = df.lazy().with_columns(bounds).drop(by_name([frame::PLAN], true, false)).collect()?;
    }
    if df.column(frame::TARGET_YEAR).is_ok() {
        df = plans_at_their_period(df, &shaped.detected.dimensions)?;
    }
    for (header, name) in &raw.renamed {
        warnings
            .push(format!("{file}: the header repeats the column name '{header}'; a later copy is read as '{name}'"));
    }
    if raw.notes.0 > 0 {
        let sections = raw.frame.column(sniff::SECTION).is_ok() && shaped.detected.indicator.ends_with("section rows");
        warnings.push(format!(
            "{file}: {} with text in the first cell only (notes or section titles) left out ({}){}",
            if raw.notes.0 == 1 { "1 line".to_string() } else { format!("{} lines", raw.notes.0) },
            which_lines(&raw.notes),
            if sections { "; a section title names the indicators below it" } else { "" },
        ));
    }
    if raw.short_rows.0 > 0 {
        warnings.push(format!(
            "{file}: {} fewer fields than the header ({}); the missing cells are read as empty",
            if raw.short_rows.0 == 1 { "1 line has".to_string() } else { format!("{} lines have", raw.short_rows.0) },
            which_lines(&raw.short_rows),
        ));
    }
    Ok((df, shaped.detected))
}

/// `line 7` or `lines 7, 9, …` for a count of lines and the first few of them.
fn which_lines((count, first): &(usize, Vec<u32>)) -> String {
    let listed: Vec<String> = first.iter().map(u32::to_string).collect();
    let more = if *count > first.len() { ", …" } else { "" };
    format!("line{} {}{more}", if *count == 1 { "" } else { "s" }, listed.join(", "))
}

/// A `target_year` column (a long file of targets: `target 3, target_year 2025` on every row)
/// moves each plan to the period it is for: the row of that period takes it, or a row with the
/// plan and no value stands for it (as a planning table's `KH 2025` column gives); the other
/// rows keep no plan. When rows disagree on a target, the last one's stands.
fn plans_at_their_period(df: DataFrame, dimensions: &[String]) -> PolarsResult<DataFrame> {
    let has = |c: &str| df.column(c).is_ok();
    if !has(frame::PLAN_LOW) && !has(frame::PLAN_HIGH) {
        return Ok(df.drop_many([frame::TARGET_YEAR]));
    }
    let bounds: Vec<&str> = [frame::PLAN_LOW, frame::PLAN_HIGH].into_iter().filter(|b| has(b)).collect();
    let mut key: Vec<String> = [AREA, frame::INDICATOR].into_iter().filter(|c| has(c)).map(String::from).collect();
    key.extend(dimensions.iter().filter(|d| has(d)).cloned());
    let cols = |names: &[String]| -> Vec<Expr> { names.iter().map(|c| col(c.as_str())).collect() };
    let with = |extra: &str| -> Vec<String> { key.iter().cloned().chain([extra.to_string()]).collect() };
    let planned = bounds.iter().map(|b| col(*b).is_not_null()).reduce(Expr::or).unwrap_or(lit(false));
    let plans = df
        .clone()
        .lazy()
        .filter(col(frame::TARGET_YEAR).is_not_null().and(planned))
        .unique_stable(Some(by_name(with(frame::TARGET_YEAR), true, false)), UniqueKeepStrategy::Last);
    // Rows of other periods keep no plan; the row of the target's period takes it.
    let own = col(frame::PERIOD).eq(col(frame::TARGET_YEAR)).fill_null(lit(false));
    let cleared: Vec<Expr> = bounds
        .iter()
        .map(|b| when(own.clone()).then(col(*b)).otherwise(lit(NULL).cast(DataType::Float64)).alias(*b))
        .collect();
    let targets = plans.clone().select(
        cols(&key)
            .into_iter()
            .chain([col(frame::TARGET_YEAR).alias("_for")])
            .chain(bounds.iter().map(|b| col(*b).alias(format!("_target_{b}"))))
            .collect::<Vec<_>>(),
    );
    let taken: Vec<Expr> =
        bounds.iter().map(|b| col(*b).fill_null(col(format!("_target_{b}").as_str())).alias(*b)).collect();
    let rows = df
        .clone()
        .lazy()
        .with_columns(cleared)
        .join(targets, cols(&with(frame::PERIOD)), cols(&with("_for")), crate::core::key_join(JoinType::Left))
        .with_columns(taken)
        .select([all().exclude_cols(bounds.iter().map(|b| format!("_target_{b}")).collect::<Vec<_>>()).as_expr()]);
    // Target periods with no row: the plan's own row, without a value or status.
    let statuses: Vec<Expr> = [frame::FLAG, frame::FLAG_SOURCE, frame::HEADER_FLAG]
        .into_iter()
        .filter(|c| has(c))
        .map(|c| lit(NULL).cast(DataType::String).alias(c))
        .collect();
    let periods = df.clone().lazy().select(cols(&with(frame::PERIOD)));
    let alone = plans
        .join(periods, cols(&with(frame::TARGET_YEAR)), cols(&with(frame::PERIOD)), JoinArgs::new(JoinType::Anti))
        .with_columns([col(frame::TARGET_YEAR).alias(frame::PERIOD), lit(NULL).cast(DataType::Float64).alias(VALUE)])
        .with_columns(statuses);
    concat([rows, alone], UnionArgs { diagonal: true, ..Default::default() })?
        .drop(by_name([frame::TARGET_YEAR, "_for"], false, false))
        .collect()
}

/// `plan` fills whichever of `plan_low` / `plan_high` the file lacks.
fn plan_bounds(df: &DataFrame) -> Vec<Expr> {
    [frame::PLAN_LOW, frame::PLAN_HIGH]
        .into_iter()
        .map(|bound| {
            if df.column(bound).is_ok() {
                col(bound).fill_null(col(frame::PLAN)).alias(bound)
            } else {
                col(frame::PLAN).alias(bound)
            }
        })
        .collect()
}

/// A cell that is not missing and not a number stops the load, naming where it is.
fn check_values(file: &str, df: &DataFrame, format: &values::NumberFormat) -> Result<(), ChisoError> {
    let bad = df
        .clone()
        .lazy()
        .filter(col(frame::RAW).is_not_null().and(col(VALUE).is_null()))
        .select([col(LINE), col(frame::COLUMN), col(frame::RAW)])
        .sort([LINE], SortMultipleOptions::default().with_maintain_order(true))
        .collect()?;
    if bad.height() == 0 {
        return Ok(());
    }
    let line = bad.column(LINE)?.u32()?.get(0).unwrap_or(0);
    let text = |name: &str| -> String {
        bad.column(name).ok().and_then(|c| c.str().ok()?.get(0).map(str::to_string)).unwrap_or_default()
    };
    let value = text(frame::RAW);
    Err(ChisoError::BadValue {
        at: Location { file: file.to_string(), line },
        column: text(frame::COLUMN),
        hint: values::hint_for(&value, format),
        value: value.trim().to_string(),
        more: bad.height() - 1,
    })
}
