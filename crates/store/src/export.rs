//! Writing selected mentions or clusters as flat rows: CSV, TSV, GDELT-style TSV, and Parquet
//! (with the `parquet` feature).
//!
//! The flat row types ([`MentionRow`], [`ClusterRow`]) fix the column names and order of every
//! tabular format; CSV follows RFC 4180 (read it back with any CSV reader), TSV and GDELT
//! replace tabs and newlines inside fields by spaces. The GDELT format follows the GDELT 2.0
//! event-table column order for the fields dyad has, with NumMentions, NumSources and
//! NumArticles taken from the event's cluster; as in GDELT, the actors' country codes are
//! CAMEO's three letters and `ActionGeo_CountryCode` is the place's FIPS 10-4 code ("IZ" for
//! Iraq). This module writes to the writer it is given;
//! it must never choose files or change the store.

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::query::{Filter, Level};
use crate::record::{ActorRef, ClusterRecord, Event, EventDate, Location, StoredMention, VerbRef};
use crate::Store;

/// A mention as one flat row (CSV, TSV and Parquet columns, in this order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct MentionRow {
    pub event_id: String,
    pub cluster_id: i64,
    pub doc_id: String,
    pub sentence_index: usize,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_precision: String,
    pub date_text: Option<String>,
    pub source_code: Option<String>,
    pub source_text: Option<String>,
    pub source_entry: Option<String>,
    pub target_code: Option<String>,
    pub target_text: Option<String>,
    pub target_entry: Option<String>,
    pub cameo: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: String,
    pub location_text: Option<String>,
    pub location_name: Option<String>,
    pub location_country: Option<String>,
    pub location_admin1: Option<String>,
    pub location_lat: Option<f64>,
    pub location_lon: Option<f64>,
    pub location_precision: Option<String>,
    pub fatalities: Option<u32>,
    pub verb_text: String,
    pub verb_rule: String,
    pub sentence: String,
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    pub fatalities_text: Option<String>,
    pub verb_rules: String,
}

impl From<&StoredMention> for MentionRow {
    fn from(s: &StoredMention) -> Self {
        let m = &s.mention;
        let loc = m.location.as_ref();
        MentionRow {
            event_id: m.event_id.clone(),
            cluster_id: s.cluster_id,
            doc_id: m.doc_id.clone(),
            sentence_index: m.sentence_index,
            date_start: m.date.start.clone(),
            date_end: m.date.end.clone(),
            date_precision: m.date.precision.clone(),
            date_text: m.date.text.clone(),
            source_code: m.source.code.clone(),
            source_text: m.source.text.clone(),
            source_entry: m.source.entry.clone(),
            target_code: m.target.code.clone(),
            target_text: m.target.text.clone(),
            target_entry: m.target.entry.clone(),
            cameo: m.cameo.clone(),
            root: m.root.clone(),
            quad_class: m.quad_class,
            goldstein: m.goldstein,
            plover: m.plover.clone(),
            location_text: loc.map(|l| l.text.clone()),
            location_name: loc.map(|l| l.name.clone()),
            location_country: loc.map(|l| l.country.clone()),
            location_admin1: loc.and_then(|l| l.admin1.clone()),
            location_lat: loc.map(|l| l.lat),
            location_lon: loc.map(|l| l.lon),
            location_precision: loc.map(|l| l.precision.clone()),
            fatalities: m.fatalities,
            verb_text: m.verb.text.clone(),
            verb_rule: m.verb.rule.clone(),
            sentence: m.sentence.clone(),
            source_country: m.source.country.clone(),
            target_country: m.target.country.clone(),
            fatalities_text: m.fatalities_text.clone(),
            verb_rules: m.verb.rules.join(" "),
        }
    }
}

impl MentionRow {
    /// Back to the record (what a reader of an export gets).
    pub fn into_stored(self) -> StoredMention {
        let location = self.location_country.map(|country| Location {
            text: self.location_text.unwrap_or_default(),
            name: self.location_name.unwrap_or_default(),
            country,
            admin1: self.location_admin1,
            lat: self.location_lat.unwrap_or_default(),
            lon: self.location_lon.unwrap_or_default(),
            precision: self.location_precision.unwrap_or_default(),
        });
        StoredMention {
            cluster_id: self.cluster_id,
            mention: Event {
                event_id: self.event_id,
                doc_id: self.doc_id,
                sentence_index: self.sentence_index,
                sentence: self.sentence,
                source: ActorRef {
                    text: self.source_text,
                    code: self.source_code,
                    entry: self.source_entry,
                    country: self.source_country,
                },
                target: ActorRef {
                    text: self.target_text,
                    code: self.target_code,
                    entry: self.target_entry,
                    country: self.target_country,
                },
                cameo: self.cameo,
                root: self.root,
                quad_class: self.quad_class,
                goldstein: self.goldstein,
                plover: self.plover,
                date: EventDate {
                    start: self.date_start,
                    end: self.date_end,
                    precision: self.date_precision,
                    text: self.date_text,
                },
                location,
                fatalities: self.fatalities,
                fatalities_text: self.fatalities_text,
                verb: VerbRef {
                    text: self.verb_text,
                    rule: self.verb_rule,
                    rules: crate::query::split_rules(&self.verb_rules),
                },
            },
        }
    }
}

/// A cluster as one flat row: the fields of [`ClusterRecord`] in order.
pub type ClusterRow = ClusterRecord;

/// The column names of [`MentionRow`].
pub const MENTION_COLUMNS: &[&str] = &[
    "event_id",
    "cluster_id",
    "doc_id",
    "sentence_index",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "source_code",
    "source_text",
    "source_entry",
    "target_code",
    "target_text",
    "target_entry",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "location_text",
    "location_name",
    "location_country",
    "location_admin1",
    "location_lat",
    "location_lon",
    "location_precision",
    "fatalities",
    "verb_text",
    "verb_rule",
    "sentence",
    "source_country",
    "target_country",
    "fatalities_text",
    "verb_rules",
];

/// The column names of [`ClusterRow`].
pub const CLUSTER_COLUMNS: &[&str] = &[
    "cluster_id",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "source",
    "target",
    "date_start",
    "date_end",
    "country",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_event_id",
    "first_doc_id",
    "first_url",
    "sentence",
];

/// A tabular format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated with a header row; tabs and newlines in fields become spaces.
    Tsv,
    /// GDELT 2.0 event-table column order, tab-separated, with a header row.
    Gdelt,
}

/// GDELT 2.0 event-table columns that dyad fills.
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
];

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(clean).unwrap_or_default()
}

fn country3(code: &Option<String>) -> String {
    code.as_deref()
        .and_then(|c| match crate::dedup::split_actor(c) {
            (Some(cc), _) => Some(cc.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

/// GDELT's ActionGeo_Type for a location precision: 1 country, 2 first-level division,
/// 4 city, 0 none.
fn geo_type(precision: &str) -> u8 {
    match precision {
        "country" | "region" => 1,
        "admin1" => 2,
        "city" => 4,
        _ => 0,
    }
}

/// A GDELT row's counts for a cluster: (NumMentions, NumSources, NumArticles).
fn cluster_counts(store: &Store, cluster_id: i64) -> Result<(i64, i64, i64)> {
    Ok(store
        .conn
        .prepare_cached(
            "SELECT num_mentions, num_sources, num_articles FROM clusters WHERE cluster_id = ?1",
        )?
        .query_row([cluster_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap_or((1, 1, 1)))
}

fn doc_url(store: &Store, doc_id: &str) -> Result<Option<String>> {
    Ok(store
        .conn
        .prepare_cached("SELECT url FROM documents WHERE id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .unwrap_or(None))
}

/// Write the selected rows in a tabular format; returns the number of rows.
pub fn write_table(
    store: &Store,
    filter: &Filter,
    level: Level,
    limit: Option<usize>,
    format: Table,
    out: &mut dyn Write,
) -> Result<usize> {
    let io = |e: std::io::Error| StoreError::Io {
        context: "cannot write the export".to_string(),
        source: e,
    };
    match (format, level) {
        (Table::Csv, Level::Mention) => {
            let mut w = csv::Writer::from_writer(out);
            let n = store.for_each_mention::<StoreError>(filter, limit, |m| {
                w.serialize(MentionRow::from(&m))?;
                Ok(())
            })?;
            if n == 0 {
                w.write_record(MENTION_COLUMNS)?;
            }
            w.flush().map_err(io)?;
            Ok(n)
        }
        (Table::Csv, Level::Cluster) => {
            let mut w = csv::Writer::from_writer(out);
            let n = store.for_each_cluster::<StoreError>(filter, limit, |c| {
                w.serialize(&c)?;
                Ok(())
            })?;
            if n == 0 {
                w.write_record(CLUSTER_COLUMNS)?;
            }
            w.flush().map_err(io)?;
            Ok(n)
        }
        (Table::Tsv, Level::Mention) => {
            writeln!(out, "{}", MENTION_COLUMNS.join("\t")).map_err(io)?;
            store.for_each_mention::<StoreError>(filter, limit, |m| {
                let r = MentionRow::from(&m);
                let f = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.event_id, r.cluster_id, clean(&r.doc_id), r.sentence_index,
                    opt(&r.date_start), opt(&r.date_end), r.date_precision, opt(&r.date_text),
                    opt(&r.source_code), opt(&r.source_text), opt(&r.source_entry),
                    opt(&r.target_code), opt(&r.target_text), opt(&r.target_entry),
                    r.cameo, r.root, r.quad_class, r.goldstein, r.plover,
                    opt(&r.location_text), opt(&r.location_name), opt(&r.location_country),
                    opt(&r.location_admin1), f(r.location_lat), f(r.location_lon),
                    opt(&r.location_precision),
                    r.fatalities.map(|v| v.to_string()).unwrap_or_default(),
                    clean(&r.verb_text), r.verb_rule, clean(&r.sentence),
                    opt(&r.source_country), opt(&r.target_country), opt(&r.fatalities_text),
                    r.verb_rules
                ).map_err(io)
            })
        }
        (Table::Tsv, Level::Cluster) => {
            writeln!(out, "{}", CLUSTER_COLUMNS.join("\t")).map_err(io)?;
            store.for_each_cluster::<StoreError>(filter, limit, |c| {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.cluster_id,
                    c.cameo,
                    c.root,
                    c.quad_class,
                    c.goldstein,
                    c.plover,
                    opt(&c.source),
                    opt(&c.target),
                    opt(&c.date_start),
                    opt(&c.date_end),
                    opt(&c.country),
                    c.num_mentions,
                    c.num_articles,
                    c.num_sources,
                    c.first_event_id,
                    clean(&c.first_doc_id),
                    opt(&c.first_url),
                    clean(&c.sentence)
                )
                .map_err(io)
            })
        }
        (Table::Gdelt, Level::Mention) => {
            writeln!(out, "{}", GDELT_COLUMNS.join("\t")).map_err(io)?;
            store.for_each_mention::<StoreError>(filter, limit, |s| {
                let (nm, ns, na) = cluster_counts(store, s.cluster_id)?;
                let url = doc_url(store, &s.mention.doc_id)?;
                write_gdelt_mention(out, &s.mention, (nm, ns, na), url.as_deref()).map_err(io)
            })
        }
        (Table::Gdelt, Level::Cluster) => {
            writeln!(out, "{}", GDELT_COLUMNS.join("\t")).map_err(io)?;
            store.for_each_cluster::<StoreError>(filter, limit, |c| {
                let base = c.cameo.get(..3).unwrap_or(&c.cameo);
                writeln!(
                    out,
                    "{}\t{}\t{}\t\t{}\t{}\t\t{}\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t\t{}\t\t\t{}",
                    c.cluster_id,
                    opt(&c.date_start).replace('-', ""),
                    opt(&c.source),
                    country3(&c.source),
                    opt(&c.target),
                    country3(&c.target),
                    c.cameo,
                    base,
                    c.root,
                    c.quad_class,
                    c.goldstein,
                    c.num_mentions,
                    c.num_sources,
                    c.num_articles,
                    if c.country.is_some() { 1 } else { 0 },
                    c.country
                        .as_deref()
                        .and_then(dyad_places::fips_code)
                        .unwrap_or_default(),
                    opt(&c.first_url)
                )
                .map_err(io)
            })
        }
    }
}

/// One event mention as a row of [`GDELT_COLUMNS`], with its cluster's (NumMentions,
/// NumSources, NumArticles) and the document's URL. `dyad code --format gdelt` writes its
/// rows with it too (counts 1, 1, 1).
pub fn write_gdelt_mention(
    out: &mut dyn Write,
    e: &Event,
    (nm, ns, na): (i64, i64, i64),
    url: Option<&str>,
) -> std::io::Result<()> {
    let base = e.cameo.get(..3).unwrap_or(&e.cameo);
    let loc = e.location.as_ref();
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t1\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        e.event_id,
        opt(&e.date.start).replace('-', ""),
        opt(&e.source.code),
        opt(&e.source.text),
        country3(&e.source.code),
        opt(&e.target.code),
        opt(&e.target.text),
        country3(&e.target.code),
        e.cameo,
        base,
        e.root,
        e.quad_class,
        e.goldstein,
        nm,
        ns,
        na,
        loc.map_or(0, |l| geo_type(&l.precision)),
        loc.map(|l| clean(&l.name)).unwrap_or_default(),
        loc.and_then(|l| dyad_places::fips_code(&l.country))
            .unwrap_or_default(),
        loc.map(|l| l.lat.to_string()).unwrap_or_default(),
        loc.map(|l| l.lon.to_string()).unwrap_or_default(),
        url.map(clean).unwrap_or_default()
    )
}

#[cfg(feature = "parquet")]
pub use crate::parquet_export::{write_parquet, CLUSTER_SCHEMA, MENTION_SCHEMA};
