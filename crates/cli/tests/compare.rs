//! `entente compare`, `entente index` and `entente diagnose`, run as a user would on a fresh
//! data folder (the bundled data only).

#![allow(clippy::unwrap_used)]

mod common;

use common::{entente, fails, json};
use serde_json::Value;

#[test]
fn kazakhstan_partners_are_ranked_with_intervals_and_the_same_seed_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["compare", "KAZ", "--format", "json", "--draws", "400", "--seed", "7"];
    let v = json(dir.path(), &args);
    assert_eq!(v["focus"], "KAZ");
    assert!(v["year"].as_i64().unwrap() >= 2015);
    assert_eq!(v["config"]["name"], "entente-bcci");
    assert_eq!(v["config"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!((v["draws"].as_u64(), v["seed"].as_u64()), (Some(400), Some(7)));
    let ranked = entente_testkit::ranked_partners(&v);
    for p in &ranked {
        let coverage = p["coverage"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&coverage));
        assert!(p["indicators"].is_object());
    }
    // Ranks run 1, 2, … in the order the partners are listed.
    let ranks: Vec<u64> = ranked.iter().map(|p| p["rank"].as_u64().unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    assert_eq!(ranks[0], 1);
    // Every observed value names the records it comes from.
    let fra = ranked.iter().find(|p| p["partner"] == "FRA").unwrap();
    let students = &fra["evidence"]["students_from_b_in_a"];
    assert_eq!(students["status"], "observed");
    assert!(!students["records"].as_array().unwrap().is_empty());
    assert!(students["source"]["citation"].as_str().is_some());
    // The same seed gives the same output, byte for byte.
    let again = entente(dir.path(), &args);
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap(), v);
}

#[test]
fn a_changed_weight_changes_the_scores_and_the_recorded_hash() {
    let dir = tempfile::tempdir().unwrap();
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/index/default.toml")).unwrap();
    // Education weighs 0.30 in the shipped file; give it more.
    let changed = shipped.replacen("weight = 0.30", "weight = 0.60", 1);
    assert_ne!(changed, shipped, "the shipped configuration no longer has `weight = 0.30`");
    let path = dir.path().join("heavier-education.toml");
    std::fs::write(&path, &changed).unwrap();
    let base = json(dir.path(), &["compare", "KAZ", "--format", "json", "--draws", "50"]);
    let other =
        json(dir.path(), &["compare", "KAZ", "--format", "json", "--draws", "50", "--config", path.to_str().unwrap()]);
    assert_ne!(base["config"]["sha256"], other["config"]["sha256"]);
    let scores = |v: &Value| -> Vec<(String, Option<f64>)> {
        let mut s: Vec<(String, Option<f64>)> = v["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["partner"].as_str().unwrap().to_string(), p["score"].as_f64()))
            .collect();
        s.sort_by(|a, b| a.0.cmp(&b.0));
        s
    };
    assert_ne!(scores(&base), scores(&other));
}

#[test]
fn bad_configurations_name_the_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/index/default.toml")).unwrap();
    let path = dir.path().join("bad.toml");
    let unknown = shipped.replacen("indicator = \"students.enrolled\"", "indicator = \"students.enroled\"", 1);
    std::fs::write(&path, &unknown).unwrap();
    let line = unknown.lines().position(|l| l.contains("students.enroled")).unwrap() + 1;
    let err = fails(dir.path(), &["compare", "KAZ", "--config", path.to_str().unwrap()]);
    assert!(err.contains(&format!("bad.toml:{line}")), "{err}");
    assert!(err.contains("students.enroled"), "{err}");
    let negative = shipped.replacen("weight = 0.30", "weight = -0.30", 1);
    std::fs::write(&path, negative).unwrap();
    let err = fails(dir.path(), &["compare", "KAZ", "--config", path.to_str().unwrap()]);
    assert!(err.contains("weight"), "{err}");
}

#[test]
fn a_country_without_data_gets_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(dir.path(), &["compare", "Tuvalu"]);
    assert!(err.contains("no data for Tuvalu"), "{err}");
    let err = fails(dir.path(), &["compare", "KAZ", "--draws", "0"]);
    assert!(err.contains("--draws"), "{err}");
}

#[test]
fn partners_can_be_chosen_and_the_csv_has_one_row_each() {
    let dir = tempfile::tempdir().unwrap();
    let out = entente(dir.path(), &["compare", "Казахстан", "--partners", "France,South Korea", "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("partner,name,score,rank,rank_median,rank_p05,rank_p95,coverage"));
    assert!(lines.iter().any(|l| l.starts_with("FRA,")) && lines.iter().any(|l| l.starts_with("KOR,")));
    let table = entente(dir.path(), &["compare", "KAZ", "--top", "5"]);
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.contains("Partners of Kazakhstan (KAZ)") && text.contains("Rank 5–95 %"), "{text}");
}

#[test]
fn the_index_of_a_dyad_runs_over_the_years() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(
        dir.path(),
        &["index", "FRA", "KAZ", "--from", "2013", "--to", "2019", "--format", "json", "--draws", "50"],
    );
    assert_eq!((v["a"].as_str(), v["b"].as_str()), (Some("FRA"), Some("KAZ")));
    let years = v["years"].as_array().unwrap();
    assert!(!years.is_empty());
    for y in years {
        assert_eq!(y["partner"], "FRA");
        assert!((2013..=2019).contains(&y["year"].as_i64().unwrap()));
    }
    assert_eq!(v["config"]["name"], "entente-bcci");
}

#[test]
fn diagnose_france_in_kazakhstan_lists_the_four_barriers() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(dir.path(), &["diagnose", "FRA", "KAZ", "--format", "json"]);
    let findings = v["findings"].as_array().unwrap();
    let barriers: Vec<&Value> = findings.iter().filter(|f| f["category"] == "barrier").collect();
    let topics: Vec<&str> = barriers.iter().map(|f| f["topic"].as_str().unwrap()).collect();
    for t in ["education_ranking", "distance_cost", "language", "brain_drain"] {
        assert!(topics.contains(&t), "{t} missing from {topics:?}");
    }
    for f in findings {
        let status = f["status"].as_str().unwrap();
        assert!(["supported", "contradicted", "no_data"].contains(&status));
        // A finding with data shows it; one without says so.
        if status == "no_data" {
            assert!(f["sentence"].as_str().unwrap().starts_with("No data"), "{f}");
        } else {
            assert!(!f["evidence"].as_array().unwrap().is_empty(), "{f}");
        }
    }
    // entente has no distance data, and says so rather than guessing.
    let distance = barriers.iter().find(|f| f["topic"] == "distance_cost").unwrap();
    assert_eq!(distance["status"], "no_data");
    // The paper's own four barriers stand beside the data.
    let judgements = v["judgements"].as_array().unwrap();
    for t in ["education_ranking", "distance_cost", "language", "brain_drain"] {
        let j = judgements.iter().find(|j| j["category"] == "barrier" && j["topic"] == t);
        let j = j.unwrap_or_else(|| panic!("the paper's {t} barrier is missing"));
        assert_eq!(j["sources"][0]["source_id"], "kussainova-2021");
        assert!(j["sources"][0]["quote"].as_str().is_some());
    }
}

#[test]
fn gdelt_cooperation_counts_once_events_are_imported() {
    let folder = entente_testkit::repo("../shared/data/gdelt/events/v2_15min");
    assert!(folder.exists(), "{} is missing: the GDELT sample is needed", folder.display());
    let dir = tempfile::tempdir().unwrap();
    let out = entente(dir.path(), &["import", "gdelt", folder.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // What GDELT holds for Russia → Kazakhstan in 2024, counted by entente's own query engine.
    let rows = json(
        dir.path(),
        &[
            "query",
            "SELECT count(*) AS n FROM gdelt_events WHERE actor1_iso3 = 'RUS' AND actor2_iso3 = 'KAZ' AND year = 2024 AND quad_class IN (1, 2)",
            "--format",
            "json",
        ],
    );
    let expected = rows["rows"][0][0].as_f64().or_else(|| rows["rows"][0]["n"].as_f64()).unwrap();
    assert!(expected > 0.0);
    let v = json(dir.path(), &["compare", "KAZ", "--year", "2024", "--format", "json", "--draws", "20"]);
    let rus = v["partners"].as_array().unwrap().iter().find(|p| p["partner"] == "RUS").unwrap();
    let cell = &rus["evidence"]["gdelt_cooperation"];
    assert_eq!(cell["dataset"], "gdelt");
    assert_eq!(cell["value"].as_f64(), Some(expected));
    assert_eq!(cell["status"], "observed");
    // In a year without any GDELT event of Kazakhstan, GDELT stays missing rather than zero.
    let v = json(dir.path(), &["compare", "KAZ", "--year", "2016", "--format", "json", "--draws", "20"]);
    assert!(
        v["partners"].as_array().unwrap().iter().all(|p| p["evidence"]["gdelt_cooperation"]["status"] == "missing")
    );
}
