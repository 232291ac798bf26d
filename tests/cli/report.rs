//! `chiso report`: the Lạng Sơn headline, real reports parsed as HTML5 and opened in headless
//! Chromium, escaping, and Markdown with its images.

use super::*;
use scraper::{Html, Selector};

fn report(dir: &Path, name: &str, args: &[&str]) -> (Run, PathBuf) {
    let out = dir.join(name);
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", path_str(&out)]);
    (run(&all), out)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

const LANG_SON: [&str; 3] = [
    "datasets/lang-son/tang-truong.csv",
    "datasets/lang-son/thu-ngan-sach.csv",
    "datasets/lang-son/cai-cach-hanh-chinh.csv",
];

#[test]
fn lang_son_headline_in_vietnamese() {
    let dir = temp();
    let mut args: Vec<&str> = LANG_SON.to_vec();
    args.extend(["--highlight", "Lạng Sơn", "--lang", "vi"]);
    let (r, html) = report(dir.path(), "bao-cao.html", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    let headline = text(&select(&doc, "section#headline")[0]);
    insta::assert_snapshot!("lang_son_headline_vi", headline);
    assert!(headline.contains("11,68 % — trong khoảng kế hoạch 11–12 %"));
    assert!(headline.contains("+19 % so với cùng kỳ"));
    assert!(headline.contains("84, xếp thứ 1/11"));
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("vi"));
    assert_eq!(select(&doc, "section.indicator").len(), 3);
    // Vietnamese labels, numbers and date.
    let page = text(&select(&doc, "body")[0]);
    for label in ["Tăng/giảm so với cùng kỳ", "Kế hoạch", "đạt kế hoạch", "Xếp hạng", "Nguồn số liệu"]
    {
        assert!(page.contains(label), "{label}");
    }
    let meta = text(&select(&doc, "p.meta")[0]);
    assert!(meta.starts_with("Lập ngày ") && meta.chars().nth(11) == Some('/'), "{meta}");
    // Growth is a rate: it moves in percentage points, with no CAGR of a rate.
    let growth = select(&doc, "section.indicator")
        .into_iter()
        .find(|s| text(s).contains("Tốc độ tăng trưởng giá trị sản xuất"))
        .expect("the growth section");
    let summary = growth.select(&Selector::parse("table").unwrap()).next().unwrap();
    let rows: Vec<String> = summary
        .select(&Selector::parse("tr").unwrap())
        .take(4)
        .map(|tr| tr.children().filter_map(scraper::ElementRef::wrap).map(|c| text(&c)).collect::<Vec<_>>().join(" | "))
        .collect();
    insta::assert_snapshot!("lang_son_growth_in_points_vi", rows.join("\n"));
    assert!(rows[1].contains("+0,78 điểm %") && !rows[1].contains("7,2"), "{}", rows[1]);
}

#[test]
fn pci_and_budget_reports() {
    let dir = temp();
    let (r, html) = report(
        dir.path(),
        "pci.html",
        &["datasets/vn_pci_2005_2016_panel.csv", "--meta", "datasets/indicators.csv", "--highlight", "Lang Son"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    assert_eq!(select(&doc, "section.indicator").len(), 13);
    // A ranking, a map (the areas are provinces) and a trend per indicator.
    assert_eq!(select(&doc, "section.indicator figure svg").len(), 39);
    let maps = select(&doc, "section.indicator figcaption").iter().filter(|c| text(c).contains("— Map ")).count();
    assert_eq!(maps, 13);
    // Names the map cannot place are said once, not once per indicator.
    let unplaced = "2 areas match no shape of the map and are not drawn (--areas gives other spellings): BRVT, TP HCM";
    assert_eq!(r.stderr.matches(unplaced).count(), 1, "{}", r.stderr);
    assert!(text(&select(&doc, "section#quality")[0]).contains("50 rows have no area"));
    assert!(select(&doc, "table caption").len() >= 13 * 2);

    let (r, html) = report(
        dir.path(),
        "budget.html",
        &[
            "datasets/vn_mof_budget_final_2006_2015.csv",
            "--plan",
            "datasets/vn_mof_budget_plan_2006_2017.csv",
            "--areas",
            "datasets/vn-provinces.csv",
            "--indicator",
            "total.rev",
            "--meta",
            "datasets/indicators.csv",
            "--highlight",
            "BRVT",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    assert_eq!(select(&doc, "section.indicator").len(), 1);
    let targets = text(&select(&doc, "section.indicator")[0]);
    assert!(targets.contains("Against plan") && targets.contains("Ba Ria - Vung Tau"), "{targets}");
}

#[test]
fn names_are_escaped() {
    let dir = temp();
    let file = dir.path().join("evil.csv");
    std::fs::write(
        &file,
        "area,year,value\n<script>alert(1)</script>,2019,1\n<img src=x onerror=alert(2)>,2019,2\nA & B,2019,3\n",
    )
    .unwrap();
    let (r, html) = report(
        dir.path(),
        "evil.html",
        &[path_str(&file), "--highlight", "<script>alert(1)</script>", "--title", "<b>title</b>"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let raw = std::fs::read_to_string(&html).unwrap();
    assert!(
        !raw.contains("<script>") && !raw.contains("<img") && !raw.contains("<b>title"),
        "unescaped name in the page"
    );
    let doc = Html::parse_document(&raw);
    assert!(select(&doc, "script").is_empty() && select(&doc, "img").is_empty());
    assert_eq!(text(&select(&doc, "h1")[0]), "<b>title</b>");
    assert!(text(&select(&doc, "body")[0]).contains("<script>alert(1)</script>"));

    let (r, md) = report(dir.path(), "evil.md", &[path_str(&file)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(!text.contains("<script>") && text.contains("&lt;script&gt;"));
}

#[test]
fn markdown_with_images_beside_it() {
    let dir = temp();
    let mut args: Vec<&str> = LANG_SON.to_vec();
    args.extend(["--highlight", "Lạng Sơn"]);
    let (r, md) = report(dir.path(), "report.md", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&md).unwrap();
    let images: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("!["))
        .filter_map(|l| l.split("](").nth(1))
        .map(|l| l.trim_end_matches(')'))
        .collect();
    assert_eq!(images.len(), 6, "two charts per indicator");
    for image in images {
        assert!(image.starts_with("report_files/"), "{image}");
        let path = dir.path().join(image);
        assert!(Image::open(&path).is_ok(), "{} is not a PNG", path.display());
    }
    // Tables: a header, a rule and rows, all between pipes.
    let table: Vec<&str> =
        text.lines().skip_while(|l| !l.starts_with("| Area |")).take_while(|l| l.starts_with('|')).collect();
    assert!(table.len() >= 13 && table[1].starts_with("| --- |"), "{table:?}");
}

#[test]
fn bad_report_requests() {
    let dir = temp();
    let (r, _) = report(dir.path(), "x.pdf", &LANG_SON);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("use .html, .md or .xlsx"), "{}", r.stderr);
    let config = dir.path().join("report.toml");
    std::fs::write(&config, "titel = \"typo\"\n").unwrap();
    let mut args: Vec<&str> = LANG_SON.to_vec();
    args.extend(["--config", path_str(&config)]);
    let (r, out) = report(dir.path(), "x.html", &args);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("titel"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn config_file_orders_and_names_sections() {
    let dir = temp();
    let config = dir.path().join("report.toml");
    std::fs::write(
        &config,
        "title = \"Lạng Sơn 2019\"\nhighlight = [\"Lạng Sơn\"]\nindicators = [\"par_index\", \"Thu ngân sách nhà nước trên địa bàn\"]\nnotes = \"Số liệu minh hoạ.\"\n[sections]\npar_index = \"Chỉ số CCHC\"\n",
    )
    .unwrap();
    let mut args: Vec<&str> = LANG_SON.to_vec();
    args.extend(["--config", path_str(&config), "--lang", "vi"]);
    let (r, html) = report(dir.path(), "cfg.html", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    let titles: Vec<String> = select(&doc, "section.indicator h2").iter().map(text).collect();
    assert_eq!(titles, ["Chỉ số CCHC", "Thu ngân sách nhà nước trên địa bàn"]);
    assert_eq!(text(&select(&doc, "h1")[0]), "Lạng Sơn 2019");
    assert!(text(&select(&doc, "section#method")[0]).contains("Số liệu minh hoạ."));
}

/// The report opened in a real browser: Debian's Chromium, headless. CI installs it; elsewhere
/// the test says it was skipped.
#[test]
fn opens_in_headless_chromium() {
    let chromium =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].into_iter().map(PathBuf::from).find(|p| p.exists());
    let Some(chromium) = chromium else {
        assert!(std::env::var_os("CI").is_none(), "CI must install chromium (see .ci/run)");
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let dir = temp();
    let mut args: Vec<&str> = LANG_SON.to_vec();
    args.extend(["--highlight", "Lạng Sơn", "--lang", "vi"]);
    let (r, html) = report(dir.path(), "bao-cao.html", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let url = format!("file://{}", html.display());
    let profile = dir.path().join("profile");
    let flags = |extra: &[String]| {
        let mut cmd = Command::new(&chromium);
        cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
            .args(["--disable-component-update", "--disable-sync"])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url);
        cmd
    };
    let shot = dir.path().join("shot.png");
    let out = flags(&["--window-size=1200,1600".into(), format!("--screenshot={}", shot.display())]).output().unwrap();
    assert!(shot.exists(), "no screenshot: {}", String::from_utf8_lossy(&out.stderr));
    let img = Image::open(&shot).unwrap();
    let inked = img.pixels.iter().filter(|p| **p != [255, 255, 255]).count();
    assert!(inked * 20 > (img.width * img.height) as usize, "the page looks blank ({inked} inked pixels)");
    let dom = flags(&["--dump-dom".into()]).output().unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    for id in ["id=\"headline\"", "id=\"indicator-1\"", "id=\"indicator-3\"", "id=\"quality\"", "id=\"method\""] {
        assert!(dom.contains(id), "the browser's DOM has no {id}");
    }
    assert_eq!(dom.matches("<svg").count(), 6);
}

#[test]
fn a_thousand_areas_rank_by_number_in_both_languages() {
    // Ranks of 1,000 and more are written with thousands separators (`1,051` / `1.051`): the
    // table and the headline must go by the rank, not by its text.
    let dir = temp();
    let file = dir.path().join("communes.csv");
    let mut csv = String::from("area,indicator,period,value\n");
    for i in 1..=1200 {
        for (year, bump) in [(2022, 0.0), (2023, 0.5)] {
            csv.push_str(&format!("Xã {i:04},score,{year},{}\n", f64::from(i) + bump));
        }
    }
    std::fs::write(&file, csv).unwrap();
    for (lang, headline_rank, first) in
        [("en", "1,051st of 1,200", "1/1,200"), ("vi", "xếp thứ 1.051/1.200", "1/1.200")]
    {
        let name = format!("communes-{lang}.html");
        let (r, html) = report(dir.path(), &name, &[path_str(&file), "--highlight", "Xã 0150", "--lang", lang]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let doc = Html::parse_document(&std::fs::read_to_string(&html).unwrap());
        let headline = text(&select(&doc, "section#headline")[0]);
        assert!(headline.contains(headline_rank), "{lang}: {headline}");
        // The summary table: best rank first, ranks in increasing order all the way down.
        let ranks: Vec<u32> = select(&doc, "section.indicator table")[0]
            .select(&Selector::parse("tbody tr td:last-child").unwrap())
            .map(|td| text(&td).split('/').next().unwrap().replace([',', '.'], "").parse().unwrap())
            .collect();
        assert_eq!(ranks.len(), 1200, "{lang}");
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{lang}: ranks out of order");
        let first_rank = select(&doc, "section.indicator table")[0]
            .select(&Selector::parse("tbody tr td:last-child").unwrap())
            .map(|td| text(&td))
            .next();
        assert_eq!(first_rank.as_deref(), Some(first), "{lang}");
    }
}

/// A plan status is said with the same words in the report's table and in the target chart's
/// legend (`không đạt kế hoạch`, not `không đạt` beside `Không đạt kế hoạch`).
#[test]
fn plan_status_words_agree_between_report_and_chart() {
    let dir = temp();
    let (r, md) = report(dir.path(), "bc.md", &["datasets/lang-son/tang-truong.csv", "--lang", "vi"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("| Tràng Định | 8,9 | 9–10 | không đạt kế hoạch |"), "{md}");
    assert!(md.contains("| Văn Lãng | 10,4 | 9,5–10 | vượt kế hoạch |"), "{md}");
    let svg = dir.path().join("chart.svg");
    let args = ["chart", "target", "datasets/lang-son/tang-truong.csv", "--lang", "vi", "-o", path_str(&svg)];
    ok(&args);
    let svg = std::fs::read_to_string(svg).unwrap();
    for word in ["Vượt kế hoạch", "Đạt kế hoạch", "Không đạt kế hoạch"] {
        assert!(svg.contains(word), "{word} missing from the legend");
    }
}
