//! `entente compare`, `entente index` and `entente diagnose`: reading their arguments, the
//! index configuration and GDELT counts, and printing the results.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use entente_analytics::compare::{
    CompareError, CompareOptions, Comparison, Direction, Gathered, IndexAsk, IndexSeries, gdelt_counts_blocking,
    index_series,
};
use entente_cite::Style;
use entente_index::Config;
use entente_model::record::format_number;
use entente_store::Store;

use crate::data::Engine;
use crate::output::{Format, print_csv, print_json, table};

/// The configuration from `--config FILE`, else the bundled one.
pub fn config(path: Option<&Path>) -> Result<Config> {
    match path {
        None => Ok(Config::bundled()),
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Config::parse(&path.display().to_string(), &text).map_err(|e| anyhow!("{e}; nothing was computed"))
        }
    }
}

/// Bounds a user-given number of draws: enough for percentiles, not enough to hang.
pub fn check_draws(draws: Option<usize>) -> Result<()> {
    if let Some(d) = draws
        && !(1..=1_000_000).contains(&d)
    {
        bail!("--draws {d} is out of range: give 1 to 1000000");
    }
    Ok(())
}

fn gathered(dir: &Path, store: &Store, engine: &Engine, config: &Config, focus: &str) -> Result<Gathered> {
    let lake = crate::data::lake(dir, store, false, engine)?;
    let gdelt = gdelt_counts_blocking(&lake, focus)?;
    Ok(Gathered::read(store, config, focus, gdelt)?)
}

fn no_data(e: CompareError) -> anyhow::Error {
    match e {
        CompareError::NoData(msg) => anyhow!(msg),
        CompareError::Analytics(e) => anyhow!(e),
    }
}

/// What `entente compare` was asked.
pub struct CompareArgs {
    pub focus: String,
    pub partners: Vec<String>,
    pub top: Option<usize>,
    pub year: Option<i32>,
    pub direction: Direction,
    pub config: Option<PathBuf>,
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub format: Format,
    pub lang: String,
}

pub fn compare(dir: &Path, store: &Store, engine: &Engine, args: CompareArgs) -> Result<()> {
    check_draws(args.draws)?;
    let config = config(args.config.as_deref())?;
    let g = gathered(dir, store, engine, &config, &args.focus)?;
    let opts = CompareOptions {
        focus: args.focus.clone(),
        direction: args.direction,
        year: args.year,
        draws: args.draws,
        seed: args.seed,
        lang: args.lang.clone(),
        style: Style::Gost,
    };
    let mut c = entente_analytics::compare::compare(store, &config, &g, &opts).map_err(no_data)?;
    // Ranks are taken among every partner with data; --partners and --top choose what is shown.
    if !args.partners.is_empty() {
        let missing: Vec<&String> =
            args.partners.iter().filter(|p| !c.partners.iter().any(|x| &x.partner == *p)).collect();
        if !missing.is_empty() {
            eprintln!(
                "No data in {} for: {} (they are not among the {} partners compared).",
                c.year,
                missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                c.universe
            );
        }
        c.partners.retain(|p| args.partners.contains(&p.partner));
        c.partners.sort_by_key(|p| (p.rank.is_none(), p.rank, args.partners.iter().position(|x| x == &p.partner)));
    }
    if let Some(n) = args.top {
        c.partners.truncate(n);
    }
    print_comparison(&c, args.format)
}

fn num(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}")).unwrap_or_else(|| "–".into())
}

fn rank_interval(p: &entente_analytics::compare::PartnerResult) -> String {
    match (p.rank_p05, p.rank_p95) {
        (Some(lo), Some(hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        _ => "–".into(),
    }
}

pub fn print_comparison(c: &Comparison, format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(c),
        Format::Csv => {
            let mut header: Vec<String> =
                ["partner", "name", "score", "rank", "rank_median", "rank_p05", "rank_p95", "coverage"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
            header.extend(c.dimensions.iter().map(|d| format!("dimension.{}", d.key)));
            header.extend(c.indicators.iter().map(|i| format!("indicator.{}", i.key)));
            let h: Vec<&str> = header.iter().map(String::as_str).collect();
            let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            print_csv(
                &h,
                c.partners.iter().map(|p| {
                    let mut row = vec![
                        p.partner.clone(),
                        p.name.clone(),
                        opt(p.score),
                        p.rank.map(|r| r.to_string()).unwrap_or_default(),
                        opt(p.rank_median),
                        opt(p.rank_p05),
                        opt(p.rank_p95),
                        p.coverage.to_string(),
                    ];
                    row.extend(c.dimensions.iter().map(|d| opt(p.dimensions.get(&d.key).copied().flatten())));
                    row.extend(c.indicators.iter().map(|i| opt(p.indicators.get(&i.key).copied().flatten())));
                    row
                }),
            )
        }
        Format::Table => {
            let arrow = match c.direction {
                Direction::In => format!("partner → {}", c.focus),
                Direction::Out => format!("{} → partner", c.focus),
            };
            println!(
                "Partners of {} ({}), {}, {arrow}: {} with data, {} ranked (coverage ≥ {}).",
                c.focus_name, c.focus, c.year, c.universe, c.ranked, c.min_coverage
            );
            let mut header: Vec<String> = ["Rank", "Partner", "Index", "Rank 5–95 %", "Median rank", "Coverage"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            header.extend(c.dimensions.iter().map(|d| d.label.clone()));
            let h: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut t = table(&h);
            for p in &c.partners {
                let mut row = vec![
                    p.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()),
                    format!("{} {}", p.partner, p.name),
                    num(p.score, 1),
                    rank_interval(p),
                    p.rank_median.map(format_number).unwrap_or_else(|| "–".into()),
                    format!("{:.0} %", p.coverage * 100.0),
                ];
                row.extend(c.dimensions.iter().map(|d| num(p.dimensions.get(&d.key).copied().flatten(), 1)));
                t.add_row(row);
            }
            println!("{t}");
            let excluded: Vec<String> = c
                .indicators
                .iter()
                .filter_map(|i| i.excluded.as_ref().map(|why| format!("  {} ({}): {why}", i.key, i.label)))
                .collect();
            if !excluded.is_empty() {
                println!("Left out of this comparison:\n{}", excluded.join("\n"));
            }
            if !c.sensitivity.is_empty() {
                let top: Vec<String> = c
                    .sensitivity
                    .iter()
                    .take(5)
                    .map(|s| {
                        format!(
                            "{} (ρ {:+.2}, removal shift {:.2})",
                            s.indicator, s.weight_rank_correlation, s.removal_rank_shift
                        )
                    })
                    .collect();
                println!("Indicators that move the ranking most: {}.", top.join(", "));
            }
            println!(
                "Index {} {} (sha256 {}), {} draws, seed {}; normalisation explains {:.0} % and aggregation {:.0} % of the rank shifts.",
                c.config.name,
                c.config.version,
                &c.config.sha256[..c.config.sha256.len().min(12)],
                c.draws,
                c.seed,
                c.normalisation_effect * 100.0,
                c.aggregation_effect * 100.0
            );
            Ok(())
        }
    }
}

/// What `entente index` was asked.
pub struct IndexArgs {
    pub a: String,
    pub b: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub config: Option<PathBuf>,
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub format: Format,
    pub lang: String,
}

pub fn index(dir: &Path, store: &Store, engine: &Engine, args: IndexArgs) -> Result<()> {
    check_draws(args.draws)?;
    let config = config(args.config.as_deref())?;
    let g = gathered(dir, store, engine, &config, &args.b)?;
    let to = match args.to.or_else(|| g.default_year(&config)) {
        Some(y) => y,
        None => bail!("no data for {} in the store under the configuration \"{}\"", args.b, config.name),
    };
    let from = args.from.unwrap_or(to.saturating_sub(9));
    if from > to {
        bail!("--from {from} is after --to {to}");
    }
    if to - from > 200 {
        bail!("--from {from} --to {to} spans more than 200 years");
    }
    let ask =
        IndexAsk { a: &args.a, from, to, draws: args.draws, seed: args.seed, lang: &args.lang, style: Style::Gost };
    let s = index_series(store, &config, &g, &ask).map_err(no_data)?;
    print_index(&s, args.format)
}

pub fn print_index(s: &IndexSeries, format: Format) -> Result<()> {
    let opt = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    match format {
        Format::Json => print_json(s),
        Format::Csv => print_csv(
            &["year", "a", "b", "score", "rank", "rank_median", "rank_p05", "rank_p95", "coverage", "partners"],
            s.years.iter().map(|y| {
                vec![
                    y.year.to_string(),
                    s.a.clone(),
                    s.b.clone(),
                    opt(y.result.score),
                    y.result.rank.map(|r| r.to_string()).unwrap_or_default(),
                    opt(y.result.rank_median),
                    opt(y.result.rank_p05),
                    opt(y.result.rank_p95),
                    y.result.coverage.to_string(),
                    y.universe.to_string(),
                ]
            }),
        ),
        Format::Table => {
            println!(
                "{} ({}) in {} ({}): the index among {}'s partners each year.",
                s.names[0], s.a, s.names[1], s.b, s.names[1]
            );
            let mut t = table(&["Year", "Index", "Rank", "Rank 5–95 %", "Of", "Coverage"]);
            for y in &s.years {
                t.add_row(vec![
                    y.year.to_string(),
                    num(y.result.score, 1),
                    y.result.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()),
                    rank_interval(&y.result),
                    y.universe.to_string(),
                    format!("{:.0} %", y.result.coverage * 100.0),
                ]);
            }
            println!("{t}");
            if !s.no_data.is_empty() {
                println!(
                    "No data for {} in: {}.",
                    s.a,
                    s.no_data.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
                );
            }
            println!(
                "Index {} {} (sha256 {}), {} draws, seed {}.",
                s.config.name, s.config.version, s.config.sha256, s.draws, s.seed
            );
            Ok(())
        }
    }
}

/// What `entente diagnose` was asked.
pub struct DiagnoseArgs {
    pub a: String,
    pub b: String,
    pub year: Option<i32>,
    pub config: Option<PathBuf>,
    pub rules: Option<PathBuf>,
    pub format: Format,
    pub lang: String,
}

pub fn diagnose(dir: &Path, store: &Store, engine: &Engine, args: DiagnoseArgs) -> Result<()> {
    use entente_analytics::diagnose::{DiagnoseAsk, Rules};
    let config = config(args.config.as_deref())?;
    let rules = match &args.rules {
        None => Rules::bundled(),
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            Rules::parse(&path.display().to_string(), &text).map_err(|e| anyhow!("{e}; nothing was computed"))?
        }
    };
    let g = gathered(dir, store, engine, &config, &args.b)?;
    let ask = DiagnoseAsk { a: &args.a, year: args.year, lang: &args.lang, style: Style::Gost };
    let d = entente_analytics::diagnose::diagnose(store, &config, &rules, &g, &ask)?;
    print_diagnosis(&d, args.format)
}

pub fn print_diagnosis(d: &entente_analytics::diagnose::Diagnosis, format: Format) -> Result<()> {
    let evidence = |f: &entente_analytics::diagnose::Finding| {
        f.evidence
            .iter()
            .map(|e| {
                let src = e.source.as_ref().map(|s| format!(" [{}: {}]", s.source_id, s.locator)).unwrap_or_default();
                format!(
                    "{} = {}{}{src}",
                    e.name,
                    format_number(e.value),
                    e.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match format {
        Format::Json => print_json(d),
        Format::Csv => print_csv(
            &["rule", "category", "topic", "status", "sentence", "evidence"],
            d.findings.iter().map(|f| {
                vec![
                    f.rule.clone(),
                    f.category.clone(),
                    f.topic.clone(),
                    f.status.as_str().into(),
                    f.sentence.clone(),
                    evidence(f),
                ]
            }),
        ),
        Format::Table => {
            println!(
                "{} ({}) in {} ({}), {}: findings of the rules {} {}.",
                d.names[0], d.a, d.names[1], d.b, d.year, d.rules.name, d.rules.version
            );
            let mut t = table(&["Category", "Topic", "Status", "Finding", "Evidence"]);
            for f in &d.findings {
                t.add_row(vec![
                    f.category.clone(),
                    f.topic.clone(),
                    f.status.as_str().into(),
                    f.sentence.clone(),
                    evidence(f),
                ]);
            }
            println!("{t}");
            if d.judgements.is_empty() {
                println!("No source in the store makes a judgement about this pair.");
            } else {
                println!("Judgements of the sources, beside what the data says:");
                let mut t = table(&["Category", "Topic", "The source says", "Source", "Data"]);
                for j in &d.judgements {
                    let src = j
                        .sources
                        .iter()
                        .map(|s| format!("{} ({})", s.source_id, s.locator))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let rules =
                        j.findings.iter().map(|(r, s)| format!("{r}: {}", s.as_str())).collect::<Vec<_>>().join(", ");
                    let data = if rules.is_empty() {
                        "no_data (no rule on this topic)".to_string()
                    } else {
                        format!("{} ({rules})", j.data.as_str())
                    };
                    t.add_row(vec![j.category.clone(), j.topic.clone(), j.text.clone(), src, data]);
                }
                println!("{t}");
            }
            Ok(())
        }
    }
}
