//! dyad's event store: every document, sentence and coded event in one embedded SQLite file,
//! with event mentions de-duplicated into event clusters, full-text search over sentences,
//! filtered queries, time series and exports (GDELT-style TSV, CSV, and Parquet behind the
//! `parquet` feature).
//!
//! The store is the only crate that knows SQL. It takes documents and events already made by
//! the pipeline ([`NewDocument`], [`Event`]) and never runs the pipeline itself; it
//! never modifies a file it has not recognised as a dyad store (see [`schema`]), and it never
//! stores a document twice: a document whose id or clean-text hash is already stored is
//! skipped. Writes happen in caller-controlled batches ([`Store::begin`], [`Store::commit`]),
//! each document atomically inside its batch, so a process killed at any point loses only the
//! uncommitted batch.
//!
//! Tables (schema version 5):
//! - `documents(doc_key, id UNIQUE, content_hash UNIQUE, date, title, url, source, source_key,
//!   text, ingested_at)`: the clean text is kept; `content_hash` is SHA-256 of it (NULL when
//!   empty);
//! - `sentences(sent_key, doc_key, idx, kind, start, end, text)` with the FTS5 index
//!   `sentences_fts` over `text`;
//! - `events(event_key, event_id, doc_key, sent_key, …, cluster_id)`: one row per mention, the
//!   CONTRACT.md record in columns;
//! - `clusters(cluster_id, family, seed_event, seed_doc, seed_country, seed_lo, seed_hi, cameo,
//!   root, quad_class, goldstein, plover, source_code, target_code, date_start, date_end,
//!   country, num_mentions, num_articles, num_sources)`: one row per de-duplicated event (see
//!   [`dedup`] for the rule);
//! - `feeds(feed_key, url UNIQUE, etag, last_modified, last_polled_ms, failures,
//!   next_retry_at_ms, last_error)` and `feed_items(item_key, feed_key, guid, link, title,
//!   published, status, failures, next_retry_at_ms, last_error, doc_key, seen_at_ms,
//!   stored_at_ms)`, UNIQUE (feed_key, guid): what `dyad follow` has polled and seen (see
//!   `feeds.rs`).

mod browse;
pub mod dedup;
mod error;
pub mod export;
mod feeds;
#[cfg(feature = "parquet")]
mod parquet_export;
mod query;
mod record;
pub mod schema;
mod series;
#[doc(hidden)]
pub mod synth;
mod write;

use std::path::{Path, PathBuf};

pub use browse::{ActorCount, StoredDocument, StoredSentence, WatchedRow};
pub use error::{Result, StoreError};
pub use feeds::{Backoff, FeedState, ItemFailure, ItemRetry, NewFeedItem, PendingItem};
pub use query::{Filter, Level};
pub use record::{
    ActorRef, ClusterRecord, Event, EventDate, Location, NewDocument, NewSentence, SentenceKind,
    StoredMention, VerbRef,
};
pub use schema::{OpenMode, APPLICATION_ID, SCHEMA_VERSION};
pub use series::{Period, SeriesRow, MAX_PERIODS};
pub use write::AddOutcome;

/// An open store.
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
    in_batch: bool,
    migrated_from: i64,
}

/// Counts of what a store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: i64,
    /// Sentences and headings.
    pub sentences: i64,
    /// Event mentions.
    pub mentions: i64,
    /// Event clusters.
    pub clusters: i64,
}

impl Store {
    /// Open the store at `path` (creating it when missing), checking that it is a dyad store
    /// and migrating an older schema to the current one.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, OpenMode::CreateIfMissing)
    }

    /// Open an existing store (an error if `path` does not exist).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, OpenMode::MustExist)
    }

    /// Open with an explicit mode.
    pub fn open_with(path: impl AsRef<Path>, mode: OpenMode) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let (conn, migrated_from) = schema::open(&path, mode)?;
        let mut store = Store {
            conn,
            path,
            in_batch: false,
            migrated_from,
        };
        store.cluster_unassigned()?;
        Ok(store)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version the file had when opened (0 when it was created by this open).
    pub fn opened_at_version(&self) -> i64 {
        self.migrated_from
    }

    /// How many documents, sentences, mentions and clusters are stored.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents")?,
            sentences: one("SELECT count(*) FROM sentences")?,
            mentions: one("SELECT count(*) FROM events")?,
            clusters: one("SELECT count(*) FROM clusters")?,
        })
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let lines = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.join("\n"))
    }

    /// Refresh the query planner's statistics (after a large ingest).
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize")?;
        Ok(())
    }

    /// A handle that stops the query running on this store from another thread (the query
    /// then fails with SQLite's "interrupted").
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// The underlying connection, for tests and tools.
    #[doc(hidden)]
    pub fn connection(&self) -> &rusqlite::Connection {
        &self.conn
    }
}

pub(crate) fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| schema::classify(path, e)
}
