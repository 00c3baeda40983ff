//! A guard on how deeply a page's elements nest, applied before the page is parsed.
//!
//! Real articles nest a few dozen elements deep; a hostile or broken page may nest a hundred
//! thousand, and the tree builder and Readability then take time that grows with depth times
//! length (10⁵ nested `<div>`s would take hours). [`flatten_deep_nesting`] drops the tags
//! (only the tags: never the text between them) of elements that open deeper than a limit,
//! so such a page reads as if its deepest elements were one. A page within the limit is
//! returned untouched. This module only removes tags; it must never drop or reorder text.
//!
//! Example: with a limit of 2, `<div><div><div><p>Talks resumed.</p></div></div></div>`
//! becomes `<div><div>Talks resumed.</div></div>`.

use std::borrow::Cow;

/// The deepest nesting [`crate::html::extract_article`] lets through.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements that never have a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their closing tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];

/// Where the closing tag `</name` (in any letter case) of a raw-text element starts, searching
/// from `from`, without copying the rest of the page.
fn raw_text_close(html: &str, from: usize, name: &str) -> Option<usize> {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(k) = html.get(at..).and_then(|s| s.find("</")) {
        let start = at + k;
        let after = start + 2;
        if b.get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(start);
        }
        at = after;
    }
    None
}

/// One markup item found by [`scan`].
enum Item {
    /// An opening tag (`<div ...>`), not void, not self-closed.
    Open,
    /// A closing tag.
    Close,
    /// Anything else: text, comments, doctype, void and self-closed tags, raw text.
    Other,
}

/// Call `f(range, item)` for each tag (and each stretch between tags) of `html`, in order;
/// the ranges cover the whole input.
fn scan(html: &str, mut f: impl FnMut(std::ops::Range<usize>, Item)) {
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let find =
        |from: usize, pat: &str| html.get(from..).and_then(|s| s.find(pat)).map(|k| from + k);
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        let (end, item) = if rest.starts_with("<!--") {
            (find(i + 4, "-->").map_or(b.len(), |k| k + 3), Item::Other)
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            (find(i, ">").map_or(b.len(), |k| k + 1), Item::Other)
        } else if rest.starts_with("</")
            && rest.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic)
        {
            (find(i, ">").map_or(b.len(), |k| k + 1), Item::Close)
        } else if rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(rest.len(), |k| k + 1);
            let name = rest[1..name_end].to_ascii_lowercase();
            let tag_end = find(i, ">").map_or(b.len(), |k| k + 1);
            let self_closed = html[i..tag_end].ends_with("/>");
            if RAW.contains(&name.as_str()) {
                // the element and its raw text are one item
                let end = raw_text_close(html, tag_end, &name)
                    .and_then(|k| find(k, ">"))
                    .map_or(b.len(), |k| k + 1);
                (end, Item::Other)
            } else if VOID.contains(&name.as_str()) || self_closed {
                (tag_end, Item::Other)
            } else {
                (tag_end, Item::Open)
            }
        } else {
            i += 1;
            continue;
        };
        if text_start < i {
            f(text_start..i, Item::Other);
        }
        f(i..end, item);
        i = end;
        text_start = end;
    }
    if text_start < b.len() {
        f(text_start..b.len(), Item::Other);
    }
}

/// `html` with the tags of elements nested deeper than `max` removed (their text kept), or
/// `html` itself when nothing nests that deep.
pub fn flatten_deep_nesting(html: &str, max: usize) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    scan(html, |_, item| match item {
        Item::Open => {
            depth += 1;
            deepest = deepest.max(depth);
        }
        Item::Close => depth = depth.saturating_sub(1),
        Item::Other => {}
    });
    if deepest <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    scan(html, |range, item| match item {
        Item::Open => {
            depth += 1;
            if depth <= max {
                out.push_str(&html[range]);
            }
        }
        Item::Close => {
            if depth <= max {
                out.push_str(&html[range]);
            }
            depth = depth.saturating_sub(1);
        }
        Item::Other => out.push_str(&html[range]),
    });
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>Talks resumed.</p><br><img src=x/></div></body></html>";
        assert!(matches!(flatten_deep_nesting(page, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_go_and_their_text_stays() {
        let page = "<div><div><div><p>Talks resumed.</p></div></div></div>";
        assert_eq!(
            flatten_deep_nesting(page, 2),
            "<div><div>Talks resumed.</div></div>"
        );
    }

    #[test]
    fn raw_text_and_comments_are_not_tags() {
        let page = "<div><script>if (a<b) { x = '<div><div>'; }</SCRIPT><!-- <div><div> --><div><p>Hi</p></div></div>";
        let flat = flatten_deep_nesting(page, 2);
        assert_eq!(
            flat,
            "<div><script>if (a<b) { x = '<div><div>'; }</SCRIPT><!-- <div><div> --><div>Hi</div></div>"
        );
    }

    #[test]
    fn a_hundred_thousand_levels_become_the_limit() {
        let depth = 100_000;
        let page = format!(
            "{}<p>Rebels attacked.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let flat = flatten_deep_nesting(&page, MAX_HTML_DEPTH);
        assert_eq!(flat.matches("<div>").count(), MAX_HTML_DEPTH);
        assert!(flat.contains("Rebels attacked."));
    }
}
