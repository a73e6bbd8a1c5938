//! The Markdown writer: the document model as GitHub-flavoured Markdown with footnotes, the
//! charts as SVG data URIs.

use super::*;
use std::fmt::Write as _;

use base64::Engine as _;

use crate::i18n::lang_name;

/// Text escaped for Markdown: `&`, `<` and `>` become entities (no renderer can take them
/// for HTML), every other character that could start markup (a link, an image, emphasis, a
/// table cell, maths) is backslash-escaped, and line breaks become spaces so a table row or
/// a footnote stays on one line.
pub(super) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An anchor name safe in raw HTML and in a link target: other characters become `-`.
fn slug(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '-' }).collect()
}

pub(super) fn md_inlines(xs: &[Inline], lang: &str) -> String {
    let mut out = String::new();
    for x in xs {
        match x {
            Inline::Text(s) => out.push_str(&md(s)),
            Inline::Strong(s) => {
                let s = md(s);
                if s.trim().is_empty() {
                    out.push_str(&s);
                } else {
                    let _ = write!(out, "**{s}**");
                }
            }
            Inline::Quote(s) => out.push_str(&tr_args(lang, "quoted", &[("text", md(s).into())])),
            Inline::Note(n) => {
                let _ = write!(out, "[^{n}]");
            }
            Inline::Source(id) => {
                let _ = write!(out, "[{}](#src-{})", md(id), slug(id));
            }
            Inline::Verdict(_, label) => {
                let _ = write!(out, "**{}**", md(label));
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}

/// The bibliography entry in Markdown, keeping the style's italics: the HTML from
/// entente-cite holds only `<i>` and escaped text; anything else falls back to plain text.
pub(super) fn md_citation(b: &BibEntry) -> String {
    let mut out = String::new();
    let mut rest = b.html.as_str();
    let mut italic = false;
    let mut run = String::new();
    let flush = |run: &mut String, italic: bool, out: &mut String| {
        let t = md(&unescape(run));
        if italic && !t.trim().is_empty() {
            let _ = write!(out, "*{t}*");
        } else {
            out.push_str(&t);
        }
        run.clear();
    };
    while let Some(i) = rest.find('<') {
        run.push_str(&rest[..i]);
        let tag = &rest[i..];
        let (len, opens) = if tag.starts_with("<i>") {
            (3, true)
        } else if tag.starts_with("</i>") {
            (4, false)
        } else {
            return md(&b.citation);
        };
        flush(&mut run, italic, &mut out);
        italic = opens;
        rest = &tag[len..];
    }
    run.push_str(rest);
    flush(&mut run, italic, &mut out);
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

pub(super) fn md_block(out: &mut String, b: &Block, lang: &str) {
    match b {
        Block::Heading(level, t) => {
            let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), md(t));
        }
        Block::Para(xs) => {
            let _ = writeln!(out, "{}\n", md_inlines(xs, lang));
        }
        Block::Muted(xs) => {
            let _ = writeln!(out, "*{}*\n", md_inlines(xs, lang));
        }
        Block::List(items) => {
            for i in items {
                let _ = writeln!(out, "- {}", md_inlines(i, lang));
            }
            out.push('\n');
        }
        Block::Chart { title, svg, caption } => {
            let data = base64::engine::general_purpose::STANDARD.encode(svg.as_bytes());
            let _ = writeln!(out, "![{}](data:image/svg+xml;base64,{data})\n", md(title));
            let _ = writeln!(out, "*{}*\n", md_inlines(caption, lang));
        }
        Block::Table { head, rows } => {
            let cells = |cs: &[Vec<Inline>]| cs.iter().map(|c| md_inlines(c, lang)).collect::<Vec<_>>().join(" | ");
            let _ = writeln!(out, "| {} |", cells(head));
            let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
            for r in rows {
                let _ = writeln!(out, "| {} |", cells(&r.cells));
            }
            out.push('\n');
        }
    }
}

pub(super) fn write_markdown(view: &DyadView, doc: &Doc) -> String {
    let lang = view.lang.as_str();
    let mut out = String::new();
    let _ = writeln!(out, "# {} – {}\n", md(&view.names[0]), md(&view.names[1]));
    let _ = writeln!(out, "{} · {} — {}\n", md(&view.dyad.a), md(&view.dyad.b), md(&tr(lang, "report_subtitle")));
    let _ = writeln!(
        out,
        "*{} · {}: {} · {}: {}*\n",
        md(&tr_args(lang, "generated_by", &[("version", env!("CARGO_PKG_VERSION").into())])),
        md(&tr(lang, "reference_style")),
        md(style_name(&view.style)),
        md(&tr(lang, "language")),
        md(&lang_name(lang)),
    );
    for b in &doc.blocks {
        md_block(&mut out, b, lang);
    }
    let _ = writeln!(out, "## {}\n", md(&tr(lang, "bibliography")));
    for (i, b) in view.bibliography.iter().enumerate() {
        let _ = writeln!(out, "{}. <a id=\"src-{}\"></a>{} \\[{}\\]", i + 1, slug(&b.id), md_citation(b), md(&b.id));
    }
    out.push('\n');
    // GitHub shows footnotes at the end under its own heading, wherever they are defined.
    for (i, n) in doc.notes.iter().enumerate() {
        let _ = writeln!(out, "[^{}]: {}", i + 1, md_inlines(n, lang));
    }
    out
}
