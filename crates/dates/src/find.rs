//! Detection: a left-to-right scan over a sentence's tokens that takes, at each position,
//! the longest expression any matcher accepts, and moves past it.
//!
//! Every matcher is precision-first: a month or weekday name must be capitalized, a bare
//! month or year needs a trigger word before it, phrases ending in a preposition must end
//! the clause. When in doubt, nothing is matched.

use jiff::civil::{Date, Weekday};

use crate::expr::{Anaphor, DateExpr, DateMention, Part, Relative, Unit, WeekdayWhich};
use crate::tables::{MonthName, Tables};

/// Years accepted next to a month or day ("August 2023", "Jan. 27, 2024").
const YEAR_WITH_MONTH: (i16, i16) = (1800, 2199);
/// Years accepted on their own after a trigger word ("in 2023").
const YEAR_ALONE: (i16, i16) = (1900, 2099);

/// The mentions in `tokens`, in order, never overlapping.
pub(crate) fn find(tables: &Tables, tokens: &[&str]) -> Vec<DateMention> {
    let cx = Cx {
        t: tables,
        tok: tokens,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match cx.match_at(i, true) {
            Some((end, expr)) if end > i => {
                out.push(DateMention {
                    start: i,
                    end,
                    text: join(&tokens[i..end]),
                    expr,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Tokens joined for reading: no space before closing punctuation and `'s`, none around `-`.
pub(crate) fn join(tokens: &[&str]) -> String {
    let mut s = String::new();
    let mut prev: Option<&str> = None;
    for &tok in tokens {
        let glue = matches!(
            tok,
            "," | "." | ";" | ":" | "'s" | "\u{2019}s" | ")" | "!" | "?" | "-"
        ) || prev == Some("-")
            || prev == Some("(");
        if prev.is_some() && !glue {
            s.push(' ');
        }
        s.push_str(tok);
        prev = Some(tok);
    }
    s
}

type Found = Option<(usize, DateExpr)>;

struct Cx<'a> {
    t: &'a Tables,
    tok: &'a [&'a str],
}

fn starts_upper(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

/// `tok` is `word` (lowercase) with its first letter capitalized.
fn capitalized_eq(tok: &str, word: &str) -> bool {
    let mut t = tok.chars();
    let mut w = word.chars();
    match (t.next(), w.next()) {
        (Some(a), Some(b)) => {
            a.is_uppercase() && a.to_lowercase().eq(b.to_lowercase()) && t.as_str() == w.as_str()
        }
        _ => false,
    }
}

/// "27", "1st", "22nd", "3rd", "27th" as a day of the month.
fn parse_day(tok: &str) -> Option<(i8, bool)> {
    let digits_end = tok.find(|c: char| !c.is_ascii_digit()).unwrap_or(tok.len());
    let (digits, suffix) = tok.split_at(digits_end);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let ordinal = match suffix.to_ascii_lowercase().as_str() {
        "" => false,
        "st" | "nd" | "rd" | "th" => true,
        _ => return None,
    };
    let n: i8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some((n, ordinal))
}

/// A four-digit year within `range`.
fn parse_year(tok: &str, range: (i16, i16)) -> Option<i16> {
    if tok.len() != 4 || !tok.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i16 = tok.parse().ok()?;
    (range.0..=range.1).contains(&y).then_some(y)
}

/// "2024-01-27", a valid calendar day.
fn parse_iso(tok: &str) -> Option<(i16, i8, i8)> {
    let b = tok.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = parse_year(tok.get(0..4)?, YEAR_WITH_MONTH)?;
    let two = |s: &str| -> Option<i8> {
        if s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let m = two(tok.get(5..7)?)?;
    let d = two(tok.get(8..10)?)?;
    Date::new(y, m, d).ok()?;
    Some((y, m, d))
}

fn longest(candidates: impl IntoIterator<Item = Found>) -> Found {
    let mut best: Found = None;
    for c in candidates.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| c.0 > b.0) {
            best = Some(c);
        }
    }
    best
}

impl<'a> Cx<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        self.tok.get(i).copied()
    }

    fn lower(&self, i: usize) -> Option<String> {
        self.get(i).map(str::to_lowercase)
    }

    fn prev_lower(&self, i: usize) -> Option<String> {
        i.checked_sub(1).and_then(|j| self.lower(j))
    }

    /// Whether token `i` starts a sentence or a quotation, where a capital is no evidence
    /// of a name.
    fn initial(&self, i: usize) -> bool {
        i == 0
            || matches!(
                self.get(i - 1),
                Some(
                    "\"" | "\u{201c}"
                        | "\u{2018}"
                        | "'"
                        | "``"
                        | "("
                        | "["
                        | "--"
                        | "-"
                        | "\u{2014}"
                        | "\u{2013}"
                        | ":"
                )
            )
    }

    /// Token `i` is the lowercase `word`, capitalized only at the start of a sentence.
    fn is_word(&self, i: usize, word: &str) -> bool {
        self.get(i)
            .is_some_and(|tok| tok == word || (self.initial(i) && capitalized_eq(tok, word)))
    }

    /// Tokens from `i` are `words`; only the first may be capitalized (sentence-initially).
    fn words_at(&self, i: usize, words: &[String]) -> bool {
        words.iter().enumerate().all(|(k, w)| {
            if k == 0 {
                self.is_word(i, w)
            } else {
                self.get(i + k) == Some(w.as_str())
            }
        })
    }

    /// The sentence ends at `i`, or token `i` is punctuation.
    fn punct_or_end(&self, i: usize) -> bool {
        self.get(i)
            .is_none_or(|tok| !tok.chars().any(char::is_alphanumeric))
    }

    fn month_at(&self, i: usize) -> Option<MonthName> {
        let tok = self.get(i)?;
        if !starts_upper(tok) {
            return None;
        }
        self.t.months.get(&tok.to_lowercase()).copied()
    }

    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        let tok = self.get(i)?;
        if !starts_upper(tok) {
            return None;
        }
        self.t.weekdays.get(&tok.to_lowercase()).copied()
    }

    fn day_at(&self, i: usize) -> Option<(i8, bool)> {
        parse_day(self.get(i)?)
    }

    fn year_at(&self, i: usize, range: (i16, i16)) -> Option<i16> {
        parse_year(self.get(i)?, range)
    }

    /// The longest expression starting at `i`. `outer` allows "since X" and phrases that
    /// take a date after them; it is off for the X itself.
    fn match_at(&self, i: usize, outer: bool) -> Found {
        let mut c = vec![
            self.iso(i),
            self.day_led(i),
            self.month_led(i),
            self.part(i),
            self.phrase(i, outer),
            self.last_next(i),
            self.past(i),
            self.counted(i),
            self.weekday(i),
            self.year_alone(i),
        ];
        if outer {
            c.push(self.since(i));
        }
        longest(c)
    }

    /// "2024-01-27".
    fn iso(&self, i: usize) -> Found {
        let (year, month, day) = parse_iso(self.get(i)?)?;
        Some((
            i + 1,
            DateExpr::Day {
                year: Some(year),
                month,
                day,
            },
        ))
    }

    /// "Jan. 27", "January 27, 2024", "August 2023", "in August".
    fn month_led(&self, i: usize) -> Found {
        let m = self.month_at(i)?;
        if let Some((day, _)) = self.day_at(i + 1) {
            let (year, end) = if self.get(i + 2) == Some(",") {
                match self.year_at(i + 3, YEAR_WITH_MONTH) {
                    Some(y) => (Some(y), i + 4),
                    None => (None, i + 2),
                }
            } else {
                match self.year_at(i + 2, YEAR_WITH_MONTH) {
                    Some(y) => (Some(y), i + 3),
                    None => (None, i + 2),
                }
            };
            return Some((
                end,
                DateExpr::Day {
                    year,
                    month: m.number,
                    day,
                },
            ));
        }
        if let Some(y) = self.year_at(i + 1, YEAR_WITH_MONTH) {
            return Some((
                i + 2,
                DateExpr::Month {
                    year: Some(y),
                    month: m.number,
                    part: None,
                },
            ));
        }
        let prev = self.prev_lower(i)?;
        let triggered = if m.ambiguous {
            self.t.ambiguous_month_triggers.contains(&prev)
        } else {
            self.t.month_triggers.contains(&prev)
        };
        if triggered && self.bare_month_followed_well(i, m) {
            return Some((
                i + 1,
                DateExpr::Month {
                    year: None,
                    month: m.number,
                    part: None,
                },
            ));
        }
        None
    }

    /// What follows a month without day or year: not a capitalized word ("by June Smith"),
    /// not a possessive; for "May"/"March", punctuation or an innocent function word.
    fn bare_month_followed_well(&self, i: usize, m: MonthName) -> bool {
        let Some(next) = self.get(i + 1) else {
            return true;
        };
        if starts_upper(next) || matches!(next, "'s" | "\u{2019}s" | "'") {
            return false;
        }
        !m.ambiguous
            || self.punct_or_end(i + 1)
            || self
                .t
                .ambiguous_month_followers
                .contains(&next.to_lowercase())
    }

    /// "27 January 2024", "27 Jan.", "the 27th of January".
    fn day_led(&self, i: usize) -> Found {
        let (day, ordinal) = self.day_at(i)?;
        let month_idx = if self.month_at(i + 1).is_some() {
            i + 1
        } else if ordinal && self.get(i + 1) == Some("of") && self.month_at(i + 2).is_some() {
            i + 2
        } else {
            return None;
        };
        let m = self.month_at(month_idx)?;
        let (year, end) = match self.year_at(month_idx + 1, YEAR_WITH_MONTH) {
            Some(y) => (Some(y), month_idx + 2),
            None => (None, month_idx + 1),
        };
        Some((
            end,
            DateExpr::Day {
                year,
                month: m.number,
                day,
            },
        ))
    }

    /// "in 2023", "since 2020": a bare year after a trigger word.
    fn year_alone(&self, i: usize) -> Found {
        let year = self.year_at(i, YEAR_ALONE)?;
        let prev = self.prev_lower(i)?;
        if !self.t.year_triggers.contains(&prev) {
            return None;
        }
        if matches!(self.lower(i + 1).as_deref(), Some("%" | "percent")) {
            return None;
        }
        Some((i + 1, DateExpr::Year { year, part: None }))
    }

    /// "early February", "mid-January", "mid - January", "the end of March", "late 2023".
    fn part(&self, i: usize) -> Found {
        // One token: "mid-January", "mid-2023".
        if let Some((pre, rest)) = self.get(i).and_then(|t| t.split_once('-')) {
            let pre_ok = |w: &String| pre == w || (self.initial(i) && capitalized_eq(pre, w));
            let part = self
                .t
                .parts
                .iter()
                .find(|(words, _)| words.len() == 1 && words.first().is_some_and(pre_ok))
                .map(|(_, p)| *p);
            if let Some(part) = part {
                if let Some(year) = parse_year(rest, YEAR_WITH_MONTH) {
                    return Some((
                        i + 1,
                        DateExpr::Year {
                            year,
                            part: Some(part),
                        },
                    ));
                }
                if starts_upper(rest) {
                    if let Some(m) = self.t.months.get(&rest.to_lowercase()) {
                        return self.part_month(i + 1, m.number, part);
                    }
                }
            }
        }
        let mut best: Found = None;
        for (words, part) in &self.t.parts {
            if !self.words_at(i, words) {
                continue;
            }
            let mut j = i + words.len();
            if words.len() == 1 && self.get(j) == Some("-") {
                j += 1;
            }
            let found = if let Some(m) = self.month_at(j) {
                let year = self.year_at(j + 1, YEAR_WITH_MONTH);
                if year.is_none() && self.get(j + 1).is_some_and(starts_upper) {
                    None
                } else {
                    self.part_month(j + 1, m.number, *part)
                }
            } else {
                self.year_at(j, YEAR_WITH_MONTH).map(|year| {
                    (
                        j + 1,
                        DateExpr::Year {
                            year,
                            part: Some(*part),
                        },
                    )
                })
            };
            best = longest([best, found]);
        }
        best
    }

    /// A part of month whose month ends before `j`; takes a year at `j` if there is one.
    fn part_month(&self, j: usize, month: i8, part: Part) -> Found {
        let (year, end) = match self.year_at(j, YEAR_WITH_MONTH) {
            Some(y) => (Some(y), j + 1),
            None => (None, j),
        };
        Some((
            end,
            DateExpr::Month {
                year,
                month,
                part: Some(part),
            },
        ))
    }

    /// The end of a weekday at `j`: a following part of day ("Sunday night") is taken in.
    fn weekday_end(&self, j: usize) -> usize {
        match self.get(j + 1) {
            Some(next) if self.t.day_parts.contains(next) => j + 2,
            _ => j + 1,
        }
    }

    /// Whether the word after a weekday at `j` makes it a name ("Sunday Times").
    fn weekday_named_thing(&self, j: usize) -> bool {
        self.get(j + 1)
            .is_some_and(|next| starts_upper(next) && self.month_at(j + 1).is_none())
    }

    /// "Sunday", "late Sunday", "Sunday night".
    fn weekday(&self, i: usize) -> Found {
        let j = match self.lower(i) {
            Some(w)
                if self.t.weekday_modifiers.contains(&w)
                    && self.is_word(i, &w)
                    && self.weekday_at(i + 1).is_some() =>
            {
                i + 1
            }
            _ => i,
        };
        let weekday = self.weekday_at(j)?;
        if j == i && i > 0 {
            let prev = self.get(i - 1)?;
            let low = prev.to_lowercase();
            if (starts_upper(prev) && self.t.weekday_blockers.contains(&low))
                || ((prev == low || self.initial(i - 1)) && self.t.weekday_not_after.contains(&low))
            {
                return None;
            }
        }
        if self.weekday_named_thing(j) {
            return None;
        }
        let end = self.weekday_end(j);
        // "Sunday, Feb. 4": the explicit day wins over the weekday.
        let date_at = if self.get(end) == Some(",") {
            end + 1
        } else {
            end
        };
        if let Some(found @ (_, DateExpr::Day { .. })) =
            longest([self.month_led(date_at), self.day_led(date_at)])
        {
            return Some(found);
        }
        Some((
            end,
            DateExpr::Weekday {
                weekday,
                which: WeekdayWhich::OnOrBefore,
            },
        ))
    }

    /// "last August", "next March", "last Tuesday", "next Sunday".
    fn last_next(&self, i: usize) -> Found {
        let next = if self.is_word(i, "last") {
            false
        } else if self.is_word(i, "next") {
            true
        } else {
            return None;
        };
        // "the last Sunday of the month" is not last Sunday.
        if self.prev_lower(i).as_deref() == Some("the") {
            return None;
        }
        if let Some(m) = self.month_at(i + 1) {
            if self.get(i + 2).is_some_and(starts_upper) {
                return None;
            }
            let month = m.number;
            let expr = if next {
                DateExpr::NextNamedMonth { month }
            } else {
                DateExpr::LastNamedMonth { month }
            };
            return Some((i + 2, expr));
        }
        let weekday = self.weekday_at(i + 1)?;
        if self.weekday_named_thing(i + 1) {
            return None;
        }
        let which = if next {
            WeekdayWhich::Next
        } else {
            WeekdayWhich::Last
        };
        Some((
            self.weekday_end(i + 1),
            DateExpr::Weekday { weekday, which },
        ))
    }

    /// A count at `i`: digits, a number word ("two", "twenty - one") or an article.
    /// Returns the count, the next index and whether it was an article.
    fn count_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        let tok = self.get(i)?;
        if !self.initial(i) && starts_upper(tok) {
            return None;
        }
        let low = tok.to_lowercase();
        if self.t.articles.contains(&low) {
            return Some((1, i + 1, true));
        }
        if self.get(i + 1) == Some("-") {
            if let Some(second) = self.get(i + 2) {
                if let Some(&n) = self.t.numbers.get(&format!("{low}-{second}")) {
                    return Some((n, i + 3, false));
                }
            }
        }
        if let Some(&n) = self.t.numbers.get(&low) {
            return Some((n, i + 1, false));
        }
        if (1..=2).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = tok.parse().ok()?;
            return (n > 0).then_some((n, i + 1, false));
        }
        None
    }

    /// A unit at `j` agreeing in number with `count`.
    fn unit_at(&self, j: usize, count: u32) -> Option<Unit> {
        let (unit, plural) = *self.t.units.get(self.get(j)?)?;
        (plural == (count > 1)).then_some(unit)
    }

    /// "two days ago", "a day later", "three weeks earlier", "two days before."
    fn counted(&self, i: usize) -> Found {
        let (count, j, _) = self.count_at(i)?;
        let unit = self.unit_at(j, count)?;
        let word = self.get(j + 1)?;
        if self.t.ago.contains(word) {
            return Some((j + 2, DateExpr::Ago { count, unit }));
        }
        let offset = self.t.offsets.get(word)?;
        if offset.standalone && !self.punct_or_end(j + 2) {
            return None;
        }
        let count = i32::try_from(count).ok()? * offset.sign;
        Some((j + 2, DateExpr::Anaphoric(Anaphor::Offset { count, unit })))
    }

    /// "the past week", "the last three days", "past two years".
    fn past(&self, i: usize) -> Found {
        let had_the = self.is_word(i, "the");
        let j = if had_the { i + 1 } else { i };
        let word = self.get(j)?;
        let word_ok = if had_the {
            self.t.past.contains(word)
        } else {
            self.t.past.iter().any(|w| self.is_word(j, w))
        };
        if !word_ok {
            return None;
        }
        let (count, k) = match self.count_at(j + 1) {
            Some((n, k, false)) => (Some(n), k),
            _ => (None, j + 1),
        };
        if count.is_none() && !had_the {
            return None;
        }
        let unit = self.unit_at(k, count.unwrap_or(1))?;
        if count.is_none() && unit == Unit::Day {
            return None;
        }
        if self.get(k + 1) == Some("of") {
            return None;
        }
        Some((
            k + 1,
            DateExpr::Past {
                count: count.unwrap_or(1),
                unit,
            },
        ))
    }

    /// Fixed phrases from the data; "in the weeks since" may take a date after it.
    fn phrase(&self, i: usize, outer: bool) -> Found {
        let mut best: Found = None;
        for p in &self.t.phrases {
            if !self.words_at(i, &p.words) {
                continue;
            }
            if let Some(prev) = self.prev_lower(i) {
                if p.not_after.contains(&prev) {
                    continue;
                }
            }
            let end = i + p.words.len();
            let takes_date = matches!(p.expr, DateExpr::Anaphoric(Anaphor::Since))
                && p.words.last().is_some_and(|w| w == "since");
            let found = if takes_date && outer && !self.punct_or_end(end) {
                match self.match_at(end, false) {
                    Some((e, inner)) if !inner.is_anaphoric() => {
                        Some((e, DateExpr::Since(Box::new(inner))))
                    }
                    _ => None,
                }
            } else if p.standalone && !self.punct_or_end(end) {
                None
            } else {
                let end = match (&p.expr, self.get(end)) {
                    (DateExpr::Relative(Relative::Today | Relative::Yesterday), Some(next))
                        if p.words.len() == 1 && self.t.day_parts.contains(next) =>
                    {
                        end + 1
                    }
                    _ => end,
                };
                Some((end, p.expr.clone()))
            };
            best = longest([best, found]);
        }
        best
    }

    /// "since January", "since Jan. 27", "since last week": from that date to P.
    fn since(&self, i: usize) -> Found {
        if !self.is_word(i, "since") {
            return None;
        }
        match self.match_at(i + 1, false) {
            Some((end, inner)) if !inner.is_anaphoric() => {
                Some((end, DateExpr::Since(Box::new(inner))))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_glues_punctuation() {
        assert_eq!(join(&["Jan.", "27", ",", "2024"]), "Jan. 27, 2024");
        assert_eq!(join(&["mid", "-", "January"]), "mid-January");
        assert_eq!(join(&["Sunday", "'s"]), "Sunday's");
    }

    #[test]
    fn day_tokens() {
        assert_eq!(parse_day("27"), Some((27, false)));
        assert_eq!(parse_day("1st"), Some((1, true)));
        assert_eq!(parse_day("32"), None);
        assert_eq!(parse_day("0"), None);
        assert_eq!(parse_day("27people"), None);
        assert_eq!(parse_day("127"), None);
    }

    #[test]
    fn iso_tokens() {
        assert_eq!(parse_iso("2024-01-27"), Some((2024, 1, 27)));
        assert_eq!(parse_iso("2024-02-30"), None);
        assert_eq!(parse_iso("2023-02-29"), None);
        assert_eq!(parse_iso("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_iso("2024-1-27"), None);
        assert_eq!(parse_iso("20240127"), None);
    }
}
