//! Targets: the actor a verb pattern's target slots name in a clause (its object, a phrase of
//! a preposition, the subject of a complement clause, the governor's subject, the first actor
//! after the verb), a place or facility of no named owner standing for its country, and
//! whether a slot is filled at all. It only reads the clause; which pattern applies and
//! whether an event is coded is decided by the clause coders.

use dyad_lexicon::verbs::{TargetSlot, VerbPattern};
use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::sentence::{names_the_event, word_keys, Resolved, SentenceContext};

impl Dictionaries<'_> {
    /// The actors an event's target slots name, in slot order (the first slot found wins).
    pub(crate) fn targets(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        object: Option<usize>,
        object_actors: &[Resolved],
        p: &VerbPattern,
    ) -> Vec<Resolved> {
        for slot in &p.targets {
            let found = self.slot_actors(s, v, object, object_actors, slot);
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// The actors one target slot names (none: the next slot is tried).
    fn slot_actors(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        object: Option<usize>,
        object_actors: &[Resolved],
        slot: &TargetSlot,
    ) -> Vec<Resolved> {
        let t = s.tree;
        match slot {
            TargetSlot::Object => self.object_slot(s, v, object, object_actors),
            // "said that Libya must hand over": only a complement with the auxiliary
            TargetSlot::ClauseWith(aux) => t
                .children_rel(v, "ccomp")
                .filter(|&c| t.children_rel(c, "aux").any(|a| t.lemma(a) == *aux))
                .filter_map(|c| t.children_rel(c, "nsubj").next())
                .map(|subj| self.phrase_actors(s, subj))
                .find(|found| !found.is_empty())
                .unwrap_or_default(),
            // "demanded that Russia withdraw": the subject of the complement clause
            TargetSlot::Clause => t
                .children_rel(v, "ccomp")
                .filter_map(|c| t.children_rel(c, "nsubj").next())
                .map(|subj| self.phrase_actors(s, subj))
                .find(|found| !found.is_empty())
                .unwrap_or_default(),
            TargetSlot::Governor => self
                .governor(t, v)
                .and_then(|g| t.children_rel(g, "nsubj").next())
                .map(|subj| self.phrase_actors(s, subj))
                .unwrap_or_default(),
            TargetSlot::After { word, skip } => self.actor_after(s, v, word, *skip),
            TargetSlot::FirstActor => self.first_actor(s, v),
            TargetSlot::Prep(prep) => self.prep_slot(s, v, object, prep),
        }
    }

    /// The object slot: the object's actors; else, for a place or facility of no named owner,
    /// the country of its location ("struck targets in southern Lebanon" → LBN); else a
    /// place the gazetteer knows ("shelled the regional capital Juba").
    fn object_slot(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        object: Option<usize>,
        object_actors: &[Resolved],
    ) -> Vec<Resolved> {
        let t = s.tree;
        if !object_actors.is_empty() {
            return object_actors.to_vec();
        }
        let Some(o) = object else {
            return Vec::new();
        };
        if word_keys(s, o)
            .iter()
            .any(|w| self.verbs.in_class("physical_target", w))
        {
            // "struck targets in southern Lebanon": the place may hang on the verb
            let places: Vec<usize> = t
                .children_rel(o, "nmod")
                .chain(t.children_rel(v, "obl"))
                .collect();
            for c in places {
                let case = t.case_of(c).unwrap_or_default();
                if CodingRules::has(&self.rules.place_target_cases, &case) {
                    // a place named by its capital is the country
                    // ("a building in Moscow" → RUS, not RUSGOV)
                    let found: Vec<Resolved> = self
                        .phrase_actors(s, c)
                        .into_iter()
                        .map(|mut r| {
                            if r.as_capital {
                                r.code.truncate(3);
                            }
                            r
                        })
                        .collect();
                    if !found.is_empty() {
                        return found;
                    }
                }
            }
        }
        let places = self.place_target(s, o);
        if !places.is_empty() {
            return places;
        }
        self.antecedent_targets(s, o)
    }

    /// "U.N. officials condemned the attack": an event noun object naming no actor stands for
    /// the document's latest event the noun can stand for, and that event's actor is the
    /// target (rule `antecedent-target`).
    fn antecedent_targets(&self, s: &SentenceContext<'_>, o: usize) -> Vec<Resolved> {
        let span = s.tree.words[o].span;
        self.antecedent_sources(s, o)
            .into_iter()
            .filter_map(|(a, _)| {
                let code = a.code?;
                Some(Resolved {
                    code,
                    country: a.country,
                    span,
                    entries: a.entry.into_iter().collect(),
                    as_capital: false,
                    behind_event_noun: false,
                    rules: vec!["antecedent-target"],
                })
            })
            .collect()
    }

    /// A phrase of preposition `prep` on the verb ("attacked X with Y"), on its object ("an
    /// attack on X"), on the noun a quantity object counts ("dozens of rockets into X") or on
    /// a day the parser hung the phrase on.
    fn prep_slot(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        object: Option<usize>,
        prep: &str,
    ) -> Vec<Resolved> {
        let t = s.tree;
        let mut holders = vec![v];
        holders.extend(object);
        // "fired dozens of rockets into Israel": the phrase may hang on the counted noun
        if let Some(o) = object {
            let counted = self.through_quantity(t, o);
            if counted != o {
                holders.push(counted);
            }
        }
        holders.extend(self.day_phrases(t, v, object));
        for h in holders {
            let kids: Vec<usize> = t
                .children(h)
                .iter()
                .copied()
                .filter(|&c| matches!(t.rel(c), "obl" | "nmod" | "advcl"))
                .collect();
            for c in kids {
                if t.case_of(c).as_deref() != Some(prep) {
                    continue;
                }
                let found = self.phrase_actors(s, c);
                if !found.is_empty() {
                    return found;
                }
                let found = self.actor_further_in(s, c);
                if !found.is_empty() {
                    return found;
                }
                // "fired shells at targets in Jericho"
                let found = self.place_target(s, c);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        Vec::new()
    }

    /// "pessimism about relations with India", "troops to its border with Guyana": the actor
    /// one phrase further in from phrase `c` (or on its apposition: "to the Esfahan plant
    /// (UCF) in Iran").
    fn actor_further_in(&self, s: &SentenceContext<'_>, c: usize) -> Vec<Resolved> {
        let t = s.tree;
        let further: Vec<usize> = t
            .children_rel(c, "nmod")
            .chain(
                t.children_rel(c, "appos")
                    .flat_map(|a| t.children_rel(a, "nmod")),
            )
            .collect();
        for d in further {
            let case = t.case_of(d).unwrap_or_default();
            // ("inspectors to a facility in central Iran")
            if CodingRules::has(&self.rules.nested_target_cases, &case) {
                let found = self.phrase_actors(s, d);
                if !found.is_empty() {
                    return found;
                }
            }
        }
        Vec::new()
    }

    /// Does the sentence fill one of the pattern's target slots, actor or not? ("declared war
    /// on deflation": the war is on a thing, so no event stands without its target.)
    pub(crate) fn slot_present(
        &self,
        s: &SentenceContext<'_>,
        v: usize,
        object: Option<usize>,
        p: &VerbPattern,
    ) -> bool {
        let t = s.tree;
        p.targets.iter().any(|slot| match slot {
            // an object that names the event ("rejected the call") is not its target
            // nor is a place of no named country ("shelled the capital")
            TargetSlot::Object => object.is_some_and(|o| {
                !names_the_event(&p.object)
                    && !word_keys(s, o)
                        .iter()
                        .any(|w| self.verbs.in_class("physical_target", w))
            }),
            TargetSlot::Clause => t.children_rel(v, "ccomp").next().is_some(),
            // the verb's phrase after it holds a nominal
            TargetSlot::FirstActor => t
                .children(v)
                .iter()
                .any(|&c| c > v && matches!(t.rel(c), "obj" | "obl" | "iobj")),
            TargetSlot::After { word, .. } => self.word_in_phrase(s, v, word).is_some(),
            TargetSlot::Governor => self.governor(t, v).is_some(),
            TargetSlot::ClauseWith(aux) => t
                .children_rel(v, "ccomp")
                .any(|c| t.children_rel(c, "aux").any(|a| t.lemma(a) == *aux)),
            TargetSlot::Prep(prep) => std::iter::once(v).chain(object).any(|h| {
                // ("eased measures on Wednesday": a day fills no slot)
                t.children(h).iter().any(|&c| {
                    matches!(t.rel(c), "obl" | "nmod" | "advcl")
                        && t.case_of(c).as_deref() == Some(prep.as_str())
                        && !CodingRules::has(&self.rules.temporal_nouns, &t.lemma(c))
                })
            }),
        })
    }
}
