//! Data-driven tests per language: the cases of `tests/cases/{en,fr,ru,kk}.toml` (names and
//! their inflected forms, events with their dates, status and quantities, and negatives).

use entente_coder::{Doc, Lang, Options, code, country_mentions, dedup, detect};
use serde::Deserialize;

#[derive(Deserialize)]
struct CaseFile {
    lang: Lang,
    names: Vec<(String, String)>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    article_date: Option<String>,
    expect: Vec<Expected>,
    /// The events found must be exactly those expected, no more.
    #[serde(default)]
    exact: bool,
}

#[derive(Deserialize)]
struct Expected {
    countries: [String; 2],
    kind: String,
    date: Option<String>,
    status: Option<String>,
    quantity: Option<(f64, String)>,
}

fn run(file: &str) {
    let cases: CaseFile = toml::from_str(file).expect("case file parses");
    let mut failures = Vec::new();
    for (form, code) in &cases.names {
        let text = format!("Text {form} text");
        let found: Vec<String> = country_mentions(&text).into_iter().map(|m| m.country).collect();
        if found != vec![code.clone()] {
            failures.push(format!("name {form:?}: expected {code}, found {found:?}"));
        }
    }
    for case in &cases.case {
        if detect(&case.text) != cases.lang {
            failures.push(format!("{:?}: detected {}", case.text, detect(&case.text)));
        }
        let mut doc = Doc::new("case", case.text.clone());
        doc.date = case.article_date.as_deref().map(|d| d.parse().expect("article date"));
        let events = dedup(code(&doc, &Options::default()));
        for e in &events {
            assert_eq!(&case.text[e.start..e.end], e.evidence, "evidence slices the text");
        }
        if case.expect.is_empty() && !events.is_empty() {
            let got: Vec<String> =
                events.iter().map(|e| format!("{:?} {} ({})", e.countries, e.kind, e.trigger)).collect();
            failures.push(format!("{:?}: expected nothing, found {got:?}", case.text));
        }
        if case.exact {
            let mut got: Vec<String> = events.iter().map(|e| format!("{:?} {}", e.countries, e.kind)).collect();
            let mut want: Vec<String> = case.expect.iter().map(|x| format!("{:?} {}", x.countries, x.kind)).collect();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!("{:?}: found exactly {got:?}, expected {want:?}", case.text));
            }
        }
        for x in &case.expect {
            let Some(e) = events.iter().find(|e| e.countries == x.countries && e.kind.as_str() == x.kind) else {
                let got: Vec<String> =
                    events.iter().map(|e| format!("{:?} {} ({})", e.countries, e.kind, e.trigger)).collect();
                failures.push(format!("{:?}: no {:?} {}, found {got:?}", case.text, x.countries, x.kind));
                continue;
            };
            if x.date.is_some() && e.date != x.date {
                failures.push(format!("{:?}: date {:?}, expected {:?}", case.text, e.date, x.date));
            }
            if let Some(status) = &x.status
                && e.status.as_str() != status
            {
                failures.push(format!("{:?}: status {}, expected {status}", case.text, e.status));
            }
            if x.quantity.is_some() && e.quantity != x.quantity {
                failures.push(format!("{:?}: quantity {:?}, expected {:?}", case.text, e.quantity, x.quantity));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn english() {
    run(include_str!("cases/en.toml"));
}

#[test]
fn french() {
    run(include_str!("cases/fr.toml"));
}

#[test]
fn russian() {
    run(include_str!("cases/ru.toml"));
}

#[test]
fn kazakh() {
    run(include_str!("cases/kk.toml"));
}
