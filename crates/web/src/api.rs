//! The HTTP API under `/api/v1`: read endpoints over every analysis, with CSV twins of the
//! tabular ones, and token-guarded writes of curated records. Routes are declared once,
//! in [`crate::openapi::ENDPOINTS`], which builds both the router and the OpenAPI document.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entente_analytics::{By, Policy, SeriesQuery, claims, indicators, timeline};
use entente_cite::Style;
use entente_model::record::RecordKind;
use entente_model::{CountryTable, Dyad};
use entente_report::compare::{Asked, CompareView};
use entente_report::search::SearchParams;
use entente_report::{dyad_view, views};
use entente_store::{EventFilter, WriteMode};
use serde_json::{Value, json};

use crate::AppState;
use crate::analyses::{CompareParams, IndexParams};
use crate::error::ApiError;
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

fn names(lang: &str, code: &str) -> String {
    CountryTable::bundled().name_or_code(code, lang)
}

pub(crate) async fn openapi() -> Response {
    axum::Json(crate::openapi::document()).into_response()
}

pub(crate) async fn countries(Query(q): Pairs, wants: Wants) -> Result<Response, Api> {
    let lang = lang(&q)?;
    let filter = param(&q, "q").map(entente_model::text::fold).filter(|f| !f.is_empty());
    let rows: Vec<Value> = CountryTable::bundled()
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
        .map(|c| {
            json!({
                "alpha3": c.alpha3, "alpha2": c.alpha2, "numeric": c.numeric, "fips": c.fips, "cameo": c.cameo,
                "name": c.name_in(lang), "name_en": c.name_in("en"), "name_fr": c.name_in("fr"),
                "name_ru": c.name_in("ru"), "name_kk": c.name_in("kk"),
            })
        })
        .collect();
    tabular(wants, "countries", json!({ "total": rows.len(), "rows": rows }))
}

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
    let rows: Vec<Value> = p
        .partners
        .iter()
        .map(|x| {
            let mut row = json!({ "code": x.code, "name": x.name, "events": x.events });
            for c in &p.columns {
                let cell = x.values.get(&c.key);
                row[format!("{}.period", c.key)] = json!(cell.map(|v| &v.period));
                row[format!("{}.value", c.key)] = json!(cell.map(|v| v.value));
            }
            row["soft_presence.year"] = json!(x.soft_presence.map(|s| s.0));
            row["soft_presence.value"] = json!(x.soft_presence.map(|s| s.1));
            row
        })
        .collect();
    let body = json!({
        "country": code, "columns": p.columns, "soft_presence_source": p.soft_presence_source, "rows": rows,
    });
    tabular(wants, &format!("partners-{}", p.country), body)
}

pub(crate) async fn datasets(State(state): State<Arc<AppState>>, wants: Wants) -> Result<Response, Api> {
    let rows = state.with_store(|s| Ok(s.datasets()?)).await?;
    tabular(wants, "datasets", json!({ "rows": rows }))
}

pub(crate) async fn dyads(State(state): State<Arc<AppState>>, Query(q): Pairs, wants: Wants) -> Result<Response, Api> {
    let lang = lang(&q)?;
    let list = state.with_store(|s| Ok(s.dyads()?)).await?;
    let rows: Vec<Value> = list
        .iter()
        .map(|d| json!({"a": d.a, "b": d.b, "name_a": names(lang, &d.a), "name_b": names(lang, &d.b), "events": d.events}))
        .collect();
    tabular(wants, "dyads", json!({ "rows": rows }))
}

pub(crate) async fn dyad(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    let view = crate::dashboard::full_dyad_view(&state, &a, &b, &q, true).await?;
    Ok(axum::Json(view).into_response())
}

pub(crate) async fn dyad_timeline(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let dyad = dyad_of(&a, &b)?;
    let filter = EventFilter {
        from_year: year(&q, "from")?,
        to_year: year(&q, "to")?,
        domains: list(&q, "domain"),
        kinds: list(&q, "kind"),
    };
    let d = dyad.clone();
    let t = state.with_store(move |s| Ok(timeline(s, &d, &filter, lang, style)?)).await?;
    let body = json!({ "dyad": t.dyad, "names": t.names, "summary": t.summary, "rows": t.entries });
    tabular(wants, &format!("timeline-{}-{}", dyad.a, dyad.b), body)
}

/// Values of a repeatable parameter, repeated or comma-separated.
pub(crate) fn list(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>())
        .collect()
}

pub(crate) async fn dyad_series(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let dyad = dyad_of(&a, &b)?;
    let by = match param(&q, "by").unwrap_or("month") {
        "month" => By::Month,
        "year" => By::Year,
        other => {
            return Err(ApiError::bad_request("bad_parameter", format!("by \"{other}\" is not month or year")).into());
        }
    };
    let query = SeriesQuery { by, from_year: year(&q, "from")?, to_year: year(&q, "to")? };
    let (d, q) = (&dyad, &query);
    let series = state.query_lake(|engine| async move { engine.series(d, q).await }).await?;
    // A series already keeps its periods in `rows`.
    let body = serde_json::to_value(&series).map_err(|e| ApiError::internal(e.to_string()))?;
    tabular(wants, &format!("series-{}-{}", dyad.a, dyad.b), body)
}

pub(crate) async fn dyad_indicators(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let dyad = dyad_of(&a, &b)?;
    let d = dyad.clone();
    let ind = state.with_store(move |s| Ok(indicators(s, &d, lang, style)?)).await?;
    let rows: Vec<Value> = ind
        .flows
        .iter()
        .flat_map(|f| {
            f.points.iter().map(move |p| {
                json!({
                    "from": f.from, "to": f.to, "indicator": f.indicator, "dataset": f.dataset, "unit": f.unit,
                    "period": p.period, "value": p.value, "change": p.change, "pct_change": p.pct_change,
                    "observation_id": p.observation_id, "source_id": f.source.source_id, "locator": p.locator,
                    "raw_value": p.raw_value,
                })
            })
        })
        .collect();
    let mut body = serde_json::to_value(&ind).map_err(|e| ApiError::internal(e.to_string()))?;
    body["rows"] = Value::Array(rows);
    tabular(wants, &format!("indicators-{}-{}", dyad.a, dyad.b), body)
}

pub(crate) async fn dyad_claims(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let style = style(&q, false)?;
    let dyad = dyad_of(&a, &b)?;
    let d = dyad.clone();
    let list = state.with_store(move |s| Ok(claims(s, &d, &Policy::default(), style)?)).await?;
    let body = json!({ "dyad": dyad, "policy": "data/claims-policy.toml (bundled)", "rows": list });
    tabular(wants, &format!("claims-{}-{}", dyad.a, dyad.b), body)
}

pub(crate) async fn dyad_records(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let dyad = dyad_of(&a, &b)?;
    let params = SearchParams::parse(&q, 50).map_err(|m| ApiError::bad_request("bad_parameter", m))?;
    let page = state
        .with_store(move |s| {
            let view = dyad_view(s, &dyad, lang, style)?;
            Ok(s.browse(&params.to_query(Some(view.record_ids())))?)
        })
        .await?;
    tabular(wants, "records", page_body(page))
}

fn page_body(page: entente_store::RecordPage) -> Value {
    json!({
        "total": page.total, "page": page.page, "per_page": page.per_page, "facets": page.facets, "rows": page.records,
    })
}

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
    tabular(wants, "records", page_body(page))
}

pub(crate) async fn record(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let detail = state
        .with_store(move |s| {
            views::record_detail(s, &id, lang, style)?
                .ok_or_else(|| ApiError::not_found("not_found", format!("no record has id \"{id}\"")))
        })
        .await?;
    Ok(axum::Json(detail).into_response())
}

pub(crate) async fn source(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let detail = state
        .with_store(move |s| {
            views::record_detail(s, &id, lang, style)?
                .filter(|d| d.kind == RecordKind::Source)
                .ok_or_else(|| ApiError::not_found("not_found", format!("no source has id \"{id}\"")))
        })
        .await?;
    Ok(axum::Json(detail).into_response())
}

pub(crate) async fn sources(
    State(state): State<Arc<AppState>>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, true)?);
    let view = state.with_store(move |s| Ok(views::sources_view(s, lang, style)?)).await?;
    tabular(wants, "sources", json!({ "style": view.style, "rows": view.sources }))
}

/// The body of a write: `{"dataset": ..., "kind": ..., "record": {...}}`.
struct WriteBody {
    dataset: Option<String>,
    kind: Option<RecordKind>,
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

/// A partner's figures as one flat row: ranks, scores, then dimensions and raw indicators
/// (nested, so the CSV twin names them `dimensions.<key>` and `indicators.<key>`).
fn partner_row(p: &entente_analytics::compare::PartnerResult) -> Value {
    json!({
        "partner": p.partner, "name": p.name, "score": p.score, "rank": p.rank,
        "rank_median": p.rank_median, "rank_p05": p.rank_p05, "rank_p95": p.rank_p95,
        "score_p05": p.score_p05, "score_p95": p.score_p95, "coverage": p.coverage,
        "dimensions": p.dimensions, "indicators": p.indicators,
    })
}

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
    let rows: Vec<Value> = view.comparison.partners.iter().map(partner_row).collect();
    let mut body = serde_json::to_value(&view).map_err(|e| ApiError::internal(e.to_string()))?;
    body["rows"] = Value::Array(rows);
    let direction = match p.direction {
        entente_analytics::compare::Direction::In => "in",
        entente_analytics::compare::Direction::Out => "out",
    };
    tabular(wants, &format!("compare-{}-{direction}-{}", p.focus, view.comparison.year), body)
}

pub(crate) async fn dyad_index(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let dyad = dyad_of(&a, &b)?;
    let p = IndexParams::parse(&q)?;
    let s = crate::analyses::index(&state, &dyad, &p).await?;
    let rows: Vec<Value> = s
        .years
        .iter()
        .map(|y| {
            let mut row = json!({ "year": y.year, "a": s.a, "b": s.b, "universe": y.universe, "ranked": y.ranked });
            if let (Value::Object(row), Value::Object(more)) = (&mut row, partner_row(&y.result)) {
                row.extend(more.into_iter().filter(|(k, _)| k != "partner" && k != "name"));
            }
            row
        })
        .collect();
    let mut body = serde_json::to_value(&*s).map_err(|e| ApiError::internal(e.to_string()))?;
    body["rows"] = Value::Array(rows);
    tabular(wants, &format!("index-{}-{}", dyad.a, dyad.b), body)
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

pub(crate) async fn dyad_diagnose(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let (lang, style) = (lang(&q)?, style(&q, false)?);
    let dyad = dyad_of(&a, &b)?;
    let year = crate::analyses::bounded(&q, "year", crate::analyses::YEARS)?;
    let d = crate::analyses::diagnosis(&state, &dyad, year, lang, style).await?;
    let rows: Vec<Value> = d
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule, "category": f.category, "topic": f.topic, "status": f.status,
                "sentence": f.sentence, "evidence": evidence_line(f), "why": f.why,
            })
        })
        .collect();
    let mut body = serde_json::to_value(&*d).map_err(|e| ApiError::internal(e.to_string()))?;
    body["rows"] = Value::Array(rows);
    tabular(wants, &format!("diagnose-{}-{}-{}", dyad.a, dyad.b, d.year), body)
}
