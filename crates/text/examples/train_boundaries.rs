//! Train the sentence-boundary model of `dyad_text::boundary` on UD English EWT.
//!
//! usage: `train_boundaries TRAIN.conllu DEV.conllu OUT.bin [EPOCHS]`
//!
//! Documents are rebuilt as in `/work/shared/tools/ewt.py` (paragraphs from `# newpar` and
//! `# newdoc`, a paragraph's sentences joined by one space), tokenized by dyad, and every gap
//! between two tokens of a paragraph is an example labelled by whether a gold sentence starts
//! there. An averaged perceptron is trained in a fixed order; after each epoch the dev
//! boundary precision, recall and F1 are printed and the best epoch is kept. The add and veto
//! thresholds are then tuned for dev sentence F1 through the real pipeline (clean, tokenize,
//! split). Only TRAIN and DEV are read.

use std::collections::HashSet;
use std::process::ExitCode;

use dyad_core::{BlockKind, DocumentMeta, Token};
use dyad_text::boundary::{each_gap, BoundaryModel, Infos, Perceptron, N_FEATURES};
use dyad_text::split::{rule_sentences, split_sentences_with};
use dyad_text::tokenize::tokenize;
use dyad_text::{clean, TextRules};

struct Doc {
    id: String,
    paras: Vec<Vec<String>>,
}

fn read_conllu(path: &str) -> Result<Vec<Doc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut docs: Vec<Doc> = Vec::new();
    let mut doc_id = String::new();
    let (mut sent_text, mut newpar, mut has_words, mut new_doc) =
        (String::new(), false, false, false);
    let mut flush = |sent_text: &mut String,
                     newpar: &mut bool,
                     has_words: &mut bool,
                     new_doc: &mut bool,
                     doc_id: &str| {
        if *has_words {
            if *new_doc || docs.last().is_none_or(|d| d.id != doc_id) {
                docs.push(Doc {
                    id: doc_id.to_string(),
                    paras: vec![Vec::new()],
                });
            }
            if let Some(d) = docs.last_mut() {
                if *newpar && d.paras.last().is_some_and(|p| !p.is_empty()) {
                    d.paras.push(Vec::new());
                }
                if let Some(p) = d.paras.last_mut() {
                    p.push(std::mem::take(sent_text));
                }
            }
        }
        sent_text.clear();
        *newpar = false;
        *has_words = false;
        *new_doc = false;
    };
    for line in text.lines() {
        if line.is_empty() {
            flush(
                &mut sent_text,
                &mut newpar,
                &mut has_words,
                &mut new_doc,
                &doc_id,
            );
        } else if let Some(rest) = line.strip_prefix("# newdoc") {
            doc_id = rest
                .split_once('=')
                .map_or(line, |(_, v)| v)
                .trim()
                .to_string();
            newpar = true;
        } else if line.starts_with("# newpar") {
            newpar = true;
        } else if let Some(rest) = line.strip_prefix("# text =") {
            sent_text = rest.trim().to_string();
        } else if !line.starts_with('#') {
            has_words = true;
        }
    }
    flush(
        &mut sent_text,
        &mut newpar,
        &mut has_words,
        &mut new_doc,
        &doc_id,
    );
    Ok(docs)
}

/// Gap examples of all paragraphs: (features, label); and per paragraph the index range.
fn examples(docs: &[Doc], rules: &TextRules) -> Vec<([u32; N_FEATURES], bool)> {
    let mut out = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    for d in docs {
        for p in &d.paras {
            let text = p.join(" ");
            let mut starts = HashSet::new();
            let mut at = 0;
            for s in p {
                starts.insert(at);
                at += s.len() + 1;
            }
            tokens.clear();
            tokenize(&text, 0, rules, &mut tokens);
            let mut rule_start = vec![false; tokens.len()];
            for r in rule_sentences(&tokens, &text, rules) {
                if let Some(x) = rule_start.get_mut(r.start) {
                    *x = true;
                }
            }
            let mut infos = Infos::new(&tokens, &text, rules);
            each_gap(
                &mut infos,
                &rule_start,
                |_, _| true,
                |i, f, _| {
                    out.push((*f, starts.contains(&tokens[i].span.start)));
                },
            );
        }
    }
    out
}

fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred > 0 {
        tp as f64 / pred as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Dev sentence F1 through the real pipeline, computed like `seg_eval.py`.
fn sentence_f1(docs: &[Doc], rules: &TextRules, model: Option<&BoundaryModel>) -> f64 {
    let (mut gold_n, mut pred_n, mut tp) = (0, 0, 0);
    let mut tokens = Vec::new();
    for d in docs {
        let raw: Vec<String> = d.paras.iter().map(|p| p.join(" ")).collect();
        let raw = raw.join("\n\n");
        let c = clean::clean(DocumentMeta::default(), &raw, rules);
        let mut pred = HashSet::new();
        for block in &c.blocks {
            tokens.clear();
            tokenize(
                block.span.slice(&c.text).unwrap_or(""),
                block.span.start,
                rules,
                &mut tokens,
            );
            if tokens.is_empty() {
                continue;
            }
            let ranges = match block.kind {
                BlockKind::Heading => std::iter::once(0..tokens.len()).collect(),
                BlockKind::Paragraph => split_sentences_with(&tokens, &c.text, rules, model),
            };
            for r in ranges {
                let (s, e) = (tokens[r.start].span.start, tokens[r.end - 1].span.end);
                pred.insert(squash(c.text.get(s..e).unwrap_or("")));
            }
        }
        let gold: Vec<String> = d.paras.iter().flatten().map(|s| squash(s)).collect();
        gold_n += gold.len();
        pred_n += pred.len();
        let gold: HashSet<String> = gold.into_iter().collect();
        tp += gold.intersection(&pred).count();
    }
    prf(tp, pred_n, gold_n).2
}

/// Sentences of every paragraph of `texts` (pipeline: clean, tokenize, split).
fn pipeline_sentences(
    texts: &[String],
    rules: &TextRules,
    model: Option<&BoundaryModel>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    for raw in texts {
        let c = clean::clean(DocumentMeta::default(), raw, rules);
        for block in c.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            tokens.clear();
            tokenize(
                block.span.slice(&c.text).unwrap_or(""),
                block.span.start,
                rules,
                &mut tokens,
            );
            for r in split_sentences_with(&tokens, &c.text, rules, model) {
                let (s, e) = (tokens[r.start].span.start, tokens[r.end - 1].span.end);
                out.push(c.text.get(s..e).unwrap_or("").to_string());
            }
        }
    }
    out
}

/// `--check NEWS.jsonl MODEL.bin`: news sentences the model changes, and the split's speed.
fn check(news: &str, model_path: &str) -> Result<(), String> {
    let rules = TextRules::bundled();
    let bytes = std::fs::read(model_path).map_err(|e| format!("{model_path}: {e}"))?;
    let mut model = BoundaryModel::parse(&bytes).map_err(|e| e.to_string())?;
    let data = std::fs::read_to_string(news).map_err(|e| format!("{news}: {e}"))?;
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let rule_only: HashSet<String> = pipeline_sentences(&texts, rules, None)
        .into_iter()
        .collect();
    let chosen = model.add_threshold;
    for add in [chosen, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 16.0, 20.0] {
        model.add_threshold = add;
        let changed: Vec<String> = pipeline_sentences(&texts, rules, Some(&model))
            .into_iter()
            .filter(|s| !rule_only.contains(s))
            .collect();
        println!("add {add}: {} news sentences changed", changed.len());
        if add == chosen {
            for s in &changed {
                println!("  | {s}");
            }
        }
    }
    model.add_threshold = chosen;
    let mb = data.len() as f64 / 1e6;
    for (name, m) in [("rules", None), ("model", Some(&model))] {
        let t = std::time::Instant::now();
        let n = pipeline_sentences(&texts, rules, m).len();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name}: {n} sentences, clean+tokenize+split {:.1} MB/s",
            mb / secs
        );
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, news, model] = args.as_slice() {
        if flag == "--check" {
            return check(news, model);
        }
    }
    let [_, train, dev, out, rest @ ..] = args.as_slice() else {
        return Err("usage: train_boundaries TRAIN.conllu DEV.conllu OUT.bin [EPOCHS]".into());
    };
    let epochs: usize = match rest.first() {
        Some(e) => e.parse().map_err(|_| format!("bad epoch count {e:?}"))?,
        None => 12,
    };
    let rules = TextRules::bundled();
    let train_docs = read_conllu(train)?;
    let dev_docs = read_conllu(dev)?;
    let train_ex = examples(&train_docs, rules);
    let dev_ex = examples(&dev_docs, rules);
    let dev_gold = dev_ex.iter().filter(|e| e.1).count();
    println!(
        "train: {} gaps ({} boundaries); dev: {} gaps ({} boundaries)",
        train_ex.len(),
        train_ex.iter().filter(|e| e.1).count(),
        dev_ex.len(),
        dev_gold
    );
    println!(
        "rules alone: dev sentence F1 {:.4}",
        sentence_f1(&dev_docs, rules, None)
    );
    let mut order: Vec<usize> = (0..train_ex.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut perceptron = Perceptron::default();
    let mut best: Option<(f64, usize, Vec<f32>)> = None;
    for epoch in 1..=epochs {
        // Fisher–Yates with a fixed xorshift seed: deterministic
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (f, y) = &train_ex[k];
            perceptron.learn(f, *y);
        }
        let weights = perceptron.averaged(0.0);
        let model = BoundaryModel::from_weights(weights, 0.0, 0.0).map_err(|e| e.to_string())?;
        let (mut tp, mut pred) = (0, 0);
        for (f, y) in &dev_ex {
            if model.score(f) > 0.0 {
                pred += 1;
                tp += usize::from(*y);
            }
        }
        let (p, r, f) = prf(tp, pred, dev_gold);
        println!("epoch {epoch:2}: dev boundary P {p:.4} R {r:.4} F {f:.4}");
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, epoch, perceptron.averaged(0.0)));
        }
    }
    let Some((best_f, best_epoch, weights)) = best else {
        return Err("no epochs".into());
    };
    println!("best epoch {best_epoch} (dev boundary F {best_f:.4})");
    // prune tiny weights to keep the file small
    let prune = 0.05f32;
    let weights: Vec<f32> = weights
        .into_iter()
        .map(|w| if w.abs() < prune { 0.0 } else { w })
        .collect();
    let mut model = BoundaryModel::from_weights(weights, 0.0, 0.0).map_err(|e| e.to_string())?;
    // News safety: below this the model splits news prose at capitalised names
    // ("AM || International", "833,334 || Schult Homes"); see `--check`.
    const MIN_ADD: f32 = 8.0;
    let mut best_t = (-1.0f64, 0.0f32, 0.0f32);
    let grid = [0.0f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 1e30];
    for &add in &grid {
        for &veto in &grid {
            model.add_threshold = add;
            model.veto_threshold = veto;
            let f = sentence_f1(&dev_docs, rules, Some(&model));
            println!("add {add:>6} veto {veto:>6}: dev sentence F1 {f:.4}");
            if add >= MIN_ADD && f > best_t.0 + 1e-9 {
                best_t = (f, add, veto);
            }
        }
    }
    let (f, add, veto) = best_t;
    model.add_threshold = add;
    model.veto_threshold = veto;
    println!("chosen: add {add} veto {veto}: dev sentence F1 {f:.4}");
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!("wrote {out} ({} bytes)", bytes.len());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_boundaries: {e}");
            ExitCode::FAILURE
        }
    }
}
