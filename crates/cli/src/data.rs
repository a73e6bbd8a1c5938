//! The data folder: where it is, and filling it with the bundled dataset on first use.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use entente_import::bundled::{self, Installed};
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
    for done in bundled::install(&mut store)? {
        match done {
            Installed::Dataset { id, report } => eprintln!(
                "Loaded the bundled dataset \"{id}\" into {} ({} added, {} updated, {} removed).",
                dir.display(),
                report.added,
                report.updated,
                report.removed
            ),
            Installed::Feed { dataset, observations } => {
                let observations = crate::output::count(observations, "observation", "observations");
                eprintln!("Loaded the bundled {dataset} ({observations}).")
            }
        }
    }
    Ok(store)
}
