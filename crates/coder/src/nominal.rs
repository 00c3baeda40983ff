//! Events that a noun names rather than a verb with its own actors: "a strike last week that
//! killed a commander" (the strike's actor is whoever launched it, the subject of the verb
//! above the noun), "the first meeting took place Jan. 27" (the meeting is the document's
//! latest event of its kind, again at the new clause's date), and which of several events of
//! a sentence the deaths belong to. Everything here works on the sentence's tree and the
//! document's earlier events; it must never invent an actor that no earlier clause or event
//! named. Reactions named by a noun are here too: "these strikes have led to condemnation
//! from the Iraqi government" (IRQGOV criticised whoever carried out the strikes).

use dyad_core::ParsedSegment;
use dyad_tree::Tree;

use crate::event::ActorRef;
use crate::event::Event;
use crate::state::Antecedent;
use crate::{actor_ref, verb_text, word_keys, Coder, Modality, Resolved, Scope};

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

impl Coder<'_> {
    /// Is word `i` a noun of one of the classes in `classes`?
    fn noun_in(&self, s: &Scope<'_>, i: usize, classes: &[String]) -> bool {
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
    pub(crate) fn event_noun_agents(&self, s: &Scope<'_>, noun: usize) -> Vec<Resolved> {
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

    /// "The first meeting took place Jan. 27": a happening verb whose subject is an event
    /// noun naming no actor codes again the document's most recent event of a root the
    /// noun's class can stand for (every event of that sentence with its code: both
    /// directions of a reciprocal meeting), grounded at this clause.
    pub(crate) fn code_happening(
        &self,
        s: &Scope<'_>,
        seg: &ParsedSegment,
        v: usize,
        out: &mut Vec<Event>,
    ) {
        let t = s.tree;
        let r = self.rules;
        let lemma = t.lemma(v);
        let object = t.children_rel(v, "obj").next();
        let Some(happening) = r.happening_verbs.iter().find(|h| {
            let mut parts = h.split_whitespace();
            parts.next() == Some(lemma.as_str())
                && match parts.next() {
                    Some(o) => object.is_some_and(|x| t.lemma(x) == o),
                    None => object.is_none(),
                }
        }) else {
            return;
        };
        let Some(subject) = t.children_rel(v, "nsubj").next() else {
            return;
        };
        if !self.phrase_actors(s, subject).is_empty() || self.modality(t, v) != Modality::Asserted {
            return;
        }
        let Some(last) = self.antecedent(s, subject) else {
            return;
        };
        let verb_text = verb_text(s, v, object);
        for a in s
            .recent
            .iter()
            .filter(|a| a.sentence_index == last.sentence_index && a.cameo == last.cameo)
        {
            let rule = format!("happening.{}<{}", happening.replace(' ', "-"), a.rule);
            if let Some(e) = self.grounded_event(
                s,
                seg,
                v,
                &a.cameo,
                &rule,
                &verb_text,
                a.source.clone(),
                a.target.clone(),
            ) {
                out.push(e);
            }
        }
    }

    /// The document's most recent event of a root that event noun `noun`'s class can stand
    /// for (`antecedent_roots`).
    fn antecedent<'s>(&self, s: &Scope<'s>, noun: usize) -> Option<&'s Antecedent> {
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
    fn antecedent_sources(&self, s: &Scope<'_>, noun: usize) -> Vec<(ActorRef, String)> {
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

    /// "These strikes have led to condemnation from the Iraqi government": a verb of
    /// causing whose object (or prepositional object) is a reaction noun with its actor in a
    /// "from"/"by" phrase codes that actor's reaction against the actor behind the subject:
    /// an actor the subject names, or the source of the earlier event an event noun stands
    /// for.
    pub(crate) fn code_reaction(
        &self,
        s: &Scope<'_>,
        seg: &ParsedSegment,
        v: usize,
        out: &mut Vec<Event>,
    ) {
        let t = s.tree;
        let r = self.rules;
        if !r.reaction_verbs.iter().any(|w| *w == t.lemma(v)) {
            return;
        }
        let Some((noun, code)) = t
            .children(v)
            .iter()
            .copied()
            .filter(|&c| matches!(t.rel(c), "obj" | "obl"))
            .find_map(|c| {
                word_keys(s, c)
                    .iter()
                    .find_map(|k| r.reaction_codes.get(k))
                    .map(|code| (c, code))
            })
        else {
            return;
        };
        let reactors: Vec<Resolved> = t
            .children_rel(noun, "nmod")
            .filter(|&c| matches!(t.case_of(c).as_deref(), Some("from" | "by")))
            .flat_map(|c| self.phrase_actors(s, c))
            .collect();
        if reactors.is_empty() || self.modality(t, v) != Modality::Asserted {
            return;
        }
        let Some(subject) = t.children_rel(v, "nsubj").next() else {
            return;
        };
        let named = self.phrase_actors(s, subject);
        let targets: Vec<(ActorRef, Option<String>)> = if named.is_empty() {
            self.antecedent_sources(s, subject)
                .into_iter()
                .map(|(a, rule)| (a, Some(rule)))
                .collect()
        } else {
            named.iter().map(|n| (actor_ref(s, n), None)).collect()
        };
        let verb_text = verb_text(s, v, None);
        let noun_lemma = t.lemma(noun);
        for src in &reactors {
            for (tgt, antecedent) in &targets {
                if tgt.code.as_deref() == Some(src.code.as_str()) {
                    continue;
                }
                let rule = match antecedent {
                    Some(a) => format!("reaction.{noun_lemma}.{}<{a}", t.lemma(v)),
                    None => format!("reaction.{noun_lemma}.{}", t.lemma(v)),
                };
                if let Some(e) = self.grounded_event(
                    s,
                    seg,
                    v,
                    code,
                    &rule,
                    &verb_text,
                    actor_ref(s, src),
                    tgt.clone(),
                ) {
                    out.push(e);
                }
            }
        }
    }
}
