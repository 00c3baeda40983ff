//! A verb the parser gave two subjects, one of them another clause's, as in "Russian units
//! shelled positions, the governor said" with "units" hung on "said": the nearer subject
//! stays, the other goes to the verb next to it; two subjects joined by "and" become one
//! coordinated subject.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "stray-subject";

/// "Russian units shelled positions, the governor said": a verb with two subjects keeps the
/// nearer one; the other, right before a verb with no subject (or right after one with no
/// object), belongs to that verb.
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for h in 0..t.words.len() {
        let subjects: Vec<usize> = t
            .children(h)
            .iter()
            .copied()
            .filter(|&c| t.rels[c] == "nsubj")
            .collect();
        if subjects.len() < 2 {
            continue;
        }
        let near = subjects
            .iter()
            .copied()
            .min_by_key(|&s| s.abs_diff(h))
            .unwrap_or(h);
        // "Iraq and the coalition resumed": two subjects joined by a conjunction are one
        // coordinated subject, headed by the first.
        if let [a, b] = subjects[..] {
            let (first, second) = (a.min(b), a.max(b));
            // (the "and" may hang on the verb: "Evil Mordor, the awful Fornost, and good
            // Gondor welcomed")
            if t.children_rel(second, "cc")
                .chain(t.children_rel(h, "cc"))
                .any(|c| c > first && c < second && c > t.last_of(first))
                && t.apply(&[(second, Some(first), "conj")])
            {
                continue;
            }
        }
        for s in subjects {
            if s == near {
                continue;
            }
            // a verb right after the stray subject's phrase, without a subject
            let after = t.phrase(s).last().copied().unwrap_or(s) + 1;
            if after < t.words.len()
                && t.words[after].upos == "VERB"
                && after != h
                && t.children_rel(after, "nsubj").next().is_none()
            {
                t.apply(&[(s, Some(after), "nsubj")]);
                continue;
            }
            // a verb right before it, without an object
            let first = t.phrase(s).first().copied().unwrap_or(s);
            if first > 0 {
                let before = first - 1;
                if t.words[before].upos == "VERB"
                    && before != h
                    && t.children_rel(before, "obj").next().is_none()
                {
                    t.apply(&[(s, Some(before), "obj")]);
                }
            }
        }
    }
}
