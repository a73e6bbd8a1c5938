//! `entente review`: the queue of events the text coder found (`entente code --store`), each
//! accepted into a curated record or rejected with a reason by a person.

use std::io::Write;

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;
use entente_model::ontology::{Domain, EventKind};
use entente_model::{Acceptance, CountryTable, PartialDate, ReviewState};
use entente_store::{CandidateFilter, Store, StoredCandidate};

use crate::output::{self, Format};

#[derive(Subcommand)]
pub enum ReviewCommand {
    /// Candidates in the queue, most confident first
    List {
        /// pending, accepted, rejected or all
        #[arg(long, default_value = "pending")]
        state: String,
        /// Only candidates naming both countries (any code or name): --pair FRA KAZ
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        pair: Vec<String>,
        /// Most candidates, 1 to 10000
        #[arg(long, default_value_t = 50, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000))]
        limit: usize,
        #[arg(long, default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1_000_000_000))]
        offset: usize,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One candidate whole: its evidence, trigger, document and decision
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Accept a candidate: it becomes a curated event citing its document and evidence span
    Accept {
        id: String,
        /// The event's date when the text gives none or gives it wrong (YYYY, YYYY-MM, YYYY-MM-DD)
        #[arg(long, value_parser = crate::code::parse_date)]
        date: Option<PartialDate>,
        /// The event's kind when the coder got it wrong (see `entente kinds`)
        #[arg(long)]
        kind: Option<String>,
        /// The event's domains, replacing the coder's (repeatable): education, language, arts, film, literature, heritage, science, media, sport, tourism, diaspora, digital
        #[arg(long = "domain", value_name = "DOMAIN")]
        domains: Vec<String>,
        /// The event's title (English unless --title-lang)
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_name = "LANG")]
        title_lang: Option<String>,
        /// The country where it took place, one of the two (any code or name)
        #[arg(long)]
        host: Option<String>,
        /// A title for the document's source record, instead of its id
        #[arg(long)]
        source_title: Option<String>,
        /// Who accepts it (kept in the event's note)
        #[arg(long, env = "ENTENTE_REVIEWER")]
        reviewer: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Reject a candidate, saying why
    Reject {
        id: String,
        #[arg(long, required = true)]
        reason: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

pub fn run(store: &mut Store, command: ReviewCommand) -> Result<()> {
    match command {
        ReviewCommand::List { state, pair, limit, offset, format } => {
            let state = match state.as_str() {
                "all" => None,
                s => Some(
                    ReviewState::parse(s)
                        .ok_or_else(|| anyhow!("--state must be pending, accepted, rejected or all, not \"{s}\""))?,
                ),
            };
            let pair = match pair.as_slice() {
                [] => None,
                [a, b] => Some((country(a)?, country(b)?)),
                _ => bail!("--pair takes two countries"),
            };
            let list = store.candidates(&CandidateFilter { state, pair, limit, offset })?;
            let counts = store.candidate_counts()?;
            print_list(&list, &counts, format)
        }
        ReviewCommand::Show { id, format } => {
            let c = store
                .candidate(&id)?
                .ok_or_else(|| anyhow!("no candidate has id \"{id}\" (see `entente review list`)"))?;
            match format {
                Format::Json => output::print_json(&c),
                Format::Table | Format::Csv => print_one(&c),
            }
        }
        ReviewCommand::Accept { id, date, kind, domains, title, title_lang, host, source_title, reviewer, format } => {
            let kind = kind.map(|k| k.parse::<EventKind>().map_err(|e| anyhow!("--kind: {e}"))).transpose()?;
            let host = host.map(|h| country(&h)).transpose()?;
            let domains = if domains.is_empty() {
                None
            } else {
                Some(
                    domains
                        .iter()
                        .map(|d| d.parse::<Domain>().map_err(|e| anyhow!("--domain: {e}")))
                        .collect::<Result<Vec<_>>>()?,
                )
            };
            let acceptance = Acceptance { date, kind, domains, title, title_lang, host, source_title, reviewer };
            let done = store.accept_candidate(&id, &acceptance).map_err(|e| hint(e, &id))?;
            match format {
                Format::Json => output::print_json(&done),
                Format::Table | Format::Csv => {
                    println!(
                        "Accepted {id}: event \"{}\" in dataset \"{}\", citing source \"{}\"{}.",
                        done.event,
                        done.dataset,
                        done.source,
                        if done.source_created { " (new)" } else { "" }
                    );
                    println!("See it with `entente show {}` or in the pair's `entente timeline`.", done.event);
                    Ok(())
                }
            }
        }
        ReviewCommand::Reject { id, reason, format } => {
            let done = store.reject_candidate(&id, &reason).with_context(|| format!("cannot reject {id}"))?;
            match format {
                Format::Json => output::print_json(&done),
                Format::Table | Format::Csv => {
                    println!("Rejected {id}: {}", done.reason.as_deref().unwrap_or(""));
                    Ok(())
                }
            }
        }
    }
}

/// The store's refusal, with the flag that fixes it when the candidate lacks a field.
fn hint(e: entente_store::StoreError, id: &str) -> anyhow::Error {
    let fix = match &e {
        entente_store::StoreError::Invalid(p) if p.iter().any(|p| p.field == "date") => " (give --date)",
        entente_store::StoreError::Invalid(p) if p.iter().any(|p| p.field == "domains") => " (give --domain)",
        _ => "",
    };
    anyhow!("cannot accept {id}: {e}{fix}")
}

fn country(q: &str) -> Result<String> {
    Ok(CountryTable::bundled().resolve(q)?.alpha3.clone())
}

fn print_list(list: &[StoredCandidate], counts: &[(ReviewState, usize)], format: Format) -> Result<()> {
    match format {
        Format::Json => output::print_json(list),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record(["id", "state", "countries", "kind", "date", "confidence", "doc", "url", "evidence"])?;
            for c in list {
                let d = &c.candidate;
                w.write_record([
                    c.id.as_str(),
                    c.state.as_str(),
                    &d.countries.join("-"),
                    d.kind.as_str(),
                    &d.date.map(|d| d.to_string()).unwrap_or_default(),
                    &format!("{:.2}", d.confidence),
                    &d.doc,
                    d.url.as_deref().unwrap_or(""),
                    &d.evidence,
                ])?;
            }
            w.flush()?;
            Ok(())
        }
        Format::Table => {
            let mut t = output::table(&["id", "state", "countries", "kind", "date", "conf.", "evidence"]);
            for c in list {
                let d = &c.candidate;
                t.add_row(vec![
                    c.id.clone(),
                    c.state.as_str().to_string(),
                    d.countries.join("-"),
                    d.kind.as_str().to_string(),
                    d.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                    format!("{:.2}", d.confidence),
                    crate::code::shorten(&d.evidence, 90),
                ]);
            }
            let summary = counts.iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect::<Vec<_>>().join(", ");
            let mut out = std::io::stdout().lock();
            if list.is_empty() {
                writeln!(out, "No candidates here. Queue: {summary}. Code texts with `entente code FILES --store`.")?;
            } else {
                writeln!(out, "{t}")?;
                writeln!(
                    out,
                    "Queue: {summary}. Accept with `entente review accept ID`, reject with `entente review reject ID --reason …`."
                )?;
            }
            Ok(())
        }
    }
}

fn print_one(c: &StoredCandidate) -> Result<()> {
    let d = &c.candidate;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}  ({})", c.id, c.state.as_str())?;
    writeln!(out, "  countries   {}", d.countries.join(" – "))?;
    writeln!(out, "  kind        {} (trigger \"{}\")", d.kind.as_str(), d.trigger)?;
    let domains: Vec<&str> = d.domains.iter().map(|x| x.as_str()).collect();
    writeln!(out, "  domains     {}", domains.join(", "))?;
    writeln!(out, "  date        {}", d.date.map(|x| x.to_string()).unwrap_or_else(|| "— (none in the text)".into()))?;
    writeln!(out, "  status      {}", d.status.as_str())?;
    if let Some(q) = &d.quantity {
        writeln!(out, "  quantity    {} {}", q.value, q.unit)?;
    }
    writeln!(out, "  confidence  {:.2} ({})", d.confidence, d.coder_version)?;
    writeln!(out, "  document    {} [{}], bytes {}-{}", d.doc, d.lang, d.start, d.end)?;
    if let Some(u) = &d.url {
        writeln!(out, "  url         {u}")?;
    }
    if let Some(dd) = d.doc_date {
        writeln!(out, "  doc date    {dd}")?;
    }
    writeln!(out, "  evidence    {}", d.evidence.split_whitespace().collect::<Vec<_>>().join(" "))?;
    writeln!(out, "  queued      {}", c.coded_at)?;
    if let Some(at) = &c.decided_at {
        writeln!(out, "  decided     {at}")?;
    }
    if let Some(r) = &c.reason {
        writeln!(out, "  reason      {r}")?;
    }
    if let Some(r) = &c.record {
        writeln!(out, "  record      {r}")?;
    }
    Ok(())
}
