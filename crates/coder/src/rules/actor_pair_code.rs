//! `actor-pair-code`: violence that its actors name, whatever the verb. An act of a listed
//! root between a listed kind of source and a listed kind of target takes the rule's code
//! (`[[actor_pair_codes]]` in the coding rules): "Ivorian security forces shot dead nine
//! demonstrators" is repression (175), not a shooting (193); "rioters stoned the U.S.
//! convoy" is a violent protest (145), not an assault (180); "renegade soldiers shot dead
//! President Vieira" is an assassination (186), not a killing (190), as one named
//! office-holder is its target. An actor's kind is its role (the code's, alone or after a
//! country) or an actor-dictionary entry it was read from.

use dyad_core::event::ActorRef;
use dyad_lexicon::ActorPairCode;

use crate::dictionaries::Dictionaries;
use crate::sentence::{has_role, Resolved, SentenceContext};

/// The rule's name, cited in `verb.rules`.
pub(crate) const NAME: &str = "actor-pair-code";

/// The code an act of `code` between `source` and `target` takes, and the name of the
/// `[[actor_pair_codes]]` entry that gave it, when one applies.
/// The act: its code and verb lemma, and whether its target is one named person.
pub(crate) struct Act<'a> {
    pub code: &'a str,
    pub lemma: &'a str,
    pub target_named: bool,
}

pub(crate) fn actor_pair_code<'d>(
    d: &'d Dictionaries<'_>,
    act: &Act<'_>,
    source: &ActorRef,
    target: &ActorRef,
) -> Option<&'d ActorPairCode> {
    (d.rules.actor_pair_codes.iter()).find(|r| {
        r.roots
            .iter()
            .any(|root| act.code.starts_with(root.as_str()))
            && r.code != act.code
            && (!r.target_named || act.target_named)
            && (r.verbs.is_empty() || r.verbs.iter().any(|v| v == act.lemma))
            && of_kind(source, &r.source_roles, &r.source_entries)
            && of_kind(target, &r.target_roles, &r.target_entries)
    })
}

/// Does the actor `r` of the sentence name one person: a name in its phrase that is no
/// place's and no group's (a dictionary person, or a name the dictionary does not know), in
/// the singular?
pub(crate) fn names_one_person(
    d: &Dictionaries<'_>,
    s: &SentenceContext<'_>,
    r: &Resolved,
) -> bool {
    let t = s.tree;
    let inside = |w: usize| {
        let sp = t.words[w].span;
        sp.start >= r.span.start && sp.end <= r.span.end
    };
    let mut named = false;
    for w in (0..t.words.len()).filter(|&w| inside(w)) {
        if t.words[w].xpos.ends_with('S') && matches!(t.words[w].upos.as_str(), "NOUN" | "PROPN") {
            return false;
        }
        let person = t.words[w].upos == "PROPN"
            && !matches!(t.rel(w), "nmod" | "obl")
            && d.may_name_a_person(s, w);
        named |= person;
    }
    named
}

/// Is the actor of one of `roles` or read from one of `entries` (both empty: any actor)?
fn of_kind(actor: &ActorRef, roles: &[String], entries: &[String]) -> bool {
    if roles.is_empty() && entries.is_empty() {
        return true;
    }
    let role = actor
        .code
        .as_deref()
        .is_some_and(|c| roles.iter().any(|r| r == c) || has_role(c, roles));
    let entry = actor
        .entry
        .as_deref()
        .is_some_and(|e| e.split('+').any(|part| entries.iter().any(|x| x == part)));
    role || entry
}
