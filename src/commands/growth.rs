//! `chiso growth`: per observation, change on the year before, index and CAGR since a base
//! (see [`crate::core::growth`]).

use crate::cli::GrowthArgs;
use crate::core::growth::{growth, COLUMNS};
use crate::frame::{PERIOD, UNIT, VALUE};
use crate::output::Output;

use super::{parse_period, select_existing, Prepared};

pub fn run(args: GrowthArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    let base = parse_period("--base", &args.base)?;
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    let mut lf = growth(prepared.frame, &prepared.key, base.as_ref());
    let present = super::columns_of(&mut lf)?;
    let mut wanted: Vec<&str> = prepared.key.iter().map(String::as_str).collect();
    wanted.extend([UNIT, PERIOD, VALUE]);
    wanted.extend(COLUMNS);
    output.write_frame(&select_existing(lf, &present, &wanted).collect()?)
}
