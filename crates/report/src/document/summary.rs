//! The report's first section: the pair in figures (events, period, directions, domains,
//! sources, claims, the latest student flows, GDELT totals), each footnoted.

use super::*;
use entente_model::record::format_number;

use crate::i18n::Arg;

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "summary").to_string()));
    let s = &view.summary;
    let mut rows: Vec<Row> = Vec::new();
    let mut row =
        |label: String, value: Vec<Inline>| rows.push(Row { id: None, cells: vec![vec![text(label)], value] });
    row(tr(lang, "events_total").to_string(), vec![text(s.events.to_string()), computed_events(notes, view)]);
    if let (Some(f), Some(l)) = (&s.first, &s.last) {
        row(tr(lang, "period").to_string(), vec![text(format!("{f} – {l}")), computed_events(notes, view)]);
    }
    for (d, n) in &s.by_direction {
        let dir = Direction::parse(d).unwrap_or(Direction::Unspecified);
        row(
            format!("{}: {}", tr(lang, "events_total"), direction_label(lang, view, dir)),
            vec![text(n.to_string()), computed_events(notes, view)],
        );
    }
    if s.context > 0 {
        row(
            format!("{}: {}", tr(lang, "events_total"), tr(lang, "context_events")),
            vec![text(s.context.to_string()), computed_events(notes, view)],
        );
    }
    if !s.by_domain.is_empty() {
        let domains = s.by_domain.iter().map(|(d, n)| format!("{d} ({n})")).collect::<Vec<_>>().join(", ");
        row(tr(lang, "domains").to_string(), vec![text(domains), computed_events(notes, view)]);
    }
    row(tr(lang, "sources_cited").to_string(), vec![text(s.sources.to_string()), computed_events(notes, view)]);
    if !view.claims.is_empty() {
        let n_claims = view.claims.len();
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for c in &view.claims {
            match counts.iter_mut().find(|(v, _)| *v == c.verdict.as_str()) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.verdict.as_str(), 1)),
            }
        }
        let value = counts.iter().map(|(v, n)| verdict_count(lang, v, *n)).collect::<Vec<_>>().join(", ");
        let note =
            notes.fixed("computed-claims", || vec![text(tr_args(lang, "computed_claims", &[("n", n_claims.into())]))]);
        row(tr(lang, "claims_checked").to_string(), vec![text(format!("{n_claims}: {value}")), note]);
    }
    for f in &view.indicators.flows {
        if let Some(p) = f.points.last() {
            let label = tr_args(
                lang,
                "latest_students",
                &[("label", (&f.label).into()), ("period", (&p.period).into()), ("dataset", (&f.dataset).into())],
            )
            .into_owned();
            let note = point_note(notes, f, p);
            row(label, vec![text(format_number(p.value)), note]);
        }
    }
    if let Some(series) = &view.gdelt {
        for d in [Direction::AToB, Direction::BToA] {
            let total: i64 = series.rows.iter().filter(|r| r.direction == d).map(|r| r.events).sum();
            if series.source.files > 0 {
                let note = gdelt_note(notes, lang, series);
                row(
                    tr_args(lang, "gdelt_events_total", &[("label", d.label(&view.dyad).into())]).into_owned(),
                    vec![text(total.to_string()), note],
                );
            }
        }
    }
    let head = vec![vec![text(tr(lang, "measure"))], vec![text(tr(lang, "value"))]];
    blocks.push(Block::Table { head, rows });
}

/// How many claims got a verdict, as words ("2 supported", "подтверждено: 2").
fn verdict_count(lang: &str, verdict: &str, n: usize) -> String {
    let n: Arg<'_> = n.into();
    let text = match verdict {
        "supported" => tr_args(lang, "verdict_count_supported", &[("n", n)]),
        "contradicted" => tr_args(lang, "verdict_count_contradicted", &[("n", n)]),
        "not_comparable" => tr_args(lang, "verdict_count_not_comparable", &[("n", n)]),
        _ => tr_args(lang, "verdict_count_no_data", &[("n", n)]),
    };
    text.into_owned()
}
