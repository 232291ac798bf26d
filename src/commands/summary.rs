//! `chiso summary`: one row per series (see [`crate::core::summary`]).

use crate::cli::SummaryArgs;
use crate::core::summary::summary;
use crate::output::Output;

use super::Prepared;

pub fn run(args: SummaryArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.input.inputs)?;
    let prepared = Prepared::new(&args.input, &args.filter, &args.meta)?;
    prepared.loaded.print_warnings();
    let t = std::time::Instant::now();
    let df = summary(prepared.frame, &prepared.key, prepared.has_unit).collect()?;
    crate::timing("summary", t);
    output.write_frame(&df)
}
