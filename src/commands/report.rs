//! `chiso report`: the analytics of the other commands gathered into one HTML or Markdown
//! document (see [`crate::report`]). This module computes the figures and formats them; the
//! templates only lay them out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Deserialize;

use crate::chart::{ChartData, ChartOptions, HeatBy, ImageFormat, Kind, Lang};
use crate::cli::ReportArgs;
use crate::core::rank::{rank, RankSettings};
use crate::core::targets::assess;
use crate::error::ChisoError;
use crate::frame::{AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, SRC, UNIT, VALUE};
use crate::names;
use crate::output::{refuse_inputs, write_atomically};
use crate::report::{self, short, signed_pct, Figure, Report, ReportSource, Row, Section};

use super::{parse_period, Prepared};

/// `--config report.toml`: what the flags say, kept in a file.
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

fn load_config(path: &Path) -> Result<ReportConfig, ChisoError> {
    let text = std::fs::read_to_string(path).map_err(|source| ChisoError::Read { path: path.to_path_buf(), source })?;
    toml::from_str(&text).map_err(|e| ChisoError::BadMeta { file: path.display().to_string(), message: e.to_string() })
}

pub fn run(mut args: ReportArgs) -> anyhow::Result<()> {
    let markdown = match args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => false,
        Some("md" | "markdown") => true,
        _ => {
            return Err(ChisoError::Usage(format!(
                "cannot tell the report format from '{}': use .html or .md",
                args.output.display()
            ))
            .into());
        }
    };
    let config = match &args.config {
        Some(path) => load_config(path)?,
        None => ReportConfig::default(),
    };
    // Flags win over the config file.
    let highlight = if args.highlight.is_empty() { config.highlight.clone() } else { args.highlight.clone() };
    let plan = args.plan.clone().or(config.plan.clone());
    if args.data.input.period.is_none() {
        args.data.input.period = config.period.clone();
    }
    let base = args.base.clone().or(config.base.clone());
    if let Some(b) = &base {
        // The report starts at the base period, so growth since the start is growth since the base.
        parse_period("--base", &Some(b.clone()))?;
        args.data.filter.from.get_or_insert(b.clone());
    }
    let mut inputs = args.data.input.inputs.clone();
    inputs.extend(plan.clone());
    refuse_inputs(&args.output, &inputs)?;
    if args.output.exists() && !args.force {
        return Err(ChisoError::Exists { path: args.output.display().to_string() }.into());
    }

    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    let lang = args.lang;
    let period = parse_period("--period", &args.data.input.period)?;
    let summary = super::summary::summary_table(&prepared)?;
    let ranked =
        rank(prepared.peers(), &prepared.rank_group(), &RankSettings { period: period.clone(), ..Default::default() })?
            .collect()?;
    let has_plans = plan.is_some()
        || super::columns_of(&mut prepared.frame.clone())?.iter().any(|c| c == PLAN_LOW || c == PLAN_HIGH);
    let assessed = if has_plans {
        Some(
            assess(super::targets::with_plans(&prepared, plan.as_deref(), &args.data.input.read_options())?)
                .collect()?,
        )
    } else {
        None
    };
    let frame = prepared.frame.clone().collect()?;

    let mut indicators = super::distinct(&frame, INDICATOR)?;
    if let Some(wanted) = &config.indicators {
        let resolved = crate::core::filter::resolve(&frame, INDICATOR, "indicator", wanted)?;
        indicators = resolved;
    }
    let chart_options = ChartOptions {
        kind: Kind::Bar,
        title: None,
        subtitle: None,
        width: 1000,
        height: 560,
        highlight: highlight.clone(),
        lang,
        by: HeatBy::Value,
        period: period.clone(),
        from: None,
        to: None,
        sources: inputs.iter().map(|i| crate::input::file_name(i)).collect(),
    };
    let image_dir = image_folder(&args.output);
    let progress = indicatif::ProgressBar::new((indicators.len() * 2) as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} charts {pos}/{len} {wide_bar} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut images: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut sections = Vec::new();
    let mut headline_items = Vec::new();
    let wanted: Vec<String> = highlight.iter().map(|h| names::fold(h)).collect();
    let is_highlighted = |area: &str| wanted.contains(&names::fold(area));
    // In Vietnamese, areas are named as the areas file spells them in Vietnamese.
    let display = |area: &str| -> String {
        match (lang, prepared.areas.get(area).and_then(|m| m.name_vi.clone())) {
            (Lang::Vi, Some(vi)) => vi,
            _ => area.to_string(),
        }
    };

    for (i, indicator) in indicators.iter().enumerate() {
        let meta = prepared.indicators.get(indicator);
        let rows_of = |df: &DataFrame| -> PolarsResult<DataFrame> {
            df.clone().lazy().filter(col(INDICATOR).eq(lit(indicator.as_str()))).collect()
        };
        // The report ranks: aggregates stay out of it (unless highlighted).
        let data_rows = super::series_as_areas(super::without_aggregates(&rows_of(&frame)?, &highlight)?)?;
        let unit = first_text(&data_rows, UNIT).or_else(|| meta.and_then(|m| m.unit.clone()));
        let title = config.sections.get(indicator).cloned().unwrap_or_else(|| {
            let name = match lang {
                Lang::Vi => meta.and_then(|m| m.name_vi.clone().or(m.name.clone())),
                Lang::En => meta.and_then(|m| m.name.clone()),
            };
            name.unwrap_or_else(|| indicator.clone())
        });
        progress.set_message(title.clone());
        let mut data = ChartData::from_frame(&data_rows, unit.clone(), meta.and_then(|m| m.decimals), &highlight)?;
        for series in &mut data.series {
            series.area = display(&series.area);
        }
        let decimals = data.value_decimals();
        let fmt = |v: Option<f64>| v.map_or(String::new(), |v| short(v, decimals, lang));
        let pct = |v: Option<f64>| v.map_or(String::new(), |v| signed_pct(v, lang));

        // Summary rows, best rank first.
        let s = rows_of(&summary)?;
        let mut rows: Vec<Row> = (0..s.height())
            .map(|r| {
                let area = text_at(&s, AREA, r);
                Row {
                    highlighted: is_highlighted(&area),
                    area: display(&area),
                    period: text_at(&s, "last_period", r),
                    latest: fmt(float_at(&s, "latest", r)),
                    previous: fmt(float_at(&s, "previous", r)),
                    yoy: pct(float_at(&s, "yoy_pct", r)),
                    cagr: pct(float_at(&s, "cagr_pct", r)),
                    rank: rank_text(float_at(&s, "rank", r), float_at(&s, "out_of", r), lang),
                    rank_number: float_at(&s, "rank", r),
                    out_of: float_at(&s, "out_of", r),
                    status_key: text_at(&s, "plan_status", r),
                    ..Default::default()
                }
            })
            .collect();
        // Unranked rows last, in their order.
        let rank_of = |r: &Row| r.rank_number.unwrap_or(f64::MAX);
        rows.sort_by(|a, b| rank_of(a).total_cmp(&rank_of(b)));

        // Ranking: the top ten and the highlighted areas.
        let r = rows_of(&ranked)?;
        let section_period = (0..r.height()).map(|x| text_at(&r, PERIOD, x)).next().unwrap_or_default();
        let ranking: Vec<Row> = (0..r.height())
            .filter(|x| *x < 10 || is_highlighted(&text_at(&r, AREA, *x)))
            .map(|x| {
                let area = text_at(&r, AREA, x);
                let change = float_at(&r, "rank_change", x);
                Row {
                    highlighted: is_highlighted(&area),
                    area: display(&area),
                    rank: rank_text(float_at(&r, "rank", x), float_at(&r, "out_of", x), lang),
                    latest: fmt(float_at(&r, VALUE, x)),
                    rank_change: change.map_or(String::new(), |c| {
                        if c > 0.0 {
                            format!("▲ {c}")
                        } else if c < 0.0 {
                            format!("▼ {}", -c)
                        } else {
                            "=".into()
                        }
                    }),
                    ..Default::default()
                }
            })
            .collect();

        // Plan status in the section's period.
        let targets: Vec<Row> = match &assessed {
            Some(a) => {
                let t = a
                    .clone()
                    .lazy()
                    .filter(
                        col(INDICATOR).eq(lit(indicator.as_str())).and(col(PERIOD).eq(lit(section_period.as_str()))),
                    )
                    .filter(col(PLAN_LOW).is_not_null().or(col(PLAN_HIGH).is_not_null()))
                    .collect()?;
                (0..t.height())
                    .map(|x| {
                        let area = text_at(&t, AREA, x);
                        let key = text_at(&t, "status", x);
                        Row {
                            highlighted: is_highlighted(&area),
                            area: display(&area),
                            latest: fmt(float_at(&t, VALUE, x)),
                            plan: plan_text(float_at(&t, PLAN_LOW, x), float_at(&t, PLAN_HIGH, x), decimals, lang),
                            plan_range: matches!(
                                (float_at(&t, PLAN_LOW, x), float_at(&t, PLAN_HIGH, x)),
                                (Some(a), Some(b)) if a != b
                            ),
                            status: report_label(lang, &key),
                            status_key: key,
                            ..Default::default()
                        }
                    })
                    .collect()
            }
            None => Vec::new(),
        };

        // Headline for the first highlighted area.
        if let Some(h) = rows.iter().find(|r| r.highlighted) {
            let target = targets.iter().find(|t| t.highlighted && t.status_key != "no data");
            headline_items.push(headline_item(&title, h, target, unit.as_deref(), lang));
        }

        let mut figure = |kind: Kind, n: usize, caption: String| -> Result<Figure, ChisoError> {
            let options = ChartOptions { title: Some(caption.clone()), ..chart_options.clone() };
            let out = if markdown {
                let bytes = report::figure(&data, kind, &options, ImageFormat::Png)?;
                let name = format!("{}-{n}.png", slug(indicator, i));
                images.push((image_dir.join(&name), bytes));
                Figure {
                    title: caption,
                    svg: String::new(),
                    png: format!("{}/{name}", crate::input::file_name(&image_dir.display().to_string())),
                }
            } else {
                let bytes = report::figure(&data, kind, &options, ImageFormat::Svg)?;
                Figure { title: caption, svg: String::from_utf8_lossy(&bytes).into_owned(), png: String::new() }
            };
            progress.inc(1);
            Ok(out)
        };
        let t = report_label(lang, "ranking");
        let ranking_chart = figure(Kind::Bar, 1, format!("{title} — {t} {section_period}"))?;
        let trend = report_label(lang, "trend");
        let trend_chart = figure(Kind::Line, 2, format!("{title} — {trend}"))?;
        sections.push(Section {
            id: format!("indicator-{}", i + 1),
            title,
            unit: unit.unwrap_or_default(),
            period: section_period,
            rows,
            ranking,
            targets,
            ranking_chart,
            trend_chart,
        });
    }
    progress.finish_and_clear();

    let highlight_name = highlight.first().cloned();
    let title = args.title.clone().or(config.title.clone()).unwrap_or_else(|| {
        let base = report_label(lang, "report");
        match &highlight_name {
            Some(h) => format!("{base} — {h}"),
            None => base,
        }
    });
    let document = Report {
        lang: if lang == Lang::Vi { "vi" } else { "en" },
        t: crate::report::labels(lang),
        title,
        date: report::today(lang),
        highlight: highlight_name,
        headline: headline_items.join("; "),
        headline_items,
        sections,
        quality: prepared.loaded.warnings.clone(),
        method: report::method(lang),
        sources: sources(&prepared)?,
        notes: config.notes.clone(),
    };
    let text = report::render(&document, markdown)?;
    if markdown && !images.is_empty() {
        std::fs::create_dir_all(&image_dir).map_err(|source| ChisoError::Read { path: image_dir.clone(), source })?;
        for (path, bytes) in &images {
            write_atomically(path, |w| Ok(w.write_all(bytes)?))?;
        }
    }
    write_atomically(&args.output, |w| Ok(w.write_all(text.as_bytes())?))
}

/// `report.md` → `report_files` beside it.
fn image_folder(output: &Path) -> PathBuf {
    let stem = output.file_stem().map_or("report".into(), |s| s.to_string_lossy().into_owned());
    output.with_file_name(format!("{stem}_files"))
}

/// A file-name-safe name for an indicator's images.
fn slug(indicator: &str, i: usize) -> String {
    let folded: String = names::fold(indicator).chars().take(40).collect();
    format!("{:02}-{}", i + 1, if folded.is_empty() { "indicator".into() } else { folded })
}

fn report_label(lang: Lang, key: &str) -> String {
    crate::report::labels(lang).get(key).map_or(key.to_string(), |s| s.to_string())
}

fn text_at(df: &DataFrame, column: &str, row: usize) -> String {
    df.column(column).ok().and_then(|c| c.get(row).ok()).map_or(String::new(), |v| match v {
        AnyValue::Null => String::new(),
        v => v.str_value().into_owned(),
    })
}

fn float_at(df: &DataFrame, column: &str, row: usize) -> Option<f64> {
    df.column(column).ok()?.cast(&DataType::Float64).ok()?.f64().ok()?.get(row)
}

fn first_text(df: &DataFrame, column: &str) -> Option<String> {
    df.column(column).ok()?.str().ok()?.iter().flatten().next().map(str::to_string)
}

fn rank_text(rank: Option<f64>, out_of: Option<f64>, lang: Lang) -> String {
    match (rank, out_of) {
        (Some(r), Some(n)) => format!("{}/{}", short(r, 1, lang), short(n, 0, lang)),
        _ => String::new(),
    }
}

fn plan_text(low: Option<f64>, high: Option<f64>, decimals: usize, lang: Lang) -> String {
    match (low, high) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", short(a, decimals, lang), short(b, decimals, lang)),
        (Some(a), _) | (None, Some(a)) => short(a, decimals, lang),
        _ => String::new(),
    }
}

/// One clause of the headline: the plan when there is one, the change on the year before for
/// amounts (a unit that is neither % nor points), else the value and its rank.
fn headline_item(title: &str, row: &Row, target: Option<&Row>, unit: Option<&str>, lang: Lang) -> String {
    let pct_unit = unit.is_some_and(|u| u.trim() == "%");
    let value = if pct_unit { format!("{} %", row.latest) } else { row.latest.clone() };
    if let Some(t) = target {
        let plan = if pct_unit { format!("{} %", t.plan) } else { t.plan.clone() };
        let phrase = crate::locale::against_plan(lang, &t.status_key, t.plan_range, &plan);
        return format!("{title} {value} — {phrase}");
    }
    let amount = unit
        .is_some_and(|u| !matches!(u.trim().to_lowercase().as_str(), "%" | "points" | "point" | "điểm" | "index" | ""));
    if amount && !row.yoy.is_empty() {
        return format!("{title} {} {}", row.yoy, crate::locale::on_the_year_before(lang));
    }
    if let (Some(r), Some(n)) = (row.rank_number, row.out_of) {
        return format!("{title} {value}, {}", crate::locale::ranked(lang, r as u32, n));
    }
    format!("{title} {value}")
}

/// Each input file with the periods and rows it contributed.
fn sources(prepared: &Prepared) -> Result<Vec<ReportSource>, ChisoError> {
    let mut out = Vec::new();
    for (i, f) in prepared.loaded.files.iter().enumerate() {
        let rows = prepared
            .loaded
            .frame
            .clone()
            .lazy()
            .filter(col(SRC).eq(lit(i as u32)))
            .select([col(PERIOD), crate::core::period_key().alias("_key")])
            .sort(["_key"], Default::default())
            .collect()?;
        let n = rows.height();
        let periods = if n == 0 {
            String::new()
        } else {
            let (a, b) = (text_at(&rows, PERIOD, 0), text_at(&rows, PERIOD, n - 1));
            if a == b {
                a
            } else {
                format!("{a}–{b}")
            }
        };
        out.push(ReportSource { file: crate::input::file_name(&f.file), periods, rows: f.rows });
    }
    Ok(out)
}
