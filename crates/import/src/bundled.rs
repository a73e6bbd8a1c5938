//! The default data: the curated datasets and indicator subsets compiled into entente,
//! installed into a store on first use and refreshed when a newer entente bundles newer
//! files. A dataset loaded from a folder, or edited through the API, is never overwritten.

use entente_ingest::curated::{DatasetFile, DatasetFiles, parse_dataset};
use entente_ingest::indicators::{Feed, RowReject, read_feed};
use entente_store::{ImportReject, LoadReport, Store};
use serde::Serialize;

/// Why bundled or feed data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Read(String),
    #[error("{file}: {first} ({count} problems); nothing was written")]
    Invalid { file: String, first: String, count: usize },
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
}

/// What installing the bundled data loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Installed {
    Dataset { id: String, report: LoadReport },
    Feed { dataset: String, observations: u64 },
}

/// Loads each bundled dataset and feed that is missing from `store`, and refreshes one
/// loaded from an older bundle. Returns what it loaded (nothing when all is current).
pub fn install(store: &mut Store) -> Result<Vec<Installed>, LoadError> {
    let mut installed = Vec::new();
    let stored = store.datasets()?;
    for files in entente_ingest::bundled::datasets() {
        let fingerprint = files.fingerprint();
        let dataset = parse_dataset(&files, &|_| None).map_err(|problems| LoadError::Invalid {
            file: files.origin.clone(),
            first: problems.first().map(ToString::to_string).unwrap_or_default(),
            count: problems.len(),
        })?;
        let current = stored.iter().find(|d| d.id == dataset.meta.id);
        if current.is_none_or(|d| d.origin.starts_with("bundled:") && d.fingerprint != fingerprint) {
            let report = store.load_dataset(&dataset, &files.origin, &fingerprint)?;
            installed.push(Installed::Dataset { id: dataset.meta.id.clone(), report });
        }
    }
    let stored = store.datasets()?;
    for (name, bytes) in entente_ingest::bundled::FEEDS {
        let fingerprint = feed_fingerprint(name, bytes);
        let feed = Feed::detect(&header(bytes)).map(|f| f.dataset_id());
        let current = stored.iter().find(|d| Some(d.id.as_str()) == feed);
        if current.is_none_or(|d| d.origin.starts_with("bundled:") && d.fingerprint != fingerprint) {
            let report = load_feed(store, name, bytes, &format!("bundled:{name}"))?;
            installed.push(Installed::Feed { dataset: report.dataset, observations: report.observations });
        }
    }
    Ok(installed)
}

fn header(bytes: &[u8]) -> Vec<&str> {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    std::str::from_utf8(first).unwrap_or("").trim_end_matches('\r').split(',').collect()
}

fn feed_fingerprint(name: &str, bytes: &[u8]) -> String {
    DatasetFiles { origin: String::new(), files: vec![DatasetFile { name: name.to_string(), bytes: bytes.to_vec() }] }
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
pub fn load_feed(store: &mut Store, name: &str, bytes: &[u8], origin: &str) -> Result<FeedReport, LoadError> {
    let read = read_feed(name, bytes).map_err(|e| LoadError::Read(e.to_string()))?;
    let index = store.record_index()?;
    let this = read.dataset.meta.id.clone();
    let problems = entente_model::validate::validate(&read.dataset.records, &|id| {
        index.get(id).filter(|(_, ds)| *ds != this).map(|(k, _)| *k)
    });
    if let Some(p) = problems.first() {
        return Err(LoadError::Invalid { file: name.to_string(), first: p.to_string(), count: problems.len() });
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
