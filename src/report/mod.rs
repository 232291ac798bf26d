//! `report`: the whole write-up in one document — a headline for the highlighted area, then per
//! indicator a summary, a ranking and a trend (with charts) and the plan status, then data quality,
//! method and sources. [`build`] works the model out of a dataset; the model holds numbers, and
//! [`render`] formats them in the reader's language for minijinja templates: HTML (escaped by
//! default, charts as inline SVG) or Markdown (charts as PNG files beside it).

pub mod build;
mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ChisoError;
use crate::locale::{labels, method, short, signed_pct, Lang};

pub use build::{write, ReportSettings};

/// `--config report.toml`: what the flags say, kept in a file (flags win).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    pub title: Option<String>,
    #[serde(default)]
    pub highlight: Vec<String>,
    pub base: Option<String>,
    pub period: Option<String>,
    pub plan: Option<String>,
    /// Which indicators, in this order (default: all, in the order of the data).
    pub indicators: Option<Vec<String>>,
    /// Section titles by indicator.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    pub notes: Option<String>,
}

impl ReportConfig {
    pub fn load(path: &Path) -> Result<ReportConfig, ChisoError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ChisoError::Read { path: path.to_path_buf(), source })?;
        toml::from_str(&text)
            .map_err(|e| ChisoError::BadMeta { file: path.display().to_string(), message: e.to_string() })
    }
}

/// One area's figures for one indicator, as numbers (missing stays missing).
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The area as the reader's language names it.
    pub area: String,
    pub highlighted: bool,
    pub period: String,
    pub latest: Option<f64>,
    pub previous: Option<f64>,
    /// The change on the year before in the indicator's unit (points for a rate).
    pub change: Option<f64>,
    pub yoy_pct: Option<f64>,
    pub cagr_pct: Option<f64>,
    /// The rank (2.5 when ties share the average) among `out_of` areas.
    pub rank: Option<f64>,
    pub out_of: Option<f64>,
    /// Places gained (+) or lost (−) since the period ranked before.
    pub rank_change: Option<f64>,
    /// The plan's low and high bound (equal for a single target).
    pub plan: Option<(f64, f64)>,
    /// The plan status as `chiso targets` gives it (`met`, `below`…).
    pub status: Option<String>,
}

/// One area's progress toward its target year (see `chiso progress`).
#[derive(Debug, Clone, Default)]
pub struct ProgressLine {
    pub area: String,
    pub highlighted: bool,
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub projected: Option<f64>,
    /// The status as `chiso progress` gives it in English (`on track`, `moderate`…).
    pub status: String,
}

/// A chart in the document: inline SVG for HTML, a relative PNG path for Markdown.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Figure {
    pub title: String,
    pub svg: String,
    pub png: String,
}

/// One indicator: its summary rows (best rank first), the ranking shown, the plan statuses.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    /// The period ranked and assessed.
    pub period: String,
    /// Decimals the values are shown with.
    pub decimals: usize,
    /// What the indicator measures: a rate's change is told in percentage points.
    pub measure: crate::meta::Measure,
    pub rows: Vec<Row>,
    pub ranking: Vec<Row>,
    pub targets: Vec<Row>,
    /// Progress toward the target year, when a later year is planned.
    pub progress: Vec<ProgressLine>,
    pub target_year: String,
    pub ranking_chart: Figure,
    /// A map of the period ranked, when the areas are provinces (else empty).
    pub map_chart: Figure,
    pub trend_chart: Figure,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSource {
    pub file: String,
    pub periods: String,
    pub rows: usize,
}

/// The document.
#[derive(Debug, Clone)]
pub struct Report {
    pub lang: Lang,
    pub title: String,
    pub date: String,
    pub highlight: Option<String>,
    /// One clause per indicator about the highlighted area.
    pub headline: Vec<String>,
    pub sections: Vec<Section>,
    pub quality: Vec<String>,
    pub sources: Vec<ReportSource>,
    pub notes: Option<String>,
}

/// A row as the templates show it: every figure formatted.
#[derive(Serialize)]
struct RowText {
    area: String,
    period: String,
    latest: String,
    previous: String,
    yoy: String,
    cagr: String,
    rank: String,
    rank_change: String,
    plan: String,
    status: String,
    status_key: String,
    highlighted: bool,
}

#[derive(Serialize)]
struct ProgressText {
    area: String,
    highlighted: bool,
    latest: String,
    target: String,
    projected: String,
    status: &'static str,
    status_key: String,
}

#[derive(Serialize)]
struct SectionText<'a> {
    id: &'a str,
    title: &'a str,
    unit: &'a str,
    period: &'a str,
    rows: Vec<RowText>,
    ranking: Vec<RowText>,
    targets: Vec<RowText>,
    progress: Vec<ProgressText>,
    /// `on track 5 · moderate 4`.
    progress_counts: String,
    target_year: &'a str,
    ranking_chart: &'a Figure,
    map_chart: &'a Figure,
    trend_chart: &'a Figure,
}

#[derive(Serialize)]
struct ReportText<'a> {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    title: &'a str,
    date: &'a str,
    highlight: &'a Option<String>,
    headline: String,
    headline_items: &'a [String],
    sections: Vec<SectionText<'a>>,
    quality: &'a [String],
    method: Vec<&'static str>,
    sources: &'a [ReportSource],
    notes: &'a Option<String>,
}

impl Row {
    fn text(&self, decimals: usize, rate: bool, lang: Lang) -> RowText {
        let value = |v: Option<f64>| v.map_or(String::new(), |v| short(v, decimals, lang));
        let pct = |v: Option<f64>| v.map_or(String::new(), |v| signed_pct(v, lang));
        let status = self.status.clone().unwrap_or_default();
        RowText {
            area: self.area.clone(),
            period: self.period.clone(),
            latest: value(self.latest),
            previous: value(self.previous),
            // A rate moves in points: `+0.78 pp`, never a per cent of a per cent.
            yoy: match (rate, self.change) {
                (true, Some(c)) => crate::locale::signed_points(c, decimals, lang),
                (true, None) => String::new(),
                (false, _) => pct(self.yoy_pct),
            },
            cagr: pct(self.cagr_pct),
            rank: match (self.rank, self.out_of) {
                (Some(r), Some(n)) => format!("{}/{}", short(r, 1, lang), short(n, 0, lang)),
                _ => String::new(),
            },
            rank_change: self.rank_change.map_or(String::new(), |c| match c {
                c if c > 0.0 => format!("▲ {c}"),
                c if c < 0.0 => format!("▼ {}", -c),
                _ => "=".into(),
            }),
            plan: self.plan.map_or(String::new(), |plan| plan_text(plan, decimals, lang)),
            status: crate::locale::status(lang, &status).to_string(),
            status_key: status,
            highlighted: self.highlighted,
        }
    }
}

/// How many areas have each progress status, in the order of the statuses: `on track 5 · moderate 4`.
fn progress_counts(lines: &[ProgressLine], lang: Lang) -> String {
    let order = [
        "achieved",
        "on track",
        "moderate",
        "limited",
        "marginal",
        "stagnant",
        "deteriorating",
        "regressing",
        "not achieved",
        "not computable",
    ];
    order
        .iter()
        .filter_map(|key| {
            let n = lines.iter().filter(|l| l.status == *key).count();
            (n > 0).then(|| format!("{} {n}", crate::locale::progress_status(lang, key)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A plan as written: `11–12` for a range, `10` for one target.
pub fn plan_text((low, high): (f64, f64), decimals: usize, lang: Lang) -> String {
    if low == high {
        short(low, decimals, lang)
    } else {
        format!("{}–{}", short(low, decimals, lang), short(high, decimals, lang))
    }
}

/// A fixed word of the report in `lang` (the key itself when there is none).
pub fn label(lang: Lang, key: &str) -> String {
    labels(lang).get(key).map_or(key.to_string(), |s| s.to_string())
}

const HTML: &str = include_str!("templates/report.html");
const MARKDOWN: &str = include_str!("templates/report.md");

/// Renders the report as HTML (`markdown` false) or Markdown.
pub fn render(report: &Report, markdown: bool) -> Result<String, ChisoError> {
    let lang = report.lang;
    let rows = |rows: &[Row], s: &Section| {
        rows.iter().map(|r| r.text(s.decimals, s.measure == crate::meta::Measure::Rate, lang)).collect()
    };
    let text = ReportText {
        lang: if lang == Lang::Vi { "vi" } else { "en" },
        t: labels(lang),
        title: &report.title,
        date: &report.date,
        highlight: &report.highlight,
        headline: report.headline.join("; "),
        headline_items: &report.headline,
        sections: report
            .sections
            .iter()
            .map(|s| SectionText {
                id: &s.id,
                title: &s.title,
                unit: s.unit.as_deref().unwrap_or_default(),
                period: &s.period,
                rows: rows(&s.rows, s),
                ranking: rows(&s.ranking, s),
                targets: rows(&s.targets, s),
                progress: s
                    .progress
                    .iter()
                    .map(|p| {
                        let value = |v: Option<f64>| v.map_or(String::new(), |v| short(v, s.decimals, lang));
                        ProgressText {
                            area: p.area.clone(),
                            highlighted: p.highlighted,
                            latest: value(p.latest),
                            target: value(p.target),
                            projected: value(p.projected),
                            status: crate::locale::progress_status(lang, &p.status),
                            status_key: p.status.replace(' ', "-"),
                        }
                    })
                    .collect(),
                progress_counts: progress_counts(&s.progress, lang),
                target_year: &s.target_year,
                ranking_chart: &s.ranking_chart,
                map_chart: &s.map_chart,
                trend_chart: &s.trend_chart,
            })
            .collect(),
        quality: &report.quality,
        method: method(lang),
        sources: &report.sources,
        notes: &report.notes,
    };
    let mut env = minijinja::Environment::new();
    // Markdown has no escaping of its own: names go through `md`, which neutralises the
    // characters that would start markup or break a table.
    env.add_filter("md", |s: String| -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('|', "\\|").replace(['\n', '\r'], " ")
    });
    env.add_template("report.html", HTML).map_err(template)?;
    env.add_template("report.md", MARKDOWN).map_err(template)?;
    let name = if markdown { "report.md" } else { "report.html" };
    env.get_template(name).and_then(|t| t.render(text)).map_err(template)
}

fn template(e: minijinja::Error) -> ChisoError {
    ChisoError::Bug(format!("report template: {e:#}"))
}
