//! Fuzz target for the text coder, as property tests (proptest runs on stable Rust;
//! `cargo fuzz` needs nightly): arbitrary strings, and random mixes of Latin, Cyrillic and
//! Kazakh letters, digits, punctuation, country names in four languages and trigger words,
//! coded in every language. Never a panic; every event's `start..end` slices the text on
//! character boundaries and equals its evidence; confidence lies in 0..=1.
//!
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default small, for CI); `bench/fuzz/run.sh`
//! runs them long in release mode. proptest writes no regression files
//! (`failure_persistence: None`): a failure found stays here as a plain `#[test]`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use entente_coder::{CODER_VERSION, CodedEvent, Doc, Lang, Options, code, country_mentions, dedup, sentences};
use entente_model::PartialDate;
use proptest::prelude::*;

/// Cases per target: `ENTENTE_FUZZ_CASES`, or `default` (small, so CI stays fast).
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("ENTENTE_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Country names, adjectives, capitals and institutions in English, French, Russian and Kazakh.
const COUNTRIES: &[&str] = &[
    "France",
    "French",
    "Kazakhstan",
    "Kazakh",
    "Russia",
    "Germany",
    "China",
    "Chinese",
    "United States",
    "USA",
    "UK",
    "Paris",
    "Astana",
    "Almaty",
    "Alliance Française",
    "Sorbonne",
    "Nazarbayev University",
    "Tokayev",
    "la France",
    "française",
    "kazakhstanais",
    "Russie",
    "Allemagne",
    "Франция",
    "Франции",
    "Францию",
    "французский",
    "французского",
    "Казахстан",
    "Казахстана",
    "казахстанских",
    "Россия",
    "России",
    "российско-казахстанский",
    "США",
    "Париж",
    "Париже",
    "Астана",
    "Қазақстан",
    "Қазақстанның",
    "Қазақстанға",
    "Франциямен",
    "Францияның",
    "Ресей",
    "АҚШ",
    "Нұр-Сұлтан",
    "Алматы",
    "Ақорда",
];

/// Words that make an event's kind, its domain, status or date, in the four languages.
const TRIGGERS: &[&str] = &[
    "signed an agreement",
    "memorandum",
    "cultural cooperation",
    "exhibition",
    "festival",
    "concert",
    "opened",
    "launched",
    "scholarship",
    "students",
    "conference",
    "visit",
    "film week",
    "Year of",
    "cancelled",
    "will hold",
    "accord culturel",
    "a signé",
    "exposition",
    "saison croisée",
    "étudiants",
    "visite",
    "подписали соглашение",
    "выставка",
    "фестиваль",
    "концерт",
    "открыли",
    "студентов",
    "конференция",
    "визит",
    "дни культуры",
    "отменен",
    "келісімге қол қойды",
    "көрме",
    "фестивалі",
    "концерті",
    "ашылды",
    "студенттер",
    "мәдениет күндері",
    "сапар",
    "мәдени",
    "білім",
    "өнер",
    "in concert with",
    "according to",
    "References",
    "Список литературы",
];

/// Dates, numbers and counts as texts write them.
const NUMBERS: &[&str] = &[
    "25 June 2019",
    "June 2019",
    "2019",
    "last year",
    "next month",
    "in 1999",
    "le 3 mars 2018",
    "25 июня 2019 года",
    "в 2018 г.",
    "2019 жылғы 25 маусымда",
    "2019 жылы",
    "12.03.2019",
    "31.02.2019",
    "0 May 2019",
    "99999999999999999999",
    "513",
    "1,000",
    "1 000 000",
    "1.5 million",
    "2013/14",
    "XX century",
];

const PUNCTUATION: &[&str] = &[
    ". ", "! ", "? ", "… ", "\n", "\n\n", "«", "»", "—", " - ", ", ", "; ", ": ", "(", ")", "\"", "'", "’", "Mr. ",
    "Dr. ", "г. ", "т.б. ", "e.g. ", "U.S. ", "\u{301}", "\u{200b}", "\u{feff}", "\r\n", "\t", "#", "- ",
];

/// A piece of text: a known word or a random run of one script.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(COUNTRIES).prop_map(str::to_string),
        3 => prop::sample::select(TRIGGERS).prop_map(str::to_string),
        1 => prop::sample::select(NUMBERS).prop_map(str::to_string),
        3 => prop::sample::select(PUNCTUATION).prop_map(str::to_string),
        1 => "[a-zA-Z]{1,10}",
        1 => "[а-яА-ЯёЁ]{1,10}",
        1 => "[әғқңөұүһіӘҒҚҢӨҰҮҺІа-я]{1,8}",
        1 => "[0-9]{1,6}",
        1 => "\\PC{0,6}",
    ]
}

/// A text of pieces, most of them joined by a space.
fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::bool::weighted(0.8)), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn lang() -> impl Strategy<Value = Option<Lang>> {
    prop::option::of(prop::sample::select(Lang::ALL.to_vec()))
}

fn doc_date() -> impl Strategy<Value = Option<PartialDate>> {
    let year = prop_oneof![1i32..=9999, 1990i32..=2030];
    prop::option::of((year, prop::option::of((1u8..=12, prop::option::of(1u8..=28))))).prop_map(|d| {
        d.map(|(year, md)| match md {
            None => PartialDate::year(year),
            Some((m, day)) => PartialDate { year, month: Some(m), day },
        })
    })
}

fn options() -> impl Strategy<Value = Options> {
    (lang(), 0usize..4, prop_oneof![Just(0.0f32), 0.0f32..=1.0]).prop_map(|(lang, window, min_confidence)| Options {
        lang,
        window,
        min_confidence,
    })
}

/// What every coded event promises of its document.
fn check_event(doc: &Doc, opts: &Options, e: &CodedEvent) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    prop_assert!(e.start <= e.end && e.end <= text.len(), "{}..{} of {}", e.start, e.end, text.len());
    prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "{}..{}", e.start, e.end);
    prop_assert_eq!(&text[e.start..e.end], e.evidence.as_str());
    prop_assert!(e.confidence.is_finite() && (0.0..=1.0).contains(&e.confidence), "confidence {}", e.confidence);
    prop_assert!(e.confidence >= opts.min_confidence);
    prop_assert_eq!(e.doc.as_str(), doc.id.as_str());
    prop_assert_eq!(e.coder_version.as_str(), CODER_VERSION);
    prop_assert!(e.reports >= 1);
    prop_assert!(!e.trigger.is_empty());
    for c in &e.countries {
        prop_assert!(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()), "country {:?}", c);
    }
    prop_assert!(e.countries[0] < e.countries[1], "countries {:?} not two, sorted", e.countries);
    if let Some(d) = &e.date {
        let parsed: Result<PartialDate, _> = d.parse();
        prop_assert!(parsed.is_ok(), "date {:?} is not ISO 8601: {:?}", d, parsed);
        prop_assert_eq!(parsed.unwrap().to_string(), d.clone());
    }
    if let Some((value, unit)) = &e.quantity {
        prop_assert!(value.is_finite(), "quantity {}", value);
        prop_assert!(!unit.is_empty());
    }
    for m in &e.mentions {
        prop_assert!(text.get(m.start..m.end) == Some(m.text.as_str()), "mention {:?}", m);
        prop_assert!(e.countries.contains(&m.country), "mention {:?} of neither country", m);
    }
    let c = e.candidate(doc);
    prop_assert_eq!(c.date.is_some(), e.date.is_some());
    prop_assert!((0.0..=1.0).contains(&c.confidence));
    Ok(())
}

fn check_text(
    text: String,
    date: Option<PartialDate>,
    doc_lang: Option<Lang>,
    opts: &Options,
) -> Result<(), TestCaseError> {
    let doc = Doc { id: "fuzz".into(), text, url: None, date, lang: doc_lang };
    let events = code(&doc, opts);
    for e in &events {
        check_event(&doc, opts, e)?;
    }
    // Merging keeps every promise but the threshold (a merged event's confidence rises).
    let merged = dedup(events.clone());
    prop_assert!(merged.len() <= events.len());
    let loose = Options { min_confidence: 0.0, ..opts.clone() };
    for e in &merged {
        check_event(&doc, &loose, e)?;
    }
    let text = doc.text.as_str();
    for (a, b) in sentences(text, opts.lang) {
        prop_assert!(a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b));
    }
    for m in country_mentions(text) {
        prop_assert!(text.get(m.start..m.end) == Some(m.text.as_str()), "mention {:?}", m);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings in any language setting.
    #[test]
    fn coder_arbitrary_strings(text in any::<String>(), opts in options(), date in doc_date()) {
        check_text(text, date, None, &opts)?;
    }

    /// Texts made of country names, triggers, dates and punctuation in four languages and
    /// three scripts, most of which make events.
    #[test]
    fn coder_mixed_texts(text in mixed_text(), opts in options(), date in doc_date(), doc_lang in lang()) {
        check_text(text, date, doc_lang, &opts)?;
    }
}
