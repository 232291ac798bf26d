//! Column roles and layouts: which column holds the area, indicator, period and value, and how a
//! long, wide-by-period or wide-by-indicator table becomes rows of the canonical frame (still as
//! text; numbers, periods and names are finished by the input module).

use polars::prelude::*;
use serde::Serialize;

use super::sniff::{RawTable, LINE};
use super::values::{self, NumberFormat};
use super::ReadOptions;
use crate::error::ChisoError;
use crate::{frame, names, period};

/// How a table is laid out (also the values of `--layout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One row per observation (area, indicator, period, value)
    Long,
    /// One column per period (2015, 2016, … or `Pre. 2016`)
    WideByPeriod,
    /// One column per indicator (prov, year, pci_entry, pci_land, …)
    WideByIndicator,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Long => "long",
            Layout::WideByPeriod => "wide-by-period",
            Layout::WideByIndicator => "wide-by-indicator",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Area,
    Indicator,
    Period,
    Value,
    Unit,
    Flag,
    Source,
    Note,
    Plan,
    PlanLow,
    PlanHigh,
    /// The period the plan on the row is for (`target_year 2025` beside `target 3`).
    TargetYear,
    /// Our World in Data's code beside the area's name (`Code`, `iso_code`): an empty one, or
    /// `OWID_WRL`, marks an aggregate (a region, an income group, the world).
    Code,
    /// Known attribute columns that add nothing to the series key (codes beside names, SDMX bookkeeping).
    Ignored,
}

fn header_key(header: &str) -> String {
    names::fold(header)
}

/// Header keys that name the period only when no stronger name (`year`, `period`, …) is there.
const WEAK_PERIODS: [&str; 6] = ["date", "day", "ngay", "refperiod", "referenceperiod", "reportingperiod"];

fn role_of(header: &str) -> Option<Role> {
    let key = header_key(header);
    // Row numbers and comparison columns of planning tables (`STT`, `So sánh (%)`) are derived.
    if key.starts_with("sosanh") || key.starts_with("comparison") {
        return Some(Role::Ignored);
    }
    Some(match key.as_str() {
        "area" | "areaname" | "region" | "regionname" | "province" | "provincename" | "prov" | "district"
        | "country" | "countryname" | "countryorarea" | "refarea" | "location" | "geo" | "geography" | "geoname"
        | "tinh" | "tinhthanh" | "tinhthanhpho" | "huyen" | "quanhuyen" | "donvi" | "donvihanhchinh" | "diaphuong"
        | "commune" | "xa" | "phuongxa" | "municipality" | "entity" | "regioncountryarea" | "regioncountryorarea"
        | "countryorareaname" => Role::Area,
        "indicator" | "indicatorname" | "series" | "seriesname" | "variable" | "chitieu" | "tenchitieu" | "measure" => {
            Role::Indicator
        }
        "period" | "year" | "timeperiod" | "time" | "nam" | "ky" | "kybaocao" | "thoigian" | "thoiky" | "thoidiem" => {
            Role::Period
        }
        // Weaker names (the World Bank API's `date` holding the year, Our World in Data's daily
        // `Day`): the period only when no column above is in the file.
        key if WEAK_PERIODS.contains(&key) => Role::Period,
        "value" | "obsvalue" | "giatri" | "solieu" => Role::Value,
        "unit" | "units" | "unitmeasure" | "unitofmeasure" | "donvitinh" | "dvt" => Role::Unit,
        "obsstatus" | "status" | "flag" | "flags" | "obsflag" | "flagcodes" => Role::Flag,
        "source" | "datasource" | "nguon" | "nguonsolieu" => Role::Source,
        "note" | "notes" | "comment" | "comments" | "obscomment" | "footnote" | "footnotes" | "ghichu" | "remark" => {
            Role::Note
        }
        // Our World in Data's names (`Code`, `iso_code`); other code columns are only ignored.
        "code" | "isocode" => Role::Code,
        "plan" | "target" | "kehoach" | "chitieukehoach" => Role::Plan,
        "planlow" | "planmin" | "targetlow" | "kehoachthap" => Role::PlanLow,
        "planhigh" | "planmax" | "targethigh" | "kehoachcao" => Role::PlanHigh,
        "targetyear" | "targetperiod" | "plantargetyear" | "nammuctieu" | "namkehoach" => Role::TargetYear,
        "countrycode" | "indicatorcode" | "seriescode" | "iso3" | "iso3code" | "iso2" | "iso" | "geocode"
        // The World Bank API's fields beside `date` and `value`.
        | "countryiso3code" | "decimal"
        | "capitalcityfootnote" | "dataflow" | "structure" | "structureid" | "structurename" | "action" | "unitmult" | "decimals"
        | "lastupdated" | "matinh" | "mahuyen" | "ma"
        // chiso's own output: derived from the period, or how a regrouped value was made, so not
        // dimensions.
        | "sub" | "freq" | "parts" | "partstotal"
        | "stt" | "tt" | "sott" | "sothutu" => Role::Ignored,
        _ => return None,
    })
}

/// What was found in one file, as `chiso inspect` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Detected {
    pub layout: Layout,
    pub area: String,
    pub indicator: String,
    pub period: String,
    pub value: String,
    pub decimal_comma: bool,
    pub dimensions: Vec<String>,
    pub attributes: Vec<String>,
    pub ignored: Vec<String>,
    /// Open SDG data files: a blank area is the total.
    #[serde(skip)]
    pub open_sdg: bool,
}

/// The file's rows in canonical shape, still as text, plus what was detected.
pub struct Shaped {
    pub frame: LazyFrame,
    pub detected: Detected,
    pub format: NumberFormat,
    /// Columns whose cells are observations (plan columns not included).
    pub value_columns: Vec<String>,
    /// Columns holding the area, indicator and period labels.
    pub key_columns: Vec<String>,
    /// Plans come from columns of this file (a plan role or planning-table headers).
    pub has_plans: bool,
}

/// Reads a table's columns into the canonical shape: finds each column's role, picks the layout,
/// lets the layout say which cells are observations, then stacks them with their attributes.
pub fn shape(
    file: &str,
    stem: &str,
    raw: &RawTable,
    delimiter: u8,
    opts: &ReadOptions,
    src: u32,
) -> Result<Shaped, ChisoError> {
    let columns = &raw.columns;
    let mut roles = find_roles(file, raw, opts)?;
    let find =
        |roles: &[Option<Role>], role: Role| roles.iter().position(|r| *r == Some(role)).map(|i| columns[i].clone());
    let keys = Keys {
        area: find(&roles, Role::Area),
        indicator: find(&roles, Role::Indicator),
        period: find(&roles, Role::Period),
        value: find(&roles, Role::Value),
    };
    let open_sdg = columns.first().is_some_and(|c| c == "Year") && columns.last().is_some_and(|c| c == "Value");
    let unassigned: Vec<usize> = (0..columns.len()).filter(|i| roles[*i].is_none()).collect();
    let period_headers: Vec<(usize, String, String)> = unassigned
        .iter()
        .filter_map(|i| {
            let (prefix, label, _) = period::split_header(&columns[*i])?;
            Some((*i, prefix, label))
        })
        .collect();
    let layout = opts.layout.unwrap_or(if keys.value.is_some() {
        Layout::Long
    } else if keys.period.is_none() && !period_headers.is_empty() {
        Layout::WideByPeriod
    } else {
        Layout::WideByIndicator
    });

    let table = Table::new(file, stem, raw, delimiter, opts);
    let mut detected = Detected {
        layout,
        area: String::new(),
        indicator: String::new(),
        period: String::new(),
        value: String::new(),
        decimal_comma: false,
        dimensions: Vec::new(),
        attributes: Vec::new(),
        ignored: Vec::new(),
        open_sdg,
    };
    let mut format = NumberFormat {
        decimal_comma: false,
        thousands: opts.thousands,
        parens: true,
        grouped: false,
        nulls: opts.nulls.clone(),
    };
    let mut area_col = keys.area.clone();
    let mut found = match layout {
        Layout::Long => table.long(&keys, &unassigned, &mut detected)?,
        Layout::WideByIndicator => table.wide_by_indicator(&keys, &unassigned, &format, &mut detected)?,
        Layout::WideByPeriod => {
            let found = table.wide_by_period(&keys, &unassigned, &period_headers, &format, &mut detected)?;
            // Without an area column, the first text column is the area.
            if let (None, Some(first)) = (&area_col, found.area) {
                area_col = Some(columns[first].clone());
                roles[first] = Some(Role::Area);
            }
            found
        }
    };
    format.decimal_comma = found.decimal_comma;
    detected.decimal_comma = format.decimal_comma;
    format.parens = found.parens.unwrap_or_else(|| any_in_parens(&raw.frame, &found.value_columns));
    let value_names: Vec<&str> = found.value_columns.iter().map(String::as_str).collect();
    format.grouped = !format.decimal_comma
        && !format.thousands
        && table.any_comma(&value_names)
        && values::any_comma_grouped(table.cells(&value_names).iter().map(String::as_str));

    let area = match &area_col {
        Some(c) => {
            detected.area = format!("column '{c}'");
            col(c.as_str())
        }
        None if opts.area_name.is_some() => {
            let name = opts.area_name.clone().unwrap_or_default();
            detected.area = format!("{name} (from --area-name)");
            lit(name)
        }
        None if open_sdg => {
            detected.area = "Total (an Open SDG file with no area column)".to_string();
            lit(NULL).cast(DataType::String)
        }
        None => return Err(ChisoError::NoArea { file: file.to_string(), found: columns.clone() }),
    };
    // A text column that says one thing per area (OWID's `World regions according to OWID`,
    // often filled in one year only; a continent) describes the area: as a dimension it would
    // split an area's series and its peers. Left out, and listed as ignored.
    if let Some(area) = &area_col {
        let names: Vec<&str> = found.dims.iter().map(|i| columns[*i].as_str()).collect();
        let describing = area_attributes(&raw.frame, area, &names);
        found.dims.retain(|i| !describing.contains(&columns[*i]));
        detected.ignored.extend(describing);
    }
    detected.dimensions = found.dims.iter().map(|i| columns[*i].clone()).collect();
    let attributes = attributes(raw, &roles, area_col.is_some(), &format, &mut detected);
    let frame = stack(raw, area, &found, &attributes, &format, src)?;
    let has_plans = !found.plan_columns.is_empty()
        || roles.iter().any(|r| matches!(r, Some(Role::Plan | Role::PlanLow | Role::PlanHigh)));
    let mut value_columns = found.value_columns;
    value_columns.retain(|c| !found.plan_columns.contains(c));
    let key_columns = [&area_col, &keys.indicator, &keys.period].into_iter().flatten().cloned().collect();
    Ok(Shaped { frame, detected, format, value_columns, key_columns, has_plans })
}

/// Each column's role: from its header, then as the column flags say, one column per role.
/// The columns of `raw` known by their header alone to add nothing (codes beside names, a second
/// period column, chiso's own `sub` and `freq`): their cells are never looked at.
pub fn ignored_by_name(file: &str, raw: &RawTable, opts: &ReadOptions) -> Result<Vec<String>, ChisoError> {
    let roles = find_roles(file, raw, opts)?;
    Ok(raw.columns.iter().zip(roles).filter(|(_, r)| *r == Some(Role::Ignored)).map(|(c, _)| c.clone()).collect())
}

fn find_roles(file: &str, raw: &RawTable, opts: &ReadOptions) -> Result<Vec<Option<Role>>, ChisoError> {
    let columns = &raw.columns;
    let mut roles: Vec<Option<Role>> = columns.iter().map(|c| role_of(c)).collect();
    let explicit = [
        ("--area-col", &opts.area_col, Role::Area),
        ("--indicator-col", &opts.indicator_col, Role::Indicator),
        ("--period-col", &opts.period_col, Role::Period),
        ("--value-col", &opts.value_col, Role::Value),
    ];
    for (flag, name, role) in explicit {
        let Some(name) = name else { continue };
        let Some(i) = columns.iter().position(|c| c == name) else {
            return Err(ChisoError::ColumnNotFound {
                file: file.to_string(),
                flag: flag.to_string(),
                column: name.clone(),
                found: columns.clone(),
            });
        };
        for r in roles.iter_mut().filter(|r| **r == Some(role)) {
            *r = Some(Role::Ignored);
        }
        roles[i] = Some(role);
    }
    // In a plan file the plan is the value (a range keeps its other bound as an attribute).
    if opts.plans && !roles.contains(&Some(Role::Value)) {
        let plan = [Role::Plan, Role::PlanLow, Role::PlanHigh]
            .into_iter()
            .find_map(|p| roles.iter().position(|r| *r == Some(p)));
        if let Some(i) = plan {
            roles[i] = Some(Role::Value);
        }
    }
    // A `date` beside a `year` is some other date (of publication, of update).
    let weak = |c: &String| WEAK_PERIODS.contains(&header_key(c).as_str());
    let strong_period = columns.iter().zip(&roles).any(|(c, r)| *r == Some(Role::Period) && !weak(c));
    if strong_period && opts.period_col.is_none() {
        for (c, r) in columns.iter().zip(roles.iter_mut()) {
            if *r == Some(Role::Period) && weak(c) {
                *r = Some(Role::Ignored);
            }
        }
    }
    // One column per role: later look-alikes (a name beside a code) are attributes.
    for role in [
        Role::Area,
        Role::Indicator,
        Role::Period,
        Role::Value,
        Role::Unit,
        Role::Flag,
        Role::Source,
        Role::Note,
        Role::Code,
    ] {
        let mut seen = false;
        for r in roles.iter_mut().filter(|r| **r == Some(role)) {
            if seen {
                *r = Some(Role::Ignored);
            }
            seen = true;
        }
    }
    // A code column with the names in the unnamed column beside it (UNdata's
    // `Region/Country/Area` holding 704, the next column `Viet Nam`): the names are the area.
    if let Some(i) = roles.iter().position(|r| *r == Some(Role::Area)) {
        let unnamed = columns.get(i + 1).is_some_and(|c| *c == format!("column_{}", i + 2)) && roles[i + 1].is_none();
        if unnamed {
            let (numeric, _) =
                numeric_columns(&raw.frame, &[columns[i].as_str(), columns[i + 1].as_str()], &probe_format(opts));
            if numeric == [true, false] {
                roles[i] = Some(Role::Code);
                roles[i + 1] = Some(Role::Area);
            }
        }
    }
    Ok(roles)
}

/// The columns holding the series key and the value, where the table has them.
struct Keys {
    area: Option<String>,
    indicator: Option<String>,
    period: Option<String>,
    value: Option<String>,
}

/// An (indicator, period, value cell, source column) expression per value column.
type Piece = [Expr; 4];

/// What a layout makes of the columns.
#[derive(Default)]
struct Found {
    /// One piece per value column.
    pieces: Vec<Piece>,
    /// Planning tables' `KH 2019` columns: the plans of the value pieces.
    plan_pieces: Vec<Piece>,
    /// Pieces of estimated actuals (`Ước TH 2019`).
    estimates: std::collections::BTreeSet<usize>,
    /// Pieces whose cells carry their own status (Eurostat's `83.4 p`): the flag column of each.
    cell_flags: std::collections::BTreeMap<usize, String>,
    value_columns: Vec<String>,
    plan_columns: Vec<String>,
    /// The columns that are extra dimensions of the series key.
    dims: Vec<usize>,
    /// Whether a value is written in parentheses somewhere, when the layout probed it.
    parens: Option<bool>,
    decimal_comma: bool,
    /// The column found to hold the area when no header said so.
    area: Option<usize>,
}

/// The table being shaped, with what every layout asks of its cells.
struct Table<'a> {
    file: &'a str,
    raw: &'a RawTable,
    opts: &'a ReadOptions,
    delimiter: u8,
    /// The first rows, where decimal marks are looked for.
    sample: DataFrame,
    /// Columns with a comma in a sampled cell.
    with_commas: std::collections::HashSet<String>,
    /// The indicator of a table without an indicator column: `--indicator-name` or the file name.
    indicator_default: String,
    /// Rows under a section row (`Phân theo giới tính`, then `Nam`) are `Section / Row`.
    sectioned: bool,
}

impl<'a> Table<'a> {
    fn new(file: &'a str, stem: &str, raw: &'a RawTable, delimiter: u8, opts: &'a ReadOptions) -> Table<'a> {
        let sample = raw.frame.head(Some(2000));
        Table {
            file,
            raw,
            opts,
            delimiter,
            with_commas: comma_columns(&sample),
            sample,
            indicator_default: opts.indicator_name.clone().unwrap_or_else(|| stem.to_string()),
            sectioned: raw.frame.column(super::sniff::SECTION).is_ok(),
        }
    }

    /// The sampled cells of these columns.
    fn cells(&self, names: &[&str]) -> Vec<String> {
        names
            .iter()
            .filter_map(|n| self.sample.column(n).ok())
            .filter_map(|c| c.str().ok().map(|s| s.iter().flatten().map(str::to_string).collect::<Vec<_>>()))
            .flatten()
            .collect()
    }

    fn any_comma(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.with_commas.contains(*n))
    }

    /// `;` files from Excel write decimal commas; in other files a comma is a decimal mark only
    /// when no cell groups thousands with it (`"890,5"` but not `"2,905"`).
    fn decimal_comma(&self, value_names: &[&str]) -> bool {
        if self.opts.decimal_comma {
            return true;
        }
        if self.delimiter != b';' && !self.any_comma(value_names) {
            return false;
        }
        let cells = self.cells(value_names);
        let cells = || cells.iter().map(String::as_str);
        values::sniff_decimal_comma(cells()) && (self.delimiter == b';' || !values::any_comma_grouped(cells()))
    }

    /// The indicator from column `c` (under its section rows, if any), said in `detected`.
    fn indicator_column(&self, c: &str, detected: &mut Detected) -> Expr {
        let under = if self.sectioned { " under its section rows" } else { "" };
        detected.indicator = format!("column '{c}'{under}");
        if !self.sectioned {
            return col(c);
        }
        let section = col(super::sniff::SECTION);
        when(section.clone().is_not_null()).then(concat_str([section, lit(" / "), col(c)], "", true)).otherwise(col(c))
    }

    /// The indicator of a table with no indicator column.
    fn indicator_constant(&self, detected: &mut Detected) -> Expr {
        let name = &self.indicator_default;
        detected.indicator = format!("{name} (no indicator column; --indicator-name sets it)");
        lit(name.clone())
    }

    /// The period from its column, else from `--period`.
    fn period(&self, keys: &Keys, detected: &mut Detected) -> Result<Expr, ChisoError> {
        match (&keys.period, &self.opts.period) {
            (Some(c), _) => {
                detected.period = format!("column '{c}'");
                Ok(col(c.as_str()))
            }
            (None, Some(p)) => {
                detected.period = format!("{p} (from --period)");
                Ok(lit(p.clone()))
            }
            (None, None) => Err(no_period(self.file, self.raw)),
        }
    }

    fn no_values(&self) -> ChisoError {
        ChisoError::NoValues { file: self.file.to_string(), found: self.raw.columns.clone() }
    }

    /// One row per observation: the value column holds the values; other columns are dimensions.
    fn long(&self, keys: &Keys, unassigned: &[usize], detected: &mut Detected) -> Result<Found, ChisoError> {
        let value_col = keys.value.clone().ok_or_else(|| self.no_values())?;
        let indicator = match &keys.indicator {
            Some(c) => self.indicator_column(c, detected),
            None => self.indicator_constant(detected),
        };
        let period = self.period(keys, detected)?;
        detected.value = format!("column '{value_col}'");
        Ok(Found {
            decimal_comma: self.decimal_comma(&[value_col.as_str()]),
            dims: unassigned.to_vec(),
            value_columns: vec![value_col.clone()],
            pieces: vec![[indicator, period, col(value_col.as_str()), lit(value_col)]],
            ..Found::default()
        })
    }

    /// One column per indicator: numeric columns are indicators, text columns (sex, scenario…)
    /// are dimensions.
    fn wide_by_indicator(
        &self,
        keys: &Keys,
        unassigned: &[usize],
        format: &NumberFormat,
        detected: &mut Detected,
    ) -> Result<Found, ChisoError> {
        let columns = &self.raw.columns;
        let period = self.period(keys, detected)?;
        let names: Vec<&str> = unassigned.iter().map(|i| columns[*i].as_str()).collect();
        let probe = NumberFormat {
            decimal_comma: self.decimal_comma(&names),
            // Comma-grouped numbers count as numbers: looked for only when a cell has a comma.
            grouped: self.any_comma(&names),
            ..format.clone()
        };
        let (numeric, parens) = numeric_columns(&self.raw.frame, &names, &probe);
        // The value columns are among those probed.
        let mut found = Found { parens: Some(parens), decimal_comma: probe.decimal_comma, ..Found::default() };
        let mut indicators = Vec::new();
        for (i, is_numeric) in unassigned.iter().zip(numeric) {
            if is_numeric {
                indicators.push(columns[*i].clone());
            } else {
                found.dims.push(*i);
            }
        }
        if indicators.is_empty() {
            return Err(self.no_values());
        }
        detected.indicator = format!("{} columns: {}", indicators.len(), indicators.join(", "));
        detected.value = "cells of the indicator columns".to_string();
        for name in indicators {
            found.value_columns.push(name.clone());
            found.pieces.push([lit(name.clone()), period.clone(), col(name.as_str()), lit(name)]);
        }
        Ok(found)
    }

    /// One column per period (`2015`, `Pre. 2016`, `KH 2019`): planning tables put actual and
    /// plan side by side, and a prefix that varies otherwise names the indicator.
    fn wide_by_period(
        &self,
        keys: &Keys,
        unassigned: &[usize],
        period_headers: &[(usize, String, String)],
        format: &NumberFormat,
        detected: &mut Detected,
    ) -> Result<Found, ChisoError> {
        if period_headers.is_empty() {
            return Err(no_period(self.file, self.raw));
        }
        let (columns, opts) = (&self.raw.columns, self.opts);
        let is_period = |i: &usize| period_headers.iter().any(|(j, _, _)| j == i);
        let mut found =
            Found { dims: unassigned.iter().copied().filter(|i| !is_period(i)).collect(), ..Found::default() };
        let names: Vec<&str> = period_headers.iter().map(|(i, _, _)| columns[*i].as_str()).collect();
        found.decimal_comma = self.decimal_comma(&names);
        if keys.area.is_none() && !detected.open_sdg && opts.area_name.is_none() {
            // Statistics-office tables often head their first column with a caption
            // ("Cities, provincial") or nothing: the first text column is the area.
            let names: Vec<&str> = found.dims.iter().map(|i| columns[*i].as_str()).collect();
            let probe = NumberFormat { decimal_comma: found.decimal_comma, ..format.clone() };
            let (numeric, _) = numeric_columns(&self.raw.frame, &names, &probe);
            if let Some(k) = numeric.iter().position(|n| !n) {
                found.area = Some(found.dims.remove(k));
            }
        }
        // Planning tables put actual and plan side by side: `TH 2018; KH 2019; Ước TH 2019`.
        let kinds: Vec<HeaderKind> = period_headers.iter().map(|(_, prefix, _)| header_kind(prefix)).collect();
        let planning = kinds.contains(&HeaderKind::Plan);
        let mut prefixes: Vec<&str> = period_headers.iter().map(|(_, p, _)| p.as_str()).collect();
        prefixes.dedup();
        let prefix_is_indicator = prefixes.len() > 1 && !planning;
        let indicator = match (&keys.indicator, prefix_is_indicator) {
            (Some(c), _) => Some(self.indicator_column(c, detected)),
            (None, true) if opts.indicator_name.is_none() => {
                detected.indicator = "the text before the period in each column header".to_string();
                None
            }
            (None, _) => Some(self.indicator_constant(detected)),
        };
        detected.period = format!("{} column headers: {}", names.len(), names.join(", "));
        detected.value = if planning {
            "cells of the period columns; KH / plan columns are the plans".to_string()
        } else {
            "cells of the period columns".to_string()
        };
        for ((i, prefix, label), kind) in period_headers.iter().zip(kinds) {
            let name = columns[*i].clone();
            let indicator = indicator.clone().unwrap_or_else(|| lit(prefix.clone()));
            found.value_columns.push(name.clone());
            let piece = [indicator, lit(label.clone()), col(name.as_str()), lit(name.clone())];
            match kind {
                HeaderKind::Plan => {
                    found.plan_columns.push(name);
                    found.plan_pieces.push(piece)
                }
                // An estimated actual (`Ước TH 2019`) is that period, flagged as an estimate.
                HeaderKind::Estimate => {
                    found.estimates.insert(found.pieces.len());
                    found.pieces.push(piece);
                }
                _ => {
                    let flags = format!("{}{name}", super::eurostat::FLAG_PREFIX);
                    if self.raw.frame.column(&flags).is_ok() {
                        found.cell_flags.insert(found.pieces.len(), flags);
                    }
                    found.pieces.push(piece)
                }
            }
        }
        Ok(found)
    }
}

/// The attribute columns (unit, flag, source, note, plans, the level an area code tells) as
/// canonical columns, with their canonical names; a unit given above the table counts too.
fn attributes(
    raw: &RawTable,
    roles: &[Option<Role>],
    has_area: bool,
    format: &NumberFormat,
    detected: &mut Detected,
) -> Vec<(Expr, &'static str)> {
    let nulls = &format.nulls;
    let mut attributes = Vec::new();
    for (c, role) in raw.columns.iter().zip(roles) {
        let (name, expr) = match role {
            Some(Role::Unit) => (frame::UNIT, values::text(col(c), nulls)),
            Some(Role::Flag) => (frame::FLAG_SOURCE, values::text(col(c), nulls)),
            Some(Role::Source) => (frame::SOURCE, values::text(col(c), nulls)),
            Some(Role::Note) => (frame::NOTE, values::text(col(c), nulls)),
            Some(Role::Plan) => (frame::PLAN, values::number(col(c), format)),
            Some(Role::PlanLow) => (frame::PLAN_LOW, values::number(col(c), format)),
            Some(Role::PlanHigh) => (frame::PLAN_HIGH, values::number(col(c), format)),
            Some(Role::TargetYear) => (frame::TARGET_YEAR, values::text(col(c), nulls)),
            Some(Role::Code) if has_area => {
                let code = values::text(col(c), nulls);
                let aggregate = code.clone().is_null().or(code.eq(lit(OWID_WORLD)));
                (frame::LEVEL, when(aggregate).then(lit(AGGREGATE)).otherwise(lit(COUNTRY)))
            }
            Some(Role::Code | Role::Ignored) => {
                detected.ignored.push(c.to_string());
                continue;
            }
            _ => continue,
        };
        detected.attributes.push(format!("{c} → {name}"));
        attributes.push((expr.alias(name), name));
    }
    // A unit given above the table (`Đơn vị tính: Tỷ đồng`) when no column gives one.
    if let (Some(unit), false) = (&raw.unit, roles.contains(&Some(Role::Unit))) {
        detected.attributes.push(format!("'{unit}' above the table → {}", frame::UNIT));
        attributes.push((lit(unit.clone()).alias(frame::UNIT), frame::UNIT));
    }
    attributes
}

/// The pieces stacked into one frame of canonical columns (values still text), plans joined
/// beside the actuals of their row and period.
fn stack(
    raw: &RawTable,
    area: Expr,
    found: &Found,
    attributes: &[(Expr, &'static str)],
    format: &NumberFormat,
    src: u32,
) -> Result<LazyFrame, ChisoError> {
    let columns = &raw.columns;
    let frame = raw.frame.clone().lazy();
    let select = |ord: usize, [indicator, period, value, source_col]: Piece, plan: bool| {
        let mut exprs = vec![area.clone().alias(frame::AREA), indicator.alias(frame::INDICATOR)];
        exprs.extend(
            found.dims.iter().map(|i| values::text(col(columns[*i].as_str()), &[]).alias(columns[*i].as_str())),
        );
        // Area, indicator and period labels are trimmed and checked for null markers once per
        // distinct label by the input module, not once per row.
        exprs.push(period.alias(frame::PERIOD));
        exprs.extend(attributes.iter().map(|(expr, _)| expr.clone()));
        exprs.push(col(LINE));
        exprs.push(lit(src).cast(DataType::UInt32).alias(frame::SRC));
        if plan {
            exprs.push(values::number(value, format).alias(frame::PLAN));
            exprs.push(lit(ord as u32).cast(DataType::UInt32).alias("_plan_ord"));
        } else {
            exprs.push(value.alias(frame::RAW));
            exprs.push(source_col.alias(frame::COLUMN));
            exprs.push(lit(ord as u32).cast(DataType::UInt32).alias(frame::ORD));
            let flag = if found.estimates.contains(&ord) {
                lit("estimate")
            } else if let Some(flags) = found.cell_flags.get(&ord) {
                col(flags.as_str())
            } else {
                lit(NULL).cast(DataType::String)
            };
            exprs.push(flag.alias(frame::HEADER_FLAG));
        }
        frame.clone().select(exprs)
    };
    let stacked = |pieces: &[Piece], plan: bool| {
        let parts: Vec<LazyFrame> = pieces.iter().cloned().enumerate().map(|(ord, p)| select(ord, p, plan)).collect();
        concat(parts, UnionArgs { rechunk: false, ..Default::default() })
    };
    let mut frame = stacked(&found.pieces, false)?;
    if !found.plan_pieces.is_empty() {
        let plans = stacked(&found.plan_pieces, true)?;
        // The plan of a row and period sits beside its actual; a plan with no actual stays.
        // Every column both sides share is the same for a row, so all of them are join keys.
        let mut on: Vec<Expr> = vec![col(LINE), col(frame::SRC), col(frame::PERIOD)];
        on.extend([col(frame::AREA), col(frame::INDICATOR)]);
        on.extend(found.dims.iter().map(|i| col(columns[*i].as_str())));
        on.extend(attributes.iter().map(|(_, name)| col(*name)));
        let mut args = crate::core::key_join(JoinType::Full);
        args.coalesce = JoinCoalesce::CoalesceColumns;
        args.maintain_order = MaintainOrderJoin::LeftRight;
        frame = frame
            .join(plans, on.clone(), on, args)
            .with_column(col(frame::ORD).fill_null(col("_plan_ord")).alias(frame::ORD));
        frame = frame.drop(by_name(["_plan_ord"], true, false));
    }
    Ok(frame)
}

/// No period found: said of a header that looks like a period chiso does not read (`2019W05`),
/// else of the file.
fn no_period(file: &str, raw: &RawTable) -> ChisoError {
    match raw.columns.iter().find(|c| period::unsupported(c).is_some()) {
        Some(header) => ChisoError::BadPeriod {
            at: crate::error::Location { file: file.to_string(), line: raw.header_line },
            column: "header".to_string(),
            value: header.clone(),
        },
        None => ChisoError::NoPeriod { file: file.to_string() },
    }
}

/// The columns among `names` with at most one value per area but several in all (see where it
/// is called).
fn area_attributes(df: &DataFrame, area: &str, names: &[&str]) -> Vec<String> {
    let names: Vec<&str> = names.iter().copied().filter(|n| df.column(n).is_ok()).collect();
    if names.is_empty() {
        return Vec::new();
    }
    let per_area: Vec<Expr> = names.iter().map(|n| col(*n).drop_nulls().n_unique().alias(format!("a:{n}"))).collect();
    let Ok(per_area) = df.clone().lazy().group_by([col(area)]).agg(per_area).collect() else { return Vec::new() };
    let Ok(all) = df
        .clone()
        .lazy()
        .select(names.iter().map(|n| col(*n).drop_nulls().n_unique().alias(*n)).collect::<Vec<_>>())
        .collect()
    else {
        return Vec::new();
    };
    let number = |c: Option<&Column>| -> u64 {
        c.and_then(|c| c.cast(&DataType::UInt64).ok()).and_then(|c| c.u64().ok().and_then(|u| u.max())).unwrap_or(0)
    };
    names
        .iter()
        .filter(|n| number(per_area.column(&format!("a:{n}")).ok()) <= 1 && number(all.column(n).ok()) >= 2)
        .map(|n| n.to_string())
        .collect()
}

/// `OWID_WRL`, Our World in Data's code for the world: an aggregate although it has a code.
const OWID_WORLD: &str = "OWID_WRL";
/// Levels an area code says: no code (or the world's) is an aggregate, any other a country.
pub const AGGREGATE: &str = "aggregate";
pub const COUNTRY: &str = "country";

/// The number format to tell numeric columns by, before the file's own is known.
fn probe_format(opts: &ReadOptions) -> NumberFormat {
    NumberFormat {
        decimal_comma: opts.decimal_comma,
        thousands: opts.thousands,
        parens: false,
        grouped: true,
        nulls: opts.nulls.clone(),
    }
}

/// The text columns of which some cell of the sample holds a comma (most files have none, and then
/// no cell needs looking at with the number patterns).
fn comma_columns(df: &DataFrame) -> std::collections::HashSet<String> {
    df.columns()
        .iter()
        .filter(|c| c.str().is_ok_and(|s| s.iter().flatten().any(|cell| cell.contains(','))))
        .map(|c| c.name().to_string())
        .collect()
}

/// Does any cell of these columns start with `(` (an accounting negative)?
fn any_in_parens(df: &DataFrame, names: &[impl AsRef<str>]) -> bool {
    let checks: Vec<Expr> = names
        .iter()
        .map(AsRef::as_ref)
        .filter(|n| df.column(n).is_ok_and(|c| c.dtype() == &DataType::String))
        .map(|n| col(n).str().strip_chars_start(lit(NULL)).str().starts_with(lit("(")).any(true))
        .collect();
    if checks.is_empty() {
        return false;
    }
    let Ok(found) = df.clone().lazy().select([any_horizontal(checks).unwrap_or(lit(true)).alias("x")]).collect() else {
        return true;
    };
    found.column("x").ok().and_then(|c| c.bool().ok()?.get(0)).unwrap_or(true)
}

/// What the text before a period in a planning table's column header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderKind {
    /// `TH`, `Thực hiện`, `Actual`, `Quyết toán`, or nothing.
    Actual,
    /// `KH`, `Kế hoạch`, `Plan`, `Target`, `Dự toán`, `Mục tiêu`.
    Plan,
    /// `Ước TH`, `Ước thực hiện`, `Est.`.
    Estimate,
    Other,
}

fn header_kind(prefix: &str) -> HeaderKind {
    match names::fold(prefix).as_str() {
        "" | "th" | "thuchien" | "actual" | "quyettoan" => HeaderKind::Actual,
        "kh" | "kehoach" | "plan" | "planned" | "target" | "dutoan" | "muctieu" | "chitieu" | "chitieukehoach" => {
            HeaderKind::Plan
        }
        "uoc" | "uocth" | "uocthuchien" | "uoctinh" | "est" | "estimate" | "estimated" => HeaderKind::Estimate,
        _ => HeaderKind::Other,
    }
}

/// For each named column: do most of its non-missing cells read as numbers?
/// Also says whether any cell of those columns is in parentheses (when `format.parens` asks).
fn numeric_columns(df: &DataFrame, names: &[&str], format: &NumberFormat) -> (Vec<bool>, bool) {
    if names.is_empty() {
        return (Vec::new(), false);
    }
    // Columns the reader already took as numbers are numeric.
    let text: Vec<bool> = names.iter().map(|n| df.column(n).is_ok_and(|c| c.dtype() == &DataType::String)).collect();
    // Reading parentheses as negatives costs several string passes: only when a cell has them.
    let parens = format.parens && any_in_parens(df, names);
    let format = &NumberFormat { parens, ..format.clone() };
    let mut exprs = Vec::new();
    for (i, name) in names.iter().enumerate().filter(|(i, _)| text[*i]) {
        exprs.push(values::text(col(*name), &format.nulls).is_not_null().sum().alias(format!("t{i}")));
        exprs.push(values::number(col(*name), format).is_not_null().sum().alias(format!("n{i}")));
    }
    // The first rows decide: a column is either mostly numbers or mostly text.
    let Ok(counts) = df.head(Some(10_000)).lazy().select(exprs).collect() else {
        return (vec![true; names.len()], parens);
    };
    let get = |name: String| -> u64 {
        counts
            .column(&name)
            .ok()
            .and_then(|c| c.cast(&DataType::UInt64).ok())
            .and_then(|c| c.u64().ok()?.get(0))
            .unwrap_or(0)
    };
    let numeric = (0..names.len())
        .map(|i| {
            if !text[i] {
                return true;
            }
            let (text, numbers) = (get(format!("t{i}")), get(format!("n{i}")));
            text == 0 || numbers * 2 >= text
        })
        .collect();
    (numeric, parens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_many_languages() {
        assert_eq!(role_of("Country Name"), Some(Role::Area));
        assert_eq!(role_of("REF_AREA"), Some(Role::Area));
        assert_eq!(role_of("Tỉnh"), Some(Role::Area));
        assert_eq!(role_of("Đơn vị"), Some(Role::Area));
        assert_eq!(role_of("Chỉ tiêu"), Some(Role::Indicator));
        assert_eq!(role_of("Indicator Name"), Some(Role::Indicator));
        assert_eq!(role_of("TIME_PERIOD"), Some(Role::Period));
        assert_eq!(role_of("Năm"), Some(Role::Period));
        assert_eq!(role_of("OBS_VALUE"), Some(Role::Value));
        assert_eq!(role_of("Giá trị"), Some(Role::Value));
        assert_eq!(role_of("Đơn vị tính"), Some(Role::Unit));
        assert_eq!(role_of("OBS_STATUS"), Some(Role::Flag));
        assert_eq!(role_of("Country Code"), Some(Role::Ignored));
        assert_eq!(role_of("Code"), Some(Role::Code));
        assert_eq!(role_of("iso_code"), Some(Role::Code));
        assert_eq!(role_of("Entity"), Some(Role::Area));
        assert_eq!(role_of("Region/Country/Area"), Some(Role::Area));
        assert_eq!(role_of("Footnotes"), Some(Role::Note));
        assert_eq!(role_of("Series Code"), Some(Role::Ignored));
        assert_eq!(role_of("pci_entry"), None);
    }
}
