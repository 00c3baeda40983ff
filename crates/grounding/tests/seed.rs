//! The seed article's acceptance (issue 5), on our own paraphrase of its sentences, published
//! 2024-02-11 (a Sunday): the resumed talks on 2024-02-11, the first meeting on 2024-01-27,
//! the drone strike on 2024-01-28 in Jordan with 3 dead, the agreement of August 2023 (month
//! precision) and the strike of the week before (week precision) that killed one commander.

use dyad_grounding::{Date, DocumentState, Grounder, Grounding};

mod support;

/// The paraphrase, one sentence a line.
const DOC: [&str; 4] = [
    "Baghdad and the American-led coalition resumed negotiations Sunday over the drawdown of troops posted in the country for years to fight the Islamic State.",
    "The first round was held Jan. 27, but it was suspended after Iran-aligned fighters hit a U.S. base in Jordan the very next day with a drone that killed three American service members.",
    "In the weeks since, Washington has carried out a series of retaliatory strikes in Iraq and Syria, including a strike last week that killed a senior commander of the Kataib Hezbollah militia.",
    "Both governments had agreed last August to open negotiations on ending the coalition's mission.",
];

/// Ground the first word `verb` of every listed sentence, reading the whole document in order.
fn ground(events: &[(usize, &str)]) -> Vec<Grounding> {
    let model = dyad_nlp::Model::bundled().expect("bundled model");
    let grounder = Grounder::bundled();
    let mut state = DocumentState::new(Date::constant(2024, 2, 11));
    let mut out = Vec::new();
    for (k, text) in DOC.iter().enumerate() {
        let forms = support::forms(text);
        let an = model.annotate(&forms);
        let words = support::words(&an);
        let tree = dyad_tree::Tree::new(&words, &forms, &[]);
        let sentence = grounder.read(&mut state, &tree);
        for &(i, verb) in events {
            if i == k {
                let v = forms.iter().position(|f| *f == verb).expect("verb");
                out.push(grounder.ground(&sentence, &state, v, &[]));
            }
        }
    }
    out
}

fn date(g: &Grounding) -> (String, String, &'static str) {
    (
        g.date
            .as_ref()
            .map(|d| d.start.to_string())
            .unwrap_or_default(),
        g.date
            .as_ref()
            .map(|d| d.end.to_string())
            .unwrap_or_default(),
        g.date.as_ref().map_or("", |d| d.precision),
    )
}

#[test]
fn seed_article_dates_place_and_fatalities() {
    let g = ground(&[
        (0, "resumed"),
        (1, "held"),
        (1, "hit"),
        (2, "killed"),
        (2, "carried"),
        (3, "open"),
    ]);
    let [resumed, held, hit, killed, carried, open] = &g[..] else {
        panic!("six events grounded");
    };
    assert_eq!(
        date(resumed),
        ("2024-02-11".into(), "2024-02-11".into(), "day")
    );
    assert_eq!(
        date(held),
        ("2024-01-27".into(), "2024-01-27".into(), "day")
    );
    assert_eq!(date(hit), ("2024-01-28".into(), "2024-01-28".into(), "day"));
    let place = &hit.place.as_ref().expect("the strike's place").location;
    assert_eq!(
        (place.country.as_str(), place.precision.as_str()),
        ("JOR", "country")
    );
    assert_eq!(hit.fatalities, Some(3));
    assert_eq!(held.fatalities, None);
    // the strike of last week (Sunday to Saturday before publication) killed one commander
    assert_eq!(
        date(killed),
        ("2024-02-04".into(), "2024-02-10".into(), "week")
    );
    assert_eq!(killed.fatalities, Some(1));
    // the campaign of strikes: "in the weeks since" the drone strike, in Iraq
    assert_eq!(
        date(carried),
        ("2024-01-28".into(), "2024-02-11".into(), "range")
    );
    assert_eq!(
        carried.place.as_ref().map(|p| p.location.country.as_str()),
        Some("IRQ")
    );
    assert_eq!(
        date(open),
        ("2023-08-01".into(), "2023-08-31".into(), "month")
    );
    assert_eq!(open.place, None);
}

/// Skimming a sentence (forms only, no parse) moves the document state exactly as reading it:
/// the same date anchor and the same countries after every sentence of the paraphrase.
#[test]
fn skimming_moves_the_state_as_reading_does() {
    let model = dyad_nlp::Model::bundled().expect("bundled model");
    let grounder = Grounder::bundled();
    let mut read = DocumentState::new(Date::constant(2024, 2, 11));
    let mut skimmed = read.clone();
    for text in DOC {
        let forms = support::forms(text);
        let an = model.annotate(&forms);
        let words = support::words(&an);
        let tree = dyad_tree::Tree::new(&words, &forms, &[]);
        grounder.read(&mut read, &tree);
        grounder.skim(&mut skimmed, &forms);
        assert_eq!(read.anchor(), skimmed.anchor(), "{text}");
        assert_eq!(read.countries(), skimmed.countries(), "{text}");
    }
    assert!(read.anchor().is_some());
    assert!(!read.countries().is_empty());
}
