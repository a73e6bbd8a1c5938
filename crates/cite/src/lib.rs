//! Citations of entente's sources in the styles researchers need: GOST R 7.0.5-2008 (as
//! Kazakh and Russian journals use it), APA 7, BibTeX and CSL-JSON.
//!
//! Pure formatting over [`entente_model::Source`]; the report and web crates render the
//! result as HTML or Markdown, the CLI as plain text.
//!
//! ```
//! use entente_cite::{Style, format};
//! use entente_model::input::read_source;
//! let src = read_source(&serde_json::json!({"id": "b", "kind": "book", "authors": ["Петров, В. А."],
//!     "title": "Набережная Орсе", "place": "Москва", "publisher": "Международные отношения",
//!     "year": 1966, "pages": "208", "language": "ru"})).record.unwrap();
//! assert_eq!(format(&src, Style::Gost).plain(),
//!     "Петров В. А. Набережная Орсе / В. А. Петров. – Москва : Международные отношения, 1966. – 208 с.");
//! ```

use std::fmt;
use std::str::FromStr;

use entente_model::ontology::SourceKind;
use entente_model::{PartialDate, Person, Source};
use serde_json::{Value, json};

/// A citation style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Gost,
    Apa,
    Bibtex,
    CslJson,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Gost, Style::Apa, Style::Bibtex, Style::CslJson];

    pub fn as_str(self) -> &'static str {
        match self {
            Style::Gost => "gost",
            Style::Apa => "apa",
            Style::Bibtex => "bibtex",
            Style::CslJson => "csl-json",
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Style {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Style::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown citation style \"{s}\"; expected gost, apa, bibtex or csl-json"))
    }
}

/// A formatted reference: text runs, some in italics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formatted {
    pub runs: Vec<(String, bool)>,
}

impl Formatted {
    fn text(&mut self, s: &str) {
        self.runs.push((s.to_string(), false));
    }

    fn italic(&mut self, s: &str) {
        self.runs.push((s.to_string(), true));
    }

    pub fn plain(&self) -> String {
        self.runs.iter().map(|(s, _)| s.as_str()).collect()
    }

    /// HTML with `<i>` for italics; text is escaped.
    pub fn html(&self) -> String {
        self.runs
            .iter()
            .map(|(s, it)| if *it { format!("<i>{}</i>", escape_html(s)) } else { escape_html(s) })
            .collect()
    }

    /// Markdown with `*` for italics; Markdown's special characters are escaped.
    pub fn markdown(&self) -> String {
        self.runs
            .iter()
            .map(|(s, it)| if *it { format!("*{}*", escape_markdown(s)) } else { escape_markdown(s) })
            .collect()
    }
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Formats one source as GOST or APA. BibTeX and CSL-JSON describe whole lists: see
/// [`bibtex`] and [`csl_json`]; asked here, they give the entry alone as text.
pub fn format(source: &Source, style: Style) -> Formatted {
    match style {
        Style::Gost => gost(source),
        Style::Apa => apa(source),
        Style::Bibtex => {
            let mut f = Formatted::default();
            f.text(&bibtex_entry(source));
            f
        }
        Style::CslJson => {
            let mut f = Formatted::default();
            f.text(&csl_item(source).to_string());
            f
        }
    }
}

/// True for languages whose bibliographic words GOST writes in Russian.
fn cyrillic_labels(source: &Source) -> bool {
    matches!(source.language.as_deref(), Some("ru" | "kk" | "uk" | "be" | "ky"))
        || (source.language.is_none() && source.title.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c)))
}

fn page_range(pages: &str, dash: &str) -> String {
    pages.replace("--", "-").replace(['–', '—'], "-").replace('-', dash)
}

/// True when `pages` is a range or a single page within a container, not a page count.
fn is_page_range(pages: &str) -> bool {
    pages.contains(['-', '–', '—'])
}

fn ends_with_stop(s: &str) -> bool {
    s.trim_end().ends_with(['.', '?', '!', '…'])
}

fn date_ddmmyyyy(d: &PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day:02}.{m:02}.{:04}", d.year),
        (Some(m), None) => format!("{m:02}.{:04}", d.year),
        _ => format!("{:04}", d.year),
    }
}

/// GOST R 7.0.5-2008 bibliographic reference.
fn gost(s: &Source) -> Formatted {
    let ru = cyrillic_labels(s);
    let (page, pages_count, number, volume, electronic, accessed, et_al) = if ru {
        ("С.", "с.", "№", "Т.", "[Электронный ресурс]", "дата обращения", "и др.")
    } else {
        ("P.", "p.", "No.", "Vol.", "[Electronic resource]", "accessed", "et al.")
    };
    let mut f = Formatted::default();
    let mut out = String::new();
    // Up to three authors: the first heads the entry; four or more: the title does.
    let heads = !s.authors.is_empty() && s.authors.len() <= 3;
    if heads {
        let a = &s.authors[0];
        out.push_str(&format!("{} {} ", a.family, a.initials()).replace("  ", " "));
    }
    out.push_str(s.title.trim_end_matches('.'));
    let online = s.url.is_some() && matches!(s.kind, SourceKind::WebPage | SourceKind::Legal | SourceKind::Dataset);
    if online {
        out.push(' ');
        out.push_str(electronic);
    }
    if !s.authors.is_empty() {
        let shown: Vec<String> =
            s.authors.iter().take(3).map(|a| format!("{} {}", a.initials(), a.family).trim().to_string()).collect();
        out.push_str(" / ");
        out.push_str(&shown.join(", "));
        if s.authors.len() > 3 {
            out.push_str(&format!(" [{et_al}]"));
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let in_container =
        s.container.is_some() && !matches!(s.kind, SourceKind::Book | SourceKind::Report | SourceKind::Thesis);
    if in_container {
        out.push_str(" // ");
        out.push_str(s.container.as_deref().unwrap_or_default());
        if let Some(place) = &s.place
            && matches!(s.kind, SourceKind::ConferencePaper | SourceKind::Chapter)
        {
            parts.push(match &s.publisher {
                Some(p) => format!("{place} : {p}"),
                None => place.clone(),
            });
        }
    } else if s.place.is_some() || s.publisher.is_some() {
        let place_pub = match (&s.place, &s.publisher) {
            (Some(pl), Some(p)) => format!("{pl} : {p}"),
            (Some(pl), None) => pl.clone(),
            (None, Some(p)) => p.clone(),
            (None, None) => String::new(),
        };
        let year = s.date.map(|d| format!(", {}", d.year)).unwrap_or_default();
        parts.push(format!("{place_pub}{year}"));
    }
    if (in_container || (s.place.is_none() && s.publisher.is_none()))
        && let Some(d) = &s.date
    {
        parts.push(d.year.to_string());
    }
    if let Some(v) = &s.volume {
        parts.push(format!("{volume} {v}"));
    }
    if let Some(i) = &s.issue {
        parts.push(format!("{number} {i}"));
    }
    if let Some(p) = &s.pages {
        if in_container || is_page_range(p) {
            parts.push(format!("{page} {}", page_range(p, "–")));
        } else {
            parts.push(format!("{p} {pages_count}"));
        }
    }
    if let Some(url) = &s.url
        && s.doi.is_none()
    {
        let when = s.accessed.map(|d| format!(" ({accessed}: {})", date_ddmmyyyy(&d))).unwrap_or_default();
        parts.push(format!("URL: {url}{when}"));
    }
    if let Some(doi) = &s.doi {
        parts.push(format!("DOI: {doi}"));
    }
    for p in parts {
        out.push_str(". – ");
        out.push_str(&p);
    }
    if !ends_with_stop(&out) {
        out.push('.');
    }
    f.text(&out);
    f
}

fn apa_name(p: &Person) -> String {
    let i = p.initials();
    if i.is_empty() { p.family.clone() } else { format!("{}, {i}", p.family) }
}

fn apa_authors(authors: &[Person]) -> String {
    let names: Vec<String> = authors.iter().map(apa_name).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        2 => format!("{}, & {}", names[0], names[1]),
        n if n <= 20 => format!("{}, & {}", names[..n - 1].join(", "), names[n - 1]),
        n => format!("{}, … {}", names[..19].join(", "), names[n - 1]),
    }
}

/// APA 7th edition reference.
/// English month names, for APA and the long date.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn apa(s: &Source) -> Formatted {
    let mut f = Formatted::default();
    let year = s.date.map(|d| d.year.to_string()).unwrap_or_else(|| "n.d.".into());
    let date = match (s.kind, s.date) {
        (SourceKind::News, Some(d)) if d.month.is_some() => {
            let m = MONTHS[usize::from(d.month.unwrap_or(1)).saturating_sub(1).min(11)];
            match d.day {
                Some(day) => format!("{}, {m} {day}", d.year),
                None => format!("{}, {m}", d.year),
            }
        }
        _ => year,
    };
    let translated = s.title_en.as_ref().map(|t| format!(" [{}]", t.trim_end_matches('.'))).unwrap_or_default();
    let title = s.title.trim_end_matches('.');
    let stop = |s: &str| {
        if ends_with_stop(s) { String::new() } else { ".".to_string() }
    };
    let italic_title = matches!(
        s.kind,
        SourceKind::Book
            | SourceKind::Report
            | SourceKind::Thesis
            | SourceKind::WebPage
            | SourceKind::Dataset
            | SourceKind::Legal
    );
    if s.authors.is_empty() {
        // No author: the title moves to the author position.
        if italic_title {
            f.italic(title);
        } else {
            f.text(title);
        }
        f.text(&format!("{translated}. ({date}). "));
    } else {
        let authors = apa_authors(&s.authors);
        f.text(&format!("{authors}{} ({date}). ", stop(&authors)));
        if italic_title {
            f.italic(title);
        } else {
            f.text(title);
        }
        f.text(&format!("{translated}. "));
    }
    if let Some(c) = &s.container {
        f.italic(c);
        if let Some(v) = &s.volume {
            f.text(", ");
            f.italic(v);
        }
        if let Some(i) = &s.issue {
            f.text(&if s.volume.is_some() { format!("({i})") } else { format!(", No. {i}") });
        }
        if let Some(p) = &s.pages {
            f.text(&format!(", {}", page_range(p, "–")));
        }
        f.text(". ");
    } else if let Some(p) = &s.publisher {
        f.text(&format!("{}{} ", p, stop(p)));
    }
    if let Some(doi) = &s.doi {
        f.text(&format!("https://doi.org/{doi}"));
    } else if let Some(url) = &s.url {
        if let Some(a) = s.accessed
            && matches!(s.kind, SourceKind::WebPage)
        {
            f.text(&format!("Retrieved {}, from {url}", date_long(&a)));
        } else {
            f.text(url);
        }
    }
    let mut runs = f.runs;
    if let Some((last, _)) = runs.last_mut() {
        *last = last.trim_end().to_string();
    }
    Formatted { runs }
}

fn date_long(d: &PartialDate) -> String {
    // A date built by hand may hold a month outside 1..=12: it is then shown by its year only.
    let month = d.month.and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
    match (month, d.day) {
        (Some(m), Some(day)) => format!("{m} {day}, {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// One BibTeX entry, keyed by the source id.
pub fn bibtex_entry(s: &Source) -> String {
    let entry_type = match s.kind {
        SourceKind::Article | SourceKind::News => "article",
        SourceKind::Book => "book",
        SourceKind::Chapter => "incollection",
        SourceKind::ConferencePaper => "inproceedings",
        SourceKind::Thesis => "phdthesis",
        SourceKind::Report => "techreport",
        SourceKind::WebPage | SourceKind::Dataset | SourceKind::Legal => "misc",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !s.authors.is_empty() {
        let names: Vec<String> = s
            .authors
            .iter()
            .map(|a| match &a.given {
                Some(g) => format!("{}, {g}", a.family),
                None => format!("{{{}}}", a.family),
            })
            .collect();
        fields.push(("author", names.join(" and ")));
    }
    fields.push(("title", format!("{{{}}}", s.title)));
    if let Some(t) = &s.title_en {
        fields.push(("titleaddon", format!("[{t}]")));
    }
    if let Some(c) = &s.container {
        let key = match s.kind {
            SourceKind::Article | SourceKind::News => "journal",
            _ => "booktitle",
        };
        fields.push((key, c.clone()));
    }
    if let Some(p) = &s.publisher {
        fields.push((if s.kind == SourceKind::Report { "institution" } else { "publisher" }, p.clone()));
    }
    if let Some(p) = &s.place {
        fields.push(("address", p.clone()));
    }
    if let Some(d) = &s.date {
        fields.push(("year", d.year.to_string()));
        if let Some(m) = d.month {
            fields.push(("month", m.to_string()));
        }
    }
    if let Some(v) = &s.volume {
        fields.push(("volume", v.clone()));
    }
    if let Some(i) = &s.issue {
        fields.push(("number", i.clone()));
    }
    if let Some(p) = &s.pages {
        fields
            .push((if is_page_range(p) || s.container.is_some() { "pages" } else { "pagetotal" }, page_range(p, "--")));
    }
    if let Some(d) = &s.doi {
        fields.push(("doi", d.clone()));
    }
    if let Some(u) = &s.url {
        fields.push(("url", u.clone()));
    }
    if let Some(a) = &s.accessed {
        fields.push(("urldate", a.to_string()));
    }
    if let Some(l) = &s.language {
        fields.push(("langid", language_name(l).to_string()));
    }
    let body: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| {
            // Titles keep their protective braces; URLs and DOIs are verbatim.
            let v = match k {
                "url" | "doi" | "urldate" => v,
                "title" => format!("{{{}}}", bibtex_escape(&v[1..v.len() - 1])),
                _ => bibtex_escape(&v),
            };
            format!("  {k} = {{{v}}}")
        })
        .collect();
    format!("@{entry_type}{{{},\n{}\n}}", s.id, body.join(",\n"))
}

fn language_name(code: &str) -> &str {
    match code {
        "en" => "english",
        "fr" => "french",
        "ru" => "russian",
        "kk" => "kazakh",
        "de" => "german",
        "es" => "spanish",
        "tr" => "turkish",
        other => other,
    }
}

/// A BibTeX file for `sources`.
pub fn bibtex(sources: &[Source]) -> String {
    let mut out: Vec<String> = sources.iter().map(bibtex_entry).collect();
    out.push(String::new());
    out.join("\n\n")
}

fn date_parts(d: &PartialDate) -> Value {
    let mut parts = vec![json!(d.year)];
    if let Some(m) = d.month {
        parts.push(json!(m));
        if let Some(day) = d.day {
            parts.push(json!(day));
        }
    }
    json!({ "date-parts": [parts] })
}

/// One CSL-JSON item.
pub fn csl_item(s: &Source) -> Value {
    let kind = match s.kind {
        SourceKind::Article => "article-journal",
        SourceKind::News => "article-newspaper",
        SourceKind::Book => "book",
        SourceKind::Chapter => "chapter",
        SourceKind::ConferencePaper => "paper-conference",
        SourceKind::Thesis => "thesis",
        SourceKind::Report => "report",
        SourceKind::WebPage => "webpage",
        SourceKind::Dataset => "dataset",
        SourceKind::Legal => "legislation",
    };
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(s.id));
    item.insert("type".into(), json!(kind));
    item.insert("title".into(), json!(s.title));
    if !s.authors.is_empty() {
        let authors: Vec<Value> = s
            .authors
            .iter()
            .map(|a| match &a.given {
                Some(g) => json!({"family": a.family, "given": g}),
                None => json!({"literal": a.family}),
            })
            .collect();
        item.insert("author".into(), Value::Array(authors));
    }
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            item.insert(k.into(), json!(v));
        }
    };
    put("container-title", &s.container);
    put("publisher", &s.publisher);
    put("publisher-place", &s.place);
    put("volume", &s.volume);
    put("issue", &s.issue);
    put("DOI", &s.doi);
    put("URL", &s.url);
    put("language", &s.language);
    put("note", &s.title_en.as_ref().map(|t| format!("Title in English: {t}")));
    if let Some(p) = &s.pages {
        let key = if is_page_range(p) || s.container.is_some() { "page" } else { "number-of-pages" };
        item.insert(key.into(), json!(page_range(p, "-")));
    }
    if let Some(d) = &s.date {
        item.insert("issued".into(), date_parts(d));
    }
    if let Some(a) = &s.accessed {
        item.insert("accessed".into(), date_parts(a));
    }
    Value::Object(item)
}

/// A CSL-JSON array for `sources`.
pub fn csl_json(sources: &[Source]) -> Value {
    Value::Array(sources.iter().map(csl_item).collect())
}

/// The order a bibliography lists sources in: by first author (or title) — for GOST,
/// Cyrillic works before Latin ones, as Kazakh and Russian journals print them.
pub fn sort_for(style: Style, sources: &mut [Source]) {
    let key = |s: &Source| {
        let head = s.authors.first().map(|a| a.family.clone()).unwrap_or_else(|| s.title.clone()).to_lowercase();
        let cyrillic = head.chars().next().is_some_and(|c| ('\u{400}'..='\u{4FF}').contains(&c));
        let group = match style {
            Style::Gost => u8::from(!cyrillic),
            _ => 0,
        };
        (group, head, s.date.map(|d| d.year).unwrap_or(0), s.id.clone())
    };
    sources.sort_by_key(key);
}

/// A short in-text label: "Kussainova & Kalibekova, 2021", "Petrov et al., 1966".
pub fn short_label(s: &Source) -> String {
    let year = s.date.map(|d| d.year.to_string()).unwrap_or_else(|| "n.d.".into());
    let who = match s.authors.as_slice() {
        [] => s.title.chars().take(40).collect::<String>(),
        [a] => a.family.clone(),
        [a, b] => format!("{} & {}", a.family, b.family),
        [a, ..] => format!("{} et al.", a.family),
    };
    format!("{who}, {year}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_model::input::read_source;

    #[test]
    fn a_hand_built_month_out_of_range_is_shown_by_its_year() {
        for month in [0, 13, 255] {
            assert_eq!(date_long(&PartialDate { year: 2019, month: Some(month), day: Some(3) }), "2019");
        }
        assert_eq!(date_long(&PartialDate { year: 2019, month: Some(1), day: Some(3) }), "January 3, 2019");
        assert_eq!(date_long(&PartialDate { year: 2019, month: Some(12), day: None }), "December 2019");
    }

    fn src(v: Value) -> Source {
        let r = read_source(&v);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        r.record.unwrap()
    }

    fn paper() -> Source {
        src(json!({"id": "kussainova-2021", "kind": "article", "authors": ["Kussainova, A. M.", "Kalibekova, L. S."],
            "title": "Some aspects of cultural diplomacy in the framework of bilateral cooperation between France and Kazakhstan",
            "language": "en", "container": "Bulletin of the L.N. Gumilyov Eurasian National University. Political Science. Regional Studies. Oriental Studies. Turkology Series",
            "year": 2021, "issue": "1(134)", "pages": "16-22", "doi": "10.32523/2616-6887/2021-134-1-16-22"}))
    }

    fn russian_article() -> Source {
        src(json!({"id": "k", "kind": "article", "authors": ["Кусаинов, А. К.", "Анарбек, Н."],
            "title": "Система образования Франции: ступени после школьного образования", "language": "ru",
            "title_en": "Educational system of France: stages after school education",
            "container": "Вестн. акад. пед. наук Казахстана", "year": 2008, "issue": "4", "pages": "52"}))
    }

    #[test]
    fn gost_article_book_and_online_resource() {
        assert_eq!(
            format(&russian_article(), Style::Gost).plain(),
            "Кусаинов А. К. Система образования Франции: ступени после школьного образования / А. К. Кусаинов, Н. Анарбек // Вестн. акад. пед. наук Казахстана. – 2008. – № 4. – С. 52."
        );
        assert_eq!(
            format(&paper(), Style::Gost).plain(),
            "Kussainova A. M. Some aspects of cultural diplomacy in the framework of bilateral cooperation between France and Kazakhstan / A. M. Kussainova, L. S. Kalibekova // Bulletin of the L.N. Gumilyov Eurasian National University. Political Science. Regional Studies. Oriental Studies. Turkology Series. – 2021. – No. 1(134). – P. 16–22. – DOI: 10.32523/2616-6887/2021-134-1-16-22."
        );
        let web = src(json!({"id": "w", "kind": "web_page", "title": "Новости Центральной Азии", "language": "ru",
            "year": 2020, "url": "http://camonitor.kz", "accessed": "2020-10-01"}));
        assert_eq!(
            format(&web, Style::Gost).plain(),
            "Новости Центральной Азии [Электронный ресурс]. – 2020. – URL: http://camonitor.kz (дата обращения: 01.10.2020)."
        );
    }

    #[test]
    fn gost_four_authors_start_with_the_title() {
        let s = src(
            json!({"id": "x", "kind": "book", "authors": ["A, B.", "C, D.", "E, F.", "G, H."], "title": "T", "year": 2000}),
        );
        assert_eq!(format(&s, Style::Gost).plain(), "T / B. A, D. C, F. E [et al.]. – 2000.");
    }

    #[test]
    fn apa_article_and_translated_book() {
        let f = format(&paper(), Style::Apa);
        assert_eq!(
            f.plain(),
            "Kussainova, A. M., & Kalibekova, L. S. (2021). Some aspects of cultural diplomacy in the framework of bilateral cooperation between France and Kazakhstan. Bulletin of the L.N. Gumilyov Eurasian National University. Political Science. Regional Studies. Oriental Studies. Turkology Series, No. 1(134), 16–22. https://doi.org/10.32523/2616-6887/2021-134-1-16-22"
        );
        assert!(f.html().contains("<i>Bulletin of the L.N. Gumilyov"), "{}", f.html());
        let book = src(json!({"id": "b", "kind": "book", "authors": ["Петров, В. А.", "Владимиров, Ю. В."],
            "title": "Набережная Орсе", "title_en": "A brief outline", "publisher": "Международные отношения", "year": 1966}));
        assert_eq!(
            format(&book, Style::Apa).plain(),
            "Петров, В. А., & Владимиров, Ю. В. (1966). Набережная Орсе [A brief outline]. Международные отношения."
        );
    }

    #[test]
    fn bibtex_escapes_and_uses_double_dash_ranges() {
        let b = bibtex_entry(&paper());
        assert!(
            b.starts_with("@article{kussainova-2021,\n  author = {Kussainova, A. M. and Kalibekova, L. S.},"),
            "{b}"
        );
        assert!(b.contains("pages = {16--22}"), "{b}");
        assert!(b.contains("doi = {10.32523/2616-6887/2021-134-1-16-22}"), "{b}");
        let s = src(json!({"id": "x", "kind": "report", "title": "R&D {50%}", "year": 2000}));
        assert!(bibtex_entry(&s).contains("title = {{R\\&D \\{50\\%\\}}}"), "{}", bibtex_entry(&s));
    }

    #[test]
    fn csl_json_items() {
        let v = csl_item(&paper());
        assert_eq!(v["type"], "article-journal");
        assert_eq!(v["issued"]["date-parts"][0][0], 2021);
        assert_eq!(v["page"], "16-22");
        assert_eq!(v["author"][1]["family"], "Kalibekova");
    }

    #[test]
    fn gost_lists_cyrillic_first() {
        let mut v = vec![paper(), russian_article()];
        sort_for(Style::Gost, &mut v);
        assert_eq!(v[0].id, "k");
        sort_for(Style::Apa, &mut v);
        assert_eq!(v[0].id, "kussainova-2021");
        assert_eq!(short_label(&paper()), "Kussainova & Kalibekova, 2021");
    }

    #[test]
    fn styles_parse() {
        assert_eq!("CSL-JSON".parse::<Style>().unwrap(), Style::CslJson);
        assert!("mla".parse::<Style>().is_err());
    }
}
