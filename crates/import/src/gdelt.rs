//! `entente import gdelt`: GDELT event exports into Parquet, in parallel, idempotently.
//!
//! Files are grouped into chunks; each worker thread reads a chunk's files one at a time
//! (streaming, zip or plain), keeps their rows as Arrow batches per year, and writes a
//! sorted Parquet part whenever a year reaches `part_rows`, and at the chunk's end. The
//! coordinator then commits the chunk (files, parts, rejects) in one store transaction.
//! Memory is bounded by the largest file plus `part_rows` per year per worker.
//!
//! A file already imported (same name, or same content under another name) is skipped. A
//! file that cannot be read (a corrupt zip, say) is reported as failed and not recorded, so
//! a rerun tries it again.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Instant;

use arrow_array::RecordBatch;
use entente_ingest::gdelt::{EventBuilder, EventSink, Reader, Reject};
use entente_store::{GdeltFile, GdeltImport, GdeltPart, GdeltReject, Store};
use md5::{Digest, Md5};
use serde::Serialize;

use crate::parts::{remove_orphans, write_part, year_dir};

/// Why an import could not run at all (problems with single files are reported per file).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("no such file or folder: {0}")]
    Missing(String),
    #[error("the pattern {pattern} is not valid: {reason}")]
    Pattern { pattern: String, reason: String },
    #[error("another import is running in {0}; wait for it to finish")]
    Locked(String),
    #[error(transparent)]
    Store(#[from] entente_store::StoreError),
}

/// How an import runs.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Worker threads (default: the machine's cores).
    pub threads: usize,
    /// Rows a worker buffers (across years) before it writes its fullest year as a part.
    pub part_rows: usize,
    /// Uncompressed bytes a chunk (a unit of commit) aims for.
    pub chunk_bytes: u64,
    /// Rows per Parquet row group: smaller groups let statistics skip more, larger ones
    /// compress better.
    pub row_group_rows: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            part_rows: 300_000,
            chunk_bytes: 192 << 20,
            row_group_rows: 64 * 1024,
        }
    }
}

/// Counters a progress display polls while the import runs.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicU64,
    pub files_done: AtomicU64,
    /// Bytes of the files as stored on disk (compressed for zips).
    pub bytes_total: AtomicU64,
    pub bytes_done: AtomicU64,
    pub rows_read: AtomicU64,
    pub rows_stored: AtomicU64,
    pub rows_rejected: AtomicU64,
}

/// What became of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileOutcome {
    Imported,
    /// Already imported under this name.
    Skipped,
    /// Same content as a file already imported under another name.
    Duplicate,
    /// Could not be read; nothing of it was recorded.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileResult {
    pub path: String,
    pub name: String,
    pub outcome: FileOutcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    pub rows_read: u64,
    pub rows_stored: u64,
    pub rows_rejected: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The totals of an import. `rows_read = rows_stored + rows_rejected` holds overall and
/// for every file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportSummary {
    pub import_id: i64,
    pub files: u64,
    pub files_imported: u64,
    pub files_skipped: u64,
    pub files_failed: u64,
    pub rows_read: u64,
    pub rows_stored: u64,
    pub rows_rejected: u64,
    /// Bytes read from disk (compressed for zips).
    pub bytes_read: u64,
    /// Bytes of CSV after decompression.
    pub bytes_uncompressed: u64,
    pub parts_written: u64,
    /// Thread-seconds spent reading and typing rows, and sorting and writing Parquet: where
    /// the time went (their sum exceeds `seconds` when threads run side by side).
    pub read_seconds: f64,
    pub write_seconds: f64,
    /// Uncommitted parts of an earlier, killed import that were removed first.
    pub orphans_removed: u64,
    pub seconds: f64,
    pub file_results: Vec<FileResult>,
}

/// Expands the command line's paths: files as given, folders searched for GDELT exports
/// (`*.CSV`, `*.csv`, and the same with `.zip`), and glob patterns. Sorted, without repeats.
pub fn discover(inputs: &[String]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out: Vec<PathBuf> = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            walk(path, &mut out).map_err(|source| ImportError::Io { path: input.clone(), source })?;
        } else if path.is_file() {
            out.push(path.to_path_buf());
        } else if input.contains(['*', '?', '[']) {
            let entries = glob::glob(input)
                .map_err(|e| ImportError::Pattern { pattern: input.clone(), reason: e.to_string() })?;
            let before = out.len();
            for entry in entries {
                let p = entry.map_err(|e| ImportError::Io { path: input.clone(), source: e.into() })?;
                if p.is_file() {
                    out.push(p);
                }
            }
            if out.len() == before {
                return Err(ImportError::Missing(format!("{input} (the pattern matches no file)")));
            }
        } else {
            return Err(ImportError::Missing(input.clone()));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// GDELT's own export names: `…export.CSV` (2.0 and 1.0 daily, translingual too) and the
/// 1.0 backfiles `YYYY.csv` / `YYYYMM.csv`, each possibly zipped. Other CSV files in a folder
/// (a manifest, say) are not exports; name them explicitly to import them anyway.
fn is_export_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".zip").unwrap_or(&lower);
    let Some(stem) = base.strip_suffix(".csv") else { return false };
    stem.ends_with(".export") || (matches!(stem.len(), 4 | 6) && stem.bytes().all(|b| b.is_ascii_digit()))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else if is_export_name(&name) {
            out.push(path);
        }
    }
    Ok(())
}

/// A file's identity in the manifest: its name without `.zip`.
fn logical_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    match name.strip_suffix(".zip").or_else(|| name.strip_suffix(".ZIP")) {
        Some(base) => base.to_string(),
        None => name,
    }
}

fn is_zip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Counts bytes read from disk, for progress.
struct Counting<'a, R> {
    inner: R,
    progress: &'a Progress,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes_done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct Input {
    path: PathBuf,
    name: String,
    size: u64,
    id: i64,
}

struct Chunk {
    index: usize,
    files: Vec<Input>,
}

struct ChunkDone {
    files: Vec<GdeltFile>,
    parts: Vec<GdeltPart>,
    rejects: Vec<GdeltReject>,
    results: Vec<FileResult>,
    bytes_uncompressed: u64,
    read_seconds: f64,
    write_seconds: f64,
}

impl ChunkDone {
    /// A chunk whose parts could not all be written: its parts and their rollups are deleted,
    /// and its files, imported so far, fail with it (their rows may be in a deleted part).
    fn chunk_failed(mut self, shared: &Shared<'_>, parts: &[GdeltPart], e: &io::Error) -> ChunkDone {
        for p in parts {
            let _ = std::fs::remove_file(shared.data.join(&p.path));
            let _ = std::fs::remove_file(shared.data.join(&p.counts_path));
        }
        for r in self.results.iter_mut().filter(|r| r.outcome == FileOutcome::Imported) {
            r.outcome = FileOutcome::Failed;
            r.reason = Some(format!("its chunk could not be written: {e}"));
        }
        self.files.clear();
        self.rejects.clear();
        self
    }
}

/// Rows of one file, per year, while it is read.
#[derive(Default)]
struct FileSink {
    building: BTreeMap<i32, EventBuilder>,
    batches: Vec<(i32, RecordBatch)>,
}

const BATCH_ROWS: usize = 64 * 1024;

impl EventSink for FileSink {
    fn builder(&mut self, year: i32) -> &mut EventBuilder {
        self.building.entry(year).or_default()
    }

    fn row_added(&mut self, year: i32) -> io::Result<()> {
        if let Some(b) = self.building.get_mut(&year)
            && b.len() >= BATCH_ROWS
        {
            self.batches.push((year, b.finish()));
        }
        Ok(())
    }
}

impl FileSink {
    fn into_batches(mut self) -> Vec<(i32, RecordBatch)> {
        for (year, mut b) in std::mem::take(&mut self.building) {
            if !b.is_empty() {
                self.batches.push((year, b.finish()));
            }
        }
        self.batches
    }
}

/// State the workers share.
struct Shared<'a> {
    data: &'a Path,
    import_id: i64,
    options: &'a ImportOptions,
    progress: &'a Progress,
    /// MD5 → name of every file imported before or during this run.
    contents: Mutex<HashMap<String, String>>,
    queue: Mutex<VecDeque<Chunk>>,
}

/// Imports `files` into the data folder `data` (whose store is `store`), reporting to
/// `progress` as it goes.
pub fn import(
    data: &Path,
    store: &mut Store,
    files: &[PathBuf],
    options: &ImportOptions,
    progress: &Progress,
) -> Result<ImportSummary, ImportError> {
    let started = Instant::now();
    let gdelt_dir = data.join("gdelt");
    std::fs::create_dir_all(&gdelt_dir)
        .map_err(|source| ImportError::Io { path: gdelt_dir.display().to_string(), source })?;
    let lock_path = gdelt_dir.join(".import.lock");
    let lock =
        File::create(&lock_path).map_err(|source| ImportError::Io { path: lock_path.display().to_string(), source })?;
    if lock.try_lock().is_err() {
        return Err(ImportError::Locked(data.display().to_string()));
    }

    let orphans_removed = remove_orphans(data, &store.gdelt_parts()?)
        .map_err(|source| ImportError::Io { path: gdelt_dir.display().to_string(), source })?
        as u64;
    let import_id = store.gdelt_begin_import()?;
    let mut summary = ImportSummary { import_id, orphans_removed, files: files.len() as u64, ..Default::default() };

    // Which files to read: not already imported, each name once.
    let mut next_id = store.gdelt_max_file_id()? + 1;
    let mut todo: Vec<Input> = Vec::new();
    let mut seen_names: HashMap<String, PathBuf> = HashMap::new();
    for path in files {
        let name = logical_name(path);
        let display = path.display().to_string();
        let skipped = |reason: String| FileResult {
            path: display.clone(),
            name: name.clone(),
            outcome: FileOutcome::Skipped,
            version: None,
            rows_read: 0,
            rows_stored: 0,
            rows_rejected: 0,
            reason: Some(reason),
        };
        if let Some(first) = seen_names.get(&name) {
            summary.file_results.push(skipped(format!("same name as {} in this import", first.display())));
            continue;
        }
        seen_names.insert(name.clone(), path.clone());
        if let Some(done) = store.gdelt_file_named(&name)? {
            summary.file_results.push(skipped(format!("already imported (file {}, {} rows)", done.id, done.rows_read)));
            continue;
        }
        let size = match std::fs::metadata(path) {
            Ok(m) => m.len(),
            Err(e) => {
                summary.file_results.push(FileResult {
                    outcome: FileOutcome::Failed,
                    reason: Some(e.to_string()),
                    ..skipped(String::new())
                });
                continue;
            }
        };
        todo.push(Input { path: path.clone(), name, size, id: next_id });
        next_id += 1;
    }
    progress.files_total.store(todo.len() as u64, Ordering::Relaxed);
    progress.bytes_total.store(todo.iter().map(|f| f.size).sum(), Ordering::Relaxed);

    let contents: HashMap<String, String> = store.gdelt_files()?.into_iter().map(|f| (f.md5, f.name)).collect();
    let threads = options.threads.max(1);
    let chunks = make_chunks(todo, options.chunk_bytes, threads);
    let shared = Shared {
        data,
        import_id,
        options,
        progress,
        contents: Mutex::new(contents),
        queue: Mutex::new(chunks.into_iter().collect()),
    };

    let (tx, rx) = mpsc::channel::<ChunkDone>();
    let mut commit_error: Option<ImportError> = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move || {
                let reader = Reader::new();
                loop {
                    let next = shared.queue.lock().ok().and_then(|mut q| q.pop_front());
                    let Some(chunk) = next else { break };
                    let done = run_chunk(shared, &reader, chunk);
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for mut done in rx {
            if commit_error.is_some() {
                discard(data, &done.parts);
                continue;
            }
            match store.gdelt_commit(import_id, &done.files, &done.parts, &done.rejects) {
                Ok(()) => {}
                Err(e) => {
                    discard(data, &done.parts);
                    for r in done.results.iter_mut().filter(|r| r.outcome == FileOutcome::Imported) {
                        r.outcome = FileOutcome::Failed;
                        r.reason = Some(format!("not recorded: {e}"));
                    }
                    commit_error = Some(e.into());
                    // Stop handing out work; chunks in flight are discarded above.
                    if let Ok(mut q) = shared.queue.lock() {
                        q.clear();
                    }
                }
            }
            summary.parts_written += done.parts.len() as u64;
            summary.read_seconds += done.read_seconds;
            summary.write_seconds += done.write_seconds;
            summary.bytes_uncompressed += done.bytes_uncompressed;
            summary.file_results.extend(done.results);
        }
    });

    for r in &summary.file_results {
        match r.outcome {
            FileOutcome::Imported => {
                summary.files_imported += 1;
                summary.rows_read += r.rows_read;
                summary.rows_stored += r.rows_stored;
                summary.rows_rejected += r.rows_rejected;
            }
            FileOutcome::Skipped | FileOutcome::Duplicate => summary.files_skipped += 1,
            FileOutcome::Failed => summary.files_failed += 1,
        }
    }
    summary.file_results.sort_by(|a, b| a.path.cmp(&b.path));
    summary.bytes_read = progress.bytes_done.load(Ordering::Relaxed);
    summary.seconds = started.elapsed().as_secs_f64();
    store.gdelt_finish_import(&GdeltImport {
        id: import_id,
        status: if commit_error.is_some() { "failed" } else { "done" }.into(),
        files_seen: summary.files as i64,
        files_imported: summary.files_imported as i64,
        files_skipped: summary.files_skipped as i64,
        files_failed: summary.files_failed as i64,
        rows_read: summary.rows_read as i64,
        rows_stored: summary.rows_stored as i64,
        rows_rejected: summary.rows_rejected as i64,
        ..Default::default()
    })?;
    drop(lock);
    match commit_error {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

fn discard(data: &Path, parts: &[GdeltPart]) {
    for p in parts {
        // A part left behind is an orphan the next import removes.
        let _ = std::fs::remove_file(data.join(&p.path));
    }
}

/// Groups files into chunks of about `target` uncompressed bytes, and at least two chunks
/// per thread when there are enough files, so the threads share the work.
fn make_chunks(files: Vec<Input>, target: u64, threads: usize) -> Vec<Chunk> {
    let estimate = |f: &Input| if is_zip(&f.path) { f.size * 8 } else { f.size };
    let total: u64 = files.iter().map(estimate).sum();
    let target = target.min(total / (2 * threads as u64).max(1)).max(1 << 20);
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut current: Vec<Input> = Vec::new();
    let mut bytes = 0u64;
    for f in files {
        bytes += estimate(&f);
        current.push(f);
        if bytes >= target {
            chunks.push(Chunk { index: chunks.len(), files: std::mem::take(&mut current) });
            bytes = 0;
        }
    }
    if !current.is_empty() {
        chunks.push(Chunk { index: chunks.len(), files: current });
    }
    chunks
}

/// Hashes what passes through, for the manifest's MD5.
struct Hashing<R> {
    inner: R,
    md5: Md5,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.md5.update(&buf[..n]);
        Ok(n)
    }
}

fn hex(md5: Md5) -> String {
    md5.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `f` on the file's uncompressed content (the single member of a zip, or the file)
/// and returns its result with the MD5 of the file as stored: of the zip for a zip, as
/// GDELT's own file lists give it, and of the CSV for a plain file.
fn with_stream<T>(
    path: &Path,
    progress: &Progress,
    f: impl FnOnce(&mut dyn Read) -> io::Result<T>,
) -> io::Result<(T, String)> {
    let file = Counting { inner: File::open(path)?, progress };
    if !is_zip(path) {
        let mut hashing = Hashing { inner: BufReader::with_capacity(1 << 20, file), md5: Md5::new() };
        let out = f(&mut hashing)?;
        return Ok((out, hex(hashing.md5)));
    }
    // A zip is read whole (GDELT's are a few megabytes at most) and hashed once.
    let mut bytes = Vec::new();
    BufReader::new(file).read_to_end(&mut bytes)?;
    let md5 = hex(Md5::new_with_prefix(&bytes));
    let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes))
        .map_err(|e| io::Error::other(format!("not a readable zip: {e}")))?;
    if archive.len() != 1 {
        return Err(io::Error::other(format!("the zip holds {} files; a GDELT export holds one", archive.len())));
    }
    let mut member = archive.by_index(0).map_err(|e| io::Error::other(format!("cannot read the zip member: {e}")))?;
    Ok((f(&mut member)?, md5))
}

/// Holds one chunk's rows per year and writes parts as they fill.
struct ChunkParts<'a> {
    shared: &'a Shared<'a>,
    chunk: usize,
    buffers: BTreeMap<i32, (Vec<RecordBatch>, usize)>,
    parts: Vec<GdeltPart>,
}

impl ChunkParts<'_> {
    fn add(&mut self, year: i32, batch: RecordBatch) -> io::Result<()> {
        let entry = self.buffers.entry(year).or_default();
        entry.1 += batch.num_rows();
        entry.0.push(batch);
        // Memory is bounded by the rows buffered across all years: past the limit, the
        // fullest year is written out.
        let buffered: usize = self.buffers.values().map(|(_, rows)| rows).sum();
        if buffered >= self.shared.options.part_rows
            && let Some(fullest) = self.buffers.iter().max_by_key(|(_, (_, rows))| *rows).map(|(y, _)| *y)
        {
            self.flush(fullest)?;
        }
        Ok(())
    }

    fn flush(&mut self, year: i32) -> io::Result<()> {
        let Some((batches, rows)) = self.buffers.remove(&year) else { return Ok(()) };
        if rows == 0 {
            return Ok(());
        }
        let rel = format!(
            "{}/part-{:06}-{:05}-{:03}.parquet",
            year_dir(year),
            self.shared.import_id,
            self.chunk,
            self.parts.len()
        );
        let part = write_part(self.shared.data, &rel, year, batches, self.shared.options.row_group_rows)?;
        self.parts.push(part);
        Ok(())
    }
}

fn run_chunk(shared: &Shared<'_>, reader: &Reader, chunk: Chunk) -> ChunkDone {
    let mut out = ChunkParts { shared, chunk: chunk.index, buffers: BTreeMap::new(), parts: Vec::new() };
    let mut done = ChunkDone {
        files: Vec::new(),
        parts: Vec::new(),
        rejects: Vec::new(),
        results: Vec::new(),
        bytes_uncompressed: 0,
        read_seconds: 0.0,
        write_seconds: 0.0,
    };
    let progress = shared.progress;
    for input in chunk.files {
        let display = input.path.display().to_string();
        let mut result = FileResult {
            path: display.clone(),
            name: input.name.clone(),
            outcome: FileOutcome::Failed,
            version: None,
            rows_read: 0,
            rows_stored: 0,
            rows_rejected: 0,
            reason: None,
        };
        let mut sink = FileSink::default();
        let mut rejects: Vec<Reject> = Vec::new();
        let started = Instant::now();
        let read = with_stream(&input.path, progress, |stream| reader.read(stream, input.id, &mut sink, &mut rejects));
        done.read_seconds += started.elapsed().as_secs_f64();
        progress.files_done.fetch_add(1, Ordering::Relaxed);
        let (stats, md5) = match read {
            Ok(s) => s,
            Err(e) => {
                result.reason = Some(e.to_string());
                done.results.push(result);
                continue;
            }
        };
        done.bytes_uncompressed += stats.bytes;
        result.version = stats.version.map(|v| v.number());
        {
            let Ok(mut contents) = shared.contents.lock() else {
                result.reason = Some("internal error: a worker thread failed".into());
                done.results.push(result);
                continue;
            };
            if let Some(other) = contents.get(&md5) {
                result.outcome = FileOutcome::Duplicate;
                result.reason = Some(format!("same content as {other}, already imported"));
                done.results.push(result);
                continue;
            }
            contents.insert(md5.clone(), input.name.clone());
        }
        result.rows_read = stats.rows_read;
        result.rows_stored = stats.rows_stored;
        result.rows_rejected = stats.rows_rejected;
        let mut write_error = None;
        let started = Instant::now();
        for (year, batch) in sink.into_batches() {
            if let Err(e) = out.add(year, batch) {
                write_error = Some(e);
                break;
            }
        }
        done.write_seconds += started.elapsed().as_secs_f64();
        if let Some(e) = write_error {
            // The chunk's parts may now hold part of this file: the whole chunk fails.
            result.reason = Some(format!("cannot write Parquet: {e}"));
            done.results.push(result);
            return done.chunk_failed(shared, &out.parts, &e);
        }
        progress.rows_read.fetch_add(stats.rows_read, Ordering::Relaxed);
        progress.rows_stored.fetch_add(stats.rows_stored, Ordering::Relaxed);
        progress.rows_rejected.fetch_add(stats.rows_rejected, Ordering::Relaxed);
        done.rejects.extend(rejects.into_iter().map(|r| GdeltReject {
            file_id: input.id,
            line: r.line as i64,
            reason: r.reason,
            excerpt: r.excerpt,
        }));
        done.files.push(GdeltFile {
            id: input.id,
            name: input.name,
            path: std::fs::canonicalize(&input.path).map(|p| p.display().to_string()).unwrap_or(display),
            size: input.size as i64,
            md5,
            version: stats.version.map(|v| v.number()).unwrap_or(0),
            rows_read: stats.rows_read as i64,
            rows_stored: stats.rows_stored as i64,
            rows_rejected: stats.rows_rejected as i64,
        });
        result.outcome = FileOutcome::Imported;
        done.results.push(result);
    }
    let years: Vec<i32> = out.buffers.keys().copied().collect();
    let started = Instant::now();
    for year in years {
        if let Err(e) = out.flush(year) {
            return done.chunk_failed(shared, &out.parts, &e);
        }
    }
    done.write_seconds += started.elapsed().as_secs_f64();
    done.parts = out.parts;
    done
}
