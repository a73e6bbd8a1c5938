//! `entente code` and `entente eval-coder`, run as a user would: files, stdin, bad input in a
//! batch, and the gold set.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn entente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente")).args(args).output().unwrap()
}

fn entente_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

const AGREEMENT: &str = "On 25 June 2019 Kazakhstan and France signed an agreement on cultural cooperation.";

#[test]
fn seed_paper_yields_the_2014_opening_and_the_2019_agreement() {
    let Some(path) = entente_testkit::shared("seed/000_978b51fb5a843068.txt") else { return };
    let out = entente(&["code", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = events(&out);
    let fra_kaz = |e: &&Value| e["countries"] == serde_json::json!(["FRA", "KAZ"]);
    let opening = evs
        .iter()
        .filter(fra_kaz)
        .find(|e| e["kind"] == "institution_opened" && e["date"] == "2014")
        .unwrap_or_else(|| panic!("no 2014 institution_opened in {evs:#?}"));
    assert!(opening["evidence"].as_str().unwrap().contains("2014"));
    let agreement = evs
        .iter()
        .filter(fra_kaz)
        .find(|e| e["kind"] == "agreement_signed" && e["date"] == "2019-06-25")
        .unwrap_or_else(|| panic!("no agreement of 2019-06-25 in {evs:#?}"));
    assert_eq!(agreement["doc"], path.to_str().unwrap());
    // The evidence is the text at its byte span.
    let text = std::fs::read_to_string(&path).unwrap();
    let (s, e) = (agreement["start"].as_u64().unwrap() as usize, agreement["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], agreement["evidence"].as_str().unwrap());

    let table = entente(&["code", path.to_str().unwrap(), "--format", "table"]);
    assert!(table.status.success());
    let t = String::from_utf8(table.stdout).unwrap();
    assert!(t.contains("agreement_signed") && t.contains("2019-06-25") && t.contains("FRA–KAZ"), "{t}");
}

#[test]
fn jsonl_batch_codes_good_lines_and_names_bad_ones() {
    let good =
        serde_json::json!({"id": "a1", "text": AGREEMENT, "url": "https://example.org/a1", "date": "2019-06-26"});
    let input =
        format!("{good}\n{{\"id\": \"a2\", \"url\": \"https://example.org/a2\"}}\n{{\"id\": \"a3\", \"text\": \n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.jsonl");
    std::fs::write(&file, &input).unwrap();
    for out in [entente(&["code", file.to_str().unwrap()]), entente_stdin(&["code", "-"], input.as_bytes())] {
        assert!(out.status.success(), "{}", stderr(&out));
        let evs = events(&out);
        assert_eq!(evs.len(), 1, "{evs:#?}");
        assert_eq!(evs[0]["doc"], "a1");
        assert_eq!(evs[0]["kind"], "agreement_signed");
        assert_eq!(evs[0]["date"], "2019-06-25");
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(lines[0].contains(":2: ") && lines[0].contains("text"), "{err}");
        assert!(lines[1].contains(":3: ") && lines[1].contains("malformed JSON"), "{err}");
    }
    // Every line bad: nothing read, exit 1.
    let out = entente_stdin(&["code", "-"], b"{\"id\": 1}\n{oops\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("-:1:") && stderr(&out).contains("-:2:"), "{}", stderr(&out));
}

#[test]
fn binary_empty_and_invalid_utf8_files_are_reported_while_a_good_file_is_coded() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("image.bin");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"first line\nLe 25 juin 2019, la France et le Kazakhstan ont sign\xe9 un accord.\n")
        .unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, format!("# News\n\n{AGREEMENT}\n")).unwrap();
    let args =
        ["code", bin.to_str().unwrap(), empty.to_str().unwrap(), latin1.to_str().unwrap(), good.to_str().unwrap()];
    let out = entente(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let evs = events(&out);
    assert_eq!(evs.len(), 1, "{evs:#?}");
    assert_eq!(evs[0]["doc"], good.to_str().unwrap());
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:", bin.display())) && err.contains("binary"), "{err}");
    assert!(err.contains(&format!("{}:1:", empty.display())) && err.contains("empty"), "{err}");
    assert!(err.contains(&format!("{}:2:", latin1.display())) && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // Only bad inputs: exit 1, still no panic.
    let out = entente(&["code", bin.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn eval_coder_on_a_small_gold_file_gives_the_counts_worked_by_hand() {
    let line = |id: &str, split: &str, events: Value| {
        serde_json::json!({"id": id, "lang": "en", "text": AGREEMENT, "date": "2019", "split": split, "events": events})
            .to_string()
    };
    let agreement = serde_json::json!({"countries": ["KAZ", "FRA"], "kind": "agreement_signed"});
    let conference = serde_json::json!({"countries": ["FRA", "KAZ"], "kind": "conference"});
    let gold = [
        // TP 1.
        line("g1", "tune", serde_json::json!([agreement])),
        // Predicted agreement unmatched (FP 1); gold conference missed (FN 1).
        line("g2", "heldout", serde_json::json!([conference])),
        // One prediction matches one of two identical gold events: TP 1, FN 1.
        line("g3", "heldout", serde_json::json!([agreement, agreement])),
        // A negative: no countries, no events, nothing predicted.
        serde_json::json!({"id": "g4", "lang": "en", "text": "The weather was fine.", "split": "heldout", "events": []})
            .to_string(),
        // Skipped: no text, malformed, unknown kind.
        r#"{"id": "g5", "lang": "en", "split": "tune", "events": []}"#.to_string(),
        r#"{"id": "g6", "lang": "en", "#.to_string(),
        line("g7", "tune", serde_json::json!([{"countries": ["FRA", "KAZ"], "kind": "picnic"}])),
    ]
    .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gold.jsonl");
    std::fs::write(&file, gold).unwrap();

    let out = entente(&["eval-coder", file.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let err = stderr(&out);
    for n in [5, 6, 7] {
        assert!(err.contains(&format!("gold.jsonl:{n}:")), "line {n} not reported: {err}");
    }
    assert_eq!(v["skipped"], 3);
    assert_eq!(v["passages"], 4);
    let close = |x: &Value, want: f64| (x.as_f64().unwrap() - want).abs() < 1e-9;
    let o = &v["overall"];
    assert_eq!((o["tp"].as_u64(), o["fp"].as_u64(), o["fn"].as_u64()), (Some(2), Some(1), Some(2)), "{o}");
    assert!(close(&o["precision"], 2.0 / 3.0) && close(&o["recall"], 0.5) && close(&o["f1"], 4.0 / 7.0), "{o}");
    let k = &v["kinds"]["agreement_signed"];
    // g1 TP, g2 FP, g3 TP + FN.
    assert_eq!((k["tp"].as_u64(), k["fp"].as_u64(), k["fn"].as_u64()), (Some(2), Some(1), Some(1)), "{k}");
    assert!(close(&k["precision"], 2.0 / 3.0) && close(&k["recall"], 2.0 / 3.0), "{k}");
    assert!(close(&v["kinds"]["conference"]["recall"], 0.0));
    assert!(v["kinds"]["conference"]["precision"].is_null());
    assert!(close(&v["langs"]["en"]["recall"], 0.5));
    let h = &v["splits"]["heldout"]["overall"];
    assert_eq!((h["tp"].as_u64(), h["fp"].as_u64(), h["fn"].as_u64()), (Some(1), Some(1), Some(2)), "{h}");
    assert!(close(&h["precision"], 0.5) && close(&h["recall"], 1.0 / 3.0), "{h}");
    let t = &v["splits"]["tune"]["overall"];
    assert!(close(&t["precision"], 1.0) && close(&t["recall"], 1.0), "{t}");

    // --split heldout scores the held-out passages only.
    let out = entente(&["eval-coder", file.to_str().unwrap(), "--split", "heldout", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["passages"], 3);
    assert!(close(&v["overall"]["precision"], 0.5) && close(&v["overall"]["recall"], 1.0 / 3.0));

    // The table says the same.
    let out = entente(&["eval-coder", file.to_str().unwrap()]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.contains("0.667") && t.contains("0.500") && t.contains("0.571") && t.contains("3 line(s) skipped"),
        "{t}"
    );
}

#[test]
fn eval_coder_runs_on_the_gold_set() {
    let gold = entente_testkit::repo("data/coder/gold/gold.jsonl");
    let out = entente(&["eval-coder", gold.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["passages"].as_u64().unwrap() >= 150, "{v}");
    assert_eq!(v["skipped"], 0, "{}", stderr(&out));
    for scope in [&v["overall"], &v["splits"]["heldout"]["overall"]] {
        for m in ["precision", "recall", "f1"] {
            let x = scope[m].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&x), "{m} = {x}");
        }
    }
    let table = entente(&["eval-coder", gold.to_str().unwrap(), "--split", "heldout"]);
    assert!(table.status.success());
    assert!(String::from_utf8(table.stdout).unwrap().contains("overall (heldout)"));
}

#[test]
fn coded_candidates_wait_for_review_and_an_accepted_one_joins_the_timeline() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let batch = [
        serde_json::json!({"id": "a1", "text": AGREEMENT, "url": "https://example.org/a1", "date": "2019-06-26"}),
        serde_json::json!({"id": "a2", "text": "Kazakh artists opened an exhibition in Paris."}),
    ];
    let file = data.path().join("batch.jsonl");
    std::fs::write(&file, batch.iter().map(|b| format!("{b}\n")).collect::<String>()).unwrap();
    let f = file.to_str().unwrap();

    let out = entente(&["--data", d, "code", f, "--store"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Queued 2 new candidate(s)"), "{}", stderr(&out));
    // Pending candidates are not records: the timeline does not show them.
    let timeline = |d: &str| {
        let out = entente(&["--data", d, "timeline", "FRA", "KAZ", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let before = timeline(d).as_array().unwrap().len();
    let list = entente(&["--data", d, "review", "list", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.len(), 2, "{list:#?}");
    let id_of = |doc: &str| list.iter().find(|c| c["doc"] == doc).unwrap()["id"].as_str().unwrap().to_string();
    let (agreement, exhibition) = (id_of("a1"), id_of("a2"));
    assert_eq!(list.iter().find(|c| c["doc"] == "a1").unwrap()["url"], "https://example.org/a1");

    // The exhibition has no date in its text nor its document: acceptance asks for one.
    let out = entente(&["--data", d, "review", "accept", &exhibition]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no date"), "{}", stderr(&out));
    let out = entente(&["--data", d, "review", "reject", &exhibition, "--reason", "no date anywhere; not verifiable"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // "Cultural cooperation" names no domain: the reviewer gives one.
    let out = entente(&["--data", d, "review", "accept", &agreement, "--host", "France"]);
    assert!(!out.status.success() && stderr(&out).contains("--domain"), "{}", stderr(&out));
    let out = entente(&[
        "--data", d, "review", "accept", &agreement, "--host", "France", "--domain", "arts", "--format", "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let done: Value = serde_json::from_slice(&out.stdout).unwrap();
    let event = done["event"].as_str().unwrap();

    // The accepted event is on the pair's timeline, citing the article, its URL and the span.
    let t = timeline(d);
    let rows = t.as_array().unwrap();
    assert_eq!(rows.len(), before + 1);
    let row = rows.iter().find(|r| r["id"] == event).unwrap();
    assert_eq!(row["date"], "2019-06-25");
    let cite = &row["sources"][0];
    assert_eq!(cite["quote"], AGREEMENT);
    assert!(cite["locator"].as_str().unwrap().starts_with("bytes 0-"), "{cite}");
    assert!(cite["citation"].as_str().unwrap().contains("https://example.org/a1"), "{cite}");

    // Coding the batch again queues nothing and undoes no decision.
    let out = entente(&["--data", d, "code", f, "--store"]);
    assert!(
        stderr(&out).contains("Queued 0 new candidate(s) for review (2 already queued or decided)"),
        "{}",
        stderr(&out)
    );
    let all = entente(&["--data", d, "review", "list", "--state", "all", "--format", "json"]);
    let all: Vec<Value> = serde_json::from_slice(&all.stdout).unwrap();
    let states: Vec<&str> = all.iter().map(|c| c["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["accepted", "rejected"], "{all:#?}");
    let out = entente(&["--data", d, "review", "accept", &agreement]);
    assert!(!out.status.success() && stderr(&out).contains("was accepted"), "{}", stderr(&out));
    let out = entente(&["--data", d, "review", "show", "cand-0000"]);
    assert!(!out.status.success() && stderr(&out).contains("no candidate"), "{}", stderr(&out));
}
