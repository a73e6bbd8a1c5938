//! Fuzz target for the search's query parameters, as a property test (proptest runs on
//! stable Rust; `cargo fuzz` needs nightly): arbitrary key/value pairs, as an HTTP query
//! string gives them, never panic; bad values are errors; what parses round-trips through
//! the query string the pages link to.
//!
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default small, for CI); `bench/fuzz/run.sh`
//! runs them long in release mode. proptest writes no regression files
//! (`failure_persistence: None`): a failure found stays here as a plain `#[test]`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use entente_report::search::{FACETS, SearchParams, url_encoded};
use proptest::prelude::*;

/// Cases per target: `ENTENTE_FUZZ_CASES`, or `default` (small, so CI stays fast).
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("ENTENTE_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "q", "page", "per_page", "kind", "domain", "status", "year", "origin", "dataset", "lang", "style", "Q",
            "page ", "",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "[0-9]{1,25}",
        1 => "[ +-]?[0-9]{1,7}[ ]?",
        1 => "(-?[0-9]{1,11}|[a-z]{1,6}|)(,[ ]?(-?[0-9]{1,11}|[a-z]{1,6}|)){0,4}",
        1 => prop::sample::select(vec![
            "0", "1", "500", "501", "1000000", "1000001", "18446744073709551616", "-1", "event,claim", " , ,",
            "Alliance Française", "%20", "&", "=", "+", "2147483648", "-2147483648",
        ])
        .prop_map(str::to_string),
    ]
}

/// Decodes a query string as the web layer does (`application/x-www-form-urlencoded`).
fn decode(qs: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(qs).unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary pairs: parameters or an error, never a panic. Parameters keep their bounds,
    /// list each facet once in the pages' order, and survive the query string they link to.
    #[test]
    fn search_params_arbitrary_pairs(
        pairs in prop::collection::vec((key(), value()), 0..10),
        default_per_page in prop_oneof![1usize..=500, any::<usize>()],
        toggle in (prop::sample::select(FACETS.to_vec()), "[a-z0-9]{1,8}"),
    ) {
        let Ok(p) = SearchParams::parse(&pairs, default_per_page) else {
            return Ok(());
        };
        prop_assert!((1..=1_000_000).contains(&p.page), "page {}", p.page);
        if pairs.iter().any(|(k, _)| k == "per_page") {
            prop_assert!((1..=500).contains(&p.per_page), "per_page {}", p.per_page);
        } else {
            prop_assert_eq!(p.per_page, default_per_page);
        }
        let positions: Vec<usize> = p.filters.iter().map(|(f, _)| FACETS.iter().position(|x| x == f).unwrap()).collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "facets out of order: {:?}", p.filters);
        for (facet, values) in &p.filters {
            prop_assert!(!values.is_empty());
            for (i, v) in values.iter().enumerate() {
                prop_assert!(!v.is_empty() && v.trim() == v && !v.contains(','), "{}={:?}", facet, v);
                prop_assert!(!values[..i].contains(v), "{} repeats {:?}", facet, v);
                if facet == "year" {
                    prop_assert!(v.parse::<i32>().is_ok());
                }
            }
        }
        if let Some(q) = &p.q {
            prop_assert!(!q.is_empty() && q.trim() == q);
        }
        let query = p.to_query(None);
        prop_assert_eq!(query.years.len(), p.values("year").len());

        // The query string the pages link to reads back as the same search.
        let qs = p.query_string(&[("lang", "kk")]);
        let back = SearchParams::parse(&decode(&qs), p.per_page).unwrap();
        prop_assert_eq!(&back, &p, "via {}", qs);

        // Toggling a value on and off is the same search on page 1.
        let (facet, v) = toggle;
        if !p.is_chosen(facet, &v) {
            let on = p.toggled(facet, &v);
            prop_assert!(on.is_chosen(facet, &v));
            prop_assert_eq!(on.toggled(facet, &v), p.on_page(1));
        }
    }

    /// Raw query strings, decoded as the web layer decodes them, then parsed.
    #[test]
    fn search_params_raw_query_strings(qs in "([a-z_]{0,8}(=[^&]{0,12})?&?){0,8}") {
        if let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(&qs) {
            let _ = SearchParams::parse(&pairs, 50);
        }
        let _ = url_encoded(vec![(qs.clone(), qs)].into_iter());
    }
}
