//! chiso reads socio-economic indicator files as planners have them into one canonical long
//! Polars frame, and computes summaries over it.
//!
//! * [`input`] — files and stdin to the canonical frame ([`frame`] names its columns);
//! * [`core`] — analytics over `LazyFrame`s;
//! * [`output`] — tables, CSV, JSON and Markdown, written safely;
//! * [`cli`] and [`commands`] — the `chiso` command line.

pub mod cli;
pub mod commands;
pub mod core;
pub mod error;
pub mod frame;
pub mod input;
pub mod names;
pub mod output;
pub mod period;

pub use error::ChisoError;
