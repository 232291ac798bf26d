//! `chiso inspect`: how chiso reads the files (see [`crate::dataset::inspect`]); for a workbook
//! named alone, what each sheet holds.

use crate::cli::InspectArgs;
use crate::dataset::inspect::{inspect, workbook_contents};
use crate::output::{Format, Output};

pub fn run(args: InspectArgs) -> anyhow::Result<()> {
    let settings = args.input.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    if let Some(contents) = workbook_contents(&settings)? {
        return output.write_frame(&contents);
    }
    let inspection = inspect(&settings)?;
    if output.format() == Format::Json {
        let mut text = serde_json::to_string_pretty(&inspection)?;
        text.push('\n');
        return output.write_bytes(text.as_bytes());
    }
    output.write_frame(&inspection.fields()?)
}
