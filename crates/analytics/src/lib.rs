//! entente's analyses of a pair of countries. Each takes the store and a dyad and returns
//! plain data (serialisable, with every figure's sources) for the CLI, the web pages and
//! the reports to render.
//!
//! - [`timeline`]: the dyad's dated events in order, with direction and citations (the
//!   paper's historical approach and event analysis).

pub mod timeline;

pub use timeline::{Summary, Timeline, TimelineEntry, timeline};

/// Why an analysis failed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
}
