//! `dyad series`: event counts per QuadClass and Goldstein sum and mean per day, week or month,
//! as a table (TSV) or JSONL.
//!
//! Asks the store for the series and prints it; empty periods are rows of zeros. This module
//! must never compute the series itself.

use std::io::Write;

use anyhow::Result;
use clap::{Args, ValueEnum};

use dyad_store::{Level, Period};

use crate::query::{json_line, FilterArgs};

/// `--by` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday (labelled YYYY-Www).
    Week,
    /// Calendar months.
    Month,
}

impl From<PeriodArg> for Period {
    fn from(p: PeriodArg) -> Period {
        match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        }
    }
}

/// `--format` values of `dyad series`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    /// Tab-separated with a header row.
    Table,
    /// One JSON object per period.
    Jsonl,
}

/// Options of `dyad series`.
#[derive(Debug, Args)]
pub struct SeriesOptions {
    /// Store and filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Period length.
    #[arg(long, value_enum, default_value = "week")]
    pub by: PeriodArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: SeriesFormat,
}

/// Run `dyad series`; returns the exit status.
pub fn run(opts: &SeriesOptions) -> Result<i32> {
    let store = opts.filter.open()?;
    let period = Period::from(opts.by);
    let rows = store.series(
        &opts.filter.filter(),
        Level::from(opts.filter.level),
        period,
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match opts.format {
        SeriesFormat::Table => {
            writeln!(
                out,
                "period\tstart\tend\tquad1\tquad2\tquad3\tquad4\tevents\tgoldstein_sum\tgoldstein_mean"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}\t{:.3}",
                    r.period,
                    r.start,
                    r.end,
                    r.quad1,
                    r.quad2,
                    r.quad3,
                    r.quad4,
                    r.events,
                    r.goldstein_sum,
                    r.goldstein_mean
                )?;
            }
        }
        SeriesFormat::Jsonl => {
            for r in &rows {
                json_line(&mut out, r)?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}
