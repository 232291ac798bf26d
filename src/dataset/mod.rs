//! The data a command works on, opened once: the inputs read into the canonical frame, the
//! metadata applied (crosswalk, levels, directions), the filters resolved and the quality checks
//! running beside the work. [`Dataset`] then answers the questions the commands ask: the summary
//! with ranks and plan status, growth, ranks, plans against actuals. Nothing here sees a flag:
//! the command line turns its flags into a [`DataSettings`].

pub mod chart;
pub mod derive;
pub mod inspect;
pub mod parts;
pub mod plans;
pub mod progress;
pub mod regroup;
pub mod sql;
pub mod summary;

use std::path::PathBuf;

use polars::prelude::*;

use crate::core::growth::{growth, growth_of_runs};
use crate::core::rank::{rank, RankSettings};
use crate::core::{filter, quality};
use crate::error::ChisoError;
use crate::frame::{self, AREA, INDICATOR, LEVEL};
use crate::input::{self, Loaded, ReadOptions};
use crate::meta::{Areas, Indicators, Level};
use crate::period::{self, Period};

/// Which files, read how, which rows, and what they mean: everything [`Dataset::open`] needs.
#[derive(Debug, Clone, Default)]
pub struct DataSettings {
    /// Input files; `-` is standard input.
    pub inputs: Vec<String>,
    pub read: ReadOptions,
    pub filter: Filters,
    pub meta: MetaSettings,
    /// Rates (unit %) get YoY % and CAGR too; by default their change is in percentage points only.
    pub relative: bool,
    /// A boundary change the data are moved through first (`--crosswalk`).
    pub regroup: Option<regroup::Regroup>,
}

/// Which rows to keep: names as written (matched ignoring case and diacritics), periods as text.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub areas: Vec<String>,
    pub indicators: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What the indicators and areas are: the metadata files and the level to keep.
#[derive(Debug, Clone, Default)]
pub struct MetaSettings {
    /// Indicator metadata (name, unit, direction, decimals).
    pub indicators: Option<PathBuf>,
    /// Areas file (levels, Vietnamese names, crosswalk, aliases).
    pub areas: Option<PathBuf>,
    pub aliases: Option<PathBuf>,
    pub level: Option<Level>,
}

impl DataSettings {
    /// The period a command reports (rank, targets, charts, the report): the one the data are
    /// given for (`--period`), else none (each command takes the latest).
    pub fn period(&self) -> Result<Option<Period>, ChisoError> {
        parse_period("--period", &self.read.period)
    }
}

/// Loads the inputs as they are, without metadata or filters.
pub fn load(settings: &DataSettings) -> Result<Loaded, ChisoError> {
    input::load(&settings.inputs, &settings.read)
}

/// Inputs loaded, metadata applied and filters resolved: what every analytic command starts from.
pub struct Dataset {
    pub loaded: Loaded,
    pub indicators: Indicators,
    pub areas: Areas,
    /// The filtered canonical frame, with `level` when `--areas` is given and `_sign` (+1 when
    /// higher is better, −1 when lower is).
    pub frame: LazyFrame,
    /// The series key: area, indicator and the extra dimensions.
    pub key: Vec<String>,
    pub has_unit: bool,
    resolved: Resolved,
    /// The frame before the area filter: the peers an area is ranked against.
    unfiltered: LazyFrame,
    /// The quality checks, running beside the command's own work until the warnings are printed.
    checks: Option<std::thread::JoinHandle<PolarsResult<Vec<quality::Finding>>>>,
    /// Warnings printed already; the directions note waits for them.
    warned: std::cell::Cell<bool>,
    note_pending: std::cell::Cell<bool>,
    /// The frame has a `level` (from `--areas` or from the data's area codes).
    pub levels: bool,
    /// What the loader found out about the order of the rows, as far as it holds for `frame`.
    pub known: crate::core::Known,
    /// How the inputs were read: a plan file is read the same way.
    read: ReadOptions,
    /// Rates keep YoY % and CAGR (`--relative`).
    relative: bool,
}

/// Filters as names and periods found in the data.
struct Resolved {
    areas: Vec<String>,
    indicators: Vec<String>,
    from: Option<Period>,
    to: Option<Period>,
}

pub fn parse_period(flag: &'static str, given: &Option<String>) -> Result<Option<Period>, ChisoError> {
    given
        .as_ref()
        .map(|g| period::parse(g).ok_or_else(|| ChisoError::BadPeriodFlag { flag, given: g.clone() }))
        .transpose()
}

impl Dataset {
    /// Reads the inputs, applies the metadata and resolves the filters; the quality checks start
    /// on their own thread.
    pub fn open(settings: &DataSettings) -> Result<Dataset, ChisoError> {
        match &settings.regroup {
            Some(regroup) => Dataset::regrouped(settings, regroup),
            None => Dataset::with(settings, load, false),
        }
    }

    /// The data moved onto the new units of `regroup` first (every area of the indicators and
    /// periods asked for), then filtered: the areas asked for are the new ones.
    fn regrouped(settings: &DataSettings, regroup: &regroup::Regroup) -> Result<Dataset, ChisoError> {
        let asked = regroup.settings()?;
        let filter = Filters { areas: Vec::new(), ..settings.filter.clone() };
        let whole = DataSettings { filter, regroup: None, ..settings.clone() };
        let mut old = Dataset::with(
            &DataSettings { meta: MetaSettings { level: None, ..whole.meta.clone() }, ..whole },
            load,
            false,
        )?;
        let moved = old.regroup(&asked)?;
        // An areas file of the new units (`vn-provinces-2025.csv`) names and levels the units
        // after the move; one of the old units, before it. It goes where it knows more names.
        let new_side = old.areas.given && {
            let (before, after) = (distinct(&old.loaded.frame, AREA)?, distinct(&moved, AREA)?);
            old.areas.known(&after) > old.areas.known(&before)
        };
        if new_side {
            old.loaded.warnings.retain(|w| !w.contains("nothing in the areas file and"));
        }
        old.print_warnings()?;
        // How a value was made stays in the frame as internal columns, not series dimensions.
        let moved = moved
            .lazy()
            .rename(["parts", "parts_total"], ["_parts", "_parts_total"], true)
            .with_column(lit(0u32).alias(crate::frame::SRC))
            .collect()?;
        let loaded = Loaded {
            frame: moved,
            files: std::mem::take(&mut old.loaded.files),
            warnings: Vec::new(),
            notes: Vec::new(),
            labels: Vec::new(),
            known: Default::default(),
        };
        let meta = if new_side {
            settings.meta.clone()
        } else {
            // The new units are not in the areas file of the old ones: no crosswalk of names now.
            MetaSettings { areas: None, aliases: None, level: None, ..settings.meta.clone() }
        };
        let new = DataSettings { regroup: None, meta, ..settings.clone() };
        Dataset::with(&new, |_| Ok(loaded), false)
    }

    /// [`Dataset::open`] from what `load` reads. A `part` of a file gets no quality checks, and
    /// an `--area` or `--indicator` it lacks keeps none of its rows instead of stopping.
    pub fn with(
        data: &DataSettings,
        load: impl FnOnce(&DataSettings) -> Result<Loaded, ChisoError>,
        part: bool,
    ) -> Result<Dataset, ChisoError> {
        let (filters, meta) = (&data.filter, &data.meta);
        if meta.level.is_some() && meta.areas.is_none() {
            return Err(ChisoError::Usage("--level needs --areas FILE, which says the level of each area".into()));
        }
        let indicators = match &meta.indicators {
            Some(path) => Indicators::load(path)?,
            None => Indicators::default(),
        };
        let areas = Areas::load(meta.areas.as_deref(), meta.aliases.as_deref())?;
        let mut loaded = load(data)?;
        let t = std::time::Instant::now();
        if areas.given {
            let (frame, unmatched) = areas.apply(std::mem::take(&mut loaded.frame))?;
            // Renamed areas may join runs of rows the loader numbered apart.
            loaded.frame = frame.drop_many([crate::core::SID, crate::core::SERIES]);
            loaded.labels.retain(|(name, _)| name != AREA);
            if !unmatched.is_empty() {
                loaded.warnings.push(format!(
                    "{} nothing in the areas file and {} kept as written: {}",
                    if unmatched.len() == 1 {
                        "1 area name matches".to_string()
                    } else {
                        format!("{} area names match", unmatched.len())
                    },
                    if unmatched.len() == 1 { "is" } else { "are" },
                    crate::names::first_names(&unmatched, 10)
                ));
            }
        }
        let names: Vec<String> = loaded.frame.get_column_names().into_iter().map(|s| s.to_string()).collect();
        let key = frame::series_key(names.iter().map(String::as_str));
        let has_unit = names.iter().any(|n| n == frame::UNIT);

        let resolved = Resolved {
            // `--area BRVT` finds Ba Ria - Vung Tau when the areas file knows the spelling.
            areas: filter::resolve_in(&loaded.frame, AREA, "area", &through(&areas, &filters.areas), part)?,
            indicators: filter::resolve_in(&loaded.frame, INDICATOR, "indicator", &filters.indicators, part)?,
            from: parse_period("--from", &filters.from)?,
            to: parse_period("--to", &filters.to)?,
        };
        let mut lf = loaded.frame.clone().lazy();
        // Levels the data give (an empty area code marks an aggregate) yield to an areas file's.
        let data_levels = names.iter().any(|n| n == LEVEL);
        if data_levels {
            note_aggregates(&loaded.frame, &mut loaded.warnings)?;
        }
        if areas.given {
            if data_levels {
                lf = lf.rename([LEVEL], ["_data_level"], true);
            }
            lf = join_on(lf, areas.levels(&distinct(&loaded.frame, AREA)?)?, AREA);
            if data_levels {
                lf = lf.with_column(col(LEVEL).fill_null(col("_data_level")).alias(LEVEL)).drop(by_name(
                    ["_data_level"],
                    true,
                    false,
                ));
            }
            if let Some(level) = meta.level {
                lf = lf.filter(col(LEVEL).eq(lit(level.name())));
            }
        }
        let signs = indicators.signs(&names_of(loaded.distinct(INDICATOR)?)?)?;
        let sign = signs.column("_sign")?;
        // One direction for all (always so without --meta): a constant, no join over every row.
        let first = sign.f64()?.iter().next().flatten();
        lf = match first {
            Some(s) if sign.n_unique()? == 1 => lf.with_column(lit(s).alias("_sign")),
            _ => join_on(lf, signs, INDICATOR),
        };
        // Materialised once: every command reads this frame several times (summary, ranks,
        // checks), and a lazy frame would redo the joins each time.
        let lf = lf.collect()?.lazy();
        crate::timing("directions and levels", t);
        let frame = filter::apply(
            lf.clone(),
            &resolved.areas,
            &resolved.indicators,
            resolved.from.as_ref(),
            resolved.to.as_ref(),
        );
        // Quality checks on the rows asked about: a question about one area is not answered with
        // warnings about every other.
        let rows = count(&frame.clone().select([len()]).collect()?);
        let checks = if part {
            None
        } else if rows <= quality::MAX_ROWS_BY_DEFAULT {
            let (frame, key) = (frame.clone(), key.clone());
            // The periods an indicator has come from every area, not only those asked about.
            let all = filter::apply(lf.clone(), &[], &resolved.indicators, None, None);
            Some(std::thread::spawn(move || {
                let t = std::time::Instant::now();
                let found = quality::check_within(frame, all, &key, rows);
                crate::timing("quality checks", t);
                found
            }))
        } else {
            loaded.warnings.push(format!("quality checks skipped for {rows} rows; chiso inspect runs them"));
            None
        };
        let levels = areas.given || data_levels;
        let every_row = resolved.areas.is_empty()
            && resolved.indicators.is_empty()
            && resolved.from.is_none()
            && resolved.to.is_none()
            && meta.level.is_none()
            && !areas.given;
        let mut known = std::mem::take(&mut loaded.known);
        if !every_row {
            known.order = None;
        }
        Ok(Dataset {
            loaded,
            indicators,
            areas,
            frame,
            key,
            has_unit,
            resolved,
            unfiltered: lf,
            checks,
            warned: Default::default(),
            note_pending: Default::default(),
            levels,
            known,
            read: data.read.clone(),
            relative: data.relative,
        })
    }

    /// Waits for the quality checks, adds their findings to the warnings and prints every
    /// warning once on stderr (then the directions note, if one was asked for meanwhile).
    pub fn print_warnings(&mut self) -> Result<(), ChisoError> {
        if let Some(checks) = self.checks.take() {
            let found = checks.join().map_err(|_| ChisoError::Bug("the quality checks stopped".into()))?;
            for finding in found? {
                let explained = self.ended(&finding);
                self.loaded
                    .warnings
                    .push(format!("quality: {}{explained} (chiso inspect shows examples)", finding.message));
            }
        }
        self.loaded.print_warnings();
        self.warned.set(true);
        if self.note_pending.take() {
            self.note_directions();
        }
        Ok(())
    }

    /// For areas that stop having values: the ones the areas file says ended (`valid_to`), as
    /// `; the areas file says Ha Tay ended on 2008-07-31`.
    fn ended(&self, finding: &quality::Finding) -> String {
        if finding.check != "coverage" || !self.areas.given {
            return String::new();
        }
        let mut ended: Vec<String> = Vec::new();
        // `Ha Tay (values in 2008, none from 2009 on; 1 indicator)`: the unit ended in between.
        let year = |text: &str, after: &str| -> Option<i32> {
            let rest = &text[text.find(after)? + after.len()..];
            rest.get(..4)?.parse().ok()
        };
        for example in &finding.examples {
            let name = example.split(" (").next().unwrap_or(example);
            let last = year(example, "values in ");
            let next = year(example, "none in ").or_else(|| year(example, "none from "));
            let end = self.areas.get(name).and_then(|a| a.valid_to.clone());
            let within = |end: &str| {
                let y: Option<i32> = end.get(..4).and_then(|y| y.parse().ok());
                matches!((last, y, next), (Some(a), Some(y), Some(b)) if a <= y && y < b)
            };
            if let Some(end) = end.filter(|e| within(e)) {
                let said = format!("{name} ended on {end}");
                if !ended.contains(&said) {
                    ended.push(said);
                }
            }
        }
        if ended.is_empty() {
            String::new()
        } else {
            format!("; the areas file says {}", ended.join(", "))
        }
    }

    /// Applies the same filters to another canonical frame (e.g. a plan file).
    pub fn filter_like(&self, lf: LazyFrame) -> LazyFrame {
        let r = &self.resolved;
        filter::apply(lf, &r.areas, &r.indicators, r.from.as_ref(), r.to.as_ref())
    }

    /// What an area is ranked within: its indicator, extra dimensions and (with `--areas`) level.
    pub fn rank_group(&self) -> Vec<String> {
        let mut group: Vec<String> = self.key.iter().filter(|k| *k != AREA).cloned().collect();
        if self.levels {
            group.push(LEVEL.to_string());
        }
        group
    }

    /// True when `--area` keeps only some areas.
    pub fn area_filtered(&self) -> bool {
        !self.resolved.areas.is_empty()
    }

    /// The filtered frame without its area filter: every area the chosen ones are compared with.
    pub fn peers(&self) -> LazyFrame {
        let r = &self.resolved;
        filter::apply(self.unfiltered.clone(), &[], &r.indicators, r.from.as_ref(), r.to.as_ref())
    }

    /// Per observation: the same period a year before, the change, YoY %, the index and CAGR
    /// since `base` (see [`crate::core::growth`]), with the series key, unit, period and value.
    pub fn growth(&self, base: Option<&Period>) -> Result<DataFrame, ChisoError> {
        let t = std::time::Instant::now();
        let frame = self.frame.clone().collect()?;
        // Rows in runs (or put in runs by a sort) need no join on the series key.
        let mut lf = match crate::core::Runs::of(&frame, &self.key, &self.known)?.filter(|r| r.ordered) {
            Some(runs) => growth_of_runs(&runs, base)?.lazy(),
            None => growth(frame.lazy(), &self.key, base),
        };
        crate::timing("growth: computed", t);
        let present = columns_of(&mut lf)?;
        let mut wanted: Vec<&str> = self.key.iter().map(String::as_str).collect();
        wanted.extend([frame::UNIT, frame::PERIOD, frame::VALUE]);
        wanted.extend(crate::core::growth::COLUMNS);
        self.rates_in_points(select_existing(lf, &present, &wanted).collect()?)
    }

    /// What each indicator measures (amount, rate, index, score) with the unit it has in `table`
    /// (its `indicator` and, if any, `unit` columns): `indicator, _unit, _measure`.
    pub fn measures(&self, table: &DataFrame) -> Result<DataFrame, ChisoError> {
        let (pairs, found) = measures_of(table, &self.indicators)?;
        let names: Vec<&str> = found.iter().map(|(m, _)| m.name()).collect();
        Ok(pairs.lazy().with_column(lit(Series::new("_measure".into(), names))).collect()?)
    }

    /// `yoy_pct` and `cagr_pct` left empty for rates: a rate moves in percentage points (its
    /// `change`), not in per cent of itself. Unless `--relative`.
    pub fn rates_in_points(&self, table: DataFrame) -> Result<DataFrame, ChisoError> {
        let columns: Vec<&str> = ["yoy_pct", "cagr_pct"].into_iter().filter(|c| table.column(c).is_ok()).collect();
        if self.relative || columns.is_empty() || table.height() == 0 {
            return Ok(table);
        }
        let measures = self.measures(&table)?;
        if !measures.column("_measure")?.str()?.iter().any(|m| m == Some("rate")) {
            return Ok(table);
        }
        let (rate, unit) = (col("_measure").eq(lit("rate")), unit_of(&table));
        let blank = columns
            .iter()
            .map(|c| when(rate.clone()).then(lit(NULL).cast(DataType::Float64)).otherwise(col(*c)).alias(*c));
        let names: Vec<Expr> = table.get_column_names().into_iter().map(|n| col(n.as_str())).collect();
        Ok(table
            .lazy()
            .with_column(unit.alias("_unit"))
            .join(
                measures.lazy(),
                [col(INDICATOR), col("_unit")],
                [col(INDICATOR), col("_unit")],
                crate::core::key_join(JoinType::Left),
            )
            .with_columns(blank.collect::<Vec<_>>())
            .select(names)
            .collect()?)
    }

    /// The areas ranked per indicator and period within their rank group (see
    /// [`crate::core::rank`]), with the change of rank; the directions note is due.
    pub fn ranking(&self, settings: &RankSettings) -> Result<DataFrame, ChisoError> {
        self.note_directions();
        // An area is ranked among all areas, also when `--area` shows only some.
        let mut lf = if self.area_filtered() {
            let ranked = rank(self.peers(), &self.rank_group(), settings)?;
            filter::apply(ranked, &self.resolved.areas, &[], None, None)
        } else {
            rank(self.frame.clone(), &self.rank_group(), settings)?
        };
        let present = columns_of(&mut lf)?;
        let mut wanted: Vec<&str> = self.key.iter().map(String::as_str).collect();
        wanted.extend([LEVEL, frame::UNIT, frame::PERIOD, frame::VALUE]);
        wanted.extend(crate::core::rank::COLUMNS);
        Ok(select_existing(lf, &present, &wanted).collect()?)
    }

    /// Says once on stderr that directions are assumed, when they matter and no `--meta` was given.
    /// (Printed after the warnings: a command may work out its table before printing them.)
    pub fn note_directions(&self) {
        if self.indicators.given {
            return;
        }
        if self.warned.get() {
            crate::messages::note_once("no --meta file: every indicator is taken as higher-is-better");
        } else {
            self.note_pending.set(true);
        }
    }
}

/// The `unit` column of `table`, or a missing unit when it has none.
fn unit_of(table: &DataFrame) -> Expr {
    if table.column(frame::UNIT).is_ok() {
        col(frame::UNIT)
    } else {
        lit(NULL).cast(DataType::String)
    }
}

/// Each (indicator, unit) pair of `table` (`indicator, _unit`), with what it measures and why.
pub fn measures_of(
    table: &DataFrame,
    indicators: &Indicators,
) -> Result<(DataFrame, Vec<(crate::meta::Measure, String)>), ChisoError> {
    let pairs = table
        .clone()
        .lazy()
        .select([col(INDICATOR), unit_of(table).alias("_unit")])
        .unique_stable(None, UniqueKeepStrategy::First)
        .collect()?;
    let (names, units) = (pairs.column(INDICATOR)?.str()?, pairs.column("_unit")?.str()?);
    let found = names.iter().zip(units.iter()).map(|(i, u)| indicators.measure(i.unwrap_or_default(), u)).collect();
    Ok((pairs, found))
}

/// Says once which areas are aggregates by their codes, and that they are not ranked.
fn note_aggregates(df: &DataFrame, warnings: &mut Vec<String>) -> Result<(), ChisoError> {
    let aggregates = df
        .clone()
        .lazy()
        .filter(col(LEVEL).eq(lit(input::layout::AGGREGATE)))
        .select([col(AREA).unique_stable()])
        .collect()?;
    let names: Vec<String> = aggregates.column(AREA)?.str()?.iter().flatten().map(str::to_string).collect();
    if !names.is_empty() {
        warnings.push(match names.as_slice() {
            [one] => format!("{one} is an aggregate by its code (none, or OWID_WRL), so it is not ranked"),
            _ => format!(
                "{} areas are aggregates by their codes (none, or OWID_WRL), so they are not ranked: {}",
                names.len(),
                crate::names::first_names(&names, 5)
            ),
        });
    }
    Ok(())
}

/// The rows of `df` without the areas whose level is `aggregate` (regions, income groups, the
/// world), except those the planner highlighted: what a ranking chart shows.
pub fn without_aggregates(df: &DataFrame, highlight: &[String]) -> PolarsResult<DataFrame> {
    if df.column(LEVEL).is_err() {
        return Ok(df.clone());
    }
    let wanted: Vec<String> = highlight.iter().map(|h| crate::names::place_key(h)).collect();
    let areas = crate::core::distinct(df, AREA)?;
    let highlighted: Vec<&str> =
        areas.str()?.iter().flatten().filter(|a| wanted.contains(&crate::names::place_key(a))).collect();
    let keep = col(LEVEL)
        .neq(lit(input::layout::AGGREGATE))
        .fill_null(lit(true))
        .or(col(AREA).is_in(lit(Series::new("".into(), highlighted)).implode(false), false));
    df.clone().lazy().filter(keep).collect()
}

/// The rows of `df` with each area named after the extra dimensions that vary (`Total · Female`
/// beside `Total`), so that a chart draws one line per series, not one zig-zag per area.
pub fn series_as_areas(df: DataFrame) -> PolarsResult<DataFrame> {
    let names: Vec<String> = df.get_column_names().into_iter().map(|n| n.to_string()).collect();
    let mut varying = Vec::new();
    for d in frame::dimensions(names.iter().map(String::as_str)) {
        if df.column(&d)?.n_unique()? > 1 {
            varying.push(d);
        }
    }
    if varying.is_empty() {
        return Ok(df);
    }
    // Relabelled areas sort differently: the series are numbered again when needed.
    let df = df.drop_many([crate::core::SID, crate::core::SERIES]);
    let parts: Vec<Expr> = varying.iter().map(|d| col(d.as_str())).collect();
    let blank = varying
        .iter()
        .map(|d| col(d.as_str()).is_null().or(col(d.as_str()).eq(lit(""))))
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(true));
    let label = concat_str([col(AREA), lit(" · "), concat_str(parts, " · ", true)], "", true);
    df.lazy().with_column(when(blank).then(col(AREA)).otherwise(label).alias(AREA)).collect()
}

/// The number in a one-cell frame such as `select([len()])`.
fn count(df: &DataFrame) -> usize {
    df.columns().first().and_then(|c| c.cast(&DataType::UInt64).ok()?.u64().ok()?.get(0)).unwrap_or(0) as usize
}

/// Names as the crosswalk spells them (unknown ones as given).
fn through(areas: &Areas, names: &[String]) -> Vec<String> {
    names.iter().map(|n| areas.canonical(n).unwrap_or(n).to_string()).collect()
}

pub fn distinct(df: &DataFrame, column: &str) -> Result<Vec<String>, ChisoError> {
    names_of(crate::core::distinct(df, column)?)
}

/// The names in a column of text, missing ones left out.
fn names_of(values: Column) -> Result<Vec<String>, ChisoError> {
    Ok(values.str()?.iter().flatten().map(str::to_string).collect())
}

pub fn join_on(lf: LazyFrame, table: DataFrame, on: &str) -> LazyFrame {
    lf.join(table.lazy(), [col(on)], [col(on)], crate::core::key_join(JoinType::Left))
}

/// Column names of a lazy frame's schema, for choosing output columns.
pub fn columns_of(lf: &mut LazyFrame) -> Result<Vec<String>, ChisoError> {
    Ok(lf.collect_schema()?.iter_names().map(|n| n.to_string()).collect())
}

/// Selects `wanted` columns that exist, in that order.
pub fn select_existing(lf: LazyFrame, present: &[String], wanted: &[&str]) -> LazyFrame {
    let exprs: Vec<Expr> = wanted.iter().filter(|w| present.iter().any(|p| p == *w)).map(|w| col(*w)).collect();
    lf.select(exprs)
}
