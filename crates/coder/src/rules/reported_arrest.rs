//! `reported-arrest`: an arrest, detention or expulsion told in the passive with no agent and
//! reported by an authority is that authority's act: "more than 300 people were detained,
//! police said" (COP → CVL, 173), "two journalists were deported, the interior ministry said"
//! (GOV → MED, 174). Only authorities that arrest or expel (`roles`) count as the agent; a
//! rights group or a relative reporting an arrest is not the one who made it. With no such
//! reporter, an arrest in the passive is the local authorities' (`local_role` of the story's
//! country, rule `local-authority`): "two people have been arrested in connection with the
//! attack" in a Sri Lankan story is LKACOP's. The rule is data (`reported_arrest` in
//! `coding_rules.toml`): the verbs with their codes, the roles, the local role.

use dyad_core::event::ActorRef;

use crate::rules::ClauseCoder;
use crate::sentence::{actor_ref, has_role, verb_text, Candidate, Clause, Modality, Resolved};

/// The rule's name, cited by the events it makes.
const NAME: &str = "reported-arrest";

/// Codes a reported arrest whose passive names no agent.
pub(crate) struct ReportedArrest;

impl ClauseCoder for ReportedArrest {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let (d, s, v) = (c.dicts, c.sentence, c.verb);
        let Some(rule) = &d.rules.reported_arrest else {
            return;
        };
        let t = s.tree;
        let lemma = d.verb_lemma(t, s.forms[v], v).unwrap_or_else(|| t.lemma(v));
        let Some(code) = rule.verbs.get(&lemma) else {
            return;
        };
        let passive = t.children_rel(v, "aux:pass").next().is_some();
        if !passive || t.by_agent(v).is_some() || d.modality(t, v) != Modality::Asserted {
            return;
        }
        let reported = d.reporter_subject(t, v).and_then(|reporter| {
            d.phrase_actors(s, reporter)
                .into_iter()
                .find(|r| has_role(&r.code, &rule.roles))
        });
        let local = || {
            let country = s.story_country?;
            let role = rule.local_role.as_deref()?;
            Some(Resolved {
                code: format!("{country}{role}"),
                country: Some(country.to_string()),
                span: t.words[v].span,
                entries: vec![format!("story-{country}")],
                as_capital: false,
                behind_event_noun: false,
                rules: vec!["local-authority"],
            })
        };
        let Some(source) = reported.or_else(local) else {
            return;
        };
        let targets = t
            .children_rel(v, "nsubj:pass")
            .next()
            .map(|o| d.phrase_actors(s, o))
            .unwrap_or_default();
        let verb = verb_text(s, v, None);
        let id = format!("reported.{lemma}");
        let make = |target: ActorRef, extra: &[&'static str]| {
            let mut candidate = Candidate::asserted(
                NAME,
                v,
                (code, id.clone()),
                &verb,
                actor_ref(s, &source),
                target,
            );
            candidate.rules.extend(source.rules.iter().copied());
            candidate.rules.extend(extra.iter().copied());
            candidate
        };
        if targets.is_empty() {
            out.push(make(ActorRef::none(), &[]));
        }
        for r in targets.iter().filter(|r| r.code != source.code) {
            out.push(make(actor_ref(s, r), &r.rules));
        }
    }
}
