//! Sentence splitting: byte spans of the sentences of a text.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
//! followed by a space and a word that does not start in lowercase — except after an
//! abbreviation of the language's lexicon or a single capital letter (an initial: "N. A.
//! Nazarbayev"). A blank line or a list item also ends a sentence, unless the text before has
//! no final punctuation and the text after starts in lowercase (a sentence broken by a page
//! or column break). A sentence longer than `MAX_SENTENCE` bytes is cut at spaces, so that one
//! 50 MB line costs no more than many short ones.

use std::collections::HashSet;

use crate::text::{char_at, fold_char};

/// The longest sentence kept whole, in bytes.
pub const MAX_SENTENCE: usize = 2_000;

const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']', '»', '“'];

/// The sentences of `text` as byte spans, trimmed, in order; none is empty.
pub fn split(text: &str, abbreviations: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '.' | '!' | '?' | '…' => {
                // Runs of final punctuation and closers belong to the sentence.
                let mut j = i + c.len_utf8();
                while let Some(n) = char_at(text, j) {
                    if matches!(n, '.' | '!' | '?' | '…') || CLOSERS.contains(&n) {
                        j += n.len_utf8();
                    } else {
                        break;
                    }
                }
                let Some(next) = char_at(text, j) else { continue };
                if !next.is_whitespace() {
                    continue;
                }
                let k = skip_space(text, j);
                let Some(after) = char_at(text, k) else { continue };
                if after.is_lowercase() {
                    continue;
                }
                if c == '.' && j == i + 1 && is_abbreviation(text, i, abbreviations) {
                    continue;
                }
                push(&mut spans, text, start, j);
                start = k;
                while iter.peek().is_some_and(|&(p, _)| p < k) {
                    iter.next();
                }
            }
            '\n' => {
                let k = skip_space(text, i + 1);
                let blank = text.get(i + 1..k).is_some_and(|gap| gap.contains('\n'));
                let item = char_at(text, k).is_some_and(|n| matches!(n, '-' | '•' | '*' | '#' | '–' | '—'))
                    && char_at(text, k + 1).is_some_and(char::is_whitespace);
                if !(blank || item) || k >= bytes.len() {
                    continue;
                }
                let before = text.get(start..i).and_then(|s| s.trim_end().chars().next_back());
                let open =
                    before.is_some_and(|b| !matches!(b, '.' | '!' | '?' | '…' | ':' | ';') && !CLOSERS.contains(&b));
                let lower_next = char_at(text, k).is_some_and(char::is_lowercase);
                if open && lower_next && !item {
                    continue;
                }
                push(&mut spans, text, start, i);
                start = k;
                while iter.peek().is_some_and(|&(p, _)| p < k) {
                    iter.next();
                }
            }
            _ => {}
        }
    }
    push(&mut spans, text, start, text.len());
    spans
}

fn skip_space(text: &str, i: usize) -> usize {
    match text.get(i..) {
        Some(tail) => i + tail.find(|c: char| !c.is_whitespace()).unwrap_or(tail.len()),
        None => i,
    }
}

/// True when the word before the period at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize, abbreviations: &HashSet<String>) -> bool {
    let head = &text[..dot];
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '°' || c == '№')
        .last()
        .map_or(dot, |(p, _)| p);
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true;
    }
    let lower: String = word.chars().map(fold_char).collect();
    abbreviations.contains(&lower) || lower.rsplit('.').next().is_some_and(|last| abbreviations.contains(last))
}

/// Adds the trimmed span `start..end`, cut at spaces into pieces of at most `MAX_SENTENCE` bytes.
fn push(spans: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let Some(s) = text.get(start..end) else { return };
    let lead = s.len() - s.trim_start().len();
    let (mut a, b) = (start + lead, start + s.trim_end().len());
    while a < b {
        let mut cut = b;
        if b - a > MAX_SENTENCE {
            cut = a + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(space) = text[a..cut].rfind(char::is_whitespace)
                && space > MAX_SENTENCE / 2
            {
                cut = a + space;
            }
        }
        let piece = &text[a..cut];
        let trimmed = piece.trim_end();
        if !trimmed.trim_start().is_empty() {
            spans.push((a, a + trimmed.len()));
        }
        a = cut;
        while a < b && char_at(text, a).is_some_and(char::is_whitespace) {
            a += char_at(text, a).map_or(1, char::len_utf8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'a>(text: &'a str, abbr: &[&str]) -> Vec<&'a str> {
        let abbr: HashSet<String> = abbr.iter().map(|s| s.to_string()).collect();
        split(text, &abbr).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn abbreviations_initials_numbers() {
        let t = "Its initiator is Elbasy N. A. Nazarbayev. On June 25, 2019, an Agreement was signed. Dr. Smith paid 3.5 mln. The end";
        assert_eq!(
            sentences(t, &["dr"]),
            vec![
                "Its initiator is Elbasy N. A. Nazarbayev.",
                "On June 25, 2019, an Agreement was signed.",
                "Dr. Smith paid 3.5 mln.",
                "The end"
            ]
        );
        let ru = "В 2019 г. в Париже подписали соглашение. «Это важно», — сказал он. Т. е. всё.";
        assert_eq!(sentences(ru, &["г", "т.е"]).len(), 3, "{:?}", sentences(ru, &["г", "т.е"]));
    }

    #[test]
    fn paragraphs() {
        let t = "On June 25, 2019, an Agreement\n\nwas signed in Paris.\n\nTitle\n\nNext one.\n- item one\n- item two";
        assert_eq!(
            sentences(t, &[]),
            vec![
                "On June 25, 2019, an Agreement\n\nwas signed in Paris.",
                "Title",
                "Next one.",
                "- item one",
                "- item two"
            ]
        );
    }

    #[test]
    fn degenerate() {
        assert!(sentences("", &[]).is_empty());
        assert!(sentences("  \n\n ", &[]).is_empty());
        assert_eq!(sentences("...", &[]), vec!["..."]);
        let long = "слово ".repeat(2_000);
        let spans = split(&long, &HashSet::new());
        assert!(spans.len() > 1);
        assert!(
            spans.iter().all(|&(a, b)| b - a <= MAX_SENTENCE && long.is_char_boundary(a) && long.is_char_boundary(b))
        );
        let no_space = "ж".repeat(5_000);
        let spans = split(&no_space, &HashSet::new());
        assert_eq!(spans.iter().map(|&(a, b)| b - a).sum::<usize>(), no_space.len());
    }
}
