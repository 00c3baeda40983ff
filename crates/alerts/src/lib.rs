//! The alert rules behind `dyad watch`: a watched dyad's coded events (date, QuadClass,
//! Goldstein score) are grouped into contiguous days, ISO weeks or months ([`periods`]), and
//! four rules raise alerts over the whole series ([`watch`]). It is pure computation: it must
//! never read the store, a file or the clock, and the same events in any order give the same
//! periods and alerts.
//!
//! ```
//! use dyad_alerts::{periods, watch, Period, WatchOptions, WatchedEvent};
//! use jiff::civil::date;
//!
//! let event = |id: &str, day, quad_class, goldstein| WatchedEvent {
//!     event_id: id.to_string(),
//!     date: date(2024, 1, day),
//!     quad_class,
//!     goldstein,
//! };
//! let events = [event("a", 1, 1, 3.0), event("b", 20, 4, -10.0)];
//! let opts = WatchOptions { by: Period::Week, ..WatchOptions::default() };
//! let weeks = periods(&events, &opts);
//! let labels: Vec<&str> = weeks.iter().map(|week| week.period.as_str()).collect();
//! assert_eq!(labels, ["2024-W01", "2024-W02", "2024-W03"]);
//! assert_eq!(weeks[1].events, 0);
//! assert_eq!(weeks[2].quad, [0, 0, 0, 1]);
//! let alerts = watch(&events, &opts);
//! assert_eq!(alerts.len(), 1);
//! assert_eq!(alerts[0].message, "2024-01-20: first material conflict after 19 quiet days");
//! ```
//!
//! # Periods
//!
//! [`Period::Day`] is a calendar day labelled `YYYY-MM-DD`; [`Period::Week`] an ISO week,
//! Monday to Sunday, labelled `YYYY-Www` with the ISO week-year (2024-12-30 is `2025-W01`);
//! [`Period::Month`] a calendar month labelled `YYYY-MM`. The run covers every period from
//! the first event's to the last event's; a period with no events has zero counts and no
//! Goldstein mean. An event whose quad class is not 1–4 counts in `events` but in no `quad`
//! slot.
//!
//! # Rules
//!
//! - **trend** (ACLED Trendfinder): a period's event count against the mean count of the
//!   `baseline` periods before it (no trend until that many periods precede). Low baseline:
//!   baseline mean ≤ 2 and current ≤ 5 → `Limited` (always, whatever the change). Otherwise
//!   with base = 0 → `LargeIncrease` (change `None`). Otherwise change = (cur − base)/base:
//!   \> +0.25 large increase; > +0.10 up to +0.25 moderate increase; < −0.25 large decrease;
//!   −0.25 up to < −0.10 moderate decrease; else stable. Alerts are raised for large
//!   increase, moderate increase and large decrease; `value` = current count, `baseline` =
//!   baseline mean, `event_ids` = the period's events.
//! - **surge** (ACLED Surge Tracker): a period whose count is ≥ 100% above (i.e. ≥ 2×) the
//!   mean count of the `surge_window` periods before it, only where that mean ≥ 1. `value` =
//!   count, `baseline` = that mean, `event_ids` = the period's events.
//! - **calm-broken**: a material-conflict event (quad_class 4) whose previous quad-4 event in
//!   the series is at least `quiet_days` days earlier; when there is no earlier quad-4 event
//!   at all, the calm counts from the earliest event of any kind in the series (so a series
//!   that opens with a quad-4 event raises nothing for it). One alert per calm-breaking day,
//!   with every quad-4 event of that day in `event_ids`; `period`/`start`/`end` = that day
//!   (period label = the day, even when `by` is week), `value` = days of calm, `baseline` =
//!   `quiet_days`.
//! - **goldstein-drop**: a period whose mean Goldstein is at least `goldstein_drop` points
//!   below the mean Goldstein of all events in the `baseline` periods before it
//!   (event-weighted; needs ≥ 1 event in the period and ≥ 1 in the baseline). `value` =
//!   period mean, `baseline` = baseline mean, `event_ids` = that period's events with
//!   Goldstein below the baseline mean.
//!
//! Each rule's file under `src/rules/` says what it decides at the edges and works an
//! example. A `baseline` or `surge_window` of 0 turns its rules off (there is nothing to
//! compare against); a `quiet_days` of 0 acts as 1.
//!
//! # Order
//!
//! [`watch`] returns every alert of the series sorted by `start`, then by rule in the order
//! trend, surge, calm-broken, goldstein-drop. Events are first put in series order (date,
//! then id), so `event_ids` lists are in that order too.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

mod period;
mod rules;

pub use period::{Period, UnknownPeriod};
pub use rules::trend::trends_of_counts;

/// The QuadClass of material conflict.
const MATERIAL_CONFLICT: u8 = 4;

/// One coded event of the watched dyad: what the rules read of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchedEvent {
    /// The event's id, reported back in alerts' `event_ids`.
    pub event_id: String,
    /// The event's day.
    pub date: Date,
    /// QuadClass 1–4 (verbal cooperation, material cooperation, verbal conflict, material
    /// conflict).
    pub quad_class: u8,
    /// The Goldstein score of the event's CAMEO code (−10 to +10).
    pub goldstein: f64,
}

/// The settings of a watch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchOptions {
    /// The length of a period (default a week).
    pub by: Period,
    /// How many earlier periods the trend and Goldstein-drop rules compare with (default 4).
    pub baseline: usize,
    /// How many days without material conflict make a calm (default 7).
    pub quiet_days: u32,
    /// How many points below its baseline a period's mean Goldstein must fall (default 2.0).
    pub goldstein_drop: f64,
    /// How many earlier periods the surge rule compares with (default 4).
    pub surge_window: usize,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            by: Period::Week,
            baseline: 4,
            quiet_days: 7,
            goldstein_drop: 2.0,
            surge_window: 4,
        }
    }
}

/// One period of the series with its counts and trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodStat {
    /// The period's label: `2024-01-29`, `2024-W05` or `2024-01`.
    pub period: String,
    /// The period's first day.
    pub start: Date,
    /// The period's last day (inclusive).
    pub end: Date,
    /// How many events fall in the period.
    pub events: usize,
    /// The period's events by QuadClass: `quad[0]` counts quad class 1, … `quad[3]` class 4.
    pub quad: [usize; 4],
    /// The mean Goldstein score of the period's events; `None` when it has none.
    pub goldstein_mean: Option<f64>,
    /// The period's trend, once `baseline` periods precede it.
    pub trend: Option<Trend>,
}

/// A period's event count against its baseline (the `trend` rule).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The band the change falls in.
    pub band: Band,
    /// (current − baseline) / baseline; `None` when the baseline is 0.
    pub change: Option<f64>,
    /// The mean events per period over the previous `baseline` periods.
    pub baseline: f64,
}

/// The trend band of a period (after ACLED's Trendfinder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Band {
    /// More than 25% above the baseline, or any count over 5 against a baseline of 0.
    #[serde(rename = "large increase")]
    LargeIncrease,
    /// More than 10% and up to 25% above the baseline.
    #[serde(rename = "moderate increase")]
    ModerateIncrease,
    /// Within 10% of the baseline either way.
    #[serde(rename = "stable")]
    Stable,
    /// From 10% (exclusive) to 25% (inclusive) below the baseline.
    #[serde(rename = "moderate decrease")]
    ModerateDecrease,
    /// More than 25% below the baseline.
    #[serde(rename = "large decrease")]
    LargeDecrease,
    /// Too few events to say: a baseline mean of at most 2 and a count of at most 5.
    #[serde(rename = "limited")]
    Limited,
}

impl Band {
    /// The band as alerts and JSON spell it: `large increase`, `stable`, `limited`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Band::LargeIncrease => "large increase",
            Band::ModerateIncrease => "moderate increase",
            Band::Stable => "stable",
            Band::ModerateDecrease => "moderate decrease",
            Band::LargeDecrease => "large decrease",
            Band::Limited => "limited",
        }
    }
}

/// The rule that raised an alert. The order of the variants is the order alerts with the
/// same start are sorted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A large or moderate increase or a large decrease in events (`trend`).
    Trend,
    /// At least twice the recent mean of events (`surge`).
    Surge,
    /// Material conflict after a quiet spell (`calm-broken`).
    CalmBroken,
    /// A fall in the mean Goldstein score (`goldstein-drop`).
    GoldsteinDrop,
}

impl Rule {
    /// The rule's name: `trend`, `surge`, `calm-broken` or `goldstein-drop`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Trend => "trend",
            Rule::Surge => "surge",
            Rule::CalmBroken => "calm-broken",
            Rule::GoldsteinDrop => "goldstein-drop",
        }
    }
}

/// One alert of a watch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// The rule that raised it.
    pub rule: Rule,
    /// The label of the period it is about (for `calm-broken`, the day).
    pub period: String,
    /// The first day of that period.
    pub start: Date,
    /// The last day (inclusive) of that period.
    pub end: Date,
    /// The trend band, for `trend` alerts; `None` for the others.
    pub band: Option<Band>,
    /// What was measured: the period's count (`trend`, `surge`), days of calm
    /// (`calm-broken`) or the period's mean Goldstein score (`goldstein-drop`).
    pub value: f64,
    /// What it was measured against: the baseline mean count, `quiet_days`, or the baseline
    /// mean Goldstein score.
    pub baseline: f64,
    /// One line for a person: `2024-W05: 9 events against 4.0 a week over the previous 4
    /// weeks (+125%): large increase`.
    pub message: String,
    /// The events the alert is about, in series order.
    pub event_ids: Vec<String>,
}

/// Every period from the first event's to the last event's, empty periods as zeros, each
/// with its counts, Goldstein mean and (once `baseline` periods precede it) trend. No events
/// give no periods.
pub fn periods(events: &[WatchedEvent], opts: &WatchOptions) -> Vec<PeriodStat> {
    let sorted = period::in_series_order(events);
    let buckets = period::buckets(&sorted, opts.by);
    buckets
        .iter()
        .enumerate()
        .map(|(index, bucket)| {
            let mut quad = [0; 4];
            for event in &bucket.events {
                if let Some(slot) = usize::from(event.quad_class)
                    .checked_sub(1)
                    .and_then(|slot| quad.get_mut(slot))
                {
                    *slot += 1;
                }
            }
            PeriodStat {
                period: bucket.label.clone(),
                start: bucket.start,
                end: bucket.end,
                events: bucket.count(),
                quad,
                goldstein_mean: rules::goldstein_drop::mean_goldstein(std::slice::from_ref(bucket)),
                trend: rules::trend::trend_at(&buckets, index, opts.baseline),
            }
        })
        .collect()
}

/// Every alert over the whole series, sorted by start day and then by rule (trend, surge,
/// calm-broken, goldstein-drop). The events need not be sorted; the result does not depend
/// on their order.
pub fn watch(events: &[WatchedEvent], opts: &WatchOptions) -> Vec<Alert> {
    let sorted = period::in_series_order(events);
    let buckets = period::buckets(&sorted, opts.by);
    let mut alerts = rules::trend::alerts(&buckets, opts);
    alerts.extend(rules::surge::alerts(&buckets, opts));
    alerts.extend(rules::calm_broken::alerts(&sorted, opts));
    alerts.extend(rules::goldstein_drop::alerts(&buckets, opts));
    alerts.sort_by(|a, b| a.start.cmp(&b.start).then(a.rule.cmp(&b.rule)));
    alerts
}
