//! `-o table.xlsx`: a real workbook, not CSV for Excel. Numbers are numbers (with `--decimals`
//! as their number format), text is text, missing cells are empty; the header row is bold,
//! frozen and filtered, and the columns fit their contents.

use polars::prelude::*;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::ChisoError;

/// Excel's last row.
const MAX_ROWS: usize = 1_048_575;

/// The frame's shown columns (not those starting with `_`) as one sheet, `data`.
pub fn workbook(df: &DataFrame, decimals: Option<usize>) -> Result<Vec<u8>, ChisoError> {
    if df.height() > MAX_ROWS {
        return Err(ChisoError::Usage(format!(
            "{} rows do not fit in an Excel sheet (1,048,575 at most): write CSV or Parquet, or filter",
            df.height()
        )));
    }
    build(df, decimals).map_err(|e| ChisoError::Bug(format!("xlsx: {e}")))
}

fn build(df: &DataFrame, decimals: Option<usize>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("data")?;
    let bold = Format::new().set_bold();
    let number = match decimals {
        Some(0) => Format::new().set_num_format("0"),
        Some(n) => Format::new().set_num_format(format!("0.{}", "0".repeat(n))),
        None => Format::new(),
    };
    let columns: Vec<&Column> = df.columns().iter().filter(|c| !crate::frame::is_internal(c.name())).collect();
    for (j, column) in columns.iter().enumerate() {
        let j = j as u16;
        sheet.write_string_with_format(0, j, column.name().as_str(), &bold)?;
        if column.dtype().is_primitive_numeric() {
            let values = column.cast(&DataType::Float64).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            let values = values.f64().map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v.filter(|v| v.is_finite()) {
                    sheet.write_number_with_format(i as u32 + 1, j, super::number::without_noise(v), &number)?;
                }
            }
        } else if column.dtype() == &DataType::Boolean {
            let values = column.bool().map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    sheet.write_boolean(i as u32 + 1, j, v)?;
                }
            }
        } else {
            let values = super::text_column(column).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            let values = values.str().map_err(|e| XlsxError::ParameterError(e.to_string()))?;
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    sheet.write_string(i as u32 + 1, j, v)?;
                }
            }
        }
    }
    if !columns.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, df.height() as u32, columns.len() as u16 - 1)?;
        sheet.autofit();
    }
    book.save_to_buffer()
}
