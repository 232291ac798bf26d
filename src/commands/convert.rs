//! `chiso convert`: the canonical long frame, filtered, in any output format — the pipe primitive.
//! A big long file is read and written a part at a time, so it need not fit in memory.

use std::collections::HashMap;

use polars::prelude::*;

use crate::cli::ConvertArgs;
use crate::error::{polars, ChisoError, Location};
use crate::frame::{FREQ, LINE};
use crate::input::{self, parts, sniff, Layout, MappedText, Source};
use crate::output::{Format, Output};

use super::Prepared;

/// Files from this size on are converted a part at a time (`CHISO_STREAM_FROM`, in bytes, sets
/// another size).
const STREAM_FROM: u64 = 1 << 30;
/// The size of a part (`CHISO_STREAM_PART`, in bytes, sets another).
const PART: usize = 16 << 20;

pub fn run(args: ConvertArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    if let Some(map) = streamable(&args, &output) {
        if stream(&args, &output, &map)? {
            return Ok(());
        }
    }
    let mut prepared = Prepared::new(&args.data)?;
    prepared.print_warnings()?;
    output.write_frame(&prepared.frame.collect()?)
}

fn size_from_env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The mapped input, when it is one big UTF-8 file on disk and the output is delimited text.
fn streamable(args: &ConvertArgs, output: &Output) -> Option<MappedText> {
    let inputs = &args.data.input.inputs;
    let [path] = inputs.as_slice() else { return None };
    let big = std::fs::metadata(path).ok()?.len() >= size_from_env("CHISO_STREAM_FROM", STREAM_FROM);
    let delimited = matches!(output.format(), Format::Csv | Format::Tsv | Format::Excel);
    (path != "-" && big && delimited && args.data.input.encoding.is_none()).then(|| MappedText::open(path)).flatten()
}

/// Converts the file a part at a time: each part is the header line and whole lines below it,
/// read with the options the first part was read with, numbered as lines of the whole file.
/// False (nothing written) when the file is not in the long layout: the whole-file reader takes it.
fn stream(args: &ConvertArgs, output: &Output, map: &MappedText) -> anyhow::Result<bool> {
    let path = &args.data.input.inputs[0];
    // Enough of the text to find the header in.
    let text = map.prefix(1 << 20);
    let mut opts = args.data.input.read_options();
    let sniffed = sniff::sniff(text, opts.delimiter, opts.skip);
    let Some(header_end) = text[sniffed.header_byte..].find('\n').map(|i| sniffed.header_byte + i + 1) else {
        return Ok(false);
    };
    let header = &text[sniffed.header_byte..header_end];
    if header.matches('"').count() % 2 == 1 {
        return Ok(false);
    }
    let body = &map.bytes()[header_end..];
    let size = size_from_env("CHISO_STREAM_PART", PART as u64) as usize;
    let mut pieces = parts::parts(body, size);
    opts.delimiter = Some(sniffed.delimiter);
    opts.skip = Some(0);
    let stem = input::stem(path);
    let read = |range: std::ops::Range<usize>, lines_before: u32, opts: &input::ReadOptions| {
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(&body[range.clone()]);
        map.release(header_end + range.start..header_end + range.end);
        let source = Source { name: path.clone(), stem: stem.clone(), bytes: bytes.into() };
        let first_line = sniffed.header_line - 1 + lines_before;
        let opts = input::ReadOptions { first_line, ..opts.clone() };
        let load = |_: &_| input::load_sources(vec![source], &opts).map_err(|e| e.lines_later(first_line));
        // A part whose every row lacks an area or period is no error (the whole file may have
        // others): its rows are left out, as read whole.
        match Prepared::with(&args.data, load, true) {
            Ok(prepared) => Ok(Some(prepared)),
            Err(ChisoError::NothingLeft { why, .. }) => {
                why.iter().for_each(|w| eprintln!("chiso: warning: {w}"));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    };
    let Some((range, lines_before)) = pieces.next() else { return Ok(false) };
    // The first part tells how the file is read; without a row of its own, the whole-file reader
    // takes the file.
    let Some(mut first) = read(range, lines_before, &opts)? else { return Ok(false) };
    let detected = &first.loaded.files[0].detected;
    if detected.layout != Layout::Long {
        return Ok(false);
    }
    // Later parts are read the way the first one was.
    opts.decimal_comma |= detected.decimal_comma;
    eprintln!("chiso: note: {path} is read and written a part at a time (quality checks are left to chiso inspect)");
    first.print_warnings()?;
    // What the first part holds, for the message when no part has what a filter asks for.
    let known = |column: &str| -> anyhow::Result<Vec<String>> {
        let mut names = super::distinct(&first.loaded.frame, column)?;
        names.truncate(40);
        names.push("… (those of the file's first part)".to_string());
        Ok(names)
    };
    let (areas, indicators) = (known(crate::frame::AREA)?, known(crate::frame::INDICATOR)?);
    let mut seen = SeenSeries::default();
    let mut next = Some(first);
    let filters = &args.data.filter;
    let mut rows = 0;
    output.write_frames(|| loop {
        let prepared = match next.take() {
            Some(prepared) => prepared,
            None => match pieces.next() {
                Some((range, lines_before)) => {
                    let Some(mut prepared) = read(range, lines_before, &opts)? else { continue };
                    prepared.print_warnings()?;
                    prepared
                }
                None if rows == 0 && !(filters.areas.is_empty() && filters.indicators.is_empty()) => {
                    // No part had what the filters ask for.
                    let (what, given, known) = match filters.areas.first() {
                        Some(area) => ("area", area, areas.clone()),
                        None => ("indicator", &filters.indicators[0], indicators.clone()),
                    };
                    return Err(ChisoError::NoMatch { what, given: given.clone(), known }.into());
                }
                None => return Ok(None),
            },
        };
        let frame = prepared.frame.collect()?;
        seen.check(path, &frame, &prepared.key)?;
        rows += frame.height();
        return Ok(Some(frame));
    })?;
    Ok(true)
}

/// The period keys each series covered in the parts read so far: a series whose periods come
/// back within that span might repeat one, which a part cannot see.
#[derive(Default)]
struct SeenSeries(HashMap<String, (i32, i32)>);

impl SeenSeries {
    fn check(&mut self, path: &str, frame: &DataFrame, key: &[String]) -> anyhow::Result<()> {
        let mut group: Vec<Expr> = key.iter().map(|k| col(k.as_str())).collect();
        let parts: Vec<Expr> = group.iter().map(|k| k.clone().cast(DataType::String).fill_null(lit(""))).collect();
        group.push(col(FREQ));
        let spans = frame
            .clone()
            .lazy()
            .group_by(group)
            .agg([
                crate::core::period_key().min().alias("_from"),
                crate::core::period_key().max().alias("_to"),
                col(LINE).min().alias("_line"),
            ])
            .with_column(concat_str(parts, " / ", false).alias("_series"))
            .sort(["_line"], Default::default())
            .collect()
            .map_err(polars)?;
        let series = spans.column("_series").map_err(polars)?.str().map_err(polars)?;
        let from = spans.column("_from").map_err(polars)?.i32().map_err(polars)?;
        let to = spans.column("_to").map_err(polars)?.i32().map_err(polars)?;
        let line = spans.column("_line").map_err(polars)?.u32().map_err(polars)?;
        let freq = spans.column(FREQ).map_err(polars)?.str().map_err(polars)?;
        for i in 0..spans.height() {
            let (Some(name), Some(from), Some(to)) = (series.get(i), from.get(i), to.get(i)) else { continue };
            // Annual and quarterly rows of one series are two series.
            let id = format!("{name}\u{1f}{}", freq.get(i).unwrap_or(""));
            match self.0.get_mut(&id) {
                Some((seen_from, seen_to)) if from <= *seen_to && to >= *seen_from => {
                    let at = Location { file: path.to_string(), line: line.get(i).unwrap_or(0) };
                    return Err(ChisoError::SplitSeries { at, series: name.to_string() }.into());
                }
                Some(span) => *span = (span.0.min(from), span.1.max(to)),
                None => {
                    self.0.insert(id, (from, to));
                }
            }
        }
        Ok(())
    }
}
