//! Versioned migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each migration runs in its own transaction, so a store is always at a whole version.

use std::path::Path;

use rusqlite::Connection;

use crate::{Result, StoreError};

/// The migrations, in order. Never edit one that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: curated records, their citations, typed projections and the search index.
    r#"
    CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT,
        licence TEXT,
        origin TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        loaded_at TEXT NOT NULL
    );

    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('source', 'actor', 'programme', 'event', 'observation', 'claim')),
        dataset TEXT NOT NULL REFERENCES datasets(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX records_by_kind ON records(kind, id);
    CREATE INDEX records_by_dataset ON records(dataset);

    CREATE TABLE citations (
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        source_id TEXT NOT NULL REFERENCES records(id),
        locator TEXT NOT NULL,
        quote TEXT,
        reference_id TEXT REFERENCES records(id),
        PRIMARY KEY (record_id, ord)
    );
    CREATE INDEX citations_by_source ON citations(source_id);
    CREATE INDEX citations_by_reference ON citations(reference_id);

    CREATE TABLE events (
        id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        date TEXT NOT NULL,
        date_key INTEGER NOT NULL,
        end_key INTEGER NOT NULL,
        precision TEXT NOT NULL CHECK (precision IN ('year', 'month', 'day')),
        host TEXT,
        programme TEXT REFERENCES records(id)
    );
    CREATE INDEX events_by_date ON events(date_key);

    CREATE TABLE event_countries (
        event_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        country TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('host', 'projecting', 'other')),
        PRIMARY KEY (event_id, country, role)
    );
    CREATE INDEX event_countries_by_country ON event_countries(country, event_id);

    CREATE TABLE event_domains (
        event_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        domain TEXT NOT NULL,
        PRIMARY KEY (event_id, domain)
    );

    CREATE TABLE event_actors (
        event_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL REFERENCES records(id),
        role TEXT NOT NULL,
        PRIMARY KEY (event_id, actor_id, role)
    );
    CREATE INDEX event_actors_by_actor ON event_actors(actor_id);

    CREATE TABLE observations (
        id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        country TEXT,
        from_country TEXT,
        to_country TEXT,
        period TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        academic INTEGER NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL
    );
    CREATE INDEX observations_by_pair ON observations(indicator, from_country, to_country, period_start);
    CREATE INDEX observations_by_country ON observations(indicator, country, period_start);

    CREATE VIRTUAL TABLE search USING fts5(
        record_id UNINDEXED,
        lang UNINDEXED,
        text,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    "#,
    // 2: the GDELT event import's manifest: imports (the log), files, Parquet parts, rejects.
    r#"
    CREATE TABLE gdelt_imports (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
        files_seen INTEGER NOT NULL DEFAULT 0,
        files_imported INTEGER NOT NULL DEFAULT 0,
        files_skipped INTEGER NOT NULL DEFAULT 0,
        files_failed INTEGER NOT NULL DEFAULT 0,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_stored INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        CHECK (rows_read = rows_stored + rows_rejected)
    );

    CREATE TABLE gdelt_files (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        md5 TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL CHECK (version IN (0, 1, 2)),
        rows_read INTEGER NOT NULL,
        rows_stored INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        import_id INTEGER NOT NULL REFERENCES gdelt_imports(id),
        imported_at TEXT NOT NULL,
        CHECK (rows_read = rows_stored + rows_rejected)
    );

    CREATE TABLE gdelt_parts (
        path TEXT PRIMARY KEY,
        counts_path TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        min_date TEXT NOT NULL,
        max_date TEXT NOT NULL,
        import_id INTEGER NOT NULL REFERENCES gdelt_imports(id)
    );

    CREATE TABLE gdelt_rejects (
        file_id INTEGER NOT NULL REFERENCES gdelt_files(id),
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        PRIMARY KEY (file_id, line)
    );
    "#,
    // 3: rows of imported feeds (mobility, Elcano) that did not become records.
    r#"
    CREATE TABLE import_rejects (
        dataset TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        reason TEXT NOT NULL,
        excerpt TEXT NOT NULL
    );
    CREATE INDEX import_rejects_by_dataset ON import_rejects(dataset, file, line);
    "#,
    // 4: a counter every committed change to what the views show moves, whoever writes
    // (a dataset load, an API write, a GDELT import in another process), so readers can
    // keep answers until it moves.
    r#"
    CREATE TABLE generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
    INSERT INTO generation VALUES (1, 0);
    CREATE TRIGGER records_insert_bumps AFTER INSERT ON records BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER records_update_bumps AFTER UPDATE ON records BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER records_delete_bumps AFTER DELETE ON records BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER datasets_insert_bumps AFTER INSERT ON datasets BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER datasets_update_bumps AFTER UPDATE ON datasets BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER datasets_delete_bumps AFTER DELETE ON datasets BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_files_insert_bumps AFTER INSERT ON gdelt_files BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_files_update_bumps AFTER UPDATE ON gdelt_files BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_files_delete_bumps AFTER DELETE ON gdelt_files BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_parts_insert_bumps AFTER INSERT ON gdelt_parts BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_parts_update_bumps AFTER UPDATE ON gdelt_parts BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER gdelt_parts_delete_bumps AFTER DELETE ON gdelt_parts BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER import_rejects_insert_bumps AFTER INSERT ON import_rejects BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER import_rejects_update_bumps AFTER UPDATE ON import_rejects BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER import_rejects_delete_bumps AFTER DELETE ON import_rejects BEGIN UPDATE generation SET n = n + 1; END;
    "#,
    // 5: events the text coder found, waiting for review. A candidate is not a record: it
    // becomes one (and a source for its document) only when a person accepts it.
    r#"
    CREATE TABLE candidates (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
        country_a TEXT NOT NULL,
        country_b TEXT NOT NULL,
        kind TEXT NOT NULL,
        confidence REAL NOT NULL,
        doc TEXT NOT NULL,
        body TEXT NOT NULL,
        coded_at TEXT NOT NULL,
        decided_at TEXT,
        reason TEXT,
        record TEXT
    );
    CREATE INDEX candidates_by_state ON candidates(state, country_a, country_b);
    CREATE TRIGGER candidates_insert_bumps AFTER INSERT ON candidates BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER candidates_update_bumps AFTER UPDATE ON candidates BEGIN UPDATE generation SET n = n + 1; END;
    CREATE TRIGGER candidates_delete_bumps AFTER DELETE ON candidates BEGIN UPDATE generation SET n = n + 1; END;
    "#,
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known: VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
