//! entente's HTTP server: the dashboard's pages and, for each, a JSON twin at the same path
//! with `.json`. The only crate that knows HTTP; pages and data come from `entente-report`,
//! records from `entente-store`.
//!
//! Store work is blocking (SQLite), so each request borrows a connection from a small pool
//! on tokio's blocking threads.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use entente_analytics::{By, Engine, Lake, SeriesQuery};
use entente_cite::Style;
use entente_model::{CountryTable, Dyad};
use entente_report::i18n::{lang as pick_lang, tr};
use entente_report::{dyad_view, pages};
use entente_store::Store;
use serde_json::json;

/// Why the server could not start or run.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
}

/// Shared state: where the data is, idle store connections, and the query engine's
/// session over the GDELT parts (rebuilt when an import commits new parts).
struct AppState {
    data: PathBuf,
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    engine: tokio::sync::Mutex<Option<CachedEngine>>,
}

/// The query engine over a given set of committed parts.
#[derive(Clone)]
struct CachedEngine {
    parts_key: (usize, Option<String>),
    engine: Engine,
}

impl AppState {
    /// The query engine over the parts committed now, reusing the last one when the
    /// manifest has not changed.
    async fn engine(self: &Arc<Self>) -> Result<Engine, ApiError> {
        let data = self.data.clone();
        let lake = self
            .with_store(move |s| Lake::from_store(&data, s, false).map_err(|e| ApiError::internal(e.to_string())))
            .await?;
        let key = (lake.parts.len(), lake.parts.last().map(|p| p.path.clone()));
        let mut cached = self.engine.lock().await;
        if let Some(e) = cached.as_ref()
            && e.parts_key == key
        {
            return Ok(e.engine.clone());
        }
        let engine = Engine::new(lake).await.map_err(|e| ApiError::internal(e.to_string()))?;
        *cached = Some(CachedEngine { parts_key: key, engine: engine.clone() });
        Ok(engine)
    }

    /// Runs `f` with a store connection on a blocking thread.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = state.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
            let store = match taken {
                Some(s) => s,
                None => Store::open(&state.db).map_err(|e| ApiError::internal(e.to_string()))?,
            };
            let out = f(&store);
            if let Ok(mut idle) = state.idle.lock()
                && idle.len() < 16
            {
                idle.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// An error answered as a page or as JSON `{"error": {"code", "message"}}`.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    json: bool,
    lang: &'static str,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), json: false, lang: "en" }
    }

    fn internal(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    fn in_json(mut self, json: bool) -> Self {
        self.json = json;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.json {
            let body = json!({"error": {"code": self.code, "message": self.message}});
            (self.status, axum::Json(body)).into_response()
        } else {
            let title = if self.status == StatusCode::NOT_FOUND { tr(self.lang, "not_found") } else { self.code };
            (self.status, html(pages::message(self.lang, title, &self.message).into_string())).into_response()
        }
    }
}

fn html(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

/// The application's routes over the data folder `data` (its store is `data/entente.db`).
pub fn router(data: &Path) -> Router {
    let state = Arc::new(AppState {
        data: data.to_path_buf(),
        db: data.join("entente.db"),
        idle: Mutex::new(Vec::new()),
        engine: tokio::sync::Mutex::new(None),
    });
    Router::new()
        .route("/", get(home))
        .route("/index.json", get(home_json))
        .route("/dyad", get(dyad_form))
        .route("/dyad/{a}/{b}", get(dyad))
        .route("/health", get(|| async { "ok" }))
        .fallback(not_found)
        .with_state(state)
}

/// Serves the data folder `data` until Ctrl-C on `addr`, printing the address once listening.
pub fn serve(addr: SocketAddr, data: &Path) -> Result<(), WebError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| WebError::Bind { addr, source })?;
        let local = listener.local_addr()?;
        eprintln!("entente is serving http://{local}/ (Ctrl-C stops it)");
        axum::serve(listener, router(data))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

type Params = Query<HashMap<String, String>>;

fn lang_of(q: &HashMap<String, String>) -> &'static str {
    pick_lang(q.get("lang").map(String::as_str))
}

fn style_of(q: &HashMap<String, String>, json: bool) -> Result<Style, ApiError> {
    match q.get("style") {
        None => Ok(Style::Gost),
        Some(s) => match s.parse::<Style>() {
            Ok(Style::Gost) => Ok(Style::Gost),
            Ok(Style::Apa) => Ok(Style::Apa),
            Ok(_) | Err(_) => {
                Err(ApiError::new(StatusCode::BAD_REQUEST, "bad_style", format!("style \"{s}\" is not gost or apa"))
                    .in_json(json))
            }
        },
    }
}

async fn home(State(state): State<Arc<AppState>>, Query(q): Params) -> Result<impl IntoResponse, ApiError> {
    let lang = lang_of(&q);
    let page = state
        .with_store(move |s| {
            let dyads = s.dyads().map_err(|e| ApiError::internal(e.to_string()))?;
            let datasets = s.datasets().map_err(|e| ApiError::internal(e.to_string()))?;
            Ok(pages::home(lang, &dyads, &datasets).into_string())
        })
        .await?;
    Ok(html(page))
}

async fn home_json(State(state): State<Arc<AppState>>) -> Result<impl IntoResponse, ApiError> {
    let value = state
        .with_store(|s| {
            let dyads = s.dyads().map_err(|e| ApiError::internal(e.to_string()).in_json(true))?;
            let datasets = s.datasets().map_err(|e| ApiError::internal(e.to_string()).in_json(true))?;
            Ok(json!({ "dyads": dyads, "datasets": datasets }))
        })
        .await?;
    Ok(axum::Json(value))
}

fn resolve(query: &str, json: bool, lang: &'static str) -> Result<String, ApiError> {
    CountryTable::bundled().resolve(query).map(|c| c.alpha3.clone()).map_err(|e| ApiError {
        status: StatusCode::NOT_FOUND,
        code: "unknown_country",
        message: e.to_string(),
        json,
        lang,
    })
}

/// The home page's form: any names in, a redirect to the canonical dyad address out.
async fn dyad_form(Query(q): Params) -> Result<Response, ApiError> {
    let lang = lang_of(&q);
    let a = resolve(q.get("a").map(String::as_str).unwrap_or(""), false, lang)?;
    let b = resolve(q.get("b").map(String::as_str).unwrap_or(""), false, lang)?;
    Ok(Redirect::to(&format!("/dyad/{a}/{b}?lang={lang}")).into_response())
}

async fn dyad(
    State(state): State<Arc<AppState>>,
    UrlPath((a, b)): UrlPath<(String, String)>,
    Query(q): Params,
) -> Result<Response, ApiError> {
    let (b, json) = match b.strip_suffix(".json") {
        Some(b) => (b.to_string(), true),
        None => (b, false),
    };
    let lang = lang_of(&q);
    let style = style_of(&q, json)?;
    let a = resolve(&a, json, lang)?;
    let b = resolve(&b, json, lang)?;
    if a == b {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "same_country", "a pair needs two different countries")
            .in_json(json));
    }
    let dyad = Dyad::new(&a, &b);
    let for_view = dyad.clone();
    let mut view = state
        .with_store(move |s| {
            dyad_view(s, &for_view, lang, style).map_err(|e| ApiError::internal(e.to_string()).in_json(json))
        })
        .await?;
    let engine = state.engine().await.map_err(|e| e.in_json(json))?;
    let q = SeriesQuery { by: By::Month, from_year: None, to_year: None };
    view.gdelt = Some(engine.series(&dyad, &q).await.map_err(|e| ApiError::internal(e.to_string()).in_json(json))?);
    Ok(if json { axum::Json(view).into_response() } else { html(pages::dyad(&view).into_string()).into_response() })
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("nothing at {}", uri.path()))
        .in_json(uri.path().ends_with(".json"))
}

#[cfg(test)]
mod tests;
