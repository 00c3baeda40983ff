//! The Python extension `dyad._dyad`: dyad's pipeline for Python strings (`code`) and for
//! Arrow batches of documents (`code_arrow`, with `event_arrow_schema`), behind the package
//! `dyad` (`python/dyad/__init__.py`).
//!
//! `code` returns each event as the dict that `json.loads` makes of its `dyad code` JSONL
//! line; `code_arrow` returns the same records as a pyarrow `RecordBatch` ([`events`]), coded
//! in Rust on a rayon pool with one parser scratch space per worker, rows in input order.
//! Both release the GIL while they read and code documents. Bad input (a missing column, a
//! bad date) is a `ValueError` naming the row and the column ([`documents`]). This crate only
//! converts between Python, Arrow and the pipeline; it must never decide anything about
//! text, parses or events.

pub mod documents;
pub mod events;

use std::sync::OnceLock;

use arrow_array::RecordBatch;
use arrow_pyarrow::{PyArrowType, Table};
use arrow_schema::Schema;
use dyad_pipeline::{Body, DocumentMeta, Pipeline, RawDocument, Scratch};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::documents::DocumentError;
use crate::events::EventBatchError;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

/// The bundled pipeline, loaded on first use and shared by every call and thread.
fn pipeline() -> PyResult<&'static Pipeline> {
    if let Some(p) = PIPELINE.get() {
        return Ok(p);
    }
    let loaded = Pipeline::bundled().map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    Ok(PIPELINE.get_or_init(|| loaded))
}

/// Why `code_arrow` failed.
#[derive(Debug, thiserror::Error)]
enum CodeArrowError {
    #[error(transparent)]
    Documents(#[from] DocumentError),
    #[error(transparent)]
    Events(#[from] EventBatchError),
    #[error("cannot start {threads} coding threads: {message}")]
    Pool { threads: usize, message: String },
}

impl From<CodeArrowError> for PyErr {
    fn from(e: CodeArrowError) -> PyErr {
        match e {
            CodeArrowError::Documents(d) => PyValueError::new_err(d.to_string()),
            other => PyRuntimeError::new_err(other.to_string()),
        }
    }
}

/// One document coded, as `dyad code` JSON lines and their number.
fn code_one(
    pipeline: &Pipeline,
    scratch: &mut Scratch,
    raw: RawDocument,
) -> Result<(Vec<u8>, usize), EventBatchError> {
    let coded = pipeline.code(scratch, raw);
    let mut lines = Vec::new();
    events::json_lines(&coded.events, &mut lines)?;
    Ok((lines, coded.events.len()))
}

/// Code every document of `batches` on `threads` threads (0: one per core) into one batch.
fn code_batches(
    pipeline: &Pipeline,
    batches: &[RecordBatch],
    threads: usize,
) -> Result<RecordBatch, CodeArrowError> {
    let mut raws = Vec::new();
    let mut first_row = 0;
    for batch in batches {
        raws.extend(documents::documents_of_batch(batch, first_row)?);
        first_row += batch.num_rows();
    }
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    let coded: Vec<Result<(Vec<u8>, usize), EventBatchError>> = if threads == 1 {
        let mut scratch = Scratch::default();
        raws.into_iter()
            .map(|raw| code_one(pipeline, &mut scratch, raw))
            .collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("dyad-python-{i}"))
            .build()
            .map_err(|e| CodeArrowError::Pool {
                threads,
                message: e.to_string(),
            })?;
        pool.install(|| {
            raws.into_par_iter()
                .map_init(Scratch::default, |scratch, raw| {
                    code_one(pipeline, scratch, raw)
                })
                .collect()
        })
    };
    let mut lines = Vec::new();
    let mut count = 0;
    for result in coded {
        let (doc_lines, doc_count) = result?;
        lines.extend_from_slice(&doc_lines);
        count += doc_count;
    }
    Ok(events::batch_of_json_lines(&lines, count)?)
}

/// Code one text document; each event is the dict of its `dyad code` JSONL line.
#[pyfunction]
#[pyo3(signature = (text, date=None, id=None, html=false))]
fn code<'py>(
    py: Python<'py>,
    text: String,
    date: Option<String>,
    id: Option<String>,
    html: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let date = match date {
        None => None,
        Some(d) => Some(dyad_text::parse_date_prefix(&d).ok_or_else(|| {
            PyValueError::new_err(format!("argument \"date\": {d:?} is not a YYYY-MM-DD date"))
        })?),
    };
    let id = id.unwrap_or_else(|| "text".to_string());
    if id.is_empty() {
        return Err(PyValueError::new_err("argument \"id\": the id is empty"));
    }
    let pipeline = pipeline()?;
    let raw = RawDocument {
        meta: DocumentMeta {
            id,
            date,
            ..Default::default()
        },
        body: if html {
            Body::Html(text)
        } else {
            Body::Text(text)
        },
    };
    let json = py.detach(|| {
        let coded = pipeline.code(&mut Scratch::default(), raw);
        serde_json::to_string(&coded.events)
    });
    let json =
        json.map_err(|e| PyRuntimeError::new_err(format!("cannot serialise events: {e}")))?;
    PyModule::import(py, "json")?
        .getattr("loads")?
        .call1((json,))
}

/// Code a pyarrow RecordBatch or Table of documents into one RecordBatch of events.
#[pyfunction]
#[pyo3(signature = (documents, threads=0))]
fn code_arrow(
    py: Python<'_>,
    documents: PyArrowType<Table>,
    threads: usize,
) -> PyResult<PyArrowType<RecordBatch>> {
    let pipeline = pipeline()?;
    let (batches, _schema) = documents.0.into_inner();
    let events = py.detach(|| code_batches(pipeline, &batches, threads))?;
    Ok(PyArrowType(events))
}

/// The pyarrow schema of `code_arrow`'s events.
#[pyfunction]
fn event_arrow_schema() -> PyArrowType<Schema> {
    PyArrowType(events::event_schema().as_ref().clone())
}

/// The extension module.
#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(code, m)?)?;
    m.add_function(wrap_pyfunction!(code_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(event_arrow_schema, m)?)?;
    Ok(())
}
