use std::collections::BTreeSet;

use super::markdown;
use super::*;
use base64::Engine as _;
use entente_analytics::compare::{Cell, IndicatorInfo, ValueStatus};
use entente_analytics::diagnose::{Diagnosis, Fact, Finding, FindingStatus};
use entente_analytics::series::{By, Series, SeriesRow, SeriesSource};
use entente_cite::Style;
use entente_model::Dyad;
use entente_store::Store;

use crate::compare::Beside;

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
    let defs: Vec<usize> = md.lines().filter_map(|l| l.strip_prefix("[^")?.split_once("]: ")?.0.parse().ok()).collect();
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
    assert!(referred.contains(&"ref10-schengen-code-2006") && referred.contains(&"ref07-mager-2014"), "{referred:?}");
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
        assert!(md.contains(&format!(", {}.", markdown::md(&p.locator))), "{}", p.locator);
    }
    assert!(md.contains("Computed by entente from the 14 events listed in the timeline"));
    // A reference the paper attached that cannot support the record says so in its note.
    assert!(
        md.lines().any(|l| l.starts_with("[^")
            && l.contains("reference \\[10\\] of kussainova-2021")
            && l.contains("⚠ as cited in the source only, not evidence for this record: The Schengen Borders Code")),
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
    for heading in ["## Résumé", "## Chronologie", "## Indicateurs", "## Affirmations et données", "## Bibliographie"]
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
        let at = out.find(if format == Format::Html { "<section class=\"bibliography\">" } else { "## Bibliography" });
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

    let config =
        ConfigRef { name: "test-index".into(), version: "0.1".into(), sha256: "ab12".into(), file: "test.toml".into() };
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
    let finding = |rule: &str, category: &str, topic: &str, status: FindingStatus, sentence: &str, evidence| Finding {
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
    let comparison: String =
        comparison.lines().map(|l| if l.starts_with("![") { "![chart](…)" } else { l }).collect::<Vec<_>>().join("\n");
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
