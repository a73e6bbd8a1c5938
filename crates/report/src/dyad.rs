//! Everything known about a pair of countries, gathered into one serialisable view: the
//! JSON twin of the dyad page and the input of its HTML.

use entente_analytics::compare::IndexSeries;
use entente_analytics::diagnose::Diagnosis;
use entente_analytics::timeline::SourceRef;
use entente_analytics::{
    AnalyticsError, ClaimCheck, Indicators, Policy, Series, Summary, TimelineEntry, claims, indicators, timeline,
};
use entente_cite::{Style, format, sort_for};
use entente_model::Dyad;
use entente_model::record::{Citation, Record, RecordKind, format_number};
use entente_store::{EventFilter, RecordPage, Store};

use crate::compare::{Analyses, Beside};
use crate::search::SearchParams;
use serde::Serialize;

/// A non-event record shown on a dyad page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub id: String,
    pub kind: RecordKind,
    pub title: String,
    /// One line of detail: dates, countries, the figure a claim states.
    pub detail: String,
    pub sources: Vec<SourceRef>,
}

/// One entry of a bibliography.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BibEntry {
    pub id: String,
    /// The reference as plain text.
    pub citation: String,
    /// The reference as HTML (italics where the style wants them).
    #[serde(skip)]
    pub html: String,
}

/// The dyad page's data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DyadView {
    pub dyad: Dyad,
    pub names: [String; 2],
    pub lang: String,
    pub style: String,
    pub summary: Summary,
    pub timeline: Vec<TimelineEntry>,
    pub records: Vec<RecordView>,
    pub bibliography: Vec<BibEntry>,
    /// Student flows, shares and Elcano presence of the pair.
    pub indicators: Indicators,
    /// The claims about the pair, each with its verdict.
    pub claims: Vec<ClaimCheck>,
    /// The GDELT cooperation series by month, when events are imported.
    pub gdelt: Option<Series>,
    /// A search among the records this view shows, when one was asked for.
    pub search: Option<RecordSearch>,
    /// The index of A in B over the years, when the store has data for it.
    pub index: Option<IndexSeries>,
    /// A set beside reference partners of B on the index, when the store has data for it.
    pub comparison: Option<Beside>,
    /// Strengths, weaknesses, barriers and prospects of A in B, beside the sources' judgements.
    pub diagnosis: Option<Diagnosis>,
}

/// A search among a view's records: what was asked and what matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordSearch {
    pub params: SearchParams,
    pub results: RecordPage,
}

impl DyadView {
    /// Every record the view shows: events, programmes, actors, claims, the observations
    /// behind the indicators, and the sources of the bibliography.
    pub fn record_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(self.timeline.iter().map(|e| e.id.clone()));
        ids.extend(self.records.iter().map(|r| r.id.clone()));
        ids.extend(self.claims.iter().map(|c| c.claim_id.clone()));
        ids.extend(self.indicators.flows.iter().flat_map(|f| f.points.iter().map(|p| p.observation_id.clone())));
        ids.extend(self.bibliography.iter().map(|b| b.id.clone()));
        ids.sort();
        ids.dedup();
        ids
    }

    /// Adds the comparative analyses, and the sources they cite to the bibliography.
    pub fn set_analyses(&mut self, store: &Store, analyses: Analyses) -> Result<(), AnalyticsError> {
        let style = self.style.parse::<Style>().unwrap_or(Style::Gost);
        let mut ids: Vec<String> = self.bibliography.iter().map(|b| b.id.clone()).collect();
        let before = ids.len();
        for id in crate::compare::source_ids(&analyses) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() > before {
            self.bibliography = bibliography(store, &ids, style)?;
        }
        self.index = analyses.index;
        self.comparison = analyses.comparison;
        self.diagnosis = analyses.diagnosis;
        Ok(())
    }
}

/// The sources `ids` in the style's bibliography order.
fn bibliography(store: &Store, ids: &[String], style: Style) -> Result<Vec<BibEntry>, AnalyticsError> {
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut sources = store.sources_by_id(&id_refs)?;
    sort_for(style, &mut sources);
    Ok(sources
        .iter()
        .map(|s| {
            let f = format(s, style);
            BibEntry { id: s.id.clone(), citation: f.plain(), html: f.html() }
        })
        .collect())
}

/// Gathers the dyad's timeline, the other records that bear on it, and the bibliography of
/// everything cited.
pub fn build(store: &Store, dyad: &Dyad, lang: &str, style: Style) -> Result<DyadView, AnalyticsError> {
    let t = timeline(store, dyad, &EventFilter::default(), lang, style)?;
    let mut records: Vec<RecordView> = Vec::new();
    let in_pair = |c: &Option<String>| c.as_deref().is_some_and(|c| c == dyad.a || c == dyad.b);
    let mut wanted: Vec<String> = Vec::new();
    for e in &t.entries {
        wanted.extend(e.actors.iter().map(|a| a.id.clone()));
        wanted.extend(e.programme.iter().map(|p| p.id.clone()));
    }
    // Claims have their own section, with verdicts; observations, the indicators'.
    for kind in [RecordKind::Programme, RecordKind::Actor] {
        for r in store.records_of_kind(kind).map_err(AnalyticsError::from)? {
            let relevant = match &r {
                Record::Programme(p) => {
                    wanted.contains(&p.id) || (p.countries.contains(&dyad.a) && p.countries.contains(&dyad.b))
                }
                Record::Actor(a) => wanted.contains(&a.id),
                Record::Claim(c) => {
                    (in_pair(&c.from) && in_pair(&c.to))
                        || in_pair(&c.country)
                        || c.about.as_ref().is_some_and(|id| wanted.contains(id) || records.iter().any(|v| &v.id == id))
                }
                Record::Observation(o) => (in_pair(&o.from) && in_pair(&o.to)) || in_pair(&o.country),
                _ => false,
            };
            if relevant {
                records.push(view(store, &r, lang, style)?);
            }
        }
    }
    let indicators = indicators(store, dyad, lang, style)?;
    let claims = claims(store, dyad, &Policy::default(), style)?;
    // Sources: those the events, records, claims and indicators cite, and the works they
    // refer to.
    let mut ids = t.source_ids();
    let more = claims
        .iter()
        .flat_map(|c| c.claim_sources.iter().chain(c.evidence.iter().map(|e| &e.source)))
        .chain(indicators.flows.iter().map(|f| &f.source))
        .chain(indicators.presence.iter().map(|p| &p.source));
    for s in more {
        for id in std::iter::once(&s.source_id).chain(s.reference.as_ref()) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    for r in &records {
        for s in &r.sources {
            for id in std::iter::once(&s.source_id).chain(s.reference.as_ref()) {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
    }
    let bibliography = bibliography(store, &ids, style)?;
    Ok(DyadView {
        dyad: dyad.clone(),
        names: t.names,
        lang: lang.to_string(),
        style: style.as_str().to_string(),
        summary: t.summary,
        timeline: t.entries,
        records,
        bibliography,
        indicators,
        claims,
        gdelt: None,
        search: None,
        index: None,
        comparison: None,
        diagnosis: None,
    })
}

fn view(store: &Store, r: &Record, lang: &str, style: Style) -> Result<RecordView, AnalyticsError> {
    let detail = match r {
        Record::Programme(p) => {
            let years = match (p.start, p.end) {
                (Some(s), Some(e)) => format!("{s}–{e}"),
                (Some(s), None) => format!("{s}–"),
                (None, Some(e)) => format!("–{e}"),
                (None, None) => String::new(),
            };
            [p.kind.as_str().to_string(), years, p.countries.join(", ")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        }
        Record::Actor(a) => {
            let founded = a.founded.map(|d| format!("founded {d}")).unwrap_or_default();
            [
                a.kind.as_str().to_string(),
                a.country.clone().unwrap_or_default(),
                a.place.clone().unwrap_or_default(),
                founded,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
        }
        Record::Claim(c) => {
            let mut parts = Vec::new();
            if let Some(i) = &c.indicator {
                parts.push(i.clone());
            }
            match (&c.from, &c.to, &c.country) {
                (Some(f), Some(t), _) => parts.push(format!("{f}→{t}")),
                (_, _, Some(c)) => parts.push(c.clone()),
                _ => {}
            }
            if let (Some(rel), Some(v)) = (c.relation, c.value) {
                parts.push(format!(
                    "{} {}{}",
                    rel.as_str(),
                    format_number(v),
                    c.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
                ));
            }
            match (c.base_period, c.period) {
                (Some(b), Some(p)) => parts.push(format!("{b} → {p}")),
                (None, Some(p)) => parts.push(p.to_string()),
                _ => {}
            }
            parts.join(" · ")
        }
        Record::Observation(o) => format!("{} · {}", o.period, o.indicator),
        _ => String::new(),
    };
    Ok(RecordView {
        id: r.id().to_string(),
        kind: r.kind(),
        title: r.title(lang),
        detail,
        sources: source_refs(store, r.citations(), style)?,
    })
}

/// Citations with their sources formatted in `style`.
pub fn source_refs(store: &Store, citations: &[Citation], style: Style) -> Result<Vec<SourceRef>, AnalyticsError> {
    timeline::cite_all(store, citations, style)
}
