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

/// The subsets of the indicator feeds the default data needs (see `data/SOURCES.md`): file
/// name and content, each read with [`crate::indicators::read_feed`].
pub const FEEDS: &[(&str, &[u8])] = &[
    (
        "OECD_Intl_Student_Enrollment_2013_2019.subset.csv",
        include_bytes!("../../../data/mobility/OECD_Intl_Student_Enrollment_2013_2019.subset.csv"),
    ),
    (
        "popular-destinations-by-origin.subset.csv",
        include_bytes!("../../../data/mobility/popular-destinations-by-origin.subset.csv"),
    ),
    (
        "popular-origins-by-destination.subset.csv",
        include_bytes!("../../../data/mobility/popular-origins-by-destination.subset.csv"),
    ),
    ("inbound_intl.subset.csv", include_bytes!("../../../data/mobility/inbound_intl.subset.csv")),
    (
        "elcano_iepg_1990_2021_long.subset.csv",
        include_bytes!("../../../data/elcano/elcano_iepg_1990_2021_long.subset.csv"),
    ),
];

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

    /// Every row is an observation or a reject, and the only rejects are the names of
    /// countries that no longer exist (Sudan before 2011, the Netherlands Antilles).
    #[test]
    fn bundled_feeds_account_for_every_row() {
        let mut rejected = Vec::new();
        for (name, bytes) in FEEDS {
            let read = crate::indicators::read_feed(name, bytes).unwrap();
            let observations = read.dataset.records.len() as u64 - 1;
            assert_eq!(read.rows_read, observations + read.rejects.len() as u64, "{name}");
            for r in &read.rejects {
                assert!(
                    r.reason.contains("unknown country \"Sudan (pre-secession)\"")
                        || r.reason.contains("unknown country \"Netherlands Antilles\""),
                    "{r}"
                );
                rejected.push(r.to_string());
            }
        }
        eprintln!("{} rejects: {rejected:#?}", rejected.len());
        assert_eq!(rejected.len(), 32);
    }

    /// Every bundled row is a verbatim line of the shared original, in the original order.
    #[test]
    fn bundled_feeds_are_verbatim_subsets_of_the_shared_files() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if !shared.exists() {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but {} is missing", shared.display());
            eprintln!("SKIPPED: {} is not there", shared.display());
            return;
        }
        let originals = [
            "student_mobility/oecd_edu_enrl_mobile_2013_2019/OECD_Intl_Student_Enrollment_2013_2019.csv",
            "student_mobility/uis_360info/popular-destinations-by-origin.csv",
            "student_mobility/uis_360info/popular-origins-by-destination.csv",
            "student_mobility/uis_oecd_infosci301/inbound_intl.csv",
            "soft_power/elcano_iepg/elcano_iepg_1990_2021_long.csv",
        ];
        for ((name, bytes), original) in FEEDS.iter().zip(originals) {
            let full = std::fs::read_to_string(shared.join(original)).unwrap();
            let mut source = full.lines();
            for line in std::str::from_utf8(bytes).unwrap().lines() {
                assert!(source.any(|l| l == line), "{name}: {line:?} is not in {original}, in order");
            }
        }
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
