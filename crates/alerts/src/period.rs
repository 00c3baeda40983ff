//! The calendar of a watch: which day, ISO week or month a date falls in, that period's first
//! and last day and its label, and the contiguous run of periods a series of events covers
//! (every period from the first event's to the last event's, empty ones included). It must
//! never drop or reorder an event's period: an event is counted in exactly the one period
//! holding its date, and the run has no gaps.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

use crate::WatchedEvent;

/// The length of the periods a watch groups events into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One calendar day, labelled `YYYY-MM-DD`.
    Day,
    /// One ISO 8601 week, Monday to Sunday, labelled `YYYY-Www` with the ISO week-year
    /// (2024-12-30 is in `2025-W01`).
    #[default]
    Week,
    /// One calendar month, labelled `YYYY-MM`.
    Month,
}

impl Period {
    /// The period's name as `dyad watch --by` spells it: `day`, `week` or `month`.
    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The first day of the period holding `date`.
    pub fn start_of(self, date: Date) -> Date {
        match self {
            Period::Day => date,
            Period::Week => {
                let back = i64::from(date.weekday().to_monday_zero_offset());
                date.checked_sub(back.days()).unwrap_or(Date::MIN)
            }
            Period::Month => date.first_of_month(),
        }
    }

    /// The last day (inclusive) of the period holding `date`.
    pub fn end_of(self, date: Date) -> Date {
        match self {
            Period::Day => date,
            Period::Week => {
                let forward = 6 - i64::from(date.weekday().to_monday_zero_offset());
                date.checked_add(forward.days()).unwrap_or(Date::MAX)
            }
            Period::Month => date.last_of_month(),
        }
    }

    /// The label of the period holding `date`: `2024-01-29`, `2024-W05` or `2024-01`.
    pub fn label_of(self, date: Date) -> String {
        match self {
            Period::Day => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            Period::Week => {
                let week = date.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of a period name that is not `day`, `week` or `month`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPeriod(pub String);

impl fmt::Display for UnknownPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown period {:?} (expected day, week or month)",
            self.0
        )
    }
}

impl std::error::Error for UnknownPeriod {}

impl FromStr for Period {
    type Err = UnknownPeriod;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            other => Err(UnknownPeriod(other.to_string())),
        }
    }
}

/// One period of the run with the events dated in it, in series order.
#[derive(Debug, Clone)]
pub(crate) struct Bucket<'a> {
    pub(crate) label: String,
    pub(crate) start: Date,
    pub(crate) end: Date,
    pub(crate) events: Vec<&'a WatchedEvent>,
}

impl Bucket<'_> {
    /// The number of events in the period.
    pub(crate) fn count(&self) -> usize {
        self.events.len()
    }

    /// The ids of the period's events, in series order.
    pub(crate) fn event_ids(&self) -> Vec<String> {
        self.events
            .iter()
            .map(|event| event.event_id.clone())
            .collect()
    }
}

/// The events in series order: by date, then id, then quad class and Goldstein score, so
/// that the order the events arrived in never changes a result.
pub(crate) fn in_series_order(events: &[WatchedEvent]) -> Vec<&WatchedEvent> {
    let mut sorted: Vec<&WatchedEvent> = events.iter().collect();
    sorted.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.event_id.cmp(&b.event_id))
            .then_with(|| a.quad_class.cmp(&b.quad_class))
            .then_with(|| a.goldstein.total_cmp(&b.goldstein))
    });
    sorted
}

/// Every period from the one holding the first event to the one holding the last, each with
/// its events. Takes the events in series order; no events give no periods.
pub(crate) fn buckets<'a>(sorted: &[&'a WatchedEvent], by: Period) -> Vec<Bucket<'a>> {
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let last_start = by.start_of(last.date);
    let mut runs = Vec::new();
    let mut start = by.start_of(first.date);
    loop {
        let end = by.end_of(start);
        runs.push(Bucket {
            label: by.label_of(start),
            start,
            end,
            events: Vec::new(),
        });
        if start >= last_start {
            break;
        }
        match end.tomorrow() {
            Ok(next) => start = next,
            Err(_) => break,
        }
    }
    let mut index = 0;
    for event in sorted {
        while index + 1 < runs.len() && event.date > runs[index].end {
            index += 1;
        }
        runs[index].events.push(event);
    }
    runs
}

/// The `count` periods just before the one at `index`, or `None` when fewer precede it (or
/// `count` is zero: a rule with an empty baseline raises nothing).
pub(crate) fn preceding<'b, 'a>(
    buckets: &'b [Bucket<'a>],
    index: usize,
    count: usize,
) -> Option<&'b [Bucket<'a>]> {
    if count == 0 || index < count {
        return None;
    }
    buckets.get(index - count..index)
}

/// The period's unit for messages, singular or plural: `week`, `4 weeks`.
pub(crate) fn units(by: Period, count: usize) -> String {
    if count == 1 {
        by.name().to_string()
    } else {
        format!("{count} {}s", by.name())
    }
}

/// `1 event` or `9 events`.
pub(crate) fn events_phrase(count: usize) -> String {
    if count == 1 {
        "1 event".to_string()
    } else {
        format!("{count} events")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_start_on_monday_and_use_the_iso_week_year() {
        let sunday = date(2025, 1, 5);
        assert_eq!(Period::Week.start_of(sunday), date(2024, 12, 30));
        assert_eq!(Period::Week.end_of(date(2024, 12, 30)), sunday);
        assert_eq!(Period::Week.label_of(date(2024, 12, 30)), "2025-W01");
        assert_eq!(Period::Week.label_of(date(2024, 12, 29)), "2024-W52");
        assert_eq!(Period::Week.label_of(date(2024, 1, 29)), "2024-W05");
    }

    #[test]
    fn months_and_days_label_by_the_calendar() {
        assert_eq!(Period::Month.start_of(date(2024, 2, 17)), date(2024, 2, 1));
        assert_eq!(Period::Month.end_of(date(2024, 2, 17)), date(2024, 2, 29));
        assert_eq!(Period::Month.label_of(date(2024, 2, 17)), "2024-02");
        assert_eq!(Period::Day.label_of(date(2024, 2, 7)), "2024-02-07");
    }

    #[test]
    fn period_names_parse_back() {
        for by in [Period::Day, Period::Week, Period::Month] {
            assert_eq!(by.name().parse::<Period>(), Ok(by));
        }
        assert!("fortnight".parse::<Period>().is_err());
    }

    #[test]
    fn the_last_week_of_the_calendar_does_not_overflow() {
        assert_eq!(Period::Week.end_of(Date::MAX), Date::MAX);
        let event = WatchedEvent {
            event_id: "e".into(),
            date: Date::MAX,
            quad_class: 1,
            goldstein: 0.0,
        };
        let sorted = [&event];
        let runs = buckets(&sorted, Period::Week);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].count(), 1);
    }
}
