//! The index itself: transform, normalise across the units, weight and aggregate with the
//! available-case rule for missing values, then rank. Every rule is stated in `docs/index.md`.

use std::ops::Range;

use serde::Serialize;

use crate::config::{Aggregation, Config, Normalisation, Polarity, Transform};

/// Raw indicator values of the units being compared (the partners B of one country A).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub units: Vec<String>,
    /// `values[unit][indicator]`, raw (untransformed), in the column order of
    /// [`Config::indicators`]; `None` is missing. A short row counts as missing at its end, and
    /// values past the configuration's indicators are ignored.
    pub values: Vec<Vec<Option<f64>>>,
}

/// The choices one evaluation makes: the nominal ones come from the configuration, and the
/// Monte Carlo analysis samples others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub normalisation: Normalisation,
    pub aggregation: Aggregation,
    /// Flat weights, one per indicator column (see [`Config::flat_weights`]). Negative or
    /// non-finite weights count as 0; missing ones at the end too.
    pub weights: Vec<f64>,
}

impl Choice {
    /// The configuration's own choice.
    pub fn nominal(config: &Config) -> Choice {
        Choice { normalisation: config.normalisation, aggregation: config.aggregation, weights: config.flat_weights() }
    }
}

/// The scale a score is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// 0 (worst possible) to 100 (best).
    Points,
    /// Standard deviations from the mean of the units (z_score with arithmetic aggregation).
    ZUnits,
}

/// The scale of the scores a choice produces: z units for z_score with the arithmetic mean,
/// 0–100 otherwise (the geometric mean rescales its inputs to a fixed range first).
pub fn scale(normalisation: Normalisation, aggregation: Aggregation) -> Scale {
    match (normalisation, aggregation) {
        (Normalisation::ZScore, Aggregation::Arithmetic) => Scale::ZUnits,
        _ => Scale::Points,
    }
}

/// One unit's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitResult {
    pub id: String,
    /// `None` when coverage is below the configuration's minimum or no indicator with weight is present.
    pub score: Option<f64>,
    /// 1 is best; tied scores share the best rank. `None` exactly when `score` is.
    pub rank: Option<usize>,
    /// Sum of the configuration's flat weights of the indicators the unit has a value for.
    pub coverage: f64,
    /// Per indicator, after transform, polarity and normalisation.
    pub normalised: Vec<Option<f64>>,
    /// Per dimension, on the score's scale, from the indicators present.
    pub dimensions: Vec<Option<f64>>,
}

/// The result of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Same order as [`Matrix::units`].
    pub units: Vec<UnitResult>,
}

/// Applies an indicator's transform to one raw value; non-finite values and values outside
/// the transform's domain (log1p of x ≤ −1) become missing.
pub fn transform(value: Option<f64>, t: Transform) -> Option<f64> {
    let x = value.filter(|x| x.is_finite())?;
    match t {
        Transform::None => Some(x),
        Transform::Log1p => Some(x.ln_1p()).filter(|y| y.is_finite()),
    }
}

/// Normalises one column across the units that have a value; missing stays missing.
///
/// - min_max: (x − min) / (max − min) in [0, 1]; when all values are equal, 0.5 for each.
/// - z_score: (x − mean) / sd with the population sd; when sd is 0, 0 for each.
/// - rank: r / n in (0, 1], where r is the 1-based ascending rank (ties get the average of
///   the ranks they span) and n the number of values.
///
/// Negative polarity negates the values first, so that higher is always better.
pub fn normalise(column: &[Option<f64>], method: Normalisation, polarity: Polarity) -> Vec<Option<f64>> {
    let sign = match polarity {
        Polarity::Positive => 1.0,
        Polarity::Negative => -1.0,
    };
    let col: Vec<Option<f64>> = column.iter().map(|v| v.filter(|x| x.is_finite()).map(|x| sign * x)).collect();
    let present: Vec<f64> = col.iter().flatten().copied().collect();
    if present.is_empty() {
        return col;
    }
    let n = present.len() as f64;
    match method {
        Normalisation::MinMax => {
            let (lo, hi) = min_max(&present);
            let range = hi - lo;
            col.iter().map(|v| v.map(|x| if range > 0.0 { ((x - lo) / range).clamp(0.0, 1.0) } else { 0.5 })).collect()
        }
        Normalisation::ZScore => {
            let mean = present.iter().sum::<f64>() / n;
            let var = present.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
            let sd = var.sqrt();
            col.iter().map(|v| v.map(|x| if sd > 0.0 { (x - mean) / sd } else { 0.0 })).collect()
        }
        Normalisation::Rank => {
            let mut sorted = present;
            sorted.sort_by(f64::total_cmp);
            col.iter()
                .map(|v| {
                    v.map(|x| {
                        // Values below x, and values equal to x: the average 1-based rank of x's tie group.
                        let below = sorted.partition_point(|y| *y < x);
                        let through = sorted.partition_point(|y| *y <= x);
                        let average = (below + 1 + through) as f64 / 2.0;
                        average / n
                    })
                })
                .collect()
        }
    }
}

fn min_max(values: &[f64]) -> (f64, f64) {
    values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(*x), hi.max(*x)))
}

/// Rescales a normalised column to [1, 100] by its minimum and maximum, so the geometric mean
/// has positive inputs; all equal gives 50.5 (the middle), like min_max's 0.5.
pub(crate) fn rescale_for_geometric(column: &[Option<f64>]) -> Vec<Option<f64>> {
    let present: Vec<f64> = column.iter().flatten().copied().collect();
    let (lo, hi) = min_max(&present);
    let range = hi - lo;
    column
        .iter()
        .map(|v| v.map(|x| if range > 0.0 { (1.0 + 99.0 * (x - lo) / range).clamp(1.0, 100.0) } else { 50.5 }))
        .collect()
}

/// Converts an aggregate in working space (a weighted mean of normalised values, or of the
/// logarithms of the rescaled values) to the reported scale.
pub(crate) fn to_scale(working: f64, normalisation: Normalisation, aggregation: Aggregation) -> f64 {
    match aggregation {
        Aggregation::Arithmetic => match normalisation {
            Normalisation::ZScore => working,
            Normalisation::MinMax | Normalisation::Rank => 100.0 * working,
        },
        // exp gives the geometric mean in [1, 100]; mapping [1, 100] to [0, 100] puts it on the
        // same scale as the arithmetic mean of min_max values.
        Aggregation::Geometric => ((working.exp() - 1.0) / 99.0 * 100.0).clamp(0.0, 100.0),
    }
}

/// The matrix after the steps that do not depend on a choice: transform and polarity, coverage.
pub(crate) struct Prepared {
    pub n: usize,
    pub k: usize,
    pub dims: usize,
    /// Each dimension's indicator columns (contiguous: the configuration lists them dimension by dimension).
    pub ranges: Vec<Range<usize>>,
    /// Per indicator, per unit: transformed value (polarity not yet applied).
    pub columns: Vec<Vec<Option<f64>>>,
    pub polarity: Vec<Polarity>,
    pub coverage: Vec<f64>,
    /// Coverage reaches the configuration's minimum.
    pub covered: Vec<bool>,
}

impl Prepared {
    pub fn new(config: &Config, matrix: &Matrix) -> Prepared {
        let specs = config.indicators();
        let k = specs.len();
        let n = matrix.units.len();
        let flat = config.flat_weights();
        let columns: Vec<Vec<Option<f64>>> = specs
            .iter()
            .enumerate()
            .map(|(j, (_, spec))| {
                (0..n)
                    .map(|u| {
                        transform(matrix.values.get(u).and_then(|row| row.get(j)).copied().flatten(), spec.transform)
                    })
                    .collect()
            })
            .collect();
        let coverage: Vec<f64> =
            (0..n).map(|u| (0..k).filter(|&j| columns[j][u].is_some()).map(|j| flat[j]).sum()).collect();
        // A tiny tolerance, so that a unit whose flat weights add up to the minimum in exact
        // arithmetic is not refused by rounding.
        let covered = coverage.iter().map(|c| *c + 1e-12 >= config.min_coverage).collect();
        Prepared {
            n,
            k,
            dims: config.dimensions.len(),
            ranges: {
                let mut start = 0;
                config
                    .dimensions
                    .iter()
                    .map(|d| {
                        start += d.indicators.len();
                        start - d.indicators.len()..start
                    })
                    .collect()
            },
            columns,
            polarity: specs.iter().map(|(_, s)| s.polarity).collect(),
            coverage,
            covered,
        }
    }

    /// Per indicator, per unit: normalised values.
    pub fn normalised(&self, method: Normalisation) -> Vec<Vec<Option<f64>>> {
        self.columns.iter().zip(&self.polarity).map(|(c, p)| normalise(c, method, *p)).collect()
    }

    /// Per indicator, per unit: the values the aggregation averages (normalised values, or the
    /// logarithms of their rescaling to [1, 100]).
    pub fn working(&self, normalised: &[Vec<Option<f64>>], aggregation: Aggregation) -> Vec<Vec<Option<f64>>> {
        match aggregation {
            Aggregation::Arithmetic => normalised.to_vec(),
            Aggregation::Geometric => normalised
                .iter()
                .map(|c| rescale_for_geometric(c).into_iter().map(|v| v.map(f64::ln)).collect())
                .collect(),
        }
    }
}

/// Clean flat weights (negatives and non-finite as 0) and their per-dimension sums.
pub(crate) fn clean_weights(weights: &[f64], k: usize) -> Vec<f64> {
    (0..k).map(|j| weights.get(j).copied().filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0)).collect()
}

/// Each dimension's weight: the sum of its indicators' flat weights.
pub(crate) fn dimension_weights(weights: &[f64], ranges: &[Range<usize>], out: &mut [f64]) {
    for (o, r) in out.iter_mut().zip(ranges) {
        *o = weights[r.clone()].iter().sum();
    }
}

/// Available-case two-level weighted mean of one unit's row in working space: within each
/// dimension over the present indicators, then over the dimensions that have one, with
/// weights renormalised at each level. `values` holds 0 where `present` (1 or 0) is 0, so the
/// loops have no branch. Leaves each dimension's numerator and denominator in `num` and
/// `den`; `None` when no indicator with weight is present.
#[inline]
pub(crate) fn aggregate_row(
    values: &[f64],
    present: &[f64],
    weights: &[f64],
    ranges: &[Range<usize>],
    dim_weights: &[f64],
    num: &mut [f64],
    den: &mut [f64],
) -> Option<f64> {
    let mut total = 0.0;
    let mut total_weight = 0.0;
    for (d, range) in ranges.iter().enumerate() {
        let (mut n, mut s) = (0.0, 0.0);
        for j in range.clone() {
            let w = weights[j] * present[j];
            n += w * values[j];
            s += w;
        }
        num[d] = n;
        den[d] = s;
        if s > 0.0 {
            total += dim_weights[d] * (n / s);
            total_weight += dim_weights[d];
        }
    }
    (total_weight > 0.0).then(|| total / total_weight)
}

/// Per-unit accumulators of [`aggregate_columns`].
pub(crate) struct Sums {
    num: Vec<f64>,
    den: Vec<f64>,
    pub total: Vec<f64>,
    pub total_weight: Vec<f64>,
}

impl Sums {
    pub fn new(units: usize) -> Sums {
        Sums { num: vec![0.0; units], den: vec![0.0; units], total: vec![0.0; units], total_weight: vec![0.0; units] }
    }
}

/// [`aggregate_row`] for many units at once, with `values` and `present` indicator-major
/// (`values[j * units + u]`), so that the loops over the units vectorise. Leaves each unit's
/// weighted sum over its dimensions and the sum of their weights in `sums`; the same
/// operations in the same order as [`aggregate_row`], so the results are identical.
pub(crate) fn aggregate_columns(
    values: &[f64],
    present: &[f64],
    weights: &[f64],
    ranges: &[Range<usize>],
    dim_weights: &[f64],
    sums: &mut Sums,
) {
    let units = sums.total.len();
    sums.total.fill(0.0);
    sums.total_weight.fill(0.0);
    for (range, &dw) in ranges.iter().zip(dim_weights) {
        sums.num.fill(0.0);
        sums.den.fill(0.0);
        for j in range.clone() {
            let w = weights[j];
            let x = &values[j * units..(j + 1) * units];
            let p = &present[j * units..(j + 1) * units];
            for ((n, d), (x, p)) in sums.num.iter_mut().zip(sums.den.iter_mut()).zip(x.iter().zip(p)) {
                let wp = w * p;
                *n += wp * x;
                *d += wp;
            }
        }
        let accumulators = sums.total.iter_mut().zip(sums.total_weight.iter_mut());
        for ((t, tw), (n, d)) in accumulators.zip(sums.num.iter().zip(&sums.den)) {
            let has = *d > 0.0;
            let mean = n / if has { *d } else { 1.0 };
            *t += if has { dw * mean } else { 0.0 };
            *tw += if has { dw } else { 0.0 };
        }
    }
}

/// Whether two scores count as tied: equal to within rounding.
#[inline]
pub(crate) fn tied(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Competition ranks (1 best; tied scores share the best rank; `None` after all scores,
/// sharing one rank). `order` is scratch space.
pub(crate) fn competition_ranks(scores: &[Option<f64>], order: &mut Vec<usize>, out: &mut [usize]) {
    order.clear();
    order.extend(0..scores.len());
    order.sort_unstable_by(|&a, &b| match (scores[a], scores[b]) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut previous: Option<Option<f64>> = None;
    let mut rank = 0;
    for (p, &i) in order.iter().enumerate() {
        let same = match (previous, scores[i]) {
            (Some(Some(x)), Some(y)) => tied(x, y),
            (Some(None), None) => true,
            _ => false,
        };
        if !same {
            rank = p + 1;
        }
        out[i] = rank;
        previous = Some(scores[i]);
    }
}

/// Evaluates the index with the configuration's own choice.
pub fn evaluate(config: &Config, matrix: &Matrix) -> Evaluation {
    evaluate_with(config, matrix, &Choice::nominal(config))
}

/// Evaluates the index with another choice of normalisation, aggregation and weights. Coverage
/// and the minimum it must reach always use the configuration's weights, so that the set of
/// ranked units does not depend on the choice.
pub fn evaluate_with(config: &Config, matrix: &Matrix, choice: &Choice) -> Evaluation {
    let prep = Prepared::new(config, matrix);
    evaluate_prepared(&prep, &matrix.units, choice)
}

pub(crate) fn evaluate_prepared(prep: &Prepared, ids: &[String], choice: &Choice) -> Evaluation {
    let (n, k, dims) = (prep.n, prep.k, prep.dims);
    let normalised = prep.normalised(choice.normalisation);
    let working = prep.working(&normalised, choice.aggregation);
    let weights = clean_weights(&choice.weights, k);
    let mut dim_weights = vec![0.0; dims];
    dimension_weights(&weights, &prep.ranges, &mut dim_weights);
    let (mut num, mut den) = (vec![0.0; dims], vec![0.0; dims]);
    let convert = |v: f64| to_scale(v, choice.normalisation, choice.aggregation);

    let mut units = Vec::with_capacity(n);
    let mut scores = Vec::with_capacity(n);
    for u in 0..n {
        let row: Vec<f64> = (0..k).map(|j| working[j][u].unwrap_or(0.0)).collect();
        let present: Vec<f64> = (0..k).map(|j| if working[j][u].is_some() { 1.0 } else { 0.0 }).collect();
        let total = aggregate_row(&row, &present, &weights, &prep.ranges, &dim_weights, &mut num, &mut den);
        let score = total.filter(|_| prep.covered[u]).map(convert);
        scores.push(score);
        units.push(UnitResult {
            id: ids.get(u).cloned().unwrap_or_default(),
            score,
            rank: None,
            coverage: prep.coverage[u],
            normalised: (0..k).map(|j| normalised[j][u]).collect(),
            dimensions: (0..dims).map(|d| (den[d] > 0.0).then(|| convert(num[d] / den[d]))).collect(),
        });
    }
    let mut ranks = vec![0; n];
    competition_ranks(&scores, &mut Vec::new(), &mut ranks);
    for (unit, rank) in units.iter_mut().zip(ranks) {
        unit.rank = unit.score.map(|_| rank);
    }
    Evaluation { units }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_toml;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn assert_close(got: &[Option<f64>], expected: &[Option<f64>]) {
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for (g, e) in got.iter().zip(expected) {
            match (g, e) {
                (Some(g), Some(e)) => assert!(close(*g, *e), "{got:?} != {expected:?}"),
                (None, None) => {}
                _ => panic!("{got:?} != {expected:?}"),
            }
        }
    }

    /// Two dimensions: d1 (0.6) with i1 and i2 (equal weights), d2 (0.4) with i3.
    fn config(normalisation: &str, aggregation: &str, min_coverage: f64) -> Config {
        let t = test_toml(
            &[("d1", 0.6, &[("i1", 1.0), ("i2", 1.0)]), ("d2", 0.4, &[("i3", 1.0)])],
            normalisation,
            aggregation,
        )
        .replace("min_coverage = 0.0", &format!("min_coverage = {min_coverage:?}"));
        Config::parse("t.toml", &t).expect("valid")
    }

    fn matrix(rows: &[(&str, [Option<f64>; 3])]) -> Matrix {
        Matrix {
            units: rows.iter().map(|(u, _)| u.to_string()).collect(),
            values: rows.iter().map(|(_, r)| r.to_vec()).collect(),
        }
    }

    /// U1 (10, 0, 5), U2 (0, –, 10), U3 (5, 10, 0): min_max gives i1 (1, 0, .5), i2 (0, –, 1), i3 (.5, 1, 0).
    fn three() -> Matrix {
        matrix(&[
            ("U1", [Some(10.0), Some(0.0), Some(5.0)]),
            ("U2", [Some(0.0), None, Some(10.0)]),
            ("U3", [Some(5.0), Some(10.0), Some(0.0)]),
        ])
    }

    #[test]
    fn transform_log1p_and_undefined_values() {
        assert_eq!(transform(Some(3.0), Transform::None), Some(3.0));
        assert!(close(transform(Some(std::f64::consts::E - 1.0), Transform::Log1p).unwrap_or(0.0), 1.0));
        assert_eq!(transform(Some(0.0), Transform::Log1p), Some(0.0));
        assert_eq!(transform(Some(-1.0), Transform::Log1p), None);
        assert_eq!(transform(Some(-2.0), Transform::Log1p), None);
        assert_eq!(transform(Some(f64::NAN), Transform::None), None);
        assert_eq!(transform(Some(f64::INFINITY), Transform::None), None);
        assert_eq!(transform(None, Transform::Log1p), None);
    }

    #[test]
    fn min_max_across_present_values() {
        let col = [Some(2.0), None, Some(4.0), Some(6.0)];
        assert_close(
            &normalise(&col, Normalisation::MinMax, Polarity::Positive),
            &[Some(0.0), None, Some(0.5), Some(1.0)],
        );
        assert_close(
            &normalise(&col, Normalisation::MinMax, Polarity::Negative),
            &[Some(1.0), None, Some(0.5), Some(0.0)],
        );
        // All equal: everyone in the middle.
        assert_close(
            &normalise(&[Some(3.0), None, Some(3.0)], Normalisation::MinMax, Polarity::Positive),
            &[Some(0.5), None, Some(0.5)],
        );
        assert_close(&normalise(&[None, None], Normalisation::MinMax, Polarity::Positive), &[None, None]);
        // Non-finite values count as missing.
        assert_close(
            &normalise(&[Some(f64::NAN), Some(1.0), Some(2.0)], Normalisation::MinMax, Polarity::Positive),
            &[None, Some(0.0), Some(1.0)],
        );
    }

    #[test]
    fn z_score_with_population_sd() {
        // Mean 2, population sd sqrt(2/3).
        let z = 1.0 / (2.0f64 / 3.0).sqrt();
        let col = [Some(1.0), Some(2.0), None, Some(3.0)];
        assert_close(
            &normalise(&col, Normalisation::ZScore, Polarity::Positive),
            &[Some(-z), Some(0.0), None, Some(z)],
        );
        assert_close(
            &normalise(&col, Normalisation::ZScore, Polarity::Negative),
            &[Some(z), Some(0.0), None, Some(-z)],
        );
        assert_close(
            &normalise(&[Some(5.0), Some(5.0)], Normalisation::ZScore, Polarity::Positive),
            &[Some(0.0), Some(0.0)],
        );
        assert_close(&normalise(&[Some(5.0)], Normalisation::ZScore, Polarity::Positive), &[Some(0.0)]);
    }

    #[test]
    fn fractional_rank_with_averaged_ties() {
        // Ascending ranks 1, 2.5, 2.5, 4 over n = 4.
        let col = [Some(10.0), Some(20.0), None, Some(20.0), Some(30.0)];
        assert_close(
            &normalise(&col, Normalisation::Rank, Polarity::Positive),
            &[Some(0.25), Some(0.625), None, Some(0.625), Some(1.0)],
        );
        // Negated: 30 is lowest (rank 1), 10 highest (rank 4).
        assert_close(
            &normalise(&col, Normalisation::Rank, Polarity::Negative),
            &[Some(1.0), Some(0.625), None, Some(0.625), Some(0.25)],
        );
        // All equal: (n + 1) / 2n.
        assert_close(
            &normalise(&[Some(1.0), Some(1.0), Some(1.0)], Normalisation::Rank, Polarity::Positive),
            &[Some(2.0 / 3.0); 3],
        );
        assert_close(&normalise(&[Some(7.0)], Normalisation::Rank, Polarity::Positive), &[Some(1.0)]);
    }

    #[test]
    fn geometric_rescaling_to_one_hundred() {
        assert_close(
            &rescale_for_geometric(&[Some(0.0), Some(0.5), None, Some(1.0)]),
            &[Some(1.0), Some(50.5), None, Some(100.0)],
        );
        assert_close(&rescale_for_geometric(&[Some(-2.0), Some(2.0)]), &[Some(1.0), Some(100.0)]);
        assert_close(&rescale_for_geometric(&[Some(0.3), Some(0.3)]), &[Some(50.5), Some(50.5)]);
    }

    #[test]
    fn arithmetic_available_case() {
        let c = config("min_max", "arithmetic", 0.0);
        let e = evaluate(&c, &three());
        // U1: d1 = (1 + 0) / 2, d2 = .5 → .6 × .5 + .4 × .5 = .5.
        // U2: d1 = i1 alone = 0 (i2 missing, its weight goes to i1), d2 = 1 → .4.
        // U3: d1 = (.5 + 1) / 2 = .75, d2 = 0 → .45.
        let scores: Vec<Option<f64>> = e.units.iter().map(|u| u.score).collect();
        assert_close(&scores, &[Some(50.0), Some(40.0), Some(45.0)]);
        assert_eq!(e.units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![Some(1), Some(3), Some(2)]);
        assert_close(&e.units[1].dimensions, &[Some(0.0), Some(100.0)]);
        assert_close(&e.units[2].dimensions, &[Some(75.0), Some(0.0)]);
        assert_close(&e.units[1].normalised, &[Some(0.0), None, Some(1.0)]);
        // Coverage: flat weights .3, .3, .4.
        let coverage: Vec<f64> = e.units.iter().map(|u| u.coverage).collect();
        assert!(close(coverage[0], 1.0) && close(coverage[1], 0.7) && close(coverage[2], 1.0), "{coverage:?}");
        assert_eq!(e.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), vec!["U1", "U2", "U3"]);
    }

    #[test]
    fn a_dimension_with_nothing_present_is_left_out() {
        let c = config("min_max", "arithmetic", 0.0);
        let mut m = three();
        m.units.push("U4".into());
        // i1 = 10 (the maximum, 1), nothing in d2: the score is d1 alone.
        m.values.push(vec![Some(10.0), None, None]);
        let e = evaluate(&c, &m);
        assert_close(&[e.units[3].score], &[Some(100.0)]);
        assert_close(&e.units[3].dimensions, &[Some(100.0), None]);
        assert!(close(e.units[3].coverage, 0.3));
        // Nothing at all: no score, no rank, still listed.
        m.units.push("U5".into());
        m.values.push(vec![None, None, None]);
        let e = evaluate(&c, &m);
        assert_eq!((e.units[4].score, e.units[4].rank, e.units[4].coverage), (None, None, 0.0));
        assert_eq!(e.units[4].dimensions, vec![None, None]);
    }

    #[test]
    fn low_coverage_is_shown_but_not_ranked() {
        let c = config("min_max", "arithmetic", 0.5);
        let mut m = three();
        m.units.push("U4".into());
        m.values.push(vec![None, None, Some(10.0)]);
        let e = evaluate(&c, &m);
        let u4 = &e.units[3];
        assert!(close(u4.coverage, 0.4));
        assert_eq!((u4.score, u4.rank), (None, None));
        // Its values still take part in normalisation and are shown.
        assert_close(&u4.normalised, &[None, None, Some(1.0)]);
        assert_close(&u4.dimensions, &[None, Some(100.0)]);
        // U2 (coverage .7) is ranked; ranks are among ranked units only.
        assert_eq!(e.units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![Some(1), Some(3), Some(2), None]);
        // Exactly at the minimum counts.
        let c = config("min_max", "arithmetic", 0.7);
        assert_eq!(evaluate(&c, &three()).units[1].rank, Some(3));
    }

    #[test]
    fn geometric_available_case() {
        let c = config("min_max", "geometric", 0.0);
        let e = evaluate(&c, &three());
        // U1 rescaled: i1 100, i2 1, i3 50.5; d1 = sqrt(100 × 1) = 10, d2 = 50.5;
        // G = 10^.6 × 50.5^.4, reported as (G − 1) / 99 × 100.
        let g: f64 = 10f64.powf(0.6) * 50.5f64.powf(0.4);
        let expected_u1 = (g - 1.0) / 99.0 * 100.0;
        // U2: i1 1, i3 100: d1 = 1, d2 = 100 → G = 100^.4.
        let expected_u2 = (100f64.powf(0.4) - 1.0) / 99.0 * 100.0;
        // U3: i1 50.5, i2 100, i3 1: d1 = sqrt(5050), d2 = 1 → G = 5050^.3.
        let expected_u3 = (5050f64.powf(0.3) - 1.0) / 99.0 * 100.0;
        assert_close(
            &e.units.iter().map(|u| u.score).collect::<Vec<_>>(),
            &[Some(expected_u1), Some(expected_u2), Some(expected_u3)],
        );
        assert_close(&e.units[0].dimensions, &[Some(9.0 / 99.0 * 100.0), Some(49.5 / 99.0 * 100.0)]);
        // The geometric mean never exceeds the arithmetic one on the same scale.
        let a = evaluate(&config("min_max", "arithmetic", 0.0), &three());
        for (g, a) in e.units.iter().zip(&a.units) {
            assert!(g.score.unwrap_or(0.0) <= a.score.unwrap_or(0.0) + 1e-9);
        }
        // A unit at the minimum of every column scores 0; at the maximum, 100.
        let m = matrix(&[("lo", [Some(0.0), Some(0.0), Some(0.0)]), ("hi", [Some(1.0), Some(1.0), Some(1.0)])]);
        let e = evaluate(&c, &m);
        assert_close(&[e.units[0].score, e.units[1].score], &[Some(0.0), Some(100.0)]);
    }

    #[test]
    fn z_score_arithmetic_stays_in_z_units() {
        let c = config("z_score", "arithmetic", 0.0);
        let m = matrix(&[("a", [Some(1.0), Some(1.0), Some(1.0)]), ("b", [Some(3.0), Some(3.0), Some(3.0)])]);
        let e = evaluate(&c, &m);
        assert_close(&[e.units[0].score, e.units[1].score], &[Some(-1.0), Some(1.0)]);
        assert_eq!(scale(Normalisation::ZScore, Aggregation::Arithmetic), Scale::ZUnits);
        assert_eq!(scale(Normalisation::ZScore, Aggregation::Geometric), Scale::Points);
        assert_eq!(scale(Normalisation::Rank, Aggregation::Arithmetic), Scale::Points);
        // Under the geometric mean z-scores are rescaled like any column: 0 and 100.
        let e = evaluate(&config("z_score", "geometric", 0.0), &m);
        assert_close(&[e.units[0].score, e.units[1].score], &[Some(0.0), Some(100.0)]);
    }

    #[test]
    fn rank_normalisation_scores_on_points() {
        let c = config("rank", "arithmetic", 0.0);
        let e = evaluate(&c, &three());
        // i1 ranks: U2 1/3, U3 2/3, U1 1; i2: U1 1/2, U3 1; i3: U3 1/3, U1 2/3, U2 1.
        // U1: .6 × (1 + .5) / 2 + .4 × 2/3 = .45 + .26667.
        assert_close(&[e.units[0].score], &[Some(100.0 * (0.45 + 0.4 * 2.0 / 3.0))]);
    }

    #[test]
    fn column_aggregation_is_identical_to_row_aggregation() {
        // Three units, indicators 0..2 in one dimension and 2..4 in another; unit 2 has nothing in the second.
        let ranges = [0..2, 2..4];
        let weights = [0.1, 0.3, 0.25, 0.35];
        let rows = [[0.3, 0.9, 0.1, 0.7], [0.0, 0.45, 0.2, 0.0], [0.8, 0.6, 0.0, 0.0]];
        let present = [[1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]];
        let mut dim_weights = [0.0; 2];
        dimension_weights(&weights, &ranges, &mut dim_weights);
        let by_column =
            |m: &[[f64; 4]; 3]| -> Vec<f64> { (0..4).flat_map(|j| m.iter().map(move |row| row[j])).collect() };
        let mut sums = Sums::new(3);
        aggregate_columns(&by_column(&rows), &by_column(&present), &weights, &ranges, &dim_weights, &mut sums);
        let (mut num, mut den) = ([0.0; 2], [0.0; 2]);
        for u in 0..3 {
            let row = aggregate_row(&rows[u], &present[u], &weights, &ranges, &dim_weights, &mut num, &mut den);
            assert_eq!(row, Some(sums.total[u] / sums.total_weight[u]));
        }
        // Unit 2 by hand: (.1 × .8 + .3 × .6) / .4 in the first dimension only.
        assert!(close(sums.total[2] / sums.total_weight[2], 0.26 / 0.4));
    }

    #[test]
    fn ties_share_the_best_rank() {
        let c = config("min_max", "arithmetic", 0.0);
        let m = matrix(&[
            ("a", [Some(1.0), Some(1.0), Some(1.0)]),
            ("b", [Some(2.0), Some(2.0), Some(2.0)]),
            ("c", [Some(2.0), Some(2.0), Some(2.0)]),
            ("d", [Some(0.0), Some(0.0), Some(0.0)]),
        ]);
        let e = evaluate(&c, &m);
        assert_eq!(e.units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![Some(3), Some(1), Some(1), Some(4)]);
        let mut out = vec![0; 5];
        competition_ranks(&[Some(1.0), None, Some(3.0), Some(1.0 + 1e-13), None], &mut Vec::new(), &mut out);
        assert_eq!(out, vec![2, 4, 1, 2, 4]);
    }

    #[test]
    fn evaluate_with_other_weights_and_choices() {
        let c = config("min_max", "arithmetic", 0.0);
        let only_i3 = Choice {
            normalisation: Normalisation::MinMax,
            aggregation: Aggregation::Arithmetic,
            weights: vec![0.0, 0.0, 1.0],
        };
        let e = evaluate_with(&c, &three(), &only_i3);
        assert_close(&e.units.iter().map(|u| u.score).collect::<Vec<_>>(), &[Some(50.0), Some(100.0), Some(0.0)]);
        // Coverage still uses the configuration's weights.
        assert!(close(e.units[1].coverage, 0.7));
        // Weights need not sum to 1; negative and missing ones count as 0.
        let scaled = Choice { weights: vec![-1.0, f64::NAN, 7.0], ..only_i3.clone() };
        assert_eq!(evaluate_with(&c, &three(), &scaled), e);
        let short = Choice { weights: vec![1.0], ..only_i3 };
        let e = evaluate_with(&c, &three(), &short);
        assert_close(&e.units.iter().map(|u| u.score).collect::<Vec<_>>(), &[Some(100.0), Some(0.0), Some(50.0)]);
        // A unit whose present indicators all have weight 0 gets no score.
        let m = matrix(&[("a", [None, None, Some(1.0)]), ("b", [Some(1.0), None, Some(2.0)])]);
        let e = evaluate_with(&c, &m, &Choice { weights: vec![1.0, 0.0, 0.0], ..Choice::nominal(&c) });
        assert_eq!((e.units[0].score, e.units[0].rank), (None, None));
        assert_eq!(evaluate(&c, &m), evaluate_with(&c, &m, &Choice::nominal(&c)));
    }

    #[test]
    fn log1p_is_applied_before_normalising() {
        let t = test_toml(&[("d", 1.0, &[("i", 1.0)])], "min_max", "arithmetic")
            .replace("time = \"latest\"", "time = \"latest\"\ntransform = \"log1p\"");
        let c = Config::parse("t.toml", &t).expect("valid");
        let m = Matrix {
            units: vec!["a".into(), "b".into(), "c".into()],
            values: vec![vec![Some(0.0)], vec![Some(9.0)], vec![Some(99.0)]],
        };
        let e = evaluate(&c, &m);
        // ln 1, ln 10, ln 100: b is halfway.
        assert_close(&e.units.iter().map(|u| u.score).collect::<Vec<_>>(), &[Some(0.0), Some(50.0), Some(100.0)]);
        // Rows shorter than the configuration count as missing, extra values are ignored.
        let m = Matrix { units: vec!["a".into(), "b".into()], values: vec![vec![], vec![Some(1.0), Some(5.0)]] };
        let e = evaluate(&c, &m);
        assert_eq!(e.units[0].score, None);
        assert_eq!(e.units[1].score, Some(50.0));
    }

    #[test]
    fn negative_polarity_makes_lower_better() {
        let t = test_toml(&[("d", 1.0, &[("i", 1.0)])], "min_max", "arithmetic")
            .replace("time = \"latest\"", "time = \"latest\"\npolarity = \"negative\"");
        let c = Config::parse("t.toml", &t).expect("valid");
        let m = Matrix { units: vec!["a".into(), "b".into()], values: vec![vec![Some(1.0)], vec![Some(3.0)]] };
        let e = evaluate(&c, &m);
        assert_eq!(e.units.iter().map(|u| u.rank).collect::<Vec<_>>(), vec![Some(1), Some(2)]);
    }
}
