//! `chiso regroup`: series moved onto new units after a boundary change (see
//! [`crate::dataset::regroup`]).

use crate::cli::RegroupArgs;
use crate::dataset::Dataset;
use crate::error::ChisoError;
use crate::output::Output;

pub fn run(args: RegroupArgs) -> anyhow::Result<()> {
    let mut settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    // Regrouped here, with its `parts` columns, rather than on the way in.
    let regroup =
        settings.regroup.take().ok_or_else(|| ChisoError::Usage("chiso regroup needs --crosswalk FILE".into()))?;
    let regroup = regroup.settings()?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.regroup(&regroup)?)
}
