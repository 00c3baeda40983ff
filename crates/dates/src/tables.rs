//! The word tables, loaded from the TOML files under `crates/dates/data/` and checked once.

use std::collections::{HashMap, HashSet};

use jiff::civil::Weekday;
use serde::Deserialize;

use crate::expr::{Anaphor, DateExpr, Part, Relative, Unit};

/// The bundled month and weekday names (`data/calendar.toml`).
pub const BUNDLED_CALENDAR: &str = include_str!("../data/calendar.toml");
/// The bundled number words (`data/numbers.toml`).
pub const BUNDLED_NUMBERS: &str = include_str!("../data/numbers.toml");
/// The bundled relative words and phrases (`data/relative.toml`).
pub const BUNDLED_RELATIVE: &str = include_str!("../data/relative.toml");

/// A problem in one of the data files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct DataError {
    /// The file's name (`calendar.toml`, `numbers.toml`, `relative.toml`).
    pub file: &'static str,
    /// 1-based line of the problem, or 0 when it concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn parse_toml<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        file,
        line: e.span().map_or(0, |s| {
            text.get(..s.start.min(text.len()))
                .map_or(0, |head| head.matches('\n').count() + 1)
        }),
        message: e.message().to_string(),
    })
}

fn invalid(file: &'static str, message: impl Into<String>) -> DataError {
    DataError {
        file,
        line: 0,
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    month: Vec<MonthRow>,
    weekday: Vec<WeekdayRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthRow {
    number: i8,
    names: Vec<String>,
    #[serde(default)]
    ambiguous: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekdayRow {
    day: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    articles: Vec<String>,
    words: HashMap<String, u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeFile {
    context: ContextRow,
    unit: Vec<UnitRow>,
    offset: Vec<OffsetRow>,
    part: Vec<PartRow>,
    phrase: Vec<PhraseRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextRow {
    month_triggers: Vec<String>,
    ambiguous_month_triggers: Vec<String>,
    ambiguous_month_followers: Vec<String>,
    year_triggers: Vec<String>,
    weekday_blockers: Vec<String>,
    weekday_not_after: Vec<String>,
    weekday_modifiers: Vec<String>,
    day_parts: Vec<String>,
    ago: Vec<String>,
    past: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    unit: Unit,
    singular: String,
    plural: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OffsetRow {
    word: String,
    sign: i8,
    #[serde(default)]
    standalone: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartRow {
    words: Vec<String>,
    part: Part,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum Meaning {
    Today,
    Yesterday,
    Overnight,
    ThisWeek,
    LastWeek,
    NextWeek,
    EarlierThisWeek,
    ThisMonth,
    LastMonth,
    NextMonth,
    EarlierThisMonth,
    ThisYear,
    LastYear,
    NextYear,
    EarlierThisYear,
    Weekend,
    AnaphorOffset,
    AnaphorSame,
    AnaphorSince,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseRow {
    words: Vec<String>,
    meaning: Meaning,
    offset: Option<i32>,
    unit: Option<Unit>,
    #[serde(default)]
    standalone: bool,
    #[serde(default)]
    not_after: Vec<String>,
}

/// A month name's entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthName {
    pub number: i8,
    pub ambiguous: bool,
}

/// A fixed phrase.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub words: Vec<String>,
    pub expr: DateExpr,
    pub standalone: bool,
    pub not_after: Vec<String>,
}

/// An offset word ("later", "before").
#[derive(Debug, Clone, Copy)]
pub(crate) struct OffsetWord {
    pub sign: i32,
    pub standalone: bool,
}

/// All word tables, keyed by lowercase word.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    pub months: HashMap<String, MonthName>,
    pub weekdays: HashMap<String, Weekday>,
    pub numbers: HashMap<String, u32>,
    pub articles: HashSet<String>,
    pub units: HashMap<String, (Unit, bool)>,
    pub ago: HashSet<String>,
    pub past: HashSet<String>,
    pub offsets: HashMap<String, OffsetWord>,
    pub parts: Vec<(Vec<String>, Part)>,
    pub phrases: Vec<Phrase>,
    pub month_triggers: HashSet<String>,
    pub ambiguous_month_triggers: HashSet<String>,
    pub ambiguous_month_followers: HashSet<String>,
    pub year_triggers: HashSet<String>,
    pub weekday_blockers: HashSet<String>,
    pub weekday_not_after: HashSet<String>,
    pub weekday_modifiers: HashSet<String>,
    pub day_parts: HashSet<String>,
}

fn lower_set(
    file: &'static str,
    what: &str,
    words: Vec<String>,
) -> Result<HashSet<String>, DataError> {
    let mut set = HashSet::new();
    for w in words {
        check_lower(file, what, &w)?;
        set.insert(w);
    }
    Ok(set)
}

fn check_lower(file: &'static str, what: &str, word: &str) -> Result<(), DataError> {
    if word.is_empty() || word.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
        return Err(invalid(
            file,
            format!("{what}: {word:?} must be one lowercase word"),
        ));
    }
    Ok(())
}

fn weekday_named(day: &str) -> Option<Weekday> {
    Some(match day {
        "sunday" => Weekday::Sunday,
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        _ => return None,
    })
}

impl Tables {
    /// Parse and check the three data files.
    pub fn load(calendar: &str, numbers: &str, relative: &str) -> Result<Tables, DataError> {
        const CAL: &str = "calendar.toml";
        const NUM: &str = "numbers.toml";
        const REL: &str = "relative.toml";

        let cal: CalendarFile = parse_toml(CAL, calendar)?;
        let mut months = HashMap::new();
        let mut seen = [false; 12];
        for row in cal.month {
            let idx = usize::try_from(row.number - 1)
                .ok()
                .filter(|&i| i < 12)
                .ok_or_else(|| invalid(CAL, format!("month number {} is not 1-12", row.number)))?;
            if std::mem::replace(&mut seen[idx], true) {
                return Err(invalid(CAL, format!("month {} listed twice", row.number)));
            }
            for name in row.names {
                let key = name.to_lowercase();
                if key.is_empty() || !name.starts_with(|c: char| c.is_uppercase()) {
                    return Err(invalid(
                        CAL,
                        format!("month name {name:?} must be capitalized"),
                    ));
                }
                let entry = MonthName {
                    number: row.number,
                    ambiguous: row.ambiguous,
                };
                if months.insert(key, entry).is_some() {
                    return Err(invalid(CAL, format!("month name {name:?} listed twice")));
                }
            }
        }
        if seen.iter().any(|s| !s) {
            return Err(invalid(CAL, "all twelve months must be listed"));
        }
        let mut weekdays = HashMap::new();
        for row in cal.weekday {
            let wd = weekday_named(&row.day)
                .ok_or_else(|| invalid(CAL, format!("unknown weekday {:?}", row.day)))?;
            for name in row.names {
                if !name.starts_with(|c: char| c.is_uppercase()) {
                    return Err(invalid(
                        CAL,
                        format!("weekday name {name:?} must be capitalized"),
                    ));
                }
                if weekdays.insert(name.to_lowercase(), wd).is_some() {
                    return Err(invalid(CAL, format!("weekday name {name:?} listed twice")));
                }
            }
        }
        if weekdays.values().collect::<HashSet<_>>().len() != 7 {
            return Err(invalid(CAL, "all seven weekdays must be listed"));
        }

        let num: NumbersFile = parse_toml(NUM, numbers)?;
        for (word, &n) in &num.words {
            check_lower(NUM, "number word", word)?;
            if n == 0 {
                return Err(invalid(
                    NUM,
                    format!("number word {word:?} must count at least one"),
                ));
            }
        }
        let articles = lower_set(NUM, "article", num.articles)?;

        let rel: RelativeFile = parse_toml(REL, relative)?;
        let mut units = HashMap::new();
        for row in rel.unit {
            check_lower(REL, "unit", &row.singular)?;
            check_lower(REL, "unit", &row.plural)?;
            units.insert(row.singular, (row.unit, false));
            units.insert(row.plural, (row.unit, true));
        }
        let mut offsets = HashMap::new();
        for row in rel.offset {
            check_lower(REL, "offset word", &row.word)?;
            if row.sign != 1 && row.sign != -1 {
                return Err(invalid(
                    REL,
                    format!("offset word {:?}: sign must be 1 or -1", row.word),
                ));
            }
            offsets.insert(
                row.word,
                OffsetWord {
                    sign: i32::from(row.sign),
                    standalone: row.standalone,
                },
            );
        }
        let mut parts = Vec::new();
        for row in rel.part {
            if row.words.is_empty() {
                return Err(invalid(REL, "a part needs at least one word"));
            }
            for w in &row.words {
                check_lower(REL, "part word", w)?;
            }
            parts.push((row.words, row.part));
        }
        let mut phrases = Vec::new();
        for row in rel.phrase {
            if row.words.is_empty() {
                return Err(invalid(REL, "a phrase needs at least one word"));
            }
            for w in row.words.iter().chain(&row.not_after) {
                check_lower(REL, "phrase word", w)?;
            }
            let name = row.words.join(" ");
            let expr = match row.meaning {
                Meaning::AnaphorOffset => match (row.offset, row.unit) {
                    (Some(count), Some(unit)) if count != 0 => {
                        DateExpr::Anaphoric(Anaphor::Offset { count, unit })
                    }
                    _ => {
                        return Err(invalid(
                            REL,
                            format!(
                            "phrase {name:?}: anaphor-offset needs a non-zero offset and a unit"
                        ),
                        ))
                    }
                },
                other => {
                    if row.offset.is_some() || row.unit.is_some() {
                        return Err(invalid(
                            REL,
                            format!(
                                "phrase {name:?}: offset and unit belong to anaphor-offset only"
                            ),
                        ));
                    }
                    meaning_expr(other).ok_or_else(|| {
                        invalid(REL, format!("phrase {name:?}: unsupported meaning"))
                    })?
                }
            };
            phrases.push(Phrase {
                words: row.words,
                expr,
                standalone: row.standalone,
                not_after: row.not_after,
            });
        }
        let c = rel.context;
        Ok(Tables {
            months,
            weekdays,
            numbers: num.words,
            articles,
            units,
            ago: lower_set(REL, "ago", c.ago)?,
            past: lower_set(REL, "past", c.past)?,
            offsets,
            parts,
            phrases,
            month_triggers: lower_set(REL, "month trigger", c.month_triggers)?,
            ambiguous_month_triggers: lower_set(REL, "month trigger", c.ambiguous_month_triggers)?,
            ambiguous_month_followers: lower_set(
                REL,
                "month follower",
                c.ambiguous_month_followers,
            )?,
            year_triggers: lower_set(REL, "year trigger", c.year_triggers)?,
            weekday_blockers: lower_set(REL, "weekday blocker", c.weekday_blockers)?,
            weekday_not_after: lower_set(REL, "weekday determiner", c.weekday_not_after)?,
            weekday_modifiers: lower_set(REL, "weekday modifier", c.weekday_modifiers)?,
            day_parts: lower_set(REL, "day part", c.day_parts)?,
        })
    }
}

/// The expression of a meaning without parameters; `None` for anaphor-offset.
fn meaning_expr(m: Meaning) -> Option<DateExpr> {
    let rel = |r| Some(DateExpr::Relative(r));
    match m {
        Meaning::Today => rel(Relative::Today),
        Meaning::Yesterday => rel(Relative::Yesterday),
        Meaning::Overnight => rel(Relative::Overnight),
        Meaning::ThisWeek => rel(Relative::ThisWeek),
        Meaning::LastWeek => rel(Relative::LastWeek),
        Meaning::NextWeek => rel(Relative::NextWeek),
        Meaning::EarlierThisWeek => rel(Relative::EarlierThisWeek),
        Meaning::ThisMonth => rel(Relative::ThisMonth),
        Meaning::LastMonth => rel(Relative::LastMonth),
        Meaning::NextMonth => rel(Relative::NextMonth),
        Meaning::EarlierThisMonth => rel(Relative::EarlierThisMonth),
        Meaning::ThisYear => rel(Relative::ThisYear),
        Meaning::LastYear => rel(Relative::LastYear),
        Meaning::NextYear => rel(Relative::NextYear),
        Meaning::EarlierThisYear => rel(Relative::EarlierThisYear),
        Meaning::Weekend => rel(Relative::Weekend),
        Meaning::AnaphorSame => Some(DateExpr::Anaphoric(Anaphor::Same)),
        Meaning::AnaphorSince => Some(DateExpr::Anaphoric(Anaphor::Since)),
        Meaning::AnaphorOffset => None,
    }
}
