//! Read-only views of a sentence's dependency tree: children by relation, and the noun
//! phrase of a head word. 0-based word indices throughout (the parse's heads are 1-based).
//!
//! Before it is read, the tree gets a few local repairs of parser errors that would hide a
//! clause from the coder ("Israeli warplanes struck/VBN targets" parsed as a noun phrase with
//! a participle modifier; a clause's subject hung on the reporting verb that follows; a verb
//! after "and" hung on a noun; a finite verb read as an open complement; a perfect's participle
//! read as an adjective, "have shared/amod evidence"). Each
//! repair only moves existing words between heads, is checked to keep the tree acyclic, and
//! never touches the words, tags or spans.

use dyad_core::ParsedWord;

/// A parsed sentence with its (repaired) heads, relations and children lists.
pub struct Tree<'a> {
    /// The words.
    pub words: &'a [ParsedWord],
    /// Head of each word, 1-based, 0 for the root (after repairs).
    heads: Vec<usize>,
    /// Relation of each word (after repairs).
    rels: Vec<&'a str>,
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// Index the children of every word, after repairing known parser errors; `forms` are the
    /// words as written.
    pub fn new(words: &'a [ParsedWord], forms: &[&str], temporal_nouns: &[String]) -> Self {
        let mut t = Tree {
            words,
            heads: words.iter().map(|w| w.head).collect(),
            rels: words.iter().map(|w| w.deprel.as_str()).collect(),
            children: Vec::new(),
        };
        t.index();
        t.repair_participle_clauses(forms, temporal_nouns);
        t.repair_past_tense_modifiers();
        t.repair_stray_subjects();
        t.repair_noun_conjoined_verbs();
        t.repair_finite_xcomps();
        t.repair_perfect_participle_modifiers();
        t.repair_determined_verbs();
        t.repair_stray_passive_subjects();
        t.repair_nominal_clauses();
        t.repair_stray_modifiers();
        t
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

    /// "Israeli warplanes struck targets", "Germany suspended aid to Niger": a past-tense verb
    /// parsed as a participle modifying the noun after it, right behind a noun phrase (or with
    /// a subject of its own), is the clause's verb: the noun before it is its subject and the
    /// noun after it its object. Hyphenated compounds ("Iran-backed militants") are left alone.
    /// The verb's own adverbs ("agents sexually abused immigrants") and a day ("the United
    /// Nations on Tuesday reduced supplies", `temporal_nouns`) may stand between.
    fn repair_participle_clauses(&mut self, forms: &[&str], temporal_nouns: &[String]) {
        for v in 1..self.words.len() {
            let w = &self.words[v];
            if w.upos != "VERB" || !matches!(w.xpos.as_str(), "VBD" | "VBN") {
                continue;
            }
            if self.rel(v) != "amod" {
                continue;
            }
            let Some(n) = self.head(v) else { continue };
            if n <= v || !matches!(self.words[n].upos.as_str(), "NOUN" | "PROPN" | "NUM") {
                continue;
            }
            let own_subject = self.children_rel(v, "nsubj").next();
            if forms.get(v - 1).is_some_and(|f| f.contains('-')) {
                continue;
            }
            let mut prev = v - 1;
            while prev > 0 && self.head(prev) == Some(v) && self.rel(prev) == "advmod" {
                prev -= 1;
            }
            if self.deprel(prev).starts_with("nmod")
                && self.children_rel(prev, "case").next().is_some()
                && temporal_nouns.contains(&self.lemma(prev))
            {
                match self.head(prev) {
                    Some(h) if h < prev => prev = h,
                    _ => continue,
                }
            }
            let subject = match own_subject {
                Some(s) => s,
                None if matches!(self.words[prev].upos.as_str(), "NOUN" | "PROPN")
                    && !matches!(self.rel(prev), "nmod" | "obl") =>
                {
                    prev
                }
                None => continue,
            };
            // "Iraq and the coalition resumed": the subject is the whole coordination
            let mut subject = subject;
            while self.rel(subject) == "conj" {
                match self.head(subject) {
                    Some(h) if h < subject => subject = h,
                    _ => break,
                }
            }
            // where the new clause hangs: the place of the subject, or of the object when the
            // subject was part of the object's phrase
            let (place, place_rel) =
                if self.head(subject) == Some(n) || subject == n || own_subject.is_some() {
                    (self.head(n), self.rels[n])
                } else {
                    (self.head(subject), self.rels[subject])
                };
            let (place, place_rel) = match place {
                Some(p) if p == v || p == n || p == subject => (None, "root"),
                Some(p) => (Some(p), clause_rel(place_rel)),
                None => (None, "root"),
            };
            self.apply(&[
                (v, place, place_rel),
                (subject, Some(v), "nsubj"),
                (n, Some(v), "obj"),
            ]);
        }
    }

    /// "Iraq and the coalition resumed meetings": a past-tense verb (VBD, never a participle)
    /// parsed as a clausal modifier of the noun phrase right before it, with no subject of its
    /// own, is that noun phrase's predicate: the verb takes the phrase's place in the tree and
    /// the phrase (the whole coordination) becomes its subject.
    fn repair_past_tense_modifiers(&mut self) {
        for v in 1..self.words.len() {
            let w = &self.words[v];
            if w.upos != "VERB" || w.xpos != "VBD" || self.deprel(v) != "acl" {
                continue;
            }
            let Some(n) = self.head(v) else { continue };
            if n >= v
                || !matches!(self.words[n].upos.as_str(), "NOUN" | "PROPN")
                || self.children_rel(v, "nsubj").next().is_some()
                || !self.phrase(n).contains(&(v - 1))
            {
                continue;
            }
            let mut subject = n;
            while self.rel(subject) == "conj" {
                match self.head(subject) {
                    Some(h) if h < subject => subject = h,
                    _ => break,
                }
            }
            let (place, place_rel) = match self.head(subject) {
                Some(p) => (Some(p), clause_rel(self.rels[subject])),
                None => (None, "root"),
            };
            self.apply(&[(v, place, place_rel), (subject, Some(v), "nsubj")]);
        }
    }

    /// "Russian units shelled positions, the governor said": a verb with two subjects keeps the
    /// nearer one; the other, right before a verb with no subject (or right after one with no
    /// object), belongs to that verb.
    fn repair_stray_subjects(&mut self) {
        for h in 0..self.words.len() {
            let subjects: Vec<usize> = self
                .children(h)
                .iter()
                .copied()
                .filter(|&c| self.rels[c] == "nsubj")
                .collect();
            if subjects.len() < 2 {
                continue;
            }
            let near = subjects
                .iter()
                .copied()
                .min_by_key(|&s| s.abs_diff(h))
                .unwrap_or(h);
            // "Iraq and the coalition resumed": two subjects joined by a conjunction are one
            // coordinated subject, headed by the first.
            if let [a, b] = subjects[..] {
                let (first, second) = (a.min(b), a.max(b));
                // (the "and" may hang on the verb: "Evil Mordor, the awful Fornost, and good
                // Gondor welcomed")
                if self
                    .children_rel(second, "cc")
                    .chain(self.children_rel(h, "cc"))
                    .any(|c| c > first && c < second && c > self.last_of(first))
                    && self.apply(&[(second, Some(first), "conj")])
                {
                    continue;
                }
            }
            for s in subjects {
                if s == near {
                    continue;
                }
                // a verb right after the stray subject's phrase, without a subject
                let after = self.phrase(s).last().copied().unwrap_or(s) + 1;
                if after < self.words.len()
                    && self.words[after].upos == "VERB"
                    && after != h
                    && self.children_rel(after, "nsubj").next().is_none()
                {
                    self.apply(&[(s, Some(after), "nsubj")]);
                    continue;
                }
                // a verb right before it, without an object
                let first = self.phrase(s).first().copied().unwrap_or(s);
                if first > 0 {
                    let before = first - 1;
                    if self.words[before].upos == "VERB"
                        && before != h
                        && self.children_rel(before, "obj").next().is_none()
                    {
                        self.apply(&[(s, Some(before), "obj")]);
                    }
                }
            }
        }
    }

    /// "condemned an attack ... on Thursday and promised aid": a finite verb with "and" before
    /// it, parsed as a conjunct of a noun, with no subject of its own, is a conjunct of the
    /// verb above that noun (sharing its subject).
    fn repair_noun_conjoined_verbs(&mut self) {
        for v in 1..self.words.len() {
            let w = &self.words[v];
            // (a participle only with an object: "and promised/VBN aid")
            let finite = matches!(w.xpos.as_str(), "VBD" | "VBZ" | "VBP")
                || (w.xpos == "VBN" && self.children_rel(v, "obj").next().is_some());
            if w.upos != "VERB"
                || !finite
                || self.rels[v] != "conj"
                || self.children_rel(v, "nsubj").next().is_some()
                || self.children_rel(v, "cc").next().is_none()
            {
                continue;
            }
            let Some(n) = self.head(v) else { continue };
            if !matches!(self.words[n].upos.as_str(), "NOUN" | "PROPN") || n > v {
                continue;
            }
            let mut up = self.head(n);
            for _ in 0..6 {
                match up {
                    Some(u) if self.words[u].upos == "VERB" => break,
                    Some(u) => up = self.head(u),
                    None => break,
                }
            }
            if let Some(u) = up.filter(|&u| self.words[u].upos == "VERB" && u < v) {
                self.apply(&[(v, Some(u), "conj")]);
            }
        }
    }

    /// "Ethiopia indicated it deplored Libya": a finite verb parsed as an open complement
    /// (`xcomp`, never finite) with no "to", right after its governor's object, is a complement
    /// clause whose subject is that object. Only past and third-person forms count: a VBP is
    /// too often a bare infinitive ("helping militants join").
    fn repair_finite_xcomps(&mut self) {
        for v in 1..self.words.len() {
            let w = &self.words[v];
            if w.upos != "VERB"
                || !matches!(w.xpos.as_str(), "VBD" | "VBZ")
                || self.rels[v] != "xcomp"
                || self.children_rel(v, "mark").next().is_some()
                || self.children_rel(v, "nsubj").next().is_some()
            {
                continue;
            }
            let Some(g) = self.head(v) else { continue };
            let Some(o) = self
                .children_rel(g, "obj")
                .find(|&o| o < v && self.last_of(o) + 1 == v)
            else {
                continue;
            };
            self.apply(&[(v, Some(g), "ccomp"), (o, Some(v), "nsubj")]);
        }
    }

    /// "Israeli officials have shared evidence with the U.S.": a past participle parsed as an
    /// adjective of the noun right after it, where that noun has the perfect's "have" and a
    /// subject before the participle, is the clause's verb and the noun its object.
    fn repair_perfect_participle_modifiers(&mut self) {
        for v in 0..self.words.len() {
            if self.words[v].xpos != "VBN" || self.rels[v] != "amod" {
                continue;
            }
            let Some(n) = self.head(v) else { continue };
            if n != v + 1 || !matches!(self.words[n].upos.as_str(), "NOUN" | "PROPN") {
                continue;
            }
            let aux: Vec<usize> = self
                .children_rel(n, "aux")
                .filter(|&a| a < v && self.lemma(a) == "have")
                .collect();
            let subjects: Vec<usize> = self.children_rel(n, "nsubj").filter(|&c| c < v).collect();
            if aux.is_empty() || subjects.is_empty() {
                continue;
            }
            let (place, place_rel) = match self.head(n) {
                Some(p) => (Some(p), clause_rel(self.rels[n])),
                None => (None, "root"),
            };
            let mut moves = vec![(v, place, place_rel), (n, Some(v), "obj")];
            for c in aux.into_iter().chain(subjects) {
                moves.push((c, Some(v), self.rels[c]));
            }
            self.apply(&moves);
        }
    }

    /// "Arafat rejected a US offer to host a summit": a word tagged as a verb but with an
    /// article of its own ("a", "an", "the") before it is a noun; hung on a verb as a
    /// complement, it is that verb's object when the verb has none.
    fn repair_determined_verbs(&mut self) {
        for v in 0..self.words.len() {
            if self.words[v].upos != "VERB" || !matches!(self.rels[v], "xcomp" | "ccomp") {
                continue;
            }
            let determined = self.children_rel(v, "det").any(|d| {
                d < v
                    && matches!(
                        self.words[d].lemma.to_lowercase().as_str(),
                        "a" | "an" | "the"
                    )
            });
            let Some(g) = self.head(v) else { continue };
            if !determined
                || g > v
                || self.words[g].upos != "VERB"
                || self.children_rel(g, "obj").next().is_some()
                || self.children_rel(v, "nsubj").next().is_some()
            {
                continue;
            }
            self.apply(&[(v, Some(g), "obj")]);
        }
    }

    /// "Vice-President Moody Awori has declined": a word the parser made the passive subject
    /// of a verb with no passive auxiliary, which also has an active subject right after that
    /// word (a title split at its hyphen), belongs to that subject's name.
    fn repair_stray_passive_subjects(&mut self) {
        for v in 0..self.words.len() {
            if self.children_rel(v, "aux:pass").next().is_some() {
                continue;
            }
            let Some(p) = self.children_rel(v, "nsubj:pass").next() else {
                continue;
            };
            let Some(s) = self.children_rel(v, "nsubj").find(|&s| s > p) else {
                continue;
            };
            if self.first_of(s) > p + 3 {
                continue;
            }
            self.apply(&[(p, Some(s), "compound")]);
        }
    }

    /// "Egyptian police opened fire to disperse demonstrators": a noun the parser made a
    /// clause (`ccomp`) though it has no subject, copula or verb of its own, right after a
    /// verb with no object, is that verb's object.
    fn repair_nominal_clauses(&mut self) {
        for n in 1..self.words.len() {
            if self.words[n].upos != "NOUN" || self.rels[n] != "ccomp" {
                continue;
            }
            let v = n - 1;
            // (a verb on it other than an infinitive may be the clause's: "said talks resumed")
            let clausal = self.children(n).iter().any(|&c| {
                matches!(
                    self.rels[c],
                    "nsubj" | "nsubj:pass" | "cop" | "aux" | "aux:pass" | "mark"
                ) || (self.words[c].upos == "VERB"
                    && !self
                        .children_rel(c, "mark")
                        .any(|m| self.words[m].lemma == "to"))
            });
            if clausal
                || self.words[v].upos != "VERB"
                || self.children_rel(v, "obj").next().is_some()
            {
                continue;
            }
            self.apply(&[(n, Some(v), "obj")]);
        }
    }

    /// "Egyptian police opened fire": an adjective the parser hung on a verb (as `amod` or
    /// `advmod`) right before a noun is that noun's modifier; so is a word made the verb's
    /// subject right before the verb's other subject ("Kenyan/nsubj police/nsubj opened"), as
    /// a verb has one subject, when it is a name or an adjective (a noun before a name is a
    /// title, whose phrase the coder reads as it stands: "minister/nsubj Calimehtar/nsubj").
    fn repair_stray_modifiers(&mut self) {
        for a in 0..self.words.len().saturating_sub(1) {
            let n = a + 1;
            let Some(h) = self.head(a) else { continue };
            if h == n
                || self.words[h].upos != "VERB"
                || !matches!(self.words[n].upos.as_str(), "NOUN" | "PROPN")
            {
                continue;
            }
            let adjective = self.words[a].upos == "ADJ";
            let stray_modifier = adjective && matches!(self.rels[a], "amod" | "advmod");
            let second_subject = self.rels[a] == "nsubj"
                && self.rels[n] == "nsubj"
                && self.head(n) == Some(h)
                && matches!(self.words[a].upos.as_str(), "ADJ" | "PROPN");
            if !(stray_modifier || second_subject) {
                continue;
            }
            self.apply(&[(a, Some(n), if adjective { "amod" } else { "compound" })]);
        }
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

/// The relation a clause takes in the place of a nominal.
fn clause_rel(nominal_rel: &str) -> &'static str {
    match nominal_rel.split(':').next().unwrap_or(nominal_rel) {
        "root" => "root",
        "conj" => "conj",
        "parataxis" => "parataxis",
        _ => "ccomp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::Span;

    /// Words from "form/UPOS/XPOS/lemma/head/deprel" specs.
    fn words(spec: &str) -> Vec<ParsedWord> {
        spec.split_whitespace()
            .map(|w| {
                let f: Vec<&str> = w.split('/').collect();
                ParsedWord {
                    span: Span::new(0, 0),
                    upos: f[1].to_string(),
                    xpos: f[2].to_string(),
                    lemma: f[3].to_string(),
                    head: f[4].parse().expect("head"),
                    deprel: f[5].to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn a_perfect_participle_read_as_an_adjective_is_the_verb() {
        // officials have shared evidence with Egypt .
        let ws = words("officials/NOUN/NNS/official/4/nsubj have/AUX/VBP/have/4/aux shared/VERB/VBN/share/4/amod evidence/NOUN/NN/evidence/0/root with/ADP/IN/with/6/case Egypt/PROPN/NNP/Egypt/4/nmod");
        let forms = ["officials", "have", "shared", "evidence", "with", "Egypt"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!(t.head(2), None, "the participle is the root");
        assert_eq!((t.head(3), t.rel(3)), (Some(2), "obj"));
        assert_eq!((t.head(0), t.rel(0)), (Some(2), "nsubj"));
        assert_eq!((t.head(1), t.rel(1)), (Some(2), "aux"));
        assert_eq!(t.head(5), Some(3), "the phrase stays on the object");
    }

    #[test]
    fn a_verb_with_an_article_is_the_object_noun() {
        // Arafat rejected a US offer to host a summit .
        let ws = words("Arafat/PROPN/NNP/Arafat/2/nsubj rejected/VERB/VBD/reject/0/root a/DET/DT/a/4/det offer/VERB/VB/offer/2/xcomp to/PART/TO/to/6/mark host/VERB/VB/host/4/xcomp");
        let forms = ["Arafat", "rejected", "a", "offer", "to", "host"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(3), t.rel(3)), (Some(1), "obj"));
        // Arafat agreed to offer a summit . (no article of its own: still the complement)
        let ws = words("Arafat/PROPN/NNP/Arafat/2/nsubj agreed/VERB/VBD/agree/0/root to/PART/TO/to/4/mark offer/VERB/VB/offer/2/xcomp a/DET/DT/a/6/det summit/NOUN/NN/summit/4/obj");
        let forms = ["Arafat", "agreed", "to", "offer", "a", "summit"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(3), t.rel(3)), (Some(1), "xcomp"));
    }

    #[test]
    fn a_noun_read_as_a_clause_after_a_verb_is_its_object() {
        // police opened fire to disperse crowds , sources said .
        let ws = words("police/NOUN/NNS/police/2/nsubj opened/VERB/VBD/open/8/ccomp fire/NOUN/NN/fire/8/ccomp to/PART/TO/to/5/mark disperse/VERB/VB/disperse/3/acl crowds/NOUN/NNS/crowd/5/obj sources/NOUN/NNS/source/8/nsubj said/VERB/VBD/say/0/root");
        let forms = [
            "police", "opened", "fire", "to", "disperse", "crowds", "sources", "said",
        ];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(2), t.rel(2)), (Some(1), "obj"));
        assert_eq!(t.head(4), Some(2), "the infinitive stays on the noun");
        // officials said talks resumed (a finite verb on the noun: may be a clause, left alone)
        let ws = words("officials/NOUN/NNS/official/2/nsubj said/VERB/VBD/say/0/root talks/NOUN/NNS/talk/2/ccomp resumed/VERB/VBD/resume/3/acl");
        let forms = ["officials", "said", "talks", "resumed"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_ne!(t.rel(2), "obj");
        // the minister said the outcome was a disgrace (a noun with a copula stays a clause)
        let ws = words("minister/NOUN/NN/minister/2/nsubj said/VERB/VBD/say/0/root outcome/NOUN/NN/outcome/5/nsubj was/AUX/VBD/be/5/cop disgrace/NOUN/NN/disgrace/2/ccomp");
        let forms = ["minister", "said", "outcome", "was", "disgrace"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(4), t.rel(4)), (Some(1), "ccomp"));
    }

    #[test]
    fn an_adjective_on_a_verb_before_a_noun_modifies_the_noun() {
        // Egyptian police opened fire
        let ws = words("Egyptian/ADJ/JJ/Egyptian/3/advmod police/NOUN/NNS/police/3/nsubj opened/VERB/VBD/open/0/root fire/NOUN/NN/fire/3/obj");
        let forms = ["Egyptian", "police", "opened", "fire"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(0), t.rel(0)), (Some(1), "amod"));
        // Kenyan police opened fire (two subjects: the first belongs to the second)
        let ws = words("Kenyan/PROPN/NNP/Kenyan/3/nsubj police/NOUN/NNS/police/3/nsubj opened/VERB/VBD/open/0/root fire/NOUN/NN/fire/3/obj");
        let forms = ["Kenyan", "police", "opened", "fire"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(0), t.rel(0)), (Some(1), "compound"));
        // the minister Calimehtar warned (a title before a name: left alone)
        let ws = words("minister/NOUN/NN/minister/3/nsubj Calimehtar/PROPN/NNP/Calimehtar/3/nsubj warned/VERB/VBD/warn/0/root");
        let forms = ["minister", "Calimehtar", "warned"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(0), t.rel(0)), (Some(2), "nsubj"));
        // police opened fire quickly (no noun after the adverb: left alone)
        let ws = words("police/NOUN/NNS/police/2/nsubj opened/VERB/VBD/open/0/root fire/NOUN/NN/fire/2/obj quick/ADJ/JJ/quick/2/advmod");
        let forms = ["police", "opened", "fire", "quick"];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(3), t.rel(3)), (Some(1), "advmod"));
    }

    #[test]
    fn a_passive_subject_without_a_passive_is_part_of_the_subject() {
        // Vice - President Moody Awori has declined to resign
        let ws = words("Vice/NOUN/NN/vice/7/nsubj:pass -/PUNCT/HYPH/-/7/punct President/PROPN/NNP/President/4/nmod:desc Moody/PROPN/NNP/Moody/7/nsubj Awori/PROPN/NNP/Awori/4/flat has/AUX/VBZ/have/7/aux declined/VERB/VBN/decline/0/root to/PART/TO/to/9/mark resign/VERB/VB/resign/7/xcomp");
        let forms = [
            "Vice",
            "-",
            "President",
            "Moody",
            "Awori",
            "has",
            "declined",
            "to",
            "resign",
        ];
        let t = Tree::new(&ws, &forms, &[]);
        assert_eq!((t.head(0), t.rel(0)), (Some(3), "compound"));
        assert!(t.children_rel(6, "nsubj:pass").next().is_none());
    }
}
