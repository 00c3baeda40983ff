//! The crate's one error type, [`NlpError`], with a variant per source: malformed CoNLL-U
//! input, an unreadable model file, or training data that cannot train a model.
//!
//! Annotation itself has no error: once a [`crate::Model`] is loaded, every input sentence
//! gets an analysis.

/// What is wrong with one line of CoNLL-U input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConlluErrorKind {
    /// A token line does not have exactly ten tab-separated columns.
    #[error("expected 10 tab-separated columns, found {found}")]
    ColumnCount {
        /// How many columns the line has.
        found: usize,
    },
    /// The ID column is neither an integer, a range `a-b` nor a decimal `a.b`.
    #[error("bad ID {0:?}")]
    BadId(String),
    /// Word IDs must run 1, 2, 3, ... within a sentence.
    #[error("word ID {found} out of order (expected {expected})")]
    IdOrder {
        /// The ID the line should have had.
        expected: usize,
        /// The ID the line has.
        found: usize,
    },
    /// A multiword range `a-b` that is empty, starts at the wrong word or overlaps.
    #[error("bad multiword token range {0:?}")]
    BadRange(String),
    /// The HEAD column is neither an integer nor `_`.
    #[error("bad HEAD {0:?}")]
    BadHead(String),
    /// The HEAD points past the last word of the sentence.
    #[error("HEAD {head} is beyond the sentence's {words} words")]
    HeadOutOfRange {
        /// The head given.
        head: usize,
        /// The number of words in the sentence.
        words: usize,
    },
    /// A column is empty (CoNLL-U writes `_` for an unknown value).
    #[error("empty column {0}")]
    EmptyColumn(usize),
    /// A `#` comment line after the sentence's first token line.
    #[error("comment line inside a sentence")]
    CommentInsideSentence,
    /// A sentence made only of comments, ranges or empty nodes.
    #[error("sentence has no words")]
    NoWords,
}

/// What is wrong with a model file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelErrorKind {
    /// The file does not start with the model magic bytes.
    #[error("not a dyad NLP model (bad magic header)")]
    BadMagic,
    /// The file was written by an incompatible format version.
    #[error("unsupported model format version {found} (this build reads {supported})")]
    UnsupportedVersion {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The file ends before its contents do.
    #[error("model file is truncated")]
    Truncated,
    /// The checksum over the contents does not match.
    #[error("model file is corrupt (checksum mismatch)")]
    Checksum,
    /// A section holds a value that cannot be right (an index out of range, bad UTF-8...).
    #[error("model file is invalid: {0}")]
    Invalid(&'static str),
    /// No model file was bundled into this build.
    #[error("no model was bundled into this build (models/en-ewt.bin is empty)")]
    NotBundled,
}

/// The error type of every fallible function in this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NlpError {
    /// Malformed CoNLL-U at a 1-based line number (the caller adds the file name).
    #[error("line {line}: {kind}")]
    Conllu {
        /// 1-based line number in the input text.
        line: usize,
        /// What is wrong with it.
        kind: ConlluErrorKind,
    },
    /// A model file that cannot be read.
    #[error(transparent)]
    Model(#[from] ModelErrorKind),
    /// Training data that cannot train a model (no sentences, missing heads, too many tags).
    #[error("cannot train: {0}")]
    Training(String),
}
