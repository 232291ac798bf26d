//! `chiso progress`: progress toward a target year per series (see [`crate::core::progress`]).

use crate::cli::ProgressArgs;
use crate::dataset::Dataset;
use crate::output::Output;

pub fn run(args: ProgressArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let mut files = settings.inputs.clone();
    files.extend(args.plan.clone());
    let output = Output::new(args.output.settings(), &files)?;
    let progress = args.settings()?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.progress(&progress)?)
}
