//! Coder rules kept as data (`data/coding_rules.toml`): negators, hypothetical and future
//! auxiliaries, intent and negating governors, reciprocal roots, sponsor words and the map
//! from an intended action's root to its CAMEO intent code, and the rule for attacks reported
//! without an attacker. Read only; no logic here.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The bundled rules file.
pub const BUNDLED_RULES: &str = include_str!("../data/coding_rules.toml");

/// The coder's word lists and code maps.
#[derive(Debug, Deserialize)]
pub struct CodingRules {
    /// Adverbs that negate a verb.
    pub negators: Vec<String>,
    /// Verbs whose complement is negated.
    pub negating_governors: Vec<String>,
    /// Auxiliaries of hypothetical clauses.
    pub hypothetical_auxiliaries: Vec<String>,
    /// Subordinators of hypothetical clauses.
    pub hypothetical_markers: Vec<String>,
    /// Future auxiliaries.
    pub future_auxiliaries: Vec<String>,
    /// Verbs whose complement is an intention.
    pub intent_governors: Vec<String>,
    /// Verbs whose complement is the event itself.
    pub aspect_governors: Vec<String>,
    /// Roots coded reciprocally between coordinated subjects.
    pub reciprocal_roots: Vec<String>,
    /// Words after "COUNTRY-" that make the country a sponsor.
    pub sponsor_words: Vec<String>,
    /// Intent code by the intended action's root.
    pub intent_code_by_root: HashMap<String, String>,
    /// Verbs of trying ("tried to hack", "attempted to assassinate"): the attempt is coded
    /// as the act (they are also `aspect_governors`), with the code of `attempt_codes` where
    /// CAMEO has one for the attempt.
    #[serde(default)]
    pub attempt_governors: Vec<String>,
    /// The code of an attempt at an act by the act's code ("186" assassinate → "185"
    /// attempt to assassinate).
    #[serde(default)]
    pub attempt_codes: HashMap<String, String>,
    /// Noun classes that mark sports, market or weather sentences.
    pub off_topic_classes: Vec<String>,
    /// Noun classes of events whose actor is the one behind the event ("a strike that
    /// killed a commander": whoever launched the strike).
    #[serde(default)]
    pub event_noun_classes: Vec<String>,
    /// Verbs that say an event happened ("took place", "was held"), as "lemma" or "lemma
    /// object".
    #[serde(default)]
    pub happening_verbs: Vec<String>,
    /// For each noun class, the CAMEO roots of the earlier events of the document a noun
    /// of the class may stand for ("the first meeting took place Jan. 27").
    #[serde(default)]
    pub antecedent_roots: HashMap<String, Vec<String>>,
    /// Verbs of causing that link an event to a reaction named by a noun ("the strikes led
    /// to condemnation from the Iraqi government").
    #[serde(default)]
    pub reaction_verbs: Vec<String>,
    /// Role types that belong to the country they are in ("police in Nairobi" → KENCOP),
    /// unlike troops, diplomats, reporters or militants, who are often foreign.
    #[serde(default)]
    pub local_agent_types: Vec<String>,
    /// Reaction nouns and the CAMEO code of the reaction.
    #[serde(default)]
    pub reaction_codes: HashMap<String, String>,
    /// Verbs coded reciprocally between coordinated subjects whatever their root
    /// ("Indian and Pakistani soldiers exchanged fire").
    #[serde(default)]
    pub reciprocal_verbs: Vec<String>,
    /// Reporting verbs: a pronoun subject of their complement clause is their own subject
    /// ("Egypt said it had sent aid").
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Nouns of quantity read through to their "of" phrase ("hundreds of protesters").
    #[serde(default)]
    pub quantity_nouns: Vec<String>,
    /// Roots whose events stand without a target when the verb's object names the event
    /// and no target slot is filled ("Hamas demanded the release of prisoners").
    #[serde(default)]
    pub targetless_roots: Vec<String>,
    /// Nouns of time that are never a verb's object ("rioted Monday").
    #[serde(default)]
    pub temporal_nouns: Vec<String>,
    /// Hypothetical auxiliaries that report a future in a reporting verb's complement ("said it
    /// would tighten the blockade"): an intention when no condition is attached.
    #[serde(default)]
    pub reported_future_auxiliaries: Vec<String>,
    /// Verbs whose own targetless patterns ("threatened to ...") apply only when their
    /// complement clause gives no event of its own.
    #[serde(default)]
    pub complement_first_verbs: Vec<String>,
    /// Complements that make a governor's refusal or promise no event ("declined to comment").
    #[serde(default)]
    pub trivial_complements: Vec<String>,
    /// Irregular verb forms and their lemmas, for forms the lemmatizer gets wrong.
    #[serde(default)]
    pub irregular_verbs: HashMap<String, String>,
    /// Look a verb up by its word form before its lemma ("met" before "meet"), for
    /// dictionaries keyed by form as PETRARCH's are. Off in dyad's own rules.
    #[serde(default)]
    pub verbs_by_form: bool,
    /// Prepositions whose country object gives a role noun its country ("soldiers from
    /// Gondor" → the country's soldiers). None in dyad's own rules.
    #[serde(default)]
    pub agent_country_cases: Vec<String>,
    /// A subject pronoun of a complement clause stands for the governing verb's subject
    /// ("Ethiopia indicated it would act"). Off in dyad's own rules.
    #[serde(default)]
    pub pronoun_antecedents: bool,
    /// A name the dictionary does not know stands for the person of the document with that
    /// surname, named earlier with a title or a dictionary entry ("Prime Minister Sher Bahadur
    /// Deuba …", then "Deuba said" → the same actor; actor rule `named-earlier`).
    #[serde(default)]
    pub named_earlier: bool,
    /// An event the tree attaches no place to takes a place its sentence names, else the
    /// story's country at precision `country` (rules `sentence-place`,
    /// `story-country-place`). Off in PETRARCH mode.
    #[serde(default)]
    pub place_fallbacks: bool,
    /// A material act whose sentence gives no date took place on the day the story last
    /// named, when that day is at most this many days before publication (rule
    /// `earlier-date`); `None`: the publication date stands in. Off in PETRARCH mode.
    #[serde(default)]
    pub carried_date_days: Option<u32>,
    /// Pronouns that name no one: as a clause's subject they deny its action ("nobody was
    /// hurt", "none were arrested").
    #[serde(default)]
    pub negative_pronouns: Vec<String>,
    /// Role nouns that speak for the actor of their "of" phrase ("the leader of the Maoist
    /// rebels" → REB, "members of the Taliban"), not for a role of their own.
    #[serde(default)]
    pub representative_nouns: Vec<String>,
    /// A passive without a `by` agent is read as active: its subject is the source, as
    /// PETRARCH does. Off in dyad's own rules.
    #[serde(default)]
    pub agentless_passive_active: bool,
    /// Verbs whose passive participle with no `by` agent states its subject's stance or
    /// activity ("Israel is opposed to the plan", "troops were engaged in fighting"): read as
    /// active, the subject the source.
    #[serde(default)]
    pub stative_passives: Vec<String>,
    /// Verbs whose complement clause reports a fact: a bare verb form there is a misread past
    /// tense ("said settlers set fire"), not a mandate.
    #[serde(default)]
    pub indicative_governors: Vec<String>,
    /// Markers of a condition that make an intended action a threat ("will withdraw unless
    /// …").
    #[serde(default)]
    pub conditional_threat_markers: Vec<String>,
    /// The CAMEO code of such a threat when the action's own intent code is no threat.
    #[serde(default)]
    pub conditional_threat_code: Option<String>,
    /// Nouns of places and facilities ("stronghold", "base"): an actor modifier of one with
    /// no other actor in its phrase stands for the place ("a rebel stronghold" → REB). The
    /// name of a noun class of the verb dictionary (noun_classes.toml).
    #[serde(default)]
    pub owned_place_class: Option<String>,
    /// Explosive attacks reported with no attacker ("a roadside bombing killed a soldier"):
    /// coded with an unidentified armed attacker, as CAMEO and PLOVER do.
    #[serde(default)]
    pub unattributed_attack: Option<UnattributedAttack>,
    /// Attacks a passive's harm is put down to, named by a noun whose agent the noun's own
    /// modifiers or the military reporting the clause name ("were killed in Israeli air
    /// strikes", "were killed in two strikes, the U.S. military said").
    #[serde(default)]
    pub attack_noun_agent: Option<AttackNounAgent>,
    /// Arrests and expulsions in the passive with no agent, reported by an authority
    /// ("300 people were detained, police said"): the authority made them.
    #[serde(default)]
    pub reported_arrest: Option<ReportedArrest>,
    /// Events named by nouns with their own agent: an attack noun that is the subject of a
    /// verb of harm ("an Israeli air strike on Tyre killed nine civilians") and event nouns
    /// beside the verb's own event ("despite threats by Maoist rebels").
    #[serde(default)]
    pub nominal_event: Option<NominalEvent>,
    /// Actor codes of private parties ("BUS"): an event all of whose actors carry one of
    /// them is not coded.
    #[serde(default)]
    pub private_actor_codes: Vec<String>,
    /// Event roots of statements ("01"): one whose target is the press (`press_roles`) is
    /// how its source speaks, not an event, and is not coded.
    #[serde(default)]
    pub press_statement_roots: Vec<String>,
    /// Actor roles of news media ("MED"), alone or after a country.
    #[serde(default)]
    pub press_roles: Vec<String>,
    /// Noun classes (noun_classes.toml) of things that cannot act: a subject headed by one
    /// ("a U.S. proposal", "the French economy") names no source, whatever country modifies
    /// it. As an object it still names its owner ("rejected a U.S. proposal" → USA).
    #[serde(default)]
    pub non_agent_subject_classes: Vec<String>,
    /// Nouns whose "that" clause is claimed, demanded or feared, not reported as done ("an
    /// admission that its forces murdered", "allegations that troops shelled"): its verb
    /// gives no event.
    #[serde(default)]
    pub unasserting_nouns: Vec<String>,
    /// Words that make a proper name a company's ("KLM Royal Dutch Airlines", "British
    /// Aerospace", "Ecolab Co"): the name is a business (`company_role`) of the country it
    /// names by a country word or demonym (not by a city that is a capital), not that country.
    #[serde(default)]
    pub company_name_words: Vec<String>,
    /// The role code of a company name ("BUS").
    #[serde(default)]
    pub company_role: Option<String>,
    /// A noun phrase whose only actor word is a role modifier ("the official news agency")
    /// is that role with no country, as PETRARCH codes it (`---GOV`). Off in dyad's own
    /// rules: there a role names an actor only as the phrase's head.
    #[serde(default)]
    pub role_modifiers_name_actors: bool,
    /// A subjectless "to" infinitive hung on a verb as an adverbial clause (of purpose:
    /// "Mordor will be hosting Osgiliath to celebrate May Day") has that verb's subject for
    /// patterns that name words before their verb (PETRARCH's `+ HOSTING * MAY_DAY $`). Off
    /// in dyad's own rules, where only verbs of intent pass their subject on (the purpose is
    /// not an event).
    #[serde(default)]
    pub purpose_clause_subjects: bool,
    /// Attackers whose attack is of one kind whatever the verb says ("two suicide bombers
    /// killed 23 people" is a suicide bombing): the attacker phrase's last words and the
    /// CAMEO code their attack takes …
    #[serde(default)]
    pub attacker_codes: HashMap<String, String>,
    /// CAMEO codes by attack noun ("air strike" → 195), for the rules that code an attack
    /// by its noun (`attack_noun_agent`, `nominal_event`); other attack nouns take the
    /// rule's own `code`.
    #[serde(default)]
    pub attack_noun_codes: HashMap<String, String>,
    /// Violence that its actors name (`[[actor_pair_codes]]`): security forces firing on
    /// protesters is repression, protesters stoning a convoy a riot.
    #[serde(default)]
    pub actor_pair_codes: Vec<ActorPairCode>,
    /// … when the verb's own code is of one of these roots.
    #[serde(default)]
    pub attacker_code_roots: Vec<String>,
    /// Verbs whose complement clause states a demand: its present-tense verb is mandated,
    /// not done ("demanded that its partners refuse to recognise").
    #[serde(default)]
    pub mandative_governors: Vec<String>,
    /// Personal pronouns that stand for an earlier subject ("Egypt said it had sent aid").
    #[serde(default)]
    pub subject_pronouns: Vec<String>,
    /// Relative pronouns: a relative clause's subject that is one stands for the modified noun.
    #[serde(default)]
    pub relative_pronouns: Vec<String>,
    /// Markers of an adnominal clause that is an accusation's content ("accused X of
    /// shelling"): no event of its own.
    #[serde(default)]
    pub content_clause_markers: Vec<String>,
    /// Prepositions of the place a physical target stands in ("targets in southern Lebanon").
    #[serde(default)]
    pub place_target_cases: Vec<String>,
    /// Prepositions of a phrase inside a target's phrase that may name the target ("the
    /// border with Guyana").
    #[serde(default)]
    pub nested_target_cases: Vec<String>,
    /// Prepositions that name the reacting actor on a reaction noun ("condemnation from X").
    #[serde(default)]
    pub reaction_actor_cases: Vec<String>,
    /// A subjectless gerund adjunct with no marker shares its active governor's subject
    /// ("police broke up a rally, arresting over 100 people") …
    #[serde(default)]
    pub participle_clause_subjects: bool,
    /// … unless its verb is one of these (a killing counts the governor's dead: "attacked
    /// the town, killing four").
    #[serde(default)]
    pub participle_subject_excluded_verbs: Vec<String>,
    /// Subject pronouns that, with nothing in their sentence to stand for, stand for the
    /// source of the document's latest event ("He also vowed that …").
    #[serde(default)]
    pub document_pronouns: Vec<String>,
    /// Roles that take the country the story is about when their phrase names none ("the
    /// rebels denied involvement" in a Sri Lankan story → LKAREB): the country the document
    /// has named most often so far by actor words and places (a place counting twice), its
    /// headline included.
    #[serde(default)]
    pub story_country_types: Vec<String>,
    /// Of those, the types of a story's local people (civilians, police): they also take the
    /// country of the places of their own sentence.
    #[serde(default)]
    pub local_story_country_types: Vec<String>,
    /// Of those, the roles that in a story's opening sentence (nothing before it named a
    /// country) take the country of that sentence's places ("Gunmen abducted pupils from a
    /// school in Kaduna state" → NGAREB), as its local people do. Its actor words do not
    /// count for them ("militants were killed, the U.S. military said"), and troops are left
    /// out: they are often foreign where they fight. In the opening sentence a story's local
    /// people also take its actor words' country when it names no place ("Kenyan police shot
    /// protesters" → KENCVL).
    #[serde(default)]
    pub opening_country_types: Vec<String>,
    /// Stem endings that take "-es" ("pushes", "goes"; never "departes").
    #[serde(default)]
    pub es_stem_endings: Vec<String>,
}

/// The rule for attacks whose only named agent is the weapon or the attack itself
/// (`[unattributed_attack]` in the rules file).
#[derive(Debug, Clone, Deserialize)]
pub struct UnattributedAttack {
    /// The noun class (noun_classes.toml) of the attack or weapon nouns ("bombing", "car bomb").
    pub class: String,
    /// The verbs of harm it applies to ("kill", "wound").
    pub verbs: Vec<String>,
    /// Prepositions of a passive that name the attack ("killed in a bombing", "by a bomb").
    pub cases: Vec<String>,
    /// The CAMEO event code of the attack.
    pub code: String,
    /// The CAMEO actor code of the unidentified attacker.
    pub source: String,
}

/// The rule for harm put down to an attack noun with an agent (`[attack_noun_agent]`).
#[derive(Debug, Clone, Deserialize)]
pub struct AttackNounAgent {
    /// The noun class (noun_classes.toml) of the attack nouns.
    pub class: String,
    /// The verbs of harm it applies to, in the passive ("were killed in").
    pub verbs: Vec<String>,
    /// Prepositions of the passive's phrase that names the attack.
    pub cases: Vec<String>,
    /// Prepositions of a phrase on the attack noun that name its agent ("an attack by").
    pub agent_cases: Vec<String>,
    /// Prepositions of a phrase on the attack noun that name its target ("strikes on Gaza").
    pub target_cases: Vec<String>,
    /// Attack nouns whose agent may be the actor reporting the clause ("strikes", not
    /// "bombing": a military reports its own strikes, not other people's bombs).
    pub reporter_nouns: Vec<String>,
    /// Roles of a reporting actor that can be the agent ("MIL").
    pub reporter_roles: Vec<String>,
    /// The code of any other attack noun.
    pub code: String,
}

/// A code that an act of some roots takes when its actors are of some kinds
/// (`[[actor_pair_codes]]`): a source of one of `source_roles` or `source_entries`, a target
/// of one of `target_roles` or `target_entries` (an empty list accepts any actor).
#[derive(Debug, Clone, Deserialize)]
pub struct ActorPairCode {
    /// Cited in the event's rule id ("193.shoot+repression").
    pub name: String,
    /// Roots of the verb's code that the rule recodes, or codes they start ("180").
    pub roots: Vec<String>,
    /// The code the act takes.
    pub code: String,
    /// Roles of the source ("COP").
    #[serde(default)]
    pub source_roles: Vec<String>,
    /// Actor-dictionary entries the source may be read from ("agent-protesters").
    #[serde(default)]
    pub source_entries: Vec<String>,
    /// Roles of the target.
    #[serde(default)]
    pub target_roles: Vec<String>,
    /// Actor-dictionary entries the target may be read from.
    #[serde(default)]
    pub target_entries: Vec<String>,
    /// Only when the target is one person named in the sentence ("President Vieira", "João
    /// Bernardo Vieira, the president"), not a role or a crowd.
    #[serde(default)]
    pub target_named: bool,
    /// Only for these verbs (lemmas; empty: any verb).
    #[serde(default)]
    pub verbs: Vec<String>,
}

/// The rule for events that nouns with their own agent name (`[nominal_event]`).
#[derive(Debug, Clone, Deserialize)]
pub struct NominalEvent {
    /// The noun class (noun_classes.toml) of the attack nouns.
    pub class: String,
    /// The active verbs of harm whose subject an attack noun can be ("killed", "hit").
    pub verbs: Vec<String>,
    /// Prepositions of a phrase on the noun that name its agent ("threats by").
    pub agent_cases: Vec<String>,
    /// Prepositions of a phrase on an attack noun that name its target ("strikes on Gaza").
    pub target_cases: Vec<String>,
    /// Prepositions of a phrase on an event noun that name what the event is done to (its
    /// verb's object: "the expulsion of six diplomats").
    pub object_cases: Vec<String>,
    /// The code of any other attack noun.
    pub code: String,
    /// Event nouns and the verb whose patterns code them ("expulsion" → "expel").
    #[serde(default)]
    pub nouns: HashMap<String, String>,
}

/// The rule for arrests reported by the authority that made them (`[reported_arrest]`).
#[derive(Debug, Clone, Deserialize)]
pub struct ReportedArrest {
    /// Verbs and the CAMEO code of each ("detain" → 173).
    pub verbs: HashMap<String, String>,
    /// Roles of a reporting actor that arrests or expels ("COP", "GOV").
    pub roles: Vec<String>,
    /// With no such reporter, the role of the story's country that made the arrest ("COP").
    #[serde(default)]
    pub local_role: Option<String>,
}

/// A problem in the rules file.
#[derive(Debug, thiserror::Error)]
#[error("coding_rules.toml, line {line}: {message}")]
pub struct RulesError {
    /// 1-based line, or 0.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl CodingRules {
    /// Parse the rules from TOML text.
    pub fn parse(text: &str) -> Result<Self, RulesError> {
        toml::from_str(text).map_err(|e| RulesError {
            line: e.span().map_or(0, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().to_string(),
        })
    }

    /// The bundled rules, parsed once.
    pub fn bundled() -> &'static CodingRules {
        static RULES: OnceLock<CodingRules> = OnceLock::new();
        RULES.get_or_init(|| {
            CodingRules::parse(BUNDLED_RULES)
                .expect("the bundled rules are checked by the crate's tests")
        })
    }

    /// Is `word` in the list?
    pub fn has(list: &[String], word: &str) -> bool {
        list.iter().any(|w| w == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_codes::EventCodeTable;

    #[test]
    fn bundled_rules_parse_and_intent_codes_exist() {
        let r = CodingRules::bundled();
        let codes = EventCodeTable::bundled();
        for root in 1..=20 {
            let key = format!("{root:02}");
            let code = r
                .intent_code_by_root
                .get(&key)
                .expect("every root has an intent code");
            assert!(codes.get(code).is_some(), "{code}");
        }
        assert!(CodingRules::has(&r.future_auxiliaries, "will"));
    }

    #[test]
    fn bundled_word_lists_have_no_repeats() {
        let r = CodingRules::bundled();
        let lists = [
            ("subject_pronouns", &r.subject_pronouns),
            ("relative_pronouns", &r.relative_pronouns),
            ("content_clause_markers", &r.content_clause_markers),
            ("place_target_cases", &r.place_target_cases),
            ("nested_target_cases", &r.nested_target_cases),
            ("reaction_actor_cases", &r.reaction_actor_cases),
            ("es_stem_endings", &r.es_stem_endings),
            ("temporal_nouns", &r.temporal_nouns),
            ("sponsor_words", &r.sponsor_words),
        ];
        for (name, list) in lists {
            assert!(!list.is_empty(), "{name} is empty");
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert!(!w.is_empty() && w.to_lowercase() == *w, "{name}: {w:?}");
                assert!(seen.insert(w), "{name}: {w:?} repeated");
            }
        }
    }

    #[test]
    fn malformed_rules_give_a_line() {
        let e = CodingRules::parse("negators = [\"not\"\n").expect_err("bad");
        assert!(e.to_string().starts_with("coding_rules.toml, line"), "{e}");
    }
}
