//! Modality: whether a clause reports its action as done (asserted), denied (negated), only
//! possible or asked for (hypothetical), or planned, promised or threatened (intended). It
//! reads the words on the verb and on the verbs above it through the coding rules' word
//! lists (negators, auxiliaries, markers, governors); it never codes or vetoes anything
//! itself (the vetoes and the intent codes use what it says).

use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::sentence::Modality;
use dyad_tree::Tree;

impl Dictionaries<'_> {
    /// Is the action of `v` asserted, negated, hypothetical or only intended?
    pub(crate) fn modality(&self, t: &Tree<'_>, v: usize) -> Modality {
        self.unasserted_clause(t, v)
            .unwrap_or_else(|| self.modality_up_the_tree(t, v))
    }

    /// A clause whose own form says it is not reported as done: mandated ("demanded that
    /// Russia withdraw"), claimed ("an admission that …") or planned ("a plan to resettle").
    fn unasserted_clause(&self, t: &Tree<'_>, v: usize) -> Option<Modality> {
        let r = self.rules;
        // "demanded that Russia withdraw": a bare verb in a complement clause is mandated,
        // not done ("said settlers set fire": a reported fact's verb is a misread past tense)
        if t.words[v].xpos == "VB"
            && t.rel(v) == "ccomp"
            && !t.children(v).iter().any(|&c| matches!(t.rel(c), "aux"))
            && !t
                .head(v)
                .is_some_and(|h| CodingRules::has(&r.indicative_governors, &t.lemma(h)))
        {
            return Some(Modality::Hypothetical);
        }
        // "demanded that its partners refuse": a present form is as mandated after a verb of
        // `mandative_governors`
        if t.words[v].xpos == "VBP"
            && t.rel(v) == "ccomp"
            && !t.children(v).iter().any(|&c| matches!(t.rel(c), "aux"))
            && t.head(v)
                .is_some_and(|h| CodingRules::has(&r.mandative_governors, &t.lemma(h)))
        {
            return Some(Modality::Hypothetical);
        }
        // "an admission that its forces murdered officers": claimed, not reported as done
        if matches!(t.rel(v), "acl" | "ccomp")
            && t.head(v).is_some_and(|h| {
                t.words[h].upos == "NOUN" && CodingRules::has(&r.unasserting_nouns, &t.lemma(h))
            })
        {
            return Some(Modality::Hypothetical);
        }
        // "the coordinator to allow workers", "a plan to resettle": an infinitive on a noun
        // says what is to be done, not what was done; on the object of a verb it may be that
        // act's purpose ("opened fire to disperse demonstrators"), read as usual
        if t.rel(v) == "acl"
            && t.children_rel(v, "mark").any(|m| t.lemma(m) == "to")
            && t.head(v).is_some_and(|h| {
                matches!(t.words[h].upos.as_str(), "NOUN" | "PROPN" | "PRON")
                    && !(t.rel(h) == "obj" && t.head(h).is_some_and(|g| t.words[g].upos == "VERB"))
            })
        {
            return Some(Modality::Hypothetical);
        }
        None
    }

    /// The modality that the words on `v` and on the verbs it is the complement or
    /// conjunct of give it: negators, hypothetical and future auxiliaries, conditional
    /// markers, governors of intent, aspect and negation.
    fn modality_up_the_tree(&self, t: &Tree<'_>, v: usize) -> Modality {
        let r = self.rules;
        let mut intended = false;
        let mut cur = v;
        for depth in 0..4 {
            if let Some(m) = self.words_on(t, cur, &mut intended) {
                return m;
            }
            if depth == 0 {
                if let Some(o) = t.children_rel(v, "obj").next() {
                    if t.children_rel(o, "det").any(|d| t.lemma(d) == "no") {
                        return Modality::Negated;
                    }
                }
                // "no one was arrested", "nobody was hurt": a subject that names no one
                let subjects = t
                    .children_rel(v, "nsubj")
                    .chain(t.children_rel(v, "nsubj:pass"));
                for sj in subjects {
                    if t.children_rel(sj, "det").any(|d| t.lemma(d) == "no")
                        || CodingRules::has(&r.negative_pronouns, &t.lemma(sj))
                    {
                        return Modality::Negated;
                    }
                }
            }
            let rel = t.rel(cur);
            let Some(head) = t.head(cur) else {
                break;
            };
            if rel == "xcomp" || (rel == "advcl" && self.infinitive_of_intent(t, cur, head)) {
                let hl = t.lemma(head);
                if CodingRules::has(&r.negating_governors, &hl) {
                    return Modality::Negated;
                }
                if CodingRules::has(&r.intent_governors, &hl) {
                    intended = true;
                } else if !CodingRules::has(&r.aspect_governors, &hl)
                    && t.children(head)
                        .iter()
                        .any(|&c| matches!(t.rel(c), "obj" | "iobj"))
                {
                    // "asked Russia to send peacekeepers": requested of another, not done
                    return Modality::Hypothetical;
                } else if !CodingRules::has(&r.aspect_governors, &hl) {
                    // "wanted to", "asked X to": not an event of its own
                    intended = true;
                }
                cur = head;
                continue;
            }
            if rel == "conj" {
                cur = head;
                continue;
            }
            if rel == "advcl" {
                // the clause's own marker decides ("if"), checked at the next level
                let hyp = t
                    .children_rel(cur, "mark")
                    .any(|m| CodingRules::has(&r.hypothetical_markers, &t.lemma(m)));
                if hyp {
                    return Modality::Hypothetical;
                }
            }
            break;
        }
        if intended {
            Modality::Intended
        } else {
            Modality::Asserted
        }
    }

    /// The modality the words hung on clause `cur` give it (a negator, a hypothetical
    /// auxiliary or marker: `Some`), noting a future auxiliary in `intended`.
    fn words_on(&self, t: &Tree<'_>, cur: usize, intended: &mut bool) -> Option<Modality> {
        let r = self.rules;
        for c in t.children(cur).iter().copied() {
            let lemma = t.lemma(c);
            let rel = t.rel(c);
            if (rel == "advmod" || rel == "neg") && CodingRules::has(&r.negators, &lemma) {
                return Some(Modality::Negated);
            }
            if rel == "aux" && CodingRules::has(&r.hypothetical_auxiliaries, &lemma) {
                if CodingRules::has(&r.reported_future_auxiliaries, &lemma)
                    && self.reported_without_condition(t, cur)
                {
                    // "NATO said it would tighten the blockade": a reported intention
                    *intended = true;
                    continue;
                }
                return Some(Modality::Hypothetical);
            }
            if rel == "mark" && CodingRules::has(&r.hypothetical_markers, &lemma) {
                return Some(Modality::Hypothetical);
            }
            if rel == "aux" && CodingRules::has(&r.future_auxiliaries, &lemma) {
                *intended = true;
            }
        }
        None
    }

    /// Has verb `v` a condition clause of a threat ("… unless the blockade is lifted",
    /// `conditional_threat_markers`)?
    pub(crate) fn conditional_threat(&self, t: &Tree<'_>, v: usize) -> bool {
        t.children_rel(v, "advcl").any(|c| {
            t.children_rel(c, "mark")
                .any(|m| CodingRules::has(&self.rules.conditional_threat_markers, &t.lemma(m)))
        })
    }

    /// Is clause `c` the complement of a reporting verb ("said it would") with no condition
    /// ("if", "unless") of its own?
    fn reported_without_condition(&self, t: &Tree<'_>, c: usize) -> bool {
        let r = self.rules;
        let reported = t.rel(c) == "ccomp"
            && t.head(c)
                .is_some_and(|h| CodingRules::has(&r.reporting_verbs, &t.lemma(h)));
        let conditional = t.children(c).iter().any(|&k| {
            (t.rel(k) == "mark" && CodingRules::has(&r.hypothetical_markers, &t.lemma(k)))
                // ("said it would withdraw unless …" is a threat, not a condition)
                || (t.rel(k) == "advcl"
                    && t.children_rel(k, "mark").any(|m| {
                        let l = t.lemma(m);
                        CodingRules::has(&r.hypothetical_markers, &l)
                            && !CodingRules::has(&r.conditional_threat_markers, &l)
                    }))
        });
        reported && !conditional
    }
}
