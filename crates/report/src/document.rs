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
//! ```no_run
//! # fn demo(store: &entente_store::Store) -> Result<(), Box<dyn std::error::Error>> {
//! use entente_report::document::{Format, render};
//! let view = entente_report::dyad_view(store, &entente_model::Dyad::new("FRA", "KAZ"), "fr", entente_cite::Style::Gost)?;
//! let markdown = render(&view, "md".parse::<Format>()?);
//! # Ok(()) }
//! ```

use std::fmt;
use std::fmt::Write as _;
use std::str::FromStr;

use base64::Engine as _;
use entente_analytics::Timeline;
use entente_analytics::indicators::{Flow, Point, Share};
use entente_analytics::timeline::SourceRef;
use entente_model::Direction;
use entente_model::record::format_number;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use entente_analytics::compare::{Cell, IndicatorInfo, ValueStatus};
use entente_analytics::diagnose::{Diagnosis, Fact, Finding, FindingStatus};

use crate::compare::Beside;
use crate::dyad::{BibEntry, DyadView};
use crate::i18n::{Arg, lang_name, tr, tr_args, tr_code};
use crate::svg;

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
        Format::Html => write_html(view, &doc),
        Format::Markdown => write_markdown(view, &doc),
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

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:+.1} %", x * 100.0)).unwrap_or_default()
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

fn direction_label(lang: &str, view: &DyadView, d: Direction) -> String {
    match d {
        Direction::Mutual => tr(lang, "mutual").to_string(),
        Direction::Unspecified => tr(lang, "unspecified").to_string(),
        _ => d.label(&view.dyad),
    }
}

/// Turns the view into blocks, numbering footnotes in reading order.
fn build(view: &DyadView) -> Doc {
    let lang = view.lang.as_str();
    let mut notes = Notes { lang: crate::i18n::lang(Some(lang)).unwrap_or("en"), list: Vec::new() };
    let mut blocks = Vec::new();
    let timeline = Timeline {
        dyad: view.dyad.clone(),
        names: view.names.clone(),
        entries: view.timeline.clone(),
        summary: view.summary.clone(),
    };
    let event_sources = timeline.source_ids();
    let n_events = view.timeline.len();
    let computed_events = |notes: &mut Notes| {
        notes.fixed("computed-events", || {
            let mut body = vec![text(tr_args(lang, "computed_events", &[("n", n_events.into())]))];
            if event_sources.is_empty() {
                body.push(text(" —."));
            } else {
                body.extend(source_list(&event_sources));
            }
            body
        })
    };

    // Summary.
    blocks.push(Block::Heading(2, tr(lang, "summary").to_string()));
    let s = &view.summary;
    let mut rows: Vec<Row> = Vec::new();
    let mut row =
        |label: String, value: Vec<Inline>| rows.push(Row { id: None, cells: vec![vec![text(label)], value] });
    row(tr(lang, "events_total").to_string(), vec![text(s.events.to_string()), computed_events(&mut notes)]);
    if let (Some(f), Some(l)) = (&s.first, &s.last) {
        row(tr(lang, "period").to_string(), vec![text(format!("{f} – {l}")), computed_events(&mut notes)]);
    }
    for (d, n) in &s.by_direction {
        let dir = Direction::parse(d).unwrap_or(Direction::Unspecified);
        row(
            format!("{}: {}", tr(lang, "events_total"), direction_label(lang, view, dir)),
            vec![text(n.to_string()), computed_events(&mut notes)],
        );
    }
    if s.context > 0 {
        row(
            format!("{}: {}", tr(lang, "events_total"), tr(lang, "context_events")),
            vec![text(s.context.to_string()), computed_events(&mut notes)],
        );
    }
    if !s.by_domain.is_empty() {
        let domains = s.by_domain.iter().map(|(d, n)| format!("{d} ({n})")).collect::<Vec<_>>().join(", ");
        row(tr(lang, "domains").to_string(), vec![text(domains), computed_events(&mut notes)]);
    }
    row(tr(lang, "sources_cited").to_string(), vec![text(s.sources.to_string()), computed_events(&mut notes)]);
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
            let note = point_note(&mut notes, f, p);
            row(label, vec![text(format_number(p.value)), note]);
        }
    }
    if let Some(series) = &view.gdelt {
        for d in [Direction::AToB, Direction::BToA] {
            let total: i64 = series.rows.iter().filter(|r| r.direction == d).map(|r| r.events).sum();
            if series.source.files > 0 {
                let note = gdelt_note(&mut notes, lang, series);
                row(
                    tr_args(lang, "gdelt_events_total", &[("label", d.label(&view.dyad).into())]).into_owned(),
                    vec![text(total.to_string()), note],
                );
            }
        }
    }
    let head = vec![vec![text(tr(lang, "measure"))], vec![text(tr(lang, "value"))]];
    blocks.push(Block::Table { head, rows });

    // Timeline: the charts, then every event with its sources.
    blocks.push(Block::Heading(2, tr(lang, "timeline").to_string()));
    blocks.push(Block::Chart {
        title: tr(lang, "chart_timeline").to_string(),
        svg: svg::timeline(&timeline, lang).into_string(),
        caption: vec![text(tr(lang, "chart_timeline")), computed_events(&mut notes)],
    });
    blocks.push(Block::Chart {
        title: tr(lang, "events_per_year").to_string(),
        svg: svg::per_year(&timeline, lang).into_string(),
        caption: vec![text(tr(lang, "events_per_year")), computed_events(&mut notes)],
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
                let sources = cite_cell(&mut notes, &e.sources);
                Row { id: Some(e.id.clone()), cells: vec![date, direction, kind, title, vec![text(e.status)], sources] }
            })
            .collect();
        blocks.push(Block::Table { head, rows });
    }

    // Indicators.
    blocks.push(Block::Heading(2, tr(lang, "indicators").to_string()));
    indicators(view, &mut notes, &mut blocks);

    // A beside B's other partners on the index.
    blocks.push(Block::Heading(2, tr(lang, "comparison").to_string()));
    comparison(view, &mut notes, &mut blocks);

    // Claims.
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

    // Diagnostics: the rules' findings and the sources' judgements.
    blocks.push(Block::Heading(2, tr(lang, "diagnostics").to_string()));
    diagnostics(view, &mut notes, &mut blocks);

    // GDELT.
    blocks.push(Block::Heading(2, tr(lang, "gdelt_series").to_string()));
    gdelt(view, &mut notes, &mut blocks);

    // Programmes and actors.
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
                    cells: vec![vec![text(r.kind.as_str())], title, cite_cell(&mut notes, &r.sources)],
                }
            })
            .collect();
        blocks.push(Block::Table { head, rows });
    }

    Doc { blocks, notes: notes.finish(&view.bibliography) }
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

fn indicators(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
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

/// The note of figures counted from records: their ids.
fn records_note(notes: &mut Notes, lang: &str, records: &[String]) -> Inline {
    notes.fixed(&format!("records|{}", records.join(",")), || {
        vec![text(tr_args(lang, "records_note", &[("n", records.len().into()), ("ids", records.join(", ").into())]))]
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

/// A beside the reference partners of B: ranks with intervals, index and dimension scores
/// (noted with the configuration and its hash), the dimensions that separate them, and the
/// raw values each with its source.
fn comparison(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
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

/// The note of a diagnostic fact: its source, the records it was counted from, or (for a
/// rank or a figure of the comparison) the index configuration.
fn fact_note(notes: &mut Notes, lang: &str, f: &Fact, d: &Diagnosis) -> Inline {
    if let Some(s) = &f.source {
        return notes.source(s);
    }
    if !f.records.is_empty() {
        return records_note(notes, lang, &f.records);
    }
    // Counts of the pair's events are read from the store, not the comparison, even at zero.
    if f.name.starts_with("events_") {
        return notes.fixed("no-events", || vec![text(tr(lang, "no_events_note"))]);
    }
    notes.fixed(&format!("diagnose-index|{}", d.config.sha256), || {
        vec![text(tr_args(
            lang,
            "diagnose_index_note",
            &[
                ("b", (&d.b).into()),
                ("name", (&d.config.name).into()),
                ("version", (&d.config.version).into()),
                ("sha", (&d.config.sha256).into()),
            ],
        ))]
    })
}

/// The rules' findings by category, each with its status, sentence and evidence, then the
/// sources' judgements beside what the data says.
fn diagnostics(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
    let Some(d) = &view.diagnosis else {
        blocks.push(Block::Para(vec![text(tr(lang, "diagnosis_no_data"))]));
        return;
    };
    let rules = notes.fixed(&format!("rules|{}", d.rules.sha256), || {
        vec![text(tr_args(
            lang,
            "rules_note",
            &[
                ("name", (&d.rules.name).into()),
                ("version", (&d.rules.version).into()),
                ("sha", (&d.rules.sha256).into()),
            ],
        ))]
    });
    let intro = tr_args(
        lang,
        "diagnostics_intro",
        &[
            ("rules", format!("{} {}", d.rules.name, d.rules.version).into()),
            ("a", (&d.a).into()),
            ("b", (&d.b).into()),
            ("year", d.year.to_string().into()),
        ],
    );
    blocks.push(Block::Para(vec![text(intro), rules]));
    for cat in crate::compare::CATEGORIES {
        let findings: Vec<&Finding> = d.findings.iter().filter(|f| f.category == cat).collect();
        if findings.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(3, tr_code(lang, "categories", cat)));
        let items = findings
            .iter()
            .map(|f| {
                let mut item = vec![
                    Inline::Verdict(status_code(f.status), tr_code(lang, "status", f.status.as_str())),
                    text(format!(" {}: {}", tr_code(lang, "topic", &f.topic), f.sentence)),
                ];
                item.push(notes.fixed(&format!("rule|{}", f.rule), || {
                    vec![text(format!("{} {}: {}", tr(lang, "rule"), f.rule, f.why))]
                }));
                for (i, e) in f.evidence.iter().enumerate() {
                    item.push(text(if i == 0 { " (" } else { "; " }));
                    let mut fig = format!("{} = {}", e.name, crate::compare::value_text(e.value));
                    if let Some(of) = e.of {
                        fig.push_str(&format!(" / {of}"));
                    }
                    if let Some(p) = &e.period {
                        fig.push_str(&format!(", {p}"));
                    }
                    item.push(text(fig));
                    item.push(fact_note(notes, lang, e, d));
                }
                if !f.evidence.is_empty() {
                    item.push(text(")"));
                }
                item
            })
            .collect();
        blocks.push(Block::List(items));
    }
    blocks.push(Block::Heading(3, tr(lang, "judgements").to_string()));
    if d.judgements.is_empty() {
        blocks.push(Block::Para(vec![text(tr(lang, "no_judgements"))]));
        return;
    }
    let head = [tr(lang, "category"), tr(lang, "topic"), tr(lang, "source_says"), tr(lang, "data_says")]
        .into_iter()
        .map(|h| vec![text(h)])
        .collect();
    let rows = d
        .judgements
        .iter()
        .map(|j| {
            let mut says = vec![Inline::Quote(j.text.clone())];
            for s in &j.sources {
                let note = notes.source(s);
                if !says.contains(&note) {
                    says.push(note);
                }
            }
            let mut data = vec![Inline::Verdict(status_code(j.data), tr_code(lang, "status", j.data.as_str()))];
            if j.findings.is_empty() {
                data.extend([Inline::Break, text(tr(lang, "no_rule_on_topic"))]);
            }
            for (rule, status) in &j.findings {
                data.extend([Inline::Break, text(format!("{rule}: {}", tr_code(lang, "status", status.as_str())))]);
            }
            Row {
                id: Some(format!("judgement-{}", j.claim)),
                cells: vec![
                    vec![text(tr_code(lang, "category", &j.category))],
                    vec![text(tr_code(lang, "topic", &j.topic))],
                    says,
                    data,
                ],
            }
        })
        .collect();
    blocks.push(Block::Table { head, rows });
}

/// A finding's status as the class of its badge, which shares the verdicts' colours.
fn status_code(s: FindingStatus) -> &'static str {
    s.as_str()
}

/// Shares of one direction and dataset: (from, to, dataset) and the rows, in period order.
type ShareGroup<'a> = ((&'a str, &'a str, &'a str), Vec<&'a Share>);

fn gdelt(view: &DyadView, notes: &mut Notes, blocks: &mut Vec<Block>) {
    let lang = view.lang.as_str();
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

// ---------------------------------------------------------------------------------------
// HTML.

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

fn write_html(view: &DyadView, doc: &Doc) -> String {
    let lang = view.lang.as_str();
    let title = format!("{} – {}", view.names[0], view.names[1]);
    let mut marks = Marks::default();
    let body: Vec<Markup> = doc.blocks.iter().map(|b| html_block(b, &mut marks)).collect();
    let notes: Vec<Markup> = doc.notes.iter().map(|n| html_inlines(n, &mut marks)).collect();
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={"entente " (env!("CARGO_PKG_VERSION"))};
                title { (title) " · entente" }
                style { (PreEscaped(CSS)) }
            }
            body {
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
            }
        }
    }
    .into_string()
}

// ---------------------------------------------------------------------------------------
// Markdown.

/// Text escaped for Markdown: `&`, `<` and `>` become entities (no renderer can take them
/// for HTML), every other character that could start markup (a link, an image, emphasis, a
/// table cell, maths) is backslash-escaped, and line breaks become spaces so a table row or
/// a footnote stays on one line.
fn md(s: &str) -> String {
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

fn md_inlines(xs: &[Inline], lang: &str) -> String {
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
fn md_citation(b: &BibEntry) -> String {
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

fn md_block(out: &mut String, b: &Block, lang: &str) {
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

fn write_markdown(view: &DyadView, doc: &Doc) -> String {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use entente_analytics::series::{By, Series, SeriesRow, SeriesSource};
    use entente_cite::Style;
    use entente_model::Dyad;
    use entente_store::Store;

    /// The bundled France–Kazakhstan dataset and the bundled indicator files, as the CLI
    /// loads them on first use.
    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let files = entente_ingest::bundled::datasets().remove(0);
        let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
        store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
        for (name, bytes) in entente_ingest::bundled::FEEDS {
            let read = entente_ingest::indicators::read_feed(name, bytes).unwrap();
            store.load_dataset(&read.dataset, &format!("bundled:{name}"), name).unwrap();
        }
        store
    }

    fn view(store: &Store, lang: &str, style: Style) -> DyadView {
        crate::dyad_view(store, &Dyad::new("FRA", "KAZ"), lang, style).unwrap()
    }

    /// Numbers after `prefix` up to the next non-digit, each occurrence.
    fn numbers_after(text: &str, prefix: &str) -> Vec<usize> {
        text.match_indices(prefix)
            .filter_map(|(i, _)| {
                let digits: String = text[i + prefix.len()..].chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            })
            .collect()
    }

    /// Strings after `prefix` up to `end`, each occurrence.
    fn strings_between<'a>(text: &'a str, prefix: &str, end: char) -> BTreeSet<&'a str> {
        text.match_indices(prefix)
            .filter_map(|(i, _)| {
                let rest = &text[i + prefix.len()..];
                rest.find(end).map(|j| &rest[..j])
            })
            .collect()
    }

    /// Markdown footnote marks and definitions.
    fn md_notes(md: &str) -> (BTreeSet<usize>, Vec<usize>) {
        let defs: Vec<usize> =
            md.lines().filter_map(|l| l.strip_prefix("[^")?.split_once("]: ")?.0.parse().ok()).collect();
        let body: String =
            md.lines().map(|l| if l.starts_with("[^") { l.split_once("]: ").map_or(l, |x| x.1) } else { l }).collect();
        let refs = numbers_after(&body, "[^").into_iter().collect();
        (refs, defs)
    }

    fn gdelt_series() -> Series {
        let row = |period: &str, direction: Direction, events: i64| SeriesRow {
            period: period.into(),
            direction,
            direction_label: direction.label(&Dyad::new("FRA", "KAZ")),
            events,
            articles: events * 3,
            goldstein_mean: Some(2.5),
            tone_mean: Some(-1.0),
            quad_class: Default::default(),
            root_codes: Default::default(),
            events_involving_a: 1000,
            events_involving_b: 100,
            share_of_a: None,
            share_of_b: None,
        };
        Series {
            dyad: Dyad::new("FRA", "KAZ"),
            by: By::Month,
            rows: vec![
                row("2019-10", Direction::AToB, 4),
                row("2019-10", Direction::BToA, 2),
                row("2020-01", Direction::AToB, 5),
            ],
            source: SeriesSource {
                dataset: "gdelt",
                citation: entente_analytics::series::GDELT_CITATION,
                files: 3,
                events_stored: 12345,
                first_date: Some("2019-10-01".into()),
                last_date: Some("2020-01-31".into()),
            },
        }
    }

    #[test]
    fn every_footnote_mark_has_a_definition_and_every_definition_a_mark() {
        let store = store();
        let mut v = view(&store, "en", Style::Gost);
        v.gdelt = Some(gdelt_series());
        let html = render(&v, Format::Html);
        let refs: BTreeSet<usize> = numbers_after(&html, "href=\"#fn-").into_iter().collect();
        let defs: Vec<usize> = numbers_after(&html, "id=\"fn-");
        assert!(refs.len() > 30, "{} notes", refs.len());
        assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>(), "definitions numbered 1..n once each");
        assert_eq!(refs, defs.iter().copied().collect());
        // Each note links back to its first mark, which exists.
        let back = strings_between(&html, "href=\"#fnref-", '"');
        let marks = strings_between(&html, "id=\"fnref-", '"');
        assert_eq!(back.len(), defs.len());
        assert!(back.is_subset(&marks), "{:?}", back.difference(&marks).collect::<Vec<_>>());

        let md = render(&v, Format::Markdown);
        let (refs, defs) = md_notes(&md);
        assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>());
        assert_eq!(refs, defs.iter().copied().collect());
        assert_eq!(defs.len(), numbers_after(&html, "id=\"fn-").len(), "both formats give the same notes");
    }

    #[test]
    fn footnotes_link_only_to_entries_of_the_bibliography() {
        let store = store();
        let v = view(&store, "en", Style::Apa);
        let html = render(&v, Format::Html);
        let linked = strings_between(&html, "href=\"#src-", '"');
        let entries = strings_between(&html, "id=\"src-", '"');
        assert!(linked.contains("kussainova-2021") && linked.contains("src-oecd-enrolment-by-origin"), "{linked:?}");
        assert!(linked.is_subset(&entries), "{:?}", linked.difference(&entries).collect::<Vec<_>>());
        assert_eq!(entries.len(), v.bibliography.len());
        // The works a claim's source refers to, and the references kept only as cited, are
        // listed too, so their notes can link them.
        let referred: Vec<&str> = v
            .claims
            .iter()
            .flat_map(|c| &c.claim_sources)
            .flat_map(|s| s.reference.as_deref().into_iter().chain((!s.is_evidence()).then_some(s.source_id.as_str())))
            .collect();
        assert!(
            referred.contains(&"ref10-schengen-code-2006") && referred.contains(&"ref07-mager-2014"),
            "{referred:?}"
        );
        for r in referred {
            assert!(linked.contains(r), "{r} is not linked");
        }
        let md = render(&v, Format::Markdown);
        let linked = strings_between(&md, "](#src-", ')');
        let anchors = strings_between(&md, "<a id=\"src-", '"');
        assert!(!linked.is_empty());
        assert!(linked.is_subset(&anchors), "{:?}", linked.difference(&anchors).collect::<Vec<_>>());
    }

    #[test]
    fn every_figure_of_the_timeline_and_the_indicators_carries_a_note() {
        let store = store();
        let v = view(&store, "en", Style::Gost);
        let html = render(&v, Format::Html);
        for e in &v.timeline {
            let start = html.find(&format!("<tr id=\"{}\">", e.id)).unwrap();
            let row = &html[start..start + html[start..].find("</tr>").unwrap()];
            assert!(row.contains("href=\"#fn-"), "{}: {row}", e.id);
        }
        // One note per place in a source: the events citing the same section share it, and
        // each quote is kept in it.
        let md = render(&v, Format::Markdown);
        let shared: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("[^") && l.contains("(#src-kussainova-2021), Discussion and Results:"))
            .collect();
        assert_eq!(shared.len(), 1, "{shared:?}");
        assert!(shared[0].contains("Sorbonne"), "{}", shared[0]);
        // Each yearly value of a flow has its own locator.
        let flow = &v.indicators.flows[0];
        for p in &flow.points {
            assert!(md.contains(&format!(", {}.", super::md(&p.locator))), "{}", p.locator);
        }
        assert!(md.contains("Computed by entente from the 14 events listed in the timeline"));
        // A reference the paper attached that cannot support the record says so in its note.
        assert!(
            md.lines().any(|l| l.starts_with("[^")
                && l.contains("reference \\[10\\] of kussainova-2021")
                && l.contains(
                    "⚠ as cited in the source only, not evidence for this record: The Schengen Borders Code"
                )),
            "no caveat on [10]"
        );
        // Events there by context are marked in the timeline and counted apart.
        let start = html.find("<tr id=\"ev-1883-alliance-francaise-created\">").unwrap();
        let row = &html[start..start + html[start..].find("</tr>").unwrap()];
        assert!(row.contains("(context)") && row.contains("not counted as a bilateral event"), "{row}");
        assert!(md.contains("| Events: context only | 5"), "{}", &md[..1200]);
    }

    #[test]
    fn the_html_opens_offline_and_holds_the_charts() {
        let store = store();
        let mut v = view(&store, "en", Style::Gost);
        v.gdelt = Some(gdelt_series());
        let html = render(&v, Format::Html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        for bad in ["src=\"http", "<link", "<script", "@import", "url("] {
            assert!(!html.contains(bad), "{bad}");
        }
        // Timeline, events per year, student flows, GDELT.
        for class in ["chart timeline", "chart per-year", "chart flows", "chart series"] {
            assert!(html.contains(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\"")), "{class}");
        }
        assert!(html.contains("size:A4"));
        assert!(html.contains("France – Kazakhstan"));
        assert!(html.contains(&format!("Generated by entente {}", env!("CARGO_PKG_VERSION"))));
        assert!(html.contains("Reference style: GOST R 7.0.5-2008 · Language: English"));
        assert!(html.contains("GDELT files imported: 3; events stored: 12345, 2019-10-01 – 2020-01-31."));
        // No clock: rendering twice gives the same bytes.
        assert_eq!(render(&v, Format::Html), html);
    }

    #[test]
    fn text_from_the_data_is_escaped_in_both_formats() {
        let store = store();
        let mut v = view(&store, "en", Style::Gost);
        let evil = "<script>alert(1)</script> | *x* [y](http://e.x)";
        v.timeline[0].title = evil.to_string();
        v.timeline[0].sources[0].quote = Some(format!("{evil}\nsecond line"));
        v.timeline[0].sources[0].locator = format!("p. 1 {evil}");
        v.claims[0].text = evil.to_string();
        let html = render(&v, Format::Html);
        assert!(!html.contains("<script"), "raw script in HTML");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let md = render(&v, Format::Markdown);
        assert!(!md.contains("<script"), "raw script in Markdown");
        assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[y\\](http://e.x)"));
        // The table row of that event still has as many cells as the header.
        let row = md.lines().find(|l| l.starts_with('|') && l.contains("alert(1)")).unwrap();
        let cells = row.replace("\\|", "").matches('|').count();
        let header = md.lines().find(|l| l.starts_with("| Date |")).unwrap();
        assert_eq!(cells, header.matches('|').count(), "{row}");
        // A quote with a line break keeps its footnote on one line.
        assert!(md.lines().any(|l| l.starts_with("[^") && l.contains("alert(1)") && l.contains("second line")));
    }

    #[test]
    fn markdown_charts_are_svg_data_uris() {
        let store = store();
        let md = render(&view(&store, "en", Style::Gost), Format::Markdown);
        let uris = strings_between(&md, "](data:image/svg+xml;base64,", ')');
        assert_eq!(uris.len(), 3, "timeline, per year, flows");
        for data in uris {
            let bytes = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
            let svg = String::from_utf8(bytes).unwrap();
            assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
            assert!(svg.ends_with("</svg>"));
        }
        assert!(md.starts_with("# France – Kazakhstan\n"));
        assert!(md.contains("\n| Measure | Value |\n| --- | --- |\n| Events | 14[^1] |\n"), "{}", &md[..600]);
    }

    #[test]
    fn headings_follow_the_language() {
        let store = store();
        let kk = view(&store, "kk", Style::Gost);
        for format in [Format::Html, Format::Markdown] {
            let out = render(&kk, format);
            for heading in ["Франция – Қазақстан", "Қорытынды", "Хронология", "Көрсеткіштер", "Тұжырымдар мен деректер"]
            {
                assert!(out.contains(heading), "{format}: {heading}");
            }
            assert!(out.contains("Тілі: Қазақша"), "{format}");
            assert!(!out.contains("Summary") && !out.contains("Indicators"), "{format}");
        }
        assert!(render(&kk, Format::Html).contains("<h2>Ескертпелер</h2>"));
        let fr = render(&view(&store, "fr", Style::Gost), Format::Markdown);
        for heading in
            ["## Résumé", "## Chronologie", "## Indicateurs", "## Affirmations et données", "## Bibliographie"]
        {
            assert!(fr.contains(heading), "{heading}");
        }
        assert!(fr.contains("Calculé par entente à partir des 14 événements"));
        assert!(fr.contains("«\u{a0}"), "French quotation marks");
    }

    #[test]
    fn gost_and_apa_give_different_bibliographies() {
        let store = store();
        let bib = |style: Style, format: Format| {
            let out = render(&view(&store, "en", style), format);
            let at =
                out.find(if format == Format::Html { "<section class=\"bibliography\">" } else { "## Bibliography" });
            out[at.unwrap()..].to_string()
        };
        for format in [Format::Html, Format::Markdown] {
            let (gost, apa) = (bib(Style::Gost, format), bib(Style::Apa, format));
            assert_ne!(gost, apa);
            assert!(gost.contains("Kussainova A. M. Some aspects"), "{format}: {gost}");
            assert!(apa.contains("Kussainova, A. M."), "{format}: {apa}");
        }
        assert!(render(&view(&store, "en", Style::Apa), Format::Html).contains("Reference style: APA 7"));
    }

    #[test]
    fn a_pair_without_data_still_renders() {
        let store = store();
        let v = crate::dyad_view(&store, &Dyad::new("JPN", "PER"), "ru", Style::Gost).unwrap();
        let html = render(&v, Format::Html);
        assert!(html.contains(&*tr("ru", "no_events")));
        assert!(html.contains("События GDELT не импортированы"));
        let md = render(&v, Format::Markdown);
        let (refs, defs) = md_notes(&md);
        assert_eq!(refs, defs.into_iter().collect());
    }

    /// A comparison and a diagnosis made up for the snapshot: one observed value with its
    /// source, one counted from records, one zero by rule, and one judgement.
    fn made_up_analyses() -> (Beside, Diagnosis) {
        use std::collections::BTreeMap;

        use entente_analytics::compare::{ConfigRef, DimensionInfo, PartnerResult};
        use entente_analytics::diagnose::{Judgement, RulesRef};

        let config = ConfigRef {
            name: "test-index".into(),
            version: "0.1".into(),
            sha256: "ab12".into(),
            file: "test.toml".into(),
        };
        let source = SourceRef::evidence("oecd-enrolment-by-origin".into(), "row KAZ→FRA 2019".into(), "OECD".into());
        let cell = |value: f64, status: ValueStatus, records: &[&str], source: Option<SourceRef>| Cell {
            value: Some(value),
            status,
            period: Some("2019".into()),
            dataset: None,
            records: records.iter().map(|r| r.to_string()).collect(),
            source,
        };
        let partner = |code: &str, name: &str, rank: usize, scores: [f64; 3], evidence: [Cell; 2]| PartnerResult {
            partner: code.into(),
            name: name.into(),
            score: Some(scores[0]),
            rank: Some(rank),
            rank_median: Some(rank as f64),
            rank_p05: Some(rank as f64 - 1.0),
            rank_p95: Some(rank as f64 + 2.0),
            score_p05: None,
            score_p95: None,
            coverage: 1.0,
            indicators: BTreeMap::from([
                ("students".to_string(), evidence[0].value),
                ("institutes".to_string(), evidence[1].value),
            ]),
            dimensions: BTreeMap::from([
                ("education".to_string(), Some(scores[1])),
                ("institutions".to_string(), Some(scores[2])),
            ]),
            evidence: BTreeMap::from([
                ("students".to_string(), evidence[0].clone()),
                ("institutes".to_string(), evidence[1].clone()),
            ]),
        };
        let fra = partner(
            "FRA",
            "France",
            8,
            [54.5, 60.5, 50.0],
            [
                cell(864.0, ValueStatus::Observed, &["obs-1"], Some(source.clone())),
                cell(3.0, ValueStatus::Observed, &["ev-a", "ev-b", "ev-c"], None),
            ],
        );
        let kor = partner(
            "KOR",
            "Korea",
            11,
            [54.0, 59.2, 0.0],
            [
                cell(1200.0, ValueStatus::Observed, &["obs-2"], Some(source.clone())),
                cell(0.0, ValueStatus::ZeroByRule, &[], None),
            ],
        );
        let info = |key: &str, dimension: &str, weight: f64| IndicatorInfo {
            key: key.into(),
            label: format!("The {key}"),
            dimension: dimension.into(),
            weight,
            units: 12,
            observed: 10,
            excluded: None,
        };
        let beside = Beside {
            a: "FRA".into(),
            b: "KAZ".into(),
            year: 2019,
            config: config.clone(),
            normalisation: "min_max".into(),
            aggregation: "arithmetic".into(),
            scale: entente_index::Scale::Points,
            min_coverage: 0.25,
            draws: 100,
            seed: 7,
            universe: 14,
            ranked: 12,
            dimensions: vec![
                DimensionInfo { key: "education".into(), label: "Education".into(), weight: 0.6 },
                DimensionInfo { key: "institutions".into(), label: "Institutions".into(), weight: 0.4 },
            ],
            indicators: vec![info("students", "education", 0.6), info("institutes", "institutions", 0.4)],
            references: "paper",
            partners: vec![fra, kor],
        };
        let fact = |name: &str, value: f64, of: Option<usize>, records: &[&str], source: Option<SourceRef>| Fact {
            name: name.into(),
            value,
            of,
            leader: None,
            period: Some("2019".into()),
            records: records.iter().map(|r| r.to_string()).collect(),
            source,
        };
        let finding =
            |rule: &str, category: &str, topic: &str, status: FindingStatus, sentence: &str, evidence| Finding {
                rule: rule.into(),
                category: category.into(),
                topic: topic.into(),
                status,
                sentence: sentence.into(),
                evidence,
                why: format!("Why {rule}."),
            };
        let diagnosis = Diagnosis {
            a: "FRA".into(),
            b: "KAZ".into(),
            names: ["France".into(), "Kazakhstan".into()],
            year: 2019,
            config,
            rules: RulesRef { name: "test-rules".into(), version: "1".into(), sha256: "cd34".into() },
            findings: vec![
                finding(
                    "strength-rank",
                    "strength",
                    "student_mobility",
                    FindingStatus::Contradicted,
                    "Not borne out: France ranks 9 of 12.",
                    vec![fact("indicator_rank.students", 9.0, Some(12), &[], None)],
                ),
                finding(
                    "barrier-language",
                    "barrier",
                    "language",
                    FindingStatus::Supported,
                    "Few institutes: 3.",
                    vec![fact("indicator.institutes", 3.0, None, &["ev-a", "ev-b", "ev-c"], None)],
                ),
                finding(
                    "barrier-distance",
                    "barrier",
                    "distance_cost",
                    FindingStatus::NoData,
                    "No data: the store has no figure for distance_km.",
                    Vec::new(),
                ),
            ],
            judgements: vec![Judgement {
                claim: "assess-language".into(),
                category: "barrier".into(),
                topic: "language".into(),
                text: "The language barrier remains.".into(),
                sources: vec![SourceRef::evidence(
                    "kussainova-2021".into(),
                    "Discussion and Results".into(),
                    "Kussainova".into(),
                )],
                findings: vec![("barrier-language".into(), FindingStatus::Supported)],
                data: FindingStatus::Supported,
            }],
        };
        (beside, diagnosis)
    }

    /// The lines of `md` from the heading `from` up to (not including) the heading `to`, and
    /// the footnote definitions those lines use.
    fn md_section(md: &str, from: &str, to: &str) -> String {
        let start = md.find(from).unwrap();
        let end = start + md[start..].find(to).unwrap();
        let section = &md[start..end];
        let used: BTreeSet<usize> = numbers_after(section, "[^").into_iter().collect();
        let defs: Vec<&str> = md
            .lines()
            .filter(|l| {
                l.strip_prefix("[^")
                    .and_then(|r| r.split_once("]: "))
                    .and_then(|(n, _)| n.parse::<usize>().ok())
                    .is_some_and(|n| used.contains(&n))
            })
            .collect();
        format!("{section}{}\n", defs.join("\n"))
    }

    #[test]
    fn the_comparison_and_diagnostics_sections_in_markdown() {
        let store = store();
        let mut v = crate::dyad_view(&store, &Dyad::new("JPN", "PER"), "en", Style::Gost).unwrap();
        let (beside, diagnosis) = made_up_analyses();
        v.comparison = Some(beside);
        v.diagnosis = Some(diagnosis);
        let md = render(&v, Format::Markdown);
        let comparison = md_section(&md, "## Comparison", "## Claims and the data");
        // The chart is an SVG data URI; its bytes are the svg module's business.
        let comparison: String = comparison
            .lines()
            .map(|l| if l.starts_with("![") { "![chart](…)" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        let expected = r#"## Comparison

Partners of Peru compared on the bilateral cultural cooperation index in 2019: 14 with data, 12 ranked. France is set beside Korea.[^2]

*Reference partners as in the paper the bundled dataset follows (Kussainova &amp; Kalibekova, 2021).*

![chart](…)

*Ranks with their 5–95 % intervals[^2]*

| Partner | Rank[^2] | Rank, 5–95 %[^2] | Index[^2] | Education[^2] | Institutions[^2] |
| --- | --- | --- | --- | --- | --- |
| **France** | 8 / 12 | 7–10 | 54.5 | 60.5 | 50.0 |
| Korea | 11 / 12 | 10–13 | 54.0 | 59.2 | 0.0 |

France and Korea differ most on: Institutions — FRA 50.0, KOR 0.0[^2]; Education — FRA 60.5, KOR 59.2[^2].

### Values and their sources

| Indicator | FRA | KOR |
| --- | --- | --- |
| The students | 864[^3]<br>2019 | 1200[^3]<br>2019 |
| The institutes | 3[^4]<br>2019 | 0[^5]<br>2019 |

[^2]: Computed by entente with the index configuration test-index 0.1 (SHA-256 ab12) from the indicator values footnoted in the table of values: min\_max normalisation, arithmetic aggregation, a coverage of at least 25 % to be ranked; the ranks' 5–95 % intervals come from 100 Monte Carlo draws (seed 7).
[^3]: oecd-enrolment-by-origin, row KAZ→FRA 2019.
[^4]: Counted by entente from 3 records in the store: ev-a, ev-b, ev-c.
[^5]: No event of this kind is recorded for the pair, though other events between them are, so the configuration's rule (absent = zero\_if\_covered) reads it as zero."#;
        assert_eq!(comparison, expected, "\n{comparison}");

        let diagnostics = md_section(&md, "## Diagnostics", "## GDELT");
        let expected = r#"## Diagnostics

Findings of the rules test-rules 1 for FRA → KAZ in 2019: each rule tests one figure and says whether the data bear it out.[^6]

### Strengths

- **not borne out** student mobility: Not borne out: France ranks 9 of 12.[^7] (indicator\_rank.students = 9 / 12, 2019[^8])

### Barriers

- **borne out** language: Few institutes: 3.[^9] (indicator.institutes = 3, 2019[^4])
- **no data** distance and cost: No data: the store has no figure for distance\_km.[^10]

### The sources' judgements beside the data

| Category | Topic | The source says | The data say |
| --- | --- | --- | --- |
| barrier | language | “The language barrier remains.”[^11] | **borne out**<br>barrier-language: borne out |

[^4]: Counted by entente from 3 records in the store: ev-a, ev-b, ev-c.
[^6]: Findings of the rules test-rules 1 (data/diagnose-rules.toml, SHA-256 cd34), applied by entente to the figures footnoted beside each finding.
[^7]: Rule strength-rank: Why strength-rank.
[^8]: Computed by entente from the comparison of the partners of KAZ under the index configuration test-index 0.1 (SHA-256 ab12).
[^9]: Rule barrier-language: Why barrier-language.
[^10]: Rule barrier-distance: Why barrier-distance.
[^11]: kussainova-2021, Discussion and Results.
"#;
        assert_eq!(diagnostics, expected, "\n{diagnostics}");
        // Every mark still has one definition.
        let (refs, defs) = md_notes(&md);
        assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>());
        assert_eq!(refs, defs.iter().copied().collect());
    }

    #[test]
    fn the_report_sets_france_beside_korea_and_lists_the_four_barriers() {
        let store = store();
        let config = entente_index::Config::bundled();
        let rules = entente_analytics::diagnose::Rules::bundled();
        let g = entente_analytics::compare::Gathered::read(&store, &config, "KAZ", None).unwrap();
        let analyses = crate::compare::analyse(&store, &config, &rules, &g, "FRA", "en", Style::Gost).unwrap();
        let mut v = view(&store, "en", Style::Gost);
        v.set_analyses(&store, analyses).unwrap();
        let c = v.comparison.as_ref().expect("France is among Kazakhstan's partners");
        assert_eq!(c.references, "paper");
        let codes: Vec<&str> = c.partners.iter().map(|p| p.partner.as_str()).collect();
        assert_eq!(codes, ["FRA", "KOR"], "France beside South Korea, as the paper sets them");
        let index = v.index.as_ref().expect("an index over the years");
        assert!(!index.years.is_empty() && index.years.len() <= 10);

        let md = render(&v, Format::Markdown);
        let section = &md[md.find("## Comparison").unwrap()..md.find("## Claims and the data").unwrap()];
        assert!(section.contains("| **France** |") && section.contains("Korea"), "{section}");
        let sha = &c.config.sha256;
        assert!(md.lines().any(|l| l.starts_with("[^") && l.contains(sha.as_str())), "a note names the hash");
        let diagnostics = &md[md.find("## Diagnostics").unwrap()..md.find("## GDELT").unwrap()];
        let barriers = &diagnostics[diagnostics.find("### Barriers").unwrap()..];
        let barriers = &barriers[..barriers[4..].find("###").map_or(barriers.len(), |i| i + 4)];
        assert_eq!(barriers.lines().filter(|l| l.starts_with("- ")).count(), 4, "{barriers}");
        assert!(diagnostics.contains("The sources' judgements beside the data"));
        assert!(diagnostics.contains("88th place"), "the paper's judgement is quoted");
        let (refs, defs) = md_notes(&md);
        assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>());
        assert_eq!(refs, defs.iter().copied().collect());

        let html = render(&v, Format::Html);
        assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ranks\""));
        // Every source a note links to is in the bibliography.
        let linked = strings_between(&html, "href=\"#src-", '"');
        let entries = strings_between(&html, "id=\"src-", '"');
        assert!(linked.is_subset(&entries), "{:?}", linked.difference(&entries).collect::<Vec<_>>());
        for bad in ["<script", "src=\"http"] {
            assert!(!html.contains(bad), "{bad}");
        }
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("html".parse::<Format>(), Ok(Format::Html));
        assert_eq!(" MD ".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("markdown".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("pdf".parse::<Format>(), Err("unknown report format \"pdf\"; expected html or md".to_string()));
        assert_eq!(Format::Markdown.extension(), "md");
    }
}
