//! `verb-pattern`: a verb with its own actors, coded by the verb dictionary. For the verb of
//! the clause the coder finds its logical subject (the `by` agent of a passive; through
//! conjoined and controlled verbs), its object (through quantity nouns: "hundreds of
//! protesters"; a particle the parser misread: "handed over medicine") and its prepositional
//! phrases, picks the first pattern of the verb whose particle, object constraint and
//! surface words hold and whose target slots name an actor, and proposes one candidate per
//! source and target ("Iran-backed militants struck a U.S. outpost" → REB → USA, 195). A
//! pattern whose object names the event ("demanded the release", "imposed sanctions") still
//! codes it with no target; coordinated subjects of a reciprocal verb with no target act on
//! each other ("Iraq and the U.S. resumed talks"). An intended action takes its root's
//! intent code (03x, 13x; a conditional one, "… unless", is a threat), an attempt the
//! attempt's code ("attempted to assassinate"), and an attacker who names the attack its
//! code ("suicide bombers killed"). Whether the candidate stands (negation, hypotheticals,
//! things that cannot act …) is for the vetoes.

use dyad_lexicon::verbs::{ObjectRule, VerbPattern};
use dyad_lexicon::CodingRules;

use crate::dictionaries::Dictionaries;
use crate::rules::{self, ClauseCoder};
use crate::sentence::{
    actor_ref, names_the_event, root_of, verb_text, with_compound_keys, Candidate, Clause,
    Modality, Resolved,
};

/// The rule's name, cited by the events it makes.
pub(crate) const NAME: &str = "verb-pattern";

/// The verb-dictionary coder.
pub(crate) struct VerbPatterns;

impl ClauseCoder for VerbPatterns {
    fn name(&self) -> &'static str {
        NAME
    }

    fn code(&self, c: &Clause<'_>, out: &mut Vec<Candidate>) {
        let Some(frame) = read_frame(c) else {
            return;
        };
        let Some(subject) = find_subject(c, &frame) else {
            return;
        };
        let (sources, how) = sources(c, &frame, subject.word);
        if sources.is_empty() {
            return;
        }
        let Some(choice) = choose_pattern(c, &frame, subject.purpose, &sources) else {
            return;
        };
        let mut rules: Vec<&'static str> = frame.rules.clone();
        rules.extend(how);
        emit(c, &frame, &choice, &sources, (subject.word, rules), out);
    }
}

/// What the clause's verb has, as the patterns look at it.
struct VerbFrame {
    /// The verb's lemma as the dictionary knows it.
    lemma: String,
    particle: Option<usize>,
    particle_lemma: Option<String>,
    passive: bool,
    object: Option<usize>,
    /// The keys of the object and its conjuncts, read through quantity nouns, with their
    /// compounds ("war games").
    object_words: Vec<String>,
    object_actors: Vec<Resolved>,
    /// The keys of the verb's prepositional objects (and of phrases hung on a day).
    oblique_words: Vec<String>,
    modality: Modality,
    /// Rules that read the frame ("misread-particle").
    rules: Vec<&'static str>,
}

/// The verb's subject word, and whether it is the subject of the verb a purpose clause
/// hangs on.
struct Subject {
    word: usize,
    purpose: bool,
}

/// The pattern chosen for a clause and the targets its slots name.
struct Choice<'p> {
    pattern: &'p VerbPattern,
    targets: Vec<Resolved>,
    reciprocal: bool,
    /// The rules that chose it ("targetless-event", "reciprocal").
    rules: Vec<&'static str>,
}

fn read_frame(c: &Clause<'_>) -> Option<VerbFrame> {
    let (d, s, v) = (c.dicts, c.sentence, c.verb);
    let t = s.tree;
    let lemma = d.verb_lemma(t, s.forms[v], v)?;
    let mut rules = Vec::new();
    let mut particle = t.children_rel(v, "compound:prt").next();
    // "handed over medicine": a particle the parser took for an adverb or a preposition
    let mut misread_object = None;
    if particle.is_none() {
        if let Some((p, o)) = d.misread_particle(t, v, &lemma) {
            particle = Some(p);
            misread_object = o;
            rules.push("misread-particle");
        }
    }
    let passive = (t.children_rel(v, "aux:pass").next().is_some()
        || t.children_rel(v, "nsubj:pass").next().is_some())
        && !d.passive_read_as_active(t, v);
    let object = object_of(c, passive, misread_object);
    // the object's lemma and its form: lemmatizers differ on words like "talks"
    // (and of its conjuncts: "photographs and other military intelligence")
    let object_words: Vec<String> = object
        .map(|o| {
            t.with_conjuncts(o)
                .into_iter()
                .flat_map(|k| with_compound_keys(s, d.through_quantity(t, k)))
                .collect()
        })
        .unwrap_or_default();
    let object_actors = object.map(|o| d.phrase_actors(s, o)).unwrap_or_default();
    // with no direct object, a class constraint may hold of a prepositional object
    // ("entered into talks", "engaged in negotiations")
    // (or of a phrase the parser hung on a day: "return to Geneva this week for talks")
    let oblique_words: Vec<String> = t
        .children_rel(v, "obl")
        .filter(|&k| t.deprel(k) != "obl:tmod" && t.deprel(k) != "obl:agent")
        .chain(
            d.day_phrases(t, v, None)
                .into_iter()
                .flat_map(|day| t.children_rel(day, "nmod")),
        )
        .flat_map(|k| with_compound_keys(s, k))
        .collect();
    Some(VerbFrame {
        particle_lemma: particle.map(|p| t.lemma(p)),
        lemma,
        particle,
        passive,
        object,
        object_words,
        object_actors,
        oblique_words,
        modality: d.modality(t, v),
        rules,
    })
}

/// The verb's object: a passive's subject; else its first object that is no day ("rioted
/// Monday"), or its indirect object ("asked Russia to send": the parser may call the only
/// object indirect), or the noun of a misread particle's phrase, or the apposition of a day
/// read as the object ("lifted Friday a day-old blockade").
fn object_of(c: &Clause<'_>, passive: bool, misread_object: Option<usize>) -> Option<usize> {
    let (d, t, v) = (c.dicts, c.sentence.tree, c.verb);
    if passive {
        return t.children_rel(v, "nsubj:pass").next();
    }
    // ("launched ten days of war games": a span of time with an "of" phrase measures it)
    let not_time = |&o: &usize| {
        !CodingRules::has(&d.rules.temporal_nouns, &t.lemma(o)) || d.time_span_of(t, o)
    };
    t.children_rel(v, "obj")
        .find(not_time)
        .or_else(|| t.children_rel(v, "iobj").find(not_time))
        .or(misread_object)
        .or_else(|| {
            t.children_rel(v, "obj")
                .find_map(|o| t.children_rel(o, "appos").next())
        })
}

/// The subject word of the clause: its logical subject, or the issuer of the statement it
/// speaks for, or (`purpose_clause_subjects`) the subject of the verb its purpose clause
/// hangs on.
fn find_subject(c: &Clause<'_>, frame: &VerbFrame) -> Option<Subject> {
    let (d, t, v) = (c.dicts, c.sentence.tree, c.verb);
    if let Some(word) = d
        .subject(t, v, frame.passive)
        .or_else(|| d.statement_issuer(t, v))
    {
        return Some(Subject {
            word,
            purpose: false,
        });
    }
    d.purpose_subject(t, v).map(|word| Subject {
        word,
        purpose: true,
    })
}

/// The actors of the subject phrase (and of further subjects of the verb), else of what a
/// pronoun subject stands for, else of the actor behind an event noun ("a strike that
/// killed a commander"), else of the issuer of a statement ("issued a declaration demanding
/// that …"); with the name of the actor rule that found them when it was not the subject.
fn sources(
    c: &Clause<'_>,
    frame: &VerbFrame,
    subject: usize,
) -> (Vec<Resolved>, Option<&'static str>) {
    let (d, s, v) = (c.dicts, c.sentence, c.verb);
    let t = s.tree;
    let mut sources = d.phrase_actors(s, subject);
    let named = sources.len();
    d.add_co_subjects(s, v, subject, frame.passive, &mut sources);
    if sources.len() > named {
        return (sources, Some("co-subject"));
    }
    if !sources.is_empty() {
        return (sources, None);
    }
    if let Some(a) = d.pronoun_antecedent(t, subject) {
        let found = d.phrase_actors(s, a);
        if !found.is_empty() {
            return (found, Some("pronoun-antecedent"));
        }
    }
    let found = d.antecedent_actors(s, v, subject);
    if !found.is_empty() {
        return (found, Some("subject-pronoun-governor"));
    }
    let found = d.event_noun_agents(s, subject);
    if !found.is_empty() {
        return (found, Some("event-noun-agent"));
    }
    let found = d
        .statement_issuer(t, v)
        .map(|i| d.phrase_actors(s, i))
        .unwrap_or_default();
    if !found.is_empty() {
        return (found, Some("statement-issuer"));
    }
    let found = sentence_antecedent(c, subject);
    if !found.is_empty() {
        return (found, Some("sentence-pronoun"));
    }
    (document_antecedent(c, subject), Some("document-pronoun"))
}

/// "Rioters stoned the convoy before heading to the center of Kabul, where they ransacked
/// offices": a subject pronoun (`document_pronouns`) of a relative or adverbial clause, with
/// nothing else to stand for, stands for the nearest subject before it in its sentence that
/// names an actor.
fn sentence_antecedent(c: &Clause<'_>, subject: usize) -> Vec<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let t = s.tree;
    // (only in a relative or adverbial clause, whose subject is most often the main one's)
    let subordinate = t
        .head(subject)
        .is_some_and(|v| matches!(t.deprel(v), "acl:relcl" | "advcl"));
    if !subordinate
        || !CodingRules::has(&d.rules.document_pronouns, &t.lemma(subject).to_lowercase())
    {
        return Vec::new();
    }
    (0..subject)
        .rev()
        .filter(|&w| matches!(t.deprel(w), "nsubj") && t.words[w].upos != "PRON")
        .map(|w| d.phrase_actors(s, w))
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// "He also vowed that …": a subject pronoun (`document_pronouns`) with nothing in its
/// sentence to stand for stands for the source of the document's latest event, when that
/// event is at most two sentences back.
fn document_antecedent(c: &Clause<'_>, subject: usize) -> Vec<Resolved> {
    let (d, s) = (c.dicts, c.sentence);
    let t = s.tree;
    if !CodingRules::has(&d.rules.document_pronouns, &t.lemma(subject).to_lowercase()) {
        return Vec::new();
    }
    let Some(last) = s.recent.last() else {
        return Vec::new();
    };
    if s.seg.index.saturating_sub(last.sentence_index) > 2 {
        return Vec::new();
    }
    let Some(code) = last.source.code.clone() else {
        return Vec::new();
    };
    vec![Resolved {
        code,
        country: last.source.country.clone(),
        span: t.words[subject].span,
        entries: last.source.entry.clone().into_iter().collect(),
        as_capital: false,
        behind_event_noun: false,
        rules: Vec::new(),
    }]
}

/// The first pattern of the verb that applies to the clause, and its targets.
fn choose_pattern<'p>(
    c: &Clause<'p>,
    frame: &VerbFrame,
    purpose: bool,
    sources: &[Resolved],
) -> Option<Choice<'p>> {
    let (d, s, v) = (c.dicts, c.sentence, c.verb);
    let lemma = frame.lemma.as_str();
    // "called off a strike": with a particle some pattern of the verb names, only the
    // patterns with that particle apply (not "call strike")
    let phrasal = frame.particle_lemma.is_some()
        && d.verbs
            .patterns_for(lemma)
            .any(|p| p.particle == frame.particle_lemma);
    let mut fallback: Option<&VerbPattern> = None;
    for p in d.verbs.patterns_for(lemma) {
        if (p.particle.is_some() || phrasal) && p.particle != frame.particle_lemma {
            continue;
        }
        if !object_fits(d, p, frame)
            || !d.words_hold(s, v, p)
            || (purpose && p.words.as_ref().is_none_or(|w| w.pre.is_empty()))
            || governs_a_coded_complement(c, p, lemma)
        {
            continue;
        }
        let targets = d.targets(s, v, frame.object, &frame.object_actors, p);
        let reciprocal = !p.targets.is_empty()
            && targets.is_empty()
            && sources.len() >= 2
            && (CodingRules::has(&d.rules.reciprocal_roots, root_of(&p.code))
                || CodingRules::has(&d.rules.reciprocal_verbs, lemma));
        if !p.targets.is_empty() && targets.is_empty() && !reciprocal {
            if fallback.is_none()
                && names_the_event(&p.object)
                && CodingRules::has(&d.rules.targetless_roots, coded_root(d, p, frame.modality))
                && !d.slot_present(s, v, frame.object, p)
            {
                fallback = Some(p);
            }
            continue;
        }
        // a pattern whose object named the event beats a later one with no object constraint
        return Some(match fallback {
            Some(f)
                if p.targets.is_empty()
                    && matches!(p.object, ObjectRule::Any | ObjectRule::NoObject) =>
            {
                Choice {
                    pattern: f,
                    targets,
                    reciprocal,
                    rules: vec!["targetless-event"],
                }
            }
            _ => Choice {
                pattern: p,
                targets,
                reciprocal,
                rules: if reciprocal {
                    vec!["reciprocal"]
                } else {
                    Vec::new()
                },
            },
        });
    }
    // a pattern whose object names the event ("demanded the release", "imposed sanctions")
    // still codes it when no target is named
    fallback.map(|pattern| Choice {
        pattern,
        targets: Vec::new(),
        reciprocal: false,
        rules: vec!["targetless-event"],
    })
}

/// Does the clause's object (or, for a pattern that needs one of a class and has no object,
/// a prepositional object) fit pattern `p`'s object constraint?
fn object_fits(d: &Dictionaries<'_>, p: &VerbPattern, frame: &VerbFrame) -> bool {
    let is_actor = !frame.object_actors.is_empty();
    let words = &frame.object_words;
    match (&p.object, words.is_empty()) {
        (ObjectRule::NotInClass(_), false) => words
            .iter()
            .all(|w| d.verbs.object_ok(&p.object, Some(w), is_actor)),
        (_, false) => words
            .iter()
            .any(|w| d.verbs.object_ok(&p.object, Some(w), is_actor)),
        (ObjectRule::InClass(_) | ObjectRule::Lemmas(_), true) => frame
            .oblique_words
            .iter()
            .any(|w| d.verbs.object_ok(&p.object, Some(w), false)),
        (_, true) => d.verbs.object_ok(&p.object, None, false),
    }
}

/// "threatened to launch an offensive": a governor's own pattern (no target, no object
/// constraint, a verb of `complement_first_verbs`) applies only when it has a complement
/// ("production declined" is no refusal) that gives no event of its own ("refused to
/// comment" gives nothing at all).
fn governs_a_coded_complement(c: &Clause<'_>, p: &VerbPattern, lemma: &str) -> bool {
    let (d, t, v) = (c.dicts, c.sentence.tree, c.verb);
    p.targets.is_empty()
        && matches!(p.object, ObjectRule::NoObject | ObjectRule::Any)
        && CodingRules::has(&d.rules.complement_first_verbs, lemma)
        && (!d.has_complement(t, v) || complement_codes(c))
}

/// Does a complement clause of the verb ("to launch an offensive") give an event?
fn complement_codes(c: &Clause<'_>) -> bool {
    let (d, t, v) = (c.dicts, c.sentence.tree, c.verb);
    for k in t.children(v).iter().copied() {
        let complement =
            t.rel(k) == "xcomp" || (t.rel(k) == "advcl" && d.infinitive_of_intent(t, k, v));
        if complement && CodingRules::has(&d.rules.trivial_complements, &t.lemma(k)) {
            // "refused to comment": nothing to code, not even the refusal
            return true;
        }
        if complement
            && t.words[k].upos == "VERB"
            && rules::verb_pattern_codes(&Clause { verb: k, ..*c })
        {
            return true;
        }
    }
    false
}

/// The root of the code an event of pattern `p` takes: an intended action's is its intent
/// code's.
fn coded_root<'p>(d: &'p Dictionaries<'_>, p: &'p VerbPattern, modality: Modality) -> &'p str {
    if modality == Modality::Intended {
        if let Some(c) = d.rules.intent_code_by_root.get(root_of(&p.code)) {
            return root_of(c);
        }
    }
    root_of(&p.code)
}

/// The code and rule id a clause of pattern `p` takes, with the rules that changed them:
/// an intended action's intent code ("+intent"; a conditional one is a threat, "+threat"),
/// an attempt's code ("+attempt"). `None`: an intention of a root with no intent code.
fn coded(
    c: &Clause<'_>,
    frame: &VerbFrame,
    p: &VerbPattern,
) -> Option<(String, String, Vec<&'static str>)> {
    let (d, t, v) = (c.dicts, c.sentence.tree, c.verb);
    let intended = frame.modality == Modality::Intended;
    let threat = intended && d.conditional_threat(t, v);
    let code = if intended {
        match d.rules.intent_code_by_root.get(root_of(&p.code)) {
            // "will withdraw its troops unless …": a conditional intention is a threat
            Some(k) if threat && root_of(k) != "13" => match &d.rules.conditional_threat_code {
                Some(t) => t.clone(),
                None => k.clone(),
            },
            Some(k) => k.clone(),
            None => return None,
        }
    } else {
        p.code.clone()
    };
    // "attempted to assassinate": the attempt's own code
    let attempt = t.rel(v) == "xcomp"
        && t.head(v)
            .is_some_and(|h| CodingRules::has(&d.rules.attempt_governors, &t.lemma(h)));
    Some(match d.rules.attempt_codes.get(&code) {
        Some(k) if attempt => (k.clone(), format!("{}+attempt", p.id), vec!["attempt"]),
        _ if threat => (code, format!("{}+threat", p.id), vec!["conditional-threat"]),
        _ if intended => (code, format!("{}+intent", p.id), vec!["intent"]),
        _ => (code, p.id.clone(), Vec::new()),
    })
}

/// Push the candidates of the chosen pattern: one per source and target (each source with
/// each other for a reciprocal one), given the subject word and the rules so far.
fn emit(
    c: &Clause<'_>,
    frame: &VerbFrame,
    choice: &Choice<'_>,
    sources: &[Resolved],
    (subject, rules): (usize, Vec<&'static str>),
    out: &mut Vec<Candidate>,
) {
    let (d, s, v) = (c.dicts, c.sentence, c.verb);
    let Some((code, rule, refinements)) = coded(c, frame, choice.pattern) else {
        return;
    };
    let verb_text = verb_text(s, v, frame.particle);
    let others = if choice.reciprocal {
        sources
    } else {
        &choice.targets[..]
    };
    let pairs: Vec<(&Resolved, Option<&Resolved>)> = if !choice.reciprocal && others.is_empty() {
        sources.iter().map(|a| (a, None)).collect()
    } else {
        sources
            .iter()
            .flat_map(|a| {
                others
                    .iter()
                    .filter(|b| a.code != b.code)
                    .map(move |b| (a, Some(b)))
            })
            .collect()
    };
    for (src, tgt) in pairs {
        let mut names = rules.clone();
        names.extend(choice.rules.iter().copied());
        names.extend(refinements.iter().copied());
        names.extend(src.rules.iter().copied());
        names.extend(tgt.iter().flat_map(|t| t.rules.iter().copied()));
        let rule = if src.behind_event_noun {
            format!("{rule}+event-noun")
        } else {
            rule.clone()
        };
        // "suicide bombers killed 23 people": the attacker names the attack
        let (code, rule) = match d.attacker_code(s, src, &code) {
            Some(k) => {
                names.push("attacker-names-attack");
                (k.to_string(), format!("{rule}+attacker"))
            }
            None => (code.clone(), rule),
        };
        let source = actor_ref(s, src);
        let target = tgt.map_or_else(dyad_core::event::ActorRef::none, |t| actor_ref(s, t));
        // "security forces shot dead nine demonstrators": the actors name the act
        let act = rules::Act {
            code: &code,
            lemma: &frame.lemma,
            target_named: tgt.is_some_and(|t| rules::names_one_person(d, s, t)),
        };
        let (code, rule) = match rules::actor_pair_code(d, &act, &source, &target) {
            Some(k) => {
                names.push(rules::ACTOR_PAIR_CODE);
                (k.code.clone(), format!("{rule}+{}", k.name))
            }
            None => (code, rule),
        };
        names.dedup();
        out.push(Candidate {
            coder: NAME,
            verb: v,
            code,
            rule,
            verb_text: verb_text.clone(),
            source,
            target,
            modality: frame.modality,
            subject: Some(subject),
            object_words: frame.object_words.clone(),
            lemma: frame.lemma.clone(),
            rules: names,
        });
    }
}
