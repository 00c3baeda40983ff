//! `nominal-event`: events that a noun with its own agent names. An attack noun that is the
//! subject of an active verb of harm is the event, not the harm: "an Israeli air strike on
//! the city of Tyre killed nine civilians" is ISR → LBNCVL 195 (the noun's code, not the
//! verb's 190), "rockets fired by Hezbollah hit a train station in Haifa" LBNREB → ISR 195.
//! The agent is the noun's own modifier, possessive or "by" phrase, or the "by" agent of a
//! participle on it; the target the verb's victims (a bare role takes the country of the
//! place the noun names: "civilians" of Tyre are LBNCVL), else the noun's "on"/"against"
//! phrase, else the place the verb hit. This coder is asked first, so that the verb's own
//! pattern does not code the harm as well. And beside the verb's own event, an event noun of
//! the clause with an agent of its own is coded by the patterns of its verb, its "of"
//! phrase the object: "called for elections despite threats by Maoist rebels" (REB, 130:
//! threaten), "condemned the expulsion of six Indian diplomats by Canada" (CAN → INDGOV, 161:
//! expel diplomats); not a noun that the verb coding it already has as its object, nor an
//! event the clause already gave. A noun naming no agent gives nothing. The rule is data
//! (`nominal_event` in `coding_rules.toml`): the attack class, the verbs of harm, the
//! prepositions, the codes by attack noun, the event nouns and their verbs.

use dyad_core::event::{ActorRef, Event};
use dyad_lexicon::NominalEvent as Rule;

use crate::rules::ClauseCoder;
use crate::sentence::{
    actor_ref, attack_noun_code, root_of, verb_text, with_compound_keys, word_keys, Candidate,
    Clause, Modality, Resolved,
};

/// The rule's name, cited by the events it makes.
const NAME: &str = "nominal-event";

/// The rule name cited when a bare role of the victims takes the country of the place the
/// attack noun names.
const VICTIMS_PLACE: &str = "victims-place";

/// Codes events that nouns with their own agent name.
pub(crate) struct NominalEvent;

impl ClauseCoder for NominalEvent {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let Some(rule) = &d.rules.nominal_event else {
            return;
        };
        let t = s.tree;
        let passive = t.children_rel(v, "aux:pass").next().is_some()
            || t.children_rel(v, "nsubj:pass").next().is_some();
        if passive || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let lemma = d.verb_lemma(t, s.forms[v], v).unwrap_or_else(|| t.lemma(v));
        if !rule.verbs.contains(&lemma) {
            return;
        }
        let Some(attack) = d.subject(t, v, false) else {
            return;
        };
        // the longest key first: "air strike" before "strike"
        let mut keys = with_compound_keys(s, attack);
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        if !keys.iter().any(|k| d.verbs.in_class(&rule.class, k)) {
            return;
        }
        let Some(agent) = noun_agent(c, rule, attack) else {
            return;
        };
        // the whole phrase may name the agent more closely ("Turkish drones": the military)
        let source = d
            .phrase_actors(s, attack)
            .into_iter()
            .next()
            .filter(|r| r.country.is_some() && r.country == agent.country)
            .unwrap_or(agent);
        let (code, noun) = attack_noun_code(d, &rule.class, &rule.code, &keys);
        let mut targets = attack_targets(c, rule, attack);
        targets.retain(|r| r.code != source.code);
        let verb = verb_text(s, v, None);
        let make = |target: ActorRef, extra: &[&'static str]| {
            let mut candidate = Candidate::asserted(
                NAME,
                v,
                (code, format!("nominal.{noun}")),
                &verb,
                actor_ref(s, &source),
                target,
            );
            candidate.subject = Some(attack);
            candidate.lemma = lemma.clone();
            candidate.rules.extend(source.rules.iter().copied());
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

    fn code_nouns(&self, c: &Clause<'_>, coded: &[Event], out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let Some(rule) = &d.rules.nominal_event else {
            return;
        };
        let t = s.tree;
        for n in 0..t.words.len() {
            if t.words[n].upos != "NOUN" || clause_verb(c, n) != Some(v) {
                continue;
            }
            // ("denied the expulsion by Canada": an object is an event only of an asserted verb)
            if t.rel(n) == "obj" && d.modality(t, v) != Modality::Asserted {
                continue;
            }
            let Some(lemma) = word_keys(s, n).into_iter().find_map(|k| rule.nouns.get(&k)) else {
                continue;
            };
            let object = t
                .children_rel(n, "nmod")
                .find(|&k| {
                    t.case_of(k)
                        .is_some_and(|case| rule.object_cases.contains(&case))
                })
                .map(|k| d.through_quantity(t, k));
            // ("the expulsion of six diplomats by Canada": the parser may hang the agent
            // phrase on the object)
            let Some(source) =
                noun_agent(c, rule, n).or_else(|| object.and_then(|o| agent_phrase(c, rule, o)))
            else {
                continue;
            };
            let object_actors = object.map(|o| d.phrase_actors(s, o)).unwrap_or_default();
            let object_keys = object.map(|o| with_compound_keys(s, o)).unwrap_or_default();
            let fits = |p: &&dyad_lexicon::verbs::VerbPattern| {
                p.particle.is_none()
                    && p.words.is_none()
                    && if object_keys.is_empty() {
                        d.verbs.object_ok(&p.object, None, false)
                    } else {
                        object_keys.iter().any(|k| {
                            d.verbs
                                .object_ok(&p.object, Some(k), !object_actors.is_empty())
                        })
                    }
            };
            let Some(pattern) = d.verbs.patterns_for(lemma).find(fits) else {
                continue;
            };
            let mut targets = object_actors;
            targets.retain(|r| r.code != source.code);
            // an event the clause already gave
            let given = |target: &ActorRef| {
                coded.iter().any(|e| {
                    e.source.code.as_deref() == Some(source.code.as_str())
                        && e.target.code == target.code
                        && e.root == root_of(&pattern.code)
                })
            };
            let noun_text = verb_text(s, n, None);
            let make = |target: ActorRef, extra: &[&'static str]| {
                let mut candidate = Candidate::asserted(
                    NAME,
                    n,
                    (&pattern.code, format!("nominal.{}", pattern.id)),
                    &noun_text,
                    actor_ref(s, &source),
                    target,
                );
                candidate.lemma = lemma.clone();
                candidate.rules.extend(source.rules.iter().copied());
                candidate.rules.extend(extra.iter().copied());
                candidate
            };
            let mut candidates: Vec<Candidate> = if targets.is_empty() {
                vec![make(ActorRef::none(), &[])]
            } else {
                targets
                    .iter()
                    .map(|r| make(actor_ref(s, r), &r.rules))
                    .collect()
            };
            candidates.retain(|k| !given(&k.target));
            out.extend(candidates);
        }
    }
}

/// The verb whose clause noun `n` is in: the nearest verb above it.
fn clause_verb(c: &Clause<'_>, n: usize) -> Option<usize> {
    let t = c.sentence.tree;
    let mut cur = n;
    for _ in 0..t.words.len() {
        cur = t.head(cur)?;
        if t.words[cur].upos == "VERB" {
            return Some(cur);
        }
    }
    None
}

/// The agent the noun's own words name: a modifier ("Israeli air strikes"), a possessive
/// ("Canada's expulsion"), an agent phrase ("threats by Maoist rebels"), or the "by" agent of
/// a participle on the noun ("rockets fired by Hezbollah").
fn noun_agent(c: &Clause<'_>, rule: &Rule, noun: usize) -> Option<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let t = s.tree;
    t.children(noun)
        .iter()
        .copied()
        .find_map(|m| match t.rel(m) {
            "amod" | "compound" | "nmod:poss" if m < noun => d.resolve(s, m),
            "nmod" if is_agent_phrase(c, rule, m) => d.phrase_actors(s, m).into_iter().next(),
            "acl" if t.words[m].xpos == "VBN" => t
                .children_rel(m, "obl")
                .find(|&k| t.deprel(k) == "obl:agent" || t.case_of(k).as_deref() == Some("by"))
                .and_then(|k| d.phrase_actors(s, k).into_iter().next()),
            _ => None,
        })
}

/// Is `m` a phrase of an agent preposition ("by Maoist rebels")?
fn is_agent_phrase(c: &Clause<'_>, rule: &Rule, m: usize) -> bool {
    c.sentence
        .tree
        .case_of(m)
        .is_some_and(|case| rule.agent_cases.contains(&case))
}

/// The actor of an agent phrase on noun `n`.
fn agent_phrase(c: &Clause<'_>, rule: &Rule, n: usize) -> Option<Resolved> {
    let t = c.sentence.tree;
    t.children_rel(n, "nmod")
        .filter(|&m| is_agent_phrase(c, rule, m))
        .find_map(|m| c.dicts.phrase_actors(c.sentence, m).into_iter().next())
}

/// The targets of an attack noun that is the subject of verb of harm: the verb's victims (a
/// bare role with the country of the place the noun names), else the noun's "on"/"against"
/// phrase (a place standing for its country), else the place the verb hit (or the place of
/// the verb's phrase, when it hit something).
fn attack_targets(c: &Clause<'_>, rule: &Rule, attack: usize) -> Vec<Resolved> {
    let (d, s, v) = (c.dicts, c.sentence, c.verb);
    let t = s.tree;
    let on = t.children_rel(attack, "nmod").find(|&k| {
        t.case_of(k)
            .is_some_and(|case| rule.target_cases.contains(&case))
    });
    let on_actors = on.map(|k| d.phrase_actors(s, k)).unwrap_or_default();
    let on_place = match on {
        Some(k) if on_actors.is_empty() => d.place_target(s, k),
        _ => Vec::new(),
    };
    let object = t.children_rel(v, "obj").next();
    let victims = object
        .map(|o| d.phrase_actors(s, d.through_quantity(t, o)))
        .unwrap_or_default();
    if !victims.is_empty() {
        let country = on_place
            .iter()
            .chain(&on_actors)
            .find_map(|p| p.country.clone());
        return victims
            .into_iter()
            .map(|mut r| {
                if let (None, Some(country)) = (&r.country, &country) {
                    r.code = format!("{country}{}", r.code);
                    r.country = Some(country.clone());
                    r.rules.push(VICTIMS_PLACE);
                }
                r
            })
            .collect();
    }
    if !on_actors.is_empty() {
        return on_actors;
    }
    if !on_place.is_empty() {
        return on_place;
    }
    let hit = object.map(|o| d.place_target(s, o)).unwrap_or_default();
    if !hit.is_empty() {
        return hit;
    }
    // ("hit a market in Omdurman": the place phrase may hang on the verb)
    match object {
        Some(_) => t
            .children_rel(v, "obl")
            .map(|k| d.place_target(s, k))
            .find(|p| !p.is_empty())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}
