//! `dyad query`: events from the store, filtered, as JSONL, TSV or CSV; and the filter options
//! shared with `dyad export` and `dyad series`.
//!
//! Turns the command line's filters into a store filter and prints what the store returns.
//! This module must never run SQL or decide what matches (the store does).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use dyad_store::export::{write_table, Table};
use dyad_store::{Filter, Level, Store, StoreError};

/// `--level` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Every mention: one row per sentence that reported an event.
    Mention,
    /// One row per de-duplicated event (cluster), with mention, article and source counts.
    Cluster,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Mention => Level::Mention,
            LevelArg::Cluster => Level::Cluster,
        }
    }
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    match s.split_once('-') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() => Ok((a.to_string(), b.to_string())),
        _ => Err(format!("{s:?} is not a dyad A-B (e.g. USA-IRQ)")),
    }
}

fn parse_day(s: &str) -> Result<String, String> {
    if s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok() {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a YYYY-MM-DD date"))
    }
}

/// The store and the filters, shared by `query`, `export` and `series`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// The store.
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Actor code prefix, as source or target (USA matches USA, USAGOV, USAMIL…).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source actor code prefix.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// A dyad A-B of code prefixes, in either direction.
    #[arg(long, value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// CAMEO code prefix (19 selects 19x; 195 selects 195 and 195x).
    #[arg(long)]
    pub code: Option<String>,
    /// CAMEO root (two digits).
    #[arg(long)]
    pub root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// First day (YYYY-MM-DD), inclusive, of the event's start date.
    #[arg(long, value_parser = parse_day)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_day)]
    pub to: Option<String>,
    /// Country (ISO 3166-1 alpha-3) of the event's place.
    #[arg(long)]
    pub country: Option<String>,
    /// Full-text search over the sentences (SQLite FTS5 syntax: words, "phrases", OR, NOT,
    /// prefix*).
    #[arg(long)]
    pub text: Option<String>,
    /// Mentions or de-duplicated events.
    #[arg(long, value_enum, default_value = "mention")]
    pub level: LevelArg,
}

impl FilterArgs {
    /// The store filter.
    pub fn filter(&self) -> Filter {
        Filter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad: self.dyad.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            from: self.from.clone(),
            to: self.to.clone(),
            country: self.country.clone(),
            text: self.text.clone(),
        }
    }

    /// Open the store (it must exist).
    pub fn open(&self) -> Result<Store> {
        Ok(Store::open_existing(&self.db)?)
    }
}

/// `--format` values of `dyad query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// One JSON object a line: the event record (with `cluster_id`), or the cluster.
    Jsonl,
    /// Tab-separated with a header row.
    Tsv,
    /// CSV (RFC 4180) with a header row.
    Csv,
}

/// Options of `dyad query`.
#[derive(Debug, Args)]
pub struct QueryOptions {
    /// Store and filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: QueryFormat,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<usize>,
}

/// Run `dyad query`; returns the exit status.
pub fn run(opts: &QueryOptions) -> Result<i32> {
    let store = opts.filter.open()?;
    let filter = opts.filter.filter();
    let level = Level::from(opts.filter.level);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match opts.format {
        QueryFormat::Jsonl => match level {
            Level::Mention => {
                store.for_each_mention::<anyhow::Error>(&filter, opts.limit, |m| {
                    json_line(&mut out, &m)
                })?;
            }
            Level::Cluster => {
                store.for_each_cluster::<anyhow::Error>(&filter, opts.limit, |c| {
                    json_line(&mut out, &c)
                })?;
            }
        },
        QueryFormat::Tsv | QueryFormat::Csv => {
            let table = if opts.format == QueryFormat::Tsv {
                Table::Tsv
            } else {
                Table::Csv
            };
            write_table(&store, &filter, level, opts.limit, table, &mut out).map_err(
                |e| match e {
                    StoreError::Io { source, .. } => anyhow::Error::from(source),
                    e => e.into(),
                },
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// Write one JSON object and a newline (I/O errors stay `std::io::Error`s, so a closed pipe
/// ends the run quietly).
pub fn json_line(out: &mut impl Write, v: &impl serde::Serialize) -> Result<()> {
    let mut buf = serde_json::to_vec(v)?;
    buf.push(b'\n');
    out.write_all(&buf)?;
    Ok(())
}
