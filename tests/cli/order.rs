//! The order of the rows never changes a summary: the same rows in any order — series after
//! series, period after period as offices export, reversed, shuffled — give the same bytes.

use proptest::prelude::*;

use super::{command, path_str, run_command, temp};

/// `chiso summary` of `lines` (a header, then rows) written to a file, as (exit code, stdout).
fn summary_of(lines: &[String]) -> (i32, String) {
    summary_by(lines, None)
}

/// [`summary_of`], with the loader numbering the series of files from `sort_from` rows on (by
/// default only big files; the summary numbers the others).
fn summary_by(lines: &[String], sort_from: Option<usize>) -> (i32, String) {
    let dir = temp();
    let file = dir.path().join("rows.csv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let mut cmd = command(&["summary", path_str(&file)]);
    if let Some(rows) = sort_from {
        cmd.env("CHISO_SORT_FROM", rows.to_string());
    }
    let r = run_command(cmd);
    (r.code, r.stdout)
}

/// The lines of a bundled file: its header and its rows.
fn lines_of(path: &str) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(super::root().join(path)).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap();
    (header, lines.filter(|l| !l.is_empty()).collect())
}

/// A fixed shuffle (a linear congruential generator: the test needs no randomness to repeat).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut items = items.to_vec();
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        items.swap(i, (state >> 33) as usize % (i + 1));
    }
    items
}

fn with_header(header: &str, rows: Vec<String>) -> Vec<String> {
    std::iter::once(header.to_string()).chain(rows).collect()
}

#[test]
fn bundled_panel_in_any_row_order() {
    // Wide rows (one line per province and year): sorted by year first, reversed, shuffled.
    let (header, rows) = lines_of("datasets/vn_pci_2005_2016_panel.csv");
    let (code, expected) = summary_of(&with_header(&header, rows.clone()));
    assert_eq!(code, 0);
    assert!(expected.lines().count() > 100, "{expected}");
    let year = |l: &String| l.split(',').nth(1).unwrap_or("").to_string();
    let mut by_year = rows.clone();
    by_year.sort_by_key(year);
    let reversed: Vec<String> = rows.iter().rev().cloned().collect();
    for (how, order) in [("period-major", by_year), ("reversed", reversed), ("shuffled", shuffled(&rows, 7))] {
        let lines = with_header(&header, order);
        assert_eq!(summary_of(&lines), (0, expected.clone()), "{how}");
        assert_eq!(summary_by(&lines, Some(0)), (0, expected.clone()), "{how}, series numbered by the loader");
    }
}

#[test]
fn a_long_file_read_the_fast_way_in_any_row_order() {
    // More lines than the careful reader samples: Polars' reader reads it, the rows are put in
    // series order by one sort (as from 65,536 rows on). Quarterly series with gaps, a
    // year-before value to find.
    let mut rows = Vec::new();
    for year in 2010..2016usize {
        for q in 1..=4usize {
            for area in 0..160usize {
                for indicator in ["gdp", "thu_ngân_sách", "Vốn"] {
                    if (area + year + q) % 11 == 0 {
                        continue;
                    }
                    let value = area as f64 * 1.25 + (year - 2000) as f64 * 3.5 + q as f64 / 8.0;
                    rows.push(format!("Tỉnh {area:03},{indicator},{year}-Q{q},{value}"));
                }
            }
        }
    }
    assert!(rows.len() > 10_000);
    let header = "area,indicator,period,value";
    let (code, expected) = summary_of(&with_header(header, rows.clone()));
    assert_eq!(code, 0);
    assert_eq!(expected.lines().count(), 1 + 160 * 3);
    let mut by_series = rows.clone();
    by_series.sort();
    for (how, order) in [("by series", by_series), ("shuffled", shuffled(&rows, 11))] {
        let (code, out) = summary_by(&with_header(header, order), Some(1000));
        assert_eq!(code, 0, "{how}");
        assert!(out == expected, "{how}: the summary differs");
    }
}

/// `chiso ARGS… FILE` on `lines` written to a file, series numbered by the loader (as for big
/// files), as (exit code, stdout).
fn run_on(lines: &[String], args: &[&str]) -> (i32, String) {
    let dir = temp();
    let file = dir.path().join("rows.csv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push(path_str(&file));
    let mut cmd = command(&all);
    cmd.env("CHISO_SORT_FROM", "0");
    let r = run_command(cmd);
    (r.code, r.stdout)
}

#[test]
fn filters_and_growth_in_any_row_order() {
    let header = "area,indicator,period,value";
    let mut rows = Vec::new();
    for year in 2010..2020 {
        for area in ["Hà Nội", "Đà Nẵng", "An Giang", "Cà Mau"] {
            for (i, indicator) in ["GRDP", "thu ngân sách"].iter().enumerate() {
                if (year + i) % 7 == 3 {
                    continue;
                }
                let value = (year - 2000) as f64 * 1.5 + area.len() as f64 / 3.0 + i as f64;
                rows.push(format!("{area},{indicator},{year},{value}"));
            }
        }
    }
    let (original, reordered) = (with_header(header, rows.clone()), with_header(header, shuffled(&rows, 5)));
    // Rows left out by a filter: the loader's order no longer holds, the summary sorts again.
    for args in
        [&["summary", "--from", "2013"][..], &["summary", "--indicator", "GRDP"], &["summary", "--area", "Cà Mau"]]
    {
        let (a, b) = (run_on(&original, args), run_on(&reordered, args));
        assert_eq!(a.0, 0, "{args:?}");
        assert_eq!(a, b, "{args:?}");
    }
    // Growth keeps the file's order: the same rows, listed as the file lists them.
    let sorted_lines = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let (a, b) = (run_on(&original, &["growth"]), run_on(&reordered, &["growth"]));
    assert_eq!((a.0, b.0), (0, 0));
    assert_ne!(a.1, b.1, "growth lists rows in file order");
    assert_eq!(sorted_lines(&a.1), sorted_lines(&b.1));
}

/// Rows of a small panel: areas, indicators, a sex dimension, annual or quarterly periods, values
/// or blanks, some rows given twice (identical duplicates are kept once).
fn panel() -> impl Strategy<Value = Vec<String>> {
    let cell = (
        0..4usize,
        0..3usize,
        0..2usize,
        any::<bool>(),
        0..6i32,
        1..5i32,
        prop::option::weighted(0.85, -50.0f64..500.0),
    );
    prop::collection::vec(cell, 1..60).prop_map(|cells| {
        let areas = ["Hà Nội", "Đà Nẵng", "An Giang", "Cao Bằng"];
        let indicators = ["GRDP", "thu ngân sách", "PAR index"];
        let mut seen = std::collections::HashSet::new();
        let mut rows = Vec::new();
        for (a, i, s, quarterly, y, q, v) in cells {
            let period = if quarterly { format!("{}-Q{q}", 2015 + y) } else { (2015 + y).to_string() };
            // One value per series and period (a conflicting duplicate stops the load).
            if !seen.insert((a, i, s, period.clone())) {
                continue;
            }
            let value = v.map(|v| format!("{v}")).unwrap_or_default();
            let row = format!("{},{},{},{period},{value}", areas[a], indicators[i], ["Nam", "Nữ"][s]);
            if a == 3 && i == 0 {
                rows.push(row.clone());
            }
            rows.push(row);
        }
        rows
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_rows_give_the_same_summary(rows in panel(), seed in any::<u64>()) {
        let header = "area,indicator,sex,period,value";
        // Series numbered by the summary in file order, by the loader when shuffled.
        let (code, expected) = summary_of(&with_header(header, rows.clone()));
        let (code2, shuffled_out) = summary_by(&with_header(header, shuffled(&rows, seed)), Some(0));
        prop_assert_eq!(code, code2);
        prop_assert!(expected == shuffled_out, "in file order:\n{}\nshuffled:\n{}", expected, shuffled_out);
    }
}
