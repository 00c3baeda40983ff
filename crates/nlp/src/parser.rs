//! [`ArcHybridParser`]: a greedy transition-based dependency parser (arc-hybrid system,
//! averaged perceptrons), trained with the dynamic oracle of Goldberg and Nivre (2013) and
//! error exploration.
//!
//! Each state scores the three unlabelled actions from weights stored inside the feature
//! table's hash slots; only when an arc is built are the labels of that direction scored,
//! from the label rows of the features already found (see [`SplitTable`]). The action and
//! label classifiers are two perceptrons over the same features.
//!
//! The artificial root sits at the end of the buffer. Transitions are SHIFT, LEFT-ARC(l)
//! (the buffer front becomes the head of the stack top) and RIGHT-ARC(l) (the word below the
//! stack top becomes its head). Preconditions make every transition sequence end in a
//! single-rooted tree: the root word is attached last, by LEFT-ARC(root) from the artificial
//! root once the stack holds one word. A sentence of `n` words takes exactly `2n`
//! transitions, so parsing is linear and cannot fail.

use crate::binio::{ByteReader, ByteWriter};
use crate::error::ModelErrorKind;
use crate::hash::{feat, SplitMix64};
use crate::lexical::Lex;
use crate::table::{Perceptron, SplitTable};

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;

/// Number of feature templates the parser uses (an upper bound for buffer sizing).
pub const PARSER_FEATURES: usize = 130;

/// Optional feature template group: templates over UPOS (in addition to the joint tag).
pub const TEMPLATES_UPOS: u32 = 1;
/// Optional feature template group: templates over the words' ambiguity classes.
pub const TEMPLATES_AMBIGUITY: u32 = 2;
/// Optional feature template group: deeper buffer lookahead and child-tag triples.
pub const TEMPLATES_LOOKAHEAD: u32 = 4;

/// A greedy arc-hybrid parser.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcHybridParser {
    /// Label index → dependency relation (full UD label, e.g. `nsubj:pass`).
    pub labels: Vec<String>,
    /// Tag class index → UPOS index (for the templates over UPOS).
    upos_of: Vec<u16>,
    /// Optional template groups in use ([`TEMPLATES_UPOS`], [`TEMPLATES_AMBIGUITY`]).
    templates: u32,
    root_label: usize,
    table: SplitTable,
}

/// One training sentence for the parser.
#[derive(Debug, Clone)]
pub struct ParserExample {
    /// Atoms of each word.
    pub lex: Vec<Lex>,
    /// Tag class of each word (predicted, so training matches use).
    pub tags: Vec<u16>,
    /// Gold head of each word, 0-based, `n` for the root.
    pub heads: Vec<u32>,
    /// Gold label index of each word.
    pub labels: Vec<u16>,
}

/// Reusable buffers for [`ArcHybridParser::parse_with`].
#[derive(Debug, Default)]
pub struct ParseBuffers {
    st: State,
    feats: Vec<u64>,
    found: Vec<u32>,
    scores: Vec<i32>,
}

/// Parser configuration: stack, buffer front, arcs built so far and the child summaries
/// that features read.
#[derive(Debug, Default, Clone)]
struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
    heads: Vec<u32>,
    labels: Vec<u16>,
    left1: Vec<u32>,
    left2: Vec<u32>,
    right1: Vec<u32>,
    right2: Vec<u32>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.left1,
            &mut self.left2,
            &mut self.right1,
            &mut self.right2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        for v in [&mut self.n_left, &mut self.n_right] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.left_set, &mut self.right_set] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    #[inline]
    fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    #[inline]
    fn s(&self, k: usize) -> u32 {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    /// Buffer element k (the artificial root is `n`, after it nothing).
    #[inline]
    fn buf(&self, k: usize) -> u32 {
        let i = self.b + k;
        if i <= self.n {
            i as u32
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, head: u32, dep: u32, label: usize) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label as u16;
        let bit = 1u64 << (label % 64);
        if d < h {
            if self.left1[h] == NONE || d < self.left1[h] as usize {
                self.left2[h] = self.left1[h];
                self.left1[h] = dep;
            } else if self.left2[h] == NONE || d < self.left2[h] as usize {
                self.left2[h] = dep;
            }
            self.n_left[h] = self.n_left[h].saturating_add(1);
            self.left_set[h] |= bit;
        } else {
            if self.right1[h] == NONE || d > self.right1[h] as usize {
                self.right2[h] = self.right1[h];
                self.right1[h] = dep;
            } else if self.right2[h] == NONE || d > self.right2[h] as usize {
                self.right2[h] = dep;
            }
            self.n_right[h] = self.n_right[h].saturating_add(1);
            self.right_set[h] |= bit;
        }
    }

    /// Whether action `a` (SHIFT, LEFT or RIGHT) is allowed here.
    #[inline]
    fn legal(&self, a: usize) -> bool {
        match a {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// Whether action `a` attaches the stack top to the artificial root.
    #[inline]
    fn is_root_attach(&self, a: usize) -> bool {
        a == LEFT && self.b >= self.n
    }

    /// The head action `a` gives the stack top (`NONE` for SHIFT).
    #[inline]
    fn head_of(&self, a: usize) -> u32 {
        match a {
            SHIFT => NONE,
            LEFT => self.b as u32,
            _ => self.s(1),
        }
    }

    fn apply(&mut self, a: usize, label: usize) {
        if a == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let Some(s0) = self.stack.pop() else { return };
        if a == LEFT {
            self.add_arc(self.b as u32, s0, label);
        } else if let Some(&s1) = self.stack.last() {
            self.add_arc(s1, s0, label);
        }
    }
}

/// Costs of SHIFT, LEFT and RIGHT (unlabelled) under the arc-hybrid dynamic oracle, and the
/// gold label of the stack top (for the labelled part).
fn oracle_costs(st: &State, gold_heads: &[u32]) -> [u32; 3] {
    let n = st.n;
    let mut costs = [u32::MAX; 3];
    if st.b < n {
        // SHIFT: b0 loses heads in the stack below s0 and dependents in the stack.
        let b0 = st.b as u32;
        let mut c = 0;
        let len = st.stack.len();
        for (i, &s) in st.stack.iter().enumerate() {
            if gold_heads[s as usize] == b0 && st.heads[s as usize] == NONE {
                c += 1;
            }
            if i + 1 < len && gold_heads[b0 as usize] == s {
                c += 1;
            }
        }
        costs[0] = c;
    }
    if let Some(&s0) = st.stack.last() {
        let s1 = st.s(1);
        let h = gold_heads[s0 as usize];
        let deps_in_buffer = (st.b..n)
            .filter(|&d| gold_heads[d] == s0 && st.heads[d] == NONE)
            .count() as u32;
        let head_in_buffer = h as usize >= st.b;
        // LEFT: head b0 given; loses a head in {s1} ∪ buffer minus b0, and buffer dependents.
        let lost_head = (h == s1 && s1 != NONE) || (head_in_buffer && h as usize != st.b);
        costs[1] = deps_in_buffer + u32::from(lost_head);
        if s1 != NONE {
            // RIGHT: head s1 given; loses a head in the buffer, and buffer dependents.
            costs[2] = deps_in_buffer + u32::from(head_in_buffer);
        }
    }
    costs
}

struct Atoms {
    w: u64,
    p: u64,
    u: u64,
    m: u64,
    c: u64,
    cf: u64,
}

const NONE_ATOM: u64 = 0xdead_0001;
const ROOT_ATOM: u64 = 0xdead_0002;

#[inline]
fn atoms(lex: &[Lex], tags: &[u16], upos_of: &[u16], n: usize, i: u32) -> Atoms {
    if i == NONE {
        return Atoms {
            w: NONE_ATOM,
            p: NONE_ATOM,
            u: NONE_ATOM,
            m: NONE_ATOM,
            c: NONE_ATOM,
            cf: NONE_ATOM,
        };
    }
    let i = i as usize;
    if i >= n {
        return Atoms {
            w: ROOT_ATOM,
            p: ROOT_ATOM,
            u: ROOT_ATOM,
            m: ROOT_ATOM,
            c: ROOT_ATOM,
            cf: ROOT_ATOM,
        };
    }
    let l = &lex[i];
    let p = tags[i];
    Atoms {
        w: l.lower,
        p: u64::from(p),
        u: 0x7000 | u64::from(upos_of.get(usize::from(p)).copied().unwrap_or(0)),
        m: l.ambiguity,
        c: l.cluster_prefix(6),
        cf: l.cluster_prefix(32),
    }
}

#[inline]
fn dist_bucket(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    let d = (a as i64 - b as i64).unsigned_abs();
    match d {
        0..=4 => d,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

fn parser_features(
    st: &State,
    lex: &[Lex],
    tags: &[u16],
    upos_of: &[u16],
    variant: u32,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = st.n;
    let (s0i, s1i, s2i) = (st.s(0), st.s(1), st.s(2));
    let (b0i, b1i, b2i) = (st.buf(0), st.buf(1), st.buf(2));
    let a = |i: u32| atoms(lex, tags, upos_of, n, i);
    let (s0, s1, s2, b0, b1, b2) = (a(s0i), a(s1i), a(s2i), a(b0i), a(b1i), a(b2i));
    let child = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let label_of = |i: u32| {
        if i == NONE {
            0xffff
        } else {
            u64::from(st.labels[i as usize])
        }
    };
    let (s0l, s0l2, s0r, s0r2) = (
        child(&st.left1, s0i),
        child(&st.left2, s0i),
        child(&st.right1, s0i),
        child(&st.right2, s0i),
    );
    let (b0l, b0l2) = (child(&st.left1, b0i), child(&st.left2, b0i));
    let (s1l, s1r) = (child(&st.left1, s1i), child(&st.right1, s1i));
    let (as0l, as0l2, as0r, as0r2, ab0l, ab0l2, as1l, as1r) = (
        a(s0l),
        a(s0l2),
        a(s0r),
        a(s0r2),
        a(b0l),
        a(b0l2),
        a(s1l),
        a(s1r),
    );
    let val = |v: &Vec<u8>, i: u32| {
        if i == NONE {
            0xff
        } else {
            u64::from(v[i as usize])
        }
    };
    let set = |v: &Vec<u64>, i: u32| if i == NONE { 1 } else { v[i as usize] };
    let (s0vl, s0vr, b0vl, s1vr, s1vl) = (
        val(&st.n_left, s0i),
        val(&st.n_right, s0i),
        val(&st.n_left, b0i),
        val(&st.n_right, s1i),
        val(&st.n_left, s1i),
    );
    let (s0sl, s0sr, b0sl) = (
        set(&st.left_set, s0i),
        set(&st.right_set, s0i),
        set(&st.left_set, b0i),
    );
    let d = dist_bucket(s0i, b0i);
    let d1 = dist_bucket(s1i, s0i);
    let t = |k: u64, atoms: &[u64]| feat(1000 + k, atoms);
    out.extend_from_slice(&[
        t(0, &[]),
        // single words
        t(1, &[s0.w]),
        t(2, &[s0.p]),
        t(3, &[s0.w, s0.p]),
        t(4, &[s1.w]),
        t(5, &[s1.p]),
        t(6, &[s1.w, s1.p]),
        t(7, &[s2.p]),
        t(8, &[s2.w, s2.p]),
        t(9, &[b0.w]),
        t(10, &[b0.p]),
        t(11, &[b0.w, b0.p]),
        t(12, &[b1.w]),
        t(13, &[b1.p]),
        t(14, &[b1.w, b1.p]),
        t(15, &[b2.p]),
        t(16, &[b2.w, b2.p]),
        // pairs
        t(17, &[s0.w, s0.p, b0.w, b0.p]),
        t(18, &[s0.w, s0.p, b0.w]),
        t(19, &[s0.w, b0.w, b0.p]),
        t(20, &[s0.w, s0.p, b0.p]),
        t(21, &[s0.p, b0.w, b0.p]),
        t(22, &[s0.w, b0.w]),
        t(23, &[s0.p, b0.p]),
        t(24, &[b0.p, b1.p]),
        t(25, &[s1.w, s1.p, s0.w, s0.p]),
        t(26, &[s1.w, s0.w]),
        t(27, &[s1.p, s0.p]),
        t(28, &[s1.p, s0.w]),
        t(29, &[s1.w, s0.p]),
        t(30, &[s1.p, b0.p]),
        t(31, &[s1.w, b0.w]),
        // tag trigrams
        t(32, &[b0.p, b1.p, b2.p]),
        t(33, &[s0.p, b0.p, b1.p]),
        t(34, &[s1.p, s0.p, b0.p]),
        t(35, &[s2.p, s1.p, s0.p]),
        t(36, &[s1.p, s0.p, b1.p]),
        t(37, &[s0.w, b0.p, b1.p]),
        t(38, &[s0.p, b0.w, b1.p]),
        // distance
        t(39, &[s0.w, d]),
        t(40, &[s0.p, d]),
        t(41, &[b0.w, d]),
        t(42, &[b0.p, d]),
        t(43, &[s0.w, b0.w, d]),
        t(44, &[s0.p, b0.p, d]),
        t(45, &[s1.p, s0.p, d1]),
        t(46, &[s1.w, s0.w, d1]),
        // valency
        t(47, &[s0.w, s0vr]),
        t(48, &[s0.p, s0vr]),
        t(49, &[s0.w, s0vl]),
        t(50, &[s0.p, s0vl]),
        t(51, &[b0.w, b0vl]),
        t(52, &[b0.p, b0vl]),
        t(53, &[s1.p, s1vr]),
        t(54, &[s1.p, s1vl]),
        // children
        t(55, &[as0l.w]),
        t(56, &[as0l.p]),
        t(57, &[label_of(s0l)]),
        t(58, &[as0r.w]),
        t(59, &[as0r.p]),
        t(60, &[label_of(s0r)]),
        t(61, &[ab0l.w]),
        t(62, &[ab0l.p]),
        t(63, &[label_of(b0l)]),
        t(64, &[as1l.p, label_of(s1l)]),
        t(65, &[as1r.p, label_of(s1r)]),
        t(66, &[as0l2.p, label_of(s0l2)]),
        t(67, &[as0r2.p, label_of(s0r2)]),
        t(68, &[ab0l2.p, label_of(b0l2)]),
        t(69, &[s0.p, as0l.p, as0l2.p]),
        t(70, &[s0.p, as0r.p, as0r2.p]),
        t(71, &[b0.p, ab0l.p, ab0l2.p]),
        t(72, &[s0.p, label_of(s0l), b0.p]),
        t(73, &[s0.p, label_of(s0r), b0.p]),
        t(74, &[s0.p, b0.p, label_of(b0l)]),
        t(75, &[s1.p, s0.p, label_of(s1r)]),
        // label sets
        t(76, &[s0.w, s0sr]),
        t(77, &[s0.p, s0sr]),
        t(78, &[s0.w, s0sl]),
        t(79, &[s0.p, s0sl]),
        t(80, &[b0.w, b0sl]),
        t(81, &[b0.p, b0sl]),
        // clusters
        t(82, &[s0.c]),
        t(83, &[s0.cf]),
        t(84, &[b0.c]),
        t(85, &[b0.cf]),
        t(86, &[b1.c]),
        t(87, &[s1.c]),
        t(88, &[s0.c, b0.c]),
        t(89, &[s0.c, b0.p]),
        t(90, &[s0.p, b0.c]),
        t(91, &[s1.c, s0.c]),
        t(92, &[b0.c, b1.c]),
        t(93, &[s0.cf, b0.p, d]),
        t(94, &[s0.p, b0.cf, d]),
        t(95, &[s1.p, s0.c, b0.p]),
    ]);
    if variant & TEMPLATES_AMBIGUITY != 0 {
        out.extend_from_slice(&[
            t(110, &[s0.m]),
            t(111, &[b0.m]),
            t(112, &[s0.m, b0.m]),
            t(113, &[s1.m, s0.m]),
            t(114, &[b0.m, b1.m]),
            t(115, &[s0.m, b0.p]),
            t(116, &[s0.p, b0.m]),
            t(117, &[s1.m, s0.m, b0.m]),
        ]);
    }
    if variant & TEMPLATES_LOOKAHEAD != 0 {
        let b3 = a(st.buf(3));
        out.extend_from_slice(&[
            t(120, &[b3.p]),
            t(121, &[b1.p, b2.p, b3.p]),
            t(122, &[s0.p, b0.p, b1.p, b2.p]),
            t(123, &[b0.w, b1.p, b2.p]),
            t(124, &[b0.p, b1.w]),
            t(125, &[s0.p, b1.w]),
            t(126, &[s0.p, as0r.p, b0.p]),
            t(127, &[s0.p, as0l.p, b0.p]),
        ]);
    }
    if variant & TEMPLATES_UPOS != 0 {
        out.extend_from_slice(&[
            t(96, &[s0.u, b0.u]),
            t(97, &[s1.u, s0.u, b0.u]),
            t(98, &[s0.w, b0.u]),
            t(99, &[s0.u, b0.w]),
            t(100, &[s1.u, s0.u]),
            t(101, &[s0.u, b0.u, b1.u]),
            t(102, &[s0.u, b0.u, d]),
            t(103, &[s1.w, s0.u]),
            t(104, &[s1.u, s0.w]),
            t(105, &[s0.u, as0l.u, as0r.u]),
        ]);
    }
}

impl ArcHybridParser {
    /// Number of label classes scored (left and right labels: `2 × labels`).
    pub fn n_classes(&self) -> usize {
        2 * self.labels.len()
    }

    /// The feature table (for statistics).
    pub fn table(&self) -> &SplitTable {
        &self.table
    }

    /// The best label for an arc built by `a` given label scores over both directions
    /// (never the root label, which only the attachment to the artificial root carries).
    #[inline]
    fn best_label(&self, a: usize, scores: &[i32]) -> usize {
        best_label_of(self.labels.len(), self.root_label, a, scores)
    }

    /// Parse a sentence given word atoms and tag classes. `heads` receives 1-based heads
    /// (0 = root) and `labels` label indices. Always a single-rooted tree.
    pub fn parse(&self, lex: &[Lex], tags: &[u16], heads: &mut Vec<usize>, labels: &mut Vec<u16>) {
        self.parse_with(lex, tags, heads, labels, &mut ParseBuffers::default());
    }

    /// [`ArcHybridParser::parse`] reusing the buffers in `buf`.
    pub fn parse_with(
        &self,
        lex: &[Lex],
        tags: &[u16],
        heads: &mut Vec<usize>,
        labels: &mut Vec<u16>,
        buf: &mut ParseBuffers,
    ) {
        let n = lex.len().min(tags.len());
        heads.clear();
        labels.clear();
        if n == 0 {
            return;
        }
        let ParseBuffers {
            st,
            feats,
            found,
            scores,
        } = buf;
        st.reset(n);
        scores.clear();
        scores.resize(self.n_classes(), 0);
        while !st.terminal() {
            parser_features(st, lex, tags, &self.upos_of, self.templates, feats);
            let mut act = [0i32; 3];
            self.table.add_action_scores(feats, &mut act, found);
            let a = best_action(st, &act);
            let label = if a == SHIFT {
                0
            } else if st.is_root_attach(a) {
                self.root_label
            } else {
                scores.iter_mut().for_each(|s| *s = 0);
                let n_labels = self.labels.len();
                let classes = if a == LEFT {
                    0..n_labels
                } else {
                    n_labels..2 * n_labels
                };
                self.table.add_label_scores(found, classes, scores);
                self.best_label(a, scores)
            };
            st.apply(a, label);
        }
        for i in 0..n {
            let h = st.heads[i] as usize;
            heads.push(if h >= n { 0 } else { h + 1 });
            labels.push(st.labels[i]);
        }
    }

    /// Train a parser with the dynamic oracle; `dev` (may be empty) selects the best
    /// epoch, whose averaged weights are kept. Exploration starts after the first epoch.
    /// Small weights are then pruned as long as the dev (UAS + LAS) / 2 drops by at most
    /// `max_loss` points. `upos_of` maps a tag class to its UPOS index; `templates` selects
    /// the optional template groups.
    #[allow(clippy::too_many_arguments)]
    pub fn train(
        labels: Vec<String>,
        upos_of: Vec<u16>,
        templates: u32,
        train: &[ParserExample],
        dev: &[ParserExample],
        epochs: usize,
        seed: u64,
        explore: f64,
        max_loss: f64,
        report: &mut dyn FnMut(&str),
    ) -> (ArcHybridParser, (f64, f64)) {
        let mut best_rows = (Vec::new(), Vec::new());
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        let n_labels = labels.len();
        let mut actions = Perceptron::new(3);
        let mut labeller = Perceptron::new(2 * n_labels);
        let mut rng = SplitMix64::new(seed ^ 0x5eed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut feats = Vec::with_capacity(PARSER_FEATURES);
        let mut scores = vec![0i32; 2 * n_labels];
        let mut st = State::default();
        let mut best: Option<(ArcHybridParser, (f64, f64))> = None;
        let make = |table: SplitTable| ArcHybridParser {
            labels: labels.clone(),
            upos_of: upos_of.clone(),
            templates,
            root_label,
            table,
        };
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &s in &order {
                let ex = &train[s];
                let n = ex.lex.len();
                if n == 0 {
                    continue;
                }
                st.reset(n);
                while !st.terminal() {
                    parser_features(&st, &ex.lex, &ex.tags, &upos_of, templates, &mut feats);
                    let mut act = [0i32; 3];
                    actions.add_scores(&feats, &mut act);
                    let costs = oracle_costs(&st, &ex.heads);
                    let mut min_cost = u32::MAX;
                    let (mut pred, mut pred_score) = (usize::MAX, i32::MIN);
                    let (mut gold, mut gold_score) = (usize::MAX, i32::MIN);
                    for (a, &score) in act.iter().enumerate() {
                        if !st.legal(a) {
                            continue;
                        }
                        let c = costs[a];
                        if score > pred_score || pred == usize::MAX {
                            pred = a;
                            pred_score = score;
                        }
                        if c < min_cost || (c == min_cost && score > gold_score) {
                            min_cost = c;
                            gold = a;
                            gold_score = score;
                        }
                    }
                    if pred == usize::MAX {
                        break;
                    }
                    actions.tick();
                    let pred_ok = costs[pred] == min_cost;
                    if !pred_ok {
                        actions.update(gold, pred, &feats);
                    }
                    correct += usize::from(pred_ok);
                    total += 1;
                    let follow = if pred_ok || (epoch > 0 && rng.unit() < explore) {
                        pred
                    } else {
                        gold
                    };
                    let label = if follow == SHIFT {
                        0
                    } else if st.is_root_attach(follow) {
                        root_label
                    } else {
                        let s0 = st.s(0);
                        scores.iter_mut().for_each(|s| *s = 0);
                        labeller.add_scores(&feats, &mut scores);
                        let guess = best_label_of(n_labels, root_label, follow, &scores);
                        if s0 != NONE && ex.heads[s0 as usize] == st.head_of(follow) {
                            let gl = usize::from(ex.labels[s0 as usize]);
                            let off = if follow == LEFT { 0 } else { n_labels };
                            labeller.tick();
                            labeller.update(off + gl, off + guess, &feats);
                        }
                        guess
                    };
                    st.apply(follow, label);
                }
            }
            let rows = (actions.averaged_rows(), labeller.averaged_rows());
            let parser = make(SplitTable::build(2 * n_labels, &rows.0, &rows.1, 0.0, 0.0));
            let (uas, las) = if dev.is_empty() {
                (correct as f64 / total.max(1) as f64, 0.0)
            } else {
                parser.attachment(dev)
            };
            report(&format!(
                "parser epoch {}: oracle agreement {:.2}% dev UAS {:.2}% LAS {:.2}% ({} features, {} label weights)",
                epoch + 1,
                100.0 * correct as f64 / total.max(1) as f64,
                100.0 * uas,
                100.0 * las,
                parser.table.n_features(),
                parser.table.n_weights()
            ));
            let better = match &best {
                Some((_, (bu, bl))) => las + uas > bl + bu,
                None => true,
            };
            if better {
                best = Some((parser, (uas, las)));
                best_rows = rows;
            }
        }
        let Some((mut parser, (mut uas, mut las))) = best else {
            let rows = (actions.averaged_rows(), labeller.averaged_rows());
            return (
                make(SplitTable::build(2 * n_labels, &rows.0, &rows.1, 0.0, 0.0)),
                (0.0, 0.0),
            );
        };
        // Prune small weights: the largest threshold that costs at most `max_loss` points.
        if !dev.is_empty() && max_loss > 0.0 {
            let base = uas + las;
            for threshold in [0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 8.0, 16.0, 32.0] {
                let candidate = make(SplitTable::build(
                    2 * n_labels,
                    &best_rows.0,
                    &best_rows.1,
                    threshold,
                    threshold,
                ));
                let (u, l) = candidate.attachment(dev);
                report(&format!(
                    "parser prune {threshold}: dev UAS {:.2}% LAS {:.2}% ({} features, {} label weights)",
                    100.0 * u,
                    100.0 * l,
                    candidate.table.n_features(),
                    candidate.table.n_weights()
                ));
                if 100.0 * (base - u - l) / 2.0 > max_loss {
                    break;
                }
                (parser, uas, las) = (candidate, u, l);
            }
        }
        (parser, (uas, las))
    }

    /// Unlabelled and labelled attachment score (universal label part) on gold-head examples.
    pub fn attachment(&self, sents: &[ParserExample]) -> (f64, f64) {
        let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        let universal: Vec<&str> = self
            .labels
            .iter()
            .map(|l| l.split(':').next().unwrap_or(l))
            .collect();
        for ex in sents {
            self.parse(&ex.lex, &ex.tags, &mut heads, &mut labels);
            let n = ex.lex.len();
            for i in 0..n {
                let gold = if ex.heads[i] as usize >= n {
                    0
                } else {
                    ex.heads[i] as usize + 1
                };
                if heads[i] == gold {
                    uas += 1;
                    if universal[labels[i] as usize] == universal[ex.labels[i] as usize] {
                        las += 1;
                    }
                }
            }
            total += n;
        }
        (
            uas as f64 / total.max(1) as f64,
            las as f64 / total.max(1) as f64,
        )
    }

    /// Serialise into a model file.
    pub fn write(&self, w: &mut ByteWriter) {
        w.strs(&self.labels);
        w.len(self.root_label);
        w.len(self.upos_of.len());
        for &u in &self.upos_of {
            w.u32(u32::from(u));
        }
        w.u32(self.templates);
        self.table.write(w);
    }

    /// Read back what [`ArcHybridParser::write`] wrote.
    pub fn read(r: &mut ByteReader<'_>) -> Result<ArcHybridParser, ModelErrorKind> {
        let labels = r.strs()?;
        let root_label = r.u32()? as usize;
        let n = r.len(4)?;
        let mut upos_of = Vec::with_capacity(n);
        for _ in 0..n {
            upos_of.push(r.u32()? as u16);
        }
        let templates = r.u32()?;
        let table = SplitTable::read(r)?;
        if labels.is_empty() || root_label >= labels.len() || table.n_labels() != 2 * labels.len() {
            return Err(ModelErrorKind::Invalid("parser labels"));
        }
        Ok(ArcHybridParser {
            labels,
            upos_of,
            templates,
            root_label,
            table,
        })
    }
}

/// The best label index for an arc built by action `a` (see [`ArcHybridParser::best_label`]).
#[inline]
fn best_label_of(n_labels: usize, root_label: usize, a: usize, scores: &[i32]) -> usize {
    let half = if a == LEFT {
        scores.get(..n_labels)
    } else {
        scores.get(n_labels..)
    }
    .unwrap_or(&[]);
    let mut best = usize::MAX;
    let mut top = i32::MIN;
    for (l, &s) in half.iter().enumerate() {
        if l != root_label && (best == usize::MAX || s > top) {
            best = l;
            top = s;
        }
    }
    if best == usize::MAX {
        usize::from(root_label == 0)
    } else {
        best
    }
}

#[inline]
fn best_action(st: &State, act: &[i32; 3]) -> usize {
    let mut best = usize::MAX;
    let mut top = i32::MIN;
    for (a, &s) in act.iter().enumerate() {
        if (best == usize::MAX || s > top) && st.legal(a) {
            best = a;
            top = s;
        }
    }
    if best == usize::MAX {
        // Unreachable while not terminal; fall back to a transition that is always legal.
        if st.b < st.n {
            SHIFT
        } else if st.stack.len() >= 2 {
            RIGHT
        } else {
            LEFT
        }
    } else {
        best
    }
}

/// Lift non-projective arcs (attach the dependent to its grandparent) until the tree is
/// projective. `heads` are 0-based with `n` for the root.
pub fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    loop {
        let mut lifted = false;
        // Find the shortest non-projective arc.
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let h = heads[d] as usize;
            if h >= n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let non_projective = (lo + 1..hi).any(|k| !dominates(heads, h, k));
            if non_projective && worst.is_none_or_len(hi - lo) {
                worst = Some((d, hi - lo));
            }
        }
        if let Some((d, _)) = worst {
            let h = heads[d] as usize;
            heads[d] = heads[h];
            lifted = true;
        }
        if !lifted {
            return;
        }
    }
}

trait ShorterThan {
    fn is_none_or_len(&self, len: usize) -> bool;
}

impl ShorterThan for Option<(usize, usize)> {
    fn is_none_or_len(&self, len: usize) -> bool {
        match self {
            Some((_, l)) => len < *l,
            None => true,
        }
    }
}

/// Whether `h` is an ancestor of `k` (following heads, at most `n` steps).
fn dominates(heads: &[u32], h: usize, k: usize) -> bool {
    let n = heads.len();
    let mut x = k;
    for _ in 0..=n {
        if x == h {
            return true;
        }
        if x >= n {
            return false;
        }
        x = heads[x] as usize;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 0 <- 2 crosses 1 -> 3 : heads (0-based, 4 = root)
        let mut heads = vec![2, 4, 1, 1];
        // arc 2->0 spans word 1, which 2 does not dominate: non-projective.
        projectivize(&mut heads);
        for d in 0..4 {
            let h = heads[d] as usize;
            if h < 4 {
                let (lo, hi) = if h < d { (h, d) } else { (d, h) };
                assert!((lo + 1..hi).all(|k| dominates(&heads, h, k)));
            }
        }
    }

    #[test]
    fn gold_sequence_from_oracle_rebuilds_projective_tree() {
        // "a b c d": b is root; a <- b, c <- d, d <- b.
        let heads = vec![1u32, 4, 3, 1];
        let mut st = State::default();
        st.reset(4);
        let mut steps = 0;
        while !st.terminal() && steps < 100 {
            let c = oracle_costs(&st, &heads);
            let t = if st.legal(SHIFT) && c[0] == 0 {
                SHIFT
            } else if c[1] == 0 && st.legal(LEFT) {
                LEFT
            } else {
                RIGHT
            };
            st.apply(t, 1);
            steps += 1;
        }
        assert_eq!(steps, 8);
        assert_eq!(&st.heads[..4], &heads[..]);
    }
}
