//! `chiso summary`: one row per series (see [`crate::core::summary`]).

use crate::cli::SummaryArgs;
use crate::core::summary::summary;
use crate::frame::{self, UNIT};
use crate::output::Output;

pub fn run(args: SummaryArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.input.inputs)?;
    let loaded = super::load(&args.input)?;
    loaded.print_warnings();
    let lf = super::filtered(&loaded, &args.filter)?;
    let names: Vec<&str> = loaded.frame.get_column_names().into_iter().map(|s| s.as_str()).collect();
    let key = frame::series_key(names.iter().copied());
    let has_unit = names.contains(&UNIT);
    let t = std::time::Instant::now();
    let df = summary(lf, &key, has_unit).collect()?;
    crate::timing("summary", t);
    output.write_frame(&df)
}
