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
