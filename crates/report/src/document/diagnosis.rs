//! The diagnostics section: the rules' findings (strengths, weaknesses, barriers, prospects)
//! with their evidence, and the judgements the sources make.

use super::*;
use entente_analytics::diagnose::{Diagnosis, Fact, Finding, FindingStatus};

use crate::i18n::tr_code;

/// The rules' findings by category, each with its status, sentence and evidence, then the
/// sources' judgements beside what the data says.
pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "diagnostics").to_string()));
    let Some(d) = &view.diagnosis else {
        blocks.push(Block::Para(vec![text(tr(lang, "diagnosis_no_data"))]));
        return;
    };
    let rules = notes.fixed(&format!("rules|{}", d.rules.sha256), || {
        vec![text(tr_args(
            lang,
            "rules_note",
            &[
                ("name", (&d.rules.name).into()),
                ("version", (&d.rules.version).into()),
                ("sha", (&d.rules.sha256).into()),
            ],
        ))]
    });
    let intro = tr_args(
        lang,
        "diagnostics_intro",
        &[
            ("rules", format!("{} {}", d.rules.name, d.rules.version).into()),
            ("a", (&d.a).into()),
            ("b", (&d.b).into()),
            ("year", d.year.to_string().into()),
        ],
    );
    blocks.push(Block::Para(vec![text(intro), rules]));
    for cat in crate::compare::CATEGORIES {
        let findings: Vec<&Finding> = d.findings.iter().filter(|f| f.category == cat).collect();
        if findings.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(3, tr_code(lang, "categories", cat)));
        let items = findings
            .iter()
            .map(|f| {
                let mut item = vec![
                    Inline::Verdict(status_code(f.status), tr_code(lang, "status", f.status.as_str())),
                    text(format!(" {}: {}", tr_code(lang, "topic", &f.topic), f.sentence)),
                ];
                item.push(notes.fixed(&format!("rule|{}", f.rule), || {
                    vec![text(format!("{} {}: {}", tr(lang, "rule"), f.rule, f.why))]
                }));
                for (i, e) in f.evidence.iter().enumerate() {
                    item.push(text(if i == 0 { " (" } else { "; " }));
                    let mut fig = format!("{} = {}", e.name, crate::compare::value_text(e.value));
                    if let Some(of) = e.of {
                        fig.push_str(&format!(" / {of}"));
                    }
                    if let Some(p) = &e.period {
                        fig.push_str(&format!(", {p}"));
                    }
                    item.push(text(fig));
                    item.push(fact_note(notes, lang, e, d));
                }
                if !f.evidence.is_empty() {
                    item.push(text(")"));
                }
                item
            })
            .collect();
        blocks.push(Block::List(items));
    }
    blocks.push(Block::Heading(3, tr(lang, "judgements").to_string()));
    if d.judgements.is_empty() {
        blocks.push(Block::Para(vec![text(tr(lang, "no_judgements"))]));
        return;
    }
    let head = [tr(lang, "category"), tr(lang, "topic"), tr(lang, "source_says"), tr(lang, "data_says")]
        .into_iter()
        .map(|h| vec![text(h)])
        .collect();
    let rows = d
        .judgements
        .iter()
        .map(|j| {
            let mut says = vec![Inline::Quote(j.text.clone())];
            for s in &j.sources {
                let note = notes.source(s);
                if !says.contains(&note) {
                    says.push(note);
                }
            }
            let mut data = vec![Inline::Verdict(status_code(j.data), tr_code(lang, "status", j.data.as_str()))];
            if j.findings.is_empty() {
                data.extend([Inline::Break, text(tr(lang, "no_rule_on_topic"))]);
            }
            for (rule, status) in &j.findings {
                data.extend([Inline::Break, text(format!("{rule}: {}", tr_code(lang, "status", status.as_str())))]);
            }
            Row {
                id: Some(format!("judgement-{}", j.claim)),
                cells: vec![
                    vec![text(tr_code(lang, "category", &j.category))],
                    vec![text(tr_code(lang, "topic", &j.topic))],
                    says,
                    data,
                ],
            }
        })
        .collect();
    blocks.push(Block::Table { head, rows });
}

/// The note of a diagnostic fact: its source, the records it was counted from, or (for a
/// rank or a figure of the comparison) the index configuration.
fn fact_note(notes: &mut Notes, lang: &str, f: &Fact, d: &Diagnosis) -> Inline {
    if let Some(s) = &f.source {
        return notes.source(s);
    }
    if !f.records.is_empty() {
        return records_note(notes, lang, &f.records);
    }
    // Counts of the pair's events are read from the store, not the comparison, even at zero.
    if f.name.starts_with("events_") {
        return notes.fixed("no-events", || vec![text(tr(lang, "no_events_note"))]);
    }
    notes.fixed(&format!("diagnose-index|{}", d.config.sha256), || {
        vec![text(tr_args(
            lang,
            "diagnose_index_note",
            &[
                ("b", (&d.b).into()),
                ("name", (&d.config.name).into()),
                ("version", (&d.config.version).into()),
                ("sha", (&d.config.sha256).into()),
            ],
        ))]
    })
}

/// A finding's status as the class of its badge, which shares the verdicts' colours.
fn status_code(s: FindingStatus) -> &'static str {
    s.as_str()
}
