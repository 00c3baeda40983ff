//! Parquet export (the `parquet` feature): mentions or clusters as one Parquet file, readable
//! by DuckDB, pandas/pyarrow and Spark.
//!
//! Schema (Snappy-compressed, row groups of 100,000 rows): the columns of
//! [`crate::export::MentionRow`] or [`crate::export::ClusterRow`] in the same order and with
//! the same names; text is `BYTE_ARRAY (STRING)`, counts and ids `INT64`, `quad_class`
//! `INT32`, `goldstein` `FLOAT`, coordinates `DOUBLE`, and every field that can be null in the
//! record is `OPTIONAL`. This module writes to the writer it is given; it must never choose
//! files or change the store.

use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{
    ByteArray, ByteArrayType, DataType, DoubleType, FloatType, Int32Type, Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;

use crate::error::{Result, StoreError};
use crate::export::MentionRow;
use crate::query::{Filter, Level};
use crate::record::ClusterRecord;
use crate::Store;

const ROW_GROUP: usize = 100_000;

/// The Parquet schema of a mention export.
pub const MENTION_SCHEMA: &str = "message dyad_mention {
  required binary event_id (STRING);
  required int64 cluster_id;
  required binary doc_id (STRING);
  required int64 sentence_index;
  optional binary date_start (STRING);
  optional binary date_end (STRING);
  required binary date_precision (STRING);
  optional binary date_text (STRING);
  optional binary source_code (STRING);
  optional binary source_text (STRING);
  optional binary source_entry (STRING);
  optional binary target_code (STRING);
  optional binary target_text (STRING);
  optional binary target_entry (STRING);
  required binary cameo (STRING);
  required binary root (STRING);
  required int32 quad_class;
  required float goldstein;
  required binary plover (STRING);
  optional binary location_text (STRING);
  optional binary location_name (STRING);
  optional binary location_country (STRING);
  optional binary location_admin1 (STRING);
  optional double location_lat;
  optional double location_lon;
  optional binary location_precision (STRING);
  optional int64 fatalities;
  required binary verb_text (STRING);
  required binary verb_rule (STRING);
  required binary sentence (STRING);
  optional binary source_country (STRING);
  optional binary target_country (STRING);
  optional binary fatalities_text (STRING);
  required binary verb_rules (STRING);
}";

/// The Parquet schema of a cluster export.
pub const CLUSTER_SCHEMA: &str = "message dyad_cluster {
  required int64 cluster_id;
  required binary cameo (STRING);
  required binary root (STRING);
  required int32 quad_class;
  required float goldstein;
  required binary plover (STRING);
  optional binary source (STRING);
  optional binary target (STRING);
  optional binary date_start (STRING);
  optional binary date_end (STRING);
  optional binary country (STRING);
  required int64 num_mentions;
  required int64 num_articles;
  required int64 num_sources;
  required binary first_event_id (STRING);
  required binary first_doc_id (STRING);
  optional binary first_url (STRING);
  required binary sentence (STRING);
}";

fn pq(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Export(format!("parquet: {e}"))
}

/// One column's values for a row group, with definition levels for optional columns.
fn write_col<T: DataType>(
    col: &mut SerializedColumnWriter<'_>,
    values: Vec<Option<T::T>>,
    optional: bool,
) -> Result<()> {
    let defs: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
    let present: Vec<T::T> = values.into_iter().flatten().collect();
    col.typed::<T>()
        .write_batch(&present, optional.then_some(&defs[..]), None)
        .map_err(pq)?;
    Ok(())
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn opt_text(s: &Option<String>) -> Option<ByteArray> {
    s.as_deref().map(text)
}

fn n64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn write_mention_group(
    w: &mut SerializedFileWriter<Box<dyn std::io::Write + Send>>,
    rows: &[MentionRow],
) -> Result<()> {
    let mut rg = w.next_row_group().map_err(pq)?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column().map_err(pq)? {
        let s = |f: &dyn Fn(&MentionRow) -> &String| -> Vec<Option<ByteArray>> {
            rows.iter().map(|r| Some(text(f(r)))).collect()
        };
        let o = |f: &dyn Fn(&MentionRow) -> &Option<String>| -> Vec<Option<ByteArray>> {
            rows.iter().map(|r| opt_text(f(r))).collect()
        };
        match i {
            0 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.event_id), false)?,
            1 => write_col::<Int64Type>(
                &mut col,
                rows.iter().map(|r| Some(r.cluster_id)).collect(),
                false,
            )?,
            2 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.doc_id), false)?,
            3 => write_col::<Int64Type>(
                &mut col,
                rows.iter().map(|r| Some(n64(r.sentence_index))).collect(),
                false,
            )?,
            4 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.date_start), true)?,
            5 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.date_end), true)?,
            6 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.date_precision), false)?,
            7 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.date_text), true)?,
            8 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.source_code), true)?,
            9 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.source_text), true)?,
            10 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.source_entry), true)?,
            11 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.target_code), true)?,
            12 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.target_text), true)?,
            13 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.target_entry), true)?,
            14 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.cameo), false)?,
            15 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.root), false)?,
            16 => write_col::<Int32Type>(
                &mut col,
                rows.iter().map(|r| Some(i32::from(r.quad_class))).collect(),
                false,
            )?,
            17 => write_col::<FloatType>(
                &mut col,
                rows.iter().map(|r| Some(r.goldstein)).collect(),
                false,
            )?,
            18 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.plover), false)?,
            19 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.location_text), true)?,
            20 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.location_name), true)?,
            21 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.location_country), true)?,
            22 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.location_admin1), true)?,
            23 => write_col::<DoubleType>(
                &mut col,
                rows.iter().map(|r| r.location_lat).collect(),
                true,
            )?,
            24 => write_col::<DoubleType>(
                &mut col,
                rows.iter().map(|r| r.location_lon).collect(),
                true,
            )?,
            25 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.location_precision), true)?,
            26 => write_col::<Int64Type>(
                &mut col,
                rows.iter().map(|r| r.fatalities.map(i64::from)).collect(),
                true,
            )?,
            27 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.verb_text), false)?,
            28 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.verb_rule), false)?,
            29 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.sentence), false)?,
            30 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.source_country), true)?,
            31 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.target_country), true)?,
            32 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.fatalities_text), true)?,
            _ => write_col::<ByteArrayType>(&mut col, s(&|r| &r.verb_rules), false)?,
        }
        col.close().map_err(pq)?;
        i += 1;
    }
    rg.close().map_err(pq)?;
    Ok(())
}

fn write_cluster_group(
    w: &mut SerializedFileWriter<Box<dyn std::io::Write + Send>>,
    rows: &[ClusterRecord],
) -> Result<()> {
    let mut rg = w.next_row_group().map_err(pq)?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column().map_err(pq)? {
        let s = |f: &dyn Fn(&ClusterRecord) -> &String| -> Vec<Option<ByteArray>> {
            rows.iter().map(|r| Some(text(f(r)))).collect()
        };
        let o = |f: &dyn Fn(&ClusterRecord) -> &Option<String>| -> Vec<Option<ByteArray>> {
            rows.iter().map(|r| opt_text(f(r))).collect()
        };
        let int = |f: &dyn Fn(&ClusterRecord) -> i64| -> Vec<Option<i64>> {
            rows.iter().map(|r| Some(f(r))).collect()
        };
        match i {
            0 => write_col::<Int64Type>(&mut col, int(&|r| r.cluster_id), false)?,
            1 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.cameo), false)?,
            2 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.root), false)?,
            3 => write_col::<Int32Type>(
                &mut col,
                rows.iter().map(|r| Some(i32::from(r.quad_class))).collect(),
                false,
            )?,
            4 => write_col::<FloatType>(
                &mut col,
                rows.iter().map(|r| Some(r.goldstein)).collect(),
                false,
            )?,
            5 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.plover), false)?,
            6 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.source), true)?,
            7 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.target), true)?,
            8 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.date_start), true)?,
            9 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.date_end), true)?,
            10 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.country), true)?,
            11 => write_col::<Int64Type>(&mut col, int(&|r| r.num_mentions), false)?,
            12 => write_col::<Int64Type>(&mut col, int(&|r| r.num_articles), false)?,
            13 => write_col::<Int64Type>(&mut col, int(&|r| r.num_sources), false)?,
            14 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.first_event_id), false)?,
            15 => write_col::<ByteArrayType>(&mut col, s(&|r| &r.first_doc_id), false)?,
            16 => write_col::<ByteArrayType>(&mut col, o(&|r| &r.first_url), true)?,
            _ => write_col::<ByteArrayType>(&mut col, s(&|r| &r.sentence), false)?,
        }
        col.close().map_err(pq)?;
        i += 1;
    }
    rg.close().map_err(pq)?;
    Ok(())
}

/// Write the selected mentions or clusters as Parquet; returns the number of rows.
pub fn write_parquet(
    store: &Store,
    filter: &Filter,
    level: Level,
    out: impl std::io::Write + Send + 'static,
) -> Result<usize> {
    let schema = match level {
        Level::Mention => MENTION_SCHEMA,
        Level::Cluster => CLUSTER_SCHEMA,
    };
    let schema = Arc::new(parse_message_type(schema).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let out: Box<dyn std::io::Write + Send> = Box::new(out);
    let mut w = SerializedFileWriter::new(out, schema, props).map_err(pq)?;
    let n = match level {
        Level::Mention => {
            let mut rows = Vec::with_capacity(ROW_GROUP);
            let n = store.for_each_mention::<StoreError>(filter, None, |m| {
                rows.push(MentionRow::from(&m));
                if rows.len() == ROW_GROUP {
                    write_mention_group(&mut w, &rows)?;
                    rows.clear();
                }
                Ok(())
            })?;
            if !rows.is_empty() {
                write_mention_group(&mut w, &rows)?;
            }
            n
        }
        Level::Cluster => {
            let mut rows = Vec::with_capacity(ROW_GROUP);
            let n = store.for_each_cluster::<StoreError>(filter, None, |c| {
                rows.push(c);
                if rows.len() == ROW_GROUP {
                    write_cluster_group(&mut w, &rows)?;
                    rows.clear();
                }
                Ok(())
            })?;
            if !rows.is_empty() {
                write_cluster_group(&mut w, &rows)?;
            }
            n
        }
    };
    w.close().map_err(pq)?;
    Ok(n)
}
