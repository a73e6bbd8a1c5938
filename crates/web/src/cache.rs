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
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The most bytes of bodies kept at once; past it, answers of older generations go first,
/// then the least recently used.
const BUDGET: usize = 64 << 20;
/// The largest single body kept.
const LARGEST: usize = 4 << 20;

/// Entries by key, each with a weight, within a total weight: when a new entry does not fit,
/// entries of older generations go first, then the least recently used ones.
struct Lru<V> {
    entries: HashMap<String, Slot<V>>,
    weight: usize,
    budget: usize,
    clock: u64,
}

struct Slot<V> {
    generation: i64,
    weight: usize,
    used: u64,
    value: V,
}

impl<V: Clone> Lru<V> {
    fn new(budget: usize) -> Self {
        Lru { entries: HashMap::new(), weight: 0, budget, clock: 0 }
    }

    /// The value kept for `key` at `generation`, now the most recently used.
    fn get(&mut self, key: &str, generation: i64) -> Option<V> {
        self.clock += 1;
        let slot = self.entries.get_mut(key).filter(|s| s.generation == generation)?;
        slot.used = self.clock;
        Some(slot.value.clone())
    }

    fn put(&mut self, key: String, generation: i64, weight: usize, value: V) {
        if weight > self.budget {
            return;
        }
        self.clock += 1;
        if let Some(old) = self.entries.remove(&key) {
            self.weight -= old.weight;
        }
        if self.weight + weight > self.budget {
            self.entries.retain(|_, s| s.generation == generation);
            self.weight = self.entries.values().map(|s| s.weight).sum();
        }
        while self.weight + weight > self.budget {
            // Entries are few (bounded by the budget), so a scan is cheaper than an ordered index.
            let Some(oldest) = self.entries.iter().min_by_key(|(_, s)| s.used).map(|(k, _)| k.clone()) else { break };
            if let Some(gone) = self.entries.remove(&oldest) {
                self.weight -= gone.weight;
            }
        }
        self.weight += weight;
        self.entries.insert(key, Slot { generation, weight, used: self.clock, value });
    }
}

/// Kept answers by address.
pub(crate) struct ResponseCache {
    inner: Mutex<Lru<Kept>>,
}

impl Default for ResponseCache {
    fn default() -> Self {
        ResponseCache { inner: Mutex::new(Lru::new(BUDGET)) }
    }
}

#[derive(Clone)]
struct Kept {
    headers: HeaderMap,
    body: Bytes,
}

impl ResponseCache {
    fn get(&self, key: &str, generation: i64) -> Option<(HeaderMap, Bytes)> {
        let kept = self.inner.lock().ok()?.get(key, generation)?;
        Some((kept.headers, kept.body))
    }

    fn put(&self, key: String, generation: i64, headers: HeaderMap, body: Bytes) {
        let Ok(mut kept) = self.inner.lock() else { return };
        kept.put(key, generation, body.len(), Kept { headers, body });
    }
}

/// The most computed values kept at once (a focus country's gathered records, a dyad's
/// analyses, a comparison); past it, older generations go first, then the least recently used.
const VALUES: usize = 64;

/// Values computed for answers, kept by key until the store's generation moves, so that the
/// pages and API routes built on the same analysis (a dyad page in any language or with any
/// search, its JSON twin, the index and diagnosis routes) compute it once.
pub(crate) struct Computed {
    inner: Mutex<Lru<Value>>,
}

impl Default for Computed {
    fn default() -> Self {
        Computed { inner: Mutex::new(Lru::new(VALUES)) }
    }
}

/// A computed value of any type, shared by the answers that use it.
type Value = Arc<dyn Any + Send + Sync>;

impl Computed {
    pub(crate) fn get<T: Any + Send + Sync>(&self, key: &str, generation: i64) -> Option<Arc<T>> {
        let value = self.inner.lock().ok()?.get(key, generation)?;
        value.downcast::<T>().ok()
    }

    pub(crate) fn put<T: Any + Send + Sync>(&self, key: String, generation: i64, value: Arc<T>) {
        let Ok(mut kept) = self.inner.lock() else { return };
        kept.put(key, generation, 1, value);
    }
}

/// A strong validator of a body: FNV-1a over its bytes, the same from one run to the next.
fn etag(body: &[u8]) -> HeaderValue {
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    HeaderValue::from_str(&format!("\"{hash:016x}-{:x}\"", body.len())).unwrap_or(HeaderValue::from_static("\"\""))
}

/// Whether `If-None-Match` names `tag` (or is `*`), so the client's copy is current.
fn client_has(request: &HeaderMap, tag: &HeaderValue) -> bool {
    let Some(tag) = tag.to_str().ok() else { return false };
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|list| list.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == tag))
}

/// An answer to a GET: 304 without a body when the client's copy is current, else the body.
fn answer(status: StatusCode, headers: HeaderMap, body: Bytes, request: &HeaderMap, hit: bool) -> Response {
    let mut headers = headers;
    headers.insert("x-entente-cache", HeaderValue::from_static(if hit { "hit" } else { "miss" }));
    let mut response = match headers.get(header::ETAG) {
        Some(tag) if client_has(request, tag) => StatusCode::NOT_MODIFIED.into_response(),
        _ => (status, Body::from(body)).into_response(),
    };
    let keep = response.headers().clone();
    *response.headers_mut() = headers;
    if response.status() == StatusCode::NOT_MODIFIED {
        // A 304 carries the validators and caching headers, not the body's type and length.
        response.headers_mut().remove(header::CONTENT_LENGTH);
        response.headers_mut().remove(header::CONTENT_TYPE);
    } else if let Some(length) = keep.get(header::CONTENT_LENGTH) {
        response.headers_mut().insert(header::CONTENT_LENGTH, length.clone());
    }
    response
}

/// The middleware: serves a kept answer of the current generation, or computes, keeps and
/// serves a new one; either way with an `ETag`, and 304 when `If-None-Match` has it.
pub(crate) async fn layer(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let asked = request.headers().clone();
    // Read before computing: a write landing meanwhile leaves the answer under the older
    // generation, which the next request no longer matches.
    let Ok(generation) = state.with_store(|s| Ok(s.generation()?)).await else {
        return next.run(request).await;
    };
    if let Some((headers, body)) = state.cache.get(&key, generation) {
        return answer(StatusCode::OK, headers, body, &asked, true);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return crate::error::ApiError::internal("cannot read the answer's body").into_response();
    };
    parts.headers.insert(header::ETAG, etag(&bytes));
    if bytes.len() <= LARGEST {
        state.cache.put(key, generation, parts.headers.clone(), bytes.clone());
    }
    answer(parts.status, parts.headers, bytes, &asked, false)
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
        assert!(kept.weight <= BUDGET && kept.weight == kept.entries.values().map(|e| e.weight).sum::<usize>());
    }

    #[test]
    fn when_full_the_least_recently_used_goes_first() {
        let mut lru = Lru::new(30);
        for key in ["a", "b", "c"] {
            lru.put(key.into(), 1, 10, key.to_string());
        }
        // Reading `a` makes `b` the least recently used.
        assert_eq!(lru.get("a", 1).as_deref(), Some("a"));
        lru.put("d".into(), 1, 10, "d".into());
        assert!(lru.get("b", 1).is_none(), "the least recently used entry stayed");
        for key in ["a", "c", "d"] {
            assert!(lru.get(key, 1).is_some(), "{key} was evicted");
        }
        // Replacing an entry frees its old weight; a value over the budget is not kept.
        lru.put("a".into(), 1, 5, "a2".into());
        assert_eq!(lru.weight, 25);
        lru.put("huge".into(), 1, 31, "x".into());
        assert!(lru.get("huge", 1).is_none());
        assert_eq!(lru.weight, 25);
        // A new generation evicts the older ones before any of its own.
        lru.put("e".into(), 2, 10, "e".into());
        assert_eq!((lru.entries.len(), lru.weight), (1, 10));
    }

    #[test]
    fn etags_follow_the_body_and_if_none_match_lists_are_read() {
        let (a, b) = (etag(b"{\"x\":1}"), etag(b"{\"x\":2}"));
        assert_ne!(a, b);
        assert_eq!(a, etag(b"{\"x\":1}"));
        let mut asked = HeaderMap::new();
        asked.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&format!("\"other\", {}", a.to_str().unwrap())).unwrap(),
        );
        assert!(client_has(&asked, &a));
        assert!(!client_has(&asked, &b));
        asked.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(client_has(&asked, &b));
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
        assert!(computed.inner.lock().unwrap().entries.len() <= VALUES);
    }
}
