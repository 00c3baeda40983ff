//! Invariant checks shared by dyad's fuzz targets.
//!
//! Each check walks a reader's output and panics (libFuzzer's crash signal) when a promise
//! the crates make is broken: spans that leave the text or split a character, tokens out of
//! order, a non-space character the tokenizer lost, a line cleaning rewrote, a parse that is
//! not one single-rooted tree. Checks are cheap (linear in the output) and never change what
//! they look at; this crate is used by the fuzz targets only and must never be a dependency
//! of dyad itself.

use std::collections::HashSet;

use dyad_core::{ParsedWord, SegmentKind, SegmentedDocument, Span};

/// Inputs longer than this many bytes are cut before they reach a reader (libFuzzer's
/// `-max_len` bounds them too; this keeps a hand-given corpus file from stalling a run).
pub const MAX_INPUT: usize = 64 * 1024;

/// The text `span` covers in `text`, panicking when it is out of range or off a char boundary.
pub fn slice<'a>(text: &'a str, span: Span, what: &str) -> &'a str {
    assert!(
        span.start <= span.end,
        "{what}: span {span:?} runs backwards"
    );
    match span.slice(text) {
        Some(s) => s,
        None => panic!(
            "{what}: span {span:?} is not inside the text ({} bytes) on char boundaries",
            text.len()
        ),
    }
}

/// The text stage's promises for one document: every block, segment and token span lies in
/// the clean text on char boundaries, in order and without overlap; segments are numbered in
/// order and lie inside a block; tokens are non-empty, hold no whitespace at their edges and
/// together keep every non-space character of their block; `raw`, when given, is the text
/// cleaning read, and every line of the clean text is one of its lines, trimmed.
pub fn check_segmented(seg: &SegmentedDocument, raw: Option<&str>) {
    let clean = &seg.doc;
    let text = clean.text.as_str();
    let mut last_block_end = 0;
    for block in &clean.blocks {
        slice(text, block.span, "block");
        assert!(
            block.span.start >= last_block_end,
            "blocks overlap or run out of order: {:?}",
            clean.blocks
        );
        last_block_end = block.span.end;
    }
    if let Some(raw) = raw {
        let lines: HashSet<&str> = raw.lines().map(str::trim).collect();
        for line in text.split('\n').filter(|l| !l.is_empty()) {
            assert!(
                lines.contains(line),
                "clean line {line:?} is not a line of the input"
            );
        }
    }
    let mut last_end = 0;
    for (i, s) in seg.segments.iter().enumerate() {
        assert_eq!(s.index, i, "segment numbering");
        slice(text, s.span, "segment");
        assert!(!s.tokens.is_empty(), "segment {i} has no tokens");
        assert!(s.span.start >= last_end, "segments overlap: {i}");
        last_end = s.span.end;
        let inside = clean
            .blocks
            .iter()
            .any(|b| b.span.start <= s.span.start && s.span.end <= b.span.end);
        assert!(inside, "segment {i} {:?} lies in no block", s.span);
        let mut prev = s.span.start;
        for t in &s.tokens {
            let t_text = slice(text, t.span, "token");
            assert!(!t_text.is_empty(), "empty token at {:?}", t.span);
            assert!(t.span.start >= prev, "tokens out of order in segment {i}");
            assert!(t.span.end <= s.span.end, "token past its segment {i}");
            assert!(
                !t_text.starts_with(char::is_whitespace) && !t_text.ends_with(char::is_whitespace),
                "token {t_text:?} has whitespace at an edge"
            );
            prev = t.span.end;
        }
        if s.kind == SegmentKind::Heading {
            assert_eq!(s.span.start, s.tokens[0].span.start);
        }
    }
    // the tokenizer drops nothing but whitespace: per block, the tokens' text is the block's
    // text without its whitespace
    for block in &clean.blocks {
        let block_text = slice(text, block.span, "block");
        let expected: String = block_text.chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = seg
            .segments
            .iter()
            .filter(|s| block.span.start <= s.span.start && s.span.end <= block.span.end)
            .flat_map(|s| &s.tokens)
            .map(|t| slice(text, t.span, "token"))
            .collect();
        assert_eq!(
            got, expected,
            "the tokens of block {:?} lost or repeated characters",
            block.span
        );
    }
}

/// `heads` (1-based, 0 for the root) form one tree over `heads.len()` words: every head is in
/// range, exactly one word is the root, and walking up from any word reaches it.
pub fn check_single_rooted(heads: &[usize], what: &str) {
    let n = heads.len();
    if n == 0 {
        return;
    }
    for (i, &h) in heads.iter().enumerate() {
        assert!(h <= n, "{what}: word {} has head {h} of {n} words", i + 1);
        assert!(h != i + 1, "{what}: word {} is its own head", i + 1);
    }
    let roots = heads.iter().filter(|&&h| h == 0).count();
    assert_eq!(roots, 1, "{what}: {roots} roots in {heads:?}");
    for start in 0..n {
        let mut at = start;
        let mut steps = 0;
        while heads[at] != 0 {
            at = heads[at] - 1;
            steps += 1;
            assert!(
                steps <= n,
                "{what}: a cycle through word {} in {heads:?}",
                start + 1
            );
        }
    }
}

/// Whether `heads` (1-based, 0 for the root) form one tree (see [`check_single_rooted`]).
pub fn is_single_rooted(heads: &[usize]) -> bool {
    let n = heads.len();
    if n == 0 || heads.iter().filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    if heads.iter().enumerate().any(|(i, &h)| h > n || h == i + 1) {
        return false;
    }
    (0..n).all(|start| {
        let mut at = start;
        for _ in 0..=n {
            if heads[at] == 0 {
                return true;
            }
            at = heads[at] - 1;
        }
        false
    })
}

/// Build the repaired tree of `words` and check it: a single-rooted input stays one tree
/// (a repair never makes a cycle), and any input gives heads in range without panicking.
pub fn check_tree(words: &[ParsedWord], forms: &[&str], what: &str) {
    let tree = dyad_tree::Tree::new(words, forms, &["week".to_string(), "tuesday".to_string()]);
    assert_eq!(tree.len(), words.len(), "{what}: the tree lost words");
    let heads: Vec<usize> = (0..tree.len())
        .map(|i| tree.head(i).map_or(0, |h| h + 1))
        .collect();
    for (i, &h) in heads.iter().enumerate() {
        assert!(
            h <= words.len(),
            "{what}: repaired head {h} of word {i} out of range"
        );
    }
    let given: Vec<usize> = words.iter().map(|w| w.head).collect();
    if is_single_rooted(&given) {
        check_single_rooted(&heads, &format!("{what} (repaired)"));
    }
}
