//! The dyadic readers over the real files in `../shared/data/dyadic` (a missing file fails
//! the test: these figures are the reason the readers exist) and over small inline samples,
//! one per reason a row is refused.

// Test helpers unwrap: a failure here is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use entente_ingest::indicators::{Feed, FeedRead, read_feed};
use entente_model::record::{Observation, Record};

fn shared(path: &str) -> PathBuf {
    entente_testkit::repo("../shared/data/dyadic").join(path)
}

/// Reads a shared file; panics when it is missing, so the test fails rather than skips.
fn read_shared(path: &str) -> FeedRead {
    let file = shared(path);
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or(path);
    read_feed(name, &bytes).unwrap()
}

fn obs(r: &FeedRead) -> Vec<&Observation> {
    r.observations()
}

/// Sum of the values of `indicator` from `from` to `to` (any when `None`).
fn sum(r: &FeedRead, indicator: &str, from: Option<&str>, to: Option<&str>) -> f64 {
    obs(r)
        .iter()
        .filter(|o| o.indicator == indicator)
        .filter(|o| from.is_none_or(|f| o.from.as_deref() == Some(f)))
        .filter(|o| to.is_none_or(|t| o.to.as_deref() == Some(t)))
        .map(|o| o.value)
        .sum()
}

/// Every row is used or rejected; in a counting feed the values add up to the rows used.
/// Prints the counts and the main reasons, for the record.
fn assert_totals(r: &FeedRead, counting: bool) {
    let name = &r.dataset.meta.id;
    assert_eq!(r.rows_read, r.rows_used + r.rejects.len() as u64, "{name}");
    if counting {
        let total: f64 = obs(r).iter().map(|o| o.value).sum();
        assert_eq!(total, r.rows_used as f64, "{name}: the counts add up to the rows used");
    }
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for x in &r.rejects {
        // Group by the reason's shape: names, codes and line numbers vary.
        let cut = x.reason.find(['"', '(']).unwrap_or(x.reason.len());
        let shape: String = x.reason[..cut]
            .split(' ')
            .map(|w| {
                let code = w.trim_end_matches(',');
                if code.len() == 3 && code.bytes().all(|c| c.is_ascii_uppercase()) { "…" } else { w }
            })
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect();
        *reasons.entry(shape).or_default() += 1;
    }
    eprintln!(
        "{name}: {} rows read = {} used + {} rejected; {} observations",
        r.rows_read,
        r.rows_used,
        r.rejects.len(),
        obs(r).len()
    );
    for (reason, n) in &reasons {
        eprintln!("    {n:>5}  {reason}");
    }
    let ids: std::collections::HashSet<&str> = obs(r).iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), obs(r).len(), "{name}: observation ids are distinct");
    for o in obs(r) {
        assert!(
            entente_model::indicator::lookup(&o.indicator).is_some(),
            "{name}: {} not in the catalogue",
            o.indicator
        );
        assert_eq!(o.sources.len(), 1);
        assert!(!o.sources[0].locator.is_empty());
    }
    let problems = entente_model::validate::validate(&r.dataset.records, &|_| None);
    assert!(problems.is_empty(), "{name}: {:?}", problems.first().map(ToString::to_string));
}

#[test]
fn embassies_full_file() {
    let r = read_shared("embassies_wikidata/database_of_embassies.csv");
    assert_eq!(r.feed, Feed::Embassies);
    assert_eq!(r.rows_read, 9852);
    assert_totals(&r, true);
    // France operates 255 missions, 161 of type `embassy`: one of them, in Kosovo, is refused
    // (no ISO code); the others count with its 2 de facto embassies (Taipei, Pyongyang).
    let france: f64 = ["missions.embassy", "missions.consulate", "missions.honorary", "missions.other"]
        .iter()
        .map(|i| sum(&r, i, Some("FRA"), None))
        .sum();
    let refused: Vec<&str> =
        r.rejects.iter().filter(|x| x.excerpt.starts_with("France;")).map(|x| x.reason.as_str()).collect();
    assert_eq!(refused.len(), 1);
    assert!(refused[0].starts_with("country: unknown country \"Kosovo\""), "{}", refused[0]);
    assert_eq!(france + 1.0, 255.0);
    assert_eq!(sum(&r, "missions.embassy", Some("FRA"), None), 160.0 + 2.0);
    let typed_embassy: u64 = obs(&r)
        .iter()
        .filter(|o| o.from.as_deref() == Some("FRA") && o.indicator == "missions.embassy")
        .filter_map(|o| o.note.as_deref()?.split("types: ").nth(1)?.split('.').next())
        .flat_map(|types| types.split(", ").map(str::to_string).collect::<Vec<_>>())
        .filter_map(|t| t.strip_prefix("embassy ").and_then(|n| n.parse::<u64>().ok()))
        .sum();
    assert_eq!(typed_embassy + 1, 161);
    // Two French embassies in Rome: to Italy and to the Holy See.
    let rome = obs(&r)
        .into_iter()
        .find(|o| o.id == "wikidata-embassies.missions.embassy.fra-ita.2022")
        .expect("France's embassies in Italy");
    assert_eq!(rome.value, 2.0);
    assert!(rome.note.as_deref().is_some_and(|n| n.contains("accredited to the Holy See")), "{:?}", rome.note);
    // France → Kazakhstan: embassy (Astana) + consulate general (Almaty); back: embassy + honorary consulate.
    assert_eq!(sum(&r, "missions.embassy", Some("FRA"), Some("KAZ")), 1.0);
    assert_eq!(sum(&r, "missions.consulate", Some("FRA"), Some("KAZ")), 1.0);
    assert_eq!(sum(&r, "missions.honorary", Some("FRA"), Some("KAZ")), 0.0);
    assert_eq!(sum(&r, "missions.embassy", Some("KAZ"), Some("FRA")), 1.0);
    assert_eq!(sum(&r, "missions.honorary", Some("KAZ"), Some("FRA")), 1.0);
    assert_eq!(sum(&r, "missions.consulate", Some("KAZ"), Some("FRA")), 0.0);
    let fra_kaz = obs(&r).into_iter().find(|o| o.id == "wikidata-embassies.missions.consulate.fra-kaz.2022").unwrap();
    assert!(fra_kaz.sources[0].locator.contains("consulate general, Almaty"), "{}", fra_kaz.sources[0].locator);
    assert!(fra_kaz.note.as_deref().unwrap_or("").contains("November 2022"));
    // The 31 missions placed in their own operator's country are refused as such.
    let own = r.rejects.iter().filter(|x| x.reason.contains("a known Wikidata error")).count();
    assert_eq!(own, 31);
}

#[test]
fn aiddata_full_file() {
    let r = read_shared("china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv");
    assert_eq!(r.feed, Feed::AidDataPublicDiplomacy);
    assert_eq!(r.rows_read, 741);
    assert_totals(&r, false);
    // Every value that is not N/A, total_elite_visits aside, is one observation.
    let text = std::fs::read_to_string(shared("china_public_diplomacy_aiddata/ChinesePublicDiplomacy.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let cells: usize = reader
        .records()
        .map(|row| row.unwrap().iter().enumerate().filter(|(i, v)| *i >= 2 && *i != 6 && *v != "N/A").count())
        .sum();
    assert_eq!(obs(&r).len(), cells);
    assert_eq!(sum(&r, "institutes.opened", Some("CHN"), Some("KAZ")), 5.0);
    assert_eq!(sum(&r, "twinning.established", Some("CHN"), Some("KAZ")), 14.0);
    let kaz_students =
        obs(&r).into_iter().find(|o| o.id == "aiddata-china-public-diplomacy.students.enrolled.kaz-chn.2017");
    assert_eq!(kaz_students.map(|o| o.value), Some(14_224.0));
    let gov = obs(&r).into_iter().find(|o| o.id == "aiddata-china-public-diplomacy.visits.government.chn-kaz.2004");
    assert_eq!(gov.map(|o| o.value), Some(25.0));
    for (country, n) in [("KOR", 22.0), ("AUS", 14.0), ("JPN", 14.0), ("THA", 14.0)] {
        assert_eq!(sum(&r, "institutes.opened", Some("CHN"), Some(country)), n, "{country}");
    }
    // The caveat travels with every institute count.
    assert!(
        obs(&r)
            .iter()
            .filter(|o| o.indicator == "institutes.opened")
            .all(|o| o.note.as_deref().is_some_and(|n| n.contains("not a stock")))
    );
    assert!(r.rejects.iter().all(|x| x.reason.starts_with("every value is N/A")), "{:?}", r.rejects.first());
}

#[test]
fn twin_cities_full_file() {
    let r = read_shared("sister_cities_wikipedia/twin_cities_raw.csv");
    assert_eq!(r.feed, Feed::TwinCities);
    assert_eq!(r.rows_read, 26_114);
    assert_totals(&r, true);
    let pair = obs(&r).into_iter().find(|o| o.id == "wikipedia-twin-cities.twinning.city_pairs.fra-kaz.2026").unwrap();
    assert_eq!((pair.from.as_deref(), pair.to.as_deref(), pair.value), (Some("FRA"), Some("KAZ"), 2.0));
    let locator = &pair.sources[0].locator;
    assert!(locator.contains("Nice") && locator.contains("Astana") && locator.contains("Rennes"), "{locator}");
    // Undirected: the codes are in alphabetical order.
    assert!(obs(&r).iter().all(|o| o.from < o.to));
    assert_eq!(sum(&r, "twinning.city_pairs", Some("KAZ"), Some("RUS")), 19.0);
    // A big pair's locator gives line ranges rather than every link.
    let big = obs(&r).into_iter().find(|o| o.id == "wikipedia-twin-cities.twinning.city_pairs.deu-fra.2026").unwrap();
    assert!(big.value > 600.0, "{}", big.value);
    let locator = &big.sources[0].locator;
    assert!(locator.starts_with(&format!("twin_cities_raw.csv, {} links at lines ", big.value)), "{locator}");
    let same = r.rejects.iter().filter(|x| x.reason.contains("not an international link")).count();
    let repeats = r.rejects.iter().filter(|x| x.reason.starts_with("repeats the link at line")).count();
    let names = r.rejects.iter().filter(|x| x.reason.starts_with("country")).count();
    // Kosovo 75, Northern Cyprus 48 and 5 empty country fields have no ISO code.
    assert_eq!(names, 128);
    assert_eq!(same + repeats + names, r.rejects.len());
    assert!(same > 900 && repeats > 1_100, "{same} {repeats}");
}

#[test]
fn mission_status_full_files() {
    for (file, feed, rows, last) in [
        ("mission_status_range_cow_v0.1.csv", Feed::MissionStatusCow, 656, "2024-12-31"),
        ("mission_status_range_gw_v0.1.csv", Feed::MissionStatusGw, 670, "2020-12-31"),
        ("mission_status_range_gwm_v0.1.csv", Feed::MissionStatusGwm, 725, "2020-12-31"),
    ] {
        let r = read_shared(&format!("us_mission_status_kenkel/{file}"));
        assert_eq!(r.feed, feed, "{file}");
        assert_eq!(r.rows_read, rows, "{file}");
        assert_totals(&r, false);
        assert_eq!(obs(&r).len() as u64, r.rows_used);
        // Kazakhstan: no mission from independence, an embassy from 1992-02-03 on.
        let kaz: Vec<&Observation> = obs(&r).into_iter().filter(|o| o.to.as_deref() == Some("KAZ")).collect();
        assert_eq!(kaz.len(), 2, "{file}");
        assert_eq!((kaz[0].period.to_string(), kaz[0].value), ("1991".into(), 0.0));
        assert_eq!((kaz[1].period.to_string(), kaz[1].value), ("1992".into(), 8.0));
        let note = kaz[1].note.as_deref().unwrap_or("");
        assert!(note.starts_with(&format!("Embassy (level 8 of 8) from 1992-02-03 to {last}")), "{note}");
        assert!(kaz.iter().all(|o| o.from.as_deref() == Some("USA")));
        // In COW, France's two ranges of 1944 (None from 1944-08-25, Embassy from 1944-10-23)
        // keep distinct ids.
        if feed == Feed::MissionStatusCow {
            let fra_1944: Vec<f64> = obs(&r)
                .iter()
                .filter(|o| o.to.as_deref() == Some("FRA") && o.period.start_year() == 1944)
                .map(|o| o.value)
                .collect();
            assert_eq!(fra_1944, [0.0, 8.0]);
        }
        // Only names without an ISO code are refused (former states, Kosovo…).
        assert!(r.rejects.iter().all(|x| x.reason.starts_with("country_name_")), "{:?}", r.rejects.first());
    }
}

#[test]
fn us_travels_full_file() {
    let r = read_shared("us_travels_abroad_hsg/trips.csv");
    assert_eq!(r.feed, Feed::UsTravelsAbroad);
    assert_eq!(r.rows_read, 4271);
    assert_totals(&r, true);
    assert_eq!(sum(&r, "visits.foreign_minister", Some("USA"), Some("KAZ")), 10.0);
    assert_eq!(sum(&r, "visits.head_of_state", Some("USA"), Some("KAZ")), 0.0);
    let france = sum(&r, "visits.foreign_minister", Some("USA"), Some("FRA"))
        + sum(&r, "visits.head_of_state", Some("USA"), Some("FRA"));
    assert_eq!(france, 244.0);
    assert_eq!(sum(&r, "visits.head_of_state", Some("USA"), Some("FRA")), 51.0);
    let pompeo =
        obs(&r).into_iter().find(|o| o.id == "hsg-us-travels-abroad.visits.foreign_minister.usa-kaz.2020").unwrap();
    assert!(pompeo.sources[0].locator.contains("Pompeo"), "{}", pompeo.sources[0].locator);
    // Slugs without an ISO code: Yugoslavia, Kosovo, Czechoslovakia, Netherlands Antilles, GDR.
    assert_eq!(r.rejects.len(), 29);
    assert!(r.rejects.iter().all(|x| x.reason.starts_with("country_id ")), "{:?}", r.rejects.first());
}

#[test]
fn foreign_leader_visits_full_file() {
    let r = read_shared("foreign_leader_visits_us_hsg/visits.csv");
    assert_eq!(r.feed, Feed::ForeignLeaderVisits);
    assert_eq!(r.rows_read, 3264);
    assert_totals(&r, true);
    assert_eq!(sum(&r, "visits.head_of_state", Some("KAZ"), Some("USA")), 12.0);
    assert_eq!(sum(&r, "visits.head_of_state", Some("FRA"), Some("USA")), 60.0);
    let y1999 =
        obs(&r).into_iter().find(|o| o.id == "hsg-foreign-leader-visits.visits.head_of_state.kaz-usa.1999").unwrap();
    assert_eq!(y1999.value, 2.0);
    // Yugoslavia, Czechoslovakia, Hawaii, Kosovo, the GDR: 22 rows.
    assert_eq!(r.rejects.len(), 22);
    assert!(r.rejects.iter().all(|x| x.reason.starts_with("from_id ")), "{:?}", r.rejects.first());
}

// Inline samples: each reason a row is refused, with its line.

fn reasons(r: &FeedRead) -> Vec<String> {
    r.rejects.iter().map(ToString::to_string).collect()
}

const EMBASSY_HEAD: &str = "operator;operatorQID;jurisdictions;jurisdictionQIDs;country;countryQID;city;cityQID;address;latitude;longitude;phone;email;website;facebook;twitter;youtube;picture;pictureAuthor;pictureLicense;pictureLicenseURL;type;typeQID;creation;QID;";

fn mission(operator: &str, country: &str, city: &str, kind: &str, qid: &str) -> String {
    let mut f = vec![""; 25];
    f[0] = operator;
    f[4] = country;
    f[6] = city;
    f[21] = kind;
    f[24] = qid;
    f.join(";")
}

#[test]
fn embassy_samples() {
    let rows = [
        mission("France", "Kazakhstan", "Astana", "embassy", "http://www.wikidata.org/entity/Q1"),
        mission("France", "Kazakhstan", "Almaty", "consulate general", "http://www.wikidata.org/entity/Q2"),
        mission("Kazakhstan", "France", "Lyon", "honorary consulate", "Q3"),
        mission("Quebec", "France", "Paris", "Quebec Government Office", "Q4"),
        mission("Australia", "Australia", "", "embassy", "Q5"),
        mission("France", "Kazakhstan", "Almaty", "consulate general", "Q2"),
        "France;Q;only three fields".to_string(),
        mission("Taiwan", "Kazakhstan", "Almaty", "liaison office", "Q6"),
        mission("France", "Kazakhstan", "Atyrau", "Consular Agency", "Q7"),
    ];
    // LF with a final newline, and a CRLF row: both read.
    let text = format!("{EMBASSY_HEAD}\n{}\r\n", rows.join("\n"));
    assert_eq!(Feed::detect_file("e.csv", text.as_bytes()), Some(Feed::Embassies));
    let r = read_feed("e.csv", text.as_bytes()).unwrap();
    assert_eq!(r.rows_read, 9);
    let got = reasons(&r);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(got[0].starts_with("e.csv:5: operator: unknown country \"Quebec\""), "{}", got[0]);
    assert!(got[0].ends_with("the data set's crosswalk gives no ISO code for it"), "{}", got[0]);
    assert!(got[1].starts_with("e.csv:6: host country = operator (AUS): a known Wikidata error"), "{}", got[1]);
    assert_eq!(got[2], "e.csv:7: repeats the mission at line 3 (same Wikidata item Q2, operator and host)");
    assert_eq!(got[3], "e.csv:8: has 3 fields where the header has 25 (and a trailing ;)");
    assert_eq!(r.rows_used, 5);
    let o = obs(&r);
    let ids: Vec<(&str, f64)> = o.iter().map(|o| (o.id.as_str(), o.value)).collect();
    assert_eq!(
        ids,
        [
            ("wikidata-embassies.missions.consulate.fra-kaz.2022", 1.0),
            ("wikidata-embassies.missions.embassy.fra-kaz.2022", 1.0),
            ("wikidata-embassies.missions.other.fra-kaz.2022", 1.0),
            ("wikidata-embassies.missions.honorary.kaz-fra.2022", 1.0),
            ("wikidata-embassies.missions.other.twn-kaz.2022", 1.0),
        ]
    );
    assert_eq!(o[0].sources[0].locator, "e.csv, 1 mission: line 3: Q2 (consulate general, Almaty)");
    assert_eq!(o[1].period.to_string(), "2022");
    assert!(o[2].note.as_deref().unwrap_or("").contains("Consular Agency 1"));
    // Not UTF-8.
    let mut bytes = format!("{EMBASSY_HEAD}\n").into_bytes();
    bytes.extend_from_slice(b"Fran\xe7e;x\n");
    let r = read_feed("e.csv", &bytes).unwrap();
    assert_eq!(reasons(&r), ["e.csv:2: is not UTF-8 text"]);
    assert_eq!(r.rows_read, r.rows_used + 1);
}

#[test]
fn aiddata_samples() {
    let head = "receiving_country,year,confucius_institutes,sister_cities_established,government_visits,military_visits,total_elite_visits,ambassador_op_eds,journalist_visits,media_partnerships,outbound_chinese_students,inbound_students_to_china";
    let rows = [
        "\"Kazakhstan\",2006,1,2,29,\"N/A\",29,\"N/A\",\"N/A\",\"N/A\",\"N/A\",200",
        "\"Brunei\",2006,\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\"",
        "\"Atlantis\",2006,1,0,0,0,0,0,0,0,0,0",
        "\"Kazakhstan\",20x6,1,0,0,0,0,0,0,0,0,0",
        "\"Kazakhstan\",2007,one,0,0,0,0,0,0,0,0,0",
        "\"Kazakhstan\",2006,0,0,0,0,0,0,0,0,0,0",
        "\"Kazakhstan\",2008,0,0",
        "\"Micronesia\",2010,0,0,\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\",\"N/A\"",
    ];
    // CRLF and no newline after the last row, as AidData publishes it.
    let text = format!("{head}\r\n{}", rows.join("\r\n"));
    let r = read_feed("pd.csv", text.as_bytes()).unwrap();
    assert_eq!(r.feed, Feed::AidDataPublicDiplomacy);
    assert_eq!(r.rows_read, 8);
    let got = reasons(&r);
    assert_eq!(got[0], "pd.csv:3: every value is N/A (not collected) for this country and year");
    assert!(got[1].starts_with("pd.csv:4: receiving_country: unknown country \"Atlantis\""), "{}", got[1]);
    assert_eq!(got[2], "pd.csv:5: year \"20x6\" is not a year");
    assert_eq!(got[3], "pd.csv:6: confucius_institutes \"one\" is not a number");
    assert_eq!(got[4], "pd.csv:7: repeats the row at line 2 (same country and year)");
    assert_eq!(got[5], "pd.csv:8: has 4 fields where the header has 12");
    assert_eq!(got.len(), 6);
    assert_eq!(r.rows_used, 2);
    let o = obs(&r);
    let got: Vec<(&str, &str, &str, f64)> = o
        .iter()
        .map(|o| (o.indicator.as_str(), o.from.as_deref().unwrap_or(""), o.to.as_deref().unwrap_or(""), o.value))
        .collect();
    // N/A is no observation, total_elite_visits is left out, inbound students go to China.
    assert_eq!(
        got,
        [
            ("institutes.opened", "CHN", "KAZ", 1.0),
            ("twinning.established", "CHN", "KAZ", 2.0),
            ("visits.government", "CHN", "KAZ", 29.0),
            ("students.enrolled", "KAZ", "CHN", 200.0),
            ("institutes.opened", "CHN", "FSM", 0.0),
            ("twinning.established", "CHN", "FSM", 0.0),
        ]
    );
    assert_eq!(o[0].sources[0].locator, "receiving_country=Kazakhstan, year=2006, column confucius_institutes");
}

#[test]
fn twin_city_samples() {
    let text = "city1,country1,city2,country2\n\
        Nice,France,Astana,Kazakhstan\n\
        Rennes,France,Almaty,Kazakhstah\n\
        astana,Kazakhstan,NICE,France\n\
        Pécs,Hungary,Cluj-Napoca,Hungary\n\
        Prizren,Kosovo,Nice,France\n\
        ,France,Astana,Kazakhstan\n\
        \"Paris, 5e\",France,Rome,Italy,extra\n\
        Cardiff,Wales,Nantes,France\n";
    let r = read_feed("twins.csv", text.as_bytes()).unwrap();
    assert_eq!(r.feed, Feed::TwinCities);
    let got = reasons(&r);
    assert_eq!(got[0], "twins.csv:4: repeats the link at line 2 (same two cities and countries)");
    assert_eq!(got[1], "twins.csv:5: both cities in HUN, not an international link");
    assert!(got[2].starts_with("twins.csv:6: country1: unknown country \"Kosovo\""), "{}", got[2]);
    assert_eq!(got[3], "twins.csv:7: city1 is empty");
    assert_eq!(got[4], "twins.csv:8: has 5 fields where the header has 4");
    assert_eq!(got.len(), 5);
    assert_eq!((r.rows_read, r.rows_used), (8, 3));
    let o = obs(&r);
    assert_eq!(o.len(), 2);
    assert_eq!((o[0].from.as_deref(), o[0].to.as_deref(), o[0].value), (Some("FRA"), Some("GBR"), 1.0));
    assert_eq!((o[1].id.as_str(), o[1].value), ("wikipedia-twin-cities.twinning.city_pairs.fra-kaz.2026", 2.0));
    assert_eq!(
        o[1].sources[0].locator,
        "twins.csv, 2 links: line 2: Nice (France) – Astana (Kazakhstan); line 3: Rennes (France) – Almaty (Kazakhstah)"
    );
}

#[test]
fn mission_status_samples() {
    let text = "country_abbrev_cow,country_code_cow,country_name_cow,country_name_usdos,date_start,date_end,us_mission_status\r\n\
        FRN,220,France,France,1942-11-08,1942-11-11,None\r\n\
        FRN,220,France,France,1942-11-12,1944-10-22,Embassy\r\n\
        KZK,705,Kazakhstan,Kazakhstan,1992-02-30,2024-12-31,Embassy\r\n\
        KZK,705,Kazakhstan,Kazakhstan,1992-02-03,1991-12-31,Embassy\r\n\
        KZK,705,Kazakhstan,Kazakhstan,1992-02-03,2024-12-31,Mission\r\n\
        YUG,345,Yugoslavia,Serbia,1992-01-01,2006-06-04,Embassy\r\n\
        FRN,220,France,France,1942-11-08,1942-11-11,None\r\n";
    let r = read_feed("mission_status_range_cow_v0.1.csv", text.as_bytes()).unwrap();
    assert_eq!(r.feed, Feed::MissionStatusCow);
    let got = reasons(&r);
    assert!(got[0].starts_with("mission_status_range_cow_v0.1.csv:4: date_start \"1992-02-30\""), "{}", got[0]);
    assert_eq!(got[1], "mission_status_range_cow_v0.1.csv:5: date_end 1991-12-31 is before date_start 1992-02-03");
    assert!(got[2].contains(":6: us_mission_status \"Mission\" is not one of Embassy, "), "{}", got[2]);
    assert!(got[3].contains(":7: country_name_cow: unknown country \"Yugoslavia\""), "{}", got[3]);
    assert_eq!(got[4], "mission_status_range_cow_v0.1.csv:8: repeats the row at line 2 (same country and start date)");
    assert_eq!((r.rows_read, r.rows_used, got.len()), (7, 2, 5));
    let o = obs(&r);
    // Two ranges start in 1942: the start date keeps their ids apart.
    assert_eq!(o[0].id, "us-mission-status-cow.missions.representation_level.usa-fra.1942.1942-11-08");
    assert_eq!(o[1].id, "us-mission-status-cow.missions.representation_level.usa-fra.1942.1942-11-12");
    assert_eq!((o[0].value, o[1].value), (0.0, 8.0));
    assert_eq!(
        o[1].note.as_deref(),
        Some(
            "Embassy (level 8 of 8) from 1942-11-12 to 1944-10-22: the highest U.S. representation in France (cow FRN) over the range."
        )
    );
    // The GW header serves both Gleditsch–Ward files: the name, or a microstate, tells which.
    let gw = "country_abbrev_gw,country_code_gw,country_name_gw,country_name_usdos,date_start,date_end,us_mission_status\n\
        KZK,705,Kazakhstan,Kazakhstan,1992-02-03,2020-12-31,Embassy\n";
    assert_eq!(Feed::detect_file("x.csv", gw.as_bytes()), Some(Feed::MissionStatusGw));
    assert_eq!(Feed::detect_file("mission_status_range_gwm_v0.1.csv", gw.as_bytes()), Some(Feed::MissionStatusGwm));
    let with_monaco = format!("{gw}MNC,221,Monaco,Monaco,1993-05-27,2020-12-31,Ambassador Nonresident\n");
    let r = read_feed("x.csv", with_monaco.as_bytes()).unwrap();
    assert_eq!(r.dataset.meta.id, "us-mission-status-gwm");
    assert_eq!(obs(&r)[1].value, 7.0);
}

#[test]
fn travel_and_visit_samples() {
    let head = "id,role,who,name,start_date,end_date,origin_iso3,country_id,country,locale,remarks,source_file";
    let text = format!(
        "{head}\n\
        1,secretary,baker-james-addison,James A. Baker,1991-12-17,1991-12-17,USA,kazakhstan,Kazakhstan,Alma Ata,,x\n\
        2,secretary,rice-condoleezza,Condoleezza Rice,2005-10-13,2005-10-13,USA,kazakhstan,Kazakhstan,Astana,,x\n\
        3,president,nixon-richard-m,Richard Nixon,1972-05-22,1972-05-30,USA,russia,U.S.S.R.,Moscow,,x\n\
        4,vice-president,x,X,1990-01-01,1990-01-01,USA,france,France,Paris,,x\n\
        5,secretary,x,X,1990-13-01,1990-01-01,USA,france,France,Paris,,x\n\
        6,secretary,x,X,1990-01-01,1990-01-01,USA,yugoslavia,Yugoslavia,Belgrade,,x\n\
        2,secretary,rice-condoleezza,Condoleezza Rice,2005-10-13,2005-10-13,USA,kazakhstan,Kazakhstan,Astana,,x\n\
        7,secretary,x,X,1990-01-01,1990-01-01,CAN,france,France,Paris,,x\n\
        8,secretary,kerry-john-forbes,John Kerry,2015-11-02,2015-11-02,USA,korea-south,\"Korea, South\",Seoul,,x\n"
    );
    let r = read_feed("trips.csv", text.as_bytes()).unwrap();
    assert_eq!(r.feed, Feed::UsTravelsAbroad);
    let got = reasons(&r);
    assert_eq!(got[0], "trips.csv:5: role \"vice-president\" is neither president nor secretary");
    assert_eq!(got[1], "trips.csv:6: start_date \"1990-13-01\" is not a date (YYYY-MM-DD)");
    assert!(got[2].starts_with("trips.csv:7: country_id yugoslavia (Yugoslavia): unknown country"), "{}", got[2]);
    assert_eq!(got[3], "trips.csv:8: repeats trip id 2 of line 3");
    assert_eq!(got[4], "trips.csv:9: origin_iso3 \"CAN\" is not USA");
    assert_eq!((r.rows_read, r.rows_used, got.len()), (9, 4, 5));
    let o = obs(&r);
    let got: Vec<(&str, f64)> = o.iter().map(|o| (o.id.as_str(), o.value)).collect();
    assert_eq!(
        got,
        [
            ("hsg-us-travels-abroad.visits.foreign_minister.usa-kaz.1991", 1.0),
            ("hsg-us-travels-abroad.visits.foreign_minister.usa-kaz.2005", 1.0),
            ("hsg-us-travels-abroad.visits.foreign_minister.usa-kor.2015", 1.0),
            ("hsg-us-travels-abroad.visits.head_of_state.usa-rus.1972", 1.0),
        ]
    );
    // The label the file gives when it is not the country's own name.
    assert!(o[3].note.as_deref().unwrap_or("").contains("Listed as: U.S.S.R."), "{:?}", o[0].note);

    let head = "id,start_date,end_date,visitor,from_id,from,dest_iso3,description,source_file";
    let text = format!(
        "{head}\n\
        10,1999-04-23,1999-04-25,President Nursultan Nazarbayev,kazakhstan,Kazakhstan,USA,NATO summit.,x\n\
        11,1999-12-20,1999-12-22,President Nursultan Nazarbayev,kazakhstan,Kazakhstan,USA,Official visit.,x\n\
        12,1874-12-12,1874-12-23,King Kalakaua,hawaii,Hawaii,USA,State visit.,x\n\
        13,2000-01-01,2000-01-01,President X,kazakhstan,Kazakhstan,CAN,Visit.,x\n\
        14,2000,2000-01-01,President X,kazakhstan,Kazakhstan,USA,Visit.,x\n\
        10,1999-04-23,1999-04-25,President Nursultan Nazarbayev,kazakhstan,Kazakhstan,USA,NATO summit.,x\n"
    );
    let r = read_feed("visits.csv", text.as_bytes()).unwrap();
    assert_eq!(r.feed, Feed::ForeignLeaderVisits);
    let got = reasons(&r);
    assert!(got[0].starts_with("visits.csv:4: from_id hawaii (Hawaii): unknown country"), "{}", got[0]);
    assert_eq!(got[1], "visits.csv:5: dest_iso3 \"CAN\" is not USA");
    assert_eq!(got[2], "visits.csv:6: start_date \"2000\" is not a full date (YYYY-MM-DD)");
    assert_eq!(got[3], "visits.csv:7: repeats visit id 10 of line 2");
    assert_eq!((r.rows_read, r.rows_used, got.len()), (6, 2, 4));
    let o = obs(&r);
    assert_eq!((o[0].id.as_str(), o[0].value), ("hsg-foreign-leader-visits.visits.head_of_state.kaz-usa.1999", 2.0));
    assert_eq!(
        o[0].sources[0].locator,
        "visits.csv, 2 visits: line 2: visit 10, President Nursultan Nazarbayev, 1999-04-23; line 3: visit 11, President Nursultan Nazarbayev, 1999-12-20"
    );
}

#[test]
fn sources_carry_licence_and_attribution() {
    let source = |text: &str, name: &str| {
        let r = read_feed(name, text.as_bytes()).unwrap();
        match &r.dataset.records[0] {
            Record::Source(s) => s.clone(),
            _ => panic!("the first record is the source"),
        }
    };
    let s = source("city1,country1,city2,country2\n", "t.csv");
    assert!(s.licence.as_deref().unwrap_or("").contains("CC BY-SA 4.0"));
    assert!(s.note.as_deref().unwrap_or("").contains("Wikipedia contributors"));
    assert_eq!(s.url.as_deref(), Some("https://github.com/Hekman/twincities"));
    let s = source(
        "receiving_country,year,confucius_institutes,sister_cities_established,government_visits,military_visits,total_elite_visits,ambassador_op_eds,journalist_visits,media_partnerships,outbound_chinese_students,inbound_students_to_china\n",
        "a.csv",
    );
    assert!(s.licence.as_deref().unwrap_or("").contains("ODC-By 1.0"));
    assert!(s.note.as_deref().unwrap_or("").contains(
        "AidData. (2020). China's Public Diplomacy Dashboard Dataset, Version 2.0. Retrieved from http://china-dashboard.aiddata.org"
    ));
    let s = source(&format!("{EMBASSY_HEAD}\n"), "e.csv");
    assert_eq!(s.licence.as_deref(), Some("CC0 1.0 (Wikidata)"));
    assert!(s.note.as_deref().unwrap_or("").contains("November 2022"));
}
