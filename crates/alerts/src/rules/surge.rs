//! `surge` (after ACLED's Surge Tracker): a period whose count is ≥ 100% above (i.e. ≥ 2×) the
//! mean count of the `surge_window` periods before it, only where that mean ≥ 1 (and only
//! once `surge_window` periods precede it). `value` = count, `baseline` = that mean,
//! `event_ids` = the period's events. The test is made on whole counts (count · window ≥
//! 2 · total and total ≥ window), so exactly double is a surge. It must never raise a surge
//! against a window averaging under one event a period: a single event after a quiet spell
//! is no surge.
//!
//! Worked example: weekly counts 1, 1, 1, 1, then 2. The window mean is 4 / 4 = 1.0 (≥ 1)
//! and 2 ≥ 2 × 1.0, so the fifth week surges. Counts 0, 0, 1, 0, then 5 give a window mean
//! of 0.25 < 1: no surge, however large the jump.
//!
//! ```
//! use dyad_alerts::{watch, Rule, WatchOptions, WatchedEvent};
//! use jiff::civil::date;
//! use jiff::ToSpan;
//!
//! let monday = date(2024, 1, 1);
//! let mut events = Vec::new();
//! for (week, count) in [1, 1, 1, 1, 2].into_iter().enumerate() {
//!     for n in 0..count {
//!         events.push(WatchedEvent {
//!             event_id: format!("w{week}-{n}"),
//!             date: monday.checked_add((7 * week as i64).days()).unwrap(),
//!             quad_class: 3,
//!             goldstein: -2.0,
//!         });
//!     }
//! }
//! let alerts = watch(&events, &WatchOptions::default());
//! let surge = alerts.iter().find(|alert| alert.rule == Rule::Surge).unwrap();
//! assert_eq!((surge.period.as_str(), surge.value, surge.baseline), ("2024-W05", 2.0, 1.0));
//! assert_eq!(surge.event_ids, ["w4-0", "w4-1"]);
//! ```

use crate::period::{events_phrase, preceding, units, Bucket};
use crate::{Alert, Rule, WatchOptions};

/// The surge alerts of the whole run.
pub(crate) fn alerts(buckets: &[Bucket<'_>], opts: &WatchOptions) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for (index, bucket) in buckets.iter().enumerate() {
        let Some(window) = preceding(buckets, index, opts.surge_window) else {
            continue;
        };
        let total: usize = window.iter().map(Bucket::count).sum();
        let (count, total_wide, periods) =
            (bucket.count() as u128, total as u128, window.len() as u128);
        if total_wide < periods || count * periods < 2 * total_wide {
            continue;
        }
        let mean = total as f64 / window.len() as f64;
        let message = format!(
            "{}: {} against {:.1} a {} over the previous {} (+{:.0}%): surge",
            bucket.label,
            events_phrase(bucket.count()),
            mean,
            opts.by.name(),
            units(opts.by, window.len()),
            (bucket.count() as f64 - mean) / mean * 100.0,
        );
        alerts.push(Alert {
            rule: Rule::Surge,
            period: bucket.label.clone(),
            start: bucket.start,
            end: bucket.end,
            band: None,
            value: bucket.count() as f64,
            baseline: mean,
            message,
            event_ids: bucket.event_ids(),
        });
    }
    alerts
}
