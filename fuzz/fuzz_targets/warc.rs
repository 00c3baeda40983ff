//! Fuzz target `warc`: bytes as a WARC file through `dyad_text::warc` (moved there from the
//! binary for this): the first byte chooses plain, gzip by name (`.warc.gz`), or the rest
//! gzip-compressed here first (so the fuzzer reaches the records inside valid gzip members),
//! then `decompressed` and `for_each_page` read it as `dyad ingest` does. Checks that records
//! are numbered in order from 1, that dates are days, that no page is bigger than the input
//! could hold, and that the walk ends.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

use dyad_fuzz::MAX_INPUT;
use dyad_text::warc::{decompressed, for_each_page};

/// Largest size one page's body may have: the input, at most 1032× (deflate's best ratio)
/// for a gzip or deflate coding, twice over.
fn max_body(input: usize) -> usize {
    input.saturating_mul(1032 * 1032).saturating_add(1024)
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 1 {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        if gz.write_all(rest).is_err() {
            return;
        }
        match gz.finish() {
            Ok(b) => b,
            Err(_) => return,
        }
    } else {
        rest.to_vec()
    };
    let gzip_by_name = mode & 2 == 2;
    let Ok(reader) = decompressed(&bytes[..], gzip_by_name) else {
        return;
    };
    let mut last_record = 0usize;
    let mut items = 0usize;
    let result = for_each_page(reader, |item| {
        items += 1;
        match item {
            Ok(page) => {
                if let Some(d) = &page.date {
                    assert_eq!(d.chars().count(), 10, "WARC-Date day {d:?}");
                }
                assert!(
                    page.body.len() <= max_body(rest.len()),
                    "page bigger than possible"
                );
                assert!(!page.uri.starts_with('<') && !page.uri.ends_with('>'));
            }
            Err(problem) => {
                assert!(problem.record >= 1, "record numbers start at 1");
                assert!(problem.record >= last_record, "records out of order");
                last_record = problem.record;
                assert!(!problem.message.is_empty(), "a problem without a message");
                assert!(problem.to_string().starts_with("record "));
            }
        }
        Ok::<(), std::io::Error>(())
    });
    // an I/O error is a damaged gzip stream: reported, not a crash
    let _ = result;
    assert!(
        items <= max_body(rest.len()),
        "{items} items from {} bytes",
        rest.len()
    );
});
