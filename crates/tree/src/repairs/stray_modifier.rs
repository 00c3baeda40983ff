//! An adjective or name the parser hung on a verb instead of on the noun after it, as in
//! "Egyptian/advmod(opened) police opened fire" or "Kenyan/nsubj police/nsubj opened fire":
//! it becomes that noun's modifier (`amod`, or `compound` for a name).

use crate::Tree;

/// The repair's name, as [`Tree::repairs`] reports it.
pub const NAME: &str = "stray-modifier";

/// "Egyptian police opened fire": an adjective the parser hung on a verb (as `amod` or
/// `advmod`) right before a noun is that noun's modifier; so is a word made the verb's
/// subject right before the verb's other subject ("Kenyan/nsubj police/nsubj opened"), as
/// a verb has one subject, when it is a name or an adjective (a noun before a name is a
/// title, whose phrase the coder reads as it stands: "minister/nsubj Calimehtar/nsubj").
pub(crate) fn apply(t: &mut Tree<'_>, _temporal_nouns: &[String]) {
    for a in 0..t.words.len().saturating_sub(1) {
        let n = a + 1;
        let Some(h) = t.head(a) else { continue };
        if h == n
            || t.words[h].upos != "VERB"
            || !matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN")
        {
            continue;
        }
        let adjective = t.words[a].upos == "ADJ";
        let stray_modifier = adjective && matches!(t.rels[a], "amod" | "advmod");
        let second_subject = t.rels[a] == "nsubj"
            && t.rels[n] == "nsubj"
            && t.head(n) == Some(h)
            && matches!(t.words[a].upos.as_str(), "ADJ" | "PROPN");
        if !(stray_modifier || second_subject) {
            continue;
        }
        t.apply(&[(a, Some(n), if adjective { "amod" } else { "compound" })]);
    }
}
