//! The HTTP API under `/api/v1`: read endpoints over every analysis, with CSV twins of the
//! tabular ones, and token-guarded writes of curated records. Each handler's `#[utoipa::path]`
//! declares its route, parameters and answer type; `crate::openapi` registers each handler
//! once, which routes it and documents it. An answer is a Rust type that derives its schema,
//! so the document changes when the type does.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path as UrlPath, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entente_analytics::claims::ClaimCheck;
use entente_analytics::compare::{IndexSeries, PartnerResult};
use entente_analytics::country::Column;
use entente_analytics::diagnose::{Diagnosis, FindingStatus};
use entente_analytics::timeline::{SourceRef, Summary, TimelineEntry};
use entente_analytics::{By, Indicators, Policy, Series, SeriesQuery, claims, indicators, timeline};
use entente_cite::Style;
use entente_model::record::RecordKind;
use entente_model::{CountryTable, Dyad};
use entente_report::compare::{Asked, CompareView};
use entente_report::search::SearchParams;
use entente_report::views::{RecordDetail, SourceEntry};
use entente_report::{DyadView, dyad_view, views};
use entente_store::{DatasetInfo, EventFilter, RecordSummary, WriteMode, WriteOutcome};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::AppState;
use crate::analyses::{CompareParams, IndexParams};
use crate::error::ApiError;
use crate::params::*;
use crate::respond::{Wants, tabular};

pub(crate) type Pairs = Query<Vec<(String, String)>>;

/// An API error: always answered as JSON.
pub(crate) struct Api(ApiError);

impl From<ApiError> for Api {
    fn from(e: ApiError) -> Self {
        Api(e.in_json(true))
    }
}

impl From<entente_store::StoreError> for Api {
    fn from(e: entente_store::StoreError) -> Self {
        ApiError::from(e).into()
    }
}

impl From<entente_analytics::AnalyticsError> for Api {
    fn from(e: entente_analytics::AnalyticsError) -> Self {
        ApiError::from(e).into()
    }
}

impl IntoResponse for Api {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

/// The last value given for `key`.
pub(crate) fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `lang`: one of the interface languages (English when absent); any other is refused with
/// the list of supported ones, never quietly answered in English.
pub(crate) fn lang(pairs: &[(String, String)]) -> Result<&'static str, ApiError> {
    entente_report::i18n::lang(param(pairs, "lang")).map_err(ApiError::unsupported_language)
}

/// `style`: gost (default) or apa for pages and reports; the API's sources also take the
/// machine formats.
pub(crate) fn style(pairs: &[(String, String)], machine: bool) -> Result<Style, ApiError> {
    let Some(s) = param(pairs, "style") else { return Ok(Style::Gost) };
    match s.parse::<Style>() {
        Ok(st @ (Style::Gost | Style::Apa)) => Ok(st),
        Ok(st) if machine => Ok(st),
        _ => Err(ApiError::bad_request(
            "bad_style",
            format!("style \"{s}\" is not {}", if machine { "gost, apa, bibtex or csl-json" } else { "gost or apa" }),
        )),
    }
}

fn year(pairs: &[(String, String)], key: &str) -> Result<Option<i32>, ApiError> {
    match param(pairs, key) {
        None | Some("") => Ok(None),
        Some(v) => v.trim().parse::<i32>().ok().filter(|y| (1800..=2200).contains(y)).map(Some).ok_or_else(|| {
            ApiError::bad_request("bad_parameter", format!("{key} \"{v}\" is not a year from 1800 to 2200"))
        }),
    }
}

/// Any code or name of a country, in any of the four languages.
pub(crate) fn country(query: &str) -> Result<String, ApiError> {
    CountryTable::bundled()
        .resolve(query)
        .map(|c| c.alpha3.clone())
        .map_err(|e| ApiError::not_found("unknown_country", e.to_string()))
}

pub(crate) fn dyad_of(a: &str, b: &str) -> Result<Dyad, ApiError> {
    let (a, b) = (country(a)?, country(b)?);
    if a == b {
        return Err(ApiError::bad_request("same_country", "a pair needs two different countries"));
    }
    Ok(Dyad::new(&a, &b))
}

/// What a pair endpoint is asked: the two countries of its address, as typed (any code or
/// name), and its query. Handlers read the pair, language and style from it in their own
/// order, so the first bad parameter is the one answered.
pub(crate) struct PairAsk {
    pub a: String,
    pub b: String,
    pub q: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for PairAsk {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let UrlPath((a, b)) =
            UrlPath::<(String, String)>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let Query(q) = Pairs::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        Ok(PairAsk { a, b, q })
    }
}

impl PairAsk {
    pub(crate) fn dyad(&self) -> Result<Dyad, ApiError> {
        dyad_of(&self.a, &self.b)
    }

    /// The pair with the asked language and citation style, read language first.
    pub(crate) fn read(&self) -> Result<(Dyad, &'static str, Style), ApiError> {
        let (lang, style) = (lang(&self.q)?, style(&self.q, false)?);
        Ok((self.dyad()?, lang, style))
    }
}

/// The file name of a pair's CSV twin: `<what>-<a>-<b>`.
fn pair_file(what: &str, dyad: &Dyad) -> String {
    format!("{what}-{}-{}", dyad.a, dyad.b)
}

fn names(lang: &str, code: &str) -> String {
    CountryTable::bundled().name_or_code(code, lang)
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    operation_id = "openapi",
    summary = "This document",
    description = "The OpenAPI 3.1 document of this API, generated from the handlers and the types they answer with.",
    responses((status = 200, description = "The document.", body = crate::openapi::Document))
)]
pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::openapi::document_text()).into_response()
}

/// Countries with their codes and names.
#[derive(Serialize, ToSchema)]
pub(crate) struct CountryList {
    pub total: usize,
    pub rows: Vec<CountryRow>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct CountryRow {
    pub alpha3: String,
    pub alpha2: String,
    /// ISO 3166-1 numeric, three digits.
    pub numeric: String,
    /// FIPS 10-4, as GDELT writes places.
    pub fips: Option<String>,
    /// CAMEO actor codes standing for the country.
    pub cameo: Vec<String>,
    /// The short name in the asked language.
    pub name: String,
    pub name_en: String,
    pub name_fr: String,
    pub name_ru: String,
    pub name_kk: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/countries",
    operation_id = "countries",
    summary = "Countries",
    description = "Countries with their codes and names in four languages; `q` filters by any code or part of a name.",
    params(CountriesQuery, LangQuery),
    responses((status = 200, description = "The countries.", body = CountryList))
)]
pub(crate) async fn countries(Query(q): Pairs, wants: Wants) -> Result<Response, Api> {
    let lang = lang(&q)?;
    let filter = param(&q, "q").map(entente_model::text::fold).filter(|f| !f.is_empty());
    let rows: Vec<CountryRow> = CountryTable::bundled()
        .all()
        .iter()
        .filter(|c| {
            filter.as_ref().is_none_or(|f| {
                [c.alpha3.as_str(), c.alpha2.as_str()].iter().any(|code| entente_model::text::fold(code) == *f)
                    || ["en", "fr", "ru", "kk"]
                        .iter()
                        .any(|l| entente_model::text::fold(c.name_in(l)).contains(f.as_str()))
                    || c.aliases.iter().any(|a| entente_model::text::fold(a).contains(f.as_str()))
            })
        })
        .map(|c| CountryRow {
            alpha3: c.alpha3.clone(),
            alpha2: c.alpha2.clone(),
            numeric: c.numeric.clone(),
            fips: c.fips.clone(),
            cameo: c.cameo.clone(),
            name: c.name_in(lang).to_string(),
            name_en: c.name_in("en").to_string(),
            name_fr: c.name_in("fr").to_string(),
            name_ru: c.name_in("ru").to_string(),
            name_kk: c.name_in("kk").to_string(),
        })
        .collect();
    tabular(wants, "countries", &CountryList { total: rows.len(), rows })
}

#[utoipa::path(
    get,
    path = "/api/v1/countries/{code}",
    operation_id = "country",
    summary = "A focus country",
    description = "A focus country: names, codes, its Elcano soft presence and its partners with their figures.",
    params(CountryPath, LangQuery, StyleQuery),
    responses((status = 200, description = "The country.", body = views::CountryView))
)]
pub(crate) async fn country_profile(
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let code = country(&code)?;
    let view = state
        .with_store(move |s| {
            views::country_view(s, &code, lang, style)?.ok_or_else(|| ApiError::internal("no country"))
        })
        .await?;
    Ok(axum::Json(view).into_response())
}

/// A focus country's partners, one row each.
#[derive(Serialize, ToSchema)]
pub(crate) struct Partners {
    pub country: String,
    /// The figures each row holds: `<key>.period` and `<key>.value` per column.
    pub columns: Vec<Column>,
    pub soft_presence_source: Option<SourceRef>,
    pub rows: Vec<PartnerFigures>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct PartnerFigures {
    pub code: String,
    pub name: String,
    /// Curated events involving both countries.
    pub events: i64,
    /// Per column key, `<key>.period` (text) and `<key>.value` (number), null where the partner
    /// has none.
    #[serde(flatten)]
    #[schema(value_type = BTreeMap<String, Value>)]
    pub figures: serde_json::Map<String, Value>,
    #[serde(rename = "soft_presence.year")]
    pub soft_presence_year: Option<i32>,
    #[serde(rename = "soft_presence.value")]
    pub soft_presence_value: Option<f64>,
}

#[utoipa::path(
    get,
    path = "/api/v1/countries/{code}/partners",
    operation_id = "partners",
    summary = "A country's partners",
    description = "A focus country's partners side by side: shared events, latest student flows both ways, soft presence.",
    params(CountryPath, LangQuery),
    responses((status = 200, description = "The partners.", body = Partners))
)]
pub(crate) async fn partners(
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let lang = lang(&q)?;
    let code = country(&code)?;
    let c = code.clone();
    let p = state.with_store(move |s| Ok(entente_analytics::country_profile(s, &c, lang, Style::Gost)?)).await?;
    let rows: Vec<PartnerFigures> = p
        .partners
        .iter()
        .map(|x| {
            let mut figures = serde_json::Map::new();
            for c in &p.columns {
                let cell = x.values.get(&c.key);
                figures.insert(format!("{}.period", c.key), cell.map_or(Value::Null, |v| v.period.clone().into()));
                figures.insert(format!("{}.value", c.key), cell.map_or(Value::Null, |v| v.value.into()));
            }
            PartnerFigures {
                code: x.code.clone(),
                name: x.name.clone(),
                events: x.events,
                figures,
                soft_presence_year: x.soft_presence.map(|s| s.0),
                soft_presence_value: x.soft_presence.map(|s| s.1),
            }
        })
        .collect();
    let name = format!("partners-{}", p.country);
    let body = Partners { country: code, columns: p.columns, soft_presence_source: p.soft_presence_source, rows };
    tabular(wants, &name, &body)
}

/// The datasets in the store.
#[derive(Serialize, ToSchema)]
pub(crate) struct DatasetList {
    pub rows: Vec<DatasetInfo>,
}

#[utoipa::path(
    get,
    path = "/api/v1/datasets",
    operation_id = "datasets",
    summary = "Datasets",
    description = "Datasets in the store, with origin and licence.",
    responses((status = 200, description = "The datasets.", body = DatasetList))
)]
pub(crate) async fn datasets(State(state): State<Arc<AppState>>, wants: Wants) -> Result<Response, Api> {
    let rows = state.with_store(|s| Ok(s.datasets()?)).await?;
    tabular(wants, "datasets", &DatasetList { rows })
}

/// Pairs of countries that share events.
#[derive(Serialize, ToSchema)]
pub(crate) struct DyadList {
    pub rows: Vec<DyadRow>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct DyadRow {
    pub a: String,
    pub b: String,
    pub name_a: String,
    pub name_b: String,
    /// Bilateral events.
    pub events: i64,
    /// Events that belong to the pair by context only, not counted in `events`.
    pub context: i64,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads",
    operation_id = "dyads",
    summary = "Pairs of countries",
    description = "Pairs of countries that share events, most events first.",
    params(LangQuery),
    responses((status = 200, description = "The pairs.", body = DyadList))
)]
pub(crate) async fn dyads(State(state): State<Arc<AppState>>, Query(q): Pairs, wants: Wants) -> Result<Response, Api> {
    let lang = lang(&q)?;
    let list = state.with_store(|s| Ok(s.dyads()?)).await?;
    let rows = list
        .into_iter()
        .map(|d| DyadRow {
            name_a: names(lang, &d.a),
            name_b: names(lang, &d.b),
            a: d.a,
            b: d.b,
            events: d.events,
            context: d.context,
        })
        .collect();
    tabular(wants, "dyads", &DyadList { rows })
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}",
    operation_id = "dyad",
    summary = "A pair of countries",
    description = "Everything about a pair: summary, timeline, records, indicators, claims, GDELT series, index, comparison, diagnosis, bibliography.",
    params(PairPath, LangQuery, StyleQuery),
    responses((status = 200, description = "The pair's view.", body = DyadView))
)]
pub(crate) async fn dyad(State(state): State<Arc<AppState>>, pair: PairAsk) -> Result<Response, Api> {
    let view = crate::dashboard::full_dyad_view(&state, &pair, true).await?;
    Ok(axum::Json(view).into_response())
}

/// A pair's dated events in order.
#[derive(Serialize, ToSchema)]
pub(crate) struct TimelineBody {
    pub dyad: Dyad,
    /// The two countries' names in the asked language.
    pub names: [String; 2],
    pub summary: Summary,
    pub rows: Vec<TimelineEntry>,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/timeline",
    operation_id = "timeline",
    summary = "A pair's timeline",
    description = "The pair's dated events in order, with direction, setting and formatted citations.",
    params(PairPath, YearRange, TimelineQuery, LangQuery, StyleQuery),
    responses((status = 200, description = "The timeline.", body = TimelineBody))
)]
pub(crate) async fn dyad_timeline(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let (dyad, lang, style) = pair.read()?;
    let q = &pair.q;
    let filter = EventFilter {
        from_year: year(q, "from")?,
        to_year: year(q, "to")?,
        domains: list(q, "domain"),
        kinds: list(q, "kind"),
    };
    let name = pair_file("timeline", &dyad);
    let t = state.with_store(move |s| Ok(timeline(s, &dyad, &filter, lang, style)?)).await?;
    let body = TimelineBody { dyad: t.dyad, names: t.names, summary: t.summary, rows: t.entries };
    tabular(wants, &name, &body)
}

/// Values of a repeatable parameter, repeated or comma-separated.
pub(crate) fn list(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>())
        .collect()
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/series",
    operation_id = "series",
    summary = "A pair's GDELT series",
    description = "GDELT events between the pair per period and direction, with QuadClass and CAMEO root counts.",
    params(PairPath, SeriesPeriod, YearRange),
    responses((status = 200, description = "The series.", body = Series))
)]
pub(crate) async fn dyad_series(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let dyad = pair.dyad()?;
    let q = &pair.q;
    let by = match param(q, "by").unwrap_or("month") {
        "month" => By::Month,
        "year" => By::Year,
        other => {
            return Err(ApiError::bad_request("bad_parameter", format!("by \"{other}\" is not month or year")).into());
        }
    };
    let query = SeriesQuery { by, from_year: year(q, "from")?, to_year: year(q, "to")? };
    let (d, q) = (&dyad, &query);
    let series = state.query_lake(|engine| async move { engine.series(d, q).await }).await?;
    // A series already keeps its periods in `rows`.
    tabular(wants, &pair_file("series", &dyad), &series)
}

/// A pair's indicators, with one row per point of each flow.
#[derive(Serialize, ToSchema)]
pub(crate) struct IndicatorsBody {
    #[serde(flatten)]
    pub indicators: Indicators,
    pub rows: Vec<FlowRow>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FlowRow {
    pub from: String,
    pub to: String,
    pub indicator: String,
    pub dataset: String,
    pub unit: String,
    pub period: String,
    pub value: f64,
    /// From the previous point.
    pub change: Option<f64>,
    pub pct_change: Option<f64>,
    pub observation_id: String,
    pub source_id: String,
    pub locator: String,
    /// The figure as the file gives it, when entente corrected it (see `data/SOURCES.md`).
    pub raw_value: Option<f64>,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/indicators",
    operation_id = "indicators",
    summary = "A pair's indicators",
    description = "Student flows both ways (with change and growth), shares and ranks, Elcano soft presence. Rows: one per flow point.",
    params(PairPath, LangQuery, StyleQuery),
    responses((status = 200, description = "The indicators.", body = IndicatorsBody))
)]
pub(crate) async fn dyad_indicators(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let (dyad, lang, style) = pair.read()?;
    let name = pair_file("indicators", &dyad);
    let ind = state.with_store(move |s| Ok(indicators(s, &dyad, lang, style)?)).await?;
    let rows: Vec<FlowRow> = ind
        .flows
        .iter()
        .flat_map(|f| {
            f.points.iter().map(move |p| FlowRow {
                from: f.from.clone(),
                to: f.to.clone(),
                indicator: f.indicator.clone(),
                dataset: f.dataset.clone(),
                unit: f.unit.clone(),
                period: p.period.clone(),
                value: p.value,
                change: p.change,
                pct_change: p.pct_change,
                observation_id: p.observation_id.clone(),
                source_id: f.source.source_id.clone(),
                locator: p.locator.clone(),
                raw_value: p.raw_value,
            })
        })
        .collect();
    tabular(wants, &name, &IndicatorsBody { indicators: ind, rows })
}

/// The claims about a pair, each with its verdict.
#[derive(Serialize, ToSchema)]
pub(crate) struct ClaimsBody {
    pub dyad: Dyad,
    /// The policy the claims were checked under.
    pub policy: &'static str,
    pub rows: Vec<ClaimCheck>,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/claims",
    operation_id = "claims",
    summary = "Claims about a pair",
    description = "Claims about the pair set beside the data, each with a verdict and its reasoning.",
    params(PairPath, StyleQuery),
    responses((status = 200, description = "The claims.", body = ClaimsBody))
)]
pub(crate) async fn dyad_claims(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let style = style(&pair.q, false)?;
    let dyad = pair.dyad()?;
    let d = dyad.clone();
    let rows = state.with_store(move |s| Ok(claims(s, &d, &Policy::default(), style)?)).await?;
    let name = pair_file("claims", &dyad);
    tabular(wants, &name, &ClaimsBody { dyad, policy: "data/claims-policy.toml (bundled)", rows })
}

/// A page of records, with the counts per facet value of the whole result.
#[derive(Serialize, ToSchema)]
pub(crate) struct RecordList {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    /// Counts per value of kind, dataset, domain, status, year and origin.
    pub facets: BTreeMap<String, BTreeMap<String, usize>>,
    pub rows: Vec<RecordSummary>,
}

impl From<entente_store::RecordPage> for RecordList {
    fn from(page: entente_store::RecordPage) -> Self {
        RecordList {
            total: page.total,
            page: page.page,
            per_page: page.per_page,
            facets: page.facets,
            rows: page.records,
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/records",
    operation_id = "dyad_records",
    summary = "Search a pair's records",
    description = "Search among the records a pair's page shows, with facets and pages.",
    params(PairPath, SearchQuery, PageQuery, LangQuery, StyleQuery),
    responses((status = 200, description = "A page of records.", body = RecordList))
)]
pub(crate) async fn dyad_records(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let (dyad, lang, style) = pair.read()?;
    let params = SearchParams::parse(&pair.q, 50).map_err(|m| ApiError::bad_request("bad_parameter", m))?;
    let page = state
        .with_store(move |s| {
            let view = dyad_view(s, &dyad, lang, style)?;
            Ok(s.browse(&params.to_query(Some(view.record_ids())))?)
        })
        .await?;
    tabular(wants, "records", &RecordList::from(page))
}

#[utoipa::path(
    get,
    path = "/api/v1/records",
    operation_id = "records",
    summary = "Search records",
    description = "Search all records: words, facets (kind, domain, status, year, origin, dataset), pages.",
    params(SearchQuery, PageQuery, LangQuery),
    responses((status = 200, description = "A page of records.", body = RecordList))
)]
pub(crate) async fn records(
    State(state): State<Arc<AppState>>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    // The rows do not depend on the language, but an unsupported one is refused here as on
    // every route that takes it.
    lang(&q)?;
    let params = SearchParams::parse(&q, 50).map_err(|m| ApiError::bad_request("bad_parameter", m))?;
    let page = state.with_store(move |s| Ok(s.browse(&params.to_query(None))?)).await?;
    tabular(wants, "records", &RecordList::from(page))
}

#[utoipa::path(
    get,
    path = "/api/v1/records/{id}",
    operation_id = "record",
    summary = "A record",
    description = "One record as stored, with its formatted sources and the records pointing at it.",
    params(RecordPath, LangQuery, StyleQuery),
    responses((status = 200, description = "The record.", body = RecordDetail))
)]
pub(crate) async fn record(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    detail(&state, id, &q, None).await
}

/// One record's detail; with `kind`, only a record of that kind ("no source has id …").
async fn detail(
    state: &Arc<AppState>,
    id: String,
    q: &[(String, String)],
    kind: Option<RecordKind>,
) -> Result<Response, Api> {
    let (lang, style) = (lang(q)?, style(q, false)?);
    let detail = state
        .with_store(move |s| {
            views::record_detail(s, &id, lang, style)?.filter(|d| kind.is_none_or(|k| d.kind == k)).ok_or_else(|| {
                let what = kind.map_or("record", RecordKind::as_str);
                ApiError::not_found("not_found", format!("no {what} has id \"{id}\""))
            })
        })
        .await?;
    Ok(axum::Json(detail).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/sources/{id}",
    operation_id = "source",
    summary = "A source",
    description = "One source: citation in GOST and APA, BibTeX, CSL-JSON, and the records citing it.",
    params(SourcePath, LangQuery, StyleQuery),
    responses((status = 200, description = "The source.", body = RecordDetail))
)]
pub(crate) async fn source(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    detail(&state, id, &q, Some(RecordKind::Source)).await
}

/// Every source, cited in one style.
#[derive(Serialize, ToSchema)]
pub(crate) struct SourceList {
    pub style: String,
    pub rows: Vec<SourceEntry>,
}

#[utoipa::path(
    get,
    path = "/api/v1/sources",
    operation_id = "sources",
    summary = "Sources",
    description = "Every source with its citation in the chosen style and how many records cite it.",
    params(SourceStyleQuery, LangQuery),
    responses((status = 200, description = "The sources.", body = SourceList))
)]
pub(crate) async fn sources(
    State(state): State<Arc<AppState>>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, true)?);
    let view = state.with_store(move |s| Ok(views::sources_view(s, lang, style)?)).await?;
    tabular(wants, "sources", &SourceList { style: view.style, rows: view.sources })
}

/// The body of a write. It is read field by field, so that each refusal names its field.
#[derive(ToSchema)]
#[schema(as = WriteRequest)]
pub(crate) struct WriteBody {
    /// Dataset to write into (created if new); required to create.
    dataset: Option<String>,
    /// Required to create; an update keeps the stored kind.
    kind: Option<RecordKind>,
    /// The record's fields, as in a dataset file (see dataset/fra-kaz).
    #[schema(value_type = Object)]
    record: Value,
}

fn write_body(bytes: &[u8]) -> Result<WriteBody, ApiError> {
    let bad = |m: String| ApiError::bad_request("bad_body", m);
    let v: Value = serde_json::from_slice(bytes).map_err(|e| bad(format!("the body is not JSON: {e}")))?;
    let Value::Object(mut map) = v else {
        return Err(bad("the body must be a JSON object with dataset, kind and record".into()));
    };
    for key in map.keys() {
        if !["dataset", "kind", "record"].contains(&key.as_str()) {
            return Err(bad(format!("unknown field \"{key}\"; a write takes dataset, kind and record")));
        }
    }
    let dataset = match map.remove("dataset") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(bad("dataset must be a string".into())),
    };
    let kind = match map.remove("kind") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(RecordKind::parse(&s).ok_or_else(|| {
            bad(format!("kind \"{s}\" is not one of source, actor, programme, event, observation, claim"))
        })?),
        Some(_) => return Err(bad("kind must be a string".into())),
    };
    let record = map.remove("record").ok_or_else(|| bad("the body has no record".into()))?;
    Ok(WriteBody { dataset, kind, record })
}

/// Reads the record with the loader's field rules; every field problem is reported.
fn read_record(kind: RecordKind, value: &Value) -> Result<entente_model::Record, ApiError> {
    let read = entente_model::input::read_record(kind, value);
    match read.record {
        Some(r) if read.problems.is_empty() => Ok(r),
        _ => {
            let problems = read
                .problems
                .into_iter()
                .map(|p| entente_model::validate::Problem {
                    kind,
                    id: read.id.clone().unwrap_or_default(),
                    field: p.field,
                    message: p.message,
                })
                .collect();
            Err(entente_store::StoreError::Invalid(problems).into())
        }
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/records",
    operation_id = "create_record",
    summary = "Create a record",
    description = "Create a curated record. Checked like a dataset file; written in one transaction.",
    request_body = WriteBody,
    responses((status = 201, description = "Created; `Location` names the record.", body = WriteOutcome)),
    security(("bearer" = []))
)]
pub(crate) async fn create_record(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Api> {
    state.authorize(&headers)?;
    let w = write_body(&body)?;
    let kind = w.kind.ok_or_else(|| ApiError::bad_request("bad_body", "a new record needs its kind"))?;
    let dataset = w.dataset.ok_or_else(|| ApiError::bad_request("bad_body", "a new record needs its dataset"))?;
    let record = read_record(kind, &w.record)?;
    let outcome = state.with_store_mut(move |s| Ok(s.write_record(&dataset, &record, WriteMode::Create)?)).await?;
    let location = format!("/api/v1/records/{}", outcome.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], axum::Json(outcome)).into_response())
}

#[utoipa::path(
    put,
    path = "/api/v1/records/{id}",
    operation_id = "update_record",
    summary = "Replace a record",
    description = "Replace a curated record (same kind and dataset). Checked like a dataset file.",
    params(RecordPath),
    request_body = WriteBody,
    responses((status = 200, description = "Replaced, or unchanged when it was stored so already.", body = WriteOutcome)),
    security(("bearer" = []))
)]
pub(crate) async fn update_record(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Api> {
    state.authorize(&headers)?;
    let mut w = write_body(&body)?;
    match w.record.get("id") {
        None | Some(Value::Null) => {
            if let Value::Object(map) = &mut w.record {
                map.insert("id".into(), Value::String(id.clone()));
            }
        }
        Some(Value::String(s)) if *s == id => {}
        Some(other) => {
            return Err(ApiError::bad_request(
                "bad_body",
                format!("the record's id {other} is not the id in the address, \"{id}\""),
            )
            .into());
        }
    }
    let outcome = state
        .with_store_mut(move |s| {
            let current =
                s.record(&id)?.ok_or_else(|| ApiError::not_found("not_found", format!("no record has id \"{id}\"")))?;
            let kind = w.kind.unwrap_or(current.record.kind());
            let dataset = w.dataset.unwrap_or(current.dataset);
            let record = read_record(kind, &w.record)?;
            Ok(s.write_record(&dataset, &record, WriteMode::Update)?)
        })
        .await?;
    Ok(axum::Json(outcome).into_response())
}

/// A partner's figures on the index: ranks, scores, then dimensions and raw indicators (nested,
/// so the CSV twin names them `dimensions.<key>` and `indicators.<key>`).
#[derive(Serialize, ToSchema)]
pub(crate) struct IndexFigures {
    pub score: Option<f64>,
    pub rank: Option<usize>,
    pub rank_median: Option<f64>,
    pub rank_p05: Option<f64>,
    pub rank_p95: Option<f64>,
    pub score_p05: Option<f64>,
    pub score_p95: Option<f64>,
    pub coverage: f64,
    pub dimensions: BTreeMap<String, Option<f64>>,
    pub indicators: BTreeMap<String, Option<f64>>,
}

impl From<&PartnerResult> for IndexFigures {
    fn from(p: &PartnerResult) -> Self {
        IndexFigures {
            score: p.score,
            rank: p.rank,
            rank_median: p.rank_median,
            rank_p05: p.rank_p05,
            rank_p95: p.rank_p95,
            score_p05: p.score_p05,
            score_p95: p.score_p95,
            coverage: p.coverage,
            dimensions: p.dimensions.clone(),
            indicators: p.indicators.clone(),
        }
    }
}

/// One partner of a comparison as one flat row.
#[derive(Serialize, ToSchema)]
pub(crate) struct PartnerRow {
    pub partner: String,
    pub name: String,
    #[serde(flatten)]
    pub figures: IndexFigures,
}

/// A comparison, with one row per partner shown.
#[derive(Serialize, ToSchema)]
pub(crate) struct ComparisonBody {
    #[serde(flatten)]
    pub view: CompareView,
    pub rows: Vec<PartnerRow>,
}

#[utoipa::path(
    get,
    path = "/api/v1/countries/{code}/compare",
    operation_id = "compare",
    summary = "A country's partners on the index",
    description = "A country's partners on the bilateral cultural cooperation index: score, rank and its 5–95 % Monte Carlo interval, coverage, dimension scores, every raw value with its source, the indicators left out and why, the sensitivity, and the configuration's name, version and SHA-256. Rows: one per partner, indicators flattened.",
    params(CountryPath, CompareQuery, DrawsQuery, LangQuery),
    responses((status = 200, description = "The comparison.", body = ComparisonBody))
)]
pub(crate) async fn country_compare(
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let p = CompareParams::parse(&code, &q)?;
    let c = crate::analyses::comparison(&state, &p).await?;
    let asked = Asked { year: p.year, partners: p.partners.clone(), top: p.top };
    let view = CompareView::new((*c).clone(), p.lang, asked);
    let rows = view
        .comparison
        .partners
        .iter()
        .map(|r| PartnerRow { partner: r.partner.clone(), name: r.name.clone(), figures: r.into() })
        .collect();
    let direction = match p.direction {
        entente_analytics::compare::Direction::In => "in",
        entente_analytics::compare::Direction::Out => "out",
    };
    let name = format!("compare-{}-{direction}-{}", p.focus, view.comparison.year);
    tabular(wants, &name, &ComparisonBody { view, rows })
}

/// A pair's index over the years, with one row per year.
#[derive(Serialize, ToSchema)]
pub(crate) struct IndexBody {
    #[serde(flatten)]
    pub series: IndexSeries,
    pub rows: Vec<IndexRow>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct IndexRow {
    pub year: i32,
    pub a: String,
    pub b: String,
    /// How many partners of B were ranked against each other, and how many had a score.
    pub universe: usize,
    pub ranked: usize,
    #[serde(flatten)]
    pub figures: IndexFigures,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/index",
    operation_id = "dyad_index",
    summary = "A pair's index over the years",
    description = "The index of A projecting into B each year, A ranked among all of B's partners. Rows: one per year.",
    params(PairPath, IndexQuery, DrawsQuery, LangQuery),
    responses((status = 200, description = "The index series.", body = IndexBody))
)]
pub(crate) async fn dyad_index(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let dyad = pair.dyad()?;
    let p = IndexParams::parse(&pair.q)?;
    let s = crate::analyses::index(&state, &dyad, &p).await?;
    let rows = s
        .years
        .iter()
        .map(|y| IndexRow {
            year: y.year,
            a: s.a.clone(),
            b: s.b.clone(),
            universe: y.universe,
            ranked: y.ranked,
            figures: (&y.result).into(),
        })
        .collect();
    tabular(wants, &pair_file("index", &dyad), &IndexBody { series: (*s).clone(), rows })
}

/// A finding's evidence in one line: each figure with its period and source.
fn evidence_line(f: &entente_analytics::diagnose::Finding) -> String {
    f.evidence
        .iter()
        .map(|e| {
            let mut s = format!("{} = {}", e.name, entente_report::compare::value_text(e.value));
            if let Some(of) = e.of {
                s.push_str(&format!(" / {of}"));
            }
            if let Some(p) = &e.period {
                s.push_str(&format!(" ({p})"));
            }
            if let Some(src) = &e.source {
                s.push_str(&format!(" [{}: {}]", src.source_id, src.locator));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A pair's diagnosis, with one row per finding.
#[derive(Serialize, ToSchema)]
pub(crate) struct DiagnosisBody {
    #[serde(flatten)]
    pub diagnosis: Diagnosis,
    pub rows: Vec<FindingRow>,
}

#[derive(Serialize, ToSchema)]
pub(crate) struct FindingRow {
    pub rule: String,
    pub category: String,
    pub topic: String,
    pub status: FindingStatus,
    pub sentence: String,
    /// Each figure with its period and source, in one line.
    pub evidence: String,
    pub why: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/dyads/{a}/{b}/diagnose",
    operation_id = "dyad_diagnose",
    summary = "A pair's diagnosis",
    description = "Strengths, weaknesses, barriers and prospects of A projecting into B from the rules in data/diagnose-rules.toml, each with its status and evidence, beside the judgements the sources make. Rows: one per finding.",
    params(PairPath, DiagnoseQuery, LangQuery, StyleQuery),
    responses((status = 200, description = "The diagnosis.", body = DiagnosisBody))
)]
pub(crate) async fn dyad_diagnose(
    State(state): State<Arc<AppState>>,
    pair: PairAsk,
    wants: Wants,
) -> Result<Response, Api> {
    let (dyad, lang, style) = pair.read()?;
    let year = crate::analyses::bounded(&pair.q, "year", crate::analyses::YEARS)?;
    let d = crate::analyses::diagnosis(&state, &dyad, year, lang, style).await?;
    let rows = d
        .findings
        .iter()
        .map(|f| FindingRow {
            rule: f.rule.clone(),
            category: f.category.clone(),
            topic: f.topic.clone(),
            status: f.status,
            sentence: f.sentence.clone(),
            evidence: evidence_line(f),
            why: f.why.clone(),
        })
        .collect();
    let name = format!("{}-{}", pair_file("diagnose", &dyad), d.year);
    tabular(wants, &name, &DiagnosisBody { diagnosis: (*d).clone(), rows })
}
