//! Period labels as planners write them (`2019`, `2019-Q1`, `Quý 1/2019`, `03/2019`, `Pre. 2016`)
//! parsed into year, sub-period and frequency. Only labels are parsed here; applying the result
//! to a frame is the input module's job.

use std::sync::LazyLock;

use regex::Regex;

/// Frequency of a period: annual, quarterly or monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Freq {
    Annual,
    Quarterly,
    Monthly,
}

impl Freq {
    pub fn code(self) -> &'static str {
        match self {
            Freq::Annual => "A",
            Freq::Quarterly => "Q",
            Freq::Monthly => "M",
        }
    }
}

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
    Regex::new(r"(?i)^(?:yr|năm|nam|year)?\s*(\d{4})(?:\.0+)?(?:\s*\[yr\d{4}\])?$").unwrap()
});
static QUARTER_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(\d{4})\s*[-/ ]?\s*q\s*([1-4])$").unwrap());
static QUARTER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:q|quý|quy|quarter)\s*([1-4]|iv|iii|ii|i)\s*(?:[-/ ]|\s*năm\s*|\s*nam\s*)\s*(\d{4})$").unwrap()
});
static MONTH_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(\d{4})\s*(?:-|/|m|-m)\s*(\d{1,2})$").unwrap());
static MONTH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tháng|thang|t|m)?\s*(\d{1,2})\s*(?:[-/]|\s*năm\s*|\s*nam\s*)\s*(\d{4})$").unwrap()
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
    if label.is_empty() {
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
        return month(&c[1], &c[2]);
    }
    if let Some(c) = MONTH_BEFORE.captures(label) {
        return month(&c[2], &c[1]);
    }
    None
}

/// Splits a column header into a prefix and a trailing period: `Total (Bill. Dongs) 2014` →
/// (`Total (Bill. Dongs)`, 2014). The longest trailing run of words that parses wins, so
/// `Revenue Pre. 2016` keeps its status word with the period.
pub fn split_header(header: &str) -> Option<(String, Period)> {
    let words: Vec<&str> = header.split_whitespace().collect();
    for start in 0..words.len() {
        let tail = words[start..].join(" ");
        if let Some(p) = parse(&tail) {
            let prefix = words[..start].join(" ");
            let prefix = prefix.trim_end_matches([',', ';', ':', '-', '–']).trim().to_string();
            return Some((prefix, p));
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
        let (prefix, p) = split_header("Total (Bill. Dongs) 2014").unwrap();
        assert_eq!((prefix.as_str(), p.year), ("Total (Bill. Dongs)", 2014));
        let (prefix, p) = split_header("Revenue Pre. 2016").unwrap();
        assert_eq!((prefix.as_str(), p.year, p.flag), ("Revenue", 2016, Some("preliminary")));
        let (prefix, _) = split_header("2015").unwrap();
        assert_eq!(prefix, "");
        assert!(split_header("pci_entry").is_none());
    }
}
