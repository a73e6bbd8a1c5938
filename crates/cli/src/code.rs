//! `entente code` (events coded from text files, JSON lines of articles or stdin) and
//! `entente eval-coder` (the coder scored against a gold set). Reading, checking and
//! printing only: the coding is `entente_coder`'s.
//!
//! Bad input is reported on stderr as `input:line: reason` and skipped; the rest of the batch
//! is still read.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use entente_coder::{CodedEvent, Doc, Lang, Options, code, dedup};
use entente_model::PartialDate;
use entente_model::ontology::EventKind;
use entente_store::Store;
use serde::Serialize;
use serde_json::Value;

use crate::output;

/// `--lang` of `entente code`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// Each document's own `lang`, else detected
    Auto,
    En,
    Fr,
    Ru,
    Kk,
}

impl LangArg {
    fn lang(self) -> Option<Lang> {
        match self {
            LangArg::Auto => None,
            LangArg::En => Some(Lang::En),
            LangArg::Fr => Some(Lang::Fr),
            LangArg::Ru => Some(Lang::Ru),
            LangArg::Kk => Some(Lang::Kk),
        }
    }
}

/// `--format` of `entente code`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CodeFormat {
    /// One JSON object per event
    Jsonl,
    /// Aligned columns for reading
    Table,
}

/// `--format` of `entente eval-coder`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

/// `--split` of `entente eval-coder`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Split {
    All,
    Tune,
    Heldout,
}

/// Parses `--date`.
pub fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse::<PartialDate>().map_err(|e| format!("{e} (expected YYYY-MM-DD, YYYY-MM or YYYY)"))
}

/// Reads one input whole: a path, or `-` for stdin.
fn read_input(name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| format!("{name}: cannot read: {e}"))?;
    } else {
        let path = Path::new(name);
        if path.is_dir() {
            return Err(format!("{name}: is a folder, not a file"));
        }
        bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    }
    Ok(bytes)
}

/// The 1-based line holding byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Checks what every input must be: not empty, not binary.
fn check_bytes(name: &str, bytes: &[u8]) -> Result<(), String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("{name}:1: empty input (no text to code)"));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("{name}:{}: binary data (a NUL byte), not text", line_of(bytes, at)));
    }
    Ok(())
}

fn utf8<'a>(name: &str, bytes: &'a [u8], first_line: usize) -> Result<&'a str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        format!(
            "{name}:{}: invalid UTF-8 (byte {} of the line); convert the text to UTF-8",
            first_line + line_of(bytes, at) - 1,
            at - line_start + 1
        )
    })
}

/// Whether an input is JSON lines: a `.jsonl` name, or a first non-blank character `{`.
fn is_jsonl(name: &str, bytes: &[u8]) -> bool {
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    ext.as_deref() == Some("jsonl") || bom.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// The lines of `bytes` with their 1-based numbers, `\r` stripped, blank ones left out.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes.split(|&b| b == b'\n').enumerate().filter_map(|(i, l)| {
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        let l = if i == 0 { l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l) } else { l };
        (!l.iter().all(u8::is_ascii_whitespace)).then_some((i + 1, l))
    })
}

fn json_object(line: &[u8], name: &str, n: usize) -> Result<serde_json::Map<String, Value>, String> {
    let text = utf8(name, line, n)?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("{name}:{n}: not a JSON object")),
        Err(e) => Err(format!("{name}:{n}: malformed JSON: {e}")),
    }
}

fn opt_str<'a>(
    map: &'a serde_json::Map<String, Value>,
    key: &str,
    name: &str,
    n: usize,
) -> Result<Option<&'a str>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(format!("{name}:{n}: \"{key}\" is not a string")),
    }
}

fn opt_date(map: &serde_json::Map<String, Value>, name: &str, n: usize) -> Result<Option<PartialDate>, String> {
    opt_str(map, "date", name, n)?
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse::<PartialDate>().map_err(|e| format!("{name}:{n}: bad \"date\" {s:?}: {e}")))
        .transpose()
}

fn required_text(map: &serde_json::Map<String, Value>, name: &str, n: usize) -> Result<String, String> {
    match opt_str(map, "text", name, n)? {
        None => Err(format!("{name}:{n}: no \"text\" field")),
        Some(t) if t.trim().is_empty() => Err(format!("{name}:{n}: empty \"text\"")),
        Some(t) => Ok(t.to_string()),
    }
}

fn id_of(map: &serde_json::Map<String, Value>, name: &str, n: usize) -> String {
    match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(x)) => x.to_string(),
        _ => format!("{name}:{n}"),
    }
}

/// One article of a JSON-lines input.
fn article(line: &[u8], name: &str, n: usize, default_date: Option<PartialDate>) -> Result<Doc, String> {
    let map = json_object(line, name, n)?;
    let text = required_text(&map, name, n)?;
    let url = opt_str(&map, "url", name, n)?.map(str::to_string);
    let date = opt_date(&map, name, n)?.or(default_date);
    Ok(Doc { id: id_of(&map, name, n), text, url, date, lang: None })
}

/// The documents of one input, with the errors met reading it.
fn documents(name: &str, default_date: Option<PartialDate>) -> (Vec<Doc>, Vec<String>) {
    let bytes = match read_input(name).and_then(|b| check_bytes(name, &b).map(|()| b)) {
        Ok(b) => b,
        Err(e) => return (Vec::new(), vec![e]),
    };
    if is_jsonl(name, &bytes) {
        let (mut docs, mut errors) = (Vec::new(), Vec::new());
        for (n, line) in lines(&bytes) {
            match article(line, name, n, default_date) {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e),
            }
        }
        return (docs, errors);
    }
    match utf8(name, &bytes, 1) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let doc = Doc { id: name.to_string(), text: text.to_string(), url: None, date: default_date, lang: None };
            (vec![doc], Vec::new())
        }
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// `entente code`.
/// With `queue`, the events found are also queued for review in that store.
pub fn run_code(
    inputs: &[String],
    lang: LangArg,
    format: CodeFormat,
    date: Option<PartialDate>,
    queue: Option<&mut Store>,
) -> Result<ExitCode> {
    let opts = Options { lang: lang.lang(), ..Options::default() };
    let mut events = Vec::new();
    let mut read = 0usize;
    // The documents' URLs and dates, which candidates carry (the text itself is not kept).
    let mut origins: HashMap<String, Doc> = HashMap::new();
    for name in inputs {
        let (docs, errors) = documents(name, date);
        for e in errors {
            eprintln!("{e}");
        }
        read += docs.len();
        for doc in docs {
            events.extend(code(&doc, &opts));
            if queue.is_some() {
                origins.insert(doc.id.clone(), Doc { text: String::new(), ..doc });
            }
        }
    }
    let events = dedup(events);
    if let Some(store) = queue {
        let candidates: Vec<_> = events
            .iter()
            .map(|e| e.candidate(origins.get(&e.doc).unwrap_or(&Doc::new(e.doc.clone(), String::new()))))
            .collect();
        let queued = store.queue_candidates(&candidates)?;
        eprintln!(
            "Queued {} new candidate(s) for review ({} already queued or decided); see them with `entente review list`.",
            queued.added, queued.known
        );
    }
    match format {
        CodeFormat::Jsonl => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for e in &events {
                serde_json::to_writer(&mut out, e).context("writing an event")?;
                writeln!(out)?;
            }
            out.flush()?;
        }
        CodeFormat::Table => print_events_table(&events)?,
    }
    if read == 0 {
        eprintln!("error: no input could be read");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn print_events_table(events: &[CodedEvent]) -> Result<()> {
    let mut t = output::table(&["doc", "lang", "countries", "kind", "date", "status", "confidence", "evidence"]);
    for e in events {
        t.add_row(vec![
            e.doc.clone(),
            e.lang.to_string(),
            e.countries.join("–"),
            e.kind.as_str().to_string(),
            e.date.clone().unwrap_or_default(),
            e.status.as_str().to_string(),
            format!("{:.2}", e.confidence),
            shorten(&e.evidence, 90),
        ]);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{t}")?;
    writeln!(out, "{} event(s)", events.len())?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// eval-coder

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    fn scores(&self) -> Scores {
        Scores { counts: *self, precision: self.precision(), recall: self.recall(), f1: self.f1() }
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Counts with precision, recall and F1 (null when undefined: nothing predicted, nothing gold).
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    #[serde(flatten)]
    pub counts: Counts,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// A part of the gold set scored.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub passages: usize,
    pub overall: Scores,
    pub kinds: BTreeMap<String, Scores>,
    pub langs: BTreeMap<String, Scores>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub gold: String,
    pub coder_version: String,
    pub split: String,
    /// Lines that could not be read and were left out of the counts.
    pub skipped: usize,
    /// The passages of `--split`.
    #[serde(flatten)]
    pub selected: Part,
    /// The held-out and tuning parts on their own.
    pub splits: BTreeMap<String, Part>,
}

type EventKey = (BTreeSet<String>, EventKind);

struct Passage {
    lang: Lang,
    split: String,
    /// Counts per kind for this passage.
    kinds: BTreeMap<EventKind, Counts>,
}

fn gold_events(map: &serde_json::Map<String, Value>, name: &str, n: usize) -> Result<Vec<EventKey>, String> {
    let events = match map.get("events") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(format!("{name}:{n}: \"events\" is not a list")),
    };
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let bad = |why: &str| format!("{name}:{n}: event {}: {why}", i + 1);
        let countries: BTreeSet<String> = match e.get("countries").and_then(Value::as_array) {
            Some(c) if !c.is_empty() => c
                .iter()
                .map(|x| x.as_str().map(|s| s.trim().to_ascii_uppercase()))
                .collect::<Option<_>>()
                .ok_or_else(|| bad("\"countries\" must be strings"))?,
            _ => return Err(bad("no \"countries\" list")),
        };
        let kind = e.get("kind").and_then(Value::as_str).ok_or_else(|| bad("no \"kind\""))?;
        let kind = kind.parse::<EventKind>().map_err(|err| bad(&err.to_string()))?;
        out.push((countries, kind));
    }
    Ok(out)
}

/// Reads and scores one gold line.
fn score_line(line: &[u8], name: &str, n: usize) -> Result<Passage, String> {
    let map = json_object(line, name, n)?;
    let text = required_text(&map, name, n)?;
    let lang = match opt_str(&map, "lang", name, n)? {
        Some(code) => Lang::from_code(code).ok_or_else(|| format!("{name}:{n}: unknown \"lang\" {code:?}"))?,
        None => entente_coder::detect(&text),
    };
    let split = opt_str(&map, "split", name, n)?.unwrap_or("tune").trim().to_ascii_lowercase();
    let date = opt_date(&map, name, n)?;
    let gold = gold_events(&map, name, n)?;
    let doc = Doc { id: id_of(&map, name, n), text, url: None, date, lang: Some(lang) };
    let predicted = dedup(code(&doc, &Options { lang: Some(lang), ..Options::default() }));
    let mut kinds: BTreeMap<EventKind, Counts> = BTreeMap::new();
    let mut matched = vec![false; gold.len()];
    for p in &predicted {
        let key: EventKey = (p.countries.iter().cloned().collect(), p.kind);
        let hit = gold.iter().enumerate().position(|(i, g)| !matched[i] && *g == key);
        let c = kinds.entry(p.kind).or_default();
        match hit {
            Some(i) => {
                matched[i] = true;
                c.tp += 1;
            }
            None => c.fp += 1,
        }
    }
    for (g, _) in gold.iter().zip(&matched).filter(|(_, m)| !**m) {
        kinds.entry(g.1).or_default().fn_ += 1;
    }
    Ok(Passage { lang, split, kinds })
}

fn part<'a>(passages: impl Iterator<Item = &'a Passage>) -> Part {
    let mut overall = Counts::default();
    let mut kinds: BTreeMap<String, Counts> = BTreeMap::new();
    let mut langs: BTreeMap<String, Counts> = BTreeMap::new();
    let mut count = 0;
    for p in passages {
        count += 1;
        let lang = langs.entry(p.lang.to_string()).or_default();
        for (k, c) in &p.kinds {
            overall.add(*c);
            lang.add(*c);
            kinds.entry(k.as_str().to_string()).or_default().add(*c);
        }
    }
    Part {
        passages: count,
        overall: overall.scores(),
        kinds: kinds.into_iter().map(|(k, c)| (k, c.scores())).collect(),
        langs: langs.into_iter().map(|(k, c)| (k, c.scores())).collect(),
    }
}

fn split_name(split: Split) -> &'static str {
    match split {
        Split::All => "all",
        Split::Tune => "tune",
        Split::Heldout => "heldout",
    }
}

/// Scores the coder on a gold file; errors only when the file cannot be read at all.
pub fn evaluate(path: &Path, split: Split) -> Result<Evaluation> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read the gold set"))?;
    let mut passages = Vec::new();
    let mut skipped = 0;
    for (n, line) in lines(&bytes) {
        match score_line(line, &name, n) {
            Ok(p) => passages.push(p),
            Err(e) => {
                eprintln!("{e} (line skipped)");
                skipped += 1;
            }
        }
    }
    let wanted = |p: &&Passage| split == Split::All || p.split == split_name(split);
    let splits = ["tune", "heldout"]
        .into_iter()
        .map(|s| (s.to_string(), part(passages.iter().filter(|p| p.split == s))))
        .collect();
    Ok(Evaluation {
        gold: name,
        coder_version: entente_coder::CODER_VERSION.to_string(),
        split: split_name(split).to_string(),
        skipped,
        selected: part(passages.iter().filter(wanted)),
        splits,
    })
}

fn fmt_score(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"))
}

fn score_row(scope: &str, s: &Scores) -> Vec<String> {
    vec![
        scope.to_string(),
        s.counts.tp.to_string(),
        s.counts.fp.to_string(),
        s.counts.fn_.to_string(),
        fmt_score(s.precision),
        fmt_score(s.recall),
        fmt_score(s.f1),
    ]
}

/// `entente eval-coder`.
pub fn run_eval(path: &Path, split: Split, format: EvalFormat) -> Result<ExitCode> {
    let eval = evaluate(path, split)?;
    match format {
        EvalFormat::Json => output::print_json(&eval)?,
        EvalFormat::Table => {
            let header = ["scope", "tp", "fp", "fn", "precision", "recall", "f1"];
            let mut t = output::table(&header);
            let sel = &eval.selected;
            t.add_row(score_row(&format!("overall ({})", eval.split), &sel.overall));
            for (l, s) in &sel.langs {
                t.add_row(score_row(&format!("lang {l}"), s));
            }
            for (k, s) in &sel.kinds {
                t.add_row(score_row(&format!("kind {k}"), s));
            }
            for (name, p) in &eval.splits {
                if p.passages == 0 || split != Split::All {
                    continue;
                }
                t.add_row(score_row(&format!("{name}: overall"), &p.overall));
                for (l, s) in &p.langs {
                    t.add_row(score_row(&format!("{name}: lang {l}"), s));
                }
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "{t}")?;
            writeln!(
                out,
                "{} passage(s) scored ({}), {} line(s) skipped; {}",
                sel.passages, eval.split, eval.skipped, eval.coder_version
            )?;
        }
    }
    if eval.selected.passages == 0 && eval.skipped > 0 {
        eprintln!("error: no gold passage could be read");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
