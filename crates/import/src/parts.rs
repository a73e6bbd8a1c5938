//! Parquet parts: sorted by actor countries so that row-group statistics let a dyad query
//! skip most of a file, written under a temporary name and renamed when whole.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::collections::HashMap;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type};
use arrow_array::{Array, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use arrow_select::interleave::interleave_record_batch;
use entente_store::GdeltPart;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

/// Columns queries filter on: they get page-level statistics (the others row-group level).
const FILTER_COLUMNS: [&str; 11] = [
    "actor_pair",
    "sql_date",
    "month_year",
    "year",
    "actor1_iso3",
    "actor2_iso3",
    "action_geo_iso3",
    "event_root_code",
    "quad_class",
    "actor1_country_code",
    "actor2_country_code",
];

/// Columns of nearly unique values, where a dictionary only costs time.
const PLAIN_COLUMNS: [&str; 3] = ["global_event_id", "source_line", "fraction_date"];

/// The folder, relative to the data folder, that holds the parts of `year` (their rollups sit
/// in the same place under `gdelt/country_counts`).
pub fn year_dir(year: i32) -> String {
    format!("gdelt/events/year={year}")
}

fn to_io(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// ISO date of a day count since the epoch.
fn iso_date(days: i32) -> String {
    let z = i64::from(days) + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A three-letter code packed into an integer (null sorts last).
fn code(s: &StringArray, i: usize) -> u64 {
    if s.is_null(i) {
        return NO_CODE;
    }
    s.value(i).bytes().take(3).fold(0u64, |acc, b| (acc << 8) | u64::from(b))
}

const NO_CODE: u64 = 0xFF_FFFF;

fn unpack(code: u64) -> String {
    let bytes = [(code >> 16) as u8, (code >> 8) as u8, code as u8];
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A multiplicative hasher for the rollup's integer keys: the default SipHash costs more
/// than the rest of the counting.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Events per (country code, month), for the rollup.
pub(crate) type Counts = HashMap<u64, i64, std::hash::BuildHasherDefault<KeyHasher>>;

fn count_key(code: u64, month: i32) -> u64 {
    (code << 32) | u64::from(month as u32)
}

/// Each row's sort key: the actors' pair in alphabetical order (both directions of a dyad
/// together, as `actor_pair` says), then the day. Codes and day are packed into one integer,
/// so the sort compares integers, not strings. Also counts, per country and month, the
/// events each country takes part in (once per event), for the part's rollup.
pub(crate) fn sort_keys(batch: &RecordBatch, mut counts: Option<&mut Counts>) -> io::Result<Vec<u64>> {
    let schema = batch.schema();
    let column = |name: &str| schema.index_of(name).map(|i| batch.column(i)).map_err(to_io);
    let (a1, a2) = (column("actor1_iso3")?.as_string::<i32>(), column("actor2_iso3")?.as_string::<i32>());
    let dates = column("sql_date")?.as_primitive::<Date32Type>();
    let months = column("month_year")?.as_primitive::<Int32Type>();
    let mut keys = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let (x, y) = (code(a1, i), code(a2, i));
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        keys.push((lo << 40) | (hi << 16) | dates.value(i).clamp(0, 0xFFFF) as u64);
        if let Some(counts) = counts.as_deref_mut() {
            let month = months.value(i);
            if lo != NO_CODE {
                *counts.entry(count_key(lo, month)).or_default() += 1;
            }
            if hi != NO_CODE && hi != lo {
                *counts.entry(count_key(hi, month)).or_default() += 1;
            }
        }
    }
    Ok(keys)
}

/// The schema of a part's country-month rollup.
pub(crate) fn counts_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("country", DataType::Utf8, false),
        Field::new("year", DataType::Int32, false),
        Field::new("month_year", DataType::Int32, false),
        Field::new("events", DataType::Int64, false),
    ]))
}

/// Adds a part's rollup (as [`write_counts`] wrote it) to `counts`.
pub(crate) fn read_counts(path: &Path, counts: &mut Counts) -> io::Result<()> {
    let file = File::open(path)?;
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(to_io)?;
    for batch in reader {
        let batch = batch.map_err(to_io)?;
        let schema = batch.schema();
        let column = |name: &str| schema.index_of(name).map(|i| batch.column(i)).map_err(to_io);
        let (country, month) =
            (column("country")?.as_string::<i32>(), column("month_year")?.as_primitive::<Int32Type>());
        let events = column("events")?.as_primitive::<arrow_array::types::Int64Type>();
        for i in 0..batch.num_rows() {
            *counts.entry(count_key(code(country, i), month.value(i))).or_default() += events.value(i);
        }
    }
    Ok(())
}

/// Sorts `batches` by (actor1_iso3, actor2_iso3, sql_date) and writes them as one part at
/// `data/rel_path`, returning its manifest row. Rows are gathered straight from the input
/// batches into sorted order one row group at a time, so besides the inputs only one row
/// group's copy is alive: a part's rows are held once, not twice.
pub fn write_part(
    data: &Path,
    rel_path: &str,
    year: i32,
    batches: Vec<RecordBatch>,
    row_group_rows: usize,
) -> io::Result<GdeltPart> {
    let schema = entente_ingest::gdelt::schema();
    let rows = batches.iter().map(RecordBatch::num_rows).sum::<usize>();
    let mut order: Vec<(u64, u32, u32)> = Vec::with_capacity(rows);
    let mut counts = Counts::default();
    for (b, batch) in batches.iter().enumerate() {
        for (row, key) in sort_keys(batch, Some(&mut counts))?.into_iter().enumerate() {
            order.push((key, b as u32, row as u32));
        }
    }
    // Stable, so rows with equal keys keep their input order.
    order.sort_by_key(|(key, _, _)| *key);
    let indices: Vec<(usize, usize)> = order.into_iter().map(|(_, b, r)| (b as usize, r as usize)).collect();
    let refs: Vec<&RecordBatch> = batches.iter().collect();
    let date_column = schema.index_of("sql_date").map_err(to_io)?;

    let final_path = data.join(rel_path);
    let dir = final_path.parent().map(Path::to_path_buf).unwrap_or_else(|| data.to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let tmp: PathBuf = final_path.with_extension("parquet.tmp");
    let row_group_rows = row_group_rows.max(1024);
    let props = writer_properties(row_group_rows);
    let file = File::create(&tmp)?;
    let mut writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props)).map_err(to_io)?;
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    for slice in indices.chunks(row_group_rows) {
        let sorted = interleave_record_batch(&refs, slice).map_err(to_io)?;
        let dates = sorted.column(date_column).as_primitive::<Date32Type>();
        for i in 0..dates.len() {
            if dates.is_valid(i) {
                lo = lo.min(dates.value(i));
                hi = hi.max(dates.value(i));
            }
        }
        writer.write(&sorted).map_err(to_io)?;
        // Each slice is one row group: the writer encodes it now and drops its copy.
        writer.flush().map_err(to_io)?;
    }
    drop(refs);
    drop(batches);
    let file = writer.into_inner().map_err(to_io)?;
    file.sync_all()?;
    let bytes = file.metadata()?.len();
    drop(file);
    std::fs::rename(&tmp, &final_path)?;
    if let Ok(d) = File::open(&dir) {
        // Make the rename durable; not every platform can sync a folder, so failure is fine.
        let _ = d.sync_all();
    }
    let counts_rel = rel_path.replacen("gdelt/events/", "gdelt/country_counts/", 1);
    write_counts(data, &counts_rel, counts)?;
    Ok(GdeltPart {
        path: rel_path.to_string(),
        counts_path: counts_rel,
        year: i64::from(year),
        rows: rows as i64,
        bytes: bytes as i64,
        min_date: if lo == i32::MAX { String::new() } else { iso_date(lo) },
        max_date: if hi == i32::MIN { String::new() } else { iso_date(hi) },
    })
}

/// How parts are written: Snappy, row groups of `row_group_rows`, page statistics on the
/// columns queries filter on, no dictionary where values are nearly unique.
pub(crate) fn writer_properties(row_group_rows: usize) -> WriterProperties {
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(row_group_rows.max(1024)))
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .set_created_by(format!("entente {}", env!("CARGO_PKG_VERSION")));
    for c in FILTER_COLUMNS {
        props = props.set_column_statistics_enabled(c.into(), EnabledStatistics::Page);
    }
    for c in PLAIN_COLUMNS {
        props = props.set_column_dictionary_enabled(c.into(), false);
    }
    props.build()
}

/// Writes a part's rollup: events per country and month.
pub(crate) fn write_counts(data: &Path, rel_path: &str, counts: Counts) -> io::Result<()> {
    let mut rows: Vec<((u64, i32), i64)> =
        counts.into_iter().map(|(k, n)| ((k >> 32, (k & 0xFFFF_FFFF) as u32 as i32), n)).collect();
    rows.sort_unstable();
    let country: StringArray = rows.iter().map(|((c, _), _)| Some(unpack(*c))).collect();
    let year: Int32Array = rows.iter().map(|((_, m), _)| Some(m / 100)).collect();
    let month: Int32Array = rows.iter().map(|((_, m), _)| Some(*m)).collect();
    let events: Int64Array = rows.iter().map(|(_, n)| Some(*n)).collect();
    let batch = RecordBatch::try_new(
        counts_schema(),
        vec![Arc::new(country), Arc::new(year), Arc::new(month), Arc::new(events)],
    )
    .map_err(to_io)?;
    let path = data.join(rel_path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("parquet.tmp");
    let file = File::create(&tmp)?;
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut writer = ArrowWriter::try_new(file, counts_schema(), Some(props)).map_err(to_io)?;
    writer.write(&batch).map_err(to_io)?;
    let file = writer.into_inner().map_err(to_io)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, &path)
}

/// Deletes files under `data/gdelt/events` and `data/gdelt/country_counts` that the
/// manifest does not list: parts of an import that was killed before its commit. Returns
/// how many were removed.
pub fn remove_orphans(data: &Path, committed: &[GdeltPart]) -> io::Result<usize> {
    let keep: std::collections::HashSet<&str> =
        committed.iter().flat_map(|p| [p.path.as_str(), p.counts_path.as_str()]).collect();
    let mut removed = 0;
    let mut stack: Vec<PathBuf> =
        ["gdelt/events", "gdelt/country_counts"].iter().map(|d| data.join(d)).filter(|d| d.exists()).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(data).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
            if !keep.contains(rel.as_str()) {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(11_017), "2000-03-01");
        assert_eq!(iso_date(19_999), "2024-10-03");
    }
}
