//! The command line: `Cli`, its subcommands and the argument groups they share. Each group turns
//! itself into the plain settings the library takes, so nothing below this module sees clap.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::chart::{ChartOptions, HeatBy, Kind};
use crate::core::progress::Method as ProgressMethod;
use crate::core::rank::Ties;
use crate::dataset::parse_period;
use crate::dataset::progress::ProgressSettings;
use crate::dataset::regroup::Regroup;
use crate::dataset::{DataSettings, Filters, MetaSettings};
use crate::error::ChisoError;
use crate::input::{Layout, ReadOptions};
use crate::locale::Lang;
use crate::messages::Color;
use crate::meta::{Aggregation, Level, Measure};
use crate::output::{Format, OutputSettings};
use crate::report::{ReportConfig, ReportSettings};

/// `clap::ValueEnum` for a library enum, which stays free of clap: each value with the name the
/// command line takes and its help (as `--help` lists them).
macro_rules! value_enum {
    ($ty:ident { $($variant:ident = $name:literal $(: $help:literal)?),+ $(,)? }) => {
        impl clap::ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($ty::$variant),+]
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $($ty::$variant => clap::builder::PossibleValue::new($name)$(.help($help))?),+
                })
            }
        }
    };
}

value_enum!(Color {
    Auto = "auto": "When stderr is a terminal and NO_COLOR is not set",
    Always = "always",
    Never = "never",
});

value_enum!(Layout {
    Long = "long": "One row per observation (area, indicator, period, value)",
    WideByPeriod = "wide-by-period": "One column per period (2015, 2016, … or `Pre. 2016`)",
    WideByIndicator = "wide-by-indicator": "One column per indicator (prov, year, pci_entry, pci_land, …)",
});

value_enum!(Format {
    Table = "table": "A table for reading on a terminal",
    Csv = "csv",
    Excel = "excel": "CSV for Excel: UTF-8 BOM, `;`, decimal comma, formula-like text neutralised",
    Tsv = "tsv",
    Json = "json": "One JSON array of objects",
    Ndjson = "ndjson": "One JSON object per line",
    Markdown = "markdown": "A GitHub-flavoured Markdown table",
    Xlsx = "xlsx": "An Excel workbook: numbers as numbers, the header frozen and filtered (from -o x.xlsx)",
    Parquet = "parquet": "Apache Parquet, zstd-compressed, columns typed: for DuckDB, Spark, Polars (from -o x.parquet)",
});

value_enum!(Level {
    Country = "country",
    Region = "region",
    Province = "province",
    District = "district",
    Commune = "commune",
    Aggregate = "aggregate": "A total or group of areas (`World`, `WHOLE COUNTRY`): never ranked",
});

value_enum!(Ties {
    Min = "min": "1, 2, 2, 4 — as official tables do",
    Dense = "dense": "1, 2, 2, 3",
    Average = "average": "1, 2.5, 2.5, 4",
});

value_enum!(Kind {
    Line = "line": "One line per area over time, labelled where it ends",
    Bar = "bar": "Areas ranked for one period, best first",
    Target = "target": "Actual against plan, coloured by status",
    Heatmap = "heatmap": "Areas × periods, coloured by value or by YoY change",
    Slope = "slope": "First against last period, one line per area",
    SmallMultiples = "small-multiples": "One small line panel per area on a shared scale",
    Map = "map": "Provinces coloured by their value in one period (Viet Nam's 63 or 34, or a GeoJSON file)",
    Progress = "progress": "Per area: base to latest, the projection for the target year and the target (needs --plan)",
});

value_enum!(Lang {
    En = "en": "English: 1,234.5",
    Vi = "vi": "Vietnamese: 1.234,5",
});

value_enum!(ProgressMethod {
    CagrRatio = "cagr-ratio": "Observed against required compound growth (rates: points a year)",
    Projection = "projection": "The value projected for the target year against the target",
});

value_enum!(Aggregation {
    Sum = "sum": "Add up (amounts)",
    Mean = "mean": "The plain mean of the merged areas (a stated choice for scores and indices)",
    Weighted = "weighted": "The mean weighted by --weight (rates, shares)",
    None = "none": "Refuse to combine",
});

value_enum!(Measure {
    Amount = "amount",
    Rate = "rate": "A rate or share in %: its change is in percentage points",
    Index = "index",
    Score = "score",
});

value_enum!(HeatBy {
    Value = "value",
    Yoy = "yoy": "Change on the same period a year before, in %",
});

const ABOUT: &str = "Socio-economic indicator analytics for planners: read indicator CSV files as they are \
(Excel exports, statistics-office downloads, SDMX, World Bank files), then summarise them, measure growth, \
rank areas and check results against plan.";

#[derive(Debug, Parser)]
#[command(name = "chiso", version, about = ABOUT, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub tuning: TuningArgs,
    /// Colour the labels of errors, warnings, notes and hints on stderr
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,
    /// Ignore chiso.toml (the project config found in this folder or a parent)
    #[arg(long, global = true, env = "CHISO_NO_CONFIG", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_config: bool,
}

/// The command-line definition (for the project config, completions and man pages).
pub fn command() -> clap::Command {
    Cli::command()
}

/// `--color` as the command line gives it, looked for before parsing so that clap's own help
/// and errors follow it too (`NO_COLOR` is honoured by both).
pub fn color_of(args: &[std::ffi::OsString]) -> Color {
    let mut value = None;
    let mut tokens = args.iter().filter_map(|a| a.to_str());
    while let Some(token) = tokens.next() {
        if token == "--" {
            break;
        }
        if let Some(v) = token.strip_prefix("--color=") {
            value = Some(v.to_string());
        } else if token == "--color" {
            value = tokens.next().map(str::to_string);
        }
    }
    match value.as_deref() {
        Some("always") => Color::Always,
        Some("never") => Color::Never,
        _ => Color::Auto,
    }
}

/// Parses the command line (exits with clap's message on a mistake), clap's colours set by
/// `--color`.
pub fn parse(args: Vec<std::ffi::OsString>) -> Cli {
    use clap::FromArgMatches;
    let choice = match color_of(&args) {
        Color::Always => clap::ColorChoice::Always,
        Color::Never => clap::ColorChoice::Never,
        Color::Auto => clap::ColorChoice::Auto,
    };
    let matches = Cli::command().color(choice).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Knobs for measuring and testing chiso, not for everyday use: hidden from `--help`, each also
/// read from its environment variable (see [`crate::tuning`]). A bad value is a usage mistake.
#[derive(Debug, Args)]
pub struct TuningArgs {
    /// Read files of this size or more a part at a time (bytes; K, M, G allowed)
    #[arg(long, global = true, hide = true, env = "CHISO_STREAM_FROM", value_name = "SIZE", value_parser = crate::tuning::parse_size)]
    pub stream_from: Option<u64>,
    /// The size of a part when reading a part at a time (bytes; K, M, G allowed)
    #[arg(long, global = true, hide = true, env = "CHISO_STREAM_PART", value_name = "SIZE", value_parser = crate::tuning::parse_size)]
    pub stream_part: Option<u64>,
    /// Number and sort the series of files from this many rows on when their rows are not in runs
    #[arg(long, global = true, hide = true, env = "CHISO_SORT_FROM", value_name = "ROWS")]
    pub sort_from: Option<u64>,
    /// Read plain files with the careful reader only (to compare with Polars' reader)
    #[arg(long, global = true, hide = true, env = "CHISO_CAREFUL", value_parser = clap::builder::BoolishValueParser::new())]
    pub careful: bool,
    /// Print each step's time and memory on stderr
    #[arg(long, global = true, hide = true, env = "CHISO_TIMING", value_parser = clap::builder::BoolishValueParser::new())]
    pub timing: bool,
    /// Show a progress bar (on a terminal) for inputs of this size or more (bytes; K, M, G allowed)
    #[arg(long, global = true, hide = true, env = "CHISO_PROGRESS_FROM", value_name = "SIZE", value_parser = crate::tuning::parse_size)]
    pub progress_from: Option<u64>,
}

impl TuningArgs {
    pub fn tuning(&self) -> crate::tuning::Tuning {
        let default = crate::tuning::Tuning::default();
        crate::tuning::Tuning {
            stream_from: self.stream_from.unwrap_or(default.stream_from),
            stream_part: self.stream_part.unwrap_or(default.stream_part),
            sort_from: self.sort_from.unwrap_or(default.sort_from),
            careful: self.careful,
            timing: self.timing,
            progress_from: self.progress_from.unwrap_or(default.progress_from),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show how chiso reads the files: layout, column roles, coverage and warnings (for a workbook, every sheet)
    #[command(after_long_help = INSPECT_EXAMPLES)]
    Inspect(InspectArgs),
    /// One row per series: first and last period, latest value, change on the year before, CAGR, range
    #[command(after_long_help = SUMMARY_EXAMPLES)]
    Summary(SummaryArgs),
    /// Per observation: the same period a year before, change, YoY %, index (base = 100), CAGR since the base
    #[command(after_long_help = GROWTH_EXAMPLES)]
    Growth(GrowthArgs),
    /// Areas ranked per indicator and period (rank 1 = best, direction-aware), with the change of rank
    #[command(after_long_help = RANK_EXAMPLES)]
    Rank(RankArgs),
    /// Actual against plan: gap, % of plan and status (exceeded, met, below, no plan, no data)
    #[command(after_long_help = TARGETS_EXAMPLES)]
    Targets(TargetsArgs),
    /// Progress toward a target year: on track, moderate, limited or deteriorating (Open SDG / UNSD methods)
    #[command(after_long_help = PROGRESS_EXAMPLES)]
    Progress(ProgressArgs),
    /// Series moved onto new units after a boundary change (63 → 34 provinces): amounts summed, rates weighted
    #[command(after_long_help = REGROUP_EXAMPLES)]
    Regroup(RegroupArgs),
    /// New indicators computed per area and period: `--expr 'rev_pc = total.rev / population * 1000'`
    #[command(after_long_help = DERIVE_EXAMPLES)]
    Derive(DeriveArgs),
    /// Shell completions: `chiso completions bash > ~/.local/share/bash-completion/completions/chiso`
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
    /// The project config (chiso.toml) in effect here: each setting, its value and the line that sets it
    #[command(after_long_help = CONFIG_EXAMPLES)]
    Config(ConfigArgs),
    /// Man pages, one per command: `chiso man --dir ~/.local/share/man/man1`
    #[command(after_long_help = MAN_EXAMPLES)]
    Man(ManArgs),
    /// A chart to PNG or SVG: line, bar, target, heatmap, slope, small multiples or a province map
    #[command(after_long_help = CHART_EXAMPLES)]
    Chart(ChartArgs),
    /// One document: headline, per-indicator summary, ranking, trend and plan status, quality, method
    #[command(after_long_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// The canonical long frame (area, indicator, period, year, sub, freq, value, flag…) for the next tool
    #[command(after_long_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// A SQL query over the canonical frame (table `data`; `meta` and `areas` with --meta and --areas)
    #[command(after_long_help = SQL_EXAMPLES)]
    Sql(SqlArgs),
}

const REPORT_EXAMPLES: &str = "Examples:
  chiso report datasets/lang-son/*.csv --highlight \"Lạng Sơn\" --lang vi -o bao-cao.html
  chiso report datasets/vn_pci_2005_2016_panel.csv --meta datasets/indicators.csv --highlight \"Lang Son\" -o pci.html
  chiso report datasets/vn_mof_budget_final_2006_2015.csv --plan datasets/vn_mof_budget_plan_2006_2017.csv \\
      --areas datasets/vn-provinces.csv --indicator total.rev --meta datasets/indicators.csv -o budget.md";

const CHART_EXAMPLES: &str = "Examples:
  chiso chart bar datasets/lang-son/cai-cach-hanh-chinh.csv --highlight \"Lạng Sơn\" --period 2019 -o par.png
  chiso chart line datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --highlight \"Lang Son\" -o pci.svg
  chiso chart target datasets/lang-son/tang-truong.csv --period 2019 --lang vi -o tang-truong.png
  chiso chart heatmap datasets/vn_papi_2011_2016_panel.csv --indicator papi_unweighted --by yoy -o papi.png
  chiso chart progress datasets/lang-son/cai-cach-hanh-chinh.csv --plan datasets/lang-son-ke-hoach-2025.csv --lang vi -o pp.png
  chiso chart map datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --period 2016 \\
      --areas datasets/vn-provinces.csv --highlight \"Lang Son\" -o pci-map.png";

const GROWTH_EXAMPLES: &str = "Examples:
  chiso growth datasets/lang-son/thu-ngan-sach.csv
  chiso growth datasets/wb_gdp_current_usd_long.csv --area \"Viet Nam\" --base 2010 --from 2010
  chiso growth datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --area \"Da Nang\"";

const RANK_EXAMPLES: &str = "Examples:
  chiso rank datasets/lang-son/cai-cach-hanh-chinh.csv --period 2019 --meta datasets/indicators.csv
  chiso rank datasets/vn_pci_2005_2016_panel.csv --indicator pci_weighted --top 10
  chiso rank datasets/vn_papi_2011_2016_panel.csv --indicator papi_unweighted --areas datasets/vn-provinces.csv --level province --bottom 5";

const TARGETS_EXAMPLES: &str = "Examples:
  chiso targets datasets/lang-son/tang-truong.csv --period 2019
  chiso targets datasets/vn_mof_budget_final_2006_2015.csv --plan datasets/vn_mof_budget_plan_2006_2017.csv \\
      --areas datasets/vn-provinces.csv --indicator total.rev --meta datasets/indicators.csv";

const PROGRESS_EXAMPLES: &str = "Examples:
  chiso progress datasets/lang-son/*.csv --plan datasets/lang-son-ke-hoach-2025.csv --area \"Lạng Sơn\"
  chiso progress datasets/lang-son/*.csv --plan datasets/lang-son-ke-hoach-2025.csv --method projection --lang vi
  chiso progress datasets/wb_gdp_current_usd_long.csv --area \"Viet Nam\" --base 2015 --target 6e11 --target-year 2030";

const REGROUP_EXAMPLES: &str = "Examples:
  chiso regroup datasets/vn_mof_budget_final_2006_2015.csv --crosswalk datasets/vn_province_merger_2025.csv \\
      --areas datasets/vn-provinces.csv --indicator total.rev -o budget-34.csv
  chiso regroup poverty.csv --crosswalk datasets/vn_province_merger_2025.csv --weight population
  chiso regroup datasets/vn_pci_2005_2016_panel.csv --crosswalk datasets/vn_province_merger_2025.csv \\
      --areas datasets/vn-provinces.csv --aggregation mean | chiso rank - --period 2016";

const DERIVE_EXAMPLES: &str = "Functions: per(x, y, k) = x ÷ y × k; share(x) = x as % of the total of the areas;
  rebase(x, 2015) = x ÷ x in 2015 × 100; real(x, deflator, 2015) = x ÷ deflator × deflator in 2015;
  lag(x) = x a year before; diff(x) = x − lag(x). Quote names with spaces: \"Thu ngân sách\".

Examples:
  chiso derive datasets/vn_mof_budget_final_2006_2015.csv --expr 'own_share = share(total.rev)' --indicator total.rev
  chiso derive datasets/lang-son/thu-ngan-sach.csv --expr 'chi_so = rebase(\"Thu ngân sách nhà nước trên địa bàn\", 2018)'
  chiso derive gdp.csv --expr 'real_gdp = real(gdp, deflator, 2010)' --expr 'growth = diff(real_gdp)'";

const COMPLETIONS_EXAMPLES: &str = "Examples:
  chiso completions bash > ~/.local/share/bash-completion/completions/chiso
  chiso completions zsh > ~/.zfunc/_chiso        (with fpath+=~/.zfunc in ~/.zshrc)
  chiso completions fish > ~/.config/fish/completions/chiso.fish
  chiso completions powershell >> $PROFILE";

const MAN_EXAMPLES: &str = "Examples:
  chiso man --dir ~/.local/share/man/man1 && man chiso-summary
  chiso man | man -l -                            (the page of chiso itself)";

const INSPECT_EXAMPLES: &str = "Examples:
  chiso inspect datasets/vn_pci_2005_2016_panel.csv
  chiso inspect datasets/lang-son/tang-truong.csv --format json
  chiso inspect datasets/vn_mof_budget_final_2006_2015.csv datasets/vn_mof_budget_plan_2006_2017.csv
  chiso inspect nien-giam.xlsx                 (every sheet: what it holds)
  chiso inspect nien-giam.xlsx --sheet \"Dân số\"";

const SUMMARY_EXAMPLES: &str = "Examples:
  chiso summary datasets/vn_pci_2005_2016_panel.csv --area \"Lang Son\" --indicator pci_weighted
  chiso summary datasets/lang-son/*.csv --area \"Lạng Sơn\"
  chiso summary datasets/wb_gdp_current_usd_long.csv --area \"Viet Nam\" --from 2000 -o gdp.md";

const CONVERT_EXAMPLES: &str = "Examples:
  chiso convert datasets/vn_pci_2005_2016_panel.csv -o pci-long.csv
  chiso convert datasets/lang-son/tang-truong.csv --format ndjson
  cat datasets/vn_papi_2011_2016_panel.csv | chiso convert - --indicator papi_unweighted
  chiso convert datasets/vn_pci_2005_2016_panel.csv -o pci.parquet
  chiso convert datasets/vn_pci_2005_2016_panel.csv --partition-by indicator -o pci/   (then: chiso summary pci/)";

const SQL_EXAMPLES: &str = "Examples:
  chiso sql \"SELECT area, avg(value) AS mean FROM data WHERE indicator = 'pci_weighted' GROUP BY area ORDER BY mean DESC LIMIT 5\" datasets/vn_pci_2005_2016_panel.csv
  chiso sql \"SELECT d.area, d.value, a.name_vi FROM data d JOIN areas a USING (area) WHERE d.period = '2016'\" datasets/vn_pci_2005_2016_panel.csv --areas datasets/vn-provinces.csv --indicator pci_weighted
Columns of data: area, indicator, period (text), year, sub, freq, value, flag, and unit, plan_low, … when the files have them.";

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The query, e.g. "SELECT area, avg(value) FROM data GROUP BY area" (Polars SQL: PostgreSQL-like)
    #[arg(value_name = "QUERY")]
    pub query: String,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GrowthArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Base period of the index (= 100) and of the CAGR (default: each series' first period with a value)
    #[arg(long, value_name = "PERIOD", help_heading = "Growth")]
    pub base: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RankArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// How ties share a rank
    #[arg(long, value_enum, default_value_t = Ties::Min, help_heading = "Ranking")]
    pub ties: Ties,
    /// Show only the N best-ranked areas of each indicator
    #[arg(long, value_name = "N", help_heading = "Ranking", conflicts_with = "bottom")]
    pub top: Option<u32>,
    /// Show only the N worst-ranked areas of each indicator
    #[arg(long, value_name = "N", help_heading = "Ranking")]
    pub bottom: Option<u32>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct TargetsArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Plans from this file (any layout chiso reads; its values, or its plan_low/plan_high columns,
    /// are the plan), joined by area (through --areas/--aliases), indicator and period. Without it,
    /// plan columns of the data (plan, plan_low, plan_high, target, kế hoạch) are used
    #[arg(long, value_name = "FILE", help_heading = "Targets")]
    pub plan: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Targets from this file (any layout chiso reads): each series' target is its plan in the
    /// latest period planned, the target year that period's year. Default: the data's plan columns
    #[arg(long, value_name = "FILE", help_heading = "Progress")]
    pub plan: Option<String>,
    /// One target for every series chosen (with --target-year), instead of plans
    #[arg(long, value_name = "VALUE", requires = "target_year", allow_hyphen_values = true, help_heading = "Progress")]
    pub target: Option<f64>,
    /// The year of --target
    #[arg(long, value_name = "YEAR", requires = "target", help_heading = "Progress")]
    pub target_year: Option<i32>,
    /// Base period progress is measured from (default: each series' first value; if that period
    /// has no value, the next one that has)
    #[arg(long, value_name = "PERIOD", help_heading = "Progress")]
    pub base: Option<String>,
    /// cagr-ratio (Open SDG, Statistics Canada) or projection (UNSD progress chart)
    #[arg(long, value_enum, default_value_t = ProgressMethod::CagrRatio, help_heading = "Progress")]
    pub method: ProgressMethod,
    /// Language of the status words
    #[arg(long, value_enum, default_value_t = Lang::En, help_heading = "Progress")]
    pub lang: Lang,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ProgressArgs {
    pub fn settings(&self) -> Result<ProgressSettings, ChisoError> {
        Ok(ProgressSettings {
            method: self.method,
            plan: self.plan.clone(),
            target: self.target,
            target_year: self.target_year,
            base: parse_period("--base", &self.base)?,
            lang: self.lang,
        })
    }
}

#[derive(Debug, Args)]
pub struct RegroupArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A boundary change the data are moved through on the way in.
#[derive(Debug, Args)]
pub struct BoundaryArgs {
    /// Move the series onto new units first (chiso regroup): CSV `from, to[, share][, effective_from]`
    /// or the statistics office's `old_name_vi, new_name_vi, effective_from`; names matched like --area
    #[arg(long, value_name = "FILE", help_heading = "Boundaries")]
    pub crosswalk: Option<PathBuf>,
    /// The indicator rates are weighted by when areas merge (population, or the rate's denominator)
    #[arg(long, value_name = "INDICATOR", help_heading = "Boundaries", requires = "crosswalk")]
    pub weight: Option<String>,
    /// Combine every indicator this way when areas merge, instead of by its kind or `aggregation` in --meta
    #[arg(long, value_enum, help_heading = "Boundaries", requires = "crosswalk")]
    pub aggregation: Option<Aggregation>,
    /// Compute a merged area from the old areas that have a value even when some have none
    #[arg(long, help_heading = "Boundaries", requires = "crosswalk")]
    pub allow_partial: bool,
}

#[derive(Debug, Args)]
pub struct DeriveArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// `name = expression` (repeatable; each may use the ones before it)
    #[arg(long = "expr", value_name = "NAME = EXPR", required = true, help_heading = "Derive")]
    pub exprs: Vec<String>,
    /// Unit of the new indicators (default: % for share and for per(x, y, 100) of two indicators
    /// in one unit, index for rebase, else none)
    #[arg(long, value_name = "UNIT", help_heading = "Derive", conflicts_with = "kind")]
    pub unit: Option<String>,
    /// What the new indicators measure, written as their unit so that every command reads it:
    /// rate (%), index, score (points) or amount (no unit)
    #[arg(long, value_enum, help_heading = "Derive")]
    pub kind: Option<Measure>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

const CONFIG_EXAMPLES: &str = "Examples:
  chiso config                          (what chiso.toml sets here, and on which line)
  chiso summary data.csv --no-config    (flags and defaults only)
A chiso.toml in the data folder (or a parent of the working directory):
  meta = \"indicators.csv\"          # paths are relative to the file's folder
  areas = \"vn-provinces.csv\"
  lang = \"vi\"
  highlight = [\"Lạng Sơn\"]
  decimals = 2
Flags win over the file; --no-config (or CHISO_NO_CONFIG=1) ignores it.";

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write chiso.1 and one page per command (chiso-summary.1, …) into this folder; without it,
    /// the page of chiso itself on standard output
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The completion script for `shell` (made in memory: clap_complete panics on a failed write).
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "chiso", &mut script);
    script
}

/// Writes chiso's man page to `out`, or every page (chiso.1, chiso-COMMAND.1) into `dir`.
pub fn man(dir: Option<&std::path::Path>, out: &mut dyn std::io::Write) -> std::io::Result<Vec<PathBuf>> {
    let command = Cli::command();
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(Vec::new());
    };
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut page = |name: String, command: clap::Command| -> std::io::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut bytes = Vec::new();
        clap_mangen::Man::new(command.name(name)).render(&mut bytes)?;
        std::fs::write(&path, bytes)?;
        written.push(path);
        Ok(())
    };
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        page(format!("chiso-{}", sub.get_name()), sub.clone())?;
    }
    page("chiso".into(), command)?;
    Ok(written)
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub output: OutputArgs,

    /// Write a Hive-partitioned Parquet dataset into the folder -o names: a folder per value of
    /// these columns (indicator=…/part-0.parquet), read back by chiso, DuckDB, Spark and Polars
    #[arg(long, value_name = "COLUMN", value_delimiter = ',', help_heading = "Output", requires = "output")]
    pub partition_by: Vec<String>,

    /// With --partition-by: replace the folder when it holds a partitioned dataset already
    #[arg(long, help_heading = "Output", requires = "partition_by")]
    pub force: bool,
}

/// The data a command works on: the input files, the rows to keep and what they mean.
#[derive(Debug, Args)]
pub struct DataArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub meta: MetaArgs,
    #[command(flatten)]
    pub boundaries: BoundaryArgs,
}

impl DataArgs {
    /// The settings [`crate::dataset::Dataset::open`] takes.
    pub fn settings(&self) -> DataSettings {
        let (filter, meta) = (&self.filter, &self.meta);
        DataSettings {
            filter: Filters {
                areas: filter.areas.clone(),
                indicators: filter.indicators.clone(),
                from: filter.from.clone(),
                to: filter.to.clone(),
            },
            meta: MetaSettings {
                indicators: meta.meta.clone(),
                areas: meta.areas_file.clone(),
                aliases: meta.aliases.clone(),
                level: meta.level,
            },
            relative: meta.relative,
            regroup: self.boundaries.crosswalk.clone().map(|crosswalk| Regroup {
                crosswalk,
                weight: self.boundaries.weight.clone(),
                aggregation: self.boundaries.aggregation,
                allow_partial: self.boundaries.allow_partial,
            }),
            ..self.input.settings()
        }
    }
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Kind of chart
    #[arg(value_enum)]
    pub kind: Kind,
    #[command(flatten)]
    pub data: DataArgs,
    /// The image to write: .png or .svg (written atomically; never over an input)
    #[arg(short = 'o', long, value_name = "FILE", required = true, help_heading = "Chart")]
    pub output: PathBuf,
    /// Area to stand out in colour (repeatable); the others are grey when there are many
    #[arg(long, value_name = "AREA", help_heading = "Chart")]
    pub highlight: Vec<String>,
    /// Title (default: the indicator's name)
    #[arg(long, help_heading = "Chart")]
    pub title: Option<String>,
    /// Subtitle (default: the unit)
    #[arg(long, help_heading = "Chart")]
    pub subtitle: Option<String>,
    /// Width in pixels
    #[arg(long, default_value_t = 1200, help_heading = "Chart")]
    pub width: u32,
    /// Height in pixels
    #[arg(long, default_value_t = 675, help_heading = "Chart")]
    pub height: u32,
    /// Language of labels and number format
    #[arg(long, value_enum, default_value_t = Lang::En, help_heading = "Chart")]
    pub lang: Lang,
    /// Heatmap colours: the value, or the change on the year before
    #[arg(long, value_enum, default_value_t = HeatBy::Value, help_heading = "Chart")]
    pub by: HeatBy,
    /// Plans for a target chart from this file (as for chiso targets); default: the data's plan columns
    #[arg(long, value_name = "FILE", help_heading = "Chart")]
    pub plan: Option<String>,
    /// PNG pixels per chart pixel: 2 (the default) makes a 1200-pixel chart 2400 pixels wide, sharp
    /// in print; the PNG records 96 dpi × N, so it prints at the chart's size
    #[arg(long, value_name = "N", default_value_t = 2.0, help_heading = "Chart")]
    pub scale: f32,
    /// Map: the boundaries: vn-2008 (63 provinces), vn-2025 (34 provinces from 1 July 2025) or a
    /// GeoJSON file whose features carry a name or code (default: the Viet Nam set the areas match)
    #[arg(long, value_name = "SET|FILE", value_parser = crate::chart::map::Boundaries::parse, help_heading = "Map")]
    pub boundaries: Option<crate::chart::map::Boundaries>,
    /// Map: number of classes, by quantiles
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u8).range(2..=9), help_heading = "Map")]
    pub classes: u8,
    /// Map: class breaks instead of quantiles, e.g. 50,55,60
    #[arg(long, value_name = "X,Y,…", value_delimiter = ',', help_heading = "Map")]
    pub breaks: Vec<f64>,
    /// Slope: leave out a highlighted area with no value at the chart's first or last period
    /// (by default its line runs from its nearest periods inside, hollow at that end)
    #[arg(long, help_heading = "Chart")]
    pub strict_ends: bool,
    /// Replace the image if it exists
    #[arg(long, help_heading = "Chart")]
    pub force: bool,
}

impl ChartArgs {
    /// What to draw and how; the title defaults to the indicator's name when the data are open.
    pub fn options(&self) -> Result<ChartOptions, ChisoError> {
        let (filter, data) = (&self.data.filter, self.data.settings());
        Ok(ChartOptions {
            kind: self.kind,
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            width: self.width,
            height: self.height,
            highlight: self.highlight.clone(),
            lang: self.lang,
            by: self.by,
            period: data.period()?,
            from: parse_period("--from", &filter.from)?,
            to: parse_period("--to", &filter.to)?,
            sources: data.inputs.iter().map(|i| crate::input::file_name(i)).collect(),
            scale: self.scale,
            strict_ends: self.strict_ends,
            boundaries: self.boundaries.clone(),
            classes: usize::from(self.classes),
            breaks: (!self.breaks.is_empty()).then(|| self.breaks.clone()),
        })
    }
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The report to write: .html (one self-contained file), .md (with its charts as PNG files in
    /// a folder beside it) or .xlsx (a workbook: a sheet per indicator, charts as images)
    #[arg(short = 'o', long, value_name = "FILE", required = true, help_heading = "Report")]
    pub output: PathBuf,
    /// Area the headline is about, highlighted in every table and chart (repeatable)
    #[arg(long, value_name = "AREA", help_heading = "Report")]
    pub highlight: Vec<String>,
    /// Title (default: "Indicator report — AREA")
    #[arg(long, help_heading = "Report")]
    pub title: Option<String>,
    /// First period of the report: growth (CAGR) is measured from it
    #[arg(long, value_name = "PERIOD", help_heading = "Report")]
    pub base: Option<String>,
    /// Language of labels, numbers and dates
    #[arg(long, value_enum, default_value_t = Lang::En, help_heading = "Report")]
    pub lang: Lang,
    /// Plans from this file, as for chiso targets
    #[arg(long, value_name = "FILE", help_heading = "Report")]
    pub plan: Option<String>,
    /// Report settings in TOML: title, highlight, base, period, plan, indicators (order), sections (titles), notes
    #[arg(long, value_name = "FILE", help_heading = "Report")]
    pub config: Option<PathBuf>,
    /// Replace the report (and its image folder) if it exists
    #[arg(long, help_heading = "Report")]
    pub force: bool,
}

impl ReportArgs {
    /// The report's settings: the flags, then the `--config` file for what they leave unsaid.
    pub fn settings(&self) -> Result<ReportSettings, ChisoError> {
        let extension = self.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let (markdown, xlsx) = match extension.as_deref() {
            Some("html" | "htm") => (false, false),
            Some("md" | "markdown") => (true, false),
            Some("xlsx") => (false, true),
            _ => {
                return Err(ChisoError::Usage(format!(
                    "cannot tell the report format from '{}': use .html, .md or .xlsx",
                    self.output.display()
                )));
            }
        };
        let config = match &self.config {
            Some(path) => ReportConfig::load(path)?,
            None => ReportConfig::default(),
        };
        let mut data = self.data.settings();
        data.read.period = data.read.period.or(config.period);
        // The report starts at the base period, so growth since the start is growth since the base.
        if let Some(base) = self.base.clone().or(config.base) {
            parse_period("--base", &Some(base.clone()))?;
            data.filter.from.get_or_insert(base);
        }
        Ok(ReportSettings {
            data,
            output: self.output.clone(),
            markdown,
            xlsx,
            highlight: if self.highlight.is_empty() { config.highlight } else { self.highlight.clone() },
            title: self.title.clone().or(config.title),
            lang: self.lang,
            plan: self.plan.clone().or(config.plan),
            indicators: config.indicators,
            sections: config.sections,
            notes: config.notes,
        })
    }
}

/// What the indicators and areas are.
#[derive(Debug, Args)]
pub struct MetaArgs {
    /// Indicator metadata, CSV or TOML: indicator, name, name_vi, unit, direction (higher|lower|none), decimals, kind (amount|rate|index|score)
    #[arg(long, value_name = "FILE", help_heading = "Metadata")]
    pub meta: Option<PathBuf>,

    /// Area metadata CSV: area, name_vi, level, parent, aliases (separated by |); names in the data
    /// are matched to it ignoring case, spaces, punctuation and diacritics
    #[arg(long = "areas", value_name = "FILE", help_heading = "Metadata")]
    pub areas_file: Option<PathBuf>,

    /// Extra spellings, CSV: alias, area
    #[arg(long, value_name = "FILE", help_heading = "Metadata")]
    pub aliases: Option<PathBuf>,

    /// Keep the areas of this level only (needs --areas)
    #[arg(long, value_enum, help_heading = "Metadata")]
    pub level: Option<Level>,

    /// Give rates (unit %, or kind = rate in --meta) a YoY % and CAGR too; by default a rate's
    /// change is in percentage points only (11.68 % after 10.9 % is +0.78 points, not +7.2 %)
    #[arg(long, help_heading = "Metadata")]
    pub relative: bool,
}

/// How to read the input files.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input files (CSV, TSV, Excel, OpenDocument, Parquet) or folders of Parquet files; `-` reads
    /// standard input. Several inputs are stacked into one frame
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

    /// Markers of a missing value, replacing the defaults (NA, N/A, n/a, #N/A, .., ..., -, –, :, n.a., null, NULL, NaN); repeat or separate with commas. Empty cells are always missing
    #[arg(long = "null", value_name = "MARKER", value_delimiter = ',', help_heading = "Reading")]
    pub nulls: Vec<String>,

    /// Skip N lines before the header (default: title and preamble lines are detected)
    #[arg(long, value_name = "N", help_heading = "Reading")]
    pub skip: Option<usize>,

    /// The sheet of an Excel or OpenDocument workbook to read: its name (case and diacritics ignored) or number (1 = first)
    #[arg(long, value_name = "NAME|NUMBER", help_heading = "Reading")]
    pub sheet: Option<String>,

    /// Read the rows a workbook's sheet hides too (left out by default, as Excel shows the sheet)
    #[arg(long, help_heading = "Reading")]
    pub hidden_rows: bool,

    /// Text encoding of the files, e.g. windows-1258, or tcvn3 for old .VnTime (ABC) text (default: UTF-8, UTF-16 with a BOM, else detected)
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

    /// The period the data are about: the one rank, targets, charts and the report show (default:
    /// the latest), and the period of every row of a file with no period column
    #[arg(long, value_name = "PERIOD", help_heading = "Columns")]
    pub period: Option<String>,

    /// The indicator of every row, for a file with no indicator column (default: the file name)
    #[arg(long, value_name = "NAME", help_heading = "Columns")]
    pub indicator_name: Option<String>,

    /// The area of every row, for a file with no area column (a district's own report)
    #[arg(long, value_name = "NAME", help_heading = "Columns")]
    pub area_name: Option<String>,
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
    /// The inputs, read as the flags say, with no filter and no metadata.
    pub fn settings(&self) -> DataSettings {
        DataSettings { inputs: self.inputs.clone(), read: self.read_options(), ..Default::default() }
    }

    fn read_options(&self) -> ReadOptions {
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
            area_name: self.area_name.clone(),
            plans: false,
            first_line: 0,
            part: false,
            sheet: self.sheet.clone(),
            hidden_rows: self.hidden_rows,
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

    /// CSV for Excel: UTF-8 BOM, `;`, decimal comma, cells that look like formulas neutralised (same as --format excel)
    #[arg(long, help_heading = "Output", conflicts_with = "format")]
    pub excel: bool,
}

impl OutputArgs {
    pub fn settings(&self) -> OutputSettings {
        let format = if self.excel { Some(Format::Excel) } else { self.format };
        OutputSettings { format, path: self.output.clone(), decimals: self.decimals }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap checks its own definition (duplicate ids, conflicting flags) only in debug builds.
    #[test]
    fn command_line_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
