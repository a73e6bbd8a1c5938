//! entente's analyses of a pair of countries. Each takes the store (and, for GDELT, the
//! Parquet parts it lists) and a dyad, and returns plain data — serialisable, with every
//! figure's sources — for the CLI, the web pages and the reports to render.
//!
//! - [`cluster`]: where queries run, here or on a Ballista cluster, and the cluster's parts.
//! - [`timeline`]: the dyad's dated events in order, with direction and citations (the
//!   paper's historical approach and event analysis).
//! - [`series`]: the GDELT cooperation series of a dyad, with Apache DataFusion.
//! - [`query`]: read-only SQL over GDELT events and the curated tables.
//! - [`indicators`]: student flows, shares and ranks, Elcano presence of a dyad.
//! - [`claims`]: claims set beside the observations that bear on them, with verdicts.
//! - [`country`]: a focus country's partners side by side.
//! - [`compare`]: the partners of a focus country on the bilateral cooperation index
//!   (`entente_index`), with ranks and their Monte Carlo intervals; one dyad over the years.
//! - [`diagnose`]: strengths, weaknesses, barriers and prospects of a dyad from the rules in
//!   `data/diagnose-rules.toml`, beside the judgements its sources made.
//!
//! This is the only crate that knows DataFusion, and Ballista.

pub mod claims;
pub mod cluster;
pub mod compare;
pub mod country;
pub mod diagnose;
pub mod indicators;
pub mod lake;
pub mod query;
pub mod series;
pub mod timeline;

use std::time::Duration;

pub use claims::{ClaimCheck, Policy, Verdict, claims};
pub use cluster::Backend;
pub use country::{CountryProfile, country_profile};
pub use indicators::{Indicators, indicators};
pub use lake::{Engine, Lake};
pub use query::{Limits, QueryResult};
pub use series::{By, Series, SeriesQuery, SeriesRow};
pub use timeline::{Summary, Timeline, TimelineEntry, timeline};

/// Why an analysis failed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
    /// The query engine's own error, as its message: callers need not know DataFusion.
    #[error("query failed: {0}")]
    Engine(String),
    #[error("entente query is read-only; this statement would change something: {0}")]
    ReadOnly(String),
    #[error("the query needs more memory than its limit of {} MiB ({detail}); narrow it (WHERE, LIMIT) or raise the limit (entente query --memory MIB)", .limit >> 20)]
    Memory { limit: usize, detail: String },
    #[error("the query did not finish within {} s", .0.as_secs())]
    Timeout(Duration),
    /// A series or comparison on a cluster ran past [`lake::Lake::cluster_timeout`].
    #[error(
        "the cluster did not answer within {} s (are its executors running?); allow longer with --cluster-timeout SECS or cluster_timeout in entente.toml",
        .0.as_secs()
    )]
    ClusterTimeout(Duration),
    /// A compaction or import committed while the query ran and deleted a part it read.
    #[error(
        "the GDELT parts changed while the query ran ({0} was replaced by a compaction or import that committed meanwhile); run it again"
    )]
    PartsReplaced(String),
    #[error("cannot start the query engine: {0}")]
    Runtime(#[from] std::io::Error),
    /// The Ballista cluster: a bad address, an unreachable scheduler, a part that cannot start.
    #[error("{0}")]
    Cluster(String),
}

impl From<datafusion::error::DataFusionError> for AnalyticsError {
    fn from(e: datafusion::error::DataFusionError) -> Self {
        AnalyticsError::Engine(e.to_string())
    }
}

impl From<datafusion::arrow::error::ArrowError> for AnalyticsError {
    fn from(e: datafusion::arrow::error::ArrowError) -> Self {
        AnalyticsError::Engine(e.to_string())
    }
}

/// Threads for queries: the machine's cores.
pub fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

/// A runtime for callers that are not async (the CLI).
pub fn runtime() -> Result<tokio::runtime::Runtime, AnalyticsError> {
    Ok(tokio::runtime::Builder::new_multi_thread().worker_threads(threads()).enable_all().build()?)
}
