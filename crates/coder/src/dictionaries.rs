//! What the coder codes with: the actor and verb dictionaries, the event-code table, the
//! coding rules and the grounder, borrowed for the coder's lifetime. Every rule and every
//! query of the coder reads them through a [`Dictionaries`]; nothing here changes them or
//! holds anything of a document.

use dyad_grounding::Grounder;
use dyad_lexicon::actors::ActorDictionary;
use dyad_lexicon::verbs::VerbDictionary;
use dyad_lexicon::{CodingRules, EventCodeTable};

/// The dictionaries and tables one coder codes with.
#[derive(Clone, Copy)]
pub(crate) struct Dictionaries<'d> {
    pub actors: &'d ActorDictionary,
    pub verbs: &'d VerbDictionary,
    pub codes: &'d EventCodeTable,
    pub rules: &'d CodingRules,
    /// `None`: events are not grounded (see `Coder::without_grounding`).
    pub grounder: Option<&'static Grounder>,
}
