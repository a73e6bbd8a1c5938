//! The HTML writer: the document model as one file with inline CSS and SVG, for print.

use super::*;
use maud::{Markup, PreEscaped, html};

use crate::i18n::lang_name;

/// Print first: A4 pages, serif text, tables that break between rows, charts scaled to the
/// page. Only local fonts, so the file opens offline.
const CSS: &str = "
@page{size:A4;margin:18mm 16mm 20mm}
html{font:11pt/1.45 Georgia,'Times New Roman',serif;color:#111;background:#fff}
body{max-width:178mm;margin:0 auto;padding:10mm 12px}
header{border-bottom:1pt solid #333;padding-bottom:6pt;margin-bottom:8pt}
h1{font-size:20pt;margin:0 0 2pt}
h2{font-size:14pt;margin:18pt 0 6pt;border-bottom:.5pt solid #999;break-after:avoid;page-break-after:avoid}
h3{font-size:12pt;margin:12pt 0 4pt;break-after:avoid;page-break-after:avoid}
p{margin:4pt 0}.meta{color:#444;font-size:9.5pt;margin:1pt 0}.muted{color:#444;font-size:9.5pt}
table{border-collapse:collapse;width:100%;font-size:9pt;margin:6pt 0 10pt}
thead{display:table-header-group}
th,td{text-align:left;vertical-align:top;padding:2pt 4pt;border-bottom:.5pt solid #ccc}
th{border-bottom:1pt solid #333;font-weight:700}
tr,figure,li{break-inside:avoid;page-break-inside:avoid}
figure{margin:8pt 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:9pt;color:#444;margin-top:2pt}
sup.fn{font-size:7pt;line-height:0;margin-left:1px}sup.fn a{text-decoration:none}
a{color:#1f3b5a}q{font-style:italic}
.verdict{font-weight:700;padding:0 4pt;border:.5pt solid #777;border-radius:3pt}
.verdict.supported{color:#11694f;border-color:#1b9e77}.verdict.contradicted{color:#a02a1e;border-color:#c0392b}
.verdict.not_comparable{color:#7a5a00;border-color:#b8860b}
ol.notes,ol.bib{font-size:9pt;padding-left:20pt}ol.notes li,ol.bib li{margin-bottom:3pt}
a.back{text-decoration:none;margin-left:3pt}
:target{background:#fff6d5}
@media print{body{max-width:none;padding:0}a{color:inherit;text-decoration:none}a.back{display:none}}
";

/// Gives each footnote mark a unique id, so a note can link back to where it was first used.
#[derive(Default)]
struct Marks {
    used: Vec<usize>,
}

impl Marks {
    /// The id of the next mark of note `n` (from 1).
    fn next(&mut self, n: usize) -> String {
        let i = n.saturating_sub(1);
        if self.used.len() <= i {
            self.used.resize(i + 1, 0);
        }
        let mut k = 1;
        if let Some(used) = self.used.get_mut(i) {
            *used += 1;
            k = *used;
        }
        format!("fnref-{n}-{k}")
    }
}

fn html_inlines(xs: &[Inline], marks: &mut Marks) -> Markup {
    html! {
        @for x in xs {
            @match x {
                Inline::Text(s) => { (s) }
                Inline::Strong(s) => { b { (s) } }
                Inline::Quote(s) => { q { (s) } }
                Inline::Note(n) => { sup.fn { a href={"#fn-" (n)} id=(marks.next(*n)) { (n) } } }
                Inline::Source(id) => { a href={"#src-" (id)} { (id) } }
                Inline::Verdict(code, label) => { span class={"verdict " (code)} { (label) } }
                Inline::Break => { br; }
            }
        }
    }
}

fn html_block(b: &Block, marks: &mut Marks) -> Markup {
    match b {
        Block::Heading(2, t) => html! { h2 { (t) } },
        Block::Heading(_, t) => html! { h3 { (t) } },
        Block::Para(xs) => html! { p { (html_inlines(xs, marks)) } },
        Block::Muted(xs) => html! { p.muted { (html_inlines(xs, marks)) } },
        Block::List(items) => html! { ul { @for i in items { li { (html_inlines(i, marks)) } } } },
        // The SVG is markup drawn (and escaped) by `svg`, not text from the data.
        Block::Chart { title: _, svg, caption } => html! {
            figure { (PreEscaped(svg)) figcaption { (html_inlines(caption, marks)) } }
        },
        Block::Table { head, rows } => html! {
            table {
                thead { tr { @for h in head { th { (html_inlines(h, marks)) } } } }
                tbody {
                    @for r in rows {
                        tr id=[r.id.as_deref()] { @for c in &r.cells { td { (html_inlines(c, marks)) } } }
                    }
                }
            }
        },
    }
}

pub(super) fn write_html(view: &DyadView, doc: &Doc) -> String {
    let lang = view.lang.as_str();
    let title = format!("{} – {}", view.names[0], view.names[1]);
    let mut marks = Marks::default();
    let body: Vec<Markup> = doc.blocks.iter().map(|b| html_block(b, &mut marks)).collect();
    let notes: Vec<Markup> = doc.notes.iter().map(|n| html_inlines(n, &mut marks)).collect();
    let head = html! { meta name="generator" content={"entente " (env!("CARGO_PKG_VERSION"))}; };
    let content = html! {
                header {
                    h1 { (title) }
                    p.meta { (view.dyad.a) " · " (view.dyad.b) " — " (tr(lang, "report_subtitle")) }
                    p.meta {
                        (tr_args(lang, "generated_by", &[("version", env!("CARGO_PKG_VERSION").into())]))
                        " · " (tr(lang, "reference_style")) ": " (style_name(&view.style))
                        " · " (tr(lang, "language")) ": " (lang_name(lang))
                    }
                }
                main {
                    @for b in &body { (b) }
                    section.notes {
                        h2 { (tr(lang, "notes")) }
                        ol.notes {
                            @for (i, n) in notes.iter().enumerate() {
                                li id={"fn-" (i + 1)} { (n) " " a.back href={"#fnref-" (i + 1) "-1"} { "↩" } }
                            }
                        }
                    }
                    section.bibliography {
                        h2 { (tr(lang, "bibliography")) }
                        ol.bib {
                            // Formatted and escaped by entente-cite: italics are its only markup.
                            @for b in &view.bibliography {
                                li id={"src-" (b.id)} { (PreEscaped(&b.html)) " [" (b.id) "]" }
                            }
                        }
                    }
                }
    };
    crate::pages::html_document(lang, &title, CSS, head, content).into_string()
}
