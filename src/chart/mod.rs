//! Charts planners can paste into a report: line, bar, target, heatmap, slope and small multiples,
//! to SVG or PNG. This module turns a canonical frame into plain chart data and renders it with
//! plotters and an embedded font (no system fonts needed); the kinds live in `kinds`, the shared
//! drawing (titles, axes, labels, numbers) in `draw`.

mod draw;
mod kinds;
pub mod map;
pub mod raster;

pub use crate::locale::number as format_number;
pub use crate::locale::Lang;

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::core::{period_key, time_in_years};
use crate::error::ChisoError;
use crate::frame::{AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, VALUE};
use crate::names;

/// Kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line per area over time, labelled where it ends
    Line,
    /// Areas ranked for one period, best first
    Bar,
    /// Actual against plan, coloured by status
    Target,
    /// Areas × periods, coloured by value or by YoY change
    Heatmap,
    /// First against last period, one line per area
    Slope,
    /// One small line panel per area on a shared scale
    SmallMultiples,
    /// Provinces coloured by their value in one period (a choropleth)
    Map,
    /// Per area: from base to latest, the value projected for the target year and the target
    Progress,
}

/// What the heatmap colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HeatBy {
    #[default]
    Value,
    /// Change on the same period a year before, in %
    Yoy,
}

/// Image format, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// Everything a chart needs besides its data.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    pub kind: Kind,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub width: u32,
    pub height: u32,
    pub highlight: Vec<String>,
    pub lang: Lang,
    pub by: HeatBy,
    /// The period of bar and target charts (default: the latest with values).
    pub period: Option<crate::period::Period>,
    /// First and last period of a slope chart (default: the first and last with values).
    pub from: Option<crate::period::Period>,
    pub to: Option<crate::period::Period>,
    pub sources: Vec<String>,
    /// PNG pixels per SVG pixel (2 by default: a 1200-pixel chart becomes 2400 pixels wide).
    pub scale: f32,
    /// Map: the boundaries (default: the bundled Viet Nam set the areas match best).
    pub boundaries: Option<map::Boundaries>,
    /// Map: number of quantile classes.
    pub classes: usize,
    /// Map: class breaks instead of quantiles.
    pub breaks: Option<Vec<f64>>,
    /// Slope: leave out every area without values at both ends, highlighted ones too (by default
    /// a highlighted area is drawn from its nearest periods inside the range, marked).
    pub strict_ends: bool,
}

impl Default for ChartOptions {
    /// A 1200 × 675 bar chart in English, coloured by value, of the latest period.
    fn default() -> ChartOptions {
        ChartOptions {
            kind: Kind::Bar,
            title: None,
            subtitle: None,
            width: 1200,
            height: 675,
            highlight: Vec::new(),
            lang: Lang::En,
            by: HeatBy::Value,
            period: None,
            from: None,
            to: None,
            sources: Vec::new(),
            scale: 2.0,
            strict_ends: false,
            boundaries: None,
            classes: 5,
            breaks: None,
        }
    }
}

/// One observation of a series.
#[derive(Debug, Clone)]
pub struct Point {
    pub t: f64,
    pub key: i32,
    /// Consecutive number of the period within its frequency (years, quarters or months), so
    /// that a missing period is seen even when no area has it.
    pub index: i64,
    pub period: String,
    pub value: Option<f64>,
    pub plan: Option<(f64, f64)>,
    /// Change on the same period a year before, in %, as `chiso growth` gives it.
    pub yoy: Option<f64>,
    /// The same change in the indicator's unit (percentage points for a rate).
    pub change: Option<f64>,
}

/// One area's series, sorted by time.
#[derive(Debug, Clone)]
pub struct Series {
    pub area: String,
    pub points: Vec<Point>,
    pub highlighted: bool,
    /// Other names of the area (its Vietnamese name, aliases), for finding its shape on a map.
    pub also: Vec<String>,
    /// The area's code (GSO code from the areas file), for finding its shape on a map.
    pub code: Option<String>,
}

/// One end of an area's line in a slope chart: its value, and the period it comes from when
/// that is not the chart's end (an area with no value there, drawn from its nearest period).
#[derive(Debug, Clone, PartialEq)]
pub struct SlopeEnd {
    pub value: f64,
    pub moved: Option<String>,
}

/// What a slope chart draws: its two periods and, per series, the two ends of its line (none
/// when the series is left out).
pub struct Slope {
    pub from: String,
    pub to: String,
    /// The period keys of `from` and `to`.
    pub keys: (i32, i32),
    pub ends: Vec<Option<(SlopeEnd, SlopeEnd)>>,
}

/// One area's progress, as the progress chart draws it.
#[derive(Debug, Clone)]
pub struct ProgressRow {
    pub series: crate::core::progress::Series,
    pub target_period: Option<String>,
    pub judged: crate::core::progress::Progress,
}

/// The data of one chart: one indicator, several areas.
#[derive(Debug, Clone)]
pub struct ChartData {
    pub indicator: String,
    pub unit: Option<String>,
    /// What the indicator measures (from the unit; the metadata's `kind` wins): the change of a
    /// rate is shown in percentage points.
    pub measure: crate::meta::Measure,
    pub decimals: Option<u8>,
    /// +1 when higher is better, −1 when lower is.
    pub sign: f64,
    pub series: Vec<Series>,
    /// Every period in the data: (time, key, label), sorted.
    pub periods: Vec<(f64, i32, String)>,
}

impl ChartData {
    /// Reads a collected canonical frame of one indicator (with `_sign`). Names are NFC-normalised
    /// so decomposed input renders like its composed form.
    pub fn from_frame(
        df: &DataFrame,
        unit: Option<String>,
        decimals: Option<u8>,
        highlight: &[String],
    ) -> Result<ChartData, ChisoError> {
        let indicators = crate::core::distinct(df, INDICATOR)?;
        let indicators: Vec<String> = indicators.str()?.iter().flatten().map(str::to_string).collect();
        if indicators.len() != 1 {
            return Err(ChisoError::Usage(format!(
                "a chart shows one indicator; choose one with --indicator (the data have: {})",
                crate::names::first_names(&indicators, 10)
            )));
        }
        let has_plan = df.column(PLAN_LOW).is_ok() || df.column(PLAN_HIGH).is_ok();
        let mut exprs = vec![
            col(AREA),
            col(PERIOD),
            col(VALUE),
            time_in_years().alias("_t"),
            period_key().alias("_key"),
            col("_sign").fill_null(lit(1.0)),
            col(crate::frame::FREQ),
        ];
        if has_plan {
            let low = if df.column(PLAN_LOW).is_ok() { col(PLAN_LOW) } else { col(PLAN_HIGH) };
            let high = if df.column(PLAN_HIGH).is_ok() { col(PLAN_HIGH) } else { col(PLAN_LOW) };
            exprs.push(low.clone().fill_null(high.clone()).alias("_low"));
            exprs.push(high.fill_null(low).alias("_high"));
        }
        let rows = df.clone().lazy().select(exprs).collect()?;
        // YoY from the growth rule itself, row for row (growth keeps the rows' order).
        let names: Vec<&str> = df.get_column_names().into_iter().map(|n| n.as_str()).collect();
        let key = crate::frame::series_key(names);
        let grown = crate::core::growth::growth(df.clone().lazy(), &key, None)
            .select([col("yoy_pct"), col("change")])
            .collect()?;
        let yoy = grown.column("yoy_pct")?.f64()?.clone();
        let change = grown.column("change")?.f64()?.clone();
        let area = rows.column(AREA)?.str()?.clone();
        let period = rows.column(PERIOD)?.str()?.clone();
        let value = rows.column(VALUE)?.f64()?.clone();
        let t = rows.column("_t")?.f64()?.clone();
        let key = rows.column("_key")?.i32()?.clone();
        let freq = rows.column(crate::frame::FREQ)?.str()?.clone();
        let sign = rows.column("_sign")?.f64()?.get(0).unwrap_or(1.0);
        let bounds = |name: &str| rows.column(name).ok().and_then(|c| c.f64().ok().cloned());
        let (low, high) = (bounds("_low"), bounds("_high"));

        let wanted: Vec<String> = highlight.iter().map(|h| names::place_key(h)).collect();
        let mut by_area: Vec<Series> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut periods: BTreeMap<i32, (f64, String)> = BTreeMap::new();
        for i in 0..rows.height() {
            let (Some(a), Some(p), Some(ti), Some(k)) = (area.get(i), period.get(i), t.get(i), key.get(i)) else {
                continue;
            };
            let a = names::clean(a);
            let plan = match (low.as_ref().and_then(|c| c.get(i)), high.as_ref().and_then(|c| c.get(i))) {
                (Some(l), Some(h)) => Some((l.min(h), l.max(h))),
                _ => None,
            };
            periods.entry(k).or_insert((ti, names::clean(p)));
            let slot = *index.entry(a.clone()).or_insert_with(|| {
                by_area.push(Series {
                    area: a.clone(),
                    points: Vec::new(),
                    highlighted: wanted.contains(&names::place_key(&a)),
                    also: Vec::new(),
                    code: None,
                });
                by_area.len() - 1
            });
            let (year, sub) = (i64::from(k / 100), i64::from(k % 100));
            let index = crate::period::index(year, sub, freq.get(i).unwrap_or("A"));
            by_area[slot].points.push(Point {
                t: ti,
                key: k,
                index,
                period: names::clean(p),
                value: value.get(i),
                plan,
                yoy: yoy.get(i),
                change: change.get(i),
            });
        }
        for s in &mut by_area {
            s.points.sort_by_key(|p| p.key);
        }
        Ok(ChartData {
            indicator: names::clean(&indicators[0]),
            measure: crate::meta::Measure::of_unit(unit.as_deref()),
            unit,
            decimals,
            sign,
            series: by_area,
            periods: periods.into_iter().map(|(k, (t, label))| (t, k, label)).collect(),
        })
    }

    /// Highlight names that match no area (for a clear message).
    pub fn unknown_highlights(&self, highlight: &[String]) -> Vec<String> {
        highlight
            .iter()
            .filter(|h| !self.series.iter().any(|s| names::place_key(&s.area) == names::place_key(h)))
            .cloned()
            .collect()
    }

    /// The two periods of a slope chart (as asked, else the first and last with values) and the
    /// ends of each series' line. An area with no value at an end is left out, unless it is
    /// highlighted and `strict_ends` is off: then its line runs between its nearest periods with
    /// values inside the range.
    pub fn slope(&self, o: &ChartOptions) -> Result<Slope, String> {
        let with_values: Vec<&(f64, i32, String)> = self
            .periods
            .iter()
            .filter(|(_, key, _)| {
                self.series.iter().any(|s| s.points.iter().any(|p| p.key == *key && p.value.is_some()))
            })
            .collect();
        let pick = |wanted: Option<&crate::period::Period>, fallback: Option<&&(f64, i32, String)>| match wanted {
            Some(p) => self.periods.iter().find(|(_, key, _)| *key == p.key()).map(|(_, key, l)| (*key, l.clone())),
            None => fallback.map(|(_, key, l)| (*key, l.clone())),
        };
        let (Some((k0, from)), Some((k1, to))) =
            (pick(o.from.as_ref(), with_values.first()), pick(o.to.as_ref(), with_values.last()))
        else {
            return Err("a slope chart needs two periods".into());
        };
        if k0 == k1 {
            return Err(format!("a slope chart needs two periods; the data have only {from}"));
        }
        if k0 > k1 {
            return Err(format!("a slope chart runs forward in time: {from} comes after {to}"));
        }
        let ends = self
            .series
            .iter()
            .map(|s| {
                let inside: Vec<&Point> =
                    s.points.iter().filter(|p| p.value.is_some() && (k0..=k1).contains(&p.key)).collect();
                let end = |p: &Point, key: i32| SlopeEnd {
                    value: p.value.unwrap_or_default(),
                    moved: (p.key != key).then(|| p.period.clone()),
                };
                let (first, last) = (inside.first()?, inside.last()?);
                let complete = first.key == k0 && last.key == k1;
                let movable = s.highlighted && !o.strict_ends && first.key < last.key;
                (complete || movable).then(|| (end(first, k0), end(last, k1)))
            })
            .collect();
        Ok(Slope { from, to, keys: (k0, k1), ends })
    }

    /// What the chart shows of each highlighted area that lacks a value in it, as warnings: left
    /// out, listed without a bar, or (slope) drawn from another period.
    pub fn notes(&self, o: &ChartOptions) -> Vec<String> {
        let highlighted = self.series.iter().enumerate().filter(|(_, s)| s.highlighted);
        let value_at = |s: &Series, key: i32| s.points.iter().any(|p| p.key == key && p.value.is_some());
        let mut notes = Vec::new();
        match o.kind {
            Kind::Bar | Kind::Target | Kind::Map => {
                let Some((key, label)) = self.period_for(o.period.as_ref()) else { return notes };
                let shown =
                    if o.kind == Kind::Map { "the map shows it as no data" } else { "the chart lists it without one" };
                for (_, s) in highlighted.filter(|(_, s)| !value_at(s, key)) {
                    notes.push(format!("{} has no value in {label}; {shown}", s.area));
                }
            }
            Kind::Slope => {
                let Ok(slope) = self.slope(o) else { return notes };
                for (i, s) in highlighted {
                    let missing: Vec<&str> = [(slope.keys.0, &slope.from), (slope.keys.1, &slope.to)]
                        .into_iter()
                        .filter(|(key, _)| !value_at(s, *key))
                        .map(|(_, label)| label.as_str())
                        .collect();
                    match &slope.ends[i] {
                        None if o.strict_ends && !missing.is_empty() => notes.push(format!(
                            "{} has no value in {}; it is left out (--strict-ends)",
                            s.area,
                            missing.join(" or ")
                        )),
                        None => notes.push(format!(
                            "{} has fewer than two values from {} to {}; it is left out",
                            s.area, slope.from, slope.to
                        )),
                        Some((a, b)) => {
                            if let Some(p) = &a.moved {
                                notes.push(format!(
                                    "{} has no value in {}; the slope starts at {p} for it",
                                    s.area, slope.from
                                ));
                            }
                            if let Some(p) = &b.moved {
                                notes.push(format!(
                                    "{} has no value in {}; the slope ends at {p} for it",
                                    s.area, slope.to
                                ));
                            }
                        }
                    }
                }
            }
            Kind::Progress => {
                for (_, s) in highlighted.filter(|(_, s)| s.points.iter().filter(|p| p.value.is_some()).count() < 2) {
                    notes.push(format!("{} has fewer than two values; the chart shows no progress for it", s.area));
                }
            }
            Kind::Line | Kind::Heatmap | Kind::SmallMultiples => {
                let shown = |p: &Point| match (o.kind, o.by) {
                    (Kind::Heatmap, HeatBy::Yoy) => self.yoy(p).is_some(),
                    _ => p.value.is_some(),
                };
                for (_, s) in highlighted.filter(|(_, s)| !s.points.iter().any(shown)) {
                    let what = if o.kind == Kind::Heatmap && o.by == HeatBy::Yoy {
                        "change on a year before"
                    } else {
                        "value"
                    };
                    notes.push(format!("{} has no {what} in the periods shown; the chart has nothing of it", s.area));
                }
            }
        }
        notes
    }

    /// A point's change on the year before as the chart colours it: in % of the value, or in
    /// percentage points for a rate.
    pub fn yoy(&self, p: &Point) -> Option<f64> {
        if self.measure == crate::meta::Measure::Rate {
            p.change
        } else {
            p.yoy
        }
    }

    /// The words for that change (`change on the year before, %` or `…, percentage points`).
    pub fn yoy_label(&self, lang: Lang) -> &'static str {
        match self.measure {
            crate::meta::Measure::Rate => crate::locale::chart_word(lang, "yoy_pp"),
            _ => crate::locale::chart_word(lang, "yoy"),
        }
    }

    /// Each series' progress toward its target (the plan of its latest period planned), by the
    /// cagr-ratio method: the base (first value), latest value, target and the judgement.
    pub fn progress(&self) -> Vec<Option<ProgressRow>> {
        let rate = self.measure == crate::meta::Measure::Rate;
        self.series
            .iter()
            .map(|s| {
                let values: Vec<&Point> = s.points.iter().filter(|p| p.value.is_some()).collect();
                let (first, last) = (*values.first()?, *values.last()?);
                let planned = s.points.iter().rfind(|p| p.plan.is_some());
                let target = planned.and_then(|p| {
                    let (low, high) = p.plan?;
                    Some((if self.sign >= 0.0 { low } else { high }, p.t))
                });
                let series = crate::core::progress::Series {
                    base_year: first.t,
                    base: first.value?,
                    latest_year: last.t,
                    latest: last.value?,
                    target,
                    direction: self.sign,
                    rate,
                };
                let judged = crate::core::progress::assess(&series, crate::core::progress::Method::CagrRatio);
                Some(ProgressRow { series, target_period: planned.map(|p| p.period.clone()), judged })
            })
            .collect()
    }

    /// The latest period with any value, or the one asked for.
    fn period_for(&self, wanted: Option<&crate::period::Period>) -> Option<(i32, String)> {
        match wanted {
            Some(p) => self.periods.iter().find(|(_, k, _)| *k == p.key()).map(|(_, k, l)| (*k, l.clone())),
            None => self
                .periods
                .iter()
                .rev()
                .find(|(_, k, _)| self.series.iter().any(|s| s.points.iter().any(|p| p.key == *k && p.value.is_some())))
                .map(|(_, k, l)| (*k, l.clone())),
        }
    }

    /// Decimals to show this indicator's values with (its metadata, else what the data carry).
    pub fn value_decimals(&self) -> usize {
        draw::decimals_for(self)
    }

    fn has_values(&self) -> bool {
        self.series.iter().any(|s| s.points.iter().any(|p| p.value.is_some()))
    }
}

/// A map's boundaries and the shape of each series; the areas with a value that match no shape
/// are named in a warning.
fn map_layer(data: &ChartData, options: &ChartOptions) -> Result<kinds::Layer, ChisoError> {
    let (shapes, matched) = map::choose(data, options.boundaries.as_ref())?;
    let key = data.period_for(options.period.as_ref()).map(|(k, _)| k);
    let unmatched: Vec<String> = data
        .series
        .iter()
        .zip(&matched)
        .filter(|(s, m)| m.is_none() && s.points.iter().any(|p| Some(p.key) == key && p.value.is_some()))
        .map(|(s, _)| s.area.clone())
        .collect();
    match unmatched.as_slice() {
        [] => {}
        [one] => crate::messages::warning_once(format!(
            "{one} matches no shape of the map and is not drawn (--areas gives other spellings)"
        )),
        _ => crate::messages::warning_once(format!(
            "{} areas match no shape of the map and are not drawn (--areas gives other spellings): {}",
            unmatched.len(),
            crate::names::first_names(&unmatched, 10)
        )),
    }
    Ok((shapes, matched))
}

/// Renders a chart to SVG text or PNG bytes.
pub fn render(data: &ChartData, options: &ChartOptions, format: ImageFormat) -> Result<Vec<u8>, ChisoError> {
    if !data.has_values() {
        return Err(ChisoError::Data(format!(
            "nothing to draw: '{}' has no values in the rows chosen",
            data.indicator
        )));
    }
    if options.width < 200 || options.height < 150 || options.width > 10_000 || options.height > 10_000 {
        return Err(ChisoError::Usage("--width and --height must be between 200×150 and 10000×10000 pixels".into()));
    }
    if !(0.25..=8.0).contains(&options.scale) {
        return Err(ChisoError::Usage("--scale must be between 0.25 and 8".into()));
    }
    draw::register_font();
    let failed = |e: String| ChisoError::Data(format!("cannot draw the chart: {e}"));
    let layer = match options.kind {
        Kind::Map => Some(map_layer(data, options)?),
        _ => None,
    };
    // Drawn once, as SVG; the PNG is that SVG rasterised.
    let mut svg = String::new();
    {
        let backend = plotters::prelude::SVGBackend::with_string(&mut svg, (options.width, options.height));
        kinds::draw(backend, data, options, layer.as_ref()).map_err(failed)?;
    }
    match format {
        ImageFormat::Svg => Ok(svg.into_bytes()),
        ImageFormat::Png => raster::png(&svg, options.scale).map_err(|e| ChisoError::Bug(format!("PNG: {e}"))),
    }
}
