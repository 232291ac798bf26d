//! `chiso chart`: every kind renders from the bundled data to PNG (decoded: right size, not blank)
//! and SVG (parsed: titles and names present, escaped); awkward data gives a message, not a panic.

use super::*;

/// Runs `chiso chart KIND … -o DIR/NAME` and returns the run and the written file.
fn chart(dir: &Path, name: &str, args: &[&str]) -> (Run, PathBuf) {
    let out = dir.join(name);
    let mut all = vec!["chart"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", path_str(&out)]);
    (run(&all), out)
}

fn check_png(path: &Path, width: u32, height: u32) {
    let img = Image::open(path).unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()));
    assert_eq!((img.width, img.height), (width, height));
    // Drawn at scale 2 by default, and says so: 192 dpi prints it at the chart's size.
    assert_eq!(img.dpi.map(|d| d.round()), Some(192.0), "{}", path.display());
    // The middle of the image (the plot) holds drawn pixels, not only white.
    let inked = (width / 8..width * 7 / 8)
        .flat_map(|x| (height / 4..height * 3 / 4).map(move |y| (x, y)))
        .filter(|(x, y)| img.pixel(*x, *y) != [255, 255, 255])
        .count();
    let area = (width * 3 / 4) as usize * (height / 2) as usize;
    assert!(inked * 200 > area, "{}: plot area nearly blank ({inked} of {area} pixels)", path.display());
}

/// The texts of an SVG, which must parse as XML.
fn svg_texts(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{} is not valid SVG: {e}", path.display()));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

#[test]
fn every_kind_in_png_and_svg() {
    let dir = temp();
    let cases: [(&str, &[&str], &[&str]); 6] = [
        (
            "line",
            &["datasets/vn_pci_2005_2016_panel.csv", "--indicator", "pci_weighted", "--highlight", "Lang Son"],
            &["pci_weighted", "Lang Son", "2016"],
        ),
        (
            "bar",
            &[
                "datasets/lang-son/cai-cach-hanh-chinh.csv",
                "--highlight",
                "Lạng Sơn",
                "--period",
                "2019",
                "--meta",
                "datasets/indicators.csv",
            ],
            &["Administrative reform (PAR) index", "Lạng Sơn", "84.0", "Median 79.2"],
        ),
        ("target", &["datasets/lang-son/tang-truong.csv", "--period", "2019"], &["Lạng Sơn", "Met plan", "Below plan"]),
        (
            "heatmap",
            &["datasets/vn_papi_2011_2016_panel.csv", "--indicator", "papi_unweighted", "--by", "yoy"],
            &["Bac Giang", "2014"],
        ),
        (
            "slope",
            &["datasets/lang-son/cai-cach-hanh-chinh.csv", "--highlight", "Lạng Sơn"],
            &["2018", "2019", "Lạng Sơn 84.0"],
        ),
        (
            "small-multiples",
            &["datasets/lang-son/thu-ngan-sach.csv", "--highlight", "Lạng Sơn"],
            &["Văn Lãng", "tỷ đồng"],
        ),
    ];
    for (kind, args, expected) in cases {
        let mut all = vec![kind];
        all.extend_from_slice(args);
        let (r, png) = chart(dir.path(), &format!("{kind}.png"), &all);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        check_png(&png, 2400, 1350);
        let (r, svg) = chart(dir.path(), &format!("{kind}.svg"), &all);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        let texts = svg_texts(&svg);
        for e in expected {
            assert!(texts.iter().any(|t| t == e || t.contains(e)), "{kind}: no text '{e}' in {texts:?}");
        }
        let raw = std::fs::read_to_string(&svg).unwrap();
        assert!(raw.contains("font-family=\"DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif\""));
    }
}

#[test]
fn vietnamese_labels_and_numbers() {
    let dir = temp();
    let (r, svg) = chart(
        dir.path(),
        "vi.svg",
        &["bar", "datasets/lang-son/thu-ngan-sach.csv", "--lang", "vi", "--period", "2019"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = svg_texts(&svg);
    assert!(texts.contains(&"773,5".to_string()), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Trung vị")));
    assert!(texts.iter().any(|t| t.starts_with("Nguồn: thu-ngan-sach.csv")));
}

#[test]
fn hostile_and_decomposed_names() {
    let dir = temp();
    let file = dir.path().join("names.csv");
    let decomposed = "La\u{323}ng So\u{31b}n";
    std::fs::write(&file, format!("area,year,value\n<script>alert(1)</script>,2019,3\nA & B,2019,2\n\"Say \"\"hi\"\"\",2019,1\n{decomposed},2019,4\n")).unwrap();
    let (r, svg) = chart(dir.path(), "names.svg", &["bar", path_str(&file)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let raw = std::fs::read_to_string(&svg).unwrap();
    assert!(!raw.contains("<script>"), "a name became a tag");
    let texts = svg_texts(&svg);
    for name in ["<script>alert(1)</script>", "A & B", "Say \"hi\"", "Lạng Sơn"] {
        assert!(texts.contains(&name.to_string()), "{name} missing from {texts:?}");
    }
    assert!(!raw.contains('\u{323}'), "decomposed marks reached the SVG");
}

fn write(dir: &Path, name: &str, body: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, body).unwrap();
    path_str(&file).to_string()
}

#[test]
fn awkward_data_never_panics() {
    let dir = temp();
    let single = write(dir.path(), "single.csv", "area,year,value\nA,2019,5\n");
    let negative = write(dir.path(), "negative.csv", "area,year,value\nA,2018,-5\nA,2019,0\nB,2018,3\nB,2019,-2\n");
    let missing = write(dir.path(), "missing.csv", "area,year,value\nA,2018,NA\nA,2019,NA\n");
    let mut many = String::from("area,year,value\n");
    for i in 0..100 {
        for y in 2015..2020 {
            many.push_str(&format!("Area {i:03},{y},{}\n", (i * 7 + y * 3) % 50));
        }
    }
    let many = write(dir.path(), "many.csv", &many);
    for kind in ["line", "bar", "heatmap", "small-multiples"] {
        for (name, file) in [("single", &single), ("negative", &negative), ("many", &many)] {
            let (r, png) = chart(dir.path(), &format!("{kind}-{name}.png"), &[kind, file]);
            assert!(r.code == 0 || r.code == 1, "{kind} {name}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"), "{kind} {name}: {}", r.stderr);
            if r.code == 0 {
                assert!(Image::open(&png).is_ok());
            } else {
                assert!(r.stderr.starts_with("chiso: error: "), "{kind} {name}: {}", r.stderr);
                assert!(!png.exists(), "a failed chart left a file");
            }
        }
    }
    // One point and one area still draw.
    for kind in ["line", "bar", "small-multiples"] {
        let (r, _) = chart(dir.path(), &format!("{kind}-one.svg"), &[kind, &single]);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
    }
    let (r, _) = chart(dir.path(), "missing.png", &["line", &missing]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("chart_all_missing", r.transcript());
    let (r, _) = chart(dir.path(), "slope.png", &["slope", &single]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("a slope chart needs two periods"), "{}", r.stderr);
}

#[test]
fn bad_chart_requests() {
    let dir = temp();
    let (r, _) =
        chart(dir.path(), "x.png", &["bar", "datasets/lang-son/cai-cach-hanh-chinh.csv", "--highlight", "Atlantis"]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!("chart_unknown_highlight", r.transcript());
    let (r, _) = chart(dir.path(), "x.gif", &["bar", "datasets/lang-son/cai-cach-hanh-chinh.csv"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let (r, _) = chart(dir.path(), "x.png", &["line", "datasets/vn_pci_2005_2016_panel.csv"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a chart shows one indicator"), "{}", r.stderr);
    let (r, _) = chart(dir.path(), "x.png", &["target", "datasets/lang-son/cai-cach-hanh-chinh.csv"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no plan"), "{}", r.stderr);
}

#[test]
fn target_chart_from_a_plan_file() {
    let dir = temp();
    let args = [
        "target",
        "datasets/vn_mof_budget_final_2006_2015.csv",
        "--plan",
        "datasets/vn_mof_budget_plan_2006_2017.csv",
        "--areas",
        "datasets/vn-provinces.csv",
        "--indicator",
        "total.rev",
        "--area",
        "BRVT",
        "--meta",
        "datasets/indicators.csv",
    ];
    let (r, svg) = chart(dir.path(), "brvt.svg", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = svg_texts(&svg);
    // One area: one row per period, plan years without accounts marked as having no data.
    for t in ["Budget revenue", "million VND", "2006", "2017", "no data"] {
        assert!(texts.iter().any(|x| x == t), "no '{t}' in {texts:?}");
    }
}

#[test]
fn each_series_of_an_area_is_its_own_line() {
    // Open SDG: the total and the female series, both of area "Total", fiscal years on the axis.
    let dir = temp();
    let indicator = "Proportion of population covered by social protection";
    let (r, svg) =
        chart(dir.path(), "fiscal.svg", &["line", "tests/fixtures/open_sdg_fiscal.csv", "--indicator", indicator]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = svg_texts(&svg);
    for label in ["Total", "Total · Female", "2015/16", "2018/19"] {
        assert!(texts.iter().any(|t| t == label), "{label} not in {texts:?}");
    }
}

/// The PNG is the SVG rasterised: resvg run here on the SVG of the same chart, with the bundled
/// fonts and nothing else, gives the same pixels.
#[test]
fn png_is_the_svg_rasterised() {
    let dir = temp();
    for kind in ["bar", "line", "target"] {
        let args =
            [kind, "datasets/lang-son/tang-truong.csv", "--highlight", "Lạng Sơn", "--lang", "vi", "--scale", "1"];
        let (r, png) = chart(dir.path(), &format!("{kind}.png"), &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let (r, svg) = chart(dir.path(), &format!("{kind}.svg"), &args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let png = Image::open(&png).unwrap();
        assert_eq!((png.width, png.height, png.dpi.map(|d| d.round())), (1200, 675, Some(96.0)));

        let mut fonts = resvg::usvg::fontdb::Database::new();
        for font in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
            fonts.load_font_data(std::fs::read(root().join("assets/fonts").join(font)).unwrap());
        }
        let options = resvg::usvg::Options {
            font_family: "DejaVu Sans".into(),
            fontdb: std::sync::Arc::new(fonts),
            ..Default::default()
        };
        let tree = resvg::usvg::Tree::from_str(&std::fs::read_to_string(&svg).unwrap(), &options).unwrap();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(1200, 675).unwrap();
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let differ = pixmap.data().chunks_exact(4).zip(&png.pixels).filter(|(a, b)| a[..3] != b[..]).count();
        assert_eq!(differ, 0, "{kind}: {differ} pixels differ between the PNG and the SVG rasterised");
    }
}

/// `--scale` sets the PNG's pixels and recorded resolution; out of range is a usage error.
#[test]
fn scale_sets_pixels_and_resolution() {
    let dir = temp();
    let args = ["bar", "datasets/lang-son/tang-truong.csv", "--width", "600", "--height", "400", "--scale", "3"];
    let (r, png) = chart(dir.path(), "big.png", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let img = Image::open(&png).unwrap();
    assert_eq!((img.width, img.height, img.dpi.map(|d| d.round())), (1800, 1200, Some(288.0)));
    let (r, _) = chart(dir.path(), "bad.png", &["bar", "datasets/lang-son/tang-truong.csv", "--scale", "20"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--scale must be between 0.25 and 8"), "{}", r.stderr);
}

/// Each `<text>` of an SVG with its x, y and font size.
fn svg_text_boxes(path: &Path) -> Vec<(String, f64, f64, f64)> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let number = |n: &roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n.text().unwrap_or("").trim().to_string(), number(&n, "x"), number(&n, "y"), number(&n, "font-size")))
        .collect()
}

/// An area whose series starts after the slope's first period is drawn from its first period
/// with a value, marked, and named in a warning; `--strict-ends` leaves it out, with a warning.
#[test]
fn slope_keeps_a_highlighted_area_that_starts_late() {
    let dir = temp();
    let base =
        ["slope", "datasets/vn_pci_2005_2016_panel.csv", "--indicator", "pci_weighted", "--highlight", "Lang Son"];
    let (r, svg) = chart(dir.path(), "slope.svg", &base);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: Lang Son has no value in 2005; the slope starts at 2006 for it"),
        "{}",
        r.stderr
    );
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.starts_with("Lang Son ") && t.ends_with(" (2006)")), "{texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Lang Son ") && !t.contains('(')), "no 2016 label: {texts:?}");
    // The late start is a hollow point: a white disc ringed in the highlight colour.
    let raw = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&raw).unwrap();
    let hollow = |n: &roxmltree::Node| n.has_tag_name("circle") && n.attribute("fill") == Some("none");
    assert_eq!(doc.descendants().filter(hollow).count(), 1, "one hollow end point");

    let mut strict = base.to_vec();
    strict.push("--strict-ends");
    let (r, svg) = chart(dir.path(), "strict.svg", &strict);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: Lang Son has no value in 2005; it is left out (--strict-ends)"),
        "{}",
        r.stderr
    );
    assert!(!svg_texts(&svg).iter().any(|t| t.contains("Lang Son")));
    let raw = std::fs::read_to_string(&svg).unwrap();
    assert!(!raw.contains("fill=\"none\" stroke=\"#0072B2\""), "strict ends draw no hollow point");
}

/// Five areas whose last values lie within 0.5 % of each other: their end labels (line) and
/// both sides' labels (slope) are stepped apart so that no two boxes intersect.
#[test]
fn close_end_labels_do_not_overlap() {
    let dir = temp();
    let csv = dir.path().join("close.csv");
    let mut text = String::from("area,indicator,year,value\n");
    for (i, area) in ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].iter().enumerate() {
        text += &format!("{area},score,2018,{}\n{area},score,2019,{}\n", 90 + i * 3, 100.0 + i as f64 * 0.1);
    }
    std::fs::write(&csv, text).unwrap();
    for kind in ["line", "slope"] {
        let (r, svg) = chart(dir.path(), &format!("{kind}.svg"), &[kind, path_str(&csv)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let boxes: Vec<_> = svg_text_boxes(&svg)
            .into_iter()
            .filter(|(t, ..)| ["Alpha", "Bravo", "Charlie", "Delta", "Echo"].iter().any(|a| t.starts_with(a)))
            .collect();
        assert_eq!(boxes.len(), if kind == "line" { 5 } else { 10 }, "{kind}: {boxes:?}");
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                // Labels of one side share x; a text box is one font size tall about its y.
                if a.1 == b.1 {
                    assert!((a.2 - b.2).abs() >= a.3.max(b.3), "{kind}: '{}' and '{}' overlap: {boxes:?}", a.0, b.0);
                }
            }
        }
    }
}

/// A highlighted area with no value in the period a bar chart shows is named in a warning.
#[test]
fn highlighted_area_without_a_value_is_named() {
    let dir = temp();
    let csv = dir.path().join("gap.csv");
    std::fs::write(&csv, "area,indicator,year,value\nA,x,2018,1\nA,x,2019,2\nB,x,2018,3\nC,x,2018,4\nC,x,2019,5\n")
        .unwrap();
    let (r, _) = chart(dir.path(), "bar.svg", &["bar", path_str(&csv), "--highlight", "B", "--period", "2019"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: B has no value in 2019; the chart lists it without one"), "{}", r.stderr);
}

/// The polygons of a map SVG with their fill colours.
fn svg_fills(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .filter_map(|n| n.attribute("fill"))
        .map(str::to_string)
        .collect()
}

const NO_DATA_FILL: &str = "#E8E8E8";

/// The PCI of 2016 on the 63 provinces: every province has data (names through the areas file,
/// `BRVT` and `TP HCM` included), five quantile classes, Lang Son outlined and named, and the
/// boundaries' attribution in the footer.
#[test]
fn map_of_the_63_provinces() {
    let dir = temp();
    let args = [
        "map",
        "datasets/vn_pci_2005_2016_panel.csv",
        "--indicator",
        "pci_weighted",
        "--period",
        "2016",
        "--areas",
        "datasets/vn-provinces.csv",
        "--highlight",
        "Lang Son",
    ];
    let (r, svg) = chart(dir.path(), "map.svg", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("match no shape") && !r.stderr.contains("matches no shape"), "{}", r.stderr);
    let fills = svg_fills(&svg);
    // 63 provinces, some of several polygons (islands), none without data.
    assert!(fills.len() >= 63, "{} polygons", fills.len());
    assert!(!fills.iter().any(|f| f == NO_DATA_FILL), "a province without data");
    let classes: std::collections::BTreeSet<&String> = fills.iter().collect();
    assert_eq!(classes.len(), 5, "{classes:?}");
    let texts = svg_texts(&svg);
    assert!(texts.iter().any(|t| t.starts_with("Lang Son 56.")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("Boundaries: geoBoundaries gbOpen VNM ADM1, CC BY 4.0")), "{texts:?}");
    assert_eq!(texts.iter().filter(|t| t.contains(" – ")).count(), 5, "five classes in the legend: {texts:?}");
    let (r, png) = chart(dir.path(), "map.png", &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_png(&png, 2400, 1350);
}

/// Areas named as the 34 provinces of 1 July 2025 are drawn on the 2025 boundaries without being
/// told, also when one is missing; `--boundaries vn-2008` on the same file says which has no shape.
#[test]
fn map_of_the_34_provinces_of_2025() {
    let names = [
        "Hà Nội",
        "Cao Bằng",
        "Tuyên Quang",
        "Điện Biên",
        "Lai Châu",
        "Sơn La",
        "Lào Cai",
        "Thái Nguyên",
        "Lạng Sơn",
        "Quảng Ninh",
        "Bắc Ninh",
        "Phú Thọ",
        "Hải Phòng",
        "Hưng Yên",
        "Ninh Bình",
        "Thanh Hóa",
        "Nghệ An",
        "Hà Tĩnh",
        "Quảng Trị",
        "Huế",
        "Đà Nẵng",
        "Quảng Ngãi",
        "Gia Lai",
        "Khánh Hòa",
        "Đắk Lắk",
        "Lâm Đồng",
        "Đồng Nai",
        "Thành phố Hồ Chí Minh",
        "Tây Ninh",
        "Đồng Tháp",
        "Vĩnh Long",
        "An Giang",
        "Cần Thơ",
        "Cà Mau",
    ];
    let dir = temp();
    let csv = dir.path().join("tinh-2025.csv");
    let mut text = String::from("tinh,chi_tieu,nam,gia_tri\n");
    for (i, name) in names.iter().enumerate() {
        text += &format!("{name},GRDP growth,2025,{}\n", 5.0 + i as f64 * 0.1);
    }
    std::fs::write(&csv, text).unwrap();
    let (r, svg) = chart(dir.path(), "map34.svg", &["map", path_str(&csv), "--lang", "vi"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("no shape"), "{}", r.stderr);
    let fills = svg_fills(&svg);
    assert!(fills.len() >= 34 && !fills.iter().any(|f| f == NO_DATA_FILL), "{fills:?}");
    assert!(svg_texts(&svg)
        .iter()
        .any(|t| t.contains("Ranh giới: geoBoundaries gbOpen VNM ADM1, CC BY 4.0, merged to 2025")));

    let (r, _) = chart(dir.path(), "map63.svg", &["map", path_str(&csv), "--boundaries", "vn-2008"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: Huế matches no shape of the map"), "{}", r.stderr);

    // Without Huế, 33 areas match 33 shapes of either set: the 2025 set, which they cover.
    let without: String = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("Huế"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&csv, without).unwrap();
    let (r, svg) = chart(dir.path(), "map33.svg", &["map", path_str(&csv)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(svg_texts(&svg).iter().any(|t| t.contains("merged to 2025")));
    assert_eq!(svg_fills(&svg).iter().filter(|f| *f == NO_DATA_FILL).count(), 1);
}

/// Any GeoJSON with a name property: areas match it by name, an area it lacks is named in a
/// warning, a shape without data is light grey and the legend says so; breaks as given.
#[test]
fn map_on_own_boundaries_with_breaks() {
    let dir = temp();
    let geo = dir.path().join("zones.geojson");
    let square = |name: &str, x: f64| {
        format!(
            r#"{{"type":"Feature","properties":{{"NAME_1":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},0],[{},0],[{},1],[{x},1],[{x},0]]]}}}}"#,
            x + 1.0,
            x + 1.0
        )
    };
    let features = [square("North Zone", 0.0), square("South Zone", 1.0), square("East Zone", 2.0)].join(",");
    std::fs::write(&geo, format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)).unwrap();
    let csv = dir.path().join("zones.csv");
    std::fs::write(
        &csv,
        "area,indicator,year,value\nnorth zone,x,2020,10\nSOUTH ZONE,x,2020,30\nWest Zone,x,2020,20\n",
    )
    .unwrap();
    let (r, svg) =
        chart(dir.path(), "zones.svg", &["map", path_str(&csv), "--boundaries", path_str(&geo), "--breaks", "15,25"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: West Zone matches no shape of the map and is not drawn"), "{}", r.stderr);
    let fills = svg_fills(&svg);
    assert_eq!(fills.iter().filter(|f| *f == NO_DATA_FILL).count(), 1, "{fills:?}");
    let texts = svg_texts(&svg);
    for label in ["10 – 15", "15 – 25", "25 – 30", "no data", "Boundaries: zones.geojson"] {
        assert!(texts.iter().any(|t| t.contains(label)), "no '{label}' in {texts:?}");
    }
    let (r, _) = chart(dir.path(), "bad.svg", &["map", path_str(&csv), "--boundaries", "vn-1990"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("'vn-1990' is not vn-2008, vn-2025 or a .geojson file"), "{}", r.stderr);
}

/// Values in the billions are written in words, three digits (`1.12 trillion`, `544 billion`;
/// `1,12 nghìn tỷ`), and every label stays inside the image: the value labels of a bar chart,
/// the tick labels of a line chart.
#[test]
fn big_values_are_written_short_and_fit() {
    let dir = temp();
    let wb = "datasets/wb_gdp_current_usd_long.csv";
    let areas = ["--area", "Viet Nam", "--area", "Thailand", "--area", "Indonesia", "--area", "Malaysia"];
    let (r, bar) = chart(dir.path(), "bar.svg", &[&["bar", wb, "--period", "2019"][..], &areas].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = svg_texts(&bar);
    for label in ["1.12 trillion", "544 billion", "365 billion", "334 billion"] {
        assert!(texts.iter().any(|t| t == label), "no {label} in {texts:?}");
    }
    // Nothing is drawn in the image's outer columns: no label runs off it (as `1,119,099,871,436.18`
    // did on the right of the bar chart and the axis's `1,500,000,000,000` on the left of the line).
    let edges_blank = |png: &Path| {
        let img = Image::open(png).unwrap();
        let inked = |x: u32| (0..img.height).any(|y| img.pixel(x, y) != [255, 255, 255]);
        !(0..6).any(inked) && !(img.width - 6..img.width).any(inked)
    };
    let (_, bar_png) = chart(dir.path(), "bar.png", &[&["bar", wb, "--period", "2019"][..], &areas].concat());
    assert!(edges_blank(&bar_png), "the bar chart draws at its edges");
    let (_, line_png) = chart(dir.path(), "line.png", &[&["line", wb][..], &areas].concat());
    assert!(edges_blank(&line_png), "the line chart draws at its edges");
    let (r, line) = chart(dir.path(), "line.svg", &[&["line", wb][..], &areas, &["--lang", "vi"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ticks: Vec<(String, f64, f64, f64)> =
        svg_text_boxes(&line).into_iter().filter(|(t, ..)| t.contains("tỷ") || t == "0").collect();
    assert!(ticks.iter().any(|(t, ..)| t == "1 nghìn tỷ"), "{ticks:?}");
    assert!(ticks.iter().any(|(t, ..)| t == "500 tỷ"), "{ticks:?}");
    assert!(ticks.iter().all(|(_, x, ..)| *x > 60.0), "tick labels end right of their widest text: {ticks:?}");
    // A unit counted in millions already (`million VND`): values whole, never `27.3 million` of it.
    let (r, map) = chart(
        dir.path(),
        "budget.svg",
        &[
            "map",
            "datasets/vn_mof_budget_final_2006_2015.csv",
            "--meta",
            "datasets/indicators.csv",
            "--indicator",
            "total.rev",
            "--period",
            "2015",
            "--lang",
            "vi",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let texts = svg_texts(&map);
    assert!(texts.iter().any(|t| t == "million VND"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "9.760.000 – 265.776.000"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("triệu")), "{texts:?}");
}
