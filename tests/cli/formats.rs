//! The publishers' formats, read without flags: Eurostat's bulk TSV, Our World in Data's grapher
//! and older exports, a UN Statistical Yearbook CSV, an Open SDG file with fiscal years and
//! windows, and statistics-office tables saved from Excel (titles, a unit line, two-line headers,
//! section rows, notes, a table continued below its repeated header). Numbers are checked against
//! the raw cells of the fixtures, read here with the csv crate.

use std::collections::BTreeMap;

use super::*;

/// The canonical long frame `chiso convert` prints, as rows of named fields.
fn long(args: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut all = vec!["convert"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "csv"]);
    let rows = csv_rows(&ok(&all));
    rows[1..].iter().map(|r| rows[0].iter().cloned().zip(r.iter().cloned()).collect()).collect()
}

fn find<'a>(rows: &'a [BTreeMap<String, String>], want: &[(&str, &str)]) -> &'a BTreeMap<String, String> {
    let hits: Vec<_> =
        rows.iter().filter(|r| want.iter().all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))).collect();
    assert_eq!(hits.len(), 1, "{want:?} matched {} rows", hits.len());
    hits[0]
}

/// The raw cells of a delimited fixture.
fn raw(path: &str, delimiter: u8) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(|c| c.trim().to_string()).collect()).collect()
}

#[test]
fn eurostat_bulk_tsv() {
    let rows = long(&["tests/fixtures/eurostat_une_rt_a.tsv"]);
    // Every cell of the raw file, split by hand: number, then status letters.
    let cells = raw("tests/fixtures/eurostat_une_rt_a.tsv", b'\t');
    let periods: Vec<String> = cells[0][1..].to_vec();
    let mut checked = 0;
    for line in &cells[1..] {
        let key: Vec<&str> = line[0].split(',').collect();
        let (unit, geo) = (key[1], key[4]);
        for (p, cell) in periods.iter().zip(&line[1..]) {
            let (number, letters) = cell.split_once(' ').map_or((cell.as_str(), ""), |(n, l)| (n, l.trim()));
            let row = find(&rows, &[("area", geo), ("unit_code", unit), ("period", p)]);
            let expected = if number == ":" { String::new() } else { number.parse::<f64>().unwrap().to_string() };
            assert_eq!(row["value"], expected, "{geo} {unit} {p}");
            let spelled: Vec<&str> = letters
                .chars()
                .map(|l| match l {
                    'b' => "break in series",
                    'e' => "estimate",
                    'p' => "preliminary",
                    'u' => "low reliability",
                    'c' => "confidential",
                    other => panic!("unexpected letter {other}"),
                })
                .collect();
            assert_eq!(row["flag"], spelled.join(", "), "{geo} {unit} {p}");
            assert_eq!((row["sex"].as_str(), row["age"].as_str()), ("T", "Y15-74"));
            checked += 1;
        }
    }
    assert_eq!(checked, 24);
    assert_eq!(rows.len(), 24);

    // Older files: `geo\time`, descending quarters.
    let rows = long(&["tests/fixtures/eurostat_quarterly_old.tsv"]);
    let row = find(&rows, &[("area", "DE"), ("period", "2022Q2")]);
    assert_eq!((row["value"].as_str(), row["flag"].as_str(), row["freq"].as_str()), ("-0.1", "preliminary", "Q"));
    assert_eq!(find(&rows, &[("area", "FR"), ("period", "2022Q1")])["value"], "");
    assert_eq!(find(&rows, &[("area", "FR"), ("period", "2021Q4")])["flag"], "estimate");
}

#[test]
fn eurostat_growth_compares_the_same_quarter() {
    let out = ok(&["growth", "tests/fixtures/eurostat_quarterly_old.tsv", "--area", "DE", "--format", "csv"]);
    let rows = csv_rows(&out);
    // 2021Q4, 2022Q1, 2022Q2: no quarter has the same quarter a year before, so no YoY.
    let yoy = rows[0].iter().position(|h| h == "yoy_pct").unwrap();
    assert!(rows[1..].iter().all(|r| r[yoy].is_empty()), "{out}");
}

#[test]
fn our_world_in_data_grapher_and_older_exports() {
    let rows = long(&["tests/fixtures/owid_grapher.csv"]);
    let gdp = "GDP per capita, PPP (constant 2017 international $)";
    let row = find(&rows, &[("area", "Vietnam"), ("indicator", gdp), ("period", "2020")]);
    assert_eq!((row["value"].as_str(), row["level"].as_str()), ("11054.2", "country"));
    // No code, or OWID_WRL: an aggregate; another OWID_ code is a place without an ISO code.
    for (area, level) in [
        ("Africa", "aggregate"),
        ("World", "aggregate"),
        ("Upper-middle-income countries", "aggregate"),
        ("Kosovo", "country"),
    ] {
        assert_eq!(find(&rows, &[("area", area), ("indicator", gdp), ("period", "2019")])["level"], level, "{area}");
    }

    // Ranks leave the aggregates out, and say so once.
    let r = run(&["rank", "tests/fixtures/owid_grapher.csv", "--indicator", gdp, "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("3 areas are aggregates by their codes (none, or OWID_WRL), so they are not ranked: Africa, Upper-middle-income countries, World").count(),
        1,
        "{}",
        r.stderr
    );
    let ranked = csv_rows(&r.stdout);
    let (area, rank, out_of) =
        (0, ranked[0].iter().position(|h| h == "rank").unwrap(), ranked[0].iter().position(|h| h == "out_of").unwrap());
    let by_area: BTreeMap<&str, (&str, &str)> =
        ranked[1..].iter().map(|r| (r[area].as_str(), (r[rank].as_str(), r[out_of].as_str()))).collect();
    assert_eq!(by_area["Thailand"], ("1", "3"));
    assert_eq!(by_area["Vietnam"], ("2", "3"));
    assert_eq!(by_area["Kosovo"], ("3", "3"));
    assert!(!by_area.contains_key("World"), "{}", r.stdout);

    // `country, year, iso_code, …`: the same rules.
    let rows = long(&["tests/fixtures/owid_co2.csv"]);
    assert_eq!(find(&rows, &[("area", "Asia"), ("indicator", "co2"), ("period", "2020")])["level"], "aggregate");
    assert_eq!(find(&rows, &[("area", "Vietnam"), ("indicator", "gdp"), ("period", "2020")])["value"], "");
    assert_eq!(find(&rows, &[("area", "World"), ("indicator", "gdp"), ("period", "2019")])["value"], "130187011538944");
}

#[test]
fn un_statistical_yearbook() {
    let rows = long(&["tests/fixtures/un_syb_population.csv"]);
    let cells = raw("tests/fixtures/un_syb_population.csv", b',');
    // The title line is no header; the unnamed column beside the codes holds the names.
    assert_eq!(cells[1][..3], ["Region/Country/Area", "", "Year"]);
    for line in &cells[2..] {
        let row = find(&rows, &[("area", &line[1]), ("indicator", &line[3]), ("period", &line[2])]);
        let number: f64 = line[4].replace(',', "").parse().unwrap();
        assert_eq!(row["value"].parse::<f64>().unwrap(), number, "{line:?}");
        assert_eq!(row["source"], line[6]);
        assert_eq!(row["note"], line[5]);
    }
    assert_eq!(rows.len(), cells.len() - 2);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["inspect", "tests/fixtures/un_syb_population.csv", "--format", "json"])).unwrap();
    assert_eq!(json["files"][0]["header_line"], 2);
    assert_eq!(json["files"][0]["area"], "column 'column_2'");
    assert_eq!(json["files"][0]["ignored"][0], "Region/Country/Area");
}

#[test]
fn fiscal_years_and_windows() {
    let rows = long(&["tests/fixtures/open_sdg_fiscal.csv"]);
    let row = find(&rows, &[("period", "2017/18"), ("Sex", "")]);
    assert_eq!((row["year"].as_str(), row["freq"].as_str(), row["area"].as_str()), ("2017", "FY", "Total"));
    let row = find(&rows, &[("period", "2002/03-2007/08")]);
    assert_eq!((row["year"].as_str(), row["sub"].as_str(), row["freq"].as_str()), ("2002", "6", "MY"));

    // A fiscal year compares with the fiscal year before; a window with nothing. (The values are
    // a rate, in %: `--relative` asks for their YoY % too.)
    let out = ok(&["growth", "tests/fixtures/open_sdg_fiscal.csv", "--relative", "--format", "csv"]);
    let rows = csv_rows(&out);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (period, sex, previous, yoy) = (col("period"), col("Sex"), col("previous"), col("yoy_pct"));
    let get = |p: &str, s: &str| rows[1..].iter().find(|r| r[period] == p && r[sex] == s).unwrap();
    assert_eq!(get("2016/17", "")[previous], "45.2");
    let expected = (46.1 - 45.2) / 45.2 * 100.0;
    assert!((get("2016/17", "")[yoy].parse::<f64>().unwrap() - expected).abs() < 1e-9);
    // Female 2017/18 is missing: 2018/19 has no fiscal year before it.
    assert_eq!(get("2018/19", "Female")[previous], "");
    for window in ["2007/08-2012/13", "2012/13-2017/18"] {
        assert_eq!(get(window, "")[previous], "", "{window}");
    }

    // Gaps follow the data's calendar: the female series misses 2017/18, which others have.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["inspect", "tests/fixtures/open_sdg_fiscal.csv", "--format", "json"])).unwrap();
    let gaps: Vec<&serde_json::Value> =
        json["quality"].as_array().unwrap().iter().filter(|f| f["check"] == "gaps").collect();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0]["count"], 1);
}

#[test]
fn a_survey_every_other_year_has_no_gaps() {
    let dir = temp();
    let file = dir.path().join("survey.csv");
    std::fs::write(&file, "area,year,value\nA,2010,1\nA,2012,2\nA,2014,3\nB,2010,4\nB,2014,5\n").unwrap();
    let json: serde_json::Value = serde_json::from_str(&ok(&["inspect", path_str(&file), "--format", "json"])).unwrap();
    let gaps: Vec<&serde_json::Value> =
        json["quality"].as_array().unwrap().iter().filter(|f| f["check"] == "gaps").collect();
    // Only B misses 2012, a year A has; 2011 and 2013 are no one's.
    assert_eq!(gaps.len(), 1, "{json}");
    assert_eq!(gaps[0]["count"], 1);
    assert!(gaps[0]["examples"][0].as_str().unwrap().starts_with("B / survey (1 missing"), "{json}");
    // Asked about B alone, the calendar is still the indicator's, from every area.
    let r = run(&["summary", path_str(&file), "--area", "B", "--format", "csv"]);
    assert!(r.stderr.contains("quality: 1 series misses periods inside its span"), "{}", r.stderr);
    let r = run(&["summary", path_str(&file), "--area", "A", "--format", "csv"]);
    assert!(!r.stderr.contains("misses periods"), "{}", r.stderr);
}

#[test]
fn coverage_counts_series_and_never_passes_100() {
    // Two sexes for each area: four series, each with both periods.
    let dir = temp();
    let file = dir.path().join("sex.csv");
    std::fs::write(
        &file,
        "area,sex,year,value\nA,M,2019,1\nA,F,2019,2\nA,M,2020,3\nA,F,2020,4\nB,M,2019,5\nB,F,2019,6\nB,M,2020,7\n",
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&ok(&["inspect", path_str(&file), "--format", "json"])).unwrap();
    assert_eq!(json["series"], 4);
    assert_eq!(json["coverage_pct"], 87.5);
}

#[test]
fn a_yearbook_table_saved_from_excel() {
    let rows = long(&["tests/fixtures/gso_yearbook.csv"]);
    let cells = raw("tests/fixtures/gso_yearbook.csv", b',');
    // Headers: two lines, the group header over the years; values with decimal commas.
    let groups = ["Dân số trung bình (Nghìn người)", "", "", "Tỷ lệ tăng dân số (%)", ""];
    let years = ["2022", "2023", "Sơ bộ 2024", "2023", "Sơ bộ 2024"];
    let mut checked = 0;
    for line in cells.iter().filter(|l| l.len() == 6 && !l[0].is_empty() && (l[1].contains(',') || l[1] == "..")) {
        for j in 0..5 {
            let group = groups[..=j].iter().rev().find(|g| !g.is_empty()).unwrap();
            let row = find(&rows, &[("area", &line[0]), ("indicator", group), ("period", years[j])]);
            let expected = if line[j + 1] == ".." {
                String::new()
            } else {
                line[j + 1].replace(',', ".").parse::<f64>().unwrap().to_string()
            };
            assert_eq!(row["value"], expected, "{} {group} {}", line[0], years[j]);
            assert_eq!(row["flag"], if years[j].starts_with("Sơ bộ") { "preliminary" } else { "" });
            checked += 1;
        }
    }
    assert_eq!(checked, 25);
    assert_eq!(rows.len(), 25);
}

#[test]
fn sections_name_the_rows_under_them() {
    let r = run(&["convert", "tests/fixtures/gso_sections.csv", "--area-name", "Cao Lộc", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let indicators: std::collections::BTreeSet<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        indicators.into_iter().collect::<Vec<_>>(),
        [
            "Phân theo giới tính / Nam",
            "Phân theo giới tính / Nữ",
            "Phân theo thành thị, nông thôn / Nông thôn",
            "Phân theo thành thị, nông thôn / Thành thị",
            "Tổng số dân"
        ]
    );
    // The unit line above the table is the unit; `Ước tính năm 2023` is 2023, an estimate.
    assert_eq!(rows[0], ["area", "indicator", "period", "year", "sub", "freq", "value", "flag", "unit"]);
    assert_eq!(
        rows[3],
        ["Cao Lộc", "Tổng số dân", "Ước tính năm 2023", "2023", "0", "A", "76.9", "estimate", "Nghìn người"]
    );
}

#[test]
fn world_bank_country_metadata_as_an_areas_file() {
    let args = [
        "rank",
        "datasets/wb_gdp_current_usd_long.csv",
        "--areas",
        "tests/fixtures/wb_metadata_country.csv",
        "--period",
        "2019",
        "--format",
        "csv",
    ];
    let chosen = ["--area", "Viet Nam", "--area", "World", "--area", "Thailand", "--area", "East Asia & Pacific"];
    let rows = csv_rows(&ok(&[&args[..], &chosen].concat()));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let get = |area: &str| rows[1..].iter().find(|r| r[0] == area).unwrap();
    // An empty Region: an aggregate, listed but never ranked.
    for aggregate in ["World", "East Asia & Pacific"] {
        assert_eq!((get(aggregate)[col("level")].as_str(), get(aggregate)[col("rank")].as_str()), ("aggregate", ""));
    }
    assert_eq!(get("Thailand")[col("level")], "country");
    // Each country ranked among all the countries of the file (aggregates left out), as in the
    // table without --area.
    let all = csv_rows(&ok(&args));
    let whole = |area: &str| all[1..].iter().find(|r| r[0] == area).unwrap().clone();
    for country in ["Thailand", "Viet Nam"] {
        assert_eq!(get(country), &whole(country));
    }
    let rank = |area: &str| get(area)[col("rank")].parse::<usize>().unwrap();
    assert!(rank("Thailand") < rank("Viet Nam"));
    let countries = all[1..].iter().filter(|r| r[col("level")] == "country" && !r[col("value")].is_empty()).count();
    assert_eq!(get("Viet Nam")[col("out_of")], countries.to_string());
}

#[test]
fn weekly_periods_are_refused_with_a_reason() {
    let dir = temp();
    let file = dir.path().join("demo_r_mwk_ts.tsv");
    std::fs::write(&file, "freq,sex,unit,geo\\TIME_PERIOD\t2020W01 \t2020W02 \nW,T,NR,AT\t1711 \t1752 p\n").unwrap();
    let r = run(&["summary", path_str(&file)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("'2020W01' is not a period"), "{}", r.stderr);
    assert!(
        r.stderr.contains("hint: weekly periods are not supported; aggregate the weeks to months first"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_column_that_describes_the_area_is_no_dimension() {
    // OWID scatter downloads name each country's region in one year only: as a dimension it would
    // cut Vietnam's series in two (2020 with "Asia", 2019 without) and rank within regions.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["inspect", "tests/fixtures/owid_scatter.csv", "--format", "json"])).unwrap();
    assert_eq!(json["files"][0]["dimensions"], serde_json::json!([]));
    assert_eq!(json["files"][0]["ignored"], serde_json::json!(["World regions according to OWID"]));
    let gdp = "GDP per capita, PPP (constant 2017 international $)";
    let out = ok(&["summary", "tests/fixtures/owid_scatter.csv", "--indicator", gdp, "--format", "csv"]);
    let rows = csv_rows(&out);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let vietnam = rows[1..].iter().find(|r| r[0] == "Vietnam").unwrap();
    assert_eq!((vietnam[col("n")].as_str(), vietnam[col("previous")].as_str()), ("2", "10869.3"));
    assert_eq!((vietnam[col("rank")].as_str(), vietnam[col("out_of")].as_str()), ("2", "3"));
}

/// A `date` column is the period when no `year`/`period` column is there (the World Bank API's
/// `date` holds the year; Our World in Data's daily files have `Day`); beside a `year` it is
/// some other date and left alone.
#[test]
fn date_columns_as_periods() {
    let dir = temp();
    let api = dir.path().join("api.csv");
    std::fs::write(&api, "country,countryiso3code,date,value\nViet Nam,VNM,2022,4.1e11\nViet Nam,VNM,2023,4.3e11\n")
        .unwrap();
    let out = ok(&["convert", path_str(&api), "--format", "csv"]);
    assert!(out.contains("\nViet Nam,api,2023,2023,0,A,430000000000,\n"), "{out}");
    let daily = dir.path().join("daily.csv");
    std::fs::write(&daily, "Entity,Code,Day,cases\nVietnam,VNM,2021-07-01,10\nVietnam,VNM,2021-07-02,12\n").unwrap();
    // Daily series are not supported (a date is read as its month): said so, not "duplicates".
    let r = run(&["convert", path_str(&daily), "--format", "csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("hint: these are days of one month"), "{}", r.stderr);
    let both = dir.path().join("both.csv");
    std::fs::write(&both, "area,year,date,value\nA,2019,2020-03-01,1\nA,2020,2021-03-01,2\n").unwrap();
    let out = ok(&["convert", path_str(&both), "--format", "csv"]);
    assert!(out.contains("\nA,both,2020,2020,0,A,2,\n"), "{out}");
    let inspect = ok(&["inspect", path_str(&both), "--format", "csv"]);
    assert!(inspect.contains("ignored columns,date\n"), "{inspect}");
}
