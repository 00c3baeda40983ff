//! Training a [`Model`] from CoNLL-U treebank sentences: word clusters, tag lexicon,
//! tagger (best epoch on dev), jackknifed tags for the training set, parser trained on those
//! predicted tags with the dynamic oracle (best epoch on dev), and the lemmatizer.
//!
//! Training is deterministic: the same data, options and seed give a byte-identical model.

use crate::clusters::{rough_tokens, ClusterOptions, WordClusters};
use crate::conllu::Sentence;
use crate::error::NlpError;
use crate::hash::hash_str;
use crate::lemma::Lemmatizer;
use crate::lexical::{normalise, Lex, LexBuilder};
use crate::model::Model;
use crate::parser::{projectivize, ArcHybridParser, ParserExample};
use crate::tagger::{Tagger, TaggerExample};
use rustc_hash::FxHashMap;
use std::time::Instant;

/// Options for [`train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Maximum tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Maximum parser epochs (the best on dev is kept).
    pub parser_epochs: usize,
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// Folds for jackknifed training-set tags (the parser trains on predicted tags);
    /// 0 or 1 trains the parser on gold tags.
    pub jackknife_folds: usize,
    /// Probability of following a wrong prediction during parser training (error
    /// exploration, from the second epoch on).
    pub explore: f64,
    /// Raw unlabeled text (paragraphs or documents) for the word clusters, in addition to
    /// the training sentences' words.
    pub unlabeled: Vec<String>,
    /// Word-cluster options.
    pub clusters: ClusterOptions,
    /// Averaged tagger weights smaller than this are dropped (smaller model, faster).
    pub tagger_prune: f64,
    /// Parser weights are pruned (smaller model, faster) as long as the dev score
    /// (UAS + LAS) / 2 drops by at most this many points; 0 disables pruning.
    pub parser_prune: f64,
    /// Train a second tagger pass that also sees the first pass's tags to the right
    /// (slower; small gain).
    pub two_pass_tagger: bool,
    /// Optional parser template groups (bits: [`crate::parser::TEMPLATES_UPOS`],
    /// [`crate::parser::TEMPLATES_AMBIGUITY`], [`crate::parser::TEMPLATES_LOOKAHEAD`]); 0 is
    /// the base set. The default is the lookahead group.
    pub parser_templates: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger_epochs: 8,
            parser_epochs: 14,
            seed: 1,
            jackknife_folds: 5,
            explore: 0.9,
            unlabeled: Vec::new(),
            clusters: ClusterOptions::default(),
            tagger_prune: 0.0,
            parser_prune: 0.5,
            two_pass_tagger: true,
            parser_templates: crate::parser::TEMPLATES_LOOKAHEAD,
        }
    }
}

/// Train a model: tagger, then parser on jackknifed tags, then lemmatizer. `dev` selects
/// the best epoch of each (it may be empty: then the last epoch is kept). `report` gets a
/// line of progress per step and epoch.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    opts: &TrainOptions,
    report: &mut dyn FnMut(&str),
) -> Result<Model, NlpError> {
    let start = Instant::now();
    if train.is_empty() {
        return Err(NlpError::Training("no training sentences".into()));
    }
    for s in train.iter().chain(dev) {
        if s.words.iter().any(|w| w.head.is_none()) {
            return Err(NlpError::Training(format!(
                "sentence {} has a word without HEAD",
                s.sent_id().unwrap_or("(no sent_id)")
            )));
        }
    }
    // Word clusters.
    let unlabeled: Vec<Vec<&str>> = opts.unlabeled.iter().map(|t| rough_tokens(t)).collect();
    let treebank: Vec<Vec<&str>> = train.iter().map(Sentence::forms).collect();
    let clusters = WordClusters::train(treebank.iter().cloned().chain(unlabeled), &opts.clusters);
    report(&format!(
        "clusters: {} words ({:.1}s)",
        clusters.len(),
        start.elapsed().as_secs_f64()
    ));

    // Tag classes, XPOS ids and ambiguity classes.
    let key = |w: &crate::conllu::Word| (w.xpos.clone(), w.upos.clone());
    let mut pairs: Vec<(String, String)> =
        train.iter().flat_map(|s| s.words.iter().map(key)).collect();
    pairs.sort();
    pairs.dedup();
    if pairs.len() > usize::from(u16::MAX) {
        return Err(NlpError::Training("too many (XPOS, UPOS) pairs".into()));
    }
    let class_of: FxHashMap<(&str, &str), u16> = pairs
        .iter()
        .enumerate()
        .map(|(i, (x, u))| ((x.as_str(), u.as_str()), i as u16))
        .collect();
    let mut xpos_list: Vec<&str> = pairs.iter().map(|(x, _)| x.as_str()).collect();
    xpos_list.dedup();
    let xpos_bit: FxHashMap<&str, u64> = xpos_list
        .iter()
        .enumerate()
        .map(|(i, x)| (*x, 1u64 << (i % 64)))
        .collect();
    let mut word_counts: FxHashMap<u64, (u32, u64)> = FxHashMap::default();
    let mut buf = String::new();
    for s in train {
        for w in &s.words {
            normalise(&w.form, &mut buf);
            let e = word_counts.entry(hash_str(&buf)).or_insert((0, 0));
            e.0 += 1;
            e.1 |= xpos_bit.get(w.xpos.as_str()).copied().unwrap_or(0);
        }
    }
    let ambiguity: FxHashMap<u64, u64> = word_counts
        .into_iter()
        .filter(|(_, (c, _))| *c >= 5)
        .map(|(k, (_, m))| (k, m))
        .collect();

    // Labels.
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    labels.push("root".into());
    labels.sort();
    labels.dedup();
    if 1 + 2 * labels.len() > 256 {
        return Err(NlpError::Training(format!(
            "too many dependency labels ({})",
            labels.len()
        )));
    }
    let label_of: FxHashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();

    // Word atoms.
    let mut builder = LexBuilder::default();
    let mut lex_of = |s: &Sentence| -> Vec<Lex> {
        s.words
            .iter()
            .enumerate()
            .map(|(i, w)| builder.lex(&w.form, i, &clusters, &ambiguity))
            .collect()
    };
    let to_tagger = |s: &Sentence, lex: Vec<Lex>| TaggerExample {
        lex,
        first: Vec::new(),
        tags: s
            .words
            .iter()
            .map(|w| {
                class_of
                    .get(&(w.xpos.as_str(), w.upos.as_str()))
                    .copied()
                    .unwrap_or(0)
            })
            .collect(),
    };
    let train_tag: Vec<TaggerExample> = train.iter().map(|s| to_tagger(s, lex_of(s))).collect();
    let dev_tag: Vec<TaggerExample> = dev.iter().map(|s| to_tagger(s, lex_of(s))).collect();

    // Tagger: first pass, jackknifed first-pass tags, second pass, jackknifed final tags.
    let folds = opts.jackknife_folds;
    let (first, e1) = Tagger::train(
        pairs.clone(),
        &train_tag,
        &dev_tag,
        opts.tagger_epochs,
        opts.seed,
        opts.tagger_prune,
        report,
    );
    let (mut tag_dev, mut upos_dev) = first.accuracy(&dev_tag);
    report(&format!(
        "tagger pass 1: best epoch {e1}, dev tag {:.2}% UPOS {:.2}% ({:.1}s)",
        100.0 * tag_dev,
        100.0 * upos_dev,
        start.elapsed().as_secs_f64()
    ));
    // Folds hold whole documents (`sent_id` up to its last `-`), so that held-out tags are
    // as good as on unseen text: interleaved sentences of one document leak names and
    // topics into the fold's tagger and make the parser over-trust its tags. A document
    // that appears more than once (a weighted treebank read twice) keeps its first number,
    // so its copies never sit on both sides of a fold.
    let mut doc_index = Vec::with_capacity(train.len());
    let mut doc_numbers: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut next_doc = 0usize;
    let mut doc = 0usize;
    let mut last_doc: Option<&str> = None;
    for s in train {
        let id = s
            .sent_id()
            .map(|d| d.rsplit_once('-').map_or(d, |(a, _)| a));
        if id.is_none() || id != last_doc {
            next_doc += 1;
            doc = match id {
                Some(name) => *doc_numbers.entry(name).or_insert(next_doc),
                None => next_doc,
            };
        }
        last_doc = id;
        doc_index.push(doc);
    }
    let fold_of = |i: usize| {
        if folds > 1 {
            doc_index.get(i).copied().unwrap_or(i) % folds
        } else {
            0
        }
    };
    let mut train_pred: Vec<Vec<u16>> = train_tag.iter().map(|e| e.tags.clone()).collect();
    let mut tagger = first.clone();
    if folds > 1 && !opts.two_pass_tagger {
        let mut out = Vec::new();
        for f in 0..folds {
            let rest: Vec<TaggerExample> = train_tag
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) != f)
                .map(|(_, e)| e.clone())
                .collect();
            let (t, _) = Tagger::train(
                pairs.clone(),
                &rest,
                &[],
                e1,
                opts.seed.wrapping_add(f as u64 + 1),
                opts.tagger_prune,
                &mut |_| {},
            );
            let (mut ok, mut total) = (0usize, 0usize);
            for (i, e) in train_tag
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == f)
            {
                t.tag(&e.lex, &mut out);
                ok += out.iter().zip(&e.tags).filter(|(a, b)| a == b).count();
                total += out.len();
                train_pred[i] = out.clone();
            }
            report(&format!(
                "jackknife fold {}/{}: held-out tag accuracy {:.2}% ({:.1}s)",
                f + 1,
                folds,
                100.0 * ok as f64 / total.max(1) as f64,
                start.elapsed().as_secs_f64()
            ));
        }
    }
    if folds > 1 && opts.two_pass_tagger {
        // Jackknifed first-pass tags of the training set.
        let mut out = Vec::new();
        let mut train2 = train_tag.clone();
        for f in 0..folds {
            let rest: Vec<TaggerExample> = train_tag
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) != f)
                .map(|(_, e)| e.clone())
                .collect();
            let (t, _) = Tagger::train(
                pairs.clone(),
                &rest,
                &[],
                e1,
                opts.seed.wrapping_add(f as u64 + 1),
                opts.tagger_prune,
                &mut |_| {},
            );
            for (i, e) in train2
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == f)
            {
                t.tag(&train_tag[i].lex, &mut out);
                e.first = out.clone();
            }
        }
        let mut dev2 = dev_tag.clone();
        for e in dev2.iter_mut() {
            first.tag(&e.lex, &mut out);
            e.first = out.clone();
        }
        let (second, e2) = Tagger::train(
            pairs.clone(),
            &train2,
            &dev2,
            opts.tagger_epochs,
            opts.seed ^ 0x2,
            opts.tagger_prune,
            report,
        );
        tagger = first.clone().with_second_pass(second);
        (tag_dev, upos_dev) = tagger.accuracy(&dev_tag);
        report(&format!(
            "tagger pass 2: best epoch {e2}, dev tag {:.2}% UPOS {:.2}% ({:.1}s)",
            100.0 * tag_dev,
            100.0 * upos_dev,
            start.elapsed().as_secs_f64()
        ));
        // Jackknifed two-pass tags for the parser's training set.
        for f in 0..folds {
            let rest: Vec<TaggerExample> = train2
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) != f)
                .map(|(_, e)| e.clone())
                .collect();
            let (t2, _) = Tagger::train(
                pairs.clone(),
                &rest,
                &[],
                e2,
                opts.seed.wrapping_add(f as u64 + 101),
                opts.tagger_prune,
                &mut |_| {},
            );
            let (mut ok, mut total) = (0usize, 0usize);
            for (i, e) in train2.iter().enumerate().filter(|(i, _)| fold_of(*i) == f) {
                // `e.first` came from a first pass that did not see fold f.
                t2.tag_second(&e.lex, &e.first, &mut out);
                ok += out.iter().zip(&e.tags).filter(|(a, b)| a == b).count();
                total += out.len();
                train_pred[i] = out.clone();
            }
            report(&format!(
                "jackknife fold {}/{}: held-out tag accuracy {:.2}% ({:.1}s)",
                f + 1,
                folds,
                100.0 * ok as f64 / total.max(1) as f64,
                start.elapsed().as_secs_f64()
            ));
        }
    }

    // Parser.
    let to_parser = |s: &Sentence, e: &TaggerExample, tags: Vec<u16>, lift: bool| {
        let n = s.words.len() as u32;
        let mut heads: Vec<u32> = s
            .words
            .iter()
            .map(|w| match w.head {
                Some(0) | None => n,
                Some(h) => h as u32 - 1,
            })
            .collect();
        if lift {
            projectivize(&mut heads);
        }
        ParserExample {
            lex: e.lex.clone(),
            tags,
            heads,
            labels: s
                .words
                .iter()
                .map(|w| label_of.get(w.deprel.as_str()).copied().unwrap_or(0))
                .collect(),
        }
    };
    let train_parse: Vec<ParserExample> = train
        .iter()
        .zip(&train_tag)
        .zip(train_pred)
        .map(|((s, e), tags)| to_parser(s, e, tags, true))
        .collect();
    let mut dev_parse = Vec::with_capacity(dev.len());
    let mut out = Vec::new();
    for (s, e) in dev.iter().zip(&dev_tag) {
        tagger.tag(&e.lex, &mut out);
        dev_parse.push(to_parser(s, e, out.clone(), false));
    }
    let mut upos_list: Vec<&str> = pairs.iter().map(|(_, u)| u.as_str()).collect();
    upos_list.sort_unstable();
    upos_list.dedup();
    let upos_of: Vec<u16> = pairs
        .iter()
        .map(|(_, u)| upos_list.iter().position(|x| x == u).unwrap_or(0) as u16)
        .collect();
    let (parser, (uas, las)) = ArcHybridParser::train(
        labels.clone(),
        upos_of,
        opts.parser_templates,
        &train_parse,
        &dev_parse,
        opts.parser_epochs,
        opts.seed,
        opts.explore,
        opts.parser_prune,
        report,
    );
    report(&format!(
        "parser: dev UAS {:.2}% LAS {:.2}% ({:.1}s)",
        100.0 * uas,
        100.0 * las,
        start.elapsed().as_secs_f64()
    ));

    let unlabeled_words = opts
        .unlabeled
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.len() > 1);
    let lemmatizer = Lemmatizer::train(
        train.iter().flat_map(|s| {
            s.words
                .iter()
                .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
        }),
        unlabeled_words,
    );
    let description = format!(
        "dyad-nlp model: {} training sentences, {} dev sentences; tagger epochs {}, parser epochs {}, seed {}, \
         jackknife folds {}; dev UPOS {:.2} UAS {:.2} LAS {:.2} (LAS on full labels)",
        train.len(),
        dev.len(),
        opts.tagger_epochs,
        opts.parser_epochs,
        opts.seed,
        folds,
        100.0 * upos_dev,
        100.0 * uas,
        100.0 * las
    );
    let model = Model {
        description,
        clusters,
        ambiguity,
        tagger,
        lemmatizer,
        parser,
        id: String::new(),
    };
    let model = Model::from_bytes(&model.to_bytes())?;
    report(&format!(
        "done in {:.1}s, model {}",
        start.elapsed().as_secs_f64(),
        model.id()
    ));
    Ok(model)
}
