//! The dependency tree of one sentence, repaired once: the parser's heads and relations with
//! the local repairs of known parser errors applied (see [`repairs`], run in the order of
//! [`repairs::REPAIRS`]), the names of the repairs that moved something
//! ([`Tree::repairs`]), and the read-only queries the coder and grounding navigate it by
//! (children by relation, the noun phrase of a head, conjuncts, a nominal's preposition, a
//! passive's agent). 0-based word indices throughout (the parse's heads are 1-based). It must
//! never trust the parser's tree to be well formed: a head out of range reads as the root, a
//! word that is its own head has no children, every walk is bounded, and a repair whose moves
//! would make a cycle is undone; it never touches the words, tags or spans, and never panics
//! on any parse.
//!
//! One repair is made before parsing, and so is not here: the tagger's `repair_finite` in
//! `dyad-nlp` (`crates/nlp/src/tagger.rs`) retags the first participle of a sentence with no
//! finite verb as a past tense when it sits between a noun and an object ("Israeli
//! warplanes struck targets"), so that the parser sees a clause.
//!
//! ```
//! use dyad_core::{ParsedWord, Span};
//! use dyad_tree::Tree;
//!
//! // "Egyptian police opened fire", with the adjective hung on the verb
//! let rows = [
//!     ("Egyptian", "ADJ", "JJ", 3, "advmod"),
//!     ("police", "NOUN", "NNS", 3, "nsubj"),
//!     ("opened", "VERB", "VBD", 0, "root"),
//!     ("fire", "NOUN", "NN", 3, "obj"),
//! ];
//! let words: Vec<ParsedWord> = rows
//!     .iter()
//!     .map(|&(form, upos, xpos, head, deprel)| ParsedWord {
//!         span: Span::new(0, 0),
//!         upos: upos.into(),
//!         xpos: xpos.into(),
//!         lemma: form.to_lowercase(),
//!         head,
//!         deprel: deprel.into(),
//!     })
//!     .collect();
//! let forms: Vec<&str> = rows.iter().map(|r| r.0).collect();
//! let tree = Tree::new(&words, &forms, &[]);
//! assert_eq!((tree.head(0), tree.rel(0)), (Some(1), "amod"));
//! assert_eq!(tree.repairs(), ["stray-modifier"]);
//! ```

pub mod repairs;

use dyad_core::ParsedWord;

/// A parsed sentence with its (repaired) heads, relations and children lists.
#[derive(Debug, Clone)]
pub struct Tree<'a> {
    /// The words.
    pub words: &'a [ParsedWord],
    /// Each word as written (an empty form where the caller gave none).
    forms: Vec<&'a str>,
    /// Head of each word, 1-based, 0 for the root (after repairs).
    heads: Vec<usize>,
    /// Relation of each word (after repairs).
    rels: Vec<&'a str>,
    children: Vec<Vec<usize>>,
    /// Names of the repairs that moved something, in the order they ran.
    repairs: Vec<&'static str>,
}

impl<'a> Tree<'a> {
    /// Index the children of every word, after repairing known parser errors (every repair
    /// of [`repairs::REPAIRS`], in order); `forms` are the words as written,
    /// `temporal_nouns` the lemmas of day and time nouns ("tuesday", "week") a repair may
    /// look past.
    pub fn new(words: &'a [ParsedWord], forms: &[&'a str], temporal_nouns: &[String]) -> Self {
        let mut t = Tree::unrepaired(words, forms);
        for repair in &repairs::REPAIRS {
            let (heads, rels) = (t.heads.clone(), t.rels.clone());
            (repair.apply)(&mut t, temporal_nouns);
            if t.heads != heads || t.rels != rels {
                t.repairs.push(repair.name);
            }
        }
        t
    }

    /// The parser's tree as it is, with no repair.
    pub fn unrepaired(words: &'a [ParsedWord], forms: &[&'a str]) -> Self {
        let mut t = Tree {
            words,
            forms: (0..words.len())
                .map(|i| forms.get(i).copied().unwrap_or(""))
                .collect(),
            heads: words.iter().map(|w| w.head).collect(),
            rels: words.iter().map(|w| w.deprel.as_str()).collect(),
            children: Vec::new(),
            repairs: Vec::new(),
        };
        t.index();
        t
    }

    /// Names of the repairs that moved something, in the order they ran (see
    /// [`repairs::REPAIRS`]).
    pub fn repairs(&self) -> &[&'static str] {
        &self.repairs
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True for a sentence without words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words as written.
    pub fn forms(&self) -> &[&'a str] {
        &self.forms
    }

    /// Word `i` as written ("" out of range).
    pub fn form(&self, i: usize) -> &'a str {
        self.forms.get(i).copied().unwrap_or("")
    }

    fn index(&mut self) {
        let n = self.words.len();
        let mut children = vec![Vec::new(); n];
        for (i, &h) in self.heads.iter().enumerate() {
            if h > 0 && h <= n && h - 1 != i {
                children[h - 1].push(i);
            }
        }
        self.children = children;
    }

    /// Apply a set of (word, new head 0-based or None for root, relation) moves if the result
    /// is still a tree; re-index children.
    fn apply(&mut self, moves: &[(usize, Option<usize>, &'a str)]) -> bool {
        let old_heads = self.heads.clone();
        let old_rels = self.rels.clone();
        for &(w, h, rel) in moves {
            self.heads[w] = h.map_or(0, |h| h + 1);
            self.rels[w] = rel;
        }
        if self.acyclic() {
            self.index();
            true
        } else {
            self.heads = old_heads;
            self.rels = old_rels;
            false
        }
    }

    fn acyclic(&self) -> bool {
        let n = self.words.len();
        for start in 0..n {
            let mut cur = start;
            let mut steps = 0;
            while self.heads[cur] > 0 && self.heads[cur] <= n {
                cur = self.heads[cur] - 1;
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        true
    }

    /// The `by` agent of passive verb `v`: an `obl:agent` or `by` phrase on it, or a `by`
    /// phrase the parser hung on an adverb of it ("was opposed earlier by Osgiliath").
    pub fn by_agent(&self, v: usize) -> Option<usize> {
        let by =
            |c: usize| self.deprel(c) == "obl:agent" || self.case_of(c).as_deref() == Some("by");
        self.children_rel(v, "obl").find(|&c| by(c)).or_else(|| {
            self.children_rel(v, "advmod")
                .flat_map(|a| {
                    self.children_rel(a, "nmod")
                        .chain(self.children_rel(a, "obl"))
                })
                .find(|&c| by(c))
        })
    }

    /// The first word of the noun phrase headed by `i`.
    pub fn first_of(&self, i: usize) -> usize {
        self.phrase(i).first().copied().unwrap_or(i)
    }

    /// The last word of the noun phrase headed by `i`.
    pub fn last_of(&self, i: usize) -> usize {
        self.phrase(i).last().copied().unwrap_or(i)
    }

    /// The head of word `i`, if it is not the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.heads[i];
        (h > 0 && h <= self.words.len()).then(|| h - 1)
    }

    /// The universal part of word `i`'s relation ("obl" for "obl:tmod").
    pub fn rel(&self, i: usize) -> &str {
        let r = self.rels[i];
        r.split(':').next().unwrap_or(r)
    }

    /// Word `i`'s full relation, with its subtype ("obl:agent").
    pub fn deprel(&self, i: usize) -> &str {
        self.rels[i]
    }

    /// Children of `i`.
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Children of `i` whose full relation is `rel` or starts with `rel:`.
    pub fn children_rel<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i].iter().copied().filter(move |&c| {
            let r = self.rels[c];
            r == rel || (r.starts_with(rel) && r.as_bytes().get(rel.len()) == Some(&b':'))
        })
    }

    /// Lowercased lemma of word `i`.
    pub fn lemma(&self, i: usize) -> String {
        self.words[i].lemma.to_lowercase()
    }

    /// The preposition (case child) of a nominal, lowercased; "on more than 500 banks" hangs
    /// it on the number before the noun.
    pub fn case_of(&self, i: usize) -> Option<String> {
        self.children_rel(i, "case")
            .next()
            .or_else(|| {
                self.children[i]
                    .iter()
                    .copied()
                    .filter(|&c| c < i && matches!(self.rel(c), "nummod" | "det" | "amod"))
                    .find_map(|c| self.children_rel(c, "case").find(|&k| k < c))
            })
            .map(|c| self.lemma(c))
    }

    /// Word `i` and its conjuncts ("Iraq and the U.S." → both heads; a list's items).
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let cur = out[k];
            for c in self.children_rel(cur, "conj") {
                if !out.contains(&c) && self.is_nominal(c) {
                    out.push(c);
                }
            }
            // "The United States, Britain and Canada": a list's second item parsed as an
            // apposition with the rest as its conjuncts
            // (or, "Evil Mordor, the awful Fornost, and good Gondor", with the last item a
            // conjunct of the first)
            for c in self.children_rel(cur, "appos") {
                if !out.contains(&c)
                    && self.is_nominal(c)
                    && (self.children_rel(c, "conj").next().is_some()
                        || self.children_rel(cur, "conj").any(|k| k > c))
                {
                    out.push(c);
                }
            }
            k += 1;
        }
        out
    }

    /// Is word `i` a noun, proper noun or pronoun?
    pub fn is_nominal(&self, i: usize) -> bool {
        matches!(
            self.words[i].upos.as_str(),
            "NOUN" | "PROPN" | "PRON" | "NUM" | "X" | "ADJ"
        )
    }

    /// The words of the noun phrase headed by `i`, without clauses, conjuncts or appositions:
    /// the head with its determiners, modifiers, compounds, possessors and "of" phrases.
    pub fn phrase(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(cur) = stack.pop() {
            for &c in &self.children[cur] {
                let rel = self.rels[c];
                let base = rel.split(':').next().unwrap_or(rel);
                let keep = match base {
                    "det" | "amod" | "compound" | "flat" | "fixed" | "nummod" | "case"
                    | "punct" => true,
                    // possessors and "of" phrases name whose the thing is; "in Jordan" does not;
                    // a title before a name is the name's ("Fornost President Umbardacil")
                    "nmod" => {
                        rel == "nmod:poss"
                            || rel == "nmod:desc"
                            || self.case_of(c).as_deref() == Some("of")
                            // a name hung on a name without a preposition ("Bree ... Romendacil")
                            || (rel == "nmod"
                                && self.words[c].upos == "PROPN"
                                && self.words[cur].upos == "PROPN"
                                && self.case_of(c).is_none())
                    }
                    _ => false,
                };
                if keep && !out.contains(&c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }
}
