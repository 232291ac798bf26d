//! Eurostat's bulk TSV: the first header cell names the dimensions of the first column and,
//! after a backslash, the time dimension (`freq,unit,sex,geo\TIME_PERIOD`, older files
//! `unit,geo\time`); the other header cells are periods. Cells hold a number and status letters
//! (`83.4 p`, `82.5 bep`) or `:` with letters (`: c`).
//!
//! [`reshape`] turns such a table into an ordinary wide-by-period one: the first column split
//! into one column per dimension (`geo` is the area, `unit` becomes the dimension `unit_code`,
//! since `unit` is the canonical frame's unit label), each period cell split into its number and a
//! `_flag:<period>` column with the letters spelled out.

use polars::prelude::*;

use super::sniff::{RawTable, LINE};

/// Prefix of the flag column that goes with a period column.
pub const FLAG_PREFIX: &str = "_flag:";

/// Eurostat's status letters, spelled out.
pub const FLAGS: [(char, &str); 11] = [
    ('b', "break in series"),
    ('c', "confidential"),
    ('d', "definition differs"),
    ('e', "estimate"),
    ('f', "forecast"),
    ('n', "not significant"),
    ('p', "preliminary"),
    ('r', "revised"),
    ('s', "Eurostat estimate"),
    ('u', "low reliability"),
    ('z', "not applicable"),
];

/// True when the header's first cell is Eurostat's `dims\time` cell.
pub fn is_eurostat(columns: &[String]) -> bool {
    columns.first().is_some_and(|c| {
        c.split_once('\\').is_some_and(|(dims, time)| {
            !dims.trim().is_empty() && matches!(time.trim().to_ascii_lowercase().as_str(), "time_period" | "time")
        })
    })
}

/// The letters of a cell spelled out: `bep` → `break in series, estimate, preliminary`;
/// letters Eurostat does not define are kept as they are.
pub fn spell(letters: &str) -> String {
    letters
        .chars()
        .map(|l| FLAGS.iter().find(|(c, _)| *c == l).map_or_else(|| l.to_string(), |(_, w)| w.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Eurostat table as a wide-by-period table (see the module notes).
pub fn reshape(raw: RawTable) -> PolarsResult<RawTable> {
    let first = raw.columns[0].clone();
    let (dims, _) = first.split_once('\\').unwrap_or((first.as_str(), ""));
    let dims: Vec<String> = dims
        .split(',')
        .map(|d| {
            let d = d.trim();
            if d.eq_ignore_ascii_case("unit") {
                "unit_code".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    let n = dims.len();
    // `a,b,c` split by one regex with a group per dimension.
    let pattern = format!("^{}([^,]*)$", "([^,]*),".repeat(n.saturating_sub(1)));
    let mut exprs: Vec<Expr> = dims
        .iter()
        .enumerate()
        .map(|(i, d)| {
            col(first.as_str())
                .str()
                .extract(lit(pattern.clone()), i + 1)
                .str()
                .strip_chars(lit(NULL))
                .alias(d.as_str())
        })
        .collect();
    let periods: Vec<String> = raw.columns[1..].to_vec();
    let number = r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*[a-z]*\s*$";
    let letters = r"^\s*(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|:)\s*([a-z]+)\s*$";
    for p in &periods {
        let cell = col(p.as_str());
        // A cell that is neither stays as written, so that the reader names it.
        let value = cell.clone().str().extract(lit(number), 1);
        let is_marker = cell.clone().str().strip_chars(lit(NULL)).str().starts_with(lit(":"));
        let value = when(is_marker).then(lit(NULL).cast(DataType::String)).otherwise(value.fill_null(cell.clone()));
        exprs.push(value.alias(p.as_str()));
        exprs.push(cell.str().extract(lit(letters), 1).alias(format!("{FLAG_PREFIX}{p}")));
    }
    exprs.push(col(LINE));
    let mut frame = raw.frame.clone().lazy().select(exprs).collect()?;
    // Letters to words: each distinct combination once.
    let flag_columns: Vec<String> = periods.iter().map(|p| format!("{FLAG_PREFIX}{p}")).collect();
    let mut combos: Vec<String> = Vec::new();
    for name in &flag_columns {
        let distinct = frame.column(name)?.as_materialized_series().unique()?;
        combos.extend(distinct.str()?.iter().flatten().map(str::to_string));
    }
    combos.sort();
    combos.dedup();
    if !combos.is_empty() {
        let spelled = flag_columns
            .iter()
            .map(|name| {
                let mut e = lit(NULL).cast(DataType::String);
                for c in &combos {
                    e = when(col(name.as_str()).eq(lit(c.clone()))).then(lit(spell(c))).otherwise(e);
                }
                e.alias(name.as_str())
            })
            .collect::<Vec<_>>();
        frame = frame.lazy().with_columns(spelled).collect()?;
    }
    let mut columns = dims;
    columns.extend(periods);
    Ok(RawTable { columns, frame, ..raw })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_letters() {
        assert!(is_eurostat(&["freq,unit,geo\\TIME_PERIOD".to_string()]));
        assert!(is_eurostat(&["unit,geo\\time".to_string()]));
        assert!(!is_eurostat(&["geo".to_string()]));
        assert_eq!(spell("bep"), "break in series, estimate, preliminary");
        assert_eq!(spell("u"), "low reliability");
    }
}
