//! `dyad export`: the store's mentions or clusters to a file, as GDELT-style TSV, CSV or
//! Parquet (Parquet only in builds with the `parquet` feature).
//!
//! Chooses and creates the output file, then lets the store write the rows; the file is
//! written under a temporary name and renamed when complete, so a failed export never leaves a
//! partial file under the requested name. This module must never format rows itself.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use dyad_store::export::{write_table, Table};
use dyad_store::Level;

use crate::query::FilterArgs;

/// `--format` values of `dyad export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 event-table column order (tab-separated, header row).
    Gdelt,
    /// CSV (RFC 4180) with a header row; every field of the record.
    Csv,
    /// Apache Parquet (needs a dyad built with `--features parquet`).
    Parquet,
}

/// Options of `dyad export`.
#[derive(Debug, Args)]
pub struct ExportOptions {
    /// Store and filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (`-` for stdout).
    #[arg(long)]
    pub out: PathBuf,
}

/// Run `dyad export`; returns the exit status.
pub fn run(opts: &ExportOptions) -> Result<i32> {
    let store = opts.filter.open()?;
    let filter = opts.filter.filter();
    let level = Level::from(opts.filter.level);
    let to_stdout = opts.out.as_os_str() == "-";
    let tmp = {
        let mut name = opts.out.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".partial-{}", std::process::id()));
        opts.out.with_file_name(name)
    };
    let rows = match opts.format {
        ExportFormat::Gdelt | ExportFormat::Csv => {
            let table = if opts.format == ExportFormat::Gdelt {
                Table::Gdelt
            } else {
                Table::Csv
            };
            if to_stdout {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
                let n = write_table(&store, &filter, level, None, table, &mut out)?;
                out.flush()?;
                n
            } else {
                let file = std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
                let n = write_table(&store, &filter, level, None, table, &mut out);
                let flushed = out.flush();
                let n = n.and_then(|n| {
                    flushed.map_err(|e| dyad_store::StoreError::Io {
                        context: format!("cannot write {}", tmp.display()),
                        source: e,
                    })?;
                    Ok(n)
                });
                finish(&tmp, &opts.out, n)?
            }
        }
        ExportFormat::Parquet => export_parquet(&store, &filter, level, opts, &tmp)?,
    };
    eprintln!(
        "dyad export: {rows} {} written to {}",
        if level == Level::Mention {
            "mentions"
        } else {
            "clusters"
        },
        opts.out.display()
    );
    Ok(0)
}

/// Rename the temporary file into place when the export succeeded, remove it otherwise.
fn finish(
    tmp: &std::path::Path,
    out: &std::path::Path,
    n: dyad_store::Result<usize>,
) -> Result<usize> {
    match n {
        Ok(n) => {
            std::fs::rename(tmp, out).with_context(|| format!("cannot write {}", out.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(tmp);
            Err(e.into())
        }
    }
}

#[cfg(feature = "parquet")]
fn export_parquet(
    store: &dyad_store::Store,
    filter: &dyad_store::Filter,
    level: Level,
    opts: &ExportOptions,
    tmp: &std::path::Path,
) -> Result<usize> {
    if opts.out.as_os_str() == "-" {
        anyhow::bail!("--format parquet needs a file for --out");
    }
    let file =
        std::fs::File::create(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let n = dyad_store::export::write_parquet(store, filter, level, file);
    finish(tmp, &opts.out, n)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _store: &dyad_store::Store,
    _filter: &dyad_store::Filter,
    _level: Level,
    _opts: &ExportOptions,
    _tmp: &std::path::Path,
) -> Result<usize> {
    anyhow::bail!(
        "this dyad was built without Parquet support; rebuild with \
         `cargo build --release -p dyad-cli --features parquet`"
    )
}
