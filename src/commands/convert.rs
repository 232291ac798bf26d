//! `chiso convert`: the canonical long frame, filtered, in any output format — the pipe primitive.

use crate::cli::ConvertArgs;
use crate::output::Output;

pub fn run(args: ConvertArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.input.inputs)?;
    let loaded = super::load(&args.input)?;
    loaded.print_warnings();
    let df = super::filtered(&loaded, &args.filter)?.collect()?;
    output.write_frame(&df)
}
