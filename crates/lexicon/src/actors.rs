//! The actor dictionary: who can be a source or target of an event, and how text names them.
//!
//! Entries come from the files under `crates/lexicon/data/actors/`: countries (generated from
//! the `keshvar` crate and GeoNames, plus `countries_extra.toml`), agents (role nouns such as
//! "troops" → MIL), named groups, international bodies and office holders with dated roles.
//! [`ActorDictionary::find`] reports every longest phrase match in a sentence's tokens; it
//! decides nothing about syntax (that is the coder's job, on the parse) and does no I/O. Every
//! match names the entry it came from, so each coded actor can be traced to its dictionary line.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use dyad_core::Date;

/// What kind of actor an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A country, named by its name, adjective or demonym.
    Country,
    /// A seat of power or capital standing for a government ("the Kremlin", "Washington").
    Seat,
    /// A role noun ("troops", "officials"): a type code without a country.
    Agent,
    /// A named armed or political group.
    Group,
    /// An international body.
    International,
    /// A person whose code depends on the roles they hold on the document date.
    Person,
}

/// How a match was made, which the coder may weigh (a capital is a place more often than an actor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchForm {
    /// A full name of the entry.
    Name,
    /// An adjective or demonym ("Iraqi", "Iraqis").
    Adjective,
    /// A capital city standing for its government.
    Capital,
    /// A case-sensitive abbreviation ("KH", "IRGC").
    Abbreviation,
    /// A short name of a person, valid only while one of their roles is current.
    ShortName,
}

/// A role a person held, with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRole {
    /// CAMEO actor code of the role ("CHNGOV").
    pub code: String,
    /// The office ("President of China").
    pub title: String,
    /// First day in office.
    pub start: Date,
    /// Last day in office; `None` while in office.
    pub end: Option<Date>,
}

impl DatedRole {
    /// Does the role cover `date`?
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

/// One dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Stable id, cited by events ("country-IRQ", "kataib-hezbollah", "xi-jinping").
    pub id: String,
    /// What the entry is.
    pub kind: ActorKind,
    /// The CAMEO code the entry gives on its own: a country ("IRQ"), a role type for agents
    /// ("MIL"), a full code for groups, bodies and seats ("LBNREB", "IGOUNO", "RUSGOV").
    /// Empty for persons (see [`ActorEntry::code_on`]).
    pub code: String,
    /// Home country (ISO alpha-3) when the entry has one.
    pub country: Option<String>,
    /// Canonical name.
    pub name: String,
    /// Dated roles (persons only).
    pub roles: Vec<DatedRole>,
    /// The file the entry was read from.
    pub file: &'static str,
    /// An agent whose type goes before the country ("NGO" + "ARN" → "NGOARN"); agents only.
    pub prefix: bool,
}

impl ActorEntry {
    /// The code of the entry on `date`: persons take the role current then (their latest role
    /// when no date is known); others their fixed code. `None` when a person held no role then.
    pub fn code_on(&self, date: Option<Date>) -> Option<&str> {
        if self.kind != ActorKind::Person {
            return Some(&self.code);
        }
        match date {
            Some(d) => self
                .roles
                .iter()
                .rev()
                .find(|r| r.covers(d))
                .map(|r| r.code.as_str()),
            None => self.roles.last().map(|r| r.code.as_str()),
        }
    }
}

/// A phrase of the dictionary found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMatch {
    /// First token of the match.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index of the entry ([`ActorDictionary::entry`]).
    pub entry: usize,
    /// How it matched.
    pub form: MatchForm,
}

/// Problems in the actor files, named by file and line (0 when the TOML parser gives none).
#[derive(Debug, thiserror::Error)]
#[error("{file}, line {line}: {message}")]
pub struct ActorError {
    /// The file.
    pub file: String,
    /// 1-based line, or 0.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone)]
struct Phrase {
    /// Lowercased tokens of the phrase after the first.
    rest: Vec<String>,
    /// The phrase's tokens as written, for case-sensitive forms.
    exact: Vec<String>,
    entry: usize,
    form: MatchForm,
    /// Match only with this exact capitalisation.
    case_sensitive: bool,
    /// The first token must start with a capital letter in the text.
    capitalised: bool,
}

/// The actor dictionary, indexed for phrase lookup.
#[derive(Debug)]
pub struct ActorDictionary {
    entries: Vec<ActorEntry>,
    /// Phrases by lowercased first token, longest first.
    index: HashMap<String, Vec<Phrase>>,
}

/// The text of the bundled actor files.
pub struct ActorSources<'a> {
    /// `countries.tsv`.
    pub countries: &'a str,
    /// `countries_extra.toml`.
    pub countries_extra: &'a str,
    /// `agents.toml`.
    pub agents: &'a str,
    /// `groups.toml`.
    pub groups: &'a str,
    /// `international.toml`.
    pub international: &'a str,
    /// `people.toml`.
    pub people: &'a str,
}

/// The files shipped with dyad.
pub const BUNDLED: ActorSources<'static> = ActorSources {
    countries: include_str!("../data/actors/countries.tsv"),
    countries_extra: include_str!("../data/actors/countries_extra.toml"),
    agents: include_str!("../data/actors/agents.toml"),
    groups: include_str!("../data/actors/groups.toml"),
    international: include_str!("../data/actors/international.toml"),
    people: include_str!("../data/actors/people.toml"),
};

#[derive(Deserialize)]
struct ExtraFile {
    country: Vec<ExtraCountry>,
}

#[derive(Deserialize)]
struct ExtraCountry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    seats: Vec<Seat>,
    #[serde(default)]
    no_capital: bool,
}

#[derive(Deserialize)]
struct Seat {
    name: String,
    code: String,
}

#[derive(Deserialize)]
struct AgentFile {
    agent: Vec<AgentEntry>,
}

#[derive(Deserialize)]
struct AgentEntry {
    id: String,
    words: Vec<String>,
    #[serde(rename = "type")]
    kind: String,
    /// The type goes before the country (PETRARCH's `[XXX~]`).
    #[serde(default)]
    prefix: bool,
}

#[derive(Deserialize)]
struct ActorFile {
    actor: Vec<NamedActor>,
}

#[derive(Deserialize)]
struct NamedActor {
    id: String,
    names: Vec<String>,
    abbreviations: Vec<String>,
    code: String,
    country: String,
    #[serde(rename = "type")]
    #[allow(dead_code)]
    kind: String,
    #[allow(dead_code)]
    known_group: String,
    #[allow(dead_code)]
    description: String,
}

#[derive(Deserialize)]
struct PeopleFile {
    person: Vec<PersonEntry>,
}

#[derive(Deserialize)]
struct PersonEntry {
    id: String,
    names: Vec<String>,
    short_names: Vec<String>,
    roles: Vec<RoleEntry>,
}

#[derive(Deserialize)]
struct RoleEntry {
    code: String,
    title: String,
    start: String,
    end: String,
}

fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> ActorError {
    let line = e.span().map_or(0, |s| {
        text[..s.start.min(text.len())].matches('\n').count() + 1
    });
    ActorError {
        file: file.to_string(),
        line,
        message: e.message().to_string(),
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Tokens of a dictionary phrase, cut as the text stage cuts a phrase inside a sentence
/// (a sentinel word follows it, so "U.S." keeps its period as it does mid-sentence).
/// How many tokens the underscore-joined reading of [`ActorDictionary::find`] looks at.
const MAX_JOINED_WINDOW: usize = 8;

/// Is this token words joined by underscores ("Dol_Amroth")?
fn is_joined(tok: &str) -> bool {
    tok.len() > 2 && tok.trim_matches('_').contains('_')
}

/// The words of a token joined by underscores; any other token is one word.
fn split_joined(tok: &str) -> Vec<&str> {
    if is_joined(tok) {
        tok.split('_').filter(|w| !w.is_empty()).collect()
    } else {
        vec![tok]
    }
}

fn phrase_tokens(phrase: &str) -> Vec<String> {
    let rules = dyad_text::TextRules::bundled();
    let text = format!("{phrase} _");
    let mut toks = Vec::new();
    dyad_text::tokenize::tokenize(&text, 0, rules, &mut toks);
    toks.pop();
    toks.iter()
        .filter_map(|t| t.span.slice(&text))
        .map(str::to_string)
        .collect()
}

struct Builder {
    entries: Vec<ActorEntry>,
    index: HashMap<String, Vec<Phrase>>,
}

impl Builder {
    fn add_phrase(&mut self, phrase: &str, entry: usize, form: MatchForm) {
        let toks = phrase_tokens(phrase);
        self.add_tokens(phrase, toks.clone(), entry, form);
        // at a sentence end "U.S." is tokenized "U.S" "." (as in UD English): index that too
        if let Some(last) = toks.last() {
            if last.len() > 2 && last.ends_with('.') {
                let mut cut = toks.clone();
                if let Some(l) = cut.last_mut() {
                    l.pop();
                }
                self.add_tokens(phrase, cut, entry, form);
            }
        }
    }

    fn add_tokens(&mut self, phrase: &str, toks: Vec<String>, entry: usize, form: MatchForm) {
        let Some(first) = toks.first() else {
            return;
        };
        let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let case_sensitive = form == MatchForm::Abbreviation || all_caps;
        let capitalised = phrase.chars().next().is_some_and(char::is_uppercase);
        let key = first.to_lowercase();
        let p = Phrase {
            rest: toks[1..].iter().map(|t| t.to_lowercase()).collect(),
            exact: toks.clone(),
            entry,
            form,
            case_sensitive,
            capitalised,
        };
        let list = self.index.entry(key).or_default();
        if !list.iter().any(|q| q.entry == entry && q.exact == p.exact) {
            list.push(p);
        }
    }

    fn push(&mut self, e: ActorEntry) -> usize {
        self.entries.push(e);
        self.entries.len() - 1
    }
}

fn parse_date(file: &str, id: &str, s: &str) -> Result<Date, ActorError> {
    s.parse::<Date>().map_err(|_| ActorError {
        file: file.to_string(),
        line: 0,
        message: format!("{id}: {s:?} is not a YYYY-MM-DD date"),
    })
}

impl ActorDictionary {
    /// The dictionary shipped with dyad, built once.
    pub fn bundled() -> &'static ActorDictionary {
        static DICT: OnceLock<ActorDictionary> = OnceLock::new();
        DICT.get_or_init(|| {
            ActorDictionary::from_sources(&BUNDLED)
                .expect("the bundled actor files are checked by the crate's tests")
        })
    }

    /// Build a dictionary from the text of its files.
    pub fn from_sources(src: &ActorSources<'_>) -> Result<Self, ActorError> {
        let mut b = Builder {
            entries: Vec::new(),
            index: HashMap::new(),
        };
        // countries.tsv
        let mut country_entry: HashMap<String, usize> = HashMap::new();
        let mut capitals: Vec<(usize, String)> = Vec::new();
        let mut header_seen = false;
        for (n, line) in src.countries.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 7 || cols[0].len() != 3 || !is_code(cols[0]) {
                return Err(ActorError {
                    file: "countries.tsv".into(),
                    line: n + 1,
                    message: "expected 7 columns starting with an ISO alpha-3 code".into(),
                });
            }
            let idx = b.push(ActorEntry {
                id: format!("country-{}", cols[0]),
                kind: ActorKind::Country,
                code: cols[0].to_string(),
                country: Some(cols[0].to_string()),
                name: cols[1].to_string(),
                roles: Vec::new(),
                file: "countries.tsv",
                prefix: false,
            });
            country_entry.insert(cols[0].to_string(), idx);
            for name in cols[2].split('|').filter(|s| !s.is_empty()) {
                b.add_phrase(name, idx, MatchForm::Name);
            }
            if !cols[3].is_empty() {
                b.add_phrase(cols[3], idx, MatchForm::Adjective);
                b.add_phrase(&format!("{}s", cols[3]), idx, MatchForm::Adjective);
            }
            if !cols[4].is_empty() {
                capitals.push((idx, cols[4].to_string()));
            }
        }
        // countries_extra.toml
        let extra: ExtraFile = toml::from_str(src.countries_extra)
            .map_err(|e| toml_error("countries_extra.toml", src.countries_extra, &e))?;
        let mut no_capital = Vec::new();
        for c in &extra.country {
            let Some(&idx) = country_entry.get(&c.code) else {
                return Err(ActorError {
                    file: "countries_extra.toml".into(),
                    line: 0,
                    message: format!("country {} is not in countries.tsv", c.code),
                });
            };
            for name in &c.names {
                b.add_phrase(name, idx, MatchForm::Name);
            }
            for adj in &c.adjectives {
                b.add_phrase(adj, idx, MatchForm::Adjective);
                if adj.chars().all(char::is_alphabetic) {
                    b.add_phrase(&format!("{adj}s"), idx, MatchForm::Adjective);
                }
            }
            for seat in &c.seats {
                if !is_code(&seat.code) || !seat.code.starts_with(&c.code) {
                    return Err(ActorError {
                        file: "countries_extra.toml".into(),
                        line: 0,
                        message: format!(
                            "seat {}: code {} must start with {}",
                            seat.name, seat.code, c.code
                        ),
                    });
                }
                let sidx = b.push(ActorEntry {
                    id: format!("seat-{}", seat.name.to_lowercase().replace(' ', "-")),
                    kind: ActorKind::Seat,
                    code: seat.code.clone(),
                    country: Some(c.code.clone()),
                    name: seat.name.clone(),
                    roles: Vec::new(),
                    file: "countries_extra.toml",
                    prefix: false,
                });
                b.add_phrase(&seat.name, sidx, MatchForm::Name);
            }
            if c.no_capital {
                no_capital.push(idx);
            }
        }
        for (idx, capital) in capitals {
            if !no_capital.contains(&idx) {
                b.add_phrase(&capital, idx, MatchForm::Capital);
            }
        }
        // agents.toml
        let agents: AgentFile =
            toml::from_str(src.agents).map_err(|e| toml_error("agents.toml", src.agents, &e))?;
        for a in agents.agent {
            // one 3-letter role code or several in a row ("GOVFRM": government, foreign
            // ministry), as PETRARCH's agents give them
            if !is_code(&a.kind) || a.kind.is_empty() || a.kind.len() % 3 != 0 {
                return Err(ActorError {
                    file: "agents.toml".into(),
                    line: 0,
                    message: format!(
                        "{}: type {:?} is not a CAMEO code of 3, 6, 9... letters",
                        a.id, a.kind
                    ),
                });
            }
            let idx = b.push(ActorEntry {
                id: a.id.clone(),
                kind: ActorKind::Agent,
                code: a.kind.clone(),
                country: None,
                name: a.words.first().cloned().unwrap_or_default(),
                roles: Vec::new(),
                file: "agents.toml",
                prefix: a.prefix,
            });
            for w in &a.words {
                b.add_phrase(w, idx, MatchForm::Name);
            }
        }
        // groups.toml and international.toml
        for (file, text, kind) in [
            ("groups.toml", src.groups, ActorKind::Group),
            (
                "international.toml",
                src.international,
                ActorKind::International,
            ),
        ] {
            let f: ActorFile = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
            for a in f.actor {
                if !is_code(&a.code) {
                    return Err(ActorError {
                        file: file.into(),
                        line: 0,
                        message: format!("{}: code {:?} must be capital letters", a.id, a.code),
                    });
                }
                let idx = b.push(ActorEntry {
                    id: a.id.clone(),
                    kind,
                    code: a.code.clone(),
                    country: (!a.country.is_empty()).then(|| a.country.clone()),
                    name: a.names.first().cloned().unwrap_or_default(),
                    roles: Vec::new(),
                    file,
                    prefix: false,
                });
                for n in &a.names {
                    b.add_phrase(n, idx, MatchForm::Name);
                }
                for n in &a.abbreviations {
                    b.add_phrase(n, idx, MatchForm::Abbreviation);
                }
            }
        }
        // people.toml
        let people: PeopleFile =
            toml::from_str(src.people).map_err(|e| toml_error("people.toml", src.people, &e))?;
        for p in people.person {
            let mut roles = Vec::with_capacity(p.roles.len());
            for r in &p.roles {
                roles.push(DatedRole {
                    code: r.code.clone(),
                    title: r.title.clone(),
                    start: parse_date("people.toml", &p.id, &r.start)?,
                    end: if r.end.is_empty() {
                        None
                    } else {
                        Some(parse_date("people.toml", &p.id, &r.end)?)
                    },
                });
            }
            roles.sort_by_key(|r| r.start);
            let country = roles
                .last()
                .map(|r| r.code.chars().take(3).collect::<String>());
            let idx = b.push(ActorEntry {
                id: p.id.clone(),
                kind: ActorKind::Person,
                code: String::new(),
                country,
                name: p.names.first().cloned().unwrap_or_default(),
                roles,
                file: "people.toml",
                prefix: false,
            });
            for n in &p.names {
                b.add_phrase(n, idx, MatchForm::Name);
            }
            for n in &p.short_names {
                b.add_phrase(n, idx, MatchForm::ShortName);
            }
        }
        for list in b.index.values_mut() {
            list.sort_by(|x, y| y.rest.len().cmp(&x.rest.len()).then(x.entry.cmp(&y.entry)));
        }
        Ok(ActorDictionary {
            entries: b.entries,
            index: b.index,
        })
    }

    /// The entry at `idx` (from an [`ActorMatch`]).
    pub fn entry(&self, idx: usize) -> &ActorEntry {
        &self.entries[idx]
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with this id.
    pub fn by_id(&self, id: &str) -> Option<(usize, &ActorEntry)> {
        self.entries.iter().enumerate().find(|(_, e)| e.id == id)
    }

    /// Every longest, non-overlapping dictionary phrase in `tokens`, left to right. Short
    /// names of persons match only when `date` falls in one of their roles (or no date is known).
    pub fn find(&self, tokens: &[&str], date: Option<Date>) -> Vec<ActorMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut lower = String::new();
        while i < tokens.len() {
            lower.clear();
            lower.extend(tokens[i].chars().flat_map(char::to_lowercase));
            let mut best: Option<ActorMatch> = None;
            if let Some(list) = self.index.get(lower.as_str()) {
                for p in list {
                    let n = p.rest.len() + 1;
                    if i + n > tokens.len() || best.is_some_and(|b| b.end - b.start >= n) {
                        continue;
                    }
                    if !self.phrase_matches(p, &tokens[i..i + n], date) {
                        continue;
                    }
                    best = Some(ActorMatch {
                        start: i,
                        end: i + n,
                        entry: p.entry,
                        form: p.form,
                    });
                }
            }
            // "Prince of Dol_Amroth": a token of words joined by underscores (PETRARCH's
            // multi-word tokens) matches as its words, a match ending at a token's end
            if tokens[i..]
                .iter()
                .take(MAX_JOINED_WINDOW)
                .any(|t| is_joined(t))
            {
                if let Some(m) = self.find_joined(tokens, i, date) {
                    if best.is_none_or(|b| m.end > b.end) {
                        best = Some(m);
                    }
                }
            }
            match best {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest phrase starting at token `i` when tokens joined by underscores are read as
    /// their words ("Dol_Amroth" as "Dol Amroth"); the match must end at a token's end.
    fn find_joined(&self, tokens: &[&str], i: usize, date: Option<Date>) -> Option<ActorMatch> {
        let mut words: Vec<&str> = Vec::new();
        let mut owner: Vec<usize> = Vec::new();
        for (k, t) in tokens.iter().enumerate().skip(i).take(MAX_JOINED_WINDOW) {
            for w in split_joined(t) {
                words.push(w);
                owner.push(k);
            }
        }
        let first = words.first()?.to_lowercase();
        let list = self.index.get(first.as_str())?;
        let mut best: Option<ActorMatch> = None;
        for p in list {
            let n = p.rest.len() + 1;
            if n > words.len() || owner.get(n).is_some_and(|&k| k == owner[n - 1]) {
                continue;
            }
            let end = owner[n - 1] + 1;
            if best.is_some_and(|b| b.end >= end) || !self.phrase_matches(p, &words[..n], date) {
                continue;
            }
            best = Some(ActorMatch {
                start: i,
                end,
                entry: p.entry,
                form: p.form,
            });
        }
        best
    }

    fn phrase_matches(&self, p: &Phrase, toks: &[&str], date: Option<Date>) -> bool {
        if p.case_sensitive {
            if toks.iter().zip(&p.exact).any(|(t, e)| t != e) {
                return false;
            }
        } else {
            if p.capitalised && !toks[0].chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            for (t, r) in toks[1..].iter().zip(&p.rest) {
                if !t.chars().flat_map(char::to_lowercase).eq(r.chars()) {
                    return false;
                }
            }
        }
        if p.form == MatchForm::ShortName {
            if let Some(d) = date {
                return self.entries[p.entry].roles.iter().any(|r| r.covers(d));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict() -> &'static ActorDictionary {
        ActorDictionary::bundled()
    }

    fn found(text: &str, date: Option<&str>) -> Vec<(String, String)> {
        let d = dict();
        let toks = phrase_tokens(text);
        let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
        let date = date.and_then(|s| s.parse::<Date>().ok());
        d.find(&refs, date)
            .into_iter()
            .map(|m| {
                let e = d.entry(m.entry);
                (
                    refs[m.start..m.end].join(" "),
                    e.code_on(date).unwrap_or("-").to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn countries_adjectives_seats_and_agents() {
        let got = found(
            "Iraqi officials met U.S. troops near the White House and the Kremlin",
            None,
        );
        assert_eq!(
            got,
            [
                ("Iraqi".to_string(), "IRQ".to_string()),
                ("officials".into(), "GOV".into()),
                ("U.S.".into(), "USA".into()),
                ("troops".into(), "MIL".into()),
                ("White House".into(), "USAGOV".into()),
                ("Kremlin".into(), "RUSGOV".into()),
            ]
        );
    }

    #[test]
    fn a_company_president_is_business_not_government() {
        // a president who is also the chief executive heads a company
        let got = found(
            "the airline said president and chief executive Donald Carty resigned",
            None,
        );
        assert_eq!(
            got,
            [(
                "president and chief executive".to_string(),
                "BUS".to_string()
            )]
        );
        let got = found("the president resigned", None);
        assert_eq!(got, [("president".to_string(), "GOV".to_string())]);
    }

    #[test]
    fn underscore_joined_tokens_match_as_their_words() {
        // "White_House" is one token of two dictionary words; the match ends at its end
        let got = found("talks at the White_House began", None);
        assert_eq!(got, [("White_House".to_string(), "USAGOV".to_string())]);
        assert!(found("the White_Housekeeping staff", None).is_empty());
    }

    #[test]
    fn case_rules() {
        // "US" is all capitals: exact case only; country names need a capital letter
        assert!(found("let us talk about china", None).is_empty());
        assert_eq!(found("US forces", None)[0].1, "USA");
        assert_eq!(found("Turkey and Jordan", None).len(), 2);
    }

    #[test]
    fn people_resolve_by_date() {
        let got = found("Vladimir Putin spoke", Some("2020-06-01"));
        assert_eq!(got, [("Vladimir Putin".to_string(), "RUSGOV".to_string())]);
        // a short name identifies a person only while one of their roles is current
        let d = dict();
        let (idx, _) = d.by_id("xi-jinping").expect("Xi Jinping is listed");
        let toks = ["Xi", "visited"];
        let at = |s: &str| s.parse::<Date>().ok();
        assert!(d
            .find(&toks, at("2019-05-01"))
            .iter()
            .any(|m| m.entry == idx));
        assert!(!d
            .find(&toks, at("2005-05-01"))
            .iter()
            .any(|m| m.entry == idx));
    }

    #[test]
    fn sentence_final_abbreviation_matches() {
        assert_eq!(
            found("talks with the U.S", None),
            [("U.S".to_string(), "USA".to_string())]
        );
    }

    #[test]
    fn malformed_files_are_named() {
        let mut src = BUNDLED;
        src.agents = "[[agent]]\nid = \"x\"\nwords = [\"a\"]\ntype = \"military\"\n";
        let err = ActorDictionary::from_sources(&src).expect_err("bad type");
        assert!(err.to_string().contains("agents.toml"), "{err}");
        src.agents = "[[agent]]\nid = \"x\"\nwords = [\"a\"\n";
        let err = ActorDictionary::from_sources(&src).expect_err("bad toml");
        assert!(err.to_string().starts_with("agents.toml, line"), "{err}");
        let mut src = BUNDLED;
        src.countries = "# c\ncode\tname\tnames\tdemonym\tcapital\tlat\tlon\nIRQ\tIraq\n";
        let err = ActorDictionary::from_sources(&src).expect_err("bad row");
        assert!(err.to_string().contains("countries.tsv, line 3"), "{err}");
    }
}
