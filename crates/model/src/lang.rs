//! Multilingual text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The four interface and data languages entente reads and writes first.
pub const LANGS: [&str; 4] = ["en", "fr", "ru", "kk"];

/// True when `code` looks like an ISO 639-1 code (two lowercase ASCII letters).
pub fn is_lang_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// One text in several languages, keyed by ISO 639-1 code (`en`, `fr`, `ru`, `kk`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<String, String>);

impl LangText {
    /// A text known in one language.
    pub fn one(lang: &str, text: &str) -> Self {
        let mut map = BTreeMap::new();
        map.insert(lang.to_string(), text.to_string());
        LangText(map)
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|v| v.trim().is_empty())
    }

    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// The text in `lang`, else English, else the first language known, else "".
    pub fn best(&self, lang: &str) -> &str {
        self.get(lang).or_else(|| self.get("en")).or_else(|| self.0.values().next().map(String::as_str)).unwrap_or("")
    }

    /// Every (language, text) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_falls_back_to_english_then_first() {
        let mut t = LangText::one("ru", "Франция");
        assert_eq!(t.best("kk"), "Франция");
        t.0.insert("en".into(), "France".into());
        assert_eq!(t.best("kk"), "France");
        assert_eq!(t.best("ru"), "Франция");
        assert_eq!(LangText::default().best("en"), "");
    }
}
