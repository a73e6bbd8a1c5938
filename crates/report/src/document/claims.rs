//! The claims section: each claim about the pair with its verdict, how it was read, the
//! reasoning and the figures set beside it.

use super::*;
use entente_model::record::format_number;

use crate::i18n::tr_code;

pub(super) fn section(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    blocks.push(Block::Heading(2, tr(lang, "claims").to_string()));
    if view.claims.is_empty() {
        blocks.push(Block::Para(vec![text(tr(lang, "no_claims"))]));
    }
    for c in &view.claims {
        let mut p = vec![Inline::Verdict(c.verdict.as_str(), tr_code(lang, "verdict", c.verdict.as_str())), text(" ")];
        p.push(Inline::Quote(c.text.clone()));
        for s in &c.claim_sources {
            p.push(notes.source(s));
        }
        blocks.push(Block::Para(p));
        let reading_note = notes.fixed("claims-reading", || vec![text(tr(lang, "claims_reading"))]);
        blocks.push(Block::Muted(vec![text(format!("{}: {}", tr(lang, "reading"), c.reading)), reading_note]));
        if !c.reasoning.is_empty() {
            blocks.push(Block::List(c.reasoning.iter().map(|r| vec![text(r.clone())]).collect()));
        }
        if !c.evidence.is_empty() {
            let mut p = vec![text(format!("{}: ", tr(lang, "evidence")))];
            for (i, e) in c.evidence.iter().enumerate() {
                if i > 0 {
                    p.push(text("; "));
                }
                let raw = e
                    .raw_value
                    .map(|r| format!(" [{} {}]", tr(lang, "raw_in_file"), format_number(r)))
                    .unwrap_or_default();
                p.push(text(format!("{} {} {}{raw} ({})", e.period, format_number(e.value), e.unit, e.dataset)));
                p.push(notes.source(&e.source));
            }
            blocks.push(Block::Muted(p));
        }
    }
}
