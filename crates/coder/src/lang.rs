//! Which of the four languages a text is in, by a rule on scripts and letters.
//!
//! The rule, over the first 20,000 characters: when Cyrillic letters outnumber Latin ones the
//! text is Kazakh if at least 3 % of its Cyrillic letters are letters Russian does not have
//! (ә ғ қ ң ө ұ ү һ і), else Russian — so a Russian article quoting one Kazakh name stays
//! Russian. Otherwise it is French when French function words (le, la, les, des, du, et, est,
//! une, dans, pour, avec, qui, que, sur, au, aux, ce, cette, pas, par) are more frequent than
//! English ones (the, and, of, to, is, was, for, with, that, on, by, are, this, from, it), or as
//! frequent with French accents present; else English.

use serde::{Deserialize, Serialize};

/// A language the coder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
    Ru,
    Kk,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Ru, Lang::Kk];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// The language of an ISO 639-1 code (`en`, `fr`, `ru`, `kk`), ignoring case.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(code.trim()))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const KAZAKH_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "qui", "que", "sur", "au", "aux", "ce",
    "cette", "pas", "par",
];
const ENGLISH_WORDS: &[&str] =
    &["the", "and", "of", "to", "is", "was", "for", "with", "that", "on", "by", "are", "this", "from", "it"];

/// The language of `text` by the rule above; English when the text has no letters.
pub fn detect(text: &str) -> Lang {
    let (mut cyrillic, mut kazakh, mut latin, mut accents) = (0usize, 0usize, 0usize, 0usize);
    let (mut fr_words, mut en_words) = (0usize, 0usize);
    let mut word = String::new();
    for c in text.chars().take(20_000).chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            if ('\u{0400}'..='\u{04FF}').contains(&c) {
                cyrillic += 1;
                if KAZAKH_LETTERS.contains(c) {
                    kazakh += 1;
                }
            } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
                if "éèêàçùûôîïëœâÉÈÊÀÇ".contains(c) {
                    accents += 1;
                }
            }
            if word.len() < 8 {
                word.extend(c.to_lowercase());
            }
        } else if !word.is_empty() {
            if FRENCH_WORDS.contains(&word.as_str()) {
                fr_words += 1;
            } else if ENGLISH_WORDS.contains(&word.as_str()) {
                en_words += 1;
            }
            word.clear();
        }
    }
    if cyrillic > latin {
        // 3 % written as a ratio of integers; Kazakh prose runs at 8–12 %.
        if kazakh * 100 >= cyrillic * 3 && kazakh > 0 { Lang::Kk } else { Lang::Ru }
    } else if fr_words > en_words || (fr_words == en_words && fr_words > 0 && accents > 0) {
        Lang::Fr
    } else if en_words == 0 && fr_words == 0 && accents * 50 > latin {
        // Short text without function words: accents point to French.
        Lang::Fr
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule() {
        assert_eq!(detect("Қазақстан мен Франция арасындағы мәдени ынтымақтастық"), Lang::Kk);
        assert_eq!(detect("Казахстан и Франция подписали соглашение о сотрудничестве"), Lang::Ru);
        assert_eq!(detect("Le Kazakhstan et la France ont signé un accord culturel."), Lang::Fr);
        assert_eq!(detect("Kazakhstan and France signed a cultural agreement."), Lang::En);
        assert_eq!(detect(""), Lang::En);
        assert_eq!(detect("12345 !!!"), Lang::En);
        // A Russian text quoting a Kazakh name stays Russian.
        let ru = "В Астане прошла выставка, посвящённая культуре Франции, в центре «Қазақ елі» было много гостей \
                  из разных городов страны, и организаторы рассказали о планах на будущее сотрудничество.";
        assert_eq!(detect(ru), Lang::Ru);
        assert_eq!(Lang::from_code("KK"), Some(Lang::Kk));
    }
}
