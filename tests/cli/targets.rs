//! `chiso targets`: plan status from the data's plan range and from a separate plan file.

use super::*;
use std::collections::HashMap;

#[test]
fn lang_son_growth_is_within_plan() {
    let r = run(&[
        "targets",
        "datasets/lang-son/tang-truong.csv",
        "--period",
        "2019",
        "--meta",
        "datasets/indicators.csv",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("lang_son_growth_targets", r.transcript());
    let rows = csv_rows(&r.stdout);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let city = &rows[1];
    assert_eq!(
        [
            &city[col("area")],
            &city[col("value")],
            &city[col("plan_low")],
            &city[col("plan_high")],
            &city[col("status")]
        ],
        ["Lạng Sơn", "11.68", "11", "12", "met"]
    );
}

/// `(province, year) → total.rev` from a raw budget file, names as written.
fn budget(file: &str) -> HashMap<(String, String), f64> {
    let text = std::fs::read_to_string(root().join("datasets").join(file)).unwrap().replace('\r', "\n");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (prov, year, rev) = (at("prov"), at("year"), at("total.rev"));
    reader
        .records()
        .map(Result::unwrap)
        .map(|r| ((r[prov].to_string(), r[year].to_string()), r[rev].parse().unwrap()))
        .collect()
}

#[test]
fn budget_final_against_plan_through_the_crosswalk() {
    let out = ok(&[
        "targets",
        "datasets/vn_mof_budget_final_2006_2015.csv",
        "--plan",
        "datasets/vn_mof_budget_plan_2006_2017.csv",
        "--areas",
        "datasets/vn-provinces.csv",
        "--indicator",
        "total.rev",
        "--meta",
        "datasets/indicators.csv",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let finals = budget("vn_mof_budget_final_2006_2015.csv");
    let plans = budget("vn_mof_budget_plan_2006_2017.csv");
    // Independent crosswalk for the three names that differ between the files.
    fn plan_name(final_name: &str) -> &str {
        match final_name {
            "Ba Ria - Vung Tau" => "BRVT",
            "Ho Chi Minh City" => "TP HCM",
            "Thua Thien - Hue" => "Thua Thien Hue",
            other => other,
        }
    }
    let canonical = |name: &str| match name {
        "Thua Thien - Hue" => "Thua Thien Hue".to_string(),
        other => other.to_string(),
    };
    for year in 2009..=2015 {
        let year = year.to_string();
        let of_year: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("period")] == year).collect();
        assert_eq!(of_year.len(), 63, "{year}");
        for ((prov, y), value) in finals.iter().filter(|((_, y), _)| *y == year) {
            let plan = plans[&(plan_name(prov).to_string(), y.clone())];
            let row =
                of_year.iter().find(|r| r[col("area")] == canonical(prov)).unwrap_or_else(|| panic!("{prov} {y}"));
            assert_ne!(row[col("status")], "no plan", "{prov} {y}");
            let pct: f64 = row[col("pct_of_plan")].parse().unwrap();
            assert!((pct - value / plan * 100.0).abs() < 1e-9, "{prov} {y}: {pct}");
        }
    }
    for year in ["2016", "2017"] {
        let of_year: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("period")] == year).collect();
        assert_eq!(of_year.len(), 63);
        assert!(of_year.iter().all(|r| r[col("status")] == "no data" && r[col("value")].is_empty()));
    }
}

#[test]
fn a_ceiling_for_a_lower_is_better_indicator() {
    let r = run(&[
        "targets",
        "tests/fixtures/poverty.csv",
        "--plan",
        "tests/fixtures/poverty_plan.csv",
        "--meta",
        "tests/fixtures/meta_lower.csv",
        "--period",
        "2019",
        "--format",
        "csv",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("poverty_targets", r.transcript());
    let status: HashMap<String, String> =
        csv_rows(&r.stdout).into_iter().skip(1).map(|r| (r[0].clone(), r[r.len() - 1].clone())).collect();
    assert_eq!(status["A"], "met"); // 4.0 under a 4.5 ceiling
    assert_eq!(status["B"], "below"); // 2.5 over a 2.0 ceiling
    assert_eq!(status["D"], "no data"); // no value (and no plan)
    assert_eq!(status["C"], "met"); // 4.0 under a 5.0 ceiling
    assert_eq!(status["E"], "met"); // at the ceiling
}

#[test]
fn a_plan_file_that_matches_no_area() {
    let dir = temp();
    let plan = dir.path().join("plan.csv");
    std::fs::write(&plan, "area,year,plan\nAtlantis,2019,5\n").unwrap();
    let r = run(&["targets", "datasets/lang-son/tang-truong.csv", "--plan", path_str(&plan)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("the plan file matches no area of the data (its areas: Atlantis)"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: "));
}

#[test]
fn a_planning_table_with_actual_and_plan_columns() {
    // `STT;Chỉ tiêu;ĐVT;TH 2018;KH 2019;Ước TH 2019;So sánh (%);KH 2020`: a district's own report,
    // one row per indicator; KH columns are plans, `Ước TH` an estimated actual.
    let r = run(&["convert", "tests/fixtures/bao-cao-kh.csv", "--area-name", "Lạng Sơn", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("planning_table_convert", r.stdout);
    assert!(r.stdout.starts_with("area,indicator,period,year,sub,freq,value,flag,unit,plan_low,plan_high\n"));
    assert!(r
        .stdout
        .contains("\nLạng Sơn,Tốc độ tăng trưởng giá trị sản xuất,2019,2019,0,A,11.68,estimate,%,11.5,11.5\n"));
    assert!(r.stdout.contains("\nLạng Sơn,Thu ngân sách nhà nước trên địa bàn,2020,2020,0,A,,,tỷ đồng,800,800\n"));
    let out = ok(&[
        "targets",
        "tests/fixtures/bao-cao-kh.csv",
        "--area-name",
        "Lạng Sơn",
        "--period",
        "2019",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    let status = rows[0].iter().position(|h| h == "status").unwrap();
    assert_eq!([rows[1][status].as_str(), rows[2][status].as_str()], ["met", "met"]);
    // Without --area-name the file has no area, and chiso says how to give one.
    let r = run(&["convert", "tests/fixtures/bao-cao-kh.csv"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--area-name"), "{}", r.stderr);
}
