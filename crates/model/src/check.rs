//! Findings about the evidence behind records, beyond what makes a dataset valid: a
//! citation dated before what it is cited for, a record that rests only on references
//! another source attached, a claim that nothing shows.
//!
//! A dataset with findings still loads (the rules of [`crate::validate`] decide that);
//! `entente check` reports the findings, errors before warnings, and fails on errors.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::date::PartialDate;
use crate::ontology::Status;
use crate::record::{Citation, CitationRole, Record, RecordKind};

/// How bad a finding is: an error misleads a reader and fails `entente check`; a warning
/// asks for a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The rules, by their stable names.
pub mod rule {
    /// A citation (or the reference it names) dated before what the record dates.
    pub const CITED_BEFORE: &str = "cited_before";
    /// Every citation of the record has the role `as_cited_in_source`.
    pub const ONLY_AS_CITED: &str = "only_as_cited";
    /// A claim that no view shows: no country, no pair, no record of an event it is about.
    pub const ORPHAN_CLAIM: &str = "orphan_claim";
    /// A citation marked `as_cited_in_source` that does not say why.
    pub const AS_CITED_WITHOUT_NOTE: &str = "as_cited_without_note";
    /// An event marked as context that does not say why it is there.
    pub const CONTEXT_WITHOUT_NOTE: &str = "context_without_note";
    /// A checked claim whose reasoning says more than its verdict (found by the analyses,
    /// which set the claim against the store's data; `entente check` runs them).
    pub const VERDICT_TEXT: &str = "verdict_text";
}

/// One finding about one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The rule's stable name (see [`rule`]).
    pub rule: &'static str,
    pub kind: RecordKind,
    pub id: String,
    /// The field at fault (`sources[1].source`), or "" for the record as a whole.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {} {}", self.severity.as_str(), self.rule, self.kind, self.id)?;
        if !self.field.is_empty() {
            write!(f, ", field {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What the checked records may point to outside themselves (another dataset in the store).
pub struct Outside<'a> {
    /// The date of a source that is not among the checked records.
    pub source_date: &'a dyn Fn(&str) -> Option<PartialDate>,
    /// Whether an event outside the checked records names this actor or programme.
    pub named_by_event: &'a dyn Fn(&str) -> bool,
}

impl Outside<'static> {
    /// Nothing outside: the records are checked on their own.
    pub fn nothing() -> Outside<'static> {
        Outside { source_date: &|_| None, named_by_event: &|_| false }
    }
}

/// What a record dates, for the rule that a work cannot attest what happened after it:
/// the date and how to name it.
fn dated(record: &Record) -> Option<(PartialDate, &'static str)> {
    match record {
        // A source may announce what is planned; it cannot report what has not happened.
        Record::Event(e) if e.status != Status::Planned => Some((e.date, "the event")),
        Record::Event(_) | Record::Source(_) => None,
        Record::Observation(o) => Some((PartialDate::year(o.period.start_year()), "the period it gives")),
        Record::Claim(c) => c.period.map(|p| (PartialDate::year(p.start_year()), "the period it states")),
        Record::Programme(p) => p.start.map(|d| (d, "the programme's start")),
        Record::Actor(a) => a.founded.map(|d| (d, "the founding")),
    }
}

/// The findings about `records`, errors first, then by record id.
pub fn check(records: &[Record], outside: &Outside<'_>) -> Vec<Finding> {
    let dates: HashMap<&str, Option<PartialDate>> = records
        .iter()
        .filter_map(|r| match r {
            Record::Source(s) => Some((s.id.as_str(), s.date)),
            _ => None,
        })
        .collect();
    let date_of = |id: &str| match dates.get(id) {
        Some(d) => *d,
        None => (outside.source_date)(id),
    };
    let named: HashSet<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .flat_map(|e| e.actors.iter().map(|a| a.actor.as_str()).chain(e.programme.as_deref()))
        .collect();

    let mut findings = Vec::new();
    for r in records {
        let mut found: Vec<(Severity, &'static str, String, String)> = Vec::new();
        if let Some((start, what)) = dated(r) {
            for (i, c) in r.citations().iter().enumerate() {
                found.extend(cited_before(i, c, start, what, &date_of));
            }
        }
        let citations = r.citations();
        if r.kind() != RecordKind::Source
            && !citations.is_empty()
            && citations.iter().all(|c| c.role == CitationRole::AsCitedInSource)
        {
            found.push((
                Severity::Error,
                rule::ONLY_AS_CITED,
                "sources".into(),
                "every citation is only as cited in another source: nothing here is evidence for the record; cite the source that states it (role = \"evidence\")".into(),
            ));
        }
        for (i, c) in citations.iter().enumerate() {
            if c.role == CitationRole::AsCitedInSource && c.note.is_none() {
                found.push((
                    Severity::Warning,
                    rule::AS_CITED_WITHOUT_NOTE,
                    format!("sources[{i}].note"),
                    format!("{} is marked as_cited_in_source without a note: say why it cannot support the record, for the reader", c.source),
                ));
            }
        }
        match r {
            Record::Claim(c) if c.assessment.is_none() => {
                let shown = (c.from.is_some() && c.to.is_some())
                    || c.country.is_some()
                    || c.about.as_deref().is_some_and(|a| named.contains(a) || (outside.named_by_event)(a));
                if !shown {
                    let about = match &c.about {
                        Some(a) => format!("it is about {a}, which no event names"),
                        None => "it is about no record".into(),
                    };
                    found.push((
                        Severity::Error,
                        rule::ORPHAN_CLAIM,
                        String::new(),
                        format!("no view shows this claim: it names no country and no pair, and {about}; give it country, or from and to"),
                    ));
                }
            }
            Record::Event(e) if e.context && e.note.is_none() => found.push((
                Severity::Warning,
                rule::CONTEXT_WITHOUT_NOTE,
                "note".into(),
                "the event is marked as context without a note: say why it belongs to the pair only by context".into(),
            )),
            _ => {}
        }
        findings.extend(found.into_iter().map(|(severity, rule, field, message)| Finding {
            severity,
            rule,
            kind: r.kind(),
            id: r.id().to_string(),
            field,
            message,
        }));
    }
    findings.sort_by(|a, b| (a.severity, &a.id, &a.field).cmp(&(b.severity, &b.id, &b.field)));
    findings
}

/// The citation `i` (and the work it names as its reference) when dated wholly before `start`.
fn cited_before(
    i: usize,
    c: &Citation,
    start: PartialDate,
    what: &str,
    date_of: &dyn Fn(&str) -> Option<PartialDate>,
) -> Vec<(Severity, &'static str, String, String)> {
    let before = |id: &str| date_of(id).filter(|d| d.end_key() < start.sort_key());
    let mut out = Vec::new();
    // A reference kept only as cited is expected to predate what it is attached to.
    if c.role == CitationRole::Evidence
        && let Some(d) = before(&c.source)
    {
        out.push((
            Severity::Error,
            rule::CITED_BEFORE,
            format!("sources[{i}].source"),
            format!(
                "{} is dated {d}, before {what} ({start}): a work published before something happened cannot be evidence of it; if a source only attached it, give this citation role = \"as_cited_in_source\" and a note",
                c.source
            ),
        ));
    }
    if let Some(reference) = &c.reference
        && let Some(d) = before(reference)
    {
        out.push((
            Severity::Error,
            rule::CITED_BEFORE,
            format!("sources[{i}].reference"),
            format!(
                "{reference}, the reference {} attaches here, is dated {d}, before {what} ({start}), so it cannot support it: make it a citation of its own with role = \"as_cited_in_source\" and a note",
                c.source
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(kind: RecordKind, v: serde_json::Value) -> Record {
        crate::input::valid_record(kind, &v)
    }

    fn source(id: &str, year: i32) -> Record {
        rec(RecordKind::Source, json!({"id": id, "kind": "article", "title": id, "year": year}))
    }

    fn event(id: &str, date: &str, sources: serde_json::Value) -> Record {
        rec(
            RecordKind::Event,
            json!({"id": id, "kind": "exhibition", "title": "t", "date": date, "domains": ["arts"],
                "status": "held", "host": "FRA", "projecting": ["KAZ"], "sources": sources}),
        )
    }

    fn rules(findings: &[Finding]) -> Vec<(&str, &str, &str)> {
        findings.iter().map(|f| (f.rule, f.id.as_str(), f.field.as_str())).collect()
    }

    #[test]
    fn a_source_dated_before_the_event_is_not_evidence_of_it() {
        let records = [
            source("paper-2021", 2021),
            source("ref-2008", 2008),
            event("e2013", "2013", json!([{"source": "ref-2008", "locator": "p. 1"}])),
            // The same year is not "before": a 2013 source may report a 2013 event.
            event(
                "e-same-year",
                "2013-12-17",
                json!([{"source": "paper-2021", "locator": "p. 1"}, {"source": "ref-2008", "locator": "p. 2", "role": "as_cited_in_source", "note": "older"}]),
            ),
            event("e-ref", "2013", json!([{"source": "paper-2021", "locator": "p. 1", "reference": "ref-2008"}])),
        ];
        let f = check(&records, &Outside::nothing());
        assert_eq!(
            rules(&f),
            [("cited_before", "e-ref", "sources[0].reference"), ("cited_before", "e2013", "sources[0].source")]
        );
        assert!(f[1].message.starts_with("ref-2008 is dated 2008, before the event (2013)"), "{}", f[1].message);
    }

    #[test]
    fn a_planned_event_may_be_announced_before_it_happens() {
        let mut planned = event("e", "2030", json!([{"source": "paper-2021", "locator": "p. 1"}]));
        if let Record::Event(e) = &mut planned {
            e.status = Status::Planned;
        }
        assert!(check(&[source("paper-2021", 2021), planned], &Outside::nothing()).is_empty());
    }

    #[test]
    fn sources_outside_the_set_are_dated_through_the_store() {
        let records = [event("e", "2015", json!([{"source": "stored", "locator": "p. 1"}]))];
        let date = |id: &str| (id == "stored").then(|| PartialDate::year(2011));
        let f = check(&records, &Outside { source_date: &date, named_by_event: &|_| false });
        assert_eq!(rules(&f), [("cited_before", "e", "sources[0].source")]);
    }

    #[test]
    fn a_record_resting_only_on_references_as_cited_is_an_error() {
        let records = [
            source("ref-2008", 2008),
            event(
                "e",
                "2004",
                json!([{"source": "ref-2008", "locator": "[9] in the paper", "role": "as_cited_in_source"}]),
            ),
        ];
        let f = check(&records, &Outside::nothing());
        assert_eq!(rules(&f), [("only_as_cited", "e", "sources"), ("as_cited_without_note", "e", "sources[0].note")]);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[1].severity, Severity::Warning);
    }

    #[test]
    fn claims_need_a_use() {
        let claim = |id: &str, extra: serde_json::Value| {
            let mut v = json!({"id": id, "text": "t", "indicator": "schools.count", "relation": "equals",
                "value": 1, "sources": [{"source": "paper-2021", "locator": "p. 1"}]});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            rec(RecordKind::Claim, v)
        };
        let school = rec(
            RecordKind::Actor,
            json!({"id": "school", "kind": "school", "name": "S", "sources": [{"source": "paper-2021", "locator": "p"}]}),
        );
        let records = [
            source("paper-2021", 2021),
            school,
            claim("orphan", json!({"about": "school"})),
            claim("nothing", json!({})),
            claim("by-country", json!({"about": "school", "country": "KAZ"})),
            claim("by-pair", json!({"from": "KAZ", "to": "FRA"})),
            claim("by-event", json!({"about": "festival"})),
        ];
        let named = |id: &str| id == "festival";
        let f = check(&records, &Outside { source_date: &|_| None, named_by_event: &named });
        assert_eq!(rules(&f), [("orphan_claim", "nothing", ""), ("orphan_claim", "orphan", "")]);
        assert!(f[1].message.contains("it is about school, which no event names"), "{}", f[1].message);
    }
}
