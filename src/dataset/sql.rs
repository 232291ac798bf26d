//! `chiso sql`: a query over the canonical frame with Polars' SQL context. The tables are
//! `data` (the canonical frame, filtered, as `chiso convert` writes it), and `meta` and `areas`
//! when `--meta` and `--areas` are given.

use polars::prelude::*;
use polars::sql::SQLContext;

use super::Dataset;
use crate::error::ChisoError;

impl Dataset {
    /// The result of `query` over this dataset's tables.
    pub fn sql(&self, query: &str) -> Result<DataFrame, ChisoError> {
        let shown: Vec<Expr> = self
            .frame
            .clone()
            .collect_schema()?
            .iter_names()
            .filter(|n| !crate::frame::is_internal(n))
            .map(|n| col(n.clone()))
            .collect();
        let mut context = SQLContext::new();
        let data = self.frame.clone().select(shown);
        let mut tables = vec![describe("data", &data)?];
        context.register("data", data);
        if self.indicators.given {
            let meta = self.indicators.table()?.lazy();
            tables.push(describe("meta", &meta)?);
            context.register("meta", meta);
        }
        if self.areas.given {
            let areas = self.areas.table()?.lazy();
            tables.push(describe("areas", &areas)?);
            context.register("areas", areas);
        }
        let failed = |e: PolarsError| ChisoError::Sql {
            message: sql_message(&e),
            query: query.trim().to_string(),
            tables: tables.clone(),
        };
        context.execute(query).and_then(LazyFrame::collect).map_err(failed)
    }
}

/// `data (area, indicator, period, value, …)`.
fn describe(name: &str, frame: &LazyFrame) -> PolarsResult<String> {
    let columns: Vec<String> = frame.clone().collect_schema()?.iter_names().map(|n| n.to_string()).collect();
    Ok(format!("{name} ({})", columns.join(", ")))
}

/// Polars' message without its error-kind prefix and trailing context lines.
fn sql_message(e: &PolarsError) -> String {
    let text = match e {
        PolarsError::SQLInterface(m) | PolarsError::SQLSyntax(m) | PolarsError::ColumnNotFound(m) => m.to_string(),
        PolarsError::Context { error, .. } => return sql_message(error),
        other => other.to_string(),
    };
    // The hint lists every table's columns.
    let first = text.lines().next().unwrap_or("");
    first.split("; valid columns:").next().unwrap_or(first).trim().to_string()
}
