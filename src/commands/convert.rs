//! `chiso convert`: the canonical long frame, filtered, in any output format — the pipe primitive.

use crate::cli::ConvertArgs;
use crate::output::Output;

use super::Prepared;

pub fn run(args: ConvertArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    output.write_frame(&prepared.frame.collect()?)
}
