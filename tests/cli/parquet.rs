//! Parquet: `-o long.parquet` (typed columns), `convert --partition-by` (a Hive-partitioned
//! dataset), both read back by chiso and by Polars; tables other tools wrote; the README's
//! "Beyond one machine" query run in DuckDB against `chiso summary`.

use super::*;
use polars::prelude::*;
use polars_io::prelude::{ParquetReader, ParquetWriter, SerReader};

fn read_parquet(path: &Path) -> DataFrame {
    ParquetReader::new(std::fs::File::open(path).unwrap()).finish().unwrap()
}

fn write_parquet(path: &Path, mut df: DataFrame) {
    ParquetWriter::new(std::fs::File::create(path).unwrap()).finish(&mut df).unwrap();
}

/// Rows of CSV text keyed by their first `key` fields, for comparing tables whose row order
/// may differ.
fn keyed(text: &str, key: usize) -> std::collections::BTreeMap<Vec<String>, Vec<String>> {
    let rows = csv_rows(text);
    rows.iter().map(|r| (r[..key].to_vec(), r[key..].to_vec())).collect()
}

#[test]
fn the_canonical_frame_round_trips_with_types() {
    let dir = temp();
    let file = dir.path().join("budget.parquet");
    let budget = "datasets/lang-son/thu-ngan-sach.csv";
    ok(&["convert", budget, "-o", path_str(&file)]);
    let df = read_parquet(&file);
    let csv = csv_rows(&ok(&["convert", budget, "--format", "csv"]));
    let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
    assert_eq!(names, csv[0].iter().map(String::as_str).collect::<Vec<_>>());
    let dtype = |name: &str| df.column(name).unwrap().dtype().clone();
    assert_eq!(dtype("area"), DataType::String);
    assert_eq!(dtype("period"), DataType::String, "periods stay text (2019-Q1, Pre. 2016)");
    assert!(dtype("year").is_integer());
    assert_eq!(dtype("value"), DataType::Float64);
    assert_eq!(df.height(), csv.len() - 1);
    // Vietnamese text intact, the numbers those of the CSV (decimal commas read).
    let areas = df.column("area").unwrap().str().unwrap();
    let values = df.column("value").unwrap().f64().unwrap();
    for (i, row) in csv[1..].iter().enumerate() {
        assert_eq!(areas.get(i), Some(row[0].as_str()));
        assert_eq!(values.get(i), row[6].parse::<f64>().ok(), "row {i}");
    }
    assert_eq!(values.get(0), Some(650.0));
    assert_eq!(values.get(1), Some(773.5));
    // Read back by chiso: the same summary as from the CSV.
    assert_eq!(ok(&["summary", path_str(&file), "--format", "csv"]), ok(&["summary", budget, "--format", "csv"]));
    let inspect = ok(&["inspect", path_str(&file), "--format", "csv"]);
    assert!(inspect.contains("encoding,Parquet\n"), "{inspect}");
    assert!(inspect.contains("layout,long\n"), "{inspect}");
    // `year`, `sub` and `freq` are known by name to add nothing: listed, never read.
    assert!(inspect.contains("ignored columns,\"year, sub, freq\"\n"), "{inspect}");
}

#[test]
fn missing_values_stay_missing() {
    let dir = temp();
    let file = dir.path().join("pci.parquet");
    ok(&["convert", "datasets/vn_pci_2005_2016_panel.csv", "-o", path_str(&file)]);
    let df = read_parquet(&file);
    let csv = csv_rows(&ok(&["convert", "datasets/vn_pci_2005_2016_panel.csv", "--format", "csv"]));
    let empty = csv[1..].iter().filter(|r| r[6].is_empty()).count();
    assert!(empty > 0);
    assert_eq!(df.column("value").unwrap().null_count(), empty);
}

#[test]
fn partitioned_dataset_reads_back_as_the_same_data() {
    let dir = temp();
    let out = dir.path().join("pci");
    let pci = "datasets/vn_pci_2005_2016_panel.csv";
    let r = run(&["convert", pci, "--partition-by", "indicator", "-o", path_str(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("in 13 Parquet files under"), "{}", r.stderr);
    let mut folders: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    folders.sort();
    assert_eq!(folders.len(), 13);
    assert!(folders.contains(&"indicator=pci_weighted".to_string()), "{folders:?}");
    // The partition column lives in the folder names only, as Hive and Spark write it.
    let part = read_parquet(&out.join("indicator=pci_weighted/part-0.parquet"));
    assert!(part.column("indicator").is_err());
    assert_eq!(part.column("value").unwrap().dtype(), &DataType::Float64);
    // The folder read whole: the same canonical rows and the same summary, whatever the order.
    let from_dataset = ok(&["convert", path_str(&out), "--format", "csv"]);
    let from_csv = ok(&["convert", pci, "--format", "csv"]);
    assert_eq!(keyed(&from_dataset, 3), keyed(&from_csv, 3));
    let summary_dataset = ok(&["summary", path_str(&out), "--format", "csv"]);
    let summary_csv = ok(&["summary", pci, "--format", "csv"]);
    assert_eq!(keyed(&summary_dataset, 2), keyed(&summary_csv, 2));
}

#[test]
fn partition_values_are_escaped_the_hive_way() {
    let dir = temp();
    let input = dir.path().join("odd.csv");
    std::fs::write(&input, "area,indicator,year,value\nA,GDP/capita: 2010=100,2019,1.5\nA,Tỉ lệ %,2019,2\n").unwrap();
    let out = dir.path().join("out");
    ok(&["convert", path_str(&input), "--partition-by", "indicator,year", "-o", path_str(&out)]);
    assert!(out.join("indicator=GDP%2Fcapita%3A 2010%3D100/year=2019/part-0.parquet").is_file());
    assert!(out.join("indicator=Tỉ lệ %25/year=2019/part-0.parquet").is_file());
    let back = ok(&["convert", path_str(&out), "--format", "csv"]);
    assert!(back.contains("A,GDP/capita: 2010=100,2019,2019,0,A,1.5,\n"), "{back}");
    assert!(back.contains("A,Tỉ lệ %,2019,2019,0,A,2,\n"), "{back}");
    // DuckDB unescapes them the same way.
    if has_duckdb() {
        let query = "SELECT indicator FROM read_parquet('out/**/*.parquet', hive_partitioning = true) ORDER BY value";
        assert_eq!(duckdb(dir.path(), query), "indicator\nGDP/capita: 2010=100\nTỉ lệ %\n");
    }
}

/// True when Python's duckdb package is there (`.ci/run` installs it; in CI its absence fails).
fn has_duckdb() -> bool {
    let there =
        std::process::Command::new("python3").args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success());
    if !there {
        assert!(std::env::var_os("CI").is_none(), "CI must install Python's duckdb package (see .ci/run)");
        eprintln!("skipped: no Python duckdb package (pip install duckdb)");
    }
    there
}

/// The result of a DuckDB query run in `dir`, as CSV with a header.
fn duckdb(dir: &Path, query: &str) -> String {
    let script = "import csv, duckdb, sys\nr = duckdb.sql(sys.stdin.read())\nw = csv.writer(sys.stdout, lineterminator='\\n')\nw.writerow(r.columns)\nw.writerows(r.fetchall())\n";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), query.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn partitioned_output_never_replaces_what_it_should_not() {
    let dir = temp();
    let out = dir.path().join("out");
    let budget = "datasets/lang-son/thu-ngan-sach.csv";
    let write =
        |extra: &[&str]| run(&[&["convert", budget, "--partition-by", "area", "-o", path_str(&out)], extra].concat());
    assert_eq!(write(&[]).code, 0);
    // An existing dataset: only with --force.
    let again = write(&[]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("exists\nhint: add --force"), "{}", again.stderr);
    assert_eq!(write(&["--force"]).code, 0);
    // A folder with other files in it is not replaced, even with --force.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let refused = write(&["--force"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("holds files other than a partitioned dataset"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
    // Reading a dataset and writing it over itself.
    let dataset = dir.path().join("ds");
    ok(&["convert", budget, "--partition-by", "area", "-o", path_str(&dataset)]);
    let r = run(&["convert", path_str(&dataset), "--partition-by", "area", "-o", path_str(&dataset), "--force"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("it is one of the inputs"), "{}", r.stderr);
    // A column that is not in the output; another format.
    let r = run(&["convert", budget, "--partition-by", "region", "-o", path_str(&dir.path().join("x"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("region"), "{}", r.stderr);
    let r =
        run(&["convert", budget, "--partition-by", "area", "--format", "csv", "-o", path_str(&dir.path().join("y"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--partition-by writes Parquet only"), "{}", r.stderr);
}

#[test]
fn a_wide_table_another_tool_wrote() {
    // As Our World in Data's grapher exports come: entity, code, year (integers), one column per
    // indicator, an integer indicator among them.
    let dir = temp();
    let file = dir.path().join("owid.parquet");
    let df = df!(
        "Entity" => ["Vietnam", "Vietnam", "Thailand", "Thailand"],
        "Code" => ["VNM", "VNM", "THA", "THA"],
        "Year" => [2019i64, 2020, 2019, 2020],
        "GDP per capita" => [Some(8041.2), Some(8200.5), Some(17_000.0), None],
        "Population" => [96_462_106i64, 97_338_583, 71_307_763, 71_475_664],
    )
    .unwrap();
    write_parquet(&file, df);
    let out = csv_rows(&ok(&["convert", path_str(&file), "--format", "csv"]));
    let find = |area: &str, indicator: &str, period: &str| -> String {
        let row = out.iter().find(|r| r[0] == area && r[1] == indicator && r[2] == period).unwrap();
        row[6].clone()
    };
    assert_eq!(find("Vietnam", "GDP per capita", "2020"), "8200.5");
    assert_eq!(find("Thailand", "GDP per capita", "2020"), "", "missing stays missing");
    assert_eq!(find("Thailand", "Population", "2019"), "71307763");
    let summary = ok(&["summary", path_str(&file), "--indicator", "Population", "--format", "csv"]);
    assert!(summary.contains("Vietnam,Population,2019,2020,2,97338583,96462106,876477,"), "{summary}");
}

#[test]
fn broken_parquet_and_empty_folders_are_errors() {
    let dir = temp();
    let file = dir.path().join("broken.parquet");
    std::fs::write(&file, b"PAR1 not really a parquet file PAR1").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("broken.parquet: cannot read as Parquet"), "{}", r.stderr);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let r = run(&["summary", path_str(&empty)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("is a directory, not a file\nhint: a folder is read when it holds Parquet files"),
        "{}",
        r.stderr
    );
}

/// The README's "Beyond one machine" query, run by DuckDB over the partitioned dataset, gives
/// the numbers of `chiso summary`. Needs Python's duckdb package (`.ci/run` installs it); without
/// it the test says so and passes, except in CI.
#[test]
fn readme_duckdb_query_matches_summary() {
    if !has_duckdb() {
        return;
    }
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("## Beyond one machine").nth(1).expect("README has the section");
    let query = section.split("```sql\n").nth(1).unwrap().split("```").next().unwrap();
    let setup = section.split("```sh\n").nth(1).unwrap().split("```").next().unwrap();
    assert!(
        setup.contains("chiso convert datasets/vn_pci_2005_2016_panel.csv --partition-by indicator -o pci/"),
        "{setup}"
    );
    let dir = temp();
    ok(&[
        "convert",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--partition-by",
        "indicator",
        "-o",
        path_str(&dir.path().join("pci")),
    ]);
    let duck = csv_rows(&duckdb(dir.path(), query));
    let chiso = csv_rows(&ok(&["summary", "datasets/vn_pci_2005_2016_panel.csv", "--format", "csv"]));
    let header = &chiso[0];
    // The query leaves out series with no value at all; chiso lists them with n = 0.
    let n = header.iter().position(|h| h == "n").unwrap();
    let with_values = chiso[1..].iter().filter(|r| r[n] != "0").count();
    assert!(with_values < chiso.len() - 1, "the panel has series without values");
    assert_eq!(duck.len() - 1, with_values, "one row per series with a value");
    let by_key: std::collections::HashMap<(&str, &str), &Vec<String>> =
        chiso[1..].iter().map(|r| ((r[0].as_str(), r[1].as_str()), r)).collect();
    let mut compared = 0;
    for row in &duck[1..] {
        let mine = by_key[&(row[0].as_str(), row[1].as_str())];
        for (i, name) in duck[0].iter().enumerate().skip(2) {
            let j = header.iter().position(|h| h == name).unwrap_or_else(|| panic!("chiso has no {name}"));
            let (a, b) = (row[i].as_str(), mine[j].as_str());
            let same = match (a.parse::<f64>(), b.parse::<f64>()) {
                (Ok(x), Ok(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                _ => a.is_empty() && b.is_empty() || (a == "None" && b.is_empty()),
            };
            assert!(same, "{} {} {name}: DuckDB {a:?}, chiso {b:?}", row[0], row[1]);
            compared += 1;
        }
    }
    assert!(compared > 8000, "{compared}");
}

/// Columns pandas and R write: factors (dictionary-encoded, read as categorical), decimals,
/// lists and structs. Factors and decimals read like text and numbers; nested columns are left
/// out with a warning naming them.
#[test]
fn factors_decimals_and_nested_columns() {
    let dir = temp();
    let file = dir.path().join("factors.parquet");
    let tags: Vec<Series> =
        vec![Series::new("".into(), ["x"]), Series::new("".into(), ["y", "z"]), Series::new("".into(), ["x"])];
    let mut df = df!(
        "province" => ["Lạng Sơn", "Cao Bằng", "Lạng Sơn"],
        "year" => [2019i64, 2019, 2020],
        "value" => [84.0, 79.5, 85.25],
        "tags" => tags,
    )
    .unwrap();
    let factor = df.column("province").unwrap().cast(&DataType::from_categories(Categories::global())).unwrap();
    df.with_column(factor).unwrap();
    let money = df.column("value").unwrap().cast(&DataType::Decimal(10, 2)).unwrap();
    df.with_column(money).unwrap();
    write_parquet(&file, df);
    let r = run(&["convert", path_str(&file), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "area,indicator,period,year,sub,freq,value,flag\n\
         Lạng Sơn,factors,2019,2019,0,A,84,\nCao Bằng,factors,2019,2019,0,A,79.5,\nLạng Sơn,factors,2020,2020,0,A,85.25,\n"
    );
    assert!(
        r.stderr
            .contains("factors.parquet: 1 column holds nested values, not observations: left out (tags (list[str]))"),
        "{}",
        r.stderr
    );
}

/// Binary columns (bytes, not text) are left out with a warning; a file with nothing else is an
/// error naming them, not an internal error.
#[test]
fn binary_columns_are_left_out() {
    let dir = temp();
    let file = dir.path().join("bytes.parquet");
    let blobs: Vec<&[u8]> = vec![b"\xff\x00", b"\x01"];
    let df = df!("area" => ["A", "B"], "year" => [2019i64, 2019], "value" => [1.5, 2.5], "blob" => blobs).unwrap();
    write_parquet(&file, df);
    let r = run(&["convert", path_str(&file), "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\nB,bytes,2019,2019,0,A,2.5,\n"), "{}", r.stdout);
    assert!(
        r.stderr.contains("1 column holds binary data, not observations: left out (blob (binary))"),
        "{}",
        r.stderr
    );
    let only = dir.path().join("only.parquet");
    let blobs: Vec<&[u8]> = vec![b"\xff"];
    write_parquet(&only, df!("blob" => blobs).unwrap());
    let r = run(&["convert", path_str(&only)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("only.parquet: cannot read as Parquet: no column holds text or numbers: blob (binary)"),
        "{}",
        r.stderr
    );
}
