//! `chiso chart`: one indicator of the filtered data drawn to PNG or SVG (see [`crate::chart`]).

use crate::chart::{self, ChartData, ChartOptions, ImageFormat};
use crate::cli::ChartArgs;
use crate::error::ChisoError;
use crate::frame::UNIT;
use crate::output::{refuse_inputs, write_atomically};

use super::{parse_period, Prepared};
use crate::names::first_names;

pub fn run(args: ChartArgs) -> anyhow::Result<()> {
    let format = match args.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("png") => ImageFormat::Png,
        Some("svg") => ImageFormat::Svg,
        _ => {
            return Err(ChisoError::Usage(format!(
                "cannot tell the image format from '{}': use .png or .svg",
                args.output.display()
            ))
            .into());
        }
    };
    let mut inputs = args.data.input.inputs.clone();
    inputs.extend(args.plan.clone());
    refuse_inputs(&args.output, &inputs)?;
    if args.output.exists() && !args.force {
        return Err(ChisoError::Exists { path: args.output.display().to_string() }.into());
    }
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    let df = match &args.plan {
        Some(plan) => super::targets::with_plans(&prepared, Some(plan), &args.data.input.read_options())?.collect()?,
        None => prepared.frame.clone().collect()?,
    };
    if df.height() == 0 {
        return Err(ChisoError::Data("nothing to draw: no rows are left after the filters".into()).into());
    }
    let unit_in_data =
        df.column(UNIT).ok().and_then(|c| c.str().ok().and_then(|s| s.iter().flatten().next().map(str::to_string)));
    let indicator = df.column(crate::frame::INDICATOR)?.str()?.get(0).unwrap_or("").to_string();
    let meta = prepared.indicators.get(&indicator);
    let unit = unit_in_data.or_else(|| meta.and_then(|m| m.unit.clone()));
    let decimals = meta.and_then(|m| m.decimals);
    // A ranking leaves aggregates out (unless highlighted); a series is a line of its own.
    let df = if args.kind == chart::Kind::Bar { super::without_aggregates(&df, &args.highlight)? } else { df };
    let df = super::series_as_areas(df)?;
    let data = ChartData::from_frame(&df, unit, decimals, &args.highlight)?;
    let unknown = data.unknown_highlights(&args.highlight);
    if !unknown.is_empty() {
        let areas: Vec<String> = data.series.iter().map(|s| s.area.clone()).collect();
        return Err(ChisoError::NoMatch {
            what: "area",
            given: unknown.join(", "),
            known: vec![first_names(&areas, 40)],
        }
        .into());
    }
    let options = ChartOptions {
        kind: args.kind,
        title: args.title.clone().or_else(|| {
            meta.and_then(|m| if args.lang == chart::Lang::Vi { m.name_vi.clone() } else { m.name.clone() })
        }),
        subtitle: args.subtitle.clone(),
        width: args.width,
        height: args.height,
        highlight: args.highlight.clone(),
        lang: args.lang,
        by: args.by,
        period: parse_period("--period", &args.data.input.period)?,
        from: parse_period("--from", &args.data.filter.from)?,
        to: parse_period("--to", &args.data.filter.to)?,
        sources: args.data.input.inputs.iter().map(|i| crate::input::file_name(i)).collect(),
    };
    let t = std::time::Instant::now();
    let bytes = chart::render(&data, &options, format)?;
    crate::timing("chart", t);
    write_atomically(&args.output, |w| Ok(w.write_all(&bytes)?))
}
