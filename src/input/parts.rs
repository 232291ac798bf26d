//! A big file read a part at a time: where to cut its text so that every part is whole lines,
//! never the middle of a quoted field.

use std::ops::Range;

/// Byte ranges of `bytes` (the text after the header line) of about `size` bytes each, cut just
/// after a line break with an even number of `"` in the part so far, each with the number of lines
/// before it. Worked out one part at a time, as they are read.
pub fn parts(bytes: &[u8], size: usize) -> Pieces<'_> {
    Pieces { bytes, size: size.max(1), start: 0, lines: 0 }
}

/// The byte ranges of the parts of a file's text, found one after another.
pub struct Pieces<'a> {
    bytes: &'a [u8],
    size: usize,
    start: usize,
    lines: u32,
}

impl Iterator for Pieces<'_> {
    type Item = (Range<usize>, u32);

    fn next(&mut self) -> Option<Self::Item> {
        let (bytes, start) = (self.bytes, self.start);
        if start >= bytes.len() {
            return None;
        }
        let quotes_in = |range: Range<usize>| bytes[range].iter().filter(|b| **b == b'"').count();
        // The end of the line `size` bytes on…
        let mut end = (start + self.size).min(bytes.len());
        if bytes[end - 1] != b'\n' {
            end = bytes[end..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| end + i + 1);
        }
        // …or of a later one, while a quoted field is open.
        let mut quotes = quotes_in(start..end);
        while quotes % 2 == 1 && end < bytes.len() {
            let next = bytes[end..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| end + i + 1);
            quotes += quotes_in(end..next);
            end = next;
        }
        let part = (start..end, self.lines);
        self.lines += bytes[start..end].iter().filter(|b| **b == b'\n').count() as u32;
        self.start = end;
        Some(part)
    }
}

#[cfg(test)]
mod tests {
    use super::parts;

    #[test]
    fn whole_lines_and_whole_quotes() {
        let body = "a,1\nb,2\n\"c\nd\",3\ne,4\nf,5";
        for size in 1..body.len() + 2 {
            let cut: Vec<_> = parts(body.as_bytes(), size).collect();
            // Together the parts are the text, in order.
            let joined: String = cut.iter().map(|(r, _)| &body[r.clone()]).collect();
            assert_eq!(joined, body, "size {size}");
            for (range, lines) in &cut {
                let part = &body[range.clone()];
                assert!(part.ends_with('\n') || range.end == body.len(), "size {size}: {part:?}");
                assert_eq!(part.matches('"').count() % 2, 0, "size {size}: {part:?}");
                assert_eq!(*lines as usize, body[..range.start].matches('\n').count());
            }
        }
        assert!(parts(b"", 10).next().is_none());
    }
}
