//! `chiso convert`: the canonical long frame from each kind of input, and safe file output.

use super::*;

#[test]
fn statistics_office_export_to_long() {
    let out = ok(&["convert", "tests/fixtures/gso_export.csv", "--format", "csv"]);
    insta::assert_snapshot!("gso_convert_csv", out);
    // Names are trimmed and inner spaces collapsed; `Pre. 2016` is year 2016, preliminary.
    assert!(out.contains("\nWHOLE COUNTRY,gso_export,2013,2013,0,A,40,\n"));
    assert!(out.contains("\nQuang Nam,gso_export,Pre. 2016,2016,0,A,,preliminary\n"));
}

#[test]
fn sdmx_keeps_its_dimension_and_status() {
    let out = ok(&["convert", "tests/fixtures/sdmx.csv", "--format", "csv"]);
    insta::assert_snapshot!("sdmx_convert_csv", out);
    assert!(out.starts_with("area,indicator,SEX,period,year,sub,freq,value,flag,unit\n"));
}

#[test]
fn open_sdg_blank_area_is_the_total() {
    let out = ok(&["convert", "tests/fixtures/open_sdg.csv", "--format", "csv"]);
    insta::assert_snapshot!("open_sdg_convert_csv", out);
    assert!(out.contains("\nTotal,Poverty rate,,2018,2018,0,A,6.8,,Percent\n"));
}

#[test]
fn world_bank_wide_to_long() {
    let out = ok(&["convert", "tests/fixtures/wb_wide.csv", "--format", "csv"]);
    insta::assert_snapshot!("wb_wide_convert_csv", out);
    // `""` is missing, not zero; a quoted comma stays inside the name.
    assert!(out.contains("\nThailand,GDP growth (annual %),2020,2020,0,A,,\n"));
    assert!(out.contains("\"Bahamas, The\""));
}

#[test]
fn decomposed_names_become_nfc() {
    let out = ok(&["convert", "tests/fixtures/decomposed.csv", "--format", "csv"]);
    assert!(out.contains("\nLạng Sơn,decomposed,2019,"), "{out}");
    assert!(!out.contains('\u{323}'), "combining marks left in {out}");
}

#[test]
fn ndjson_and_json_parse() {
    let out = ok(&["convert", "datasets/lang-son/cai-cach-hanh-chinh.csv", "--format", "ndjson"]);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 22);
    assert_eq!(rows[0]["area"], "Lạng Sơn");
    assert_eq!(rows[0]["value"], 81.5);
    let out =
        ok(&["convert", "datasets/vn_papi_2011_2016_panel.csv", "--indicator", "papi_unweighted", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(json.as_array().unwrap().len() > 300);
}

#[test]
fn output_file_by_extension_and_never_over_an_input() {
    let dir = temp();
    let target = dir.path().join("long.md");
    ok(&["convert", "tests/fixtures/sdmx.csv", "-o", path_str(&target)]);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("| area | indicator | SEX |"));
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let input = dir.path().join("in.csv");
    std::fs::copy(root().join("tests/fixtures/sdmx.csv"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let r = run(&["convert", path_str(&input), "-o", path_str(&input)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("refusing to write") && r.stderr.contains("hint: "), "{}", r.stderr);
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn stacked_files_keep_their_own_columns() {
    let out = ok(&["convert", "tests/fixtures/sdmx.csv", "tests/fixtures/gso_export.csv", "--format", "csv"]);
    let rows = csv_rows(&out);
    assert_eq!(rows[0], ["area", "indicator", "SEX", "period", "year", "sub", "freq", "value", "flag", "unit"]);
    assert_eq!(rows.len(), 1 + 5 + 12);
}

#[test]
fn wide_headers_with_differing_prefixes_name_the_indicators() {
    let out = ok(&["convert", "tests/fixtures/gso_prefixed.csv", "--format", "csv"]);
    insta::assert_snapshot!("gso_prefixed_convert_csv", out);
    assert!(out.contains("\nLang Son,Total (Bill. Dongs),2015,2015,0,A,5500,\n"), "{out}");
    assert!(out.contains("\nCao Bang,Of which: Tax (Bill. Dongs),2014,2014,0,A,1200,\n"), "{out}");
    assert!(out.contains("\nCao Bang,Total (Bill. Dongs),2015,2015,0,A,,\n"), "{out}");
}

#[test]
fn column_flags_name_what_detection_cannot() {
    let dir = temp();
    let file = dir.path().join("scores.csv");
    std::fs::write(&file, "district,moc,diem\nLang Son,2019,84\nCao Loc,2019,83.1\n").unwrap();
    let r = run(&["convert", path_str(&file)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let out = ok(&[
        "convert",
        path_str(&file),
        "--period-col",
        "moc",
        "--value-col",
        "diem",
        "--indicator-name",
        "par_index",
        "--format",
        "csv",
    ]);
    assert_eq!(out, "area,indicator,period,year,sub,freq,value,flag\nLang Son,par_index,2019,2019,0,A,84,\nCao Loc,par_index,2019,2019,0,A,83.1,\n");
    let out = ok(&["convert", "tests/fixtures/quarterly.csv", "--indicator-name", "revenue", "--format", "csv"]);
    assert!(out.contains("\nLang Son,revenue,2019-Q2,2019,2,Q,99,\n"), "{out}");
}

#[test]
fn vietnamese_statistics_table_with_notes_and_footnotes() {
    // A title row, a blank row, a section title, accounting negatives with a decimal comma,
    // a footnoted preliminary year and a source line under the table.
    let r = run(&["convert", "tests/fixtures/vn_statistics_export.csv", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("vn_statistics_export", r.transcript());
    assert!(r.stdout.contains("\nLạng Sơn,vn_statistics_export,2021,2021,0,A,-12.5,\n"));
    assert!(r.stdout.contains("\nCao Lộc,vn_statistics_export,Sơ bộ 2023*,2023,0,A,7,preliminary\n"));
    assert!(!r.stdout.contains("Nguồn") && !r.stdout.contains("Miền núi"));
    assert!(r
        .stderr
        .contains("2 lines with text in the first cell only (notes or section titles) left out (lines 4, 7)"));
}
