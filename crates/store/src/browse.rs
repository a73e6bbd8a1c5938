//! Browsing records: filters, full-text search, facets and pages, for the API and the
//! dashboard's record lists.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use serde::Serialize;

use crate::{Result, Store, fts_query};

/// What a record list asks for. Empty lists mean "any".
#[derive(Debug, Clone, Default)]
pub struct RecordQuery {
    /// Words to find (full-text, any language).
    pub text: Option<String>,
    pub kinds: Vec<String>,
    pub datasets: Vec<String>,
    /// Event filters (records of other kinds do not match them).
    pub domains: Vec<String>,
    pub statuses: Vec<String>,
    pub years: Vec<i32>,
    pub origins: Vec<String>,
    /// Only these records (those bearing on a pair of countries, say); `None` means all.
    pub ids: Option<Vec<String>>,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

/// One record in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordSummary {
    pub id: String,
    pub kind: String,
    pub dataset: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A page of records with the facets of everything that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordPage {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub records: Vec<RecordSummary>,
    /// Counts per value of kind, dataset, domain, status, year and origin.
    pub facets: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Store {
    /// Records matching `q`, a page of them, and facet counts over all that match.
    pub fn browse(&self, q: &RecordQuery) -> Result<RecordPage> {
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let texts = |values: &[String]| values.iter().cloned().map(Value::Text).collect::<Vec<_>>();
        if let Some(text) = q.text.as_deref().and_then(fts_query) {
            let m = push(&mut args, Value::Text(text));
            clauses.push(format!("r.id IN (SELECT record_id FROM search WHERE search MATCH {m})"));
        }
        if !q.kinds.is_empty() {
            let l = push_list(&mut args, texts(&q.kinds));
            clauses.push(format!("r.kind IN ({l})"));
        }
        if !q.datasets.is_empty() {
            let l = push_list(&mut args, texts(&q.datasets));
            clauses.push(format!("r.dataset IN ({l})"));
        }
        if !q.domains.is_empty() {
            let l = push_list(&mut args, texts(&q.domains));
            clauses
                .push(format!("EXISTS (SELECT 1 FROM event_domains d WHERE d.event_id = r.id AND d.domain IN ({l}))"));
        }
        if !q.statuses.is_empty() {
            let l = push_list(&mut args, texts(&q.statuses));
            clauses.push(format!("e.status IN ({l})"));
        }
        if !q.years.is_empty() {
            let l = push_list(&mut args, q.years.iter().map(|y| Value::Integer(i64::from(*y))).collect());
            clauses.push(format!("e.date_key / 10000 IN ({l})"));
        }
        if !q.origins.is_empty() {
            let l = push_list(&mut args, texts(&q.origins));
            clauses.push(format!("json_extract(r.body, '$.origin.type') IN ({l})"));
        }
        if let Some(ids) = &q.ids {
            if ids.is_empty() {
                clauses.push("0".into());
            } else {
                // One JSON array parameter, so a long list never meets SQLite's parameter limit.
                let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
                let m = push(&mut args, Value::Text(list));
                clauses.push(format!("r.id IN (SELECT value FROM json_each({m}))"));
            }
        }
        let filter = if clauses.is_empty() { "1".to_string() } else { clauses.join(" AND ") };
        let from = format!("records r LEFT JOIN events e ON e.id = r.id WHERE {filter}");

        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM {from}"),
            rusqlite::params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let per_page = q.per_page.clamp(1, 500);
        let page = q.page.max(1);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT r.id, r.kind, r.dataset, r.title, e.date, e.status, json_extract(r.body, '$.origin.type')
             FROM {from} ORDER BY (e.date_key IS NULL), e.date_key, r.kind, r.id LIMIT {per_page} OFFSET {}",
            (page - 1).saturating_mul(per_page)
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(RecordSummary {
                id: r.get(0)?,
                kind: r.get(1)?,
                dataset: r.get(2)?,
                title: r.get(3)?,
                date: r.get(4)?,
                status: r.get(5)?,
                origin: r.get(6)?,
            })
        })?;
        let records = rows.collect::<std::result::Result<Vec<_>, _>>()?;

        let mut facets: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let dimensions = [
            ("kind", "r.kind".to_string(), String::new()),
            ("dataset", "r.dataset".to_string(), String::new()),
            ("status", "e.status".to_string(), String::new()),
            ("year", "CAST(e.date_key / 10000 AS TEXT)".to_string(), String::new()),
            ("origin", "json_extract(r.body, '$.origin.type')".to_string(), String::new()),
            ("domain", "d.domain".to_string(), " JOIN event_domains d ON d.event_id = r.id".to_string()),
        ];
        for (name, expr, join) in dimensions {
            let sql = format!(
                "SELECT {expr}, count(DISTINCT r.id) FROM records r LEFT JOIN events e ON e.id = r.id{join}
                 WHERE {filter} AND {expr} IS NOT NULL GROUP BY 1 ORDER BY 1"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            let counts = facets.entry(name.to_string()).or_default();
            for row in rows {
                let (value, n) = row?;
                counts.insert(value, n as usize);
            }
        }
        Ok(RecordPage { total: total as usize, page, per_page, records, facets })
    }
}

/// Adds a bound value and returns its placeholder.
fn push(args: &mut Vec<Value>, v: Value) -> String {
    args.push(v);
    format!("?{}", args.len())
}

/// Adds bound values and returns their placeholders, comma-separated.
fn push_list(args: &mut Vec<Value>, values: Vec<Value>) -> String {
    values.into_iter().map(|v| push(args, v)).collect::<Vec<_>>().join(",")
}
