//! Actual against plan (see [`crate::core::targets`]). Plans come from the data's own plan
//! columns or from a plan file, joined through the area crosswalk.

use polars::prelude::*;

use crate::core::period_key;
use crate::core::targets::{assess, join_plans};
use crate::error::ChisoError;
use crate::frame::{self, AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, VALUE};
use crate::input::{self, ReadOptions};
use crate::period::Period;

use super::Dataset;
use crate::names::first_names;

impl Dataset {
    /// Actual against plan (see [`crate::core::targets`]) in `period` (default: every period):
    /// gap, % of plan and status, with plans from `plan` (a file) or the data's plan columns.
    pub fn targets(&self, plan: Option<&str>, period: Option<&Period>) -> Result<DataFrame, ChisoError> {
        self.note_directions();
        let mut lf = self.with_plans(plan)?;
        if let Some(p) = period {
            lf = lf.filter(period_key().eq(lit(p.key())));
        }
        let mut lf = assess(lf);
        let present = super::columns_of(&mut lf)?;
        let mut wanted: Vec<&str> = self.key.iter().map(String::as_str).collect();
        wanted.extend([frame::LEVEL, frame::UNIT, PERIOD, VALUE, PLAN_LOW, PLAN_HIGH]);
        wanted.extend(crate::core::targets::COLUMNS);
        Ok(super::select_existing(lf, &present, &wanted).collect()?)
    }

    /// The filtered frame with `plan_low` and `plan_high`: from the `plan` file when given (a
    /// full join, so plans without values stay), else the data's own plan columns (null when it
    /// has none).
    pub fn with_plans(&self, plan: Option<&str>) -> Result<LazyFrame, ChisoError> {
        let read = &self.read;
        let mut lf = self.frame.clone();
        let columns = super::columns_of(&mut lf)?;
        let has = |c: &str| columns.iter().any(|n| n == c);
        Ok(match plan {
            Some(plan) => {
                let plans = load_plans(plan, read, self)?;
                let sign = self.indicators.signs(&super::distinct(&plans, INDICATOR)?)?;
                let actual = lf.drop(by_name([PLAN_LOW, PLAN_HIGH, "_sign", frame::LEVEL], false, false));
                let mut joined = join_plans(actual, plans.clone().lazy()).join(
                    sign.lazy(),
                    [col(INDICATOR)],
                    [col(INDICATOR)],
                    crate::core::key_join(JoinType::Left),
                );
                // Plan-only rows need their level too, so levels are joined after the plans.
                if self.areas.given {
                    let mut names = super::distinct(&self.loaded.frame, AREA)?;
                    names.extend(super::distinct(&plans, AREA)?);
                    names.sort();
                    names.dedup();
                    joined = super::join_on(joined, self.areas.levels(&names)?, AREA);
                }
                joined
            }
            None if has(PLAN_LOW) || has(PLAN_HIGH) => lf,
            None => lf.with_columns([
                lit(NULL).cast(DataType::Float64).alias(PLAN_LOW),
                lit(NULL).cast(DataType::Float64).alias(PLAN_HIGH),
            ]),
        })
    }
}

/// The plan file as `area, indicator, period…, plan_low, plan_high`, areas through the crosswalk
/// and filtered like the data. Plan areas that match no area of the data are reported.
fn load_plans(path: &str, read: &ReadOptions, dataset: &Dataset) -> Result<DataFrame, ChisoError> {
    // Column flags describe the data files, not the plan file: only the reading flags carry over.
    // A plan file without an indicator column plans the data's indicator, when there is one.
    let indicators = super::distinct(&dataset.frame.clone().collect()?, INDICATOR)?;
    let options = ReadOptions {
        plans: true,
        indicator_name: (indicators.len() == 1).then(|| indicators[0].clone()),
        delimiter: read.delimiter,
        decimal_comma: read.decimal_comma,
        thousands: read.thousands,
        nulls: read.nulls.clone(),
        encoding: read.encoding.clone(),
        ..ReadOptions::default()
    };
    let plan = input::load(&[path.to_string()], &options)?;
    plan.print_warnings();
    let data_areas = super::distinct(&dataset.loaded.frame, AREA)?;
    let (df, _) = dataset.areas.including(&data_areas).apply(plan.frame)?;
    let (has_low, has_high) = (df.column(PLAN_LOW).is_ok(), df.column(PLAN_HIGH).is_ok());
    let bound = |c: &str, has: bool| if has { col(c).fill_null(col(VALUE)) } else { col(VALUE) };
    let plans = dataset
        .filter_like(df.lazy())
        .select([
            col(AREA),
            col(INDICATOR),
            col(PERIOD),
            col(frame::YEAR),
            col(frame::SUB),
            col(frame::FREQ),
            bound(PLAN_LOW, has_low).alias(PLAN_LOW),
            bound(PLAN_HIGH, has_high).alias(PLAN_HIGH),
        ])
        .collect()?;

    let plan_areas = crate::core::distinct(&plans, AREA)?;
    let unmatched: Vec<String> =
        plan_areas.str()?.iter().flatten().filter(|a| !data_areas.iter().any(|d| d == a)).map(str::to_string).collect();
    if !unmatched.is_empty() && unmatched.len() == plan_areas.len() {
        return Err(ChisoError::PlanMatchesNothing { file: path.to_string(), examples: first_names(&unmatched, 5) });
    }
    if !unmatched.is_empty() {
        crate::messages::warning(format!(
            "{path}: {} no area of the data (status `no data`): {}",
            if unmatched.len() == 1 {
                "1 plan area matches".to_string()
            } else {
                format!("{} plan areas match", unmatched.len())
            },
            first_names(&unmatched, 10)
        ));
    }
    Ok(plans)
}
