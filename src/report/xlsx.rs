//! `chiso report -o report.xlsx`: the report as a workbook — the headline, one sheet per
//! indicator (its summary, ranking, plan status and progress as numbers, the charts as images
//! beside them), then quality, method and sources.

use rust_xlsxwriter::{Format, Image, Workbook, Worksheet, XlsxError};

use super::{label, Report, Row, Section};
use crate::error::ChisoError;
use crate::locale::{self, Lang};
use crate::output::number::without_noise;

/// The workbook's bytes; `images` holds the PNG of each figure by its name.
pub fn workbook(report: &Report, images: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ChisoError> {
    build(report, images).map_err(|e| ChisoError::Bug(format!("report workbook: {e}")))
}

fn build(report: &Report, images: &[(String, Vec<u8>)]) -> Result<Vec<u8>, XlsxError> {
    let lang = report.lang;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let mut book = Workbook::new();
    let mut names: Vec<String> = Vec::new();

    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&label(lang, "highlights"), &mut names))?;
    sheet.write_string_with_format(0, 0, &report.title, &title)?;
    sheet.write_string(1, 0, format!("{} {}", label(lang, "generated"), report.date))?;
    for (i, item) in report.headline.iter().enumerate() {
        sheet.write_string(3 + i as u32, 0, item)?;
    }
    sheet.set_column_width(0, 100)?;

    for section in &report.sections {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&section.title, &mut names))?;
        write_section(sheet, section, lang, images, &bold, &title)?;
    }

    let lists: [(&str, Vec<String>); 2] = [
        ("quality", if report.quality.is_empty() { vec![label(lang, "no_issues")] } else { report.quality.clone() }),
        ("method", locale::method(lang).into_iter().map(str::to_string).collect()),
    ];
    for (key, lines) in lists {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&label(lang, key), &mut names))?;
        sheet.write_string_with_format(0, 0, label(lang, key), &title)?;
        for (i, line) in lines.iter().enumerate() {
            sheet.write_string(2 + i as u32, 0, line)?;
        }
        sheet.set_column_width(0, 120)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&label(lang, "sources"), &mut names))?;
    for (j, key) in ["file", "periods", "rows"].iter().enumerate() {
        sheet.write_string_with_format(0, j as u16, label(lang, key), &bold)?;
    }
    for (i, source) in report.sources.iter().enumerate() {
        let r = 1 + i as u32;
        sheet.write_string(r, 0, &source.file)?;
        sheet.write_string(r, 1, &source.periods)?;
        sheet.write_number(r, 2, source.rows as f64)?;
    }
    sheet.autofit();
    book.save_to_buffer()
}

/// One indicator: its tables from the top left, the charts to their right.
fn write_section(
    sheet: &mut Worksheet,
    s: &Section,
    lang: Lang,
    images: &[(String, Vec<u8>)],
    bold: &Format,
    title: &Format,
) -> Result<(), XlsxError> {
    let number = Format::new().set_num_format(if s.decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(s.decimals))
    });
    let rate = s.measure == crate::meta::Measure::Rate;
    sheet.write_string_with_format(0, 0, &s.title, title)?;
    let unit = s.unit.clone().unwrap_or_default();
    sheet.write_string(1, 0, format!("{}: {unit} · {}: {}", label(lang, "unit"), label(lang, "period"), s.period))?;
    let mut r = 3u32;
    let change = if rate { format!("{} (pp)", label(lang, "yoy")) } else { format!("{} (%)", label(lang, "yoy")) };
    let summary: Vec<Column> = vec![
        (label(lang, "area"), Box::new(|x: &Row| Cell::Text(x.area.clone()))),
        (label(lang, "period"), Box::new(|x: &Row| Cell::Text(x.period.clone()))),
        (label(lang, "latest"), Box::new(|x: &Row| Cell::Value(x.latest))),
        (label(lang, "previous"), Box::new(|x: &Row| Cell::Value(x.previous))),
        (change, Box::new(move |x: &Row| Cell::Plain(if rate { x.change } else { x.yoy_pct }))),
        (format!("{} (%)", label(lang, "cagr")), Box::new(|x: &Row| Cell::Plain(x.cagr_pct))),
        (label(lang, "rank"), Box::new(|x: &Row| Cell::Plain(x.rank))),
        (label(lang, "of"), Box::new(|x: &Row| Cell::Plain(x.out_of))),
    ];
    r = table(sheet, r, &label(lang, "summary"), &summary, &s.rows, bold, &number)?;
    let ranking: Vec<Column> = vec![
        (label(lang, "area"), Box::new(|x: &Row| Cell::Text(x.area.clone()))),
        (label(lang, "rank"), Box::new(|x: &Row| Cell::Plain(x.rank))),
        (label(lang, "of"), Box::new(|x: &Row| Cell::Plain(x.out_of))),
        (label(lang, "value"), Box::new(|x: &Row| Cell::Value(x.latest))),
        (label(lang, "rank_change"), Box::new(|x: &Row| Cell::Plain(x.rank_change))),
    ];
    r = table(sheet, r + 1, &label(lang, "ranking"), &ranking, &s.ranking, bold, &number)?;
    if !s.targets.is_empty() {
        let targets: Vec<Column> = vec![
            (label(lang, "area"), Box::new(|x: &Row| Cell::Text(x.area.clone()))),
            (label(lang, "value"), Box::new(|x: &Row| Cell::Value(x.latest))),
            (format!("{} ↓", label(lang, "plan")), Box::new(|x: &Row| Cell::Value(x.plan.map(|p| p.0)))),
            (format!("{} ↑", label(lang, "plan")), Box::new(|x: &Row| Cell::Value(x.plan.map(|p| p.1)))),
            (
                label(lang, "status"),
                Box::new(move |x: &Row| {
                    Cell::Text(locale::status(lang, x.status.as_deref().unwrap_or_default()).to_string())
                }),
            ),
        ];
        r = table(sheet, r + 1, &label(lang, "targets"), &targets, &s.targets, bold, &number)?;
    }
    if !s.progress.is_empty() {
        sheet.write_string_with_format(r + 1, 0, format!("{} {}", label(lang, "progress"), s.target_year), bold)?;
        let heads = [
            label(lang, "area"),
            label(lang, "latest"),
            label(lang, "target"),
            label(lang, "projected"),
            label(lang, "status"),
        ];
        for (j, h) in heads.iter().enumerate() {
            sheet.write_string_with_format(r + 2, j as u16, h, bold)?;
        }
        for (i, p) in s.progress.iter().enumerate() {
            let row = r + 3 + i as u32;
            sheet.write_string(row, 0, &p.area)?;
            for (j, v) in [p.latest, p.target, p.projected].into_iter().enumerate() {
                if let Some(v) = v {
                    sheet.write_number_with_format(row, 1 + j as u16, without_noise(v), &number)?;
                }
            }
            sheet.write_string(row, 4, locale::progress_status(lang, &p.status))?;
        }
    }
    sheet.set_column_width(0, 28)?;
    for j in 1..8u16 {
        sheet.set_column_width(j, 16)?;
    }
    // The charts to the right of the tables, one under another.
    let mut at = 0u32;
    for figure in [&s.ranking_chart, &s.map_chart, &s.trend_chart] {
        let Some((_, png)) = images.iter().find(|(name, _)| !figure.png.is_empty() && *name == figure.png) else {
            continue;
        };
        let image = Image::new_from_buffer(png)?.set_scale_to_size(720, 403, true);
        sheet.insert_image(at, 9, &image)?;
        at += 22;
    }
    Ok(())
}

/// A column of a table: its heading and what it shows of a row.
type Column = (String, Box<dyn Fn(&Row) -> Cell>);

/// A cell of a table: text, a value in the section's number format, or a plain number.
enum Cell {
    Text(String),
    Value(Option<f64>),
    Plain(Option<f64>),
}

/// Writes a titled table from row `r`; returns the row after it.
fn table(
    sheet: &mut Worksheet,
    r: u32,
    caption: &str,
    columns: &[Column],
    rows: &[Row],
    bold: &Format,
    number: &Format,
) -> Result<u32, XlsxError> {
    sheet.write_string_with_format(r, 0, caption, bold)?;
    for (j, (head, _)) in columns.iter().enumerate() {
        sheet.write_string_with_format(r + 1, j as u16, head, bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let at = r + 2 + i as u32;
        for (j, (_, cell)) in columns.iter().enumerate() {
            let j = j as u16;
            match cell(row) {
                Cell::Text(t) if row.highlighted && j == 0 => {
                    sheet.write_string_with_format(at, j, t, bold).map(|_| ())?
                }
                Cell::Text(t) => sheet.write_string(at, j, t).map(|_| ())?,
                Cell::Value(Some(v)) => sheet.write_number_with_format(at, j, without_noise(v), number).map(|_| ())?,
                Cell::Plain(Some(v)) => sheet.write_number(at, j, without_noise(v)).map(|_| ())?,
                Cell::Value(None) | Cell::Plain(None) => {}
            }
        }
    }
    Ok(r + 2 + rows.len() as u32 + 1)
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let base: String = clean.trim().chars().take(28).collect();
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        name = format!("{base} {n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}
