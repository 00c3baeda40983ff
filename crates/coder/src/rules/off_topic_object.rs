//! `off-topic-object`: a verb whose object is of an off-topic class (`off_topic_classes` in
//! the coding rules: sports, games, prices) codes nothing: "Brazil attacked the Argentine
//! defence", "the team struck a deal with the sponsor's brand". A compound that a pattern of
//! the verb names is on topic ("launched war games").

use dyad_lexicon::verbs::ObjectRule;

use crate::rules::Veto;
use crate::sentence::{Candidate, Clause};

/// Stops a candidate whose object is off topic.
pub(crate) struct OffTopicObject;

impl Veto for OffTopicObject {
    fn name(&self) -> &'static str {
        "off-topic-object"
    }

    fn vetoes(&self, clause: &Clause<'_>, candidate: &Candidate) -> bool {
        let d = clause.dicts;
        let words = &candidate.object_words;
        // ("war games": a compound a pattern of the verb names is on topic)
        let named_compound = words.iter().any(|w| {
            w.contains(' ')
                && d.verbs
                    .patterns_for(&candidate.lemma)
                    .any(|p| matches!(&p.object, ObjectRule::Lemmas(ls) if ls.contains(w)))
        });
        !named_compound
            && words.iter().any(|w| {
                d.rules
                    .off_topic_classes
                    .iter()
                    .any(|c| d.verbs.in_class(c, w))
            })
    }
}
