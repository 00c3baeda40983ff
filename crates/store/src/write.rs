//! Writing to the store: batches, idempotent document insertion, and linking each new mention
//! into an event cluster by the rule of [`crate::dedup`].
//!
//! A document is stored with its sentences, their full-text index entries and its events in
//! one savepoint, so it is either wholly stored or not at all; batches group many documents in
//! one transaction for speed. This module must never store a document whose id or content hash
//! is already present, and never change or drop a stored mention.

use rusqlite::params;
use sha2::{Digest, Sha256};

use crate::dedup::{self, Facts};
use crate::error::Result;
use crate::record::{Event, NewDocument, SentenceKind};
use crate::Store;

/// What [`Store::add_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// Stored, with this many event mentions.
    Added {
        /// Mentions stored.
        events: usize,
    },
    /// A document with the same id is already stored; nothing was written.
    DuplicateId,
    /// A document with the same clean text is already stored; nothing was written.
    DuplicateContent,
}

/// SHA-256 of a clean text, `None` for an empty text (empty documents are never duplicates
/// of each other by content).
pub fn content_hash(text: &str) -> Option<Vec<u8>> {
    (!text.trim().is_empty()).then(|| Sha256::digest(text.as_bytes()).to_vec())
}

/// The source a document counts for in NumSources: its `source`, else its URL's host, else the
/// document itself.
fn source_key(doc: &NewDocument) -> String {
    if let Some(s) = doc
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return format!("source:{}", s.to_lowercase());
    }
    if let Some(url) = doc.url.as_deref() {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host).to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if !host.is_empty() {
            return format!("host:{host}");
        }
    }
    format!("doc:{}", doc.id)
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The seed of a candidate cluster, as read back.
struct Seed {
    cluster_id: i64,
    root: String,
    source: Option<String>,
    target: Option<String>,
    start: Option<String>,
    end: Option<String>,
    precision: String,
    country: Option<String>,
    admin1: Option<String>,
    doc: i64,
}

const SEED_COLUMNS: &str = "c.cluster_id, s.root, s.source_code, s.target_code, s.date_start, \
     s.date_end, s.date_precision, c.country, s.loc_admin1, s.doc_key \
     FROM clusters c JOIN events s ON s.event_key = c.seed_event";

impl Store {
    /// Start a batch (one transaction); documents added until [`Store::commit`] are committed
    /// together. Without a batch each document commits on its own.
    pub fn begin(&mut self) -> Result<()> {
        if !self.in_batch {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(crate::sql_err(&self.path))?;
            self.in_batch = true;
        }
        Ok(())
    }

    /// Commit the current batch, if any.
    pub fn commit(&mut self) -> Result<()> {
        if self.in_batch {
            self.conn
                .execute_batch("COMMIT")
                .map_err(crate::sql_err(&self.path))?;
            self.in_batch = false;
        }
        Ok(())
    }

    /// Is a document with this id stored?
    pub fn has_document(&self, id: &str) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(st.exists([id])?)
    }

    /// Is a document with this clean text stored?
    pub fn has_content(&self, text: &str) -> Result<bool> {
        let Some(hash) = content_hash(text) else {
            return Ok(false);
        };
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
        Ok(st.exists([hash])?)
    }

    /// Store a document with its sentences and events, unless a document with the same id or
    /// the same clean text is already stored. Each new mention is linked into an event cluster.
    pub fn add_document(&mut self, doc: &NewDocument, events: &[Event]) -> Result<AddOutcome> {
        self.add_document_unlocated(doc, events)
            .map_err(|e| crate::schema::locate(&self.path, e))
    }

    fn add_document_unlocated(
        &mut self,
        doc: &NewDocument,
        events: &[Event],
    ) -> Result<AddOutcome> {
        if self.has_document(&doc.id)? {
            return Ok(AddOutcome::DuplicateId);
        }
        let hash = content_hash(&doc.text);
        if let Some(h) = &hash {
            let mut st = self
                .conn
                .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
            if st.exists([h])? {
                return Ok(AddOutcome::DuplicateContent);
            }
        }
        self.conn.execute_batch("SAVEPOINT doc")?;
        match self.insert(doc, hash, events) {
            Ok(n) => {
                self.conn.execute_batch("RELEASE doc")?;
                Ok(AddOutcome::Added { events: n })
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK TO doc; RELEASE doc");
                Err(e)
            }
        }
    }

    fn insert(&self, doc: &NewDocument, hash: Option<Vec<u8>>, events: &[Event]) -> Result<usize> {
        let conn = &self.conn;
        conn.prepare_cached(
            "INSERT INTO documents (id, content_hash, date, title, url, source, source_key, text, \
             ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            doc.id,
            hash,
            doc.date,
            doc.title,
            doc.url,
            doc.source,
            source_key(doc),
            doc.text,
            now_seconds()
        ])?;
        let doc_key = conn.last_insert_rowid();
        let mut sent_keys = std::collections::HashMap::new();
        {
            let mut ins = conn.prepare_cached(
                "INSERT INTO sentences (doc_key, idx, kind, start, end, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut fts =
                conn.prepare_cached("INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)")?;
            for s in &doc.sentences {
                let kind = match s.kind {
                    SentenceKind::Sentence => "sentence",
                    SentenceKind::Heading => "heading",
                };
                ins.execute(params![
                    doc_key,
                    to_i64(s.index),
                    kind,
                    to_i64(s.start),
                    to_i64(s.end),
                    s.text
                ])?;
                let key = conn.last_insert_rowid();
                fts.execute(params![key, s.text])?;
                sent_keys.insert(s.index, key);
            }
        }
        for e in events {
            let event_key = insert_event(conn, doc_key, sent_keys.get(&e.sentence_index), e)?;
            assign_cluster(conn, event_key, doc_key)?;
        }
        Ok(events.len())
    }

    /// Link every mention without a cluster (after migrating an older store) into one.
    pub(crate) fn cluster_unassigned(&mut self) -> Result<()> {
        let pending: Vec<(i64, i64)> = {
            let mut st = self.conn.prepare(
                "SELECT event_key, doc_key FROM events WHERE cluster_id IS NULL ORDER BY event_key",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if pending.is_empty() {
            return Ok(());
        }
        self.begin()?;
        for (event_key, doc_key) in pending {
            assign_cluster(&self.conn, event_key, doc_key)?;
        }
        self.commit()
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn insert_event(
    conn: &rusqlite::Connection,
    doc_key: i64,
    sent_key: Option<&i64>,
    e: &Event,
) -> Result<i64> {
    let loc = e.location.as_ref();
    conn.prepare_cached(
        "INSERT INTO events (event_id, doc_key, sent_key, sentence_index, source_code, \
         source_text, source_entry, target_code, target_text, target_entry, cameo, root, \
         quad_class, goldstein, plover, date_start, date_end, date_precision, date_text, \
         loc_text, loc_name, loc_country, loc_admin1, loc_lat, loc_lon, loc_precision, \
         fatalities, verb_text, verb_rule, source_country, target_country, fatalities_text, \
         verb_rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)",
    )?
    .execute(params![
        e.event_id,
        doc_key,
        sent_key,
        to_i64(e.sentence_index),
        e.source.code,
        e.source.text,
        e.source.entry,
        e.target.code,
        e.target.text,
        e.target.entry,
        e.cameo,
        e.root,
        e.quad_class,
        f64::from(e.goldstein),
        e.plover,
        e.date.start,
        e.date.end,
        e.date.precision,
        e.date.text,
        loc.map(|l| &l.text),
        loc.map(|l| &l.name),
        loc.map(|l| &l.country),
        loc.and_then(|l| l.admin1.as_ref()),
        loc.map(|l| l.lat),
        loc.map(|l| l.lon),
        loc.map(|l| &l.precision),
        e.fatalities,
        e.verb.text,
        e.verb.rule,
        e.source.country,
        e.target.country,
        e.fatalities_text,
        e.verb.rules.join(" "),
    ])?;
    Ok(conn.last_insert_rowid())
}

fn read_seed(r: &rusqlite::Row<'_>) -> rusqlite::Result<Seed> {
    Ok(Seed {
        cluster_id: r.get(0)?,
        root: r.get(1)?,
        source: r.get(2)?,
        target: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        precision: r.get(6)?,
        country: r.get(7)?,
        admin1: r.get(8)?,
        doc: r.get(9)?,
    })
}

impl Seed {
    fn facts(&self) -> Facts<'_> {
        Facts {
            root: &self.root,
            source: self.source.as_deref(),
            target: self.target.as_deref(),
            start: self.start.as_deref(),
            end: self.end.as_deref(),
            precision: &self.precision,
            country: self.country.as_deref(),
            admin1: self.admin1.as_deref(),
            doc: self.doc,
        }
    }
}

/// Link the stored mention `event_key` into the oldest compatible cluster, or a new one.
fn assign_cluster(conn: &rusqlite::Connection, event_key: i64, doc_key: i64) -> Result<()> {
    let m = conn
        .prepare_cached(
            "SELECT e.event_key, e.root, e.source_code, e.target_code, e.date_start, e.date_end, \
             e.date_precision, e.loc_country, e.loc_admin1, e.doc_key \
             FROM events e WHERE e.event_key = ?1",
        )?
        .query_row([event_key], read_seed)?;
    let mf = m.facts();
    let fam = dedup::family(&m.root).to_string();
    let window = dedup::window(mf.start, mf.end, mf.precision);
    let ckey = dedup::country_key(mf.source);

    let mut best: Option<i64> = None;
    let mut consider = |s: Seed| {
        if best.is_some_and(|b| b <= s.cluster_id) {
            return;
        }
        if dedup::same_event(&mf, &s.facts()) {
            best = Some(s.cluster_id);
        }
    };
    {
        let mut st = conn.prepare_cached(&format!(
            "SELECT {SEED_COLUMNS} WHERE c.seed_doc = ?1 AND c.family = ?2 ORDER BY c.cluster_id"
        ))?;
        for s in st.query_map(params![doc_key, fam], read_seed)? {
            consider(s?);
        }
    }
    if let Some((lo, hi)) = &window {
        let sql = if ckey.is_empty() {
            format!(
                "SELECT {SEED_COLUMNS} WHERE c.family = ?1 AND c.seed_hi >= ?2 AND c.seed_lo <= ?3 \
                 AND ?4 = ''"
            )
        } else {
            format!(
                "SELECT {SEED_COLUMNS} WHERE c.family = ?1 AND c.seed_country IN (?4, '') \
                 AND c.seed_hi >= ?2 AND c.seed_lo <= ?3"
            )
        };
        let mut st = conn.prepare_cached(&sql)?;
        for s in st.query_map(params![fam, lo, hi, ckey], read_seed)? {
            consider(s?);
        }
    }

    let loc_country: Option<String> = m.country.clone();
    match best {
        Some(cluster_id) => {
            let new_article = !conn
                .prepare_cached("SELECT 1 FROM events WHERE cluster_id = ?1 AND doc_key = ?2")?
                .exists(params![cluster_id, doc_key])?;
            let new_source = new_article
                && !conn
                    .prepare_cached(
                        "SELECT 1 FROM events e JOIN documents d ON d.doc_key = e.doc_key \
                         WHERE e.cluster_id = ?1 AND d.source_key = \
                         (SELECT source_key FROM documents WHERE doc_key = ?2)",
                    )?
                    .exists(params![cluster_id, doc_key])?;
            conn.prepare_cached(
                "UPDATE clusters SET num_mentions = num_mentions + 1, \
                 num_articles = num_articles + ?2, num_sources = num_sources + ?3, \
                 date_start = CASE WHEN date_start IS NULL OR ?4 < date_start THEN coalesce(?4, date_start) ELSE date_start END, \
                 date_end = CASE WHEN date_end IS NULL OR ?5 > date_end THEN coalesce(?5, date_end) ELSE date_end END, \
                 country = coalesce(country, ?6) WHERE cluster_id = ?1",
            )?
            .execute(params![
                cluster_id,
                i64::from(new_article),
                i64::from(new_source),
                m.start,
                m.end.as_ref().or(m.start.as_ref()),
                loc_country
            ])?;
            conn.prepare_cached("UPDATE events SET cluster_id = ?1 WHERE event_key = ?2")?
                .execute(params![cluster_id, event_key])?;
        }
        None => {
            let (lo, hi) = window.unzip();
            conn.prepare_cached(
                "INSERT INTO clusters (family, seed_event, seed_doc, seed_country, seed_lo, \
                 seed_hi, cameo, root, quad_class, goldstein, plover, source_code, target_code, \
                 date_start, date_end, country, num_mentions, num_articles, num_sources) \
                 SELECT ?1, e.event_key, e.doc_key, ?2, ?3, ?4, e.cameo, e.root, e.quad_class, \
                 e.goldstein, e.plover, e.source_code, e.target_code, e.date_start, \
                 coalesce(e.date_end, e.date_start), e.loc_country, 1, 1, 1 \
                 FROM events e WHERE e.event_key = ?5",
            )?
            .execute(params![fam, ckey, lo, hi, event_key])?;
            let cluster_id = conn.last_insert_rowid();
            conn.prepare_cached("UPDATE events SET cluster_id = ?1 WHERE event_key = ?2")?
                .execute(params![cluster_id, event_key])?;
        }
    }
    Ok(())
}
