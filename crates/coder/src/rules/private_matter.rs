//! `private-matter`: an event whose every actor is a private party (`private_actor_codes` in
//! the coding rules: a company, with or without a country, and nobody else) is business
//! news, not a political event: "Ecolab Co acquired a stake in Henkel" gives nothing;
//! "Iraq fined Ecolab" stands.

use crate::rules::Veto;
use crate::sentence::{Candidate, Clause};

/// Stops a candidate between private parties only.
pub(crate) struct PrivateMatter;

impl Veto for PrivateMatter {
    fn name(&self) -> &'static str {
        "private-matter"
    }

    fn vetoes(&self, clause: &Clause<'_>, candidate: &Candidate) -> bool {
        let rules = clause.dicts.rules;
        let codes: Vec<&str> = [&candidate.source.code, &candidate.target.code]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        // a private code alone ("BUS") or after a country ("NLDBUS")
        let private = |c: &str| {
            rules.private_actor_codes.iter().any(|p| {
                c == p
                    || (c.len() == 3 + p.len()
                        && c.ends_with(p.as_str())
                        && c.get(..3)
                            .is_some_and(|k| k.bytes().all(|b| b.is_ascii_uppercase())))
            })
        };
        !codes.is_empty() && codes.iter().all(|c| private(c))
    }
}
