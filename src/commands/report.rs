//! `chiso report`: the analytics of the other commands gathered into one HTML or Markdown
//! document (see [`crate::report`]).

use crate::cli::ReportArgs;
use crate::output::check_target;

pub fn run(args: ReportArgs) -> anyhow::Result<()> {
    let settings = args.settings()?;
    let mut files = settings.data.inputs.clone();
    files.extend(settings.plan.clone());
    check_target(&settings.output, &files, args.force)?;
    crate::report::write(&settings)
}
