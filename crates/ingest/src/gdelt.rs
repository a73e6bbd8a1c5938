//! GDELT event exports: 1.0 (57 or 58 tab-separated fields) and 2.0 (61 fields), plain or
//! zipped, read as a stream into typed Arrow columns.
//!
//! Every line becomes a row or a reject with its line number and reason: a wrong number of
//! fields, an empty or non-numeric event id, a date or number that does not parse, invalid
//! UTF-8, an empty line, or a last line cut short (no line break at the end of the file).
//! Actor CAMEO country codes and FIPS 10-4 place codes are mapped to ISO alpha-3 with the
//! country table; codes without a country (regions such as `EUR`) map to null.
//!
//! Column names are GDELT's in snake_case (`Actor1CountryCode` → `actor1_country_code`);
//! GDELT 1.0 rows have no ADM2 codes and no `SOURCEURL` in historical files (null here).

use std::io::{self, Read};
use std::sync::{Arc, LazyLock};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int8Builder, Int32Builder, Int64Builder, StringBuilder,
    TimestampSecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use entente_model::CountryTable;

/// Which GDELT event format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// GDELT 1.0: 57 fields (historical backfiles) or 58 (daily updates, with SOURCEURL).
    V1,
    /// GDELT 2.0: 61 fields.
    V2,
}

impl Version {
    pub fn number(self) -> i64 {
        match self {
            Version::V1 => 1,
            Version::V2 => 2,
        }
    }

    /// The version a line of `fields` fields belongs to.
    pub fn of_field_count(fields: usize) -> Option<Version> {
        match fields {
            61 => Some(Version::V2),
            57 | 58 => Some(Version::V1),
            _ => None,
        }
    }
}

/// How a column's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Whole number, required: the event id.
    Id,
    /// `YYYYMMDD`, required.
    Date,
    Int32,
    Int8,
    Float,
    /// `0` or `1`.
    Bool,
    Text,
    /// `YYYYMMDDHHMMSS` (2.0) or `YYYYMMDD` (1.0).
    Added,
}

/// One GDELT column: its name in GDELT's documentation, ours, its field position in a
/// 2.0 row, how it is read, and whether an empty value is an error.
struct Column {
    gdelt: &'static str,
    name: &'static str,
    kind: Kind,
    required: bool,
}

const fn col(gdelt: &'static str, name: &'static str, kind: Kind, required: bool) -> Column {
    Column { gdelt, name, kind, required }
}

/// The 61 fields of a GDELT 2.0 row, in order. A 1.0 row is mapped onto these positions.
const COLUMNS: [Column; 61] = [
    col("GLOBALEVENTID", "global_event_id", Kind::Id, true),
    col("SQLDATE", "sql_date", Kind::Date, true),
    col("MonthYear", "month_year", Kind::Int32, true),
    col("Year", "year", Kind::Int32, true),
    col("FractionDate", "fraction_date", Kind::Float, true),
    col("Actor1Code", "actor1_code", Kind::Text, false),
    col("Actor1Name", "actor1_name", Kind::Text, false),
    col("Actor1CountryCode", "actor1_country_code", Kind::Text, false),
    col("Actor1KnownGroupCode", "actor1_known_group_code", Kind::Text, false),
    col("Actor1EthnicCode", "actor1_ethnic_code", Kind::Text, false),
    col("Actor1Religion1Code", "actor1_religion1_code", Kind::Text, false),
    col("Actor1Religion2Code", "actor1_religion2_code", Kind::Text, false),
    col("Actor1Type1Code", "actor1_type1_code", Kind::Text, false),
    col("Actor1Type2Code", "actor1_type2_code", Kind::Text, false),
    col("Actor1Type3Code", "actor1_type3_code", Kind::Text, false),
    col("Actor2Code", "actor2_code", Kind::Text, false),
    col("Actor2Name", "actor2_name", Kind::Text, false),
    col("Actor2CountryCode", "actor2_country_code", Kind::Text, false),
    col("Actor2KnownGroupCode", "actor2_known_group_code", Kind::Text, false),
    col("Actor2EthnicCode", "actor2_ethnic_code", Kind::Text, false),
    col("Actor2Religion1Code", "actor2_religion1_code", Kind::Text, false),
    col("Actor2Religion2Code", "actor2_religion2_code", Kind::Text, false),
    col("Actor2Type1Code", "actor2_type1_code", Kind::Text, false),
    col("Actor2Type2Code", "actor2_type2_code", Kind::Text, false),
    col("Actor2Type3Code", "actor2_type3_code", Kind::Text, false),
    col("IsRootEvent", "is_root_event", Kind::Bool, true),
    col("EventCode", "event_code", Kind::Text, true),
    col("EventBaseCode", "event_base_code", Kind::Text, true),
    col("EventRootCode", "event_root_code", Kind::Text, true),
    col("QuadClass", "quad_class", Kind::Int8, true),
    col("GoldsteinScale", "goldstein_scale", Kind::Float, false),
    col("NumMentions", "num_mentions", Kind::Int32, true),
    col("NumSources", "num_sources", Kind::Int32, true),
    col("NumArticles", "num_articles", Kind::Int32, true),
    col("AvgTone", "avg_tone", Kind::Float, true),
    col("Actor1Geo_Type", "actor1_geo_type", Kind::Int8, false),
    col("Actor1Geo_FullName", "actor1_geo_fullname", Kind::Text, false),
    col("Actor1Geo_CountryCode", "actor1_geo_country_code", Kind::Text, false),
    col("Actor1Geo_ADM1Code", "actor1_geo_adm1_code", Kind::Text, false),
    col("Actor1Geo_ADM2Code", "actor1_geo_adm2_code", Kind::Text, false),
    col("Actor1Geo_Lat", "actor1_geo_lat", Kind::Float, false),
    col("Actor1Geo_Long", "actor1_geo_long", Kind::Float, false),
    col("Actor1Geo_FeatureID", "actor1_geo_feature_id", Kind::Text, false),
    col("Actor2Geo_Type", "actor2_geo_type", Kind::Int8, false),
    col("Actor2Geo_FullName", "actor2_geo_fullname", Kind::Text, false),
    col("Actor2Geo_CountryCode", "actor2_geo_country_code", Kind::Text, false),
    col("Actor2Geo_ADM1Code", "actor2_geo_adm1_code", Kind::Text, false),
    col("Actor2Geo_ADM2Code", "actor2_geo_adm2_code", Kind::Text, false),
    col("Actor2Geo_Lat", "actor2_geo_lat", Kind::Float, false),
    col("Actor2Geo_Long", "actor2_geo_long", Kind::Float, false),
    col("Actor2Geo_FeatureID", "actor2_geo_feature_id", Kind::Text, false),
    col("ActionGeo_Type", "action_geo_type", Kind::Int8, false),
    col("ActionGeo_FullName", "action_geo_fullname", Kind::Text, false),
    col("ActionGeo_CountryCode", "action_geo_country_code", Kind::Text, false),
    col("ActionGeo_ADM1Code", "action_geo_adm1_code", Kind::Text, false),
    col("ActionGeo_ADM2Code", "action_geo_adm2_code", Kind::Text, false),
    col("ActionGeo_Lat", "action_geo_lat", Kind::Float, false),
    col("ActionGeo_Long", "action_geo_long", Kind::Float, false),
    col("ActionGeo_FeatureID", "action_geo_feature_id", Kind::Text, false),
    col("DATEADDED", "date_added", Kind::Added, true),
    col("SOURCEURL", "source_url", Kind::Text, false),
];

/// Positions (in the 2.0 layout) of the country codes that get an ISO alpha-3 column.
const ACTOR1_COUNTRY: usize = 7;
const ACTOR2_COUNTRY: usize = 17;
const GEO_COUNTRIES: [usize; 3] = [37, 45, 53];
/// Positions of the ADM2 fields 1.0 rows lack, and of SOURCEURL.
const ADM2: [usize; 3] = [39, 47, 55];
const SOURCE_URL: usize = 60;

/// Derived columns after GDELT's own: the ISO codes of the actors' countries and the
/// places, the actors' pair in alphabetical order (`FRA-KAZ` for either direction, the key
/// parts are sorted by), and where each row came from.
const DERIVED: [&str; 8] = [
    "actor1_iso3",
    "actor2_iso3",
    "actor1_geo_iso3",
    "actor2_geo_iso3",
    "action_geo_iso3",
    "actor_pair",
    "source_file",
    "source_line",
];

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let mut fields: Vec<Field> = COLUMNS
        .iter()
        .map(|c| {
            let t = match c.kind {
                Kind::Id => DataType::Int64,
                Kind::Date => DataType::Date32,
                Kind::Int32 => DataType::Int32,
                Kind::Int8 => DataType::Int8,
                Kind::Float => DataType::Float64,
                Kind::Bool => DataType::Boolean,
                Kind::Text => DataType::Utf8,
                Kind::Added => DataType::Timestamp(TimeUnit::Second, None),
            };
            Field::new(c.name, t, !c.required)
        })
        .collect();
    for name in &DERIVED[..6] {
        fields.push(Field::new(*name, DataType::Utf8, true));
    }
    fields.push(Field::new("source_file", DataType::Int32, false));
    fields.push(Field::new("source_line", DataType::Int32, false));
    Arc::new(Schema::new(fields))
});

/// The Arrow schema of stored GDELT events.
pub fn schema() -> SchemaRef {
    Arc::clone(&SCHEMA)
}

/// GDELT's name for each of our columns (`sql_date` → `SQLDATE`), for documentation.
pub fn gdelt_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    COLUMNS.iter().map(|c| (c.name, c.gdelt))
}

/// Maps 2- and 3-character codes (letters and digits) to ISO alpha-3 through flat tables,
/// so the hot loop does no hashing.
struct CodeTables {
    cameo: Vec<Option<&'static str>>,
    fips: Vec<Option<&'static str>>,
}

fn code_digit(b: u8) -> Option<usize> {
    match b {
        b'A'..=b'Z' => Some(usize::from(b - b'A')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

fn code_index(code: &[u8]) -> Option<usize> {
    code.iter().try_fold(0usize, |acc, b| code_digit(*b).map(|d| acc * 36 + d))
}

static CODES: LazyLock<CodeTables> = LazyLock::new(|| {
    let countries = CountryTable::bundled();
    let mut cameo = vec![None; 36 * 36 * 36];
    let mut fips = vec![None; 36 * 36];
    for c in countries.all() {
        for code in &c.cameo {
            if let Some(i) = code_index(code.as_bytes()).filter(|_| code.len() == 3) {
                cameo[i] = Some(c.alpha3.as_str());
            }
        }
        if let Some(f) = &c.fips
            && let Some(i) = code_index(f.as_bytes()).filter(|_| f.len() == 2)
        {
            fips[i] = Some(c.alpha3.as_str());
        }
    }
    CodeTables { cameo, fips }
});

fn cameo_iso3(code: &str) -> Option<&'static str> {
    if code.len() != 3 {
        return None;
    }
    code_index(code.as_bytes()).and_then(|i| CODES.cameo[i])
}

fn fips_iso3(code: &str) -> Option<&'static str> {
    if code.len() != 2 {
        return None;
    }
    code_index(code.as_bytes()).and_then(|i| CODES.fips[i])
}

enum Builder {
    Int64(Int64Builder),
    Int32(Int32Builder),
    Int8(Int8Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Text(StringBuilder),
    Date(Date32Builder),
    Added(TimestampSecondBuilder),
}

/// A parsed field, before it is appended.
#[derive(Clone, Copy)]
enum Value {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Text as a byte range of the line.
    Text(u32, u32),
}

/// Columns being filled with events; [`EventBuilder::finish`] turns them into a batch.
pub struct EventBuilder {
    builders: Vec<Builder>,
    derived: Vec<StringBuilder>,
    file: Int32Builder,
    line: Int32Builder,
    len: usize,
}

impl Default for EventBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBuilder {
    pub fn new() -> Self {
        let builders = COLUMNS
            .iter()
            .map(|c| match c.kind {
                Kind::Id => Builder::Int64(Int64Builder::new()),
                Kind::Date => Builder::Date(Date32Builder::new()),
                Kind::Int32 => Builder::Int32(Int32Builder::new()),
                Kind::Int8 => Builder::Int8(Int8Builder::new()),
                Kind::Float => Builder::Float(Float64Builder::new()),
                Kind::Bool => Builder::Bool(BooleanBuilder::new()),
                Kind::Text => Builder::Text(StringBuilder::new()),
                Kind::Added => Builder::Added(TimestampSecondBuilder::new()),
            })
            .collect();
        EventBuilder {
            builders,
            derived: (0..6).map(|_| StringBuilder::new()).collect(),
            file: Int32Builder::new(),
            line: Int32Builder::new(),
            len: 0,
        }
    }

    /// Rows appended since the last `finish`.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn append(&mut self, line: &str, values: &[Value; 61], file: i64, line_no: u64) {
        for (b, v) in self.builders.iter_mut().zip(values) {
            match (b, *v) {
                (Builder::Int64(b), Value::Int(i)) => b.append_value(i),
                (Builder::Int32(b), Value::Int(i)) => b.append_value(i as i32),
                (Builder::Int8(b), Value::Int(i)) => b.append_value(i as i8),
                (Builder::Date(b), Value::Int(i)) => b.append_value(i as i32),
                (Builder::Added(b), Value::Int(i)) => b.append_value(i),
                (Builder::Float(b), Value::Float(f)) => b.append_value(f),
                (Builder::Bool(b), Value::Bool(x)) => b.append_value(x),
                (Builder::Text(b), Value::Text(s, e)) => b.append_value(&line[s as usize..e as usize]),
                (Builder::Int64(b), _) => b.append_null(),
                (Builder::Int32(b), _) => b.append_null(),
                (Builder::Int8(b), _) => b.append_null(),
                (Builder::Date(b), _) => b.append_null(),
                (Builder::Added(b), _) => b.append_null(),
                (Builder::Float(b), _) => b.append_null(),
                (Builder::Bool(b), _) => b.append_null(),
                (Builder::Text(b), _) => b.append_null(),
            }
        }
        let text = |i: usize| match values[i] {
            Value::Text(s, e) => &line[s as usize..e as usize],
            _ => "",
        };
        let iso = [
            cameo_iso3(text(ACTOR1_COUNTRY)),
            cameo_iso3(text(ACTOR2_COUNTRY)),
            fips_iso3(text(GEO_COUNTRIES[0])),
            fips_iso3(text(GEO_COUNTRIES[1])),
            fips_iso3(text(GEO_COUNTRIES[2])),
        ];
        for (b, v) in self.derived.iter_mut().zip(iso) {
            b.append_option(v);
        }
        match (iso[0], iso[1]) {
            (Some(x), Some(y)) => {
                let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
                let mut pair = [b'-'; 7];
                pair[..3].copy_from_slice(&lo.as_bytes()[..3]);
                pair[4..].copy_from_slice(&hi.as_bytes()[..3]);
                self.derived[5].append_value(std::str::from_utf8(&pair).unwrap_or(""));
            }
            _ => self.derived[5].append_null(),
        }
        // The manifest's ids and line numbers fit in 32 bits (checked where they are made).
        self.file.append_value(file as i32);
        self.line.append_value(line_no as i32);
        self.len += 1;
    }

    /// The rows so far as one batch; the builder is empty afterwards.
    pub fn finish(&mut self) -> RecordBatch {
        let mut columns: Vec<ArrayRef> = self
            .builders
            .iter_mut()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Int64(b) => Arc::new(b.finish()),
                    Builder::Int32(b) => Arc::new(b.finish()),
                    Builder::Int8(b) => Arc::new(b.finish()),
                    Builder::Float(b) => Arc::new(b.finish()),
                    Builder::Bool(b) => Arc::new(b.finish()),
                    Builder::Text(b) => Arc::new(b.finish()),
                    Builder::Date(b) => Arc::new(b.finish()),
                    Builder::Added(b) => Arc::new(b.finish()),
                }
            })
            .collect();
        columns.extend(self.derived.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        columns.push(Arc::new(self.file.finish()));
        columns.push(Arc::new(self.line.finish()));
        self.len = 0;
        RecordBatch::try_new(schema(), columns).expect("columns are built to the schema (tested)")
    }
}

/// Where parsed rows go: a builder per partition (the event's year), and a hook after
/// each row so the caller can flush a full builder.
pub trait EventSink {
    fn builder(&mut self, year: i32) -> &mut EventBuilder;
    fn row_added(&mut self, year: i32) -> io::Result<()>;
}

/// A line that did not become a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// 1-based line number in the uncompressed file.
    pub line: u64,
    pub reason: String,
    /// The start of the line, for a person to recognise it (at most 200 bytes, lossy UTF-8).
    pub excerpt: String,
}

/// What reading one file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStats {
    pub version: Option<Version>,
    pub rows_read: u64,
    pub rows_stored: u64,
    pub rows_rejected: u64,
    /// Uncompressed bytes read.
    pub bytes: u64,
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    s.iter().try_fold(0i64, |acc, b| if b.is_ascii_digit() { Some(acc * 10 + i64::from(b - b'0')) } else { None })
}

fn parse_int(s: &str) -> Option<i64> {
    match s.as_bytes() {
        [b'-', rest @ ..] => digits(rest).map(|v| -v),
        bytes => digits(bytes),
    }
}

/// `YYYYMMDD` → days since the epoch, checking that the day exists.
fn parse_date(s: &[u8]) -> Option<i64> {
    if s.len() != 8 {
        return None;
    }
    let (y, m, d) = (digits(&s[..4])?, digits(&s[4..6])?, digits(&s[6..8])?);
    let dim = entente_model::date::days_in_month(y as i32, m as u8);
    if !(1..=12).contains(&m) || d < 1 || d > i64::from(dim) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// `YYYYMMDDHHMMSS` or `YYYYMMDD` → seconds since the epoch.
fn parse_added(s: &[u8]) -> Option<i64> {
    match s.len() {
        8 => parse_date(s).map(|d| d * 86_400),
        14 => {
            let day = parse_date(&s[..8])?;
            let (h, mi, se) = (digits(&s[8..10])?, digits(&s[10..12])?, digits(&s[12..14])?);
            if h > 23 || mi > 59 || se > 60 {
                return None;
            }
            Some(day * 86_400 + h * 3600 + mi * 60 + se)
        }
        _ => None,
    }
}

/// Reads GDELT event files.
pub struct Reader {
    _private: (),
}

impl Default for Reader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reader {
    pub fn new() -> Self {
        LazyLock::force(&CODES);
        Reader { _private: () }
    }

    /// Reads one file's uncompressed content from `input`, sending rows to `sink` and
    /// rejects to `rejects`. `file` is stored with every row (the manifest's file id).
    pub fn read(
        &self,
        mut input: impl Read,
        file: i64,
        sink: &mut dyn EventSink,
        rejects: &mut Vec<Reject>,
    ) -> io::Result<FileStats> {
        let stats = FileStats { version: None, rows_read: 0, rows_stored: 0, rows_rejected: 0, bytes: 0 };
        let mut pass = Pass { file, stats, values: [Value::Null; 61], sink, rejects };
        let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
        let mut start = 0usize;
        let mut line_no = 0u64;
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            let n = match input.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                break;
            }
            pass.stats.bytes += n as u64;
            // Keep the unfinished line, append the new bytes.
            buf.drain(..start);
            start = 0;
            buf.extend_from_slice(&chunk[..n]);
            while let Some(pos) = memchr::memchr(b'\n', &buf[start..]) {
                let end = start + pos;
                line_no += 1;
                self.line_checked(&mut pass, &buf[start..end], line_no, false)?;
                start = end + 1;
            }
        }
        if start < buf.len() {
            line_no += 1;
            self.line_checked(&mut pass, &buf[start..], line_no, true)?;
        }
        Ok(pass.stats)
    }

    fn line_checked(&self, pass: &mut Pass<'_>, raw: &[u8], line_no: u64, last_without_break: bool) -> io::Result<()> {
        if line_no > i32::MAX as u64 || pass.file > i64::from(i32::MAX) {
            return Err(io::Error::other(
                "a file of more than 2^31 lines, or a manifest of more than 2^31 files, is beyond entente",
            ));
        }
        self.line(pass, raw, line_no, last_without_break)
    }

    fn line(&self, pass: &mut Pass<'_>, raw: &[u8], line_no: u64, last_without_break: bool) -> io::Result<()> {
        let Pass { file, stats, values, sink, rejects } = pass;
        stats.rows_read += 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let mut reject = |reason: String| {
            stats.rows_rejected += 1;
            let cut = &raw[..raw.len().min(200)];
            rejects.push(Reject { line: line_no, reason, excerpt: String::from_utf8_lossy(cut).into_owned() });
        };
        if last_without_break {
            reject("truncated last line: the file does not end with a line break".into());
            return Ok(());
        }
        if raw.is_empty() {
            reject("empty line".into());
            return Ok(());
        }
        let line = match std::str::from_utf8(raw) {
            Ok(l) => l,
            Err(e) => {
                reject(format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1));
                return Ok(());
            }
        };
        // Field boundaries in the line, and the version they imply.
        let mut bounds = [(0u32, 0u32); 62];
        let mut count = 0usize;
        let mut from = 0usize;
        for tab in memchr::memchr_iter(b'\t', raw) {
            if count < 61 {
                bounds[count] = (from as u32, tab as u32);
            }
            count += 1;
            from = tab + 1;
        }
        if count < 61 {
            bounds[count] = (from as u32, raw.len() as u32);
        }
        count += 1;
        let Some(version) = Version::of_field_count(count) else {
            let expected = match stats.version {
                Some(Version::V2) => "GDELT 2.0 rows have 61",
                Some(Version::V1) => "GDELT 1.0 rows have 57 or 58",
                None => "GDELT rows have 57, 58 (1.0) or 61 (2.0)",
            };
            reject(format!("has {count} fields; {expected}"));
            return Ok(());
        };
        match stats.version {
            None => stats.version = Some(version),
            Some(v) if v != version => {
                reject(format!("has {count} fields, a GDELT {} row in a GDELT {} file", version.number(), v.number()));
                return Ok(());
            }
            Some(_) => {}
        }
        // Map a 1.0 row onto the 2.0 positions: no ADM2 codes, SOURCEURL only with 58 fields.
        let field = |i: usize| -> (u32, u32) {
            match version {
                Version::V2 => bounds[i],
                Version::V1 => {
                    if ADM2.contains(&i) || (i == SOURCE_URL && count == 57) {
                        (0, 0)
                    } else {
                        let shift = ADM2.iter().filter(|a| **a < i).count();
                        bounds[i - shift]
                    }
                }
            }
        };
        for (i, c) in COLUMNS.iter().enumerate() {
            let (s, e) = field(i);
            let text = &line[s as usize..e as usize];
            if text.is_empty() {
                if c.required {
                    reject(format!("empty {}", c.gdelt));
                    return Ok(());
                }
                values[i] = Value::Null;
                continue;
            }
            let bytes = text.as_bytes();
            let parsed = match c.kind {
                Kind::Id => digits(bytes).map(Value::Int),
                Kind::Int32 => parse_int(text).filter(|v| i32::try_from(*v).is_ok()).map(Value::Int),
                Kind::Int8 => parse_int(text).filter(|v| i8::try_from(*v).is_ok()).map(Value::Int),
                Kind::Float => lexical_core::parse::<f64>(bytes).ok().filter(|f| f.is_finite()).map(Value::Float),
                Kind::Bool => match bytes {
                    b"0" => Some(Value::Bool(false)),
                    b"1" => Some(Value::Bool(true)),
                    _ => None,
                },
                Kind::Date => parse_date(bytes).map(Value::Int),
                Kind::Added => parse_added(bytes).map(Value::Int),
                Kind::Text => Some(Value::Text(s, e)),
            };
            match parsed {
                Some(v) => values[i] = v,
                None => {
                    let what = match c.kind {
                        Kind::Id | Kind::Int32 | Kind::Int8 => "a whole number in range",
                        Kind::Float => "a number",
                        Kind::Bool => "0 or 1",
                        Kind::Date => "a date (YYYYMMDD)",
                        Kind::Added => "a date and time (YYYYMMDDHHMMSS or YYYYMMDD)",
                        Kind::Text => "text",
                    };
                    let shown: String = text.chars().take(40).collect();
                    reject(format!("{} \"{shown}\" is not {what}", c.gdelt));
                    return Ok(());
                }
            }
        }
        let year = match values[1] {
            Value::Int(days) => civil_year(days),
            _ => 0,
        };
        sink.builder(year).append(line, values, *file, line_no);
        stats.rows_stored += 1;
        sink.row_added(year)
    }
}

/// What reading one file carries from line to line: the file's id, its counts so far, the
/// current row's parsed fields, and where rows and rejects go.
struct Pass<'p> {
    file: i64,
    stats: FileStats,
    values: [Value; 61],
    sink: &'p mut dyn EventSink,
    rejects: &'p mut Vec<Reject>,
}

/// The calendar year of a day count since the epoch.
fn civil_year(days: i64) -> i32 {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int64Type};
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Collect {
        parts: BTreeMap<i32, EventBuilder>,
    }

    impl EventSink for Collect {
        fn builder(&mut self, year: i32) -> &mut EventBuilder {
            self.parts.entry(year).or_default()
        }
        fn row_added(&mut self, _year: i32) -> io::Result<()> {
            Ok(())
        }
    }

    const V2_ROW: &str = "1203654089\t20231023\t202310\t2023\t2023.8027\tCAN\tCANADA\tCAN\t\t\t\t\t\t\t\tKAZ\tKAZAKHSTAN\tKAZ\t\t\t\t\t\t\t\t1\t043\t043\t04\t1\t2.8\t2\t1\t2\t-1.5\t1\tCanada\tCA\tCA\t\t60\t-95\tCA\t4\tAstana, Qaraghandy, Kazakhstan\tKZ\tKZ12\t\t51.1811\t71.4278\t-2454896\t4\tAstana, Qaraghandy, Kazakhstan\tKZ\tKZ12\t\t51.1811\t71.4278\t-2454896\t20241022130000\thttps://example.org/a";

    fn read(text: &str) -> (FileStats, Vec<Reject>, Collect) {
        let mut sink = Collect::default();
        let mut rejects = Vec::new();
        let stats = Reader::new().read(text.as_bytes(), 7, &mut sink, &mut rejects).unwrap();
        (stats, rejects, sink)
    }

    #[test]
    fn dates_and_years() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(parse_date(b"20000301"), Some(11_017));
        assert_eq!(civil_year(11_017), 2000);
        assert_eq!(civil_year(-1), 1969);
        assert_eq!(parse_date(b"20190229"), None);
        assert_eq!(parse_added(b"20241022130000"), Some(days_from_civil(2024, 10, 22) * 86_400 + 13 * 3600));
        assert_eq!(parse_added(b"20241022250000"), None);
    }

    #[test]
    fn a_v2_row_is_typed_and_mapped_to_iso() {
        let (stats, rejects, mut sink) = read(&format!("{V2_ROW}\n"));
        assert!(rejects.is_empty(), "{rejects:?}");
        assert_eq!((stats.rows_read, stats.rows_stored, stats.version), (1, 1, Some(Version::V2)));
        let batch = sink.parts.get_mut(&2023).unwrap().finish();
        assert_eq!(batch.num_columns(), 69);
        let col = |name: &str| batch.column(batch.schema().index_of(name).unwrap()).clone();
        assert_eq!(col("global_event_id").as_primitive::<Int64Type>().value(0), 1203654089);
        assert_eq!(col("sql_date").as_primitive::<Date32Type>().value(0) as i64, days_from_civil(2023, 10, 23));
        assert_eq!(col("actor2_iso3").as_string::<i32>().value(0), "KAZ");
        assert_eq!(col("action_geo_iso3").as_string::<i32>().value(0), "KAZ");
        assert_eq!(col("actor_pair").as_string::<i32>().value(0), "CAN-KAZ");
        assert_eq!(col("actor1_geo_iso3").as_string::<i32>().value(0), "CAN");
        assert_eq!(col("event_code").as_string::<i32>().value(0), "043");
        assert_eq!(col("source_file").as_primitive::<arrow_array::types::Int32Type>().value(0), 7);
        assert!(col("actor1_known_group_code").is_null(0));
    }

    #[test]
    fn v1_rows_of_57_and_58_fields_map_onto_the_same_columns() {
        let v1_58 = "253461011\t20030404\t200304\t2003\t2003.2575\tAFG\tAFGHANISTAN\tAFG\t\t\t\t\t\t\t\t UIS\tTHE INTERNATIONAL COMMUNITY\t\t\t\t\t\tUIS\t\t\t0\t043\t043\t04\t1\t2.8\t6\t1\t6\t0\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t20130401\tBBC Monitoring";
        let fields: Vec<&str> = v1_58.split('\t').collect();
        assert_eq!(fields.len(), 58);
        let v1_57 = fields[..57].join("\t");
        let (stats, rejects, mut sink) = read(&format!("{v1_58}\n{v1_57}\n"));
        assert!(rejects.is_empty(), "{rejects:?}");
        assert_eq!(stats.version, Some(Version::V1));
        let batch = sink.parts.get_mut(&2003).unwrap().finish();
        let col = |name: &str| batch.column(batch.schema().index_of(name).unwrap()).clone();
        assert_eq!(col("source_url").as_string::<i32>().value(0), "BBC Monitoring");
        assert!(col("source_url").is_null(1));
        assert!(col("action_geo_adm2_code").is_null(0));
        assert_eq!(col("action_geo_feature_id").as_string::<i32>().value(0), "AG");
        assert_eq!(col("actor1_iso3").as_string::<i32>().value(0), "AFG");
        assert_eq!(col("action_geo_iso3").as_string::<i32>().value(0), "DZA");
    }

    #[test]
    fn every_bad_line_is_rejected_with_its_line_and_reason() {
        let good = V2_ROW;
        let short = V2_ROW.rsplit_once('\t').unwrap().0;
        let no_id = V2_ROW.replacen("1203654089", "", 1);
        let bad_date = V2_ROW.replacen("20231023", "20230230", 1);
        let bad_tone = V2_ROW.replacen("\t-1.5\t", "\tabc\t", 1);
        let mut bytes = Vec::new();
        for l in [good, short, &no_id, &bad_date, &bad_tone, "", good] {
            bytes.extend_from_slice(l.as_bytes());
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(b"1\t\xff\xfe\n");
        bytes.extend_from_slice(&good.as_bytes()[..100]);
        let mut sink = Collect::default();
        let mut rejects = Vec::new();
        let stats = Reader::new().read(bytes.as_slice(), 1, &mut sink, &mut rejects).unwrap();
        let got: Vec<(u64, &str)> = rejects.iter().map(|r| (r.line, r.reason.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "has 60 fields; GDELT 2.0 rows have 61"),
                (3, "empty GLOBALEVENTID"),
                (4, "SQLDATE \"20230230\" is not a date (YYYYMMDD)"),
                (5, "AvgTone \"abc\" is not a number"),
                (6, "empty line"),
                (8, "invalid UTF-8 at byte 3 of the line"),
                (9, "truncated last line: the file does not end with a line break"),
            ]
        );
        assert_eq!((stats.rows_read, stats.rows_stored, stats.rows_rejected), (9, 2, 7));
        assert_eq!(stats.rows_read, stats.rows_stored + stats.rows_rejected);
    }

    #[test]
    fn an_empty_file_has_no_rows() {
        let (stats, rejects, _) = read("");
        assert_eq!((stats.rows_read, stats.bytes, stats.version), (0, 0, None));
        assert!(rejects.is_empty());
    }
}
