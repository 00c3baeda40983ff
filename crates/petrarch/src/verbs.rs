//! PETRARCH verb dictionaries: synsets, verb blocks, verb forms, patterns and transformations.
//!
//! Reads the format of PETRARCH-2's `CAMEO.2.0.txt` and PETRARCH-1's validation verbs into
//! [`VerbDict`]. It only reads: what a pattern means for dyad's coder is decided in
//! [`mod@crate::convert`]. It must never skip a line it does not understand: every unknown
//! construct is a [`DictError`] naming the file and line.
//!
//! The syntax read:
//!
//! ```text
//! &NAME                     a synset; its members follow as +WORD lines (+&OTHER embeds one)
//! --- NAME [code] ---       a verb block (a second [code] is kept as an alternative)
//! VERB [code] {FORMS}       a verb form of the block, with its own code and irregular forms
//! +VERB {FORMS}             a further verb form (WIRE_+TAP: the + marks the verb word)
//! - pre * post [code] # c   a pattern: * the verb, $ source, + target, ^ skip, % compound,
//!                           {...} a noun phrase, (...) a prepositional phrase, &NAME a synset,
//!                           [a:b] a paired event (a for source→target, b for target→source)
//! ~ ...                     a transformation (kept as text); `#` and `;` start comments
//! ```

use std::collections::BTreeMap;

use crate::{content_lines, phrase_words, DictError};

/// An event code as written in a dictionary: `064`, `032:033`, `---`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpec {
    /// The code of the event from source to target ("---": no event).
    pub primary: String,
    /// The code of the paired event from target to source, if any.
    pub paired: Option<String>,
}

impl CodeSpec {
    /// Parse the inside of `[...]`.
    pub fn parse(inner: &str) -> Option<CodeSpec> {
        let s: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return None;
        }
        let ok = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_graphic() && !matches!(c, '[' | ']' | ':'))
        };
        let mut parts = s.split(':');
        let primary = parts.next()?.to_string();
        let paired = parts.next().map(str::to_string);
        // `[:173]`: only the paired (target → source) event
        let primary_ok = ok(&primary) || (primary.is_empty() && paired.is_some());
        if parts.next().is_some() || !primary_ok || paired.as_deref().is_some_and(|p| !ok(p)) {
            return None;
        }
        Some(CodeSpec { primary, paired })
    }

    /// Is this the null code (`---`, `+++`, `###`): match, but code nothing?
    pub fn is_null(&self) -> bool {
        let real = |c: &str| c.chars().any(|c| c.is_ascii_alphanumeric());
        !real(&self.primary) && !self.paired.as_deref().is_some_and(real)
    }

    /// Only the paired event (`[:173]`): the code to use and the fact that it runs from the
    /// target to the source.
    pub fn reverse_only(&self) -> Option<&str> {
        self.primary
            .is_empty()
            .then_some(self.paired.as_deref())
            .flatten()
    }
}

/// A verb form of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// Its words, upper case as written, without `+` marks.
    pub words: Vec<String>,
    /// Index of the verb word in `words` (the `+`-marked one; else the first).
    pub head: usize,
    /// Irregular forms given in `{...}`, each as its words.
    pub forms: Vec<Vec<String>>,
    /// A code of its own (`DOWNPLAY [014]`), else the block's.
    pub code: Option<CodeSpec>,
    /// 1-based line.
    pub line: usize,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A literal word (upper case as written).
    Word(String),
    /// `&NAME`: any member of a synset.
    Synset(String),
    /// `*`: the verb.
    Verb,
    /// `$`: the source.
    Source,
    /// `+`: the target.
    Target,
    /// `^`: skip a phrase.
    Skip,
    /// `%`: a compound actor.
    Compound,
    /// `{`: a noun phrase begins.
    NounOpen,
    /// `}`: the noun phrase ends.
    NounClose,
    /// `(`: a prepositional phrase begins.
    PrepOpen,
    /// `)`: the prepositional phrase ends.
    PrepClose,
    /// `_` between two elements: the words are adjacent in the sentence.
    Joint,
}

/// One `- pre * post [code]` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Elements before the verb.
    pub pre: Vec<Element>,
    /// Elements after the verb.
    pub post: Vec<Element>,
    /// The code.
    pub code: CodeSpec,
    /// The pattern as written (without its comment), for explanations.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// A `--- NAME [code] ---` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// The block's name.
    pub name: String,
    /// Its default code (absent when the header has none).
    pub code: Option<CodeSpec>,
    /// Further codes on the header line.
    pub other_codes: Vec<CodeSpec>,
    /// The verb forms.
    pub verbs: Vec<VerbForm>,
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// 1-based line of the header.
    pub line: usize,
}

/// A synset member: words, synsets it embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SynsetMember {
    /// A phrase (its words, upper case).
    Phrase(Vec<String>),
    /// `+&OTHER`: all members of another synset.
    Synset(String),
}

/// A parsed verb dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbDict {
    /// The file name given to the reader.
    pub file: String,
    /// Synsets by name (without `&`).
    pub synsets: BTreeMap<String, Vec<SynsetMember>>,
    /// Verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// `~` transformation lines, with their line numbers (read, not applied).
    pub transformations: Vec<(usize, String)>,
    /// Malformed pattern lines skipped by [`parse_verbs_reporting`] (never silently: callers
    /// show them as warnings).
    pub skipped: Vec<DictError>,
}

impl VerbDict {
    /// The phrases of a synset with embedded synsets expanded (cycles are cut).
    pub fn synset_phrases(&self, name: &str) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut stack = vec![name.to_string()];
        let mut seen: Vec<String> = Vec::new();
        while let Some(n) = stack.pop() {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n.clone());
            for m in self.synsets.get(&n).into_iter().flatten() {
                match m {
                    SynsetMember::Phrase(p) => out.push(p.clone()),
                    SynsetMember::Synset(s) => stack.push(s.clone()),
                }
            }
        }
        out
    }
}

enum State {
    Top,
    Synset(String),
    Block,
}

/// Split `text` at its last `[...]`: (before, inside, after).
fn split_code(text: &str) -> Option<(&str, &str, &str)> {
    let open = text.rfind('[')?;
    let close = open + text[open..].find(']')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

/// Split off `{...}`: (before, inside, after).
fn split_braces(text: &str) -> Option<(&str, &str, &str)> {
    let open = text.find('{')?;
    let close = open + text[open..].find('}')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

/// Parse a verb dictionary. `file` names it in errors; any malformed line is an error.
pub fn parse_verbs(file: &str, text: &str) -> Result<VerbDict, DictError> {
    parse_verbs_with(file, text, false)
}

/// Parse a verb dictionary, skipping malformed *pattern* lines (the Phoenix `CAMEO.2.0.txt`
/// has a few typos) and listing each in [`VerbDict::skipped`] with its file and line. Every
/// other malformed line is still an error.
pub fn parse_verbs_reporting(file: &str, text: &str) -> Result<VerbDict, DictError> {
    parse_verbs_with(file, text, true)
}

fn parse_verbs_with(file: &str, text: &str, report: bool) -> Result<VerbDict, DictError> {
    let mut dict = VerbDict {
        file: file.to_string(),
        ..VerbDict::default()
    };
    let mut state = State::Top;
    let mut synset_refs: Vec<(usize, String)> = Vec::new();
    for (n, line) in content_lines(text, true) {
        let err = |m: String| DictError::new(file, n, m);
        let t = line.trim();
        if t.is_empty() {
            if let State::Synset(_) = state {
                state = State::Top;
            }
            continue;
        }
        if t.starts_with("---") {
            let inner = t
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim()
                .to_string();
            let mut name = inner.clone();
            let mut codes = Vec::new();
            while let Some((before, code, _)) = split_code(&name) {
                let spec =
                    CodeSpec::parse(code).ok_or_else(|| err(format!("bad code [{code}]")))?;
                codes.insert(0, spec);
                name = before.trim().to_string();
            }
            if name.is_empty() || name.contains(['[', ']']) {
                return Err(err(format!("verb block header {t:?} has no name")));
            }
            let mut codes = codes.into_iter();
            dict.blocks.push(VerbBlock {
                name: phrase_words(&name).join(" "),
                code: codes.next(),
                other_codes: codes.collect(),
                verbs: Vec::new(),
                patterns: Vec::new(),
                line: n,
            });
            state = State::Block;
            continue;
        }
        if let Some(rest) = t.strip_prefix('~') {
            dict.transformations.push((n, rest.trim().to_string()));
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(err(format!("bad synset name {t:?}")));
            }
            dict.synsets.entry(name.to_string()).or_default();
            state = State::Synset(name.to_string());
            continue;
        }
        if let Some(pat) = t.strip_prefix('-') {
            if !matches!(state, State::Block) {
                return Err(err("a pattern outside a verb block".into()));
            }
            let p = match parse_pattern(pat) {
                Ok(p) => p,
                Err(m) if report => {
                    dict.skipped.push(err(m));
                    continue;
                }
                Err(m) => return Err(err(m)),
            };
            for e in p.pre.iter().chain(&p.post) {
                if let Element::Synset(s) = e {
                    synset_refs.push((n, s.clone()));
                }
            }
            if let Some(b) = dict.blocks.last_mut() {
                b.patterns.push(Pattern { line: n, ..p });
            }
            continue;
        }
        match &state {
            State::Synset(name) => {
                let Some(member) = t.strip_prefix('+') else {
                    return Err(err(format!(
                        "synset &{name}: expected a +WORD member, found {t:?}"
                    )));
                };
                let member = member.trim();
                let m = if let Some(s) = member.strip_prefix('&') {
                    synset_refs.push((n, s.to_string()));
                    SynsetMember::Synset(s.to_string())
                } else {
                    let words = phrase_words(member);
                    if words.is_empty() {
                        return Err(err("empty synset member".into()));
                    }
                    SynsetMember::Phrase(words)
                };
                if let Some(list) = dict.synsets.get_mut(name) {
                    list.push(m);
                }
            }
            State::Block => {
                let v = parse_verb_form(t).map_err(err)?;
                if let Some(b) = dict.blocks.last_mut() {
                    b.verbs.push(VerbForm { line: n, ..v });
                }
            }
            State::Top => {
                return Err(err(format!(
                    "unknown syntax {t:?} (expected &SYNSET, --- VERB [code] ---, or a comment)"
                )))
            }
        }
    }
    for (n, s) in synset_refs {
        if !dict.synsets.contains_key(&s) {
            let e = DictError::new(file, n, format!("unknown synset &{s}"));
            if !report {
                return Err(e);
            }
            for b in &mut dict.blocks {
                b.patterns.retain(|p| p.line != n);
            }
            dict.skipped.push(e);
        }
    }
    Ok(dict)
}

/// `VERB_+WORD [code] {FORMS}` or `+VERB ...`.
fn parse_verb_form(t: &str) -> Result<VerbForm, String> {
    let mut rest = t.strip_prefix('+').unwrap_or(t).to_string();
    let mut code = None;
    if let Some((before, inner, after)) = split_code(&rest) {
        code = Some(CodeSpec::parse(inner).ok_or_else(|| format!("bad code [{inner}]"))?);
        rest = format!("{before} {after}");
    }
    let mut forms = Vec::new();
    if let Some((before, inner, after)) = split_braces(&rest) {
        for f in inner
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|f| !f.is_empty())
        {
            let (words, _) = verb_words(f)?;
            forms.push(words);
        }
        rest = format!("{before} {after}");
    }
    if rest.contains(['{', '}', '[', ']']) {
        return Err(format!("unbalanced brackets in verb form {t:?}"));
    }
    let (words, head) = verb_words(&rest)?;
    Ok(VerbForm {
        words,
        head,
        forms,
        code,
        line: 0,
    })
}

fn verb_words(s: &str) -> Result<(Vec<String>, usize), String> {
    let mut words = Vec::new();
    let mut head = None;
    for w in phrase_words(s) {
        let (w, marked) = match w.strip_prefix('+') {
            Some(x) => (x.to_string(), true),
            None => (w, false),
        };
        if w.is_empty() || !w.chars().all(|c| c.is_alphanumeric() || "'-.".contains(c)) {
            return Err(format!("bad verb word {w:?} in {s:?}"));
        }
        if marked {
            head = Some(words.len());
        }
        words.push(w);
    }
    if words.is_empty() {
        return Err(format!("empty verb form {s:?}"));
    }
    Ok((words, head.unwrap_or(0)))
}

/// A whitespace-separated piece of a pattern split at `_`, each `_` kept as a piece of its
/// own (`IN_AND_*` → `IN`, `_`, `AND`, `_`, `*`; `KNOWN_` → `KNOWN`, `_`).
fn joined_pieces(piece: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = piece;
    while let Some(k) = rest.find('_') {
        if k > 0 {
            out.push(&rest[..k]);
        }
        out.push("_");
        rest = &rest[k + 1..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The part of a pattern line after `-`.
fn parse_pattern(s: &str) -> Result<Pattern, String> {
    let Some((body, inner, after)) = split_code(s) else {
        return Err(format!("pattern {:?} has no [code]", s.trim()));
    };
    if !after.trim().is_empty() {
        return Err(format!("text after the code: {:?}", after.trim()));
    }
    let code = CodeSpec::parse(inner).ok_or_else(|| format!("bad code [{inner}]"))?;
    let mut elems = Vec::new();
    let mut depth_noun = 0i32;
    let mut depth_prep = 0i32;
    for raw in body.split_whitespace().flat_map(joined_pieces) {
        if raw == "_" {
            // only between two elements: a leading `_` or a doubled one joins nothing
            if !matches!(elems.last(), None | Some(Element::Joint)) {
                elems.push(Element::Joint);
            }
            continue;
        }
        let mut w = raw;
        while !w.is_empty() {
            let c = w.chars().next().unwrap_or(' ');
            match c {
                '{' => {
                    elems.push(Element::NounOpen);
                    depth_noun += 1;
                    w = &w[1..];
                    continue;
                }
                '(' => {
                    elems.push(Element::PrepOpen);
                    depth_prep += 1;
                    w = &w[1..];
                    continue;
                }
                _ => {}
            }
            // `*WORD` (a missing space, as in CAMEO.2.0.txt): the verb, then the word
            if w.len() > 1 && w.starts_with('*') {
                elems.push(Element::Verb);
                w = &w[1..];
                continue;
            }
            // the word up to a closing bracket
            let end = w.find(['}', ')', '{', '(']).unwrap_or(w.len());
            let (word, tail) = w.split_at(end);
            if !word.is_empty() {
                elems.push(match word {
                    "*" => Element::Verb,
                    "$" => Element::Source,
                    "+" => Element::Target,
                    "^" => Element::Skip,
                    "%" => Element::Compound,
                    _ if word.starts_with('&') && word.len() > 1 => {
                        Element::Synset(word[1..].to_string())
                    }
                    _ if word
                        .chars()
                        .all(|c| c.is_alphanumeric() || "'-.,:/".contains(c)) =>
                    {
                        Element::Word(word.to_string())
                    }
                    _ => return Err(format!("unknown pattern element {word:?}")),
                });
            }
            w = tail;
            while let Some(c) = w.chars().next() {
                match c {
                    '}' => {
                        elems.push(Element::NounClose);
                        depth_noun -= 1;
                    }
                    ')' => {
                        elems.push(Element::PrepClose);
                        depth_prep -= 1;
                    }
                    _ => break,
                }
                w = &w[1..];
            }
            if depth_noun < 0 || depth_prep < 0 {
                return Err(format!("unbalanced brackets in pattern {:?}", s.trim()));
            }
        }
    }
    if depth_noun != 0 || depth_prep != 0 {
        return Err(format!("unbalanced brackets in pattern {:?}", s.trim()));
    }
    let verbs = elems.iter().filter(|e| **e == Element::Verb).count();
    if verbs != 1 {
        return Err(format!(
            "pattern {:?} must have exactly one * (the verb), found {verbs}",
            s.trim()
        ));
    }
    if elems.last() == Some(&Element::Joint) {
        elems.pop();
    }
    let k = elems.iter().position(|e| *e == Element::Verb).unwrap_or(0);
    let post = elems.split_off(k + 1);
    elems.pop();
    Ok(Pattern {
        pre: elems,
        post,
        code,
        text: body.trim().to_string(),
        line: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = "\
<!-- test verbs written for dyad -->
&KINDS
+TRADE
+CULTURAL_EXCHANGE

&MORE  # embeds
+&KINDS
+CLOSER

--- MEND  [064]  ---
MEND  {MENDED MENDING}
PATCH_+UP [065]
+REPAIR
- * &KINDS TIES [066] # comment
- SAID * {FULL TIES} (WITH +) [067:068]
- * (TO BORDER) [---]
- * (AT HEARING) [:173]
~ a (b . X) SAY = a b 015
";

    #[test]
    fn reads_synsets_blocks_forms_and_patterns() {
        let d = parse_verbs("t.txt", FIXTURE).expect("valid");
        assert_eq!(
            d.synset_phrases("MORE"),
            vec![
                vec!["CLOSER".to_string()],
                vec!["TRADE".to_string()],
                vec!["CULTURAL".to_string(), "EXCHANGE".to_string()]
            ]
        );
        let b = &d.blocks[0];
        assert_eq!(b.name, "MEND");
        assert_eq!(b.code.as_ref().map(|c| c.primary.as_str()), Some("064"));
        assert_eq!(b.verbs.len(), 3);
        assert_eq!(b.verbs[0].forms.len(), 2);
        assert_eq!(b.verbs[1].words, ["PATCH", "UP"]);
        assert_eq!(b.verbs[1].head, 1);
        assert_eq!(
            b.verbs[1].code.as_ref().map(|c| c.primary.as_str()),
            Some("065")
        );
        let p = &b.patterns[1];
        assert_eq!(p.pre, [Element::Word("SAID".into())]);
        assert_eq!(
            p.post,
            [
                Element::NounOpen,
                Element::Word("FULL".into()),
                Element::Word("TIES".into()),
                Element::NounClose,
                Element::PrepOpen,
                Element::Word("WITH".into()),
                Element::Target,
                Element::PrepClose
            ]
        );
        assert_eq!(p.code.paired.as_deref(), Some("068"));
        assert_eq!(p.line, 15);
        assert!(b.patterns[2].code.is_null());
        assert_eq!(b.patterns[3].code.reverse_only(), Some("173"));
        assert!(!b.patterns[3].code.is_null());
        assert_eq!(d.transformations.len(), 1);
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, line, needle) in [
            ("--- A [01] ---\nA\n- * WORD\n", 3, "no [code]"),
            ("--- A [01] ---\nA\n- WORD [020]\n", 3, "exactly one *"),
            ("--- A [01] ---\nA\n- * {WORD [020]\n", 3, "unbalanced"),
            ("--- A [01] ---\nA\n- * &NOPE [020]\n", 3, "unknown synset"),
            ("\nWHAT IS THIS\n", 2, "unknown syntax"),
            ("&S\n+A\nB\n", 3, "expected a +WORD"),
            ("- * X [020]\n", 1, "outside a verb block"),
            ("--- A [01:2:3] ---\n", 1, "bad code"),
        ] {
            if text.contains("- ") && !text.contains("- * X") {
                let d = parse_verbs_reporting("v.txt", text);
                if let Ok(d) = d {
                    assert_eq!(d.skipped.first().map(|e| e.line), Some(line), "{text}");
                }
            }
            let e = parse_verbs("v.txt", text).expect_err(text);
            assert_eq!(e.file, "v.txt");
            assert_eq!(e.line, line, "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
    }
}
