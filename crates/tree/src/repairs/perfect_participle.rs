//! A perfect's past participle the parser read as an adjective of the noun after it, as in
//! "Israeli officials have shared/amod evidence with the U.S.": the participle becomes the
//! clause's verb, with the noun as its object and the perfect's "have" and subject on it.

use super::clause_rel;
use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "perfect-participle";

/// "Israeli officials have shared evidence with the U.S.": a past participle parsed as an
/// adjective of the noun right after it, where that noun has the perfect's "have" and a
/// subject before the participle, is the clause's verb and the noun its object.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 0..t.words.len() {
        if t.words[v].xpos != "VBN" || t.rels[v] != "amod" {
            continue;
        }
        let Some(n) = t.head(v) else { continue };
        if n != v + 1 || !matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        let aux: Vec<usize> = t
            .children_rel(n, "aux")
            .filter(|&a| a < v && t.lemma(a) == "have")
            .collect();
        let subjects: Vec<usize> = t.children_rel(n, "nsubj").filter(|&c| c < v).collect();
        if aux.is_empty() || subjects.is_empty() {
            continue;
        }
        let (place, place_rel) = match t.head(n) {
            Some(p) => (Some(p), clause_rel(t.rels[n])),
            None => (None, "root"),
        };
        let mut moves = vec![(v, place, place_rel), (n, Some(v), "obj")];
        for c in aux.into_iter().chain(subjects) {
            moves.push((c, Some(v), t.rels[c]));
        }
        t.apply(&moves);
    }
}
