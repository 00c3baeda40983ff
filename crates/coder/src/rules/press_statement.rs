//! `press-statement`: a statement made to the press is how an actor speaks, not an event
//! between the actor and the press. A candidate of a statement root (`press_statement_roots`
//! in the coding rules) whose target is news media (`press_roles`: "reporters", "BBC News",
//! "Agence France-Presse") is not coded: "the foreign minister told reporters in Muscat"
//! and "a rebel spokesman told AFP by phone" give nothing; what the statement says is
//! coded from its own clause. "Iran told Iraq to close the border" stands.

use crate::rules::Veto;
use crate::sentence::{has_role, Candidate, Clause};

/// Stops a statement whose target is the press.
pub(crate) struct PressStatement;

impl Veto for PressStatement {
    fn name(&self) -> &'static str {
        "press-statement"
    }

    fn vetoes(&self, clause: &Clause<'_>, candidate: &Candidate) -> bool {
        let rules = clause.dicts.rules;
        let statement =
            (rules.press_statement_roots.iter()).any(|r| candidate.code.starts_with(r.as_str()));
        let press = candidate.target.code.as_deref().is_some_and(|c| {
            rules.press_roles.iter().any(|r| c == r) || has_role(c, &rules.press_roles)
        });
        statement && press
    }
}
