//! Inflected forms of names, generated from stems by the rules of `data/coder/morphology.toml`:
//! Russian noun declension and adjective endings, Kazakh case suffixes by vowel harmony.

use serde::Deserialize;

use crate::text::fold;

const MORPHOLOGY: &str = include_str!("../../../data/coder/morphology.toml");

#[derive(Debug, Deserialize)]
pub(crate) struct Morphology {
    ru: Russian,
    kk: Kazakh,
}

#[derive(Debug, Deserialize)]
struct Russian {
    adjective: Vec<String>,
    noun: Vec<RussianNoun>,
}

#[derive(Debug, Deserialize)]
struct RussianNoun {
    ending: String,
    forms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Kazakh {
    back: String,
    front: String,
    vowels: String,
    suffix: Vec<KazakhSuffix>,
}

#[derive(Debug, Deserialize)]
struct KazakhSuffix {
    #[allow(dead_code)]
    case: String,
    rules: Vec<KazakhRule>,
}

#[derive(Debug, Deserialize)]
struct KazakhRule {
    after: String,
    back: String,
    front: String,
}

impl Morphology {
    /// The rules compiled into the crate.
    pub(crate) fn bundled() -> Result<Morphology, String> {
        toml::from_str(MORPHOLOGY).map_err(|e| format!("data/coder/morphology.toml: {e}"))
    }

    /// The forms of a Russian noun or name (its last word declined), folded to lowercase.
    pub(crate) fn russian_noun(&self, name: &str) -> Vec<String> {
        let name = fold(name);
        let (head, last) = match name.rfind(' ') {
            Some(i) => name.split_at(i + 1),
            None => ("", name.as_str()),
        };
        let class =
            self.ru.noun.iter().filter(|c| last.ends_with(c.ending.as_str())).max_by_key(|c| c.ending.chars().count());
        let Some(class) = class else { return vec![name.clone()] };
        let stem = &last[..last.len() - class.ending.len()];
        // A consonant class only fits a word that ends in a consonant.
        if class.ending.is_empty() && last.chars().next_back().is_some_and(|c| "аеёиоуыэюяьй".contains(c)) {
            return vec![name.clone()];
        }
        let mut out: Vec<String> = class.forms.iter().map(|f| format!("{head}{stem}{f}")).collect();
        if !out.contains(&name) {
            out.push(name.clone());
        }
        out
    }

    /// The forms of a Russian adjective given as a stem (`французск`).
    pub(crate) fn russian_adjective(&self, stem: &str) -> Vec<String> {
        let stem = fold(stem);
        self.ru.adjective.iter().map(|e| format!("{stem}{e}")).collect()
    }

    /// The case forms of a Kazakh noun or name, folded to lowercase; an acronym (`АҚШ`) takes
    /// its suffixes after a hyphen and keeps its capitals.
    pub(crate) fn kazakh_noun(&self, name: &str) -> Vec<String> {
        let acronym = is_acronym(name);
        let base = if acronym { name.to_string() } else { fold(name) };
        let lower = fold(name);
        let Some(last) = lower.chars().next_back() else { return Vec::new() };
        let back = lower
            .chars()
            .rev()
            .find_map(|c| {
                if self.kk.back.contains(c) {
                    Some(true)
                } else if self.kk.front.contains(c) {
                    Some(false)
                } else {
                    None
                }
            })
            .unwrap_or(true);
        let vowel = self.kk.vowels.contains(last);
        let mut out = Vec::new();
        for suffix in &self.kk.suffix {
            let rule = suffix.rules.iter().find(|r| {
                r.after.split_whitespace().any(|token| match token {
                    "*" => true,
                    "vowel" => vowel,
                    letters => letters.contains(last),
                })
            });
            if let Some(rule) = rule {
                let ending = if back { &rule.back } else { &rule.front };
                let form =
                    if acronym && !ending.is_empty() { format!("{base}-{ending}") } else { format!("{base}{ending}") };
                if !out.contains(&form) {
                    out.push(form);
                }
            }
        }
        out
    }
}

/// True for a name written in capitals only (USA, США, АҚШ, U.S.): matched case-sensitively.
pub(crate) fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (1..=5).contains(&letters) && !name.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Morphology {
        Morphology::bundled().expect("morphology.toml parses")
    }

    #[test]
    fn russian() {
        let f = m().russian_noun("Франция");
        for form in ["франция", "франции", "францию", "францией"] {
            assert!(f.contains(&form.to_string()), "{form} in {f:?}");
        }
        let k = m().russian_noun("Казахстан");
        for form in ["казахстан", "казахстана", "казахстане", "казахстаном", "казахстану"]
        {
            assert!(k.contains(&form.to_string()), "{form} in {k:?}");
        }
        assert!(m().russian_noun("Китай").contains(&"китае".to_string()));
        assert!(m().russian_noun("Америка").contains(&"америки".to_string()));
        assert!(m().russian_adjective("французск").contains(&"французского".to_string()));
        assert_eq!(m().russian_noun("Перу"), vec!["перу"]);
    }

    #[test]
    fn kazakh_harmony_and_assimilation() {
        let k = m().kazakh_noun("Қазақстан");
        for form in [
            "қазақстан",
            "қазақстанның",
            "қазақстанға",
            "қазақстанды",
            "қазақстанда",
            "қазақстаннан",
            "қазақстандағы",
            "қазақстанмен",
            "қазақстандық",
        ] {
            assert!(k.contains(&form.to_string()), "{form} in {k:?}");
        }
        let f = m().kazakh_noun("Франция");
        for form in ["францияның", "францияға", "францияны", "францияда", "франциядан", "франциямен"]
        {
            assert!(f.contains(&form.to_string()), "{form} in {f:?}");
        }
        // Front vowels: Ресей, Мәскеу, Париж.
        let r = m().kazakh_noun("Ресей");
        for form in ["ресейдің", "ресейге", "ресейде", "ресейден", "ресейлік"] {
            assert!(r.contains(&form.to_string()), "{form} in {r:?}");
        }
        assert!(m().kazakh_noun("Мәскеу").contains(&"мәскеудің".to_string()));
        assert!(m().kazakh_noun("француз").contains(&"француздар".to_string()));
        assert!(m().kazakh_noun("қазақ").contains(&"қазақтар".to_string()));
        assert!(m().kazakh_noun("Париж").contains(&"парижде".to_string()));
        // Voiceless final consonant: -тың, -қа, -та, -тан.
        let t = m().kazakh_noun("Тәжікстан");
        assert!(t.contains(&"тәжікстанның".to_string()));
        let a = m().kazakh_noun("АҚШ");
        for form in ["АҚШ", "АҚШ-тың", "АҚШ-қа", "АҚШ-та", "АҚШ-тан"] {
            assert!(a.contains(&form.to_string()), "{form} in {a:?}");
        }
    }
}
