//! `entente`, the command line: thin glue over the library crates. Arguments are read and
//! checked here (countries resolved, words checked against the ontology), then handed to
//! the crates that do the work.

mod check;
mod code;
mod compare;
mod data;
mod fetch;
mod import;
mod output;
mod progress;
mod review;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};
use entente_analytics::lake::{COUNTS, EVENTS};
use entente_analytics::query::query_blocking;
use entente_analytics::series::{series_blocking, series_sql};
use entente_analytics::{By, Limits, Policy, SeriesQuery, timeline};
use entente_cite::Style;
use entente_ingest::curated::{DatasetFiles, parse_dataset};
use entente_model::ontology::{Domain, EventKind};
use entente_model::{CountryTable, Dyad};
use entente_store::{EventFilter, Store};

use crate::output::Format;

#[derive(Parser)]
#[command(
    name = "entente",
    version,
    about = "An open observatory of bilateral cultural diplomacy",
    long_about = "entente builds sourced timelines, indicators and reports for any pair of countries.\n\
                  Countries are accepted as any ISO code (FRA, fr, 250) or name in English, French,\n\
                  Russian or Kazakh (France, Франция, Қазақстан).\n\n\
                  Data lives in one folder (see --data); on first use it is filled with the bundled\n\
                  France–Kazakhstan dataset."
)]
struct Cli {
    /// Data folder holding the store [default: the platform's data directory, e.g. ~/.local/share/entente]
    #[arg(long, global = true, env = "ENTENTE_DATA", value_name = "DIR")]
    data: Option<PathBuf>,

    /// Where GDELT queries run (series, query, compare, index, diagnose, report): local, or
    /// ballista://HOST:PORT for a Ballista cluster's scheduler [default: `engine` in
    /// DIR/entente.toml, else local]
    #[arg(long, global = true, env = "ENTENTE_ENGINE", value_name = "ENGINE")]
    engine: Option<String>,

    /// Seconds a series, comparison, index or diagnosis may take on a cluster before it fails,
    /// 1 to 86400 [default: `cluster_timeout` in DIR/entente.toml, else 600]
    #[arg(long, global = true, env = "ENTENTE_CLUSTER_TIMEOUT", value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(data::CLUSTER_TIMEOUTS))]
    cluster_timeout: Option<u64>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load dataset folders (TOML, CSV, JSON records) into the store, each as one transaction
    Load {
        /// Dataset folders, each with a dataset.toml
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Check the folders without writing anything: their validity, then the evidence
        /// behind their records as `entente check` does (fails on an error of either)
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The dated events of a pair of countries, in date order, with direction and sources
    Timeline {
        /// First country (any code or name)
        a: String,
        /// Second country (any code or name)
        b: String,
        /// Earliest year (events overlapping it count)
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        from: Option<i32>,
        /// Latest year
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        to: Option<i32>,
        /// Only these domains (repeatable): education, language, arts, film, literature, heritage, science, media, sport, tourism, diaspora, digital
        #[arg(long, value_name = "DOMAIN")]
        domain: Vec<String>,
        /// Only these event kinds (repeatable): agreement_signed, institution_opened, … (see `entente kinds`)
        #[arg(long, value_name = "KIND")]
        kind: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language of titles, country names and the count line: en, fr, ru, kk
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
        /// Citation style of the sources
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
        /// Leave out the events that belong to the pair only by context (marked
        /// `context = true`: the founding of the Alliance Française in 1883, say)
        #[arg(long)]
        no_context: bool,
    },
    /// Check the evidence behind records: a citation dated before what it is cited for, a
    /// record resting only on references another source attached (role
    /// as_cited_in_source), a claim no view shows, a claim's reasoning saying more than its
    /// verdict
    ///
    /// With folders, each is read as `entente load --check` reads it and its findings are
    /// placed at file and line; without, every dataset in the store is checked (the bundled
    /// France–Kazakhstan dataset included), and every claim is set against the store's data
    /// to hold its reasoning to its verdict. Errors make the command fail (exit code 1);
    /// warnings (a reference marked as_cited_in_source, or a context event, without a note
    /// saying why) do not.
    Check {
        /// Dataset folders [default: every dataset in the store]
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Full-text search over names, titles, descriptions and quotes, in any language
    Search {
        /// Words to find (each must match, as a prefix; case and diacritics are ignored)
        text: String,
        /// Most hits, 1 to 10000
        #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10000))]
        limit: usize,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One record, whole, with its citations formatted
    Show {
        /// The record's id (as in `entente search` or the timeline)
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
    },
    /// Every source in the store, formatted as a bibliography
    ///
    /// --format table prints the bibliography itself: numbered entries in gost or apa, a .bib
    /// file in bibtex, a CSL-JSON array in csl-json. json and csv give one row per source (id,
    /// kind, citation in the style, how many records cite it), as the API's /api/v1/sources.
    Sources {
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Look up countries by any code or name, or list them all
    Countries {
        /// A code or name; without it, every country is listed
        query: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The ontology's event kinds with their nearest CAMEO code and PLOVER type
    Kinds {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The datasets in the store
    Datasets {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// A pair's indicators: students from each in the other per year (change, CAGR), shares of
    /// outbound students and ranks among destinations, and Elcano's soft-presence variables
    Indicators {
        /// First country (any code or name)
        a: String,
        /// Second country (any code or name)
        b: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language of country names: en, fr, ru, kk
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
    },
    /// The claims sources make about a pair, each set beside the data with a verdict
    /// (supported, contradicted, not_comparable, no_data) and its reasoning
    Claims {
        /// First country (any code or name)
        a: String,
        /// Second country (any code or name)
        b: String,
        /// A claims policy (TOML) instead of the bundled one (tolerances, academic years,
        /// equivalent and related indicators; see data/claims-policy.toml)
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
    },
    /// A pair's GDELT cooperation series: per period and direction, counts by QuadClass and
    /// CAMEO root code, mean Goldstein scale and tone, articles, and the pair's share of each
    /// country's events
    Series {
        /// First country (any code or name)
        a: String,
        /// Second country (any code or name)
        b: String,
        /// Period length
        #[arg(long, value_enum, default_value_t = Period::Month)]
        by: Period,
        /// First year (by event date)
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        from: Option<i32>,
        /// Last year
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        to: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Print the SQL the series runs, with the values bound to its placeholders (for DuckDB
        /// or another engine), and exit; `--format json` gives them as data
        #[arg(long)]
        show_sql: bool,
        /// Run the series N times in one session and print the timings (JSON) on stderr
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1000))]
        repeat: usize,
    },
    /// The partners of a focus country side by side on the indicators of the bilateral cultural
    /// cooperation index, with the index, its rank and the rank's 5–95 % interval
    ///
    /// Ranks are taken among every partner with data in the year; --partners and --top only
    /// choose which are shown. The index's configuration (dimensions, indicators,
    /// normalisation, weights, aggregation) is data/index/default.toml unless --config names
    /// another; every result records its name, version and SHA-256.
    Compare {
        /// The focus country (any code or name)
        focus: String,
        /// Show only these partners (comma-separated codes or names)
        #[arg(long, value_delimiter = ',', value_name = "A,B,…", conflicts_with = "top")]
        partners: Vec<String>,
        /// Show only the N best-ranked partners
        #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=500))]
        top: Option<usize>,
        /// The year [default: the latest year the focus has student-mobility data]
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        year: Option<i32>,
        /// in: each partner projecting into the focus; out: the focus projecting into each partner
        #[arg(long, default_value = "in", value_parser = ["in", "out"])]
        direction: String,
        /// An index configuration (TOML) instead of the bundled one
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Monte Carlo draws [default: the configuration's]
        #[arg(long, value_name = "N")]
        draws: Option<usize>,
        /// Seed of the Monte Carlo draws [default: the configuration's]
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Language of country names: en, fr, ru, kk
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
    },
    /// The bilateral cultural cooperation index of A projecting into B over the years, each
    /// year among all of B's partners
    Index {
        /// The projecting country (any code or name)
        a: String,
        /// The receiving country
        b: String,
        /// First year [default: nine years before --to]
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        from: Option<i32>,
        /// Last year [default: the latest year B has student-mobility data]
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        to: Option<i32>,
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[arg(long, value_name = "N")]
        draws: Option<usize>,
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
    },
    /// Strengths, weaknesses, barriers and prospects of A projecting into B, from documented
    /// rules (data/diagnose-rules.toml) over the index's indicators and the records, each with
    /// its evidence, beside the judgements sources made (the paper's, for France–Kazakhstan)
    Diagnose {
        /// The projecting country (any code or name)
        a: String,
        /// The receiving country
        b: String,
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1800..=2200))]
        year: Option<i32>,
        /// An index configuration (TOML) instead of the bundled one
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Diagnostic rules (TOML) instead of the bundled ones
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
    },
    /// A self-contained report on a pair of countries, as one HTML or Markdown file: summary,
    /// timeline, charts, indicators, claims and bibliography, every figure footnoted to its
    /// source
    ///
    /// The file opens offline (no script, nothing fetched) and prints on A4. GDELT events are
    /// included when some have been imported (`entente import gdelt`).
    Report {
        /// First country (any code or name)
        a: String,
        /// Second country (any code or name)
        b: String,
        /// html or md (GitHub-flavoured Markdown, charts as SVG data URIs)
        #[arg(long, default_value = "html")]
        format: entente_report::document::Format,
        /// Language of headings, titles and country names
        #[arg(long, default_value = "en", value_parser = lang_arg)]
        lang: String,
        /// Citation style of the footnotes and the bibliography: gost or apa
        #[arg(long, value_enum, default_value_t = CiteStyle::Gost)]
        style: CiteStyle,
        /// File to write (replaced atomically) [default: standard output]
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Read-only SQL over GDELT events (gdelt_events) and the curated and manifest tables
    ///
    /// Tables: gdelt_events, gdelt_country_counts, records, curated_events, event_countries, event_domains,
    /// event_actors, citations, observations, datasets, gdelt_files, gdelt_rejects,
    /// gdelt_parts, gdelt_imports (`SHOW TABLES` lists them, `DESCRIBE t` shows columns).
    /// Statements that write or change settings are refused.
    Query {
        /// One SQL statement
        sql: String,
        /// Most rows to return, 1 to 10000000
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        max_rows: u64,
        /// Time limit in seconds, 1 to 86400
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
        timeout: u64,
        /// Memory the query may hold, in MiB, 16 to 1048576; past it a sort spills to disk and
        /// a join that cannot fails with a clear error
        #[arg(long, value_name = "MIB", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(16..=1_048_576))]
        memory: u64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Import bulk data (GDELT event exports) into the data folder
    #[command(subcommand)]
    Import(ImportCommand),
    /// Download bulk data (GDELT's files) from its publisher's lists, verified, with resume
    /// and retries; `--import` imports them after
    #[command(subcommand)]
    Fetch(fetch::FetchCommand),
    /// Merge the small Parquet parts of imported bulk data into few large ones
    #[command(subcommand)]
    Compact(CompactCommand),
    /// Cultural-diplomacy events coded from text: plain text, Markdown, or JSON lines of
    /// articles (`{"id", "text", "url"?, "date"?}`), one JSON object per event
    ///
    /// A file is read as JSON lines when its name ends in .jsonl or its first non-blank
    /// character is `{`; otherwise it is one document whose id is its path. Inputs or lines
    /// that cannot be read are reported as `input:line: reason` and the rest is still coded.
    Code {
        /// Files to code, or - for standard input
        #[arg(required = true, value_name = "FILE|-")]
        inputs: Vec<String>,
        /// Language of the texts [default: each document's own, else detected]
        #[arg(long, value_enum, default_value_t = code::LangArg::Auto)]
        lang: code::LangArg,
        #[arg(long, value_enum, default_value_t = code::CodeFormat::Jsonl)]
        format: code::CodeFormat,
        /// Article date for documents without one (relative dates are resolved against it)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = code::parse_date)]
        date: Option<entente_model::PartialDate>,
        /// Also queue the events found for review in the data folder's store (`entente review`);
        /// they become records only when accepted
        #[arg(long)]
        store: bool,
    },
    /// The review queue of coded events: list, show, accept (into a curated record) or reject
    #[command(subcommand)]
    Review(review::ReviewCommand),
    /// Precision, recall and F1 of the coder against a gold set (data/coder/gold/gold.jsonl),
    /// overall, per kind and per language, and for the held-out part separately
    EvalCoder {
        /// Gold set: JSON lines {"id", "lang", "text", "date"?, "split", "events": [...]}
        #[arg(value_name = "GOLD.jsonl")]
        gold: PathBuf,
        /// Which passages to score
        #[arg(long, value_enum, default_value_t = code::Split::All)]
        split: code::Split,
        #[arg(long, value_enum, default_value_t = code::EvalFormat::Table)]
        format: code::EvalFormat,
    },
    /// The parts of a Ballista cluster that runs entente's queries (`--engine
    /// ballista://HOST:PORT`): one scheduler, any number of executors
    ///
    /// Every executor must see the data folder at the same path as the client (a shared file
    /// system): executors read the GDELT parts by the paths the manifest gives.
    #[command(subcommand)]
    Cluster(ClusterCommand),
    /// Serve the dashboard, its JSON twins and the HTTP API
    Serve {
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Bearer token that allows writes through the API; without one the API is read-only
        #[arg(long, env = "ENTENTE_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
}

#[derive(Subcommand)]
enum ClusterCommand {
    /// Start a scheduler; it prints `listening on HOST:PORT` once it accepts executors and
    /// clients, and runs until stopped
    Scheduler {
        /// Address to listen on (port 0 takes a free port)
        #[arg(long, default_value = "127.0.0.1:50050")]
        bind: SocketAddr,
        /// Seconds without news from an executor after which it is taken for dead and its
        /// tasks run on the others, 10 to 3600 (a busy executor reports every 5 s)
        #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(10..=3600))]
        executor_timeout: u64,
    },
    /// Start an executor that takes tasks from a scheduler, and runs until stopped
    Executor {
        /// Address of its data service (results and shuffles are fetched there)
        #[arg(long, default_value = "127.0.0.1:50051")]
        bind: SocketAddr,
        /// The scheduler, as HOST:PORT or ballista://HOST:PORT
        #[arg(long, default_value = "127.0.0.1:50050")]
        scheduler: String,
        /// Tasks run at once [default: the machine's cores]
        #[arg(long, default_value_t = 0)]
        slots: usize,
        /// Folder for shuffle files [default: a new one under the system's temporary folder,
        /// removed when the executor stops]
        #[arg(long, value_name = "DIR")]
        work_dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Indicator files: OECD enrolment by origin, UNESCO UIS flows (360info's top
    /// destinations or origins), UIS inbound totals, the Elcano presence index (long CSV)
    ///
    /// The kind of file is recognised from its header. Each file is loaded as one dataset,
    /// replacing an earlier load of the same kind (the bundled subsets, say); rows that do
    /// not resolve or parse are reported with file, line and reason (`entente query
    /// "SELECT * FROM import_rejects"`).
    Indicators {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// GDELT event exports, 1.0 (57/58 columns) or 2.0 (61), .CSV or .CSV.zip, into Parquet
    ///
    /// Every line becomes a stored row or a reject with file, line and reason
    /// (`entente query "SELECT * FROM gdelt_rejects"`). Files already imported are skipped,
    /// so an interrupted import can simply be run again.
    Gdelt {
        /// Files, folders (searched for *.CSV and *.CSV.zip) or glob patterns
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Worker threads [default: the number of cores]
        #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024))]
        threads: Option<usize>,
        /// Megabytes of CSV committed at a time: an interrupted import loses at most one
        /// chunk per thread of work
        #[arg(long, value_name = "MB", default_value_t = 192, value_parser = clap::value_parser!(u64).range(1..=65_536))]
        chunk_size: u64,
        /// Rows each thread buffers before it writes a Parquet part (memory against fewer,
        /// larger files)
        #[arg(long, value_name = "ROWS", default_value_t = 300_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1000..=100000000))]
        part_rows: usize,
        /// Rows per Parquet row group
        #[arg(long, value_name = "ROWS", default_value_t = 65_536, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1024..=10000000))]
        row_group_rows: usize,
        /// Leave the new parts as they are (by default a year's small parts, new or left by
        /// an interrupted import, are merged into few large ones afterwards, which makes
        /// queries faster; `entente compact gdelt` does it later)
        #[arg(long)]
        no_compact: bool,
        /// Output of the final summary
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Period {
    Month,
    Year,
}

#[derive(Subcommand)]
enum CompactCommand {
    /// GDELT event parts: each year's small parts merged (a sorted, streaming merge) into
    /// parts of up to --target-rows rows
    Gdelt {
        #[arg(long, value_name = "ROWS", default_value_t = 4_000_000, value_parser = clap::value_parser!(i64).range(1_000..=1_000_000_000))]
        target_rows: i64,
        /// concat: copy the parts' row groups as they are (fast; each row group stays sorted);
        /// sort: merge them into parts sorted as a whole (slower; a dyad then sits in one or two
        /// row groups)
        #[arg(long, value_enum, default_value_t = CompactModeArg::Concat)]
        mode: CompactModeArg,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CompactModeArg {
    Concat,
    Sort,
}

/// Citation styles.
#[derive(Clone, Copy, ValueEnum)]
enum CiteStyle {
    /// GOST R 7.0.5-2008, as Kazakh and Russian journals use it
    Gost,
    /// APA 7th edition
    Apa,
    /// BibTeX entries
    Bibtex,
    /// CSL-JSON, for Zotero and citeproc
    #[value(name = "csl-json")]
    CslJson,
}

impl From<CiteStyle> for Style {
    fn from(s: CiteStyle) -> Style {
        match s {
            CiteStyle::Gost => Style::Gost,
            CiteStyle::Apa => Style::Apa,
            CiteStyle::Bibtex => Style::Bibtex,
            CiteStyle::CslJson => Style::CslJson,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Rust ignores SIGPIPE, so printing to a reader that has gone (`entente timeline | head`)
    // would panic. A command that prints ends quietly instead, as other Unix tools do; the
    // server, the cluster parts and the downloader keep ignoring it: a peer closing a socket
    // is routine.
    if !matches!(cli.command, Command::Serve { .. } | Command::Fetch(_) | Command::Cluster(_)) {
        sigpipe::reset();
    }
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let dir = data::data_dir(cli.data)?;
    // Read only by the commands that query, so a bad setting does not stop the others.
    let engine = || data::engine(cli.engine.as_deref(), cli.cluster_timeout, &dir);
    match cli.command {
        Command::Code { inputs, lang, format, date, store } => {
            let mut store = if store { Some(data::open(&dir)?) } else { None };
            code::run_code(&inputs, lang, format, date, store.as_mut())
        }
        Command::Review(command) => {
            let mut store = data::open(&dir)?;
            review::run(&mut store, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::EvalCoder { gold, split, format } => code::run_eval(&gold, split, format),
        Command::Load { dirs, check, format } => load(&dir, &dirs, check, format),
        Command::Timeline { a, b, from, to, domain, kind, format, lang, style, no_context } => {
            let store = data::open(&dir)?;
            let dyad = dyad(&a, &b)?;
            let filter = event_filter(from, to, domain, kind)?;
            let style = text_style(style)?;
            let mut t = timeline(&store, &dyad, &filter, &lang, style)?;
            if no_context {
                t = t.without_context();
            }
            output::timeline(&t, format, &lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { dirs, format } => {
            let store = data::open(&dir)?;
            let report = check::run(&store, &dirs)?;
            check::print(&report, format)
        }
        Command::Search { text, limit, format } => {
            let store = data::open(&dir)?;
            let hits = store.search(&text, limit)?;
            output::search(&hits, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, format, style } => {
            let store = data::open(&dir)?;
            show(&store, &id, format, style.into())
        }
        Command::Sources { style, format } => {
            let store = data::open(&dir)?;
            match format {
                Format::Table => output::sources(store.sources()?, style.into())?,
                Format::Json | Format::Csv => {
                    output::sources_view(&entente_report::views::sources_view(&store, "en", style.into())?, format)?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Countries { query, format } => {
            let table = CountryTable::bundled();
            let list: Vec<&entente_model::Country> = match &query {
                Some(q) => vec![table.resolve(q)?],
                None => table.all().iter().collect(),
            };
            output::countries(&list, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Kinds { format } => {
            output::kinds(format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Datasets { format } => {
            let store = data::open(&dir)?;
            output::datasets(&store.datasets()?, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Indicators { a, b, format, lang, style } => {
            let store = data::open(&dir)?;
            let dyad = dyad(&a, &b)?;
            let style = text_style(style)?;
            let result = entente_analytics::indicators(&store, &dyad, &lang, style)?;
            output::indicators(&result, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Claims { a, b, policy, format, style } => {
            let store = data::open(&dir)?;
            let dyad = dyad(&a, &b)?;
            let policy = match policy {
                Some(path) => {
                    let text =
                        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                    Policy::parse(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?
                }
                None => Policy::default(),
            };
            let checks = entente_analytics::claims(&store, &dyad, &policy, text_style(style)?)?;
            output::claims(&checks, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Series { a, b, by, from, to, format, show_sql, repeat } => {
            let dyad = dyad(&a, &b)?;
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                bail!("--from {f} is after --to {t}");
            }
            let q = SeriesQuery {
                by: match by {
                    Period::Month => By::Month,
                    Period::Year => By::Year,
                },
                from_year: from,
                to_year: to,
            };
            if show_sql {
                output::series_sql(&series_sql(EVENTS, COUNTS, &dyad, &q), format)?;
                return Ok(ExitCode::SUCCESS);
            }
            let engine = engine()?;
            let store = data::open(&dir)?;
            let lake = data::lake(&dir, &store, false, &engine)?;
            if lake.parts.is_empty() {
                eprintln!("No GDELT events are imported yet: run `entente import gdelt <files>` first.");
            }
            let (series, timing) = series_blocking(&lake, &dyad, &q, repeat)?;
            if repeat > 1 {
                eprintln!("{}", serde_json::to_string(&timing)?);
            }
            output::series(&series, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare { focus, partners, top, year, direction, config, draws, seed, format, lang } => {
            let store = data::open(&dir)?;
            let focus = country(&focus, "focus country")?;
            let partners = partners.iter().map(|p| country(p, "--partners")).collect::<Result<Vec<String>>>()?;
            let direction = entente_analytics::compare::Direction::parse(&direction)
                .ok_or_else(|| anyhow!("--direction must be in or out"))?;
            let args =
                compare::CompareArgs { focus, partners, top, year, direction, config, draws, seed, format, lang };
            compare::compare(&dir, &store, &engine()?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Index { a, b, from, to, config, draws, seed, format, lang } => {
            let store = data::open(&dir)?;
            let d = dyad(&a, &b)?;
            let args = compare::IndexArgs { a: d.a, b: d.b, from, to, config, draws, seed, format, lang };
            compare::index(&dir, &store, &engine()?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diagnose { a, b, year, config, rules, format, lang } => {
            let store = data::open(&dir)?;
            let d = dyad(&a, &b)?;
            let args = compare::DiagnoseArgs { a: d.a, b: d.b, year, config, rules, format, lang };
            compare::diagnose(&dir, &store, &engine()?, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { a, b, format, lang, style, output } => {
            let dyad = dyad(&a, &b)?;
            let style = text_style(style)?;
            let store = data::open(&dir)?;
            let mut view = entente_report::dyad_view(&store, &dyad, &lang, style)?;
            let lake = data::lake(&dir, &store, false, &engine()?)?;
            // Without imported files the report says so, rather than showing an empty series.
            if lake.files > 0 {
                let q = SeriesQuery { by: By::Month, from_year: None, to_year: None };
                view.gdelt = Some(series_blocking(&lake, &dyad, &q, 1)?.0);
            }
            // A beside B's other partners and the diagnosis, with the bundled index and rules.
            let config = entente_index::Config::bundled();
            let rules = entente_analytics::diagnose::Rules::bundled();
            let gdelt = entente_analytics::compare::gdelt_counts_blocking(&lake, &dyad.b)?;
            let gathered = entente_analytics::compare::Gathered::read(&store, &config, &dyad.b, gdelt)?;
            let analyses = entente_report::compare::analyse(&store, &config, &rules, &gathered, &dyad.a, &lang, style)?;
            view.set_analyses(&store, analyses)?;
            let text = entente_report::document::render(&view, format);
            match output {
                Some(path) if path.as_os_str() != "-" => {
                    write_atomically(&path, text.as_bytes())?;
                    eprintln!("Wrote {} ({} bytes).", path.display(), text.len());
                }
                _ => {
                    use std::io::Write as _;
                    std::io::stdout().lock().write_all(text.as_bytes()).context("cannot write the report")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Query { sql, max_rows, timeout, memory, format } => {
            let engine = engine()?;
            let store = data::open(&dir)?;
            let mut lake = data::lake(&dir, &store, true, &engine)?;
            lake.memory_limit = usize::try_from(memory << 20).unwrap_or(usize::MAX);
            let limits = Limits {
                max_rows: usize::try_from(max_rows).unwrap_or(usize::MAX),
                timeout: std::time::Duration::from_secs(timeout),
            };
            let result = query_blocking(&lake, &sql, limits)?;
            output::query(&result, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(ImportCommand::Indicators { files, format }) => {
            let mut store = data::open(&dir)?;
            let mut reports = Vec::new();
            for f in &files {
                let bytes = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
                let name = f.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                let origin = std::fs::canonicalize(f).unwrap_or(f.clone()).display().to_string();
                reports.push(entente_import::bundled::load_feed(&mut store, &name, &bytes, &origin)?);
            }
            output::feed_reports(&reports, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(ImportCommand::Gdelt {
            paths,
            threads,
            chunk_size,
            part_rows,
            row_group_rows,
            no_compact,
            format,
        }) => {
            let mut store = data::open(&dir)?;
            import::gdelt(
                &dir,
                &mut store,
                &paths,
                threads,
                (chunk_size, part_rows, row_group_rows),
                !no_compact,
                format,
            )
        }
        Command::Fetch(command) => fetch::run(&dir, command),
        Command::Compact(CompactCommand::Gdelt { target_rows, mode, format }) => {
            let mut store = data::open(&dir)?;
            let mode = match mode {
                CompactModeArg::Concat => entente_import::CompactMode::Concat,
                CompactModeArg::Sort => entente_import::CompactMode::Sort,
            };
            import::compact(&dir, &mut store, target_rows, mode, format)
        }
        Command::Cluster(command) => cluster(command),
        Command::Serve { addr, token } => {
            data::open(&dir)?;
            let token = token.filter(|t| !t.trim().is_empty());
            entente_web::serve(addr, &dir, entente_web::Options { token })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs a part of a Ballista cluster until it stops.
fn cluster(command: ClusterCommand) -> Result<ExitCode> {
    use entente_analytics::cluster::{ExecutorOptions, SchedulerOptions, run_executor, run_scheduler};
    match command {
        ClusterCommand::Scheduler { bind, executor_timeout } => {
            let options = SchedulerOptions { bind, executor_timeout: std::time::Duration::from_secs(executor_timeout) };
            run_scheduler(&options, |address| {
                // A line on standard output, so a script (or a test) can read the port.
                println!("listening on {address}");
            })?;
        }
        ClusterCommand::Executor { bind, scheduler, slots, work_dir } => {
            let address = if scheduler.starts_with("ballista://") {
                scheduler.clone()
            } else {
                format!("ballista://{scheduler}")
            };
            let scheduler = match address.parse::<entente_analytics::Backend>().context("--scheduler")? {
                entente_analytics::Backend::Ballista { host, port } => (host, port),
                entente_analytics::Backend::Local => bail!("--scheduler must be HOST:PORT"),
            };
            let options =
                ExecutorOptions { bind, scheduler, slots, work_dir, wait: std::time::Duration::from_secs(30) };
            run_executor(&options)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place,
/// so a reader never sees half a file and a failed write leaves the old one.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| anyhow!("{} is not a file name", path.display()))?;
    if !folder.is_dir() {
        bail!("cannot write {}: there is no folder {}", path.display(), folder.display());
    }
    // Hidden and named after the report, so a leftover from a killed run is recognisable.
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A report is meant to be shared: readable by others, as a plain new file would be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file =
        builder.tempfile_in(folder).with_context(|| format!("cannot create a file in {}", folder.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", folder.join(name).display()))?;
    file.persist(path).map_err(|e| anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// `--lang`: an interface language, or an error listing the supported ones.
fn lang_arg(value: &str) -> Result<String, String> {
    entente_report::i18n::lang(Some(value)).map(str::to_string).map_err(|e| e.to_string())
}

/// Styles that format a citation as one line of text.
fn text_style(style: CiteStyle) -> Result<Style> {
    match style {
        CiteStyle::Gost | CiteStyle::Apa => Ok(style.into()),
        _ => bail!("citations here are formatted as gost or apa; bibtex and csl-json are for `entente sources`"),
    }
}

fn country(name: &str, what: &str) -> Result<String> {
    Ok(CountryTable::bundled().resolve(name).with_context(|| what.to_string())?.alpha3.clone())
}

fn dyad(a: &str, b: &str) -> Result<Dyad> {
    let countries = CountryTable::bundled();
    let a = countries.resolve(a).context("first country")?;
    let b = countries.resolve(b).context("second country")?;
    if a.alpha3 == b.alpha3 {
        bail!("{a} was given twice: a pair needs two different countries");
    }
    Ok(Dyad::new(&a.alpha3, &b.alpha3))
}

fn event_filter(from: Option<i32>, to: Option<i32>, domains: Vec<String>, kinds: Vec<String>) -> Result<EventFilter> {
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        bail!("--from {f} is after --to {t}");
    }
    for d in &domains {
        d.parse::<Domain>().map_err(|e| anyhow!("--domain: {e}"))?;
    }
    for k in &kinds {
        k.parse::<EventKind>().map_err(|e| anyhow!("--kind: {e}"))?;
    }
    Ok(EventFilter { from_year: from, to_year: to, domains, kinds })
}

fn load(dir: &std::path::Path, dirs: &[PathBuf], check: bool, format: Format) -> Result<ExitCode> {
    let mut store = data::open(dir)?;
    if check {
        // Validity first (as a load would find it), then the evidence behind the records.
        let report = check::run(&store, dirs)?;
        for c in &report.checked {
            eprintln!("{}: dataset {} is valid ({} records)", c.origin, c.dataset, c.records);
        }
        return check::print(&report, format);
    }
    let mut reports = Vec::new();
    let mut failed = false;
    for folder in dirs {
        let files = DatasetFiles::read_dir(folder)?;
        let index = store.record_index()?;
        match parse_dataset(&files, &|id| index.get(id).cloned()) {
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}: {p}", folder.display());
                }
                eprintln!(
                    "{}: {}; nothing was written",
                    folder.display(),
                    output::count(problems.len() as u64, "problem", "problems")
                );
                failed = true;
            }
            Ok(dataset) => {
                let report = store
                    .load_dataset(
                        &dataset,
                        &std::fs::canonicalize(folder).unwrap_or(folder.clone()).display().to_string(),
                        &files.fingerprint(),
                    )
                    .with_context(|| format!("{}: nothing was written", folder.display()))?;
                reports.push(report);
            }
        }
    }
    output::load_reports(&reports, format)?;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn show(store: &Store, id: &str, format: Format, style: Style) -> Result<ExitCode> {
    let Some(stored) = store.record(id)? else {
        let hits = store.search(id, 3)?;
        let hint = if hits.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>().join(", "))
        };
        bail!("no record has id \"{id}\"{hint}");
    };
    let citations = entente_report::dyad::source_refs(store, stored.record.citations(), style)?;
    output::record(&stored, &citations, format)?;
    Ok(ExitCode::SUCCESS)
}
