//! `chiso targets`: actual against plan (see [`crate::dataset::plans`]). Plans come from the
//! data's own plan columns or from `--plan FILE`, joined through the area crosswalk.

use crate::cli::TargetsArgs;
use crate::dataset::Dataset;
use crate::output::Output;

pub fn run(args: TargetsArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let mut files = settings.inputs.clone();
    files.extend(args.plan.clone());
    let output = Output::new(args.output.settings(), &files)?;
    let period = settings.period()?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.targets(args.plan.as_deref(), period.as_ref())?)
}
