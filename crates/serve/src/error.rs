//! The server's errors: a status, the query parameter at fault (when one is), and a message,
//! sent as `{"error": {"status", "parameter", "message"}}`.
//!
//! Every failure a request can meet becomes one of these, so a client always gets JSON that
//! names what to fix. This module only describes failures; it must never log, retry or
//! decide a status from a message's text.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// A failed request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The query parameter (or header, or body) at fault.
    pub parameter: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    status: u16,
    parameter: Option<&'a str>,
    message: &'a str,
}

impl ApiError {
    /// 400: a parameter's value cannot be used.
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            parameter: Some(parameter.to_string()),
            message: message.into(),
        }
    }

    /// Any status, with no parameter at fault.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            parameter: None,
            message: message.into(),
        }
    }

    /// 500: the store failed in a way the request did not cause.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                status: self.status.as_u16(),
                parameter: self.parameter.as_deref(),
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] dyad_store::StoreError),
    /// The address could not be bound, or the server failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}
