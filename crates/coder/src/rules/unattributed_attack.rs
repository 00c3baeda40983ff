//! `unattributed-attack`: bombings reported without an attacker: "a roadside bombing killed a soldier", "three
//! civilians were killed in a car bombing". The only agent the sentence names is the attack;
//! CAMEO and PLOVER code such events with an unidentified armed attacker (actor type UAF) and
//! the victims as target. A weapon alone ("killed by a roadside bomb") is no attack and gives
//! nothing. The rule is data (`unattributed_attack` in `coding_rules.toml`): the noun class of
//! attacks, the verbs of harm, the prepositions of a passive that name the attack, the event
//! code and the attacker's code. The attacker's text is the attack's phrase and its entry
//! names the noun class, so the event still says which words made it.

use crate::rules::ClauseCoder;
use crate::sentence::{
    actor_ref, verb_text, with_compound_keys, Candidate, Clause, Modality, SentenceContext,
};
use dyad_core::event::ActorRef;

/// The rule's name, cited by the events it makes.
const NAME: &str = "unattributed-attack";

/// Codes an attack whose only agent is the attack noun.
pub(crate) struct UnattributedAttack;

impl ClauseCoder for UnattributedAttack {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let Some(rule) = &d.rules.unattributed_attack else {
            return;
        };
        let t = s.tree;
        let lemma = d.verb_lemma(t, s.forms[v], v).unwrap_or_else(|| t.lemma(v));
        if !rule.verbs.contains(&lemma) || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let is_attack = |k: usize| {
            with_compound_keys(s, k)
                .iter()
                .any(|w| d.verbs.in_class(&rule.class, w))
                && d.phrase_actors(s, k).is_empty()
        };
        let passive = t.children_rel(v, "nsubj:pass").next().is_some()
            || t.children_rel(v, "aux:pass").next().is_some();
        let (attack, victims) = if passive {
            let attack = t.children_rel(v, "obl").find(|&c| {
                t.case_of(c).is_some_and(|case| rule.cases.contains(&case)) && is_attack(c)
            });
            (attack, t.children_rel(v, "nsubj:pass").next())
        } else {
            (
                t.children_rel(v, "nsubj").find(|&c| is_attack(c)),
                t.children_rel(v, "obj").next(),
            )
        };
        let Some(attack) = attack else {
            return;
        };
        let text = phrase_text(s, attack);
        let source = ActorRef {
            text,
            code: Some(rule.source.clone()),
            entry: Some(format!("unattributed-{}", rule.class)),
            country: None,
        };
        let targets = victims.map(|o| d.phrase_actors(s, o)).unwrap_or_default();
        let id = format!("unattributed.{}", rule.class);
        let verb = verb_text(s, v, None);
        if targets.is_empty() {
            out.push(Candidate::asserted(
                NAME,
                v,
                (&rule.code, id),
                &verb,
                source,
                ActorRef::none(),
            ));
            return;
        }
        for r in &targets {
            let mut candidate = Candidate::asserted(
                NAME,
                v,
                (&rule.code, id.clone()),
                &verb,
                source.clone(),
                actor_ref(s, r),
            );
            candidate.rules.extend(r.rules.iter().copied());
            out.push(candidate);
        }
    }
}

/// The text of the phrase headed by `h`, without its case marker and punctuation.
fn phrase_text(s: &SentenceContext<'_>, h: usize) -> Option<String> {
    let t = s.tree;
    t.phrase(h)
        .into_iter()
        .filter(|&w| !matches!(t.rel(w), "case" | "punct"))
        .fold(None, |span: Option<(usize, usize)>, w| {
            let sp = t.words[w].span;
            Some(span.map_or((sp.start, sp.end), |(a, b)| {
                (a.min(sp.start), b.max(sp.end))
            }))
        })
        .and_then(|(a, b)| s.ctx.text.get(a..b))
        .map(str::to_string)
}
