//! The paper's comparative method for any country: a focus country's partners set side by
//! side on the indicators of an index configuration, with the bilateral cooperation index,
//! its rank, and the rank's interval under Monte Carlo uncertainty.
//!
//! This module gathers the raw value of every indicator for every directed dyad (partner →
//! focus, or focus → partner) from the store (observations, curated events) and from GDELT
//! when the store has parts; the index math itself is `entente_index`, which does no I/O.
//! Every value keeps the records it was computed from, so every figure traces to its source.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use entente_cite::Style;
use entente_index::{
    Absent, Config, EventCount, EventDirection, EventsMeasure, GdeltMeasure, IndicatorSpec, Matrix, Measure,
    ObservationMeasure, Side, Time,
};
use entente_model::dyad::Direction as EventDir;
use entente_model::indicator::{Shape, lookup};
use entente_model::record::{Event, Origin};
use entente_model::{CountryTable, Dyad};
use entente_store::{Party, Store, StoredObservation};
use serde::Serialize;

use crate::AnalyticsError;
use crate::indicators::Sources;
use crate::timeline::SourceRef;

/// An indicator that fewer partners than this have an observed value of is left out of a
/// comparison: min-max or z-score over one or two values says nothing about where a partner
/// stands.
pub const MIN_UNITS: usize = 3;

/// Which way the dyads of a comparison point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CompareDirection))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Each partner projecting into the focus country (partner → focus): who is present in
    /// the focus country. The paper's view of France in Kazakhstan.
    In,
    /// The focus country projecting into each partner (focus → partner).
    Out,
}

impl Direction {
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "in" => Some(Direction::In),
            "out" => Some(Direction::Out),
            _ => None,
        }
    }

    /// The directed dyad (A projects into B) between the focus and a partner.
    pub fn dyad(self, focus: &str, partner: &str) -> Dyad {
        match self {
            Direction::In => Dyad::new(partner, focus),
            Direction::Out => Dyad::new(focus, partner),
        }
    }
}

/// GDELT events between the focus and every counterpart, by year and QuadClass.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GdeltCounts {
    /// Years in which GDELT has any event of the focus country.
    pub years: BTreeSet<i32>,
    /// (actor1 country, actor2 country, year) → events per QuadClass.
    pub counts: HashMap<(String, String, i32), BTreeMap<u8, i64>>,
}

/// How a value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    /// Read or counted from records.
    Observed,
    /// No record, but the source reports on these countries, so the configuration's
    /// `absent = "zero_if_covered"` rule reads the absence as zero.
    ZeroByRule,
    /// No data: left out of the partner's score, never a silent zero.
    Missing,
    /// The partner has a value but the indicator was left out of the comparison.
    Excluded,
}

/// One partner's value of one indicator, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = IndexCell))]
pub struct Cell {
    pub value: Option<f64>,
    pub status: ValueStatus,
    /// The years the value covers (`2019`, `2010–2019`, `≤ 2019`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// Ids of the observations or events the value was computed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

impl Cell {
    fn missing() -> Cell {
        Cell {
            value: None,
            status: ValueStatus::Missing,
            period: None,
            dataset: None,
            records: Vec::new(),
            source: None,
        }
    }
}

/// The configuration a result was computed with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfigRef {
    pub name: String,
    pub version: String,
    pub sha256: String,
    pub file: String,
}

impl ConfigRef {
    pub fn of(config: &Config) -> ConfigRef {
        ConfigRef {
            name: config.name.clone(),
            version: config.version.clone(),
            sha256: config.sha256.clone(),
            file: config.file.clone(),
        }
    }
}

/// An indicator of the configuration as used in one comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorInfo {
    pub key: String,
    pub label: String,
    pub dimension: String,
    /// Its share of the index (dimension weight × weight within the dimension).
    pub weight: f64,
    /// How many partners have a value (observed or zero by rule).
    pub units: usize,
    /// How many of those values were observed rather than made zero by the rule.
    pub observed: usize,
    /// Why it was left out of this comparison, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<String>,
}

/// A dimension of the configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionInfo {
    pub key: String,
    pub label: String,
    pub weight: f64,
}

/// One partner's place in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerResult {
    /// ISO alpha-3.
    pub partner: String,
    pub name: String,
    /// The index under the configuration's own choices; none when coverage is too low.
    pub score: Option<f64>,
    pub rank: Option<usize>,
    pub rank_median: Option<f64>,
    pub rank_p05: Option<f64>,
    pub rank_p95: Option<f64>,
    pub score_p05: Option<f64>,
    pub score_p95: Option<f64>,
    /// Share of the index's weight that rests on values (0–1).
    pub coverage: f64,
    /// Raw value per indicator key (null: missing).
    pub indicators: BTreeMap<String, Option<f64>>,
    /// Score per dimension key on the index's scale.
    pub dimensions: BTreeMap<String, Option<f64>>,
    /// Where each value comes from.
    pub evidence: BTreeMap<String, Cell>,
}

/// A focus country's partners compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub focus: String,
    pub focus_name: String,
    pub year: i32,
    pub direction: Direction,
    pub config: ConfigRef,
    pub normalisation: entente_index::Normalisation,
    pub aggregation: entente_index::Aggregation,
    pub min_coverage: f64,
    pub draws: usize,
    pub seed: u64,
    /// Partners with at least one value: the set every rank is taken in.
    pub universe: usize,
    /// Partners that have a score and a rank.
    pub ranked: usize,
    pub dimensions: Vec<DimensionInfo>,
    pub indicators: Vec<IndicatorInfo>,
    /// Best rank first; unranked partners last.
    pub partners: Vec<PartnerResult>,
    /// Which indicators move the ranking most, most influential first.
    pub sensitivity: Vec<entente_index::Sensitivity>,
    /// Share of the ranking's variation due to the choice of normalisation (η²).
    pub normalisation_effect: f64,
    /// Share due to the choice of aggregation (η²).
    pub aggregation_effect: f64,
}

/// What to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// ISO alpha-3 of the focus country.
    pub focus: String,
    pub direction: Direction,
    /// The year; by default the latest year the focus has a value of the configuration's
    /// first observation indicator.
    pub year: Option<i32>,
    /// Monte Carlo draws; by default the configuration's.
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub lang: String,
    pub style: Style,
}

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error(transparent)]
    Analytics(#[from] AnalyticsError),
    #[error("{0}")]
    NoData(String),
}

impl From<entente_store::StoreError> for CompareError {
    fn from(e: entente_store::StoreError) -> Self {
        CompareError::Analytics(AnalyticsError::Store(e))
    }
}

/// The raw material of a comparison, read once from the store for one focus country.
pub struct Gathered {
    focus: String,
    observations: HashMap<String, Vec<StoredObservation>>,
    parties: HashMap<String, Vec<Party>>,
    events: Vec<Event>,
    gdelt: Option<GdeltCounts>,
}

impl Gathered {
    /// Reads every observation and event that involves `focus` for the indicators of `config`.
    pub fn read(
        store: &Store,
        config: &Config,
        focus: &str,
        gdelt: Option<GdeltCounts>,
    ) -> Result<Gathered, AnalyticsError> {
        let mut observations = HashMap::new();
        let mut parties = HashMap::new();
        for (_, spec) in config.indicators() {
            if let Measure::Observation(m) = &spec.measure
                && !observations.contains_key(&m.indicator)
            {
                observations.insert(m.indicator.clone(), store.observations_involving(&m.indicator, focus)?);
                if spec.absent == Absent::ZeroIfCovered {
                    parties.insert(m.indicator.clone(), store.observation_parties(&m.indicator)?);
                }
            }
        }
        // Coded events wait for review; context events (the Alliance Française founded in
        // 1883, in an account of French–Kazakh cooperation) are not bilateral events.
        let events = store
            .events_involving(focus)?
            .into_iter()
            .filter(|e| !matches!(e.origin, Origin::Coded { .. }) && !e.context)
            .collect();
        Ok(Gathered { focus: focus.to_string(), observations, parties, events, gdelt })
    }

    /// The focus country (ISO alpha-3).
    pub fn focus(&self) -> &str {
        &self.focus
    }

    /// Every country that shares any record with the focus.
    fn candidates(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for list in self.observations.values() {
            for o in list {
                for c in [&o.observation.from, &o.observation.to].into_iter().flatten() {
                    out.insert(c.clone());
                }
            }
        }
        for e in &self.events {
            for c in e.involved_countries() {
                out.insert(c.to_string());
            }
        }
        if let Some(g) = &self.gdelt {
            for (a, b, _) in g.counts.keys() {
                out.insert(a.clone());
                out.insert(b.clone());
            }
        }
        out.remove(&self.focus);
        // Only real countries: GDELT and datasets may carry regional codes.
        out.retain(|c| CountryTable::bundled().by_alpha3(c).is_some());
        out
    }

    /// The default year: the latest in which the focus has at least half as many values of
    /// the configuration's first observation indicator as in its best-covered year, so that a
    /// year a source has only begun to publish (a handful of rows) is not chosen.
    pub fn default_year(&self, config: &Config) -> Option<i32> {
        let (list, datasets) = config.indicators().into_iter().find_map(|(_, spec)| match &spec.measure {
            Measure::Observation(m) => Some((self.observations.get(&m.indicator)?, m.datasets.clone())),
            _ => None,
        })?;
        let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
        for o in list.iter().filter(|o| datasets.is_empty() || datasets.contains(&o.dataset)) {
            *per_year.entry(o.observation.period.start_year()).or_default() += 1;
        }
        let best = per_year.values().copied().max()?;
        per_year.into_iter().rev().find(|(_, n)| 2 * n >= best).map(|(y, _)| y)
    }
}

/// The years a time rule takes in, for year `y`.
fn years(time: Time, y: i32) -> (i32, i32) {
    match time {
        Time::Latest { max_age } => (y.saturating_sub(max_age as i32), y),
        Time::Cumulative => (i32::MIN, y),
        Time::Window { years } => (y.saturating_sub(years.max(1) as i32 - 1), y),
        Time::Snapshot => (i32::MIN, i32::MAX),
    }
}

fn period_label(time: Time, y: i32) -> String {
    match years(time, y) {
        (i32::MIN, i32::MAX) => "snapshot".to_string(),
        (i32::MIN, to) => format!("≤ {to}"),
        (from, to) if from == to => to.to_string(),
        (from, to) => format!("{from}–{to}"),
    }
}

/// One indicator's value for one directed dyad.
fn value(
    g: &Gathered,
    spec: &IndicatorSpec,
    dyad: &Dyad,
    year: i32,
    sources: &mut Sources<'_>,
) -> Result<Cell, AnalyticsError> {
    match &spec.measure {
        Measure::Observation(m) => observation_value(g, spec, m, dyad, year, sources),
        Measure::Events(m) => Ok(events_value(g, spec, m, dyad, year)),
        Measure::Gdelt(m) => Ok(gdelt_value(g, spec, m, dyad, year)),
    }
}

fn side(dyad: &Dyad, s: Side) -> &str {
    match s {
        Side::A => &dyad.a,
        Side::B => &dyad.b,
    }
}

fn observation_value(
    g: &Gathered,
    spec: &IndicatorSpec,
    m: &ObservationMeasure,
    dyad: &Dyad,
    year: i32,
    sources: &mut Sources<'_>,
) -> Result<Cell, AnalyticsError> {
    let (from, to) = (side(dyad, m.from), side(dyad, m.to));
    let undirected = lookup(&m.indicator).is_some_and(|d| d.shape == Shape::Undirected);
    let matches = |o: &StoredObservation| {
        let (f, t) = (o.observation.from.as_deref(), o.observation.to.as_deref());
        if undirected {
            (f == Some(from) && t == Some(to)) || (f == Some(to) && t == Some(from))
        } else {
            f == Some(from) && t == Some(to)
        }
    };
    let eligible = |dataset: &str| m.datasets.is_empty() || m.datasets.iter().any(|d| d == dataset);
    let all = g.observations.get(&m.indicator).map(Vec::as_slice).unwrap_or(&[]);
    let mine: Vec<&StoredObservation> = all.iter().filter(|o| matches(o) && eligible(&o.dataset)).collect();
    // Datasets in the configuration's order of preference, else by name.
    let mut datasets: Vec<&str> = mine.iter().map(|o| o.dataset.as_str()).collect();
    datasets.sort_by_key(|d| (m.datasets.iter().position(|x| x == d).unwrap_or(usize::MAX), d.to_string()));
    datasets.dedup();
    let (lo, hi) = years(spec.time, year);
    for dataset in datasets {
        let within: Vec<&StoredObservation> = mine
            .iter()
            .copied()
            .filter(|o| o.dataset == dataset)
            .filter(|o| (lo..=hi).contains(&o.observation.period.start_year()))
            .collect();
        if within.is_empty() {
            continue;
        }
        let (value, used, period) = match spec.time {
            Time::Latest { .. } | Time::Snapshot => {
                // The most recent period wins; a calendar year over an academic one of the same start.
                let Some(latest) = within
                    .iter()
                    .max_by_key(|o| (o.observation.period.start_year(), !o.observation.period.is_academic()))
                else {
                    continue;
                };
                (latest.observation.value, vec![*latest], latest.observation.period.to_string())
            }
            Time::Cumulative | Time::Window { .. } => {
                (within.iter().map(|o| o.observation.value).sum(), within.clone(), period_label(spec.time, year))
            }
        };
        let source = match used.first() {
            Some(o) => Some(sources.cite(o)?),
            None => None,
        };
        return Ok(Cell {
            value: Some(value),
            status: ValueStatus::Observed,
            period: Some(period),
            dataset: Some(dataset.to_string()),
            records: used.iter().map(|o| o.observation.id.clone()).collect(),
            source,
        });
    }
    if spec.absent == Absent::ZeroIfCovered {
        let parties = g.parties.get(&m.indicator).map(Vec::as_slice).unwrap_or(&[]);
        let reports = |country: &str| {
            parties.iter().find(|p| {
                eligible(&p.dataset)
                    && if undirected {
                        p.from.as_deref() == Some(country) || p.to.as_deref() == Some(country)
                    } else {
                        p.from.as_deref() == Some(country)
                    }
            })
        };
        // A directed source covers a sender it reports anywhere; an undirected one, a pair of
        // countries it lists both of.
        let covered = if undirected { reports(from).and(reports(to)) } else { reports(from) };
        if let Some(p) = covered {
            return Ok(Cell {
                value: Some(0.0),
                status: ValueStatus::ZeroByRule,
                period: Some(period_label(spec.time, year)),
                dataset: Some(p.dataset.clone()),
                records: Vec::new(),
                source: None,
            });
        }
    }
    Ok(Cell::missing())
}

fn events_value(g: &Gathered, spec: &IndicatorSpec, m: &EventsMeasure, dyad: &Dyad, year: i32) -> Cell {
    let (lo, hi) = years(spec.time, year);
    let pair: Vec<&Event> = g.events.iter().filter(|e| dyad.involves(e)).collect();
    let chosen: Vec<&Event> = pair
        .iter()
        .copied()
        .filter(|e| (lo..=hi).contains(&e.date.year))
        .filter(|e| m.kinds.is_empty() || m.kinds.contains(&e.kind))
        .filter(|e| !m.exclude_kinds.contains(&e.kind))
        .filter(|e| m.domains.is_empty() || e.domains.iter().any(|d| m.domains.contains(d)))
        .filter(|e| match m.direction {
            EventDirection::AToB => matches!(dyad.direction(e), EventDir::AToB | EventDir::Mutual),
            EventDirection::Either => true,
        })
        .collect();
    let period = Some(period_label(spec.time, year));
    if chosen.is_empty() {
        // Curated records cover a pair once anyone has recorded any event between them.
        if spec.absent == Absent::ZeroIfCovered && !pair.is_empty() {
            return Cell {
                value: Some(0.0),
                status: ValueStatus::ZeroByRule,
                period,
                dataset: None,
                records: Vec::new(),
                source: None,
            };
        }
        return Cell::missing();
    }
    let value = match m.count {
        EventCount::Events => chosen.len() as f64,
        EventCount::Domains => chosen.iter().flat_map(|e| e.domains.iter()).collect::<BTreeSet<_>>().len() as f64,
    };
    Cell {
        value: Some(value),
        status: ValueStatus::Observed,
        period,
        dataset: None,
        records: chosen.iter().map(|e| e.id.clone()).collect(),
        source: None,
    }
}

fn gdelt_value(g: &Gathered, spec: &IndicatorSpec, m: &GdeltMeasure, dyad: &Dyad, year: i32) -> Cell {
    let Some(gdelt) = &g.gdelt else { return Cell::missing() };
    let (lo, hi) = years(spec.time, year);
    if !gdelt.years.iter().any(|y| (lo..=hi).contains(y)) {
        return Cell::missing();
    }
    let mut pairs = vec![(dyad.a.clone(), dyad.b.clone())];
    if m.direction == EventDirection::Either {
        pairs.push((dyad.b.clone(), dyad.a.clone()));
    }
    let mut total = 0i64;
    for (a, b) in pairs {
        for y in gdelt.years.iter().filter(|y| (lo..=hi).contains(*y)) {
            if let Some(by_quad) = gdelt.counts.get(&(a.clone(), b.clone(), *y)) {
                total += by_quad.iter().filter(|(q, _)| m.quad_classes.contains(q)).map(|(_, n)| n).sum::<i64>();
            }
        }
    }
    // The store has GDELT for these years, so no event is a real zero.
    Cell {
        value: Some(total as f64),
        status: if total > 0 { ValueStatus::Observed } else { ValueStatus::ZeroByRule },
        period: Some(period_label(spec.time, year)),
        dataset: Some("gdelt".into()),
        records: Vec::new(),
        source: None,
    }
}

/// The cells of every candidate partner for `year`, and the matrix the index takes.
fn table(
    store: &Store,
    g: &Gathered,
    config: &Config,
    direction: Direction,
    year: i32,
    style: Style,
) -> Result<(Vec<String>, Vec<Vec<Cell>>), AnalyticsError> {
    let specs = config.indicators();
    let mut sources = Sources::new(store, style);
    let mut units = Vec::new();
    let mut cells = Vec::new();
    for partner in g.candidates() {
        let dyad = direction.dyad(&g.focus, &partner);
        let row: Vec<Cell> =
            specs.iter().map(|(_, spec)| value(g, spec, &dyad, year, &mut sources)).collect::<Result<_, _>>()?;
        // A partner with nothing but rule-made zeros, or with only undated snapshots, has
        // nothing that places it in this year.
        let placed =
            row.iter().zip(&specs).any(|(c, (_, s))| c.status == ValueStatus::Observed && s.time != Time::Snapshot);
        if placed {
            units.push(partner);
            cells.push(row);
        }
    }
    Ok((units, cells))
}

/// Leaves out the indicators too few partners have, and says why.
fn screen(config: &Config, cells: &mut [Vec<Cell>], lang: &str) -> Vec<IndicatorInfo> {
    let weights = config.flat_weights();
    config
        .indicators()
        .iter()
        .enumerate()
        .map(|(i, (dim, spec))| {
            let units = cells.iter().filter(|row| row[i].value.is_some()).count();
            // Zeros made by the absent-value rule say nothing on their own: a column of them
            // would only shift every partner alike.
            let observed = cells.iter().filter(|row| row[i].status == ValueStatus::Observed).count();
            let excluded = (observed < MIN_UNITS).then(|| {
                for row in cells.iter_mut() {
                    if row[i].value.is_some() {
                        row[i].status = ValueStatus::Excluded;
                    }
                }
                format!(
                    "only {observed} partner(s) have an observed value; an indicator needs {MIN_UNITS} to be compared"
                )
            });
            IndicatorInfo {
                key: spec.key.clone(),
                label: spec.label_in(lang).to_string(),
                dimension: dim.key.clone(),
                weight: weights.get(i).copied().unwrap_or(0.0),
                units,
                observed,
                excluded,
            }
        })
        .collect()
}

/// Compares the partners of `opts.focus` under `config`.
pub fn compare(
    store: &Store,
    config: &Config,
    g: &Gathered,
    opts: &CompareOptions,
) -> Result<Comparison, CompareError> {
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, &opts.lang);
    let year = match opts.year.or_else(|| g.default_year(config)) {
        Some(y) => y,
        None => {
            return Err(CompareError::NoData(format!(
                "no data for {} ({}): no dataset in the store has any indicator of the configuration \"{}\" involving it; import data with `entente import indicators <files>`",
                name(&opts.focus),
                opts.focus,
                config.name
            )));
        }
    };
    let (units, mut cells) = table(store, g, config, opts.direction, year, opts.style)?;
    if units.is_empty() {
        return Err(CompareError::NoData(format!(
            "no partner of {} ({}) has any indicator of the configuration \"{}\" in {year}",
            name(&opts.focus),
            opts.focus,
            config.name
        )));
    }
    let indicators = screen(config, &mut cells, &opts.lang);
    let matrix = Matrix {
        units: units.clone(),
        values: cells
            .iter()
            .map(|row| row.iter().map(|c| if c.status == ValueStatus::Excluded { None } else { c.value }).collect())
            .collect(),
    };
    let draws = opts.draws.unwrap_or(config.uncertainty.draws);
    let seed = opts.seed.unwrap_or(config.uncertainty.seed);
    let nominal = entente_index::evaluate(config, &matrix);
    let mc = entente_index::monte_carlo(config, &matrix, draws, seed);
    let specs = config.indicators();
    let mut partners: Vec<PartnerResult> = units
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let r = &nominal.units[i];
            let u = mc.units.get(i);
            PartnerResult {
                partner: code.clone(),
                name: name(code),
                score: r.score,
                rank: r.rank,
                rank_median: u.and_then(|u| u.rank_median),
                rank_p05: u.and_then(|u| u.rank_p05),
                rank_p95: u.and_then(|u| u.rank_p95),
                score_p05: u.and_then(|u| u.score_p05),
                score_p95: u.and_then(|u| u.score_p95),
                coverage: r.coverage,
                indicators: specs.iter().zip(&matrix.values[i]).map(|((_, s), v)| (s.key.clone(), *v)).collect(),
                dimensions: config.dimensions.iter().zip(&r.dimensions).map(|(d, v)| (d.key.clone(), *v)).collect(),
                evidence: specs.iter().zip(&cells[i]).map(|((_, s), c)| (s.key.clone(), c.clone())).collect(),
            }
        })
        .collect();
    partners.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, std::cmp::Reverse(ordered(a.coverage)), &a.partner).cmp(&(
            b.rank.is_none(),
            b.rank,
            std::cmp::Reverse(ordered(b.coverage)),
            &b.partner,
        ))
    });
    let total: f64 = config.dimensions.iter().map(|d| d.weight).sum();
    // Indicators left out carry no values, so their sensitivity is noise.
    let sensitivity = mc
        .sensitivity
        .into_iter()
        .filter(|s| indicators.iter().any(|i| i.key == s.indicator && i.excluded.is_none()))
        .collect();
    Ok(Comparison {
        focus: opts.focus.clone(),
        focus_name: name(&opts.focus),
        year,
        direction: opts.direction,
        config: ConfigRef::of(config),
        normalisation: config.normalisation,
        aggregation: config.aggregation,
        min_coverage: config.min_coverage,
        draws,
        seed,
        universe: units.len(),
        ranked: partners.iter().filter(|p| p.rank.is_some()).count(),
        dimensions: config
            .dimensions
            .iter()
            .map(|d| DimensionInfo {
                key: d.key.clone(),
                label: d.label_in(&opts.lang).to_string(),
                weight: if total > 0.0 { d.weight / total } else { 0.0 },
            })
            .collect(),
        indicators,
        partners,
        sensitivity,
        normalisation_effect: mc.normalisation_effect,
        aggregation_effect: mc.aggregation_effect,
    })
}

/// A float as a sortable integer (coverage is in 0..=1).
fn ordered(x: f64) -> i64 {
    (x * 1e9).round() as i64
}

/// One year of a dyad's index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexYear {
    pub year: i32,
    /// How many partners of B the dyad was ranked among.
    pub universe: usize,
    pub ranked: usize,
    #[serde(flatten)]
    pub result: PartnerResult,
}

/// A directed dyad's index over the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexSeries {
    /// A projects into B.
    pub a: String,
    pub b: String,
    pub names: [String; 2],
    pub config: ConfigRef,
    pub draws: usize,
    pub seed: u64,
    pub years: Vec<IndexYear>,
    /// Years in the range where A had no value at all among B's partners.
    pub no_data: Vec<i32>,
}

/// What `index_series` computes: the index of `a` in the gathered focus country, for each
/// year from `from` to `to`.
#[derive(Debug, Clone, Copy)]
pub struct IndexAsk<'a> {
    pub a: &'a str,
    pub from: i32,
    pub to: i32,
    /// Monte Carlo draws; by default the configuration's.
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    pub lang: &'a str,
    pub style: Style,
}

/// The index of A projecting into B for each year from `from` to `to`: each year, A is
/// scored among all of B's partners, as `compare B --direction in` would.
pub fn index_series(
    store: &Store,
    config: &Config,
    g: &Gathered,
    ask: &IndexAsk<'_>,
) -> Result<IndexSeries, CompareError> {
    let IndexAsk { a, from, to, draws, seed, lang, style } = *ask;
    let b = g.focus.clone();
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    let mut years = Vec::new();
    let mut no_data = Vec::new();
    for year in from..=to {
        let opts = CompareOptions {
            focus: b.clone(),
            direction: Direction::In,
            year: Some(year),
            draws,
            seed,
            lang: lang.to_string(),
            style,
        };
        match compare(store, config, g, &opts) {
            Ok(c) => match c.partners.into_iter().find(|p| p.partner == a) {
                Some(result) => years.push(IndexYear { year, universe: c.universe, ranked: c.ranked, result }),
                None => no_data.push(year),
            },
            Err(CompareError::NoData(_)) => no_data.push(year),
            Err(e) => return Err(e),
        }
    }
    if years.is_empty() {
        return Err(CompareError::NoData(format!(
            "no data for {} ({a}) in {} ({b}) between {from} and {to} under the configuration \"{}\"",
            name(a),
            name(&b),
            config.name
        )));
    }
    Ok(IndexSeries {
        a: a.to_string(),
        b: b.clone(),
        names: [name(a), name(&b)],
        config: ConfigRef::of(config),
        draws: draws.unwrap_or(config.uncertainty.draws),
        seed: seed.unwrap_or(config.uncertainty.seed),
        years,
        no_data,
    })
}

/// Reads the GDELT events between `focus` and every counterpart, by year and QuadClass, with
/// DataFusion's DataFrame API (no SQL text is built from the country code). `None` when the
/// store has no GDELT parts.
pub(crate) async fn gdelt_counts(
    ctx: &datafusion::prelude::SessionContext,
    lake: &crate::Lake,
    focus: &str,
) -> Result<Option<GdeltCounts>, AnalyticsError> {
    use datafusion::arrow::array::{Array, AsArray};
    use datafusion::arrow::compute::cast;
    use datafusion::arrow::datatypes::{DataType, Int64Type};
    use datafusion::functions_aggregate::expr_fn::count;
    use datafusion::prelude::{col, lit};

    if lake.parts.is_empty() {
        return Ok(None);
    }
    let batches = ctx
        .table(crate::lake::EVENTS)
        .await?
        .filter(col("actor1_iso3").eq(lit(focus)).or(col("actor2_iso3").eq(lit(focus))))?
        .aggregate(
            vec![col("actor1_iso3"), col("actor2_iso3"), col("year"), col("quad_class")],
            vec![count(lit(1)).alias("events")],
        )?
        .collect()
        .await?;
    let mut counts: HashMap<(String, String, i32), BTreeMap<u8, i64>> = HashMap::new();
    for batch in batches {
        let text = |i: usize| -> Result<_, AnalyticsError> { Ok(cast(batch.column(i), &DataType::Utf8)?) };
        let int = |i: usize| -> Result<_, AnalyticsError> { Ok(cast(batch.column(i), &DataType::Int64)?) };
        let (a1, a2, year, quad, n) = (text(0)?, text(1)?, int(2)?, int(3)?, int(4)?);
        let (a1, a2) = (a1.as_string::<i32>(), a2.as_string::<i32>());
        let (year, quad, n) =
            (year.as_primitive::<Int64Type>(), quad.as_primitive::<Int64Type>(), n.as_primitive::<Int64Type>());
        for i in 0..batch.num_rows() {
            if a1.is_null(i) || a2.is_null(i) || year.is_null(i) || quad.is_null(i) {
                continue;
            }
            let (Ok(y), Ok(q)) = (i32::try_from(year.value(i)), u8::try_from(quad.value(i))) else { continue };
            *counts.entry((a1.value(i).to_string(), a2.value(i).to_string(), y)).or_default().entry(q).or_default() +=
                n.value(i);
        }
    }
    // A year counts as covered when GDELT has any event of the focus in it: a year with
    // parts but none of the focus's events says nothing about its partners.
    let years: BTreeSet<i32> = counts.keys().map(|(_, _, y)| *y).collect();
    Ok(Some(GdeltCounts { years, counts }))
}

/// [`gdelt_counts`] for callers that are not async (the CLI).
pub fn gdelt_counts_blocking(lake: &crate::Lake, focus: &str) -> Result<Option<GdeltCounts>, AnalyticsError> {
    if lake.parts.is_empty() {
        return Ok(None);
    }
    crate::runtime()?.block_on(async {
        let ctx = lake.context(crate::threads()).await?;
        let counts = lake.bounded(gdelt_counts(&ctx, lake, focus)).await?;
        lake.ensure_parts_present()?;
        Ok(counts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        entente_import::bundled::install(&mut store).unwrap();
        store
    }

    fn kaz(store: &Store, year: Option<i32>) -> Comparison {
        let config = Config::bundled();
        let g = Gathered::read(store, &config, "KAZ", None).unwrap();
        let opts = CompareOptions {
            focus: "KAZ".into(),
            direction: Direction::In,
            year,
            draws: Some(100),
            seed: Some(1),
            lang: "en".into(),
            style: Style::Apa,
        };
        compare(store, &config, &g, &opts).unwrap()
    }

    fn partner<'a>(c: &'a Comparison, code: &str) -> &'a PartnerResult {
        c.partners.iter().find(|p| p.partner == code).unwrap()
    }

    #[test]
    fn the_default_year_skips_a_year_a_source_has_barely_begun() {
        // UIS lists one 2021 destination of Kazakhstan's students and ten for 2019.
        assert_eq!(kaz(&store(), None).year, 2019);
    }

    #[test]
    fn snapshots_count_for_any_year_and_absent_values_follow_the_rule() {
        let store = store();
        let c = kaz(&store, Some(2015));
        let fra = partner(&c, "FRA");
        // France's embassy in Astana and consulate general in Almaty, from the 2022 snapshot.
        let embassy = &fra.evidence["embassy"];
        assert_eq!((embassy.value, embassy.status), (Some(1.0), ValueStatus::Observed));
        assert_eq!(embassy.period.as_deref(), Some("2022"));
        assert_eq!(embassy.dataset.as_deref(), Some("wikidata-embassies"));
        assert!(!embassy.records.is_empty() && embassy.source.is_some());
        assert_eq!(fra.evidence["consulates"].value, Some(1.0));
        // A sender the missions file reports, without a career consulate in Kazakhstan: zero by rule.
        let zero = c.partners.iter().find(|p| p.evidence["consulates"].status == ValueStatus::ZeroByRule).unwrap();
        assert_eq!(zero.evidence["consulates"].value, Some(0.0));
        assert!(zero.evidence["consulates"].records.is_empty());
        // A country the missions file does not list as a sender: missing, not zero.
        let missing = c.partners.iter().find(|p| p.evidence["embassy"].status == ValueStatus::Missing).unwrap();
        assert_eq!(missing.indicators["embassy"], None);
        assert!(missing.coverage < 1.0);
    }

    #[test]
    fn indicators_too_few_partners_have_are_left_out_with_their_reason() {
        let c = kaz(&store(), Some(2019));
        // Only France has curated events with Kazakhstan.
        let events = c.indicators.iter().find(|i| i.key == "events").unwrap();
        assert_eq!(events.units, 1);
        assert!(events.excluded.as_deref().unwrap().contains("needs 3"));
        let fra = partner(&c, "FRA");
        assert_eq!(fra.evidence["events"].status, ValueStatus::Excluded);
        assert_eq!(fra.indicators["events"], None);
        assert!(c.sensitivity.iter().all(|s| s.indicator != "events"));
        // Students are compared across many partners.
        let students = c.indicators.iter().find(|i| i.key == "students_from_b_in_a").unwrap();
        assert!(students.units >= 30 && students.excluded.is_none());
    }

    #[test]
    fn ranks_are_ordered_and_intervals_hold_the_median() {
        let c = kaz(&store(), None);
        assert!(c.ranked >= 10 && c.universe >= c.ranked);
        let ranked: Vec<&PartnerResult> = c.partners.iter().filter(|p| p.rank.is_some()).collect();
        assert_eq!(ranked.len(), c.ranked);
        for p in &ranked {
            let (lo, med, hi) = (p.rank_p05.unwrap(), p.rank_median.unwrap(), p.rank_p95.unwrap());
            assert!(lo <= med && med <= hi);
            assert!(p.coverage >= c.min_coverage);
        }
        assert!(c.partners[ranked.len()..].iter().all(|p| p.rank.is_none()));
    }

    #[test]
    fn out_is_the_other_direction() {
        let store = store();
        let config = Config::bundled();
        let g = Gathered::read(&store, &config, "KAZ", None).unwrap();
        let opts = CompareOptions {
            focus: "KAZ".into(),
            direction: Direction::Out,
            year: Some(2019),
            draws: Some(10),
            seed: Some(1),
            lang: "en".into(),
            style: Style::Apa,
        };
        let c = compare(&store, &config, &g, &opts).unwrap();
        // Kazakhstan's embassy in Paris, seen from Kazakhstan projecting into France.
        let fra = partner(&c, "FRA");
        assert_eq!(fra.evidence["embassy"].value, Some(1.0));
        let students = &fra.evidence["students_from_b_in_a"];
        // Students from France in Kazakhstan: not in the bundled tables, so missing.
        assert_eq!(students.status, ValueStatus::Missing);
    }
}
