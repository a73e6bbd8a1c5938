//! Text folding shared by every lookup that must ignore case and diacritics.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `s` for comparison: decomposes, drops combining marks (so `é` matches `e` and
/// `ё` matches `е`), lowercases, and turns every run of punctuation or space into one space.
///
/// Letters that are distinct in their alphabet stay distinct: Kazakh `Қ` is not `К`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// True when `s` is a usable record identifier: lowercase ASCII letters, digits and
/// `-`, `_`, `.`, starting with a letter or digit, at most 100 characters.
pub fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    s.len() <= 100
        && (first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("  ÉTATS-UNIS "), "etats unis");
        assert_eq!(fold("Объединённые"), "объединенные");
        assert_eq!(fold("Қазақстан"), "қазақстан");
        assert_ne!(fold("Қазақстан"), fold("Казахстан"));
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("ev-2014-sorbonne"));
        assert!(is_valid_id("kussainova2021"));
        assert!(!is_valid_id("Ev"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
    }
}
