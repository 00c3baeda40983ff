//! `dyad parse`: CoNLL-U with tags, lemmas and a dependency tree for every segment.
//!
//! Text, HTML and JSONL input go through the text stage (cleaning, sentences, tokens) and
//! each segment becomes a CoNLL-U sentence with `# sent_id = DOC-INDEX`, `# text` and, for
//! headings, `# segment = heading`. With `--input conllu` the given sentences and words are
//! kept and everything else is predicted again: this is how accuracy is measured on gold
//! tokens. Malformed CoNLL-U is an error naming the file and line.

use std::io::Write;

use anyhow::{Context, Result};
use clap::Args;

use dyad_core::SegmentKind;
use dyad_nlp::conllu::{self, Sentence};
use dyad_nlp::{Model, Scratch};

use crate::input::{for_each_segmented, read_input, InputArg, InputOptions};

/// Options of `dyad parse`.
#[derive(Debug, Args)]
pub struct ParseOptions {
    /// Input files and options; `--input conllu` reads CoNLL-U and keeps its tokenization.
    #[command(flatten)]
    pub input: InputOptions,
}

/// Run `dyad parse`; returns the exit status.
pub fn run(opts: &ParseOptions) -> Result<i32> {
    let model = Model::bundled().context("cannot load the bundled parser model")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut scratch = Scratch::default();
    let mut buf = String::new();
    if opts.input.input == InputArg::Conllu {
        return run_conllu(model, opts, &mut out);
    }
    let report = for_each_segmented(&opts.input, |doc| {
        for s in &doc.segments {
            let words: Vec<&str> = s.tokens.iter().map(|t| doc.text_of(t.span)).collect();
            let analysis = model.annotate_with(&words, &mut scratch);
            let text = doc.text_of(s.span).replace(['\n', '\r'], " ");
            let mut comments = vec![
                format!("# sent_id = {}-{}", doc.doc.meta.id, s.index),
                format!("# text = {text}"),
            ];
            if s.kind == SegmentKind::Heading {
                comments.push("# segment = heading".to_string());
            }
            let mut sentence = Sentence::from_analysis(comments, &words, &analysis);
            for (w, t) in sentence.words.iter_mut().zip(&s.tokens) {
                if !t.space_after {
                    w.misc = "SpaceAfter=No".to_string();
                }
            }
            buf.clear();
            sentence.write(&mut buf);
            out.write_all(buf.as_bytes())?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(crate::exit_status(&report))
}

fn run_conllu(model: &Model, opts: &ParseOptions, out: &mut impl Write) -> Result<i32> {
    let paths: Vec<String> = if opts.input.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.input.paths.clone()
    };
    let mut scratch = Scratch::default();
    let mut buf = String::new();
    for path in &paths {
        let (label, bytes) = read_input(path)?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{label}: CoNLL-U input must be valid UTF-8"))?;
        let mut sentences = conllu::parse(&text).with_context(|| label.clone())?;
        for s in &mut sentences {
            model.annotate_sentence(s, &mut scratch);
            buf.clear();
            s.write(&mut buf);
            out.write_all(buf.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(0)
}
