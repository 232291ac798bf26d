//! Parquet inputs: one file (`PAR1` at both ends), or a folder of them laid out the Hive way
//! (`indicator=GDP/part-0.parquet`) as `chiso convert --partition-by` writes it, and as Spark,
//! DuckDB and Polars do. A file is read whole by Polars' reader; its table then goes the way of
//! any other: the layout and the column roles are found on its first rows as text, and numeric
//! value columns are taken as numbers without a trip through text.

use std::path::{Path, PathBuf};

use polars::prelude::*;
use polars_io::prelude::{ParquetReader, SerReader};

use super::sniff::{RawTable, LINE};
use super::{layout, ReadOptions};
use crate::error::ChisoError;

/// Rows looked at, as text, to find the layout and column roles.
const SAMPLE_ROWS: usize = 10_000;

/// The folder name Hive gives a partition whose value is missing.
pub const MISSING_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

/// True for the bytes of a Parquet file.
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1")
}

/// True when the file at `path` is a Parquet file (only its first and last bytes are read).
pub fn is_parquet_file(path: &str) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let (mut head, mut tail) = ([0u8; 4], [0u8; 4]);
    let read =
        file.read_exact(&mut head).and_then(|_| file.seek(SeekFrom::End(-4))).and_then(|_| file.read_exact(&mut tail));
    read.is_ok() && &head == b"PAR1" && &tail == b"PAR1"
}

fn error(file: &str, message: impl std::fmt::Display) -> ChisoError {
    ChisoError::Parquet { file: file.to_string(), message: message.to_string() }
}

/// The table of a Parquet file held in memory.
pub fn read(file: &str, bytes: &[u8]) -> Result<DataFrame, ChisoError> {
    finish(file, ParquetReader::new(std::io::Cursor::new(bytes)))
}

/// Reads the whole table. Polars' reader panics on some files (a repeated field without a list
/// annotation, found among Apache's parquet-testing files): that is an unreadable file, not a
/// crash, and its panic message is not printed.
fn finish<R: polars_io::mmap::MmapBytesReader>(file: &str, reader: ParquetReader<R>) -> Result<DataFrame, ChisoError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.finish()));
    std::panic::set_hook(hook);
    match read {
        Ok(table) => table.map_err(|e| error(file, e)),
        Err(_) => Err(error(file, "Polars' reader failed on its structure (a layout it does not support)")),
    }
}

/// Columns chiso cannot read as text or numbers (lists, structs, binary data).
fn unreadable(dtype: &DataType) -> bool {
    dtype.is_nested() || matches!(dtype, DataType::Binary | DataType::BinaryOffset)
}

/// Every Parquet file under `dir` (folders and files starting with `.` or `_` left out, as Spark
/// and Hive do), stacked, with a text column for each `name=value` folder on the way to it.
pub fn read_folder(dir: &Path) -> Result<DataFrame, ChisoError> {
    let name = dir.display().to_string();
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|source| ChisoError::Read { path: dir.to_path_buf(), source })?;
    if files.is_empty() {
        return Err(ChisoError::IsDirectory { file: name });
    }
    let mut keys: Option<Vec<String>> = None;
    let mut tables = Vec::with_capacity(files.len());
    for path in &files {
        let shown = path.display().to_string();
        let partitions = partitions(path.strip_prefix(dir).unwrap_or(path));
        let these: Vec<String> = partitions.iter().map(|(k, _)| k.clone()).collect();
        match &keys {
            Some(first) if *first != these => {
                return Err(error(
                    &shown,
                    format!(
                        "its folders name the partitions {} where the folder's first file has {}",
                        list(&these),
                        list(first)
                    ),
                ))
            }
            _ => keys = Some(these),
        }
        let file = std::fs::File::open(path).map_err(|source| ChisoError::Read { path: path.clone(), source })?;
        let mut table = finish(&shown, ParquetReader::new(file))?;
        let height = table.height();
        for (key, value) in partitions {
            // A file holding the partition column itself keeps its own values.
            if table.column(&key).is_err() {
                let value = match value {
                    Some(v) => AnyValue::StringOwned(v.into()),
                    None => AnyValue::Null,
                };
                let column = Column::new_scalar(key.as_str().into(), Scalar::new(DataType::String, value), height);
                table.with_column(column).map_err(|e| error(&shown, e))?;
            }
        }
        tables.push(table.lazy());
    }
    concat(tables, UnionArgs { diagonal: true, to_supertypes: true, ..Default::default() })
        .and_then(LazyFrame::collect)
        .map_err(|e| error(&name, format!("its files do not stack into one table: {e}")))
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// The Parquet files under `dir`, in name order.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with(['.', '_']) {
            continue;
        }
        if path.is_dir() {
            walk(&path, files)?;
        } else if is_parquet_file(&path.to_string_lossy()) {
            files.push(path);
        }
    }
    Ok(())
}

/// The `name=value` folders of a path inside a partitioned dataset, values unescaped (`None`
/// for Hive's missing value).
fn partitions(relative: &Path) -> Vec<(String, Option<String>)> {
    let folders = relative.parent().map(|p| p.components().collect::<Vec<_>>()).unwrap_or_default();
    folders
        .iter()
        .filter_map(|c| {
            let text = c.as_os_str().to_string_lossy();
            let (key, value) = text.split_once('=')?;
            let value = (value != MISSING_PARTITION).then(|| unescape(value));
            Some((unescape(key), value))
        })
        .collect()
}

/// A partition value as a folder name: the characters Hive escapes (`/`, `=`, `%`, quotes, …,
/// control characters) written `%XX`, as Spark and Hive do; a missing or empty value is Hive's
/// default partition.
pub fn escape(value: Option<&str>) -> String {
    match value {
        None | Some("") => MISSING_PARTITION.to_string(),
        Some(v) => {
            let mut out = String::with_capacity(v.len());
            for c in v.chars() {
                if c.is_control() || "\"#%'*/:=?\\{[]^".contains(c) || c == '\u{7f}' {
                    let mut bytes = [0u8; 4];
                    for b in c.encode_utf8(&mut bytes).bytes() {
                        out.push_str(&format!("%{b:02X}"));
                    }
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// The value a folder name stands for (`%2F` → `/`).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A table read from Parquet as the raw table the layout is found on: row *i* counts as line
/// *i* + 2, the line it has in the same table written as CSV with its header. Numeric value
/// columns stay numbers; everything else is text.
pub fn raw_table(
    file: &str,
    stem: &str,
    table: DataFrame,
    opts: &ReadOptions,
    src: u32,
) -> Result<RawTable, ChisoError> {
    // Lists and structs hold no observation chiso could read: left out, and said (`dropped`).
    let nested: Vec<String> = table
        .columns()
        .iter()
        .filter(|c| unreadable(c.dtype()))
        .map(|c| format!("{} ({})", c.name(), c.dtype()))
        .collect();
    let table = if nested.is_empty() {
        table
    } else {
        let flat: Vec<PlSmallStr> =
            table.columns().iter().filter(|c| !unreadable(c.dtype())).map(|c| c.name().clone()).collect();
        table.select(flat)?
    };
    let columns: Vec<String> = table.get_column_names().iter().map(|n| n.to_string()).collect();
    if columns.is_empty() && !nested.is_empty() {
        return Err(error(file, format!("no column holds text or numbers: {}", nested.join(", "))));
    }
    if columns.is_empty() || table.height() == 0 {
        return Err(ChisoError::Empty { file: file.to_string() });
    }
    if let Some(name) = columns.iter().find(|c| crate::frame::is_internal(c)) {
        return Err(error(file, format!("column '{name}': names starting with '_' are chiso's own; rename it")));
    }
    let floats: Vec<bool> = table.columns().iter().map(|c| c.dtype().is_float()).collect();
    let as_text = |df: &DataFrame| -> PolarsResult<DataFrame> {
        let text: Vec<Expr> = columns.iter().zip(&floats).map(|(c, float)| text(c, *float)).collect();
        df.clone().lazy().select(text).collect()
    };
    let lines = |n: usize| UInt32Chunked::from_iter_values(LINE.into(), 2..2 + n as u32).into_column();
    let raw = |mut frame: DataFrame| -> PolarsResult<RawTable> {
        frame.with_column(lines(frame.height()))?;
        Ok(RawTable {
            columns: columns.clone(),
            frame,
            header_line: 1,
            dropped: nested.clone(),
            renamed: Vec::new(),
            notes: (0, Vec::new()),
            short_rows: (0, Vec::new()),
            repeats: 0,
            unit: None,
            title: None,
        })
    };
    let sample = raw(as_text(&table.head(Some(SAMPLE_ROWS)))?)?;
    let shaped = layout::shape(file, stem, &sample, b',', opts, src)?;
    let numeric = |name: &String| table.column(name).is_ok_and(|c| c.dtype().is_primitive_numeric());
    let numbers = !shaped.value_columns.is_empty()
        && !shaped.has_plans
        && shaped.value_columns.iter().all(numeric)
        && sample.frame.height() == table.height().min(SAMPLE_ROWS);
    // Columns ignored by their header alone (`year` beside `period`, `sub`, codes) are never
    // read: no text copy of them is made (it held 320 MB of a 10-million-row file).
    let unread = layout::ignored_by_name(file, &sample, opts)?;
    let frame = if numbers {
        // Value columns as numbers (NaN and infinities are no values), the rest as text.
        let exprs: Vec<Expr> = columns
            .iter()
            .filter(|c| !unread.contains(c))
            .map(|c| {
                if shaped.value_columns.contains(c) {
                    finite(col(c.as_str()).cast(DataType::Float64)).alias(c.as_str())
                } else {
                    text(c, false)
                }
            })
            .collect();
        let mut frame = table.lazy().select(exprs).collect()?;
        // Unread columns stay, empty (a constant column takes no memory per row).
        for c in &unread {
            frame.with_column(Column::full_null(c.as_str().into(), frame.height(), &DataType::String))?;
        }
        frame.select(columns.iter().map(String::as_str))?
    } else {
        as_text(&table)?
    };
    Ok(raw(frame)?)
}

/// A column as text (a float's NaN and infinities as missing).
fn text(name: &str, float: bool) -> Expr {
    let x = if float { finite(col(name)) } else { col(name) };
    x.cast(DataType::String).alias(name)
}

/// NaN and infinities as missing: no number a planner could use.
fn finite(x: Expr) -> Expr {
    when(x.clone().is_finite()).then(x).otherwise(lit(NULL))
}
