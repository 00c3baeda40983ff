//! Opening a store: the file-header checks, the schema and its versioned migrations.
//!
//! A dyad store is an SQLite file whose header carries dyad's `application_id` and whose
//! `user_version` is the schema version. Before SQLite is asked to open an existing file its
//! first 100 bytes are read and checked, so a foreign or damaged file is reported and never
//! written to. A new store is built in a temporary file and linked into place only once its
//! schema is committed, so a crash never leaves a half-made store behind. Migrations run in
//! order, each in its own transaction that also bumps `user_version`, so a newer dyad opens any
//! older store. This module must never modify a file it has not recognised as a dyad store,
//! and never lower a store's version.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Result, StoreError};

/// dyad's SQLite `application_id`: the bytes "dyad".
pub const APPLICATION_ID: u32 = 0x6479_6164;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Migration `i` takes a store from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // Version 1: documents, their sentences, and event mentions.
    r#"
    CREATE TABLE documents (
        doc_key      INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        content_hash BLOB UNIQUE,
        date         TEXT,
        title        TEXT,
        url          TEXT,
        source       TEXT,
        source_key   TEXT NOT NULL,
        text         TEXT NOT NULL,
        ingested_at  INTEGER NOT NULL
    );
    CREATE TABLE sentences (
        sent_key  INTEGER PRIMARY KEY,
        doc_key   INTEGER NOT NULL REFERENCES documents(doc_key),
        idx       INTEGER NOT NULL,
        kind      TEXT NOT NULL,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        text      TEXT NOT NULL,
        UNIQUE (doc_key, idx)
    );
    CREATE TABLE events (
        event_key      INTEGER PRIMARY KEY,
        event_id       TEXT NOT NULL,
        doc_key        INTEGER NOT NULL REFERENCES documents(doc_key),
        sent_key       INTEGER REFERENCES sentences(sent_key),
        sentence_index INTEGER NOT NULL,
        source_code    TEXT,
        source_text    TEXT,
        source_entry   TEXT,
        target_code    TEXT,
        target_text    TEXT,
        target_entry   TEXT,
        cameo          TEXT NOT NULL,
        root           TEXT NOT NULL,
        quad_class     INTEGER NOT NULL,
        goldstein      REAL NOT NULL,
        plover         TEXT NOT NULL,
        date_start     TEXT,
        date_end       TEXT,
        date_precision TEXT NOT NULL,
        date_text      TEXT,
        loc_text       TEXT,
        loc_name       TEXT,
        loc_country    TEXT,
        loc_admin1     TEXT,
        loc_lat        REAL,
        loc_lon        REAL,
        loc_precision  TEXT,
        fatalities     INTEGER,
        verb_text      TEXT NOT NULL,
        verb_rule      TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events(doc_key);
    CREATE INDEX events_id ON events(event_id);
    "#,
    // Version 2: event clusters (de-duplication), full-text search over sentences, and the
    // indexes the query and series commands use. Existing mentions are clustered by
    // `Store::open` right after this migration (see `cluster_unassigned`).
    r#"
    CREATE TABLE clusters (
        cluster_id     INTEGER PRIMARY KEY,
        family         TEXT NOT NULL,
        seed_event     INTEGER NOT NULL REFERENCES events(event_key),
        seed_doc       INTEGER NOT NULL REFERENCES documents(doc_key),
        seed_country   TEXT NOT NULL,
        seed_lo        TEXT,
        seed_hi        TEXT,
        cameo          TEXT NOT NULL,
        root           TEXT NOT NULL,
        quad_class     INTEGER NOT NULL,
        goldstein      REAL NOT NULL,
        plover         TEXT NOT NULL,
        source_code    TEXT,
        target_code    TEXT,
        date_start     TEXT,
        date_end       TEXT,
        country        TEXT,
        num_mentions   INTEGER NOT NULL,
        num_articles   INTEGER NOT NULL,
        num_sources    INTEGER NOT NULL
    );
    ALTER TABLE events ADD COLUMN cluster_id INTEGER REFERENCES clusters(cluster_id);
    CREATE INDEX clusters_candidates ON clusters(family, seed_country, seed_hi);
    CREATE INDEX clusters_window ON clusters(family, seed_hi);
    CREATE INDEX clusters_seed_doc ON clusters(seed_doc);
    CREATE INDEX clusters_dyad ON clusters(source_code, target_code, date_start);
    CREATE INDEX clusters_rdyad ON clusters(target_code, source_code, date_start);
    CREATE INDEX clusters_date ON clusters(date_start);
    CREATE INDEX events_cluster ON events(cluster_id, doc_key);
    CREATE INDEX events_sent ON events(sent_key);
    CREATE INDEX events_dyad ON events(source_code, target_code, date_start, quad_class, goldstein);
    CREATE INDEX events_rdyad ON events(target_code, source_code, date_start, quad_class, goldstein);
    CREATE INDEX events_date ON events(date_start, quad_class, goldstein);
    CREATE INDEX events_country ON events(loc_country, date_start);
    CREATE INDEX events_cameo ON events(cameo, date_start);
    CREATE INDEX events_root ON events(root, date_start);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='sent_key', tokenize='unicode61'
    );
    INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
    "#,
    // Version 3: the actors' own countries and the words that reported the dead, as the event
    // record has them. Mentions stored before keep NULL there: the coder's reading is not
    // guessed back from their codes.
    r#"
    ALTER TABLE events ADD COLUMN source_country TEXT;
    ALTER TABLE events ADD COLUMN target_country TEXT;
    ALTER TABLE events ADD COLUMN fatalities_text TEXT;
    "#,
    // Version 4: the names of the rules that made each event (`verb.rules`), space-separated.
    // Mentions stored before read back with no rules.
    r#"
    ALTER TABLE events ADD COLUMN verb_rules TEXT NOT NULL DEFAULT '';
    "#,
    // Version 5: the feeds `dyad follow` polls (HTTP validators, failures and back-off) and
    // the items it has seen in them, each with its state and the document it became. Times
    // are Unix milliseconds.
    r#"
    CREATE TABLE feeds (
        feed_key         INTEGER PRIMARY KEY,
        url              TEXT NOT NULL UNIQUE,
        etag             TEXT,
        last_modified    TEXT,
        last_polled_ms   INTEGER,
        failures         INTEGER NOT NULL DEFAULT 0,
        next_retry_at_ms INTEGER,
        last_error       TEXT
    );
    CREATE TABLE feed_items (
        item_key         INTEGER PRIMARY KEY,
        feed_key         INTEGER NOT NULL REFERENCES feeds(feed_key),
        guid             TEXT NOT NULL,
        link             TEXT,
        title            TEXT,
        published        TEXT,
        status           TEXT NOT NULL,
        failures         INTEGER NOT NULL DEFAULT 0,
        next_retry_at_ms INTEGER,
        last_error       TEXT,
        doc_key          INTEGER REFERENCES documents(doc_key),
        seen_at_ms       INTEGER NOT NULL,
        stored_at_ms     INTEGER,
        UNIQUE (feed_key, guid)
    );
    CREATE INDEX feed_items_status ON feed_items(feed_key, status, next_retry_at_ms);
    "#,
];

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the store if the file does not exist.
    CreateIfMissing,
    /// The store must exist.
    MustExist,
}

/// Check the first bytes of an existing file: it must be an SQLite database with dyad's
/// application id. Nothing is written.
fn check_header(path: &Path) -> Result<()> {
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|e| StoreError::Io {
            context: format!("cannot read {}", path.display()),
            source: e,
        })?;
    let not_a_store = |reason: &str| StoreError::NotAStore {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if header.is_empty() {
        return Err(not_a_store("the file is empty"));
    }
    if !header.starts_with(b"SQLite format 3\0") {
        return Err(not_a_store("it is not an SQLite database"));
    }
    if header.len() < 100 {
        return Err(not_a_store("its SQLite header is truncated"));
    }
    let app = u32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app != APPLICATION_ID {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            found: app,
        });
    }
    Ok(())
}

/// Map SQLite's "corrupt" and "not a database" errors to [`StoreError::Corrupt`].
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy {
            path: path.to_path_buf(),
            waited_s: BUSY_TIMEOUT.as_secs(),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// How long a connection waits for another writer's lock before giving up.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// [`classify`] for an error already wrapped as [`StoreError::Sqlite`].
pub(crate) fn locate(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(e) => classify(path, e),
        other => other,
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(64);
    // Plans do not depend on bound values: cached statements are never re-prepared.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    // WAL with synchronous=NORMAL: a committed transaction survives the process being killed.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// Build a new store at `path` with schema version `version`, in a temporary file that is
/// linked into place once complete. Fails if `path` appeared meanwhile.
fn create(path: &Path, version: i64) -> Result<()> {
    let tmp = temp_path(path);
    let io = |context: String| move |source| StoreError::Io { context, source };
    let _ = std::fs::remove_file(&tmp);
    {
        let conn = Connection::open(&tmp)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrate(&conn, 0, version)?;
    }
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(io(format!("cannot create {}", path.display()))(e)),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".creating-{}", std::process::id()));
    path.with_file_name(name)
}

/// Run migrations `from..to` (each in its own transaction, with the version bump).
fn migrate(conn: &Connection, from: i64, to: i64) -> Result<()> {
    for v in from..to {
        let sql = usize::try_from(v)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
            .ok_or_else(|| StoreError::Filter(format!("no migration from version {v}")))?;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; PRAGMA user_version = {}; COMMIT;",
            v + 1
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

/// Open (or create) the store at `path`, checked and migrated to [`SCHEMA_VERSION`].
/// Returns the connection and the version the file had before (0 when it was created).
pub(crate) fn open(path: &Path, mode: OpenMode) -> Result<(Connection, i64)> {
    let created = if path.exists() {
        false
    } else if mode == OpenMode::MustExist {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    } else {
        create(path, SCHEMA_VERSION)?;
        true
    };
    check_header(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 1 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "dyad's application id but no schema version".to_string(),
        });
    }
    configure(&conn).map_err(|e| classify(path, e))?;
    migrate(&conn, version, SCHEMA_VERSION).map_err(|e| match e {
        StoreError::Sqlite(e) => classify(path, e),
        e => e,
    })?;
    Ok((conn, if created { 0 } else { version }))
}

/// Create a store at an older schema version (for tests of migrations). The file must not
/// exist.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: i64) -> Result<()> {
    if !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(StoreError::Filter(format!("no schema version {version}")));
    }
    create(path, version)
}
