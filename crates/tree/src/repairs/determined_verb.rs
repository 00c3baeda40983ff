//! A noun the tagger took for a verb, with an article of its own, that the parser made a
//! complement of the verb before it, as in "Arafat rejected a US offer/xcomp to host a
//! summit": it becomes that verb's object.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "determined-verb";

/// "Arafat rejected a US offer to host a summit": a word tagged as a verb but with an
/// article of its own ("a", "an", "the") before it is a noun; hung on a verb as a
/// complement, it is that verb's object when the verb has none.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 0..t.words.len() {
        if t.words[v].upos != "VERB" || !matches!(t.rels[v], "xcomp" | "ccomp") {
            continue;
        }
        let determined = t.children_rel(v, "det").any(|d| {
            d < v && matches!(t.words[d].lemma.to_lowercase().as_str(), "a" | "an" | "the")
        });
        let Some(g) = t.head(v) else { continue };
        if !determined
            || g > v
            || t.words[g].upos != "VERB"
            || t.children_rel(g, "obj").next().is_some()
            || t.children_rel(v, "nsubj").next().is_some()
        {
            continue;
        }
        t.apply(&[(v, Some(g), "obj")]);
    }
}
