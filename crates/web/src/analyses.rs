//! The comparative method as the pages and the API ask for it: a focus country's partners
//! compared, a dyad's index over the years and its diagnosis. Each is computed once per
//! store generation (`AppState::memo`), on a blocking thread, from the records gathered for
//! the receiving country, which are themselves kept the same way.

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::sync::Arc;

use entente_analytics::compare::{
    CompareError, CompareOptions, Comparison, Direction, Gathered, IndexAsk, IndexSeries, compare, index_series,
};
use entente_analytics::diagnose::{DiagnoseAsk, Diagnosis, Rules, diagnose};
use entente_cite::Style;
use entente_index::Config;
use entente_model::Dyad;
use entente_report::compare::{Analyses, analyse, has_data};
use entente_store::Store;

use crate::AppState;
use crate::api::{country, param};
use crate::error::ApiError;

/// Monte Carlo draws a request may ask for: enough for percentiles, few enough to answer in
/// seconds.
pub(crate) const DRAWS: RangeInclusive<usize> = 1..=20_000;
/// Seeds a request may give: integers JSON and JavaScript hold exactly (below 2^53).
pub(crate) const SEEDS: RangeInclusive<u64> = 0..=9_007_199_254_740_991;
/// Years a request may name.
pub(crate) const YEARS: RangeInclusive<i32> = 1800..=2200;
/// Partners a comparison may show at most.
pub(crate) const TOP: RangeInclusive<usize> = 1..=500;
/// The most years one index series may span.
pub(crate) const INDEX_SPAN: i32 = 50;

/// `key` as a number within `range`; anything else is a bad parameter naming the key and the
/// range.
pub(crate) fn bounded<T>(q: &[(String, String)], key: &str, range: RangeInclusive<T>) -> Result<Option<T>, ApiError>
where
    T: FromStr + PartialOrd + std::fmt::Display,
{
    let Some(v) = param(q, key).map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let bad = || {
        ApiError::bad_request(
            "bad_parameter",
            format!("{key} \"{v}\" is not a whole number from {} to {}", range.start(), range.end()),
        )
    };
    let n: T = v.parse().map_err(|_| bad())?;
    if range.contains(&n) { Ok(Some(n)) } else { Err(bad()) }
}

/// What a comparison was asked: the page's and the API's query parameters.
#[derive(Debug, Clone)]
pub(crate) struct CompareParams {
    pub focus: String,
    pub direction: Direction,
    pub year: Option<i32>,
    pub partners: Vec<String>,
    pub top: Option<usize>,
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub lang: &'static str,
}

impl CompareParams {
    pub(crate) fn parse(focus: &str, q: &[(String, String)]) -> Result<CompareParams, ApiError> {
        let direction = match param(q, "direction").map(str::trim).unwrap_or("in") {
            "" => Direction::In,
            d => Direction::parse(d)
                .ok_or_else(|| ApiError::bad_request("bad_parameter", format!("direction \"{d}\" is not in or out")))?,
        };
        let mut partners = Vec::new();
        for name in crate::api::list(q, "partners") {
            let code = country(&name)?;
            if !partners.contains(&code) {
                partners.push(code);
            }
        }
        Ok(CompareParams {
            focus: country(focus)?,
            direction,
            year: bounded(q, "year", YEARS)?,
            partners,
            top: bounded(q, "top", TOP)?,
            draws: bounded(q, "draws", DRAWS)?,
            seed: bounded(q, "seed", SEEDS)?,
            lang: crate::api::lang(q)?,
        })
    }
}

fn no_data(e: CompareError) -> ApiError {
    match e {
        CompareError::NoData(m) => ApiError::not_found("no_data", m),
        CompareError::Analytics(e) => e.into(),
    }
}

/// The records of `focus` every comparison and diagnosis reads, with its GDELT counts.
pub(crate) async fn gathered(state: &Arc<AppState>, focus: &str) -> Result<Arc<Gathered>, ApiError> {
    let focus = focus.to_string();
    let st = Arc::clone(state);
    state
        .memo(format!("gathered|{focus}"), || async move {
            let gdelt = st
                .query_lake(|engine| {
                    let focus = focus.clone();
                    async move { engine.gdelt_counts(&focus).await }
                })
                .await?;
            let config = Arc::clone(&st.config);
            st.with_store(move |s| Ok(Gathered::read(s, &config, &focus, gdelt)?)).await
        })
        .await
}

/// Every partner of the focus compared (ranks among all of them); the caller chooses the rows.
pub(crate) async fn comparison(state: &Arc<AppState>, p: &CompareParams) -> Result<Arc<Comparison>, ApiError> {
    let key = format!("compare|{}|{:?}|{:?}|{:?}|{:?}|{}", p.focus, p.direction, p.year, p.draws, p.seed, p.lang);
    let opts = CompareOptions {
        focus: p.focus.clone(),
        direction: p.direction,
        year: p.year,
        draws: p.draws,
        seed: p.seed,
        lang: p.lang.to_string(),
        style: Style::Gost,
    };
    let focus = opts.focus.clone();
    memo_study(state, key, &focus, move |s, config, _, g| compare(s, config, g, &opts).map_err(no_data)).await
}

/// Memoises `work` under `key`: it runs on a store connection with the focus country's
/// gathered figures and the server's index configuration and diagnostic rules.
async fn memo_study<T, F>(state: &Arc<AppState>, key: String, focus: &str, work: F) -> Result<Arc<T>, ApiError>
where
    T: std::any::Any + Send + Sync,
    F: FnOnce(&Store, &Config, &Rules, &Gathered) -> Result<T, ApiError> + Send + 'static,
{
    let st = Arc::clone(state);
    let focus = focus.to_string();
    state
        .memo(key, || async move {
            let g = gathered(&st, &focus).await?;
            let (config, rules) = (Arc::clone(&st.config), Arc::clone(&st.rules));
            st.with_store(move |s| work(s, &config, &rules, &g)).await
        })
        .await
}

/// The dyad page's analyses of A in B; parts without data are `None`.
pub(crate) async fn dyad_analyses(
    state: &Arc<AppState>,
    dyad: &Dyad,
    lang: &'static str,
    style: Style,
) -> Result<Arc<Analyses>, ApiError> {
    let key = format!("analyses|{}|{}|{lang}|{}", dyad.a, dyad.b, style.as_str());
    let a = dyad.a.clone();
    memo_study(state, key, &dyad.b, move |s, config, rules, g| Ok(analyse(s, config, rules, g, &a, lang, style)?)).await
}

/// What the index route was asked.
#[derive(Debug, Clone)]
pub(crate) struct IndexParams {
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub lang: &'static str,
}

impl IndexParams {
    pub(crate) fn parse(q: &[(String, String)]) -> Result<IndexParams, ApiError> {
        let (from, to) = (bounded(q, "from", YEARS)?, bounded(q, "to", YEARS)?);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(ApiError::bad_request("bad_parameter", format!("from {f} is after to {t}")));
            }
            if t - f >= INDEX_SPAN {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("from {f} to {t} spans more than {INDEX_SPAN} years"),
                ));
            }
        }
        Ok(IndexParams {
            from,
            to,
            draws: bounded(q, "draws", DRAWS)?,
            seed: bounded(q, "seed", SEEDS)?,
            lang: crate::api::lang(q)?,
        })
    }
}

/// The index of A in B from `from` (default: nine years before `to`) to `to` (default: B's
/// latest year with data).
pub(crate) async fn index(state: &Arc<AppState>, dyad: &Dyad, p: &IndexParams) -> Result<Arc<IndexSeries>, ApiError> {
    let key = format!("index|{}|{}|{:?}|{:?}|{:?}|{:?}|{}", dyad.a, dyad.b, p.from, p.to, p.draws, p.seed, p.lang);
    let (dyad, p) = (dyad.clone(), p.clone());
    let focus = dyad.b.clone();
    memo_study(state, key, &focus, move |s, config, _, g| {
        let to = match p.to.or_else(|| g.default_year(config)) {
            Some(y) => y,
            None => {
                return Err(ApiError::not_found(
                    "no_data",
                    format!("no data for {} in the store under the index configuration \"{}\"", dyad.b, config.name),
                ));
            }
        };
        let from = p.from.unwrap_or(to - (entente_report::compare::INDEX_YEARS - 1));
        if from > to || to - from >= INDEX_SPAN {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("from {from} to {to} is not a span of 1 to {INDEX_SPAN} years"),
            ));
        }
        let ask = IndexAsk { a: &dyad.a, from, to, draws: p.draws, seed: p.seed, lang: p.lang, style: Style::Gost };
        index_series(s, config, g, &ask).map_err(no_data)
    })
    .await
}

/// The diagnosis of A in B in `year` (default: the comparison's year); 404 `no_data` when
/// neither a rule nor a source has anything to say.
pub(crate) async fn diagnosis(
    state: &Arc<AppState>,
    dyad: &Dyad,
    year: Option<i32>,
    lang: &'static str,
    style: Style,
) -> Result<Arc<Diagnosis>, ApiError> {
    let key = format!("diagnose|{}|{}|{year:?}|{lang}|{}", dyad.a, dyad.b, style.as_str());
    let dyad = dyad.clone();
    let focus = dyad.b.clone();
    memo_study(state, key, &focus, move |s, config, rules, g| {
        let d = diagnose(s, config, rules, g, &DiagnoseAsk { a: &dyad.a, year, lang, style })?;
        if has_data(&d) {
            Ok(d)
        } else {
            Err(ApiError::not_found(
                "no_data",
                format!(
                    "no data for {} → {}{}: no rule finds its figures and no source judges the pair",
                    dyad.a,
                    dyad.b,
                    year.map(|y| format!(" in {y}")).unwrap_or_default()
                ),
            ))
        }
    })
    .await
}
