//! What the coder remembers of a document while it codes the document's sentences in order:
//! the grounding state (publication date, the last date read, the countries named so far)
//! and the events coded so far, which a later event noun may stand for ("the first meeting
//! took place Jan. 27"). It holds no text and no parse; one state serves one document only.

use dyad_core::Date;

use dyad_core::event::{ActorRef, Event};

use crate::people::KnownPerson;

/// How many earlier events a document keeps for event nouns to refer back to.
const REMEMBERED_EVENTS: usize = 64;

/// How many actor words a place name below country level counts for in the story's country.
const PLACE_WEIGHT: usize = 2;

/// The coder's memory of one document, passed to every
/// [`Coder::code_segment`](crate::Coder::code_segment) of the document in order.
#[derive(Debug, Clone)]
pub struct DocumentState {
    pub(crate) grounding: dyad_grounding::DocumentState,
    pub(crate) recent: Vec<Antecedent>,
    /// The people named so far, by surname (`named-earlier`).
    pub(crate) people: Vec<KnownPerson>,
    /// How much the document has named each country so far, first named first: an actor's
    /// word counts once, a place below country level `PLACE_WEIGHT` times.
    country_weights: Vec<(String, usize)>,
    /// How often the document's parsed sentences have named a place in each country so far
    /// (below country level, or after a locative preposition), first named first: where the
    /// story happens, whoever its actors are.
    place_counts: Vec<(String, usize)>,
}

/// An event coded earlier in the document.
#[derive(Debug, Clone)]
pub(crate) struct Antecedent {
    pub sentence_index: usize,
    pub cameo: String,
    pub root: String,
    pub rule: String,
    pub source: ActorRef,
    pub target: ActorRef,
}

impl DocumentState {
    /// The state at the start of a document published on `publication`.
    pub fn new(publication: Date) -> DocumentState {
        DocumentState::starting(dyad_grounding::DocumentState::new(publication))
    }

    /// The state at the start of a document with no publication date: its events get no
    /// date (relative expressions could not be resolved); places and fatalities as usual.
    pub fn undated() -> DocumentState {
        DocumentState::starting(dyad_grounding::DocumentState::undated())
    }

    /// The state at the start of a document with this grounding state: nothing remembered.
    fn starting(grounding: dyad_grounding::DocumentState) -> DocumentState {
        DocumentState {
            grounding,
            recent: Vec::new(),
            people: Vec::new(),
            country_weights: Vec::new(),
            place_counts: Vec::new(),
        }
    }

    /// Count the countries a sentence's (or headline's) actor words name.
    pub(crate) fn count_countries<'a>(&mut self, countries: impl IntoIterator<Item = &'a str>) {
        self.weigh(countries, 1);
    }

    /// Count the countries of the places a sentence (or headline) names.
    pub(crate) fn count_place_countries<'a>(
        &mut self,
        countries: impl IntoIterator<Item = &'a str>,
    ) {
        let countries: Vec<&str> = countries.into_iter().collect();
        add_weight(&mut self.place_counts, countries.iter().copied(), 1);
        self.weigh(countries, PLACE_WEIGHT);
    }

    /// Count, as places of the story, the countries a parsed sentence names after a
    /// locative preposition ("strikes in Iraq").
    pub(crate) fn count_located_countries(&mut self, countries: &[String]) {
        add_weight(
            &mut self.place_counts,
            countries.iter().map(String::as_str),
            1,
        );
    }

    fn weigh<'a>(&mut self, countries: impl IntoIterator<Item = &'a str>, weight: usize) {
        add_weight(&mut self.country_weights, countries, weight);
    }

    /// The country where the story's places are, as far as it has gone: the one whose places
    /// it has named most, the first named on a tie.
    pub(crate) fn place_country(&self) -> Option<&str> {
        heaviest(&self.place_counts)
    }

    /// The country the story is about, as far as it has gone: the one named most often,
    /// a place below country level (a city, a region) counting twice an actor's word, the
    /// first named on a tie. A story's local actors (police, protesters) are where it
    /// happens, which its actors' countries alone do not say ("U.S. truck crash sparks riots
    /// in Kabul").
    pub(crate) fn story_country(&self) -> Option<&str> {
        heaviest(&self.country_weights)
    }

    /// Remember the events of a sentence just coded, and their actors' countries as
    /// context for the places of later sentences.
    pub(crate) fn remember(&mut self, events: &[Event]) {
        for e in events {
            for c in [&e.source.country, &e.target.country].into_iter().flatten() {
                self.grounding.add_country(c);
            }
            self.recent.push(Antecedent {
                sentence_index: e.sentence_index,
                cameo: e.cameo.clone(),
                root: e.root.clone(),
                rule: e.verb.rule.clone(),
                source: e.source.clone(),
                target: e.target.clone(),
            });
        }
        if self.recent.len() > REMEMBERED_EVENTS {
            let extra = self.recent.len() - REMEMBERED_EVENTS;
            self.recent.drain(..extra);
        }
    }
}

/// Add `weight` to each of `countries` in a tally kept in first-named order.
fn add_weight<'a>(
    tally: &mut Vec<(String, usize)>,
    countries: impl IntoIterator<Item = &'a str>,
    weight: usize,
) {
    for c in countries {
        match tally.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += weight,
            None => tally.push((c.to_string(), weight)),
        }
    }
}

/// The country of a tally with the greatest weight, the first named on a tie.
fn heaviest(tally: &[(String, usize)]) -> Option<&str> {
    let mut best: Option<&(String, usize)> = None;
    for e in tally {
        if best.is_none_or(|b| e.1 > b.1) {
            best = Some(e);
        }
    }
    best.map(|(c, _)| c.as_str())
}
