//! What the web tests share: a server on loopback over a fresh data folder holding the
//! bundled data. The HTTP client is entente-testkit's, shared with the other crates' tests.

#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;

use entente_store::Store;
pub use entente_testkit::http::{get, request};

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
