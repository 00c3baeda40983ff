//! Fuzz target `conllu`: bytes as a CoNLL-U file through `dyad_nlp::conllu::parse` (what
//! `dyad parse --input conllu` and `dyad train` read). Checks that heads lie within their
//! sentence, that writing the sentences read and reading them again gives the same sentences,
//! that an error names a line of the input, and that the tree repairs take any given tree
//! without panicking (and keep a single-rooted one single-rooted); the first sentence is also
//! re-annotated by the bundled model, which must give one tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_core::{ParsedWord, Span};
use dyad_fuzz::{check_single_rooted, check_tree, MAX_INPUT};
use dyad_nlp::{conllu, NlpError};

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sentences = match conllu::parse(text) {
        Ok(s) => s,
        Err(NlpError::Conllu { line, .. }) => {
            let lines = text.split('\n').count();
            assert!(
                line >= 1 && line <= lines,
                "error on line {line} of {lines}"
            );
            return;
        }
        Err(other) => panic!("a CoNLL-U reading error that is not about CoNLL-U: {other}"),
    };
    for s in &sentences {
        assert!(!s.words.is_empty(), "a sentence without words");
        for w in &s.words {
            if let Some(h) = w.head {
                assert!(h <= s.words.len(), "head {h} of {} words", s.words.len());
            }
        }
    }
    let written = conllu::write(&sentences);
    match conllu::parse(&written) {
        Ok(again) => assert_eq!(again, sentences, "write then read changed the sentences"),
        Err(e) => panic!("dyad cannot read what it wrote: {e}\n{written}"),
    }
    for (k, s) in sentences.iter().take(8).enumerate() {
        let words: Vec<ParsedWord> = s
            .words
            .iter()
            .map(|w| ParsedWord {
                span: Span::new(0, 0),
                upos: w.upos.clone(),
                xpos: w.xpos.clone(),
                lemma: w.lemma.clone(),
                head: w.head.unwrap_or(0),
                deprel: w.deprel.clone(),
            })
            .collect();
        let forms = s.forms();
        check_tree(&words, &forms, &format!("sentence {}", k + 1));
    }
    if let Some(first) = sentences.first() {
        if first.words.len() <= 200 {
            let Ok(model) = dyad_nlp::Model::bundled() else {
                panic!("the bundled model does not load");
            };
            let mut annotated = first.clone();
            model.annotate_sentence(&mut annotated, &mut dyad_nlp::Scratch::default());
            assert_eq!(annotated.words.len(), first.words.len());
            let heads: Vec<usize> = annotated
                .words
                .iter()
                .map(|w| w.head.unwrap_or(0))
                .collect();
            check_single_rooted(&heads, "annotated");
            assert_eq!(
                annotated.forms(),
                first.forms(),
                "annotation changed the forms"
            );
        }
    }
});
