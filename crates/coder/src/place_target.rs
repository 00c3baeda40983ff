//! Places as targets: an attack on a place that names no actor ("shelled the regional capital
//! Juba", "fired shells at targets in Jericho") is an attack on the place's country. The
//! actor dictionary knows countries and capitals; the gazetteer (through `dyad_grounding`)
//! knows the towns, provinces and regions the news names, and which country each lies in.
//! And attackers who name their attack: "suicide bombers killed 23 people" is a suicide
//! bombing, whatever the verb says (`attacker_codes` of the coding rules). And statements
//! that speak for whoever issued them: "the PKK issued a declaration demanding that …".

use dyad_core::Span;

use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::sentence::{root_of, word_keys, Resolved, SentenceContext};
use dyad_tree::Tree;

impl Dictionaries<'_> {
    /// The country of the place that the noun `h` is or that names or locates it, when `h`
    /// is a place or a facility of the `physical_target` class ("targets in Jericho"), as a
    /// target actor (entry `place-ISO3`); nothing when the sentence was not grounded.
    pub(crate) fn place_target(&self, s: &SentenceContext<'_>, h: usize) -> Vec<Resolved> {
        let (Some(g), Some(m)) = (self.grounder, s.mentions) else {
            return Vec::new();
        };
        let Some(place) = g.place_of_noun(m, h, s.state) else {
            return Vec::new();
        };
        // ("clashed with Rwanda-backed rebels": a sponsor is no target)
        if place.tokens.clone().any(|k| s.sponsors.contains(&k)) {
            return Vec::new();
        }
        let is_place = place.tokens.contains(&h);
        let facility = word_keys(s, h)
            .iter()
            .any(|w| self.verbs.in_class("physical_target", w));
        if !is_place && !facility {
            return Vec::new();
        }
        let words = &s.tree.words;
        let (Some(first), Some(last)) = (
            words.get(place.tokens.start),
            place.tokens.end.checked_sub(1).and_then(|e| words.get(e)),
        ) else {
            return Vec::new();
        };
        vec![Resolved {
            code: place.location.country.clone(),
            country: Some(place.location.country.clone()),
            span: Span::new(first.span.start, last.span.end),
            entries: vec![format!("place-{}", place.location.country)],
            as_capital: false,
            behind_event_noun: false,
            rules: vec!["place-target"],
        }]
    }

    /// The code of an attack of `code` by `attacker` when the attacker's phrase ends with
    /// words of `attacker_codes` and `code` is of an `attacker_code_roots` root ("two
    /// Palestinian suicide bombers killed 23 people" → 1831).
    pub(crate) fn attacker_code(
        &self,
        s: &SentenceContext<'_>,
        attacker: &Resolved,
        code: &str,
    ) -> Option<&str> {
        if !CodingRules::has(&self.rules.attacker_code_roots, root_of(code)) {
            return None;
        }
        let text = attacker.span.slice(s.ctx.text)?.to_lowercase();
        self.rules
            .attacker_codes
            .iter()
            .filter(|(words, _)| {
                text.strip_suffix(words.as_str())
                    .is_some_and(|before| before.is_empty() || before.ends_with(' '))
            })
            .max_by_key(|(words, _)| words.len())
            .map(|(_, c)| c.as_str())
    }

    /// The subject of the verb that issued a statement (a noun of the `statement` class as
    /// its object) when verb `v` is a subjectless present participle on that noun or on that
    /// verb: "The PKK issued a declaration demanding that …", "released a statement
    /// condemning the attack".
    pub(crate) fn statement_issuer(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        if t.words[v].xpos != "VBG"
            || t.children_rel(v, "nsubj").next().is_some()
            || t.children_rel(v, "mark").next().is_some()
        {
            return None;
        }
        let h = t.head(v)?;
        let (issuer_verb, noun) = match t.rel(v) {
            "acl" if t.rel(h) == "obj" => (t.head(h)?, h),
            "advcl" => (h, t.children_rel(h, "obj").next()?),
            _ => return None,
        };
        if t.words[issuer_verb].upos != "VERB" || !self.verbs.in_class("statement", &t.lemma(noun))
        {
            return None;
        }
        t.children_rel(issuer_verb, "nsubj").next()
    }
}
