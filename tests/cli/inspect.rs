//! `chiso inspect`: what is detected in real files and in fixtures of each kind of export.

use super::*;

fn inspect_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["inspect"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&ok(&all)).unwrap()
}

#[test]
fn pci_panel() {
    let r = run(&["inspect", "datasets/vn_pci_2005_2016_panel.csv", "--format", "table"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("pci_inspect_table", r.transcript());
    let json = inspect_json(&["datasets/vn_pci_2005_2016_panel.csv"]);
    assert_eq!(json["files"][0]["layout"], "wide-by-indicator");
    assert_eq!(json["indicators"], 13);
    assert_eq!(json["first_period"], "2005");
    assert_eq!(json["last_period"], "2016");
    let warning = json["warnings"][0].as_str().unwrap();
    assert!(warning.starts_with("datasets/vn_pci_2005_2016_panel.csv: 50 rows have no area (lines "), "{warning}");
}

#[test]
fn budget_final_accounts_cr_only_and_unnamed_index() {
    let json = inspect_json(&["datasets/vn_mof_budget_final_2006_2015.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["line_endings"], "CR (classic Mac)");
    assert_eq!(f["area"], "column 'prov'");
    assert_eq!(f["period"], "column 'year'");
    assert_eq!(f["dropped_columns"][0], "unnamed index column (first column)");
    assert_eq!(f["layout"], "wide-by-indicator");
    assert_eq!(json["first_period"], "2006");
    assert_eq!(json["last_period"], "2015");
}

#[test]
fn world_bank_long() {
    let json = inspect_json(&["datasets/wb_gdp_current_usd_long.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["layout"], "long");
    assert_eq!(f["area"], "column 'Country Name'");
    assert_eq!(f["period"], "column 'Year'");
    assert_eq!(f["line_endings"], "CRLF");
    assert_eq!(f["ignored"][0], "Country Code");
}

#[test]
fn world_bank_wide_with_preamble() {
    let r = run(&["inspect", "tests/fixtures/wb_wide.csv", "--format", "table"]);
    insta::assert_snapshot!("wb_wide_inspect", r.transcript());
    let json = inspect_json(&["tests/fixtures/wb_wide.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["header_line"], 5);
    assert_eq!(f["encoding"], "UTF-8 (with BOM)");
    assert_eq!(f["layout"], "wide-by-period");
    assert_eq!(f["dropped_columns"][0], "empty unnamed column 8");
    assert_eq!(json["missing"], 1);
    assert_eq!(json["observations"], 8);
}

#[test]
fn statistics_office_export() {
    let json = inspect_json(&["tests/fixtures/gso_export.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["delimiter"], ";");
    assert_eq!(f["header_line"], 3);
    assert_eq!(f["layout"], "wide-by-period");
    assert_eq!(f["area"], "column 'Cities, provincial'");
    assert_eq!(json["missing"], 2);
    assert_eq!(json["last_period"], "Pre. 2016");
}

#[test]
fn sdmx_extra_dimension() {
    let json = inspect_json(&["tests/fixtures/sdmx.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["layout"], "long");
    assert_eq!(f["dimensions"], serde_json::json!(["SEX"]));
    assert_eq!(f["area"], "column 'REF_AREA'");
}

#[test]
fn excel_export_with_decimal_commas() {
    let json = inspect_json(&["datasets/lang-son/tang-truong.csv"]);
    let f = &json["files"][0];
    assert_eq!(f["delimiter"], ";");
    assert_eq!(f["decimal_comma"], true);
    assert_eq!(f["header_line"], 3);
    assert_eq!(f["encoding"], "UTF-8 (with BOM)");
    assert_eq!(json["areas"], 11);
}

#[test]
fn legacy_encodings_are_detected() {
    // Vietnamese Windows text (windows-1258, tone marks as combining characters).
    let r = run(&["convert", "tests/fixtures/cp1258.csv", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\nLạng Sơn,cp1258,2019,2019,0,A,11.68,\n"), "{}", r.stdout);
    assert_eq!(
        r.stderr,
        "chiso: note: tests/fixtures/cp1258.csv is not UTF-8: read as windows-1258 (detected; --encoding overrides)\n"
    );
    let json = inspect_json(&["tests/fixtures/cp1258.csv"]);
    assert_eq!(json["files"][0]["encoding"], "windows-1258 (detected; --encoding overrides)");
    // Western European names (windows-1252): the curly apostrophe, the tilde and the cedilla.
    let out = ok(&["convert", "tests/fixtures/windows1252.csv", "--format", "csv"]);
    for name in ["Côte d’Ivoire", "Região Autónoma dos Açores", "São Tomé and Príncipe"] {
        assert!(out.contains(&format!("\n{name},windows1252,2019,2019,0,A,")), "{name}: {out}");
    }
    // --encoding wins over detection.
    let out = ok(&["convert", "tests/fixtures/cp1258.csv", "--encoding", "windows-1258", "--format", "csv"]);
    assert!(out.contains("\nLạng Sơn,cp1258,2019,2019,0,A,11.68,\n"), "{out}");
}

#[test]
fn tcvn3_text_is_named_and_converted() {
    let r = run(&["convert", "tests/fixtures/tcvn3.csv"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("hint: the text looks like old TCVN3 (.VnTime) Vietnamese"), "{}", r.stderr);
    assert!(r.stderr.contains("add --encoding tcvn3"), "{}", r.stderr);
    let out = ok(&["convert", "tests/fixtures/tcvn3.csv", "--encoding", "tcvn3", "--format", "csv"]);
    let rows = csv_rows(&out);
    assert_eq!(rows[0][..7], ["area", "indicator", "period", "year", "sub", "freq", "value"]);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["Hà Nội", "Hà Nội", "Đà Nẵng", "Đà Nẵng", "Quảng Ngãi", "Quảng Ngãi", "Bình Dương", "Bình Dương"]
    );
    assert_eq!(rows[1][1], "Dân số trung bình");
    // Decimal commas of a `;` file: 8093,9 is 8093.9.
    assert_eq!(rows[1][6], "8093.9");
    // Text already decoded as Latin-1 names, e.g. in a workbook, gets a warning that says so.
    let dir = temp();
    let file = dir.path().join("latin.csv");
    std::fs::write(&file, "area,year,value\nHµ Néi,2019,1\n").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert!(
        r.stderr.contains(
            "1 area names look like old TCVN3 (.VnTime) text: 'Hµ Néi' would read as 'Hà Nội'; add --encoding tcvn3"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn utf16_with_bom() {
    let out = ok(&["convert", "tests/fixtures/utf16.csv", "--format", "csv"]);
    assert!(out.contains("\nLạng Sơn,utf16,2019,2019,0,A,11.68,\n"), "{out}");
}

#[test]
fn quality_checks_on_real_panels() {
    let papi = inspect_json(&["datasets/vn_papi_2011_2016_panel.csv"]);
    let quality = papi["quality"].as_array().unwrap();
    // Each check has an id of its own.
    let ids: Vec<&str> = quality.iter().map(|f| f["check"].as_str().unwrap()).collect();
    assert!(ids.contains(&"zero_aggregates") && ids.contains(&"lone_zeros"), "{ids:?}");
    let zeros = quality.iter().find(|f| f["check"] == "zero_aggregates").unwrap();
    assert!(zeros["message"].as_str().unwrap().contains("single 0"));
    assert_eq!(zeros["count"], 2);
    let examples: Vec<&str> = zeros["examples"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
    assert!(examples[0].starts_with("Bac Giang / papi_unweighted 2014 is 0"), "{examples:?}");
    assert!(examples[1].starts_with("Dong Thap / papi_unweighted 2014 is 0"), "{examples:?}");

    let pci = inspect_json(&["datasets/vn_pci_2005_2016_panel.csv"]);
    let coverage = pci["quality"].as_array().unwrap().iter().find(|f| f["check"] == "coverage").unwrap();
    assert!(coverage["examples"][0].as_str().unwrap().starts_with("Ha Tay (values in 2008, none from 2009 on"));
    let gaps = pci["quality"].as_array().unwrap().iter().find(|f| f["check"] == "gaps").unwrap();
    assert!(gaps["count"].as_u64().unwrap() > 0);

    let wb = inspect_json(&["datasets/wb_gdp_current_usd_long.csv"]);
    let aggregates = wb["quality"].as_array().unwrap().iter().find(|f| f["check"] == "aggregates").unwrap();
    assert!(aggregates["count"].as_u64().unwrap() >= 20);
}
