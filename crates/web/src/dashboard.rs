//! The dashboard's pages, each with a JSON twin at the same address plus `.json`: home,
//! a pair of countries, a focus country, a record, the sources.

use std::sync::Arc;

use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use entente_analytics::{By, SeriesQuery};
use entente_report::compare::{Asked, CompareView};
use entente_report::dyad::RecordSearch;
use entente_report::search::SearchParams;
use entente_report::{DyadView, dyad_view, pages, views};
use serde_json::json;

use crate::AppState;
use crate::analyses::CompareParams;
use crate::api::{PairAsk, Pairs, country, dyad_of, lang, param, style};
use crate::error::ApiError;

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// `name` without its `.json` suffix, and whether it had one.
fn twin(name: String) -> (String, bool) {
    match name.strip_suffix(".json") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    }
}

pub(crate) async fn home(State(state): State<Arc<AppState>>, Query(q): Pairs) -> Result<Response, ApiError> {
    let lang = lang(&q)?;
    let page = state
        .with_store(move |s| Ok(pages::home(lang, &s.dyads()?, &s.datasets()?).into_string()))
        .await
        .map_err(|e| e.in_lang(lang))?;
    Ok(html(page))
}

pub(crate) async fn home_json(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let value = state
        .with_store(|s| Ok(json!({ "dyads": s.dyads()?, "datasets": s.datasets()? })))
        .await
        .map_err(|e| e.in_json(true))?;
    Ok(axum::Json(value).into_response())
}

/// The home page's form: any names in, a redirect to the canonical dyad address out.
pub(crate) async fn dyad_form(Query(q): Pairs) -> Result<Response, ApiError> {
    let lang = lang(&q)?;
    let d = dyad_of(param(&q, "a").unwrap_or(""), param(&q, "b").unwrap_or("")).map_err(|e| e.in_lang(lang))?;
    let (a, b) = (d.a, d.b);
    Ok(Redirect::to(&format!("/dyad/{a}/{b}?lang={lang}")).into_response())
}

/// A pair's view with its GDELT series, its index and diagnosis, and a record search from the
/// query string.
pub(crate) async fn full_dyad_view(state: &Arc<AppState>, pair: &PairAsk, json: bool) -> Result<DyadView, ApiError> {
    let q = &pair.q;
    let lang = lang(q).map_err(|e| e.in_json(json))?;
    let fail = |e: ApiError| e.in_json(json).in_lang(lang);
    let style = style(q, false).map_err(fail)?;
    let dyad = pair.dyad().map_err(fail)?;
    let params = SearchParams::parse(q, 25).map_err(|m| fail(ApiError::bad_request("bad_parameter", m)))?;
    let analyses = crate::analyses::dyad_analyses(state, &dyad, lang, style).await.map_err(fail)?;
    let for_view = dyad.clone();
    let mut view = state
        .with_store(move |s| {
            let mut view = dyad_view(s, &for_view, lang, style)?;
            let results = s.browse(&params.to_query(Some(view.record_ids())))?;
            view.search = Some(RecordSearch { params, results });
            view.set_analyses(s, (*analyses).clone())?;
            Ok(view)
        })
        .await
        .map_err(fail)?;
    let query = SeriesQuery { by: By::Month, from_year: None, to_year: None };
    let (d, q) = (&dyad, &query);
    let series = state.query_lake(|engine| async move { engine.series(d, q).await }).await.map_err(fail)?;
    view.gdelt = Some(series);
    Ok(view)
}

pub(crate) async fn dyad(State(state): State<Arc<AppState>>, mut pair: PairAsk) -> Result<Response, ApiError> {
    let json;
    (pair.b, json) = twin(pair.b);
    let view = full_dyad_view(&state, &pair, json).await?;
    Ok(if json { axum::Json(view).into_response() } else { html(pages::dyad(&view).into_string()) })
}

/// The home page's form: a country by any name in, the canonical comparison address out.
pub(crate) async fn compare_form(Query(q): Pairs) -> Result<Response, ApiError> {
    let lang = lang(&q)?;
    let code = country(param(&q, "focus").unwrap_or("")).map_err(|e| e.in_lang(lang))?;
    Ok(Redirect::to(&format!("/compare/{code}?lang={lang}")).into_response())
}

/// A country's partners compared on the index; its JSON twin is the comparison.
pub(crate) async fn compare_page(
    State(state): State<Arc<AppState>>,
    UrlPath(focus): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, ApiError> {
    let (focus, json) = twin(focus);
    let lang = lang(&q).map_err(|e| e.in_json(json))?;
    let fail = |e: ApiError| e.in_json(json).in_lang(lang);
    let p = CompareParams::parse(&focus, &q).map_err(fail)?;
    let c = crate::analyses::comparison(&state, &p).await.map_err(fail)?;
    let asked = Asked { year: p.year, partners: p.partners, top: p.top };
    let view = CompareView::new((*c).clone(), lang, asked);
    Ok(if json { axum::Json(view).into_response() } else { html(pages::compare(&view).into_string()) })
}

pub(crate) async fn country_page(
    State(state): State<Arc<AppState>>,
    UrlPath(code): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, ApiError> {
    let (code, json) = twin(code);
    let lang = lang(&q).map_err(|e| e.in_json(json))?;
    let fail = |e: ApiError| e.in_json(json).in_lang(lang);
    let style = style(&q, false).map_err(fail)?;
    let code = country(&code).map_err(fail)?;
    let view = state
        .with_store(move |s| {
            views::country_view(s, &code, lang, style)?.ok_or_else(|| ApiError::internal("no country"))
        })
        .await
        .map_err(fail)?;
    Ok(if json { axum::Json(view).into_response() } else { html(pages::country(&view, style.as_str()).into_string()) })
}

pub(crate) async fn record_page(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(q): Pairs,
) -> Result<Response, ApiError> {
    // A record id may end in ".json", so whether this is the twin is known only later; a
    // language error is answered as the twin when the address asks for JSON.
    let lang = lang(&q).map_err(|e| e.in_json(id.ends_with(".json")))?;
    let style = style(&q, false).map_err(|e| e.in_lang(lang))?;
    let detail = state
        .with_store(move |s| {
            // An id may itself end in ".json": the record wins over the twin.
            if let Some(d) = views::record_detail(s, &id, lang, style)? {
                return Ok((d, false));
            }
            let (bare, json) = twin(id.clone());
            match json.then(|| views::record_detail(s, &bare, lang, style)).transpose()?.flatten() {
                Some(d) => Ok((d, true)),
                None => Err(ApiError::not_found("not_found", format!("no record has id \"{bare}\"")).in_json(json)),
            }
        })
        .await
        .map_err(|e| e.in_lang(lang))?;
    Ok(match detail {
        (d, true) => axum::Json(d).into_response(),
        (d, false) => html(pages::record(&d, style.as_str()).into_string()),
    })
}

async fn sources_view(
    state: &Arc<AppState>,
    q: &[(String, String)],
    json: bool,
) -> Result<views::SourcesView, ApiError> {
    let lang = lang(q).map_err(|e| e.in_json(json))?;
    let style = style(q, false).map_err(|e| e.in_json(json).in_lang(lang))?;
    state.with_store(move |s| Ok(views::sources_view(s, lang, style)?)).await.map_err(|e| e.in_json(json).in_lang(lang))
}

pub(crate) async fn sources_page(State(state): State<Arc<AppState>>, Query(q): Pairs) -> Result<Response, ApiError> {
    Ok(html(pages::sources(&sources_view(&state, &q, false).await?).into_string()))
}

pub(crate) async fn sources_json(State(state): State<Arc<AppState>>, Query(q): Pairs) -> Result<Response, ApiError> {
    Ok(axum::Json(sources_view(&state, &q, true).await?).into_response())
}

pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    let path = uri.path();
    let json = path.ends_with(".json") || path.ends_with(".csv") || path.starts_with("/api/");
    let mut e = ApiError::not_found("not_found", format!("nothing at {path}")).in_json(json);
    if path.starts_with("/api/") {
        e.message.push_str("; the routes are listed at /api/v1/openapi.json");
    }
    e
}

pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "this route does not take that method")
        .in_json(true)
}
