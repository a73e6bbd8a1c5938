//! `entente check` and `entente load --check`: the bundled data passes, and a fixture with
//! one of each defect is flagged, each at its record, file and line.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::entente;
use serde_json::Value;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn repo(path: &str) -> PathBuf {
    entente_testkit::repo(path)
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence-defects")
}

/// (severity, rule, id, field) of every finding.
fn findings(report: &Value) -> Vec<(String, String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("severity"), s("rule"), s("id"), s("field"))
        })
        .collect()
}

#[test]
fn the_bundled_data_passes() {
    let dir = tempfile::tempdir().unwrap();
    // Every dataset of the store: the bundled France–Kazakhstan dataset and the feeds, and
    // every claim's reasoning held to its verdict against them.
    let out = entente(dir.path(), &["check", "--format", "json"]);
    let report = json(&out);
    assert!(out.status.success(), "{report:#}");
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(0), Some(0)), "{report:#}");
    let checked: Vec<&str> =
        report["checked"].as_array().unwrap().iter().map(|c| c["dataset"].as_str().unwrap()).collect();
    assert!(checked.contains(&"fra-kaz") && checked.contains(&"oecd-enrolment-by-origin"), "{checked:?}");
    // The folder itself, as a curator checks it before loading.
    let folder = repo("dataset/fra-kaz");
    let out = entente(dir.path(), &["check", folder.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Checked 1 dataset") && text.contains("0 errors, 0 warnings"), "{text}");
    let out = entente(dir.path(), &["load", "--check", folder.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("dataset fra-kaz is valid"));
}

#[test]
fn each_defect_of_the_fixture_is_flagged_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture();
    let out = entente(dir.path(), &["check", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "errors fail the check");
    let report = json(&out);
    let s = |a: &str, b: &str, c: &str, d: &str| (a.to_string(), b.to_string(), c.to_string(), d.to_string());
    assert_eq!(
        findings(&report),
        [
            s("error", "orphan_claim", "claim-orphan", ""),
            s("error", "cited_before", "ev-cited-before", "sources[0].source"),
            s("error", "only_as_cited", "ev-only-as-cited", "sources"),
            s("error", "cited_before", "ev-reference-before", "sources[0].reference"),
            s("warning", "context_without_note", "ev-context-silent", "note"),
            s("warning", "as_cited_without_note", "ev-context-silent", "sources[1].note"),
        ]
    );
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(4), Some(2)));
    // Each finding names its file and line, and says why.
    let cited = &report["findings"][1];
    assert!(cited["file"].as_str().unwrap().ends_with("records.toml"), "{cited}");
    let text = std::fs::read_to_string(folder.join("records.toml")).unwrap();
    let line = text.lines().nth(cited["line"].as_u64().unwrap() as usize - 1).unwrap();
    assert!(line.contains("fixture-article-2008"), "{line}");
    assert_eq!(
        cited["message"],
        "fixture-article-2008 is dated 2008, before the event (2013): a work published before something happened cannot be evidence of it; if a source only attached it, give this citation role = \"as_cited_in_source\" and a note"
    );
    // The table for people, and CSV.
    let table = entente(dir.path(), &["check", folder.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("4 errors, 2 warnings"), "{text}");
    assert!(text.contains("event ev-only-as-cited"), "{text}");
    let csv = entente(dir.path(), &["check", folder.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 7);
}

#[test]
fn load_check_runs_the_check_and_a_loaded_dataset_is_checked_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture();
    let out = entente(dir.path(), &["load", "--check", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("cited_before") && text.contains("orphan_claim"), "{text}");
    // Nothing was written by the check.
    let datasets = entente(dir.path(), &["datasets", "--format", "json"]);
    assert!(!String::from_utf8_lossy(&datasets.stdout).contains("evidence-defects"));
    // The findings do not make the dataset invalid: it loads, and the store's check finds them.
    let load = entente(dir.path(), &["load", folder.to_str().unwrap()]);
    assert!(load.status.success(), "{}", String::from_utf8_lossy(&load.stderr));
    let out = entente(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(4), Some(2)), "{report:#}");
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["file"] == "dataset evidence-defects"
        || f["file"].as_str().unwrap().starts_with("dataset evidence-defects (")));
}

#[test]
fn warnings_alone_do_not_fail() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("warned");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("dataset.toml"), "[dataset]\nid = \"warned\"\ntitle = \"Warned\"\n").unwrap();
    std::fs::write(
        folder.join("records.toml"),
        "[[source]]\nid = \"w-paper\"\nkind = \"article\"\ntitle = \"P\"\nyear = 2021\n\n[[event]]\nid = \"w-ev\"\nkind = \"other\"\ntitle = \"T\"\ndate = \"1883\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"FRA\"\ncountries = [\"KAZ\"]\ncontext = true\nsources = [{ source = \"w-paper\", locator = \"p. 1\" }]\n",
    )
    .unwrap();
    let out = entente(&dir.path().join("data"), &["check", folder.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let report = json(&out);
    assert_eq!(findings(&report), [("warning".into(), "context_without_note".into(), "w-ev".into(), "note".into())]);
}
