//! What the web tests share: a server on loopback over a fresh data folder holding the
//! bundled data, and a plain HTTP/1.1 client.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use entente_store::Store;

pub struct Server {
    pub addr: SocketAddr,
    pub dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    pub fn store(&self) -> Store {
        Store::open(&self.dir.path().join("entente.db")).unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// A server over the bundled data (curated dataset and indicator subsets), taking writes
/// with `token` when given.
pub fn server(token: Option<&str>) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("entente.db")).unwrap();
    entente_import::bundled::install(&mut store).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let app = entente_web::router(dir.path(), entente_web::Options { token: token.map(String::from) });
    runtime.spawn(async move { axum::serve(listener, app).await });
    Server { addr, dir, _runtime: runtime }
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", &self.body))
    }
}

/// One HTTP/1.1 request on its own connection.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Answer {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", b.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    if let Some(b) = body {
        stream.write_all(b.as_bytes()).unwrap();
    }
    // Read the head, then the body by its length: some servers (chromedriver) keep the
    // connection open despite `Connection: close`.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16384];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = stream.read(&mut chunk).unwrap();
        assert!(n > 0, "the connection closed before the end of the head");
        raw.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let length = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse::<usize>().ok());
    match length {
        Some(n) => {
            while body.len() < n {
                let got = stream.read(&mut chunk).unwrap();
                assert!(got > 0, "the connection closed before the end of the body");
                body.extend_from_slice(&chunk[..got]);
            }
            body.truncate(n);
        }
        None => {
            stream.read_to_end(&mut body).unwrap();
        }
    }
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Answer { status, headers, body: String::from_utf8(body).unwrap() }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 4 + size..];
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Answer {
    request(addr, "GET", path, &[], None)
}

/// A file under `../shared/data`, or `None` (with a message) when it is absent outside CI.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
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
