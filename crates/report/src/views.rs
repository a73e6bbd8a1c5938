//! The views of the dashboard's other pages, as data: one record with what it cites and
//! what points at it, every source with its formatted citation, and a focus country with
//! its partners. Each is the JSON twin of its page.

use std::collections::BTreeMap;

use entente_analytics::timeline::SourceRef;
use entente_analytics::{AnalyticsError, CountryProfile, country_profile};
use entente_cite::{Style, bibtex_entry, csl_item, format, sort_for};
use entente_model::record::{Record, RecordKind};
use entente_model::{CountryTable, Dyad};
use entente_store::{Reference, Store};
use serde::Serialize;

use crate::dyad::source_refs;

/// A source formatted in one style: plain text, and HTML for pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormattedCitation {
    pub style: &'static str,
    pub text: String,
    #[serde(skip)]
    pub html: String,
}

/// One record, in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordDetail {
    pub id: String,
    pub kind: RecordKind,
    pub dataset: String,
    pub title: String,
    pub lang: String,
    /// The record's fields, as a dataset file or an API write takes them.
    pub record: serde_json::Value,
    /// What it cites, formatted in the page's style.
    pub sources: Vec<SourceRef>,
    /// The records pointing at it.
    pub referenced_by: Vec<Reference>,
    /// For a source: its citation in GOST and APA, its BibTeX entry and CSL-JSON item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<FormattedCitation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bibtex: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csl: Option<serde_json::Value>,
    /// For an event: the pairs of countries it involves, for links to their pages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<Dyad>,
}

/// The record `id` with its sources and the records pointing at it; `None` when absent.
pub fn record_detail(
    store: &Store,
    id: &str,
    lang: &str,
    style: Style,
) -> Result<Option<RecordDetail>, AnalyticsError> {
    let Some(stored) = store.record(id)? else { return Ok(None) };
    let r = &stored.record;
    // The fields as a dataset file or a write takes them: without the kind tag.
    let mut record = serde_json::to_value(r).unwrap_or(serde_json::Value::Null);
    if let Some(map) = record.as_object_mut() {
        map.remove("record");
    }
    let mut detail = RecordDetail {
        id: r.id().to_string(),
        kind: r.kind(),
        dataset: stored.dataset.clone(),
        title: r.title(lang),
        lang: lang.to_string(),
        record,
        sources: source_refs(store, r.citations(), style)?,
        referenced_by: store.referencing(id)?,
        citations: Vec::new(),
        bibtex: None,
        csl: None,
        pairs: Vec::new(),
    };
    match r {
        Record::Source(s) => {
            detail.citations = [Style::Gost, Style::Apa]
                .into_iter()
                .map(|st| {
                    let f = format(s, st);
                    FormattedCitation { style: st.as_str(), text: f.plain(), html: f.html() }
                })
                .collect();
            detail.bibtex = Some(bibtex_entry(s));
            detail.csl = Some(csl_item(s));
        }
        Record::Event(e) => {
            let countries = e.involved_countries();
            for (i, a) in countries.iter().enumerate() {
                for b in &countries[i + 1..] {
                    detail.pairs.push(Dyad::new(a, b));
                }
            }
        }
        _ => {}
    }
    Ok(Some(detail))
}

/// One source in the sources list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SourceEntry {
    pub id: String,
    pub kind: String,
    pub citation: String,
    #[serde(skip)]
    pub html: String,
    /// How many records cite it.
    pub cited_by: usize,
}

/// Every source, in the style's bibliography order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcesView {
    pub lang: String,
    pub style: String,
    pub sources: Vec<SourceEntry>,
}

/// Every source in `style`: in bibliography order for GOST and APA, each entry formatted as
/// text and HTML; in id order for BibTeX and CSL-JSON, each entry as the style writes it.
pub fn sources_view(store: &Store, lang: &str, style: Style) -> Result<SourcesView, AnalyticsError> {
    let mut sources = store.sources()?;
    let counts = store.citation_counts()?;
    let cited_by = |id: &str| counts.get(id).copied().unwrap_or(0);
    let sources = match style {
        Style::Gost | Style::Apa => {
            sort_for(style, &mut sources);
            sources
                .iter()
                .map(|s| {
                    let f = format(s, style);
                    SourceEntry {
                        id: s.id.clone(),
                        kind: s.kind.as_str().to_string(),
                        citation: f.plain(),
                        html: f.html(),
                        cited_by: cited_by(&s.id),
                    }
                })
                .collect()
        }
        Style::Bibtex | Style::CslJson => {
            sources.sort_by(|a, b| a.id.cmp(&b.id));
            sources
                .iter()
                .map(|s| SourceEntry {
                    id: s.id.clone(),
                    kind: s.kind.as_str().to_string(),
                    citation: match style {
                        Style::Bibtex => bibtex_entry(s),
                        _ => csl_item(s).to_string(),
                    },
                    html: String::new(),
                    cited_by: cited_by(&s.id),
                })
                .collect()
        }
    };
    Ok(SourcesView { lang: lang.to_string(), style: style.as_str().to_string(), sources })
}

/// The codes that name a country in the feeds entente reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryCodes {
    pub alpha2: String,
    pub alpha3: String,
    pub numeric: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fips: Option<String>,
    pub cameo: Vec<String>,
}

/// A focus country: its names and codes, its own soft presence, and its partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryView {
    pub names: BTreeMap<String, String>,
    pub codes: CountryCodes,
    #[serde(flatten)]
    pub profile: CountryProfile,
}

/// The view of `alpha3`; `None` when no country has that code.
pub fn country_view(
    store: &Store,
    alpha3: &str,
    lang: &str,
    style: Style,
) -> Result<Option<CountryView>, AnalyticsError> {
    let Some(c) = CountryTable::bundled().by_alpha3(alpha3) else { return Ok(None) };
    let names = crate::i18n::LANGS.iter().map(|l| (l.to_string(), c.name_in(l).to_string())).collect();
    let codes = CountryCodes {
        alpha2: c.alpha2.clone(),
        alpha3: c.alpha3.clone(),
        numeric: c.numeric.clone(),
        fips: c.fips.clone(),
        cameo: c.cameo.clone(),
    };
    Ok(Some(CountryView { names, codes, profile: country_profile(store, alpha3, lang, style)? }))
}

/// The review queue: candidates the text coder found, with the countries' names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewView {
    pub lang: String,
    /// `pending`, `accepted`, `rejected` or `all`.
    pub state: String,
    /// How many candidates are in each state.
    pub counts: BTreeMap<String, usize>,
    pub candidates: Vec<ReviewRow>,
}

/// One candidate in the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRow {
    #[serde(flatten)]
    pub candidate: entente_store::StoredCandidate,
    /// The two countries' names in the view's language.
    pub names: [String; 2],
}

/// The candidates in `state` (`None`: all), most confident first, at most `limit`.
pub fn review_view(
    store: &Store,
    lang: &str,
    state: Option<entente_model::ReviewState>,
    limit: usize,
) -> Result<ReviewView, AnalyticsError> {
    let countries = CountryTable::bundled();
    let filter = entente_store::CandidateFilter { state, pair: None, limit, offset: 0 };
    let candidates = store
        .candidates(&filter)?
        .into_iter()
        .map(|c| {
            let names = [
                countries.name_or_code(&c.candidate.countries[0], lang),
                countries.name_or_code(&c.candidate.countries[1], lang),
            ];
            ReviewRow { candidate: c, names }
        })
        .collect();
    let counts = store.candidate_counts()?.into_iter().map(|(s, n)| (s.as_str().to_string(), n)).collect();
    Ok(ReviewView {
        lang: lang.to_string(),
        state: state.map(|s| s.as_str()).unwrap_or("all").to_string(),
        counts,
        candidates,
    })
}
