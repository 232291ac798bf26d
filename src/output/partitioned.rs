//! A Hive-partitioned Parquet dataset: one folder per value of the partition columns
//! (`indicator=GDP/part-0.parquet`), the partition columns held by the folder names only, as
//! Spark, Hive and DuckDB write and read them. Written into a new folder beside the target and
//! moved into place when complete, so a reader never sees half a dataset.

use std::path::Path;

use anyhow::Context;
use polars::prelude::*;

use crate::error::ChisoError;
use crate::input::parquet::escape;

/// What was written: the number of files.
pub struct Written {
    pub files: usize,
}

/// Writes `df` partitioned by `by` into the folder `dir`. An existing folder is replaced only
/// with `force`, and only when it holds a partitioned dataset (nothing but `name=value` folders
/// and hidden files); a folder holding an input is never written.
pub fn write(df: &DataFrame, by: &[String], dir: &Path, inputs: &[String], force: bool) -> anyhow::Result<Written> {
    let shown: Vec<String> =
        df.get_column_names().iter().filter(|n| !crate::frame::is_internal(n)).map(|n| n.to_string()).collect();
    for column in by {
        if !shown.contains(column) {
            return Err(ChisoError::ColumnNotFound {
                file: "the output".into(),
                flag: "--partition-by".into(),
                column: column.clone(),
                found: shown.clone(),
            }
            .into());
        }
    }
    anyhow::ensure!(by.len() < shown.len(), "--partition-by names every column: nothing would be left in the files");
    check_folder(dir, inputs, force)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let staging = tempfile::Builder::new()
        .prefix(".chiso-partitions-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    let parts =
        df.select(shown.iter().map(String::as_str))?.partition_by_stable(by.iter().map(String::as_str), true)?;
    for part in &parts {
        let mut folder = staging.path().to_path_buf();
        for column in by {
            let value = part.column(column)?.cast(&DataType::String)?;
            folder.push(format!("{}={}", escape(Some(column)), escape(value.str()?.get(0))));
        }
        std::fs::create_dir_all(&folder).with_context(|| format!("cannot create {}", folder.display()))?;
        let rows = part.drop_many(by.iter().map(String::as_str));
        let path = folder.join("part-0.parquet");
        let mut file = std::io::BufWriter::new(
            std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?,
        );
        super::write_parquet(&rows, &mut file)?;
        std::io::Write::flush(&mut file)?;
    }
    let staging = staging.keep();
    if dir.exists() {
        // Replaced (checked above): the old dataset moves aside, the new one in, the old goes.
        let old = tempfile::Builder::new().prefix(".chiso-old-").tempdir_in(parent)?.keep();
        std::fs::rename(dir, old.join("dataset"))?;
        std::fs::rename(&staging, dir)?;
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staging, dir).with_context(|| format!("cannot write {}", dir.display()))?;
    }
    Ok(Written { files: parts.len() })
}

/// The target folder may be written: it does not exist, or is empty, or (with `force`) holds a
/// partitioned dataset only; no input lies inside it.
fn check_folder(dir: &Path, inputs: &[String], force: bool) -> Result<(), ChisoError> {
    let target = std::fs::canonicalize(dir).ok();
    for input in inputs.iter().filter(|i| *i != "-") {
        let inside = match (&target, std::fs::canonicalize(input).ok()) {
            (Some(t), Some(i)) => i.starts_with(t),
            _ => false,
        };
        if inside {
            return Err(ChisoError::OutputIsInput { path: dir.display().to_string() });
        }
    }
    if !dir.exists() {
        return Ok(());
    }
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(ChisoError::Usage(format!("{shown} is a file: --partition-by writes a folder")));
    }
    let entries: Vec<String> = std::fs::read_dir(dir)
        .map_err(|source| ChisoError::Read { path: dir.to_path_buf(), source })?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(ChisoError::Exists { path: shown });
    }
    let dataset = entries.iter().all(|e| e.starts_with(['.', '_']) || (e.contains('=') && dir.join(e).is_dir()));
    if !dataset {
        return Err(ChisoError::Usage(format!(
            "{shown} holds files other than a partitioned dataset (name=value folders): not replaced, even with --force"
        )));
    }
    Ok(())
}
