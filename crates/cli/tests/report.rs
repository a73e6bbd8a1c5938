//! `entente report`: the binary writes self-contained HTML and Markdown reports, to a file
//! (atomically) or to standard output, and refuses bad arguments with a clear message.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Env;

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect()
}

/// Numbers after `prefix`, each occurrence.
fn numbers_after(text: &str, prefix: &str) -> Vec<usize> {
    text.match_indices(prefix)
        .filter_map(|(i, _)| {
            text[i + prefix.len()..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
        })
        .collect()
}

#[test]
fn html_and_markdown_reports_are_written_whole_with_every_note_defined() {
    let env = Env::new();
    let out = env.out();
    let html_path = out.join("fra-kaz.html");
    let run = env.ok(&["report", "FRA", "KAZ", "--format", "html", "--output", html_path.to_str().unwrap()]);
    assert!(run.stdout.is_empty(), "the report went to the file, not to standard output");
    let html = std::fs::read_to_string(&html_path).unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains(&format!("Wrote {} ({} bytes).", html_path.display(), html.len())), "{err}");
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>"));
    for needle in [
        "<title>France – Kazakhstan · entente</title>",
        "class=\"chart timeline\"",
        "class=\"chart per-year\"",
        "class=\"chart flows\"",
        "id=\"src-kussainova-2021\"",
        "<tr id=\"ev-2019-06-25-kaz-unesco-agreement\">",
        "Reference style: GOST R 7.0.5-2008",
        "size:A4",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    for banned in ["<script", "<link", "src=\"http", "@import"] {
        assert!(!html.contains(banned), "{banned}");
    }
    let refs: BTreeSet<usize> = numbers_after(&html, "href=\"#fn-").into_iter().collect();
    let defs = numbers_after(&html, "<li id=\"fn-");
    assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>());
    assert_eq!(refs, defs.into_iter().collect());

    // Any names, another language and style; `-o` is short for `--output`.
    let md_path = out.join("report.md");
    env.ok(&[
        "report",
        "Франция",
        "Қазақстан",
        "--format",
        "md",
        "--lang",
        "kk",
        "--style",
        "apa",
        "-o",
        md_path.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(md.starts_with("# Франция – Қазақстан\n"), "{}", &md[..200]);
    for needle in
        ["## Қорытынды", "## Хронология", "## Библиография", "Сілтеме стилі: APA 7", "](data:image/svg+xml;base64,"]
    {
        assert!(md.contains(needle), "{needle}");
    }
    assert!(md.contains("Kussainova, A. M."), "APA bibliography");
    let defs: Vec<usize> = md.lines().filter_map(|l| l.strip_prefix("[^")?.split_once("]: ")?.0.parse().ok()).collect();
    let body: String = md.lines().filter(|l| !l.starts_with("[^")).collect::<Vec<_>>().join("\n");
    let refs: BTreeSet<usize> = numbers_after(&body, "[^").into_iter().collect();
    assert!(defs.len() > 30, "{} notes", defs.len());
    assert_eq!(defs, (1..=refs.len()).collect::<Vec<_>>());
    assert_eq!(refs, defs.into_iter().collect());
    // No temporary file is left beside the reports.
    assert_eq!(files_in(&out), BTreeSet::from(["fra-kaz.html".to_string(), "report.md".to_string()]));

    // Writing again replaces the file; the default format is HTML.
    std::fs::write(&html_path, "old").unwrap();
    env.ok(&["report", "kaz", "fra", "--output", html_path.to_str().unwrap()]);
    let again = std::fs::read_to_string(&html_path).unwrap();
    assert!(again.contains("<title>Kazakhstan – France · entente</title>"));
    assert_eq!(files_in(&out).len(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&html_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "readable by others: {mode:o}");
    }
}

#[test]
fn without_output_the_report_goes_to_standard_output_and_is_the_same_each_time() {
    let env = Env::new();
    let first = env.ok(&["report", "France", "Kazakhstan", "--format", "markdown", "--lang", "fr"]);
    let md = String::from_utf8(first.stdout).unwrap();
    assert!(md.starts_with("# France – Kazakhstan\n"));
    assert!(md.contains("## Chronologie") && md.contains("## Bibliographie"));
    // No clock inside: the same data gives the same bytes.
    let second = env.ok(&["report", "France", "Kazakhstan", "--format", "md", "--lang", "fr", "--output", "-"]);
    assert_eq!(String::from_utf8(second.stdout).unwrap(), md);
}

#[test]
fn a_russian_report_puts_its_counts_in_the_right_case_and_number() {
    let env = Env::new();
    let md = env.text(&["report", "FRA", "KAZ", "--format", "md", "--lang", "ru"]);
    // The bundled dataset's 14 events: dative plural after «по» (по 1 событию, по 14 событиям).
    assert!(md.contains("Подсчитано entente по 14 событиям хронологии; их источники:"), "{md}");
    // The figures counted from records, dative plural: «по 4 записям» (the singular «по 1
    // записи» is checked in crates/report/tests/i18n.rs: the bundled data has no such figure).
    assert!(md.contains("Подсчитано entente по 4 записям из хранилища: "), "{md}");
    assert!(!md.contains("по 4 записей") && !md.contains("по 4 записи "), "{md}");
    // The claims' verdicts, counted in words of the report's language.
    let claims = md.lines().find(|l| l.starts_with("| Утверждения, сверенные с данными |")).unwrap();
    assert!(claims.contains("нет данных: "), "{claims}");
    assert!(!claims.contains("no_data") && !claims.contains("not comparable"), "{claims}");
}

#[test]
fn bad_arguments_are_refused_with_a_clear_message() {
    let env = Env::new();
    let out = env.out();
    let target = out.join("r.html");
    let t = target.to_str().unwrap();
    let err = env.refused(&["report", "Frnace", "KAZ", "-o", t]);
    assert!(err.contains("unknown country \"Frnace\"; did you mean France (FRA)?"), "{err}");
    let err = env.refused(&["report", "FRA", "France", "-o", t]);
    assert!(err.contains("was given twice"), "{err}");
    let err = env.refused(&["report", "FRA", "KAZ", "--style", "bibtex", "-o", t]);
    assert!(err.contains("gost or apa"), "{err}");
    let err = env.refused(&["report", "FRA", "KAZ", "--style", "mla"]);
    assert!(err.contains("'mla'") && err.contains("gost"), "{err}");
    let err = env.refused(&["report", "FRA", "KAZ", "--format", "pdf"]);
    assert!(err.contains("unknown report format \"pdf\"; expected html or md"), "{err}");
    let err = env.refused(&["report", "FRA", "KAZ", "--lang", "de"]);
    assert!(err.contains("'de'") && err.contains("kk"), "{err}");
    let missing = out.join("no-such-folder").join("r.html");
    let err = env.refused(&["report", "FRA", "KAZ", "-o", missing.to_str().unwrap()]);
    assert!(err.contains("there is no folder"), "{err}");
    let err = env.refused(&["report", "FRA", "KAZ", "-o", out.to_str().unwrap()]);
    assert!(err.contains("cannot write"), "{err}");
    // Nothing was written by any refused command.
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));
}

/// A GDELT 2.0 export line (61 fields) with the given id, day and actors' countries.
fn gdelt_line(id: u64, day: &str, a: &str, b: &str) -> String {
    let (id, month, year) = (id.to_string(), &day[..6], &day[..4]);
    let mut f = vec![""; 61];
    f[0] = &id;
    f[1] = day;
    f[2] = month;
    f[3] = year;
    f[4] = "2023.8027";
    (f[5], f[7]) = (a, a);
    (f[15], f[17]) = (b, b);
    f[25] = "1";
    (f[26], f[27], f[28]) = ("043", "043", "04");
    f[29] = "1";
    f[30] = "2.8";
    (f[31], f[32], f[33]) = ("2", "1", "2");
    f[34] = "-1.5";
    f[59] = "20241022130000";
    f[60] = "https://example.org/a";
    f.join("\t")
}

#[test]
fn imported_gdelt_events_appear_with_their_source() {
    let env = Env::new();
    let md = env.text(&["report", "FRA", "KAZ", "--format", "md"]);
    assert!(md.contains("No GDELT events are imported."), "before any import");

    let file = env.dir.path().join("20231023000000.export.CSV");
    let lines = [
        gdelt_line(1, "20231023", "FRA", "KAZ"),
        gdelt_line(2, "20231105", "FRA", "KAZ"),
        gdelt_line(3, "20231105", "KAZ", "FRA"),
        gdelt_line(4, "20231105", "FRA", "DEU"),
    ];
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    env.ok(&["import", "gdelt", file.to_str().unwrap(), "--format", "json"]);

    let md = env.text(&["report", "FRA", "KAZ", "--format", "md"]);
    assert!(md.contains("| **Total** | **2**[^"), "two FRA→KAZ events");
    let summary_row = md.lines().find(|l| l.starts_with("| GDELT events KAZ→FRA |")).unwrap();
    assert!(summary_row.starts_with("| GDELT events KAZ→FRA | 1[^"), "{summary_row}");
    let note: usize = numbers_after(summary_row, "[^")[0];
    let definition = md.lines().find(|l| l.starts_with(&format!("[^{note}]: "))).unwrap();
    assert!(definition.contains("The GDELT Project"), "{definition}");
    assert!(definition.contains("GDELT files imported: 1; events stored: 4, 2023-10-23 – 2023-11-05."), "{definition}");
    let html = env.text(&["report", "FRA", "KAZ"]);
    assert!(html.contains("class=\"chart series\""));
}
