//! The fast reader (Polars' CSV reader, taken for plain files of more than 10,000 lines) must give
//! exactly what the careful reader gives, and send every unusual file back to it so that messages
//! keep naming the right line. `CHISO_CAREFUL=1` forces the careful reader for the comparison.

use super::*;
use std::fmt::Write as _;

/// A long file of `areas` × 3 indicators × 20 years; `edit` may change any line (0 = header).
/// The line with its last cell (the value) replaced.
fn with_value(line: &str, value: &str) -> String {
    format!("{},{value}", line.rsplit_once(',').unwrap().0)
}

/// An edit for [`long_file`]: the value of the `n`-th data row replaced.
fn value_at(at: usize, value: &'static str) -> impl Fn(usize, String) -> String {
    move |n, l| if n == at { with_value(&l, value) } else { l }
}

fn long_file(dir: &Path, name: &str, delimiter: char, edit: impl Fn(usize, String) -> String) -> PathBuf {
    let mut text = String::new();
    let mut lines = vec![format!("province{d}indicator{d}year{d}value", d = delimiter)];
    for a in 0..200 {
        for i in 0..3 {
            for y in 0..20 {
                let x = ((a * 7 + i * 13 + y * 3) % 97) as f64 * 1.25 + 0.01 * y as f64;
                let value = if (a + y) % 17 == 0 { "NA".to_string() } else { format!("{x}") };
                let value = if delimiter == ';' { value.replace('.', ",") } else { value };
                lines.push(format!("Tỉnh {a:03}{d}ind_{i}{d}{}{d}{value}", 2000 + y, d = delimiter));
            }
        }
    }
    for (n, line) in lines.into_iter().enumerate() {
        writeln!(text, "{}", edit(n, line)).unwrap();
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn both(args: &[&str]) -> (Run, Run) {
    let fast = run(args);
    let mut careful = command(args);
    careful.env("CHISO_CAREFUL", "1");
    (fast, run_command(careful))
}

fn timed(args: &[&str]) -> String {
    let mut cmd = command(args);
    cmd.env("CHISO_TIMING", "1");
    run_command(cmd).stderr
}

#[test]
fn plain_files_read_fast_give_what_the_careful_reader_gives() {
    let dir = temp();
    for (name, delimiter) in [("comma.csv", ','), ("semicolon.csv", ';')] {
        let path = long_file(dir.path(), name, delimiter, |_, l| l);
        let file = path_str(&path);
        assert!(timed(&["summary", file]).contains("parsed (fast reader)"), "{name}: fast reader not taken");
        for args in [vec!["summary", file], vec!["convert", file], vec!["inspect", file, "--format", "json"]] {
            let (fast, careful) = both(&args);
            assert_eq!(fast.code, 0, "{args:?}: {}", fast.stderr);
            assert_eq!(fast.stdout, careful.stdout, "{args:?}");
            assert_eq!(fast.stderr, careful.stderr, "{args:?}");
        }
        // Decimal commas were read as numbers: 3,76 → 3.76.
        let out = ok(&["convert", file]);
        assert!(csv_rows(&out).iter().any(|r| r[6] == "3.76"), "{name}");
    }
}

#[test]
fn unusual_lines_go_back_to_the_careful_reader_with_exact_lines() {
    let dir = temp();
    // A bad cell far down: the message names its line.
    let bad = long_file(dir.path(), "bad.csv", ',', value_at(11_234, "1O.5"));
    let r = run(&["summary", path_str(&bad)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("bad.csv:11235: column 'value': '1O.5' is not a number"), "{}", r.stderr);
    // inf is no observation.
    let inf = long_file(dir.path(), "inf.csv", ',', value_at(10_500, "inf"));
    let r = run(&["summary", path_str(&inf)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("inf.csv:10501: column 'value': 'inf' is not a number"), "{}", r.stderr);
    // Blank lines and a note under the table shift nothing.
    let notes = long_file(dir.path(), "notes.csv", ',', |n, l| match n {
        10_999 => format!("{l}\n"),
        11_999 => format!("{l}\nNguồn: Cục Thống kê,,,"),
        _ => l,
    });
    let (fast, careful) = both(&["convert", path_str(&notes)]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    assert_eq!(fast.stdout, careful.stdout);
    assert!(fast.stderr.contains("(line 12002)"), "{}", fast.stderr);
    // A null marker first met far down is still missing, not an error.
    let late = long_file(dir.path(), "late.csv", ',', value_at(11_500, "n/a"));
    let (fast, careful) = both(&["convert", path_str(&late)]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    assert_eq!(fast.stdout, careful.stdout);
    assert!(fast.stdout.lines().nth(11_500).unwrap().ends_with(",A,,"), "{:?}", fast.stdout.lines().nth(11_500));
    // A line with fewer fields far down is warned about, as the careful reader does.
    let short = long_file(dir.path(), "short.csv", ',', |n, l| {
        if n == 10_700 {
            l.rsplit_once(',').unwrap().0.to_string()
        } else {
            l
        }
    });
    let (fast, careful) = both(&["convert", path_str(&short)]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    assert_eq!((&fast.stdout, &fast.stderr), (&careful.stdout, &careful.stderr));
    assert!(fast.stderr.contains("1 line has fewer fields than the header (line 10701)"), "{}", fast.stderr);
    // A quoted name holding the delimiter reads the same either way.
    let quoted_comma = long_file(dir.path(), "comma-name.csv", ',', |n, l| {
        if n == 10_900 {
            format!("{l}\n\"Tỉnh, TP 999\",ind_0,2000,5")
        } else {
            l
        }
    });
    let (fast, careful) = both(&["summary", path_str(&quoted_comma)]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    assert_eq!(fast.stdout, careful.stdout);
    assert!(fast.stdout.contains("\"Tỉnh, TP 999\",ind_0,2000,2000,1,5,"), "{}", &fast.stdout[..200]);
    // A duplicate with another value far down is named by its lines.
    let dup =
        long_file(
            dir.path(),
            "dup.csv",
            ',',
            |n, l| if n == 12_000 { format!("{l}\nTỉnh 000,ind_0,2000,99") } else { l },
        );
    let r = run(&["summary", path_str(&dup)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("dup.csv:2: Tỉnh 000 / ind_0 / 2000"), "{}", r.stderr);
    assert!(r.stderr.contains("dup.csv:12002: Tỉnh 000 / ind_0 / 2000 = 99"), "{}", r.stderr);
    // A quoted cell spanning two lines keeps the line numbers after it right.
    let quoted = long_file(dir.path(), "quoted.csv", ',', |n, l| match n {
        5 => l.replacen("Tỉnh 000", "\"Tỉnh\n000\"", 1),
        10_800 => with_value(&l, "x"),
        _ => l,
    });
    let r = run(&["summary", path_str(&quoted)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("quoted.csv:10802: column 'value': 'x'"), "{}", r.stderr);
}

#[test]
fn big_files_are_mapped_and_read_the_same() {
    // Over 16 MiB: the file is mapped into memory rather than copied.
    let dir = temp();
    let mut text = String::from("area,indicator,year,value\n");
    for a in 0..4_000 {
        for i in 0..5 {
            for y in 0..20 {
                writeln!(
                    text,
                    "Huyện số {a:05} của tỉnh,chỉ tiêu {i},{},{}.{:03}",
                    2000 + y,
                    (a * 31 + y * 7) % 1000,
                    (a + i) % 997
                )
                .unwrap();
            }
        }
    }
    assert!(text.len() > 16 << 20, "{} bytes", text.len());
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &text).unwrap();
    let (fast, careful) = both(&["summary", path_str(&path)]);
    assert_eq!(fast.code, 0, "{}", fast.stderr);
    assert_eq!(fast.stdout, careful.stdout);
    assert_eq!(csv_rows(&fast.stdout).len(), 4_000 * 5 + 1);
}
