//! The shared vocabulary of dyad's pipeline: documents, clean text, segments and tokens.
//!
//! Every stage of dyad (ingest, cleaning, segmentation, parsing, coding, storage) speaks in the
//! types defined here. The crate holds data only: it does no I/O, has no knowledge of file
//! formats, and never changes a span once it has been made. All spans are byte offsets into a
//! document's *cleaned text* ([`CleanDocument::text`]), which is fixed once cleaning is done.
//!
//! The pipeline's types, in order:
//! [`RawDocument`] (what was read) → [`CleanDocument`] (text with boilerplate removed, split
//! into [`Block`]s) → [`SegmentedDocument`] (sentences and headings, each with [`Token`]s) →
//! [`ParsedSegment`]s (words with tags, lemmas and a dependency tree).

use serde::Serialize;

pub use jiff::civil::Date;

pub mod event;
pub use event::{ActorRef, Event, EventDate, Location, VerbRef};

/// A half-open byte range `[start, end)` into a document's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `start <= end` is the caller's promise.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The same span moved `offset` bytes to the right.
    pub const fn shifted(&self, offset: usize) -> Self {
        Span {
            start: self.start + offset,
            end: self.end + offset,
        }
    }

    /// The text the span covers; `None` if it does not lie on character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// How a document's body was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Plain text: paragraphs separated by blank lines (single newlines are kept as line breaks).
    Text(String),
    /// An HTML page: the article is extracted from it.
    Html(String),
}

/// Facts about a document that travel with every segment and event made from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    /// The document's id: given in JSONL, by `--id`, or the file name.
    pub id: String,
    /// Publication date, when known.
    pub date: Option<Date>,
    /// Title of the page or article.
    pub title: Option<String>,
    /// Where the document came from.
    pub url: Option<String>,
    /// Publisher or feed name.
    pub source: Option<String>,
}

/// A document as read, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDocument {
    /// Id, date and provenance.
    pub meta: DocumentMeta,
    /// The body, text or HTML.
    pub body: Body,
}

/// What a block of clean text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A title or slide heading: kept for reading, never coded.
    Heading,
    /// Running text: split into sentences and coded.
    Paragraph,
}

/// A run of clean text of one kind (a paragraph or a heading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// Where the block lies in the clean text.
    pub span: Span,
}

/// A document with boilerplate removed: the text every later span points into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanDocument {
    /// Id, date and provenance (HTML metadata filled in where the input lacked it).
    pub meta: DocumentMeta,
    /// The cleaned text: kept blocks joined by a blank line.
    pub text: String,
    /// The blocks of `text`, in order, not overlapping.
    pub blocks: Vec<Block>,
    /// Number of input lines or elements dropped as boilerplate.
    pub dropped: usize,
}

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// A sentence of running text.
    Sentence,
    /// A heading: never coded.
    Heading,
}

/// One token: a span of clean text that is a word or punctuation mark in UD English terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where the token lies in the clean text.
    #[serde(flatten)]
    pub span: Span,
    /// True when whitespace follows the token in the clean text.
    #[serde(skip)]
    pub space_after: bool,
}

/// A sentence or heading of a document, with its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// 0-based index in the document (headings and sentences share one numbering).
    pub index: usize,
    /// Sentence or heading.
    pub kind: SegmentKind,
    /// Where the segment lies in the clean text.
    pub span: Span,
    /// The segment's tokens, in order, inside `span`.
    pub tokens: Vec<Token>,
}

/// A cleaned document cut into segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentedDocument {
    /// The clean document all spans point into.
    pub doc: CleanDocument,
    /// Sentences and headings in document order.
    pub segments: Vec<Segment>,
}

impl SegmentedDocument {
    /// The text of a span of this document, or "" if the span is not valid for it.
    pub fn text_of(&self, span: Span) -> &str {
        span.slice(&self.doc.text).unwrap_or("")
    }
}

/// One word of a parsed sentence: its token, tags, lemma and place in the dependency tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedWord {
    /// Where the word lies in the clean text.
    pub span: Span,
    /// Universal part-of-speech tag ("VERB", "NOUN").
    pub upos: String,
    /// Penn Treebank tag ("VBD", "NNS").
    pub xpos: String,
    /// Lemma ("strike" for "struck").
    pub lemma: String,
    /// Head word, 1-based; 0 for the root.
    pub head: usize,
    /// Universal Dependencies relation, with subtype ("nsubj:pass").
    pub deprel: String,
}

/// A segment with its dependency parse: the input of the coder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSegment {
    /// 0-based index of the segment in the document.
    pub index: usize,
    /// Sentence or heading.
    pub kind: SegmentKind,
    /// Where the segment lies in the clean text.
    pub span: Span,
    /// The words, in order; word `i` has id `i + 1` in `head` numbering.
    pub words: Vec<ParsedWord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_on_char_boundaries_only() {
        let text = "Iraq’s talks";
        assert_eq!(Span::new(0, 4).slice(text), Some("Iraq"));
        // the right single quote is three bytes: a span ending inside it is refused
        assert_eq!(Span::new(0, 5).slice(text), None);
        assert_eq!(Span::new(2, 4).shifted(3), Span::new(5, 7));
        assert_eq!(Span::new(3, 3).len(), 0);
        assert!(Span::new(3, 3).is_empty());
    }
}
