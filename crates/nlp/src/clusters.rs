//! Hierarchical word clusters learnt from unlabeled text, used as tagger and parser
//! features so that words rare in the treebank borrow evidence from similar words.
//!
//! Like Brown clusters, each word gets a bit-string path in a binary tree and features use
//! prefixes of several lengths. The tree is built by divisive clustering: each word is
//! described by its left and right neighbours (square-root of the context distribution,
//! randomly projected to a dense vector with a fixed seed), and sets of words are split in
//! two recursively by spherical 2-means. This is deterministic and takes about a second on a
//! few hundred thousand words.

use crate::binio::{ByteReader, ByteWriter};
use crate::error::ModelErrorKind;
use crate::hash::{fmix, hash_str};
use crate::lexical::normalise;
use rustc_hash::FxHashMap;

/// Word → cluster path (a leading 1 bit followed by the path bits, root first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordClusters {
    map: FxHashMap<u64, u32>,
}

/// Options for [`WordClusters::train`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words seen fewer times are not clustered.
    pub min_count: usize,
    /// At most this many (most frequent) words are clustered.
    pub max_words: usize,
    /// Number of most frequent words used as left and right contexts.
    pub contexts: usize,
    /// Dimension of the projected context vectors.
    pub dims: usize,
    /// Maximum depth of the tree (path length in bits).
    pub max_depth: u32,
    /// Seed of the random projection.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 2,
            max_words: 40_000,
            contexts: 800,
            dims: 96,
            max_depth: 16,
            seed: 7,
        }
    }
}

/// Split raw text into rough word tokens for cluster training: runs of letters and digits
/// (keeping inner `.`, `,`, `-`, `'` between alphanumerics), every other non-space character
/// alone, and English clitics (`n't`, `'s`, `'re`, ...) split off as treebanks do.
pub fn rough_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '.' | ',' | '-' | '\'' | '’')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let word = &text[start..end];
            let lower_end = word.to_ascii_lowercase();
            let split = if lower_end.ends_with("n't") && word.len() > 3 {
                Some(word.len() - 3)
            } else {
                ["'s", "'re", "'ve", "'ll", "'d", "'m"]
                    .iter()
                    .find(|s| lower_end.ends_with(*s) && word.len() > s.len())
                    .map(|s| word.len() - s.len())
            };
            match split {
                Some(k) if word.is_char_boundary(k) => {
                    out.push(&word[..k]);
                    out.push(&word[k..]);
                }
                _ => out.push(word),
            }
            i = j;
        } else {
            out.push(&text[start..start + c.len_utf8()]);
            i += 1;
        }
    }
    out
}

impl WordClusters {
    /// No clusters at all (every word unknown).
    pub fn empty() -> Self {
        WordClusters::default()
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Cluster path of a word given the hash of its normalised form; 0 when unknown.
    #[inline]
    pub fn path(&self, normalised_hash: u64) -> u32 {
        self.map.get(&normalised_hash).copied().unwrap_or(0)
    }

    /// Learn clusters from sentences of word tokens.
    pub fn train<'a, I>(sentences: I, opts: &ClusterOptions) -> WordClusters
    where
        I: IntoIterator<Item = Vec<&'a str>>,
    {
        // Count words and keep the token stream as vocabulary ids (u32::MAX = boundary).
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut names: Vec<String> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut stream: Vec<u32> = Vec::new();
        let mut buf = String::new();
        for sent in sentences {
            stream.push(u32::MAX);
            for w in sent {
                normalise(w, &mut buf);
                let id = match ids.get(buf.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = names.len() as u32;
                        ids.insert(buf.clone(), id);
                        names.push(buf.clone());
                        counts.push(0);
                        id
                    }
                };
                counts[id as usize] += 1;
                stream.push(id);
            }
        }
        stream.push(u32::MAX);
        // Rank words by frequency (ties by spelling, for determinism).
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_by(|&a, &b| {
            counts[b as usize]
                .cmp(&counts[a as usize])
                .then(names[a as usize].cmp(&names[b as usize]))
        });
        let mut rank = vec![u32::MAX; names.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let n_words = order
            .iter()
            .take(opts.max_words)
            .take_while(|&&id| counts[id as usize] >= opts.min_count)
            .count();
        if n_words < 2 {
            return WordClusters::empty();
        }
        let n_ctx = opts.contexts.min(names.len());
        // Context counts: left contexts are 0..n_ctx, right ones n_ctx..2*n_ctx, and one
        // "other" bucket on each side plus a boundary bucket.
        let width = 2 * n_ctx + 4;
        let mut ctx: Vec<FxHashMap<u32, u32>> = vec![FxHashMap::default(); n_words];
        let ctx_id = |tok: u32, side: usize| -> u32 {
            if tok == u32::MAX {
                (2 * n_ctx + 2 + side) as u32
            } else {
                let r = rank[tok as usize] as usize;
                if r < n_ctx {
                    (side * n_ctx + r) as u32
                } else {
                    (2 * n_ctx + side) as u32
                }
            }
        };
        for i in 1..stream.len().saturating_sub(1) {
            let t = stream[i];
            if t == u32::MAX {
                continue;
            }
            let r = rank[t as usize] as usize;
            if r >= n_words {
                continue;
            }
            *ctx[r].entry(ctx_id(stream[i - 1], 0)).or_insert(0) += 1;
            *ctx[r].entry(ctx_id(stream[i + 1], 1)).or_insert(0) += 1;
        }
        // Random projection of sqrt(p(context | word)).
        let dims = opts.dims.max(2);
        let proj_matrix: Vec<f32> = (0..width * dims)
            .map(|i| {
                if fmix(opts.seed ^ ((i as u64) << 8)) & 1 == 0 {
                    1.0
                } else {
                    -1.0
                }
            })
            .collect();
        let mut vecs = vec![0f32; n_words * dims];
        for (r, m) in ctx.iter().enumerate() {
            let total: u32 = m.values().sum();
            let mut entries: Vec<(u32, u32)> = m.iter().map(|(&c, &n)| (c, n)).collect();
            entries.sort_unstable();
            let v = &mut vecs[r * dims..(r + 1) * dims];
            for (c, n) in entries {
                let x = (n as f32 / total.max(1) as f32).sqrt();
                let row = &proj_matrix[c as usize * dims..(c as usize + 1) * dims];
                for (slot, p) in v.iter_mut().zip(row) {
                    *slot += x * p;
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| *x /= norm);
        }
        let weights: Vec<f32> = (0..n_words)
            .map(|r| (counts[order[r] as usize] as f32).ln_1p())
            .collect();
        let mut paths = vec![1u32; n_words];
        let all: Vec<usize> = (0..n_words).collect();
        bisect(
            &all,
            1,
            0,
            opts.max_depth,
            &vecs,
            dims,
            &weights,
            &mut paths,
        );
        let mut map = FxHashMap::default();
        for (r, &p) in paths.iter().enumerate() {
            map.insert(hash_str(&names[order[r] as usize]), p);
        }
        WordClusters { map }
    }

    /// Serialise into a model file (sorted by key, so the bytes are deterministic).
    pub fn write(&self, w: &mut ByteWriter) {
        let mut items: Vec<(u64, u32)> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        items.sort_unstable();
        w.len(items.len());
        for (k, v) in items {
            w.u64(k);
            w.u32(v);
        }
    }

    /// Read back what [`WordClusters::write`] wrote.
    pub fn read(r: &mut ByteReader<'_>) -> Result<WordClusters, ModelErrorKind> {
        let n = r.len(12)?;
        let mut map = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u32()?;
            map.insert(k, v);
        }
        Ok(WordClusters { map })
    }
}

#[allow(clippy::too_many_arguments)]
fn bisect(
    set: &[usize],
    path: u32,
    depth: u32,
    max_depth: u32,
    vecs: &[f32],
    dims: usize,
    weights: &[f32],
    paths: &mut [u32],
) {
    for &w in set {
        paths[w] = path;
    }
    if depth >= max_depth || set.len() < 4 {
        return;
    }
    let v = |w: usize| &vecs[w * dims..(w + 1) * dims];
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    // Seeds: the most frequent word (set is in frequency order) and the word least like it.
    let a = set[0];
    let b = set
        .iter()
        .copied()
        .min_by(|&x, &y| dot(v(a), v(x)).total_cmp(&dot(v(a), v(y))))
        .unwrap_or(a);
    let mut c0: Vec<f32> = v(a).to_vec();
    let mut c1: Vec<f32> = v(b).to_vec();
    let mut side = vec![false; set.len()];
    for _ in 0..8 {
        let mut changed = false;
        for (i, &w) in set.iter().enumerate() {
            let s = dot(v(w), &c1) > dot(v(w), &c0);
            if s != side[i] {
                side[i] = s;
                changed = true;
            }
        }
        let mut n0 = vec![0f32; dims];
        let mut n1 = vec![0f32; dims];
        for (i, &w) in set.iter().enumerate() {
            let target = if side[i] { &mut n1 } else { &mut n0 };
            for (t, x) in target.iter_mut().zip(v(w)) {
                *t += weights[w] * x;
            }
        }
        for c in [&mut n0, &mut n1] {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            c.iter_mut().for_each(|x| *x /= norm);
        }
        c0 = n0;
        c1 = n1;
        if !changed {
            break;
        }
    }
    let left: Vec<usize> = set
        .iter()
        .zip(&side)
        .filter(|(_, &s)| !s)
        .map(|(&w, _)| w)
        .collect();
    let right: Vec<usize> = set
        .iter()
        .zip(&side)
        .filter(|(_, &s)| s)
        .map(|(&w, _)| w)
        .collect();
    if left.is_empty() || right.is_empty() {
        return;
    }
    bisect(
        &left,
        path << 1,
        depth + 1,
        max_depth,
        vecs,
        dims,
        weights,
        paths,
    );
    bisect(
        &right,
        (path << 1) | 1,
        depth + 1,
        max_depth,
        vecs,
        dims,
        weights,
        paths,
    );
}
