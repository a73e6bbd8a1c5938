//! A dyad's indicators: students from each country in the other per year (with change and
//! growth), each country's share of the other's outbound students and its rank among its
//! destinations, and the Elcano soft-presence variables of both, every figure with its
//! source and locator.

use std::collections::{BTreeMap, HashMap};

use entente_cite::{Style, format};
use entente_model::record::{Record, Source};
use entente_model::{CountryTable, Dyad, Period};
use entente_store::{Store, StoredObservation};
use serde::Serialize;

use crate::AnalyticsError;
use crate::timeline::SourceRef;

/// One value of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Point {
    pub period: String,
    pub value: f64,
    /// Change from the previous point of the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pct_change: Option<f64>,
    pub observation_id: String,
    pub locator: String,
    /// The figure as the source file gives it, when entente corrected it (`value` is used;
    /// `note` says why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Students from `from` in `to`, per period, from one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Flow {
    pub from: String,
    pub to: String,
    /// `KAZ→FRA`.
    pub label: String,
    pub indicator: String,
    pub dataset: String,
    pub unit: String,
    pub points: Vec<Point>,
    /// From the first to the last point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abs_change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pct_change: Option<f64>,
    /// Compound annual growth rate between the first and last points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cagr: Option<f64>,
    pub source: SourceRef,
}

/// `to`'s share of `from`'s outbound students, and its rank among `from`'s destinations.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub from: String,
    pub to: String,
    pub dataset: String,
    pub period: String,
    pub students: f64,
    /// All of `from`'s outbound students in this dataset and period.
    pub total_outbound: f64,
    pub share: f64,
    /// 1 for the most popular destination.
    pub rank: usize,
    /// How many destinations the dataset lists for `from` in this period.
    pub destinations_listed: usize,
    /// What the total covers.
    pub basis: String,
    pub source: SourceRef,
}

/// One Elcano variable of one country, by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Presence {
    pub country: String,
    pub variable: String,
    pub points: Vec<(i32, f64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<(i32, f64)>,
    pub source: SourceRef,
}

/// Everything the indicators say about a dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicators {
    pub dyad: Dyad,
    pub names: [String; 2],
    /// Students from B in A, then from A in B, one flow per dataset.
    pub flows: Vec<Flow>,
    pub shares: Vec<Share>,
    /// Elcano's soft-presence variables for A, then B.
    pub presence: Vec<Presence>,
    /// Where two datasets give the same flow for the same periods: how far they agree.
    pub agreement: Vec<Agreement>,
}

/// How far two datasets may differ on the same count and still be said to agree (10%).
pub const AGREEMENT_TOLERANCE: f64 = 0.10;

/// One period that two datasets both report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementPoint {
    pub period: String,
    /// The first dataset's value, then the second's.
    pub values: [f64; 2],
    /// First over second; none when the second is zero.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
}

/// Two datasets' series of the same flow (same direction and indicator) compared period by
/// period, so a reader sees when sources disagree before trusting either.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub from: String,
    pub to: String,
    pub indicator: String,
    pub datasets: [String; 2],
    pub points: Vec<AgreementPoint>,
    /// The median of the ratios.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_ratio: Option<f64>,
    /// Every ratio within `AGREEMENT_TOLERANCE` of 1.
    pub agree: bool,
    /// One sentence a reader can check against the points.
    pub summary: String,
}

/// Compares every two flows of the same direction and indicator on their common periods.
pub fn agreement(flows: &[Flow]) -> Vec<Agreement> {
    let mut out = Vec::new();
    for (i, x) in flows.iter().enumerate() {
        for y in &flows[i + 1..] {
            if (x.from.as_str(), x.to.as_str(), x.indicator.as_str())
                != (y.from.as_str(), y.to.as_str(), y.indicator.as_str())
                || x.dataset == y.dataset
            {
                continue;
            }
            let theirs: HashMap<&str, f64> = y.points.iter().map(|p| (p.period.as_str(), p.value)).collect();
            let points: Vec<AgreementPoint> = x
                .points
                .iter()
                .filter_map(|p| {
                    let other = *theirs.get(p.period.as_str())?;
                    Some(AgreementPoint {
                        period: p.period.clone(),
                        values: [p.value, other],
                        ratio: (other != 0.0).then(|| p.value / other),
                    })
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            let mut ratios: Vec<f64> = points.iter().filter_map(|p| p.ratio).collect();
            ratios.sort_by(f64::total_cmp);
            let median_ratio = match ratios.len() {
                0 => None,
                n if n % 2 == 1 => Some(ratios[n / 2]),
                n => Some((ratios[n / 2 - 1] + ratios[n / 2]) / 2.0),
            };
            let within = |r: f64| (r - 1.0).abs() <= AGREEMENT_TOLERANCE;
            let agree = points.iter().all(|p| p.ratio.is_some_and(within));
            let n = points.len();
            let summary = match median_ratio {
                _ if agree => format!(
                    "{} and {} agree within {:.0}% in {n} common period(s).",
                    x.dataset,
                    y.dataset,
                    AGREEMENT_TOLERANCE * 100.0
                ),
                Some(m) => {
                    let off = points.iter().filter(|p| !p.ratio.is_some_and(within)).count();
                    format!(
                        "{} gives {m:.2}× {} (median) and differs by more than {:.0}% in {off} of {n} common period(s): compare the sources before using either.",
                        x.dataset,
                        y.dataset,
                        AGREEMENT_TOLERANCE * 100.0
                    )
                }
                None => format!("{} reports zero where {} does not.", y.dataset, x.dataset),
            };
            out.push(Agreement {
                from: x.from.clone(),
                to: x.to.clone(),
                indicator: x.indicator.clone(),
                datasets: [x.dataset.clone(), y.dataset.clone()],
                points,
                median_ratio,
                agree,
                summary,
            });
        }
    }
    out
}

/// The Elcano variables shown as context: soft presence and its parts.
pub const SOFT_VARIABLES: [&str; 9] =
    ["soft", "culture", "education", "science", "technology", "information", "sports", "tourism", "development_coop"];

fn label(p: &Period) -> String {
    p.to_string()
}

pub(crate) struct Sources<'a> {
    store: &'a Store,
    cache: HashMap<String, Option<Source>>,
    style: Style,
}

impl<'a> Sources<'a> {
    pub(crate) fn new(store: &'a Store, style: Style) -> Self {
        Sources { store, cache: HashMap::new(), style }
    }

    pub(crate) fn cite(&mut self, obs: &StoredObservation) -> Result<SourceRef, AnalyticsError> {
        let c = obs.observation.sources.first();
        let id = c.map(|c| c.source.clone()).unwrap_or_default();
        if !self.cache.contains_key(&id) {
            let source = match self.store.record(&id)? {
                Some(entente_store::StoredRecord { record: Record::Source(s), .. }) => Some(s),
                _ => None,
            };
            self.cache.insert(id.clone(), source);
        }
        let citation = match self.cache.get(&id) {
            Some(Some(s)) => format(s, self.style).plain(),
            _ => id.clone(),
        };
        Ok(SourceRef {
            quote: c.and_then(|c| c.quote.clone()),
            reference: c.and_then(|c| c.reference.clone()),
            role: c.map(|c| c.role).unwrap_or_default(),
            note: c.and_then(|c| c.note.clone()),
            ..SourceRef::evidence(id, c.map(|c| c.locator.clone()).unwrap_or_default(), citation)
        })
    }
}

fn flows(store: &Store, sources: &mut Sources<'_>, from: &str, to: &str) -> Result<Vec<Flow>, AnalyticsError> {
    let mut by: BTreeMap<(String, String), Vec<StoredObservation>> = BTreeMap::new();
    for o in store.observations("students.", Some(from), Some(to), None)? {
        by.entry((o.observation.indicator.clone(), o.dataset.clone())).or_default().push(o);
    }
    let mut out = Vec::new();
    for ((indicator, dataset), mut list) in by {
        list.sort_by_key(|o| o.observation.period);
        let mut points: Vec<Point> = Vec::new();
        for o in &list {
            let prev = points.last().map(|p| p.value);
            let v = o.observation.value;
            points.push(Point {
                period: label(&o.observation.period),
                value: v,
                change: prev.map(|p| v - p),
                pct_change: prev.filter(|p| *p != 0.0).map(|p| (v - p) / p),
                observation_id: o.observation.id.clone(),
                locator: o.observation.sources.first().map(|c| c.locator.clone()).unwrap_or_default(),
                raw_value: o.observation.raw_value,
                note: o.observation.note.clone(),
            });
        }
        let (first, last) = (list.first(), list.last());
        let (abs_change, pct_change, cagr) = match (first, last) {
            (Some(f), Some(l)) if list.len() > 1 => {
                let (a, b) = (f.observation.value, l.observation.value);
                let years = (l.observation.period.start_year() - f.observation.period.start_year()) as f64;
                (
                    Some(b - a),
                    (a != 0.0).then(|| (b - a) / a),
                    (a > 0.0 && b > 0.0 && years > 0.0).then(|| (b / a).powf(1.0 / years) - 1.0),
                )
            }
            _ => (None, None, None),
        };
        let Some(f) = first else { continue };
        out.push(Flow {
            from: from.to_string(),
            to: to.to_string(),
            label: format!("{from}→{to}"),
            indicator,
            dataset,
            unit: f.observation.unit.clone(),
            points,
            abs_change,
            pct_change,
            cagr,
            source: sources.cite(f)?,
        });
    }
    Ok(out)
}

fn shares(store: &Store, sources: &mut Sources<'_>, from: &str, to: &str) -> Result<Vec<Share>, AnalyticsError> {
    // All of `from`'s destinations, per dataset and period.
    let mut by: BTreeMap<(String, Period), Vec<StoredObservation>> = BTreeMap::new();
    for o in store.observations("students.enrolled", Some(from), None, None)? {
        if o.observation.indicator == "students.enrolled" {
            by.entry((o.dataset.clone(), o.observation.period)).or_default().push(o);
        }
    }
    let mut elsewhere: HashMap<(String, Period), f64> = HashMap::new();
    for o in store.observations("students.enrolled_other_destinations", None, None, Some(from))? {
        *elsewhere.entry((o.dataset.clone(), o.observation.period)).or_default() += o.observation.value;
    }
    let mut out = Vec::new();
    for ((dataset, period), list) in by {
        let Some(target) = list.iter().find(|o| o.observation.to.as_deref() == Some(to)) else { continue };
        let listed: f64 = list.iter().map(|o| o.observation.value).sum();
        let other = elsewhere.get(&(dataset.clone(), period)).copied();
        let total = listed + other.unwrap_or(0.0);
        if total <= 0.0 {
            continue;
        }
        let students = target.observation.value;
        let rank = 1 + list.iter().filter(|o| o.observation.value > students).count();
        let basis = match other {
            Some(_) => format!(
                "all of {from}'s outbound students: the {} destinations the file lists plus its 'other countries'",
                list.len()
            ),
            None => format!("{from}'s students in the {} host countries this dataset covers", list.len()),
        };
        out.push(Share {
            from: from.to_string(),
            to: to.to_string(),
            dataset,
            period: period.to_string(),
            students,
            total_outbound: total,
            share: students / total,
            rank,
            destinations_listed: list.len(),
            basis,
            source: sources.cite(target)?,
        });
    }
    Ok(out)
}

pub(crate) fn presence(
    store: &Store,
    sources: &mut Sources<'_>,
    country: &str,
) -> Result<Vec<Presence>, AnalyticsError> {
    let mut by: BTreeMap<String, Vec<StoredObservation>> = BTreeMap::new();
    for o in store.observations("elcano.", None, None, Some(country))? {
        let variable = o.observation.indicator.trim_start_matches("elcano.").to_string();
        if SOFT_VARIABLES.contains(&variable.as_str()) {
            by.entry(variable).or_default().push(o);
        }
    }
    let mut out = Vec::new();
    for variable in SOFT_VARIABLES {
        let Some(list) = by.get(variable) else { continue };
        let Some(first) = list.first() else { continue };
        let points: Vec<(i32, f64)> =
            list.iter().map(|o| (o.observation.period.start_year(), o.observation.value)).collect();
        out.push(Presence {
            country: country.to_string(),
            variable: variable.to_string(),
            latest: points.last().copied(),
            points,
            source: sources.cite(first)?,
        });
    }
    Ok(out)
}

/// The indicators of `dyad` (A, B): flows B→A then A→B, shares both ways, Elcano context.
pub fn indicators(store: &Store, dyad: &Dyad, lang: &str, style: Style) -> Result<Indicators, AnalyticsError> {
    let mut sources = Sources { store, cache: HashMap::new(), style };
    let (a, b) = (dyad.a.as_str(), dyad.b.as_str());
    let mut flow_list = flows(store, &mut sources, b, a)?;
    flow_list.extend(flows(store, &mut sources, a, b)?);
    let mut share_list = shares(store, &mut sources, b, a)?;
    share_list.extend(shares(store, &mut sources, a, b)?);
    let mut presence_list = presence(store, &mut sources, a)?;
    presence_list.extend(presence(store, &mut sources, b)?);
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    Ok(Indicators {
        dyad: dyad.clone(),
        names: [name(a), name(b)],
        agreement: agreement(&flow_list),
        flows: flow_list,
        shares: share_list,
        presence: presence_list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(dataset: &str, points: &[(&str, f64)]) -> Flow {
        Flow {
            from: "KAZ".into(),
            to: "DEU".into(),
            label: "KAZ→DEU".into(),
            indicator: "students.enrolled".into(),
            dataset: dataset.into(),
            unit: "persons".into(),
            points: points
                .iter()
                .map(|(period, value)| Point {
                    period: period.to_string(),
                    value: *value,
                    change: None,
                    pct_change: None,
                    observation_id: format!("{dataset}-{period}"),
                    locator: String::new(),
                    raw_value: None,
                    note: None,
                })
                .collect(),
            abs_change: None,
            pct_change: None,
            cagr: None,
            source: SourceRef::evidence(dataset.into(), String::new(), dataset.into()),
        }
    }

    #[test]
    fn close_sources_agree_and_distant_ones_are_flagged_on_common_periods_only() {
        let a = flow("a", &[("2017", 100.0), ("2018", 105.0), ("2019", 200.0)]);
        let b = flow("b", &[("2018", 100.0), ("2019", 100.0), ("2020", 50.0)]);
        let close = flow("c", &[("2018", 99.0)]);
        let list = agreement(&[a.clone(), b.clone()]);
        assert_eq!(list.len(), 1);
        let x = &list[0];
        assert_eq!(x.points.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2018", "2019"]);
        assert!(!x.agree);
        assert_eq!(x.median_ratio, Some(1.525));
        assert!(x.summary.contains("1 of 2"), "{}", x.summary);
        let y = &agreement(&[b.clone(), close])[0];
        assert!(y.agree, "{}", y.summary);
        // Other directions, the same dataset, or no common period: nothing to compare.
        let mut other = b.clone();
        other.to = "FRA".into();
        assert!(agreement(&[a.clone(), other]).is_empty());
        assert!(agreement(&[a.clone(), a.clone()]).is_empty());
        assert!(agreement(&[a, flow("d", &[("2030", 1.0)])]).is_empty());
    }
}
