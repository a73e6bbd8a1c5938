//! entente's readers. Each module owns one feed and turns its files into model records plus
//! problems located by file and line; none of them writes anywhere (the store does).
//!
//! - [`curated`]: dataset folders of human-edited TOML, CSV or JSON records.
//! - [`bundled`]: the France–Kazakhstan dataset compiled into the binary.
//! - [`gdelt`]: GDELT 1.0 and 2.0 event exports into typed Arrow columns, with rejects.
//! - [`indicators`]: student mobility (OECD, UNESCO UIS) and the Elcano presence index into
//!   observation records, with rejects.
//! - [`dyadic`]: the dyadic data sets (diplomatic missions, China's public diplomacy, twin
//!   cities, U.S. mission status, travels and visits), read through the same door.
//!
//! ```no_run
//! use entente_ingest::curated::{DatasetFiles, parse_dataset};
//! let files = DatasetFiles::read_dir(std::path::Path::new("dataset/fra-kaz")).unwrap();
//! match parse_dataset(&files, &|_| None) {
//!     Ok(dataset) => println!("{} records", dataset.records.len()),
//!     Err(problems) => problems.iter().for_each(|p| eprintln!("{p}")),
//! }
//! ```

pub mod bundled;
pub mod curated;
pub mod dyadic;
pub mod gdelt;
pub mod indicators;
mod lines;

pub use curated::{DatasetFiles, Known, Located, LocatedFinding, check_dataset, parse_dataset};
