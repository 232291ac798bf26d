//! The anchor example through the library: load the three Lạng Sơn files as they are, summarise
//! each series of the city of Lạng Sơn, and print the 2019 figures.
//!
//! Run with `cargo run --release --example lang_son`.

use chiso::core::{filter, summary::summary};
use chiso::frame;
use chiso::input::{load, ReadOptions};
use polars::prelude::*;

fn main() -> anyhow::Result<()> {
    let files: Vec<String> = ["tang-truong.csv", "thu-ngan-sach.csv", "cai-cach-hanh-chinh.csv"]
        .iter()
        .map(|f| format!("{}/datasets/lang-son/{f}", env!("CARGO_MANIFEST_DIR")))
        .collect();
    let loaded = load(&files, &ReadOptions::default())?;
    let city = filter::resolve(&loaded.frame, frame::AREA, "area", &["Lang Son".to_string()])?;
    let rows = filter::apply(loaded.frame.clone().lazy(), &city, &[], None, None);
    let names: Vec<&str> = loaded.frame.get_column_names().into_iter().map(|s| s.as_str()).collect();
    let table = summary(rows, &frame::series_key(names.iter().copied()), true).collect()?;

    let indicator = table.column("indicator")?.str()?;
    let latest = table.column("latest")?.f64()?;
    let (change, yoy) = (table.column("change")?.f64()?, table.column("yoy_pct")?.f64()?);
    let unit = table.column("unit")?.str()?;
    for i in 0..table.height() {
        let unit = unit.get(i).unwrap_or("");
        // A rate moves in points, anything else in per cent of itself.
        let moved = match (unit, change.get(i), yoy.get(i)) {
            ("%", Some(points), _) => format!("{points:+.2} points"),
            (_, _, Some(pct)) => format!("{pct:+.1} %"),
            _ => "no value".to_string(),
        };
        println!(
            "{}: {}{} in {}, {moved} on the year before",
            indicator.get(i).unwrap_or("?"),
            latest.get(i).map_or("n/a".into(), |v| v.to_string()),
            if unit.is_empty() { String::new() } else { format!(" {unit}") },
            table.column("last_period")?.str()?.get(i).unwrap_or("?"),
        );
    }
    Ok(())
}
