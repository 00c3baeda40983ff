//! dyad's event coder: from a dependency-parsed sentence to CAMEO/PLOVER events that explain
//! themselves.
//!
//! For every verb of a sentence the clause coders of `rules` propose candidate events, in
//! order (the verb dictionary's patterns, happenings and reactions that an earlier event
//! stands behind, attacks with no named attacker); the vetoes stop what the sentence does not
//! report as done by an actor (negated, hypothetical, the content of an accusation, a thing
//! that cannot act, a private matter, an off-topic object). What stands is dated, placed and
//! counted by the grounding stage and names its coder and rules. Headings are never coded.
//! The coder never fails and does no I/O: the same parse, dictionaries and version always
//! give the same events.

mod dictionaries;

mod modality;
mod nominal;
mod people;
mod place_target;
mod record;
mod resolve;
mod rules;
mod sentence;
mod state;
mod subjects;
mod surface;
mod syntax;
mod targets;

use dyad_core::{Date, ParsedSegment, SegmentKind};
use dyad_grounding::Grounder;
use dyad_lexicon::actors::{ActorDictionary, ActorKind, ActorMatch};
use dyad_lexicon::verbs::VerbDictionary;
use dyad_lexicon::{CodingRules, EventCodeTable};
use dyad_tree::Tree;

use dictionaries::Dictionaries;
pub use dyad_core::event::{ActorRef, Event, EventDate, Location, VerbRef};
pub use rules::rule_names;
use sentence::{Clause, SentenceContext};
pub use state::DocumentState;

/// The coder's version, part of every event id.
pub const CODER_VERSION: &str = env!("CARGO_PKG_VERSION");
/// What the coder needs to know about the document a segment comes from.
#[derive(Debug, Clone, Copy)]
pub struct DocumentContext<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// Its publication date, if known.
    pub date: Option<Date>,
    /// Its clean text (the segments' spans point into it).
    pub text: &'a str,
}

/// The event coder with its dictionaries.
pub struct Coder<'d> {
    dicts: Dictionaries<'d>,
    /// Whether every sentence is to be parsed, even one in which no event can be coded
    /// (see [`Coder::needs_parse`]).
    parse_every_sentence: bool,
}

/// A candidate event the coder considered for a sentence, and what became of it (for
/// `dyad code --explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Considered {
    /// The verb as written.
    pub verb: String,
    /// The clause coder that proposed it.
    pub coder: &'static str,
    /// Its pattern or rule id.
    pub rule: String,
    /// Its CAMEO code.
    pub cameo: String,
    /// The source's actor code.
    pub source: Option<String>,
    /// The target's actor code.
    pub target: Option<String>,
    /// The veto that stopped it; `None` when it was coded (or its code is unknown, see
    /// `coded`).
    pub vetoed_by: Option<&'static str>,
    /// Whether it became an event.
    pub coded: bool,
}

impl Coder<'static> {
    /// A coder with the dictionaries shipped with dyad.
    pub fn bundled() -> Self {
        Coder::new(
            ActorDictionary::bundled(),
            VerbDictionary::bundled(),
            EventCodeTable::bundled(),
            CodingRules::bundled(),
        )
    }
}

impl<'d> Coder<'d> {
    /// A coder with the given dictionaries.
    pub fn new(
        actors: &'d ActorDictionary,
        verbs: &'d VerbDictionary,
        codes: &'d EventCodeTable,
        rules: &'d CodingRules,
    ) -> Self {
        Coder {
            dicts: Dictionaries {
                actors,
                verbs,
                codes,
                rules,
                grounder: Some(Grounder::bundled()),
            },
            parse_every_sentence: false,
        }
    }

    /// The same coder, leaving events ungrounded: the publication date with precision
    /// `document`, no location, no fatalities. For measuring what grounding costs.
    pub fn without_grounding(mut self) -> Self {
        self.dicts.grounder = None;
        self
    }
    /// The same coder, asking for every sentence to be parsed (see [`Coder::needs_parse`]):
    /// the events are the same, only slower. For checking that they are.
    pub fn parsing_every_sentence(mut self) -> Self {
        self.parse_every_sentence = true;
        self
    }

    /// Whether a sentence with these word forms must be parsed and coded with
    /// [`Coder::code_segment`], or may only be skimmed with [`Coder::skim_segment`].
    ///
    /// An event needs an actor named in its own sentence (pronouns stand only for actors of
    /// the same sentence; a surname for a person the document named before, `named-earlier`),
    /// or, for an event noun of an `antecedent_roots` class ("the
    /// meeting took place"), an earlier event of the document, or a noun of
    /// `unattributed_attack` ("a car bombing killed two"). A
    /// sentence with none of them can give no event, and tagging and parsing it is most of
    /// what coding it would cost: in a wire of business news that is a third of the
    /// sentences. The events coded are the same either way.
    pub fn needs_parse(
        &self,
        ctx: &DocumentContext<'_>,
        forms: &[&str],
        state: &DocumentState,
    ) -> bool {
        if self.parse_every_sentence {
            return true;
        }
        let lower: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        (!state.recent.is_empty()
            && lower.iter().any(|f| {
                self.may_be_event_noun(f)
                    || CodingRules::has(&self.dicts.rules.document_pronouns, f)
            }))
            || self
                .dicts
                .rules
                .unattributed_attack
                .as_ref()
                .is_some_and(|r| {
                    lower
                        .iter()
                        .any(|f| self.dicts.verbs.ends_class_entry(&r.class, f))
                })
            || !self.dicts.actors.find(forms, ctx.date).is_empty()
            || lower
                .iter()
                .any(|f| state.people.iter().any(|p| &p.surname == f))
    }

    /// Could the lowercase word form `f` be a noun of an `antecedent_roots` class, in the
    /// singular or a regular plural ("strikes", "talks")? (Before parsing there is no lemma:
    /// a wrong yes only costs a parse.)
    fn may_be_event_noun(&self, f: &str) -> bool {
        let singulars = [Some(f), f.strip_suffix('s'), f.strip_suffix("es")];
        self.dicts.rules.antecedent_roots.keys().any(|class| {
            singulars
                .iter()
                .flatten()
                .any(|w| self.dicts.verbs.ends_class_entry(class, w))
        })
    }

    /// Read a sentence that [`Coder::needs_parse`] let pass unparsed: the document state
    /// moves on as [`Coder::code_segment`] would move it (dates and places read from the
    /// word forms); no event is coded.
    pub fn skim_segment(&self, forms: &[&str], state: &mut DocumentState) {
        if let Some(g) = self.dicts.grounder {
            let places = g.skim(&mut state.grounding, forms);
            state.count_place_countries(places.iter().map(String::as_str));
        }
    }

    /// Code one parsed segment of a document whose segments before it were coded with the
    /// same `state` (one [`DocumentState`] per document, segments in order): the sentence's
    /// date, place and number mentions are read first (see `dyad_grounding`), then each
    /// event is coded and grounded. Headings give nothing and are not read.
    pub fn code_segment(
        &self,
        ctx: &DocumentContext<'_>,
        seg: &ParsedSegment,
        state: &mut DocumentState,
    ) -> Vec<Event> {
        self.code_segment_explained(ctx, seg, state, None)
    }

    /// [`Coder::code_segment`], also telling every candidate considered and the veto that
    /// stopped it: the same events, and the same state after.
    pub fn explain_segment(
        &self,
        ctx: &DocumentContext<'_>,
        seg: &ParsedSegment,
        state: &mut DocumentState,
    ) -> (Vec<Event>, Vec<Considered>) {
        let mut considered = Vec::new();
        let events = self.code_segment_explained(ctx, seg, state, Some(&mut considered));
        (events, considered)
    }

    fn code_segment_explained(
        &self,
        ctx: &DocumentContext<'_>,
        seg: &ParsedSegment,
        state: &mut DocumentState,
        mut considered: Option<&mut Vec<Considered>>,
    ) -> Vec<Event> {
        if seg.kind == SegmentKind::Heading || seg.words.is_empty() {
            return Vec::new();
        }
        let d = &self.dicts;
        let forms: Vec<&str> = (seg.words.iter())
            .map(|w| w.span.slice(ctx.text).unwrap_or(""))
            .collect();
        let tree = Tree::new(&seg.words, &forms, &d.rules.temporal_nouns);
        let mentions = d.grounder.map(|g| g.read(&mut state.grounding, &tree));
        let matches = d.actors.find(&forms, ctx.date);
        let mut owner: Vec<Option<usize>> = vec![None; forms.len()];
        for (k, m) in matches.iter().enumerate() {
            for slot in owner.iter_mut().take(m.end).skip(m.start) {
                *slot = Some(k);
            }
        }
        let sponsors = self.sponsor_tokens(&forms, &matches);
        // the story's country is what the headline and the sentences before said; for the
        // local people of a story (`local_story_country_types`) also where this sentence's
        // places are (not whom its actors name: "Israeli troops killed protesters in Gaza"
        // are not Israeli protesters)
        let story_country = state.story_country().map(str::to_string);
        if let Some(m) = &mentions {
            state.count_place_countries(m.local_place_countries());
            if let Some(g) = d.grounder {
                state.count_located_countries(&g.located_countries(m));
            }
        }
        let local_country = state.story_country().map(str::to_string);
        let place_country = state.place_country().map(str::to_string);
        state.count_countries(self.countries_of(&matches));
        // a story's opening sentence with a country says what country the story is about
        let opening_country = story_country
            .is_none()
            .then(|| state.story_country().map(str::to_string))
            .flatten();
        let sentence = SentenceContext {
            seg,
            tree: &tree,
            forms: &forms,
            matches: &matches,
            owner: &owner,
            sponsors: &sponsors,
            ctx,
            mentions: mentions.as_ref(),
            state: &state.grounding,
            recent: &state.recent,
            people: &state.people,
            story_country: story_country.as_deref(),
            local_country: local_country.as_deref(),
            opening_country: opening_country.as_deref(),
            place_country: place_country.as_deref(),
        };
        let mut events = Vec::new();
        // the verb of each event
        let mut verbs = Vec::new();
        for v in 0..seg.words.len() {
            if seg.words[v].upos == "VERB" {
                let clause = Clause {
                    dicts: d,
                    sentence: &sentence,
                    verb: v,
                };
                code_clause(&clause, &mut events, considered.as_deref_mut());
                verbs.resize(events.len(), v);
            }
        }
        let named = if d.rules.named_earlier {
            d.people_named(&sentence)
        } else {
            Vec::new()
        };
        nominal::give_deaths_to_the_killing(&tree, &verbs, &mut events);
        people::learn(&mut state.people, named);
        state.remember(&events);
        events
    }

    /// Read a heading (which is never coded) for the countries it names: a headline says
    /// what country the story is about.
    pub fn read_heading(
        &self,
        ctx: &DocumentContext<'_>,
        forms: &[&str],
        state: &mut DocumentState,
    ) {
        let matches = self.dicts.actors.find(forms, ctx.date);
        state.count_countries(self.countries_of(&matches));
        if let Some(g) = self.dicts.grounder {
            let places = g.heading_place_countries(&state.grounding, forms);
            state.count_place_countries(places.iter().map(String::as_str));
        }
    }

    /// The country codes of a sentence's country matches.
    fn countries_of<'m>(&'m self, matches: &'m [ActorMatch]) -> impl Iterator<Item = &'m str> + 'm {
        matches.iter().filter_map(|m| {
            let e = self.dicts.actors.entry(m.entry);
            (e.kind == ActorKind::Country).then_some(e.code.as_str())
        })
    }

    /// Tokens of country matches used as sponsors ("Iran" in "Iran-backed").
    fn sponsor_tokens(&self, forms: &[&str], matches: &[ActorMatch]) -> Vec<usize> {
        let mut out = Vec::new();
        for m in matches {
            let kind = self.dicts.actors.entry(m.entry).kind;
            if kind == ActorKind::Country
                && forms.get(m.end) == Some(&"-")
                && forms.get(m.end + 1).is_some_and(|w| {
                    CodingRules::has(&self.dicts.rules.sponsor_words, &w.to_lowercase())
                })
            {
                out.extend(m.start..m.end);
            }
        }
        out
    }
}

/// Code one clause: the clause coders in order, each candidate judged by the vetoes; the
/// first coder with an event gives the clause's events. Then every coder is asked for the
/// events that nouns of the clause name beside the verb's own (`ClauseCoder::code_nouns`).
fn code_clause(
    clause: &Clause<'_>,
    events: &mut Vec<Event>,
    mut considered: Option<&mut Vec<Considered>>,
) {
    let before = events.len();
    for coder in rules::CLAUSE_CODERS {
        let mut candidates = Vec::new();
        coder.code(clause, &mut candidates);
        judge(clause, candidates, events, considered.as_deref_mut());
        if events.len() > before {
            break;
        }
    }
    for coder in rules::CLAUSE_CODERS {
        let mut candidates = Vec::new();
        coder.code_nouns(clause, &events[before..], &mut candidates);
        judge(clause, candidates, events, considered.as_deref_mut());
    }
}

/// Judge candidates by the vetoes; the standing ones become events.
fn judge(
    clause: &Clause<'_>,
    candidates: Vec<sentence::Candidate>,
    events: &mut Vec<Event>,
    mut considered: Option<&mut Vec<Considered>>,
) {
    for c in candidates {
        let vetoed_by = rules::veto_of(clause, &c);
        let event = match vetoed_by {
            None => record::event_of(clause.dicts, clause.sentence, &c),
            Some(_) => None,
        };
        if let Some(out) = considered.as_deref_mut() {
            out.push(Considered {
                verb: c.verb_text.clone(),
                coder: c.coder,
                rule: c.rule.clone(),
                cameo: c.code.clone(),
                source: c.source.code.clone(),
                target: c.target.code.clone(),
                vetoed_by,
                coded: event.is_some(),
            });
        }
        events.extend(event);
    }
}
