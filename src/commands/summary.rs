//! `chiso summary`: one row per series, with the rank of its latest value and its plan status
//! (see [`crate::dataset::summary`]).

use crate::cli::SummaryArgs;
use crate::output::Output;

pub fn run(args: SummaryArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    // A terminal table also shows each series' trend; CSV, JSON and files never do.
    let trend = output.format() == crate::output::Format::Table;
    output.write_frame(&crate::dataset::summary::summarise(&settings, trend)?)
}
