//! Times `monte_carlo` on a deterministic 50-partner matrix for the shipped configuration.
//!
//! ```text
//! cargo bench -p entente-index --bench montecarlo -- OUT.json [--draws N] [--rounds N] [--units N]
//! ```
//!
//! Writes the inputs (matrix, flat weights, the configuration's choices) to OUT.json so that
//! `bench/index/peer.py` computes on the same data, with entente's nominal ranks under every
//! normalisation and aggregation, on this matrix and on a small one, for it to check; writes
//! entente's Monte Carlo result beside it (OUT.entente.json); then prints one JSON line with
//! the median time of the rounds. Single-threaded: the crate has no threads.

use std::time::Instant;

use entente_index::{Aggregation, Choice, Config, Matrix, Normalisation, evaluate_with, monte_carlo};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};

/// A deterministic matrix: skewed counts (exp of a uniform), about 15 % missing.
fn make_matrix(config: &Config, units: usize, seed: u64) -> Matrix {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let k = config.indicators().len();
    let values = (0..units)
        .map(|_| {
            (0..k)
                .map(|_| if rng.random_bool(0.15) { None } else { Some((rng.random::<f64>() * 8.0).exp().floor()) })
                .collect()
        })
        .collect();
    Matrix { units: (0..units).map(|u| format!("P{u:02}")).collect(), values }
}

/// entente's nominal ranks under each normalisation and aggregation, keyed "min_max/arithmetic".
fn nominal_ranks(config: &Config, matrix: &Matrix) -> Value {
    let mut out = serde_json::Map::new();
    for n in Normalisation::ALL {
        for a in Aggregation::ALL {
            let choice = Choice { normalisation: *n, aggregation: *a, ..Choice::nominal(config) };
            let e = evaluate_with(config, matrix, &choice);
            let ranks: Vec<Option<usize>> = e.units.iter().map(|u| u.rank).collect();
            out.insert(format!("{}/{}", n.as_str(), a.as_str()), json!(ranks));
        }
    }
    Value::Object(out)
}

fn matrix_json(config: &Config, matrix: &Matrix) -> Value {
    json!({ "units": matrix.units, "values": matrix.values, "nominal_ranks": nominal_ranks(config, matrix) })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = None;
    let (mut draws, mut rounds, mut units) = (10_000usize, 5usize, 50usize);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // cargo bench passes --bench to every bench binary.
            "--bench" => {}
            "--draws" => draws = args.next().ok_or("--draws needs a number")?.parse()?,
            "--rounds" => rounds = args.next().ok_or("--rounds needs a number")?.parse()?,
            "--units" => units = args.next().ok_or("--units needs a number")?.parse()?,
            other if other.starts_with("--") => return Err(format!("unknown option {other}").into()),
            path => out = Some(path.to_string()),
        }
    }
    let out = out.unwrap_or_else(|| std::env::temp_dir().join("entente-index-bench.json").display().to_string());

    let config = Config::bundled();
    let matrix = make_matrix(&config, units, 20_210);
    let small = make_matrix(&config, 8, 7);
    let seed = config.uncertainty.seed;
    let specs = config.indicators();
    let input = json!({
        "config": { "name": config.name, "version": config.version, "sha256": config.sha256 },
        "indicators": specs.iter().map(|(_, i)| &i.key).collect::<Vec<_>>(),
        "dimension_of": config.dimension_of_indicators(),
        "transforms": specs.iter().map(|(_, i)| i.transform.as_str()).collect::<Vec<_>>(),
        "polarities": specs.iter().map(|(_, i)| i.polarity.as_str()).collect::<Vec<_>>(),
        "weights": config.flat_weights(),
        "min_coverage": config.min_coverage,
        "normalisation": config.normalisation.as_str(),
        "aggregation": config.aggregation.as_str(),
        "normalisations": config.uncertainty.normalisations.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        "aggregations": config.uncertainty.aggregations.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "concentration": config.uncertainty.concentration,
        "draws": draws,
        "seed": seed,
        "matrix": matrix_json(&config, &matrix),
        "small": matrix_json(&config, &small),
    });
    std::fs::write(&out, serde_json::to_string(&input)?)?;

    // One untimed run warms the caches and the allocator; its result is the one written.
    let result = monte_carlo(&config, &matrix, draws, seed);
    let entente_out = out.strip_suffix(".json").unwrap_or(&out).to_string() + ".entente.json";
    std::fs::write(&entente_out, serde_json::to_string(&result)?)?;
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        let r = monte_carlo(&config, &matrix, draws, seed);
        times.push(start.elapsed().as_secs_f64());
        // Keeps the computation from being optimised away and checks reproducibility.
        assert_eq!(r, result, "same seed, same output");
    }
    let line = json!({
        "tool": "entente",
        "units": units,
        "indicators": specs.len(),
        "draws": draws,
        "rounds": rounds,
        "median_s": median(times.clone()),
        "min_s": times.iter().copied().fold(f64::INFINITY, f64::min),
        "times_s": times,
    });
    println!("{line}");
    Ok(())
}
