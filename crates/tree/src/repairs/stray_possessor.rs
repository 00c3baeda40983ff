//! A possessor the parser hung on a verb instead of on the subject it owns, as in
//! "Nepal/nmod:poss(met) 's Prime Minister Deuba met …": it becomes the possessor of the
//! first noun after it that is the verb's own dependent ("Deuba").

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "stray-possessor";

/// "Nepal's Prime Minister Deuba met": an `nmod:poss` whose head is a verb owns the first
/// nominal after it, before the verb, that hangs on the same verb (a title's name, a
/// subject), as a verb has no possessor.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for p in 0..t.words.len() {
        if t.rels[p] != "nmod:poss" {
            continue;
        }
        let Some(v) = t.head(p) else { continue };
        if t.words[v].upos != "VERB" || v < p {
            continue;
        }
        let owned = (p + 1..v).find(|&n| {
            t.head(n) == Some(v) && matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN")
        });
        if let Some(n) = owned {
            t.apply(&[(p, Some(n), "nmod:poss")]);
        }
    }
}
