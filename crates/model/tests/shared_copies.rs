//! The reference files compiled into entente are verbatim copies of the shared public data.
//! A missing shared folder fails the test unless the user opts out with `ENTENTE_ALLOW_MISSING=1`.

#![allow(clippy::unwrap_used)]

const COPIES: &[(&str, &str)] = &[
    ("data/countries/iso3166_countries_multilingual.csv", "data/countries/iso3166_countries_multilingual.csv"),
    ("data/countries/cameo_country_to_iso3.csv", "data/countries/cameo_country_to_iso3.csv"),
    ("data/countries/geonames_countryInfo.txt", "data/countries/geonames_countryInfo.txt"),
    ("data/lookups/CAMEO.eventcodes.txt", "data/gdelt/lookups/CAMEO.eventcodes.txt"),
    ("data/lookups/CAMEO2PLOVER-2021.txt", "data/gdelt/lookups/plover/CAMEO2PLOVER-2021.txt"),
];

#[test]
fn compiled_in_reference_files_match_the_shared_originals() {
    let Some(shared) = entente_testkit::shared("") else { return };
    for (ours, theirs) in COPIES {
        let a = std::fs::read(entente_testkit::repo(ours)).unwrap();
        let b = std::fs::read(shared.join(theirs)).unwrap_or_else(|e| panic!("{theirs}: {e}"));
        assert!(a == b, "{ours} differs from shared/{theirs}");
    }
}
