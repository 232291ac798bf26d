//! Progress toward a target year per series (see [`crate::core::progress`]): the base and latest
//! values from the data, the target from the plans (the latest period planned) or given for all.

use polars::prelude::*;

use crate::core::progress::{assess, Method, Series};
use crate::core::{period_key, time_in_years};
use crate::error::ChisoError;
use crate::frame::{self, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, VALUE};
use crate::locale::Lang;
use crate::meta::Measure;
use crate::period::Period;

use super::{select_existing, Dataset};

/// What `chiso progress` asks.
#[derive(Debug, Clone, Default)]
pub struct ProgressSettings {
    pub method: Method,
    /// Plans from this file; the latest period planned is each series' target.
    pub plan: Option<String>,
    /// One target for every series (with `target_year`), instead of the plans.
    pub target: Option<f64>,
    pub target_year: Option<i32>,
    /// The base period (default: each series' first value).
    pub base: Option<Period>,
    /// The language of the status words.
    pub lang: Lang,
}

/// The columns of the progress table after the series key.
pub const COLUMNS: [&str; 14] = [
    "base_period",
    "base",
    "latest_period",
    "latest",
    "target",
    "target_year",
    "g_obs",
    "g_req",
    "per_year",
    "ratio",
    "projected",
    "status",
    "method",
    "note",
];

impl Dataset {
    /// One row per series: base, latest, target, the observed and required growth a year (in %,
    /// or in points for a rate), the ratio, the value projected for the target year and the
    /// status. Series without a value are left out.
    pub fn progress(&self, settings: &ProgressSettings) -> Result<DataFrame, ChisoError> {
        self.note_directions();
        let frame = self.with_plans(settings.plan.as_deref())?;
        let mut group: Vec<Expr> = self.key.iter().map(|k| col(k.as_str())).collect();
        group.push(col(frame::FREQ));
        let sort: Vec<String> = self.key.iter().cloned().chain([frame::FREQ.to_string(), "_pk".to_string()]).collect();
        let base_key = settings.base.as_ref().map(Period::key).unwrap_or(i32::MIN);
        let frame =
            frame.with_columns([period_key().alias("_pk"), time_in_years().alias("_t")]).sort(sort, Default::default());
        let unit = if self.has_unit { col(frame::UNIT).drop_nulls().first() } else { lit(NULL).cast(DataType::String) };
        let observed = frame
            .clone()
            .filter(col(VALUE).is_not_null().and(col("_pk").gt_eq(lit(base_key))))
            .group_by_stable(group.clone())
            .agg([
                unit.alias(frame::UNIT),
                col(PERIOD).first().alias("base_period"),
                col(VALUE).first().alias("base"),
                col("_t").first().alias("_t0"),
                col(PERIOD).last().alias("latest_period"),
                col(VALUE).last().alias("latest"),
                col("_t").last().alias("_t1"),
                col("_sign").first().alias("_sign"),
            ]);
        // The target: the plan of the latest period planned, the bound that counts as reached.
        let planned = col(PLAN_LOW).is_not_null().or(col(PLAN_HIGH).is_not_null());
        let bound = when(col("_sign").gt_eq(lit(0.0)))
            .then(col(PLAN_LOW).fill_null(col(PLAN_HIGH)))
            .otherwise(col(PLAN_HIGH).fill_null(col(PLAN_LOW)));
        let targets = frame.filter(planned).group_by_stable(group.clone()).agg([
            bound.last().alias("_target"),
            col(frame::YEAR).last().cast(DataType::Int32).alias("_target_year"),
            col("_t").last().alias("_tT"),
        ]);
        let table = observed.join(targets, group.clone(), group, crate::core::key_join(JoinType::Left)).collect()?;
        let n = table.height();
        let text = |c: &str| -> Result<Vec<Option<String>>, ChisoError> {
            Ok(table.column(c)?.cast(&DataType::String)?.str()?.iter().map(|v| v.map(str::to_string)).collect())
        };
        let number = |c: &str| -> Result<Vec<Option<f64>>, ChisoError> {
            Ok(table.column(c)?.cast(&DataType::Float64)?.f64()?.iter().collect())
        };
        let (indicators, units) = (text(INDICATOR)?, text(frame::UNIT)?);
        let (base, latest, t0, t1, sign) =
            (number("base")?, number("latest")?, number("_t0")?, number("_t1")?, number("_sign")?);
        let (planned_target, planned_year, planned_t) = (number("_target")?, number("_target_year")?, number("_tT")?);
        let mut columns: [Vec<Option<f64>>; 6] = Default::default();
        let (mut target_years, mut per_year, mut status, mut notes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..n {
            let indicator = indicators[i].as_deref().unwrap_or_default();
            let rate = self.indicators.measure(indicator, units[i].as_deref()).0 == Measure::Rate;
            let target = match (settings.target, settings.target_year) {
                (Some(x), Some(year)) => Some((x, f64::from(year), Some(f64::from(year)))),
                _ => planned_target[i].zip(planned_t[i]).map(|(x, t)| (x, t, planned_year[i])),
            };
            let series = Series {
                base_year: t0[i].unwrap_or_default(),
                base: base[i].unwrap_or_default(),
                latest_year: t1[i].unwrap_or_default(),
                latest: latest[i].unwrap_or_default(),
                target: target.map(|(x, t, _)| (x, t)),
                direction: sign[i].unwrap_or(1.0),
                rate,
            };
            let p = assess(&series, settings.method);
            // Growth a year in % (compound), or in points for a rate.
            let scale = |g: Option<f64>| if rate { g } else { g.map(|g| g * 100.0) };
            columns[0].push(target.map(|(x, _, _)| x));
            columns[1].push(scale(p.observed));
            columns[2].push(scale(p.required));
            columns[3].push(p.ratio);
            columns[4].push(p.projected);
            target_years.push(target.and_then(|(_, _, y)| y).map(|y| y as i32));
            per_year.push(if rate { "pp" } else { "%" });
            status.push(crate::locale::progress_status(settings.lang, p.status));
            notes.push(p.note);
        }
        let method = match settings.method {
            Method::CagrRatio => "cagr-ratio",
            Method::Projection => "projection",
        };
        let mut out = table
            .lazy()
            .drop(by_name(["_t0", "_t1", "_sign", "_target", "_target_year", "_tT"], true, false))
            .collect()?;
        let added = [
            Column::new("target".into(), &columns[0]),
            Column::new("target_year".into(), &target_years),
            Column::new("g_obs".into(), &columns[1]),
            Column::new("g_req".into(), &columns[2]),
            Column::new("per_year".into(), &per_year),
            Column::new("ratio".into(), &columns[3]),
            Column::new("projected".into(), &columns[4]),
            Column::new("status".into(), &status),
            Column::new("method".into(), vec![method; n]),
            Column::new("note".into(), &notes),
        ];
        for column in added {
            out.with_column(column)?;
        }
        let mut lf = out.lazy();
        let present = super::columns_of(&mut lf)?;
        let mut wanted: Vec<&str> = self.key.iter().map(String::as_str).collect();
        wanted.push(frame::UNIT);
        wanted.extend(COLUMNS);
        Ok(select_existing(lf, &present, &wanted).collect()?)
    }
}
