//! `dyad train`: train the tagger, lemmatizer and parser from UD CoNLL-U files.
//!
//! Reads one or more training and development treebanks (and optional unlabeled text for
//! word clusters), prints the development scores of every epoch on stderr, keeps the best,
//! and writes the model file. A training file may carry a weight, `PATH:N`, to be read N
//! times (a small in-genre treebank beside a large out-of-genre one). Training is
//! deterministic for the same inputs, weights and seed.

use anyhow::{bail, Context, Result};
use clap::Args;

use dyad_nlp::conllu;
use dyad_nlp::{train, TrainOptions};

/// Options of `dyad train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U); repeat for several. `PATH:N` reads the file N times
    /// (a whole number from 1 to 20) to weight it.
    #[arg(long, required = true)]
    pub train: Vec<String>,
    /// Development treebank (CoNLL-U), used to pick the best epochs; repeat for several
    /// (their sentences are pooled).
    #[arg(long, required = true)]
    pub dev: Vec<String>,
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

/// A treebank argument split into its path and weight: `PATH:N` when the part after the last
/// colon is a number and the whole argument is not an existing file, else `PATH` with weight 1.
fn weighted_path(arg: &str) -> Result<(&str, usize)> {
    if let Some((path, n)) = arg.rsplit_once(':') {
        if !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
            && !std::path::Path::new(arg).exists()
        {
            let weight: usize = n
                .parse()
                .with_context(|| format!("--train {arg}: weight {n} is not a number"))?;
            if !(1..=20).contains(&weight) {
                bail!("--train {arg}: the weight must be from 1 to 20, not {weight}");
            }
            return Ok((path, weight));
        }
    }
    Ok((arg, 1))
}

fn read_treebank(path: &str) -> Result<Vec<conllu::Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    conllu::parse(&text).with_context(|| path.to_string())
}

/// Read every treebank argument (with its weight) into one list, in argument order.
fn read_treebanks(args: &[String], weighted: bool) -> Result<Vec<conllu::Sentence>> {
    let mut out = Vec::new();
    for arg in args {
        let (path, weight) = if weighted {
            weighted_path(arg)?
        } else {
            (arg.as_str(), 1)
        };
        let sentences = read_treebank(path)?;
        for _ in 0..weight {
            out.extend(sentences.iter().cloned());
        }
    }
    Ok(out)
}

/// Run `dyad train`; returns the exit status.
pub fn run(args: &TrainArgs) -> Result<i32> {
    let train_set = read_treebanks(&args.train, true)?;
    let dev_set = read_treebanks(&args.dev, false)?;
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
        args.train.join(", "),
        dev_set.len(),
        args.dev.join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_SENTENCES: &str = "# sent_id = doc-1\n1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\twithdrew\twithdraw\tVERB\tVBD\t_\t0\troot\t_\t_\n\n# sent_id = doc-2\n1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn weights_are_read_from_the_last_colon() {
        assert_eq!(weighted_path("a.conllu:3").ok(), Some(("a.conllu", 3)));
        assert_eq!(weighted_path("a.conllu").ok(), Some(("a.conllu", 1)));
        assert_eq!(weighted_path("c:/x.conllu").ok(), Some(("c:/x.conllu", 1)));
        let err = weighted_path("a.conllu:0").expect_err("zero weight");
        assert!(err.to_string().contains("from 1 to 20"), "{err}");
        assert!(weighted_path("a.conllu:21").is_err());
    }

    #[test]
    fn weighted_treebanks_repeat_and_missing_ones_are_named() {
        let dir = std::env::temp_dir().join(format!("dyad-train-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("two.conllu");
        std::fs::write(&path, TWO_SENTENCES).expect("write");
        let p = path.to_string_lossy().to_string();
        let once = read_treebanks(std::slice::from_ref(&p), true).expect("reads");
        assert_eq!(once.len(), 2);
        let thrice = read_treebanks(&[format!("{p}:3"), p.clone()], true).expect("reads");
        assert_eq!(thrice.len(), 8);
        // development sets take no weight: the suffix is part of the (missing) path
        let err = read_treebanks(&[format!("{p}:3")], false).expect_err("no such dev file");
        assert!(format!("{err:#}").contains("two.conllu:3"), "{err:#}");
        let missing = dir.join("missing.conllu").to_string_lossy().to_string();
        let err = read_treebanks(&[missing], true).expect_err("missing");
        assert!(format!("{err:#}").contains("missing.conllu"), "{err:#}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
