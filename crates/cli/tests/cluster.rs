//! `--engine ballista://…`: a Ballista cluster on loopback (one `entente cluster scheduler`
//! and two `entente cluster executor` processes) runs `series`, `query`, `compare` and `index`
//! over the real GDELT files of `../shared/data`, and their answers equal the local engine's
//! row for row; an executor killed (SIGKILL) mid-query ends the query in a clear error or the
//! right answer, within a bound; a cluster without executors ends a series at
//! `--cluster-timeout`; an executor stopped by SIGTERM removes its temporary work folder; an
//! unreachable scheduler is a clear error at once.
//!
//! Every process runs under a wall-clock bound and is killed when the test ends, so a hang
//! fails the test instead of stalling it. Missing shared data fails the tests unless the
//! user opts out with `ENTENTE_ALLOW_MISSING=1`.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

const ENTENTE: &str = env!("CARGO_BIN_EXE_entente");

/// The most any one command may take here (debug build, two shared cores); past it the test
/// fails as a hang.
const BOUND: Duration = Duration::from_secs(240);

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
        "{} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)",
        p.display()
    );
    eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {} is not there", p.display());
    None
}

/// A port free when asked (the listener is closed at once).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Reads a child's output on threads, so a full pipe never blocks it.
fn drain(mut r: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    rx
}

/// Waits for `child` at most `bound`; kills it and returns `None` past it.
fn wait_bounded(mut child: Child, bound: Duration) -> Option<Output> {
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(Output { status, stdout: out.recv().unwrap(), stderr: err.recv().unwrap() });
        }
        if started.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn spawn(data: &Path, args: &[&str]) -> Child {
    Command::new(ENTENTE)
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("ENTENTE_ENGINE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs `entente --data DATA ARGS…` within [`BOUND`].
fn run(data: &Path, args: &[&str]) -> Output {
    let started = Instant::now();
    let out = wait_bounded(spawn(data, args), BOUND)
        .unwrap_or_else(|| panic!("entente {args:?} did not end within {} s", BOUND.as_secs()));
    eprintln!("entente {args:?}: {:.2} s", started.elapsed().as_secs_f64());
    out
}

fn json(data: &Path, args: &[&str]) -> Value {
    let out = run(data, args);
    assert!(out.status.success(), "entente {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Where `a` and `b` differ, if they do: the same shape, strings, integers and nulls, and
/// floating-point numbers equal to 12 significant digits. A sum of floats is rounded
/// differently when its terms are added in another order, as a cluster's partitions add them
/// (a mean of GDELT tones: -1.155551909017497 here, -1.1555519090174973 there).
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            let close = (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0);
            (!close).then(|| format!("{at}: {x} ≠ {y}"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (x, y))| difference(x, y, &format!("{at}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) if x.keys().eq(y.keys()) => {
            x.iter().zip(y.values()).find_map(|((k, x), y)| difference(x, y, &format!("{at}.{k}")))
        }
        _ => (a != b).then(|| format!("{at}: {a} ≠ {b}")),
    }
}

#[track_caller]
fn assert_same(local: &Value, cluster: &Value, what: &str) {
    if let Some(d) = difference(local, cluster, what) {
        panic!("the cluster's answer differs from the local one at {d}");
    }
}

/// A scheduler and executors on loopback, all killed when dropped.
struct Cluster {
    engine: String,
    scheduler: Child,
    executors: Vec<Child>,
    _work: tempfile::TempDir,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for c in self.executors.iter_mut().chain(std::iter::once(&mut self.scheduler)) {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Cluster {
    /// Starts a scheduler (which declares an executor dead after 10 s of silence) and
    /// `executors` executors with two task slots each, and waits until each is registered.
    fn start(executors: usize) -> Cluster {
        let work = tempfile::tempdir().unwrap();
        let mut scheduler = Command::new(ENTENTE)
            .args(["cluster", "scheduler", "--bind", "127.0.0.1:0", "--executor-timeout", "10"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        // The scheduler says where it listens on its first line.
        let (tx, rx) = mpsc::channel();
        let stdout = scheduler.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = tx.send(lines.next());
            for _ in lines {}
        });
        let line = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Some(Ok(line))) => line,
            other => {
                let _ = scheduler.kill();
                panic!("the scheduler did not say where it listens: {other:?}");
            }
        };
        let address = line.strip_prefix("listening on ").unwrap_or_else(|| panic!("{line}")).to_string();
        let mut cluster =
            Cluster { engine: format!("ballista://{address}"), scheduler, executors: Vec::new(), _work: work };
        for i in 0..executors {
            let dir = cluster._work.path().join(format!("executor-{i}"));
            cluster.add_executor(Some(&dir), None);
        }
        cluster
    }

    /// Starts an executor with two task slots, its shuffle files in `work_dir` (else in a
    /// folder of its own under `tmpdir`, its TMPDIR), and waits until it has reached the
    /// scheduler.
    fn add_executor(&mut self, work_dir: Option<&Path>, tmpdir: Option<&Path>) {
        let flight = free_port();
        let address = self.engine.trim_start_matches("ballista://").to_string();
        let bind = format!("127.0.0.1:{flight}");
        let mut command = Command::new(ENTENTE);
        command.args(["cluster", "executor", "--bind", &bind, "--scheduler", &address, "--slots", "2"]);
        if let Some(dir) = work_dir {
            command.arg("--work-dir").arg(dir);
        }
        if let Some(dir) = tmpdir {
            command.env("TMPDIR", dir);
        }
        let child = command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::inherit()).spawn().unwrap();
        self.executors.push(child);
        let i = self.executors.len() - 1;
        // An executor opens its data port once it has reached the scheduler.
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", flight)).is_err() {
            assert!(self.executors[i].try_wait().unwrap().is_none(), "executor {i} exited");
            assert!(started.elapsed() < Duration::from_secs(60), "executor {i} did not start within 60 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A data folder with the 76 GDELT 2.0 files of the shared data imported.
fn imported() -> Option<tempfile::TempDir> {
    let folder = shared("gdelt/events/v2_15min")?;
    let dir = tempfile::tempdir().unwrap();
    let summary = json(dir.path(), &["import", "gdelt", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(summary["rows_stored"], 108_185);
    Some(dir)
}

/// Statements run both ways: GDELT alone, GDELT joined with a manifest table, and curated
/// tables (which travel inside the plan). Each is ordered, so rows compare one by one.
const QUERIES: &[&str] = &[
    "SELECT actor1_iso3, actor2_iso3, count(*) AS n, sum(num_articles) AS articles, round(avg(avg_tone), 9) AS tone \
     FROM gdelt_events WHERE actor1_iso3 IS NOT NULL AND actor2_iso3 IS NOT NULL \
     GROUP BY 1, 2 ORDER BY n DESC, 1, 2",
    "SELECT f.name, count(*) AS n FROM gdelt_events e JOIN gdelt_files f ON e.source_file = f.id \
     GROUP BY f.name ORDER BY f.name",
    "SELECT kind, count(*) AS n FROM records GROUP BY kind ORDER BY kind",
    "SELECT year, quad_class, count(*) AS n FROM gdelt_events GROUP BY 1, 2 ORDER BY 1, 2",
];

#[test]
fn a_loopback_cluster_answers_as_the_local_engine_does() {
    let Some(dir) = imported() else { return };
    let data = dir.path();
    let cluster = Cluster::start(2);
    let engines = ["local", cluster.engine.as_str()];

    for (a, b) in [("FRA", "KAZ"), ("USA", "CHN"), ("RUS", "UKR"), ("GBR", "FRA"), ("ISR", "PSE")] {
        let [local, remote] = engines.map(|e| json(data, &["series", a, b, "--format", "json", "--engine", e]));
        assert!(!local.as_array().unwrap().is_empty(), "{a}–{b}: empty series");
        assert_same(&local, &remote, &format!("series {a} {b}"));
    }
    let by_year =
        engines.map(|e| json(data, &["series", "USA", "CHN", "--by", "year", "--format", "json", "--engine", e]));
    assert_same(&by_year[0], &by_year[1], "series USA CHN --by year");

    for q in QUERIES {
        let [local, remote] = engines.map(|e| json(data, &["query", q, "--format", "json", "--engine", e]));
        let rows = local["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{q}: no rows");
        assert_eq!(local["columns"], remote["columns"], "{q}");
        assert_eq!(rows.len(), remote["rows"].as_array().unwrap().len(), "{q}");
        for (i, (l, r)) in rows.iter().zip(remote["rows"].as_array().unwrap()).enumerate() {
            assert_same(l, r, &format!("{q}: row {i}"));
        }
    }

    // The comparison and the index over the years gather GDELT counts through the engine.
    let compare = engines.map(|e| json(data, &["compare", "KAZ", "--format", "json", "--draws", "200", "--engine", e]));
    assert_same(&compare[0], &compare[1], "compare KAZ");
    let index =
        engines.map(|e| json(data, &["index", "FRA", "KAZ", "--format", "json", "--draws", "200", "--engine", e]));
    assert_same(&index[0], &index[1], "index FRA KAZ");
}

/// A query long enough to be caught running (some 10 s in a debug build): pairs of events
/// where one's first actor is the other's second, of the same QuadClass.
const HEAVY: &str = "SELECT a.actor1_iso3, count(*) AS n FROM gdelt_events a JOIN gdelt_events b \
                     ON a.actor1_iso3 = b.actor2_iso3 AND a.quad_class = b.quad_class AND a.is_root_event = b.is_root_event \
                     GROUP BY 1 ORDER BY n DESC, 1";

/// Whether an executor has begun work on a job: its work folder holds a job's shuffle
/// folder (DataFusion's own spill folders start with `datafusion-`).
fn has_job(work: &Path) -> bool {
    std::fs::read_dir(work)
        .is_ok_and(|entries| entries.flatten().any(|e| !e.file_name().to_string_lossy().starts_with("datafusion-")))
}

#[test]
fn an_executor_killed_mid_query_ends_in_an_error_or_the_right_answer() {
    let Some(dir) = imported() else { return };
    let data = dir.path();
    let expected = json(data, &["query", HEAVY, "--format", "json", "--engine", "local", "--max-rows", "100000"]);
    let mut cluster = Cluster::start(2);
    let args = ["query", HEAVY, "--format", "json", "--timeout", "120", "--max-rows", "100000", "--engine"];
    let started = Instant::now();
    let mut query = spawn(data, &[&args[..], &[cluster.engine.as_str()]].concat());
    // Killed once its first tasks have written shuffle files that later stages need.
    let work = cluster._work.path().join("executor-0");
    while !has_job(&work) {
        assert!(query.try_wait().unwrap().is_none(), "the query ended before executor 0 had work");
        assert!(started.elapsed() < BOUND, "executor 0 got no work within {} s", BOUND.as_secs());
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(query.try_wait().unwrap().is_none(), "the query ended before the kill: make it heavier");
    let mut victim = cluster.executors.remove(0);
    victim.kill().unwrap();
    victim.wait().unwrap();
    eprintln!("executor 0 killed {:.1} s after the query started", started.elapsed().as_secs_f64());
    let out = wait_bounded(query, BOUND)
        .unwrap_or_else(|| panic!("the query did not end within {} s of an executor's death", BOUND.as_secs()));
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("after the kill: {} in {:.1} s; {stderr}", out.status, took.as_secs_f64());
    if out.status.success() {
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_same(&expected["rows"], &got["rows"], "the retried query");
    } else {
        // A clear error: it says the query failed, and why, on one line.
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // The cluster still serves the executor that is left.
    let after = json(data, &["series", "FRA", "KAZ", "--format", "json", "--engine", &cluster.engine]);
    let local = json(data, &["series", "FRA", "KAZ", "--format", "json", "--engine", "local"]);
    assert_same(&local, &after, "series FRA KAZ after the kill");
}

#[test]
fn an_unreachable_scheduler_is_a_clear_error_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let port = free_port();
    let engine = format!("ballista://127.0.0.1:{port}");
    for args in [
        vec!["series", "FRA", "KAZ", "--engine", &engine],
        vec!["query", "SELECT count(*) FROM gdelt_events", "--engine", &engine],
    ] {
        let started = Instant::now();
        let out = run(data, &args);
        assert!(!out.status.success(), "{args:?}");
        assert!(started.elapsed() < Duration::from_secs(30), "{args:?} took {:?}", started.elapsed());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("cannot reach the Ballista scheduler at 127.0.0.1:{port}")), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    // The settings file names the engine when no flag does; a flag wins over it.
    std::fs::write(data.join("entente.toml"), format!("engine = \"{engine}\"\n")).unwrap();
    let out = run(data, &["query", "SELECT 1 AS one", "--format", "json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot reach the Ballista scheduler"));
    let local = json(data, &["query", "SELECT 1 AS one", "--format", "json", "--engine", "local"]);
    assert_eq!(local["rows"], serde_json::json!([[1]]));

    // A bad address, flag or file, says what is expected and where it came from.
    let out = run(data, &["query", "SELECT 1", "--engine", "ballista:/nowhere"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("--engine") && stderr.contains("ballista://HOST:PORT"),
        "{stderr}"
    );
    std::fs::write(data.join("entente.toml"), "engine = \"remote\"\n").unwrap();
    let out = run(data, &["query", "SELECT 1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("entente.toml") && stderr.contains("ballista://HOST:PORT"),
        "{stderr}"
    );
}

/// Sends SIGTERM to `child` (as a service manager stops it) and waits for it at most `bound`.
fn terminate(child: &mut Child, bound: Duration) -> Option<std::process::ExitStatus> {
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success(), "kill -TERM {pid}");
    let started = Instant::now();
    while started.elapsed() < bound {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn a_cluster_without_executors_times_out_and_an_executor_removes_its_temporary_folder() {
    let Some(dir) = imported() else { return };
    let data = dir.path();
    let mut cluster = Cluster::start(0);

    // No executor takes the job: the series fails when its time is up, saying how to wait longer.
    let started = Instant::now();
    let out = run(data, &["series", "FRA", "KAZ", "--engine", &cluster.engine, "--cluster-timeout", "3"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(started.elapsed() >= Duration::from_secs(3), "it gave up before its time: {:?}", started.elapsed());
    assert!(stderr.contains("the cluster did not answer within 3 s"), "{stderr}");
    assert!(stderr.contains("--cluster-timeout"), "{stderr}");

    // An executor started without --work-dir works in a temporary folder, which it removes
    // when stopped.
    let tmp = tempfile::tempdir().unwrap();
    cluster.add_executor(None, Some(tmp.path()));
    let folders = || -> Vec<String> {
        std::fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()
    };
    let during = folders();
    assert!(during.iter().any(|f| f.starts_with("entente-executor-")), "no work folder in TMPDIR: {during:?}");
    // The series runs on it now.
    let series = json(data, &["series", "FRA", "KAZ", "--format", "json", "--engine", &cluster.engine]);
    let local = json(data, &["series", "FRA", "KAZ", "--format", "json", "--engine", "local"]);
    assert_same(&local, &series, "series FRA KAZ on the executor without --work-dir");
    let status = terminate(&mut cluster.executors[0], Duration::from_secs(60)).expect("the executor stops on SIGTERM");
    eprintln!("executor after SIGTERM: {status}");
    let after = folders();
    assert!(!after.iter().any(|f| f.starts_with("entente-executor-")), "the work folder is left behind: {after:?}");
}
