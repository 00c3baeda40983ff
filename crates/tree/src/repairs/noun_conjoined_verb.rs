//! A finite verb after "and" the parser conjoined to a noun instead of to the verb above
//! it, as in "condemned an attack on Thursday and promised/conj(attack) aid": it becomes a
//! conjunct of that verb, sharing its subject.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "noun-conjoined-verb";

/// "condemned an attack ... on Thursday and promised aid": a finite verb with "and" before
/// it, parsed as a conjunct of a noun, with no subject of its own, is a conjunct of the
/// verb above that noun (sharing its subject).
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 1..t.words.len() {
        let w = &t.words[v];
        // (a participle only with an object: "and promised/VBN aid")
        let finite = matches!(w.xpos.as_str(), "VBD" | "VBZ" | "VBP")
            || (w.xpos == "VBN" && t.children_rel(v, "obj").next().is_some());
        if w.upos != "VERB"
            || !finite
            || t.rels[v] != "conj"
            || t.children_rel(v, "nsubj").next().is_some()
            || t.children_rel(v, "cc").next().is_none()
        {
            continue;
        }
        let Some(n) = t.head(v) else { continue };
        if !matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN") || n > v {
            continue;
        }
        let mut up = t.head(n);
        for _ in 0..6 {
            match up {
                Some(u) if t.words[u].upos == "VERB" => break,
                Some(u) => up = t.head(u),
                None => break,
            }
        }
        if let Some(u) = up.filter(|&u| t.words[u].upos == "VERB" && u < v) {
            t.apply(&[(v, Some(u), "conj")]);
        }
    }
}
