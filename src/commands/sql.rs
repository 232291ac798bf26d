//! `chiso sql`: a SQL query over the canonical frame (see [`crate::dataset::sql`]).

use crate::cli::SqlArgs;
use crate::dataset::Dataset;
use crate::output::Output;

pub fn run(args: SqlArgs) -> anyhow::Result<()> {
    let settings = args.data.settings();
    let output = Output::new(args.output.settings(), &settings.inputs)?;
    let mut dataset = Dataset::open(&settings)?;
    dataset.print_warnings()?;
    output.write_frame(&dataset.sql(&args.query)?)
}
