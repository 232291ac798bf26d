//! `-o table.xlsx`: a real workbook — read back with calamine (numbers are numbers, text is text,
//! missing cells empty) and by chiso itself (the canonical frame round-trips).

use super::*;
use calamine::{open_workbook, Data, Reader, Xlsx};

#[test]
fn summary_as_a_workbook() {
    let dir = temp();
    let book = dir.path().join("summary.xlsx");
    let args = [
        "summary",
        "datasets/lang-son/tang-truong.csv",
        "datasets/lang-son/thu-ngan-sach.csv",
        "datasets/lang-son/cai-cach-hanh-chinh.csv",
    ];
    let mut with_output = args.to_vec();
    with_output.extend(["-o", path_str(&book)]);
    ok(&with_output);
    let csv = csv_rows(&ok(&[&args[..], &["--format", "csv"]].concat()));
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(workbook.sheet_names(), ["data"]);
    let range = workbook.worksheet_range("data").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), csv.len());
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, csv[0]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, text) in rows[1..].iter().zip(&csv[1..]) {
        // Text stays text, numbers are numbers equal to the CSV's, missing is empty.
        assert!(matches!(row[col("area")], Data::String(_)));
        assert!(matches!(row[col("last_period")], Data::String(_)), "{:?}", row[col("last_period")]);
        match &row[col("latest")] {
            Data::Float(v) => assert!((v - text[col("latest")].parse::<f64>().unwrap()).abs() < 1e-9),
            other => panic!("latest is {other:?}"),
        }
        if text[col("yoy_pct")].is_empty() {
            assert!(matches!(row[col("yoy_pct")], Data::Empty), "{:?}", row[col("yoy_pct")]);
        }
    }
}

#[test]
fn the_canonical_frame_round_trips() {
    let dir = temp();
    let book = dir.path().join("long.xlsx");
    ok(&["convert", "datasets/lang-son/thu-ngan-sach.csv", "-o", path_str(&book)]);
    let from_book = ok(&["summary", path_str(&book), "--format", "csv"]);
    let from_csv = ok(&["summary", "datasets/lang-son/thu-ngan-sach.csv", "--format", "csv"]);
    assert_eq!(from_book, from_csv);
}
