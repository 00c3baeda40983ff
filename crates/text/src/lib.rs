//! dyad's first stage: from a raw document to clean text, sentences and tokens.
//!
//! [`segment_document`] takes a [`RawDocument`] (plain text or HTML) and returns a
//! [`SegmentedDocument`]: the article text with boilerplate removed, cut into headings and
//! sentences, each with UD-English-compatible tokens. Every span is a byte range of the clean
//! text, and the clean text never changes after cleaning. The stages, one module each:
//! [`ingest`] (formats, JSONL, decoding) → [`html`] (article extraction) → [`clean`]
//! (boilerplate lines, headings) → [`tokenize`] → [`split`] (sentences); [`warc`] reads the
//! HTML pages of a WARC stream the caller opened. This crate does no file or network I/O and
//! never fails on a document's content: odd input gives fewer segments and a [`Warning`], not
//! an error.
//!
//! ```
//! use dyad_core::{Body, DocumentMeta, RawDocument, SegmentKind};
//! let raw = RawDocument {
//!     meta: DocumentMeta { id: "ex".into(), ..Default::default() },
//!     body: Body::Text("Talks Resume in Baghdad\n\nCredit: AP\n\nIraq and the U.S. met Jan. 27. They agreed.".into()),
//! };
//! let out = dyad_text::segment_document(raw);
//! let kinds: Vec<_> = out.doc.segments.iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SegmentKind::Heading, SegmentKind::Sentence, SegmentKind::Sentence]);
//! assert_eq!(out.doc.text_of(out.doc.segments[1].span), "Iraq and the U.S. met Jan. 27.");
//! ```

pub mod boundary;
pub mod clean;
pub mod html;
pub mod html_depth;
pub mod ingest;
pub mod lines;
pub mod rules;
pub mod split;
pub mod tokenize;
pub mod warc;

use dyad_core::{BlockKind, Body, RawDocument, Segment, SegmentKind, SegmentedDocument, Span};

pub use ingest::{
    decode_lossy, detect_format, jsonl_document, jsonl_documents, parse_date_prefix, InputFormat,
    JsonlProblem,
};
pub use rules::{DatelineWord, TableTexts, TextRules};

/// Errors of the text stage: only its own data tables can be wrong.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A data table could not be read.
    #[error("{file}, line {line}: {message}")]
    Table {
        /// The table's file name.
        file: String,
        /// 1-based line (0 when the position is not known).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Something a user should know about a document that was still processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// No article was found in the HTML; the page's visible text was used.
    HtmlFallback,
    /// The document produced no segments (empty, or all boilerplate).
    NoSegments {
        /// Lines dropped as boilerplate.
        dropped: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::HtmlFallback => {
                write!(f, "no article found in the HTML; using the page's text")
            }
            Warning::NoSegments { dropped: 0 } => write!(f, "no text: the document is empty"),
            Warning::NoSegments { dropped } => {
                write!(f, "no text: all {dropped} lines were boilerplate")
            }
        }
    }
}

/// A segmented document and the warnings raised while making it.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// The clean text and its segments.
    pub doc: SegmentedDocument,
    /// Warnings for the user (none in the usual case).
    pub warnings: Vec<Warning>,
}

/// Run the whole text stage on one document with the bundled rules.
pub fn segment_document(raw: RawDocument) -> Segmented {
    segment_document_with(raw, TextRules::bundled())
}

/// Run the whole text stage on one document with the given rules.
pub fn segment_document_with(raw: RawDocument, rules: &TextRules) -> Segmented {
    let mut warnings = Vec::new();
    let (meta, text) = match raw.body {
        Body::Text(t) => (raw.meta, t),
        Body::Html(h) => {
            let page = html::extract_article(&h, raw.meta);
            if page.fallback {
                warnings.push(Warning::HtmlFallback);
            }
            (page.meta, page.text)
        }
    };
    let clean = clean::clean(meta, &text, rules);
    let mut segments = Vec::new();
    let mut tokens = Vec::new();
    for block in &clean.blocks {
        tokens.clear();
        let block_text = block.span.slice(&clean.text).unwrap_or("");
        tokenize::tokenize(block_text, block.span.start, rules, &mut tokens);
        if tokens.is_empty() {
            continue;
        }
        match block.kind {
            BlockKind::Heading => {
                segments.push(make_segment(segments.len(), SegmentKind::Heading, &tokens))
            }
            BlockKind::Paragraph => {
                for range in split::split_sentences(&tokens, &clean.text, rules) {
                    segments.push(make_segment(
                        segments.len(),
                        SegmentKind::Sentence,
                        &tokens[range],
                    ));
                }
            }
        }
    }
    if segments.is_empty() {
        warnings.push(Warning::NoSegments {
            dropped: clean.dropped,
        });
    }
    Segmented {
        doc: SegmentedDocument {
            doc: clean,
            segments,
        },
        warnings,
    }
}

fn make_segment(index: usize, kind: SegmentKind, tokens: &[dyad_core::Token]) -> Segment {
    let start = tokens.first().map_or(0, |t| t.span.start);
    let end = tokens.last().map_or(start, |t| t.span.end);
    Segment {
        index,
        kind,
        span: Span::new(start, end),
        tokens: tokens.to_vec(),
    }
}
