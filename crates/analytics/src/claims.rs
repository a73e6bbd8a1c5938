//! Claims set beside the data: for each figure a source states, the observations that bear
//! on it and a verdict — `supported`, `contradicted`, `not_comparable` or `no_data` — with
//! the reasoning a reader can check and the sources of both sides.
//!
//! The rules are general and configurable ([`Policy`], `data/claims-policy.toml`):
//! 1. A claim needs an indicator, a relation and a value; otherwise there is nothing to
//!    look up (`no_data`).
//! 2. Evidence is observations of the claim's indicator (or an `equivalent` one) for the same
//!    country or directed pair, from sources other than the claim's own.
//! 3. Periods must match; a calendar year stands for an academic year as the policy says —
//!    by default the data of either end (the year it starts in and the year it ends in) are
//!    both compared, and the reasoning says which is which.
//! 4. Each dataset is judged on its own; datasets that agree give the verdict, datasets that
//!    disagree make the claim `not_comparable` (the evidence conflicts).
//! 5. With no evidence but observations of a `related` indicator, the verdict is
//!    `not_comparable` and the reasoning shows those figures.

use std::collections::{BTreeMap, HashMap};

use entente_cite::Style;
use entente_model::ontology::Relation;
use entente_model::record::{Claim, Record, format_number};
use entente_model::{Dyad, Period};
use entente_store::{Store, StoredObservation};
use serde::{Deserialize, Serialize};

use crate::AnalyticsError;
use crate::timeline::SourceRef;

const DEFAULT_POLICY: &str = include_str!("../../../data/claims-policy.toml");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    pub equals: f64,
    pub approx: f64,
    pub ratio: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarYearIs {
    /// Compare with both ends; a verdict needs them to agree.
    Either,
    End,
    Start,
    None,
}

/// The words a reasoning line ends with when a dataset decides the claim; no others may
/// (see [`verdict_text_problem`]).
const HOLDS: &str = "it holds";
const FAILS: &str = "it does not hold";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcademicYear {
    pub calendar_year_is: CalendarYearIs,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub to: Vec<String>,
    pub why: String,
}

/// How claims are checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub tolerance: Tolerance,
    pub academic_year: AcademicYear,
    #[serde(default)]
    pub equivalent: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub related: BTreeMap<String, Related>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::parse(DEFAULT_POLICY).expect("the bundled policy parses (tested)")
    }
}

impl Policy {
    /// Reads a policy file's text.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let p: Policy = toml::from_str(text).map_err(|e| format!("not a valid claims policy: {e}"))?;
        for (name, v) in [("equals", p.tolerance.equals), ("approx", p.tolerance.approx), ("ratio", p.tolerance.ratio)]
        {
            if !(0.0..1.0).contains(&v) {
                return Err(format!("tolerance.{name} = {v} is outside 0 to 1"));
            }
        }
        Ok(p)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    NotComparable,
    NoData,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::NotComparable => "not_comparable",
            Verdict::NoData => "no_data",
        }
    }
}

/// An observation used as evidence, with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    pub observation_id: String,
    pub indicator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub period: String,
    pub value: f64,
    /// The figure as the source file gives it, when entente corrected it (`value` is used).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_value: Option<f64>,
    pub unit: String,
    pub dataset: String,
    pub source: SourceRef,
}

/// A claim, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimCheck {
    pub claim_id: String,
    pub text: String,
    pub lang: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The figure as entente reads it: `equals 513 students, KAZ→FRA, 2013/14`.
    pub reading: String,
    pub claim_sources: Vec<SourceRef>,
    pub verdict: Verdict,
    pub reasoning: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// Claims that bear on `dyad`: about the pair in either direction, about either country, or
/// about a record of the dyad's events. Judgements (claims with an assessment) are left out.
pub fn claims(store: &Store, dyad: &Dyad, policy: &Policy, style: Style) -> Result<Vec<ClaimCheck>, AnalyticsError> {
    let events = store.events_between(&dyad.a, &dyad.b, &entente_store::EventFilter::default())?;
    let mut related_records: Vec<String> = Vec::new();
    for e in &events {
        related_records.extend(e.actors.iter().map(|a| a.actor.clone()));
        related_records.extend(e.programme.iter().cloned());
    }
    let in_pair = |c: &Option<String>| c.as_deref().is_some_and(|c| c == dyad.a || c == dyad.b);
    let mut out = Vec::new();
    for r in store.records_of_kind(entente_model::RecordKind::Claim)? {
        let Record::Claim(c) = r else { continue };
        // A judgement states no figure; the diagnostics weigh it, not this check.
        if c.assessment.is_some() {
            continue;
        }
        let relevant = (in_pair(&c.from) && in_pair(&c.to))
            || in_pair(&c.country)
            || c.about.as_ref().is_some_and(|a| related_records.contains(a));
        if relevant {
            out.push(check(store, &c, policy, style)?);
        }
    }
    Ok(out)
}

fn reading(c: &Claim) -> String {
    let mut parts = Vec::new();
    if let (Some(rel), Some(v)) = (c.relation, c.value) {
        let unit = c.unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default();
        parts.push(match rel {
            Relation::Ratio => format!("ratio {} ({})", format_number(v), c.unit.clone().unwrap_or_default()),
            _ => format!("{} {}{unit}", rel.as_str().replace('_', " "), format_number(v)),
        });
    }
    match (&c.from, &c.to, &c.country) {
        (Some(f), Some(t), _) => parts.push(format!("{f}→{t}")),
        (_, _, Some(country)) => parts.push(country.clone()),
        _ => {}
    }
    match (c.base_period, c.period) {
        (Some(b), Some(p)) => parts.push(format!("{b} → {p}")),
        (None, Some(p)) => parts.push(p.to_string()),
        _ => parts.push("no period".into()),
    }
    if let Some(i) = &c.indicator {
        parts.push(format!("indicator {i}"));
    }
    parts.join(", ")
}

/// How a data period is read against the claim's: the same period, or (between academic
/// and calendar years) the calendar year an academic year starts or ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Same,
    Start,
    End,
}

/// The data period that stands for `claim` under `reading`.
fn map(claim: Period, reading: Reading) -> Period {
    match (claim, reading) {
        (_, Reading::Same) => claim,
        (Period::AcademicYear(y), Reading::Start) => Period::Year(y),
        (Period::AcademicYear(y), Reading::End) => Period::Year(y + 1),
        (Period::Year(y), Reading::Start) => Period::AcademicYear(y),
        (Period::Year(y), Reading::End) => Period::AcademicYear(y - 1),
    }
}

/// The readings under which every one of `claimed` has a figure in `data`: the same periods
/// when the data have them, else the ends the policy allows, start before end.
fn readings(claimed: &[Period], data: &[Period], policy: &Policy) -> Vec<Reading> {
    let all_in = |r: Reading| claimed.iter().all(|p| data.contains(&map(*p, r)));
    if all_in(Reading::Same) {
        return vec![Reading::Same];
    }
    let allowed: &[Reading] = match policy.academic_year.calendar_year_is {
        CalendarYearIs::Either => &[Reading::Start, Reading::End],
        CalendarYearIs::Start => &[Reading::Start],
        CalendarYearIs::End => &[Reading::End],
        CalendarYearIs::None => &[],
    };
    allowed.iter().copied().filter(|r| all_in(*r)).collect()
}

/// The data period that stands for the claim's period, under the policy's first reading.
#[cfg(test)]
fn align(claim: Period, data: &[Period], policy: &Policy) -> Option<Period> {
    readings(&[claim], data, policy).first().map(|r| map(claim, *r))
}

/// How a data period stands for the claim's, for the reasoning: "" when they are the same.
fn period_note(claim: Period, reading: Reading) -> String {
    let used = map(claim, reading);
    match (claim, reading) {
        (_, Reading::Same) => String::new(),
        (Period::AcademicYear(_), Reading::Start) => format!(" (the calendar year {claim} starts in)"),
        (Period::AcademicYear(_), Reading::End) => format!(" (the calendar year {claim} ends in)"),
        (Period::Year(_), Reading::Start) => format!(" (the academic year {used}, which starts in {claim})"),
        (Period::Year(_), Reading::End) => format!(" (the academic year {used}, which ends in {claim})"),
    }
}

fn within(actual: f64, claimed: f64, tolerance: f64) -> bool {
    claimed != 0.0 && ((actual - claimed) / claimed).abs() <= tolerance
}

/// What one dataset says of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Holds,
    Fails,
    /// The data cannot be set against the claim (no period, periods of another kind, or
    /// ends that disagree).
    Incomparable,
    /// The data have no figure for the claim's period.
    Missing,
}

/// Why a claim's period could not be found in the data: a kind mismatch the policy refuses
/// to bridge, or a plain gap.
fn unaligned(
    dataset: &str,
    what: &str,
    period: Period,
    periods: &[Period],
    policy: &Policy,
) -> (Outcome, String, Vec<String>) {
    let other_kind = periods.iter().all(|p| p.is_academic() != period.is_academic());
    if other_kind && policy.academic_year.calendar_year_is == CalendarYearIs::None {
        let text = format!(
            "{dataset}: the claim's {what} is {period} and the data count {} years, which the policy does not line up (calendar_year_is = \"none\")",
            if period.is_academic() { "calendar" } else { "academic" }
        );
        return (Outcome::Incomparable, text, Vec::new());
    }
    (
        Outcome::Missing,
        format!("{dataset}: no figure for the {what} {period} (the data cover {})", span(periods)),
        Vec::new(),
    )
}

/// A figure as the reasoning shows it: the corrected value, and the file's own beside it.
fn shown(o: &StoredObservation) -> String {
    match o.observation.raw_value {
        Some(raw) => format!(
            "{} (the file gives {}, corrected as the observation's note says)",
            format_number(o.observation.value),
            format_number(raw)
        ),
        None => format_number(o.observation.value),
    }
}

/// Sets the claim against one dataset's observations. With `decide` false the data are
/// another measure: the figures are given for reference and no verdict is drawn.
fn judge(c: &Claim, list: &[&StoredObservation], policy: &Policy, decide: bool) -> (Outcome, String, Vec<String>) {
    let periods: Vec<Period> = list.iter().map(|o| o.observation.period).collect();
    let at = |p: Period| list.iter().copied().find(|o| o.observation.period == p);
    let dataset = list.first().map(|o| o.dataset.clone()).unwrap_or_default();
    let (Some(rel), Some(claimed)) = (c.relation, c.value) else {
        return (Outcome::Incomparable, format!("{dataset}: the claim states no figure to compare"), Vec::new());
    };
    let Some(period) = c.period else {
        let text = format!("{dataset}: the claim gives no period, and the data run from {}", span(&periods));
        return (Outcome::Incomparable, text, Vec::new());
    };
    let base = if rel == Relation::Ratio {
        let Some(base) = c.base_period else {
            return (Outcome::Incomparable, format!("{dataset}: a ratio needs a base period"), Vec::new());
        };
        Some(base)
    } else {
        None
    };
    let claimed_periods: Vec<Period> = std::iter::once(period).chain(base).collect();
    let found = readings(&claimed_periods, &periods, policy);
    if found.is_empty() {
        // Name the period that is missing: the claim's own first, then its base.
        let missing = claimed_periods
            .iter()
            .zip(["period", "base period"])
            .find(|(p, _)| readings(&[**p], &periods, policy).is_empty())
            .map(|(p, w)| (*p, w))
            .unwrap_or((period, "period"));
        return unaligned(&dataset, missing.1, missing.0, &periods, policy);
    }
    let rule = match rel {
        Relation::Equals => format!("equal within ±{:.0}% to", policy.tolerance.equals * 100.0),
        Relation::Approx => format!("about equal, within ±{:.0}%, to", policy.tolerance.approx * 100.0),
        Relation::Ratio => {
            format!("a ratio of {} (accepted within ±{:.0}%)", format_number(claimed), policy.tolerance.ratio * 100.0)
        }
        other => other.as_str().replace('_', " "),
    };
    // Each reading: its words, whether the claim holds under it, and the observations used.
    let mut parts: Vec<(String, bool, Vec<String>)> = Vec::new();
    for r in &found {
        let (Some(o), Some(p)) = (at(map(period, *r)), Some(map(period, *r))) else { continue };
        let v = o.observation.value;
        match base {
            Some(b) => {
                let Some(bo) = at(map(b, *r)) else { continue };
                let bv = bo.observation.value;
                if bv == 0.0 {
                    return (Outcome::Missing, format!("{dataset}: the base figure is 0, so no ratio"), Vec::new());
                }
                let ratio = v / bv;
                parts.push((
                    format!(
                        "{} in {p}{} against {} in {}{} is a ratio of {ratio:.2}",
                        shown(o),
                        period_note(period, *r),
                        shown(bo),
                        map(b, *r),
                        period_note(b, *r)
                    ),
                    within(ratio, claimed, policy.tolerance.ratio),
                    vec![o.observation.id.clone(), bo.observation.id.clone()],
                ));
            }
            None => {
                let ok = match rel {
                    Relation::Equals => within(v, claimed, policy.tolerance.equals),
                    Relation::Approx => within(v, claimed, policy.tolerance.approx),
                    Relation::MoreThan => v > claimed,
                    Relation::LessThan => v < claimed,
                    Relation::AtLeast => v >= claimed,
                    Relation::AtMost => v <= claimed,
                    Relation::Ratio => false,
                };
                parts.push((
                    format!("{} in {p}{}", shown(o), period_note(period, *r)),
                    ok,
                    vec![o.observation.id.clone()],
                ));
            }
        }
    }
    if parts.is_empty() {
        return (Outcome::Missing, String::new(), Vec::new());
    }
    let ids: Vec<String> = parts.iter().flat_map(|p| p.2.clone()).collect();
    let figures = parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("; ");
    let says = if rel == Relation::Ratio {
        format!("the claim says {rule}")
    } else {
        format!("the claim says {rule} {}", format_number(claimed))
    };
    let both_ends = if parts.len() > 1 {
        " (an academic year set against calendar years: the data of both ends are compared, calendar_year_is = \"either\")"
    } else {
        ""
    };
    if !decide {
        let text = format!("{dataset}: {figures}{both_ends}; {says}; as a different measure, this is no verdict");
        return (Outcome::Incomparable, text, ids);
    }
    let holds: Vec<bool> = parts.iter().map(|p| p.1).collect();
    let (outcome, ending) = if holds.iter().all(|h| *h) {
        (Outcome::Holds, if holds.len() > 1 { format!("{HOLDS} at both ends") } else { HOLDS.to_string() })
    } else if holds.iter().all(|h| !*h) {
        (Outcome::Fails, if holds.len() > 1 { format!("{FAILS} at either end") } else { FAILS.to_string() })
    } else {
        let (yes, no) = if holds[0] { ("the start year", "the end year") } else { ("the end year", "the start year") };
        (Outcome::Incomparable, format!("{yes} bears it out and {no} does not, so these data cannot decide"))
    };
    (outcome, format!("{dataset}: {figures}{both_ends}; {says}: {ending}"), ids)
}

/// Whether a checked claim's reasoning agrees with its verdict: a line that decides (ends
/// "it holds" or "it does not hold") under a verdict that does not, or a verdict without
/// the line that decides it, misleads a reader. `None` when they agree.
pub fn verdict_text_problem(c: &ClaimCheck) -> Option<String> {
    let holds = c.reasoning.iter().filter(|r| r.contains(HOLDS)).count();
    let fails = c.reasoning.iter().filter(|r| r.contains(FAILS)).count();
    let problem = match c.verdict {
        Verdict::Supported if holds == 0 => Some("is supported, but no line of its reasoning says it holds"),
        Verdict::Supported if fails > 0 => Some("is supported, but a line of its reasoning says it does not hold"),
        Verdict::Contradicted if fails == 0 => {
            Some("is contradicted, but no line of its reasoning says it does not hold")
        }
        Verdict::Contradicted if holds > 0 => Some("is contradicted, but a line of its reasoning says it holds"),
        Verdict::NotComparable | Verdict::NoData if holds + fails > 0 && !(holds > 0 && fails > 0) => {
            Some("decides nothing, but its reasoning says it holds or does not hold")
        }
        _ => None,
    };
    problem.map(|p| format!("claim {} {p} (verdict {})", c.claim_id, c.verdict.as_str()))
}

fn span(periods: &[Period]) -> String {
    match (periods.first(), periods.last()) {
        (Some(f), Some(l)) if f == l => f.to_string(),
        (Some(f), Some(l)) => format!("{f} to {l}"),
        _ => "nothing".into(),
    }
}

fn find(store: &Store, c: &Claim, indicator: &str) -> Result<Vec<StoredObservation>, AnalyticsError> {
    if c.country.is_none() && !(c.from.is_some() && c.to.is_some()) {
        // A claim about no country or pair (an organisation, say) has no observations.
        return Ok(Vec::new());
    }
    let found = store.observations(indicator, c.from.as_deref(), c.to.as_deref(), c.country.as_deref())?;
    let own: Vec<&str> = c.sources.iter().map(|s| s.source.as_str()).collect();
    Ok(found
        .into_iter()
        // Exact indicator, and never the claim's own sources (a claim cannot support itself).
        .filter(|o| o.observation.indicator == indicator)
        .filter(|o| !o.observation.sources.iter().any(|s| own.contains(&s.source.as_str())))
        .collect())
}

fn evidence(
    sources: &mut HashMap<String, String>,
    store: &Store,
    style: Style,
    o: &StoredObservation,
) -> Result<Evidence, AnalyticsError> {
    let cite = o.observation.sources.first();
    let id = cite.map(|c| c.source.clone()).unwrap_or_default();
    if !sources.contains_key(&id) {
        let text = match store.record(&id)? {
            Some(entente_store::StoredRecord { record: Record::Source(s), .. }) => {
                entente_cite::format(&s, style).plain()
            }
            _ => id.clone(),
        };
        sources.insert(id.clone(), text);
    }
    Ok(Evidence {
        observation_id: o.observation.id.clone(),
        indicator: o.observation.indicator.clone(),
        country: o.observation.country.clone(),
        from: o.observation.from.clone(),
        to: o.observation.to.clone(),
        period: o.observation.period.to_string(),
        value: o.observation.value,
        raw_value: o.observation.raw_value,
        unit: o.observation.unit.clone(),
        dataset: o.dataset.clone(),
        source: SourceRef::evidence(
            id.clone(),
            cite.map(|c| c.locator.clone()).unwrap_or_default(),
            sources.get(&id).cloned().unwrap_or_default(),
        ),
    })
}

/// Checks one claim.
pub fn check(store: &Store, c: &Claim, policy: &Policy, style: Style) -> Result<ClaimCheck, AnalyticsError> {
    let claim_sources = crate::timeline::cite_all(store, &c.sources, style)?;
    let mut result = ClaimCheck {
        claim_id: c.id.clone(),
        text: c.text.clone(),
        lang: c.lang.clone(),
        indicator: c.indicator.clone(),
        reading: reading(c),
        claim_sources,
        verdict: Verdict::NoData,
        reasoning: Vec::new(),
        evidence: Vec::new(),
    };
    let Some(indicator) = &c.indicator else {
        result.reasoning.push("The claim names no indicator, so there is nothing to look up.".into());
        return Ok(result);
    };
    if c.relation.is_none() || c.value.is_none() {
        result.reasoning.push("The claim states no figure to compare.".into());
        return Ok(result);
    }
    let mut cited: HashMap<String, String> = HashMap::new();
    let mut candidates = vec![indicator.clone()];
    candidates.extend(policy.equivalent.get(indicator).cloned().unwrap_or_default());
    let mut found: Vec<StoredObservation> = Vec::new();
    for i in &candidates {
        found.extend(find(store, c, i)?);
    }
    if found.is_empty() {
        let related = policy.related.get(indicator);
        let mut near: Vec<StoredObservation> = Vec::new();
        for i in related.map(|r| r.to.as_slice()).unwrap_or(&[]) {
            near.extend(find(store, c, i)?);
        }
        if near.is_empty() {
            result.reasoning.push(format!("No dataset in the store has {indicator} for {}.", place(c)));
            return Ok(result);
        }
        result.verdict = Verdict::NotComparable;
        let why = related.map(|r| r.why.clone()).unwrap_or_default();
        result.reasoning.push(format!(
            "No dataset has {indicator} for {}; the nearest measure is {}, but {why}.",
            place(c),
            related.map(|r| r.to.join(", ")).unwrap_or_default()
        ));
        // What the related figures are, for the reader to weigh; they decide nothing.
        for list in group(&near).into_values() {
            let (_, text, ids) = judge(c, &list, policy, false);
            if !text.is_empty() {
                result.reasoning.push(format!("For reference only: {text}."));
            }
            for o in list.iter().filter(|o| ids.contains(&o.observation.id)) {
                result.evidence.push(evidence(&mut cited, store, style, o)?);
            }
        }
        return Ok(result);
    }
    let mut supported = Vec::new();
    let mut contradicted = Vec::new();
    let mut incomparable = false;
    for (dataset, list) in group(&found) {
        let (ok, text, ids) = judge(c, &list, policy, true);
        if !text.is_empty() {
            result.reasoning.push(format!("{text}."));
        }
        for o in list.iter().filter(|o| ids.contains(&o.observation.id)) {
            result.evidence.push(evidence(&mut cited, store, style, o)?);
        }
        match ok {
            Outcome::Holds => supported.push(dataset),
            Outcome::Fails => contradicted.push(dataset),
            Outcome::Incomparable => incomparable = true,
            Outcome::Missing => {}
        }
    }
    result.verdict = match (supported.is_empty(), contradicted.is_empty()) {
        (false, true) => Verdict::Supported,
        (true, false) => Verdict::Contradicted,
        (false, false) => {
            result.reasoning.push(format!(
                "The datasets disagree ({} supports it, {} does not), so no single verdict holds.",
                supported.join(", "),
                contradicted.join(", ")
            ));
            Verdict::NotComparable
        }
        (true, true) if incomparable => Verdict::NotComparable,
        (true, true) => Verdict::NoData,
    };
    Ok(result)
}

fn place(c: &Claim) -> String {
    match (&c.from, &c.to, &c.country) {
        (Some(f), Some(t), _) => format!("{f}→{t}"),
        (_, _, Some(country)) => country.clone(),
        _ => "the claim's subject".into(),
    }
}

fn group(list: &[StoredObservation]) -> BTreeMap<String, Vec<&StoredObservation>> {
    let mut by: BTreeMap<String, Vec<&StoredObservation>> = BTreeMap::new();
    for o in list {
        by.entry(o.dataset.clone()).or_default().push(o);
    }
    by
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_policy_parses_and_bad_ones_are_refused() {
        let p = Policy::default();
        assert_eq!(p.tolerance.ratio, 0.15);
        assert_eq!(p.academic_year.calendar_year_is, CalendarYearIs::Either);
        assert!(p.related.contains_key("students.entrants"));
        assert!(
            Policy::parse(
                "[tolerance]\nequals = 2\napprox = 0.1\nratio = 0.1\n[academic_year]\ncalendar_year_is = \"end\"\n"
            )
            .is_err()
        );
        assert!(Policy::parse("nonsense = 1").is_err());
    }

    #[test]
    fn judgements_are_left_to_the_diagnostics() {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        // The language barrier is about FRA→KAZ, so only its assessment keeps it out.
        let Some(Record::Claim(barrier)) = store.record("assess-language-barrier").unwrap().map(|s| s.record) else {
            panic!("assess-language-barrier is not stored as a claim");
        };
        assert!(barrier.assessment.is_some());
        let checked = claims(&store, &Dyad::new("FRA", "KAZ"), &Policy::default(), Style::Gost).unwrap();
        assert!(checked.iter().any(|c| c.claim_id == "claim-students-entered-2013"));
        assert!(checked.iter().all(|c| !c.claim_id.starts_with("assess-")), "{checked:?}");
    }

    #[test]
    fn academic_years_line_up_as_the_policy_says() {
        let mut p = Policy::default();
        let data = [Period::Year(2013), Period::Year(2014)];
        // Either end, the start first; both named when both are in the data.
        assert_eq!(readings(&[Period::AcademicYear(2013)], &data, &p), [Reading::Start, Reading::End]);
        assert_eq!(readings(&[Period::AcademicYear(2012)], &data, &p), [Reading::End]);
        assert_eq!(readings(&[Period::Year(2014)], &[Period::AcademicYear(2013)], &p), [Reading::End]);
        p.academic_year.calendar_year_is = CalendarYearIs::End;
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), Some(Period::Year(2014)));
        p.academic_year.calendar_year_is = CalendarYearIs::Start;
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), Some(Period::Year(2013)));
        p.academic_year.calendar_year_is = CalendarYearIs::None;
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), None);
        assert_eq!(align(Period::Year(2013), &data, &p), Some(Period::Year(2013)));
    }

    fn observed(dataset: &str, period: Period, value: f64, raw: Option<f64>) -> StoredObservation {
        StoredObservation {
            dataset: dataset.into(),
            observation: entente_model::record::Observation {
                id: format!("{dataset}.{period}"),
                indicator: "students.enrolled".into(),
                country: None,
                from: Some("KAZ".into()),
                to: Some("FRA".into()),
                period,
                value,
                raw_value: raw,
                unit: "students".into(),
                sources: vec![entente_model::Citation::evidence("src", "row")],
                note: raw.map(|_| "halved".to_string()),
            },
        }
    }

    fn claim(relation: Relation, value: f64, period: &str, base: Option<&str>) -> Claim {
        Claim {
            id: "c".into(),
            text: "t".into(),
            lang: "en".into(),
            indicator: Some("students.enrolled".into()),
            country: None,
            from: Some("KAZ".into()),
            to: Some("FRA".into()),
            about: None,
            period: Some(period.parse().unwrap()),
            base_period: base.map(|b| b.parse().unwrap()),
            relation: Some(relation),
            value: Some(value),
            unit: Some("students".into()),
            assessment: None,
            sources: vec![],
            note: None,
        }
    }

    #[test]
    fn an_academic_year_is_set_against_both_ends_and_says_which_is_which() {
        let data = [
            observed("oecd", Period::Year(2013), 346.0, Some(692.0)),
            observed("oecd", Period::Year(2014), 392.0, Some(784.0)),
        ];
        let list: Vec<&StoredObservation> = data.iter().collect();
        let p = Policy::default();
        // 513 is far from both ends: it does not hold, at either end.
        let (outcome, text, ids) = judge(&claim(Relation::Equals, 513.0, "2013-14", None), &list, &p, true);
        assert_eq!(outcome, Outcome::Fails);
        assert_eq!(ids, ["oecd.2013", "oecd.2014"]);
        assert!(text.contains("346 (the file gives 692, corrected as the observation's note says) in 2013 (the calendar year 2013/14 starts in)"), "{text}");
        assert!(text.contains("392 (the file gives 784, corrected as the observation's note says) in 2014 (the calendar year 2013/14 ends in)"), "{text}");
        assert!(text.ends_with("it does not hold at either end"), "{text}");
        // 350 is within 5% of 346 but not of 392: the ends disagree and nothing is decided.
        let (outcome, text, _) = judge(&claim(Relation::Equals, 350.0, "2013/14", None), &list, &p, true);
        assert_eq!(outcome, Outcome::Incomparable);
        assert!(
            text.ends_with("the start year bears it out and the end year does not, so these data cannot decide"),
            "{text}"
        );
        assert!(!text.contains(HOLDS) && !text.contains(FAILS), "{text}");
        // With one end chosen by the policy, one figure decides.
        let mut end = p.clone();
        end.academic_year.calendar_year_is = CalendarYearIs::End;
        let (outcome, text, _) = judge(&claim(Relation::Equals, 392.0, "2013/14", None), &list, &end, true);
        assert_eq!(outcome, Outcome::Holds);
        assert!(text.ends_with(": it holds"), "{text}");
        // Another measure is shown for reference and decides nothing.
        let (outcome, text, ids) = judge(&claim(Relation::Equals, 513.0, "2013/14", None), &list, &p, false);
        assert_eq!(outcome, Outcome::Incomparable);
        assert_eq!(ids.len(), 2);
        assert!(!text.contains(HOLDS) && !text.contains(FAILS), "{text}");
    }

    #[test]
    fn a_ratio_pairs_start_with_start_and_end_with_end() {
        let data = [
            observed("oecd", Period::Year(2013), 346.0, None),
            observed("oecd", Period::Year(2014), 392.0, None),
            observed("oecd", Period::Year(2018), 367.0, None),
            observed("oecd", Period::Year(2019), 432.0, None),
        ];
        let list: Vec<&StoredObservation> = data.iter().collect();
        let (outcome, text, ids) =
            judge(&claim(Relation::Ratio, 2.0, "2018/19", Some("2013/14")), &list, &Policy::default(), true);
        assert_eq!(outcome, Outcome::Fails);
        assert_eq!(ids, ["oecd.2018", "oecd.2013", "oecd.2019", "oecd.2014"]);
        assert!(text.contains("367 in 2018 (the calendar year 2018/19 starts in) against 346 in 2013 (the calendar year 2013/14 starts in) is a ratio of 1.06"), "{text}");
        assert!(text.contains("432 in 2019 (the calendar year 2018/19 ends in) against 392 in 2014 (the calendar year 2013/14 ends in) is a ratio of 1.10"), "{text}");
    }

    #[test]
    fn a_verdict_and_its_reasoning_must_agree() {
        let checked = |verdict: Verdict, lines: &[&str]| ClaimCheck {
            claim_id: "c".into(),
            text: "t".into(),
            lang: "en".into(),
            indicator: None,
            reading: String::new(),
            claim_sources: vec![],
            verdict,
            reasoning: lines.iter().map(|l| l.to_string()).collect(),
            evidence: vec![],
        };
        let fails = "oecd: 392 in 2014; the claim says equal within ±5% to 513: it does not hold.";
        let holds = "oecd: 513 in 2014; the claim says equal within ±5% to 513: it holds.";
        let reference =
            "For reference only: oecd: 392 in 2014; the claim says 513; as a different measure, this is no verdict.";
        // The audit's case: "does not hold" under not_comparable.
        let p = verdict_text_problem(&checked(Verdict::NotComparable, &[fails])).unwrap();
        assert_eq!(
            p,
            "claim c decides nothing, but its reasoning says it holds or does not hold (verdict not_comparable)"
        );
        assert!(verdict_text_problem(&checked(Verdict::NotComparable, &[reference])).is_none());
        assert!(verdict_text_problem(&checked(Verdict::Contradicted, &[fails])).is_none());
        assert!(verdict_text_problem(&checked(Verdict::Supported, &[holds])).is_none());
        assert!(verdict_text_problem(&checked(Verdict::Supported, &[fails])).is_some());
        assert!(verdict_text_problem(&checked(Verdict::Contradicted, &[holds])).is_some());
        // Datasets that disagree make a not_comparable verdict with both lines: that is consistent.
        assert!(verdict_text_problem(&checked(Verdict::NotComparable, &[holds, fails])).is_none());
    }
}
