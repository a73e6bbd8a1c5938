//! The views of the comparative method: a focus country's partners ranked on the index (the
//! comparison page and its JSON twin), and for a dyad A → B its index over the years, A set
//! beside reference partners of B, and the diagnosis — the optional parts of the dyad view
//! that the dyad page and the report show.
//!
//! The figures come from `entente_analytics::compare` and `::diagnose`; this module only
//! chooses what a page shows (which partners, which reference partners) and gathers it.

use entente_analytics::AnalyticsError;
use entente_analytics::compare::{
    CompareError, CompareOptions, Comparison, ConfigRef, DimensionInfo, Direction, Gathered, IndexAsk, IndexSeries,
    IndicatorInfo, PartnerResult, compare, index_series,
};
use entente_analytics::diagnose::{DiagnoseAsk, Diagnosis, FindingStatus, Rules, diagnose};
use entente_analytics::timeline::SourceRef;
use entente_cite::Style;
use entente_index::{Config, Scale};
use serde::Serialize;

/// The reference partners a paper set a country's partner beside: Kussainova & Kalibekova
/// (2021) compare France with South Korea in Kazakhstan.
const PAPER_REFERENCES: &[(&str, &[&str])] = &[("KAZ", &["KOR"])];

/// At most this many reference partners stand beside A.
pub const MAX_REFERENCES: usize = 3;

/// Years of a dyad's index shown by default: the latest year with data and the nine before.
pub const INDEX_YEARS: i32 = 10;

/// Keeps only the partners asked for, in rank order, then the first `top`. Ranks stay those
/// taken among every partner with data. Returns the asked partners that are not compared.
pub fn select(c: &mut Comparison, partners: &[String], top: Option<usize>) -> Vec<String> {
    let missing: Vec<String> =
        partners.iter().filter(|p| !c.partners.iter().any(|x| &x.partner == *p)).cloned().collect();
    if !partners.is_empty() {
        c.partners.retain(|p| partners.contains(&p.partner));
    }
    if let Some(n) = top {
        c.partners.truncate(n);
    }
    missing
}

/// A set beside reference partners of B: the part of B's comparison a dyad page and a report
/// show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Beside {
    /// A projects into B; ranks are among B's partners.
    pub a: String,
    pub b: String,
    pub year: i32,
    pub config: ConfigRef,
    pub normalisation: String,
    pub aggregation: String,
    /// What the scores are measured in: points (0–100) or z units.
    pub scale: Scale,
    /// The share of the index's weight a partner needs values for to be ranked.
    pub min_coverage: f64,
    pub draws: usize,
    pub seed: u64,
    /// Partners of B with data, and those ranked.
    pub universe: usize,
    pub ranked: usize,
    pub dimensions: Vec<DimensionInfo>,
    pub indicators: Vec<IndicatorInfo>,
    /// How the reference partners were chosen: `paper` (those a source compares A with) or
    /// `best_ranked`.
    pub references: &'static str,
    /// A first, then the reference partners.
    pub partners: Vec<PartnerResult>,
}

/// A beside up to [`MAX_REFERENCES`] partners of B's comparison: those the paper uses for B,
/// else the best-ranked ones. `None` when A is not among the partners compared.
pub fn beside(c: &Comparison, a: &str) -> Option<Beside> {
    let me = c.partners.iter().find(|p| p.partner == a)?.clone();
    let paper: Vec<&PartnerResult> = PAPER_REFERENCES
        .iter()
        .filter(|(focus, _)| *focus == c.focus)
        .flat_map(|(_, refs)| refs.iter())
        .filter(|r| **r != a)
        .filter_map(|r| c.partners.iter().find(|p| p.partner == *r))
        .collect();
    let (references, chosen): (&'static str, Vec<&PartnerResult>) = if paper.is_empty() {
        // Partners come best rank first.
        ("best_ranked", c.partners.iter().filter(|p| p.partner != a && p.rank.is_some()).take(MAX_REFERENCES).collect())
    } else {
        ("paper", paper.into_iter().take(MAX_REFERENCES).collect())
    };
    let mut partners = vec![me];
    partners.extend(chosen.into_iter().cloned());
    Some(Beside {
        a: a.to_string(),
        b: c.focus.clone(),
        year: c.year,
        config: c.config.clone(),
        normalisation: c.normalisation.as_str().to_string(),
        aggregation: c.aggregation.as_str().to_string(),
        scale: entente_index::scale(c.normalisation, c.aggregation),
        min_coverage: c.min_coverage,
        draws: c.draws,
        seed: c.seed,
        universe: c.universe,
        ranked: c.ranked,
        dimensions: c.dimensions.clone(),
        indicators: c.indicators.clone(),
        references,
        partners,
    })
}

/// What the comparative method says about A projecting into B; each part is `None` when
/// there is no data for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analyses {
    pub index: Option<IndexSeries>,
    pub comparison: Option<Beside>,
    pub diagnosis: Option<Diagnosis>,
}

/// The index of A in B over the [`INDEX_YEARS`] to B's latest year with data, A beside the
/// reference partners that year, and the diagnosis. `g` is gathered for B. Missing data
/// gives `None` parts, never an error.
pub fn analyse(
    store: &entente_store::Store,
    config: &Config,
    rules: &Rules,
    g: &Gathered,
    a: &str,
    lang: &str,
    style: Style,
) -> Result<Analyses, AnalyticsError> {
    let mut out = Analyses::default();
    if let Some(to) = g.default_year(config) {
        let from = to - (INDEX_YEARS - 1);
        let ask = IndexAsk { a, from, to, draws: None, seed: None, lang, style };
        out.index = no_data_is_none(index_series(store, config, g, &ask))?;
        let opts = CompareOptions {
            focus: g.focus().to_string(),
            direction: Direction::In,
            year: Some(to),
            draws: None,
            seed: None,
            lang: lang.to_string(),
            style,
        };
        out.comparison = no_data_is_none(compare(store, config, g, &opts))?.and_then(|c| beside(&c, a));
    }
    let d = diagnose(store, config, rules, g, &DiagnoseAsk { a, year: None, lang, style })?;
    out.diagnosis = has_data(&d).then_some(d);
    Ok(out)
}

fn no_data_is_none<T>(r: Result<T, CompareError>) -> Result<Option<T>, AnalyticsError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(CompareError::NoData(_)) => Ok(None),
        Err(CompareError::Analytics(e)) => Err(e),
    }
}

/// Whether a diagnosis says anything: a rule found its figures, or a source judged the pair.
pub fn has_data(d: &Diagnosis) -> bool {
    d.findings.iter().any(|f| f.status != FindingStatus::NoData) || !d.judgements.is_empty()
}

/// The categories of findings and judgements, in the order the paper discusses them.
pub const CATEGORIES: [&str; 4] = ["strength", "weakness", "barrier", "prospect"];

/// Every source the analyses cite (and the works those refer to), for a bibliography.
pub fn source_ids(a: &Analyses) -> Vec<String> {
    let mut refs: Vec<&SourceRef> = Vec::new();
    if let Some(c) = &a.comparison {
        refs.extend(c.partners.iter().flat_map(|p| p.evidence.values()).filter_map(|cell| cell.source.as_ref()));
    }
    if let Some(i) = &a.index {
        refs.extend(i.years.iter().flat_map(|y| y.result.evidence.values()).filter_map(|cell| cell.source.as_ref()));
    }
    if let Some(d) = &a.diagnosis {
        refs.extend(d.findings.iter().flat_map(|f| &f.evidence).filter_map(|e| e.source.as_ref()));
        refs.extend(d.judgements.iter().flat_map(|j| &j.sources));
    }
    let mut ids: Vec<String> = Vec::new();
    for s in refs {
        for id in std::iter::once(&s.source_id).chain(s.reference.as_ref()) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

/// What the comparison page was asked, beyond the focus and the direction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Asked {
    pub year: Option<i32>,
    pub partners: Vec<String>,
    pub top: Option<usize>,
}

/// The comparison page's data: the comparison, which is its JSON twin, and what was asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompareView {
    #[serde(flatten)]
    pub comparison: Comparison,
    /// Partners asked for that are not compared (they have no data that year).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_compared: Vec<String>,
    #[serde(skip)]
    pub lang: String,
    #[serde(skip)]
    pub asked: Asked,
}

impl CompareView {
    /// The view of `comparison` showing what `asked` chooses.
    pub fn new(mut comparison: Comparison, lang: &str, asked: Asked) -> CompareView {
        let not_compared = select(&mut comparison, &asked.partners, asked.top);
        CompareView { comparison, not_compared, lang: lang.to_string(), asked }
    }
}

/// The address of the dyad page of a partner in a comparison: partner → focus for `in`.
pub fn dyad_href(direction: Direction, focus: &str, partner: &str) -> String {
    match direction {
        Direction::In => format!("/dyad/{partner}/{focus}"),
        Direction::Out => format!("/dyad/{focus}/{partner}"),
    }
}

/// A score as shown: z units keep two decimals, points one.
pub fn score_text(v: Option<f64>, scale: Scale) -> String {
    match v {
        Some(v) if scale == Scale::ZUnits => format!("{v:.2}"),
        Some(v) => format!("{v:.1}"),
        None => "–".into(),
    }
}

/// A raw value as shown: at most two decimals.
pub fn value_text(v: f64) -> String {
    entente_model::record::format_number((v * 100.0).round() / 100.0)
}

/// A rank interval as shown, `2–5`, or `–`.
pub fn interval_text(p: &PartnerResult) -> String {
    match (p.rank_p05, p.rank_p95) {
        (Some(lo), Some(hi)) => format!("{}–{}", value_text(lo), value_text(hi)),
        _ => "–".into(),
    }
}

/// The rows of a rank chart for partners with a rank interval.
pub fn rank_rows(
    partners: &[PartnerResult],
    of: usize,
    href: impl Fn(&PartnerResult) -> Option<String>,
    highlight: &str,
) -> Vec<crate::svg::RankRow> {
    partners
        .iter()
        .filter_map(|p| {
            Some(crate::svg::RankRow {
                label: p.name.clone(),
                href: href(p),
                rank: p.rank,
                median: p.rank_median?,
                p05: p.rank_p05?,
                p95: p.rank_p95?,
                of,
                highlight: p.partner == highlight,
            })
        })
        .collect()
}
