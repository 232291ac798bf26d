//! `chiso rank`: areas ranked per indicator and period (see [`crate::core::rank`]).

use crate::cli::RankArgs;
use crate::core::rank::RankSettings;
use crate::dataset::Dataset;
use crate::output::Output;

pub fn run(args: RankArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    let rank = RankSettings { period: settings.period()?, ties: args.ties, top: args.top, bottom: args.bottom };
    output.write_frame(&dataset.ranking(&rank)?)
}
