//! Queries of a clause's syntax that several rules share: a verb's logical subject (through
//! conjoined, controlled and relative clauses, the `by` agent of a passive), its governor and
//! complements, a particle the parser misread, the phrases it hung on a day, the lemma the
//! verb dictionary knows a form by, and what a pronoun subject of a reported clause stands
//! for. They only read the repaired tree and the coding rules; they never code an event or
//! resolve an actor.

use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::nominal;
use dyad_tree::Tree;

impl Dictionaries<'_> {
    /// The verb whose complement clause verb `v` heads ("noted that Mordor regretted").
    pub(crate) fn governor(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        let g = t.head(v)?;
        (matches!(t.rel(v), "ccomp" | "advcl" | "parataxis") && t.words[g].upos == "VERB")
            .then_some(g)
    }
    /// opinion, not an agreement.)
    pub(crate) fn has_complement(&self, t: &Tree<'_>, v: usize) -> bool {
        t.children(v).iter().any(|&c| {
            t.rel(c) == "xcomp" || (t.rel(c) == "advcl" && self.infinitive_of_intent(t, c, v))
        })
    }
    /// war games" → "games"), else `o`.
    pub(crate) fn through_quantity(&self, t: &Tree<'_>, o: usize) -> usize {
        if !CodingRules::has(&self.rules.quantity_nouns, &t.lemma(o))
            && t.words[o].upos != "NUM"
            && !self.time_span_of(t, o)
        {
            return o;
        }
        t.children_rel(o, "nmod")
            .find(|&c| t.case_of(c).as_deref() == Some("of"))
            .map_or(o, |c| self.through_quantity(t, c))
    }

    /// Is `o` a span of time (`temporal_nouns`) with an "of" phrase, which it measures ("ten
    /// days of war games", "a week of talks")?
    pub(crate) fn time_span_of(&self, t: &Tree<'_>, o: usize) -> bool {
        CodingRules::has(&self.rules.temporal_nouns, &t.lemma(o))
            && t.children_rel(o, "nmod")
                .any(|c| t.case_of(c).as_deref() == Some("of"))
    }

    /// complement ("Egypt said it had sent aid" → "Egypt").
    pub(crate) fn pronoun_antecedent(&self, t: &Tree<'_>, subject: usize) -> Option<usize> {
        if t.words[subject].upos != "PRON"
            || !CodingRules::has(&self.rules.subject_pronouns, &t.lemma(subject))
        {
            return None;
        }
        let mut cur = t.head(subject)?;
        for _ in 0..4 {
            let head = t.head(cur)?;
            match t.rel(cur) {
                "conj" | "xcomp" => cur = head,
                "ccomp" if CodingRules::has(&self.rules.reporting_verbs, &t.lemma(head)) => {
                    return t
                        .children_rel(head, "nsubj")
                        .next()
                        .filter(|&s| t.words[s].upos != "PRON")
                        .or_else(|| reporting_participle_host(t, head));
                }
                _ => return None,
            }
        }
        None
    }

    /// dictionary has no pattern for that, a regular lemma of the form ("resumed" → "resume").
    pub(crate) fn verb_lemma(&self, t: &Tree<'_>, form: &str, v: usize) -> Option<String> {
        if self.rules.verbs_by_form {
            if let Some(f) = self.form_entry(form) {
                return Some(f);
            }
        }
        let lemma = t.lemma(v);
        if self.verbs.patterns_for(&lemma).next().is_some() {
            return Some(lemma);
        }
        let f = form.to_lowercase();
        let mut candidates: Vec<String> = Vec::new();
        if let Some(l) = self.rules.irregular_verbs.get(&f) {
            candidates.push(l.clone());
        }
        if let Some(stem) = f.strip_suffix("ied") {
            candidates.push(format!("{stem}y"));
        }
        if let Some(stem) = f.strip_suffix("ised").or_else(|| f.strip_suffix("ising")) {
            candidates.push(format!("{stem}ize"));
        }
        if let Some(stem) = f.strip_suffix("ed") {
            candidates.push(format!("{stem}e"));
            candidates.push(stem.to_string());
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                candidates.push(stem[..stem.len() - 1].to_string());
            }
        }
        if let Some(stem) = f.strip_suffix("ing") {
            candidates.push(format!("{stem}e"));
            candidates.push(stem.to_string());
        }
        // "-es" only after a sibilant or "o" ("pushes", "goes"), never "departes"
        if let Some(stem) = f.strip_suffix("es") {
            if self
                .rules
                .es_stem_endings
                .iter()
                .any(|e| stem.ends_with(e.as_str()))
            {
                candidates.push(stem.to_string());
            }
        }
        if let Some(stem) = f.strip_suffix('s') {
            candidates.push(stem.to_string());
        }
        candidates.push(f);
        candidates
            .into_iter()
            .find(|c| self.verbs.patterns_for(c).next().is_some())
    }
    /// The subject of the reporting verb that reports clause `v` ("…, the U.S. military
    /// said"; "police said that …").
    pub(crate) fn reporter_subject(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        let reports = |k: usize| CodingRules::has(&self.rules.reporting_verbs, &t.lemma(k));
        let said = t
            .children_rel(v, "parataxis")
            .find(|&p| reports(p))
            .or_else(|| {
                t.head(v)
                    .filter(|&g| matches!(t.rel(v), "ccomp" | "parataxis") && reports(g))
            })?;
        t.children_rel(said, "nsubj").next()
    }

    /// The logical subject of verb `v`, looking through conjoined and controlled verbs.
    pub(crate) fn subject(&self, t: &Tree<'_>, v: usize, passive: bool) -> Option<usize> {
        if passive {
            return t.by_agent(v);
        }
        if let Some(s) = nearer_subject(t, v) {
            let rel_pronoun = CodingRules::has(&self.rules.relative_pronouns, &t.lemma(s));
            if rel_pronoun && t.rel(v) == "acl" {
                return t.head(v).map(|h| nominal::host_of_time_modifier(t, h));
            }
            return Some(s);
        }
        let mut cur = v;
        for _ in 0..4 {
            let head = t.head(cur)?;
            match t.rel(cur) {
                "conj" | "xcomp" => {
                    if let Some(s) =
                        nearer_subject(t, head).or_else(|| t.children_rel(head, "expl").next())
                    {
                        return Some(s);
                    }
                    cur = head;
                }
                // "released soldiers held as prisoners": a participle on an object is
                // passive, its noun the object; its subject, if any, is the "by" agent (a
                // participle on the sentence's first noun, or one with an object of its own —
                // "after militants struck an outpost" — is more often a misread past tense)
                "acl"
                    if t.words[cur].xpos == "VBN"
                        && t.children_rel(cur, "obj").next().is_none()
                        && is_object_noun(t, head, self.rules) =>
                {
                    return t.children_rel(cur, "obl").find(|&c| {
                        t.deprel(c) == "obl:agent" || t.case_of(c).as_deref() == Some("by")
                    })
                }
                "acl" => return Some(head),
                // "broke up a rally, arresting over 100 people": a subjectless gerund
                // adjunct shares its active governor's subject (not a killing, which
                // counts the governor's dead: "attacked the town, killing four")
                "advcl"
                    if t.words[cur].xpos == "VBG"
                        && !CodingRules::has(
                            &self.rules.participle_subject_excluded_verbs,
                            &t.lemma(cur),
                        )
                        && self.rules.participle_clause_subjects
                        && t.children_rel(cur, "mark").next().is_none()
                        && t.children_rel(head, "aux:pass").next().is_none() =>
                {
                    return nearer_subject(t, head);
                }
                // "threatened on Monday to retaliate": a misattached infinitive of an
                // intent verb is its complement
                "advcl" if self.infinitive_of_intent(t, cur, head) => {
                    if let Some(s) = t.children_rel(head, "nsubj").next() {
                        return Some(s);
                    }
                    cur = head;
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject of the verb a subjectless, active "to" clause of purpose hangs on ("Mordor
    /// will be hosting Osgiliath to celebrate May Day"), when the rules ask for it
    /// (`purpose_clause_subjects`, PETRARCH mode).
    pub(crate) fn purpose_subject(&self, t: &Tree<'_>, v: usize) -> Option<usize> {
        let purpose = self.rules.purpose_clause_subjects
            && t.rel(v) == "advcl"
            && t.children_rel(v, "nsubj").next().is_none()
            // ("called for Gondor to be allowed to leave" is Gondor's)
            && t.children_rel(v, "aux:pass").next().is_none()
            && t.children_rel(v, "mark").any(|m| t.lemma(m) == "to");
        purpose
            .then(|| t.children_rel(t.head(v)?, "nsubj").next())
            .flatten()
    }

    /// "handed over medicine to": the word right after verb `v` is a particle that a pattern
    /// of the verb names, parsed as the verb's adverb or as the preposition of the phrase
    /// after it (when the verb has no object). The particle and, for a preposition, that
    /// phrase's noun, which is the verb's object.
    pub(crate) fn misread_particle(
        &self,
        t: &Tree<'_>,
        v: usize,
        lemma: &str,
    ) -> Option<(usize, Option<usize>)> {
        let w = v + 1;
        if w >= t.words.len() {
            return None;
        }
        let wl = t.lemma(w);
        if !self
            .verbs
            .patterns_for(lemma)
            .any(|p| p.particle.as_deref() == Some(wl.as_str()))
        {
            return None;
        }
        match t.rel(w) {
            // (or of the object's first word: "handed over 700 kg of medicine")
            "advmod"
                if t.head(w) == Some(v)
                    || t.children_rel(v, "obj")
                        .any(|o| t.head(w).is_some_and(|h| t.first_of(o) <= h && h <= o)) =>
            {
                Some((w, None))
            }
            "case" => {
                let n = t.head(w)?;
                (t.head(n) == Some(v)
                    && t.rel(n) == "obl"
                    && t.children_rel(v, "obj").next().is_none())
                .then_some((w, Some(n)))
            }
            _ => None,
        }
    }

    /// Days the parser hung a verb's phrase on: "gave a warm welcome on Thursday to X", "a
    /// mediation effort on Saturday between A and B" (a day on the verb or on its object).
    pub(crate) fn day_phrases(&self, t: &Tree<'_>, v: usize, object: Option<usize>) -> Vec<usize> {
        let on_verb = t.children_rel(v, "obl");
        let on_object = object.into_iter().flat_map(|o| t.children_rel(o, "nmod"));
        on_verb
            .chain(on_object)
            .filter(|&c| CodingRules::has(&self.rules.temporal_nouns, &t.lemma(c)))
            .collect()
    }
    /// or of aspect ("resorted to throwing stones")?
    pub(crate) fn infinitive_of_intent(&self, t: &Tree<'_>, c: usize, head: usize) -> bool {
        let hl = t.lemma(head);
        t.children_rel(c, "nsubj").next().is_none()
            && t.children_rel(c, "mark").any(|m| t.lemma(m) == "to")
            && (CodingRules::has(&self.rules.intent_governors, &hl)
                // (not a purpose clause: "continued their strike to demand …")
                || (CodingRules::has(&self.rules.aspect_governors, &hl)
                    && t.children_rel(head, "obj").next().is_none()))
    }
}

/// "The teachers' union, the umbrella body, announced/acl that it had …": the noun a reporting
/// verb with no subject hangs on as a participle modifier, read through appositions to the
/// named noun; "X was quoted as saying that he …": the subject of the clause it hangs on.
fn reporting_participle_host(t: &Tree<'_>, verb: usize) -> Option<usize> {
    if t.children_rel(verb, "nsubj").next().is_some() {
        return None;
    }
    // "X was quoted as saying he would …": the subject of the clause the report hangs on
    if t.rel(verb) == "advcl" && t.children_rel(verb, "mark").any(|m| t.lemma(m) == "as") {
        let h = t.head(verb)?;
        return t
            .children_rel(h, "nsubj")
            .find(|&s| t.words[s].upos != "PRON");
    }
    if t.rel(verb) != "acl" {
        return None;
    }
    let mut n = t.head(verb)?;
    while t.rel(n) == "appos" {
        n = t.head(n)?;
    }
    matches!(t.words[n].upos.as_str(), "NOUN" | "PROPN").then_some(n)
}

/// The subject of verb `v`: its first `nsubj`, or, of two that a comma and no conjunction
/// part after a marker of the verb, the nearer ("With the signing of a memorandum, the
/// government agreed": the introductory phrase taken for a clause with a second subject).
fn nearer_subject(t: &Tree<'_>, v: usize) -> Option<usize> {
    let first = t.children_rel(v, "nsubj").next()?;
    let last = t.children_rel(v, "nsubj").last().unwrap_or(first);
    let between = t.last_of(first) + 1..last;
    let parted = last > first
        && last < v
        && t.children_rel(v, "mark").any(|m| m < first)
        && between.clone().any(|w| t.lemma(w) == ",")
        && !between.into_iter().any(|w| t.words[w].upos == "CCONJ");
    Some(if parted { last } else { first })
}

/// Is the noun `n` (or the noun whose "of" phrase it is: "hundreds of Armenians") an object
/// or oblique rather than the sentence's subject or root? (The "object" of a reporting verb —
/// "said warplanes struck" — is a misread clause's subject.)
pub(crate) fn is_object_noun(t: &Tree<'_>, n: usize, rules: &CodingRules) -> bool {
    let mut cur = n;
    for _ in 0..4 {
        match t.rel(cur) {
            "obj" | "iobj" => {
                return !t
                    .head(cur)
                    .is_some_and(|h| CodingRules::has(&rules.reporting_verbs, &t.lemma(h)))
            }
            "obl" => return true,
            "nmod" if t.case_of(cur).as_deref() == Some("of") => match t.head(cur) {
                Some(h) => cur = h,
                None => return false,
            },
            "nmod" => return true,
            _ => return false,
        }
    }
    false
}
