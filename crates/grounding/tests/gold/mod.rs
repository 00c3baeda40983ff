//! The golden grounding set (`gold/grounding.jsonl`, format in `gold/README.md`): loading,
//! running every case through the tokenizer, the bundled parser and the grounder, and
//! scoring. Shared by the integration test `tests/golden.rs` and the example
//! `grounding_bench`; it reads the file it is given and never writes anything.

#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use dyad_grounding::{Date, DocumentState, Grounder, Grounding};
use dyad_places::Gazetteer;
use serde::Deserialize;

#[path = "../support/mod.rs"]
mod support;

/// One line of the golden file.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// Document id: consecutive lines with the same id form one document.
    pub doc: String,
    /// Publication date.
    pub date: String,
    /// The sentence.
    pub text: String,
    /// The event verb as written.
    pub verb: String,
    /// Which occurrence of `verb` (1-based).
    #[serde(default = "one")]
    pub occurrence: usize,
    /// The expected grounding.
    pub expect: Expect,
    /// What the case tests.
    #[serde(default)]
    pub tags: Vec<String>,
}

fn one() -> usize {
    1
}

/// The expected date, place and fatalities.
#[derive(Debug, Clone, Deserialize)]
pub struct Expect {
    /// start, end, precision.
    pub date: ExpectDate,
    /// The place, or null.
    pub place: Option<ExpectPlace>,
    /// The count, or null.
    pub fatalities: Option<u32>,
    /// For vague counts: the phrase.
    #[serde(default)]
    pub fatalities_text: Option<String>,
}

/// An expected date.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectDate {
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Precision name.
    pub precision: String,
}

/// An expected place.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectPlace {
    /// ISO3.
    pub country: String,
    /// city, admin1, country or region.
    pub precision: String,
    /// A name of the city (any of its gazetteer names).
    #[serde(default)]
    pub name: Option<String>,
    /// The first-level division, spelled as in the gazetteer.
    #[serde(default)]
    pub admin1: Option<String>,
}

/// A case's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Index of the case.
    pub case: usize,
    /// What the grounder said.
    pub got: Grounding,
    /// start, end and precision exact.
    pub date_ok: bool,
    /// Place null when expected null, else the same country.
    pub country_ok: bool,
    /// Place correct at the expected precision (city name, admin1, region or country).
    pub finer_ok: bool,
    /// Count (and, for vague counts, phrase) exact.
    pub fatal_ok: bool,
}

/// The run's outcomes and timings.
pub struct Run {
    /// One per case, in order.
    pub outcomes: Vec<Outcome>,
    /// Time spent tokenizing and parsing.
    pub parse_time: Duration,
    /// Time spent in `Grounder::read` and `Grounder::ground`.
    pub ground_time: Duration,
}

/// Read the golden file.
pub fn load(path: &Path) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// The golden file of the repository.
pub fn default_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../gold/grounding.jsonl")
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|e| format!("bad date {s:?}: {e}"))
}

/// Tokenize, parse and ground every case, documents in order.
pub fn run(cases: &[Case]) -> Result<Run, String> {
    let model = dyad_nlp::Model::bundled().map_err(|e| e.to_string())?;
    let grounder = Grounder::bundled();
    let mut outcomes = Vec::new();
    let mut parse_time = Duration::ZERO;
    let mut ground_time = Duration::ZERO;
    let mut state: Option<(String, DocumentState)> = None;
    for (i, case) in cases.iter().enumerate() {
        let published = parse_date(&case.date)?;
        if state.as_ref().map(|(d, _)| d != &case.doc).unwrap_or(true) {
            state = Some((case.doc.clone(), DocumentState::new(published)));
        }
        let Some((_, doc)) = state.as_mut() else {
            return Err("no document state".into());
        };
        let t0 = Instant::now();
        let forms = support::forms(&case.text);
        let analysis = model.annotate(&forms);
        parse_time += t0.elapsed();
        let words = support::words(&analysis);
        let tree = dyad_tree::Tree::new(&words, &forms, &[]);
        let verb = forms
            .iter()
            .enumerate()
            .filter(|(_, f)| **f == case.verb)
            .nth(case.occurrence.saturating_sub(1))
            .map(|(k, _)| k)
            .ok_or_else(|| format!("case {}: no verb {:?} in {:?}", i + 1, case.verb, case.text))?;
        let t1 = Instant::now();
        let sentence = grounder.read(doc, &tree);
        let got = grounder.ground(&sentence, doc, verb, &[]);
        ground_time += t1.elapsed();
        outcomes.push(score(i, case, got));
    }
    Ok(Run {
        outcomes,
        parse_time,
        ground_time,
    })
}

fn same_name(expected: &str, got_name: &str, got_country: &str) -> bool {
    if expected.eq_ignore_ascii_case(got_name) {
        return true;
    }
    let gaz = Gazetteer::bundled();
    gaz.candidates(expected).iter().any(|id| {
        gaz.get(*id)
            .is_some_and(|p| p.name == got_name && p.country == got_country)
    })
}

fn score(case_index: usize, case: &Case, got: Grounding) -> Outcome {
    let e = &case.expect;
    let date_ok = got.date.as_ref().is_some_and(|d| {
        d.start.to_string() == e.date.start
            && d.end.to_string() == e.date.end
            && d.precision == e.date.precision
    });
    let (country_ok, finer_ok) = match (&e.place, &got.place) {
        (None, None) => (true, true),
        (Some(x), Some(g)) => {
            let g = &g.location;
            let country = x.country == g.country;
            let finer = country
                && x.precision == g.precision
                && match x.precision.as_str() {
                    "city" => {
                        x.name
                            .as_deref()
                            .is_none_or(|n| same_name(n, &g.name, &g.country))
                            && x.admin1
                                .as_deref()
                                .is_none_or(|a| g.admin1.as_deref() == Some(a))
                    }
                    "admin1" => x
                        .admin1
                        .as_deref()
                        .is_none_or(|a| g.admin1.as_deref() == Some(a)),
                    _ => true,
                };
            (country, finer)
        }
        _ => (false, false),
    };
    let fatal_ok = got.fatalities == e.fatalities
        && match (&e.fatalities_text, e.fatalities) {
            (Some(t), None) => got.fatalities_text.as_deref() == Some(t.as_str()),
            _ => true,
        };
    Outcome {
        case: case_index,
        got,
        date_ok,
        country_ok,
        finer_ok,
        fatal_ok,
    }
}

/// (correct, total) for each of date, place country, place finer, fatalities.
pub fn tally(outcomes: &[Outcome]) -> [(usize, usize); 4] {
    let n = outcomes.len();
    let count = |f: fn(&Outcome) -> bool| (outcomes.iter().filter(|o| f(o)).count(), n);
    [
        count(|o| o.date_ok),
        count(|o| o.country_ok),
        count(|o| o.finer_ok),
        count(|o| o.fatal_ok),
    ]
}
