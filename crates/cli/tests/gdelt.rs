//! `entente import gdelt`, `series` and `query` on the real GDELT files in `../shared/data`,
//! checked against an independent count in Python. Missing shared data fails the tests unless
//! the user opts out with `ENTENTE_ALLOW_MISSING=1`, and then they say they were skipped.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{entente, json};
use serde_json::Value;

fn sql(data: &Path, q: &str) -> Vec<Vec<Value>> {
    let v = json(data, &["query", q, "--format", "json", "--max-rows", "100000"]);
    v["rows"].as_array().unwrap().iter().map(|r| r.as_array().unwrap().clone()).collect()
}

/// Counts rows per (Actor1CountryCode, Actor2CountryCode) with Python's zipfile, splitting
/// lines on tabs: an implementation that shares nothing with entente's reader.
fn python_pair_counts(folder: &Path) -> BTreeMap<(String, String), i64> {
    let script = r#"
import sys, os, zipfile, collections, json
counts = collections.Counter()
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(root, name)
        if name.endswith('.export.CSV.zip'):
            with zipfile.ZipFile(path) as z:
                data = z.read(z.namelist()[0])
        elif name.endswith('.export.CSV'):
            data = open(path, 'rb').read()
        else:
            continue
        for line in data.decode('utf-8').split('\n'):
            if not line:
                continue
            f = line.split('\t')
            if len(f) == 61:
                counts[(f[7], f[17])] += 1
print(json.dumps([[a, b, n] for (a, b), n in counts.items()]))
"#;
    let out = Command::new("python3").arg("-c").arg(script).arg(folder).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Vec<(String, String, i64)> = serde_json::from_slice(&out.stdout).unwrap();
    v.into_iter().map(|(a, b, n)| ((a, b), n)).collect()
}

#[test]
fn per_dyad_counts_equal_an_independent_count_and_reimport_is_a_no_op() {
    let Some(folder) = entente_testkit::shared_data("gdelt/events/v2_15min") else { return };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let summary = json(data, &["import", "gdelt", folder.to_str().unwrap(), "--format", "json"]);
    // 76 whole files, 108,185 rows (data/SOURCES.md); MANIFEST.csv is not an export.
    assert_eq!(summary["files"], 76);
    assert_eq!(summary["rows_read"], 108_185);
    assert_eq!(summary["rows_stored"], 108_185);
    assert_eq!(summary["rows_rejected"], 0);
    for f in summary["file_results"].as_array().unwrap() {
        assert_eq!(
            f["rows_read"].as_u64(),
            Some(f["rows_stored"].as_u64().unwrap() + f["rows_rejected"].as_u64().unwrap())
        );
    }

    let expected = python_pair_counts(&folder);
    let rows = sql(
        data,
        "SELECT coalesce(actor1_country_code, ''), coalesce(actor2_country_code, ''), count(*) FROM gdelt_events GROUP BY 1, 2",
    );
    let got: BTreeMap<(String, String), i64> = rows
        .into_iter()
        .map(|r| ((r[0].as_str().unwrap().to_string(), r[1].as_str().unwrap().to_string()), r[2].as_i64().unwrap()))
        .collect();
    assert_eq!(got, expected);

    // The series of FRA–KAZ adds up to the independent counts (FRA and KAZ are their own CAMEO codes).
    let series = json(data, &["series", "France", "Kazakhstan", "--by", "year", "--format", "json"]);
    let sum = |dir: &str| -> i64 {
        series.as_array().unwrap().iter().filter(|r| r["direction"] == dir).map(|r| r["events"].as_i64().unwrap()).sum()
    };
    let pair = |a: &str, b: &str| expected.get(&(a.to_string(), b.to_string())).copied().unwrap_or(0);
    assert_eq!(sum("A>B"), pair("FRA", "KAZ"));
    assert_eq!(sum("B>A"), pair("KAZ", "FRA"));
    assert!(sum("A>B") + sum("B>A") > 0);
    for r in series.as_array().unwrap() {
        for key in ["period", "direction", "events", "articles", "goldstein_mean", "tone_mean"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let involving: i64 = expected.iter().filter(|((a, b), _)| a == "KAZ" || b == "KAZ").map(|(_, n)| n).sum();
    let by_year: i64 = series
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["direction"] == "A>B")
        .map(|r| r["events_involving_b"].as_i64().unwrap())
        .sum();
    assert_eq!(by_year, involving, "events involving KAZ");

    // One year's bounds give that year's rows of the whole series, unchanged.
    let rows = series.as_array().unwrap();
    let busiest = rows.iter().max_by_key(|r| r["events"].as_i64().unwrap()).unwrap();
    let year = busiest["period"].as_str().unwrap();
    let bounded =
        json(data, &["series", "FRA", "KAZ", "--by", "year", "--from", year, "--to", year, "--format", "json"]);
    let that_year: Vec<&Value> = rows.iter().filter(|r| r["period"] == year).collect();
    assert_eq!(bounded.as_array().unwrap().iter().collect::<Vec<_>>(), that_year);

    // The statements bind the pair, the countries and the years: one text for every dyad.
    let shown = json(data, &["series", "France", "Kazakhstan", "--from", "2019", "--show-sql", "--format", "json"]);
    let other = json(data, &["series", "USA", "China", "--show-sql", "--format", "json"]);
    for (s, o) in shown.as_array().unwrap().iter().zip(other.as_array().unwrap()) {
        assert_eq!(s["sql"], o["sql"]);
        assert!(!s["sql"].as_str().unwrap().contains("KAZ"), "{s}");
    }
    assert_eq!(shown[0]["params"], serde_json::json!(["FRA-KAZ", 2019, i32::MAX]));
    assert_eq!(shown[1]["params"], serde_json::json!(["FRA", "KAZ", 2019, i32::MAX]));
    assert_eq!(other[0]["params"][0], "CHN-USA");

    // Importing again changes nothing.
    let before = sql(data, "SELECT count(*), sum(global_event_id) FROM gdelt_events");
    let again = json(data, &["import", "gdelt", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(again["files_imported"], 0);
    assert_eq!(again["files_skipped"], 76);
    assert_eq!(again["rows_read"], 0);
    assert_eq!(sql(data, "SELECT count(*), sum(global_event_id) FROM gdelt_events"), before);
    // Every part the manifest lists is on disk, and nothing else is.
    let parts = sql(data, "SELECT count(*) FROM gdelt_parts")[0][0].as_i64().unwrap();
    assert!(parts > 0);
    assert_eq!(walk_count(&data.join("gdelt/events")), parts as usize);
}

#[test]
fn rejects_are_exact_on_a_corrupted_copy() {
    let Some(original) = entente_testkit::shared_data("gdelt/events/v2_15min/20191024143000.export.CSV") else {
        return;
    };
    let text = std::fs::read(&original).unwrap();
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    assert_eq!(lines.pop(), Some(Vec::new()), "the original ends with a line break");
    assert_eq!(lines.len(), 2111);
    let field = |line: &[u8], i: usize| line.split(|b| *b == b'\t').nth(i).unwrap().to_vec();
    let set_field = |line: &mut Vec<u8>, i: usize, value: &[u8]| {
        let mut fields: Vec<Vec<u8>> = line.split(|b| *b == b'\t').map(<[u8]>::to_vec).collect();
        fields[i] = value.to_vec();
        *line = fields.join(&b'\t');
    };
    // Line numbers are 1-based.
    let tab = lines[4].iter().position(|b| *b == b'\t').unwrap();
    lines[4].remove(tab); // 60 fields
    set_field(&mut lines[9], 0, b""); // empty event id
    set_field(&mut lines[19], 1, b"20190231"); // no such day
    set_field(&mut lines[29], 6, b"caf\xe9"); // Latin-1, not UTF-8
    set_field(&mut lines[39], 30, b"x"); // Goldstein not a number
    lines[99].clear(); // empty line
    let date = field(&lines[49], 1);
    assert_eq!(date.len(), 8);
    let last = lines.len() - 1;
    let cut = lines[last].len() / 2;
    lines[last].truncate(cut); // cut short, no final line break
    let mut corrupted = lines.join(&b'\n');
    corrupted.truncate(corrupted.len()); // last line has no break
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("20191024143000.export.CSV");
    std::fs::write(&file, &corrupted).unwrap();

    let data = dir.path().join("data");
    let summary = json(&data, &["import", "gdelt", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(summary["rows_read"], 2111);
    assert_eq!(summary["rows_rejected"], 7);
    assert_eq!(summary["rows_stored"], 2104);
    let rejects = sql(&data, "SELECT line, reason FROM gdelt_rejects ORDER BY line");
    let got: Vec<(i64, String)> =
        rejects.iter().map(|r| (r[0].as_i64().unwrap(), r[1].as_str().unwrap().to_string())).collect();
    let expected: Vec<(i64, String)> = vec![
        (5, "has 60 fields; GDELT 2.0 rows have 61".into()),
        (10, "empty GLOBALEVENTID".into()),
        (20, "SQLDATE \"20190231\" is not a date (YYYYMMDD)".into()),
        (30, "invalid UTF-8 at byte ".into()),
        (40, "GoldsteinScale \"x\" is not a number".into()),
        (100, "empty line".into()),
        (2111, "truncated last line: the file does not end with a line break".into()),
    ];
    assert_eq!(got.len(), expected.len(), "{got:?}");
    for ((gl, gr), (el, er)) in got.iter().zip(&expected) {
        assert_eq!(gl, el);
        assert!(gr.starts_with(er.as_str()), "line {gl}: {gr}");
    }
    assert_eq!(sql(&data, "SELECT count(*) FROM gdelt_events")[0][0], 2104);
    let stored_lines =
        sql(&data, "SELECT count(*) FROM gdelt_events WHERE source_line IN (5, 10, 20, 30, 40, 100, 2111)");
    assert_eq!(stored_lines[0][0], 0);
}

#[test]
fn gdelt_1_0_rows_of_57_and_58_fields_import() {
    let Some(file) = entente_testkit::shared_data("gdelt/events/v1_export_sample100_mixed57_58cols.CSV") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let summary = json(dir.path(), &["import", "gdelt", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!((summary["rows_read"].as_u64(), summary["rows_stored"].as_u64()), (Some(100), Some(100)));
    assert_eq!(summary["file_results"][0]["version"], 1);
    let rows = sql(dir.path(), "SELECT count(*) FROM gdelt_events WHERE source_url IS NULL");
    assert_eq!(rows[0][0], 40, "the 40 historical rows have no SOURCEURL");
}

#[test]
fn a_killed_import_leaves_no_partial_data_and_a_rerun_gives_identical_totals() {
    let Some(folder) = entente_testkit::shared_data("gdelt/events/v2_15min/oreillyross_GDELT_Downloader") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (killed, clean) = (dir.path().join("killed"), dir.path().join("clean"));
    let args = |data: &Path| -> Vec<String> {
        vec![
            "--data".into(),
            data.display().to_string(),
            "import".into(),
            "gdelt".into(),
            folder.display().to_string(),
            "--threads".into(),
            "1".into(),
            "--chunk-size".into(),
            "1".into(),
            "--format".into(),
            "json".into(),
        ]
    };
    // Make the folder's store first, so the import is the only thing the kill interrupts.
    json(&killed, &["datasets", "--format", "json"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args(&killed))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once some chunks are committed but not all.
    let start = Instant::now();
    let mut committed = 0;
    while start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        let out = entente(&killed, &["query", "SELECT count(*) FROM gdelt_files", "--format", "json"]);
        if out.status.success() {
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            committed = v["rows"][0][0].as_i64().unwrap_or(0);
            if committed > 0 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    eprintln!("killed after {} committed files (exit {status:?})", committed);

    // What is visible is exactly what the manifest lists: no partial chunk.
    let visible = sql(&killed, "SELECT count(*) FROM gdelt_events")[0][0].as_i64().unwrap();
    let listed = sql(&killed, "SELECT coalesce(sum(rows_stored), 0) FROM gdelt_files")[0][0].as_i64().unwrap();
    assert_eq!(visible, listed);
    assert!(listed < 106_074 || committed == 0 || status.success(), "the kill came after the end");

    let rerun = Command::new(env!("CARGO_BIN_EXE_entente")).args(args(&killed)).output().unwrap();
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    let full = Command::new(env!("CARGO_BIN_EXE_entente")).args(args(&clean)).output().unwrap();
    assert!(full.status.success());
    let totals = |data: &Path| {
        (
            sql(data, "SELECT count(*), sum(rows_read), sum(rows_stored), sum(rows_rejected) FROM gdelt_files"),
            sql(data, "SELECT count(*), count(DISTINCT global_event_id), sum(global_event_id) FROM gdelt_events"),
        )
    };
    assert_eq!(totals(&killed), totals(&clean));
    assert_eq!(totals(&clean).1[0][0], 106_074);
    // No orphan part is left behind after the rerun.
    let parts = sql(&killed, "SELECT count(*) FROM gdelt_parts")[0][0].as_i64().unwrap();
    let on_disk = walk_count(&killed.join("gdelt/events"));
    assert_eq!(parts as usize, on_disk);
}

fn walk_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            n += walk_count(&e.path());
        } else {
            n += 1;
        }
    }
    n
}

#[test]
fn the_same_file_zipped_or_renamed_is_not_imported_twice_and_bad_zips_fail_clearly() {
    let Some(original) = entente_testkit::shared_data("gdelt/events/v2_15min/20191024143000.export.CSV") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let zipped = dir.path().join("20191024143000.export.CSV.zip");
    let status = Command::new("python3")
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED); z.write(sys.argv[1], '20191024143000.export.CSV'); z.close()"])
        .arg(&original)
        .arg(&zipped)
        .status()
        .unwrap();
    assert!(status.success());
    let first = json(&data, &["import", "gdelt", zipped.to_str().unwrap(), "--format", "json"]);
    assert_eq!(first["rows_stored"], 2111);
    // The plain file has the same name once `.zip` is dropped: skipped.
    let plain = json(&data, &["import", "gdelt", original.to_str().unwrap(), "--format", "json"]);
    assert_eq!(plain["files_skipped"], 1);
    // The same file under another name: a duplicate, not imported. (Identity is the file's
    // bytes, as GDELT's own file lists give MD5s of the zips.)
    let renamed = dir.path().join("20991231000000.export.CSV.zip");
    std::fs::copy(&zipped, &renamed).unwrap();
    let dup = json(&data, &["import", "gdelt", renamed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(dup["file_results"][0]["outcome"], "duplicate");
    assert_eq!(sql(&data, "SELECT count(*) FROM gdelt_events")[0][0], 2111);
    // A plain file's MD5 is its CSV's, which the shared MANIFEST.csv gives for this file.
    let other = tempfile::tempdir().unwrap();
    json(other.path(), &["import", "gdelt", original.to_str().unwrap(), "--format", "json"]);
    assert_eq!(sql(other.path(), "SELECT md5 FROM gdelt_files")[0][0], "5c9188ac1f9223c13db85c8d625384cb");
    // A zip that is not one fails with its reason, and the exit code says so.
    let bad = dir.path().join("20000101000000.export.CSV.zip");
    std::fs::File::create(&bad).unwrap().write_all(b"not a zip at all").unwrap();
    let out = entente(&data, &["import", "gdelt", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a readable zip"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let missing = entente(&data, &["import", "gdelt", "/no/such/file.CSV"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file or folder"));
}

#[test]
fn query_is_read_only_capped_and_knows_the_curated_tables() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    for statement in [
        "DROP TABLE records",
        "CREATE TABLE x AS SELECT 1",
        "INSERT INTO records VALUES ('a', 'b', 'c', 'd', 'e')",
        "SET datafusion.execution.batch_size = 1",
    ] {
        let out = entente(data, &["query", statement]);
        assert!(!out.status.success(), "{statement} was allowed");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("read-only"),
            "{statement}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let v = json(data, &["query", "SELECT id FROM curated_events ORDER BY id", "--max-rows", "3", "--format", "json"]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["truncated"], true);
    let v = json(data, &["query", "SELECT count(*) AS n FROM gdelt_events", "--format", "json"]);
    assert_eq!(v["rows"][0][0], 0, "an empty events table before any import");
    let v = json(
        data,
        &[
            "query",
            "SELECT country, count(*) FROM event_countries GROUP BY country ORDER BY country",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["rows"][0][0], "FRA");
    let out = entente(data, &["query", "SELECT nope FROM records"]);
    assert!(!out.status.success());
}
