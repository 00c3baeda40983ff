//! The repairs of parser errors, one file each, and the order they run in ([`REPAIRS`]).
//! A repair must only move existing words between heads (through `Tree::apply`, which
//! refuses a move that would make a cycle) and must never touch the words, tags or spans;
//! it must never assume the tree is well formed.

pub mod determined_verb;
pub mod finite_xcomp;
pub mod nominal_clause;
pub mod noun_conjoined_verb;
pub mod participle_clause;
pub mod past_tense_modifier;
pub mod perfect_participle;
pub mod stray_modifier;
pub mod stray_passive_subject;
pub mod stray_possessor;
pub mod stray_subject;

use crate::Tree;

/// One repair: its public name and the pass that applies it to a whole tree.
#[derive(Clone, Copy)]
pub struct Repair {
    /// The name [`Tree::repairs`] reports ("participle-clause").
    pub name: &'static str,
    /// The pass; it gets the temporal nouns ("Tuesday", "week") some repairs look past.
    pub(crate) apply: fn(&mut Tree<'_>, &[String]),
}

impl std::fmt::Debug for Repair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repair").field("name", &self.name).finish()
    }
}

/// Every repair, in the order [`Tree::new`] runs them (a later repair sees the earlier ones'
/// moves: keep the order).
pub const REPAIRS: [Repair; 11] = [
    Repair {
        name: participle_clause::NAME,
        apply: participle_clause::apply,
    },
    Repair {
        name: past_tense_modifier::NAME,
        apply: past_tense_modifier::apply,
    },
    Repair {
        name: stray_subject::NAME,
        apply: stray_subject::apply,
    },
    Repair {
        name: noun_conjoined_verb::NAME,
        apply: noun_conjoined_verb::apply,
    },
    Repair {
        name: finite_xcomp::NAME,
        apply: finite_xcomp::apply,
    },
    Repair {
        name: perfect_participle::NAME,
        apply: perfect_participle::apply,
    },
    Repair {
        name: determined_verb::NAME,
        apply: determined_verb::apply,
    },
    Repair {
        name: stray_passive_subject::NAME,
        apply: stray_passive_subject::apply,
    },
    Repair {
        name: nominal_clause::NAME,
        apply: nominal_clause::apply,
    },
    Repair {
        name: stray_modifier::NAME,
        apply: stray_modifier::apply,
    },
    Repair {
        name: stray_possessor::NAME,
        apply: stray_possessor::apply,
    },
];

/// The relation a clause takes in the place of a nominal.
pub(crate) fn clause_rel(nominal_rel: &str) -> &'static str {
    match nominal_rel.split(':').next().unwrap_or(nominal_rel) {
        "root" => "root",
        "conj" => "conj",
        "parataxis" => "parataxis",
        _ => "ccomp",
    }
}
