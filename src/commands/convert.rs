//! `chiso convert`: the canonical long frame, filtered, in any output format — the pipe primitive.
//! A big long file is read and written a part at a time, so it need not fit in memory.

use crate::cli::ConvertArgs;
use crate::error::ChisoError;
use crate::output::{partitioned, Format, Output};

use crate::dataset::parts::{big_input, Parts};
use crate::dataset::{DataSettings, Dataset};

pub fn run(args: ConvertArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    if !args.partition_by.is_empty() {
        return partitioned(&args, &settings);
    }
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let delimited = matches!(output.format(), Format::Csv | Format::Tsv | Format::Excel);
    if let Some(map) = big_input(&settings).filter(|_| delimited) {
        if let Some(parts) = Parts::open(&settings, &map)? {
            parts.note();
            return stream(&settings, &output, parts);
        }
    }
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.frame.collect()?)
}

/// `--partition-by`: a Hive-partitioned Parquet dataset in the folder `-o` names.
fn partitioned(args: &ConvertArgs, settings: &DataSettings) -> anyhow::Result<()> {
    let output = args.output.settings();
    if output.format.is_some_and(|f| f != Format::Parquet) {
        return Err(ChisoError::Usage("--partition-by writes Parquet only: leave out --format".into()).into());
    }
    let Some(dir) = &output.path else {
        return Err(ChisoError::Usage("--partition-by needs the folder to write in: -o FOLDER".into()).into());
    };
    let mut dataset = Dataset::open(settings)?;
    dataset.print_warnings()?;
    let frame = dataset.frame.collect()?;
    let written = partitioned::write(&frame, &args.partition_by, dir, &settings.inputs, args.force)?;
    crate::messages::note(format!(
        "wrote {} rows in {} Parquet files under {} (partitioned by {})",
        frame.height(),
        written.files,
        dir.display(),
        args.partition_by.join(", ")
    ));
    Ok(())
}

/// Converts and writes the file a part at a time.
fn stream(settings: &DataSettings, output: &Output, mut parts: Parts) -> anyhow::Result<()> {
    // What the first part holds, for the message when no part has what a filter asks for.
    let first = parts.first().map(|p| p.loaded.frame.clone()).unwrap_or_default();
    let known = |column: &str| -> anyhow::Result<Vec<String>> {
        let mut names = crate::dataset::distinct(&first, column)?;
        names.truncate(40);
        names.push("… (those of the file's first part)".to_string());
        Ok(names)
    };
    let (areas, indicators) = (known(crate::frame::AREA)?, known(crate::frame::INDICATOR)?);
    let filters = &settings.filter;
    let mut rows = 0;
    output.write_frames(|| {
        let Some(mut dataset) = parts.next_part()? else {
            if rows == 0 && !(filters.areas.is_empty() && filters.indicators.is_empty()) {
                // No part had what the filters ask for.
                let (what, given, known) = match filters.areas.first() {
                    Some(area) => ("area", area, areas.clone()),
                    None => ("indicator", &filters.indicators[0], indicators.clone()),
                };
                return Err(ChisoError::NoMatch { what, given: given.clone(), known }.into());
            }
            return Ok(None);
        };
        dataset.print_warnings()?;
        let frame = dataset.frame.collect()?;
        parts.check(&frame, &dataset.key)?;
        rows += frame.height();
        Ok(Some(frame))
    })
}
