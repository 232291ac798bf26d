//! `chiso summary`: figures checked against an independent computation from the raw rows.

use super::*;

/// (year, value) of one province and column of the PCI panel, read with the csv crate alone.
fn pci_series(province: &str, column: &str) -> Vec<(i32, f64)> {
    let mut reader = csv::Reader::from_path(root().join("datasets/vn_pci_2005_2016_panel.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (prov, year, value) = (at("prov"), at("year"), at(column));
    let mut out: Vec<(i32, f64)> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[prov] == province && &r[value] != "NA")
        .map(|r| (r[year].parse().unwrap(), r[value].parse().unwrap()))
        .collect();
    out.sort_by_key(|(y, _)| *y);
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn pci_lang_son_matches_a_recomputation() {
    let raw = pci_series("Lang Son", "pci_weighted");
    let (first_year, first) = raw[0];
    let (last_year, latest) = *raw.last().unwrap();
    let (prev_year, previous) = raw[raw.len() - 2];
    // Lang Son is not among the 42 provinces of the 2005 survey, and its 2013 row is one of the
    // 50 without a province name: its series runs 2006–2016 with a gap in 2013.
    assert_eq!((first_year, prev_year, last_year), (2006, 2015, 2016));
    let yoy = (latest - previous) / previous * 100.0;
    let cagr = ((latest / first).powf(1.0 / f64::from(last_year - first_year)) - 1.0) * 100.0;

    let out = ok(&[
        "summary",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--area",
        "Lang Son",
        "--indicator",
        "pci_weighted",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &json.as_array().unwrap()[0];
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(row["area"], "Lang Son");
    assert_eq!(row["first_period"], "2006");
    assert_eq!(row["last_period"], "2016");
    assert_eq!(row["n"], raw.len());
    let num = |k: &str| row[k].as_f64().unwrap();
    // Output keeps 15 significant digits.
    assert!((num("latest") - latest).abs() < 1e-9, "latest {} vs {latest}", num("latest"));
    assert!((num("previous") - previous).abs() < 1e-9);
    assert!(close(num("yoy_pct"), yoy) || (num("yoy_pct") - yoy).abs() < 1e-9, "yoy {} vs {yoy}", num("yoy_pct"));
    assert!((num("cagr_pct") - cagr).abs() < 1e-9, "cagr {} vs {cagr}", num("cagr_pct"));
}

#[test]
fn lang_son_growth_table() {
    let out = ok(&["summary", "datasets/lang-son/tang-truong.csv", "--area", "lạng sơn", "--format", "table"]);
    insta::assert_snapshot!("lang_son_growth_table", out);
}

#[test]
fn lang_son_all_three_files() {
    let out = ok(&[
        "summary",
        "datasets/lang-son/tang-truong.csv",
        "datasets/lang-son/thu-ngan-sach.csv",
        "datasets/lang-son/cai-cach-hanh-chinh.csv",
        "--area",
        "Lạng Sơn",
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("lang_son_three_files_csv", out);
    let rows = csv_rows(&out);
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let revenue = rows.iter().find(|r| r[col("indicator")] == "Thu ngân sách nhà nước trên địa bàn").unwrap();
    let yoy: f64 = revenue[col("yoy_pct")].parse().unwrap();
    assert!((yoy - 19.0).abs() < 1e-9, "budget revenue +19 % on 2018, got {yoy}");
    let growth = rows.iter().find(|r| r[col("indicator")] == "Tốc độ tăng trưởng giá trị sản xuất").unwrap();
    assert_eq!(growth[col("latest")], "11.68");
    let par = rows.iter().find(|r| r[col("indicator")] == "par_index").unwrap();
    assert_eq!(par[col("latest")], "84");
}

#[test]
fn quarterly_compares_with_the_same_quarter_a_year_before() {
    let out = ok(&["summary", "tests/fixtures/quarterly.csv", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &json[0];
    assert_eq!(row["last_period"], "2019-Q2");
    assert_eq!(row["previous"], 110.0);
    assert!((row["yoy_pct"].as_f64().unwrap() - -10.0).abs() < 1e-12);
    // 2018-Q1 → 2019-Q2 is 1.25 years.
    let cagr = ((99.0f64 / 100.0).powf(1.0 / 1.25) - 1.0) * 100.0;
    assert!((row["cagr_pct"].as_f64().unwrap() - cagr).abs() < 1e-9);
}

#[test]
fn period_filters() {
    let out = ok(&[
        "summary",
        "datasets/wb_gdp_current_usd_long.csv",
        "--area",
        "viet nam",
        "--from",
        "2000",
        "--to",
        "2010",
    ]);
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 2);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("first_period")], "2000");
    assert_eq!(rows[1][col("last_period")], "2010");
    assert_eq!(rows[1][col("n")], "11");
}

#[test]
fn stdin_into_a_closed_pipe_exits_zero() {
    let script = format!("cat datasets/vn_pci_2005_2016_panel.csv | '{}' summary - | head -3", bin().display());
    let mut cmd = Command::new("bash");
    cmd.args(["-o", "pipefail", "-c", &script]).current_dir(root()).env_clear().env("PATH", "/usr/bin:/bin");
    let r = run_command(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 3);
    assert!(r.stdout.starts_with(
        "area,indicator,first_period,last_period,n,latest,previous,change,yoy_pct,cagr_pct,min,max,mean,rank,out_of\n"
    ));
    assert!(!r.stderr.contains("error"), "{}", r.stderr);
}

#[test]
fn markdown_output_is_a_table() {
    let out = ok(&["summary", "tests/fixtures/gso_export.csv", "--format", "markdown", "--decimals", "2"]);
    insta::assert_snapshot!("gso_summary_markdown", out);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("| --- | --- |"));
    assert!(lines.iter().all(|l| l.starts_with('|') && l.ends_with('|')));
}

#[test]
fn rows_without_area_leave_nothing_to_read() {
    // Every row left out: an error naming the file, not an empty table (nor a panic in the later
    // steps, which an empty frame once caused).
    let dir = temp();
    let path = dir.path().join("noarea.csv");
    std::fs::write(&path, "area,year,value\n,2019,1\n").unwrap();
    let r = run(&["summary", path_str(&path)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("1 row has no area (line 2); it is left out"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("noarea.csv: none of the 1 data rows has both an area and a period; nothing is left to read\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("hint: if the area or period is in another column"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn a_file_read_in_parts_summarises_the_same() {
    // Annual and quarterly series, missing values and gaps, so that year-before values and
    // spans cross the parts' edges.
    let mut text = String::from("area,indicator,period,value\n");
    for a in 0..25 {
        for y in 2000..2016 {
            if (a + y) % 7 != 0 {
                let value = if (a * y) % 11 == 0 { "NA".to_string() } else { format!("{}.{}", a + y % 9, y % 7) };
                text.push_str(&format!("Area {a},gdp,{y},{value}\n"));
            }
        }
        for y in 2010..2016 {
            for q in 1..=4 {
                if (a + y + q) % 5 != 0 {
                    text.push_str(&format!("Area {a},cpi,{y}-Q{q},{}.{q}\n", 100 + a + y % 4));
                }
            }
        }
    }
    let dir = temp();
    let path = dir.path().join("panel.csv");
    std::fs::write(&path, text).unwrap();
    let whole = run(&["summary", path_str(&path), "--format", "csv"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    for part in [1, 700, 1500, 3000, 100_000] {
        for extra in [&[][..], &["--indicator", "cpi"][..]] {
            let mut args = vec!["summary", path_str(&path), "--format", "csv"];
            args.extend(extra);
            let parts = in_parts(&args, part);
            assert_eq!(parts.code, 0, "{}", parts.stderr);
            assert!(parts.stderr.contains("is read a part at a time"), "{}", parts.stderr);
            same_summary(&parts.stdout, &run(&args).stdout);
        }
    }
    assert!(whole.stdout.lines().count() == 51, "{}", whole.stdout);
}

/// Two summaries agree: every cell the same, but for the mean, whose sum a part's edge may split
/// (added in two pieces, its last digits can differ).
fn same_summary(a: &str, b: &str) {
    let (a, b) = (csv_rows(a), csv_rows(b));
    assert_eq!(a.len(), b.len());
    let mean = a[0].iter().position(|h| h == "mean").unwrap();
    for (x, y) in a.iter().zip(&b) {
        for (i, (p, q)) in x.iter().zip(y).enumerate() {
            if i == mean && p != q {
                let (p, q): (f64, f64) = (p.parse().unwrap(), q.parse().unwrap());
                assert!((p - q).abs() <= 1e-12 * p.abs().max(1.0), "mean {p} vs {q}");
            } else {
                assert_eq!(p, q, "{x:?} vs {y:?}");
            }
        }
    }
}

/// `examples/lang_son.rs` prints the anchor sentence through the library API (`cargo test`
/// builds the examples beside the test binaries).
#[test]
fn library_example_prints_the_anchor_figures() {
    let deps = std::env::current_exe().unwrap();
    let example = deps.parent().unwrap().parent().unwrap().join("examples").join("lang_son");
    let out = std::process::Command::new(&example).output().expect("the lang_son example is built");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Lạng Sơn, 2019:\n"), "{text}");
    assert!(text.contains("11.68 % — within the 11–12 % plan (met), ranked 1 of 11"), "{text}");
    assert!(text.contains("773.5 tỷ đồng — +19 % on the year before, ranked 1 of 11"), "{text}");
    assert!(text.contains("par_index: 84 — +2.5 points on the year before, ranked 1 of 11"), "{text}");
}

/// On a terminal (`--format table`) each series gets a `trend` of block characters; CSV never.
#[test]
fn terminal_table_shows_a_trend() {
    let args = ["summary", "datasets/vn_pci_2005_2016_panel.csv", "--indicator", "pci_weighted", "--area", "Da Nang"];
    let table = ok(&[&args[..], &["--format", "table"]].concat());
    assert!(table.contains("trend") && table.contains("▅█▇▆█▅▄▁▄▄▅"), "{table}");
    let csv = ok(&[&args[..], &["--format", "csv"]].concat());
    assert!(!csv.contains("trend") && !csv.contains('█'), "{csv}");
}
