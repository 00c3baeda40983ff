//! Article extraction from HTML pages.
//!
//! The page is handed to `dom_smoothie` (a port of Mozilla's Readability) which finds the main
//! article and drops navigation, footers, scripts, ads and share widgets; its text comes back
//! one block a line. Title and publication date are read from the page's metadata
//! (`article:published_time`, `og:*`, JSON-LD `datePublished`). When no article can be found
//! the visible text of the whole body is used instead, so a page never yields an error just for
//! being unusual. Elements nested deeper than [`crate::html_depth::MAX_HTML_DEPTH`] lose their
//! tags first (their text stays). This module never fetches anything: it reads the HTML it is given.

use dom_smoothie::{Config, Readability, TextMode};

use dyad_core::DocumentMeta;

use crate::ingest::parse_date_prefix;

/// What was extracted from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedPage {
    /// The article's text, one block a line, blank lines between blocks.
    pub text: String,
    /// Metadata, with title and date filled in from the page where the input lacked them.
    pub meta: DocumentMeta,
    /// True when no article was found and the body's text was used.
    pub fallback: bool,
}

/// Extract the article text and metadata from an HTML page.
pub fn extract_article(html: &str, mut meta: DocumentMeta) -> ExtractedPage {
    let html = &*crate::html_depth::flatten_deep_nesting(html, crate::html_depth::MAX_HTML_DEPTH);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let parsed = Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => {
            if meta.title.is_none() && !article.title.trim().is_empty() {
                meta.title = Some(article.title.trim().to_string());
            }
            if meta.date.is_none() {
                meta.date = article
                    .published_time
                    .as_deref()
                    .and_then(parse_date_prefix);
            }
            if meta.source.is_none() {
                meta.source = article.site_name.clone();
            }
            let text = blocks_from_formatted(&article.text_content);
            ExtractedPage {
                text,
                meta,
                fallback: false,
            }
        }
        Err(_) => {
            let doc = dom_smoothie::Readability::new(html, None, None).ok();
            let text = doc
                .map(|r| {
                    r.doc
                        .select("script, style, noscript, nav, footer, header, aside, form")
                        .remove();
                    r.doc.select("body").text().to_string()
                })
                .unwrap_or_default();
            ExtractedPage {
                text: blocks_from_formatted(&text),
                meta,
                fallback: true,
            }
        }
    }
}

/// Readability's formatted text has a newline between blocks: make every block a paragraph.
fn blocks_from_formatted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Talks resume | Example News</title>
<meta property="og:title" content="Iraq and U.S. resume talks">
<meta property="article:published_time" content="2024-02-11T09:30:00Z">
<script>var tracking = "Credit: nothing";</script>
</head><body>
<nav><a href="/">Home</a> / <a href="/politics">Politics</a></nav>
<article>
<h1>Iraq and U.S. resume talks</h1>
<p>Iraq and the U.S.-led military coalition resumed meetings Sunday on how to draw down troops who have been deployed there for years, officials in Baghdad said.</p>
<p>The first meeting took place Jan. 27, but was put on pause after militants struck an outpost in Jordan the next day with a drone, killing three service members.</p>
<p>Officials from both governments said the talks would continue through the spring, with a further round planned in Washington before the summer recess begins.</p>
</article>
<div class="share">Share on Facebook Twitter</div>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_article_title_and_date() {
        let page = extract_article(PAGE, DocumentMeta::default());
        assert!(!page.fallback);
        assert!(
            page.text.contains("resumed meetings Sunday"),
            "{}",
            page.text
        );
        assert!(page.text.contains("Jan. 27"));
        assert!(!page.text.contains("tracking"));
        assert!(!page.text.contains("Copyright"));
        assert!(!page.text.contains("Politics"));
        assert_eq!(
            page.meta.date.map(|d| d.to_string()),
            Some("2024-02-11".to_string())
        );
        assert!(page.meta.title.is_some_and(|t| t.contains("resume talks")));
        // paragraphs stay separate blocks
        assert!(page.text.contains("said.\n\nThe first meeting"));
    }

    #[test]
    fn json_ld_date_is_read() {
        let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ceasefire announced","datePublished":"2024-01-30T12:00:00+03:00"}</script></head>
<body><article><p>Kataib Hezbollah announced a ceasefire on Tuesday to avoid further embarrassment to the Iraqi government, the group said in a statement posted online late in the evening.</p><p>The announcement followed days of retaliatory strikes by the United States on targets in Iraq and Syria, officials said, adding that no new attacks had been reported since then.</p></article></body></html>"#;
        let out = extract_article(page, DocumentMeta::default());
        assert_eq!(
            out.meta.date.map(|d| d.to_string()),
            Some("2024-01-30".to_string())
        );
        assert!(out.text.contains("announced a ceasefire"));
    }

    #[test]
    fn given_date_wins_over_page_date() {
        let meta = DocumentMeta {
            date: parse_date_prefix("2024-03-01"),
            ..Default::default()
        };
        let page = extract_article(PAGE, meta);
        assert_eq!(
            page.meta.date.map(|d| d.to_string()),
            Some("2024-03-01".to_string())
        );
    }

    #[test]
    fn odd_pages_do_not_fail() {
        let page = extract_article("<p>Short.</p>", DocumentMeta::default());
        assert!(page.text.contains("Short."));
        let page = extract_article("", DocumentMeta::default());
        assert!(page.text.is_empty());
    }
}
