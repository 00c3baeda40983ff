//! `goldstein-drop`: a period whose mean Goldstein score is at least `goldstein_drop` points
//! below the mean Goldstein score of all events in the `baseline` periods before it
//! (event-weighted, not a mean of period means; needs ≥ 1 event in the period, ≥ 1 in the
//! baseline, and `baseline` periods before it). `value` = the period's mean, `baseline` = the
//! baseline mean, `event_ids` = the period's events whose Goldstein score is below the
//! baseline mean. A drop that is `goldstein_drop` up to a rounding error (10⁻⁹) counts, so
//! scores such as 0.1 and 0.2 that do not add exactly in binary still meet a threshold they
//! meet on paper. It must never compare against an empty baseline: no earlier events, no
//! alert.
//!
//! Worked example, `goldstein_drop` 2.0 and `baseline` 2, by week: 2024-W01 has scores 3.0
//! and 1.0, 2024-W02 has 2.0, 2024-W03 has −1.0. The baseline of W03 is the mean of the three
//! events before it, (3 + 1 + 2) / 3 = 2.0; W03's mean −1.0 is 3.0 below it: an alert, with
//! the −1.0 event in `event_ids`. Had W03 also held a 2.5, its mean 0.75 would be only 1.25
//! below: no alert.
//!
//! ```
//! use dyad_alerts::{watch, Rule, WatchOptions, WatchedEvent};
//! use jiff::civil::date;
//!
//! let event = |id: &str, day, goldstein| WatchedEvent {
//!     event_id: id.to_string(),
//!     date: date(2024, 1, day),
//!     quad_class: 1,
//!     goldstein,
//! };
//! let events = [event("a", 1, 3.0), event("b", 2, 1.0), event("c", 8, 2.0), event("d", 15, -1.0)];
//! let opts = WatchOptions { baseline: 2, ..WatchOptions::default() };
//! let alerts = watch(&events, &opts);
//! let drop = alerts.iter().find(|alert| alert.rule == Rule::GoldsteinDrop).unwrap();
//! assert_eq!((drop.period.as_str(), drop.value, drop.baseline), ("2024-W03", -1.0, 2.0));
//! assert_eq!(drop.event_ids, ["d"]);
//! ```

use crate::period::{preceding, units, Bucket};
use crate::{Alert, Rule, WatchOptions};

/// How far short of the threshold a drop may fall and still count (rounding of sums).
const ROUNDING: f64 = 1e-9;

/// The Goldstein-drop alerts of the whole run.
pub(crate) fn alerts(buckets: &[Bucket<'_>], opts: &WatchOptions) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for (index, bucket) in buckets.iter().enumerate() {
        let Some(before) = preceding(buckets, index, opts.baseline) else {
            continue;
        };
        let Some(mean) = mean_goldstein(std::slice::from_ref(bucket)) else {
            continue;
        };
        let Some(baseline) = mean_goldstein(before) else {
            continue;
        };
        let drop = baseline - mean;
        if drop < opts.goldstein_drop - ROUNDING {
            continue;
        }
        let event_ids = bucket
            .events
            .iter()
            .filter(|event| event.goldstein < baseline)
            .map(|event| event.event_id.clone())
            .collect();
        let message = format!(
            "{}: mean Goldstein {:.1} against {:.1} over the previous {} ({:.1} points lower): goldstein drop",
            bucket.label,
            mean,
            baseline,
            units(opts.by, before.len()),
            drop,
        );
        alerts.push(Alert {
            rule: Rule::GoldsteinDrop,
            period: bucket.label.clone(),
            start: bucket.start,
            end: bucket.end,
            band: None,
            value: mean,
            baseline,
            message,
            event_ids,
        });
    }
    alerts
}

/// The mean Goldstein score of every event in `buckets`, `None` when they hold no event.
pub(crate) fn mean_goldstein(buckets: &[Bucket<'_>]) -> Option<f64> {
    let mut total = 0.0;
    let mut count = 0usize;
    for event in buckets.iter().flat_map(|bucket| &bucket.events) {
        total += event.goldstein;
        count += 1;
    }
    (count > 0).then(|| total / count as f64)
}
