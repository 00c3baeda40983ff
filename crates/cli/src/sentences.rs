//! `dyad sentences`: print a document's segments (sentences and headings) with their tokens.
//!
//! One JSON object a line: `{"doc_id", "index", "kind", "text", "start", "end", "tokens":
//! [{"text", "start", "end"}]}`, offsets in bytes of the clean text. This module formats; it
//! decides nothing about segmentation.

use std::io::Write;

use anyhow::Result;

use dyad_core::SegmentKind;

use crate::input::{for_each_segmented, InputOptions};

/// Append `s` as a JSON string: raw when nothing needs escaping (the usual case).
fn push_json_str(buf: &mut Vec<u8>, s: &str) -> Result<()> {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        serde_json::to_writer(&mut *buf, s)?;
    } else {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    }
    Ok(())
}

fn push_usize(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// Run `dyad sentences`; returns the process exit status.
pub fn run(opts: &InputOptions) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 12);
    let report = for_each_segmented(opts, |doc| {
        for s in &doc.segments {
            buf.clear();
            buf.extend_from_slice(b"{\"doc_id\":");
            push_json_str(&mut buf, &doc.doc.meta.id)?;
            buf.extend_from_slice(b",\"index\":");
            push_usize(&mut buf, s.index);
            buf.extend_from_slice(match s.kind {
                SegmentKind::Sentence => b",\"kind\":\"sentence\",\"text\":",
                SegmentKind::Heading => b",\"kind\":\"heading\",\"text\":",
            });
            push_json_str(&mut buf, doc.text_of(s.span))?;
            buf.extend_from_slice(b",\"start\":");
            push_usize(&mut buf, s.span.start);
            buf.extend_from_slice(b",\"end\":");
            push_usize(&mut buf, s.span.end);
            buf.extend_from_slice(b",\"tokens\":[");
            for (i, t) in s.tokens.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(b"{\"text\":");
                push_json_str(&mut buf, doc.text_of(t.span))?;
                buf.extend_from_slice(b",\"start\":");
                push_usize(&mut buf, t.span.start);
                buf.extend_from_slice(b",\"end\":");
                push_usize(&mut buf, t.span.end);
                buf.push(b'}');
            }
            buf.extend_from_slice(b"]}\n");
            out.write_all(&buf)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(crate::exit_status(&report))
}
