//! Subjects the parser splits or hides: a second subject of the same verb, the actor a
//! subject pronoun of a complement clause stands for, and (when the rules say so) the subject
//! of a passive without an agent.
//!
//! "Fornost and the evil awful Gondor welcomed ..." can come out of the parser with two
//! `nsubj` children of one verb with "and" between them; both are the verb's subjects (and so
//! is a caseless noun phrase right beside a subject that names no actor: "Old foes Gondor and
//! Osgiliath", "the official news agency WFNA said"). "Ethiopia indicated it would act" has
//! the pronoun "it" as the subject of a complement clause; it stands for the subject of the
//! verb that governs the clause. This module only finds actors for subjects; it never
//! decides what is coded.

use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::sentence::{Resolved, SentenceContext};
use dyad_tree::Tree;

impl Dictionaries<'_> {
    /// Add the actors of further `nsubj` children of verb `v` (besides `subject`).
    pub(crate) fn add_co_subjects(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        subject: usize,
        passive: bool,
        sources: &mut Vec<Resolved>,
    ) {
        let t = s.tree;
        if passive || t.head(subject) != Some(v) {
            return;
        }
        let unnamed = sources.is_empty();
        let others: Vec<usize> = t
            .children(v)
            .iter()
            .copied()
            .filter(|&c| {
                c != subject
                    && (t.deprel(c) == "nsubj"
                        || (unnamed && t.is_nominal(c) && t.case_of(c).is_none() && c < v))
            })
            // coordinated: an "and" or "or" between the two ("minister Calimehtar" is one);
            // or, when the subject names no actor, a caseless noun phrase right beside it
            // ("Old foes Gondor and Osgiliath have renewed", "the official news agency WFNA
            // said": an apposition without its commas)
            .filter(|&c| {
                let (a, b) = (subject.min(c), subject.max(c));
                (t.deprel(c) == "nsubj" && (a + 1..b).any(|w| t.words[w].upos == "CCONJ"))
                    || (unnamed
                        && t.case_of(c).is_none()
                        && (t.last_of(subject) + 1 == t.first_of(c)
                            || t.last_of(c) + 1 == t.first_of(subject)))
            })
            .collect();
        for c in others {
            for r in self.phrase_actors(s, c) {
                if !sources.iter().any(|o| o.code == r.code) {
                    sources.push(r);
                }
            }
        }
    }

    /// Is verb `v` a passive without a `by` agent that the rules read as active, its subject
    /// the source (`agentless_passive_active`, PETRARCH mode: "The Philippines was criticized
    /// over its dispute with Eriador" → PHL → ERI)? Off in dyad's own rules.
    /// A stative participle ("is opposed to", "were engaged in", `stative_passives`) is read
    /// as active in dyad's rules too.
    pub(crate) fn passive_read_as_active(&self, t: &Tree<'_>, v: usize) -> bool {
        (self.rules.agentless_passive_active
            || CodingRules::has(&self.rules.stative_passives, &t.lemma(v)))
            // its own subject: a subjectless passive conjunct does not take the first verb's
            && t.children_rel(v, "nsubj:pass").next().is_some()
            && t.by_agent(v).is_none()
    }

    /// For a subject pronoun of a clause that complements another verb ("Ethiopia indicated
    /// it would act"), the actors of that verb's subject, when the rules ask for it
    /// (`pronoun_antecedents`; off in dyad's own rules).
    pub(crate) fn antecedent_actors(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        subject: usize,
    ) -> Vec<Resolved> {
        let t = s.tree;
        if !self.rules.pronoun_antecedents {
            return Vec::new();
        }
        let pronoun = t.words[subject].upos == "PRON"
            && CodingRules::has(
                &self.rules.subject_pronouns,
                &s.forms[subject].to_lowercase(),
            );
        if !pronoun || t.head(subject) != Some(v) || !matches!(t.rel(v), "ccomp" | "advcl") {
            return Vec::new();
        }
        let Some(governor) = t.head(v) else {
            return Vec::new();
        };
        match t.children_rel(governor, "nsubj").next() {
            Some(g) if g < subject => self.phrase_actors(s, g),
            _ => Vec::new(),
        }
    }
}
