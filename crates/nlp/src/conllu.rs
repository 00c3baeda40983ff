//! Read and write CoNLL-U, the Universal Dependencies file format.
//!
//! [`parse`] turns text into [`Sentence`]s and [`Sentence::write`] turns them back into text.
//! Comments (`# sent_id = ...`, `# text = ...`), multiword token ranges (`1-2`) and empty
//! nodes (`8.1`) are kept verbatim where they stood, so a well-formed file round-trips to the
//! same bytes. Malformed input is an [`NlpError::Conllu`] carrying the 1-based line number;
//! this module never panics on input and does no I/O (the caller reads the file).

use crate::error::{ConlluErrorKind, NlpError};
use crate::WordAnalysis;

/// One syntactic word of a sentence (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// Word form (column 2).
    pub form: String,
    /// Lemma (column 3), `_` when unknown.
    pub lemma: String,
    /// Universal part-of-speech tag (column 4).
    pub upos: String,
    /// Language-specific tag, for English the Penn Treebank tag (column 5).
    pub xpos: String,
    /// Morphological features (column 6).
    pub feats: String,
    /// Head word, 1-based, 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    /// Dependency relation including any subtype, e.g. `nsubj:pass` (column 8).
    pub deprel: String,
    /// Enhanced dependencies (column 9).
    pub deps: String,
    /// Anything else (column 10), e.g. `SpaceAfter=No`.
    pub misc: String,
}

/// A line that is not a word: a multiword token range or an empty node, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraLine {
    /// Index into [`Sentence::words`] of the word this line is written before
    /// (`words.len()` for a line after the last word).
    pub before_word: usize,
    /// Whether it is a range or an empty node.
    pub kind: ExtraKind,
    /// The line's text, without the newline.
    pub line: String,
}

/// The two kinds of [`ExtraLine`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraKind {
    /// A multiword token `first-last` (1-based word IDs, inclusive).
    Range {
        /// First word ID.
        first: usize,
        /// Last word ID.
        last: usize,
    },
    /// An empty node `major.minor` of the enhanced graph.
    EmptyNode,
}

/// One sentence: its comment lines, its words and its non-word lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines including the leading `#`, in order.
    pub comments: Vec<String>,
    /// The syntactic words, word `i` having ID `i + 1`.
    pub words: Vec<Word>,
    /// Multiword token ranges and empty nodes, in file order.
    pub extras: Vec<ExtraLine>,
}

impl Sentence {
    /// The value of the `# sent_id = ...` comment, if any.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment_value("sent_id")
    }

    /// The value of the `# text = ...` comment, if any.
    pub fn text(&self) -> Option<&str> {
        self.comment_value("text")
    }

    fn comment_value(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// The word forms, in order.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// Build a sentence from words and their analysis (as returned by
    /// [`crate::Model::annotate`]); `comments` are full lines such as `# text = ...`.
    /// Extra analyses or words beyond the shorter of the two slices are ignored.
    pub fn from_analysis(
        comments: Vec<String>,
        words: &[&str],
        analysis: &[WordAnalysis<'_>],
    ) -> Self {
        let words = words
            .iter()
            .zip(analysis)
            .map(|(form, a)| Word {
                form: (*form).to_string(),
                lemma: a.lemma.to_string(),
                upos: a.upos.to_string(),
                xpos: a.xpos.to_string(),
                feats: "_".to_string(),
                head: Some(a.head),
                deprel: a.deprel.to_string(),
                deps: "_".to_string(),
                misc: "_".to_string(),
            })
            .collect();
        Sentence {
            comments,
            words,
            extras: Vec::new(),
        }
    }

    /// Append this sentence as CoNLL-U to `out`, ending with the blank line.
    pub fn write(&self, out: &mut String) {
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        let mut extras = self.extras.iter().peekable();
        for (i, w) in self.words.iter().enumerate() {
            while let Some(e) = extras.next_if(|e| e.before_word <= i) {
                out.push_str(&e.line);
                out.push('\n');
            }
            write_word_line(out, i + 1, w);
        }
        for e in extras {
            out.push_str(&e.line);
            out.push('\n');
        }
        out.push('\n');
    }
}

fn write_word_line(out: &mut String, id: usize, w: &Word) {
    use std::fmt::Write as _;
    let _ = write!(out, "{id}\t");
    for col in [&w.form, &w.lemma, &w.upos, &w.xpos, &w.feats] {
        out.push_str(col);
        out.push('\t');
    }
    match w.head {
        Some(h) => {
            let _ = write!(out, "{h}\t");
        }
        None => out.push_str("_\t"),
    }
    for col in [&w.deprel, &w.deps] {
        out.push_str(col);
        out.push('\t');
    }
    out.push_str(&w.misc);
    out.push('\n');
}

/// Write sentences as CoNLL-U text.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        s.write(&mut out);
    }
    out
}

/// Append one analysed sentence as CoNLL-U to `out` without building a [`Sentence`]:
/// the comment lines, then a line per word (FEATS, DEPS and MISC written as `_`), then
/// the blank line.
pub fn write_analysis(
    out: &mut String,
    comments: &[&str],
    words: &[&str],
    analysis: &[WordAnalysis<'_>],
) {
    use std::fmt::Write as _;
    for c in comments {
        out.push_str(c);
        out.push('\n');
    }
    for (i, (form, a)) in words.iter().zip(analysis).enumerate() {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            form,
            a.lemma,
            a.upos,
            a.xpos,
            a.head,
            a.deprel
        );
    }
    out.push('\n');
}

/// Parse CoNLL-U text into sentences.
///
/// Sentences are separated by blank lines; a leading byte-order mark and `\r` before line
/// ends are tolerated. Every sentence must have at least one word, word IDs must run from 1,
/// every line must have ten columns, and heads must be `_` or a word ID of the sentence (0
/// for the root). The first offence is returned with its 1-based line number.
pub fn parse(text: &str) -> Result<Vec<Sentence>, NlpError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut head_lines: Vec<usize> = Vec::new();
    let mut started = false;
    let mut first_line = 0;
    let mut range_end = 0usize;
    for (idx, raw) in text.split('\n').enumerate() {
        let line_no = idx + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if started {
                finish(&mut current, &head_lines, first_line, &mut sentences)?;
                head_lines.clear();
                started = false;
                range_end = 0;
            }
            continue;
        }
        if !started {
            started = true;
            first_line = line_no;
        }
        let err = |kind| NlpError::Conllu {
            line: line_no,
            kind,
        };
        if line.starts_with('#') {
            if !current.words.is_empty() || !current.extras.is_empty() {
                return Err(err(ConlluErrorKind::CommentInsideSentence));
            }
            current.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(ConlluErrorKind::ColumnCount { found: cols.len() }));
        }
        if let Some(i) = cols.iter().position(|c| c.is_empty()) {
            return Err(err(ConlluErrorKind::EmptyColumn(i + 1)));
        }
        let id = cols[0];
        let next = current.words.len() + 1;
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(first), Ok(last)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                return Err(err(ConlluErrorKind::BadId(id.to_string())));
            };
            if first != next || last < first || first <= range_end {
                return Err(err(ConlluErrorKind::BadRange(id.to_string())));
            }
            range_end = last;
            current.extras.push(ExtraLine {
                before_word: current.words.len(),
                kind: ExtraKind::Range { first, last },
                line: line.to_string(),
            });
        } else if let Some((a, b)) = id.split_once('.') {
            let (Ok(major), Ok(_minor)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                return Err(err(ConlluErrorKind::BadId(id.to_string())));
            };
            if major + 1 != next {
                return Err(err(ConlluErrorKind::IdOrder {
                    expected: next - 1,
                    found: major,
                }));
            }
            current.extras.push(ExtraLine {
                before_word: current.words.len(),
                kind: ExtraKind::EmptyNode,
                line: line.to_string(),
            });
        } else {
            let Ok(n) = id.parse::<usize>() else {
                return Err(err(ConlluErrorKind::BadId(id.to_string())));
            };
            if n != next {
                return Err(err(ConlluErrorKind::IdOrder {
                    expected: next,
                    found: n,
                }));
            }
            let head = match cols[6] {
                "_" => None,
                h => match h.parse::<usize>() {
                    Ok(v) => Some(v),
                    Err(_) => return Err(err(ConlluErrorKind::BadHead(h.to_string()))),
                },
            };
            current.words.push(Word {
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head,
                deprel: cols[7].to_string(),
                deps: cols[8].to_string(),
                misc: cols[9].to_string(),
            });
            head_lines.push(line_no);
        }
    }
    if started {
        finish(&mut current, &head_lines, first_line, &mut sentences)?;
    }
    Ok(sentences)
}

fn finish(
    current: &mut Sentence,
    head_lines: &[usize],
    first_line: usize,
    sentences: &mut Vec<Sentence>,
) -> Result<(), NlpError> {
    let s = std::mem::take(current);
    if s.words.is_empty() {
        return Err(NlpError::Conllu {
            line: first_line,
            kind: ConlluErrorKind::NoWords,
        });
    }
    let n = s.words.len();
    for (w, &line) in s.words.iter().zip(head_lines) {
        if let Some(h) = w.head {
            if h > n {
                return Err(NlpError::Conllu {
                    line,
                    kind: ConlluErrorKind::HeadOutOfRange { head: h, words: n },
                });
            }
        }
    }
    for e in &s.extras {
        if let ExtraKind::Range { last, .. } = e.kind {
            if last > n {
                return Err(NlpError::Conllu {
                    line: first_line,
                    kind: ConlluErrorKind::BadRange(
                        e.line.split('\t').next().unwrap_or("").to_string(),
                    ),
                });
            }
        }
    }
    sentences.push(s);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = a-1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n# sent_id = a-2\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_\n\n";

    #[test]
    fn round_trip_keeps_comments_ranges_and_empty_nodes() -> Result<(), NlpError> {
        let sents = parse(SAMPLE)?;
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].words.len(), 5);
        assert_eq!(sents[0].text(), Some("I don't know."));
        assert_eq!(sents[0].sent_id(), Some("a-1"));
        assert_eq!(sents[0].words[3].head, Some(0));
        assert_eq!(write(&sents), SAMPLE);
        Ok(())
    }

    fn error_line(text: &str) -> Option<(usize, ConlluErrorKind)> {
        match parse(text) {
            Err(NlpError::Conllu { line, kind }) => Some((line, kind)),
            _ => None,
        }
    }

    #[test]
    fn malformed_lines_report_their_line_number() {
        let bad_cols = "# x\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t1\n";
        assert_eq!(
            error_line(bad_cols),
            Some((3, ConlluErrorKind::ColumnCount { found: 7 }))
        );
        let bad_head = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n1\ta\ta\tX\tX\t_\tzero\troot\t_\t_\n";
        assert_eq!(
            error_line(bad_head),
            Some((3, ConlluErrorKind::BadHead("zero".into())))
        );
        let bad_order = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        assert_eq!(
            error_line(bad_order),
            Some((
                2,
                ConlluErrorKind::IdOrder {
                    expected: 2,
                    found: 3
                }
            ))
        );
        let far_head = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\tX\t_\t9\tdep\t_\t_\n";
        assert_eq!(
            error_line(far_head),
            Some((2, ConlluErrorKind::HeadOutOfRange { head: 9, words: 2 }))
        );
        let bad_id = "x\ta\ta\tX\tX\t_\t0\troot\t_\t_\n";
        assert_eq!(
            error_line(bad_id),
            Some((1, ConlluErrorKind::BadId("x".into())))
        );
        let no_words = "# only a comment\n\n";
        assert_eq!(error_line(no_words), Some((1, ConlluErrorKind::NoWords)));
    }

    #[test]
    fn crlf_and_missing_final_blank_line_are_accepted() -> Result<(), NlpError> {
        let s = parse("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\r\n2\tb\tb\tX\tX\t_\t1\tdep\t_\t_")?;
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words[1].head, Some(1));
        Ok(())
    }
}
