//! One indicator of a dataset as chart data, for `chiso chart` and the report's figures.

use polars::prelude::*;

use crate::chart::{self, ChartData, ChartOptions, ImageFormat, Kind, Lang};
use crate::error::ChisoError;
use crate::frame::{INDICATOR, UNIT};
use crate::names::first_names;

use super::{series_as_areas, without_aggregates, Dataset};

impl Dataset {
    /// The rows of one indicator as chart data: the unit as the data give it (else as the
    /// metadata do), decimals from the metadata, each series a line of its own. A `ranking`
    /// leaves aggregates out, unless highlighted.
    pub fn chart_data(&self, rows: &DataFrame, highlight: &[String], ranking: bool) -> Result<ChartData, ChisoError> {
        let indicator = first_text(rows, INDICATOR).unwrap_or_default();
        let meta = self.indicators.get(&indicator);
        let unit = first_text(rows, UNIT).or_else(|| meta.and_then(|m| m.unit.clone()));
        let rows = if ranking { without_aggregates(rows, highlight)? } else { rows.clone() };
        let measure = self.indicators.measure(&indicator, unit.as_deref()).0;
        let mut data = ChartData::from_frame(&series_as_areas(rows)?, unit, meta.and_then(|m| m.decimals), highlight)?;
        data.measure = measure;
        // What the areas file knows of each area: a map finds its shape by them.
        for series in &mut data.series {
            series.also.push(series.area.clone());
            if let Some(area) = self.areas.get(self.areas.canonical(&series.area).unwrap_or(&series.area)) {
                series.also.extend([Some(area.area.clone()), area.name_vi.clone()].into_iter().flatten());
                series.also.extend(area.aliases.iter().flat_map(|a| a.split('|').map(str::to_string)));
                series.code.clone_from(&area.gso_code);
            }
        }
        Ok(data)
    }

    /// The indicator's name in `lang` as the metadata give it (`name_vi` falls back to `name`).
    pub fn indicator_name(&self, indicator: &str, lang: Lang) -> Option<String> {
        let meta = self.indicators.get(indicator)?;
        match lang {
            Lang::Vi => meta.name_vi.clone().or(meta.name.clone()),
            Lang::En => meta.name.clone(),
        }
    }

    /// The chart `options` ask for, of the filtered data (with the plans of the `plan` file for a
    /// target chart), as PNG or SVG bytes. The title defaults to the indicator's name.
    pub fn chart(
        &self,
        options: &ChartOptions,
        plan: Option<&str>,
        format: ImageFormat,
    ) -> Result<Vec<u8>, ChisoError> {
        let df = match plan {
            Some(plan) => self.with_plans(Some(plan))?.collect()?,
            None => self.frame.clone().collect()?,
        };
        // Progress needs the plans beside the values, from the data when no file gives them.
        let df = if plan.is_none() && options.kind == Kind::Progress { self.with_plans(None)?.collect()? } else { df };
        if df.height() == 0 {
            return Err(ChisoError::Data("nothing to draw: no rows are left after the filters".into()));
        }
        let data = self.chart_data(&df, &options.highlight, matches!(options.kind, Kind::Bar | Kind::Map))?;
        let unknown = data.unknown_highlights(&options.highlight);
        if !unknown.is_empty() {
            let areas: Vec<String> = data.series.iter().map(|s| s.area.clone()).collect();
            return Err(ChisoError::NoMatch {
                what: "area",
                given: unknown.join(", "),
                known: vec![first_names(&areas, 40)],
            });
        }
        let options = ChartOptions {
            title: options.title.clone().or_else(|| self.indicator_name(&data.indicator, options.lang)),
            ..options.clone()
        };
        // A highlighted area the chart cannot show as asked is named, never silently gone.
        data.notes(&options).into_iter().for_each(crate::messages::warning);
        let t = std::time::Instant::now();
        let bytes = chart::render(&data, &options, format)?;
        crate::timing("chart", t);
        Ok(bytes)
    }
}

/// The first text in a column, if any.
pub fn first_text(df: &DataFrame, column: &str) -> Option<String> {
    df.column(column).ok()?.str().ok()?.iter().flatten().next().map(str::to_string)
}
