//! The bad-input table: for each kind of bad file, the exact message (pinned as one snapshot) and
//! the exit code. Nothing may panic.

use super::*;

/// A row of the table: a name, the file's bytes (None: no file at all), extra arguments, the exit
/// code and a piece of the message.
struct Case {
    name: &'static str,
    bytes: Option<Vec<u8>>,
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
}

fn case(
    name: &'static str,
    bytes: impl Into<Vec<u8>>,
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
) -> Case {
    Case { name, bytes: Some(bytes.into()), args, code, says }
}

fn utf16le_without_bom(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn cases() -> Vec<Case> {
    let mut big_bad_utf8: Vec<u8> = b"area,year,value\n".to_vec();
    for i in 0..50_000 {
        big_bad_utf8.extend(format!("Area {i},2019,{i}\n").bytes());
    }
    let middle = big_bad_utf8.len() / 2;
    big_bad_utf8.insert(middle, 0xFF);
    let mut huge_field = b"area,year,value\nA,2019,".to_vec();
    huge_field.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    huge_field.push(b'\n');
    vec![
        Case { name: "missing file", bytes: None, args: &[], code: 1, says: "cannot read" },
        case("empty file", "", &[], 1, "the file is empty"),
        case("header only", "area,year,value\n", &[], 1, "but no data rows"),
        case("no row has an area", "area,year,value\n,2019,1\nNA,2020,2\n", &[], 1, "nothing is left to read"),
        case("too many fields", "area,year,value\nA,2019,1,2\n", &[], 1, "the line has 4 fields but the header has 3"),
        case("too few fields", "area,year,value\nA,2019\nB,2019,2\n", &[], 0, "fewer fields than the header"),
        case("unterminated quote", "area,year,value\nA,2019,\"11.5\nB,2019,3\n", &[], 1, "is never closed"),
        case("bad UTF-8 in a large file", big_bad_utf8, &[], 1, "not valid UTF-8"),
        case("UTF-16 without BOM", utf16le_without_bom("area,year,value\nLạng Sơn,2019,11.68\n"), &[], 0, ""),
        case("CR-only line endings", "area,year,value\rA,2018,1\rA,2019,2", &[], 0, ""),
        case("NUL bytes", b"area,year,value\nA,2019,1\x00\n".to_vec(), &[], 1, "NUL bytes"),
        case("a 10 MB field", huge_field, &[], 1, "is not a number"),
        case("duplicate header names", "area,area,year,value\nA,B,2019,1\n", &[], 0, "repeats the column name 'area'"),
        case("conflicting duplicates", "area,year,value\nA,2019,1\nA,2019,2\n", &[], 1, "conflicting duplicates"),
        case("letter O for zero", "area,year,value\nA,2019,1O.5\n", &[], 1, "'1O.5' is not a number"),
        case("doubled percent sign", "area,year,value\nA,2019,11.68%%\n", &[], 1, "'11.68%%' is not a number"),
        case("missing written n/a", "area,year,value\nA,2018,n/a\nA,2019,#N/A\n", &[], 0, ""),
        case("mixed decimal styles", "area;year;value\nA;2018;11,5\nA;2019;1.234,5\n", &[], 1, "add --thousands"),
        case("period that does not parse", "area,year,value\nA,next year,1\n", &[], 1, "is not a period"),
        case("zero and negative bases", "area,year,value\nA,2018,0\nA,2019,5\nB,2018,-2\nB,2019,3\n", &[], 0, ""),
        case("all-missing indicator", "area,year,value\nA,2018,NA\nA,2019,..\n", &[], 0, ""),
        case("names in NFD", "area,year,value\nLa\u{323}ng So\u{31b}n,2018,1\nLạng Sơn,2019,2\n", &[], 0, ""),
        case(
            "zero-width and bidi marks",
            "area,year,value\nA\u{200B},2018,1\n\u{202B}A\u{202C},2019,2\nאב,2019,3\n",
            &[],
            0,
            "",
        ),
        case(
            "--skip past the end",
            "area,year,value\nA,2019,1\n",
            &["--skip", "5"],
            1,
            "skips past the end of the file",
        ),
        case("unknown --area-col", "area,year,value\nA,2019,1\n", &["--area-col", "tinh"], 2, "is not a column"),
    ]
}

#[test]
fn every_bad_input_has_a_clear_answer() {
    let dir = temp();
    let mut table = String::new();
    for (i, c) in cases().into_iter().enumerate() {
        let file = dir.path().join(format!("case-{i:02}.csv"));
        if let Some(bytes) = &c.bytes {
            std::fs::write(&file, bytes).unwrap();
        }
        let mut args = vec!["summary", path_str(&file), "--format", "csv"];
        args.extend_from_slice(c.args);
        let r = run(&args);
        assert!(!r.stderr.contains("panicked"), "{}: {}", c.name, r.stderr);
        assert_eq!(r.code, c.code, "{}: {}", c.name, r.stderr);
        assert!(r.stderr.contains(c.says), "{}: expected '{}' in {}", c.name, c.says, r.stderr);
        if c.code != 0 {
            assert!(r.stdout.is_empty(), "{}: data on stdout after an error", c.name);
        }
        let stderr = r.stderr.replace(path_str(dir.path()), "DIR");
        table.push_str(&format!("## {} (exit {})\n{}\n", c.name, r.code, stderr.trim_end()));
    }
    insta::assert_snapshot!("bad_input_table", table);
}

#[test]
fn answers_on_awkward_but_valid_data() {
    let dir = temp();
    let file = dir.path().join("bases.csv");
    std::fs::write(&file, "area,year,value\nA,2018,0\nA,2019,5\nB,2018,-2\nB,2019,3\nC,2018,NA\nC,2019,NA\n").unwrap();
    let out = ok(&["summary", path_str(&file), "--format", "csv"]);
    let rows = csv_rows(&out);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    // A zero or negative base has no CAGR and no YoY %; an all-missing series is listed with n = 0.
    assert_eq!(rows[1][col("cagr_pct")], "");
    assert_eq!(rows[1][col("yoy_pct")], "");
    assert_eq!(rows[2][col("cagr_pct")], "");
    assert_eq!(rows[2][col("yoy_pct")], "250");
    assert_eq!((rows[3][col("n")].as_str(), rows[3][col("latest")].as_str()), ("0", ""));

    let file = dir.path().join("names.csv");
    std::fs::write(
        &file,
        "area,year,value\nA\u{200B},2018,1\n\u{202B}A\u{202C},2019,2\nLa\u{323}ng So\u{31b}n,2018,1\nLạng Sơn,2019,2\n",
    )
    .unwrap();
    let out = ok(&["summary", path_str(&file), "--format", "csv"]);
    let areas: Vec<String> = csv_rows(&out).into_iter().skip(1).map(|r| r[0].clone()).collect();
    assert_eq!(areas, ["A", "Lạng Sơn"], "invisible marks and NFD spellings are the same area");
}

#[test]
fn excel_csv_round_trips() {
    let dir = temp();
    let excel = dir.path().join("pci-excel.csv");
    ok(&["convert", "datasets/vn_pci_2005_2016_panel.csv", "--excel", "-o", path_str(&excel)]);
    let bytes = std::fs::read(&excel).unwrap();
    assert!(bytes.starts_with("\u{FEFF}area;indicator;period;year;sub;freq;value;flag\n".as_bytes()));
    assert!(String::from_utf8_lossy(&bytes).contains(";6,355849856241;"));
    let again = ok(&["convert", path_str(&excel), "--format", "csv"]);
    let original = ok(&["convert", "datasets/vn_pci_2005_2016_panel.csv", "--format", "csv"]);
    assert_eq!(again, original.replace("vn_pci_2005_2016_panel", "pci-excel"));

    let evil = dir.path().join("evil.csv");
    std::fs::write(&evil, "area,year,value\n=HYPERLINK(\"http://x\"),2019,1\n@SUM(A1),2019,2\n-cmd,2019,-3\n").unwrap();
    let out = ok(&["convert", path_str(&evil), "--excel"]);
    assert!(
        out.contains("\n'=HYPERLINK(\"\"http://x\"\");") || out.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\";"),
        "{out}"
    );
    assert!(out.contains("\n'@SUM(A1);") && out.contains("\n'-cmd;") && out.contains(";-3;"), "{out}");
}

#[test]
fn charts_and_reports_are_not_overwritten_without_force() {
    let dir = temp();
    let png = dir.path().join("bar.png");
    std::fs::write(&png, b"previous").unwrap();
    let r = run(&["chart", "bar", "datasets/lang-son/cai-cach-hanh-chinh.csv", "-o", path_str(&png)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("exists") && r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read(&png).unwrap(), b"previous");
    // A chart that fails to render leaves the previous file as it was.
    let r = run(&["chart", "slope", "tests/fixtures/sdmx.csv", "--area", "TH", "--force", "-o", path_str(&png)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(std::fs::read(&png).unwrap(), b"previous");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    ok(&["chart", "bar", "datasets/lang-son/cai-cach-hanh-chinh.csv", "--force", "-o", path_str(&png)]);
    assert!(Image::open(&png).is_ok());
}

#[test]
fn an_input_reached_through_a_symlink_is_not_overwritten() {
    let dir = temp();
    let data = dir.path().join("data.csv");
    std::fs::copy(root().join("tests/fixtures/sdmx.csv"), &data).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let before = std::fs::read(&data).unwrap();
    for target in [path_str(&link).to_string(), format!("{}/./data.csv", path_str(dir.path()))] {
        let r = run(&["convert", path_str(&data), "-o", &target]);
        assert_eq!(r.code, 1, "{target}: {}", r.stderr);
        assert!(r.stderr.contains("one of the inputs"));
    }
    assert_eq!(std::fs::read(&data).unwrap(), before);
}
