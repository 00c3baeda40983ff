//! Hand-made parses for the coder's tests: a sentence written as "form/UPOS/lemma/head/deprel"
//! words separated by spaces, with an optional sixth field for the XPOS tag ("abused/VERB/
//! abuse/7/amod/VBD").

use dyad_core::{ParsedSegment, ParsedWord, SegmentKind, Span};

/// The sentence's text (the forms joined by spaces) and its parse.
pub fn parse(spec: &str) -> (String, ParsedSegment) {
    let mut text = String::new();
    let mut words = Vec::new();
    for w in spec.split_whitespace() {
        let f: Vec<&str> = w.split('/').collect();
        assert!(f.len() == 5 || f.len() == 6, "{w}");
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(f[0]);
        words.push(ParsedWord {
            span: Span::new(start, text.len()),
            upos: f[1].to_string(),
            xpos: f.get(5).unwrap_or(&"_").to_string(),
            lemma: f[2].to_string(),
            head: f[3].parse().expect("head"),
            deprel: f[4].to_string(),
        });
    }
    let seg = ParsedSegment {
        index: 0,
        kind: SegmentKind::Sentence,
        span: Span::new(0, text.len()),
        words,
    };
    (text, seg)
}
