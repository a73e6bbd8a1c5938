//! The indicators section: student flows both ways (chart and table), shares and ranks, and
//! soft presence, each value footnoted to its place in the source.

use super::*;
use entente_analytics::indicators::Share;
use entente_model::record::format_number;

use crate::svg;

/// Shares of one direction and dataset: (from, to, dataset) and the rows, in period order.
type ShareGroup<'a> = ((&'a str, &'a str, &'a str), Vec<&'a Share>);

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "indicators").to_string()));
    let ind = &view.indicators;
    if ind.flows.is_empty() && ind.shares.is_empty() && ind.presence.is_empty() {
        blocks.push(Block::Para(vec![text(tr(lang, "no_indicators"))]));
        return;
    }
    if !ind.flows.is_empty() {
        blocks.push(Block::Heading(3, tr(lang, "students").to_string()));
        let mut ids: Vec<String> = Vec::new();
        for f in &ind.flows {
            if !ids.contains(&f.source.source_id) {
                ids.push(f.source.source_id.clone());
            }
        }
        let figure = notes.fixed("flows-figure", || {
            let mut body = vec![text(tr(lang, "flows_figure"))];
            body.extend(source_list(&ids));
            body
        });
        blocks.push(Block::Chart {
            title: tr(lang, "students").to_string(),
            svg: svg::flows(&ind.flows, lang).into_string(),
            caption: vec![text(tr(lang, "students")), figure],
        });
        for f in &ind.flows {
            let mut p = vec![Inline::Strong(f.label.clone()), text(format!(" · {} · {}", f.indicator, f.dataset))];
            if let (Some(first), Some(last)) = (f.points.first(), f.points.last())
                && f.points.len() > 1
            {
                p.push(text(format!(" · {}–{}: {}", first.period, last.period, format_number(first.value))));
                p.push(point_note(notes, f, first));
                p.push(text(format!(" → {}", format_number(last.value))));
                p.push(point_note(notes, f, last));
                p.push(text(format!(" ({}, CAGR {})", pct(f.pct_change), pct(f.cagr))));
                p.push(notes.fixed("computed-change", || vec![text(tr(lang, "computed_change"))]));
            }
            blocks.push(Block::Para(p));
            let change = notes.fixed("computed-change", || vec![text(tr(lang, "computed_change"))]);
            let head = vec![
                vec![text(tr(lang, "period"))],
                vec![text(f.unit.clone())],
                vec![text("Δ"), change.clone()],
                vec![text("Δ %"), change],
            ];
            let rows = f
                .points
                .iter()
                .map(|p| {
                    let mut value = vec![text(format_number(p.value)), point_note(notes, f, p)];
                    if let Some(n) = &p.note {
                        value.extend([Inline::Break, text(n.clone())]);
                    }
                    Row {
                        id: None,
                        cells: vec![
                            vec![text(p.period.clone())],
                            value,
                            vec![text(p.change.map(format_number).unwrap_or_default())],
                            vec![text(pct(p.pct_change))],
                        ],
                    }
                })
                .collect();
            blocks.push(Block::Table { head, rows });
        }
    }
    if !ind.agreement.is_empty() {
        blocks.push(Block::Heading(3, tr(lang, "agreement").to_string()));
        for a in &ind.agreement {
            let mut p = vec![
                Inline::Strong(format!("{}→{}", a.from, a.to)),
                text(format!(" · {} / {}: ", a.datasets[0], a.datasets[1])),
            ];
            if let Some(m) = a.median_ratio {
                p.push(text(format!("×{m:.2} · ")));
            }
            p.push(text(tr(lang, if a.agree { "agree" } else { "disagree" })));
            p.push(notes.fixed("computed-ratio", || vec![text(tr(lang, "computed_ratio"))]));
            blocks.push(Block::Para(p));
        }
    }
    if !ind.shares.is_empty() {
        blocks.push(Block::Heading(3, tr(lang, "shares").to_string()));
        let mut groups: Vec<ShareGroup<'_>> = Vec::new();
        for s in &ind.shares {
            let key = (s.from.as_str(), s.to.as_str(), s.dataset.as_str());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(s),
                None => groups.push((key, vec![s])),
            }
        }
        for ((from, to, dataset), list) in groups {
            blocks.push(Block::Para(vec![Inline::Strong(format!("{from}→{to}")), text(format!(" · {dataset}"))]));
            let head = vec![
                vec![text(tr(lang, "period"))],
                vec![text(tr(lang, "students_col"))],
                vec![text(tr(lang, "outbound_total"))],
                vec![text(tr(lang, "share"))],
                vec![text(tr(lang, "rank"))],
            ];
            let rows = list
                .iter()
                .map(|s| {
                    let computed = notes.fixed(&format!("share|{}|{}", s.dataset, s.basis), || {
                        let mut body = vec![text(tr_args(lang, "computed_share", &[("basis", (&s.basis).into())]))];
                        body.extend(source_list(std::slice::from_ref(&s.source.source_id)));
                        body
                    });
                    Row {
                        id: None,
                        cells: vec![
                            vec![text(s.period.clone())],
                            vec![text(format_number(s.students.round())), notes.source(&s.source)],
                            vec![text(format_number(s.total_outbound.round())), computed.clone()],
                            vec![text(format!("{:.2} %", s.share * 100.0)), computed.clone()],
                            vec![text(format!("{} / {}", s.rank, s.destinations_listed)), computed],
                        ],
                    }
                })
                .collect();
            blocks.push(Block::Table { head, rows });
        }
    }
    if !ind.presence.is_empty() {
        blocks.push(Block::Heading(3, tr(lang, "presence").to_string()));
        let head = [tr(lang, "country"), tr(lang, "variable"), tr(lang, "year"), tr(lang, "value")]
            .into_iter()
            .map(|h| vec![text(h)])
            .collect();
        let rows = ind
            .presence
            .iter()
            .filter_map(|p| {
                let (year, value) = p.latest?;
                // The view cites the series' first row; the value shown is its latest, so the
                // note names that row instead of borrowing the first row's locator.
                let locator = tr_args(
                    lang,
                    "presence_row",
                    &[
                        ("country", (&p.country).into()),
                        ("variable", (&p.variable).into()),
                        ("year", year.to_string().into()),
                    ],
                );
                let note = notes.cite(&p.source.source_id, &locator, None, None);
                Some(Row {
                    id: None,
                    cells: vec![
                        vec![text(p.country.clone())],
                        vec![text(p.variable.clone())],
                        vec![text(year.to_string())],
                        vec![text(format!("{value:.2}")), note],
                    ],
                })
            })
            .collect();
        blocks.push(Block::Table { head, rows });
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:+.1} %", x * 100.0)).unwrap_or_default()
}
