//! chiso reads socio-economic indicator files as planners have them into one canonical long
//! Polars frame, and computes summaries over it.
//!
//! * [`input`] — files and stdin to the canonical frame ([`frame`] names its columns);
//! * [`core`] — analytics over `LazyFrame`s;
//! * [`dataset`] — the data a command works on, opened once ([`dataset::Dataset`]);
//! * [`output`] — tables, CSV, JSON and Markdown, written safely;
//! * [`cli`] and [`commands`] — the `chiso` command line.

pub mod chart;
pub mod cli;
pub mod commands;
pub mod config;
pub mod core;
pub mod dataset;
pub mod error;
pub mod frame;
pub mod input;
pub mod locale;
pub mod messages;
pub mod meta;
pub mod names;
pub mod output;
pub mod period;
pub mod report;
pub mod tuning;

pub use error::ChisoError;

/// With `--timing` (`CHISO_TIMING`), prints how long a step took on stderr (for finding slow
/// steps; speed claims come from the benchmarks).
pub fn timing(what: &str, since: std::time::Instant) {
    if tuning::get().timing {
        eprintln!("chiso: timing: {what}: {:.2?}{}", since.elapsed(), memory());
    }
}

/// The process's resident memory now and at its peak, where the system tells (Linux).
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(" (memory {} MiB, peak {} MiB)", now / 1024, peak / 1024),
        _ => String::new(),
    }
}
