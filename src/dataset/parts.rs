//! Reading one big long file a part at a time, for the commands that can work that way: each
//! part is the header line and whole lines below it, read by the usual loader with the options
//! the first part was read with, its lines numbered as lines of the whole file.

use std::collections::HashMap;
use std::ops::Range;

use polars::prelude::*;

use crate::error::{ChisoError, Location};
use crate::frame::{FREQ, LINE};
use crate::input::{self, parts, sniff, Layout, MappedText, ReadOptions, Source};

use super::{DataSettings, Dataset};

/// The mapped input, when it is one big file on disk read without `--encoding`.
pub fn big_input(data: &DataSettings) -> Option<MappedText> {
    let [path] = data.inputs.as_slice() else { return None };
    // From `--stream-from` bytes on (`crate::tuning`).
    let big = std::fs::metadata(path).ok()?.len() >= crate::tuning::get().stream_from;
    (path != "-" && big && data.read.encoding.is_none()).then(|| MappedText::open(path)).flatten()
}

/// The parts of a mapped file, prepared one at a time.
pub struct Parts<'a> {
    data: &'a DataSettings,
    map: &'a MappedText,
    path: String,
    stem: String,
    header: &'a str,
    header_end: usize,
    header_line: u32,
    pieces: parts::Pieces<'a>,
    opts: ReadOptions,
    seen: SeenSeries,
    /// The first part, read to tell how the file is read, until it is asked for.
    first: Option<Dataset>,
    /// Bytes read so far, on a terminal, for a big file.
    progress: Option<crate::messages::Progress>,
}

impl<'a> Parts<'a> {
    /// The parts, or `None` when the file is better read whole (not in the long layout, or no row
    /// of the first part has an area and a period).
    pub fn open(data: &'a DataSettings, map: &'a MappedText) -> Result<Option<Parts<'a>>, ChisoError> {
        let path = data.inputs[0].clone();
        // Enough of the text to find the header in.
        let text = map.prefix(1 << 20);
        let mut opts = data.read.clone();
        let sniffed = sniff::sniff(text, opts.delimiter, opts.skip);
        if sniffed.header_rows > 1 {
            return Ok(None);
        }
        let Some(header_end) = text[sniffed.header_byte..].find('\n').map(|i| sniffed.header_byte + i + 1) else {
            return Ok(None);
        };
        let header = &text[sniffed.header_byte..header_end];
        if header.matches('"').count() % 2 == 1 {
            return Ok(None);
        }
        let size = usize::try_from(crate::tuning::get().stream_part).unwrap_or(usize::MAX);
        opts.delimiter = Some(sniffed.delimiter);
        opts.skip = Some(0);
        let mut parts = Parts {
            data,
            map,
            stem: input::stem(&path),
            path,
            header,
            header_end,
            header_line: sniffed.header_line,
            pieces: parts::parts(&map.bytes()[header_end..], size),
            opts,
            seen: SeenSeries::default(),
            first: None,
            progress: None,
        };
        let Some(range) = parts.pieces.next() else { return Ok(None) };
        let range_end = range.0.end;
        // The first part tells how the file is read.
        let Some(first) = parts.read(range)? else { return Ok(None) };
        let detected = &first.loaded.files[0].detected;
        if detected.layout != Layout::Long {
            return Ok(None);
        }
        // Later parts are read the way the first one was.
        parts.opts.decimal_comma |= detected.decimal_comma;
        let size = map.bytes().len() as u64;
        if size >= crate::tuning::get().progress_from {
            let at = (header_end + range_end) as u64;
            parts.progress = Some(crate::messages::Progress::bytes(&format!("reading {}", parts.path), size, at));
        }
        parts.first = Some(first);
        Ok(Some(parts))
    }

    /// The first part (until [`Parts::next_part`] gives it).
    pub fn first(&self) -> Option<&Dataset> {
        self.first.as_ref()
    }

    /// Says on stderr that the file is read a part at a time.
    pub fn note(&self) {
        crate::messages::note(format!(
            "{} is read a part at a time (quality checks are left to chiso inspect)",
            self.path
        ));
    }

    /// The next part with a row, prepared (its warnings not yet printed).
    pub fn next_part(&mut self) -> Result<Option<Dataset>, ChisoError> {
        if let Some(first) = self.first.take() {
            return Ok(Some(first));
        }
        while let Some(range) = self.pieces.next() {
            if let Some(prepared) = self.read(range)? {
                return Ok(Some(prepared));
            }
        }
        Ok(None)
    }

    /// Checks that no series of this part's frame came in an earlier part with periods this
    /// part repeats might hold (see [`SeenSeries`]).
    pub fn check(&mut self, frame: &DataFrame, key: &[String]) -> Result<(), ChisoError> {
        self.seen.check(&self.path, frame, key)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    fn read(&self, (range, lines_before): (Range<usize>, u32)) -> Result<Option<Dataset>, ChisoError> {
        if let Some(progress) = &self.progress {
            progress.set_position((self.header_end + range.end) as u64);
        }
        let body = &self.map.bytes()[self.header_end..];
        let mut bytes = self.header.as_bytes().to_vec();
        bytes.extend_from_slice(&body[range.clone()]);
        self.map.release(self.header_end + range.start..self.header_end + range.end);
        let source = Source::new(self.path.clone(), self.stem.clone(), bytes.into());
        let first_line = self.header_line - 1 + lines_before;
        let opts = ReadOptions { first_line, part: true, ..self.opts.clone() };
        let load = |_: &_| input::load_sources(vec![source], &opts).map_err(|e| e.lines_later(first_line));
        // A part whose every row lacks an area or period is no error (the whole file may have
        // others): its rows are left out, as read whole.
        match Dataset::with(self.data, load, true) {
            Ok(prepared) => Ok(Some(prepared)),
            Err(ChisoError::NothingLeft { why, .. }) => {
                why.iter().for_each(crate::messages::warning);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The period keys each series covered in the parts read so far: a series whose periods come
/// back within that span might repeat one, which a part cannot see.
#[derive(Default)]
struct SeenSeries(HashMap<String, (i32, i32)>);

impl SeenSeries {
    fn check(&mut self, path: &str, frame: &DataFrame, key: &[String]) -> Result<(), ChisoError> {
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
            .collect()?;
        let series = spans.column("_series")?.str()?;
        let from = spans.column("_from")?.i32()?;
        let to = spans.column("_to")?.i32()?;
        let line = spans.column("_line")?.u32()?;
        let freq = spans.column(FREQ)?.str()?;
        for i in 0..spans.height() {
            let (Some(name), Some(from), Some(to)) = (series.get(i), from.get(i), to.get(i)) else { continue };
            // Annual and quarterly rows of one series are two series.
            let id = format!("{name}\u{1f}{}", freq.get(i).unwrap_or(""));
            match self.0.get_mut(&id) {
                Some((seen_from, seen_to)) if from <= *seen_to && to >= *seen_from => {
                    let at = Location { file: path.to_string(), line: line.get(i).unwrap_or(0) };
                    return Err(ChisoError::SplitSeries { at, series: name.to_string() });
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
