//! `chiso growth`: per observation, change on the year before, index and CAGR since a base
//! (see [`crate::core::growth`]).

use crate::cli::GrowthArgs;
use crate::dataset::{parse_period, Dataset};
use crate::output::Output;

pub fn run(args: GrowthArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let base = parse_period("--base", &args.base)?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.growth(base.as_ref())?)
}
