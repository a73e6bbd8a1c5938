//! The timeline section: the two charts, then every dated event with its sources.

use super::*;
use entente_model::record::format_number;

use crate::i18n::tr_code;
use crate::svg;

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    let timeline = timeline_of(view);
    blocks.push(Block::Heading(2, tr(lang, "timeline").to_string()));
    blocks.push(Block::Chart {
        title: tr(lang, "chart_timeline").to_string(),
        svg: svg::timeline(&timeline, lang).into_string(),
        caption: vec![text(tr(lang, "chart_timeline")), computed_events(notes, view)],
    });
    blocks.push(Block::Chart {
        title: tr(lang, "events_per_year").to_string(),
        svg: svg::per_year(&timeline, lang).into_string(),
        caption: vec![text(tr(lang, "events_per_year")), computed_events(notes, view)],
    });
    if view.timeline.is_empty() {
        blocks.push(Block::Para(vec![text(tr(lang, "no_events"))]));
    } else {
        let head = [
            tr(lang, "date"),
            tr(lang, "direction"),
            tr(lang, "kind"),
            tr(lang, "title"),
            tr(lang, "status"),
            tr(lang, "sources"),
        ]
        .into_iter()
        .map(|h| vec![text(h)])
        .collect();
        let rows = view
            .timeline
            .iter()
            .map(|e| {
                let mut date = e.period.clone().unwrap_or_else(|| e.date.clone());
                if let (None, Some(end)) = (&e.period, &e.end) {
                    date.push_str(&format!(" – {end}"));
                }
                if e.recurrence.is_some() {
                    date.push_str(" ↻");
                }
                let mut date = vec![text(date)];
                if e.context {
                    date.extend([Inline::Break, text(format!("({})", tr(lang, "context")))]);
                }
                let mut direction = vec![text(direction_label(lang, view, e.direction))];
                if let Some(st) = e.setting {
                    direction.extend([Inline::Break, text(tr_code(lang, "setting", st.as_str()))]);
                }
                let mut kind = vec![text(e.kind)];
                if !e.domains.is_empty() {
                    kind.extend([Inline::Break, text(e.domains.join(", "))]);
                }
                let mut title = vec![Inline::Strong(e.title.clone())];
                if let Some(q) = &e.quantity {
                    title.extend([Inline::Break, text(format!("{} {}", format_number(q.value), q.unit))]);
                }
                if !e.description.is_empty() {
                    title.extend([Inline::Break, text(e.description.clone())]);
                }
                if e.context {
                    title.extend([Inline::Break, text(format!("{}.", tr(lang, "context_caveat")))]);
                }
                if let Some(n) = &e.note {
                    title.extend([Inline::Break, text(n.clone())]);
                }
                let sources = cite_cell(notes, &e.sources);
                Row { id: Some(e.id.clone()), cells: vec![date, direction, kind, title, vec![text(e.status)], sources] }
            })
            .collect();
        blocks.push(Block::Table { head, rows });
    }
}
