//! Read connections to the store, shared by the request handlers: a connection is taken for
//! one request, used on a blocking thread, and put back.
//!
//! A query that runs past the request timeout is interrupted (SQLite's interrupt), so a slow
//! search cannot hold a thread; the request then fails with 503. This module only lends
//! connections; it must never write to the store.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use dyad_store::{Store, StoreError};

use crate::error::ApiError;

/// Store connections for readers.
pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    timeout: Duration,
}

/// Turn a store error met while answering a request into the request's error: a filter the
/// store refused is the client's fault (400); a query SQLite could not run while a full-text
/// search was given is a 400 on `text`; an interrupted query is 503; anything else is 500.
pub fn store_error(e: StoreError, searched: bool) -> ApiError {
    match e {
        StoreError::Filter(m) => ApiError::bad("filter", m),
        e @ StoreError::TooManyPeriods { .. } => ApiError::bad("by", e.to_string()),
        StoreError::Sqlite(e) if e.to_string().contains("interrupted") => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the query took too long and was stopped; narrow the filters",
        ),
        // The only part of a query the client writes is the full-text search: when it is
        // given, SQLite's complaint is about it.
        StoreError::Sqlite(e) if searched => ApiError::bad(
            "text",
            format!("the search text is not a valid full-text query: {e}"),
        ),
        other => ApiError::internal(other.to_string()),
    }
}

impl StorePool {
    /// A pool over the store at `path`, which must exist; one connection is opened now so a
    /// bad path fails at start-up.
    pub fn open(path: PathBuf, timeout: Duration) -> Result<StorePool, StoreError> {
        let first = Store::open_existing(&path)?;
        Ok(StorePool {
            path,
            idle: Mutex::new(vec![first]),
            timeout,
        })
    }

    /// The store's file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => Store::open_existing(&self.path),
        }
    }

    fn put(&self, store: Store) {
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < 16 {
                v.push(store);
            }
        }
    }

    /// Run `f` with a connection on a blocking thread, interrupting it after the timeout.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self
            .take()
            .map_err(|e| ApiError::internal(format!("cannot open the store: {e}")))?;
        let interrupt = store.interrupt_handle();
        let pool = Arc::clone(self);
        let task = tokio::task::spawn_blocking(move || {
            let out = f(&store);
            pool.put(store);
            out
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(out)) => out,
            Ok(Err(join)) => Err(ApiError::internal(format!("the query failed: {join}"))),
            Err(_) => {
                interrupt.interrupt();
                Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "the query took longer than {} s and was stopped; narrow the filters",
                        self.timeout.as_secs()
                    ),
                ))
            }
        }
    }
}
