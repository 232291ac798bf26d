//! `chiso chart`: one indicator of the filtered data drawn to PNG or SVG (see [`crate::chart`]).

use crate::chart::ImageFormat;
use crate::cli::ChartArgs;
use crate::dataset::Dataset;
use crate::error::ChisoError;
use crate::output::{check_target, write_atomically};

pub fn run(args: ChartArgs) -> anyhow::Result<()> {
    let format = match args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("png") => ImageFormat::Png,
        Some("svg") => ImageFormat::Svg,
        _ => {
            return Err(ChisoError::Usage(format!(
                "cannot tell the image format from '{}': use .png or .svg",
                args.output.display()
            ))
            .into());
        }
    };
    let settings = args.data.settings();
    let mut files = settings.inputs.clone();
    files.extend(args.plan.clone());
    check_target(&args.output, &files, args.force)?;
    let options = args.options()?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    let bytes = dataset.chart(&options, args.plan.as_deref(), format)?;
    write_atomically(&args.output, |w| Ok(w.write_all(&bytes)?))
}
