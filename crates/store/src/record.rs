//! The records the store takes in and gives back: documents with their sentences, event
//! mentions (the CONTRACT.md event record) and event clusters.
//!
//! The event record itself is [`dyad_core::Event`], the one record the coder makes and the
//! store keeps, so a stored mention reads back as it was coded. This module holds data only;
//! it must never touch the database or decide anything about de-duplication.

use serde::{Deserialize, Serialize};

pub use dyad_core::event::{ActorRef, Event, EventDate, Location, VerbRef};

/// A mention as stored: the record and the cluster it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredMention {
    /// The event cluster this mention was linked into.
    pub cluster_id: i64,
    /// The mention.
    #[serde(flatten)]
    pub mention: Event,
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
