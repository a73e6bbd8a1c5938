//! Codes one file and prints its events as JSON lines (a stand-in until `entente code` exists).

use entente_coder::{Doc, Options, code, dedup};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: code_file <file>");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let events = code(&Doc::new(path, text), &Options::default());
    let raw = events.len();
    for e in dedup(events) {
        println!("{}", serde_json::to_string(&e).unwrap_or_default());
    }
    eprintln!("{raw} events before dedup");
}
