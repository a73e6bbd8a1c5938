//! A fetch: the lists read, the files selected, each file downloaded and verified on worker
//! threads, and a summary.
//!
//! A file is written to `NAME.part`, resumed with a `Range` request when a `.part` is there,
//! checked for size and MD5, synced, and only then renamed to `NAME`: a file under its final
//! name is always whole and verified. Verified files are recorded in `.verified.tsv` (MD5,
//! size, modification time, name), so a rerun skips them without reading them again unless
//! they changed on disk or the list gives another MD5.

use std::collections::{HashMap, VecDeque};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant, UNIX_EPOCH};

use md5::{Digest, Md5};
use serde::Serialize;

use crate::http::{Answer, Client};
use crate::list::{ListProblem, Listed, Parsed, parse_masterfilelist, parse_v1_index, parse_v1_lists};
use crate::select::{Selection, Table, Version};

/// Why a fetch could not run at all (problems with single files are reported per file).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("the base URL \"{0}\" is not an http:// or https:// address")]
    BadBaseUrl(String),
    #[error("GDELT 1.0 is fetched for its events only ({0} was asked): its other tables live in other folders")]
    Unsupported(Table),
    #[error("no table was asked for")]
    NoTable,
    #[error("cannot fetch the file list {url}: {reason}")]
    List { url: String, reason: String },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("another fetch is writing to {0}; wait for it to finish")]
    Locked(String),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> FetchError + '_ {
    move |source| FetchError::Io { path: path.display().to_string(), source }
}

/// How a fetch runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: Selection,
    /// The folder of the lists (GDELT's own by default, see [`Version::default_base_url`]).
    pub base_url: String,
    /// Where the files go.
    pub out: PathBuf,
    /// Files downloaded at once.
    pub jobs: usize,
    /// Bound on each wait for the server (connecting, answering, each read).
    pub timeout: Duration,
    /// Tries per file (and per list), at least 1.
    pub attempts: u32,
    /// Wait before the second try; it doubles for each further one, up to a minute.
    pub retry_wait: Duration,
}

/// Counters a progress display polls while the fetch runs.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicU64,
    pub files_done: AtomicU64,
    /// Bytes of the files to download, as listed (files without a listed size count 0).
    pub bytes_total: AtomicU64,
    pub bytes_done: AtomicU64,
}

/// What became of a selected file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Downloaded and verified now.
    Downloaded,
    /// Already there and verified.
    Skipped,
    /// Not kept: the reason says why.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    pub name: String,
    pub url: String,
    pub outcome: Outcome,
    /// Where the file is (or would be).
    pub path: String,
    /// As listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// As listed.
    pub md5: String,
    /// Bytes received from the server in this run.
    pub bytes_received: u64,
    pub attempts: u32,
    /// The byte a transfer was resumed from, when one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resumed_from: Option<u64>,
    /// The MD5 of what was received, when it did not match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a fetch reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A list was read.
    List { url: String, lines: u64, files: u64, problems: u64 },
    /// A line of a list that names no usable file.
    ListProblem(ListProblem),
    /// Something the user should know that is not a failure.
    Note { message: String },
    /// The files the range and tables select, and their bytes as listed.
    Selected { files: u64, bytes: u64 },
    /// A try failed and another follows.
    Retry { name: String, attempt: u32, attempts: u32, reason: String, wait_ms: u64 },
    /// A file is done with.
    File(FileReport),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub name: String,
    pub reason: String,
}

/// The totals of a fetch.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub lists: Vec<String>,
    /// Files the lists name.
    pub listed: u64,
    pub list_problems: u64,
    pub selected: u64,
    pub downloaded: u64,
    pub skipped: u64,
    pub failed: u64,
    pub bytes_received: u64,
    pub seconds: f64,
    /// Set when a failure on this machine (a full disk, say) stopped the fetch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    pub failures: Vec<Failure>,
    /// The verified files of the selection (downloaded or skipped), in the list's order.
    #[serde(skip)]
    pub verified: Vec<PathBuf>,
}

/// Runs a fetch, calling `on_event` (on the calling thread) as things happen.
pub fn fetch(options: &Options, progress: &Progress, on_event: &mut dyn FnMut(&Event)) -> Result<Summary, FetchError> {
    let started = Instant::now();
    let selection = &options.selection;
    if selection.tables.is_empty() {
        return Err(FetchError::NoTable);
    }
    if selection.version == Version::V1
        && let Some(&other) = selection.tables.iter().find(|t| **t != Table::Events)
    {
        return Err(FetchError::Unsupported(other));
    }
    let base = base_url(&options.base_url)?;
    let out = &options.out;
    let lists_dir = out.join(".lists");
    fs::create_dir_all(&lists_dir).map_err(io_error(&lists_dir))?;
    let lock_path = out.join(".fetch.lock");
    let lock = File::create(&lock_path).map_err(io_error(&lock_path))?;
    if lock.try_lock().is_err() {
        return Err(FetchError::Locked(out.display().to_string()));
    }

    let client = Client::new(options.timeout);
    let list = Lists { client: &client, dir: &lists_dir, options };
    let (parsed, urls) = match selection.version {
        Version::V2 => {
            let name = if selection.translingual { "masterfilelist-translation.txt" } else { "masterfilelist.txt" };
            let url = format!("{base}{name}");
            let path = list.download(&url, name)?.map_err(|status| FetchError::List {
                url: url.clone(),
                reason: format!("HTTP {status}{}", status_words(status)),
            })?;
            let reader = BufReader::new(File::open(&path).map_err(io_error(&path))?);
            let parsed = parse_masterfilelist(&url, reader, &|name| selection.wants(name)).map_err(io_error(&path))?;
            (parsed, vec![url])
        }
        Version::V1 => list.v1(&base, on_event)?,
    };
    let mut summary = Summary { lists: urls, ..Summary::default() };
    on_event(&Event::List {
        url: summary.lists.join(" + "),
        lines: parsed.lines,
        files: parsed.listed,
        problems: parsed.problems.len() as u64,
    });
    for p in &parsed.problems {
        on_event(&Event::ListProblem(p.clone()));
    }
    summary.listed = parsed.listed;
    summary.list_problems = parsed.problems.len() as u64;
    let chosen = selection.select(parsed.entries);
    summary.selected = chosen.len() as u64;
    let bytes: u64 = chosen.iter().filter_map(|e| e.size).sum();
    on_event(&Event::Selected { files: chosen.len() as u64, bytes });
    progress.files_total.store(chosen.len() as u64, Ordering::Relaxed);
    progress.bytes_total.store(bytes, Ordering::Relaxed);

    let journal = Journal::open(out)?;
    let ctx = Context {
        client: &client,
        options,
        progress,
        journal,
        stop: AtomicBool::new(false),
        stopped: Mutex::new(None),
    };
    let mut reports: Vec<Option<FileReport>> = vec![None; chosen.len()];
    let queue: Mutex<VecDeque<(usize, &Listed)>> = Mutex::new(chosen.iter().enumerate().collect());
    let (tx, rx) = mpsc::channel::<Message>();
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, chosen.len().max(1)) {
            let (tx, ctx, queue) = (tx.clone(), &ctx, &queue);
            scope.spawn(move || {
                loop {
                    if ctx.stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                    let Some((index, entry)) = next else { break };
                    let report = fetch_file(ctx, entry, &tx);
                    ctx.progress.files_done.fetch_add(1, Ordering::Relaxed);
                    if tx.send(Message::Done(index, Box::new(report))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for message in rx {
            match message {
                Message::Retry(event) => on_event(&event),
                Message::Done(index, report) => {
                    on_event(&Event::File((*report).clone()));
                    if let Some(slot) = reports.get_mut(index) {
                        *slot = Some(*report);
                    }
                }
            }
        }
    });

    summary.stopped = ctx.stopped.lock().ok().and_then(|s| s.clone());
    for (entry, report) in chosen.iter().zip(reports) {
        let report = report.unwrap_or_else(|| {
            let reason = format!(
                "not tried: the fetch stopped ({})",
                summary.stopped.as_deref().unwrap_or("a worker ended early")
            );
            let report = FileReport { reason: Some(reason), ..new_report(entry, &out.join(&entry.name)) };
            on_event(&Event::File(report.clone()));
            report
        });
        summary.bytes_received += report.bytes_received;
        match report.outcome {
            Outcome::Downloaded => summary.downloaded += 1,
            Outcome::Skipped => summary.skipped += 1,
            Outcome::Failed => summary.failed += 1,
        }
        match report.outcome {
            Outcome::Failed => {
                summary.failures.push(Failure { name: report.name, reason: report.reason.unwrap_or_default() })
            }
            _ => summary.verified.push(PathBuf::from(report.path)),
        }
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn base_url(given: &str) -> Result<String, FetchError> {
    let lower = given.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !given.contains(char::is_whitespace) => {
            Ok(if given.ends_with('/') { given.to_string() } else { format!("{given}/") })
        }
        _ => Err(FetchError::BadBaseUrl(given.to_string())),
    }
}

fn status_words(status: u16) -> &'static str {
    match status {
        404 => " Not Found",
        403 => " Forbidden",
        410 => " Gone",
        416 => " Range Not Satisfiable",
        429 => " Too Many Requests",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        504 => " Gateway Timeout",
        _ => "",
    }
}

/// Statuses worth another try: the server may answer differently later.
fn transient(status: u16) -> bool {
    matches!(status, 408 | 425 | 429) || (500..=599).contains(&status)
}

fn backoff(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(1u32 << attempt.saturating_sub(1).min(16)).min(Duration::from_secs(60))
}

/// Fetching the lists themselves, kept in `OUT/.lists/` for the record.
struct Lists<'a> {
    client: &'a Client,
    dir: &'a Path,
    options: &'a Options,
}

impl Lists<'_> {
    /// Downloads a list to `.lists/NAME` (through `NAME.part`), retrying transient failures;
    /// `Ok(Err(status))` when the server answers with a status that is not worth retrying.
    fn download(&self, url: &str, name: &str) -> Result<Result<PathBuf, u16>, FetchError> {
        let path = self.dir.join(name);
        let part = self.dir.join(format!("{name}.part"));
        let mut last = String::new();
        for attempt in 1..=self.options.attempts.max(1) {
            if attempt > 1 {
                std::thread::sleep(backoff(self.options.retry_wait, attempt - 1));
            }
            let body = match self.client.get(url, 0) {
                Ok(Answer::Whole { body, .. }) => body,
                Ok(Answer::Partial { .. }) => {
                    last = "the server answered 206 to a request without a Range".into();
                    continue;
                }
                Ok(Answer::Status(status)) if transient(status) => {
                    last = format!("HTTP {status}{}", status_words(status));
                    continue;
                }
                Ok(Answer::Status(status)) => return Ok(Err(status)),
                Err(reason) => {
                    last = reason;
                    continue;
                }
            };
            let mut file = File::create(&part).map_err(io_error(&part))?;
            match copy(self.client, body, &mut file, u64::MAX, None) {
                Ok(_) => {
                    file.sync_all().map_err(io_error(&part))?;
                    fs::rename(&part, &path).map_err(io_error(&path))?;
                    return Ok(Ok(path));
                }
                Err(CopyError::Local(e)) => return Err(FetchError::Io { path: part.display().to_string(), source: e }),
                Err(CopyError::Remote(reason)) => last = reason,
            }
        }
        Err(FetchError::List { url: url.to_string(), reason: last })
    }

    /// GDELT 1.0: `md5sums` (or `index.html` when it is not served) and `filesizes`.
    fn v1(&self, base: &str, on_event: &mut dyn FnMut(&Event)) -> Result<(Parsed, Vec<String>), FetchError> {
        let sums_url = format!("{base}md5sums");
        let sizes_url = format!("{base}filesizes");
        let open = |path: &Path| File::open(path).map(BufReader::new).map_err(io_error(path));
        match self.download(&sums_url, "md5sums")? {
            Ok(sums_path) => {
                let sizes = match self.download(&sizes_url, "filesizes") {
                    Ok(Ok(path)) => Some(path),
                    Ok(Err(status)) => {
                        on_event(&Event::Note {
                            message: format!(
                                "{sizes_url}: HTTP {status}{}; sizes are checked against what the server announces",
                                status_words(status)
                            ),
                        });
                        None
                    }
                    Err(FetchError::List { url, reason }) => {
                        on_event(&Event::Note {
                            message: format!("{url}: {reason}; sizes are checked against what the server announces"),
                        });
                        None
                    }
                    Err(other) => return Err(other),
                };
                let mut sizes_reader = match &sizes {
                    Some(path) => Some(open(path)?),
                    None => None,
                };
                let sizes_arg = sizes_reader.as_mut().map(|r| (sizes_url.as_str(), r as &mut dyn BufRead));
                let parsed = parse_v1_lists(&sums_url, open(&sums_path)?, sizes_arg).map_err(io_error(&sums_path))?;
                let mut urls = vec![sums_url];
                if sizes.is_some() {
                    urls.push(sizes_url);
                }
                Ok((parsed, urls))
            }
            Err(status) => {
                let index_url = format!("{base}index.html");
                on_event(&Event::Note {
                    message: format!(
                        "{sums_url}: HTTP {status}{}; reading the MD5s from {index_url}",
                        status_words(status)
                    ),
                });
                let path = self.download(&index_url, "index.html")?.map_err(|status| FetchError::List {
                    url: index_url.clone(),
                    reason: format!("HTTP {status}{} (and md5sums too)", status_words(status)),
                })?;
                let parsed = parse_v1_index(&index_url, open(&path)?).map_err(io_error(&path))?;
                Ok((parsed, vec![index_url]))
            }
        }
    }
}

enum Message {
    Retry(Event),
    Done(usize, Box<FileReport>),
}

struct Context<'a> {
    client: &'a Client,
    options: &'a Options,
    progress: &'a Progress,
    journal: Journal,
    stop: AtomicBool,
    stopped: Mutex<Option<String>>,
}

impl Context<'_> {
    /// A failure on this machine stops the fetch: the next files would meet it too.
    fn stop_with(&self, reason: &str) {
        if let Ok(mut s) = self.stopped.lock()
            && s.is_none()
        {
            *s = Some(reason.to_string());
        }
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn new_report(entry: &Listed, path: &Path) -> FileReport {
    FileReport {
        name: entry.name.clone(),
        url: entry.url.clone(),
        outcome: Outcome::Failed,
        path: path.display().to_string(),
        size: entry.size,
        md5: entry.md5.clone(),
        bytes_received: 0,
        attempts: 0,
        resumed_from: None,
        actual_md5: None,
        reason: None,
    }
}

/// How one try ended.
enum Try {
    /// All bytes are in the `.part` (as far as the transfer can tell): verify them.
    Complete,
    /// Worth another try (a dropped connection, a timeout, a 503…).
    Again(String),
    /// Not worth another (a 404…).
    Final(String),
    /// A failure on this machine (writing, syncing…).
    Local(String),
}

fn fetch_file(ctx: &Context, entry: &Listed, tx: &mpsc::Sender<Message>) -> FileReport {
    let out = &ctx.options.out;
    let final_path = out.join(&entry.name);
    let part_path = out.join(format!("{}.part", entry.name));
    let mut report = new_report(entry, &final_path);
    let mut replaced = None;
    match ctx.journal.check(entry, &final_path) {
        Ok(OnDisk::Verified) => {
            ctx.progress.bytes_done.fetch_add(entry.size.unwrap_or(0), Ordering::Relaxed);
            report.outcome = Outcome::Skipped;
            return report;
        }
        Ok(OnDisk::Absent) => {}
        Ok(OnDisk::Removed(actual)) => replaced = Some(actual),
        Err(reason) => {
            ctx.stop_with(&reason);
            report.reason = Some(reason);
            return report;
        }
    }
    let attempts = ctx.options.attempts.max(1);
    loop {
        report.attempts += 1;
        let outcome = match try_once(ctx, entry, &part_path, &mut report) {
            Try::Complete => verify(ctx, entry, &part_path, &final_path, &mut report),
            other => other,
        };
        let reason = match outcome {
            Try::Complete => {
                report.outcome = Outcome::Downloaded;
                report.actual_md5 = None;
                report.reason = replaced.map(|actual| {
                    format!("the file there before did not match the list (MD5 {actual}) and was replaced")
                });
                return report;
            }
            Try::Local(reason) => {
                ctx.stop_with(&reason);
                report.reason = Some(reason);
                return report;
            }
            Try::Final(reason) => {
                report.reason = Some(reason);
                return report;
            }
            Try::Again(reason) => reason,
        };
        if report.attempts >= attempts || ctx.stop.load(Ordering::Relaxed) {
            let tries = if report.attempts == 1 { "1 try".to_string() } else { format!("{} tries", report.attempts) };
            report.reason = Some(format!("{reason} (after {tries})"));
            return report;
        }
        let wait = backoff(ctx.options.retry_wait, report.attempts);
        let _ = tx.send(Message::Retry(Event::Retry {
            name: entry.name.clone(),
            attempt: report.attempts,
            attempts,
            reason,
            wait_ms: u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
        }));
        std::thread::sleep(wait);
    }
}

fn local(what: &str, path: &Path, e: &io::Error) -> Try {
    Try::Local(format!("cannot {what} {}: {e}", path.display()))
}

/// One GET of the file into its `.part`, resuming when part of it is there.
fn try_once(ctx: &Context, entry: &Listed, part: &Path, report: &mut FileReport) -> Try {
    let mut have = match fs::metadata(part) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => 0,
        Err(e) => return local("read", part, &e),
    };
    if let Some(size) = entry.size {
        if have == size {
            // A run stopped after the last byte but before the check.
            return Try::Complete;
        }
        if have > size {
            have = 0;
        }
    }
    let answer = match ctx.client.get(&entry.url, have) {
        Ok(a) => a,
        Err(reason) => return Try::Again(reason),
    };
    let (body, start, announced) = match answer {
        Answer::Whole { body, length } => (body, 0, length),
        Answer::Partial { body, start, total } if start == have && have > 0 => {
            (body, start, total.map(|t| t.saturating_sub(start)))
        }
        Answer::Partial { start, .. } => {
            // Not the bytes asked for: start over.
            if let Err(e) = File::create(part) {
                return local("truncate", part, &e);
            }
            return Try::Again(format!("the server sent bytes from {start} when asked for bytes from {have}"));
        }
        Answer::Status(416) => {
            if let Err(e) = File::create(part) {
                return local("truncate", part, &e);
            }
            return Try::Again(format!("the server would not resume from byte {have} (HTTP 416); starting over"));
        }
        Answer::Status(status) if transient(status) => {
            return Try::Again(format!("HTTP {status}{}", status_words(status)));
        }
        Answer::Status(status) => return Try::Final(format!("HTTP {status}{}", status_words(status))),
    };
    if let (Some(size), Some(announced)) = (entry.size, announced)
        && start + announced != size
    {
        return Try::Again(format!("the server offers {} bytes, the list says {size}", start + announced));
    }
    let file = if start > 0 {
        if report.resumed_from.is_none() {
            ctx.progress.bytes_done.fetch_add(start, Ordering::Relaxed);
        }
        report.resumed_from = Some(start);
        OpenOptions::new().append(true).open(part)
    } else {
        File::create(part)
    };
    let mut file = match file {
        Ok(f) => f,
        Err(e) => return local("write", part, &e),
    };
    // One byte past the listed size is enough to know the file is too long.
    let limit = entry.size.map(|s| s.saturating_sub(start).saturating_add(1)).unwrap_or(u64::MAX);
    let copied = copy(ctx.client, body, &mut file, limit, Some((&ctx.progress.bytes_done, &mut report.bytes_received)));
    match copied {
        Ok(_) => match file.sync_all() {
            Ok(()) => Try::Complete,
            Err(e) => local("write", part, &e),
        },
        Err(CopyError::Remote(reason)) => {
            // Keep what arrived: the next try resumes from it.
            let _ = file.sync_all();
            Try::Again(reason)
        }
        Err(CopyError::Local(e)) => local("write", part, &e),
    }
}

enum CopyError {
    Remote(String),
    Local(io::Error),
}

/// Copies at most `limit` bytes of `body` to `file`, counting them.
fn copy(
    client: &Client,
    body: Box<dyn Read + Send>,
    file: &mut File,
    limit: u64,
    mut counters: Option<(&AtomicU64, &mut u64)>,
) -> Result<u64, CopyError> {
    let mut body = body.take(limit);
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Remote(client.describe_read(&e))),
        };
        file.write_all(&buf[..n]).map_err(CopyError::Local)?;
        total += n as u64;
        if let Some((shared, own)) = counters.as_mut() {
            shared.fetch_add(n as u64, Ordering::Relaxed);
            **own += n as u64;
        }
    }
}

/// Size and MD5 of `path`.
fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    let mut file = File::open(path)?;
    let mut md5 = Md5::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        md5.update(&buf[..n]);
        len += n as u64;
    }
    Ok((len, md5.finalize().iter().map(|b| format!("{b:02x}")).collect()))
}

/// Checks the `.part` against the list and renames it into place.
fn verify(ctx: &Context, entry: &Listed, part: &Path, final_path: &Path, report: &mut FileReport) -> Try {
    let (len, md5) = match hash_file(part) {
        Ok(x) => x,
        Err(e) => return local("read", part, &e),
    };
    let wrong = match entry.size {
        Some(size) if len < size => Some(format!("the transfer ended at {len} of {size} bytes")),
        Some(size) if len > size => Some(format!("{len} bytes arrived, the list says {size}")),
        _ if md5 != entry.md5 => {
            report.actual_md5 = Some(md5.clone());
            Some(format!("MD5 mismatch: the list says {}, the file received has {md5}", entry.md5))
        }
        _ => None,
    };
    if let Some(reason) = wrong {
        // A short file may be resumed; a wrong one starts over.
        if entry.size.is_none_or(|size| len >= size)
            && let Err(e) = fs::remove_file(part)
        {
            return local("remove", part, &e);
        }
        return Try::Again(reason);
    }
    if let Err(e) = fs::rename(part, final_path) {
        return local("rename to", final_path, &e);
    }
    sync_dir(final_path);
    match ctx.journal.record(entry, final_path) {
        Ok(()) => Try::Complete,
        Err(reason) => Try::Local(reason),
    }
}

/// Makes a rename durable where the platform allows it.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent()
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A file under its final name, compared with the list.
enum OnDisk {
    Absent,
    Verified,
    /// It did not match (MD5 given) and was removed.
    Removed(String),
}

/// `.verified.tsv`: files verified before, so that a rerun need not read them again.
struct Journal {
    path: PathBuf,
    known: HashMap<String, (String, u64, u128)>,
    file: Mutex<File>,
}

fn mtime_ns(m: &fs::Metadata) -> u128 {
    m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0)
}

impl Journal {
    fn open(out: &Path) -> Result<Journal, FetchError> {
        let path = out.join(".verified.tsv");
        let mut known = HashMap::new();
        let mut lines = 0usize;
        match File::open(&path) {
            Ok(f) => {
                for line in BufReader::new(f).split(b'\n') {
                    let line = line.map_err(io_error(&path))?;
                    lines += 1;
                    // A line cut by a kill, or any other that does not read, is passed over:
                    // its file is hashed again.
                    let Ok(text) = std::str::from_utf8(&line) else { continue };
                    let fields: Vec<&str> = text.split('\t').collect();
                    if let [md5, size, mtime, name] = fields[..]
                        && let (Ok(size), Ok(mtime)) = (size.parse::<u64>(), mtime.parse::<u128>())
                    {
                        known.insert(name.to_string(), (md5.to_string(), size, mtime));
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(FetchError::Io { path: path.display().to_string(), source: e }),
        }
        if lines > 2 * known.len() + 100 {
            Self::rewrite(&path, &known)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(&path).map_err(io_error(&path))?;
        Ok(Journal { path, known, file: Mutex::new(file) })
    }

    /// Replaces the journal by one line per file, atomically.
    fn rewrite(path: &Path, known: &HashMap<String, (String, u64, u128)>) -> Result<(), FetchError> {
        let tmp = path.with_extension("tsv.tmp");
        let mut text = String::new();
        for (name, (md5, size, mtime)) in known {
            text.push_str(&format!("{md5}\t{size}\t{mtime}\t{name}\n"));
        }
        let mut f = File::create(&tmp).map_err(io_error(&tmp))?;
        f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).map_err(io_error(&tmp))?;
        fs::rename(&tmp, path).map_err(io_error(path))
    }

    fn check(&self, entry: &Listed, path: &Path) -> Result<OnDisk, String> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Absent),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let size_ok = entry.size.is_none_or(|s| s == meta.len());
        if let Some((md5, size, mtime)) = self.known.get(&entry.name)
            && size_ok
            && *md5 == entry.md5
            && *size == meta.len()
            && *mtime == mtime_ns(&meta)
        {
            return Ok(OnDisk::Verified);
        }
        let (len, md5) = hash_file(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if md5 == entry.md5 && entry.size.is_none_or(|s| s == len) {
            self.record(entry, path)?;
            return Ok(OnDisk::Verified);
        }
        fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        Ok(OnDisk::Removed(md5))
    }

    fn record(&self, entry: &Listed, path: &Path) -> Result<(), String> {
        let meta = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let line = format!("{}\t{}\t{}\t{}\n", entry.md5, meta.len(), mtime_ns(&meta), entry.name);
        let mut file = self.file.lock().map_err(|_| "the journal's lock is poisoned".to_string())?;
        file.write_all(line.as_bytes()).map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_http_folders() {
        assert_eq!(base_url("http://data.gdeltproject.org/gdeltv2").unwrap(), "http://data.gdeltproject.org/gdeltv2/");
        assert_eq!(base_url("https://h/x/").unwrap(), "https://h/x/");
        for bad in ["ftp://h/", "data.gdeltproject.org/gdeltv2", "http://", "http:///x", "http://h /x"] {
            assert!(matches!(base_url(bad), Err(FetchError::BadBaseUrl(_))), "{bad}");
        }
    }

    #[test]
    fn waits_double_up_to_a_minute() {
        let first = Duration::from_millis(500);
        assert_eq!(backoff(first, 1), Duration::from_millis(500));
        assert_eq!(backoff(first, 2), Duration::from_secs(1));
        assert_eq!(backoff(first, 3), Duration::from_secs(2));
        assert_eq!(backoff(first, 30), Duration::from_secs(60));
    }
}
