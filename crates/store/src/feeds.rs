//! What `dyad follow` remembers of the feeds it polls: per feed its HTTP validators (ETag,
//! Last-Modified), when it was last polled, how often in a row it failed and when it may be
//! tried again; per item seen in a feed its guid, link and state (`pending`, `stored`, `gone`,
//! `failed`), its own failures and back-off, and the document it became.
//!
//! An item is marked `stored` only in the transaction that stores its document, and a feed's
//! validators move on only in the transaction that records the items its new version listed,
//! so a process killed at any moment loses no item and stores none twice. This module owns
//! these tables' reads and writes and the back-off arithmetic; it must never fetch anything,
//! run the pipeline, or touch a stored document.

use rusqlite::{params, OptionalExtension};

use crate::error::{Result, StoreError};
use crate::record::{Event, NewDocument};
use crate::write::AddOutcome;
use crate::Store;

/// Exponential back-off: the first retry after `base_ms`, each next one twice as late, never
/// later than `cap_ms`; an item is given up after `give_up_after` failures in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay after the first failure, in milliseconds.
    pub base_ms: i64,
    /// The longest delay, in milliseconds.
    pub cap_ms: i64,
    /// Failures in a row after which an item is no longer retried.
    pub give_up_after: u32,
}

impl Backoff {
    /// The delay before the next try after `failures` failures in a row (at least 1).
    pub fn delay_ms(&self, failures: u32) -> i64 {
        let doublings = failures.saturating_sub(1).min(62);
        let factor = 1i64 << doublings;
        self.base_ms.max(0).saturating_mul(factor).min(self.cap_ms)
    }
}

/// A feed as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedState {
    /// Its URL.
    pub url: String,
    /// The `ETag` of the last version read.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last version read.
    pub last_modified: Option<String>,
    /// When it was last polled (Unix ms).
    pub last_polled_ms: Option<i64>,
    /// Failures in a row.
    pub failures: u32,
    /// No poll before this time (Unix ms), after a failure.
    pub next_retry_at_ms: Option<i64>,
}

/// An item a feed lists, as read from the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedItem {
    /// Its guid (or the id the feed parser made for it).
    pub guid: String,
    /// Its article's URL.
    pub link: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date (YYYY-MM-DD), if the feed names one.
    pub published: Option<String>,
}

/// An item still to fetch: new, or failed before and due again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingItem {
    /// The feed's URL.
    pub feed_url: String,
    /// Its guid.
    pub guid: String,
    /// Its article's URL.
    pub link: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date (YYYY-MM-DD).
    pub published: Option<String>,
    /// Failures in a row so far.
    pub failures: u32,
}

/// How an article fetch failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFailure {
    /// The page is gone (404, 410) or can never be read: never tried again.
    Permanent,
    /// Worth retrying after the back-off (5xx, timeouts, refused connections).
    Transient,
}

/// What recording an item's failure decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRetry {
    /// Tried again at this time (Unix ms).
    At(i64),
    /// Never tried again (`gone` or, after too many failures, `failed`).
    Never,
}

/// The states of a feed item, as the `status` column spells them.
mod status {
    pub const PENDING: &str = "pending";
    pub const STORED: &str = "stored";
    pub const GONE: &str = "gone";
    pub const FAILED: &str = "failed";
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

impl Store {
    /// Run `work` in one transaction of its own (or inside the caller's batch when one is
    /// open), rolled back when it fails.
    fn in_transaction<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.in_batch {
            self.conn.execute_batch("SAVEPOINT feeds")?;
            return match work(self) {
                Ok(v) => {
                    self.conn.execute_batch("RELEASE feeds")?;
                    Ok(v)
                }
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK TO feeds; RELEASE feeds");
                    Err(e)
                }
            };
        }
        self.begin()?;
        match work(self) {
            Ok(v) => {
                self.commit()?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                self.in_batch = false;
                Err(e)
            }
        }
    }

    fn feed_key(&self, url: &str) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT feed_key FROM feeds WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::UnknownFeed {
                url: url.to_string(),
            })
    }

    /// The feed at `url`, added (never polled) when it is not stored yet.
    pub fn feed(&mut self, url: &str) -> Result<FeedState> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO feeds (url) VALUES (?1)")?
            .execute([url])?;
        let state = self
            .conn
            .prepare_cached(
                "SELECT url, etag, last_modified, last_polled_ms, failures, next_retry_at_ms \
                 FROM feeds WHERE url = ?1",
            )?
            .query_row([url], |r| {
                Ok(FeedState {
                    url: r.get(0)?,
                    etag: r.get(1)?,
                    last_modified: r.get(2)?,
                    last_polled_ms: r.get(3)?,
                    failures: count(r.get(4)?),
                    next_retry_at_ms: r.get(5)?,
                })
            })?;
        Ok(state)
    }

    /// A new version of the feed was read: in one transaction, record the items it lists that
    /// were never seen (as `pending`), keep its validators and clear its failures. Returns how
    /// many items were new.
    pub fn record_feed_read(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
        items: &[NewFeedItem],
        now_ms: i64,
    ) -> Result<usize> {
        self.in_transaction(|store| {
            store.feed(url)?;
            let feed_key = store.feed_key(url)?;
            let mut new = 0;
            {
                let mut insert = store.conn.prepare_cached(
                    "INSERT OR IGNORE INTO feed_items (feed_key, guid, link, title, published, \
                     status, seen_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?;
                for item in items {
                    new += insert.execute(params![
                        feed_key,
                        item.guid,
                        item.link,
                        item.title,
                        item.published,
                        status::PENDING,
                        now_ms
                    ])?;
                }
            }
            store
                .conn
                .prepare_cached(
                    "UPDATE feeds SET etag = ?2, last_modified = ?3, last_polled_ms = ?4, \
                     failures = 0, next_retry_at_ms = NULL, last_error = NULL WHERE feed_key = ?1",
                )?
                .execute(params![feed_key, etag, last_modified, now_ms])?;
            Ok(new)
        })
    }

    /// The feed answered that nothing changed (304): only its poll time and failures move.
    pub fn record_feed_unchanged(&mut self, url: &str, now_ms: i64) -> Result<()> {
        self.feed(url)?;
        self.conn
            .prepare_cached(
                "UPDATE feeds SET last_polled_ms = ?2, failures = 0, next_retry_at_ms = NULL, \
                 last_error = NULL WHERE url = ?1",
            )?
            .execute(params![url, now_ms])?;
        Ok(())
    }

    /// Polling the feed failed: count the failure and set when it may be polled again.
    /// Returns that time (Unix ms).
    pub fn record_feed_failure(
        &mut self,
        url: &str,
        cause: &str,
        backoff: &Backoff,
        now_ms: i64,
    ) -> Result<i64> {
        let failures = self.feed(url)?.failures.saturating_add(1);
        let retry_at = now_ms.saturating_add(backoff.delay_ms(failures));
        self.conn
            .prepare_cached(
                "UPDATE feeds SET last_polled_ms = ?2, failures = ?3, next_retry_at_ms = ?4, \
                 last_error = ?5 WHERE url = ?1",
            )?
            .execute(params![url, now_ms, failures, retry_at, cause])?;
        Ok(retry_at)
    }

    /// The feed's items still to fetch at `now_ms`: never tried, or failed and due again; in
    /// the order they were seen.
    pub fn due_items(&self, url: &str, now_ms: i64) -> Result<Vec<PendingItem>> {
        let mut st = self.conn.prepare_cached(
            "SELECT f.url, i.guid, i.link, i.title, i.published, i.failures \
             FROM feed_items i JOIN feeds f ON f.feed_key = i.feed_key \
             WHERE f.url = ?1 AND i.status = ?2 \
             AND (i.next_retry_at_ms IS NULL OR i.next_retry_at_ms <= ?3) \
             ORDER BY i.item_key",
        )?;
        let rows = st.query_map(params![url, status::PENDING, now_ms], |r| {
            Ok(PendingItem {
                feed_url: r.get(0)?,
                guid: r.get(1)?,
                link: r.get(2)?,
                title: r.get(3)?,
                published: r.get(4)?,
                failures: count(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The key of the stored document with this id, if any.
    fn document_key(&self, id: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT doc_key FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn mark_stored(&self, url: &str, guid: &str, doc_key: Option<i64>, now_ms: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE feed_items SET status = ?3, doc_key = ?4, stored_at_ms = ?5, \
                 next_retry_at_ms = NULL, last_error = NULL \
                 WHERE guid = ?2 AND feed_key = (SELECT feed_key FROM feeds WHERE url = ?1)",
            )?
            .execute(params![url, guid, status::STORED, doc_key, now_ms])?;
        Ok(())
    }

    /// Is a document with this id stored? Then mark the item `stored` as that document and
    /// return true (its page need not be fetched).
    pub fn mark_item_known(
        &mut self,
        url: &str,
        guid: &str,
        doc_id: &str,
        now_ms: i64,
    ) -> Result<bool> {
        self.in_transaction(|store| match store.document_key(doc_id)? {
            Some(key) => {
                store.mark_stored(url, guid, Some(key), now_ms)?;
                Ok(true)
            }
            None => Ok(false),
        })
    }

    /// Store the item's document (unless its id or clean text is already stored, see
    /// [`Store::add_document`]) and mark the item `stored`, in one transaction.
    pub fn store_item_document(
        &mut self,
        url: &str,
        guid: &str,
        doc: &NewDocument,
        events: &[Event],
        now_ms: i64,
    ) -> Result<AddOutcome> {
        self.in_transaction(|store| {
            let outcome = store.add_document(doc, events)?;
            let key = match outcome {
                AddOutcome::Added { .. } | AddOutcome::DuplicateId => {
                    store.document_key(&doc.id)?
                }
                AddOutcome::DuplicateContent => match crate::write::content_hash(&doc.text) {
                    Some(hash) => store
                        .conn
                        .prepare_cached("SELECT doc_key FROM documents WHERE content_hash = ?1")?
                        .query_row([hash], |r| r.get(0))
                        .optional()?,
                    None => None,
                },
            };
            store.mark_stored(url, guid, key, now_ms)?;
            Ok(outcome)
        })
    }

    /// Fetching the item's page failed: a permanent failure marks it `gone`; a transient one
    /// is retried after the back-off, until `give_up_after` failures mark it `failed`.
    pub fn record_item_failure(
        &mut self,
        url: &str,
        guid: &str,
        cause: &str,
        failure: ItemFailure,
        backoff: &Backoff,
        now_ms: i64,
    ) -> Result<ItemRetry> {
        self.in_transaction(|store| {
            let failures: i64 = store
                .conn
                .prepare_cached(
                    "SELECT i.failures FROM feed_items i JOIN feeds f ON f.feed_key = i.feed_key \
                     WHERE f.url = ?1 AND i.guid = ?2",
                )?
                .query_row(params![url, guid], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::UnknownFeedItem {
                    url: url.to_string(),
                    guid: guid.to_string(),
                })?;
            let failures = count(failures).saturating_add(1);
            let (state, retry) = match failure {
                ItemFailure::Permanent => (status::GONE, ItemRetry::Never),
                ItemFailure::Transient if failures >= backoff.give_up_after => {
                    (status::FAILED, ItemRetry::Never)
                }
                ItemFailure::Transient => (
                    status::PENDING,
                    ItemRetry::At(now_ms.saturating_add(backoff.delay_ms(failures))),
                ),
            };
            let retry_at = match retry {
                ItemRetry::At(t) => Some(t),
                ItemRetry::Never => None,
            };
            store
                .conn
                .prepare_cached(
                    "UPDATE feed_items SET status = ?3, failures = ?4, next_retry_at_ms = ?5, \
                     last_error = ?6 \
                     WHERE guid = ?2 AND feed_key = (SELECT feed_key FROM feeds WHERE url = ?1)",
                )?
                .execute(params![url, guid, state, failures, retry_at, cause])?;
            Ok(retry)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Backoff;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let b = Backoff {
            base_ms: 1000,
            cap_ms: 5000,
            give_up_after: 5,
        };
        assert_eq!(b.delay_ms(1), 1000);
        assert_eq!(b.delay_ms(2), 2000);
        assert_eq!(b.delay_ms(3), 4000);
        assert_eq!(b.delay_ms(4), 5000);
        assert_eq!(b.delay_ms(200), 5000);
    }
}
