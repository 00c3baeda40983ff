//! The de-duplication rule: when two event mentions report the same event.
//!
//! A mention joins an existing event cluster when it is compatible with the cluster's *seed*
//! (the cluster's first mention; for the place, the cluster's place) on all four counts; otherwise it starts a new cluster. The
//! rule, in full:
//!
//! 1. **Same root family.** The CAMEO roots are equal, except that 18 (assault), 19 (fight)
//!    and 20 (unconventional mass violence) form one family: reports of one attack call it a
//!    strike, an assault or a bombing.
//! 2. **Compatible source and target.** An actor code is read as COUNTRY + ROLES (the first
//!    three letters are a country unless they are one of the non-country codes of
//!    `data/non_country_codes.txt`). Two codes *conflict* when both have a country and the
//!    countries differ, or both have roles and neither role string is a prefix of the other;
//!    they *match* when they do not conflict and share a country or a role; otherwise (one is
//!    missing, or they agree only by what each lacks, as `REB` and `USA`) they are *unknown*.
//!    Source and target must each not conflict, and at least one of the two must match.
//! 3. **Overlapping dates.** Each mention's date is a range `[start, end]`; a date of
//!    precision `document` (no date expression: the publication date stands in) is read as
//!    "on or up to 3 days before publication", `[date − 3 days, date]`. The ranges must
//!    overlap. Within one document, a mention dated only by the document is compatible with
//!    any date of that document (the article refers back to what it reported); two undated
//!    mentions are compatible only within one document.
//! 4. **Compatible place.** When both the mention and the cluster have a place (the cluster's
//!    is the place of its first mention that had one), the countries are equal, and the admin1
//!    divisions too when the mention and the seed both have one.
//!
//! Among the compatible clusters the one with the lowest id (the oldest) is chosen, so the
//! result is deterministic for a given order of ingestion. Every mention is kept, with its
//! document and sentence, and the cluster counts its mentions, distinct documents and distinct
//! sources (a document's source is its `source` field, else its URL's host, else the document
//! itself). This module holds the pure rule; it must never read or write the database.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Days before publication that an event dated only by its document may have happened.
pub const DOCUMENT_DATE_SLACK_DAYS: i64 = 3;

/// The root family of a CAMEO root (rule 1).
pub fn family(root: &str) -> &str {
    match root {
        "18" | "19" | "20" => "18-20",
        r => r,
    }
}

fn non_country_codes() -> &'static HashSet<&'static str> {
    static CODES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CODES.get_or_init(|| {
        include_str!("../data/non_country_codes.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Split an actor code into its country (if it opens with one) and its roles.
pub fn split_actor(code: &str) -> (Option<&str>, &str) {
    match code.get(..3) {
        Some(head) if code.is_char_boundary(3) && !non_country_codes().contains(head) => {
            (Some(head), &code[3..])
        }
        _ => (None, code),
    }
}

/// The country an actor code opens with, or "" (used to narrow the cluster candidates).
pub fn country_key(code: Option<&str>) -> &str {
    code.and_then(|c| split_actor(c).0).unwrap_or("")
}

/// How two actor codes relate (rule 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorFit {
    /// Different actors.
    Conflict,
    /// Not known to differ, not known to agree.
    Unknown,
    /// The same actor, possibly at different specificity.
    Match,
}

/// Compare two actor codes (rule 2).
pub fn actor_fit(a: Option<&str>, b: Option<&str>) -> ActorFit {
    let (Some(a), Some(b)) = (a, b) else {
        return ActorFit::Unknown;
    };
    let (ca, ra) = split_actor(a);
    let (cb, rb) = split_actor(b);
    let mut shared = false;
    if let (Some(ca), Some(cb)) = (ca, cb) {
        if ca != cb {
            return ActorFit::Conflict;
        }
        shared = true;
    }
    if !ra.is_empty() && !rb.is_empty() {
        if !(ra.starts_with(rb) || rb.starts_with(ra)) {
            return ActorFit::Conflict;
        }
        shared = true;
    }
    if shared {
        ActorFit::Match
    } else {
        ActorFit::Unknown
    }
}

/// The facts of a mention (or a cluster's seed) that the rule compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    /// CAMEO root.
    pub root: &'a str,
    /// Source actor code.
    pub source: Option<&'a str>,
    /// Target actor code.
    pub target: Option<&'a str>,
    /// Date range start (YYYY-MM-DD).
    pub start: Option<&'a str>,
    /// Date range end.
    pub end: Option<&'a str>,
    /// Date precision ("document" when the publication date stands in).
    pub precision: &'a str,
    /// Place country.
    pub country: Option<&'a str>,
    /// Place admin1.
    pub admin1: Option<&'a str>,
    /// The document (any value identifying it within the store).
    pub doc: i64,
}

/// The date range a mention may have happened in (rule 3), as (lo, hi); `None` if undated.
pub fn window(start: Option<&str>, end: Option<&str>, precision: &str) -> Option<(String, String)> {
    let start = start?;
    let end = end.unwrap_or(start);
    let lo = if precision == "document" {
        start
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| {
                d.checked_sub(jiff::Span::new().days(DOCUMENT_DATE_SLACK_DAYS))
                    .ok()
            })
            .map_or_else(|| start.to_string(), |d| d.to_string())
    } else {
        start.to_string()
    };
    Some((lo, end.max(start).to_string()))
}

/// Rule 3.
pub fn dates_fit(a: &Facts<'_>, b: &Facts<'_>) -> bool {
    let same_doc = a.doc == b.doc;
    if same_doc && (a.precision == "document" || b.precision == "document") {
        return true;
    }
    match (
        window(a.start, a.end, a.precision),
        window(b.start, b.end, b.precision),
    ) {
        (Some((alo, ahi)), Some((blo, bhi))) => alo <= bhi && blo <= ahi,
        (None, None) => same_doc,
        _ => false,
    }
}

/// Rule 4.
pub fn places_fit(a: &Facts<'_>, b: &Facts<'_>) -> bool {
    match (a.country, b.country) {
        (Some(ca), Some(cb)) => {
            ca == cb
                && match (a.admin1, b.admin1) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                }
        }
        _ => true,
    }
}

/// The whole rule: does mention `m` report the same event as the seed `s`?
pub fn same_event(m: &Facts<'_>, s: &Facts<'_>) -> bool {
    if family(m.root) != family(s.root) {
        return false;
    }
    let fs = actor_fit(m.source, s.source);
    let ft = actor_fit(m.target, s.target);
    if fs == ActorFit::Conflict || ft == ActorFit::Conflict {
        return false;
    }
    if fs != ActorFit::Match && ft != ActorFit::Match {
        return false;
    }
    dates_fit(m, s) && places_fit(m, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes() {
        assert_eq!(actor_fit(Some("USA"), Some("USAMIL")), ActorFit::Match);
        assert_eq!(actor_fit(Some("REB"), Some("IRQREB")), ActorFit::Match);
        assert_eq!(actor_fit(Some("REB"), Some("USA")), ActorFit::Unknown);
        assert_eq!(actor_fit(Some("USA"), Some("IRQ")), ActorFit::Conflict);
        assert_eq!(
            actor_fit(Some("IRQGOV"), Some("IRQMIL")),
            ActorFit::Conflict
        );
        assert_eq!(actor_fit(None, Some("IRQ")), ActorFit::Unknown);
        assert_eq!(actor_fit(Some("IGOUNO"), Some("IGO")), ActorFit::Match);
    }

    #[test]
    fn document_dates_widen() {
        assert_eq!(
            window(Some("2024-03-02"), Some("2024-03-02"), "document"),
            Some(("2024-02-28".to_string(), "2024-03-02".to_string()))
        );
        assert_eq!(
            window(Some("2024-03-02"), None, "day"),
            Some(("2024-03-02".to_string(), "2024-03-02".to_string()))
        );
    }
}
