//! The data folder: where it is, and filling it with the bundled dataset on first use.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use entente_ingest::curated::parse_dataset;
use entente_store::Store;

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
    Ok(store)
}
