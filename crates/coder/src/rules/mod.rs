//! The coder's rules, run from one ordered list: the clause coders, which propose candidate
//! events for a verb of a sentence ([`ClauseCoder`]), and the vetoes, which stop a candidate
//! ([`Veto`]). For each verb the coders are tried in [`CLAUSE_CODERS`] order; the first whose
//! candidates are not all vetoed (and whose codes the event-code table knows) gives the
//! verb's events, and the others are not asked. Each rule lives in its own file, opening
//! with the paragraph that documents it, and events name the rules that made them. A rule
//! reads the clause it is given and nothing else; it never grounds or stores an event.

mod accusation_content;
mod actor_pair_code;
mod attack_noun_agent;
mod cannot_act;
mod happening;
mod hypothetical;
mod negated;
mod nominal_event;
mod off_topic_object;
mod press_statement;
mod private_matter;
mod reaction;
mod reported_arrest;
mod unattributed_attack;
mod verb_pattern;

pub(crate) use actor_pair_code::{actor_pair_code, names_one_person, Act, NAME as ACTOR_PAIR_CODE};

use crate::sentence::{Candidate, Clause};
use dyad_core::event::Event;

/// A rule that proposes events for the verb of a clause.
pub(crate) trait ClauseCoder: Sync {
    /// The rule's name, cited by the events it makes.
    fn name(&self) -> &'static str;
    /// Push the candidates the clause gives.
    fn code(&self, clause: &Clause<'_>, out: &mut Vec<Candidate>);
    /// Push the candidates of events that nouns of the clause name beside the verb's own
    /// (`coded`: the verb's events). Asked of every clause, whatever the coders gave it.
    fn code_nouns(&self, _clause: &Clause<'_>, _coded: &[Event], _out: &mut Vec<Candidate>) {}
}

/// A rule that stops a candidate event.
pub(crate) trait Veto: Sync {
    /// The rule's name, cited when it stops a candidate.
    fn name(&self) -> &'static str;
    /// Does the rule stop this candidate of this clause?
    fn vetoes(&self, clause: &Clause<'_>, candidate: &Candidate) -> bool;
}

/// The clause coders, in the order they are tried for a verb.
pub(crate) static CLAUSE_CODERS: [&dyn ClauseCoder; 7] = [
    &nominal_event::NominalEvent,
    &verb_pattern::VerbPatterns,
    &happening::Happening,
    &reaction::Reaction,
    &attack_noun_agent::AttackNounAgent,
    &reported_arrest::ReportedArrest,
    &unattributed_attack::UnattributedAttack,
];

/// The vetoes, in the order they judge a candidate (the first that stops it is named).
pub(crate) static VETOES: [&dyn Veto; 7] = [
    &off_topic_object::OffTopicObject,
    &accusation_content::AccusationContent,
    &negated::Negated,
    &hypothetical::Hypothetical,
    &cannot_act::CannotAct,
    &private_matter::PrivateMatter,
    &press_statement::PressStatement,
];

/// The name of the first veto that stops `candidate`, if any.
pub(crate) fn veto_of(clause: &Clause<'_>, candidate: &Candidate) -> Option<&'static str> {
    VETOES
        .iter()
        .find(|v| v.vetoes(clause, candidate))
        .map(|v| v.name())
}

/// Would the verb-pattern coder code an event for this clause (a candidate no veto stops,
/// with a code the table knows)? Governors ask it of their complements ("threatened to
/// launch an offensive").
pub(crate) fn verb_pattern_codes(clause: &Clause<'_>) -> bool {
    let mut candidates = Vec::new();
    verb_pattern::VerbPatterns.code(clause, &mut candidates);
    candidates
        .iter()
        .any(|c| veto_of(clause, c).is_none() && clause.dicts.codes.get(&c.code).is_some())
}

/// The names of every rule, coders first, then vetoes.
pub fn rule_names() -> Vec<&'static str> {
    CLAUSE_CODERS
        .iter()
        .map(|c| c.name())
        .chain(VETOES.iter().map(|v| v.name()))
        .collect()
}
