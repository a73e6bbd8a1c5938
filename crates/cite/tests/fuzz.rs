//! Fuzz targets for citation formatting, as property tests (proptest runs on stable Rust;
//! `cargo fuzz` needs nightly): sources with arbitrary text in every field, built directly
//! and read from JSON as dataset files give them.
//!
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default small, for CI); `bench/fuzz/run.sh`
//! runs them long in release mode. proptest writes no regression files
//! (`failure_persistence: None`): a failure found stays here as a plain `#[test]`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use entente_cite::{Style, bibtex, bibtex_entry, csl_item, csl_json, format, short_label, sort_for};
use entente_model::input::read_source;
use entente_model::ontology::SourceKind;
use entente_model::{PartialDate, Person, Source};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Cases per target: `ENTENTE_FUZZ_CASES`, or `default` (small, so CI stays fast).
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("ENTENTE_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Field text: anything, with markup, script tags, separators and Cyrillic made likely.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "\\PC{0,30}",
        2 => prop::collection::vec(
            prop::sample::select(vec![
                "<script>alert(1)</script>",
                "<SCRIPT",
                "<scr<script>ipt>",
                "</i>",
                "<i>",
                "&lt;script",
                "\"",
                "'",
                "&",
                "<",
                ">",
                "{",
                "}",
                "\\",
                "%",
                "*",
                "_",
                "[",
                "]",
                "`",
                "#",
                "|",
                "--",
                "–",
                "—",
                "-",
                ".",
                ",",
                " ",
                "  ",
                "Петров",
                "В. А.",
                "Қазақстан",
                "Yu.",
                "A.M.",
                "é",
                "\u{301}",
                "\n",
                "\u{0}",
            ]),
            0..12,
        )
        .prop_map(|v| v.concat()),
        1 => Just(String::new()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.6, text())
}

/// A date as records hold it: any valid partial date.
fn date() -> impl Strategy<Value = Option<PartialDate>> {
    let month_day = prop::option::of((1u8..=12, prop::option::of(1u8..=31)));
    prop::option::of((1i32..=9999, month_day).prop_map(|(year, month_day)| match month_day {
        None => PartialDate::year(year),
        Some((m, day)) => {
            PartialDate { year, month: Some(m), day: day.map(|d| d.min(entente_model::date::days_in_month(year, m))) }
        }
    }))
}

fn person() -> impl Strategy<Value = Person> {
    (text(), opt_text()).prop_map(|(family, given)| Person { family, given })
}

fn source() -> impl Strategy<Value = Source> {
    (
        (text(), prop::sample::select(SourceKind::ALL.to_vec()), prop::collection::vec(person(), 0..24), text()),
        (opt_text(), prop::option::of(prop::sample::select(vec!["ru", "kk", "en", "fr", "uk", "xx", ""])), opt_text()),
        (opt_text(), opt_text(), date(), opt_text(), opt_text(), opt_text()),
        (opt_text(), opt_text(), date(), opt_text(), opt_text()),
    )
        .prop_map(
            |(
                (id, kind, authors, title),
                (title_en, language, container),
                (publisher, place, date, volume, issue, pages),
                (doi, url, accessed, licence, note),
            )| Source {
                id,
                kind,
                authors,
                title,
                title_en,
                language: language.map(str::to_string),
                container,
                publisher,
                place,
                date,
                volume,
                issue,
                pages,
                doi,
                url,
                accessed,
                licence,
                note,
            },
        )
}

/// The HTML form escapes every character of the source's text: the only tags are `<i>` and
/// `</i>`, so no `<script` (or any other tag) can come through.
fn check_html(html: &str) -> Result<(), TestCaseError> {
    let lower = html.to_lowercase();
    prop_assert!(!lower.contains("<script"), "unescaped script in {:?}", html);
    let bare = html.replace("<i>", "").replace("</i>", "");
    prop_assert!(!bare.contains('<') && !bare.contains('>'), "unescaped tag in {:?}", html);
    prop_assert!(!bare.contains('"') && !bare.contains('\''), "unescaped quote in {:?}", html);
    Ok(())
}

fn check_source(s: &Source) -> Result<(), TestCaseError> {
    for style in Style::ALL {
        let f = format(s, style);
        let plain = f.plain();
        check_html(&f.html())?;
        let _ = f.markdown();
        prop_assert_eq!(plain, f.runs.iter().map(|(t, _)| t.as_str()).collect::<String>());
    }
    let entry = bibtex_entry(s);
    prop_assert!(entry.starts_with('@'), "{:?}", entry);
    prop_assert!(entry.ends_with('}'), "{:?}", entry);
    let item = csl_item(s);
    prop_assert_eq!(item["id"].as_str(), Some(s.id.as_str()));
    // CSL-JSON is JSON: it prints and reads back the same.
    let printed = item.to_string();
    prop_assert_eq!(serde_json::from_str::<Value>(&printed).unwrap(), item);
    let _ = short_label(s);
    Ok(())
}

/// A source as a dataset file writes it: every field a string (or a list of authors), some
/// of them the wrong type.
fn source_json() -> impl Strategy<Value = Value> {
    let field = prop::sample::select(vec![
        "id",
        "kind",
        "authors",
        "title",
        "title_en",
        "language",
        "container",
        "publisher",
        "place",
        "date",
        "year",
        "volume",
        "issue",
        "pages",
        "doi",
        "url",
        "accessed",
        "licence",
        "note",
        "other",
    ]);
    let value = prop_oneof![
        4 => text().prop_map(Value::String),
        1 => prop::collection::vec(text().prop_map(Value::String), 0..5).prop_map(Value::Array),
        1 => any::<i64>().prop_map(Value::from),
        1 => (1i64..=9999).prop_map(Value::from),
        1 => "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?".prop_map(Value::String),
        1 => prop::sample::select(SourceKind::ALL.to_vec()).prop_map(|k| Value::String(k.as_str().to_string())),
        1 => Just(Value::Null),
    ];
    let base = (text(), prop::sample::select(SourceKind::ALL.to_vec()), text());
    (base, prop::collection::vec((field, value), 0..12)).prop_map(|((id, kind, title), fields)| {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(id));
        m.insert("kind".into(), Value::String(kind.as_str().into()));
        m.insert("title".into(), Value::String(title));
        for (k, v) in fields {
            m.insert(k.to_string(), v);
        }
        Value::Object(m)
    })
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text in any field: every style formats without a panic, HTML is escaped, CSL-JSON
    /// round-trips, BibTeX entries are whole.
    #[test]
    fn cite_arbitrary_sources(s in source()) {
        check_source(&s)?;
    }

    /// Sources read from JSON as dataset files give them, whatever reads, formats.
    #[test]
    fn cite_sources_read_from_json(v in source_json()) {
        let read = read_source(&v);
        if let Some(s) = read.record {
            check_source(&s)?;
        }
    }

    /// Bibliographies of several sources: sorted in every style, written as BibTeX and CSL-JSON.
    #[test]
    fn cite_bibliographies(mut sources in prop::collection::vec(source(), 0..6)) {
        for style in Style::ALL {
            sort_for(style, &mut sources);
        }
        let entries: String = sources.iter().map(|s| bibtex_entry(s) + "\n\n").collect();
        prop_assert_eq!(bibtex(&sources), entries);
        prop_assert_eq!(csl_json(&sources).as_array().map(Vec::len), Some(sources.len()));
    }
}
