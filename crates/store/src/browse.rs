//! Reading the store for a browser or a watcher: pages of events, one document with its
//! sentences and events, counts per actor, the light rows an alert rule needs, and mentions
//! by event id.
//!
//! These are the reads behind `dyad serve` and `dyad watch`; they use the same filters and
//! ordering as [`crate::query`] (date, then order of ingestion). This module only reads; it
//! must never write to the store.

use rusqlite::types::Value;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::{
    read_cluster, read_mention, union_all, CLUSTER_KEYS, CLUSTER_SELECT, MENTION_KEYS,
    MENTION_SELECT,
};
use crate::record::{ClusterRecord, StoredMention};
use crate::{Filter, Level, Store};

/// A stored document with its sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// The document's id.
    pub id: String,
    /// Publication date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publisher or feed.
    pub source: Option<String>,
    /// The clean text.
    pub text: String,
    /// Its sentences and headings, in order.
    pub sentences: Vec<StoredSentence>,
}

/// One sentence (or heading) of a stored document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredSentence {
    /// 0-based index in the document.
    pub index: usize,
    /// `sentence` or `heading`.
    pub kind: String,
    /// First byte in the clean text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// How often an actor code appears in the selected events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    /// The actor code.
    pub code: String,
    /// Events with this actor as source or target.
    pub events: i64,
    /// As source.
    pub as_source: i64,
    /// As target.
    pub as_target: i64,
}

/// What an alert rule needs of one event: its key, day, QuadClass and Goldstein value.
#[derive(Debug, Clone, PartialEq)]
pub struct WatchedRow {
    /// The mention's key (of the first mention, for a cluster): read it back with
    /// [`Store::mentions_by_key`].
    pub key: i64,
    /// Start day.
    pub date: jiff::civil::Date,
    /// QuadClass 1..4.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
}

fn to_usize(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

impl Store {
    /// One page of the mentions the filter selects: at most `limit`, after skipping `offset`.
    pub fn mentions_page(
        &self,
        filter: &Filter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<StoredMention>> {
        let (branches, params) = filter.sql(Level::Mention)?;
        let keys = union_all(MENTION_KEYS, &branches);
        self.collect_rows(
            &keys,
            MENTION_SELECT,
            params,
            (Some(limit), offset),
            read_mention,
        )
    }

    /// One page of the clusters the filter selects.
    pub fn clusters_page(
        &self,
        filter: &Filter,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ClusterRecord>> {
        let (branches, params) = filter.sql(Level::Cluster)?;
        let keys = union_all(CLUSTER_KEYS, &branches);
        self.collect_rows(
            &keys,
            CLUSTER_SELECT,
            params,
            (Some(limit), offset),
            read_cluster,
        )
    }

    /// Every row `for_each_row` gives, collected.
    fn collect_rows<T>(
        &self,
        keys: &str,
        select: &str,
        params: Vec<Value>,
        page: (Option<usize>, usize),
        read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.for_each_row::<_, StoreError>(keys, select, params, page, read, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// The document with this id, or `None`.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let map = crate::sql_err(&self.path);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT doc_key, id, date, title, url, source, text FROM documents WHERE id = ?1",
            )
            .map_err(&map)?;
        let mut rows = st.query([id]).map_err(&map)?;
        let Some(r) = rows.next().map_err(&map)? else {
            return Ok(None);
        };
        let key: i64 = r.get(0)?;
        let mut doc = StoredDocument {
            id: r.get(1)?,
            date: r.get(2)?,
            title: r.get(3)?,
            url: r.get(4)?,
            source: r.get(5)?,
            text: r.get(6)?,
            sentences: Vec::new(),
        };
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT idx, kind, start, end, text FROM sentences WHERE doc_key = ?1 ORDER BY idx",
            )
            .map_err(&map)?;
        let mut rows = st.query([key]).map_err(&map)?;
        while let Some(r) = rows.next().map_err(&map)? {
            doc.sentences.push(StoredSentence {
                index: to_usize(r.get(0)?),
                kind: r.get(1)?,
                start: to_usize(r.get(2)?),
                end: to_usize(r.get(3)?),
                text: r.get(4)?,
            });
        }
        Ok(Some(doc))
    }

    /// Every mention coded from the document with this id, in date order.
    pub fn document_mentions(&self, id: &str) -> Result<Vec<StoredMention>> {
        let keys = "SELECT e.event_key AS k, e.date_start AS d FROM events e \
                    JOIN documents dd ON dd.doc_key = e.doc_key WHERE dd.id = ?1";
        self.collect_mentions(keys, vec![Value::Text(id.to_string())])
    }

    /// The mentions with these event ids, in date order.
    pub fn mentions_by_id(&self, ids: &[String]) -> Result<Vec<StoredMention>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("?{i}")).collect();
        let keys = format!(
            "SELECT e.event_key AS k, e.date_start AS d FROM events e WHERE e.event_id IN ({})",
            marks.join(", ")
        );
        let params = ids.iter().map(|i| Value::Text(i.clone())).collect();
        self.collect_mentions(&keys, params)
    }

    /// The mentions with these keys ([`WatchedRow::key`]), each with its key, in date order.
    pub fn mentions_by_key(&self, keys: &[i64]) -> Result<Vec<(i64, StoredMention)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = keys.iter().map(i64::to_string).collect();
        let list = list.join(", ");
        let map = crate::sql_err(&self.path);
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT event_id, event_key FROM events WHERE event_key IN ({list})"
            ))
            .map_err(&map)?;
        let mut rows = st.query([]).map_err(&map)?;
        let mut key_of: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        while let Some(r) = rows.next().map_err(&map)? {
            key_of.insert(r.get(0)?, r.get(1)?);
        }
        let sql = format!(
            "SELECT e.event_key AS k, e.date_start AS d FROM events e WHERE e.event_key IN ({list})"
        );
        Ok(self
            .collect_mentions(&sql, Vec::new())?
            .into_iter()
            .filter_map(|m| Some((*key_of.get(&m.mention.event_id)?, m)))
            .collect())
    }

    fn collect_mentions(&self, keys: &str, params: Vec<Value>) -> Result<Vec<StoredMention>> {
        self.collect_rows(keys, MENTION_SELECT, params, (None, 0), read_mention)
    }

    /// The actor codes of the selected mentions, most frequent first (ties by code), at most
    /// `limit`. Counted per (source, target) pair on the dyad index, then summed.
    pub fn actor_counts(&self, filter: &Filter, limit: usize) -> Result<Vec<ActorCount>> {
        let (branches, params) = filter.sql(Level::Mention)?;
        let sql = branches
            .iter()
            .map(|w| {
                format!(
                    "SELECT e.source_code, e.target_code, count(*) FROM events e {w} \
                     GROUP BY e.source_code, e.target_code"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let map = crate::sql_err(&self.path);
        let mut st = self.conn.prepare(&sql).map_err(&map)?;
        let mut rows = st.query(rusqlite::params_from_iter(params)).map_err(&map)?;
        let mut counts: std::collections::HashMap<String, (i64, i64)> =
            std::collections::HashMap::new();
        while let Some(r) = rows.next().map_err(&map)? {
            let n: i64 = r.get(2)?;
            if let Some(s) = r.get::<_, Option<String>>(0)? {
                counts.entry(s).or_default().0 += n;
            }
            if let Some(t) = r.get::<_, Option<String>>(1)? {
                counts.entry(t).or_default().1 += n;
            }
        }
        let mut out: Vec<ActorCount> = counts
            .into_iter()
            .map(|(code, (s, t))| ActorCount {
                code,
                events: s + t,
                as_source: s,
                as_target: t,
            })
            .collect();
        out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
        out.truncate(limit);
        Ok(out)
    }

    /// The key, day, QuadClass and Goldstein value of every selected mention (or cluster, by
    /// its first mention) that has a date, in no particular order. Read from the indexes
    /// alone, so a million events take a fraction of a second.
    pub fn watched_rows(&self, filter: &Filter, level: Level) -> Result<Vec<WatchedRow>> {
        let (branches, params) = filter.sql(level)?;
        let select = match level {
            Level::Mention => {
                "SELECT e.event_key, e.date_start, e.quad_class, e.goldstein FROM events e"
            }
            Level::Cluster => {
                "SELECT c.seed_event, c.date_start, c.quad_class, c.goldstein FROM clusters c"
            }
        };
        let sql = union_all(select, &branches);
        let map = crate::sql_err(&self.path);
        let mut st = self.conn.prepare(&sql).map_err(&map)?;
        let mut rows = st.query(rusqlite::params_from_iter(params)).map_err(&map)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&map)? {
            let Some(date) = r
                .get_ref(1)?
                .as_str_or_null()
                .ok()
                .flatten()
                .and_then(crate::series::day_number)
                .and_then(crate::series::day_from_number)
            else {
                continue;
            };
            out.push(WatchedRow {
                key: r.get(0)?,
                date,
                quad_class: u8::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                goldstein: r.get(3)?,
            });
        }
        Ok(out)
    }
}
