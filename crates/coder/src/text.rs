//! Text helpers shared by the matchers: a lowercase copy with the same byte offsets, and word
//! boundaries.

/// Lowercases `text` without moving any byte: a character whose lowercase form has another
/// UTF-8 length (rare: `İ`, `ẞ`) is kept as it is, so offsets into the copy are offsets into
/// the input. `ё` is read as `е`.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(fold_char(c));
    }
    out
}

pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'ё' || c == 'Ё' {
        return 'е';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character before byte `i`, if any.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|h| h.chars().next_back())
}

/// The character at byte `i`, if any.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// True when a word starts at byte `i`.
pub(crate) fn starts_word(s: &str, i: usize) -> bool {
    !char_before(s, i).is_some_and(is_word_char)
}

/// True when a word ends at byte `i`.
pub(crate) fn ends_word(s: &str, i: usize) -> bool {
    !char_at(s, i).is_some_and(is_word_char)
}

/// The end of the word that goes on at byte `i`.
pub(crate) fn word_end(s: &str, i: usize) -> usize {
    let Some(tail) = s.get(i..) else { return i };
    i + tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len())
}

/// The words of `s` (runs of letters and digits) with their byte offsets.
pub(crate) fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = s.get(rest..)?;
        let start = rest + tail.find(is_word_char)?;
        let end = word_end(s, start);
        rest = end;
        Some((start, &s[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets() {
        for s in ["Қазақстан ӘҒҚҢӨҰҮҺІ", "FRANÇAISE Élysée", "Ёлка İstanbul ẞ", ""] {
            assert_eq!(fold(s).len(), s.len(), "{s}");
        }
        assert_eq!(fold("ҚАЗАҚСТАН Ёж"), "қазақстан еж");
    }

    #[test]
    fn words_and_boundaries() {
        let s = "Sorbonne-Kazakhstan, 2014.";
        let w: Vec<_> = words(s).collect();
        assert_eq!(w, vec![(0, "Sorbonne"), (9, "Kazakhstan"), (21, "2014")]);
        assert!(starts_word(s, 9) && ends_word(s, 19) && !starts_word(s, 10));
    }
}
