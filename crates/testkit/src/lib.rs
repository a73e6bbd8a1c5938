//! What entente's tests share, so that each test file keeps only what it tests: where the
//! repository and the shared public data (`../shared`, beside the repository) are, the rule
//! for data that is not there, and a plain HTTP/1.1 client for the servers the tests start.
//!
//! Only tests use it: it is a dev-dependency of the crates whose tests need it, never a
//! normal one (`deny.toml` refuses it in the shipped graph), and it depends on no other
//! entente crate, so any crate's tests may use it without a cycle.

// A failed expectation here is a failed test.
#![allow(clippy::unwrap_used)]

pub mod http;

/// The ranked partners of a comparison's JSON (`entente compare`, `/api/v1/countries/…/compare`),
/// after checking what holds for any focus whose data the bundle has (Kazakhstan's): at least
/// ten ranked, France and Korea among them, and each rank's 90 % interval around its median.
pub fn ranked_partners(comparison: &serde_json::Value) -> Vec<&serde_json::Value> {
    let partners = comparison["partners"].as_array().unwrap();
    let ranked: Vec<&serde_json::Value> = partners.iter().filter(|p| p["rank"].is_u64()).collect();
    assert!(ranked.len() >= 10, "{} ranked partners", ranked.len());
    for code in ["FRA", "KOR"] {
        assert!(ranked.iter().any(|p| p["partner"] == code), "{code} is not ranked");
    }
    for p in &ranked {
        let (lo, med, hi) =
            (p["rank_p05"].as_f64().unwrap(), p["rank_median"].as_f64().unwrap(), p["rank_p95"].as_f64().unwrap());
        assert!(lo <= med && med <= hi, "{}: {lo} ≤ {med} ≤ {hi}", p["partner"]);
    }
    ranked
}

use std::path::{Path, PathBuf};

/// A path inside the repository (`rel` from its root).
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// `../shared/<rel>` beside the repository, or `None` when it is absent and the user opted
/// out with `ENTENTE_ALLOW_MISSING=1`; otherwise a missing file fails the test.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo("../shared").join(rel);
    if p.exists() {
        return Some(p);
    }
    missing(&p.display().to_string());
    None
}

/// `../shared/data/<rel>`: the shared data files, as [`shared`].
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    shared(&format!("data/{rel}"))
}

/// Fails the test because `what` is missing, unless `ENTENTE_ALLOW_MISSING=1`: then it says
/// the test is skipped, and the caller returns.
pub fn missing(what: &str) {
    assert!(
        std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
        "{what} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)"
    );
    eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {what} is not there");
}
