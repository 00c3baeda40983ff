//! A learned sentence-boundary classifier that refines the rule-based splitter.
//!
//! For every gap between two tokens of a paragraph the model scores "a sentence starts at
//! the next token" from hashed features of the surrounding tokens (forms, shapes, case,
//! punctuation, position in the paragraph) and the rule splitter's own decision. It is an
//! averaged perceptron trained on UD English EWT, whose web and e-mail text has many
//! boundaries without a stop ("Thanks, || Dawn"). [`crate::split`] uses it conservatively:
//! it adds a boundary where the rules saw none only when the score is far above zero, and
//! removes a rule boundary only when it is confidently wrong. The model must never split
//! news prose at abbreviations, initials, decimals, URLs, quotes or ellipses, never move or
//! change a token span, and never allocate per feature in the hot path.
//!
//! Training (deterministic; prints dev boundary P/R/F per epoch, keeps the best epoch and
//! tunes the two thresholds on dev; the test file is never read):
//!
//! ```text
//! cargo run --release -p dyad-text --example train_boundaries -- \
//!     /work/shared/data/ud-english-ewt/en_ewt-ud-train.conllu \
//!     /work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     crates/text/data/sentence_boundaries.bin
//! ```
//!
//! Figures (model of 235,848 bytes, best epoch 6 of 12; thresholds: add 8, veto 0 with
//! vetoes only before a lowercase word; the add threshold has a floor of 8 for news safety,
//! see the example's `--check NEWS.jsonl MODEL` mode): dev boundary P 0.9692 R 0.9057
//! F 0.9381 (model alone, all gaps). `seg_eval.py` sentence F1: dev 0.8484 (rules alone) →
//! 0.8758; test 0.8591 (run once, never tuned on). Without the news floor dev reaches 0.8875.
//!
//! The model file (`data/sentence_boundaries.bin`) is little-endian binary: the magic
//! `DYADSB1\n`, the table size in bits (u32), the add and veto thresholds (f32), the number
//! of weights (u32), then that many (delta-coded slot as u32, weight as f32) pairs.

use std::sync::OnceLock;

use dyad_core::Token;

use crate::rules::{AbbreviationClass, TextRules};
use crate::TextError;

const MODEL: &[u8] = include_bytes!("../data/sentence_boundaries.bin");
const MAGIC: &[u8; 8] = b"DYADSB1\n";
const MODEL_FILE: &str = "sentence_boundaries.bin";

/// Bits of the hashed feature table.
pub const TABLE_BITS: u32 = 18;

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// What the feature extractor knows about one token; computed once per paragraph.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    form: u64,
    shape: u64,
    flags: u16,
    len: u8,
}

const CAP: u16 = 1; // first char uppercase
const LOWER: u16 = 1 << 1; // first char lowercase
const DIGIT: u16 = 1 << 2; // first char digit
const TERMINAL: u16 = 1 << 3; // a run of . ! ? …
const SPACE: u16 = 1 << 4; // whitespace follows
const PUNCT: u16 = 1 << 5; // no alphanumeric char
const ABBR_TITLE: u16 = 1 << 6; // "Mr." "Jan." "W." never end a sentence
const ABBR_TERM: u16 = 1 << 7; // "U.S." "Inc."
const ALLCAPS: u16 = 1 << 9;
const URL: u16 = 1 << 10; // contains @ or :// or www.
const OPENER: u16 = 1 << 11;
const CLOSER: u16 = 1 << 12;
const NUMBER: u16 = 1 << 13; // digits with , or . ("900,000", "3.5")

impl TokenInfo {
    /// Describe `tok` (the token's text); `space_after` is the token's flag.
    pub fn new(tok: &str, space_after: bool, rules: &TextRules) -> TokenInfo {
        let mut form = 0x9e37_79b9_7f4a_7c15u64;
        let mut shape = 0x2545_f491_4f6c_dd1du64;
        let mut last_shape = '\0';
        let mut run = 0;
        let mut any_alnum = false;
        let mut any_lower = false;
        let mut any_upper = false;
        for c in tok.chars() {
            if c.is_ascii() {
                form = mix(form, u64::from(c.to_ascii_lowercase() as u32));
            } else {
                for l in c.to_lowercase() {
                    form = mix(form, u64::from(u32::from(l)));
                }
            }
            let s = if c.is_uppercase() {
                any_upper = true;
                'X'
            } else if c.is_lowercase() {
                any_lower = true;
                'x'
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                'x'
            } else {
                c
            };
            any_alnum |= c.is_alphanumeric();
            if s == last_shape {
                run += 1;
            } else {
                run = 1;
                last_shape = s;
            }
            if run <= 2 {
                shape = mix(shape, u64::from(u32::from(s)));
            }
        }
        let first = tok.chars().next().unwrap_or(' ');
        let mut flags = 0;
        if first.is_uppercase() {
            flags |= CAP;
        }
        if first.is_lowercase() {
            flags |= LOWER;
        }
        if first.is_numeric() {
            flags |= DIGIT;
        }
        if !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')) {
            flags |= TERMINAL;
        }
        if space_after {
            flags |= SPACE;
        }
        if !any_alnum {
            flags |= PUNCT;
        }
        if any_upper && !any_lower && tok.len() > 1 {
            flags |= ALLCAPS;
        }
        if tok.len() > 1 && tok.ends_with('.') && any_alnum {
            match rules.abbreviation(&tok[..tok.len() - 1]) {
                Some(AbbreviationClass::Title | AbbreviationClass::Month) => flags |= ABBR_TITLE,
                Some(AbbreviationClass::Terminal) => flags |= ABBR_TERM,
                None => {}
            }
        }
        if tok.contains('@') || tok.contains("://") || tok.starts_with("www.") {
            flags |= URL;
        }
        if first.is_ascii_digit()
            && tok
                .bytes()
                .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
        {
            flags |= NUMBER;
        }
        if matches!(tok, "(" | "[" | "{" | "\"" | "“" | "‘" | "'" | "«") {
            flags |= OPENER;
        }
        if matches!(tok, ")" | "]" | "}" | "\"" | "”" | "’" | "'" | "»") {
            flags |= CLOSER;
        }
        TokenInfo {
            form,
            shape,
            flags,
            len: tok.len().min(255) as u8,
        }
    }

    /// True when the token can never be followed by a new sentence (a title or month
    /// abbreviation, an initial).
    pub fn is_title_abbreviation(&self) -> bool {
        self.flags & ABBR_TITLE != 0
    }

    /// True when the token is a plain number ("900,000", "3.5"): in news a capitalised word
    /// after it continues the sentence ("900,000 Class A shares").
    pub fn is_number(&self) -> bool {
        self.flags & NUMBER != 0
    }

    /// True when whitespace follows the token.
    pub fn space_after(&self) -> bool {
        self.flags & SPACE != 0
    }

    /// True when the token is a run of terminal marks.
    pub fn is_terminal(&self) -> bool {
        self.flags & TERMINAL != 0
    }

    /// True when the token starts with a lowercase letter.
    pub fn is_lower(&self) -> bool {
        self.flags & LOWER != 0
    }

    /// True when the token is an opening bracket or quote.
    pub fn is_opener(&self) -> bool {
        self.flags & OPENER != 0
    }
}

/// The text of token `t` in `text` (empty if its span does not fit).
pub(crate) fn token_text<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.span.start..t.span.end).unwrap_or("")
}

fn is_terminal_text(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// The [`TokenInfo`]s of a paragraph, computed on demand and kept.
#[derive(Debug)]
pub struct Infos<'a> {
    tokens: &'a [Token],
    text: &'a str,
    rules: &'a TextRules,
    cache: Vec<Option<TokenInfo>>,
}

impl<'a> Infos<'a> {
    /// Nothing computed yet for the paragraph `tokens` of `text`.
    pub fn new(tokens: &'a [Token], text: &'a str, rules: &'a TextRules) -> Self {
        Infos {
            tokens,
            text,
            rules,
            cache: vec![None; tokens.len()],
        }
    }

    /// The description of token `j`; a neutral one outside the paragraph.
    pub fn get(&mut self, j: isize) -> TokenInfo {
        if j < 0 {
            return NONE;
        }
        let j = j as usize;
        let Some(slot) = self.cache.get_mut(j) else {
            return NONE;
        };
        if let Some(info) = slot {
            return *info;
        }
        let info = match self.tokens.get(j) {
            Some(t) => TokenInfo::new(token_text(self.text, t), t.space_after, self.rules),
            None => NONE,
        };
        *slot = Some(info);
        info
    }
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=6 => 5,
        7..=10 => 6,
        11..=20 => 7,
        21..=40 => 8,
        _ => 9,
    }
}

const NONE: TokenInfo = TokenInfo {
    form: 0x51,
    shape: 0x52,
    flags: 0,
    len: 0,
};

/// Number of features [`features`] produces for one gap.
pub const N_FEATURES: usize = 34;

/// The hashed feature slots of the gap before token `i` (1 ≤ i < infos.len()).
///
/// `rule` says whether the rule splitter starts a sentence at `i`; `since_rule` is the
/// number of tokens since the last rule boundary (or the paragraph start); `to_mark` the
/// number of tokens up to the next terminal mark (or the paragraph end).
pub fn features(
    infos: &mut Infos<'_>,
    i: usize,
    rule: bool,
    since_rule: usize,
    to_mark: usize,
) -> [u32; N_FEATURES] {
    let ii = i as isize;
    let (p3, p2, a, b, n2) = (
        infos.get(ii - 3),
        infos.get(ii - 2),
        infos.get(ii - 1),
        infos.get(ii),
        infos.get(ii + 1),
    );
    let n_tokens = infos.tokens.len();
    let r = u64::from(rule);
    let to_end = n_tokens.saturating_sub(i);
    let len_b = bucket(n_tokens);
    let af = u64::from(a.flags & !SPACE);
    let bf = u64::from(b.flags & !(SPACE | TERMINAL));
    let sp = u64::from(a.flags & SPACE != 0);
    let raw: [u64; N_FEATURES] = [
        mix(1, 0),
        mix(2, r),
        mix(3, a.form),
        mix(4, b.form),
        mix(5, a.shape),
        mix(6, b.shape),
        mix(mix(7, a.form), b.form),
        mix(mix(8, a.shape), b.shape),
        mix(mix(9, p2.form), a.form),
        mix(mix(mix(10, p2.shape), a.shape), b.shape),
        mix(mix(11, b.shape), n2.shape),
        mix(mix(12, a.form), b.shape),
        mix(mix(13, a.shape), b.form),
        mix(mix(14, sp), r),
        mix(mix(15, r), b.shape),
        mix(mix(16, bucket(i)), r),
        mix(mix(17, bucket(to_end)), r),
        mix(mix(mix(18, len_b), r), sp),
        mix(19, n2.form),
        mix(mix(mix(20, af), bf), r),
        mix(mix(21, bucket(since_rule)), r),
        mix(mix(22, a.shape), bucket(to_end)),
        mix(mix(23, r), a.form),
        mix(mix(mix(24, u64::from(a.len.min(12))), bf), sp),
        mix(mix(mix(25, p2.shape), a.form), bucket(to_end)),
        mix(mix(mix(26, b.shape), bucket(i)), sp),
        mix(mix(27, b.form), u64::from(b.flags & (CAP | ALLCAPS))),
        mix(
            mix(
                mix(28, a.form),
                u64::from(b.flags & (CAP | ALLCAPS | LOWER)),
            ),
            sp,
        ),
        mix(mix(29, b.shape), n2.form),
        mix(mix(mix(30, a.shape), b.shape), n2.shape),
        mix(mix(mix(31, p2.form), a.form), b.shape),
        mix(
            mix(mix(32, bucket(to_mark)), r),
            u64::from(b.flags & (CAP | LOWER | DIGIT)),
        ),
        mix(mix(mix(33, p3.shape), p2.shape), a.shape),
        mix(mix(mix(34, a.form), b.form), n2.shape),
    ];
    let mut out = [0u32; N_FEATURES];
    for (o, h) in out.iter_mut().zip(raw) {
        *o = (h >> (64 - TABLE_BITS)) as u32;
    }
    out
}

/// Call `f(i, features, a)` for the gaps of a paragraph (before token `i`, 1 ≤ i < len)
/// that `want(i, rule)` selects; `a` describes token `i - 1`.
///
/// `rule_start[i]` says whether the rule splitter starts a sentence at token `i`.
pub fn each_gap(
    infos: &mut Infos<'_>,
    rule_start: &[bool],
    mut want: impl FnMut(usize, bool) -> bool,
    mut f: impl FnMut(usize, &[u32; N_FEATURES], &TokenInfo),
) {
    let (tokens, text) = (infos.tokens, infos.text);
    let mut last_rule = 0;
    let mut next_mark = 0;
    for i in 1..tokens.len() {
        let rule = rule_start.get(i).copied().unwrap_or(false);
        if want(i, rule) {
            if next_mark < i {
                next_mark = i;
                while next_mark < tokens.len()
                    && !is_terminal_text(token_text(text, &tokens[next_mark]))
                {
                    next_mark += 1;
                }
            }
            let feats = features(infos, i, rule, i - last_rule, next_mark - i);
            let a = infos.get(i as isize - 1);
            f(i, &feats, &a);
        }
        if rule {
            last_rule = i;
        }
    }
}

/// A trained boundary model: a dense hashed weight table and its two decision thresholds.
#[derive(Debug, Clone)]
pub struct BoundaryModel {
    weights: Vec<f32>,
    /// A gap the rules did not split becomes a boundary when the score exceeds this.
    pub add_threshold: f32,
    /// A rule boundary is dropped when the score is below minus this.
    pub veto_threshold: f32,
}

fn model_error(message: impl Into<String>) -> TextError {
    TextError::Table {
        file: MODEL_FILE.to_string(),
        line: 0,
        message: message.into(),
    }
}

fn read_u32(b: &[u8], at: usize) -> Result<u32, TextError> {
    b.get(at..at + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| model_error("truncated file"))
}

impl BoundaryModel {
    /// A model from a dense weight table of `1 << TABLE_BITS` entries.
    pub fn from_weights(
        weights: Vec<f32>,
        add_threshold: f32,
        veto_threshold: f32,
    ) -> Result<Self, TextError> {
        if weights.len() != 1 << TABLE_BITS {
            return Err(model_error(format!(
                "expected {} weights",
                1u32 << TABLE_BITS
            )));
        }
        Ok(BoundaryModel {
            weights,
            add_threshold,
            veto_threshold,
        })
    }

    /// Parse the binary model file.
    pub fn parse(bytes: &[u8]) -> Result<Self, TextError> {
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(model_error("not a dyad sentence-boundary model"));
        }
        let bits = read_u32(bytes, 8)?;
        if bits != TABLE_BITS {
            return Err(model_error(format!(
                "table of {bits} bits, expected {TABLE_BITS}"
            )));
        }
        let add = f32::from_bits(read_u32(bytes, 12)?);
        let veto = f32::from_bits(read_u32(bytes, 16)?);
        let n = read_u32(bytes, 20)? as usize;
        if bytes.len() != 24 + n * 8 {
            return Err(model_error("file length does not match the weight count"));
        }
        let mut weights = vec![0.0f32; 1 << TABLE_BITS];
        let mut slot = 0usize;
        for k in 0..n {
            let at = 24 + k * 8;
            slot += read_u32(bytes, at)? as usize;
            let w = f32::from_bits(read_u32(bytes, at + 4)?);
            match weights.get_mut(slot) {
                Some(x) if w.is_finite() => *x = w,
                _ => return Err(model_error(format!("bad weight #{k}"))),
            }
        }
        Self::from_weights(weights, add, veto)
    }

    /// The model file's bytes (zero weights are left out).
    pub fn to_bytes(&self) -> Vec<u8> {
        let nz: Vec<(usize, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i, *w))
            .collect();
        let mut out = Vec::with_capacity(24 + nz.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&TABLE_BITS.to_le_bytes());
        out.extend_from_slice(&self.add_threshold.to_bits().to_le_bytes());
        out.extend_from_slice(&self.veto_threshold.to_bits().to_le_bytes());
        out.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for (i, w) in nz {
            out.extend_from_slice(&((i - prev) as u32).to_le_bytes());
            out.extend_from_slice(&w.to_bits().to_le_bytes());
            prev = i;
        }
        out
    }

    /// The bundled model, parsed once.
    pub fn bundled() -> &'static BoundaryModel {
        static M: OnceLock<BoundaryModel> = OnceLock::new();
        M.get_or_init(|| {
            BoundaryModel::parse(MODEL)
                .expect("the bundled boundary model is checked by the crate's tests")
        })
    }

    /// The score of a gap's features (positive: a sentence starts here).
    #[inline]
    pub fn score(&self, feats: &[u32]) -> f32 {
        feats
            .iter()
            .map(|&f| self.weights.get(f as usize).copied().unwrap_or(0.0))
            .sum()
    }
}

/// An averaged perceptron over the hashed feature table, for training.
#[derive(Debug, Clone)]
pub struct Perceptron {
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u64>,
    step: u64,
}

impl Default for Perceptron {
    fn default() -> Self {
        let n = 1usize << TABLE_BITS;
        Perceptron {
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            step: 0,
        }
    }
}

impl Perceptron {
    /// The current (not averaged) score.
    pub fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// One example: update when the prediction disagrees with `label`.
    pub fn learn(&mut self, feats: &[u32], label: bool) {
        self.step += 1;
        let s = self.score(feats);
        let y = if label { 1.0 } else { -1.0 };
        if s * y <= 0.0 {
            for &f in feats {
                let f = f as usize;
                self.total[f] += f64::from(self.w[f]) * (self.step - self.stamp[f]) as f64;
                self.stamp[f] = self.step;
                self.w[f] += y;
            }
        }
    }

    /// The averaged weights, with weights smaller than `prune` in magnitude set to zero.
    pub fn averaged(&self, prune: f32) -> Vec<f32> {
        let step = self.step.max(1);
        (0..self.w.len())
            .map(|f| {
                let t = self.total[f] + f64::from(self.w[f]) * (step - self.stamp[f]) as f64;
                let a = (t / step as f64) as f32;
                if a.abs() < prune {
                    0.0
                } else {
                    a
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_model_parses_and_round_trips() {
        let m = BoundaryModel::bundled();
        let again = BoundaryModel::parse(&m.to_bytes()).expect("round trip");
        assert_eq!(again.weights, m.weights);
        assert!(m.add_threshold >= 0.0 && m.veto_threshold >= 0.0);
        assert!(MODEL.len() < 2_000_000);
    }

    #[test]
    fn corrupt_model_is_a_typed_error() {
        assert!(BoundaryModel::parse(b"nope").is_err());
        let mut b = BoundaryModel::bundled().to_bytes();
        b.truncate(b.len() - 3);
        let msg = BoundaryModel::parse(&b).expect_err("truncated").to_string();
        assert!(msg.contains(MODEL_FILE), "{msg}");
    }
}
