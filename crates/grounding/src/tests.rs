//! Unit tests over sentences parsed with the bundled model, one family of expressions each,
//! and over malformed trees.

use super::*;
use dyad_dates::Date;

#[path = "../tests/support/mod.rs"]
mod support;

/// Parse `sentences` as one document published on `published`; ground the event whose verb
/// is the first word `verb` of sentence `index` (with `actors` as its actor countries).
fn ground_with(
    published: Date,
    sentences: &[&str],
    index: usize,
    verb: &str,
    actors: &[&str],
) -> Grounding {
    let model = dyad_nlp::Model::bundled().expect("bundled model");
    let g = Grounder::bundled();
    let mut state = DocumentState::new(published);
    let mut result = None;
    for (k, text) in sentences.iter().enumerate() {
        let forms = support::forms(text);
        let an = model.annotate(&forms);
        let words = support::words(&an);
        let tree = dyad_tree::Tree::new(&words, &forms, &[]);
        let s = g.read(&mut state, &tree);
        if k == index {
            let v = forms
                .iter()
                .position(|f| *f == verb)
                .expect("verb in sentence");
            result = Some(g.ground(&s, &state, v, actors));
        }
    }
    result.expect("sentence index in range")
}

fn ground_in(published: Date, sentences: &[&str], index: usize, verb: &str) -> Grounding {
    ground_with(published, sentences, index, verb, &[])
}

fn one(published: Date, sentence: &str, verb: &str) -> Grounding {
    ground_in(published, &[sentence], 0, verb)
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::constant(y, m, day)
}

fn dated(g: &Grounding) -> &GroundedDate {
    g.date.as_ref().expect("a dated document dates every event")
}

fn span(g: &Grounding) -> (String, String, &'static str) {
    let d = dated(g);
    (d.start.to_string(), d.end.to_string(), d.precision)
}

fn country(g: &Grounding) -> Option<String> {
    g.place.as_ref().map(|p| p.location.country.clone())
}

// ---- dates ----

#[test]
fn weekday_is_the_most_recent_one() {
    // published on a Wednesday: "Monday" is two days before, "Wednesday" the day itself
    let p = d(2024, 5, 1);
    let g = one(p, "Protesters marched in Nairobi on Monday.", "marched");
    assert_eq!(span(&g), ("2024-04-29".into(), "2024-04-29".into(), "day"));
    let g = one(p, "Protesters marched in Nairobi on Wednesday.", "marched");
    assert_eq!(span(&g), ("2024-05-01".into(), "2024-05-01".into(), "day"));
}

#[test]
fn abbreviated_month_day_crosses_the_year() {
    let g = one(
        d(2024, 1, 3),
        "Rebels seized the town on Dec. 30.",
        "seized",
    );
    assert_eq!(span(&g), ("2023-12-30".into(), "2023-12-30".into(), "day"));
    assert_eq!(dated(&g).text.as_deref(), Some("Dec. 30"));
}

#[test]
fn last_week_last_month_last_august() {
    let p = d(2024, 2, 11);
    let g = one(p, "Police arrested 20 protesters last week.", "arrested");
    assert_eq!(span(&g), ("2024-02-04".into(), "2024-02-10".into(), "week"));
    let g = one(
        p,
        "The two sides agreed last August to hold talks.",
        "agreed",
    );
    assert_eq!(
        span(&g),
        ("2023-08-01".into(), "2023-08-31".into(), "month")
    );
    let g = one(
        d(2024, 1, 8),
        "Police arrested hundreds of activists last month.",
        "arrested",
    );
    assert_eq!(
        span(&g),
        ("2023-12-01".into(), "2023-12-31".into(), "month")
    );
}

#[test]
fn earlier_this_month_and_leap_day() {
    let g = one(
        d(2024, 2, 29),
        "The army deployed troops in the north earlier this month.",
        "deployed",
    );
    assert_eq!(
        span(&g),
        ("2024-02-01".into(), "2024-02-29".into(), "range")
    );
    let g = one(
        d(2024, 3, 1),
        "The minister resigned yesterday.",
        "resigned",
    );
    assert_eq!(span(&g), ("2024-02-29".into(), "2024-02-29".into(), "day"));
}

#[test]
fn anaphors_take_the_last_date_of_the_document() {
    let doc = [
        "Rebels attacked the town of Goma on Jan. 30.",
        "Two days later, government troops retook the town.",
        "In the weeks since, thousands of residents have fled the region.",
    ];
    let p = d(2024, 2, 20);
    let g = ground_in(p, &doc, 1, "retook");
    assert_eq!(span(&g), ("2024-02-01".into(), "2024-02-01".into(), "day"));
    let g = ground_in(p, &doc, 2, "fled");
    assert_eq!(
        span(&g),
        ("2024-02-01".into(), "2024-02-20".into(), "range")
    );
    // without an earlier date the anaphor gives nothing: the publication date stands in
    let g = ground_in(p, &doc[1..], 0, "retook");
    assert_eq!(
        span(&g),
        ("2024-02-20".into(), "2024-02-20".into(), "document")
    );
    assert_eq!(dated(&g).text, None);
}

#[test]
fn the_clause_s_own_date_wins_over_the_sentence_s() {
    let doc = ["Talks began on Jan. 27, but were halted after militants struck a base in Jordan the very next day."];
    let p = d(2024, 2, 11);
    let g = ground_in(p, &doc, 0, "began");
    assert_eq!(span(&g), ("2024-01-27".into(), "2024-01-27".into(), "day"));
    let g = ground_in(p, &doc, 0, "struck");
    assert_eq!(span(&g), ("2024-01-28".into(), "2024-01-28".into(), "day"));
}

#[test]
fn a_clause_without_a_date_takes_the_sentence_s() {
    let g = one(
        d(2024, 2, 11),
        "Both sides had agreed last August to enter talks.",
        "enter",
    );
    assert_eq!(
        span(&g),
        ("2023-08-01".into(), "2023-08-31".into(), "month")
    );
    let g = one(d(2024, 2, 11), "Iran vowed to retaliate.", "vowed");
    assert_eq!(
        span(&g),
        ("2024-02-11".into(), "2024-02-11".into(), "document")
    );
}

// ---- places ----

#[test]
fn places_after_locative_prepositions() {
    let p = d(2024, 3, 8);
    let g = one(
        p,
        "Gunmen attacked a market near Mopti on Tuesday.",
        "attacked",
    );
    let place = g.place.expect("a place").location;
    assert_eq!(
        (
            place.name.as_str(),
            place.country.as_str(),
            place.precision.as_str()
        ),
        ("Mopti", "MLI", "city")
    );
    assert_eq!(place.text, "Mopti");
    let g = one(
        p,
        "Soldiers clashed with militants outside Kidal.",
        "clashed",
    );
    assert_eq!(country(&g).as_deref(), Some("MLI"));
    let g = one(p, "Militants struck a U.S. outpost in Jordan.", "struck");
    assert_eq!(country(&g).as_deref(), Some("JOR"));
}

#[test]
fn possessive_divisions_and_regions() {
    let p = d(2024, 1, 22);
    let g = one(
        p,
        "Airstrikes hit villages in Syria's Idlib province on Monday.",
        "hit",
    );
    let place = g.place.expect("a place").location;
    assert_eq!(
        (place.country.as_str(), place.precision.as_str()),
        ("SYR", "admin1")
    );
    let g = one(
        p,
        "Gunmen killed a candidate in northwestern Pakistan.",
        "killed",
    );
    let place = g.place.expect("a place").location;
    assert_eq!(
        (place.country.as_str(), place.precision.as_str()),
        ("PAK", "region")
    );
}

#[test]
fn same_names_follow_the_document() {
    let p = d(2023, 11, 20);
    let georgia = [
        "Protesters rallied in Tbilisi.",
        "Police detained dozens of people in Georgia.",
    ];
    assert_eq!(
        country(&ground_in(p, &georgia, 1, "detained")).as_deref(),
        Some("GEO")
    );
    let us = [
        "Storms hit Atlanta on Friday.",
        "Police detained dozens of people in Georgia.",
    ];
    let g = ground_in(p, &us, 1, "detained");
    assert_eq!(
        g.place.map(|p| (p.location.country, p.location.precision)),
        Some(("USA".into(), "admin1".into()))
    );
    // the event's actors count as context too
    let g = ground_with(
        p,
        &["Police detained dozens of people in Georgia."],
        0,
        "detained",
        &["USA"],
    );
    assert_eq!(country(&g).as_deref(), Some("USA"));
    let g = one(
        p,
        "A gunman shot dead three people in Paris, Texas.",
        "shot",
    );
    assert_eq!(
        g.place.and_then(|p| p.location.admin1).as_deref(),
        Some("Texas")
    );
}

#[test]
fn no_attached_place_is_no_place() {
    let p = d(2024, 3, 8);
    // the capital is never a default; a place in the subject is the actor's, not the event's
    assert_eq!(
        country(&one(
            p,
            "The government of Mali condemned the violence.",
            "condemned"
        )),
        None
    );
    assert_eq!(
        country(&one(
            p,
            "Police in Nairobi arrested 40 protesters.",
            "arrested"
        )),
        None
    );
    assert_eq!(
        country(&one(
            p,
            "Farmers blocked the border with Ukraine.",
            "blocked"
        )),
        None
    );
    // an event that comments on another does not take that event's place
    assert_eq!(
        country(&one(
            p,
            "The president condemned the deadly attack on a market in Kabul.",
            "condemned"
        )),
        None
    );
}

#[test]
fn actor_country_from_a_place_in_its_phrase() {
    let g = Grounder::bundled();
    let model = dyad_nlp::Model::bundled().expect("bundled model");
    let text = "Police in Nairobi fired tear gas at protesters.";
    let forms = support::forms(text);
    let an = model.annotate(&forms);
    let words = support::words(&an);
    let tree = dyad_tree::Tree::new(&words, &forms, &[]);
    let mut state = DocumentState::new(d(2024, 6, 25));
    let s = g.read(&mut state, &tree);
    assert_eq!(
        g.actor_country_from_place(&s, 0, &state).as_deref(),
        Some("KEN")
    );
    // "protesters" names no place
    let protesters = forms.iter().position(|f| *f == "protesters").expect("word");
    assert_eq!(g.actor_country_from_place(&s, protesters, &state), None);
    assert_eq!(state.countries(), ["KEN".to_string()]);
}

// ---- fatalities ----

#[test]
fn killing_verbs_with_digits_words_and_hedges() {
    let p = d(2024, 3, 8);
    let f = |s: &str, v: &str| {
        let g = one(p, s, v);
        (g.fatalities, g.fatalities_text)
    };
    assert_eq!(
        f("The drone killed three U.S. service members.", "killed").0,
        Some(3)
    );
    assert_eq!(
        f("Gunmen killed at least 12 villagers on Tuesday.", "killed").0,
        Some(12)
    );
    assert_eq!(
        f("The bombing killed 1,200 people.", "killed").0,
        Some(1200)
    );
    assert_eq!(
        f("Jihadists killed twenty-five soldiers.", "killed").0,
        Some(25)
    );
    assert_eq!(f("Gunmen killed a dozen villagers.", "killed").0, Some(12));
    assert_eq!(
        f(
            "Gunmen killed a local politician outside his home.",
            "killed"
        )
        .0,
        Some(1)
    );
    assert_eq!(
        f("At least 12 people were killed in the attack.", "killed").0,
        Some(12)
    );
    assert_eq!(f("More than 850 civilians have died.", "died").0, Some(850));
}

#[test]
fn vague_counts_keep_their_phrase() {
    let g = one(
        d(2023, 10, 10),
        "Israeli airstrikes killed dozens of civilians in Gaza.",
        "killed",
    );
    assert_eq!(
        (g.fatalities, g.fatalities_text.as_deref()),
        (None, Some("dozens of civilians"))
    );
    let g = one(
        d(2023, 10, 10),
        "The shelling killed hundreds of people.",
        "killed",
    );
    assert_eq!(
        (g.fatalities, g.fatalities_text.as_deref()),
        (None, Some("hundreds of people"))
    );
}

#[test]
fn deaths_reported_by_a_clause_of_the_event() {
    let p = d(2024, 3, 8);
    let g = one(
        p,
        "Gunmen attacked a police post in northern Nigeria, killing four officers.",
        "attacked",
    );
    assert_eq!(g.fatalities, Some(4));
    let g = one(
        p,
        "Militants struck a U.S. outpost with a drone that killed three soldiers.",
        "struck",
    );
    assert_eq!(g.fatalities, Some(3));
    let g = one(
        p,
        "Troops clashed with rebels in Cauca, leaving four soldiers dead.",
        "clashed",
    );
    assert_eq!(g.fatalities, Some(4));
}

#[test]
fn deaths_of_another_event_are_not_counted() {
    let p = d(2024, 3, 8);
    let g = one(
        p,
        "The president condemned the attack that killed 12 people.",
        "condemned",
    );
    assert_eq!((g.fatalities, g.fatalities_text), (None, None));
    let g = one(
        p,
        "The governor signed an order after storms killed five people.",
        "signed",
    );
    assert_eq!(g.fatalities, None);
    let g = one(p, "Ukrainian forces shot down 20 drones.", "shot");
    assert_eq!(g.fatalities, None);
    let g = one(p, "Protesters clashed with police in Paris.", "clashed");
    assert_eq!(g.fatalities, None);
}

// ---- robustness ----

#[test]
fn malformed_trees_never_panic() {
    let g = Grounder::bundled();
    let mut state = DocumentState::new(d(2024, 1, 1));
    let w = |head, deprel: &str| dyad_core::ParsedWord {
        span: dyad_core::Span::new(0, 0),
        upos: "VERB".into(),
        xpos: "VBD".into(),
        lemma: "kill".into(),
        head,
        deprel: deprel.into(),
    };
    // heads out of range, a cycle, a word that is its own head
    let forms = ["Gunmen", "killed", "three", "in", "Jordan", "Sunday"];
    let words = [
        w(2, "nsubj"),
        w(3, "amod"),
        w(2, "obj"),
        w(99, "case"),
        w(5, "obl"),
        w(0, "root"),
    ];
    // (repaired, and as the parser gave it)
    for tree in [
        dyad_tree::Tree::new(&words, &forms, &[]),
        dyad_tree::Tree::unrepaired(&words, &forms),
    ] {
        let s = g.read(&mut state, &tree);
        for v in 0..words.len() + 2 {
            let _ = g.ground(&s, &state, v, &["XXX"]);
            let _ = g.actor_country_from_place(&s, v, &state);
        }
    }
    // fewer forms than words
    let tree = dyad_tree::Tree::new(&words, &forms[..2], &[]);
    let s = g.read(&mut state, &tree);
    let _ = g.ground(&s, &state, 1, &[]);
    let tree = dyad_tree::Tree::new(&[], &[], &[]);
    let s = g.read(&mut state, &tree);
    let out = g.ground(&s, &state, 0, &[]);
    assert_eq!(dated(&out).precision, "document");
    assert_eq!(out.place, None);
}

#[test]
fn bad_word_lists_are_typed_errors() {
    assert!(Grounder::from_toml("not toml [").is_err());
    assert!(Grounder::from_toml(BUNDLED_WORDS).is_ok());
}

/// The date-trigger filter never hides a date: on every sentence of the golden set and of
/// the news sample (when present), a sentence where the finder finds a date passes it.
#[test]
fn date_trigger_filter_hides_no_date() {
    let g = Grounder::bundled();
    assert!(g.date_triggers.is_some(), "the filter is on");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut texts: Vec<String> = std::fs::read_to_string(root.join("gold/grounding.jsonl"))
        .expect("golden file")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    if let Ok(news) =
        std::fs::read_to_string(root.join("../shared/data/news/reuters21578-1mb.jsonl"))
    {
        texts.extend(
            news.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>()),
        );
    }
    let mut checked = 0;
    for text in &texts {
        let forms = support::forms(text);
        if !g.dates.find(&forms).is_empty() {
            assert!(g.may_hold_date(&forms), "filtered out a date: {text}");
            checked += 1;
        }
    }
    assert!(checked > 100);
}
