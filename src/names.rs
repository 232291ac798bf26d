//! Text clean-up for area and indicator names: NFC normalisation and space collapsing for
//! display, and a folded key for matching (case, spaces and Vietnamese diacritics ignored).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The first `max` names, then how many more: `a, b, … (12 in all)`, for messages.
pub fn first_names(names: &[String], max: usize) -> String {
    let mut out = names.iter().take(max).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > max {
        out.push_str(&format!(", … ({} in all)", names.len()));
    }
    out
}

/// Invisible characters that make two equal-looking names differ: zero-width space, word joiner,
/// byte-order mark, and the bidirectional controls (right-to-left text itself is kept).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// NFC-normalises, trims, drops invisible characters and collapses inner runs of whitespace:
/// `" Quang  Nam"` → `"Quang Nam"`.
pub fn clean(name: &str) -> String {
    let visible: String;
    let name = if name.chars().any(invisible) {
        visible = name.chars().filter(|c| !invisible(*c)).collect();
        visible.as_str()
    } else {
        name
    };
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// The key two names must share to match: lower case, letters and digits only (no spaces or
/// punctuation), no diacritics, `đ` = `d`. `"Lạng  Sơn"`, `"lang son"` and `"LangSon"` all fold to
/// `"langson"`; `"Ba Ria - Vung Tau"` and `"Ba Ria-Vung Tau"` to `"bariavungtau"`.
pub fn fold(name: &str) -> String {
    name.nfd()
        .filter(|c| c.is_alphanumeric() && !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key a place name matches by: folded, without the words that say what kind of unit it is.
pub fn place_key(name: &str) -> String {
    let mut folded = fold(name);
    for prefix in ["thanhpho", "tinh", "tp"] {
        if folded.len() > prefix.len() + 2 {
            if let Some(rest) = folded.strip_prefix(prefix) {
                folded = rest.to_string();
                break;
            }
        }
    }
    for suffix in ["city", "province"] {
        if folded.len() > suffix.len() + 2 {
            if let Some(rest) = folded.strip_suffix(suffix) {
                folded = rest.to_string();
            }
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_collapses_and_composes() {
        assert_eq!(clean(" WHOLE COUNTRY"), "WHOLE COUNTRY");
        assert_eq!(clean("Quang  Nam\t"), "Quang Nam");
        // "Lạng Sơn" written with combining marks becomes the precomposed form.
        let decomposed = "La\u{323}ng So\u{31b}n";
        assert_eq!(clean(decomposed), "Lạng Sơn");
        assert_eq!(clean(decomposed).chars().count(), 8);
        assert_eq!(clean("A\u{200B}"), "A");
        assert_eq!(clean("\u{202B}Hà Nội\u{202C}"), "Hà Nội");
        assert_eq!(clean("אב"), "אב");
    }

    #[test]
    fn fold_ignores_case_space_and_diacritics() {
        assert_eq!(fold("Lạng Sơn"), "langson");
        assert_eq!(fold("lang  son"), "langson");
        assert_eq!(fold("Đình Lập"), fold("dinh lap"));
        assert_ne!(fold("Lang Son"), fold("Long An"));
        assert_eq!(fold("Ba Ria - Vung Tau"), fold("Bà Rịa-Vũng Tàu"));
        assert_eq!(fold("Thua Thien - Hue"), fold("Thừa Thiên Huế"));
    }
}
