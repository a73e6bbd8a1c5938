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
    "observations.toml",
    "claims.toml",
    "assessments.toml",
);

/// The subsets of the indicator feeds and dyadic data sets the default data needs (see
/// `data/SOURCES.md`): file name and content, each read with [`crate::indicators::read_feed`].
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
    (
        "database_of_embassies.subset.csv",
        include_bytes!("../../../data/dyadic/embassies_wikidata/database_of_embassies.subset.csv"),
    ),
    (
        "ChinesePublicDiplomacy.csv",
        include_bytes!("../../../data/dyadic/china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv"),
    ),
    (
        "twin_cities_raw.subset.csv",
        include_bytes!("../../../data/dyadic/sister_cities_wikipedia/twin_cities_raw.subset.csv"),
    ),
    (
        "mission_status_range_cow_v0.1.subset.csv",
        include_bytes!("../../../data/dyadic/us_mission_status_kenkel/mission_status_range_cow_v0.1.subset.csv"),
    ),
    ("trips.subset.csv", include_bytes!("../../../data/dyadic/us_travels_abroad_hsg/trips.subset.csv")),
    ("visits.subset.csv", include_bytes!("../../../data/dyadic/foreign_leader_visits_us_hsg/visits.subset.csv")),
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
    use crate::indicators::Feed;

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

    /// Every row is used or rejected, the counting feeds' values add up to the rows they
    /// use, and the only rejects are the names of countries that no longer exist (Sudan
    /// before 2011, the Netherlands Antilles) and AidData's country-years with nothing collected.
    #[test]
    fn bundled_feeds_account_for_every_row() {
        let mut rejected = Vec::new();
        let mut datasets = Vec::new();
        for (name, bytes) in FEEDS {
            let read = crate::indicators::read_feed(name, bytes).unwrap();
            assert_eq!(read.rows_read, read.rows_used + read.rejects.len() as u64, "{name}");
            let values: Vec<f64> = read
                .dataset
                .records
                .iter()
                .filter_map(|r| match r {
                    entente_model::Record::Observation(o) => Some(o.value),
                    _ => None,
                })
                .collect();
            if matches!(
                read.feed,
                Feed::Embassies | Feed::TwinCities | Feed::UsTravelsAbroad | Feed::ForeignLeaderVisits
            ) {
                assert_eq!(values.iter().sum::<f64>(), read.rows_used as f64, "{name}");
            } else if read.feed != Feed::AidDataPublicDiplomacy {
                assert_eq!(values.len() as u64, read.rows_used, "{name}");
            }
            for r in &read.rejects {
                assert!(
                    r.reason.contains("unknown country \"Sudan (pre-secession)\"")
                        || r.reason.contains("unknown country \"Netherlands Antilles\"")
                        || (read.feed == Feed::AidDataPublicDiplomacy && r.reason.starts_with("every value is N/A")),
                    "{r}"
                );
                rejected.push(r.to_string());
            }
            datasets.push(read.dataset.meta.id);
        }
        eprintln!("{} rejects: {rejected:#?}", rejected.len());
        assert_eq!(rejected.len(), 32 + 69);
        // One dataset per file, so that installing one does not replace another.
        let mut distinct = datasets.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), datasets.len(), "{datasets:?}");
    }

    /// The bundled dyadic subsets give the figures the shared READMEs quote for Kazakhstan.
    #[test]
    fn bundled_dyadic_subsets_hold_kazakhstan() {
        let sum = |file: &str, indicator: &str, from: &str, to: &str| -> f64 {
            let (name, bytes) = FEEDS.iter().find(|(n, _)| *n == file).expect("a bundled file");
            let read = crate::indicators::read_feed(name, bytes).unwrap();
            read.dataset
                .records
                .iter()
                .filter_map(|r| match r {
                    entente_model::Record::Observation(o)
                        if o.indicator == indicator
                            && o.from.as_deref() == Some(from)
                            && o.to.as_deref() == Some(to) =>
                    {
                        Some(o.value)
                    }
                    _ => None,
                })
                .sum()
        };
        assert_eq!(sum("database_of_embassies.subset.csv", "missions.embassy", "FRA", "KAZ"), 1.0);
        assert_eq!(sum("database_of_embassies.subset.csv", "missions.consulate", "FRA", "KAZ"), 1.0);
        assert_eq!(sum("database_of_embassies.subset.csv", "missions.honorary", "KAZ", "FRA"), 1.0);
        assert_eq!(sum("ChinesePublicDiplomacy.csv", "institutes.opened", "CHN", "KAZ"), 5.0);
        assert_eq!(sum("twin_cities_raw.subset.csv", "twinning.city_pairs", "FRA", "KAZ"), 2.0);
        assert_eq!(sum("trips.subset.csv", "visits.foreign_minister", "USA", "KAZ"), 10.0);
        assert_eq!(sum("visits.subset.csv", "visits.head_of_state", "KAZ", "USA"), 12.0);
        assert_eq!(sum("mission_status_range_cow_v0.1.subset.csv", "missions.representation_level", "USA", "KAZ"), 8.0);
    }

    /// Every bundled row is a verbatim line of the shared original, in the original order.
    #[test]
    fn bundled_feeds_are_verbatim_subsets_of_the_shared_files() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if !shared.exists() {
            assert!(
                std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
                "{} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)",
                shared.display()
            );
            eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {} is not there", shared.display());
            return;
        }
        let originals = [
            "student_mobility/oecd_edu_enrl_mobile_2013_2019/OECD_Intl_Student_Enrollment_2013_2019.csv",
            "student_mobility/uis_360info/popular-destinations-by-origin.csv",
            "student_mobility/uis_360info/popular-origins-by-destination.csv",
            "student_mobility/uis_oecd_infosci301/inbound_intl.csv",
            "soft_power/elcano_iepg/elcano_iepg_1990_2021_long.csv",
            "dyadic/embassies_wikidata/database_of_embassies.csv",
            "dyadic/china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv",
            "dyadic/sister_cities_wikipedia/twin_cities_raw.csv",
            "dyadic/us_mission_status_kenkel/mission_status_range_cow_v0.1.csv",
            "dyadic/us_travels_abroad_hsg/trips.csv",
            "dyadic/foreign_leader_visits_us_hsg/visits.csv",
        ];
        assert_eq!(FEEDS.len(), originals.len());
        let in_order = |name: &str, bytes: &[u8], original: &str| {
            let full = std::fs::read_to_string(shared.join(original)).unwrap();
            let mut source = full.lines();
            let text = std::str::from_utf8(bytes).unwrap();
            assert_eq!(text.lines().next(), full.lines().next(), "{name}: the header is {original}'s");
            for line in text.lines() {
                assert!(source.any(|l| l == line), "{name}: {line:?} is not in {original}, in order");
            }
        };
        for ((name, bytes), original) in FEEDS.iter().zip(originals) {
            in_order(name, bytes, original);
        }
        // The crosswalk rows compiled in by `dyadic`, from each folder's crosswalk.
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/dyadic");
        for folder in [
            "embassies_wikidata",
            "china_public_diplomacy_aiddata",
            "sister_cities_wikipedia",
            "us_mission_status_kenkel",
            "us_travels_abroad_hsg",
            "foreign_leader_visits_us_hsg",
        ] {
            let subset = std::fs::read(data.join(folder).join("country_names_iso3.subset.csv")).unwrap();
            in_order(folder, &subset, &format!("dyadic/{folder}/country_names_iso3.csv"));
        }
        // AidData's table is shipped whole, byte for byte.
        let aiddata = FEEDS.iter().find(|(n, _)| *n == "ChinesePublicDiplomacy.csv").map(|(_, b)| *b);
        let original = std::fs::read(shared.join("dyadic/china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv"));
        assert_eq!(aiddata, original.ok().as_deref());
    }

    /// The paper's judgements: the four barriers are there, and every quote is the paper's.
    #[test]
    fn the_assessments_quote_the_paper() {
        use entente_model::ontology::{AssessmentCategory, Topic};
        use entente_model::record::Record;
        let ds = crate::curated::parse_dataset(&datasets()[0], &|_| None).unwrap();
        let judgements: Vec<_> = ds
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Claim(c) => c.assessment.map(|a| (c, a)),
                _ => None,
            })
            .collect();
        assert_eq!(judgements.len(), 25);
        let mut barriers: Vec<Topic> = judgements
            .iter()
            .filter(|(_, a)| a.category == AssessmentCategory::Barrier)
            .map(|(_, a)| a.topic)
            .collect();
        barriers.sort();
        assert_eq!(barriers, [Topic::EducationRanking, Topic::DistanceCost, Topic::Language, Topic::BrainDrain]);
        for (c, a) in &judgements {
            assert!(c.id.starts_with(&format!("assess-{}-", a.topic)), "{}", c.id);
            // The paper is the evidence; a reference it attached may follow, marked as only as cited.
            let (evidence, as_cited): (Vec<_>, Vec<_>) = c.sources.iter().partition(|s| s.role.is_evidence());
            assert!(!evidence.is_empty(), "{}", c.id);
            assert!(evidence.iter().all(|s| s.source == "kussainova-2021" && s.quote.is_some()), "{}", c.id);
            assert!(as_cited.iter().all(|s| s.source.starts_with("ref") && s.note.is_some()), "{}", c.id);
        }
        let seed =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/000_978b51fb5a843068.txt");
        if !seed.exists() {
            assert!(
                std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
                "{} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)",
                seed.display()
            );
            eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {} is not there", seed.display());
            return;
        }
        let paper = std::fs::read_to_string(&seed).unwrap();
        for (c, _) in &judgements {
            for s in c.sources.iter().filter(|s| s.role.is_evidence()) {
                let quote = s.quote.as_deref().unwrap_or_default();
                assert!(paper.contains(quote), "{}: {quote:?} is not in the paper", c.id);
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

    /// The corrected dataset has no finding: no evidence dated before what it supports, no
    /// record resting only on references the paper attached, no claim without a use, and
    /// every reference marked as only as cited says why.
    #[test]
    fn the_bundled_dataset_passes_the_evidence_check() {
        let (ds, findings) =
            crate::curated::check_dataset(&datasets()[0], &|_| None, &entente_model::check::Outside::nothing())
                .unwrap();
        let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert!(findings.is_empty(), "{text:#?}");
        // The paper's references that cannot support what they are attached to are marked.
        let as_cited: Vec<(&str, &str)> = ds
            .records
            .iter()
            .flat_map(|r| r.citations().iter().map(move |c| (r.id(), c)))
            .filter(|(_, c)| !c.role.is_evidence())
            .map(|(id, c)| (id, c.source.as_str()))
            .collect();
        for expected in [
            ("ev-2020-french-spring", "ref04-tusupbekova-2011"),
            ("ev-2013-students-enter-french-universities", "ref09-kusainov-2008"),
            ("claim-students-entered-2013", "ref09-kusainov-2008"),
            ("obs-students-entrants-kaz-fra-2013", "ref09-kusainov-2008"),
            ("claim-french-school-count", "ref08-directive-2013-32-eu"),
            ("claim-miras-classes-in-french", "ref08-directive-2013-32-eu"),
            ("claim-candidates-approved-102", "ref10-schengen-code-2006"),
        ] {
            assert!(as_cited.contains(&expected), "{expected:?} not marked in {as_cited:?}");
        }
    }
}
