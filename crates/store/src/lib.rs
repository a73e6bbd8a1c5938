//! entente's store of curated records: one SQLite file in the data folder, in WAL mode,
//! with foreign keys on, versioned migrations, and an FTS5 index over names, titles,
//! descriptions and quotes in every language.
//!
//! Every record is kept whole as canonical JSON (`records.body`), with typed projections
//! beside it for the queries that need them (events by country pair and date, citations
//! by source). A dataset is written in one transaction: it lands whole or not at all, and
//! loading the same dataset twice changes nothing.
//!
//! ```
//! let store = entente_store::Store::open_in_memory().unwrap();
//! assert!(store.datasets().unwrap().is_empty());
//! ```

mod browse;
mod candidates;
mod gdelt;
mod partners;
mod schema;

pub use browse::{RecordPage, RecordQuery, RecordSummary};
pub use candidates::{Accepted, CandidateFilter, Queued, REVIEWED_DATASET, StoredCandidate};
pub use gdelt::{GdeltFile, GdeltImport, GdeltPart, GdeltReject};
pub use partners::Party;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use entente_model::record::{Citation, Event, Record, RecordKind, Source};
use entente_model::validate::{Dataset, Problem};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {}: {source}", .path.display())]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("the store at {} was written by a newer entente (schema {found}, this one knows {known}); upgrade entente", .path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("store error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored record is unreadable ({id}): {source}")]
    Corrupt { id: String, source: serde_json::Error },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    NotFound(String),
    /// The record breaks the rules every record follows; one problem per field at fault.
    #[error("the record is not valid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

/// Whether a write creates a record or replaces one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    Create,
    Update,
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WriteOutcome {
    pub id: String,
    pub dataset: String,
    pub created: bool,
    /// False when the record was stored exactly so already.
    pub changed: bool,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A dataset as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DatasetInfo {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub licence: Option<String>,
    /// Folder path or `bundled:<id>`.
    pub origin: String,
    pub fingerprint: String,
    pub records: i64,
}

/// What loading a dataset changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LoadReport {
    pub dataset: String,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
}

impl LoadReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0
    }
}

/// A record with the dataset it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredRecord {
    pub dataset: String,
    #[serde(flatten)]
    pub record: Record,
}

/// A record pointing at another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reference {
    pub id: String,
    pub kind: RecordKind,
    pub title: String,
    /// `cites`, `refers`, `actor`, `programme`, `about` or `parent`.
    pub how: String,
    /// The locator of a citation, or the role of an actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub kind: RecordKind,
    pub title: String,
    /// The matching text with the matched words between `[` and `]`.
    pub snippet: String,
    /// BM25 score; lower is better.
    pub rank: f64,
}

/// Which events a dyad query wants.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Earliest year (inclusive).
    pub from_year: Option<i32>,
    /// Latest year (inclusive).
    pub to_year: Option<i32>,
    pub domains: Vec<String>,
    pub kinds: Vec<String>,
}

/// An observation with the dataset it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredObservation {
    pub dataset: String,
    #[serde(flatten)]
    pub observation: entente_model::record::Observation,
}

/// A row of an imported feed that did not become a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReject {
    pub file: String,
    pub line: i64,
    pub reason: String,
    pub excerpt: String,
}

/// A pair of countries that shares events, with how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadCount {
    pub a: String,
    pub b: String,
    /// Bilateral events.
    pub events: i64,
    /// Events that belong to the pair by context only, not counted in `events`.
    pub context: i64,
}

pub struct Store {
    conn: Connection,
}

/// Rows copied out of the store for another engine to query.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
}

/// A value of a stored column, as SQLite types it: the store's own type, so no caller needs
/// to know SQLite's crate.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<rusqlite::types::Value> for SqlValue {
    fn from(v: rusqlite::types::Value) -> Self {
        use rusqlite::types::Value;
        match v {
            Value::Null => SqlValue::Null,
            Value::Integer(n) => SqlValue::Integer(n),
            Value::Real(f) => SqlValue::Real(f),
            Value::Text(t) => SqlValue::Text(t),
            Value::Blob(b) => SqlValue::Blob(b),
        }
    }
}

/// The curated and manifest tables `entente query` can read, with the SQL that produces them.
pub const QUERY_TABLES: &[(&str, &str)] = &[
    ("records", "SELECT id, kind, dataset, title, updated_at FROM records ORDER BY id"),
    (
        "curated_events",
        "SELECT e.id, e.kind, e.status, e.date, e.precision, e.host, e.programme, r.title, r.dataset
         FROM events e JOIN records r ON r.id = e.id ORDER BY e.date_key, e.id",
    ),
    ("event_countries", "SELECT event_id, country, role FROM event_countries ORDER BY event_id, role, country"),
    ("event_domains", "SELECT event_id, domain FROM event_domains ORDER BY event_id, domain"),
    ("event_actors", "SELECT event_id, actor_id, role FROM event_actors ORDER BY event_id, actor_id"),
    (
        "citations",
        "SELECT record_id, ord, source_id, locator, quote, reference_id FROM citations ORDER BY record_id, ord",
    ),
    (
        "observations",
        "SELECT id, indicator, country, from_country, to_country, period, period_start, academic, value, unit
         FROM observations ORDER BY indicator, id",
    ),
    ("datasets", "SELECT id, title, description, licence, origin, loaded_at FROM datasets ORDER BY id"),
    ("import_rejects", "SELECT dataset, file, line, reason, excerpt FROM import_rejects ORDER BY dataset, file, line"),
    (
        "gdelt_files",
        "SELECT id, name, path, size, md5, version, rows_read, rows_stored, rows_rejected, import_id, imported_at
         FROM gdelt_files ORDER BY id",
    ),
    (
        "gdelt_rejects",
        "SELECT f.name AS file, r.file_id, r.line, r.reason, r.excerpt FROM gdelt_rejects r JOIN gdelt_files f ON f.id = r.file_id ORDER BY r.file_id, r.line",
    ),
    (
        "gdelt_parts",
        "SELECT path, counts_path, year, rows, bytes, min_date, max_date, import_id FROM gdelt_parts ORDER BY path",
    ),
    ("gdelt_imports", "SELECT * FROM gdelt_imports ORDER BY id"),
];

impl Store {
    /// Opens (creating it if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        Self::prepare(conn, path)
    }

    /// A store in memory, for tests and one-off work.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::prepare(conn, Path::new(":memory:"))
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        schema::migrate(&mut conn, path)?;
        Ok(Store { conn })
    }

    /// The schema version this store is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The kind of the stored record `id`, if any.
    pub fn kind_of(&self, id: &str) -> Result<Option<RecordKind>> {
        let kind: Option<String> =
            self.conn.query_row("SELECT kind FROM records WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(kind.and_then(|k| RecordKind::parse(&k)))
    }

    /// Kind and dataset of every stored record, to check a new dataset's references and ids.
    pub fn record_index(&self) -> Result<HashMap<String, (RecordKind, String)>> {
        let mut stmt = self.conn.prepare("SELECT id, kind, dataset FROM records")?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, kind, dataset) = row?;
            if let Some(k) = RecordKind::parse(&kind) {
                out.insert(id, (k, dataset));
            }
        }
        Ok(out)
    }

    pub fn datasets(&self) -> Result<Vec<DatasetInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.title, d.description, d.licence, d.origin, d.fingerprint,
                    (SELECT count(*) FROM records r WHERE r.dataset = d.id)
             FROM datasets d ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DatasetInfo {
                id: r.get(0)?,
                title: r.get(1)?,
                description: r.get(2)?,
                licence: r.get(3)?,
                origin: r.get(4)?,
                fingerprint: r.get(5)?,
                records: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Writes `dataset` in one transaction: adds new records, rewrites changed ones,
    /// removes those the dataset no longer has. A dataset whose files are unchanged
    /// (same `fingerprint`) is left alone.
    pub fn load_dataset(&mut self, dataset: &Dataset, origin: &str, fingerprint: &str) -> Result<LoadReport> {
        self.load_dataset_with_rejects(dataset, origin, fingerprint, &[])
    }

    /// As [`Store::load_dataset`], for a dataset imported from a feed whose left-out rows
    /// are kept beside it (replacing those of the dataset's previous load), in the same
    /// transaction.
    pub fn load_dataset_with_rejects(
        &mut self,
        dataset: &Dataset,
        origin: &str,
        fingerprint: &str,
        rejects: &[ImportReject],
    ) -> Result<LoadReport> {
        let id = &dataset.meta.id;
        let stored: Option<String> =
            self.conn.query_row("SELECT fingerprint FROM datasets WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        if stored.as_deref() == Some(fingerprint) {
            let count: i64 =
                self.conn.query_row("SELECT count(*) FROM records WHERE dataset = ?1", [id], |r| r.get(0))?;
            return Ok(LoadReport { dataset: id.clone(), unchanged: count as usize, ..Default::default() });
        }
        let tx = self.conn.transaction()?;
        // References may point forward (an event cites a source written later in the
        // same transaction): check foreign keys at commit.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        tx.execute(
            "INSERT INTO datasets (id, title, description, licence, origin, fingerprint, loaded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))
             ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
               licence = excluded.licence, origin = excluded.origin, fingerprint = excluded.fingerprint,
               loaded_at = excluded.loaded_at",
            params![id, dataset.meta.title, dataset.meta.description, dataset.meta.licence, origin, fingerprint],
        )?;
        let mut existing: HashMap<String, (String, String)> = HashMap::new();
        {
            let mut stmt = tx.prepare("SELECT id, body_hash, dataset FROM records")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
            for row in rows {
                let (rid, hash, ds) = row?;
                existing.insert(rid, (hash, ds));
            }
        }
        tx.execute("DELETE FROM import_rejects WHERE dataset = ?1", [id])?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO import_rejects (dataset, file, line, reason, excerpt) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for r in rejects {
                stmt.execute(params![id, r.file, r.line, r.reason, r.excerpt])?;
            }
        }
        let mut report = LoadReport { dataset: id.clone(), ..Default::default() };
        let mut kept: HashSet<&str> = HashSet::new();
        for record in &dataset.records {
            let rid = record.id();
            kept.insert(rid);
            let body =
                serde_json::to_string(record).map_err(|e| StoreError::Corrupt { id: rid.to_string(), source: e })?;
            let hash = digest(&body);
            match existing.get(rid) {
                Some((_, ds)) if ds != id => {
                    return Err(StoreError::Conflict(format!(
                        "record id \"{rid}\" already belongs to dataset \"{ds}\"; ids are unique across datasets"
                    )));
                }
                Some((h, _)) if *h == hash => report.unchanged += 1,
                Some(_) => {
                    delete_record(&tx, rid)?;
                    insert_record(&tx, id, record, &body, &hash)?;
                    report.updated += 1;
                }
                None => {
                    insert_record(&tx, id, record, &body, &hash)?;
                    report.added += 1;
                }
            }
        }
        for (rid, (_, ds)) in &existing {
            if ds == id && !kept.contains(rid.as_str()) {
                delete_record(&tx, rid)?;
                report.removed += 1;
            }
        }
        commit(tx)?;
        Ok(report)
    }

    /// Checks one record against the store and writes it into `dataset`, all in one
    /// transaction: the same rules as loading a dataset (references resolve, sources are
    /// cited, ids are not taken by another dataset). `Create` refuses an id that exists;
    /// `Update` refuses one that does not, or a change of kind or dataset.
    pub fn write_record(&mut self, dataset: &str, record: &Record, mode: WriteMode) -> Result<WriteOutcome> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let outcome = write_in(&tx, dataset, record, mode)?;
        if outcome.changed {
            commit(tx)?;
        }
        Ok(outcome)
    }

    /// The record `id`, if stored.
    pub fn record(&self, id: &str) -> Result<Option<StoredRecord>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row("SELECT dataset, body FROM records WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(dataset, body)| Ok(StoredRecord { dataset, record: parse_body(id, &body)? })).transpose()
    }

    /// Every record of `kind`, in id order.
    pub fn records_of_kind(&self, kind: RecordKind) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare("SELECT id, body FROM records WHERE kind = ?1 ORDER BY id")?;
        let rows = stmt.query_map([kind.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row?;
            out.push(parse_body(&id, &body)?);
        }
        Ok(out)
    }

    /// Every record of the dataset `id`, in id order.
    pub fn records_of_dataset(&self, id: &str) -> Result<Vec<Record>> {
        let mut stmt = self.conn.prepare("SELECT id, body FROM records WHERE dataset = ?1 ORDER BY id")?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body) = row?;
            out.push(parse_body(&id, &body)?);
        }
        Ok(out)
    }

    /// Every source.
    pub fn sources(&self) -> Result<Vec<Source>> {
        Ok(self
            .records_of_kind(RecordKind::Source)?
            .into_iter()
            .filter_map(|r| match r {
                Record::Source(s) => Some(s),
                _ => None,
            })
            .collect())
    }

    /// The sources `ids`, in the order given, skipping unknown ids.
    pub fn sources_by_id(&self, ids: &[&str]) -> Result<Vec<Source>> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(StoredRecord { record: Record::Source(s), .. }) = self.record(id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Records citing the source `id`.
    pub fn citing(&self, source_id: &str) -> Result<Vec<(String, Citation)>> {
        // The role and note live in the record's JSON only, so the citations table needs no new column.
        let mut stmt = self.conn.prepare(
            "SELECT c.record_id, c.source_id, c.locator, c.quote, c.reference_id,
                    json_extract(r.body, '$.sources[' || c.ord || '].role'),
                    json_extract(r.body, '$.sources[' || c.ord || '].note')
             FROM citations c JOIN records r ON r.id = c.record_id
             WHERE c.source_id = ?1 OR c.reference_id = ?1 ORDER BY c.record_id, c.ord",
        )?;
        let rows = stmt.query_map([source_id], |r| {
            let role: Option<String> = r.get(5)?;
            Ok((
                r.get::<_, String>(0)?,
                Citation {
                    source: r.get(1)?,
                    locator: r.get(2)?,
                    quote: r.get(3)?,
                    reference: r.get(4)?,
                    role: role.and_then(|r| r.parse().ok()).unwrap_or_default(),
                    note: r.get(6)?,
                },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// How many records cite each source (as the source or the work it refers to).
    pub fn citation_counts(&self) -> Result<HashMap<String, usize>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, count(DISTINCT record_id) FROM (
               SELECT source_id AS id, record_id FROM citations
               UNION ALL SELECT reference_id, record_id FROM citations WHERE reference_id IS NOT NULL)
             GROUP BY id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The records that point at `id`: citing it, naming it as actor or programme, making
    /// a claim about it, or having it as parent. Each with how it points.
    pub fn referencing(&self, id: &str) -> Result<Vec<Reference>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.from_id, r.kind, r.title, x.how, x.detail FROM (
               SELECT record_id AS from_id, 'cites' AS how, locator AS detail, ord FROM citations WHERE source_id = ?1
               UNION ALL SELECT record_id, 'refers', locator, ord FROM citations WHERE reference_id = ?1
               UNION ALL SELECT event_id, 'actor', role, 0 FROM event_actors WHERE actor_id = ?1
               UNION ALL SELECT id, 'programme', NULL, 0 FROM events WHERE programme = ?1
               UNION ALL SELECT id, 'about', NULL, 0 FROM records WHERE kind = 'claim' AND json_extract(body, '$.about') = ?1
               UNION ALL SELECT id, 'parent', NULL, 0 FROM records WHERE kind = 'actor' AND json_extract(body, '$.parent') = ?1
             ) x JOIN records r ON r.id = x.from_id
             ORDER BY r.kind, x.from_id, x.how, x.ord",
        )?;
        let rows = stmt.query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok(Reference {
                id: r.get(0)?,
                kind: RecordKind::parse(&kind).unwrap_or(RecordKind::Source),
                title: r.get(2)?,
                how: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Events involving both `a` and `b` (ISO alpha-3), in date order.
    pub fn events_between(&self, a: &str, b: &str, filter: &EventFilter) -> Result<Vec<Event>> {
        let mut sql = String::from(
            "SELECT e.id, r.body FROM events e JOIN records r ON r.id = e.id
             WHERE EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country = ?1)
               AND EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country = ?2)",
        );
        let mut args: Vec<rusqlite::types::Value> = vec![a.to_string().into(), b.to_string().into()];
        if let Some(y) = filter.from_year {
            // An event counts when any part of it falls in the range.
            args.push(rusqlite::types::Value::Integer(i64::from(y) * 10_000));
            sql.push_str(&format!(" AND e.end_key >= ?{}", args.len()));
        }
        if let Some(y) = filter.to_year {
            args.push(rusqlite::types::Value::Integer(i64::from(y) * 10_000 + 1231));
            sql.push_str(&format!(" AND e.date_key <= ?{}", args.len()));
        }
        if !filter.domains.is_empty() {
            let mut marks = Vec::new();
            for d in &filter.domains {
                args.push(d.clone().into());
                marks.push(format!("?{}", args.len()));
            }
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_domains d WHERE d.event_id = e.id AND d.domain IN ({}))",
                marks.join(",")
            ));
        }
        if !filter.kinds.is_empty() {
            let mut marks = Vec::new();
            for k in &filter.kinds {
                args.push(k.clone().into());
                marks.push(format!("?{}", args.len()));
            }
            sql.push_str(&format!(" AND e.kind IN ({})", marks.join(",")));
        }
        sql.push_str(" ORDER BY e.date_key, e.end_key, e.id");
        let mut stmt = self.conn.prepare(&sql)?;
        event_rows(&mut stmt, rusqlite::params_from_iter(args))
    }

    /// Observations of indicators starting with `indicator_prefix` (`students.`,
    /// `elcano.`), for a directed pair (`from`, `to`) or a `country`, each `None` meaning any;
    /// by indicator, dataset and period.
    pub fn observations(
        &self,
        indicator_prefix: &str,
        from: Option<&str>,
        to: Option<&str>,
        country: Option<&str>,
    ) -> Result<Vec<StoredObservation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.dataset, r.body FROM observations o JOIN records r ON r.id = o.id
             WHERE o.indicator >= ?1 AND o.indicator < ?1 || char(1114111)
               AND (?2 IS NULL OR o.from_country = ?2) AND (?3 IS NULL OR o.to_country = ?3)
               AND (?4 IS NULL OR o.country = ?4)
             ORDER BY o.indicator, r.dataset, o.period_start, o.academic, r.id",
        )?;
        observation_rows(&mut stmt, params![indicator_prefix, from, to, country])
    }

    /// Runs `read` in one read transaction, so that all its statements see the same committed
    /// state. Outside one, each statement sees the latest commit, and a writer in another
    /// process (an import committing a chunk) can commit between two of them.
    pub fn consistent_read<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            // Already inside a transaction, which gives the same guarantee.
            return read(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = read(self);
        let end = self.conn.execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let value = out?;
        end?;
        Ok(value)
    }

    /// A number that changes whenever a committed write changes records, datasets, the GDELT
    /// manifest or import rejects, from any connection or process (triggers move it), so an
    /// answer computed at one generation stays true until it differs.
    pub fn generation(&self) -> Result<i64> {
        Ok(self.conn.prepare_cached("SELECT n FROM generation")?.query_row([], |r| r.get(0))?)
    }

    /// Pairs of countries that share at least one event, most events first.
    pub fn dyads(&self) -> Result<Vec<DyadCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.country, y.country,
                    count(DISTINCT CASE WHEN json_extract(r.body, '$.context') THEN NULL ELSE x.event_id END) AS n,
                    count(DISTINCT CASE WHEN json_extract(r.body, '$.context') THEN x.event_id END) AS context
             FROM event_countries x JOIN event_countries y ON x.event_id = y.event_id AND x.country < y.country
             JOIN records r ON r.id = x.event_id
             GROUP BY x.country, y.country ORDER BY n DESC, context DESC, x.country, y.country",
        )?;
        let rows = stmt
            .query_map([], |r| Ok(DyadCount { a: r.get(0)?, b: r.get(1)?, events: r.get(2)?, context: r.get(3)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Full-text search over every record's names, titles, descriptions and quotes, in any
    /// language, ignoring case and diacritics. Each word of `text` must match (as a prefix).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare(
            "SELECT s.record_id, r.kind, r.title, snippet(search, 2, '[', ']', '…', 12), bm25(search)
             FROM search s JOIN records r ON r.id = s.record_id
             WHERE search MATCH ?1 ORDER BY bm25(search), s.record_id",
        )?;
        let rows = stmt.query_map([query], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, f64>(4)?,
            ))
        })?;
        let mut out: Vec<SearchHit> = Vec::new();
        for row in rows {
            let (id, kind, title, snippet, rank) = row?;
            if out.iter().any(|h| h.id == id) {
                continue;
            }
            let Some(kind) = RecordKind::parse(&kind) else {
                continue;
            };
            out.push(SearchHit { id, kind, title, snippet, rank });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// A read-only copy of one of the tables `entente query` exposes, as column names and
    /// rows of SQLite values. See [`QUERY_TABLES`].
    pub fn snapshot(&self, table: &str) -> Result<Snapshot> {
        let Some((_, sql)) = QUERY_TABLES.iter().find(|(name, _)| *name == table) else {
            return Err(StoreError::Conflict(format!("no table {table} to query")));
        };
        let mut stmt = self.conn.prepare(sql)?;
        let columns: Vec<String> = stmt.column_names().map(String::from).collect();
        let n = columns.len();
        let rows = stmt.query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(SqlValue::from))
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        Ok(Snapshot { columns, rows: rows.collect::<std::result::Result<_, _>>()? })
    }

    /// Checks SQLite's own consistency and the foreign keys; returns the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let integrity: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(integrity);
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} row {} breaks a reference to {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }
}

/// [`Store::write_record`] inside the caller's transaction, which it leaves to the caller to
/// commit.
fn write_in(tx: &Transaction<'_>, dataset: &str, record: &Record, mode: WriteMode) -> Result<WriteOutcome> {
    let rid = record.id().to_string();
    if !entente_model::text::is_valid_id(dataset) {
        return Err(StoreError::Invalid(vec![Problem {
            kind: record.kind(),
            id: rid,
            field: "dataset".into(),
            message: format!("\"{dataset}\" is not a dataset id: use lowercase letters, digits, '-', '_' and '.'"),
        }]));
    }
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let old: Option<(String, String, String)> = tx
        .query_row("SELECT kind, dataset, body_hash FROM records WHERE id = ?1", [&rid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    match (&old, mode) {
        (Some((_, ds, _)), WriteMode::Create) => {
            return Err(StoreError::Conflict(format!("record \"{rid}\" already exists (dataset \"{ds}\")")));
        }
        (None, WriteMode::Update) => return Err(StoreError::NotFound(format!("no record has id \"{rid}\""))),
        (Some((kind, ds, _)), WriteMode::Update) => {
            if kind != record.kind().as_str() {
                return Err(StoreError::Conflict(format!(
                    "record \"{rid}\" is {}; a record cannot change kind",
                    RecordKind::parse(kind).map(|k| k.with_article()).unwrap_or_else(|| kind.clone())
                )));
            }
            if ds != dataset {
                return Err(StoreError::Conflict(format!(
                    "record \"{rid}\" belongs to dataset \"{ds}\", not \"{dataset}\""
                )));
            }
        }
        (None, WriteMode::Create) => {}
    }
    let known = |id: &str| {
        if id == rid {
            return None;
        }
        let kind: Option<String> = tx
            .prepare_cached("SELECT kind FROM records WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .ok()
            .flatten();
        kind.and_then(|k| RecordKind::parse(&k))
    };
    let problems = entente_model::validate::validate(std::slice::from_ref(record), &known);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let body = serde_json::to_string(record).map_err(|e| StoreError::Corrupt { id: rid.clone(), source: e })?;
    let hash = digest(&body);
    if old.as_ref().is_some_and(|(_, _, h)| *h == hash) {
        return Ok(WriteOutcome { id: rid, dataset: dataset.to_string(), created: false, changed: false });
    }
    tx.execute(
        "INSERT INTO datasets (id, title, origin, fingerprint, loaded_at) VALUES (?1, ?1, 'api', '', datetime('now'))
         ON CONFLICT (id) DO NOTHING",
        [dataset],
    )?;
    if old.is_some() {
        delete_record(tx, &rid)?;
    }
    insert_record(tx, dataset, record, &body, &hash)?;
    // A hand-made change means the dataset no longer matches any folder's files, and a
    // bundled one must not be refreshed over it.
    tx.execute(
        "UPDATE datasets SET fingerprint = '',
           origin = CASE WHEN origin LIKE 'bundled:%' THEN 'edited:' || substr(origin, 9) ELSE origin END
         WHERE id = ?1",
        [dataset],
    )?;
    Ok(WriteOutcome { id: rid, dataset: dataset.to_string(), created: old.is_none(), changed: true })
}

fn commit(tx: Transaction<'_>) -> Result<()> {
    match tx.commit() {
        Ok(()) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            Err(StoreError::Conflict(
                "the change would leave a citation or reference pointing at a removed record; keep the cited records or remove the records citing them"
                    .into(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

fn digest(body: &str) -> String {
    Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The observations a statement selects as (id, dataset, body) rows.
fn observation_rows(stmt: &mut rusqlite::Statement<'_>, args: impl rusqlite::Params) -> Result<Vec<StoredObservation>> {
    let rows =
        stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, dataset, body) = row?;
        if let Record::Observation(observation) = parse_body(&id, &body)? {
            out.push(StoredObservation { dataset, observation });
        }
    }
    Ok(out)
}

/// The events a statement selects as (id, body) rows.
fn event_rows(stmt: &mut rusqlite::Statement<'_>, args: impl rusqlite::Params) -> Result<Vec<Event>> {
    let rows = stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, body) = row?;
        if let Record::Event(e) = parse_body(&id, &body)? {
            out.push(e);
        }
    }
    Ok(out)
}

fn parse_body(id: &str, body: &str) -> Result<Record> {
    serde_json::from_str(body).map_err(|e| StoreError::Corrupt { id: id.to_string(), source: e })
}

/// Turns what a person typed into an FTS5 query: each word quoted (so punctuation cannot
/// break the syntax) and matched as a prefix.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"*")).collect();
    if words.is_empty() { None } else { Some(words.join(" ")) }
}

fn delete_record(tx: &Transaction<'_>, id: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM search WHERE record_id = ?1")?.execute([id])?;
    // Typed projections and citations go with the record (ON DELETE CASCADE).
    tx.prepare_cached("DELETE FROM records WHERE id = ?1")?.execute([id])?;
    Ok(())
}

fn insert_record(tx: &Transaction<'_>, dataset: &str, record: &Record, body: &str, hash: &str) -> Result<()> {
    let id = record.id();
    tx.prepare_cached(
        "INSERT INTO records (id, kind, dataset, title, body, body_hash, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))",
    )?
    .execute(params![id, record.kind().as_str(), dataset, record.title("en"), body, hash])?;
    for (ord, c) in record.citations().iter().enumerate() {
        tx.prepare_cached("INSERT INTO citations (record_id, ord, source_id, locator, quote, reference_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(params![id, ord as i64, c.source, c.locator, c.quote, c.reference],
        )?;
    }
    for (lang, text) in record.search_texts() {
        if !text.trim().is_empty() {
            tx.prepare_cached("INSERT INTO search (record_id, lang, text) VALUES (?1, ?2, ?3)")?
                .execute(params![id, lang, text])?;
        }
    }
    match record {
        Record::Event(e) => {
            let end = e.end.unwrap_or(e.date);
            tx.prepare_cached(
                "INSERT INTO events (id, kind, status, date, date_key, end_key, precision, host, programme)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                e.kind.as_str(),
                e.status.as_str(),
                e.date.to_string(),
                e.date.sort_key(),
                end.end_key(),
                e.date.precision().as_str(),
                e.host,
                e.programme
            ])?;
            let mut roles: Vec<(&str, &str)> = Vec::new();
            roles.extend(e.host.iter().map(|c| (c.as_str(), "host")));
            roles.extend(e.projecting.iter().map(|c| (c.as_str(), "projecting")));
            roles.extend(e.countries.iter().map(|c| (c.as_str(), "other")));
            for (country, role) in roles {
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO event_countries (event_id, country, role) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, country, role])?;
            }
            for d in &e.domains {
                tx.prepare_cached("INSERT OR IGNORE INTO event_domains (event_id, domain) VALUES (?1, ?2)")?
                    .execute(params![id, d.as_str()])?;
            }
            for p in &e.actors {
                tx.prepare_cached("INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) VALUES (?1, ?2, ?3)")?
                    .execute(params![id, p.actor, p.role.as_str()])?;
            }
        }
        Record::Observation(o) => {
            tx.prepare_cached("INSERT INTO observations (id, indicator, country, from_country, to_country, period, period_start, academic, value, unit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")?.execute(params![
                    id,
                    o.indicator,
                    o.country,
                    o.from,
                    o.to,
                    o.period.to_string(),
                    o.period.start_year(),
                    o.period.is_academic(),
                    o.value,
                    o.unit
                ],
            )?;
        }
        Record::Source(_) | Record::Actor(_) | Record::Programme(_) | Record::Claim(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests;
