//! The command line: `Cli`, its subcommands and the argument groups they share. Each group turns
//! itself into the plain settings the library takes, so nothing below this module sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::input::{Layout, ReadOptions};
use crate::output::{Format, OutputSettings};

const ABOUT: &str = "Socio-economic indicator analytics for planners: read indicator CSV files as they are \
(Excel exports, statistics-office downloads, SDMX, World Bank files), then summarise, convert and inspect them.";

#[derive(Debug, Parser)]
#[command(name = "chiso", version, about = ABOUT, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how chiso reads the files: layout, column roles, coverage and warnings
    #[command(after_long_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// One row per series: first and last period, latest value, change on the year before, CAGR, range
    #[command(after_long_help = SUMMARY_EXAMPLES)]
    Summary(SummaryArgs),
    /// The canonical long frame (area, indicator, period, year, sub, freq, value, flag…) for the next tool
    #[command(after_long_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
}

const INSPECT_EXAMPLES: &str = "Examples:
  chiso inspect datasets/vn_pci_2005_2016_panel.csv
  chiso inspect datasets/lang-son/tang-truong.csv --format json
  chiso inspect datasets/vn_mof_budget_final_2006_2015.csv datasets/vn_mof_budget_plan_2006_2017.csv";

const SUMMARY_EXAMPLES: &str = "Examples:
  chiso summary datasets/vn_pci_2005_2016_panel.csv --area \"Lang Son\" --indicator pci_weighted
  chiso summary datasets/lang-son/*.csv --area \"Lạng Sơn\"
  chiso summary datasets/wb_gdp_current_usd_long.csv --area \"Viet Nam\" --from 2000 -o gdp.md";

const CONVERT_EXAMPLES: &str = "Examples:
  chiso convert datasets/vn_pci_2005_2016_panel.csv -o pci-long.csv
  chiso convert datasets/lang-son/tang-truong.csv --format ndjson
  cat datasets/vn_papi_2011_2016_panel.csv | chiso convert - --indicator papi_unweighted";

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How to read the input files.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input files; `-` reads standard input. Several files are stacked into one frame
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<String>,

    /// Field delimiter: `,` `;` `tab` or `|` (default: detected)
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter, help_heading = "Reading")]
    pub delimiter: Option<u8>,

    /// Numbers use a decimal comma (`11,68`); detected in `;`-separated files
    #[arg(long, help_heading = "Reading")]
    pub decimal_comma: bool,

    /// Numbers carry thousands separators (`54,585,000`, or `1.234,5` with a decimal comma)
    #[arg(long, help_heading = "Reading")]
    pub thousands: bool,

    /// Markers of a missing value, replacing the defaults (NA, N/A, .., ..., -, –, n.a., null); repeat or separate with commas. Empty cells are always missing
    #[arg(long = "null", value_name = "MARKER", value_delimiter = ',', help_heading = "Reading")]
    pub nulls: Vec<String>,

    /// Skip N lines before the header (default: title and preamble lines are detected)
    #[arg(long, value_name = "N", help_heading = "Reading")]
    pub skip: Option<usize>,

    /// Text encoding of the files, e.g. windows-1258 (default: UTF-8, or UTF-16 with a BOM)
    #[arg(long, value_name = "LABEL", help_heading = "Reading")]
    pub encoding: Option<String>,

    /// Table layout (default: detected)
    #[arg(long, value_enum, help_heading = "Reading")]
    pub layout: Option<Layout>,

    /// Column holding the area (province, district, country…)
    #[arg(long, value_name = "COLUMN", help_heading = "Columns")]
    pub area_col: Option<String>,

    /// Column holding the indicator name or code
    #[arg(long, value_name = "COLUMN", help_heading = "Columns")]
    pub indicator_col: Option<String>,

    /// Column holding the period (year, 2019-Q1, 2019-03…)
    #[arg(long, value_name = "COLUMN", help_heading = "Columns")]
    pub period_col: Option<String>,

    /// Column holding the value (long layout)
    #[arg(long, value_name = "COLUMN", help_heading = "Columns")]
    pub value_col: Option<String>,

    /// The period of every row, for a file with no period column
    #[arg(long, value_name = "PERIOD", help_heading = "Columns")]
    pub period: Option<String>,

    /// The indicator of every row, for a file with no indicator column (default: the file name)
    #[arg(long, value_name = "NAME", help_heading = "Columns")]
    pub indicator_name: Option<String>,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "\\t" | "tab" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!("'{s}' is not a one-character delimiter (use , ; tab or |)")),
    }
}

impl InputArgs {
    pub fn read_options(&self) -> ReadOptions {
        let defaults = ReadOptions::default();
        ReadOptions {
            delimiter: self.delimiter,
            decimal_comma: self.decimal_comma,
            thousands: self.thousands,
            nulls: if self.nulls.is_empty() { defaults.nulls } else { self.nulls.clone() },
            skip: self.skip,
            encoding: self.encoding.clone(),
            layout: self.layout,
            area_col: self.area_col.clone(),
            indicator_col: self.indicator_col.clone(),
            period_col: self.period_col.clone(),
            value_col: self.value_col.clone(),
            period: self.period.clone(),
            indicator_name: self.indicator_name.clone(),
        }
    }
}

/// Which rows to use.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Keep this area (repeatable); case, spaces and diacritics are ignored (`lang son` = `Lạng Sơn`)
    #[arg(long = "area", value_name = "NAME", help_heading = "Filters")]
    pub areas: Vec<String>,

    /// Keep this indicator (repeatable); matched like --area
    #[arg(long = "indicator", value_name = "NAME", help_heading = "Filters")]
    pub indicators: Vec<String>,

    /// First period to keep, e.g. 2015 or 2019-Q1
    #[arg(long, value_name = "PERIOD", help_heading = "Filters")]
    pub from: Option<String>,

    /// Last period to keep
    #[arg(long, value_name = "PERIOD", help_heading = "Filters")]
    pub to: Option<String>,
}

/// Where and how to write the result.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format (default: from the -o extension; else a table on a terminal and CSV in a pipe)
    #[arg(long, value_enum, help_heading = "Output")]
    pub format: Option<Format>,

    /// Write to FILE (atomically; never over an input) instead of standard output
    #[arg(short = 'o', long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Print floats with exactly N decimals (default: tables 4 at most; CSV and JSON every significant digit, without float noise)
    #[arg(long, value_name = "N", help_heading = "Output")]
    pub decimals: Option<usize>,
}

impl OutputArgs {
    pub fn settings(&self) -> OutputSettings {
        OutputSettings { format: self.format, path: self.output.clone(), decimals: self.decimals }
    }
}
