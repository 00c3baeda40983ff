//! `happening`: "The first meeting took place Jan. 27": a happening verb
//! (`happening_verbs` in the coding rules: "take place", "begin", "resume") whose subject is
//! an event noun naming no actor codes again the document's most recent event of a root
//! the noun's class can stand for (`antecedent_roots`: a meeting for 04, strikes for 19),
//! every event of that sentence with its code (both directions of a reciprocal meeting),
//! dated and placed at this clause. Only an asserted happening counts; the rule id is
//! `happening.VERB<RULE`, RULE the earlier event's.

use crate::rules::ClauseCoder;
use crate::sentence::{verb_text, Candidate, Clause, Modality};

/// The rule's name, cited by the events it makes.
const NAME: &str = "happening";

/// Codes a happening verb from the document's earlier event.
pub(crate) struct Happening;

impl ClauseCoder for Happening {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let t = s.tree;
        let lemma = t.lemma(v);
        let object = t.children_rel(v, "obj").next();
        let Some(happening) = d.rules.happening_verbs.iter().find(|h| {
            let mut parts = h.split_whitespace();
            parts.next() == Some(lemma.as_str())
                && match parts.next() {
                    Some(o) => object.is_some_and(|x| t.lemma(x) == o),
                    None => object.is_none(),
                }
        }) else {
            return;
        };
        let Some(subject) = t.children_rel(v, "nsubj").next() else {
            return;
        };
        if !d.phrase_actors(s, subject).is_empty() || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let Some(last) = d.antecedent(s, subject) else {
            return;
        };
        let verb_text = verb_text(s, v, object);
        for a in s
            .recent
            .iter()
            .filter(|a| a.sentence_index == last.sentence_index && a.cameo == last.cameo)
        {
            let rule = format!("happening.{}<{}", happening.replace(' ', "-"), a.rule);
            out.push(Candidate::asserted(
                NAME,
                v,
                (&a.cameo, rule),
                &verb_text,
                a.source.clone(),
                a.target.clone(),
            ));
        }
    }
}
