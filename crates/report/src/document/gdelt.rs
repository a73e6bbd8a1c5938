//! The GDELT section: the pair's events per month as a chart and per year as a table, or why
//! there are none.

use super::*;

use crate::svg;

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "gdelt_series").to_string()));
    match &view.gdelt {
        Some(series) if series.rows.iter().any(|r| r.events > 0) => {
            let note = gdelt_note(notes, lang, series);
            blocks.push(Block::Chart {
                title: tr(lang, "gdelt_series").to_string(),
                svg: svg::series(series, lang).into_string(),
                caption: vec![text(tr(lang, "gdelt_series")), note.clone()],
            });
            // Months add up to years, so the table stays short enough to print.
            let mut years: Vec<(String, i64, i64, i64)> = Vec::new();
            for r in &series.rows {
                let year = r.period.get(..4).unwrap_or(&r.period).to_string();
                let i = match years.iter().position(|(y, ..)| *y == year) {
                    Some(i) => i,
                    None => {
                        years.push((year, 0, 0, 0));
                        years.len() - 1
                    }
                };
                if let Some(y) = years.get_mut(i) {
                    match r.direction {
                        Direction::AToB => y.1 += r.events,
                        Direction::BToA => y.2 += r.events,
                        _ => {}
                    }
                    y.3 += r.articles;
                }
            }
            years.sort();
            let total = years.iter().fold((0, 0, 0), |t, y| (t.0 + y.1, t.1 + y.2, t.2 + y.3));
            let head = vec![
                vec![text(tr(lang, "year"))],
                vec![text(Direction::AToB.label(&view.dyad)), note.clone()],
                vec![text(Direction::BToA.label(&view.dyad)), note.clone()],
                vec![text(tr(lang, "articles")), note.clone()],
            ];
            let mut rows: Vec<Row> = years
                .into_iter()
                .map(|(y, ab, ba, art)| Row {
                    id: None,
                    cells: vec![
                        vec![text(y)],
                        vec![text(ab.to_string())],
                        vec![text(ba.to_string())],
                        vec![text(art.to_string())],
                    ],
                })
                .collect();
            rows.push(Row {
                id: None,
                cells: vec![
                    vec![Inline::Strong(tr(lang, "total").to_string())],
                    vec![Inline::Strong(total.0.to_string()), note.clone()],
                    vec![Inline::Strong(total.1.to_string()), note.clone()],
                    vec![Inline::Strong(total.2.to_string()), note],
                ],
            });
            blocks.push(Block::Table { head, rows });
        }
        Some(series) if series.source.files > 0 => {
            let note = gdelt_note(notes, lang, series);
            blocks.push(Block::Para(vec![text(tr(lang, "gdelt_none_between")), text("."), note]));
        }
        _ => blocks.push(Block::Muted(vec![text(tr(lang, "gdelt_not_imported"))])),
    }
}
