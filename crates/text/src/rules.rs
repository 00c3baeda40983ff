//! The text stage's data tables: abbreviations, contractions, hyphen prefixes, sentence
//! starters and boilerplate patterns, read from the files under `crates/text/data/`.
//!
//! The files are compiled into the binary and parsed once. This module only reads tables; it
//! never decides anything about a document (that is the job of `clean`, `tokenize`, `split`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

use crate::TextError;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.tsv");
const CONTRACTIONS: &str = include_str!("../data/contractions.tsv");
const HYPHEN_PREFIXES: &str = include_str!("../data/hyphen_prefixes.txt");
const SENTENCE_STARTERS: &str = include_str!("../data/sentence_starters.txt");
const BOILERPLATE: &str = include_str!("../data/boilerplate.toml");
const DATELINE_WORDS: &str = include_str!("../data/dateline_words.tsv");

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// Precedes a name or number ("Mr.", "Gen.", "No."): never ends a sentence.
    Title,
    /// A month or weekday ("Jan.", "Sept."): never ends a sentence.
    Month,
    /// May end a sentence ("U.S.", "Inc.", "a.m.").
    Terminal,
}

/// A named boilerplate pattern: a line it matches is dropped.
#[derive(Debug, Clone)]
pub struct BoilerplateRule {
    /// The rule's name, reported with dropped lines.
    pub name: String,
    /// The compiled, case-insensitive pattern (ASCII classes; matched on the line's bytes).
    pub pattern: Regex,
}

/// All tables the text stage reads.
#[derive(Debug)]
pub struct TextRules {
    abbreviations: HashMap<String, AbbreviationClass>,
    /// Contractions keyed by their lowercase bytes packed into a u64, sorted for binary search.
    contractions: Vec<(u64, usize)>,
    /// Bit `n` set when some contraction ends in the letter `'a' + n` (a cheap pre-check).
    contraction_last_letters: u32,
    hyphen_prefixes: HashSet<String>,
    sentence_starters: HashSet<String>,
    /// Dateline words (`dateline_words.tsv`) and their class.
    dateline_words: HashMap<String, DatelineWord>,
    /// Boilerplate line rules, in file order.
    pub boilerplate: Vec<BoilerplateRule>,
}

#[derive(Deserialize)]
struct BoilerplateFile {
    drop: Vec<BoilerplateEntry>,
}

#[derive(Deserialize)]
struct BoilerplateEntry {
    name: String,
    pattern: String,
}

/// Lines of a table file that carry data: not blank, not `#` comments, with their 1-based number.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// A two-column table of words and their class names (`abbreviations.tsv`,
/// `dateline_words.tsv`), each class name one of `classes`.
fn word_classes<T: Copy>(
    text: &str,
    file: &str,
    classes: &[(&str, T)],
) -> Result<HashMap<String, T>, TextError> {
    let mut out = HashMap::new();
    for (n, line) in data_lines(text) {
        let mut cols = line.split('\t');
        let (Some(word), Some(name), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(table_error(file, n, "expected two tab-separated columns"));
        };
        let Some(&(_, class)) = classes.iter().find(|(c, _)| *c == name) else {
            let known: Vec<&str> = classes.iter().map(|(c, _)| *c).collect();
            return Err(table_error(
                file,
                n,
                format!("unknown class {name:?} ({})", known.join(", ")),
            ));
        };
        out.insert(word.to_string(), class);
    }
    Ok(out)
}

fn table_error(file: &str, line: usize, message: impl Into<String>) -> TextError {
    TextError::Table {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// The class of a word in `dateline_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineWord {
    /// A weekday name ("Tuesday").
    Weekday,
    /// A month name ("September").
    Month,
    /// A word that makes a following date part of its sentence ("on").
    Lead,
}

/// The texts of the tables [`TextRules::parse`] reads, one field per file.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableTexts<'a> {
    /// `abbreviations.tsv`
    pub abbreviations: &'a str,
    /// `contractions.tsv`
    pub contractions: &'a str,
    /// `hyphen_prefixes.txt`
    pub hyphen_prefixes: &'a str,
    /// `sentence_starters.txt`
    pub sentence_starters: &'a str,
    /// `boilerplate.toml`
    pub boilerplate: &'a str,
    /// `dateline_words.tsv`
    pub dateline_words: &'a str,
}

impl TextRules {
    /// Parse the tables from their text.
    pub fn parse(tables: TableTexts<'_>) -> Result<Self, TextError> {
        let TableTexts {
            abbreviations,
            contractions,
            hyphen_prefixes,
            sentence_starters,
            boilerplate,
            dateline_words,
        } = tables;
        let boilerplate = if boilerplate.is_empty() {
            "drop = []"
        } else {
            boilerplate
        };
        let dateline = word_classes(
            dateline_words,
            "dateline_words.tsv",
            &[
                ("weekday", DatelineWord::Weekday),
                ("month", DatelineWord::Month),
                ("lead", DatelineWord::Lead),
            ],
        )?;
        let abbr = word_classes(
            abbreviations,
            "abbreviations.tsv",
            &[
                ("title", AbbreviationClass::Title),
                ("month", AbbreviationClass::Month),
                ("terminal", AbbreviationClass::Terminal),
            ],
        )?;
        let mut contr = Vec::new();
        for (n, line) in data_lines(contractions) {
            let mut cols = line.split('\t');
            let (Some(word), Some(cut), None) = (cols.next(), cols.next(), cols.next()) else {
                return Err(table_error(
                    "contractions.tsv",
                    n,
                    "expected two tab-separated columns",
                ));
            };
            let cut: usize = cut.parse().map_err(|_| {
                table_error("contractions.tsv", n, "second column must be a number")
            })?;
            if cut == 0 || cut >= word.len() || !word.is_char_boundary(cut) {
                return Err(table_error(
                    "contractions.tsv",
                    n,
                    "split point outside the word",
                ));
            }
            let Some(key) = pack_word(word) else {
                return Err(table_error(
                    "contractions.tsv",
                    n,
                    "a contraction must be 2 to 8 ASCII letters",
                ));
            };
            contr.push((key, cut));
        }
        contr.sort_unstable();
        contr.dedup();
        let contraction_last_letters = contr
            .iter()
            .fold(0u32, |m, &(key, _)| m | 1 << ((key & 0xff) as u8 - b'a'));
        let words = |text: &str| -> HashSet<String> {
            data_lines(text)
                .map(|(_, l)| l.trim().to_lowercase())
                .collect()
        };
        let file: BoilerplateFile = toml::from_str(boilerplate).map_err(|e| TextError::Table {
            file: "boilerplate.toml".into(),
            line: 0,
            message: e.to_string(),
        })?;
        let mut rules = Vec::with_capacity(file.drop.len());
        for entry in file.drop {
            let pattern = RegexBuilder::new(&entry.pattern)
                .case_insensitive(true)
                .unicode(false)
                .build()
                .map_err(|e| TextError::Table {
                    file: "boilerplate.toml".into(),
                    line: 0,
                    message: format!("rule {}: {e}", entry.name),
                })?;
            rules.push(BoilerplateRule {
                name: entry.name,
                pattern,
            });
        }
        Ok(TextRules {
            abbreviations: abbr,
            contractions: contr,
            contraction_last_letters,
            hyphen_prefixes: words(hyphen_prefixes),
            sentence_starters: words(sentence_starters),
            dateline_words: dateline,
            boilerplate: rules,
        })
    }

    /// The tables shipped with dyad, parsed once.
    pub fn bundled() -> &'static TextRules {
        static RULES: OnceLock<TextRules> = OnceLock::new();
        RULES.get_or_init(|| {
            TextRules::parse(TableTexts {
                abbreviations: ABBREVIATIONS,
                contractions: CONTRACTIONS,
                hyphen_prefixes: HYPHEN_PREFIXES,
                sentence_starters: SENTENCE_STARTERS,
                boilerplate: BOILERPLATE,
                dateline_words: DATELINE_WORDS,
            })
            .expect("the bundled text tables are checked by the crate's tests")
        })
    }

    /// How `word` (without its final period) behaves as an abbreviation, if it is one.
    ///
    /// Listed words come first; letter–period runs ("U.S", "e.g", "a.m") are terminal and a
    /// single capital letter (an initial) is a title.
    pub fn abbreviation(&self, word: &str) -> Option<AbbreviationClass> {
        if let Some(c) = self.abbreviations.get(word) {
            return Some(*c);
        }
        let b = word.as_bytes();
        if b.len() == 1 && b[0].is_ascii_uppercase() {
            return Some(AbbreviationClass::Title);
        }
        if b.len() >= 3 && is_letter_period_run(b) {
            return Some(AbbreviationClass::Terminal);
        }
        if word.bytes().any(|c| c.is_ascii_uppercase()) {
            // "GEN." or "Jan" typed in capitals: try the title-cased form
            let mut t = String::with_capacity(word.len());
            for (i, ch) in word.chars().enumerate() {
                if i == 0 {
                    t.extend(ch.to_uppercase());
                } else {
                    t.extend(ch.to_lowercase());
                }
            }
            if let Some(c) = self.abbreviations.get(&t) {
                return Some(*c);
            }
        }
        let lower = word.to_lowercase();
        self.abbreviations.get(&lower).copied()
    }

    /// Where to cut a contraction written without an apostrophe ("dont" → 2), if `word` is
    /// one (compared case-insensitively).
    pub fn contraction_cut(&self, word: &str) -> Option<usize> {
        let last = word.as_bytes().last()?.to_ascii_lowercase();
        if !last.is_ascii_lowercase() || self.contraction_last_letters & (1 << (last - b'a')) == 0 {
            return None;
        }
        let key = pack_word(word)?;
        self.contractions
            .binary_search_by_key(&key, |&(k, _)| k)
            .ok()
            .map(|i| self.contractions[i].1)
    }

    /// True when `lower` is a prefix that keeps its hyphen attached ("non", "e").
    pub fn is_hyphen_prefix(&self, lower: &str) -> bool {
        self.hyphen_prefixes.contains(lower)
    }

    /// The dateline class of `word` (`dateline_words.tsv`), if it has one.
    pub fn dateline_word(&self, word: &str) -> Option<DatelineWord> {
        self.dateline_words.get(word).copied()
    }

    /// True when `lower` typically begins a sentence.
    pub fn is_sentence_starter(&self, lower: &str) -> bool {
        self.sentence_starters.contains(lower)
    }
}

/// A word of 2 to 8 ASCII letters, lowercased and packed into a u64 (a cheap exact key).
fn pack_word(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() < 2 || b.len() > 8 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(
        b.iter()
            .fold(0u64, |k, c| (k << 8) | u64::from(c.to_ascii_lowercase())),
    )
}

/// "U.S", "e.g", "a.m.", "U.S.A": letters separated by single periods.
fn is_letter_period_run(b: &[u8]) -> bool {
    let mut expect_letter = true;
    for &c in b {
        if expect_letter {
            if !c.is_ascii_alphabetic() {
                return false;
            }
        } else if c != b'.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    // ends on a letter (the final period was removed by the caller) or on a period
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_parse() {
        let r = TextRules::bundled();
        assert_eq!(r.abbreviation("Gen"), Some(AbbreviationClass::Title));
        assert_eq!(r.abbreviation("Jan"), Some(AbbreviationClass::Month));
        assert_eq!(r.abbreviation("Inc"), Some(AbbreviationClass::Terminal));
        assert_eq!(r.abbreviation("U.S"), Some(AbbreviationClass::Terminal));
        assert_eq!(r.abbreviation("a.m"), Some(AbbreviationClass::Terminal));
        assert_eq!(r.abbreviation("J"), Some(AbbreviationClass::Title));
        assert_eq!(r.abbreviation("GEN"), Some(AbbreviationClass::Title));
        assert_eq!(r.abbreviation("border"), None);
        assert_eq!(r.contraction_cut("dont"), Some(2));
        assert_eq!(r.contraction_cut("Cannot"), Some(3));
        assert_eq!(r.contraction_cut("done"), None);
        assert!(r.is_hyphen_prefix("non"));
        assert!(!r.is_hyphen_prefix("led"));
        assert!(r.is_sentence_starter("the"));
        assert_eq!(r.dateline_word("Tuesday"), Some(DatelineWord::Weekday));
        assert_eq!(r.dateline_word("on"), Some(DatelineWord::Lead));
        assert!(r.boilerplate.iter().any(|b| b.name == "image-credit"));
    }

    #[test]
    fn malformed_tables_name_file_and_line() {
        let err = TextRules::parse(TableTexts {
            abbreviations: "# c\nMr\ttitle\nDr\tdoctor\n",
            ..TableTexts::default()
        })
        .expect_err("bad class");
        let msg = err.to_string();
        assert!(
            msg.contains("abbreviations.tsv") && msg.contains("line 3"),
            "{msg}"
        );
        let err = TextRules::parse(TableTexts {
            contractions: "dont\tx\n",
            ..TableTexts::default()
        })
        .expect_err("bad number");
        assert!(err.to_string().contains("contractions.tsv"));
        let err = TextRules::parse(TableTexts {
            boilerplate: "[[drop]]\nname='x'\npattern='('\n",
            ..TableTexts::default()
        })
        .expect_err("bad regex");
        assert!(err.to_string().contains("rule x"));
        let err = TextRules::parse(TableTexts {
            dateline_words: "Monday\tweekday\nsoon\tadverb\n",
            ..TableTexts::default()
        })
        .expect_err("bad dateline class");
        let msg = err.to_string();
        assert!(
            msg.contains("dateline_words.tsv") && msg.contains("line 2"),
            "{msg}"
        );
    }
}
