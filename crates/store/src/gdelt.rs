//! The manifest of the GDELT event import: which files were imported (with size, MD5 and
//! row counts that add up), which Parquet parts hold their rows, which lines were rejected
//! and why, and a log of every import. A part is visible to queries only once it is here.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{Result, Store, StoreError};

/// One imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GdeltFile {
    pub id: i64,
    /// The file's name without `.zip` (`20191024143000.export.CSV`).
    pub name: String,
    pub path: String,
    /// Bytes on disk.
    pub size: i64,
    /// MD5 of the file as stored: of the zip for a zip (as GDELT's file lists give it), of
    /// the CSV for a plain file.
    pub md5: String,
    /// GDELT version: 1 or 2 (0 when no line was a GDELT row).
    pub version: i64,
    pub rows_read: i64,
    pub rows_stored: i64,
    pub rows_rejected: i64,
}

/// One Parquet file of events, by its path relative to the data folder, with its rollup of
/// events per country and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GdeltPart {
    pub path: String,
    pub counts_path: String,
    pub year: i64,
    pub rows: i64,
    pub bytes: i64,
    pub min_date: String,
    pub max_date: String,
}

/// A line that was not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GdeltReject {
    pub file_id: i64,
    pub line: i64,
    pub reason: String,
    pub excerpt: String,
}

/// One import run, as the log keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GdeltImport {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub files_seen: i64,
    pub files_imported: i64,
    pub files_skipped: i64,
    pub files_failed: i64,
    pub rows_read: i64,
    pub rows_stored: i64,
    pub rows_rejected: i64,
}

impl Store {
    /// Starts an import in the log; imports still marked running (killed ones) become
    /// `interrupted`. The caller holds the import lock.
    pub fn gdelt_begin_import(&self) -> Result<i64> {
        self.conn.execute("UPDATE gdelt_imports SET status = 'interrupted' WHERE status = 'running'", [])?;
        self.conn.execute("INSERT INTO gdelt_imports (started_at, status) VALUES (datetime('now'), 'running')", [])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Closes an import in the log with its totals.
    pub fn gdelt_finish_import(&self, log: &GdeltImport) -> Result<()> {
        self.conn.execute(
            "UPDATE gdelt_imports SET finished_at = datetime('now'), status = ?2, files_seen = ?3, files_imported = ?4,
               files_skipped = ?5, files_failed = ?6, rows_read = ?7, rows_stored = ?8, rows_rejected = ?9
             WHERE id = ?1",
            params![
                log.id,
                log.status,
                log.files_seen,
                log.files_imported,
                log.files_skipped,
                log.files_failed,
                log.rows_read,
                log.rows_stored,
                log.rows_rejected
            ],
        )?;
        Ok(())
    }

    pub fn gdelt_imports(&self) -> Result<Vec<GdeltImport>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, started_at, finished_at, status, files_seen, files_imported, files_skipped, files_failed,
                    rows_read, rows_stored, rows_rejected FROM gdelt_imports ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(GdeltImport {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                status: r.get(3)?,
                files_seen: r.get(4)?,
                files_imported: r.get(5)?,
                files_skipped: r.get(6)?,
                files_failed: r.get(7)?,
                rows_read: r.get(8)?,
                rows_stored: r.get(9)?,
                rows_rejected: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The imported file called `name`, if any.
    pub fn gdelt_file_named(&self, name: &str) -> Result<Option<GdeltFile>> {
        self.gdelt_file_where("name = ?1", name)
    }

    /// The imported file with this content, if any.
    pub fn gdelt_file_with_md5(&self, md5: &str) -> Result<Option<GdeltFile>> {
        self.gdelt_file_where("md5 = ?1", md5)
    }

    fn gdelt_file_where(&self, clause: &str, arg: &str) -> Result<Option<GdeltFile>> {
        let sql = format!(
            "SELECT id, name, path, size, md5, version, rows_read, rows_stored, rows_rejected FROM gdelt_files WHERE {clause}"
        );
        Ok(self.conn.query_row(&sql, [arg], file_row).optional()?)
    }

    /// Every imported file, by id.
    pub fn gdelt_files(&self) -> Result<Vec<GdeltFile>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, path, size, md5, version, rows_read, rows_stored, rows_rejected FROM gdelt_files ORDER BY id",
        )?;
        let rows = stmt.query_map([], file_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The largest file id used so far (0 when none).
    pub fn gdelt_max_file_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM gdelt_files", [], |r| r.get(0))?)
    }

    /// Records, in one transaction, files whose rows are in `parts`, with their rejects.
    /// Either all of it becomes visible or none.
    pub fn gdelt_commit(
        &mut self,
        import_id: i64,
        files: &[GdeltFile],
        parts: &[GdeltPart],
        rejects: &[GdeltReject],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for f in files {
            let clash: Option<String> = tx
                .query_row("SELECT name FROM gdelt_files WHERE name = ?1 OR md5 = ?2", params![f.name, f.md5], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(other) = clash {
                return Err(StoreError::Conflict(format!("{} is already imported (as {other})", f.name)));
            }
            tx.execute(
                "INSERT INTO gdelt_files (id, name, path, size, md5, version, rows_read, rows_stored, rows_rejected, import_id, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, datetime('now'))",
                params![
                    f.id,
                    f.name,
                    f.path,
                    f.size,
                    f.md5,
                    f.version,
                    f.rows_read,
                    f.rows_stored,
                    f.rows_rejected,
                    import_id
                ],
            )?;
        }
        for p in parts {
            tx.execute(
                "INSERT INTO gdelt_parts (path, counts_path, year, rows, bytes, min_date, max_date, import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![p.path, p.counts_path, p.year, p.rows, p.bytes, p.min_date, p.max_date, import_id],
            )?;
        }
        {
            let mut stmt =
                tx.prepare("INSERT INTO gdelt_rejects (file_id, line, reason, excerpt) VALUES (?1, ?2, ?3, ?4)")?;
            for r in rejects {
                stmt.execute(params![r.file_id, r.line, r.reason, r.excerpt])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces `old` parts by `new` ones (a compaction), in one transaction.
    pub fn gdelt_replace_parts(&mut self, old: &[GdeltPart], new: &GdeltPart) -> Result<()> {
        let tx = self.conn.transaction()?;
        let import_id: Option<i64> = tx
            .query_row("SELECT import_id FROM gdelt_parts WHERE path = ?1", [&old[0].path], |r| r.get(0))
            .optional()?;
        let Some(import_id) = import_id else {
            return Err(StoreError::Conflict(format!("part {} is no longer in the manifest", old[0].path)));
        };
        for p in old {
            let n = tx.execute("DELETE FROM gdelt_parts WHERE path = ?1", [&p.path])?;
            if n != 1 {
                return Err(StoreError::Conflict(format!("part {} is no longer in the manifest", p.path)));
            }
        }
        tx.execute(
            "INSERT INTO gdelt_parts (path, counts_path, year, rows, bytes, min_date, max_date, import_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![new.path, new.counts_path, new.year, new.rows, new.bytes, new.min_date, new.max_date, import_id],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every committed part, by path.
    pub fn gdelt_parts(&self) -> Result<Vec<GdeltPart>> {
        let mut stmt = self.conn.prepare(
            "SELECT path, counts_path, year, rows, bytes, min_date, max_date FROM gdelt_parts ORDER BY path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(GdeltPart {
                path: r.get(0)?,
                counts_path: r.get(1)?,
                year: r.get(2)?,
                rows: r.get(3)?,
                bytes: r.get(4)?,
                min_date: r.get(5)?,
                max_date: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Rejected lines, of one file or all, in file and line order.
    pub fn gdelt_rejects(&self, file_id: Option<i64>) -> Result<Vec<GdeltReject>> {
        let mut stmt = self.conn.prepare(
            "SELECT file_id, line, reason, excerpt FROM gdelt_rejects WHERE ?1 IS NULL OR file_id = ?1 ORDER BY file_id, line",
        )?;
        let rows = stmt.query_map([file_id], |r| {
            Ok(GdeltReject { file_id: r.get(0)?, line: r.get(1)?, reason: r.get(2)?, excerpt: r.get(3)? })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

fn file_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GdeltFile> {
    Ok(GdeltFile {
        id: r.get(0)?,
        name: r.get(1)?,
        path: r.get(2)?,
        size: r.get(3)?,
        md5: r.get(4)?,
        version: r.get(5)?,
        rows_read: r.get(6)?,
        rows_stored: r.get(7)?,
        rows_rejected: r.get(8)?,
    })
}
