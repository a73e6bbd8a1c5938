//! The public API: dates in each language and relative ones, dedup across sentences and
//! languages, serialisation.

use entente_coder::{CodedEvent, Doc, Lang, Options, code, dedup};

fn one(text: &str, article: Option<&str>) -> CodedEvent {
    let mut doc = Doc::new("t", text);
    doc.date = article.map(|d| d.parse().expect("date"));
    let events = code(&doc, &Options::default());
    assert_eq!(events.len(), 1, "{text}: {events:#?}");
    events.into_iter().next().expect("one event")
}

#[test]
fn dates_as_precise_as_the_text() {
    let cases = [
        ("The Kazakh film week opened in Paris on 25 June 2019.", "2019-06-25"),
        ("The Kazakh film week opened in Paris on June 25th, 2019.", "2019-06-25"),
        ("The Kazakh film week opened in Paris in November 2023.", "2023-11"),
        ("The Kazakh film week opened in Paris in 2018.", "2018"),
        ("The Kazakh film week ran in Paris from October 19 to December 12, 2018.", "2018-10-19"),
        ("La semaine du cinéma kazakh s'est ouverte à Paris le 1er juin 2019.", "2019-06-01"),
        ("Неделя казахского кино прошла в Париже 25 июня 2019 года.", "2019-06-25"),
        ("Неделя казахского кино прошла в Париже в 2018 году.", "2018"),
        ("Парижде қазақ киносының апталығы 2019 жылғы 25 маусымда өтті.", "2019-06-25"),
        ("Парижде қазақ киносының апталығы 2019 жылы қазанда өтті.", "2019-10"),
    ];
    for (text, date) in cases {
        assert_eq!(one(text, None).date.as_deref(), Some(date), "{text}");
    }
    // An impossible day keeps the month.
    assert_eq!(one("The Kazakh film week opened in Paris on 31 February 2019.", None).date.as_deref(), Some("2019-02"));
}

#[test]
fn relative_dates_need_the_article_date() {
    let text = "Неделя казахского кино прошла в Париже в прошлом году.";
    assert_eq!(one(text, Some("2021-03-01")).date.as_deref(), Some("2020"));
    assert_eq!(one(text, None).date, None);
    assert_eq!(one("Қазақ киносының апталығы биыл Парижде өтті.", Some("2024")).date.as_deref(), Some("2024"));
    assert_eq!(
        one("The Kazakh film week will be held in Paris next year.", Some("2024-05")).date.as_deref(),
        Some("2025")
    );
}

#[test]
fn dedup_merges_sentences_and_languages() {
    let en = Doc::new("en", "Kazakhstan and France signed a cultural agreement in Paris on 25 June 2019.");
    let ru = Doc::new("ru", "Казахстан и Франция подписали соглашение о культурном сотрудничестве в 2019 году.");
    let other = Doc::new("x", "Kazakhstan and France signed a cultural agreement in 2015.");
    let events: Vec<CodedEvent> = [&en, &ru, &other].into_iter().flat_map(|d| code(d, &Options::default())).collect();
    assert_eq!(events.len(), 3);
    let merged = dedup(events);
    assert_eq!(merged.len(), 2, "{merged:#?}");
    let june = merged.iter().find(|e| e.date.as_deref() == Some("2019-06-25")).expect("merged event");
    assert_eq!((june.reports, june.doc.as_str(), june.lang), (2, "en", Lang::En));
}

#[test]
fn lang_override_and_serde() {
    let doc: Doc = serde_json::from_str(
        r#"{"id":"a","text":"Le festival du film kazakh a eu lieu à Paris en 2019.","date":"2020-01-02","lang":"fr"}"#,
    )
    .expect("doc from JSON");
    assert_eq!(doc.lang, Some(Lang::Fr));
    let events = code(&doc, &Options::default());
    assert_eq!(events.len(), 1);
    let json = serde_json::to_string(&events[0]).expect("to JSON");
    let back: CodedEvent = serde_json::from_str(&json).expect("from JSON");
    assert_eq!(back, events[0]);
    assert!(json.contains(r#""kind":"screening""#) && json.contains(r#""countries":["FRA","KAZ"]"#), "{json}");
    // Options.lang wins over the document's own.
    let opts = Options { lang: Some(Lang::En), ..Options::default() };
    assert!(code(&doc, &opts).iter().all(|e| e.lang == Lang::En));
}

#[test]
fn min_confidence_filters() {
    let doc = Doc::new("a", "Kazakhstan and France signed a cultural agreement in 2015.");
    assert_eq!(code(&doc, &Options { min_confidence: 1.0, ..Options::default() }).len(), 0);
}

#[test]
fn window_stays_in_the_paragraph() {
    let opts = Options::default();
    // The festival sentence names one country; its neighbour in the paragraph names the other.
    let joined =
        Doc::new("a", "The French Embassy prepared a new programme. A festival of cinema opened in Astana in 2019.");
    assert_eq!(code(&joined, &opts).len(), 1);
    let apart = Doc::new("b", "Kazakhstan exported grain.\n\nA festival of cinema opened in Paris in 2019.");
    assert!(code(&apart, &opts).is_empty(), "{:#?}", code(&apart, &opts));
    let far = Doc::new("c", "Kazakhstan exported grain. Prices rose. A festival of cinema opened in Paris in 2019.");
    assert!(code(&far, &opts).is_empty());
}
