//! The report worked out of a dataset: the summary with ranks, the ranking of the period shown,
//! plans against actuals and two charts per indicator, then written with its images.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{label, plan_text, render, Figure, ProgressLine, Report, ReportSource, Row, Section};
use crate::chart::{self, ChartData, ChartOptions, ImageFormat, Kind, Lang};
use crate::core::rank::{rank, RankSettings};
use crate::core::targets::{assess, NO_DATA};
use crate::dataset::{DataSettings, Dataset};
use crate::error::ChisoError;
use crate::frame::{AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, SRC, VALUE};
use crate::locale::{self, short};
use crate::meta::Measure;
use crate::names;
use crate::output::write_atomically;

/// Everything a report needs: the data and, from flags or the `--config` file, how to show them.
#[derive(Debug, Clone, Default)]
pub struct ReportSettings {
    /// The data; its `from` is the base period when one is given.
    pub data: DataSettings,
    /// The document to write (`.html` or `.md`).
    pub output: PathBuf,
    pub markdown: bool,
    /// A workbook (`.xlsx`) instead of a document.
    pub xlsx: bool,
    /// Areas highlighted; the first is the headline's.
    pub highlight: Vec<String>,
    pub title: Option<String>,
    pub lang: Lang,
    /// A plan file, as for `chiso targets`.
    pub plan: Option<String>,
    /// Which indicators, in this order (default: all, as the data list them).
    pub indicators: Option<Vec<String>>,
    /// Section titles by indicator.
    pub sections: BTreeMap<String, String>,
    pub notes: Option<String>,
}

/// Works the report out and writes it (with its image folder for Markdown).
pub fn write(settings: &ReportSettings) -> anyhow::Result<()> {
    let mut dataset = Dataset::open(&settings.data)?;
    dataset.print_warnings()?;
    let mut images = Vec::new();
    let report = build(&dataset, settings, &mut images)?;
    if settings.xlsx {
        let named: Vec<(String, Vec<u8>)> = images
            .into_iter()
            .map(|(path, bytes)| (crate::input::file_name(&path.display().to_string()), bytes))
            .collect();
        let bytes = super::xlsx::workbook(&report, &named)?;
        return write_atomically(&settings.output, |w| Ok(w.write_all(&bytes)?));
    }
    let text = render(&report, settings.markdown)?;
    if !images.is_empty() {
        let folder = image_folder(&settings.output);
        std::fs::create_dir_all(&folder).map_err(|source| ChisoError::Read { path: folder.clone(), source })?;
        for (path, bytes) in &images {
            write_atomically(path, |w| Ok(w.write_all(bytes)?))?;
        }
    }
    write_atomically(&settings.output, |w| Ok(w.write_all(text.as_bytes())?))
}

/// The report's model; for Markdown, the PNG images it links to are added to `images`.
pub fn build(
    dataset: &Dataset,
    settings: &ReportSettings,
    images: &mut Vec<(PathBuf, Vec<u8>)>,
) -> Result<Report, ChisoError> {
    let (lang, highlight) = (settings.lang, &settings.highlight);
    let period = settings.data.period()?;
    let summary = dataset.summary()?;
    let ranked =
        rank(dataset.peers(), &dataset.rank_group(), &RankSettings { period: period.clone(), ..Default::default() })?
            .collect()?;
    let frame = dataset.frame.clone().collect()?;
    let has_plans = settings.plan.is_some() || frame.column(PLAN_LOW).is_ok() || frame.column(PLAN_HIGH).is_ok();
    let assessed =
        if has_plans { Some(assess(dataset.with_plans(settings.plan.as_deref())?).collect()?) } else { None };
    // Progress toward a target year, when plans reach past the data.
    let toward = if has_plans {
        let asked = crate::dataset::progress::ProgressSettings { plan: settings.plan.clone(), ..Default::default() };
        Some(dataset.progress(&asked)?)
    } else {
        None
    };
    let indicators = match &settings.indicators {
        Some(wanted) => crate::core::filter::resolve(&frame, INDICATOR, "indicator", wanted)?,
        None => crate::dataset::distinct(&frame, INDICATOR)?,
    };
    let mut inputs = settings.data.inputs.clone();
    inputs.extend(settings.plan.clone());
    let chart_options = ChartOptions {
        width: 1000,
        height: 560,
        highlight: highlight.clone(),
        lang,
        period,
        sources: inputs.iter().map(|i| crate::input::file_name(i)).collect(),
        ..ChartOptions::default()
    };
    let wanted: Vec<String> = highlight.iter().map(|h| names::place_key(h)).collect();
    let is_highlighted = |area: &str| wanted.contains(&names::place_key(area));
    // In Vietnamese, areas are named as the areas file spells them in Vietnamese.
    let display = |area: &str| -> String {
        match (lang, dataset.areas.get(area).and_then(|m| m.name_vi.clone())) {
            (Lang::Vi, Some(vi)) => vi,
            _ => area.to_string(),
        }
    };
    let row = |df: &DataFrame, r: usize| {
        let area = text_at(df, AREA, r);
        Row { highlighted: is_highlighted(&area), area: display(&area), ..Row::default() }
    };
    let progress = progress(indicators.len() * 2);
    let (mut sections, mut headline) = (Vec::new(), Vec::new());
    for (i, indicator) in indicators.iter().enumerate() {
        let rows_of = |df: &DataFrame| -> PolarsResult<DataFrame> {
            df.clone().lazy().filter(col(INDICATOR).eq(lit(indicator.as_str()))).collect()
        };
        let title = settings
            .sections
            .get(indicator)
            .cloned()
            .or_else(|| dataset.indicator_name(indicator, lang))
            .unwrap_or_else(|| indicator.clone());
        progress.set_message(title.clone());
        // The report ranks: aggregates stay out of it (unless highlighted).
        let mut data = dataset.chart_data(&rows_of(&frame)?, highlight, true)?;
        for series in &mut data.series {
            series.area = display(&series.area);
        }

        // Summary rows, best rank first (unranked rows last, in their order).
        let s = rows_of(&summary)?;
        let mut rows: Vec<Row> = (0..s.height())
            .map(|r| Row {
                period: text_at(&s, "last_period", r),
                latest: float_at(&s, "latest", r),
                previous: float_at(&s, "previous", r),
                change: float_at(&s, "change", r),
                yoy_pct: float_at(&s, "yoy_pct", r),
                cagr_pct: float_at(&s, "cagr_pct", r),
                rank: float_at(&s, "rank", r),
                out_of: float_at(&s, "out_of", r),
                status: text(&s, "plan_status", r),
                ..row(&s, r)
            })
            .collect();
        rows.sort_by(|a, b| a.rank.unwrap_or(f64::MAX).total_cmp(&b.rank.unwrap_or(f64::MAX)));

        // Ranking: the top ten and the highlighted areas.
        let r = rows_of(&ranked)?;
        let section_period = text(&r, PERIOD, 0).unwrap_or_default();
        let ranking: Vec<Row> = (0..r.height())
            .filter(|x| *x < 10 || is_highlighted(&text_at(&r, AREA, *x)))
            .map(|x| Row {
                rank: float_at(&r, "rank", x),
                out_of: float_at(&r, "out_of", x),
                latest: float_at(&r, VALUE, x),
                rank_change: float_at(&r, "rank_change", x),
                ..row(&r, x)
            })
            .collect();

        // Plan status in the section's period.
        let targets = match &assessed {
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
                        let (low, high) = (float_at(&t, PLAN_LOW, x), float_at(&t, PLAN_HIGH, x));
                        Row {
                            latest: float_at(&t, VALUE, x),
                            plan: low.or(high).zip(high.or(low)),
                            status: text(&t, "status", x),
                            ..row(&t, x)
                        }
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        // Progress: the areas whose target year lies after their latest value.
        let (mut progress_lines, mut target_year) = (Vec::new(), String::new());
        if let Some(p) = &toward {
            let p = rows_of(p)?;
            for x in 0..p.height() {
                let year = float_at(&p, "target_year", x);
                let latest_year = text_at(&p, "latest_period", x).get(..4).and_then(|y| y.parse::<f64>().ok());
                let (Some(year), Some(latest_year)) = (year, latest_year) else { continue };
                if year <= latest_year {
                    continue;
                }
                target_year = format!("{year}");
                progress_lines.push(ProgressLine {
                    latest: float_at(&p, "latest", x),
                    target: float_at(&p, "target", x),
                    projected: float_at(&p, "projected", x),
                    status: text_at(&p, "status", x),
                    ..ProgressLine { area: row(&p, x).area, highlighted: row(&p, x).highlighted, ..Default::default() }
                });
            }
        }
        let section = Section {
            progress: progress_lines,
            target_year,
            id: format!("indicator-{}", i + 1),
            unit: data.unit.clone(),
            period: section_period,
            decimals: data.value_decimals(),
            measure: data.measure,
            rows,
            ranking,
            targets,
            ..Section::default()
        };
        // Headline for the first highlighted area.
        if let Some(h) = section.rows.iter().find(|r| r.highlighted) {
            let target = section.targets.iter().find(|t| t.highlighted && t.status.as_deref() != Some(NO_DATA));
            headline.push(headline_item(&title, h, target, &section, lang));
        }
        let mut figure = |kind: Kind, n: usize, caption: String| -> Result<Figure, ChisoError> {
            let options = ChartOptions { kind, title: Some(caption.clone()), ..chart_options.clone() };
            progress.inc(1);
            figure(&data, &options, settings, images, &format!("{}-{n}.png", slug(indicator, i)))
        };
        let ranking_chart = figure(Kind::Bar, 1, format!("{title} — {} {}", label(lang, "ranking"), section.period))?;
        // Provinces get a map of the same period.
        let map_chart = if crate::chart::map::fits(&data) {
            figure(Kind::Map, 3, format!("{title} — {} {}", label(lang, "map"), section.period))?
        } else {
            Figure::default()
        };
        let trend_chart = figure(Kind::Line, 2, format!("{title} — {}", label(lang, "trend")))?;
        sections.push(Section { title, ranking_chart, map_chart, trend_chart, ..section });
    }
    progress.finish_and_clear();

    let highlight = highlight.first().cloned();
    let title = settings.title.clone().unwrap_or_else(|| match &highlight {
        Some(h) => format!("{} — {h}", label(lang, "report")),
        None => label(lang, "report"),
    });
    Ok(Report {
        lang,
        title,
        date: locale::today(lang),
        highlight,
        headline,
        sections,
        quality: dataset.loaded.warnings.clone(),
        sources: sources(dataset)?,
        notes: settings.notes.clone(),
    })
}

/// One chart of the report: inline SVG for HTML; for Markdown a PNG named `name` in the image
/// folder, added to `images`.
fn figure(
    data: &ChartData,
    options: &ChartOptions,
    settings: &ReportSettings,
    images: &mut Vec<(PathBuf, Vec<u8>)>,
    name: &str,
) -> Result<Figure, ChisoError> {
    let title = options.title.clone().unwrap_or_default();
    data.notes(options).into_iter().for_each(crate::messages::warning);
    if settings.xlsx {
        images.push((PathBuf::from(name), chart::render(data, options, ImageFormat::Png)?));
        return Ok(Figure { title, svg: String::new(), png: name.to_string() });
    }
    if !settings.markdown {
        let bytes = chart::render(data, options, ImageFormat::Svg)?;
        return Ok(Figure { title, svg: String::from_utf8_lossy(&bytes).into_owned(), png: String::new() });
    }
    let folder = image_folder(&settings.output);
    images.push((folder.join(name), chart::render(data, options, ImageFormat::Png)?));
    Ok(Figure {
        title,
        svg: String::new(),
        png: format!("{}/{name}", crate::input::file_name(&folder.display().to_string())),
    })
}

fn progress(steps: usize) -> indicatif::ProgressBar {
    let progress = indicatif::ProgressBar::new(steps as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{spinner} charts {pos}/{len} {wide_bar} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    progress
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

fn text(df: &DataFrame, column: &str, row: usize) -> Option<String> {
    match df.column(column).ok()?.get(row).ok()? {
        AnyValue::Null => None,
        v => Some(v.str_value().into_owned()),
    }
}

fn text_at(df: &DataFrame, column: &str, row: usize) -> String {
    text(df, column, row).unwrap_or_default()
}

fn float_at(df: &DataFrame, column: &str, row: usize) -> Option<f64> {
    df.column(column).ok()?.cast(&DataType::Float64).ok()?.f64().ok()?.get(row)
}

/// One clause of the headline: the plan when there is one, the change on the year before for
/// amounts (a unit that is neither % nor points), else the value and its rank.
fn headline_item(title: &str, row: &Row, target: Option<&Row>, section: &Section, lang: Lang) -> String {
    let unit = section.unit.as_deref().map(str::trim);
    let percent = |text: String| if unit == Some("%") { format!("{text} %") } else { text };
    let value = percent(row.latest.map_or(String::new(), |v| short(v, section.decimals, lang)));
    if let Some((t, plan)) = target.and_then(|t| Some(t).zip(t.plan)) {
        let status = t.status.as_deref().unwrap_or_default();
        let phrase =
            locale::against_plan(lang, status, plan.0 != plan.1, &percent(plan_text(plan, section.decimals, lang)));
        return format!("{title} {value} — {phrase}");
    }
    // An amount (revenue, output) is told by its change; a rate, score or index by its rank.
    if let (Measure::Amount, true, Some(yoy)) = (section.measure, unit.is_some_and(|u| !u.is_empty()), row.yoy_pct) {
        return format!("{title} {} {}", locale::signed_pct(yoy, lang), locale::on_the_year_before(lang));
    }
    if let (Some(r), Some(n)) = (row.rank, row.out_of) {
        return format!("{title} {value}, {}", locale::ranked(lang, r as u32, n));
    }
    format!("{title} {value}")
}

/// Each input file with the periods and rows it contributed.
fn sources(dataset: &Dataset) -> Result<Vec<ReportSource>, ChisoError> {
    let mut out = Vec::new();
    for (i, f) in dataset.loaded.files.iter().enumerate() {
        let rows = dataset
            .loaded
            .frame
            .clone()
            .lazy()
            .filter(col(SRC).eq(lit(i as u32)))
            .select([col(PERIOD), crate::core::period_key().alias("_key")])
            .sort(["_key"], Default::default())
            .collect()?;
        let n = rows.height();
        let periods = match (text(&rows, PERIOD, 0), n.checked_sub(1).and_then(|last| text(&rows, PERIOD, last))) {
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a,
            _ => String::new(),
        };
        out.push(ReportSource { file: crate::input::file_name(&f.file), periods, rows: f.rows });
    }
    Ok(out)
}
