//! The `chiso` binary: parse the command line, run the command, print an error once with its
//! hint, and pick the exit code (0 ok, 1 data or input problem, 2 usage mistake).

use std::process::ExitCode;

use chiso::error::{ChisoError, EXIT_DATA, EXIT_INTERNAL};

/// Freed columns are kept for reuse rather than returned to the OS page by page.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (the index of the option in its `mi_option_e`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // A run is short: memory freed by one step is reused by the next instead of being handed
    // back to the OS and faulted in again, zeroed, page by page (the top cost in profiles).
    // SAFETY: sets a plain option before any purge can happen.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    chiso::messages::set_color(chiso::cli::color_of(&args));
    // The project config (chiso.toml) becomes flags the command line does not give.
    let args = match chiso::config::apply(args) {
        Ok(args) => args,
        Err(err) => {
            chiso::messages::error(&err, err.hint());
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    let cli = chiso::cli::parse(args);
    chiso::tuning::set(cli.tuning.tuning());
    match chiso::commands::run(cli.command, cli.no_config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `chiso … | head` closes the pipe early: that is not an error.
            let broken_pipe = err.chain().any(|cause| {
                cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            let chiso = err.chain().find_map(|cause| cause.downcast_ref::<ChisoError>());
            // A Polars failure that no chiso error wraps is a bug as well.
            let internal = chiso.is_none() && err.chain().any(|cause| cause.is::<polars::prelude::PolarsError>());
            if internal {
                chiso::messages::error(format!("internal error (a bug in chiso): {err:#}"), None);
                return ExitCode::from(EXIT_INTERNAL as u8);
            }
            chiso::messages::error(format!("{err:#}"), chiso.and_then(ChisoError::hint));
            ExitCode::from(chiso.map_or(EXIT_DATA, ChisoError::exit_code) as u8)
        }
    }
}
