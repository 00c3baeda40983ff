//! The whole pipeline as a library: a raw document (text or HTML, with its id and date) in,
//! its coded events out, with the bundled model and dictionaries. The command line, the
//! server's ingest and the Python package all code documents through here.
//!
//! [`Pipeline::code`] runs the text stage, the tagger and parser, and the coder on one
//! document; it holds no per-document state, so one `Pipeline` serves every thread, each
//! with its own [`Scratch`]. This crate only wires the stages ([`document`]); it must never
//! decide anything about text, parses or events itself.

pub mod document;

pub use document::{code_document, code_document_explained, code_document_with, SentenceReport};
pub use dyad_core::{Body, DocumentMeta, Event, RawDocument, SegmentedDocument};
pub use dyad_nlp::Scratch;

/// Why the pipeline cannot start.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The bundled parser model could not be loaded.
    #[error("cannot load the bundled parser model: {0}")]
    Model(#[from] dyad_nlp::NlpError),
}

/// The bundled model and coder, shared by every document and thread.
pub struct Pipeline {
    model: &'static dyad_nlp::Model,
    coder: dyad_coder::Coder<'static>,
}

/// One document coded: its events and the text stage's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Coded {
    /// The events, in sentence order.
    pub events: Vec<Event>,
    /// What the text stage found odd about the document.
    pub warnings: Vec<String>,
    /// Sentences (headings aside) in the document.
    pub sentences: usize,
}

impl Pipeline {
    /// The pipeline with dyad's bundled model and dictionaries.
    pub fn bundled() -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {
            model: dyad_nlp::Model::bundled()?,
            coder: dyad_coder::Coder::bundled(),
        })
    }

    /// Code one document.
    pub fn code(&self, scratch: &mut Scratch, raw: RawDocument) -> Coded {
        let seg = dyad_text::segment_document(raw);
        let sentences = seg
            .doc
            .segments
            .iter()
            .filter(|s| s.kind == dyad_core::SegmentKind::Sentence)
            .count();
        let events = code_document(self.model, &self.coder, scratch, &seg.doc);
        Coded {
            events,
            warnings: seg.warnings.iter().map(ToString::to_string).collect(),
            sentences,
        }
    }
}
