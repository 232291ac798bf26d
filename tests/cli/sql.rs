//! `chiso sql`: queries over the canonical frame (`data`), the metadata (`meta`) and the areas
//! file (`areas`), through the usual writers; numbers recomputed from `chiso convert`.

use super::*;

const PCI: &str = "datasets/vn_pci_2005_2016_panel.csv";

#[test]
fn an_average_per_area_recomputed() {
    let query = "SELECT area, avg(value) AS mean, count(value) AS n FROM data \
                 WHERE indicator = 'pci_weighted' GROUP BY area ORDER BY mean DESC";
    let out = csv_rows(&ok(&["sql", query, PCI, "--format", "csv"]));
    assert_eq!(out[0], ["area", "mean", "n"]);
    // The same from the canonical rows, by hand.
    let rows = csv_rows(&ok(&["convert", PCI, "--indicator", "pci_weighted", "--format", "csv"]));
    let mut sums: std::collections::HashMap<String, (f64, usize)> = Default::default();
    for row in &rows[1..] {
        if let Ok(v) = row[6].parse::<f64>() {
            let e = sums.entry(row[0].clone()).or_default();
            e.0 += v;
            e.1 += 1;
        }
    }
    assert_eq!(out.len() - 1, sums.len());
    let mut last = f64::INFINITY;
    for row in &out[1..] {
        let (sum, n) = sums[&row[0]];
        let mean: f64 = row[1].parse().unwrap();
        assert!((mean - sum / n as f64).abs() < 1e-9, "{}", row[0]);
        assert_eq!(row[2], n.to_string());
        assert!(mean <= last, "ordered by mean");
        last = mean;
    }
    assert_eq!(out[1][0], "Da Nang");
}

#[test]
fn meta_and_areas_are_tables_too() {
    let query = "SELECT d.area, a.name_vi, m.unit, d.value FROM data d \
                 JOIN areas a USING (area) JOIN meta m USING (indicator) \
                 WHERE d.period = '2016' AND d.area = 'Lang Son'";
    let out = csv_rows(&ok(&[
        "sql",
        query,
        PCI,
        "--areas",
        "datasets/vn-provinces.csv",
        "--meta",
        "datasets/indicators.csv",
        "--indicator",
        "pci_weighted",
        "--format",
        "csv",
    ]));
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[1][..3], ["Lang Son", "Lạng Sơn", "points"]);
    assert_eq!(out[1][3].parse::<f64>().unwrap(), 56.29208755493);
}

#[test]
fn results_go_through_every_writer() {
    let dir = temp();
    let book = dir.path().join("top.xlsx");
    let query =
        "SELECT area, value FROM data WHERE indicator = 'pci_weighted' AND period = '2016' ORDER BY value DESC LIMIT 3";
    ok(&["sql", query, PCI, "-o", path_str(&book)]);
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let range = workbook.worksheet_range("data").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 4);
    assert!(matches!(rows[1][1], Data::Float(_)), "{:?}", rows[1][1]);
    let json: serde_json::Value = serde_json::from_str(&ok(&["sql", query, PCI, "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert!(json[0]["value"].as_f64().unwrap() >= json[1]["value"].as_f64().unwrap());
}

#[test]
fn a_bad_query_names_itself_and_the_tables() {
    let r = run(&["sql", "SELECT nope FROM data", "datasets/lang-son/thu-ngan-sach.csv"]);
    insta::assert_snapshot!("sql_unknown_column", r.transcript());
    assert_eq!(r.code, 2);
    let r = run(&["sql", "SELEC area FROM data", "datasets/lang-son/thu-ngan-sach.csv"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("SELEC area FROM data"), "{}", r.stderr);
    let r = run(&["sql", "SELECT * FROM meta", "datasets/lang-son/thu-ngan-sach.csv"]);
    assert_eq!(r.code, 2, "no --meta, no meta table: {}", r.stderr);
    assert!(r.stderr.contains("meta"), "{}", r.stderr);
}

#[test]
fn lists_in_a_result_are_written_as_text() {
    let query = "SELECT area, array_agg(value) AS values FROM data GROUP BY area ORDER BY area LIMIT 2";
    let out = csv_rows(&ok(&["sql", query, "datasets/lang-son/thu-ngan-sach.csv", "--format", "csv"]));
    assert_eq!(out[0], ["area", "values"]);
    assert_eq!(out[1][0], "Bình Gia");
    assert!(out[1][1].starts_with('[') && out[1][1].contains("41.5") && out[1][1].contains("44.8"), "{out:?}");
}
