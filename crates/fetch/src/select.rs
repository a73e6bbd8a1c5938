//! Which listed files a fetch wants: GDELT's version, its tables, and a date range read from
//! the files' names.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::list::Listed;

/// GDELT's two event databases, with their own folders and lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Version {
    /// GDELT 1.0: daily event files from 2013-04-01, monthly and yearly ones before.
    V1,
    /// GDELT 2.0: a file per table every 15 minutes from 2015-02-18.
    V2,
}

impl Version {
    /// The folder GDELT publishes the version in.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Version::V1 => "http://data.gdeltproject.org/events/",
            Version::V2 => "http://data.gdeltproject.org/gdeltv2/",
        }
    }
}

impl FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "1" => Ok(Version::V1),
            "2" => Ok(Version::V2),
            _ => Err(format!("GDELT version \"{s}\" is unknown: use 1 or 2")),
        }
    }
}

/// GDELT's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    /// Events (`.export.CSV.zip`), the table `entente import gdelt` reads.
    Events,
    /// Mentions (`.mentions.CSV.zip`, GDELT 2.0 only).
    Mentions,
    /// Global Knowledge Graph (`.gkg.csv.zip`).
    Gkg,
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Table::Events => "events",
            Table::Mentions => "mentions",
            Table::Gkg => "gkg",
        })
    }
}

impl FromStr for Table {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "events" | "export" => Ok(Table::Events),
            "mentions" => Ok(Table::Mentions),
            "gkg" => Ok(Table::Gkg),
            _ => Err(format!("table \"{s}\" is unknown: use events, mentions or gkg")),
        }
    }
}

/// A moment as GDELT names files: `YYYYMMDDHHMMSS` read as a number, so that moments order
/// as numbers do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Stamp(pub u64);

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            s / 10_000_000_000,
            s / 100_000_000 % 100,
            s / 1_000_000 % 100,
            s / 10_000 % 100,
            s / 100 % 100,
            s % 100
        )
    }
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(s: &str) -> Option<u64> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None }
}

/// The moment of a YYYYMMDDHHMMSS number.
fn stamp_of_digits(n: u64) -> Result<Stamp, String> {
    stamp(n / 10_000_000_000, n / 100_000_000 % 100, n / 1_000_000 % 100, n / 10_000 % 100, n / 100 % 100, n % 100)
}

/// Checks the parts of a moment, naming the first one out of range.
fn stamp(y: u64, mo: u64, d: u64, h: u64, mi: u64, s: u64) -> Result<Stamp, String> {
    if !(1900..=2999).contains(&y) {
        return Err(format!("year {y} is out of range (1900 to 2999)"));
    }
    if !(1..=12).contains(&mo) {
        return Err(format!("month {mo} is out of range"));
    }
    if d < 1 || d > days_in_month(y, mo) {
        return Err(format!("day {d} is out of range for {y}-{mo:02}"));
    }
    if h > 23 || mi > 59 || s > 59 {
        return Err(format!("time {h:02}:{mi:02}:{s:02} is out of range"));
    }
    Ok(Stamp(((((y * 100 + mo) * 100 + d) * 100 + h) * 100 + mi) * 100 + s))
}

/// Which end of a day a date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The day's first second (`--from`).
    Start,
    /// The day's last second (`--to`), so that `--to 2024-10-22` includes that day.
    Finish,
}

/// A date as a user gives it: `YYYY-MM-DD` or `YYYYMMDD` (a whole day), or `YYYYMMDDHHMMSS`
/// (a moment, as in GDELT 2.0's file names).
pub fn parse_date(text: &str, end: End) -> Result<Stamp, String> {
    let t = text.trim();
    let fail = |why: String| format!("\"{t}\" is not a date: {why} (use YYYY-MM-DD or YYYYMMDDHHMMSS)");
    let day = |y: u64, m: u64, d: u64| match end {
        End::Start => stamp(y, m, d, 0, 0, 0),
        End::Finish => stamp(y, m, d, 23, 59, 59),
    };
    let parts: Vec<&str> = t.split('-').collect();
    let result = match (parts.as_slice(), t.len()) {
        ([y, m, d], 10) if y.len() == 4 && m.len() == 2 && d.len() == 2 => match (digits(y), digits(m), digits(d)) {
            (Some(y), Some(m), Some(d)) => day(y, m, d),
            _ => Err("its parts are not numbers".to_string()),
        },
        ([whole], 8) => match digits(whole) {
            Some(n) => day(n / 10_000, n / 100 % 100, n % 100),
            None => Err("it is not a number".to_string()),
        },
        ([whole], 14) => match digits(whole) {
            Some(n) => stamp_of_digits(n),
            None => Err("it is not a number".to_string()),
        },
        _ => Err("the form is not recognised".to_string()),
    };
    result.map_err(fail)
}

/// The time a file covers, first and last second, and its table, read from its name; `None`
/// for a name that is not one of the version's data files (the lists, GDELT 1.0's reduced
/// file, GDELT 2.0's translingual files when the English ones are wanted).
pub fn classify(version: Version, translingual: bool, name: &str) -> Option<(Table, Stamp, Stamp)> {
    match version {
        Version::V2 => {
            let (stamp_text, rest) = name.split_once('.')?;
            if stamp_text.len() != 14 {
                return None;
            }
            let at = stamp_of_digits(digits(stamp_text)?).ok()?;
            let rest = rest.to_ascii_lowercase();
            let rest = match (translingual, rest.strip_prefix("translation.")) {
                (true, Some(r)) => r.to_string(),
                (false, None) => rest,
                _ => return None,
            };
            let table = match rest.as_str() {
                "export.csv.zip" => Table::Events,
                "mentions.csv.zip" => Table::Mentions,
                "gkg.csv.zip" => Table::Gkg,
                _ => return None,
            };
            Some((table, at, at))
        }
        Version::V1 => {
            let lower = name.to_ascii_lowercase();
            let (digits_text, table) = if let Some(d) = lower.strip_suffix(".export.csv.zip") {
                (d, Table::Events)
            } else if let Some(d) = lower.strip_suffix(".gkg.csv.zip") {
                (d, Table::Gkg)
            } else if let Some(d) = lower.strip_suffix(".zip") {
                (d, Table::Events)
            } else {
                return None;
            };
            let n = digits(digits_text)?;
            let (first, last) = match (digits_text.len(), table) {
                // Daily files, from 2013-04-01.
                (8, _) => {
                    let (y, m, d) = (n / 10_000, n / 100 % 100, n % 100);
                    (stamp(y, m, d, 0, 0, 0).ok()?, stamp(y, m, d, 23, 59, 59).ok()?)
                }
                // Monthly backfiles, 2006-01 to 2013-03.
                (6, Table::Events) => {
                    let (y, m) = (n / 100, n % 100);
                    if !(1..=12).contains(&m) {
                        return None;
                    }
                    (stamp(y, m, 1, 0, 0, 0).ok()?, stamp(y, m, days_in_month(y, m), 23, 59, 59).ok()?)
                }
                // Yearly backfiles, 1979 to 2005.
                (4, Table::Events) => (stamp(n, 1, 1, 0, 0, 0).ok()?, stamp(n, 12, 31, 23, 59, 59).ok()?),
                _ => return None,
            };
            Some((table, first, last))
        }
    }
}

/// What a fetch wants from a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub version: Version,
    pub tables: Vec<Table>,
    /// GDELT 2.0's translingual files (`masterfilelist-translation.txt`) instead of the English.
    pub translingual: bool,
    pub from: Stamp,
    /// Inclusive; `None` for everything from `from` on.
    pub to: Option<Stamp>,
}

impl Selection {
    /// Whether a file of the list is wanted: its table is, and the time it covers meets the
    /// range.
    pub fn wants(&self, name: &str) -> bool {
        match classify(self.version, self.translingual, name) {
            Some((table, first, last)) => {
                self.tables.contains(&table) && last >= self.from && self.to.is_none_or(|to| first <= to)
            }
            None => false,
        }
    }

    /// The wanted files of a list, in the list's order.
    pub fn select(&self, entries: Vec<Listed>) -> Vec<Listed> {
        entries.into_iter().filter(|e| self.wants(&e.name)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_or_moments_and_bad_ones_say_why() {
        assert_eq!(parse_date("2024-10-22", End::Start), Ok(Stamp(20241022000000)));
        assert_eq!(parse_date("2024-10-22", End::Finish), Ok(Stamp(20241022235959)));
        assert_eq!(parse_date("20241022", End::Finish), Ok(Stamp(20241022235959)));
        assert_eq!(parse_date("20241022134500", End::Finish), Ok(Stamp(20241022134500)));
        assert_eq!(parse_date("2024-02-29", End::Start), Ok(Stamp(20240229000000)));
        let err = |s: &str| parse_date(s, End::Start).unwrap_err();
        assert_eq!(
            err("2023-02-29"),
            "\"2023-02-29\" is not a date: day 29 is out of range for 2023-02 (use YYYY-MM-DD or YYYYMMDDHHMMSS)"
        );
        assert!(err("2024-13-01").contains("month 13 is out of range"));
        assert!(err("20241022246000").contains("time 24:60:00 is out of range"));
        assert!(err("yesterday").contains("the form is not recognised"));
        assert!(err("2024-1-05").contains("the form is not recognised"));
        assert!(err("2024-aa-05").contains("its parts are not numbers"));
        assert!(err("0000-01-01").contains("year 0 is out of range"));
        assert_eq!(Stamp(20241022134500).to_string(), "2024-10-22 13:45:00");
    }

    #[test]
    fn file_names_give_their_table_and_time() {
        let v2 = |n: &str| classify(Version::V2, false, n);
        assert_eq!(
            v2("20150218230000.export.CSV.zip"),
            Some((Table::Events, Stamp(20150218230000), Stamp(20150218230000)))
        );
        assert_eq!(v2("20150218230000.mentions.CSV.zip").map(|c| c.0), Some(Table::Mentions));
        assert_eq!(v2("20150218230000.gkg.csv.zip").map(|c| c.0), Some(Table::Gkg));
        assert_eq!(v2("20150218224500.translation.export.CSV.zip"), None);
        assert_eq!(
            classify(Version::V2, true, "20150218224500.translation.export.CSV.zip").map(|c| c.0),
            Some(Table::Events)
        );
        assert_eq!(classify(Version::V2, true, "20150218230000.export.CSV.zip"), None);
        assert_eq!(v2("masterfilelist.txt"), None);
        assert_eq!(v2("20151318230000.export.CSV.zip"), None);

        let v1 = |n: &str| classify(Version::V1, false, n);
        assert_eq!(v1("20130401.export.CSV.zip"), Some((Table::Events, Stamp(20130401000000), Stamp(20130401235959))));
        assert_eq!(v1("201302.zip"), Some((Table::Events, Stamp(20130201000000), Stamp(20130228235959))));
        assert_eq!(v1("1979.zip"), Some((Table::Events, Stamp(19790101000000), Stamp(19791231235959))));
        assert_eq!(v1("GDELT.MASTERREDUCEDV2.1979-2013.zip"), None);
        assert_eq!(v1("md5sums"), None);
        assert_eq!(v1("201313.zip"), None);
    }

    #[test]
    fn a_range_selects_the_files_whose_time_meets_it() {
        let listed = |name: &str| Listed { name: name.into(), url: String::new(), size: None, md5: String::new() };
        let v1 = Selection {
            version: Version::V1,
            tables: vec![Table::Events],
            translingual: false,
            from: parse_date("2005-12-31", End::Start).unwrap(),
            to: Some(parse_date("2013-04-01", End::Finish).unwrap()),
        };
        let names =
            ["2004.zip", "2005.zip", "200601.zip", "201303.zip", "20130401.export.CSV.zip", "20130402.export.CSV.zip"];
        let got: Vec<String> =
            v1.select(names.iter().map(|n| listed(n)).collect()).into_iter().map(|e| e.name).collect();
        assert_eq!(got, ["2005.zip", "200601.zip", "201303.zip", "20130401.export.CSV.zip"]);

        let v2 = Selection {
            version: Version::V2,
            tables: vec![Table::Events, Table::Gkg],
            translingual: false,
            from: parse_date("20241022131500", End::Start).unwrap(),
            to: Some(parse_date("20241022133000", End::Finish).unwrap()),
        };
        let names = [
            "20241022130000.export.CSV.zip",
            "20241022131500.export.CSV.zip",
            "20241022131500.mentions.CSV.zip",
            "20241022131500.gkg.csv.zip",
            "20241022133000.export.CSV.zip",
            "20241022134500.export.CSV.zip",
        ];
        let got: Vec<String> =
            v2.select(names.iter().map(|n| listed(n)).collect()).into_iter().map(|e| e.name).collect();
        assert_eq!(
            got,
            ["20241022131500.export.CSV.zip", "20241022131500.gkg.csv.zip", "20241022133000.export.CSV.zip"]
        );

        let open_ended = Selection { to: None, ..v2 };
        assert!(open_ended.wants("20991231234500.export.CSV.zip"));
        assert!(!open_ended.wants("20241022130000.export.CSV.zip"));
    }
}
