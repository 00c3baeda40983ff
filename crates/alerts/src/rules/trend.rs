//! `trend` (after ACLED's Trendfinder): a period's event count against the mean count of the
//! `baseline` periods before it (no trend until that many periods precede). Low baseline:
//! baseline mean ≤ 2 and current ≤ 5 → `Limited` (always, whatever the change). Otherwise
//! with base = 0 → `LargeIncrease` (change `None`). Otherwise change = (cur − base)/base:
//! \> +0.25 large increase; > +0.10 up to +0.25 moderate increase; < −0.25 large decrease;
//! −0.25 up to < −0.10 moderate decrease; else stable. Alerts are raised for large increase,
//! moderate increase and large decrease; `value` = current count, `baseline` = baseline mean,
//! `event_ids` = the period's events. The bands are decided on whole counts (the change is
//! compared as a fraction of integers), so a boundary such as exactly +25% never falls on
//! the wrong side by a rounding error. It must never raise an alert for a `Limited`, stable
//! or moderately decreasing period.
//!
//! Worked example: weekly counts 4, 4, 4, 4, then 9 in 2024-W05. The baseline mean is
//! 16 / 4 = 4.0, the change (9 − 4) / 4 = +1.25 > +0.25, so the week is a large increase.
//! A fifth week of 5 would be +0.25 exactly: a moderate increase, not a large one.
//!
//! ```
//! use dyad_alerts::{watch, Band, Rule, WatchOptions, WatchedEvent};
//! use jiff::civil::date;
//! use jiff::ToSpan;
//!
//! let monday = date(2024, 1, 1); // 2024-W01
//! let mut events = Vec::new();
//! for (week, count) in [4, 4, 4, 4, 9].into_iter().enumerate() {
//!     for n in 0..count {
//!         events.push(WatchedEvent {
//!             event_id: format!("w{week}-{n}"),
//!             date: monday.checked_add((7 * week as i64).days()).unwrap(),
//!             quad_class: 1,
//!             goldstein: 1.0,
//!         });
//!     }
//! }
//! let alerts = watch(&events, &WatchOptions::default());
//! let trend = alerts.iter().find(|alert| alert.rule == Rule::Trend).unwrap();
//! assert_eq!(trend.band, Some(Band::LargeIncrease));
//! assert_eq!((trend.value, trend.baseline), (9.0, 4.0));
//! assert_eq!(
//!     trend.message,
//!     "2024-W05: 9 events against 4.0 a week over the previous 4 weeks (+125%): large increase"
//! );
//! ```

use crate::period::{events_phrase, preceding, units, Bucket};
use crate::{Alert, Band, Rule, Trend, WatchOptions};

/// The trend of the period at `index` against the `baseline` periods before it, or `None`
/// when fewer than `baseline` periods precede it.
pub(crate) fn trend_at(buckets: &[Bucket<'_>], index: usize, baseline: usize) -> Option<Trend> {
    let current = buckets.get(index)?.count();
    let before = preceding(buckets, index, baseline)?;
    let total: usize = before.iter().map(Bucket::count).sum();
    Some(classify(current, total, before.len()))
}

/// The trend of every period of a contiguous run of period counts (as a store's series gives
/// them), by the same rule as [`trend_at`]: `None` until `baseline` periods precede a period,
/// and always `None` when `baseline` is 0.
pub fn trends_of_counts(counts: &[usize], baseline: usize) -> Vec<Option<Trend>> {
    (0..counts.len())
        .map(|i| {
            if baseline == 0 || i < baseline {
                return None;
            }
            let total = counts[i - baseline..i].iter().sum();
            Some(classify(counts[i], total, baseline))
        })
        .collect()
}

/// The band of `current` events against `total` events over `periods` baseline periods.
fn classify(current: usize, total: usize, periods: usize) -> Trend {
    let mean = total as f64 / periods as f64;
    let change = (total > 0).then(|| (current as f64 - mean) / mean);
    // Exact comparisons: with base = total / periods, change = (current·periods − total) / total.
    let (current, total, periods) = (current as i128, total as i128, periods as i128);
    let band = if total <= 2 * periods && current <= 5 {
        Band::Limited
    } else if total == 0 {
        Band::LargeIncrease
    } else {
        let excess = current * periods - total;
        if 4 * excess > total {
            Band::LargeIncrease
        } else if 10 * excess > total {
            Band::ModerateIncrease
        } else if 4 * excess < -total {
            Band::LargeDecrease
        } else if 10 * excess < -total {
            Band::ModerateDecrease
        } else {
            Band::Stable
        }
    };
    Trend {
        band,
        change,
        baseline: mean,
    }
}

/// The trend alerts of the whole run: one for every large increase, moderate increase and
/// large decrease.
pub(crate) fn alerts(buckets: &[Bucket<'_>], opts: &WatchOptions) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for (index, bucket) in buckets.iter().enumerate() {
        let Some(trend) = trend_at(buckets, index, opts.baseline) else {
            continue;
        };
        if !matches!(
            trend.band,
            Band::LargeIncrease | Band::ModerateIncrease | Band::LargeDecrease
        ) {
            continue;
        }
        let change = trend
            .change
            .map(|change| format!(" ({:+.0}%)", change * 100.0))
            .unwrap_or_default();
        let message = format!(
            "{}: {} against {:.1} a {} over the previous {}{}: {}",
            bucket.label,
            events_phrase(bucket.count()),
            trend.baseline,
            opts.by.name(),
            units(opts.by, opts.baseline),
            change,
            trend.band.as_str(),
        );
        alerts.push(Alert {
            rule: Rule::Trend,
            period: bucket.label.clone(),
            start: bucket.start,
            end: bucket.end,
            band: Some(trend.band),
            value: bucket.count() as f64,
            baseline: trend.baseline,
            message,
            event_ids: bucket.event_ids(),
        });
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::classify;
    use crate::Band;

    #[test]
    fn bands_fall_on_the_documented_side_of_each_boundary() {
        // Baseline 10 a period over 4 periods (total 40).
        let band = |current| classify(current, 40, 4).band;
        assert_eq!(band(13), Band::LargeIncrease); // +30%
        assert_eq!(band(12), Band::ModerateIncrease); // +20%
        assert_eq!(band(11), Band::Stable); // +10% exactly
        assert_eq!(band(10), Band::Stable);
        assert_eq!(band(9), Band::Stable); // −10% exactly
        assert_eq!(band(8), Band::ModerateDecrease); // −20%
        assert_eq!(band(7), Band::LargeDecrease); // −30%
                                                  // Baseline 4 (total 16): +25% and −25% exactly.
        assert_eq!(classify(5, 16, 4).band, Band::ModerateIncrease);
        assert_eq!(classify(3, 16, 4).band, Band::ModerateDecrease);
        // Baseline 20 (total 80): just past ±25%.
        assert_eq!(classify(26, 80, 4).band, Band::LargeIncrease); // +30%
        assert_eq!(classify(25, 80, 4).band, Band::ModerateIncrease); // +25%
        assert_eq!(classify(15, 80, 4).band, Band::ModerateDecrease); // −25%
        assert_eq!(classify(14, 80, 4).band, Band::LargeDecrease); // −30%
    }

    #[test]
    fn an_uneven_baseline_mean_is_compared_exactly() {
        // Mean 20/3 over 3 periods: 8 is +20%, 9 is +35%, 6 is −10% exactly, 5 is −25%.
        assert_eq!(classify(8, 20, 3).band, Band::ModerateIncrease);
        assert_eq!(classify(9, 20, 3).band, Band::LargeIncrease);
        assert_eq!(classify(6, 20, 3).band, Band::Stable);
        assert_eq!(classify(5, 20, 3).band, Band::ModerateDecrease);
        let trend = classify(9, 20, 3);
        assert!((trend.baseline - 20.0 / 3.0).abs() < 1e-12);
        assert!((trend.change.unwrap_or(f64::NAN) - 0.35).abs() < 1e-12);
    }
}
