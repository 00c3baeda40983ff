//! `reaction`: "These strikes have led to condemnation from the Iraqi government": a verb of
//! causing (`reaction_verbs` in the coding rules: "lead", "draw", "prompt") whose object or
//! prepositional object is a reaction noun (`reaction_codes`: condemnation → 111) with its
//! actor in a "from"/"by" phrase codes that actor's reaction against the actor behind the
//! subject: an actor the subject names, or the source of the earlier event an event noun
//! stands for ("these strikes": whoever carried them out). Rule id
//! `reaction.NOUN.VERB[<RULE]`.

use dyad_lexicon::CodingRules;

use crate::rules::ClauseCoder;
use crate::sentence::{actor_ref, verb_text, word_keys, Candidate, Clause, Modality, Resolved};
use dyad_core::event::ActorRef;

/// The rule's name, cited by the events it makes.
const NAME: &str = "reaction";

/// Codes a reaction named by a noun.
pub(crate) struct Reaction;

impl ClauseCoder for Reaction {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let t = s.tree;
        let r = d.rules;
        if !r.reaction_verbs.iter().any(|w| *w == t.lemma(v)) {
            return;
        }
        let Some((noun, code)) = t
            .children(v)
            .iter()
            .copied()
            .filter(|&k| matches!(t.rel(k), "obj" | "obl"))
            .find_map(|k| {
                word_keys(s, k)
                    .iter()
                    .find_map(|w| r.reaction_codes.get(w))
                    .map(|code| (k, code))
            })
        else {
            return;
        };
        let reactors: Vec<Resolved> = t
            .children_rel(noun, "nmod")
            .filter(|&k| {
                t.case_of(k)
                    .is_some_and(|c| CodingRules::has(&r.reaction_actor_cases, &c))
            })
            .flat_map(|k| d.phrase_actors(s, k))
            .collect();
        if reactors.is_empty() || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let Some(subject) = t.children_rel(v, "nsubj").next() else {
            return;
        };
        let named = d.phrase_actors(s, subject);
        let targets: Vec<(ActorRef, Option<String>)> = if named.is_empty() {
            d.antecedent_sources(s, subject)
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
                let mut candidate = Candidate::asserted(
                    NAME,
                    v,
                    (code, rule),
                    &verb_text,
                    actor_ref(s, src),
                    tgt.clone(),
                );
                candidate.rules.extend(src.rules.iter().copied());
                out.push(candidate);
            }
        }
    }
}
