//! The record search of the dashboard and the API: what a query string asks for, as
//! typed parameters, and links that add or remove one facet value.

use entente_store::RecordQuery;
use serde::Serialize;

/// The facets a search can filter on, in the order pages show them.
pub const FACETS: [&str; 6] = ["kind", "domain", "status", "year", "origin", "dataset"];

/// A record search as asked: free text, facet values, page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchParams {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Chosen values per facet, facets in [`FACETS`] order.
    pub filters: Vec<(String, Vec<String>)>,
    pub page: usize,
    pub per_page: usize,
}

impl SearchParams {
    /// Reads the query string's pairs. Facets may repeat (`kind=event&kind=claim`) or list
    /// values with commas; unknown keys are ignored so pages can share the query string
    /// with `lang` and `style`.
    pub fn parse(pairs: &[(String, String)], default_per_page: usize) -> Result<SearchParams, String> {
        let mut p = SearchParams { page: 1, per_page: default_per_page, ..Default::default() };
        for (key, value) in pairs {
            match key.as_str() {
                "q" => {
                    let q = value.trim();
                    if !q.is_empty() {
                        p.q = Some(q.to_string());
                    }
                }
                "page" => p.page = positive(key, value)?,
                "per_page" => p.per_page = positive(key, value)?.min(500),
                facet if FACETS.contains(&facet) => {
                    for v in value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                        if facet == "year" && v.parse::<i32>().is_err() {
                            return Err(format!("year \"{v}\" is not a year"));
                        }
                        p.add(facet, v);
                    }
                }
                _ => {}
            }
        }
        Ok(p)
    }

    fn add(&mut self, facet: &str, value: &str) {
        match self.filters.iter_mut().find(|(f, _)| f == facet) {
            Some((_, values)) => {
                if !values.iter().any(|v| v == value) {
                    values.push(value.to_string());
                }
            }
            None => {
                self.filters.push((facet.to_string(), vec![value.to_string()]));
                self.filters.sort_by_key(|(f, _)| FACETS.iter().position(|x| x == f));
            }
        }
    }

    /// The values chosen for `facet`.
    pub fn values(&self, facet: &str) -> &[String] {
        self.filters.iter().find(|(f, _)| f == facet).map(|(_, v)| v.as_slice()).unwrap_or(&[])
    }

    pub fn is_chosen(&self, facet: &str, value: &str) -> bool {
        self.values(facet).iter().any(|v| v == value)
    }

    /// The store query, restricted to `ids` when given.
    pub fn to_query(&self, ids: Option<Vec<String>>) -> RecordQuery {
        let list = |f: &str| self.values(f).to_vec();
        RecordQuery {
            text: self.q.clone(),
            kinds: list("kind"),
            datasets: list("dataset"),
            domains: list("domain"),
            statuses: list("status"),
            years: self.values("year").iter().filter_map(|y| y.parse().ok()).collect(),
            origins: list("origin"),
            ids,
            page: self.page,
            per_page: self.per_page,
        }
    }

    /// The same search with `value` of `facet` added or, when chosen, removed; back on page 1.
    pub fn toggled(&self, facet: &str, value: &str) -> SearchParams {
        let mut next = self.clone();
        next.page = 1;
        if self.is_chosen(facet, value) {
            for (f, values) in &mut next.filters {
                if f == facet {
                    values.retain(|v| v != value);
                }
            }
            next.filters.retain(|(_, v)| !v.is_empty());
        } else {
            next.add(facet, value);
        }
        next
    }

    /// The same search on another page.
    pub fn on_page(&self, page: usize) -> SearchParams {
        SearchParams { page, ..self.clone() }
    }

    /// The query string for this search (without `?`), with `extra` pairs first.
    pub fn query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut out = url_encoded(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q".into(), q.clone()));
        }
        for (facet, values) in &self.filters {
            for v in values {
                pairs.push((facet.clone(), v.clone()));
            }
        }
        if self.page > 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        let rest = url_encoded(pairs.into_iter());
        if !out.is_empty() && !rest.is_empty() {
            out.push('&');
        }
        out.push_str(&rest);
        out
    }
}

/// Largest page or page size a search takes: far beyond any store, small enough that no
/// offset computed from it can overflow.
const MAX_PAGE: usize = 1_000_000;

fn positive(key: &str, value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        _ => Err(format!("{key} \"{value}\" is not a whole number from 1 to {MAX_PAGE}")),
    }
}

/// `application/x-www-form-urlencoded` pairs.
pub fn url_encoded(pairs: impl Iterator<Item = (String, String)>) -> String {
    pairs.map(|(k, v)| format!("{}={}", encode(&k), encode(&v))).collect::<Vec<_>>().join("&")
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parses_repeats_and_commas_and_refuses_bad_numbers() {
        let p = SearchParams::parse(
            &pairs(&[("kind", "event,claim"), ("kind", "event"), ("q", " Abai "), ("year", "2019"), ("lang", "fr")]),
            50,
        )
        .unwrap();
        assert_eq!(p.values("kind"), ["event", "claim"]);
        assert_eq!(p.q.as_deref(), Some("Abai"));
        let q = p.to_query(None);
        assert_eq!((q.years.clone(), q.per_page, q.page), (vec![2019], 50, 1));
        assert!(SearchParams::parse(&pairs(&[("year", "recent")]), 50).is_err());
        assert!(SearchParams::parse(&pairs(&[("page", "0")]), 50).is_err());
    }

    #[test]
    fn toggling_adds_removes_and_round_trips_through_the_query_string() {
        let p = SearchParams::parse(&pairs(&[("q", "Alliance Française"), ("page", "3")]), 50).unwrap();
        let with = p.toggled("domain", "language");
        assert_eq!(with.page, 1);
        let qs = with.query_string(&[("lang", "kk")]);
        assert_eq!(qs, "lang=kk&q=Alliance+Fran%C3%A7aise&domain=language");
        assert_eq!(with.toggled("domain", "language").filters, Vec::<(String, Vec<String>)>::new());
        let back: Vec<(String, String)> = qs
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), v.replace('+', " ").replace("%C3%A7", "ç"))
            })
            .collect();
        assert_eq!(SearchParams::parse(&back, 50).unwrap(), with);
    }
}
