//! Sentences for the grounding tests: a text tokenized as the pipeline does, and the
//! bundled model's analysis of it as the grounder's `Word`s.

use dyad_grounding::Word;
use dyad_nlp::WordAnalysis;

/// The tokens of one sentence, as the text stage cuts them.
pub fn forms(text: &str) -> Vec<&str> {
    let mut toks = Vec::new();
    dyad_text::tokenize::tokenize(text, 0, dyad_text::TextRules::bundled(), &mut toks);
    toks.iter()
        .map(|t| t.span.slice(text).unwrap_or(""))
        .collect()
}

/// The grounder's view of the words `forms` with their analysis `an`.
pub fn words<'a>(forms: &[&'a str], an: &'a [WordAnalysis<'a>]) -> Vec<Word<'a>> {
    forms
        .iter()
        .zip(an)
        .map(|(f, a)| Word {
            form: f,
            upos: a.upos,
            xpos: a.xpos,
            lemma: &a.lemma,
            head: a.head,
            deprel: a.deprel,
        })
        .collect()
}
