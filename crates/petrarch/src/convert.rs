//! From parsed PETRARCH dictionaries to dyad's own dictionary types, and the post-processing
//! of coded events that dyad's dictionaries cannot express.
//!
//! [`convert`] writes the text formats that `dyad_lexicon`'s readers accept (countries TSV,
//! agent/group/person TOML, verb-pattern TSV, a widened event-code table) and builds the
//! dictionaries from them, so the unchanged [`dyad_coder::Coder`] codes with PETRARCH
//! dictionaries. [`PetrarchCoding::finish`] then adds paired events, restores non-CAMEO codes
//! and codes that modality rewrote, and splits `A/B` actor codes. The crate docs list how the
//! pattern semantics map and where they differ. This module never reads files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use dyad_coder::{Coder, Event};
use dyad_lexicon::actors::{ActorDictionary, ActorSources};
use dyad_lexicon::{CodingRules, EventCodeTable, VerbDictionary};

use crate::actors::{ActorDict, AgentDict, AgentPlace, DateRange};
use crate::defaults::Defaults;
use crate::discards::{DiscardKind, Discards};
use crate::verbs::{CodeSpec, Element, VerbDict};

/// Target slots tried, in order, for every converted pattern (after a slot the pattern names):
/// `default_targets` of `data/defaults.toml`.
pub fn default_targets() -> &'static [String] {
    &Defaults::bundled().default_targets
}

/// What the conversion could not carry over, counted (see the crate docs).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Losses {
    /// Patterns coding `---` (they code the verb's own code, or nothing, as in PETRARCH).
    pub patterns_null_code: usize,
    /// Patterns that can never match (a synset without phrases).
    pub patterns_unmatchable: usize,
    /// Verb forms without words.
    pub verb_forms_dropped: usize,
    /// Agents whose code was cut (letters past its last whole 3-letter code, or a code
    /// with other characters cut to its first three letters).
    pub agent_codes_cut: usize,
    /// Prefix agents (`[XXX~]`), placed before the country (counted, not lost).
    pub agents_prefix: usize,
    /// Agents with a code dyad cannot use at all (shorter than three letters).
    pub agents_dropped: usize,
    /// Transformations read but not applied.
    pub transformations: usize,
    /// Non-CAMEO codes given stand-ins.
    pub codes_aliased: usize,
}

/// Options of the conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvertOptions {
    /// Code only events with both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
}

impl Default for ConvertOptions {
    fn default() -> Self {
        ConvertOptions { require_dyad: true }
    }
}

/// A problem building dyad's dictionaries from the converted text (a bug in the conversion or
/// a dictionary dyad's readers reject), with the generated file's name.
#[derive(Debug, thiserror::Error)]
#[error("converting PETRARCH dictionaries: {0}")]
pub struct ConvertError(pub String);

/// Converted dictionaries, ready for [`dyad_coder::Coder::new`], and what dyad's dictionaries
/// cannot say.
pub struct PetrarchCoding {
    actors: ActorDictionary,
    verbs: VerbDictionary,
    codes: EventCodeTable,
    rules: CodingRules,
    /// Pattern id → its real code.
    pattern_codes: HashMap<String, String>,
    /// Pattern id → the code of the paired (target → source) event.
    paired: HashMap<String, String>,
    /// Pattern ids that code only the target → source event (`[:173]`).
    reverse_only: BTreeSet<String>,
    /// Pattern ids that match and code nothing.
    null_patterns: BTreeSet<String>,
    /// Stand-in code → real code.
    aliases: HashMap<String, String>,
    /// The discard list (empty when none was given).
    pub discards: Discards,
    /// What could not be carried over.
    pub losses: Losses,
    /// The generated verb-pattern TSV (for inspection: `dyad` never writes it anywhere).
    pub verb_tsv: String,
    /// Malformed pattern lines that were skipped, each naming its file and line.
    pub skipped: Vec<crate::DictError>,
}

impl std::fmt::Debug for PetrarchCoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PetrarchCoding")
            .field("actors", &self.actors.len())
            .field("patterns", &self.verbs.patterns().len())
            .field("losses", &self.losses)
            .finish()
    }
}

impl PetrarchCoding {
    /// A coder over the converted dictionaries.
    pub fn coder(&self) -> Coder<'_> {
        Coder::new(&self.actors, &self.verbs, &self.codes, &self.rules)
    }

    /// The converted actor dictionary.
    pub fn actor_dictionary(&self) -> &ActorDictionary {
        &self.actors
    }

    /// The converted verb dictionary.
    pub fn verb_dictionary(&self) -> &VerbDictionary {
        &self.verbs
    }

    /// Does a discard phrase stop this text (a sentence or a whole story) from being coded?
    pub fn discard(&self, text: &str) -> Option<(DiscardKind, usize)> {
        self.discards.check(text)
    }

    /// Post-process a sentence's or document's events: restore each pattern's own code
    /// (modality may have rewritten it; PETRARCH does not), map stand-in codes back, add the
    /// paired events of `[a:b]` patterns and split `A/B` actor codes into one event each.
    pub fn finish(&self, events: Vec<Event>) -> Vec<Event> {
        let mut out = Vec::with_capacity(events.len());
        for mut e in events {
            let base = e.verb.rule.split('+').next().unwrap_or("").to_string();
            if self.null_patterns.contains(&base) {
                continue;
            }
            if let Some(code) = self.pattern_codes.get(&base) {
                self.set_code(&mut e, code);
            }
            if self.reverse_only.contains(&base) {
                if e.target.code.is_none() {
                    continue;
                }
                std::mem::swap(&mut e.source, &mut e.target);
            }
            let paired = self.paired.get(&base).cloned();
            let reverse = paired.and_then(|p| {
                e.target.code.as_ref()?;
                let mut r = e.clone();
                std::mem::swap(&mut r.source, &mut r.target);
                self.set_code(&mut r, &p);
                r.verb.rule = format!("{}+paired", e.verb.rule);
                r.event_id = format!("{}p", e.event_id);
                Some(r)
            });
            for ev in std::iter::once(e).chain(reverse) {
                out.extend(split_codes(ev));
            }
        }
        // an event is coded once per sentence, however many verbs or pairings give it
        let mut seen: BTreeSet<(usize, Option<String>, Option<String>, String)> = BTreeSet::new();
        out.retain(|e| {
            seen.insert((
                e.sentence_index,
                e.source.code.clone(),
                e.target.code.clone(),
                e.cameo.clone(),
            ))
        });
        out
    }

    fn set_code(&self, e: &mut Event, code: &str) {
        let shown = self.aliases.get(code).map_or(code, String::as_str);
        if let Some(info) = self.codes.get(code) {
            e.root = shown.get(..2).unwrap_or(shown).to_string();
            e.quad_class = info.quad_class().number();
            e.goldstein = info.goldstein();
            e.plover = info.plover_type().to_string();
        }
        e.cameo = shown.to_string();
    }
}

/// One event per code of `A/B` actor codes.
fn split_codes(e: Event) -> Vec<Event> {
    let srcs = alternatives(e.source.code.as_deref());
    let tgts = alternatives(e.target.code.as_deref());
    if srcs.len() <= 1 && tgts.len() <= 1 {
        return vec![e];
    }
    let mut out = Vec::new();
    for (i, s) in srcs.iter().enumerate() {
        for (j, t) in tgts.iter().enumerate() {
            let mut c = e.clone();
            c.source.code = s.clone();
            c.target.code = t.clone();
            c.event_id = format!("{}.{i}{j}", e.event_id);
            out.push(c);
        }
    }
    out
}

fn alternatives(code: Option<&str>) -> Vec<Option<String>> {
    match code {
        Some(c) if c.contains('/') => c
            .split('/')
            .filter(|p| !p.is_empty())
            .map(|p| Some(p.to_string()))
            .collect(),
        other => vec![other.map(str::to_string)],
    }
}

/// TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let v: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", v.join(", "))
}

/// A dictionary phrase as dyad's actor files write it: abbreviations (words with a period,
/// all-letter words of up to three letters, which dyad then matches in exact case) keep their
/// case, everything else is lower-cased (matched in any case, as PETRARCH does).
fn phrase_text(words: &[String]) -> String {
    if words.len() == 1 {
        let w = &words[0];
        let short = w.chars().count() <= 3 && w.chars().all(char::is_alphabetic);
        if short || w.contains('.') {
            return w.clone();
        }
    }
    words
        .iter()
        .map(|w| {
            if w.contains('.') {
                w.clone()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r', '|'], " ")
}

fn is_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn date_text(d: dyad_core::Date) -> String {
    d.to_string()
}

/// The actor files' text.
struct ActorTexts {
    countries: String,
    groups: String,
    people: String,
    agents: String,
}

fn actor_texts(actors: &ActorDict, agents: Option<&AgentDict>, losses: &mut Losses) -> ActorTexts {
    // countries: one row per 3-letter code, every phrase of every entry with that code
    let mut countries: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    let mut groups = String::from("actor = []\n");
    let mut group_list = String::new();
    let mut people = String::new();
    for a in &actors.actors {
        let names: Vec<String> = a
            .phrases
            .iter()
            .map(|p| clean_field(&phrase_text(p)))
            .collect();
        // entries are cited as FILE:LINE
        let id = format!(
            "{}:{}",
            actors.files.get(a.file).map_or("actors", String::as_str),
            a.line
        );
        let single = a.codes.len() == 1
            && a.codes[0].range == DateRange::Always
            && a.codes[0].codes.len() == 1;
        let code = a.codes[0]
            .codes
            .first()
            .map(|c| c.to_uppercase())
            .unwrap_or_default();
        if single && code.len() == 3 && is_letters(&code) {
            let row = countries
                .entry(code.clone())
                .or_insert_with(|| (names[0].clone(), Vec::new()));
            row.1.extend(names);
        } else if single && is_letters(&code) {
            let country = if code.len() > 3 { &code[..3] } else { "" };
            let _ = writeln!(
                group_list,
                "[[actor]]\nid = {}\nnames = {}\nabbreviations = []\ncode = {}\ncountry = {}\ntype = \"\"\nknown_group = \"\"\ndescription = \"\"\n",
                toml_str(&id),
                toml_list(&names),
                toml_str(&code),
                toml_str(country)
            );
        } else {
            // dated codes, or codes dyad's other files reject ("---", "ELR/GAL", "G77"):
            // a person whose roles are the dated codes (the default first, so it loses ties)
            let mut roles = String::new();
            let mut dated: Vec<&crate::actors::DatedCode> = a.codes.iter().collect();
            dated.sort_by_key(|c| match c.range {
                DateRange::Always => 0,
                DateRange::Before(_) => 1,
                _ => 2,
            });
            for c in dated {
                let code = c.codes.join("/").to_uppercase();
                let (start, end) = match &c.range {
                    DateRange::Always => ("0001-01-01".to_string(), String::new()),
                    DateRange::Before(d) => (
                        "0001-01-01".to_string(),
                        d.yesterday().map(date_text).unwrap_or_default(),
                    ),
                    DateRange::After(d) => (
                        d.tomorrow()
                            .map(date_text)
                            .unwrap_or_else(|_| date_text(*d)),
                        String::new(),
                    ),
                    DateRange::Between(a, b) => (date_text(*a), date_text(*b)),
                };
                let _ = writeln!(
                    roles,
                    "[[person.roles]]\ncode = {}\ntitle = \"\"\nstart = {}\nend = {}",
                    toml_str(&code),
                    toml_str(&start),
                    toml_str(&end)
                );
            }
            let _ = writeln!(
                people,
                "[[person]]\nid = {}\nnames = {}\nshort_names = []\n{roles}",
                toml_str(&id),
                toml_list(&names)
            );
        }
    }
    let mut tsv = String::from("code\tname\tnames\tdemonym\tcapital\tlat\tlon\n");
    for (code, (name, names)) in &countries {
        let mut uniq: Vec<&String> = Vec::new();
        for n in names {
            if !uniq.contains(&n) {
                uniq.push(n);
            }
        }
        let joined: Vec<&str> = uniq.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(tsv, "{code}\t{name}\t{}\t\t\t0\t0", joined.join("|"));
    }
    if !group_list.is_empty() {
        groups = group_list;
    }
    if people.is_empty() {
        people = "person = []\n".into();
    }
    // (line, phrases, code, prefix) of every usable agent
    let mut usable: Vec<(usize, Vec<Vec<String>>, String, bool)> = Vec::new();
    for a in agents.map(|d| d.agents.as_slice()).unwrap_or_default() {
        let code = a.code.to_uppercase();
        if code.len() < 3 || !is_letters(&code[..3]) {
            losses.agents_dropped += 1;
            continue;
        }
        // a type of whole 3-letter codes; letters past the last whole code are cut
        let whole = code.len() - code.len() % 3;
        let code = if is_letters(&code[..whole]) {
            code[..whole].to_string()
        } else {
            code[..3].to_string()
        };
        if code.len() < a.code.len() {
            losses.agent_codes_cut += 1;
        }
        let prefix = a.place == AgentPlace::Prefix;
        if prefix {
            losses.agents_prefix += 1;
        }
        let lower = |w: &[String]| -> Vec<String> { w.iter().map(|x| x.to_lowercase()).collect() };
        let mut phrases = vec![lower(&a.words)];
        phrases.extend(a.plurals.iter().map(|p| lower(p)));
        usable.push((a.line, phrases, code, prefix));
    }
    let mut agent_text = String::new();
    for (line, phrases, code, prefix) in &usable {
        // PETRARCH codes every agent phrase it finds, the ones inside a longer one too:
        // "main opposition group" is MAIN_OPPOSITION_GROUP's and OPPOSITION_GROUP's (MOPOPP),
        // the inner one further from the country
        let mut by_type: Vec<(String, Vec<String>)> = Vec::new();
        for ph in phrases {
            let mut inner = String::new();
            for (_, others, other_code, other_prefix) in &usable {
                // a code already there is not repeated ("prime minister": GOV once)
                let known = |c: &str| {
                    let have = format!("{code}{inner}");
                    let have = codes_of(&have);
                    codes_of(c).iter().all(|x| have.contains(x))
                };
                if other_prefix != prefix || known(other_code) {
                    continue;
                }
                let inside = others.iter().any(|q| {
                    !q.is_empty() && q.len() < ph.len() && ph.windows(q.len()).any(|w| w == q)
                });
                if inside {
                    inner.push_str(other_code);
                }
            }
            let full = if *prefix {
                format!("{inner}{code}")
            } else {
                format!("{code}{inner}")
            };
            let text = phrase_text(ph).to_lowercase();
            match by_type.iter_mut().find(|(t, _)| *t == full) {
                Some((_, words)) => words.push(text),
                None => by_type.push((full, vec![text])),
            }
        }
        for (k, (full, words)) in by_type.iter().enumerate() {
            let id = if k == 0 {
                format!("petrarch-agent:{line}")
            } else {
                format!("petrarch-agent:{line}.{k}")
            };
            let _ = writeln!(
                agent_text,
                "[[agent]]\nid = {}\nwords = {}\ntype = {}\nprefix = {}\n",
                toml_str(&id),
                toml_list(words),
                toml_str(full),
                prefix
            );
        }
    }
    if agent_text.is_empty() {
        agent_text = "agent = []\n".into();
    }
    ActorTexts {
        countries: tsv,
        groups,
        people,
        agents: agent_text,
    }
}

fn is_prep(w: &str) -> bool {
    Defaults::bundled().prepositions.iter().any(|p| p == w)
}

/// The target slot of a pattern without `+`: its first prepositional phrase after the verb
/// (`* FOR &ECONSANCT` → `prep:for`), tried before the default slots. A particle right after
/// the verb (`* OVER ...` as in "clash over") is a preposition too.
fn first_prep_slot(post: &[Element]) -> Option<String> {
    post.iter().find_map(|e| match e {
        Element::Word(w) if is_prep(w) => Some(format!("prep:{}", w.to_lowercase())),
        _ => None,
    })
}

/// A code as dyad's table will know it: itself when it is 2-4 digits, else a stand-in.
struct CodeBook {
    known: BTreeSet<String>,
    extra: BTreeMap<String, String>,
    aliases: HashMap<String, String>,
    by_real: HashMap<String, String>,
    next_alias: u32,
}

impl CodeBook {
    fn new(bundled: &EventCodeTable) -> Self {
        CodeBook {
            known: bundled.iter().map(|c| c.code().to_string()).collect(),
            extra: BTreeMap::new(),
            aliases: HashMap::new(),
            by_real: HashMap::new(),
            next_alias: 0,
        }
    }

    fn intern(&mut self, code: &str, losses: &mut Losses) -> String {
        let numeric = (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
        if numeric {
            if !self.known.contains(code) {
                self.extra.insert(code.to_string(), code.to_string());
            }
            return code.to_string();
        }
        if let Some(a) = self.by_real.get(code) {
            return a.clone();
        }
        let n = self.next_alias;
        self.next_alias += 1;
        let alias = format!("{}{:02}", 99 - n / 100, n % 100);
        losses.codes_aliased += 1;
        self.aliases.insert(alias.clone(), code.to_string());
        self.by_real.insert(code.to_string(), alias.clone());
        self.extra.insert(alias.clone(), code.to_string());
        alias
    }

    /// The bundled table plus rows for every extra code (and its root when missing).
    fn table_text(&self, bundled: &EventCodeTable) -> String {
        let mut text = dyad_lexicon::event_codes::BUNDLED_TSV.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut added: BTreeSet<String> = BTreeSet::new();
        for (code, real) in &self.extra {
            let root = &code[..2];
            let quad = bundled.get(root).map_or(1, |r| r.quad_class().number());
            if !self.known.contains(root) && added.insert(root.to_string()) {
                let _ = writeln!(text, "{root}\tPETRARCH root {root}\t0.0\t{quad}\tOTHER\t");
            }
            if code.len() > 2 && added.insert(code.clone()) {
                let _ = writeln!(
                    text,
                    "{code}\tPETRARCH code {}\t0.0\t{quad}\tOTHER\t",
                    clean_field(real)
                );
            }
        }
        text
    }
}

struct PatternRow {
    id: String,
    code: String,
    verb: String,
    object: String,
    targets: String,
    /// The `words` column (`-`: none).
    words: String,
}

/// The code of patterns that match and code nothing (a `[---]` pattern of a verb without a
/// code of its own); their events are dropped by [`PetrarchCoding::finish`].
const NULL_CODE: &str = "---";

/// A pattern's words as dyad's `words` column writes them (see
/// `dyad_lexicon::verbs::WordSequence`): literal words and synsets (their phrases as
/// alternatives), `_` where PETRARCH joins them, `*` the verb. Actor marks (`$`, `+`, `%`),
/// skips (`^`) and phrase brackets ask for no word and are left out (a `_` next to them joins
/// nothing). `None` when a synset has no phrases (the pattern can never match).
fn word_sequence(dict: &VerbDict, elems: &[Element]) -> Option<String> {
    let mut out = String::new();
    let mut join = false;
    let mut first = true;
    for e in elems {
        let piece = match e {
            Element::Word(w) => w.to_lowercase(),
            Element::Synset(name) => {
                let alts: Vec<String> = dict
                    .synset_phrases(name)
                    .iter()
                    .filter(|ph| !ph.is_empty())
                    .map(|ph| ph.join("+").to_lowercase())
                    .collect();
                if alts.is_empty() {
                    return None;
                }
                alts.join("|")
            }
            Element::Verb => "*".to_string(),
            Element::Joint => {
                join = true;
                continue;
            }
            Element::Source
            | Element::Target
            | Element::Skip
            | Element::Compound
            | Element::NounOpen
            | Element::NounClose
            | Element::PrepOpen
            | Element::PrepClose => {
                if matches!(
                    e,
                    Element::Source | Element::Target | Element::Skip | Element::Compound
                ) {
                    join = false;
                }
                continue;
            }
        };
        if !first {
            out.push(if join { '_' } else { ' ' });
        }
        out.push_str(&piece);
        first = false;
        join = false;
    }
    Some(out)
}

/// The 3-letter codes of a type ("GOVMED" → GOV, MED).
fn codes_of(t: &str) -> Vec<&str> {
    (0..t.len() / 3)
        .filter_map(|i| t.get(i * 3..i * 3 + 3))
        .collect()
}

/// A verb form of a block: the verb word, the words of the form before and after it.
struct VerbKey<'a> {
    lemma: String,
    before: Vec<String>,
    after: Vec<String>,
    code: Option<&'a CodeSpec>,
}

impl VerbKey<'_> {
    fn same_form(&self, other: &VerbKey<'_>) -> bool {
        (&self.lemma, &self.before, &self.after) == (&other.lemma, &other.before, &other.after)
    }

    /// A pattern's elements around this form: the form's other words joined to the verb.
    fn elements(&self, pre: &[Element], post: &[Element]) -> Vec<Element> {
        let mut out: Vec<Element> = pre.to_vec();
        for w in &self.before {
            out.push(Element::Word(w.clone()));
            out.push(Element::Joint);
        }
        out.push(Element::Verb);
        for w in &self.after {
            out.push(Element::Joint);
            out.push(Element::Word(w.clone()));
        }
        out.extend(post.iter().cloned());
        out
    }
}

/// The target slot a pattern's `+` after the verb names: the preposition right before it
/// (skipped phrases aside: `* IFTAR AT ^ ^ +` → `prep:at`), else the object (`* + IN ...`).
fn plus_slot(post: &[Element]) -> Option<String> {
    let k = post.iter().position(|e| *e == Element::Target)?;
    for e in post[..k].iter().rev() {
        match e {
            Element::Skip | Element::Joint | Element::PrepOpen | Element::NounOpen => {}
            Element::Word(w) if is_prep(w) => return Some(format!("prep:{}", w.to_lowercase())),
            _ => break,
        }
    }
    let prep_before = post[..k]
        .iter()
        .any(|e| matches!(e, Element::Word(w) if is_prep(w)));
    (!prep_before).then(|| "obj".to_string())
}

/// The slot of a target (or, with the roles swapped, source) `marker` after skipped phrases
/// (`IN ^ +`, `TABASKI ^ $`) or, swapped, right after a word (`MAY_DAY $`): the first actor
/// after the word before it, the `^` phrases passed over (`after:WORD:N`).
fn skip_slot(post: &[Element], marker: &Element, swapped: bool) -> Option<String> {
    let k = post.iter().position(|e| e == marker)?;
    let mut skips = 0;
    for e in post[..k].iter().rev() {
        match e {
            Element::Skip => skips += 1,
            Element::Joint | Element::NounOpen | Element::NounClose => {}
            Element::Word(w) if skips > 0 || swapped => {
                let last = w.rsplit(['_', ' ']).find(|x| !x.is_empty())?;
                return Some(format!("after:{}:{skips}", last.to_lowercase()));
            }
            _ => return None,
        }
    }
    None
}

/// Convert parsed PETRARCH dictionaries into dyad's dictionaries.
pub fn convert(
    verbs: &VerbDict,
    actors: &ActorDict,
    agents: Option<&AgentDict>,
    discards: Option<&Discards>,
    opts: ConvertOptions,
) -> Result<PetrarchCoding, ConvertError> {
    let mut losses = Losses {
        transformations: verbs.transformations.len(),
        ..Losses::default()
    };
    let bundled = EventCodeTable::bundled();
    let mut book = CodeBook::new(bundled);
    let mut rows: Vec<PatternRow> = Vec::new();
    let mut pattern_codes = HashMap::new();
    let mut paired = HashMap::new();
    let mut reverse_only: BTreeSet<String> = BTreeSet::new();
    let mut null_patterns: BTreeSet<String> = BTreeSet::new();
    let file = verbs.file.as_str();
    for block in &verbs.blocks {
        // the block's verbs: (the verb word, the form's words before and after it, own code);
        // the other words of a multi-word form are words the sentence must have next to the
        // verb ("CORDON OFF" → cordon with `*_off`, "WIRE_+TAP" → tap with `wire_*`)
        let mut lemmas: Vec<VerbKey<'_>> = Vec::new();
        for v in &block.verbs {
            let words: Vec<String> = v.words.iter().map(|w| w.to_lowercase()).collect();
            let Some(lemma) = words.get(v.head).cloned() else {
                losses.verb_forms_dropped += 1;
                continue;
            };
            let key = VerbKey {
                lemma,
                before: words[..v.head].to_vec(),
                after: words[v.head + 1..].to_vec(),
                code: v.code.as_ref(),
            };
            if !lemmas.iter().any(|k| k.same_form(&key)) {
                lemmas.push(key);
            }
        }
        for p in &block.patterns {
            if p.code.is_null() {
                losses.patterns_null_code += 1;
            }
            for (k, form) in lemmas.iter().enumerate() {
                let Some(words) = word_sequence(verbs, &form.elements(&p.pre, &p.post)) else {
                    losses.patterns_unmatchable += 1;
                    continue;
                };
                let own = form.code;
                // `[---]`: the pattern matches and the verb's own code is coded instead, as in
                // PETRARCH; a verb without a code of its own codes nothing
                let spec = if p.code.is_null() {
                    own.or(block.code.as_ref()).filter(|c| !c.is_null())
                } else {
                    Some(&p.code)
                };
                let id = format!("{file}:{}:{k}", p.line);
                // `+ ... * ... $`: the subject is the target, the actor after the verb the source
                // `W + * ...` with no `$`: the verb's subject is the target, the governing
                // clause's subject the source ("NOTED + *": "Gondor noted that Mordor regretted")
                let governed =
                    p.pre.contains(&Element::Target) && !p.post.contains(&Element::Source);
                let swapped = (p.pre.contains(&Element::Target)
                    && p.post.contains(&Element::Source))
                    || governed;
                let code = match spec {
                    Some(spec) => {
                        // `[:b]` codes target → source; with the roles swapped that is the
                        // subject → the actor after the verb again
                        let (code, swap) = match spec.reverse_only() {
                            Some(c) => (c, !swapped),
                            None => (spec.primary.as_str(), swapped),
                        };
                        let code = book.intern(code, &mut losses);
                        if swap {
                            reverse_only.insert(id.clone());
                        }
                        if let (None, Some(c)) = (spec.reverse_only(), &spec.paired) {
                            paired.insert(id.clone(), book.intern(c, &mut losses));
                        }
                        code
                    }
                    None => {
                        null_patterns.insert(id.clone());
                        book.intern(NULL_CODE, &mut losses)
                    }
                };
                // a particle is checked as a word: the parser need not attach it as a particle
                let verb = form.lemma.clone();
                let marker = if swapped {
                    Element::Source
                } else {
                    Element::Target
                };
                let slot = skip_slot(&p.post, &marker, swapped)
                    .or_else(|| plus_slot(&p.post))
                    .or_else(|| first_prep_slot(&p.post));
                let mut targets: Vec<String> = slot.into_iter().collect();
                if governed {
                    targets = vec!["governor".to_string()];
                }
                for t in default_targets().iter().filter(|_| !governed) {
                    if !targets.iter().any(|x| x == t) {
                        targets.push(t.clone());
                    }
                }
                pattern_codes.insert(id.clone(), code.clone());
                rows.push(PatternRow {
                    id,
                    code,
                    verb,
                    object: "-".into(),
                    targets: targets.join("|"),
                    words,
                });
            }
        }
        // the defaults: each verb's own code or the block's
        for (k, form) in lemmas.iter().enumerate() {
            let Some(spec) = form.code.or(block.code.as_ref()) else {
                continue;
            };
            if spec.is_null() {
                continue;
            }
            let reverse = spec.reverse_only();
            let code = book.intern(reverse.unwrap_or(&spec.primary), &mut losses);
            let id = format!("{file}:{}:{k}", block.line);
            pattern_codes.insert(id.clone(), code.clone());
            if reverse.is_some() {
                reverse_only.insert(id.clone());
            } else if let Some(pc) = &spec.paired {
                let pc = book.intern(pc, &mut losses);
                paired.insert(id.clone(), pc);
            }
            rows.push(PatternRow {
                id,
                code,
                verb: form.lemma.clone(),
                object: "-".into(),
                targets: default_targets().join("|"),
                words: if form.before.is_empty() && form.after.is_empty() {
                    "-".into()
                } else {
                    word_sequence(verbs, &form.elements(&[], &[])).unwrap_or_else(|| "-".into())
                },
            });
        }
    }
    let mut tsv = String::from("id\tcode\tverb\tobject\ttarget\texample\texpect\n");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for r in &rows {
        if !seen.insert(r.id.clone()) {
            continue;
        }
        let _ = writeln!(
            tsv,
            "{}\t{}\t{}\t{}\t{}\t-\t-\t{}",
            r.id, r.code, r.verb, r.object, r.targets, r.words
        );
        if !opts.require_dyad {
            let _ = writeln!(
                tsv,
                "{}/notarget\t{}\t{}\t{}\t-\t-\t-\t{}",
                r.id, r.code, r.verb, r.object, r.words
            );
            if null_patterns.contains(&r.id) {
                null_patterns.insert(format!("{}/notarget", r.id));
            }
            pattern_codes.insert(format!("{}/notarget", r.id), r.code.clone());
            if reverse_only.contains(&r.id) {
                reverse_only.insert(format!("{}/notarget", r.id));
            }
            if let Some(pc) = paired.get(&r.id).cloned() {
                paired.insert(format!("{}/notarget", r.id), pc);
            }
        }
    }
    let table_text = book.table_text(bundled);
    let codes = EventCodeTable::from_tsv("petrarch-codes.tsv", &table_text)
        .map_err(|e| ConvertError(e.to_string()))?;
    let verb_dict = VerbDictionary::parse(&[("petrarch-verbs", &tsv)], "", &codes)
        .map_err(|e| ConvertError(e.to_string()))?;
    let texts = actor_texts(actors, agents, &mut losses);
    let src = ActorSources {
        countries: &texts.countries,
        countries_extra: "country = []\n",
        agents: &texts.agents,
        groups: &texts.groups,
        international: "actor = []\n",
        people: &texts.people,
    };
    let actor_dict =
        ActorDictionary::from_sources(&src).map_err(|e| ConvertError(e.to_string()))?;
    let mut rules = CodingRules::parse(dyad_lexicon::rules::BUNDLED_RULES)
        .map_err(|e| ConvertError(e.to_string()))?;
    // PETRARCH codes what a pattern says, whatever the modality; the real code is restored
    // in `finish` from the pattern id (every root needs an intent code so none is dropped)
    rules.future_auxiliaries.clear();
    rules.intent_code_by_root = (1..=99)
        .map(|r| format!("{r:02}"))
        .filter(|r| codes.get(r).is_some())
        .map(|r| (r.clone(), r))
        .collect();
    rules.off_topic_classes.clear();
    // PETRARCH codes negated and hypothetical clauses as their patterns say ("NOT * [112]",
    // "WOULD NOT *")
    rules.negators.clear();
    rules.negative_pronouns.clear();
    rules.negating_governors.clear();
    rules.hypothetical_auxiliaries.clear();
    rules.hypothetical_markers.clear();
    // coordinated subjects with no target act on each other, whatever the verb
    // ("Gondor and Osgiliath have renewed diplomatic ties")
    rules.reciprocal_roots = rules.intent_code_by_root.keys().cloned().collect();
    // PETRARCH's verbs are word forms: "met" is MET's, not MEET's
    rules.verbs_by_form = true;
    // PETRARCH reads a noun phrase with its prepositional phrases as one actor: "soldiers
    // from Gondor", "lawmakers in Fornost"
    rules.agent_country_cases = Defaults::bundled().agent_country_cases.clone();
    // PETRARCH finds the source before the verb when the clause's own subject names none
    // ("Ethiopia indicated it would act now")
    rules.pronoun_antecedents = true;
    // PETRARCH treats a clause as passive only with a "by" phrase
    rules.agentless_passive_active = true;
    // PETRARCH codes business actors, company names and any subject like any other
    rules.private_actor_codes.clear();
    rules.press_statement_roots.clear();
    rules.actor_pair_codes.clear();
    rules.non_agent_subject_classes.clear();
    rules.unasserting_nouns.clear();
    rules.company_name_words.clear();
    // PETRARCH leaves a bare role without a country ("police" is `---COP`)
    rules.story_country_types.clear();
    rules.opening_country_types.clear();
    rules.participle_clause_subjects = false;
    rules.document_pronouns.clear();
    rules.named_earlier = false;
    rules.place_fallbacks = false;
    rules.carried_date_days = None;
    rules.representative_nouns.clear();
    rules.attack_noun_agent = None;
    rules.reported_arrest = None;
    rules.nominal_event = None;
    // PETRARCH codes a noun phrase by every agent word in it: "the primary official news
    // agency" is `---GOV`
    rules.role_modifiers_name_actors = true;
    // a pattern with words before its verb ("+ HOSTING * MAY_DAY $") reaches back over a
    // purpose clause to the governor's subject ("Mordor will be hosting Osgiliath to
    // celebrate May Day")
    rules.purpose_clause_subjects = true;
    Ok(PetrarchCoding {
        actors: actor_dict,
        verbs: verb_dict,
        codes,
        rules,
        pattern_codes,
        paired,
        reverse_only,
        null_patterns,
        aliases: book.aliases,
        discards: discards.cloned().unwrap_or_default(),
        losses,
        verb_tsv: tsv,
        skipped: verbs
            .skipped
            .iter()
            .chain(&actors.skipped)
            .chain(agents.iter().flat_map(|a| &a.skipped))
            .cloned()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{parse_actors, parse_agents};
    use crate::discards::parse_discards;
    use crate::verbs::parse_verbs;
    use dyad_coder::{ActorRef, EventDate, VerbRef};

    #[test]
    fn skip_slots() {
        let w = |x: &str| Element::Word(x.into());
        // `IFTAR IN ^ +`, `TABASKI ^ $` (swapped), `MAY_DAY $` (swapped), `WITH +` (none)
        let post = [w("IFTAR"), w("IN"), Element::Skip, Element::Target];
        assert_eq!(
            skip_slot(&post, &Element::Target, false).as_deref(),
            Some("after:in:1")
        );
        let post = [w("TABASKI"), Element::Skip, Element::Source];
        assert_eq!(
            skip_slot(&post, &Element::Source, true).as_deref(),
            Some("after:tabaski:1")
        );
        let post = [w("MAY_DAY"), Element::Source];
        assert_eq!(
            skip_slot(&post, &Element::Source, true).as_deref(),
            Some("after:day:0")
        );
        let post = [w("WITH"), Element::Target];
        assert_eq!(skip_slot(&post, &Element::Target, false), None);
    }

    const VERBS: &str = "\
&BONDS
+TRADE
+CULTURAL_EXCHANGE

--- MEND  [064]  ---
MEND
PATCH_UP [065]
WIRE_+TAP
- * &BONDS TIES [066]
- * (WITH +) [067:068]
- SAID * [010]
- * SECRETLY [0X1]
- * (TO HARBOR) [---]
";

    const ACTORS: &str = "\
VALERIA_ [VAL]
+THE_VALE
BREE [BRE]
ORCHID_LEAGUE [IGOORC]
TOMAS_QUILL
\t[VALGOV 20100101-20121231]
\t[VALELI]
TWIN_HALLS [AAA/BBB]
";

    fn coding(require_dyad: bool) -> PetrarchCoding {
        let v = parse_verbs("v.txt", VERBS).expect("verbs");
        let a = parse_actors("a.txt", ACTORS).expect("actors");
        let g =
            parse_agents(
                "g.txt",
                "HARBOR_WARDEN [~COPHRB]\nRELIEF_BODY [NGO~]\nCHIEF_HARBOR_WARDEN [~ELI]\nWARDEN [~COP]\n",
            )
            .expect("agents");
        let d = parse_discards("d.txt", "+REGATTA\n").expect("discards");
        convert(&v, &a, Some(&g), Some(&d), ConvertOptions { require_dyad }).expect("converts")
    }

    #[test]
    fn verbs_become_dependency_patterns() {
        let c = coding(true);
        let rows: Vec<Vec<&str>> = c
            .verb_tsv
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect())
            .collect();
        let find = |id: &str| rows.iter().find(|r| r[0] == id).cloned();
        // synset + noun: the words after the verb, the synset's phrases as alternatives
        let r = find("v.txt:9:0").expect("synset pattern");
        assert_eq!(r[1..4], ["066", "mend", "-"]);
        assert_eq!(r[7], "* trade|cultural+exchange ties");
        // the PP with its target first
        let r = find("v.txt:10:1").expect("pp pattern");
        assert_eq!(r[2], "patch");
        assert!(r[4].starts_with("prep:with|obj|first|"), "{r:?}");
        assert_eq!(r[7], "*_up with");
        // a form of its own code; the other words of a form are joined to the verb
        let r = find("v.txt:5:1").expect("default of PATCH UP");
        assert_eq!((r[1], r[2], r[7]), ("065", "patch", "*_up"));
        let r = find("v.txt:5:2").expect("default of WIRE_+TAP");
        assert_eq!((r[1], r[2], r[7]), ("064", "tap", "wire_*"));
        assert_eq!(find("v.txt:5:0").expect("default of MEND")[7], "-");
        assert_eq!(c.losses.verb_forms_dropped, 0);
        // words before the verb are kept
        let r = find("v.txt:11:0").expect("pre pattern");
        assert_eq!((r[1], r[7]), ("010", "said *"));
        // `[---]` codes the verb's own code (PETRARCH's fallback)
        assert_eq!(find("v.txt:13:0").expect("null")[1], "064");
        assert_eq!(find("v.txt:13:1").expect("null")[1], "065");
        assert_eq!(c.losses.patterns_null_code, 1);
        // a non-numeric code gets a stand-in
        let r = find("v.txt:12:0").expect("aliased");
        assert_eq!(r[1], "9900");
        assert_eq!(c.losses.codes_aliased, 1);
        assert!(!c.verb_tsv.contains("/notarget"));
        assert!(coding(false).verb_tsv.contains("v.txt:9:0/notarget"));
    }

    #[test]
    fn pattern_words_keep_joints_and_the_plus_slot() {
        let v = parse_verbs(
            "v.txt",
            "--- HOLD [010] ---\nHOLD\n- RECENTLY_* [011]\n- * FEAST AT ^ WITH + [012]\n- * IN_ $ [013]\n- + * FROM $ [014]\n",
        )
        .expect("verbs");
        let c = convert(
            &v,
            &ActorDict::default(),
            None,
            None,
            ConvertOptions::default(),
        )
        .expect("converts");
        let row = |id: &str| -> Vec<String> {
            c.verb_tsv
                .lines()
                .find(|l| l.starts_with(&format!("{id}\t")))
                .map(|l| l.split('\t').map(str::to_string).collect())
                .unwrap_or_default()
        };
        assert_eq!(row("v.txt:3:0")[7], "recently_*");
        let r = row("v.txt:4:0");
        assert_eq!(r[7], "* feast at with");
        assert!(r[4].starts_with("prep:with|obj|"), "{r:?}");
        // a `_` before an actor mark joins nothing
        assert_eq!(row("v.txt:5:0")[7], "* in");
        // `+ * ... $`: the subject is the target
        let got = c.finish(vec![event("v.txt:6:0", "VAL", Some("BRE"), "014")]);
        assert_eq!(
            (got[0].source.code.as_deref(), got[0].target.code.as_deref()),
            (Some("BRE"), Some("VAL"))
        );
    }

    #[test]
    fn actors_and_agents_become_dyad_entries() {
        let c = coding(true);
        let d = c.actor_dictionary();
        let code_of = |text: &str, date: Option<&str>| -> Vec<String> {
            let toks: Vec<&str> = text.split(' ').collect();
            let date = date.and_then(|s| s.parse().ok());
            d.find(&toks, date)
                .iter()
                .map(|m| d.entry(m.entry).code_on(date).unwrap_or("-").to_string())
                .collect()
        };
        assert_eq!(code_of("The Vale and Bree", None), ["VAL", "BRE"]);
        assert_eq!(code_of("the Orchid League", None), ["IGOORC"]);
        assert_eq!(code_of("Tomas Quill", Some("2011-05-05")), ["VALGOV"]);
        assert_eq!(code_of("Tomas Quill", Some("2015-05-05")), ["VALELI"]);
        assert_eq!(code_of("Twin Halls", None), ["AAA/BBB"]);
        // agents: the whole type of 3-letter codes; prefix placed as suffix
        assert_eq!(code_of("harbor wardens", None), ["COPHRB"]);
        assert_eq!(code_of("Bree harbor wardens", None), ["BRE", "COPHRB"]);
        assert_eq!(c.losses.agent_codes_cut, 0);
        // an agent phrase inside a longer one adds its code, once
        assert_eq!(code_of("chief harbor warden", None), ["ELICOPHRB"]);
        assert_eq!(code_of("harbor wardens", None), ["COPHRB"]);
        assert_eq!(c.losses.agents_prefix, 1);
        // countries keep dyad's ids; other entries cite FILE:LINE
        assert_eq!(d.entry(d.find(&["Bree"], None)[0].entry).id, "country-BRE");
        let league = d.find(&["Orchid", "League"], None);
        assert_eq!(d.entry(league[0].entry).id, "a.txt:4");
    }

    fn event(rule: &str, src: &str, tgt: Option<&str>, code: &str) -> Event {
        let actor = |c: &str| ActorRef {
            text: Some(c.to_lowercase()),
            code: Some(c.to_string()),
            entry: None,
            country: None,
        };
        Event {
            event_id: "e".into(),
            doc_id: "d".into(),
            sentence_index: 0,
            sentence: "s".into(),
            source: actor(src),
            target: tgt.map_or_else(ActorRef::none, actor),
            cameo: code.into(),
            root: code[..2].into(),
            quad_class: 1,
            goldstein: 0.0,
            plover: "X".into(),
            date: EventDate {
                start: None,
                end: None,
                precision: "document".into(),
                text: None,
            },
            location: None,
            fatalities: None,
            fatalities_text: None,
            verb: VerbRef {
                text: "v".into(),
                rule: rule.into(),
                rules: Vec::new(),
            },
        }
    }

    #[test]
    fn finish_pairs_restores_and_splits() {
        let c = coding(true);
        let got = c.finish(vec![
            event("v.txt:10:0", "VAL", Some("BRE"), "067"),
            event("v.txt:9:0+intent", "VAL", Some("BRE"), "06"),
            event("v.txt:12:0", "AAA/BBB", Some("VAL"), "9900"),
        ]);
        let triples: Vec<(String, String, String)> = got
            .iter()
            .map(|e| {
                (
                    e.source.code.clone().unwrap_or_default(),
                    e.target.code.clone().unwrap_or_default(),
                    e.cameo.clone(),
                )
            })
            .collect();
        let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            triples,
            [
                t("VAL", "BRE", "067"),
                t("BRE", "VAL", "068"),
                t("VAL", "BRE", "066"),
                t("AAA", "VAL", "0X1"),
                t("BBB", "VAL", "0X1"),
            ]
        );
        assert_eq!(got[1].verb.rule, "v.txt:10:0+paired");
        // an event given twice in a sentence (a pairing and a second verb) is kept once
        let got = c.finish(vec![
            event("v.txt:10:0", "VAL", Some("BRE"), "067"),
            event("other", "BRE", Some("VAL"), "068"),
        ]);
        assert_eq!(got.len(), 2);
        // `[---]` of a verb with a code of its own codes that code
        let got = c.finish(vec![event("v.txt:13:0", "VAL", Some("BRE"), "064")]);
        assert_eq!(got[0].cameo, "064");
        // reciprocal events for every root, verbs by form, no negation filter
        assert!(c.rules.reciprocal_roots.iter().any(|r| r == "17"));
        assert!(c.rules.verbs_by_form && c.rules.negators.is_empty());
        assert!(c.discard("At the regatta today").is_some());
    }
}
