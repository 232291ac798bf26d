//! `chiso regroup`: series moved onto new units after a boundary change (see
//! [`crate::dataset::regroup`]).

use crate::cli::RegroupArgs;
use crate::dataset::regroup::RegroupSettings;
use crate::dataset::Dataset;
use crate::meta::Crosswalk;
use crate::output::Output;

pub fn run(args: RegroupArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let regroup = RegroupSettings {
        crosswalk: Crosswalk::load(&args.crosswalk)?,
        weight: args.weight.clone(),
        aggregation: args.aggregation,
        allow_partial: args.allow_partial,
    };
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.regroup(&regroup)?)
}
