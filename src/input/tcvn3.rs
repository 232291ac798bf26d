//! TCVN3 (ABC, TCVN 5712:1993 VN3): the 8-bit Vietnamese encoding of the `.VnTime` fonts that
//! old government spreadsheets were typed in. Bytes below 0x80 are ASCII; the Vietnamese letters
//! sit at the positions below. Capitals with tone marks are not in VN3 (those documents switched
//! to the `.VnTimeH` font and typed lowercase codes), so they read as lowercase.
//!
//! Text saved from such a spreadsheet as UTF-8 or read as windows-1252 shows the same letters as
//! Latin-1 symbols (`Hµ Néi` for `Hà Nội`): [`convert`] maps those characters back.

/// Byte → letter. Every byte from 0xA1 to 0xFE that VN3 uses, in order.
pub const TABLE: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// `--encoding` labels that name TCVN3.
pub fn is_label(label: &str) -> bool {
    matches!(label.trim().to_ascii_lowercase().as_str(), "tcvn3" | "tcvn" | "abc" | "vn3" | "tcvn5712" | "vntime")
}

fn letter(code: u32) -> Option<char> {
    let byte = u8::try_from(code).ok()?;
    TABLE.binary_search_by_key(&byte, |(b, _)| *b).ok().map(|i| TABLE[i].1)
}

/// Bytes in TCVN3. Text that is valid UTF-8 already (a TCVN3 sheet saved as UTF-8 keeps the
/// Latin-1 look-alikes) is converted character by character instead.
pub fn decode(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return convert(text);
    }
    bytes.iter().map(|b| letter(u32::from(*b)).unwrap_or_else(|| windows_1252(*b))).collect()
}

fn windows_1252(b: u8) -> char {
    let byte = [b];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    text.chars().next().unwrap_or('\u{FFFD}')
}

/// Text whose Latin-1 characters stand for TCVN3 codes, with the Vietnamese letters put back.
pub fn convert(text: &str) -> String {
    text.chars().map(|c| letter(u32::from(c)).unwrap_or(c)).collect()
}

/// True when a name reads as Vietnamese once taken as TCVN3 (`Hµ Néi`): it holds a Latin-1
/// symbol that is a TCVN3 letter (`µ`, `¸`, `§`, `×`…) or a capital inside a word (`ViÖt`), and no
/// Latin-1 character TCVN3 has no letter for.
pub fn looks_like(name: &str) -> bool {
    const SYMBOLS: &str = "¡¢£¤¥¦§¨©ª«¬\u{ad}®µ¶·¸¹»¼½¾×÷";
    let mut telling = false;
    let mut previous = ' ';
    for c in name.chars() {
        if ('\u{A1}'..='\u{FF}').contains(&c) {
            if letter(u32::from(c)).is_none() {
                return false;
            }
            telling |= SYMBOLS.contains(c) || (c.is_uppercase() && previous.is_lowercase());
        }
        previous = c;
    }
    telling
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter with a diacritic, lowercase, and the plain capitals VN3 has.
    const LETTERS: &str = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ";

    #[test]
    fn every_letter_has_one_code_and_decodes() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0), "sorted by byte");
        for l in LETTERS.chars() {
            let codes: Vec<u8> = TABLE.iter().filter(|(_, c)| *c == l).map(|(b, _)| *b).collect();
            assert_eq!(codes.len(), 1, "{l}");
            assert_eq!(decode(&[b'x', codes[0], b'\n']), format!("x{l}\n"), "{l}");
        }
        assert_eq!(TABLE.len(), LETTERS.chars().count());
    }

    #[test]
    fn province_names() {
        for (tcvn3, unicode) in [
            ("Hµ Néi", "Hà Nội"),
            ("§µ N½ng", "Đà Nẵng"),
            ("CÇn Th¬", "Cần Thơ"),
            ("B×nh D\u{ad}¬ng", "Bình Dương"),
            ("Qu¶ng Ng·i", "Quảng Ngãi"),
            ("Bµ RÞa - Vòng Tµu", "Bà Rịa - Vũng Tàu"),
            ("Sãc Tr¨ng", "Sóc Trăng"),
        ] {
            assert_eq!(convert(tcvn3), unicode);
            assert!(looks_like(tcvn3), "{tcvn3}");
            assert!(!looks_like(unicode), "{unicode}");
            let bytes: Vec<u8> = tcvn3.chars().map(|c| c as u32 as u8).collect();
            assert_eq!(decode(&bytes), unicode);
        }
        for plain in ["Lang Son", "Côte d’Ivoire", "São Paulo", "Zürich", "Région"] {
            assert!(!looks_like(plain), "{plain}");
        }
    }
}
