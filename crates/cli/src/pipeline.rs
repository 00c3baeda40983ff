//! The coding pipeline for one document: a segmented document in, its coded events out.
//!
//! Tags and parses every sentence the coder asks for (headings are skipped: they are never
//! coded; a sentence in which no event can be coded is only skimmed) with the
//! bundled model and hands the parses, in document order, to the coder with one grounding
//! state for the whole document (its publication date, the last date read, the countries
//! named so far). This module converts between the stages'
//! types only; it must never decide anything about text, parses or events itself.

use dyad_coder::{Coder, DocumentContext, DocumentState, Event};
use dyad_core::{SegmentKind, SegmentedDocument};
use dyad_nlp::{Model, Scratch};
use dyad_petrarch::{DiscardKind, PetrarchCoding};

/// Code one segmented document into events, in sentence order.
pub fn code_document(
    model: &Model,
    coder: &Coder<'_>,
    scratch: &mut Scratch,
    doc: &SegmentedDocument,
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
        if s.kind == SegmentKind::Heading {
            continue;
        }
        let forms: Vec<&str> = s.tokens.iter().map(|t| doc.text_of(t.span)).collect();
        if !coder.needs_parse(&ctx, &forms, &state) {
            coder.skim_segment(&forms, &mut state);
            continue;
        }
        let parsed = model.parse_segment(doc, s, scratch);
        events.extend(coder.code_segment(&ctx, &parsed, &mut state));
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
