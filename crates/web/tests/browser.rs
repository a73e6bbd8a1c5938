//! The dashboard in a real browser: Debian's Chromium, headless, against a server on
//! loopback. Under `CI=true` a missing Chromium fails the test; elsewhere the test says it
//! was skipped.

#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use entente_store::Store;

struct Server {
    addr: SocketAddr,
    dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("entente.db");
    let mut store = Store::open(&db).unwrap();
    let files = entente_ingest::bundled::datasets().remove(0);
    let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
    store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = entente_web::router(dir.path());
    runtime.spawn(async move { axum::serve(listener, app).await });
    Server { addr, dir, _runtime: runtime }
}

/// Chromium's path, or `None` (and a message) when it is not installed outside CI.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("SKIPPED: Chromium is not installed; install Debian's chromium to run the browser tests");
    }
    found
}

/// Runs headless Chromium with the flags this machine needs, killing it after a minute.
fn run_chromium(bin: &Path, profile: &Path, args: &[String]) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_dyad_page_renders_with_its_charts() {
    let Some(bin) = chromium() else { return };
    let s = server();
    let url = format!("http://{}/dyad/FRA/KAZ", s.addr);
    let dom = run_chromium(&bin, &s.dir.path().join("profile-dom"), &["--dump-dom".into(), url.clone()]);
    assert!(dom.contains("France – Kazakhstan"), "page did not load: {}", &dom[..dom.len().min(500)]);
    assert!(dom.contains("<svg") && dom.contains("class=\"chart timeline\""));
    assert!(dom.contains("id=\"src-kussainova-2021\""));

    let shot = s.dir.path().join("dyad.png");
    run_chromium(
        &bin,
        &s.dir.path().join("profile-shot"),
        &[format!("--screenshot={}", shot.display()), "--window-size=1200,1600".into(), url],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    let pixels = bytes.len() / channels;
    let coloured = bytes
        .chunks(channels)
        .filter(|p| {
            let (r, g, b) = (p[0], p[1], p[2]);
            // The direction colours of the charts (blue and orange), not greys.
            (i32::from(r) - i32::from(b)).abs() > 60 || (i32::from(g) - i32::from(b)).abs() > 60
        })
        .count();
    assert!(info.width >= 1000 && info.height >= 1000, "{}x{}", info.width, info.height);
    assert!(coloured > pixels / 2000, "screenshot looks blank: {coloured} coloured pixels of {pixels}");
}
