//! Claims set beside the data: for each figure a source states, the observations that bear
//! on it and a verdict — `supported`, `contradicted`, `not_comparable` or `no_data` — with
//! the reasoning a reader can check and the sources of both sides.
//!
//! The rules are general and configurable ([`Policy`], `data/claims-policy.toml`):
//! 1. A claim needs an indicator, a relation and a value; otherwise there is nothing to
//!    look up (`no_data`).
//! 2. Evidence is observations of the claim's indicator (or an `equivalent` one) for the same
//!    country or directed pair, from sources other than the claim's own.
//! 3. Periods must match; a calendar year stands for an academic year as the policy says.
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
    End,
    Start,
    None,
}

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

/// The data period that stands for the claim's period, under the policy; `None` when they
/// cannot be lined up.
fn align(claim: Period, data: &[Period], policy: &Policy) -> Option<Period> {
    if data.contains(&claim) {
        return Some(claim);
    }
    let mapped = match (claim, policy.academic_year.calendar_year_is) {
        (_, CalendarYearIs::None) => return None,
        (Period::AcademicYear(y), CalendarYearIs::End) => Period::Year(y + 1),
        (Period::AcademicYear(y), CalendarYearIs::Start) => Period::Year(y),
        (Period::Year(y), CalendarYearIs::End) => Period::AcademicYear(y - 1),
        (Period::Year(y), CalendarYearIs::Start) => Period::AcademicYear(y),
    };
    data.contains(&mapped).then_some(mapped)
}

fn period_note(claim: Period, used: Period, policy: &Policy) -> String {
    if claim == used {
        String::new()
    } else {
        format!(
            " (calendar year {} stands for {claim} under the policy calendar_year_is = \"{}\")",
            used.start_year(),
            match policy.academic_year.calendar_year_is {
                CalendarYearIs::End => "end",
                CalendarYearIs::Start => "start",
                CalendarYearIs::None => "none",
            }
        )
    }
}

fn within(actual: f64, claimed: f64, tolerance: f64) -> bool {
    claimed != 0.0 && ((actual - claimed) / claimed).abs() <= tolerance
}

/// What one dataset says of the claim: supported (true), contradicted (false), or nothing.
/// What one dataset says of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Holds,
    Fails,
    /// The data cannot be set against the claim (no period, or periods of another kind).
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

fn judge(c: &Claim, list: &[&StoredObservation], policy: &Policy) -> (Outcome, String, Vec<String>) {
    let periods: Vec<Period> = list.iter().map(|o| o.observation.period).collect();
    let value_at = |p: Period| {
        list.iter().find(|o| o.observation.period == p).map(|o| (o.observation.value, o.observation.id.clone()))
    };
    let dataset = list.first().map(|o| o.dataset.clone()).unwrap_or_default();
    let (Some(rel), Some(claimed)) = (c.relation, c.value) else {
        return (Outcome::Incomparable, format!("{dataset}: the claim states no figure to compare"), Vec::new());
    };
    let Some(period) = c.period else {
        let text = format!("{dataset}: the claim gives no period, and the data run from {}", span(&periods));
        return (Outcome::Incomparable, text, Vec::new());
    };
    let Some(at) = align(period, &periods, policy) else {
        return unaligned(&dataset, "period", period, &periods, policy);
    };
    let Some((v, id)) = value_at(at) else { return (Outcome::Missing, String::new(), Vec::new()) };
    if rel == Relation::Ratio {
        let Some(base) = c.base_period else {
            return (Outcome::Incomparable, format!("{dataset}: a ratio needs a base period"), Vec::new());
        };
        let Some(bat) = align(base, &periods, policy) else {
            return unaligned(&dataset, "base period", base, &periods, policy);
        };
        let Some((bv, bid)) = value_at(bat) else { return (Outcome::Missing, String::new(), Vec::new()) };
        if bv == 0.0 {
            return (Outcome::Missing, format!("{dataset}: the base figure is 0, so no ratio"), Vec::new());
        }
        let ratio = v / bv;
        let ok = within(ratio, claimed, policy.tolerance.ratio);
        let text = format!(
            "{dataset}: {} in {at}{} against {} in {bat}{} is a ratio of {:.2}; the claim says {} (accepted within ±{:.0}%): {}",
            format_number(v),
            period_note(period, at, policy),
            format_number(bv),
            period_note(base, bat, policy),
            ratio,
            format_number(claimed),
            policy.tolerance.ratio * 100.0,
            if ok { "it holds" } else { "it does not hold" }
        );
        return (if ok { Outcome::Holds } else { Outcome::Fails }, text, vec![id, bid]);
    }
    let (ok, rule) = match rel {
        Relation::Equals => (
            within(v, claimed, policy.tolerance.equals),
            format!("equal within ±{:.0}%", policy.tolerance.equals * 100.0),
        ),
        Relation::Approx => (
            within(v, claimed, policy.tolerance.approx),
            format!("about equal, within ±{:.0}%", policy.tolerance.approx * 100.0),
        ),
        Relation::MoreThan => (v > claimed, "more than".into()),
        Relation::LessThan => (v < claimed, "less than".into()),
        Relation::AtLeast => (v >= claimed, "at least".into()),
        Relation::AtMost => (v <= claimed, "at most".into()),
        // Judged above.
        Relation::Ratio => return (Outcome::Missing, String::new(), Vec::new()),
    };
    let text = format!(
        "{dataset}: {} in {at}{}; the claim says {rule} {}: {}",
        format_number(v),
        period_note(period, at, policy),
        format_number(claimed),
        if ok { "it holds" } else { "it does not hold" }
    );
    (if ok { Outcome::Holds } else { Outcome::Fails }, text, vec![id])
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
        unit: o.observation.unit.clone(),
        dataset: o.dataset.clone(),
        source: SourceRef {
            source_id: id.clone(),
            locator: cite.map(|c| c.locator.clone()).unwrap_or_default(),
            quote: None,
            reference: None,
            citation: sources.get(&id).cloned().unwrap_or_default(),
        },
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
        // What the related figures would say, for the reader to weigh.
        for list in group(&near).into_values() {
            let (_, text, ids) = judge(c, &list, policy);
            if !text.is_empty() {
                result.reasoning.push(format!("For reference only, as it is a different measure: {text}."));
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
        let (ok, text, ids) = judge(c, &list, policy);
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
        assert_eq!(p.academic_year.calendar_year_is, CalendarYearIs::End);
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
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), Some(Period::Year(2014)));
        p.academic_year.calendar_year_is = CalendarYearIs::Start;
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), Some(Period::Year(2013)));
        p.academic_year.calendar_year_is = CalendarYearIs::None;
        assert_eq!(align(Period::AcademicYear(2013), &data, &p), None);
        assert_eq!(align(Period::Year(2013), &data, &p), Some(Period::Year(2013)));
    }
}
