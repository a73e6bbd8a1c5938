//! The seed paper (Kazakh–French cultural diplomacy): the coder finds its dated events with
//! the right dates and evidence spans.

use entente_coder::{CodedEvent, Doc, Options, code, dedup};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/000_978b51fb5a843068.txt");

fn find<'a>(events: &'a [CodedEvent], kind: &str, date: &str) -> &'a CodedEvent {
    events.iter().find(|e| e.kind.as_str() == kind && e.date.as_deref() == Some(date)).unwrap_or_else(|| {
        panic!("no {kind} dated {date} among {:#?}", events.iter().map(|e| (e.kind, &e.date)).collect::<Vec<_>>())
    })
}

#[test]
fn seed_paper_events() {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        // A missing file fails the test unless the user opts out with ENTENTE_ALLOW_MISSING=1.
        assert!(
            std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
            "{SEED} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)"
        );
        eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {SEED} is not here");
        return;
    };
    let events = dedup(code(&Doc::new("seed", text.clone()), &Options::default()));
    for e in &events {
        assert_eq!(&text[e.start..e.end], e.evidence, "evidence slices the text");
        assert_eq!(e.countries, ["FRA".to_string(), "KAZ".to_string()], "{e:?}");
        assert!((0.0..=1.0).contains(&e.confidence));
    }

    let sorbonne = find(&events, "institution_opened", "2014");
    assert!(sorbonne.evidence.contains("attended its opening in 2014"), "{}", sorbonne.evidence);
    assert!(sorbonne.reports >= 2, "the opening sentence and the 2014 sentence are one event");

    for e in &events {
        for m in &e.mentions {
            assert!(e.start <= m.start && m.end <= e.end && text[m.start..m.end] == m.text, "{m:?}");
        }
    }

    let unesco = find(&events, "agreement_signed", "2019-06-25");
    let actors: Vec<(&str, &str)> = unesco.mentions.iter().map(|m| (m.text.as_str(), m.country.as_str())).collect();
    assert!(actors.contains(&("Paris", "FRA")) && actors.contains(&("Republic of Kazakhstan", "KAZ")), "{actors:?}");
    assert!(unesco.evidence.starts_with("On June 25, 2019, an Agreement"), "{}", unesco.evidence);
    assert!(unesco.evidence.contains("was signed in Paris"), "{}", unesco.evidence);

    let autumn = find(&events, "season_or_festival", "2018");
    assert!(autumn.evidence.contains("Digital Autumn 2018"), "{}", autumn.evidence);

    let students = find(&events, "mobility", "2013");
    assert_eq!(students.quantity, Some((513.0, "students".to_string())));

    let conference = find(&events, "conference", "2015");
    assert!(conference.evidence.contains("UNESCO Palace in Paris"), "{}", conference.evidence);

    let season = find(&events, "season_or_festival", "2019");
    assert!(season.evidence.contains("Kazakhstan autumn in France"), "{}", season.evidence);

    // The bibliography is not coded.
    let references = text.find("### References").unwrap_or(text.len());
    assert!(events.iter().all(|e| e.end <= references));
}
