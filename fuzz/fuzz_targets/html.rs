//! Fuzz target `html`: bytes as an HTML page through `dyad_text::html::extract_article` (the
//! function the text stage, and so `dyad ingest`, uses for HTML pages) and then the whole text
//! stage. Checks the extracted text's shape (trimmed lines, no runs of blank lines), that a
//! date only comes from the page when the input had none, and every span of the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_core::{Body, DocumentMeta, RawDocument};
use dyad_fuzz::{check_segmented, MAX_INPUT};

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let (html, _) = dyad_text::decode_lossy(data);
    let meta = DocumentMeta {
        id: "fuzz".into(),
        ..Default::default()
    };
    let page = dyad_text::html::extract_article(&html, meta.clone());
    assert_eq!(page.meta.id, "fuzz", "extraction changed the id");
    for line in page.text.lines() {
        assert_eq!(line, line.trim(), "extracted line {line:?} is not trimmed");
    }
    assert!(
        !page.text.contains("\n\n\n"),
        "runs of blank lines in {:?}",
        page.text
    );
    if let Some(title) = &page.meta.title {
        assert!(
            !title.trim().is_empty() && title == title.trim(),
            "title {title:?}"
        );
    }
    let out = dyad_text::segment_document(RawDocument {
        meta,
        body: Body::Html(html.to_string()),
    });
    check_segmented(&out.doc, Some(&page.text));
    assert_eq!(
        out.doc.doc.meta, page.meta,
        "segmenting changed the page's metadata"
    );
});
