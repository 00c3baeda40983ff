//! Alerts over the store: the selected events read as a watched series, handed to the rules
//! of `dyad-alerts`, and each alert's events read back with their sentences.
//!
//! Shared by the API (`/api/alerts`, the trend bands of `/api/series`) and `dyad watch`, so
//! the page, the API and the command line give the same alerts. This module only joins the
//! store and the rules; it must never decide an alert itself.

use std::collections::HashMap;

use serde::Serialize;

use dyad_alerts::{Alert, WatchOptions, WatchedEvent};
use dyad_store::{Filter, Level, Period, SeriesRow, Store, StoreError};

/// Options of a watch, as the API and `dyad watch` take them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertOptions {
    /// Period length.
    pub period: Period,
    /// Periods of baseline for the trend and Goldstein-drop rules (and the surge window).
    pub baseline: usize,
    /// Days without material conflict that make a calm.
    pub quiet_days: u32,
    /// Points of mean Goldstein below the baseline that raise an alert.
    pub goldstein_drop: f64,
}

/// One event behind an alert, with its sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Event id.
    pub event_id: String,
    /// Its document.
    pub doc_id: String,
    /// Its sentence's index in the document.
    pub sentence_index: usize,
    /// Start date.
    pub date: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Source actor code.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// The sentence.
    pub sentence: String,
}

/// An alert with its events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertOut {
    /// The alert as the rules made it.
    #[serde(flatten)]
    pub alert: Alert,
    /// Its events, with their sentences.
    pub events: Vec<Evidence>,
}

fn watch_options(o: &AlertOptions) -> WatchOptions {
    WatchOptions {
        by: match o.period {
            Period::Day => dyad_alerts::Period::Day,
            Period::Week => dyad_alerts::Period::Week,
            Period::Month => dyad_alerts::Period::Month,
        },
        baseline: o.baseline,
        quiet_days: o.quiet_days,
        goldstein_drop: o.goldstein_drop,
        surge_window: o.baseline,
    }
}

fn watched(store: &Store, filter: &Filter, level: Level) -> Result<Vec<WatchedEvent>, StoreError> {
    Ok(store
        .watched_rows(filter, level)?
        .into_iter()
        .filter_map(|r| {
            Some(WatchedEvent {
                date: r.date.get(..10)?.parse().ok()?,
                event_id: r.event_id,
                quad_class: r.quad_class,
                goldstein: r.goldstein,
            })
        })
        .collect())
}

/// Every alert the selected events raise, oldest first, each with its events' sentences.
pub fn alerts_for(
    store: &Store,
    filter: &Filter,
    level: Level,
    opts: &AlertOptions,
) -> Result<Vec<AlertOut>, StoreError> {
    let events = watched(store, filter, level)?;
    let alerts = dyad_alerts::watch(&events, &watch_options(opts));
    let mut ids: Vec<String> = alerts
        .iter()
        .flat_map(|a| a.event_ids.iter().cloned())
        .collect();
    ids.sort();
    ids.dedup();
    let mut found: HashMap<String, Evidence> = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in store.mentions_by_id(chunk)? {
            let m = m.mention;
            found.entry(m.event_id.clone()).or_insert(Evidence {
                event_id: m.event_id,
                doc_id: m.doc_id,
                sentence_index: m.sentence_index,
                date: m.date.start,
                cameo: m.cameo,
                source: m.source.code,
                target: m.target.code,
                sentence: m.sentence,
            });
        }
    }
    Ok(alerts
        .into_iter()
        .map(|alert| {
            let events = alert
                .event_ids
                .iter()
                .filter_map(|id| found.get(id).cloned())
                .collect();
            AlertOut { alert, events }
        })
        .collect())
}

/// The trend (band, change, baseline) of each series row, by the `trend` rule over the same
/// selection; `None` before enough periods precede it.
pub fn trends_for(
    store: &Store,
    filter: &Filter,
    level: Level,
    rows: &[SeriesRow],
    opts: &AlertOptions,
) -> Result<Vec<Option<dyad_alerts::Trend>>, StoreError> {
    let events = watched(store, filter, level)?;
    let by_label: HashMap<String, Option<dyad_alerts::Trend>> =
        dyad_alerts::periods(&events, &watch_options(opts))
            .into_iter()
            .map(|p| (p.period, p.trend))
            .collect();
    Ok(rows
        .iter()
        .map(|r| by_label.get(&r.period).cloned().flatten())
        .collect())
}
