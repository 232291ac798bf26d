//! `report`: the whole write-up in one document — a headline for the highlighted area, then per
//! indicator a summary, a ranking and a trend (with charts) and the plan status, then data quality,
//! method and sources. The model is plain data; minijinja templates turn it into HTML (escaped by
//! default, charts as inline SVG) or Markdown (charts as PNG files beside it).

mod labels;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chart::{self, ChartData, ChartOptions, ImageFormat, Kind, Lang};
use crate::error::ChisoError;

pub use labels::{labels, method, ordinal};

/// One indicator's row for one area, already formatted.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Row {
    pub area: String,
    pub period: String,
    pub latest: String,
    pub previous: String,
    pub yoy: String,
    pub cagr: String,
    pub rank: String,
    pub rank_change: String,
    pub plan: String,
    pub status: String,
    pub status_key: String,
    pub highlighted: bool,
    /// The rank and the number ranked as numbers (the texts above are formatted for reading:
    /// `1.234/1.500` in Vietnamese), for ordering rows and wording the headline.
    #[serde(skip)]
    pub rank_number: Option<f64>,
    #[serde(skip)]
    pub out_of: Option<f64>,
    /// The plan is a range (`11–12`), not one value.
    #[serde(skip)]
    pub plan_range: bool,
}

/// A chart in the document: inline SVG for HTML, a relative PNG path for Markdown.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Figure {
    pub title: String,
    pub svg: String,
    pub png: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub period: String,
    pub rows: Vec<Row>,
    pub ranking: Vec<Row>,
    pub targets: Vec<Row>,
    pub ranking_chart: Figure,
    pub trend_chart: Figure,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSource {
    pub file: String,
    pub periods: String,
    pub rows: usize,
}

/// Everything the templates show.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lang: &'static str,
    pub t: BTreeMap<&'static str, &'static str>,
    pub title: String,
    pub date: String,
    pub highlight: Option<String>,
    pub headline: String,
    pub headline_items: Vec<String>,
    pub sections: Vec<Section>,
    pub quality: Vec<String>,
    pub method: Vec<&'static str>,
    pub sources: Vec<ReportSource>,
    pub notes: Option<String>,
}

const HTML: &str = include_str!("templates/report.html");
const MARKDOWN: &str = include_str!("templates/report.md");

/// Renders the report as HTML (`markdown` false) or Markdown.
pub fn render(report: &Report, markdown: bool) -> Result<String, ChisoError> {
    let mut env = minijinja::Environment::new();
    // Markdown has no escaping of its own: names go through `md`, which neutralises the
    // characters that would start markup or break a table.
    env.add_filter("md", |s: String| -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('|', "\\|").replace(['\n', '\r'], " ")
    });
    env.add_template("report.html", HTML).map_err(template)?;
    env.add_template("report.md", MARKDOWN).map_err(template)?;
    let name = if markdown { "report.md" } else { "report.html" };
    env.get_template(name).and_then(|t| t.render(report)).map_err(template)
}

fn template(e: minijinja::Error) -> ChisoError {
    ChisoError::Bug(format!("report template: {e:#}"))
}

/// Today's date as `27/11/2026` (Vietnamese) or `2026-11-27` (English).
pub fn today(lang: Lang) -> String {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    match lang {
        Lang::Vi => format!("{day:02}/{month:02}/{year}"),
        Lang::En => format!("{year}-{month:02}-{day:02}"),
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped, in the language's format.
pub fn short(x: f64, decimals: usize, lang: Lang) -> String {
    let s = chart::format_number(x, decimals, lang);
    let point = if lang == Lang::Vi { ',' } else { '.' };
    if s.contains(point) {
        s.trim_end_matches('0').trim_end_matches(point).to_string()
    } else {
        s
    }
}

/// `+19 %` / `−3,5 %`.
pub fn signed_pct(x: f64, lang: Lang) -> String {
    let body = short(x.abs(), 1, lang);
    let sign = if x > 0.0 && body != "0" {
        "+"
    } else if x < 0.0 && body != "0" {
        "−"
    } else {
        ""
    };
    format!("{sign}{body} %")
}

/// Draws one chart for the report: SVG text for HTML, PNG bytes for Markdown.
pub fn figure(
    data: &ChartData,
    kind: Kind,
    options: &ChartOptions,
    format: ImageFormat,
) -> Result<Vec<u8>, ChisoError> {
    let options = ChartOptions { kind, ..options.clone() };
    chart::render(data, &options, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_sentences() {
        assert_eq!(short(11.68, 2, Lang::Vi), "11,68");
        assert_eq!(short(84.0, 2, Lang::En), "84");
        assert_eq!(signed_pct(19.000000001, Lang::En), "+19 %");
        assert_eq!(signed_pct(-3.46, Lang::Vi), "−3,5 %");
        assert_eq!(signed_pct(0.01, Lang::En), "0 %");
    }

    #[test]
    fn dates() {
        let vi = today(Lang::Vi);
        assert_eq!(vi.len(), 10);
        assert_eq!(&vi[2..3], "/");
        assert_eq!(today(Lang::En).len(), 10);
    }
}
