//! Score a model file on a gold CoNLL-U file the way `shared/tools/ud_eval.py` does (UPOS,
//! UAS, LAS on the universal label part, punctuation counted) and time it:
//!
//! ```text
//! cargo run --release -p dyad-nlp --example eval -- models/en-ewt.bin GOLD.conllu [--out PRED.conllu]
//! cargo run --release -p dyad-nlp --example eval -- models/en-ewt.bin --speed-text FILE.jsonl
//! ```

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let model_path = args
        .get(1)
        .ok_or("usage: eval MODEL GOLD.conllu | MODEL --speed-text FILE")?;
    let t0 = Instant::now();
    let bytes = std::fs::read(model_path)?;
    let model = dyad_nlp::Model::from_bytes(&bytes)?;
    let load = t0.elapsed().as_secs_f64();
    eprintln!(
        "model {} ({:.2} MB) loaded in {:.1} ms; stats {:?}",
        model.id(),
        bytes.len() as f64 / 1e6,
        load * 1e3,
        model.stats()
    );
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let Some(path) = get("--speed-text") {
        let text = std::fs::read_to_string(&path)?;
        let mut docs = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if line.trim_start().starts_with('{') {
                let v: serde_json::Value = serde_json::from_str(line)?;
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    docs.push(t.to_string());
                }
            } else {
                docs.push(line.to_string());
            }
        }
        let mut sents: Vec<Vec<&str>> = Vec::new();
        for d in &docs {
            let mut cur = Vec::new();
            for t in dyad_nlp::clusters::rough_tokens(d) {
                cur.push(t);
                if matches!(t, "." | "!" | "?") {
                    sents.push(std::mem::take(&mut cur));
                }
            }
            if !cur.is_empty() {
                sents.push(cur);
            }
        }
        let n: usize = sents.iter().map(Vec::len).sum();
        let mut scratch = dyad_nlp::Scratch::default();
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let mut out = String::new();
            for s in &sents {
                let a = model.annotate_with(s, &mut scratch);
                dyad_nlp::conllu::write_analysis(&mut out, &[], s, &a);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{{\"sentences\": {}, \"tokens\": {}, \"tok_s\": {:.0}, \"load_ms\": {:.1}}}",
            sents.len(),
            n,
            n as f64 / best,
            load * 1e3
        );
        return Ok(());
    }
    let gold_path = args.get(2).ok_or("gold file required")?;
    let gold = dyad_nlp::conllu::parse(&std::fs::read_to_string(gold_path)?)?;
    let mut pred = gold.clone();
    let mut scratch = dyad_nlp::Scratch::default();
    let mut best = f64::MAX;
    for _ in 0..3 {
        pred = gold.clone();
        let t = Instant::now();
        for s in pred.iter_mut() {
            model.annotate_sentence(s, &mut scratch);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let (mut n, mut upos, mut xpos, mut uas, mut las, mut lemma) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(&pred) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            n += 1;
            upos += usize::from(gw.upos == pw.upos);
            xpos += usize::from(gw.xpos == pw.xpos);
            lemma += usize::from(gw.lemma == pw.lemma);
            if gw.head.unwrap_or(0) == pw.head.unwrap_or(0) {
                uas += 1;
                las += usize::from(gw.deprel.split(':').next() == pw.deprel.split(':').next());
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!(
        "{{\"words\": {n}, \"upos\": {:.2}, \"xpos\": {:.2}, \"lemma\": {:.2}, \"uas\": {:.2}, \"las\": {:.2}, \"tok_s\": {:.0}}}",
        pct(upos),
        pct(xpos),
        pct(lemma),
        pct(uas),
        pct(las),
        n as f64 / best
    );
    if let Some(out) = get("--out") {
        std::fs::write(out, dyad_nlp::conllu::write(&pred))?;
    }
    Ok(())
}
