//! Fuzz targets for the model's parsers of outside input, as property tests (proptest runs on
//! stable Rust; `cargo fuzz` needs nightly): partial dates and periods, and country queries.
//!
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default small, for CI); `bench/fuzz/run.sh`
//! runs them long in release mode. proptest writes no regression files
//! (`failure_persistence: None`): a failure found stays here as a plain `#[test]`.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use entente_model::country::CountryError;
use entente_model::date::{Precision, days_in_month};
use entente_model::{CountryTable, PartialDate, Period};
use proptest::prelude::*;

/// Cases per target: `ENTENTE_FUZZ_CASES`, or `default` (small, so CI stays fast).
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("ENTENTE_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------
// Dates and periods
// ---------------------------------------------------------------------------------------

/// Strings that look like dates or periods, nearly or exactly, with padding and odd digits.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}",
        "[0-9]{4}-[0-9]{2}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{1,5}(-[0-9]{0,3}){0,4}",
        "[ \t\n]{0,2}[0-9]{4}(-[0-9]{2}){0,2}[ \t\n]{0,2}",
        "[0-9]{4}/[0-9]{2,4}",
        "[0-9]{4}/[0-9]{0,5}/?",
        "[0-9٠-٩０-９]{4}(-[0-9]{2})?",
        "[+-]?[0-9]{3,5}",
        "\\PC{0,12}",
        ".{0,6}",
    ]
}

/// What every parsed date satisfies: a year in 1..=9999, a month in 1..=12, a day that exists,
/// precision matching what is known, and its earliest day not after its latest.
fn check_date(d: &PartialDate) -> Result<(), TestCaseError> {
    prop_assert!((1..=9999).contains(&d.year), "{:?}", d);
    if let Some(m) = d.month {
        prop_assert!((1..=12).contains(&m), "{:?}", d);
    }
    if let Some(day) = d.day {
        let m = d.month.unwrap_or(0);
        prop_assert!(d.month.is_some(), "a day without a month: {:?}", d);
        prop_assert!(day >= 1 && day <= days_in_month(d.year, m), "{:?}", d);
    }
    let precision = match (d.month, d.day) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    };
    prop_assert_eq!(d.precision(), precision);
    prop_assert!(d.sort_key() <= d.end_key(), "{:?}", d);
    Ok(())
}

fn check_date_text(s: &str) -> Result<(), TestCaseError> {
    if let Ok(d) = s.parse::<PartialDate>() {
        check_date(&d)?;
        // What parses prints back to text that parses to the same date.
        let printed = d.to_string();
        prop_assert_eq!(printed.parse::<PartialDate>(), Ok(d), "{:?} printed as {:?}", s, printed);
        prop_assert_eq!(printed.as_str(), s.trim(), "a parsed date prints as written, trimmed");
        // And through serde, as records store it.
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), d);
    } else {
        let err = s.parse::<PartialDate>().unwrap_err();
        prop_assert!(!err.to_string().is_empty());
    }
    match s.parse::<Period>() {
        Ok(p) => {
            let printed = p.to_string();
            prop_assert_eq!(printed.parse::<Period>(), Ok(p), "{:?} printed as {:?}", s, printed);
            prop_assert!((0..=9999).contains(&p.start_year()), "{:?}", p);
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings: a date or an error, never a panic; a parsed date round-trips.
    #[test]
    fn dates_arbitrary_strings(s in any::<String>()) {
        check_date_text(&s)?;
    }

    /// Near-dates and near-periods: the same, where most of them are nearly valid.
    #[test]
    fn dates_near_valid_strings(s in date_like()) {
        check_date_text(&s)?;
    }

    /// Every real date prints and parses back to itself, at every precision.
    #[test]
    fn dates_every_valid_date_round_trips(year in 1i32..=9999, month in 1u8..=12, day in 1u8..=31, precision in 0..3) {
        let day = day.min(days_in_month(year, month));
        let d = match precision {
            0 => PartialDate::year(year),
            1 => PartialDate { year, month: Some(month), day: None },
            _ => PartialDate { year, month: Some(month), day: Some(day) },
        };
        prop_assert_eq!(d.to_string().parse::<PartialDate>(), Ok(d));
        let academic = Period::AcademicYear(year.min(9998));
        prop_assert_eq!(academic.to_string().parse::<Period>(), Ok(academic));
        prop_assert_eq!(Period::Year(year).to_string().parse::<Period>(), Ok(Period::Year(year)));
    }
}

// ---------------------------------------------------------------------------------------
// Country resolution
// ---------------------------------------------------------------------------------------

/// What a query resolves to must be the country asked for, or an ambiguity that lists it.
fn resolves_to(query: &str, alpha3: &str) -> Result<(), TestCaseError> {
    let t = CountryTable::bundled();
    match t.resolve(query) {
        Ok(c) => prop_assert_eq!(c.alpha3.as_str(), alpha3, "{:?}", query),
        Err(CountryError::Ambiguous { candidates, .. }) => {
            let me = t.by_alpha3(alpha3).unwrap().to_string();
            prop_assert!(candidates.contains(&me), "{:?}: {:?} lacks {}", query, candidates, me);
        }
        Err(e) => prop_assert!(false, "{:?} (of {}) does not resolve: {}", query, alpha3, e),
    }
    Ok(())
}

/// Country queries as people and files write them: names in four languages, codes, prefixes.
fn country_query() -> impl Strategy<Value = String> {
    let t = CountryTable::bundled();
    let mut words: Vec<String> = Vec::new();
    for c in t.all() {
        words.push(c.alpha3.clone());
        words.push(c.alpha2.clone());
        words.extend(c.name.iter().map(|(_, n)| n.to_string()));
        words.extend(c.aliases.iter().cloned());
    }
    prop_oneof![
        2 => prop::sample::select(words.clone()),
        1 => (prop::sample::select(words), "\\PC{0,3}", any::<usize>()).prop_map(|(w, noise, at)| {
            // A name with a few characters inserted, dropped or with case changed.
            let chars: Vec<char> = w.chars().collect();
            let at = at % (chars.len() + 1);
            let mut out: String = chars[..at].iter().collect();
            out.push_str(&noise);
            out.extend(chars[at..].iter().skip(1));
            if at.is_multiple_of(2) { out.to_uppercase() } else { out.to_lowercase() }
        }),
        1 => "(fips|cameo|FIPS|Cameo):[ ]?[A-Za-z0-9]{0,4}",
        1 => "[0-9]{1,4}",
        1 => "[A-Za-z]{2,3}",
        2 => "\\PC{0,24}",
    ]
}

#[test]
fn every_country_resolves_by_its_codes_and_names() {
    let t = CountryTable::bundled();
    for c in t.all() {
        for q in
            [c.alpha3.clone(), c.alpha2.clone(), c.numeric.clone(), c.alpha3.to_lowercase(), c.alpha2.to_lowercase()]
        {
            assert_eq!(t.resolve(&q).unwrap().alpha3, c.alpha3, "{q}");
        }
        for (_, name) in c.name.iter() {
            resolves_to(name, &c.alpha3).unwrap();
            resolves_to(&format!("  {}  ", name.to_uppercase()), &c.alpha3).unwrap();
        }
        if let Some(f) = &c.fips {
            assert_eq!(t.resolve(&format!("fips:{f}")).unwrap().alpha3, c.alpha3, "fips:{f}");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary strings: a country or an error, never a panic; errors say what was asked.
    #[test]
    fn countries_arbitrary_strings(s in any::<String>()) {
        check_query(&s)?;
    }

    /// Names, codes and near-misses: the same, and a country found resolves by its own codes.
    #[test]
    fn countries_names_and_codes(s in country_query()) {
        check_query(&s)?;
    }

    /// A random country resolves to itself by its codes and names in any case, padded.
    #[test]
    fn countries_round_trip(index in 0usize..249, pad in "[ \t]{0,2}", upper in any::<bool>()) {
        let t = CountryTable::bundled();
        let c = &t.all()[index % t.all().len()];
        let case = |s: &str| if upper { s.to_uppercase() } else { s.to_lowercase() };
        for q in [&c.alpha3, &c.alpha2] {
            prop_assert_eq!(&t.resolve(&format!("{pad}{}{pad}", case(q))).unwrap().alpha3, &c.alpha3);
        }
        for (_, name) in c.name.iter() {
            resolves_to(&format!("{pad}{}{pad}", case(name)), &c.alpha3)?;
        }
    }
}

fn check_query(s: &str) -> Result<(), TestCaseError> {
    let t = CountryTable::bundled();
    match t.resolve(s) {
        Ok(c) => {
            prop_assert_eq!(t.resolve(&c.alpha3).unwrap().alpha3.as_str(), c.alpha3.as_str());
            prop_assert_eq!(t.resolve(&c.alpha2).unwrap().alpha3.as_str(), c.alpha3.as_str());
            prop_assert!(t.by_alpha3(&c.alpha3).is_some());
        }
        Err(CountryError::Empty) => prop_assert!(s.trim().is_empty()),
        Err(CountryError::Unknown { suggestions, .. }) => prop_assert!(suggestions.len() <= 3),
        Err(CountryError::Ambiguous { candidates, .. }) => prop_assert!(candidates.len() >= 2),
    }
    Ok(())
}
