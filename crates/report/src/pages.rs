//! The dashboard's HTML pages. They read without JavaScript; every page links its JSON twin
//! and names the data's sources and licences in the footer.

use entente_analytics::indicators::Share;
use entente_analytics::timeline::SourceRef;
use entente_model::CountryTable;
use entente_model::record::format_number;
use entente_store::{DatasetInfo, DyadCount};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use entente_analytics::compare::{Direction, PartnerResult, ValueStatus};
use entente_analytics::diagnose::{Fact, Finding};
use entente_index::Scale;

use crate::compare::{CATEGORIES, CompareView, dyad_href, interval_text, rank_rows, score_text, value_text};
use crate::dyad::{DyadView, RecordSearch};
use crate::i18n::{LANGS, lang_name, tr, tr_args, tr_code};
use crate::search::FACETS;
use crate::svg;
use crate::views::{CountryView, RecordDetail, ReviewView, SourcesView};

const CSS: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d1d1d;background:#fff}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:1px solid #ddd;padding-top:10px;padding-bottom:6px}
header a.brand{font-weight:700;font-size:20px;color:#1f3b5a;text-decoration:none}
nav.langs a{margin-left:8px;font-size:13px}nav.main{display:inline}nav.main a{margin-left:16px;font-size:14px}
nav.langs a.on{font-weight:700;text-decoration:none;color:#000}
h1{font-size:26px;margin:18px 0 4px}h2{font-size:19px;margin:26px 0 8px;border-bottom:1px solid #eee}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:5px 6px;border-bottom:1px solid #eee}
th{background:#f4f6f8}
.muted{color:#666;font-size:13px}.chart{max-width:100%;height:auto}
.dir{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
.cite{font-size:12.5px;color:#444}.cite q{font-style:italic}.caveat{color:#8a4b00;font-size:12.5px}
tr.context td{background:#fafaf5}.badge.context{font-size:11.5px;border:1px solid #b8a000;border-radius:3px;padding:0 4px;color:#6b5d00}
ol.bib li{margin-bottom:6px}
.verdict{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12.5px;color:#fff;background:#7a7a7a}
.verdict.supported{background:#1b9e77}.verdict.contradicted{background:#c0392b}.verdict.not_comparable{background:#b8860b}
.claim{border-left:3px solid #eee;padding-left:10px;margin-bottom:14px}
details{margin:6px 0}summary{cursor:pointer}h3{font-size:16px;margin:18px 0 6px}
.kpis{display:flex;gap:18px;flex-wrap:wrap}.kpis div{background:#f4f6f8;padding:8px 12px;border-radius:6px}
.kpis b{display:block;font-size:22px}
form.pair input{padding:6px;min-width:220px}form.pair button{padding:6px 14px}
footer{border-top:1px solid #ddd;margin-top:30px;padding-top:8px;padding-bottom:20px;font-size:12.5px;color:#555}
:target{background:#fff6d5}
.search{display:flex;gap:18px;align-items:flex-start}.search aside{min-width:190px;font-size:13.5px}
.search aside fieldset{border:0;padding:0;margin:0 0 10px}.search aside legend{font-weight:700}
.search aside label{display:block}.search .hits{flex:1}.pager a{margin-right:12px}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px}dl.fields dt{font-weight:600;color:#444}dl.fields dd{margin:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
pre.bibtex{background:#f4f6f8;padding:8px;overflow:auto;font-size:12.5px}
ul.findings{list-style:none;padding-left:0}li.finding{border-left:3px solid #eee;padding-left:10px;margin-bottom:10px}
.fact{margin-left:4px}form.compare label{margin-right:8px;white-space:nowrap}form.compare input[name=partners]{min-width:140px}
code.sha256{font-size:12px;word-break:break-all}.no-data{color:#555;font-style:italic}
";

/// The page shell: header with language switcher, main content, footer with the data's
/// sources and the JSON twin link.
pub fn layout(lang: &str, title: &str, path: &str, json_href: &str, body: Markup) -> Markup {
    let head = html! { link rel="alternate" type="application/json" href=(json_href); };
    let content = html! {
                header {
                    span {
                        a.brand href={"/?lang=" (lang)} { "entente" }
                        nav.main {
                            a href={"/sources?lang=" (lang)} { (tr(lang, "sources_page")) }
                            a href={"/review?lang=" (lang)} { (tr(lang, "review_page")) }
                            a href="/api/v1/openapi.json" { (tr(lang, "api")) }
                        }
                    }
                    nav.langs {
                        @for code in LANGS {
                            a.on[code == lang] href={(path) "?lang=" (code)} hreflang=(code) { (lang_name(code)) }
                        }
                    }
                }
                main { (body) }
                footer {
                    p { (tr(lang, "data_footer")) " " a href={"/sources?lang=" (lang)} { (tr(lang, "sources_page")) } "." }
                    p { a href=(json_href) { (tr(lang, "json_twin")) } " · " (tr(lang, "api_intro")) }
                }
    };
    html_document(lang, title, CSS, head, content)
}

/// An HTML document as entente writes every one (pages and reports): UTF-8, the viewport, the
/// title, `head` added to the head, the style sheet `css`, and `body`.
pub(crate) fn html_document(lang: &str, title: &str, css: &str, head: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · entente" }
                (head)
                style { (PreEscaped(css)) }
            }
            body { (body) }
        }
    }
}

/// The home page: the pairs with data, and a form to open any pair by any name.
pub fn home(lang: &str, dyads: &[DyadCount], datasets: &[DatasetInfo]) -> Markup {
    let countries = CountryTable::bundled();
    let name = |code: &str| countries.name_or_code(code, lang);
    let body = html! {
        h1 { "entente" }
        p.muted { (tr(lang, "tagline")) }
        h2 { (tr(lang, "open_pair")) }
        form.pair method="get" action="/dyad" {
            input type="hidden" name="lang" value=(lang);
            label { (tr(lang, "country_a")) " " input name="a" required placeholder="France" list="countries"; }
            " "
            label { (tr(lang, "country_b")) " " input name="b" required placeholder="Қазақстан" list="countries"; }
            datalist id="countries" {
                @for c in countries.all() { option value=(c.name_in(lang)) {} }
            }
            " "
            button type="submit" { (tr(lang, "show")) }
            p.muted { (tr(lang, "any_name")) }
        }
        h2 { (tr(lang, "compare_form")) }
        form.focus method="get" action="/compare" {
            input type="hidden" name="lang" value=(lang);
            label { (tr(lang, "focus_country")) " " input name="focus" required placeholder="Kazakhstan" list="countries"; }
            " " button type="submit" { (tr(lang, "compare_nav")) }
        }
        h2 { (tr(lang, "dyads_with_data")) }
        @if dyads.is_empty() {
            p { (tr(lang, "no_events")) }
        } @else {
            ul.dyads {
                @for d in dyads {
                    li {
                        a href={"/dyad/" (d.a) "/" (d.b) "?lang=" (lang)} { (name(&d.a)) " – " (name(&d.b)) }
                        " · " a href={"/country/" (d.a) "?lang=" (lang)} { (d.a) } " · " a href={"/country/" (d.b) "?lang=" (lang)} { (d.b) }
                        " · " span.compare { (tr(lang, "compare_nav")) ": "
                            a href={"/compare/" (d.a) "?lang=" (lang)} { (d.a) } ", " a href={"/compare/" (d.b) "?lang=" (lang)} { (d.b) } }
                        " " span.muted { "(" (tr_args(lang, "event_count", &[("n", d.events.into())]))
                            @if d.context > 0 { "; " (d.context) " " (tr(lang, "context_events")) } ")" }
                    }
                }
            }
        }
        h2 { (tr(lang, "datasets")) }
        ul {
            @for d in datasets {
                li { b { (d.title) } " " span.muted { "(" (d.id) ", " (tr_args(lang, "record_count", &[("n", d.records.into())])) ")" }
                    @if let Some(l) = &d.licence { br; span.muted { (l) } } }
            }
        }
    };
    layout(lang, "entente", "/", &format!("/index.json?lang={lang}"), body)
}

fn direction_cell(lang: &str, label: &str, direction: entente_model::Direction) -> Markup {
    let text = match direction {
        entente_model::Direction::Mutual => tr(lang, "mutual").to_string(),
        entente_model::Direction::Unspecified => tr(lang, "unspecified").to_string(),
        _ => label.to_string(),
    };
    html! { span.dir style={"background:" (svg::direction_colour(direction))} {} (text) }
}

/// Citations as compact footnote-like lines linking to the bibliography; one kept only as
/// cited in another source says so, with its note.
fn sources_cell(sources: &[SourceRef], lang: &str) -> Markup {
    html! {
        @for s in sources {
            div.cite.as-cited[!s.is_evidence()] {
                a href={"#src-" (s.source_id)} { (s.source_id) } ", " (s.locator)
                @if let Some(r) = &s.reference { " → " a href={"#src-" (r)} { (r) } }
                @if let Some(q) = &s.quote { ": " q { (q) } }
                @if !s.is_evidence() { br; span.caveat { "⚠ " (tr(lang, "as_cited_caveat")) @if let Some(n) = &s.note { ": " (n) } } }
            }
        }
    }
}

/// The dyad page.
pub fn dyad(view: &DyadView) -> Markup {
    let lang = view.lang.as_str();
    let path = format!("/dyad/{}/{}", view.dyad.a, view.dyad.b);
    let t = entente_analytics::Timeline {
        dyad: view.dyad.clone(),
        names: view.names.clone(),
        entries: view.timeline.clone(),
        summary: view.summary.clone(),
    };
    let s = &view.summary;
    let body = html! {
        h1 { (view.names[0]) " – " (view.names[1]) }
        p.muted { a href={"/country/" (view.dyad.a) "?lang=" (lang)} { (view.dyad.a) } " · "
            a href={"/country/" (view.dyad.b) "?lang=" (lang)} { (view.dyad.b) } }
        h2 { (tr(lang, "summary")) }
        div.kpis {
            div { b { (s.events) } (tr_args(lang, "event_noun", &[("n", s.events.into())])) }
            @if let (Some(f), Some(l)) = (&s.first, &s.last) {
                div { b { (f) " – " (l) } (tr(lang, "period")) }
            }
            @for (d, n) in &s.by_direction {
                @let dir = entente_model::Direction::parse(d).unwrap_or(entente_model::Direction::Unspecified);
                div { b { (n) } (direction_cell(lang, &dir.label(&view.dyad), dir)) }
            }
            @if s.context > 0 { div title=(tr(lang, "context_caveat")) { b { (s.context) } (tr(lang, "context_events")) } }
            div { b { (s.sources) } (tr_args(lang, "sources_cited_noun", &[("n", s.sources.into())])) }
        }
        @if !s.by_domain.is_empty() {
            p.muted { (tr(lang, "domains")) ": "
                @for (i, (d, n)) in s.by_domain.iter().enumerate() { @if i > 0 { ", " } (d) " (" (n) ")" } }
        }
        h2 { (tr(lang, "timeline")) }
        (svg::timeline(&t, lang))
        h2 { (tr(lang, "events_per_year")) }
        (svg::per_year(&t, lang))
        h2 { (tr(lang, "indicators")) }
        (indicators_section(view, lang))
        h2 id="index" { (tr_args(lang, "index_over_years", &[("a", (&view.dyad.a).into()), ("b", (&view.dyad.b).into())])) }
        section.index { (index_section(view, lang)) }
        h2 { (tr(lang, "claims")) }
        (claims_section(view, lang))
        h2 id="diagnostics" { (tr(lang, "diagnostics")) }
        section.diagnostics { (diagnostics_section(view, lang)) }
        h2 { (tr(lang, "gdelt_series")) }
        @match &view.gdelt {
            Some(series) if series.rows.iter().any(|r| r.events > 0) => {
                (svg::series(series, lang))
                p.muted { (series.source.citation) " " (gdelt_counts(lang, series)) "." }
            }
            Some(series) if series.source.files > 0 => {
                p { (tr(lang, "gdelt_none_between")) " (" (gdelt_counts(lang, series)) ")." }
            }
            _ => { p.muted { (tr(lang, "gdelt_not_imported")) } }
        }
        h2 { (tr(lang, "records")) }
        @if view.timeline.is_empty() {
            p { (tr(lang, "no_events")) }
        } @else {
            table.events {
                thead { tr { th { (tr(lang, "date")) } th { (tr(lang, "direction")) } th { (tr(lang, "kind")) } th { (tr(lang, "title")) } th { (tr(lang, "status")) } th { (tr(lang, "sources")) } } }
                tbody {
                    @for e in &view.timeline {
                        tr id=(e.id) class=[e.context.then_some("context")] {
                            td { a href={"/record/" (e.id) "?lang=" (lang)} { @if let Some(p) = &e.period { (p) } @else { (e.date) @if let Some(end) = &e.end { " – " (end) } } } @if e.recurrence.is_some() { " ↻" }
                                @if e.context { br; span.badge.context title=(tr(lang, "context_caveat")) { (tr(lang, "context")) } } }
                            td { (direction_cell(lang, &e.direction_label, e.direction))
                                @if let Some(st) = e.setting { br; span.muted { (tr_code(lang, "setting", st.as_str())) } } }
                            td { (e.kind) br; span.muted { (e.domains.join(", ")) } }
                            td { (e.title)
                                @if let Some(q) = &e.quantity { br; span.muted { (format_number(q.value)) " " (q.unit) } }
                                @if !e.description.is_empty() { br; span.muted { (e.description) } }
                                @if let Some(n) = &e.note { br; span.muted { (n) } } }
                            td { (e.status) }
                            td { (sources_cell(&e.sources, lang)) }
                        }
                    }
                }
            }
        }
        @if !view.records.is_empty() {
            table.other {
                thead { tr { th { (tr(lang, "kind")) } th { (tr(lang, "title")) } th { (tr(lang, "sources")) } } }
                tbody {
                    @for r in &view.records {
                        tr id=(r.id) {
                            td { a href={"/record/" (r.id) "?lang=" (lang)} { (r.kind.as_str()) } }
                            td { (r.title) @if !r.detail.is_empty() { br; span.muted { (r.detail) } } }
                            td { (sources_cell(&r.sources, lang)) }
                        }
                    }
                }
            }
        }
        @if let Some(search) = &view.search {
            h2 id="search" { (tr(lang, "search_records")) }
            (search_section(search, lang, &path))
        }
        h2 { (tr(lang, "bibliography")) }
        ol.bib {
            @for b in &view.bibliography {
                li id={"src-" (b.id)} { (PreEscaped(&b.html)) " " span.muted { "[" a href={"/record/" (b.id) "?lang=" (lang)} { (b.id) } "]" } }
            }
        }
    };
    let title = format!("{} – {}", view.names[0], view.names[1]);
    layout(lang, &title, &path, &format!("{path}.json?lang={lang}&style={}", view.style), body)
}

/// How many GDELT files are imported and how many events they hold, as words.
fn gdelt_counts(lang: &str, series: &entente_analytics::Series) -> String {
    let src = &series.source;
    tr_args(lang, "gdelt_counts", &[("files", src.files.into()), ("events", src.events_stored.into())]).into_owned()
}

fn indicators_section(view: &DyadView, lang: &str) -> Markup {
    let ind = &view.indicators;
    if ind.flows.is_empty() && ind.presence.is_empty() {
        return html! { p { (tr(lang, "no_indicators")) } };
    }
    let pct = |v: Option<f64>| v.map(|x| format!("{:+.1}%", x * 100.0)).unwrap_or_default();
    html! {
        @if !ind.flows.is_empty() {
            h3 { (tr(lang, "students")) }
            (svg::flows(&ind.flows, lang))
            @for f in &ind.flows {
                details {
                    summary { b { (f.label) } " · " (f.indicator) " · " (f.dataset) " · "
                        @if let (Some(first), Some(last)) = (f.points.first(), f.points.last()) {
                            (first.period) "–" (last.period) ": " (format_number(first.value)) " → " (format_number(last.value))
                            @if f.points.len() > 1 { " (" (pct(f.pct_change)) ", CAGR " (pct(f.cagr)) ")" }
                        }
                    }
                    table {
                        thead { tr { th { (tr(lang, "period")) } th { (f.unit) } th { "Δ" } th { "Δ %" } th { (tr(lang, "sources")) } } }
                        tbody {
                            @for p in &f.points {
                                tr { td { (p.period) } td { (format_number(p.value)) }
                                    td { (p.change.map(format_number).unwrap_or_default()) } td { (pct(p.pct_change)) }
                                    td.cite { a href={"#src-" (f.source.source_id)} { (f.source.source_id) } ", " (p.locator)
                                        @if let Some(n) = &p.note { br; (n) } } }
                            }
                        }
                    }
                }
            }
        }
        @if !ind.agreement.is_empty() {
            h3 { (tr(lang, "agreement")) }
            @for a in &ind.agreement {
                details.agreement data-agree=(a.agree) {
                    summary { b { (a.from) "→" (a.to) } " · " (a.datasets[0]) " / " (a.datasets[1]) ": "
                        @if let Some(m) = a.median_ratio { "×" (format!("{m:.2}")) " · " }
                        (tr(lang, if a.agree { "agree" } else { "disagree" })) }
                    table {
                        thead { tr { th { (tr(lang, "period")) } th { (a.datasets[0]) } th { (a.datasets[1]) } th { "×" } } }
                        tbody {
                            @for p in &a.points {
                                tr { td { (p.period) } td { (format_number(p.values[0])) } td { (format_number(p.values[1])) }
                                    td { (p.ratio.map(|r| format!("{r:.2}")).unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        }
        @if !ind.shares.is_empty() {
            h3 { (tr(lang, "shares")) }
            @for ((from, to, dataset), list) in group_shares(&ind.shares) {
                @if let Some(last) = list.last() {
                    details {
                        summary { b { (from) "→" (to) } " · " (dataset) " · " (last.period) ": "
                            (format!("{:.2}%", last.share * 100.0)) ", #" (last.rank) " / " (last.destinations_listed) }
                        p.muted { (last.basis) " · " a href={"#src-" (last.source.source_id)} { (last.source.source_id) } }
                        table {
                            thead { tr { th { (tr(lang, "period")) } th { "" } th { "%" } th { "#" } } }
                            tbody {
                                @for s in &list {
                                    tr { td { (s.period) } td { (format_number(s.students.round())) " / " (format_number(s.total_outbound.round())) }
                                        td { (format!("{:.2}", s.share * 100.0)) } td { (s.rank) " / " (s.destinations_listed) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !ind.presence.is_empty() {
            h3 { (tr(lang, "presence")) }
            table {
                thead { tr { th { "" } th { "" } th { (tr(lang, "period")) } th { "" } th { (tr(lang, "sources")) } } }
                tbody {
                    @for p in &ind.presence {
                        @if let Some((y, v)) = p.latest {
                            tr { td { (p.country) } td { (p.variable) } td { (y) } td { (format!("{v:.2}")) }
                                td.cite { a href={"#src-" (p.source.source_id)} { (p.source.source_id) } } }
                        }
                    }
                }
            }
        }
    }
}

/// Shares of one direction and dataset: (from, to, dataset) and the rows, in period order.
type ShareGroup<'a> = ((String, String, String), Vec<&'a Share>);

/// Shares grouped by direction and dataset.
fn group_shares(shares: &[Share]) -> Vec<ShareGroup<'_>> {
    let mut out: Vec<ShareGroup<'_>> = Vec::new();
    for s in shares {
        let key = (s.from.clone(), s.to.clone(), s.dataset.clone());
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(s),
            None => out.push((key, vec![s])),
        }
    }
    out
}

fn claims_section(view: &DyadView, lang: &str) -> Markup {
    html! {
        @if view.claims.is_empty() {
            p.muted { "—" }
        }
        @for c in &view.claims {
            div.claim id={"claim-" (c.claim_id)} {
                p { span class={"verdict " (c.verdict.as_str())} { (tr_code(lang, "verdict", c.verdict.as_str())) } " " q { (c.text) } }
                p.muted { (c.reading) }
                (sources_cell(&c.claim_sources, lang))
                ul { @for r in &c.reasoning { li { (r) } } }
                @if !c.evidence.is_empty() {
                    p.muted { (tr(lang, "evidence")) ": "
                        @for (i, e) in c.evidence.iter().enumerate() {
                            @if i > 0 { "; " }
                            (e.period) " " (format_number(e.value)) " " (e.unit) " (" a href={"#src-" (e.source.source_id)} { (e.dataset) } ", " (e.source.locator) ")"
                        }
                    }
                }
            }
        }
    }
}

/// A plain message page (not found, bad request).
pub fn message(lang: &str, title: &str, text: &str) -> Markup {
    let body = html! { h1 { (title) } p { (text) } p { a href={"/?lang=" (lang)} { (tr(lang, "home")) } } };
    layout(lang, title, "/", "/index.json", body)
}

/// The page answering a `lang` entente does not speak: the reason, in English, and a link
/// to the home page in each supported language, named in itself.
pub fn unsupported_language(text: &str) -> Markup {
    let title = tr("en", "unsupported_language_title");
    let body = html! {
        h1 { (title) }
        p { (text) }
        ul.langs { @for code in LANGS { li { a href={"/?lang=" (code)} hreflang=(code) lang=(code) { (lang_name(code)) } } } }
    };
    layout("en", &title, "/", "/index.json", body)
}

/// The record search of a page: a form with words and facet boxes (counts beside each
/// value), the matching records, and links to the other pages of results.
fn search_section(search: &RecordSearch, lang: &str, path: &str) -> Markup {
    let p = &search.params;
    let r = &search.results;
    let pages = r.total.div_ceil(r.per_page.max(1));
    html! {
        form.search method="get" action={(path) "#search"} {
            input type="hidden" name="lang" value=(lang);
            aside {
                @for facet in FACETS {
                    @if let Some(counts) = r.facets.get(facet).filter(|c| !c.is_empty() || !p.values(facet).is_empty()) {
                        fieldset.facet data-facet=(facet) {
                            legend { (tr_code(lang, "facet", facet)) }
                            @for (value, n) in counts {
                                label { input type="checkbox" name=(facet) value=(value) checked[p.is_chosen(facet, value)];
                                    " " (value) " " span.muted { "(" (n) ")" } }
                            }
                            // A chosen value nothing matches any more stays visible, so it can be unticked.
                            @for value in p.values(facet).iter().filter(|v| !counts.contains_key(*v)) {
                                label { input type="checkbox" name=(facet) value=(value) checked; " " (value) " " span.muted { "(0)" } }
                            }
                        }
                    }
                }
            }
            div.hits {
                p { input type="search" name="q" value=(p.q.clone().unwrap_or_default()) placeholder=(tr(lang, "words"));
                    " " button type="submit" { (tr(lang, "search")) }
                    " " a href={(path) "?lang=" (lang) "#search"} { (tr(lang, "clear")) } }
                p.muted.count { (tr_args(lang, "result_count", &[("n", r.total.into())])) }
                @if r.records.is_empty() {
                    p { (tr(lang, "no_results")) }
                } @else {
                    table.hits {
                        thead { tr { th { (tr(lang, "date")) } th { (tr(lang, "kind")) } th { (tr(lang, "title")) } th { (tr(lang, "status")) } th { (tr(lang, "dataset")) } } }
                        tbody {
                            @for h in &r.records {
                                tr { td { (h.date.clone().unwrap_or_default()) } td { (h.kind) }
                                    td { a.record href={"/record/" (h.id) "?lang=" (lang)} { (h.title) } }
                                    td { (h.status.clone().unwrap_or_default()) } td { (h.dataset) } }
                            }
                        }
                    }
                }
                @if pages > 1 {
                    p.pager {
                        @if r.page > 1 { a rel="prev" href={(path) "?" (p.on_page(r.page - 1).query_string(&[("lang", lang)])) "#search"} { "← " (tr(lang, "previous")) } }
                        span.muted { (r.page) " / " (pages) }
                        " "
                        @if r.page < pages { a rel="next" href={(path) "?" (p.on_page(r.page + 1).query_string(&[("lang", lang)])) "#search"} { (tr(lang, "next")) " →" } }
                    }
                }
            }
        }
    }
}

/// A focus country's page: names and codes, its own soft presence, and its partners side by
/// side with the figures that exist for them.
pub fn country(view: &CountryView, style: &str) -> Markup {
    let p = &view.profile;
    let lang = p.lang.as_str();
    let path = format!("/country/{}", p.country);
    let arrow = |direction: &str| if direction == "outbound" { "→" } else { "←" };
    let body = html! {
        h1 { (p.name) }
        dl.fields {
            dt { (tr(lang, "names")) } dd { @for (l, n) in &view.names { span lang=(l) { (n) } " (" (l) ") " } }
            dt { (tr(lang, "codes")) } dd { "ISO " (view.codes.alpha3) " / " (view.codes.alpha2) " / " (view.codes.numeric)
                @if let Some(f) = &view.codes.fips { " · FIPS " (f) } @if !view.codes.cameo.is_empty() { " · CAMEO " (view.codes.cameo.join(", ")) } }
        }
        @if !p.presence.is_empty() {
            h2 { (tr(lang, "presence")) }
            table {
                thead { tr { th { "" } th { (tr(lang, "year")) } th.num { (tr(lang, "value")) } th { (tr(lang, "sources")) } } }
                tbody { @for x in &p.presence { @if let Some((y, v)) = x.latest {
                    tr { td { (x.variable) } td { (y) } td.num { (format!("{v:.2}")) } td.cite { a href={"/record/" (x.source.source_id) "?lang=" (lang)} { (x.source.source_id) } } }
                } } }
            }
        }
        h2 { (tr(lang, "partners")) }
        p { a.compare href={"/compare/" (p.country) "?lang=" (lang)} { (tr(lang, "compare_nav")) } }
        @if p.partners.is_empty() {
            p { (tr(lang, "no_partners")) }
        } @else {
            p.muted { (tr(lang, "partners_intro")) }
            div style="overflow-x:auto" {
                table.partners {
                    thead { tr {
                        th { (tr(lang, "partner")) }
                        th.num { (tr(lang, "shared_events")) }
                        @for c in &p.columns {
                            th.num title=(c.source.citation) { (p.country) " " (arrow(c.direction)) " · " (tr_code(lang, "flow", c.direction)) br;
                                span.muted { (c.indicator) " · " a href={"/record/" (c.source.source_id) "?lang=" (lang)} { (c.dataset) } } }
                        }
                        @if let Some(src) = &p.soft_presence_source {
                            th.num title=(src.citation) { (tr(lang, "soft_presence")) br; span.muted { "Elcano" } }
                        }
                    } }
                    tbody {
                        @for x in &p.partners {
                            tr data-partner=(x.code) {
                                td { a href={"/dyad/" (p.country) "/" (x.code) "?lang=" (lang) "&style=" (style)} { (x.name) } " " span.muted { (x.code) } }
                                td.num { (x.events) }
                                @for c in &p.columns {
                                    td.num { @if let Some(cell) = x.values.get(&c.key) {
                                        span title={(c.source.source_id) ", " (cell.locator)} { (format_number(cell.value)) } br; span.muted { (cell.period) }
                                    } }
                                }
                                @if p.soft_presence_source.is_some() {
                                    td.num { @if let Some((y, v)) = x.soft_presence { (format!("{v:.2}")) br; span.muted { (y) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(lang, &p.name, &path, &format!("{path}.json?lang={lang}&style={style}"), body)
}

/// A value of a stored record, with ids of other records and country codes as links.
fn field_value(key: &str, v: &serde_json::Value, lang: &str) -> Markup {
    use serde_json::Value;
    const RECORD_KEYS: [&str; 7] = ["actor", "programme", "parent", "about", "source", "reference", "sponsors"];
    const COUNTRY_KEYS: [&str; 6] = ["host", "projecting", "countries", "country", "from", "to"];
    let countries = CountryTable::bundled();
    match v {
        Value::String(s) if RECORD_KEYS.contains(&key) => html! { a href={"/record/" (s) "?lang=" (lang)} { (s) } },
        Value::String(s) if COUNTRY_KEYS.contains(&key) => {
            let name = countries.by_alpha3(s).map(|c| c.name_in(lang).to_string()).unwrap_or_default();
            html! { a href={"/country/" (s) "?lang=" (lang)} { (name) } " " span.muted { (s) } }
        }
        Value::String(s) => html! { (s) },
        Value::Array(items) => html! {
            @for (i, item) in items.iter().enumerate() { @if i > 0 { br; } (field_value(key, item, lang)) }
        },
        Value::Object(map)
            if !map.is_empty() && map.keys().all(|k| k.len() == 2 && k.chars().all(|c| c.is_ascii_lowercase())) =>
        {
            html! {
                @for (l, text) in map { span lang=(l) { (text.as_str().unwrap_or_default()) } " " span.muted { "(" (l) ")" } br; }
            }
        }
        Value::Object(map) => html! {
            @for (i, (k, item)) in map.iter().enumerate() { @if i > 0 { ", " } span.muted { (k) ": " } (field_value(k, item, lang)) }
        },
        Value::Null => html! {},
        other => html! { (other.to_string()) },
    }
}

/// One record's page: its fields, what it cites, what points at it, and for a source its
/// citation in each style.
pub fn record(view: &RecordDetail, style: &str) -> Markup {
    let lang = view.lang.as_str();
    let path = format!("/record/{}", view.id);
    let fields: Vec<(&String, &serde_json::Value)> = match &view.record {
        serde_json::Value::Object(map) => {
            map.iter().filter(|(k, _)| !["id", "sources"].contains(&k.as_str())).collect()
        }
        _ => Vec::new(),
    };
    let body = html! {
        h1 { (view.title) }
        p.muted { (view.kind.as_str()) " · " (view.id) " · " (tr(lang, "dataset")) " " (view.dataset) }
        @if !view.pairs.is_empty() {
            p { (tr(lang, "pairs")) ": "
                @for (i, d) in view.pairs.iter().enumerate() { @if i > 0 { ", " } a href={"/dyad/" (d.a) "/" (d.b) "?lang=" (lang) "#" (view.id)} { (d.a) " – " (d.b) } } }
        }
        dl.fields {
            @for (k, v) in &fields { dt { (k) } dd { (field_value(k, v, lang)) } }
        }
        @if !view.citations.is_empty() {
            h2 { (tr(lang, "citation_styles")) }
            @for c in &view.citations { p.citation data-style=(c.style) { span.muted { (c.style.to_uppercase()) ": " } (PreEscaped(&c.html)) } }
            @if let Some(b) = &view.bibtex { pre.bibtex { (b) } }
        }
        @if !view.sources.is_empty() {
            h2 { (tr(lang, "cites")) }
            ol.bib { @for s in &view.sources {
                li.source { a href={"/record/" (s.source_id) "?lang=" (lang)} { (s.citation) } br;
                    span.cite { (s.locator) @if let Some(q) = &s.quote { ": " q { (q) } }
                        @if let Some(r) = &s.reference { " → " a href={"/record/" (r) "?lang=" (lang)} { (r) } } }
                    @if !s.is_evidence() { br; span.caveat { "⚠ " (tr(lang, "as_cited_caveat")) @if let Some(n) = &s.note { ": " (n) } } } }
            } }
        }
        @if !view.referenced_by.is_empty() {
            h2 { (tr(lang, "cited_by")) }
            table.referenced {
                thead { tr { th { (tr(lang, "kind")) } th { (tr(lang, "title")) } th { "" } } }
                tbody { @for r in &view.referenced_by {
                    tr { td { (r.kind.as_str()) } td { a href={"/record/" (r.id) "?lang=" (lang)} { (r.title) } }
                        td.muted { (r.how) @if let Some(d) = &r.detail { ": " (d) } } }
                } }
            }
        }
    };
    layout(lang, &view.title, &path, &format!("{path}.json?lang={lang}&style={style}"), body)
}

/// Every source, formatted in the chosen style, with links to the records citing it.
pub fn sources(view: &SourcesView) -> Markup {
    let lang = view.lang.as_str();
    let body = html! {
        h1 { (tr(lang, "sources_page")) }
        p.muted { (tr(lang, "sources_intro")) }
        form method="get" action="/sources" {
            input type="hidden" name="lang" value=(lang);
            label { (tr(lang, "style")) " "
                select name="style" {
                    option value="gost" selected[view.style == "gost"] { "GOST R 7.0.5-2008" }
                    option value="apa" selected[view.style == "apa"] { "APA 7" }
                } }
            " " button type="submit" { (tr(lang, "show")) }
        }
        ol.bib {
            @for s in &view.sources {
                li id={"src-" (s.id)} { (PreEscaped(&s.html)) " "
                    span.muted { "[" a href={"/record/" (s.id) "?lang=" (lang) "&style=" (view.style)} { (s.id) } "] · "
                        (tr_args(lang, "cited_by_count", &[("n", s.cited_by.into())])) } }
            }
        }
    };
    layout(
        lang,
        &tr(lang, "sources_page"),
        "/sources",
        &format!("/sources.json?lang={lang}&style={}", view.style),
        body,
    )
}

/// The review queue: each candidate with its evidence (the trigger marked), document and
/// state, with links between the states.
pub fn review(view: &ReviewView) -> Markup {
    let lang = view.lang.as_str();
    let state_label = |s: &str| tr_code(lang, "review_state", s);
    let body = html! {
        h1 { (tr(lang, "review_page")) }
        p.muted { (tr(lang, "review_intro")) }
        p {
            @for s in ["pending", "accepted", "rejected", "all"] {
                @let n = if s == "all" { view.counts.values().sum() } else { view.counts.get(s).copied().unwrap_or(0) };
                @if s == view.state { b { (state_label(s)) " (" (n) ")" } } @else {
                    a href={"/review?lang=" (lang) "&state=" (s)} { (state_label(s)) " (" (n) ")" } }
                " "
            }
        }
        @if view.candidates.is_empty() {
            p.no-data { (tr(lang, "no_candidates")) }
        } @else {
            table.review {
                thead { tr { th { (tr(lang, "candidate")) } th { (tr(lang, "countries")) } th { (tr(lang, "kind")) }
                    th { (tr(lang, "date")) } th.num { (tr(lang, "confidence")) } th { (tr(lang, "evidence")) } th { (tr(lang, "status")) } } }
                tbody {
                    @for row in &view.candidates {
                        @let c = &row.candidate.candidate;
                        tr id=(row.candidate.id) {
                            td { code { (row.candidate.id) } }
                            td { (row.names[0]) " – " (row.names[1]) }
                            td { (c.kind.as_str()) br; span.muted { (c.domains.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ")) } }
                            td { (c.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())) }
                            td.num { (format!("{:.2}", c.confidence)) }
                            td {
                                (marked(&c.evidence, &c.trigger))
                                br;
                                span.muted { (tr(lang, "document")) ": "
                                    @if let Some(u) = &c.url { a href=(u) rel="nofollow noopener" { (c.doc) } } @else { (c.doc) }
                                    " [" (c.lang) "], " (c.start) "–" (c.end) }
                            }
                            td {
                                (state_label(row.candidate.state.as_str()))
                                @if let Some(r) = &row.candidate.record { br; a href={"/record/" (r) "?lang=" (lang)} { (r) } }
                                @if let Some(r) = &row.candidate.reason { br; span.muted { (tr(lang, "reason")) ": " (r) } }
                            }
                        }
                    }
                }
            }
        }
    };
    let json = format!("/review.json?lang={lang}&state={}", view.state);
    layout(lang, &tr(lang, "review_page"), "/review", &json, body)
}

/// `text` with the first occurrence of `trigger` in `<mark>` (all of it escaped).
fn marked(text: &str, trigger: &str) -> Markup {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(trigger).filter(|_| !trigger.is_empty()) {
        Some(i) => html! { (text[..i]) mark { (trigger) } (text[i + trigger.len()..]) },
        None => html! { (text) },
    }
}

/// A country's partners compared on the index: the ranking with its chart, the method and
/// configuration, the indicators left out, the sensitivity, and every value with its source.
pub fn compare(view: &CompareView) -> Markup {
    let c = &view.comparison;
    let lang = view.lang.as_str();
    let path = format!("/compare/{}", c.focus);
    let dir = match c.direction {
        Direction::In => "in",
        Direction::Out => "out",
    };
    let other = if dir == "in" { "out" } else { "in" };
    let z = entente_index::scale(c.normalisation, c.aggregation);
    let labels: Vec<(&str, &str)> = c.indicators.iter().map(|i| (i.key.as_str(), i.label.as_str())).collect();
    let label = |key: &str| labels.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or(key).to_string();
    let dim_label = |key: &str| c.dimensions.iter().find(|d| d.key == key).map(|d| d.label.clone()).unwrap_or_default();
    let href = |p: &PartnerResult| format!("{}?lang={lang}", dyad_href(c.direction, &c.focus, &p.partner));
    let rows = rank_rows(&c.partners, c.ranked, |p| Some(href(p)), "");
    let asked = &view.asked;
    let body = html! {
        h1 { (tr_args(lang, "compare_title", &[("country", (&c.focus_name).into())])) }
        p.muted {
            (tr_args(lang, if dir == "in" { "direction_in" } else { "direction_out" }, &[("code", (&c.focus).into())]))
            " · " a href={(path) "?lang=" (lang) "&direction=" (other) "&year=" (c.year)} { (tr(lang, "other_direction")) }
            " · " a href={"/country/" (c.focus) "?lang=" (lang)} { (c.focus_name) }
        }
        p { (tr_args(lang, "universe", &[
            ("n", c.universe.into()), ("year", c.year.to_string().into()), ("m", c.ranked.into()),
            ("cov", format!("{:.0}", c.min_coverage * 100.0).into()),
        ])) }
        form.compare method="get" action=(path) {
            input type="hidden" name="lang" value=(lang);
            label { (tr(lang, "direction")) " "
                select name="direction" {
                    option value="in" selected[dir == "in"] { (tr(lang, "dir_in_short")) }
                    option value="out" selected[dir == "out"] { (tr(lang, "dir_out_short")) }
                } }
            " " label { (tr(lang, "year")) " " input type="number" name="year" min="1800" max="2200" value=(c.year); }
            " " label { (tr(lang, "partners_param")) " " input name="partners" value=(asked.partners.join(",")) placeholder="FRA,KOR"; }
            " " label { (tr(lang, "top")) " " input type="number" name="top" min="1" max="500" value=[asked.top]; }
            " " button type="submit" { (tr(lang, "show")) }
        }
        @if !view.not_compared.is_empty() {
            p.muted.not-compared { (tr_args(lang, "not_compared", &[("year", c.year.to_string().into()), ("list", view.not_compared.join(", ").into())])) }
        }
        h2 id="ranking" { (tr(lang, "ranking")) }
        p.muted { (tr(lang, "ranks_note")) }
        (svg::ranks(&rows, &tr(lang, "chart_ranks"), lang))
        div style="overflow-x:auto" {
            table.ranking {
                thead { tr {
                    th.num { (tr(lang, "rank")) } th { (tr(lang, "partner")) } th.num { (tr(lang, "index_score")) }
                    th.num { (tr(lang, "rank_interval")) } th.num { (tr(lang, "median_rank")) } th.num { (tr(lang, "coverage")) }
                    @for d in &c.dimensions { th.num title={(tr(lang, "weight")) " " (format!("{:.0} %", d.weight * 100.0))} { (d.label) } }
                } }
                tbody {
                    @for p in &c.partners {
                        tr data-partner=(p.partner) {
                            td.num { @match p.rank { Some(r) => { (r) } None => { span.muted title=(tr(lang, "unranked")) { "–" } } } }
                            td { a href=(href(p)) { (p.name) } " " span.muted { (p.partner) } }
                            td.num { (score_text(p.score, z)) }
                            td.num { (interval_text(p)) }
                            td.num { (p.rank_median.map(value_text).unwrap_or_else(|| "–".into())) }
                            td.num { (format!("{:.0} %", p.coverage * 100.0)) }
                            @for d in &c.dimensions { td.num { (score_text(p.dimensions.get(&d.key).copied().flatten(), z)) } }
                        }
                    }
                }
            }
        }
        h2 id="method" { (tr(lang, "method")) }
        p { (tr(lang, "method_text")) }
        dl.fields.config {
            dt { (tr(lang, "configuration")) } dd { (c.config.name) " " (c.config.version) }
            dt { "SHA-256" } dd { code.sha256 { (c.config.sha256) } }
            dt { (tr(lang, "normalisation")) } dd { (c.normalisation.as_str()) }
            dt { (tr(lang, "aggregation")) } dd { (c.aggregation.as_str()) }
            dt { (tr(lang, "min_coverage")) } dd { (format!("{:.0} %", c.min_coverage * 100.0)) }
            dt { (tr(lang, "draws")) } dd.draws { (c.draws) }
            dt { (tr(lang, "seed")) } dd.seed { (c.seed) }
        }
        p.muted { (tr_args(lang, "effects", &[
            ("n", format!("{:.0}", c.normalisation_effect * 100.0).into()), ("a", format!("{:.0}", c.aggregation_effect * 100.0).into()),
        ])) }
        h2 id="indicators" { (tr(lang, "indicators")) }
        table.indicators {
            thead { tr { th { (tr(lang, "indicator")) } th { (tr(lang, "dimension")) } th.num { (tr(lang, "weight")) } th.num { (tr(lang, "with_values")) } } }
            tbody {
                @for i in &c.indicators {
                    tr data-indicator=(i.key) {
                        td { (i.label) br; span.muted { code { (i.key) } } }
                        td { (dim_label(&i.dimension)) }
                        td.num { (format!("{:.1} %", i.weight * 100.0)) }
                        td.num { (i.units) }
                    }
                }
            }
        }
        h3 id="left-out" { (tr(lang, "left_out")) }
        @let left_out: Vec<_> = c.indicators.iter().filter(|i| i.excluded.is_some()).collect();
        @if left_out.is_empty() {
            p { (tr(lang, "left_out_none")) }
        } @else {
            ul.left-out { @for i in left_out { li { b { (i.label) } " (" code { (i.key) } "): " (i.excluded.clone().unwrap_or_default()) } } }
        }
        h2 id="sensitivity" { (tr(lang, "sensitivity")) }
        @if c.sensitivity.is_empty() {
            p.muted { "—" }
        } @else {
            p.muted { (tr(lang, "sensitivity_intro")) }
            table.sensitivity {
                thead { tr { th { (tr(lang, "indicator")) } th.num { (tr(lang, "weight_rank_correlation")) } th.num { (tr(lang, "removal_shift")) } } }
                tbody {
                    @for s in &c.sensitivity {
                        tr { td { (label(&s.indicator)) br; span.muted { code { (s.indicator) } } }
                            td.num { (format!("{:+.2}", s.weight_rank_correlation)) } td.num { (format!("{:.2}", s.removal_rank_shift)) } }
                    }
                }
            }
        }
        h2 id="values" { (tr(lang, "values_sources")) }
        @for p in &c.partners {
            details.values data-partner=(p.partner) {
                summary { b { (p.name) } " " span.muted { (p.partner) } }
                table {
                    thead { tr { th { (tr(lang, "indicator")) } th.num { (tr(lang, "value")) } th { (tr(lang, "period")) } th { (tr(lang, "status")) } th { (tr(lang, "sources")) } } }
                    tbody {
                        @for i in &c.indicators {
                            @if let Some(cell) = p.evidence.get(&i.key) {
                                tr {
                                    td { (i.label) }
                                    td.num { (cell.value.map(value_text).unwrap_or_else(|| "–".into())) }
                                    td { (cell.period.clone().unwrap_or_default()) }
                                    td { (tr_code(lang, "value", value_status(cell.status))) }
                                    td.cite {
                                        @if let Some(s) = &cell.source {
                                            a href={"/record/" (s.source_id) "?lang=" (lang)} { (s.citation) } ", " (s.locator)
                                        } @else if let Some(d) = &cell.dataset { (d) }
                                        @if !cell.records.is_empty() { br; (record_links(&cell.records, lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let title = tr_args(lang, "compare_title", &[("country", (&c.focus_name).into())]);
    let mut json = format!("{path}.json?lang={lang}&direction={dir}&year={}", c.year);
    if !asked.partners.is_empty() {
        json.push_str(&format!("&partners={}", asked.partners.join(",")));
    }
    if let Some(t) = asked.top {
        json.push_str(&format!("&top={t}"));
    }
    layout(lang, &title, &path, &json, body)
}

/// The code of a value's status, as the analytics crate writes it.
fn value_status(s: ValueStatus) -> &'static str {
    match s {
        ValueStatus::Observed => "observed",
        ValueStatus::ZeroByRule => "zero_by_rule",
        ValueStatus::Missing => "missing",
        ValueStatus::Excluded => "excluded",
    }
}

/// Links to the records a figure was computed from: the first few, then how many more.
fn record_links(ids: &[String], lang: &str) -> Markup {
    const SHOWN: usize = 5;
    html! {
        span.muted.records {
            @for (i, id) in ids.iter().take(SHOWN).enumerate() {
                @if i > 0 { ", " }
                a href={"/record/" (id) "?lang=" (lang)} { (id) }
            }
            @if ids.len() > SHOWN { " … (" (ids.len()) ")" }
        }
    }
}

/// The dyad page's index of A in B over the years, with A beside reference partners.
fn index_section(view: &DyadView, lang: &str) -> Markup {
    let Some(s) = &view.index else {
        return html! { p.no-data { (tr(lang, "index_no_data")) } };
    };
    // The series uses the configuration's own choices, as the comparison beside it does.
    let scale = view.comparison.as_ref().map_or(Scale::Points, |c| c.scale);
    let rows: Vec<svg::RankRow> = s
        .years
        .iter()
        .filter_map(|y| {
            let p = &y.result;
            Some(svg::RankRow {
                label: y.year.to_string(),
                href: Some(format!("/compare/{}?lang={lang}&direction=in&year={}", s.b, y.year)),
                rank: p.rank,
                median: p.rank_median?,
                p05: p.rank_p05?,
                p95: p.rank_p95?,
                of: y.ranked,
                highlight: false,
            })
        })
        .collect();
    html! {
        p.muted { (tr_args(lang, "index_intro", &[("a", (&s.names[0]).into()), ("b", (&s.names[1]).into())])) }
        (svg::ranks(&rows, &tr_args(lang, "index_over_years", &[("a", (&s.a).into()), ("b", (&s.b).into())]), lang))
        table.index {
            thead { tr { th { (tr(lang, "year")) } th.num { (tr(lang, "index_score")) } th.num { (tr(lang, "rank")) }
                th.num { (tr(lang, "rank_interval")) } th.num { (tr(lang, "partners")) } th.num { (tr(lang, "coverage")) } } }
            tbody {
                @for y in &s.years {
                    tr data-year=(y.year) {
                        td { a href={"/compare/" (s.b) "?lang=" (lang) "&direction=in&year=" (y.year)} { (y.year) } }
                        td.num { (score_text(y.result.score, scale)) }
                        td.num { @match y.result.rank { Some(r) => { (r) " / " (y.ranked) } None => { span.muted title=(tr(lang, "unranked")) { "–" } } } }
                        td.num { (interval_text(&y.result)) }
                        td.num { (y.universe) }
                        td.num { (format!("{:.0} %", y.result.coverage * 100.0)) }
                    }
                }
            }
        }
        @if !s.no_data.is_empty() {
            p.muted { (tr(lang, "years_no_data")) " " (s.no_data.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")) }
        }
        @if let Some(c) = &view.comparison {
            h3 { (tr_args(lang, "beside", &[("year", c.year.to_string().into())])) }
            @let z = c.scale;
            table.beside {
                thead { tr { th { (tr(lang, "partner")) } th.num { (tr(lang, "rank")) } th.num { (tr(lang, "rank_interval")) } th.num { (tr(lang, "index_score")) }
                    @for d in &c.dimensions { th.num { (d.label) } } } }
                tbody {
                    @for p in &c.partners {
                        tr data-partner=(p.partner) {
                            td { @if p.partner == c.a { b { (p.name) } } @else { a href={"/dyad/" (p.partner) "/" (c.b) "?lang=" (lang)} { (p.name) } } }
                            td.num { (p.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into())) " / " (c.ranked) }
                            td.num { (interval_text(p)) }
                            td.num { (score_text(p.score, z)) }
                            @for d in &c.dimensions { td.num { (score_text(p.dimensions.get(&d.key).copied().flatten(), z)) } }
                        }
                    }
                }
            }
            p.muted { (tr(lang, if c.references == "paper" { "references_paper" } else { "references_best" }))
                " " a href={"/compare/" (c.b) "?lang=" (lang) "&year=" (c.year)} { (tr(lang, "compare_nav")) } }
        }
        p.muted.config { (tr(lang, "configuration")) ": " (s.config.name) " " (s.config.version) " · SHA-256 " code { (s.config.sha256) }
            " · " (tr(lang, "draws")) " " (s.draws) " · " (tr(lang, "seed")) " " (s.seed) }
    }
}

/// The dyad page's diagnosis: findings by category, each with its status and evidence, then
/// the sources' judgements beside what the data says.
fn diagnostics_section(view: &DyadView, lang: &str) -> Markup {
    let Some(d) = &view.diagnosis else {
        return html! { p.no-data { (tr(lang, "diagnosis_no_data")) } };
    };
    let rules = format!("{} {}", d.rules.name, d.rules.version);
    html! {
        p.muted { (tr_args(lang, "diagnostics_intro", &[("rules", (&rules).into()), ("a", (&d.a).into()), ("b", (&d.b).into()), ("year", d.year.to_string().into())]))
            " SHA-256 " code { (d.rules.sha256) } }
        @for cat in CATEGORIES {
            @let findings: Vec<&Finding> = d.findings.iter().filter(|f| f.category == cat).collect();
            @if !findings.is_empty() {
                h3 { (tr_code(lang, "categories", cat)) }
                ul.findings data-category=(cat) {
                    @for f in findings {
                        li.finding data-status=(f.status.as_str()) data-rule=(f.rule) {
                            span class={"verdict " (f.status.as_str())} { (tr_code(lang, "status", f.status.as_str())) }
                            " " span.muted { (tr_code(lang, "topic", &f.topic)) } " · " (f.sentence)
                            @for e in &f.evidence { (fact_line(e, lang)) }
                            div.muted { (tr(lang, "why")) ": " (f.why) " " span.rule { "[" (f.rule) "]" } }
                        }
                    }
                }
            }
        }
        h3 id="judgements" { (tr(lang, "judgements")) }
        @if d.judgements.is_empty() {
            p { (tr(lang, "no_judgements")) }
        } @else {
            table.judgements {
                thead { tr { th { (tr(lang, "category")) } th { (tr(lang, "topic")) } th { (tr(lang, "source_says")) } th { (tr(lang, "data_says")) } } }
                tbody {
                    @for j in &d.judgements {
                        tr id={"judgement-" (j.claim)} {
                            td { (tr_code(lang, "category", &j.category)) }
                            td { (tr_code(lang, "topic", &j.topic)) }
                            td { q { (j.text) } (sources_cell(&j.sources, lang)) }
                            td { span class={"verdict " (j.data.as_str())} { (tr_code(lang, "status", j.data.as_str())) }
                                @if j.findings.is_empty() { br; span.muted { (tr(lang, "no_rule_on_topic")) } }
                                @for (rule, status) in &j.findings { br; span.muted { (rule) ": " (tr_code(lang, "status", status.as_str())) } } }
                        }
                    }
                }
            }
        }
    }
}

/// One figure a finding rests on, with its source or the records it was counted from.
fn fact_line(e: &Fact, lang: &str) -> Markup {
    html! {
        div.cite.fact {
            code { (e.name) } " = " (value_text(e.value))
            @if let Some(of) = e.of { " / " (of) }
            @if let Some(p) = &e.period { " (" (p) ")" }
            @if let Some(s) = &e.source {
                " · " a href={"#src-" (s.source_id)} { (s.source_id) } ", " (s.locator)
            }
            @if !e.records.is_empty() { " · " (record_links(&e.records, lang)) }
        }
    }
}
