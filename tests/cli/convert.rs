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

/// A long file of `areas` × 5 indicators × 20 years, one series after another, with missing
/// values, a quoted name holding the delimiter and one holding a line break.
fn long_file(areas: usize) -> String {
    let mut text = String::from("area,indicator,year,value\n");
    for a in 0..areas {
        let name = match a {
            3 => "\"Tỉnh, 3\"".to_string(),
            5 => "\"Area\n5\"".to_string(),
            _ => format!("Area {a}"),
        };
        for i in 0..5 {
            for y in 2000..2020 {
                let value = if (a + i + y as usize).is_multiple_of(17) {
                    "NA".to_string()
                } else {
                    format!("{}.{}", a * 7 + i, y % 13)
                };
                text.push_str(&format!("{name},ind{i},{y},{value}\n"));
            }
        }
    }
    text
}

#[test]
fn a_file_read_in_parts_gives_the_same_rows() {
    let dir = temp();
    let path = dir.path().join("long.csv");
    std::fs::write(&path, long_file(30)).unwrap();
    let file = path_str(&path);
    let whole = run(&["convert", file]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    for part in [1, 1000, 4096, 50_000] {
        let parts = in_parts(&["convert", file], part);
        assert_eq!(parts.code, 0, "{}", parts.stderr);
        assert!(parts.stdout == whole.stdout, "part size {part}");
        assert!(parts.stderr.contains("is read a part at a time"), "{}", parts.stderr);
    }
    // Excel text, a filter that only later parts satisfy, and a file written atomically.
    let args = ["convert", file, "--indicator", "IND4", "--area", "area 29", "--excel"];
    assert!(in_parts(&args, 1000).stdout == run(&args).stdout);
    let out = dir.path().join("out.csv");
    let written = in_parts(&["convert", file, "-o", path_str(&out)], 1000);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(std::fs::read_to_string(&out).unwrap() == whole.stdout);
    // Whole parts of rows without an area are left out, as read whole.
    let gap: Vec<String> = long_file(30)
        .lines()
        .enumerate()
        .map(
            |(i, l)| {
                if (1000..2000).contains(&i) {
                    format!(",{}", l.split_once(',').unwrap().1)
                } else {
                    l.to_string()
                }
            },
        )
        .collect();
    let path = dir.path().join("gap.csv");
    std::fs::write(&path, gap.join("\n") + "\n").unwrap();
    let (whole, parts) = (run(&["convert", path_str(&path)]), in_parts(&["convert", path_str(&path)], 1000));
    assert_eq!(parts.code, 0, "{}", parts.stderr);
    assert!(parts.stdout == whole.stdout);
    assert!(parts.stderr.contains("rows have no area (lines 1001, "), "{}", parts.stderr);
}

#[test]
fn a_file_read_in_parts_names_lines_of_the_whole_file() {
    let dir = temp();
    let text = long_file(30);
    let line = 2500;
    // A typo far down, on line `line` (the header is line 1).
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[line - 1] = lines[line - 1].rsplit_once(',').map(|(head, _)| format!("{head},1O.5")).unwrap();
    let path = dir.path().join("typo.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let r = in_parts(&["convert", path_str(&path)], 1000);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&format!("typo.csv:{line}: column 'value': '1O.5' is not a number")), "{}", r.stderr);
    // A byte that is not UTF-8 far down, on the line after.
    let mut bytes = text.clone().into_bytes();
    let at = text.match_indices('\n').nth(line - 1).unwrap().0 + 3;
    bytes[at] = 0xE1;
    let path = dir.path().join("latin.csv");
    std::fs::write(&path, bytes).unwrap();
    let r = in_parts(&["convert", path_str(&path)], 1000);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&format!("latin.csv:{}: not valid UTF-8", line + 1)), "{}", r.stderr);
}

#[test]
fn a_series_coming_back_stops_a_file_read_in_parts() {
    // Read whole, the repeated rows are identical duplicates (kept once); read in parts, chiso
    // cannot tell, and says where and what to do.
    let dir = temp();
    let text = long_file(10);
    let again: String = text.lines().skip(1).take(30).map(|l| format!("{l}\n")).collect();
    let path = dir.path().join("again.csv");
    std::fs::write(&path, format!("{text}{again}")).unwrap();
    assert_eq!(run(&["convert", path_str(&path)]).code, 0);
    let r = in_parts(&["convert", path_str(&path)], 1000);
    assert_eq!(r.code, 1);
    let first_again = text.lines().count() + 1;
    assert!(
        r.stderr.contains(&format!(
            "again.csv:{first_again}: the series Area 0 / ind0 comes back here with periods read before"
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: sort the file by area, indicator and period"), "{}", r.stderr);
}

#[test]
fn only_long_files_are_read_in_parts() {
    // A wide file is read whole (its column roles are worked out on all its rows).
    let whole = run(&["convert", "datasets/vn_pci_2005_2016_panel.csv"]);
    let parts = in_parts(&["convert", "datasets/vn_pci_2005_2016_panel.csv"], 1000);
    assert!(parts.stdout == whole.stdout);
    assert!(!parts.stderr.contains("a part at a time"), "{}", parts.stderr);
}
