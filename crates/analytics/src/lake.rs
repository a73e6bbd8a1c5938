//! The tables DataFusion queries: GDELT events in the committed Parquet parts, and copies of
//! the store's curated and manifest tables, in a session that runs here or on a Ballista
//! cluster ([`Lake::backend`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, BinaryArray, Float64Array, Int64Array, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::datasource::MemTable;
use datafusion::datasource::empty::EmptyTable;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use entente_store::{GdeltPart, QUERY_TABLES, Snapshot, SqlValue, Store};

use crate::AnalyticsError;
use crate::cluster::Backend;

/// The name of the GDELT events table in SQL.
pub const EVENTS: &str = "gdelt_events";
/// The per-part rollups: events per country and month (each event counted once for each of
/// its actors' countries).
pub const COUNTS: &str = "gdelt_country_counts";

/// What the store says is queryable: committed parts, and (optionally) curated tables.
pub struct Lake {
    pub data: PathBuf,
    pub parts: Vec<GdeltPart>,
    /// Number of imported GDELT files.
    pub files: usize,
    tables: Vec<(&'static str, Snapshot)>,
    /// Most memory a query's operators may hold, in bytes; past it a sort spills to disk and
    /// what cannot spill (a huge hash join) fails with a clear error.
    pub memory_limit: usize,
    /// Where queries run: here (the default) or on a Ballista cluster.
    pub backend: Backend,
    /// Most time a series or a comparison may take on a cluster ([`CLUSTER_TIMEOUT`] unless
    /// set); here, a query is not bounded.
    pub cluster_timeout: std::time::Duration,
}

/// The default of [`Lake::memory_limit`]: 1 GiB.
pub const DEFAULT_MEMORY_LIMIT: usize = 1 << 30;

impl Lake {
    /// Reads the manifest (and, with `curated`, copies every table of
    /// [`entente_store::QUERY_TABLES`]) from the store. Quick: the events stay in Parquet.
    /// All of it is read at one committed state, so the files counted are those whose rows
    /// the parts hold, even while an import commits.
    pub fn from_store(data: &Path, store: &Store, curated: bool) -> Result<Lake, AnalyticsError> {
        let (parts, files, tables) = store.consistent_read(|s| {
            let parts = s.gdelt_parts()?;
            let files = s.gdelt_files()?.len();
            let mut tables = Vec::new();
            if curated {
                for (name, _) in QUERY_TABLES {
                    tables.push((*name, s.snapshot(name)?));
                }
            }
            Ok((parts, files, tables))
        })?;
        Ok(Lake {
            data: data.to_path_buf(),
            parts,
            files,
            tables,
            memory_limit: DEFAULT_MEMORY_LIMIT,
            backend: Backend::Local,
            cluster_timeout: CLUSTER_TIMEOUT,
        })
    }

    /// Rows of GDELT events committed.
    pub fn rows(&self) -> i64 {
        self.parts.iter().map(|p| p.rows).sum()
    }

    /// Fails with [`AnalyticsError::PartsReplaced`] when a part this lake lists is no longer on
    /// disk. DataFusion reads a listed file that is gone as an empty folder, so a query that
    /// ran while a compaction deleted the parts it replaced can return too few rows with no
    /// error; parts are only ever deleted, never rewritten, so a query whose parts all still
    /// exist once it has finished saw every one of them.
    pub fn ensure_parts_present(&self) -> Result<(), AnalyticsError> {
        for part in &self.parts {
            for rel in [&part.path, &part.counts_path] {
                if !self.data.join(rel).exists() {
                    return Err(AnalyticsError::PartsReplaced(rel.clone()));
                }
            }
        }
        Ok(())
    }

    /// A DataFusion session with `gdelt_events` and the copied tables registered.
    pub(crate) async fn context(&self, threads: usize) -> Result<SessionContext, AnalyticsError> {
        let mut config = SessionConfig::new().with_target_partitions(threads.max(1)).with_information_schema(true);
        let parquet = &mut config.options_mut().execution.parquet;
        // Decode the filter columns first and skip the rest of non-matching rows.
        parquet.pushdown_filters = true;
        parquet.reorder_filters = true;
        let runtime = RuntimeEnvBuilder::new().with_memory_limit(self.memory_limit, 1.0).build_arc()?;
        let ctx = match &self.backend {
            Backend::Local => SessionContext::new_with_config_rt(config, runtime),
            Backend::Ballista { host, port } => crate::cluster::session(host, *port, config, runtime).await?,
        };
        let events: Vec<PathBuf> = self.parts.iter().map(|p| self.data.join(&p.path)).collect();
        let counts: Vec<PathBuf> = self.parts.iter().map(|p| self.data.join(&p.counts_path)).collect();
        register(&ctx, EVENTS, &events, entente_ingest::gdelt::schema()).await?;
        register(&ctx, COUNTS, &counts, counts_schema()).await?;
        for (name, snapshot) in &self.tables {
            ctx.register_table(*name, Arc::new(mem_table(snapshot)?))?;
        }
        Ok(ctx)
    }
}

/// The default of [`Lake::cluster_timeout`]: on a cluster, a lost executor or scheduler must
/// end in an error, never a wait without end (`entente query` has its own `--timeout`).
pub const CLUSTER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

impl Lake {
    /// Runs `work`, bounded by [`Lake::cluster_timeout`] on a cluster.
    pub(crate) async fn bounded<T>(
        &self,
        work: impl Future<Output = Result<T, AnalyticsError>>,
    ) -> Result<T, AnalyticsError> {
        match self.backend {
            Backend::Local => work.await,
            Backend::Ballista { .. } => tokio::time::timeout(self.cluster_timeout, work)
                .await
                .map_err(|_| AnalyticsError::ClusterTimeout(self.cluster_timeout))?,
        }
    }
}

/// The schema of the rollups, as `entente-import` writes them.
fn counts_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("country", DataType::Utf8, false),
        Field::new("year", DataType::Int32, false),
        Field::new("month_year", DataType::Int32, false),
        Field::new("events", DataType::Int64, false),
    ]))
}

/// Registers `name` over exactly these Parquet files (an empty table of `schema` when
/// there are none, one a Ballista plan can carry), never by listing a folder, so
/// uncommitted files stay invisible.
async fn register(
    ctx: &SessionContext,
    name: &str,
    files: &[PathBuf],
    schema: SchemaRef,
) -> Result<(), AnalyticsError> {
    if files.is_empty() {
        ctx.register_table(name, Arc::new(EmptyTable::new(schema)))?;
        return Ok(());
    }
    let mut urls = Vec::with_capacity(files.len());
    for f in files {
        urls.push(ListingTableUrl::parse(f.to_string_lossy().as_ref())?);
    }
    let options = ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
    let config = ListingTableConfig::new_with_multi_paths(urls).with_listing_options(options);
    let config = config.infer_schema(&ctx.state()).await?;
    ctx.register_table(name, Arc::new(ListingTable::try_new(config)?))?;
    Ok(())
}

/// A copied SQLite table as an Arrow table, each column typed by the values it holds.
fn mem_table(s: &Snapshot) -> Result<MemTable, AnalyticsError> {
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (i, name) in s.columns.iter().enumerate() {
        let values = s.rows.iter().map(|r| &r[i]);
        let (mut ints, mut reals, mut texts, mut blobs) = (false, false, false, false);
        for v in values.clone() {
            match v {
                SqlValue::Integer(_) => ints = true,
                SqlValue::Real(_) => reals = true,
                SqlValue::Text(_) => texts = true,
                SqlValue::Blob(_) => blobs = true,
                SqlValue::Null => {}
            }
        }
        let (t, array): (DataType, ArrayRef) = if texts || (!ints && !reals && !blobs) {
            let a: StringArray = values
                .map(|v| match v {
                    SqlValue::Text(t) => Some(t.clone()),
                    SqlValue::Integer(n) => Some(n.to_string()),
                    SqlValue::Real(f) => Some(f.to_string()),
                    _ => None,
                })
                .collect();
            (DataType::Utf8, Arc::new(a))
        } else if blobs {
            let a: BinaryArray = values
                .map(|v| match v {
                    SqlValue::Blob(b) => Some(b.as_slice()),
                    _ => None,
                })
                .collect();
            (DataType::Binary, Arc::new(a))
        } else if reals {
            let a: Float64Array = values
                .map(|v| match v {
                    SqlValue::Real(f) => Some(*f),
                    SqlValue::Integer(n) => Some(*n as f64),
                    _ => None,
                })
                .collect();
            (DataType::Float64, Arc::new(a))
        } else {
            let a: Int64Array = values
                .map(|v| match v {
                    SqlValue::Integer(n) => Some(*n),
                    _ => None,
                })
                .collect();
            (DataType::Int64, Arc::new(a))
        };
        fields.push(Field::new(name, t, true));
        columns.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns)?;
    Ok(MemTable::try_new(schema, vec![vec![batch]])?)
}

/// A query session over a lake, built once and reused (by the web server, across requests).
#[derive(Clone)]
pub struct Engine {
    pub lake: Arc<Lake>,
    ctx: SessionContext,
}

impl Engine {
    pub async fn new(lake: Lake) -> Result<Engine, AnalyticsError> {
        let ctx = lake.context(crate::threads()).await?;
        Ok(Engine { lake: Arc::new(lake), ctx })
    }

    pub async fn series(
        &self,
        dyad: &entente_model::Dyad,
        q: &crate::SeriesQuery,
    ) -> Result<crate::Series, AnalyticsError> {
        let series = crate::series::series(&self.ctx, &self.lake, dyad, q).await?;
        self.lake.ensure_parts_present()?;
        Ok(series)
    }

    /// GDELT events between `focus` and every counterpart by year and QuadClass, for
    /// [`crate::compare`]; `None` without imported parts.
    pub async fn gdelt_counts(&self, focus: &str) -> Result<Option<crate::compare::GdeltCounts>, AnalyticsError> {
        let counts = crate::compare::gdelt_counts(&self.ctx, &self.lake, focus).await?;
        self.lake.ensure_parts_present()?;
        Ok(counts)
    }

    pub async fn query(&self, sql: &str, limits: crate::Limits) -> Result<crate::QueryResult, AnalyticsError> {
        let result = crate::query::query(&self.ctx, sql, limits).await?;
        self.lake.ensure_parts_present()?;
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{By, SeriesQuery};

    /// A data folder with one GDELT 2.0 file imported into two parts.
    fn imported() -> Option<(tempfile::TempDir, Store)> {
        let zip = Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../../../shared/data/gdelt/events/v2_15min/oreillyross_GDELT_Downloader/20250104161500.export.CSV.zip",
        );
        if !zip.exists() {
            assert!(
                std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
                "{} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)",
                zip.display()
            );
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("entente.db")).expect("store");
        let options = entente_import::gdelt::ImportOptions { threads: 1, part_rows: 400, ..Default::default() };
        let progress = entente_import::gdelt::Progress::default();
        entente_import::gdelt::import(dir.path(), &mut store, &[zip], &options, &progress).expect("import");
        Some((dir, store))
    }

    #[test]
    fn a_query_over_parts_deleted_meanwhile_fails_instead_of_counting_too_few() {
        let Some((dir, store)) = imported() else { return };
        let lake = Lake::from_store(dir.path(), &store, false).expect("lake");
        assert!(lake.parts.len() >= 2, "{:?}", lake.parts);
        let runtime = crate::runtime().expect("runtime");
        let engine = runtime.block_on(Engine::new(lake)).expect("engine");
        let count = "SELECT count(*) AS n FROM gdelt_events";
        let all = runtime.block_on(engine.query(count, crate::Limits::default())).expect("query");
        assert_eq!(all.rows[0][0], serde_json::json!(engine.lake.rows()));

        // A compaction that commits deletes the parts it replaced, under a session built on them.
        let gone = &engine.lake.parts[0];
        std::fs::remove_file(dir.path().join(&gone.path)).expect("remove part");
        // DataFusion itself reads the missing file as an empty folder: fewer rows, no error.
        let raw = runtime.block_on(crate::query::query(&engine.ctx, count, crate::Limits::default())).expect("raw");
        assert_eq!(raw.rows[0][0], serde_json::json!(engine.lake.rows() - gone.rows));
        // The engine says so instead.
        let err = runtime.block_on(engine.query(count, crate::Limits::default())).unwrap_err();
        assert!(matches!(&err, AnalyticsError::PartsReplaced(p) if p == &gone.path), "{err}");
        let err = runtime
            .block_on(engine.series(
                &entente_model::Dyad::new("FRA", "KAZ"),
                &SeriesQuery { by: By::Year, from_year: None, to_year: None },
            ))
            .unwrap_err();
        assert!(err.to_string().contains("changed while the query ran"), "{err}");
    }
}
