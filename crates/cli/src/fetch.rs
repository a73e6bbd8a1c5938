//! `entente fetch gdelt`: downloads GDELT's files with `entente_fetch` (a progress bar on a
//! terminal, or JSON lines), then, with `--import`, hands the verified ones to the import.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use entente_fetch::{End, Event, Options, Outcome, Progress, Selection, Stamp, Summary, Table, Version, parse_date};
use indicatif::ProgressBar;

use crate::output::Format;
use crate::progress::ByteBar;

#[derive(Subcommand)]
pub enum FetchCommand {
    /// GDELT's files for a range of dates, from its published lists, verified (size and MD5)
    /// before they are kept
    ///
    /// GDELT 2.0 files are listed in masterfilelist.txt (SIZE MD5 URL per line), GDELT 1.0
    /// event files in md5sums and filesizes (index.html when md5sums is not served). The
    /// selected files are downloaded in parallel to NAME.part, resumed with a Range request
    /// when a .part is there, retried with a doubling wait, and checked for size and MD5
    /// before they take their name; files already there and verified are skipped. Malformed
    /// list lines are reported with their line number and the rest is used. A file that
    /// fails is reported with the reason and never imported; the exit code is then 1.
    Gdelt(GdeltArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// Events (.export.CSV.zip), the files `entente import gdelt` reads
    Events,
    /// Mentions (.mentions.CSV.zip), GDELT 2.0 only
    Mentions,
    /// The Global Knowledge Graph (.gkg.csv.zip), GDELT 2.0 only here
    Gkg,
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Table {
        match t {
            TableArg::Events => Table::Events,
            TableArg::Mentions => Table::Mentions,
            TableArg::Gkg => Table::Gkg,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FetchFormat {
    /// A progress bar on a terminal, problems on standard error, a summary line
    Table,
    /// JSON lines on standard output, one per event (list, list_problem, retry, file, summary, import)
    Json,
}

fn from_date(s: &str) -> Result<Stamp, String> {
    parse_date(s, End::Start)
}

fn to_date(s: &str) -> Result<Stamp, String> {
    parse_date(s, End::Finish)
}

#[derive(Args)]
pub struct GdeltArgs {
    /// GDELT version: 2 (15-minute files from 2015-02-18) or 1 (daily event files from
    /// 2013-04-01, monthly and yearly ones before)
    #[arg(long = "version", value_name = "1|2", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
    gdelt_version: u8,
    /// First day (YYYY-MM-DD) or moment (YYYYMMDDHHMMSS) whose files are wanted
    #[arg(long, value_name = "DATE", value_parser = from_date)]
    from: Stamp,
    /// Last day (inclusive) or moment [default: everything listed from --from on]
    #[arg(long, value_name = "DATE", value_parser = to_date)]
    to: Option<Stamp>,
    /// Tables, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', default_value = "events")]
    tables: Vec<TableArg>,
    /// GDELT 2.0's translingual files (masterfilelist-translation.txt) instead of the English ones
    #[arg(long)]
    translingual: bool,
    /// Folder of the file lists [default: http://data.gdeltproject.org/gdeltv2/ for 2,
    /// http://data.gdeltproject.org/events/ for 1]; files are fetched from the addresses the lists give
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Where the files go [default: DATA/downloads/gdelt-v2 or gdelt-v1]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Files downloaded at once, 1 to 32
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=32))]
    jobs: usize,
    /// Seconds to wait for the server to connect, answer, or send more of a file, 1 to 3600;
    /// past it the try fails
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// Further tries of a file that failed for a reason that may pass (a cut transfer, a
    /// timeout, a 5xx, an MD5 mismatch), 0 to 10
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(0..=10))]
    retries: u32,
    /// Milliseconds before the first retry, 0 to 600000; the wait doubles for each further
    /// one, up to a minute
    #[arg(long, value_name = "MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(0..=600_000))]
    retry_wait_ms: u64,
    /// Import the verified event files afterwards (`entente import gdelt`); files imported
    /// before are skipped, failed ones are never imported
    #[arg(long)]
    import: bool,
    #[arg(long, value_enum, default_value_t = FetchFormat::Table)]
    format: FetchFormat,
}

pub fn run(data: &Path, command: FetchCommand) -> Result<ExitCode> {
    match command {
        FetchCommand::Gdelt(args) => gdelt(data, args),
    }
}

fn gdelt(data: &Path, args: GdeltArgs) -> Result<ExitCode> {
    if let Some(to) = args.to
        && to < args.from
    {
        bail!("--from {} is after --to {}", args.from, to);
    }
    let version = if args.gdelt_version == 1 { Version::V1 } else { Version::V2 };
    let mut tables: Vec<Table> = args.tables.iter().map(|&t| t.into()).collect();
    tables.sort();
    tables.dedup();
    if args.import && tables.iter().any(|t| *t != Table::Events) {
        bail!(
            "--import takes the events table only (the import reads event exports); fetch mentions and gkg without --import"
        );
    }
    if version == Version::V1 && args.translingual {
        bail!("--translingual is for GDELT 2.0 (--version 2)");
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| data.join("downloads").join(if version == Version::V1 { "gdelt-v1" } else { "gdelt-v2" }));
    let options = Options {
        selection: Selection { version, tables, translingual: args.translingual, from: args.from, to: args.to },
        base_url: args.base_url.clone().unwrap_or_else(|| version.default_base_url().to_string()),
        out,
        jobs: args.jobs,
        timeout: Duration::from_secs(args.timeout),
        attempts: args.retries + 1,
        retry_wait: Duration::from_millis(args.retry_wait_ms),
    };

    let progress = Arc::new(Progress::default());
    let bar = match args.format {
        FetchFormat::Table => ProgressBar::new(0),
        FetchFormat::Json => ProgressBar::hidden(),
    };
    let bar = {
        let progress = Arc::clone(&progress);
        ByteBar::start(bar, move || {
            let count = |c: &std::sync::atomic::AtomicU64| c.load(Ordering::Relaxed);
            let message = format!("files {}/{}", count(&progress.files_done), count(&progress.files_total));
            (count(&progress.bytes_done), count(&progress.bytes_total), message)
        })
    };
    let mut json_error = None;
    let result = entente_fetch::fetch(&options, &progress, &mut |event| match args.format {
        FetchFormat::Json => {
            if let Err(e) = print_json_line(event)
                && json_error.is_none()
            {
                json_error = Some(e);
            }
        }
        FetchFormat::Table => {
            if let Some(line) = describe(event) {
                bar.bar().suspend(|| eprintln!("{line}"));
            }
        }
    });
    bar.finish();
    let summary = result?;
    if let Some(e) = json_error {
        return Err(e);
    }
    print_summary(&summary, &options.out, args.format)?;
    let mut failed = summary.failed > 0;
    if let Some(reason) = &summary.stopped {
        eprintln!("error: the fetch stopped: {reason}");
        return Ok(ExitCode::FAILURE);
    }
    if args.import {
        if summary.verified.is_empty() {
            eprintln!("No verified file to import.");
        } else {
            let mut store = crate::data::open(data)?;
            let (import, compaction) =
                crate::import::import_files(data, &mut store, &summary.verified, None, (192, 300_000, 65_536), true)?;
            failed |= import.files_failed > 0;
            match args.format {
                FetchFormat::Json => {
                    let mut value = tagged("import", serde_json::to_value(&import)?);
                    if let (Some(c), Some(obj)) = (&compaction, value.as_object_mut()) {
                        obj.insert("compaction".into(), serde_json::to_value(c)?);
                    }
                    println!("{}", serde_json::to_string(&value)?);
                }
                FetchFormat::Table => crate::import::print_import(&import, compaction.as_ref(), Format::Table)?,
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// `value`'s fields after `"event": name`, so that every line starts with its kind.
fn tagged(name: &str, value: serde_json::Value) -> serde_json::Value {
    let mut obj = serde_json::Map::new();
    obj.insert("event".into(), name.into());
    if let serde_json::Value::Object(fields) = value {
        obj.extend(fields);
    }
    serde_json::Value::Object(obj)
}

fn print_json_line(event: &Event) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, event)?;
    writeln!(out)?;
    Ok(())
}

/// What a person at a terminal is told of an event (the progress bar shows the rest).
fn describe(event: &Event) -> Option<String> {
    match event {
        Event::List { url, lines, files, problems } => Some(format!(
            "Read {url}: {}, {}{}.",
            plural(*lines, "line"),
            plural(*files, "file"),
            if *problems > 0 { format!(" ({} naming no file)", plural(*problems, "line")) } else { String::new() }
        )),
        Event::ListProblem(p) => Some(format!("{}:{}: {}", p.list, p.line, p.reason)),
        Event::Note { message } => Some(message.clone()),
        Event::Selected { files, bytes } => {
            Some(format!("{files} files selected ({:.1} MB listed).", *bytes as f64 / 1e6))
        }
        Event::Retry { name, attempt, attempts, reason, wait_ms } => {
            Some(format!("{name}: try {attempt} of {attempts} failed: {reason}; trying again in {wait_ms} ms"))
        }
        Event::File(f) if f.outcome == Outcome::Failed => {
            Some(format!("{}: FAILED: {}", f.name, f.reason.as_deref().unwrap_or("no reason given")))
        }
        Event::File(f) => f.reason.as_ref().map(|r| format!("{}: {r}", f.name)),
    }
}

fn print_summary(summary: &Summary, out: &Path, format: FetchFormat) -> Result<()> {
    match format {
        FetchFormat::Json => {
            let mut value = tagged("summary", serde_json::to_value(summary)?);
            if let Some(obj) = value.as_object_mut() {
                obj.insert("out".into(), out.display().to_string().into());
            }
            println!("{}", serde_json::to_string(&value)?);
        }
        FetchFormat::Table => {
            println!(
                "fetch: {} files selected of {} listed{}: {} downloaded, {} skipped (already verified), {} failed; {:.1} MB received in {:.1} s; files in {}",
                summary.selected,
                summary.listed,
                if summary.list_problems > 0 {
                    format!(" ({} of the list naming no file)", plural(summary.list_problems, "line"))
                } else {
                    String::new()
                },
                summary.downloaded,
                summary.skipped,
                summary.failed,
                summary.bytes_received as f64 / 1e6,
                summary.seconds,
                out.display()
            );
            for f in &summary.failures {
                println!("failed: {}: {}", f.name, f.reason);
            }
        }
    }
    Ok(())
}
