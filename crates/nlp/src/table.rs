//! [`FeatureTable`]: the frozen, quantised weights of a linear classifier, looked up by
//! hashed feature key, and [`Perceptron`]: the averaged perceptron that trains them.
//!
//! A feature's weights are a sparse row of `(class, weight)` entries; scoring a decision
//! adds the rows of its active features into an `i32` score per class. The table is an
//! open-addressing hash table of 64-bit slots (24-bit key fingerprint, row length, row
//! start), so a lookup costs one or two memory reads and allocates nothing.
//!
//! [`SplitTable`] is the parser's variant: three action weights inline in 16-byte slots
//! (four to a cache line) and label rows read only when an arc is built.

use crate::binio::{ByteReader, ByteWriter};
use crate::error::ModelErrorKind;
use rustc_hash::FxHashMap;

/// Quantised weights of a linear classifier over hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureTable {
    n_classes: usize,
    mask: usize,
    slots: Vec<u64>,
    entries: Vec<u32>,
    scale: f32,
}

/// Row-length field value marking a dense row (one `i16` weight per class).
const DENSE: usize = 0xff;

#[inline]
fn fingerprint(key: u64) -> u64 {
    (key >> 40) | 1
}

impl FeatureTable {
    /// Number of classes scored.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features stored.
    pub fn n_features(&self) -> usize {
        self.slots.iter().filter(|&&s| s != 0).count()
    }

    /// Number of stored weight words (sparse entries, or two weights of a dense row).
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Number of `u32` words a dense row takes (two `i16` weights per word).
    #[inline]
    fn dense_words(&self) -> usize {
        self.n_classes.div_ceil(2)
    }

    /// Where a slot's row lives: (start, words, dense).
    #[inline]
    fn span(&self, s: u64) -> (usize, usize, bool) {
        let start = s as u32 as usize;
        let len = ((s >> 32) & 0xff) as usize;
        if len == DENSE {
            (start, self.dense_words(), true)
        } else {
            (start, len + 1, false)
        }
    }

    /// Add the weights of every feature in `keys` to `scores` (one per class).
    ///
    /// Lookups are done in phases (load every first-probe slot, resolve rows, touch every
    /// row, then add) so that the memory reads of different features overlap instead of
    /// waiting on each other behind unpredictable branches.
    #[inline]
    pub fn add_scores(&self, keys: &[u64], scores: &mut [i32]) {
        const CHUNK: usize = 128;
        let mut first = [0u64; CHUNK];
        let mut rows = [0u64; CHUNK];
        for chunk in keys.chunks(CHUNK) {
            for (f, &k) in first.iter_mut().zip(chunk) {
                *f = self.slots[k as usize & self.mask];
            }
            let mut m = 0;
            for (&s0, &k) in first.iter().zip(chunk) {
                let fp = fingerprint(k);
                let mut s = s0;
                let mut i = k as usize & self.mask;
                while s != 0 && s >> 40 != fp {
                    i = (i + 1) & self.mask;
                    s = self.slots[i];
                }
                if s != 0 {
                    rows[m] = s;
                    m += 1;
                }
            }
            let mut touch = 0u32;
            for &s in &rows[..m] {
                touch ^= self.entries.get(s as u32 as usize).copied().unwrap_or(0);
            }
            std::hint::black_box(touch);
            for &s in &rows[..m] {
                let (start, len, dense) = self.span(s);
                let row = self.entries.get(start..start + len).unwrap_or(&[]);
                if dense {
                    for (pair, &e) in scores.chunks_exact_mut(2).zip(row) {
                        pair[0] += i32::from(e as u16 as i16);
                        pair[1] += (e as i32) >> 16;
                    }
                    if self.n_classes % 2 == 1 {
                        if let (Some(last), Some(&e)) =
                            (scores.get_mut(self.n_classes - 1), row.last())
                        {
                            *last += i32::from(e as u16 as i16);
                        }
                    }
                } else {
                    for &e in row {
                        if let Some(s) = scores.get_mut((e & 0xffff) as usize) {
                            *s += (e as i32) >> 16;
                        }
                    }
                }
            }
        }
    }

    /// Build a table from averaged weights: `rows` maps a feature key to its
    /// `(class, weight)` pairs. Weights are quantised to `i16` with one scale for the table;
    /// those below `min_abs` in magnitude or that round to zero are dropped, and so are
    /// features left without weights.
    pub fn build(n_classes: usize, rows: &[(u64, Vec<(u16, f64)>)], min_abs: f64) -> FeatureTable {
        let max_abs = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0.0f64, f64::max);
        let scale = if max_abs > 0.0 {
            max_abs / 32000.0
        } else {
            1.0
        };
        let mut kept: Vec<(u64, Vec<u32>)> = Vec::with_capacity(rows.len());
        for (key, r) in rows {
            let mut packed: Vec<u32> = r
                .iter()
                .filter(|&&(_, w)| w.abs() >= min_abs)
                .filter_map(|&(c, w)| {
                    let q = (w / scale).round() as i32;
                    (q != 0).then_some(u32::from(c) | (((q as i16) as u16 as u32) << 16))
                })
                .collect();
            if packed.is_empty() {
                continue;
            }
            packed.sort_unstable_by_key(|e| e & 0xffff);
            packed.dedup_by_key(|e| *e & 0xffff);
            kept.push((*key, packed));
        }
        kept.sort_unstable_by_key(|(k, _)| *k);
        let cap = (kept.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        let mut entries = Vec::with_capacity(kept.iter().map(|(_, r)| r.len()).sum());
        let dense_words = n_classes.div_ceil(2);
        for (key, packed) in kept {
            let mut i = key as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            let start = entries.len() as u64;
            let len = if packed.len() >= dense_words || packed.len() > 255 {
                let mut dense = vec![0u16; dense_words * 2];
                for e in &packed {
                    dense[(e & 0xffff) as usize] = (e >> 16) as u16;
                }
                entries.extend(
                    dense
                        .chunks_exact(2)
                        .map(|p| u32::from(p[0]) | (u32::from(p[1]) << 16)),
                );
                DENSE as u64
            } else {
                entries.extend_from_slice(&packed);
                packed.len() as u64 - 1
            };
            slots[i] = (fingerprint(key) << 40) | (len << 32) | start;
        }
        FeatureTable {
            n_classes,
            mask,
            slots,
            entries,
            scale: scale as f32,
        }
    }

    /// Serialise into a model file: the table size, then only the occupied slots in index
    /// order, each as the gap from the previous occupied index (LEB128) and the slot word
    /// without its row start; then the rows in the same order (their starts are implied).
    pub fn write(&self, w: &mut ByteWriter) {
        w.len(self.n_classes);
        w.f32(self.scale);
        w.len(self.slots.len());
        let mut bytes = Vec::new();
        let mut rows: Vec<u32> = Vec::with_capacity(self.entries.len());
        let mut prev = 0usize;
        let mut n = 0usize;
        for (i, &s) in self.slots.iter().enumerate().filter(|(_, &s)| s != 0) {
            let mut gap = i - prev;
            prev = i;
            n += 1;
            loop {
                let b = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    bytes.push(b);
                    break;
                }
                bytes.push(b | 0x80);
            }
            bytes.extend_from_slice(&((s >> 32) as u32).to_le_bytes());
            let (start, len, _) = self.span(s);
            rows.extend_from_slice(self.entries.get(start..start + len).unwrap_or(&[]));
        }
        w.len(n);
        w.len(bytes.len());
        w.buf.extend_from_slice(&bytes);
        w.u32s(&rows);
    }

    /// Read back what [`FeatureTable::write`] wrote, checking every slot and entry.
    pub fn read(r: &mut ByteReader<'_>) -> Result<FeatureTable, ModelErrorKind> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let cap = r.u32()? as usize;
        if cap == 0
            || !cap.is_power_of_two()
            || cap > 1 << 28
            || n_classes == 0
            || n_classes > 0x1_0000
        {
            return Err(ModelErrorKind::Invalid("feature table shape"));
        }
        let n = r.len(5)?;
        // A table is at most four times larger than its contents (see `build`), so a
        // corrupt size cannot make loading allocate without bound.
        if n >= cap || cap > (4 * n).max(16) {
            return Err(ModelErrorKind::Invalid("feature table has no empty slot"));
        }
        let n_bytes = r.len(1)?;
        let raw = r.take(n_bytes)?;
        let entries = r.u32s()?;
        let mut table = FeatureTable {
            n_classes,
            mask: cap - 1,
            slots: vec![0u64; cap],
            entries,
            scale,
        };
        let (mut pos, mut index, mut start) = (0usize, 0usize, 0usize);
        for k in 0..n {
            let (mut gap, mut shift) = (0usize, 0);
            loop {
                let Some(&b) = raw.get(pos) else {
                    return Err(ModelErrorKind::Invalid("feature table truncated"));
                };
                pos += 1;
                gap |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
                if shift > 28 {
                    return Err(ModelErrorKind::Invalid("feature table slot"));
                }
            }
            index += gap;
            let Some(c) = raw.get(pos..pos + 4) else {
                return Err(ModelErrorKind::Invalid("feature table truncated"));
            };
            pos += 4;
            let high = u64::from(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
            if (k > 0 && gap == 0) || high >> 8 == 0 || index >= cap || start > u32::MAX as usize {
                return Err(ModelErrorKind::Invalid("feature table slot"));
            }
            let s = (high << 32) | start as u64;
            let (_, len, dense) = table.span(s);
            let Some(row) = table.entries.get(start..start + len) else {
                return Err(ModelErrorKind::Invalid("feature row out of range"));
            };
            if !dense && row.iter().any(|&e| (e & 0xffff) as usize >= n_classes) {
                return Err(ModelErrorKind::Invalid("feature class out of range"));
            }
            table.slots[index] = s;
            start += len;
        }
        if pos != raw.len() || start != table.entries.len() {
            return Err(ModelErrorKind::Invalid("feature table length"));
        }
        Ok(table)
    }
}

#[derive(Debug, Clone, Copy)]
struct Param {
    class: u16,
    weight: i32,
    total: i64,
    stamp: u32,
}

/// An averaged multiclass perceptron over hashed features, for training only.
///
/// Weights are integers (every update is ±1), so training is exact and deterministic;
/// averaging is lazy (each weight remembers when it last changed).
#[derive(Debug, Default)]
pub struct Perceptron {
    n_classes: usize,
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Param>>,
    time: u32,
}

impl Perceptron {
    /// A perceptron with all weights zero.
    pub fn new(n_classes: usize) -> Self {
        Perceptron {
            n_classes,
            ..Default::default()
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Count one training instance (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Add the current (not averaged) weights of `keys` into `scores`.
    pub fn add_scores(&self, keys: &[u64], scores: &mut [i32]) {
        for k in keys {
            if let Some(&ix) = self.index.get(k) {
                for p in &self.rows[ix as usize] {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
    }

    /// Reward `truth` and penalise `guess` on every feature in `keys`.
    pub fn update(&mut self, truth: usize, guess: usize, keys: &[u64]) {
        if truth == guess {
            return;
        }
        for &k in keys {
            let next = self.rows.len() as u32;
            let ix = *self.index.entry(k).or_insert(next);
            if ix == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[ix as usize];
            for (class, delta) in [(truth, 1i32), (guess, -1i32)] {
                let class = class as u16;
                let time = self.time;
                match row.iter_mut().find(|p| p.class == class) {
                    Some(p) => {
                        p.total += i64::from(time - p.stamp) * i64::from(p.weight);
                        p.stamp = time;
                        p.weight += delta;
                    }
                    None => row.push(Param {
                        class,
                        weight: delta,
                        total: 0,
                        stamp: time,
                    }),
                }
            }
        }
    }

    /// The averaged weights frozen into a quantised [`FeatureTable`], dropping weights
    /// smaller than `min_abs` in magnitude.
    pub fn averaged(&self, min_abs: f64) -> FeatureTable {
        FeatureTable::build(self.n_classes, &self.averaged_rows(), min_abs)
    }

    /// The averaged weights of every feature, `(key, [(class, weight)])`.
    pub fn averaged_rows(&self) -> Vec<(u64, Vec<(u16, f64)>)> {
        let time = i64::from(self.time.max(1));
        let mut rows: Vec<(u64, Vec<(u16, f64)>)> = Vec::with_capacity(self.index.len());
        for (&key, &ix) in &self.index {
            let r: Vec<(u16, f64)> = self.rows[ix as usize]
                .iter()
                .map(|p| {
                    let total = p.total + i64::from(self.time - p.stamp) * i64::from(p.weight);
                    (p.class, total as f64 / time as f64)
                })
                .filter(|&(_, w)| w != 0.0)
                .collect();
            if !r.is_empty() {
                rows.push((key, r));
            }
        }
        rows
    }
}

/// One slot of a [`SplitTable`]: a 32-bit key fingerprint (0 = empty), the feature's three
/// action weights inline, and where its label row lives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C, align(16))]
pub struct SplitSlot {
    fp: u32,
    act: [i16; 3],
    len: u16,
    start: u32,
}

/// Four slots on one cache line: a key's probe sequence starts at the first slot of a
/// bucket, so most lookups are resolved by a single memory read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C, align(64))]
struct Bucket([SplitSlot; 4]);

/// Slots of a [`SplitTable`], addressed by slot index.
#[derive(Debug, Clone, PartialEq)]
struct Slots(Vec<Bucket>);

impl Slots {
    fn new(cap: usize) -> Slots {
        Slots(vec![Bucket::default(); cap.div_ceil(4)])
    }
    #[inline]
    fn get(&self, i: usize) -> SplitSlot {
        self.0
            .get(i >> 2)
            .map_or(SplitSlot::default(), |b| b.0[i & 3])
    }
    #[inline]
    fn get_mut(&mut self, i: usize) -> Option<&mut SplitSlot> {
        self.0.get_mut(i >> 2).map(|b| &mut b.0[i & 3])
    }
    fn len(&self) -> usize {
        self.0.len() * 4
    }
    fn iter(&self) -> impl Iterator<Item = &SplitSlot> {
        self.0.iter().flat_map(|b| b.0.iter())
    }
}

/// A feature's quantised action weights and packed label entries, while building.
type MergedRow = ([i16; 3], Vec<u32>);

/// Row-length value of a [`SplitSlot`] marking a dense label row.
const SPLIT_DENSE: u16 = 0xffff;

#[inline]
fn fp32(key: u64) -> u32 {
    ((key >> 32) as u32) | 1
}

/// The weights of a parser that scores a few actions for every state and labels only when
/// an arc is built: each feature's action weights sit in its hash slot (one memory read),
/// its label weights in a separate row read only for arcs.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitTable {
    n_labels: usize,
    mask: usize,
    slots: Slots,
    entries: Vec<u32>,
    act_scale: f32,
    label_scale: f32,
}

impl SplitTable {
    /// Number of label classes.
    pub fn n_labels(&self) -> usize {
        self.n_labels
    }

    /// Number of features stored.
    pub fn n_features(&self) -> usize {
        self.slots.iter().filter(|s| s.fp != 0).count()
    }

    /// Number of stored label weight words.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Add the action weights of every feature in `keys` into `act`, and push the slot
    /// index of every feature found into `found` (for [`SplitTable::add_label_scores`]).
    #[inline]
    pub fn add_action_scores(&self, keys: &[u64], act: &mut [i32; 3], found: &mut Vec<u32>) {
        const CHUNK: usize = 128;
        let mut first = [SplitSlot::default(); CHUNK];
        found.clear();
        for chunk in keys.chunks(CHUNK) {
            for (f, &k) in first.iter_mut().zip(chunk) {
                *f = self.slots.get(k as usize & self.mask & !3);
            }
            for (s0, &k) in first.iter().zip(chunk) {
                let fp = fp32(k);
                let mut i = k as usize & self.mask & !3;
                let mut s = *s0;
                while s.fp != 0 && s.fp != fp {
                    i = (i + 1) & self.mask;
                    s = self.slots.get(i);
                }
                if s.fp != 0 {
                    act[0] += i32::from(s.act[0]);
                    act[1] += i32::from(s.act[1]);
                    act[2] += i32::from(s.act[2]);
                    found.push(i as u32);
                }
            }
        }
    }

    /// Add the label weights of the features `found` by [`SplitTable::add_action_scores`]
    /// for the label classes in `classes` (others may or may not be added).
    #[inline]
    pub fn add_label_scores(
        &self,
        found: &[u32],
        classes: std::ops::Range<usize>,
        scores: &mut [i32],
    ) {
        let (w_lo, w_hi) = (classes.start / 2, classes.end.div_ceil(2));
        for &i in found {
            let s = self.slots.get(i as usize);
            let start = s.start as usize;
            if s.len == SPLIT_DENSE {
                let row = self.entries.get(start + w_lo..start + w_hi).unwrap_or(&[]);
                let out = scores.get_mut(2 * w_lo..).unwrap_or(&mut []);
                for (pair, &e) in out.chunks_mut(2).zip(row) {
                    pair[0] += i32::from(e as u16 as i16);
                    if let Some(p) = pair.get_mut(1) {
                        *p += (e as i32) >> 16;
                    }
                }
            } else if s.len > 0 {
                let row = self
                    .entries
                    .get(start..start + usize::from(s.len))
                    .unwrap_or(&[]);
                for &e in row {
                    if let Some(x) = scores.get_mut((e & 0xffff) as usize) {
                        *x += (e as i32) >> 16;
                    }
                }
            }
        }
    }

    /// Build from averaged action rows (3 classes) and label rows (`n_labels` classes),
    /// quantised to `i16` with one scale each; weights below `act_min` / `label_min` in
    /// magnitude are dropped, and so are features left without weights.
    pub fn build(
        n_labels: usize,
        act_rows: &[(u64, Vec<(u16, f64)>)],
        label_rows: &[(u64, Vec<(u16, f64)>)],
        act_min: f64,
        label_min: f64,
    ) -> SplitTable {
        let scale_of = |rows: &[(u64, Vec<(u16, f64)>)]| {
            let m = rows
                .iter()
                .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
                .fold(0.0f64, f64::max);
            if m > 0.0 {
                m / 32000.0
            } else {
                1.0
            }
        };
        let (act_scale, label_scale) = (scale_of(act_rows), scale_of(label_rows));
        let mut merged: FxHashMap<u64, MergedRow> = FxHashMap::default();
        for (key, r) in act_rows {
            let mut a = [0i16; 3];
            for &(c, w) in r {
                if w.abs() >= act_min && usize::from(c) < 3 {
                    a[usize::from(c)] = (w / act_scale).round() as i16;
                }
            }
            if a != [0; 3] {
                merged.entry(*key).or_default().0 = a;
            }
        }
        for (key, r) in label_rows {
            let mut packed: Vec<u32> = r
                .iter()
                .filter(|&&(c, w)| w.abs() >= label_min && usize::from(c) < n_labels)
                .filter_map(|&(c, w)| {
                    let q = (w / label_scale).round() as i32;
                    (q != 0).then_some(u32::from(c) | (((q as i16) as u16 as u32) << 16))
                })
                .collect();
            if packed.is_empty() {
                continue;
            }
            packed.sort_unstable_by_key(|e| e & 0xffff);
            packed.dedup_by_key(|e| *e & 0xffff);
            merged.entry(*key).or_default().1 = packed;
        }
        let mut kept: Vec<(u64, MergedRow)> = merged.into_iter().collect();
        kept.sort_unstable_by_key(|(k, _)| *k);
        // Load factor at most 3/4: slots are 16 bytes, four to a cache line.
        let cap = (kept.len() + kept.len() / 3 + 1)
            .next_power_of_two()
            .max(16);
        let mask = cap - 1;
        let mut slots = Slots::new(cap);
        let mut entries = Vec::new();
        let dense_words = n_labels.div_ceil(2);
        for (key, (act, packed)) in kept {
            let mut i = key as usize & mask & !3;
            while slots.get(i).fp != 0 {
                i = (i + 1) & mask;
            }
            let start = entries.len() as u32;
            let len = if packed.is_empty() {
                0
            } else if packed.len() >= dense_words || packed.len() >= usize::from(SPLIT_DENSE) {
                let mut dense = vec![0u16; dense_words * 2];
                for e in &packed {
                    dense[(e & 0xffff) as usize] = (e >> 16) as u16;
                }
                entries.extend(
                    dense
                        .chunks_exact(2)
                        .map(|p| u32::from(p[0]) | (u32::from(p[1]) << 16)),
                );
                SPLIT_DENSE
            } else {
                entries.extend_from_slice(&packed);
                packed.len() as u16
            };
            if let Some(slot) = slots.get_mut(i) {
                *slot = SplitSlot {
                    fp: fp32(key),
                    act,
                    len,
                    start,
                };
            }
        }
        SplitTable {
            n_labels,
            mask,
            slots,
            entries,
            act_scale: act_scale as f32,
            label_scale: label_scale as f32,
        }
    }

    /// Serialise into a model file: only the occupied slots, in index order, each as the
    /// gap from the previous occupied index (LEB128), fingerprint, action weights and label
    /// row length; then the label rows in the same order (their starts are implied).
    pub fn write(&self, w: &mut ByteWriter) {
        w.len(self.n_labels);
        w.f32(self.act_scale);
        w.f32(self.label_scale);
        w.len(self.slots.len());
        let used: Vec<(usize, &SplitSlot)> = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.fp != 0)
            .collect();
        w.len(used.len());
        let dense_words = self.n_labels.div_ceil(2);
        let mut bytes = Vec::with_capacity(used.len() * 14);
        let mut rows: Vec<u32> = Vec::with_capacity(self.entries.len());
        let mut prev = 0usize;
        for (i, s) in used {
            let mut gap = i - prev;
            prev = i;
            loop {
                let b = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    bytes.push(b);
                    break;
                }
                bytes.push(b | 0x80);
            }
            bytes.extend_from_slice(&s.fp.to_le_bytes());
            for a in s.act {
                bytes.extend_from_slice(&a.to_le_bytes());
            }
            bytes.extend_from_slice(&s.len.to_le_bytes());
            let len = if s.len == SPLIT_DENSE {
                dense_words
            } else {
                usize::from(s.len)
            };
            let start = s.start as usize;
            rows.extend_from_slice(self.entries.get(start..start + len).unwrap_or(&[]));
        }
        w.len(bytes.len());
        w.buf.extend_from_slice(&bytes);
        w.u32s(&rows);
    }

    /// Read back what [`SplitTable::write`] wrote, checking every slot and row.
    pub fn read(r: &mut ByteReader<'_>) -> Result<SplitTable, ModelErrorKind> {
        let bad = |what| Err(ModelErrorKind::Invalid(what));
        let n_labels = r.u32()? as usize;
        let act_scale = r.f32()?;
        let label_scale = r.f32()?;
        let cap = r.u32()? as usize;
        if cap == 0 || !cap.is_power_of_two() || cap > 1 << 28 || n_labels == 0 {
            return bad("split table shape");
        }
        let n = r.len(13)?;
        if n >= cap || cap > (4 * n).max(16) {
            return bad("split table has no empty slot");
        }
        let n_bytes = r.len(1)?;
        let raw = r.take(n_bytes)?;
        let entries = r.u32s()?;
        let dense_words = n_labels.div_ceil(2);
        let mut slots = Slots::new(cap);
        let mut pos = 0usize;
        let mut index = 0usize;
        let mut start = 0usize;
        for k in 0..n {
            let mut gap = 0usize;
            let mut shift = 0;
            loop {
                let Some(&b) = raw.get(pos) else {
                    return bad("split table truncated");
                };
                pos += 1;
                gap |= usize::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
                if shift > 28 {
                    return bad("split table slot");
                }
            }
            if k > 0 && gap == 0 {
                return bad("split table slot");
            }
            index += gap;
            let Some(c) = raw.get(pos..pos + 12) else {
                return bad("split table truncated");
            };
            pos += 12;
            let i16_at = |o: usize| i16::from_le_bytes([c[o], c[o + 1]]);
            let fp = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let len = u16::from_le_bytes([c[10], c[11]]);
            let words = if len == SPLIT_DENSE {
                dense_words
            } else {
                usize::from(len)
            };
            let Some(row) = entries.get(start..start + words) else {
                return bad("label row out of range");
            };
            if len != SPLIT_DENSE && row.iter().any(|&e| (e & 0xffff) as usize >= n_labels) {
                return bad("label class out of range");
            }
            let Some(slot) = slots.get_mut(index) else {
                return bad("split table slot");
            };
            if fp == 0 {
                return bad("split table slot");
            }
            *slot = SplitSlot {
                fp,
                act: [i16_at(4), i16_at(6), i16_at(8)],
                len,
                start: start as u32,
            };
            start += words;
        }
        if pos != raw.len() || start != entries.len() {
            return bad("split table length");
        }
        Ok(SplitTable {
            n_labels,
            mask: cap - 1,
            slots,
            entries,
            act_scale,
            label_scale,
        })
    }
}
