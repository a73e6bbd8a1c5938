//! entente's HTTP server: the dashboard's pages (each with a JSON twin at the same path
//! plus `.json`) and the API under `/api/v1` (JSON, CSV twins of tabular routes, an OpenAPI
//! document, token-guarded writes). The only crate that knows HTTP; views come from
//! `entente-report`, analyses from `entente-analytics`, records from `entente-store`.
//!
//! Store work is blocking (SQLite), so each request borrows a connection from a small pool
//! on tokio's blocking threads. Successful reads are kept in memory until the store's
//! generation moves (`cache`).

mod analyses;
mod api;
mod cache;
mod dashboard;
mod error;
pub mod openapi;
mod params;
mod respond;
mod review;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use entente_analytics::{Engine, Lake};
use entente_store::Store;

use crate::error::ApiError;

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

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The bearer token that allows writes; `None` makes the API read-only.
    pub token: Option<String>,
}

/// Shared state: where the data is, idle store connections, the write token, and the
/// query engine's session over the GDELT parts (rebuilt when an import commits new parts).
struct AppState {
    data: PathBuf,
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    engine: tokio::sync::Mutex<Option<Engine>>,
    token: Option<String>,
    cache: cache::ResponseCache,
    computed: cache::Computed,
    /// The index configuration and diagnostic rules the comparisons use (the bundled ones).
    config: Arc<entente_index::Config>,
    rules: Arc<entente_analytics::diagnose::Rules>,
}

/// How many times a query over the GDELT parts runs again when the manifest moved under it.
const ENGINE_ATTEMPTS: usize = 3;

impl AppState {
    /// The manifest as committed now: the parts and the number of files.
    async fn lake(self: &Arc<Self>) -> Result<Lake, ApiError> {
        let data = self.data.clone();
        self.with_store(move |s| Lake::from_store(&data, s, false).map_err(|e| ApiError::internal(e.to_string()))).await
    }

    /// The query engine over the parts committed now, reusing the last one when the
    /// manifest is the same (the same files, the same parts).
    async fn engine(self: &Arc<Self>) -> Result<Engine, ApiError> {
        let mut attempt = 1;
        loop {
            let lake = self.lake().await?;
            let mut cached = self.engine.lock().await;
            if let Some(e) = cached.as_ref()
                && e.lake.parts == lake.parts
                && e.lake.files == lake.files
            {
                return Ok(e.clone());
            }
            let parts = lake.parts.clone();
            match Engine::new(lake).await {
                Ok(engine) => {
                    *cached = Some(engine.clone());
                    return Ok(engine);
                }
                Err(e) => {
                    drop(cached);
                    // A compaction that committed meanwhile deletes the parts it replaced;
                    // the session is then built again over the parts that replaced them.
                    if attempt == ENGINE_ATTEMPTS || self.lake().await?.parts == parts {
                        return Err(ApiError::internal(e.to_string()));
                    }
                    attempt += 1;
                }
            }
        }
    }

    /// Runs `query` on the engine over the committed parts. A query that fails because the
    /// parts it reads were replaced meanwhile (a compaction deletes them once it commits) runs
    /// again over the parts committed now (up to [`ENGINE_ATTEMPTS`] times), so a reader sees
    /// one committed state or the next rather than an error.
    async fn query_lake<T, F, Fut>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        F: Fn(Engine) -> Fut,
        Fut: Future<Output = Result<T, entente_analytics::AnalyticsError>>,
    {
        let mut attempt = 1;
        loop {
            let engine = self.engine().await?;
            match query(engine.clone()).await {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let now = self.lake().await?;
                    if attempt == ENGINE_ATTEMPTS || now.parts == engine.lake.parts {
                        return Err(e.into());
                    }
                    attempt += 1;
                }
            }
        }
    }

    /// The value under `key` computed at the store's current generation, computing it with
    /// `compute` when it is not kept.
    async fn memo<T, F, Fut>(self: &Arc<Self>, key: String, compute: F) -> Result<Arc<T>, ApiError>
    where
        T: std::any::Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, ApiError>>,
    {
        let generation = self.with_store(|s| Ok(s.generation()?)).await?;
        if let Some(v) = self.computed.get::<T>(&key, generation) {
            return Ok(v);
        }
        let v = Arc::new(compute().await?);
        self.computed.put(key, generation, Arc::clone(&v));
        Ok(v)
    }

    /// Runs `f` with a store connection on a blocking thread.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        self.with_store_mut(move |s| f(s)).await
    }

    /// Runs `f` with a store connection it may write through, on a blocking thread.
    async fn with_store_mut<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = state.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&state.db).map_err(|e| ApiError::internal(e.to_string()))?,
            };
            let out = f(&mut store);
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

    /// Allows a write when the request carries the server's bearer token.
    fn authorize(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let unauthorized = |m: &str| ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", m).in_json(true);
        let Some(token) = &self.token else {
            return Err(unauthorized(
                "this server was started without a token, so it takes no writes (entente serve --token)",
            ));
        };
        let given =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        match given {
            Some(g) if same(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
            Some(_) => Err(unauthorized("the bearer token is not this server's")),
            None => Err(unauthorized("writes need an Authorization: Bearer <token> header")),
        }
    }
}

/// Compares secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The application's routes over the data folder `data` (its store is `data/entente.db`).
pub fn router(data: &Path, options: Options) -> Router {
    let state = Arc::new(AppState {
        data: data.to_path_buf(),
        db: data.join("entente.db"),
        idle: Mutex::new(Vec::new()),
        engine: tokio::sync::Mutex::new(None),
        token: options.token,
        cache: cache::ResponseCache::default(),
        computed: cache::Computed::default(),
        config: Arc::new(entente_index::Config::bundled()),
        rules: Arc::new(entente_analytics::diagnose::Rules::bundled()),
    });
    let api = openapi::routes()
        .method_not_allowed_fallback(dashboard::method_not_allowed)
        .layer(axum::middleware::map_response(open_to_all));
    Router::new()
        .route("/", get(dashboard::home))
        .route("/index.json", get(dashboard::home_json))
        .route("/dyad", get(dashboard::dyad_form))
        .route("/dyad/{a}/{b}", get(dashboard::dyad))
        .route("/country/{code}", get(dashboard::country_page))
        .route("/compare", get(dashboard::compare_form))
        .route("/compare/{focus}", get(dashboard::compare_page))
        .route("/record/{id}", get(dashboard::record_page))
        .route("/sources", get(dashboard::sources_page))
        .route("/sources.json", get(dashboard::sources_json))
        .route("/review", get(review::review_page))
        .route("/review.json", get(review::review_json))
        .route("/health", get(|| async { "ok" }))
        .merge(api)
        .fallback(dashboard::not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state), cache::layer))
        .layer(axum::middleware::from_fn(time_limit))
        .layer(axum::middleware::from_fn(head_limits))
        .layer(axum::middleware::map_response(secure_headers))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Largest request body taken (a record is a few kilobytes).
const MAX_BODY: usize = 1 << 20;

/// Largest request target (path and query) taken; links entente makes are far shorter.
const MAX_TARGET: usize = 8 << 10;

/// Most header bytes (names and values) and headers a request may carry; a browser sends a
/// few hundred bytes and some twenty headers.
const MAX_HEADER_BYTES: usize = 16 << 10;
const MAX_HEADERS: usize = 64;

/// Refuses a request whose target or headers pass the limits above, before any handler runs:
/// 414 for the target, 431 for the headers, each saying which limit.
async fn head_limits(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    use axum::response::IntoResponse;
    let json = request.uri().path().starts_with("/api/") || request.uri().path().ends_with(".json");
    let target = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET {
        let message = format!("the request's path and query are {target} bytes; at most {MAX_TARGET} are taken");
        return ApiError::new(StatusCode::URI_TOO_LONG, "uri_too_long", message).in_json(json).into_response();
    }
    let headers = request.headers();
    let bytes: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        let message = format!(
            "the request has {} headers of {bytes} bytes; at most {MAX_HEADERS} headers of {MAX_HEADER_BYTES} bytes are taken",
            headers.len()
        );
        return ApiError::new(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large", message)
            .in_json(json)
            .into_response();
    }
    next.run(request).await
}

/// Longest a request may take before it is answered 503.
const REQUEST_TIME: std::time::Duration = std::time::Duration::from_secs(120);

/// Ends a request that runs longer than [`REQUEST_TIME`] with a 503 instead of holding the
/// connection.
async fn time_limit(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    match tokio::time::timeout(REQUEST_TIME, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            use axum::response::IntoResponse;
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "timeout", "the request took too long and was stopped")
                .in_json(true)
                .into_response()
        }
    }
}

/// Pages run no script and load nothing from elsewhere; they say so to the browser.
async fn secure_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The API's reads may be fetched from any web page (a notebook, a colleague's site).
async fn open_to_all(mut response: Response) -> Response {
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

/// Serves the data folder `data` until Ctrl-C on `addr`, printing the address once listening.
pub fn serve(addr: SocketAddr, data: &Path, options: Options) -> Result<(), WebError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| WebError::Bind { addr, source })?;
        let local = listener.local_addr()?;
        let writes = if options.token.is_some() { "writes need the bearer token" } else { "read-only: no token" };
        eprintln!("entente is serving http://{local}/ (API at /api/v1, {writes}; Ctrl-C stops it)");
        axum::serve(listener, router(data, options))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

#[cfg(test)]
mod tests;
