//! Events that a noun names rather than a verb with its own actors: "a strike last week that
//! killed a commander" (the strike's actor is whoever launched it, the subject of the verb
//! above the noun), "the first meeting took place Jan. 27" (the meeting is the document's
//! latest event of its kind, again at the new clause's date), and which of several events of
//! a sentence the deaths belong to. Everything here works on the sentence's tree and the
//! document's earlier events; it must never invent an actor that no earlier clause or event
//! named. (The rules that code such events are `rules::happening` and `rules::reaction`.)

use crate::dictionaries::Dictionaries;
use crate::sentence::{word_keys, Modality, Resolved, SentenceContext};
use crate::state::Antecedent;
use dyad_core::event::{ActorRef, Event};
use dyad_tree::Tree;

/// A relative clause the parser hung on a time modifier of a noun ("a strike last week that
/// killed …", with "that killed" under "week") belongs to that noun.
pub(crate) fn host_of_time_modifier(t: &Tree<'_>, h: usize) -> usize {
    let temporal = matches!(
        t.deprel(h),
        "obl:tmod" | "obl:unmarked" | "nmod:tmod" | "nmod:unmarked"
    );
    match t.head(h) {
        Some(n) if temporal && matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN") => n,
        _ => h,
    }
}

/// Is `a` in the subtree of `b` (and not `b` itself)?
fn is_below(t: &Tree<'_>, a: usize, b: usize) -> bool {
    let mut cur = a;
    for _ in 0..t.words.len() {
        match t.head(cur) {
            Some(h) if h == b => return true,
            Some(h) => cur = h,
            None => return false,
        }
    }
    false
}

/// When two events of a sentence count the same dead ("launched strikes, including a strike
/// that killed a commander"), the deaths belong to the event whose verb is lower in the
/// tree: the clause that reports the killing, not the one around it.
pub(crate) fn give_deaths_to_the_killing(t: &Tree<'_>, verbs: &[usize], events: &mut [Event]) {
    let mut clear = Vec::new();
    for (i, a) in events.iter().enumerate() {
        if a.fatalities_text.is_none() {
            continue;
        }
        let lower = events.iter().enumerate().any(|(j, b)| {
            b.fatalities_text == a.fatalities_text
                && verbs.get(j) != verbs.get(i)
                && matches!((verbs.get(j), verbs.get(i)), (Some(&vb), Some(&va)) if is_below(t, vb, va))
        });
        if lower {
            clear.push(i);
        }
    }
    for i in clear {
        if let Some(e) = events.get_mut(i) {
            e.fatalities = None;
            e.fatalities_text = None;
        }
    }
}

impl Dictionaries<'_> {
    /// Is word `i` a noun of one of the classes in `classes`?
    fn noun_in(&self, s: &SentenceContext<'_>, i: usize, classes: &[String]) -> bool {
        word_keys(s, i)
            .iter()
            .any(|k| classes.iter().any(|c| self.verbs.in_class(c, k)))
    }

    /// The actors behind an event noun that names none of its own: the subject of the
    /// nearest verb above the noun, reached through object, oblique, nominal-modifier or
    /// conjunct relations ("the U.S. launched strikes …, including a strike that …"), when
    /// that verb's action is asserted (not denied, negated or hypothetical). An
    /// instrument ("with a drone that killed three") is part of its verb's own event and
    /// gives nothing.
    pub(crate) fn event_noun_agents(&self, s: &SentenceContext<'_>, noun: usize) -> Vec<Resolved> {
        let t = s.tree;
        if !self.noun_in(s, noun, &self.rules.event_noun_classes) {
            return Vec::new();
        }
        let mut cur = noun;
        for _ in 0..4 {
            if t.case_of(cur).as_deref() == Some("with")
                || !matches!(t.rel(cur), "obj" | "obl" | "nmod" | "conj" | "appos")
            {
                return Vec::new();
            }
            let Some(h) = t.head(cur) else {
                return Vec::new();
            };
            if t.words[h].upos == "VERB" {
                // "denied carrying out the attack that killed three": no one is said to
                // have carried it out
                if self.modality(t, h) != Modality::Asserted {
                    return Vec::new();
                }
                let passive = t.children_rel(h, "aux:pass").next().is_some();
                return match self.subject(t, h, passive) {
                    Some(subj) if subj != noun && !is_below(t, subj, noun) => self
                        .phrase_actors(s, subj)
                        .into_iter()
                        .map(|mut r| {
                            r.behind_event_noun = true;
                            r
                        })
                        .collect(),
                    _ => Vec::new(),
                };
            }
            cur = h;
        }
        Vec::new()
    }

    /// The document's most recent event of a root that event noun `noun`'s class can stand
    /// for (`antecedent_roots`).
    pub(crate) fn antecedent<'s>(
        &self,
        s: &SentenceContext<'s>,
        noun: usize,
    ) -> Option<&'s Antecedent> {
        let keys = word_keys(s, noun);
        let roots: Vec<&str> = self
            .rules
            .antecedent_roots
            .iter()
            .filter(|(class, _)| keys.iter().any(|k| self.verbs.in_class(class, k)))
            .flat_map(|(_, roots)| roots.iter().map(String::as_str))
            .collect();
        s.recent
            .iter()
            .rev()
            .find(|a| roots.contains(&a.root.as_str()))
    }

    /// The actors an earlier event of the document gives an event noun that names none
    /// ("these strikes"): the sources of the most recent event of a root the noun's class
    /// can stand for, with the rule that coded it.
    pub(crate) fn antecedent_sources(
        &self,
        s: &SentenceContext<'_>,
        noun: usize,
    ) -> Vec<(ActorRef, String)> {
        let Some(last) = self.antecedent(s, noun) else {
            return Vec::new();
        };
        let mut out: Vec<(ActorRef, String)> = Vec::new();
        for a in s
            .recent
            .iter()
            .filter(|a| a.sentence_index == last.sentence_index && a.root == last.root)
        {
            if !out.iter().any(|(o, _)| o.code == a.source.code) {
                out.push((a.source.clone(), a.rule.clone()));
            }
        }
        out
    }
}
