//! Reading documents: format detection, lossy UTF-8 decoding and JSONL lines.
//!
//! dyad reads plain text, HTML and JSONL (`{"id", "date", "text" | "html", "url"?, "title"?,
//! "source"?}` a line). This module turns bytes the caller has read into [`RawDocument`]s and
//! reports every problem with its position (a JSONL line number). It never opens files or
//! streams itself: the binary does I/O and names the input in messages.

use std::borrow::Cow;

use serde_json::{Map, Value};

use dyad_core::{Body, Date, DocumentMeta, RawDocument};

/// How an input's documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: one document.
    Text,
    /// An HTML page: one document.
    Html,
    /// One JSON document a line.
    Jsonl,
}

/// Decode bytes as UTF-8, replacing invalid sequences; the flag says whether any were.
pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (
            Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)),
            false,
        ),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// Guess an input's format from its name, then from its first bytes.
pub fn detect_format(name: Option<&str>, content: &str) -> InputFormat {
    if let Some(name) = name {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
            return InputFormat::Html;
        }
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
            return InputFormat::Jsonl;
        }
        if lower.ends_with(".txt") {
            return InputFormat::Text;
        }
    }
    let head = content.trim_start();
    if head.starts_with('{') {
        let first = head.lines().next().unwrap_or("");
        if serde_json::from_str::<Map<String, Value>>(first).is_ok() {
            return InputFormat::Jsonl;
        }
    }
    let lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || (lower.starts_with('<') && (lower.contains("<p>") || lower.contains("<div")))
    {
        return InputFormat::Html;
    }
    InputFormat::Text
}

/// Parse a date given as "YYYY-MM-DD", or the date part of an ISO 8601 timestamp.
pub fn parse_date_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    head.parse::<Date>().ok()
}

/// A JSONL line that could not be read, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlProblem {
    /// 1-based line number in the input.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Iterate over the documents of a JSONL input, one result a non-blank line.
pub fn jsonl_documents(
    content: &str,
) -> impl Iterator<Item = Result<RawDocument, JsonlProblem>> + '_ {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            // a lone CR before the end is a line end too, as for the CLI's line reader
            jsonl_document(l.trim_end_matches('\r')).map_err(|message| JsonlProblem {
                line: i + 1,
                message,
            })
        })
}

fn string_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("field \"{key}\" must be a string")),
    }
}

/// One JSONL line as a document, or what is wrong with it.
pub fn jsonl_document(line: &str) -> Result<RawDocument, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".into());
    };
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("field \"id\" must be a non-empty string or a number".into()),
        None => return Err("missing field \"id\"".into()),
    };
    let date = match string_field(&obj, "date")? {
        None => None,
        Some(d) => Some(
            parse_date_prefix(&d)
                .ok_or_else(|| format!("field \"date\" is not a YYYY-MM-DD date: {d:?}"))?,
        ),
    };
    let body = match (string_field(&obj, "text")?, string_field(&obj, "html")?) {
        (Some(t), _) => Body::Text(t),
        (None, Some(h)) => Body::Html(h),
        (None, None) => return Err(format!("document {id:?} has no \"text\" or \"html\" field")),
    };
    Ok(RawDocument {
        meta: DocumentMeta {
            id,
            date,
            title: string_field(&obj, "title")?,
            url: string_field(&obj, "url")?,
            source: string_field(&obj, "source")?,
        },
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format(Some("a.HTML"), "x"), InputFormat::Html);
        assert_eq!(detect_format(Some("a.jsonl"), "x"), InputFormat::Jsonl);
        assert_eq!(
            detect_format(None, "{\"id\": \"1\", \"text\": \"x\"}\n"),
            InputFormat::Jsonl
        );
        assert_eq!(
            detect_format(None, "<!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            detect_format(None, "Iraq and the U.S. resumed talks."),
            InputFormat::Text
        );
        assert_eq!(detect_format(None, "{not json at all"), InputFormat::Text);
    }

    #[test]
    fn lossy_decoding_reports_replacement() {
        let (s, lossy) = decode_lossy(b"Iraq \xff talks");
        assert!(lossy);
        assert!(s.contains('\u{fffd}'));
        let (s, lossy) = decode_lossy("\u{feff}Iraq".as_bytes());
        assert!(!lossy);
        assert_eq!(s, "Iraq");
    }

    #[test]
    fn a_last_line_ending_in_a_lone_cr_reads_as_the_cli_reads_it() {
        // found by the jsonl fuzz target: `str::lines` keeps a final lone CR, the CLI's line
        // reader drops it, and the two readers then named different columns
        let input = "{\"id\": \"a\", \"text\": \"One.\"}\n{\r\"id\r";
        let results: Vec<_> = jsonl_documents(input).collect();
        let problem = results[1].as_ref().expect_err("not JSON");
        assert_eq!(problem.line, 2);
        assert_eq!(
            Err(problem.message.clone()),
            jsonl_document("{\r\"id").map(|_| ())
        );
        let last = "{\"id\": \"b\", \"text\": \"Two.\"}\r";
        assert!(jsonl_documents(last).all(|r| r.is_ok()));
    }

    #[test]
    fn jsonl_lines_and_their_problems() {
        let input = "{\"id\": \"a\", \"date\": \"2024-02-11\", \"text\": \"One.\"}\n\nnot json\n{\"id\": 7, \"html\": \"<p>x</p>\", \"url\": \"http://x\"}\n{\"text\": \"no id\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"date\": \"11/02/2024\", \"text\": \"x\"}\n[1,2]\n";
        let results: Vec<_> = jsonl_documents(input).collect();
        assert_eq!(results.len(), 7);
        let ok: Vec<&RawDocument> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].meta.id, "a");
        assert_eq!(
            ok[0].meta.date.map(|d| d.to_string()).as_deref(),
            Some("2024-02-11")
        );
        assert_eq!(ok[1].meta.id, "7");
        assert!(matches!(ok[1].body, Body::Html(_)));
        let lines: Vec<usize> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, [3, 5, 6, 7, 8]);
        let msgs: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|p| p.message.clone())
            .collect();
        assert!(msgs[0].contains("not valid JSON"));
        assert!(msgs[1].contains("missing field \"id\""));
        assert!(msgs[2].contains("no \"text\" or \"html\""));
        assert!(msgs[3].contains("date"));
    }

    #[test]
    fn dates_and_timestamps() {
        assert_eq!(
            parse_date_prefix("2024-02-11")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-11")
        );
        assert_eq!(
            parse_date_prefix("2024-02-11T10:00:00Z")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-11")
        );
        assert_eq!(parse_date_prefix("2024-02-30"), None);
        assert_eq!(parse_date_prefix("2024-02-1100"), None);
        assert_eq!(parse_date_prefix("Feb 11"), None);
    }
}
