//! Rules that hold across records: ids are unique, references resolve, every record but a
//! source cites a source.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::record::{Citation, Record, RecordKind};

/// What a dataset folder declares about itself in `dataset.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetMeta {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub licence: Option<String>,
}

/// A set of records that is loaded, and refused, as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub meta: DatasetMeta,
    pub records: Vec<Record>,
}

/// One thing wrong with one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: RecordKind,
    /// The record's id, or "" when it has none.
    pub id: String,
    /// The field at fault (`sources[0].source`), or "" for the record as a whole.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = if self.id.is_empty() { "(no id)" } else { &self.id };
        if self.field.is_empty() {
            write!(f, "{} {id}: {}", self.kind, self.message)
        } else {
            write!(f, "{} {id}, field {}: {}", self.kind, self.field, self.message)
        }
    }
}

/// Checks the rules that span records. `known` tells the kind of a record already stored
/// outside this set (references may point there); it answers `None` for unknown ids.
pub fn validate(records: &[Record], known: &dyn Fn(&str) -> Option<RecordKind>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut kinds: HashMap<&str, RecordKind> = HashMap::new();
    for r in records {
        if let Some(first) = kinds.get(r.id()) {
            problems.push(Problem {
                kind: r.kind(),
                id: r.id().to_string(),
                field: "id".into(),
                message: format!("duplicate id: {} in this dataset already has it", first.with_article()),
            });
        } else {
            if let Some(stored) = known(r.id()) {
                problems.push(Problem {
                    kind: r.kind(),
                    id: r.id().to_string(),
                    field: "id".into(),
                    message: format!("{} stored from another dataset already has this id", stored.with_article()),
                });
            }
            kinds.insert(r.id(), r.kind());
        }
    }
    let kind_of = |id: &str| kinds.get(id).copied().or_else(|| known(id));
    let source_ids: Vec<&str> = kinds.iter().filter(|(_, k)| **k == RecordKind::Source).map(|(id, _)| *id).collect();

    let all_ids: Vec<&str> = kinds.keys().copied().collect();
    for r in records {
        // (field, message) pairs for this record.
        let mut found: Vec<(String, String)> = Vec::new();
        let expect =
            |found: &mut Vec<(String, String)>, field: String, id: &str, want: RecordKind, candidates: &[&str]| {
                found.extend(expect_kind(&kind_of, field, id, want, candidates));
            };
        if r.kind() != RecordKind::Source && r.citations().is_empty() {
            found.push(("sources".into(), "cites no source: every record needs at least one sources entry".into()));
        }
        found.extend(citation_problems(r.citations(), &kind_of, &source_ids));
        match r {
            Record::Event(e) => {
                for (i, p) in e.actors.iter().enumerate() {
                    expect(&mut found, format!("actors[{i}].actor"), &p.actor, RecordKind::Actor, &all_ids);
                }
                if let Some(p) = &e.programme {
                    expect(&mut found, "programme".into(), p, RecordKind::Programme, &all_ids);
                }
                if e.involved_countries().is_empty() {
                    found.push(("host".into(), "names no country: give host, projecting or countries".into()));
                }
            }
            Record::Programme(p) => {
                for (i, s) in p.sponsors.iter().enumerate() {
                    expect(&mut found, format!("sponsors[{i}]"), s, RecordKind::Actor, &all_ids);
                }
                if let (Some(s), Some(e)) = (p.start, p.end)
                    && e.end_key() < s.sort_key()
                {
                    found.push(("end".into(), format!("{e} is before the start {s}")));
                }
            }
            Record::Actor(a) => match &a.parent {
                Some(parent) if parent == &a.id => {
                    found.push(("parent".into(), "an actor cannot be its own parent".into()))
                }
                Some(parent) => expect(&mut found, "parent".into(), parent, RecordKind::Actor, &all_ids),
                None => {}
            },
            Record::Claim(c) => {
                if let Some(about) = &c.about
                    && kind_of(about).is_none()
                {
                    found.push(("about".into(), format!("no record has id \"{about}\"{}", closest(about, &all_ids))));
                }
                // A judgement is shown beside the data in the source's own words, so it needs them
                // (a claim citing nothing is already reported above).
                if c.assessment.is_some() && !c.sources.is_empty() && !c.sources.iter().any(|s| s.quote.is_some()) {
                    found.push((
                        "sources".into(),
                        "a claim with an assessment needs at least one citation with a quote: the words of the judgement"
                            .into(),
                    ));
                }
            }
            Record::Source(_) | Record::Observation(_) => {}
        }
        problems.extend(found.into_iter().map(|(field, message)| Problem {
            kind: r.kind(),
            id: r.id().to_string(),
            field,
            message,
        }));
    }
    problems
}

/// A problem when `id` is not a record of kind `want`.
fn expect_kind(
    kind_of: &dyn Fn(&str) -> Option<RecordKind>,
    field: String,
    id: &str,
    want: RecordKind,
    candidates: &[&str],
) -> Option<(String, String)> {
    match kind_of(id) {
        Some(k) if k == want => None,
        Some(k) => Some((field, format!("\"{id}\" is {}, not {}", k.with_article(), want.with_article()))),
        None => Some((field, format!("no {want} has id \"{id}\"{}", closest(id, candidates)))),
    }
}

/// (field, message) for each citation whose source, or referenced work, is not a known
/// source. `source_ids` are the candidates suggested for a misspelt id.
pub fn citation_problems(
    citations: &[Citation],
    kind_of: &dyn Fn(&str) -> Option<RecordKind>,
    source_ids: &[&str],
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (i, c) in citations.iter().enumerate() {
        found.extend(expect_kind(kind_of, format!("sources[{i}].source"), &c.source, RecordKind::Source, source_ids));
        if let Some(reference) = &c.reference {
            found.extend(expect_kind(
                kind_of,
                format!("sources[{i}].reference"),
                reference,
                RecordKind::Source,
                source_ids,
            ));
        }
    }
    found
}

fn closest(id: &str, candidates: &[&str]) -> String {
    candidates
        .iter()
        .map(|c| (strsim::normalized_levenshtein(id, c), *c))
        .filter(|(s, _)| *s >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("; did you mean \"{c}\"?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(kind: RecordKind, v: serde_json::Value) -> Record {
        crate::input::valid_record(kind, &v)
    }

    fn paper() -> Record {
        rec(RecordKind::Source, json!({"id": "paper", "kind": "article", "title": "P"}))
    }

    fn event(id: &str, source: &str) -> Record {
        rec(
            RecordKind::Event,
            json!({"id": id, "kind": "exhibition", "title": "t", "date": "2019", "domains": ["arts"],
                "status": "held", "host": "FRA", "sources": [{"source": source, "locator": "p. 1"}]}),
        )
    }

    #[test]
    fn a_consistent_set_passes() {
        assert!(validate(&[paper(), event("e1", "paper")], &|_| None).is_empty());
    }

    #[test]
    fn duplicate_ids_and_dangling_sources_are_named() {
        let problems = validate(&[paper(), event("e1", "papr"), event("e1", "paper")], &|_| None);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "event e1, field id: duplicate id: an event in this dataset already has it",
                "event e1, field sources[0].source: no source has id \"papr\"; did you mean \"paper\"?",
            ]
        );
    }

    #[test]
    fn references_may_point_to_stored_records_of_the_right_kind() {
        let known = |id: &str| match id {
            "stored-paper" => Some(RecordKind::Source),
            "stored-event" => Some(RecordKind::Event),
            _ => None,
        };
        assert!(validate(&[event("e1", "stored-paper")], &known).is_empty());
        let p = validate(&[event("stored-event", "stored-paper")], &known);
        assert_eq!(p[0].message, "an event stored from another dataset already has this id");
        let p = validate(&[event("e1", "stored-event")], &known);
        assert_eq!(p[0].message, "\"stored-event\" is an event, not a source");
    }

    fn judgement(sources: serde_json::Value) -> Record {
        rec(
            RecordKind::Claim,
            json!({"id": "assess-brain-drain", "text": "Specialists do not return.", "country": "KAZ",
                "assessment": {"category": "barrier", "topic": "brain_drain"}, "sources": sources}),
        )
    }

    #[test]
    fn a_judgement_needs_no_figure_but_a_quote() {
        // No indicator, relation or value, and a quote: accepted.
        let quoted = judgement(json!([{"source": "paper", "locator": "p. 1", "quote": "do not return"}]));
        assert!(validate(&[paper(), quoted], &|_| None).is_empty());
        // One quoted citation is enough.
        let one = judgement(
            json!([{"source": "paper", "locator": "p. 1"}, {"source": "paper", "locator": "p. 2", "quote": "q"}]),
        );
        assert!(validate(&[paper(), one], &|_| None).is_empty());
        // Without a quote the record is refused, naming its sources.
        let p = validate(&[paper(), judgement(json!([{"source": "paper", "locator": "p. 1"}]))], &|_| None);
        let text: Vec<String> = p.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "claim assess-brain-drain, field sources: a claim with an assessment needs at least one citation with a quote: the words of the judgement"
            ]
        );
        // A claim about a figure may still go without a quote.
        let figure = rec(
            RecordKind::Claim,
            json!({"id": "c", "text": "513", "indicator": "students.entrants", "relation": "equals", "value": 513,
                "from": "KAZ", "to": "FRA", "sources": [{"source": "paper", "locator": "p. 1"}]}),
        );
        assert!(validate(&[paper(), figure], &|_| None).is_empty());
    }

    #[test]
    fn records_without_sources_are_defects() {
        let e =
            rec(RecordKind::Actor, json!({"id": "a", "kind": "embassy", "name": {"en": "Embassy"}, "country": "FRA"}));
        let p = validate(&[e], &|_| None);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "sources");
    }
}
