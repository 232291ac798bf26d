//! Bytes to text: byte-order marks, UTF-16, `--encoding` through encoding_rs (or chiso's own
//! TCVN3 table), other encodings detected with chardetng, and classic-Mac CR-only line endings
//! turned into `\n` so that line numbers in messages match what an editor shows.

use encoding_rs::Encoding;

use crate::error::{ChisoError, Location};

/// An input's bytes: read into memory, or a file mapped into it (big files: no copy).
pub enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::Owned(v)
    }
}

/// Decoded text and the name of the encoding it was read as.
pub struct Decoded {
    text: Text,
    pub encoding: String,
    /// True when the file used CR alone to end its lines.
    pub cr_only: bool,
}

enum Text {
    Owned(String),
    /// A mapped file checked to be UTF-8.
    Mapped(memmap2::Mmap),
}

impl std::fmt::Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decoded").field("encoding", &self.encoding).field("cr_only", &self.cr_only).finish()
    }
}

impl Decoded {
    /// Text made elsewhere (a workbook's sheet), with what to call its encoding.
    pub fn owned(text: String, encoding: String) -> Decoded {
        finish(Text::Owned(text), encoding)
    }

    pub fn text(&self) -> &str {
        match &self.text {
            Text::Owned(s) => s,
            // SAFETY: checked with `std::str::from_utf8` when decoded.
            Text::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }
}

/// `detect`: text that is not UTF-8 is decoded in the encoding detected; otherwise it is an error
/// naming the first bad byte (parts of one big file must all be read alike).
pub fn decode(file: &str, bytes: Bytes, label: Option<&str>, detect: bool) -> Result<Decoded, ChisoError> {
    let (text, encoding) = if label.is_some_and(super::tcvn3::is_label) {
        (super::tcvn3::decode(&bytes), "TCVN3 (ABC)".to_string())
    } else if let Some(label) = label {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| ChisoError::UnknownEncoding { label: label.to_string() })?;
        // A BOM in the file wins over the label, as browsers do.
        let (text, used, _) = enc.decode(&bytes);
        (text.into_owned(), used.name().to_string())
    } else if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let name = if enc == encoding_rs::UTF_8 {
            "UTF-8 (with BOM)".to_string()
        } else {
            format!("{} (with BOM)", enc.name())
        };
        (text.into_owned(), name)
    } else if let Some(enc) = utf16_without_bom(&bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes);
        (text.into_owned(), enc.name().to_string())
    } else {
        if !is_utf8(&bytes) {
            if !detect || !legacy_text(&bytes) {
                let valid_up_to = std::str::from_utf8(&bytes).err().map_or(bytes.len(), |e| e.valid_up_to());
                return Err(not_utf8(file, &bytes, valid_up_to));
            }
            let (text, encoding) = detected(&bytes);
            return Ok(finish(Text::Owned(text), encoding));
        }
        let text = match bytes {
            Bytes::Owned(v) => Text::Owned(String::from_utf8(v).unwrap_or_default()),
            Bytes::Mapped(m) => Text::Mapped(m),
        };
        return Ok(finish(text, "UTF-8".to_string()));
    };
    Ok(finish(Text::Owned(text), encoding))
}

/// Text in a legacy 8-bit encoding rather than broken UTF-8: no valid multi-byte UTF-8 character,
/// and every byte above ASCII stands beside a letter or another such byte (`C\xF4te`, `L\xE1ng`),
/// where a stray byte in UTF-8 text often sits among digits or punctuation (`201\xFF9`).
fn legacy_text(bytes: &[u8]) -> bool {
    if bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii()) {
        return false;
    }
    let wordy = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b >= 0x80);
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b >= 0x80)
        .all(|(i, _)| wordy(i.checked_sub(1).and_then(|j| bytes.get(j))) || wordy(bytes.get(i + 1)))
}

/// Text that is not UTF-8, decoded in the encoding chardetng (Firefox's detector) finds most
/// likely, with the name to show: `windows-1258 (detected; --encoding overrides)`.
fn detected(bytes: &[u8]) -> (String, String) {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Top-level domain unknown; UTF-8 is ruled out already.
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), format!("{} (detected; --encoding overrides)", enc.name()))
}

/// Classic-Mac text (CR alone ends lines) gets `\n` endings.
fn finish(text: Text, encoding: String) -> Decoded {
    let decoded = Decoded { text, encoding, cr_only: false };
    let t = decoded.text();
    // A line break is found in the first line; only a file without one is searched for CR.
    if !t.contains('\n') && t.contains('\r') {
        let text = Text::Owned(t.replace('\r', "\n"));
        return Decoded { text, cr_only: true, ..decoded };
    }
    decoded
}

/// True when the bytes are UTF-8, checked on every core for big inputs: the pieces are cut
/// before an ASCII byte, which always starts a character.
fn is_utf8(bytes: &[u8]) -> bool {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || bytes.len() < 1 << 20 {
        return std::str::from_utf8(bytes).is_ok();
    }
    let step = bytes.len().div_ceil(threads);
    let mut cuts = vec![0];
    for k in 1..threads {
        let from = (k * step).max(*cuts.last().unwrap_or(&0));
        let cut = bytes[from..].iter().position(u8::is_ascii).map_or(bytes.len(), |p| from + p);
        cuts.push(cut);
    }
    cuts.push(bytes.len());
    std::thread::scope(|scope| {
        let parts: Vec<_> = cuts
            .windows(2)
            .map(|w| &bytes[w[0]..w[1]])
            .map(|p| scope.spawn(move || std::str::from_utf8(p).is_ok()))
            .collect();
        parts.into_iter().all(|p| p.join().unwrap_or(false))
    })
}

/// UTF-16 saved without a BOM still shows itself: ASCII text with every other byte zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(400) & !1];
    if sample.len() < 4 {
        return None;
    }
    let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = sample.len() / 2;
    // UTF-8 text never holds a zero byte; UTF-16 of mostly Latin text holds one in every
    // other position (Vietnamese letters outside ASCII still leave a majority).
    if zeros_odd * 2 >= half && zeros_even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if zeros_even * 2 >= half && zeros_odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn not_utf8(file: &str, bytes: &[u8], valid_up_to: usize) -> ChisoError {
    let before = &bytes[..valid_up_to];
    let newline = if before.contains(&b'\n') || !before.contains(&b'\r') { b'\n' } else { b'\r' };
    let line = before.iter().filter(|b| **b == newline).count() + 1;
    let line_start = before.iter().rposition(|b| *b == newline).map_or(0, |p| p + 1);
    // The prefix is valid UTF-8, so count characters, as an editor's column does.
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    ChisoError::NotUtf8 { at: Location { file: file.to_string(), line: line as u32 }, column, byte: bytes[valid_up_to] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode("f", b"\xEF\xBB\xBFa,b\n1,2\n".to_vec().into(), None, true).unwrap();
        assert_eq!(d.text(), "a,b\n1,2\n");
        assert_eq!(d.encoding, "UTF-8 (with BOM)");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in "năm,x\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("f", le.clone().into(), None, true).unwrap().text(), "năm,x\n");
        assert_eq!(decode("f", le[2..].to_vec().into(), None, true).unwrap().text(), "năm,x\n");
    }

    #[test]
    fn cr_only_becomes_newlines() {
        let d = decode("f", b"a,b\r1,2\r3,4".to_vec().into(), None, true).unwrap();
        assert!(d.cr_only);
        assert_eq!(d.text(), "a,b\n1,2\n3,4");
    }

    #[test]
    fn utf8_checked_in_pieces() {
        // Multi-byte characters around every cut, and a bad byte far down.
        let good = "Lạng Sơn,Đồng,ư\n".repeat(200_000);
        assert!(is_utf8(good.as_bytes()));
        let mut bad = good.clone().into_bytes();
        let at = bad.len() - 7;
        bad[at] = 0xE1;
        assert!(!is_utf8(&bad));
        let mut cut = good.into_bytes();
        cut.truncate(cut.len() - 2);
        assert!(!is_utf8(&cut));
    }

    #[test]
    fn a_stray_byte_in_utf8_is_no_legacy_encoding() {
        assert!(!legacy_text(b"area,year\nA,201\xff9\n"));
        // Valid Vietnamese UTF-8 with one bad byte beside a letter: broken UTF-8, not legacy text.
        let mut broken = "Lạng Sơn,1\n".as_bytes().to_vec();
        broken.extend([b'x', 0xff]);
        assert!(!legacy_text(&broken));
        assert!(legacy_text(b"C\xf4te d\x92Ivoire,1\n"));
        let err = decode("f.csv", b"a,b\n201\xff9,1\n".to_vec().into(), None, true).unwrap_err();
        assert_eq!(err.to_string(), "f.csv:2: not valid UTF-8 (byte 0xFF at column 4)");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        // windows-1252: Côte d’Ivoire, Região (the curly quote is 0x92).
        let bytes = b"country,year,value\nC\xf4te d\x92Ivoire,2019,1\nRegi\xe3o Norte,2019,2\n".to_vec();
        let d = decode("f.csv", bytes.into(), None, true).unwrap();
        assert!(d.text().contains("Côte d’Ivoire") && d.text().contains("Região"), "{}", d.text());
        assert!(d.encoding.starts_with("windows-1252"), "{}", d.encoding);
    }

    #[test]
    fn bad_utf8_names_line_and_column() {
        let err = decode("f.csv", b"a,b\nL\xe1ng,1\n".to_vec().into(), None, false).unwrap_err();
        assert_eq!(err.to_string(), "f.csv:2: not valid UTF-8 (byte 0xE1 at column 2)");
        // windows-1258 decodes the same bytes.
        let d = decode("f.csv", b"a,b\nL\xe1ng,1\n".to_vec().into(), Some("windows-1258"), true).unwrap();
        assert_eq!(d.text(), "a,b\nLáng,1\n");
    }
}
