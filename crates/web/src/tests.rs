use super::*;
use entente_testkit::http::get;

/// A server on a free port over a store holding the bundled dataset.
struct TestServer {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

fn server() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("entente.db");
    let mut store = Store::open(&db).unwrap();
    let files = entente_ingest::bundled::datasets().remove(0);
    let ds = entente_ingest::parse_dataset(&files, &|_| None).unwrap();
    store.load_dataset(&ds, &files.origin, &files.fingerprint()).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = router(dir.path(), Options::default());
    runtime.spawn(async move { axum::serve(listener, app).await });
    TestServer { addr, _dir: dir, _runtime: runtime }
}

#[test]
fn home_dyad_page_and_json_twin() {
    let s = server();
    let a = get(s.addr, "/");
    assert_eq!(a.status, 200);
    assert!(a.header("content-type").is_some_and(|t| t.contains("text/html")));
    assert!(a.body.contains("/dyad/FRA/KAZ"));

    let a = get(s.addr, "/dyad/FRA/KAZ");
    assert_eq!(a.status, 200);
    assert!(a.body.contains("<svg") && a.body.contains("Bibliography"));

    let a = get(s.addr, "/dyad/FRA/KAZ.json?style=apa");
    assert_eq!(a.status, 200);
    assert!(a.header("content-type").is_some_and(|t| t.contains("application/json")));
    assert!(a.body.contains("\"style\":\"apa\"") && a.body.contains("\"timeline\""));

    let a = get(s.addr, "/index.json");
    assert_eq!(a.status, 200);
    assert!(a.body.contains("\"fra-kaz\""));
}

#[test]
fn the_dyad_page_shows_the_gdelt_series_once_imported() {
    let s = server();
    let body = get(s.addr, "/dyad/FRA/KAZ.json").body;
    assert!(body.contains("\"gdelt\":{"), "{}", &body[..body.len().min(300)]);
    let body = get(s.addr, "/dyad/FRA/KAZ").body;
    assert!(body.contains("entente import gdelt"), "the page says how to import");

    // Import a real GDELT file holding FRA–KAZ events, then the same page draws the series.
    let Some(file) = entente_testkit::shared_data(
        "gdelt/events/v2_15min/oreillyross_GDELT_Downloader/20250110131500.export.CSV.zip",
    ) else {
        return;
    };
    let mut store = Store::open(&s._dir.path().join("entente.db")).unwrap();
    let progress = entente_import::Progress::default();
    let summary = entente_import::import(
        s._dir.path(),
        &mut store,
        &[file],
        &entente_import::ImportOptions::default(),
        &progress,
    )
    .unwrap();
    assert!(summary.rows_stored > 0);
    let body = get(s.addr, "/dyad/FRA/KAZ").body;
    assert!(body.contains("class=\"chart series\""), "no series chart");
    let json = get(s.addr, "/dyad/FRA/KAZ.json").body;
    assert!(json.contains("\"events_stored\":"), "the series carries its source");
}

#[test]
fn any_name_resolves_and_bad_input_gets_clear_errors() {
    let s = server();
    let a = get(s.addr, "/dyad?a=France&b=%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD&lang=kk");
    assert_eq!(a.status, 303);
    assert!(a.header("location").is_some_and(|l| l.starts_with("/dyad/FRA/KAZ?lang=kk")), "{a:?}");
    let a = get(s.addr, "/dyad/Frnace/KAZ.json");
    assert_eq!(a.status, 404);
    assert!(a.body.contains("\"code\":\"unknown_country\"") && a.body.contains("France (FRA)"), "{}", a.body);
    let a = get(s.addr, "/dyad/FRA/FRA");
    assert_eq!(a.status, 400);
    assert!(a.body.contains("two different countries"));
    assert_eq!(get(s.addr, "/dyad/FRA/KAZ?style=mla").status, 400);
    let a = get(s.addr, "/nowhere.json");
    assert_eq!(a.status, 404);
    assert!(a.body.contains("\"not_found\""));
}
