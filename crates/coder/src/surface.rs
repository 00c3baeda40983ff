//! Surface-word checks and the first-actor targets, for patterns that ask for them.
//!
//! Dictionaries converted from PETRARCH say which words must stand before and after a verb
//! (`WordSequence`) and take as target the first actor of the verb's phrase
//! (`TargetSlot::FirstActor`), or the first one after a word of it and some noun phrases
//! (`TargetSlot::After`, PETRARCH's `IN ^ +`). This module finds the verb's phrase on the dependency tree —
//! the words after the verb in its subtree, leaving out its subject, coordinated verbs and
//! parenthetical clauses — and checks those patterns there. It never changes how a pattern
//! without surface words or without the first-actor slot is coded, so dyad's own dictionaries
//! code exactly as before.

use dyad_lexicon::verbs::VerbPattern;

use crate::dictionaries::Dictionaries;
use crate::sentence::{Resolved, SentenceContext};

/// Relations of a verb's children that are not part of its phrase.
const NOT_IN_PHRASE: [&str; 7] = [
    "nsubj",
    "csubj",
    "conj",
    "parataxis",
    "cc",
    "expl",
    "discourse",
];

impl Dictionaries<'_> {
    /// Do the pattern's surface words hold around verb `v`? (True when it asks for none.)
    pub(crate) fn words_hold(&self, s: &SentenceContext<'_>, v: usize, p: &VerbPattern) -> bool {
        let Some(words) = &p.words else {
            return true;
        };
        let lower: Vec<String> = s.forms.iter().map(|f| f.to_lowercase()).collect();
        let before: Vec<&str> = lower[..v].iter().map(String::as_str).collect();
        let after: Vec<&str> = verb_phrase(s, v)
            .into_iter()
            .map(|i| lower[i].as_str())
            .collect();
        words.matches(&before, &after)
    }

    /// The word form itself as a dictionary entry, for dictionaries keyed by form.
    pub(crate) fn form_entry(&self, form: &str) -> Option<String> {
        let f = form.to_lowercase();
        self.verbs.patterns_for(&f).next().is_some().then_some(f)
    }

    /// The country of a role noun named by a prepositional phrase on it, for the prepositions
    /// the rules list (`agent_country_cases`: "soldiers from Gondor"); none in dyad's own rules.
    /// Returns the country's code and entry id.
    pub(crate) fn country_by_case(
        &self,
        s: &SentenceContext<'_>,
        h: usize,
    ) -> Option<(String, String)> {
        let t = s.tree;
        let cases = &self.rules.agent_country_cases;
        if cases.is_empty() {
            return None;
        }
        let country = |w: usize| {
            let e = self.actors.entry(s.matches[s.owner[w]?].entry);
            (e.kind == dyad_lexicon::actors::ActorKind::Country)
                .then(|| (e.code.clone(), e.id.clone()))
        };
        self.case_phrases(s, h).into_iter().find_map(|c| {
            let case = t.case_of(c)?;
            if !cases.contains(&case) {
                return None;
            }
            // the phrase's head or a word of it ("soldiers from Gondor wire tapped" with
            // "Gondor wire" read as one phrase)
            country(c).or_else(|| t.phrase(c).into_iter().find_map(country))
        })
    }

    /// The prepositional phrases that can give role noun `h` its country: its own, and for a
    /// later conjunct those after it on the coordination's first noun ("lawmakers and
    /// officials in Fornost": the officials are in Fornost too). Only when the rules name
    /// such prepositions (`agent_country_cases`).
    pub(crate) fn case_phrases(&self, s: &SentenceContext<'_>, h: usize) -> Vec<usize> {
        let t = s.tree;
        if self.rules.agent_country_cases.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<usize> = t.children_rel(h, "nmod").collect();
        if out.is_empty() && t.rel(h) == "conj" {
            if let Some(g) = t.head(h) {
                out.extend(t.children_rel(g, "nmod").filter(|&c| c > h));
            }
        }
        out
    }

    /// The first actor named in the phrase of verb `v`, in sentence order, with its conjuncts.
    pub(crate) fn first_actor(&self, s: &SentenceContext<'_>, v: usize) -> Vec<Resolved> {
        self.first_actor_after(s, v, v)
    }

    /// The first word of verb `v`'s phrase with this (lower-cased) form.
    pub(crate) fn word_in_phrase(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        word: &str,
    ) -> Option<usize> {
        verb_phrase(s, v)
            .into_iter()
            .find(|&i| s.forms[i].eq_ignore_ascii_case(word))
    }

    /// The first actor of verb `v`'s phrase after `word` of it and the `skip` noun phrases
    /// right after that word (PETRARCH's `IN ^ +`); none when the word is not in the phrase.
    pub(crate) fn actor_after(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        word: &str,
        skip: usize,
    ) -> Vec<Resolved> {
        let t = s.tree;
        let Some(anchor) = self.word_in_phrase(s, v, word) else {
            return Vec::new();
        };
        let mut from = anchor;
        let mut left = skip;
        for w in verb_phrase(s, v).into_iter().filter(|&w| w > anchor) {
            if left == 0 {
                break;
            }
            // each noun phrase counted once, at its head (not at its compounds or names)
            let nominal = matches!(t.words[w].upos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM");
            if nominal && !matches!(t.rel(w), "compound" | "flat" | "fixed" | "nummod") {
                from = w;
                left -= 1;
            }
        }
        if left > 0 {
            return Vec::new();
        }
        self.first_actor_after(s, v, from)
    }

    /// The first actor of verb `v`'s phrase starting after word `from`.
    fn first_actor_after(&self, s: &SentenceContext<'_>, v: usize, from: usize) -> Vec<Resolved> {
        let t = s.tree;
        let phrase = verb_phrase(s, v);
        for &w in phrase.iter().filter(|&&w| w > from) {
            if s.owner[w].is_none() || s.sponsors.contains(&w) {
                continue;
            }
            // climb from the matched word to the head of its noun phrase
            let mut h = w;
            while let Some(up) = t.head(h) {
                let inside = matches!(t.rel(h), "compound" | "flat" | "amod" | "det" | "fixed")
                    || t.deprel(h) == "nmod:poss";
                if !inside || up == v || !phrase.contains(&up) {
                    break;
                }
                h = up;
            }
            let found = self.phrase_actors(s, h);
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }
}

/// The words of verb `v`'s phrase after the verb, in sentence order: its subtree without its
/// subject, coordinated verbs (a conjunct with no coordinator is kept) and parenthetical
/// clauses.
fn verb_phrase(s: &SentenceContext<'_>, v: usize) -> Vec<usize> {
    let t = s.tree;
    let mut out = Vec::new();
    let mut stack: Vec<usize> = t
        .children(v)
        .iter()
        .copied()
        // a conjunct without "and"/"or" is a clause the parser failed to subordinate
        // ("postponed their meeting after a hafling was reported ...")
        .filter(|&c| {
            !NOT_IN_PHRASE.contains(&t.rel(c))
                || (t.rel(c) == "conj" && t.children_rel(c, "cc").next().is_none())
        })
        .collect();
    while let Some(cur) = stack.pop() {
        out.push(cur);
        stack.extend(t.children(cur).iter().copied());
    }
    out.retain(|&i| i > v);
    out.sort_unstable();
    out
}
