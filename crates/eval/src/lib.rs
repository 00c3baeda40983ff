//! Evaluation of coded events against gold standards: the gold readers and the scoring behind
//! `dyad eval`.
//!
//! [`gold`] reads the three gold formats (dyad's JSONL, PETRARCH's validation XML and the
//! PLOVER gold-standard records) into [`gold::GoldRecord`]s; [`mod@score`] compares the events a
//! coder produced for each record with the expected ones — precision, recall and F1 of
//! (source, target, code) triples per CAMEO root and overall at three strictness levels,
//! PETRARCH-style pass/fail per record and per category, and an explanation of every miss and
//! every extra event. This crate neither codes text nor reads files: the caller hands it the
//! gold file's text and the coded events, which keeps the scoring testable on hand-made events.

pub mod gold;
pub mod score;

pub use gold::{read_gold, Expected, GoldError, GoldEvent, GoldFormat, GoldRecord};
pub use score::{score, Coded, Explanation, Level, Prf, Report};
