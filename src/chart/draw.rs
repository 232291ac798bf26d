//! Shared drawing for every chart kind: the embedded font, the colour-blind-safe palette, titles
//! and footer, axes with nicely rounded ticks, numbers in English or Vietnamese format, and end
//! labels nudged apart so they do not overlap.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartData, ChartOptions, Lang};
pub use crate::locale::chart_word as label;

pub use crate::locale::number;

/// A value as a chart writes it (labels, ticks, legends): from a million on in words
/// ([`crate::locale::compact`]: `1.12 trillion`), unless the unit is counted in thousands,
/// millions or billions already (`million VND`, `tỷ đồng`, `nghìn người`): `54.6 million` of
/// `million VND` would be misread, so such values are written whole.
pub fn value_text(data: &ChartData, x: f64, decimals: usize, lang: Lang) -> String {
    let scaled = data.unit.as_deref().is_some_and(|u| {
        let u = crate::names::fold(u);
        ["thousand", "million", "billion", "trillion", "nghin", "ngan", "trieu", "ty"].iter().any(|w| u.contains(w))
    });
    if scaled {
        number(x, decimals, lang)
    } else {
        crate::locale::compact(x, decimals, lang)
    }
}

/// SVG text names these fonts in order; text is measured, and the PNG drawn, with the embedded
/// DejaVu Sans.
pub const FAMILY: &str = "DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif";
pub static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (style, font) in [(FontStyle::Normal, FONT), (FontStyle::Bold, FONT_BOLD)] {
            // The bundled fonts are valid; a failure here would only leave text unmeasured.
            let _ = plotters::style::register_font(FAMILY, style, font);
        }
    });
}

/// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(120, 94, 40),   // brown (instead of yellow, which vanishes on white)
];
pub const MUTED: RGBColor = RGBColor(190, 190, 190);
pub const INK: RGBColor = RGBColor(40, 40, 40);
pub const SOFT_INK: RGBColor = RGBColor(100, 100, 100);
pub const GRID: RGBColor = RGBColor(228, 228, 228);
/// Status colours: better than plan, on plan, short of plan.
pub const GOOD: RGBColor = RGBColor(0, 114, 178);
pub const ON_PLAN: RGBColor = RGBColor(0, 158, 115);
pub const BAD: RGBColor = RGBColor(213, 94, 0);

pub type Drawn = Result<(), String>;

pub fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

pub fn style(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle { font: (FAMILY, size).into_font(), color: color.to_backend_color(), pos: Pos::new(h, v) }
}

pub fn bold(size: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle {
        font: (FAMILY, size, FontStyle::Bold).into_font(),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

pub fn text<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &str, at: (i32, i32), st: &TextStyle) -> Drawn {
    area.draw(&Text::new(s.to_string(), at, st.clone())).map_err(err)
}

pub fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: Vec<(i32, i32)>,
    color: RGBColor,
    width: u32,
) -> Drawn {
    area.draw(&PathElement::new(points, ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: width }))
        .map_err(err)
}

pub fn rect<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    color: RGBAColor,
) -> Drawn {
    area.draw(&Rectangle::new([a, b], ShapeStyle { color, filled: true, stroke_width: 0 })).map_err(err)
}

pub fn dot<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, at: (i32, i32), r: i32, color: RGBColor) -> Drawn {
    area.draw(&Circle::new(at, r, ShapeStyle { color: color.to_rgba(), filled: true, stroke_width: 0 })).map_err(err)
}

/// A hollow point: a white disc ringed in `color` (an end taken from another period).
pub fn ring<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, at: (i32, i32), r: i32, color: RGBColor) -> Drawn {
    area.draw(&Circle::new(at, r, ShapeStyle { color: WHITE.to_rgba(), filled: true, stroke_width: 0 }))
        .map_err(err)?;
    area.draw(&Circle::new(at, r, ShapeStyle { color: color.to_rgba(), filled: false, stroke_width: 2 })).map_err(err)
}

/// Width of a text in pixels.
pub fn width<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, s: &str, st: &TextStyle) -> i32 {
    area.estimate_text_size(s, st).map(|(w, _)| w as i32).unwrap_or((s.chars().count() as f64 * 8.0) as i32)
}

/// Decimals for showing values: the indicator's own (from `--meta`), else as many as the data
/// carry (84 → 0, 773.5 → 1, 11.68 → 2), at most 2 unless the values are small.
pub fn decimals_for(data: &ChartData) -> usize {
    if let Some(d) = data.decimals {
        return d as usize;
    }
    let values: Vec<f64> = data.series.iter().flat_map(|s| s.points.iter().filter_map(|p| p.value)).collect();
    let typical = values.iter().map(|v| v.abs()).fold(0.0, f64::max);
    let most = if typical < 1.0 { 4 } else { 2 };
    (0..=most)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            values.iter().all(|v| ((v * f).round() - v * f).abs() < 1e-6 * f.max(1.0))
        })
        .unwrap_or(most)
}

/// Rounded ticks covering `[low, high]`: steps of 1, 2 or 5 × 10^n.
pub fn ticks(low: f64, high: f64, wanted: usize) -> (Vec<f64>, usize) {
    let (low, high) = if (high - low).abs() < f64::EPSILON {
        let pad = if low == 0.0 { 1.0 } else { low.abs() * 0.1 };
        (low - pad, high + pad)
    } else {
        (low, high)
    };
    let raw = (high - low) / wanted.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude);
    let first = (low / step).floor() * step;
    let mut out = Vec::new();
    let mut v = first;
    while v <= high + step * 0.5 && out.len() < 50 {
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    let decimals = if step >= 1.0 { 0 } else { (-step.log10().floor()) as usize };
    (out, decimals)
}

/// A rectangle of the image and the value ranges it shows.
#[derive(Debug, Clone, Copy)]
pub struct Plot {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl Plot {
    pub fn px(&self, x: f64) -> i32 {
        let (a, b) = self.x;
        let span = if (b - a).abs() < f64::EPSILON { 1.0 } else { b - a };
        self.left + ((x - a) / span * f64::from(self.right - self.left)).round() as i32
    }

    pub fn py(&self, y: f64) -> i32 {
        let (a, b) = self.y;
        let span = if (b - a).abs() < f64::EPSILON { 1.0 } else { b - a };
        self.bottom - ((y - a) / span * f64::from(self.bottom - self.top)).round() as i32
    }
}

/// Title, subtitle (with the unit) and footer (sources and periods); returns the top and bottom
/// of the space left for the chart.
pub fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    o: &ChartOptions,
    boundaries: Option<&str>,
) -> Result<(i32, i32), String> {
    area.fill(&WHITE).map_err(err)?;
    let h = o.height as i32;
    let scale = (f64::from(o.width) / 1200.0).clamp(0.6, 2.0);
    let title = o.title.clone().unwrap_or_else(|| data.indicator.clone());
    text(
        area,
        &crate::names::clean(&title),
        (24, (18.0 * scale) as i32),
        &bold(28.0 * scale, INK, HPos::Left, VPos::Top),
    )?;
    let subtitle = match (&o.subtitle, &data.unit) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(u)) if !u.is_empty() => Some(u.clone()),
        _ => None,
    };
    let mut top = (62.0 * scale) as i32;
    if let Some(s) = subtitle {
        text(area, &crate::names::clean(&s), (24, top), &style(18.0 * scale, SOFT_INK, HPos::Left, VPos::Top))?;
        top += (30.0 * scale) as i32;
    }
    let periods = match (data.periods.first(), data.periods.last()) {
        (Some(a), Some(b)) if a.1 != b.1 => format!("{}–{}", a.2, b.2),
        (Some(a), _) => a.2.clone(),
        _ => String::new(),
    };
    let mut footer = format!(
        "{}: {} · {}: {}",
        label(o.lang, "source"),
        if o.sources.is_empty() { "—".to_string() } else { o.sources.join(", ") },
        label(o.lang, "periods"),
        periods
    );
    // A map carries its boundaries' attribution (a licence term).
    if let Some(b) = boundaries {
        footer.push_str(&format!(" · {}: {b}", label(o.lang, "boundaries")));
    }
    let footer_size = 13.0 * scale;
    text(
        area,
        &crate::names::clean(&footer),
        (24, h - (14.0 * scale) as i32),
        &style(footer_size, SOFT_INK, HPos::Left, VPos::Bottom),
    )?;
    Ok((top + (16.0 * scale) as i32, h - (44.0 * scale) as i32))
}

/// Horizontal grid lines with value labels on the left.
pub fn y_axis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &Plot,
    ticks: &[f64],
    text_of: impl Fn(f64) -> String,
    size: f64,
) -> Drawn {
    for t in ticks {
        let y = plot.py(*t);
        if y < plot.top - 1 || y > plot.bottom + 1 {
            continue;
        }
        line(area, vec![(plot.left, y), (plot.right, y)], GRID, 1)?;
        text(area, &text_of(*t), (plot.left - 8, y), &style(size, SOFT_INK, HPos::Right, VPos::Center))?;
    }
    Ok(())
}

/// Places labels near their wanted heights, at least `gap` pixels apart, inside `[top, bottom]`.
pub fn nudge(wanted: &[i32], gap: i32, top: i32, bottom: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|i| wanted[*i]);
    let mut placed = vec![0; wanted.len()];
    let mut last = top - gap;
    for i in &order {
        let y = wanted[*i].max(last + gap);
        placed[*i] = y;
        last = y;
    }
    // Pushed past the bottom: shift the whole run back up.
    let overflow = last - bottom;
    if overflow > 0 {
        let mut limit = bottom + gap;
        for i in order.iter().rev() {
            let y = (placed[*i] - overflow).min(limit - gap);
            placed[*i] = y.max(top);
            limit = placed[*i];
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_ticks() {
        assert_eq!(ticks(0.0, 10.0, 5).0, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let (t, d) = ticks(11.2, 11.9, 4);
        assert_eq!(d, 1);
        assert!(t.first().unwrap() <= &11.2 && t.last().unwrap() >= &11.9);
        assert!(ticks(5.0, 5.0, 5).0.len() > 1);
    }

    #[test]
    fn labels_do_not_overlap() {
        let placed = nudge(&[100, 102, 104, 300], 14, 0, 400);
        let mut sorted = placed.clone();
        sorted.sort();
        assert!(sorted.windows(2).all(|w| w[1] - w[0] >= 14), "{placed:?}");
        let crowded = nudge(&[390, 392, 395], 14, 0, 400);
        assert!(crowded.iter().all(|y| *y <= 400));
    }
}
