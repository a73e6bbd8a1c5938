//! The data folder: where it is, filling it with the bundled dataset on first use, and its
//! settings file (where queries run).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use entente_analytics::{Backend, Lake};
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

/// The settings file in the data folder, `entente.toml`. It holds what a user would otherwise
/// repeat on every command; today that is only where queries run.
pub fn settings_path(dir: &Path) -> PathBuf {
    dir.join("entente.toml")
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// `local` or `ballista://HOST:PORT`.
    engine: Option<String>,
}

/// Where queries run: `--engine` (or `ENTENTE_ENGINE`) when given, else `engine` in the data
/// folder's settings file, else here. A bad value is an error naming where it came from.
pub fn engine(flag: Option<&str>, dir: &Path) -> Result<Backend> {
    if let Some(text) = flag {
        return text.parse().with_context(|| "--engine (or ENTENTE_ENGINE)".to_string());
    }
    let path = settings_path(dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Backend::Local),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let settings: Settings = toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    match settings.engine {
        Some(engine) => engine.parse().with_context(|| format!("{}: engine", path.display())),
        None => Ok(Backend::Local),
    }
}

/// The GDELT lake of the store in `dir`, run by `engine`; with `curated`, the store's tables too.
pub fn lake(dir: &Path, store: &Store, curated: bool, engine: &Backend) -> Result<Lake> {
    let mut lake = Lake::from_store(dir, store, curated)?;
    lake.backend = engine.clone();
    Ok(lake)
}
