//! Reading WARC streams (`.warc`, `.warc.gz`): the HTML pages of their `response` records.
//!
//! A small streaming reader of WARC/1.0 and 1.1 records (header block, `Content-Length` bytes
//! of content), with gzip members decoded on the fly ([`decompressed`]), and of the HTTP
//! responses inside them (status line, headers, chunked transfer coding, gzip/deflate content
//! coding). Only responses whose `Content-Type` is HTML are handed on. This module reads from
//! a reader the caller opened (the binary opens the file); it must never decide what a page
//! means, and never stop at a damaged record without saying so ([`WarcRecordError`]).

use std::io::{BufRead, BufReader, Read};

use crate::lines::{read_line_bounded, LineRead};

/// A page found in a WARC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Target-URI`.
    pub uri: String,
    /// The day of `WARC-Date` (YYYY-MM-DD), if present.
    pub date: Option<String>,
    /// The HTML body, decoded from its transfer and content codings.
    pub body: Vec<u8>,
}

/// A damaged WARC record: which record (1-based), its target URI when known, and what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("record {record}{}: {message}", uri.as_deref().map(|u| format!(" ({u})")).unwrap_or_default())]
pub struct WarcRecordError {
    /// 1-based number of the record in the stream.
    pub record: usize,
    /// The record's `WARC-Target-URI`, when the problem is in its HTTP response.
    pub uri: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// What reading a WARC stream gave: a page, or a problem with one record.
pub type WarcItem = Result<WarcPage, WarcRecordError>;

fn problem(record: usize, message: impl Into<String>) -> WarcItem {
    Err(WarcRecordError {
        record,
        uri: None,
        message: message.into(),
    })
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn parse_headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The longest record a page is read from (Common Crawl truncates its records at 1 MiB); a
/// longer record is skipped, read through without being kept, and reported.
pub const MAX_RECORD_BYTES: u64 = 32 << 20;

/// The most bytes a page's body may decode to from its gzip or deflate content coding; a
/// page that inflates further (a gzip bomb) is reported, not kept.
pub const MAX_PAGE_BYTES: u64 = 32 << 20;

/// The longest header line of a WARC record; a longer one ends the walk (the stream is not
/// WARC there, and its record boundary is lost).
pub const MAX_HEADER_LINE_BYTES: u64 = 64 << 10;

/// The longest header block of a WARC record; a longer one ends the walk too.
pub const MAX_HEADER_BYTES: u64 = 1 << 20;

/// A line of the stream: its bytes (up to LF), or how it failed to be one.
enum Line {
    Bytes(Vec<u8>),
    TooLong,
    End,
}

/// Read one line (up to LF), at most [`MAX_HEADER_LINE_BYTES`] of it.
fn read_line(r: &mut impl BufRead) -> std::io::Result<Line> {
    let mut line = Vec::new();
    Ok(
        match read_line_bounded(r, &mut line, MAX_HEADER_LINE_BYTES)? {
            LineRead::TooLong => Line::TooLong,
            LineRead::Line if line.is_empty() => Line::End,
            LineRead::Line => Line::Bytes(line),
        },
    )
}

/// Decode `body` through `decoder`, refusing more than [`MAX_PAGE_BYTES`].
fn inflate(decoder: impl Read, coding: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad {coding} content: {e}"))?;
    if out.len() as u64 > MAX_PAGE_BYTES {
        return Err(format!(
            "{coding} content inflates past {} MiB",
            MAX_PAGE_BYTES >> 20
        ));
    }
    Ok(out)
}

/// The WARC stream of `r`, gzip-decoded (every member) when `gzip` is set (a `.gz` name) or
/// the bytes start with the gzip magic number.
pub fn decompressed<'r>(
    mut r: impl BufRead + 'r,
    gzip: bool,
) -> std::io::Result<Box<dyn BufRead + 'r>> {
    let magic = r.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if magic || gzip {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(r),
        )))
    } else {
        Ok(Box::new(r))
    }
}

/// Call `each` with every HTML page (or record problem) of a WARC stream, in order. Stops at
/// the first record whose length cannot be known (the stream cannot be resynchronised).
/// A read error of the stream ends the walk with that error; an error `each` returns too.
pub fn for_each_page<E: From<std::io::Error>>(
    mut r: impl BufRead,
    mut each: impl FnMut(WarcItem) -> Result<(), E>,
) -> Result<(), E> {
    let mut record = 0usize;
    loop {
        // Skip the blank lines between records.
        let first = loop {
            match read_line(&mut r)? {
                Line::End => return Ok(()),
                Line::TooLong => {
                    each(problem(record + 1, too_long_line("between records")))?;
                    return Ok(());
                }
                Line::Bytes(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Bytes(l) => break l,
            }
        };
        record += 1;
        if !first.starts_with(b"WARC/") {
            each(problem(
                record,
                "expected a WARC/ version line; the rest of the file is skipped",
            ))?;
            return Ok(());
        }
        let mut head = String::new();
        loop {
            match read_line(&mut r)? {
                Line::End => {
                    each(problem(record, "truncated header"))?;
                    return Ok(());
                }
                Line::TooLong => {
                    each(problem(record, too_long_line("in the header")))?;
                    return Ok(());
                }
                Line::Bytes(l) if l == b"\r\n" || l == b"\n" => break,
                Line::Bytes(l) => head.push_str(&String::from_utf8_lossy(&l)),
            }
            if head.len() as u64 > MAX_HEADER_BYTES {
                each(problem(
                    record,
                    format!(
                        "header longer than {} MiB; the rest of the file is skipped",
                        MAX_HEADER_BYTES >> 20
                    ),
                ))?;
                return Ok(());
            }
        }
        let headers = parse_headers(&head);
        let Some(len) = header(&headers, "Content-Length").and_then(|v| v.parse::<u64>().ok())
        else {
            each(problem(
                record,
                "no Content-Length; the rest of the file is skipped",
            ))?;
            return Ok(());
        };
        if len > MAX_RECORD_BYTES {
            let skipped = std::io::copy(&mut (&mut r).take(len), &mut std::io::sink())?;
            if skipped < len {
                each(problem(record, "truncated content"))?;
                return Ok(());
            }
            each(problem(
                record,
                format!(
                    "record of {len} bytes is larger than the {} MiB limit",
                    MAX_RECORD_BYTES >> 20
                ),
            ))?;
            continue;
        }
        let mut block = Vec::with_capacity(usize::try_from(len.min(1 << 24)).unwrap_or(0));
        (&mut r).take(len).read_to_end(&mut block)?;
        if (block.len() as u64) < len {
            each(problem(record, "truncated content"))?;
            return Ok(());
        }
        if !header(&headers, "WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
            continue;
        }
        let uri = header(&headers, "WARC-Target-URI")
            .unwrap_or("")
            .trim_matches(['<', '>'])
            .to_string();
        let date = header(&headers, "WARC-Date")
            .and_then(|d| d.get(..10))
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            .map(str::to_string);
        match http_html_body(&block) {
            Ok(Some(body)) => each(Ok(WarcPage { uri, date, body }))?,
            Ok(None) => {}
            Err(message) => each(Err(WarcRecordError {
                record,
                uri: Some(uri),
                message,
            }))?,
        }
    }
}

fn too_long_line(place: &str) -> String {
    format!(
        "a line {place} is longer than {} KiB; the rest of the file is skipped",
        MAX_HEADER_LINE_BYTES >> 10
    )
}

/// The body of an HTTP response if it is HTML (`Ok(None)` when it is not).
fn http_html_body(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        });
    let Some((head_end, body_start)) = split else {
        return Err("HTTP response without a header end".to_string());
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    if !head.starts_with("HTTP/") {
        return Err("not an HTTP response".to_string());
    }
    let headers = parse_headers(head.split_once('\n').map_or("", |(_, rest)| rest));
    let ctype = header(&headers, "Content-Type").unwrap_or("text/html");
    let ctype = ctype.to_ascii_lowercase();
    if !(ctype.contains("text/html") || ctype.contains("xhtml")) {
        return Ok(None);
    }
    let mut body = block[body_start..].to_vec();
    if header(&headers, "Transfer-Encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        body = dechunk(&body)?;
    }
    match header(&headers, "Content-Encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gzip") | Some("x-gzip") => {
            body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), "gzip")?;
        }
        Some("deflate") => {
            body = inflate(flate2::read::ZlibDecoder::new(&body[..]), "deflate")?;
        }
        _ => {}
    }
    Ok(Some(body))
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.iter().position(|&b| b == b'\n') else {
            return Err("truncated chunked body".to_string());
        };
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| format!("bad chunk size {size_hex:?}"))?;
        data = &data[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = data.get(..size).ok_or("truncated chunk")?;
        out.extend_from_slice(chunk);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-02-11T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_html_responses_only() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record(
            "response",
            "https://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>",
        ));
        warc.extend(record(
            "response",
            "https://a.example/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(record(
            "response",
            "https://a.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n5\r\n!</p>\r\n0\r\n\r\n",
        ));
        let mut pages = Vec::new();
        for_each_page(&warc[..], |p| {
            pages.push(p);
            Ok::<(), std::io::Error>(())
        })
        .expect("reads");
        assert_eq!(pages.len(), 2, "{pages:?}");
        let p0 = pages[0].as_ref().expect("page");
        assert_eq!(p0.uri, "https://a.example/1");
        assert_eq!(p0.date.as_deref(), Some("2024-02-11"));
        assert_eq!(p0.body, b"<p>Hello</p>");
        assert_eq!(pages[1].as_ref().expect("page").body, b"<p>Hi!</p>");
    }

    #[test]
    fn damaged_record_is_reported() {
        let warc = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx".to_vec();
        let mut items = Vec::new();
        for_each_page(&warc[..], |p| {
            items.push(p);
            Ok::<(), std::io::Error>(())
        })
        .expect("reads");
        assert!(
            matches!(items.as_slice(), [Err(e)] if e.to_string() == "record 1: no Content-Length; the rest of the file is skipped")
        );
    }

    fn items_of(warc: &[u8]) -> Vec<WarcItem> {
        let mut items = Vec::new();
        for_each_page(warc, |p| {
            items.push(p);
            Ok::<(), std::io::Error>(())
        })
        .expect("reads");
        items
    }

    fn page(uri: &str) -> Vec<u8> {
        record(
            "response",
            uri,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>after</p>",
        )
    }

    #[test]
    fn a_gzip_bomb_in_a_page_is_reported_and_the_next_page_read() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..=(MAX_PAGE_BYTES >> 20) {
            gz.write_all(&zeros).expect("gzip");
        }
        let bomb = gz.finish().expect("gzip");
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        http.extend_from_slice(&bomb);
        let mut warc = record("response", "https://a.example/bomb", &http);
        warc.extend(page("https://a.example/next"));
        let items = items_of(&warc);
        assert_eq!(items.len(), 2, "{items:?}");
        let e = items[0].as_ref().expect_err("the bomb is refused");
        assert!(e.to_string().contains("inflates past 32 MiB"), "{e}");
        assert_eq!(items[1].as_ref().expect("page").body, b"<p>after</p>");
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_and_the_next_one_read() {
        let big = vec![b'x'; (MAX_RECORD_BYTES + 1) as usize];
        let mut warc = record("response", "https://a.example/big", &big);
        warc.extend(page("https://a.example/next"));
        let items = items_of(&warc);
        assert_eq!(items.len(), 2, "{items:?}");
        let e = items[0].as_ref().expect_err("skipped");
        assert!(
            e.to_string().contains("larger than the 32 MiB limit"),
            "{e}"
        );
        assert_eq!(
            items[1].as_ref().expect("page").uri,
            "https://a.example/next"
        );
    }

    #[test]
    fn a_header_line_without_end_stops_the_walk_without_reading_it_all() {
        let mut warc = b"WARC/1.0\r\nWARC-Type: ".to_vec();
        warc.extend(std::iter::repeat_n(b'a', 1 << 20));
        let items = items_of(&warc);
        let [Err(e)] = items.as_slice() else {
            panic!("{items:?}");
        };
        assert!(e.to_string().contains("longer than 64 KiB"), "{e}");
    }

    #[test]
    fn a_warc_date_with_replacement_characters_is_no_date() {
        // found by the warc fuzz target: a lossily decoded header gave a "day" of ten bytes
        // that were not ten characters
        let warc = String::from_utf8(record(
            "response",
            "https://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
        ))
        .expect("utf-8")
        .replace("2024-02-11", "20\u{fffd}\u{fffd}-11");
        let items = items_of(warc.as_bytes());
        assert_eq!(items[0].as_ref().expect("page").date, None);
    }
}
