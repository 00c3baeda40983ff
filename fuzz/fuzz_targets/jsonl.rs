//! Fuzz target `jsonl`: bytes as a JSONL input. The CLI's line loop (`crates/cli/src/input.rs`)
//! lives in the binary; it hands each line to `dyad_text::jsonl_document`, which this target
//! fuzzes with the same steps (lossy decoding, format detection, the line without its line
//! end), and `dyad_text::jsonl_documents` over the whole input. Checks that a document read has
//! the id, body and metadata its line's JSON gives, that a problem names its 1-based line, and
//! that both readers agree line by line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

use dyad_core::Body;
use dyad_fuzz::MAX_INPUT;
use dyad_text::{decode_lossy, detect_format, jsonl_document, jsonl_documents, InputFormat};

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let (content, _) = decode_lossy(data);
    if detect_format(None, &content) == InputFormat::Jsonl {
        let first = content.trim_start().lines().next().unwrap_or("");
        assert!(first.starts_with('{'), "JSONL detected on {first:?}");
    }
    let numbered: Vec<(usize, &str)> = content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    let results: Vec<_> = jsonl_documents(&content).collect();
    assert_eq!(
        results.len(),
        numbered.len(),
        "one result per non-blank line"
    );
    for (result, &(number, line)) in results.iter().zip(&numbered) {
        // the CLI strips the line end and parses the line alone: the same answer
        let alone = jsonl_document(line.trim_end_matches(['\n', '\r']));
        match result {
            Ok(doc) => {
                let Ok(again) = &alone else {
                    panic!("line {number} reads in the stream but not alone");
                };
                assert_eq!(doc, again, "line {number} reads differently alone");
                let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(line) else {
                    panic!("line {number} read as a document but is not a JSON object");
                };
                let id = match obj.get("id") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    other => panic!("document read with id {other:?}"),
                };
                assert!(
                    !id.is_empty() && doc.meta.id == id,
                    "id {:?} vs {id:?}",
                    doc.meta.id
                );
                let (key, body) = match &doc.body {
                    Body::Text(t) => ("text", t),
                    Body::Html(h) => ("html", h),
                };
                assert_eq!(obj.get(key).and_then(Value::as_str), Some(body.as_str()));
                for (key, got) in [
                    ("title", &doc.meta.title),
                    ("url", &doc.meta.url),
                    ("source", &doc.meta.source),
                ] {
                    assert_eq!(
                        obj.get(key).and_then(Value::as_str),
                        got.as_deref(),
                        "{key}"
                    );
                }
                if let Some(d) = doc.meta.date {
                    let given = obj.get("date").and_then(Value::as_str).unwrap_or("");
                    assert!(
                        given.trim().starts_with(&d.to_string()),
                        "date {d} from {given:?}"
                    );
                }
            }
            Err(problem) => {
                assert_eq!(problem.line, number, "problem on the wrong line");
                assert!(!problem.message.is_empty(), "a problem without a message");
                assert_eq!(
                    alone.err().as_deref(),
                    Some(problem.message.as_str()),
                    "the two readers disagree on line {number}"
                );
            }
        }
    }
});
