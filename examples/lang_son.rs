//! The anchor example through the library: open the three Lạng Sơn files as they are, keep the
//! city of Lạng Sơn, and print its 2019 figures with their plan status and rank among the 11
//! districts of the province:
//!
//! ```text
//! Lạng Sơn, 2019:
//!   Thu ngân sách nhà nước trên địa bàn: 773.5 tỷ đồng — +19 % on the year before, ranked 1 of 11
//!   Tốc độ tăng trưởng giá trị sản xuất: 11.68 % — within the 11–12 % plan (met), ranked 1 of 11
//!   par_index: 84 — +2.5 points on the year before, ranked 1 of 11
//! ```
//!
//! Run with `cargo run --release --example lang_son`.

use chiso::dataset::{DataSettings, Dataset, Filters};
use polars::prelude::*;

fn main() -> anyhow::Result<()> {
    let inputs = ["tang-truong.csv", "thu-ngan-sach.csv", "cai-cach-hanh-chinh.csv"]
        .iter()
        .map(|f| format!("{}/datasets/lang-son/{f}", env!("CARGO_MANIFEST_DIR")))
        .collect();
    // Names match ignoring case and diacritics: "lang son" finds Lạng Sơn.
    let filter = Filters { areas: vec!["lang son".into()], ..Filters::default() };
    let mut dataset = Dataset::open(&DataSettings { inputs, filter, ..DataSettings::default() })?;
    // Warnings about the data (and the quality checks, which run meanwhile) go to stderr.
    dataset.print_warnings()?;
    // One row per series, ranked among every area of the files (not only those kept).
    let summary = dataset.summary()?;
    // Plans come from the data's own plan columns (kế hoạch).
    let targets = dataset.targets(None, None)?;

    let text = |df: &DataFrame, column: &str, row: usize| -> String {
        df.column(column).ok().and_then(|c| c.str().ok()?.get(row).map(str::to_string)).unwrap_or_default()
    };
    let number = |df: &DataFrame, column: &str, row: usize| -> Option<f64> {
        df.column(column).ok()?.cast(&DataType::Float64).ok()?.f64().ok()?.get(row)
    };
    println!("{}, {}:", text(&summary, "area", 0), text(&summary, "last_period", 0));
    for i in 0..summary.height() {
        let (indicator, unit) = (text(&summary, "indicator", i), text(&summary, "unit", i));
        let latest = number(&summary, "latest", i).map_or("no value".into(), |v| v.to_string());
        let status = text(&summary, "plan_status", i);
        // A rate moves in points, not per cent of itself; the plan status says where it stands.
        let how = if status == "met" || status == "exceeded" || status == "below" {
            let plan = (0..targets.height())
                .find(|&t| {
                    text(&targets, "indicator", t) == indicator
                        && text(&targets, "period", t) == text(&summary, "last_period", i)
                })
                .map(|t| (number(&targets, "plan_low", t), number(&targets, "plan_high", t)));
            match plan {
                Some((Some(low), Some(high))) if low != high && status == "met" => {
                    format!("within the {low}–{high} {unit} plan ({status})")
                }
                Some((Some(low), _)) => format!("against a plan of {low} {unit} ({status})"),
                _ => status,
            }
        } else if unit == "%" || unit.is_empty() {
            number(&summary, "change", i).map_or("no change".into(), |c| format!("{c:+} points on the year before"))
        } else {
            number(&summary, "yoy_pct", i).map_or("no change".into(), |p| format!("{p:+.0} % on the year before"))
        };
        let rank = match (number(&summary, "rank", i), number(&summary, "out_of", i)) {
            (Some(r), Some(n)) => format!(", ranked {r} of {n}"),
            _ => String::new(),
        };
        let unit = if unit.is_empty() { unit } else { format!(" {unit}") };
        println!("  {indicator}: {latest}{unit} — {how}{rank}");
    }
    Ok(())
}
