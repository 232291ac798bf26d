//! Series moved onto new units after a boundary change: each old unit's rows go to its new unit
//! (by its share), and the new unit's value combines its old units' values as the indicator
//! allows — amounts add up, rates are weighted, scores and indices are not combined unless asked.
//! A value is computed only when every old unit has one, unless partial results are allowed.

use polars::prelude::*;

use crate::error::ChisoError;
use crate::frame::{self, AREA, FREQ, INDICATOR, PERIOD, SUB, UNIT, VALUE, YEAR};
use crate::meta::{Aggregation, Crosswalk};
use crate::names::{first_names, place_key};

use super::Dataset;

/// A boundary change to move the data through: the crosswalk file and how to combine.
#[derive(Debug, Clone, Default)]
pub struct Regroup {
    pub crosswalk: std::path::PathBuf,
    pub weight: Option<String>,
    pub aggregation: Option<Aggregation>,
    pub allow_partial: bool,
}

impl Regroup {
    /// The settings with the crosswalk read and checked.
    pub fn settings(&self) -> Result<RegroupSettings, ChisoError> {
        Ok(RegroupSettings {
            crosswalk: Crosswalk::load(&self.crosswalk)?,
            weight: self.weight.clone(),
            aggregation: self.aggregation,
            allow_partial: self.allow_partial,
        })
    }
}

/// What `chiso regroup` asks.
#[derive(Debug, Clone)]
pub struct RegroupSettings {
    pub crosswalk: Crosswalk,
    /// The indicator weighting rates (population, or the rate's denominator).
    pub weight: Option<String>,
    /// One way of combining for every indicator, instead of the metadata's.
    pub aggregation: Option<Aggregation>,
    /// Combine the old units that have a value even when some have none.
    pub allow_partial: bool,
}

impl Dataset {
    /// The canonical rows on the new units: area, indicator, dimensions, unit, period, year, sub,
    /// freq, value, `parts` (old units with a value), `parts_total` and `flag` (`regrouped`,
    /// `regrouped, partial`). Areas the crosswalk does not know, and periods from its
    /// `effective_from` on, pass through unchanged.
    pub fn regroup(&self, settings: &RegroupSettings) -> Result<DataFrame, ChisoError> {
        let cw = &settings.crosswalk;
        let frame = self.frame.clone().collect()?;
        let areas = super::distinct(&frame, AREA)?;
        // Each data area's links: matched by its name, or any name the areas file gives it.
        let (mut from, mut to, mut share, mut effective, mut total) = (vec![], vec![], vec![], vec![], vec![]);
        let mut unknown = Vec::new();
        for area in &areas {
            let mut keys = vec![place_key(area)];
            if let Some(meta) = self.areas.get(area) {
                keys.extend(meta.name_vi.iter().map(|n| place_key(n)));
                keys.extend(meta.aliases.iter().flat_map(|a| a.split('|')).map(place_key));
            }
            let links: Vec<_> = cw.links.iter().filter(|l| keys.contains(&place_key(&l.from))).collect();
            if links.is_empty() {
                unknown.push(area.clone());
            }
            for link in links {
                from.push(area.clone());
                to.push(link.to.clone());
                share.push(link.share);
                effective.push(link.effective_from.unwrap_or(f64::INFINITY));
                total.push(cw.constituents(&link.to) as u32);
            }
        }
        match unknown.as_slice() {
            [] => {}
            [one] => crate::messages::warning(format!(
                "{}: {one} is not in the crosswalk and passes through unchanged",
                cw.file
            )),
            _ => crate::messages::warning(format!(
                "{}: {} areas are not in the crosswalk and pass through unchanged: {}",
                cw.file,
                unknown.len(),
                first_names(&unknown, 10)
            )),
        }
        let links =
            df!(AREA => from, "_to" => to, "_share" => share, "_effective" => effective, "parts_total" => total)?;
        let time = crate::core::time_in_years();

        // How each indicator combines.
        let measures = self.measures(&frame)?;
        let (names, units) = (measures.column(INDICATOR)?.str()?, measures.column("_unit")?.str()?);
        let (mut indicator, mut how) = (Vec::new(), Vec::new());
        let (mut refused, mut unweighted, mut guessed) = (Vec::new(), Vec::new(), Vec::new());
        for (name, unit) in names.iter().zip(units.iter()) {
            let name = name.unwrap_or_default();
            let meta = self.indicators.get(name).and_then(|m| m.aggregation);
            let (measure, why) = self.indicators.measure(name, unit);
            if settings.aggregation.is_none() && meta.is_none() && why == "no unit" {
                guessed.push(name.to_string());
            }
            let chosen = settings.aggregation.or(meta).unwrap_or_else(|| Aggregation::of(measure));
            if settings.weight.as_deref().is_some_and(|w| crate::names::fold(w) == crate::names::fold(name)) {
                // The weight itself is an amount and adds up.
                indicator.push(name.to_string());
                how.push(Aggregation::Sum.name());
                continue;
            }
            match chosen {
                Aggregation::None => refused.push(name.to_string()),
                Aggregation::Weighted if settings.weight.is_none() => unweighted.push(name.to_string()),
                _ => {}
            }
            indicator.push(name.to_string());
            how.push(chosen.name());
        }
        if !refused.is_empty() {
            return Err(ChisoError::Usage(format!(
                "{} cannot be combined across merged areas (aggregation = none: scores and indices do not add up): {}. \
                 --aggregation mean takes the plain mean of the merged areas, a choice to state when publishing; \
                 or set aggregation in --meta",
                if refused.len() == 1 { "this indicator" } else { "these indicators" },
                first_names(&refused, 10)
            )));
        }
        if !unweighted.is_empty() {
            return Err(ChisoError::Usage(format!(
                "rates combine as a mean weighted by another indicator (population, or their denominator): {}; \
                 give it with --weight INDICATOR",
                first_names(&unweighted, 10)
            )));
        }
        if !guessed.is_empty() {
            crate::messages::warning(format!(
                "no unit or kind tells what {} measure: added up as amounts (--meta with a unit or kind, or --aggregation, says otherwise)",
                first_names(&guessed, 10)
            ));
        }
        let how = df!(INDICATOR => indicator, "_how" => how)?;

        let mut group: Vec<Expr> = vec![col("_to").alias(AREA)];
        group.extend(self.key.iter().filter(|k| *k != AREA).map(|k| col(k.as_str())));
        group.extend([col(PERIOD), col(YEAR), col(SUB), col(FREQ)]);
        let has_unit = frame.column(UNIT).is_ok();
        let mut lf = frame
            .clone()
            .lazy()
            .join(links.clone().lazy(), [col(AREA)], [col(AREA)], crate::core::key_join(JoinType::Inner))
            .join(how.lazy(), [col(INDICATOR)], [col(INDICATOR)], crate::core::key_join(JoinType::Left))
            .filter(time.clone().lt(col("_effective")));
        // The weight of each row: the weight indicator of the same area and period.
        let weight = match &settings.weight {
            Some(w) => {
                let wanted = crate::core::filter::resolve(&frame, INDICATOR, "indicator", std::slice::from_ref(w))?;
                let weights = frame.clone().lazy().filter(col(INDICATOR).eq(lit(wanted[0].clone()))).select([
                    col(AREA),
                    col(YEAR),
                    col(SUB),
                    col(FREQ),
                    col(VALUE).alias("_w"),
                ]);
                lf = lf.join(
                    weights,
                    [col(AREA), col(YEAR), col(SUB), col(FREQ)],
                    [col(AREA), col(YEAR), col(SUB), col(FREQ)],
                    crate::core::key_join(JoinType::Left),
                );
                col("_w")
            }
            None => lit(NULL).cast(DataType::Float64),
        };
        let weighted = col("_how").eq(lit("weighted"));
        // An old unit counts when it has a value (and, for a weighted mean, a weight).
        let present = col(VALUE).is_not_null().and(weighted.clone().not().or(weight.clone().is_not_null()));
        let v = when(present.clone()).then(col(VALUE)).otherwise(lit(NULL).cast(DataType::Float64));
        let mut aggs = vec![
            col("_how").first(),
            col("parts_total").first(),
            present.cast(DataType::UInt32).sum().alias("parts"),
            (v.clone() * col("_share")).sum().alias("_sum"),
            v.clone().mean().alias("_mean"),
            (v * weight.clone() * col("_share")).sum().alias("_wsum"),
            when(col(VALUE).is_not_null()).then(weight * col("_share")).otherwise(lit(NULL)).sum().alias("_wden"),
            col(AREA).n_unique().alias("_areas"),
            col(AREA).first().alias("_first"),
        ];
        if has_unit {
            aggs.push(col(UNIT).drop_nulls().first().alias(UNIT));
        }
        let complete = col("parts").gt_eq(col("parts_total"));
        let value = when(col("_how").eq(lit("sum")))
            .then(col("_sum"))
            .when(col("_how").eq(lit("mean")))
            .then(col("_mean"))
            .otherwise(col("_wsum") / col("_wden"));
        let keep = if settings.allow_partial { col("parts").gt(lit(0)) } else { complete.clone() };
        let renamed = col("_first").neq(col(AREA));
        let flag = when(complete)
            .then(
                when(col("parts_total").gt(lit(1)).or(renamed))
                    .then(lit("regrouped"))
                    .otherwise(lit(NULL).cast(DataType::String)),
            )
            .otherwise(lit("regrouped, partial"));
        let regrouped = lf.group_by_stable(group).agg(aggs).with_columns([
            when(keep).then(value).otherwise(lit(NULL).cast(DataType::Float64)).alias(VALUE),
            flag.alias(frame::FLAG),
        ]);
        // What passes through: areas the crosswalk does not know, and periods from its
        // `effective_from` on (already on the new units).
        let starts = links.clone().lazy().group_by([col(AREA)]).agg([col("_effective").min().alias("_starts")]);
        let through = frame
            .lazy()
            .join(starts, [col(AREA)], [col(AREA)], crate::core::key_join(JoinType::Left))
            .filter(col("_starts").is_null().or(time.gt_eq(col("_starts"))));
        let mut columns: Vec<String> = self.key.clone();
        if has_unit {
            columns.push(UNIT.into());
        }
        columns.extend([PERIOD, YEAR, SUB, FREQ, VALUE, "parts", "parts_total", frame::FLAG].map(String::from));
        let pick = |lf: LazyFrame, available: &[String]| {
            lf.select(
                columns
                    .iter()
                    .map(|c| {
                        if available.contains(c) {
                            col(c.as_str())
                        } else {
                            lit(NULL)
                                .cast(if c.starts_with("parts") { DataType::UInt32 } else { DataType::String })
                                .alias(c.as_str())
                        }
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let mut regrouped = regrouped;
        let mut through = through;
        let (a, b) = (super::columns_of(&mut regrouped)?, super::columns_of(&mut through)?);
        let out = concat(
            [pick(regrouped, &a), pick(through, &b).with_column(col(frame::FLAG).cast(DataType::String))],
            UnionArgs { to_supertypes: true, ..Default::default() },
        )?;
        Ok(out.collect()?)
    }
}
