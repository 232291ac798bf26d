//! `chiso growth`: per observation, change on the year before, index and CAGR since a base
//! (see [`crate::core::growth`]).

use polars::prelude::*;

use crate::cli::GrowthArgs;
use crate::core::growth::{growth, growth_of_runs, COLUMNS};
use crate::frame::{PERIOD, UNIT, VALUE};
use crate::output::Output;

use super::{parse_period, select_existing, Prepared};

pub fn run(args: GrowthArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    let base = parse_period("--base", &args.base)?;
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    let t = std::time::Instant::now();
    let frame = prepared.frame.collect()?;
    // Rows in runs (or put in runs by a sort) need no join on the series key.
    let mut lf = match crate::core::Runs::of(&frame, &prepared.key, &prepared.known)?.filter(|r| r.ordered) {
        Some(runs) => growth_of_runs(&runs, base.as_ref())?.lazy(),
        None => growth(frame.lazy(), &prepared.key, base.as_ref()),
    };
    crate::timing("growth: computed", t);
    let present = super::columns_of(&mut lf)?;
    let mut wanted: Vec<&str> = prepared.key.iter().map(String::as_str).collect();
    wanted.extend([UNIT, PERIOD, VALUE]);
    wanted.extend(COLUMNS);
    let table = select_existing(lf, &present, &wanted).collect()?;
    output.write_frame(&table)
}
