//! entente's event coder: finds cultural-diplomacy events in English, French, Russian and
//! Kazakh text — two countries, an event of the ontology's kinds, its date, status and
//! quantity — and keeps the byte span of the evidence so a person can review each candidate.
//! It sits beside `entente-index`: pure computation over text, depending on the model only,
//! with its lexicons (`data/coder/`) compiled in and matched by Aho-Corasick automata built
//! once. The CLI and the review queue read files and store candidates; this crate does no I/O.
//!
//! ```
//! use entente_coder::{code, Doc, Options};
//! let doc = Doc::new("d1", "On 25 June 2019 Kazakhstan and France signed an agreement on cultural cooperation.");
//! let events = code(&doc, &Options::default());
//! assert_eq!(events[0].countries, ["FRA".to_string(), "KAZ".to_string()]);
//! assert_eq!(events[0].kind.as_str(), "agreement_signed");
//! assert_eq!(events[0].date.as_deref(), Some("2019-06-25"));
//! ```

mod dates;
mod lang;
mod lexicon;
mod morph;
pub mod sentence;
mod text;

use std::collections::{BTreeSet, HashMap};

use entente_model::ontology::{Domain, EventKind, Status};
use entente_model::{Candidate, PartialDate, Quantity};
use serde::{Deserialize, Serialize};

pub use lang::{Lang, detect};
pub use lexicon::check_lexicons;

use lexicon::{Hit, LangLexicon, Role, What, gazetteer, lexicon};

/// The version of the coder and its lexicons, stamped on every event.
pub const CODER_VERSION: &str = concat!("entente-coder ", env!("CARGO_PKG_VERSION"), " lexicon 2");

/// One input text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The input's id (a path, or the `id` of a JSON line).
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's date: relative dates ("last year") are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The language, when known; detected otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

impl Doc {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc { id: id.into(), text: text.into(), ..Doc::default() }
    }
}

/// How to code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Reads every document in this language, whatever its own `lang` or the detector says.
    pub lang: Option<Lang>,
    /// How many sentences on each side may lend the second country or a cultural cue.
    pub window: usize,
    /// Events below this confidence are dropped.
    pub min_confidence: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options { lang: None, window: 1, min_confidence: 0.0 }
    }
}

/// A candidate event found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodedEvent {
    /// The id of the document it was found in.
    pub doc: String,
    pub lang: Lang,
    /// ISO 3166-1 alpha-3 codes, sorted.
    pub countries: [String; 2],
    pub kind: EventKind,
    pub domains: Vec<Domain>,
    /// ISO 8601 at the precision of the text: `2019-06-25`, `2019-06`, `2019`.
    pub date: Option<String>,
    pub status: Status,
    /// A counted quantity and its unit (`513`, `students`).
    pub quantity: Option<(f64, String)>,
    /// Byte offsets of the evidence in the document's text (on character boundaries).
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    pub coder_version: String,
    /// The text of `start..end`.
    pub evidence: String,
    /// The words that made the event's kind, as written.
    pub trigger: String,
    /// The names in the evidence that stand for the two countries (the actors as written).
    #[serde(default)]
    pub mentions: Vec<CountryMention>,
    /// How many sentences reported this event (more than one after `dedup`).
    #[serde(default = "one")]
    pub reports: u32,
}

impl CodedEvent {
    /// The candidate a reviewer sees: this event with its document's URL and date.
    pub fn candidate(&self, doc: &Doc) -> Candidate {
        Candidate {
            doc: self.doc.clone(),
            url: doc.url.clone(),
            doc_date: doc.date,
            lang: self.lang.as_str().to_string(),
            countries: self.countries.clone(),
            kind: self.kind,
            domains: self.domains.clone(),
            date: self.date.as_deref().and_then(|d| d.parse().ok()),
            status: self.status,
            quantity: self.quantity.as_ref().map(|(value, unit)| Quantity { value: *value, unit: unit.clone() }),
            start: self.start,
            end: self.end,
            evidence: self.evidence.clone(),
            trigger: self.trigger.clone(),
            confidence: (f64::from(self.confidence) * 1000.0).round() / 1000.0,
            coder_version: self.coder_version.clone(),
        }
    }
}

fn one() -> u32 {
    1
}

/// The sentences of `text` read as `lang` (detected when `None`), as byte spans.
pub fn sentences(text: &str, lang: Option<Lang>) -> Vec<(usize, usize)> {
    let lang = lang.unwrap_or_else(|| detect(text));
    sentence::split(text, &lexicon(lang).abbreviations)
}

/// A name standing for a country in a text: byte span, ISO alpha-3 code, and what sort of
/// name it is (`name`, `adjective`, `place`, `institution`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMention {
    pub start: usize,
    pub end: usize,
    /// The name as written.
    pub text: String,
    pub country: String,
    pub role: String,
}

/// The country names of `text`, inflected forms, adjectives, capitals and institutions
/// included, in order.
pub fn country_mentions(text: &str) -> Vec<CountryMention> {
    let folded = text::fold(text);
    let mut hits = Vec::new();
    gazetteer().matcher.find(text, &folded, &mut hits);
    hits.iter()
        .filter_map(|h| match h.what {
            What::Country { country, role } => Some(mention(text, h.start, h.end, country, role)),
            _ => None,
        })
        .collect()
}

fn mention(text: &str, start: usize, end: usize, country: u16, role: Role) -> CountryMention {
    CountryMention {
        start,
        end,
        text: text[start..end].to_string(),
        country: gazetteer().codes[usize::from(country)].clone(),
        role: match role {
            Role::Name => "name",
            Role::Adjective => "adjective",
            Role::Place => "place",
            Role::Institution => "institution",
        }
        .to_string(),
    }
}

/// The hits of one sentence, split by meaning.
#[derive(Default)]
struct SentenceHits {
    countries: Vec<(usize, usize, u16, Role)>,
    triggers: Vec<Hit>,
    domains: Vec<Option<Domain>>,
    statuses: Vec<Status>,
    objects: Vec<EventKind>,
    ignored: Vec<(usize, usize)>,
}

/// Finds the events of one document.
pub fn code(doc: &Doc, opts: &Options) -> Vec<CodedEvent> {
    let text = doc.text.as_str();
    if text.trim().is_empty() {
        return Vec::new();
    }
    let lang = opts.lang.or(doc.lang).unwrap_or_else(|| detect(text));
    let lex = lexicon(lang);
    let folded = text::fold(text);
    // A bibliography names countries and events of other texts: it is not coded.
    let body = &text[..lex.body_end(&folded)];
    let folded = &folded[..body.len()];
    let sentences = sentence::split(body, &lex.abbreviations);
    if sentences.is_empty() {
        return Vec::new();
    }

    let mut hits = Vec::new();
    lex.matcher.find(body, folded, &mut hits);
    gazetteer().matcher.find(body, folded, &mut hits);
    hits.sort_by_key(|h| h.start);

    // Hits by sentence (sentences are in order and do not overlap).
    let mut per: Vec<SentenceHits> = Vec::with_capacity(sentences.len());
    per.resize_with(sentences.len(), SentenceHits::default);
    let mut s = 0;
    for h in &hits {
        while s < sentences.len() && sentences[s].1 <= h.start {
            s += 1;
        }
        if s == sentences.len() {
            break;
        }
        if h.start < sentences[s].0 || h.end > sentences[s].1 {
            continue;
        }
        let p = &mut per[s];
        match h.what {
            What::Country { country, role } => p.countries.push((h.start, h.end, country, role)),
            What::Trigger { .. } => p.triggers.push(*h),
            What::Domain(d) => p.domains.push(d),
            What::Status(st) => p.statuses.push(st),
            What::Object(kind) => p.objects.push(kind),
            What::Ignore => p.ignored.push((h.start, h.end)),
        }
    }

    for p in &mut per {
        let ignored = std::mem::take(&mut p.ignored);
        p.triggers.retain(|t| !ignored.iter().any(|&(a, b)| t.start < b && a < t.end));
    }

    let passage = Passage { doc, lang, lex, text, folded, sentences: &sentences, per: &per, opts };
    let mut events = Vec::new();
    for (i, sh) in per.iter().enumerate() {
        if sh.triggers.is_empty() {
            continue;
        }
        events.extend(code_sentence(&passage, i).into_iter().filter(|e| e.confidence >= opts.min_confidence));
    }
    other_yields(events)
}

/// Drops an `other` event when the same pair has an event of a definite kind within a few
/// sentences: "other" is what a passage is when nothing more precise is found.
fn other_yields(events: Vec<CodedEvent>) -> Vec<CodedEvent> {
    const NEAR: usize = 400;
    let definite: Vec<([String; 2], usize, usize)> =
        events.iter().filter(|e| e.kind != EventKind::Other).map(|e| (e.countries.clone(), e.start, e.end)).collect();
    events
        .into_iter()
        .filter(|e| {
            e.kind != EventKind::Other
                || !definite.iter().any(|(c, s, end)| *c == e.countries && e.start <= end + NEAR && *s <= e.end + NEAR)
        })
        .collect()
}

/// True when a country name at `cs..ce` stands right after the trigger at `ts..te` (right
/// before it when `before`), with at most a short word between ("Year of Russia", "Année de la
/// France", "Өзбекстан жылы").
fn beside(folded: &str, ts: usize, te: usize, cs: usize, ce: usize, before: bool) -> bool {
    let gap = if !before && cs >= te {
        folded.get(te..cs)
    } else if before && ce <= ts {
        folded.get(ce..ts)
    } else {
        return false;
    };
    gap.is_some_and(|g| {
        g.chars().count() <= 8 && g.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || c == '\'' || c == '’')
    })
}

/// A document as the coder reads it: its language and lexicon, its text and folded text,
/// its sentences' bounds and each sentence's hits.
#[derive(Clone, Copy)]
struct Passage<'a> {
    doc: &'a Doc,
    lang: Lang,
    lex: &'a LangLexicon,
    text: &'a str,
    folded: &'a str,
    sentences: &'a [(usize, usize)],
    per: &'a [SentenceHits],
    opts: &'a Options,
}

/// The events of sentence `i`, with its neighbours as context.
fn code_sentence(passage: &Passage<'_>, i: usize) -> Vec<CodedEvent> {
    let Passage { doc, lang, lex, text, folded, sentences, per, opts } = *passage;
    let here = &per[i];
    // Countries: those of the sentence, then those of its neighbours when one is missing.
    let mut counts: Vec<Mention> = Vec::new();
    for &(at, _, c, role) in &here.countries {
        note(&mut counts, c, at, 3, true, role);
    }
    // The window stays inside the paragraph: a blank line between sentences ends it.
    let same_paragraph =
        |j: usize| text.get(sentences[j].1..sentences[j + 1].0).is_none_or(|gap| !is_paragraph_break(gap));
    let mut lo = i;
    while lo > 0 && i - lo < opts.window && same_paragraph(lo - 1) {
        lo -= 1;
    }
    let mut hi = i;
    while hi + 1 < sentences.len() && hi - i < opts.window && same_paragraph(hi) {
        hi += 1;
    }
    // Only a sentence with a clear trigger may take its second country from a neighbour.
    let strong = here.triggers.iter().any(|t| weight(t) >= 4);
    if counts.len() < 2 && strong {
        for j in (lo..=hi).filter(|&j| j != i) {
            for &(at, _, c, role) in &per[j].countries {
                note(&mut counts, c, at, 1, false, role);
            }
        }
    }
    if counts.len() < 2 {
        return Vec::new();
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.3.cmp(&a.3)).then(a.2.cmp(&b.2)));

    // A cue may be in the sentence or the one before ("… the institute of French culture. … its opening").
    let cues_near = (i.saturating_sub(1)..=i).any(|j| !per[j].domains.is_empty());
    let mut triggers = here.triggers.clone();
    triggers.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.start.cmp(&b.start)));
    // An object may be in the sentence or the one before ("… the institute. … attended its opening").
    let has_object = |kind: EventKind| (i.saturating_sub(1)..=i).any(|j| per[j].objects.contains(&kind));
    // Kazakh puts the country before the word ("Өзбекстан жылы"), the others after ("Year of
    // Russia", "Год России"); a place is not a country's name here ("2014 жылы Алматыда").
    let before = lang == Lang::Kk;
    let beside = |t: &Hit| {
        here.countries.iter().any(|&(s, e, _, role)| {
            matches!(role, Role::Name | Role::Adjective) && beside(folded, t.start, t.end, s, e, before)
        })
    };
    let satisfied = |t: &&Hit| match t.what {
        What::Trigger { kind, needs_domain, needs_object, beside_country, only_beside, .. } => {
            let beside = beside_country && beside(t);
            (!needs_domain || cues_near || beside) && (!needs_object || has_object(kind)) && (!only_beside || beside)
        }
        _ => false,
    };
    // The kind a trigger gives, turned by the sentence's domain where the lexicon says so.
    let kind_of = |t: &Hit| match t.what {
        What::Trigger { kind, weight, .. } => {
            let kind = lex
                .by_domain
                .get(&kind)
                .and_then(|turns| turns.iter().find(|(d, _)| here.domains.contains(&Some(*d))))
                .map_or(kind, |(_, k)| *k);
            Some((kind, weight))
        }
        _ => None,
    };
    // The strongest trigger makes the event; a trigger of another definite kind in the same
    // sentence makes a second one ("the exhibition opening marked the beginning of the Year of
    // Russia"), except beside an agreement, whose text names what it covers, not what happened.
    let mut chosen: Vec<(&Hit, EventKind, u8)> = Vec::new();
    for t in triggers.iter().filter(satisfied) {
        let Some((kind, w)) = kind_of(t) else { continue };
        let secondary_ok = |k: EventKind| {
            // Kinds that lean on a neighbour's object or are catch-alls are never second.
            !matches!(
                k,
                EventKind::Other
                    | EventKind::OfficialVisit
                    | EventKind::AgreementSigned
                    | EventKind::InstitutionOpened
                    | EventKind::ProgrammeLaunched
            ) && chosen.first().is_some_and(|c| c.1 != EventKind::AgreementSigned)
        };
        if chosen.is_empty() || (!chosen.iter().any(|c| c.1 == kind) && secondary_ok(kind)) {
            chosen.push((t, kind, w));
        }
    }
    if chosen.is_empty() {
        return Vec::new();
    }
    let status = if here.statuses.contains(&Status::Cancelled) && here.statuses.contains(&Status::Online) {
        Status::PartlyOnline
    } else {
        [Status::Cancelled, Status::Postponed, Status::Online, Status::Planned]
            .into_iter()
            .find(|s| here.statuses.contains(s))
            .unwrap_or(Status::Held)
    };
    let (a, b) = sentences[i];
    let quantity = dates::find_quantity(&folded[a..b], lex);

    let pairs = pairs_of(&counts);
    let several = pairs.len() > 1;
    let mut out = Vec::with_capacity(pairs.len() * chosen.len());
    for (rank, &(trigger, kind, trigger_weight)) in chosen.iter().enumerate() {
        for &pair in &pairs {
            let mut span = (i, i);
            for c in pair {
                if !c.3 {
                    // Widen the evidence to the neighbour that names this country.
                    if let Some(j) = (lo..=hi).find(|&j| per[j].countries.iter().any(|x| x.2 == c.0)) {
                        span.0 = span.0.min(j);
                        span.1 = span.1.max(j);
                    }
                }
            }
            let mut domains: BTreeSet<Domain> =
                (span.0..=span.1).flat_map(|j| per[j].domains.iter().flatten().copied()).collect();
            if domains.is_empty() {
                domains.extend(lex.default_domains.get(&kind).into_iter().flatten().copied());
            }

            // The date nearest the trigger in the sentence, else in the evidence, else a relative one.
            let nearest = |from: usize, to: usize| {
                let found = dates::find_dates(&folded[from..to], lex);
                found.into_iter().min_by_key(|d| (from + d.start).abs_diff(trigger.start)).map(|d| d.date)
            };
            let mut date = nearest(a, b);
            if date.is_none() && span != (i, i) {
                date = nearest(sentences[span.0].0, sentences[span.1].1);
            }
            if date.is_none()
                && let Some(article) = doc.date
            {
                date = dates::relative_year(&folded[a..b], lex, article.year).map(|(_, _, y)| PartialDate::year(y));
            }

            let (start, end) = (sentences[span.0].0, sentences[span.1].1);
            let both_inside = pair[0].3 && pair[1].3;
            let named = pair.iter().any(|c| matches!(c.4, Role::Name | Role::Institution));
            let mut confidence = 0.4f32;
            confidence += if both_inside { 0.2 } else { 0.05 };
            confidence += if named { 0.1 } else { 0.0 };
            confidence += if here.domains.is_empty() { 0.0 } else { 0.1 };
            confidence += if trigger_weight >= 6 || trigger.end - trigger.start > 12 { 0.1 } else { 0.05 };
            confidence += if date.is_some() { 0.05 } else { 0.0 };
            // One sentence, several pairs: each pair is a little less sure than a sentence of two.
            confidence -= if several { 0.05 } else { 0.0 };
            // A second kind in one sentence is less sure than the sentence's strongest.
            confidence -= if rank > 0 { 0.1 } else { 0.0 };
            let mentions = (span.0..=span.1)
                .flat_map(|j| per[j].countries.iter())
                .filter(|m| m.2 == pair[0].0 || m.2 == pair[1].0)
                .map(|&(s, e, c, role)| mention(text, s, e, c, role))
                .collect();
            let mut countries =
                [gazetteer().codes[usize::from(pair[0].0)].clone(), gazetteer().codes[usize::from(pair[1].0)].clone()];
            countries.sort();
            out.push(CodedEvent {
                doc: doc.id.clone(),
                lang,
                countries,
                kind,
                domains: domains.into_iter().collect(),
                date: date.map(|d| d.to_string()),
                status,
                quantity: quantity.clone(),
                start,
                end,
                confidence: confidence.min(0.99),
                coder_version: CODER_VERSION.to_string(),
                evidence: text[start..end].to_string(),
                trigger: text[trigger.start..trigger.end].to_string(),
                mentions,
                reports: 1,
            });
        }
    }
    out
}

/// Most countries a sentence may name for its event to be read as one among all of them.
const MAX_PARTIES: usize = 5;

/// The pairs an event joins. Two countries: that pair. Three to five named in the sentence
/// itself: when exactly one of them is there only as a place (the host: "troupes from France,
/// Brazil and Russia … in Arqa"), it with each other one; otherwise every pair (a multilateral
/// event). Otherwise the two most mentioned.
fn pairs_of(counts: &[Mention]) -> Vec<[Mention; 2]> {
    let inside: Vec<Mention> = counts.iter().copied().filter(|c| c.3).collect();
    if !(3..=MAX_PARTIES).contains(&inside.len()) {
        return vec![[counts[0], counts[1]]];
    }
    let places: Vec<&Mention> = inside.iter().filter(|c| c.4 == Role::Place).collect();
    if let [host] = places.as_slice() {
        return inside.iter().filter(|c| c.0 != host.0).map(|c| [**host, *c]).collect();
    }
    let mut out = Vec::new();
    for (k, a) in inside.iter().enumerate() {
        for b in &inside[k + 1..] {
            out.push([*a, *b]);
        }
    }
    out
}

/// True when the whitespace between two sentences holds a blank line.
fn is_paragraph_break(gap: &str) -> bool {
    gap.bytes().filter(|&b| b == b'\n').count() >= 2
}

/// A country named near a trigger: (country, weight, first offset, named in the sentence itself, best role).
type Mention = (u16, usize, usize, bool, Role);

fn note(counts: &mut Vec<Mention>, country: u16, at: usize, weight: usize, inside: bool, role: Role) {
    if let Some(c) = counts.iter_mut().find(|c| c.0 == country) {
        c.1 += weight;
        c.2 = c.2.min(at);
        c.3 |= inside;
        c.4 = c.4.min(role);
    } else {
        counts.push((country, weight, at, inside, role));
    }
}

fn weight(h: &Hit) -> u8 {
    if let What::Trigger { weight, .. } = h.what { weight } else { 0 }
}

/// True when two dates may be the same day: equal, or one a prefix of the other (`2019`, `2019-06-25`).
fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
        _ => true,
    }
}

/// How far apart (in bytes) two undated reports in one document may be and still be one event.
const NEAR: usize = 600;

/// Merges the same event reported in several sentences, documents or languages of a batch:
/// same country pair, same kind, compatible dates — and, when either is undated, reports close
/// together in the same document (an undated sentence is not matched with any dated event). The merged event keeps the evidence of its
/// most precise (then most confident) report, the union of domains, the first quantity, and
/// counts its reports; its confidence rises a little with each further report.
pub fn dedup(events: Vec<CodedEvent>) -> Vec<CodedEvent> {
    type Key = ([String; 2], EventKind);
    let mut out: Vec<CodedEvent> = Vec::new();
    // Dated events by pair, kind and year; every event by pair, kind and document, for the
    // undated rule, which only looks at the last few.
    let mut by_year: HashMap<(Key, i32), Vec<usize>> = HashMap::new();
    let mut by_doc: HashMap<(Key, String), Vec<usize>> = HashMap::new();
    for e in events {
        let key: Key = (e.countries.clone(), e.kind);
        let dated = |o: &CodedEvent| o.date.is_some() && e.date.is_some() && compatible(&o.date, &e.date);
        let near = |o: &CodedEvent| {
            o.doc == e.doc
                && e.start.abs_diff(o.end).min(o.start.abs_diff(e.end)) <= NEAR
                && compatible(&o.date, &e.date)
        };
        let year_key = year_of(&e.date).map(|y| (key.clone(), y));
        let doc_key = (key.clone(), e.doc.clone());
        let found = year_key
            .as_ref()
            .and_then(|k| by_year.get(k))
            .and_then(|c| c.iter().rev().copied().find(|&i| dated(&out[i])))
            .or_else(|| by_doc.get(&doc_key).and_then(|c| c.iter().rev().take(8).copied().find(|&i| near(&out[i]))));
        let Some(i) = found else {
            let i = out.len();
            if let Some(k) = year_key {
                by_year.entry(k).or_default().push(i);
            }
            by_doc.entry(doc_key).or_default().push(i);
            out.push(e);
            continue;
        };
        let o = &mut out[i];
        let precision = |d: &Option<String>| d.as_ref().map_or(0, String::len);
        let reports = o.reports + e.reports;
        let domains: BTreeSet<Domain> = o.domains.iter().chain(&e.domains).copied().collect();
        let quantity = o.quantity.take().or_else(|| e.quantity.clone());
        let had_year = year_of(&o.date);
        if (precision(&e.date), e.confidence) > (precision(&o.date), o.confidence) {
            *o = e;
        }
        o.reports = reports;
        o.domains = domains.into_iter().collect();
        o.quantity = quantity;
        o.confidence = (o.confidence + 0.05 * (reports - 1).min(4) as f32).min(0.99);
        // An undated event that took a date is now found by its year too.
        if let Some(y) = year_of(&o.date)
            && had_year != Some(y)
        {
            by_year.entry((key, y)).or_default().push(i);
        }
    }
    out
}

fn year_of(date: &Option<String>) -> Option<i32> {
    date.as_ref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}
