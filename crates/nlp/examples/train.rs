//! Train the dyad NLP model (until `dyad train` is wired):
//!
//! ```text
//! cargo run --release -p dyad-nlp --example train -- \
//!   --train ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!   --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!   --unlabeled ../shared/data/news/reuters21578-1mb.jsonl --out models/en-ewt.bin
//! ```
//! `--unlabeled` takes JSONL with a "text" field, or plain text (one paragraph a line).
//! Options: `--tagger-epochs N --parser-epochs N --seed N --folds N --explore P
//! --parser-templates BITS --one-pass --two-pass --parser-prune POINTS --tagger-prune W`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let train_path = get("--train").ok_or("--train FILE required")?;
    let dev_path = get("--dev").ok_or("--dev FILE required")?;
    let out_path = get("--out").ok_or("--out FILE required")?;
    let mut opts = dyad_nlp::TrainOptions::default();
    if let Some(v) = get("--parser-templates") {
        opts.parser_templates = v.parse()?;
    }
    if let Some(v) = get("--tagger-epochs") {
        opts.tagger_epochs = v.parse()?;
    }
    if let Some(v) = get("--parser-epochs") {
        opts.parser_epochs = v.parse()?;
    }
    if let Some(v) = get("--seed") {
        opts.seed = v.parse()?;
    }
    if let Some(v) = get("--folds") {
        opts.jackknife_folds = v.parse()?;
    }
    if let Some(v) = get("--explore") {
        opts.explore = v.parse()?;
    }
    if args.iter().any(|a| a == "--tagger-only") {
        opts.parser_epochs = 0;
        opts.jackknife_folds = 0;
    }
    if let Some(v) = get("--cluster-words") {
        opts.clusters.max_words = v.parse()?;
    }
    if let Some(v) = get("--cluster-min") {
        opts.clusters.min_count = v.parse()?;
    }
    if let Some(v) = get("--parser-prune") {
        opts.parser_prune = v.parse()?;
    }
    if args.iter().any(|a| a == "--two-pass") {
        opts.two_pass_tagger = true;
    }
    if args.iter().any(|a| a == "--one-pass") {
        opts.two_pass_tagger = false;
    }
    if let Some(v) = get("--tagger-prune") {
        opts.tagger_prune = v.parse()?;
    }
    if let Some(path) = get("--unlabeled") {
        let text = std::fs::read_to_string(&path)?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if line.trim_start().starts_with('{') {
                let v: serde_json::Value = serde_json::from_str(line)?;
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    opts.unlabeled.push(t.to_string());
                }
            } else {
                opts.unlabeled.push(line.to_string());
            }
        }
    }
    let read = |p: &str| -> Result<Vec<dyad_nlp::conllu::Sentence>, Box<dyn std::error::Error>> {
        let text = std::fs::read_to_string(p)?;
        dyad_nlp::conllu::parse(&text).map_err(|e| format!("{p}: {e}").into())
    };
    let train = read(&train_path)?;
    let dev = read(&dev_path)?;
    let start = Instant::now();
    let model = dyad_nlp::train(&train, &dev, &opts, &mut |line| {
        eprintln!("[{:7.1}s] {line}", start.elapsed().as_secs_f64());
    })?;
    let bytes = model.to_bytes();
    std::fs::write(&out_path, &bytes)?;
    eprintln!(
        "wrote {out_path}: {:.2} MB, id {}, trained in {:.1}s; stats {:?}",
        bytes.len() as f64 / 1e6,
        model.id(),
        start.elapsed().as_secs_f64(),
        model.stats()
    );
    Ok(())
}
