//! entente's bilateral cultural cooperation index: for one country A, a score and a rank for
//! each partner B saying how much A's cultural diplomacy reaches into B. It follows the steps
//! of the OECD/JRC *Handbook on Constructing Composite Indicators* (2008): indicators, an
//! optional transform, normalisation across the partners, weights, aggregation at two levels
//! (indicators into dimensions, dimensions into the index), a stated rule for missing values,
//! and a Monte Carlo analysis of how ranks move under other reasonable choices.
//!
//! This crate sits above `entente-model` (whose indicator catalogue and event vocabularies a
//! configuration names) and below `entente-analytics`, which fetches the raw values from the
//! store, builds the [`Matrix`] and calls [`evaluate`] and [`monte_carlo`]. It is pure
//! computation: it reads no file (the shipped configuration is compiled in) and has no
//! clock; the same configuration, matrix and seed always give the same output. The rules are
//! documented in `docs/index.md`.
//!
//! ```
//! use entente_index::{Config, Matrix, evaluate};
//! let config = Config::bundled();
//! let k = config.indicators().len();
//! let matrix = Matrix {
//!     units: vec!["KAZ".into(), "UZB".into()],
//!     values: vec![vec![Some(100.0); k], vec![Some(10.0); k]],
//! };
//! let result = evaluate(&config, &matrix);
//! assert_eq!(result.units[0].rank, Some(1));
//! assert_eq!(result.units[0].score, Some(100.0));
//! ```

pub mod compute;
pub mod config;
pub mod uncertainty;

pub use compute::{
    Choice, Evaluation, Matrix, Scale, UnitResult, evaluate, evaluate_with, normalise, scale, transform,
};
pub use config::{
    Absent, Aggregation, Config, ConfigError, Dimension, EventCount, EventDirection, EventsMeasure, GdeltMeasure,
    IndicatorSpec, Measure, Normalisation, ObservationMeasure, Polarity, Side, Time, Transform, UncertaintySpec,
};
pub use uncertainty::{Sensitivity, Uncertainty, UnitUncertainty, monte_carlo};
