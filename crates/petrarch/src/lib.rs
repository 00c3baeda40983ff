//! Reading PETRARCH/TABARI-format dictionaries and putting them to work in dyad's coder.
//!
//! This crate reads the dictionary formats of PETRARCH-1/PETRARCH-2 (and, for the parts they
//! share, TABARI): verbs ([`verbs`]: synsets `&NAME`, `--- NAME [code] ---` blocks, verb forms
//! with `{irregular forms}`, `- pre * post [code]` patterns with `{}` noun phrases and `()`
//! prepositional phrases, `~` transformations), actors ([`actors`]: a primary phrase, `+`
//! synonyms, tab-indented `[CODE date-range]` restrictions), agents ([`actors::parse_agents`]:
//! `[~XXX]` suffix and `[XXX~]` prefix codes, `{}` plurals, `!SUBST!` sets) and discards
//! ([`discards`]: sentence phrases and `+` whole-story phrases). It then converts them
//! ([`mod@convert`]) into the text formats that `dyad_lexicon`'s own readers accept, so the
//! unchanged `dyad_coder::Coder` codes with them, and adds what dyad's dictionaries cannot say
//! (paired events, discards, non-CAMEO codes) as a small post-processing step
//! ([`convert::PetrarchCoding::finish`]). Unknown syntax is an error naming the file and line,
//! never a silent skip. The parsers work on strings; only [`dir::load_dir`] touches the file
//! system (reading a directory the user names at run time). This crate must never ship, copy
//! or embed PETRARCH's own dictionary files.
//!
//! # How PETRARCH's pattern semantics map onto dyad's dependency patterns
//!
//! PETRARCH matches a pattern's words against the phrase-structure tree *around* the verb:
//! words before the verb (`pre`), the verb (`*`), words after it (`post`), where `$` marks the
//! source, `+` the target, `^` skips a phrase, `%` marks a compound actor, `{...}` must match a
//! noun phrase and `(...)` a prepositional phrase. dyad's patterns are dependency-based: a
//! verb lemma, an optional particle, a constraint on the direct object, an ordered list of
//! target slots and, for converted patterns, the surface words around the verb (the `words`
//! column, `dyad_lexicon::verbs::WordSequence`). The conversion maps:
//!
//! | PETRARCH | dyad |
//! | --- | --- |
//! | block verb forms (`ABANDON`, `CORDON_OFF`, `WIRE_+TAP`, `HURRY {HURRIES ...}`) | one pattern set per verb word (lower-cased; the form's other words become words joined to the verb: `*_off`, `wire_*`); the coder looks a verb up by its word form before its lemma (`verbs_by_form`), so `MET` and `MEET` stay apart as in PETRARCH |
//! | the block's or the verb's own default code | a pattern with no words |
//! | `- pre * post` words and synsets | the `words` column: each word (or synset, its phrases as alternatives) must appear in order, before the verb in the sentence and after it in the verb's phrase (its subtree without subject, coordinated verbs and parenthetical clauses), other words between them allowed; `_` makes two neighbours adjacent (`RECENTLY_*`, `REALLY_PLEASANT`); words compare exactly, case aside |
//! | pattern order | patterns with more words are tried first, then file order; the verb's default last |
//! | `- * ... PREP +` / `- * +` | target slot `prep:PREP` / `obj` first |
//! | `- * ... W ^ +` (one or more `^`) | target slot `after:W:N`: the first actor of the verb's phrase after `W` and the `N` noun phrases right after it |
//! | `- + ... * ... W ^ $`, `- + ... * ... W $` | the same slot (`after:W:N`, `N` may be 0) for the source, with the actors swapped |
//! | `- W + *` (target before the verb, no `$`) | target slot `governor`: the subject of the verb whose complement the clause is; actors swapped, so that verb's subject is the source and the clause's subject the target |
//! | no `+` | the first preposition after the verb as the first target slot |
//! | (every pattern) | then the default slots [`convert::default_targets`] (`data/defaults.toml`): the direct object, then `first` — the first actor of the verb's phrase, however deep (PETRARCH's target rule) —, then prepositional objects |
//! | `+ ... * ... $` (target before the verb, source after it) | the event's actors swapped: the subject is the target |
//! | `[code1:code2]` paired events | code1 from the pattern; the reverse event with code2 added by [`convert::PetrarchCoding::finish`] |
//! | `[---]` | the pattern matches and the verb's own (or block's) code is coded, as PETRARCH falls back to it; with no such code nothing is coded |
//! | codes that are not 2-4 digits (`174K`, `abc`) | stand-in codes `99NN` in a widened code table, mapped back afterwards |
//! | actors with one 3-letter code | countries (so agents combine: `ARN` + `[~GOV]` → `ARNGOV`) |
//! | actors with a longer code | named groups (their code wins over an agent's) |
//! | actors with date restrictions or codes of other characters (`---`, `ELR/GAL`) | dated persons (code by the document date; `/` codes split into one event each afterwards) |
//! | agents `[~XXX]`, `[XXX~]`, `[~GOVFRM]` | agents of type XXX (any number of 3-letter codes), placed after the country, or before it for `[XXX~]` (`prefix = true`) |
//!
//! Where they differ (each a known source of disagreement with PETRARCH's own output):
//!
//! - **The verb's phrase is the dependency subtree**, not the Treebank VP: a clause the parser
//!   attaches as a conjunct is outside it, a parenthetical clause after the verb too.
//! - **`$`, `+`, `^`, `%` and phrase brackets ask for no word.** `+` chooses the target slot
//!   (the preposition before it, or the word before its `^`s); `$` after the verb chooses the
//!   source only in a pattern with `+` before the verb; `%` is not used. A `^` counts the
//!   noun phrases of the dependency tree (a head with its compounds), not Treebank NPs.
//! - **PETRARCH mode reads noun phrases more loosely** (the coding rules' switches): a token
//!   joined by underscores matches a dictionary phrase as its words, a role noun that is not
//!   the phrase's head names the role with no country when nothing else in the phrase names
//!   an actor (`role_modifiers_name_actors`), a country phrase on a coordination's first noun
//!   counts for later role nouns, and a subjectless "to" clause of purpose takes its
//!   governor's subject for patterns with words before the verb (`purpose_clause_subjects`).
//! - **`require_dyad`** is one setting per conversion; a gold file's `<Config>` elements that
//!   change it are honoured by `dyad eval`, which converts the dictionaries both ways.
//! - **Modality is PETRARCH's**: negated, hypothetical and intended clauses are coded as the
//!   patterns say (`NOT * [112]`, `WOULD NOT *`; the coding rules are set so), and coordinated
//!   subjects with no target are not coded on each other.
//! - **Targets come from the dependency tree first**: the slot the pattern's `+` names (or its
//!   first preposition), the direct object, and only then the first actor of the phrase;
//!   PETRARCH takes the first actor of the verb phrase. An event without a target is still
//!   coded (PETRARCH's `---` target) when `require_dyad` is off.
//! - **Noun phrases are read on the dependency tree**: a role noun takes the country of a
//!   `from`/`in`/`of` phrase on it ("soldiers from Gondor", the coding rules'
//!   `agent_country_cases`), but other words of a Treebank NP outside the dependency phrase
//!   (a caseless `nmod` the parser hangs on a name) are not read.
//! - **Sources come from the dependency tree**: the verb's subject (its conjuncts, a second
//!   subject after "and"), or, for a pronoun subject of a complement clause, the governing
//!   verb's subject (`pronoun_antecedents`); PETRARCH takes the nearest actor before the verb.
//! - **Passives**: a passive with a `by` phrase codes the agent as the source; one without is
//!   read as active, its subject the source (`agentless_passive_active`), as PETRARCH does.
//! - **A phrase takes at most two agent matches** (its head's and one prefix agent before the
//!   country, "an MSF Arnor diplomat" → `NGOARNGOV`). PETRARCH joins every agent phrase it
//!   finds; the conversion gives an agent phrase the codes of the agent phrases inside it
//!   (`MAIN_OPPOSITION_GROUP` + `OPPOSITION_GROUP` → `MOPOPP`, each code once), which covers the
//!   overlapping case but not two separate agent phrases in one noun phrase.
//! - **Whole words only.** TABARI's stem matching of phrases without a trailing `_`
//!   (`ARGENTIN` for "Argentina") is not done; the trailing `_` is accepted and ignored.
//! - **Transformations (`~` lines) are read, not applied.** Irregular verb forms in `{}` are
//!   read but not indexed: dyad looks verbs up by the parser's lemma when the form is unknown.
//! - **Typos in real dictionaries** (unbalanced brackets, undefined synsets, seven-digit dates in
//!   the Phoenix files) are errors for the strict readers; [`dir::load_dir`] uses the
//!   `*_reporting` readers, which skip such lines and list each (file and line) in
//!   [`convert::PetrarchCoding::skipped`] for the caller to show.
//! - The conversion's [`convert::Losses`] counts every item it could not carry over.

pub mod actors;
pub mod convert;
pub mod defaults;
pub mod dir;
pub mod discards;
pub mod verbs;

pub use actors::{ActorDict, AgentDict};
pub use convert::{convert, ConvertOptions, Losses, PetrarchCoding};
pub use dir::{load_dir, load_files, DictionaryFiles, LoadError};
pub use discards::{DiscardKind, Discards};
pub use verbs::VerbDict;

/// A problem in a dictionary file, named by file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct DictError {
    /// The file's name as given to the reader.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl DictError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        DictError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Lines of a dictionary with comments removed: `(1-based line number, content)`.
///
/// `<!-- ... -->` blocks (also the `<! --` variant seen in the wild) may span lines; `#` starts a
/// comment anywhere on a line. With `semicolon_comments`, `;` does too (actor files).
pub(crate) fn content_lines(text: &str, semicolon_comments: bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.trim_end_matches('\r').to_string();
        if in_block {
            match line.find("-->") {
                Some(k) => {
                    in_block = false;
                    line = line[k + 3..].to_string();
                }
                None => continue,
            }
        }
        loop {
            let start = line.find("<!").filter(|&k| {
                line[k + 2..].trim_start().starts_with("--") || line[k + 2..].starts_with('-')
            });
            let Some(k) = start else { break };
            match line[k..].find("-->") {
                Some(e) => line.replace_range(k..k + e + 3, " "),
                None => {
                    line.truncate(k);
                    in_block = true;
                    break;
                }
            }
        }
        // `#` (and `;` in actor files) start a comment, except inside a code: `[###]`
        let mut depth = 0i32;
        let cut = line.char_indices().find_map(|(k, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                '#' if depth <= 0 => return Some(k),
                ';' if depth <= 0 && semicolon_comments => return Some(k),
                _ => {}
            }
            None
        });
        if let Some(k) = cut {
            line.truncate(k);
        }
        if raw.trim().is_empty() {
            // a blank line ends a synset; a comment-only line does not
            out.push((i + 1, String::new()));
        } else if !line.trim().is_empty() {
            out.push((i + 1, line.trim_end().to_string()));
        }
    }
    out
}

/// The words of a dictionary phrase: `_` and spaces separate words; empty pieces dropped.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_removed_across_lines() {
        let text = "<!-- a\n# b\n-->\nARNOR [ARN] ; note\nX # y\n<! -- z -->Y\nN [###] # c\n";
        let lines = content_lines(text, true);
        let kept: Vec<&str> = lines
            .iter()
            .map(|(_, l)| l.as_str())
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(kept, ["ARNOR [ARN]", "X", " Y", "N [###]"]);
        assert_eq!(lines[0], (4, "ARNOR [ARN]".to_string()));
    }
}
