//! Everything that depends on the reader's language: `Lang`, numbers (`1,234.5` / `1.234,5`),
//! dates, ordinals, and every fixed word of charts and reports in English and Vietnamese.
//! Charts, reports and tables take their words and number formats from here.

use std::collections::BTreeMap;

use serde::Serialize;

/// Language of the fixed labels and of number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Lang {
    /// English: 1,234.5
    #[default]
    En,
    /// Vietnamese: 1.234,5
    Vi,
}

/// A number with thousands separators: `1,234.5` in English, `1.234,5` in Vietnamese.
pub fn number(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Vi => ('.', ','),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    let negative = x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("−{out}")
    } else {
        out
    }
}

/// A number as a chart writes it: below a million as [`number`] gives it; from a million on in
/// words, three significant digits (`1.12 trillion`, `544 billion`; `1,12 nghìn tỷ`, `544 tỷ`),
/// so that labels stay short enough to read and to fit.
pub fn compact(x: f64, decimals: usize, lang: Lang) -> String {
    const SCALES: [(f64, &str, &str); 3] =
        [(1e12, "trillion", "nghìn tỷ"), (1e9, "billion", "tỷ"), (1e6, "million", "triệu")];
    // 999.6 billion is 1 trillion to three digits.
    let Some(&(scale, en, vi)) = SCALES.iter().find(|(s, _, _)| x.abs() >= *s * 0.9995) else {
        return number(x, decimals, lang);
    };
    let v = x / scale;
    // 1.12, 11.2, 112, 1,120 (a thousand trillion stays in trillions).
    let digits = (2 - v.abs().log10().floor() as i32).clamp(0, 3) as usize;
    let word = if lang == Lang::Vi { vi } else { en };
    format!("{} {word}", short(v, digits, lang))
}

/// A number with at most `decimals` decimals, trailing zeros dropped, in the language's format.
pub fn short(x: f64, decimals: usize, lang: Lang) -> String {
    let s = number(x, decimals, lang);
    let point = if lang == Lang::Vi { ',' } else { '.' };
    if s.contains(point) {
        s.trim_end_matches('0').trim_end_matches(point).to_string()
    } else {
        s
    }
}

/// `+19 %` / `−3,5 %`.
pub fn signed_pct(x: f64, lang: Lang) -> String {
    format!("{} %", signed(x, 1, lang))
}

/// A change in percentage points, as a rate moves: `+0.78 pp` / `+0,78 điểm %`.
pub fn signed_points(x: f64, decimals: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} pp", signed(x, decimals, lang)),
        Lang::Vi => format!("{} điểm %", signed(x, decimals, lang)),
    }
}

/// `x` with at most `decimals` decimals and its sign (`+`, `−`, none for zero).
fn signed(x: f64, decimals: usize, lang: Lang) -> String {
    let body = short(x.abs(), decimals, lang);
    let zero = !body.chars().any(|c| c.is_ascii_digit() && c != '0');
    let sign = match (zero, x > 0.0) {
        (true, _) => "",
        (false, true) => "+",
        (false, false) => "−",
    };
    format!("{sign}{body}")
}

/// Today's date as `27/11/2026` (Vietnamese) or `2026-11-27` (English).
pub fn today(lang: Lang) -> String {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    match lang {
        Lang::Vi => format!("{day:02}/{month:02}/{year}"),
        Lang::En => format!("{year}-{month:02}-{day:02}"),
    }
}

/// A plan status as `chiso targets` gives it (`exceeded`, `met`, `below`, `no plan`,
/// `no data`), in words: the report's tables and the target chart's legend say the same.
pub fn status(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::En, "exceeded") => "exceeded plan",
        (Lang::Vi, "exceeded") => "vượt kế hoạch",
        (Lang::En, "met") => "met plan",
        (Lang::Vi, "met") => "đạt kế hoạch",
        (Lang::En, "below") => "below plan",
        (Lang::Vi, "below") => "không đạt kế hoạch",
        (Lang::En, "no plan") => "no plan",
        (Lang::Vi, "no plan") => "chưa có kế hoạch",
        (Lang::En, "no data") => "no data",
        (Lang::Vi, "no data") => "không có số liệu",
        _ => "",
    }
}

/// A progress status (as `chiso progress` gives it) in words.
pub fn progress_status(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::En, "achieved") => "achieved",
        (Lang::Vi, "achieved") => "đã đạt",
        (Lang::En, "not achieved") => "not achieved",
        (Lang::Vi, "not achieved") => "không đạt",
        (Lang::En, "on track") => "on track",
        (Lang::Vi, "on track") => "đúng tiến độ",
        (Lang::En, "moderate") => "moderate",
        (Lang::Vi, "moderate") => "cần tăng tốc",
        (Lang::En, "limited") => "limited",
        (Lang::Vi, "limited") => "chậm",
        (Lang::En, "marginal") => "marginal",
        (Lang::Vi, "marginal") => "rất chậm",
        (Lang::En, "stagnant") => "stagnant",
        (Lang::Vi, "stagnant") => "đứng yên",
        (Lang::En, "deteriorating") => "deteriorating",
        (Lang::Vi, "deteriorating") => "đi lùi",
        (Lang::En, "regressing") => "regressing",
        (Lang::Vi, "regressing") => "đi lùi",
        (Lang::En, "substantial") => "substantial",
        (Lang::Vi, "substantial") => "tiến bộ rõ",
        (Lang::En, "not computable") => "not computable",
        (Lang::Vi, "not computable") => "không tính được",
        _ => "",
    }
}

/// The text with its first letter a capital, as a legend or a heading starts.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

/// The fixed words of charts (legends, footers, axis notes).
pub fn chart_word(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::En, "source") => "Source",
        (Lang::Vi, "source") => "Nguồn",
        (Lang::En, "base") => "Base",
        (Lang::Vi, "base") => "Kỳ gốc",
        (Lang::En, "latest") => "latest",
        (Lang::Vi, "latest") => "mới nhất",
        (Lang::En, "projected") => "Projected",
        (Lang::Vi, "projected") => "Dự báo",
        (Lang::En, "target") => "Target",
        (Lang::Vi, "target") => "Mục tiêu",
        (Lang::En, "boundaries") => "Boundaries",
        (Lang::Vi, "boundaries") => "Ranh giới",
        (Lang::En, "periods") => "Periods",
        (Lang::Vi, "periods") => "Giai đoạn",
        (Lang::En, "median") => "Median",
        (Lang::Vi, "median") => "Trung vị",
        (Lang::En, "plan") => "Plan",
        (Lang::Vi, "plan") => "Kế hoạch",
        (Lang::En, "yoy") => "change on the year before, %",
        (Lang::Vi, "yoy") => "tăng/giảm so với cùng kỳ, %",
        (Lang::En, "yoy_pp") => "change on the year before, percentage points",
        (Lang::Vi, "yoy_pp") => "tăng/giảm so với cùng kỳ, điểm phần trăm",
        (Lang::En, "better") => "better",
        (Lang::Vi, "better") => "tốt hơn",
        (Lang::En, "worse") => "worse",
        (Lang::Vi, "worse") => "kém hơn",
        _ => "",
    }
}

const LABELS: [(&str, &str, &str); 39] = [
    ("report", "Indicator report", "Báo cáo chỉ số"),
    ("generated", "Generated on", "Lập ngày"),
    ("highlights", "Highlights", "Điểm nổi bật"),
    ("for", "for", "của"),
    ("contents", "Contents", "Mục lục"),
    ("summary", "Summary", "Tổng hợp"),
    ("ranking", "Ranking", "Xếp hạng"),
    ("trend", "Trend", "Xu hướng"),
    ("map", "Map", "Bản đồ"),
    ("progress", "Progress toward the target of", "Tiến độ thực hiện mục tiêu năm"),
    ("target", "Target", "Mục tiêu"),
    ("projected", "Projected", "Dự báo"),
    ("targets", "Against plan", "So với kế hoạch"),
    ("area", "Area", "Đơn vị"),
    ("period", "Period", "Kỳ"),
    ("latest", "Latest", "Mới nhất"),
    ("previous", "Year before", "Cùng kỳ năm trước"),
    ("yoy", "Change on the year before", "Tăng/giảm so với cùng kỳ"),
    ("cagr", "Average annual growth (CAGR)", "Tăng trưởng bình quân năm (CAGR)"),
    ("rank", "Rank", "Xếp hạng"),
    ("rank_change", "Change in rank", "Thay đổi thứ hạng"),
    ("value", "Value", "Giá trị"),
    ("plan", "Plan", "Kế hoạch"),
    ("pct_of_plan", "% of plan", "% kế hoạch"),
    ("status", "Status", "Tình trạng"),
    ("quality", "Data quality", "Chất lượng số liệu"),
    ("no_issues", "No problems found.", "Không phát hiện vấn đề."),
    ("method", "Method", "Phương pháp"),
    ("sources", "Sources", "Nguồn số liệu"),
    ("file", "File", "Tệp"),
    ("periods", "Periods", "Giai đoạn"),
    ("rows", "Rows", "Số dòng"),
    ("notes", "Notes", "Ghi chú"),
    ("of", "of", "trên"),
    ("top", "Top", "Đứng đầu"),
    ("unit", "Unit", "Đơn vị tính"),
    ("areas", "areas", "đơn vị"),
    ("first", "First period", "Kỳ đầu"),
    ("last", "Last period", "Kỳ cuối"),
];

/// The labels of one language, by key, for the templates.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(key, en, vi)| {
            (
                *key,
                match lang {
                    Lang::En => *en,
                    Lang::Vi => *vi,
                },
            )
        })
        .collect()
}

/// How YoY, CAGR, ranks and statuses are computed, for the method section.
pub fn method(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::En => vec![
            "Change on the year before (YoY) compares a value with the same period one year earlier (the same quarter or month for sub-annual data): (latest − previous) ÷ |previous| × 100. When that period is missing the change is left blank; gaps are never bridged.",
            "Average annual growth (CAGR) = ((last ÷ first)^(1 ÷ years) − 1) × 100, over the true distance in years between the first and the last value; blank with fewer than two values or a first value of zero or less.",
            "Ranks: 1 is the best value — the highest, or the lowest for indicators where lower is better. Areas with equal values share the lowest rank (1, 2, 2, 4). Only areas with a value are ranked; the change in rank compares with the previous period.",
            "Plan status: a value inside a plan range is met, past its better end exceeded, short of it below; a single target is met when reached. For lower-is-better indicators the better end is the lower one.",
        ],
        Lang::Vi => vec![
            "Tăng trưởng so với cùng kỳ so sánh giá trị với cùng kỳ năm trước (cùng quý, cùng tháng với số liệu quý, tháng): (kỳ này − cùng kỳ) ÷ |cùng kỳ| × 100. Thiếu số liệu cùng kỳ thì để trống, không nội suy qua khoảng trống.",
            "Tăng trưởng bình quân năm (CAGR) = ((giá trị cuối ÷ giá trị đầu)^(1 ÷ số năm) − 1) × 100, theo đúng khoảng cách năm giữa giá trị đầu và cuối; để trống khi có ít hơn hai giá trị hoặc giá trị đầu không dương.",
            "Xếp hạng: hạng 1 là giá trị tốt nhất — cao nhất, hoặc thấp nhất với chỉ tiêu càng thấp càng tốt. Các đơn vị bằng nhau cùng nhận hạng thấp nhất (1, 2, 2, 4). Chỉ xếp hạng đơn vị có số liệu; thay đổi thứ hạng so với kỳ trước.",
            "Tình trạng kế hoạch: nằm trong khoảng kế hoạch là đạt, vượt đầu tốt hơn là vượt kế hoạch, thấp hơn là không đạt; chỉ tiêu một mức đạt khi chạm mức đó. Với chỉ tiêu càng thấp càng tốt, đầu tốt hơn là đầu thấp.",
        ],
    }
}

/// `1st`, `2nd`, `3rd`, `4th` … in English; `thứ 1` in Vietnamese.
pub fn ordinal(n: u32, lang: Lang) -> String {
    // Thousands grouped as in the numbers beside it: `1,051st of 1,200`, `thứ 1.051/1.200`.
    let number = short(f64::from(n), 0, lang);
    match lang {
        Lang::Vi => format!("thứ {number}"),
        Lang::En => {
            let suffix = match (n % 10, n % 100) {
                (1, r) if r != 11 => "st",
                (2, r) if r != 12 => "nd",
                (3, r) if r != 13 => "rd",
                _ => "th",
            };
            format!("{number}{suffix}")
        }
    }
}

/// How a value stands against its plan, for a headline: `within the 11–12 % plan`,
/// `vượt kế hoạch 10 %`… (`status` as `chiso targets` gives it; `range`: the plan is a range).
pub fn against_plan(lang: Lang, status: &str, range: bool, plan: &str) -> String {
    match (lang, status, range) {
        (Lang::En, "met", true) => format!("within the {plan} plan"),
        (Lang::En, "met", false) => format!("reaching the {plan} plan"),
        (Lang::En, "exceeded", _) => format!("above the {plan} plan"),
        (Lang::En, _, _) => format!("below the {plan} plan"),
        (Lang::Vi, "met", true) => format!("trong khoảng kế hoạch {plan}"),
        (Lang::Vi, "met", false) => format!("đạt kế hoạch {plan}"),
        (Lang::Vi, "exceeded", _) => format!("vượt kế hoạch {plan}"),
        (Lang::Vi, _, _) => format!("không đạt kế hoạch {plan}"),
    }
}

/// `on the year before` / `so với cùng kỳ`, after a change in %.
pub fn on_the_year_before(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "on the year before",
        Lang::Vi => "so với cùng kỳ",
    }
}

/// A rank among `out_of` for a headline: `1,051st of 1,200` / `xếp thứ 1.051/1.200`.
pub fn ranked(lang: Lang, rank: u32, out_of: f64) -> String {
    let n = short(out_of, 0, lang);
    match lang {
        Lang::En => format!("{} of {n}", ordinal(rank, lang)),
        Lang::Vi => format!("xếp {}/{n}", ordinal(rank, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(1234.5, 1, Lang::En), "1,234.5");
        assert_eq!(number(1234.5, 1, Lang::Vi), "1.234,5");
        assert_eq!(number(-54585000.0, 0, Lang::En), "−54,585,000");
        assert_eq!(number(11.68, 2, Lang::Vi), "11,68");
        assert_eq!(number(-0.001, 1, Lang::En), "0.0");
    }

    #[test]
    fn big_numbers_in_words() {
        assert_eq!(compact(1_119_099_871_436.0, 2, Lang::En), "1.12 trillion");
        assert_eq!(compact(543_976_691_793.89, 2, Lang::En), "544 billion");
        assert_eq!(compact(34_365_270_496.67, 2, Lang::Vi), "34,4 tỷ");
        assert_eq!(compact(-2_500_000.0, 0, Lang::En), "−2.5 million");
        assert_eq!(compact(999_700_000_000.0, 2, Lang::En), "1 trillion");
        assert_eq!(compact(3_347_500_000_000.0, 0, Lang::Vi), "3,35 nghìn tỷ");
        assert_eq!(compact(999_000.0, 0, Lang::En), "999,000");
        assert_eq!(compact(11.68, 2, Lang::Vi), "11,68");
        assert_eq!(compact(0.0, 0, Lang::En), "0");
    }

    #[test]
    fn numbers_for_sentences() {
        assert_eq!(short(11.68, 2, Lang::Vi), "11,68");
        assert_eq!(short(84.0, 2, Lang::En), "84");
        assert_eq!(signed_pct(19.000000001, Lang::En), "+19 %");
        assert_eq!(signed_pct(-3.46, Lang::Vi), "−3,5 %");
        assert_eq!(signed_pct(0.01, Lang::En), "0 %");
    }

    #[test]
    fn dates() {
        let vi = today(Lang::Vi);
        assert_eq!(vi.len(), 10);
        assert_eq!(&vi[2..3], "/");
        assert_eq!(today(Lang::En).len(), 10);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1, Lang::En), "1st");
        assert_eq!(ordinal(12, Lang::En), "12th");
        assert_eq!(ordinal(22, Lang::En), "22nd");
        assert_eq!(ordinal(3, Lang::Vi), "thứ 3");
    }

    #[test]
    fn every_label_in_both_languages() {
        assert!(labels(Lang::Vi).values().all(|v| !v.is_empty()));
        assert_eq!(labels(Lang::Vi)["yoy"], "Tăng/giảm so với cùng kỳ");
        assert_eq!(labels(Lang::Vi)["plan"], "Kế hoạch");
    }

    #[test]
    fn changes_in_points_and_per_cent() {
        assert_eq!(signed_points(0.78, 2, Lang::Vi), "+0,78 điểm %");
        assert_eq!(signed_points(-0.5, 2, Lang::En), "−0.5 pp");
        assert_eq!(signed_points(0.001, 2, Lang::En), "0 pp");
        assert_eq!(signed_pct(19.0, Lang::En), "+19 %");
        assert_eq!(signed_pct(-3.54, Lang::Vi), "−3,5 %");
    }

    #[test]
    fn one_word_per_status_in_both_languages() {
        for key in ["exceeded", "met", "below", "no plan", "no data"] {
            assert!(!status(Lang::En, key).is_empty() && !status(Lang::Vi, key).is_empty(), "{key}");
        }
        assert_eq!(status(Lang::Vi, "below"), "không đạt kế hoạch");
        assert_eq!(capitalised(status(Lang::Vi, "met")), "Đạt kế hoạch");
        assert_eq!(capitalised(status(Lang::En, "below")), "Below plan");
    }
}
