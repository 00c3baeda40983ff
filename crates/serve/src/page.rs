//! The page: `index.html` and its assets, built into the binary from `static/` (or read from
//! a folder given at start-up, for working on the page), and the OpenAPI document.
//!
//! Only the files listed here are served, by exact name; no path from a request ever reaches
//! the file system except as one of these names. This module must never serve anything
//! fetched from elsewhere at run time.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::AppState;

/// Name, content type and built-in content of every file of the page.
const FILES: &[(&str, &str, &str)] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_str!("../static/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../static/style.css"),
    ),
    (
        "countries.json",
        "application/json",
        include_str!("../static/countries.json"),
    ),
    (
        "NOTICE.md",
        "text/markdown; charset=utf-8",
        include_str!("../static/NOTICE.md"),
    ),
];

fn file(state: &AppState, name: &str) -> Result<Response, ApiError> {
    let Some((name, mime, built_in)) = FILES.iter().find(|(n, _, _)| *n == name) else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no page file {name:?}"),
        ));
    };
    let body = match &state.static_dir {
        Some(dir) => std::fs::read_to_string(dir.join(name)).map_err(|e| {
            ApiError::internal(format!("cannot read {}: {e}", dir.join(name).display()))
        })?,
        None => (*built_in).to_string(),
    };
    Ok((
        [
            (header::CONTENT_TYPE, *mime),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response())
}

/// `GET /`.
pub async fn index(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    file(&state, "index.html")
}

/// `GET /static/{name}`.
pub async fn asset(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    if name == "index.html" {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "the page is at /"));
    }
    file(&state, &name)
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}
