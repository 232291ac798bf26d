//! Finding the table inside a text: which delimiter, which line is the header (title lines,
//! blank lines and `"Data Source",…` preambles come before it), and the parse of the rest into
//! string columns that remember their 1-based line. Meaning is left to the layout module.

use polars::prelude::*;

use crate::error::{ChisoError, Location};

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// How much of the file is read to decide the delimiter and header.
const SAMPLE_BYTES: usize = 256 * 1024;
const SAMPLE_RECORDS: usize = 1000;

/// Where the table starts and how it is delimited.
#[derive(Debug, Clone)]
pub struct Sniffed {
    pub delimiter: u8,
    /// 1-based line of the header.
    pub header_line: u32,
    /// Byte offset of the header in the text.
    pub header_byte: usize,
}

struct RecordShape {
    line: u32,
    byte: usize,
    fields: usize,
    filled: usize,
    first_empty: bool,
}

/// Where a record really starts: the reader reports the end of the previous record, which sits
/// before any blank lines it skipped.
fn record_start(text: &str, pos: &csv::Position) -> (usize, u32) {
    let bytes = text.as_bytes();
    let (mut byte, mut line) = (pos.byte() as usize, pos.line() as u32);
    while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
        if bytes[byte] == b'\n' {
            line += 1;
        }
        byte += 1;
    }
    (byte, line)
}

fn shapes(sample: &str, delimiter: u8) -> Vec<RecordShape> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(sample.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < SAMPLE_RECORDS {
        let pos = reader.position().clone();
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let filled = record.iter().filter(|f| !f.iter().all(u8::is_ascii_whitespace)).count();
                if filled == 0 {
                    continue;
                }
                let (byte, line) = record_start(sample, record.position().unwrap_or(&pos));
                let first_empty = record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace));
                out.push(RecordShape { line, byte, fields: record.len(), filled, first_empty });
            }
            _ => break,
        }
    }
    out
}

/// The most common number of fields among records with at least two, and how many records have it.
fn mode(shapes: &[RecordShape]) -> (usize, usize) {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for s in shapes.iter().filter(|s| s.fields >= 2) {
        match counts.iter_mut().find(|(n, _)| *n == s.fields) {
            Some((_, c)) => *c += 1,
            None => counts.push((s.fields, 1)),
        }
    }
    // Ties go to the count seen first: in a two-line file the header comes before a bad row.
    counts
        .into_iter()
        .fold(None, |best: Option<(usize, usize)>, (n, c)| match best {
            Some((_, bc)) if bc >= c => best,
            _ => Some((n, c)),
        })
        .unwrap_or((1, 0))
}

fn sample_of(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(p) => &text[..p + 1],
        None => &text[..end],
    }
}

/// Byte offset of the start of 1-based line `line`.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
}

/// Decides the delimiter (unless given) and the header line (unless `skip` lines are given).
pub fn sniff(text: &str, delimiter: Option<u8>, skip: Option<usize>) -> Sniffed {
    let offset = skip.map_or(0, |n| line_start(text, n + 1));
    let sample = sample_of(&text[offset..]);
    let delimiter = delimiter.unwrap_or_else(|| {
        // Most records agreeing wins; then more columns; then the order of CANDIDATES.
        let mut best: Option<(u8, usize, usize)> = None;
        for d in CANDIDATES {
            let (fields, count) = mode(&shapes(sample, d));
            if fields >= 2 && best.is_none_or(|(_, f, c)| (count, fields) > (c, f)) {
                best = Some((d, fields, count));
            }
        }
        best.map_or(b',', |(d, _, _)| d)
    });
    let found = shapes(sample, delimiter);
    let header = if skip.is_some() {
        found.first()
    } else {
        let (fields, _) = mode(&found);
        // A title row padded with delimiters fills one cell; a header fills at least two, or all
        // but an empty first cell (a row-name column).
        let need = fields.min(2);
        found
            .iter()
            .find(|s| s.fields == fields && (s.filled >= need || (s.first_empty && s.filled + 1 == s.fields)))
            .or(found.first())
    };
    let base_line = text[..offset].matches('\n').count() as u32;
    match header {
        Some(h) => Sniffed { delimiter, header_line: base_line + h.line, header_byte: offset + h.byte },
        None => Sniffed { delimiter, header_line: base_line + 1, header_byte: offset },
    }
}

/// The table as strings: one column per header cell (names made unique and non-empty), plus
/// `_line` with each row's 1-based line in the file.
pub struct RawTable {
    pub columns: Vec<String>,
    pub frame: DataFrame,
    pub header_line: u32,
    /// Columns removed as noise: unnamed index columns and empty trailing columns.
    pub dropped: Vec<String>,
    /// Header names that were repeated, with the name their later copies got.
    pub renamed: Vec<(String, String)>,
    /// Lines with text in the first cell only (notes, section titles), left out: how many, and
    /// the first few.
    pub notes: (usize, Vec<u32>),
    /// Lines with fewer fields than the header (their missing cells are empty): how many, and
    /// the first few.
    pub short_rows: (usize, Vec<u32>),
}

pub const LINE: &str = "_line";

pub fn parse_table(file: &str, text: &str, sniffed: &Sniffed) -> Result<RawTable, ChisoError> {
    let body = &text[sniffed.header_byte..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniffed.delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    let read = |reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord| {
        reader.read_record(record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as u32);
            ChisoError::Usage(format!(
                "{file}:{}: cannot parse the CSV: {e}",
                sniffed.header_line + line.saturating_sub(1)
            ))
        })
    };
    if !read(&mut reader, &mut record)? {
        return Err(ChisoError::Empty { file: file.to_string() });
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    let width = headers.len();
    let mut builders: Vec<StringChunkedBuilder> =
        (0..width).map(|i| StringChunkedBuilder::new(format!("{i}").into(), 1024)).collect();
    let mut lines: Vec<u32> = Vec::new();
    let mut short_rows: (usize, Vec<u32>) = (0, Vec::new());
    let mut notes: (usize, Vec<u32>) = (0, Vec::new());
    while read(&mut reader, &mut record)? {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = match record.position() {
            Some(p) => sniffed.header_line + record_start(body, p).1 - 1,
            None => sniffed.header_line,
        };
        // A line with text in its first cell only, in a table of three or more columns, is a
        // note ("Nguồn: …", "Ghi chú: …") or a section title ("I. Miền núi"), not data.
        if width >= 3
            && !record.get(0).unwrap_or("").trim().is_empty()
            && record.iter().skip(1).all(|f| f.trim().is_empty())
        {
            notes.0 += 1;
            if notes.1.len() < 5 {
                notes.1.push(line);
            }
            continue;
        }
        if record.len() > width && record.iter().skip(width).any(|f| !f.trim().is_empty()) {
            return Err(ChisoError::RaggedRow {
                at: Location { file: file.to_string(), line },
                found: record.len(),
                expected: width,
            });
        }
        if record.len() < width {
            short_rows.0 += 1;
            if short_rows.1.len() < 5 {
                short_rows.1.push(line);
            }
        }
        for (i, builder) in builders.iter_mut().enumerate() {
            match record.get(i) {
                Some(f) if !f.is_empty() => builder.append_value(f),
                _ => builder.append_null(),
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        return Err(ChisoError::HeaderOnly { file: file.to_string(), line: sniffed.header_line });
    }
    // A quote that is never closed swallows the rest of the file into one cell; quoted fields
    // always hold an even number of quote characters, so an odd count gives it away.
    if body.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        return Err(ChisoError::UnterminatedQuote {
            at: Location { file: file.to_string(), line: *lines.last().unwrap_or(&sniffed.header_line) },
        });
    }

    let names = unique_names(&headers);
    let renamed: Vec<(String, String)> = headers
        .iter()
        .zip(&names)
        .filter(|(h, n)| !h.is_empty() && h != n)
        .map(|(h, n)| (h.clone(), n.clone()))
        .collect();
    let mut columns: Vec<Column> = Vec::with_capacity(width + 1);
    let mut kept = Vec::with_capacity(width);
    let mut dropped = Vec::new();
    for (i, builder) in builders.into_iter().enumerate() {
        let series = builder.finish().with_name(names[i].as_str().into()).into_series();
        if headers[i].is_empty() && (series.null_count() == series.len() || (i == 0 && is_integer_index(&series))) {
            dropped.push(if i == 0 && series.null_count() < series.len() {
                "unnamed index column (first column)".to_string()
            } else {
                format!("empty unnamed column {}", i + 1)
            });
            continue;
        }
        kept.push(names[i].clone());
        columns.push(series.into());
    }
    columns.push(Column::new(LINE.into(), lines));
    let frame = DataFrame::new_infer_height(columns).map_err(|e| ChisoError::Usage(e.to_string()))?;
    Ok(RawTable { columns: kept, frame, header_line: sniffed.header_line, dropped, renamed, notes, short_rows })
}

/// An R or pandas row-name column: every cell an integer.
fn is_integer_index(series: &Series) -> bool {
    series.null_count() == 0 && series.cast(&DataType::Int64).map(|s| s.null_count() == 0).unwrap_or(false)
}

/// Empty headers become `column_N`; repeated ones get `_2`, `_3`.
fn unique_names(headers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let base = if h.is_empty() { format!("column_{}", i + 1) } else { h.clone() };
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) || name == LINE {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_with_decimal_commas_and_title() {
        let text = "Tốc độ tăng trưởng\n\nđơn vị;năm;giá trị\nLạng Sơn;2019;11,68\nCao Lộc;2019;9,5\n";
        let s = sniff(text, None, None);
        assert_eq!(s.delimiter, b';');
        assert_eq!(s.header_line, 3);
        assert!(text[s.header_byte..].starts_with("đơn vị"));
    }

    #[test]
    fn world_bank_preamble() {
        let text = "\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2024-06-28\",\n\n\"Country Name\",\"Country Code\",\"1960\",\"1961\",\n\"Aruba\",\"ABW\",\"\",\"1.5\",\n\"Viet Nam\",\"VNM\",\"2\",\"3\",\n";
        let s = sniff(text, None, None);
        assert_eq!(s.delimiter, b',');
        assert_eq!(s.header_line, 5);
        let t = parse_table("f", text, &s).unwrap();
        assert_eq!(t.columns, ["Country Name", "Country Code", "1960", "1961"]);
        assert_eq!(t.dropped, ["empty unnamed column 5"]);
        let lines: Vec<u32> = t.frame.column(LINE).unwrap().u32().unwrap().into_no_null_iter().collect();
        assert_eq!(lines, [6, 7]);
    }

    #[test]
    fn skip_overrides_detection() {
        let text = "a,b\nx,y\n1,2\n";
        let s = sniff(text, None, Some(1));
        assert_eq!(s.header_line, 2);
    }

    #[test]
    fn unnamed_index_column_is_dropped() {
        let text = ",prov,year\n1,A,2019\n2,B,2019\n";
        let t = parse_table("f", text, &sniff(text, None, None)).unwrap();
        assert_eq!(t.columns, ["prov", "year"]);
        let text = ",2019\nA,1\nB,2\n";
        let t = parse_table("f", text, &sniff(text, None, None)).unwrap();
        assert_eq!(t.columns, ["column_1", "2019"]);
    }

    #[test]
    fn header_only_and_ragged() {
        let text = "a,b\n";
        assert!(matches!(
            parse_table("f", text, &sniff(text, None, None)),
            Err(ChisoError::HeaderOnly { line: 1, .. })
        ));
        let text = "a,b\n1,2\n1,2,3\n";
        let err = parse_table("f", text, &sniff(text, None, None)).err().unwrap();
        assert_eq!(err.to_string(), "f:3: the line has 3 fields but the header has 2");
    }
}
