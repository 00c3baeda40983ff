//! Read-only views of a sentence's dependency tree: children by relation, and the noun
//! phrase of a head word. 0-based word indices throughout (the parse's heads are 1-based).

use dyad_core::ParsedWord;

/// A parsed sentence with its children lists.
pub struct Tree<'a> {
    /// The words.
    pub words: &'a [ParsedWord],
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// Index the children of every word.
    pub fn new(words: &'a [ParsedWord]) -> Self {
        let mut children = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if w.head > 0 && w.head <= words.len() && w.head - 1 != i {
                children[w.head - 1].push(i);
            }
        }
        Tree { words, children }
    }

    /// The head of word `i`, if it is not the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.words[i].head;
        (h > 0 && h <= self.words.len()).then(|| h - 1)
    }

    /// The universal part of word `i`'s relation ("obl" for "obl:tmod").
    pub fn rel(&self, i: usize) -> &str {
        let r = self.words[i].deprel.as_str();
        r.split(':').next().unwrap_or(r)
    }

    /// Children of `i`.
    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Children of `i` whose full relation is `rel` or starts with `rel:`.
    pub fn children_rel<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i].iter().copied().filter(move |&c| {
            let r = self.words[c].deprel.as_str();
            r == rel || (r.starts_with(rel) && r.as_bytes().get(rel.len()) == Some(&b':'))
        })
    }

    /// Lowercased lemma of word `i`.
    pub fn lemma(&self, i: usize) -> String {
        self.words[i].lemma.to_lowercase()
    }

    /// The preposition (case child) of a nominal, lowercased.
    pub fn case_of(&self, i: usize) -> Option<String> {
        self.children_rel(i, "case").next().map(|c| self.lemma(c))
    }

    /// Word `i` and its conjuncts ("Iraq and the U.S." → both heads).
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
                let rel = self.words[c].deprel.as_str();
                let base = rel.split(':').next().unwrap_or(rel);
                let keep = match base {
                    "det" | "amod" | "compound" | "flat" | "fixed" | "nummod" | "case"
                    | "punct" => true,
                    // possessors and "of" phrases name whose the thing is; "in Jordan" does not
                    "nmod" => rel == "nmod:poss" || self.case_of(c).as_deref() == Some("of"),
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
