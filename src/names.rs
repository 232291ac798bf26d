//! Text clean-up for area and indicator names: NFC normalisation and space collapsing for
//! display, and a folded key for matching (case, spaces and Vietnamese diacritics ignored).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC-normalises, trims and collapses inner runs of whitespace: `" Quang  Nam"` → `"Quang Nam"`.
pub fn clean(name: &str) -> String {
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
