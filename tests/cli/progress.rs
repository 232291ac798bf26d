//! `chiso progress`: the Lạng Sơn indicators against their illustrative 2025 targets, both
//! methods recomputed here from the inputs, Vietnamese status words, one target for all, errors.

use super::*;

const LANG_SON: [&str; 3] = [
    "datasets/lang-son/tang-truong.csv",
    "datasets/lang-son/thu-ngan-sach.csv",
    "datasets/lang-son/cai-cach-hanh-chinh.csv",
];
const PLAN: &str = "datasets/lang-son-ke-hoach-2025.csv";

fn table(args: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let mut all = vec!["progress"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let rows = csv_rows(&ok(&all));
    rows[1..].iter().map(|r| rows[0].iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

fn number(row: &std::collections::HashMap<String, String>, column: &str) -> f64 {
    row[column].parse().unwrap_or_else(|_| panic!("{column} = '{}'", row[column]))
}

#[test]
fn lang_son_against_2025_targets() {
    let mut args = LANG_SON.to_vec();
    args.extend(["--plan", PLAN, "--area", "Lạng Sơn"]);
    let rows = table(&args);
    assert_eq!(rows.len(), 3);
    let find = |i: &str| rows.iter().find(|r| r["indicator"] == i).unwrap();
    // Budget revenue, an amount: 650 (2018) → 773.5 (2019), 1,300 by 2025.
    let budget = find("Thu ngân sách nhà nước trên địa bàn");
    let g_obs = (773.5f64 / 650.0 - 1.0) * 100.0;
    let g_req = (2f64.powf(1.0 / 7.0) - 1.0) * 100.0;
    assert!((number(budget, "g_obs") - g_obs).abs() < 1e-9);
    assert!((number(budget, "g_req") - g_req).abs() < 1e-9);
    assert!((number(budget, "ratio") - g_obs / g_req).abs() < 1e-9);
    assert_eq!(
        (budget["per_year"].as_str(), budget["status"].as_str(), budget["target_year"].as_str()),
        ("%", "on track", "2025")
    );
    // Production-value growth, a rate: linear in points, 10.9 → 11.68, 12.5 by 2025.
    let growth = find("Tốc độ tăng trưởng giá trị sản xuất");
    assert!((number(growth, "g_obs") - 0.78).abs() < 1e-9);
    assert!((number(growth, "g_req") - 1.6 / 7.0).abs() < 1e-9);
    assert!((number(growth, "projected") - (11.68 + 0.78 * 6.0)).abs() < 1e-9);
    assert_eq!(growth["per_year"], "pp");

    // Projection: the budget at 19 % a year reaches 773.5 × 1.19^6 by 2025.
    args.extend(["--method", "projection"]);
    let rows = table(&args);
    let budget = rows.iter().find(|r| r["indicator"].starts_with("Thu ngân sách")).unwrap();
    let projected = 773.5 * 1.19f64.powi(6);
    assert!((number(budget, "projected") - projected).abs() < 1e-6);
    assert!((number(budget, "ratio") - (projected - 650.0) / (1300.0 - 650.0)).abs() < 1e-9);
    assert_eq!(budget["method"], "projection");
}

#[test]
fn every_district_in_vietnamese() {
    let mut args = LANG_SON.to_vec();
    args.extend(["--plan", PLAN, "--indicator", "par_index", "--lang", "vi"]);
    let rows = table(&args);
    assert_eq!(rows.len(), 11);
    let words: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["status"].as_str()).collect();
    assert!(
        words.iter().all(|w| ["đúng tiến độ", "cần tăng tốc", "chậm", "đi lùi", "đã đạt"].contains(w)),
        "{words:?}"
    );
}

#[test]
fn one_target_for_all_and_mistakes() {
    // Viet Nam's GDP from 2015 toward 600 billion US$ in 2030 (World Bank, current US$).
    let rows = table(&[
        "datasets/wb_gdp_current_usd_long.csv",
        "--area",
        "Viet Nam",
        "--base",
        "2015",
        "--target",
        "6e11",
        "--target-year",
        "2030",
    ]);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!((row["base_period"].as_str(), row["target_year"].as_str()), ("2015", "2030"));
    let years = number(row, "latest_period") - 2015.0;
    let g_obs = ((number(row, "latest") / number(row, "base")).powf(1.0 / years) - 1.0) * 100.0;
    assert!((number(row, "g_obs") - g_obs).abs() < 1e-9);

    let r = run(&["progress", "datasets/lang-son/tang-truong.csv", "--target", "12"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--target-year"), "{}", r.stderr);
    let r = run(&["progress", "datasets/lang-son/tang-truong.csv", "--base", "năm ngoái"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// The progress chart: one row per district with a ring at its target, a tick at the projection
/// and the status in Vietnamese; the statuses are those `chiso progress` gives.
#[test]
fn progress_chart_in_vietnamese() {
    let dir = temp();
    let svg = dir.path().join("pp.svg");
    let base =
        ["datasets/lang-son/cai-cach-hanh-chinh.csv", "--plan", PLAN, "--indicator", "par_index", "--lang", "vi"];
    let mut args = vec!["chart", "progress"];
    args.extend(base);
    args.extend(["--highlight", "Lạng Sơn", "-o", path_str(&svg)]);
    ok(&args);
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    let rings = doc.descendants().filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some("none")).count();
    assert_eq!(rings, 11 + 1, "a target ring per district and one in the legend");
    for word in ["Kỳ gốc → mới nhất", "Dự báo 2025", "Mục tiêu 2025"] {
        assert!(texts.contains(&word), "no '{word}' in {texts:?}");
    }
    let rows = table(&base);
    for row in &rows {
        assert!(texts.contains(&row["status"].as_str()), "{}", row["status"]);
    }
    let statuses = ["đúng tiến độ", "cần tăng tốc", "chậm", "đi lùi", "đã đạt"];
    assert_eq!(texts.iter().filter(|t| statuses.contains(t)).count(), 11);
}

/// With plans for a later year the report has a progress section per indicator: the counts of
/// each status and a row per area, the directions note said once.
#[test]
fn report_with_progress() {
    let dir = temp();
    let md = dir.path().join("bc.md");
    let mut args = vec!["report"];
    args.extend(LANG_SON);
    args.extend(["--plan", PLAN, "--highlight", "Lạng Sơn", "--lang", "vi", "-o", path_str(&md)]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("no --meta file").count(), 1, "{}", r.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    assert_eq!(text.matches("### Tiến độ thực hiện mục tiêu năm 2025").count(), 3, "{text}");
    assert!(text.contains("đúng tiến độ 5 · cần tăng tốc 4 · chậm 2"), "{text}");
    assert!(text.contains("| **Lạng Sơn** | 84 | 90 | 100,7 | đúng tiến độ |"), "{text}");
}

/// A planning table with the target beside the actuals (`TH 2018; TH 2019; Chỉ tiêu 2025`): the
/// target column is the plan of 2025, and progress reads it without --plan.
#[test]
fn target_column_of_a_planning_table() {
    let dir = temp();
    let csv = dir.path().join("ke-hoach.csv");
    std::fs::write(&csv, "Đơn vị;Chỉ tiêu;TH 2018;TH 2019;Chỉ tiêu 2025\nLạng Sơn;Thu ngân sách;650;773,5;1300\n")
        .unwrap();
    let rows = table(&[path_str(&csv)]);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["target"].as_str(), rows[0]["target_year"].as_str()), ("1300", "2025"));
    assert_eq!(rows[0]["status"], "on track");
}

/// A long file with `target` and `target_year` on every row: the target is the plan of its
/// year (a row with no value stands for it), not of each row's own year, so progress measures
/// toward 2025 and no row of 2019–2021 is "met".
#[test]
fn target_year_columns_put_the_target_on_its_year() {
    let dir = temp();
    let file = dir.path().join("ngheo.csv");
    std::fs::write(
        &file,
        "area,indicator,year,value,unit,target,target_year\n\
         Lạng Sơn,Tỷ lệ hộ nghèo,2019,10.5,%,3,2025\n\
         Lạng Sơn,Tỷ lệ hộ nghèo,2020,9.1,%,3,2025\n\
         Lạng Sơn,Tỷ lệ hộ nghèo,2021,7.8,%,3,2025\n\
         Cao Bằng,Tỷ lệ hộ nghèo,2019,20.1,%,8,2025\n\
         Cao Bằng,Tỷ lệ hộ nghèo,2021,17.5,%,8,2025\n",
    )
    .unwrap();
    let meta = dir.path().join("meta.csv");
    std::fs::write(&meta, "indicator,unit,direction\nTỷ lệ hộ nghèo,%,lower\n").unwrap();
    let long = ok(&["convert", path_str(&file), "--format", "csv"]);
    assert!(long.contains("\nLạng Sơn,Tỷ lệ hộ nghèo,2021,2021,0,A,7.8,,%,,\n"), "{long}");
    assert!(long.contains("\nLạng Sơn,Tỷ lệ hộ nghèo,2025,2025,0,A,,,%,3,3\n"), "{long}");
    let targets = ok(&["targets", path_str(&file), "--meta", path_str(&meta), "--format", "csv"]);
    assert!(!targets.contains(",met\n") && !targets.contains(",exceeded\n"), "{targets}");
    let rows = csv_rows(&ok(&["progress", path_str(&file), "--meta", path_str(&meta), "--format", "csv"]));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let lang_son = rows.iter().find(|r| r[col("area")] == "Lạng Sơn").unwrap();
    assert_eq!((lang_son[col("target")].as_str(), lang_son[col("target_year")].as_str()), ("3", "2025"));
    // A rate: points a year. Observed (7.8 − 10.5) / 2, required (3 − 10.5) / 6.
    let g = |name: &str| lang_son[col(name)].parse::<f64>().unwrap();
    assert!((g("g_obs") - (7.8 - 10.5) / 2.0).abs() < 1e-9);
    assert!((g("g_req") - (3.0 - 10.5) / 6.0).abs() < 1e-9);
    assert_eq!(lang_son[col("status")], "on track");
}
