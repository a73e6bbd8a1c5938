//! The domain of entente: countries, the cultural-diplomacy ontology, the records an
//! observatory keeps (sources, actors, programmes, events, indicator observations, claims)
//! and the rules that make a set of records valid (`validate`) or well supported (`check`).
//!
//! This crate sits at the bottom of the workspace: every other crate depends on it and it
//! depends on none of them. It does no I/O. Reference tables it needs (ISO 3166 countries,
//! CAMEO and PLOVER codes) are compiled in from the repository's `data/` folder, with their
//! sources in `data/SOURCES.md`.
//!
//! ```
//! use entente_model::country::CountryTable;
//! let countries = CountryTable::bundled();
//! assert_eq!(countries.resolve("Қазақстан").unwrap().alpha3, "KAZ");
//! assert_eq!(countries.resolve("fr").unwrap().alpha3, "FRA");
//! ```

pub mod candidate;
pub mod check;
pub mod country;
pub mod date;
pub mod dyad;
pub mod indicator;
pub mod input;
pub mod lang;
pub mod ontology;
pub mod record;
pub mod text;
pub mod validate;

pub use candidate::{Acceptance, Candidate, ReviewState};
pub use country::{Country, CountryTable};
pub use date::{PartialDate, Period};
pub use dyad::{Direction, Dyad, Setting};
pub use lang::LangText;
pub use record::*;
pub use validate::{Dataset, Problem};
