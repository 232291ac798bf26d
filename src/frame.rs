//! Names of the canonical frame's columns (see the README's "What chiso reads") and of the bookkeeping columns the
//! loader adds. Columns whose name starts with `_` never reach the user.

pub const AREA: &str = "area";
pub const INDICATOR: &str = "indicator";
pub const PERIOD: &str = "period";
pub const YEAR: &str = "year";
pub const SUB: &str = "sub";
pub const FREQ: &str = "freq";
pub const VALUE: &str = "value";
pub const FLAG: &str = "flag";
pub const UNIT: &str = "unit";
pub const SOURCE: &str = "source";
pub const NOTE: &str = "note";
pub const PLAN: &str = "plan";
pub const PLAN_LOW: &str = "plan_low";
pub const PLAN_HIGH: &str = "plan_high";
/// Level of the area (from `--areas`): country, region, province, district, commune, aggregate.
pub const LEVEL: &str = "level";

/// Index of the input file a row came from (into the list of inputs).
pub const SRC: &str = "_src";
/// 1-based line of the row in its file.
pub const LINE: &str = "_line";
/// Position of the value's column in the file, to keep file order for wide layouts.
pub const ORD: &str = "_ord";
/// The value cell as written, before it is read as a number.
pub const RAW: &str = "_raw";
/// Name of the column the value cell came from, for messages.
pub const COLUMN: &str = "_column";
/// Status column of the file (`OBS_STATUS`…), merged into `flag`.
pub const FLAG_SOURCE: &str = "_flag";
/// Status from a column header (`Ước TH 2019` → estimate), merged into `flag`.
pub const HEADER_FLAG: &str = "_hflag";
/// The period a row's plan is for (a `target_year` column), when it is not the row's own.
pub const TARGET_YEAR: &str = "_target_year";

/// Columns with a fixed meaning; any other user-facing column is an extra dimension.
pub const FIXED: [&str; 15] =
    [AREA, INDICATOR, PERIOD, YEAR, SUB, FREQ, VALUE, FLAG, UNIT, SOURCE, NOTE, PLAN, PLAN_LOW, PLAN_HIGH, LEVEL];

pub fn is_internal(name: &str) -> bool {
    name.starts_with('_')
}

/// Extra dimensions of the series key, in frame order.
pub fn dimensions<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    names.into_iter().filter(|n| !is_internal(n) && !FIXED.contains(n)).map(str::to_string).collect()
}

/// The series key: area, indicator and the extra dimensions.
pub fn series_key<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut key = vec![AREA.to_string(), INDICATOR.to_string()];
    key.extend(dimensions(names));
    key
}
