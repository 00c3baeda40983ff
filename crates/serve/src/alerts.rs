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
    /// The alert as the rules made it, its `event_ids` cut to the first
    /// [`MAX_EVENT_IDS`].
    #[serde(flatten)]
    pub alert: Alert,
    /// How many events the alert is about (`event_ids` may list fewer).
    pub event_count: usize,
    /// The first [`MAX_EVIDENCE`] of its events, with their sentences.
    pub events: Vec<Evidence>,
}

/// At most this many event ids are listed per alert.
pub const MAX_EVENT_IDS: usize = 100;
/// At most this many events are shown with their sentences per alert.
pub const MAX_EVIDENCE: usize = 10;

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

/// The selected events as the rules read them, and their store keys. An event's id is its
/// position in the store's answer, zero-padded: ids then sort in the order the store gave
/// (by day, for the date index), so the rules' own sort is a single pass, and the key of id
/// `i` is `keys[i]`.
fn watched(
    store: &Store,
    filter: &Filter,
    level: Level,
) -> Result<(Vec<WatchedEvent>, Vec<i64>), StoreError> {
    let rows = store.watched_rows(filter, level)?;
    let keys = rows.iter().map(|r| r.key).collect();
    let events = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| WatchedEvent {
            date: r.date,
            event_id: format!("{i:09}"),
            quad_class: r.quad_class,
            goldstein: r.goldstein,
        })
        .collect();
    Ok((events, keys))
}

/// Refuse a series whose events spread over more periods than a store series may have
/// (dates far apart, as hostile text can make them).
fn check_span(events: &[WatchedEvent], period: Period) -> Result<(), StoreError> {
    let (Some(first), Some(last)) = (
        events.iter().map(|e| e.date).min(),
        events.iter().map(|e| e.date).max(),
    ) else {
        return Ok(());
    };
    let days = (last - first).get_days().unsigned_abs() as usize;
    let periods = match period {
        Period::Day => days,
        Period::Week => days / 7,
        Period::Month => days / 28,
    };
    if periods > dyad_store::MAX_PERIODS {
        return Err(StoreError::TooManyPeriods {
            from: first.to_string(),
            to: last.to_string(),
            max: dyad_store::MAX_PERIODS,
        });
    }
    Ok(())
}

/// Every alert the selected events raise, oldest first, each with its first events'
/// sentences.
pub fn alerts_for(
    store: &Store,
    filter: &Filter,
    level: Level,
    opts: &AlertOptions,
) -> Result<Vec<AlertOut>, StoreError> {
    let (events, key_of) = watched(store, filter, level)?;
    check_span(&events, opts.period)?;
    let mut alerts = dyad_alerts::watch(&events, &watch_options(opts));
    let mut counts = Vec::with_capacity(alerts.len());
    let mut keys: Vec<i64> = Vec::new();
    for a in &mut alerts {
        counts.push(a.event_ids.len());
        a.event_ids.truncate(MAX_EVENT_IDS);
        // Ids back to store keys.
        for id in &mut a.event_ids {
            if let Some(k) = id.parse::<usize>().ok().and_then(|i| key_of.get(i)) {
                *id = k.to_string();
                keys.push(*k);
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut found: HashMap<String, Evidence> = HashMap::new();
    for chunk in keys.chunks(500) {
        for (k, m) in store.mentions_by_key(chunk)? {
            let m = &m.mention;
            found.insert(
                k.to_string(),
                Evidence {
                    event_id: m.event_id.clone(),
                    doc_id: m.doc_id.clone(),
                    sentence_index: m.sentence_index,
                    date: m.date.start.clone(),
                    cameo: m.cameo.clone(),
                    source: m.source.code.clone(),
                    target: m.target.code.clone(),
                    sentence: m.sentence.clone(),
                },
            );
        }
    }
    Ok(alerts
        .into_iter()
        .zip(counts)
        .map(|(mut alert, event_count)| {
            let events = alert
                .event_ids
                .iter()
                .filter_map(|k| found.get(k).cloned())
                .take(MAX_EVIDENCE)
                .collect();
            alert.event_ids = alert
                .event_ids
                .iter()
                .filter_map(|k| found.get(k).map(|e| e.event_id.clone()))
                .collect();
            AlertOut {
                alert,
                event_count,
                events,
            }
        })
        .collect())
}

/// The trend (band, change, baseline) of each row of a store series, by the `trend` rule.
pub fn trends_for(rows: &[SeriesRow], baseline: usize) -> Vec<Option<dyad_alerts::Trend>> {
    let counts: Vec<usize> = rows
        .iter()
        .map(|r| usize::try_from(r.events).unwrap_or(0))
        .collect();
    dyad_alerts::trends_of_counts(&counts, baseline)
}
