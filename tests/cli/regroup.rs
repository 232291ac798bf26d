//! `chiso regroup`: the budget final accounts on the 34 provinces of 2025, recomputed here from
//! the raw file; scores refused; rates weighted; a split with shares; crosswalk mistakes.

use super::*;

const MERGER: &str = "datasets/vn_province_merger_2025.csv";

/// `total.rev` by (province, year) straight from the raw file (CR line endings, R row names).
fn raw_budget() -> std::collections::HashMap<(String, String), f64> {
    let text =
        std::fs::read_to_string(root().join("datasets/vn_mof_budget_final_2006_2015.csv")).unwrap().replace('\r', "\n");
    let rows = csv_rows(&text);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (prov, year, rev) = (col("prov"), col("year"), col("total.rev"));
    rows[1..].iter().filter_map(|r| Some(((r[prov].clone(), r[year].clone()), r[rev].parse().ok()?))).collect()
}

fn regrouped(args: &[&str]) -> std::collections::HashMap<(String, String), String> {
    let mut all = vec!["regroup"];
    all.extend_from_slice(args);
    all.extend(["--format", "csv"]);
    let rows = csv_rows(&ok(&all));
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (area, period, value) = (col("area"), col("period"), col("value"));
    rows[1..].iter().map(|r| ((r[area].clone(), r[period].clone()), r[value].clone())).collect()
}

#[test]
fn budget_on_the_34_provinces() {
    let raw = raw_budget();
    let out = regrouped(&[
        "datasets/vn_mof_budget_final_2006_2015.csv",
        "--crosswalk",
        MERGER,
        "--areas",
        "datasets/vn-provinces.csv",
        "--indicator",
        "total.rev",
    ]);
    let value = |area: &str, year: u32| out[&(area.to_string(), year.to_string())].parse::<f64>().unwrap();
    let sum = |names: &[&str], year: u32| names.iter().map(|n| raw[&(n.to_string(), year.to_string())]).sum::<f64>();
    for year in 2006..=2015 {
        // Merged: new Tuyên Quang = Hà Giang + Tuyên Quang; new Hồ Chí Minh City = Bình Dương +
        // Bà Rịa - Vũng Tàu + Hồ Chí Minh City; new Lào Cai = Lào Cai + Yên Bái.
        assert_eq!(value("Tỉnh Tuyên Quang", year), sum(&["Ha Giang", "Tuyen Quang"], year), "{year}");
        let hcm = sum(&["Binh Duong", "Ba Ria - Vung Tau", "Ho Chi Minh City"], year);
        assert!((value("Thành phố Hồ Chí Minh", year) - hcm).abs() < 1e-6, "{year}");
        assert_eq!(value("Tỉnh Lào Cai", year), sum(&["Lao Cai", "Yen Bai"], year), "{year}");
        // The 11 unchanged units keep their values.
        for (new, old) in [
            ("Thành phố Hà Nội", "Ha Noi"),
            ("Thành phố Huế", "Thua Thien - Hue"),
            ("Tỉnh Lai Châu", "Lai Chau"),
            ("Tỉnh Điện Biên", "Dien Bien"),
            ("Tỉnh Sơn La", "Son La"),
            ("Tỉnh Lạng Sơn", "Lang Son"),
            ("Tỉnh Quảng Ninh", "Quang Ninh"),
            ("Tỉnh Thanh Hóa", "Thanh Hoa"),
            ("Tỉnh Nghệ An", "Nghe An"),
            ("Tỉnh Hà Tĩnh", "Ha Tinh"),
            ("Tỉnh Cao Bằng", "Cao Bang"),
        ] {
            assert_eq!(value(new, year), raw[&(old.to_string(), year.to_string())], "{new} {year}");
        }
    }
    let new_units: std::collections::BTreeSet<&String> =
        out.keys().map(|(a, _)| a).filter(|a| a.as_str() != "Ha Tay").collect();
    assert_eq!(new_units.len(), 34, "{new_units:?}");
}

#[test]
fn scores_are_refused_and_rates_weighted() {
    let pci = [
        "regroup",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--crosswalk",
        MERGER,
        "--areas",
        "datasets/vn-provinces.csv",
    ];
    // Without metadata nothing says PCI is a score: it would add up, and chiso says so.
    let r = run(&pci);
    assert!(r.stderr.contains("no unit or kind tells what pci_entry"), "{}", r.stderr);
    let mut with_meta = pci.to_vec();
    with_meta.extend(["--meta", "datasets/indicators.csv"]);
    let r = run(&with_meta);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("aggregation = none") && r.stderr.contains("--aggregation mean"), "{}", r.stderr);

    // Poverty rates of two provinces merged, weighted by population.
    let dir = temp();
    let csv = dir.path().join("poverty.csv");
    std::fs::write(
        &csv,
        "area,indicator,unit,year,value\nHa Giang,poverty,%,2020,20.5\nTuyen Quang,poverty,%,2020,8\n\
         Ha Giang,population,people,2020,880000\nTuyen Quang,population,people,2020,790000\n",
    )
    .unwrap();
    let r = run(&["regroup", path_str(&csv), "--crosswalk", MERGER]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--weight"), "{}", r.stderr);
    let out = ok(&["regroup", path_str(&csv), "--crosswalk", MERGER, "--weight", "population", "--format", "csv"]);
    let expected = (20.5 * 880000.0 + 8.0 * 790000.0) / (880000.0 + 790000.0);
    let rows = csv_rows(&out);
    let poverty = rows.iter().find(|r| r[1] == "poverty").unwrap();
    assert_eq!((poverty[0].as_str(), poverty[8].as_str(), poverty[9].as_str()), ("Tỉnh Tuyên Quang", "2", "2"));
    let got: f64 = poverty[7].parse().unwrap();
    assert!((got - expected).abs() < 1e-9, "{got} against {expected}");
}

#[test]
fn a_split_with_shares_and_crosswalk_mistakes() {
    let dir = temp();
    let data = dir.path().join("data.csv");
    std::fs::write(
        &data,
        "area,indicator,year,value\nA,revenue,2020,100\nB,revenue,2020,50\nC,revenue,2020,10\nC,revenue,2021,\n",
    )
    .unwrap();
    let split = dir.path().join("split.csv");
    std::fs::write(&split, "from,to,share\nA,North,1\nB,South,0.6\nB,Centre,0.4\nC,South,1\n").unwrap();
    let out = regrouped(&[path_str(&data), "--crosswalk", path_str(&split)]);
    assert_eq!(out[&("North".into(), "2020".into())], "100");
    assert_eq!(out[&("South".into(), "2020".into())], "40");
    assert_eq!(out[&("Centre".into(), "2020".into())], "20");
    // C has no 2021 value: South of 2021 is missing, not 0.
    assert_eq!(out[&("South".into(), "2021".into())], "");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "from,to,share\nA,North,1\nB,South,0.6\nB,Centre,0.3\n").unwrap();
    let r = run(&["regroup", path_str(&data), "--crosswalk", path_str(&bad)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("the shares of B add up to 0.9, not 1: line 3: B → South (0.6); line 4: B → Centre (0.3)"),
        "{}",
        r.stderr
    );
    let chain = dir.path().join("chain.csv");
    std::fs::write(&chain, "from,to\nA,B\nB,C\n").unwrap();
    let r = run(&["regroup", path_str(&data), "--crosswalk", path_str(&chain)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("A → B → C (line 3) is a chain or a cycle"), "{}", r.stderr);
}

/// The regrouped frame pipes into the other commands: ranked among the 34 new provinces, its
/// `parts` columns read as attributes, not as dimensions of the series.
#[test]
fn regrouped_rows_pipe_into_rank() {
    let regrouped = ok(&[
        "regroup",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--crosswalk",
        MERGER,
        "--areas",
        "datasets/vn-provinces.csv",
        "--meta",
        "datasets/indicators.csv",
        "--aggregation",
        "mean",
        "--indicator",
        "pci_weighted",
        "--format",
        "csv",
    ]);
    let mut cmd = command(&["rank", "-", "--period", "2016", "--format", "csv"]);
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(regrouped.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = csv_rows(&String::from_utf8(out.stdout).unwrap());
    let (rank, out_of) =
        (rows[0].iter().position(|h| h == "rank").unwrap(), rows[0].iter().position(|h| h == "out_of").unwrap());
    let ranked: Vec<&Vec<String>> = rows[1..].iter().filter(|r| !r[rank].is_empty()).collect();
    assert_eq!(ranked.len(), 34, "{rows:?}");
    assert!(ranked.iter().all(|r| r[out_of] == "34"), "{rows:?}");
    assert!(!rows[0].contains(&"parts".to_string()));
}

/// `--crosswalk` regroups on the way in: ranks among the 34 provinces, a new province found by
/// its name without `Tỉnh`, and the map of 2015 on the 2025 boundaries with every province drawn.
#[test]
fn other_commands_regroup_on_the_way_in() {
    let base = [
        "datasets/vn_mof_budget_final_2006_2015.csv",
        "--crosswalk",
        MERGER,
        "--areas",
        "datasets/vn-provinces.csv",
        "--meta",
        "datasets/indicators.csv",
        "--indicator",
        "total.rev",
    ];
    let mut summary = vec!["summary"];
    summary.extend(base);
    summary.extend(["--area", "Tuyên Quang", "--format", "csv"]);
    let rows = csv_rows(&ok(&summary));
    let raw = raw_budget();
    let tuyen_quang = raw[&("Ha Giang".into(), "2015".into())] + raw[&("Tuyen Quang".into(), "2015".into())];
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (value, out_of) =
        (rows[0].iter().position(|h| h == "latest").unwrap(), rows[0].iter().position(|h| h == "out_of").unwrap());
    assert_eq!(rows[1][value].parse::<f64>().unwrap(), tuyen_quang);
    assert_eq!(rows[1][out_of], "34");

    let dir = temp();
    let svg = dir.path().join("map.svg");
    let mut map = vec!["chart", "map"];
    map.extend(base);
    map.extend(["--period", "2015", "--highlight", "Lạng Sơn", "-o", path_str(&svg)]);
    ok(&map);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("merged to 2025") && text.contains("Tỉnh Lạng Sơn"));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let fills: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("polygon")).filter_map(|n| n.attribute("fill")).collect();
    assert!(fills.len() >= 34 && !fills.contains(&"#E8E8E8"), "{fills:?}");
}

/// An area that stops having values is explained when the areas file says the unit ended then.
#[test]
fn a_unit_that_ended_is_explained() {
    let dir = temp();
    let csv = dir.path().join("hatay.csv");
    std::fs::write(&csv, "area,indicator,year,value\nHa Tay,x,2007,1\nHa Tay,x,2008,2\nHa Noi,x,2007,5\nHa Noi,x,2008,6\nHa Noi,x,2009,9\n")
        .unwrap();
    let r = run(&["summary", path_str(&csv), "--areas", "datasets/vn-provinces.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("none in the next period of the same indicator (boundary changes? missing rows?); the areas file says Ha Tay ended on 2008-07-31"), "{}", r.stderr);
}

/// `--areas` with the areas file of the new units (the 34 provinces of 2025) names and levels
/// the regrouped units; the old units are not warned about for missing from it.
#[test]
fn the_new_units_areas_file_names_the_regrouped_units() {
    let budget = [
        "summary",
        "datasets/vn_mof_budget_final_2006_2015.csv",
        "--crosswalk",
        "datasets/vn_province_merger_2025.csv",
        "--indicator",
        "total.rev",
        "--format",
        "csv",
    ];
    let r = run(&[&budget[..], &["--areas", "datasets/vn-provinces-2025.csv"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let areas: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    // The 2025 file's own names, not the crosswalk's `Thành phố Cần Thơ`.
    assert!(areas.contains(&"Can Tho") && areas.contains(&"Ha Noi"), "{areas:?}");
    assert!(!areas.iter().any(|a| a.starts_with("Thành phố") || a.starts_with("Tỉnh")), "{areas:?}");
    assert_eq!(areas.len(), 35, "34 provinces and Ha Tay, which ended in 2008: {areas:?}");
    // Only Ha Tay is unknown to the 2025 file; the 63 old names are not listed as unmatched.
    assert!(
        r.stderr.contains("1 area name matches nothing in the areas file and is kept as written: Ha Tay"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("area names match nothing"), "{}", r.stderr);
    // The same numbers as without the areas file (only the names differ).
    let plain = csv_rows(&ok(&budget));
    let latest = |rows: &[Vec<String>]| {
        let at = rows[0].iter().position(|h| h == "latest").unwrap();
        let mut v: Vec<String> = rows[1..].iter().map(|r| r[at].clone()).collect();
        v.sort();
        v
    };
    assert_eq!(latest(&rows), latest(&plain));
}
