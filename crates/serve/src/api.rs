//! The JSON API: events, clusters, series, actors, documents and alerts read with the CLI's
//! filters, and documents written (with the write token) as `dyad ingest` would.
//!
//! Each handler parses its query string ([`crate::params`]), asks the store on a pooled
//! connection, and answers JSON; every failure is an [`ApiError`]. The shapes are the ones
//! `openapi.json` documents. This module must never run SQL itself or code text (ingest is
//! handed to the [`Ingest`] the binary provides).

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

use dyad_store::{Level, Period, SeriesRow};

use crate::alerts::{alerts_for, trends_for, AlertOptions};
use crate::error::ApiError;
use crate::params::{Params, FILTER_PARAMS};
use crate::pool::store_error;
use crate::AppState;

/// What ingesting a JSONL body did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Documents stored.
    pub new: u64,
    /// Documents already stored (same id or same clean text).
    pub skipped: u64,
    /// Events stored.
    pub events: u64,
    /// Lines that could not be read, with why.
    pub failed: Vec<LineProblem>,
}

/// One unreadable JSONL line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    /// 1-based line number in the body.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Codes and stores documents: the binary's pipeline, handed to the server.
pub trait Ingest: Send + Sync {
    /// Ingest the JSONL documents in `body` into the store at `db`.
    fn ingest(&self, db: &std::path::Path, body: &str) -> Result<IngestReport, String>;
}

fn params_with(query: &Option<String>, extra: &[&str]) -> Result<Params, ApiError> {
    let mut allowed: Vec<&str> = FILTER_PARAMS.to_vec();
    allowed.extend_from_slice(extra);
    Params::parse(query.as_deref(), &allowed)
}

const MAX_LIMIT: u64 = 1000;
const MAX_OFFSET: u64 = 10_000_000;

/// The rows of one page: mentions or clusters.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum Rows {
    Mentions(Vec<dyad_store::StoredMention>),
    Clusters(Vec<dyad_store::ClusterRecord>),
}

/// One page of events, as `/api/events` and `/api/clusters` answer it.
#[derive(Serialize)]
pub(crate) struct EventPage {
    level: &'static str,
    limit: usize,
    offset: usize,
    next_offset: Option<usize>,
    events: Rows,
}

async fn page(
    state: Arc<AppState>,
    query: Option<String>,
    force: Option<Level>,
) -> Result<Json<EventPage>, ApiError> {
    let p = params_with(&query, &["limit", "offset"])?;
    let (filter, level) = p.filter()?;
    let level = force.unwrap_or(level);
    let limit = p.int("limit", 1, MAX_LIMIT, 100)? as usize;
    let offset = p.int("offset", 0, MAX_OFFSET, 0)? as usize;
    let searched = filter.text.is_some();
    let (events, n) = state
        .pool
        .read(move |store| {
            // One row more than asked tells whether there is a next page.
            Ok(match level {
                Level::Mention => {
                    let mut v = store
                        .mentions_page(&filter, limit + 1, offset)
                        .map_err(|e| store_error(e, searched))?;
                    let n = v.len();
                    v.truncate(limit);
                    (Rows::Mentions(v), n)
                }
                Level::Cluster => {
                    let mut v = store
                        .clusters_page(&filter, limit + 1, offset)
                        .map_err(|e| store_error(e, searched))?;
                    let n = v.len();
                    v.truncate(limit);
                    (Rows::Clusters(v), n)
                }
            })
        })
        .await?;
    Ok(Json(EventPage {
        level: match level {
            Level::Mention => "mention",
            Level::Cluster => "cluster",
        },
        limit,
        offset,
        next_offset: (n > limit).then_some(offset + limit),
        events,
    }))
}

/// `GET /api/events`.
pub async fn events(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<EventPage>, ApiError> {
    page(state, q, None).await
}

/// `GET /api/clusters`: `/api/events` at cluster level.
pub async fn clusters(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<EventPage>, ApiError> {
    let p = params_with(&q, &["limit", "offset"])?;
    if p.get("level") == Some("mention") {
        return Err(ApiError::bad(
            "level",
            "/api/clusters lists clusters; use /api/events for mentions",
        ));
    }
    page(state, q, Some(Level::Cluster)).await
}

#[derive(Serialize)]
struct SeriesOut {
    #[serde(flatten)]
    row: SeriesRow,
    trend: Option<dyad_alerts::Trend>,
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    }
}

/// `GET /api/series`.
pub async fn series(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = params_with(&q, &["by", "baseline"])?;
    let (filter, level) = p.filter()?;
    let opts = AlertOptions {
        period: p.period()?,
        baseline: p.int("baseline", 1, 52, 4)? as usize,
        quiet_days: 7,
        goldstein_drop: 2.0,
    };
    let searched = filter.text.is_some();
    let out = state
        .pool
        .read(move |store| {
            let rows = store
                .series(&filter, level, opts.period)
                .map_err(|e| store_error(e, searched))?;
            let trends = trends_for(&rows, opts.baseline);
            Ok(rows
                .into_iter()
                .zip(trends)
                .map(|(row, trend)| SeriesOut { row, trend })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Json(json!({
        "by": period_name(opts.period),
        "baseline": opts.baseline,
        "rows": out,
    })))
}

/// `GET /api/actors`.
pub async fn actors(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = params_with(&q, &["limit"])?;
    let (filter, level) = p.filter()?;
    if level == Level::Cluster {
        return Err(ApiError::bad("level", "actor counts are per mention"));
    }
    let limit = p.int("limit", 1, MAX_LIMIT, 50)? as usize;
    let searched = filter.text.is_some();
    let rows = state
        .pool
        .read(move |store| {
            store
                .actor_counts(&filter, limit)
                .map_err(|e| store_error(e, searched))
        })
        .await?;
    Ok(Json(json!({ "actors": rows })))
}

/// `GET /api/documents/{id}`.
pub async fn document(
    State(state): State<Arc<AppState>>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError {
        status: StatusCode::BAD_REQUEST,
        parameter: Some("id".into()),
        message: format!("the document id cannot be read: {}", e.body_text()),
    })?;
    let p = Params::parse(q.as_deref(), &["sentence"])?;
    let sentence = match p.get("sentence") {
        None => None,
        Some(_) => Some(p.int("sentence", 0, u32::MAX as u64, 0)? as usize),
    };
    let wanted = id.clone();
    let found = state
        .pool
        .read(move |store| {
            let doc = store.document(&wanted).map_err(|e| store_error(e, false))?;
            match doc {
                None => Ok(None),
                Some(d) => {
                    let events = store
                        .document_mentions(&wanted)
                        .map_err(|e| store_error(e, false))?;
                    Ok(Some((d, events)))
                }
            }
        })
        .await?;
    let Some((doc, events)) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document with id {id:?} is stored"),
        ));
    };
    let marked = match sentence {
        None => Value::Null,
        Some(i) => {
            let s = doc.sentences.iter().find(|s| s.index == i).ok_or_else(|| {
                ApiError::bad(
                    "sentence",
                    format!(
                        "document {id:?} has no sentence {i} (it has {})",
                        doc.sentences.len()
                    ),
                )
            })?;
            match (
                doc.text.get(..s.start),
                doc.text.get(s.start..s.end),
                doc.text.get(s.end..),
            ) {
                (Some(before), Some(sent), Some(after)) => json!({
                    "index": i, "before": before, "sentence": sent, "after": after,
                }),
                _ => json!({ "index": i, "before": "", "sentence": s.text, "after": "" }),
            }
        }
    };
    let mut v = serde_json::to_value(&doc).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Value::Object(o) = &mut v {
        o.insert(
            "events".into(),
            serde_json::to_value(&events).map_err(|e| ApiError::internal(e.to_string()))?,
        );
        o.insert("marked".into(), marked);
    }
    Ok(Json(v))
}

/// `GET /api/alerts`.
pub async fn alerts(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = params_with(&q, &["by", "baseline", "quiet_days", "goldstein_drop"])?;
    let (filter, level) = p.filter()?;
    let opts = AlertOptions {
        period: p.period()?,
        baseline: p.int("baseline", 1, 52, 4)? as usize,
        quiet_days: p.int("quiet_days", 1, 3650, 7)? as u32,
        goldstein_drop: p.number("goldstein_drop", 0.1, 20.0, 2.0)?,
    };
    let searched = filter.text.is_some();
    let alerts = state
        .pool
        .read(move |store| {
            alerts_for(store, &filter, level, &opts).map_err(|e| store_error(e, searched))
        })
        .await?;
    Ok(Json(json!({ "alerts": alerts })))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Compare in time independent of where the first difference is.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `POST /api/documents`: JSONL documents coded and stored; needs the write token.
pub async fn post_documents(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let (Some(token), Some(ingest)) = (state.write_token.as_deref(), state.ingest.clone()) else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --write-token to accept documents)",
        ));
    };
    match bearer(&headers) {
        None => {
            return Err(ApiError {
                status: StatusCode::UNAUTHORIZED,
                parameter: Some("Authorization".into()),
                message: "writing needs the header Authorization: Bearer <write token>".into(),
            })
        }
        Some(t) if !same_token(t, token) => {
            return Err(ApiError {
                status: StatusCode::FORBIDDEN,
                parameter: Some("Authorization".into()),
                message: "the write token is wrong".into(),
            })
        }
        Some(_) => {}
    }
    let body = body.map_err(|e| ApiError {
        status: e.status(),
        parameter: Some("body".into()),
        message: format!("the body cannot be read: {}", e.body_text()),
    })?;
    let text = String::from_utf8(body.to_vec()).map_err(|e| ApiError {
        status: StatusCode::BAD_REQUEST,
        parameter: Some("body".into()),
        message: format!(
            "the body is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    if text.trim().is_empty() {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            parameter: Some("body".into()),
            message: "the body holds no JSONL documents".into(),
        });
    }
    let _writer = state.write_lock.lock().await;
    let db = state.pool.path().to_path_buf();
    let report = tokio::task::spawn_blocking(move || ingest.ingest(&db, &text))
        .await
        .map_err(|e| ApiError::internal(format!("ingest failed: {e}")))?
        .map_err(|e| ApiError::internal(format!("ingest failed: {e}")))?;
    let status = if report.new > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

/// Any path under `/api` that is not an endpoint.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /openapi.json")
}

/// A known path with a method it does not take.
pub async fn wrong_method() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this endpoint does not take that method; see /openapi.json",
    )
}
