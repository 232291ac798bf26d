//! Fixed words of the report in English and Vietnamese.

use std::collections::BTreeMap;

use crate::chart::Lang;

const LABELS: [(&str, &str, &str); 40] = [
    ("report", "Indicator report", "Báo cáo chỉ số"),
    ("generated", "Generated on", "Lập ngày"),
    ("highlights", "Highlights", "Điểm nổi bật"),
    ("for", "for", "của"),
    ("contents", "Contents", "Mục lục"),
    ("summary", "Summary", "Tổng hợp"),
    ("ranking", "Ranking", "Xếp hạng"),
    ("trend", "Trend", "Xu hướng"),
    ("targets", "Against plan", "So với kế hoạch"),
    ("area", "Area", "Đơn vị"),
    ("period", "Period", "Kỳ"),
    ("latest", "Latest", "Mới nhất"),
    ("previous", "Year before", "Cùng kỳ năm trước"),
    ("yoy", "Change on the year before", "Tăng trưởng so với cùng kỳ"),
    ("cagr", "Average annual growth (CAGR)", "Tăng trưởng bình quân năm (CAGR)"),
    ("rank", "Rank", "Xếp hạng"),
    ("rank_change", "Change in rank", "Thay đổi thứ hạng"),
    ("value", "Value", "Giá trị"),
    ("plan", "Plan", "Kế hoạch"),
    ("pct_of_plan", "% of plan", "% kế hoạch"),
    ("status", "Status", "Tình trạng"),
    ("exceeded", "exceeded", "vượt kế hoạch"),
    ("met", "met", "đạt kế hoạch"),
    ("below", "below", "không đạt"),
    ("no plan", "no plan", "chưa có kế hoạch"),
    ("no data", "no data", "không có số liệu"),
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
    let number = super::short(f64::from(n), 0, lang);
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(labels(Lang::Vi)["yoy"], "Tăng trưởng so với cùng kỳ");
        assert_eq!(labels(Lang::Vi)["plan"], "Kế hoạch");
        assert_eq!(labels(Lang::Vi)["met"], "đạt kế hoạch");
    }
}
