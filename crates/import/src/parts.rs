//! Parquet parts: sorted by actor countries so that row-group statistics let a dyad query
//! skip most of a file, written under a temporary name and renamed when whole.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, RecordBatch};
use arrow_ord::sort::{SortColumn, SortOptions, lexsort_to_indices};
use arrow_select::concat::concat_batches;
use arrow_select::take::take_record_batch;
use entente_store::GdeltPart;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};

/// Rows per Parquet row group: small enough for statistics to prune well.
const ROW_GROUP_ROWS: usize = 64 * 1024;

/// The folder, relative to the data folder, that holds the parts of `year`.
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

/// Sorts `batches` by (actor1_iso3, actor2_iso3, sql_date) and writes them as one part at
/// `data/rel_path`, returning its manifest row.
pub fn write_part(data: &Path, rel_path: &str, year: i32, batches: &[RecordBatch]) -> io::Result<GdeltPart> {
    let schema = entente_ingest::gdelt::schema();
    let batch = concat_batches(&schema, batches).map_err(to_io)?;
    let column = |name: &str| schema.index_of(name).map(|i| Arc::clone(batch.column(i))).map_err(to_io);
    let options = Some(SortOptions { descending: false, nulls_first: false });
    let keys = vec![
        SortColumn { values: column("actor1_iso3")?, options },
        SortColumn { values: column("actor2_iso3")?, options },
        SortColumn { values: column("sql_date")?, options },
    ];
    let order = lexsort_to_indices(&keys, None).map_err(to_io)?;
    let sorted = take_record_batch(&batch, &order).map_err(to_io)?;

    let dates = Arc::clone(sorted.column(schema.index_of("sql_date").map_err(to_io)?));
    let dates = dates.as_primitive::<Date32Type>();
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    for i in 0..dates.len() {
        if dates.is_valid(i) {
            lo = lo.min(dates.value(i));
            hi = hi.max(dates.value(i));
        }
    }

    let final_path = data.join(rel_path);
    let dir = final_path.parent().map(Path::to_path_buf).unwrap_or_else(|| data.to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let tmp: PathBuf = final_path.with_extension("parquet.tmp");
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_created_by(format!("entente {}", env!("CARGO_PKG_VERSION")))
        .build();
    let file = File::create(&tmp)?;
    let mut writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props)).map_err(to_io)?;
    writer.write(&sorted).map_err(to_io)?;
    let file = writer.into_inner().map_err(to_io)?;
    file.sync_all()?;
    let bytes = file.metadata()?.len();
    drop(file);
    std::fs::rename(&tmp, &final_path)?;
    if let Ok(d) = File::open(&dir) {
        // Make the rename durable; not every platform can sync a folder, so failure is fine.
        let _ = d.sync_all();
    }
    Ok(GdeltPart {
        path: rel_path.to_string(),
        year: i64::from(year),
        rows: sorted.num_rows() as i64,
        bytes: bytes as i64,
        min_date: if lo == i32::MAX { String::new() } else { iso_date(lo) },
        max_date: if hi == i32::MIN { String::new() } else { iso_date(hi) },
    })
}

/// Deletes files under `data/gdelt/events` that the manifest does not list: parts of an
/// import that was killed before its commit. Returns how many were removed.
pub fn remove_orphans(data: &Path, committed: &[GdeltPart]) -> io::Result<usize> {
    let root = data.join("gdelt/events");
    if !root.exists() {
        return Ok(0);
    }
    let keep: std::collections::HashSet<&str> = committed.iter().map(|p| p.path.as_str()).collect();
    let mut removed = 0;
    let mut stack = vec![root];
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
        assert_eq!(iso_date(19_999), "2024-10-04");
    }
}
