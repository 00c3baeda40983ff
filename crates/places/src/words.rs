//! The word lists of name resolution, compiled in from `data/`: particles allowed inside a
//! name (`particles.txt`), division words after a name (`division_words.txt`) and direction
//! words that make a region (`directions.tsv`). Lines starting with `#` are comments. Read
//! only; the rules that use them are in the crate root.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::normalize::key;

const BUNDLED_PARTICLES: &str = include_str!("../data/particles.txt");
const BUNDLED_DIVISION_WORDS: &str = include_str!("../data/division_words.txt");
const BUNDLED_DIRECTIONS: &str = include_str!("../data/directions.tsv");

/// A malformed line of a bundled word list.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct WordListError {
    /// The file's name.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The non-comment, non-empty lines of a list, with their 1-based line numbers.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// One word a line; a word with surrounding spaces or a repeated word is an error.
fn word_set(
    file: &'static str,
    text: &'static str,
) -> Result<HashSet<&'static str>, WordListError> {
    let mut out = HashSet::new();
    for (line, w) in entries(text) {
        let err = |message: &str| WordListError {
            file,
            line,
            message: message.to_string(),
        };
        if w.trim() != w || w.contains(char::is_whitespace) {
            return Err(err("one word a line, no spaces"));
        }
        if !out.insert(w) {
            return Err(err("repeated word"));
        }
    }
    Ok(out)
}

/// `word<TAB>latitude side<TAB>longitude side`, the sides -1, 0 or 1.
fn direction_map(text: &str) -> Result<HashMap<String, (i8, i8)>, WordListError> {
    let mut out = HashMap::new();
    for (line, l) in entries(text) {
        let err = |message: &str| WordListError {
            file: "directions.tsv",
            line,
            message: message.to_string(),
        };
        let cols: Vec<&str> = l.split('\t').collect();
        let [word, lat, lon] = cols[..] else {
            return Err(err("three tab-separated columns"));
        };
        let side = |s: &str| s.parse::<i8>().ok().filter(|v| (-1..=1).contains(v));
        let (Some(lat), Some(lon)) = (side(lat), side(lon)) else {
            return Err(err("sides are -1, 0 or 1"));
        };
        if out.insert(key(word).replace(' ', ""), (lat, lon)).is_some() {
            return Err(err("repeated word"));
        }
    }
    Ok(out)
}

/// Every bundled list, parsed (for the crate's tests: the lookups below expect them well formed).
#[cfg(test)]
fn check_bundled() -> Result<(), WordListError> {
    word_set("particles.txt", BUNDLED_PARTICLES)?;
    word_set("division_words.txt", BUNDLED_DIVISION_WORDS)?;
    direction_map(BUNDLED_DIRECTIONS)?;
    Ok(())
}

fn particles() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        word_set("particles.txt", BUNDLED_PARTICLES)
            .expect("the bundled particles are checked by the crate's tests")
    })
}

fn division_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        word_set("division_words.txt", BUNDLED_DIVISION_WORDS)
            .expect("the bundled division words are checked by the crate's tests")
    })
}

fn directions() -> &'static HashMap<String, (i8, i8)> {
    static MAP: OnceLock<HashMap<String, (i8, i8)>> = OnceLock::new();
    MAP.get_or_init(|| {
        direction_map(BUNDLED_DIRECTIONS)
            .expect("the bundled directions are checked by the crate's tests")
    })
}

/// Is `word` (exactly, case included) a particle allowed inside a name ("de", "el")?
pub(crate) fn is_particle(word: &str) -> bool {
    particles().contains(word)
}

/// Is `word`'s key a division word ("region", "Province")?
pub(crate) fn is_division_word(word: &str) -> bool {
    division_words().contains(key(word).as_str())
}

/// The sides of a direction word (its key, spaces removed): (latitude, longitude).
pub(crate) fn direction(word: &str) -> Option<(i8, i8)> {
    directions().get(&key(word).replace(' ', "")).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_parse() {
        check_bundled().expect("bundled word lists");
        assert!(is_particle("de") && is_particle("-") && !is_particle("De"));
        assert!(is_division_word("Province") && !is_division_word("city"));
        assert_eq!(direction("Northern"), Some((1, 0)));
        assert_eq!(direction("southwest"), Some((-1, -1)));
        assert_eq!(direction("up"), None);
    }

    #[test]
    fn malformed_lists_are_errors() {
        assert!(word_set("x", "# c\nde\nde\n").is_err());
        assert!(word_set("x", "de la\n").is_err());
        assert!(direction_map("north\t1\n").is_err());
        assert!(direction_map("north\t2\t0\n").is_err());
    }
}
