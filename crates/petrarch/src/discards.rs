//! PETRARCH discard lists: phrases that stop a sentence (plain lines) or a whole story (`+`
//! lines) from being coded — sports, weather, markets.
//!
//! Reads the list and matches it against text, case-insensitively and on whole words. It
//! decides nothing else: dropping the events is the caller's job.

use crate::{content_lines, phrase_words, DictError};

/// What a discard phrase drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardKind {
    /// The sentence it occurs in.
    Sentence,
    /// The whole story (document).
    Story,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Lower-cased words.
    pub words: Vec<String>,
    /// What it drops.
    pub kind: DiscardKind,
    /// 1-based line.
    pub line: usize,
}

/// A parsed discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discards {
    /// The phrases in file order.
    pub phrases: Vec<Discard>,
    /// The file name.
    pub file: String,
}

/// Parse a discard file. `file` names it in errors.
pub fn parse_discards(file: &str, text: &str) -> Result<Discards, DictError> {
    let mut d = Discards {
        file: file.to_string(),
        ..Discards::default()
    };
    for (n, line) in content_lines(text, true) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let (kind, body) = match t.strip_prefix('+') {
            Some(r) => (DiscardKind::Story, r),
            None => (DiscardKind::Sentence, t),
        };
        if body.contains(['[', ']', '{', '}', '+']) {
            return Err(DictError::new(
                file,
                n,
                format!("unknown syntax in discard phrase {t:?}"),
            ));
        }
        let words: Vec<String> = phrase_words(body)
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        if words.is_empty() {
            return Err(DictError::new(file, n, "empty discard phrase"));
        }
        d.phrases.push(Discard {
            words,
            kind,
            line: n,
        });
    }
    Ok(d)
}

/// Lower-cased word tokens of a text: letters, digits, `'`, `-` and `.` inside words.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '.'))
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Discards {
    /// The strongest discard that `text` triggers (a story discard beats a sentence one),
    /// with the phrase's line.
    pub fn check(&self, text: &str) -> Option<(DiscardKind, usize)> {
        let words = words_of(text);
        let mut found: Option<(DiscardKind, usize)> = None;
        for p in &self.phrases {
            let n = p.words.len();
            if n > words.len() {
                continue;
            }
            if words.windows(n).any(|w| w == p.words.as_slice()) {
                if p.kind == DiscardKind::Story {
                    return Some((DiscardKind::Story, p.line));
                }
                found.get_or_insert((p.kind, p.line));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_discards() {
        let d = parse_discards(
            "d.txt",
            "# sports\nWEEKS LATER\n+Grand_Regatta  # story\nCRICKET\n",
        )
        .expect("valid");
        assert_eq!(d.phrases.len(), 3);
        assert_eq!(
            d.check("The cricket team met, weeks later."),
            Some((DiscardKind::Sentence, 2))
        );
        assert_eq!(
            d.check("Before the grand regatta, the cricket club met."),
            Some((DiscardKind::Story, 3))
        );
        assert_eq!(d.check("Crickets sang."), None);
        let e = parse_discards("d.txt", "A\nB [X]\n").expect_err("code");
        assert_eq!((e.file.as_str(), e.line), ("d.txt", 2));
    }
}
