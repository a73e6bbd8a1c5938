//! Crash tests: `entente import gdelt`, `entente import indicators`, `entente load` and
//! `entente compact gdelt`, run as a user would, are killed with SIGKILL at seeded random
//! moments (spread over one clean run's duration), checked as the kill left them, then run
//! again to the end (sometimes killed a second time first). The store must end as one clean,
//! uninterrupted run leaves it: the same rows in every table that matters, the same rows in
//! the Parquet parts, the same rejects, no file the manifest does not list, the lock free.
//! A last test polls the dashboard's API while an import commits and checks that every answer
//! shows one committed state.
//!
//! `ENTENTE_CRASH_SEED` replays a run (the seed is printed when a test fails) and
//! `ENTENTE_CRASH_KILLS` sets the kills per operation (20 by default). The shared data in
//! `../shared/data` must be there unless `ENTENTE_ALLOW_MISSING=1`.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int8Type, Int32Type, Int64Type, TimestampSecondType};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const ENTENTE: &str = env!("CARGO_BIN_EXE_entente");

/// The seed of every operation's random kills: `ENTENTE_CRASH_SEED`, else one from the clock.
fn base_seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| match std::env::var("ENTENTE_CRASH_SEED") {
        Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("ENTENTE_CRASH_SEED={s} is not a number")),
        Err(_) => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64,
    })
}

fn kills() -> usize {
    match std::env::var("ENTENTE_CRASH_KILLS") {
        Ok(s) => s.trim().parse().unwrap_or_else(|_| panic!("ENTENTE_CRASH_KILLS={s} is not a number")),
        Err(_) => 20,
    }
}

/// Says how to replay the run when a test fails (panics) while it is alive.
struct Replay {
    op: &'static str,
    step: String,
}

impl Drop for Replay {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "crash test \"{}\" failed at {}; replay with ENTENTE_CRASH_SEED={} ENTENTE_CRASH_KILLS={}",
                self.op,
                self.step,
                base_seed(),
                kills()
            );
        }
    }
}

fn entente(data: &Path, args: &[OsString]) -> Command {
    let mut c = Command::new(ENTENTE);
    c.arg("--data").arg(data).args(args).stdin(Stdio::null());
    c
}

fn run_ok(data: &Path, args: &[OsString]) -> Vec<u8> {
    let out = entente(data, args).output().unwrap();
    assert!(out.status.success(), "entente {args:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A data folder holding the bundled data, as the first command fills it.
fn base_store(dir: &Path) -> PathBuf {
    let data = dir.join("base");
    run_ok(&data, &os(&["datasets", "--format", "json"]));
    data
}

/// Starts `args` on `data`, kills it (SIGKILL) after `delay`, and says whether it was still
/// running then.
fn run_and_kill(data: &Path, args: &[OsString], delay: Duration) -> bool {
    let mut child = entente(data, args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

// ---------------------------------------------------------------------------------------
// What a data folder holds, read without entente: the SQLite tables and the Parquet parts.

/// Tables compared between stores: (name, key, columns, from, order). Each table's rows are
/// grouped by `key` (a dataset, a GDELT file's name; numbers that differ between runs, such
/// as a file's id, are left out) and each group's rows are joined in `order` by SQLite, which
/// is quick even in a debug build. The first [`AFTER_KILL`] are also read after each kill.
const TABLES: &[(&str, &str, &str, &str, &str)] = &[
    ("datasets", "id", "title, licence, origin, fingerprint", "datasets", "id"),
    ("records", "dataset", "id, kind, body_hash", "records", "id"),
    ("import_rejects", "dataset", "file, line, reason, excerpt", "import_rejects", "file, line, reason, excerpt"),
    ("gdelt_files", "name", "path, size, md5, version, rows_read, rows_stored, rows_rejected", "gdelt_files", "name"),
    (
        "gdelt_rejects",
        "f.name",
        "r.line, r.reason, r.excerpt",
        "gdelt_rejects r JOIN gdelt_files f ON f.id = r.file_id",
        "r.line",
    ),
    // The projections a record's write keeps beside it.
    ("citations", "''", "record_id, ord, source_id, locator, quote, reference_id", "citations", "record_id, ord"),
    (
        "observations",
        "''",
        "id, indicator, country, from_country, to_country, period, value, unit",
        "observations",
        "id",
    ),
    ("events", "''", "id, kind, status, date, host, programme", "events", "id"),
    ("event_countries", "''", "event_id, country, role", "event_countries", "event_id, country, role"),
    ("event_domains", "''", "event_id, domain", "event_domains", "event_id, domain"),
    ("event_actors", "''", "event_id, actor_id, role", "event_actors", "event_id, actor_id, role"),
    ("search", "''", "record_id, lang, text", "search", "record_id, lang, text"),
    ("candidates", "''", "id, state", "candidates", "id"),
];

/// How many of [`TABLES`] a check after a kill reads.
const AFTER_KILL: usize = 5;

/// Separates the rows of a group.
const ROW: char = '\u{1e}';

/// One stored GDELT row: its line in its file and its GlobalEventID.
type LakeRow = (i64, i64);

#[derive(Debug, Default, PartialEq)]
struct Lake {
    /// Rows by the name of the file they came from, sorted.
    rows: BTreeMap<String, Vec<LakeRow>>,
    /// Per file, a digest of every value of its rows but `source_file` (a number that
    /// depends on the order files were committed in). Read with all tables only.
    digests: BTreeMap<String, u64>,
    /// The parts' rollups summed: events per (country, month). Read with all tables only.
    counts: BTreeMap<(String, i32), i64>,
    /// Parts and rows per year.
    layout: BTreeMap<i64, (usize, i64)>,
    /// Paths the manifest lists (parts and their rollups).
    listed: BTreeSet<String>,
}

#[derive(Debug)]
struct State {
    /// Table → key → the group's rows, joined.
    tables: BTreeMap<&'static str, BTreeMap<String, String>>,
    lake: Lake,
    /// Imports the log still marks as running.
    running_imports: i64,
}

/// The manifest's file names by id.
fn file_names(conn: &rusqlite::Connection) -> BTreeMap<i64, String> {
    conn.prepare("SELECT id, name FROM gdelt_files")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Reads a data folder: the store must open and pass SQLite's checks, and every part the
/// manifest lists must be there, whole, with the rows it says. Without `all`, only the
/// first [`AFTER_KILL`] tables are read.
fn read_state(data: &Path, all: bool) -> State {
    let db = data.join("entente.db");
    assert!(db.is_file(), "{} is missing", db.display());
    let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{}: {e}", db.display()));
    if !all {
        // Where a torn write would show: right after a kill.
        let integrity: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "{}", db.display());
    }
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(broken, 0, "{}: broken references", db.display());
    let mut tables = BTreeMap::new();
    for (name, key, columns, from, order) in &TABLES[..if all { TABLES.len() } else { AFTER_KILL }] {
        let row: Vec<String> = columns.split(", ").map(|c| format!("quote({c})")).collect();
        let sql = format!(
            "SELECT {key}, group_concat(concat_ws(char(31), {}), char(30) ORDER BY {order}) FROM {from} GROUP BY 1",
            row.join(", ")
        );
        let groups: BTreeMap<String, String> = conn
            .prepare(&sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        tables.insert(*name, groups);
    }
    let running_imports =
        conn.query_row("SELECT count(*) FROM gdelt_imports WHERE status = 'running'", [], |r| r.get(0)).unwrap();

    let names = file_names(&conn);
    let stored: i64 =
        conn.query_row("SELECT coalesce(sum(rows_stored), 0) FROM gdelt_files", [], |r| r.get(0)).unwrap();
    let parts: Vec<(String, String, i64, i64)> = conn
        .prepare("SELECT path, counts_path, year, rows FROM gdelt_parts ORDER BY path")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);

    let mut lake = Lake::default();
    let mut ids = BTreeSet::new();
    // After a kill, which rows are visible is what matters: three columns are enough.
    let columns: Option<&[&str]> = if all { None } else { Some(&["global_event_id", "source_file", "source_line"]) };
    for (path, counts_path, year, rows) in &parts {
        lake.listed.insert(path.clone());
        lake.listed.insert(counts_path.clone());
        let layout = lake.layout.entry(*year).or_default();
        layout.0 += 1;
        layout.1 += rows;
        let mut read = 0;
        for batch in read_parquet(&data.join(path), columns) {
            read += batch.num_rows() as i64;
            for (file, row, digest) in lake_rows(&batch, all) {
                let name =
                    names.get(&file).unwrap_or_else(|| panic!("{path}: a row of file {file}, not in the manifest"));
                assert!(ids.insert(row.1), "GlobalEventID {} is stored twice (again in {path})", row.1);
                lake.rows.entry(name.clone()).or_default().push(row);
                if all {
                    let d = lake.digests.entry(name.clone()).or_default();
                    *d = d.wrapping_add(digest);
                }
            }
        }
        assert_eq!(read, *rows, "{path} holds {read} rows; the manifest says {rows}");
        if !all {
            assert!(data.join(counts_path).is_file(), "{counts_path} is listed but missing");
            continue;
        }
        for batch in read_parquet(&data.join(counts_path), None) {
            let country = batch.column_by_name("country").unwrap().as_string::<i32>();
            let month = batch.column_by_name("month_year").unwrap().as_primitive::<Int32Type>();
            let events = batch.column_by_name("events").unwrap().as_primitive::<Int64Type>();
            for i in 0..batch.num_rows() {
                *lake.counts.entry((country.value(i).to_string(), month.value(i))).or_default() += events.value(i);
            }
        }
    }
    for rows in lake.rows.values_mut() {
        rows.sort_unstable();
    }
    assert_eq!(ids.len() as i64, stored, "the parts hold {} rows; the manifest's files say {stored}", ids.len());
    State { tables, lake, running_imports }
}

/// The batches of a Parquet file, all columns or only `columns`.
fn read_parquet(path: &Path, columns: Option<&[&str]>) -> Vec<RecordBatch> {
    let file = File::open(path).unwrap_or_else(|e| panic!("{} is listed but cannot be opened: {e}", path.display()));
    ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| match columns {
            Some(names) => {
                let mask = ProjectionMask::columns(b.parquet_schema(), names.iter().copied());
                b.with_projection(mask).build()
            }
            None => b.build(),
        })
        .unwrap_or_else(|e| panic!("{} is not a whole Parquet file: {e}", path.display()))
        .map(|b| b.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Mixes one value into a row's digest.
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Each row of a batch as (source_file, (line, id), digest of all values but source_file;
/// zero without `digest`).
fn lake_rows(batch: &RecordBatch, digest: bool) -> Vec<(i64, LakeRow, u64)> {
    let schema = batch.schema();
    let col = |name: &str| batch.column(schema.index_of(name).unwrap());
    let id = col("global_event_id").as_primitive::<Int64Type>();
    let file = col("source_file").as_primitive::<Int32Type>();
    let line = col("source_line").as_primitive::<Int32Type>();
    let mut digests = vec![0u64; batch.num_rows()];
    for (field, column) in schema.fields().iter().zip(batch.columns()).filter(|_| digest) {
        if field.name() == "source_file" {
            continue;
        }
        // Each value as a number: integers and floats by their bits, text by a hash.
        let values: Vec<u64> = match column.data_type() {
            DataType::Int64 => column.as_primitive::<Int64Type>().values().iter().map(|v| *v as u64).collect(),
            DataType::Int32 => column.as_primitive::<Int32Type>().values().iter().map(|v| *v as u64).collect(),
            DataType::Int8 => column.as_primitive::<Int8Type>().values().iter().map(|v| *v as u64).collect(),
            DataType::Float64 => column.as_primitive::<Float64Type>().values().iter().map(|v| v.to_bits()).collect(),
            DataType::Date32 => column.as_primitive::<Date32Type>().values().iter().map(|v| *v as u64).collect(),
            DataType::Timestamp(_, _) => {
                column.as_primitive::<TimestampSecondType>().values().iter().map(|v| *v as u64).collect()
            }
            DataType::Boolean => (0..column.len()).map(|i| u64::from(column.as_boolean().value(i))).collect(),
            DataType::Utf8 => {
                let text = column.as_string::<i32>();
                (0..text.len())
                    .map(|i| {
                        let mut h = DefaultHasher::new();
                        text.value(i).hash(&mut h);
                        h.finish()
                    })
                    .collect()
            }
            other => panic!("column {} has type {other}, which this test does not compare", field.name()),
        };
        for (i, d) in digests.iter_mut().enumerate() {
            // A null hides whatever value sits under it.
            *d = mix(*d, if column.is_null(i) { u64::MAX } else { values[i] });
        }
    }
    (0..batch.num_rows())
        .map(|i| (i64::from(file.value(i)), (i64::from(line.value(i)), id.value(i)), digests[i]))
        .collect()
}

/// Every file in a data folder, by its path inside it.
fn files_in(data: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![data.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(data).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Files that should not be there once a command has run to its end: anything but the
/// store, the import lock and the parts the manifest lists (a killed run's parts, temporary
/// files, a journal SQLite did not fold back). Listed before the test opens the store,
/// since closing it would fold the journal.
fn leftovers(files: Vec<String>, lake: &Lake) -> Vec<String> {
    files.into_iter().filter(|f| f != "entente.db" && f != "gdelt/.import.lock" && !lake.listed.contains(f)).collect()
}

/// The import lock, if there is one, is free: a killed process holds nothing.
fn assert_lock_free(data: &Path) {
    let path = data.join("gdelt/.import.lock");
    if path.exists() {
        let file = File::options().write(true).open(&path).unwrap();
        assert!(file.try_lock().is_ok(), "{} is still locked", path.display());
        file.unlock().unwrap();
    }
}

/// Says how two groups of rows differ: counts and a few rows only one has.
fn row_diff(got: Option<&String>, want: Option<&String>) -> String {
    let rows = |s: Option<&String>| -> BTreeSet<String> {
        s.map(|s| s.split(ROW).map(String::from).collect()).unwrap_or_default()
    };
    let (g, w) = (rows(got), rows(want));
    let extra: Vec<&String> = g.difference(&w).take(3).collect();
    let missing: Vec<&String> = w.difference(&g).take(3).collect();
    format!("{} rows against {}; extra {extra:?}, missing {missing:?}", g.len(), w.len())
}

/// Says where a store differs from the clean run's, table by table.
fn differences(got: &State, want: &State, layout: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (name, groups) in &want.tables {
        let Some(other) = got.tables.get(name) else { continue };
        let keys: BTreeSet<&String> = groups.keys().chain(other.keys()).collect();
        for k in keys {
            if other.get(k) != groups.get(k) {
                out.push(format!("{name} [{k}]: {}", row_diff(other.get(k), groups.get(k))));
            }
        }
    }
    for (file, rows) in &want.lake.rows {
        match got.lake.rows.get(file) {
            Some(r) if r == rows => {}
            Some(r) => out.push(format!("lake rows of {file}: {} stored, clean run {}", r.len(), rows.len())),
            None => out.push(format!("lake rows of {file}: none stored, clean run {}", rows.len())),
        }
    }
    for file in got.lake.rows.keys().filter(|f| !want.lake.rows.contains_key(*f)) {
        out.push(format!("lake rows of {file}: stored, not in the clean run"));
    }
    for (file, digest) in &want.lake.digests {
        if got.lake.digests.get(file).is_some_and(|d| d != digest) {
            out.push(format!("lake rows of {file}: the same lines and ids, other values"));
        }
    }
    if got.lake.counts != want.lake.counts {
        out.push("the parts' rollups of events per country and month differ".into());
    }
    if layout && got.lake.layout != want.lake.layout {
        out.push(format!("parts per year: {:?}, clean run {:?}", got.lake.layout, want.lake.layout));
    }
    out
}

/// What a kill may leave: each dataset as it was before the command or as the clean run
/// leaves it, never in between; and only whole GDELT files, each with exactly the rows and
/// rejects the clean run stores for it.
fn partial_problems(got: &State, before: &State, clean: &State) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["datasets", "records", "import_rejects"] {
        let (g, b, c) = (&got.tables[table], &before.tables[table], &clean.tables[table]);
        let keys: BTreeSet<&String> = g.keys().chain(b.keys()).chain(c.keys()).collect();
        for k in keys {
            if g.get(k) != b.get(k) && g.get(k) != c.get(k) {
                out.push(format!(
                    "{table} of dataset {k}: neither as before ({}) nor as after a clean run ({})",
                    row_diff(g.get(k), b.get(k)),
                    row_diff(g.get(k), c.get(k))
                ));
            }
        }
    }
    let (files, rejects) = (&got.tables["gdelt_files"], &got.tables["gdelt_rejects"]);
    for (name, row) in files {
        if clean.tables["gdelt_files"].get(name) != Some(row) && before.tables["gdelt_files"].get(name) != Some(row) {
            out.push(format!("gdelt_files: {name} is recorded as no clean run records it: {row}"));
        }
        if rejects.get(name) != clean.tables["gdelt_rejects"].get(name) {
            out.push(format!(
                "gdelt_rejects of {name}: {}",
                row_diff(rejects.get(name), clean.tables["gdelt_rejects"].get(name))
            ));
        }
    }
    for (name, rows) in &got.lake.rows {
        if clean.lake.rows.get(name) != Some(rows) && before.lake.rows.get(name) != Some(rows) {
            out.push(format!("lake rows of {name} differ from the clean run's"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The crash loop.

/// How many kills an operation took, and how many landed while it ran.
struct CrashReport {
    kills: usize,
    interrupted: usize,
    double_kills: usize,
}

/// Runs `args` once cleanly on a copy of `before` (timing it), then `kills()` times: a fresh
/// copy, a run killed after a random delay up to 1.2 × the clean duration, sometimes a second
/// killed run, then a run to the end, each state checked against the clean run's. Returns
/// the clean run's store.
fn crash(op: &'static str, salt: u64, before: &Path, args: &[OsString], work: &Path, layout: bool) -> State {
    let mut replay = Replay { op, step: "the clean run".into() };
    let clean_dir = work.join(format!("{op}-clean").replace(' ', "-"));
    copy_dir(before, &clean_dir);
    let started = Instant::now();
    run_ok(&clean_dir, args);
    let clean_time = started.elapsed();
    let files = files_in(&clean_dir);
    let clean = read_state(&clean_dir, true);
    assert_eq!(leftovers(files, &clean.lake), Vec::<String>::new(), "after the clean run");
    assert_eq!(clean.running_imports, 0);
    let initial = read_state(before, true);
    assert!(!differences(&clean, &initial, layout).is_empty(), "{op} changes nothing: the test would prove nothing");

    let mut rng = ChaCha8Rng::seed_from_u64(base_seed() ^ salt);
    let max_ms = (clean_time.as_millis() as u64 * 6 / 5).max(1);
    let mut report = CrashReport { kills: 0, interrupted: 0, double_kills: 0 };
    let slug = op.replace(' ', "-");
    for trial in 0..kills() {
        let dir = work.join(format!("{slug}-{trial}"));
        copy_dir(before, &dir);
        let mut delays = vec![rng.random_range(0..=max_ms)];
        if rng.random_bool(0.25) {
            delays.push(rng.random_range(0..=max_ms));
            report.double_kills += 1;
        }
        for (n, ms) in delays.iter().enumerate() {
            replay.step = format!("kill {} of trial {trial} ({ms} ms after the start)", n + 1);
            let interrupted = run_and_kill(&dir, args, Duration::from_millis(*ms));
            report.kills += 1;
            report.interrupted += usize::from(interrupted);
            assert_lock_free(&dir);
            // The store is read from a copy, so that the next run finds what the kill left
            // (SQLite's journal included) and recovers from it itself.
            let copy = work.join(format!("{slug}-{trial}-killed"));
            copy_dir(&dir, &copy);
            let state = read_state(&copy, false);
            std::fs::remove_dir_all(&copy).unwrap();
            let problems = partial_problems(&state, &initial, &clean);
            assert!(problems.is_empty(), "after {}:\n{}", replay.step, problems.join("\n"));
        }
        replay.step = format!("the run after trial {trial}'s kills at {delays:?} ms");
        run_ok(&dir, args);
        let files = files_in(&dir);
        let state = read_state(&dir, true);
        let problems = differences(&state, &clean, layout);
        assert!(problems.is_empty(), "after {}:\n{}", replay.step, problems.join("\n"));
        assert_eq!(leftovers(files, &state.lake), Vec::<String>::new(), "files left after {}", replay.step);
        assert_eq!(state.running_imports, 0, "an import is still marked running after {}", replay.step);
        assert_lock_free(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    eprintln!(
        "{op}: clean run {:.2} s; {} kills ({} while it ran, {} trials killed twice), seed {}",
        clean_time.as_secs_f64(),
        report.kills,
        report.interrupted,
        report.double_kills,
        base_seed()
    );
    clean
}

// ---------------------------------------------------------------------------------------
// The operations.

/// Seven small real GDELT 2.0 exports (zipped) and a copy of a plain sample with damaged
/// lines, so rejects are stored too. With `--chunk-size 1` they make three chunks.
fn gdelt_inputs(dir: &Path) -> Option<Vec<OsString>> {
    let folder = entente_testkit::shared_data("gdelt/events/v2_15min/oreillyross_GDELT_Downloader")?;
    let sample = entente_testkit::shared_data("gdelt/events/v2_export_sample100.CSV")?;
    let inputs = dir.join("gdelt-inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let mut files = Vec::new();
    for stamp in [
        "20250104161500",
        "20250104163000",
        "20250104164500",
        "20250104170000",
        "20250107100000",
        "20250107101500",
        "20250207084500",
    ] {
        let name = format!("{stamp}.export.CSV.zip");
        std::fs::copy(folder.join(&name), inputs.join(&name)).unwrap();
        files.push(inputs.join(&name));
    }
    let text = std::fs::read(&sample).unwrap();
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    assert_eq!(lines.pop(), Some(Vec::new()), "the sample ends with a line break");
    let tab = lines[4].iter().position(|b| *b == b'\t').unwrap();
    lines[4].remove(tab); // 60 fields
    lines[9] = lines[9].splitn(2, |b| *b == b'\t').nth(1).map(|rest| [b"\t", rest].concat()).unwrap(); // no id
    lines[19].extend_from_slice(b"\xe9"); // not UTF-8
    let last = lines.len() - 1;
    let cut = lines[last].len() / 2;
    lines[last].truncate(cut); // cut short
    let damaged = inputs.join("v2_export_sample100.CSV");
    std::fs::write(&damaged, lines.join(&b'\n')).unwrap();
    files.push(damaged);
    Some(files.into_iter().map(OsString::from).collect())
}

fn gdelt_import_args(inputs: &[OsString], threads: &str, compact: bool) -> Vec<OsString> {
    let mut args = os(&["import", "gdelt"]);
    args.extend(inputs.iter().cloned());
    args.extend(os(&["--threads", threads, "--chunk-size", "1", "--part-rows", "1000", "--format", "json"]));
    if !compact {
        args.push("--no-compact".into());
    }
    args
}

#[test]
fn a_gdelt_import_killed_anywhere_then_rerun_ends_as_a_clean_run() {
    let work = tempfile::tempdir().unwrap();
    let Some(inputs) = gdelt_inputs(work.path()) else { return };
    let before = base_store(work.path());
    // Two threads, so chunks may commit out of order; the import compacts at its end.
    let args = gdelt_import_args(&inputs, "2", true);
    let clean = crash("import gdelt", 1, &before, &args, work.path(), true);
    assert_eq!(clean.tables["gdelt_files"].len(), 8);
    let rejects = &clean.tables["gdelt_rejects"]["v2_export_sample100.CSV"];
    assert_eq!(rejects.split(ROW).count(), 4, "the damaged lines: {rejects}");
}

#[test]
fn a_compaction_killed_anywhere_then_rerun_ends_as_a_clean_run() {
    let work = tempfile::tempdir().unwrap();
    let Some(inputs) = gdelt_inputs(work.path()) else { return };
    let before = base_store(work.path());
    // Many small parts in several years: a part every 1000 rows, three chunks, no merging.
    run_ok(&before, &gdelt_import_args(&inputs, "1", false));
    let parts = read_state(&before, false).lake.layout;
    assert!(parts.values().filter(|(n, _)| *n > 1).count() >= 2, "too few years to merge: {parts:?}");
    let clean = crash("compact gdelt", 2, &before, &os(&["compact", "gdelt", "--format", "json"]), work.path(), true);
    assert!(clean.lake.layout.values().all(|(n, _)| *n == 1), "{:?}", clean.lake.layout);
}

#[test]
fn an_indicator_import_killed_anywhere_then_rerun_ends_as_a_clean_run() {
    let work = tempfile::tempdir().unwrap();
    // Two feeds, each loaded in one transaction over the bundled subset it replaces:
    // AidData's Chinese public diplomacy (69 rows rejected) and the U.S. mission status
    // ranges (569 observations added, 51 rows rejected).
    let mut args = os(&["import", "indicators"]);
    for rel in [
        "dyadic/china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv",
        "dyadic/us_mission_status_kenkel/mission_status_range_cow_v0.1.csv",
    ] {
        let Some(file) = entente_testkit::shared_data(rel) else { return };
        args.push(file.into());
    }
    args.extend(os(&["--format", "json"]));
    let before = base_store(work.path());
    let clean = crash("import indicators", 3, &before, &args, work.path(), false);
    let rejects = &clean.tables["import_rejects"];
    for (dataset, n) in [("aiddata-china-public-diplomacy", 69), ("us-mission-status-cow", 51)] {
        assert_eq!(rejects[dataset].split(ROW).count(), n, "{dataset}");
    }
}

/// A copy of the France–Kazakhstan dataset as another dataset: its id and every record id
/// prefixed, references included.
fn dataset_copy(to: &Path, prefix: &str) -> PathBuf {
    let from = entente_testkit::repo("dataset/fra-kaz");
    let dir = to.join(format!("fra-kaz-{prefix}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for e in std::fs::read_dir(&from).unwrap() {
        let e = e.unwrap();
        texts.insert(e.file_name().to_string_lossy().to_string(), std::fs::read_to_string(e.path()).unwrap());
    }
    let mut ids = BTreeSet::new();
    for (name, text) in &texts {
        if name.ends_with(".toml") && name != "dataset.toml" {
            for line in text.lines() {
                if let Some(id) = line.strip_prefix("id = \"").and_then(|r| r.strip_suffix('"')) {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    for (name, text) in &mut texts {
        if name == "dataset.toml" {
            *text = text.replace("id = \"fra-kaz\"", &format!("id = \"fra-kaz-{prefix}\""));
        } else if name.ends_with(".toml") {
            for id in &ids {
                *text = text.replace(&format!("\"{id}\""), &format!("\"{prefix}-{id}\""));
            }
        } else if name.ends_with(".csv") {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(reader.headers().unwrap()).unwrap();
            for record in reader.records() {
                let record = record.unwrap();
                let fields: Vec<String> = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| if i == 0 || ids.contains(f) { format!("{prefix}-{f}") } else { f.to_string() })
                    .collect();
                writer.write_record(&fields).unwrap();
            }
            *text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        }
    }
    // Every record file but the dataset's own is TOML today; a CSV file is renamed the same way.
    assert!(ids.len() > 50, "{} ids found", ids.len());
    for (name, text) in &texts {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_curated_load_killed_anywhere_then_rerun_ends_as_a_clean_run() {
    let work = tempfile::tempdir().unwrap();
    // Three datasets, each its own transaction.
    let mut args = os(&["load"]);
    for prefix in ["a", "b", "c"] {
        args.push(dataset_copy(work.path(), prefix).into());
    }
    args.extend(os(&["--format", "json"]));
    let before = base_store(work.path());
    let clean = crash("load", 4, &before, &args, work.path(), false);
    let records = &clean.tables["records"];
    for prefix in ["a", "b", "c"] {
        assert_eq!(records[&format!("fra-kaz-{prefix}")].split(ROW).count(), records["fra-kaz"].split(ROW).count());
    }
}

// ---------------------------------------------------------------------------------------
// The dashboard during an import.

/// The server, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One GET on its own connection: status and body; an error while the server is not up.
fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let a = entente_testkit::http::try_get(std::net::SocketAddr::from(([127, 0, 0, 1], port)), path)?;
    Ok((a.status, a.body))
}

/// A GDELT row's actor pair and the countries of its two actors.
type Actors = (Option<String>, Option<String>, Option<String>);

/// What a series answer shows: files, events stored, the pair's events, events involving A.
type Shown = (u64, i64, i64, i64);

fn shown(v: &Value) -> Shown {
    let rows = v["rows"].as_array().unwrap();
    let pair: i64 = rows.iter().map(|r| r["events"].as_i64().unwrap()).sum();
    let involving_a: i64 =
        rows.iter().filter(|r| r["direction"] == "A>B").map(|r| r["events_involving_a"].as_i64().unwrap()).sum();
    (v["source"]["files"].as_u64().unwrap(), v["source"]["events_stored"].as_i64().unwrap(), pair, involving_a)
}

#[test]
fn the_dashboard_answers_from_one_committed_state_while_an_import_runs() {
    let _replay = Replay { op: "serve during import gdelt", step: "polling".into() };
    let work = tempfile::tempdir().unwrap();
    let Some(inputs) = gdelt_inputs(work.path()) else { return };
    let before = base_store(work.path());
    // One thread: chunks commit in file order, so the committed states are the prefixes
    // of the files by name, each at a chunk's end.
    let args = gdelt_import_args(&inputs, "1", true);

    // A clean run says what each file adds: rows, and for the pair with most events, its
    // events and the events involving its first country.
    let reference = work.path().join("reference");
    copy_dir(&before, &reference);
    run_ok(&reference, &args);
    let lake = read_state(&reference, false).lake;
    let conn = rusqlite::Connection::open(reference.join("entente.db")).unwrap();
    let names = file_names(&conn);
    let mut pairs: BTreeMap<String, i64> = BTreeMap::new();
    let mut per_file: BTreeMap<String, Vec<Actors>> = BTreeMap::new();
    for path in lake.listed.iter().filter(|p| p.starts_with("gdelt/events/")) {
        for batch in
            read_parquet(&reference.join(path), Some(&["actor_pair", "actor1_iso3", "actor2_iso3", "source_file"]))
        {
            let schema = batch.schema();
            let text = |name: &str| {
                let c = batch.column(schema.index_of(name).unwrap()).as_string::<i32>();
                (0..c.len()).map(|i| c.is_valid(i).then(|| c.value(i).to_string())).collect::<Vec<_>>()
            };
            let (pair, a1, a2) = (text("actor_pair"), text("actor1_iso3"), text("actor2_iso3"));
            let file = batch.column(schema.index_of("source_file").unwrap()).as_primitive::<Int32Type>();
            for i in 0..batch.num_rows() {
                if let (Some(p), Some(x), Some(y)) = (&pair[i], &a1[i], &a2[i])
                    && x != y
                {
                    *pairs.entry(p.clone()).or_default() += 1;
                }
                let name = names[&i64::from(file.value(i))].clone();
                per_file.entry(name).or_default().push((pair[i].clone(), a1[i].clone(), a2[i].clone()));
            }
        }
    }
    let (pair, _) = pairs.iter().max_by_key(|(p, n)| (**n, std::cmp::Reverse((*p).clone()))).unwrap();
    let (a, b) = pair.split_once('-').unwrap();
    // The states a reader may see: after k files (in name order) are committed.
    let mut states: BTreeMap<u64, Shown> = BTreeMap::from([(0, (0, 0, 0, 0))]);
    let mut total = (0u64, 0i64, 0i64, 0i64);
    for rows in per_file.values() {
        total.0 += 1;
        total.1 += rows.len() as i64;
        total.2 += rows.iter().filter(|(p, _, _)| p.as_deref() == Some(pair.as_str())).count() as i64;
        total.3 += rows.iter().filter(|(_, x, y)| x.as_deref() == Some(a) || y.as_deref() == Some(a)).count() as i64;
        states.insert(total.0, total);
    }

    let data = work.path().join("served");
    copy_dir(&before, &data);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut server = Server(
        entente(&data, &os(&["serve", "--addr", &format!("127.0.0.1:{port}")]))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("/api/v1/dyads/{a}/{b}/series");
    loop {
        if let Ok((200, _)) = get(port, "/health") {
            break;
        }
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!("the server stopped ({status}) before it answered");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let check = |answer: &(u16, String)| -> Shown {
        assert_eq!(answer.0, 200, "{url}: {}", answer.1);
        let v: Value = serde_json::from_str(&answer.1).unwrap();
        assert_eq!(v["dyad"]["a"], a, "{url}: the pair's first country");
        let got = shown(&v);
        assert_eq!(
            states.get(&got.0),
            Some(&got),
            "{url} shows a state no commit made (files, events, pair, involving {a})"
        );
        got
    };
    assert_eq!(check(&get(port, &url).unwrap()), (0, 0, 0, 0));

    let mut import = entente(&data, &args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut seen: Vec<Shown> = Vec::new();
    let mut answers = 0;
    loop {
        let finished = import.try_wait().unwrap().is_some();
        let got = check(&get(port, &url).unwrap());
        answers += 1;
        if let Some(last) = seen.last() {
            assert!(got.0 >= last.0, "{url} went back from {last:?} to {got:?}");
        }
        if seen.last() != Some(&got) {
            seen.push(got);
        }
        if finished {
            break;
        }
        // Often enough to see every commit, without taking the import's processor.
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = import.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(check(&get(port, &url).unwrap()), total, "after the import");
    eprintln!(
        "dashboard: {answers} answers during the import, states seen (files, events, {pair}, involving {a}): {seen:?}"
    );
    drop(server);
}
