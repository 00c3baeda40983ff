//! dyad's own part-of-speech tagger, lemmatizer and dependency parser for English, trained
//! on Universal Dependencies English EWT: given the words of a sentence it returns, per
//! word, the UPOS and Penn Treebank tags, the lemma, the head and the dependency relation.
//! The crate never does I/O (it works on `&str` and `&[u8]`; the CLI reads and writes
//! files), never panics on input, and always returns a single-rooted tree for every
//! sentence, whatever its length.
//!
//! The pipeline: [`Model::annotate`] computes feature atoms of each word (hashes of form,
//! affixes and shape, word clusters learnt from unlabeled text, ambiguity classes), tags
//! with a greedy averaged perceptron ([`tagger::Tagger`]) predicting the (XPOS, UPOS) pair,
//! lemmatizes with learnt suffix rules and exceptions ([`lemma::Lemmatizer`]), and parses
//! with a greedy arc-hybrid transition parser ([`parser::ArcHybridParser`]) trained with a
//! dynamic oracle. [`train::train`] builds a [`Model`] from CoNLL-U sentences
//! ([`conllu`]); [`Model::to_bytes`] and [`Model::from_bytes`] store it, and
//! [`Model::bundled`] is the model compiled into this build.
//!
//! ```no_run
//! let model = dyad_nlp::Model::bundled()?;
//! let words = ["Rebels", "attacked", "the", "town", "."];
//! for a in model.annotate(&words) {
//!     println!("{} {} {} {} {}", a.upos, a.xpos, a.lemma, a.head, a.deprel);
//! }
//! # Ok::<(), dyad_nlp::NlpError>(())
//! ```

pub mod binio;
pub mod clusters;
pub mod conllu;
pub mod error;
pub mod hash;
pub mod lemma;
pub mod lexical;
pub mod model;
pub mod parser;
pub mod table;
pub mod tagger;
pub mod train;

pub use error::{ConlluErrorKind, ModelErrorKind, NlpError};
pub use model::{Model, Scratch, WordAnalysis};
pub use train::{train, TrainOptions};
