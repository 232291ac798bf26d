//! One module per subcommand, each a short adapter with `run(args)`: turn the flags into
//! settings, open the data ([`crate::dataset::Dataset`]), compute, hand the result to output.

pub mod chart;
pub mod config;
pub mod convert;
pub mod derive;
pub mod growth;
pub mod inspect;
pub mod progress;
pub mod rank;
pub mod regroup;
pub mod report;
pub mod sql;
pub mod summary;
pub mod targets;

use crate::cli::Command;

pub fn run(command: Command, no_config: bool) -> anyhow::Result<()> {
    match command {
        Command::Config(args) => config::run(args, no_config),
        Command::Inspect(args) => inspect::run(args),
        Command::Summary(args) => summary::run(args),
        Command::Growth(args) => growth::run(args),
        Command::Rank(args) => rank::run(args),
        Command::Targets(args) => targets::run(args),
        Command::Progress(args) => progress::run(args),
        Command::Regroup(args) => regroup::run(args),
        Command::Derive(args) => derive::run(args),
        Command::Completions(args) => {
            use std::io::Write;
            Ok(std::io::stdout().lock().write_all(&crate::cli::completions(args.shell))?)
        }
        Command::Man(args) => {
            for path in crate::cli::man(args.dir.as_deref(), &mut std::io::stdout().lock())? {
                crate::messages::note(format!("wrote {}", path.display()));
            }
            Ok(())
        }
        Command::Chart(args) => chart::run(args),
        Command::Report(args) => report::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Sql(args) => sql::run(args),
    }
}
