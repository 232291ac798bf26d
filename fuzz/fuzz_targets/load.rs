//! The whole load path — decode, sniff, parse, layout, numbers, periods, names, duplicates — on
//! arbitrary bytes: it may refuse them, it must not crash or hang.
#![no_main]

use chiso::input::{load_sources, ReadOptions, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = Source { name: "fuzz.csv".into(), stem: "fuzz".into(), bytes: data.to_vec().into() };
    let _ = load_sources(vec![source], &ReadOptions::default());
});
