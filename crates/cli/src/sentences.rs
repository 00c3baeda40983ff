//! `dyad sentences`: print a document's segments (sentences and headings) with their tokens.
//!
//! One JSON object a line: `{"doc_id", "index", "kind", "text", "start", "end", "tokens":
//! [{"text", "start", "end"}]}`, offsets in bytes of the clean text. This module formats; it
//! decides nothing about segmentation.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use dyad_core::SegmentKind;

use crate::input::{for_each_document, InputOptions};

#[derive(Serialize)]
struct TokenOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SegmentOut<'a> {
    doc_id: &'a str,
    index: usize,
    kind: SegmentKind,
    text: &'a str,
    start: usize,
    end: usize,
    tokens: Vec<TokenOut<'a>>,
}

/// Run `dyad sentences`; returns the process exit status.
pub fn run(opts: &InputOptions) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let report = for_each_document(opts, |raw| {
        let id = raw.meta.id.clone();
        let seg = dyad_text::segment_document(raw);
        for w in &seg.warnings {
            eprintln!("dyad: warning: document {id}: {w}");
        }
        let doc = &seg.doc;
        for s in &doc.segments {
            let rec = SegmentOut {
                doc_id: &doc.doc.meta.id,
                index: s.index,
                kind: s.kind,
                text: doc.text_of(s.span),
                start: s.span.start,
                end: s.span.end,
                tokens: s
                    .tokens
                    .iter()
                    .map(|t| TokenOut {
                        text: doc.text_of(t.span),
                        start: t.span.start,
                        end: t.span.end,
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut out, &rec)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(crate::exit_status(&report))
}
