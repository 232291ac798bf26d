//! The workbook reader on arbitrary bytes: calamine's parsers for xlsx, xlsb, xls and ods, the zip
//! size check, and a sheet's cells to text, then the load path on that text. It may refuse the
//! bytes; it must not crash, hang or take memory without bound.
#![no_main]

use chiso::input::workbook::Workbook;
use chiso::input::{load_sources, ReadOptions, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut book) = Workbook::open("fuzz.xlsx", data, false) else { return };
    let Ok(sheets) = book.contents() else { return };
    for sheet in sheets {
        let source = Source { name: "fuzz.xlsx".into(), stem: "fuzz".into(), bytes: sheet.text.into_bytes().into() };
        let opts = ReadOptions { delimiter: Some(b';'), ..ReadOptions::default() };
        let _ = load_sources(vec![source], &opts);
    }
});
