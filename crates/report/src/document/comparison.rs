//! The comparison section: A set beside B's other partners on the index, with each figure
//! footnoted to the index configuration (and its hash) or to the records it counts.

use super::*;
use entente_analytics::compare::{Cell, IndicatorInfo, ValueStatus};

use crate::compare::Beside;
use crate::svg;

/// A beside the reference partners of B: ranks with intervals, index and dimension scores
/// (noted with the configuration and its hash), the dimensions that separate them, and the
/// raw values each with its source.
pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "comparison").to_string()));
    let Some(c) = &view.comparison else {
        blocks.push(Block::Para(vec![text(tr(lang, "index_no_data"))]));
        return;
    };
    let z = c.scale;
    let (me, refs) = match c.partners.split_first() {
        Some((me, refs)) => (me, refs),
        None => return,
    };
    let ref_names = refs.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
    let intro = tr_args(
        lang,
        "comparison_intro",
        &[
            ("b", (&view.names[1]).into()),
            ("year", c.year.to_string().into()),
            ("n", c.universe.into()),
            ("m", c.ranked.into()),
            ("a", (&me.name).into()),
            ("refs", if ref_names.is_empty() { "—".into() } else { ref_names.as_str().into() }),
        ],
    );
    let note = index_note(notes, lang, c);
    blocks.push(Block::Para(vec![text(intro), note.clone()]));
    blocks.push(Block::Muted(vec![text(tr(
        lang,
        if c.references == "paper" { "references_paper" } else { "references_best" },
    ))]));
    let rows = crate::compare::rank_rows(&c.partners, c.ranked, |_| None, &c.a);
    if !rows.is_empty() {
        blocks.push(Block::Chart {
            title: tr(lang, "chart_ranks").to_string(),
            svg: svg::ranks(&rows, &tr(lang, "chart_ranks"), lang).into_string(),
            caption: vec![text(tr(lang, "chart_ranks")), note.clone()],
        });
    }
    let mut head = vec![
        vec![text(tr(lang, "partner"))],
        vec![text(tr(lang, "rank")), note.clone()],
        vec![text(tr(lang, "rank_interval")), note.clone()],
        vec![text(tr(lang, "index_score")), note.clone()],
    ];
    head.extend(c.dimensions.iter().map(|d| vec![text(d.label.clone()), note.clone()]));
    let table_rows = c
        .partners
        .iter()
        .map(|p| {
            let name = if p.partner == c.a { Inline::Strong(p.name.clone()) } else { text(p.name.clone()) };
            let rank = match p.rank {
                Some(r) => format!("{r} / {}", c.ranked),
                None => tr(lang, "unranked").to_string(),
            };
            let mut cells = vec![
                vec![name],
                vec![text(rank)],
                vec![text(crate::compare::interval_text(p))],
                vec![text(crate::compare::score_text(p.score, z))],
            ];
            cells.extend(
                c.dimensions
                    .iter()
                    .map(|d| vec![text(crate::compare::score_text(p.dimensions.get(&d.key).copied().flatten(), z))]),
            );
            Row { id: None, cells }
        })
        .collect();
    blocks.push(Block::Table { head, rows: table_rows });
    // The dimensions where A and each reference partner are furthest apart.
    for r in refs {
        let mut gaps: Vec<(&str, f64, f64)> = c
            .dimensions
            .iter()
            .filter_map(|d| {
                let a = me.dimensions.get(&d.key).copied().flatten()?;
                let b = r.dimensions.get(&d.key).copied().flatten()?;
                Some((d.label.as_str(), a, b))
            })
            .filter(|(_, a, b)| (a - b).abs() > 1e-9)
            .collect();
        if gaps.is_empty() {
            continue;
        }
        gaps.sort_by(|x, y| (y.2 - y.1).abs().total_cmp(&(x.2 - x.1).abs()));
        let mut p =
            vec![text(tr_args(lang, "differ_most", &[("a", (&me.name).into()), ("r", (&r.name).into())])), text(": ")];
        for (i, (label, a, b)) in gaps.iter().take(3).enumerate() {
            if i > 0 {
                p.push(text("; "));
            }
            p.push(text(format!(
                "{label} — {} {}, {} {}",
                me.partner,
                crate::compare::score_text(Some(*a), z),
                r.partner,
                crate::compare::score_text(Some(*b), z)
            )));
            p.push(note.clone());
        }
        p.push(text("."));
        blocks.push(Block::Para(p));
    }
    // The raw values behind the scores, each with its source.
    let shown: Vec<&IndicatorInfo> = c
        .indicators
        .iter()
        .filter(|i| c.partners.iter().any(|p| p.evidence.get(&i.key).is_some_and(|cell| cell.value.is_some())))
        .collect();
    if shown.is_empty() {
        return;
    }
    blocks.push(Block::Heading(3, tr(lang, "values_sources").to_string()));
    let mut head = vec![vec![text(tr(lang, "indicator"))]];
    head.extend(c.partners.iter().map(|p| vec![text(p.partner.clone())]));
    let rows = shown
        .iter()
        .map(|i| {
            let mut label = vec![text(i.label.clone())];
            if i.excluded.is_some() {
                label.extend([Inline::Break, text(format!("({})", tr(lang, "left_out_mark")))]);
            }
            let mut cells = vec![label];
            for p in &c.partners {
                let cell = p.evidence.get(&i.key);
                let mut out = Vec::new();
                if let Some(cell) = cell
                    && let Some(v) = cell.value
                {
                    out.push(text(crate::compare::value_text(v)));
                    out.extend(cell_note(notes, lang, cell));
                    if let Some(period) = &cell.period {
                        out.extend([Inline::Break, text(period.clone())]);
                    }
                } else {
                    out.push(text("–"));
                }
                cells.push(out);
            }
            Row { id: None, cells }
        })
        .collect();
    blocks.push(Block::Table { head, rows });
}

/// The note of figures computed under the index configuration.
fn index_note(notes: &mut Notes, lang: &str, c: &Beside) -> Inline {
    notes.fixed(&format!("index|{}", c.config.sha256), || {
        vec![text(tr_args(
            lang,
            "index_note",
            &[
                ("name", (&c.config.name).into()),
                ("version", (&c.config.version).into()),
                ("sha", (&c.config.sha256).into()),
                ("norm", (&c.normalisation).into()),
                ("agg", (&c.aggregation).into()),
                ("cov", format!("{:.0}", c.min_coverage * 100.0).into()),
                ("draws", c.draws.into()),
                // A seed is an identifier, not a quantity: written as it is.
                ("seed", c.seed.to_string().into()),
            ],
        ))]
    })
}

/// The note of one raw value of the comparison: its source, the records it was counted from,
/// or the rule that made it zero.
fn cell_note(notes: &mut Notes, lang: &str, cell: &Cell) -> Option<Inline> {
    if let Some(s) = &cell.source {
        return Some(notes.source(s));
    }
    if cell.dataset.as_deref() == Some("gdelt") {
        let period = cell.period.clone().unwrap_or_default();
        return Some(notes.fixed(&format!("gdelt-count|{period}"), || {
            vec![text(tr_args(lang, "gdelt_count_note", &[("period", period.as_str().into())]))]
        }));
    }
    match cell.status {
        ValueStatus::ZeroByRule => Some(match &cell.dataset {
            Some(d) => notes
                .fixed(&format!("zero|{d}"), || vec![text(tr_args(lang, "zero_rule_note", &[("dataset", d.into())]))]),
            None => notes.fixed("zero-events", || vec![text(tr(lang, "zero_events_note"))]),
        }),
        _ if !cell.records.is_empty() => Some(records_note(notes, lang, &cell.records)),
        _ => None,
    }
}
