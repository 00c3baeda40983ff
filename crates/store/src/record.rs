//! The records the store takes in and gives back: documents with their sentences, event
//! mentions (the CONTRACT.md event record) and event clusters.
//!
//! These are plain owned data with serde, independent of the coder's borrowed types so that a
//! stored record reads back the same whatever the coder's version. This module converts from
//! the coder's [`dyad_coder::Event`]; it must never touch the database or decide anything
//! about de-duplication.

use serde::{Deserialize, Serialize};

/// An actor as coded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// The words of the mention.
    pub text: Option<String>,
    /// The CAMEO actor code.
    pub code: Option<String>,
    /// The actor-dictionary entries used.
    pub entry: Option<String>,
    /// The actor's own country (ISO 3166-1 alpha-3), which the code may not show ("REB"
    /// backed by a country is not of it). `None` in mentions stored before schema version 3.
    #[serde(default)]
    pub country: Option<String>,
}

/// When an event happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRecord {
    /// First day, YYYY-MM-DD.
    pub start: Option<String>,
    /// Last day, YYYY-MM-DD.
    pub end: Option<String>,
    /// day, week, month, year, range or document.
    pub precision: String,
    /// The date expression.
    pub text: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    /// The place expression.
    pub text: String,
    /// The place's name.
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    /// First-level division.
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
pub struct VerbRecord {
    /// The verb phrase.
    pub text: String,
    /// The verb-dictionary entry.
    pub rule: String,
}

/// One event mention: the event record of CONTRACT.md, as one sentence reported it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// Stable event id.
    pub event_id: String,
    /// The document's id.
    pub doc_id: String,
    /// 0-based sentence index in the clean document.
    pub sentence_index: usize,
    /// The sentence text.
    pub sentence: String,
    /// Who acted.
    pub source: ActorRecord,
    /// Who was acted upon.
    pub target: ActorRecord,
    /// CAMEO event code.
    pub cameo: String,
    /// Two-digit CAMEO root.
    pub root: String,
    /// QuadClass 1..4.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f32,
    /// PLOVER type.
    pub plover: String,
    /// When.
    pub date: DateRecord,
    /// Where.
    pub location: Option<PlaceRecord>,
    /// People reported killed.
    pub fatalities: Option<u32>,
    /// The words that reported the dead ("three U.S. service members"). `None` in mentions
    /// stored before schema version 3.
    #[serde(default)]
    pub fatalities_text: Option<String>,
    /// The verb and its rule.
    pub verb: VerbRecord,
}

impl From<&dyad_coder::ActorRef> for ActorRecord {
    fn from(a: &dyad_coder::ActorRef) -> Self {
        ActorRecord {
            text: a.text.clone(),
            code: a.code.clone(),
            entry: a.entry.clone(),
            country: a.country.clone(),
        }
    }
}

impl From<&dyad_coder::Event> for MentionRecord {
    fn from(e: &dyad_coder::Event) -> Self {
        MentionRecord {
            event_id: e.event_id.clone(),
            doc_id: e.doc_id.clone(),
            sentence_index: e.sentence_index,
            sentence: e.sentence.clone(),
            source: (&e.source).into(),
            target: (&e.target).into(),
            cameo: e.cameo.clone(),
            root: e.root.clone(),
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            plover: e.plover.clone(),
            date: DateRecord {
                start: e.date.start.clone(),
                end: e.date.end.clone(),
                precision: e.date.precision.to_string(),
                text: e.date.text.clone(),
            },
            location: e.location.as_ref().map(|l| PlaceRecord {
                text: l.text.clone(),
                name: l.name.clone(),
                country: l.country.clone(),
                admin1: l.admin1.clone(),
                lat: l.lat,
                lon: l.lon,
                precision: l.precision.to_string(),
            }),
            fatalities: e.fatalities,
            fatalities_text: e.fatalities_text.clone(),
            verb: VerbRecord {
                text: e.verb.text.clone(),
                rule: e.verb.rule.clone(),
            },
        }
    }
}

/// A mention as stored: the record and the cluster it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredMention {
    /// The event cluster this mention was linked into.
    pub cluster_id: i64,
    /// The mention.
    #[serde(flatten)]
    pub mention: MentionRecord,
}

/// An event cluster: the mentions of one event across sentences and documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    /// The cluster's id (stable once stored).
    pub cluster_id: i64,
    /// CAMEO code of the first mention.
    pub cameo: String,
    /// Its root.
    pub root: String,
    /// QuadClass.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f32,
    /// PLOVER type.
    pub plover: String,
    /// Source actor code of the first mention.
    pub source: Option<String>,
    /// Target actor code of the first mention.
    pub target: Option<String>,
    /// Earliest start date of its mentions.
    pub date_start: Option<String>,
    /// Latest end date of its mentions.
    pub date_end: Option<String>,
    /// Country of the first mention with a place.
    pub country: Option<String>,
    /// Mentions (GDELT NumMentions).
    pub num_mentions: i64,
    /// Distinct documents (GDELT NumArticles).
    pub num_articles: i64,
    /// Distinct sources (GDELT NumSources).
    pub num_sources: i64,
    /// Event id of the first mention.
    pub first_event_id: String,
    /// Document of the first mention.
    pub first_doc_id: String,
    /// URL of that document.
    pub first_url: Option<String>,
    /// Sentence of the first mention.
    pub sentence: String,
}

/// What a stored sentence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    /// Running text.
    Sentence,
    /// A heading.
    Heading,
}

/// A sentence (or heading) of a document to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSentence {
    /// 0-based index in the document.
    pub index: usize,
    /// Sentence or heading.
    pub kind: SentenceKind,
    /// First byte in the clean text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
}

/// A document to store, with its clean text and sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDocument {
    /// The document's id.
    pub id: String,
    /// Publication date, YYYY-MM-DD.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Publisher or feed.
    pub source: Option<String>,
    /// The clean text.
    pub text: String,
    /// Its sentences and headings.
    pub sentences: Vec<NewSentence>,
}
