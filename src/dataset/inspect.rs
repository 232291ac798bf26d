//! What chiso found in each file (encoding, delimiter, preamble, layout, column roles) and in the
//! data as a whole (counts, period range, coverage), with every warning: what `chiso inspect`
//! shows.

use polars::prelude::*;
use serde::Serialize;

use crate::core::profile::{profile, Profile};
use crate::core::quality::{self, Finding};
use crate::error::ChisoError;
use crate::input::FileReport;
use crate::input::{self, tcvn3, workbook, Source};
use crate::output::number::format_float;

use super::DataSettings;

/// How the inputs were read and what they hold.
#[derive(Serialize)]
pub struct Inspection {
    pub files: Vec<FileReport>,
    #[serde(flatten)]
    pub profile: Profile,
    pub warnings: Vec<String>,
    pub quality: Vec<Finding>,
    /// What each indicator measures and why chiso thinks so (its change is told accordingly).
    pub measures: Vec<MeasureFound>,
}

/// An indicator (with the unit it is given in) and what it measures.
#[derive(Serialize)]
pub struct MeasureFound {
    pub indicator: String,
    pub kind: &'static str,
    pub why: String,
}

/// Reads the inputs as they are (no metadata, no filters) and runs every quality check.
pub fn inspect(settings: &DataSettings) -> Result<Inspection, ChisoError> {
    let loaded = super::load(settings)?;
    let names: Vec<&str> = loaded.frame.get_column_names().into_iter().map(|s| s.as_str()).collect();
    let key = crate::frame::series_key(names);
    let (pairs, found) = super::measures_of(&loaded.frame, &crate::meta::Indicators::default())?;
    let measures = pairs
        .column(crate::frame::INDICATOR)?
        .str()?
        .iter()
        .zip(found)
        .map(|(i, (kind, why))| MeasureFound { indicator: i.unwrap_or_default().to_string(), kind: kind.name(), why })
        .collect();
    Ok(Inspection {
        measures,
        profile: profile(loaded.frame.clone().lazy(), &key)?,
        quality: quality::check(loaded.frame.clone().lazy(), &key, loaded.frame.height())?,
        files: loaded.files,
        warnings: loaded.warnings,
    })
}

/// A workbook of several sheets named alone without `--sheet`: one row per sheet with its visibility, used range,
/// title and what chiso finds in it (layout, areas, indicators, periods) or why it cannot read
/// it. `None` for anything else.
pub fn workbook_contents(settings: &DataSettings) -> Result<Option<DataFrame>, ChisoError> {
    let [path] = settings.inputs.as_slice() else { return Ok(None) };
    if settings.read.sheet.is_some() || path == "-" {
        return Ok(None);
    }
    // Only a workbook is read here (a CSV is read once, by the loader).
    if !input::is_workbook_file(path) {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|source| ChisoError::Read { path: path.into(), source })?;
    let opts = input::sheet_options(&settings.read);
    let mut book = workbook::Workbook::open(path, &bytes, opts.encoding.as_deref().is_some_and(tcvn3::is_label))?
        .with_hidden_rows(opts.hidden_rows);
    let sheets = book.contents()?;
    // One sheet: the full report of that sheet, as for any file.
    if sheets.len() == 1 {
        return Ok(None);
    }
    let mut columns: [Vec<String>; 11] = Default::default();
    for sheet in sheets {
        let info = &sheet.sheet;
        let source = Source::new(format!("{path} [{}]", info.name), info.name.clone(), sheet.text.into_bytes().into());
        let found = if info.range.is_none() {
            Err("empty".to_string())
        } else {
            input::load_sources(vec![source], &opts)
                .map_err(|e| e.to_string().lines().next().unwrap_or("").to_string())
                .and_then(|loaded| {
                    let names: Vec<&str> = loaded.frame.get_column_names().into_iter().map(|s| s.as_str()).collect();
                    let key = crate::frame::series_key(names);
                    let p = profile(loaded.frame.clone().lazy(), &key).map_err(|e| e.to_string())?;
                    let range = match (&p.first_period, &p.last_period) {
                        (Some(a), Some(b)) => format!(" ({a} – {b})"),
                        _ => String::new(),
                    };
                    let layout = loaded.files.first().map_or("", |f| f.detected.layout.name());
                    Ok([
                        layout.to_string(),
                        p.areas.to_string(),
                        p.indicators.to_string(),
                        format!("{}{range}", p.periods),
                    ])
                })
        };
        let (found, read) = match found {
            Ok(found) => (found, "yes".to_string()),
            // Messages name the sheet already; the table keeps their first clause.
            Err(why) => {
                let why = why.replace(&format!("{path} [{}]: ", info.name), "");
                let short = why.split(" (").next().unwrap_or(&why).to_string();
                (Default::default(), short)
            }
        };
        let row = [
            info.number.to_string(),
            info.name.clone(),
            info.visibility.to_string(),
            info.range.clone().unwrap_or_default(),
            info.title.clone().unwrap_or_default(),
            crate::names::first_names(&info.hidden_rows.iter().map(u32::to_string).collect::<Vec<_>>(), 10),
        ]
        .into_iter()
        .chain(found)
        .chain([read]);
        for (column, value) in columns.iter_mut().zip(row) {
            column.push(value);
        }
    }
    let names = [
        "sheet",
        "name",
        "visibility",
        "range",
        "title",
        "hidden rows",
        "layout",
        "areas",
        "indicators",
        "periods",
        "read",
    ];
    let columns: Vec<Column> = names.iter().zip(columns).map(|(n, v)| Column::new((*n).into(), v)).collect();
    DataFrame::new_infer_height(columns).map(Some).map_err(ChisoError::from)
}

impl Inspection {
    /// The inspection as two columns, `field` and `value`, for tables, CSV and Markdown.
    pub fn fields(&self) -> PolarsResult<DataFrame> {
        let report = self;
        let mut rows: Vec<(String, String)> = Vec::new();
        let mut add = |k: &str, v: String| rows.push((k.to_string(), v));
        for f in &report.files {
            add("file", f.file.clone());
            add("encoding", f.encoding.clone());
            add("delimiter", f.delimiter.clone());
            add("line endings", f.line_endings.to_string());
            add("header line", format!("{} ({} lines skipped before it)", f.header_line, f.lines_skipped));
            add("rows", f.rows.to_string());
            add("layout", f.detected.layout.name().to_string());
            add("area", f.detected.area.clone());
            add("indicator", f.detected.indicator.clone());
            add("period", f.detected.period.clone());
            add("value", f.detected.value.clone());
            add("decimal comma", if f.detected.decimal_comma { "yes" } else { "no" }.to_string());
            let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
            add("extra dimensions", list(&f.detected.dimensions));
            add("attributes", list(&f.detected.attributes));
            add("ignored columns", list(&f.detected.ignored));
            add("dropped columns", list(&f.dropped_columns));
        }
        let p = &report.profile;
        add("observations", format!("{} present, {} missing", p.observations, p.missing));
        add("areas", p.areas.to_string());
        add("indicators", p.indicators.to_string());
        let range = match (&p.first_period, &p.last_period) {
            (Some(a), Some(b)) => format!(" ({a} – {b})"),
            _ => String::new(),
        };
        add("periods", format!("{}{range}", p.periods));
        add(
            "coverage",
            p.coverage_pct
                .and_then(|c| format_float(c, Some(1)))
                .map_or("n/a".to_string(), |c| format!("{c} % of series × periods ({} series)", p.series)),
        );
        if report.warnings.is_empty() {
            add("warnings", "none".to_string());
        }
        for w in &report.warnings {
            add("warning", w.clone());
        }
        for finding in &report.quality {
            add("quality", finding.line());
        }
        for m in &report.measures {
            add("kind", format!("{}: {} ({})", m.indicator, m.kind, m.why));
        }
        let (fields, values): (Vec<String>, Vec<String>) = rows.into_iter().unzip();
        df!("field" => fields, "value" => values)
    }
}
