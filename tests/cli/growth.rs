//! `chiso growth`: per-observation change, index and CAGR on the bundled data.

use super::*;

#[test]
fn lang_son_budget_revenue() {
    let r = run(&["growth", "datasets/lang-son/thu-ngan-sach.csv", "--area", "Lạng Sơn", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("lang_son_revenue_growth", r.stdout);
    assert!(r.stdout.contains(",2019,773.5,650,123.5,19,2018,119,19\n"), "{}", r.stdout);
}

#[test]
fn base_period_and_gaps() {
    let out = ok(&[
        "growth",
        "datasets/wb_gdp_current_usd_long.csv",
        "--area",
        "Viet Nam",
        "--base",
        "2010",
        "--from",
        "2009",
        "--to",
        "2012",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1]["period"], "2010");
    assert_eq!(rows[1]["index"], 100.0);
    // Before the base, CAGR is not defined; the index still is.
    assert!(rows[0]["cagr_pct"].is_null());
    assert!(rows[0]["index"].as_f64().unwrap() < 100.0);
    let v = |i: usize| rows[i]["value"].as_f64().unwrap();
    let cagr = ((v(3) / v(1)).powf(0.5) - 1.0) * 100.0;
    assert!((rows[3]["cagr_pct"].as_f64().unwrap() - cagr).abs() < 1e-9);
    let r = run(&["growth", "datasets/wb_gdp_current_usd_long.csv", "--base", "the start"]);
    assert_eq!(r.code, 2);
}
