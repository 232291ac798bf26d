//! `summary`: one row per series with its span, latest value, change on the year before, CAGR and
//! range. Missing values stay missing: `previous` is the exact same period one year earlier.

use polars::prelude::*;

use super::{cagr_pct, period_key, time_of_key, yoy_pct, SID};
use crate::frame::{FREQ, LEVEL, PERIOD, SUB, UNIT, VALUE, YEAR};

/// Summarises each series of a canonical frame. `key` is the series key (area, indicator, dims).
///
/// * `previous`: the value of the same sub-period one year before `last_period`, else null;
/// * `yoy_pct` = (latest − previous) / |previous| × 100, null when previous is missing or 0;
/// * `cagr_pct` = ((latest / first)^(1 / years) − 1) × 100 over the true distance in years
///   between the first and last non-null values; null with fewer than two points, a
///   non-positive first value or a negative latest one.
pub fn summary(lf: LazyFrame, key: &[String], has_unit: bool) -> LazyFrame {
    summarise(lf, key, has_unit, false)
}

/// [`summary`] of a frame numbered by [`super::number_runs`]: the same table, with groups taken
/// as slices of rows.
pub fn summary_of_runs(runs: super::Runs, key: &[String], has_unit: bool) -> PolarsResult<LazyFrame> {
    if runs.ordered {
        let has = |name: &str| runs.whole().column(name).is_ok();
        let (sign, level) = (has("_sign"), has(LEVEL));
        let in_key_order = runs.in_key_order;
        let mut table = ordered_runs(&runs, key, has_unit)?.lazy();
        if !in_key_order {
            table = table.sort(in_key_order_by(key), SortMultipleOptions::default());
        }
        return Ok(finish(table, key, has_unit, sign, level));
    }
    Ok(summarise(runs.frame.lazy(), key, has_unit, true))
}

/// The columns series are listed by: the key, then the frequency (see
/// [`super::series_numbers`]), so that the table does not depend on the order of the rows.
fn in_key_order_by(key: &[String]) -> Vec<String> {
    key.iter().cloned().chain([FREQ.to_string()]).collect()
}

/// The per-series columns of a frame whose runs have increasing periods: the first and last
/// values of each run are picked by position (no group-by needed for them) through a running
/// count of values and the list of rows holding one; only min, max and mean are aggregated, on
/// slices of the runs. The year-before value is picked too: periods strictly increase within a run, so
/// the row one year before the last lies at most as many rows back as a year has sub-periods.
fn ordered_runs(runs: &super::Runs, key: &[String], has_unit: bool) -> PolarsResult<DataFrame> {
    let present = col(VALUE).is_not_null();
    // Without a missing value (most files), a run's first and last values sit on its first and
    // last rows; otherwise they are found through `_seen`, how many values up to and including
    // each row.
    let complete = runs.frame.column(VALUE)?.null_count() == 0;
    let mut prepared = runs.frame.clone().lazy().with_row_index("_row", None);
    if !complete {
        prepared = prepared.with_column(present.clone().cast(DataType::UInt32).cum_sum(false).alias("_seen"));
    }
    let prepared = prepared.collect()?;
    // Slices without nulls take Polars' fast path: missing values are filled with what cannot win
    // (and the sum is divided by the count of values; all-missing runs are blanked below).
    let mut aggs = vec![
        col(VALUE).fill_null(lit(f64::INFINITY)).min().alias("min"),
        col(VALUE).fill_null(lit(f64::NEG_INFINITY)).max().alias("max"),
        col(VALUE).fill_null(lit(0.0)).sum().alias("_sum"),
    ];
    if has_unit {
        aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
    }
    let aggregated = prepared
        .clone()
        .lazy()
        .group_by([col(SID)])
        .agg(aggs)
        .sort([SID], Default::default())
        .drop(by_name([SID], true, false))
        .collect()?;
    // The first and last row of each run.
    let last_row = lit(prepared.height() as IdxSize - 1);
    let bounds = prepared
        .clone()
        .lazy()
        .filter(col(SID).neq_missing(col(SID).shift(lit(1))))
        .select([
            col("_row").alias("_start"),
            (col("_row").shift(lit(-1)) - lit(1 as IdxSize)).fill_null(last_row).alias("_end"),
        ])
        .collect()?;
    // The labels at the first row of each run, from the whole frame; the numbers from the runs.
    let mut labels: Vec<String> = key.to_vec();
    labels.push(FREQ.to_string());
    labels.extend(["_sign", LEVEL].into_iter().filter(|c| runs.whole().column(c).is_ok()).map(String::from));
    let starts = bounds.column("_start")?.idx()?;
    let firsts = runs.take(&labels, starts)?.hstack(prepared.select([VALUE, "_row"])?.take(starts)?.columns())?;
    let (heads, first_at, last_at) = if complete {
        // Every row holds a value: a run's values are its rows.
        let seen = bounds
            .clone()
            .lazy()
            .select([
                (col("_start").cast(DataType::UInt32) + lit(1u32)).alias("_seen"),
                (col("_end").cast(DataType::UInt32) + lit(1u32)).alias("_seen_last"),
            ])
            .collect()?;
        let heads = firsts.hstack(seen.columns())?;
        let first_at = bounds.column("_start")?.clone().with_name("_first_at".into());
        let last_at = bounds.column("_end")?.clone().with_name("_last_at".into());
        (heads, first_at, last_at)
    } else {
        let seen = prepared.select(["_seen"])?;
        let firsts = firsts.hstack(seen.take(starts)?.columns())?;
        let lasts = seen.take(bounds.column("_end")?.idx()?)?;
        // The rows holding a value, in order: the k-th value of the frame sits on row `valued[k]`.
        // A run's values are the (values before it + 1)-th to the (values up to its end)-th.
        let valued = prepared.clone().lazy().filter(present).select([col("_row")]).collect()?;
        let valued = valued.column("_row")?.idx()?.clone();
        let heads = firsts.hstack(&[lasts.column("_seen")?.clone().with_name("_seen_last".into())])?;
        let in_range = |k: Expr| {
            when(k.clone().gt_eq(lit(0i64)).and(k.clone().lt(lit(valued.len() as i64))))
                .then(k.cast(IDX_DTYPE))
                .otherwise(lit(NULL).cast(IDX_DTYPE))
        };
        let picks = heads
            .clone()
            .lazy()
            .select([
                in_range(col("_seen").cast(DataType::Int64) - col(VALUE).is_not_null().cast(DataType::Int64))
                    .alias("_k"),
                in_range(col("_seen_last").cast(DataType::Int64) - lit(1i64)).alias("_k_last"),
            ])
            .collect()?;
        // A run with no value points into a neighbour (blanked once `n` is known).
        let first_at = valued.take(picks.column("_k")?.idx()?)?.with_name("_first_at".into()).into_column();
        let last_at = valued.take(picks.column("_k_last")?.idx()?)?.with_name("_last_at".into()).into_column();
        (heads, first_at, last_at)
    };
    // Value and period key at the given rows of `prepared` (null rows give nulls), named
    // `value`, `key`.
    let at = |rows: &Column, value: &str, key: &str| -> PolarsResult<Vec<Column>> {
        let rows = rows.cast(&IDX_DTYPE)?;
        let picked = prepared.select([VALUE, YEAR, SUB])?.take(rows.idx()?)?;
        let picked = picked.lazy().select([col(VALUE).alias(value), period_key().alias(key)]).collect()?;
        Ok(picked.into_columns())
    };
    // The period label, only wanted for the first and last values.
    let period_at = |rows: &Column, name: &str| -> PolarsResult<Column> {
        let rows = rows.cast(&IDX_DTYPE)?;
        Ok(runs.take(&[PERIOD.to_string()], rows.idx()?)?.column(PERIOD)?.clone().with_name(name.into()))
    };
    let mut table = heads
        .drop_many([VALUE])
        .hstack(&[first_at.clone(), last_at.clone()])?
        .hstack(&[period_at(&first_at, "first_period")?, period_at(&last_at, "last_period")?])?
        .hstack(&at(&first_at, "_first", "_first_key")?)?
        .hstack(&at(&last_at, "latest", "_last_key")?)?
        .hstack(aggregated.columns())?;
    // The year before the latest: `back` rows back at most, within the run.
    let subs = prepared.column(SUB)?.cast(&DataType::Int64)?;
    let back = subs.as_materialized_series().max::<i64>()?.unwrap_or(0).clamp(1, 12) as IdxSize;
    let mut previous = lit(NULL).cast(DataType::Float64);
    for d in (1..=back).rev() {
        // `d` rows before the last value, when still in the run (`_row`: the run's first row).
        let back_rows = when(col("_last_at").gt_eq(col("_row") + lit(d)))
            .then(col("_last_at") - lit(d))
            .otherwise(lit(NULL).cast(IDX_DTYPE))
            .alias("_rows");
        let rows = table.clone().lazy().select([back_rows]).collect()?;
        table.hstack_mut(&at(rows.column("_rows")?, &format!("_v{d}"), &format!("_k{d}"))?)?;
        let (value, key) = (col(format!("_v{d}").as_str()), col(format!("_k{d}").as_str()));
        previous = when(key.eq(col("_last_key") - lit(100))).then(value).otherwise(previous);
    }
    if let Ok(level) = table.column(LEVEL).cloned() {
        table.with_column(level.with_name("_level".into()))?;
    }
    // `_seen` at a run's first row counts that row's own value, if it has one.
    let own = col("_first_at").eq(col("_row")).fill_null(lit(false)).cast(DataType::UInt32);
    let seen_before = col("_seen") - own;
    let if_any = |e: Expr| when(col("n").gt(lit(0u32))).then(e).otherwise(lit(NULL).cast(DataType::Float64));
    table
        .lazy()
        .with_columns([(col("_seen_last") - seen_before).alias("n"), previous.alias("previous")])
        .with_columns([
            if_any(col("min")).alias("min"),
            if_any(col("max")).alias("max"),
            if_any(col("_sum") / col("n").cast(DataType::Float64)).alias("mean"),
        ])
        .collect()
}

/// The summary of one part of a file (see [`merged`]): per series, in order of appearance, its
/// count, sum, extremes, and first and last values with their periods; and the rows of its
/// last year, where the year-before value of the whole file may lie.
pub fn partial(frame: &DataFrame, key: &[String], has_unit: bool) -> PolarsResult<(DataFrame, DataFrame)> {
    let mut group: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    group.push(col(FREQ));
    let lf = with_period_keys(frame.clone().lazy());
    let (first, last) = (|| col("_pkey").arg_min(), || col("_pkey").arg_max());
    let mut aggs = vec![
        col(VALUE).count().cast(DataType::UInt32).alias("n"),
        col(VALUE).sum().alias("_sum"),
        col(VALUE).min().alias("min"),
        col(VALUE).max().alias("max"),
        col("_pkey").min().alias("_first_key"),
        col("_pkey").max().alias("_last_key"),
        col(VALUE).get(first(), true).alias("_first"),
        col(PERIOD).get(first(), true).alias("first_period"),
        col(VALUE).get(last(), true).alias("latest"),
        col(PERIOD).get(last(), true).alias("last_period"),
    ];
    if has_unit {
        aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
    }
    for (name, alias) in [("_sign", "_sign"), (LEVEL, "_level")] {
        if frame.column(name).is_ok() {
            aggs.push(col(name).first().alias(alias));
        }
    }
    // Rows in ordered runs (most files) are summed slice by slice, as when the file is read
    // whole, so that a series within one part gets the very same sum.
    let states = match super::Runs::of(frame, key, &super::Known::default())?.filter(|runs| runs.ordered) {
        Some(runs) => {
            let mut columns: Vec<Expr> = group.clone();
            columns.extend(
                [
                    "n",
                    "_sum",
                    "min",
                    "max",
                    "_first_key",
                    "_last_key",
                    "_first",
                    "first_period",
                    "latest",
                    "last_period",
                ]
                .map(col),
            );
            columns.extend([UNIT, "_sign", "_level"].into_iter().filter(|c| aggs_has(frame, c, has_unit)).map(col));
            ordered_runs(&runs, key, has_unit)?.lazy().select(columns).collect()?
        }
        None => lf.clone().group_by_stable(group.clone()).agg(aggs).collect()?,
    };
    let last_year = col("_key").gt_eq(col("_pkey").max().over(group.clone())? - lit(100));
    let tails = lf
        .filter(last_year)
        .select(group.into_iter().chain([col("_key"), col(VALUE)]).collect::<Vec<_>>())
        .collect()?;
    Ok((states, tails))
}

/// Whether [`partial`] keeps column `name` (unit, direction, level) for this frame.
fn aggs_has(frame: &DataFrame, name: &str, has_unit: bool) -> bool {
    match name {
        UNIT => has_unit,
        "_level" => frame.column(LEVEL).is_ok(),
        other => frame.column(other).is_ok(),
    }
}

/// The summary of a file read in parts, from the [`partial`] summaries of its parts in order:
/// the same table as [`summary`] of the whole (means summed part by part).
pub fn merged(
    states: Vec<DataFrame>,
    tails: Vec<DataFrame>,
    key: &[String],
    has_unit: bool,
) -> PolarsResult<LazyFrame> {
    let mut group: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    group.push(col(FREQ));
    let stack = |frames: Vec<DataFrame>| {
        concat(frames.into_iter().map(DataFrame::lazy).collect::<Vec<_>>(), UnionArgs::default())
    };
    let states = stack(states)?;
    let schema = states.clone().collect_schema()?;
    let (first, last) = (|| col("_first_key").arg_min(), || col("_last_key").arg_max());
    let mut aggs = vec![
        col("n").sum().cast(DataType::UInt32).alias("n"),
        col("_sum").sum().alias("_sum"),
        col("min").min().alias("min"),
        col("max").max().alias("max"),
        col("_first_key").min().alias("_first_key"),
        col("_last_key").max().alias("_last_key"),
        col("_first").get(first(), true).alias("_first"),
        col("first_period").get(first(), true).alias("first_period"),
        col("latest").get(last(), true).alias("latest"),
        col("last_period").get(last(), true).alias("last_period"),
    ];
    if has_unit {
        aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
    }
    let (sign, level) = (schema.contains("_sign"), schema.contains("_level"));
    for (present, name) in [(sign, "_sign"), (level, "_level")] {
        if present {
            aggs.push(col(name).first().alias(name));
        }
    }
    let table = states.group_by(group.clone()).agg(aggs).sort(in_key_order_by(key), SortMultipleOptions::default());
    // Same sub-period, one year before the last.
    let mut on: Vec<Expr> = group.clone();
    on.push(col("_prev_key"));
    let mut tail_on = group;
    tail_on.push(col("_key"));
    let previous =
        stack(tails)?.select(tail_on.iter().cloned().chain([col(VALUE).alias("previous")]).collect::<Vec<_>>());
    let table = table
        .with_column((col("_last_key") - lit(100)).alias("_prev_key"))
        .join(previous, on, tail_on, super::key_join(JoinType::Left))
        .with_column(
            when(col("n").gt(lit(0u32)))
                .then(col("_sum") / col("n").cast(DataType::Float64))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("mean"),
        );
    Ok(finish(table, key, has_unit, sign, level))
}

/// Besides the columns shown, the table carries `_last_key` (period key of `last_period`) and,
/// when the frame has them, `_sign` and `_level`, for ranking the latest values. `runs`: the
/// frame is numbered by [`super::number_runs`] and groups are slices of a sorted `_sid`;
/// otherwise the series key is hashed.
fn summarise(lf: LazyFrame, key: &[String], has_unit: bool, runs: bool) -> LazyFrame {
    let schema = lf.clone().collect_schema().ok();
    let has = |name: &str| schema.as_ref().is_some_and(|s| s.contains(name));
    let mut group: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    // A series that mixes annual and quarterly rows is summarised once per frequency.
    group.push(col(FREQ));

    let present = col(VALUE).is_not_null();
    // Positions of the first and last periods with a value, within each group: `_pkey` is the
    // period key where there is a value, so arg_min/arg_max (native group aggregations) skip
    // the missing ones.
    let first = || col("_pkey").arg_min();
    let last = || col("_pkey").arg_max();
    let at = |e: Expr, i: Expr| e.get(i, true);
    // Same sub-period, one year earlier: 2019 → 2018, 2019-Q2 → 2018-Q2.
    let year_before = col("_key").eq(col("_pkey").max() - lit(100));

    let mut aggs: Vec<Expr> = if runs {
        // The key columns are constant within a run.
        group.iter().map(|g| g.clone().first()).collect()
    } else {
        Vec::new()
    };
    aggs.extend([
        at(col(PERIOD), first()).alias("first_period"),
        at(col(PERIOD), last()).alias("last_period"),
        col("_pkey").min().alias("_first_key"),
        col("_pkey").max().alias("_last_key"),
        present.clone().sum().cast(DataType::UInt32).alias("n"),
        at(col(VALUE), last()).alias("latest"),
        col(VALUE).filter(present.clone().and(year_before)).first().alias("previous"),
        col(VALUE).min().alias("min"),
        col(VALUE).max().alias("max"),
        col(VALUE).mean().alias("mean"),
        at(col(VALUE), first()).alias("_first"),
    ]);
    if has_unit {
        aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
    }
    for (name, alias) in [("_sign", "_sign"), (LEVEL, "_level")] {
        if has(name) {
            aggs.push(col(name).first().alias(alias));
        }
    }

    let lf = with_period_keys(lf);
    let grouped = if runs { lf.group_by([col(SID)]).agg(aggs) } else { lf.group_by(group).agg(aggs) };
    let grouped = grouped.sort(in_key_order_by(key), SortMultipleOptions::default());
    finish(grouped, key, has_unit, has("_sign"), has(LEVEL))
}

/// Adds `_key`, the period key of each row, and `_pkey`, the same where there is a value.
fn with_period_keys(lf: LazyFrame) -> LazyFrame {
    lf.with_column(period_key().alias("_key")).with_column(
        when(col(VALUE).is_not_null()).then(col("_key")).otherwise(lit(NULL).cast(DataType::Int32)).alias("_pkey"),
    )
}

/// The table shown, from the per-series columns.
fn finish(grouped: LazyFrame, key: &[String], has_unit: bool, sign: bool, level: bool) -> LazyFrame {
    let mut out: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    if has_unit {
        out.push(col(UNIT));
    }
    out.extend([
        col("first_period"),
        col("last_period"),
        col("n"),
        col("latest"),
        super::unless_window(col("previous")).alias("previous"),
        super::unless_window(col("latest") - col("previous")).alias("change"),
        super::unless_window(yoy_pct(col("latest"), col("previous"))).alias("yoy_pct"),
        // With a single value the distance is zero years, so CAGR is null.
        cagr_pct(
            col("_first"),
            col("latest"),
            time_of_key(col("_last_key"), col(FREQ)) - time_of_key(col("_first_key"), col(FREQ)),
        )
        .alias("cagr_pct"),
        col("min"),
        col("max"),
        col("mean"),
    ]);
    out.push(col("_last_key"));
    if sign {
        out.push(col("_sign"));
    }
    if level {
        out.push(col("_level"));
    }

    // A series with no value at all has no first or last period (whatever the filled columns or
    // arg_min of an all-null group point at).
    let blank = ["first_period", "last_period", "latest", "_first", "_first_key", "_last_key"]
        .map(|c| when(col("n").gt(lit(0u32))).then(col(c)).otherwise(lit(NULL)).alias(c));
    grouped.with_columns(blank).select(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{cells, panel, series as frame};
    use proptest::prelude::*;

    fn run(years: &[i32], values: &[Option<f64>]) -> DataFrame {
        summary(frame(years, values), &["area".into(), "indicator".into()], false).collect().unwrap()
    }

    fn get(df: &DataFrame, name: &str) -> Option<f64> {
        df.column(name).unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().get(0)
    }

    #[test]
    fn latest_previous_and_cagr() {
        let df = run(&[2005, 2006, 2007], &[Some(100.0), Some(110.0), Some(121.0)]);
        assert_eq!(get(&df, "latest"), Some(121.0));
        assert_eq!(get(&df, "previous"), Some(110.0));
        assert!((get(&df, "yoy_pct").unwrap() - 10.0).abs() < 1e-9);
        assert!((get(&df, "cagr_pct").unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(get(&df, "n"), Some(3.0));
    }

    #[test]
    fn gaps_are_not_bridged() {
        // 2007 missing: the latest (2008) has no previous year, and CAGR spans 3 years.
        let df = run(&[2005, 2006, 2007, 2008], &[Some(100.0), Some(110.0), None, Some(133.1)]);
        assert_eq!(get(&df, "previous"), None);
        assert_eq!(get(&df, "yoy_pct"), None);
        assert!((get(&df, "cagr_pct").unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(get(&df, "n"), Some(3.0));
        assert_eq!(df.column("last_period").unwrap().str().unwrap().get(0), Some("2008"));
    }

    #[test]
    fn non_positive_base_and_single_point() {
        let df = run(&[2005, 2006], &[Some(0.0), Some(5.0)]);
        assert_eq!(get(&df, "cagr_pct"), None);
        assert_eq!(get(&df, "yoy_pct"), None);
        let df = run(&[2005], &[Some(5.0)]);
        assert_eq!(get(&df, "cagr_pct"), None);
        assert_eq!(get(&df, "previous"), None);
    }

    fn sorted(lf: LazyFrame) -> DataFrame {
        lf.sort(["area"], Default::default()).collect().unwrap()
    }

    #[test]
    fn no_rows_no_runs() {
        // Found by the fuzz test: every row dropped (no area) left an empty frame.
        let key = ["area".to_string(), "indicator".to_string()];
        assert!(crate::core::number_runs(&panel(&[]), &key).unwrap().is_none());
    }

    proptest! {
        /// Grouping by hashed keys, by runs, and by ordered runs gives the same table.
        #[test]
        fn every_grouping_agrees(
            // Per series: quarterly or annual, and per period a row (with a value or not) or no row.
            series in proptest::collection::vec(
                (any::<bool>(), proptest::collection::vec(proptest::option::weighted(0.85, proptest::option::of(-50.0f64..100.0)), 1..14)),
                1..6,
            ),
            shuffle in any::<bool>(),
            complete in any::<bool>(),
        ) {
            let mut cells = cells(&series);
            if complete {
                // Files without a missing value take a shorter way.
                cells.iter_mut().for_each(|c| c.3 = Some(c.3.unwrap_or(1.5)));
            }
            prop_assume!(!cells.is_empty());
            let rows_of = |a: usize| cells.iter().filter(|c| c.0 == a).count();
            let single_rows = (0..series.len()).all(|a| rows_of(a) <= 1);
            if shuffle {
                // Periods out of order within each run: runs, but not ordered ones.
                cells.sort_by_key(|c| (c.0, -c.1, -c.2));
            }
            let key = ["area".to_string(), "indicator".to_string()];
            let df = panel(&cells);
            let by_keys = sorted(summary(df.clone().lazy(), &key, false));
            let runs = crate::core::number_runs(&df, &key).unwrap().unwrap();
            prop_assert_eq!(runs.ordered, !shuffle || single_rows);
            let by_runs = sorted(summary_of_runs(runs, &key, false).unwrap());
            for name in ["first_period", "last_period", "n", "latest", "previous", "yoy_pct", "cagr_pct", "min", "max", "mean"] {
                let (a, b) = (by_keys.column(name).unwrap(), by_runs.column(name).unwrap());
                let close = a.as_materialized_series().iter().zip(b.as_materialized_series().iter()).all(|(x, y)| match (x.extract::<f64>(), y.extract::<f64>()) {
                    (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                    _ => x == y,
                });
                prop_assert!(close, "{}: {:?} vs {:?}", name, a, b);
            }
        }

        #[test]
        fn cagr_recovers_a_constant_rate(start in 1.0f64..1e6, rate in -0.5f64..0.5, years in 1usize..12) {
            let ys: Vec<i32> = (0..=years as i32).map(|i| 2000 + i).collect();
            let vs: Vec<Option<f64>> = (0..=years).map(|i| Some(start * (1.0 + rate).powi(i as i32))).collect();
            let df = run(&ys, &vs);
            let cagr = get(&df, "cagr_pct").unwrap();
            prop_assert!((cagr - rate * 100.0).abs() < 1e-6, "cagr {} rate {}", cagr, rate);
            let yoy = get(&df, "yoy_pct").unwrap();
            prop_assert!((yoy - rate * 100.0).abs() < 1e-6);
        }
    }
}
