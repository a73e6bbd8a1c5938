//! Dyadic data sets (country A → country B): Wikidata's diplomatic missions, AidData's China
//! public diplomacy dashboard, Wikipedia's twin cities, Kenkel's U.S. mission status, and the
//! Office of the Historian's U.S. travels abroad and foreign leader visits.
//!
//! They come in by the indicator door ([`crate::indicators::read_feed`]): each file is a
//! [`Feed`] recognised by its header, read into observations citing one source, and every row
//! is used or rejected with file, line and reason. Four of them are counted: one observation
//! stands for many rows (missions per operator, host and kind; city links per country pair;
//! trips or visits per country and year) and its value is their number, so the values add up
//! to the rows used. Country names resolve through the country table first, then through the
//! data set's hand-checked crosswalk (`data/dyadic/*/country_names_iso3.subset.csv`).

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::LazyLock;

use entente_model::record::{Person, Source};
use entente_model::{CountryTable, PartialDate, Period};

use crate::indicators::{Builder, Feed, FeedRead, Figure, RowLines, csv_error_reason, parse_value, resolve};

const EMBASSIES_HEADER: &[&str] = &[
    "operator",
    "operatorQID",
    "jurisdictions",
    "jurisdictionQIDs",
    "country",
    "countryQID",
    "city",
    "cityQID",
    "address",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "facebook",
    "twitter",
    "youtube",
    "picture",
    "pictureAuthor",
    "pictureLicense",
    "pictureLicenseURL",
    "type",
    "typeQID",
    "creation",
    "QID",
];
const AIDDATA_HEADER: &[&str] = &[
    "receiving_country",
    "year",
    "confucius_institutes",
    "sister_cities_established",
    "government_visits",
    "military_visits",
    "total_elite_visits",
    "ambassador_op_eds",
    "journalist_visits",
    "media_partnerships",
    "outbound_chinese_students",
    "inbound_students_to_china",
];
const TWIN_HEADER: &[&str] = &["city1", "country1", "city2", "country2"];
const COW_HEADER: &[&str] = &[
    "country_abbrev_cow",
    "country_code_cow",
    "country_name_cow",
    "country_name_usdos",
    "date_start",
    "date_end",
    "us_mission_status",
];
const GW_HEADER: &[&str] = &[
    "country_abbrev_gw",
    "country_code_gw",
    "country_name_gw",
    "country_name_usdos",
    "date_start",
    "date_end",
    "us_mission_status",
];
const TRAVELS_HEADER: &[&str] = &[
    "id",
    "role",
    "who",
    "name",
    "start_date",
    "end_date",
    "origin_iso3",
    "country_id",
    "country",
    "locale",
    "remarks",
    "source_file",
];
const VISITS_HEADER: &[&str] =
    &["id", "start_date", "end_date", "visitor", "from_id", "from", "dest_iso3", "description", "source_file"];

/// Gleditsch–Ward codes of the microstates that only the GWM file has (checked against
/// Kenkel's v0.1 files: its rows minus the GW file's).
const GWM_ONLY_CODES: &[&str] = &[
    "54", "55", "56", "57", "58", "60", "221", "223", "232", "331", "396", "397", "403", "591", "935", "970", "971",
    "972", "973", "983", "986", "987", "990",
];

/// The feed a dyadic header announces (trimmed, without BOM).
pub(crate) fn detect(h: &[String]) -> Option<Feed> {
    let is = |cols: &[&str]| h.len() == cols.len() && h.iter().zip(cols).all(|(a, b)| a == b);
    // The embassies header ends with a `;` that its rows lack: an empty last field.
    let mut trimmed = h;
    while let [rest @ .., last] = trimmed
        && last.is_empty()
    {
        trimmed = rest;
    }
    if trimmed.len() == EMBASSIES_HEADER.len() && trimmed.iter().zip(EMBASSIES_HEADER).all(|(a, b)| a == b) {
        Some(Feed::Embassies)
    } else if is(AIDDATA_HEADER) {
        Some(Feed::AidDataPublicDiplomacy)
    } else if is(TWIN_HEADER) {
        Some(Feed::TwinCities)
    } else if is(COW_HEADER) {
        Some(Feed::MissionStatusCow)
    } else if is(GW_HEADER) {
        Some(Feed::MissionStatusGw)
    } else if is(TRAVELS_HEADER) {
        Some(Feed::UsTravelsAbroad)
    } else if is(VISITS_HEADER) {
        Some(Feed::ForeignLeaderVisits)
    } else {
        None
    }
}

/// Whether a file with the Gleditsch–Ward header is the microstates variant: the two share
/// a header, so the name (`…_gwm_…`) or a microstate among the rows tells them apart.
pub(crate) fn is_gwm(file: &str, bytes: &[u8]) -> bool {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file).to_ascii_lowercase();
    name.contains("gwm")
        || bytes.split(|b| *b == b'\n').skip(1).any(|line| {
            let mut fields = line.split(|b| *b == b',');
            let code = fields.nth(1).unwrap_or(&[]);
            GWM_ONLY_CODES.iter().any(|c| c.as_bytes() == code)
        })
}

const EMBASSIES_URL: &str = "https://github.com/database-of-embassies/database-of-embassies";
const AIDDATA_URL: &str = "https://github.com/milesdwilliams15/chinese_media_and_foreign_aid";
const TWIN_URL: &str = "https://github.com/Hekman/twincities";
const KENKEL_URL: &str = "https://github.com/brentonk/us_diplomatic_missions";
const TRAVELS_URL: &str = "https://github.com/HistoryAtState/travels";
const VISITS_URL: &str = "https://github.com/HistoryAtState/visits";

/// The source record of a dyadic feed, with the licence and the attribution its provider asks for.
pub(crate) fn source(feed: Feed, file: &str, base: Source) -> Source {
    let imported = format!("Imported by entente from {file}.");
    let org = |name: &str| vec![Person { family: name.into(), given: None }];
    let historian = "U.S. Department of State, Office of the Historian";
    match feed {
        Feed::Embassies => Source {
            authors: org("Wikidata contributors"),
            title: "Database of embassies and consulates (database_of_embassies.csv)".into(),
            container: Some("database-of-embassies/database-of-embassies, commit b1987a62f9412564fa33c5e9193a65319bc504a3".into()),
            publisher: Some("Wikidata".into()),
            date: PartialDate::from_str("2022-11-16").ok(),
            url: Some(EMBASSIES_URL.into()),
            licence: Some("CC0 1.0 (Wikidata)".into()),
            note: Some(format!(
                "{imported} Data from Wikidata via the Database of embassies and consulates (github.com/database-of-embassies/database-of-embassies). A snapshot of Wikidata in November 2022 (missions without an end date), not a history; coverage is uneven, so a missing mission is not evidence of none. The picture columns point to Wikimedia Commons files under their own licences; entente does not use them."
            )),
            ..base
        },
        Feed::AidDataPublicDiplomacy => Source {
            authors: org("AidData"),
            title: "China's Public Diplomacy Dashboard Dataset, Version 2.0".into(),
            container: Some("AidData's files as copied in milesdwilliams15/chinese_media_and_foreign_aid, commit 6d4593b9f3398b8af691e7fb58d07c01b432afaa, 01_data/PublicDiplomacy/ChinesePublicDiplomacy.csv".into()),
            publisher: Some("AidData at William & Mary".into()),
            date: Some(PartialDate::year(2020)),
            url: Some(AIDDATA_URL.into()),
            licence: Some("Open Data Commons Attribution License (ODC-By 1.0)".into()),
            note: Some(format!(
                "{imported} Licensed under the Open Data Commons Attribution License (ODC-By 1.0), whose notice must stay with any public copy. Required citation: AidData. (2020). China's Public Diplomacy Dashboard Dataset, Version 2.0. Retrieved from http://china-dashboard.aiddata.org. AidData also asks to cite Custer et al. (2018) Ties That Bind, Custer et al. (2019) Influencing the Narrative and Custer et al. (2019) Silk Road Diplomacy. N/A means not collected, never zero; total_elite_visits is not imported, being government_visits + military_visits."
            )),
            ..base
        },
        Feed::TwinCities => Source {
            authors: vec![Person { family: "Hekman".into(), given: Some("Erik".into()) }],
            title: "twincities: twin towns and sister cities from the English Wikipedia (twin_cities_raw.csv)".into(),
            container: Some("Hekman/twincities, commit 84ebdec26ee6878367953cfbc56311ae6452752b".into()),
            date: Some(PartialDate::year(2026)),
            url: Some(TWIN_URL.into()),
            licence: Some("CC BY-SA 4.0 (Wikipedia contributors); repository MIT (© 2026 Erik Hekman)".into()),
            note: Some(format!(
                "{imported} Sister-city data scraped from the English Wikipedia lists of twin towns and sister cities (CC BY-SA 4.0, Wikipedia contributors) by Erik Hekman, github.com/Hekman/twincities (MIT). Share alike. Scraped in February 2026; links are undated and undirected, and only 79 countries have their own list page."
            )),
            ..base
        },
        Feed::MissionStatusCow | Feed::MissionStatusGw | Feed::MissionStatusGwm => Source {
            authors: vec![Person { family: "Kenkel".into(), given: Some("Brenton".into()) }],
            title: format!("U.S. Diplomatic Mission Status Data, version 0.1 ({})", system_name(feed)),
            container: Some(format!(
                "brentonk/us_diplomatic_missions, commit 6b3b3acfcdd821176aa976b9c56be3648c678ca1, data/v0.1/mission_status_range_{}_v0.1.csv",
                system_code(feed)
            )),
            date: Some(PartialDate::year(2026)),
            url: Some(KENKEL_URL.into()),
            licence: Some("CC BY 4.0 (data); MIT (code)".into()),
            note: Some(format!(
                "{imported} Credit: Brenton Kenkel, U.S. Diplomatic Mission Status Data, version 0.1 (2026), https://github.com/brentonk/us_diplomatic_missions — based on U.S. Department of State, Office of the Historian, A Guide to the United States' History of Recognition, Diplomatic, and Consular Relations, by Country, since 1776. Licensed CC BY 4.0."
            )),
            ..base
        },
        Feed::UsTravelsAbroad => Source {
            authors: org(historian),
            title: "Travels of the President and the Secretary of State".into(),
            container: Some("HistoryAtState/travels, commit 3170c773f22c99dadc8ec93da070f8ff6259d6d8 (trips.csv derived from its XML)".into()),
            publisher: Some(historian.into()),
            url: Some(TRAVELS_URL.into()),
            licence: Some("Public domain (U.S. Government work); CC0 1.0 worldwide".into()),
            note: Some(format!(
                "{imported} Courtesy credit: U.S. Department of State, Office of the Historian — Travels of the President and the Secretary of State (github.com/HistoryAtState/travels). Data behind history.state.gov/departmenthistory/travels."
            )),
            ..base
        },
        Feed::ForeignLeaderVisits => Source {
            authors: org(historian),
            title: "Visits by Foreign Leaders".into(),
            container: Some("HistoryAtState/visits, commit 869ca4f0e8d15521bc3c094b846e6b1d3c7d8f1d (visits.csv derived from its XML)".into()),
            publisher: Some(historian.into()),
            url: Some(VISITS_URL.into()),
            licence: Some("Public domain (U.S. Government work); CC0 1.0 worldwide".into()),
            note: Some(format!(
                "{imported} Courtesy credit: U.S. Department of State, Office of the Historian — Visits by Foreign Leaders (github.com/HistoryAtState/visits). Data behind history.state.gov/departmenthistory/visits."
            )),
            ..base
        },
        _ => base,
    }
}

pub(crate) fn title(feed: Feed) -> &'static str {
    match feed {
        Feed::Embassies => "Wikidata: diplomatic missions by operator and host country, November 2022",
        Feed::AidDataPublicDiplomacy => "AidData: China's public diplomacy by receiving country, 2000–2018",
        Feed::TwinCities => "Wikipedia: twin towns and sister cities by country pair, 2026",
        Feed::MissionStatusCow => "Kenkel: level of U.S. representation by country, 1816–2024 (COW states)",
        Feed::MissionStatusGw => "Kenkel: level of U.S. representation by country, 1816–2020 (Gleditsch–Ward states)",
        Feed::MissionStatusGwm => {
            "Kenkel: level of U.S. representation by country, 1816–2020 (Gleditsch–Ward states and microstates)"
        }
        Feed::UsTravelsAbroad => "Office of the Historian: foreign trips of the U.S. President and Secretary of State",
        Feed::ForeignLeaderVisits => "Office of the Historian: visits of foreign leaders to the United States",
        _ => "",
    }
}

fn system_name(feed: Feed) -> &'static str {
    match feed {
        Feed::MissionStatusGw => "Gleditsch–Ward states",
        Feed::MissionStatusGwm => "Gleditsch–Ward states and microstates",
        _ => "Correlates of War states",
    }
}

fn system_code(feed: Feed) -> &'static str {
    match feed {
        Feed::MissionStatusGw => "gw",
        Feed::MissionStatusGwm => "gwm",
        _ => "cow",
    }
}

const EMBASSY_NAMES: &str = include_str!("../../../data/dyadic/embassies_wikidata/country_names_iso3.subset.csv");
const AIDDATA_NAMES: &str =
    include_str!("../../../data/dyadic/china_public_diplomacy_aiddata/country_names_iso3.subset.csv");
const TWIN_NAMES: &str = include_str!("../../../data/dyadic/sister_cities_wikipedia/country_names_iso3.subset.csv");
const MISSION_NAMES: &str = include_str!("../../../data/dyadic/us_mission_status_kenkel/country_names_iso3.subset.csv");
const TRAVELS_NAMES: &str = include_str!("../../../data/dyadic/us_travels_abroad_hsg/country_names_iso3.subset.csv");
const VISITS_NAMES: &str =
    include_str!("../../../data/dyadic/foreign_leader_visits_us_hsg/country_names_iso3.subset.csv");

/// Each data set's hand-checked crosswalk, name → ISO alpha-3; only rows with a code whose
/// match is exact, comma_rule or alias (the others are names with no ISO code).
static CROSSWALKS: LazyLock<HashMap<Feed, HashMap<String, String>>> = LazyLock::new(|| {
    let table = |text: &str| -> HashMap<String, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .filter(|r| matches!(r.get(2), Some("exact" | "comma_rule" | "alias")))
            .filter_map(|r| Some((r.get(0)?.trim().to_string(), r.get(1)?.trim().to_string())))
            .filter(|(_, code)| !code.is_empty())
            .collect()
    };
    let mission = table(MISSION_NAMES);
    [
        (Feed::Embassies, table(EMBASSY_NAMES)),
        (Feed::AidDataPublicDiplomacy, table(AIDDATA_NAMES)),
        (Feed::TwinCities, table(TWIN_NAMES)),
        (Feed::MissionStatusCow, mission.clone()),
        (Feed::MissionStatusGw, mission.clone()),
        (Feed::MissionStatusGwm, mission),
        (Feed::UsTravelsAbroad, table(TRAVELS_NAMES)),
        (Feed::ForeignLeaderVisits, table(VISITS_NAMES)),
    ]
    .into_iter()
    .collect()
});

/// Resolves a country name (or slug) of a dyadic file: the country table first, then the
/// data set's crosswalk. The error names the name.
pub fn resolve_country(feed: Feed, name: &str) -> Result<String, String> {
    let name = name.trim();
    match resolve(name) {
        Ok((code, _)) => Ok(code),
        Err(e) => CROSSWALKS
            .get(&feed)
            .and_then(|t| t.get(name))
            .and_then(|code| CountryTable::bundled().by_alpha3(code))
            .map(|c| c.alpha3.clone())
            .ok_or_else(|| {
                if name.is_empty() { e } else { format!("{e}, and the data set's crosswalk gives no ISO code for it") }
            }),
    }
}

/// [`resolve_country`] with each name's answer kept: a name the country table does not
/// know costs a fuzzy search for suggestions, and the big files repeat their names.
struct Names {
    feed: Feed,
    seen: HashMap<String, Result<String, String>>,
}

impl Names {
    fn new(feed: Feed) -> Names {
        Names { feed, seen: HashMap::new() }
    }

    fn get(&mut self, name: &str) -> Result<String, String> {
        if let Some(known) = self.seen.get(name) {
            return known.clone();
        }
        let answer = resolve_country(self.feed, name);
        self.seen.insert(name.to_string(), answer.clone());
        answer
    }
}

/// Reads a dyadic feed file (its feed already detected).
pub(crate) fn read(feed: Feed, file: &str, bytes: &[u8]) -> FeedRead {
    let mut b = Builder::new(feed, file);
    let (rows_read, rows_used) = match feed {
        Feed::Embassies => embassies(&mut b, bytes),
        Feed::AidDataPublicDiplomacy => aiddata(&mut b, bytes),
        Feed::TwinCities => twin_cities(&mut b, bytes),
        Feed::MissionStatusCow | Feed::MissionStatusGw | Feed::MissionStatusGwm => mission_status(&mut b, bytes),
        Feed::UsTravelsAbroad => travels(&mut b, bytes),
        _ => leader_visits(&mut b, bytes),
    };
    let (dataset, rejects) = b.dataset(file);
    FeedRead { feed, dataset, rows_read, rows_used, rejects }
}

/// Runs `each` over the data rows of a CSV file, turning rows the CSV reader refuses (wrong
/// field count, not UTF-8) into rejects. Returns the rows read.
fn csv_rows(b: &mut Builder, bytes: &[u8], mut each: impl FnMut(&mut Builder, u64, &csv::StringRecord)) -> u64 {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let lines = RowLines::new(bytes);
    let mut rows_read = 0u64;
    for row in reader.records() {
        rows_read += 1;
        match row {
            Ok(row) => {
                let line = lines.line(row.position(), rows_read + 1);
                each(b, line, &row);
            }
            Err(e) => {
                let line = lines.line(e.position(), rows_read + 1);
                let reason = csv_error_reason(&e);
                b.reject_excerpt(line, reason, "");
            }
        }
    }
    rows_read
}

fn field(row: &csv::StringRecord, i: usize) -> &str {
    row.get(i).unwrap_or("").trim()
}

/// Line numbers written as ranges: `lines 4–6, 9`.
fn line_ranges(lines: &[u64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = lines[i];
        let mut end = start;
        while i + 1 < lines.len() && lines[i + 1] == end + 1 {
            i += 1;
            end = lines[i];
        }
        parts.push(if end == start { start.to_string() } else { format!("{start}–{end}") });
        i += 1;
    }
    format!("{} {}", if lines.len() == 1 { "line" } else { "lines" }, parts.join(", "))
}

/// Items listed one by one up to this many; beyond, the locator gives line ranges only, to
/// keep a citation readable (France–Germany has 695 city links).
const LIST_AT_MOST: usize = 12;

/// A counted group: the rows one observation stands for.
#[derive(Default)]
struct Group {
    lines: Vec<u64>,
    /// What each row is, for the locator when the group is small.
    items: Vec<String>,
    /// Labels for the note (mission types, the file's country labels), with their counts.
    tags: BTreeMap<String, u64>,
    /// Missions accredited to the Holy See but placed in the country of the building.
    holy_see: u64,
}

impl Group {
    fn push(&mut self, line: u64, item: String) {
        self.lines.push(line);
        self.items.push(item);
    }

    fn locator(&self, file: &str, what: &str) -> String {
        let n = self.lines.len();
        let what = if n == 1 { what.trim_end_matches('s') } else { what };
        if n <= LIST_AT_MOST {
            let items: Vec<String> =
                self.lines.iter().zip(&self.items).map(|(l, item)| format!("line {l}: {item}")).collect();
            format!("{file}, {} {what}: {}", n, items.join("; "))
        } else {
            format!("{file}, {n} {what} at {}", line_ranges(&self.lines))
        }
    }
}

/// What a group of rows counts: a flow `from` → `to` in a year, in `unit`; the rows are
/// named `rows` ("missions", "trips") in the locator.
struct Count<'a> {
    indicator: &'a str,
    from: &'a str,
    to: &'a str,
    year: i32,
    unit: &'a str,
    rows: &'a str,
}

/// Adds one counted observation per group; returns the rows they count.
fn emit_counts(b: &mut Builder, count: Count<'_>, group: &Group, note: String) -> u64 {
    let Count { indicator, from, to, year, unit, rows } = count;
    let locator = group.locator(&b.file, rows);
    let period = Period::Year(year);
    let n = group.lines.len() as u64;
    let first = group.lines.first().copied().unwrap_or(0);
    let place = (None, Some(from.to_string()), Some(to.to_string()));
    let figure = Figure { indicator, place, period, value: n as f64, unit, locator, note: Some(note), extra_id: "" };
    match b.add(figure, first) {
        Ok(()) => n,
        Err(other) => {
            // Groups have distinct keys, so this only happens if two keys share an id.
            for line in &group.lines {
                b.reject_excerpt(*line, format!("repeats the observation of line {other}"), "");
            }
            0
        }
    }
}

fn short_qid(uri: &str) -> &str {
    uri.rsplit('/').next().unwrap_or(uri)
}

/// The catalogue indicator a Wikidata mission type counts under.
fn mission_kind(label: &str) -> &'static str {
    match label.trim().to_lowercase().as_str() {
        "embassy"
        | "high commission"
        | "apostolic nunciature"
        | "de facto embassy"
        | "british high commission"
        | "australian high commission"
        | "embassy of the united states" => "missions.embassy",
        // Career consular posts, including the Commonwealth's assistant high commissions.
        "consulate general"
        | "consulate"
        | "de facto consulate"
        | "consulate general of sweden"
        | "consulate general of belgium"
        | "consulates of sweden"
        | "consular office"
        | "assistant high commission" => "missions.consulate",
        "honorary consulate" => "missions.honorary",
        _ => "missions.other",
    }
}

const EMBASSY_FIELDS: usize = 25;

fn embassies(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    // Not read as CSV: the file is `;`-separated without quoting, and some values hold `"`.
    let mut rows_read = 0u64;
    let mut groups: BTreeMap<(String, String, &'static str), Group> = BTreeMap::new();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();
    let mut names = Names::new(b.feed);
    for (i, raw) in bytes.split(|c| *c == b'\n').enumerate().skip(1) {
        let line = i as u64 + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.is_empty() {
            continue;
        }
        rows_read += 1;
        let Ok(text) = std::str::from_utf8(raw) else {
            b.reject_excerpt(line, "is not UTF-8 text".into(), "");
            continue;
        };
        let mut f: Vec<&str> = text.split(';').collect();
        if f.len() == EMBASSY_FIELDS + 1 && f.last() == Some(&"") {
            f.pop();
        }
        if f.len() != EMBASSY_FIELDS {
            let reason = format!("has {} fields where the header has {EMBASSY_FIELDS} (and a trailing ;)", f.len());
            b.reject_excerpt(line, reason, text);
            continue;
        }
        let (operator, host, city, jurisdictions, kind_label, qid) =
            (f[0].trim(), f[4].trim(), f[6].trim(), f[2], f[21].trim(), short_qid(f[24].trim()));
        let from = match names.get(operator) {
            Ok(c) => c,
            Err(e) => {
                b.reject_excerpt(line, format!("operator: {e}"), text);
                continue;
            }
        };
        let to = match names.get(host) {
            Ok(c) => c,
            Err(e) => {
                b.reject_excerpt(line, format!("country: {e}"), text);
                continue;
            }
        };
        if from == to {
            let reason = format!(
                "host country = operator ({from}): a known Wikidata error (the mission's country is its operator's)"
            );
            b.reject_excerpt(line, reason, text);
            continue;
        }
        if !qid.is_empty() {
            if let Some(first) = seen.get(&(qid.to_string(), from.clone(), to.clone())) {
                let reason =
                    format!("repeats the mission at line {first} (same Wikidata item {qid}, operator and host)");
                b.reject_excerpt(line, reason, text);
                continue;
            }
            seen.insert((qid.to_string(), from.clone(), to.clone()), line);
        }
        let kind = mission_kind(kind_label);
        let to_holy_see =
            to != "VAT" && jurisdictions.split('|').any(|j| matches!(j.trim(), "Holy See" | "Vatican City"));
        let group = groups.entry((from, to, kind)).or_default();
        let label = if kind_label.is_empty() { "no type" } else { kind_label };
        let place = if city.is_empty() { String::new() } else { format!(", {city}") };
        group.push(line, format!("{qid} ({label}{place})"));
        *group.tags.entry(label.to_string()).or_default() += 1;
        if to_holy_see {
            group.holy_see += 1;
        }
    }
    let mut used = 0;
    for ((from, to, kind), group) in &groups {
        let types: Vec<String> = group.tags.iter().map(|(t, n)| format!("{t} {n}")).collect();
        let mut note = format!(
            "Missions listed in Wikidata in November 2022 (a snapshot; coverage is uneven, so absence is not evidence). Wikidata types: {}.",
            types.join(", ")
        );
        if group.holy_see > 0 {
            let n = group.holy_see;
            note.push_str(&format!(
                " {n} of them accredited to the Holy See, placed by the file in the country of the building."
            ));
        }
        let count = Count { indicator: kind, from, to, year: 2022, unit: "missions", rows: "missions" };
        used += emit_counts(b, count, group, note);
    }
    (rows_read, used)
}

/// AidData's columns: (index, indicator, China is the sender, unit, note).
const AIDDATA_COLUMNS: &[(usize, &str, bool, &str, &str)] = &[
    (
        2,
        "institutes.opened",
        true,
        "institutes",
        "Confucius Institutes opened that year: AidData's codebook calls the column cumulative, but its values go down (Kazakhstan 1, 1, 0, 0, 0, 2…), so they are new institutes per year, not a stock.",
    ),
    (3, "twinning.established", true, "city pairs", "Sister or friendship cities established that year (CIFCA)."),
    (
        4,
        "visits.government",
        true,
        "visits",
        "High-level and provincial government visits, counted by AidData in either direction or in a third place.",
    ),
    (
        5,
        "visits.military",
        true,
        "visits",
        "Military officials' visits, counted by AidData in either direction or in a third place.",
    ),
    (7, "media.ambassador_op_eds", true, "op-eds", "Op-eds by the Chinese ambassador in local media."),
    (8, "media.journalist_visits", true, "visits", "Journalists' exchange visits to China."),
    (
        9,
        "media.partnerships",
        true,
        "agreements",
        "Content-sharing agreements of Chinese state media with local media (cumulative per AidData's codebook).",
    ),
    (10, "students.enrolled", true, "students", "Chinese students in the receiving country (UNESCO UIS, via AidData)."),
    (
        11,
        "students.enrolled",
        false,
        "students",
        "Students of the receiving country in China (China Foreign Affairs Yearbooks, via AidData).",
    ),
];

fn aiddata(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    let mut used = 0u64;
    let mut seen: HashMap<(String, i32), u64> = HashMap::new();
    let mut names = Names::new(b.feed);
    let rows_read = csv_rows(b, bytes, |b, line, row| {
        let name = field(row, 0);
        let country = match names.get(name) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("receiving_country: {e}"), row),
        };
        if country == "CHN" {
            return b.reject(line, "the receiving country is China, the sender".into(), row);
        }
        let year = match crate::indicators::parse_year(field(row, 1)) {
            Ok(y) => y,
            Err(e) => return b.reject(line, e, row),
        };
        // Every value must read before any is kept: a malformed row is rejected whole.
        // total_elite_visits (column 6) is checked but not kept: it is government + military.
        let mut values: Vec<(usize, f64)> = Vec::new();
        for (i, col) in AIDDATA_HEADER.iter().enumerate().skip(2) {
            let raw = field(row, i);
            if raw == "N/A" {
                continue;
            }
            match parse_value(raw, col) {
                Ok(v) if v < 0.0 => return b.reject(line, format!("{col} {raw} is negative"), row),
                Ok(v) => values.push((i, v)),
                Err(e) => return b.reject(line, e, row),
            }
        }
        values.retain(|(i, _)| *i != 6);
        if values.is_empty() {
            return b.reject(line, "every value is N/A (not collected) for this country and year".into(), row);
        }
        if let Some(first) = seen.get(&(country.clone(), year)) {
            return b.reject(line, format!("repeats the row at line {first} (same country and year)"), row);
        }
        seen.insert((country.clone(), year), line);
        for (i, value) in values {
            let Some((_, indicator, outbound, unit, note)) = AIDDATA_COLUMNS.iter().find(|c| c.0 == i) else {
                continue;
            };
            let (from, to) = if *outbound { ("CHN", country.as_str()) } else { (country.as_str(), "CHN") };
            let col = AIDDATA_HEADER.get(i).copied().unwrap_or("");
            let locator = format!("receiving_country={name}, year={year}, column {col}");
            let place = (None, Some(from.to_string()), Some(to.to_string()));
            let period = Period::Year(year);
            // Ids are distinct once (country, year) is, so `add` cannot refuse one here.
            let note = Some(note.to_string());
            let _ = b.add(Figure { indicator, place, period, value, unit, locator, note, extra_id: "" }, line);
        }
        used += 1;
    });
    (rows_read, used)
}

fn twin_cities(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    let mut seen: HashMap<[(String, String); 2], u64> = HashMap::new();
    let mut names = Names::new(b.feed);
    let rows_read = csv_rows(b, bytes, |b, line, row| {
        let (city1, country1, city2, country2) = (field(row, 0), field(row, 1), field(row, 2), field(row, 3));
        for (col, city) in [("city1", city1), ("city2", city2)] {
            if city.is_empty() {
                return b.reject(line, format!("{col} is empty"), row);
            }
        }
        let a = match names.get(country1) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("country1: {e}"), row),
        };
        let c = match names.get(country2) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("country2: {e}"), row),
        };
        if a == c {
            return b.reject(line, format!("both cities in {a}, not an international link"), row);
        }
        let mut key = [(city1.to_lowercase(), a.clone()), (city2.to_lowercase(), c.clone())];
        key.sort();
        if let Some(first) = seen.get(&key) {
            let reason = format!("repeats the link at line {first} (same two cities and countries)");
            return b.reject(line, reason, row);
        }
        seen.insert(key, line);
        let item = format!("{city1} ({country1}) – {city2} ({country2})");
        let pair = if a < c { (a, c) } else { (c, a) };
        groups.entry(pair).or_default().push(line, item);
    });
    let mut used = 0;
    for ((a, c), group) in &groups {
        let note = "City links listed on English Wikipedia's lists of twin towns and sister cities, scraped in February 2026: undated and undirected (either order), counted once per pair of (city, country) after mapping names to ISO codes; differing city spellings (Almaty / Alma-Ata) may still count one link twice.".to_string();
        let count =
            Count { indicator: "twinning.city_pairs", from: a, to: c, year: 2026, unit: "city pairs", rows: "links" };
        used += emit_counts(b, count, group, note);
    }
    (rows_read, used)
}

/// Kenkel's statuses, highest first, with the level entente stores.
const STATUSES: &[(&str, f64)] = &[
    ("Embassy", 8.0),
    ("Ambassador Nonresident", 7.0),
    ("Legation", 6.0),
    ("Envoy Nonresident", 5.0),
    ("Consulate", 4.0),
    ("Consul Nonresident", 3.0),
    ("Liaison", 2.0),
    ("Interests", 1.0),
    ("None", 0.0),
];

/// A `YYYY-MM-DD` date; the year within the range the historical files cover.
fn parse_day(s: &str, what: &str) -> Result<PartialDate, String> {
    let d = PartialDate::from_str(s).map_err(|_| format!("{what} \"{s}\" is not a date (YYYY-MM-DD)"))?;
    if d.day.is_none() {
        return Err(format!("{what} \"{s}\" is not a full date (YYYY-MM-DD)"));
    }
    if !(1776..=2100).contains(&d.year) {
        return Err(format!("{what} {s} is out of range"));
    }
    Ok(d)
}

fn mission_status(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    let mut used = 0u64;
    let system = system_code(b.feed);
    let mut names = Names::new(b.feed);
    let rows_read = csv_rows(b, bytes, |b, line, row| {
        let (abbrev, name, start, end, status) =
            (field(row, 0), field(row, 2), field(row, 4), field(row, 5), field(row, 6));
        let to = match names.get(name) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("country_name_{system}: {e}"), row),
        };
        if to == "USA" {
            return b.reject(line, "the country is the United States, the sender".into(), row);
        }
        let (from_day, to_day) = match (parse_day(start, "date_start"), parse_day(end, "date_end")) {
            (Ok(s), Ok(e)) => (s, e),
            (Err(e), _) | (_, Err(e)) => return b.reject(line, e, row),
        };
        if to_day.sort_key() < from_day.sort_key() {
            return b.reject(line, format!("date_end {end} is before date_start {start}"), row);
        }
        let Some((_, level)) = STATUSES.iter().find(|(s, _)| *s == status) else {
            let known: Vec<&str> = STATUSES.iter().map(|(s, _)| *s).collect();
            return b.reject(line, format!("us_mission_status \"{status}\" is not one of {}", known.join(", ")), row);
        };
        let note = format!(
            "{status} (level {level} of 8) from {from_day} to {to_day}: the highest U.S. representation in {name} ({system} {abbrev}) over the range."
        );
        let locator = format!("country_abbrev_{system}={abbrev}, date_start={start}");
        let place = (None, Some("USA".to_string()), Some(to));
        let period = Period::Year(from_day.year);
        let extra = from_day.to_string();
        let figure = Figure {
            indicator: "missions.representation_level",
            place,
            period,
            value: *level,
            unit: "level 0–8",
            locator,
            note: Some(note),
            extra_id: &extra,
        };
        match b.add(figure, line) {
            Ok(()) => used += 1,
            Err(first) => {
                b.reject(line, format!("repeats the row at line {first} (same country and start date)"), row);
            }
        }
    });
    (rows_read, used)
}

fn travels(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    let mut groups: BTreeMap<(&'static str, String, i32), Group> = BTreeMap::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut names = Names::new(b.feed);
    let rows_read = csv_rows(b, bytes, |b, line, row| {
        let (id, role, name, start, origin, slug, label, locale) = (
            field(row, 0),
            field(row, 1),
            field(row, 3),
            field(row, 4),
            field(row, 6),
            field(row, 7),
            field(row, 8),
            field(row, 9),
        );
        let indicator = match role {
            "president" => "visits.head_of_state",
            "secretary" => "visits.foreign_minister",
            _ => return b.reject(line, format!("role \"{role}\" is neither president nor secretary"), row),
        };
        if origin != "USA" {
            return b.reject(line, format!("origin_iso3 \"{origin}\" is not USA"), row);
        }
        let day = match parse_day(start, "start_date") {
            Ok(d) => d,
            Err(e) => return b.reject(line, e, row),
        };
        let to = match names.get(slug) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("country_id {slug} ({label}): {e}"), row),
        };
        if to == "USA" {
            return b.reject(line, "the visited country is the United States".into(), row);
        }
        if let Some(first) = seen.get(id) {
            return b.reject(line, format!("repeats trip id {id} of line {first}"), row);
        }
        seen.insert(id.to_string(), line);
        let group = groups.entry((indicator, to.clone(), day.year)).or_default();
        group.push(line, format!("trip {id}, {name}, {day}, {locale}"));
        if names.get(label).ok().as_deref() != Some(to.as_str()) {
            *group.tags.entry(label.to_string()).or_default() += 1;
        }
    });
    let mut used = 0;
    for ((indicator, to, year), group) in &groups {
        let who = if *indicator == "visits.head_of_state" { "President" } else { "Secretary of State" };
        let mut note = format!("Trips of the U.S. {who} to the country in {year}, one per trip and country.");
        if !group.tags.is_empty() {
            let labels: Vec<&str> = group.tags.keys().map(String::as_str).collect();
            note.push_str(&format!(" Listed as: {}.", labels.join(", ")));
        }
        let count = Count { indicator, from: "USA", to, year: *year, unit: "visits", rows: "trips" };
        used += emit_counts(b, count, group, note);
    }
    (rows_read, used)
}

fn leader_visits(b: &mut Builder, bytes: &[u8]) -> (u64, u64) {
    let mut groups: BTreeMap<(String, i32), Group> = BTreeMap::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut names = Names::new(b.feed);
    let rows_read = csv_rows(b, bytes, |b, line, row| {
        let (id, start, visitor, slug, label, dest) =
            (field(row, 0), field(row, 1), field(row, 3), field(row, 4), field(row, 5), field(row, 6));
        if dest != "USA" {
            return b.reject(line, format!("dest_iso3 \"{dest}\" is not USA"), row);
        }
        let day = match parse_day(start, "start_date") {
            Ok(d) => d,
            Err(e) => return b.reject(line, e, row),
        };
        let from = match names.get(slug) {
            Ok(c) => c,
            Err(e) => return b.reject(line, format!("from_id {slug} ({label}): {e}"), row),
        };
        if from == "USA" {
            return b.reject(line, "the visitor's country is the United States".into(), row);
        }
        if let Some(first) = seen.get(id) {
            return b.reject(line, format!("repeats visit id {id} of line {first}"), row);
        }
        seen.insert(id.to_string(), line);
        let group = groups.entry((from.clone(), day.year)).or_default();
        group.push(line, format!("visit {id}, {visitor}, {day}"));
        if names.get(label).ok().as_deref() != Some(from.as_str()) {
            *group.tags.entry(label.to_string()).or_default() += 1;
        }
    });
    let mut used = 0;
    for ((from, year), group) in &groups {
        let mut note = format!(
            "Visits to the United States in {year} by the country's head of state or government (visits to the UN in New York included)."
        );
        if !group.tags.is_empty() {
            let labels: Vec<&str> = group.tags.keys().map(String::as_str).collect();
            note.push_str(&format!(" Listed as: {}.", labels.join(", ")));
        }
        let count =
            Count { indicator: "visits.head_of_state", from, to: "USA", year: *year, unit: "visits", rows: "visits" };
        used += emit_counts(b, count, group, note);
    }
    (rows_read, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_are_compact() {
        assert_eq!(line_ranges(&[7]), "line 7");
        assert_eq!(line_ranges(&[4, 5, 6, 9, 11, 12]), "lines 4–6, 9, 11–12");
    }

    #[test]
    fn mission_types_fall_in_the_catalogue_categories() {
        assert_eq!(mission_kind("High commission"), "missions.embassy");
        assert_eq!(mission_kind("apostolic nunciature"), "missions.embassy");
        assert_eq!(mission_kind("de facto consulate"), "missions.consulate");
        assert_eq!(mission_kind("honorary consulate"), "missions.honorary");
        assert_eq!(mission_kind("liaison office"), "missions.other");
        assert_eq!(mission_kind(""), "missions.other");
    }
}
