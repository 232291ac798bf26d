//! `summary`: one row per series with its span, latest value, change on the year before, CAGR and
//! range. Missing values stay missing: `previous` is the exact same period one year earlier.

use polars::prelude::*;

use super::{cagr_pct, period_key, time_in_years, yoy_pct, SID};
use crate::frame::{FREQ, LEVEL, PERIOD, UNIT, VALUE};

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
pub fn summary_of_runs(lf: LazyFrame, key: &[String], has_unit: bool) -> LazyFrame {
    summarise(lf, key, has_unit, true)
}

/// Besides the columns shown, the table carries `_last_key` (period key of `last_period`) and,
/// when the frame has them, `_sign` and `_level`, for ranking the latest values.
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

    let mut aggs = if runs {
        // The key columns are constant within a run.
        group.iter().map(|g| g.clone().first()).collect()
    } else {
        vec![col("_row").min().alias("_first_row")]
    };
    aggs.extend([
        at(col(PERIOD), first()).alias("first_period"),
        at(col(PERIOD), last()).alias("last_period"),
        col("_pkey").max().alias("_last_key"),
        present.clone().sum().cast(DataType::UInt32).alias("n"),
        at(col(VALUE), last()).alias("latest"),
        col(VALUE).filter(present.clone().and(year_before)).first().alias("previous"),
        col(VALUE).min().alias("min"),
        col(VALUE).max().alias("max"),
        col(VALUE).mean().alias("mean"),
        at(col(VALUE), first()).alias("_first"),
        at(col("_t"), first()).alias("_t0"),
        at(col("_t"), last()).alias("_t1"),
    ]);
    if has_unit {
        aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
    }
    let mut hidden = vec![col("_last_key")];
    for (name, alias) in [("_sign", "_sign"), (LEVEL, "_level")] {
        if has(name) {
            aggs.push(col(name).first().alias(alias));
            hidden.push(col(alias));
        }
    }

    let mut out: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    if has_unit {
        out.push(col(UNIT));
    }
    out.extend([
        col("first_period"),
        col("last_period"),
        col("n"),
        col("latest"),
        col("previous"),
        (col("latest") - col("previous")).alias("change"),
        yoy_pct(col("latest"), col("previous")).alias("yoy_pct"),
        // With a single value the distance is zero years, so CAGR is null.
        cagr_pct(col("_first"), col("latest"), col("_t1") - col("_t0")).alias("cagr_pct"),
        col("min"),
        col("max"),
        col("mean"),
    ]);
    out.extend(hidden);

    let lf = if runs { lf } else { lf.with_row_index("_row", None) };
    let lf = lf.with_columns([time_in_years().alias("_t"), period_key().alias("_key")]).with_column(
        when(col(VALUE).is_not_null()).then(col("_key")).otherwise(lit(NULL).cast(DataType::Int32)).alias("_pkey"),
    );
    let grouped = if runs {
        // Runs are numbered in file order.
        lf.group_by([col(SID)]).agg(aggs).sort([SID], Default::default())
    } else {
        lf.group_by(group).agg(aggs).sort(["_first_row"], Default::default())
    };
    grouped.select(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::series as frame;
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

    proptest! {
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
