//! `chiso derive`: new indicators from expressions over existing ones (see
//! [`crate::core::derive`]), written with the data as the canonical frame.

use crate::cli::DeriveArgs;
use crate::core::derive::parse;
use crate::dataset::Dataset;
use crate::error::ChisoError;
use crate::output::Output;

pub fn run(args: DeriveArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let definitions = args
        .exprs
        .iter()
        .map(|e| parse(e).map_err(|e| ChisoError::Usage(format!("cannot read the expression: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let mut dataset = Dataset::open(&settings)?;
    // A mistake in an expression is said alone, before the data's warnings.
    let derived = dataset.derive(&definitions, args.unit.as_deref())?;
    dataset.print_warnings()?;
    output.write_frame(&derived)
}
