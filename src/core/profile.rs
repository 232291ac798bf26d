//! Counts behind `chiso inspect`: observations, missing values, distinct areas, indicators and
//! periods, the period range and coverage.

use polars::prelude::*;
use serde::Serialize;

use super::period_key;
use crate::frame::{AREA, FREQ, INDICATOR, PERIOD, SUB, VALUE, YEAR};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Profile {
    /// Rows of the canonical frame (present and missing observations).
    pub rows: u64,
    pub observations: u64,
    pub missing: u64,
    pub areas: u64,
    pub indicators: u64,
    pub periods: u64,
    pub first_period: Option<String>,
    pub last_period: Option<String>,
    /// Series: areas × indicators × extra dimensions that occur.
    pub series: u64,
    /// Observations present ÷ (series × periods), in percent: at most 100.
    pub coverage_pct: Option<f64>,
}

/// The counts of a canonical frame; `key` is its series key (area, indicator, dimensions).
pub fn profile(lf: LazyFrame, key: &[String]) -> PolarsResult<Profile> {
    let series = lf
        .clone()
        .select(key.iter().map(|k| col(k.as_str())).collect::<Vec<_>>())
        .unique(None, UniqueKeepStrategy::Any)
        .select([len().cast(DataType::UInt64).alias("n")])
        .collect()?;
    let series = series.column("n")?.u64()?.get(0).unwrap_or(0);
    let counts = lf
        .clone()
        .select([
            len().cast(DataType::UInt64).alias("rows"),
            col(VALUE).is_not_null().sum().cast(DataType::UInt64).alias("observations"),
            col(VALUE).is_null().sum().cast(DataType::UInt64).alias("missing"),
            col(AREA).n_unique().cast(DataType::UInt64).alias("areas"),
            col(INDICATOR).n_unique().cast(DataType::UInt64).alias("indicators"),
        ])
        .collect()?;
    let get = |name: &str| -> u64 { counts.column(name).ok().and_then(|c| c.u64().ok()?.get(0)).unwrap_or(0) };
    let periods = lf
        .select([col(PERIOD), col(YEAR), col(SUB), col(FREQ), period_key().alias("_key")])
        .unique_stable_generic(Some(vec![col(YEAR), col(SUB), col(FREQ)]), UniqueKeepStrategy::First)
        .sort(["_key"], Default::default())
        .collect()?;
    let labels = periods.column(PERIOD)?.str()?;
    let n_periods = periods.height() as u64;
    let (rows, observations, areas, indicators) = (get("rows"), get("observations"), get("areas"), get("indicators"));
    let cells = series * n_periods;
    Ok(Profile {
        rows,
        observations,
        missing: get("missing"),
        areas,
        indicators,
        periods: n_periods,
        series,
        first_period: labels.get(0).map(str::to_string),
        last_period: labels.get(labels.len().saturating_sub(1)).map(str::to_string),
        coverage_pct: (cells > 0).then(|| observations as f64 / cells as f64 * 100.0),
    })
}
