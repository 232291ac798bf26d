//! Excel workbooks: real `.xlsx` files written by rust_xlsxwriter in the shapes statistics
//! offices publish (titles, a unit line, merged two-line headers, section rows, notes, a table
//! continued on the same sheet, a formula with its cached value, a date cell, a hidden sheet),
//! read by the real binary; and workbooks that are not what they claim.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use super::*;

/// A provincial statistics workbook: a table of contents, the population table, a hidden sheet
/// and a sheet of monthly figures dated by day.
fn statistics_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("nien-giam.xlsx");
    let mut book = Workbook::new();
    let wrap = Format::new().set_text_wrap();

    let toc = book.add_worksheet();
    toc.set_name("Mục lục").unwrap();
    toc.write_string(0, 0, "Biểu").unwrap();
    toc.write_string(0, 1, "Tên biểu").unwrap();
    toc.write_string(1, 0, "02").unwrap();
    toc.write_string(1, 1, "Dân số trung bình").unwrap();
    toc.write_string(2, 0, "03").unwrap();
    toc.write_string(2, 1, "Chỉ số giá tiêu dùng").unwrap();

    let sheet = book.add_worksheet();
    sheet.set_name("Dân số").unwrap();
    sheet.merge_range(0, 0, 0, 5, "Biểu 02. DÂN SỐ TRUNG BÌNH PHÂN THEO ĐỊA PHƯƠNG", &Format::new()).unwrap();
    sheet.write_string(1, 5, "Đơn vị tính: Nghìn người").unwrap();
    // Two header lines: merged group headers over the years.
    let header = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32| {
        sheet.merge_range(r, 0, r + 1, 0, "Tỉnh, thành phố", &Format::new()).unwrap();
        sheet.merge_range(r, 1, r, 3, "Dân số trung bình", &Format::new()).unwrap();
        sheet.merge_range(r, 4, r, 5, "Dân số thành thị", &Format::new()).unwrap();
        sheet.write_number(r + 1, 1, 2022).unwrap();
        sheet.write_number(r + 1, 2, 2023).unwrap();
        sheet.write_string_with_format(r + 1, 3, "Ước tính\nnăm 2024", &wrap).unwrap();
        sheet.write_number(r + 1, 4, 2023).unwrap();
        sheet.write_string_with_format(r + 1, 5, "Sơ bộ\n2024", &wrap).unwrap();
    };
    header(sheet, 2);
    sheet.write_string(4, 0, "I. Miền núi phía Bắc").unwrap();
    let rows: [(&str, [f64; 5]); 2] = [
        ("Hà Giang", [890.5, 900.1, 910.2, 150.0, 151.2]),
        ("Lạng Sơn", [790.5, 802.0, 810.912345678901, 170.3, 171.9]),
    ];
    for (i, (area, values)) in rows.iter().enumerate() {
        let r = 5 + i as u32;
        sheet.write_string(r, 0, *area).unwrap();
        for (j, v) in values.iter().enumerate() {
            sheet.write_number(r, 1 + j as u16, *v).unwrap();
        }
    }
    // A helper row the author hid.
    sheet.write_string(7, 0, "Kiểm tra").unwrap();
    sheet.write_number(7, 1, 1681.0).unwrap();
    sheet.set_row_hidden(7).unwrap();
    // The table goes on below its own title and header, as printed yearbooks do.
    sheet.write_string(8, 0, "Biểu 02. (Tiếp theo)").unwrap();
    header(sheet, 9);
    sheet.write_string(11, 0, "II. Đồng bằng sông Hồng").unwrap();
    sheet.write_string(12, 0, "Hà Nội").unwrap();
    for (j, v) in [8435.7, 8587.1, 8718.0, 4200.1, 4290.4].iter().enumerate() {
        sheet.write_number(12, 1 + j as u16, *v).unwrap();
    }
    // A total computed by a formula: its cached value is what Excel shows.
    sheet.write_string(13, 0, "Cả vùng").unwrap();
    sheet.write_formula(13, 1, Formula::new("=B6+B7+B13").set_result("10116.7")).unwrap();
    sheet.write_string(13, 2, "..").unwrap();
    sheet.write_string(15, 0, "Nguồn: Cục Thống kê").unwrap();

    let hidden = book.add_worksheet();
    hidden.set_name("Tính toán").unwrap();
    hidden.set_hidden(true);
    hidden.write_string(0, 0, "tinh").unwrap();
    hidden.write_string(0, 1, "nam").unwrap();
    hidden.write_string(0, 2, "gia_tri").unwrap();
    hidden.write_string(1, 0, "Hà Giang").unwrap();
    hidden.write_number(1, 1, 2023).unwrap();
    hidden.write_number(1, 2, 42.5).unwrap();

    let dated = book.add_worksheet();
    dated.set_name("CPI").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    dated.write_row(0, 0, ["Tỉnh", "Chỉ tiêu", "Thời điểm", "Giá trị"]).unwrap();
    for (i, (month, value)) in [(11u8, 103.2), (12, 103.5)].iter().enumerate() {
        let r = 1 + i as u32;
        dated.write_string(r, 0, "Lạng Sơn").unwrap();
        dated.write_string(r, 1, "CPI").unwrap();
        dated.write_datetime_with_format(r, 2, ExcelDateTime::from_ymd(2024, *month, 1).unwrap(), &date).unwrap();
        dated.write_number(r, 3, *value).unwrap();
    }
    book.save(&path).unwrap();
    path
}

fn cell<'a>(rows: &'a [Vec<String>], header: &[String], row: usize, name: &str) -> &'a str {
    let i = header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    &rows[row][i]
}

#[test]
fn several_sheets_need_a_choice_and_inspect_lists_them() {
    let dir = temp();
    let book = statistics_workbook(dir.path());
    let book = path_str(&book);
    let r = run(&["summary", book]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("the workbook has several sheets that may hold a table: 1 'Mục lục', 2 'Dân số', 3 'Tính toán' (hidden), 4 'CPI'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: pick one with --sheet NAME or --sheet NUMBER"), "{}", r.stderr);

    let r = run(&["inspect", book, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    assert_eq!(
        rows[0],
        [
            "sheet",
            "name",
            "visibility",
            "range",
            "title",
            "hidden rows",
            "layout",
            "areas",
            "indicators",
            "periods",
            "read"
        ]
    );
    assert_eq!(rows.len(), 5, "{}", r.stdout);
    assert_eq!(rows[2][1], "Dân số");
    assert_eq!(rows[2][3], "A1:F16");
    assert_eq!(rows[2][4], "Biểu 02. DÂN SỐ TRUNG BÌNH PHÂN THEO ĐỊA PHƯƠNG");
    assert_eq!(rows[2][5], "8");
    assert_eq!(rows[2][6], "wide-by-period");
    assert_eq!(rows[2][7], "4");
    assert_eq!(rows[3][2], "hidden");
    assert_eq!(rows[4][9], "2 (2024-11-01 – 2024-12-01)");
    // The table of contents holds no period: said, not hidden.
    assert!(rows[1][10].contains("no period"), "{:?}", rows[1]);

    // A name that is no sheet lists them.
    let r = run(&["summary", book, "--sheet", "Dan so 2"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no sheet 'Dan so 2'; the sheets are: 1 'Mục lục'"), "{}", r.stderr);
}

#[test]
fn a_statistics_office_sheet_reads_as_published() {
    let dir = temp();
    let book = statistics_workbook(dir.path());
    // Names match ignoring case and diacritics.
    let r = run(&["convert", path_str(&book), "--sheet", "dan so", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let (header, rows) = (rows[0].clone(), &rows[1..]);
    let find = |area: &str, indicator: &str, period: &str| {
        (0..rows.len())
            .find(|&i| {
                cell(rows, &header, i, "area") == area
                    && cell(rows, &header, i, "indicator") == indicator
                    && cell(rows, &header, i, "period") == period
            })
            .unwrap_or_else(|| panic!("no row {area} / {indicator} / {period} in\n{}", r.stdout))
    };
    // Two-line merged headers: the group header and the year below it.
    let i = find("Hà Giang", "Dân số trung bình", "2022");
    assert_eq!(cell(rows, &header, i, "value"), "890.5");
    assert_eq!(cell(rows, &header, i, "unit"), "Nghìn người");
    // A header cell with a line break and a status word.
    let i = find("Lạng Sơn", "Dân số trung bình", "Ước tính năm 2024");
    assert_eq!(cell(rows, &header, i, "flag"), "estimate");
    assert_eq!(cell(rows, &header, i, "year"), "2024");
    // Numbers keep every digit the cell holds (15 significant digits are what chiso prints).
    assert_eq!(cell(rows, &header, i, "value"), "810.912345678901");
    let i = find("Hà Nội", "Dân số thành thị", "Sơ bộ 2024");
    assert_eq!(cell(rows, &header, i, "value"), "4290.4");
    assert_eq!(cell(rows, &header, i, "flag"), "preliminary");
    // The formula's cached value; `..` stays missing.
    let i = find("Cả vùng", "Dân số trung bình", "2022");
    assert_eq!(cell(rows, &header, i, "value"), "10116.7");
    let i = find("Cả vùng", "Dân số trung bình", "2023");
    assert_eq!(cell(rows, &header, i, "value"), "");
    // Both halves of the table, nothing from titles, section rows or notes.
    let areas: std::collections::BTreeSet<&str> = (0..rows.len()).map(|i| cell(rows, &header, i, "area")).collect();
    assert_eq!(areas.into_iter().collect::<Vec<_>>(), ["Cả vùng", "Hà Giang", "Hà Nội", "Lạng Sơn"]);
    assert_eq!(rows.len(), 4 * 5);
    assert!(r.stderr.contains("notes or section titles"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("sheet 'Dân số' hides 1 row (8); left out, as Excel shows the sheet (--hidden-rows reads it)"),
        "{}",
        r.stderr
    );
    // Asked for, the hidden row is read like the others.
    let out = ok(&["convert", path_str(&book), "--sheet", "2", "--hidden-rows", "--format", "csv"]);
    assert!(out.contains("\nKiểm tra,Dân số trung bình,2022,2022,0,A,1681,,Nghìn người\n"), "{out}");

    // The hidden sheet is read when named, by number.
    let out = ok(&["convert", path_str(&book), "--sheet", "3", "--format", "csv"]);
    assert!(out.contains("Hà Giang,nien-giam,2023,2023,0,A,42.5"), "{out}");
    // Date cells are periods (reference dates, by month).
    let out = ok(&["convert", path_str(&book), "--sheet", "CPI", "--format", "csv"]);
    assert!(out.contains("Lạng Sơn,CPI,2024-12-01,2024,12,D,103.5"), "{out}");
}

#[test]
fn growth_of_a_sheet_recomputes_from_its_cells() {
    let dir = temp();
    let book = statistics_workbook(dir.path());
    let out = ok(&[
        "summary",
        path_str(&book),
        "--sheet",
        "Dân số",
        "--area",
        "Hà Giang",
        "--indicator",
        "Dân số thành thị",
        "--format",
        "csv",
    ]);
    let rows = csv_rows(&out);
    let (header, row) = (&rows[0], &rows[1]);
    let get = |name: &str| row[header.iter().position(|h| h == name).unwrap()].parse::<f64>().unwrap();
    assert_eq!(get("latest"), 151.2);
    assert_eq!(get("previous"), 150.0);
    assert!((get("yoy_pct") - (151.2 - 150.0) / 150.0 * 100.0).abs() < 1e-12);
}

#[test]
fn workbooks_that_are_not_what_they_claim() {
    let dir = temp();
    let book = statistics_workbook(dir.path());
    let bytes = std::fs::read(&book).unwrap();

    // Truncated: a clear one-line error, exit 1.
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run(&["summary", path_str(&cut)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!("chiso: error: {}: not a complete workbook", path_str(&cut))),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));

    // A CSV renamed .xlsx is read as what it is, with a warning.
    let renamed = dir.path().join("renamed.xlsx");
    std::fs::copy(root().join("datasets/lang-son/cai-cach-hanh-chinh.csv"), &renamed).unwrap();
    let r = run(&["summary", path_str(&renamed), "--area", "Lạng Sơn", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("named like a workbook but holds text"), "{}", r.stderr);

    // Binary that is no workbook.
    let junk = dir.path().join("junk.xls");
    std::fs::write(&junk, [0u8, 1, 2, 3, 0, 0, 255, 254].repeat(64)).unwrap();
    let r = run(&["summary", path_str(&junk)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("not a workbook"), "{}", r.stderr);

    // An .xls whose sector chain loops (found by fuzzing): refused before calamine follows it.
    // And one whose last FAT sector is cut short (calamine panics on it).
    for damaged in ["tests/fixtures/loop.xls", "tests/fixtures/short_sector.xls"] {
        let r = run(&["summary", damaged]);
        assert_eq!(r.code, 1, "{damaged}");
        assert!(r.stderr.contains("a damaged .xls workbook: its sector chains loop"), "{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }

    // A password-protected workbook is an OLE file holding an `EncryptedPackage` stream.
    let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    locked.resize(1024, 0);
    locked.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    locked.resize(4096, 0);
    let path = dir.path().join("locked.xlsx");
    std::fs::write(&path, locked).unwrap();
    let r = run(&["summary", path_str(&path)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("password-protected"), "{}", r.stderr);
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    use std::io::Write;
    let dir = temp();
    let path = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..1100 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 8 << 20);
    let r = run(&["inspect", path_str(&path)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("inflates to 1100 MiB"), "{}", r.stderr);
}

#[test]
fn a_cell_longer_than_a_spreadsheet_holds_is_refused() {
    use std::io::{Read, Write};
    let dir = temp();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_row(0, 0, ["area", "year", "value"]).unwrap();
    sheet.write_string(1, 0, "x".repeat(30_000)).unwrap();
    sheet.write_number(1, 1, 2020).unwrap();
    sheet.write_number(1, 2, 1).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    // The same workbook with that cell made longer than Excel allows.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let path = dir.path().join("long-cell.xlsx");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let text = String::from_utf8(data).unwrap().replace(&"x".repeat(30_000), &"x".repeat(40_000));
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap();
    let r = run(&["summary", path_str(&path)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("sheet 'Sheet1', cell A2: 40000 characters, more than a spreadsheet cell holds (32767)"),
        "{}",
        r.stderr
    );
}

#[test]
fn xls_and_ods_workbooks() {
    // A BIFF8 `.xls` (written by xlwt) and an OpenDocument `.ods` (written by odfpy), one sheet each.
    let out = ok(&["convert", "tests/fixtures/par.xls", "--format", "csv"]);
    assert_eq!(
        out,
        "area,indicator,period,year,sub,freq,value,flag\nLạng Sơn,par_index,2018,2018,0,A,81.5,\nLạng Sơn,par_index,2019,2019,0,A,84,\nCao Lộc,par_index,2018,2018,0,A,82,\nCao Lộc,par_index,2019,2019,0,A,83.1,\n"
    );
    let out = ok(&["convert", "tests/fixtures/budget.ods", "--format", "csv"]);
    assert!(
        out.starts_with(
            "area,indicator,period,year,sub,freq,value,flag,unit\nLạng Sơn,budget,2018,2018,0,A,650,,Tỷ đồng\n"
        ),
        "{out}"
    );
    // One sheet: inspect reports it in full, naming the sheet.
    let out = ok(&["inspect", "tests/fixtures/budget.ods", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["files"][0]["encoding"], "ods workbook, sheet 'Thu ngân sách' (1 of 1)");
    assert_eq!(json["files"][0]["header_line"], 3);
}

#[test]
fn a_table_of_contents_beside_one_table_needs_no_flag() {
    let dir = temp();
    let path = dir.path().join("bao-cao.xlsx");
    let mut book = Workbook::new();
    let toc = book.add_worksheet();
    toc.set_name("Mục lục").unwrap();
    for (r, (a, b)) in [("Biểu", "Tên"), ("01", "Dân số")].iter().enumerate() {
        toc.write_string(r as u32, 0, *a).unwrap();
        toc.write_string(r as u32, 1, *b).unwrap();
    }
    let data = book.add_worksheet();
    data.set_name("Biểu 01").unwrap();
    data.write_row(0, 0, ["Huyện", "2022", "2023"]).unwrap();
    data.write_string(1, 0, "Cao Lộc").unwrap();
    data.write_number(1, 1, 80.2).unwrap();
    data.write_number(1, 2, 81.0).unwrap();
    let scratch = book.add_worksheet();
    scratch.set_name("Nháp").unwrap();
    scratch.set_hidden(true);
    scratch.write_string(0, 0, "x").unwrap();
    book.save(&path).unwrap();
    let r = run(&["convert", path_str(&path), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "area,indicator,period,year,sub,freq,value,flag\nCao Lộc,bao-cao,2022,2022,0,A,80.2,\nCao Lộc,bao-cao,2023,2023,0,A,81,\n");
    assert!(
        r.stderr.contains("read sheet 2 'Biểu 01', the one of its 3 sheets with a table (--sheet picks another)"),
        "{}",
        r.stderr
    );
}

#[test]
fn percentage_cells_read_as_shown() {
    // Growth typed as 11.68 % is the fraction 0.1168 formatted `0.00%`: a planner means 11.68.
    let dir = temp();
    let path = dir.path().join("tang-truong.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let pct = Format::new().set_num_format("0.00%");
    sheet.write_row(0, 0, ["Đơn vị", "Năm", "Tốc độ tăng trưởng", "Dân số"]).unwrap();
    for (r, (year, growth, people)) in [(2018, 0.109, 80.2), (2019, 0.1168, 81.0)].iter().enumerate() {
        let r = 1 + r as u32;
        sheet.write_string(r, 0, "Lạng Sơn").unwrap();
        sheet.write_number(r, 1, *year).unwrap();
        sheet.write_number_with_format(r, 2, *growth, &pct).unwrap();
        sheet.write_number(r, 3, *people).unwrap();
    }
    book.save(&path).unwrap();
    let out = ok(&["convert", path_str(&path), "--format", "csv"]);
    assert!(out.contains("\nLạng Sơn,Tốc độ tăng trưởng,2019,2019,0,A,11.68,\n"), "{out}");
    assert!(out.contains("\nLạng Sơn,Tốc độ tăng trưởng,2018,2018,0,A,10.9,\n"), "{out}");
    assert!(out.contains("\nLạng Sơn,Dân số,2019,2019,0,A,81,\n"), "{out}");
}
