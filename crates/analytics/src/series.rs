//! A dyad's GDELT cooperation series: per period and direction, event counts by QuadClass
//! and CAMEO root code, mean Goldstein scale and tone, articles, and the dyad's share of all
//! events involving each country (GDELT advises normalising by volume).
//!
//! The dyad is defined by the actors' countries (CAMEO actor codes mapped to ISO), whatever
//! the event code: A>B rows have Actor1 in A and Actor2 in B.

use std::collections::BTreeMap;

use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::prelude::SessionContext;
use datafusion::scalar::ScalarValue;
use entente_model::{Direction, Dyad};
use serde::Serialize;

use crate::AnalyticsError;
use crate::lake::{COUNTS, EVENTS, Lake};

/// How a series is cut into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum By {
    Month,
    Year,
}

impl By {
    fn column(self) -> &'static str {
        match self {
            By::Month => "month_year",
            By::Year => "year",
        }
    }

    fn label(self, key: i64) -> String {
        match self {
            By::Month => format!("{:04}-{:02}", key / 100, key % 100),
            By::Year => format!("{key:04}"),
        }
    }
}

/// Which events a series covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesQuery {
    pub by: By,
    /// First year (inclusive), by event date.
    pub from_year: Option<i32>,
    /// Last year (inclusive).
    pub to_year: Option<i32>,
}

/// One period and direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesRow {
    /// `2019-10` by month, `2019` by year.
    pub period: String,
    pub direction: Direction,
    /// The direction with codes: `FRA→KAZ`.
    pub direction_label: String,
    pub events: i64,
    pub articles: i64,
    pub goldstein_mean: Option<f64>,
    pub tone_mean: Option<f64>,
    /// Events per QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    pub quad_class: BTreeMap<String, i64>,
    /// Events per CAMEO root code (`01`…`20`), those that occur.
    pub root_codes: BTreeMap<String, i64>,
    /// Events in the period with A as Actor1 or Actor2 country.
    pub events_involving_a: i64,
    pub events_involving_b: i64,
    /// `events / events_involving_a`.
    pub share_of_a: Option<f64>,
    pub share_of_b: Option<f64>,
}

/// Where a series comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesSource {
    pub dataset: &'static str,
    pub citation: &'static str,
    /// GDELT files imported, and events stored from them.
    pub files: usize,
    pub events_stored: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub dyad: Dyad,
    pub by: By,
    pub rows: Vec<SeriesRow>,
    pub source: SeriesSource,
}

pub const GDELT_CITATION: &str = "The GDELT Project, GDELT Event Database (www.gdeltproject.org); events as imported by entente from the files listed in its manifest (entente query \"SELECT * FROM gdelt_files\").";

/// One statement of a series: its text, which holds no value from the user, and the values
/// bound to its placeholders (`$1`…) when it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub sql: String,
    pub params: Vec<Param>,
}

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Text(String),
    Int(i32),
}

impl Param {
    fn scalar(&self) -> ScalarValue {
        match self {
            Param::Text(s) => ScalarValue::Utf8(Some(s.clone())),
            Param::Int(i) => ScalarValue::Int32(Some(*i)),
        }
    }
}

impl std::fmt::Display for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Param::Text(s) => write!(f, "'{}'", s.replace('\'', "''")),
            Param::Int(i) => write!(f, "{i}"),
        }
    }
}

/// The two statements a series runs: the pair's events (found by `actor_pair`, which parts
/// are sorted by) grouped by period, Actor1 country, QuadClass and root code; and the events
/// involving each country per period, from the parts' rollups. The text is built only from
/// the table names and the period column, all fixed by entente; the pair, the countries and
/// the years are bound as parameters, so no input can change what a statement does.
pub fn series_sql(events: &'static str, counts: &'static str, dyad: &Dyad, q: &SeriesQuery) -> [Statement; 2] {
    let (a, b) = (dyad.a.clone(), dyad.b.clone());
    let pair = if a <= b { format!("{a}-{b}") } else { format!("{b}-{a}") };
    let p = q.by.column();
    // Open ends are the widest years the column holds, so both statements keep one text.
    let from = Param::Int(q.from_year.unwrap_or(i32::MIN));
    let to = Param::Int(q.to_year.unwrap_or(i32::MAX));
    let dyad_sql = format!(
        "SELECT {p} AS period, actor1_iso3 AS actor1, quad_class, event_root_code, count(*) AS events, \
         sum(num_articles) AS articles, sum(goldstein_scale) AS goldstein_sum, count(goldstein_scale) AS goldstein_n, \
         sum(avg_tone) AS tone_sum \
         FROM {events} \
         WHERE actor_pair = $1 AND year >= $2 AND year <= $3 \
         GROUP BY {p}, actor1_iso3, quad_class, event_root_code"
    );
    let totals_sql = format!(
        "SELECT {p} AS period, \
         sum(CASE WHEN country = $1 THEN events ELSE 0 END) AS involving_a, \
         sum(CASE WHEN country = $2 THEN events ELSE 0 END) AS involving_b \
         FROM {counts} \
         WHERE (country = $1 OR country = $2) AND year >= $3 AND year <= $4 \
         GROUP BY {p}"
    );
    [
        Statement { sql: dyad_sql, params: vec![Param::Text(pair), from.clone(), to.clone()] },
        Statement { sql: totals_sql, params: vec![Param::Text(a), Param::Text(b), from, to] },
    ]
}

/// Plans `statement` with its parameters bound and runs it.
async fn run(ctx: &SessionContext, statement: &Statement) -> Result<Vec<RecordBatch>, AnalyticsError> {
    let values: Vec<ScalarValue> = statement.params.iter().map(Param::scalar).collect();
    Ok(ctx.sql(&statement.sql).await?.with_param_values(values)?.collect().await?)
}

/// Reads column `name` of `batch` as i64 values (nulls as `None`).
fn ints(batch: &RecordBatch, name: &str) -> Result<Vec<Option<i64>>, AnalyticsError> {
    let col = batch.column(batch.schema().index_of(name)?);
    let col = cast(col, &DataType::Int64)?;
    let a = col.as_primitive::<Int64Type>();
    Ok((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i))).collect())
}

fn floats(batch: &RecordBatch, name: &str) -> Result<Vec<Option<f64>>, AnalyticsError> {
    let col = batch.column(batch.schema().index_of(name)?);
    let col = cast(col, &DataType::Float64)?;
    let a = col.as_primitive::<Float64Type>();
    Ok((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i))).collect())
}

fn strings(batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>, AnalyticsError> {
    let col = batch.column(batch.schema().index_of(name)?);
    let col = cast(col, &DataType::Utf8)?;
    let a = col.as_string::<i32>();
    Ok((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i).to_string())).collect())
}

#[derive(Default)]
struct Acc {
    events: i64,
    articles: i64,
    goldstein_sum: f64,
    goldstein_n: i64,
    tone_sum: f64,
    quad: BTreeMap<String, i64>,
    roots: BTreeMap<String, i64>,
}

/// Runs a series over `ctx` (a session from [`Lake::context`]).
pub(crate) async fn series(
    ctx: &SessionContext,
    lake: &Lake,
    dyad: &Dyad,
    q: &SeriesQuery,
) -> Result<Series, AnalyticsError> {
    let [dyad_sql, totals_sql] = series_sql(EVENTS, COUNTS, dyad, q);
    // The pair's events (few) and each country's totals (a light scan), side by side.
    let (dyad_batches, total_batches) = tokio::try_join!(run(ctx, &dyad_sql), run(ctx, &totals_sql))?;

    let mut acc: BTreeMap<(i64, Direction), Acc> = BTreeMap::new();
    for batch in &dyad_batches {
        let (periods, actor1, quad, roots) = (
            ints(batch, "period")?,
            strings(batch, "actor1")?,
            ints(batch, "quad_class")?,
            strings(batch, "event_root_code")?,
        );
        let (events, articles) = (ints(batch, "events")?, ints(batch, "articles")?);
        let (gsum, gn, tsum) =
            (floats(batch, "goldstein_sum")?, ints(batch, "goldstein_n")?, floats(batch, "tone_sum")?);
        for i in 0..batch.num_rows() {
            let Some(period) = periods[i] else { continue };
            let direction =
                if actor1[i].as_deref() == Some(dyad.a.as_str()) { Direction::AToB } else { Direction::BToA };
            let a = acc.entry((period, direction)).or_default();
            let n = events[i].unwrap_or(0);
            a.events += n;
            a.articles += articles[i].unwrap_or(0);
            a.goldstein_sum += gsum[i].unwrap_or(0.0);
            a.goldstein_n += gn[i].unwrap_or(0);
            a.tone_sum += tsum[i].unwrap_or(0.0);
            if let Some(qc) = quad[i] {
                *a.quad.entry(qc.to_string()).or_default() += n;
            }
            if let Some(r) = &roots[i] {
                *a.roots.entry(r.clone()).or_default() += n;
            }
        }
    }
    let mut totals: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for batch in &total_batches {
        let (periods, ia, ib) = (ints(batch, "period")?, ints(batch, "involving_a")?, ints(batch, "involving_b")?);
        for i in 0..batch.num_rows() {
            if let Some(p) = periods[i] {
                totals.insert(p, (ia[i].unwrap_or(0), ib[i].unwrap_or(0)));
            }
        }
    }
    let mut rows = Vec::new();
    for (&period, &(inv_a, inv_b)) in &totals {
        for direction in [Direction::AToB, Direction::BToA] {
            let a = acc.remove(&(period, direction)).unwrap_or_default();
            let share = |total: i64| (total > 0).then(|| a.events as f64 / total as f64);
            rows.push(SeriesRow {
                period: q.by.label(period),
                direction,
                direction_label: direction.label(dyad),
                events: a.events,
                articles: a.articles,
                goldstein_mean: (a.goldstein_n > 0).then(|| a.goldstein_sum / a.goldstein_n as f64),
                tone_mean: (a.events > 0).then(|| a.tone_sum / a.events as f64),
                quad_class: (1..=4)
                    .map(|k| (k.to_string(), a.quad.get(&k.to_string()).copied().unwrap_or(0)))
                    .collect(),
                root_codes: a.roots,
                events_involving_a: inv_a,
                events_involving_b: inv_b,
                share_of_a: share(inv_a),
                share_of_b: share(inv_b),
            });
        }
    }
    let first_date = lake.parts.iter().map(|p| p.min_date.clone()).filter(|d| !d.is_empty()).min();
    let last_date = lake.parts.iter().map(|p| p.max_date.clone()).max();
    Ok(Series {
        dyad: dyad.clone(),
        by: q.by,
        rows,
        source: SeriesSource {
            dataset: "GDELT Event Database",
            citation: GDELT_CITATION,
            files: lake.files,
            events_stored: lake.rows(),
            first_date,
            last_date,
        },
    })
}

/// How long a series took: building the session once, then each run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timing {
    pub session_ms: f64,
    pub runs_ms: Vec<f64>,
    pub median_ms: f64,
}

/// For callers outside an async runtime: builds a session and runs the series `repeat`
/// times (at least once), timing each run.
pub fn series_blocking(
    lake: &Lake,
    dyad: &Dyad,
    q: &SeriesQuery,
    repeat: usize,
) -> Result<(Series, Timing), AnalyticsError> {
    let runtime = crate::runtime()?;
    runtime.block_on(async {
        let started = std::time::Instant::now();
        let ctx = lake.context(crate::threads()).await?;
        let session_ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut runs_ms = Vec::new();
        let mut last = None;
        for _ in 0..repeat.max(1) {
            let t = std::time::Instant::now();
            last = Some(lake.bounded(series(&ctx, lake, dyad, q)).await?);
            lake.ensure_parts_present()?;
            runs_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let mut sorted = runs_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let median_ms = sorted[sorted.len() / 2];
        let series = last.ok_or_else(|| AnalyticsError::Runtime(std::io::Error::other("no run")))?;
        Ok((series, Timing { session_ms, runs_ms, median_ms }))
    })
}
