//! Bad input: each case gives its documented message, a hint where a flag helps, and its exit code.

use super::*;

fn failure(name: &str, args: &[&str], code: i32) -> Run {
    let r = run(args);
    assert_eq!(r.code, code, "{}", r.transcript());
    assert!(r.stdout.is_empty(), "stdout should be empty on error: {}", r.stdout);
    assert!(r.stderr.starts_with("chiso: error: ") || r.stderr.starts_with("error: "), "{}", r.stderr);
    assert_eq!(r.stderr.matches("error:").count(), 1, "error printed once: {}", r.stderr);
    insta::assert_snapshot!(name, r.transcript());
    r
}

#[test]
fn value_that_is_not_a_number() {
    let r = failure("bad_value", &["summary", "tests/fixtures/bad_value.csv"], 1);
    assert!(r.stderr.contains("tests/fixtures/bad_value.csv:3: column 'value': 'abc' is not a number"));
    assert!(r.stderr.contains("hint: "));
}

#[test]
fn thousands_separator_hint() {
    let r = failure("thousands_hint", &["summary", "tests/fixtures/thousands.csv"], 1);
    assert!(r.stderr.contains("--thousands"));
    let out = ok(&["summary", "tests/fixtures/thousands.csv", "--thousands", "--format", "csv"]);
    assert!(out.contains(",1234.5,"), "{out}");
}

#[test]
fn decimal_commas_outside_semicolon_files() {
    let dir = temp();
    // Decimal commas and nothing that groups thousands: read as they are.
    let file = dir.path().join("tab.tsv");
    std::fs::write(&file, "area\tyear\tvalue\nLang Son\t2019\t11,68\n").unwrap();
    let out = ok(&["summary", path_str(&file), "--format", "csv"]);
    assert!(out.contains(",11.68,"), "{out}");
    // `1,234` beside `11,68`: the comma could be either; chiso does not guess.
    std::fs::write(&file, "area\tyear\tvalue\nLang Son\t2019\t11,68\nCao Loc\t2019\t1,234\n").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("hint: '11,68' looks like a decimal comma: add --decimal-comma"), "{}", r.stderr);
    let out = ok(&["summary", path_str(&file), "--decimal-comma", "--format", "csv"]);
    assert!(out.contains(",11.68,"), "{out}");
}

#[test]
fn conflicting_duplicates() {
    let r = failure("conflicting_duplicates", &["summary", "tests/fixtures/conflict.csv"], 1);
    assert!(r.stderr.contains("tests/fixtures/conflict.csv:3") && r.stderr.contains("tests/fixtures/conflict.csv:5"));
}

#[test]
fn identical_duplicates_warn_and_keep_one() {
    let r = run(&["summary", "tests/fixtures/duplicate.csv", "--format", "csv"]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("identical_duplicates", r.transcript());
    assert!(r.stderr.contains("chiso: warning: 2 identical duplicate rows were kept once"));
}

#[test]
fn unknown_column_flag() {
    let r = failure("unknown_area_col", &["summary", "tests/fixtures/sdmx.csv", "--area-col", "province"], 2);
    assert!(r.stderr.contains("DATAFLOW, REF_AREA, INDICATOR"));
}

#[test]
fn empty_file() {
    failure("empty_file", &["summary", "tests/fixtures/empty.csv"], 1);
}

#[test]
fn header_only_file() {
    failure("header_only", &["summary", "tests/fixtures/header_only.csv"], 1);
}

#[test]
fn missing_file() {
    let r = failure("missing_file", &["summary", "tests/fixtures/no-such-file.csv"], 1);
    assert!(r.stderr.contains("no-such-file.csv"));
}

#[test]
fn directory_instead_of_file() {
    failure("directory", &["summary", "tests/fixtures"], 1);
}

#[test]
fn unknown_area_lists_the_areas() {
    let r = failure("unknown_area", &["summary", "datasets/lang-son/cai-cach-hanh-chinh.csv", "--area", "Ha Noi"], 1);
    assert!(r.stderr.contains("Lạng Sơn"));
}

#[test]
fn bad_period_flag_is_a_usage_error() {
    failure("bad_from", &["summary", "tests/fixtures/sdmx.csv", "--from", "last year"], 2);
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let r = run(&["summary", "tests/fixtures/sdmx.csv", "--no-such-flag"]);
    assert_eq!(r.code, 2);
}

#[test]
fn no_period_anywhere() {
    let dir = temp();
    let file = dir.path().join("no-period.csv");
    std::fs::write(&file, "district,par_index\nLang Son,84\n").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no period column found") && r.stderr.contains("hint: "), "{}", r.stderr);
    let out = ok(&["summary", path_str(&file), "--period", "2019", "--format", "csv"]);
    assert!(out.contains("Lang Son,par_index,2019,2019,1,84,"), "{out}");
}

#[test]
fn bad_period_cell() {
    let dir = temp();
    let file = dir.path().join("bad-period.csv");
    std::fs::write(&file, "area,year,value\nLang Son,2019,1\nLang Son,next year,2\n").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(":3: column 'year': 'next year' is not a period"), "{}", r.stderr);
}

#[test]
fn bad_tuning_values_are_usage_mistakes() {
    // From the environment as from the flag: `1X` is no size, `maybe` no yes or no.
    let mut cmd = command(&["convert", "tests/fixtures/bad_value.csv"]);
    cmd.env("CHISO_STREAM_FROM", "1X");
    let r = run_command(cmd);
    assert_eq!(r.code, 2, "{}", r.transcript());
    assert!(r.stderr.contains("'1X' is not a size: a number of bytes, or one with K, M or G"), "{}", r.stderr);
    let r = run(&["summary", "datasets/lang-son/tang-truong.csv", "--sort-from", "many"]);
    assert_eq!(r.code, 2, "{}", r.transcript());
    let mut cmd = command(&["summary", "datasets/lang-son/tang-truong.csv"]);
    cmd.env("CHISO_TIMING", "maybe");
    assert_eq!(run_command(cmd).code, 2);
    // Sizes with a unit are read as such: `0K` streams even this small long file.
    let r = run(&["convert", "datasets/wb_gdp_current_usd_long.csv", "--stream-from", "0K"]);
    assert_eq!(r.code, 0, "{}", r.transcript());
    assert!(r.stderr.contains("is read a part at a time"), "{}", r.stderr);
}
