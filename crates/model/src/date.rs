//! Dates known to a year, a month or a day, and the periods indicators are reported for.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A calendar date known to a year (`2014`), a month (`2018-10`) or a day (`2019-06-25`).
///
/// It prints and parses as ISO 8601 at its own precision, and orders by its earliest
/// possible day, so `2018` sorts before `2018-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// A key that sorts dates by their earliest possible day: `YYYYMMDD` with unknown
    /// parts as zero.
    pub fn sort_key(&self) -> i64 {
        i64::from(self.year) * 10_000 + i64::from(self.month.unwrap_or(0)) * 100 + i64::from(self.day.unwrap_or(0))
    }

    /// The latest day this date may stand for, as a sort key (`2018` → `20181231`).
    pub fn end_key(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        i64::from(self.year) * 10_000 + i64::from(month) * 100 + i64::from(day)
    }
}

/// Days in `month` of `year` in the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Why a date or period did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("\"{0}\" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    #[error("\"{0}\" has month {1}: months run from 01 to 12")]
    Month(String, u32),
    #[error("\"{input}\" does not exist: {month:02}/{year} has {days} days")]
    Day { input: String, year: i32, month: u8, days: u8 },
    #[error("\"{0}\" has a year outside 1..9999")]
    Year(String),
    #[error("\"{0}\" is not a period: write a year (2019) or an academic year (2013/14, 2013-14 or 2013/2014)")]
    Period(String),
    #[error("\"{0}\" is not an academic year: its second year must follow the first (2013/14)")]
    AcademicYear(String),
}

fn parse_number(part: &str, digits: usize) -> Option<u32> {
    if part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()) { part.parse().ok() } else { None }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim();
        let format = || DateError::Format(input.to_string());
        let mut parts = s.split('-');
        let year = parts.next().and_then(|p| parse_number(p, 4)).ok_or_else(format)?;
        if year == 0 {
            return Err(DateError::Year(input.to_string()));
        }
        let year = i32::try_from(year).map_err(|_| DateError::Year(input.to_string()))?;
        let month = match parts.next() {
            None => None,
            Some(p) => Some(parse_number(p, 2).ok_or_else(format)?),
        };
        let day = match parts.next() {
            None => None,
            Some(p) => Some(parse_number(p, 2).ok_or_else(format)?),
        };
        if parts.next().is_some() {
            return Err(format());
        }
        let month = match month {
            Some(m) if !(1..=12).contains(&m) => {
                return Err(DateError::Month(input.to_string(), m));
            }
            Some(m) => Some(m as u8),
            None => None,
        };
        let day = match (month, day) {
            (Some(m), Some(d)) => {
                let days = days_in_month(year, m);
                if d == 0 || d > u32::from(days) {
                    return Err(DateError::Day { input: input.to_string(), year, month: m, days });
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

// Serialised as its ISO 8601 text, so described by hand.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PartialDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))
            .description(Some("A date known to a year (`2014`), a month (`2018-10`) or a day (`2019-06-25`)."))
            .examples(["2019-06-25"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PartialDate {}

/// The period an indicator value is reported for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar year, `2019`.
    Year(i32),
    /// An academic year starting in the given calendar year: `2013/14` is `AcademicYear(2013)`.
    AcademicYear(i32),
}

impl Period {
    /// The calendar year the period starts in.
    pub fn start_year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::AcademicYear(y) => y,
        }
    }

    /// The calendar year the period ends in: an academic year ends the year after it starts.
    pub fn end_year(&self) -> i32 {
        match *self {
            Period::Year(y) => y,
            Period::AcademicYear(y) => y + 1,
        }
    }

    pub fn is_academic(&self) -> bool {
        matches!(self, Period::AcademicYear(_))
    }
}

impl FromStr for Period {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim();
        let bad = || DateError::Period(input.to_string());
        // An academic year is written 2013/14, 2013/2014 or, as sources often print it, 2013-14.
        if let Some((a, b)) = s.split_once('/').or_else(|| s.split_once('-')) {
            let start = parse_number(a, 4).ok_or_else(bad)? as i32;
            let end = parse_number(b, 2).or_else(|| parse_number(b, 4)).ok_or_else(bad)? as i32;
            let follows = if b.len() == 2 { end == (start + 1) % 100 } else { end == start + 1 };
            if !follows {
                return Err(DateError::AcademicYear(input.to_string()));
            }
            return Ok(Period::AcademicYear(start));
        }
        let year = parse_number(s, 4).ok_or_else(bad)?;
        Ok(Period::Year(year as i32))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::AcademicYear(y) => write!(f, "{y:04}/{:02}", (y + 1) % 100),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for s in ["2014", "2018-10", "2019-06-25", "2020-02-29"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert_eq!("2014".parse::<PartialDate>().unwrap().precision(), Precision::Year);
        assert_eq!("2018-10".parse::<PartialDate>().unwrap().precision(), Precision::Month);
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(matches!("2019-02-29".parse::<PartialDate>(), Err(DateError::Day { days: 28, .. })));
        assert!(matches!("2019-13".parse::<PartialDate>(), Err(DateError::Month(_, 13))));
        assert!(matches!("2019-04-31".parse::<PartialDate>(), Err(DateError::Day { .. })));
        assert!(matches!("19-04".parse::<PartialDate>(), Err(DateError::Format(_))));
        assert!(matches!("2019-4-1".parse::<PartialDate>(), Err(DateError::Format(_))));
        assert!(matches!("2019-04-01-01".parse::<PartialDate>(), Err(DateError::Format(_))));
        assert!(matches!("0000".parse::<PartialDate>(), Err(DateError::Year(_))));
        assert!(matches!("".parse::<PartialDate>(), Err(DateError::Format(_))));
    }

    #[test]
    fn orders_by_earliest_day() {
        let mut v: Vec<PartialDate> =
            ["2019-06-25", "2018", "2018-10-19", "2018-10", "2004"].iter().map(|s| s.parse().unwrap()).collect();
        v.sort();
        let printed: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["2004", "2018", "2018-10", "2018-10-19", "2019-06-25"]);
        assert_eq!("2018".parse::<PartialDate>().unwrap().end_key(), 20181231);
        assert_eq!("2020-02".parse::<PartialDate>().unwrap().end_key(), 20200229);
    }

    #[test]
    fn periods() {
        assert_eq!("2013/14".parse::<Period>().unwrap(), Period::AcademicYear(2013));
        assert_eq!("2013/2014".parse::<Period>().unwrap(), Period::AcademicYear(2013));
        assert_eq!("1999/00".parse::<Period>().unwrap(), Period::AcademicYear(1999));
        assert_eq!(Period::AcademicYear(2013).to_string(), "2013/14");
        assert_eq!("2019".parse::<Period>().unwrap(), Period::Year(2019));
        assert!(matches!("2013/15".parse::<Period>(), Err(DateError::AcademicYear(_))));
        // Sources print academic years with a hyphen too; it is the same period.
        assert_eq!("2013-14".parse::<Period>().unwrap(), Period::AcademicYear(2013));
        assert_eq!("2013-2014".parse::<Period>().unwrap(), Period::AcademicYear(2013));
        assert!(matches!("2013-12".parse::<Period>(), Err(DateError::AcademicYear(_))));
        assert!(matches!("2013-1".parse::<Period>(), Err(DateError::Period(_))));
        assert_eq!(Period::AcademicYear(2013).end_year(), 2014);
        assert_eq!(Period::Year(2013).end_year(), 2013);
    }
}
