//! A finite verb the parser read as an open complement (`xcomp`, never finite) right after
//! its governor's object, as in "Ethiopia indicated it deplored/xcomp Libya": it becomes a
//! complement clause (`ccomp`) whose subject is that object.

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "finite-xcomp";

/// "Ethiopia indicated it deplored Libya": a finite verb parsed as an open complement
/// (`xcomp`, never finite) with no "to", right after its governor's object, is a complement
/// clause whose subject is that object. Only past and third-person forms count: a VBP is
/// too often a bare infinitive ("helping militants join").
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for v in 1..t.words.len() {
        let w = &t.words[v];
        if w.upos != "VERB"
            || !matches!(w.xpos.as_str(), "VBD" | "VBZ")
            || t.rels[v] != "xcomp"
            || t.children_rel(v, "mark").next().is_some()
            || t.children_rel(v, "nsubj").next().is_some()
        {
            continue;
        }
        let Some(g) = t.head(v) else { continue };
        let Some(o) = t
            .children_rel(g, "obj")
            .find(|&o| o < v && t.last_of(o) + 1 == v)
        else {
            continue;
        };
        t.apply(&[(v, Some(g), "ccomp"), (o, Some(v), "nsubj")]);
    }
}
