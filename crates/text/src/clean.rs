//! Cleaning: from a document's raw text to the clean text every later span points into.
//!
//! Scraped pages carry more than the article: breadcrumbs ("1. Home 2. / 3. Politics"), image
//! credits ("Credit: DepositPhotos"), "Read More From ..." links, share and subscribe lines,
//! slide counters. Cleaning looks at the text line by line: a line that matches a boilerplate
//! rule (`data/boilerplate.toml`) is dropped; a short title-case line without a final stop is
//! kept as a *heading* block (shown, never coded); other lines are paragraph text, and lines
//! that wrap one paragraph are joined. The kept blocks are joined by blank lines into the
//! clean text. Cleaning drops whole lines only: it never edits the words of a kept line.

use dyad_core::{Block, BlockKind, CleanDocument, DocumentMeta, Span};

use crate::rules::TextRules;

/// What cleaning did with one input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineVerdict {
    /// Dropped by the named boilerplate rule.
    Dropped(String),
    /// Kept as a heading.
    Heading,
    /// Kept as paragraph text.
    Paragraph,
}

/// Classify one trimmed, non-empty line.
pub fn classify_line(line: &str, rules: &TextRules) -> LineVerdict {
    if line.chars().count() <= 200 {
        for rule in &rules.boilerplate {
            if rule.pattern.is_match(line.as_bytes()) {
                return LineVerdict::Dropped(rule.name.clone());
            }
        }
    }
    if is_heading(line) {
        LineVerdict::Heading
    } else {
        LineVerdict::Paragraph
    }
}

/// A short title-case line without a final stop: "Context of Recent Retaliatory Strikes".
pub fn is_heading(line: &str) -> bool {
    let last = line
        .trim_end_matches(['"', '\'', '’', '”', ')', ']', ' '])
        .chars()
        .next_back();
    if last.is_none_or(|c| matches!(c, '.' | '!' | '?' | ';' | ':' | ',' | '…')) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 24 || line.len() > 200 {
        return false;
    }
    let first = line.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return false;
    }
    // content words (4+ letters) mostly capitalised
    let mut content = 0;
    let mut capital = 0;
    for w in &words {
        let w = w.trim_start_matches(['"', '\'', '‘', '“', '(', '[']);
        let letters = w.chars().take_while(|c| c.is_alphabetic()).count();
        if letters >= 4 {
            content += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                capital += 1;
            }
        }
    }
    content >= 1
        && (words.len() >= 2 || content == 1)
        && capital * 4 >= content * 3
        && capital >= 1
        && {
            // a single capitalised word alone ("Thanks") is text, not a heading
            words.len() >= 2
        }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '’', '”', ')', ']'])
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '…'))
}

/// Clean a document's text: drop boilerplate lines, mark headings, join wrapped lines.
pub fn clean(meta: DocumentMeta, raw: &str, rules: &TextRules) -> CleanDocument {
    let mut text = String::with_capacity(raw.len());
    let mut blocks: Vec<Block> = Vec::new();
    let mut dropped = 0;
    // whether the last block is a paragraph that the next line may continue
    let mut open_paragraph = false;
    let mut prev_line_ended = true;
    for line in raw.lines() {
        let line = line.trim();
        if line.is_empty() {
            open_paragraph = false;
            continue;
        }
        match classify_line(line, rules) {
            LineVerdict::Dropped(_) => {
                dropped += 1;
                open_paragraph = false;
            }
            LineVerdict::Heading => {
                push_block(&mut text, &mut blocks, BlockKind::Heading, line);
                open_paragraph = false;
            }
            LineVerdict::Paragraph => {
                let continues = open_paragraph && !prev_line_ended;
                if continues {
                    if let Some(b) = blocks.last_mut() {
                        text.push('\n');
                        text.push_str(line);
                        b.span.end = text.len();
                    }
                } else {
                    push_block(&mut text, &mut blocks, BlockKind::Paragraph, line);
                }
                open_paragraph = true;
                prev_line_ended = ends_sentence(line);
            }
        }
    }
    CleanDocument {
        meta,
        text,
        blocks,
        dropped,
    }
}

fn push_block(text: &mut String, blocks: &mut Vec<Block>, kind: BlockKind, line: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let start = text.len();
    text.push_str(line);
    blocks.push(Block {
        kind,
        span: Span::new(start, text.len()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(line: &str) -> LineVerdict {
        classify_line(line, TextRules::bundled())
    }

    #[test]
    fn credits_and_breadcrumbs_are_dropped() {
        for line in [
            "Credit: Depositphotos",
            "Credits: DepositPhotos",
            "Credit: Lindsey Wasson / Associated Press",
            "Photo credit: Getty Images",
            "Getty Images",
            "AP Photo/Hadi Mizban",
            "1. Home",
            "2. /",
            "5. Slideshow",
            "7. Iraqi Officials State US...",
            "Read More From The Daily Wire",
            "Read more: Iraq talks resume",
            "Share this article",
            "Share on Facebook Twitter",
            "Subscribe to our newsletter",
            "Sign up for free updates",
            "Advertisement",
            "Slide 3 of 10",
            "3 / 10",
            "© 2024 Example Media. All rights reserved.",
            "Follow us on Twitter",
            "Related Articles",
        ] {
            assert!(
                matches!(verdict(line), LineVerdict::Dropped(_)),
                "{line} should be dropped"
            );
        }
    }

    #[test]
    fn article_lines_are_kept() {
        for line in [
            "Iraq and the U.S.-led military coalition resumed meetings Sunday.",
            "Reuters reported that talks resumed on Sunday.",
            "The photo credit was disputed by the agency.",
            "Read the statement, officials said, before the vote.",
        ] {
            assert_eq!(verdict(line), LineVerdict::Paragraph, "{line}");
        }
    }

    #[test]
    fn title_case_lines_are_headings() {
        assert_eq!(
            verdict("Context of Recent Retaliatory Strikes"),
            LineVerdict::Heading
        );
        assert_eq!(
            verdict("Iraq’s Diplomatic Balancing Act"),
            LineVerdict::Heading
        );
        assert_eq!(verdict("U.S. Response to Attacks"), LineVerdict::Heading);
        assert_eq!(verdict("Challenges Ahead"), LineVerdict::Heading);
        assert_eq!(
            verdict("Talks resumed on Sunday after a pause"),
            LineVerdict::Paragraph
        );
        assert_eq!(verdict("Thanks"), LineVerdict::Paragraph);
        assert_eq!(verdict("Kind regards"), LineVerdict::Paragraph);
    }

    #[test]
    fn wrapped_lines_join_and_blocks_point_into_clean_text() {
        let raw = "Home\n\nBreaking News Today\nIraq and the U.S. resumed\ntalks on Sunday.\nThey met again.\n\nCredit: AP\n";
        let doc = clean(DocumentMeta::default(), raw, TextRules::bundled());
        let texts: Vec<(&str, BlockKind)> = doc
            .blocks
            .iter()
            .map(|b| (&doc.text[b.span.start..b.span.end], b.kind))
            .collect();
        assert_eq!(
            texts,
            [
                ("Home", BlockKind::Paragraph),
                ("Breaking News Today", BlockKind::Heading),
                (
                    "Iraq and the U.S. resumed\ntalks on Sunday.",
                    BlockKind::Paragraph
                ),
                ("They met again.", BlockKind::Paragraph),
            ]
        );
        assert_eq!(doc.dropped, 1);
    }
}
