//! Hand-made parses for the coder's tests: a sentence written as "form/UPOS/lemma/head/deprel"
//! words separated by spaces, with an optional sixth field for the XPOS tag ("abused/VERB/
//! abuse/7/amod/VBD"), and a coder over test verb patterns to code them with.

use dyad_coder::{Coder, DocumentContext, DocumentState, Event};
use dyad_core::{Date, ParsedSegment, ParsedWord, SegmentKind, Span};
use dyad_lexicon::verbs::VerbDictionary;
use dyad_lexicon::{ActorDictionary, CodingRules, EventCodeTable};

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

/// A coder with the bundled actors, event codes and coding rules, and the verb patterns of
/// `patterns` (a verb-dictionary TSV text with its header row).
#[allow(dead_code)]
pub fn coder_with(patterns: &'static str) -> Coder<'static> {
    let verbs: &'static VerbDictionary = Box::leak(Box::new(
        VerbDictionary::parse(
            &[("test", patterns)],
            dyad_lexicon::verbs::BUNDLED_CLASSES,
            EventCodeTable::bundled(),
        )
        .expect("test patterns parse"),
    ));
    Coder::new(
        ActorDictionary::bundled(),
        verbs,
        EventCodeTable::bundled(),
        CodingRules::bundled(),
    )
}

/// Code one hand-made parse (see [`parse`]) as a one-sentence document of 2024-02-11.
#[allow(dead_code)]
pub fn code_with(coder: &Coder<'_>, spec: &str) -> Vec<Event> {
    let (text, seg) = parse(spec);
    let date = Date::constant(2024, 2, 11);
    let ctx = DocumentContext {
        doc_id: "t",
        date: Some(date),
        text: &text,
    };
    coder.code_segment(&ctx, &seg, &mut DocumentState::new(date))
}

/// Events as "SOURCE>TARGET:CAMEO" ("-" for no actor).
#[allow(dead_code)]
pub fn triples(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{}",
                e.source.code.as_deref().unwrap_or("-"),
                e.target.code.as_deref().unwrap_or("-"),
                e.cameo
            )
        })
        .collect()
}
