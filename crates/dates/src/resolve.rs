//! Resolution: from a [`DateExpr`] to an inclusive range of days, given the publication
//! date P and, for anaphoric expressions, the previous event's date A. All arithmetic is
//! `jiff`'s, checked: an overflow gives `None`, never a panic.

use jiff::civil::{Date, Weekday};
use jiff::Span;

use crate::expr::{Anaphor, DateExpr, DateRange, Part, Precision, Relative, Unit, WeekdayWhich};

/// A resolved range before its text is attached.
type Resolved = Option<(Date, Date, Precision)>;

/// How far back a year-less day is tried before giving up (February 29 needs up to 8).
const YEARS_BACK: i16 = 8;

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_months(n).ok()?).ok()
}

fn add_years(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_years(n).ok()?).ok()
}

fn sunday_offset(w: Weekday) -> i64 {
    i64::from(w.to_sunday_zero_offset())
}

/// The calendar week (Sunday to Saturday) containing `d`.
pub(crate) fn week_of(d: Date) -> Option<(Date, Date)> {
    let start = add_days(d, -sunday_offset(d.weekday()))?;
    Some((start, add_days(start, 6)?))
}

fn month_of(year: i16, month: i8) -> Option<(Date, Date)> {
    let first = Date::new(year, month, 1).ok()?;
    Some((first, first.last_of_month()))
}

fn year_of(year: i16) -> Option<(Date, Date)> {
    Some((Date::new(year, 1, 1).ok()?, Date::new(year, 12, 31).ok()?))
}

fn with(p: Precision) -> impl Fn((Date, Date)) -> (Date, Date, Precision) {
    move |(s, e)| (s, e, p)
}

fn day(d: Date) -> (Date, Date, Precision) {
    (d, d, Precision::Day)
}

/// A month, or its early (1–10), mid (11–20) or late (21–end) part.
fn month_part(year: i16, month: i8, part: Option<Part>) -> Resolved {
    let (first, last) = month_of(year, month)?;
    let Some(part) = part else {
        return Some((first, last, Precision::Month));
    };
    let (a, b) = match part {
        Part::Early => (1, 10),
        Part::Mid => (11, 20),
        Part::Late => (21, last.day()),
    };
    Some((
        Date::new(year, month, a).ok()?,
        Date::new(year, month, b).ok()?,
        Precision::Range,
    ))
}

/// A year, or its early (January–April), mid (May–August) or late (September–December) part.
fn year_part(year: i16, part: Option<Part>) -> Resolved {
    let Some(part) = part else {
        return year_of(year).map(with(Precision::Year));
    };
    let (a, b) = match part {
        Part::Early => (1, 4),
        Part::Mid => (5, 8),
        Part::Late => (9, 12),
    };
    Some((month_of(year, a)?.0, month_of(year, b)?.1, Precision::Range))
}

/// Resolve `expr`; `None` when it cannot be placed (invalid day, missing anchor, overflow).
pub(crate) fn resolve(expr: &DateExpr, p: Date, anchor: Option<&DateRange>) -> Resolved {
    match *expr {
        DateExpr::Day {
            year: Some(y),
            month,
            day: d,
        } => Date::new(y, month, d).ok().map(day),
        DateExpr::Day {
            year: None,
            month,
            day: d,
        } => (0..=YEARS_BACK)
            .filter_map(|back| p.year().checked_sub(back))
            .filter_map(|y| Date::new(y, month, d).ok())
            .find(|&date| date <= p)
            .map(day),
        DateExpr::Month {
            year: Some(y),
            month,
            part,
        } => month_part(y, month, part),
        DateExpr::Month {
            year: None,
            month,
            part,
        } => (0..=1)
            .filter_map(|back| p.year().checked_sub(back))
            .filter_map(|y| month_part(y, month, part))
            .find(|r| r.0 <= p),
        DateExpr::Year { year, part } => year_part(year, part),
        DateExpr::Weekday { weekday, which } => {
            let back = (sunday_offset(p.weekday()) - sunday_offset(weekday)).rem_euclid(7);
            let forward = (sunday_offset(weekday) - sunday_offset(p.weekday())).rem_euclid(7);
            let delta = match which {
                WeekdayWhich::OnOrBefore => -back,
                WeekdayWhich::Last if back == 0 => -7,
                WeekdayWhich::Last => -back,
                WeekdayWhich::Next if forward == 0 => 7,
                WeekdayWhich::Next => forward,
            };
            add_days(p, delta).map(day)
        }
        DateExpr::LastNamedMonth { month } => {
            let y = if month < p.month() {
                p.year()
            } else {
                p.year().checked_sub(1)?
            };
            month_part(y, month, None)
        }
        DateExpr::NextNamedMonth { month } => {
            let y = if month > p.month() {
                p.year()
            } else {
                p.year().checked_add(1)?
            };
            month_part(y, month, None)
        }
        DateExpr::Relative(r) => relative(r, p),
        DateExpr::Ago { count, unit } => {
            let n = -i64::from(count);
            match unit {
                Unit::Day => add_days(p, n).map(day),
                Unit::Week => week_of(add_days(p, 7 * n)?).map(with(Precision::Week)),
                Unit::Month => {
                    let d = add_months(p, n)?;
                    month_part(d.year(), d.month(), None)
                }
                Unit::Year => year_part(add_years(p, n)?.year(), None),
            }
        }
        DateExpr::Past { count, unit } => {
            let n = -i64::from(count);
            let start = match unit {
                Unit::Day => add_days(p, n)?,
                Unit::Week => add_days(p, 7 * n)?,
                Unit::Month => add_months(p, n)?,
                Unit::Year => add_years(p, n)?,
            };
            Some((start, p, Precision::Range))
        }
        DateExpr::Since(ref inner) => {
            let (start, _, _) = resolve(inner, p, None)?;
            (start <= p).then_some((start, p, Precision::Range))
        }
        DateExpr::Anaphoric(a) => {
            let anchor = anchor.filter(|r| r.precision != Precision::Document)?;
            anaphoric(a, p, anchor)
        }
    }
}

fn relative(r: Relative, p: Date) -> Resolved {
    let (ws, we) = week_of(p)?;
    Some(match r {
        Relative::Today => day(p),
        Relative::Yesterday => day(add_days(p, -1)?),
        Relative::Overnight => (add_days(p, -1)?, p, Precision::Range),
        Relative::ThisWeek => (ws, we, Precision::Week),
        Relative::LastWeek => (add_days(ws, -7)?, add_days(ws, -1)?, Precision::Week),
        Relative::NextWeek => (add_days(ws, 7)?, add_days(ws, 13)?, Precision::Week),
        Relative::EarlierThisWeek => (ws, p, Precision::Range),
        Relative::ThisMonth => month_part(p.year(), p.month(), None)?,
        Relative::LastMonth => {
            let d = add_months(p.first_of_month(), -1)?;
            month_part(d.year(), d.month(), None)?
        }
        Relative::NextMonth => {
            let d = add_months(p.first_of_month(), 1)?;
            month_part(d.year(), d.month(), None)?
        }
        Relative::EarlierThisMonth => (p.first_of_month(), p, Precision::Range),
        Relative::ThisYear => year_part(p.year(), None)?,
        Relative::LastYear => year_part(p.year().checked_sub(1)?, None)?,
        Relative::NextYear => year_part(p.year().checked_add(1)?, None)?,
        Relative::EarlierThisYear => (p.first_of_year(), p, Precision::Range),
        Relative::Weekend => {
            let back =
                (sunday_offset(p.weekday()) - sunday_offset(Weekday::Saturday)).rem_euclid(7);
            let saturday = add_days(p, -back)?;
            let sunday = add_days(saturday, 1)?;
            (saturday, sunday.min(p), Precision::Range)
        }
    })
}

fn anaphoric(a: Anaphor, p: Date, anchor: &DateRange) -> Resolved {
    match a {
        Anaphor::Same => Some((anchor.start, anchor.end, anchor.precision)),
        Anaphor::Since => (anchor.end <= p).then_some((anchor.end, p, Precision::Range)),
        Anaphor::Offset { count, unit } => {
            let base = if count > 0 { anchor.end } else { anchor.start };
            let n = i64::from(count);
            match unit {
                Unit::Day => add_days(base, n).map(day),
                Unit::Week => week_of(add_days(base, 7 * n)?).map(with(Precision::Week)),
                Unit::Month => {
                    let d = add_months(base, n)?;
                    month_part(d.year(), d.month(), None)
                }
                Unit::Year => year_part(add_years(base, n)?.year(), None),
            }
        }
    }
}
