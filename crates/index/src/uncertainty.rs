//! Uncertainty and sensitivity analysis (Handbook steps 7 and 8): rebuild the index many
//! times with sampled weights, normalisation and aggregation, and report how far each unit's
//! rank moves and which choices move it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};
use serde::Serialize;

use crate::compute::{
    Choice, Matrix, Prepared, Sums, aggregate_columns, clean_weights, competition_ranks, dimension_weights,
    evaluate_prepared, scale, tied, to_scale,
};
use crate::config::Config;

/// How a unit's rank and score vary across the draws. `None` for units that are not ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitUncertainty {
    pub id: String,
    pub rank_median: Option<f64>,
    pub rank_p05: Option<f64>,
    pub rank_p95: Option<f64>,
    /// Over the draws whose scores are on the nominal choice's scale (see `docs/index.md`).
    pub score_p05: Option<f64>,
    pub score_p95: Option<f64>,
}

/// How much one indicator's weight matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sensitivity {
    /// The indicator's key.
    pub indicator: String,
    /// Spearman correlation, across draws, between the indicator's sampled weight and the
    /// draw's mean absolute rank shift from the nominal ranking.
    pub weight_rank_correlation: f64,
    /// Mean absolute rank shift when the indicator is removed (weight 0, the others
    /// renormalised) under the nominal choice.
    pub removal_rank_shift: f64,
}

/// The result of [`monte_carlo`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    pub draws: usize,
    pub seed: u64,
    /// Same order as the matrix's units.
    pub units: Vec<UnitUncertainty>,
    /// Most influential first.
    pub sensitivity: Vec<Sensitivity>,
    /// Share of the variance of the draws' mean rank shift explained by the normalisation drawn (eta²).
    pub normalisation_effect: f64,
    /// Share of the variance of the draws' mean rank shift explained by the aggregation drawn (eta²).
    pub aggregation_effect: f64,
}

/// Runs `draws` evaluations of the index, each with weights from a Dirichlet distribution
/// centred on the configuration's flat weights and a normalisation and an aggregation drawn
/// uniformly from the configuration's lists. The same seed gives the same output.
///
/// The units ranked are those the nominal evaluation ranks; a draw re-ranks only them.
pub fn monte_carlo(config: &Config, matrix: &Matrix, draws: usize, seed: u64) -> Uncertainty {
    let prep = Prepared::new(config, matrix);
    let nominal_choice = Choice::nominal(config);
    let nominal = evaluate_prepared(&prep, &matrix.units, &nominal_choice);
    let ranked: Vec<usize> = (0..prep.n).filter(|&u| nominal.units[u].rank.is_some()).collect();
    let nominal_ranks: Vec<f64> = ranked.iter().map(|&u| nominal.units[u].rank.unwrap_or(0) as f64).collect();
    let (r, k, dims) = (ranked.len(), prep.k, prep.dims);
    let base = config.flat_weights();

    let methods = non_empty(&config.uncertainty.normalisations, config.normalisation);
    let aggregations = non_empty(&config.uncertainty.aggregations, config.aggregation);
    let nominal_scale = scale(config.normalisation, config.aggregation);

    // Everything that does not depend on a draw, indicator-major so that the loops over the
    // units vectorise: which cells are present (1 or 0), and for each normalisation and
    // aggregation the working values of the ranked units (0 where missing).
    let cells = || (0..k).flat_map(|j| ranked.iter().map(move |&u| (u, j)));
    let present: Vec<f64> = cells().map(|(u, j)| if prep.columns[j][u].is_some() { 1.0 } else { 0.0 }).collect();
    let tables: Vec<Vec<Vec<f64>>> = methods
        .iter()
        .map(|&m| {
            let normalised = prep.normalised(m);
            aggregations
                .iter()
                .map(|&a| {
                    let working = prep.working(&normalised, a);
                    cells().map(|(u, j)| working[j][u].unwrap_or(0.0)).collect()
                })
                .collect()
        })
        .collect();

    let concentration = config.uncertainty.concentration;
    // Zero-weight indicators keep weight 0: a Dirichlet needs positive parameters.
    let gammas: Vec<Option<Gamma<f64>>> =
        base.iter().map(|&w| if w > 0.0 { Gamma::new(concentration * k as f64 * w, 1.0).ok() } else { None }).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);

    // Ranks are small integers: a histogram per unit gives their percentiles without storing them.
    let mut rank_counts = vec![0u32; r * (r + 1)];
    let mut score_store: Vec<Vec<f64>> = vec![Vec::new(); r];
    let mut weight_store = vec![0.0; k * draws];
    let mut shifts = vec![0.0; draws];
    let mut picked_method = vec![0usize; draws];
    let mut picked_aggregation = vec![0usize; draws];

    let mut weights = vec![0.0; k];
    let mut dim_weights = vec![0.0; dims];
    let mut sums = Sums::new(r);
    let mut scores: Vec<Option<f64>> = vec![None; r];
    let mut ranks = vec![0usize; r];
    // One order per normalisation and aggregation, kept from draw to draw: with only the
    // weights changed, the next draw's order is nearly the same, so re-sorting it is cheap.
    let mut orders: Vec<Vec<usize>> = vec![(0..r).collect(); methods.len() * aggregations.len()];
    for draw in 0..draws {
        let mut sum = 0.0;
        for (w, g) in weights.iter_mut().zip(&gammas) {
            *w = g.as_ref().map_or(0.0, |g| g.sample(&mut rng));
            sum += *w;
        }
        if sum > 0.0 {
            weights.iter_mut().for_each(|w| *w /= sum);
        } else {
            weights.copy_from_slice(&base);
        }
        let mi = rng.random_range(0..methods.len());
        let ai = rng.random_range(0..aggregations.len());
        let (method, aggregation) = (methods[mi], aggregations[ai]);
        dimension_weights(&weights, &prep.ranges, &mut dim_weights);

        aggregate_columns(&tables[mi][ai], &present, &weights, &prep.ranges, &dim_weights, &mut sums);
        for (score, (t, w)) in scores.iter_mut().zip(sums.total.iter().zip(&sums.total_weight)) {
            *score = (*w > 0.0).then(|| to_scale(t / w, method, aggregation));
        }
        let order = &mut orders[mi * aggregations.len() + ai];
        resort(order, &scores);
        ranks_of_sorted(order, &scores, &mut ranks);

        let same_scale = scale(method, aggregation) == nominal_scale;
        let mut shift = 0.0;
        for i in 0..r {
            rank_counts[i * (r + 1) + ranks[i]] += 1;
            shift += (ranks[i] as f64 - nominal_ranks[i]).abs();
            if same_scale && let Some(s) = scores[i] {
                score_store[i].push(s);
            }
        }
        shifts[draw] = if r > 0 { shift / r as f64 } else { 0.0 };
        for j in 0..k {
            weight_store[j * draws + draw] = weights[j];
        }
        picked_method[draw] = mi;
        picked_aggregation[draw] = ai;
    }

    let mut units: Vec<UnitUncertainty> = matrix
        .units
        .iter()
        .map(|id| UnitUncertainty {
            id: id.clone(),
            rank_median: None,
            rank_p05: None,
            rank_p95: None,
            score_p05: None,
            score_p95: None,
        })
        .collect();
    for (i, &u) in ranked.iter().enumerate() {
        let counts = &rank_counts[i * (r + 1)..(i + 1) * (r + 1)];
        units[u].rank_p05 = percentile_of_counts(counts, 0.05);
        units[u].rank_median = percentile_of_counts(counts, 0.5);
        units[u].rank_p95 = percentile_of_counts(counts, 0.95);
        let column = &mut score_store[i];
        units[u].score_p05 = percentile_unsorted(column, 0.05);
        units[u].score_p95 = percentile_unsorted(column, 0.95);
    }

    let specs = config.indicators();
    let shift_ranks = average_ranks(&shifts);
    let mut sensitivity: Vec<Sensitivity> = (0..k)
        .map(|j| Sensitivity {
            indicator: specs[j].1.key.clone(),
            weight_rank_correlation: pearson(&average_ranks(&weight_store[j * draws..(j + 1) * draws]), &shift_ranks),
            removal_rank_shift: removal_shift(&prep, &matrix.units, &nominal_choice, j, &ranked, &nominal_ranks),
        })
        .collect();
    sensitivity.sort_by(|a, b| {
        b.weight_rank_correlation
            .abs()
            .total_cmp(&a.weight_rank_correlation.abs())
            .then(b.removal_rank_shift.total_cmp(&a.removal_rank_shift))
    });

    Uncertainty {
        draws,
        seed,
        units,
        sensitivity,
        normalisation_effect: eta_squared(&shifts, &picked_method, methods.len()),
        aggregation_effect: eta_squared(&shifts, &picked_aggregation, aggregations.len()),
    }
}

fn non_empty<T: Copy>(list: &[T], fallback: T) -> Vec<T> {
    if list.is_empty() { vec![fallback] } else { list.to_vec() }
}

/// Mean absolute rank shift of the ranked units when indicator `j` is removed and the other
/// weights renormalised; a unit left with no indicator ranks last.
fn removal_shift(
    prep: &Prepared,
    ids: &[String],
    nominal: &Choice,
    j: usize,
    ranked: &[usize],
    nominal_ranks: &[f64],
) -> f64 {
    if ranked.is_empty() {
        return 0.0;
    }
    let mut weights = clean_weights(&nominal.weights, prep.k);
    weights[j] = 0.0;
    let sum: f64 = weights.iter().sum();
    if sum > 0.0 {
        weights.iter_mut().for_each(|w| *w /= sum);
    }
    let choice = Choice { weights, ..nominal.clone() };
    let evaluation = evaluate_prepared(prep, ids, &choice);
    let scores: Vec<Option<f64>> = ranked.iter().map(|&u| evaluation.units[u].score).collect();
    let mut ranks = vec![0; ranked.len()];
    competition_ranks(&scores, &mut Vec::new(), &mut ranks);
    ranks.iter().zip(nominal_ranks).map(|(a, b)| (*a as f64 - b).abs()).sum::<f64>() / ranked.len() as f64
}

/// The `q` quantile of sorted values by linear interpolation between order statistics
/// (Hyndman and Fan's type 7, NumPy's default); `None` for no values.
pub fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The `q` quantile, as [`percentile`] gives it, of values given as a histogram: `counts[v]`
/// is how many times the value `v` occurs.
fn percentile_of_counts(counts: &[u32], q: f64) -> Option<f64> {
    let n: usize = counts.iter().map(|&c| c as usize).sum();
    let last = n.checked_sub(1)?;
    let h = last as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    // The value at a 0-based position of the sorted values.
    let at = |position: usize| {
        let mut seen = 0;
        for (v, &c) in counts.iter().enumerate() {
            seen += c as usize;
            if seen > position {
                return v as f64;
            }
        }
        (counts.len() - 1) as f64
    };
    let (a, b) = (at(lo), at(hi));
    Some(a + (h - lo as f64) * (b - a))
}

/// The `q` quantile, as [`percentile`] gives it, of values in any order (which it reorders):
/// two selections instead of a sort.
fn percentile_unsorted(values: &mut [f64], q: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let h = last as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let (_, a, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let a = *a;
    let b = if lo < last { above.iter().copied().fold(f64::INFINITY, f64::min) } else { a };
    Some(a + (h - lo as f64) * (b - a))
}

/// Sorts `order` best score first (`None` last) by insertion, which is linear when `order` is
/// already nearly sorted.
fn resort(order: &mut [usize], scores: &[Option<f64>]) {
    let key = |i: usize| scores[i].unwrap_or(f64::NEG_INFINITY);
    for p in 1..order.len() {
        let item = order[p];
        let k = key(item);
        let mut q = p;
        while q > 0 && key(order[q - 1]) < k {
            order[q] = order[q - 1];
            q -= 1;
        }
        order[q] = item;
    }
}

/// Competition ranks from an order sorted best first, with the same tie rule as
/// [`competition_ranks`].
fn ranks_of_sorted(order: &[usize], scores: &[Option<f64>], out: &mut [usize]) {
    let mut rank = 0;
    for (p, &i) in order.iter().enumerate() {
        let same = p > 0
            && match (scores[order[p - 1]], scores[i]) {
                (Some(x), Some(y)) => tied(x, y),
                (None, None) => true,
                _ => false,
            };
        if !same {
            rank = p + 1;
        }
        out[i] = rank;
    }
}

/// Average ranks (1-based; ties get the mean of the ranks they span).
fn average_ranks(values: &[f64]) -> Vec<f64> {
    // Sorting (value, index) pairs keeps the comparisons in cache.
    let mut pairs: Vec<(f64, usize)> = values.iter().copied().zip(0..).collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < pairs.len() {
        let mut end = start + 1;
        while end < pairs.len() && pairs[end].0 == pairs[start].0 {
            end += 1;
        }
        let average = (start + 1 + end) as f64 / 2.0;
        for &(_, i) in &pairs[start..end] {
            ranks[i] = average;
        }
        start = end;
    }
    ranks
}

/// Spearman's rank correlation; 0 when either side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&average_ranks(x), &average_ranks(y))
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return 0.0;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx > 0.0 && syy > 0.0 { (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0) } else { 0.0 }
}

/// Correlation ratio: between-group sum of squares over total sum of squares; 0 when the
/// values do not vary.
pub fn eta_squared(values: &[f64], groups: &[usize], count: usize) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let total: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let mut sums = vec![0.0; count];
    let mut counts = vec![0usize; count];
    for (v, &g) in values.iter().zip(groups) {
        if g < count {
            sums[g] += v;
            counts[g] += 1;
        }
    }
    let between: f64 = sums
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0)
        .map(|(s, &c)| {
            let m = s / c as f64;
            c as f64 * (m - mean) * (m - mean)
        })
        .sum();
    (between / total).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::evaluate;
    use crate::config::test_toml;

    fn config(normalisations: &str, aggregations: &str) -> Config {
        let t = test_toml(
            &[("d1", 0.6, &[("i1", 0.6), ("i2", 0.4)]), ("d2", 0.4, &[("i3", 1.0)])],
            "min_max",
            "arithmetic",
        )
        .replace("[\"min_max\", \"z_score\", \"rank\"]", normalisations)
        .replace("[\"arithmetic\", \"geometric\"]", aggregations);
        Config::parse("t.toml", &t).expect("valid")
    }

    fn matrix() -> Matrix {
        let rows: Vec<(&str, [Option<f64>; 3])> = vec![
            ("top", [Some(10.0), Some(10.0), Some(10.0)]),
            ("a", [Some(8.0), Some(1.0), Some(3.0)]),
            ("b", [Some(2.0), Some(7.0), Some(4.0)]),
            ("c", [Some(5.0), None, Some(6.0)]),
            ("d", [Some(1.0), Some(2.0), None]),
            ("none", [None, None, None]),
        ];
        Matrix {
            units: rows.iter().map(|(u, _)| u.to_string()).collect(),
            values: rows.iter().map(|(_, r)| r.to_vec()).collect(),
        }
    }

    #[test]
    fn percentile_interpolates_linearly() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.5), Some(2.5));
        assert!((percentile(&v, 0.05).unwrap_or(0.0) - 1.15).abs() < 1e-12);
        assert_eq!(percentile(&v, 1.0), Some(4.0));
        assert_eq!(percentile(&[7.0], 0.95), Some(7.0));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn percentiles_from_counts_and_selection_match_sorting() {
        let values = [3.0, 1.0, 2.0, 2.0, 5.0, 1.0, 1.0, 4.0, 2.0, 2.0, 3.0];
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mut counts = vec![0u32; 6];
        for v in values {
            counts[v as usize] += 1;
        }
        for q in [0.0, 0.05, 0.1, 0.25, 0.5, 0.77, 0.95, 1.0] {
            let expected = percentile(&sorted, q);
            assert_eq!(percentile_of_counts(&counts, q), expected, "{q}");
            assert_eq!(percentile_unsorted(&mut values.to_vec(), q), expected, "{q}");
        }
        assert_eq!(percentile_of_counts(&[0, 0], 0.5), None);
        assert_eq!(percentile_unsorted(&mut [], 0.5), None);
    }

    #[test]
    fn insertion_resort_ranks_like_competition_ranks() {
        let cases: [&[Option<f64>]; 4] = [
            &[Some(1.0), None, Some(3.0), Some(1.0 + 1e-13), None, Some(2.0)],
            &[Some(5.0), Some(5.0), Some(5.0)],
            &[None, None],
            &[Some(-1.0), Some(4.0), Some(0.5), Some(4.0), Some(9.0), Some(-3.0), Some(0.5)],
        ];
        for scores in cases {
            let mut expected = vec![0; scores.len()];
            competition_ranks(scores, &mut Vec::new(), &mut expected);
            // From any starting order, including a reversed one.
            let mut order: Vec<usize> = (0..scores.len()).rev().collect();
            resort(&mut order, scores);
            let mut got = vec![0; scores.len()];
            ranks_of_sorted(&order, scores, &mut got);
            assert_eq!(got, expected, "{scores:?}");
        }
    }

    #[test]
    fn spearman_and_eta_squared() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 100.0, 1000.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), 0.0);
        // Ties averaged: ranks (1.5, 1.5, 3) against (1, 2, 3).
        let r = spearman(&[5.0, 5.0, 9.0], &[1.0, 2.0, 3.0]);
        assert!((r - 0.866_025_403_784_438_6).abs() < 1e-12, "{r}");
        assert_eq!(eta_squared(&[1.0, 1.0, 3.0, 3.0], &[0, 0, 1, 1], 2), 1.0);
        assert_eq!(eta_squared(&[1.0, 3.0, 1.0, 3.0], &[0, 0, 1, 1], 2), 0.0);
        // Group means 1.5 and 3.5 around 2.5: between 4, total 5.
        assert!((eta_squared(&[1.0, 2.0, 3.0, 4.0], &[0, 0, 1, 1], 2) - 0.8).abs() < 1e-12);
        assert_eq!(eta_squared(&[2.0, 2.0], &[0, 1], 2), 0.0);
    }

    #[test]
    fn same_seed_same_output_and_intervals_are_ordered() {
        let c = config("[\"min_max\", \"z_score\", \"rank\"]", "[\"arithmetic\", \"geometric\"]");
        let m = matrix();
        let a = monte_carlo(&c, &m, 500, 11);
        assert_eq!(a, monte_carlo(&c, &m, 500, 11));
        assert_ne!(a, monte_carlo(&c, &m, 500, 12));
        assert_eq!((a.draws, a.seed), (500, 11));
        assert_eq!(a.units.len(), 6);
        for u in &a.units[..5] {
            let (lo, mid, hi) =
                (u.rank_p05.unwrap_or(f64::NAN), u.rank_median.unwrap_or(f64::NAN), u.rank_p95.unwrap_or(f64::NAN));
            assert!(lo <= mid && mid <= hi, "{u:?}");
            assert!((1.0..=5.0).contains(&lo) && hi <= 5.0, "{u:?}");
            assert!(u.score_p05.unwrap_or(f64::NAN) <= u.score_p95.unwrap_or(f64::NAN), "{u:?}");
        }
        // The unit at the top of every column is first in every draw.
        let top = &a.units[0];
        assert_eq!((top.rank_p05, top.rank_median, top.rank_p95), (Some(1.0), Some(1.0), Some(1.0)));
        assert_eq!(top.score_p95, Some(100.0));
        // The unit with no data is not ranked.
        assert_eq!(
            a.units[5],
            UnitUncertainty {
                id: "none".into(),
                rank_median: None,
                rank_p05: None,
                rank_p95: None,
                score_p05: None,
                score_p95: None
            }
        );
        // Sensitivity: one entry per indicator, most influential first.
        assert_eq!(a.sensitivity.len(), 3);
        for pair in a.sensitivity.windows(2) {
            assert!(pair[0].weight_rank_correlation.abs() >= pair[1].weight_rank_correlation.abs());
        }
        assert!((0.0..=1.0).contains(&a.normalisation_effect) && (0.0..=1.0).contains(&a.aggregation_effect));
        let json = serde_json::to_value(&a).expect("serialises");
        assert!(json["sensitivity"][0]["weight_rank_correlation"].is_number());
    }

    #[test]
    fn a_single_choice_has_no_choice_effect() {
        let c = config("[\"min_max\"]", "[\"arithmetic\"]");
        let a = monte_carlo(&c, &matrix(), 300, 1);
        assert_eq!((a.normalisation_effect, a.aggregation_effect), (0.0, 0.0));
        // Only weights vary, on the nominal scale: every draw's score counts.
        assert!(a.units[1].score_p05.is_some());
    }

    #[test]
    fn score_intervals_use_draws_on_the_nominal_scale() {
        // Nominal min_max arithmetic (points); z_score arithmetic draws are in z units and left out.
        let c = config("[\"z_score\"]", "[\"arithmetic\"]");
        let a = monte_carlo(&c, &matrix(), 100, 1);
        assert!(a.units.iter().all(|u| u.score_p05.is_none() && u.score_p95.is_none()));
        assert!(a.units[0].rank_median.is_some());
    }

    #[test]
    fn removal_shift_by_hand() {
        // One dimension, i1 (.6) and i2 (.4): x prefers i1, y prefers i2; x first.
        let t = test_toml(&[("d", 1.0, &[("i1", 0.6), ("i2", 0.4)])], "min_max", "arithmetic");
        let c = Config::parse("t.toml", &t).expect("valid");
        let m = Matrix {
            units: vec!["x".into(), "y".into()],
            values: vec![vec![Some(1.0), Some(0.0)], vec![Some(0.0), Some(1.0)]],
        };
        assert_eq!(evaluate(&c, &m).units[0].rank, Some(1));
        let a = monte_carlo(&c, &m, 200, 3);
        let shift = |key: &str| a.sensitivity.iter().find(|s| s.indicator == key).map(|s| s.removal_rank_shift);
        // Without i1, y is first: both move one place. Without i2, nothing moves.
        assert_eq!(shift("i1"), Some(1.0));
        assert_eq!(shift("i2"), Some(0.0));
        // The more weight i1 gets, the less the ranking moves from the nominal one.
        let i1 = a.sensitivity.iter().find(|s| s.indicator == "i1").map_or(0.0, |s| s.weight_rank_correlation);
        assert!(i1 < 0.0, "{i1}");
    }

    #[test]
    fn no_draws_or_no_units() {
        let c = config("[\"min_max\"]", "[\"arithmetic\"]");
        let a = monte_carlo(&c, &matrix(), 0, 1);
        assert!(a.units.iter().all(|u| u.rank_median.is_none()));
        let empty = Matrix { units: vec![], values: vec![] };
        let a = monte_carlo(&c, &empty, 10, 1);
        assert!(a.units.is_empty());
        assert!(a.sensitivity.iter().all(|s| s.removal_rank_shift == 0.0 && s.weight_rank_correlation == 0.0));
    }
}
