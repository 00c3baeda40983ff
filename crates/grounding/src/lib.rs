//! Grounding for dyad: given one parsed sentence and the word that is an event's verb, says
//! when the event happened (the date expression attached to the verb's own clause, else the
//! sentence's, else the publication date with precision `document`), where (a place attached
//! to the verb through "in/near/at/outside X", "X's Y province", "northern Iraq"), and how many
//! people it killed (only when the event's own clause reports the deaths). It must never
//! invent: no attached place gives no place (never the capital by default), no killing in the
//! event's clause gives no count, and a vague count ("dozens") gives a null count with its
//! phrase. It does no I/O (its word lists are compiled in from `data/words.toml`) and never
//! panics on input, whatever the parse.
//!
//! ```
//! use dyad_core::{ParsedWord, Span};
//! use dyad_grounding::{DocumentState, Grounder};
//! use dyad_dates::Date;
//! use dyad_tree::Tree;
//!
//! // "Militants struck an outpost in Jordan Sunday with a drone that killed three soldiers ."
//! let rows = [
//!     ("Militants", "NOUN", "NNS", "militant", 2, "nsubj"),
//!     ("struck", "VERB", "VBD", "strike", 0, "root"),
//!     ("an", "DET", "DT", "a", 4, "det"),
//!     ("outpost", "NOUN", "NN", "outpost", 2, "obj"),
//!     ("in", "ADP", "IN", "in", 6, "case"),
//!     ("Jordan", "PROPN", "NNP", "Jordan", 4, "nmod"),
//!     ("Sunday", "PROPN", "NNP", "Sunday", 2, "obl:tmod"),
//!     ("with", "ADP", "IN", "with", 10, "case"),
//!     ("a", "DET", "DT", "a", 10, "det"),
//!     ("drone", "NOUN", "NN", "drone", 2, "obl"),
//!     ("that", "PRON", "WDT", "that", 12, "nsubj"),
//!     ("killed", "VERB", "VBD", "kill", 10, "acl:relcl"),
//!     ("three", "NUM", "CD", "three", 14, "nummod"),
//!     ("soldiers", "NOUN", "NNS", "soldier", 12, "obj"),
//!     (".", "PUNCT", ".", ".", 2, "punct"),
//! ];
//! let words: Vec<ParsedWord> = rows
//!     .iter()
//!     .map(|&(_, upos, xpos, lemma, head, deprel)| ParsedWord {
//!         span: Span::new(0, 0),
//!         upos: upos.into(),
//!         xpos: xpos.into(),
//!         lemma: lemma.into(),
//!         head,
//!         deprel: deprel.into(),
//!     })
//!     .collect();
//! let forms: Vec<&str> = rows.iter().map(|r| r.0).collect();
//! // the tree the coder builds and repairs once (no temporal nouns here)
//! let tree = Tree::new(&words, &forms, &[]);
//! let grounder = Grounder::bundled();
//! let mut doc = DocumentState::new(Date::constant(2024, 2, 11));
//! let sentence = grounder.read(&mut doc, &tree);
//! let g = grounder.ground(&sentence, &doc, 1, &["USA"]);
//! let date = g.date.expect("a dated document dates every event");
//! assert_eq!((date.start.to_string().as_str(), date.precision), ("2024-02-11", "day"));
//! let place = g.place.expect("a place").location;
//! assert_eq!((place.country.as_str(), place.precision.as_str()), ("JOR", "country"));
//! assert_eq!(g.fatalities, Some(3));
//! ```
//!
//! # Use
//!
//! One [`DocumentState`] per document (it holds the publication date, the last date resolved
//! — the anchor of "the next day" — and the countries seen so far). Per sentence, in order,
//! [`Grounder::read`] takes the sentence's `dyad_tree::Tree` and finds and resolves its date and place mentions once; then
//! [`Grounder::ground`] per event verb picks among them by the tree, which costs a few walks
//! over the sentence's heads. [`Grounder::actor_country_from_place`] gives an actor's country
//! from a place in its own noun phrase ("police in Nairobi" → KEN).
//!
//! # Decisions
//!
//! - **Date attachment.** A date mention belongs to the nearest clause head above its head
//!   word (a verb, or a word in a clausal relation). The event's own clause wins (nearest by
//!   tree distance); a relative clause also owns the dates of the noun it modifies ("a strike
//!   last week that killed a commander"); then the clauses above the verb, nearest first
//!   ("agreed last August to enter talks" dates "enter"); then any other date of the sentence,
//!   nearest by tree distance; then the publication date with precision `document`.
//! - **Anchors.** Mentions are resolved in document order when a sentence is read; an
//!   anaphor ("the very next day") takes the most recent date resolved before it, in the
//!   same sentence or an earlier one. "since" ranges ("in the weeks since") end at
//!   publication and say nothing of an event's day: they never become the anchor.
//! - **Places** need a locative preposition (`[places]` of the data) on the name or on the
//!   noun it names ("in the city of Aleppo"), must lie in the verb's subtree without passing
//!   through its subject or `by`-agent, a complement clause or a clause with its own subject,
//!   and the nearest by tree distance wins (a city over a country at the same distance).
//!   Attack verbs also take "on/against" ("airstrikes on El Fasher") and, with verbs such as
//!   "visit" and "capture", their object when it is a place ("struck Kharkiv", "the city of
//!   Belgorod", weaker: "Beirut's suburbs"); "to" counts on the verb itself ("fled to
//!   Moscow") or on the object of a verb of movement ("sent troops to northern Kosovo").
//!   Verbs about other events ("condemned", "blamed") take only a place on the verb itself.
//!   A subject counts only when it is an event noun ("strikes on Beit Lahiya killed …").
//!   A compound modifier is never a place ("a U.S. outpost", "the Iran arms affair") unless
//!   the parser glued the name to a date ("in Gaza City overnight"). A verb joined to another
//!   by `conj` or `xcomp` without a place of its own takes that verb's. Context countries
//!   are the document's countries before the sentence plus the event's actor countries.
//! - **Parser errors** are repaired once, in the `dyad_tree::Tree` the stage is given (the
//!   coder's: a past-tense verb hung on a noun as `amod` or `acl` gets its clause back there);
//!   the stage reads that tree as it is. It works around the rest itself: a
//!   lemma the lemmatizer missed ("struck" → "strube") is matched through the form
//!   (`[irregular]` of the data and regular endings); ", killing four soldiers" counts when
//!   the participle follows the verb with no finite verb between, wherever it was hung.
//! - **Fatalities** come from the event verb when it is a killing verb, from a subjectless
//!   `advcl`/`xcomp` killing ("…, killing four soldiers"), or — for attack verbs only — from a
//!   relative clause on a noun of the verb's object or oblique ("with a drone that killed
//!   three"). "condemned the attack that killed 12" gives nothing: the deaths are the
//!   attack's, not the condemnation's. A singular person noun counts one ("killed a
//!   commander"); a bare plural ("killed civilians") gives nothing; conjuncts add up ("15
//!   police officers and a priest" = 16); "at least", "more than" are read as the number.
//! - **Cost.** [`Grounder::read`] runs the date finder only on sentences holding a digit or
//!   a trigger word of the date tables (read from `dyad-dates`' own bundled tables; a test
//!   checks that no date is lost) and the gazetteer's `find_all` once; grounding an event is
//!   a few walks over the sentence's heads.

mod date;
mod fatal;
mod place;
mod sentence;
mod triggers;
mod words;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use dyad_core::event::Location;
use dyad_dates::{DateExpr, DateRange, DateResolver};
use dyad_places::{Gazetteer, Place, PlaceContext};
use dyad_tree::Tree;

pub use dyad_dates::Date;
pub use sentence::Sentence;
pub use words::{DataError, BUNDLED_WORDS};

use sentence::{FoundDate, FoundPlace};
use words::Words;

/// What a document has told so far: its publication date, the last date resolved (the
/// anchor of anaphoric expressions) and the countries named.
#[derive(Debug, Clone)]
pub struct DocumentState {
    publication: Option<Date>,
    anchor: Option<DateRange>,
    countries: Vec<String>,
}

impl DocumentState {
    /// The state at the start of a document published on `publication`.
    pub fn new(publication: Date) -> DocumentState {
        DocumentState {
            publication: Some(publication),
            anchor: None,
            countries: Vec::new(),
        }
    }

    /// The state at the start of a document whose publication date is unknown: its date
    /// expressions are not resolved (relative ones could not be), so its events get no date;
    /// places and fatalities are grounded as usual.
    pub fn undated() -> DocumentState {
        DocumentState {
            publication: None,
            anchor: None,
            countries: Vec::new(),
        }
    }

    /// The publication date, when known.
    pub fn publication(&self) -> Option<Date> {
        self.publication
    }

    /// The most recent date resolved, the anchor of the next anaphoric expression.
    pub fn anchor(&self) -> Option<&DateRange> {
        self.anchor.as_ref()
    }

    /// The ISO 3166-1 alpha-3 codes of the countries the document has named, first seen first.
    pub fn countries(&self) -> &[String] {
        &self.countries
    }

    /// Record a country the document names (an actor's, say); later place names are
    /// disambiguated towards it.
    pub fn add_country(&mut self, iso3: &str) {
        if !iso3.is_empty() && !self.countries.iter().any(|c| c == iso3) {
            self.countries.push(iso3.to_string());
        }
    }
}

/// When an event happened: the fields of the event record's `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundedDate {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// `day`, `week`, `month`, `year`, `range`, or `document` (no expression: the
    /// publication date stands in).
    pub precision: &'static str,
    /// The expression as the date finder joined its tokens; `None` for `document`.
    pub text: Option<String>,
    /// The expression's token range in the sentence (for exact byte spans); `None` for
    /// `document`.
    pub tokens: Option<Range<usize>>,
}

/// Where an event happened: the event record's `location`, with the expression's place in
/// the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct GroundedPlace {
    /// The place as the event record has it (text, name, country, admin1, coordinates,
    /// precision).
    pub location: Location,
    /// The expression's token range in the sentence.
    pub tokens: Range<usize>,
}

/// An event's date, place and fatalities.
#[derive(Debug, Clone, PartialEq)]
pub struct Grounding {
    /// When; `None` only in a document with no publication date.
    pub date: Option<GroundedDate>,
    /// Where, when a place is attached to the event.
    pub place: Option<GroundedPlace>,
    /// People reported killed in this event, when the event's clause gives a number.
    pub fatalities: Option<u32>,
    /// The phrase counted ("three U.S. service members", "dozens of civilians"), when the
    /// clause reports deaths — also when the count is vague and `fatalities` is null.
    pub fatalities_text: Option<String>,
}

/// The grounding stage: the date resolver, the gazetteer and the word lists.
#[derive(Debug)]
pub struct Grounder {
    dates: &'static DateResolver,
    places: &'static Gazetteer,
    words: Words,
    /// Words of which every date expression holds one (or a digit); a sentence with none
    /// is not searched. `None`: search every sentence.
    date_triggers: Option<HashSet<String>>,
}

impl Grounder {
    /// The grounder over the bundled date tables, gazetteer and word lists, built on first
    /// use and shared afterwards.
    ///
    /// # Panics
    ///
    /// Only if the bundled data is invalid, which the crate's tests rule out.
    pub fn bundled() -> &'static Grounder {
        static GROUNDER: OnceLock<Grounder> = OnceLock::new();
        GROUNDER.get_or_init(|| match Grounder::from_toml(BUNDLED_WORDS) {
            Ok(g) => g,
            Err(err) => panic!("bundled grounding word lists are invalid: {err}"),
        })
    }

    /// A grounder over the bundled date tables and gazetteer and word lists given as TOML
    /// text in the layout of `data/words.toml`.
    pub fn from_toml(words: &str) -> Result<Grounder, DataError> {
        Ok(Grounder {
            dates: DateResolver::bundled(),
            places: Gazetteer::bundled(),
            words: Words::parse(words)?,
            date_triggers: triggers::date_triggers(),
        })
    }

    /// Whether a sentence may hold a date expression: a token with a digit, or one of the
    /// date tables' trigger words (see `triggers`).
    fn may_hold_date(&self, forms: &[&str]) -> bool {
        let Some(triggers) = &self.date_triggers else {
            return true;
        };
        forms.iter().any(|f| triggers::is_trigger(triggers, f))
    }

    /// Read the next sentence of a document: find its date expressions and resolve them in
    /// order (anaphors on the state's anchor, which moves on with each date), find its place
    /// names in the context of the document's countries, and record their countries. Call
    /// once per sentence, in document order, before grounding its events.
    pub fn read<'s>(&self, state: &mut DocumentState, tree: &'s Tree<'s>) -> Sentence<'s> {
        let mut s = Sentence::new(tree);
        s.countries_before = state.countries.len();
        let (dates, places) = self.scan(state, s.forms);
        s.dates = dates
            .into_iter()
            .map(|(tokens, range)| FoundDate {
                head: s.head_of(tokens.clone()),
                tokens,
                range,
            })
            .collect();
        s.places = places
            .into_iter()
            .map(|(tokens, place)| FoundPlace {
                head: s.head_of(tokens.clone()),
                tokens,
                place,
            })
            .collect();
        s
    }

    /// Read a sentence that will not be grounded (no event can be coded in it) for what it
    /// tells about later sentences: the state moves on exactly as [`Grounder::read`] would
    /// move it (date anchor, countries named), from the words' forms alone. Gives the
    /// countries of the places below country level it names, as
    /// [`Sentence::local_place_countries`] does.
    pub fn skim(&self, state: &mut DocumentState, forms: &[&str]) -> Vec<String> {
        let (_, places) = self.scan(state, forms);
        (places.into_iter())
            .filter(|(_, p)| p.precision != dyad_places::Precision::Country)
            .map(|(_, p)| p.country)
            .collect()
    }

    /// The countries of the places below country level a heading names, as
    /// [`Grounder::skim`] gives them, read in the context of the document so far; the state
    /// does not move (a heading's dates anchor nothing).
    pub fn heading_place_countries(&self, state: &DocumentState, forms: &[&str]) -> Vec<String> {
        self.skim(&mut state.clone(), forms)
    }

    /// The date and place mentions of a sentence's `forms` (token ranges with what they
    /// resolve to), updating the state's anchor and countries as they are read.
    #[allow(clippy::type_complexity)]
    fn scan(
        &self,
        state: &mut DocumentState,
        forms: &[&str],
    ) -> (Vec<(Range<usize>, DateRange)>, Vec<(Range<usize>, Place)>) {
        let mut dates: Vec<(Range<usize>, DateRange)> = Vec::new();
        let mut places = Vec::new();
        if forms.is_empty() {
            return (dates, places);
        }
        let mentions = if state.publication.is_some() && self.may_hold_date(forms) {
            self.dates.find(forms)
        } else {
            Vec::new()
        };
        for m in mentions {
            let Some(range) = state
                .publication
                .and_then(|p| self.dates.resolve(&m, p, state.anchor.as_ref()))
            else {
                continue;
            };
            if !matches!(m.expr, DateExpr::Since(_)) {
                state.anchor = Some(range.clone());
            }
            let tokens = m.start..m.end.min(forms.len());
            if tokens.is_empty() {
                continue;
            }
            dates.push((tokens, range));
        }
        let found = {
            let countries: Vec<&str> = state.countries.iter().map(String::as_str).collect();
            let ctx = PlaceContext {
                countries: &countries,
            };
            self.places.find_all(forms, &ctx)
        };
        for (start, place, len) in found {
            let tokens = start..(start + len).min(forms.len());
            if tokens.is_empty() || dates.iter().any(|(d, _)| d.contains(&start)) {
                continue;
            }
            // a name glued to a following capitalised word is part of a longer proper name
            // ("Howard University", "Hassan Nasrallah", "Jordan Valley"), unless that word
            // starts a date ("in Syria Tuesday")
            let end = tokens.end;
            let glued = forms.get(end).is_some_and(|next| {
                next.chars().next().is_some_and(char::is_uppercase)
                    && next.chars().any(char::is_lowercase)
                    && !dates.iter().any(|(d, _)| d.start == end)
            });
            if glued {
                continue;
            }
            state.add_country(&place.country);
            places.push((tokens, place));
        }
        (dates, places)
    }

    /// The date, place and fatalities of the event whose verb is word `verb` (0-based) of a
    /// sentence read with [`Grounder::read`]; `actor_countries` are the ISO3 codes of the
    /// event's actors, used with the document's countries to choose between places of the
    /// same name.
    pub fn ground(
        &self,
        sentence: &Sentence<'_>,
        state: &DocumentState,
        verb: usize,
        actor_countries: &[&str],
    ) -> Grounding {
        let (fatalities, fatalities_text) = self.fatalities(sentence, verb);
        Grounding {
            date: self.date(sentence, state, verb),
            place: self.place(sentence, state, verb, actor_countries),
            fatalities,
            fatalities_text,
        }
    }

    /// The date of the event whose verb is word `verb` (see [`Grounder::ground`]); `None`
    /// only when the document has no publication date.
    pub fn date(
        &self,
        sentence: &Sentence<'_>,
        state: &DocumentState,
        verb: usize,
    ) -> Option<GroundedDate> {
        let publication = state.publication?;
        Some(match date::pick(sentence, verb) {
            Some(found) => GroundedDate {
                start: found.range.start,
                end: found.range.end,
                precision: found.range.precision.as_str(),
                text: Some(found.range.text.clone()),
                tokens: Some(found.tokens.clone()),
            },
            None => GroundedDate {
                start: publication,
                end: publication,
                precision: "document",
                text: None,
                tokens: None,
            },
        })
    }

    /// The place of the event whose verb is word `verb` (see [`Grounder::ground`]).
    pub fn place(
        &self,
        sentence: &Sentence<'_>,
        state: &DocumentState,
        verb: usize,
        actor_countries: &[&str],
    ) -> Option<GroundedPlace> {
        let found = place::pick(sentence, &self.words, verb, actor_countries)?;
        Some(self.grounded_place(sentence, state, found, actor_countries))
    }

    /// A place (below country level, or after a locative preposition) that the sentence
    /// names but does not attach to the event's verb, for an event the tree gives no place (the dateline "Kathmandu, Nepal —",
    /// "the ICC in The Hague, Netherlands has ordered …"): one in a country of `prefer` (the
    /// event's actors) first, then the most precise, then the nearest the verb.
    pub fn sentence_place(
        &self,
        sentence: &Sentence<'_>,
        state: &DocumentState,
        verb: usize,
        prefer: &[&str],
    ) -> Option<GroundedPlace> {
        let found = place::nearest(sentence, &self.words, verb, prefer)?;
        Some(self.grounded_place(sentence, state, found, prefer))
    }

    /// The countries a sentence names as places after a locative preposition ("strikes in
    /// Iraq"), besides its places below country level; a country's bare name is an actor's
    /// more often than a place's.
    pub fn located_countries(&self, sentence: &Sentence<'_>) -> Vec<String> {
        place::located(sentence, &self.words)
            .filter(|p| p.place.precision == dyad_places::Precision::Country)
            .map(|p| p.place.country.clone())
            .collect()
    }

    /// A country as an event's place, for an event whose sentence names none: its centroid,
    /// precision `country`, and no text, as no expression of the sentence names it.
    pub fn country_place(&self, iso3: &str) -> Option<GroundedPlace> {
        let p = self.places.country_place(iso3)?;
        Some(GroundedPlace {
            location: Location {
                text: String::new(),
                name: p.name,
                country: p.country,
                admin1: None,
                lat: p.lat,
                lon: p.lon,
                precision: p.precision.as_str().to_string(),
            },
            tokens: 0..0,
        })
    }

    /// The people reported killed by the event whose verb is word `verb`, and the phrase
    /// counted (see [`Grounder::ground`]).
    pub fn fatalities(
        &self,
        sentence: &Sentence<'_>,
        verb: usize,
    ) -> (Option<u32>, Option<String>) {
        fatal::fatalities(sentence, &self.words, verb)
    }

    /// The country of a place named in an actor's own noun phrase, headed by word
    /// `actor_head` ("police in Nairobi" → `KEN`, "protesters from Gaza" → `PSE`), for
    /// actors whose text names no country.
    pub fn actor_country_from_place(
        &self,
        sentence: &Sentence<'_>,
        actor_head: usize,
        state: &DocumentState,
    ) -> Option<String> {
        let found = place::in_actor(sentence, &self.words, actor_head)?;
        Some(
            self.grounded_place(sentence, state, found, &[])
                .location
                .country,
        )
    }

    /// The place that names or locates the noun headed by word `noun` (0-based): the noun
    /// itself, a name beside it or joined to it ("the regional capital Juba", "the city of
    /// Jericho") or a place on it through a locative preposition ("targets in Jericho"). For
    /// the coder, whose targets may be a place rather than an actor ("shelled targets in
    /// Jericho" → the Palestinian territories).
    pub fn place_of_noun(
        &self,
        sentence: &Sentence<'_>,
        noun: usize,
        state: &DocumentState,
    ) -> Option<GroundedPlace> {
        let found = place::of_noun(sentence, &self.words, noun)?;
        Some(self.grounded_place(sentence, state, found, &[]))
    }

    fn grounded_place(
        &self,
        s: &Sentence<'_>,
        state: &DocumentState,
        found: &FoundPlace,
        actor_countries: &[&str],
    ) -> GroundedPlace {
        let mut place = found.place.clone();
        // the actors' countries may change the choice between places of the same name; the
        // context is the document before this sentence and the actors
        let before = state.countries.get(..s.countries_before).unwrap_or(&[]);
        if actor_countries
            .iter()
            .any(|c| !before.iter().any(|d| d == c))
        {
            let mut countries: Vec<&str> = actor_countries.to_vec();
            countries.extend(before.iter().map(String::as_str));
            let ctx = PlaceContext {
                countries: &countries,
            };
            if let Some((p, used)) = s
                .forms
                .get(found.tokens.start..)
                .and_then(|rest| self.places.resolve(rest, &ctx))
            {
                if used == found.tokens.len() {
                    place = p;
                }
            }
        }
        GroundedPlace {
            location: Location {
                text: s.text(found.tokens.clone()),
                name: place.name,
                country: place.country,
                admin1: place.admin1,
                lat: place.lat,
                lon: place.lon,
                precision: place.precision.as_str().to_string(),
            },
            tokens: found.tokens.clone(),
        }
    }
}

// the unit tests share `tests/support` with the integration tests, which name the crate
#[cfg(test)]
extern crate self as dyad_grounding;
#[cfg(test)]
mod tests;
