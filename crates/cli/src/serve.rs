//! `dyad serve`: the page and the JSON API over a store, on one address.
//!
//! Reads the command line into the server's configuration and runs it until Ctrl-C; posted
//! documents are coded with the same pipeline as `dyad ingest`. This module must never
//! answer a request itself (the `dyad-serve` crate does).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use clap::Args;

/// Options of `dyad serve`.
#[derive(Debug, Args)]
pub struct ServeOptions {
    /// The store (it must exist; create it with `dyad ingest`).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Address and port to listen on (port 0 picks a free one; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Accept `POST /api/documents` from clients that send `Authorization: Bearer TOKEN`.
    /// Without it the server is read-only.
    #[arg(long, value_name = "TOKEN", env = "DYAD_WRITE_TOKEN")]
    pub write_token: Option<String>,
    /// Serve the page's files from this folder rather than the copy built in (for working
    /// on the page).
    #[arg(long, value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Seconds one request may take before it is stopped with 503.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Largest request body accepted, in megabytes.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_body_mb: u64,
}

/// Run `dyad serve`; returns the exit status when the server stops.
pub fn run(opts: &ServeOptions) -> Result<i32> {
    if let Some(t) = &opts.write_token {
        if t.trim().len() < 8 {
            anyhow::bail!("--write-token must be at least 8 characters");
        }
    }
    let mut config = dyad_serve::ServeConfig::new(opts.db.clone(), opts.bind);
    config.write_token = opts.write_token.clone();
    config.static_dir = opts.static_dir.clone();
    config.ingest = Some(Arc::new(crate::ingest::ServeIngest));
    config.timeout = Duration::from_secs(opts.timeout);
    config.max_body = usize::try_from(opts.max_body_mb << 20).unwrap_or(usize::MAX);
    dyad_serve::run(config)?;
    Ok(0)
}
