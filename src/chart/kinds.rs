//! The six chart kinds, each drawn on a plotters drawing area with the helpers of `draw`.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::*;
use super::map::{self, Shapes};
use super::{ChartData, ChartOptions, HeatBy, Kind, Point, ProgressRow as ChartProgress, Series, SlopeEnd};

/// A map's boundaries and the shape each series is drawn in.
pub type Layer = (Shapes, Vec<Option<usize>>);

pub fn draw<DB: DrawingBackend>(backend: DB, data: &ChartData, o: &ChartOptions, map: Option<&Layer>) -> Drawn {
    let area = backend.into_drawing_area();
    let (top, bottom) = frame(&area, data, o, map.map(|(shapes, _)| shapes.attribution.as_str()))?;
    let canvas = Canvas { area: &area, data, o, top, bottom, k: scale(o) };
    match o.kind {
        Kind::Line => line_chart(&canvas)?,
        Kind::Bar => bar_chart(&canvas)?,
        Kind::Target => target_chart(&canvas)?,
        Kind::Heatmap => heatmap(&canvas)?,
        Kind::Slope => slope_chart(&canvas)?,
        Kind::SmallMultiples => small_multiples(&canvas)?,
        Kind::Map => map_chart(&canvas, map.ok_or("a map needs boundaries")?)?,
        Kind::Progress => progress_chart(&canvas)?,
    }
    area.present().map_err(err)
}

/// What every kind draws with: the drawing area, the data and options, the band between the
/// title and the footer (`top`..`bottom`), and `k`, the scale of sizes with the width.
struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    data: &'a ChartData,
    o: &'a ChartOptions,
    top: i32,
    bottom: i32,
    k: f64,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// A size given for a 1200-pixel-wide chart, in pixels of this one.
    fn px(&self, size: f64) -> i32 {
        (size * self.k) as i32
    }

    /// A value as this chart writes it (see [`value_text`]).
    fn value(&self, x: f64, decimals: usize) -> String {
        value_text(self.data, x, decimals, self.o.lang)
    }
}

fn scale(o: &ChartOptions) -> f64 {
    (f64::from(o.width) / 1200.0).clamp(0.6, 2.0)
}

/// Colours for the series: with few areas and no highlight every area gets a colour; otherwise
/// the highlighted ones do and the rest are grey.
fn colours(series: &[Series]) -> Vec<Option<RGBColor>> {
    let any_highlight = series.iter().any(|s| s.highlighted);
    let mut next = 0;
    series
        .iter()
        .map(|s| {
            // Up to 12 areas without a highlight all get colours (repeating after 7; the end
            // labels tell them apart); more than that would be a rainbow nobody can read.
            if s.highlighted || (!any_highlight && series.len() <= 12) {
                let c = PALETTE[next % PALETTE.len()];
                next += 1;
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

fn value_range<'a>(points: impl Iterator<Item = &'a Point>) -> (f64, f64) {
    let values: Vec<f64> = points.filter_map(|p| p.value).collect();
    // Lines show change, so the axis fits the data (bars, which show size, start at zero).
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (low, high)
}

/// Runs of consecutive periods with values: a missing period breaks the line.
fn segments(s: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut last: Option<i64> = None;
    for p in &s.points {
        let Some(v) = p.value else {
            last = None;
            continue;
        };
        match (last, out.last_mut()) {
            (Some(j), Some(run)) if j + 1 == p.index => run.push((p.t, v)),
            _ => out.push(vec![(p.t, v)]),
        }
        last = Some(p.index);
    }
    out
}

fn x_axis_periods<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &Plot,
    periods: &[(f64, i32, String)],
    size: f64,
) -> Drawn {
    let every = (periods.len() as f64 / 12.0).ceil().max(1.0) as usize;
    for (i, (t, _, label)) in periods.iter().enumerate() {
        if i % every != 0 && i + 1 != periods.len() {
            continue;
        }
        text(area, label, (plot.px(*t), plot.bottom + 8), &style(size, SOFT_INK, HPos::Center, VPos::Top))?;
    }
    line(area, vec![(plot.left, plot.bottom), (plot.right, plot.bottom)], SOFT_INK, 1)
}

fn line_chart<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let colours = colours(&data.series);
    let labelled: Vec<usize> = (0..data.series.len()).filter(|i| colours[*i].is_some()).collect();
    let label_style = style(14.0 * k, INK, HPos::Left, VPos::Center);
    let label_width = labelled.iter().map(|i| width(area, &data.series[*i].area, &label_style)).max().unwrap_or(0);
    let (low, high) = value_range(data.series.iter().flat_map(|s| &s.points));
    let (ticks_y, tick_decimals) = ticks(low, high, 5);
    let t0 = data.periods.first().map_or(0.0, |p| p.0);
    let t1 = data.periods.last().map_or(1.0, |p| p.0);
    let pad = if (t1 - t0).abs() < f64::EPSILON { 0.5 } else { 0.0 };
    // Room on the left for the widest tick label.
    let tick_style = style(13.0 * k, SOFT_INK, HPos::Right, VPos::Center);
    let tick_w = ticks_y.iter().map(|t| width(area, &c.value(*t, tick_decimals), &tick_style)).max().unwrap_or(0);
    let plot = Plot {
        left: (tick_w + c.px(20.0)).max(c.px(56.0)),
        top,
        right: o.width as i32 - label_width - c.px(40.0),
        bottom: bottom - c.px(28.0),
        x: (t0 - pad, t1 + pad),
        y: (*ticks_y.first().unwrap_or(&low), *ticks_y.last().unwrap_or(&high)),
    };
    y_axis(area, &plot, &ticks_y, |t| c.value(t, tick_decimals), 13.0 * k)?;
    x_axis_periods(area, &plot, &data.periods, 13.0 * k)?;
    // Grey lines first, so coloured ones stay on top.
    let mut order: Vec<usize> = (0..data.series.len()).collect();
    order.sort_by_key(|i| colours[*i].is_some());
    for i in order {
        let (colour, stroke) = match colours[i] {
            Some(c) => (c, (3.0 * k) as u32),
            None => (MUTED, (1.5 * k).max(1.0) as u32),
        };
        for run in segments(&data.series[i]) {
            let pts: Vec<(i32, i32)> = run.iter().map(|(t, v)| (plot.px(*t), plot.py(*v))).collect();
            if pts.len() == 1 {
                dot(area, pts[0], c.px(3.0), colour)?;
            } else {
                line(area, pts, colour, stroke.max(1))?;
            }
        }
    }
    // Labels where each coloured line ends, nudged apart.
    let ends: Vec<(usize, (f64, f64))> = labelled
        .iter()
        .filter_map(|i| segments(&data.series[*i]).last().and_then(|r| r.last().copied()).map(|e| (*i, e)))
        .collect();
    let wanted: Vec<i32> = ends.iter().map(|(_, (_, v))| plot.py(*v)).collect();
    let placed = nudge(&wanted, c.px(17.0), plot.top, plot.bottom);
    for ((i, (t, v)), y) in ends.iter().zip(placed) {
        let colour = colours[*i].unwrap_or(INK);
        let x_end = plot.px(*t);
        dot(area, (x_end, plot.py(*v)), c.px(4.0), colour)?;
        let x_label = plot.right + c.px(10.0);
        line(area, vec![(x_end, plot.py(*v)), (x_label - 3, y)], colour, 1)?;
        text(area, &data.series[*i].area, (x_label, y), &style(14.0 * k, colour, HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// Value of each area in one period, best first.
fn ranked_at(data: &ChartData, key: i32) -> Vec<(&Series, Option<&Point>)> {
    let mut rows: Vec<(&Series, Option<&Point>)> =
        data.series.iter().map(|s| (s, s.points.iter().find(|p| p.key == key))).collect();
    rows.sort_by(|a, b| {
        let score = |r: &(&Series, Option<&Point>)| r.1.and_then(|p| p.value).map(|v| v * data.sign);
        match (score(a), score(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.0.area.cmp(&b.0.area),
        }
    });
    rows
}

/// Horizontal bars: names on the left, values at the bar ends.
fn bar_chart<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let Some((key, period_label)) = data.period_for(o.period.as_ref()) else {
        return Err("no period with values to rank".into());
    };
    let rows = ranked_at(data, key);
    let values: Vec<f64> = rows.iter().filter_map(|r| r.1.and_then(|p| p.value)).collect();
    let (low, high) = (values.iter().copied().fold(0.0, f64::min), values.iter().copied().fold(0.0, f64::max));
    // Rows fit between the period caption and the median caption.
    let row_h = (f64::from(bottom - top - c.px(44.0)) / rows.len().max(1) as f64).min(40.0 * k);
    let size = (row_h * 0.55).clamp(6.0, 15.0 * k);
    let name_style = style(size, INK, HPos::Right, VPos::Center);
    let name_w = rows.iter().map(|r| width(area, &r.0.area, &name_style)).max().unwrap_or(0);
    let decimals = decimals_for(data);
    let value_style = style(size, INK, HPos::Left, VPos::Center);
    let value_text = |v: f64| c.value(v, decimals);
    // Room on the right for the widest value label (a negative one sits left of zero).
    let label_w = values.iter().map(|v| width(area, &value_text(*v), &value_style)).max().unwrap_or(0);
    let plot = Plot {
        left: c.px(24.0) + name_w + c.px(10.0),
        top: top + c.px(22.0),
        right: o.width as i32 - (label_w + c.px(30.0)).max(c.px(60.0)),
        bottom,
        x: (low, if high == low { low + 1.0 } else { high }),
        y: (0.0, 1.0),
    };
    text(area, &period_label, (plot.left, top), &bold(15.0 * k, SOFT_INK, HPos::Left, VPos::Top))?;
    // The median reference line goes under the bars.
    if !values.is_empty() {
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
        let x = plot.px(median);
        let mut y = plot.top - c.px(4.0);
        let end = plot.top + (rows.len() as f64 * row_h) as i32;
        // The rows whose value label the line would cross: it stops there (labels stay legible).
        let crossed: Vec<(i32, i32)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let v = r.1.and_then(|p| p.value)?;
                let b = plot.px(v);
                let w = width(area, &value_text(v), &value_style);
                let (from, to) = if v >= 0.0 { (b + 2, b + 10 + w) } else { (b - 10 - w, b - 2) };
                let y0 = plot.top + (i as f64 * row_h) as i32;
                (from <= x && x <= to).then_some((y0, y0 + (row_h * 0.78) as i32))
            })
            .collect();
        // A dashed reference line.
        while y < end {
            let y1 = (y + c.px(6.0)).min(end);
            if !crossed.iter().any(|(a, b)| y < *b && y1 > *a) {
                line(area, vec![(x, y), (x, y1)], INK, 1)?;
            }
            y += c.px(10.0);
        }
        let caption = format!("{} {}", label(o.lang, "median"), c.value(median, decimals));
        text(area, &caption, (x + 4, end + 4), &style(12.0 * k, SOFT_INK, HPos::Left, VPos::Top))?;
    }
    let any_highlight = rows.iter().any(|r| r.0.highlighted);
    for (i, (s, p)) in rows.iter().enumerate() {
        let y0 = plot.top + (i as f64 * row_h) as i32;
        let y1 = y0 + (row_h * 0.78) as i32;
        let mid = (y0 + y1) / 2;
        let name_colour = if s.highlighted { INK } else { SOFT_INK };
        let st = if s.highlighted {
            bold(size, name_colour, HPos::Right, VPos::Center)
        } else {
            style(size, name_colour, HPos::Right, VPos::Center)
        };
        text(area, &s.area, (plot.left - c.px(10.0), mid), &st)?;
        match p.and_then(|p| p.value) {
            Some(v) => {
                let colour = if s.highlighted {
                    PALETTE[1]
                } else if any_highlight {
                    MUTED
                } else {
                    PALETTE[0]
                };
                let (a, b) = (plot.px(0f64.max(plot.x.0)), plot.px(v));
                rect(area, (a.min(b), y0), (a.max(b).max(a.min(b) + 1), y1), colour.to_rgba())?;
                let anchor = if v >= 0.0 { (b + 6, HPos::Left) } else { (b - 6, HPos::Right) };
                text(area, &value_text(v), (anchor.0, mid), &style(size, INK, anchor.1, VPos::Center))?;
            }
            None => {
                text(area, label_no_data(o), (plot.left + 6, mid), &style(size, SOFT_INK, HPos::Left, VPos::Center))?
            }
        }
    }
    Ok(())
}

fn label_no_data(o: &ChartOptions) -> &'static str {
    crate::locale::status(o.lang, crate::core::targets::NO_DATA)
}

/// A row of the target chart: its name, the value and the plan range.
type TargetRow = (String, Option<f64>, Option<(f64, f64)>);

/// Actual against plan: a row per area (one period) or per period (one area), the plan range
/// shaded and the value as a dot coloured by status.
fn target_chart<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let rows: Vec<TargetRow> = if data.series.len() == 1 {
        data.series[0].points.iter().map(|p| (p.period.clone(), p.value, p.plan)).collect()
    } else {
        let Some((key, _)) = data.period_for(o.period.as_ref()) else {
            return Err("no period with values".into());
        };
        ranked_at(data, key)
            .into_iter()
            .map(|(s, p)| (s.area.clone(), p.and_then(|p| p.value), p.and_then(|p| p.plan)))
            .collect()
    };
    if rows.iter().all(|r| r.2.is_none()) {
        return Err("no plan in the data: add plan columns or use chiso targets with --plan".into());
    }
    let mut all: Vec<f64> = rows.iter().filter_map(|r| r.1).collect();
    all.extend(rows.iter().filter_map(|r| r.2).flat_map(|(a, b)| [a, b]));
    let (low, high) =
        (all.iter().copied().fold(f64::INFINITY, f64::min), all.iter().copied().fold(f64::NEG_INFINITY, f64::max));
    let row_h = (f64::from(bottom - top - c.px(40.0)) / rows.len().max(1) as f64).min(44.0 * k);
    let size = (row_h * 0.5).clamp(6.0, 15.0 * k);
    let name_style = style(size, INK, HPos::Right, VPos::Center);
    let name_w = rows.iter().map(|r| width(area, &r.0, &name_style)).max().unwrap_or(0);
    let plot = rows_plot(c, name_w, c.px(40.0), rows.len(), row_h, (low, high))?;
    // Legend.
    let mut lx = plot.left;
    for (key, colour) in [("exceeded", GOOD), ("met", ON_PLAN), ("below", BAD)] {
        dot(area, (lx + 6, top + c.px(10.0)), c.px(6.0), colour)?;
        let caption = crate::locale::capitalised(crate::locale::status(o.lang, key));
        text(area, &caption, (lx + c.px(16.0), top + c.px(10.0)), &style(13.0 * k, INK, HPos::Left, VPos::Center))?;
        lx += c.px(34.0) + width(area, &caption, &style(13.0 * k, INK, HPos::Left, VPos::Center));
    }
    let band = RGBColor(225, 225, 225).to_rgba();
    // Colours by the status `chiso targets` gives.
    let plans: Vec<crate::core::targets::Planned> = rows.iter().map(|r| (r.1, r.2)).collect();
    let statuses = crate::core::targets::statuses(&plans, data.sign).map_err(|e| e.to_string())?;
    for (i, ((name, value, plan), status)) in rows.iter().zip(&statuses).enumerate() {
        let y0 = plot.top + (i as f64 * row_h) as i32;
        let mid = y0 + (row_h / 2.0) as i32;
        text(area, name, (plot.left - c.px(12.0), mid), &name_style)?;
        if let Some((a, b)) = plan {
            let (xa, xb) = (plot.px(*a), plot.px(*b));
            let half = (row_h * 0.3) as i32;
            rect(area, (xa - 1, mid - half), (xb.max(xa + 2), mid + half), band)?;
        }
        match value {
            Some(v) => {
                use crate::core::targets::{BELOW, EXCEEDED, MET};
                let colour = match status.as_str() {
                    EXCEEDED => GOOD,
                    MET => ON_PLAN,
                    BELOW => BAD,
                    _ => SOFT_INK,
                };
                dot(area, (plot.px(*v), mid), c.px(7.0), colour)?;
            }
            None => {
                text(area, label_no_data(o), (plot.left + 4, mid), &style(size, SOFT_INK, HPos::Left, VPos::Center))?
            }
        }
    }
    Ok(())
}

/// Areas × periods; by value (light to dark) or by YoY (diverging around zero, blue = better).
fn heatmap<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let cell = |s: &Series, key: i32| -> Option<f64> {
        let point = s.points.iter().find(|p| p.key == key)?;
        match o.by {
            HeatBy::Value => point.value,
            HeatBy::Yoy => data.yoy(point),
        }
    };
    let values: Vec<f64> = data.series.iter().flat_map(|s| data.periods.iter().filter_map(|p| cell(s, p.1))).collect();
    if values.is_empty() {
        return Err("no values to colour (a YoY heatmap needs two consecutive years)".into());
    }
    let (low, high) = (
        values.iter().copied().fold(f64::INFINITY, f64::min),
        values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let rows = data.series.len();
    let size = (f64::from(bottom - top - 40) / rows as f64 * 0.55).clamp(6.0, 14.0 * k);
    let name_style = style(size, INK, HPos::Right, VPos::Center);
    let name_w = data.series.iter().map(|s| width(area, &s.area, &name_style)).max().unwrap_or(0);
    let left = c.px(24.0) + name_w + c.px(10.0);
    let right = o.width as i32 - c.px(30.0);
    let grid_top = top + (if o.by == HeatBy::Yoy { 44.0 } else { 24.0 } * k) as i32;
    let cw = f64::from(right - left) / data.periods.len().max(1) as f64;
    let ch = f64::from(bottom - grid_top - c.px(20.0)) / rows.max(1) as f64;
    let decimals = decimals_for(data);
    let caption = match o.by {
        HeatBy::Value => String::new(),
        HeatBy::Yoy => data.yoy_label(o.lang).to_string(),
    };
    text(area, &caption, (left, top), &style(13.0 * k, SOFT_INK, HPos::Left, VPos::Top))?;
    for (j, (_, _, period)) in data.periods.iter().enumerate() {
        let x = left + (j as f64 * cw + cw / 2.0) as i32;
        text(
            area,
            period,
            (x, grid_top - 4),
            &style((cw * 0.25).clamp(6.0, 12.0 * k), SOFT_INK, HPos::Center, VPos::Bottom),
        )?;
    }
    // One outlier must not wash out every other cell: the colour scale ends at the 95th
    // percentile of the magnitudes (beyond it, full colour).
    let mut magnitudes: Vec<f64> = values.iter().map(|v| v.abs()).collect();
    magnitudes.sort_by(f64::total_cmp);
    let spread = magnitudes[((magnitudes.len() - 1) as f64 * 0.95) as usize].max(f64::EPSILON);
    for (i, s) in data.series.iter().enumerate() {
        let y0 = grid_top + (i as f64 * ch) as i32;
        let y1 = grid_top + ((i + 1) as f64 * ch) as i32;
        let st = if s.highlighted { bold(size, INK, HPos::Right, VPos::Center) } else { name_style.clone() };
        text(area, &s.area, (left - c.px(8.0), (y0 + y1) / 2), &st)?;
        for (j, (_, key, _)) in data.periods.iter().enumerate() {
            let x0 = left + (j as f64 * cw) as i32;
            let x1 = left + ((j + 1) as f64 * cw) as i32;
            match cell(s, *key) {
                Some(v) => {
                    let colour = match o.by {
                        HeatBy::Value => {
                            let f = if high > low { (v - low) / (high - low) } else { 0.5 };
                            blend(RGBColor(239, 243, 255), RGBColor(8, 69, 148), f)
                        }
                        HeatBy::Yoy => {
                            let f = (v * data.sign / spread).clamp(-1.0, 1.0);
                            if f >= 0.0 {
                                blend(WHITE, GOOD, f)
                            } else {
                                blend(WHITE, BAD, -f)
                            }
                        }
                    };
                    rect(area, (x0 + 1, y0 + 1), (x1 - 1, y1 - 1), colour.to_rgba())?;
                    if cw > 34.0 * k && ch > 16.0 * k {
                        let dark = luminance(colour) < 0.5;
                        let ink = if dark { WHITE } else { INK };
                        text(
                            area,
                            &c.value(v, decimals),
                            ((x0 + x1) / 2, (y0 + y1) / 2),
                            &style(size.min(12.0 * k), ink, HPos::Center, VPos::Center),
                        )?;
                    }
                }
                None => {
                    // Visibly blank: a thin outline, no fill.
                    area.draw(&Rectangle::new(
                        [(x0 + 1, y0 + 1), (x1 - 1, y1 - 1)],
                        ShapeStyle { color: GRID.to_rgba(), filled: false, stroke_width: 1 },
                    ))
                    .map_err(err)?;
                }
            }
        }
    }
    Ok(())
}

fn blend(a: RGBColor, b: RGBColor, f: f64) -> RGBColor {
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn luminance(c: RGBColor) -> f64 {
    (0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)) / 255.0
}

/// First against last period: one line per area, labelled at both ends.
fn slope_chart<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let slope = data.slope(o)?;
    let (l0, l1) = (&slope.from, &slope.to);
    let pairs: Vec<(usize, &SlopeEnd, &SlopeEnd)> =
        slope.ends.iter().enumerate().filter_map(|(i, e)| e.as_ref().map(|(a, b)| (i, a, b))).collect();
    if pairs.is_empty() {
        return Err(format!("no area has values in both {l0} and {l1}"));
    }
    let colours = colours(&data.series);
    let (low, high) = pairs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, x, y)| {
        (a.min(x.value.min(y.value)), b.max(x.value.max(y.value)))
    });
    let decimals = decimals_for(data);
    let label_style = style(13.0 * k, INK, HPos::Left, VPos::Center);
    // `Lang Son 52.3`, or `Lang Son 52.3 (2006)` for an end taken from another period.
    let caption = |i: usize, end: &SlopeEnd| {
        let value = c.value(end.value, decimals);
        match &end.moved {
            Some(p) => format!("{} {value} ({p})", data.series[i].area),
            None => format!("{} {value}", data.series[i].area),
        }
    };
    let widest = pairs
        .iter()
        .flat_map(|(i, a, b)| [caption(*i, a), caption(*i, b)])
        .map(|t| width(area, &t, &label_style))
        .max()
        .unwrap_or(0);
    let plot = Plot {
        left: c.px(24.0) + widest + c.px(12.0),
        top: top + c.px(30.0),
        right: o.width as i32 - widest - c.px(36.0),
        bottom: bottom - c.px(10.0),
        x: (0.0, 1.0),
        y: (low, high),
    };
    text(area, l0, (plot.left, top), &bold(15.0 * k, SOFT_INK, HPos::Center, VPos::Top))?;
    text(area, l1, (plot.right, top), &bold(15.0 * k, SOFT_INK, HPos::Center, VPos::Top))?;
    line(area, vec![(plot.left, plot.top), (plot.left, plot.bottom)], GRID, 1)?;
    line(area, vec![(plot.right, plot.top), (plot.right, plot.bottom)], GRID, 1)?;
    let mut order: Vec<&(usize, &SlopeEnd, &SlopeEnd)> = pairs.iter().collect();
    order.sort_by_key(|(i, _, _)| colours[*i].is_some());
    for (i, a, b) in &order {
        let colour = colours[*i].unwrap_or(MUTED);
        let width_px = if colours[*i].is_some() { (3.0 * k) as u32 } else { 1 };
        line(area, vec![(plot.left, plot.py(a.value)), (plot.right, plot.py(b.value))], colour, width_px.max(1))?;
        for (x, end) in [(plot.left, a), (plot.right, b)] {
            // An end taken from another period is hollow.
            match end.moved {
                Some(_) => ring(area, (x, plot.py(end.value)), c.px(5.0), colour)?,
                None => dot(area, (x, plot.py(end.value)), c.px(3.0), colour)?,
            }
        }
    }
    // Labels: all of them when there are few areas, else the coloured ones.
    let shown: Vec<&(usize, &SlopeEnd, &SlopeEnd)> = if pairs.len() <= 15 {
        pairs.iter().collect()
    } else {
        pairs.iter().filter(|(i, _, _)| colours[*i].is_some()).collect()
    };
    let gap = c.px(16.0);
    for side in [0, 1] {
        let end = |(_, a, b): &(usize, &SlopeEnd, &SlopeEnd)| if side == 0 { a.value } else { b.value };
        let wanted: Vec<i32> = shown.iter().map(|p| plot.py(end(p))).collect();
        let placed = nudge(&wanted, gap, plot.top, plot.bottom);
        for ((i, a, b), y) in shown.iter().zip(placed) {
            let colour = colours[*i].unwrap_or(SOFT_INK);
            if side == 0 {
                let st = style(13.0 * k, colour, HPos::Right, VPos::Center);
                text(area, &caption(*i, a), (plot.left - c.px(8.0), y), &st)?;
            } else {
                let st = style(13.0 * k, colour, HPos::Left, VPos::Center);
                text(area, &caption(*i, b), (plot.right + c.px(8.0), y), &st)?;
            }
        }
    }
    Ok(())
}

/// One small line panel per area on a shared scale; the highlighted areas in colour.
fn small_multiples<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let n = data.series.len();
    let cols = ((n as f64).sqrt() * (f64::from(o.width) / f64::from(o.height)).sqrt()).ceil().max(1.0) as usize;
    let rows = n.div_ceil(cols);
    let (low, high) = value_range(data.series.iter().flat_map(|s| &s.points));
    // Finely rounded ends: the panels show change, so the scale hugs the data (only its ends are labelled).
    let (ticks_y, tick_decimals) = ticks(low, high, 6);
    let y = (*ticks_y.first().unwrap_or(&low), *ticks_y.last().unwrap_or(&high));
    let t0 = data.periods.first().map_or(0.0, |p| p.0);
    let t1 = data.periods.last().map_or(1.0, |p| p.0);
    let pad = if (t1 - t0).abs() < f64::EPSILON { 0.5 } else { 0.0 };
    let left_all = c.px(60.0);
    let pw = f64::from(o.width as i32 - left_all - c.px(20.0)) / cols as f64;
    let ph = f64::from(bottom - top) / rows.max(1) as f64;
    let title_size = (ph * 0.14).clamp(7.0, 14.0 * k);
    for (i, s) in data.series.iter().enumerate() {
        let (column, row) = (i % cols, i / cols);
        let x0 = left_all + (column as f64 * pw) as i32;
        let y0 = top + (row as f64 * ph) as i32;
        let plot = Plot {
            left: x0 + c.px(6.0),
            top: y0 + (title_size * 1.6) as i32,
            right: x0 + (pw - 10.0 * k) as i32,
            bottom: y0 + (ph - 10.0 * k) as i32,
            x: (t0 - pad, t1 + pad),
            y,
        };
        if plot.bottom <= plot.top || plot.right <= plot.left {
            return Err(format!("{n} panels do not fit in {}×{} pixels; make the image larger", o.width, o.height));
        }
        let colour = if s.highlighted { PALETTE[1] } else { INK };
        let st = if s.highlighted {
            bold(title_size, colour, HPos::Left, VPos::Top)
        } else {
            style(title_size, colour, HPos::Left, VPos::Top)
        };
        text(area, &s.area, (plot.left, y0 + 2), &st)?;
        for t in [ticks_y.first(), ticks_y.last()].into_iter().flatten() {
            line(area, vec![(plot.left, plot.py(*t)), (plot.right, plot.py(*t))], GRID, 1)?;
            if column == 0 {
                text(
                    area,
                    &c.value(*t, tick_decimals),
                    (plot.left - 4, plot.py(*t)),
                    &style(title_size * 0.8, SOFT_INK, HPos::Right, VPos::Center),
                )?;
            }
        }
        for run in segments(s) {
            let pts: Vec<(i32, i32)> = run.iter().map(|(t, v)| (plot.px(*t), plot.py(*v))).collect();
            if pts.len() == 1 {
                dot(area, pts[0], c.px(2.0), colour)?;
            } else {
                line(area, pts, colour, if s.highlighted { (2.5 * k) as u32 } else { (1.5 * k).max(1.0) as u32 })?;
            }
        }
        // First and last period under the panels of the bottom row.
        if i + cols >= n {
            let st = |h| style(title_size * 0.8, SOFT_INK, h, VPos::Top);
            if let (Some(first), Some(last)) = (data.periods.first(), data.periods.last()) {
                text(area, &first.2, (plot.left, plot.bottom + 2), &st(HPos::Left))?;
                if last.1 != first.1 {
                    text(area, &last.2, (plot.right, plot.bottom + 2), &st(HPos::Right))?;
                }
            }
        }
    }
    Ok(())
}

/// A choropleth: each shape coloured by its area's class in the period shown (darker = better;
/// diverging around no change for `--by yoy`), shapes without data light grey, highlighted areas
/// outlined and labelled, the classes in a legend on the right.
fn map_chart<DB: DrawingBackend>(c: &Canvas<DB>, (shapes, matched): &Layer) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let Some((key, period_label)) = data.period_for(o.period.as_ref()) else {
        return Err("no period with values to map".into());
    };
    let value_of = |s: &Series| {
        let point = s.points.iter().find(|p| p.key == key)?;
        match o.by {
            HeatBy::Value => point.value,
            HeatBy::Yoy => data.yoy(point),
        }
    };
    let mut values: Vec<Option<f64>> = vec![None; shapes.shapes.len()];
    let mut highlighted: Vec<(usize, &str, Option<f64>)> = Vec::new();
    for (s, m) in data.series.iter().zip(matched) {
        let Some(i) = *m else { continue };
        values[i] = values[i].or(value_of(s));
        if s.highlighted {
            highlighted.push((i, &s.area, value_of(s)));
        }
    }
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    if present.is_empty() {
        return Err(format!("no shape has a value in {period_label}"));
    }
    let breaks = map::breaks(&present, o.classes, o.breaks.as_deref());
    let low = present.iter().copied().fold(f64::INFINITY, f64::min);
    let high = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let n = breaks.len() + 1;
    // Each class's colour: light to dark towards the better end; for YoY, orange below no change
    // and blue above (swapped when lower is better), paler near zero.
    let bounds = |i: usize| (if i == 0 { low } else { breaks[i - 1] }, if i == n - 1 { high } else { breaks[i] });
    // YoY classes wholly above no change, in order away from it, and those wholly below.
    let better = |i: usize| {
        let (a, b) = bounds(i);
        if a * data.sign >= 0.0 && b * data.sign > 0.0 {
            1
        } else if a * data.sign < 0.0 && b * data.sign <= 0.0 {
            -1
        } else {
            0
        }
    };
    let colour = |i: usize| -> RGBColor {
        if o.by == HeatBy::Yoy {
            let side = better(i);
            let same: Vec<usize> = (0..n).filter(|j| better(*j) == side).collect();
            let rank = same.iter().position(|j| *j == i).unwrap_or(0);
            // Intensity grows away from no change: upwards for gains, downwards for losses.
            let step = if side * data.sign as i32 >= 0 { rank + 1 } else { same.len() - rank };
            let t = step as f64 / same.len().max(1) as f64;
            return match side {
                1 => blend(WHITE, GOOD, 0.2 + 0.8 * t),
                -1 => blend(WHITE, BAD, 0.2 + 0.8 * t),
                _ => RGBColor(245, 245, 245),
            };
        }
        let t = if n == 1 { 1.0 } else { i as f64 / (n - 1) as f64 };
        let t = if data.sign < 0.0 { 1.0 - t } else { t };
        blend(RGBColor(222, 235, 247), RGBColor(8, 48, 107), t)
    };
    const NO_DATA: RGBColor = RGBColor(232, 232, 232);

    // Legend on the right; the map fills the rest, longitude scaled by the cosine of latitude.
    let decimals = if o.by == HeatBy::Yoy { 1 } else { decimals_for(data) };
    let range = |i: usize| {
        let (a, b) = bounds(i);
        format!("{} – {}", c.value(a, decimals), c.value(b, decimals))
    };
    let legend_style = style(13.0 * k, INK, HPos::Left, VPos::Center);
    let legend_w = (0..n).map(|i| width(area, &range(i), &legend_style)).max().unwrap_or(0) + c.px(40.0);
    let legend_w = legend_w.max(width(area, data.yoy_label(o.lang), &legend_style));
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in shapes.shapes.iter().flat_map(|s| s.rings.iter().flatten()) {
        (x0, x1, y0, y1) = (x0.min(*x), x1.max(*x), y0.min(*y), y1.max(*y));
    }
    let cos = ((y0 + y1) / 2.0).to_radians().cos();
    let (upper, lower) = (f64::from(top + c.px(10.0)), f64::from(bottom - c.px(10.0)));
    let room = f64::from(o.width as i32 - legend_w - c.px(72.0));
    let scale = (room / ((x1 - x0) * cos).max(1e-9)).min((lower - upper) / (y1 - y0).max(1e-9));
    // The map and its legend side by side, centred.
    let map_w = (x1 - x0) * cos * scale;
    let dx = ((f64::from(o.width) - map_w - f64::from(legend_w + c.px(24.0))) / 2.0).max(f64::from(c.px(24.0)));
    let dy = upper + (lower - upper - (y1 - y0) * scale) / 2.0;
    let px =
        |(x, y): (f64, f64)| (((x - x0) * cos * scale + dx).round() as i32, ((y1 - y) * scale + dy).round() as i32);
    let extent = |ring: &[(f64, f64)]| {
        let xs = ring.iter().map(|p| px(*p));
        xs.fold((i32::MAX, i32::MIN, i32::MAX, i32::MIN), |(a, b, c2, d), (x, y)| {
            (a.min(x), b.max(x), c2.min(y), d.max(y))
        })
    };

    // Larger shapes first, so that a shape inside another is drawn over it.
    let size = |s: &map::Shape| {
        let (a, b, c2, d) = s.rings.iter().map(|r| extent(r)).fold((i32::MAX, i32::MIN, i32::MAX, i32::MIN), |m, e| {
            (m.0.min(e.0), m.1.max(e.1), m.2.min(e.2), m.3.max(e.3))
        });
        i64::from(b - a) * i64::from(d - c2)
    };
    let mut order: Vec<usize> = (0..shapes.shapes.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(size(&shapes.shapes[*i])));
    for i in &order {
        let fill = values[*i].map_or(NO_DATA, |v| colour(map::class_of(v, &breaks)));
        for ring in &shapes.shapes[*i].rings {
            let points: Vec<(i32, i32)> = ring.iter().map(|p| px(*p)).collect();
            area.draw(&Polygon::new(
                points.clone(),
                ShapeStyle { color: fill.to_rgba(), filled: true, stroke_width: 0 },
            ))
            .map_err(err)?;
            // Borders in white; an island a few pixels wide keeps its colour (and stays visible).
            let (a, b, c2, d) = extent(ring);
            let small = b - a < c.px(6.0) && d - c2 < c.px(6.0);
            line(area, points, if small { fill } else { WHITE }, 1)?;
        }
    }
    // Highlighted areas: outlined, named with their value beside the shape.
    for (i, name, value) in &highlighted {
        let shape = &shapes.shapes[*i];
        // The outline, leaving out islands a few pixels wide (they would turn black).
        for ring in shape.rings.iter().filter(|r| {
            let (a, b, c2, d) = extent(r);
            b - a >= c.px(6.0) || d - c2 >= c.px(6.0)
        }) {
            line(area, ring.iter().map(|p| px(*p)).collect(), INK, (2.0 * k).max(1.0) as u32)?;
        }
        let Some(largest) = shape.rings.iter().max_by_key(|r| r.len()) else { continue };
        let (_, right, up, down) = extent(largest);
        let caption = match value {
            Some(v) => format!("{name} {}", c.value(*v, decimals)),
            None => format!("{name}: {}", crate::locale::status(o.lang, crate::core::targets::NO_DATA)),
        };
        let st = bold(13.0 * k, INK, HPos::Left, VPos::Center);
        let at = (right + c.px(8.0), (up + down) / 2);
        let w = width(area, &caption, &st);
        rect(area, (at.0 - c.px(3.0), at.1 - c.px(10.0)), (at.0 + w + c.px(3.0), at.1 + c.px(10.0)), WHITE.mix(0.85))?;
        text(area, &caption, at, &st)?;
    }
    // Legend: the period, then one swatch per class, best at the top, then no data.
    let lx = (dx + map_w) as i32 + c.px(24.0);
    let mut ly = top + c.px(20.0);
    text(area, &period_label, (lx, ly), &bold(15.0 * k, SOFT_INK, HPos::Left, VPos::Center))?;
    let rows: Vec<usize> = if data.sign < 0.0 { (0..n).collect() } else { (0..n).rev().collect() };
    let swatch = c.px(14.0);
    let mut entries: Vec<(RGBColor, String)> = rows.iter().map(|i| (colour(*i), range(*i))).collect();
    if values.iter().any(Option::is_none) {
        entries.push((NO_DATA, crate::locale::status(o.lang, crate::core::targets::NO_DATA).to_string()));
    }
    for (fill, caption) in entries {
        ly += c.px(26.0);
        rect(area, (lx, ly - swatch / 2), (lx + swatch, ly + swatch / 2), fill.to_rgba())?;
        text(area, &caption, (lx + swatch + c.px(8.0), ly), &legend_style)?;
    }
    if o.by == HeatBy::Yoy {
        ly += c.px(30.0);
        text(area, data.yoy_label(o.lang), (lx, ly), &style(12.0 * k, SOFT_INK, HPos::Left, VPos::Center))?;
    }
    Ok(())
}

/// The plot of a chart of one row per area (target, progress): names `name_w` wide on the left,
/// `right` pixels kept on the right, values from `low` to `high` on a gridded x axis.
fn rows_plot<DB: DrawingBackend>(
    c: &Canvas<DB>,
    name_w: i32,
    right: i32,
    rows: usize,
    row_h: f64,
    (low, high): (f64, f64),
) -> Result<Plot, String> {
    let Canvas { area, o, top, k, .. } = *c;
    let (ticks_x, tick_decimals) = ticks(low, high, 6);
    let plot = Plot {
        left: c.px(24.0) + name_w + c.px(12.0),
        top: top + c.px(30.0),
        right: o.width as i32 - right,
        bottom: top + c.px(30.0) + (rows as f64 * row_h) as i32,
        x: (ticks_x.first().map_or(low, |t| t.min(low)), ticks_x.last().map_or(high, |t| t.max(high))),
        y: (0.0, 1.0),
    };
    for t in &ticks_x {
        let x = plot.px(*t);
        line(area, vec![(x, plot.top), (x, plot.bottom)], GRID, 1)?;
        let st = style(12.0 * k, SOFT_INK, HPos::Center, VPos::Top);
        text(area, &c.value(*t, tick_decimals), (x, plot.bottom + 6), &st)?;
    }
    Ok(plot)
}

/// The colour of a progress status: blue on track (or achieved), green moderate, orange limited
/// (or marginal, stagnant), red going the wrong way, grey when it cannot be told.
fn progress_colour(status: &str) -> RGBColor {
    match status {
        "achieved" | "on track" | "substantial" => GOOD,
        "moderate" => ON_PLAN,
        "limited" | "marginal" | "stagnant" => RGBColor(230, 159, 0),
        "deteriorating" | "regressing" | "not achieved" => BAD,
        _ => SOFT_INK,
    }
}

/// Per area, best first: a bar from the base value to the latest, coloured by status, a tick at
/// the value projected for the target year and a ring at the target; the status on the right.
fn progress_chart<DB: DrawingBackend>(c: &Canvas<DB>) -> Drawn {
    let Canvas { area, data, o, top, bottom, k } = *c;
    let progress = data.progress();
    let mut rows: Vec<(&Series, &ChartProgress)> =
        data.series.iter().zip(&progress).filter_map(|(s, p)| Some((s, p.as_ref()?))).collect();
    if !rows.iter().any(|(_, p)| p.series.target.is_some()) {
        return Err("no target in the data: a progress chart needs plans for a later year (--plan FILE)".into());
    }
    let order = |p: &ChartProgress| match p.judged.status {
        "achieved" => 0,
        "on track" => 1,
        "moderate" => 2,
        "limited" | "marginal" => 3,
        "stagnant" => 4,
        "deteriorating" | "regressing" | "not achieved" => 5,
        _ => 6,
    };
    rows.sort_by(|a, b| {
        order(a.1)
            .cmp(&order(b.1))
            .then(b.1.judged.ratio.unwrap_or(f64::MIN).total_cmp(&a.1.judged.ratio.unwrap_or(f64::MIN)))
    });
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|(_, p)| {
            [Some(p.series.base), Some(p.series.latest), p.judged.projected, p.series.target.map(|t| t.0)]
        })
        .flatten()
        .collect();
    let (low, high) = (
        values.iter().copied().fold(f64::INFINITY, f64::min),
        values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let row_h = (f64::from(bottom - top - c.px(40.0)) / rows.len().max(1) as f64).min(44.0 * k);
    let size = (row_h * 0.5).clamp(6.0, 15.0 * k);
    let name_style = style(size, INK, HPos::Right, VPos::Center);
    let status_style = style(size, INK, HPos::Left, VPos::Center);
    let status_of = |p: &ChartProgress| crate::locale::progress_status(o.lang, p.judged.status);
    let name_w = rows.iter().map(|(s, _)| width(area, &s.area, &name_style)).max().unwrap_or(0);
    let status_w = rows.iter().map(|(_, p)| width(area, status_of(p), &status_style)).max().unwrap_or(0);
    let plot = rows_plot(c, name_w, status_w + c.px(40.0), rows.len(), row_h, (low, high))?;
    // Legend: what the marks are, with the target year.
    let target_period = rows.iter().find_map(|(_, p)| p.target_period.clone()).unwrap_or_default();
    let legend = style(13.0 * k, INK, HPos::Left, VPos::Center);
    let ly = top + c.px(10.0);
    let mut lx = plot.left;
    rect(area, (lx, ly - c.px(4.0)), (lx + c.px(24.0), ly + c.px(4.0)), SOFT_INK.to_rgba())?;
    let caption = format!("{} → {}", label(o.lang, "base"), label(o.lang, "latest"));
    text(area, &caption, (lx + c.px(30.0), ly), &legend)?;
    lx += c.px(60.0) + width(area, &caption, &legend);
    line(area, vec![(lx, ly - c.px(8.0)), (lx, ly + c.px(8.0))], INK, (2.0 * k) as u32)?;
    let caption = format!("{} {target_period}", label(o.lang, "projected"));
    text(area, &caption, (lx + c.px(8.0), ly), &legend)?;
    lx += c.px(40.0) + width(area, &caption, &legend);
    ring(area, (lx, ly), c.px(6.0), INK)?;
    let caption = format!("{} {target_period}", label(o.lang, "target"));
    text(area, &caption, (lx + c.px(12.0), ly), &legend)?;
    for (i, (s, p)) in rows.iter().enumerate() {
        let mid = plot.top + (i as f64 * row_h) as i32 + (row_h / 2.0) as i32;
        let colour = progress_colour(p.judged.status);
        let st = if s.highlighted { bold(size, INK, HPos::Right, VPos::Center) } else { name_style.clone() };
        text(area, &s.area, (plot.left - c.px(12.0), mid), &st)?;
        let half = (row_h * 0.22) as i32;
        let (xa, xb) = (plot.px(p.series.base), plot.px(p.series.latest));
        rect(area, (xa.min(xb), mid - half), (xa.max(xb).max(xa.min(xb) + 2), mid + half), colour.to_rgba())?;
        if let Some(v) = p.judged.projected {
            let x = plot.px(v);
            line(area, vec![(x, mid - half - c.px(4.0)), (x, mid + half + c.px(4.0))], INK, (2.0 * k) as u32)?;
        }
        if let Some((x, _)) = p.series.target {
            ring(area, (plot.px(x), mid), c.px(6.0), INK)?;
        }
        text(area, status_of(p), (plot.right + c.px(16.0), mid), &style(size, colour, HPos::Left, VPos::Center))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, value: Option<f64>) -> Point {
        Point {
            t: f64::from(year),
            key: year * 100,
            index: i64::from(year),
            period: year.to_string(),
            value,
            plan: None,
            yoy: None,
            change: None,
        }
    }

    #[test]
    fn a_missing_period_breaks_the_line() {
        // 2013 has no row at all (no area has it) and 2016 is missing: three runs.
        let s = Series {
            area: "A".into(),
            points: [2011, 2012, 2014, 2015, 2016, 2017]
                .into_iter()
                .map(|y| point(y, if y == 2016 { None } else { Some(1.0) }))
                .collect(),
            highlighted: false,
            also: Vec::new(),
            code: None,
        };
        let runs: Vec<usize> = segments(&s).iter().map(Vec::len).collect();
        assert_eq!(runs, [2, 2, 1]);
    }
}
