//! Which of a sentence's resolved date expressions dates an event: the one attached to the
//! event verb's own clause, else one of the clauses above it, else the nearest in the
//! sentence. It chooses only among the mentions already found and resolved when the sentence
//! was read; it must never resolve anything itself nor fall back on the publication date
//! (the caller does, with precision `document`).

use crate::sentence::{FoundDate, Sentence};

/// The date mention for the event verb `v`, if the sentence has any.
pub(crate) fn pick<'a>(s: &'a Sentence<'_>, v: usize) -> Option<&'a FoundDate> {
    if s.dates.is_empty() || v >= s.len() {
        return None;
    }
    // the clauses above v, nearest first
    let mut above = Vec::new();
    let mut k = v;
    while let Some(c) = s.clause_of(k) {
        if above.contains(&c) || above.len() > s.len() {
            break;
        }
        above.push(c);
        k = c;
    }
    // a relative clause owns the dates of the noun it modifies
    let antecedent = matches!(s.rel(v), "acl:relcl" | "acl")
        .then(|| s.parent(v))
        .flatten();
    s.dates.iter().min_by_key(|d| {
        let clause = s.clause_of(d.head);
        let own_antecedent = antecedent.is_some_and(|a| {
            d.tokens.contains(&a)
                || (s.dominates(a, d.head) && s.clause_of(d.head) == s.clause_of(a))
        });
        let tier = if clause == Some(v) || own_antecedent {
            0
        } else if let Some(pos) = clause.and_then(|c| above.iter().position(|&x| x == c)) {
            1 + pos
        } else {
            usize::MAX / 4
        };
        (tier, s.distance(v, d.head), d.tokens.start)
    })
}
