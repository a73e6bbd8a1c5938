//! The France–Kazakhstan dataset of the seed paper, compiled into the binary so that a
//! fresh install has data without any download.

use crate::curated::{DatasetFile, DatasetFiles};

macro_rules! bundled_files {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../dataset/fra-kaz/", $name)))),+]
    };
}

/// Every file of `dataset/fra-kaz`, by name. A test checks the list against the folder.
const FRA_KAZ: &[(&str, &[u8])] = bundled_files!(
    "dataset.toml",
    "sources.toml",
    "actors.toml",
    "programmes.toml",
    "events.toml",
    "observations.csv",
    "claims.toml",
);

/// The bundled datasets' files.
pub fn datasets() -> Vec<DatasetFiles> {
    let mut files: Vec<DatasetFile> =
        FRA_KAZ.iter().map(|(name, bytes)| DatasetFile { name: name.to_string(), bytes: bytes.to_vec() }).collect();
    // Same order as a folder read, so the fingerprint matches the folder's.
    files.sort_by(|a, b| a.name.cmp(&b.name));
    vec![DatasetFiles { origin: "bundled:fra-kaz".into(), files }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_matches_the_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dataset/fra-kaz");
        let on_disk = DatasetFiles::read_dir(&dir).unwrap();
        let mut names: Vec<&str> = FRA_KAZ.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let disk: Vec<&str> = on_disk.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, disk, "dataset/fra-kaz and the bundled list differ");
        assert_eq!(datasets()[0].fingerprint(), on_disk.fingerprint());
    }

    #[test]
    fn the_bundled_dataset_is_valid() {
        let files = &datasets()[0];
        match crate::curated::parse_dataset(files, &|_| None) {
            Ok(ds) => assert_eq!(ds.meta.id, "fra-kaz"),
            Err(problems) => panic!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
        }
    }
}
