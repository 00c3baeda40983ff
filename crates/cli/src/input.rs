//! Reading the command line's inputs: files and stdin, in text, HTML or JSONL.
//!
//! This is the only place the text stage's documents come from disk. Every problem is reported
//! on stderr naming the input (and the line, for JSONL); nothing here decides what a document
//! means.

use std::io::{BufRead, Read};
use std::path::Path;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use dyad_core::{Body, Date, DocumentMeta, RawDocument, SegmentedDocument};
use dyad_text::lines::{read_line_bounded, skip_rest_of_line, LineRead};
use dyad_text::{decode_lossy, detect_format, jsonl_document, parse_date_prefix, InputFormat};

/// `--input` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// By extension (.html/.htm, .jsonl), else by content.
    Auto,
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// One JSON document a line.
    Jsonl,
    /// CoNLL-U (only `dyad parse`): sentences and words are kept as given.
    Conllu,
}

/// Input options shared by `sentences`, `parse` and `code`.
#[derive(Debug, Args)]
pub struct InputOptions {
    /// Files to read; `-` (or nothing) reads stdin.
    #[arg(value_name = "PATH|-")]
    pub paths: Vec<String>,
    /// How the input is written.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    /// Publication date for text/html input (YYYY-MM-DD); JSONL lines carry their own.
    #[arg(long, value_parser = parse_date_arg)]
    pub date: Option<Date>,
    /// Document id for a single text/html input (default: the file name).
    #[arg(long)]
    pub id: Option<String>,
}

fn parse_date_arg(s: &str) -> Result<Date, String> {
    parse_date_prefix(s)
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("{s:?} is not a YYYY-MM-DD date"))
}

/// What reading the inputs found wrong, for the exit status.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// JSONL lines skipped.
    pub skipped_lines: usize,
    /// Inputs that could not be read at all.
    pub unreadable: usize,
}

/// The largest document dyad reads (a text or HTML input, a JSONL line): a news article is
/// rarely above 1 MiB, and anything much larger is not one article. A larger input is
/// reported and skipped without being read into memory.
pub const MAX_DOCUMENT_BYTES: u64 = 16 << 20;

fn too_large() -> String {
    format!(
        "longer than {} MiB, the most one document may be",
        MAX_DOCUMENT_BYTES >> 20
    )
}

/// One whole JSONL line as a document; a blank line gives none, and a malformed one is
/// reported on stderr (with its number) and counted as skipped. The first line that needed
/// replacement characters is warned about once per input.
fn jsonl_line(
    line: &[u8],
    label: &str,
    number: usize,
    lossy_warned: &mut bool,
    report: &mut ReadReport,
) -> Option<RawDocument> {
    let (text, lossy) = decode_lossy(line);
    if lossy && !*lossy_warned {
        eprintln!("dyad: warning: {label}: invalid UTF-8, decoded with replacement characters");
        *lossy_warned = true;
    }
    if text.trim().is_empty() {
        return None;
    }
    match jsonl_document(text.trim_end_matches(['\n', '\r'])) {
        Ok(doc) => Some(doc),
        Err(message) => {
            eprintln!("dyad: error: {label}, line {number}: {message}; line skipped");
            report.skipped_lines += 1;
            None
        }
    }
}

/// Read every input and hand each document to `each`, reporting problems on stderr.
pub fn for_each_document(
    opts: &InputOptions,
    mut each: impl FnMut(RawDocument) -> Result<()>,
) -> Result<ReadReport> {
    let mut report = ReadReport::default();
    let paths: Vec<String> = if opts.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.paths.clone()
    };
    if opts.id.is_some() && paths.len() > 1 {
        anyhow::bail!(
            "--id names a single document, but {} inputs were given",
            paths.len()
        );
    }
    for path in &paths {
        let (label, mut reader) = match open_input(path) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("dyad: error: {e:#}");
                report.unreadable += 1;
                continue;
            }
        };
        let name = (path != "-").then_some(path.as_str());
        // The first line that is not blank tells a JSONL stream, which is then read a line
        // at a time (memory stays flat however long it is); anything else is one document,
        // read whole.
        let mut lead = Vec::new();
        let mut first = Vec::new();
        let mut number = 0usize;
        let mut line_read = loop {
            first.clear();
            let read = read_line_bounded(reader.as_mut(), &mut first, MAX_DOCUMENT_BYTES)
                .with_context(|| format!("cannot read {label}"))?;
            number += 1;
            if first.is_empty() || !first.iter().all(u8::is_ascii_whitespace) {
                break read;
            }
            lead.extend_from_slice(&first);
            if lead.len() as u64 > MAX_DOCUMENT_BYTES {
                break LineRead::TooLong;
            }
        };
        let (head, _) = decode_lossy(&first);
        let format = match opts.input {
            // a first line too long to be read whole cannot be checked as JSON: its opening
            // brace decides
            InputArg::Auto
                if line_read == LineRead::TooLong && head.trim_start().starts_with('{') =>
            {
                InputFormat::Jsonl
            }
            InputArg::Auto => detect_format(name, &head),
            InputArg::Text => InputFormat::Text,
            InputArg::Html => InputFormat::Html,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Conllu => {
                anyhow::bail!("--input conllu is only accepted by `dyad parse`")
            }
        };
        if format == InputFormat::Jsonl {
            let mut lossy_warned = false;
            let mut line = first;
            while !line.is_empty() {
                if line_read == LineRead::TooLong {
                    eprintln!(
                        "dyad: error: {label}, line {number}: {}; line skipped",
                        too_large()
                    );
                    report.skipped_lines += 1;
                    skip_rest_of_line(reader.as_mut())
                        .with_context(|| format!("cannot read {label}, line {number}"))?;
                } else if let Some(doc) =
                    jsonl_line(&line, &label, number, &mut lossy_warned, &mut report)
                {
                    each(doc)?;
                }
                line = Vec::new();
                line_read = read_line_bounded(reader.as_mut(), &mut line, MAX_DOCUMENT_BYTES)
                    .with_context(|| format!("cannot read {label}, line {}", number + 1))?;
                number += 1;
            }
            continue;
        }
        let mut bytes = lead;
        bytes.extend_from_slice(&first);
        let room = (MAX_DOCUMENT_BYTES + 1).saturating_sub(bytes.len() as u64);
        reader
            .take(room)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {label}"))?;
        if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
            eprintln!("dyad: error: {label}: {}; skipped", too_large());
            report.unreadable += 1;
            continue;
        }
        let (content, lossy) = decode_lossy(&bytes);
        if lossy {
            eprintln!("dyad: warning: {label}: invalid UTF-8, decoded with replacement characters");
        }
        let format = match opts.input {
            InputArg::Auto => detect_format(name, &content),
            _ => format,
        };
        let id = opts.id.clone().unwrap_or_else(|| default_id(path));
        let body = if format == InputFormat::Html {
            Body::Html(content.into_owned())
        } else {
            Body::Text(content.into_owned())
        };
        each(RawDocument {
            meta: DocumentMeta {
                id,
                date: opts.date,
                ..Default::default()
            },
            body,
        })?;
    }
    Ok(report)
}

/// A page fetched from the web (a WARC record, a feed's article) as a document: its bytes
/// decoded (lossy UTF-8) as HTML or text, its id and URL as given. Returns the document and
/// whether the bytes had to be decoded with replacement characters.
pub fn web_page_document(
    id: String,
    url: Option<String>,
    bytes: &[u8],
    format: InputFormat,
) -> (RawDocument, bool) {
    let (content, lossy) = decode_lossy(bytes);
    let body = match format {
        InputFormat::Text => Body::Text(content.into_owned()),
        _ => Body::Html(content.into_owned()),
    };
    let doc = RawDocument {
        meta: DocumentMeta {
            id,
            url,
            ..Default::default()
        },
        body,
    };
    (doc, lossy)
}

/// Read every input, run the text stage on each document, report its warnings on stderr,
/// and hand the segmented document to `each`.
pub fn for_each_segmented(
    opts: &InputOptions,
    mut each: impl FnMut(&SegmentedDocument) -> Result<()>,
) -> Result<ReadReport> {
    for_each_document(opts, |raw| {
        let id = raw.meta.id.clone();
        let seg = dyad_text::segment_document(raw);
        for w in &seg.warnings {
            eprintln!("dyad: warning: document {id}: {w}");
        }
        each(&seg.doc)
    })
}

fn default_id(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Open a file (or stdin for `-`) for reading in order; returns a label for messages and the
/// reader.
pub fn open_input(path: &str) -> Result<(String, Box<dyn BufRead>)> {
    if path == "-" {
        return Ok((
            "<stdin>".to_string(),
            Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin())),
        ));
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {path}"))?;
    Ok((
        path.to_string(),
        Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
    ))
}

/// Read a file (or stdin for `-`) whole; returns a label for messages and the bytes.
pub fn read_input(path: &str) -> Result<(String, Vec<u8>)> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        return Ok(("<stdin>".to_string(), buf));
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    Ok((path.to_string(), bytes))
}

/// The file names `dyad ingest` reads inside a directory: text, HTML, JSONL and WARC (and
/// files with no extension, read as text or HTML by content).
fn ingestible(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.starts_with('.') {
        return false;
    }
    if is_warc(&name) {
        return true;
    }
    match Path::new(&name).extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => matches!(ext, "txt" | "text" | "html" | "htm" | "xhtml" | "jsonl"),
    }
}

/// Open a WARC file, decoding gzip when the name ends in `.gz` or the bytes start with the
/// gzip magic number.
fn open_warc(path: &str) -> std::io::Result<Box<dyn BufRead>> {
    let file = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    dyad_text::warc::decompressed(file, path.ends_with(".gz"))
}

fn is_warc(name: &str) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Every ingestible file under `dir`, recursively, in sorted order (for a stable run).
fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if ingestible(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// Like [`for_each_document`], for `dyad ingest`: directories are read recursively (a file's
/// document id is then its path as reached from the argument), and WARC files (`.warc`,
/// `.warc.gz`) give one HTML document per `response` record (id and URL: the target URI).
/// `each` also gets a fallback publication date (a WARC record's date) to use when the page
/// itself names none. WARC records that cannot be read are reported and counted as skipped.
pub fn for_each_ingest_document(
    opts: &InputOptions,
    mut each: impl FnMut(RawDocument, Option<Date>) -> Result<()>,
) -> Result<ReadReport> {
    let mut report = ReadReport::default();
    let paths: Vec<String> = if opts.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.paths.clone()
    };
    let mut files: Vec<(String, Option<String>)> = Vec::new();
    for path in &paths {
        let p = Path::new(path);
        if path != "-" && p.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(p, &mut found) {
                eprintln!("dyad: error: cannot read directory {path}: {e}");
                report.unreadable += 1;
            }
            for f in found {
                let s = f.to_string_lossy().into_owned();
                files.push((s.clone(), Some(s)));
            }
        } else {
            files.push((path.clone(), opts.id.clone()));
        }
    }
    if opts.id.is_some() && files.len() > 1 {
        anyhow::bail!(
            "--id names a single document, but {} inputs were given",
            files.len()
        );
    }
    for (path, id) in files {
        if path != "-" && is_warc(&path) {
            let reader = match open_warc(&path) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("dyad: error: cannot read {path}: {e}");
                    report.unreadable += 1;
                    continue;
                }
            };
            let mut skipped = 0usize;
            let mut pages = 0usize;
            let result = dyad_text::warc::for_each_page(reader, |item| match item {
                Ok(page) => {
                    pages += 1;
                    let date = page.date.as_deref().and_then(parse_date_prefix);
                    let uri = (!page.uri.is_empty()).then_some(page.uri);
                    let id = uri.clone().unwrap_or_else(|| format!("{path}#{pages}"));
                    let mut doc = web_page_document(id, uri, &page.body, InputFormat::Html).0;
                    doc.meta.date = opts.date;
                    each(doc, date)
                }
                Err(problem) => {
                    eprintln!("dyad: error: {path}, {problem}; record skipped");
                    skipped += 1;
                    Ok(())
                }
            });
            report.skipped_lines += skipped;
            if let Err(e) = result {
                if e.downcast_ref::<std::io::Error>().is_some() {
                    eprintln!("dyad: error: cannot read {path}: {e:#}");
                    report.unreadable += 1;
                } else {
                    return Err(e);
                }
            }
            continue;
        }
        let single = InputOptions {
            paths: vec![path],
            input: opts.input,
            date: opts.date,
            id,
        };
        let r = for_each_document(&single, |doc| each(doc, None))?;
        report.skipped_lines += r.skipped_lines;
        report.unreadable += r.unreadable;
    }
    Ok(report)
}
