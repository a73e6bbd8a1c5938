//! The data folder: where it is, and filling it with the bundled dataset on first use.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use entente_ingest::curated::parse_dataset;
use entente_ingest::indicators::{RowReject, read_feed};
use entente_store::{ImportReject, LoadReport, Store};
use serde::Serialize;

/// `--data` (or `ENTENTE_DATA`) when given, else the platform's data directory.
pub fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    directories::ProjectDirs::from("org", "entente", "entente")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| anyhow!("cannot find a home folder for the data; pass --data DIR or set ENTENTE_DATA"))
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join("entente.db")
}

/// Opens the store in `dir`, loading each bundled dataset that is missing, and refreshing
/// one that was loaded from an older bundle (a dataset loaded from a folder is left alone).
pub fn open(dir: &Path) -> Result<Store> {
    let mut store = Store::open(&db_path(dir)).with_context(|| format!("data folder {}", dir.display()))?;
    let stored = store.datasets()?;
    for files in entente_ingest::bundled::datasets() {
        let fingerprint = files.fingerprint();
        let dataset = parse_dataset(&files, &|_| None).map_err(|problems| {
            anyhow!(
                "the bundled dataset is invalid: {}",
                problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
            )
        })?;
        let current = stored.iter().find(|d| d.id == dataset.meta.id);
        let load = match current {
            None => true,
            Some(d) => d.origin.starts_with("bundled:") && d.fingerprint != fingerprint,
        };
        if load {
            let report = store.load_dataset(&dataset, &files.origin, &fingerprint)?;
            eprintln!(
                "Loaded the bundled dataset \"{}\" into {} ({} added, {} updated, {} removed).",
                dataset.meta.id,
                dir.display(),
                report.added,
                report.updated,
                report.removed
            );
        }
    }
    let stored = store.datasets()?;
    for (name, bytes) in entente_ingest::bundled::FEEDS {
        let fingerprint = feed_fingerprint(name, bytes);
        let feed = entente_ingest::indicators::Feed::detect(&header(bytes)).map(|f| f.dataset_id());
        let current = stored.iter().find(|d| Some(d.id.as_str()) == feed);
        let load = match current {
            None => true,
            Some(d) => d.origin.starts_with("bundled:") && d.fingerprint != fingerprint,
        };
        if load {
            let report = load_feed(&mut store, name, bytes, &format!("bundled:{name}"))?;
            eprintln!("Loaded the bundled {} ({} observations).", report.dataset, report.observations);
        }
    }
    Ok(store)
}

fn header(bytes: &[u8]) -> Vec<&str> {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    std::str::from_utf8(first).unwrap_or("").trim_end_matches('\r').split(',').collect()
}

fn feed_fingerprint(name: &str, bytes: &[u8]) -> String {
    entente_ingest::curated::DatasetFiles {
        origin: String::new(),
        files: vec![entente_ingest::curated::DatasetFile { name: name.to_string(), bytes: bytes.to_vec() }],
    }
    .fingerprint()
}

/// What loading one indicator file did.
#[derive(Debug, Serialize)]
pub struct FeedReport {
    pub file: String,
    pub dataset: String,
    pub rows_read: u64,
    pub observations: u64,
    pub rows_rejected: u64,
    pub load: LoadReport,
    pub rejects: Vec<RowReject>,
}

/// Reads an indicator feed and loads it as one dataset (replacing an earlier load of the
/// same feed), with its rejects, in one transaction.
pub fn load_feed(store: &mut Store, name: &str, bytes: &[u8], origin: &str) -> Result<FeedReport> {
    let read = read_feed(name, bytes).map_err(|e| anyhow!(e))?;
    let index = store.record_index()?;
    let this = read.dataset.meta.id.clone();
    let problems = entente_model::validate::validate(&read.dataset.records, &|id| {
        index.get(id).filter(|(_, ds)| *ds != this).map(|(k, _)| *k)
    });
    if let Some(p) = problems.first() {
        bail!("{name}: {p} ({} problems); nothing was written", problems.len());
    }
    let rejects: Vec<ImportReject> = read
        .rejects
        .iter()
        .map(|r| ImportReject {
            file: r.file.clone(),
            line: r.line as i64,
            reason: r.reason.clone(),
            excerpt: r.excerpt.clone(),
        })
        .collect();
    let load = store.load_dataset_with_rejects(&read.dataset, origin, &feed_fingerprint(name, bytes), &rejects)?;
    let observations = read.dataset.records.len() as u64 - 1;
    Ok(FeedReport {
        file: name.to_string(),
        dataset: this,
        rows_read: read.rows_read,
        observations,
        rows_rejected: read.rejects.len() as u64,
        load,
        rejects: read.rejects,
    })
}
