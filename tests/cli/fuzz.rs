//! Property test over the whole load path: any text made of CSV's awkward pieces (quotes,
//! delimiters, line endings, markers, numbers in both styles, Vietnamese letters) loads or is
//! refused with a message — it never panics. Runs in-process through the library.

use proptest::prelude::*;

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",",
        ";",
        "\t",
        "|",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        " ",
        "NA",
        "..",
        "-",
        "",
        "2019",
        "2019-Q1",
        "Q1/2019",
        "Pre. 2016",
        "11,68",
        "1.234,5",
        "54,585,000",
        "-3",
        "0",
        "12.5%",
        "1e9",
        "nan",
        "area",
        "year",
        "value",
        "tỉnh",
        "năm",
        "giá trị",
        "Lạng Sơn",
        "La\u{323}ng",
        "\u{200B}",
        "\u{FEFF}",
        "=SUM(A1)",
        "\u{0}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn loading_never_panics(pieces in prop::collection::vec(piece(), 0..80), header in prop::bool::ANY) {
        let mut text = if header { String::from("area,year,value\n") } else { String::new() };
        text.extend(pieces);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("fuzz.csv");
        std::fs::write(&file, &text).unwrap();
        let inputs = [file.to_string_lossy().into_owned()];
        let outcome = std::panic::catch_unwind(|| chiso::input::load(&inputs, &chiso::input::ReadOptions::default()));
        prop_assert!(outcome.is_ok(), "panicked on {:?}", text);
        if let Ok(Ok(loaded)) = outcome {
            // What loads is a canonical frame: numbers are finite or missing, periods parsed.
            let value = loaded.frame.column("value").unwrap().f64().unwrap().clone();
            prop_assert!(value.iter().flatten().all(|v| !v.is_nan()));
            prop_assert!(loaded.frame.column("year").unwrap().null_count() == 0);
        }
    }
}

/// A small real workbook: a title, a header and a few rows, in `.xlsx` bytes.
fn workbook_bytes() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Biểu 01").unwrap();
    for (c, h) in ["Tỉnh", "2022", "2023"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, (area, a, b)) in [("Lạng Sơn", 1.5, 2.5), ("Cao Bằng", 3.0, -4.25)].iter().enumerate() {
        sheet.write_string(3 + r as u32, 0, *area).unwrap();
        sheet.write_number(3 + r as u32, 1, *a).unwrap();
        sheet.write_number(3 + r as u32, 2, *b).unwrap();
    }
    book.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// A workbook cut short or with bytes changed is read or refused with a message: never a panic.
    #[test]
    fn damaged_workbooks_never_panic(cut in 0.0f64..1.0, flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..6)) {
        let mut bytes = workbook_bytes();
        for (at, byte) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = byte;
        }
        bytes.truncate(((bytes.len() as f64) * (0.5 + cut / 2.0)) as usize);
        let source = chiso::input::Source::new("fuzz.xlsx".into(), "fuzz".into(), bytes.into());
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            chiso::input::load_sources(vec![source], &chiso::input::ReadOptions::default())
        }));
        prop_assert!(outcome.is_ok());
    }
}

#[test]
fn an_undamaged_workbook_loads() {
    let source = chiso::input::Source::new("ok.xlsx".into(), "ok".into(), workbook_bytes().into());
    let loaded = chiso::input::load_sources(vec![source], &chiso::input::ReadOptions::default()).unwrap();
    let values: Vec<Option<f64>> = loaded.frame.column("value").unwrap().f64().unwrap().iter().collect();
    assert_eq!(values, [Some(1.5), Some(2.5), Some(3.0), Some(-4.25)]);
}
