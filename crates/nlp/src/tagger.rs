//! [`Tagger`]: a greedy left-to-right averaged-perceptron tagger that predicts the
//! (XPOS, UPOS) pair of each word jointly, as one class.
//!
//! Features are the word, its lowercase form, prefixes and suffixes, shape and spelling
//! flags, its cluster path prefixes and ambiguity class, the same for neighbours up to two
//! words away, and the two previously predicted tags. Frequent words that almost always
//! carry the same tag are tagged from a dictionary without scoring.

use crate::binio::{ByteReader, ByteWriter};
use crate::error::ModelErrorKind;
use crate::hash::{feat, SplitMix64};
use crate::lexical::{Lex, PAD_AFTER, PAD_BEFORE};
use crate::table::{FeatureTable, Perceptron};
use rustc_hash::FxHashMap;

/// A greedy averaged-perceptron tagger over joint (XPOS, UPOS) classes.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    /// Class index → (XPOS, UPOS).
    pub classes: Vec<(String, String)>,
    /// One table per pass: the first pass sees tags to the left, the second (if any) also
    /// the first pass's tags to the right.
    tables: Vec<FeatureTable>,
    dictionary: FxHashMap<u64, u16>,
    /// What each class is to the clause repair of [`Tagger::repair_finite`] (derived).
    kinds: Vec<ClassKind>,
    /// The class of a past-tense verb (XPOS VBD, UPOS VERB), if the tag set has one.
    past: Option<u16>,
}

/// The role of a tag class in the clause repair of [`Tagger::repair_finite`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassKind {
    Finite,
    Nominal,
    Participle,
    Wh,
    ObjectStart,
    FinalPunct,
    Hyphen,
    Particle,
    Other,
}

fn class_kinds(classes: &[(String, String)]) -> Vec<ClassKind> {
    classes
        .iter()
        .map(|(x, _)| match x.as_str() {
            "VBD" | "VBZ" | "VBP" | "MD" => ClassKind::Finite,
            "NN" | "NNS" | "NNP" | "NNPS" | "PRP" => ClassKind::Nominal,
            "VBN" => ClassKind::Participle,
            "WP" | "WDT" | "WRB" => ClassKind::Wh,
            "DT" | "JJ" | "JJR" | "JJS" | "CD" | "PRP$" => ClassKind::ObjectStart,
            "." => ClassKind::FinalPunct,
            "HYPH" => ClassKind::Hyphen,
            "RP" => ClassKind::Particle,
            _ => ClassKind::Other,
        })
        .collect()
}

fn past_class(classes: &[(String, String)]) -> Option<u16> {
    classes
        .iter()
        .position(|(x, u)| x == "VBD" && u == "VERB")
        .map(|p| p as u16)
}

/// Reusable buffers for [`Tagger::tag_with`].
#[derive(Debug, Default)]
pub struct TagBuffers {
    first: Vec<u16>,
    feats: Vec<u64>,
    scores: Vec<i32>,
}

/// One training sentence for the tagger: word atoms and gold classes.
#[derive(Debug, Clone)]
pub struct TaggerExample {
    /// Atoms of each word.
    pub lex: Vec<Lex>,
    /// Gold class of each word.
    pub tags: Vec<u16>,
    /// First-pass predicted classes (training a second pass only; else empty).
    pub first: Vec<u16>,
}

/// Number of feature templates the tagger uses.
pub const TAGGER_FEATURES: usize = 67;

const EXTRA: bool = false;

#[inline]
fn tagger_features(lex: &[Lex], i: usize, p1: u64, p2: u64, first: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> &Lex {
        let j = i as isize + k;
        if j < 0 {
            &PAD_BEFORE
        } else {
            lex.get(j as usize).unwrap_or(&PAD_AFTER)
        }
    };
    let w = at(0);
    let (l1, l2, r1, r2) = (at(-1), at(-2), at(1), at(2));
    let t = |n: u64, atoms: &[u64]| feat(n, atoms);
    out.extend_from_slice(&[
        t(0, &[]),
        t(1, &[w.form]),
        t(2, &[w.lower]),
        t(3, &[w.prefix[0]]),
        t(4, &[w.prefix[1]]),
        t(5, &[w.prefix[2]]),
        t(6, &[w.suffix[0]]),
        t(7, &[w.suffix[1]]),
        t(8, &[w.suffix[2]]),
        t(9, &[w.suffix[3]]),
        t(10, &[w.shape]),
        t(11, &[w.flags]),
        t(12, &[l1.lower]),
        t(13, &[r1.lower]),
        t(14, &[l2.lower]),
        t(15, &[r2.lower]),
        t(16, &[l1.suffix[2]]),
        t(17, &[r1.suffix[2]]),
        t(18, &[p1]),
        t(19, &[p2, p1]),
        t(20, &[p1, w.lower]),
        t(21, &[l1.lower, w.lower]),
        t(22, &[w.lower, r1.lower]),
        t(23, &[w.cluster_prefix(4)]),
        t(24, &[w.cluster_prefix(6)]),
        t(25, &[w.cluster_prefix(10)]),
        t(26, &[w.cluster_prefix(32)]),
        t(27, &[l1.cluster_prefix(32)]),
        t(28, &[r1.cluster_prefix(32)]),
        t(29, &[r1.cluster_prefix(6)]),
        t(30, &[r1.shape]),
        t(31, &[l1.shape]),
        t(32, &[w.ambiguity]),
        t(33, &[r1.ambiguity]),
        t(34, &[r2.ambiguity]),
        t(35, &[p1, r1.ambiguity]),
        t(36, &[p1, w.suffix[2]]),
        t(37, &[r1.lower, r2.lower]),
        t(38, &[l2.lower, l1.lower]),
        t(39, &[p2]),
        t(40, &[p1, w.cluster_prefix(32)]),
        t(41, &[w.ambiguity, r1.ambiguity]),
        t(42, &[w.shape, r1.shape, l1.shape]),
        t(43, &[r1.suffix[1]]),
    ]);
    if EXTRA {
        out.extend_from_slice(&[
            t(45, &[p1, r1.lower]),
            t(48, &[w.ambiguity, p1]),
            t(49, &[r1.ambiguity, r2.ambiguity]),
        ]);
    }
    if !first.is_empty() {
        let tag_at = |k: usize| first.get(i + k).map_or(PAD2 + 7, |&c| u64::from(c));
        let (f1, f2) = (tag_at(1), tag_at(2));
        out.extend_from_slice(&[
            t(60, &[f1]),
            t(61, &[f1, f2]),
            t(62, &[p1, f1]),
            t(63, &[f1, w.lower]),
            t(64, &[p1, f1, w.suffix[1]]),
            t(65, &[tag_at(0)]),
            t(66, &[p1, tag_at(0), f1]),
        ]);
    }
}

const PAD1: u64 = 0xffff_0001;
const PAD2: u64 = 0xffff_0002;

impl Tagger {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// The feature tables, one per pass (for statistics).
    pub fn tables(&self) -> &[FeatureTable] {
        &self.tables
    }

    /// This tagger's first pass followed by `second`'s (a table trained with first-pass
    /// tags, see [`TaggerExample::first`]).
    pub fn with_second_pass(mut self, second: Tagger) -> Tagger {
        self.tables.truncate(1);
        self.tables.extend(second.tables.into_iter().take(1));
        self
    }

    /// Tag a sentence given its word atoms; `out` receives one class per word.
    pub fn tag(&self, lex: &[Lex], out: &mut Vec<u16>) {
        self.tag_with(lex, out, &mut TagBuffers::default());
    }

    /// [`Tagger::tag`] reusing the buffers in `buf`.
    pub fn tag_with(&self, lex: &[Lex], out: &mut Vec<u16>, buf: &mut TagBuffers) {
        buf.first.clear();
        for (k, table) in self.tables.iter().enumerate() {
            if k > 0 {
                std::mem::swap(&mut buf.first, out);
            }
            self.tag_pass(table, lex, &buf.first, out, &mut buf.feats, &mut buf.scores);
        }
    }

    /// A full sentence (ending in `.`) with no finite verb whose first participle directly
    /// follows a noun and is followed by the start of an object ("Israeli warplanes struck
    /// targets ...") is a past-tense clause: that participle becomes VBD. Finite verbs after
    /// a wh-word (relative clauses) do not count. News prose is made of such clauses; the
    /// treebank's web fragments rarely are, so the statistical tagger alone under-predicts it.
    /// Applied when annotating, never to the tags that training sees.
    pub fn repair_finite(&self, tags: &mut [u16]) {
        let Some(past) = self.past else { return };
        let kind = |t: u16| {
            self.kinds
                .get(usize::from(t))
                .copied()
                .unwrap_or(ClassKind::Other)
        };
        let n = tags.len();
        if n < 4 || kind(tags[n - 1]) != ClassKind::FinalPunct {
            return;
        }
        let mut candidate = None;
        let mut relative = false;
        for i in 0..n {
            match kind(tags[i]) {
                ClassKind::Finite if !relative => return,
                ClassKind::Wh => relative = true,
                // "U.S.-led", "Iran-backed": a compound modifier, not a clause's verb.
                ClassKind::Participle if i > 0 && kind(tags[i - 1]) == ClassKind::Hyphen => {}
                ClassKind::Participle if candidate.is_none() && i > 0 && i + 1 < n => {
                    // the object may follow a particle ("stepped up security")
                    let next = if kind(tags[i + 1]) == ClassKind::Particle {
                        i + 2
                    } else {
                        i + 1
                    };
                    if kind(tags[i - 1]) == ClassKind::Nominal
                        && next < n
                        && matches!(
                            kind(tags[next]),
                            ClassKind::Nominal | ClassKind::ObjectStart
                        )
                    {
                        candidate = Some(i);
                    } else {
                        // The first participle decides; a later one is not the clause's verb.
                        return;
                    }
                }
                _ => {}
            }
        }
        if let Some(i) = candidate {
            tags[i] = past;
        }
    }

    /// Tag with the last pass only, given first-pass tags (for jackknifing a second pass).
    pub fn tag_second(&self, lex: &[Lex], first: &[u16], out: &mut Vec<u16>) {
        if let Some(table) = self.tables.last() {
            self.tag_pass(table, lex, first, out, &mut Vec::new(), &mut Vec::new());
        }
    }

    fn tag_pass(
        &self,
        table: &FeatureTable,
        lex: &[Lex],
        first: &[u16],
        out: &mut Vec<u16>,
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
    ) {
        out.clear();
        scores.clear();
        scores.resize(self.classes.len(), 0);
        let (mut p1, mut p2) = (PAD1, PAD2);
        for (i, w) in lex.iter().enumerate() {
            let class = match self.dictionary.get(&w.form) {
                Some(&c) => c,
                None => {
                    tagger_features(lex, i, p1, p2, first, feats);
                    scores.iter_mut().for_each(|s| *s = 0);
                    table.add_scores(feats, scores);
                    argmax(scores) as u16
                }
            };
            out.push(class);
            p2 = p1;
            p1 = u64::from(class);
        }
    }

    /// Train a one-pass tagger (or, when the examples carry [`TaggerExample::first`], the
    /// table of a second pass); `dev` (may be empty) selects the best epoch, whose averaged
    /// weights are kept. `report` receives a line per epoch. Returns the tagger and its
    /// best epoch (1-based).
    pub fn train(
        classes: Vec<(String, String)>,
        train: &[TaggerExample],
        dev: &[TaggerExample],
        epochs: usize,
        seed: u64,
        prune: f64,
        report: &mut dyn FnMut(&str),
    ) -> (Tagger, usize) {
        let n = classes.len();
        let dictionary = build_dictionary(train, n);
        let mut model = Perceptron::new(n);
        let mut rng = SplitMix64::new(seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut feats = Vec::with_capacity(TAGGER_FEATURES);
        let mut scores = vec![0i32; n];
        let mut best: Option<(Tagger, f64, usize)> = None;
        for epoch in 0..epochs.max(1) {
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &s in &order {
                let ex = &train[s];
                let (mut p1, mut p2) = (PAD1, PAD2);
                for i in 0..ex.lex.len() {
                    let gold = ex.tags[i] as usize;
                    let guess = match dictionary.get(&ex.lex[i].form) {
                        Some(&c) => c as usize,
                        None => {
                            tagger_features(&ex.lex, i, p1, p2, &ex.first, &mut feats);
                            scores.iter_mut().for_each(|s| *s = 0);
                            model.add_scores(&feats, &mut scores);
                            let g = argmax(&scores);
                            model.tick();
                            model.update(gold, g, &feats);
                            g
                        }
                    };
                    correct += usize::from(guess == gold);
                    total += 1;
                    p2 = p1;
                    p1 = guess as u64;
                }
            }
            if dev.is_empty() && epoch + 1 < epochs.max(1) {
                continue;
            }
            let tagger = Tagger {
                classes: classes.clone(),
                tables: vec![model.averaged(prune)],
                dictionary: dictionary.clone(),
                kinds: class_kinds(&classes),
                past: past_class(&classes),
            };
            let (dev_acc, dev_upos) = if dev.is_empty() {
                (correct as f64 / total.max(1) as f64, 0.0)
            } else {
                tagger.accuracy(dev)
            };
            report(&format!(
                "tagger epoch {}: train {:.2}% dev {:.2}% UPOS {:.2}% ({} features)",
                epoch + 1,
                100.0 * correct as f64 / total.max(1) as f64,
                100.0 * dev_acc,
                100.0 * dev_upos,
                tagger.tables[0].n_features()
            ));
            let better = match &best {
                Some((_, b, _)) => dev_acc + dev_upos > *b,
                None => true,
            };
            if better {
                best = Some((tagger, dev_acc + dev_upos, epoch + 1));
            }
        }
        match best {
            Some((t, _, e)) => (t, e),
            None => (
                Tagger {
                    kinds: class_kinds(&classes),
                    past: past_class(&classes),
                    classes,
                    tables: vec![model.averaged(prune)],
                    dictionary,
                },
                epochs,
            ),
        }
    }

    /// Fraction of words whose class is right, and whose UPOS is right.
    pub fn accuracy(&self, sents: &[TaggerExample]) -> (f64, f64) {
        let (mut correct, mut upos, mut total) = (0usize, 0usize, 0usize);
        let mut out = Vec::new();
        for ex in sents {
            if ex.first.is_empty() {
                self.tag(&ex.lex, &mut out);
            } else if let Some(table) = self.tables.last() {
                self.tag_pass(
                    table,
                    &ex.lex,
                    &ex.first,
                    &mut out,
                    &mut Vec::new(),
                    &mut Vec::new(),
                );
            }
            for (&p, &g) in out.iter().zip(&ex.tags) {
                correct += usize::from(p == g);
                let pu = self.classes.get(usize::from(p)).map(|c| &c.1);
                let gu = self.classes.get(usize::from(g)).map(|c| &c.1);
                upos += usize::from(pu == gu);
            }
            total += ex.tags.len();
        }
        (
            correct as f64 / total.max(1) as f64,
            upos as f64 / total.max(1) as f64,
        )
    }

    /// Serialise into a model file.
    pub fn write(&self, w: &mut ByteWriter) {
        w.len(self.classes.len());
        for (x, u) in &self.classes {
            w.str(x);
            w.str(u);
        }
        let mut dict: Vec<(u64, u16)> = self.dictionary.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.len(dict.len());
        for (k, v) in dict {
            w.u64(k);
            w.u32(u32::from(v));
        }
        w.len(self.tables.len());
        for t in &self.tables {
            t.write(w);
        }
    }

    /// Read back what [`Tagger::write`] wrote.
    pub fn read(r: &mut ByteReader<'_>) -> Result<Tagger, ModelErrorKind> {
        let n = r.len(8)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let x = r.str()?;
            let u = r.str()?;
            classes.push((x, u));
        }
        let d = r.len(12)?;
        let mut dictionary = FxHashMap::with_capacity_and_hasher(d, Default::default());
        for _ in 0..d {
            let k = r.u64()?;
            let v = r.u32()?;
            if v as usize >= n {
                return Err(ModelErrorKind::Invalid("tag dictionary class out of range"));
            }
            dictionary.insert(k, v as u16);
        }
        let passes = r.u32()? as usize;
        if !(1..=2).contains(&passes) {
            return Err(ModelErrorKind::Invalid("tagger pass count"));
        }
        let mut tables = Vec::with_capacity(passes);
        for _ in 0..passes {
            let table = FeatureTable::read(r)?;
            if table.n_classes() != n || n == 0 || n > usize::from(u16::MAX) {
                return Err(ModelErrorKind::Invalid("tagger class count"));
            }
            tables.push(table);
        }
        Ok(Tagger {
            kinds: class_kinds(&classes),
            past: past_class(&classes),
            classes,
            tables,
            dictionary,
        })
    }
}

/// Words seen at least 20 times with one class at least 97% of the time.
fn build_dictionary(train: &[TaggerExample], n: usize) -> FxHashMap<u64, u16> {
    let mut counts: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for ex in train {
        for (l, &t) in ex.lex.iter().zip(&ex.tags) {
            counts.entry(l.form).or_insert_with(|| vec![0; n])[t as usize] += 1;
        }
    }
    let mut dict = FxHashMap::default();
    for (form, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &top) = c
            .iter()
            .enumerate()
            .max_by_key(|&(i, &v)| (v, usize::MAX - i))
            .unwrap_or((0, &0));
        if total >= 20 && f64::from(top) / f64::from(total) >= 0.97 {
            dict.insert(form, best as u16);
        }
    }
    dict
}

/// Index of the highest score (the first one on ties).
#[inline]
pub fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    let mut top = i32::MIN;
    for (i, &s) in scores.iter().enumerate() {
        if s > top {
            top = s;
            best = i;
        }
    }
    best
}
