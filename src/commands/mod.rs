//! One module per subcommand, each with `run(args) -> Result<()>`. Shared here: loading the inputs
//! and applying the filters every command takes.

pub mod convert;
pub mod inspect;
pub mod summary;

use polars::prelude::*;

use crate::cli::{Command, FilterArgs, InputArgs};
use crate::core::filter;
use crate::error::ChisoError;
use crate::frame::{AREA, INDICATOR};
use crate::input::{self, Loaded};
use crate::period;

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Inspect(args) => inspect::run(args),
        Command::Summary(args) => summary::run(args),
        Command::Convert(args) => convert::run(args),
    }
}

/// Loads the inputs named on the command line.
pub fn load(args: &InputArgs) -> Result<Loaded, ChisoError> {
    input::load(&args.inputs, &args.read_options())
}

/// The loaded frame with the shared filters applied.
pub fn filtered(loaded: &Loaded, args: &FilterArgs) -> Result<LazyFrame, ChisoError> {
    let areas = filter::resolve(&loaded.frame, AREA, "area", &args.areas)?;
    let indicators = filter::resolve(&loaded.frame, INDICATOR, "indicator", &args.indicators)?;
    let bound = |flag: &'static str, given: &Option<String>| -> Result<Option<period::Period>, ChisoError> {
        given
            .as_ref()
            .map(|g| period::parse(g).ok_or_else(|| ChisoError::BadPeriodFlag { flag, given: g.clone() }))
            .transpose()
    };
    let (from, to) = (bound("--from", &args.from)?, bound("--to", &args.to)?);
    Ok(filter::apply(loaded.frame.clone().lazy(), &areas, &indicators, from.as_ref(), to.as_ref()))
}
