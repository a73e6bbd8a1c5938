//! `entente query`: read-only SQL over GDELT events and the curated tables, with a row cap
//! and a time limit.

use std::time::{Duration, Instant};

use datafusion::arrow::array::{Array, RecordBatch};
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use datafusion::execution::context::SQLOptions;
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
pub async fn query(ctx: &SessionContext, sql: &str, limits: Limits) -> Result<QueryResult, AnalyticsError> {
    let started = Instant::now();
    let options = SQLOptions::new().with_allow_ddl(false).with_allow_dml(false).with_allow_statements(false);
    let df = ctx.sql_with_options(sql, options).await.map_err(|e| {
        let text = e.to_string();
        if text.contains("not supported") || text.contains("DDL") || text.contains("DML") || text.contains("Statement")
        {
            AnalyticsError::ReadOnly(text)
        } else {
            AnalyticsError::DataFusion(e)
        }
    })?;
    // EXPLAIN must stay at the root of its plan; its output is small anyway.
    let explain = matches!(df.logical_plan(), LogicalPlan::Explain(_) | LogicalPlan::Analyze(_));
    let df = if explain { df } else { df.limit(0, Some(limits.max_rows.saturating_add(1)))? };
    let batches: Vec<RecordBatch> = tokio::time::timeout(limits.timeout, df.collect())
        .await
        .map_err(|_| AnalyticsError::Timeout(limits.timeout))??;
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
        query(&ctx, sql, limits).await
    })
}
