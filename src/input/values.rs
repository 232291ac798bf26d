//! Cells to numbers as Polars expressions: null markers, a trailing `%`, thousands separators and
//! decimal commas. Also the hint shown when a cell is not a number.

use polars::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// Markers read as missing unless `--null` replaces them. An empty cell is always missing.
/// Beyond the statistics-office markers: Excel's `#N/A` and the spellings databases write.
/// `:` is Eurostat's.
pub const DEFAULT_NULLS: [&str; 14] =
    ["NA", "N/A", "n/a", "#N/A", "..", "...", "-", "–", ":", "n.a.", "null", "NULL", "NaN", ""];

/// How numbers are written in one file.
#[derive(Debug, Clone)]
pub struct NumberFormat {
    pub decimal_comma: bool,
    pub thousands: bool,
    /// Some cell is written in parentheses (an accounting negative): costs a few string passes,
    /// so only files that need it pay for it.
    pub parens: bool,
    /// Cells grouped by commas in threes (`"2,905"`, `"37,468.5"`) are numbers even without
    /// `thousands`; any other comma still stops the read. Only when a cell needs it.
    pub grouped: bool,
    pub nulls: Vec<String>,
}

/// A number grouped by commas in threes, with a decimal point if any.
pub const COMMA_GROUPED: &str = r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$";

/// The cell trimmed, with null markers turned into nulls.
pub fn text(e: Expr, nulls: &[String]) -> Expr {
    let trimmed = e.str().strip_chars(lit(NULL));
    let mut markers: Vec<&str> = nulls.iter().map(String::as_str).collect();
    markers.push("");
    let is_marker = trimmed.clone().is_in(lit(Series::new("".into(), markers)).implode(false), false);
    // `then` comes first so the result keeps the column's name.
    when(is_marker.not()).then(trimmed).otherwise(lit(NULL).cast(DataType::String))
}

/// A label (area, indicator, period) trimmed, or `None` when it is empty or a null marker.
pub fn label<'a>(s: &'a str, nulls: &[String]) -> Option<&'a str> {
    let s = s.trim();
    (!s.is_empty() && !nulls.iter().any(|m| m == s)).then_some(s)
}

/// The cell as a number; null when missing or not a number (see [`text`] to tell which).
pub fn number(e: Expr, format: &NumberFormat) -> Expr {
    number_from_text(text(e, &format.nulls), format)
}

/// Like [`number`], for a cell already through [`text`].
pub fn number_from_text(text: Expr, format: &NumberFormat) -> Expr {
    if !format.parens {
        return plain_number(text, format);
    }
    // Accounting style writes negatives in parentheses: (1,234) is −1,234.
    let in_parens = text.clone().str().starts_with(lit("(")).and(text.clone().str().ends_with(lit(")")));
    let negated = lit("-") + text.clone().str().strip_prefix(lit("(")).str().strip_suffix(lit(")"));
    // `then` first keeps the column's name.
    let text = when(in_parens.not()).then(text).otherwise(negated);
    plain_number(text, format)
}

fn plain_number(text: Expr, format: &NumberFormat) -> Expr {
    let mut s = text.str().strip_suffix(lit("%")).str().strip_chars_end(lit(NULL));
    if format.thousands {
        let group = if format.decimal_comma { "." } else { "," };
        for sep in [group, " ", "\u{a0}", "\u{202f}", "'"] {
            s = s.str().replace_all(lit(sep), lit(""), true);
        }
    }
    if format.decimal_comma {
        s = s.str().replace_all(lit(","), lit("."), true);
    } else if format.grouped && !format.thousands {
        let grouped = s.clone().str().contains(lit(COMMA_GROUPED), true);
        s = when(grouped).then(s.clone().str().replace_all(lit(","), lit(""), true)).otherwise(s);
    }
    // `nan` and `inf` parse as floats but are no observations: they count as not numbers.
    let x = s.cast(DataType::Float64);
    when(x.clone().is_finite()).then(x).otherwise(lit(NULL).cast(DataType::Float64))
}

static DECIMAL_COMMA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(?[-+]?\d+,\d+\)?%?$").unwrap());
static COMMA_GROUPED_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(COMMA_GROUPED).unwrap());

/// True when some cell is a number grouped by commas (see [`NumberFormat::grouped`]).
pub fn any_comma_grouped<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.any(|c| COMMA_GROUPED_RE.is_match(c.trim()))
}

static GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?\d{1,3}([,. \u{a0}]\d{3})+([.,]\d+)?%?$").unwrap());

static DECIMAL_POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-+]?\d*\.\d+%?$").unwrap());
/// `1.234,5` or `1.234.567`: dots grouping thousands, so the comma (if any) is the decimal mark.
static DOT_GROUPED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-+]?\d{1,3}(?:(?:\.\d{3})+,\d+|(?:\.\d{3}){2,})%?$").unwrap());

/// True when the cells are written with decimal commas (`11,68`, `1.234,5`) rather than points.
pub fn sniff_decimal_comma<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let (mut commas, mut points) = (0usize, 0usize);
    for cell in cells {
        let cell = cell.trim();
        if DECIMAL_COMMA.is_match(cell) || DOT_GROUPED.is_match(cell) {
            commas += 1;
        } else if DECIMAL_POINT.is_match(cell) {
            points += 1;
        }
    }
    commas > 0 && commas >= points
}

/// What to suggest for a cell that did not parse as a number.
pub fn hint_for(cell: &str, format: &NumberFormat) -> String {
    let cell = cell.trim();
    let shown = crate::error::shown(cell);
    if cell.contains('\0') {
        "the cell holds NUL bytes: is the file UTF-16 or binary? Save it as CSV UTF-8".to_string()
    } else if cell.contains('\n') {
        "the cell spans several lines: check for a stray '\"' before it".to_string()
    } else if GROUPED.is_match(cell) && !format.thousands {
        format!("'{cell}' looks like a number with thousands separators: add --thousands")
    } else if DECIMAL_COMMA.is_match(cell) && !format.decimal_comma {
        format!("'{cell}' looks like a decimal comma: add --decimal-comma")
    } else if cell.contains(',') && format.decimal_comma && !format.thousands {
        "the file is read with decimal commas; if ',' groups thousands here, add --thousands".to_string()
    } else {
        let markers = DEFAULT_NULLS.iter().filter(|m| !m.is_empty()).copied().collect::<Vec<_>>().join(", ");
        format!(
            "if '{shown}' marks a missing value, add --null '{shown}' (this replaces the default markers {markers})"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(cells: &[&str], format: &NumberFormat) -> Vec<Option<f64>> {
        let df = df!("x" => cells).unwrap();
        let out = df.lazy().select([number(col("x"), format)]).collect().unwrap();
        out.column("x").unwrap().f64().unwrap().iter().collect()
    }

    fn fmt(decimal_comma: bool, thousands: bool) -> NumberFormat {
        NumberFormat {
            decimal_comma,
            thousands,
            parens: true,
            grouped: false,
            nulls: DEFAULT_NULLS.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn markers_percent_and_separators() {
        assert_eq!(
            parse(&["11.68", " 84 ", "NA", "..", "-", "", "12.5%", "abc"], &fmt(false, false)),
            [Some(11.68), Some(84.0), None, None, None, None, Some(12.5), None]
        );
        assert_eq!(parse(&["11,68", "1.234,5", "–"], &fmt(true, true)), [Some(11.68), Some(1234.5), None]);
        assert_eq!(parse(&["54,585,000", "1 234.5"], &fmt(false, true)), [Some(54585000.0), Some(1234.5)]);
        assert_eq!(parse(&["-3", "0"], &fmt(false, false)), [Some(-3.0), Some(0.0)]);
        assert_eq!(parse(&["nan", "inf", "-inf", "1e3"], &fmt(false, false)), [None, None, None, Some(1000.0)]);
        assert_eq!(parse(&["(12.5)", "(1,234)", "(x)"], &fmt(false, true)), [Some(-12.5), Some(-1234.0), None]);
        // Comma-grouped cells without --thousands; a comma elsewhere is still no number.
        let grouped = NumberFormat { grouped: true, ..fmt(false, false) };
        assert_eq!(
            parse(&["2,905", "37,468.5", "1,234,567", "12.5", "1,5", "12,34"], &grouped)[..],
            [Some(2905.0), Some(37468.5), Some(1234567.0), Some(12.5), None, None]
        );
    }

    #[test]
    fn hints() {
        let f = fmt(false, false);
        assert!(hint_for("11,68", &f).contains("--decimal-comma"));
        assert!(hint_for("54,585,000", &f).contains("--thousands"));
        assert!(hint_for("x", &f).contains("--null 'x'"));
        assert!(sniff_decimal_comma(["11,68", "NA", "9"].into_iter()));
        assert!(!sniff_decimal_comma(["11.68", "1,5", "2.5"].into_iter()));
        assert!(!sniff_decimal_comma(["11", "12"].into_iter()));
        assert!(sniff_decimal_comma(["1.234,5", "2"].into_iter()));
        assert!(sniff_decimal_comma(["1.234.567"].into_iter()));
        assert!(!sniff_decimal_comma(["1.234"].into_iter()));
    }
}
