//! The store's errors: what can go wrong opening, migrating, writing or reading a store.
//!
//! Each variant names the file or the value at fault so the command line can print it as it
//! is. This module only describes failures; it must never decide to recover from one (for
//! example by recreating a store that failed to open).

use std::path::PathBuf;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database at all (or its header is damaged).
    #[error("{path} is not a dyad store: {reason}; the file was left unchanged")]
    NotAStore {
        /// The file.
        path: PathBuf,
        /// What its header showed.
        reason: String,
    },
    /// The file is an SQLite database made by some other program.
    #[error(
        "{path} is an SQLite database of another application (application_id {found:#010x}), \
         not a dyad store; the file was left unchanged"
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// The application id found in its header.
        found: u32,
    },
    /// The store was written by a newer dyad with a schema this one does not know.
    #[error(
        "{path} has store schema version {found}, newer than this dyad knows ({supported}); \
         upgrade dyad. The file was left unchanged"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// SQLite reported the file damaged.
    #[error("{path} is damaged: {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// SQLite's message.
        detail: String,
    },
    /// The file system holding the store is full (or the store reached its size limit).
    #[error(
        "the disk holding {path} is full; the batch being written was rolled back and everything \
         committed before it is intact: free space, then run the same command again to go on"
    )]
    DiskFull {
        /// The file.
        path: PathBuf,
    },
    /// Another process held the store's write lock for longer than the wait allows.
    #[error(
        "{path} is locked by another process writing to it (waited {waited_s} s); nothing was \
         changed: try again when it has finished"
    )]
    Busy {
        /// The file.
        path: PathBuf,
        /// Seconds waited.
        waited_s: u64,
    },
    /// The store does not exist (for commands that only read).
    #[error("{path} does not exist (create it with `dyad ingest --db {path}`)")]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// A query filter could not be used.
    #[error("invalid filter: {0}")]
    Filter(String),
    /// A series would have more periods than the store gives at once.
    #[error(
        "a series from {from} to {to} would have more than {max} periods; narrow --from/--to or \
         use a longer period"
    )]
    TooManyPeriods {
        /// Its first day.
        from: String,
        /// Its last day.
        to: String,
        /// The limit.
        max: usize,
    },
    /// A feed `dyad follow` never recorded.
    #[error("no feed {url} is recorded in the store")]
    UnknownFeed {
        /// The feed's URL.
        url: String,
    },
    /// An item a feed never listed.
    #[error("no item {guid} of feed {url} is recorded in the store")]
    UnknownFeedItem {
        /// The feed's URL.
        url: String,
        /// The item's guid.
        guid: String,
    },
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(String),
    /// Any other SQLite error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<csv::Error> for StoreError {
    fn from(e: csv::Error) -> Self {
        StoreError::Export(e.to_string())
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
