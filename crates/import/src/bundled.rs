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
        let feed = Feed::detect_file(name, bytes).map(|f| f.dataset_id());
        let current = stored.iter().find(|d| Some(d.id.as_str()) == feed);
        if current.is_none_or(|d| d.origin.starts_with("bundled:") && d.fingerprint != fingerprint) {
            let report = load_feed(store, name, bytes, &format!("bundled:{name}"))?;
            installed.push(Installed::Feed { dataset: report.dataset, observations: report.observations });
        }
    }
    Ok(installed)
}

fn feed_fingerprint(name: &str, bytes: &[u8]) -> String {
    DatasetFiles { origin: String::new(), files: vec![DatasetFile { name: name.to_string(), bytes: bytes.to_vec() }] }
        .fingerprint()
}

/// What loading one indicator file did: `rows_read = rows_used + rows_rejected`. In most
/// feeds each used row is one observation; in the counting feeds (missions, twinnings,
/// visits) one observation counts many rows.
#[derive(Debug, Serialize)]
pub struct FeedReport {
    pub file: String,
    pub dataset: String,
    pub rows_read: u64,
    pub rows_used: u64,
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
        rows_used: read.rows_used,
        observations,
        rows_rejected: read.rejects.len() as u64,
        load,
        rejects: read.rejects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DYADIC: [&str; 6] = [
        "wikidata-embassies",
        "aiddata-china-public-diplomacy",
        "wikipedia-twin-cities",
        "us-mission-status-cow",
        "hsg-us-travels-abroad",
        "hsg-foreign-leader-visits",
    ];

    fn sum(store: &Store, indicator: &str, from: &str, to: &str) -> f64 {
        store.observations(indicator, Some(from), Some(to), None).unwrap().iter().map(|o| o.observation.value).sum()
    }

    /// The dyadic subsets install with the rest, found by their headers (the embassies file's
    /// is `;`-separated), and a second install finds them current.
    #[test]
    fn installing_loads_the_dyadic_datasets() {
        let mut store = Store::open_in_memory().unwrap();
        let installed = install(&mut store).unwrap();
        for id in DYADIC {
            let loaded = installed.iter().find_map(|i| match i {
                Installed::Feed { dataset, observations } if dataset == id => Some(*observations),
                _ => None,
            });
            assert!(loaded.is_some_and(|n| n > 0), "{id}: {installed:?}");
        }
        let datasets = store.datasets().unwrap();
        for id in DYADIC {
            let d = datasets.iter().find(|d| d.id == id).unwrap();
            assert!(d.origin.starts_with("bundled:"), "{}", d.origin);
            assert!(d.licence.is_some(), "{id}");
        }
        assert_eq!(sum(&store, "missions.embassy", "FRA", "KAZ"), 1.0);
        assert_eq!(sum(&store, "missions.consulate", "FRA", "KAZ"), 1.0);
        assert_eq!(sum(&store, "missions.honorary", "KAZ", "FRA"), 1.0);
        assert_eq!(sum(&store, "institutes.opened", "CHN", "KAZ"), 5.0);
        assert_eq!(sum(&store, "twinning.city_pairs", "FRA", "KAZ"), 2.0);
        assert_eq!(sum(&store, "visits.foreign_minister", "USA", "KAZ"), 10.0);
        assert_eq!(sum(&store, "visits.head_of_state", "KAZ", "USA"), 12.0);
        let level = store.observations("missions.representation_level", Some("USA"), Some("KAZ"), None).unwrap();
        let last = level.last().map(|o| (o.observation.period.to_string(), o.observation.value));
        assert_eq!(last, Some(("1992".to_string(), 8.0)));
        assert!(install(&mut store).unwrap().is_empty(), "a second install changes nothing");
    }

    /// The report of a counting feed says how many rows its observations count.
    #[test]
    fn load_feed_reports_the_rows_used() {
        let mut store = Store::open_in_memory().unwrap();
        let (name, bytes) =
            entente_ingest::bundled::FEEDS.iter().find(|(n, _)| n.starts_with("twin_cities")).copied().unwrap();
        let report = load_feed(&mut store, name, bytes, "test").unwrap();
        assert_eq!(report.dataset, "wikipedia-twin-cities");
        assert_eq!(report.rows_read, report.rows_used + report.rows_rejected);
        assert_eq!(report.rows_used, 79);
        assert!(report.observations < report.rows_used, "{report:?}");
        let (name, bytes) =
            entente_ingest::bundled::FEEDS.iter().find(|(n, _)| *n == "ChinesePublicDiplomacy.csv").copied().unwrap();
        let report = load_feed(&mut store, name, bytes, "test").unwrap();
        assert_eq!((report.rows_read, report.rows_used, report.rows_rejected), (741, 672, 69));
        assert_eq!(report.rejects.len(), 69);
    }
}
