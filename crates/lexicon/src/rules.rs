//! Coder rules kept as data (`data/coding_rules.toml`): negators, hypothetical and future
//! auxiliaries, intent and negating governors, reciprocal roots, sponsor words and the map
//! from an intended action's root to its CAMEO intent code. Read only; no logic here.

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
    /// Noun classes that mark sports, market or weather sentences.
    pub off_topic_classes: Vec<String>,
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
    /// A passive without a `by` agent is read as active: its subject is the source, as
    /// PETRARCH does. Off in dyad's own rules.
    #[serde(default)]
    pub agentless_passive_active: bool,
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
    fn malformed_rules_give_a_line() {
        let e = CodingRules::parse("negators = [\"not\"\n").expect_err("bad");
        assert!(e.to_string().starts_with("coding_rules.toml, line"), "{e}");
    }
}
