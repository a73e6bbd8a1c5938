//! The review queue over HTTP: the dashboard's `/review` page (and its JSON twin), the API's
//! listing of candidates, and the token-guarded accept and reject.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entente_model::{Acceptance, PartialDate, ReviewState};
use entente_report::{pages, views};
use entente_store::{Accepted, CandidateFilter, StoredCandidate};
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::{Api, Pairs, country, lang, param};
use crate::error::ApiError;
use crate::params::{CandidatePath, CandidatesQuery, PageQuery, RejectedPath};
use crate::respond::{Wants, tabular};

/// Candidates a page shows at most.
const PAGE_LIMIT: usize = 200;

fn state_param(q: &[(String, String)]) -> Result<Option<ReviewState>, ApiError> {
    match param(q, "state").unwrap_or("pending") {
        "all" => Ok(None),
        s => ReviewState::parse(s).map(Some).ok_or_else(|| {
            ApiError::bad_request(
                "bad_parameter",
                format!("state must be pending, accepted, rejected or all, not \"{s}\""),
            )
        }),
    }
}

fn bounded(q: &[(String, String)], key: &str, default: usize, max: usize) -> Result<usize, ApiError> {
    match param(q, key) {
        None => Ok(default),
        Some(v) => v.parse::<usize>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
            ApiError::bad_request("bad_parameter", format!("{key} must be a whole number from 1 to {max}, not \"{v}\""))
        }),
    }
}

async fn review_view(state: &Arc<AppState>, q: &[(String, String)], json: bool) -> Result<views::ReviewView, ApiError> {
    let lang = lang(q).map_err(|e| e.in_json(json))?;
    let wanted = state_param(q).map_err(|e| e.in_json(json).in_lang(lang))?;
    state
        .with_store(move |s| Ok(views::review_view(s, lang, wanted, PAGE_LIMIT)?))
        .await
        .map_err(|e| e.in_json(json).in_lang(lang))
}

pub(crate) async fn review_page(State(state): State<Arc<AppState>>, Query(q): Pairs) -> Result<Response, ApiError> {
    let view = review_view(&state, &q, false).await?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], pages::review(&view).into_string()).into_response())
}

pub(crate) async fn review_json(State(state): State<Arc<AppState>>, Query(q): Pairs) -> Result<Response, ApiError> {
    Ok(axum::Json(review_view(&state, &q, true).await?).into_response())
}

/// A page of the review queue, with the counts per state.
#[derive(Serialize, ToSchema)]
pub(crate) struct CandidatePage {
    /// `pending`, `accepted`, `rejected` or `all`.
    pub state: &'static str,
    pub page: usize,
    pub per_page: usize,
    /// How many candidates are in each state.
    pub counts: BTreeMap<String, usize>,
    pub rows: Vec<StoredCandidate>,
}

#[utoipa::path(
    get,
    path = "/api/v1/candidates",
    operation_id = "candidates",
    summary = "The review queue",
    description = "The review queue: events the text coder found (`entente code --store`), most confident first, with the counts per state. Candidates are not records until accepted.",
    params(CandidatesQuery, PageQuery),
    responses((status = 200, description = "A page of candidates.", body = CandidatePage))
)]
pub(crate) async fn candidates(
    State(state): State<Arc<AppState>>,
    Query(q): Pairs,
    wants: Wants,
) -> Result<Response, Api> {
    let wanted = state_param(&q)?;
    let per_page = bounded(&q, "per_page", 50, 500)?;
    let page = bounded(&q, "page", 1, 1_000_000)?;
    let pair = match (param(&q, "a"), param(&q, "b")) {
        (Some(a), Some(b)) => Some((country(a)?, country(b)?)),
        (None, None) => None,
        _ => return Err(ApiError::bad_request("bad_parameter", "give both a and b, or neither").into()),
    };
    let filter = CandidateFilter { state: wanted, pair, limit: per_page, offset: (page - 1) * per_page };
    let (rows, counts) = state.with_store(move |s| Ok((s.candidates(&filter)?, s.candidate_counts()?))).await?;
    let body = CandidatePage {
        state: wanted.map(ReviewState::as_str).unwrap_or("all"),
        page,
        per_page,
        counts: counts.into_iter().map(|(s, n)| (s.as_str().to_string(), n)).collect(),
        rows,
    };
    tabular(wants, "candidates", &body)
}

#[utoipa::path(
    get,
    path = "/api/v1/candidates/{id}",
    operation_id = "candidate",
    summary = "A candidate",
    description = "One candidate: evidence span and text, trigger, document, confidence, state and decision.",
    params(CandidatePath),
    responses((status = 200, description = "The candidate.", body = StoredCandidate))
)]
pub(crate) async fn candidate(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, Api> {
    let found = state
        .with_store(move |s| {
            s.candidate(&id)?.ok_or_else(|| ApiError::not_found("not_found", format!("no candidate has id \"{id}\"")))
        })
        .await?;
    Ok(axum::Json(found).into_response())
}

/// The JSON object of a decision's body (an empty body is an empty object), refusing
/// fields that are not in `known`.
fn decision_body(bytes: &[u8], known: &[&str]) -> Result<Map<String, Value>, ApiError> {
    let bad = |m: String| ApiError::bad_request("bad_body", m);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let Value::Object(map) = serde_json::from_slice(bytes).map_err(|e| bad(format!("the body is not JSON: {e}")))?
    else {
        return Err(bad("the body must be a JSON object".into()));
    };
    if let Some(key) = map.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(bad(format!("unknown field \"{key}\"; this takes {}", known.join(", "))));
    }
    Ok(map)
}

fn text_field(map: &Map<String, Value>, key: &str) -> Result<Option<String>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::bad_request("bad_body", format!("{key} must be a string"))),
    }
}

const ACCEPT_FIELDS: [&str; 8] = ["date", "kind", "domains", "title", "title_lang", "host", "source_title", "reviewer"];

fn acceptance(map: &Map<String, Value>) -> Result<Acceptance, ApiError> {
    let bad = |m: String| ApiError::bad_request("bad_body", m);
    let date = text_field(map, "date")?
        .map(|d| d.parse::<PartialDate>().map_err(|e| bad(format!("date: {e}"))))
        .transpose()?;
    let kind = text_field(map, "kind")?.map(|k| k.parse().map_err(|e| bad(format!("kind: {e}")))).transpose()?;
    let host = text_field(map, "host")?.map(|h| country(&h)).transpose()?;
    let domains = match map.get("domains") {
        None | Some(Value::Null) => None,
        Some(Value::Array(list)) => Some(
            list.iter()
                .map(|d| {
                    d.as_str()
                        .ok_or_else(|| bad("domains must be a list of strings".into()))?
                        .parse()
                        .map_err(|e| bad(format!("domains: {e}")))
                })
                .collect::<Result<Vec<_>, ApiError>>()?,
        ),
        Some(_) => return Err(bad("domains must be a list of strings".into())),
    };
    let title_lang = text_field(map, "title_lang")?;
    if let Some(l) = &title_lang
        && !["en", "fr", "ru", "kk"].contains(&l.as_str())
    {
        return Err(bad(format!("title_lang must be en, fr, ru or kk, not \"{l}\"")));
    }
    Ok(Acceptance {
        date,
        kind,
        domains,
        title: text_field(map, "title")?,
        title_lang,
        host,
        source_title: text_field(map, "source_title")?,
        reviewer: text_field(map, "reviewer")?,
    })
}

/// The candidate becomes a curated event (and its document a source), checked like any
/// record, in one transaction.
#[utoipa::path(
    post,
    path = "/api/v1/candidates/{id}/accept",
    operation_id = "accept_candidate",
    summary = "Accept a candidate",
    description = "Accept a pending candidate: it becomes a curated event in dataset `reviewed`, citing its document (a new source record unless stored already) with the evidence span as locator and quote. Every field of the body is optional and corrects the coder.",
    params(CandidatePath),
    request_body(content = Acceptance, example = json!({"reviewer": "OpenAPI test"})),
    responses((status = 201, description = "Accepted; `Location` names the event.", body = Accepted)),
    security(("bearer" = []))
)]
pub(crate) async fn accept(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Api> {
    state.authorize(&headers)?;
    let a = acceptance(&decision_body(&body, &ACCEPT_FIELDS)?)?;
    let done = state.with_store_mut(move |s| Ok(s.accept_candidate(&id, &a)?)).await?;
    let location = format!("/api/v1/records/{}", done.event);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], axum::Json(done)).into_response())
}

/// Why a candidate is rejected.
#[derive(ToSchema)]
pub(crate) struct Rejection {
    /// What is wrong with it; kept with the candidate.
    #[schema(min_length = 1)]
    pub reason: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/candidates/{id}/reject",
    operation_id = "reject_candidate",
    summary = "Reject a candidate",
    description = "Reject a pending candidate, with the reason. It stays in the queue, rejected, and coding the text again does not bring it back.",
    params(RejectedPath),
    request_body(content = Rejection, example = json!({"reason": "not a cultural event"})),
    responses((status = 200, description = "The rejected candidate.", body = StoredCandidate)),
    security(("bearer" = []))
)]
pub(crate) async fn reject(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Api> {
    state.authorize(&headers)?;
    let map = decision_body(&body, &["reason"])?;
    let reason = text_field(&map, "reason")?.filter(|r| !r.trim().is_empty()).ok_or_else(|| {
        ApiError::bad_request("bad_body", "a rejection needs a reason: {\"reason\": \"what is wrong with it\"}")
    })?;
    let rejection = Rejection { reason };
    let done = state.with_store_mut(move |s| Ok(s.reject_candidate(&id, &rejection.reason)?)).await?;
    Ok(axum::Json(done).into_response())
}
