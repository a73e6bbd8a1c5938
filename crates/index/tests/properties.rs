//! Properties that must hold for any input: bounds of normalised values, monotonicity,
//! invariance to a change of units, bounds of the aggregations, weights summing to 1, and
//! ordered, reproducible Monte Carlo intervals.

use entente_index::{
    Aggregation, Choice, Config, Matrix, Normalisation, Polarity, evaluate, evaluate_with, monte_carlo, normalise,
};
use proptest::prelude::*;

const METHODS: [Normalisation; 3] = [Normalisation::MinMax, Normalisation::ZScore, Normalisation::Rank];
const AGGREGATIONS: [Aggregation; 2] = [Aggregation::Arithmetic, Aggregation::Geometric];

/// A configuration with the given dimension and indicator weights (embassy observations, no transform).
fn config_toml(dimensions: &[(f64, Vec<f64>)], normalisation: Normalisation, aggregation: Aggregation) -> String {
    let mut s = format!(
        "[index]\nname = \"p\"\nversion = \"1\"\nnormalisation = \"{}\"\naggregation = \"{}\"\nmin_coverage = 0.0\n\n\
         [uncertainty]\ndraws = 10\nseed = 1\nconcentration = 20.0\nnormalisations = [\"min_max\", \"z_score\", \"rank\"]\n\
         aggregations = [\"arithmetic\", \"geometric\"]\n",
        normalisation.as_str(),
        aggregation.as_str()
    );
    for (d, (weight, indicators)) in dimensions.iter().enumerate() {
        s.push_str(&format!("\n[[dimension]]\nkey = \"d{d}\"\nlabel = \"D{d}\"\nweight = {weight:?}\n"));
        for (i, w) in indicators.iter().enumerate() {
            s.push_str(&format!(
                "\n[[dimension.indicator]]\nkey = \"d{d}_i{i}\"\nlabel = \"I\"\nweight = {w:?}\nmeasure = \"observation\"\n\
                 indicator = \"missions.embassy\"\nfrom = \"A\"\nto = \"B\"\ntime = \"latest\"\n"
            ));
        }
    }
    s
}

/// Two dimensions (0.6: two indicators 0.7 and 0.3; 0.4: one indicator).
fn config(normalisation: Normalisation, aggregation: Aggregation) -> Config {
    let t = config_toml(&[(0.6, vec![0.7, 0.3]), (0.4, vec![1.0])], normalisation, aggregation);
    Config::parse("p.toml", &t).expect("valid")
}

fn matrix(rows: &[Vec<Option<f64>>]) -> Matrix {
    Matrix { units: (0..rows.len()).map(|u| format!("U{u}")).collect(), values: rows.to_vec() }
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![1 => Just(None), 4 => (-1000.0..1000.0f64).prop_map(Some)]
}

fn column() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(value(), 1..12)
}

/// Small integers, so that ties happen and any increasing map keeps them apart exactly.
fn int_column() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop_oneof![1 => Just(None), 4 => (-20i32..20).prop_map(|x| Some(f64::from(x)))], 1..12)
}

fn rows() -> impl Strategy<Value = Vec<Vec<Option<f64>>>> {
    prop::collection::vec(prop::collection::vec(value(), 3), 2..9)
}

fn close(a: Option<f64>, b: Option<f64>, tolerance: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn normalised_values_are_within_bounds(col in column(), negative in any::<bool>()) {
        let polarity = if negative { Polarity::Negative } else { Polarity::Positive };
        for method in [Normalisation::MinMax, Normalisation::Rank] {
            let out = normalise(&col, method, polarity);
            for (v, raw) in out.iter().zip(&col) {
                prop_assert_eq!(v.is_some(), raw.is_some());
                if let Some(v) = v {
                    prop_assert!((0.0..=1.0).contains(v), "{:?} {:?}", method, out);
                }
            }
            if method == Normalisation::Rank {
                prop_assert!(out.iter().flatten().all(|v| *v > 0.0));
            }
        }
        // A z-score is at most sqrt(n - 1) from 0 with the population sd.
        let n = col.iter().flatten().count() as f64;
        for v in normalise(&col, Normalisation::ZScore, polarity).iter().flatten() {
            prop_assert!(v.abs() <= (n - 1.0).max(0.0).sqrt() + 1e-9);
        }
    }

    #[test]
    fn raising_a_value_never_lowers_its_normalised_value(col in column(), pick in any::<prop::sample::Index>(), raise in 0.0..500.0f64) {
        let u = pick.index(col.len());
        // The unit raised must have a value: give it one if the draw left it missing.
        let mut col = col;
        col[u] = Some(col[u].unwrap_or(0.0));
        let mut higher = col.clone();
        higher[u] = col[u].map(|x| x + raise);
        for method in METHODS {
            let before = normalise(&col, method, Polarity::Positive)[u].unwrap_or(f64::NAN);
            let after = normalise(&higher, method, Polarity::Positive)[u].unwrap_or(f64::NAN);
            prop_assert!(after >= before - 1e-9, "{:?}: {} then {}", method, before, after);
        }
    }

    #[test]
    fn raising_a_value_never_lowers_the_score(
        rows in rows(), pick in any::<prop::sample::Index>(), j in 0..3usize, raise in 0.0..500.0f64,
    ) {
        let u = pick.index(rows.len());
        let mut rows = rows;
        rows[u][j] = Some(rows[u][j].unwrap_or(0.0));
        let mut higher = rows.clone();
        higher[u][j] = rows[u][j].map(|x| x + raise);
        for method in METHODS {
            for aggregation in AGGREGATIONS {
                let c = config(method, aggregation);
                let before = evaluate(&c, &matrix(&rows)).units[u].score.unwrap_or(f64::NAN);
                let after = evaluate(&c, &matrix(&higher)).units[u].score.unwrap_or(f64::NAN);
                prop_assert!(after >= before - 1e-9, "{:?} {:?}: {} then {}", method, aggregation, before, after);
            }
        }
    }

    #[test]
    fn a_change_of_units_changes_nothing(col in column(), a in 0.001..1000.0f64, b in -1000.0..1000.0f64) {
        let changed: Vec<Option<f64>> = col.iter().map(|v| v.map(|x| a * x + b)).collect();
        for method in [Normalisation::MinMax, Normalisation::ZScore] {
            let before = normalise(&col, method, Polarity::Positive);
            let after = normalise(&changed, method, Polarity::Positive);
            for (x, y) in before.iter().zip(&after) {
                prop_assert!(close(*x, *y, 1e-6), "{:?}: {:?} vs {:?}", method, before, after);
            }
        }
    }

    #[test]
    fn a_change_of_units_leaves_scores_and_ranks(rows in rows(), a in 0.01..100.0f64, b in -100.0..100.0f64) {
        let changed: Vec<Vec<Option<f64>>> = rows.iter().map(|r| r.iter().map(|v| v.map(|x| a * x + b)).collect()).collect();
        for method in [Normalisation::MinMax, Normalisation::ZScore] {
            for aggregation in AGGREGATIONS {
                let c = config(method, aggregation);
                let before = evaluate(&c, &matrix(&rows));
                let after = evaluate(&c, &matrix(&changed));
                for (x, y) in before.units.iter().zip(&after.units) {
                    prop_assert!(close(x.score, y.score, 1e-6), "{:?} {:?}: {:?} vs {:?}", method, aggregation, x, y);
                }
            }
        }
    }

    #[test]
    fn rank_normalisation_ignores_any_increasing_map(col in int_column(), map in 0..3usize) {
        let f = |x: f64| match map {
            0 => x * x * x + 5.0 * x,
            1 => (x / 4.0).exp(),
            _ => 3.0 * x - 7.0,
        };
        let changed: Vec<Option<f64>> = col.iter().map(|v| v.map(f)).collect();
        prop_assert_eq!(normalise(&col, Normalisation::Rank, Polarity::Positive), normalise(&changed, Normalisation::Rank, Polarity::Positive));
    }

    #[test]
    fn aggregates_stay_within_the_unit_values_and_geometric_is_below_arithmetic(rows in rows()) {
        let arithmetic = evaluate(&config(Normalisation::MinMax, Aggregation::Arithmetic), &matrix(&rows));
        let geometric = evaluate(&config(Normalisation::MinMax, Aggregation::Geometric), &matrix(&rows));
        for (a, g) in arithmetic.units.iter().zip(&geometric.units) {
            let present: Vec<f64> = a.normalised.iter().flatten().map(|v| 100.0 * v).collect();
            let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!(a.score.is_some(), !present.is_empty());
            prop_assert_eq!(g.score.is_some(), !present.is_empty());
            if let (Some(sa), Some(sg)) = (a.score, g.score) {
                prop_assert!(lo - 1e-9 <= sa && sa <= hi + 1e-9, "arithmetic {} outside [{}, {}]", sa, lo, hi);
                prop_assert!(lo - 1e-9 <= sg && sg <= hi + 1e-9, "geometric {} outside [{}, {}]", sg, lo, hi);
                prop_assert!(sg <= sa + 1e-9, "geometric {} above arithmetic {}", sg, sa);
            }
            for (da, dg) in a.dimensions.iter().zip(&g.dimensions) {
                if let (Some(da), Some(dg)) = (da, dg) {
                    prop_assert!(*dg <= da + 1e-9);
                }
            }
        }
    }

    #[test]
    fn flat_weights_sum_to_one(
        dimensions in prop::collection::vec((0.0..10.0f64, prop::collection::vec(0.0..10.0f64, 1..5)), 1..6),
        rescue in 0.01..10.0f64,
    ) {
        // Parsing refuses all-zero weights: make sure each dimension and the whole have one.
        let mut dimensions = dimensions;
        for (_, indicators) in &mut dimensions {
            indicators[0] += rescue;
        }
        dimensions[0].0 += rescue;
        let c = Config::parse("p.toml", &config_toml(&dimensions, Normalisation::MinMax, Aggregation::Arithmetic)).expect("valid");
        let w = c.flat_weights();
        prop_assert_eq!(w.len(), dimensions.iter().map(|(_, i)| i.len()).sum::<usize>());
        prop_assert!(w.iter().all(|x| *x >= 0.0));
        prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // Each dimension's indicators add up to its share.
        let total: f64 = dimensions.iter().map(|(d, _)| d).sum();
        let mut j = 0;
        for (d, indicators) in &dimensions {
            let share: f64 = w[j..j + indicators.len()].iter().sum();
            prop_assert!((share - d / total).abs() < 1e-12);
            j += indicators.len();
        }
        // Normalised weights that are not the nominal ones give the same result however scaled.
        let rows = vec![vec![Some(1.0); w.len()], vec![Some(2.0); w.len()]];
        let m = Matrix { units: vec!["a".into(), "b".into()], values: rows };
        let scaled = Choice { weights: w.iter().map(|x| x * 3.0).collect(), ..Choice::nominal(&c) };
        let base = evaluate(&c, &m);
        let other = evaluate_with(&c, &m, &scaled);
        for (x, y) in base.units.iter().zip(&other.units) {
            prop_assert!(close(x.score, y.score, 1e-12));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn monte_carlo_intervals_are_ordered_and_reproducible(rows in rows(), seed in any::<u64>()) {
        let c = config(Normalisation::MinMax, Aggregation::Arithmetic);
        let m = matrix(&rows);
        let a = monte_carlo(&c, &m, 60, seed);
        prop_assert_eq!(&a, &monte_carlo(&c, &m, 60, seed));
        let nominal = evaluate(&c, &m);
        let ranked = nominal.units.iter().filter(|u| u.rank.is_some()).count() as f64;
        for (u, n) in a.units.iter().zip(&nominal.units) {
            prop_assert_eq!(u.rank_median.is_some(), n.rank.is_some());
            if let (Some(lo), Some(mid), Some(hi)) = (u.rank_p05, u.rank_median, u.rank_p95) {
                prop_assert!(1.0 <= lo && lo <= mid && mid <= hi && hi <= ranked, "{:?}", u);
            }
            if let (Some(lo), Some(hi)) = (u.score_p05, u.score_p95) {
                prop_assert!(lo <= hi);
            }
        }
        prop_assert!((0.0..=1.0).contains(&a.normalisation_effect));
        prop_assert!((0.0..=1.0).contains(&a.aggregation_effect));
        for s in &a.sensitivity {
            prop_assert!((-1.0..=1.0).contains(&s.weight_rank_correlation));
            prop_assert!(s.removal_rank_shift >= 0.0);
        }
    }
}
