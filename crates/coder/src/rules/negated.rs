//! `negated`: an action the clause denies gives no event: a negator on the verb or on a verb
//! it is the complement or conjunct of ("Iraq did not attack Kuwait", "never met"), an
//! object with "no" ("imposed no sanctions"), a subject that names no one ("no one was
//! arrested", "none of the troops"; `negative_pronouns`), or a negating governor ("refused to sign",
//! "denied attacking"; `negators` and `negating_governors` in the coding rules).

use crate::rules::Veto;
use crate::sentence::{Candidate, Clause, Modality};

/// Stops a candidate whose clause is negated.
pub(crate) struct Negated;

impl Veto for Negated {
    fn name(&self) -> &'static str {
        "negated"
    }

    fn vetoes(&self, _clause: &Clause<'_>, candidate: &Candidate) -> bool {
        candidate.modality == Modality::Negated
    }
}
