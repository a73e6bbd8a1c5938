//! Printing results as a table for people, JSON for programs, or CSV for spreadsheets.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use entente_analytics::series::Statement;
use entente_analytics::timeline::SourceRef;
use entente_analytics::{ClaimCheck, Indicators, QueryResult, Series, Timeline};
use entente_cite::{Style, bibtex, csl_json, format, sort_for};
use entente_model::ontology::EventKind;
use entente_model::record::{Source, format_number};
use entente_model::{Country, Direction};
use entente_store::{DatasetInfo, LoadReport, SearchHit, StoredRecord};
use serde::Serialize;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading
    Table,
    /// JSON for programs
    Json,
    /// CSV with a header row
    Csv,
}

/// `n` with its noun in English, singular for one: "1 row", "3 rows". (Output in the
/// interface languages goes through `entente_report::i18n` instead.)
pub fn count(n: u64, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_header(header.to_vec());
    t
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

pub fn print_csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

/// The sources of a row; one kept only as cited in another source is marked so, as the
/// reader must not take it for evidence.
fn sources_text(sources: &[SourceRef]) -> String {
    sources
        .iter()
        .map(|s| {
            if s.is_evidence() {
                format!("{} ({})", s.source_id, s.locator)
            } else {
                format!("{} ({}) [as cited in the source only, not evidence]", s.source_id, s.locator)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn direction_text(direction: Direction, label: &str) -> String {
    match direction {
        Direction::AToB | Direction::BToA => label.to_string(),
        other => other.as_str().to_string(),
    }
}

pub fn timeline(t: &Timeline, format: Format, lang: &str) -> Result<()> {
    match format {
        Format::Json => print_json(&t.entries),
        Format::Csv => print_csv(
            &[
                "id",
                "date",
                "end",
                "period",
                "context",
                "kind",
                "title",
                "status",
                "direction",
                "setting",
                "domains",
                "host",
                "projecting",
                "countries",
                "quantity",
                "unit",
                "sources",
            ],
            t.entries.iter().map(|e| {
                vec![
                    e.id.clone(),
                    e.date.clone(),
                    e.end.clone().unwrap_or_default(),
                    e.period.clone().unwrap_or_default(),
                    e.context.to_string(),
                    e.kind.to_string(),
                    e.title.clone(),
                    e.status.to_string(),
                    e.direction.as_str().to_string(),
                    e.setting.map(|s| s.as_str().to_string()).unwrap_or_default(),
                    e.domains.join(";"),
                    e.host.clone().unwrap_or_default(),
                    e.projecting.join(";"),
                    e.countries.join(";"),
                    e.quantity.as_ref().map(|q| format_number(q.value)).unwrap_or_default(),
                    e.quantity.as_ref().map(|q| q.unit.clone()).unwrap_or_default(),
                    sources_text(&e.sources),
                ]
            }),
        ),
        Format::Table => {
            let mut tab = table(&["date", "direction", "kind", "title", "status", "sources"]);
            for e in &t.entries {
                let mut date = match (&e.period, &e.end) {
                    (Some(p), _) => p.clone(),
                    (None, Some(end)) => format!("{} – {end}", e.date),
                    (None, None) => e.date.clone(),
                };
                if e.context {
                    date.push_str("\n(context)");
                }
                tab.add_row(vec![
                    date,
                    direction_text(e.direction, &e.direction_label),
                    e.kind.to_string(),
                    e.title.clone(),
                    e.status.to_string(),
                    sources_text(&e.sources),
                ]);
            }
            let events = entente_report::i18n::tr_args(lang, "event_count", &[("n", t.entries.len().into())]);
            let context = match t.summary.context {
                0 => String::new(),
                n => format!(", {}", entente_report::i18n::tr_args(lang, "timeline_context_note", &[("n", n.into())])),
            };
            println!("{} – {} ({} – {}): {events}{context}", t.names[0], t.names[1], t.dyad.a, t.dyad.b);
            println!("{tab}");
            Ok(())
        }
    }
}

pub fn search(hits: &[SearchHit], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(hits),
        Format::Csv => print_csv(
            &["id", "kind", "title", "snippet"],
            hits.iter().map(|h| vec![h.id.clone(), h.kind.to_string(), h.title.clone(), h.snippet.clone()]),
        ),
        Format::Table => {
            if hits.is_empty() {
                println!("No records match.");
                return Ok(());
            }
            let mut tab = table(&["id", "kind", "title", "match"]);
            for h in hits {
                tab.add_row(vec![h.id.clone(), h.kind.to_string(), h.title.clone(), h.snippet.clone()]);
            }
            println!("{tab}");
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct RecordOut<'a> {
    #[serde(flatten)]
    stored: &'a StoredRecord,
    citations: &'a [SourceRef],
}

pub fn record(stored: &StoredRecord, citations: &[SourceRef], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(&RecordOut { stored, citations }),
        Format::Table | Format::Csv => {
            let value = serde_json::to_value(&stored.record)?;
            let mut tab = table(&["field", "value"]);
            tab.add_row(vec!["dataset".to_string(), stored.dataset.clone()]);
            if let serde_json::Value::Object(map) = value {
                for (k, v) in map {
                    if k == "sources" {
                        continue;
                    }
                    let text = match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    tab.add_row(vec![k, text]);
                }
            }
            for (i, c) in citations.iter().enumerate() {
                let mut text = format!("{} — {}", c.citation, c.locator);
                if let Some(q) = &c.quote {
                    text.push_str(&format!("\n“{q}”"));
                }
                if !c.is_evidence() {
                    text.push_str("\n⚠ as cited in the source only, not evidence for this record");
                }
                if let Some(n) = &c.note {
                    text.push_str(&format!("\n{n}"));
                }
                tab.add_row(vec![format!("source {}", i + 1), text]);
            }
            println!("{tab}");
            Ok(())
        }
    }
}

pub fn sources(mut list: Vec<Source>, style: Style) -> Result<()> {
    sort_for(style, &mut list);
    match style {
        Style::Bibtex => print!("{}", bibtex(&list)),
        Style::CslJson => print_json(&csl_json(&list))?,
        Style::Gost | Style::Apa => {
            for (i, s) in list.iter().enumerate() {
                println!("{}. {}", i + 1, format(s, style).plain());
            }
        }
    }
    Ok(())
}

/// The sources as rows: JSON as the API gives them, or CSV.
pub fn sources_view(view: &entente_report::views::SourcesView, format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(view),
        Format::Csv | Format::Table => print_csv(
            &["id", "kind", "citation", "cited_by"],
            view.sources.iter().map(|s| vec![s.id.clone(), s.kind.clone(), s.citation.clone(), s.cited_by.to_string()]),
        ),
    }
}

#[derive(Serialize)]
struct CountryOut<'a> {
    alpha3: &'a str,
    alpha2: &'a str,
    numeric: &'a str,
    cameo: &'a [String],
    fips: Option<&'a str>,
    name_en: &'a str,
    name_fr: &'a str,
    name_ru: &'a str,
    name_kk: &'a str,
}

pub fn countries(list: &[&Country], format: Format) -> Result<()> {
    let rows: Vec<CountryOut<'_>> = list
        .iter()
        .map(|c| CountryOut {
            alpha3: &c.alpha3,
            alpha2: &c.alpha2,
            numeric: &c.numeric,
            cameo: &c.cameo,
            fips: c.fips.as_deref(),
            name_en: c.name_in("en"),
            name_fr: c.name_in("fr"),
            name_ru: c.name_in("ru"),
            name_kk: c.name_in("kk"),
        })
        .collect();
    let header = ["alpha3", "alpha2", "numeric", "cameo", "fips", "en", "fr", "ru", "kk"];
    let cells = |c: &CountryOut<'_>| {
        vec![
            c.alpha3.to_string(),
            c.alpha2.to_string(),
            c.numeric.to_string(),
            c.cameo.join(";"),
            c.fips.unwrap_or("").to_string(),
            c.name_en.to_string(),
            c.name_fr.to_string(),
            c.name_ru.to_string(),
            c.name_kk.to_string(),
        ]
    };
    match format {
        Format::Json => print_json(&rows),
        Format::Csv => print_csv(&header, rows.iter().map(cells)),
        Format::Table => {
            let mut tab = table(&header);
            for r in &rows {
                tab.add_row(cells(r));
            }
            println!("{tab}");
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct KindOut {
    kind: &'static str,
    cameo: Option<&'static str>,
    plover: Option<&'static str>,
}

pub fn kinds(format: Format) -> Result<()> {
    let rows: Vec<KindOut> = EventKind::ALL
        .iter()
        .map(|k| {
            let c = k.codes();
            KindOut { kind: k.as_str(), cameo: c.map(|c| c.cameo), plover: c.map(|c| c.plover) }
        })
        .collect();
    let cells = |k: &KindOut| {
        vec![
            k.kind.to_string(),
            k.cameo.unwrap_or("—").to_string(),
            k.plover.unwrap_or("— (no counterpart)").to_string(),
        ]
    };
    match format {
        Format::Json => print_json(&rows),
        Format::Csv => print_csv(&["kind", "cameo", "plover"], rows.iter().map(cells)),
        Format::Table => {
            let mut tab = table(&["kind", "CAMEO", "PLOVER"]);
            for r in &rows {
                tab.add_row(cells(r));
            }
            println!("{tab}");
            Ok(())
        }
    }
}

pub fn datasets(list: &[DatasetInfo], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(list),
        Format::Csv => print_csv(
            &["id", "title", "records", "origin", "licence"],
            list.iter().map(|d| {
                vec![
                    d.id.clone(),
                    d.title.clone(),
                    d.records.to_string(),
                    d.origin.clone(),
                    d.licence.clone().unwrap_or_default(),
                ]
            }),
        ),
        Format::Table => {
            let mut tab = table(&["id", "title", "records", "origin"]);
            for d in list {
                tab.add_row(vec![d.id.clone(), d.title.clone(), d.records.to_string(), d.origin.clone()]);
            }
            println!("{tab}");
            Ok(())
        }
    }
}

pub fn load_reports(reports: &[LoadReport], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(reports),
        Format::Csv => print_csv(
            &["dataset", "added", "updated", "removed", "unchanged"],
            reports.iter().map(|r| {
                vec![
                    r.dataset.clone(),
                    r.added.to_string(),
                    r.updated.to_string(),
                    r.removed.to_string(),
                    r.unchanged.to_string(),
                ]
            }),
        ),
        Format::Table => {
            for r in reports {
                println!(
                    "{}: {} added, {} updated, {} removed, {} unchanged",
                    r.dataset, r.added, r.updated, r.removed, r.unchanged
                );
            }
            Ok(())
        }
    }
}

fn fmt_opt(v: Option<f64>, digits: usize) -> String {
    v.map(|x| format!("{x:.digits$}")).unwrap_or_default()
}

/// The statements of a series: as JSON data, or as SQL with each statement's parameters in a
/// comment above it.
pub fn series_sql(statements: &[Statement], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(&statements),
        Format::Table | Format::Csv => {
            for s in statements {
                let params: Vec<String> =
                    s.params.iter().enumerate().map(|(i, p)| format!("${} = {p}", i + 1)).collect();
                println!("-- {}\n{};", params.join(", "), s.sql);
            }
            Ok(())
        }
    }
}

pub fn series(s: &Series, format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(&s.rows),
        Format::Csv => {
            let mut header: Vec<String> = [
                "period",
                "direction",
                "events",
                "articles",
                "goldstein_mean",
                "tone_mean",
                "quad_1",
                "quad_2",
                "quad_3",
                "quad_4",
            ]
            .iter()
            .map(ToString::to_string)
            .collect();
            header.extend((1..=20).map(|r| format!("root_{r:02}")));
            header.extend(["events_involving_a", "events_involving_b", "share_of_a", "share_of_b"].map(String::from));
            let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
            print_csv(
                &header_refs,
                s.rows.iter().map(|r| {
                    let mut row = vec![
                        r.period.clone(),
                        r.direction.as_str().to_string(),
                        r.events.to_string(),
                        r.articles.to_string(),
                        fmt_opt(r.goldstein_mean, 4),
                        fmt_opt(r.tone_mean, 4),
                    ];
                    row.extend((1..=4).map(|q| r.quad_class.get(&q.to_string()).copied().unwrap_or(0).to_string()));
                    row.extend(
                        (1..=20).map(|c| r.root_codes.get(&format!("{c:02}")).copied().unwrap_or(0).to_string()),
                    );
                    row.extend([
                        r.events_involving_a.to_string(),
                        r.events_involving_b.to_string(),
                        fmt_opt(r.share_of_a, 6),
                        fmt_opt(r.share_of_b, 6),
                    ]);
                    row
                }),
            )
        }
        Format::Table => {
            let mut tab = table(&[
                "period",
                "direction",
                "events",
                "articles",
                "Goldstein",
                "tone",
                "verbal coop",
                "material coop",
                "verbal conflict",
                "material conflict",
                "share of A",
                "share of B",
            ]);
            // Periods where the pair has no events in either direction add nothing to read.
            let active: std::collections::BTreeSet<&str> =
                s.rows.iter().filter(|r| r.events > 0).map(|r| r.period.as_str()).collect();
            let quiet = s.rows.iter().map(|r| r.period.as_str()).collect::<std::collections::BTreeSet<_>>().len()
                - active.len();
            for r in s.rows.iter().filter(|r| active.contains(r.period.as_str())) {
                let q = |k: &str| r.quad_class.get(k).copied().unwrap_or(0).to_string();
                tab.add_row(vec![
                    r.period.clone(),
                    r.direction_label.clone(),
                    r.events.to_string(),
                    r.articles.to_string(),
                    fmt_opt(r.goldstein_mean, 2),
                    fmt_opt(r.tone_mean, 2),
                    q("1"),
                    q("2"),
                    q("3"),
                    q("4"),
                    r.share_of_a.map(|x| format!("{:.3}%", x * 100.0)).unwrap_or_default(),
                    r.share_of_b.map(|x| format!("{:.3}%", x * 100.0)).unwrap_or_default(),
                ]);
            }
            if active.is_empty() {
                println!("No events between {} and {} in the imported GDELT data.", s.dyad.a, s.dyad.b);
            } else {
                println!("{tab}");
            }
            if quiet > 0 {
                println!(
                    "{quiet} periods with events of either country but none between them are left out here (they are in --format json and csv)."
                );
            }
            println!(
                "Source: {} — {} files, {} events stored{}.",
                s.source.dataset,
                s.source.files,
                s.source.events_stored,
                match (&s.source.first_date, &s.source.last_date) {
                    (Some(f), Some(l)) => format!(", event dates {f} to {l}"),
                    _ => String::new(),
                }
            );
            Ok(())
        }
    }
}

pub fn query(r: &QueryResult, format: Format) -> Result<()> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match format {
        Format::Json => print_json(r)?,
        Format::Csv => {
            let header: Vec<&str> = r.columns.iter().map(String::as_str).collect();
            print_csv(&header, r.rows.iter().map(|row| row.iter().map(text).collect()))?
        }
        Format::Table => {
            let header: Vec<&str> = r.columns.iter().map(String::as_str).collect();
            let mut tab = table(&header);
            for row in &r.rows {
                tab.add_row(row.iter().map(text).collect::<Vec<_>>());
            }
            println!("{tab}");
            println!("{} in {} ms", count(r.rows.len() as u64, "row", "rows"), r.elapsed_ms);
        }
    }
    if r.truncated {
        let n = r.rows.len();
        eprintln!(
            "Only the first {} {} shown; raise --max-rows or narrow the query.",
            count(n as u64, "row", "rows"),
            if n == 1 { "is" } else { "are" }
        );
    }
    Ok(())
}

pub fn feed_reports(reports: &[entente_import::bundled::FeedReport], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(reports),
        Format::Table | Format::Csv => {
            for r in reports {
                println!(
                    "{}: {} rows read = {} used + {} rejected; {} observations → dataset {} ({} added, {} updated, {} removed, {} unchanged)",
                    r.file,
                    r.rows_read,
                    r.rows_used,
                    r.rows_rejected,
                    r.observations,
                    r.dataset,
                    r.load.added,
                    r.load.updated,
                    r.load.removed,
                    r.load.unchanged
                );
                for reject in r.rejects.iter().take(20) {
                    eprintln!("  {reject}");
                }
                if r.rejects.len() > 20 {
                    eprintln!(
                        "  … {}: entente query \"SELECT * FROM import_rejects\"",
                        count((r.rejects.len() - 20) as u64, "more reject", "more rejects")
                    );
                }
            }
            Ok(())
        }
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:+.1}%", x * 100.0)).unwrap_or_default()
}

pub fn indicators(r: &Indicators, format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(r),
        Format::Csv => print_csv(
            &[
                "kind",
                "from",
                "to",
                "dataset",
                "indicator",
                "period",
                "value",
                "change",
                "pct_change",
                "source",
                "locator",
                "raw_value",
            ],
            r.flows
                .iter()
                .flat_map(|f| {
                    f.points.iter().map(move |p| {
                        vec![
                            "flow".into(),
                            f.from.clone(),
                            f.to.clone(),
                            f.dataset.clone(),
                            f.indicator.clone(),
                            p.period.clone(),
                            format_number(p.value),
                            p.change.map(format_number).unwrap_or_default(),
                            p.pct_change.map(|x| format!("{x:.6}")).unwrap_or_default(),
                            f.source.source_id.clone(),
                            p.locator.clone(),
                            p.raw_value.map(format_number).unwrap_or_default(),
                        ]
                    })
                })
                .chain(r.shares.iter().map(|s| {
                    vec![
                        "share".into(),
                        s.from.clone(),
                        s.to.clone(),
                        s.dataset.clone(),
                        "students.enrolled".into(),
                        s.period.clone(),
                        format!("{:.6}", s.share),
                        format!("rank {} of {}", s.rank, s.destinations_listed),
                        String::new(),
                        s.source.source_id.clone(),
                        s.source.locator.clone(),
                        String::new(),
                    ]
                }))
                .chain(r.presence.iter().flat_map(|p| {
                    p.points.iter().map(move |(y, v)| {
                        vec![
                            "presence".into(),
                            p.country.clone(),
                            String::new(),
                            "elcano-iepg".into(),
                            format!("elcano.{}", p.variable),
                            y.to_string(),
                            format!("{v}"),
                            String::new(),
                            String::new(),
                            p.source.source_id.clone(),
                            String::new(),
                            String::new(),
                        ]
                    })
                })),
        ),
        Format::Table => {
            println!("{} – {} ({} – {})", r.names[0], r.names[1], r.dyad.a, r.dyad.b);
            if r.flows.is_empty() {
                println!("No student flows between them in the store.");
            }
            for f in &r.flows {
                println!("\nStudents {} ({}, {}):", f.label, f.indicator, f.dataset);
                let corrected = f.points.iter().any(|p| p.raw_value.is_some());
                let mut header = vec!["period", "students", "change", "change %"];
                if corrected {
                    header.push("in the file (raw)");
                }
                let mut tab = table(&header);
                for p in &f.points {
                    let mut row = vec![
                        p.period.clone(),
                        format_number(p.value),
                        p.change.map(format_number).unwrap_or_default(),
                        pct(p.pct_change),
                    ];
                    if corrected {
                        row.push(p.raw_value.map(format_number).unwrap_or_default());
                    }
                    tab.add_row(row);
                }
                println!("{tab}");
                if let Some(note) = f.points.iter().find(|p| p.raw_value.is_some()).and_then(|p| p.note.as_deref()) {
                    println!("Corrected: {note}.");
                }
                if let (Some(first), Some(last)) = (f.points.first(), f.points.last())
                    && f.points.len() > 1
                {
                    println!(
                        "{} to {}: {} ({}), compound annual growth {}.",
                        first.period,
                        last.period,
                        f.abs_change.map(format_number).unwrap_or_default(),
                        pct(f.pct_change),
                        pct(f.cagr)
                    );
                }
                println!("Source: {}", f.source.citation);
            }
            if !r.agreement.is_empty() {
                println!("\nWhere two sources count the same flow:");
                for a in &r.agreement {
                    println!("{}→{} {}: {}", a.from, a.to, a.indicator, a.summary);
                }
            }
            if !r.shares.is_empty() {
                println!("\nShares of outbound students:");
                let mut tab = table(&["from", "to", "dataset", "period", "students", "of total", "share", "rank"]);
                for s in &r.shares {
                    tab.add_row(vec![
                        s.from.clone(),
                        s.to.clone(),
                        s.dataset.clone(),
                        s.period.clone(),
                        format_number(s.students),
                        format_number(s.total_outbound),
                        format!("{:.2}%", s.share * 100.0),
                        format!("{} of {}", s.rank, s.destinations_listed),
                    ]);
                }
                println!("{tab}");
            }
            if !r.presence.is_empty() {
                println!("\nElcano Global Presence Index, latest year:");
                let mut tab = table(&["country", "variable", "year", "value"]);
                for p in &r.presence {
                    if let Some((y, v)) = p.latest {
                        tab.add_row(vec![p.country.clone(), p.variable.clone(), y.to_string(), format!("{v:.2}")]);
                    }
                }
                println!("{tab}");
            }
            Ok(())
        }
    }
}

pub fn claims(list: &[ClaimCheck], format: Format) -> Result<()> {
    match format {
        Format::Json => print_json(list),
        Format::Csv => print_csv(
            &["claim_id", "verdict", "text", "reading", "reasoning", "evidence"],
            list.iter().map(|c| {
                vec![
                    c.claim_id.clone(),
                    c.verdict.as_str().into(),
                    c.text.clone(),
                    c.reading.clone(),
                    c.reasoning.join(" "),
                    c.evidence
                        .iter()
                        .map(|e| {
                            format!("{} {} {} ({})", e.observation_id, e.period, format_number(e.value), e.dataset)
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ]
            }),
        ),
        Format::Table => {
            if list.is_empty() {
                println!("No claims about this pair in the store.");
            }
            for c in list {
                println!("\n[{}] {}", c.verdict.as_str(), c.text);
                println!("  read as: {}", c.reading);
                for s in &c.claim_sources {
                    if s.is_evidence() {
                        println!("  claimed by: {} — {}", s.citation, s.locator);
                    } else {
                        println!(
                            "  as cited there (not evidence): {} — {}",
                            s.citation,
                            s.note.as_deref().unwrap_or(&s.locator)
                        );
                    }
                }
                for r in &c.reasoning {
                    println!("  · {r}");
                }
                for e in &c.evidence {
                    let raw =
                        e.raw_value.map(|r| format!(" (the file gives {})", format_number(r))).unwrap_or_default();
                    println!(
                        "  evidence: {} {} {} {}{raw} — {} ({})",
                        e.dataset,
                        e.period,
                        format_number(e.value),
                        e.unit,
                        e.source.citation,
                        e.source.locator
                    );
                }
            }
            Ok(())
        }
    }
}
