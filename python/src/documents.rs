//! Documents from Arrow: the columns `id`, `date` and `text` or `html` of a batch (or of every
//! batch of a table) become `RawDocument`s, row by row, the way `dyad code` reads a JSONL line.
//!
//! `id` may be any type Arrow casts to a string (a number becomes its decimal digits); `date`
//! a string (`YYYY-MM-DD`, optionally followed by a time), a date or a timestamp, or absent or
//! null for an undated document; `text` wins over `html` where a row has both, as in JSONL;
//! optional `title`, `url` and `source` string columns are carried along. A row that cannot be
//! read is an error naming its 0-based row number and the column; this module never skips or
//! repairs a row, and never looks at the text beyond handing it on.

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use arrow_schema::DataType;
use dyad_pipeline::{Body, DocumentMeta, RawDocument};

/// Why a batch of documents cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A column the documents must have is missing.
    #[error("the documents have no {0} column (columns: {1})")]
    MissingColumn(String, String),
    /// A column cannot be read as strings.
    #[error("column {column:?} cannot be read as strings: {message}")]
    ColumnType {
        /// The column's name.
        column: &'static str,
        /// What Arrow said.
        message: String,
    },
    /// One row's value is wrong.
    #[error("row {row}, column {column:?}: {message}")]
    Row {
        /// 0-based row number in the input (counted across all its batches).
        row: usize,
        /// The column's name.
        column: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// A column cast to strings, or none when the batch lacks it.
fn string_column(
    batch: &RecordBatch,
    column: &'static str,
) -> Result<Option<StringArray>, DocumentError> {
    let Some(array) = batch.column_by_name(column) else {
        return Ok(None);
    };
    let as_text: ArrayRef = match array.data_type() {
        DataType::Utf8 => Arc::clone(array),
        _ => arrow_cast::cast(array, &DataType::Utf8).map_err(|e| DocumentError::ColumnType {
            column,
            message: e.to_string(),
        })?,
    };
    let strings = as_text
        .as_any()
        .downcast_ref::<StringArray>()
        .ok_or_else(|| DocumentError::ColumnType {
            column,
            message: format!("cast to {:?} gave another type", DataType::Utf8),
        })?;
    Ok(Some(strings.clone()))
}

fn value(column: Option<&StringArray>, row: usize) -> Option<&str> {
    column.and_then(|c| (!c.is_null(row)).then(|| c.value(row)))
}

fn column_names(batch: &RecordBatch) -> String {
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// The documents of one batch; `first_row` is the number of rows in the batches before it
/// (for messages).
pub fn documents_of_batch(
    batch: &RecordBatch,
    first_row: usize,
) -> Result<Vec<RawDocument>, DocumentError> {
    let ids = string_column(batch, "id")?
        .ok_or_else(|| DocumentError::MissingColumn("\"id\"".to_string(), column_names(batch)))?;
    let texts = string_column(batch, "text")?;
    let htmls = string_column(batch, "html")?;
    if texts.is_none() && htmls.is_none() {
        return Err(DocumentError::MissingColumn(
            "\"text\" or \"html\"".to_string(),
            column_names(batch),
        ));
    }
    let dates = string_column(batch, "date")?;
    let titles = string_column(batch, "title")?;
    let urls = string_column(batch, "url")?;
    let sources = string_column(batch, "source")?;
    let mut documents = Vec::with_capacity(batch.num_rows());
    for i in 0..batch.num_rows() {
        let row = first_row + i;
        let id = match value(Some(&ids), i) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                return Err(DocumentError::Row {
                    row,
                    column: "id",
                    message: "the id is null or empty".to_string(),
                })
            }
        };
        let date = match value(dates.as_ref(), i) {
            None => None,
            Some(d) => Some(
                dyad_text::parse_date_prefix(d).ok_or_else(|| DocumentError::Row {
                    row,
                    column: "date",
                    message: format!("{d:?} is not a YYYY-MM-DD date"),
                })?,
            ),
        };
        let body = match (value(texts.as_ref(), i), value(htmls.as_ref(), i)) {
            (Some(t), _) => Body::Text(t.to_string()),
            (None, Some(h)) => Body::Html(h.to_string()),
            (None, None) => {
                return Err(DocumentError::Row {
                    row,
                    column: if texts.is_some() { "text" } else { "html" },
                    message: format!("document {id:?} has no text or html (null)"),
                })
            }
        };
        documents.push(RawDocument {
            meta: DocumentMeta {
                id,
                date,
                title: value(titles.as_ref(), i).map(str::to_string),
                url: value(urls.as_ref(), i).map(str::to_string),
                source: value(sources.as_ref(), i).map(str::to_string),
            },
            body,
        });
    }
    Ok(documents)
}
