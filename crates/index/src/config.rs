//! The index's configuration: which indicators, how they are weighted, normalised and
//! aggregated, and how the uncertainty analysis varies those choices. It is read from TOML
//! by [`Config::parse`], which refuses anything doubtful with a [`ConfigError`] naming the
//! file, the line and the key, so that nothing is computed from a configuration with a typo.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use entente_model::indicator::{self, Shape};
use entente_model::ontology::{Domain, EventKind};
use serde::Serialize;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A parsed, validated index configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub name: String,
    pub version: String,
    pub description: String,
    /// Hex SHA-256 of the file's bytes, so that every result can say which configuration made it.
    pub sha256: String,
    /// The file name given to [`Config::parse`], for messages.
    pub file: String,
    pub normalisation: Normalisation,
    pub aggregation: Aggregation,
    /// A unit whose coverage (share of the flat weight it has data for) is below this is shown but not ranked.
    pub min_coverage: f64,
    pub uncertainty: UncertaintySpec,
    pub dimensions: Vec<Dimension>,
}

/// What the Monte Carlo analysis varies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertaintySpec {
    pub draws: usize,
    pub seed: u64,
    /// Dirichlet concentration: alpha_i = concentration × k × w_i, so larger means weights nearer the nominal ones.
    pub concentration: f64,
    pub normalisations: Vec<Normalisation>,
    pub aggregations: Vec<Aggregation>,
}

/// A group of indicators with its own weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    pub key: String,
    pub label: String,
    /// The label in other languages (`fr`, `ru`, `kk`), from `label_fr`, `label_ru`, `label_kk`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    pub weight: f64,
    pub indicators: Vec<IndicatorSpec>,
}

/// One indicator: what to measure and how to treat its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSpec {
    pub key: String,
    pub label: String,
    /// The label in other languages, as for a dimension.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    pub weight: f64,
    #[serde(flatten)]
    pub measure: Measure,
    #[serde(flatten)]
    pub time: Time,
    pub transform: Transform,
    pub absent: Absent,
    pub polarity: Polarity,
}

/// Where an indicator's raw value comes from. The analytics crate fetches it; this crate only
/// carries the description.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    Observation(ObservationMeasure),
    Events(EventsMeasure),
    Gdelt(GdeltMeasure),
}

/// An indicator observation of the catalogue (`entente_model::indicator`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationMeasure {
    pub indicator: String,
    pub from: Side,
    pub to: Side,
    /// Datasets in order of preference; empty means any.
    pub datasets: Vec<String>,
}

/// Counted curated events between the two countries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsMeasure {
    /// Only these kinds; empty means every kind.
    pub kinds: Vec<EventKind>,
    pub exclude_kinds: Vec<EventKind>,
    /// Only events in at least one of these domains; empty means any.
    pub domains: Vec<Domain>,
    pub direction: EventDirection,
    pub count: EventCount,
}

/// Counted GDELT events between the two countries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GdeltMeasure {
    /// CAMEO quad classes (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
    pub quad_classes: Vec<u8>,
    pub direction: EventDirection,
}

/// Which period's values an indicator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "time", rename_all = "snake_case")]
pub enum Time {
    /// The latest value, carried forward at most `max_age` years.
    Latest { max_age: u32 },
    /// Everything up to the reference year.
    Cumulative,
    /// The sum over the last `years` years up to the reference year.
    Window { years: u32 },
    /// The most recent value whatever its year, for data sets that are one snapshot (the
    /// missions listed in Wikidata in 2022, the twinned cities listed on Wikipedia in 2026);
    /// the value's period says when the snapshot was taken.
    Snapshot,
}

/// A closed vocabulary of the configuration: a fieldless enum written as a fixed word.
trait Word: Sized + Copy + 'static {
    const WHAT: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
}

macro_rules! words {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl Word for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Described by hand: utoipa's derive does not see a `rename` written by a macro.
        entente_model::word_schema!($name, $($text),+);
    };
}

words! {
    /// One side of the directed dyad: A projects into B.
    Side, "side" { A => "A", B => "B" }
}

words! {
    /// Which events between the two countries count.
    EventDirection, "direction" {
        /// A projects into B (or both do, mutually).
        AToB => "a_to_b",
        /// Any event involving both.
        Either => "either",
    }
}

words! {
    /// What is counted among the selected events.
    EventCount, "count" {
        /// The number of events.
        Events => "events",
        /// The number of distinct domains they cover.
        Domains => "domains",
    }
}

words! {
    /// A transformation of raw values before normalisation.
    Transform, "transform" {
        None => "none",
        /// ln(1 + x), for skewed counts.
        Log1p => "log1p",
    }
}

words! {
    /// What a value the store does not have means. The analytics crate applies it when it builds
    /// the matrix; here it is only carried.
    Absent, "absent" {
        /// Unknown: the indicator is left out of the unit's score.
        Missing => "missing",
        /// Zero, when the source covers the country (a list of all embassies that has none).
        ZeroIfCovered => "zero_if_covered",
    }
}

words! {
    /// Whether more of an indicator means more cooperation.
    Polarity, "polarity" { Positive => "positive", Negative => "negative" }
}

words! {
    /// How a column of values is made comparable with the others.
    Normalisation, "normalisation" { MinMax => "min_max", ZScore => "z_score", Rank => "rank" }
}

words! {
    /// How weighted values are combined, at both levels.
    Aggregation, "aggregation" { Arithmetic => "arithmetic", Geometric => "geometric" }
}

words! {
    /// The kinds of `time`; their parameters are read separately.
    TimeKind, "time" { Latest => "latest", Cumulative => "cumulative", Window => "window", Snapshot => "snapshot" }
}

words! {
    /// The kinds of `measure`; their fields are read separately.
    MeasureKind, "measure" { Observation => "observation", Events => "events", Gdelt => "gdelt" }
}

/// A configuration that was refused. Displayed as `file:line: key: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct ConfigError {
    pub file: String,
    /// 1-based; `None` when the problem concerns the file as a whole.
    pub line: Option<usize>,
    /// Where in the configuration, as a dotted path (`dimension[education].indicator[students_from_b_in_a].weight`).
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, self.key, self.message),
            None => write!(f, "{}: {}: {}", self.file, self.key, self.message),
        }
    }
}

/// The shipped configuration, compiled in.
const BUNDLED: &str = include_str!("../../../data/index/default.toml");

// Sane bounds: beyond these a value is almost certainly a typo.
const MAX_DRAWS: i64 = 1_000_000;
const MAX_AGE: i64 = 200;
const MAX_YEARS: i64 = 200;

impl Config {
    /// Parses and validates a configuration. `file` is only used in messages.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let src = Source { file, text };
        let doc = DeTable::parse(text).map_err(|e| src.toml_error(&e))?;
        let root = Table { src: &src, path: String::new(), span: 0..0, table: doc.get_ref() };
        // A document has no span of its own: problems with it as a whole carry no line.
        root.deny_unknown(&["index", "uncertainty", "dimension"])?;

        let index = root.req_table("index")?;
        index.deny_unknown(&["name", "version", "description", "normalisation", "aggregation", "min_coverage"])?;
        let name = index.req_text("name")?;
        let version = index.req_text("version")?;
        let description = index.string("description")?.map(Spanned::into_inner).unwrap_or_default();
        let normalisation = index.req_word::<Normalisation>("normalisation")?;
        let aggregation = index.req_word::<Aggregation>("aggregation")?;
        let min_coverage = index.req_number("min_coverage")?;
        if !(0.0..=1.0).contains(min_coverage.get_ref()) {
            return Err(index.error_at(min_coverage.span(), "min_coverage", "must be between 0 and 1"));
        }

        let uncertainty = parse_uncertainty(&root.req_table("uncertainty")?)?;
        let dimensions = parse_dimensions(&root)?;

        let sha256 = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Config {
            name,
            version,
            description,
            sha256,
            file: file.to_string(),
            normalisation,
            aggregation,
            min_coverage: min_coverage.into_inner(),
            uncertainty,
            dimensions,
        })
    }

    /// The shipped configuration, `data/index/default.toml`.
    pub fn bundled() -> Config {
        Config::parse("data/index/default.toml", BUNDLED).expect("the bundled configuration parses (a test proves it)")
    }

    /// Every indicator with its dimension, dimension by dimension: the column order of a
    /// [`Matrix`](crate::Matrix).
    pub fn indicators(&self) -> Vec<(&Dimension, &IndicatorSpec)> {
        self.dimensions.iter().flat_map(|d| d.indicators.iter().map(move |i| (d, i))).collect()
    }

    /// Each indicator's share of the whole index: its dimension's share of the dimension weights
    /// times its share of its dimension's indicator weights. Sums to 1.
    pub fn flat_weights(&self) -> Vec<f64> {
        let total: f64 = self.dimensions.iter().map(|d| d.weight).sum();
        let mut out = Vec::new();
        for d in &self.dimensions {
            let within: f64 = d.indicators.iter().map(|i| i.weight).sum();
            for i in &d.indicators {
                // Parsing refuses all-zero sums; a hand-built config with one gets zero weights.
                let share = if total > 0.0 && within > 0.0 { d.weight / total * i.weight / within } else { 0.0 };
                out.push(share);
            }
        }
        out
    }

    /// For each indicator column, the index of its dimension.
    pub fn dimension_of_indicators(&self) -> Vec<usize> {
        self.dimensions.iter().enumerate().flat_map(|(d, dim)| dim.indicators.iter().map(move |_| d)).collect()
    }
}

fn parse_uncertainty(t: &Table<'_, '_>) -> Result<UncertaintySpec, ConfigError> {
    t.deny_unknown(&["draws", "seed", "concentration", "normalisations", "aggregations"])?;
    let draws = t.req_integer("draws")?;
    if !(1..=MAX_DRAWS).contains(draws.get_ref()) {
        return Err(t.error_at(draws.span(), "draws", format!("must be between 1 and {MAX_DRAWS}")));
    }
    let seed = t.req_integer("seed")?;
    if *seed.get_ref() < 0 {
        return Err(t.error_at(seed.span(), "seed", "must not be negative"));
    }
    let concentration = t.req_number("concentration")?;
    if *concentration.get_ref() <= 0.0 {
        return Err(t.error_at(concentration.span(), "concentration", "must be greater than 0"));
    }
    let normalisations = t.req_words::<Normalisation>("normalisations")?;
    let aggregations = t.req_words::<Aggregation>("aggregations")?;
    Ok(UncertaintySpec {
        draws: usize::try_from(*draws.get_ref()).unwrap_or(1),
        seed: u64::try_from(*seed.get_ref()).unwrap_or(0),
        concentration: concentration.into_inner(),
        normalisations,
        aggregations,
    })
}

/// The languages a label may be given in besides English.
pub const LABEL_LANGUAGES: [&str; 3] = ["fr", "ru", "kk"];

impl Dimension {
    /// The label in `lang`, else in English.
    pub fn label_in(&self, lang: &str) -> &str {
        self.labels.get(lang).map_or(&self.label, String::as_str)
    }
}

impl IndicatorSpec {
    /// The label in `lang`, else in English.
    pub fn label_in(&self, lang: &str) -> &str {
        self.labels.get(lang).map_or(&self.label, String::as_str)
    }
}

const INDICATOR_FIELDS: &[&str] = &[
    "key",
    "label",
    "label_fr",
    "label_ru",
    "label_kk",
    "weight",
    "measure",
    "indicator",
    "from",
    "to",
    "datasets",
    "kinds",
    "exclude_kinds",
    "domains",
    "direction",
    "count",
    "quad_classes",
    "time",
    "max_age",
    "years",
    "transform",
    "absent",
    "polarity",
];

/// The fields each measure reads; any other measure's field is refused.
const MEASURE_FIELDS: &[(MeasureKind, &[&str])] = &[
    (MeasureKind::Observation, &["indicator", "from", "to", "datasets"]),
    (MeasureKind::Events, &["kinds", "exclude_kinds", "domains", "direction", "count"]),
    (MeasureKind::Gdelt, &["quad_classes", "direction"]),
];

fn parse_dimensions(root: &Table<'_, '_>) -> Result<Vec<Dimension>, ConfigError> {
    let tables = root.req_tables("dimension")?;
    let mut dimensions = Vec::new();
    let mut dimension_keys = HashSet::new();
    let mut indicator_keys = HashSet::new();
    let mut first_weight_span = None;
    for (n, mut t) in tables.into_iter().enumerate() {
        t.path = t.peek_key().map_or_else(|| format!("dimension#{}", n + 1), |k| format!("dimension[{k}]"));
        t.deny_unknown(&["key", "label", "label_fr", "label_ru", "label_kk", "weight", "indicator"])?;
        let key = t.req_identifier("key")?;
        t.path = format!("dimension[{}]", key.get_ref());
        if !dimension_keys.insert(key.get_ref().clone()) {
            return Err(t.error_at(key.span(), "key", format!("a second dimension with key \"{}\"", key.get_ref())));
        }
        let label = t.req_text("label")?;
        let labels = t.labels()?;
        let weight = t.req_weight("weight")?;
        first_weight_span.get_or_insert(weight.span());
        let mut indicators = Vec::new();
        for (m, mut it) in t.req_tables("indicator")?.into_iter().enumerate() {
            it.path = match it.peek_key() {
                Some(k) => format!("{}.indicator[{k}]", t.path),
                None => format!("{}.indicator#{}", t.path, m + 1),
            };
            it.deny_unknown(INDICATOR_FIELDS)?;
            let ikey = it.req_identifier("key")?;
            it.path = format!("{}.indicator[{}]", t.path, ikey.get_ref());
            if !indicator_keys.insert(ikey.get_ref().clone()) {
                return Err(it.error_at(
                    ikey.span(),
                    "key",
                    format!(
                        "a second indicator with key \"{}\" (indicator keys are unique across dimensions)",
                        ikey.get_ref()
                    ),
                ));
            }
            indicators.push(parse_indicator(&it, ikey.into_inner())?);
        }
        if indicators.iter().all(|i| i.weight == 0.0) {
            return Err(t.error_at(
                t.span.clone(),
                "indicator.weight",
                "the indicator weights of this dimension are all zero",
            ));
        }
        dimensions.push(Dimension { key: key.into_inner(), label, labels, weight: weight.into_inner(), indicators });
    }
    if dimensions.iter().all(|d| d.weight == 0.0) {
        let span = first_weight_span.unwrap_or(0..0);
        return Err(root.src.error(Some(span), "dimension.weight", "the dimension weights are all zero"));
    }
    Ok(dimensions)
}

fn parse_indicator(t: &Table<'_, '_>, key: String) -> Result<IndicatorSpec, ConfigError> {
    let label = t.req_text("label")?;
    let labels = t.labels()?;
    let weight = t.req_weight("weight")?.into_inner();
    let kind = t.req_word::<MeasureKind>("measure")?;
    // Fields of another measure are refused before they are read: they would be silently ignored.
    let own: &[&str] = MEASURE_FIELDS.iter().find(|(k, _)| *k == kind).map(|(_, f)| *f).unwrap_or(&[]);
    for (other, fields) in MEASURE_FIELDS {
        for field in fields.iter().filter(|f| !own.contains(f)) {
            if let Some((k, _)) = t.entry(field) {
                return Err(t.error_at(
                    k.span(),
                    field,
                    format!("does not belong to measure \"{kind}\" (it is a field of measure \"{other}\")"),
                ));
            }
        }
    }
    let measure = match kind {
        MeasureKind::Observation => Measure::Observation(parse_observation(t)?),
        MeasureKind::Events => Measure::Events(parse_events(t)?),
        MeasureKind::Gdelt => Measure::Gdelt(parse_gdelt(t)?),
    };

    let time_kind = t.req_word::<TimeKind>("time")?;
    let max_age = t.integer("max_age")?;
    let years = t.integer("years")?;
    if let (Some(v), false) = (&max_age, time_kind == TimeKind::Latest) {
        return Err(t.error_at(v.span(), "max_age", "only applies to time = \"latest\""));
    }
    if let (Some(v), false) = (&years, time_kind == TimeKind::Window) {
        return Err(t.error_at(v.span(), "years", "only applies to time = \"window\""));
    }
    let time = match time_kind {
        TimeKind::Latest => {
            let age = match max_age {
                Some(v) if !(0..=MAX_AGE).contains(v.get_ref()) => {
                    return Err(t.error_at(v.span(), "max_age", format!("must be between 0 and {MAX_AGE}")));
                }
                Some(v) => u32::try_from(v.into_inner()).unwrap_or(0),
                None => 0,
            };
            Time::Latest { max_age: age }
        }
        TimeKind::Cumulative => Time::Cumulative,
        TimeKind::Snapshot => Time::Snapshot,
        TimeKind::Window => {
            let v = years.ok_or_else(|| t.missing("years"))?;
            if !(1..=MAX_YEARS).contains(v.get_ref()) {
                return Err(t.error_at(v.span(), "years", format!("must be between 1 and {MAX_YEARS}")));
            }
            Time::Window { years: u32::try_from(v.into_inner()).unwrap_or(1) }
        }
    };
    if matches!(time_kind, TimeKind::Latest | TimeKind::Snapshot) && kind != MeasureKind::Observation {
        let span = t.entry("time").map(|(_, v)| v.span());
        return Err(t.src.error(
            span,
            &t.key("time"),
            "events are counted over a window or cumulatively, not as a latest value or a snapshot",
        ));
    }

    Ok(IndicatorSpec {
        key,
        label,
        labels,
        weight,
        measure,
        time,
        transform: t.word("transform")?.map(Spanned::into_inner).unwrap_or(Transform::None),
        absent: t.word("absent")?.map(Spanned::into_inner).unwrap_or(Absent::Missing),
        polarity: t.word("polarity")?.map(Spanned::into_inner).unwrap_or(Polarity::Positive),
    })
}

fn parse_observation(t: &Table<'_, '_>) -> Result<ObservationMeasure, ConfigError> {
    let id = t.req_string("indicator")?;
    let def = indicator::lookup(id.get_ref()).ok_or_else(|| {
        let known: Vec<&str> = indicator::CATALOGUE.iter().map(|d| d.id).collect();
        t.error_at(
            id.span(),
            "indicator",
            format!("unknown indicator \"{}\"; known: {}, elcano.*", id.get_ref(), known.join(", ")),
        )
    })?;
    let from = t.req_word::<Side>("from")?;
    let to = t.req_word::<Side>("to")?;
    let pair_span = t.entry("to").map(|(k, _)| k.span());
    match def.shape {
        Shape::Country => {
            return Err(t.error_at(
                id.span(),
                "indicator",
                format!("\"{}\" is about one country; the index needs an indicator of a pair", id.get_ref()),
            ));
        }
        Shape::Directed if from == to => {
            return Err(t.src.error(
                pair_span,
                &t.key("to"),
                format!("\"{}\" is directed: from and to must be different sides", id.get_ref()),
            ));
        }
        Shape::Undirected if (from, to) != (Side::A, Side::B) => {
            return Err(t.src.error(
                pair_span,
                &t.key("to"),
                format!(
                    "\"{}\" is undirected (stored in alphabetical order): give from = \"A\", to = \"B\"",
                    id.get_ref()
                ),
            ));
        }
        _ => {}
    }
    let datasets = match t.strings("datasets")? {
        Some(list) => {
            let mut seen = HashSet::new();
            for d in &list {
                if d.get_ref().trim().is_empty() {
                    return Err(t.error_at(d.span(), "datasets", "a dataset id must not be empty"));
                }
                if !seen.insert(d.get_ref().clone()) {
                    return Err(t.error_at(d.span(), "datasets", format!("\"{}\" is listed twice", d.get_ref())));
                }
            }
            list.into_iter().map(Spanned::into_inner).collect()
        }
        None => Vec::new(),
    };
    Ok(ObservationMeasure { indicator: id.into_inner(), from, to, datasets })
}

fn parse_events(t: &Table<'_, '_>) -> Result<EventsMeasure, ConfigError> {
    let kinds: Vec<Spanned<EventKind>> = t.vocabulary("kinds")?;
    let exclude: Vec<Spanned<EventKind>> = t.vocabulary("exclude_kinds")?;
    if let Some(both) = exclude.iter().find(|e| kinds.iter().any(|k| k.get_ref() == e.get_ref())) {
        return Err(t.error_at(
            both.span(),
            "exclude_kinds",
            format!("\"{}\" is both included and excluded", both.get_ref()),
        ));
    }
    let domains: Vec<Spanned<Domain>> = t.vocabulary("domains")?;
    Ok(EventsMeasure {
        kinds: kinds.into_iter().map(Spanned::into_inner).collect(),
        exclude_kinds: exclude.into_iter().map(Spanned::into_inner).collect(),
        domains: domains.into_iter().map(Spanned::into_inner).collect(),
        direction: t.req_word("direction")?,
        count: t.req_word("count")?,
    })
}

fn parse_gdelt(t: &Table<'_, '_>) -> Result<GdeltMeasure, ConfigError> {
    let list = t.integers("quad_classes")?.ok_or_else(|| t.missing("quad_classes"))?;
    if list.is_empty() {
        return Err(t.error_at(
            t.entry("quad_classes").map_or(t.span.clone(), |(_, v)| v.span()),
            "quad_classes",
            "must not be empty",
        ));
    }
    let mut classes = Vec::new();
    for q in &list {
        let v = u8::try_from(*q.get_ref()).ok().filter(|v| (1..=4).contains(v));
        let Some(v) = v else {
            return Err(t.error_at(q.span(), "quad_classes", "a quad class is 1, 2, 3 or 4"));
        };
        if classes.contains(&v) {
            return Err(t.error_at(q.span(), "quad_classes", format!("{v} is listed twice")));
        }
        classes.push(v);
    }
    Ok(GdeltMeasure { quad_classes: classes, direction: t.req_word("direction")? })
}

/// The text being parsed, to turn byte offsets into lines.
struct Source<'t> {
    file: &'t str,
    text: &'t str,
}

impl Source<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
    }

    fn error(&self, span: Option<Range<usize>>, key: &str, message: impl Into<String>) -> ConfigError {
        // An empty span at offset 0 is the document's own: no line to point at.
        let line = span.filter(|s| *s != (0..0)).map(|s| self.line(s.start));
        ConfigError { file: self.file.to_string(), line, key: key.to_string(), message: message.into() }
    }

    /// A syntax error or duplicate key from the TOML parser; its key is the text the parser
    /// points at when that is a key, else the key of the line.
    fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        let span = e.span();
        let pointed = span
            .as_ref()
            .and_then(|s| self.text.get(s.clone()))
            .map(|s| s.trim().trim_matches('"').trim_matches('\''))
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)));
        let key = match pointed {
            Some(k) => k.to_string(),
            None => self.key_of_line(span.as_ref().map_or(0, |s| s.start)),
        };
        let line = span.map(|s| self.line(s.start));
        ConfigError { file: self.file.to_string(), line, key, message: e.message().trim().to_string() }
    }

    fn key_of_line(&self, offset: usize) -> String {
        let end = offset.min(self.text.len());
        let start = self.text.as_bytes()[..end].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
        let line = self.text[start..].lines().next().unwrap_or("").trim();
        if line.starts_with('[') {
            line.trim_matches(|c| c == '[' || c == ']').trim().to_string()
        } else if let Some((k, _)) = line.split_once('=') {
            k.trim().to_string()
        } else {
            "toml".to_string()
        }
    }
}

/// A table of the document being read, with its path for messages.
struct Table<'a, 'i> {
    src: &'a Source<'a>,
    path: String,
    span: Range<usize>,
    table: &'a DeTable<'i>,
}

type Value<'a, 'i> = &'a Spanned<DeValue<'i>>;

impl<'a, 'i> Table<'a, 'i> {
    fn key(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_string() } else { format!("{}.{name}", self.path) }
    }

    fn error_at(&self, span: Range<usize>, name: &str, message: impl Into<String>) -> ConfigError {
        self.src.error(Some(span), &self.key(name), message)
    }

    fn missing(&self, name: &str) -> ConfigError {
        self.src.error(Some(self.span.clone()), &self.key(name), "missing required field")
    }

    fn entry(&self, name: &str) -> Option<(&'a Spanned<std::borrow::Cow<'i, str>>, Value<'a, 'i>)> {
        self.table.get_key_value(name)
    }

    fn get(&self, name: &str) -> Option<Value<'a, 'i>> {
        self.entry(name).map(|(_, v)| v)
    }

    /// The table's `key` if it is a well-formed one, to name the table in messages before it is read.
    fn peek_key(&self) -> Option<String> {
        match self.get("key")?.get_ref() {
            DeValue::String(s)
                if !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
            {
                Some(s.to_string())
            }
            _ => None,
        }
    }

    /// Refuses any key not in `allowed`, the first in the file first.
    fn deny_unknown(&self, allowed: &[&str]) -> Result<(), ConfigError> {
        let unknown = self
            .table
            .iter()
            .filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref()))
            .min_by_key(|(k, _)| k.span().start);
        match unknown {
            Some((k, _)) => Err(self.error_at(
                k.span(),
                k.get_ref(),
                format!("unknown field; expected one of: {}", allowed.join(", ")),
            )),
            None => Ok(()),
        }
    }

    fn wrong_type(&self, name: &str, v: Value<'a, 'i>, expected: &str) -> ConfigError {
        self.error_at(v.span(), name, format!("expected {expected}, found {}", v.get_ref().type_str()))
    }

    fn string(&self, name: &str) -> Result<Option<Spanned<String>>, ConfigError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        match v.get_ref() {
            DeValue::String(s) => Ok(Some(Spanned::new(v.span(), s.to_string()))),
            _ => Err(self.wrong_type(name, v, "a string")),
        }
    }

    fn req_string(&self, name: &str) -> Result<Spanned<String>, ConfigError> {
        self.string(name)?.ok_or_else(|| self.missing(name))
    }

    /// `label_fr`, `label_ru`, `label_kk` where given, none blank.
    fn labels(&self) -> Result<BTreeMap<String, String>, ConfigError> {
        let mut out = BTreeMap::new();
        for lang in LABEL_LANGUAGES {
            let name = format!("label_{lang}");
            if let Some(s) = self.string(&name)? {
                if s.get_ref().trim().is_empty() {
                    return Err(self.error_at(s.span(), &name, "must not be empty"));
                }
                out.insert(lang.to_string(), s.into_inner());
            }
        }
        Ok(out)
    }

    /// A required string that is not blank.
    fn req_text(&self, name: &str) -> Result<String, ConfigError> {
        let s = self.req_string(name)?;
        if s.get_ref().trim().is_empty() {
            return Err(self.error_at(s.span(), name, "must not be empty"));
        }
        Ok(s.into_inner())
    }

    /// A key: lower-case ASCII letters, digits and underscores, as it names columns and JSON fields.
    fn req_identifier(&self, name: &str) -> Result<Spanned<String>, ConfigError> {
        let s = self.req_string(name)?;
        let ok = s.get_ref().starts_with(|c: char| c.is_ascii_lowercase())
            && s.get_ref().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(self.error_at(
                s.span(),
                name,
                "must be lower-case letters, digits and _, starting with a letter",
            ));
        }
        Ok(s)
    }

    fn number_of(&self, name: &str, v: Value<'a, 'i>) -> Result<f64, ConfigError> {
        let parsed = match v.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            // Integers are accepted where a number is expected: `weight = 1` means 1.0.
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|i| i as f64),
            _ => return Err(self.wrong_type(name, v, "a number")),
        };
        match parsed {
            Some(x) if x.is_finite() => Ok(x),
            _ => Err(self.error_at(v.span(), name, "must be a finite number")),
        }
    }

    fn req_number(&self, name: &str) -> Result<Spanned<f64>, ConfigError> {
        let v = self.get(name).ok_or_else(|| self.missing(name))?;
        Ok(Spanned::new(v.span(), self.number_of(name, v)?))
    }

    fn req_weight(&self, name: &str) -> Result<Spanned<f64>, ConfigError> {
        let w = self.req_number(name)?;
        if *w.get_ref() < 0.0 {
            return Err(self.error_at(w.span(), name, "a weight must not be negative"));
        }
        Ok(w)
    }

    fn integer_of(&self, name: &str, v: Value<'a, 'i>) -> Result<i64, ConfigError> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map_err(|_| self.error_at(v.span(), name, "integer out of range")),
            _ => Err(self.wrong_type(name, v, "an integer")),
        }
    }

    fn integer(&self, name: &str) -> Result<Option<Spanned<i64>>, ConfigError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        Ok(Some(Spanned::new(v.span(), self.integer_of(name, v)?)))
    }

    fn req_integer(&self, name: &str) -> Result<Spanned<i64>, ConfigError> {
        self.integer(name)?.ok_or_else(|| self.missing(name))
    }

    fn array(&self, name: &str) -> Result<Option<&'a [Spanned<DeValue<'i>>]>, ConfigError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        match v.get_ref() {
            DeValue::Array(a) => Ok(Some(a)),
            _ => Err(self.wrong_type(name, v, "an array")),
        }
    }

    fn strings(&self, name: &str) -> Result<Option<Vec<Spanned<String>>>, ConfigError> {
        let Some(items) = self.array(name)? else { return Ok(None) };
        let mut out = Vec::new();
        for v in items {
            match v.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(v.span(), s.to_string())),
                _ => return Err(self.wrong_type(name, v, "a string")),
            }
        }
        Ok(Some(out))
    }

    fn integers(&self, name: &str) -> Result<Option<Vec<Spanned<i64>>>, ConfigError> {
        let Some(items) = self.array(name)? else { return Ok(None) };
        items.iter().map(|v| Ok(Spanned::new(v.span(), self.integer_of(name, v)?))).collect::<Result<_, _>>().map(Some)
    }

    fn parse_word<W: Word>(&self, name: &str, s: &Spanned<String>) -> Result<W, ConfigError> {
        W::ALL.iter().copied().find(|w| w.as_str() == s.get_ref()).ok_or_else(|| {
            let allowed: Vec<&str> = W::ALL.iter().map(|w| w.as_str()).collect();
            self.error_at(
                s.span(),
                name,
                format!("unknown {} \"{}\"; expected one of: {}", W::WHAT, s.get_ref(), allowed.join(", ")),
            )
        })
    }

    fn word<W: Word>(&self, name: &str) -> Result<Option<Spanned<W>>, ConfigError> {
        let Some(s) = self.string(name)? else { return Ok(None) };
        Ok(Some(Spanned::new(s.span(), self.parse_word(name, &s)?)))
    }

    fn req_word<W: Word>(&self, name: &str) -> Result<W, ConfigError> {
        self.word(name)?.map(Spanned::into_inner).ok_or_else(|| self.missing(name))
    }

    /// A required, non-empty list of distinct words.
    fn req_words<W: Word + PartialEq>(&self, name: &str) -> Result<Vec<W>, ConfigError> {
        let list = self.strings(name)?.ok_or_else(|| self.missing(name))?;
        if list.is_empty() {
            return Err(self.error_at(
                self.get(name).map_or(self.span.clone(), |v| v.span()),
                name,
                "must not be empty",
            ));
        }
        let mut out = Vec::new();
        for s in &list {
            let w: W = self.parse_word(name, s)?;
            if out.contains(&w) {
                return Err(self.error_at(s.span(), name, format!("\"{}\" is listed twice", s.get_ref())));
            }
            out.push(w);
        }
        Ok(out)
    }

    /// An optional list of distinct words of one of the model's vocabularies (event kinds, domains).
    fn vocabulary<T>(&self, name: &str) -> Result<Vec<Spanned<T>>, ConfigError>
    where
        T: std::str::FromStr + PartialEq + fmt::Display,
        T::Err: fmt::Display,
    {
        let mut out: Vec<Spanned<T>> = Vec::new();
        for s in self.strings(name)?.unwrap_or_default() {
            let w: T = s.get_ref().parse().map_err(|e: T::Err| self.error_at(s.span(), name, e.to_string()))?;
            // FromStr of the model trims; a padded word is still a typo.
            if w.to_string() != *s.get_ref() {
                return Err(self.error_at(s.span(), name, format!("\"{}\" has surrounding spaces", s.get_ref())));
            }
            if out.iter().any(|o| *o.get_ref() == w) {
                return Err(self.error_at(s.span(), name, format!("\"{}\" is listed twice", s.get_ref())));
            }
            out.push(Spanned::new(s.span(), w));
        }
        Ok(out)
    }

    fn req_table(&self, name: &str) -> Result<Table<'a, 'i>, ConfigError> {
        let v = self.get(name).ok_or_else(|| self.missing(name))?;
        match v.get_ref() {
            DeValue::Table(t) => Ok(Table { src: self.src, path: self.key(name), span: v.span(), table: t }),
            _ => Err(self.wrong_type(name, v, "a table")),
        }
    }

    /// A required, non-empty array of tables (`[[name]]`).
    fn req_tables(&self, name: &str) -> Result<Vec<Table<'a, 'i>>, ConfigError> {
        let items = self.array(name)?.ok_or_else(|| self.missing(name))?;
        if items.is_empty() {
            return Err(self.error_at(
                self.get(name).map_or(self.span.clone(), |v| v.span()),
                name,
                "must not be empty",
            ));
        }
        let mut out = Vec::new();
        for v in items {
            match v.get_ref() {
                DeValue::Table(t) => out.push(Table { src: self.src, path: self.key(name), span: v.span(), table: t }),
                _ => return Err(self.wrong_type(name, v, "a table")),
            }
        }
        Ok(out)
    }
}

/// A dimension for [`test_toml`]: key, weight and indicators (key, weight).
#[cfg(test)]
pub(crate) type TestDimension<'a> = (&'a str, f64, &'a [(&'a str, f64)]);

/// Builds the TOML of a simple configuration for tests: each dimension `(key, weight,
/// indicators)`, each indicator `(key, weight)` an embassy observation with no transform.
#[cfg(test)]
pub(crate) fn test_toml(dimensions: &[TestDimension<'_>], normalisation: &str, aggregation: &str) -> String {
    let mut s = format!(
        "[index]\nname = \"t\"\nversion = \"1\"\nnormalisation = \"{normalisation}\"\naggregation = \"{aggregation}\"\nmin_coverage = 0.0\n\n\
         [uncertainty]\ndraws = 100\nseed = 7\nconcentration = 50.0\nnormalisations = [\"min_max\", \"z_score\", \"rank\"]\naggregations = [\"arithmetic\", \"geometric\"]\n"
    );
    for (key, weight, indicators) in dimensions {
        s.push_str(&format!("\n[[dimension]]\nkey = \"{key}\"\nlabel = \"{key}\"\nweight = {weight:?}\n"));
        for (ikey, iweight) in *indicators {
            s.push_str(&format!(
                "\n[[dimension.indicator]]\nkey = \"{ikey}\"\nlabel = \"{ikey}\"\nweight = {iweight:?}\nmeasure = \"observation\"\n\
                 indicator = \"missions.embassy\"\nfrom = \"A\"\nto = \"B\"\ntime = \"latest\"\n"
            ));
        }
    }
    s
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
