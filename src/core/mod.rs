//! The analytics core: functions from a canonical `LazyFrame` (and plain option structs) to a
//! `LazyFrame`. Nothing here knows about files, flags or terminals.

pub mod filter;
pub mod growth;
pub mod profile;
pub mod quality;
pub mod rank;
pub mod summary;
pub mod targets;

use polars::prelude::*;

use crate::frame::{FREQ, SUB, YEAR};

/// Time of a period in years: 2019 → 2019.0, 2019-Q3 → 2019.5, 2019-04 → 2019.25.
pub fn time_in_years() -> Expr {
    let sub = col(SUB).cast(DataType::Float64) - lit(1.0);
    col(YEAR).cast(DataType::Float64)
        + when(col(FREQ).eq(lit("Q")))
            .then(sub.clone() / lit(4.0))
            .when(col(FREQ).eq(lit("M")))
            .then(sub / lit(12.0))
            .otherwise(lit(0.0))
}

/// Sortable period number: 2019 → 201900, 2019-Q2 → 201902.
pub fn period_key() -> Expr {
    col(YEAR).cast(DataType::Int32) * lit(100) + col(SUB).cast(DataType::Int32)
}

/// Join options for series keys, whose extra dimensions may be null.
pub fn key_join(how: JoinType) -> JoinArgs {
    let mut args = JoinArgs::new(how);
    args.nulls_equal = true;
    args.maintain_order = MaintainOrderJoin::Left;
    args
}

/// (latest − previous) / |previous| × 100; null when previous is missing or 0.
pub fn yoy_pct(latest: Expr, previous: Expr) -> Expr {
    when(previous.clone().neq(lit(0.0)))
        .then((latest - previous.clone()) / previous.abs() * lit(100.0))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// ((last / first)^(1 / years) − 1) × 100; null unless years > 0, first > 0 and last ≥ 0.
pub fn cagr_pct(first: Expr, last: Expr, years: Expr) -> Expr {
    when(years.clone().gt(lit(0.0)).and(first.clone().gt(lit(0.0))).and(last.clone().gt_eq(lit(0.0))))
        .then(((last / first).pow(lit(1.0) / years) - lit(1.0)) * lit(100.0))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Small canonical frames for the unit tests of the analytics.
#[cfg(test)]
pub(crate) mod testing {
    use polars::prelude::*;

    /// Annual rows of indicator `x`, one per (area, year, value), with direction `sign`.
    pub fn annual(areas: &[&str], years: &[i32], values: &[Option<f64>], sign: f64) -> LazyFrame {
        let n = areas.len();
        df!(
            "area" => areas,
            "indicator" => vec!["x"; n],
            "period" => years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
            "year" => years,
            "sub" => vec![0i8; n],
            "freq" => vec!["A"; n],
            "value" => values,
            "_sign" => vec![sign; n],
        )
        .unwrap()
        .lazy()
    }

    /// One annual series `A / x`.
    pub fn series(years: &[i32], values: &[Option<f64>]) -> LazyFrame {
        annual(&vec!["A"; years.len()], years, values, 1.0)
    }

    /// A column as floats.
    pub fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
        df.column(name).unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().iter().collect()
    }
}
