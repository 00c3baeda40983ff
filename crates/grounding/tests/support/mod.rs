//! Sentences for the grounding tests: a text tokenized as the pipeline does, and the
//! bundled model's analysis of it as the parsed words a `dyad_tree::Tree` is built from.

use dyad_core::{ParsedWord, Span};
use dyad_nlp::WordAnalysis;

/// The tokens of one sentence, as the text stage cuts them.
pub fn forms(text: &str) -> Vec<&str> {
    let mut toks = Vec::new();
    dyad_text::tokenize::tokenize(text, 0, dyad_text::TextRules::bundled(), &mut toks);
    toks.iter()
        .map(|t| t.span.slice(text).unwrap_or(""))
        .collect()
}

/// The parsed words of the analysis `an` (no spans: the tree gets the forms beside them).
pub fn words(an: &[WordAnalysis<'_>]) -> Vec<ParsedWord> {
    an.iter()
        .map(|a| ParsedWord {
            span: Span::new(0, 0),
            upos: a.upos.to_string(),
            xpos: a.xpos.to_string(),
            lemma: a.lemma.to_string(),
            head: a.head,
            deprel: a.deprel.to_string(),
        })
        .collect()
}
