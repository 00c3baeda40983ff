//! PETRARCH actor and agent dictionaries.
//!
//! Actors: a primary phrase with an optional `[CODE]`, `+` synonym lines, and tab-indented
//! `[CODE date-range]` restrictions (`<D`, `>D`, `D1-D2`, or none for the default; dates
//! `YYYYMMDD` or `YYMMDD`); `_` joins words and a trailing `_` is accepted; `#` and `;` start
//! comments. Agents: `PHRASE {PLURALS} [~CODE]` (suffix: country + code) or `[CODE~]` (prefix),
//! `{}` meaning "no plural", `!NAME! = A, B` substitution sets used inside phrases. This
//! module only reads; it must never guess at a line it does not understand (that is a
//! [`DictError`] naming file and line).

use std::collections::BTreeMap;

use dyad_core::Date;

use crate::{content_lines, phrase_words, DictError};

/// A date restriction of an actor code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateRange {
    /// No restriction: the default code.
    Always,
    /// Before this date (exclusive).
    Before(Date),
    /// After this date (exclusive).
    After(Date),
    /// From one date to another, both inclusive.
    Between(Date, Date),
}

/// A code with the dates it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The code(s): `ARN`; `ELR/GAL` gives two.
    pub codes: Vec<String>,
    /// When it holds.
    pub range: DateRange,
    /// 1-based line.
    pub line: usize,
}

/// One actor entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The primary phrase and its synonyms, each as words (upper case as written).
    pub phrases: Vec<Vec<String>>,
    /// The codes: the primary line's code first (as [`DateRange::Always`]), then restrictions.
    pub codes: Vec<DatedCode>,
    /// 1-based line of the primary phrase.
    pub line: usize,
    /// Index of its file in [`ActorDict::files`].
    pub file: usize,
}

/// A parsed actor dictionary (one or more files).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDict {
    /// The entries in file order.
    pub actors: Vec<Actor>,
    /// File names read.
    pub files: Vec<String>,
    /// Malformed lines skipped by [`parse_actors_reporting_into`], each with file and line.
    pub skipped: Vec<DictError>,
}

/// Where an agent's code goes relative to the actor it modifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlace {
    /// `[~XXX]`: after the country (`ARN` + `GOV`).
    Suffix,
    /// `[XXX~]`: before it (`NGO` + `ARN`).
    Prefix,
}

/// One agent phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The phrase's words (substitution sets already expanded: one agent per expansion).
    pub words: Vec<String>,
    /// Plural forms (regular plural added unless `{}` was given).
    pub plurals: Vec<Vec<String>>,
    /// The code without `~`.
    pub code: String,
    /// Suffix or prefix.
    pub place: AgentPlace,
    /// 1-based line.
    pub line: usize,
}

/// A parsed agent dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentDict {
    /// Agents in file order.
    pub agents: Vec<Agent>,
    /// The file name.
    pub file: String,
    /// Malformed lines skipped by [`parse_agents_reporting`], each with file and line.
    pub skipped: Vec<DictError>,
}

/// `YYYYMMDD` or `YYMMDD` (years up to 30 are 20YY, later ones 19YY).
fn parse_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        8 => (s[..4].parse::<i16>().ok()?, &s[4..]),
        6 => {
            let yy = s[..2].parse::<i16>().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        _ => return None,
    };
    let m = rest[..2].parse::<i8>().ok()?;
    let d = rest[2..].parse::<i8>().ok()?;
    Date::new(y, m, d).ok()
}

fn is_code_text(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '/'))
}

/// The inside of an actor's `[...]`: `CODE`, `CODE <D`, `CODE >D`, `CODE D1-D2`.
fn parse_dated(inner: &str, line: usize) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let (code, range) = match inner.find(char::is_whitespace) {
        None => (inner, ""),
        Some(k) => (&inner[..k], inner[k..].trim()),
    };
    let code = code.trim();
    if !is_code_text(code) {
        return Err(format!("bad actor code {code:?}"));
    }
    let range: String = range.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || format!("bad date restriction {range:?} (use <DATE, >DATE or DATE-DATE)");
    let range = if range.is_empty() {
        DateRange::Always
    } else if let Some(d) = range.strip_prefix('<') {
        DateRange::Before(parse_date(d).ok_or_else(bad)?)
    } else if let Some(d) = range.strip_prefix('>') {
        DateRange::After(parse_date(d).ok_or_else(bad)?)
    } else if let Some((a, b)) = range.split_once('-') {
        DateRange::Between(
            parse_date(a).ok_or_else(bad)?,
            parse_date(b).ok_or_else(bad)?,
        )
    } else {
        return Err(bad());
    };
    Ok(DatedCode {
        codes: code
            .split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        range,
        line,
    })
}

/// Parse an actor file and add its entries to `dict`. `file` names it in errors; any
/// malformed line is an error.
pub fn parse_actors_into(dict: &mut ActorDict, file: &str, text: &str) -> Result<(), DictError> {
    parse_actors_with(dict, file, text, false)
}

/// Like [`parse_actors_into`], but a malformed line (the Phoenix files have a few typos, such
/// as seven-digit dates) is skipped and listed in [`ActorDict::skipped`] instead.
pub fn parse_actors_reporting_into(
    dict: &mut ActorDict,
    file: &str,
    text: &str,
) -> Result<(), DictError> {
    parse_actors_with(dict, file, text, true)
}

fn parse_actors_with(
    dict: &mut ActorDict,
    file: &str,
    text: &str,
    report: bool,
) -> Result<(), DictError> {
    dict.files.push(file.to_string());
    let mut current: Option<Actor> = None;
    let finish = |a: Option<Actor>, dict: &mut ActorDict| -> Result<(), DictError> {
        if let Some(a) = a {
            if a.codes.is_empty() {
                let name = a.phrases.first().map(|p| p.join(" ")).unwrap_or_default();
                let e = DictError::new(file, a.line, format!("actor {name:?} has no [CODE]"));
                if report {
                    dict.skipped.push(e);
                    return Ok(());
                }
                return Err(e);
            }
            dict.actors.push(a);
        }
        Ok(())
    };
    for (n, line) in content_lines(text, true) {
        if line.trim().is_empty() {
            continue;
        }
        match actor_line(dict, &mut current, file, n, &line, &finish) {
            Ok(()) => {}
            Err(e) if report => dict.skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    finish(current.take(), dict)
}

/// Closes the entry being read (checks it has a code) and stores it.
type FinishFn<'a> = dyn Fn(Option<Actor>, &mut ActorDict) -> Result<(), DictError> + 'a;

fn actor_line(
    dict: &mut ActorDict,
    current: &mut Option<Actor>,
    file: &str,
    n: usize,
    line: &str,
    finish: &FinishFn<'_>,
) -> Result<(), DictError> {
    let file_index = dict.files.len() - 1;
    let err = |m: String| DictError::new(file, n, m);
    {
        let indented = line.starts_with(['\t', ' ']);
        let t = line.trim();
        if indented && t.starts_with('[') {
            let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
                return Err(err(format!("bad restriction {t:?}")));
            };
            let Some(a) = current.as_mut() else {
                return Err(err("a date restriction before any actor".into()));
            };
            a.codes.push(parse_dated(inner, n).map_err(err)?);
            return Ok(());
        }
        let (synonym, body) = match t.strip_prefix('+') {
            Some(r) => (true, r.trim()),
            None => (false, t),
        };
        let (phrase, code) = match body.find('[') {
            Some(k) => {
                let Some(close) = body[k..].find(']') else {
                    return Err(err(format!("unclosed [ in {t:?}")));
                };
                if !body[k + close + 1..].trim().is_empty() {
                    return Err(err(format!("text after the code in {t:?}")));
                }
                (
                    &body[..k],
                    Some(parse_dated(&body[k + 1..k + close], n).map_err(err)?),
                )
            }
            None => (body, None),
        };
        let words = phrase_words(phrase);
        if words.is_empty() {
            return Err(err(format!("no phrase in {t:?}")));
        }
        if let Some(w) = words.iter().find(|w| w.contains(['{', '}', '<', '>', '='])) {
            return Err(err(format!("unknown syntax {w:?} in an actor phrase")));
        }
        if synonym {
            let Some(a) = current.as_mut() else {
                return Err(err("a + synonym before any actor".into()));
            };
            a.phrases.push(words);
            if let Some(c) = code {
                a.codes.push(c);
            }
        } else {
            finish(current.take(), dict)?;
            *current = Some(Actor {
                phrases: vec![words],
                codes: code.into_iter().collect(),
                line: n,
                file: file_index,
            });
        }
    }
    Ok(())
}

/// Parse one actor file.
pub fn parse_actors(file: &str, text: &str) -> Result<ActorDict, DictError> {
    let mut d = ActorDict::default();
    parse_actors_into(&mut d, file, text)?;
    Ok(d)
}

/// The regular plural of a phrase (last word): -S, -IES after a consonant + Y, -ES after S/SH/CH/X.
fn regular_plural(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    if let Some(last) = out.last_mut() {
        let up = last.to_uppercase();
        let cons_y = up.ends_with('Y')
            && !matches!(
                up.chars().rev().nth(1),
                Some('A' | 'E' | 'I' | 'O' | 'U') | None
            );
        if cons_y {
            last.pop();
            last.push_str("IES");
        } else if up.ends_with('S') || up.ends_with("SH") || up.ends_with("CH") || up.ends_with('X')
        {
            last.push_str("ES");
        } else {
            last.push('S');
        }
    }
    out
}

/// Parse an agent file. `file` names it in errors; any malformed line is an error.
pub fn parse_agents(file: &str, text: &str) -> Result<AgentDict, DictError> {
    parse_agents_with(file, text, false)
}

/// Like [`parse_agents`], but malformed lines are skipped and listed in
/// [`AgentDict::skipped`] (the Phoenix agents file has a few typos).
pub fn parse_agents_reporting(file: &str, text: &str) -> Result<AgentDict, DictError> {
    parse_agents_with(file, text, true)
}

fn parse_agents_with(file: &str, text: &str, report: bool) -> Result<AgentDict, DictError> {
    let mut dict = AgentDict {
        file: file.to_string(),
        ..AgentDict::default()
    };
    let mut subst: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, line) in content_lines(text, false) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        match agent_line(&mut dict, &mut subst, file, n, t) {
            Ok(()) => {}
            Err(e) if report => dict.skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok(dict)
}

/// The most phrases one agent line may expand to through its substitution sets (the Phoenix
/// agents file's largest line makes a few dozen); sets multiply, so a line naming many of them
/// is refused rather than expanded.
const MAX_AGENT_VARIANTS: usize = 4096;

fn agent_line(
    dict: &mut AgentDict,
    subst: &mut BTreeMap<String, Vec<String>>,
    file: &str,
    n: usize,
    t: &str,
) -> Result<(), DictError> {
    let err = |m: String| DictError::new(file, n, m);
    {
        if t.starts_with('!') && t.contains('=') {
            let (name, list) = t.split_once('=').unwrap_or((t, ""));
            let name = name.trim();
            if !(name.len() > 2 && name.ends_with('!')) {
                return Err(err(format!("bad substitution set name {name:?}")));
            }
            let items: Vec<String> = list
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if items.is_empty() {
                return Err(err(format!("substitution set {name} is empty")));
            }
            // A set naming a set (itself, say) would expand without end.
            if let Some(item) = items.iter().find(|i| i.contains('!')) {
                return Err(err(format!(
                    "substitution set {name} lists {item:?}: a set's words cannot contain '!'"
                )));
            }
            subst.insert(name.to_string(), items);
            return Ok(());
        }
        let Some((before, inner, after)) = t.rfind('[').and_then(|k| {
            let close = k + t[k..].find(']')?;
            Some((&t[..k], &t[k + 1..close], &t[close + 1..]))
        }) else {
            return Err(err(format!("agent {t:?} has no [~CODE] or [CODE~]")));
        };
        if !after.trim().is_empty() {
            return Err(err(format!("text after the code in {t:?}")));
        }
        let code: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        let (code, place) = if let Some(c) = code.strip_prefix('~') {
            (c.to_string(), AgentPlace::Suffix)
        } else if let Some(c) = code.strip_suffix('~') {
            (c.to_string(), AgentPlace::Prefix)
        } else {
            return Err(err(format!(
                "agent code [{code}] needs a ~ (before: suffix, after: prefix)"
            )));
        };
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(err(format!("bad agent code {code:?}")));
        }
        let (phrase, plurals): (&str, Option<&str>) = match before.find('{') {
            Some(k) => {
                let Some(close) = before[k..].find('}') else {
                    return Err(err(format!("unclosed {{ in {t:?}")));
                };
                (&before[..k], Some(&before[k + 1..k + close]))
            }
            None => (before, None),
        };
        // substitution: CONGRESS!PERSON! → CONGRESSMAN, CONGRESSMEN, ...
        let mut variants = vec![phrase.trim().to_string()];
        while let Some(v) = variants.iter().position(|v| v.matches('!').count() >= 2) {
            let s = variants.remove(v);
            let a = s.find('!').unwrap_or(0);
            let b = a + 1 + s[a + 1..].find('!').unwrap_or(0);
            let name = &s[a..=b];
            let Some(items) = subst.get(name) else {
                return Err(err(format!("unknown substitution set {name}")));
            };
            for it in items {
                variants.push(format!("{}{}{}", &s[..a], it, &s[b + 1..]));
            }
            if variants.len() > MAX_AGENT_VARIANTS {
                return Err(err(format!(
                    "the substitution sets in {t:?} expand to more than {MAX_AGENT_VARIANTS} phrases"
                )));
            }
        }
        for v in variants {
            let words = phrase_words(&v);
            if words.is_empty() {
                return Err(err(format!("no phrase in {t:?}")));
            }
            if let Some(w) = words
                .iter()
                .find(|w| w.contains(['{', '}', '(', ')', '!', '[', ']']))
            {
                return Err(err(format!("unknown syntax {w:?} in an agent phrase")));
            }
            let plural_forms = match plurals {
                Some(p) if p.trim().is_empty() => Vec::new(),
                Some(p) => p.split_whitespace().map(phrase_words).collect(),
                None => vec![regular_plural(&words)],
            };
            dict.agents.push(Agent {
                words,
                plurals: plural_forms,
                code: code.clone(),
                place,
                line: n,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "\
<!-- test actors written for dyad -->
VALERIA_ [VAL] ; a comment
+VALERIAN
+THE_VALE

TOMAS_QUILL  # a person
\t[VALGOV 20100101-20121231]
\t[VALOPP <20100101]
\t[VALELI]
ORCHID_LEAGUE [IGOORC]
TWIN_HALLS [AAA/BBB]
";

    #[test]
    fn reads_actors_synonyms_and_restrictions() {
        let d = parse_actors("a.txt", ACTORS).expect("valid");
        assert_eq!(d.actors.len(), 4);
        let v = &d.actors[0];
        assert_eq!(v.phrases[2], ["THE", "VALE"]);
        assert_eq!(v.codes[0].codes, ["VAL"]);
        let t = &d.actors[1];
        assert_eq!(t.line, 6);
        assert_eq!(t.codes.len(), 3);
        let ymd = |y, m, d| Date::new(y, m, d).expect("date");
        assert_eq!(
            t.codes[0].range,
            DateRange::Between(ymd(2010, 1, 1), ymd(2012, 12, 31))
        );
        assert_eq!(t.codes[1].range, DateRange::Before(ymd(2010, 1, 1)));
        assert_eq!(t.codes[2].range, DateRange::Always);
        assert_eq!(d.actors[3].codes[0].codes, ["AAA", "BBB"]);
        assert_eq!(parse_date("991231"), Some(ymd(1999, 12, 31)));
        assert_eq!(parse_date("070723"), Some(ymd(2007, 7, 23)));
    }

    #[test]
    fn actor_errors_name_file_and_line() {
        for (text, line, needle) in [
            ("A [ARN]\n\t[ARN 2010-2011]\n", 2, "bad date restriction"),
            ("A [ARN]\n\t[ARN ~20100101]\n", 2, "bad date restriction"),
            ("+B\n", 1, "before any actor"),
            ("\t[ARN]\n", 1, "before any actor"),
            ("A [AR!N]\n", 1, "bad actor code"),
            ("A [ARN] extra\n", 1, "text after the code"),
            ("X\nA [ARN\n", 2, "unclosed"),
            ("A\nB [X]\n", 1, "has no [CODE]"),
            ("A{B} [X]\n", 1, "unknown syntax"),
        ] {
            let e = parse_actors("act.txt", text).expect_err(text);
            assert_eq!((e.file.as_str(), e.line), ("act.txt", line), "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
    }

    const AGENTS: &str = "\
!FOLK! = MAN, WOMEN
HARBOR_WARDEN [~COP]
CLERK {} [~GOVADM]
GOOSE {GEESE} [~GGS]
RELIEF_BODY [NGO~]
POST!FOLK! [~MED]
";

    #[test]
    fn reads_agents_plurals_and_substitutions() {
        let d = parse_agents("g.txt", AGENTS).expect("valid");
        let words: Vec<String> = d.agents.iter().map(|a| a.words.join(" ")).collect();
        assert_eq!(
            words,
            [
                "HARBOR WARDEN",
                "CLERK",
                "GOOSE",
                "RELIEF BODY",
                "POSTMAN",
                "POSTWOMEN"
            ]
        );
        assert_eq!(d.agents[0].plurals, [vec!["HARBOR", "WARDENS"]]);
        assert!(d.agents[1].plurals.is_empty());
        assert_eq!(d.agents[1].code, "GOVADM");
        assert_eq!(d.agents[2].plurals, [vec!["GEESE"]]);
        assert_eq!(d.agents[3].place, AgentPlace::Prefix);
        assert_eq!(d.agents[4].line, 6);
    }

    #[test]
    fn a_substitution_set_that_names_itself_is_refused_not_expanded_forever() {
        // found by the petrarch_dict fuzz target: the set's own name among its words made the
        // expansion loop run until the fuzzer's timeout
        let text = "!CREW! = SAILOR, PILOTS !CREW!\nSHIP!CREW! [~MIL]\n";
        let e = parse_agents("agents.txt", text).expect_err("refused");
        assert_eq!(e.line, 1, "{e}");
        assert!(e.message.contains("cannot contain '!'"), "{e}");
        let d = parse_agents_reporting("agents.txt", text).expect("reads");
        assert_eq!(d.skipped.len(), 2, "{:?}", d.skipped);
        assert!(d.agents.is_empty());
    }

    #[test]
    fn an_agent_line_multiplying_many_sets_is_refused() {
        let mut text = String::from("!W! = A, B, C, D, E, F, G, H\n");
        text.push_str(&"!W!_".repeat(6));
        text.push_str("X [~MIL]\n");
        let e = parse_agents("agents.txt", &text).expect_err("refused");
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("expand to more than 4096"), "{e}");
    }

    #[test]
    fn agent_errors_name_file_and_line() {
        for (text, line, needle) in [
            ("A\n", 1, "has no [~CODE]"),
            ("\nA [GOV]\n", 2, "needs a ~"),
            ("A!X! [~GOV]\n", 1, "unknown substitution"),
            ("A {B [~GOV]\n", 1, "unclosed"),
            ("A [~G.V]\n", 1, "bad agent code"),
            ("!X! = \n", 1, "empty"),
        ] {
            let e = parse_agents("ag.txt", text).expect_err(text);
            assert_eq!((e.file.as_str(), e.line), ("ag.txt", line), "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
    }
}
