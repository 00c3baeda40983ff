//! Fuzz target `text_pipeline`: bytes as a plain-text document through the text stage
//! (lossy decoding, cleaning, tokenizing, sentence splitting), then the first sentences through
//! the bundled tagger/parser and the tree repairs. Checks every span, the tokenizer's
//! no-loss promise, cleaning's whole-lines promise and single-rooted parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_core::{Body, DocumentMeta, RawDocument, SegmentKind};
use dyad_fuzz::{check_segmented, check_single_rooted, check_tree, MAX_INPUT};

/// Sentences parsed per input (the parser is the slow part).
const PARSED_SENTENCES: usize = 4;

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let (text, _) = dyad_text::decode_lossy(data);
    let raw = RawDocument {
        meta: DocumentMeta {
            id: "fuzz".into(),
            ..Default::default()
        },
        body: Body::Text(text.to_string()),
    };
    let out = dyad_text::segment_document(raw);
    check_segmented(&out.doc, Some(&text));
    if out.doc.segments.is_empty() {
        assert!(!out.warnings.is_empty(), "no segments and no warning");
    }
    let Ok(model) = dyad_nlp::Model::bundled() else {
        panic!("the bundled model does not load");
    };
    let mut scratch = dyad_nlp::Scratch::default();
    for seg in out
        .doc
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Sentence)
        .take(PARSED_SENTENCES)
    {
        let parsed = model.parse_segment(&out.doc, seg, &mut scratch);
        assert_eq!(parsed.words.len(), seg.tokens.len(), "the parse lost words");
        let heads: Vec<usize> = parsed.words.iter().map(|w| w.head).collect();
        check_single_rooted(&heads, "parse");
        for (w, t) in parsed.words.iter().zip(&seg.tokens) {
            assert_eq!(w.span, t.span, "a parsed word moved");
            assert!(!w.upos.is_empty() && !w.deprel.is_empty());
        }
        let forms: Vec<&str> = seg.tokens.iter().map(|t| out.doc.text_of(t.span)).collect();
        check_tree(&parsed.words, &forms, "tree");
    }
});
