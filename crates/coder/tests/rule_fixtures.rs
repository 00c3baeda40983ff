//! The coder's rules on hand-made parses, as data: every `tests/rules/NAME.txt` is a fixture
//! file of cases, each a document of hand-made parses coded with test verb patterns and the
//! events it must give. `tests/rules/README.md` says the same with examples.
//!
//! # The fixture format
//!
//! A fixture file is read line by line. A line starting with `#` (in its first column) is a
//! comment, and so is a blank line. Every other line is `KEY: VALUE`, or a continuation of
//! the line before it: a line starting with a space or a tab adds its text (after one space)
//! to the value above it, so a long parse can be broken over lines.
//!
//! - `patterns: FILE` names the test verb patterns (a verb-dictionary TSV with its header
//!   row, in `tests/rules/patterns/`) for the cases after it, up to the next `patterns:`.
//!   A file gives one before its first case.
//! - `case: COMMENT` starts a case: the sentence in plain words and what it shows. The lines
//!   after it, up to the next `case:` or `patterns:`, are the case's:
//!   - `parse: WORDS` a sentence of the document, as hand-made parse: words separated by
//!     spaces, each `form/UPOS/lemma/head/deprel` with an optional sixth field for the XPOS
//!     tag (`abused/VERB/abuse/7/amod/VBD`; `_` when absent); the sentence's text is the
//!     forms joined by spaces. `heading: WORDS` is the same for a heading. A case has one or
//!     more of them: several are the segments of one document, in order, coded with one
//!     document state.
//!   - `date: YYYY-MM-DD` the publication date (2024-02-11 if not given), or `date: none`
//!     for a document without one.
//!   - `grounding: off` codes with a coder that does not ground events.
//!   - `rules: NAME = VALUE` changes one of the bundled coding rules: `verbs_by_form`,
//!     `pronoun_antecedents`, `agentless_passive_active` (`true`/`false`) or
//!     `agent_country_cases` (words separated by commas).
//!   - `agents: TOML` adds to the bundled `agents.toml` (continuation lines are joined by
//!     line breaks here, not spaces).
//!   - `expect: TRIPLES` the events of the whole document in order, each
//!     `SOURCE>TARGET:CAMEO` (`-` for no actor), separated by spaces; or `expect: none`.
//!     Exactly one per case.
//!   - `check: FIELD OP VALUE` a field of the one expected event; `check[N]: …` of the N-th
//!     (from 1) when several are expected. `OP` is `=` (the value `none` for a field that is
//!     absent), `starts-with` or `contains`. The fields: `event_id`, `event_id.len` (its
//!     length in characters), `doc_id`, `sentence_index`, `sentence`, `cameo`, `root`,
//!     `quad_class`, `goldstein`, `plover`, `rule` (the verb pattern's id: `verb.rule`),
//!     `verb.text`, `source.` and `target.` with `text`, `code`, `entry`, `country`,
//!     `date.start`, `date.end`, `date.precision`, `date.text`, `location` (only `= none`),
//!     `location.` with `text`, `name`, `country`, `admin1`, `precision`, `fatalities`,
//!     `fatalities_text`.
//!
//! Every case is coded twice, by two coders built alike, and must give the same events both
//! times (event ids are stable). A case fails when its triples differ from the expected ones
//! or a check does not hold; the failure names the file, the case's line and comment, the
//! expected and the actual triples. A file that does not read (an unknown key, a word
//! without its five fields, a check without an event to check, …) fails naming its file
//! and line, and so does a file with no case.

use dyad_coder::{Coder, DocumentContext, DocumentState, Event};
use dyad_core::{Date, ParsedSegment, ParsedWord, SegmentKind, Span};
use dyad_lexicon::verbs::VerbDictionary;
use dyad_lexicon::{ActorDictionary, CodingRules, EventCodeTable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The publication date of a case that gives none.
const DEFAULT_DATE: Date = Date::constant(2024, 2, 11);

/// The fields a check may name.
const FIELDS: &[&str] = &[
    "event_id",
    "event_id.len",
    "doc_id",
    "sentence_index",
    "sentence",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "rule",
    "verb.rule",
    "verb.text",
    "verb.rules",
    "source.text",
    "source.code",
    "source.entry",
    "source.country",
    "target.text",
    "target.code",
    "target.entry",
    "target.country",
    "date.start",
    "date.end",
    "date.precision",
    "date.text",
    "location",
    "location.text",
    "location.name",
    "location.country",
    "location.admin1",
    "location.precision",
    "fatalities",
    "fatalities_text",
];

/// The coding rules a case may change.
const RULE_SETTINGS: &[&str] = &[
    "verbs_by_form",
    "pronoun_antecedents",
    "agentless_passive_active",
    "agent_country_cases",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Is,
    StartsWith,
    Contains,
}

#[derive(Debug)]
struct Check {
    line: usize,
    /// 0-based event index.
    index: usize,
    field: String,
    op: Op,
    value: String,
}

#[derive(Debug)]
struct Case {
    line: usize,
    comment: String,
    patterns: String,
    /// The document's segments: kind, hand-made parse.
    segments: Vec<(SegmentKind, ParsedSentence)>,
    date: Option<Date>,
    grounding: bool,
    rules: Vec<(String, String)>,
    agents: Option<String>,
    expect: Option<Vec<String>>,
    /// The check lines without an index, whose event is known once `expect` is.
    checks: Vec<(Option<usize>, Check)>,
}

/// A hand-made parse: the sentence's text (the forms joined by spaces) and its words, spans
/// relative to the sentence.
#[derive(Debug, Clone)]
struct ParsedSentence {
    text: String,
    words: Vec<ParsedWord>,
}

/// Read one hand-made parse (see the module doc).
fn parse_words(spec: &str) -> Result<ParsedSentence, String> {
    let mut text = String::new();
    let mut words = Vec::new();
    for w in spec.split_whitespace() {
        let f: Vec<&str> = w.split('/').collect();
        if f.len() != 5 && f.len() != 6 {
            return Err(format!(
                "word {w:?}: not form/UPOS/lemma/head/deprel[/XPOS]"
            ));
        }
        let head: usize = f[3]
            .parse()
            .map_err(|_| format!("word {w:?}: the head {:?} is no number", f[3]))?;
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(f[0]);
        words.push(ParsedWord {
            span: Span::new(start, text.len()),
            upos: f[1].to_string(),
            xpos: f.get(5).unwrap_or(&"_").to_string(),
            lemma: f[2].to_string(),
            head,
            deprel: f[4].to_string(),
        });
    }
    if words.is_empty() {
        return Err("a parse without words".to_string());
    }
    for w in &words {
        if w.head > words.len() {
            return Err(format!(
                "the head {} is past the sentence's {} words",
                w.head,
                words.len()
            ));
        }
    }
    Ok(ParsedSentence { text, words })
}

fn parse_check(line: usize, index: Option<usize>, value: &str) -> Result<Check, String> {
    let mut parts = value.splitn(3, ' ');
    let field = parts.next().unwrap_or_default().trim();
    let op = parts.next().unwrap_or_default().trim();
    let expected = parts.next().unwrap_or_default().trim();
    if !FIELDS.contains(&field) {
        return Err(format!("check of an unknown field {field:?}"));
    }
    let op = match op {
        "=" => Op::Is,
        "starts-with" => Op::StartsWith,
        "contains" => Op::Contains,
        _ => return Err(format!("check with an unknown operator {op:?}")),
    };
    if expected.is_empty() {
        return Err("check without a value".to_string());
    }
    if field == "location" && (op != Op::Is || expected != "none") {
        return Err("`location` is only checked as `location = none`".to_string());
    }
    Ok(Check {
        line,
        index: index.unwrap_or(0),
        field: field.to_string(),
        op,
        value: expected.to_string(),
    })
}

/// Read a fixture file's text into its cases; an error names the line.
fn read_fixture(text: &str) -> Result<Vec<Case>, String> {
    // Join continuation lines onto their key line: (line number, key, value).
    let mut entries: Vec<(usize, String, String)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let n = n + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        if raw.starts_with(' ') || raw.starts_with('\t') {
            let Some((_, key, value)) = entries.last_mut() else {
                return Err(format!("line {n}: a continuation line without a key line"));
            };
            value.push(if key == "agents" { '\n' } else { ' ' });
            value.push_str(raw.trim());
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            return Err(format!("line {n}: not `KEY: VALUE`"));
        };
        entries.push((n, key.trim().to_string(), value.trim().to_string()));
    }

    let mut cases: Vec<Case> = Vec::new();
    let mut patterns: Option<String> = None;
    let mut in_case = false;
    for (n, key, value) in entries {
        let err = |m: String| format!("line {n}: {m}");
        if key == "patterns" {
            if value.is_empty() || value.contains('/') {
                return Err(err(format!(
                    "`patterns:` names a file of tests/rules/patterns/, not {value:?}"
                )));
            }
            patterns = Some(value);
            in_case = false;
            continue;
        }
        if key == "case" {
            let Some(p) = &patterns else {
                return Err(err("a case before any `patterns:`".to_string()));
            };
            if value.is_empty() {
                return Err(err("a case without its comment".to_string()));
            }
            cases.push(Case {
                line: n,
                comment: value,
                patterns: p.clone(),
                segments: Vec::new(),
                date: Some(DEFAULT_DATE),
                grounding: true,
                rules: Vec::new(),
                agents: None,
                expect: None,
                checks: Vec::new(),
            });
            in_case = true;
            continue;
        }
        let case = match cases.last_mut() {
            Some(c) if in_case => c,
            _ => return Err(err(format!("`{key}:` outside a case"))),
        };
        match key.as_str() {
            "parse" | "heading" => {
                let kind = if key == "parse" {
                    SegmentKind::Sentence
                } else {
                    SegmentKind::Heading
                };
                case.segments
                    .push((kind, parse_words(&value).map_err(err)?));
            }
            "date" => {
                case.date = if value == "none" {
                    None
                } else {
                    Some(
                        value
                            .parse::<Date>()
                            .map_err(|e| err(format!("date {value:?}: {e}")))?,
                    )
                };
            }
            "grounding" => match value.as_str() {
                "off" => case.grounding = false,
                "on" => case.grounding = true,
                _ => return Err(err(format!("grounding is on or off, not {value:?}"))),
            },
            "rules" => {
                let Some((name, v)) = value.split_once('=') else {
                    return Err(err("rules: NAME = VALUE".to_string()));
                };
                let name = name.trim();
                if !RULE_SETTINGS.contains(&name) {
                    return Err(err(format!("no rule setting {name:?} (see the harness)")));
                }
                let v = v.trim();
                if name != "agent_country_cases" && v != "true" && v != "false" {
                    return Err(err(format!("{name} is true or false, not {v:?}")));
                }
                case.rules.push((name.to_string(), v.to_string()));
            }
            "agents" => case.agents = Some(value),
            "expect" => {
                if case.expect.is_some() {
                    return Err(err("a second `expect:`".to_string()));
                }
                let triples: Vec<String> = if value == "none" {
                    Vec::new()
                } else {
                    value.split_whitespace().map(str::to_string).collect()
                };
                if triples.is_empty() && value != "none" {
                    return Err(err("`expect:` gives triples or `none`".to_string()));
                }
                for t in &triples {
                    let ok = t
                        .split_once('>')
                        .and_then(|(_, rest)| rest.split_once(':'))
                        .is_some_and(|(_, code)| !code.is_empty());
                    if !ok {
                        return Err(err(format!("{t:?} is no SOURCE>TARGET:CAMEO")));
                    }
                }
                case.expect = Some(triples);
            }
            k if k == "check" || (k.starts_with("check[") && k.ends_with(']')) => {
                let index = if k == "check" {
                    None
                } else {
                    let i: usize = k["check[".len()..k.len() - 1]
                        .parse()
                        .map_err(|_| err(format!("{k}: the index is no number")))?;
                    if i == 0 {
                        return Err(err("events are counted from 1".to_string()));
                    }
                    Some(i - 1)
                };
                let check = parse_check(n, index, &value).map_err(err)?;
                case.checks.push((index, check));
            }
            _ => return Err(err(format!("unknown key {key:?}"))),
        }
    }

    for case in &mut cases {
        let at = |m: &str| format!("line {}: {m}", case.line);
        if case.segments.is_empty() {
            return Err(at("a case without a `parse:`"));
        }
        let Some(expect) = &case.expect else {
            return Err(at("a case without its `expect:`"));
        };
        for (index, check) in &case.checks {
            let fine = match index {
                None => expect.len() == 1,
                Some(i) => *i < expect.len(),
            };
            if !fine {
                return Err(format!(
                    "line {}: a check of an event not expected ({} expected{})",
                    check.line,
                    expect.len(),
                    if index.is_none() && expect.len() > 1 {
                        ": say which with check[N]"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    if cases.is_empty() {
        return Err("no case".to_string());
    }
    Ok(cases)
}

/// The value of a check's field in `e`, `None` when the field is absent.
fn field(e: &Event, name: &str) -> Option<String> {
    let actor = |a: &dyad_coder::ActorRef, f: &str| match f {
        "text" => a.text.clone(),
        "code" => a.code.clone(),
        "entry" => a.entry.clone(),
        _ => a.country.clone(),
    };
    let place = |f: &str| {
        e.location.as_ref().and_then(|l| match f {
            "text" => Some(l.text.clone()),
            "name" => Some(l.name.clone()),
            "country" => Some(l.country.clone()),
            "admin1" => l.admin1.clone(),
            _ => Some(l.precision.to_string()),
        })
    };
    match name {
        "event_id" => Some(e.event_id.clone()),
        "event_id.len" => Some(e.event_id.chars().count().to_string()),
        "doc_id" => Some(e.doc_id.clone()),
        "sentence_index" => Some(e.sentence_index.to_string()),
        "sentence" => Some(e.sentence.clone()),
        "cameo" => Some(e.cameo.clone()),
        "root" => Some(e.root.clone()),
        "quad_class" => Some(e.quad_class.to_string()),
        "goldstein" => Some(e.goldstein.to_string()),
        "plover" => Some(e.plover.clone()),
        "rule" | "verb.rule" => Some(e.verb.rule.clone()),
        "verb.text" => Some(e.verb.text.clone()),
        "verb.rules" => Some(e.verb.rules.join(" ")),
        "date.start" => e.date.start.clone(),
        "date.end" => e.date.end.clone(),
        "date.precision" => Some(e.date.precision.to_string()),
        "date.text" => e.date.text.clone(),
        "location" => e.location.as_ref().map(|l| l.name.clone()),
        "fatalities" => e.fatalities.map(|f| f.to_string()),
        "fatalities_text" => e.fatalities_text.clone(),
        _ => {
            if let Some(f) = name.strip_prefix("source.") {
                actor(&e.source, f)
            } else if let Some(f) = name.strip_prefix("target.") {
                actor(&e.target, f)
            } else if let Some(f) = name.strip_prefix("location.") {
                place(f)
            } else {
                unreachable!("fields are checked against FIELDS when read: {name}")
            }
        }
    }
}

/// Events as "SOURCE>TARGET:CAMEO" ("-" for no actor).
fn triples(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{}",
                e.source.code.as_deref().unwrap_or("-"),
                e.target.code.as_deref().unwrap_or("-"),
                e.cameo
            )
        })
        .collect()
}

/// The dictionaries a case is coded with.
struct Dictionaries {
    actors: Option<ActorDictionary>,
    rules: Option<CodingRules>,
}

impl Dictionaries {
    fn for_case(case: &Case) -> Result<Self, String> {
        let actors = match &case.agents {
            None => None,
            Some(extra) => {
                let mut src = dyad_lexicon::actors::BUNDLED;
                let agents = format!("{}\n{extra}\n", src.agents);
                src.agents = &agents;
                Some(
                    ActorDictionary::from_sources(&src)
                        .map_err(|e| format!("the agents do not read: {e}"))?,
                )
            }
        };
        let rules = if case.rules.is_empty() {
            None
        } else {
            let mut r = CodingRules::parse(dyad_lexicon::rules::BUNDLED_RULES)
                .map_err(|e| format!("the bundled rules do not read: {e}"))?;
            for (name, v) in &case.rules {
                let on = v == "true";
                match name.as_str() {
                    "verbs_by_form" => r.verbs_by_form = on,
                    "pronoun_antecedents" => r.pronoun_antecedents = on,
                    "agentless_passive_active" => r.agentless_passive_active = on,
                    _ => {
                        r.agent_country_cases = v
                            .split(',')
                            .map(|w| w.trim().to_string())
                            .filter(|w| !w.is_empty())
                            .collect()
                    }
                }
            }
            Some(r)
        };
        Ok(Dictionaries { actors, rules })
    }

    fn coder<'d>(&'d self, verbs: &'d VerbDictionary, case: &Case) -> Coder<'d> {
        let coder = Coder::new(
            self.actors
                .as_ref()
                .unwrap_or_else(|| ActorDictionary::bundled()),
            verbs,
            EventCodeTable::bundled(),
            self.rules
                .as_ref()
                .unwrap_or_else(|| CodingRules::bundled()),
        );
        if case.grounding {
            coder
        } else {
            coder.without_grounding()
        }
    }
}

/// Code a case's document with `coder`.
fn code_document(coder: &Coder<'_>, case: &Case) -> Vec<Event> {
    let mut text = String::new();
    let mut segments = Vec::new();
    for (i, (kind, sentence)) in case.segments.iter().enumerate() {
        if !text.is_empty() {
            text.push(' ');
        }
        let offset = text.len();
        text.push_str(&sentence.text);
        let words = sentence
            .words
            .iter()
            .map(|w| ParsedWord {
                span: Span::new(w.span.start + offset, w.span.end + offset),
                ..w.clone()
            })
            .collect();
        segments.push(ParsedSegment {
            index: i,
            kind: *kind,
            span: Span::new(offset, text.len()),
            words,
        });
    }
    let ctx = DocumentContext {
        doc_id: "t",
        date: case.date,
        text: &text,
    };
    let mut state = match case.date {
        Some(d) => DocumentState::new(d),
        None => DocumentState::undated(),
    };
    let mut events = Vec::new();
    for seg in &segments {
        if seg.kind == SegmentKind::Heading {
            // as the pipeline does: a heading is read for its countries, never coded
            let forms: Vec<&str> = (seg.words.iter())
                .map(|w| w.span.slice(&text).unwrap_or(""))
                .collect();
            coder.read_heading(&ctx, &forms, &mut state);
        }
        events.extend(coder.code_segment(&ctx, seg, &mut state));
    }
    events
}

/// Check one case: `Err` says how it failed (without the file and line).
fn run_case(case: &Case, verbs: &VerbDictionary) -> Result<(), String> {
    let dicts = Dictionaries::for_case(case)?;
    let events = code_document(&dicts.coder(verbs, case), case);
    let again = code_document(&dicts.coder(verbs, case), case);
    let expected = case.expect.as_deref().unwrap_or_default();
    let actual = triples(&events);
    let mut problems = Vec::new();
    if events != again {
        problems.push(format!(
            "coded twice, it gave different events: {events:#?}\nthen {again:#?}"
        ));
    }
    if actual != expected {
        problems.push("the triples differ".to_string());
    } else {
        for (_, check) in &case.checks {
            let got = field(&events[check.index], &check.field);
            let holds = match (check.op, &got) {
                (Op::Is, None) => check.value == "none",
                (Op::Is, Some(g)) => *g == check.value,
                (Op::StartsWith, Some(g)) => g.starts_with(&check.value),
                (Op::Contains, Some(g)) => g.contains(&check.value),
                (_, None) => false,
            };
            if !holds {
                let op = match check.op {
                    Op::Is => "=",
                    Op::StartsWith => "starts-with",
                    Op::Contains => "contains",
                };
                problems.push(format!(
                    "line {}: check[{}]: {} {op} {:?}, but it is {}",
                    check.line,
                    check.index + 1,
                    check.field,
                    check.value,
                    got.map_or("absent".to_string(), |g| format!("{g:?}"))
                ));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "expected: {}\n    actual:   {}\n    {}",
        show(expected),
        show(&actual),
        problems.join("\n    ")
    ))
}

fn show(triples: &[String]) -> String {
    if triples.is_empty() {
        "none".to_string()
    } else {
        triples.join(" ")
    }
}

/// Verb patterns by file name, read once.
struct Patterns {
    dir: PathBuf,
    read: HashMap<String, Result<VerbDictionary, String>>,
}

impl Patterns {
    fn get(&mut self, name: &str) -> &Result<VerbDictionary, String> {
        let dir = &self.dir;
        self.read.entry(name.to_string()).or_insert_with(|| {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("patterns {}: {e}", path.display()))?;
            VerbDictionary::parse(
                &[(name.trim_end_matches(".tsv"), text.as_str())],
                dyad_lexicon::verbs::BUNDLED_CLASSES,
                EventCodeTable::bundled(),
            )
            .map_err(|e| format!("patterns {name}: {e}"))
        })
    }
}

/// Check every case of one fixture file's text; the failures, each naming `name`, a line
/// and what failed. Also the number of cases read.
fn run_fixture(name: &str, text: &str, patterns: &mut Patterns) -> (usize, Vec<String>) {
    let cases = match read_fixture(text) {
        Ok(c) => c,
        Err(e) => return (0, vec![format!("{name}: does not read: {e}")]),
    };
    let mut failures = Vec::new();
    for case in &cases {
        let result = match patterns.get(&case.patterns) {
            Ok(verbs) => run_case(case, verbs),
            Err(e) => Err(e.clone()),
        };
        if let Err(e) = result {
            failures.push(format!("{name}:{}: {}\n    {e}", case.line, case.comment));
        }
    }
    (cases.len(), failures)
}

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

fn patterns() -> Patterns {
    Patterns {
        dir: rules_dir().join("patterns"),
        read: HashMap::new(),
    }
}

#[test]
fn every_rule_fixture_codes_as_expected() {
    let dir = rules_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/rules is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixture file in {}", dir.display());
    let mut patterns = patterns();
    let mut failures = Vec::new();
    let mut total = 0;
    for path in &files {
        let name = format!(
            "tests/rules/{}",
            path.file_name().expect("a file name").to_string_lossy()
        );
        let text = std::fs::read_to_string(path).expect("a fixture file is readable");
        let (n, f) = run_fixture(&name, &text, &mut patterns);
        total += n;
        failures.extend(f);
    }
    assert!(
        failures.is_empty(),
        "{} failures in the rule fixtures ({total} cases read):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture_file() {
    let dir = rules_dir();
    let missing: Vec<&str> = dyad_coder::rule_names()
        .into_iter()
        .filter(|name| !dir.join(format!("{name}.txt")).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture file in {}: {missing:?}",
        dir.display()
    );
}

// The harness itself: a fixture can fail, and a file that does not read fails.

const PASSING: &str = "patterns: coding-rules.tsv
case: Iraq condemned Iran.
parse: Iraq/PROPN/Iraq/2/nsubj condemned/VERB/condemn/0/root Iran/PROPN/Iran/2/obj
expect: IRQ>IRN:112
check: rule = 112.condemn
";

#[test]
fn a_fixture_that_holds_passes() {
    let (n, failures) = run_fixture("t.txt", PASSING, &mut patterns());
    assert_eq!((n, failures), (1, Vec::<String>::new()));
}

#[test]
fn a_wrong_expectation_fails_naming_file_line_comment_and_triples() {
    let wrong = PASSING.replace("IRQ>IRN:112", "IRN>IRQ:112");
    let (_, failures) = run_fixture("t.txt", &wrong, &mut patterns());
    assert_eq!(failures.len(), 1, "{failures:?}");
    let f = &failures[0];
    for part in [
        "t.txt:2: Iraq condemned Iran.",
        "expected: IRN>IRQ:112",
        "actual:   IRQ>IRN:112",
    ] {
        assert!(f.contains(part), "{part:?} not in {f}");
    }
}

#[test]
fn a_wrong_field_check_fails_naming_its_line() {
    let wrong = PASSING.replace("112.condemn", "112.accuse");
    let (_, failures) = run_fixture("t.txt", &wrong, &mut patterns());
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].contains("line 5: check[1]: rule"),
        "{failures:?}"
    );
}

#[test]
fn a_file_that_does_not_read_fails_naming_file_and_line() {
    let broken = PASSING.replace("Iran/PROPN/Iran/2/obj", "Iran/PROPN/Iran/obj");
    let (_, failures) = run_fixture("t.txt", &broken, &mut patterns());
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].starts_with("t.txt: does not read: line 3:"),
        "{failures:?}"
    );
    let unknown = PASSING.replace("check: rule", "check: rules");
    let (_, failures) = run_fixture("t.txt", &unknown, &mut patterns());
    assert!(
        failures.len() == 1 && failures[0].contains("line 5:"),
        "{failures:?}"
    );
}

#[test]
fn a_file_without_cases_fails() {
    let (n, failures) = run_fixture(
        "t.txt",
        "# nothing here\npatterns: coding-rules.tsv\n",
        &mut patterns(),
    );
    assert_eq!(n, 0);
    assert_eq!(failures, ["t.txt: does not read: no case"]);
}
