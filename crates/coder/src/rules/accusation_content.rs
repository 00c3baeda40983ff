//! `accusation-content`: what an actor is accused of or blamed for is not an event of its
//! own: "accused Israel of shelling the town" gives the accusation (112), not a shelling.
//! The parser hangs the content on the object as a clause with the marker "of" or "for".

use dyad_lexicon::CodingRules;

use crate::rules::Veto;
use crate::sentence::{Candidate, Clause};

/// Stops a candidate whose verb is the content of an accusation.
pub(crate) struct AccusationContent;

impl Veto for AccusationContent {
    fn name(&self) -> &'static str {
        "accusation-content"
    }

    fn vetoes(&self, clause: &Clause<'_>, _candidate: &Candidate) -> bool {
        let (t, v) = (clause.sentence.tree, clause.verb);
        t.rel(v) == "acl"
            && t.children_rel(v, "mark")
                .any(|m| CodingRules::has(&clause.dicts.rules.content_clause_markers, &t.lemma(m)))
    }
}
