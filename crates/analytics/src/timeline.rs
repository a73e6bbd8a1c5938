//! The timeline of a dyad: its events in date order, each with the direction it gives in
//! the pair, the paper's external/internal setting, and its sources as formatted
//! citations.

use std::collections::{BTreeMap, HashMap};

use entente_cite::{Style, format};
use entente_model::dyad::{Direction, Dyad, Setting};
use entente_model::ontology::CodeMapping;
use entente_model::record::{CitationRole, Quantity, Record, Recurrence, Source};
use entente_model::{CountryTable, Event, PartialDate};
use entente_store::{EventFilter, Store, StoredRecord};
use serde::Serialize;

use crate::AnalyticsError;

/// A source as cited by one record: which, where in it, what it says, and the formatted
/// reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceRef {
    pub source_id: String,
    pub locator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// A work the source attributes the fact to (its own reference).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `evidence`, or `as_cited_in_source`: only the reference another source attached,
    /// which cannot support the record (shown with a caveat).
    pub role: CitationRole,
    /// Why the citation stands as it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub citation: String,
}

impl SourceRef {
    /// A reference to `source_id` at `locator` as evidence, its formatted citation given.
    pub fn evidence(source_id: String, locator: String, citation: String) -> SourceRef {
        SourceRef {
            source_id,
            locator,
            quote: None,
            reference: None,
            role: CitationRole::Evidence,
            note: None,
            citation,
        }
    }

    /// A citation of the record as the store holds it, with its formatted source.
    fn of(c: &entente_model::Citation, citation: String) -> SourceRef {
        SourceRef {
            source_id: c.source.clone(),
            locator: c.locator.clone(),
            quote: c.quote.clone(),
            reference: c.reference.clone(),
            role: c.role,
            note: c.note.clone(),
            citation,
        }
    }

    /// Whether the citation supports the record (rather than being kept as cited only).
    pub fn is_evidence(&self) -> bool {
        self.role.is_evidence()
    }
}

/// A named link to another record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Link {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// One event on a dyad's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub id: String,
    /// ISO 8601 at the precision known: `2014`, `2018-10`, `2019-06-25`.
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The academic year the source dates the event by (`2013/14`), when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub precision: &'static str,
    /// The event belongs to the pair only by context: shown, marked, not counted as bilateral.
    pub context: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    pub kind: &'static str,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub status: &'static str,
    /// `A>B`, `B>A`, `mutual` or `unspecified`, A and B as the dyad was asked for.
    pub direction: Direction,
    /// The direction with country codes: `FRA→KAZ`.
    pub direction_label: String,
    /// The paper's terms, seen from the receiving country: `internal`, `external`, `third_country`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setting: Option<Setting>,
    pub domains: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub projecting: Vec<String>,
    pub countries: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    pub actors: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<Link>,
    /// The nearest CAMEO code and PLOVER type, where the ontology has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codes: Option<CodeMapping>,
    pub origin: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<SourceRef>,
}

/// Counts over a timeline, for summaries and charts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    pub events: usize,
    /// Events shown as context only; `by_direction` counts the others, the bilateral ones.
    pub context: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    pub by_direction: BTreeMap<String, usize>,
    pub by_kind: BTreeMap<String, usize>,
    pub by_domain: BTreeMap<String, usize>,
    pub by_status: BTreeMap<String, usize>,
    // JSON keys are text: the years are written as strings.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeMap<String, usize>))]
    pub by_year: BTreeMap<i32, usize>,
    /// Distinct sources cited by the timeline's events.
    pub sources: usize,
}

/// A dyad's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub dyad: Dyad,
    /// The two countries' names in the requested language.
    pub names: [String; 2],
    pub entries: Vec<TimelineEntry>,
    pub summary: Summary,
}

impl Timeline {
    /// The timeline without the events that belong to the pair only by context.
    pub fn without_context(self) -> Timeline {
        let entries: Vec<TimelineEntry> = self.entries.into_iter().filter(|e| !e.context).collect();
        let summary = summarise(&entries);
        Timeline { entries, summary, ..self }
    }

    /// Ids of every source the entries cite (and the works those sources refer to), in
    /// first-cited order.
    pub fn source_ids(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in &self.entries {
            for s in &e.sources {
                for id in std::iter::once(&s.source_id).chain(s.reference.as_ref()) {
                    if !out.contains(id) {
                        out.push(id.clone());
                    }
                }
            }
        }
        out
    }
}

/// Citations with their sources formatted in `style`.
pub fn cite_all(
    store: &Store,
    citations: &[entente_model::Citation],
    style: Style,
) -> Result<Vec<SourceRef>, AnalyticsError> {
    let mut out = Vec::new();
    for c in citations {
        let citation = match store.sources_by_id(&[c.source.as_str()])?.first() {
            Some(s) => format(s, style).plain(),
            None => c.source.clone(),
        };
        out.push(SourceRef::of(c, citation));
    }
    Ok(out)
}

/// Builds the timeline of `dyad` from the store: events involving both countries that
/// pass `filter`, titles in `lang`, citations in `style`.
pub fn timeline(
    store: &Store,
    dyad: &Dyad,
    filter: &EventFilter,
    lang: &str,
    style: Style,
) -> Result<Timeline, AnalyticsError> {
    let events = store.events_between(&dyad.a, &dyad.b, filter)?;
    let mut names = Names { store, cache: HashMap::new(), lang };
    let mut citations = Citations { store, cache: HashMap::new(), style };
    let mut entries = Vec::with_capacity(events.len());
    for e in &events {
        entries.push(entry(e, dyad, &mut names, &mut citations)?);
    }
    let summary = summarise(&entries);
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    Ok(Timeline { dyad: dyad.clone(), names: [name(&dyad.a), name(&dyad.b)], entries, summary })
}

struct Names<'a> {
    store: &'a Store,
    cache: HashMap<String, String>,
    lang: &'a str,
}

impl Names<'_> {
    fn of(&mut self, id: &str) -> Result<String, AnalyticsError> {
        if let Some(n) = self.cache.get(id) {
            return Ok(n.clone());
        }
        let name = match self.store.record(id)? {
            Some(StoredRecord { record, .. }) => record.title(self.lang),
            None => id.to_string(),
        };
        self.cache.insert(id.to_string(), name.clone());
        Ok(name)
    }
}

struct Citations<'a> {
    store: &'a Store,
    cache: HashMap<String, Option<Source>>,
    style: Style,
}

impl Citations<'_> {
    fn format(&mut self, id: &str) -> Result<String, AnalyticsError> {
        if !self.cache.contains_key(id) {
            let source = match self.store.record(id)? {
                Some(StoredRecord { record: Record::Source(s), .. }) => Some(s),
                _ => None,
            };
            self.cache.insert(id.to_string(), source);
        }
        Ok(match self.cache.get(id) {
            Some(Some(s)) => format(s, self.style).plain(),
            _ => id.to_string(),
        })
    }
}

fn entry(
    e: &Event,
    dyad: &Dyad,
    names: &mut Names<'_>,
    citations: &mut Citations<'_>,
) -> Result<TimelineEntry, AnalyticsError> {
    let direction = dyad.direction(e);
    let mut actors = Vec::new();
    for p in &e.actors {
        actors.push(Link { id: p.actor.clone(), name: names.of(&p.actor)?, role: Some(p.role.as_str().to_string()) });
    }
    let programme = match &e.programme {
        Some(id) => Some(Link { id: id.clone(), name: names.of(id)?, role: None }),
        None => None,
    };
    let mut sources = Vec::new();
    for c in &e.sources {
        sources.push(SourceRef::of(c, citations.format(&c.source)?));
    }
    Ok(TimelineEntry {
        id: e.id.clone(),
        date: e.date.to_string(),
        end: e.end.map(|d| d.to_string()),
        period: e.period.map(|p| p.to_string()),
        precision: e.date.precision().as_str(),
        context: e.context,
        recurrence: e.recurrence,
        kind: e.kind.as_str(),
        title: e.title.best(names.lang).to_string(),
        description: e.description.best(names.lang).to_string(),
        status: e.status.as_str(),
        direction,
        direction_label: direction.label(dyad),
        setting: dyad.setting(e),
        domains: e.domains.iter().map(|d| d.as_str()).collect(),
        host: e.host.clone(),
        projecting: e.projecting.clone(),
        countries: e.countries.clone(),
        place: e.place.clone(),
        quantity: e.quantity.clone(),
        actors,
        programme,
        codes: e.kind.codes(),
        origin: match e.origin {
            entente_model::Origin::Curated => "curated",
            entente_model::Origin::Coded { .. } => "coded",
            entente_model::Origin::Imported { .. } => "imported",
        },
        note: e.note.clone(),
        sources,
    })
}

fn summarise(entries: &[TimelineEntry]) -> Summary {
    let mut s = Summary { events: entries.len(), ..Default::default() };
    s.first = entries.first().map(|e| e.date.clone());
    s.last = entries
        .iter()
        .filter_map(|e| e.end.as_deref().unwrap_or(&e.date).parse::<PartialDate>().ok())
        .max()
        .map(|d| d.to_string());
    let mut sources: Vec<&str> = Vec::new();
    for entry in entries {
        if entry.context {
            s.context += 1;
        } else {
            *s.by_direction.entry(entry.direction.as_str().to_string()).or_default() += 1;
        }
        *s.by_kind.entry(entry.kind.to_string()).or_default() += 1;
        *s.by_status.entry(entry.status.to_string()).or_default() += 1;
        for d in &entry.domains {
            *s.by_domain.entry(d.to_string()).or_default() += 1;
        }
        if let Ok(date) = entry.date.parse::<PartialDate>() {
            *s.by_year.entry(date.year).or_default() += 1;
        }
        for c in &entry.sources {
            if !sources.contains(&c.source_id.as_str()) {
                sources.push(&c.source_id);
            }
        }
    }
    s.sources = sources.len();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        store
    }

    #[test]
    fn the_paper_timeline_has_directions_settings_and_citations() {
        let store = store();
        let t = timeline(&store, &Dyad::new("FRA", "KAZ"), &EventFilter::default(), "en", Style::Gost).unwrap();
        assert_eq!(t.names, ["France".to_string(), "Kazakhstan".to_string()]);
        let autumn = t.entries.iter().find(|e| e.id == "ev-2019-kazakhstan-autumn-in-france").unwrap();
        assert_eq!(autumn.direction, Direction::BToA);
        assert_eq!(autumn.direction_label, "KAZ→FRA");
        assert_eq!(autumn.setting, Some(Setting::Internal));
        let students = t.entries.iter().find(|e| e.id == "ev-2013-students-enter-french-universities").unwrap();
        assert_eq!(students.direction, Direction::AToB);
        assert_eq!(students.setting, Some(Setting::External));
        assert!(students.sources[0].citation.starts_with("Kussainova A. M. Some aspects of cultural diplomacy"));
        assert!(students.sources[0].is_evidence());
        // The paper's reference [9], of 2008, is kept for the trail but is no evidence of 2013-14.
        assert_eq!(students.sources[1].source_id, "ref09-kusainov-2008");
        assert_eq!(students.sources[1].role, CitationRole::AsCitedInSource);
        assert!(students.sources[1].note.as_deref().unwrap().starts_with("Published in 2008"));
        assert_eq!((students.period.as_deref(), students.date.as_str()), (Some("2013/14"), "2013"));
        // Events there by context are marked and counted apart from the bilateral ones.
        let founding = t.entries.iter().find(|e| e.id == "ev-1883-alliance-francaise-created").unwrap();
        assert!(founding.context && !students.context);
        let context: Vec<&str> = t.entries.iter().filter(|e| e.context).map(|e| e.id.as_str()).collect();
        assert_eq!(t.summary.context, context.len());
        assert!(context.len() >= 2, "{context:?}");
        let bilateral = t.clone().without_context();
        assert_eq!(bilateral.entries.len(), t.entries.len() - context.len());
        assert_eq!(bilateral.summary.context, 0);
        assert_eq!(bilateral.summary.by_direction, t.summary.by_direction);
        assert!(bilateral.entries.iter().all(|e| !e.context));
        // Asked the other way round, directions flip.
        let t2 = timeline(&store, &Dyad::new("KAZ", "FRA"), &EventFilter::default(), "en", Style::Apa).unwrap();
        let autumn2 = t2.entries.iter().find(|e| e.id == autumn.id).unwrap();
        assert_eq!(autumn2.direction, Direction::AToB);
        assert_eq!(t.entries.len(), t2.entries.len());
        assert_eq!(t.summary.events, t.entries.len());
        assert_eq!(t.summary.by_direction.values().sum::<usize>() + t.summary.context, t.entries.len());
        assert!(t.source_ids().contains(&"ref09-kusainov-2008".to_string()));
    }

    #[test]
    fn json_has_the_promised_fields() {
        let store = store();
        let t = timeline(&store, &Dyad::new("FRA", "KAZ"), &EventFilter::default(), "en", Style::Gost).unwrap();
        let v = serde_json::to_value(&t.entries).unwrap();
        for e in v.as_array().unwrap() {
            for key in ["id", "date", "kind", "title", "status", "direction", "sources"] {
                assert!(e.get(key).is_some(), "{key} missing in {e}");
            }
            for s in e["sources"].as_array().unwrap() {
                for key in ["source_id", "locator", "citation"] {
                    assert!(s.get(key).is_some(), "{key} missing in {s}");
                }
            }
        }
        let day = v.as_array().unwrap().iter().find(|e| e["id"] == "ev-2019-06-25-kaz-unesco-agreement").unwrap();
        assert_eq!(day["date"], "2019-06-25");
        assert_eq!(day["direction"], "unspecified");
        assert_eq!(day["codes"]["cameo"], "057");
    }
}
