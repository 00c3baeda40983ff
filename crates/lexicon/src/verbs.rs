//! The verb dictionary: which verb, with which object, codes which CAMEO event, and where
//! the target comes from.
//!
//! Patterns live in `data/verbs/RR.tsv`, one file per CAMEO root, seven columns: `id`,
//! `code`, `verb` (lemma, optionally with a phrasal particle: "carry out"), `object` (`-`,
//! `none`, `actor`, `@class`, `!@class`, `=lemma|lemma`), `target` (`obj`, `prep:WORD`,
//! `clause` — the subject of a clausal complement —, `clause:AUX` — the same when the complement
//! has that auxiliary, "said that Libya must" —, `first` — the first actor of the verb's
//! phrase —, alternatives joined by `|`, or `-`), `example` and `expect` (the event the example
//! must give, `SOURCE>TARGET`), and an optional eighth, `words`: surface words the sentence must
//! have around the verb ([`WordSequence`]; dyad's own files do not use it, the PETRARCH
//! conversion does). Object classes are in `data/verbs/noun_classes.toml`. This module
//! only reads and indexes patterns; matching a pattern against a parse is the coder's job,
//! through [`VerbDictionary::object_ok`] and [`WordSequence::matches`]. No I/O.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::event_codes::EventCodeTable;

/// A constraint on the verb's direct object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectRule {
    /// Anything, or no object.
    Any,
    /// The verb must have no direct object.
    NoObject,
    /// The object must name an actor.
    Actor,
    /// The object's head lemma must be in the class.
    InClass(String),
    /// The object's head lemma must not be in the class (an absent object passes).
    NotInClass(String),
    /// The object's head lemma must be one of these.
    Lemmas(Vec<String>),
}

/// Where an event's target comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSlot {
    /// The direct object.
    Object,
    /// The object of a prepositional phrase on the verb headed by this preposition.
    Prep(String),
    /// The subject of the verb's clausal complement ("demanded that Russia withdraw").
    Clause,
    /// The subject of a clausal complement with this auxiliary ("said that Libya must hand
    /// over the suspects"): `clause:must`.
    ClauseWith(String),
    /// The first actor named in the verb's phrase after the verb, however deep (PETRARCH's
    /// target rule: "welcomed the resumption of ties with Gondor").
    FirstActor,
    /// The subject of the verb whose complement the verb's clause is ("Gondor noted that
    /// Mordor regretted ...": Gondor), for PETRARCH's `NOTED + *`: `governor`.
    Governor,
    /// The first actor of the verb's phrase after this word of it, once the noun phrases
    /// right after the word are skipped (PETRARCH's `IN ^ +`: "celebrated Iftar in Osgiliath
    /// with the leaders of Gondor" → Gondor): `after:WORD:SKIPPED`.
    After {
        /// The lower-cased word.
        word: String,
        /// How many noun phrases after it are passed over.
        skip: usize,
    },
}

/// One element of a [`WordSequence`]: any of its alternatives, each a run of adjacent words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSlot {
    /// The alternatives, each its lower-cased words in sentence order.
    pub alternatives: Vec<Vec<String>>,
    /// Must the slot touch its neighbour toward the verb (the previous slot after the verb,
    /// the next one before it, or the verb itself)?
    pub joined: bool,
}

/// Words a pattern asks for around its verb, in sentence order: `pre` before the verb, `post`
/// after it. Each slot may be preceded by other words unless it is `joined` to its neighbour
/// toward the verb (PETRARCH's `- SAID * DIPLOMATIC TIES`, `RECENTLY_*`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSequence {
    /// Slots before the verb, in sentence order.
    pub pre: Vec<WordSlot>,
    /// Slots after the verb, in sentence order.
    pub post: Vec<WordSlot>,
}

impl WordSequence {
    /// Parse the `words` column: slots separated by spaces, or by `_` when they must be
    /// adjacent, `*` the verb (exactly once), alternatives of a slot separated by `|`, the
    /// words of an alternative joined by `+`: `said * diplomatic_ties|full+ties`.
    pub fn parse(s: &str) -> Result<WordSequence, String> {
        let mut seq = WordSequence::default();
        let mut seen_verb = false;
        for chunk in s.split_whitespace() {
            for (k, piece) in chunk.split('_').enumerate() {
                let joined = k > 0;
                if piece.is_empty() {
                    return Err(format!("words {s:?}: empty slot"));
                }
                if piece == "*" {
                    if seen_verb {
                        return Err(format!("words {s:?}: more than one *"));
                    }
                    seen_verb = true;
                    if joined {
                        if let Some(last) = seq.pre.last_mut() {
                            last.joined = true;
                        }
                    }
                    continue;
                }
                let alternatives: Vec<Vec<String>> = piece
                    .split('|')
                    .map(|a| a.split('+').map(str::to_lowercase).collect::<Vec<_>>())
                    .collect();
                if alternatives.iter().flatten().any(String::is_empty) {
                    return Err(format!("words {s:?}: empty word in {piece:?}"));
                }
                if seen_verb {
                    seq.post.push(WordSlot {
                        alternatives,
                        joined,
                    });
                } else {
                    if joined {
                        if let Some(last) = seq.pre.last_mut() {
                            last.joined = true;
                        }
                    }
                    seq.pre.push(WordSlot {
                        alternatives,
                        joined: false,
                    });
                }
            }
        }
        if !seen_verb {
            return Err(format!("words {s:?}: no * (the verb)"));
        }
        Ok(seq)
    }

    /// The number of slots.
    pub fn len(&self) -> usize {
        self.pre.len() + self.post.len()
    }

    /// No slots at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Do the words hold around a verb? `before` are the sentence's lower-cased words before
    /// the verb (in sentence order), `after` the words after it that belong to its phrase.
    pub fn matches(&self, before: &[&str], after: &[&str]) -> bool {
        let rev: Vec<&str> = before.iter().rev().copied().collect();
        let pre: Vec<WordSlot> = self
            .pre
            .iter()
            .rev()
            .map(|s| WordSlot {
                alternatives: s
                    .alternatives
                    .iter()
                    .map(|a| a.iter().rev().cloned().collect())
                    .collect(),
                joined: s.joined,
            })
            .collect();
        match_slots(&self.post, after, 0) && match_slots(&pre, &rev, 0)
    }
}

/// Can `slots` be found in order in `words` from position `from` on (a joined slot right
/// where the previous one ended)? Backtracks over the places each slot could match.
fn match_slots(slots: &[WordSlot], words: &[&str], from: usize) -> bool {
    let Some((first, rest)) = slots.split_first() else {
        return true;
    };
    let last_start = if first.joined { from } else { words.len() };
    for start in from..=last_start.min(words.len()) {
        for alt in &first.alternatives {
            let end = start + alt.len();
            if end <= words.len()
                && alt.iter().zip(&words[start..end]).all(|(a, w)| a == w)
                && match_slots(rest, words, end)
            {
                return true;
            }
        }
    }
    false
}

/// One verb pattern.
#[derive(Debug, Clone)]
pub struct VerbPattern {
    /// Unique id, cited by events as `verb.rule`.
    pub id: String,
    /// CAMEO event code.
    pub code: String,
    /// Verb lemma.
    pub lemma: String,
    /// Phrasal particle ("out" in "carry out"), if any.
    pub particle: Option<String>,
    /// Object constraint.
    pub object: ObjectRule,
    /// Target slots in order of preference; empty when the event has no target.
    pub targets: Vec<TargetSlot>,
    /// The example sentence.
    pub example: String,
    /// The expected `SOURCE>TARGET` of the example.
    pub expect: String,
    /// The file and line of the pattern, for messages.
    pub origin: String,
    /// Words the sentence must have around the verb (the optional eighth column).
    pub words: Option<WordSequence>,
}

impl VerbPattern {
    /// How specific the pattern is (more specific patterns win): particle, object, targets.
    pub fn specificity(&self) -> u32 {
        let obj = match &self.object {
            ObjectRule::Any => 0,
            ObjectRule::NotInClass(_) => 1,
            ObjectRule::NoObject | ObjectRule::Actor => 2,
            ObjectRule::InClass(_) => 3,
            ObjectRule::Lemmas(_) => 4,
        };
        // a complement with a given auxiliary is a constraint of its own
        let aux = self
            .targets
            .iter()
            .any(|t| matches!(t, TargetSlot::ClauseWith(_)));
        let words = self.words.as_ref().map_or(0, |w| w.len() as u32);
        words * 16
            + u32::from(self.particle.is_some()) * 8
            + obj * 2
            + u32::from(!self.targets.is_empty())
            + u32::from(aux)
    }
}

/// Problems in the verb files, with file and line.
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct VerbError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The verb dictionary, indexed by lemma.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    patterns: Vec<VerbPattern>,
    by_lemma: HashMap<String, Vec<usize>>,
    classes: HashMap<String, Vec<String>>,
}

macro_rules! verb_files {
    ($($rr:literal),*) => {
        /// The bundled pattern files: (name, text).
        pub const BUNDLED_FILES: &[(&str, &str)] = &[
            $(($rr, include_str!(concat!("../data/verbs/", $rr, ".tsv")))),*
        ];
    };
}
verb_files!(
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20"
);

/// The bundled noun classes.
pub const BUNDLED_CLASSES: &str = include_str!("../data/verbs/noun_classes.toml");

impl VerbDictionary {
    /// The dictionary shipped with dyad, built once.
    pub fn bundled() -> &'static VerbDictionary {
        static DICT: OnceLock<VerbDictionary> = OnceLock::new();
        DICT.get_or_init(|| {
            VerbDictionary::parse(BUNDLED_FILES, BUNDLED_CLASSES, EventCodeTable::bundled())
                .expect("the bundled verb files are checked by the crate's tests")
        })
    }

    /// Parse pattern files (name, text) and the noun classes, checking codes against `codes`.
    pub fn parse(
        files: &[(&str, &str)],
        classes: &str,
        codes: &EventCodeTable,
    ) -> Result<Self, VerbError> {
        let classes: HashMap<String, Vec<String>> =
            toml::from_str(classes).map_err(|e| VerbError {
                file: "noun_classes.toml".into(),
                line: e.span().map_or(0, |s| {
                    classes[..s.start.min(classes.len())].matches('\n').count() + 1
                }),
                message: e.message().to_string(),
            })?;
        let mut dict = VerbDictionary {
            classes,
            ..Default::default()
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        for (name, text) in files {
            let file = format!("{name}.tsv");
            let mut header = false;
            for (n, line) in text.lines().enumerate() {
                let line = line.trim_end_matches('\r');
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let err = |message: String| VerbError {
                    file: file.clone(),
                    line: n + 1,
                    message,
                };
                if !header {
                    header = true;
                    if line.starts_with("id\t") {
                        continue;
                    }
                }
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() != 7 && cols.len() != 8 {
                    return Err(err(format!(
                        "expected 7 tab-separated columns (8 with words), found {}",
                        cols.len()
                    )));
                }
                let surface = match cols.get(7).map(|w| w.trim()) {
                    None | Some("" | "-") => None,
                    Some(w) => Some(WordSequence::parse(w).map_err(err)?),
                };
                let [id, code, verb, object, target, example, expect] = [
                    cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6],
                ]
                .map(str::trim);
                if codes.get(code).is_none() {
                    return Err(err(format!("{code:?} is not a CAMEO event code")));
                }
                if let Some(prev) = seen.insert(id.to_string(), format!("{file}:{}", n + 1)) {
                    return Err(err(format!("duplicate id {id:?} (first at {prev})")));
                }
                let mut words = verb.split_whitespace();
                let Some(lemma) = words.next() else {
                    return Err(err("empty verb".into()));
                };
                let particle = words.next().map(str::to_lowercase);
                if words.next().is_some() {
                    return Err(err(format!(
                        "verb {verb:?}: a lemma and at most one particle"
                    )));
                }
                let object = dict.object_rule(object).map_err(err)?;
                let targets = parse_targets(target).map_err(err)?;
                let idx = dict.patterns.len();
                dict.patterns.push(VerbPattern {
                    id: id.to_string(),
                    code: code.to_string(),
                    lemma: lemma.to_lowercase(),
                    particle,
                    object,
                    targets,
                    example: example.to_string(),
                    expect: expect.to_string(),
                    origin: format!("{file}:{}", n + 1),
                    words: surface,
                });
                dict.by_lemma
                    .entry(lemma.to_lowercase())
                    .or_default()
                    .push(idx);
            }
        }
        for list in dict.by_lemma.values_mut() {
            let pats = &dict.patterns;
            list.sort_by_key(|&i| std::cmp::Reverse(pats[i].specificity()));
        }
        Ok(dict)
    }

    fn object_rule(&self, s: &str) -> Result<ObjectRule, String> {
        let class = |name: &str| -> Result<String, String> {
            if self.classes.contains_key(name) {
                Ok(name.to_string())
            } else {
                Err(format!("unknown noun class @{name}"))
            }
        };
        Ok(match s {
            "-" => ObjectRule::Any,
            "none" => ObjectRule::NoObject,
            "actor" => ObjectRule::Actor,
            _ if s.starts_with("!@") => ObjectRule::NotInClass(class(&s[2..])?),
            _ if s.starts_with('@') => ObjectRule::InClass(class(&s[1..])?),
            _ if s.starts_with('=') && s.len() > 1 => {
                ObjectRule::Lemmas(s[1..].split('|').map(str::to_lowercase).collect())
            }
            _ => {
                return Err(format!(
                    "object {s:?}: use -, none, actor, @class, !@class or =lemma|lemma"
                ))
            }
        })
    }

    /// Patterns for a verb lemma, most specific first.
    pub fn patterns_for(&self, lemma: &str) -> impl Iterator<Item = &VerbPattern> {
        self.by_lemma
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.patterns[i])
    }

    /// All patterns, in file order.
    pub fn patterns(&self) -> &[VerbPattern] {
        &self.patterns
    }

    /// Is `word` (lowercase) the last word of an entry of noun class `class` ("bombings"
    /// of "car bombings")? For finding a class's nouns among word forms before parsing.
    pub fn ends_class_entry(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|c| {
            c.iter()
                .any(|w| w.rsplit(' ').next().is_some_and(|last| last == word))
        })
    }

    /// Is `lemma` in the noun class?
    pub fn in_class(&self, class: &str, lemma: &str) -> bool {
        self.classes
            .get(class)
            .is_some_and(|c| c.iter().any(|w| w == lemma))
    }

    /// Does the object constraint hold for an object with this head lemma (None: no object)
    /// that does or does not name an actor?
    pub fn object_ok(
        &self,
        rule: &ObjectRule,
        object: Option<&str>,
        object_is_actor: bool,
    ) -> bool {
        match (rule, object) {
            (ObjectRule::Any, _) => true,
            (ObjectRule::NoObject, o) => o.is_none(),
            (ObjectRule::Actor, o) => o.is_some() && object_is_actor,
            (ObjectRule::InClass(c), Some(l)) => self.in_class(c, l),
            (ObjectRule::NotInClass(c), Some(l)) => !self.in_class(c, l),
            (ObjectRule::NotInClass(_), None) => true,
            (ObjectRule::Lemmas(ls), Some(l)) => ls.iter().any(|x| x == l),
            (ObjectRule::InClass(_) | ObjectRule::Lemmas(_), None) => false,
        }
    }
}

fn parse_targets(s: &str) -> Result<Vec<TargetSlot>, String> {
    if s == "-" {
        return Ok(Vec::new());
    }
    s.split('|')
        .map(|t| match t {
            "obj" => Ok(TargetSlot::Object),
            "clause" => Ok(TargetSlot::Clause),
            _ if t.starts_with("clause:") && t.len() > 7 => {
                Ok(TargetSlot::ClauseWith(t[7..].to_lowercase()))
            }
            "first" => Ok(TargetSlot::FirstActor),
            "governor" => Ok(TargetSlot::Governor),
            _ if t.starts_with("prep:") && t.len() > 5 => {
                Ok(TargetSlot::Prep(t[5..].to_lowercase()))
            }
            _ if t.starts_with("after:") => {
                let (word, skip) = t[6..]
                    .rsplit_once(':')
                    .and_then(|(w, k)| Some((w, k.parse::<usize>().ok()?)))
                    .filter(|(w, _)| !w.is_empty())
                    .ok_or_else(|| format!("target {t:?}: use after:WORD:SKIPPED"))?;
                Ok(TargetSlot::After {
                    word: word.to_lowercase(),
                    skip,
                })
            }
            _ => Err(format!(
                "target {t:?}: use obj, prep:WORD, clause, clause:AUX, first, governor, after:WORD:N or -"
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLASSES: &str = "deal = [\"deal\", \"agreement\"]\nattack = [\"attack\"]\n";

    #[test]
    fn skip_and_governor_slots() {
        let got = parse_targets("after:IN:1|governor|first").expect("valid");
        assert_eq!(
            got,
            [
                TargetSlot::After {
                    word: "in".into(),
                    skip: 1
                },
                TargetSlot::Governor,
                TargetSlot::FirstActor
            ]
        );
        assert!(parse_targets("after:in").is_err());
        assert!(parse_targets("after::2").is_err());
    }

    fn parse(rows: &str) -> Result<VerbDictionary, VerbError> {
        let text = format!("# test\nid\tcode\tverb\tobject\ttarget\texample\texpect\n{rows}");
        VerbDictionary::parse(&[("19", &text)], CLASSES, EventCodeTable::bundled())
    }

    #[test]
    fn patterns_parse_and_sort_by_specificity() {
        let d = parse("190.attack\t190\tattack\tactor\tobj\tX attacked Y.\tA>B\n057.strike.deal\t057\tstrike\t@deal\tprep:with\tX struck a deal with Y.\tA>B\n190.strike\t190\tstrike\t!@deal\tobj\tX struck Y.\tA>B\n043.carry.out\t043\tcarry out\t-\t-\tX carried out talks.\tA>-\n")
            .expect("valid");
        let strike: Vec<&str> = d.patterns_for("strike").map(|p| p.id.as_str()).collect();
        assert_eq!(strike, ["057.strike.deal", "190.strike"]);
        let p = d.patterns_for("carry").next().expect("carry out");
        assert_eq!(p.particle.as_deref(), Some("out"));
        assert!(p.targets.is_empty());
        assert!(d.object_ok(
            &ObjectRule::InClass("deal".into()),
            Some("agreement"),
            false
        ));
        assert!(!d.object_ok(&ObjectRule::NotInClass("deal".into()), Some("deal"), false));
        assert!(d.object_ok(&ObjectRule::NotInClass("deal".into()), None, false));
        assert!(!d.object_ok(&ObjectRule::Actor, Some("base"), false));
    }

    #[test]
    fn word_sequences_parse_and_match() {
        let w = WordSequence::parse("said * diplomatic_ties|full+ties").expect("parses");
        assert_eq!(w.pre.len(), 1);
        assert!(!w.pre[0].joined);
        assert_eq!(w.post.len(), 2);
        assert!(w.post[1].joined);
        assert_eq!(w.post[1].alternatives[1], ["full", "ties"]);
        assert!(w.matches(&["x", "said", "y"], &["diplomatic", "ties"]));
        assert!(w.matches(&["said"], &["new", "diplomatic", "full", "ties"]));
        assert!(!w.matches(&["said"], &["diplomatic", "new", "ties"]));
        assert!(!w.matches(&["x"], &["diplomatic", "ties"]));
        let j = WordSequence::parse("most_certainly_* ever").expect("parses");
        assert!(j.pre[0].joined && j.pre[1].joined);
        assert!(j.matches(&["a", "most", "certainly"], &["never", "ever"]));
        assert!(!j.matches(&["most", "certainly", "not"], &["ever"]));
        for bad in ["said", "* * x", "a__*", "* a|"] {
            assert!(WordSequence::parse(bad).is_err(), "{bad}");
        }
        let d = parse("a\t190\tattack\t-\tfirst\tx\tA>B\tsaid *\n").expect("eight columns");
        let p = d.patterns_for("attack").next().expect("pattern");
        assert_eq!(p.targets, [TargetSlot::FirstActor]);
        assert!(p.words.is_some());
        let e = parse("a\t190\tattack\t-\tobj\tx\tA>B\tsaid\n").expect_err("no verb");
        assert!(e.to_string().starts_with("19.tsv, line 3"), "{e}");
    }

    #[test]
    fn bundled_dictionary_parses_with_every_root_covered() {
        let d = VerbDictionary::bundled();
        assert!(
            d.patterns().len() >= 1000,
            "{} patterns",
            d.patterns().len()
        );
        for root in 1..=20 {
            let root = format!("{root:02}");
            assert!(
                d.patterns().iter().any(|p| p.code.starts_with(&root)),
                "no pattern for root {root}"
            );
        }
        for p in d.patterns() {
            assert!(!p.example.is_empty() && p.expect.contains('>'), "{}", p.id);
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        for (row, needle) in [
            ("a\t999\tattack\t-\tobj\tx\tA>B\n", "not a CAMEO event code"),
            ("a\t190\tattack\t@nope\tobj\tx\tA>B\n", "unknown noun class"),
            ("a\t190\tattack\t-\tsomewhere\tx\tA>B\n", "target"),
            ("a\t190\tattack\t-\tobj\tx\n", "7 tab-separated"),
            (
                "a\t190\tattack\t-\tobj\tx\tA>B\na\t190\thit\t-\tobj\tx\tA>B\n",
                "duplicate id",
            ),
        ] {
            let e = parse(row).expect_err(row);
            assert!(
                e.to_string().starts_with("19.tsv, line 3")
                    || e.to_string().starts_with("19.tsv, line 4"),
                "{e}"
            );
            assert!(e.to_string().contains(needle), "{e}");
        }
    }
}
