//! Dataset folders: human-edited records in TOML, CSV or JSON, read and checked as a whole.
//!
//! A folder holds `dataset.toml` with a `[dataset]` table (id, title, description, licence)
//! and any number of record files:
//! - TOML or JSON files with arrays named after record kinds (`[[source]]`, `[[actor]]`,
//!   `[[programme]]`, `[[event]]`, `[[observation]]`, `[[claim]]`);
//! - CSV files named after a kind in the plural (`observations.csv`, `events-2019.csv`), one
//!   record a row, columns named like fields (`title.fr` for nested text; `;` between list
//!   items; `source`, `locator`, `quote`, `reference`, `role` for the row's citation).
//!
//! Every problem is reported with file and line; a dataset with any problem is refused whole.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use entente_model::check::{Finding, Outside, check};
use entente_model::input::{FieldProblem, citations_of, read_record};
use entente_model::record::Citation;
use entente_model::record::{Record, RecordKind};
use entente_model::text::is_valid_id;
use entente_model::validate::{Dataset, DatasetMeta, citation_problems, validate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::lines::{LineIndex, toml_field_line};

/// One file of a dataset, by its path relative to the dataset folder.
#[derive(Debug, Clone)]
pub struct DatasetFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a dataset, read from a folder or compiled in.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// Where they came from: a folder path, or `bundled:<id>`.
    pub origin: String,
    pub files: Vec<DatasetFile>,
}

/// Why a folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("{} holds no .toml, .csv or .json files", .0.display())]
    Empty(PathBuf),
}

/// The version of the readers that turn files into records, part of every fingerprint:
/// raised when the same bytes come to give other records (version 2: the OECD feed's
/// doubled counts are halved, citations carry a role), so that a store holding records read
/// the old way reloads them. A dataset edited through the API (`edited:`) is still kept.
pub const READER_VERSION: u32 = 2;

impl DatasetFiles {
    /// Reads every `.toml`, `.csv` and `.json` file under `dir` (hidden files and folders
    /// are skipped), in name order.
    pub fn read_dir(dir: &Path) -> Result<Self, ReadError> {
        let meta = std::fs::metadata(dir).map_err(|source| ReadError::Io { path: dir.to_path_buf(), source })?;
        if !meta.is_dir() {
            return Err(ReadError::NotAFolder(dir.to_path_buf()));
        }
        let mut files = Vec::new();
        collect(dir, dir, &mut files)?;
        if files.is_empty() {
            return Err(ReadError::Empty(dir.to_path_buf()));
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(DatasetFiles { origin: dir.display().to_string(), files })
    }

    /// A digest of every file's name and content, and of the readers' version: equal
    /// digests, equal datasets.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(READER_VERSION.to_le_bytes());
        for f in &self.files {
            h.update((f.name.len() as u64).to_le_bytes());
            h.update(f.name.as_bytes());
            h.update((f.bytes.len() as u64).to_le_bytes());
            h.update(&f.bytes);
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<DatasetFile>) -> Result<(), ReadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReadError::Io { path, source }
    };
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if entry.file_type().map_err(io(&path))?.is_dir() {
            collect(root, &path, out)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("toml" | "csv" | "json")) {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            out.push(DatasetFile { name: rel, bytes });
        }
    }
    Ok(())
}

/// A problem with a place: file, line, and the record and field when known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Located {
    pub file: String,
    pub line: Option<usize>,
    pub kind: Option<RecordKind>,
    pub id: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        match (&self.kind, &self.id) {
            (Some(k), Some(id)) => write!(f, "{k} {id}")?,
            (Some(k), None) => write!(f, "{k} without id")?,
            _ => {}
        }
        if let Some(field) = &self.field {
            if self.kind.is_some() {
                write!(f, ", ")?;
            }
            write!(f, "field {field}")?;
        }
        if self.kind.is_some() || self.field.is_some() {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Where a record was read, to place problems the cross-record checks find.
struct RecordPlace {
    file: usize,
    /// Byte range of the record in its file (TOML, JSON), or its CSV line.
    range: std::ops::Range<usize>,
    csv_line: Option<usize>,
}

struct Reader<'a> {
    files: &'a DatasetFiles,
    texts: Vec<Option<&'a str>>,
    indexes: Vec<LineIndex>,
    records: Vec<Record>,
    places: Vec<RecordPlace>,
    meta: Vec<(usize, usize, DatasetMeta)>,
    /// How many [dataset] tables were seen, valid or not.
    meta_tables: usize,
    seen_ids: HashMap<String, (String, usize)>,
    /// Records that failed to read: their kind, id, citations and place, so their
    /// references are still checked once every file is read.
    failed: Vec<(RecordKind, Option<String>, Vec<Citation>, RecordPlace)>,
    problems: Vec<Located>,
}

/// What the store already holds under an id: the record's kind and its dataset.
pub type Known<'a> = &'a dyn Fn(&str) -> Option<(RecordKind, String)>;

/// Reads and checks a whole dataset. `known` describes records already stored: references
/// may point to them, and ids held by another dataset may not be reused (records of this
/// same dataset will be replaced). Either every record is good and the dataset is
/// returned, or every problem found is.
pub fn parse_dataset(files: &DatasetFiles, known: Known<'_>) -> Result<Dataset, Vec<Located>> {
    read_dataset(files, known, |_, _| ()).map(|(dataset, ())| dataset)
}

/// A finding of [`entente_model::check`] with the file and line of the field it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedFinding {
    pub file: String,
    pub line: usize,
    #[serde(flatten)]
    pub finding: Finding,
}

impl fmt::Display for LocatedFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.finding)
    }
}

/// Reads a dataset as [`parse_dataset`] does and, when it is valid, checks the evidence
/// behind its records ([`entente_model::check`]), each finding placed at the file and line
/// of the field it names. `outside` dates sources and finds events beyond the folder.
pub fn check_dataset(
    files: &DatasetFiles,
    known: Known<'_>,
    outside: &Outside<'_>,
) -> Result<(Dataset, Vec<LocatedFinding>), Vec<Located>> {
    read_dataset(files, known, |reader, records| {
        check(records, outside)
            .into_iter()
            .map(|finding| {
                let at = records.iter().position(|r| r.id() == finding.id && r.kind() == finding.kind);
                let (file, line) = match at.and_then(|i| reader.places.get(i)) {
                    Some(place) => (files.files[place.file].name.clone(), reader.field_line(place, &finding.field)),
                    None => (String::new(), 0),
                };
                LocatedFinding { file, line, finding }
            })
            .collect()
    })
}

/// Reads every file and checks the whole; on success, `then` sees the reader (for places)
/// and the records.
fn read_dataset<T>(
    files: &DatasetFiles,
    known: Known<'_>,
    then: impl FnOnce(&Reader<'_>, &[Record]) -> T,
) -> Result<(Dataset, T), Vec<Located>> {
    let mut reader = Reader {
        files,
        texts: Vec::new(),
        indexes: Vec::new(),
        records: Vec::new(),
        places: Vec::new(),
        meta: Vec::new(),
        meta_tables: 0,
        seen_ids: HashMap::new(),
        failed: Vec::new(),
        problems: Vec::new(),
    };
    for file in &files.files {
        let text = match std::str::from_utf8(&file.bytes) {
            Ok(t) => Some(t.strip_prefix('\u{feff}').unwrap_or(t)),
            Err(e) => {
                let line = file.bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                reader.problems.push(Located {
                    file: file.name.clone(),
                    line: Some(line),
                    kind: None,
                    id: None,
                    field: None,
                    message: format!("is not UTF-8 text (bad byte at offset {})", e.valid_up_to()),
                });
                None
            }
        };
        reader.indexes.push(LineIndex::new(text.unwrap_or("")));
        reader.texts.push(text);
    }
    for i in 0..files.files.len() {
        let Some(text) = reader.texts[i] else {
            continue;
        };
        let name = &files.files[i].name;
        if name.ends_with(".toml") {
            reader.read_toml(i, text);
        } else if name.ends_with(".csv") {
            reader.read_csv(i, text);
        } else if name.ends_with(".json") {
            reader.read_json(i, text);
        }
    }
    let meta = reader.check_meta();
    let this = meta.as_ref().map(|m| m.id.clone()).unwrap_or_default();
    let cross = validate(&reader.records, &|id| known(id).filter(|(_, ds)| *ds != this).map(|(k, _)| k));
    for p in cross {
        // The reader has reported duplicates within the dataset already, naming both places.
        if p.field == "id" && p.message.starts_with("duplicate id") {
            continue;
        }
        let Some(index) = reader.records.iter().position(|r| r.id() == p.id && r.kind() == p.kind) else {
            continue;
        };
        let place = &reader.places[index];
        let line = reader.field_line(place, &p.field);
        reader.problems.push(Located {
            file: files.files[place.file].name.clone(),
            line: Some(line),
            kind: Some(p.kind),
            id: Some(p.id),
            field: (!p.field.is_empty()).then_some(p.field),
            message: p.message,
        });
    }
    // References of records that failed to read, against every id the files claim.
    let mut claimed: HashMap<&str, RecordKind> = reader.records.iter().map(|r| (r.id(), r.kind())).collect();
    for (kind, id, _, _) in &reader.failed {
        if let Some(id) = id {
            claimed.entry(id.as_str()).or_insert(*kind);
        }
    }
    let source_ids: Vec<&str> = claimed.iter().filter(|(_, k)| **k == RecordKind::Source).map(|(id, _)| *id).collect();
    let kind_of = |id: &str| claimed.get(id).copied().or_else(|| known(id).map(|(k, _)| k));
    let mut late = Vec::new();
    for (kind, id, citations, place) in &reader.failed {
        for (field, message) in citation_problems(citations, &kind_of, &source_ids) {
            late.push(Located {
                file: files.files[place.file].name.clone(),
                line: Some(reader.field_line(place, &field)),
                kind: Some(*kind),
                id: id.clone(),
                field: Some(field),
                message,
            });
        }
    }
    reader.problems.extend(late);
    if reader.problems.is_empty()
        && let Some(meta) = meta
    {
        let extra = then(&reader, &reader.records);
        return Ok((Dataset { meta, records: reader.records }, extra));
    }
    reader.problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Err(reader.problems)
}

#[derive(Deserialize)]
struct TomlDoc {
    dataset: Option<toml::Spanned<toml::Table>>,
    #[serde(default)]
    source: Vec<toml::Spanned<toml::Table>>,
    #[serde(default)]
    actor: Vec<toml::Spanned<toml::Table>>,
    #[serde(default)]
    programme: Vec<toml::Spanned<toml::Table>>,
    #[serde(default)]
    event: Vec<toml::Spanned<toml::Table>>,
    #[serde(default)]
    observation: Vec<toml::Spanned<toml::Table>>,
    #[serde(default)]
    claim: Vec<toml::Spanned<toml::Table>>,
    #[serde(flatten)]
    other: BTreeMap<String, toml::Value>,
}

const KNOWN_KEYS: &str = "dataset, source, actor, programme, event, observation, claim";

impl Reader<'_> {
    fn located(&self, file: usize, line: Option<usize>, message: String) -> Located {
        Located { file: self.files.files[file].name.clone(), line, kind: None, id: None, field: None, message }
    }

    fn field_line(&self, place: &RecordPlace, field: &str) -> usize {
        if let Some(line) = place.csv_line {
            return line;
        }
        let index = &self.indexes[place.file];
        let record_line = index.line(place.range.start);
        let Some(text) = self.texts[place.file] else {
            return record_line;
        };
        if self.files.files[place.file].name.ends_with(".json") {
            return json_field_line(text, index, place.range.clone(), field).unwrap_or(record_line);
        }
        toml_field_line(text, index, place.range.clone(), field).unwrap_or(record_line)
    }

    /// Reads one record from `value` and files it, or its problems.
    fn take(&mut self, kind: RecordKind, value: &Value, place: RecordPlace) {
        let read = read_record(kind, value);
        // Duplicates are found here, on ids as written, so a record that fails other checks
        // still claims its id and both places are named.
        if let Some(id) = read.id.clone().filter(|s| !s.is_empty()) {
            let here = (self.files.files[place.file].name.clone(), self.field_line(&place, "id"));
            match self.seen_ids.get(&id) {
                Some((file, line)) => {
                    let message = format!("duplicate id: also used at {file}:{line}");
                    self.problems.push(Located {
                        file: here.0,
                        line: Some(here.1),
                        kind: Some(kind),
                        id: Some(id),
                        field: Some("id".into()),
                        message,
                    });
                }
                None => {
                    self.seen_ids.insert(id, here);
                }
            }
        }
        if read.problems.is_empty() {
            if let Some(record) = read.record {
                self.records.push(record);
                self.places.push(place);
            }
            return;
        }
        let id = read.id.clone().filter(|s| !s.is_empty());
        self.failed.push((
            kind,
            id,
            citations_of(value),
            RecordPlace { file: place.file, range: place.range.clone(), csv_line: place.csv_line },
        ));
        for FieldProblem { field, message } in read.problems {
            let line = self.field_line(&place, &field);
            self.problems.push(Located {
                file: self.files.files[place.file].name.clone(),
                line: Some(line),
                kind: Some(kind),
                id: read.id.clone().filter(|s| !s.is_empty()),
                field: (!field.is_empty()).then_some(field),
                message,
            });
        }
    }

    fn read_toml(&mut self, file: usize, text: &str) {
        let doc: TomlDoc = match toml::from_str(text) {
            Ok(d) => d,
            Err(e) => {
                let line = e.span().map(|s| self.indexes[file].line(s.start));
                let message = format!("is not valid TOML: {}", e.message().trim());
                self.problems.push(self.located(file, line, message));
                return;
            }
        };
        for key in doc.other.keys() {
            let at =
                text.find(&format!("[{key}")).or_else(|| text.find(key.as_str())).map(|o| self.indexes[file].line(o));
            let message = format!("unknown table \"{key}\"; a dataset file holds: {KNOWN_KEYS}");
            self.problems.push(self.located(file, at, message));
        }
        if let Some(meta) = doc.dataset {
            let line = self.indexes[file].line(meta.span().start);
            self.read_meta(file, line, &toml_to_json(&toml::Value::Table(meta.into_inner())));
        }
        let groups = [
            (RecordKind::Source, doc.source),
            (RecordKind::Actor, doc.actor),
            (RecordKind::Programme, doc.programme),
            (RecordKind::Event, doc.event),
            (RecordKind::Observation, doc.observation),
            (RecordKind::Claim, doc.claim),
        ];
        // A record runs from its [[header]] to the next header of any record.
        let mut starts: Vec<usize> = groups.iter().flat_map(|(_, v)| v.iter().map(|t| t.span().start)).collect();
        starts.sort_unstable();
        for (kind, tables) in groups {
            for table in tables {
                let start = table.span().start;
                let end = starts.iter().copied().find(|s| *s > start).unwrap_or(text.len());
                let value = toml_to_json(&toml::Value::Table(table.into_inner()));
                self.take(kind, &value, RecordPlace { file, range: start..end, csv_line: None });
            }
        }
    }

    fn read_json(&mut self, file: usize, text: &str) {
        let doc: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let message = format!("is not valid JSON: {e}");
                self.problems.push(self.located(file, Some(e.line()), message));
                return;
            }
        };
        let Value::Object(map) = doc else {
            let message = format!("must be a JSON object with keys among: {KNOWN_KEYS}");
            self.problems.push(self.located(file, Some(1), message));
            return;
        };
        let mut search_from = 0;
        for (key, value) in &map {
            if key == "dataset" {
                self.read_meta(file, 1, value);
                continue;
            }
            let Some(kind) = RecordKind::parse(key) else {
                let message = format!("unknown key \"{key}\"; a dataset file holds: {KNOWN_KEYS}");
                self.problems.push(self.located(file, None, message));
                continue;
            };
            let items = match value {
                Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            for item in items {
                let id = item.get("id").and_then(Value::as_str).unwrap_or("");
                let start = find_json_id(text, id, search_from).unwrap_or(search_from);
                search_from = start;
                let end = text.len();
                self.take(kind, &item, RecordPlace { file, range: start..end, csv_line: None });
            }
        }
    }

    fn read_csv(&mut self, file: usize, text: &str) {
        let name = &self.files.files[file].name;
        let stem = name.rsplit('/').next().unwrap_or(name);
        let first_word = stem.split(['-', '_', '.']).next().unwrap_or("");
        let Some(kind) = RecordKind::ALL.into_iter().find(|k| format!("{}s", k.as_str()) == first_word) else {
            let message = "cannot tell which records this CSV holds: start its name with sources, actors, programmes, events, observations or claims".to_string();
            self.problems.push(self.located(file, None, message));
            return;
        };
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let message = format!("has no readable header row: {e}");
                self.problems.push(self.located(file, Some(1), message));
                return;
            }
        };
        for row in reader.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize);
                    let message = match e.kind() {
                        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                            format!("has {len} fields where the header has {expected_len}")
                        }
                        _ => format!("is not valid CSV: {e}"),
                    };
                    self.problems.push(self.located(file, line, message));
                    continue;
                }
            };
            let line = row.position().map(|p| p.line() as usize).unwrap_or(0);
            let value = csv_row_to_json(&headers, &row);
            self.take(kind, &value, RecordPlace { file, range: 0..0, csv_line: Some(line) });
        }
    }

    fn read_meta(&mut self, file: usize, line: usize, value: &Value) {
        self.meta_tables += 1;
        let get =
            |k: &str| value.get(k).and_then(Value::as_str).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let mut problem = |field: &str, message: String| {
            self.problems.push(Located {
                file: self.files.files[file].name.clone(),
                line: Some(line),
                kind: None,
                id: None,
                field: Some(format!("dataset.{field}")),
                message,
            })
        };
        if let Value::Object(map) = value {
            for k in map.keys() {
                if !matches!(k.as_str(), "id" | "title" | "description" | "licence") {
                    problem(k, "is not a field of [dataset]; fields are: id, title, description, licence".into());
                }
            }
        }
        let id = get("id");
        match &id {
            None => problem("id", "is required".into()),
            Some(id) if !is_valid_id(id) => {
                problem("id", format!("\"{id}\" is not an id (lowercase letters, digits, '-')"))
            }
            Some(_) => {}
        }
        let title = get("title");
        if title.is_none() {
            problem("title", "is required".into());
        }
        if let (Some(id), Some(title)) = (id, title) {
            let meta = DatasetMeta { id, title, description: get("description"), licence: get("licence") };
            self.meta.push((file, line, meta));
        }
    }

    fn check_meta(&mut self) -> Option<DatasetMeta> {
        match self.meta.len() {
            0 if self.meta_tables > 0 => None,
            0 => {
                self.problems.push(Located {
                    file: self.files.origin.clone(),
                    line: None,
                    kind: None,
                    id: None,
                    field: None,
                    message: "has no [dataset] table: add dataset.toml with [dataset] id = \"…\" and title = \"…\""
                        .into(),
                });
                None
            }
            1 => self.meta.pop().map(|(_, _, m)| m),
            _ => {
                for (file, line, _) in self.meta.iter().skip(1) {
                    let l = self.located(*file, Some(*line), "a second [dataset] table; a dataset has one".into());
                    self.problems.push(l);
                }
                None
            }
        }
    }
}

/// Converts TOML to JSON; dates written as TOML dates become text.
fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map(Value::Number).unwrap_or_else(|| Value::String(f.to_string()))
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect()),
    }
}

/// Fields whose CSV cells are numbers.
const NUMERIC_COLUMNS: &[&str] = &["value", "quantity.value", "origin.confidence", "year"];
/// Fields whose CSV cells are lists, items separated by `;`.
const LIST_COLUMNS: &[&str] = &["domains", "projecting", "countries", "sponsors", "aliases", "authors"];
/// Columns that make up the row's one citation.
const CITATION_COLUMNS: &[&str] = &["source", "locator", "quote", "reference", "role"];

fn csv_row_to_json(headers: &csv::StringRecord, row: &csv::StringRecord) -> Value {
    let mut obj = Map::new();
    let mut citation = Map::new();
    for (header, cell) in headers.iter().zip(row.iter()) {
        let (header, cell) = (header.trim(), cell.trim());
        if cell.is_empty() {
            continue;
        }
        let value = if NUMERIC_COLUMNS.contains(&header) {
            cell.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(cell.to_string()))
        } else if LIST_COLUMNS.contains(&header) {
            Value::Array(cell.split(';').map(|s| Value::String(s.trim().to_string())).collect())
        } else {
            Value::String(cell.to_string())
        };
        if CITATION_COLUMNS.contains(&header) {
            citation.insert(header.to_string(), value);
            continue;
        }
        // `title.fr` → { "title": { "fr": … } }
        let mut target = &mut obj;
        let mut parts = header.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                target.insert(part.to_string(), value);
                break;
            }
            let entry = target.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            let Value::Object(next) = entry else { break };
            target = next;
        }
    }
    if !citation.is_empty() {
        obj.insert("sources".into(), Value::Array(vec![Value::Object(citation)]));
    }
    Value::Object(obj)
}

fn find_json_id(text: &str, id: &str, from: usize) -> Option<usize> {
    if id.is_empty() {
        return None;
    }
    let needle = format!("\"{id}\"");
    let rest = text.get(from..)?;
    let mut offset = 0;
    while let Some(pos) = rest[offset..].find(&needle) {
        let at = offset + pos;
        let before = rest[..at].trim_end();
        if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with("\"id\"") {
            return Some(from + at);
        }
        offset = at + needle.len();
    }
    None
}

fn json_field_line(text: &str, index: &LineIndex, range: std::ops::Range<usize>, field: &str) -> Option<usize> {
    let key = field.split(['.', '[']).next()?;
    let slice = text.get(range.clone())?;
    let end = slice[1..].find("\"id\"").map(|e| e + 1).unwrap_or(slice.len());
    let pos = slice[..end].find(&format!("\"{key}\""))?;
    Some(index.line(range.start + pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> DatasetFiles {
        DatasetFiles {
            origin: "test".into(),
            files: list
                .iter()
                .map(|(n, t)| DatasetFile { name: n.to_string(), bytes: t.as_bytes().to_vec() })
                .collect(),
        }
    }

    const META: &str = "[dataset]\nid = \"t\"\ntitle = \"Test\"\n";
    const SOURCES: &str = "[[source]]\nid = \"paper\"\nkind = \"article\"\ntitle = \"P\"\n";

    fn messages(problems: &[Located]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_toml_csv_and_json_records() {
        let events = "[[event]]\nid = \"e1\"\nkind = \"exhibition\"\ntitle = { en = \"Show\", fr = \"Expo\" }\ndate = 2019-06-25\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"France\"\nsources = [{ source = \"paper\", locator = \"p. 1\" }]\n";
        let csv = "id,indicator,from,to,period,value,unit,source,locator\no1,students.entrants,KAZ,FRA,2013/14,513,students,paper,ref. 9\n";
        let json = r#"{"claim": [{"id": "c1", "text": "doubled", "sources": [{"source": "paper", "locator": "x"}]}]}"#;
        let ds = parse_dataset(
            &files(&[
                ("dataset.toml", META),
                ("sources.toml", SOURCES),
                ("events.toml", events),
                ("observations.csv", csv),
                ("claims.json", json),
            ]),
            &|_| None,
        )
        .unwrap();
        assert_eq!(ds.meta.id, "t");
        assert_eq!(ds.records.len(), 4);
        let Record::Event(e) = &ds.records[1] else { panic!() };
        assert_eq!(e.date.to_string(), "2019-06-25");
        assert_eq!(e.host.as_deref(), Some("FRA"));
        let Record::Observation(o) = &ds.records[2] else { panic!() };
        assert_eq!(o.value, 513.0);
        assert_eq!(o.sources[0].locator, "ref. 9");
    }

    #[test]
    fn problems_name_file_line_record_and_field() {
        let events = "[[event]]\nid = \"e1\"\nkind = \"exhibit\"\ntitle = \"Show\"\ndate = \"2019-02-30\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"Frnace\"\nsources = [\n  { source = \"paper\", locator = \"p. 1\" },\n  { source = \"papr\", locator = \"p. 2\" },\n]\n\n[[event]]\nid = \"e1\"\nkind = \"other\"\ntitle = \"Again\"\ndate = \"2019\"\ndomains = [\"arts\"]\nstatus = \"held\"\nhost = \"FRA\"\nsources = [{ source = \"papr\", locator = \"x\" }]\n";
        let err = parse_dataset(
            &files(&[("dataset.toml", META), ("sources.toml", SOURCES), ("events.toml", events)]),
            &|_| None,
        )
        .unwrap_err();
        assert_eq!(
            messages(&err),
            [
                "events.toml:3: event e1, field kind: unknown event kind \"exhibit\"; expected one of: agreement_signed, institution_opened, programme_launched, season_or_festival, exhibition, performance, screening, literary_event, conference, official_visit, mobility, grant_or_award, other",
                "events.toml:5: event e1, field date: \"2019-02-30\" does not exist: 02/2019 has 28 days",
                "events.toml:8: event e1, field host: unknown country \"Frnace\"; did you mean France (FRA)?",
                "events.toml:11: event e1, field sources[1].source: no source has id \"papr\"; did you mean \"paper\"?",
                "events.toml:15: event e1, field id: duplicate id: also used at events.toml:2",
                "events.toml:22: event e1, field sources[0].source: no source has id \"papr\"; did you mean \"paper\"?",
            ]
        );
    }

    #[test]
    fn malformed_files_are_reported_with_their_line() {
        let err =
            parse_dataset(&files(&[("dataset.toml", META), ("bad.toml", "[[event]]\nid = \"x\ntitle = 1\n")]), &|_| {
                None
            })
            .unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(err[0].to_string().starts_with("bad.toml:2: is not valid TOML"), "{}", err[0]);

        let csv =
            "id,indicator,country,period,value,unit,source,locator\no1,x.y,KAZ,2019,1,u,paper,l\no2,x.y,KAZ,2019\n";
        let err = parse_dataset(
            &files(&[("dataset.toml", META), ("sources.toml", SOURCES), ("observations.csv", csv)]),
            &|_| None,
        )
        .unwrap_err();
        assert_eq!(messages(&err), ["observations.csv:3: has 4 fields where the header has 8"]);

        let err = parse_dataset(&files(&[("dataset.toml", META), ("x.toml", "[[events]]\nid = \"a\"\n")]), &|_| None)
            .unwrap_err();
        assert!(err[0].message.starts_with("unknown table \"events\""), "{}", err[0]);

        let mut bad = files(&[("dataset.toml", META)]);
        bad.files.push(DatasetFile { name: "latin1.toml".into(), bytes: b"# caf\xe9\n".to_vec() });
        let err = parse_dataset(&bad, &|_| None).unwrap_err();
        assert_eq!(messages(&err), ["latin1.toml:1: is not UTF-8 text (bad byte at offset 5)"]);
    }

    #[test]
    fn a_dataset_needs_its_meta_table() {
        let err = parse_dataset(&files(&[("sources.toml", SOURCES)]), &|_| None).unwrap_err();
        assert!(err[0].message.starts_with("has no [dataset] table"));
        let err =
            parse_dataset(&files(&[("dataset.toml", "[dataset]\nid = \"Bad\"\n"), ("sources.toml", SOURCES)]), &|_| {
                None
            })
            .unwrap_err();
        assert_eq!(
            messages(&err),
            [
                "dataset.toml:1: field dataset.id: \"Bad\" is not an id (lowercase letters, digits, '-')",
                "dataset.toml:1: field dataset.title: is required",
            ]
        );
    }

    #[test]
    fn fingerprint_covers_the_readers_version() {
        // The same bytes read by another version of the readers give another fingerprint, so
        // a store loaded the old way reloads (the OECD counts halved in version 2).
        let a = files(&[("dataset.toml", META)]);
        let mut plain = Sha256::new();
        for f in &a.files {
            plain.update((f.name.len() as u64).to_le_bytes());
            plain.update(f.name.as_bytes());
            plain.update((f.bytes.len() as u64).to_le_bytes());
            plain.update(&f.bytes);
        }
        let plain: String = plain.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_ne!(a.fingerprint(), plain);
        assert_eq!(READER_VERSION, 2);
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let a = files(&[("dataset.toml", META)]);
        let mut b = a.clone();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.files[0].bytes.push(b'\n');
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}
