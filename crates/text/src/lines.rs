//! Reading a stream a line at a time with a bound on each line, so that one endless line (a
//! 100 MB page without a newline, a gzip bomb) is reported instead of being held in memory.
//! Shared by the WARC reader and the binary's JSONL loop. It reads from a reader the caller
//! opened and must never decide what a line means.

use std::io::{BufRead, Read};

/// What one bounded line read gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRead {
    /// The whole line (with its LF, unless the input ended first) is in the buffer; nothing
    /// was appended at the end of the input.
    Line,
    /// The line is longer than the limit: the buffer holds its first `limit` bytes, and the
    /// reader stands inside the line.
    TooLong,
}

/// Append one line of `reader` (up to and with its LF) to `buf`, reading at most `limit`
/// bytes of it.
pub fn read_line_bounded(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<LineRead> {
    let start = buf.len();
    let n = reader.take(limit).read_until(b'\n', buf)?;
    Ok(
        if n as u64 == limit && buf[start..].last() != Some(&b'\n') {
            LineRead::TooLong
        } else {
            LineRead::Line
        },
    )
}

/// Read and drop the rest of the current line, up to and with its LF (or to the end of the
/// input).
pub fn skip_rest_of_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(k) = chunk.iter().position(|&b| b == b'\n') {
            reader.consume(k + 1);
            return Ok(());
        }
        let n = chunk.len();
        reader.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_over_the_limit_is_cut_and_its_rest_skipped() {
        let mut r: &[u8] = b"short\nabcdefghij\nnext\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(LineRead::TooLong)
        );
        assert_eq!(buf, b"abcdefgh");
        skip_rest_of_line(&mut r).expect("skips");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"next\n");
        buf.clear();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(LineRead::Line)
        );
        assert!(buf.is_empty(), "the end of the input");
    }

    #[test]
    fn a_line_of_exactly_the_limit_with_its_newline_is_whole() {
        let mut r: &[u8] = b"abcdefg\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 8).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"abcdefg\n");
    }
}
