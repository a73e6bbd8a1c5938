//! Compaction: merges a year's many small parts (an import writes one per chunk and thread)
//! into few large ones, because a query pays for every file it opens.
//!
//! By default ([`CompactMode::Concat`]) the parts' row groups are copied into the new part
//! byte for byte, with their statistics and page index: each row group stays sorted by
//! (actor pair, day), so a dyad's query still skips what does not hold the pair, and the cost
//! is about that of copying the files. [`CompactMode::Sort`] merges the parts, each sorted by
//! the same key, in one streaming pass (a k-way merge over their record batches) with memory
//! bounded by a batch per input, into a part sorted as a whole. The new parts
//! replace the old ones in one store transaction; the old files are deleted after it, and a
//! compaction killed at any point leaves either the old set or the new set visible, never a
//! mix (files left behind are orphans the next import or compaction removes).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use arrow_array::RecordBatch;
use arrow_select::interleave::interleave_record_batch;
use entente_store::{GdeltPart, Store};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::column::writer::ColumnCloseResult;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaDataReader};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use serde::Serialize;

use crate::gdelt::ImportError;
use crate::parts::{self, Counts, sort_keys, writer_properties};

/// What a compaction did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CompactSummary {
    pub mode: CompactMode,
    pub years: usize,
    pub parts_before: usize,
    pub parts_after: usize,
    pub rows: i64,
    pub seconds: f64,
    pub orphans_removed: usize,
}

/// How large compacted parts get.
#[derive(Debug, Clone, Copy)]
pub struct CompactOptions {
    /// Rows per compacted part at most.
    pub target_rows: i64,
    pub row_group_rows: usize,
    /// Groups merged side by side.
    pub threads: usize,
    /// How a group becomes one part.
    pub mode: CompactMode,
}

/// How a group of parts becomes one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompactMode {
    /// The inputs' row groups copied as they are, without decoding: each row group stays
    /// sorted by (actor pair, day) with its statistics and page index, so a dyad's query still
    /// skips the others; the part is not sorted as a whole. Costs about a file copy.
    #[default]
    Concat,
    /// A streaming k-way merge into one part sorted as a whole: a dyad's rows then sit in
    /// one or two row groups, at the cost of decoding and encoding every row once more.
    Sort,
}

impl Default for CompactOptions {
    fn default() -> Self {
        CompactOptions {
            target_rows: 4_000_000,
            row_group_rows: 64 * 1024,
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2),
            mode: CompactMode::default(),
        }
    }
}

fn io_err(path: &Path) -> impl Fn(io::Error) -> ImportError + '_ {
    move |source| ImportError::Io { path: path.display().to_string(), source }
}

/// Compacts every year with more than one part that is smaller than the target.
pub fn compact(data: &Path, store: &mut Store, options: CompactOptions) -> Result<CompactSummary, ImportError> {
    let started = Instant::now();
    let lock_path = data.join("gdelt/.import.lock");
    std::fs::create_dir_all(data.join("gdelt")).map_err(io_err(&lock_path))?;
    let lock = File::create(&lock_path).map_err(io_err(&lock_path))?;
    if lock.try_lock().is_err() {
        return Err(ImportError::Locked(data.display().to_string()));
    }
    let committed = store.gdelt_parts()?;
    let orphans_removed = parts::remove_orphans(data, &committed).map_err(io_err(data))?;
    let mut summary =
        CompactSummary { mode: options.mode, parts_before: committed.len(), orphans_removed, ..Default::default() };
    let plan = Plan::new(committed, options.target_rows);
    summary.rows = plan.rows;
    summary.years = plan.years;
    summary.parts_after = plan.kept;
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    // Each group of small parts becomes one merged part; groups are merged side by side on
    // worker threads and committed one by one as they finish.
    let mut work: Vec<(String, i32, Vec<GdeltPart>)> = Vec::new();
    for (year, n, group) in plan.groups {
        let rel = format!("{}/part-c{stamp}-{n:03}.parquet", parts::year_dir(year));
        work.push((rel, year, group));
    }
    let queue = std::sync::Mutex::new(work);
    let (tx, rx) = std::sync::mpsc::channel::<(Vec<GdeltPart>, Result<GdeltPart, ImportError>)>();
    let mut first_error: Option<ImportError> = None;
    std::thread::scope(|scope| {
        for _ in 0..options.threads.max(1) {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some((rel, year, group)) = next else { break };
                    let merged = match options.mode {
                        CompactMode::Concat => concat(data, &rel, year, &group),
                        CompactMode::Sort => merge(data, &rel, year, &group, options.row_group_rows),
                    };
                    if tx.send((group, merged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (group, merged) in rx {
            let committed =
                merged.and_then(|m| store.gdelt_replace_parts(&group, &m).map(|()| m).map_err(ImportError::from));
            match committed {
                Ok(_) => {
                    summary.parts_after += 1;
                    for old in &group {
                        // Removed from the manifest already: a failure here leaves an orphan.
                        let _ = std::fs::remove_file(data.join(&old.path));
                        let _ = std::fs::remove_file(data.join(&old.counts_path));
                    }
                }
                Err(e) => {
                    // The group stays as it was; a merged file left behind is an orphan.
                    summary.parts_after += group.len();
                    if first_error.is_none() {
                        first_error = Some(e);
                    }
                    if let Ok(mut q) = queue.lock() {
                        q.clear();
                    }
                }
            }
        }
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    drop(lock);
    Ok(summary)
}

/// Which parts a compaction merges: per year, the parts smaller than half the target,
/// grouped up to the target; a group of one stays as it is.
struct Plan {
    /// (year, group number in the year, parts), each group of two parts or more.
    groups: Vec<(i32, usize, Vec<GdeltPart>)>,
    /// Parts that stay as they are.
    kept: usize,
    /// Years with something to merge.
    years: usize,
    rows: i64,
}

impl Plan {
    fn new(committed: Vec<GdeltPart>, target_rows: i64) -> Plan {
        let mut plan = Plan { groups: Vec::new(), kept: 0, years: 0, rows: 0 };
        let mut by_year: BTreeMap<i64, Vec<GdeltPart>> = BTreeMap::new();
        for p in committed {
            by_year.entry(p.year).or_default().push(p);
        }
        for (year, parts) in by_year {
            plan.rows += parts.iter().map(|p| p.rows).sum::<i64>();
            // Parts already large stay; the small ones are grouped up to the target.
            let (large, small): (Vec<GdeltPart>, Vec<GdeltPart>) =
                parts.into_iter().partition(|p| p.rows >= target_rows / 2);
            plan.kept += large.len();
            if small.len() < 2 {
                plan.kept += small.len();
                continue;
            }
            plan.years += 1;
            let mut groups: Vec<Vec<GdeltPart>> = vec![Vec::new()];
            let mut rows = 0;
            for p in small {
                if rows + p.rows > target_rows
                    && let Some(last) = groups.last()
                    && !last.is_empty()
                {
                    groups.push(Vec::new());
                    rows = 0;
                }
                rows += p.rows;
                if let Some(last) = groups.last_mut() {
                    last.push(p);
                }
            }
            for (n, group) in groups.into_iter().enumerate() {
                if group.len() < 2 {
                    plan.kept += group.len();
                } else {
                    plan.groups.push((year as i32, n, group));
                }
            }
        }
        plan
    }
}

/// Whether [`compact`] would merge anything: some year has small parts to merge (an import
/// that wrote several, or one killed before it could compact what it committed).
pub fn pending(store: &Store, options: &CompactOptions) -> Result<bool, ImportError> {
    Ok(!Plan::new(store.gdelt_parts()?, options.target_rows).groups.is_empty())
}

/// One input of the merge: its reader, its current batch and keys, and where it stands.
struct Input {
    reader: ParquetRecordBatchReader,
    /// Index of the current batch in the merge's window.
    window: usize,
    keys: Vec<u64>,
    row: usize,
}

impl Input {
    fn next_batch(&mut self, window: &mut Vec<Option<RecordBatch>>) -> io::Result<bool> {
        loop {
            match self.reader.next() {
                None => return Ok(false),
                Some(Err(e)) => return Err(io::Error::other(e.to_string())),
                Some(Ok(batch)) if batch.num_rows() == 0 => continue,
                Some(Ok(batch)) => {
                    self.keys = sort_keys(&batch, None)?;
                    self.row = 0;
                    window.push(Some(batch));
                    self.window = window.len() - 1;
                    return Ok(true);
                }
            }
        }
    }
}

/// Copies the row groups of `group`'s parts, as they are, into one part at `rel`, and adds
/// up their rollups.
fn concat(data: &Path, rel: &str, year: i32, group: &[GdeltPart]) -> Result<GdeltPart, ImportError> {
    let out_path = data.join(rel);
    let failed = io_err(&out_path);
    let parquet_err = |path: &Path, e: parquet::errors::ParquetError| ImportError::Io {
        path: path.display().to_string(),
        source: io::Error::other(e.to_string()),
    };
    let mut inputs = Vec::with_capacity(group.len());
    for p in group {
        let path = data.join(&p.path);
        let file = File::open(&path).map_err(io_err(&path))?;
        let metadata = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Optional)
            .parse_and_finish(&file)
            .map_err(|e| parquet_err(&path, e))?;
        inputs.push((path, file, metadata));
    }
    let Some((first_path, _, first)) = inputs.first() else {
        return Err(failed(io::Error::other("no part to compact")));
    };
    let schema = first.file_metadata().schema_descr().root_schema_ptr();
    for (path, _, m) in &inputs[1..] {
        if m.file_metadata().schema_descr().root_schema_ptr() != schema {
            return Err(failed(io::Error::other(format!(
                "{} and {} have different schemas; compact with --mode sort",
                first_path.display(),
                path.display()
            ))));
        }
    }
    // The Arrow schema that the import wrote beside the Parquet one goes along, so readers
    // see the same types.
    let props = WriterProperties::builder()
        .set_created_by(format!("entente {}", env!("CARGO_PKG_VERSION")))
        .set_key_value_metadata(first.file_metadata().key_value_metadata().cloned())
        .build();
    if let Some(dir) = out_path.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = out_path.with_extension("parquet.tmp");
    let file = File::create(&tmp).map_err(io_err(&tmp))?;
    let mut writer = SerializedFileWriter::new(file, schema, Arc::new(props)).map_err(|e| parquet_err(&tmp, e))?;
    let mut rows = 0i64;
    for (path, file, metadata) in &inputs {
        let (column_index, offset_index) = (metadata.column_index(), metadata.offset_index());
        for (g, row_group) in metadata.row_groups().iter().enumerate() {
            let mut out = writer.next_row_group().map_err(|e| parquet_err(&tmp, e))?;
            for (c, column) in row_group.columns().iter().enumerate() {
                let close = ColumnCloseResult {
                    bytes_written: column.compressed_size() as u64,
                    rows_written: row_group.num_rows() as u64,
                    metadata: column.clone(),
                    bloom_filter: None,
                    column_index: column_index.and_then(|i| i.get(g)).and_then(|r| r.get(c)).cloned(),
                    offset_index: offset_index.and_then(|i| i.get(g)).and_then(|r| r.get(c)).cloned(),
                };
                out.append_column(file, close).map_err(|e| parquet_err(path, e))?;
            }
            out.close().map_err(|e| parquet_err(&tmp, e))?;
            rows += row_group.num_rows();
        }
    }
    let file = writer.into_inner().map_err(|e| parquet_err(&tmp, e))?;
    file.sync_all().map_err(&failed)?;
    let bytes = file.metadata().map_err(&failed)?.len();
    drop(file);
    std::fs::rename(&tmp, &out_path).map_err(&failed)?;
    let mut counts = Counts::default();
    for p in group {
        let path = data.join(&p.counts_path);
        parts::read_counts(&path, &mut counts).map_err(io_err(&path))?;
    }
    finish_part(data, rel, year, group, rows, bytes, counts)
}

/// Writes the merged part's rollups beside it and describes the part for the manifest.
fn finish_part(
    data: &Path,
    rel: &str,
    year: i32,
    group: &[GdeltPart],
    rows: i64,
    bytes: u64,
    counts: Counts,
) -> Result<GdeltPart, ImportError> {
    let counts_rel = rel.replacen("gdelt/events/", "gdelt/country_counts/", 1);
    parts::write_counts(data, &counts_rel, counts).map_err(io_err(&data.join(&counts_rel)))?;
    Ok(GdeltPart {
        path: rel.to_string(),
        counts_path: counts_rel,
        year: i64::from(year),
        rows,
        bytes: bytes as i64,
        min_date: group.iter().map(|p| p.min_date.clone()).filter(|d| !d.is_empty()).min().unwrap_or_default(),
        max_date: group.iter().map(|p| p.max_date.clone()).max().unwrap_or_default(),
    })
}

/// Merges sorted parts into one sorted part at `rel`.
fn merge(
    data: &Path,
    rel: &str,
    year: i32,
    group: &[GdeltPart],
    row_group_rows: usize,
) -> Result<GdeltPart, ImportError> {
    let out_path = data.join(rel);
    let failed = io_err(&out_path);
    let schema = entente_ingest::gdelt::schema();
    let mut window: Vec<Option<RecordBatch>> = Vec::new();
    let mut inputs: Vec<Input> = Vec::new();
    for p in group {
        let path = data.join(&p.path);
        let file = File::open(&path).map_err(io_err(&path))?;
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(file).and_then(|b| b.with_batch_size(8192).build()).map_err(
                |e| ImportError::Io { path: path.display().to_string(), source: io::Error::other(e.to_string()) },
            )?;
        let mut input = Input { reader, window: 0, keys: Vec::new(), row: 0 };
        if input.next_batch(&mut window).map_err(io_err(&path))? {
            inputs.push(input);
        }
    }
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> =
        inputs.iter().enumerate().map(|(i, inp)| Reverse((inp.keys[0], i))).collect();

    if let Some(dir) = out_path.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = out_path.with_extension("parquet.tmp");
    let file = File::create(&tmp).map_err(io_err(&tmp))?;
    let to_io = |e: parquet::errors::ParquetError| io::Error::other(e.to_string());
    let mut writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(writer_properties(row_group_rows)))
        .map_err(to_io)
        .map_err(&failed)?;
    let mut pending: Vec<(usize, usize)> = Vec::with_capacity(65_536);
    let mut counts = Counts::default();
    let mut rows = 0i64;
    let flush = |window: &mut Vec<Option<RecordBatch>>,
                 pending: &mut Vec<(usize, usize)>,
                 live: &[usize],
                 writer: &mut ArrowWriter<File>,
                 counts: &mut Counts|
     -> io::Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        // Only the batches this output uses take part; others are placeholders.
        let used: Vec<usize> = {
            let mut u: Vec<usize> = pending.iter().map(|(b, _)| *b).collect();
            u.sort_unstable();
            u.dedup();
            u
        };
        let refs: Vec<&RecordBatch> = used.iter().filter_map(|b| window[*b].as_ref()).collect();
        let remap: Vec<(usize, usize)> =
            pending.iter().map(|(b, r)| (used.binary_search(b).unwrap_or(0), *r)).collect();
        let out = interleave_record_batch(&refs, &remap).map_err(|e| io::Error::other(e.to_string()))?;
        sort_keys(&out, Some(counts))?;
        writer.write(&out).map_err(|e| io::Error::other(e.to_string()))?;
        pending.clear();
        // Batches no input is reading any more can go.
        for (i, slot) in window.iter_mut().enumerate() {
            if !live.contains(&i) {
                *slot = None;
            }
        }
        Ok(())
    };
    while let Some(Reverse((_, i))) = heap.pop() {
        let input = &mut inputs[i];
        pending.push((input.window, input.row));
        rows += 1;
        input.row += 1;
        let exhausted = input.row == input.keys.len();
        if exhausted {
            // The current batch must be written before the input moves on, or its rows
            // would point at a batch that is gone.
            let live: Vec<usize> = inputs.iter().map(|inp| inp.window).collect();
            flush(&mut window, &mut pending, &live, &mut writer, &mut counts).map_err(&failed)?;
            let input = &mut inputs[i];
            if input.next_batch(&mut window).map_err(&failed)? {
                heap.push(Reverse((input.keys[0], i)));
            }
        } else {
            heap.push(Reverse((input.keys[input.row], i)));
            if pending.len() >= 65_536 {
                let live: Vec<usize> = inputs.iter().map(|inp| inp.window).collect();
                flush(&mut window, &mut pending, &live, &mut writer, &mut counts).map_err(&failed)?;
            }
        }
    }
    let live: Vec<usize> = Vec::new();
    flush(&mut window, &mut pending, &live, &mut writer, &mut counts).map_err(&failed)?;
    let file = writer.into_inner().map_err(to_io).map_err(&failed)?;
    file.sync_all().map_err(&failed)?;
    let bytes = file.metadata().map_err(&failed)?.len();
    drop(file);
    std::fs::rename(&tmp, &out_path).map_err(&failed)?;
    finish_part(data, rel, year, group, rows, bytes, counts)
}
