//! Answers to reads kept in memory until the store's generation moves. Every view is a
//! function of the stored data and the address (path and query), so an answer computed at
//! one generation is served again until any committed write (an API write, a dataset load or
//! a GDELT import from another process) moves the counter. Only successful GETs are kept.
//! Beside the answers, values computed for them (analyses shared by several routes) are
//! kept the same way.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The most bytes of bodies kept at once; past it, answers of older generations go first,
/// then everything.
const BUDGET: usize = 64 << 20;
/// The largest single body kept.
const LARGEST: usize = 4 << 20;

/// Kept answers by address.
#[derive(Default)]
pub(crate) struct ResponseCache {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    entries: HashMap<String, Entry>,
    bytes: usize,
}

struct Entry {
    generation: i64,
    headers: HeaderMap,
    body: Bytes,
}

impl ResponseCache {
    fn get(&self, key: &str, generation: i64) -> Option<Response> {
        let kept = self.inner.lock().ok()?;
        let e = kept.entries.get(key).filter(|e| e.generation == generation)?;
        let mut response = (StatusCode::OK, Body::from(e.body.clone())).into_response();
        *response.headers_mut() = e.headers.clone();
        response.headers_mut().insert("x-entente-cache", HeaderValue::from_static("hit"));
        Some(response)
    }

    fn put(&self, key: String, generation: i64, headers: HeaderMap, body: Bytes) {
        let Ok(mut kept) = self.inner.lock() else { return };
        if kept.bytes + body.len() > BUDGET {
            kept.entries.retain(|_, e| e.generation == generation);
            kept.bytes = kept.entries.values().map(|e| e.body.len()).sum();
            if kept.bytes + body.len() > BUDGET {
                kept.entries.clear();
                kept.bytes = 0;
            }
        }
        kept.bytes += body.len();
        if let Some(old) = kept.entries.insert(key, Entry { generation, headers, body }) {
            kept.bytes -= old.body.len();
        }
    }
}

/// The most computed values kept at once (a focus country's gathered records, a dyad's
/// analyses, a comparison); past it, older generations go first, then everything.
const VALUES: usize = 64;

/// Values computed for answers, kept by key until the store's generation moves, so that the
/// pages and API routes built on the same analysis (a dyad page in any language or with any
/// search, its JSON twin, the index and diagnosis routes) compute it once.
#[derive(Default)]
pub(crate) struct Computed {
    inner: Mutex<HashMap<String, (i64, Value)>>,
}

/// A computed value of any type, shared by the answers that use it.
type Value = Arc<dyn Any + Send + Sync>;

impl Computed {
    pub(crate) fn get<T: Any + Send + Sync>(&self, key: &str, generation: i64) -> Option<Arc<T>> {
        let kept = self.inner.lock().ok()?;
        let (g, value) = kept.get(key)?;
        if *g != generation {
            return None;
        }
        Arc::clone(value).downcast::<T>().ok()
    }

    pub(crate) fn put<T: Any + Send + Sync>(&self, key: String, generation: i64, value: Arc<T>) {
        let Ok(mut kept) = self.inner.lock() else { return };
        if kept.len() >= VALUES {
            kept.retain(|_, (g, _)| *g == generation);
            if kept.len() >= VALUES {
                kept.clear();
            }
        }
        kept.insert(key, (generation, value));
    }
}

/// The middleware: serves a kept answer of the current generation, or computes, keeps and
/// serves a new one.
pub(crate) async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    // Read before computing: a write landing meanwhile leaves the answer under the older
    // generation, which the next request no longer matches.
    let Ok(generation) = state.with_store(|s| Ok(s.generation()?)).await else {
        return next.run(request).await;
    };
    if let Some(hit) = state.cache.get(&key, generation) {
        return hit;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return crate::error::ApiError::internal("cannot read the answer's body").into_response();
    };
    if bytes.len() <= LARGEST {
        state.cache.put(key, generation, parts.headers.clone(), bytes.clone());
    }
    parts.headers.insert("x-entente-cache", HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(n: usize) -> Bytes {
        Bytes::from(vec![b'x'; n])
    }

    #[test]
    fn answers_are_kept_per_generation_within_the_budget() {
        let cache = ResponseCache::default();
        cache.put("/a".into(), 1, HeaderMap::new(), body(10));
        assert!(cache.get("/a", 1).is_some());
        assert!(cache.get("/a", 2).is_none(), "an older generation's answer was served");
        assert!(cache.get("/b", 1).is_none());
        // Filling past the budget drops older generations first.
        cache.put("/big".into(), 2, HeaderMap::new(), body(BUDGET - 5));
        assert!(cache.get("/a", 1).is_none());
        assert!(cache.get("/big", 2).is_some());
        cache.put("/c".into(), 2, HeaderMap::new(), body(10));
        assert!(cache.get("/c", 2).is_some());
        let kept = cache.inner.lock().unwrap();
        assert!(kept.bytes <= BUDGET && kept.bytes == kept.entries.values().map(|e| e.body.len()).sum::<usize>());
    }

    #[test]
    fn computed_values_are_kept_per_generation_and_type() {
        let computed = Computed::default();
        computed.put("a".into(), 1, Arc::new(42_u32));
        assert_eq!(computed.get::<u32>("a", 1).as_deref(), Some(&42));
        assert!(computed.get::<u32>("a", 2).is_none(), "an older generation's value was served");
        assert!(computed.get::<String>("a", 1).is_none(), "a value of another type was served");
        for i in 0..VALUES {
            computed.put(format!("k{i}"), 2, Arc::new(i));
        }
        assert!(computed.get::<u32>("a", 1).is_none(), "older generations go first");
        assert!(computed.inner.lock().unwrap().len() <= VALUES);
    }
}
