//! Period labels as planners and statistics offices write them (`2019`, `2019-Q1`, `Quý 1/2019`,
//! `03/2019`, `Pre. 2016`, Eurostat's `2019M03` and `2019S1`, `6 tháng đầu năm 2024`, fiscal
//! years `2019/20`, windows `2015-2019`) parsed into year, sub-period and frequency. Only labels
//! are parsed here; applying the result to a frame is the input module's job.

use std::sync::LazyLock;

use regex::Regex;

/// Frequency of a period. Periods compare with the same sub-period one year before only within
/// one frequency; multi-year windows never compare with another period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Freq {
    Annual,
    Quarterly,
    Monthly,
    /// Half years (`2019S1`, `6 tháng đầu năm 2019`): sub 1 or 2.
    Half,
    /// The first `sub` months of a year, cumulated (`9 tháng 2024`).
    YearToDate,
    /// A fiscal year that starts in `year` (`2019/20`, `2019-20`, `FY2020`).
    Fiscal,
    /// A window of several years starting in `year`, `sub` years long after its first
    /// (`2015-2019`, `2002/03-2007/08`).
    Window,
    /// A reference date (`01/12/2024`): the year and month (`sub`) of the day.
    Date,
}

impl Freq {
    pub fn code(self) -> &'static str {
        match self {
            Freq::Annual => "A",
            Freq::Quarterly => "Q",
            Freq::Monthly => "M",
            Freq::Half => "S",
            Freq::YearToDate => "YTD",
            Freq::Fiscal => "FY",
            Freq::Window => "MY",
            Freq::Date => "D",
        }
    }
}

/// Sub-periods in a year for a `freq` code: 4 quarters, 12 months (and reference dates, read by
/// month), 2 halves; 1 for the rest, whose `sub` is no position in the year.
pub fn subs_per_year(code: &str) -> i64 {
    match code {
        "Q" => 4,
        "M" | "D" => 12,
        "S" => 2,
        _ => 1,
    }
}

/// Consecutive number of a period within its frequency (years, halves, quarters or months since
/// year 0), so that a missing period can be seen.
pub fn index(year: i64, sub: i64, code: &str) -> i64 {
    let n = subs_per_year(code);
    if n > 1 {
        year * n + sub - 1
    } else {
        year
    }
}

/// The `freq` code of multi-year windows, which are never compared with a period before.
pub const WINDOW: &str = "MY";

/// A parsed period label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    /// 0 for annual, 1–4 for a quarter, 1–12 for a month.
    pub sub: i8,
    pub freq: Freq,
    /// Status carried by the label, e.g. `preliminary` for `Pre. 2016`.
    pub flag: Option<&'static str>,
}

impl Period {
    /// A sortable number: 2019 → 201900, 2019-Q2 → 201902, 2019-11 → 201911.
    pub fn key(&self) -> i32 {
        self.year * 100 + i32::from(self.sub)
    }
}

static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(preliminary|prelim|prel|pre|p|sơ bộ|so bo|sb)|(estimated|estimate|est|e|ước tính|ước|uoc tinh|uoc))(?:\.\s*|\s+)(.+)$",
    )
    .unwrap()
});
static STATUS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(.+?)\s*\((?:(p|pre|prel|sơ bộ|sb)|(e|est|ước))\.?\)$").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    // `2019`, `2019.0` (a year written by a spreadsheet as a float), WDI's `YR2019`, `2019 [YR2019]`.
    Regex::new(r"(?i)^(?:yr|năm|nam|year)?\s*([0-9]{4})(?:\.0+)?(?:\s*\[yr[0-9]{4}\])?$").unwrap()
});
static QUARTER_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([0-9]{4})\s*[-/ ]?\s*q\s*([1-4])$").unwrap());
static QUARTER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:q|quý|quy|quarter)\s*([1-4]|iv|iii|ii|i)\s*(?:[-/ ]|\s*năm\s*|\s*nam\s*)\s*([0-9]{4})$")
        .unwrap()
});
static MONTH_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([0-9]{4})\s*(?:-|/|m|-m)\s*([0-9]{1,2})$").unwrap());
/// Half years: Eurostat `2019S1`, `2019-H1`, `H1 2019`, `S2/2019`.
static HALF_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^([0-9]{4})\s*-?\s*[sh]\s*([12])$").unwrap());
static HALF_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:h|s|half)\s*([12])\s*[-/ ]\s*([0-9]{4})$").unwrap());
/// `6 tháng đầu năm 2024`, `6 tháng 2024`, `6 tháng cuối năm 2024`, `9 tháng năm 2024`.
static MONTHS_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([0-9]{1,2})\s*(?:tháng|thang)\s*(đầu|dau|cuối|cuoi)?\s*(?:năm|nam)?\s*([0-9]{4})$").unwrap()
});
/// Weeks (`2019W05`): read as no period, with a reason.
static WEEK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^[0-9]{4}\s*-?\s*w\s*[0-9]{1,2}$").unwrap());
/// A day: `01/12/2024` (day first, as Vietnamese and most non-US offices write) or `2024-12-01`.
static DAY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?i)ngày\s*)?([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$").unwrap());
static ISO_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00)?)?$").unwrap());
/// Fiscal years: `2019/20`, `2019-20`, `2019/2020`, `FY2020`, `FY 2019/20`, `NĐ 2019/20`.
static FISCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:fy\s*)?([0-9]{4})\s*[-/–]\s*([0-9]{2}|[0-9]{4})$").unwrap());
static FISCAL_NAMED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^fy\s*-?\s*([0-9]{4}|[0-9]{2})$").unwrap());
static MONTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tháng|thang|t|m)?\s*([0-9]{1,2})\s*(?:[-/]|\s*năm\s*|\s*nam\s*)\s*([0-9]{4})$").unwrap()
});

fn roman_or_digit(s: &str) -> Option<i8> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "i" => Some(1),
        "2" | "ii" => Some(2),
        "3" | "iii" => Some(3),
        "4" | "iv" => Some(4),
        _ => None,
    }
}

fn plausible_year(y: &str) -> Option<i32> {
    let y: i32 = y.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

/// Parses a whole label; `None` when it is not a period.
pub fn parse(label: &str) -> Option<Period> {
    let label = label.trim();
    // Every period names a year: a label without a digit (most column headers) is none, and no
    // pattern needs compiling or running for it.
    if !label.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(c) = STATUS.captures(label) {
        let flag = if c.get(1).is_some() { "preliminary" } else { "estimate" };
        let rest = c.get(3).unwrap().as_str();
        return parse_plain(rest).map(|p| Period { flag: Some(flag), ..p });
    }
    if let Some(c) = STATUS_AFTER.captures(label) {
        let flag = if c.get(2).is_some() { "preliminary" } else { "estimate" };
        return parse_plain(c.get(1).unwrap().as_str()).map(|p| Period { flag: Some(flag), ..p });
    }
    parse_plain(label)
}

fn parse_plain(label: &str) -> Option<Period> {
    // Footnote marks after a period: `2022*`, `2022 (*)`, `2022(1)`.
    let label = label.trim().trim_end_matches(['*', ' ']);
    let label = match label.rfind('(') {
        Some(i)
            if label.ends_with(')')
                && label[i + 1..label.len() - 1].chars().all(|c| c == '*' || c.is_ascii_digit())
                && i >= 4 =>
        {
            label[..i].trim()
        }
        _ => label,
    };
    let annual = |year| Period { year, sub: 0, freq: Freq::Annual, flag: None };
    if let Some(c) = YEAR.captures(label) {
        return plausible_year(&c[1]).map(annual);
    }
    if let Some(c) = QUARTER_AFTER.captures(label) {
        return Some(Period {
            year: plausible_year(&c[1])?,
            sub: roman_or_digit(&c[2])?,
            freq: Freq::Quarterly,
            flag: None,
        });
    }
    if let Some(c) = QUARTER_BEFORE.captures(label) {
        return Some(Period {
            year: plausible_year(&c[2])?,
            sub: roman_or_digit(&c[1])?,
            freq: Freq::Quarterly,
            flag: None,
        });
    }
    let month = |year: &str, month: &str| {
        let m: i8 = month.parse().ok()?;
        (1..=12).contains(&m).then_some(())?;
        Some(Period { year: plausible_year(year)?, sub: m, freq: Freq::Monthly, flag: None })
    };
    if let Some(c) = MONTH_AFTER.captures(label) {
        if let Some(p) = month(&c[1], &c[2]) {
            return Some(p);
        }
    }
    if let Some(c) = MONTH_BEFORE.captures(label) {
        return month(&c[2], &c[1]);
    }
    let half = |year: &str, half: &str| {
        Some(Period { year: plausible_year(year)?, sub: half.parse().ok()?, freq: Freq::Half, flag: None })
    };
    if let Some(c) = HALF_AFTER.captures(label) {
        return half(&c[1], &c[2]);
    }
    if let Some(c) = HALF_BEFORE.captures(label) {
        return half(&c[2], &c[1]);
    }
    if let Some(c) = MONTHS_OF_YEAR.captures(label) {
        let months: i8 = c[1].parse().ok()?;
        let year = plausible_year(&c[3])?;
        let last = c.get(2).is_some_and(|w| w.as_str().to_lowercase().starts_with('c'));
        return match (months, last) {
            (6, false) => Some(Period { year, sub: 1, freq: Freq::Half, flag: None }),
            (6, true) => Some(Period { year, sub: 2, freq: Freq::Half, flag: None }),
            (12, false) => Some(Period { year, sub: 0, freq: Freq::Annual, flag: None }),
            (1..=11, false) => Some(Period { year, sub: months, freq: Freq::YearToDate, flag: None }),
            _ => None,
        };
    }
    let day = |year: &str, month: &str, day: &str| {
        let (m, d): (i8, u8) = (month.parse().ok()?, day.parse().ok()?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(())?;
        Some(Period { year: plausible_year(year)?, sub: m, freq: Freq::Date, flag: None })
    };
    if let Some(c) = DAY_FIRST.captures(label) {
        return day(&c[3], &c[2], &c[1]);
    }
    if let Some(c) = ISO_DAY.captures(label) {
        return day(&c[1], &c[2], &c[3]);
    }
    fiscal(label).or_else(|| window(label))
}

/// `2019/20`, `2019-20`, `2019/2020`, `FY2020` (the fiscal year that ends in 2020): a fiscal year
/// starting in the first year. The second year must follow the first.
fn fiscal(label: &str) -> Option<Period> {
    let start = if let Some(c) = FISCAL.captures(label) {
        let start = plausible_year(&c[1])?;
        let end: i32 = c[2].parse().ok()?;
        let follows = if c[2].len() == 2 { end == (start + 1) % 100 } else { end == start + 1 };
        follows.then_some(start)?
    } else if let Some(c) = FISCAL_NAMED.captures(label) {
        let named: i32 = c[1].parse().ok()?;
        let end = if c[1].len() == 2 { 2000 + named } else { plausible_year(&c[1])? };
        end - 1
    } else {
        return None;
    };
    Some(Period { year: start, sub: 0, freq: Freq::Fiscal, flag: None })
}

/// `2015-2019`, `2002/03-2007/08`, `2015–2020`: a window from the first year to the last.
fn window(label: &str) -> Option<Period> {
    let (from, to) = label.split_once(['-', '–']).filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())?;
    let (from, to) = (from.trim(), to.trim());
    let first = fiscal(from).map(|p| p.year).or_else(|| YEAR.captures(from).and_then(|c| plausible_year(&c[1])))?;
    let last = fiscal(to).map(|p| p.year + 1).or_else(|| YEAR.captures(to).and_then(|c| plausible_year(&c[1])))?;
    let span = last - first;
    // Two consecutive years are a fiscal year (`2019-2020`), read above.
    (2..100).contains(&span).then_some(Period { year: first, sub: span as i8, freq: Freq::Window, flag: None })
}

/// Why a label that looks like a period is not read as one, for the error message.
pub fn unsupported(label: &str) -> Option<&'static str> {
    WEEK.is_match(label.trim()).then_some("weekly periods are not supported; aggregate the weeks to months first")
}

/// Reads every label of one column. `2011/12` alone is December 2011, but in a column whose
/// other labels are fiscal years (`2012/13`, `2013/14`) it is the fiscal year 2011/12 too.
pub fn parse_column<'a>(labels: impl Iterator<Item = &'a str> + Clone) -> Vec<Option<Period>> {
    let parsed: Vec<Option<Period>> = labels.clone().map(parse).collect();
    let fiscal_shape = |l: &str| fiscal(strip_status(l)).is_some();
    let any_fiscal = parsed.iter().any(|p| p.as_ref().is_some_and(|p| p.freq == Freq::Fiscal));
    let all_fiscal_shape = labels.clone().zip(&parsed).all(|(l, p)| p.is_none() || fiscal_shape(l));
    if !(any_fiscal && all_fiscal_shape) {
        return parsed;
    }
    labels
        .zip(parsed)
        .map(|(l, p)| {
            let p = p?;
            let f = fiscal(strip_status(l))?;
            Some(Period { flag: p.flag, ..f })
        })
        .collect()
}

fn strip_status(label: &str) -> &str {
    let label = label.trim();
    STATUS.captures(label).and_then(|c| c.get(3)).map_or(label, |m| m.as_str())
}

/// Splits a column header into a prefix, the trailing period label and its period: `Total
/// (Bill. Dongs) 2014` → (`Total (Bill. Dongs)`, `2014`, 2014). The longest trailing run of words
/// that parses wins, so `Revenue Pre. 2016` keeps its status word with the period; a joined
/// two-line header `Dân số / 2022` loses its joint.
pub fn split_header(header: &str) -> Option<(String, String, Period)> {
    let words: Vec<&str> = header.split_whitespace().collect();
    for start in 0..words.len() {
        let tail = words[start..].join(" ");
        if let Some(p) = parse(&tail) {
            let prefix = words[..start].join(" ");
            let prefix = prefix.trim_end_matches([',', ';', ':', '-', '–', '/']).trim().to_string();
            return Some((prefix, tail, p));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(label: &str) -> (i32, i8, &'static str, Option<&'static str>) {
        let p = parse(label).unwrap_or_else(|| panic!("{label} did not parse"));
        (p.year, p.sub, p.freq.code(), p.flag)
    }

    #[test]
    fn annual_quarterly_monthly() {
        assert_eq!(p("2019"), (2019, 0, "A", None));
        assert_eq!(p(" 2019.0 "), (2019, 0, "A", None));
        assert_eq!(p("2019 [YR2019]"), (2019, 0, "A", None));
        assert_eq!(p("YR2019"), (2019, 0, "A", None));
        assert_eq!(p("Năm 2019"), (2019, 0, "A", None));
        assert_eq!(p("2019-Q1"), (2019, 1, "Q", None));
        assert_eq!(p("2019Q3"), (2019, 3, "Q", None));
        assert_eq!(p("Q1/2019"), (2019, 1, "Q", None));
        assert_eq!(p("Quý 1/2019"), (2019, 1, "Q", None));
        assert_eq!(p("Quý IV/2019"), (2019, 4, "Q", None));
        assert_eq!(p("Quý 2 năm 2019"), (2019, 2, "Q", None));
        assert_eq!(p("2019-03"), (2019, 3, "M", None));
        assert_eq!(p("2019-M03"), (2019, 3, "M", None));
        assert_eq!(p("03/2019"), (2019, 3, "M", None));
        assert_eq!(p("Tháng 3/2019"), (2019, 3, "M", None));
        assert_eq!(p("Tháng 12 năm 2019"), (2019, 12, "M", None));
        assert_eq!(p("2022*"), (2022, 0, "A", None));
        assert_eq!(p("2022 (*)"), (2022, 0, "A", None));
        assert_eq!(p("Sơ bộ 2023*"), (2023, 0, "A", Some("preliminary")));
    }

    #[test]
    fn statistics_office_and_eurostat_labels() {
        assert_eq!(p("2019M03"), (2019, 3, "M", None));
        assert_eq!(p("2019S1"), (2019, 1, "S", None));
        assert_eq!(p("2019-H2"), (2019, 2, "S", None));
        assert_eq!(p("Quý I năm 2024"), (2024, 1, "Q", None));
        assert_eq!(p("6 tháng đầu năm 2024"), (2024, 1, "S", None));
        assert_eq!(p("6 tháng 2024"), (2024, 1, "S", None));
        assert_eq!(p("6 tháng cuối năm 2024"), (2024, 2, "S", None));
        assert_eq!(p("9 tháng 2024"), (2024, 9, "YTD", None));
        assert_eq!(p("9 tháng năm 2024"), (2024, 9, "YTD", None));
        assert_eq!(p("Tháng 12/2024"), (2024, 12, "M", None));
        assert_eq!(p("01/12/2024"), (2024, 12, "D", None));
        assert_eq!(p("2024-12-31"), (2024, 12, "D", None));
        assert_eq!(p("Ước tính năm 2024"), (2024, 0, "A", Some("estimate")));
        assert_eq!(p("Sơ bộ 2023"), (2023, 0, "A", Some("preliminary")));
        assert_eq!(p("Năm 2023"), (2023, 0, "A", None));
        assert!(parse("2019W05").is_none());
        assert!(unsupported("2019W05").is_some());
        assert!(parse("32/12/2024").is_none());
    }

    #[test]
    fn fiscal_years_and_windows() {
        assert_eq!(p("2019/20"), (2019, 0, "FY", None));
        assert_eq!(p("2019-20"), (2019, 0, "FY", None));
        assert_eq!(p("2019/2020"), (2019, 0, "FY", None));
        assert_eq!(p("2019-2020"), (2019, 0, "FY", None));
        assert_eq!(p("FY2020"), (2019, 0, "FY", None));
        assert_eq!(p("FY 2019/20"), (2019, 0, "FY", None));
        assert_eq!(p("1999/00"), (1999, 0, "FY", None));
        assert_eq!(p("2015-2019"), (2015, 4, "MY", None));
        assert_eq!(p("2015–2020"), (2015, 5, "MY", None));
        assert_eq!(p("2002/03-2007/08"), (2002, 6, "MY", None));
        // Not consecutive, not a window.
        assert!(parse("2019/21").is_none());
        assert!(parse("2019-2019").is_none());
        // Alone, 2011/12 is a month; beside fiscal years it is one.
        assert_eq!(p("2011/12"), (2011, 12, "M", None));
        let column = parse_column(["2011/12", "2012/13", "2013/14"].into_iter());
        assert!(column.iter().all(|p| p.as_ref().is_some_and(|p| p.freq == Freq::Fiscal)));
        assert_eq!(column[0].as_ref().map(|p| p.year), Some(2011));
        let months = parse_column(["2011/11", "2011/12", "2012/01"].into_iter());
        assert!(months.iter().all(|p| p.as_ref().is_some_and(|p| p.freq == Freq::Monthly)));
    }

    #[test]
    fn status_words_become_flags() {
        assert_eq!(p("Pre. 2016"), (2016, 0, "A", Some("preliminary")));
        assert_eq!(p("Prel. 2016"), (2016, 0, "A", Some("preliminary")));
        assert_eq!(p("Sơ bộ 2016"), (2016, 0, "A", Some("preliminary")));
        assert_eq!(p("Est. 2016"), (2016, 0, "A", Some("estimate")));
        assert_eq!(p("Ước tính 2016"), (2016, 0, "A", Some("estimate")));
        assert_eq!(p("2016 (p)"), (2016, 0, "A", Some("preliminary")));
    }

    #[test]
    fn not_periods() {
        for label in ["", "value", "13/2019", "2019-Q5", "19", "pci_entry", "Lang Son", "123456", "2019-13", "Q0/2019"]
        {
            assert!(parse(label).is_none(), "{label} parsed");
        }
    }

    #[test]
    fn header_prefixes() {
        let (prefix, _, p) = split_header("Total (Bill. Dongs) 2014").unwrap();
        assert_eq!((prefix.as_str(), p.year), ("Total (Bill. Dongs)", 2014));
        let (prefix, label, p) = split_header("Revenue Pre. 2016").unwrap();
        assert_eq!(label, "Pre. 2016");
        assert_eq!((prefix.as_str(), p.year, p.flag), ("Revenue", 2016, Some("preliminary")));
        let (prefix, _, _) = split_header("2015").unwrap();
        let (prefix2, label, _) = split_header("Dân số (nghìn người) / Sơ bộ 2024").unwrap();
        assert_eq!((prefix2.as_str(), label.as_str()), ("Dân số (nghìn người)", "Sơ bộ 2024"));
        assert_eq!(prefix, "");
        assert!(split_header("pci_entry").is_none());
    }
}
