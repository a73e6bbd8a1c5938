//! The dashboard in a real browser: Debian's Chromium, headless, driven over WebDriver by
//! Debian's chromedriver, against a server on loopback. A person's path through the pages
//! (home → pair → record → source), a search with facets, the charts on screen, a country's
//! partners compared and a pair's diagnosis, and text from the data never running as script.
//! A missing browser fails the tests unless the user opts out with `ENTENTE_ALLOW_MISSING=1`.

#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use common::{Server, get, request, server};
use serde_json::{Value, json};

/// chromedriver and Chromium, or `None` (and a message) when absent outside CI.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let find = |var: &str, paths: &[&str]| {
        std::env::var_os(var).map(PathBuf::from).into_iter().chain(paths.iter().map(PathBuf::from)).find(|p| p.exists())
    };
    let chromium = find("CHROMIUM", &["/usr/bin/chromium", "/usr/bin/chromium-browser"]);
    let driver = find("CHROMEDRIVER", &["/usr/bin/chromedriver"]);
    match (driver, chromium) {
        (Some(d), Some(c)) => Some((d, c)),
        _ => {
            entente_testkit::missing("chromium or chromedriver (apt-get install chromium chromium-driver)");
            None
        }
    }
}

/// A WebDriver session in headless Chromium; the driver is killed when it is dropped.
struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request(self.addr, "DELETE", &format!("/session/{}", self.session), &[], None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    fn start(driver: &PathBuf, chromium: &PathBuf) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let start = Instant::now();
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1200,1600", "--hide-scrollbars", "--no-first-run",
                         format!("--user-data-dir={}", profile.path().display())],
            },
        }}});
        let mut browser = Browser { driver: child, addr, session: String::new(), _profile: profile };
        let v = browser.call("POST", "/session", Some(caps));
        browser.session = v["sessionId"].as_str().unwrap().to_string();
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let a = request(self.addr, method, path, &[], body.as_deref());
        let v = a.json();
        assert!(a.status < 400, "{method} {path}: {}", a.body);
        v["value"].clone()
    }

    fn cmd(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}/{what}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "url", Some(json!({ "url": url })));
    }

    fn url(&self) -> String {
        self.cmd("GET", "url", None).as_str().unwrap().to_string()
    }

    /// The address once it satisfies `ok` (a click's navigation may still be under way).
    fn wait_for_url(&self, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let url = self.url();
            if ok(&url) || start.elapsed() > Duration::from_secs(15) {
                return url;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = self.cmd("POST", "element", Some(json!({"using": "css selector", "value": css})));
        v.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.cmd("POST", "elements", Some(json!({"using": "css selector", "value": css})));
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_object().unwrap().values().next().unwrap().as_str().unwrap().into())
            .collect()
    }

    fn click(&self, element: &str) {
        self.cmd("POST", &format!("element/{element}/click"), Some(json!({})));
    }

    fn type_in(&self, element: &str, text: &str) {
        self.cmd("POST", &format!("element/{element}/clear"), Some(json!({})));
        self.cmd("POST", &format!("element/{element}/value"), Some(json!({ "text": text })));
    }

    fn text(&self, element: &str) -> String {
        self.cmd("GET", &format!("element/{element}/text"), None).as_str().unwrap().to_string()
    }

    fn attr(&self, element: &str, name: &str) -> Option<String> {
        self.cmd("GET", &format!("element/{element}/attribute/{name}"), None).as_str().map(String::from)
    }

    fn script(&self, js: &str) -> Value {
        self.cmd("POST", "execute/sync", Some(json!({ "script": js, "args": [] })))
    }

    /// Whether an alert is open (a script from the data would have raised one).
    fn alert_open(&self) -> bool {
        let a = request(self.addr, "GET", &format!("/session/{}/alert/text", self.session), &[], None);
        a.status == 200
    }

    fn screenshot(&self) -> Vec<u8> {
        let b64 = self.cmd("GET", "screenshot", None);
        base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap()
    }
}

#[test]
fn a_person_goes_from_home_to_a_pair_a_record_and_its_source() {
    let Some((driver, chromium)) = browser() else { return };
    let s = server(None);
    let b = Browser::start(&driver, &chromium);

    // Home, in Russian: pick the pair by its names in two other languages.
    b.go(&s.url("/?lang=ru"));
    b.type_in(&b.find("input[name=a]"), "Франция");
    b.type_in(&b.find("input[name=b]"), "Қазақстан");
    b.click(&b.find("form.pair button[type=submit]"));
    let url = b.wait_for_url(|u| u.contains("/dyad/"));
    assert!(url.ends_with("/dyad/FRA/KAZ?lang=ru"), "{url}");
    assert_eq!(b.text(&b.find("h1")), "Франция – Казахстан");

    // A record of the timeline: its page names it and lists what it cites.
    let link = b.find("table.events tr#ev-2014-sorbonne-kazakhstan-opens a");
    b.click(&link);
    let url = b.wait_for_url(|u| u.contains("/record/"));
    assert!(url.contains("/record/ev-2014-sorbonne-kazakhstan-opens"), "{url}");
    let title = b.text(&b.find("h1"));
    assert!(title.contains("Sorbonne"), "{title}");
    assert!(!b.find_all("ol.bib li.source").is_empty(), "the record page lists its sources");

    // The source it cites: its page gives the citation the pair's bibliography gives.
    let source_link = b.find("ol.bib li.source a");
    let source_id = b.attr(&source_link, "href").unwrap();
    let source_id = source_id.trim_start_matches("/record/").split('?').next().unwrap().to_string();
    b.click(&source_link);
    b.wait_for_url(|u| u.contains(&format!("/record/{source_id}")));
    let gost = b.text(&b.find("p.citation[data-style=gost]"));
    b.go(&s.url("/dyad/FRA/KAZ?lang=ru"));
    let entry = b.text(&b.find(&format!("ol.bib li#src-{source_id}")));
    let cited = gost.trim_start_matches("GOST: ");
    assert!(entry.starts_with(cited), "bibliography entry {entry:?} is not the source page's {cited:?}");

    // The country link leads to the focus country's page with its partners.
    b.click(&b.find("main p.muted a[href^='/country/KAZ']"));
    b.wait_for_url(|u| u.contains("/country/KAZ"));
    assert_eq!(b.text(&b.find("h1")), "Казахстан");
    let france = b.find("table.partners tr[data-partner=FRA] td:nth-child(2)");
    // The partners' column counts bilateral events: those there by context only do not count.
    let timeline = get(s.addr, "/api/v1/dyads/FRA/KAZ/timeline").json();
    let events = timeline["rows"].as_array().unwrap().iter().filter(|e| e["context"] != true).count();
    assert_eq!(b.text(&france), events.to_string());
}

#[test]
fn a_search_with_facets_finds_what_the_api_finds() {
    let Some((driver, chromium)) = browser() else { return };
    let s = server(None);
    let b = Browser::start(&driver, &chromium);
    b.go(&s.url("/dyad/FRA/KAZ"));
    b.type_in(&b.find("form.search input[name=q]"), "Alliance");
    b.click(&b.find("fieldset[data-facet=kind] input[value=event]"));
    b.click(&b.find("form.search button[type=submit]"));
    let url = b.wait_for_url(|u| u.contains("q=Alliance"));
    assert!(url.contains("q=Alliance") && url.contains("kind=event"), "{url}");
    let api = get(s.addr, "/api/v1/dyads/FRA/KAZ/records?q=Alliance&kind=event").json();
    let total = api["total"].as_u64().unwrap();
    assert!(total >= 2, "{api}");
    assert!(b.text(&b.find("p.count")).starts_with(&total.to_string()));
    let rows = b.find_all("table.hits tbody tr");
    assert_eq!(rows.len() as u64, total);
    for row in &rows {
        assert_eq!(b.text(&b.find_child(row, "td:nth-child(2)")), "event");
    }
    // The ticked box stays ticked, and unticking widens the search again.
    let checked = b.find("fieldset[data-facet=kind] input[value=event]");
    assert_eq!(b.attr(&checked, "checked").as_deref(), Some("true"));
    b.click(&checked);
    b.click(&b.find("form.search button[type=submit]"));
    b.wait_for_url(|u| !u.contains("kind=event"));
    let wider = get(s.addr, "/api/v1/dyads/FRA/KAZ/records?q=Alliance").json()["total"].as_u64().unwrap();
    assert!(wider > total, "{wider} > {total}");
    assert!(b.text(&b.find("p.count")).starts_with(&wider.to_string()));
}

impl Browser {
    fn find_child(&self, parent: &str, css: &str) -> String {
        let v = self.cmd(
            "POST",
            &format!("element/{parent}/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string()
    }
}

#[test]
fn the_charts_are_drawn_and_the_screen_is_not_blank() {
    let Some((driver, chromium)) = browser() else { return };
    let s = server(None);
    let b = Browser::start(&driver, &chromium);
    b.go(&s.url("/dyad/FRA/KAZ"));
    let sizes = b.script(
        "return [...document.querySelectorAll('svg.chart')].map(e => { const r = e.getBoundingClientRect(); \
         return [e.getAttribute('class'), r.width, r.height, e.querySelectorAll('circle,rect,path,polyline').length]; });",
    );
    let charts = sizes.as_array().unwrap();
    assert!(charts.len() >= 3, "{sizes}");
    for c in charts {
        assert!(c[1].as_f64().unwrap() > 200.0 && c[2].as_f64().unwrap() > 50.0, "{c}");
        assert!(c[3].as_u64().unwrap() > 3, "a chart without marks: {c}");
    }
    // Hover titles name what a mark stands for.
    let titles = b.script("return document.querySelectorAll('svg.chart title').length;");
    assert!(titles.as_u64().unwrap() > 10, "{titles}");

    let png = b.screenshot();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
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

#[test]
fn the_comparison_ranks_partners_and_the_pair_shows_its_diagnosis() {
    let Some((driver, chromium)) = browser() else { return };
    let s = server(None);
    let b = Browser::start(&driver, &chromium);

    // Kazakhstan's partners, in Russian: the ranking, its chart, the method.
    b.go(&s.url("/compare/KAZ?lang=ru"));
    assert_eq!(b.text(&b.find("h1")), "Казахстан: сравнение партнёров");
    let rows = b.find_all("table.ranking tbody tr");
    assert!(rows.len() >= 10, "{} rows", rows.len());
    let api = get(s.addr, "/api/v1/countries/KAZ/compare?lang=ru").json();
    assert_eq!(rows.len(), api["partners"].as_array().unwrap().len());
    let first = b.text(&b.find("table.ranking tbody tr:first-child td:nth-child(2) a"));
    assert_eq!(first, api["partners"][0]["name"].as_str().unwrap());
    let chart = b.script(
        "const e = document.querySelector('svg.chart.ranks'); const r = e.getBoundingClientRect(); \
         return [r.width, r.height, e.querySelectorAll('circle').length, e.querySelectorAll('rect').length, \
                 e.querySelectorAll('title').length];",
    );
    let ranked = api["partners"].as_array().unwrap().iter().filter(|p| p["rank"].is_u64()).count() as u64;
    assert!(chart[0].as_f64().unwrap() > 400.0 && chart[1].as_f64().unwrap() > 200.0, "{chart}");
    assert_eq!(chart[2].as_u64().unwrap(), ranked, "a dot per ranked partner: {chart}");
    assert!(chart[3].as_u64().unwrap() >= ranked, "a bar per ranked partner: {chart}");
    assert!(chart[4].as_u64().unwrap() > ranked, "hover titles: {chart}");
    let sha = b.text(&b.find("#method + p + dl code.sha256"));
    assert_eq!(sha, api["config"]["sha256"].as_str().unwrap());
    assert!(!b.find_all("table.sensitivity tbody tr").is_empty(), "the sensitivity list");

    // France's row leads to the pair's page, which shows its index and diagnosis.
    b.click(&b.find("table.ranking tr[data-partner=FRA] td:nth-child(2) a"));
    let url = b.wait_for_url(|u| u.contains("/dyad/FRA/KAZ"));
    assert!(url.ends_with("/dyad/FRA/KAZ?lang=ru"), "{url}");
    assert!(!b.find_all("section.index svg.chart.ranks circle").is_empty(), "the index chart");
    assert!(b.find_all("section.index table.index tbody tr").len() >= 5);
    let barriers = b.find_all("section.diagnostics ul.findings[data-category=barrier] li.finding");
    assert_eq!(barriers.len(), 4);
    assert_eq!(b.text(&b.find("#diagnostics")), "Диагностика");
    let judged = b.find_all("section.diagnostics table.judgements tbody tr");
    assert!(judged.len() >= 4, "{} judgements", judged.len());
    let says = b.text(&b.find("tr#judgement-assess-education_ranking-kaz-low-place td:nth-child(3)"));
    assert!(says.contains("88th place"), "{says}");
    // Every source a finding or a judgement cites is in the bibliography.
    let broken = b.script(
        "return [...document.querySelectorAll('section.diagnostics a[href^=\"#src-\"]')]\
         .filter(a => !document.getElementById(a.getAttribute('href').slice(1))).map(a => a.getAttribute('href'));",
    );
    assert_eq!(broken, json!([]));
}

#[test]
fn text_from_the_data_never_runs_as_script() {
    let Some((driver, chromium)) = browser() else { return };
    let token = "browser-test";
    let s: Server = server(Some(token));
    let evil = "<script>window.__pwned=1;alert(1)</script><img src=x onerror=\"window.__pwned=2\">";
    let record = json!({"dataset": "notes", "kind": "event", "record": {
        "id": "xss-probe", "kind": "exhibition", "title": {"en": evil}, "description": {"en": evil},
        "date": "2022-02", "domains": ["arts"], "status": "held", "host": "KAZ", "projecting": ["FRA"],
        "note": evil, "sources": [{"source": "kussainova-2021", "locator": evil, "quote": evil}]
    }});
    let a = request(
        s.addr,
        "POST",
        "/api/v1/records",
        &[("Authorization", &format!("Bearer {token}"))],
        Some(&record.to_string()),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    // A judgement about the pair, shown in the diagnostics beside the data.
    let judgement = json!({"dataset": "notes", "kind": "claim", "record": {
        "id": "xss-judgement", "text": evil, "lang": "en", "country": "KAZ",
        "assessment": {"category": "barrier", "topic": "language"},
        "sources": [{"source": "kussainova-2021", "locator": evil, "quote": evil}]
    }});
    let a = request(
        s.addr,
        "POST",
        "/api/v1/records",
        &[("Authorization", &format!("Bearer {token}"))],
        Some(&judgement.to_string()),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    let b = Browser::start(&driver, &chromium);
    let pages = [
        "/dyad/FRA/KAZ",
        "/dyad/FRA/KAZ?q=pwned",
        "/record/xss-probe",
        "/record/kussainova-2021",
        "/sources",
        "/compare/KAZ?lang=ru",
        "/compare/KAZ?direction=out",
    ];
    for page in pages {
        b.go(&s.url(page));
        assert!(!b.alert_open(), "{page}: a script from the data raised an alert");
        assert_eq!(b.script("return window.__pwned === undefined;"), json!(true), "{page}");
    }
    // The text is shown as written.
    b.go(&s.url("/record/xss-probe"));
    assert_eq!(b.text(&b.find("h1")), evil);
    b.go(&s.url("/dyad/FRA/KAZ"));
    let says = b.text(&b.find("tr#judgement-xss-judgement td:nth-child(3) q"));
    assert_eq!(says, evil);
}

#[test]
fn the_report_opens_offline_with_its_charts_and_notes() {
    let Some((driver, chromium)) = browser() else { return };
    let s = server(None);
    let store = s.store();
    let view =
        entente_report::dyad_view(&store, &entente_model::Dyad::new("FRA", "KAZ"), "fr", entente_cite::Style::Apa)
            .unwrap();
    let path = s.dir.path().join("fra-kaz.html");
    std::fs::write(&path, entente_report::document::render(&view, entente_report::document::Format::Html)).unwrap();
    let b = Browser::start(&driver, &chromium);
    b.go(&format!("file://{}", path.display()));
    let facts = b.script(
        "const links = [...document.querySelectorAll('a[href^=\"#\"]')];\
         return { charts: document.querySelectorAll('svg').length,\
                  links: links.length,\
                  broken: links.filter(a => !document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))).map(a => a.getAttribute('href')),\
                  fetched: performance.getEntriesByType('resource').map(r => r.name),\
                  drawn: [...document.querySelectorAll('svg')].every(e => e.getBoundingClientRect().width > 100) };",
    );
    assert!(facts["charts"].as_u64().unwrap() >= 3, "{facts}");
    assert!(facts["links"].as_u64().unwrap() > 20, "footnotes and bibliography links: {facts}");
    assert_eq!(facts["broken"], json!([]), "{facts}");
    assert_eq!(facts["fetched"], json!([]), "the report fetched something: {facts}");
    assert_eq!(facts["drawn"], json!(true), "{facts}");
}
