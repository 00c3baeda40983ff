//! The word lists of `data/words.toml` (killing words, number words, place prepositions),
//! parsed and checked once. This module only reads the compiled-in text it is given; it
//! must never hold a word list as a Rust literal (data is data) and never panics on a bad
//! file: a malformed list is a [`DataError`].

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

/// The bundled word lists (`data/words.toml`).
pub const BUNDLED_WORDS: &str = include_str!("../data/words.toml");

/// A problem in the word lists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// The TOML does not parse or lacks a list.
    #[error("words.toml, line {line}: {message}")]
    Syntax {
        /// 1-based line of the problem, 0 when it concerns the whole file.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A list entry that is empty or not lowercase.
    #[error("words.toml: [{table}] entry {entry:?} must be a non-empty lowercase word")]
    Entry {
        /// The table holding the entry.
        table: &'static str,
        /// The entry.
        entry: String,
    },
    /// A number word worth zero.
    #[error("words.toml: number word {0:?} must be worth at least 1")]
    Zero(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    killing: KillingFile,
    attack: AttackFile,
    movement: AttackFile,
    irregular: IrregularFile,
    numbers: NumbersFile,
    places: PlacesFile,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KillingFile {
    verbs: Vec<String>,
    need_particle: HashMap<String, Vec<String>>,
    die_verbs: Vec<String>,
    leave_verbs: Vec<String>,
    dead_words: Vec<String>,
    toll_nouns: Vec<String>,
    death_nouns: Vec<String>,
    not_victims: Vec<String>,
    relative_pronouns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttackFile {
    verbs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IrregularFile {
    forms: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    units: HashMap<String, u32>,
    tens: HashMap<String, u32>,
    multipliers: HashMap<String, u32>,
    vague: Vec<String>,
    hedges: Vec<String>,
    articles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    prepositions: Vec<String>,
    actor_prepositions: Vec<String>,
    attack_prepositions: Vec<String>,
    direct_prepositions: Vec<String>,
    object_verbs: Vec<String>,
    about_verbs: Vec<String>,
    event_nouns: Vec<String>,
}

/// The checked word lists.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    pub kill_verbs: HashSet<String>,
    pub need_particle: HashMap<String, HashSet<String>>,
    pub die_verbs: HashSet<String>,
    pub leave_verbs: HashSet<String>,
    pub dead_words: HashSet<String>,
    pub toll_nouns: HashSet<String>,
    pub death_nouns: HashSet<String>,
    pub not_victims: HashSet<String>,
    pub relative_pronouns: HashSet<String>,
    pub attack_verbs: HashSet<String>,
    pub movement_verbs: HashSet<String>,
    pub irregular: HashMap<String, String>,
    pub units: HashMap<String, u32>,
    pub tens: HashMap<String, u32>,
    pub multipliers: HashMap<String, u32>,
    pub vague: HashSet<String>,
    pub hedges: HashSet<String>,
    pub articles: HashSet<String>,
    pub place_preps: HashSet<String>,
    pub actor_preps: HashSet<String>,
    pub attack_preps: HashSet<String>,
    pub direct_preps: HashSet<String>,
    pub object_verbs: HashSet<String>,
    pub about_verbs: HashSet<String>,
    pub event_nouns: HashSet<String>,
}

fn set(table: &'static str, list: Vec<String>) -> Result<HashSet<String>, DataError> {
    list.into_iter()
        .map(|w| {
            if w.is_empty() || w.to_lowercase() != w {
                Err(DataError::Entry { table, entry: w })
            } else {
                Ok(w)
            }
        })
        .collect()
}

fn numbers(
    table: &'static str,
    map: HashMap<String, u32>,
) -> Result<HashMap<String, u32>, DataError> {
    for (w, v) in &map {
        if w.is_empty() || w.to_lowercase() != *w {
            return Err(DataError::Entry {
                table,
                entry: w.clone(),
            });
        }
        if *v == 0 {
            return Err(DataError::Zero(w.clone()));
        }
    }
    Ok(map)
}

impl Words {
    /// Parse and check the lists from the text of a `words.toml`.
    pub fn parse(text: &str) -> Result<Words, DataError> {
        let f: File = toml::from_str(text).map_err(|e| DataError::Syntax {
            line: e.span().map_or(0, |s| {
                text.get(..s.start.min(text.len()))
                    .map_or(0, |head| head.matches('\n').count() + 1)
            }),
            message: e.message().to_string(),
        })?;
        let k = f.killing;
        let n = f.numbers;
        Ok(Words {
            kill_verbs: set("killing", k.verbs)?,
            need_particle: k
                .need_particle
                .into_iter()
                .map(|(verb, words)| Ok((verb, set("killing", words)?)))
                .collect::<Result<_, DataError>>()?,
            die_verbs: set("killing", k.die_verbs)?,
            leave_verbs: set("killing", k.leave_verbs)?,
            dead_words: set("killing", k.dead_words)?,
            toll_nouns: set("killing", k.toll_nouns)?,
            death_nouns: set("killing", k.death_nouns)?,
            not_victims: set("killing", k.not_victims)?,
            relative_pronouns: set("killing", k.relative_pronouns)?,
            attack_verbs: set("attack", f.attack.verbs)?,
            movement_verbs: set("movement", f.movement.verbs)?,
            irregular: {
                let forms = f.irregular.forms;
                for (form, lemma) in &forms {
                    for w in [form, lemma] {
                        if w.is_empty() || w.to_lowercase() != *w {
                            return Err(DataError::Entry {
                                table: "irregular",
                                entry: w.clone(),
                            });
                        }
                    }
                }
                forms
            },
            units: numbers("numbers", n.units)?,
            tens: numbers("numbers", n.tens)?,
            multipliers: numbers("numbers", n.multipliers)?,
            vague: set("numbers", n.vague)?,
            hedges: set("numbers", n.hedges)?,
            articles: set("numbers", n.articles)?,
            place_preps: set("places", f.places.prepositions)?,
            actor_preps: set("places", f.places.actor_prepositions)?,
            attack_preps: set("places", f.places.attack_prepositions)?,
            direct_preps: set("places", f.places.direct_prepositions)?,
            object_verbs: set("places", f.places.object_verbs)?,
            about_verbs: set("places", f.places.about_verbs)?,
            event_nouns: set("places", f.places.event_nouns)?,
        })
    }

    /// Whether a verb (its lemma and its form, lowercased) is in `list`: the lemma, the
    /// irregular form's lemma, or the form with a regular ending undone ("attacked",
    /// "shelling", "kills").
    pub fn verb_in(&self, list: &HashSet<String>, lemma: &str, form: &str) -> bool {
        if list.contains(lemma) || list.contains(form) {
            return true;
        }
        if let Some(l) = self.irregular.get(form) {
            return list.contains(l);
        }
        let stems = [
            form.strip_suffix("ed"),
            form.strip_suffix('d'),
            form.strip_suffix("ing"),
            form.strip_suffix('s'),
            form.strip_suffix("es"),
        ];
        stems.into_iter().flatten().any(|stem| {
            list.contains(stem)
                || list.contains(&format!("{stem}e"))
                // "shelled", "shelling", "fled" → doubled consonant
                || stem.len() > 2
                    && stem.is_ascii()
                    && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2]
                    && list.contains(&stem[..stem.len() - 1])
        })
    }

    /// The value of one number word or digit string ("twelve", "twenty-one", "1,200").
    pub fn number_word(&self, lower: &str) -> Option<u32> {
        if lower.starts_with(|c: char| c.is_ascii_digit()) {
            return parse_digits(lower);
        }
        if let Some(v) = self.units.get(lower).or_else(|| self.tens.get(lower)) {
            return Some(*v);
        }
        let (tens, unit) = lower.split_once('-')?;
        let t = self.tens.get(tens)?;
        let u = self.units.get(unit).filter(|u| **u < 10)?;
        Some(t + u)
    }

    /// The number said by a run of words ("at least 12", "two dozen", "1,200", "a hundred",
    /// "twenty - one", "1.5 million"), or `None` when the words hold none. Hedges are read
    /// as the number itself.
    pub fn number(&self, words: &[&str]) -> Option<u32> {
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut seen = false;
        let mut i = 0;
        while i < words.len() {
            let lower = words[i].to_lowercase();
            let next_mult = words
                .get(i + 1)
                .is_some_and(|w| self.multipliers.contains_key(w.to_lowercase().as_str()));
            if let Some(&m) = self.multipliers.get(lower.as_str()) {
                let base = if current == 0 { 1 } else { current };
                if m >= 1000 {
                    total += base * u64::from(m);
                    current = 0;
                } else {
                    current = base * u64::from(m);
                }
                seen = true;
            } else if let (Some(d), Some(m)) = (
                decimal(&lower),
                words
                    .get(i + 1)
                    .and_then(|w| self.multipliers.get(w.to_lowercase().as_str())),
            ) {
                // "1.5 million"
                total += (d * f64::from(*m)) as u64;
                seen = true;
                i += 2;
                continue;
            } else if let Some(v) = self.number_word(&lower) {
                // "twenty - one": the tokenizer's split compound
                if self.tens.contains_key(lower.as_str()) && words.get(i + 1) == Some(&"-") {
                    if let Some(u) = words
                        .get(i + 2)
                        .and_then(|w| self.units.get(w.to_lowercase().as_str()))
                        .filter(|u| **u < 10)
                    {
                        current += u64::from(v + u);
                        seen = true;
                        i += 3;
                        continue;
                    }
                }
                current += u64::from(v);
                seen = true;
            } else if self.articles.contains(&lower) && next_mult {
                // "a dozen": the multiplier takes the article as one
            } else if lower == "-" || lower == "and" || self.hedges.contains(&lower) {
            } else if seen {
                break;
            }
            i += 1;
        }
        if !seen {
            return None;
        }
        u32::try_from(total + current).ok()
    }
}

fn parse_digits(s: &str) -> Option<u32> {
    let mut v: u64 = 0;
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                v = v * 10 + u64::from(c as u8 - b'0');
                digits += 1;
                if digits > 9 {
                    return None;
                }
            }
            ',' => {}
            _ => return None,
        }
    }
    u32::try_from(v).ok()
}

fn decimal(s: &str) -> Option<f64> {
    if !s.contains('.') || !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    s.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        Words::parse(BUNDLED_WORDS).expect("bundled words parse")
    }

    #[test]
    fn numbers_in_words_and_digits() {
        let w = words();
        let n = |s: &str| w.number(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(n("three"), Some(3));
        assert_eq!(n("at least 12"), Some(12));
        assert_eq!(n("1,200"), Some(1200));
        assert_eq!(n("twenty-one"), Some(21));
        assert_eq!(n("twenty - one"), Some(21));
        assert_eq!(n("a dozen"), Some(12));
        assert_eq!(n("two dozen"), Some(24));
        assert_eq!(n("a hundred"), Some(100));
        assert_eq!(n("three hundred"), Some(300));
        assert_eq!(n("ninety-nine"), Some(99));
        assert_eq!(n("two thousand"), Some(2000));
        assert_eq!(n("one hundred and fifty"), Some(150));
        assert_eq!(n("1.5 million"), Some(1_500_000));
        assert_eq!(n("more than 30"), Some(30));
        assert_eq!(n("the"), None);
        assert_eq!(n("dozens"), None);
    }

    #[test]
    fn bad_lists_are_errors() {
        let bad = BUNDLED_WORDS.replace("\"kill\"", "\"Kill\"");
        assert!(matches!(Words::parse(&bad), Err(DataError::Entry { .. })));
        assert!(matches!(
            Words::parse("[killing]\n"),
            Err(DataError::Syntax { .. })
        ));
        let zero = BUNDLED_WORDS.replace("one = 1,", "one = 0,");
        assert!(matches!(Words::parse(&zero), Err(DataError::Zero(_))));
    }
}
