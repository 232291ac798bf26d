//! `chiso derive`: the README's examples recomputed from the inputs, missing operands and zero
//! divisions, and expression mistakes pointed at with a caret (snapshots).

use super::*;

const BUDGET: &str = "datasets/vn_mof_budget_final_2006_2015.csv";

fn rows(args: &[&str]) -> Vec<std::collections::HashMap<String, String>> {
    let mut all = vec!["derive"];
    all.extend_from_slice(args);
    all.extend(["--format", "csv"]);
    let rows = csv_rows(&ok(&all));
    rows[1..].iter().map(|r| rows[0].iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

fn value(rows: &[std::collections::HashMap<String, String>], area: &str, indicator: &str, period: &str) -> Option<f64> {
    rows.iter()
        .find(|r| r["area"] == area && r["indicator"] == indicator && r["period"] == period)
        .and_then(|r| r["value"].parse().ok())
}

#[test]
fn share_of_the_national_total_and_a_ratio() {
    let out = rows(&[
        BUDGET,
        "--expr",
        "own_share = share(total.rev)",
        "--expr",
        "rev_to_exp = per(total.rev, total.exp, 100)",
        "--from",
        "2015",
    ]);
    // The share: Ha Noi's revenue over the sum of every province's, recomputed from the rows.
    let total: f64 = out
        .iter()
        .filter(|r| r["indicator"] == "total.rev" && r["period"] == "2015")
        .filter_map(|r| r["value"].parse::<f64>().ok())
        .sum();
    let ha_noi = value(&out, "Ha Noi", "total.rev", "2015").unwrap();
    assert!((value(&out, "Ha Noi", "own_share", "2015").unwrap() - ha_noi / total * 100.0).abs() < 1e-9);
    let shares: f64 =
        out.iter().filter(|r| r["indicator"] == "own_share").filter_map(|r| r["value"].parse::<f64>().ok()).sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    let exp = value(&out, "Ha Noi", "total.exp", "2015").unwrap();
    assert!((value(&out, "Ha Noi", "rev_to_exp", "2015").unwrap() - ha_noi / exp * 100.0).abs() < 1e-9);
    assert!(out.iter().any(|r| r["indicator"] == "own_share" && r["unit"] == "%"));
}

#[test]
fn rebase_real_per_capita_and_missing_values() {
    let dir = temp();
    let csv = dir.path().join("gdp.csv");
    std::fs::write(
        &csv,
        "area,indicator,year,value\n\
         A,gdp,2014,100\nA,gdp,2015,110\nA,gdp,2016,130\n\
         A,deflator,2014,95\nA,deflator,2015,100\nA,deflator,2016,104\n\
         A,population,2014,50\nA,population,2015,0\nA,population,2016,\n",
    )
    .unwrap();
    let args = [
        path_str(&csv),
        "--expr",
        "real_gdp = real(gdp, deflator, 2015)",
        "--expr",
        "index = rebase(real_gdp, 2014)",
        "--expr",
        "growth = diff(real_gdp) / lag(real_gdp) * 100",
        "--expr",
        "gdp_pc = per(gdp, population, 1000)",
    ];
    let out = rows(&args);
    let real = |y: &str| value(&out, "A", "real_gdp", y).unwrap();
    assert!((real("2014") - 100.0 / 95.0 * 100.0).abs() < 1e-9);
    assert!((real("2016") - 130.0 / 104.0 * 100.0).abs() < 1e-9);
    assert!((value(&out, "A", "index", "2016").unwrap() - real("2016") / real("2014") * 100.0).abs() < 1e-9);
    assert!((value(&out, "A", "growth", "2016").unwrap() - (real("2016") / real("2015") - 1.0) * 100.0).abs() < 1e-9);
    assert_eq!(value(&out, "A", "growth", "2014"), None, "no year before 2014");
    // Per capita: 2014 computed, 2015 divides by zero (missing, warned), 2016 has no population.
    assert!((value(&out, "A", "gdp_pc", "2014").unwrap() - 2000.0).abs() < 1e-9);
    assert_eq!(value(&out, "A", "gdp_pc", "2015"), None);
    assert_eq!(value(&out, "A", "gdp_pc", "2016"), None);
    let mut all = vec!["derive"];
    all.extend_from_slice(&args);
    let r = run(&all);
    assert!(r.stderr.contains("gdp_pc: 1 cells divide by zero and are left missing"), "{}", r.stderr);
}

#[test]
fn mistakes_point_at_the_expression() {
    for (name, expr) in [
        ("unknown_indicator", "rev_pc = total.rev / populaton * 1000"),
        ("unclosed_parenthesis", "x = (total.rev + total.exp"),
        ("unknown_function", "x = percent(total.rev)"),
        ("existing_name", "total.exp = total.rev * 2"),
    ] {
        let r = run(&["derive", BUDGET, "--expr", expr]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        insta::assert_snapshot!(format!("derive_{name}"), r.stderr);
    }
}

/// A ratio of two indicators in one unit, per 100, is a rate (unit `%`): its change is then in
/// points downstream; `--kind` writes the kind as the unit that says it.
#[test]
fn derived_kinds() {
    let dir = temp();
    let csv = dir.path().join("poor.csv");
    std::fs::write(
        &csv,
        "area,indicator,unit,year,value\nA,poor,people,2020,50\nA,population,people,2020,1000\nA,poor,people,2021,40\nA,population,people,2021,1000\n",
    )
    .unwrap();
    let out = rows(&[path_str(&csv), "--expr", "poverty = per(poor, population, 100)", "--indicator", "poverty"]);
    assert!(out.iter().all(|r| r["unit"] == "%"), "{out:?}");
    let derived = ok(&["derive", path_str(&csv), "--expr", "poverty = per(poor, population, 100)", "--format", "csv"]);
    let summary = path_str(&dir.path().join("derived.csv")).to_string();
    std::fs::write(&summary, derived).unwrap();
    let table = csv_rows(&ok(&["summary", &summary, "--indicator", "poverty", "--format", "csv"]));
    let col = |name: &str| table[0].iter().position(|h| h == name).unwrap();
    assert_eq!((table[1][col("change")].as_str(), table[1][col("yoy_pct")].as_str()), ("-1", ""));
    let out = rows(&[path_str(&csv), "--expr", "x = poor * 2", "--kind", "score", "--indicator", "x"]);
    assert!(out.iter().all(|r| r["unit"] == "points"), "{out:?}");
}
