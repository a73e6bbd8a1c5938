//! `entente query`: read-only SQL over GDELT events and the curated tables, with a row cap
//! and a time limit.

use std::time::{Duration, Instant};

use datafusion::arrow::array::{Array, RecordBatch};
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::error::DataFusionError;
use datafusion::execution::context::SQLOptions;
use datafusion::execution::memory_pool::MemoryLimit;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::SessionContext;
use serde::Serialize;
use serde_json::{Number, Value};

use crate::AnalyticsError;

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryResult {
    pub columns: Vec<String>,
    pub types: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// True when the query had more rows than the cap; `rows` holds the first `cap`.
    pub truncated: bool,
    pub elapsed_ms: u128,
}

/// Limits on a query.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_rows: usize,
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_rows: 10_000, timeout: Duration::from_secs(60) }
    }
}

/// Runs one read-only statement. Statements that would write, create, or change settings
/// are refused before anything runs.
pub(crate) async fn query(ctx: &SessionContext, sql: &str, limits: Limits) -> Result<QueryResult, AnalyticsError> {
    let started = Instant::now();
    // Planned first, never run, so a statement that would write is refused by what it is.
    let plan = ctx.state().create_logical_plan(sql).await?;
    if let Some(what) = writes(&plan) {
        return Err(AnalyticsError::ReadOnly(format!(
            "{what}; it takes SELECT, WITH, VALUES, EXPLAIN, SHOW and DESCRIBE"
        )));
    }
    // DataFusion's own check of the same, should a new kind of plan appear.
    let options = SQLOptions::new().with_allow_ddl(false).with_allow_dml(false).with_allow_statements(false);
    options.verify_plan(&plan).map_err(|e| AnalyticsError::ReadOnly(e.to_string()))?;
    let df = ctx.execute_logical_plan(plan).await?;
    // EXPLAIN must stay at the root of its plan; its output is small anyway.
    let explain = matches!(df.logical_plan(), LogicalPlan::Explain(_) | LogicalPlan::Analyze(_));
    let df = if explain { df } else { df.limit(0, Some(limits.max_rows.saturating_add(1)))? };
    let memory_limit = ctx.runtime_env().memory_pool.memory_limit();
    let batches: Vec<RecordBatch> = tokio::time::timeout(limits.timeout, df.collect())
        .await
        .map_err(|_| AnalyticsError::Timeout(limits.timeout))?
        .map_err(|e| match e.find_root() {
            DataFusionError::ResourcesExhausted(detail) => AnalyticsError::Memory {
                limit: match memory_limit {
                    MemoryLimit::Finite(n) => n,
                    _ => 0,
                },
                detail: detail.clone(),
            },
            _ => AnalyticsError::from(e),
        })?;
    let schema = batches.first().map(|b| b.schema());
    let mut result = QueryResult {
        columns: schema.as_ref().map(|s| s.fields().iter().map(|f| f.name().clone()).collect()).unwrap_or_default(),
        types: schema
            .as_ref()
            .map(|s| s.fields().iter().map(|f| f.data_type().to_string()).collect())
            .unwrap_or_default(),
        rows: Vec::new(),
        truncated: false,
        elapsed_ms: 0,
    };
    let options = FormatOptions::default().with_null("");
    'outer: for batch in &batches {
        let formatters: Vec<ArrayFormatter<'_>> =
            batch.columns().iter().map(|c| ArrayFormatter::try_new(c.as_ref(), &options)).collect::<Result<_, _>>()?;
        for row in 0..batch.num_rows() {
            if result.rows.len() == limits.max_rows {
                result.truncated = true;
                break 'outer;
            }
            let mut values = Vec::with_capacity(batch.num_columns());
            for (col, f) in batch.columns().iter().zip(&formatters) {
                values.push(json_value(col.as_ref(), row, &f.value(row).to_string()));
            }
            result.rows.push(values);
        }
    }
    result.elapsed_ms = started.elapsed().as_millis();
    Ok(result)
}

/// What a plan would change, if anything: any node anywhere in it (an `EXPLAIN ANALYZE`
/// runs the statement it explains).
fn writes(plan: &LogicalPlan) -> Option<&'static str> {
    let what = match plan {
        LogicalPlan::Ddl(_) => Some("creating, dropping or altering tables, views, schemas or functions is refused"),
        LogicalPlan::Dml(_) => Some("INSERT, UPDATE, DELETE and writing files are refused"),
        LogicalPlan::Copy(_) => Some("COPY … TO (writing files) is refused"),
        LogicalPlan::Statement(_) => Some("SET, transactions and prepared statements are refused"),
        _ => None,
    };
    what.or_else(|| plan.inputs().into_iter().find_map(writes))
}

/// A cell as JSON: numbers and booleans as such, null as null, the rest as text.
fn json_value(col: &dyn Array, row: usize, text: &str) -> Value {
    if col.is_null(row) {
        return Value::Null;
    }
    match col.data_type() {
        DataType::Boolean => Value::Bool(text == "true"),
        t if t.is_integer() => text.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(text.into())),
        t if t.is_floating() => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(text.into())),
        _ => Value::String(text.to_string()),
    }
}

/// Runs a query outside an async runtime.
pub fn query_blocking(lake: &crate::lake::Lake, sql: &str, limits: Limits) -> Result<QueryResult, AnalyticsError> {
    let runtime = crate::runtime()?;
    runtime.block_on(async {
        let ctx = lake.context(crate::threads()).await?;
        let result = query(&ctx, sql, limits).await?;
        lake.ensure_parts_present()?;
        Ok(result)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lake::Lake;

    fn lake(memory_limit: usize) -> (tempfile::TempDir, Lake) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = entente_store::Store::open_in_memory().expect("store");
        let mut lake = Lake::from_store(dir.path(), &store, true).expect("lake");
        lake.memory_limit = memory_limit;
        (dir, lake)
    }

    #[test]
    fn statements_that_would_change_anything_are_refused_and_change_nothing() {
        let (dir, lake) = lake(crate::lake::DEFAULT_MEMORY_LIMIT);
        let out = dir.path().join("copied.csv");
        let refused = [
            format!("COPY (SELECT 1) TO '{}'", out.display()),
            format!("COPY records TO '{}' STORED AS CSV", out.display()),
            "CREATE EXTERNAL TABLE pw (line VARCHAR) STORED AS CSV LOCATION '/etc/passwd'".to_string(),
            "INSERT INTO records SELECT * FROM records".to_string(),
            "DELETE FROM records".to_string(),
            "DROP TABLE records".to_string(),
            "CREATE VIEW v AS SELECT 1".to_string(),
            "CREATE TABLE t AS SELECT 1".to_string(),
            "SET datafusion.execution.batch_size = 1".to_string(),
            "EXPLAIN ANALYZE INSERT INTO records SELECT * FROM records".to_string(),
        ];
        for sql in &refused {
            match query_blocking(&lake, sql, Limits::default()) {
                Err(AnalyticsError::ReadOnly(m)) => assert!(m.contains("refused"), "{sql}: {m}"),
                other => panic!("{sql}: {other:?}"),
            }
        }
        // A local file is not a table.
        assert!(query_blocking(&lake, "SELECT * FROM '/etc/passwd'", Limits::default()).is_err());
        assert!(!out.exists(), "COPY wrote a file");
        let count = query_blocking(&lake, "SELECT count(*) AS n FROM records", Limits::default()).expect("count");
        assert_eq!(count.rows, vec![vec![Value::from(0)]]);
        let tables = query_blocking(&lake, "SHOW TABLES", Limits::default()).expect("show tables");
        assert!(!tables.rows.iter().any(|r| r.iter().any(|v| v == "v" || v == "pw" || v == "t")), "{tables:?}");
    }

    #[test]
    fn a_query_past_the_memory_limit_fails_with_a_clear_error() {
        let sql = "SELECT count(*) FROM range(3000000) a JOIN range(3000000) b ON a.value = b.value";
        let (_dir, small) = lake(4 << 20);
        match query_blocking(&small, sql, Limits::default()) {
            Err(AnalyticsError::Memory { limit, detail }) => {
                assert_eq!(limit, 4 << 20);
                assert!(!detail.is_empty());
            }
            other => panic!("{other:?}"),
        }
        let e = query_blocking(&small, sql, Limits::default()).unwrap_err().to_string();
        assert!(e.contains("4 MiB") && e.contains("--memory"), "{e}");
        let (_dir, roomy) = lake(crate::lake::DEFAULT_MEMORY_LIMIT);
        let ok = query_blocking(&roomy, sql, Limits::default()).expect("within the default limit");
        assert_eq!(ok.rows, vec![vec![Value::from(3_000_000)]]);
    }
}
