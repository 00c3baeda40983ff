//! `attack-noun-agent`: harm in the passive put down to an attack noun whose agent is named
//! there or by the reporter: "twenty people were killed in Israeli air strikes on Gaza"
//! (ISR → PSE, 195: the noun's own modifier or its "by" phrase names the attacker), "37
//! militants were killed in two strikes, the U.S. military said" (USAMIL → REB: a military
//! reporting its own kind of strike is the one that struck). The victims are the target, else
//! the noun's "on"/"against" phrase (a place standing for its country). Wire stories give most
//! of their attacks this way; a verb with its own agent is the `verb-pattern` rule's and a
//! bombing with no agent at all the `unattributed-attack` rule's. The rule is data
//! (`attack_noun_agent` in `coding_rules.toml`): the noun class, the verbs of harm, the
//! prepositions, the nouns and roles for which the reporter is the agent, the codes by noun.

use dyad_core::event::ActorRef;
use dyad_lexicon::AttackNounAgent as Rule;

use crate::rules::ClauseCoder;
use crate::sentence::{
    actor_ref, attack_noun_code, has_role, verb_text, with_compound_keys, Candidate, Clause,
    Modality, Resolved,
};

/// The rule's name, cited by the events it makes.
const NAME: &str = "attack-noun-agent";

/// The rule name cited when the reporting actor is taken for the attacker.
const REPORTER: &str = "reporter-as-agent";

/// Codes harm put down to an attack whose agent the sentence names.
pub(crate) struct AttackNounAgent;

impl ClauseCoder for AttackNounAgent {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let Some(rule) = &d.rules.attack_noun_agent else {
            return;
        };
        let t = s.tree;
        let lemma = d.verb_lemma(t, s.forms[v], v).unwrap_or_else(|| t.lemma(v));
        let passive = t.children_rel(v, "aux:pass").next().is_some();
        if !rule.verbs.contains(&lemma) || !passive || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let Some(attack) = t.children_rel(v, "obl").find(|&k| {
            t.case_of(k).is_some_and(|case| rule.cases.contains(&case))
                && with_compound_keys(s, k)
                    .iter()
                    .any(|w| d.verbs.in_class(&rule.class, w))
        }) else {
            return;
        };
        // the longest key first: "air strike" before "strike"
        let mut keys = with_compound_keys(s, attack);
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        let (source, via_reporter) = match noun_agent(c, rule, attack) {
            Some(r) => (r, false),
            None if keys.iter().any(|k| rule.reporter_nouns.contains(k)) => {
                match reporter(c, rule) {
                    Some(r) => (r, true),
                    None => return,
                }
            }
            None => return,
        };
        let (code, noun) = attack_noun_code(d, &rule.class, &rule.code, &keys);
        let mut targets = t
            .children_rel(v, "nsubj:pass")
            .next()
            .map(|o| d.phrase_actors(s, o))
            .unwrap_or_default();
        if targets.is_empty() {
            targets = noun_targets(c, rule, attack);
        }
        targets.retain(|r| r.code != source.code);
        let verb = verb_text(s, v, None);
        let make = |target: ActorRef, extra: &[&'static str]| {
            let mut candidate = Candidate::asserted(
                NAME,
                v,
                (code, format!("attack-noun.{noun}")),
                &verb,
                actor_ref(s, &source),
                target,
            );
            candidate.rules.extend(source.rules.iter().copied());
            if via_reporter {
                candidate.rules.push(REPORTER);
            }
            candidate.rules.extend(extra.iter().copied());
            candidate
        };
        if targets.is_empty() {
            out.push(make(ActorRef::none(), &[]));
        }
        for r in &targets {
            out.push(make(actor_ref(s, r), &r.rules));
        }
    }
}

/// The attacker the attack noun's own words name: a modifier ("Israeli air strikes", "U.S.
/// strikes") or an agent phrase ("an attack by Taliban fighters").
fn noun_agent(c: &Clause<'_>, rule: &Rule, attack: usize) -> Option<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let t = s.tree;
    t.children(attack)
        .iter()
        .copied()
        .find_map(|m| match t.rel(m) {
            "amod" | "compound" | "nmod:poss" => d.resolve(s, m),
            "nmod"
                if t.case_of(m)
                    .is_some_and(|case| rule.agent_cases.contains(&case)) =>
            {
                d.phrase_actors(s, m).into_iter().next()
            }
            _ => None,
        })
}

/// The actor reporting the clause ("…, the U.S. military said"), when its role is one that
/// strikes.
fn reporter(c: &Clause<'_>, rule: &Rule) -> Option<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let subject = d.reporter_subject(s.tree, c.verb)?;
    d.phrase_actors(s, subject)
        .into_iter()
        .find(|r| has_role(&r.code, &rule.reporter_roles))
}

/// The target the attack noun's own phrase names ("strikes on Gaza").
fn noun_targets(c: &Clause<'_>, rule: &Rule, attack: usize) -> Vec<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let t = s.tree;
    let Some(k) = t.children_rel(attack, "nmod").find(|&k| {
        t.case_of(k)
            .is_some_and(|case| rule.target_cases.contains(&case))
    }) else {
        return Vec::new();
    };
    let actors = d.phrase_actors(s, k);
    if actors.is_empty() {
        d.place_target(s, k)
    } else {
        actors
    }
}
