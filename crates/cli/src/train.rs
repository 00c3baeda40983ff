//! `dyad train`: train the tagger, lemmatizer and parser from UD CoNLL-U files.
//!
//! Reads the training and development treebanks (and optional unlabeled text for word
//! clusters), prints the development scores of every epoch on stderr, keeps the best, and
//! writes the model file. Training is deterministic for the same inputs and seed.

use anyhow::{Context, Result};
use clap::Args;

use dyad_nlp::conllu;
use dyad_nlp::{train, TrainOptions};

/// Options of `dyad train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long)]
    pub train: String,
    /// Development treebank (CoNLL-U), used to pick the best epochs.
    #[arg(long)]
    pub dev: String,
    /// Where to write the model.
    #[arg(long, default_value = "models/en-ewt.bin")]
    pub out: String,
    /// Unlabeled text for word clusters: JSONL with a "text" field, or one paragraph a line.
    #[arg(long)]
    pub unlabeled: Vec<String>,
    /// Random seed (shuffling, exploration).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

fn read_treebank(path: &str) -> Result<Vec<conllu::Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    conllu::parse(&text).with_context(|| path.to_string())
}

/// Run `dyad train`; returns the exit status.
pub fn run(args: &TrainArgs) -> Result<i32> {
    let train_set = read_treebank(&args.train)?;
    let dev_set = read_treebank(&args.dev)?;
    let mut opts = TrainOptions {
        seed: args.seed,
        ..TrainOptions::default()
    };
    for path in &args.unlabeled {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if line.trim_start().starts_with('{') {
                let v: serde_json::Value = serde_json::from_str(line)
                    .with_context(|| format!("{path}, line {}: not valid JSON", n + 1))?;
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    opts.unlabeled.push(t.to_string());
                }
            } else {
                opts.unlabeled.push(line.to_string());
            }
        }
    }
    eprintln!(
        "dyad: training on {} sentences ({}), selecting on {} ({})",
        train_set.len(),
        args.train,
        dev_set.len(),
        args.dev
    );
    let model = train(&train_set, &dev_set, &opts, &mut |line| eprintln!("{line}"))
        .context("training failed")?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("cannot write {}", args.out))?;
    eprintln!(
        "dyad: wrote {} ({:.2} MB, model {})",
        args.out,
        bytes.len() as f64 / 1e6,
        model.id()
    );
    Ok(0)
}
