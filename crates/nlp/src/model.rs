//! [`Model`]: the tagger, lemmatizer, parser, word clusters and tag lexicon together, its
//! versioned binary file format, the model bundled into the build, and annotation of
//! sentences.
//!
//! File layout (little-endian): the 8 magic bytes `DYADNLP\0`, the format version (u32),
//! the body length (u64), a 64-bit checksum of the body, then the body: description string,
//! clusters, ambiguity classes, tagger, lemmatizer, parser. Reading checks all of it and
//! returns [`NlpError::Model`] on any mismatch; it never panics.

use crate::binio::{ByteReader, ByteWriter};
use crate::clusters::WordClusters;
use crate::conllu::Sentence;
use crate::error::{ModelErrorKind, NlpError};
use crate::hash::checksum;
use crate::lemma::Lemmatizer;
use crate::lexical::{Lex, LexBuilder};
use crate::parser::{ArcHybridParser, ParseBuffers};
use crate::tagger::{TagBuffers, Tagger};
use dyad_core::{ParsedSegment, ParsedWord, Segment, SegmentedDocument};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// Model file format version written and read by this build.
pub const FORMAT_VERSION: u32 = 3;

static BUNDLED_BYTES: &[u8] = include_bytes!("../../../models/en-ewt.bin");
static BUNDLED: OnceLock<Result<Model, NlpError>> = OnceLock::new();

/// The analysis of one word: tags, lemma, head and relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis<'a> {
    /// Universal POS tag, e.g. `NOUN`.
    pub upos: &'a str,
    /// Penn Treebank tag, e.g. `NNS`.
    pub xpos: &'a str,
    /// Lemma, e.g. `force` for `forces`.
    pub lemma: Cow<'a, str>,
    /// Head word, 1-based; 0 for the one root word of the sentence.
    pub head: usize,
    /// Dependency relation with any subtype, e.g. `nsubj:pass`.
    pub deprel: &'a str,
}

/// A trained tagger + lemmatizer + parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub(crate) description: String,
    pub(crate) clusters: WordClusters,
    pub(crate) ambiguity: FxHashMap<u64, u64>,
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: ArcHybridParser,
    pub(crate) id: String,
}

/// Reusable buffers for annotating many sentences without reallocating.
#[derive(Debug, Default)]
pub struct Scratch {
    lex_builder: LexBuilder,
    lex: Vec<Lex>,
    tags: Vec<u16>,
    heads: Vec<usize>,
    labels: Vec<u16>,
    tag_buffers: TagBuffers,
    parse_buffers: ParseBuffers,
}

impl Model {
    /// The model bundled into this build (`models/en-ewt.bin`), decoded on first use.
    pub fn bundled() -> Result<&'static Model, NlpError> {
        BUNDLED
            .get_or_init(|| {
                if BUNDLED_BYTES.is_empty() {
                    Err(NlpError::Model(ModelErrorKind::NotBundled))
                } else {
                    Model::from_bytes(BUNDLED_BYTES)
                }
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A short identifier of the model's bytes, for provenance: `en-ewt-` followed by 16 hex
    /// digits of the checksum of the file's body. The same bytes always give the same identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A free-text description recorded at training time (data, options, dev scores).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Sizes of the parts, for reports: (tagger features, tagger weights, parser features,
    /// parser weights, clustered words).
    pub fn stats(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.tagger.tables().iter().map(|t| t.n_features()).sum(),
            self.tagger.tables().iter().map(|t| t.n_weights()).sum(),
            self.parser.table().n_features(),
            self.parser.table().n_weights(),
            self.clusters.len(),
        )
    }

    /// Decode a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NlpError> {
        let mut r = ByteReader::new(bytes);
        let magic = r.take(8).map_err(|_| ModelErrorKind::BadMagic)?;
        if magic != MAGIC {
            return Err(ModelErrorKind::BadMagic.into());
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelErrorKind::UnsupportedVersion {
                found: version,
                supported: FORMAT_VERSION,
            }
            .into());
        }
        let len = r.u64()?;
        let sum = r.u64()?;
        let body = r.take(usize::try_from(len).map_err(|_| ModelErrorKind::Truncated)?)?;
        if !r.at_end() {
            return Err(ModelErrorKind::Invalid("trailing bytes after the model").into());
        }
        if checksum(body) != sum {
            return Err(ModelErrorKind::Checksum.into());
        }
        let mut r = ByteReader::new(body);
        let description = r.str()?;
        let clusters = WordClusters::read(&mut r)?;
        let n = r.len(16)?;
        let mut ambiguity = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u64()?;
            ambiguity.insert(k, v);
        }
        let tagger = Tagger::read(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let parser = ArcHybridParser::read(&mut r)?;
        if !r.at_end() {
            return Err(ModelErrorKind::Invalid("trailing bytes in the model body").into());
        }
        let id = format!("en-ewt-{sum:016x}");
        Ok(Model {
            description,
            clusters,
            ambiguity,
            tagger,
            lemmatizer,
            parser,
            id,
        })
    }

    /// Encode the model as a file (deterministic: the same model gives the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::default();
        w.str(&self.description);
        self.clusters.write(&mut w);
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        w.len(amb.len());
        for (k, v) in amb {
            w.u64(k);
            w.u64(v);
        }
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        let body = w.buf;
        let mut out = Vec::with_capacity(body.len() + 28);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Compute the word atoms of a sentence.
    pub(crate) fn lex_into(&self, words: &[&str], builder: &mut LexBuilder, out: &mut Vec<Lex>) {
        out.clear();
        out.extend(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| builder.lex(w, i, &self.clusters, &self.ambiguity)),
        );
    }

    /// Analyse one sentence given its words (gold or tokenizer output). Returns one
    /// [`WordAnalysis`] per word, forming a single-rooted tree; empty input gives empty
    /// output. Never fails and never panics.
    pub fn annotate<'a>(&'a self, words: &[&'a str]) -> Vec<WordAnalysis<'a>> {
        let mut scratch = Scratch::default();
        self.annotate_with(words, &mut scratch)
    }

    /// Tag and parse one segment of a segmented document into the pipeline's parsed form
    /// (the words keep their spans in the document's clean text).
    pub fn parse_segment(
        &self,
        doc: &SegmentedDocument,
        segment: &Segment,
        scratch: &mut Scratch,
    ) -> ParsedSegment {
        let forms: Vec<&str> = segment.tokens.iter().map(|t| doc.text_of(t.span)).collect();
        let analysis = self.annotate_with(&forms, scratch);
        ParsedSegment {
            index: segment.index,
            kind: segment.kind,
            span: segment.span,
            words: segment
                .tokens
                .iter()
                .zip(&analysis)
                .map(|(t, a)| ParsedWord {
                    span: t.span,
                    upos: a.upos.to_string(),
                    xpos: a.xpos.to_string(),
                    lemma: a.lemma.to_string(),
                    head: a.head,
                    deprel: a.deprel.to_string(),
                })
                .collect(),
        }
    }

    /// [`Model::annotate`] reusing the buffers in `scratch` (faster over many sentences).
    pub fn annotate_with<'a>(
        &'a self,
        words: &[&'a str],
        scratch: &mut Scratch,
    ) -> Vec<WordAnalysis<'a>> {
        if words.is_empty() {
            return Vec::new();
        }
        self.lex_into(words, &mut scratch.lex_builder, &mut scratch.lex);
        self.tagger
            .tag_with(&scratch.lex, &mut scratch.tags, &mut scratch.tag_buffers);
        self.tagger.repair_finite(&mut scratch.tags);
        self.parser.parse_with(
            &scratch.lex,
            &scratch.tags,
            &mut scratch.heads,
            &mut scratch.labels,
            &mut scratch.parse_buffers,
        );
        let classes = &self.tagger.classes;
        words
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let (xpos, upos) = classes
                    .get(usize::from(scratch.tags[i]))
                    .map_or(("X", "X"), |(x, u)| (x.as_str(), u.as_str()));
                WordAnalysis {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemma(form, xpos),
                    head: scratch.heads.get(i).copied().unwrap_or(0),
                    deprel: scratch
                        .labels
                        .get(i)
                        .and_then(|&l| self.parser.labels.get(usize::from(l)))
                        .map_or("dep", String::as_str),
                }
            })
            .collect()
    }

    /// Annotate a CoNLL-U sentence in place: LEMMA, UPOS, XPOS, HEAD and DEPREL of every
    /// word are replaced by the model's analysis and FEATS and DEPS are set to `_`
    /// (this model predicts neither); forms, comments, MISC, multiword ranges and empty
    /// nodes are kept.
    pub fn annotate_sentence(&self, sentence: &mut Sentence, scratch: &mut Scratch) {
        let forms: Vec<String> = sentence.words.iter().map(|w| w.form.clone()).collect();
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let analysis = self.annotate_with(&refs, scratch);
        for (w, a) in sentence.words.iter_mut().zip(analysis) {
            w.lemma = a.lemma.into_owned();
            w.upos = a.upos.to_string();
            w.xpos = a.xpos.to_string();
            w.feats = "_".to_string();
            w.head = Some(a.head);
            w.deprel = a.deprel.to_string();
            w.deps = "_".to_string();
        }
    }
}
