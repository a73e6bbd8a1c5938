//! `entente import gdelt`: runs the import with a progress bar and prints its summary.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::Result;
use entente_import::{
    CompactOptions, CompactSummary, FileOutcome, ImportOptions, ImportSummary, Progress, discover, import,
};
use entente_store::Store;
use indicatif::ProgressBar;

use crate::output::Format;
use crate::progress::ByteBar;

pub fn gdelt(
    data: &std::path::Path,
    store: &mut Store,
    paths: &[String],
    threads: Option<usize>,
    sizes: (u64, usize, usize),
    compact_after: bool,
    format: Format,
) -> Result<ExitCode> {
    let files = discover(paths)?;
    let (summary, compaction) = import_files(data, store, &files, threads, sizes, compact_after)?;
    print_import(&summary, compaction.as_ref(), format)?;
    Ok(if summary.files_failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Imports `files` with a progress bar (on a terminal), then merges small parts when asked;
/// also the hand-off of `entente fetch gdelt --import`.
pub fn import_files(
    data: &std::path::Path,
    store: &mut Store,
    files: &[std::path::PathBuf],
    threads: Option<usize>,
    (chunk_mb, part_rows, row_group_rows): (u64, usize, usize),
    compact_after: bool,
) -> Result<(ImportSummary, Option<CompactSummary>)> {
    let mut options = ImportOptions::default();
    if let Some(t) = threads {
        options.threads = t.max(1);
    }
    options.chunk_bytes = chunk_mb.max(1) << 20;
    options.part_rows = part_rows.max(1);
    options.row_group_rows = row_group_rows;
    let progress = Arc::new(Progress::default());
    let bar = {
        let progress = Arc::clone(&progress);
        ByteBar::start(ProgressBar::new(0), move || {
            let count = |c: &std::sync::atomic::AtomicU64| c.load(Ordering::Relaxed);
            let message = format!(
                "files {}/{} · rows {} stored, {} rejected",
                count(&progress.files_done),
                count(&progress.files_total),
                count(&progress.rows_stored),
                count(&progress.rows_rejected),
            );
            (count(&progress.bytes_done), count(&progress.bytes_total), message)
        })
    };
    let result = import(data, store, files, &options, &progress);
    bar.finish();
    let summary = result?;
    // Whenever a year has small parts to merge, not only when this run wrote them: a rerun
    // after an import killed during its compaction finishes the compaction too.
    let options = CompactOptions { row_group_rows, ..CompactOptions::default() };
    let compaction = if compact_after && entente_import::compact::pending(store, &options)? {
        eprintln!("Merging small parts…");
        Some(entente_import::compact(data, store, options)?)
    } else {
        None
    };
    Ok((summary, compaction))
}

/// The summary of an import: pretty JSON, or a line with the files that need attention.
pub fn print_import(summary: &ImportSummary, compaction: Option<&CompactSummary>, format: Format) -> Result<()> {
    match format {
        Format::Json => {
            let mut value = serde_json::to_value(summary)?;
            if let (Some(c), Some(obj)) = (compaction, value.as_object_mut()) {
                obj.insert("compaction".into(), serde_json::to_value(c)?);
            }
            serde_json::to_writer_pretty(std::io::stdout().lock(), &value)?;
            println!();
        }
        Format::Table | Format::Csv => {
            let skipped = summary.file_results.iter().filter(|r| r.outcome == FileOutcome::Skipped).count();
            if skipped > 0 {
                let files = crate::output::count(skipped as u64, "file was", "files were");
                eprintln!("{files} imported before and skipped.");
            }
            for r in &summary.file_results {
                match r.outcome {
                    FileOutcome::Skipped => {}
                    FileOutcome::Imported if r.rows_rejected > 0 => {
                        let stored = crate::output::count(r.rows_stored, "row", "rows");
                        eprintln!("{}: {stored} stored, {} rejected", r.path, r.rows_rejected)
                    }
                    FileOutcome::Imported => {}
                    _ => eprintln!(
                        "{}: {}{}",
                        r.path,
                        match r.outcome {
                            FileOutcome::Skipped => "skipped",
                            FileOutcome::Duplicate => "duplicate",
                            _ => "FAILED",
                        },
                        r.reason.as_ref().map(|s| format!(": {s}")).unwrap_or_default()
                    ),
                }
            }
            let mb = summary.bytes_uncompressed as f64 / 1e6;
            let secs = summary.seconds.max(1e-9);
            println!(
                "import {}: {} files ({} imported, {} skipped, {} failed); {} rows read = {} stored + {} rejected; {:.1} MB in {:.2} s ({:.0} rows/s, {:.1} MB/s); {} Parquet parts",
                summary.import_id,
                summary.files,
                summary.files_imported,
                summary.files_skipped,
                summary.files_failed,
                summary.rows_read,
                summary.rows_stored,
                summary.rows_rejected,
                mb,
                secs,
                summary.rows_read as f64 / secs,
                mb / secs,
                summary.parts_written
            );
            if summary.rows_rejected > 0 {
                println!("See the rejects with: entente query \"SELECT * FROM gdelt_rejects\"");
            }
            if let Some(c) = compaction {
                print_compaction(c);
            }
        }
    }
    Ok(())
}

fn print_compaction(c: &CompactSummary) {
    println!(
        "compaction ({}): {} parts → {} in {:.2} s ({} years merged, {} rows)",
        match c.mode {
            entente_import::CompactMode::Concat => "row groups copied",
            entente_import::CompactMode::Sort => "sorted merge",
        },
        c.parts_before,
        c.parts_after,
        c.seconds,
        c.years,
        c.rows
    );
}

/// `entente compact gdelt`.
pub fn compact(
    data: &std::path::Path,
    store: &mut Store,
    target_rows: i64,
    mode: entente_import::CompactMode,
    format: Format,
) -> Result<ExitCode> {
    let options = CompactOptions { target_rows: target_rows.max(1), mode, ..CompactOptions::default() };
    let summary = entente_import::compact(data, store, options)?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(std::io::stdout().lock(), &summary)?;
            println!();
        }
        Format::Table | Format::Csv => print_compaction(&summary),
    }
    Ok(ExitCode::SUCCESS)
}
