//! `entente fetch gdelt` (the real binary) against a GDELT mirror on loopback serving the
//! real GDELT 2.0 export zips of `../shared/data`: killed half-way and run again, it ends
//! with the same verified files and imports each once; bad input fails with a clear error.

#![allow(clippy::unwrap_used)]

mod common;

#[path = "../../fetch/tests/mirror/mod.rs"]
mod mirror;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use common::entente;
use mirror::{Behaviour, Gate, Mirror, master_line, md5_hex, real_exports};
use serde_json::Value;

/// `fetch gdelt` for one day, 2024-10-22, whose ten files the shared data holds.
const ONE_DAY: [&str; 6] = ["fetch", "gdelt", "--from", "2024-10-22", "--to", "2024-10-22"];

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l}: {e}")))
        .collect()
}

fn event<'a>(lines: &'a [Value], name: &str) -> &'a Value {
    lines.iter().find(|v| v["event"] == name).unwrap_or_else(|| panic!("no {name} event in {lines:?}"))
}

fn query(data: &Path, sql: &str) -> Vec<Value> {
    let out = entente(data, &["query", sql, "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rows"].as_array().unwrap()[0].as_array().unwrap().clone()
}

/// Rows per export file, from the shared data's MANIFEST.csv (counted when the data was
/// gathered, independently of entente).
fn manifest_rows() -> BTreeMap<String, u64> {
    let path = entente_testkit::shared_data("gdelt/events/v2_15min/MANIFEST.csv").unwrap();
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].rsplit('/').next().unwrap().to_string(), f[1].parse().unwrap())
        })
        .collect()
}

/// The files under their final names in `out` (hidden ones are the fetch's own).
fn final_files(out: &Path) -> BTreeSet<String> {
    std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".part"))
        .collect()
}

#[test]
fn a_fetch_killed_half_way_and_run_again_ends_verified_and_imports_each_file_once() {
    let Some(exports) = real_exports() else { return };
    let rows = manifest_rows();
    let mirror = Mirror::start();
    let gate = Arc::new(Gate::default());
    // 2024-10-22 has 10 files; the eighth holds its transfer half-way until the test says so.
    let held = "20241022150000.export.CSV.zip";
    let mut list = String::new();
    for (name, bytes) in &exports {
        list.push_str(&master_line(&mirror, name, bytes.len(), &md5_hex(bytes)));
        let behaviour = if name == held { Behaviour::Gate(Arc::clone(&gate)) } else { Behaviour::Serve };
        mirror.put(&format!("/gdeltv2/{name}"), bytes.clone(), behaviour);
    }
    mirror.put("/gdeltv2/masterfilelist.txt", list.into_bytes(), Behaviour::Serve);
    let day: BTreeMap<&str, &Vec<u8>> =
        exports.iter().filter(|(n, _)| n.starts_with("20241022")).map(|(n, b)| (n.as_str(), b)).collect();
    assert_eq!(day.len(), 10);

    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("downloads");
    let base = mirror.url("/gdeltv2/");
    let args = |extra: &[&str]| -> Vec<String> {
        let out = out.to_str().unwrap();
        let options = ["--base-url", &base, "--out", out, "--jobs", "3", "--timeout", "5", "--retry-wait-ms", "10"];
        let mut v: Vec<String> = ONE_DAY.iter().chain(&options).map(|s| s.to_string()).collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };

    // First run: killed (SIGKILL) while the held file is half-way.
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .arg("--data")
        .arg(data.path())
        .args(args(&["--import", "--format", "json"]))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    gate.wait_reached();
    // The client has written the half it was sent (bounded so a broken test fails, not hangs).
    let part = out.join(format!("{held}.part"));
    let half = (day[held].len() / 2) as u64;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0) < half {
        assert!(std::time::Instant::now() < deadline, "the client never wrote the first half");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    gate.open();
    mirror.set(&format!("/gdeltv2/{held}"), Behaviour::Serve);
    // Whatever is under a final name is whole and verified; the held file is not among them.
    let after_kill = final_files(&out);
    assert!(!after_kill.contains(held));
    for name in &after_kill {
        assert_eq!(md5_hex(&std::fs::read(out.join(name)).unwrap()), md5_hex(day[name.as_str()]), "{name}");
    }
    assert_eq!(std::fs::metadata(&part).unwrap().len(), half, "the held transfer left its half in a .part");

    // Second run: finishes the downloads (resuming the held file) and imports.
    let second =
        entente(data.path(), &args(&["--import", "--format", "json"]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    let lines = json_lines(&second);
    let summary = event(&lines, "summary");
    assert_eq!(summary["selected"], 10);
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["skipped"].as_u64().unwrap(), after_kill.len() as u64);
    assert_eq!(summary["downloaded"].as_u64().unwrap(), 10 - after_kill.len() as u64);
    let held_report = lines.iter().find(|v| v["event"] == "file" && v["name"] == held).unwrap();
    assert_eq!(held_report["resumed_from"].as_u64(), Some((day[held].len() / 2) as u64));
    let import = event(&lines, "import");
    assert_eq!((import["files"].as_u64(), import["files_imported"].as_u64()), (Some(10), Some(10)));

    assert_eq!(final_files(&out), day.keys().map(|s| s.to_string()).collect::<BTreeSet<_>>());
    for (name, bytes) in &day {
        assert_eq!(md5_hex(&std::fs::read(out.join(name)).unwrap()), md5_hex(bytes), "{name}");
        assert!(!out.join(format!("{name}.part")).exists());
    }
    let expected_rows: u64 = day.keys().map(|n| rows[*n]).sum();
    let counts = query(data.path(), "SELECT count(*), count(DISTINCT global_event_id) FROM gdelt_events");
    assert_eq!((counts[0].as_u64(), counts[1].as_u64()), (Some(expected_rows), Some(expected_rows)));
    assert_eq!(query(data.path(), "SELECT count(*) FROM gdelt_files")[0].as_u64(), Some(10));

    // Third run: nothing downloaded, nothing imported twice.
    let third =
        entente(data.path(), &args(&["--import", "--format", "json"]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(third.status.success(), "{}", String::from_utf8_lossy(&third.stderr));
    let lines = json_lines(&third);
    assert_eq!(event(&lines, "summary")["skipped"], 10);
    let import = event(&lines, "import");
    assert_eq!((import["files_imported"].as_u64(), import["files_skipped"].as_u64()), (Some(0), Some(10)));
    let again = query(data.path(), "SELECT count(*), count(DISTINCT global_event_id) FROM gdelt_events");
    assert_eq!(again, counts);
}

#[test]
fn the_table_output_names_each_failure_and_the_exit_code_says_so() {
    let Some(exports) = real_exports() else { return };
    let mirror = Mirror::start();
    let (name, bytes) = &exports[0];
    let wrong = "20241022131500.export.CSV.zip";
    let list = format!(
        "{}garbage\n{}",
        master_line(&mirror, name, bytes.len(), &md5_hex(bytes)),
        master_line(&mirror, wrong, bytes.len(), &md5_hex(b"other"))
    );
    mirror.put(&format!("/gdeltv2/{name}"), bytes.clone(), Behaviour::Serve);
    mirror.put(&format!("/gdeltv2/{wrong}"), bytes.clone(), Behaviour::Serve);
    mirror.put("/gdeltv2/masterfilelist.txt", list.into_bytes(), Behaviour::Serve);
    let data = tempfile::tempdir().unwrap();
    let out = entente(
        data.path(),
        &[&ONE_DAY[..], &["--base-url", &mirror.url("/gdeltv2"), "--retries", "1", "--retry-wait-ms", "0"]].concat(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let list_url = mirror.url("/gdeltv2/masterfilelist.txt");
    assert!(stderr.contains(&format!("{list_url}:2: expected SIZE MD5 URL, found 1 field")), "{stderr}");
    assert!(stderr.contains(&format!("{wrong}: try 1 of 2 failed: MD5 mismatch")), "{stderr}");
    assert!(stdout.contains("fetch: 2 files selected of 2 listed (1 line of the list naming no file): 1 downloaded, 0 skipped (already verified), 1 failed"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "failed: {wrong}: MD5 mismatch: the list says {}, the file received has {} (after 2 tries)",
            md5_hex(b"other"),
            md5_hex(bytes)
        )),
        "{stdout}"
    );
    // By default the files go to the data folder.
    let kept = data.path().join("downloads/gdelt-v2").join(name);
    assert_eq!(std::fs::read(kept).unwrap(), *bytes);
    assert!(!data.path().join("downloads/gdelt-v2").join(wrong).exists());
}

fn refused(args: &[&str], expected: &str) {
    let data = tempfile::tempdir().unwrap();
    let out = entente(data.path(), args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} was accepted");
    assert!(err.contains(expected), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_is_refused_with_a_clear_error() {
    let f = ["fetch", "gdelt", "--from", "2024-10-22"];
    let with =
        |extra: &[&'static str]| -> Vec<&'static str> { f.iter().copied().chain(extra.iter().copied()).collect() };
    refused(&with(&["--jobs", "0"]), "--jobs");
    refused(&with(&["--jobs", "33"]), "1..=32");
    refused(&with(&["--timeout", "0"]), "1..=3600");
    refused(&with(&["--retries", "11"]), "0..=10");
    refused(&with(&["--retry-wait-ms", "600001"]), "0..=600000");
    refused(&with(&["--version", "3"]), "1..=2");
    refused(&with(&["--tables", "events,casualties"]), "invalid value 'casualties' for '--tables <TABLES>'");
    refused(&["fetch", "gdelt", "--from", "2024-13-01"], "\"2024-13-01\" is not a date: month 13 is out of range");
    refused(&["fetch", "gdelt", "--from", "last week"], "is not a date");
    refused(&["fetch", "gdelt"], "--from <DATE>");
    refused(&with(&["--to", "2024-10-21"]), "--from 2024-10-22 00:00:00 is after --to 2024-10-21 23:59:59");
    refused(&with(&["--tables", "gkg", "--import"]), "--import takes the events table only");
    refused(&with(&["--version", "1", "--translingual"]), "--translingual is for GDELT 2.0");
    refused(
        &with(&["--version", "1", "--tables", "mentions"]),
        "GDELT 1.0 is fetched for its events only (mentions was asked)",
    );
    refused(
        &with(&["--base-url", "data.gdeltproject.org/gdeltv2"]),
        "the base URL \"data.gdeltproject.org/gdeltv2\" is not an http:// or https:// address",
    );

    // A base URL where nothing answers.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}/gdeltv2/");
    refused(
        &["fetch", "gdelt", "--from", "2024-10-22", "--base-url", &url, "--retries", "0"],
        &format!(
            "error: cannot fetch the file list http://127.0.0.1:{port}/gdeltv2/masterfilelist.txt: the connection was refused"
        ),
    );
}
