//! `chiso derive`: new indicators from expressions over existing ones (see
//! [`crate::core::derive`]), written with the data as the canonical frame.

use crate::cli::DeriveArgs;
use crate::core::derive::parse;
use crate::dataset::Dataset;
use crate::error::ChisoError;
use crate::output::Output;

pub fn run(args: DeriveArgs) -> anyhow::Result<()> {
    let mut settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let definitions = args
        .exprs
        .iter()
        .map(|e| parse(e).map_err(|e| ChisoError::Usage(format!("cannot read the expression: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    // `--indicator` may name a new indicator: the data are opened without it.
    let new = |i: &String| definitions.iter().any(|d| crate::names::fold(&d.name) == crate::names::fold(i));
    let (asked, old): (Vec<String>, Vec<String>) = settings.filter.indicators.drain(..).partition(new);
    settings.filter.indicators = old;
    let mut dataset = Dataset::open(&settings)?;
    // A mistake in an expression is said alone, before the data's warnings.
    // A kind is written as the unit that says it.
    let unit = args.unit.clone().or_else(|| {
        args.kind.map(|k| match k {
            crate::meta::Measure::Rate => "%".to_string(),
            crate::meta::Measure::Index => "index".to_string(),
            crate::meta::Measure::Score => "points".to_string(),
            crate::meta::Measure::Amount => String::new(),
        })
    });
    let derived = dataset.derive(&definitions, unit.as_deref().filter(|u| !u.is_empty()), &asked)?;
    dataset.print_warnings()?;
    output.write_frame(&derived)
}
