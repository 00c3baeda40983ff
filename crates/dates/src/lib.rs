//! Date resolution for dyad: finds date expressions in a sentence's UD-EWT tokens ("Jan. 27",
//! "last week", "the next day") and resolves each to an inclusive range of calendar days
//! with a precision, anchored on the publication date or, for anaphoric expressions, on the
//! date of the event mentioned before. It must never invent a date: a vague word
//! ("recently"), a name that looks like a date ("Sunday Times", "Iraq may send"), or an
//! anaphor without an anchor gives nothing rather than the publication date; a year-less
//! date never lands after publication; and it never panics on input or does I/O (the word
//! tables are compiled in from `data/*.toml`).
//!
//! ```
//! use dyad_dates::{DateResolver, Precision};
//! use jiff::civil::date;
//!
//! let resolver = DateResolver::bundled();
//! let published = date(2024, 2, 11); // a Sunday
//! let tokens = ["Talks", "took", "place", "Jan.", "27", "."];
//! let mentions = resolver.find(&tokens);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!((mentions[0].start, mentions[0].end), (3, 5));
//! let talks = resolver.resolve(&mentions[0], published, None).expect("a date");
//! assert_eq!((talks.start, talks.end), (date(2024, 1, 27), date(2024, 1, 27)));
//! assert_eq!(talks.precision.as_str(), "day");
//!
//! let tokens = ["Fighting", "resumed", "the", "very", "next", "day", "."];
//! let next = &resolver.find(&tokens)[0];
//! assert!(next.is_anaphoric());
//! assert_eq!(resolver.resolve(next, published, None), None);
//! let day = resolver.resolve(next, published, Some(&talks)).expect("anchored");
//! assert_eq!((day.start, day.precision), (date(2024, 1, 28), Precision::Day));
//! ```
//!
//! # Decisions
//!
//! - **Weeks start on Sunday** (US news convention). "last week" is the Sunday-to-Saturday
//!   week before the publication date's; "this week" is the publication date's whole week
//!   (it may reach past publication: "will meet this week").
//! - **Weekday names** ("Sunday", "on Tuesday") are the most recent such day on or before
//!   publication, publication itself if it is that weekday. "last Tuesday" is the most
//!   recent one strictly before; "next Tuesday" the first strictly after. The tense of the
//!   verb is not consulted (a known gap: "will meet Tuesday" goes back, not forward).
//! - **"overnight"** is the range P−1..P (the night straddles two dates); "last night" is
//!   P−1 and "tonight"/"this morning" are P (precision day).
//! - **early / mid / late** give a sub-range with precision `range`: days 1–10, 11–20 and
//!   21–end of a month; January–April, May–August, September–December of a year.
//!   "the beginning/start of" is early, "the middle of" mid, "the end of" late.
//! - **Year-less dates** ("Jan. 27", "in August", "late February") take the most recent
//!   year whose range *starts* on or before publication; a month can still end after it.
//!   "last August" is the most recent August strictly before publication's month.
//! - **Counted expressions** resolve at the precision of their unit: "two days ago" is a
//!   day, "three weeks ago" the calendar week containing P−21, "two months ago" a calendar
//!   month, "a year ago" a calendar year; "the past two weeks" is the range P−14..P.
//! - **Anaphora** count forward from the anchor's end and backward from its start: "the
//!   next day" is A.end+1, "the day before" A.start−1, "the following week" the calendar
//!   week after A.end's; "since then"/"in the weeks since" are A.end..P; "the same day" is
//!   A. An anchor with precision `document` counts as no anchor.
//! - **Spans** cover the date words only, not a leading "on"/"in" ("on Tuesday" → "Tuesday"),
//!   but do cover words that change the meaning ("last", "since", "in the weeks since",
//!   "late Sunday", "Sunday night").
//! - **Not dates:** "recently", "lately", decades ("the 1990s" — skipped, an event's date
//!   is never a decade in practice), numeric dates other than ISO ("01/27/2024", ambiguous
//!   between US and European order), bare years without a trigger word ("Section 2024",
//!   "the 2023 election"), bare months without one ("January saw…"), holiday names
//!   ("Bloody Sunday", "Good Friday").

mod expr;
mod find;
mod resolve;
mod tables;

use std::sync::OnceLock;

pub use expr::{
    Anaphor, DateExpr, DateMention, DateRange, Part, Precision, Relative, Unit, UnknownPrecision,
    WeekdayWhich,
};
pub use jiff::civil::{Date, Weekday};
pub use tables::{DataError, BUNDLED_CALENDAR, BUNDLED_NUMBERS, BUNDLED_RELATIVE};

/// Finds and resolves date expressions; holds the word tables.
#[derive(Debug, Clone)]
pub struct DateResolver {
    tables: tables::Tables,
}

impl DateResolver {
    /// The resolver over the bundled tables, parsed on first use and shared afterwards.
    ///
    /// # Panics
    ///
    /// Only if the bundled data files are invalid, which the crate's tests rule out.
    pub fn bundled() -> &'static DateResolver {
        static RESOLVER: OnceLock<DateResolver> = OnceLock::new();
        RESOLVER.get_or_init(|| match DateResolver::load_bundled() {
            Ok(r) => r,
            Err(err) => panic!("bundled date tables are invalid: {err}"),
        })
    }

    /// Parse the bundled tables into a new resolver.
    pub fn load_bundled() -> Result<DateResolver, DataError> {
        DateResolver::from_toml(BUNDLED_CALENDAR, BUNDLED_NUMBERS, BUNDLED_RELATIVE)
    }

    /// A resolver over tables given as TOML text in the layout of the bundled
    /// `calendar.toml`, `numbers.toml` and `relative.toml`.
    pub fn from_toml(
        calendar: &str,
        numbers: &str,
        relative: &str,
    ) -> Result<DateResolver, DataError> {
        Ok(DateResolver {
            tables: tables::Tables::load(calendar, numbers, relative)?,
        })
    }

    /// The date expressions among a sentence's tokens, in order and never overlapping.
    /// Detection only: nothing is anchored yet.
    pub fn find(&self, tokens: &[&str]) -> Vec<DateMention> {
        find::find(&self.tables, tokens)
    }

    /// The range a mention stands for, given the publication date and, for anaphoric
    /// mentions, the previous event's date. `None` when it cannot be placed: an anaphor
    /// without anchor, a day that does not exist ("Feb. 30, 2024"), a "since" whose start
    /// lies after publication.
    pub fn resolve(
        &self,
        mention: &DateMention,
        publication: Date,
        anchor: Option<&DateRange>,
    ) -> Option<DateRange> {
        let (start, end, precision) = resolve::resolve(&mention.expr, publication, anchor)?;
        Some(DateRange {
            start,
            end,
            precision,
            text: mention.text.clone(),
        })
    }

    /// Every mention with its resolution (or `None`), each anaphor anchored on `anchor`.
    pub fn find_resolved(
        &self,
        tokens: &[&str],
        publication: Date,
        anchor: Option<&DateRange>,
    ) -> Vec<(DateMention, Option<DateRange>)> {
        self.find(tokens)
            .into_iter()
            .map(|m| {
                let r = self.resolve(&m, publication, anchor);
                (m, r)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
