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

/// `chiso report -o report.xlsx`: the headline, a sheet per indicator with its tables as numbers
/// and its charts as images, then quality, method and sources.
#[test]
fn report_as_a_workbook() {
    let dir = temp();
    let book = dir.path().join("bao-cao.xlsx");
    let r = run(&[
        "report",
        "datasets/lang-son/tang-truong.csv",
        "datasets/lang-son/thu-ngan-sach.csv",
        "datasets/lang-son/cai-cach-hanh-chinh.csv",
        "--plan",
        "datasets/lang-son-ke-hoach-2025.csv",
        "--highlight",
        "Lạng Sơn",
        "--lang",
        "vi",
        "-o",
        path_str(&book),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[0], "Điểm nổi bật");
    assert_eq!(&names[4..], ["Chất lượng số liệu", "Phương pháp", "Nguồn số liệu"]);
    let growth = names.iter().find(|n| n.starts_with("Tốc độ tăng trưởng")).unwrap().clone();
    let range = workbook.worksheet_range(&growth).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    // The summary's first row is Lạng Sơn (rank 1): 11.68 after 10.9, +0.78 points, no CAGR.
    let city = rows.iter().find(|r| r[0] == Data::String("Lạng Sơn".into())).unwrap();
    assert_eq!(&city[2..5], [Data::Float(11.68), Data::Float(10.9), Data::Float(0.78)].as_slice());
    assert!(matches!(city[5], Data::Empty), "{:?}", city[5]);
    // Three charts per indicator sheet are embedded (ranking, trend; no map for districts).
    let zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let media = zip.file_names().filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/media/"))).count();
    assert_eq!(media, 6, "{media} images");
}
