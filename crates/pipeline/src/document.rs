//! The coding pipeline for one document: a segmented document in, its coded events out.
//!
//! Tags and parses every sentence the coder asks for (headings are skipped: they are never
//! coded; a sentence in which no event can be coded is only skimmed) with the
//! bundled model and hands the parses, in document order, to the coder with one grounding
//! state for the whole document (its publication date, the last date read, the countries
//! named so far). This module converts between the stages'
//! types only; it must never decide anything about text, parses or events itself.

use dyad_coder::{Coder, Considered, DocumentContext, DocumentState, Event};
use dyad_core::{SegmentKind, SegmentedDocument};
use dyad_nlp::{Model, Scratch};
use dyad_petrarch::{DiscardKind, PetrarchCoding};

/// What the coder did with one sentence (for `dyad code --explain`).
#[derive(Debug)]
pub struct SentenceReport<'a> {
    /// The sentence's index in the document.
    pub index: usize,
    /// The sentence as cleaned.
    pub text: &'a str,
    /// Whether it was parsed (`false`: it names no actor and no earlier event, so it was
    /// only skimmed).
    pub parsed: bool,
    /// The candidates considered, in order, with the veto that stopped each.
    pub considered: Vec<Considered>,
}

/// Code one segmented document into events, in sentence order.
pub fn code_document(
    model: &Model,
    coder: &Coder<'_>,
    scratch: &mut Scratch,
    doc: &SegmentedDocument,
) -> Vec<Event> {
    code_document_explained(model, coder, scratch, doc, None)
}

/// [`code_document`], handing what the coder did with each sentence that is not a heading
/// to `explain` when it is given. The events are the same.
pub fn code_document_explained(
    model: &Model,
    coder: &Coder<'_>,
    scratch: &mut Scratch,
    doc: &SegmentedDocument,
    mut explain: Option<&mut dyn FnMut(SentenceReport<'_>)>,
) -> Vec<Event> {
    let ctx = DocumentContext {
        doc_id: &doc.doc.meta.id,
        date: doc.doc.meta.date,
        text: &doc.doc.text,
    };
    let mut state = match ctx.date {
        Some(d) => DocumentState::new(d),
        None => DocumentState::undated(),
    };
    let mut events = Vec::new();
    for s in &doc.segments {
        let forms: Vec<&str> = s.tokens.iter().map(|t| doc.text_of(t.span)).collect();
        if s.kind == SegmentKind::Heading {
            coder.read_heading(&ctx, &forms, &mut state);
            continue;
        }
        let parsed = coder.needs_parse(&ctx, &forms, &state);
        if !parsed {
            coder.skim_segment(&forms, &mut state);
        }
        let considered = if !parsed {
            Vec::new()
        } else if explain.is_some() {
            let seg = model.parse_segment(doc, s, scratch);
            let (found, considered) = coder.explain_segment(&ctx, &seg, &mut state);
            events.extend(found);
            considered
        } else {
            let seg = model.parse_segment(doc, s, scratch);
            events.extend(coder.code_segment(&ctx, &seg, &mut state));
            Vec::new()
        };
        if let Some(f) = explain.as_deref_mut() {
            f(SentenceReport {
                index: s.index,
                text: doc.text_of(s.span),
                parsed,
                considered,
            });
        }
    }
    events
}

/// [`code_document`], with the discards and code post-processing of PETRARCH-format
/// dictionaries when `petrarch` is given: a story matching a whole-document discard gives
/// nothing, events in sentences matching a sentence discard are dropped, and the rest pass
/// through [`PetrarchCoding::finish`].
pub fn code_document_with(
    model: &Model,
    coder: &Coder<'_>,
    petrarch: Option<&PetrarchCoding>,
    scratch: &mut Scratch,
    doc: &SegmentedDocument,
) -> Vec<Event> {
    let Some(p) = petrarch else {
        return code_document(model, coder, scratch, doc);
    };
    if matches!(p.discard(&doc.doc.text), Some((DiscardKind::Story, _))) {
        return Vec::new();
    }
    let mut events = code_document(model, coder, scratch, doc);
    events.retain(|e| p.discard(&e.sentence).is_none());
    p.finish(events)
}
