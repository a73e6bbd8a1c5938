//! The cultural-diplomacy ontology: what kinds of events, actors, programmes and sources
//! there are, and how event kinds map onto CAMEO and PLOVER.
//!
//! CAMEO and PLOVER code conflict and cooperation between states; they have no cultural
//! codes. Each event kind names the nearest CAMEO code where one exists, and the PLOVER
//! event type that `data/lookups/CAMEO2PLOVER-2021.txt` gives that code. Kinds without a
//! CAMEO counterpart (festivals, exhibitions, performances, screenings, literary events,
//! counted mobility, "other") are the extension this ontology adds.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Defines a closed vocabulary: a fieldless enum written in snake_case, with `ALL`,
/// `as_str`, `FromStr` (whose error lists the valid words) and serde as a string.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                match s.trim() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownWord {
                        word: s.to_string(),
                        what: stringify!($name),
                        allowed: &[$($text),+],
                    }),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        // Serialised by hand as one of its words, so described by hand: a string of that set.
        $crate::word_schema!($name, $($text),+);
    };
}

/// Describes to OpenAPI (with the crate's `openapi` feature) a type written as one word of a
/// closed set: a string with those values. For vocabularies that a macro writes, whose
/// serialisation utoipa's derive cannot see.
#[macro_export]
macro_rules! word_schema {
    ($name:ident, $($text:literal),+) => {
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

/// A word that is not in a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {} \"{word}\"; expected one of: {}", vocabulary_name(.what), .allowed.join(", "))]
pub struct UnknownWord {
    pub word: String,
    pub what: &'static str,
    pub allowed: &'static [&'static str],
}

fn vocabulary_name(type_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

vocabulary! {
    /// What happened.
    EventKind {
        AgreementSigned => "agreement_signed",
        InstitutionOpened => "institution_opened",
        ProgrammeLaunched => "programme_launched",
        SeasonOrFestival => "season_or_festival",
        Exhibition => "exhibition",
        Performance => "performance",
        Screening => "screening",
        LiteraryEvent => "literary_event",
        Conference => "conference",
        OfficialVisit => "official_visit",
        Mobility => "mobility",
        GrantOrAward => "grant_or_award",
        Other => "other",
    }
}

vocabulary! {
    /// The field of culture an event belongs to; an event has one or more.
    Domain {
        Education => "education",
        Language => "language",
        Arts => "arts",
        Film => "film",
        Literature => "literature",
        Heritage => "heritage",
        Science => "science",
        Media => "media",
        Sport => "sport",
        Tourism => "tourism",
        Diaspora => "diaspora",
        Digital => "digital",
    }
}

vocabulary! {
    /// Whether and how an event took place.
    Status {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
        Postponed => "postponed",
        Online => "online",
        PartlyOnline => "partly_online",
    }
}

vocabulary! {
    /// What sort of institution or person an actor is.
    ActorKind {
        Government => "government",
        Ministry => "ministry",
        Embassy => "embassy",
        CulturalInstitute => "cultural_institute",
        University => "university",
        School => "school",
        ResearchCentre => "research_centre",
        Foundation => "foundation",
        Intergovernmental => "intergovernmental",
        Ngo => "ngo",
        Association => "association",
        Media => "media",
        Person => "person",
        Other => "other",
    }
}

vocabulary! {
    /// What an actor did in an event.
    Role {
        Organiser => "organiser",
        Initiator => "initiator",
        Partner => "partner",
        Sponsor => "sponsor",
        Participant => "participant",
        Venue => "venue",
        /// The institution or body the event is about (the institute that opened).
        Subject => "subject",
    }
}

vocabulary! {
    /// What sort of lasting scheme a programme is.
    ProgrammeKind {
        Scholarship => "scholarship",
        Exchange => "exchange",
        Language => "language",
        CulturalSeason => "cultural_season",
        Research => "research",
        Education => "education",
        Other => "other",
    }
}

vocabulary! {
    /// What sort of citable work a source is.
    SourceKind {
        Article => "article",
        Book => "book",
        Chapter => "chapter",
        Thesis => "thesis",
        ConferencePaper => "conference_paper",
        News => "news",
        WebPage => "web_page",
        Dataset => "dataset",
        Report => "report",
        Legal => "legal",
    }
}

vocabulary! {
    /// How a figure in a claim relates to its value.
    Relation {
        Equals => "equals",
        Approx => "approx",
        MoreThan => "more_than",
        LessThan => "less_than",
        AtLeast => "at_least",
        AtMost => "at_most",
        /// The figure at `period` is `value` times the figure at `base_period` ("doubled": 2).
        Ratio => "ratio",
    }
}

vocabulary! {
    /// What sort of judgement a source makes about the relations of a pair.
    AssessmentCategory {
        /// Something that works well and helps cooperation.
        Strength => "strength",
        /// Something that works badly or is lacking.
        Weakness => "weakness",
        /// An obstacle that holds cooperation back.
        Barrier => "barrier",
        /// What cooperation could become, or what it needs to get there.
        Prospect => "prospect",
    }
}

vocabulary! {
    /// What a judgement is about: the key diagnostic rules match on.
    Topic {
        /// A country's place in a ranking of education systems.
        EducationRanking => "education_ranking",
        /// Distance between the countries and the cost of travelling or studying.
        DistanceCost => "distance_cost",
        /// Knowledge of the partner's language, its teaching and spread.
        Language => "language",
        /// Qualified people who study or work abroad and do not come back.
        BrainDrain => "brain_drain",
        /// Students going from one country to study in the other.
        StudentMobility => "student_mobility",
        /// Institutes, schools, centres and offices one country runs in the other.
        Institutions => "institutions",
        /// Festivals, seasons, exhibitions and other cultural events.
        Events => "events",
        /// Treaties and agreements between the countries.
        Agreements => "agreements",
        /// Embassies, diplomatic services and a country's presence abroad.
        DiplomaticPresence => "diplomatic_presence",
        /// Lasting schemes: scholarships, exchanges, grants, courses.
        Programmes => "programmes",
        /// Communities of one country's people living in the other.
        Diaspora => "diaspora",
        /// Press, broadcasting and the image of a country abroad.
        Media => "media",
        /// The relations as a whole.
        General => "general",
    }
}

/// The nearest CAMEO event code to an event kind, and the PLOVER event type for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeMapping {
    pub cameo: &'static str,
    pub plover: &'static str,
}

impl EventKind {
    /// The nearest CAMEO code and its PLOVER type, or `None` when CAMEO has nothing close
    /// (it codes no cultural events).
    pub fn codes(self) -> Option<CodeMapping> {
        let (cameo, plover) = match self {
            // 057 "Sign formal agreement".
            EventKind::AgreementSigned => ("057", "SUPPORT"),
            // 060 "Engage in material cooperation": founding an institution or a scheme
            // in the partner country is material cooperation.
            EventKind::InstitutionOpened | EventKind::ProgrammeLaunched => ("060", "COOPERATE"),
            // 040 "Consult": a conference is a meeting of the parties.
            EventKind::Conference => ("040", "CONSULT"),
            // 042 "Make a visit".
            EventKind::OfficialVisit => ("042", "CONSULT"),
            // 070 "Provide aid": a grant or scholarship is aid in kind.
            EventKind::GrantOrAward => ("070", "AID"),
            EventKind::SeasonOrFestival
            | EventKind::Exhibition
            | EventKind::Performance
            | EventKind::Screening
            | EventKind::LiteraryEvent
            | EventKind::Mobility
            | EventKind::Other => return None,
        };
        Some(CodeMapping { cameo, plover })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const CAMEO_CODES: &str = include_str!("../../../data/lookups/CAMEO.eventcodes.txt");
    const CAMEO2PLOVER: &str = include_str!("../../../data/lookups/CAMEO2PLOVER-2021.txt");

    #[test]
    fn words_round_trip_and_unknown_words_list_the_vocabulary() {
        for k in EventKind::ALL {
            assert_eq!(k.as_str().parse::<EventKind>().unwrap(), *k);
        }
        let err = "exhibit".parse::<EventKind>().unwrap_err();
        assert_eq!(err.what, "EventKind");
        assert!(err.to_string().starts_with("unknown event kind \"exhibit\"; expected one of: agreement_signed"));
        assert!(err.to_string().contains("exhibition"));
    }

    #[test]
    fn assessment_words_round_trip() {
        for c in AssessmentCategory::ALL {
            assert_eq!(c.as_str().parse::<AssessmentCategory>().unwrap(), *c);
        }
        for t in Topic::ALL {
            assert_eq!(t.as_str().parse::<Topic>().unwrap(), *t);
        }
        assert_eq!(AssessmentCategory::ALL.len(), 4);
        assert_eq!(Topic::ALL.len(), 13);
        assert_eq!(serde_json::to_value(Topic::BrainDrain).unwrap(), "brain_drain");
        let err = "threat".parse::<AssessmentCategory>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown assessment category \"threat\"; expected one of: strength, weakness, barrier, prospect"
        );
    }

    #[test]
    fn code_mappings_agree_with_the_lookup_tables() {
        let cameo: HashMap<&str, &str> =
            CAMEO_CODES.lines().skip(1).filter_map(|l| l.trim_end_matches('\r').split_once('\t')).collect();
        let plover: HashMap<&str, &str> = CAMEO2PLOVER
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(code, rest)| (code.trim(), rest.split(',').next().unwrap_or("").trim()))
            .collect();
        let mut mapped = 0;
        for kind in EventKind::ALL {
            if let Some(m) = kind.codes() {
                assert!(cameo.contains_key(m.cameo), "{kind}: CAMEO {} is not in CAMEO.eventcodes.txt", m.cameo);
                assert_eq!(plover.get(m.cameo), Some(&m.plover), "{kind}: PLOVER type of {}", m.cameo);
                mapped += 1;
            }
        }
        assert_eq!(mapped, 6);
    }
}
