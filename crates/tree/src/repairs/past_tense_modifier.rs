//! A past-tense verb the parser hung on the noun phrase before it as a clausal modifier
//! (`acl`), as in "Iraq and the coalition resumed/acl meetings": the verb takes the
//! phrase's place and the phrase (the whole coordination) becomes its subject.

use super::clause_rel;
use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "past-tense-modifier";

/// "Iraq and the coalition resumed meetings": a past-tense verb (VBD, never a participle)
/// parsed as a clausal modifier of the noun phrase right before it, with no subject of its
/// own, is that noun phrase's predicate: the verb takes the phrase's place in the tree and
/// the phrase (the whole coordination) becomes its subject.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 1..t.words.len() {
        let w = &t.words[v];
        if w.upos != "VERB" || w.xpos != "VBD" || t.deprel(v) != "acl" {
            continue;
        }
        let Some(n) = t.head(v) else { continue };
        if n >= v
            || !matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN")
            || t.children_rel(v, "nsubj").next().is_some()
            || !t.phrase(n).contains(&(v - 1))
        {
            continue;
        }
        let mut subject = n;
        while t.rel(subject) == "conj" {
            match t.head(subject) {
                Some(h) if h < subject => subject = h,
                _ => break,
            }
        }
        let (place, place_rel) = match t.head(subject) {
            Some(p) => (Some(p), clause_rel(t.rels[subject])),
            None => (None, "root"),
        };
        t.apply(&[(v, place, place_rel), (subject, Some(v), "nsubj")]);
    }
}
