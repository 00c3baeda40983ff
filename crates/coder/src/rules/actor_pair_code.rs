//! `actor-pair-code`: violence that its actors name, whatever the verb. An act of a listed
//! root between a listed kind of source and a listed kind of target takes the rule's code
//! (`[[actor_pair_codes]]` in the coding rules): "Ivorian security forces shot dead nine
//! demonstrators" is repression (175), not a shooting (193); "rioters stoned the U.S.
//! convoy" is a violent protest (145), not an assault (180). An actor's kind is its role
//! (the code's, alone or after a country) or an actor-dictionary entry it was read from.

use dyad_core::event::ActorRef;
use dyad_lexicon::ActorPairCode;

use crate::dictionaries::Dictionaries;
use crate::sentence::has_role;

/// The rule's name, cited in `verb.rules`.
pub(crate) const NAME: &str = "actor-pair-code";

/// The code an act of `code` between `source` and `target` takes, and the name of the
/// `[[actor_pair_codes]]` entry that gave it, when one applies.
pub(crate) fn actor_pair_code<'d>(
    d: &'d Dictionaries<'_>,
    code: &str,
    source: &ActorRef,
    target: &ActorRef,
) -> Option<&'d ActorPairCode> {
    (d.rules.actor_pair_codes.iter()).find(|r| {
        r.roots.iter().any(|root| code.starts_with(root.as_str()))
            && r.code != code
            && of_kind(source, &r.source_roles, &r.source_entries)
            && of_kind(target, &r.target_roles, &r.target_entries)
    })
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
