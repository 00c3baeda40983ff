//! `dyad watch`: the alerts a watched selection of stored events raises — trend bands, surges,
//! a calm broken, a Goldstein drop — each with the events behind it, as text or JSONL, and
//! optionally handed to a command.
//!
//! The rules are those of the `dyad-alerts` crate, read through the same bridge as the
//! server's `/api/alerts`, so the command line and the page agree. This module must never
//! decide an alert itself.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use dyad_serve::{alerts_for, AlertOptions};
use dyad_store::{Level, Period};

use crate::query::FilterArgs;
use crate::series::PeriodArg;

/// `--format` values of `dyad watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WatchFormat {
    /// One paragraph per alert: its message, then each event's date, code, actors and
    /// sentence.
    Text,
    /// One JSON object per alert (the `/api/alerts` record).
    Jsonl,
}

/// Options of `dyad watch`.
#[derive(Debug, Args)]
pub struct WatchOptions {
    /// Store and filters (`--dyad USA-IRQ`, `--actor USA`, …) selecting the watched events.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Period length.
    #[arg(long, value_enum, default_value = "week")]
    pub by: PeriodArg,
    /// Periods before each period that its trend (and surge and Goldstein drop) compares
    /// with.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=52))]
    pub baseline: u64,
    /// Days without material conflict (QuadClass 4) that make a calm.
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub quiet_days: u32,
    /// Points of mean Goldstein below the baseline that raise an alert.
    #[arg(long, default_value_t = 2.0)]
    pub goldstein_drop: f64,
    /// Only alerts whose period ends on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: WatchFormat,
    /// Run this command (through `sh -c`) once per alert, with the alert's JSON on its
    /// stdin and DYAD_ALERT_RULE, DYAD_ALERT_PERIOD and DYAD_ALERT_MESSAGE set.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
}

/// Run `dyad watch`; returns the exit status (0 also when no alert was raised; 1 when an
/// `--exec` command failed).
pub fn run(opts: &WatchOptions) -> Result<i32> {
    if !(opts.goldstein_drop.is_finite() && opts.goldstein_drop > 0.0) {
        anyhow::bail!("--goldstein-drop must be a positive number");
    }
    let store = opts.filter.open()?;
    let alert_opts = AlertOptions {
        period: Period::from(opts.by),
        baseline: usize::try_from(opts.baseline).unwrap_or(4),
        quiet_days: opts.quiet_days,
        goldstein_drop: opts.goldstein_drop,
    };
    let alerts = alerts_for(
        &store,
        &opts.filter.filter(),
        Level::from(opts.filter.level),
        &alert_opts,
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut shown = 0;
    for a in alerts
        .iter()
        .filter(|a| opts.since.is_none_or(|s| a.alert.end >= s))
    {
        shown += 1;
        let json = serde_json::to_string(a)?;
        match opts.format {
            WatchFormat::Jsonl => writeln!(out, "{json}")?,
            WatchFormat::Text => {
                writeln!(out, "[{}] {}", a.alert.rule.name(), a.alert.message)?;
                for e in &a.events {
                    writeln!(
                        out,
                        "    {} {} {} -> {}  {}  ({} #{})",
                        e.date.as_deref().unwrap_or("?"),
                        e.cameo,
                        e.source.as_deref().unwrap_or("-"),
                        e.target.as_deref().unwrap_or("-"),
                        e.sentence,
                        e.doc_id,
                        e.sentence_index
                    )?;
                }
            }
        }
        if let Some(cmd) = &opts.exec {
            out.flush()?;
            let mut child = Command::new("sh")
                .arg("-c")
                .arg(cmd)
                .env("DYAD_ALERT_RULE", a.alert.rule.name())
                .env("DYAD_ALERT_PERIOD", &a.alert.period)
                .env("DYAD_ALERT_MESSAGE", &a.alert.message)
                .stdin(Stdio::piped())
                .spawn()
                .with_context(|| format!("cannot run --exec {cmd:?}"))?;
            if let Some(mut stdin) = child.stdin.take() {
                // A command that does not read its stdin is not an error.
                let _ = writeln!(stdin, "{json}");
            }
            let status = child.wait()?;
            if !status.success() {
                eprintln!(
                    "dyad: warning: --exec {cmd:?} failed ({status}) for alert {}",
                    a.alert.message
                );
                failed += 1;
            }
        }
    }
    out.flush()?;
    eprintln!("dyad watch: {shown} alerts");
    Ok(if failed > 0 { 1 } else { 0 })
}
