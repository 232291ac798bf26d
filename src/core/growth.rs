//! `growth`: per observation, the value of the same period a year before, the change, YoY %, an
//! index (base period = 100) and the CAGR since the base. Gaps stay gaps.

use polars::prelude::*;

use super::{cagr_pct, key_join, period_key, time_in_years, yoy_pct, SID};
use crate::frame::{PERIOD, VALUE};
use crate::period::Period;

/// Growth of every observation of a canonical frame. `key` is the series key. The base of the
/// index and of the CAGR is `base` when given (a series without a value there gets null index
/// and CAGR), else the first period with a value in each series.
pub fn growth(lf: LazyFrame, key: &[String], base: Option<&Period>) -> LazyFrame {
    let key_cols: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
    let with_key = |mut v: Vec<Expr>, extra: &[&str]| {
        v.extend(extra.iter().map(|e| col(*e)));
        v
    };
    let lf = lf.with_row_index("_row", None).with_columns([period_key().alias("_key"), time_in_years().alias("_t")]);
    let present = lf.clone().filter(col(VALUE).is_not_null());

    // The same sub-period one year later looks back at this row.
    let year_before = present.clone().select(
        with_key(key_cols.clone(), &[])
            .into_iter()
            .chain([(col("_key") + lit(100)).alias("_key"), col(VALUE).alias("previous")])
            .collect::<Vec<_>>(),
    );

    let base_keys = match base {
        Some(p) => present.clone().filter(col("_key").eq(lit(p.key()))).select(with_key(key_cols.clone(), &["_key"])),
        None => present.clone().group_by(key_cols.clone()).agg([col("_key").min()]),
    };
    let bases = present
        .join(
            base_keys,
            with_key(key_cols.clone(), &["_key"]),
            with_key(key_cols.clone(), &["_key"]),
            key_join(JoinType::Inner),
        )
        .select(
            with_key(key_cols.clone(), &[])
                .into_iter()
                .chain([col(PERIOD).alias("base_period"), col(VALUE).alias("_base"), col("_t").alias("_base_t")])
                .collect::<Vec<_>>(),
        );

    let base_value = col("_base");
    let index = when(base_value.clone().neq(lit(0.0)))
        .then(col(VALUE) * lit(100.0) / base_value.clone())
        .otherwise(lit(NULL).cast(DataType::Float64));

    lf.join(
        year_before,
        with_key(key_cols.clone(), &["_key"]),
        with_key(key_cols.clone(), &["_key"]),
        key_join(JoinType::Left),
    )
    .join(bases, key_cols.clone(), key_cols, key_join(JoinType::Left))
    .sort(["_row"], Default::default())
    .with_column(super::unless_window(col("previous")).alias("previous"))
    .with_columns([
        (col(VALUE) - col("previous")).alias("change"),
        yoy_pct(col(VALUE), col("previous")).alias("yoy_pct"),
        index.alias("index"),
        cagr_pct(base_value, col(VALUE), col("_t") - col("_base_t")).alias("cagr_pct"),
    ])
}

/// [`growth`] of a frame in runs (see [`super::Runs`]): the same columns, for the rows of the
/// whole frame in its order, without joining on the series key. Within a run periods strictly
/// increase, so the row one year before lies at most as many rows back as a year has
/// sub-periods, and the base is found within the run.
pub fn growth_of_runs(runs: &super::Runs, base: Option<&Period>) -> PolarsResult<DataFrame> {
    let present = col(VALUE).is_not_null();
    let numbers = runs
        .frame
        .clone()
        .lazy()
        .with_row_index("_r", None)
        .with_columns([period_key().alias("_key"), time_in_years().alias("_t")])
        .collect()?;
    let subs = numbers.column(crate::frame::SUB)?.cast(&DataType::Int64)?;
    let back = subs.as_materialized_series().max::<i64>()?.unwrap_or(0).clamp(1, 12);
    // The same sub-period one year before, `d` rows back in the same run.
    let mut previous = lit(NULL).cast(DataType::Float64);
    for d in (1..=back).rev() {
        let same_run = col(SID).shift(lit(d)).eq(col(SID));
        let year_before = col("_key").shift(lit(d)).eq(col("_key") - lit(100));
        previous = when(same_run.and(year_before)).then(col(VALUE).shift(lit(d))).otherwise(previous);
    }
    // The base row of each run: the first with a value, or the one of the base period.
    let is_base = match base {
        Some(p) => present.and(col("_key").eq(lit(p.key()))),
        None => present,
    };
    let at_base = |e: Expr| e.filter(is_base.clone()).first().over([col(SID)]);
    let computed = numbers
        .lazy()
        .with_columns([
            super::unless_window(previous).alias("previous"),
            at_base(col(VALUE))?.alias("_base"),
            at_base(col("_t"))?.alias("_base_t"),
            at_base(col("_r"))?.alias("_base_r"),
        ])
        .with_columns([
            (col(VALUE) - col("previous")).alias("change"),
            yoy_pct(col(VALUE), col("previous")).alias("yoy_pct"),
            when(col("_base").neq(lit(0.0)))
                .then(col(VALUE) * lit(100.0) / col("_base"))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("index"),
            cagr_pct(col("_base"), col(VALUE), col("_t") - col("_base_t")).alias("cagr_pct"),
        ])
        .select([col("previous"), col("change"), col("yoy_pct"), col("_base_r"), col("index"), col("cagr_pct")])
        .collect()?;
    // The label of each row's base period, from the whole frame.
    let base_rows = computed.column("_base_r")?.idx()?.clone();
    let base_period = runs.take(&[PERIOD.to_string()], &base_rows)?;
    let base_period = base_period.column(PERIOD)?.clone().with_name("base_period".into());
    let mut added = computed.drop("_base_r")?;
    added.insert_column(3, base_period)?;
    // Back in the order of the whole frame.
    let whole = runs.whole().clone();
    let added = match &runs.origin {
        Some((_, order)) => {
            let inverse = order.clone().into_series().arg_sort(SortOptions::default().with_multithreaded(true));
            added.take(&inverse)?
        }
        None => added,
    };
    let whole = whole.drop_many(COLUMNS);
    whole.hstack(added.columns())
}

/// The columns `growth` adds, in output order.
pub const COLUMNS: [&str; 6] = ["previous", "change", "yoy_pct", "base_period", "index", "cagr_pct"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{cells, floats, panel, series as frame};
    use proptest::prelude::*;

    #[test]
    fn index_and_growth_with_a_gap() {
        let key = ["area".to_string(), "indicator".to_string()];
        let df = growth(frame(&[2015, 2016, 2017, 2018], &[Some(100.0), Some(110.0), None, Some(121.0)]), &key, None)
            .collect()
            .unwrap();
        assert_eq!(floats(&df, "previous"), [None, Some(100.0), Some(110.0), None]);
        assert_eq!(floats(&df, "index"), [Some(100.0), Some(110.0), None, Some(121.0)]);
        let yoy = floats(&df, "yoy_pct");
        assert!((yoy[1].unwrap() - 10.0).abs() < 1e-9);
        assert_eq!(yoy[2], None);
        assert_eq!(yoy[3], None, "2017 is missing: 2018 has no year before");
        let cagr = floats(&df, "cagr_pct");
        assert_eq!(cagr[0], None);
        assert!((cagr[3].unwrap() - 100.0 * (1.21f64.powf(1.0 / 3.0) - 1.0)).abs() < 1e-9);
    }

    #[test]
    fn explicit_base() {
        let key = ["area".to_string(), "indicator".to_string()];
        let base = crate::period::parse("2016").unwrap();
        let df = growth(frame(&[2015, 2016, 2017], &[Some(50.0), Some(200.0), Some(100.0)]), &key, Some(&base))
            .collect()
            .unwrap();
        assert_eq!(floats(&df, "index"), [Some(25.0), Some(100.0), Some(50.0)]);
        assert_eq!(df.column("base_period").unwrap().str().unwrap().get(0), Some("2016"));
    }

    proptest! {
        /// Growth by runs (the rows' own, or put in runs by a sort) gives what the joins on the
        /// series key give, row for row, with or without a base period.
        #[test]
        fn runs_agree_with_joins(
            series in proptest::collection::vec(
                (any::<bool>(), proptest::collection::vec(proptest::option::weighted(0.85, proptest::option::of(-50.0f64..100.0)), 1..14)),
                1..6,
            ),
            order in 0..3u8,
            base in proptest::option::of(2000..2004i32),
        ) {
            let mut cells = cells(&series);
            prop_assume!(!cells.is_empty());
            match order {
                // Period after period, as offices export.
                1 => cells.sort_by_key(|c| (c.1, c.2, c.0)),
                2 => cells.reverse(),
                _ => {}
            }
            let key = ["area".to_string(), "indicator".to_string()];
            let base = base.map(|y| crate::period::parse(&y.to_string()).unwrap());
            let df = panel(&cells);
            let by_joins = growth(df.clone().lazy(), &key, base.as_ref()).collect().unwrap();
            let Some(runs) = crate::core::Runs::of(&df, &key, &crate::core::Known::default()).unwrap().filter(|r| r.ordered) else {
                return Err(TestCaseError::fail("no runs"));
            };
            let by_runs = growth_of_runs(&runs, base.as_ref()).unwrap();
            for name in COLUMNS {
                let (a, b) = (by_joins.column(name).unwrap(), by_runs.column(name).unwrap());
                // The same values; arithmetic may differ in the last bit (invisible in output,
                // which keeps 15 significant digits).
                let (a, b) = (a.as_materialized_series(), b.as_materialized_series());
                let same = a.iter().zip(b.iter()).all(|(x, y)| match (x.extract::<f64>(), y.extract::<f64>()) {
                    (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
                    _ => x == y,
                });
                prop_assert!(same, "{}: {:?} vs {:?}", name, a, b);
            }
        }

        /// YoY and CAGR agree with the direct formulas on random series with gaps.
        #[test]
        fn agrees_with_direct_formulas(values in proptest::collection::vec(proptest::option::weighted(0.8, 1.0f64..1000.0), 2..15)) {
            let years: Vec<i32> = (0..values.len() as i32).map(|i| 2000 + i).collect();
            let key = ["area".to_string(), "indicator".to_string()];
            let df = growth(frame(&years, &values), &key, None).collect().unwrap();
            let yoy = floats(&df, "yoy_pct");
            let cagr = floats(&df, "cagr_pct");
            let first = values.iter().position(Option::is_some);
            for i in 0..values.len() {
                let expected_yoy = match (i.checked_sub(1).and_then(|j| values[j]), values[i]) {
                    (Some(p), Some(v)) => Some((v - p) / p * 100.0),
                    _ => None,
                };
                prop_assert_eq!(yoy[i].is_some(), expected_yoy.is_some());
                if let (Some(a), Some(b)) = (yoy[i], expected_yoy) {
                    prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0));
                }
                let expected_cagr = match (first, values[i]) {
                    (Some(f), Some(v)) if i > f => Some(((v / values[f].unwrap()).powf(1.0 / (i - f) as f64) - 1.0) * 100.0),
                    _ => None,
                };
                prop_assert_eq!(cagr[i].is_some(), expected_cagr.is_some());
                if let (Some(a), Some(b)) = (cagr[i], expected_cagr) {
                    prop_assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0));
                }
            }
        }
    }
}
