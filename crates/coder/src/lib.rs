//! dyad's event coder: from a dependency-parsed sentence to CAMEO/PLOVER events that explain
//! themselves.
//!
//! The parse is first repaired where a known parser error would hide a clause (`dyad_tree`).
//! For every verb of a sentence the coder finds its logical subject (the `by`-agent of a
//! passive), its object and its prepositional phrases, picks the most specific pattern of the
//! verb dictionary whose object constraint holds and whose target slot names an actor, and
//! resolves the noun phrases to actor codes with the actor dictionary ("Iraqi officials" →
//! IRQGOV, "a U.S. outpost" → USA, "Iran-backed militants" → REB). Negated and hypothetical
//! actions give no event; intended and threatened ones give the CAMEO intent code of their
//! root (03x, 13x). Coordinated actors give one event each, and coordinated subjects of a
//! cooperative verb without a target act on each other ("Iraq and the U.S. resumed talks").
//! A bombing reported with no attacker is coded from an unidentified armed attacker (UAF,
//! see `unattributed`); a stated intention with an "unless" condition is a threat.
//! Headings are never coded. The coder never fails and does no I/O: the same parse,
//! dictionaries and version always give the same events.

mod event;
mod nominal;
mod place_target;
mod state;
mod subjects;
mod surface;
mod unattributed;

use std::collections::BTreeSet;

use dyad_core::{Date, ParsedSegment, SegmentKind, Span};
use dyad_grounding::{GroundedDate, Grounder, Grounding, Sentence};
use dyad_lexicon::actors::{ActorDictionary, ActorKind, ActorMatch, MatchForm};
use dyad_lexicon::verbs::{ObjectRule, TargetSlot, VerbDictionary, VerbPattern};
use dyad_lexicon::{CodingRules, EventCodeTable};
use dyad_tree::Tree;

pub use event::{ActorRef, Event, EventDate, Location, VerbRef};
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
    actors: &'d ActorDictionary,
    verbs: &'d VerbDictionary,
    codes: &'d EventCodeTable,
    rules: &'d CodingRules,
    /// `None`: events are not grounded (see [`Coder::without_grounding`]).
    grounder: Option<&'static Grounder>,
    /// Whether every sentence is to be parsed, even one in which no event can be coded
    /// (see [`Coder::needs_parse`]).
    parse_every_sentence: bool,
}

/// An actor resolved from a noun phrase.
#[derive(Debug, Clone)]
struct Resolved {
    code: String,
    /// The actor's country (ISO 3166-1 alpha-3), when its code starts with one.
    country: Option<String>,
    span: Span,
    entries: Vec<String>,
    /// A capital city standing for its government ("Washington said").
    as_capital: bool,
    /// The actor behind an event noun of the sentence, taken from the verb above it ("the
    /// U.S. launched strikes, including a strike that killed …").
    behind_event_noun: bool,
}

/// How an action is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modality {
    Asserted,
    Intended,
    Negated,
    Hypothetical,
}

impl Coder<'static> {
    /// A coder with the dictionaries shipped with dyad.
    pub fn bundled() -> Self {
        Coder {
            actors: ActorDictionary::bundled(),
            verbs: VerbDictionary::bundled(),
            codes: EventCodeTable::bundled(),
            rules: CodingRules::bundled(),
            grounder: Some(Grounder::bundled()),
            parse_every_sentence: false,
        }
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
            actors,
            verbs,
            codes,
            rules,
            grounder: Some(Grounder::bundled()),
            parse_every_sentence: false,
        }
    }

    /// The same coder, leaving events ungrounded: the publication date with precision
    /// `document`, no location, no fatalities. For measuring what grounding costs.
    pub fn without_grounding(mut self) -> Self {
        self.grounder = None;
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
    /// the same sentence), or, for an event noun of an `antecedent_roots` class ("the
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
        (!state.recent.is_empty() && lower.iter().any(|f| self.may_be_event_noun(f)))
            || self.rules.unattributed_attack.as_ref().is_some_and(|r| {
                lower
                    .iter()
                    .any(|f| self.verbs.ends_class_entry(&r.class, f))
            })
            || !self.actors.find(forms, ctx.date).is_empty()
    }

    /// Could the lowercase word form `f` be a noun of an `antecedent_roots` class, in the
    /// singular or a regular plural ("strikes", "talks")? (Before parsing there is no lemma:
    /// a wrong yes only costs a parse.)
    fn may_be_event_noun(&self, f: &str) -> bool {
        let singulars = [Some(f), f.strip_suffix('s'), f.strip_suffix("es")];
        self.rules.antecedent_roots.keys().any(|class| {
            singulars
                .iter()
                .flatten()
                .any(|w| self.verbs.ends_class_entry(class, w))
        })
    }

    /// Read a sentence that [`Coder::needs_parse`] let pass unparsed: the document state
    /// moves on as [`Coder::code_segment`] would move it (dates and places read from the
    /// word forms); no event is coded.
    pub fn skim_segment(&self, forms: &[&str], state: &mut DocumentState) {
        if let Some(g) = self.grounder {
            g.skim(&mut state.grounding, forms);
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
        if seg.kind == SegmentKind::Heading || seg.words.is_empty() {
            return Vec::new();
        }
        let forms: Vec<&str> = (seg.words.iter())
            .map(|w| w.span.slice(ctx.text).unwrap_or(""))
            .collect();
        let tree = Tree::new(&seg.words, &forms, &self.rules.temporal_nouns);
        let mentions = self.grounder.map(|g| g.read(&mut state.grounding, &tree));
        let matches = self.actors.find(&forms, ctx.date);
        let mut owner: Vec<Option<usize>> = vec![None; forms.len()];
        for (k, m) in matches.iter().enumerate() {
            for slot in owner.iter_mut().take(m.end).skip(m.start) {
                *slot = Some(k);
            }
        }
        let sponsors = self.sponsor_tokens(&forms, &matches);
        let scope = Scope {
            tree: &tree,
            forms: &forms,
            matches: &matches,
            owner: &owner,
            sponsors: &sponsors,
            ctx,
            mentions: mentions.as_ref(),
            state: &state.grounding,
            recent: &state.recent,
        };
        let mut events = Vec::new();
        // the verb of each event
        let mut verbs = Vec::new();
        for v in 0..seg.words.len() {
            if seg.words[v].upos == "VERB" {
                let before = events.len();
                self.code_verb(&scope, seg, v, &mut events);
                if events.len() == before {
                    self.code_happening(&scope, seg, v, &mut events);
                }
                if events.len() == before {
                    self.code_reaction(&scope, seg, v, &mut events);
                }
                if events.len() == before {
                    self.code_unattributed(&scope, seg, v, &mut events);
                }
                verbs.resize(events.len(), v);
            }
        }
        nominal::give_deaths_to_the_killing(&tree, &verbs, &mut events);
        state.remember(&events);
        events
    }

    /// Tokens of country matches used as sponsors ("Iran" in "Iran-backed").
    fn sponsor_tokens(&self, forms: &[&str], matches: &[ActorMatch]) -> Vec<usize> {
        let mut out = Vec::new();
        for m in matches {
            let kind = self.actors.entry(m.entry).kind;
            if kind == ActorKind::Country
                && forms.get(m.end) == Some(&"-")
                && forms
                    .get(m.end + 1)
                    .is_some_and(|w| CodingRules::has(&self.rules.sponsor_words, &w.to_lowercase()))
            {
                out.extend(m.start..m.end);
            }
        }
        out
    }

    fn code_verb(&self, s: &Scope<'_>, seg: &ParsedSegment, v: usize, out: &mut Vec<Event>) {
        let t = s.tree;
        let Some(lemma) = self.verb_lemma(t, s.forms[v], v) else {
            return;
        };
        let patterns = self.verbs.patterns_for(&lemma);
        let mut particle = t.children_rel(v, "compound:prt").next();
        // "handed over medicine": a particle the parser took for an adverb or a preposition
        let mut misread_object = None;
        if particle.is_none() {
            if let Some((p, o)) = self.misread_particle(t, v, &lemma) {
                particle = Some(p);
                misread_object = o;
            }
        }
        let particle_lemma = particle.map(|p| t.lemma(p));
        let passive = (t.children_rel(v, "aux:pass").next().is_some()
            || t.children_rel(v, "nsubj:pass").next().is_some())
            && !self.passive_read_as_active(t, v);
        let object = if passive {
            t.children_rel(v, "nsubj:pass").next()
        } else {
            // "asked Russia to send": the parser may call the only object indirect; "rioted
            // Monday": a day is no object
            // ("launched ten days of war games": a span of time with an "of" phrase measures it)
            let not_time = |&o: &usize| {
                !CodingRules::has(&self.rules.temporal_nouns, &t.lemma(o))
                    || self.time_span_of(t, o)
            };
            t.children_rel(v, "obj")
                .find(not_time)
                .or_else(|| t.children_rel(v, "iobj").find(not_time))
                .or(misread_object)
                // "lifted Friday a day-old blockade": the object hung on the day as apposition
                .or_else(|| {
                    t.children_rel(v, "obj")
                        .find_map(|o| t.children_rel(o, "appos").next())
                })
        };
        // the object's lemma and its form: lemmatizers differ on words like "talks"
        // (and of its conjuncts: "photographs and other military intelligence")
        let object_words: Vec<String> = object
            .map(|o| {
                t.with_conjuncts(o)
                    .into_iter()
                    .flat_map(|c| with_compound_keys(s, self.through_quantity(t, c)))
                    .collect()
            })
            .unwrap_or_default();
        // ("war games": a compound a pattern of the verb names is on topic)
        let named_compound = object_words.iter().any(|w| {
            w.contains(' ')
                && self
                    .verbs
                    .patterns_for(&lemma)
                    .any(|p| matches!(&p.object, ObjectRule::Lemmas(ls) if ls.contains(w)))
        });
        if !named_compound
            && object_words.iter().any(|w| {
                self.rules
                    .off_topic_classes
                    .iter()
                    .any(|c| self.verbs.in_class(c, w))
            })
        {
            return;
        }
        let object_actors = object.map(|o| self.phrase_actors(s, o)).unwrap_or_default();
        // with no direct object, a class constraint may hold of a prepositional object
        // ("entered into talks", "engaged in negotiations")
        // (or of a phrase the parser hung on a day: "return to Geneva this week for talks")
        let oblique_words: Vec<String> = t
            .children_rel(v, "obl")
            .filter(|&c| t.deprel(c) != "obl:tmod" && t.deprel(c) != "obl:agent")
            .chain(
                self.day_phrases(t, v, None)
                    .into_iter()
                    .flat_map(|d| t.children_rel(d, "nmod")),
            )
            .flat_map(|c| with_compound_keys(s, c))
            .collect();
        // "accused X of shelling": the content of an accusation is not an event of its own
        if t.rel(v) == "acl"
            && t.children_rel(v, "mark")
                .any(|m| matches!(t.lemma(m).as_str(), "of" | "for"))
        {
            return;
        }
        let modality = self.modality(t, v);
        if matches!(modality, Modality::Negated | Modality::Hypothetical) {
            return;
        }
        // a purpose clause's subject is its governor's only for patterns that name words
        // before the verb (`purpose_clause_subjects`: "+ HOSTING * MAY_DAY $")
        let mut purpose = false;
        let Some(subject) = self
            .subject(t, v, passive)
            .or_else(|| self.statement_issuer(t, v))
            .or_else(|| {
                purpose = true;
                self.purpose_subject(t, v)
            })
        else {
            return;
        };
        // "a U.S. proposal would force ...", "the French economy was ...": a thing that
        // cannot act is no source, whoever owns it
        if self.cannot_act(s, subject) {
            return;
        }
        let mut sources = self.phrase_actors(s, subject);
        self.add_co_subjects(s, v, subject, passive, &mut sources);
        if sources.is_empty() {
            if let Some(a) = self.pronoun_antecedent(t, subject) {
                sources = self.phrase_actors(s, a);
            }
        }
        if sources.is_empty() {
            sources = self.antecedent_actors(s, v, subject);
        }
        // "a strike that killed a commander": the actor behind the event noun
        if sources.is_empty() {
            sources = self.event_noun_agents(s, subject);
        }
        // "issued a declaration demanding that …": whoever issued it
        if sources.is_empty() {
            if let Some(i) = self.statement_issuer(t, v) {
                sources = self.phrase_actors(s, i);
            }
        }
        if sources.is_empty() {
            return;
        }
        // "called off a strike": with a particle some pattern of the verb names, only the
        // patterns with that particle apply (not "call strike")
        let phrasal = particle_lemma.is_some()
            && self
                .verbs
                .patterns_for(&lemma)
                .any(|p| p.particle == particle_lemma);
        let mut fallback: Option<&VerbPattern> = None;
        for p in patterns {
            if (p.particle.is_some() || phrasal) && p.particle != particle_lemma {
                continue;
            }
            let is_actor = !object_actors.is_empty();
            let object_fits = match (&p.object, object_words.is_empty()) {
                (ObjectRule::NotInClass(_), false) => object_words
                    .iter()
                    .all(|w| self.verbs.object_ok(&p.object, Some(w), is_actor)),
                (_, false) => object_words
                    .iter()
                    .any(|w| self.verbs.object_ok(&p.object, Some(w), is_actor)),
                (ObjectRule::InClass(_) | ObjectRule::Lemmas(_), true) => oblique_words
                    .iter()
                    .any(|w| self.verbs.object_ok(&p.object, Some(w), false)),
                (_, true) => self.verbs.object_ok(&p.object, None, false),
            };
            if !object_fits
                || !self.words_hold(s, v, p)
                || (purpose && p.words.as_ref().is_none_or(|w| w.pre.is_empty()))
            {
                continue;
            }
            // "threatened to launch an offensive": a governor's own pattern only when it has a
            // complement ("production declined" is no refusal) that gives no event
            if p.targets.is_empty()
                && matches!(p.object, ObjectRule::NoObject | ObjectRule::Any)
                && CodingRules::has(&self.rules.complement_first_verbs, &lemma)
                && (!self.has_complement(t, v) || self.complement_codes(s, seg, v))
            {
                continue;
            }
            let targets = self.targets(s, v, object, &object_actors, p);
            let reciprocal = !p.targets.is_empty()
                && targets.is_empty()
                && sources.len() >= 2
                && (CodingRules::has(&self.rules.reciprocal_roots, root_of(&p.code))
                    || CodingRules::has(&self.rules.reciprocal_verbs, &lemma));
            if !p.targets.is_empty() && targets.is_empty() && !reciprocal {
                if fallback.is_none()
                    && names_the_event(&p.object)
                    && CodingRules::has(&self.rules.targetless_roots, self.coded_root(p, modality))
                    && !self.slot_present(s, v, object, p)
                {
                    fallback = Some(p);
                }
                continue;
            }
            // a pattern whose object named the event beats a later one with no object constraint
            let p = match fallback {
                Some(f)
                    if p.targets.is_empty()
                        && matches!(p.object, ObjectRule::Any | ObjectRule::NoObject) =>
                {
                    f
                }
                _ => p,
            };
            self.emit(
                s, seg, v, particle, p, modality, &sources, &targets, reciprocal, out,
            );
            return;
        }
        // a pattern whose object names the event ("demanded the release", "imposed sanctions")
        // still codes it when no target is named
        if let Some(p) = fallback {
            self.emit(s, seg, v, particle, p, modality, &sources, &[], false, out);
        }
    }

    /// Push the events of pattern `p` for these sources and targets.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        s: &Scope<'_>,
        seg: &ParsedSegment,
        v: usize,
        particle: Option<usize>,
        p: &VerbPattern,
        modality: Modality,
        sources: &[Resolved],
        targets: &[Resolved],
        reciprocal: bool,
        out: &mut Vec<Event>,
    ) {
        {
            let threat = modality == Modality::Intended && self.conditional_threat(s.tree, v);
            let code = if modality == Modality::Intended {
                match self.rules.intent_code_by_root.get(root_of(&p.code)) {
                    // "will withdraw its troops unless …": a conditional intention is a threat
                    Some(c) if threat && root_of(c) != "13" => {
                        match &self.rules.conditional_threat_code {
                            Some(t) => t.clone(),
                            None => c.clone(),
                        }
                    }
                    Some(c) => c.clone(),
                    None => return,
                }
            } else {
                p.code.clone()
            };
            // "attempted to assassinate": the attempt's own code
            let attempt = s.tree.rel(v) == "xcomp"
                && s.tree.head(v).is_some_and(|h| {
                    CodingRules::has(&self.rules.attempt_governors, &s.tree.lemma(h))
                });
            let (code, attempted) = match self.rules.attempt_codes.get(&code) {
                Some(c) if attempt => (c.clone(), true),
                _ => (code, false),
            };
            let rule = if attempted {
                format!("{}+attempt", p.id)
            } else if threat {
                format!("{}+threat", p.id)
            } else if modality == Modality::Intended {
                format!("{}+intent", p.id)
            } else {
                p.id.clone()
            };
            let verb_text = verb_text(s, v, particle);
            let pairs: Vec<(&Resolved, Option<&Resolved>)> = if reciprocal {
                let mut pairs = Vec::new();
                for a in sources {
                    for b in sources {
                        if a.code != b.code {
                            pairs.push((a, Some(b)));
                        }
                    }
                }
                pairs
            } else if targets.is_empty() {
                sources.iter().map(|a| (a, None)).collect()
            } else {
                let mut pairs = Vec::new();
                for a in sources {
                    for b in targets {
                        if a.code != b.code {
                            pairs.push((a, Some(b)));
                        }
                    }
                }
                pairs
            };
            for (src, tgt) in pairs {
                let rule = if src.behind_event_noun {
                    format!("{rule}+event-noun")
                } else {
                    rule.clone()
                };
                // "suicide bombers killed 23 people": the attacker names the attack
                let (code, rule) = match self.attacker_code(s, src, &code) {
                    Some(c) => (c.to_string(), format!("{rule}+attacker")),
                    None => (code.clone(), rule),
                };
                if let Some(e) = self.event(s, seg, v, &code, &rule, &verb_text, src, tgt) {
                    out.push(e);
                }
            }
        }
    }

    /// Does the sentence fill one of the pattern's target slots, actor or not? ("declared war
    /// on deflation": the war is on a thing, so no event stands without its target.)
    fn slot_present(
        &self,
        s: &Scope<'_>,
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

    /// The verb whose complement clause verb `v` heads ("noted that Mordor regretted").
    fn governor(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        let g = t.head(v)?;
        (matches!(t.rel(v), "ccomp" | "advcl" | "parataxis") && t.words[g].upos == "VERB")
            .then_some(g)
    }

    /// The root of the code an event of pattern `p` takes: an intended action's is its
    /// intent code's.
    fn coded_root<'p>(&'p self, p: &'p VerbPattern, modality: Modality) -> &'p str {
        if modality == Modality::Intended {
            if let Some(c) = self.rules.intent_code_by_root.get(root_of(&p.code)) {
                return root_of(c);
            }
        }
        root_of(&p.code)
    }

    /// Has verb `v` an infinitive complement ("to sign")? ("Analysts agreed that …" is an
    /// opinion, not an agreement.)
    fn has_complement(&self, t: &Tree<'_>, v: usize) -> bool {
        t.children(v).iter().any(|&c| {
            t.rel(c) == "xcomp" || (t.rel(c) == "advcl" && self.infinitive_of_intent(t, c, v))
        })
    }

    /// Does a complement clause of verb `v` ("to launch an offensive") give an event?
    fn complement_codes(&self, s: &Scope<'_>, seg: &ParsedSegment, v: usize) -> bool {
        let t = s.tree;
        let mut tmp = Vec::new();
        for c in t.children(v).iter().copied() {
            let complement =
                t.rel(c) == "xcomp" || (t.rel(c) == "advcl" && self.infinitive_of_intent(t, c, v));
            if complement && CodingRules::has(&self.rules.trivial_complements, &t.lemma(c)) {
                // "refused to comment": nothing to code, not even the refusal
                return true;
            }
            if complement && t.words[c].upos == "VERB" {
                self.code_verb(s, seg, c, &mut tmp);
                if !tmp.is_empty() {
                    return true;
                }
            }
        }
        false
    }

    /// A quantity noun's "of" phrase ("hundreds of protesters" → "protesters", "ten days of
    /// war games" → "games"), else `o`.
    fn through_quantity(&self, t: &Tree<'_>, o: usize) -> usize {
        if !CodingRules::has(&self.rules.quantity_nouns, &t.lemma(o))
            && t.words[o].upos != "NUM"
            && !self.time_span_of(t, o)
        {
            return o;
        }
        t.children_rel(o, "nmod")
            .find(|&c| t.case_of(c).as_deref() == Some("of"))
            .map_or(o, |c| self.through_quantity(t, c))
    }

    /// Is `o` a span of time (`temporal_nouns`) with an "of" phrase, which it measures ("ten
    /// days of war games", "a week of talks")?
    fn time_span_of(&self, t: &Tree<'_>, o: usize) -> bool {
        CodingRules::has(&self.rules.temporal_nouns, &t.lemma(o))
            && t.children_rel(o, "nmod")
                .any(|c| t.case_of(c).as_deref() == Some("of"))
    }

    /// The subject a pronoun stands for when it is the subject of a reporting verb's
    /// complement ("Egypt said it had sent aid" → "Egypt").
    fn pronoun_antecedent(&self, t: &Tree<'_>, subject: usize) -> Option<usize> {
        if t.words[subject].upos != "PRON"
            || !matches!(
                t.lemma(subject).as_str(),
                "it" | "they" | "he" | "she" | "we"
            )
        {
            return None;
        }
        let mut cur = t.head(subject)?;
        for _ in 0..4 {
            let head = t.head(cur)?;
            match t.rel(cur) {
                "conj" | "xcomp" => cur = head,
                "ccomp" if CodingRules::has(&self.rules.reporting_verbs, &t.lemma(head)) => {
                    return t
                        .children_rel(head, "nsubj")
                        .next()
                        .filter(|&s| t.words[s].upos != "PRON")
                        .or_else(|| reporting_participle_host(t, head));
                }
                _ => return None,
            }
        }
        None
    }

    /// The verb's lemma as the dictionary knows it: the parser's lemma, or, when the
    /// dictionary has no pattern for that, a regular lemma of the form ("resumed" → "resume").
    fn verb_lemma(&self, t: &Tree<'_>, form: &str, v: usize) -> Option<String> {
        if self.rules.verbs_by_form {
            if let Some(f) = self.form_entry(form) {
                return Some(f);
            }
        }
        let lemma = t.lemma(v);
        if self.verbs.patterns_for(&lemma).next().is_some() {
            return Some(lemma);
        }
        let f = form.to_lowercase();
        let mut candidates: Vec<String> = Vec::new();
        if let Some(l) = self.rules.irregular_verbs.get(&f) {
            candidates.push(l.clone());
        }
        if let Some(stem) = f.strip_suffix("ied") {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = f.strip_suffix("ised").or_else(|| f.strip_suffix("ising")) {
            candidates.push(format!("{stem}ize"));
        }
        if let Some(stem) = f.strip_suffix("ed") {
            candidates.push(format!("{stem}e"));
            candidates.push(stem.to_string());
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                candidates.push(stem[..stem.len() - 1].to_string());
            }
        }
        if let Some(stem) = f.strip_suffix("ing") {
            candidates.push(format!("{stem}e"));
            candidates.push(stem.to_string());
        }
        // "-es" only after a sibilant or "o" ("pushes", "goes"), never "departes"
        if let Some(stem) = f.strip_suffix("es") {
            if ["s", "x", "z", "ch", "sh", "o"]
                .iter()
                .any(|e| stem.ends_with(e))
            {
                candidates.push(stem.to_string());
            }
        }
        if let Some(stem) = f.strip_suffix('s') {
            candidates.push(stem.to_string());
        }
        candidates.push(f);
        candidates
            .into_iter()
            .find(|c| self.verbs.patterns_for(c).next().is_some())
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        s: &Scope<'_>,
        seg: &ParsedSegment,
        v: usize,
        code: &str,
        rule: &str,
        verb_text: &str,
        src: &Resolved,
        tgt: Option<&Resolved>,
    ) -> Option<Event> {
        let target = tgt.map_or_else(ActorRef::none, |t| actor_ref(s, t));
        self.grounded_event(s, seg, v, code, rule, verb_text, actor_ref(s, src), target)
    }

    /// Whether every actor of an event is a private party of `private_actor_codes` (a
    /// company, with or without a country, and nobody else): business news, not a political
    /// event.
    fn private_matter(&self, source: &ActorRef, target: &ActorRef) -> bool {
        let codes: Vec<&str> = [&source.code, &target.code]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        // a private code alone ("BUS") or after a country ("NLDBUS")
        let private = |c: &str| {
            self.rules.private_actor_codes.iter().any(|p| {
                c == p
                    || (c.len() == 3 + p.len()
                        && c.ends_with(p.as_str())
                        && c[..3].bytes().all(|b| b.is_ascii_uppercase()))
            })
        };
        !codes.is_empty() && codes.iter().all(|c| private(c))
    }

    /// The event record of an action coded at verb `v`, with its date, place and fatalities;
    /// none for a private matter (see `private_matter`) or an unknown code.
    #[allow(clippy::too_many_arguments)]
    fn grounded_event(
        &self,
        s: &Scope<'_>,
        seg: &ParsedSegment,
        v: usize,
        code: &str,
        rule: &str,
        verb_text: &str,
        source: ActorRef,
        target: ActorRef,
    ) -> Option<Event> {
        if self.private_matter(&source, &target) {
            return None;
        }
        let info = self.codes.get(code)?;
        let countries: Vec<&str> = [source.country.as_deref(), target.country.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let Grounding {
            date,
            place,
            fatalities,
            fatalities_text,
        } = match (self.grounder, s.mentions) {
            (Some(g), Some(m)) => g.ground(m, s.state, v, &countries),
            _ => Grounding {
                date: s.state.publication().map(|d| GroundedDate {
                    start: d,
                    end: d,
                    precision: "document",
                    text: None,
                    tokens: None,
                }),
                place: None,
                fatalities: None,
                fatalities_text: None,
            },
        };
        let id_input = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            s.ctx.doc_id,
            seg.index,
            v,
            source.code.as_deref().unwrap_or(""),
            target.code.as_deref().unwrap_or(""),
            code,
            CODER_VERSION
        );
        Some(Event {
            event_id: format!("{:016x}", fnv1a(id_input.as_bytes())),
            doc_id: s.ctx.doc_id.to_string(),
            sentence_index: seg.index,
            sentence: seg.span.slice(s.ctx.text).unwrap_or("").to_string(),
            source,
            target,
            cameo: code.to_string(),
            root: info.root().to_string(),
            quad_class: info.quad_class().number(),
            goldstein: info.goldstein(),
            plover: info.plover_type().to_string(),
            date: match date {
                Some(d) => EventDate {
                    start: Some(d.start.to_string()),
                    end: Some(d.end.to_string()),
                    precision: d.precision,
                    text: d.text,
                },
                None => EventDate {
                    start: None,
                    end: None,
                    precision: "document",
                    text: None,
                },
            },
            location: place.map(|p| Location {
                text: p.text,
                name: p.name,
                country: p.country,
                admin1: p.admin1,
                lat: p.lat,
                lon: p.lon,
                precision: p.precision,
            }),
            fatalities,
            fatalities_text,
            verb: VerbRef {
                text: verb_text.to_string(),
                rule: rule.to_string(),
            },
        })
    }

    /// The logical subject of verb `v`, looking through conjoined and controlled verbs.
    fn subject(&self, t: &Tree<'_>, v: usize, passive: bool) -> Option<usize> {
        if passive {
            return t.by_agent(v);
        }
        if let Some(s) = nearer_subject(t, v) {
            let rel_pronoun = matches!(t.lemma(s).as_str(), "that" | "which" | "who");
            if rel_pronoun && t.rel(v) == "acl" {
                return t.head(v).map(|h| nominal::host_of_time_modifier(t, h));
            }
            return Some(s);
        }
        let mut cur = v;
        for _ in 0..4 {
            let head = t.head(cur)?;
            match t.rel(cur) {
                "conj" | "xcomp" => {
                    if let Some(s) =
                        nearer_subject(t, head).or_else(|| t.children_rel(head, "expl").next())
                    {
                        return Some(s);
                    }
                    cur = head;
                }
                // "released soldiers held as prisoners": a participle on an object is
                // passive, its noun the object; its subject, if any, is the "by" agent (a
                // participle on the sentence's first noun, or one with an object of its own —
                // "after militants struck an outpost" — is more often a misread past tense)
                "acl"
                    if t.words[cur].xpos == "VBN"
                        && t.children_rel(cur, "obj").next().is_none()
                        && is_object_noun(t, head, self.rules) =>
                {
                    return t.children_rel(cur, "obl").find(|&c| {
                        t.deprel(c) == "obl:agent" || t.case_of(c).as_deref() == Some("by")
                    })
                }
                "acl" => return Some(head),
                // "threatened on Monday to retaliate": a misattached infinitive of an
                // intent verb is its complement
                "advcl" if self.infinitive_of_intent(t, cur, head) => {
                    if let Some(s) = t.children_rel(head, "nsubj").next() {
                        return Some(s);
                    }
                    cur = head;
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject of the verb a subjectless, active "to" clause of purpose hangs on ("Mordor
    /// will be hosting Osgiliath to celebrate May Day"), when the rules ask for it
    /// (`purpose_clause_subjects`, PETRARCH mode).
    fn purpose_subject(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        let purpose = self.rules.purpose_clause_subjects
            && t.rel(v) == "advcl"
            && t.children_rel(v, "nsubj").next().is_none()
            // ("called for Gondor to be allowed to leave" is Gondor's)
            && t.children_rel(v, "aux:pass").next().is_none()
            && t.children_rel(v, "mark").any(|m| t.lemma(m) == "to");
        purpose
            .then(|| t.children_rel(t.head(v)?, "nsubj").next())
            .flatten()
    }

    /// "handed over medicine to": the word right after verb `v` is a particle that a pattern
    /// of the verb names, parsed as the verb's adverb or as the preposition of the phrase
    /// after it (when the verb has no object). The particle and, for a preposition, that
    /// phrase's noun, which is the verb's object.
    fn misread_particle(
        &self,
        t: &Tree<'_>,
        v: usize,
        lemma: &str,
    ) -> Option<(usize, Option<usize>)> {
        let w = v + 1;
        if w >= t.words.len() {
            return None;
        }
        let wl = t.lemma(w);
        if !self
            .verbs
            .patterns_for(lemma)
            .any(|p| p.particle.as_deref() == Some(wl.as_str()))
        {
            return None;
        }
        match t.rel(w) {
            // (or of the object's first word: "handed over 700 kg of medicine")
            "advmod"
                if t.head(w) == Some(v)
                    || t.children_rel(v, "obj")
                        .any(|o| t.head(w).is_some_and(|h| t.first_of(o) <= h && h <= o)) =>
            {
                Some((w, None))
            }
            "case" => {
                let n = t.head(w)?;
                (t.head(n) == Some(v)
                    && t.rel(n) == "obl"
                    && t.children_rel(v, "obj").next().is_none())
                .then_some((w, Some(n)))
            }
            _ => None,
        }
    }

    /// Days the parser hung a verb's phrase on: "gave a warm welcome on Thursday to X", "a
    /// mediation effort on Saturday between A and B" (a day on the verb or on its object).
    fn day_phrases(&self, t: &Tree<'_>, v: usize, object: Option<usize>) -> Vec<usize> {
        let on_verb = t.children_rel(v, "obl");
        let on_object = object.into_iter().flat_map(|o| t.children_rel(o, "nmod"));
        on_verb
            .chain(on_object)
            .filter(|&c| CodingRules::has(&self.rules.temporal_nouns, &t.lemma(c)))
            .collect()
    }

    /// Is the action of `v` asserted, negated, hypothetical or only intended?
    fn modality(&self, t: &Tree<'_>, v: usize) -> Modality {
        let r = self.rules;
        let mut intended = false;
        // "demanded that Russia withdraw": a bare verb in a complement clause is mandated,
        // not done ("said settlers set fire": a reported fact's verb is a misread past tense)
        if t.words[v].xpos == "VB"
            && t.rel(v) == "ccomp"
            && !t.children(v).iter().any(|&c| matches!(t.rel(c), "aux"))
            && !t
                .head(v)
                .is_some_and(|h| CodingRules::has(&r.indicative_governors, &t.lemma(h)))
        {
            return Modality::Hypothetical;
        }
        // "demanded that its partners refuse": a present form is as mandated after a verb of
        // `mandative_governors`
        if t.words[v].xpos == "VBP"
            && t.rel(v) == "ccomp"
            && !t.children(v).iter().any(|&c| matches!(t.rel(c), "aux"))
            && t.head(v)
                .is_some_and(|h| CodingRules::has(&r.mandative_governors, &t.lemma(h)))
        {
            return Modality::Hypothetical;
        }
        // "an admission that its forces murdered officers": claimed, not reported as done
        if matches!(t.rel(v), "acl" | "ccomp")
            && t.head(v).is_some_and(|h| {
                t.words[h].upos == "NOUN" && CodingRules::has(&r.unasserting_nouns, &t.lemma(h))
            })
        {
            return Modality::Hypothetical;
        }
        // "the coordinator to allow workers", "a plan to resettle": an infinitive on a noun
        // says what is to be done, not what was done; on the object of a verb it may be that
        // act's purpose ("opened fire to disperse demonstrators"), read as usual
        if t.rel(v) == "acl"
            && t.children_rel(v, "mark").any(|m| t.lemma(m) == "to")
            && t.head(v).is_some_and(|h| {
                matches!(t.words[h].upos.as_str(), "NOUN" | "PROPN" | "PRON")
                    && !(t.rel(h) == "obj" && t.head(h).is_some_and(|g| t.words[g].upos == "VERB"))
            })
        {
            return Modality::Hypothetical;
        }
        let mut cur = v;
        for depth in 0..4 {
            for c in t.children(cur).iter().copied() {
                let lemma = t.lemma(c);
                let rel = t.rel(c);
                if (rel == "advmod" || rel == "neg") && CodingRules::has(&r.negators, &lemma) {
                    return Modality::Negated;
                }
                if rel == "aux" && CodingRules::has(&r.hypothetical_auxiliaries, &lemma) {
                    if CodingRules::has(&r.reported_future_auxiliaries, &lemma)
                        && self.reported_without_condition(t, cur)
                    {
                        // "NATO said it would tighten the blockade": a reported intention
                        intended = true;
                        continue;
                    }
                    return Modality::Hypothetical;
                }
                if rel == "mark" && CodingRules::has(&r.hypothetical_markers, &lemma) {
                    return Modality::Hypothetical;
                }
                if rel == "aux" && CodingRules::has(&r.future_auxiliaries, &lemma) {
                    intended = true;
                }
            }
            if depth == 0 {
                if let Some(o) = t.children_rel(v, "obj").next() {
                    if t.children_rel(o, "det").any(|d| t.lemma(d) == "no") {
                        return Modality::Negated;
                    }
                }
            }
            let rel = t.rel(cur);
            let Some(head) = t.head(cur) else {
                break;
            };
            if rel == "xcomp" || (rel == "advcl" && self.infinitive_of_intent(t, cur, head)) {
                let hl = t.lemma(head);
                if CodingRules::has(&r.negating_governors, &hl) {
                    return Modality::Negated;
                }
                if CodingRules::has(&r.intent_governors, &hl) {
                    intended = true;
                } else if !CodingRules::has(&r.aspect_governors, &hl)
                    && t.children(head)
                        .iter()
                        .any(|&c| matches!(t.rel(c), "obj" | "iobj"))
                {
                    // "asked Russia to send peacekeepers": requested of another, not done
                    return Modality::Hypothetical;
                } else if !CodingRules::has(&r.aspect_governors, &hl) {
                    // "wanted to", "asked X to": not an event of its own
                    intended = true;
                }
                cur = head;
                continue;
            }
            if rel == "conj" {
                cur = head;
                continue;
            }
            if rel == "advcl" {
                // the clause's own marker decides ("if"), checked at the next level
                let hyp = t
                    .children_rel(cur, "mark")
                    .any(|m| CodingRules::has(&r.hypothetical_markers, &t.lemma(m)));
                if hyp {
                    return Modality::Hypothetical;
                }
            }
            break;
        }
        if intended {
            Modality::Intended
        } else {
            Modality::Asserted
        }
    }

    /// Has verb `v` a condition clause of a threat ("… unless the blockade is lifted",
    /// `conditional_threat_markers`)?
    fn conditional_threat(&self, t: &Tree<'_>, v: usize) -> bool {
        t.children_rel(v, "advcl").any(|c| {
            t.children_rel(c, "mark")
                .any(|m| CodingRules::has(&self.rules.conditional_threat_markers, &t.lemma(m)))
        })
    }

    /// Is clause `c` the complement of a reporting verb ("said it would") with no condition
    /// ("if", "unless") of its own?
    fn reported_without_condition(&self, t: &Tree<'_>, c: usize) -> bool {
        let r = self.rules;
        let reported = t.rel(c) == "ccomp"
            && t.head(c)
                .is_some_and(|h| CodingRules::has(&r.reporting_verbs, &t.lemma(h)));
        let conditional = t.children(c).iter().any(|&k| {
            (t.rel(k) == "mark" && CodingRules::has(&r.hypothetical_markers, &t.lemma(k)))
                // ("said it would withdraw unless …" is a threat, not a condition)
                || (t.rel(k) == "advcl"
                    && t.children_rel(k, "mark").any(|m| {
                        let l = t.lemma(m);
                        CodingRules::has(&r.hypothetical_markers, &l)
                            && !CodingRules::has(&r.conditional_threat_markers, &l)
                    }))
        });
        reported && !conditional
    }

    /// Is clause `c` a "to" infinitive hung on `head`, a verb of intent ("vowed ... to strike")
    /// or of aspect ("resorted to throwing stones")?
    fn infinitive_of_intent(&self, t: &Tree<'_>, c: usize, head: usize) -> bool {
        let hl = t.lemma(head);
        t.children_rel(c, "nsubj").next().is_none()
            && t.children_rel(c, "mark").any(|m| t.lemma(m) == "to")
            && (CodingRules::has(&self.rules.intent_governors, &hl)
                // (not a purpose clause: "continued their strike to demand …")
                || (CodingRules::has(&self.rules.aspect_governors, &hl)
                    && t.children_rel(head, "obj").next().is_none()))
    }

    /// The actors an event's target slots name, in slot order (the first slot found wins).
    fn targets(
        &self,
        s: &Scope<'_>,
        v: usize,
        object: Option<usize>,
        object_actors: &[Resolved],
        p: &VerbPattern,
    ) -> Vec<Resolved> {
        let t = s.tree;
        for slot in &p.targets {
            match slot {
                TargetSlot::Object => {
                    if !object_actors.is_empty() {
                        return object_actors.to_vec();
                    }
                    // a place or facility of no named owner is its location's country:
                    // "struck targets in southern Lebanon" → LBN
                    if let Some(o) = object {
                        if word_keys(s, o)
                            .iter()
                            .any(|w| self.verbs.in_class("physical_target", w))
                        {
                            // "struck targets in southern Lebanon": the place may hang on
                            // the verb
                            let places: Vec<usize> = t
                                .children_rel(o, "nmod")
                                .chain(t.children_rel(v, "obl"))
                                .collect();
                            for c in places {
                                let case = t.case_of(c).unwrap_or_default();
                                if matches!(
                                    case.as_str(),
                                    "in" | "inside" | "near" | "across" | "along" | "outside"
                                ) {
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
                    }
                    // a place the gazetteer knows ("shelled the regional capital Juba")
                    if let Some(o) = object {
                        let found = self.place_target(s, o);
                        if !found.is_empty() {
                            return found;
                        }
                    }
                }
                TargetSlot::ClauseWith(aux) => {
                    // "said that Libya must hand over": only a complement with the auxiliary
                    for c in t.children_rel(v, "ccomp") {
                        if !t.children_rel(c, "aux").any(|a| t.lemma(a) == *aux) {
                            continue;
                        }
                        if let Some(subj) = t.children_rel(c, "nsubj").next() {
                            let found = self.phrase_actors(s, subj);
                            if !found.is_empty() {
                                return found;
                            }
                        }
                    }
                }
                TargetSlot::Clause => {
                    // "demanded that Russia withdraw": the subject of the complement clause
                    for c in t.children_rel(v, "ccomp") {
                        if let Some(subj) = t.children_rel(c, "nsubj").next() {
                            let found = self.phrase_actors(s, subj);
                            if !found.is_empty() {
                                return found;
                            }
                        }
                    }
                }
                TargetSlot::Governor => {
                    if let Some(g) = self.governor(t, v) {
                        if let Some(subj) = t.children_rel(g, "nsubj").next() {
                            let found = self.phrase_actors(s, subj);
                            if !found.is_empty() {
                                return found;
                            }
                        }
                    }
                }
                TargetSlot::After { word, skip } => {
                    let found = self.actor_after(s, v, word, *skip);
                    if !found.is_empty() {
                        return found;
                    }
                }
                TargetSlot::FirstActor => {
                    let found = self.first_actor(s, v);
                    if !found.is_empty() {
                        return found;
                    }
                }
                TargetSlot::Prep(prep) => {
                    // a phrase on the verb ("attacked X with Y") or on its object ("an attack on X")
                    let mut holders = vec![v];
                    holders.extend(object);
                    holders.extend(self.day_phrases(t, v, object));
                    for h in holders {
                        let kids: Vec<usize> = t
                            .children(h)
                            .iter()
                            .copied()
                            .filter(|&c| matches!(t.rel(c), "obl" | "nmod" | "advcl"))
                            .collect();
                        for c in kids {
                            if t.case_of(c).as_deref() == Some(prep.as_str()) {
                                let found = self.phrase_actors(s, c);
                                if !found.is_empty() {
                                    return found;
                                }
                                // "pessimism about relations with India", "troops to its
                                // border with Guyana": the actor one phrase further in
                                // (or on its apposition: "to the Esfahan plant (UCF) in Iran")
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
                                    if matches!(
                                        case.as_str(),
                                        "with" | "between" | "to" | "against" | "in"
                                    ) {
                                        let found = self.phrase_actors(s, d);
                                        if !found.is_empty() {
                                            return found;
                                        }
                                    }
                                }
                                // "fired shells at targets in Jericho"
                                let found = self.place_target(s, c);
                                if !found.is_empty() {
                                    return found;
                                }
                            }
                        }
                    }
                }
            }
        }
        Vec::new()
    }

    /// Actors of the noun phrase headed by `head` and its conjuncts; coordinated country
    /// modifiers give one actor each ("Indian and Pakistani soldiers" → INDMIL, PAKMIL).
    fn phrase_actors(&self, s: &Scope<'_>, head: usize) -> Vec<Resolved> {
        let mut out: Vec<Resolved> = Vec::new();
        for h in s.tree.with_conjuncts(head) {
            let Some(r) = self.resolve(s, h) else {
                continue;
            };
            let mut extra = Vec::new();
            // (a country phrase of the coordination's first noun counts for later conjuncts:
            // "lawmakers and officials in Fornost and Gondor")
            let mut mods: Vec<usize> = s.tree.children(h).to_vec();
            for c in self.case_phrases(s, h) {
                if !mods.contains(&c) {
                    mods.push(c);
                }
            }
            for m in mods {
                if !matches!(s.tree.rel(m), "amod" | "compound" | "nmod") {
                    continue;
                }
                for c in s.tree.children_rel(m, "conj") {
                    let other = s.owner[c].map(|k| self.actors.entry(s.matches[k].entry));
                    let first = s.owner[m].map(|k| self.actors.entry(s.matches[k].entry));
                    if let (Some(o), Some(f)) = (other, first) {
                        if o.kind == ActorKind::Country
                            && f.kind == ActorKind::Country
                            && r.code.starts_with(&f.code)
                        {
                            let mut alt = r.clone();
                            alt.code = format!("{}{}", o.code, &r.code[f.code.len()..]);
                            alt.country = Some(o.code.clone());
                            alt.entries.push(o.id.clone());
                            extra.push(alt);
                        }
                    }
                }
            }
            for r in std::iter::once(r).chain(extra) {
                if !out.iter().any(|o| o.code == r.code) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Resolve one noun phrase to an actor code.
    fn resolve(&self, s: &Scope<'_>, h: usize) -> Option<Resolved> {
        let t = s.tree;
        // "hundreds of Ukrainian civilians", "a gathering of opposition supporters": a head
        // that names no actor stands for the actor of its "of" phrase
        if s.owner[h].is_none() {
            // ("tens of thousands of students": through a chain of such heads)
            if let Some(c) = t.children_rel(h, "nmod").find(|&c| {
                t.case_of(c).as_deref() == Some("of")
                    && (s.owner[c].is_some() || t.children_rel(c, "nmod").next().is_some())
            }) {
                if let Some(mut r) = self.resolve(s, c) {
                    if let Some(&first) = t.phrase(h).first() {
                        r.span = Span::new(t.words[first].span.start, r.span.end);
                    }
                    return Some(r);
                }
            }
        }
        let words = t.phrase(h);
        let mut in_phrase: BTreeSet<usize> = BTreeSet::new();
        for &w in &words {
            if let Some(k) = s.owner[w] {
                if !s.sponsors.contains(&w) {
                    in_phrase.insert(k);
                }
            }
        }
        if in_phrase.is_empty() {
            return None;
        }
        // a person's name unknown to the dictionary, with a title before it ("Serbian President
        // Vojislav Kostunica", "Judge Alejandro Rivera"), is the actor the title names
        let head_match = s.owner[h].filter(|k| in_phrase.contains(k)).or_else(|| {
            (t.words[h].upos == "PROPN").then_some(())?;
            in_phrase.iter().copied().rev().find(|&k| {
                let m = &s.matches[k];
                m.end <= h && self.actors.entry(m.entry).kind == ActorKind::Agent
            })
        });
        let date = s.ctx.date;
        let mut entries = Vec::new();
        let mut country: Option<String> = None;
        let mut named: Option<(String, usize)> = None;
        let mut agent: Option<(String, String, bool)> = None;
        // is the role word a noun ("official news agency"), not an adjective ("military
        // exercises")?
        let mut noun_role = false;
        for &k in &in_phrase {
            let e = self.actors.entry(s.matches[k].entry);
            match e.kind {
                ActorKind::Agent if agent.is_none() && Some(k) != head_match => {
                    agent = Some((e.code.clone(), e.id.clone(), e.prefix));
                    noun_role = s.matches[k]
                        .end
                        .checked_sub(1)
                        .is_some_and(|w| matches!(t.words[w].upos.as_str(), "NOUN" | "PROPN"));
                }
                ActorKind::Country if country.is_none() && Some(k) != head_match => {
                    country = Some(e.code.clone());
                    entries.push(e.id.clone());
                }
                ActorKind::Group
                | ActorKind::International
                | ActorKind::Person
                | ActorKind::Seat
                    if named.is_none() && Some(k) != head_match =>
                {
                    if let Some(c) = e.code_on(date) {
                        named = Some((c.to_string(), k));
                        entries.push(e.id.clone());
                    }
                }
                _ => {}
            }
        }
        let as_capital = head_match.is_some_and(|k| {
            s.matches[k].form == MatchForm::Capital
                && self.actors.entry(s.matches[k].entry).kind == ActorKind::Country
        });
        // the actor's own country: a country word of the phrase, else the home country of the
        // named group, person or body, else that of the head entry
        let mut home = country.clone().or_else(|| {
            named
                .as_ref()
                .and_then(|(_, k)| self.actors.entry(s.matches[*k].entry).country.clone())
                .or_else(|| {
                    head_match.and_then(|k| self.actors.entry(s.matches[k].entry).country.clone())
                })
        });
        let code = match head_match.map(|k| (k, self.actors.entry(s.matches[k].entry))) {
            Some((_, e)) => {
                entries.push(e.id.clone());
                match e.kind {
                    ActorKind::Agent => match (
                        &named,
                        &country.or_else(|| {
                            let (c, id) = self.country_by_case(s, h)?;
                            entries.insert(0, id);
                            Some(c)
                        }),
                    ) {
                        (Some((c, _)), _) => c.clone(),
                        (None, Some(c)) => {
                            let own = with_role(c, &e.code, e.prefix);
                            // a second role before the country ("an MSF Arnor diplomat")
                            match &agent {
                                Some((code, id, true)) => {
                                    entries.push(id.clone());
                                    format!("{code}{own}")
                                }
                                _ => own,
                            }
                        }
                        // "police in Nairobi": a role of the country it is in, with a place
                        // in its own phrase
                        (None, None) => {
                            match CodingRules::has(&self.rules.local_agent_types, &e.code)
                                .then_some(())
                                .and_then(|()| {
                                    let (g, m) = (self.grounder?, s.mentions?);
                                    g.actor_country_from_place(m, h, s.state)
                                }) {
                                Some(c) => {
                                    entries.push(format!("place-{c}"));
                                    let code = with_role(&c, &e.code, e.prefix);
                                    home = Some(c);
                                    code
                                }
                                None => e.code.clone(),
                            }
                        }
                    },
                    ActorKind::Person => match (e.code_on(date), &country, &agent) {
                        (Some(c), _, _) => c.to_string(),
                        // a known person in no listed office on the date: the title and the
                        // country before the name say who they are ("Israeli President X")
                        (None, Some(c), Some((code, id, prefix))) => {
                            entries.push(id.clone());
                            with_role(c, code, *prefix)
                        }
                        (None, None, Some((code, id, _))) => {
                            entries.push(id.clone());
                            code.clone()
                        }
                        (None, Some(c), None) => c.clone(),
                        (None, None, None) => return None,
                    },
                    // a capital named as an actor stands for its government ("Washington said")
                    ActorKind::Country
                        if head_match.is_some_and(|k| s.matches[k].form == MatchForm::Capital) =>
                    {
                        format!("{}GOV", e.code)
                    }
                    // a country heading a phrase with a role in it, as the parser sometimes
                    // builds "Arnor cleric" or "Bree Prime Minister Romendacil"
                    ActorKind::Country if agent.is_some() && named.is_none() => {
                        let (code, id, prefix) = agent.clone()?;
                        entries.push(id);
                        with_role(&e.code, &code, prefix)
                    }
                    _ => e.code.clone(),
                }
            }
            None => match (&named, &country, &agent) {
                (Some((c, _)), _, _) => c.clone(),
                (None, Some(c), _) => c.clone(),
                // "a rebel stronghold", "an army base": the place stands for its owner;
                // "the primary official news agency" (PETRARCH mode): the role alone, when
                // a noun names it
                (None, None, Some((code, id, _)))
                    if self.owned_place(s, h)
                        || (self.rules.role_modifiers_name_actors && noun_role) =>
                {
                    entries.push(id.clone());
                    code.clone()
                }
                (None, None, _) => return None,
            },
        };
        // "KLM Royal Dutch Airlines", "British Aerospace": a company of the country its name
        // names by a country word or demonym, not that country
        let head_is_country_or_none = head_match
            .is_none_or(|k| self.actors.entry(s.matches[k].entry).kind == ActorKind::Country);
        let code = match self.rules.company_role.as_ref() {
            Some(role) if named.is_none() && head_is_country_or_none && self.company_name(s, h) => {
                let own = in_phrase
                    .iter()
                    .map(|&k| (&s.matches[k], self.actors.entry(s.matches[k].entry)))
                    .find(|(m, e)| e.kind == ActorKind::Country && m.form != MatchForm::Capital);
                entries.retain(|id| own.is_some_and(|(_, e)| &e.id == id));
                entries.push(format!("company-{role}"));
                match own {
                    Some((_, e)) => {
                        home = Some(e.code.clone());
                        with_role(&e.code, role, false)
                    }
                    None => {
                        home = None;
                        role.clone()
                    }
                }
            }
            _ => code,
        };
        let first = words
            .iter()
            .copied()
            .find(|&w| t.rel(w) != "case" && t.rel(w) != "punct")?;
        let last = *words.iter().rev().find(|&&w| t.rel(w) != "punct")?;
        let span = Span::new(t.words[first].span.start, t.words[last.max(first)].span.end);
        entries.dedup();
        Some(Resolved {
            code,
            country: home,
            behind_event_noun: false,
            span,
            entries,
            as_capital,
        })
    }
}

impl Coder<'_> {
    /// Is the noun `h` of a class of `non_agent_subject_classes` (proposals, markets,
    /// commodities), a thing that cannot be the source of an event?
    fn cannot_act(&self, s: &Scope<'_>, h: usize) -> bool {
        let keys = word_keys(s, h);
        self.rules
            .non_agent_subject_classes
            .iter()
            .any(|c| keys.iter().any(|w| self.verbs.in_class(c, w)))
    }

    /// Is the name around the head `h` a company's name (a word of `company_name_words`
    /// among the head and the proper nouns hung on it as parts of a name: "KLM Royal Dutch
    /// Airlines", "Ecolab Co")?
    fn company_name(&self, s: &Scope<'_>, h: usize) -> bool {
        let t = s.tree;
        if self.rules.company_name_words.is_empty() {
            return false;
        }
        // the name's words: the head and what hangs on it by name-internal relations
        let mut name = vec![h];
        let mut i = 0;
        while let Some(&w) = name.get(i) {
            name.extend(t.children(w).iter().copied().filter(|&c| {
                matches!(t.rel(c), "flat" | "compound" | "nmod:unmarked")
                    && t.words[c].upos == "PROPN"
            }));
            i += 1;
        }
        name.iter()
            .any(|&w| CodingRules::has(&self.rules.company_name_words, s.forms[w]))
    }

    /// Is the head noun `h` a place or facility that an actor modifier can own
    /// (`owned_place_class`: "a guerrilla stronghold", "police stations")?
    fn owned_place(&self, s: &Scope<'_>, h: usize) -> bool {
        self.rules.owned_place_class.as_ref().is_some_and(|class| {
            word_keys(s, h)
                .iter()
                .any(|w| self.verbs.in_class(class, w))
        })
    }
}

/// The sentence-level facts every verb of a sentence shares.
struct Scope<'a> {
    tree: &'a Tree<'a>,
    forms: &'a [&'a str],
    matches: &'a [ActorMatch],
    owner: &'a [Option<usize>],
    sponsors: &'a [usize],
    ctx: &'a DocumentContext<'a>,
    /// The sentence's date, place and number mentions (`None` when not grounding).
    mentions: Option<&'a Sentence<'a>>,
    /// The document so far.
    state: &'a dyad_grounding::DocumentState,
    /// The document's earlier events, oldest first.
    recent: &'a [state::Antecedent],
}

/// The event record's view of a resolved actor.
fn actor_ref(s: &Scope<'_>, r: &Resolved) -> ActorRef {
    ActorRef {
        text: r.span.slice(s.ctx.text).map(str::to_string),
        code: Some(r.code.clone()),
        entry: Some(r.entries.join("+")),
        country: r.country.clone(),
    }
}

fn verb_text(s: &Scope<'_>, v: usize, particle: Option<usize>) -> String {
    match particle {
        Some(p) => format!("{} {}", s.forms[v], s.forms[p]),
        None => s.forms[v].to_string(),
    }
}

/// The keys of word `i` ([`word_keys`]) and, with one or two compound nouns or adjectives
/// right before it, of the phrase ("hunger strike", "military aid", "improvised explosive
/// device").
fn with_compound_keys(s: &Scope<'_>, i: usize) -> Vec<String> {
    let mut keys = word_keys(s, i);
    // compound or adjective, as the parser had it: the lists name the phrase, not its parse
    let t = s.tree;
    let modifier =
        |w: usize| w < i && t.head(w) == Some(i) && matches!(t.rel(w), "compound" | "amod");
    let mut prefix = String::new();
    let mut w = i;
    for _ in 0..2 {
        if w == 0 || !modifier(w - 1) {
            break;
        }
        w -= 1;
        prefix = format!("{} {prefix}", s.forms[w].to_lowercase());
        for k in word_keys(s, i) {
            keys.push(format!("{prefix}{k}"));
        }
    }
    keys
}

/// "The teachers' union, the umbrella body, announced/acl that it had …": the noun a reporting
/// verb with no subject hangs on as a participle modifier, read through appositions to the
/// named noun; "X was quoted as saying that he …": the subject of the clause it hangs on.
fn reporting_participle_host(t: &Tree<'_>, verb: usize) -> Option<usize> {
    if t.children_rel(verb, "nsubj").next().is_some() {
        return None;
    }
    // "X was quoted as saying he would …": the subject of the clause the report hangs on
    if t.rel(verb) == "advcl" && t.children_rel(verb, "mark").any(|m| t.lemma(m) == "as") {
        let h = t.head(verb)?;
        return t
            .children_rel(h, "nsubj")
            .find(|&s| t.words[s].upos != "PRON");
    }
    if t.rel(verb) != "acl" {
        return None;
    }
    let mut n = t.head(verb)?;
    while t.rel(n) == "appos" {
        n = t.head(n)?;
    }
    matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN").then_some(n)
}

/// The subject of verb `v`: its first `nsubj`, or, of two that a comma and no conjunction
/// part after a marker of the verb, the nearer ("With the signing of a memorandum, the
/// government agreed": the introductory phrase taken for a clause with a second subject).
fn nearer_subject(t: &Tree<'_>, v: usize) -> Option<usize> {
    let first = t.children_rel(v, "nsubj").next()?;
    let last = t.children_rel(v, "nsubj").last().unwrap_or(first);
    let between = t.last_of(first) + 1..last;
    let parted = last > first
        && last < v
        && t.children_rel(v, "mark").any(|m| m < first)
        && between.clone().any(|w| t.lemma(w) == ",")
        && !between.into_iter().any(|w| t.words[w].upos == "CCONJ");
    Some(if parted { last } else { first })
}

/// The lowercased lemma and form of word `i` (one entry when they agree).
fn word_keys(s: &Scope<'_>, i: usize) -> Vec<String> {
    let lemma = s.tree.lemma(i);
    let form = s.forms[i].to_lowercase();
    if form == lemma {
        vec![lemma]
    } else {
        vec![lemma, form]
    }
}

/// Is the noun `n` (or the noun whose "of" phrase it is: "hundreds of Armenians") an object
/// or oblique rather than the sentence's subject or root? (The "object" of a reporting verb —
/// "said warplanes struck" — is a misread clause's subject.)
fn is_object_noun(t: &Tree<'_>, n: usize, rules: &CodingRules) -> bool {
    let mut cur = n;
    for _ in 0..4 {
        match t.rel(cur) {
            "obj" | "iobj" => {
                return !t
                    .head(cur)
                    .is_some_and(|h| CodingRules::has(&rules.reporting_verbs, &t.lemma(h)))
            }
            "obl" => return true,
            "nmod" if t.case_of(cur).as_deref() == Some("of") => match t.head(cur) {
                Some(h) => cur = h,
                None => return false,
            },
            "nmod" => return true,
            _ => return false,
        }
    }
    false
}

/// Does an object constraint name the kind of event (a class or a list of nouns), so that
/// the event stands without a target?
fn names_the_event(rule: &ObjectRule) -> bool {
    matches!(rule, ObjectRule::InClass(_) | ObjectRule::Lemmas(_))
}

/// A country's code with a role's: after it, or before it for a prefix role.
fn with_role(country: &str, role: &str, prefix: bool) -> String {
    if prefix {
        format!("{role}{country}")
    } else {
        format!("{country}{role}")
    }
}

fn root_of(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// 64-bit FNV-1a: a small, stable hash for event ids.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
