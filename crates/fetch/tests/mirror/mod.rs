//! A GDELT mirror on loopback for the fetch tests: a small HTTP/1.1 server on 127.0.0.1 (one
//! thread per connection, `Connection: close`) that serves files with `Range` support and
//! misbehaves on purpose, file by file. It logs every request. Shared by the fetch crate's
//! tests and the CLI's (`#[path]`).

#![allow(dead_code, clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use md5::{Digest, Md5};

/// What the mirror does when a path is asked for.
#[derive(Clone)]
pub enum Behaviour {
    /// 200, or 206 for `Range: bytes=N-`.
    Serve,
    /// 200 always, ignoring `Range`.
    NoRanges,
    /// 404.
    NotFound,
    /// The first request announces the whole length, sends half and closes; later ones are
    /// served.
    CutOnce,
    /// Reads the request and never answers (until the mirror is dropped).
    Stall,
    /// Sends half, then waits for the gate to open before sending the rest.
    Gate(Arc<Gate>),
}

/// A point a transfer waits at until the test opens it.
#[derive(Default)]
pub struct Gate {
    state: Mutex<(bool, bool)>, // (reached, open)
    changed: Condvar,
}

impl Gate {
    /// Waits until a transfer has reached the gate (bounded so a broken test fails instead of
    /// hanging).
    pub fn wait_reached(&self) {
        let mut s = self.state.lock().unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        while !s.0 {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            assert!(!left.is_zero(), "no transfer reached the gate");
            s = self.changed.wait_timeout(s, left).unwrap().0;
        }
    }

    pub fn open(&self) {
        self.state.lock().unwrap().1 = true;
        self.changed.notify_all();
    }

    fn arrive_and_wait(&self, stop: &AtomicBool) {
        let mut s = self.state.lock().unwrap();
        s.0 = true;
        self.changed.notify_all();
        while !s.1 && !stop.load(Ordering::Relaxed) {
            s = self.changed.wait_timeout(s, Duration::from_millis(50)).unwrap().0;
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub path: String,
    pub range_from: Option<u64>,
}

struct Route {
    body: Arc<Vec<u8>>,
    behaviour: Behaviour,
    served: usize,
}

pub struct Mirror {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<Hit>>>,
    stop: Arc<AtomicBool>,
}

impl Mirror {
    pub fn start() -> Mirror {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mirror =
            Mirror { addr, routes: Arc::default(), log: Arc::default(), stop: Arc::new(AtomicBool::new(false)) };
        let (routes, log, stop) = (Arc::clone(&mirror.routes), Arc::clone(&mirror.log), Arc::clone(&mirror.stop));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (routes, log, stop) = (Arc::clone(&routes), Arc::clone(&log), Arc::clone(&stop));
                std::thread::spawn(move || {
                    let _ = handle(stream, &routes, &log, &stop);
                });
            }
        });
        mirror
    }

    /// The address of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn put(&self, path: &str, body: Vec<u8>, behaviour: Behaviour) {
        self.routes.lock().unwrap().insert(path.to_string(), Route { body: Arc::new(body), behaviour, served: 0 });
    }

    pub fn set(&self, path: &str, behaviour: Behaviour) {
        self.routes.lock().unwrap().get_mut(path).unwrap().behaviour = behaviour;
    }

    /// Requests for `path` so far.
    pub fn hits(&self, path: &str) -> Vec<Hit> {
        self.log.lock().unwrap().iter().filter(|h| h.path == path).cloned().collect()
    }

    pub fn all_hits(&self) -> Vec<Hit> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn handle(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    log: &Mutex<Vec<Hit>>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 || head.len() > 16 * 1024 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    let range_from = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("range"))
        .and_then(|(_, v)| v.trim().strip_prefix("bytes=")?.strip_suffix('-')?.parse::<u64>().ok());
    log.lock().unwrap().push(Hit { path: path.clone(), range_from });

    let found = {
        let mut routes = routes.lock().unwrap();
        routes.get_mut(&path).map(|r| {
            r.served += 1;
            (Arc::clone(&r.body), r.behaviour.clone(), r.served)
        })
    };
    let Some((body, behaviour, served)) = found else {
        return not_found(&mut stream);
    };
    let len = body.len() as u64;
    match behaviour {
        Behaviour::NotFound => not_found(&mut stream),
        Behaviour::Stall => {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(())
        }
        Behaviour::CutOnce if served == 1 => {
            write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")?;
            stream.write_all(&body[..body.len() / 2])?;
            stream.flush()
        }
        Behaviour::Gate(gate) => {
            write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")?;
            let half = body.len() / 2;
            stream.write_all(&body[..half])?;
            stream.flush()?;
            gate.arrive_and_wait(stop);
            stream.write_all(&body[half..])?;
            stream.flush()
        }
        Behaviour::NoRanges => whole(&mut stream, &body),
        Behaviour::Serve | Behaviour::CutOnce => match range_from {
            Some(from) if from < len => {
                write!(
                    stream,
                    "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {from}-{}/{len}\r\nConnection: close\r\n\r\n",
                    len - from,
                    len - 1
                )?;
                stream.write_all(&body[from as usize..])?;
                stream.flush()
            }
            Some(_) => write!(
                stream,
                "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
            None => whole(&mut stream, &body),
        },
    }
}

fn whole(stream: &mut TcpStream, body: &[u8]) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(body)?;
    stream.flush()
}

fn not_found(stream: &mut TcpStream) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found")
}

pub fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The real GDELT 2.0 15-minute export zips of the shared data, by name, sorted.
pub fn real_exports() -> Option<Vec<(String, Vec<u8>)>> {
    let dir = entente_testkit::shared_data("gdelt/events/v2_15min/oreillyross_GDELT_Downloader")?;
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".export.CSV.zip"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 75, "the shared data has 75 export zips (data/SOURCES.md)");
    Some(files)
}

/// A `masterfilelist.txt` line for a file served by `mirror` under `/gdeltv2/`.
pub fn master_line(mirror: &Mirror, name: &str, size: usize, md5: &str) -> String {
    format!("{size} {md5} {}\n", mirror.url(&format!("/gdeltv2/{name}")))
}
