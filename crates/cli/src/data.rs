//! The data folder: where it is, filling it with the bundled dataset on first use, and its
//! settings file (where queries run).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use entente_analytics::lake::CLUSTER_TIMEOUT;
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
    /// Seconds a series or a comparison may take on a cluster.
    cluster_timeout: Option<u64>,
}

/// Where queries run, and how long one may take there.
#[derive(Debug, Clone)]
pub struct Engine {
    pub backend: Backend,
    pub cluster_timeout: Duration,
}

/// The range `--cluster-timeout` and `cluster_timeout` accept, in seconds.
pub const CLUSTER_TIMEOUTS: std::ops::RangeInclusive<u64> = 1..=86_400;

/// Where queries run: `--engine` (or `ENTENTE_ENGINE`) when given, else `engine` in the data
/// folder's settings file, else here; likewise the cluster's time limit (`--cluster-timeout`,
/// `cluster_timeout`, else 600 s). A bad value is an error naming where it came from.
pub fn engine(flag: Option<&str>, timeout_flag: Option<u64>, dir: &Path) -> Result<Engine> {
    let path = settings_path(dir);
    let settings = match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let backend = match (flag, settings.engine) {
        (Some(text), _) => text.parse().with_context(|| "--engine (or ENTENTE_ENGINE)".to_string())?,
        (None, Some(text)) => text.parse().with_context(|| format!("{}: engine", path.display()))?,
        (None, None) => Backend::Local,
    };
    let seconds = match (timeout_flag, settings.cluster_timeout) {
        (Some(s), _) => s,
        (None, Some(s)) if CLUSTER_TIMEOUTS.contains(&s) => s,
        (None, Some(s)) => bail!(
            "{}: cluster_timeout {s} is out of range ({} to {} seconds)",
            path.display(),
            CLUSTER_TIMEOUTS.start(),
            CLUSTER_TIMEOUTS.end()
        ),
        (None, None) => CLUSTER_TIMEOUT.as_secs(),
    };
    Ok(Engine { backend, cluster_timeout: Duration::from_secs(seconds) })
}

/// The GDELT lake of the store in `dir`, run by `engine`; with `curated`, the store's tables too.
pub fn lake(dir: &Path, store: &Store, curated: bool, engine: &Engine) -> Result<Lake> {
    let mut lake = Lake::from_store(dir, store, curated)?;
    lake.backend = engine.backend.clone();
    lake.cluster_timeout = engine.cluster_timeout;
    Ok(lake)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(settings_path(dir.path()), text).expect("settings file");
        dir
    }

    #[test]
    fn the_engine_and_its_time_limit_come_from_flags_then_the_settings_file() {
        let none = tempfile::tempdir().expect("temporary folder");
        let e = engine(None, None, none.path()).expect("defaults");
        assert_eq!((e.backend, e.cluster_timeout), (Backend::Local, CLUSTER_TIMEOUT));

        let dir = settings("engine = \"ballista://10.0.0.5:50050\"\ncluster_timeout = 1800\n");
        let e = engine(None, None, dir.path()).expect("from the file");
        assert_eq!(e.backend.to_string(), "ballista://10.0.0.5:50050");
        assert_eq!(e.cluster_timeout, Duration::from_secs(1800));
        let e = engine(Some("local"), Some(30), dir.path()).expect("flags win");
        assert_eq!((e.backend, e.cluster_timeout), (Backend::Local, Duration::from_secs(30)));

        let dir = settings("cluster_timeout = 0\n");
        let message = engine(None, None, dir.path()).unwrap_err().to_string();
        assert!(message.contains("cluster_timeout 0 is out of range (1 to 86400 seconds)"), "{message}");
        let dir = settings("cluster_timeout = \"ten\"\n");
        let message = engine(None, None, dir.path()).unwrap_err().to_string();
        assert!(message.contains("entente.toml"), "{message}");
    }
}
