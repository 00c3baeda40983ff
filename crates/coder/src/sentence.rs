//! The coder's view of one sentence and of one clause in it: the repaired tree, the actor
//! matches and who owns each word, the sentence's date and place mentions, the document so
//! far ([`SentenceContext`]); a verb of that sentence with the dictionaries ([`Clause`], what
//! every rule is given); an actor resolved from a noun phrase ([`Resolved`]); and an event
//! before vetoes and grounding ([`Candidate`], what every rule gives). Nothing here codes or
//! decides; these are the types the rules and queries share, and they never change a tree.

use dyad_core::{ParsedSegment, Span};
use dyad_grounding::Sentence;
use dyad_lexicon::actors::ActorMatch;
use dyad_lexicon::verbs::ObjectRule;

use crate::dictionaries::Dictionaries;
use crate::people::KnownPerson;
use crate::state::Antecedent;
use crate::DocumentContext;
use dyad_core::event::ActorRef;
use dyad_tree::Tree;

/// The sentence-level facts every verb of a sentence shares.
pub(crate) struct SentenceContext<'a> {
    pub seg: &'a ParsedSegment,
    pub tree: &'a Tree<'a>,
    pub forms: &'a [&'a str],
    pub matches: &'a [ActorMatch],
    /// The actor match each word belongs to.
    pub owner: &'a [Option<usize>],
    /// Tokens of country matches used as sponsors ("Iran" in "Iran-backed").
    pub sponsors: &'a [usize],
    pub ctx: &'a DocumentContext<'a>,
    /// The sentence's date, place and number mentions (`None` when not grounding).
    pub mentions: Option<&'a Sentence<'a>>,
    /// The document so far.
    pub state: &'a dyad_grounding::DocumentState,
    /// The document's earlier events, oldest first.
    pub recent: &'a [Antecedent],
    /// The people the document has named so far, by surname (`named-earlier`).
    pub people: &'a [KnownPerson],
    /// The country the story is about so far (see `story_country_types`).
    pub story_country: Option<&'a str>,
    /// The story's country with this sentence's places counted: the country of a story's
    /// local people (see `local_story_country_types`).
    pub local_country: Option<&'a str>,
    /// In the first sentence that names a country, when nothing before did: the country
    /// the sentence's own actor words and places name most, which a story's local people
    /// take (see `local_story_country_types`).
    pub opening_country: Option<&'a str>,
    /// The country whose places below country level the document has named most, this
    /// sentence's included: where the story happens (an event's place of last resort).
    pub place_country: Option<&'a str>,
}

/// One verb of a sentence, as the rules see it: the dictionaries, the sentence, the verb.
#[derive(Clone, Copy)]
pub(crate) struct Clause<'a> {
    pub dicts: &'a Dictionaries<'a>,
    pub sentence: &'a SentenceContext<'a>,
    /// The verb's word index.
    pub verb: usize,
}

/// An actor resolved from a noun phrase.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub code: String,
    /// The actor's country (ISO 3166-1 alpha-3), when its code starts with one.
    pub country: Option<String>,
    pub span: Span,
    pub entries: Vec<String>,
    /// A capital city standing for its government ("Washington said").
    pub as_capital: bool,
    /// The actor behind an event noun of the sentence, taken from the verb above it ("the
    /// U.S. launched strikes, including a strike that killed …").
    pub behind_event_noun: bool,
    /// The names of the actor rules that found it ("capital-government", "pronoun-antecedent").
    pub rules: Vec<&'static str>,
}

/// How an action is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modality {
    Asserted,
    Intended,
    Negated,
    Hypothetical,
}

/// An event a clause coder proposes, before the vetoes judge it and grounding dates and
/// places it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// The clause coder that proposed it.
    pub coder: &'static str,
    /// The verb's word index.
    pub verb: usize,
    pub code: String,
    /// The dictionary pattern or rule id, with its suffixes ("190.attack+intent").
    pub rule: String,
    pub verb_text: String,
    pub source: ActorRef,
    pub target: ActorRef,
    /// How the clause reports the action.
    pub modality: Modality,
    /// The word the coder took for the verb's subject, before reading through pronouns and
    /// event nouns (`None` when the source is no subject of the verb).
    pub subject: Option<usize>,
    /// The keys of the verb's object words as the coder read them (empty: no object read).
    pub object_words: Vec<String>,
    /// The verb's lemma as the verb dictionary knows it.
    pub lemma: String,
    /// The names of the further rules that made it: actor rules, refinements of the code.
    pub rules: Vec<&'static str>,
}

impl Candidate {
    /// A candidate of an asserted action whose source is no subject word of the verb (an
    /// earlier event's actors, a reacting actor, an unidentified attacker).
    pub fn asserted(
        coder: &'static str,
        verb: usize,
        (code, rule): (&str, String),
        verb_text: &str,
        source: ActorRef,
        target: ActorRef,
    ) -> Candidate {
        Candidate {
            coder,
            verb,
            code: code.to_string(),
            rule,
            verb_text: verb_text.to_string(),
            source,
            target,
            modality: Modality::Asserted,
            subject: None,
            object_words: Vec::new(),
            lemma: String::new(),
            rules: Vec::new(),
        }
    }
}

/// The event record's view of a resolved actor.
pub(crate) fn actor_ref(s: &SentenceContext<'_>, r: &Resolved) -> ActorRef {
    ActorRef {
        text: r.span.slice(s.ctx.text).map(str::to_string),
        code: Some(r.code.clone()),
        entry: Some(r.entries.join("+")),
        country: r.country.clone(),
    }
}

/// The verb as written, with its particle ("handed over").
pub(crate) fn verb_text(s: &SentenceContext<'_>, v: usize, particle: Option<usize>) -> String {
    match particle {
        Some(p) => format!("{} {}", s.forms[v], s.forms[p]),
        None => s.forms[v].to_string(),
    }
}

/// The keys of word `i` ([`word_keys`]) and, with one or two compound nouns or adjectives
/// right before it, of the phrase ("hunger strike", "military aid", "improvised explosive
/// device").
pub(crate) fn with_compound_keys(s: &SentenceContext<'_>, i: usize) -> Vec<String> {
    let mut keys = word_keys(s, i);
    // compound or adjective, as the parser had it: the lists name the phrase, not its parse
    let t = s.tree;
    let modifier =
        |w: usize| w < i && t.head(w) == Some(i) && matches!(t.rel(w), "compound" | "amod");
    let mut prefix = String::new();
    let mut w = i;
    for _ in 0..2 {
        if w == 0 || !modifier(w - 1) {
            break;
        }
        w -= 1;
        prefix = format!("{} {prefix}", s.forms[w].to_lowercase());
        for k in word_keys(s, i) {
            keys.push(format!("{prefix}{k}"));
        }
    }
    keys
}

/// The lowercased lemma and form of word `i` (one entry when they agree).
pub(crate) fn word_keys(s: &SentenceContext<'_>, i: usize) -> Vec<String> {
    let lemma = s.tree.lemma(i);
    let form = s.forms[i].to_lowercase();
    if form == lemma {
        vec![lemma]
    } else {
        vec![lemma, form]
    }
}

/// Does an object constraint name the kind of event (a class or a list of nouns), so that
/// the event stands without a target?
pub(crate) fn names_the_event(rule: &ObjectRule) -> bool {
    matches!(rule, ObjectRule::InClass(_) | ObjectRule::Lemmas(_))
}

/// A country's code with a role's: after it, or before it for a prefix role.
pub(crate) fn with_role(country: &str, role: &str, prefix: bool) -> String {
    if prefix {
        format!("{role}{country}")
    } else {
        format!("{country}{role}")
    }
}

/// The two-digit root of a CAMEO code.
pub(crate) fn root_of(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The code of an attack named by a noun whose keys are `keys` (longest first) and the
/// noun as the rule id names it ("air-strike"): its code in `attack_noun_codes`, else
/// `default` (the code of any other noun of the attack `class`).
pub(crate) fn attack_noun_code<'a>(
    d: &'a Dictionaries<'_>,
    class: &str,
    default: &'a str,
    keys: &[String],
) -> (&'a str, String) {
    let codes = &d.rules.attack_noun_codes;
    let coded_by = keys.iter().find(|k| codes.contains_key(*k));
    let code = coded_by
        .and_then(|k| codes.get(k))
        .map_or(default, String::as_str);
    let noun = coded_by
        .or_else(|| keys.iter().find(|w| d.verbs.in_class(class, w)))
        .map_or("attack", String::as_str)
        .replace(' ', "-");
    (code, noun)
}

/// Is `code` a country's actor of one of `roles` ("USAMIL" of "MIL")?
pub(crate) fn has_role(code: &str, roles: &[String]) -> bool {
    code.get(3..)
        .is_some_and(|rest| roles.iter().any(|role| rest.starts_with(role.as_str())))
}
