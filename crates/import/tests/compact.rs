//! Compaction on a real GDELT file: the merged parts hold the same rows, in key order.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use entente_import::{CompactOptions, ImportOptions, Progress, compact, import};
use entente_store::Store;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var("ENTENTE_ALLOW_MISSING").as_deref() == Ok("1"),
        "{} is missing (set ENTENTE_ALLOW_MISSING=1 to skip the tests that need it)",
        p.display()
    );
    eprintln!("SKIPPED (ENTENTE_ALLOW_MISSING=1): {} is not there", p.display());
    None
}

/// The sort key of every row of a part, in file order: the actors' countries in
/// alphabetical order (a missing one after every code), the day; and the event id.
fn rows(path: &Path) -> Vec<((String, String, i32), i64)> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap().build().unwrap();
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = |n: &str| batch.column(batch.schema().index_of(n).unwrap()).clone();
        let (a1, a2, date, id) = (col("actor1_iso3"), col("actor2_iso3"), col("sql_date"), col("global_event_id"));
        let (a1, a2, date, id) = (
            a1.as_string::<i32>(),
            a2.as_string::<i32>(),
            date.as_primitive::<arrow_array::types::Date32Type>(),
            id.as_primitive::<arrow_array::types::Int64Type>(),
        );
        let code = |a: &arrow_array::StringArray, i: usize| {
            if arrow_array::Array::is_null(a, i) { "~".to_string() } else { a.value(i).to_string() }
        };
        for i in 0..batch.num_rows() {
            let (x, y) = (code(a1, i), code(a2, i));
            let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
            out.push(((lo, hi, date.value(i).max(0)), id.value(i)));
        }
    }
    out
}

#[test]
fn merged_parts_keep_every_row_in_key_order() {
    let Some(folder) = shared("gdelt/events/v2_15min/oreillyross_GDELT_Downloader") else { return };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut store = Store::open(&data.join("entente.db")).unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
    // Small chunks and parts, so there is much to merge.
    let options = ImportOptions { threads: 2, part_rows: 5_000, chunk_bytes: 1 << 20, row_group_rows: 4096 };
    let summary = import(data, &mut store, &files, &options, &Progress::default()).unwrap();
    assert!(summary.parts_written > 20, "{}", summary.parts_written);
    let before = store.gdelt_parts().unwrap();
    let mut all_before: Vec<i64> = before.iter().flat_map(|p| rows(&data.join(&p.path))).map(|(_, id)| id).collect();
    all_before.sort_unstable();

    let result =
        compact(data, &mut store, CompactOptions { target_rows: 40_000, row_group_rows: 4096, threads: 2 }).unwrap();
    let after = store.gdelt_parts().unwrap();
    assert_eq!(result.parts_after, after.len());
    assert!(after.len() < before.len() / 4, "{} → {}", before.len(), after.len());
    let mut all_after = Vec::new();
    for p in &after {
        let r = rows(&data.join(&p.path));
        assert_eq!(r.len() as i64, p.rows);
        assert!(r.windows(2).all(|w| w[0].0 <= w[1].0), "{} is not sorted", p.path);
        all_after.extend(r.into_iter().map(|(_, id)| id));
    }
    all_after.sort_unstable();
    assert_eq!(all_after, all_before, "the same rows, each once");
    // The old files are gone; only the manifest's remain.
    let mut on_disk = 0;
    for sub in ["gdelt/events", "gdelt/country_counts"] {
        for year in std::fs::read_dir(data.join(sub)).unwrap() {
            on_disk += std::fs::read_dir(year.unwrap().path()).unwrap().count();
        }
    }
    assert_eq!(on_disk, 2 * after.len());
}
