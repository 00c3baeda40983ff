//! PETRARCH's defaults kept as data (`data/defaults.toml`): the target slots every converted
//! pattern tries, the words of patterns that are prepositions, and the prepositions that give
//! a role noun its country. Read only; [`crate::convert`] uses them.

use std::sync::OnceLock;

use serde::Deserialize;

/// The bundled defaults file.
pub const BUNDLED_DEFAULTS: &str = include_str!("../data/defaults.toml");

/// The conversion's defaults.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Target slots tried, in order, for every converted pattern ("obj", "first", "prep:with").
    pub default_targets: Vec<String>,
    /// Pattern words that are prepositions, upper case as in the dictionaries ("WITH").
    pub prepositions: Vec<String>,
    /// Prepositions whose country object gives a role noun its country ("from", "in", "of").
    pub agent_country_cases: Vec<String>,
}

/// A problem in the defaults file.
#[derive(Debug, thiserror::Error)]
#[error("petrarch defaults.toml: {0}")]
pub struct DefaultsError(pub String);

impl Defaults {
    /// Parse the defaults from TOML text.
    pub fn parse(text: &str) -> Result<Self, DefaultsError> {
        toml::from_str(text).map_err(|e| DefaultsError(e.to_string()))
    }

    /// The bundled defaults, parsed once.
    pub fn bundled() -> &'static Defaults {
        static DEFAULTS: OnceLock<Defaults> = OnceLock::new();
        DEFAULTS.get_or_init(|| {
            Defaults::parse(BUNDLED_DEFAULTS)
                .expect("the bundled defaults are checked by the crate's tests")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn bundled_defaults_parse_without_repeats() {
        let d = Defaults::parse(BUNDLED_DEFAULTS).expect("bundled defaults");
        for list in [&d.default_targets, &d.prepositions, &d.agent_country_cases] {
            assert!(!list.is_empty());
            let unique: HashSet<&String> = list.iter().collect();
            assert_eq!(unique.len(), list.len(), "{list:?}");
        }
        assert_eq!(d.default_targets[..2], ["obj", "first"]);
        assert!(d
            .prepositions
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_uppercase())));
    }

    #[test]
    fn malformed_defaults_are_errors() {
        assert!(Defaults::parse("default_targets = [\"obj\"\n").is_err());
    }
}
