//! Self-contained reports on a pair of countries, for a paper's appendix or an email: one
//! HTML or Markdown file holding the summary, the timeline, the charts, the indicators, A set
//! beside B's other partners on the index, the claims, the diagnostics and the bibliography,
//! with every figure footnoted to its source (computed figures to the index configuration and
//! its hash, or to the diagnostic rules and theirs).
//!
//! It sits beside `pages`: both render a [`DyadView`] (the dyad page's data), but a report
//! opens offline (inline CSS, inline SVG or SVG data URIs, no script, nothing fetched) and
//! prints on A4. The view is first turned into a small document model, numbering the
//! footnotes once, so that the two writers show the same notes for the same figures.
//!
//! This file holds the model and the footnotes; each section of the report is built in its
//! own file, in reading order (`summary`, `timeline`, `indicators`, `comparison`, `claims`,
//! `diagnosis`, `gdelt`, `records`), and `html` and `markdown` write the model out.
//!
//! ```no_run
//! # fn demo(store: &entente_store::Store) -> Result<(), Box<dyn std::error::Error>> {
//! use entente_report::document::{Format, render};
//! let view = entente_report::dyad_view(store, &entente_model::Dyad::new("FRA", "KAZ"), "fr", entente_cite::Style::Gost)?;
//! let markdown = render(&view, "md".parse::<Format>()?);
//! # Ok(()) }
//! ```

mod claims;
mod comparison;
mod diagnosis;
mod gdelt;
mod html;
mod indicators;
mod markdown;
mod records;
mod summary;
mod timeline;

use std::fmt;
use std::str::FromStr;

use entente_analytics::Timeline;
use entente_analytics::indicators::{Flow, Point};
use entente_analytics::timeline::SourceRef;
use entente_model::Direction;

use crate::dyad::{BibEntry, DyadView};
use crate::i18n::{tr, tr_args};

/// The file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One HTML file with inline CSS and SVG.
    Html,
    /// GitHub-flavoured Markdown with footnotes and charts as SVG data URIs.
    Markdown,
}

impl Format {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            _ => Err(format!("unknown report format \"{s}\"; expected html or md")),
        }
    }
}

/// The report of `view` as one self-contained file. Nothing in it depends on the clock, so
/// the same view always gives the same bytes.
pub fn render(view: &DyadView, format: Format) -> String {
    let doc = build(view);
    match format {
        Format::Html => html::write_html(view, &doc),
        Format::Markdown => markdown::write_markdown(view, &doc),
    }
}

// ---------------------------------------------------------------------------------------
// Names.

/// The full name of a citation style.
fn style_name(style: &str) -> &str {
    match style {
        "gost" => "GOST R 7.0.5-2008",
        "apa" => "APA 7",
        other => other,
    }
}

// ---------------------------------------------------------------------------------------
// The document model: what both writers render.

/// A run of text inside a paragraph or a table cell.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text(String),
    Strong(String),
    Quote(String),
    /// A footnote mark, numbered from 1.
    Note(usize),
    /// A link to a bibliography entry, showing the source's id.
    Source(String),
    /// A claim's verdict: its code (for the colour) and its label.
    Verdict(&'static str, String),
    Break,
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// A table row; the id lets the timeline chart link to its event.
struct Row {
    id: Option<String>,
    cells: Vec<Vec<Inline>>,
}

enum Block {
    Heading(u8, String),
    Para(Vec<Inline>),
    Muted(Vec<Inline>),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Row>,
    },
    List(Vec<Vec<Inline>>),
    /// An SVG chart drawn by [`svg`], with a caption that footnotes where its figures come from.
    Chart {
        title: String,
        svg: String,
        caption: Vec<Inline>,
    },
}

struct Doc {
    blocks: Vec<Block>,
    /// Footnote bodies; note `n` is `notes[n - 1]`.
    notes: Vec<Vec<Inline>>,
}

/// One footnote while the document is being built.
enum Note {
    /// A place in a source. Citations of the same place share one note; the quotes and the
    /// works the source refers to are gathered so that none is lost. `caveat` is set for a
    /// work kept only as cited in another source, with the reason when there is one.
    Cite { source: String, locator: String, quotes: Vec<String>, references: Vec<String>, caveat: Option<String> },
    /// A note entente writes itself (a computation, the GDELT series), keyed so it is given once.
    Fixed { key: String, body: Vec<Inline> },
}

/// The footnotes, numbered in order of first use, worded in `lang`.
struct Notes {
    lang: &'static str,
    list: Vec<Note>,
}

impl Notes {
    fn cite(&mut self, source: &str, locator: &str, quote: Option<&str>, reference: Option<&str>) -> Inline {
        let found = self
            .list
            .iter()
            .position(|n| matches!(n, Note::Cite { source: s, locator: l, .. } if s == source && l == locator.trim()));
        let i = found.unwrap_or_else(|| {
            self.list.push(Note::Cite {
                source: source.to_string(),
                locator: locator.trim().to_string(),
                quotes: Vec::new(),
                references: Vec::new(),
                caveat: None,
            });
            self.list.len() - 1
        });
        if let Some(Note::Cite { quotes, references, .. }) = self.list.get_mut(i) {
            if let Some(q) = quote.map(str::trim).filter(|q| !q.is_empty())
                && !quotes.iter().any(|x| x == q)
            {
                quotes.push(q.to_string());
            }
            if let Some(r) = reference.map(str::trim).filter(|r| !r.is_empty())
                && !references.iter().any(|x| x == r)
            {
                references.push(r.to_string());
            }
        }
        Inline::Note(i + 1)
    }

    fn source(&mut self, s: &SourceRef) -> Inline {
        let note = self.cite(&s.source_id, &s.locator, s.quote.as_deref(), s.reference.as_deref());
        if !s.is_evidence() {
            let mut caveat = tr(self.lang, "as_cited_caveat").to_string();
            if let Some(why) = &s.note {
                // The note closes the footnote, which adds its own full stop.
                caveat.push_str(&format!(": {}", why.trim_end_matches('.')));
            }
            if let Inline::Note(n) = &note
                && let Some(Note::Cite { caveat: c, .. }) = self.list.get_mut(n - 1)
            {
                *c = Some(caveat);
            }
        }
        note
    }

    fn fixed(&mut self, key: &str, body: impl FnOnce() -> Vec<Inline>) -> Inline {
        let found = self.list.iter().position(|n| matches!(n, Note::Fixed { key: k, .. } if k == key));
        let i = found.unwrap_or_else(|| {
            self.list.push(Note::Fixed { key: key.to_string(), body: body() });
            self.list.len() - 1
        });
        Inline::Note(i + 1)
    }

    /// The notes' bodies. Source ids link to the bibliography only when it lists them.
    fn finish(self, bibliography: &[BibEntry]) -> Vec<Vec<Inline>> {
        let link = |id: &str| {
            if bibliography.iter().any(|b| b.id == id) { Inline::Source(id.to_string()) } else { text(id) }
        };
        self.list
            .into_iter()
            .map(|n| match n {
                Note::Cite { source, locator, quotes, references, caveat } => {
                    let mut body = vec![link(&source)];
                    if !locator.is_empty() {
                        body.push(text(format!(", {locator}")));
                    }
                    for r in &references {
                        body.push(text(" → "));
                        body.push(link(r));
                    }
                    for (i, q) in quotes.into_iter().enumerate() {
                        body.push(text(if i == 0 { ": " } else { "; " }));
                        body.push(Inline::Quote(q));
                    }
                    if let Some(c) = caveat {
                        body.push(text(format!(" — ⚠ {c}")));
                    }
                    body.push(text("."));
                    body
                }
                Note::Fixed { body, .. } => body,
            })
            .map(|body| link_sources(body, &link))
            .collect()
    }
}

/// Source links in fixed notes were made before the bibliography was consulted; unknown
/// ids become plain text there too.
fn link_sources(body: Vec<Inline>, link: &impl Fn(&str) -> Inline) -> Vec<Inline> {
    body.into_iter().map(|i| if let Inline::Source(id) = &i { link(id) } else { i }).collect()
}

/// Source ids as links separated by commas.
fn source_list(ids: &[String]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(text(","));
        }
        out.push(text(" "));
        out.push(Inline::Source(id.clone()));
    }
    out.push(text("."));
    out
}

fn direction_label(lang: &str, view: &DyadView, d: Direction) -> String {
    match d {
        Direction::Mutual => tr(lang, "mutual").to_string(),
        Direction::Unspecified => tr(lang, "unspecified").to_string(),
        _ => d.label(&view.dyad),
    }
}

/// Turns the view into blocks, section by section in reading order, numbering footnotes as
/// they are first used.
fn build(view: &DyadView) -> Doc {
    let mut notes = Notes { lang: crate::i18n::lang(Some(view.lang.as_str())).unwrap_or("en"), list: Vec::new() };
    let mut blocks = Vec::new();
    for section in [
        summary::section,
        timeline::section,
        indicators::section,
        comparison::section,
        claims::section,
        diagnosis::section,
        gdelt::section,
        records::section,
    ] {
        section(view, &mut notes, &mut blocks);
    }
    Doc { blocks, notes: notes.finish(&view.bibliography) }
}

/// The view's timeline as the analytics crate holds it, for the charts and the sources.
fn timeline_of(view: &DyadView) -> Timeline {
    Timeline {
        dyad: view.dyad.clone(),
        names: view.names.clone(),
        entries: view.timeline.clone(),
        summary: view.summary.clone(),
    }
}

/// The note of every figure counted from the timeline's events, given once.
fn computed_events(notes: &mut Notes, view: &DyadView) -> Inline {
    let lang = view.lang.as_str();
    notes.fixed("computed-events", || {
        let event_sources = timeline_of(view).source_ids();
        let mut body = vec![text(tr_args(lang, "computed_events", &[("n", view.timeline.len().into())]))];
        if event_sources.is_empty() {
            body.push(text(" —."));
        } else {
            body.extend(source_list(&event_sources));
        }
        body
    })
}

/// A sources cell: each source's id linked to the bibliography, then its footnote; two
/// citations of the same place (with different quotes) show once.
fn cite_cell(notes: &mut Notes, sources: &[SourceRef]) -> Vec<Inline> {
    let mut cell = Vec::new();
    for s in sources {
        let note = notes.source(s);
        if cell.contains(&note) {
            continue;
        }
        if !cell.is_empty() {
            cell.push(Inline::Break);
        }
        cell.push(Inline::Source(s.source_id.clone()));
        cell.push(note);
    }
    cell
}

/// The note of one value of a flow: the flow's source at the point's own locator. The quote
/// and reference belong to the flow's first citation, so they go with that locator only.
fn point_note(notes: &mut Notes, f: &Flow, p: &Point) -> Inline {
    if p.locator.trim() == f.source.locator.trim() {
        notes.source(&f.source)
    } else {
        notes.cite(&f.source.source_id, &p.locator, None, None)
    }
}

fn gdelt_note(notes: &mut Notes, lang: &str, series: &entente_analytics::Series) -> Inline {
    notes.fixed("gdelt", || {
        let src = &series.source;
        let dates = match (&src.first_date, &src.last_date) {
            (Some(f), Some(l)) => format!(", {f} – {l}"),
            _ => String::new(),
        };
        let details = tr_args(
            lang,
            "gdelt_source",
            &[("files", src.files.into()), ("events", src.events_stored.into()), ("dates", dates.into())],
        );
        vec![text(format!("{} {details}", src.citation))]
    })
}

/// The note of figures counted from records: their ids.
fn records_note(notes: &mut Notes, lang: &str, records: &[String]) -> Inline {
    notes.fixed(&format!("records|{}", records.join(",")), || {
        vec![text(tr_args(lang, "records_note", &[("n", records.len().into()), ("ids", records.join(", ").into())]))]
    })
}

#[cfg(test)]
mod tests;
