//! `chiso rank`: areas ranked per indicator and period (see [`crate::core::rank`]).

use crate::cli::RankArgs;
use crate::core::rank::{rank, RankSettings};
use crate::frame::{self, LEVEL, PERIOD, VALUE};
use crate::output::Output;

use super::{parse_period, select_existing, Prepared};

pub fn run(args: RankArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    prepared.note_directions();
    let settings = RankSettings {
        period: parse_period("--period", &args.data.input.period)?,
        ties: args.ties,
        top: args.top,
        bottom: args.bottom,
    };
    let mut lf = rank(prepared.frame.clone(), &prepared.rank_group(), &settings)?;
    let present = super::columns_of(&mut lf)?;
    let mut wanted: Vec<&str> = prepared.key.iter().map(String::as_str).collect();
    wanted.extend([
        LEVEL,
        frame::UNIT,
        PERIOD,
        VALUE,
        "rank",
        "out_of",
        "previous_period",
        "previous_rank",
        "rank_change",
    ]);
    output.write_frame(&select_existing(lf, &present, &wanted).collect()?)
}
