//! The summary of a dataset: one row per series (see [`crate::core::summary`]), with the rank of
//! its latest value among the areas of the same indicator and period, and its plan status, when
//! the data allow (several areas; plan columns).

use polars::prelude::*;

use crate::core::summary::{summary, summary_of_runs};
use crate::core::targets::assess;
use crate::error::ChisoError;
use crate::frame::{AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, UNIT, VALUE};

use super::parts::{big_input, Parts};
use super::{DataSettings, Dataset};

/// The summary of the data `settings` name, warnings printed first. A big long file is
/// summarised a part at a time, unless areas are picked (they are ranked among all areas, which
/// a part does not hold) or it has plan columns.
pub fn summarise(settings: &DataSettings, trend: bool) -> Result<DataFrame, ChisoError> {
    if let Some(map) = big_input(settings).filter(|_| settings.filter.areas.is_empty()) {
        if let Some(parts) = Parts::open(settings, &map)? {
            let frame = parts.first().map(|p| &p.loaded.frame);
            if !frame.is_some_and(|f| f.column(PLAN_LOW).is_ok() || f.column(PLAN_HIGH).is_ok()) {
                parts.note();
                return in_parts(parts);
            }
        }
    }
    let mut dataset = Dataset::open(settings)?;
    // The table is worked out while the quality checks run; their warnings come before it.
    let table = dataset.summary();
    dataset.print_warnings()?;
    let mut table = table?;
    if trend && table.height() <= TREND_ROWS {
        table = dataset.trends(table)?;
    }
    // The process ends soon: the OS takes the frames back at once, freeing them one by one
    // would only cost time (a tenth of a second on ten million rows).
    std::mem::forget(dataset);
    Ok(table)
}

/// At most this many series get a `trend` (a terminal shows far fewer anyway).
const TREND_ROWS: usize = 10_000;

/// Block characters from the lowest value of a series to its highest.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

impl Dataset {
    /// The summary table with a `trend` column: each series' values in period order as block
    /// characters from its lowest to its highest (a space for a missing value). For reading on a
    /// terminal; left out when two rows share a key (several frequencies of one series).
    pub fn trends(&self, table: DataFrame) -> Result<DataFrame, ChisoError> {
        let key: Vec<Expr> = self.key.iter().map(|k| col(k.as_str())).collect();
        let distinct = table.clone().lazy().select(key.clone()).unique(None, UniqueKeepStrategy::First).collect()?;
        if distinct.height() != table.height() {
            return Ok(table);
        }
        let mut order: Vec<String> = self.key.clone();
        order.push("_pk".into());
        let lists = self
            .frame
            .clone()
            .with_column(crate::core::period_key().alias("_pk"))
            .sort(order, Default::default())
            .group_by_stable(key.clone())
            .agg([col(VALUE).cast(DataType::Float64).alias("_values")])
            .collect()?;
        let values = lists.column("_values")?.list()?;
        let lines: Vec<Option<String>> = values
            .amortized_iter()
            .map(|series| {
                let series = series?;
                let points: Vec<Option<f64>> = series.as_ref().f64().ok()?.iter().collect();
                Some(sparkline(&points))
            })
            .collect();
        let mut lists = lists.drop("_values")?;
        lists.with_column(Column::new("trend".into(), lines))?;
        Ok(table.lazy().join(lists.lazy(), key.clone(), key, crate::core::key_join(JoinType::Left)).collect()?)
    }
}

/// `▁▃█ ▆`: each value's height between the series' lowest and highest, a space when missing.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let present = values.iter().flatten().copied();
    let (low, high) = present.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if high <= low => BLOCKS[3],
            Some(v) => BLOCKS[(((v - low) / (high - low)) * 7.0).round() as usize],
        })
        .collect()
}

/// The summary of a file read a part at a time: partial summaries of the parts, merged.
fn in_parts(mut parts: Parts) -> Result<DataFrame, ChisoError> {
    let (mut states, mut tails) = (Vec::new(), Vec::new());
    let mut context: Option<Dataset> = None;
    while let Some(mut dataset) = parts.next_part()? {
        dataset.print_warnings()?;
        let frame = dataset.frame.clone().collect()?;
        parts.check(&frame, &dataset.key)?;
        let (state, tail) = crate::core::summary::partial(&frame, &dataset.key, dataset.has_unit)?;
        states.push(state);
        tails.push(tail);
        // The first part stands for all in what they share: key, metadata, directions.
        context.get_or_insert(dataset);
    }
    let Some(context) = context else { return Err(ChisoError::Bug(format!("{}: no part was read", parts.path()))) };
    let table = crate::core::summary::merged(states, tails, &context.key, context.has_unit)?.collect()?;
    completed(&context, table, &DataFrame::empty())
}

impl Dataset {
    /// One row per series, with `rank`/`out_of` of its latest value when there are several
    /// areas and `plan_status` when there are plans; units the data lack come from `--meta`.
    pub fn summary(&self) -> Result<DataFrame, ChisoError> {
        let t = std::time::Instant::now();
        let frame = self.frame.clone().collect()?;
        crate::timing("summary: frame", t);
        let table = summary_of(&frame, self)?.collect()?;
        crate::timing("summary: series", t);
        completed(self, table, &frame)
    }
}

/// The table of series with ranks, plan statuses (from the rows of `frame`, when it has plans)
/// and the units the metadata give.
fn completed(dataset: &Dataset, mut table: DataFrame, frame: &DataFrame) -> Result<DataFrame, ChisoError> {
    let t = std::time::Instant::now();
    let columns: Vec<String> = frame.get_column_names().into_iter().map(|s| s.to_string()).collect();
    let mut at_last: Vec<Expr> = dataset.key.iter().map(|k| col(k.as_str())).collect();
    at_last.push(col("last_period"));
    let peers = dataset.peers();
    // Ranks need two areas or more; telling is a single pass, no hashing (over the table of
    // series when it holds every area: a row per series rather than per observation).
    let areas = if dataset.area_filtered() { peers.clone() } else { table.clone().lazy() };
    let several = areas.select([col(AREA).neq(col(AREA).first()).any(true)]).collect()?;
    if several.column(AREA)?.bool()?.get(0).unwrap_or(false) {
        dataset.note_directions();
        // An area is ranked among all areas of the data, also when only some are shown: with an
        // area filter the peers are summarised too.
        let ranks = if dataset.area_filtered() {
            let peers = summary_of(&peers.collect()?, dataset)?;
            let ranked = latest_ranks(peers, dataset)?
                .select(at_last.iter().cloned().chain([col("rank"), col("out_of")]).collect::<Vec<_>>());
            table.lazy().join(ranked, at_last.clone(), at_last.clone(), crate::core::key_join(JoinType::Left))
        } else {
            latest_ranks(table.lazy(), dataset)?
        };
        table = ranks.collect()?;
    }
    let mut out = table.lazy();
    if columns.iter().any(|c| c == PLAN_LOW || c == PLAN_HIGH) {
        let status = assess(frame.clone().lazy()).select(
            dataset
                .key
                .iter()
                .map(|k| col(k.as_str()))
                .chain([col(PERIOD).alias("last_period"), col("status").alias("plan_status")])
                .collect::<Vec<_>>(),
        );
        out = out.join(status, at_last.clone(), at_last, crate::core::key_join(JoinType::Left));
    }
    let mut out = out.collect()?;
    crate::timing("summary: ranks and plans", t);
    // Units the data do not carry come from the indicator metadata.
    if dataset.indicators.given {
        let indicators = super::distinct(&out, INDICATOR)?;
        let units: Vec<Option<String>> =
            indicators.iter().map(|i| dataset.indicators.get(i).and_then(|m| m.unit.clone())).collect();
        if units.iter().any(Option::is_some) {
            let table = df!(INDICATOR => indicators, "_meta_unit" => units)?;
            let names: Vec<String> = out.get_column_names().into_iter().map(|s| s.to_string()).collect();
            let mut order: Vec<Expr> = names.iter().take(dataset.key.len()).map(|n| col(n.as_str())).collect();
            let unit = if dataset.has_unit { col(UNIT).fill_null(col("_meta_unit")) } else { col("_meta_unit") };
            order.push(unit.alias(UNIT));
            order.extend(names.iter().skip(dataset.key.len()).filter(|n| *n != UNIT).map(|n| col(n.as_str())));
            out = out
                .lazy()
                .join(table.lazy(), [col(INDICATOR)], [col(INDICATOR)], crate::core::key_join(JoinType::Left))
                .select(order)
                .collect()?;
        }
    }
    dataset.rates_in_points(out)
}

/// The per-series summary, by runs of rows when the rows come grouped by series.
fn summary_of(frame: &DataFrame, dataset: &Dataset) -> PolarsResult<LazyFrame> {
    let t = std::time::Instant::now();
    let runs = crate::core::Runs::of(frame, &dataset.key, &dataset.known)?;
    crate::timing("summary: runs numbered", t);
    Ok(match runs {
        Some(numbered) => summary_of_runs(numbered, &dataset.key, dataset.has_unit)?,
        None => summary(frame.clone().lazy(), &dataset.key, dataset.has_unit),
    })
}

/// `rank` and `out_of` of each series' latest value among the series of its rank group (the
/// indicator, its dimensions and, with `--areas`, the level) whose latest value is in the group's
/// latest period, direction-aware, ties sharing the lowest rank; aggregates are never ranked.
/// Rows of the summary whose latest period is older get neither.
fn latest_ranks(summary: LazyFrame, dataset: &Dataset) -> PolarsResult<LazyFrame> {
    let group: Vec<Expr> = dataset
        .rank_group()
        .iter()
        .map(|g| if g == crate::frame::LEVEL { col("_level") } else { col(g.as_str()) })
        .collect();
    let mut score = col("latest") * col("_sign");
    if dataset.levels {
        score = when(col("_level").eq(lit("aggregate"))).then(lit(NULL).cast(DataType::Float64)).otherwise(score);
    }
    let in_latest = col("_last_key").eq(col("_last_key").max().over(&group)?);
    let score = when(in_latest.clone()).then(score).otherwise(lit(NULL).cast(DataType::Float64));
    let rank = col("_score").rank(RankOptions { method: RankMethod::Min, descending: true }, None);
    Ok(summary.with_column(score.alias("_score")).with_columns([
        rank.over(&group)?.cast(DataType::Int32).alias("rank"),
        when(in_latest)
            .then(col("_score").count().over(&group)?.cast(DataType::UInt32))
            .otherwise(lit(NULL).cast(DataType::UInt32))
            .alias("out_of"),
    ]))
}

#[cfg(test)]
mod tests {
    use super::sparkline;

    #[test]
    fn sparklines() {
        assert_eq!(sparkline(&[Some(1.0), Some(2.0), Some(3.0)]), "▁▅█");
        assert_eq!(sparkline(&[Some(5.0), None, Some(5.0)]), "▄ ▄");
        assert_eq!(sparkline(&[Some(10.0), Some(0.0)]), "█▁");
    }
}
