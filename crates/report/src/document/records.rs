//! The last section: the programmes and actors of the pair, with their sources (none when
//! the pair has none).

use super::*;

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    if !view.records.is_empty() {
        blocks.push(Block::Heading(2, tr(lang, "other_records").to_string()));
        let head =
            [tr(lang, "kind"), tr(lang, "title"), tr(lang, "sources")].into_iter().map(|h| vec![text(h)]).collect();
        let rows = view
            .records
            .iter()
            .map(|r| {
                let mut title = vec![Inline::Strong(r.title.clone())];
                if !r.detail.is_empty() {
                    title.extend([Inline::Break, text(r.detail.clone())]);
                }
                Row {
                    id: Some(r.id.clone()),
                    cells: vec![vec![text(r.kind.as_str())], title, cite_cell(notes, &r.sources)],
                }
            })
            .collect();
        blocks.push(Block::Table { head, rows });
    }
}
