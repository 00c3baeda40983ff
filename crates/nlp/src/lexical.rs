//! Per-word feature atoms ([`Lex`]) computed once per word and shared by the tagger and
//! the parser: hashes of the form, lowercase form, prefixes, suffixes and shape, spelling
//! flags, the word's cluster path and its ambiguity class (the set of tags it had in
//! training).

use crate::clusters::WordClusters;
use crate::hash::{hash_bytes, hash_str, mix};
use rustc_hash::FxHashMap;

/// Feature atoms of one word. All fields are hashes or small integers; no strings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lex {
    /// Hash of the form as written.
    pub form: u64,
    /// Hash of the lowercased form.
    pub lower: u64,
    /// Hashes of the first 1, 2 and 3 characters of the lowercased form.
    pub prefix: [u64; 3],
    /// Hashes of the last 1, 2, 3 and 4 characters of the lowercased form.
    pub suffix: [u64; 4],
    /// Hash of the word shape (`Xx`, `dd.d`, `x-x`, ...).
    pub shape: u64,
    /// Spelling flags: digit, hyphen, upper, all upper, initial upper, first word.
    pub flags: u64,
    /// Cluster path with a leading 1 bit (0 when the word has no cluster).
    pub cluster: u32,
    /// Bit set of the XPOS tags the word had in training (0 when unseen).
    pub ambiguity: u64,
}

impl Lex {
    /// The first `bits` bits of the cluster path (with the leading 1 kept so that
    /// prefixes of different lengths never collide); 0 for no cluster.
    #[inline]
    pub fn cluster_prefix(&self, bits: u32) -> u64 {
        let c = self.cluster;
        if c == 0 {
            return 0;
        }
        let len = 31 - c.leading_zeros();
        if len <= bits {
            u64::from(c)
        } else {
            u64::from(c >> (len - bits))
        }
    }
}

/// Atoms for positions before the first word and after the last.
pub const PAD_BEFORE: Lex = pad(0x5eed_0001);
/// Atoms for positions after the last word.
pub const PAD_AFTER: Lex = pad(0x5eed_0002);

const fn pad(v: u64) -> Lex {
    Lex {
        form: v,
        lower: v,
        prefix: [v; 3],
        suffix: [v; 4],
        shape: v,
        flags: v,
        cluster: 1,
        ambiguity: v,
    }
}

/// Normalise a word for lookups in the cluster and ambiguity tables: lowercase, every
/// ASCII digit replaced by `0`.
pub fn normalise(word: &str, out: &mut String) {
    out.clear();
    for ch in word.chars() {
        if ch.is_ascii_digit() {
            out.push('0');
        } else if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Computes [`Lex`] atoms, reusing its buffers between words.
#[derive(Debug, Default)]
pub struct LexBuilder {
    lower: String,
}

impl LexBuilder {
    /// Atoms of `word` at position `index` of its sentence.
    pub fn lex(
        &mut self,
        word: &str,
        index: usize,
        clusters: &WordClusters,
        ambiguity: &FxHashMap<u64, u64>,
    ) -> Lex {
        normalise(word, &mut self.lower);
        let lower = self.lower.as_str();
        let lower_hash = hash_str(lower);
        let mut prefix = [0u64; 3];
        let mut suffix = [0u64; 4];
        let bytes = lower.as_bytes();
        let mut ends = lower.char_indices().map(|(i, c)| i + c.len_utf8());
        for p in prefix.iter_mut() {
            *p = match ends.next() {
                Some(e) => hash_bytes(&bytes[..e]),
                None => lower_hash ^ 0x77,
            };
        }
        let mut starts = lower.char_indices().rev().map(|(i, _)| i);
        for (k, s) in suffix.iter_mut().enumerate() {
            *s = match starts.next() {
                Some(b) => hash_bytes(&bytes[b..]) ^ (k as u64 + 1),
                None => lower_hash ^ 0x99,
            };
        }
        let mut shape: u64 = 0x51;
        let mut last = '\0';
        let (mut digit, mut hyphen, mut upper, mut lowercase) = (false, false, false, false);
        for ch in word.chars() {
            let class = if ch.is_uppercase() {
                upper = true;
                'X'
            } else if ch.is_lowercase() {
                lowercase = true;
                'x'
            } else if ch.is_numeric() {
                digit = true;
                'd'
            } else {
                if ch == '-' {
                    hyphen = true;
                }
                ch
            };
            if class != last {
                shape = mix(shape, u64::from(class));
                last = class;
            }
        }
        let initial_upper = word.chars().next().is_some_and(char::is_uppercase);
        let flags = u64::from(digit)
            | u64::from(hyphen) << 1
            | u64::from(upper) << 2
            | u64::from(upper && !lowercase) << 3
            | u64::from(initial_upper) << 4
            | u64::from(index == 0) << 5
            | u64::from(word.chars().count().min(6) as u8) << 8;
        Lex {
            form: hash_str(word),
            lower: lower_hash,
            prefix,
            suffix,
            shape,
            flags,
            cluster: clusters.path(lower_hash),
            ambiguity: ambiguity.get(&lower_hash).copied().unwrap_or(0),
        }
    }
}
