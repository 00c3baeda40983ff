//! `dyad serve`: one HTTP server for the page and the JSON API over an event store.
//!
//! The router ([`router`]) maps `/` and `/static/*` to the page (embedded in the binary, or
//! read from a folder while developing it), `/api/*` to [`api`], and `/openapi.json` to the
//! OpenAPI document that describes the API. Reads run on pooled store connections with a
//! timeout; writes need the write token and go through the [`Ingest`] the binary hands in,
//! one at a time. Requests are bounded in body size, time and concurrency. This crate never
//! codes text itself and never writes to the store except through [`Ingest`].

mod alerts;
mod api;
mod error;
mod page;
pub mod params;
mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;

pub use alerts::{alerts_for, AlertOptions, AlertOut, Evidence};
pub use api::{Ingest, IngestReport, LineProblem};
pub use error::{ApiError, ServeError};
pub use pool::StorePool;

/// The OpenAPI document of the API, as served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// How to run the server.
pub struct ServeConfig {
    /// The store (it must exist).
    pub db: PathBuf,
    /// The address to listen on.
    pub bind: SocketAddr,
    /// The token `POST /api/documents` needs; `None` makes the server read-only.
    pub write_token: Option<String>,
    /// Serve the page from this folder instead of the copy built in (for page development).
    pub static_dir: Option<PathBuf>,
    /// The pipeline that codes posted documents.
    pub ingest: Option<Arc<dyn Ingest>>,
    /// How long one request may take.
    pub timeout: Duration,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Requests handled at once; more wait, and past twice this many are refused with 503.
    pub max_concurrent: usize,
}

impl ServeConfig {
    /// Defaults for a store and an address: read-only, 10 s per request, 16 MB bodies, 256
    /// requests at once.
    pub fn new(db: PathBuf, bind: SocketAddr) -> ServeConfig {
        ServeConfig {
            db,
            bind,
            write_token: None,
            static_dir: None,
            ingest: None,
            timeout: Duration::from_secs(10),
            max_body: 16 << 20,
            max_concurrent: 256,
        }
    }
}

/// What every handler shares.
pub struct AppState {
    pub(crate) pool: Arc<StorePool>,
    pub(crate) write_token: Option<String>,
    pub(crate) ingest: Option<Arc<dyn Ingest>>,
    pub(crate) write_lock: tokio::sync::Mutex<()>,
    pub(crate) static_dir: Option<PathBuf>,
}

/// The application's routes over an opened pool.
pub fn router(config: &ServeConfig, pool: StorePool) -> Router {
    let state = Arc::new(AppState {
        pool: Arc::new(pool),
        write_token: config.write_token.clone(),
        ingest: config.ingest.clone(),
        write_lock: tokio::sync::Mutex::new(()),
        static_dir: config.static_dir.clone(),
    });
    let api = Router::new()
        .route("/events", get(api::events))
        .route("/clusters", get(api::clusters))
        .route("/series", get(api::series))
        .route("/actors", get(api::actors))
        .route("/alerts", get(api::alerts))
        .route("/documents", axum::routing::post(api::post_documents))
        .route("/documents/{id}", get(api::document))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::wrong_method);
    Router::new()
        .route("/", get(page::index))
        .route("/static/{name}", get(page::asset))
        .route("/openapi.json", get(page::openapi))
        .nest("/api", api)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::wrong_method)
        .layer(axum::extract::DefaultBodyLimit::max(config.max_body))
        .with_state(state)
        .layer(
            tower::ServiceBuilder::new()
                .layer(axum::error_handling::HandleErrorLayer::new(overloaded))
                .load_shed()
                .concurrency_limit(config.max_concurrent),
        )
}

async fn overloaded(_: tower::BoxError) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy; try again",
    )
}

/// Serve on an already bound listener until `shutdown` resolves.
pub async fn serve_on(
    config: ServeConfig,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let pool = StorePool::open(config.db.clone(), config.timeout)?;
    let app = router(&config, pool);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| ServeError::Io {
            context: "the server stopped".into(),
            source: e,
        })
}

/// Bind, print the address on stderr, and serve until Ctrl-C (or SIGTERM).
pub fn run(config: ServeConfig) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io {
            context: "cannot start the server's runtime".into(),
            source: e,
        })?;
    runtime.block_on(async move {
        // Open the store before binding, so a bad store fails before anything listens.
        StorePool::open(config.db.clone(), config.timeout)?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|e| ServeError::Io {
                context: format!("cannot listen on {}", config.bind),
                source: e,
            })?;
        let addr = listener.local_addr().map_err(|e| ServeError::Io {
            context: "cannot read the bound address".into(),
            source: e,
        })?;
        eprintln!(
            "dyad serve: http://{addr}/ over {} ({})",
            config.db.display(),
            if config.write_token.is_some() {
                "writes need the token"
            } else {
                "read-only"
            }
        );
        serve_on(config, listener, shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
