//! A title the parser split at its hyphen and made the passive subject of a verb with no
//! passive auxiliary, as in "Vice/nsubj:pass - President Moody Awori has declined to
//! resign": it becomes part of the active subject's name.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "stray-passive-subject";

/// "Vice-President Moody Awori has declined": a word the parser made the passive subject
/// of a verb with no passive auxiliary, which also has an active subject right after that
/// word (a title split at its hyphen), belongs to that subject's name.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 0..t.words.len() {
        if t.children_rel(v, "aux:pass").next().is_some() {
            continue;
        }
        let Some(p) = t.children_rel(v, "nsubj:pass").next() else {
            continue;
        };
        let Some(s) = t.children_rel(v, "nsubj").find(|&s| s > p) else {
            continue;
        };
        if t.first_of(s) > p + 3 {
            continue;
        }
        t.apply(&[(p, Some(s), "compound")]);
    }
}
