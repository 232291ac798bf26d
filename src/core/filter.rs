//! The filters every command shares: areas and indicators by name (case-, space- and
//! diacritic-insensitive), and a period range.

use polars::prelude::*;

use super::period_key;
use crate::error::ChisoError;
use crate::names;
use crate::period::Period;

/// Which rows to keep. Empty lists keep everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub areas: Vec<String>,
    pub indicators: Vec<String>,
    pub from: Option<Period>,
    pub to: Option<Period>,
}

/// The names in `column` of `df` that match any of `wanted` (see [`names::fold`]). A wanted name
/// that matches nothing is an error listing what is there.
pub fn resolve(df: &DataFrame, column: &str, what: &'static str, wanted: &[String]) -> Result<Vec<String>, ChisoError> {
    resolve_in(df, column, what, wanted, false)
}

/// [`resolve`]; with `partial` (`df` is a part of the data), a wanted name that matches nothing
/// here is kept as given, so that it keeps no row of this part instead of stopping.
pub fn resolve_in(
    df: &DataFrame,
    column: &str,
    what: &'static str,
    wanted: &[String],
    partial: bool,
) -> Result<Vec<String>, ChisoError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let distinct = super::distinct(df, column)?;
    let known: Vec<String> =
        distinct.str().map(|s| s.iter().flatten().map(str::to_string).collect()).unwrap_or_default();
    let mut out = Vec::new();
    for w in wanted {
        let key = names::fold(w);
        let mut hits: Vec<&String> = known.iter().filter(|k| names::fold(k) == key).collect();
        // An area named without the kind of unit: `Tuyên Quang` finds `Tỉnh Tuyên Quang`.
        if hits.is_empty() && what == "area" {
            let place = names::place_key(w);
            hits = known.iter().filter(|k| names::place_key(k) == place).collect();
        }
        if hits.is_empty() && partial {
            out.push(w.clone());
            continue;
        }
        if hits.is_empty() {
            let mut listed: Vec<String> = known.iter().take(40).cloned().collect();
            if known.len() > 40 {
                listed.push(format!("… ({} in all)", known.len()));
            }
            return Err(ChisoError::NoMatch { what, given: w.clone(), known: listed });
        }
        out.extend(hits.into_iter().cloned());
    }
    Ok(out)
}

/// Keeps the rows whose area and indicator are in the resolved lists and whose period is in range.
pub fn apply(
    lf: LazyFrame,
    areas: &[String],
    indicators: &[String],
    from: Option<&Period>,
    to: Option<&Period>,
) -> LazyFrame {
    let mut lf = lf;
    for (column, names) in [(crate::frame::AREA, areas), (crate::frame::INDICATOR, indicators)] {
        if !names.is_empty() {
            let list = Series::new("".into(), names.to_vec());
            lf = lf.filter(col(column).is_in(lit(list).implode(false), false));
        }
    }
    if let Some(from) = from {
        lf = lf.filter(period_key().gt_eq(lit(from.key())));
    }
    if let Some(to) = to {
        lf = lf.filter(period_key().lt_eq(lit(to.key())));
    }
    lf
}
