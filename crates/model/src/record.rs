//! The records an observatory keeps. Every record but a source cites at least one source.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::{PartialDate, Period};
use crate::lang::LangText;
use crate::ontology::{
    ActorKind, AssessmentCategory, Domain, EventKind, ProgrammeKind, Relation, Role, SourceKind, Status, Topic,
};

/// The six record types, named as in dataset files (`[[event]]`) and in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Source,
    Actor,
    Programme,
    Event,
    Observation,
    Claim,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Source,
        RecordKind::Actor,
        RecordKind::Programme,
        RecordKind::Event,
        RecordKind::Observation,
        RecordKind::Claim,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Actor => "actor",
            RecordKind::Programme => "programme",
            RecordKind::Event => "event",
            RecordKind::Observation => "observation",
            RecordKind::Claim => "claim",
        }
    }

    /// The kind with its indefinite article: "a source", "an event".
    pub fn with_article(self) -> String {
        let article =
            if matches!(self, RecordKind::Actor | RecordKind::Event | RecordKind::Observation) { "an" } else { "a" };
        format!("{article} {}", self.as_str())
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a citation supports its record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CitationRole {
    /// The source bears the record out.
    #[default]
    Evidence,
    /// Only the reference another source attached to its sentence: kept so a reader can
    /// follow the trail, but it cannot support the record (a 2008 article cited for figures
    /// of 2013–14, say).
    AsCitedInSource,
}

impl CitationRole {
    pub const ALL: [CitationRole; 2] = [CitationRole::Evidence, CitationRole::AsCitedInSource];

    pub fn as_str(self) -> &'static str {
        match self {
            CitationRole::Evidence => "evidence",
            CitationRole::AsCitedInSource => "as_cited_in_source",
        }
    }

    pub fn is_evidence(self) -> bool {
        self == CitationRole::Evidence
    }
}

impl std::str::FromStr for CitationRole {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CitationRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown citation role \"{s}\"; expected evidence or as_cited_in_source"))
    }
}

/// Where a record rests on a source: which source, where in it, the words it rests on, and
/// whether it is evidence or only a reference another source attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The id of a source record.
    pub source: String,
    /// Page, section, table or row within the source.
    pub locator: String,
    /// The sentence or figure the record rests on, quoted from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// A work the source itself cites for this fact (the paper's own reference [9], say),
    /// taken as able to support it; one that cannot is a citation of its own with the role
    /// `as_cited_in_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Evidence, or only as cited in another source. Always written out, so a reader of the
    /// JSON need not know the default.
    #[serde(default)]
    pub role: CitationRole,
    /// Why the citation stands as it does (why a reference cannot support the record, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Citation {
    /// A citation of `source` as evidence, at `locator`.
    pub fn evidence(source: impl Into<String>, locator: impl Into<String>) -> Citation {
        Citation {
            source: source.into(),
            locator: locator.into(),
            quote: None,
            reference: None,
            role: CitationRole::Evidence,
            note: None,
        }
    }
}

/// An author or editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
}

impl Person {
    /// Reads "Family, Given" (or just "Family").
    pub fn parse(s: &str) -> Person {
        match s.split_once(',') {
            Some((family, given)) if !given.trim().is_empty() => {
                Person { family: family.trim().to_string(), given: Some(given.trim().to_string()) }
            }
            _ => Person { family: s.trim().trim_end_matches(',').to_string(), given: None },
        }
    }

    /// Initials of the given names with their dots: "Aliya Muratovna" → "A. M.", "A.M." → "A. M.".
    pub fn initials(&self) -> String {
        let Some(given) = &self.given else {
            return String::new();
        };
        given
            .split(|c: char| c.is_whitespace() || c == '.')
            .filter(|p| !p.is_empty())
            .map(|p| {
                // "Yu." stays "Yu." (a digraph initial); a full name shortens to its first letter.
                let letters: Vec<char> = p.chars().collect();
                if letters.len() <= 2 && given.contains(&format!("{p}.")) {
                    format!("{p}.")
                } else {
                    format!("{}.", letters[0])
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A citable work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// The title in the work's own language.
    pub title: String,
    /// An English rendering of the title, when the work is in another language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// ISO 639-1 code of the work's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Journal, newspaper, book or website the work appears in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Place of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Page range within the container (`16-22`), or the number of pages of a book (`208`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When an online work was consulted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An institution or a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: LangText,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ISO alpha-3 of the actor's country; none for intergovernmental bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A lasting scheme: scholarships, exchanges, language teaching, cultural seasons, research.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    pub id: String,
    pub kind: ProgrammeKind,
    pub name: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    /// ISO alpha-3 codes of the countries the programme joins.
    pub countries: Vec<String>,
    /// Actor ids of its sponsors or operators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sponsors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How often an event comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// Every year on the event's month (and day, when known): "every 20 March".
    Yearly,
}

/// A counted quantity: 513 students.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
}

/// An actor's part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub actor: String,
    pub role: Role,
}

/// How a record came to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// A person entered it from its sources.
    Curated,
    /// The text coder found it, with this coder version and confidence in 0..=1.
    Coded { coder: String, confidence: f64 },
    /// It came from a dataset row.
    Imported { dataset: String, row: String },
}

/// Something that happened (or was planned) between countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub title: LangText,
    #[serde(default, skip_serializing_if = "LangText::is_empty")]
    pub description: LangText,
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    pub domains: Vec<Domain>,
    pub status: Status,
    /// ISO alpha-3 of the country where it took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// ISO alpha-3 of the countries whose culture or offer it presents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projecting: Vec<String>,
    /// Other countries taking part, beyond host and projecting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Participation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The academic year the source dates the event by (`2013/14`); `date` and `end` are
    /// then its first and last calendar years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Set when the event belongs to a pair only by context (the founding of the Alliance
    /// Française in 1883 in an account of French–Kazakh cooperation): shown, marked, and
    /// never counted as a bilateral event.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub context: bool,
    pub origin: Origin,
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Event {
    /// Every country the event involves: host, projecting and the others, without repeats.
    pub fn involved_countries(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for c in self.host.iter().chain(&self.projecting).chain(&self.countries) {
            if !out.contains(&c.as_str()) {
                out.push(c);
            }
        }
        out
    }
}

/// One value of an indicator for a country or a directed pair of countries, in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub id: String,
    /// Dotted indicator id: `students.inbound`, `students.entrants`, `elcano.culture`.
    pub indicator: String,
    /// The country, for a one-country indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Where the flow comes from, for a directed-pair indicator (students' origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Where the flow goes (the students' host country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub period: Period,
    pub value: f64,
    /// The value as the source gives it, when entente corrected a known defect of the source
    /// (explained in `note`); `value` is the corrected figure, the one every analysis uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_value: Option<f64>,
    pub unit: String,
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A source's judgement of the relations (a strength, a barrier…) and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub category: AssessmentCategory,
    pub topic: Topic,
}

/// A statement a source makes about a figure, or its judgement of the relations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    /// The statement in the source's words.
    pub text: String,
    /// ISO 639-1 code of `text`.
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A record the claim is about (an institution, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The earlier period a `ratio` compares against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_period: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Set when the claim is a judgement, checked by the diagnostics rather than against a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    pub sources: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Any record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    Source(Source),
    Actor(Actor),
    Programme(Programme),
    Event(Event),
    Observation(Observation),
    Claim(Claim),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::Source(r) => &r.id,
            Record::Actor(r) => &r.id,
            Record::Programme(r) => &r.id,
            Record::Event(r) => &r.id,
            Record::Observation(r) => &r.id,
            Record::Claim(r) => &r.id,
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Source(_) => RecordKind::Source,
            Record::Actor(_) => RecordKind::Actor,
            Record::Programme(_) => RecordKind::Programme,
            Record::Event(_) => RecordKind::Event,
            Record::Observation(_) => RecordKind::Observation,
            Record::Claim(_) => RecordKind::Claim,
        }
    }

    /// The record's citations (a source has none of its own).
    pub fn citations(&self) -> &[Citation] {
        match self {
            Record::Source(_) => &[],
            Record::Actor(r) => &r.sources,
            Record::Programme(r) => &r.sources,
            Record::Event(r) => &r.sources,
            Record::Observation(r) => &r.sources,
            Record::Claim(r) => &r.sources,
        }
    }

    /// A one-line title in `lang` (falling back to English).
    pub fn title(&self, lang: &str) -> String {
        match self {
            Record::Source(r) => r.title.clone(),
            Record::Actor(r) => r.name.best(lang).to_string(),
            Record::Programme(r) => r.name.best(lang).to_string(),
            Record::Event(r) => r.title.best(lang).to_string(),
            Record::Observation(r) => {
                let place = match (&r.country, &r.from, &r.to) {
                    (Some(c), _, _) => c.clone(),
                    (None, Some(f), Some(t)) => format!("{f}→{t}"),
                    _ => String::new(),
                };
                format!("{} {} {}: {} {}", r.indicator, place, r.period, format_number(r.value), r.unit)
            }
            Record::Claim(r) => r.text.clone(),
        }
    }

    /// Every (language, text) the full-text index should hold for this record.
    pub fn search_texts(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut add_lang = |t: &LangText| {
            for (lang, text) in t.iter() {
                out.push((lang.to_string(), text.to_string()));
            }
        };
        match self {
            Record::Source(r) => {
                let lang = r.language.clone().unwrap_or_else(|| "und".into());
                let mut v = vec![(lang.clone(), r.title.clone())];
                if let Some(t) = &r.title_en {
                    v.push(("en".into(), t.clone()));
                }
                for a in &r.authors {
                    v.push((lang.clone(), a.family.clone()));
                }
                if let Some(c) = &r.container {
                    v.push((lang, c.clone()));
                }
                return v;
            }
            Record::Actor(r) => {
                add_lang(&r.name);
                add_lang(&r.description);
                for a in &r.aliases {
                    out.push(("und".into(), a.clone()));
                }
            }
            Record::Programme(r) => {
                add_lang(&r.name);
                add_lang(&r.description);
            }
            Record::Event(r) => {
                add_lang(&r.title);
                add_lang(&r.description);
                if let Some(p) = &r.place {
                    out.push(("und".into(), p.clone()));
                }
            }
            // Observations are numbers, found by indicator and country, not by words.
            Record::Observation(_) => return Vec::new(),
            Record::Claim(r) => out.push((r.lang.clone(), r.text.clone())),
        }
        for c in self.citations() {
            if let Some(q) = &c.quote {
                out.push(("und".into(), q.clone()));
            }
        }
        out
    }
}

/// Prints a number without a useless fraction: `513`, `2`, `0.25`.
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_initials() {
        let p = Person::parse("Kussainova, Aliya Muratovna");
        assert_eq!(p.family, "Kussainova");
        assert_eq!(p.initials(), "A. M.");
        assert_eq!(Person::parse("Petrov, V. A.").initials(), "V. A.");
        assert_eq!(Person::parse("Vladimirov, Yu. V.").initials(), "Yu. V.");
        assert_eq!(Person::parse("Кусаинова, А.М.").initials(), "А. М.");
        assert_eq!(Person::parse("UNESCO").given, None);
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(format_number(513.0), "513");
        assert_eq!(format_number(0.25), "0.25");
    }
}
