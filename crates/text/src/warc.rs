//! Reading WARC streams (`.warc`, `.warc.gz`): the HTML pages of their `response` records.
//!
//! A small streaming reader of WARC/1.0 and 1.1 records (header block, `Content-Length` bytes
//! of content), with gzip members decoded on the fly ([`decompressed`]), and of the HTTP
//! responses inside them (status line, headers, chunked transfer coding, gzip/deflate content
//! coding). Only responses whose `Content-Type` is HTML are handed on. This module reads from
//! a reader the caller opened (the binary opens the file); it must never decide what a page
//! means, and never stop at a damaged record without saying so ([`WarcRecordError`]).

use std::io::{BufRead, BufReader, Read};

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

/// Read one line (up to LF); `None` at end of input.
fn read_line(r: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    if r.read_until(b'\n', &mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
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
                None => return Ok(()),
                Some(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Some(l) => break l,
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
                None => {
                    each(problem(record, "truncated header"))?;
                    return Ok(());
                }
                Some(l) if l == b"\r\n" || l == b"\n" => break,
                Some(l) => head.push_str(&String::from_utf8_lossy(&l)),
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
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("bad gzip content: {e}"))?;
            body = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("bad deflate content: {e}"))?;
            body = out;
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
}
