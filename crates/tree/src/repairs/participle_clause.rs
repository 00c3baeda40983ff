//! A past-tense verb the parser read as a participle modifying the noun after it (`amod`),
//! which hides the clause: "Israeli warplanes struck/amod targets" comes out as a noun
//! phrase "struck targets". The verb gets its clause back, with the noun before it as its
//! subject and the noun after it as its object.

use super::clause_rel;
use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "participle-clause";

/// "Israeli warplanes struck targets", "Germany suspended aid to Niger": a past-tense verb
/// parsed as a participle modifying the noun after it, right behind a noun phrase (or with
/// a subject of its own), is the clause's verb: the noun before it is its subject and the
/// noun after it its object. Hyphenated compounds ("Iran-backed militants") are left alone.
/// The verb's own adverbs ("agents sexually abused immigrants") and a day ("the United
/// Nations on Tuesday reduced supplies", `temporal_nouns`) may stand between.
pub(crate) fn apply(t: &mut Tree<'_>, temporal_nouns: &[String]) {
    for v in 1..t.words.len() {
        let w = &t.words[v];
        if w.upos != "VERB" || !matches!(w.xpos.as_str(), "VBD" | "VBN") {
            continue;
        }
        if t.rel(v) != "amod" {
            continue;
        }
        let Some(n) = t.head(v) else { continue };
        if n <= v || !matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN" | "NUM") {
            continue;
        }
        let own_subject = t.children_rel(v, "nsubj").next();
        if t.forms.get(v - 1).is_some_and(|f| f.contains('-')) {
            continue;
        }
        let mut prev = v - 1;
        while prev > 0 && t.head(prev) == Some(v) && t.rel(prev) == "advmod" {
            prev -= 1;
        }
        if t.deprel(prev).starts_with("nmod")
            && t.children_rel(prev, "case").next().is_some()
            && temporal_nouns.contains(&t.lemma(prev))
        {
            match t.head(prev) {
                Some(h) if h < prev => prev = h,
                _ => continue,
            }
        }
        let subject = match own_subject {
            Some(s) => s,
            None if matches!(t.words[prev].upos.as_str(), "NOUN" | "PROPN")
                && !matches!(t.rel(prev), "nmod" | "obl") =>
            {
                prev
            }
            None => continue,
        };
        // "Iraq and the coalition resumed": the subject is the whole coordination
        let mut subject = subject;
        while t.rel(subject) == "conj" {
            match t.head(subject) {
                Some(h) if h < subject => subject = h,
                _ => break,
            }
        }
        // where the new clause hangs: the place of the subject, or of the object when the
        // subject was part of the object's phrase
        let (place, place_rel) =
            if t.head(subject) == Some(n) || subject == n || own_subject.is_some() {
                (t.head(n), t.rels[n])
            } else {
                (t.head(subject), t.rels[subject])
            };
        let (place, place_rel) = match place {
            Some(p) if p == v || p == n || p == subject => (None, "root"),
            Some(p) => (Some(p), clause_rel(place_rel)),
            None => (None, "root"),
        };
        t.apply(&[
            (v, place, place_rel),
            (subject, Some(v), "nsubj"),
            (n, Some(v), "obj"),
        ]);
    }
}
