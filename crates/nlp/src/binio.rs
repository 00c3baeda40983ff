//! Little-endian byte writing and bounds-checked reading for the model file format.
//!
//! [`ByteReader`] never panics: reading past the end is [`ModelErrorKind::Truncated`].

use crate::error::ModelErrorKind;

/// Appends little-endian values to a byte vector.
#[derive(Debug, Default)]
pub struct ByteWriter {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl ByteWriter {
    /// Write one byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Write a u32.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Write a u64.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Write an f32.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Write a length (as u32).
    pub fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    /// Write a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Write a length-prefixed list of strings.
    pub fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
    /// Write a length-prefixed slice of u32.
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }
    /// Write a length-prefixed slice of u64.
    pub fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        for &x in v {
            self.u64(x);
        }
    }
}

/// Reads little-endian values from a byte slice, failing cleanly at its end.
#[derive(Debug)]
pub struct ByteReader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        ByteReader { buf, pos: 0 }
    }
    /// Whether every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
    /// Take the next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelErrorKind> {
        let end = self.pos.checked_add(n).ok_or(ModelErrorKind::Truncated)?;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or(ModelErrorKind::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], ModelErrorKind> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    /// Read one byte.
    pub fn u8(&mut self) -> Result<u8, ModelErrorKind> {
        Ok(self.arr::<1>()?[0])
    }
    /// Read a u32.
    pub fn u32(&mut self) -> Result<u32, ModelErrorKind> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    /// Read a u64.
    pub fn u64(&mut self) -> Result<u64, ModelErrorKind> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    /// Read an f32.
    pub fn f32(&mut self) -> Result<f32, ModelErrorKind> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
    /// Read a length, checking that at least `min_item_bytes * len` bytes remain.
    pub fn len(&mut self, min_item_bytes: usize) -> Result<usize, ModelErrorKind> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_item_bytes) > self.buf.len() - self.pos {
            return Err(ModelErrorKind::Truncated);
        }
        Ok(n)
    }
    /// Read a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<String, ModelErrorKind> {
        let n = self.len(1)?;
        let b = self.take(n)?;
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|_| ModelErrorKind::Invalid("bad UTF-8 in a string"))
    }
    /// Read a length-prefixed list of strings.
    pub fn strs(&mut self) -> Result<Vec<String>, ModelErrorKind> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    /// Read a length-prefixed slice of u32.
    pub fn u32s(&mut self) -> Result<Vec<u32>, ModelErrorKind> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    /// Read a length-prefixed slice of u64.
    pub fn u64s(&mut self) -> Result<Vec<u64>, ModelErrorKind> {
        let n = self.len(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
}
