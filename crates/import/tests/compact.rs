//! Compaction on real GDELT files, in both modes: the compacted parts hold the same rows and
//! rollups, sorted as a whole (sort) or row group by row group (concat).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use entente_import::{CompactMode, CompactOptions, ImportOptions, Progress, compact, import};
use entente_store::Store;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// The sort key of every row of a part, in file order: the actors' countries in
/// alphabetical order (a missing one after every code), the day; and the event id.
/// A row's (actor pair, day) key and its event id.
type Keyed = ((String, String, i32), i64);

fn rows(path: &Path) -> Vec<Keyed> {
    keyed(ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap().build().unwrap())
}

/// Each row's (actor pair, day) key and event id.
fn keyed(reader: parquet::arrow::arrow_reader::ParquetRecordBatchReader) -> Vec<Keyed> {
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

/// Rows of each row group of a part, in file order.
fn row_groups(path: &Path) -> Vec<Vec<Keyed>> {
    let file = std::fs::File::open(path).unwrap();
    let groups = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().metadata().num_row_groups();
    (0..groups)
        .map(|g| {
            let file = std::fs::File::open(path).unwrap();
            let reader =
                ParquetRecordBatchReaderBuilder::try_new(file).unwrap().with_row_groups(vec![g]).build().unwrap();
            keyed(reader)
        })
        .collect()
}

/// Events per (country, month) in the rollups of `parts`.
fn rollups(data: &Path, parts: &[entente_store::GdeltPart]) -> BTreeMap<(String, i32), i64> {
    let mut out = BTreeMap::new();
    for p in parts {
        let file = std::fs::File::open(data.join(&p.counts_path)).unwrap();
        for batch in ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap() {
            let batch = batch.unwrap();
            let col = |n: &str| batch.column(batch.schema().index_of(n).unwrap()).clone();
            let (country, month, events) = (col("country"), col("month_year"), col("events"));
            let (country, month, events) = (
                country.as_string::<i32>(),
                month.as_primitive::<arrow_array::types::Int32Type>(),
                events.as_primitive::<arrow_array::types::Int64Type>(),
            );
            for i in 0..batch.num_rows() {
                *out.entry((country.value(i).to_string(), month.value(i))).or_default() += events.value(i);
            }
        }
    }
    out
}

fn compacted_parts_keep_every_row_and_the_rollups(mode: CompactMode) {
    let Some(folder) = entente_testkit::shared_data("gdelt/events/v2_15min/oreillyross_GDELT_Downloader") else {
        return;
    };
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
    let counts_before = rollups(data, &before);

    let options = CompactOptions { target_rows: 40_000, row_group_rows: 4096, threads: 2, mode };
    let result = compact(data, &mut store, options).unwrap();
    let after = store.gdelt_parts().unwrap();
    assert_eq!(result.parts_after, after.len());
    assert!(after.len() < before.len() / 4, "{} → {}", before.len(), after.len());
    let mut all_after = Vec::new();
    for p in &after {
        let r = rows(&data.join(&p.path));
        assert_eq!(r.len() as i64, p.rows);
        match mode {
            CompactMode::Sort => assert!(r.windows(2).all(|w| w[0].0 <= w[1].0), "{} is not sorted", p.path),
            // Each row group is sorted, so statistics and the page index still narrow a dyad.
            CompactMode::Concat => {
                for (g, rows) in row_groups(&data.join(&p.path)).iter().enumerate() {
                    assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0), "{} row group {g} is not sorted", p.path);
                }
            }
        }
        all_after.extend(r.into_iter().map(|(_, id)| id));
    }
    all_after.sort_unstable();
    assert_eq!(all_after, all_before, "the same rows, each once");
    assert_eq!(rollups(data, &after), counts_before, "the rollups add up");
    // The old files are gone; only the manifest's remain.
    let mut on_disk = 0;
    for sub in ["gdelt/events", "gdelt/country_counts"] {
        for year in std::fs::read_dir(data.join(sub)).unwrap() {
            on_disk += std::fs::read_dir(year.unwrap().path()).unwrap().count();
        }
    }
    assert_eq!(on_disk, 2 * after.len());
}

#[test]
fn sorted_compaction_keeps_every_row_in_key_order() {
    compacted_parts_keep_every_row_and_the_rollups(CompactMode::Sort);
}

#[test]
fn concatenated_compaction_keeps_every_row_and_sorted_row_groups() {
    compacted_parts_keep_every_row_and_the_rollups(CompactMode::Concat);
}
