//! `chiso rank`: checked against an independent ranking of the raw rows, ties, direction, levels.

use super::*;

#[test]
fn lang_son_city_is_first_of_eleven() {
    let args = [
        "rank",
        "datasets/lang-son/cai-cach-hanh-chinh.csv",
        "--indicator",
        "par_index",
        "--period",
        "2019",
        "--meta",
        "datasets/indicators.csv",
        "--format",
        "csv",
    ];
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("lang_son_par_rank", r.transcript());
    let rows = csv_rows(&r.stdout);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("area")], "Lạng Sơn");
    assert_eq!(rows[1][col("rank")], "1");
    assert_eq!(rows[1][col("out_of")], "11");
    assert_eq!(rows.len(), 12);
}

/// Ranks with ties sharing the lowest rank (1, 2, 2, 4), computed from the raw PCI rows.
fn independent_ranks(year: &str, column: &str) -> Vec<(String, usize)> {
    let mut reader = csv::Reader::from_path(root().join("datasets/vn_pci_2005_2016_panel.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (prov, y, value) = (at("prov"), at("year"), at(column));
    let mut rows: Vec<(String, f64)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[y] == year && &r[prov] != "NA" && &r[value] != "NA")
        .map(|r| (r[prov].to_string(), r[value].parse().unwrap()))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    rows.iter().map(|(name, v)| (name.clone(), 1 + rows.iter().filter(|(_, w)| w > v).count())).collect()
}

#[test]
fn pci_2016_matches_a_ranking_of_the_raw_rows() {
    let out = ok(&["rank", "datasets/vn_pci_2005_2016_panel.csv", "--indicator", "pci_weighted", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got: Vec<(String, usize)> = json.as_array().unwrap()[..63]
        .iter()
        .map(|r| (r["area"].as_str().unwrap().to_string(), r["rank"].as_f64().unwrap() as usize))
        .collect();
    let expected = independent_ranks("2016", "pci_weighted");
    assert_eq!(expected.len(), 63);
    // The latest period is 2016; areas of earlier years only (Ha Tay) are listed unranked.
    assert_eq!(&got[..63], &expected[..]);
    assert!(json.as_array().unwrap().iter().all(|r| r["period"] == "2016"));
    let unranked: Vec<&str> = json.as_array().unwrap()[63..].iter().map(|r| r["area"].as_str().unwrap()).collect();
    assert_eq!(unranked, ["Ha Tay"]);
}

#[test]
fn ties_and_lower_is_better() {
    for ties in ["min", "dense", "average"] {
        let r = run(&[
            "rank",
            "tests/fixtures/poverty.csv",
            "--meta",
            "tests/fixtures/meta_lower.csv",
            "--ties",
            ties,
            "--format",
            "csv",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        insta::assert_snapshot!(format!("poverty_rank_{ties}"), r.stdout);
    }
    // Lower is better: B (2.5) is first; A and C tie at 4.0; D has no value and comes last.
    let out = ok(&["rank", "tests/fixtures/poverty.csv", "--meta", "tests/fixtures/meta_lower.csv", "--format", "csv"]);
    let areas: Vec<String> = csv_rows(&out).into_iter().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(areas, ["B", "A", "C", "E", "D"]);
    // Without the metadata, higher is better and chiso says so.
    let r = run(&["rank", "tests/fixtures/poverty.csv", "--format", "csv"]);
    assert!(r.stderr.contains("higher-is-better"), "{}", r.stderr);
    let areas: Vec<String> = csv_rows(&r.stdout).into_iter().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(areas, ["E", "A", "C", "B", "D"]);
}

#[test]
fn top_and_bottom() {
    let top = ok(&[
        "rank",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--indicator",
        "pci_weighted",
        "--top",
        "3",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&top);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][0], "Da Nang");
    let bottom = ok(&[
        "rank",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--indicator",
        "pci_weighted",
        "--bottom",
        "2",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&bottom);
    assert_eq!(rows.len(), 3);
    let col = rows[0].iter().position(|h| h == "rank").unwrap();
    assert_eq!(rows[2][col], "63");
}

#[test]
fn levels_keep_aggregates_out() {
    let out = ok(&["rank", "tests/fixtures/gso_export.csv", "--areas", "datasets/vn-provinces.csv", "--format", "csv"]);
    let rows = csv_rows(&out);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let country = rows.iter().find(|r| r[col("area")] == "Viet Nam").expect("WHOLE COUNTRY is Viet Nam");
    assert_eq!(country[col("level")], "country");
    assert_eq!(country[col("out_of")], "1");
    let provinces: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("level")] == "province").collect();
    assert_eq!(provinces.len(), 2);
    assert!(provinces.iter().all(|r| r[col("out_of")] == "1"), "Pre. 2016 has only Lang Son: {out}");
    let only = ok(&[
        "rank",
        "tests/fixtures/gso_export.csv",
        "--areas",
        "datasets/vn-provinces.csv",
        "--level",
        "province",
        "--format",
        "csv",
    ]);
    assert!(!only.contains("Viet Nam"));
}

#[test]
fn bad_rank_input() {
    let r = run(&["rank", "tests/fixtures/poverty.csv", "--level", "planet"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("rank_unknown_level", r.transcript());
    let r = run(&["rank", "tests/fixtures/poverty.csv", "--level", "province"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--level needs --areas"), "{}", r.stderr);
    let r = run(&["rank", "tests/fixtures/poverty.csv", "--indicator", "gdp"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("rank_unknown_indicator", r.transcript());
}

/// `--area` shows an area's rank among all areas (as `summary` does), not among the areas shown.
#[test]
fn an_area_is_ranked_among_all_areas() {
    let args = [
        "rank",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--indicator",
        "pci_weighted",
        "--period",
        "2016",
        "--format",
        "csv",
    ];
    let all = csv_rows(&ok(&args));
    let col = |name: &str| all[0].iter().position(|h| h == name).unwrap();
    let lang_son = all.iter().find(|r| r[col("area")] == "Lang Son").unwrap().clone();
    let one = csv_rows(&ok(&[&args[..], &["--area", "lang son"]].concat()));
    assert_eq!(one.len(), 2, "{one:?}");
    assert_eq!(one[1], lang_son);
    assert_eq!(one[1][col("out_of")], "63");
    // The same rank as summary gives it.
    let summary = csv_rows(&ok(&[
        "summary",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--indicator",
        "pci_weighted",
        "--area",
        "Lang Son",
        "--format",
        "csv",
    ]));
    let s = |name: &str| summary[1][summary[0].iter().position(|h| h == name).unwrap()].clone();
    assert_eq!(s("rank"), one[1][col("rank")]);
    // Two areas: each with its rank among the 63.
    let two = csv_rows(&ok(&[&args[..], &["--area", "Lang Son", "--area", "Da Nang"]].concat()));
    assert_eq!(two.len(), 3);
    assert!(two[1..].iter().all(|r| r[col("out_of")] == "63"), "{two:?}");
}
