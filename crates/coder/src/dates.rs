//! Dates and quantities in a passage.
//!
//! A date is a run of date words — a day number, a month name in any of its forms, a year
//! (1800–2100), the language's year words (году, жылғы) and joiners (of, le) — separated only by
//! spaces, commas, dots or dashes. That one rule reads "25 June 2019", "June 25, 2019",
//! "le 25 juin 2019", "25 июня 2019 года", "2019 жылғы 25 маусымда" and "в 2018 году". A day
//! counts only next to its month, a month only with a year (its own, or one that follows within
//! a few words: "from October 19 to December 12, 2018"); the date is as precise as the text.

use entente_model::PartialDate;
use entente_model::date::days_in_month;

use crate::lexicon::LangLexicon;
use crate::text::words;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Day(u8),
    Month(u8),
    Year(i32),
    YearWord,
    Joiner,
}

/// A date found in a passage, with its byte span in the passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

fn token(word: &str, lex: &LangLexicon) -> Option<Token> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let (number, rest) = word.split_at(digits);
        let value: u32 = number.parse().ok()?;
        if rest.is_empty() && digits == 4 && (1800..=2100).contains(&value) {
            return Some(Token::Year(i32::try_from(value).ok()?));
        }
        // Ordinal endings: 1st, 2nd, 25th, 1er, 25e.
        if digits <= 2 && (1..=31).contains(&value) && matches!(rest, "" | "st" | "nd" | "rd" | "th" | "er" | "e") {
            return Some(Token::Day(u8::try_from(value).ok()?));
        }
        return None;
    }
    if lex.year_words.contains(word) {
        return Some(Token::YearWord);
    }
    if let Some(m) = lex.month(word) {
        return Some(Token::Month(m));
    }
    if lex.joiners.contains(word) {
        return Some(Token::Joiner);
    }
    None
}

/// The dates of `folded` (a lowercased passage), in order.
pub(crate) fn find_dates(folded: &str, lex: &LangLexicon) -> Vec<FoundDate> {
    // Groups of adjacent date tokens: (start, end, tokens).
    let mut groups: Vec<(usize, usize, Vec<Token>)> = Vec::new();
    let mut last_end: Option<usize> = None;
    for (start, word) in words(folded) {
        let Some(tok) = token(word, lex) else {
            last_end = None;
            continue;
        };
        let end = start + word.len();
        let joined = last_end.is_some_and(|e| {
            folded
                .get(e..start)
                .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '–')))
        });
        match groups.last_mut() {
            Some(g) if joined => {
                g.1 = end;
                g.2.push(tok);
            }
            _ if tok == Token::Joiner => {
                last_end = None;
                continue;
            }
            _ => groups.push((start, end, vec![tok])),
        }
        last_end = Some(end);
    }
    let mut out = Vec::new();
    for (i, (start, end, tokens)) in groups.iter().enumerate() {
        let core: Vec<Token> =
            tokens.iter().copied().filter(|t| !matches!(t, Token::Joiner | Token::YearWord)).collect();
        let mut year = core.iter().find_map(|t| if let Token::Year(y) = t { Some(*y) } else { None });
        let month_at = core.iter().position(|t| matches!(t, Token::Month(_)));
        let month = month_at.and_then(|p| if let Token::Month(m) = core[p] { Some(m) } else { None });
        if year.is_none() && month.is_some() {
            // Borrow the year of a date that follows closely ("October 19 to December 12, 2018").
            year = groups
                .get(i + 1)
                .filter(|g| g.0.saturating_sub(*end) <= 40)
                .and_then(|g| g.2.iter().find_map(|t| if let Token::Year(y) = t { Some(*y) } else { None }));
        }
        let Some(year) = year else { continue };
        let day = month_at.and_then(|p| {
            let before = p.checked_sub(1).and_then(|q| core.get(q));
            let after = core.get(p + 1);
            [before, after].into_iter().flatten().find_map(|t| if let Token::Day(d) = t { Some(*d) } else { None })
        });
        let date = match (month, day) {
            (Some(m), Some(d)) if d <= days_in_month(year, m) => PartialDate { year, month: Some(m), day: Some(d) },
            (Some(m), _) => PartialDate { year, month: Some(m), day: None },
            _ => PartialDate::year(year),
        };
        out.push(FoundDate { start: *start, end: *end, date });
    }
    out
}

/// The year a relative phrase of `folded` ("last year", "в прошлом году", "былтыр") gives
/// against `article_year`.
pub(crate) fn relative_year(folded: &str, lex: &LangLexicon, article_year: i32) -> Option<(usize, usize, i32)> {
    lex.relative_years.iter().find_map(|(phrase, offset)| {
        let mut from = 0;
        while let Some(i) = folded.get(from..).and_then(|t| t.find(phrase.as_str())) {
            let (s, e) = (from + i, from + i + phrase.len());
            if crate::text::starts_word(folded, s) && crate::text::ends_word(folded, e) {
                return Some((s, e, article_year + offset));
            }
            from = e;
        }
        None
    })
}

/// The first counted quantity of `folded`: a number (with thousands separators, decimals, and
/// a multiplier word such as million, млн, мың) followed within two words by a unit of the lexicon.
pub(crate) fn find_quantity(folded: &str, lex: &LangLexicon) -> Option<(f64, String)> {
    let ws: Vec<(usize, &str)> = words(folded).collect();
    let mut i = 0;
    while i < ws.len() {
        let (start, word) = ws[i];
        if !word.bytes().all(|b| b.is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Gather "1 200", "1,200", "2.5" into one number.
        let mut text = word.to_string();
        let mut end = start + word.len();
        let mut j = i + 1;
        while let Some(&(s, w)) = ws.get(j) {
            let gap = folded.get(end..s).unwrap_or("x");
            let group = w.len() == 3
                && w.bytes().all(|b| b.is_ascii_digit())
                && matches!(gap, " " | "," | "\u{a0}" | "\u{202f}");
            let decimal = w.bytes().all(|b| b.is_ascii_digit()) && matches!(gap, "." | ",") && !group;
            if group {
                text.push_str(w);
            } else if decimal {
                text.push('.');
                text.push_str(w);
            } else {
                break;
            }
            end = s + w.len();
            j += 1;
        }
        let Ok(mut value) = text.parse::<f64>() else {
            i = j;
            continue;
        };
        let mut k = j;
        if let Some(&(_, w)) = ws.get(k) {
            let factor = match w {
                "thousand" | "mille" | "тыс" | "тысяч" | "тысячи" | "мың" => 1e3,
                "million" | "millions" | "млн" | "миллион" | "миллиона" | "миллионов" => 1e6,
                _ => 1.0,
            };
            if factor > 1.0 {
                value *= factor;
                k += 1;
            }
        }
        for &(_, w) in ws.iter().skip(k).take(3) {
            // Another number ends the search: "In 2013-14, 513 students" counts 513.
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            if let Some(unit) = lex.quantity_unit(w) {
                return Some((value, unit.to_string()));
            }
        }
        i = j;
    }
    None
}
