//! The errors chiso reports to a person: each names the file, line and column it is about, and
//! knows the `hint:` and exit code that go with it. Printing them is left to `main`.

use std::fmt;
use std::path::PathBuf;

/// Exit code for a problem with the data or an input file.
pub const EXIT_DATA: i32 = 1;
/// Exit code for a mistake in how chiso was called.
pub const EXIT_USAGE: i32 = 2;
/// Exit code for a failure inside chiso (a Polars query, a template, a thread): a bug to report.
pub const EXIT_INTERNAL: i32 = 3;

/// One place in an input: the file as the user named it and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChisoError {
    #[error("cannot read {path}")]
    Read { path: PathBuf, source: std::io::Error },

    #[error("{file}: is a directory, not a file")]
    IsDirectory { file: String },

    #[error("{file}: the file is empty")]
    Empty { file: String },

    #[error("{file}: the file has a header (line {line}) but no data rows")]
    HeaderOnly { file: String, line: u32 },

    #[error("{}: none of the {rows} data rows has both an area and a period; nothing is left to read{}", .files.join(", "), .why.iter().map(|w| format!("\n  {w}")).collect::<String>())]
    NothingLeft { files: Vec<String>, rows: usize, why: Vec<String> },

    #[error("{at}: the series {series} comes back here with periods read before; a file read a part at a time cannot be checked for duplicates then")]
    SplitSeries { at: Location, series: String },

    #[error("{at}: not valid UTF-8 (byte 0x{byte:02X} at column {column})")]
    NotUtf8 { at: Location, column: usize, byte: u8 },

    #[error("{file}: {message}")]
    Workbook { file: String, message: String },

    #[error("the SQL query failed: {message}\n  {query}")]
    Sql { message: String, query: String, tables: Vec<String> },

    #[error("{file}:{line}: {message}")]
    Config { file: String, line: usize, message: String, unknown_key: bool },

    #[error("{file}: cannot read as Parquet: {message}")]
    Parquet { file: String, message: String },

    /// Any failure on a file whose text looks like old TCVN3 (`TØnh`, `Hµ Néi`).
    #[error("{message}")]
    LooksTcvn3 { file: String, message: String },

    #[error("{file}: the workbook has several sheets that may hold a table: {}", .sheets.join(", "))]
    WhichSheet { file: String, sheets: Vec<String> },

    #[error("{file}: no sheet '{given}'; the sheets are: {}", .sheets.join(", "))]
    NoSuchSheet { file: String, given: String, sheets: Vec<String> },

    #[error("unknown encoding '{label}'")]
    UnknownEncoding { label: String },

    #[error("{at}: a quoted field starts here and is never closed (an odd number of '\"' in the file)")]
    UnterminatedQuote { at: Location },

    #[error("{file}: --skip {skip} skips past the end of the file ({lines} lines)")]
    SkipTooFar { file: String, skip: usize, lines: usize },

    #[error("{at}: the line has {found} fields but the header has {expected}")]
    RaggedRow { at: Location, found: usize, expected: usize },

    #[error("{at}: column '{column}': '{}' is not a number{}", shown(.value), more_cells(*.more))]
    BadValue {
        at: Location,
        column: String,
        value: String,
        /// How many other cells of the file do not read as numbers either.
        more: usize,
        hint: String,
    },

    #[error(
        "{at}: column '{column}': '{}' is not a period (expected e.g. 2019, 2019-Q1, Q1/2019, 2019-03, 03/2019)", shown(.value)
    )]
    BadPeriod { at: Location, column: String, value: String },

    #[error("conflicting duplicates: {} more than one value:\n{}", if *.count == 1 { "1 series and period has".to_string() } else { format!("{} series and periods have", .count) }, .examples.join("\n"))]
    ConflictingDuplicates { count: usize, examples: Vec<String>, days: bool },

    #[error("{file}: {flag} '{column}' is not a column; the columns are: {}", .found.join(", "))]
    ColumnNotFound { file: String, flag: String, column: String, found: Vec<String> },

    #[error("{file}: no period column found (looked for year, period, TIME_PERIOD, năm, … and for period headers such as 2019)")]
    NoPeriod { file: String },

    #[error("{file}: no value column and no indicator or period columns found; the columns are: {}", .found.join(", "))]
    NoValues { file: String, found: Vec<String> },

    #[error("{file}: no area column found; the columns are: {}", .found.join(", "))]
    NoArea { file: String, found: Vec<String> },

    #[error("no {what} matches '{given}'; {what}s are: {}", .known.join(", "))]
    NoMatch { what: &'static str, given: String, known: Vec<String> },

    #[error("'{given}' is not a period for {flag} (expected e.g. 2019, 2019-Q1, 2019-03)")]
    BadPeriodFlag { flag: &'static str, given: String },

    #[error("{file}: cannot read the metadata: {message}")]
    BadMeta { file: String, message: String },

    #[error("{file}: the plan file matches no area of the data (its areas: {examples})")]
    PlanMatchesNothing { file: String, examples: String },

    #[error("{path} exists")]
    Exists { path: String },

    #[error("refusing to write {path}: it is one of the inputs")]
    OutputIsInput { path: String },

    #[error("cannot tell the output format from '{path}'")]
    UnknownExtension { path: String },

    #[error("{0}")]
    Usage(String),

    /// A problem with what the data hold (nothing to draw, no plan…).
    #[error("{0}")]
    Data(String),

    /// A Polars failure inside chiso's own queries: a bug, not a problem with the user's data.
    #[error("internal error (a bug in chiso): {0}")]
    Internal(#[from] polars::prelude::PolarsError),

    /// Another failure inside chiso (a template, a thread).
    #[error("internal error (a bug in chiso): {0}")]
    Bug(String),
}

/// A cell as shown in a message: control characters escaped, at most 60 characters.
pub fn shown(cell: &str) -> String {
    let mut out = String::new();
    for (i, c) in cell.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn more_cells(more: usize) -> String {
    match more {
        0 => String::new(),
        1 => " (and 1 more cell)".to_string(),
        n => format!(" (and {n} more cells)"),
    }
}

impl ChisoError {
    /// A flag or action that would fix the problem, printed after the error as `hint: …`.
    pub fn hint(&self) -> Option<String> {
        match self {
            ChisoError::NotUtf8 { .. } => Some(
                "the file is not UTF-8; name its encoding, e.g. --encoding windows-1258 (Vietnamese Windows) or --encoding windows-1252"
                    .into(),
            ),
            ChisoError::UnknownEncoding { .. } => Some(
                "use a WHATWG label such as utf-8, utf-16le, windows-1258, windows-1252, iso-8859-1, or tcvn3 for .VnTime (ABC) text".into(),
            ),
            ChisoError::LooksTcvn3 { .. } => Some(
                "the text looks like old TCVN3 (.VnTime) Vietnamese ('TØnh' for 'Tỉnh', 'Hµ Néi' for 'Hà Nội'): add --encoding tcvn3".into(),
            ),
            ChisoError::WhichSheet { file, .. } => {
                Some(format!("pick one with --sheet NAME or --sheet NUMBER; `chiso inspect {file}` shows what each holds"))
            }
            ChisoError::NoSuchSheet { .. } => {
                Some("give a sheet's name (case and diacritics are ignored) or its number, 1 for the first".into())
            }
            ChisoError::BadValue { hint, .. } => Some(hint.clone()),
            ChisoError::BadPeriod { value, .. } if crate::period::unsupported(value).is_some() => {
                crate::period::unsupported(value).map(str::to_string)
            }
            ChisoError::BadPeriod { .. } => Some(
                "if this column is not the period, name the right one with --period-col, or pick the layout with --layout".into(),
            ),
            ChisoError::ConflictingDuplicates { days: true, .. } => Some(
                "these are days of one month: chiso reads a date as the month it falls in (a reference date), so daily series are not supported; sum or average each month's days first, or keep one date a month".into(),
            ),
            ChisoError::ConflictingDuplicates { .. } => Some(
                "keep one row per series and period, or tell the series apart with an extra column (e.g. source or scenario)".into(),
            ),
            ChisoError::ColumnNotFound { .. } => Some("column names are matched exactly; copy one from the list".into()),
            ChisoError::NoPeriod { .. } => Some("name the period column with --period-col, or give one period for the whole file with --period 2019".into()),
            ChisoError::NoValues { .. } => Some("name the value column with --value-col, or the layout with --layout".into()),
            ChisoError::NoArea { .. } => {
                Some("name the area column with --area-col, or give the area of every row with --area-name".into())
            }
            ChisoError::PlanMatchesNothing { .. } => Some(
                "spellings differ between the files: give --areas datasets/vn-provinces.csv or an --aliases file (alias,area)".into(),
            ),
            ChisoError::Config { unknown_key: true, .. } => Some(format!(
                "the keys are {}; --no-config ignores the file",
                crate::config::KEYS.iter().map(|(k, _, _)| *k).collect::<Vec<_>>().join(", ")
            )),
            ChisoError::Config { .. } => Some("fix the line, or ignore the file with --no-config".into()),
            ChisoError::Sql { tables, .. } => Some(format!("the tables are {}", tables.join("; "))),
            ChisoError::IsDirectory { .. } => Some(
                "a folder is read when it holds Parquet files (as `chiso convert --partition-by` writes them); otherwise name the files in it".into(),
            ),
            ChisoError::HeaderOnly { .. } => Some("if the header is further down, skip the lines above it with --skip N".into()),
            ChisoError::SplitSeries { .. } => Some(
                "sort the file by area, indicator and period, or have it read whole by setting CHISO_STREAM_FROM above its size in bytes (it then needs about five times its size in memory)".into(),
            ),
            ChisoError::NothingLeft { .. } => Some(
                "if the area or period is in another column, name it with --area-col or --period-col (or give one with --area-name or --period)".into(),
            ),
            ChisoError::RaggedRow { .. } => Some("check the delimiter (--delimiter) or skip preamble lines with --skip N".into()),
            ChisoError::UnterminatedQuote { .. } => Some("close the quote, or remove the stray '\"' from the cell".into()),
            ChisoError::SkipTooFar { .. } => Some("give a smaller --skip, or none: chiso finds the header itself".into()),
            ChisoError::Exists { .. } => Some("add --force to replace it, or choose another name".into()),
            ChisoError::OutputIsInput { .. } => Some("write to another file name; chiso never overwrites an input".into()),
            ChisoError::UnknownExtension { .. } => Some("use .csv, .tsv, .json, .ndjson, .md or .txt, or give --format".into()),
            _ => None,
        }
    }

    /// The error of a part of a file read on its own, with the lines the checks of characters
    /// count from the part's start moved `lines` further down (other messages count lines of the
    /// whole file already, see `ReadOptions::first_line`).
    pub fn lines_later(self, lines: u32) -> ChisoError {
        match self {
            ChisoError::NotUtf8 { at, column, byte } => {
                ChisoError::NotUtf8 { at: Location { line: at.line + lines, ..at }, column, byte }
            }
            other => other,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            ChisoError::ColumnNotFound { .. }
            | ChisoError::BadPeriodFlag { .. }
            | ChisoError::UnknownEncoding { .. }
            | ChisoError::UnknownExtension { .. }
            | ChisoError::Sql { .. }
            | ChisoError::Config { .. }
            | ChisoError::Usage(_) => EXIT_USAGE,
            ChisoError::Internal(_) | ChisoError::Bug(_) => EXIT_INTERNAL,
            _ => EXIT_DATA,
        }
    }
}

pub type Result<T, E = anyhow::Error> = std::result::Result<T, E>;

#[cfg(test)]
mod internal_tests {
    use super::*;

    #[test]
    fn polars_failures_are_bugs_with_their_own_exit_code() {
        let e = ChisoError::from(polars::prelude::PolarsError::ComputeError("lengths differ".into()));
        assert_eq!(e.exit_code(), EXIT_INTERNAL);
        assert_eq!(e.to_string(), "internal error (a bug in chiso): lengths differ");
        assert_eq!(e.hint(), None);
        assert_eq!(ChisoError::Bug("the quality checks stopped".into()).exit_code(), EXIT_INTERNAL);
    }
}
