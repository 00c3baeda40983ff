//! Reading the store back: filters over mentions or clusters, as records.
//!
//! A [`Filter`] becomes one SQL `WHERE` clause over the `events` table (mention level) or the
//! `clusters` table (cluster level); actor filters are code prefixes turned into index ranges,
//! so a dyad and date query on a million events reads only the index entries of that dyad.
//! This module only reads; it must never write to the store.

use rusqlite::types::Value;

use crate::error::{Result, StoreError};
use crate::record::{ActorRef, ClusterRecord, Event, EventDate, Location, StoredMention, VerbRef};
use crate::Store;

/// Mentions (one row per sentence that reported an event) or clusters (one row per event).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// Every mention.
    #[default]
    Mention,
    /// One row per event cluster.
    Cluster,
}

/// What to select. Every field left `None` selects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Actor code prefix, as source or target.
    pub actor: Option<String>,
    /// Source actor code prefix.
    pub source: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// A dyad of code prefixes, in either direction.
    pub dyad: Option<(String, String)>,
    /// CAMEO code prefix ("19" selects 19x, "195" selects 195 and 195x).
    pub code: Option<String>,
    /// CAMEO root, exactly ("19").
    pub root: Option<String>,
    /// QuadClass 1..4.
    pub quad: Option<u8>,
    /// First day (YYYY-MM-DD), inclusive, compared with the event's start date.
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// ISO 3166-1 alpha-3 country of the event's place.
    pub country: Option<String>,
    /// FTS5 query over the sentences.
    pub text: Option<String>,
}

/// The exclusive upper bound of the strings starting with `prefix`.
fn prefix_end(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = char::from_u32(last as u32 + 1) {
            chars.push(next);
            return chars.into_iter().collect();
        }
    }
    char::MAX.to_string()
}

fn check_date(d: &str, flag: &str) -> Result<()> {
    if d.len() == 10 && d.parse::<jiff::civil::Date>().is_ok() {
        Ok(())
    } else {
        Err(StoreError::Filter(format!(
            "{flag} {d:?} is not a YYYY-MM-DD date"
        )))
    }
}

struct Columns {
    source: &'static str,
    target: &'static str,
    cameo: &'static str,
    root: &'static str,
    quad: &'static str,
    date: &'static str,
    country: &'static str,
}

const MENTION_COLUMNS: Columns = Columns {
    source: "e.source_code",
    target: "e.target_code",
    cameo: "e.cameo",
    root: "e.root",
    quad: "e.quad_class",
    date: "e.date_start",
    country: "e.loc_country",
};

const CLUSTER_COLUMNS: Columns = Columns {
    source: "c.source_code",
    target: "c.target_code",
    cameo: "c.cameo",
    root: "c.root",
    quad: "c.quad_class",
    date: "c.date_start",
    country: "c.country",
};

impl Filter {
    /// Check the values (dates, quad class, dyad) before any SQL is run.
    pub fn validate(&self) -> Result<()> {
        if let Some(d) = &self.from {
            check_date(d, "--from")?;
        }
        if let Some(d) = &self.to {
            check_date(d, "--to")?;
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::Filter(format!("--quad {q} is not 1..4")));
            }
        }
        if let Some(t) = &self.text {
            if t.trim().is_empty() {
                return Err(StoreError::Filter("--text is empty".to_string()));
            }
        }
        Ok(())
    }

    /// The `WHERE` clauses and their parameters. A filter with alternatives (`--actor` as
    /// source or target, `--dyad` in either direction) gives one clause per combination, each
    /// excluding the rows of the clauses before it, so the branches can be joined with
    /// `UNION ALL` (each branch a plain index range, no row de-duplication) and still select
    /// every row once.
    pub(crate) fn sql(&self, level: Level) -> Result<(Vec<String>, Vec<Value>)> {
        self.validate()?;
        let cols = match level {
            Level::Mention => &MENTION_COLUMNS,
            Level::Cluster => &CLUSTER_COLUMNS,
        };
        let mut common = String::from("WHERE 1");
        let mut params: Vec<Value> = Vec::new();
        let prefix = |col: &str, p: &str, params: &mut Vec<Value>| -> String {
            params.push(Value::Text(p.to_string()));
            params.push(Value::Text(prefix_end(p)));
            let n = params.len();
            format!("({col} >= ?{} AND {col} < ?{n})", n - 1)
        };
        // Each entry: the alternatives of one disjunction.
        let mut alternatives: Vec<Vec<String>> = Vec::new();
        if let Some(a) = &self.actor {
            let s = prefix(cols.source, a, &mut params);
            let t = prefix(cols.target, a, &mut params);
            alternatives.push(vec![s, t]);
        }
        if let Some(a) = &self.source {
            let s = prefix(cols.source, a, &mut params);
            common.push_str(&format!(" AND {s}"));
        }
        if let Some(a) = &self.target {
            let s = prefix(cols.target, a, &mut params);
            common.push_str(&format!(" AND {s}"));
        }
        if let Some((a, b)) = &self.dyad {
            let s1 = prefix(cols.source, a, &mut params);
            let t1 = prefix(cols.target, b, &mut params);
            let t2 = prefix(cols.target, a, &mut params);
            let s2 = prefix(cols.source, b, &mut params);
            alternatives.push(vec![format!("({s1} AND {t1})"), format!("({s2} AND {t2})")]);
        }
        if let Some(c) = &self.code {
            let s = prefix(cols.cameo, c, &mut params);
            common.push_str(&format!(" AND {s}"));
        }
        let mut eq = |col: &str, v: Value, sql: &mut String| {
            params.push(v);
            sql.push_str(&format!(" AND {col} = ?{}", params.len()));
        };
        if let Some(r) = &self.root {
            eq(cols.root, Value::Text(r.clone()), &mut common);
        }
        if let Some(q) = self.quad {
            eq(cols.quad, Value::Integer(i64::from(q)), &mut common);
        }
        if let Some(c) = &self.country {
            eq(cols.country, Value::Text(c.clone()), &mut common);
        }
        if let Some(d) = &self.from {
            params.push(Value::Text(d.clone()));
            common.push_str(&format!(" AND {} >= ?{}", cols.date, params.len()));
        }
        if let Some(d) = &self.to {
            params.push(Value::Text(d.clone()));
            common.push_str(&format!(" AND {} <= ?{}", cols.date, params.len()));
        }
        if let Some(t) = &self.text {
            params.push(Value::Text(t.clone()));
            let fts = format!(
                "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?{}",
                params.len()
            );
            match level {
                Level::Mention => common.push_str(&format!(" AND e.sent_key IN ({fts})")),
                Level::Cluster => common.push_str(&format!(
                    " AND c.cluster_id IN (SELECT cluster_id FROM events WHERE sent_key IN ({fts}))"
                )),
            }
        }
        // The branches: every combination of one alternative per disjunction.
        let mut combos: Vec<String> = vec![String::new()];
        for alts in &alternatives {
            combos = combos
                .iter()
                .flat_map(|c| alts.iter().map(move |a| format!("{c} AND {a}")))
                .collect();
        }
        let branches = combos
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut w = format!("{common}{c}");
                if i > 0 {
                    let earlier: Vec<String> =
                        combos[..i].iter().map(|e| format!("(1{e})")).collect();
                    w.push_str(&format!(" AND NOT coalesce({}, 0)", earlier.join(" OR ")));
                }
                w
            })
            .collect();
        Ok((branches, params))
    }
}

/// `SELECT … FROM … WHERE branch` for every branch, joined by `UNION ALL`.
pub(crate) fn union_all(select: &str, branches: &[String]) -> String {
    branches
        .iter()
        .map(|w| format!("{select} {w}"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

pub(crate) const MENTION_SELECT: &str = "SELECT e.cluster_id, e.event_id, d.id, e.sentence_index, \
     coalesce(s.text, ''), e.source_text, e.source_code, e.source_entry, e.target_text, \
     e.target_code, e.target_entry, e.cameo, e.root, e.quad_class, e.goldstein, e.plover, \
     e.date_start, e.date_end, e.date_precision, e.date_text, e.loc_text, e.loc_name, \
     e.loc_country, e.loc_admin1, e.loc_lat, e.loc_lon, e.loc_precision, e.fatalities, \
     e.verb_text, e.verb_rule, e.source_country, e.target_country, e.fatalities_text, \
     e.verb_rules \
     FROM keys q JOIN events e ON e.event_key = q.k JOIN documents d ON d.doc_key = e.doc_key \
     LEFT JOIN sentences s ON s.sent_key = e.sent_key ORDER BY q.d, q.k";

/// The keys and dates of the selected mentions (sorted and limited before any join).
pub(crate) const MENTION_KEYS: &str = "SELECT e.event_key AS k, e.date_start AS d FROM events e";

pub(crate) fn read_mention(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredMention> {
    let loc_country: Option<String> = r.get(22)?;
    let location = match loc_country {
        Some(country) => Some(Location {
            text: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            name: r.get::<_, Option<String>>(21)?.unwrap_or_default(),
            country,
            admin1: r.get(23)?,
            lat: r.get::<_, Option<f64>>(24)?.unwrap_or_default(),
            lon: r.get::<_, Option<f64>>(25)?.unwrap_or_default(),
            precision: r.get::<_, Option<String>>(26)?.unwrap_or_default(),
        }),
        None => None,
    };
    let sentence_index: i64 = r.get(3)?;
    let goldstein: f64 = r.get(14)?;
    Ok(StoredMention {
        cluster_id: r.get::<_, Option<i64>>(0)?.unwrap_or(0),
        mention: Event {
            event_id: r.get(1)?,
            doc_id: r.get(2)?,
            sentence_index: usize::try_from(sentence_index).unwrap_or(0),
            sentence: r.get(4)?,
            source: ActorRef {
                text: r.get(5)?,
                code: r.get(6)?,
                entry: r.get(7)?,
                country: r.get(30)?,
            },
            target: ActorRef {
                text: r.get(8)?,
                code: r.get(9)?,
                entry: r.get(10)?,
                country: r.get(31)?,
            },
            cameo: r.get(11)?,
            root: r.get(12)?,
            quad_class: r.get(13)?,
            goldstein: goldstein as f32,
            plover: r.get(15)?,
            date: EventDate {
                start: r.get(16)?,
                end: r.get(17)?,
                precision: r.get(18)?,
                text: r.get(19)?,
            },
            location,
            fatalities: r.get(27)?,
            fatalities_text: r.get(32)?,
            verb: VerbRef {
                text: r.get(28)?,
                rule: r.get(29)?,
                rules: split_rules(&r.get::<_, String>(33)?),
            },
        },
    })
}

/// The rule names of a stored mention, stored space-separated.
pub(crate) fn split_rules(stored: &str) -> Vec<String> {
    stored.split_whitespace().map(str::to_string).collect()
}

pub(crate) const CLUSTER_SELECT: &str =
    "SELECT c.cluster_id, c.cameo, c.root, c.quad_class, c.goldstein, \
     c.plover, c.source_code, c.target_code, c.date_start, c.date_end, c.country, \
     c.num_mentions, c.num_articles, c.num_sources, e.event_id, d.id, d.url, \
     coalesce(s.text, '') \
     FROM keys q JOIN clusters c ON c.cluster_id = q.k \
     JOIN events e ON e.event_key = c.seed_event \
     JOIN documents d ON d.doc_key = e.doc_key \
     LEFT JOIN sentences s ON s.sent_key = e.sent_key ORDER BY q.d, q.k";

/// The ids and dates of the selected clusters.
pub(crate) const CLUSTER_KEYS: &str = "SELECT c.cluster_id AS k, c.date_start AS d FROM clusters c";

pub(crate) fn read_cluster(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClusterRecord> {
    let goldstein: f64 = r.get(4)?;
    Ok(ClusterRecord {
        cluster_id: r.get(0)?,
        cameo: r.get(1)?,
        root: r.get(2)?,
        quad_class: r.get(3)?,
        goldstein: goldstein as f32,
        plover: r.get(5)?,
        source: r.get(6)?,
        target: r.get(7)?,
        date_start: r.get(8)?,
        date_end: r.get(9)?,
        country: r.get(10)?,
        num_mentions: r.get(11)?,
        num_articles: r.get(12)?,
        num_sources: r.get(13)?,
        first_event_id: r.get(14)?,
        first_doc_id: r.get(15)?,
        first_url: r.get(16)?,
        sentence: r.get(17)?,
    })
}

fn limit_clause(limit: Option<usize>, offset: usize) -> String {
    match (limit, offset) {
        (None, 0) => String::new(),
        (None, o) => format!(" LIMIT -1 OFFSET {o}"),
        (Some(n), 0) => format!(" LIMIT {n}"),
        (Some(n), o) => format!(" LIMIT {n} OFFSET {o}"),
    }
}

impl Store {
    /// Call `each` on every mention the filter selects, ordered by date and then by the order
    /// of ingestion, at most `limit` of them.
    pub fn for_each_mention<E: From<crate::StoreError>>(
        &self,
        filter: &Filter,
        limit: Option<usize>,
        each: impl FnMut(StoredMention) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let (branches, params) = filter.sql(Level::Mention)?;
        let keys = union_all(MENTION_KEYS, &branches);
        self.for_each_row(
            &keys,
            MENTION_SELECT,
            params,
            (limit, 0),
            read_mention,
            each,
        )
    }

    /// Call `each` on every cluster the filter selects, ordered by date and then by id.
    pub fn for_each_cluster<E: From<crate::StoreError>>(
        &self,
        filter: &Filter,
        limit: Option<usize>,
        each: impl FnMut(ClusterRecord) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let (branches, params) = filter.sql(Level::Cluster)?;
        let keys = union_all(CLUSTER_KEYS, &branches);
        self.for_each_row(
            &keys,
            CLUSTER_SELECT,
            params,
            (limit, 0),
            read_cluster,
            each,
        )
    }

    /// Run `select` over the (key, date) rows of `keys` in date order, skipping the first
    /// `page.1` and keeping at most `page.0` of them, and call `each` on every row as `read`
    /// decodes it; returns the number of rows.
    pub(crate) fn for_each_row<T, E: From<crate::StoreError>>(
        &self,
        keys: &str,
        select: &str,
        params: Vec<rusqlite::types::Value>,
        page: (Option<usize>, usize),
        read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
        mut each: impl FnMut(T) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let sql = format!(
            "WITH keys AS ({keys} ORDER BY 2, 1{}) {select}",
            limit_clause(page.0, page.1)
        );
        let map = crate::sql_err(&self.path);
        let mut st = self.conn.prepare(&sql).map_err(&map).map_err(E::from)?;
        let mut rows = st
            .query(rusqlite::params_from_iter(params))
            .map_err(&map)
            .map_err(E::from)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(&map).map_err(E::from)? {
            each(read(row).map_err(&map).map_err(E::from)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The mentions the filter selects, collected.
    pub fn mentions(&self, filter: &Filter, limit: Option<usize>) -> Result<Vec<StoredMention>> {
        let mut out = Vec::new();
        self.for_each_mention::<StoreError>(filter, limit, |m| {
            out.push(m);
            Ok(())
        })?;
        Ok(out)
    }

    /// The clusters the filter selects, collected.
    pub fn clusters(&self, filter: &Filter, limit: Option<usize>) -> Result<Vec<ClusterRecord>> {
        let mut out = Vec::new();
        self.for_each_cluster::<StoreError>(filter, limit, |c| {
            out.push(c);
            Ok(())
        })?;
        Ok(out)
    }

    /// The query plan SQLite picks for a filter (for tests and tuning).
    #[doc(hidden)]
    pub fn explain(&self, filter: &Filter, level: Level) -> Result<String> {
        let (branches, params) = filter.sql(level)?;
        let sql = match level {
            Level::Mention => format!(
                "EXPLAIN QUERY PLAN WITH keys AS ({} ORDER BY 2, 1) {MENTION_SELECT}",
                union_all(MENTION_KEYS, &branches)
            ),
            Level::Cluster => format!(
                "EXPLAIN QUERY PLAN WITH keys AS ({} ORDER BY 2, 1) {CLUSTER_SELECT}",
                union_all(CLUSTER_KEYS, &branches)
            ),
        };
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            r.get::<_, String>(3)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
    }
}
