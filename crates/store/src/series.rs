//! Time series: event counts per QuadClass and Goldstein sum and mean, per day, week or month.
//!
//! Events are grouped by the start date of their date range (undated events are left out).
//! The series runs from `--from` (else the first selected event) to `--to` (else the last), and
//! every period in between is a row, with zeros when nothing happened. Weeks are ISO weeks,
//! Monday to Sunday, labelled `YYYY-Www`. This module only reads; it must never write.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::{Filter, Level};
use crate::Store;

/// The length of a series' periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    Month,
}

/// One period of a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// The period's label: YYYY-MM-DD, YYYY-Www or YYYY-MM.
    pub period: String,
    /// Its first day.
    pub start: String,
    /// Its last day.
    pub end: String,
    /// Events (mentions or clusters) of QuadClass 1, verbal cooperation.
    pub quad1: i64,
    /// QuadClass 2, material cooperation.
    pub quad2: i64,
    /// QuadClass 3, verbal conflict.
    pub quad3: i64,
    /// QuadClass 4, material conflict.
    pub quad4: i64,
    /// All events.
    pub events: i64,
    /// Sum of their Goldstein values.
    pub goldstein_sum: f64,
    /// Mean Goldstein value (0 when there were none).
    pub goldstein_mean: f64,
}

impl Period {
    /// The first day of the period holding `d`.
    fn start_of(self, d: Date) -> Date {
        match self {
            Period::Day => d,
            Period::Week => {
                let back = i64::from(d.weekday().to_monday_zero_offset());
                d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
            }
            Period::Month => d.first_of_month(),
        }
    }

    /// The first day of the next period.
    fn next(self, start: Date) -> Option<Date> {
        let span = match self {
            Period::Day => jiff::Span::new().days(1),
            Period::Week => jiff::Span::new().weeks(1),
            Period::Month => jiff::Span::new().months(1),
        };
        start.checked_add(span).ok()
    }

    fn label(self, start: Date) -> String {
        match self {
            Period::Day => start.to_string(),
            Period::Week => {
                let w = start.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
        }
    }
}

/// "YYYY-MM-DD…" as the number YYYYMMDD (cheap to hash), if it looks like a date.
pub(crate) fn day_number(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut n = 0u32;
    for &c in b[..10].iter().filter(|c| **c != b'-') {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

pub(crate) fn day_from_number(n: u32) -> Option<Date> {
    let year = i16::try_from(n / 10000).ok()?;
    let month = i8::try_from(n / 100 % 100).ok()?;
    let day = i8::try_from(n % 100).ok()?;
    Date::new(year, month, day).ok()
}

fn parse(d: &str) -> Option<Date> {
    d.get(..10)?.parse().ok()
}

/// The most periods one series may have (a day series of 54 years): beyond it a request is
/// refused rather than filling memory with empty rows.
pub const MAX_PERIODS: usize = 20_000;

impl Store {
    /// The series of the events the filter selects; an error when it would have more than
    /// [`MAX_PERIODS`] periods.
    pub fn series(&self, filter: &Filter, level: Level, period: Period) -> Result<Vec<SeriesRow>> {
        let (branches, params) = filter.sql(level)?;
        let select = match level {
            Level::Mention => "SELECT e.date_start, e.quad_class, e.goldstein FROM events e",
            Level::Cluster => "SELECT c.date_start, c.quad_class, c.goldstein FROM clusters c",
        };
        let sql = crate::query::union_all(select, &branches);
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(crate::sql_err(&self.path))?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        // Per day (as YYYYMMDD), then per period: counts per quad and the Goldstein sum. The
        // rows are aggregated here rather than with GROUP BY, which would sort them first.
        let mut days: std::collections::HashMap<u32, ([i64; 4], f64)> =
            std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            let Some(day) = r
                .get_ref(0)?
                .as_str_or_null()
                .ok()
                .flatten()
                .and_then(day_number)
            else {
                continue;
            };
            let quad: i64 = r.get(1)?;
            let g: f64 = r.get(2)?;
            let b = days.entry(day).or_default();
            if let Some(slot) = usize::try_from(quad - 1).ok().and_then(|i| b.0.get_mut(i)) {
                *slot += 1;
            }
            b.1 += g;
        }
        let mut buckets: BTreeMap<Date, ([i64; 4], f64)> = BTreeMap::new();
        for (day, (q, g)) in days {
            let Some(d) = day_from_number(day) else {
                continue;
            };
            let b = buckets.entry(period.start_of(d)).or_default();
            for (total, n) in b.0.iter_mut().zip(q) {
                *total += n;
            }
            b.1 += g;
        }
        let bound = |d: &Option<String>| -> Result<Option<Date>> {
            d.as_deref()
                .map(|s| parse(s).ok_or_else(|| StoreError::Filter(format!("bad date {s:?}"))))
                .transpose()
        };
        let first = bound(&filter.from)?.or_else(|| buckets.keys().next().copied());
        let last = bound(&filter.to)?.or_else(|| buckets.keys().next_back().copied());
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut p = period.start_of(first);
        let end = period.start_of(last);
        while p <= end {
            if out.len() >= MAX_PERIODS {
                return Err(StoreError::TooManyPeriods {
                    from: first.to_string(),
                    to: last.to_string(),
                    max: MAX_PERIODS,
                });
            }
            let Some(next) = period.next(p) else { break };
            let (q, g) = buckets.get(&p).copied().unwrap_or_default();
            let events: i64 = q.iter().sum();
            out.push(SeriesRow {
                period: period.label(p),
                start: p.to_string(),
                end: next.yesterday().unwrap_or(next).to_string(),
                quad1: q[0],
                quad2: q[1],
                quad3: q[2],
                quad4: q[3],
                events,
                goldstein_sum: g,
                goldstein_mean: if events > 0 { g / events as f64 } else { 0.0 },
            });
            p = next;
        }
        Ok(out)
    }
}
