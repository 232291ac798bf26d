//! Optional metadata, joined by name (`--meta`, `--areas`, `--aliases`): what an indicator means (name, unit,
//! direction, decimals) and what an area is (level, parent, Vietnamese name, aliases), plus the
//! crosswalk that maps every spelling of an area to one name. Files are CSV or TOML; applying the
//! crosswalk to a frame is done here, once per distinct name.

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::ChisoError;
use crate::frame::AREA;
use crate::names;

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A higher value is better (revenue, scores)
    #[default]
    Higher,
    /// A lower value is better (poverty rate, costs)
    Lower,
    /// Neither (transfers, ratios): ranked high to low, statuses read as for `higher`
    None,
}

impl Direction {
    /// +1 when higher is better, −1 when lower is: multiplying a value by it makes "bigger is better".
    pub fn sign(self) -> f64 {
        match self {
            Direction::Lower => -1.0,
            _ => 1.0,
        }
    }
}

/// What an indicator measures, which decides how its change is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// A quantity (revenue, population): change in % of itself, CAGR.
    #[default]
    Amount,
    /// A rate, share or growth rate in % (or ‰): change in percentage points, no YoY % or CAGR.
    Rate,
    /// An index (base 100): change in points and in %.
    Index,
    /// A score (PCI, PAPI points): change in points and in %.
    Score,
}

impl Measure {
    pub fn name(self) -> &'static str {
        match self {
            Measure::Amount => "amount",
            Measure::Rate => "rate",
            Measure::Index => "index",
            Measure::Score => "score",
        }
    }

    /// What a unit says the indicator measures: `%`, `‰`, `percent`, `percentage points`,
    /// `điểm phần trăm` a rate; `points`, `điểm` a score; `index`, `chỉ số` an index; anything else
    /// (or no unit) an amount.
    pub fn of_unit(unit: Option<&str>) -> Measure {
        let Some(unit) = unit.map(|u| u.trim().to_lowercase()) else { return Measure::Amount };
        let rate = unit.starts_with('%')
            || unit.starts_with('‰')
            || unit.contains("percent")
            || unit.contains("per cent")
            || unit.contains("phần trăm")
            || unit == "pp";
        if rate {
            Measure::Rate
        } else if matches!(unit.as_str(), "points" | "point" | "pts" | "điểm" | "score") {
            Measure::Score
        } else if unit.starts_with("index") || unit.starts_with("chỉ số") {
            Measure::Index
        } else {
            Measure::Amount
        }
    }
}

/// The word a metadata file uses for a value (`higher`, `rate`, `province`).
fn word(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// One row of an indicator metadata file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct IndicatorMeta {
    pub indicator: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub name_vi: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub direction: Option<Direction>,
    #[serde(default)]
    pub decimals: Option<u8>,
    /// amount, rate, index or score (default: from the unit).
    #[serde(default)]
    pub kind: Option<Measure>,
    /// How areas merged by a boundary change combine (default: from the kind).
    #[serde(default)]
    pub aggregation: Option<Aggregation>,
}

/// How the values of areas merged into one combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Amounts add up (revenue, population).
    Sum,
    /// The plain mean of the merged units (a choice, for scores and indices).
    Mean,
    /// The mean weighted by another indicator (rates by their denominator or population).
    Weighted,
    /// Not combinable (scores, indices): regrouping refuses it.
    None,
}

impl Aggregation {
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Mean => "mean",
            Aggregation::Weighted => "weighted",
            Aggregation::None => "none",
        }
    }

    /// The default for what an indicator measures: amounts sum, rates are weighted, scores and
    /// indices cannot be combined.
    pub fn of(measure: Measure) -> Aggregation {
        match measure {
            Measure::Amount => Aggregation::Sum,
            Measure::Rate => Aggregation::Weighted,
            Measure::Index | Measure::Score => Aggregation::None,
        }
    }
}

/// A boundary change: which old unit goes (for which share) into which new unit, from when.
#[derive(Debug, Clone)]
pub struct Crosswalk {
    pub file: String,
    pub links: Vec<Link>,
}

/// One row of a crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// The part of `from` that goes to `to` (1 for a whole unit).
    pub share: f64,
    /// When the new units start, in years (2025-07-01 → 2025.5); periods from then on are on
    /// the new units already.
    pub effective_from: Option<f64>,
    /// The row's line in the file.
    pub line: usize,
}

#[derive(Deserialize)]
struct LinkRow {
    #[serde(alias = "old_name_vi", alias = "old_name", alias = "old")]
    from: String,
    #[serde(alias = "new_name_vi", alias = "new_name", alias = "new")]
    to: String,
    #[serde(default)]
    share: Option<f64>,
    #[serde(default, alias = "valid_from")]
    effective_from: Option<String>,
}

impl Crosswalk {
    /// Reads `from, to[, share][, effective_from]` (or the statistics office's `old_name_vi,
    /// new_name_vi, effective_from`) and checks it: shares in (0, 1] adding up to 1 for each old
    /// unit, and no chain (an old unit's new unit is not itself moved on).
    pub fn load(path: &Path) -> Result<Crosswalk, ChisoError> {
        let rows: Vec<LinkRow> = read_csv(path)?;
        let file = path.display().to_string();
        let bad = |message: String| ChisoError::BadMeta { file: file.clone(), message };
        let mut links = Vec::new();
        for (i, row) in rows.into_iter().enumerate() {
            let line = i + 2;
            let share = row.share.unwrap_or(1.0);
            if !(share > 0.0 && share <= 1.0) {
                return Err(bad(format!("line {line}: share {share} of {} is not in (0, 1]", row.from)));
            }
            let effective_from = match row.effective_from.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                None => None,
                Some(date) => Some(years_of_date(date).ok_or_else(|| {
                    bad(format!("line {line}: effective_from '{date}' is not a date (2025-07-01) or a year"))
                })?),
            };
            links.push(Link { from: names::clean(&row.from), to: names::clean(&row.to), share, effective_from, line });
        }
        let crosswalk = Crosswalk { file: file.clone(), links };
        crosswalk.validate().map_err(bad)?;
        Ok(crosswalk)
    }

    fn validate(&self) -> Result<(), String> {
        let key = |n: &str| names::place_key(n);
        let mut olds: Vec<String> = self.links.iter().map(|l| key(&l.from)).collect();
        olds.sort();
        olds.dedup();
        for old in &olds {
            let rows: Vec<&Link> = self.links.iter().filter(|l| key(&l.from) == *old).collect();
            let total: f64 = rows.iter().map(|l| l.share).sum();
            if (total - 1.0).abs() > 1e-6 {
                let lines: Vec<String> =
                    rows.iter().map(|l| format!("line {}: {} → {} ({})", l.line, l.from, l.to, l.share)).collect();
                let total = crate::output::number::format_float(total, None).unwrap_or_else(|| total.to_string());
                return Err(format!("the shares of {} add up to {total}, not 1: {}", rows[0].from, lines.join("; ")));
            }
        }
        // A new unit that is itself moved on would need two steps.
        for link in &self.links {
            if key(&link.from) == key(&link.to) {
                continue;
            }
            if let Some(next) = self.links.iter().find(|l| key(&l.from) == key(&link.to) && key(&l.to) != key(&l.from))
            {
                return Err(format!(
                    "line {}: {} → {} → {} (line {}) is a chain or a cycle: map each old unit straight to its new unit",
                    link.line, link.from, link.to, next.to, next.line
                ));
            }
        }
        Ok(())
    }

    /// How many old units (rows) make up each new unit.
    pub fn constituents(&self, to: &str) -> usize {
        let key = names::place_key(to);
        self.links.iter().filter(|l| names::place_key(&l.to) == key).count()
    }
}

/// `2025-07-01` → 2025.5, `2025` → 2025.0.
fn years_of_date(date: &str) -> Option<f64> {
    let mut parts = date.split(['-', '/']);
    let year: f64 = parts.next()?.trim().parse().ok()?;
    let month: f64 = parts.next().map_or(Some(1.0), |m| m.trim().parse().ok())?;
    Some(year + (month - 1.0) / 12.0)
}

/// Indicator metadata, looked up by folded name.
#[derive(Debug, Clone, Default)]
pub struct Indicators {
    list: Vec<IndicatorMeta>,
    by_key: HashMap<String, usize>,
    /// True when a metadata file was given.
    pub given: bool,
}

#[derive(Deserialize)]
struct IndicatorToml {
    #[serde(default, alias = "indicators")]
    indicator: Vec<IndicatorMeta>,
}

impl Indicators {
    pub fn load(path: &Path) -> Result<Indicators, ChisoError> {
        let list: Vec<IndicatorMeta> = if is_toml(path) {
            let text = read_text(path)?;
            let parsed: IndicatorToml = toml::from_str(&text).map_err(|e| bad_meta(path, e.to_string()))?;
            parsed.indicator
        } else {
            read_csv(path)?
        };
        Ok(Indicators::from_list(list))
    }

    pub fn from_list(list: Vec<IndicatorMeta>) -> Indicators {
        let by_key = list.iter().enumerate().map(|(i, m)| (names::fold(&m.indicator), i)).collect();
        Indicators { list, by_key, given: true }
    }

    pub fn get(&self, indicator: &str) -> Option<&IndicatorMeta> {
        self.by_key.get(&names::fold(indicator)).map(|i| &self.list[*i])
    }

    /// The metadata as a table, one row per indicator (what `chiso sql` calls `meta`).
    pub fn table(&self) -> PolarsResult<DataFrame> {
        let text =
            |f: &dyn Fn(&IndicatorMeta) -> Option<String>| -> Vec<Option<String>> { self.list.iter().map(f).collect() };
        df!(
            "indicator" => text(&|m| Some(m.indicator.clone())),
            "name" => text(&|m| m.name.clone()),
            "name_vi" => text(&|m| m.name_vi.clone()),
            "unit" => text(&|m| m.unit.clone()),
            "direction" => text(&|m| m.direction.map(word)),
            "decimals" => self.list.iter().map(|m| m.decimals.map(u32::from)).collect::<Vec<_>>(),
            "kind" => text(&|m| m.kind.map(word)),
            "aggregation" => text(&|m| m.aggregation.map(word)),
        )
    }

    /// The indicator's direction; `higher` when it is not described.
    pub fn direction(&self, indicator: &str) -> Direction {
        self.get(indicator).and_then(|m| m.direction).unwrap_or_default()
    }

    /// What the indicator measures, and why chiso thinks so: the metadata's `kind`, else its unit
    /// (`unit`: the data's own unit, else the metadata's).
    pub fn measure(&self, indicator: &str, unit: Option<&str>) -> (Measure, String) {
        let meta = self.get(indicator);
        if let Some(kind) = meta.and_then(|m| m.kind) {
            return (kind, "kind in --meta".to_string());
        }
        let unit = unit.filter(|u| !u.trim().is_empty()).or(meta.and_then(|m| m.unit.as_deref()));
        match unit {
            Some(u) => (Measure::of_unit(Some(u)), format!("unit '{u}'")),
            // World Bank names carry the unit: `GDP growth (annual %)`, `(% of GDP)`.
            None if indicator.contains('%') => (Measure::Rate, "'%' in its name".to_string()),
            None => (Measure::Amount, "no unit".to_string()),
        }
    }

    /// A frame `indicator, _sign` for the given indicator names, to join on.
    pub fn signs(&self, indicators: &[String]) -> PolarsResult<DataFrame> {
        let signs: Vec<f64> = indicators.iter().map(|i| self.direction(i).sign()).collect();
        df!(crate::frame::INDICATOR => indicators, "_sign" => signs)
    }
}

/// Administrative level of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Country,
    Region,
    Province,
    District,
    Commune,
    /// A total or group of areas (`World`, `WHOLE COUNTRY`): never ranked
    Aggregate,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Region => "region",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
            Level::Aggregate => "aggregate",
        }
    }
}

/// One row of an area metadata file; extra columns (codes, regions, notes) are kept out.
#[derive(Debug, Clone, Deserialize)]
pub struct AreaMeta {
    pub area: String,
    #[serde(default)]
    pub name_vi: Option<String>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub parent: Option<String>,
    /// Other spellings, separated by `|`.
    #[serde(default)]
    pub aliases: Option<String>,
    /// The statistics office's code (GSO two-digit code for Viet Nam's provinces).
    #[serde(default, alias = "code")]
    pub gso_code: Option<String>,
    /// The last day of the unit (merged into another, split, abolished), as written.
    #[serde(default)]
    pub valid_to: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct AliasRow {
    alias: String,
    area: String,
}

/// Areas and the crosswalk from every known spelling to the area's own name.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    list: Vec<AreaMeta>,
    by_name: HashMap<String, usize>,
    crosswalk: HashMap<String, String>,
    /// Spellings without `Tỉnh`/`Thành phố`/`City` (see [`names::place_key`]), each of one
    /// area only (`None` when two areas share it).
    places: HashMap<String, Option<String>>,
    pub given: bool,
}

impl Areas {
    /// Reads `--areas` and `--aliases` (either may be absent).
    pub fn load(areas: Option<&Path>, aliases: Option<&Path>) -> Result<Areas, ChisoError> {
        let list: Vec<AreaMeta> = match areas {
            Some(p) if is_world_bank_metadata(p)? => world_bank_areas(p)?,
            Some(p) => read_csv(p)?,
            None => Vec::new(),
        };
        let extra: Vec<AliasRow> = match aliases {
            Some(p) => read_csv(p)?,
            None => Vec::new(),
        };
        let mut out = Areas { given: areas.is_some() || aliases.is_some(), ..Default::default() };
        for (i, meta) in list.iter().enumerate() {
            out.by_name.insert(meta.area.clone(), i);
            let spellings = [Some(meta.area.as_str()), meta.name_vi.as_deref()]
                .into_iter()
                .flatten()
                .chain(meta.aliases.iter().flat_map(|a| a.split('|')));
            for spelling in spellings {
                out.crosswalk.entry(names::fold(spelling)).or_insert_with(|| meta.area.clone());
                let place = out.places.entry(names::place_key(spelling)).or_insert_with(|| Some(meta.area.clone()));
                if place.as_deref() != Some(meta.area.as_str()) {
                    *place = None;
                }
            }
        }
        for row in extra {
            // An alias may point at another alias or at a name in the areas file.
            let target = out.canonical(&row.area).map_or(row.area.clone(), str::to_string);
            out.crosswalk.insert(names::fold(&row.alias), target.clone());
            out.crosswalk.entry(names::fold(&row.area)).or_insert(target);
        }
        out.list = list;
        Ok(out)
    }

    /// This crosswalk, also knowing `names` (e.g. the areas of the data), so that another file's
    /// spelling of them (`lang son` for `Lạng Sơn`) matches.
    pub fn including(&self, names: &[String]) -> Areas {
        let mut out = self.clone();
        for name in names {
            out.crosswalk.entry(names::fold(name)).or_insert_with(|| name.clone());
        }
        out
    }

    /// The area's own name for any known spelling (case, spaces, punctuation, diacritics ignored),
    /// else for the spelling without `Tỉnh`/`Thành phố`/`City` when one area alone has it
    /// (`Thành phố Cần Thơ`, as a crosswalk names the new units, is `Can Tho`).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.crosswalk
            .get(&names::fold(name))
            .or_else(|| self.places.get(&names::place_key(name))?.as_ref())
            .map(String::as_str)
    }

    /// How many of `names` the file knows.
    pub fn known(&self, names: &[String]) -> usize {
        names.iter().filter(|n| self.canonical(n).is_some()).count()
    }

    /// The areas file as a table, one row per area (what `chiso sql` calls `areas`).
    pub fn table(&self) -> PolarsResult<DataFrame> {
        let text =
            |f: &dyn Fn(&AreaMeta) -> Option<String>| -> Vec<Option<String>> { self.list.iter().map(f).collect() };
        df!(
            "area" => text(&|a| Some(a.area.clone())),
            "name_vi" => text(&|a| a.name_vi.clone()),
            "level" => text(&|a| a.level.map(word)),
            "parent" => text(&|a| a.parent.clone()),
            "aliases" => text(&|a| a.aliases.clone()),
            "gso_code" => text(&|a| a.gso_code.clone()),
            "valid_to" => text(&|a| a.valid_to.clone()),
        )
    }

    pub fn get(&self, area: &str) -> Option<&AreaMeta> {
        self.by_name.get(area).map(|i| &self.list[*i])
    }

    pub fn level(&self, area: &str) -> Option<Level> {
        self.get(area).and_then(|m| m.level)
    }

    /// Renames every area of `df` to its canonical name. Returns the frame and the names that
    /// matched nothing (left as they are).
    pub fn apply(&self, df: DataFrame) -> Result<(DataFrame, Vec<String>), ChisoError> {
        if self.crosswalk.is_empty() {
            return Ok((df, Vec::new()));
        }
        let distinct = crate::core::distinct(&df, AREA)?;
        let (mut from, mut to, mut unmatched) = (Vec::new(), Vec::new(), Vec::new());
        for name in distinct.str()?.iter().flatten() {
            match self.canonical(name) {
                Some(c) if c != name => {
                    from.push(name.to_string());
                    to.push(c.to_string());
                }
                Some(_) => {}
                None => unmatched.push(name.to_string()),
            }
        }
        if from.is_empty() {
            return Ok((df, unmatched));
        }
        let map = df!(AREA => from, "_canonical" => to)?;
        let df = df
            .lazy()
            .join(map.lazy(), [col(AREA)], [col(AREA)], crate::core::key_join(JoinType::Left))
            .with_column(col("_canonical").fill_null(col(AREA)).alias(AREA))
            .drop(by_name(["_canonical"], true, false))
            .collect()?;
        Ok((df, unmatched))
    }

    /// A frame `area, level` for the given area names (null level when unknown), to join on.
    pub fn levels(&self, areas: &[String]) -> PolarsResult<DataFrame> {
        let levels: Vec<Option<&str>> = areas.iter().map(|a| self.level(a).map(Level::name)).collect();
        df!(AREA => areas, "level" => levels)
    }
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

fn bad_meta(path: &Path, message: String) -> ChisoError {
    ChisoError::BadMeta { file: path.display().to_string(), message }
}

fn read_text(path: &Path) -> Result<String, ChisoError> {
    let bytes = std::fs::read(path).map_err(|source| ChisoError::Read { path: path.to_path_buf(), source })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    String::from_utf8(bytes).map_err(|_| bad_meta(path, "not UTF-8".into()))
}

/// The World Bank's `Metadata_Country_*.csv`: `Country Code, Region, IncomeGroup, SpecialNotes,
/// TableName`.
fn is_world_bank_metadata(path: &Path) -> Result<bool, ChisoError> {
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or("");
    Ok(first.contains("Country Code") && first.contains("Region") && first.contains("TableName"))
}

/// Areas from the World Bank's country metadata: the name is `TableName`, the code an alias, and
/// an empty `Region` marks an aggregate (regions, income groups, the world).
fn world_bank_areas(path: &Path) -> Result<Vec<AreaMeta>, ChisoError> {
    #[derive(Deserialize)]
    struct Row {
        #[serde(rename = "Country Code")]
        code: String,
        #[serde(rename = "Region", default)]
        region: Option<String>,
        #[serde(rename = "TableName")]
        name: String,
    }
    let rows: Vec<Row> = read_csv(path)?;
    Ok(rows
        .into_iter()
        .map(|r| AreaMeta {
            area: r.name,
            name_vi: None,
            level: Some(if r.region.is_some() { Level::Country } else { Level::Aggregate }),
            parent: r.region,
            aliases: Some(r.code),
            gso_code: None,
            valid_to: None,
        })
        .collect())
}

/// Reads a metadata CSV (`,` or `;`) into rows; empty cells are absent fields.
pub(crate) fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, ChisoError> {
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad_meta(path, e.to_string()))?.clone();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad_meta(path, e.to_string()))?;
        // Empty cells are missing fields, so `Option` fields read as `None`.
        let present: Vec<(&str, &str)> = headers.iter().zip(record.iter()).filter(|(_, v)| !v.is_empty()).collect();
        let (h, v): (Vec<&str>, Vec<&str>) = present.into_iter().unzip();
        let row: T = csv::StringRecord::from(v)
            .deserialize(Some(&csv::StringRecord::from(h)))
            .map_err(|e| bad_meta(path, format!("line {}: {e}", i + 2)))?;
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_indicator_measures() {
        assert_eq!(Measure::of_unit(Some("%")), Measure::Rate);
        assert_eq!(Measure::of_unit(Some("‰")), Measure::Rate);
        assert_eq!(Measure::of_unit(Some("% of GDP")), Measure::Rate);
        assert_eq!(Measure::of_unit(Some("điểm phần trăm")), Measure::Rate);
        assert_eq!(Measure::of_unit(Some("Percentage points")), Measure::Rate);
        assert_eq!(Measure::of_unit(Some("points")), Measure::Score);
        assert_eq!(Measure::of_unit(Some("điểm")), Measure::Score);
        assert_eq!(Measure::of_unit(Some("Index (2010 = 100)")), Measure::Index);
        assert_eq!(Measure::of_unit(Some("tỷ đồng")), Measure::Amount);
        assert_eq!(Measure::of_unit(None), Measure::Amount);
        let none = Indicators::default();
        assert_eq!(none.measure("GDP growth (annual %)", None).0, Measure::Rate);
        assert_eq!(none.measure("Population, total", None).0, Measure::Amount);
        let meta = Indicators::from_list(vec![IndicatorMeta {
            indicator: "poverty".into(),
            unit: Some("%".into()),
            kind: Some(Measure::Score),
            ..Default::default()
        }]);
        assert_eq!(meta.measure("Poverty", Some("%")), (Measure::Score, "kind in --meta".to_string()));
    }

    fn datasets(file: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets").join(file)
    }

    #[test]
    fn bundled_indicator_metadata() {
        let m = Indicators::load(&datasets("indicators.csv")).unwrap();
        assert_eq!(m.direction("pci_weighted"), Direction::Higher);
        assert_eq!(m.direction("Poverty rate"), Direction::Lower);
        assert_eq!(m.direction("ratio"), Direction::None);
        assert_eq!(m.direction("not described"), Direction::Higher);
        assert_eq!(m.get("PAR_INDEX").unwrap().decimals, Some(1));
    }

    #[test]
    fn toml_indicator_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.toml");
        std::fs::write(
            &path,
            "[[indicator]]\nindicator = \"poverty_rate\"\nname_vi = \"Tỷ lệ hộ nghèo\"\ndirection = \"lower\"\ndecimals = 1\n",
        )
        .unwrap();
        let m = Indicators::load(&path).unwrap();
        assert_eq!(m.direction("Poverty Rate"), Direction::Lower);
        assert_eq!(m.get("poverty_rate").unwrap().name_vi.as_deref(), Some("Tỷ lệ hộ nghèo"));
        std::fs::write(&path, "[[indicator]]\nindicator = \"x\"\ndirection = \"sideways\"\n").unwrap();
        let err = Indicators::load(&path).unwrap_err().to_string();
        assert!(err.contains("cannot read the metadata") && err.contains("sideways"), "{err}");
    }

    #[test]
    fn bundled_provinces_crosswalk() {
        let a = Areas::load(Some(&datasets("vn-provinces.csv")), None).unwrap();
        assert_eq!(a.canonical("BRVT"), Some("Ba Ria - Vung Tau"));
        assert_eq!(a.canonical("TP HCM"), Some("Ho Chi Minh City"));
        assert_eq!(a.canonical("Thua Thien - Hue"), Some("Thua Thien Hue"));
        assert_eq!(a.canonical("lạng sơn"), Some("Lang Son"));
        assert_eq!(a.canonical("WHOLE COUNTRY"), Some("Viet Nam"));
        assert_eq!(a.level("Lang Son"), Some(Level::Province));
        assert_eq!(a.level("Red River Delta"), Some(Level::Region));
        assert_eq!(a.canonical("Atlantis"), None);
        let provinces = a.list.iter().filter(|m| m.level == Some(Level::Province) && m.area != "Ha Tay").count();
        assert_eq!(provinces, 63);
    }
}
