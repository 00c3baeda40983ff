//! A noun the parser made a complement clause (`ccomp`) of a verb though it has no subject,
//! copula or verb of its own, as in "Egyptian police opened fire/ccomp to disperse
//! demonstrators": it becomes that verb's object.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "nominal-clause";

/// "Egyptian police opened fire to disperse demonstrators": a noun the parser made a
/// clause (`ccomp`) though it has no subject, copula or verb of its own, right after a
/// verb with no object, is that verb's object.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for n in 1..t.words.len() {
        if t.words[n].upos != "NOUN" || t.rels[n] != "ccomp" {
            continue;
        }
        let v = n - 1;
        // (a verb on it other than an infinitive may be the clause's: "said talks resumed")
        let clausal = t.children(n).iter().any(|&c| {
            matches!(
                t.rels[c],
                "nsubj" | "nsubj:pass" | "cop" | "aux" | "aux:pass" | "mark"
            ) || (t.words[c].upos == "VERB"
                && !t.children_rel(c, "mark").any(|m| t.words[m].lemma == "to"))
        });
        if clausal || t.words[v].upos != "VERB" || t.children_rel(v, "obj").next().is_some() {
            continue;
        }
        t.apply(&[(n, Some(v), "obj")]);
    }
}
