//! Interface strings in English, French, Russian and Kazakh, from the Fluent message files
//! in `crates/report/locales/{lang}/entente.ftl` (compiled in). Plural forms follow CLDR's
//! rules for each language (through `fluent-bundle` and `intl_pluralrules`): a count is passed
//! as a number and the message picks its form, so Russian says "1 событие, 2 события,
//! 5 событий" and French "0 événement, 2 événements".
//!
//! ```
//! use entente_report::i18n::{tr, tr_args};
//! assert_eq!(tr("fr", "records"), "Fiches");
//! assert_eq!(tr_args("ru", "event_count", &[("n", 21.into())]), "21 событие");
//! assert_eq!(tr_args("ru", "event_count", &[("n", 5.into())]), "5 событий");
//! ```
//!
//! A test (`tests/i18n.rs`) reads every call of [`tr`] and [`tr_args`] in the report, web and
//! CLI crates and checks that its message exists in the four files with the arguments given,
//! so a missing message cannot reach a page.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A value passed to a message: a number (which selects plural forms) or text.
pub use fluent_bundle::FluentValue as Arg;

/// The interface languages, in the order the language switcher lists them.
pub const LANGS: [&str; 4] = ["en", "fr", "ru", "kk"];

/// The message files, one per language, in the order of [`LANGS`].
pub const SOURCES: [(&str, &str); 4] = [
    ("en", include_str!("../locales/en/entente.ftl")),
    ("fr", include_str!("../locales/fr/entente.ftl")),
    ("ru", include_str!("../locales/ru/entente.ftl")),
    ("kk", include_str!("../locales/kk/entente.ftl")),
];

/// One bundle per language, built on first use and shared by every thread (the concurrent
/// bundle's formatter cache is behind a mutex).
struct Bundles {
    bundles: Vec<(&'static str, FluentBundle<FluentResource>)>,
    /// What went wrong while reading the files: empty unless a file has a syntax error or
    /// defines a message twice (the tests fail then).
    problems: Vec<String>,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| {
    let mut problems = Vec::new();
    let bundles = SOURCES
        .iter()
        .map(|&(code, source)| {
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(resource, errors)| {
                problems.extend(errors.iter().map(|e| format!("locales/{code}/entente.ftl: {e:?}")));
                resource
            });
            let id: LanguageIdentifier = code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Fluent wraps every argument in Unicode bidi isolation marks (FSI … PDI) by
            // default; the output is HTML, Markdown and terminal text in left-to-right
            // languages, where the marks would only be invisible noise in copies and tests.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                problems.extend(errors.iter().map(|e| format!("locales/{code}/entente.ftl: {e}")));
            }
            (code, bundle)
        })
        .collect();
    Bundles { bundles, problems }
});

fn bundle(lang: &str) -> &'static FluentBundle<FluentResource> {
    let bundles = &BUNDLES.bundles;
    let found = bundles.iter().find(|(code, _)| *code == lang).or_else(|| bundles.first());
    let (_, b) = found.expect("SOURCES lists four languages, so there is always a bundle");
    b
}

/// The problems found while reading the message files (syntax errors, messages defined
/// twice), each naming its file. Empty when all is well.
pub fn load_problems() -> &'static [String] {
    &BUNDLES.problems
}

/// The message `id` in `lang` formatted with `args`, and the errors Fluent met (an argument
/// the message needs and was not given); `None` when there is no such message.
fn render(lang: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Option<(Cow<'static, str>, Vec<String>)> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let fluent_args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            a.set(*name, value.clone());
        }
        a
    });
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
    Some((text, errors.iter().map(ToString::to_string).collect()))
}

/// The message `id` in `lang` with `args`, or what went wrong: no such message, or an
/// argument the message needs and was not given.
pub fn format(lang: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Result<Cow<'static, str>, String> {
    match render(lang, id, args) {
        None => Err(format!("{lang}: no message \"{id}\"")),
        Some((text, errors)) if errors.is_empty() => Ok(text),
        Some((_, errors)) => Err(format!("{lang}: message \"{id}\": {}", errors.join("; "))),
    }
}

/// The interface string `id` in `lang` (a message without arguments). A language that is not
/// one of [`LANGS`] gets English; a message that does not exist gives its id, which the
/// tests rule out.
pub fn tr(lang: &str, id: &str) -> Cow<'static, str> {
    lookup(lang, id, &[])
}

/// The interface string `id` in `lang` with its arguments: `tr_args(lang, "event_count",
/// &[("n", n.into())])`. Counts are passed as numbers so the message can choose the plural
/// form. A missing argument never panics: Fluent writes its name in braces instead.
pub fn tr_args(lang: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Cow<'static, str> {
    lookup(lang, id, args)
}

/// The text of `id`, whatever went wrong: Fluent's best effort, or the id itself.
fn lookup(lang: &str, id: &str, args: &[(&str, Arg<'_>)]) -> Cow<'static, str> {
    match render(lang, id, args) {
        Some((text, _)) => text,
        None => Cow::Owned(id.to_string()),
    }
}

/// The name of an interface language in itself ("Français" for `fr`).
pub fn lang_name(lang: &str) -> Cow<'static, str> {
    tr(lang, "language_name")
}

/// A language asked for that entente does not speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedLanguage {
    pub asked: String,
}

impl UnsupportedLanguage {
    /// The supported languages, each with its name: "en (English), fr (Français), …".
    pub fn supported() -> String {
        LANGS.iter().map(|l| format!("{l} ({})", lang_name(l))).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for UnsupportedLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr_args(
            "en",
            "unsupported_language",
            &[("lang", self.asked.as_str().into()), ("supported", Self::supported().into())],
        ))
    }
}

impl std::error::Error for UnsupportedLanguage {}

/// The interface language `code` (case and surrounding spaces ignored); English when none is
/// given; an error naming the supported languages for any other.
pub fn lang(code: Option<&str>) -> Result<&'static str, UnsupportedLanguage> {
    let Some(asked) = code.map(str::trim).filter(|c| !c.is_empty()) else { return Ok("en") };
    LANGS
        .iter()
        .find(|l| l.eq_ignore_ascii_case(asked))
        .copied()
        .ok_or_else(|| UnsupportedLanguage { asked: asked.to_string() })
}

/// The message ids of codes (a finding's category and status, a topic, a value's status, an
/// event's setting, a claim's verdict, a flow's direction, a review state, a search facet), by
/// kind and code. [`tr_code`] reads it; the tests check that every id exists.
pub const CODE_MESSAGES: &[(&str, &str, &str)] = &[
    ("status", "supported", "status_supported"),
    ("status", "contradicted", "status_contradicted"),
    ("status", "no_data", "status_no_data"),
    ("category", "strength", "strength"),
    ("category", "weakness", "weakness"),
    ("category", "barrier", "barrier"),
    ("category", "prospect", "prospect"),
    ("categories", "strength", "strengths"),
    ("categories", "weakness", "weaknesses"),
    ("categories", "barrier", "barriers"),
    ("categories", "prospect", "prospects"),
    ("topic", "education_ranking", "topic_education_ranking"),
    ("topic", "distance_cost", "topic_distance_cost"),
    ("topic", "language", "topic_language"),
    ("topic", "brain_drain", "topic_brain_drain"),
    ("topic", "student_mobility", "topic_student_mobility"),
    ("topic", "institutions", "topic_institutions"),
    ("topic", "events", "topic_events"),
    ("topic", "agreements", "topic_agreements"),
    ("topic", "diplomatic_presence", "topic_diplomatic_presence"),
    ("topic", "programmes", "topic_programmes"),
    ("topic", "diaspora", "topic_diaspora"),
    ("topic", "media", "topic_media"),
    ("topic", "general", "topic_general"),
    ("value", "observed", "observed"),
    ("value", "zero_by_rule", "zero_by_rule"),
    ("value", "missing", "missing"),
    ("value", "excluded", "excluded"),
    ("setting", "internal", "internal"),
    ("setting", "external", "external"),
    ("setting", "third_country", "third_country"),
    ("verdict", "supported", "supported"),
    ("verdict", "contradicted", "contradicted"),
    ("verdict", "not_comparable", "not_comparable"),
    ("verdict", "no_data", "no_data"),
    ("flow", "outbound", "outbound"),
    ("flow", "inbound", "inbound"),
    ("review_state", "pending", "state_pending"),
    ("review_state", "accepted", "state_accepted"),
    ("review_state", "rejected", "state_rejected"),
    ("review_state", "all", "state_all"),
    ("facet", "kind", "kind"),
    ("facet", "domain", "domain"),
    ("facet", "status", "status"),
    ("facet", "year", "year"),
    ("facet", "origin", "origin"),
    ("facet", "dataset", "dataset"),
];

/// The interface string of a code of kind `kind` (see [`CODE_MESSAGES`]); the code itself
/// when it has none (a topic a newer rules file added, say).
pub fn tr_code(lang: &str, kind: &str, code: &str) -> String {
    match CODE_MESSAGES.iter().find(|(k, c, _)| *k == kind && *c == code) {
        Some((_, _, id)) => lookup(lang, id, &[]).into_owned(),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_not_guessed() {
        assert_eq!(lang(None), Ok("en"));
        assert_eq!(lang(Some("")), Ok("en"));
        assert_eq!(lang(Some("ru")), Ok("ru"));
        assert_eq!(lang(Some(" KK ")), Ok("kk"));
        let err = lang(Some("de")).unwrap_err();
        assert_eq!(err.asked, "de");
        let text = err.to_string();
        assert!(text.contains("\"de\""), "{text}");
        for l in ["en (English)", "fr (Français)", "ru (Русский)", "kk (Қазақша)"] {
            assert!(text.contains(l), "{text} lacks {l}");
        }
    }

    #[test]
    fn a_missing_message_or_argument_is_an_error_and_never_a_panic() {
        assert_eq!(tr("kk", "timeline"), "Хронология");
        assert_eq!(tr("xx", "records"), "Records");
        assert_eq!(tr("en", "no-such-message"), "no-such-message");
        assert!(format("en", "no-such-message", &[]).is_err());
        assert!(format("ru", "event_count", &[]).is_err());
        // The best effort still names the count's place.
        assert!(tr("ru", "event_count").contains("{$n}"), "{}", tr("ru", "event_count"));
    }

    #[test]
    fn every_category_status_and_topic_has_words_in_each_language() {
        for l in LANGS {
            for c in ["strength", "weakness", "barrier", "prospect"] {
                assert!(!tr_code(l, "category", c).is_empty() && !tr_code(l, "categories", c).is_empty());
            }
            for t in entente_model::ontology::Topic::ALL {
                let word = tr_code(l, "topic", t.as_str());
                assert!(!word.contains('_'), "{l}: topic {} has no words", t.as_str());
            }
            for s in ["supported", "contradicted", "no_data"] {
                assert!(!tr_code(l, "status", s).contains('_'), "{l} {s}");
            }
        }
        assert_eq!(tr_code("ru", "categories", "barrier"), "Барьеры");
        assert_eq!(tr_code("kk", "status", "supported"), "расталады");
        assert_eq!(tr_code("fr", "topic", "unknown_topic"), "unknown_topic");
    }
}
