//! `cannot-act`: a thing that cannot act is no source, whoever owns it: "a U.S. proposal
//! would force …", "the French economy was …", "oil prices hit …" give no event from the
//! U.S. or France. The subject's noun is of a class of `non_agent_subject_classes` in the
//! coding rules (proposals, markets, commodities).

use crate::rules::Veto;
use crate::sentence::{word_keys, Candidate, Clause};

/// Stops a candidate whose subject word names a thing that cannot act.
pub(crate) struct CannotAct;

impl Veto for CannotAct {
    fn name(&self) -> &'static str {
        "cannot-act"
    }

    fn vetoes(&self, clause: &Clause<'_>, candidate: &Candidate) -> bool {
        let Some(h) = candidate.subject else {
            return false;
        };
        let d = clause.dicts;
        let keys = word_keys(clause.sentence, h);
        d.rules
            .non_agent_subject_classes
            .iter()
            .any(|c| keys.iter().any(|w| d.verbs.in_class(c, w)))
    }
}
