//! Coding vocabularies for dyad, shipped as data compiled into the binary. This crate
//! holds the CAMEO event-code table (code, description, Goldstein value, GDELT quad
//! class and PLOVER type/mode) and parses it into fast lookup structures. It must never
//! do I/O: bundled tables come in through `include_str!`, and anything else is handed in
//! by the caller as a string. It must never panic on input: malformed tables are
//! reported as typed errors naming the file and line, and lookups of unknown or
//! malformed codes return `None`.
//!
//! ```
//! use dyad_lexicon::event_codes::{EventCodeTable, QuadClass};
//!
//! let table = EventCodeTable::bundled();
//! let code = table.get("195").expect("bundled code");
//! assert_eq!(code.name(), "Employ aerial weapons");
//! assert_eq!(code.root(), "19");
//! assert_eq!(code.quad_class(), QuadClass::MaterialConflict);
//! assert_eq!(code.plover_type(), "ASSAULT");
//! assert_eq!(table.root("0871"), Some("08"));
//! ```

pub mod actors;
pub mod event_codes;
pub mod rules;
pub mod verbs;

pub use actors::{ActorDictionary, ActorEntry, ActorKind, ActorMatch, MatchForm};
pub use event_codes::{EventCode, EventCodeTable, LoadError, LoadErrorKind, QuadClass};
pub use rules::{ActorPairCode, AttackNounAgent, CodingRules, NominalEvent, ReportedArrest};
pub use verbs::{VerbDictionary, VerbPattern};
