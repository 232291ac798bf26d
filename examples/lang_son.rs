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
    let yoy = table.column("yoy_pct")?.f64()?;
    let unit = table.column("unit")?.str()?;
    for i in 0..table.height() {
        println!(
            "{}: {} {} in {}, {:+.1} % on the year before",
            indicator.get(i).unwrap_or("?"),
            latest.get(i).map_or("n/a".into(), |v| v.to_string()),
            unit.get(i).unwrap_or(""),
            table.column("last_period")?.str()?.get(i).unwrap_or("?"),
            yoy.get(i).unwrap_or(f64::NAN),
        );
    }
    Ok(())
}
