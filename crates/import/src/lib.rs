//! entente's bulk imports: pipelines that read a feed with `entente-ingest` and write it
//! where analyses read it.
//!
//! - [`gdelt`]: GDELT event exports into Parquet parts under `<data>/gdelt/events/year=YYYY/`,
//!   in parallel across files and cores with bounded memory. A chunk of files becomes
//!   visible in one store transaction (files, parts, rejects) or not at all, so an import
//!   killed at any point leaves no partial data visible and a rerun completes it.
//! - [`compact`]: merges a year's small parts into few large ones, in one streaming pass.
//! - [`bundled`]: the default data compiled into entente, installed into a store, and
//!   indicator feeds loaded as datasets with their rejects.

pub mod bundled;
pub mod compact;
pub mod gdelt;
mod parts;

pub use compact::{CompactMode, CompactOptions, CompactSummary, compact};
pub use gdelt::{FileOutcome, FileResult, ImportError, ImportOptions, ImportSummary, Progress, discover, import};
