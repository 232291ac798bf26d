//! `report`: the whole write-up in one document — a headline for the highlighted area, then per
//! indicator a summary, a ranking and a trend (with charts) and the plan status, then data quality,
//! method and sources. The model is plain data; minijinja templates turn it into HTML (escaped by
//! default, charts as inline SVG) or Markdown (charts as PNG files beside it).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::chart::{self, ChartData, ChartOptions, ImageFormat, Kind};
use crate::error::ChisoError;

pub use crate::locale::{labels, method, ordinal, short, signed_pct, today};

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
