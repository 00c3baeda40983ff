//! Events as Arrow: the schema of `dyad.code_arrow`'s output and the conversion of coded
//! events into one `RecordBatch` of it.
//!
//! Each event goes through the same JSON serialisation as a line of `dyad code`, and Arrow's
//! JSON decoder reads those lines into the schema, so a row holds exactly the values of the
//! CLI's record (a Goldstein score of 2.8 stays 2.8, not the nearest `f32`). The decoder is
//! strict: a record field the schema lacks is an error, never silently dropped. This module
//! never codes or changes an event.

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use dyad_pipeline::Event;

/// Why events cannot become a batch (an internal error: the schema and the record disagree).
#[derive(Debug, thiserror::Error)]
pub enum EventBatchError {
    /// An event could not be written as JSON.
    #[error("cannot serialise an event: {0}")]
    Json(#[from] serde_json::Error),
    /// Arrow could not read the events into the schema.
    #[error("the events do not fit the event schema: {0}")]
    Arrow(#[from] ArrowError),
}

fn text(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn actor(name: &str) -> Field {
    Field::new(
        name,
        DataType::Struct(Fields::from(vec![
            text("text", true),
            text("code", true),
            text("entry", true),
            text("country", true),
        ])),
        false,
    )
}

/// The schema of the events, field for field the CONTRACT record that `dyad code` prints.
pub fn event_schema() -> SchemaRef {
    let date = DataType::Struct(Fields::from(vec![
        text("start", true),
        text("end", true),
        text("precision", false),
        text("text", true),
    ]));
    let location = DataType::Struct(Fields::from(vec![
        text("text", false),
        text("name", false),
        text("country", false),
        text("admin1", true),
        Field::new("lat", DataType::Float64, false),
        Field::new("lon", DataType::Float64, false),
        text("precision", false),
    ]));
    let verb = DataType::Struct(Fields::from(vec![
        text("text", false),
        text("rule", false),
        Field::new(
            "rules",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
    ]));
    Arc::new(Schema::new(vec![
        text("event_id", false),
        text("doc_id", false),
        Field::new("sentence_index", DataType::Int64, false),
        text("sentence", false),
        actor("source"),
        actor("target"),
        text("cameo", false),
        text("root", false),
        Field::new("quad_class", DataType::Int32, false),
        Field::new("goldstein", DataType::Float64, false),
        text("plover", false),
        Field::new("date", date, false),
        Field::new("location", location, true),
        Field::new("fatalities", DataType::Int64, true),
        text("fatalities_text", true),
        Field::new("verb", verb, false),
    ]))
}

/// Events as JSON lines, as `dyad code` prints them.
pub fn json_lines(events: &[Event], out: &mut Vec<u8>) -> Result<(), EventBatchError> {
    for e in events {
        serde_json::to_writer(&mut *out, e)?;
        out.push(b'\n');
    }
    Ok(())
}

/// `count` events given as JSON lines, as one batch of [`event_schema`].
pub fn batch_of_json_lines(lines: &[u8], count: usize) -> Result<RecordBatch, EventBatchError> {
    let schema = event_schema();
    if count == 0 {
        return Ok(RecordBatch::new_empty(schema));
    }
    let mut decoder = arrow_json::ReaderBuilder::new(Arc::clone(&schema))
        .with_batch_size(count)
        .with_strict_mode(true)
        .build_decoder()?;
    let mut batches = Vec::new();
    let mut rest = lines;
    while !rest.is_empty() {
        let read = decoder.decode(rest)?;
        rest = &rest[read..];
        match decoder.flush()? {
            Some(batch) => batches.push(batch),
            None if read == 0 => break,
            None => {}
        }
    }
    if let Some(batch) = decoder.flush()? {
        batches.push(batch);
    }
    Ok(arrow_select::concat::concat_batches(&schema, &batches)?)
}
