//! The fast way to read a plain table: Polars' multithreaded CSV reader, with the value columns
//! parsed as numbers while reading.
//!
//! It is only taken when it gives exactly what the careful reader ([`super::sniff::parse_table`])
//! would: the layout is worked out on the first lines by the careful reader, and the whole file is
//! then read by Polars only if those lines are plain (no notes, short rows, unnamed or repeated
//! columns, thousands separators or accounting negatives) and no plans are read from the file.
//! After reading, anything unusual — a cell Polars cannot read as a number, a `nan`/`inf`, a
//! missing area, indicator or period, a line count that does not match (blank lines, line breaks
//! inside quotes), a line with fewer fields (or a delimiter inside quotes) — sends the file back to
//! the careful reader, which says exactly what and where.
//! Line numbers are exact: row *i* is line `header + 1 + i`.

use std::io::Cursor;

use polars::prelude::*;
use polars_io::prelude::{CsvReadOptions, NullValues, SerReader};

use super::sniff::{self, RawTable, Sniffed};
use super::{layout, ReadOptions};
use crate::frame::LINE;

/// Lines the careful reader looks at before the fast one takes over.
const SAMPLE_LINES: usize = 10_000;

/// The table of `text` read by Polars, with the options to shape it with, or `None` when the
/// careful reader must read it.
pub fn read(
    file: &str,
    stem: &str,
    text: &str,
    sniffed: &Sniffed,
    opts: &ReadOptions,
    src: u32,
) -> Option<(RawTable, ReadOptions)> {
    if crate::tuning::get().careful || opts.thousands {
        return None;
    }
    if text[sniffed.header_byte..].split(['\n', '\t']).next().is_some_and(|c| c.contains('\\')) {
        // Eurostat's `dims\time` first cell: reshaped from the careful reader's table.
        return None;
    }
    let body = &text[sniffed.header_byte..];
    let sample_end = body.match_indices('\n').nth(SAMPLE_LINES).map_or(body.len(), |(i, _)| i + 1);
    if sample_end == body.len() {
        // The careful reader sees every line anyway.
        return None;
    }
    let sample = sniff::parse_table(file, &text[..sniffed.header_byte + sample_end], sniffed).ok()?;
    if sample.notes.0 > 0
        || sample.short_rows.0 > 0
        || sample.repeats > 0
        || sniffed.header_rows > 1
        || !sample.dropped.is_empty()
        || !sample.renamed.is_empty()
    {
        return None;
    }
    let shaped = layout::shape(file, stem, &sample, sniffed.delimiter, opts, src).ok()?;
    if shaped.has_plans
        || shaped.format.parens
        || shaped.format.thousands
        || shaped.format.grouped
        || shaped.value_columns.is_empty()
    {
        return None;
    }
    let decimal_comma = shaped.format.decimal_comma;
    if decimal_comma && sniffed.delimiter == b',' {
        return None;
    }

    let mut schema = Schema::default();
    for name in &sample.columns {
        let dtype = if shaped.value_columns.contains(name) { DataType::Float64 } else { DataType::String };
        schema.with_column(name.as_str().into(), dtype);
    }
    // Only the null markers the first lines use: Polars compares every field with each marker,
    // and a marker met only further down fails the number parse, which sends the file back to
    // the careful reader. Labels equal to a marker are still made null later, by name.
    let mut seen = std::collections::BTreeSet::new();
    for column in &shaped.value_columns {
        if let Ok(cells) = sample.frame.column(column).and_then(|c| c.str().cloned()) {
            seen.extend(cells.iter().flatten().filter(|c| opts.nulls.iter().any(|m| m == c)).map(str::to_string));
        }
    }
    let nulls: Vec<PlSmallStr> = seen.iter().map(|s| s.as_str().into()).collect();
    let t = std::time::Instant::now();
    let df = CsvReadOptions::default()
        .with_has_header(true)
        // The reader leaves each column in pieces (one per batch of lines). Later steps compare
        // rows with their neighbours: a column shifted by one row is cut elsewhere than the
        // column, and every such comparison would copy both into one piece. Joined once here.
        .with_rechunk(true)
        .with_schema(Some(Arc::new(schema)))
        .map_parse_options(|p| {
            p.with_separator(sniffed.delimiter)
                .with_quote_char(Some(b'"'))
                .with_null_values((!nulls.is_empty()).then(|| NullValues::AllColumns(nulls.clone())))
                .with_missing_is_null(true)
                .with_decimal_comma(decimal_comma)
        })
        .into_reader_with_file_handle(Cursor::new(body.as_bytes()))
        .finish()
        .ok()?;

    // One row per line after the header, or the line numbers would be wrong; and every line with
    // all its fields (Polars fills a short line with nulls, where the careful reader warns). A
    // delimiter inside quotes also upsets the count: such files go the careful way too.
    crate::timing("fast: polars read", t);
    let (newlines, delimiters) = count_two(body.as_bytes(), b'\n', sniffed.delimiter);
    let lines = newlines + usize::from(!body.ends_with('\n'));
    if df.height() + 1 != lines || delimiters != lines * (sample.columns.len() - 1) {
        return None;
    }
    let checks: Vec<Expr> = shaped
        .key_columns
        .iter()
        .map(|k| col(k.as_str()).is_null().any(true))
        .chain(shaped.value_columns.iter().map(|v| {
            let x = col(v.as_str());
            x.clone().is_not_null().and(x.is_finite().not()).any(true)
        }))
        .collect();
    crate::timing("fast: counted", t);
    let unusual = df.clone().lazy().select([any_horizontal(checks).ok()?.alias("x")]).collect().ok()?;
    crate::timing("fast: checked", t);
    if unusual.column("x").ok()?.bool().ok()?.get(0) != Some(false) {
        return None;
    }

    let first = sniffed.header_line + 1;
    let line_numbers = UInt32Chunked::from_iter_values(LINE.into(), (first..).take(df.height()));
    let mut frame = df;
    frame.with_column(line_numbers.into_column()).ok()?;
    let mut opts = opts.clone();
    opts.decimal_comma |= decimal_comma;
    let raw = RawTable {
        columns: sample.columns,
        frame,
        header_line: sniffed.header_line,
        dropped: Vec::new(),
        renamed: Vec::new(),
        notes: (0, Vec::new()),
        short_rows: (0, Vec::new()),
        repeats: 0,
        unit: sample.unit,
        title: sample.title,
    };
    Some((raw, opts))
}

/// How many times each of two bytes occurs, counted on every core.
fn count_two(bytes: &[u8], a: u8, b: u8) -> (usize, usize) {
    // Byte counters per lane, emptied before they can overflow: the loop vectorises.
    let count = |part: &[u8]| {
        let (mut x, mut y) = (0usize, 0usize);
        for block in part.chunks(255 * 32) {
            let (mut p, mut q) = ([0u8; 32], [0u8; 32]);
            for piece in block.chunks(32) {
                for (i, c) in piece.iter().enumerate() {
                    p[i] += u8::from(*c == a);
                    q[i] += u8::from(*c == b);
                }
            }
            x += p.iter().map(|n| usize::from(*n)).sum::<usize>();
            y += q.iter().map(|n| usize::from(*n)).sum::<usize>();
        }
        (x, y)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || bytes.len() < 1 << 20 {
        return count(bytes);
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> =
            bytes.chunks(bytes.len().div_ceil(threads)).map(|p| scope.spawn(move || count(p))).collect();
        // A counting thread cannot fail; were it to, counting again here gives the same answer.
        let counts: Vec<(usize, usize)> = parts
            .into_iter()
            .zip(bytes.chunks(bytes.len().div_ceil(threads)))
            .map(|(h, p)| h.join().unwrap_or_else(|_| count(p)))
            .collect();
        counts.into_iter().fold((0, 0), |(x, y), (p, q)| (x + p, y + q))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_on_every_core_agree() {
        let text = "a,b\n1,2\n".repeat(300_000);
        let expected = (text.matches('\n').count(), text.matches(',').count());
        assert_eq!(super::count_two(text.as_bytes(), b'\n', b','), expected);
        assert_eq!(super::count_two(b"x,y", b'\n', b','), (0, 1));
    }
}
