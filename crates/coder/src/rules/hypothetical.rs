//! `hypothetical`: an action the clause reports only as possible, asked for or claimed gives
//! no event: a hypothetical auxiliary or marker ("could attack", "if Iraq attacks"), a
//! mandated complement ("demanded that Russia withdraw"), a request of another ("asked
//! Russia to send peacekeepers"), a claim ("an admission that its forces murdered
//! officers"), a plan on a noun ("a plan to resettle"). A reported intention ("said it would
//! tighten the blockade") is no hypothetical: it takes the intent code.

use crate::rules::Veto;
use crate::sentence::{Candidate, Clause, Modality};

/// Stops a candidate whose clause is hypothetical.
pub(crate) struct Hypothetical;

impl Veto for Hypothetical {
    fn name(&self) -> &'static str {
        "hypothetical"
    }

    fn vetoes(&self, _clause: &Clause<'_>, candidate: &Candidate) -> bool {
        candidate.modality == Modality::Hypothetical
    }
}
