//! `calm-broken`: a material-conflict event (quad_class 4) whose previous quad-4 event in the
//! series is at least `quiet_days` days earlier; when there is no earlier quad-4 event at
//! all, the calm counts from the earliest event of any kind in the series (so a series that
//! opens with a quad-4 event raises nothing for it). One alert per calm-breaking day, with
//! every quad-4 event of that day in `event_ids`; `period`/`start`/`end` = that day (the
//! period label is the day, even when `by` is week), `value` = days of calm (the calm-breaking
//! day minus the day of the previous quad-4 event, or of the series' first event),
//! `baseline` = `quiet_days`. A calm is at least one day long: `quiet_days` 0 acts as 1, so
//! two conflict events of one day never break a calm between them. It must never count a
//! calm from before the series begins: what happened before the first event is unknown.
//!
//! Worked example, `quiet_days` 7: material conflict on 2024-01-01 (day 0, the series'
//! first event), 2024-01-04 (day 3) and 2024-01-21 (day 20). Day 0 opens the series (0 days
//! of calm), day 3 follows 3 days after day 0 (< 7): neither breaks a calm. Day 20 follows
//! 17 days after day 3: one alert, value 17.
//!
//! ```
//! use dyad_alerts::{watch, Rule, WatchOptions, WatchedEvent};
//! use jiff::civil::date;
//!
//! let conflict = |id: &str, day| WatchedEvent {
//!     event_id: id.to_string(),
//!     date: date(2024, 1, day),
//!     quad_class: 4,
//!     goldstein: -10.0,
//! };
//! let events = [conflict("a", 1), conflict("b", 4), conflict("c", 21)];
//! let alerts = watch(&events, &WatchOptions::default());
//! assert_eq!(alerts.len(), 1);
//! assert_eq!(alerts[0].rule, Rule::CalmBroken);
//! assert_eq!((alerts[0].period.as_str(), alerts[0].value), ("2024-01-21", 17.0));
//! assert_eq!(alerts[0].message, "2024-01-21: first material conflict after 17 quiet days");
//! ```

use jiff::civil::Date;

use crate::{Alert, Rule, WatchOptions, WatchedEvent, MATERIAL_CONFLICT};

/// The calm-broken alerts of a series given in series order.
pub(crate) fn alerts(sorted: &[&WatchedEvent], opts: &WatchOptions) -> Vec<Alert> {
    let Some(first) = sorted.first() else {
        return Vec::new();
    };
    let quiet_days = i64::from(opts.quiet_days.max(1));
    let label = |day: Date| crate::Period::Day.label_of(day);
    let mut alerts = Vec::new();
    let mut calm_since = first.date;
    let mut conflict = sorted
        .iter()
        .filter(|event| event.quad_class == MATERIAL_CONFLICT)
        .peekable();
    while let Some(opening) = conflict.next() {
        let day = opening.date;
        let mut event_ids = vec![opening.event_id.clone()];
        while let Some(same_day) = conflict.next_if(|event| event.date == day) {
            event_ids.push(same_day.event_id.clone());
        }
        let calm = days_between(calm_since, day);
        if calm >= quiet_days {
            alerts.push(Alert {
                rule: Rule::CalmBroken,
                period: label(day),
                start: day,
                end: day,
                band: None,
                value: calm as f64,
                baseline: f64::from(opts.quiet_days),
                message: format!(
                    "{}: first material conflict after {calm} quiet days",
                    label(day)
                ),
                event_ids,
            });
        }
        calm_since = day;
    }
    alerts
}

/// Whole days from `earlier` to `later` (0 on the same day).
fn days_between(earlier: Date, later: Date) -> i64 {
    later
        .since(earlier)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}
