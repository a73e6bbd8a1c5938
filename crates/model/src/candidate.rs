//! A candidate event: what the text coder found in a document, kept for a person to accept
//! or reject. A candidate is never a record; accepting it makes two curated records, the
//! document as a source and the event citing the evidence span of that document.

use serde::{Deserialize, Serialize};

use crate::country::CountryTable;
use crate::date::PartialDate;
use crate::lang::LangText;
use crate::ontology::{Domain, EventKind, SourceKind, Status};
use crate::record::{Citation, Event, Origin, Quantity, Source};

/// An event found in a text, with the evidence a reviewer needs to judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    /// The input's id: a path, or the `id` of a JSON line.
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The document's own date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<PartialDate>,
    /// ISO 639-1 code of the text's language.
    pub lang: String,
    /// ISO alpha-3 codes, sorted.
    pub countries: [String; 2],
    pub kind: EventKind,
    pub domains: Vec<Domain>,
    /// As precise as the text gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// Byte offsets of the evidence in the document's text.
    pub start: usize,
    pub end: usize,
    /// The text of `start..end`.
    pub evidence: String,
    /// The words that made the kind, as written.
    pub trigger: String,
    pub confidence: f64,
    pub coder_version: String,
}

/// Where a candidate stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Pending,
    Accepted,
    Rejected,
}

impl ReviewState {
    pub const ALL: [ReviewState; 3] = [ReviewState::Pending, ReviewState::Accepted, ReviewState::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Pending => "pending",
            ReviewState::Accepted => "accepted",
            ReviewState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewState> {
        ReviewState::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// What a reviewer may correct when accepting a candidate; `None` keeps the coder's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Acceptance {
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub kind: Option<EventKind>,
    /// The event's domains, replacing the coder's (which may be none: "cultural cooperation").
    #[serde(default)]
    pub domains: Option<Vec<Domain>>,
    /// The event's title, in English unless `title_lang` says otherwise.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_lang: Option<String>,
    /// The country where it took place, one of the candidate's two.
    #[serde(default)]
    pub host: Option<String>,
    /// The source's title, when the document's id is not a fit one (a file path, say).
    #[serde(default)]
    pub source_title: Option<String>,
    /// Who accepted it, kept in the event's note.
    #[serde(default)]
    pub reviewer: Option<String>,
}

/// Why a candidate cannot become records as it stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AcceptError {
    #[error(
        "the candidate has no date and neither has its document: give the event's date (YYYY, YYYY-MM or YYYY-MM-DD)"
    )]
    NoDate,
    #[error("the text names no domain of the event: give at least one (education, language, arts, film, …)")]
    NoDomain,
    #[error("the host must be one of the candidate's countries ({0} or {1}), not {2}")]
    Host(String, String, String),
}

/// A short stable hash (FNV-1a, 64 bits) for ids made from text.
fn fnv64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Candidate {
    /// The candidate's id: the same document, span, kind and countries give the same id, so
    /// coding a batch again does not queue its events twice.
    pub fn id(&self) -> String {
        let (start, end) = (self.start.to_string(), self.end.to_string());
        let key = [self.doc.as_str(), &start, &end, self.kind.as_str(), &self.countries[0], &self.countries[1]];
        format!("cand-{:016x}", fnv64(&key))
    }

    /// The id of the source record for the candidate's document (its URL when it has one).
    pub fn source_id(&self) -> String {
        format!("src-text-{:016x}", fnv64(&[self.url.as_deref().unwrap_or(&self.doc)]))
    }

    /// The id of the event record an acceptance makes.
    pub fn event_id(&self) -> String {
        format!("ev-coded-{}", &self.id()["cand-".len()..])
    }

    /// The source record for the document, consulted on `accessed`.
    pub fn source(&self, acceptance: &Acceptance, accessed: PartialDate) -> Source {
        let title = acceptance.source_title.clone().unwrap_or_else(|| self.doc.clone());
        Source {
            id: self.source_id(),
            kind: if self.url.is_some() { SourceKind::WebPage } else { SourceKind::News },
            authors: Vec::new(),
            title,
            title_en: None,
            language: Some(self.lang.clone()),
            container: None,
            publisher: None,
            place: None,
            date: self.doc_date,
            volume: None,
            issue: None,
            pages: None,
            doi: None,
            url: self.url.clone(),
            accessed: self.url.as_ref().map(|_| accessed),
            licence: None,
            note: Some(format!("Text coded by {}; document id \"{}\".", self.coder_version, self.doc)),
        }
    }

    /// The event record an acceptance makes: curated (a person accepted it), citing the
    /// document with the evidence span as locator and the evidence as quote.
    pub fn event(&self, acceptance: &Acceptance, countries: &CountryTable) -> Result<Event, AcceptError> {
        let date = acceptance.date.or(self.date).or(self.doc_date).ok_or(AcceptError::NoDate)?;
        let kind = acceptance.kind.unwrap_or(self.kind);
        let domains = acceptance.domains.clone().unwrap_or_else(|| self.domains.clone());
        if domains.is_empty() {
            return Err(AcceptError::NoDomain);
        }
        if let Some(h) = &acceptance.host
            && !self.countries.contains(h)
        {
            return Err(AcceptError::Host(self.countries[0].clone(), self.countries[1].clone(), h.clone()));
        }
        let title = match &acceptance.title {
            Some(t) => LangText::one(acceptance.title_lang.as_deref().unwrap_or("en"), t),
            None => LangText::one(
                "en",
                &format!(
                    "{}: {} and {}",
                    capitalised(&kind.as_str().replace('_', " ")),
                    countries.name_or_code(&self.countries[0], "en"),
                    countries.name_or_code(&self.countries[1], "en")
                ),
            ),
        };
        let dated_by = if acceptance.date.is_some() {
            "the reviewer"
        } else if self.date.is_some() {
            "the text"
        } else {
            "the document's date"
        };
        // PDF and web texts break lines inside sentences; the quote reads as one line.
        let quote = self.evidence.split_whitespace().collect::<Vec<_>>().join(" ");
        let others: Vec<String> =
            self.countries.iter().filter(|c| Some(*c) != acceptance.host.as_ref()).cloned().collect();
        Ok(Event {
            id: self.event_id(),
            kind,
            title,
            description: LangText::one(&self.lang, &quote),
            date,
            end: None,
            recurrence: None,
            domains,
            status: self.status,
            host: acceptance.host.clone(),
            projecting: Vec::new(),
            countries: others,
            actors: Vec::new(),
            programme: None,
            place: None,
            quantity: self.quantity.clone(),
            period: None,
            context: false,
            origin: Origin::Curated,
            sources: vec![Citation {
                quote: Some(quote),
                ..Citation::evidence(self.source_id(), format!("bytes {}-{} of \"{}\"", self.start, self.end, self.doc))
            }],
            note: Some(format!(
                "Coded by {} (confidence {:.2}, trigger \"{}\") and accepted in review{}; date from {dated_by}.",
                self.coder_version,
                self.confidence,
                self.trigger,
                acceptance.reviewer.as_deref().map(|r| format!(" by {r}")).unwrap_or_default(),
            )),
        })
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Candidate {
        Candidate {
            doc: "news/1".into(),
            url: Some("https://example.org/a".into()),
            doc_date: Some("2019-07-01".parse().unwrap()),
            lang: "en".into(),
            countries: ["FRA".into(), "KAZ".into()],
            kind: EventKind::AgreementSigned,
            domains: vec![Domain::Education],
            date: Some("2019-06-25".parse().unwrap()),
            status: Status::Held,
            quantity: None,
            start: 10,
            end: 90,
            evidence: "On 25 June 2019 Kazakhstan and France signed an agreement.".into(),
            trigger: "signed an agreement".into(),
            confidence: 0.9,
            coder_version: "entente-coder test".into(),
        }
    }

    #[test]
    fn ids_are_stable_and_depend_on_the_span_kind_and_countries() {
        let a = sample();
        assert_eq!(a.id(), sample().id());
        let mut b = sample();
        b.start = 11;
        assert_ne!(a.id(), b.id());
        let mut c = sample();
        c.kind = EventKind::Exhibition;
        assert_ne!(a.id(), c.id());
        assert!(crate::text::is_valid_id(&a.id()) && crate::text::is_valid_id(&a.event_id()));
        assert!(crate::text::is_valid_id(&a.source_id()));
    }

    #[test]
    fn an_accepted_candidate_is_a_curated_event_citing_its_evidence() {
        let table = CountryTable::bundled();
        let e = sample().event(&Acceptance::default(), table).unwrap();
        assert_eq!(e.origin, Origin::Curated);
        assert_eq!(e.title.best("en"), "Agreement signed: France and Kazakhstan");
        assert_eq!(e.date.to_string(), "2019-06-25");
        assert_eq!(e.sources[0].source, sample().source_id());
        assert_eq!(e.sources[0].quote.as_deref(), Some(sample().evidence.as_str()));
        assert_eq!(e.sources[0].locator, "bytes 10-90 of \"news/1\"");
        let problems = crate::validate::validate(
            &[crate::Record::Source(sample().source(&Acceptance::default(), e.date)), crate::Record::Event(e)],
            &|_| None,
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn the_reviewer_corrects_date_kind_and_host() {
        let table = CountryTable::bundled();
        let mut c = sample();
        c.date = None;
        c.doc_date = None;
        assert_eq!(c.event(&Acceptance::default(), table), Err(AcceptError::NoDate));
        c.domains.clear();
        let dated = Acceptance { date: Some("2018".parse().unwrap()), ..Acceptance::default() };
        assert_eq!(c.event(&dated, table), Err(AcceptError::NoDomain));
        let e = c.event(&Acceptance { domains: Some(vec![Domain::Arts]), ..dated }, table).unwrap();
        assert_eq!(e.domains, [Domain::Arts]);
        c.domains = vec![Domain::Education];
        let a = Acceptance {
            date: Some("2018".parse().unwrap()),
            kind: Some(EventKind::Exhibition),
            host: Some("KAZ".into()),
            ..Acceptance::default()
        };
        let e = c.event(&a, table).unwrap();
        assert_eq!(
            (e.date.to_string().as_str(), e.kind, e.host.as_deref()),
            ("2018", EventKind::Exhibition, Some("KAZ"))
        );
        assert_eq!(e.countries, ["FRA"]);
        let wrong = Acceptance { host: Some("DEU".into()), ..a };
        assert!(matches!(c.event(&wrong, table), Err(AcceptError::Host(..))));
    }
}
