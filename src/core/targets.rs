//! `targets`: actual values against plan — a single target or a range (`plan_low`–`plan_high`) —
//! with the gap to the nearest bound, % of plan and a direction-aware status.

use polars::prelude::*;

use super::key_join;
use crate::frame::{AREA, FREQ, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, SUB, VALUE, YEAR};

pub const EXCEEDED: &str = "exceeded";
pub const MET: &str = "met";
pub const BELOW: &str = "below";
pub const NO_PLAN: &str = "no plan";
pub const NO_DATA: &str = "no data";

/// Puts plans beside the actual values: a full join on area, indicator and period, so that plans
/// without actual values (status `no data`) and values without plans (`no plan`) both stay.
/// `plans` has `area, indicator, period, year, sub, freq, plan_low, plan_high`.
pub fn join_plans(actual: LazyFrame, plans: LazyFrame) -> LazyFrame {
    let on = [col(AREA), col(INDICATOR), col(YEAR), col(SUB), col(FREQ)];
    let plans = plans.select([
        col(AREA),
        col(INDICATOR),
        col(YEAR),
        col(SUB),
        col(FREQ),
        col(PERIOD).alias("_plan_period"),
        col(PLAN_LOW).alias("_plan_low"),
        col(PLAN_HIGH).alias("_plan_high"),
    ]);
    let mut args = key_join(JoinType::Full);
    args.coalesce = JoinCoalesce::CoalesceColumns;
    args.maintain_order = MaintainOrderJoin::LeftRight;
    actual.join(plans, on.clone(), on, args).with_columns([
        col(PERIOD).fill_null(col("_plan_period")).alias(PERIOD),
        col("_plan_low").alias(PLAN_LOW),
        col("_plan_high").alias(PLAN_HIGH),
    ])
}

/// The columns [`assess`] adds.
pub const COLUMNS: [&str; 3] = ["gap", "pct_of_plan", "status"];

/// Adds `gap`, `pct_of_plan` and `status` to a frame with `value, plan_low, plan_high` and
/// `_sign` (+1 higher is better, −1 lower is better).
///
/// A plan with one bound (or equal bounds) is a single target: reaching or passing it is `met`.
/// A range is `met` inside and `exceeded` past its better end. For a lower-is-better indicator
/// the better end is the low one, so passing a ceiling is `below`. `gap` is the distance to the
/// nearest bound, positive when on the good side, 0 inside a range; `pct_of_plan` is
/// value ÷ plan × 100 for single targets.
pub fn assess(lf: LazyFrame) -> LazyFrame {
    let low = col(PLAN_LOW).fill_null(col(PLAN_HIGH));
    let high = col(PLAN_HIGH).fill_null(col(PLAN_LOW));
    let higher = col("_sign").gt_eq(lit(0.0));
    // In "bigger is better" terms: negate values (and swap bounds) when lower is better.
    let score = col(VALUE) * col("_sign");
    let worse_end = when(higher.clone()).then(low.clone()).otherwise(-high.clone());
    let better_end = when(higher).then(high.clone()).otherwise(-low.clone());
    let single = low.clone().eq(high.clone());
    let null_f64 = || lit(NULL).cast(DataType::Float64);
    let status = when(col(VALUE).is_null())
        .then(lit(NO_DATA))
        .when(low.clone().is_null())
        .then(lit(NO_PLAN))
        .when(score.clone().gt(better_end.clone()).and(single.clone().not()))
        .then(lit(EXCEEDED))
        .when(score.clone().gt_eq(worse_end.clone()))
        .then(lit(MET))
        .otherwise(lit(BELOW));
    let gap = when(score.clone().lt(worse_end.clone()))
        .then(score.clone() - worse_end)
        .when(score.clone().gt(better_end.clone()))
        .then(score - better_end)
        .when(low.clone().is_not_null().and(col(VALUE).is_not_null()))
        .then(lit(0.0))
        .otherwise(null_f64());
    let pct = when(single.and(low.clone().neq(lit(0.0)))).then(col(VALUE) / low * lit(100.0)).otherwise(null_f64());
    lf.with_columns([gap.alias("gap"), pct.alias("pct_of_plan"), status.alias("status")])
}

/// A value and its plan bounds (low, high), outside a frame.
pub type Planned = (Option<f64>, Option<(f64, f64)>);

/// [`assess`]'s status of each value and plan of one indicator with direction `sign`, for
/// callers holding a few values outside a frame (the target chart): the same rule, called.
pub fn statuses(rows: &[Planned], sign: f64) -> PolarsResult<Vec<String>> {
    let df = df!(
        VALUE => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        PLAN_LOW => rows.iter().map(|r| r.1.map(|p| p.0)).collect::<Vec<_>>(),
        PLAN_HIGH => rows.iter().map(|r| r.1.map(|p| p.1)).collect::<Vec<_>>(),
        "_sign" => vec![sign; rows.len()],
    )?;
    let assessed = assess(df.lazy()).select([col("status")]).collect()?;
    Ok(assessed.column("status")?.str()?.iter().map(|s| s.unwrap_or(NO_DATA).to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assess_one(
        value: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        sign: f64,
    ) -> (String, Option<f64>, Option<f64>) {
        let df = df!(
            "value" => [value], "plan_low" => [low], "plan_high" => [high], "_sign" => [sign],
        )
        .unwrap();
        let out = assess(df.lazy()).collect().unwrap();
        let status = out.column("status").unwrap().str().unwrap().get(0).unwrap().to_string();
        let f = |n: &str| out.column(n).unwrap().f64().unwrap().get(0);
        (status, f("gap"), f("pct_of_plan"))
    }

    #[test]
    fn ranges_and_single_targets() {
        // Lạng Sơn 2019: growth 11.68 against 11–12.
        assert_eq!(assess_one(Some(11.68), Some(11.0), Some(12.0), 1.0), (MET.into(), Some(0.0), None));
        assert_eq!(assess_one(Some(12.5), Some(11.0), Some(12.0), 1.0), (EXCEEDED.into(), Some(0.5), None));
        assert_eq!(assess_one(Some(10.0), Some(11.0), Some(12.0), 1.0), (BELOW.into(), Some(-1.0), None));
        assert_eq!(assess_one(Some(120.0), Some(100.0), Some(100.0), 1.0), (MET.into(), Some(20.0), Some(120.0)));
        assert_eq!(assess_one(Some(80.0), Some(100.0), None, 1.0), (BELOW.into(), Some(-20.0), Some(80.0)));
        assert_eq!(assess_one(None, Some(100.0), None, 1.0), (NO_DATA.into(), None, None));
        assert_eq!(assess_one(Some(5.0), None, None, 1.0), (NO_PLAN.into(), None, None));
    }

    #[test]
    fn lower_is_better() {
        // A poverty rate with a ceiling of 5 %: 4 is met, 6 is below.
        assert_eq!(assess_one(Some(4.0), None, Some(5.0), -1.0), (MET.into(), Some(1.0), Some(80.0)));
        assert_eq!(assess_one(Some(6.0), None, Some(5.0), -1.0), (BELOW.into(), Some(-1.0), Some(120.0)));
        // A range 3–5: under 3 is exceeded, over 5 is below.
        assert_eq!(assess_one(Some(2.0), Some(3.0), Some(5.0), -1.0).0, EXCEEDED);
        assert_eq!(assess_one(Some(5.5), Some(3.0), Some(5.0), -1.0).0, BELOW);
        assert_eq!(assess_one(Some(4.0), Some(3.0), Some(5.0), -1.0).0, MET);
    }
}
