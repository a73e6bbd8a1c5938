//! The lexicons compiled in from `data/coder/`: one automaton for the names that stand for
//! countries (all four languages together, since articles quote names in other languages),
//! and per language one automaton for event triggers, domain cues and status cues, plus the
//! words dates and quantities are read with.
//!
//! Both automata are Aho-Corasick, leftmost-longest, over the lowercased text (`text::fold`),
//! built once on first use. A pattern's hit is kept only where its mode allows it: whole word
//! (`Exact`), word start (`Prefix`), or word start and the same Snowball stem (`Stem`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use entente_model::country::CountryTable;
use entente_model::ontology::{Domain, EventKind, Status};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use crate::lang::Lang;
use crate::morph::{Morphology, is_acronym};
use crate::text::{ends_word, fold, starts_word, word_end};

const COUNTRIES: &str = include_str!("../../../data/coder/countries.toml");
const EN: &str = include_str!("../../../data/coder/en.toml");
const FR: &str = include_str!("../../../data/coder/fr.toml");
const RU: &str = include_str!("../../../data/coder/ru.toml");
const KK: &str = include_str!("../../../data/coder/kk.toml");

// ---------------------------------------------------------------- file formats

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    stop: StopList,
    country: Vec<CountryNames>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StopList {
    forms: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct CountryNames {
    code: String,
    en: Vec<String>,
    en_adj: Vec<String>,
    fr: Vec<String>,
    fr_adj: Vec<String>,
    ru: Vec<String>,
    ru_adj: Vec<String>,
    ru_exact: Vec<String>,
    kk: Vec<String>,
    places: Vec<String>,
    institutions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    lang: String,
    abbreviations: Vec<String>,
    reference_headings: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    kinds: BTreeMap<String, KindEntry>,
    domains: BTreeMap<String, Vec<String>>,
    status: BTreeMap<String, Vec<String>>,
    dates: DateWords,
    quantities: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindEntry {
    weight: u8,
    #[serde(default)]
    needs_domain: bool,
    #[serde(default)]
    domains: Vec<String>,
    triggers: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default)]
    by_domain: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateWords {
    months: Vec<Vec<String>>,
    joiners: Vec<String>,
    year_words: Vec<String>,
    last_year: Vec<String>,
    this_year: Vec<String>,
    next_year: Vec<String>,
}

// ---------------------------------------------------------------- compiled forms

/// How a pattern's hit must sit in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A whole word or phrase.
    Exact,
    /// At the start of a word, any ending.
    Prefix,
    /// At the start of a word whose Snowball stem is this.
    Stem(Box<str>),
    /// A whole word written exactly so, capitals included (acronyms).
    Cased(Box<str>),
}

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Role {
    Name,
    Adjective,
    Place,
    Institution,
}

/// What a hit means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum What {
    Country {
        country: u16,
        role: Role,
    },
    Trigger {
        kind: EventKind,
        weight: u8,
        needs_domain: bool,
        needs_object: bool,
        /// A `?` trigger: a country named right beside it ("Year of Russia", "Өзбекстан жылы")
        /// stands in for the cultural cue.
        beside_country: bool,
        /// A `^` trigger: only a country named right beside it makes it one ("Қазақстан жылы",
        /// where the word alone is any year).
        only_beside: bool,
    },
    /// A word one of the kind's triggers must be near (the institution that opens).
    Object(EventKind),
    /// A cultural cue; `None` for a cue with no field of its own ("culture").
    Domain(Option<Domain>),
    Status(Status),
    /// A phrase in which triggers mean nothing ("in concert with").
    Ignore,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub what: What,
}

/// An automaton and, per pattern, what its hits mean and how they must sit.
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    /// Every pattern at every place (cues inside triggers count), or only the longest.
    overlapping: bool,
    acts: Vec<Vec<(What, Mode)>>,
    stemmer: Option<Stemmer>,
}

/// A word list entry for dates and quantities.
#[derive(Debug, Clone)]
pub(crate) struct WordPattern {
    pub text: String,
    pub mode: Mode,
}

/// What one language's lexicon gives the coder besides its automaton.
pub(crate) struct LangLexicon {
    pub matcher: Matcher,
    pub abbreviations: HashSet<String>,
    pub reference_headings: HashSet<String>,
    pub default_domains: HashMap<EventKind, Vec<Domain>>,
    /// A kind that becomes another when its sentence has a cue of a domain (festival + film → screening).
    pub by_domain: HashMap<EventKind, Vec<(Domain, EventKind)>>,
    pub months: Vec<(u8, WordPattern)>,
    pub joiners: HashSet<String>,
    pub year_words: HashSet<String>,
    /// Phrases for a year relative to the article's, with the offset.
    pub relative_years: Vec<(String, i32)>,
    pub quantities: Vec<(String, WordPattern)>,
    stemmer: Option<Stemmer>,
}

/// The names of all countries in all languages, and their ISO alpha-3 codes.
pub(crate) struct Gazetteer {
    pub matcher: Matcher,
    pub codes: Vec<String>,
}

// ---------------------------------------------------------------- building

/// Patterns gathered before the automaton is built: the same text may mean several things.
#[derive(Default)]
struct Builder {
    patterns: Vec<String>,
    acts: Vec<Vec<(What, Mode)>>,
    index: HashMap<String, usize>,
}

impl Builder {
    fn add(&mut self, pattern: String, what: What, mode: Mode) {
        if pattern.trim().is_empty() {
            return;
        }
        let i = *self.index.entry(pattern.clone()).or_insert_with(|| {
            self.patterns.push(pattern);
            self.acts.push(Vec::new());
            self.acts.len() - 1
        });
        let acts = &mut self.acts[i];
        // The first country given a name keeps it: countries.toml is read before the table.
        if matches!(what, What::Country { .. }) && acts.iter().any(|(w, _)| matches!(w, What::Country { .. })) {
            return;
        }
        if !acts.iter().any(|(w, m)| *w == what && *m == mode) {
            acts.push((what, mode));
        }
    }

    fn build(self, stemmer: Option<Stemmer>, overlapping: bool) -> Result<Matcher, String> {
        let kind = if overlapping { MatchKind::Standard } else { MatchKind::LeftmostLongest };
        let automaton = AhoCorasickBuilder::new()
            .match_kind(kind)
            .build(&self.patterns)
            .map_err(|e| format!("building the automaton: {e}"))?;
        Ok(Matcher { automaton, overlapping, acts: self.acts, stemmer })
    }
}

/// Reads a lexicon entry: `word*`, `=word`, `word`, `a phrase`; returns the folded pattern and its mode.
fn entry(raw: &str, stemmer: Option<&Stemmer>) -> (String, Mode) {
    let raw = raw.trim();
    if let Some(prefix) = raw.strip_suffix('*') {
        return (fold(prefix.trim_start_matches('=')), Mode::Prefix);
    }
    if let Some(word) = raw.strip_prefix('=') {
        return (fold(word), Mode::Exact);
    }
    let word = fold(raw);
    match stemmer {
        Some(stemmer) if !word.contains(' ') => {
            let stem = stemmer.stem(&word).into_owned();
            // The automaton looks for the part the stem shares with the word ("countri" / "country").
            let shared = word.char_indices().zip(stem.chars()).take_while(|((_, a), b)| a == b).last();
            let shared_len = shared.map_or(0, |((i, a), _)| i + a.len_utf8());
            if shared_len < 3 {
                return (word, Mode::Exact);
            }
            (word[..shared_len].to_string(), Mode::Stem(stem.into()))
        }
        _ => (word, Mode::Exact),
    }
}

fn stemmer(lang: Lang) -> Option<Stemmer> {
    match lang {
        Lang::En => Some(Stemmer::create(Algorithm::English)),
        Lang::Fr => Some(Stemmer::create(Algorithm::French)),
        Lang::Ru => Some(Stemmer::create(Algorithm::Russian)),
        Lang::Kk => None,
    }
}

fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn build_gazetteer() -> Result<Gazetteer, String> {
    let file: CountriesFile = toml::from_str(COUNTRIES).map_err(|e| format!("data/coder/countries.toml: {e}"))?;
    let morph = Morphology::bundled()?;
    let stop: HashSet<String> = file.stop.forms.iter().map(|s| fold(s)).collect();
    let table = CountryTable::bundled();
    let mut codes: Vec<String> = Vec::new();
    let mut code_index: HashMap<String, u16> = HashMap::new();
    let mut builder = Builder::default();
    let mut code_of = |alpha3: &str, codes: &mut Vec<String>| -> u16 {
        *code_index.entry(alpha3.to_string()).or_insert_with(|| {
            codes.push(alpha3.to_string());
            u16::try_from(codes.len() - 1).unwrap_or(u16::MAX)
        })
    };
    let add = |builder: &mut Builder, form: String, country: u16, role: Role| {
        let folded = fold(&form);
        if stop.contains(&folded) || folded.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        let what = What::Country { country, role };
        if is_acronym(&form) {
            builder.add(folded, what, Mode::Cased(form.into()));
        } else {
            builder.add(folded, what, Mode::Exact);
        }
    };
    // Russian and Kazakh names get their inflected forms; others are matched as written.
    let forms = |name: &str, role: Role| -> Vec<String> {
        if !is_cyrillic(name) {
            return vec![name.to_string()];
        }
        let kazakh = name.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c));
        let mut out = morph.kazakh_noun(name);
        if !kazakh && role != Role::Institution {
            out.extend(morph.russian_noun(name));
        }
        if is_acronym(name) {
            out.push(name.to_string());
        }
        out
    };
    for c in &file.country {
        if table.by_alpha3(&c.code).is_none() {
            return Err(format!("data/coder/countries.toml: unknown country code {}", c.code));
        }
        let id = code_of(&c.code, &mut codes);
        for n in c.en.iter().chain(&c.fr) {
            add(&mut builder, n.clone(), id, Role::Name);
        }
        for n in c.en_adj.iter().chain(&c.fr_adj).chain(&c.ru_exact) {
            add(&mut builder, n.clone(), id, Role::Adjective);
        }
        for n in &c.ru {
            for f in morph.russian_noun(n) {
                add(&mut builder, f, id, Role::Name);
            }
            if is_acronym(n) {
                add(&mut builder, n.clone(), id, Role::Name);
            }
        }
        for stem in &c.ru_adj {
            for f in morph.russian_adjective(stem) {
                add(&mut builder, f, id, Role::Adjective);
            }
        }
        for n in &c.kk {
            for f in morph.kazakh_noun(n) {
                add(&mut builder, f, id, Role::Name);
            }
        }
        for n in &c.places {
            for f in forms(n, Role::Place) {
                add(&mut builder, f, id, Role::Place);
            }
        }
        for n in &c.institutions {
            add(&mut builder, n.clone(), id, Role::Institution);
        }
    }
    for country in table.all() {
        let id = code_of(&country.alpha3, &mut codes);
        for (lang, name) in country
            .name
            .iter()
            .map(|(l, n)| (l.to_string(), n.to_string()))
            .chain(country.aliases.iter().map(|a| ("en".to_string(), a.clone())))
        {
            if name.contains(',') || name.contains('(') || !matches!(lang.as_str(), "en" | "fr" | "ru" | "kk") {
                continue;
            }
            let generated = match lang.as_str() {
                "ru" => morph.russian_noun(&name),
                "kk" => morph.kazakh_noun(&name),
                _ => vec![name.clone()],
            };
            for f in generated {
                add(&mut builder, f, id, Role::Name);
            }
        }
    }
    // Names take the longest: "Papua New Guinea" is not Guinea.
    Ok(Gazetteer { matcher: builder.build(None, false)?, codes })
}

fn build_lang(lang: Lang) -> Result<LangLexicon, String> {
    let (source, name) = match lang {
        Lang::En => (EN, "en.toml"),
        Lang::Fr => (FR, "fr.toml"),
        Lang::Ru => (RU, "ru.toml"),
        Lang::Kk => (KK, "kk.toml"),
    };
    let file: LangFile = toml::from_str(source).map_err(|e| format!("data/coder/{name}: {e}"))?;
    if file.lang != lang.as_str() {
        return Err(format!("data/coder/{name}: lang = {:?}, expected {lang}", file.lang));
    }
    let stem = stemmer(lang);
    let mut builder = Builder::default();
    let mut default_domains = HashMap::new();
    let mut by_domain = HashMap::new();
    for (kind_name, k) in &file.kinds {
        let kind: EventKind = kind_name.parse().map_err(|e| format!("data/coder/{name}: {e}"))?;
        let mut domains = Vec::new();
        for d in &k.domains {
            domains.push(d.parse::<Domain>().map_err(|e| format!("data/coder/{name}: {e}"))?);
        }
        default_domains.insert(kind, domains);
        for (d, k2) in &k.by_domain {
            let d: Domain = d.parse().map_err(|e| format!("data/coder/{name}: {e}"))?;
            let k2: EventKind = k2.parse().map_err(|e| format!("data/coder/{name}: {e}"))?;
            by_domain.entry(kind).or_insert_with(Vec::new).push((d, k2));
        }
        for t in &k.triggers {
            let objects = !k.objects.is_empty();
            let (needs_domain, needs_object, beside_country, only_beside, t) =
                match (t.strip_prefix('?'), t.strip_prefix('!'), t.strip_prefix('^')) {
                    (Some(rest), _, _) => (true, objects, true, false, rest),
                    (_, Some(rest), _) => (false, false, false, false, rest),
                    (_, _, Some(rest)) => (false, false, true, true, rest),
                    _ => (k.needs_domain, objects, false, false, t.as_str()),
                };
            let (pattern, mode) = entry(t, stem.as_ref());
            let what =
                What::Trigger { kind, weight: k.weight, needs_domain, needs_object, beside_country, only_beside };
            builder.add(pattern, what, mode);
        }
        for o in &k.objects {
            let (pattern, mode) = entry(o, stem.as_ref());
            builder.add(pattern, What::Object(kind), mode);
        }
    }
    for phrase in &file.ignore {
        // Written as they are (`a phrase*` allows endings); never stemmed.
        let (pattern, mode) = entry(phrase, None);
        builder.add(pattern, What::Ignore, mode);
    }
    for (domain_name, cues) in &file.domains {
        let domain = match domain_name.as_str() {
            "culture" => None,
            d => Some(d.parse::<Domain>().map_err(|e| format!("data/coder/{name}: {e}"))?),
        };
        for cue in cues {
            let (pattern, mode) = entry(cue, stem.as_ref());
            builder.add(pattern, What::Domain(domain), mode);
        }
    }
    for (status_name, cues) in &file.status {
        let status: Status = status_name.parse().map_err(|e| format!("data/coder/{name}: {e}"))?;
        for cue in cues {
            let (pattern, mode) = entry(cue, stem.as_ref());
            builder.add(pattern, What::Status(status), mode);
        }
    }
    if file.dates.months.len() != 12 {
        return Err(format!("data/coder/{name}: dates.months has {} months, expected 12", file.dates.months.len()));
    }
    let mut months = Vec::new();
    for (m, forms) in file.dates.months.iter().enumerate() {
        for f in forms {
            let (text, mode) = entry(f, None);
            months.push((u8::try_from(m + 1).unwrap_or(12), WordPattern { text, mode }));
        }
    }
    let relative_years = [(&file.dates.last_year, -1), (&file.dates.this_year, 0), (&file.dates.next_year, 1)]
        .into_iter()
        .flat_map(|(phrases, offset)| phrases.iter().map(move |p| (fold(p), offset)))
        .collect();
    let quantities = file
        .quantities
        .iter()
        .flat_map(|(unit, words)| {
            let stem = stem.as_ref();
            words.iter().map(move |w| {
                let (text, mode) = entry(w, stem);
                (unit.clone(), WordPattern { text, mode })
            })
        })
        .collect();
    Ok(LangLexicon {
        matcher: builder.build(stemmer(lang), true)?,
        abbreviations: file.abbreviations.iter().map(|a| fold(a)).collect(),
        reference_headings: file.reference_headings.iter().map(|h| fold(h)).collect(),
        default_domains,
        by_domain,
        months,
        joiners: file.dates.joiners.iter().map(|j| fold(j)).collect(),
        year_words: file.dates.year_words.iter().map(|y| fold(y)).collect(),
        relative_years,
        quantities,
        stemmer: stem,
    })
}

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| build_gazetteer().expect("the country lexicon compiled into entente-coder is valid (tested)"));
static LEXICONS: LazyLock<[LangLexicon; 4]> = LazyLock::new(|| {
    Lang::ALL.map(|l| build_lang(l).expect("the language lexicons compiled into entente-coder are valid (tested)"))
});

pub(crate) fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

pub(crate) fn lexicon(lang: Lang) -> &'static LangLexicon {
    &LEXICONS[lang as usize]
}

/// Builds every lexicon, returning the first error (for tests and `entente code --check`).
pub fn check_lexicons() -> Result<(), String> {
    build_gazetteer()?;
    for l in Lang::ALL {
        build_lang(l)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- matching

impl Matcher {
    /// The hits in `folded` (the lowercased `text`), in order.
    pub(crate) fn find(&self, text: &str, folded: &str, out: &mut Vec<Hit>) {
        if self.overlapping {
            for m in self.automaton.find_overlapping_iter(folded) {
                self.keep(text, folded, m, out);
            }
        } else {
            for m in self.automaton.find_iter(folded) {
                self.keep(text, folded, m, out);
            }
        }
    }

    /// Adds the hits of one automaton match that sit where their modes allow.
    fn keep(&self, text: &str, folded: &str, m: aho_corasick::Match, out: &mut Vec<Hit>) {
        {
            let (start, end) = (m.start(), m.end());
            if !starts_word(folded, start) {
                return;
            }
            for (what, mode) in &self.acts[m.pattern().as_usize()] {
                let end = match mode {
                    Mode::Exact => ends_word(folded, end).then_some(end),
                    Mode::Cased(original) => {
                        (ends_word(folded, end) && text.get(start..end) == Some(&**original)).then_some(end)
                    }
                    Mode::Prefix => Some(word_end(folded, end)),
                    Mode::Stem(stem) => {
                        let word_end = word_end(folded, end);
                        let same = self.stemmer.as_ref().is_some_and(|s| s.stem(&folded[start..word_end]) == **stem);
                        same.then_some(word_end)
                    }
                };
                if let Some(end) = end {
                    out.push(Hit { start, end, what: *what });
                }
            }
        }
    }
}

impl LangLexicon {
    /// True when `word` (folded) fits `pattern`.
    pub(crate) fn word_fits(&self, word: &str, pattern: &WordPattern) -> bool {
        match &pattern.mode {
            Mode::Exact | Mode::Cased(_) => word == pattern.text,
            Mode::Prefix => word.starts_with(pattern.text.as_str()),
            Mode::Stem(stem) => {
                word.starts_with(pattern.text.as_str()) && self.stemmer.as_ref().is_some_and(|s| s.stem(word) == **stem)
            }
        }
    }

    pub(crate) fn month(&self, word: &str) -> Option<u8> {
        self.months.iter().find(|(_, p)| self.word_fits(word, p)).map(|(m, _)| *m)
    }

    /// Where the bibliography of `folded` starts: the first line that is only a reference
    /// heading (Markdown marks and a colon allowed), or the end of the text.
    pub(crate) fn body_end(&self, folded: &str) -> usize {
        let mut at = 0;
        for line in folded.split_inclusive('\n') {
            let bare =
                line.trim().trim_start_matches('#').trim_matches(|c: char| c == '*' || c == ':' || c.is_whitespace());
            if !bare.is_empty() && bare.len() < 60 && self.reference_headings.contains(bare) {
                return at;
            }
            at += line.len();
        }
        folded.len()
    }

    pub(crate) fn quantity_unit(&self, word: &str) -> Option<&str> {
        self.quantities.iter().find(|(_, p)| self.word_fits(word, p)).map(|(u, _)| u.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_compile() {
        check_lexicons().expect("lexicons");
        assert!(gazetteer().codes.len() >= 249);
    }

    #[test]
    fn stems() {
        let en = stemmer(Lang::En);
        assert_eq!(entry("country", en.as_ref()), ("countr".to_string(), Mode::Stem("countri".into())));
        assert_eq!(entry("cancel*", en.as_ref()), ("cancel".to_string(), Mode::Prefix));
        assert_eq!(entry("=art", en.as_ref()), ("art".to_string(), Mode::Exact));
        assert_eq!(entry("round table", en.as_ref()), ("round table".to_string(), Mode::Exact));
    }
}
