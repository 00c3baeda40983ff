//! A cheap test run before the date finder: every date expression that `dyad-dates` finds
//! holds a digit, a month or weekday name, a unit word ("days", "week") or the last word of
//! one of its fixed phrases ("yesterday", "overnight", "since"), so a sentence with none of
//! these is not searched. The words are read from the date crate's own bundled tables, so
//! the test follows them. It is an optimisation only and must never change a result: if
//! the tables cannot be read the filter is off, and a test checks that filtered and
//! unfiltered runs agree.

use std::collections::HashSet;

use dyad_dates::{BUNDLED_CALENDAR, BUNDLED_RELATIVE};

/// The trigger words, lowercased without a trailing dot, or `None` when the date tables
/// are not in the layout this module knows (the filter is then off).
pub(crate) fn date_triggers() -> Option<HashSet<String>> {
    let calendar: toml::Table = toml::from_str(BUNDLED_CALENDAR).ok()?;
    let relative: toml::Table = toml::from_str(BUNDLED_RELATIVE).ok()?;
    let mut out = HashSet::new();
    let mut add = |w: &str| {
        out.insert(normalize(w));
    };
    // month and weekday names: every string of every entry of every table array
    let mut names = 0;
    for (_, v) in calendar {
        for entry in v.as_array()? {
            for (_, field) in entry.as_table()? {
                if let Some(list) = field.as_array() {
                    for n in list.iter().filter_map(|x| x.as_str()) {
                        add(n);
                        names += 1;
                    }
                }
            }
        }
    }
    for unit in relative.get("unit")?.as_array()? {
        for key in ["singular", "plural"] {
            add(unit.get(key)?.as_str()?);
        }
    }
    for phrase in relative.get("phrase")?.as_array()? {
        add(phrase.get("words")?.as_array()?.last()?.as_str()?);
    }
    (names >= 19).then_some(out)
}

fn normalize(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// Whether a token has a digit or is (or has, between hyphens: "mid-January") a trigger word.
pub(crate) fn is_trigger(triggers: &HashSet<String>, token: &str) -> bool {
    if token.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if triggers.contains(&normalize(token)) {
        return true;
    }
    token.contains('-') && token.split('-').any(|p| triggers.contains(&normalize(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_give_triggers() {
        let t = date_triggers().expect("the date tables are readable");
        for w in [
            "january",
            "jan",
            "sunday",
            "days",
            "week",
            "yesterday",
            "overnight",
            "since",
            "day",
        ] {
            assert!(t.contains(w), "{w}");
        }
        assert!(!t.contains("the"));
        assert!(is_trigger(&t, "mid-January"));
        assert!(is_trigger(&t, "Jan."));
        assert!(is_trigger(&t, "2024-01-27"));
        assert!(!is_trigger(&t, "troops"));
    }
}
