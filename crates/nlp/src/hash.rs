//! Stable 64-bit hashing of feature atoms (strings, small integers) and their combinations.
//!
//! The hashes are part of the model file format: a feature is stored by its hash, so these
//! functions must never change without bumping the model format version. They do not
//! depend on the platform, the process or any random state.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Hash a byte string (FNV-1a over the bytes, then a final mix).
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

/// A fast 64-bit checksum of a large byte slice (four independent lanes of 8 bytes, so
/// that the multiplications overlap), for model files.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut lanes: [u64; 4] = [bytes.len() as u64, 1, 2, 3];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (k, lane) in lanes.iter_mut().enumerate() {
            let o = 8 * k;
            let w = u64::from_le_bytes([
                c[o],
                c[o + 1],
                c[o + 2],
                c[o + 3],
                c[o + 4],
                c[o + 5],
                c[o + 6],
                c[o + 7],
            ]);
            *lane = (lane.rotate_left(23) ^ w).wrapping_mul(K);
        }
    }
    let mut h = lanes
        .iter()
        .fold(0u64, |h, &l| (h.rotate_left(23) ^ fmix(l)).wrapping_mul(K));
    for &b in chunks.remainder() {
        h = (h.rotate_left(23) ^ u64::from(b)).wrapping_mul(K);
    }
    fmix(h)
}

/// Hash a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Combine a running hash with one more atom.
#[inline]
pub fn mix(h: u64, atom: u64) -> u64 {
    (h.rotate_left(5) ^ atom).wrapping_mul(K)
}

/// The murmur3 64-bit finaliser: spreads every input bit over every output bit.
#[inline]
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A feature key from a template number and up to a few atoms.
#[inline]
pub fn feat(template: u64, atoms: &[u64]) -> u64 {
    let mut h = template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x1234_5678;
    for &a in atoms {
        h = mix(h, a);
    }
    fmix(h)
}

/// A small deterministic pseudo-random generator (SplitMix64) for shuffling and
/// exploration during training.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % (n.max(1) as u64)) as usize
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffle a slice in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}
