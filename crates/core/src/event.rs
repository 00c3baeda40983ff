//! The event record of `../shared/spec/CONTRACT.md`: what `dyad code` prints, what the store
//! keeps and gives back, what `dyad eval` scores. Defined once, here, so a stored event reads
//! back exactly as it was coded.
//!
//! Field by field (JSON): `event_id` (stable hash of document, sentence, verb, actors, code
//! and coder version), `doc_id`, `sentence_index`, `sentence`, `source` and `target`
//! (`{"text", "code", "entry", "country"}`: the surface mention, its CAMEO actor code, the
//! actor dictionary entries that produced it and its country), `cameo`, `root`, `quad_class`,
//! `goldstein`, `plover`, `date` (`{"start", "end", "precision", "text"}`), `location` (null
//! when no place is attached to the event), `fatalities` and `fatalities_text`, `verb`
//! (`{"text", "rule", "rules"}`: the verb as written, the verb dictionary entry that coded it,
//! and the names of the rules that made the event). Fields added after the first release
//! (`country`, `fatalities_text`, `verb.rules`) read as empty when a record lacks them. This
//! module holds data only: it never codes, stores or decides anything.

use serde::{Deserialize, Serialize};

/// An actor as coded: what the text said, the code it gave, and the entries that made it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The noun phrase as written.
    pub text: Option<String>,
    /// CAMEO actor code.
    pub code: Option<String>,
    /// Actor dictionary entries used, joined by "+", e.g. "country-IRQ+agent-government";
    /// "place-KEN" when the country came from a place in the phrase ("police in Nairobi").
    pub entry: Option<String>,
    /// The actor's country (ISO 3166-1 alpha-3), when the text gives one.
    #[serde(default)]
    pub country: Option<String>,
}

impl ActorRef {
    /// No actor.
    pub fn none() -> Self {
        ActorRef {
            text: None,
            code: None,
            entry: None,
            country: None,
        }
    }
}

/// When the event happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// First day (YYYY-MM-DD), null when no date is known.
    pub start: Option<String>,
    /// Last day.
    pub end: Option<String>,
    /// day, week, month, year, range, or document (no expression: the publication date).
    pub precision: String,
    /// The date expression, when one was found.
    pub text: Option<String>,
}

/// Where the event happened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The place expression.
    pub text: String,
    /// The place's name.
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    /// First-level division, if known.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// city, admin1, country or region.
    pub precision: String,
}

/// The verb and the rule that coded it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbRef {
    /// The verb (with its particle) as written.
    pub text: String,
    /// The verb dictionary entry ("190.attack.place"), with "+intent" when the action was
    /// only intended or threatened.
    pub rule: String,
    /// The names of the rules that made the event: the clause coder first
    /// ("verb-pattern"), then the actor and code rules it used ("pronoun-antecedent",
    /// "intent") and the parse repairs of its sentence.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// One coded event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id.
    pub event_id: String,
    /// Document id.
    pub doc_id: String,
    /// 0-based index of the sentence in the clean document.
    pub sentence_index: usize,
    /// The sentence, as cleaned.
    pub sentence: String,
    /// Who acted.
    pub source: ActorRef,
    /// Who was acted upon.
    pub target: ActorRef,
    /// CAMEO event code.
    pub cameo: String,
    /// Two-digit root.
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein value of the code.
    pub goldstein: f32,
    /// PLOVER event type.
    pub plover: String,
    /// When.
    pub date: EventDate,
    /// Where (null until resolved).
    pub location: Option<Location>,
    /// People reported killed in this event.
    pub fatalities: Option<u32>,
    /// The phrase counted ("three U.S. service members"), also when the count is vague
    /// ("dozens of civilians") and `fatalities` is null.
    #[serde(default)]
    pub fatalities_text: Option<String>,
    /// The verb and its rule.
    pub verb: VerbRef,
}
