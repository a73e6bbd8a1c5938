//! Reading records from loosely typed input (a TOML table or a JSON object turned into a
//! `serde_json::Value`), reporting every problem with its field instead of stopping at
//! the first.
//!
//! The dataset loader and the HTTP API both come through here, so a record is checked
//! the same way whichever door it enters by.

use std::fmt::Display;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::country::CountryTable;
use crate::date::{PartialDate, Period};
use crate::lang::{LangText, is_lang_code};
use crate::ontology::{
    ActorKind, AssessmentCategory, Domain, EventKind, ProgrammeKind, Relation, Role, SourceKind, Status, Topic,
};
use crate::record::*;
use crate::text::is_valid_id;

/// A problem with one field of one input record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Dotted path of the field (`sources[1].locator`); empty for the record as a whole.
    pub field: String,
    pub message: String,
}

/// Reads the fields of one object, remembering which were used and what went wrong.
struct Fields<'a> {
    obj: &'a Map<String, Value>,
    prefix: String,
    used: Vec<&'static str>,
    problems: Vec<FieldProblem>,
}

impl<'a> Fields<'a> {
    fn new(obj: &'a Map<String, Value>, prefix: &str) -> Self {
        Fields { obj, prefix: prefix.to_string(), used: Vec::new(), problems: Vec::new() }
    }

    fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() { key.to_string() } else { format!("{}.{key}", self.prefix) }
    }

    fn problem(&mut self, key: &str, message: impl Display) {
        let field = self.path(key);
        self.problems.push(FieldProblem { field, message: message.to_string() });
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.used.push(key);
        match self.obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn missing(&mut self, key: &str) {
        self.problem(key, "is required");
    }

    fn opt_str(&mut self, key: &'static str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) if s.trim().is_empty() => {
                self.problem(key, "is empty; leave it out instead");
                None
            }
            Value::String(s) => Some(s.trim().to_string()),
            other => {
                self.problem(key, format!("must be text, not {}", type_name(other)));
                None
            }
        }
    }

    fn req_str(&mut self, key: &'static str) -> Option<String> {
        let present = self.obj.get(key).is_some_and(|v| !v.is_null());
        let v = self.opt_str(key);
        if !present {
            self.missing(key);
        }
        v
    }

    fn opt_parse<T: FromStr>(&mut self, key: &'static str) -> Option<T>
    where
        T::Err: Display,
    {
        let s = self.opt_str(key)?;
        match s.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(key, e);
                None
            }
        }
    }

    fn req_parse<T: FromStr>(&mut self, key: &'static str) -> Option<T>
    where
        T::Err: Display,
    {
        let present = self.obj.get(key).is_some_and(|v| !v.is_null());
        if !present {
            self.missing(key);
            self.used.push(key);
            return None;
        }
        self.opt_parse(key)
    }

    fn opt_number(&mut self, key: &'static str) -> Option<f64> {
        match self.get(key)? {
            Value::Number(n) => n.as_f64().filter(|v| v.is_finite()).or_else(|| {
                self.problem(key, "is not a finite number");
                None
            }),
            other => {
                self.problem(key, format!("must be a number, not {}", type_name(other)));
                None
            }
        }
    }

    fn opt_year(&mut self, key: &'static str) -> Option<i32> {
        let v = self.opt_number(key)?;
        if v.fract() == 0.0 && (1.0..=9999.0).contains(&v) {
            Some(v as i32)
        } else {
            self.problem(key, format!("{v} is not a year"));
            None
        }
    }

    /// A list of strings; a single string counts as a list of one.
    fn str_list(&mut self, key: &'static str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.trim().to_string()),
                        other => {
                            self.problem(&format!("{key}[{i}]"), format!("must be text, not {}", type_name(other)))
                        }
                    }
                }
                out
            }
            Some(other) => {
                self.problem(key, format!("must be a list of text, not {}", type_name(other)));
                Vec::new()
            }
        }
    }

    fn parse_list<T: FromStr>(&mut self, key: &'static str) -> Vec<T>
    where
        T::Err: Display,
    {
        let mut out = Vec::new();
        for (i, s) in self.str_list(key).into_iter().enumerate() {
            match s.parse() {
                Ok(v) => out.push(v),
                Err(e) => self.problem(&format!("{key}[{i}]"), e),
            }
        }
        out
    }

    /// Text in several languages: `{ en = "…", fr = "…" }`. A bare string is English.
    fn lang_text(&mut self, key: &'static str, required: bool) -> LangText {
        let mut text = LangText::default();
        match self.get(key) {
            None => {
                if required {
                    self.missing(key);
                }
            }
            Some(Value::String(s)) => {
                text.0.insert("en".into(), s.trim().to_string());
            }
            Some(Value::Object(map)) => {
                for (lang, v) in map {
                    match v {
                        Value::String(s) if !is_lang_code(lang) => {
                            let _ = s;
                            self.problem(
                                &format!("{key}.{lang}"),
                                "is not a language code (two lowercase letters: en, fr, ru, kk)",
                            )
                        }
                        Value::String(s) => {
                            text.0.insert(lang.clone(), s.trim().to_string());
                        }
                        other => {
                            self.problem(&format!("{key}.{lang}"), format!("must be text, not {}", type_name(other)))
                        }
                    }
                }
                if required && text.is_empty() {
                    self.problem(key, "needs text in at least one language");
                }
            }
            Some(other) => self.problem(key, format!("must be text or a table of languages, not {}", type_name(other))),
        }
        text
    }

    fn country(&mut self, key: &'static str) -> Option<String> {
        let s = self.opt_str(key)?;
        self.resolve_country(key, &s)
    }

    fn resolve_country(&mut self, field: &str, s: &str) -> Option<String> {
        match CountryTable::bundled().resolve(s) {
            Ok(c) => Some(c.alpha3.clone()),
            Err(e) => {
                self.problem(field, e);
                None
            }
        }
    }

    fn countries(&mut self, key: &'static str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, s) in self.str_list(key).into_iter().enumerate() {
            if let Some(c) = self.resolve_country(&format!("{key}[{i}]"), &s)
                && !out.contains(&c)
            {
                out.push(c);
            }
        }
        out
    }

    fn ids(&mut self, key: &'static str) -> Vec<String> {
        let list = self.str_list(key);
        for (i, id) in list.iter().enumerate() {
            if !is_valid_id(id) {
                self.problem(&format!("{key}[{i}]"), format!("\"{id}\" is not a record id"));
            }
        }
        list
    }

    fn opt_id(&mut self, key: &'static str) -> Option<String> {
        let id = self.opt_str(key)?;
        if !is_valid_id(&id) {
            self.problem(key, format!("\"{id}\" is not a record id"));
        }
        Some(id)
    }

    /// A list of tables, each read by `read`.
    fn tables<T>(&mut self, key: &'static str, mut read: impl FnMut(&mut Fields<'a>) -> Option<T>) -> Vec<T> {
        let items: Vec<&'a Value> = match self.get(key) {
            None => return Vec::new(),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(v @ Value::Object(_)) => vec![v],
            Some(other) => {
                self.problem(key, format!("must be a list of tables, not {}", type_name(other)));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let path = self.path(&format!("{key}[{i}]"));
            let Value::Object(obj) = item else {
                self.problems
                    .push(FieldProblem { field: path, message: format!("must be a table, not {}", type_name(item)) });
                continue;
            };
            let mut sub = Fields::new(obj, &path);
            let value = read(&mut sub);
            self.problems.extend(sub.finish());
            if let Some(v) = value {
                out.push(v);
            }
        }
        out
    }

    fn citations(&mut self) -> Vec<Citation> {
        self.tables("sources", |f| {
            let source = f.req_str("source");
            let locator = f.req_str("locator");
            let quote = f.opt_str("quote");
            let reference = f.opt_id("reference");
            let role = f.opt_parse::<CitationRole>("role").unwrap_or_default();
            let note = f.opt_str("note");
            if let Some(s) = &source
                && !is_valid_id(s)
            {
                f.problem("source", format!("\"{s}\" is not a record id"));
            }
            if role == CitationRole::AsCitedInSource && reference.is_some() {
                // The work as cited is this citation's source; a reference of a reference has no reader.
                f.problem(
                    "reference",
                    "a citation with role as_cited_in_source is itself the reference: leave reference out",
                );
            }
            Some(Citation { source: source?, locator: locator?, quote, reference, role, note })
        })
    }

    fn note(&mut self) -> Option<String> {
        self.opt_str("note")
    }

    /// Reports every key nobody asked for, and returns all problems.
    fn finish(mut self) -> Vec<FieldProblem> {
        let unknown: Vec<String> = self.obj.keys().filter(|k| !self.used.contains(&k.as_str())).cloned().collect();
        let mut known = self.used.clone();
        known.sort_unstable();
        known.dedup();
        for k in unknown {
            let hint = strsim_hint(&k, &known);
            self.problem(&k, format!("is not a field here{hint}; fields are: {}", known.join(", ")));
        }
        self.problems
    }
}

fn strsim_hint(key: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (strsim::normalized_levenshtein(key, k), *k))
        .filter(|(s, _)| *s >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!(" (did you mean {k}?)"))
        .unwrap_or_default()
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// The outcome of reading one record: the record when it is whole, and every problem found.
pub struct Read<T> {
    /// The id as written, even when other fields are wrong, so problems can name the record.
    pub id: Option<String>,
    pub record: Option<T>,
    pub problems: Vec<FieldProblem>,
}

fn read_with<T>(value: &Value, read: impl FnOnce(&mut Fields<'_>) -> Option<T>) -> Read<T> {
    let Value::Object(obj) = value else {
        return Read {
            id: None,
            record: None,
            problems: vec![FieldProblem {
                field: String::new(),
                message: format!("must be a table, not {}", type_name(value)),
            }],
        };
    };
    let id = obj.get("id").and_then(Value::as_str).map(|s| s.trim().to_string());
    let mut fields = Fields::new(obj, "");
    let record = read(&mut fields);
    let problems = fields.finish();
    let record = if problems.is_empty() { record } else { None };
    Read { id, record, problems }
}

fn read_id(f: &mut Fields<'_>) -> Option<String> {
    let id = f.req_str("id")?;
    if !is_valid_id(&id) {
        f.problem(
            "id",
            format!("\"{id}\" is not a record id: use lowercase letters, digits, '-', '_' and '.', starting with a letter or digit"),
        );
        return None;
    }
    Some(id)
}

/// A record of `kind` that tests know to be valid: it fails the test if `value` has problems.
#[cfg(test)]
pub(crate) fn valid_record(kind: RecordKind, value: &Value) -> Record {
    let r = read_record(kind, value);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    r.record.expect("a record without problems")
}

/// Reads a record of `kind` from `value`.
pub fn read_record(kind: RecordKind, value: &Value) -> Read<Record> {
    match kind {
        RecordKind::Source => map_read(read_source(value), Record::Source),
        RecordKind::Actor => map_read(read_actor(value), Record::Actor),
        RecordKind::Programme => map_read(read_programme(value), Record::Programme),
        RecordKind::Event => map_read(read_event(value), Record::Event),
        RecordKind::Observation => map_read(read_observation(value), Record::Observation),
        RecordKind::Claim => map_read(read_claim(value), Record::Claim),
    }
}

fn map_read<T>(r: Read<T>, f: impl FnOnce(T) -> Record) -> Read<Record> {
    Read { id: r.id, record: r.record.map(f), problems: r.problems }
}

/// The well-formed citations of a record that failed to read, so that their references
/// can still be checked and reported with the record's other problems.
pub fn citations_of(value: &Value) -> Vec<Citation> {
    let Some(Value::Array(items)) = value.get("sources") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|c| {
            let source = c.get("source")?.as_str()?.trim().to_string();
            let locator = c.get("locator").and_then(Value::as_str).unwrap_or("").to_string();
            let reference = c.get("reference").and_then(Value::as_str).map(|s| s.trim().to_string());
            let role = c.get("role").and_then(Value::as_str).and_then(|r| r.parse().ok()).unwrap_or_default();
            Some(Citation { source, locator, quote: None, reference, role, note: None })
        })
        .collect()
}

pub fn read_source(value: &Value) -> Read<Source> {
    read_with(value, |f| {
        let id = read_id(f);
        let kind = f.req_parse::<SourceKind>("kind");
        let authors = f.str_list("authors").iter().map(|a| Person::parse(a)).collect();
        let title = f.req_str("title");
        let title_en = f.opt_str("title_en");
        let language = f.opt_str("language");
        if let Some(l) = &language
            && !is_lang_code(l)
        {
            f.problem("language", format!("\"{l}\" is not an ISO 639-1 code (en, fr, ru, kk…)"));
        }
        let container = f.opt_str("container");
        let publisher = f.opt_str("publisher");
        let place = f.opt_str("place");
        let date = f.opt_parse::<PartialDate>("date");
        let year = f.opt_year("year");
        let date = match (date, year) {
            (Some(d), Some(y)) if d.year != y => {
                f.problem("year", format!("{y} disagrees with date {d}"));
                Some(d)
            }
            (Some(d), _) => Some(d),
            (None, Some(y)) => Some(PartialDate::year(y)),
            (None, None) => None,
        };
        let volume = f.opt_str("volume");
        let issue = f.opt_str("issue");
        let pages = f.opt_str("pages");
        let doi = f.opt_str("doi");
        if let Some(d) = &doi
            && !d.starts_with("10.")
        {
            f.problem("doi", format!("\"{d}\" is not a DOI: write it without https://doi.org/, starting with 10."));
        }
        let url = f.opt_str("url");
        if let Some(u) = &url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            f.problem("url", format!("\"{u}\" is not an http(s) address"));
        }
        let accessed = f.opt_parse::<PartialDate>("accessed");
        let licence = f.opt_str("licence");
        let note = f.note();
        Some(Source {
            id: id?,
            kind: kind?,
            authors,
            title: title?,
            title_en,
            language,
            container,
            publisher,
            place,
            date,
            volume,
            issue,
            pages,
            doi,
            url,
            accessed,
            licence,
            note,
        })
    })
}

pub fn read_actor(value: &Value) -> Read<Actor> {
    read_with(value, |f| {
        let id = read_id(f);
        let kind = f.req_parse::<ActorKind>("kind");
        let name = f.lang_text("name", true);
        let aliases = f.str_list("aliases");
        let country = f.country("country");
        let founded = f.opt_parse::<PartialDate>("founded");
        let parent = f.opt_id("parent");
        let place = f.opt_str("place");
        let description = f.lang_text("description", false);
        let sources = f.citations();
        let note = f.note();
        Some(Actor { id: id?, kind: kind?, name, aliases, country, founded, parent, place, description, sources, note })
    })
}

pub fn read_programme(value: &Value) -> Read<Programme> {
    read_with(value, |f| {
        let id = read_id(f);
        let kind = f.req_parse::<ProgrammeKind>("kind");
        let name = f.lang_text("name", true);
        let description = f.lang_text("description", false);
        let countries = f.countries("countries");
        let sponsors = f.ids("sponsors");
        let start = f.opt_parse::<PartialDate>("start");
        let end = f.opt_parse::<PartialDate>("end");
        let sources = f.citations();
        let note = f.note();
        Some(Programme { id: id?, kind: kind?, name, description, countries, sponsors, start, end, sources, note })
    })
}

pub fn read_event(value: &Value) -> Read<Event> {
    read_with(value, |f| {
        let id = read_id(f);
        let kind = f.req_parse::<EventKind>("kind");
        let title = f.lang_text("title", true);
        let description = f.lang_text("description", false);
        let period = f.opt_parse::<Period>("period");
        let (date, end) = match period {
            // An academic year dates the event: its calendar years follow from it.
            Some(Period::AcademicYear(y)) => {
                for key in ["date", "end"] {
                    if f.obj.get(key).is_some_and(|v| !v.is_null()) {
                        f.problem(
                            key,
                            format!("the event is dated by its period {}: leave {key} out", Period::AcademicYear(y)),
                        );
                    }
                    f.used.push(key);
                }
                (Some(PartialDate::year(y)), Some(PartialDate::year(y + 1)))
            }
            Some(p @ Period::Year(_)) => {
                f.problem(
                    "period",
                    format!("{p} is a calendar year: write it as date; period is for academic years (2013-14)"),
                );
                (f.req_parse::<PartialDate>("date"), f.opt_parse::<PartialDate>("end"))
            }
            None => (f.req_parse::<PartialDate>("date"), f.opt_parse::<PartialDate>("end")),
        };
        let context = match f.get("context") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                f.problem("context", format!("must be true or false, not {}", type_name(other)));
                false
            }
        };
        let recurrence = match f.opt_str("recurrence").as_deref() {
            None => None,
            Some("yearly") => Some(Recurrence::Yearly),
            Some(other) => {
                f.problem("recurrence", format!("unknown recurrence \"{other}\"; expected: yearly"));
                None
            }
        };
        let domains = f.parse_list::<Domain>("domains");
        if domains.is_empty() && !f.problems.iter().any(|p| p.field.starts_with("domains")) {
            f.problem("domains", "needs at least one domain (education, language, arts, film, …)");
        }
        let status = f.req_parse::<Status>("status");
        let host = f.country("host");
        let projecting = f.countries("projecting");
        let countries = f.countries("countries");
        let actors = f.tables("actors", |a| {
            let actor = a.req_str("actor");
            let role = a.req_parse::<Role>("role");
            Some(Participation { actor: actor?, role: role? })
        });
        let programme = f.opt_id("programme");
        let place = f.opt_str("place");
        let quantity = match f.get("quantity") {
            None => None,
            Some(Value::Object(obj)) => {
                let mut q = Fields::new(obj, "quantity");
                let value = q.opt_number("value");
                let unit = q.req_str("unit");
                if value.is_none() && !q.problems.iter().any(|p| p.field == "quantity.value") {
                    q.missing("value");
                }
                let problems = q.finish();
                let ok = problems.is_empty();
                f.problems.extend(problems);
                if ok { Some(Quantity { value: value?, unit: unit? }) } else { None }
            }
            Some(other) => {
                f.problem(
                    "quantity",
                    format!("must be a table {{ value = …, unit = \"…\" }}, not {}", type_name(other)),
                );
                None
            }
        };
        let origin = read_origin(f);
        let sources = f.citations();
        let note = f.note();
        if let (Some(d), Some(e)) = (date, end)
            && e.end_key() < d.sort_key()
        {
            f.problem("end", format!("{e} is before the start date {d}"));
        }
        Some(Event {
            id: id?,
            kind: kind?,
            title,
            description,
            date: date?,
            end,
            recurrence,
            domains,
            status: status?,
            host,
            projecting,
            countries,
            actors,
            programme,
            place,
            quantity,
            period: period.filter(Period::is_academic),
            context,
            origin: origin?,
            sources,
            note,
        })
    })
}

fn read_origin(f: &mut Fields<'_>) -> Option<Origin> {
    match f.get("origin") {
        None => Some(Origin::Curated),
        Some(Value::String(s)) if s == "curated" => Some(Origin::Curated),
        Some(Value::Object(obj)) => {
            let mut o = Fields::new(obj, "origin");
            let kind = o.req_str("type");
            let origin = match kind.as_deref() {
                Some("curated") => Some(Origin::Curated),
                Some("coded") => {
                    let coder = o.req_str("coder");
                    let confidence = o.opt_number("confidence");
                    match confidence {
                        Some(c) if !(0.0..=1.0).contains(&c) => {
                            o.problem("confidence", format!("{c} is outside 0..1"));
                            None
                        }
                        Some(c) => coder.map(|coder| Origin::Coded { coder, confidence: c }),
                        None => {
                            o.missing("confidence");
                            None
                        }
                    }
                }
                Some("imported") => {
                    let dataset = o.req_str("dataset");
                    let row = o.req_str("row");
                    Some(Origin::Imported { dataset: dataset?, row: row? })
                }
                Some(other) => {
                    o.problem("type", format!("unknown origin \"{other}\"; expected curated, coded or imported"));
                    None
                }
                None => None,
            };
            f.problems.extend(o.finish());
            origin
        }
        Some(other) => {
            f.problem(
                "origin",
                format!(
                    "must be \"curated\" or a table with a type, not {}",
                    match other {
                        Value::String(s) => format!("\"{s}\""),
                        v => type_name(v).to_string(),
                    }
                ),
            );
            None
        }
    }
}

/// Reads `country`, or `from` and `to`, for observations and claims.
fn read_place(f: &mut Fields<'_>) -> (Option<String>, Option<String>, Option<String>) {
    (f.country("country"), f.country("from"), f.country("to"))
}

fn check_indicator(f: &mut Fields<'_>, indicator: &Option<String>) {
    if let Some(i) = indicator {
        let ok = i
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        if !ok {
            f.problem(
                "indicator",
                format!("\"{i}\" is not an indicator id: dotted lowercase words, e.g. students.inbound"),
            );
        }
    }
}

pub fn read_observation(value: &Value) -> Read<Observation> {
    read_with(value, |f| {
        let id = read_id(f);
        let indicator = f.req_str("indicator");
        check_indicator(f, &indicator);
        let (country, from, to) = read_place(f);
        let raw = |k: &str| f.obj.get(k).is_some();
        let (has_country, has_from, has_to) = (raw("country"), raw("from"), raw("to"));
        if has_country && (has_from || has_to) {
            f.problem("country", "give either country or from and to, not both");
        } else if !(has_country || (has_from && has_to)) {
            f.problem(if has_from { "to" } else { "from" }, "an observation needs a country, or both from and to");
        }
        let period = f.req_parse::<Period>("period");
        let value = f.opt_number("value");
        if value.is_none() && !f.problems.iter().any(|p| p.field == "value") {
            f.missing("value");
        }
        let raw_value = f.opt_number("raw_value");
        if raw_value.is_some() && f.obj.get("note").is_none_or(|v| v.is_null()) {
            // A corrected figure without the reason would be a silent edit.
            f.problem("note", "an observation with a raw_value must say in its note why the value differs");
        }
        let unit = f.req_str("unit");
        let sources = f.citations();
        let note = f.note();
        Some(Observation {
            id: id?,
            indicator: indicator?,
            country,
            from,
            to,
            period: period?,
            value: value?,
            raw_value,
            unit: unit?,
            sources,
            note,
        })
    })
}

pub fn read_claim(value: &Value) -> Read<Claim> {
    read_with(value, |f| {
        let id = read_id(f);
        let text = f.req_str("text");
        let lang = f.opt_str("lang").unwrap_or_else(|| "en".into());
        if !is_lang_code(&lang) {
            f.problem("lang", format!("\"{lang}\" is not an ISO 639-1 code"));
        }
        let indicator = f.opt_str("indicator");
        check_indicator(f, &indicator);
        let (country, from, to) = read_place(f);
        let about = f.opt_id("about");
        let period = f.opt_parse::<Period>("period");
        let base_period = f.opt_parse::<Period>("base_period");
        let relation = f.opt_parse::<Relation>("relation");
        let value = f.opt_number("value");
        let unit = f.opt_str("unit");
        if relation.is_some() && value.is_none() {
            f.problem("value", "a claim with a relation needs the value it states");
        }
        if relation == Some(Relation::Ratio) && (base_period.is_none() || period.is_none()) {
            f.problem("base_period", "a ratio claim compares period with base_period: give both");
        }
        let assessment = read_assessment(f);
        if assessment.is_some() {
            // A judgement is left out of the figure checks, so a figure here would never be checked.
            for key in ["indicator", "relation", "value"] {
                if f.obj.get(key).is_some_and(|v| !v.is_null()) {
                    f.problem(key, "a claim with an assessment states no figure: put the figure in a claim of its own");
                }
            }
        }
        let sources = f.citations();
        let note = f.note();
        Some(Claim {
            id: id?,
            text: text?,
            lang,
            indicator,
            country,
            from,
            to,
            about,
            period,
            base_period,
            relation,
            value,
            unit,
            assessment,
            sources,
            note,
        })
    })
}

/// Reads `assessment = { category = "barrier", topic = "language" }`.
fn read_assessment(f: &mut Fields<'_>) -> Option<Assessment> {
    match f.get("assessment")? {
        Value::Object(obj) => {
            let mut a = Fields::new(obj, "assessment");
            let category = a.req_parse::<AssessmentCategory>("category");
            let topic = a.req_parse::<Topic>("topic");
            let problems = a.finish();
            let ok = problems.is_empty();
            f.problems.extend(problems);
            if ok { Some(Assessment { category: category?, topic: topic? }) } else { None }
        }
        other => {
            f.problem(
                "assessment",
                format!("must be a table {{ category = \"…\", topic = \"…\" }}, not {}", type_name(other)),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_good_event_reads_whole() {
        let v = json!({
            "id": "ev-1", "kind": "exhibition", "title": {"en": "T", "fr": "T"},
            "date": "2019-06-25", "domains": ["arts"], "status": "held",
            "host": "France", "projecting": ["Қазақстан"],
            "quantity": {"value": 513, "unit": "students"},
            "sources": [{"source": "s1", "locator": "p. 2", "quote": "q"}]
        });
        let r = read_event(&v);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let e = r.record.unwrap();
        assert_eq!(e.host.as_deref(), Some("FRA"));
        assert_eq!(e.projecting, ["KAZ"]);
        assert_eq!(e.origin, Origin::Curated);
        assert_eq!(e.quantity.unwrap().value, 513.0);
    }

    #[test]
    fn every_problem_of_a_bad_event_is_reported_with_its_field() {
        let v = json!({
            "id": "ev-1", "kind": "exhibit", "title": "T",
            "date": "2019-02-30", "end": "2018", "domains": ["arts", "cooking"], "status": "held",
            "host": "Frnace", "colour": "blue",
            "sources": [{"source": "s1"}]
        });
        let r = read_event(&v);
        assert!(r.record.is_none());
        assert_eq!(r.id.as_deref(), Some("ev-1"));
        let f = fields(&r.problems);
        for expected in ["kind", "date", "domains[1]", "host", "colour", "sources[0].locator"] {
            assert!(f.contains(&expected), "{expected} missing from {:?}", r.problems);
        }
        let host = r.problems.iter().find(|p| p.field == "host").unwrap();
        assert!(host.message.contains("did you mean France (FRA)"), "{}", host.message);
        let date = r.problems.iter().find(|p| p.field == "date").unwrap();
        assert!(date.message.contains("does not exist"), "{}", date.message);
    }

    #[test]
    fn end_before_start_is_refused() {
        let v = json!({"id": "e", "kind": "other", "title": "t", "date": "2019-06", "end": "2018",
            "domains": "arts", "status": "held", "host": "FRA", "sources": []});
        let r = read_event(&v);
        assert_eq!(fields(&r.problems), ["end"]);
    }

    #[test]
    fn observations_need_a_place_and_a_period() {
        let v = json!({"id": "o", "indicator": "students.inbound", "from": "KAZ", "period": "2013-15",
            "value": "513", "unit": "students", "sources": []});
        let r = read_observation(&v);
        let f = fields(&r.problems);
        assert!(f.contains(&"to") && f.contains(&"period") && f.contains(&"value"), "{:?}", r.problems);
    }

    #[test]
    fn claims_with_ratio_need_both_periods() {
        let v =
            json!({"id": "c", "text": "doubled", "relation": "ratio", "value": 2, "period": "2018/19", "sources": []});
        let r = read_claim(&v);
        assert_eq!(fields(&r.problems), ["base_period"]);
    }

    fn judgement(assessment: Value) -> Value {
        json!({"id": "assess-language-barrier", "text": "The language barrier remains one of the main ones.",
            "lang": "en", "from": "FRA", "to": "KAZ", "assessment": assessment,
            "sources": [{"source": "s1", "locator": "Discussion", "quote": "the language barrier remains"}]})
    }

    #[test]
    fn a_claim_reads_its_assessment() {
        let r = read_claim(&judgement(json!({"category": "barrier", "topic": "language"})));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        let c = r.record.unwrap();
        assert_eq!(c.assessment, Some(Assessment { category: AssessmentCategory::Barrier, topic: Topic::Language }));
        assert_eq!((&c.indicator, c.relation, c.value), (&None, None, None));
        // It serialises as written in TOML, and a claim without one has no such key.
        let v = serde_json::to_value(Record::Claim(c)).unwrap();
        assert_eq!(v["assessment"], json!({"category": "barrier", "topic": "language"}));
        let plain = read_claim(&json!({"id": "c", "text": "t", "sources": []})).record.unwrap();
        assert!(serde_json::to_value(Record::Claim(plain)).unwrap().get("assessment").is_none());
    }

    #[test]
    fn a_bad_assessment_names_its_field_and_the_allowed_words() {
        let problem = |a: Value| {
            let r = read_claim(&judgement(a));
            assert!(r.record.is_none());
            r.problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>()
        };
        assert_eq!(
            problem(json!({"category": "threat", "topic": "language"})),
            [
                "assessment.category: unknown assessment category \"threat\"; expected one of: strength, weakness, barrier, prospect"
            ]
        );
        let topic = problem(json!({"category": "barrier", "topic": "visas"}));
        assert_eq!(topic.len(), 1);
        assert!(
            topic[0].starts_with(
                "assessment.topic: unknown topic \"visas\"; expected one of: education_ranking, distance_cost, language, brain_drain,"
            ),
            "{topic:?}"
        );
        assert!(topic[0].ends_with("diaspora, media, general"), "{topic:?}");
        assert_eq!(problem(json!({"topic": "language"})), ["assessment.category: is required"]);
        assert_eq!(problem(json!({"category": "barrier"})), ["assessment.topic: is required"]);
        let extra = problem(json!({"category": "barrier", "topic": "language", "topc": "media"}));
        assert_eq!(extra.len(), 1);
        assert!(extra[0].starts_with("assessment.topc: is not a field here (did you mean topic?)"), "{extra:?}");
        assert_eq!(
            problem(json!("barrier")),
            ["assessment: must be a table { category = \"…\", topic = \"…\" }, not text"]
        );
    }

    #[test]
    fn an_assessment_states_no_figure() {
        let mut v = judgement(json!({"category": "barrier", "topic": "education_ranking"}));
        v["indicator"] = json!("education.system_rank");
        v["relation"] = json!("equals");
        v["value"] = json!(88);
        let r = read_claim(&v);
        assert_eq!(fields(&r.problems), ["indicator", "relation", "value"]);
        assert!(r.problems[0].message.contains("put the figure in a claim of its own"));
    }

    #[test]
    fn citations_say_whether_they_are_evidence() {
        let v = json!({"id": "e", "kind": "other", "title": "t", "date": "2014", "domains": "arts",
            "status": "held", "host": "FRA", "sources": [
                {"source": "paper", "locator": "p. 1"},
                {"source": "ref09", "locator": "[9] in paper", "role": "as_cited_in_source", "note": "dated 2008"}]});
        let e = read_event(&v).record.unwrap();
        assert_eq!(e.sources[0].role, CitationRole::Evidence);
        assert_eq!(e.sources[1].role, CitationRole::AsCitedInSource);
        assert_eq!(e.sources[1].note.as_deref(), Some("dated 2008"));
        // The role is always written out; the note only when there is one.
        let json = serde_json::to_value(&e.sources).unwrap();
        assert_eq!(json[0]["role"], "evidence");
        assert!(json[0].get("note").is_none());
        assert_eq!(json[1]["role"], "as_cited_in_source");
        // JSON written before roles existed still reads, as evidence.
        let old: Citation = serde_json::from_value(json!({"source": "paper", "locator": "p. 1"})).unwrap();
        assert_eq!(old.role, CitationRole::Evidence);
        let mut bad = v.clone();
        bad["sources"][1]["role"] = json!("hearsay");
        bad["sources"][0]["role"] = json!("as_cited_in_source");
        bad["sources"][0]["reference"] = json!("ref09");
        let r = read_event(&bad);
        assert_eq!(fields(&r.problems), ["sources[0].reference", "sources[1].role"]);
        assert!(r.problems[1].message.contains("expected evidence or as_cited_in_source"), "{:?}", r.problems);
    }

    #[test]
    fn an_event_is_dated_by_its_academic_year_and_may_be_context() {
        let v = json!({"id": "e", "kind": "mobility", "title": "t", "period": "2013-14", "domains": "education",
            "status": "held", "host": "FRA", "context": true, "sources": []});
        let e = read_event(&v).record.unwrap();
        assert_eq!(e.period, Some(Period::AcademicYear(2013)));
        assert_eq!((e.date.to_string(), e.end.map(|d| d.to_string())), ("2013".into(), Some("2014".into())));
        assert!(e.context);
        let json = serde_json::to_value(Record::Event(e)).unwrap();
        assert_eq!((json["period"].as_str(), json["context"].as_bool()), (Some("2013/14"), Some(true)));
        // Both a period and dates, a calendar year as period, and a context that is not true/false.
        let mut bad = v.clone();
        bad["date"] = json!("2013");
        bad["context"] = json!("yes");
        assert_eq!(fields(&read_event(&bad).problems), ["date", "context"]);
        let mut year = v.clone();
        year["period"] = json!("2013");
        year["date"] = json!("2013");
        assert_eq!(fields(&read_event(&year).problems), ["period"]);
        // Not context unless said.
        let mut plain = v;
        plain.as_object_mut().unwrap().remove("context");
        let e = read_event(&plain).record.unwrap();
        assert!(!e.context);
        assert!(serde_json::to_value(Record::Event(e)).unwrap().get("context").is_none());
    }

    #[test]
    fn a_corrected_observation_says_why() {
        let v = json!({"id": "o", "indicator": "students.enrolled", "from": "KAZ", "to": "FRA", "period": "2013",
            "value": 346, "raw_value": 692, "unit": "students", "sources": []});
        assert_eq!(fields(&read_observation(&v).problems), ["note"]);
        let mut explained = v;
        explained["note"] = json!("halved: the file doubles every count");
        let o = read_observation(&explained).record.unwrap();
        assert_eq!((o.value, o.raw_value), (346.0, Some(692.0)));
    }

    #[test]
    fn ids_are_checked() {
        let v = json!({"id": "Bad Id", "kind": "article", "title": "t"});
        let r = read_source(&v);
        assert_eq!(fields(&r.problems), ["id"]);
        let r = read_source(&json!("x"));
        assert_eq!(r.problems[0].message, "must be a table, not text");
    }
}
