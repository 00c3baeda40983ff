//! The types: what an expression means before resolution ([`DateExpr`]), where it was found
//! ([`DateMention`]) and what it resolves to ([`DateRange`], [`Precision`]).

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

/// How exact a resolved date is: the `precision` strings of the event record (CONTRACT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A single calendar day; `start == end`.
    Day,
    /// A calendar week, Sunday to Saturday.
    Week,
    /// A calendar month, first to last day.
    Month,
    /// A calendar year, January 1 to December 31.
    Year,
    /// Any other span of days ("since January", "earlier this month", "overnight").
    Range,
    /// No expression was found and the publication date stands in. Never produced by
    /// [`crate::DateResolver::resolve`]; see [`DateRange::document`].
    Document,
}

impl Precision {
    /// The record's string: `"day"`, `"week"`, `"month"`, `"year"`, `"range"` or `"document"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Range => "range",
            Precision::Document => "document",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the record's precision names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown date precision {0:?} (expected day, week, month, year, range or document)")]
pub struct UnknownPrecision(pub String);

impl FromStr for Precision {
    type Err = UnknownPrecision;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "day" => Precision::Day,
            "week" => Precision::Week,
            "month" => Precision::Month,
            "year" => Precision::Year,
            "range" => Precision::Range,
            "document" => Precision::Document,
            other => return Err(UnknownPrecision(other.to_string())),
        })
    }
}

/// A resolved date: an inclusive range of calendar days with its precision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// First day of the range.
    pub start: Date,
    /// Last day of the range (inclusive); never before `start`.
    pub end: Date,
    /// How exact the range is.
    pub precision: Precision,
    /// The expression's words (empty for [`Precision::Document`], written as `null`).
    pub text: String,
}

impl DateRange {
    /// The stand-in for a sentence without a date expression: the publication date with
    /// precision [`Precision::Document`] and no text.
    pub fn document(publication: Date) -> DateRange {
        DateRange {
            start: publication,
            end: publication,
            precision: Precision::Document,
            text: String::new(),
        }
    }

    /// Whether `date` lies within the range.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Units of counted expressions ("two days ago", "three weeks later").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Days.
    Day,
    /// Calendar weeks (Sunday to Saturday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Part of a month or year: "early February", "mid-January", "late 2023".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Days 1–10 of a month; January–April of a year.
    Early,
    /// Days 11–20 of a month; May–August of a year.
    Mid,
    /// Day 21 to the month's end; September–December of a year.
    Late,
}

/// Which occurrence of a named weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WeekdayWhich {
    /// "Sunday", "on Sunday": the most recent such day on or before the publication date.
    OnOrBefore,
    /// "last Sunday": the most recent such day strictly before the publication date.
    Last,
    /// "next Sunday": the first such day strictly after the publication date.
    Next,
}

/// Expressions relative to the publication date P with a fixed wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relative {
    /// "today", "tonight", "this morning": P.
    Today,
    /// "yesterday", "last night": P − 1.
    Yesterday,
    /// "overnight": P − 1 .. P.
    Overnight,
    /// "this week": P's calendar week.
    ThisWeek,
    /// "last week": the calendar week before P's.
    LastWeek,
    /// "next week": the calendar week after P's.
    NextWeek,
    /// "earlier this week": the first day of P's week .. P.
    EarlierThisWeek,
    /// "this month": P's month.
    ThisMonth,
    /// "last month": the month before P's.
    LastMonth,
    /// "next month": the month after P's.
    NextMonth,
    /// "earlier this month": the first of P's month .. P.
    EarlierThisMonth,
    /// "this year": P's year.
    ThisYear,
    /// "last year": the year before P's.
    LastYear,
    /// "next year": the year after P's.
    NextYear,
    /// "earlier this year": January 1 of P's year .. P.
    EarlierThisYear,
    /// "over the weekend": the most recent Saturday on or before P .. the Sunday after it,
    /// cut at P.
    Weekend,
}

/// Expressions relative to the date of a previously mentioned event (the anchor A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anaphor {
    /// "the next day" (+1 day), "two days later" (+2 days), "the day before" (−1 day),
    /// "the following week" (+1 week). Forward offsets count from A's end, backward ones
    /// from A's start.
    Offset {
        /// Signed count of units.
        count: i32,
        /// The unit.
        unit: Unit,
    },
    /// "the same day", "later that day": A itself.
    Same,
    /// "since then", "in the weeks since": A's end .. P.
    Since,
}

/// The meaning of a date expression before it is anchored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateExpr {
    /// A calendar day: "2024-01-27", "Jan. 27", "27 January 2024", "January 27, 2024".
    Day {
        /// The year when the text gives one.
        year: Option<i16>,
        /// Month, 1–12.
        month: i8,
        /// Day of the month, 1–31 (checked against the month on resolution).
        day: i8,
    },
    /// A month or part of one: "in August", "August 2023", "mid-January".
    Month {
        /// The year when the text gives one.
        year: Option<i16>,
        /// Month, 1–12.
        month: i8,
        /// Early, mid or late, when said.
        part: Option<Part>,
    },
    /// A year or part of one: "in 2023", "late 2023".
    Year {
        /// The year.
        year: i16,
        /// Early, mid or late, when said.
        part: Option<Part>,
    },
    /// A named weekday: "Sunday", "last Tuesday".
    Weekday {
        /// The day of the week.
        weekday: Weekday,
        /// Which occurrence.
        which: WeekdayWhich,
    },
    /// "last August": the most recent August before P's month.
    LastNamedMonth {
        /// Month, 1–12.
        month: i8,
    },
    /// "next March": the first March after P's month.
    NextNamedMonth {
        /// Month, 1–12.
        month: i8,
    },
    /// A fixed phrase relative to P ("yesterday", "last week").
    Relative(Relative),
    /// "two days ago", "three weeks ago".
    Ago {
        /// How many units.
        count: u32,
        /// The unit.
        unit: Unit,
    },
    /// "the past two weeks", "the last three days": P minus the span .. P.
    Past {
        /// How many units.
        count: u32,
        /// The unit.
        unit: Unit,
    },
    /// "since January", "since Jan. 27", "in the weeks since Jan. 27": the inner
    /// expression's start .. P.
    Since(Box<DateExpr>),
    /// Relative to the previous event's date.
    Anaphoric(Anaphor),
}

impl DateExpr {
    /// Whether the expression needs the previous event's date to resolve.
    pub fn is_anaphoric(&self) -> bool {
        match self {
            DateExpr::Anaphoric(_) => true,
            DateExpr::Since(inner) => inner.is_anaphoric(),
            _ => false,
        }
    }
}

/// A date expression found in a sentence's tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Index of the first token.
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// The tokens joined for reading (no space before `,` `.` `'s`, none around `-`).
    /// For the exact text, take the byte spans of tokens `start..end`.
    pub text: String,
    /// What the expression means, unresolved.
    pub expr: DateExpr,
}

impl DateMention {
    /// Whether the mention needs the previous event's date to resolve.
    pub fn is_anaphoric(&self) -> bool {
        self.expr.is_anaphoric()
    }
}
