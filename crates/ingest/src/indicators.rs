//! Indicator feeds: student mobility (OECD enrolment by origin; UNESCO UIS flows as tidied by
//! 360info; UIS inbound totals) and the Elcano Global Presence Index, read into observation
//! records with their source.
//!
//! Each file is one feed, recognised by its header. Every data row becomes an observation or
//! a reject with file, line and reason (a country that does not resolve, a value that does
//! not parse, a duplicate). Country names are resolved through the country table; names a
//! file mis-encoded (UTF-8 read as Latin-1, `CuraÃ§ao`) are repaired, and the repair noted.
//!
//! The dyadic data sets (missions, twinnings, visits…) come in by the same door: their feeds
//! are detected here and read by [`crate::dyadic`].

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use entente_model::record::{Citation, Observation, Person, Record, Source};
use entente_model::validate::{Dataset, DatasetMeta};
use entente_model::{CountryTable, PartialDate, Period};
use serde::Serialize;

/// A row that did not become an observation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowReject {
    pub file: String,
    pub line: u64,
    pub reason: String,
    pub excerpt: String,
}

impl fmt::Display for RowReject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// The feeds entente knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Feed {
    /// OECD enrolment of international students by origin, host × origin × year.
    OecdEnrolment,
    /// UIS flows, the top ten destinations of each origin per year (360info).
    UisDestinations,
    /// UIS flows, the top ten origins of each destination per year (360info).
    UisOrigins,
    /// UIS inbound internationally mobile students, per country and year.
    UisInbound,
    /// Elcano Global Presence Index, long form: country × year × variable.
    Elcano,
    /// Wikidata's diplomatic missions (database-of-embassies), one row per mission.
    Embassies,
    /// AidData's China Public Diplomacy dashboard, receiver × year.
    AidDataPublicDiplomacy,
    /// Twin towns and sister cities scraped from Wikipedia, one row per city link.
    TwinCities,
    /// Kenkel's U.S. mission status ranges, Correlates of War state system.
    MissionStatusCow,
    /// The same, Gleditsch–Ward state system.
    MissionStatusGw,
    /// The same, Gleditsch–Ward with microstates.
    MissionStatusGwm,
    /// Travels abroad of the U.S. President and Secretary of State, one row per trip.
    UsTravelsAbroad,
    /// Visits of foreign heads of state or government to the USA, one row per visit.
    ForeignLeaderVisits,
}

impl Feed {
    /// The feed a file's header row announces.
    pub fn detect(header: &[&str]) -> Option<Feed> {
        let h: Vec<String> = header.iter().map(|s| s.trim().trim_start_matches('\u{feff}').to_string()).collect();
        let is = |cols: &[&str]| h.len() == cols.len() && h.iter().zip(cols).all(|(a, b)| a == b);
        if is(&["COUNTRY_OF_SCHOOL", "COUNTRY_OF_ORIGIN", "YEAR", "TOTAL_INTL_STUDENTS"]) {
            Some(Feed::OecdEnrolment)
        } else if is(&["year", "origin_country_name", "dest_country_lumped", "value_lumped", "cond_all"]) {
            Some(Feed::UisDestinations)
        } else if is(&["year", "dest_country_name", "origin_country_lumped", "value_lumped", "cond_all"]) {
            Some(Feed::UisOrigins)
        } else if is(&["indicatorId", "geoUnit", "year", "value", "qualifier", "magnitude"]) {
            Some(Feed::UisInbound)
        } else if is(&["country", "iso3", "year", "variable", "value"]) {
            Some(Feed::Elcano)
        } else {
            crate::dyadic::detect(&h)
        }
    }

    /// The feed a whole file announces: its header, read as CSV or, failing that, as the
    /// `;`-separated embassies file; a Gleditsch–Ward mission file is told apart from its
    /// microstates variant by its name or by a microstate among its rows.
    pub fn detect_file(file: &str, bytes: &[u8]) -> Option<Feed> {
        let first = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(first);
        let comma: Option<Feed> = reader.records().next().and_then(Result::ok).and_then(|r| {
            let cols: Vec<&str> = r.iter().collect();
            Feed::detect(&cols)
        });
        let feed = comma.or_else(|| {
            let text = std::str::from_utf8(first).ok()?.trim_end_matches('\r');
            text.contains(';').then(|| Feed::detect(&text.split(';').collect::<Vec<_>>())).flatten()
        })?;
        Some(if feed == Feed::MissionStatusGw && crate::dyadic::is_gwm(file, bytes) {
            Feed::MissionStatusGwm
        } else {
            feed
        })
    }

    /// Whether the feed is one of the dyadic data sets read by [`crate::dyadic`].
    pub fn is_dyadic(self) -> bool {
        !matches!(
            self,
            Feed::OecdEnrolment | Feed::UisDestinations | Feed::UisOrigins | Feed::UisInbound | Feed::Elcano
        )
    }

    /// The dataset id the feed loads as.
    pub fn dataset_id(self) -> &'static str {
        match self {
            Feed::OecdEnrolment => "oecd-enrolment-by-origin",
            Feed::UisDestinations => "uis-destinations-by-origin",
            Feed::UisOrigins => "uis-origins-by-destination",
            Feed::UisInbound => "uis-inbound-totals",
            Feed::Elcano => "elcano-iepg",
            Feed::Embassies => "wikidata-embassies",
            Feed::AidDataPublicDiplomacy => "aiddata-china-public-diplomacy",
            Feed::TwinCities => "wikipedia-twin-cities",
            Feed::MissionStatusCow => "us-mission-status-cow",
            Feed::MissionStatusGw => "us-mission-status-gw",
            Feed::MissionStatusGwm => "us-mission-status-gwm",
            Feed::UsTravelsAbroad => "hsg-us-travels-abroad",
            Feed::ForeignLeaderVisits => "hsg-foreign-leader-visits",
        }
    }

    /// The source record every observation of the feed cites.
    pub(crate) fn source(self, file: &str) -> Source {
        let base = Source {
            id: format!("src-{}", self.dataset_id()),
            kind: entente_model::ontology::SourceKind::Dataset,
            authors: Vec::new(),
            title: String::new(),
            title_en: None,
            language: Some("en".into()),
            container: None,
            publisher: None,
            place: None,
            date: None,
            volume: None,
            issue: None,
            pages: None,
            doi: None,
            url: None,
            accessed: None,
            licence: None,
            note: Some(format!("Imported by entente from {file}.")),
        };
        match self {
            Feed::OecdEnrolment => Source {
                authors: vec![Person { family: "OECD".into(), given: None }],
                title: "Enrolment of international students by origin (EDU_ENRL_MOBILE), 2013–2019".into(),
                publisher: Some("OECD".into()),
                container: Some(
                    "OECD Education Statistics, as cleaned by jords-santiago/intl-students-2013-2019".into(),
                ),
                url: Some("https://github.com/jords-santiago/intl-students-2013-2019".into()),
                licence: Some("OECD terms: free reuse with attribution".into()),
                date: Some(PartialDate::year(2019)),
                note: Some(format!(
                    "Imported by entente from {file}. Every count in this cleaned file is doubled: its cleaning script (02_SourceCodes/01_SQL/script_OECD_EDU_ENRL.sql) keeps the tertiary total ISCED11_5T8 beside its own levels 5, 6, 7 and 8, and the file sums them (France←Kazakhstan 2013: 692 = 2 × 346, UIS's figure). entente halves each count and keeps the file's figure as raw_value; see data/SOURCES.md."
                )),
                ..base
            },
            Feed::UisDestinations | Feed::UisOrigins => Source {
                authors: vec![Person { family: "UNESCO Institute for Statistics".into(), given: None }],
                title: if self == Feed::UisDestinations {
                    "Popular destinations of internationally mobile students by origin, 1998–2021".into()
                } else {
                    "Popular origins of internationally mobile students by destination, 1998–2021".into()
                },
                publisher: Some("360info".into()),
                container: Some("UIS student flows tidied by 360info (360-info/report-global-education)".into()),
                url: Some("https://github.com/360-info/report-global-education".into()),
                licence: Some("CC BY 4.0 (360info, UNESCO UIS)".into()),
                date: Some(PartialDate::year(2021)),
                ..base
            },
            Feed::UisInbound => Source {
                authors: vec![Person { family: "UNESCO Institute for Statistics".into(), given: None }],
                title: "Inbound internationally mobile students (UIS indicator 26637)".into(),
                container: Some("UIS data as gathered in uis_oecd_infosci301 (inbound_intl.csv)".into()),
                url: Some("https://uis.unesco.org/".into()),
                licence: Some("UIS open data (CC BY-SA 3.0 IGO)".into()),
                ..base
            },
            Feed::Elcano => Source {
                authors: vec![Person { family: "Real Instituto Elcano".into(), given: None }],
                title: "Elcano Global Presence Index 1990–2021 (values by variable)".into(),
                container: Some(
                    "Elcano Global Presence Index, calculus2021.xlsx, via GeographicaGS/Elcano-iepg".into(),
                ),
                url: Some("https://globalpresence.realinstitutoelcano.org".into()),
                licence: Some("© Real Instituto Elcano; cite when used".into()),
                date: Some(PartialDate::year(2021)),
                ..base
            },
            _ => crate::dyadic::source(self, file, base),
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Feed::OecdEnrolment => "OECD: international students by host and origin, 2013–2019",
            Feed::UisDestinations => "UNESCO UIS: top destinations of mobile students by origin, 1998–2021",
            Feed::UisOrigins => "UNESCO UIS: top origins of mobile students by destination, 1998–2021",
            Feed::UisInbound => "UNESCO UIS: inbound internationally mobile students",
            Feed::Elcano => "Elcano Global Presence Index, 1990–2021",
            _ => crate::dyadic::title(self),
        }
    }
}

/// What reading one feed file gave: a dataset of observations, and every row left out.
///
/// `rows_read = rows_used + rejects.len()`. A row is used when it went into an
/// observation; in the counting feeds (missions, twinnings, visits) one observation counts
/// many rows and its value is their number, so the values sum to `rows_used`.
#[derive(Debug, Clone)]
pub struct FeedRead {
    pub feed: Feed,
    pub dataset: Dataset,
    pub rows_read: u64,
    pub rows_used: u64,
    pub rejects: Vec<RowReject>,
}

impl FeedRead {
    /// The observations read, in the file's order.
    pub fn observations(&self) -> Vec<&Observation> {
        self.dataset
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Observation(o) => Some(o),
                _ => None,
            })
            .collect()
    }
}

const OECD_NAMES: &str = include_str!("../../../data/mobility/oecd-ISO_3166_COUNTRY_CODES.csv");
const UIS_360_NAMES: &str = include_str!("../../../data/mobility/360info-country-names.csv");

/// The name → ISO alpha-3 tables the providers publish beside their files, read first: they
/// know their own spellings ("DR Congo", "Venezuala", "Congo (Democratic Republic of the)").
static PROVIDER_NAMES: LazyLock<HashMap<Feed, HashMap<String, String>>> = LazyLock::new(|| {
    let table = |text: &str, name_col: &str, code_col: &str| -> HashMap<String, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let Ok(headers) = reader.headers().cloned() else { return HashMap::new() };
        let (Some(n), Some(c)) =
            (headers.iter().position(|h| h == name_col), headers.iter().position(|h| h == code_col))
        else {
            return HashMap::new();
        };
        reader
            .records()
            .filter_map(Result::ok)
            .filter_map(|r| Some((r.get(n)?.trim().to_string(), r.get(c)?.trim().to_string())))
            .collect()
    };
    let oecd = table(OECD_NAMES, "COUNTRY", "3_DIGIT_CODE");
    let uis = table(UIS_360_NAMES, "country_name", "country_code");
    [(Feed::OecdEnrolment, oecd), (Feed::UisDestinations, uis.clone()), (Feed::UisOrigins, uis)].into_iter().collect()
});

/// Resolves a country name or code: through the provider's own table, then the country
/// table, repairing UTF-8 that was decoded as Latin-1. Regional aggregates ("AIMS: East
/// Asia", "Africa: unknown countries") are refused as such.
fn resolve_in(feed: Feed, name: &str) -> Result<(String, Option<String>), String> {
    if name.contains(": ") || name == "Other countries" {
        return Err(format!("\"{name}\" is a regional aggregate, not a country"));
    }
    if let Some(code) = PROVIDER_NAMES.get(&feed).and_then(|t| t.get(name))
        && let Some(c) = CountryTable::bundled().by_alpha3(code)
    {
        return Ok((c.alpha3.clone(), None));
    }
    resolve(name)
}

/// Resolves a country name or code, repairing UTF-8 that was decoded as Latin-1.
pub(crate) fn resolve(name: &str) -> Result<(String, Option<String>), String> {
    let countries = CountryTable::bundled();
    match countries.resolve(name) {
        Ok(c) => Ok((c.alpha3.clone(), None)),
        Err(e) => {
            let repaired: Option<String> = name
                .chars()
                .map(|c| u8::try_from(u32::from(c)).ok())
                .collect::<Option<Vec<u8>>>()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .filter(|s| s != name);
            match repaired.as_deref().map(|r| (r, countries.resolve(r))) {
                Some((r, Ok(c))) => {
                    Ok((c.alpha3.clone(), Some(format!("the file writes \"{name}\" (mis-encoded \"{r}\")"))))
                }
                _ => Err(e.to_string()),
            }
        }
    }
}

/// Labels the UIS files use for the students they do not place in a country.
fn is_remainder(name: &str) -> bool {
    name == "Other countries" || name.ends_with(": unknown countries")
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

pub(crate) struct Builder {
    pub(crate) feed: Feed,
    pub(crate) file: String,
    source_id: String,
    records: Vec<Record>,
    ids: HashMap<String, u64>,
    rejects: Vec<RowReject>,
}

impl Builder {
    pub(crate) fn new(feed: Feed, file: &str) -> Builder {
        let source = feed.source(file);
        Builder {
            feed,
            file: file.to_string(),
            source_id: source.id.clone(),
            records: vec![Record::Source(source)],
            ids: HashMap::new(),
            rejects: Vec::new(),
        }
    }

    pub(crate) fn reject(&mut self, line: u64, reason: String, row: &csv::StringRecord) {
        self.reject_excerpt(line, reason, &row.iter().collect::<Vec<_>>().join(","));
    }

    pub(crate) fn reject_excerpt(&mut self, line: u64, reason: String, excerpt: &str) {
        let excerpt: String = excerpt.chars().take(200).collect();
        self.rejects.push(RowReject { file: self.file.clone(), line, reason, excerpt });
    }

    /// The dataset of the records so far.
    pub(crate) fn dataset(self, file: &str) -> (Dataset, Vec<RowReject>) {
        let licence = match self.records.first() {
            Some(Record::Source(s)) => s.licence.clone(),
            _ => None,
        };
        let meta = DatasetMeta {
            id: self.feed.dataset_id().to_string(),
            title: self.feed.title().to_string(),
            description: Some(format!("Imported from {file}.")),
            licence,
        };
        (Dataset { meta, records: self.records }, self.rejects)
    }

    /// Adds the figure of the row at `line`, or rejects the row when an earlier one gave the
    /// same observation.
    fn observe(&mut self, line: u64, row: &csv::StringRecord, figure: Figure<'_>) -> bool {
        if let Err(first) = self.add(figure, line) {
            let reason = format!("repeats the row at line {first} (same countries, period and indicator)");
            self.reject(line, reason, row);
            return false;
        }
        true
    }

    /// Keeps the file's own figure beside the corrected one on the observation just added.
    fn keep_raw(&mut self, raw: f64) {
        if let Some(Record::Observation(o)) = self.records.last_mut() {
            o.raw_value = Some(raw);
        }
    }

    /// Adds an observation; `Err` holds the line of the observation that already has its id.
    pub(crate) fn add(&mut self, figure: Figure<'_>, line: u64) -> Result<(), u64> {
        let Figure { indicator, place, period, value, unit, locator, note, extra_id } = figure;
        let (country, from, to) = place;
        let who = match (&country, &from, &to) {
            (Some(c), _, _) => c.to_ascii_lowercase(),
            (None, Some(f), Some(t)) => format!("{}-{}", f.to_ascii_lowercase(), t.to_ascii_lowercase()),
            _ => String::new(),
        };
        let mut id = format!("{}.{}.{}.{}", self.feed.dataset_id(), indicator, who, period.start_year());
        if period.is_academic() {
            id.push('a');
        }
        if !extra_id.is_empty() {
            id.push('.');
            id.push_str(extra_id);
        }
        if let Some(first) = self.ids.get(&id) {
            return Err(*first);
        }
        self.ids.insert(id.clone(), line);
        self.records.push(Record::Observation(Observation {
            id,
            indicator: indicator.to_string(),
            country,
            from,
            to,
            period,
            value,
            raw_value: None,
            unit: unit.to_string(),
            sources: vec![Citation::evidence(self.source_id.clone(), locator)],
            note,
        }));
        Ok(())
    }
}

/// One figure of a feed, as it becomes an observation: what is measured, where, when, how
/// much, and where in the file it stands.
pub(crate) struct Figure<'a> {
    pub indicator: &'a str,
    /// (country, from, to): one country, or a flow from one to the other.
    pub place: (Option<String>, Option<String>, Option<String>),
    pub period: Period,
    pub value: f64,
    pub unit: &'a str,
    pub locator: String,
    pub note: Option<String>,
    /// Added to the id where a feed gives several figures for one place, period and indicator.
    pub extra_id: &'a str,
}

/// The 1-based line each CSV record starts on, from its byte offset: the csv crate's own
/// line count is one short in CRLF files (AidData's, Kenkel's, UIS inbound).
pub(crate) struct RowLines<'a> {
    bytes: &'a [u8],
    newlines: Vec<usize>,
}

impl<'a> RowLines<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        RowLines { bytes, newlines: memchr::memchr_iter(b'\n', bytes).collect() }
    }

    /// The line of a record at `position`, or `fallback` when the reader gives none.
    pub(crate) fn line(&self, position: Option<&csv::Position>, fallback: u64) -> u64 {
        let Some(p) = position else { return fallback };
        let mut offset = usize::try_from(p.byte()).unwrap_or(usize::MAX).min(self.bytes.len());
        // A record's offset may point at the end of the line before it.
        while self.bytes.get(offset).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            offset += 1;
        }
        self.newlines.partition_point(|&nl| nl < offset) as u64 + 1
    }
}

/// Why a CSV record could not be read, said of the row.
pub(crate) fn csv_error_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text".to_string(),
        _ => format!("is not valid CSV: {e}"),
    }
}

pub(crate) fn parse_year(s: &str) -> Result<i32, String> {
    let y: i32 = s.trim().parse().map_err(|_| format!("year \"{s}\" is not a year"))?;
    if (1900..=2100).contains(&y) { Ok(y) } else { Err(format!("year {y} is out of range")) }
}

pub(crate) fn parse_value(s: &str, what: &str) -> Result<f64, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(format!("{what} is empty"));
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| format!("{what} \"{t}\" is not a number"))
}

/// Reads one feed file. Fails only when the file is not a known feed or not CSV at all;
/// bad rows become rejects.
pub fn read_feed(file: &str, bytes: &[u8]) -> Result<FeedRead, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header = reader.headers().map_err(|e| format!("{file}: no readable header: {e}"))?.clone();
    let cols: Vec<&str> = header.iter().collect();
    let feed = Feed::detect_file(file, bytes).ok_or_else(|| {
        format!(
            "{file}: not a known indicator file (header: {}); entente reads OECD enrolment by origin, UIS destinations or origins (360info), UIS inbound totals, the Elcano long CSV, and the dyadic files: Wikidata embassies, AidData China public diplomacy, Wikipedia twin cities, U.S. mission status (Kenkel), U.S. travels abroad and foreign leader visits (Office of the Historian)",
            cols.join(",")
        )
    })?;
    if feed.is_dyadic() {
        return Ok(crate::dyadic::read(feed, file, bytes));
    }
    let mut b = Builder::new(feed, file);
    let lines = RowLines::new(bytes);
    let mut rows_read = 0u64;
    for row in reader.records() {
        rows_read += 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line(e.position(), rows_read + 1);
                let reason = csv_error_reason(&e);
                b.rejects.push(RowReject { file: file.to_string(), line, reason, excerpt: String::new() });
                continue;
            }
        };
        let line = lines.line(row.position(), rows_read + 1);
        let at = Row { line, record: &row };
        let result = match feed {
            Feed::OecdEnrolment => oecd_row(&mut b, &at),
            Feed::UisDestinations => uis_row(&mut b, &at, true),
            Feed::UisOrigins => uis_row(&mut b, &at, false),
            Feed::UisInbound => inbound_row(&mut b, &at),
            Feed::Elcano => elcano_row(&mut b, &at),
            // Read by `dyadic::read` above.
            _ => Err("not an indicator row".to_string()),
        };
        if let Err(reason) = result {
            b.reject(line, reason, &row);
        }
    }
    // One observation per row here, so the rows used are the observations.
    let rows_used = b.records.len() as u64 - 1;
    let (dataset, rejects) = b.dataset(file);
    Ok(FeedRead { feed, dataset, rows_read, rows_used, rejects })
}

/// A CSV record and the line it starts on.
struct Row<'r> {
    line: u64,
    record: &'r csv::StringRecord,
}

impl Row<'_> {
    /// Field `i`, trimmed (empty when the record is shorter).
    fn field(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or("").trim()
    }
}

fn oecd_row(b: &mut Builder, at: &Row) -> Result<(), String> {
    let (host, origin, year, value) = (at.field(0), at.field(1), at.field(2), at.field(3));
    let (to, to_note) = resolve_in(b.feed, host).map_err(|e| format!("COUNTRY_OF_SCHOOL: {e}"))?;
    let (from, from_note) = resolve_in(b.feed, origin).map_err(|e| format!("COUNTRY_OF_ORIGIN: {e}"))?;
    let year = parse_year(year)?;
    let raw = parse_value(value, "TOTAL_INTL_STUDENTS")?;
    // The cleaning script summed the tertiary total (ISCED 5T8) with its own levels (5, 6,
    // 7, 8), so the file holds twice each total (data/SOURCES.md): the figure is half of it.
    let corrected = raw / 2.0;
    let halved = format!(
        "value halved: the file's TOTAL_INTL_STUDENTS is {}, the sum of the tertiary total (ISCED 5T8) and its levels 5, 6, 7 and 8 as jords-santiago/intl-students-2013-2019 cleaned it, so twice the total (a lower bound on it where a level was not reported)",
        entente_model::record::format_number(raw)
    );
    let locator = format!("COUNTRY_OF_SCHOOL={host}, COUNTRY_OF_ORIGIN={origin}, YEAR={year}");
    if b.observe(at.line, at.record, enrolled((from, to), year, corrected, locator, [to_note, from_note, Some(halved)]))
    {
        b.keep_raw(raw);
    }
    Ok(())
}

/// Students from one country enrolled in another in `year`, with the notes that apply.
fn enrolled(
    (from, to): (String, String),
    year: i32,
    value: f64,
    locator: String,
    notes: [Option<String>; 3],
) -> Figure<'static> {
    let note = notes.into_iter().flatten().collect::<Vec<_>>().join("; ");
    Figure {
        indicator: "students.enrolled",
        place: (None, Some(from), Some(to)),
        period: Period::Year(year),
        value,
        unit: "students",
        locator,
        note: (!note.is_empty()).then_some(note),
        extra_id: "",
    }
}

/// A UIS destinations file (`by_origin`: year, origin, destination, value, qualifiers) or
/// origins file (year, destination, origin, value, qualifiers).
fn uis_row(b: &mut Builder, at: &Row, by_origin: bool) -> Result<(), String> {
    let (origin, dest) = if by_origin { (at.field(1), at.field(2)) } else { (at.field(2), at.field(1)) };
    let (year, value, cond) = (at.field(0), at.field(3), at.field(4));
    let year = parse_year(year)?;
    let value = parse_value(value, "value_lumped")?;
    let qualifiers = cond.split_whitespace().filter(|c| *c != "-").collect::<Vec<_>>();
    let qual_note = (!qualifiers.is_empty()).then(|| format!("UIS qualifiers: {}", qualifiers.join(" ")));
    let (known_label, other_label) = if by_origin { (origin, dest) } else { (dest, origin) };
    let locator = if by_origin {
        format!("year={year}, origin_country_name={origin}, dest_country_lumped={dest}")
    } else {
        format!("year={year}, dest_country_name={dest}, origin_country_lumped={origin}")
    };
    let (known, known_note) = resolve_in(b.feed, known_label)
        .map_err(|e| format!("{}: {e}", if by_origin { "origin_country_name" } else { "dest_country_name" }))?;
    if is_remainder(other_label) {
        let indicator =
            if by_origin { "students.enrolled_other_destinations" } else { "students.inbound_other_origins" };
        let note = [Some(format!("UIS label: {other_label}")), known_note, qual_note]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        b.observe(
            at.line,
            at.record,
            Figure {
                indicator,
                place: (Some(known), None, None),
                period: Period::Year(year),
                value,
                unit: "students",
                locator,
                note: Some(note.join("; ")),
                extra_id: &slug(other_label),
            },
        );
        return Ok(());
    }
    let (other, other_note) = resolve_in(b.feed, other_label)
        .map_err(|e| format!("{}: {e}", if by_origin { "dest_country_lumped" } else { "origin_country_lumped" }))?;
    let (from, to) = if by_origin { (known, other) } else { (other, known) };
    b.observe(at.line, at.record, enrolled((from, to), year, value, locator, [known_note, other_note, qual_note]));
    Ok(())
}

fn inbound_row(b: &mut Builder, at: &Row) -> Result<(), String> {
    let (indicator, geo, year, value, qualifier) = (at.field(0), at.field(1), at.field(2), at.field(3), at.field(4));
    if indicator != "26637" {
        return Err(format!("indicatorId {indicator} is not 26637 (inbound internationally mobile students)"));
    }
    let (country, note) = resolve_in(b.feed, geo).map_err(|e| format!("geoUnit: {e}"))?;
    let year = parse_year(year)?;
    let value = parse_value(value, "value")?;
    let note = [note, (!qualifier.is_empty()).then(|| format!("UIS qualifier: {qualifier}"))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    let locator = format!("indicatorId=26637, geoUnit={geo}, year={year}");
    b.observe(
        at.line,
        at.record,
        Figure {
            indicator: "students.inbound_total",
            place: (Some(country), None, None),
            period: Period::Year(year),
            value,
            unit: "students",
            locator,
            note: (!note.is_empty()).then(|| note.join("; ")),
            extra_id: "",
        },
    );
    Ok(())
}

fn elcano_row(b: &mut Builder, at: &Row) -> Result<(), String> {
    let (name, iso3, year, variable, value) = (at.field(0), at.field(1), at.field(2), at.field(3), at.field(4));
    let (country, note) = if iso3.is_empty() { resolve(name) } else { resolve(iso3) }.map_err(|e| {
        if iso3.is_empty() {
            format!("{name} has no ISO code and is not an ISO 3166 country ({e})")
        } else {
            format!("iso3: {e}")
        }
    })?;
    let year = parse_year(year)?;
    let value = parse_value(value, "value")?;
    if variable.is_empty() || !variable.bytes().all(|c| c.is_ascii_lowercase() || c == b'_') {
        return Err(format!("variable \"{variable}\" is not an Elcano variable name"));
    }
    let locator = format!("country={name}, year={year}, variable={variable}");
    b.observe(
        at.line,
        at.record,
        Figure {
            indicator: &format!("elcano.{variable}"),
            place: (Some(country), None, None),
            period: Period::Year(year),
            value,
            unit: "index points",
            locator,
            note,
            extra_id: "",
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(r: &FeedRead) -> Vec<&Observation> {
        r.observations()
    }

    #[test]
    fn oecd_rows_become_observations_and_bad_rows_rejects() {
        let csv = "COUNTRY_OF_SCHOOL,COUNTRY_OF_ORIGIN,YEAR,TOTAL_INTL_STUDENTS\nFrance,Kazakhstan,2013,692\nNetherlands,CuraÃ§ao,2016,12\nFrance,Atlantis,2013,5\nFrance,Kazakhstan,2014,x\nFrance,Kazakhstan,2013,700\n\"Korea, Republic of\",Kazakhstan,2019,10";
        let r = read_feed("oecd.csv", csv.as_bytes()).unwrap();
        assert_eq!(r.feed, Feed::OecdEnrolment);
        assert_eq!(r.rows_read, 6);
        let o = obs(&r);
        assert_eq!(o.len(), 3);
        // The file doubles every count; the observation holds half, and the file's figure as raw.
        assert_eq!((o[0].from.as_deref(), o[0].to.as_deref(), o[0].value), (Some("KAZ"), Some("FRA"), 346.0));
        assert_eq!(o[0].raw_value, Some(692.0));
        assert!(o[0].note.as_deref().unwrap().contains("value halved: the file's TOTAL_INTL_STUDENTS is 692"));
        assert_eq!(o[0].sources[0].locator, "COUNTRY_OF_SCHOOL=France, COUNTRY_OF_ORIGIN=Kazakhstan, YEAR=2013");
        assert_eq!(o[1].from.as_deref(), Some("CUW"));
        assert!(o[1].note.as_deref().unwrap().contains("mis-encoded"));
        let rejects: Vec<String> = r.rejects.iter().map(ToString::to_string).collect();
        assert_eq!(
            rejects,
            [
                "oecd.csv:4: COUNTRY_OF_ORIGIN: unknown country \"Atlantis\"",
                "oecd.csv:5: TOTAL_INTL_STUDENTS \"x\" is not a number",
                "oecd.csv:6: repeats the row at line 2 (same countries, period and indicator)",
            ]
        );
        assert_eq!(r.rows_read as usize, o.len() + r.rejects.len());
    }

    #[test]
    fn uis_remainders_are_kept_and_elcano_reads() {
        let csv = "year,origin_country_name,dest_country_lumped,value_lumped,cond_all\n2018,Kazakhstan,Russian Federation,69836,- - - -\n2018,Kazakhstan,Other countries,5000,- - c -\n";
        let r = read_feed("dest.csv", csv.as_bytes()).unwrap();
        let o = obs(&r);
        assert_eq!(o[0].indicator, "students.enrolled");
        assert_eq!(o[1].indicator, "students.enrolled_other_destinations");
        assert_eq!(o[1].country.as_deref(), Some("KAZ"));
        assert!(o[1].note.as_deref().unwrap().contains("UIS qualifiers: c"));
        let csv =
            "country,iso3,year,variable,value\nKazakhstan,KAZ,2021,culture,1.52\nEuropean Union,,2021,culture,900\n";
        let r = read_feed("elcano.csv", csv.as_bytes()).unwrap();
        assert_eq!(obs(&r)[0].indicator, "elcano.culture");
        assert_eq!(r.rejects.len(), 1);
        assert!(r.rejects[0].reason.starts_with("European Union has no ISO code"));
    }

    #[test]
    fn unknown_files_are_refused() {
        assert!(read_feed("x.csv", b"a,b\n1,2\n").unwrap_err().contains("not a known indicator file"));
    }
}
