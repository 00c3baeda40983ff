//! One parsed sentence as the grounding stage sees it: the (repaired) `dyad_tree::Tree` the
//! coder built, the depth of every word in it, and the date and place mentions found in it
//! once (by `dyad-dates` and `dyad-places`) for all the events of the sentence. It only
//! navigates the tree it is given and never repairs or changes it (the repairs are
//! `dyad-tree`'s, made once for coder and grounding alike); it must never trust that tree to
//! be well formed (heads out of range, words that are their own head and cycles are cut,
//! every walk is bounded by the sentence's length).

use std::ops::Range;

use dyad_dates::DateRange;
use dyad_places::Place;
use dyad_tree::Tree;

/// Number of steps from word `i` up to a root, or `None` when the walk loops.
fn walk_len(parent: &[Option<usize>], i: usize) -> Option<usize> {
    let mut k = i;
    for d in 0..=parent.len() {
        match parent.get(k).copied().flatten() {
            Some(p) => k = p,
            None => return Some(d),
        }
    }
    None
}

/// A date expression of the sentence with its resolution.
#[derive(Debug, Clone)]
pub(crate) struct FoundDate {
    /// Token range of the expression.
    pub tokens: Range<usize>,
    /// The expression's head word (the one whose head lies outside it).
    pub head: usize,
    /// What it resolved to.
    pub range: DateRange,
}

/// A place name of the sentence with the place it was resolved to in the document's context.
#[derive(Debug, Clone)]
pub(crate) struct FoundPlace {
    /// Token range of the name.
    pub tokens: Range<usize>,
    /// The name's head word.
    pub head: usize,
    /// The place.
    pub place: Place,
}

/// A sentence read by [`crate::Grounder::read`]: its tree and its date and place mentions,
/// shared by all the events of the sentence.
#[derive(Debug, Clone)]
pub struct Sentence<'s> {
    tree: &'s Tree<'s>,
    pub(crate) forms: &'s [&'s str],
    /// 0-based parent of each word, `None` for the root (and for a head out of range).
    parent: Vec<Option<usize>>,
    /// Relation of each word (the tree's).
    rels: Vec<&'s str>,
    depth: Vec<usize>,
    pub(crate) dates: Vec<FoundDate>,
    pub(crate) places: Vec<FoundPlace>,
    /// How many of the document's countries were known before this sentence was read.
    pub(crate) countries_before: usize,
}

impl<'s> Sentence<'s> {
    pub(crate) fn new(tree: &'s Tree<'s>) -> Sentence<'s> {
        let n = tree.len();
        let mut parent: Vec<Option<usize>> = (0..n)
            .map(|i| tree.head(i).filter(|&h| h < n && h != i))
            .collect();
        let rels: Vec<&'s str> = (0..n).map(|i| tree.deprel(i)).collect();
        // cut cycles: a word whose walk up does not reach a root within n steps loses its head
        for i in 0..n {
            if walk_len(&parent, i).is_none() {
                parent[i] = None;
            }
        }
        let depth = (0..n).map(|i| walk_len(&parent, i).unwrap_or(0)).collect();
        Sentence {
            tree,
            forms: tree.forms(),
            parent,
            rels,
            depth,
            dates: Vec::new(),
            places: Vec::new(),
            countries_before: 0,
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.tree.len()
    }

    /// True for a sentence without words.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// The countries (ISO3) of the places below country level the sentence names (cities,
    /// regions: where things happen), in order; a country's name is also an actor's word
    /// ("U.S. troops") and says less about where.
    pub fn local_place_countries(&self) -> impl Iterator<Item = &str> + '_ {
        (self.places.iter())
            .filter(|p| p.place.precision != dyad_places::Precision::Country)
            .map(|p| p.place.country.as_str())
    }

    pub(crate) fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }

    pub(crate) fn rel(&self, i: usize) -> &'s str {
        self.rels.get(i).copied().unwrap_or("")
    }

    pub(crate) fn lemma_lower(&self, i: usize) -> String {
        self.tree.words.get(i).map_or(String::new(), |w| {
            if w.lemma.is_empty() {
                self.tree.form(i).to_lowercase()
            } else {
                w.lemma.to_lowercase()
            }
        })
    }

    pub(crate) fn lower(&self, i: usize) -> String {
        self.forms
            .get(i)
            .map_or(String::new(), |f| f.to_lowercase())
    }

    pub(crate) fn upos(&self, i: usize) -> &'s str {
        self.tree.words.get(i).map_or("", |w| w.upos.as_str())
    }

    pub(crate) fn xpos(&self, i: usize) -> &'s str {
        self.tree.words.get(i).map_or("", |w| w.xpos.as_str())
    }

    /// The words whose head is `i`, in order.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&j| self.parent(j) == Some(i))
    }

    /// The first child of `i` whose relation is one of `rels` (compared with subtype).
    pub(crate) fn child_with(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children(i).find(|&c| rels.contains(&self.rel(c)))
    }

    /// Whether `a` is `d` or one of its ancestors.
    pub(crate) fn dominates(&self, a: usize, d: usize) -> bool {
        let mut k = d;
        for _ in 0..=self.len() {
            if k == a {
                return true;
            }
            match self.parent(k) {
                Some(p) => k = p,
                None => return false,
            }
        }
        false
    }

    /// Number of edges between two words in the tree.
    pub(crate) fn distance(&self, a: usize, b: usize) -> usize {
        let (mut x, mut y) = (a, b);
        let depth = |i: usize| self.depth.get(i).copied().unwrap_or(0);
        for steps in 0..=2 * self.len() {
            if x == y {
                return steps;
            }
            if depth(x) >= depth(y) {
                match self.parent(x) {
                    Some(p) => x = p,
                    None => break,
                }
            } else {
                match self.parent(y) {
                    Some(p) => y = p,
                    None => break,
                }
            }
        }
        usize::MAX / 2
    }

    /// Whether a word heads a clause: a verb, or a word in a clausal relation.
    pub(crate) fn is_clause_head(&self, i: usize) -> bool {
        self.upos(i) == "VERB"
            || matches!(
                self.rel(i),
                "root" | "ccomp" | "advcl" | "acl:relcl" | "parataxis" | "csubj"
            )
    }

    /// The nearest clause head strictly above `i`.
    pub(crate) fn clause_of(&self, i: usize) -> Option<usize> {
        let mut k = i;
        for _ in 0..self.len() {
            let p = self.parent(k)?;
            if self.is_clause_head(p) {
                return Some(p);
            }
            k = p;
        }
        None
    }

    /// Whether the clause headed by `i` has its own subject.
    pub(crate) fn has_subject(&self, i: usize) -> bool {
        self.children(i).any(|c| {
            matches!(
                self.rel(c),
                "nsubj" | "nsubj:pass" | "csubj" | "csubj:pass" | "expl"
            )
        })
    }

    /// The word of `range` whose head lies outside it (the highest one).
    pub(crate) fn head_of(&self, range: Range<usize>) -> usize {
        let start = range.start;
        range
            .clone()
            .filter(|&i| self.parent(i).is_none_or(|p| !range.contains(&p)))
            .min_by_key(|&i| self.depth.get(i).copied().unwrap_or(0))
            .unwrap_or(start)
    }

    /// The child on the path from `top` down to `d` (`d` itself when it is a child), or
    /// `None` when `top` does not dominate `d` or is `d`.
    pub(crate) fn child_towards(&self, top: usize, d: usize) -> Option<usize> {
        let mut k = d;
        for _ in 0..self.len() {
            let p = self.parent(k)?;
            if p == top {
                return Some(k);
            }
            k = p;
        }
        None
    }

    /// The words between `top` (exclusive) and `d` (exclusive) on the path down, bottom up.
    pub(crate) fn between(&self, top: usize, d: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = d;
        for _ in 0..self.len() {
            match self.parent(k) {
                Some(p) if p == top => return out,
                Some(p) => {
                    out.push(p);
                    k = p;
                }
                None => return out,
            }
        }
        out
    }

    /// The text of a token range, tokens joined by a space except before `,` `.` `'s` `'`
    /// and around `-`.
    pub(crate) fn text(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        let mut prev_hyphen = false;
        for f in self.forms.get(range).unwrap_or(&[]) {
            let glue = matches!(
                *f,
                "," | "." | "'s" | "'" | "’s" | "’" | "-" | ")" | ":" | ";"
            ) || prev_hyphen;
            if !out.is_empty() && !glue {
                out.push(' ');
            }
            out.push_str(f);
            prev_hyphen = *f == "-";
        }
        out
    }

    /// The token range of the phrase headed by `n`: its dependents' phrases except clauses
    /// (`acl`, `acl:relcl`, `advcl`), punctuation, and prepositional modifiers other than
    /// "of" ("dozens of civilians", not "… in Gaza").
    pub(crate) fn phrase(&self, n: usize) -> Range<usize> {
        self.phrase_within(n, 0)
    }

    fn phrase_within(&self, n: usize, depth: usize) -> Range<usize> {
        let mut lo = n;
        let mut hi = n;
        if depth > 8 {
            return lo..hi + 1;
        }
        for c in self.children(n) {
            let rel = self.rel(c);
            if matches!(
                rel,
                "acl" | "acl:relcl" | "advcl" | "punct" | "parataxis" | "appos"
            ) || rel.starts_with("conj") && self.upos(c) == "VERB"
                || (rel.starts_with("obl") && c > n)
            {
                continue;
            }
            if rel.starts_with("nmod") && rel != "nmod:poss" && c > n {
                let of = self
                    .children(c)
                    .any(|g| self.rel(g) == "case" && self.lower(g) == "of");
                if !of {
                    continue;
                }
            }
            let r = self.phrase_within(c, depth + 1);
            lo = lo.min(r.start);
            hi = hi.max(r.end - 1);
        }
        lo..hi + 1
    }
}
