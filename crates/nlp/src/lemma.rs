//! [`Lemmatizer`]: suffix rules by XPOS tag plus an exception table, both learnt from the
//! training treebank.
//!
//! A rule says: optionally lowercase the form, cut `n` characters from its end and append a
//! string (`making` + VBG → cut 3, append `e`). For every XPOS tag and every word ending of
//! up to six characters the most frequent rule in training is kept; an unknown word takes the
//! rule of its longest known ending. Training words that the rules get wrong (irregular forms
//! such as `went` → `go`) go into the exception table, keyed by XPOS and form.

use crate::binio::{ByteReader, ByteWriter};
use crate::error::ModelErrorKind;
use crate::hash::{hash_str, mix};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

const MAX_SUFFIX: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    lowercase: bool,
    cut: u8,
    append: String,
}

/// Rule- and exception-based lemmatizer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lemmatizer {
    rules: Vec<Rule>,
    suffixes: FxHashMap<u64, u32>,
    exceptions: FxHashMap<u64, String>,
    /// Hashes of known lowercase words (training forms and lemmas, unlabeled text): a verb
    /// form whose rule gives an unknown stem ("resum") tries the spelling variants
    /// ("resume") and takes the first known one.
    known: FxHashSet<u64>,
}

#[inline]
fn key(xpos: &str, text: &str, kind: u64) -> u64 {
    mix(mix(hash_str(xpos), hash_str(text)), kind)
}

fn rule_for(form: &str, lemma: &str) -> Option<Rule> {
    for lowercase in [false, true] {
        let base: Cow<'_, str> = if lowercase {
            Cow::Owned(form.to_lowercase())
        } else {
            Cow::Borrowed(form)
        };
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let base_len = base.chars().count();
        let cut = base_len - common;
        if cut > 255 {
            return None;
        }
        let append: String = lemma.chars().skip(common).collect();
        // Prefer the case-keeping rule unless lowercasing shortens the change.
        if !lowercase
            && common == 0
            && base_len > 0
            && form.to_lowercase().chars().next() == lemma.chars().next()
        {
            continue;
        }
        return Some(Rule {
            lowercase,
            cut: cut as u8,
            append,
        });
    }
    None
}

fn apply<'a>(rule: &Rule, form: &'a str) -> Cow<'a, str> {
    if !rule.lowercase && rule.cut == 0 && rule.append.is_empty() {
        return Cow::Borrowed(form);
    }
    let base: Cow<'_, str> = if rule.lowercase {
        Cow::Owned(form.to_lowercase())
    } else {
        Cow::Borrowed(form)
    };
    let n = base.chars().count();
    if usize::from(rule.cut) > n || (usize::from(rule.cut) == n && rule.append.is_empty()) {
        return Cow::Borrowed(form);
    }
    let keep: usize = base
        .chars()
        .take(n - usize::from(rule.cut))
        .map(char::len_utf8)
        .sum();
    let mut out = String::with_capacity(keep + rule.append.len());
    out.push_str(&base[..keep]);
    out.push_str(&rule.append);
    Cow::Owned(out)
}

/// Endings of a lowercased form, shortest first: "", last char, last two chars, ...
fn endings(lower: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = lower
        .char_indices()
        .map(|(i, _)| i)
        .rev()
        .take(MAX_SUFFIX)
        .collect();
    std::iter::once(&lower[lower.len()..]).chain(starts.into_iter().map(move |s| &lower[s..]))
}

impl Lemmatizer {
    /// Learn rules and exceptions from `(form, xpos, lemma)` triples; `known_words` (plus the
    /// training forms and lemmas) is the vocabulary that checks verb stems.
    pub fn train<'a>(
        words: impl IntoIterator<Item = (&'a str, &'a str, &'a str)> + Clone,
        known_words: impl IntoIterator<Item = &'a str>,
    ) -> Lemmatizer {
        let mut known = FxHashSet::default();
        for w in known_words {
            known.insert(hash_str(&w.to_lowercase()));
        }
        for (form, _, lemma) in words.clone() {
            known.insert(hash_str(&form.to_lowercase()));
            if lemma != "_" {
                known.insert(hash_str(&lemma.to_lowercase()));
            }
        }
        let mut rule_ids: FxHashMap<Rule, u32> = FxHashMap::default();
        let mut rules: Vec<Rule> = Vec::new();
        // (xpos, ending) -> rule -> count
        let mut stats: FxHashMap<(String, String), FxHashMap<u32, u32>> = FxHashMap::default();
        for (form, xpos, lemma) in words.clone() {
            if lemma == "_" {
                continue;
            }
            let Some(rule) = rule_for(form, lemma) else {
                continue;
            };
            let next = rules.len() as u32;
            let id = *rule_ids.entry(rule.clone()).or_insert(next);
            if id == next {
                rules.push(rule);
            }
            let lower = form.to_lowercase();
            for e in endings(&lower) {
                *stats
                    .entry((xpos.to_string(), e.to_string()))
                    .or_default()
                    .entry(id)
                    .or_insert(0) += 1;
            }
        }
        let best_of = |m: &FxHashMap<u32, u32>| -> (u32, u32) {
            m.iter()
                .map(|(&r, &c)| (c, u32::MAX - r))
                .max()
                .map_or((0, 0), |(c, r)| (u32::MAX - r, c))
        };
        let mut keys: Vec<&(String, String)> = stats.keys().collect();
        keys.sort();
        let mut suffixes = FxHashMap::default();
        for k in keys {
            let (xpos, ending) = k;
            let (rule, count) = best_of(&stats[k]);
            let parent = if ending.is_empty() {
                None
            } else {
                let mut cs = ending.chars();
                cs.next();
                stats
                    .get(&(xpos.clone(), cs.as_str().to_string()))
                    .map(|m| best_of(m).0)
            };
            if (count >= 2 || ending.is_empty()) && parent != Some(rule) {
                suffixes.insert(key(xpos, ending, 1), rule);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            suffixes,
            exceptions: FxHashMap::default(),
            known,
        };
        let mut exceptions: FxHashMap<(String, String), FxHashMap<String, u32>> =
            FxHashMap::default();
        for (form, xpos, lemma) in words {
            if lemma == "_" {
                continue;
            }
            *exceptions
                .entry((xpos.to_string(), form.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_insert(0) += 1;
        }
        let mut exc: Vec<((String, String), String)> = exceptions
            .into_iter()
            .map(|(k, m)| {
                let mut v: Vec<(String, u32)> = m.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                (k, v.into_iter().next().map(|(l, _)| l).unwrap_or_default())
            })
            .collect();
        exc.sort();
        for ((xpos, form), lemma) in exc {
            if lem.by_rule_checked(&form, &xpos) != lemma {
                lem.exceptions.insert(key(&xpos, &form, 2), lemma);
            }
        }
        lem
    }

    fn by_rule<'a>(&self, form: &'a str, xpos: &str) -> Cow<'a, str> {
        let lower = form.to_lowercase();
        let mut found = None;
        for e in endings(&lower) {
            if let Some(&r) = self.suffixes.get(&key(xpos, e, 1)) {
                found = Some(r);
            }
        }
        match found.and_then(|r| self.rules.get(r as usize)) {
            Some(rule) => apply(rule, form),
            None => Cow::Borrowed(form),
        }
    }

    /// The rule's lemma, or for an `-ed`/`-ing` verb form whose rule gives an unknown stem,
    /// the first known spelling variant (restored `e`, plain cut, undoubled consonant).
    fn by_rule_checked<'a>(&self, form: &'a str, xpos: &str) -> Cow<'a, str> {
        let lemma = self.by_rule(form, xpos);
        if self.known.is_empty()
            || !matches!(xpos, "VBD" | "VBN" | "VBG")
            || self.known.contains(&hash_str(&lemma.to_lowercase()))
        {
            return lemma;
        }
        let lower = form.to_lowercase();
        let stem = lower
            .strip_suffix("ed")
            .or_else(|| lower.strip_suffix("ing"))
            .unwrap_or("");
        if stem.len() < 2 {
            return lemma;
        }
        let mut undoubled = stem.chars();
        let last = undoubled.next_back();
        let doubled = last.is_some() && undoubled.clone().next_back() == last;
        let candidates = [
            Some(format!("{stem}e")),
            Some(stem.to_string()),
            doubled.then(|| undoubled.as_str().to_string()),
        ];
        for c in candidates.into_iter().flatten() {
            if self.known.contains(&hash_str(&c)) {
                return Cow::Owned(c);
            }
        }
        lemma
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma<'a>(&'a self, form: &'a str, xpos: &str) -> Cow<'a, str> {
        if let Some(l) = self.exceptions.get(&key(xpos, form, 2)) {
            return Cow::Borrowed(l.as_str());
        }
        self.by_rule_checked(form, xpos)
    }

    /// Serialise into a model file (sorted, so the bytes are deterministic).
    pub fn write(&self, w: &mut ByteWriter) {
        w.len(self.rules.len());
        for r in &self.rules {
            w.u8(u8::from(r.lowercase));
            w.u8(r.cut);
            w.str(&r.append);
        }
        let mut s: Vec<(u64, u32)> = self.suffixes.iter().map(|(&k, &v)| (k, v)).collect();
        s.sort_unstable();
        w.len(s.len());
        for (k, v) in s {
            w.u64(k);
            w.u32(v);
        }
        let mut e: Vec<(u64, &String)> = self.exceptions.iter().map(|(&k, v)| (k, v)).collect();
        e.sort_unstable();
        w.len(e.len());
        for (k, v) in e {
            w.u64(k);
            w.str(v);
        }
        let mut known: Vec<u64> = self.known.iter().copied().collect();
        known.sort_unstable();
        w.len(known.len());
        for k in known {
            w.u64(k);
        }
    }

    /// Read back what [`Lemmatizer::write`] wrote.
    pub fn read(r: &mut ByteReader<'_>) -> Result<Lemmatizer, ModelErrorKind> {
        let n = r.len(6)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let lowercase = r.u8()? != 0;
            let cut = r.u8()?;
            let append = r.str()?;
            rules.push(Rule {
                lowercase,
                cut,
                append,
            });
        }
        let m = r.len(12)?;
        let mut suffixes = FxHashMap::with_capacity_and_hasher(m, Default::default());
        for _ in 0..m {
            let k = r.u64()?;
            let v = r.u32()?;
            if v as usize >= n {
                return Err(ModelErrorKind::Invalid("lemma rule out of range"));
            }
            suffixes.insert(k, v);
        }
        let e = r.len(12)?;
        let mut exceptions = FxHashMap::with_capacity_and_hasher(e, Default::default());
        for _ in 0..e {
            let k = r.u64()?;
            let v = r.str()?;
            exceptions.insert(k, v);
        }
        let k = r.len(8)?;
        let mut known = FxHashSet::with_capacity_and_hasher(k, Default::default());
        for _ in 0..k {
            known.insert(r.u64()?);
        }
        Ok(Lemmatizer {
            rules,
            suffixes,
            exceptions,
            known,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_generalise_and_exceptions_memorise() {
        let data = vec![
            ("making", "VBG", "make"),
            ("taking", "VBG", "take"),
            ("baking", "VBG", "bake"),
            ("walking", "VBG", "walk"),
            ("talking", "VBG", "talk"),
            ("went", "VBD", "go"),
            ("walked", "VBD", "walk"),
            ("jumped", "VBD", "jump"),
            ("The", "DT", "the"),
            ("John", "NNP", "John"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
        ];
        let lem = Lemmatizer::train(data.iter().copied(), ["resume", "shell"]);
        assert_eq!(lem.lemma("went", "VBD"), "go");
        // The rule cuts "ed"; the known vocabulary restores the stem's spelling.
        assert_eq!(lem.lemma("resumed", "VBD"), "resume");
        assert_eq!(lem.lemma("shelling", "VBG"), "shell");
        assert_eq!(lem.lemma("kicked", "VBD"), "kick");
        assert_eq!(lem.lemma("raking", "VBG"), "rake");
        assert_eq!(lem.lemma("birds", "NNS"), "bird");
        assert_eq!(lem.lemma("The", "DT"), "the");
        assert_eq!(lem.lemma("Mary", "NNP"), "Mary");
    }
}
