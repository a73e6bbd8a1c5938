//! The paper's systemic method for any dyad: strengths, weaknesses, barriers and prospects
//! of A projecting into B, each produced by a documented rule kept in a data file
//! (`data/diagnose-rules.toml`), not in code, and each with the figures it rests on and their
//! sources. Beside them stand the judgements sources made about the pair (curated claims
//! with an `assessment`), so a reader sees the paper's view next to what the data says.
//!
//! A rule reads *facts* — named figures computed here from the index comparison and the
//! records — and applies one test. The finding is `supported` when the test holds,
//! `contradicted` when the facts are there and it does not, `no_data` when a fact is missing.

use std::collections::BTreeMap;

use entente_cite::Style;
use entente_index::Config;
use entente_model::ontology::Status;
use entente_model::record::{Claim, Record, RecordKind, format_number};
use entente_model::{CountryTable, Dyad};
use entente_store::Store;
use serde::{Deserialize, Serialize};

use crate::AnalyticsError;
use crate::compare::{CompareError, CompareOptions, Comparison, ConfigRef, Direction, Gathered, ValueStatus, compare};
use crate::timeline::SourceRef;

const DEFAULT_RULES: &str = include_str!("../../../data/diagnose-rules.toml");

/// One test a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// fact ≥ value
    AtLeast,
    /// fact ≤ value
    AtMost,
    /// fact / over ≥ value
    RatioAtLeast,
    /// fact ≥ over (a rise from the earlier figure)
    Rising,
    /// fact < over (a fall from the earlier figure)
    Falling,
    /// a rank fact ≤ value (among the best `value`)
    RankAtMost,
    /// a rank fact in the lower part: rank / of ≥ value
    RankShareAtLeast,
}

/// A diagnostic rule, as written in the rules file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: String,
    pub topic: String,
    pub fact: String,
    pub test: Test,
    #[serde(default)]
    pub over: Option<String>,
    #[serde(default)]
    pub value: Option<f64>,
    /// The finding when the test holds; `{A}`, `{B}`, `{fact}`, `{over}`, `{ratio}`, `{of}`,
    /// `{leader}` are filled in.
    pub text: String,
    /// The same sentence in the interface's other languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_fr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_kk: Option<String>,
    /// Why the rule exists and what its threshold rests on.
    pub why: String,
}

impl Rule {
    /// The finding's sentence in `lang`, else in English.
    fn text_in(&self, lang: &str) -> &str {
        let t = match lang {
            "fr" => self.text_fr.as_deref(),
            "ru" => self.text_ru.as_deref(),
            "kk" => self.text_kk.as_deref(),
            _ => None,
        };
        t.unwrap_or(&self.text)
    }
}

/// The sentences a finding is written with when the test fails or a figure is missing, in
/// one language. `{description}` is the test's own template; the test templates name the
/// facts (`{name}`, `{over_name}`) and their values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub no_data: String,
    pub not_borne_out: String,
    pub at_least: String,
    pub at_most: String,
    pub ratio_at_least: String,
    pub rising: String,
    pub falling: String,
    pub rank_at_most: String,
    pub rank_share_at_least: String,
}

impl Messages {
    fn for_test(&self, test: Test) -> &str {
        match test {
            Test::AtLeast => &self.at_least,
            Test::AtMost => &self.at_most,
            Test::RatioAtLeast => &self.ratio_at_least,
            Test::Rising => &self.rising,
            Test::Falling => &self.falling,
            Test::RankAtMost => &self.rank_at_most,
            Test::RankShareAtLeast => &self.rank_share_at_least,
        }
    }
}

/// The rules file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub name: String,
    pub version: String,
    /// Per language (`en` required; `fr`, `ru`, `kk` optional, falling back to English).
    pub messages: BTreeMap<String, Messages>,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
    #[serde(skip_deserializing)]
    pub sha256: String,
}

const CATEGORIES: [&str; 4] = ["strength", "weakness", "barrier", "prospect"];

impl Rules {
    /// Reads and checks a rules file: unknown facts, categories, tests without their
    /// parameters and duplicate ids are refused with the rule's id.
    pub fn parse(file: &str, text: &str) -> Result<Rules, String> {
        let mut rules: Rules = toml::from_str(text).map_err(|e| format!("{file}: not a valid rules file: {e}"))?;
        if !rules.messages.contains_key("en") {
            return Err(format!("{file}: [messages.en] is required"));
        }
        if let Some(lang) = rules.messages.keys().find(|l| !["en", "fr", "ru", "kk"].contains(&l.as_str())) {
            return Err(format!("{file}: [messages.{lang}]: the languages are en, fr, ru and kk"));
        }
        let mut seen = std::collections::HashSet::new();
        for r in &rules.rules {
            let at = format!("{file}: rule \"{}\"", r.id);
            if !seen.insert(r.id.clone()) {
                return Err(format!("{at}: the id is used twice"));
            }
            if !CATEGORIES.contains(&r.category.as_str()) {
                return Err(format!("{at}: category \"{}\" is not one of {}", r.category, CATEGORIES.join(", ")));
            }
            if r.topic.parse::<entente_model::ontology::Topic>().is_err() {
                return Err(format!("{at}: topic \"{}\" is not a known topic", r.topic));
            }
            for f in std::iter::once(&r.fact).chain(r.over.as_ref()) {
                if !fact_is_known(f) {
                    return Err(format!("{at}: fact \"{f}\" is unknown; facts are {}", FACTS.join(", ")));
                }
            }
            let needs_over = matches!(r.test, Test::RatioAtLeast | Test::Rising | Test::Falling);
            if needs_over != r.over.is_some() {
                return Err(format!(
                    "{at}: `over` is {} for this test",
                    if needs_over { "required" } else { "not used" }
                ));
            }
            let needs_value = !matches!(r.test, Test::Rising | Test::Falling);
            if needs_value && !r.value.is_some_and(f64::is_finite) {
                return Err(format!("{at}: this test needs a finite `value`"));
            }
        }
        rules.sha256 = sha256_hex(text.as_bytes());
        Ok(rules)
    }

    /// The messages in `lang`, else in English.
    fn messages(&self, lang: &str) -> Option<&Messages> {
        self.messages.get(lang).or_else(|| self.messages.get("en"))
    }

    pub fn bundled() -> Rules {
        Rules::parse("data/diagnose-rules.toml", DEFAULT_RULES).expect("the bundled rules parse (tested)")
    }
}

/// The facts rules may name. `indicator.<key>`, `indicator_rank.<key>` and
/// `dimension_rank.<key>` take any key of the index configuration.
/// `distance_km` is named for the distance-and-cost barrier but no data set provides it yet,
/// so a rule on it reports no data.
pub const FACTS: [&str; 11] = [
    "indicator.<key>",
    "indicator_rank.<key>",
    "dimension_rank.<key>",
    "index_rank",
    "events_recent",
    "events_previous",
    "events_disrupted",
    "outbound_students_b",
    "inbound_students_b",
    "partners_ranked",
    "distance_km",
];

fn fact_is_known(f: &str) -> bool {
    ["indicator.", "indicator_rank.", "dimension_rank."]
        .iter()
        .any(|p| f.strip_prefix(p).is_some_and(|k| !k.is_empty()))
        || FACTS.contains(&f)
}

/// A named figure with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fact {
    pub name: String,
    pub value: f64,
    /// For a rank: among how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<usize>,
    /// For a dimension rank: the partner ranked first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// What it was computed from: observation or event ids, or the comparison.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    Supported,
    Contradicted,
    NoData,
}

impl FindingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Supported => "supported",
            FindingStatus::Contradicted => "contradicted",
            FindingStatus::NoData => "no_data",
        }
    }
}

/// One rule applied to the dyad.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub rule: String,
    pub category: String,
    pub topic: String,
    pub status: FindingStatus,
    pub sentence: String,
    pub evidence: Vec<Fact>,
    /// Why the rule exists.
    pub why: String,
}

/// A judgement a source made about the pair (a claim with an assessment), beside the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Judgement {
    pub claim: String,
    pub category: String,
    pub topic: String,
    pub text: String,
    pub sources: Vec<SourceRef>,
    /// The rules on the same topic and what they found.
    pub findings: Vec<(String, FindingStatus)>,
    /// What the data says, in one word: supported when a finding on the topic is, contradicted
    /// when findings are there and none holds, no_data otherwise.
    pub data: FindingStatus,
}

/// The diagnosis of A projecting into B.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Diagnosis {
    pub a: String,
    pub b: String,
    pub names: [String; 2],
    pub year: i32,
    pub config: ConfigRef,
    pub rules: RulesRef,
    pub findings: Vec<Finding>,
    pub judgements: Vec<Judgement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RulesRef {
    pub name: String,
    pub version: String,
    pub sha256: String,
}

/// What `diagnose` looks at: `a` projecting into the gathered focus country in `year` (by
/// default the comparison's year), told in `lang` and `style`.
#[derive(Debug, Clone, Copy)]
pub struct DiagnoseAsk<'a> {
    pub a: &'a str,
    pub year: Option<i32>,
    pub lang: &'a str,
    pub style: Style,
}

/// Diagnoses A projecting into B.
pub fn diagnose(
    store: &Store,
    config: &Config,
    rules: &Rules,
    g: &Gathered,
    ask: &DiagnoseAsk<'_>,
) -> Result<Diagnosis, AnalyticsError> {
    let DiagnoseAsk { a, year, lang, style } = *ask;
    let b = g.focus().to_string();
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    let opts = CompareOptions {
        focus: b.clone(),
        direction: Direction::In,
        year,
        draws: Some(200),
        seed: None,
        lang: lang.to_string(),
        style,
    };
    // Without any data the comparison fails; the record-based facts still stand.
    let comparison = match compare(store, config, g, &opts) {
        Ok(c) => Some(c),
        Err(CompareError::NoData(_)) => None,
        Err(CompareError::Analytics(e)) => return Err(e),
    };
    let dyad = Dyad::new(a, &b);
    // Without a comparison the pair's latest recorded event sets the year; with neither,
    // every finding is `no_data` and the year is only a label.
    let latest_event =
        store.events_between(a, &b, &Default::default())?.iter().filter(|e| !e.context).map(|e| e.date.year).max();
    let year = year.or(comparison.as_ref().map(|c| c.year)).or(latest_event).unwrap_or(2020);
    let mut facts = comparison.as_ref().map(|c| comparison_facts(c, a)).unwrap_or_default();
    event_facts(store, &dyad, year, &mut facts)?;
    student_facts(store, &b, year, &mut facts, style)?;

    let names = (name(a), name(&b));
    // Parsing guarantees English messages; rules built by hand without any yield no findings.
    let findings: Vec<Finding> = match rules.messages(lang) {
        Some(messages) => {
            rules.rules.iter().map(|r| apply(r, &facts, (&names.0, &names.1), lang, messages, &name)).collect()
        }
        None => Vec::new(),
    };
    let judgements = judgements(store, &dyad, &findings, style)?;
    Ok(Diagnosis {
        a: a.to_string(),
        b: b.clone(),
        names: [name(a), name(&b)],
        year,
        config: ConfigRef::of(config),
        rules: RulesRef { name: rules.name.clone(), version: rules.version.clone(), sha256: rules.sha256.clone() },
        findings,
        judgements,
    })
}

fn comparison_facts(c: &Comparison, a: &str) -> BTreeMap<String, Fact> {
    let mut facts = BTreeMap::new();
    let fact = |name: String, value: f64| Fact {
        name,
        value,
        of: None,
        leader: None,
        period: Some(c.year.to_string()),
        records: Vec::new(),
        source: None,
    };
    facts.insert("partners_ranked".into(), fact("partners_ranked".into(), c.ranked as f64));
    let Some(me) = c.partners.iter().find(|p| p.partner == a) else { return facts };
    if let Some(r) = me.rank {
        facts.insert("index_rank".into(), Fact { of: Some(c.ranked), ..fact("index_rank".into(), r as f64) });
    }
    for info in &c.indicators {
        let Some(cell) = me.evidence.get(&info.key) else { continue };
        let Some(v) = cell.value else { continue };
        let name = format!("indicator.{}", info.key);
        facts.insert(
            name.clone(),
            Fact {
                name,
                value: v,
                of: None,
                leader: None,
                period: cell.period.clone(),
                records: cell.records.clone(),
                source: cell.source.clone(),
            },
        );
        if cell.status == ValueStatus::Excluded {
            continue;
        }
        // Rank on the raw value among partners that have one (1 = the largest).
        let values: Vec<(f64, &str)> = c
            .partners
            .iter()
            .filter_map(|p| Some((p.indicators.get(&info.key).copied().flatten()?, p.partner.as_str())))
            .collect();
        let rank = 1 + values.iter().filter(|(x, _)| *x > v).count();
        let leader = values.iter().max_by(|x, y| x.0.total_cmp(&y.0)).map(|(_, p)| p.to_string());
        let name = format!("indicator_rank.{}", info.key);
        facts.insert(name.clone(), Fact { of: Some(values.len()), leader, ..fact(name, rank as f64) });
    }
    for d in &c.dimensions {
        let Some(Some(v)) = me.dimensions.get(&d.key) else { continue };
        let values: Vec<(f64, &str)> = c
            .partners
            .iter()
            .filter(|p| p.rank.is_some())
            .filter_map(|p| Some((p.dimensions.get(&d.key).copied().flatten()?, p.partner.as_str())))
            .collect();
        if me.rank.is_none() {
            continue;
        }
        let rank = 1 + values.iter().filter(|(x, _)| x > v).count();
        let leader = values.iter().max_by(|x, y| x.0.total_cmp(&y.0)).map(|(_, p)| p.to_string());
        let name = format!("dimension_rank.{}", d.key);
        facts.insert(name.clone(), Fact { of: Some(values.len()), leader, ..fact(name, rank as f64) });
    }
    facts
}

fn event_facts(
    store: &Store,
    dyad: &Dyad,
    year: i32,
    facts: &mut BTreeMap<String, Fact>,
) -> Result<(), AnalyticsError> {
    // Only bilateral events: one there by context says nothing of the pair's trend.
    let events: Vec<_> =
        store.events_between(&dyad.a, &dyad.b, &Default::default())?.into_iter().filter(|e| !e.context).collect();
    if events.is_empty() {
        return Ok(());
    }
    let mut count = |name: &str, lo: i32, hi: i32, disrupted: bool| {
        let chosen: Vec<String> = events
            .iter()
            .filter(|e| (lo..=hi).contains(&e.date.year))
            .filter(|e| !disrupted || matches!(e.status, Status::Cancelled | Status::Postponed))
            .map(|e| e.id.clone())
            .collect();
        facts.insert(
            name.to_string(),
            Fact {
                name: name.to_string(),
                value: chosen.len() as f64,
                of: None,
                leader: None,
                period: Some(format!("{lo}–{hi}")),
                records: chosen,
                source: None,
            },
        );
    };
    count("events_recent", year - 4, year, false);
    count("events_previous", year - 9, year - 5, false);
    count("events_disrupted", year - 9, year, true);
    Ok(())
}

/// B's outbound students (all destinations of one dataset, the latest year ≤ `year`) and its
/// inbound total.
fn student_facts(
    store: &Store,
    b: &str,
    year: i32,
    facts: &mut BTreeMap<String, Fact>,
    style: Style,
) -> Result<(), AnalyticsError> {
    let mut sources = crate::indicators::Sources::new(store, style);
    // UIS destinations list the top destinations plus the rest, so they add up to the total.
    let mut by_year: BTreeMap<i32, Vec<entente_store::StoredObservation>> = BTreeMap::new();
    for o in store.observations("students.enrolled", Some(b), None, None)? {
        if o.dataset == "uis-destinations-by-origin" && o.observation.period.start_year() <= year {
            by_year.entry(o.observation.period.start_year()).or_default().push(o);
        }
    }
    for o in store.observations("students.enrolled_other_destinations", None, None, Some(b))? {
        if o.dataset == "uis-destinations-by-origin" && o.observation.period.start_year() <= year {
            by_year.entry(o.observation.period.start_year()).or_default().push(o);
        }
    }
    // A year a source has only begun to publish holds a few rows: take the latest year whose
    // total is at least half the largest.
    let totals: Vec<(i32, f64)> =
        by_year.iter().map(|(y, list)| (*y, list.iter().map(|o| o.observation.value).sum())).collect();
    let best = totals.iter().map(|(_, t)| *t).fold(0.0, f64::max);
    let chosen = totals.iter().rev().find(|(_, t)| 2.0 * t >= best).map(|(y, _)| *y);
    if let Some((y, list)) = chosen.and_then(|y| by_year.remove_entry(&y)) {
        let source = match list.first() {
            Some(o) => Some(sources.cite(o)?),
            None => None,
        };
        facts.insert(
            "outbound_students_b".into(),
            Fact {
                name: "outbound_students_b".into(),
                value: list.iter().map(|o| o.observation.value).sum(),
                of: None,
                leader: None,
                period: Some(y.to_string()),
                records: list.iter().map(|o| o.observation.id.clone()).collect(),
                source,
            },
        );
    }
    let inbound = store.observations("students.inbound_total", None, None, Some(b))?;
    if let Some(o) = inbound
        .iter()
        .filter(|o| o.observation.period.start_year() <= year)
        .max_by_key(|o| o.observation.period.start_year())
    {
        facts.insert(
            "inbound_students_b".into(),
            Fact {
                name: "inbound_students_b".into(),
                value: o.observation.value,
                of: None,
                leader: None,
                period: Some(o.observation.period.to_string()),
                records: vec![o.observation.id.clone()],
                source: Some(sources.cite(o)?),
            },
        );
    }
    Ok(())
}

fn apply(
    r: &Rule,
    facts: &BTreeMap<String, Fact>,
    (a, b): (&str, &str),
    lang: &str,
    messages: &Messages,
    name: &dyn Fn(&str) -> String,
) -> Finding {
    let fact = facts.get(&r.fact);
    let over = r.over.as_ref().map(|o| facts.get(o));
    let mut evidence: Vec<Fact> = fact.into_iter().cloned().collect();
    if let Some(Some(o)) = over {
        evidence.push(o.clone());
    }
    let no_data = |missing: &str| Finding {
        rule: r.id.clone(),
        category: r.category.clone(),
        topic: r.topic.clone(),
        status: FindingStatus::NoData,
        sentence: messages.no_data.replace("{missing}", missing).replace("{A}", a).replace("{B}", b),
        evidence: evidence.clone(),
        why: r.why.clone(),
    };
    let Some(f) = fact else { return no_data(&r.fact) };
    let o = match over {
        Some(None) => return no_data(r.over.as_deref().unwrap_or("")),
        Some(Some(o)) => Some(o.value),
        None => None,
    };
    let threshold = r.value.unwrap_or(0.0);
    let ratio = o.filter(|o| *o != 0.0).map(|o| f.value / o);
    let holds = match r.test {
        Test::AtLeast => Some(f.value >= threshold),
        Test::AtMost => Some(f.value <= threshold),
        Test::RatioAtLeast => ratio.map(|x| x >= threshold),
        Test::Rising => o.map(|o| f.value > o),
        Test::Falling => o.map(|o| f.value < o),
        Test::RankAtMost => Some(f.value <= threshold),
        Test::RankShareAtLeast => f.of.filter(|n| *n > 0).map(|n| f.value / n as f64 >= threshold),
    };
    let Some(holds) = holds else { return no_data(r.over.as_deref().unwrap_or(&r.fact)) };
    let fill = |t: &str| {
        t.replace("{A}", a)
            .replace("{B}", b)
            .replace("{fact}", &format_number(round2(f.value)))
            .replace("{over}", &o.map(|v| format_number(round2(v))).unwrap_or_default())
            .replace("{ratio}", &ratio.map(|v| format!("{v:.1}")).unwrap_or_default())
            .replace("{of}", &f.of.map(|n| n.to_string()).unwrap_or_default())
            .replace("{leader}", &f.leader.as_deref().map(name).unwrap_or_default())
            .replace("{period}", f.period.as_deref().unwrap_or(""))
            .replace("{name}", &r.fact)
            .replace("{over_name}", r.over.as_deref().unwrap_or(""))
            .replace("{value}", &r.value.map(format_number).unwrap_or_default())
    };
    let sentence = if holds {
        fill(r.text_in(lang))
    } else {
        messages.not_borne_out.replace("{description}", &fill(messages.for_test(r.test)))
    };
    Finding {
        rule: r.id.clone(),
        category: r.category.clone(),
        topic: r.topic.clone(),
        status: if holds { FindingStatus::Supported } else { FindingStatus::Contradicted },
        sentence,
        evidence,
        why: r.why.clone(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn judgements(
    store: &Store,
    dyad: &Dyad,
    findings: &[Finding],
    style: Style,
) -> Result<Vec<Judgement>, AnalyticsError> {
    let mut out = Vec::new();
    // A judgement that names no country is about the relation its dataset documents: the
    // datasets that hold the pair's events.
    let mut pair_datasets = std::collections::BTreeSet::new();
    for e in store.events_between(&dyad.a, &dyad.b, &Default::default())? {
        if let Some(r) = store.record(&e.id)? {
            pair_datasets.insert(r.dataset);
        }
    }
    for record in store.records_of_kind(RecordKind::Claim)? {
        let Record::Claim(c) = record else { continue };
        let Some(assessment) = &c.assessment else { continue };
        let relevant = match about(&c, dyad) {
            Some(yes) => yes,
            None => store.record(&c.id)?.is_some_and(|r| pair_datasets.contains(&r.dataset)),
        };
        if !relevant {
            continue;
        }
        let topic = assessment.topic.as_str().to_string();
        let on_topic: Vec<(String, FindingStatus)> =
            findings.iter().filter(|f| f.topic == topic).map(|f| (f.rule.clone(), f.status)).collect();
        let data = if on_topic.iter().any(|(_, s)| *s == FindingStatus::Supported) {
            FindingStatus::Supported
        } else if on_topic.iter().any(|(_, s)| *s == FindingStatus::Contradicted) {
            FindingStatus::Contradicted
        } else {
            FindingStatus::NoData
        };
        out.push(Judgement {
            claim: c.id.clone(),
            category: assessment.category.as_str().to_string(),
            topic,
            text: c.text.clone(),
            sources: crate::timeline::cite_all(store, &c.sources, style)?,
            findings: on_topic,
            data,
        });
    }
    out.sort_by_key(|j| (CATEGORIES.iter().position(|c| *c == j.category), j.topic.clone(), j.claim.clone()));
    Ok(out)
}

/// Whether the claim concerns the pair: yes when every country it names is one of the two,
/// no when it names another, and unknown (`None`) when it names none.
fn about(c: &Claim, dyad: &Dyad) -> Option<bool> {
    let named: Vec<&str> = [&c.country, &c.from, &c.to].into_iter().flatten().map(String::as_str).collect();
    if named.is_empty() {
        return None;
    }
    Some(named.iter().all(|x| *x == dyad.a || *x == dyad.b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "name = \"t\"\nversion = \"1\"\n[messages.en]\nno_data = \"No data: {missing}\"\nnot_borne_out = \"Not borne out: {description}\"\nat_least = \"a\"\nat_most = \"{name} is {fact}, above {value}\"\nratio_at_least = \"r\"\nrising = \"u\"\nfalling = \"d\"\nrank_at_most = \"k\"\nrank_share_at_least = \"s\"\n[[rule]]\nid = \"r\"\ncategory = \"barrier\"\ntopic = \"language\"\nfact = \"indicator.x\"\ntest = \"at_most\"\nvalue = 3\ntext = \"{A} has {fact} in {B}\"\nwhy = \"w\"\n";

    fn fact(name: &str, value: f64) -> (String, Fact) {
        let f =
            Fact { name: name.into(), value, of: None, leader: None, period: None, records: Vec::new(), source: None };
        (name.to_string(), f)
    }

    #[test]
    fn the_bundled_rules_parse_and_cover_the_four_barriers() {
        let rules = Rules::bundled();
        assert_eq!(rules.sha256.len(), 64);
        for topic in ["education_ranking", "distance_cost", "language", "brain_drain"] {
            assert!(rules.rules.iter().any(|r| r.category == "barrier" && r.topic == topic), "{topic}");
        }
    }

    #[test]
    fn the_bundled_rules_speak_the_four_languages() {
        let rules = Rules::bundled();
        for lang in ["en", "fr", "ru", "kk"] {
            assert!(rules.messages.contains_key(lang), "{lang}");
        }
        for r in &rules.rules {
            for lang in ["fr", "ru", "kk"] {
                let t = r.text_in(lang);
                assert_ne!(t, r.text, "rule {} has no {lang} text", r.id);
                // The same placeholders as the English sentence, so no figure is lost.
                for p in ["{A}", "{B}", "{fact}", "{over}", "{ratio}", "{of}", "{leader}", "{period}"] {
                    assert_eq!(t.contains(p), r.text.contains(p), "rule {} ({lang}): {p}", r.id);
                }
            }
        }
    }

    #[test]
    fn bad_rules_are_refused_with_the_rule_named() {
        assert!(Rules::parse("r.toml", RULE).is_ok());
        let cases = [
            (RULE.replace("indicator.x", "nonsense"), "fact \"nonsense\" is unknown"),
            (RULE.replace("\"barrier\"", "\"threat\""), "category \"threat\""),
            (RULE.replace("\"language\"", "\"weather\""), "topic \"weather\""),
            (RULE.replace("test = \"at_most\"", "test = \"ratio_at_least\""), "`over` is required"),
            (RULE.replace("value = 3\n", ""), "needs a finite `value`"),
            (format!("{RULE}{}", &RULE[RULE.find("[[rule]]").unwrap()..]), "used twice"),
            (RULE.replace("why = \"w\"", "why = \"w\"\ncolour = 1"), "unknown field"),
            (RULE.replace("[messages.en]", "[messages.de]"), "[messages.en] is required"),
            (RULE.replace("rising = \"u\"\n", ""), "missing field `rising`"),
        ];
        for (text, expected) in cases {
            let err = Rules::parse("r.toml", &text).unwrap_err();
            assert!(err.starts_with("r.toml") && err.contains(expected), "{err}");
        }
    }

    #[test]
    fn a_rule_is_supported_contradicted_or_without_data() {
        let rules = Rules::parse("r.toml", RULE).unwrap();
        let rule = &rules.rules[0];
        let name = |c: &str| c.to_string();
        let m = &rules.messages["en"];
        let ab = ("France", "Kazakhstan");
        let supported = apply(rule, &[fact("indicator.x", 2.0)].into_iter().collect(), ab, "en", m, &name);
        assert_eq!(supported.status, FindingStatus::Supported);
        assert_eq!(supported.sentence, "France has 2 in Kazakhstan");
        assert_eq!(supported.evidence.len(), 1);
        let contradicted = apply(rule, &[fact("indicator.x", 5.0)].into_iter().collect(), ab, "en", m, &name);
        assert_eq!(contradicted.status, FindingStatus::Contradicted);
        assert_eq!(contradicted.sentence, "Not borne out: indicator.x is 5, above 3");
        let none = apply(rule, &BTreeMap::new(), ab, "en", m, &name);
        assert_eq!(none.status, FindingStatus::NoData);
        assert!(none.sentence.contains("indicator.x"));
    }
}
