//! Resolution of the cases the coder meets most, one test per behaviour.

use dyad_places::{Gazetteer, Place, PlaceContext, Precision};

fn resolve(tokens: &[&str], countries: &[&str]) -> Option<(Place, usize)> {
    Gazetteer::bundled().resolve(tokens, &PlaceContext { countries })
}

fn one(tokens: &[&str], countries: &[&str]) -> Place {
    match resolve(tokens, countries) {
        Some((p, used)) => {
            assert_eq!(
                used,
                tokens.len(),
                "{tokens:?} resolved to {p:?} using {used} tokens"
            );
            p
        }
        None => panic!("{tokens:?} (context {countries:?}) did not resolve"),
    }
}

#[test]
fn bundled_data_parses_fully_with_expected_counts() {
    let c = Gazetteer::bundled().counts();
    assert!(c.countries >= 240, "{c:?}");
    assert!(c.admin1 >= 3_000, "{c:?}");
    assert!(c.cities >= 30_000, "{c:?}");
}

#[test]
fn amman_is_a_jordanian_city_and_jordan_the_country() {
    let p = one(&["Amman"], &[]);
    assert_eq!((p.country.as_str(), p.precision), ("JOR", Precision::City));
    let p = one(&["Jordan"], &[]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("JOR", Precision::Country)
    );
}

#[test]
fn in_jordan_with_context_found_in_a_sentence() {
    let gaz = Gazetteer::bundled();
    let ctx = PlaceContext {
        countries: &["JOR", "USA"],
    };
    let found = gaz.find_all(&["Talks", "were", "held", "in", "Jordan", "."], &ctx);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1.country.as_str(), found[0].2),
        (4, "JOR", 1)
    );
    assert_eq!(found[0].1.precision, Precision::Country);
    // part of a longer proper name: not a place
    assert!(gaz
        .find_all(&["He", "met", "Michael", "Jordan", "."], &ctx)
        .is_empty());
    // the sentence's first word is capitalised anyway
    let found = gaz.find_all(&["In", "Baghdad", ",", "protesters", "marched"], &ctx);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1.country.as_str()), (1, "IRQ"));
}

#[test]
fn georgia_is_the_country_unless_the_document_is_american() {
    let p = one(&["Georgia"], &[]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("GEO", Precision::Country)
    );
    let p = one(&["Georgia"], &["USA"]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("USA", Precision::Admin1)
    );
    assert_eq!(p.admin1.as_deref(), Some("Georgia"));
    // a US city earlier in the document gives the context
    let gaz = Gazetteer::bundled();
    let (atlanta, _) = gaz
        .resolve(&["Atlanta"], &PlaceContext::default())
        .expect("Atlanta");
    let ctx = [atlanta.country.as_str()];
    let p = one(&["Georgia"], &ctx);
    assert_eq!(p.precision, Precision::Admin1);
    // both countries in the document: the country
    let p = one(&["Georgia"], &["USA", "GEO"]);
    assert_eq!(p.precision, Precision::Country);
}

#[test]
fn paris_is_french_but_paris_texas_is_american() {
    let p = one(&["Paris"], &[]);
    assert_eq!(p.country, "FRA");
    let p = one(&["Paris"], &["USA"]);
    assert_eq!(
        p.country, "FRA",
        "a capital of 2 million beats a town of the context"
    );
    let p = one(&["Paris", ",", "Texas"], &[]);
    assert_eq!(
        (p.country.as_str(), p.admin1.as_deref()),
        ("USA", Some("Texas"))
    );
    let p = one(&["Springfield", ",", "Illinois"], &[]);
    assert_eq!(
        (p.country.as_str(), p.admin1.as_deref()),
        ("USA", Some("Illinois"))
    );
}

#[test]
fn tripoli_follows_the_context() {
    assert_eq!(one(&["Tripoli"], &[]).country, "LBY");
    assert_eq!(one(&["Tripoli"], &["LBY"]).country, "LBY");
    assert_eq!(one(&["Tripoli"], &["LBN"]).country, "LBN");
    assert_eq!(one(&["Tripoli", ",", "Lebanon"], &[]).country, "LBN");
}

#[test]
fn multi_word_names() {
    let p = one(&["New", "York"], &[]);
    assert_eq!(
        (p.name.as_str(), p.precision),
        ("New York City", Precision::City)
    );
    let p = one(&["Deir", "el-Balah"], &[]);
    assert_eq!(p.country, "PSE");
    let p = one(&["Deir", "el", "-", "Balah"], &[]);
    assert_eq!(p.country, "PSE");
    let p = one(&["Rio", "de", "Janeiro"], &[]);
    assert_eq!((p.country.as_str(), p.precision), ("BRA", Precision::City));
    // longest match at the start; the rest is left
    let (p, used) = resolve(&["New", "Delhi", "said", "Monday"], &[]).expect("New Delhi");
    assert_eq!((p.name.as_str(), used), ("New Delhi", 2));
}

#[test]
fn regions_of_countries() {
    for (tokens, code, north) in [
        (&["northern", "Iraq"][..], "IRQ", Some(true)),
        (&["southern", "Lebanon"][..], "LBN", Some(false)),
        (&["eastern", "Ukraine"][..], "UKR", None),
        (&["Northern", "Iraq"][..], "IRQ", Some(true)),
    ] {
        let p = one(tokens, &[]);
        assert_eq!(
            (p.country.as_str(), p.precision),
            (code, Precision::Region),
            "{tokens:?}"
        );
        let centre = one(&tokens[1..], &[]);
        match north {
            Some(true) => assert!(p.lat > centre.lat, "{p:?}"),
            Some(false) => assert!(p.lat < centre.lat, "{p:?}"),
            None => assert!(p.lon > centre.lon, "{p:?}"),
        }
    }
    assert_eq!(one(&["northern", "Iraq"], &[]).name, "northern Iraq");
    // names that begin with a direction are names
    assert_eq!(one(&["South", "Sudan"], &[]).precision, Precision::Country);
    assert_eq!(one(&["North", "Korea"], &[]).country, "PRK");
}

#[test]
fn possessive_division_and_division_words() {
    let p = one(&["Iraq", "'s", "Anbar", "province"], &[]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("IRQ", Precision::Admin1)
    );
    assert_eq!(p.admin1.as_deref(), Some("Al Anbar"));
    let p = one(&["Ukraine", "'s", "Donetsk", "region"], &[]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("UKR", Precision::Admin1)
    );
    let p = one(&["Syria's", "Idlib", "province"], &[]);
    assert_eq!(
        (p.country.as_str(), p.precision),
        ("SYR", Precision::Admin1)
    );
    let p = one(&["Donetsk", "region"], &[]);
    assert_eq!(p.precision, Precision::Admin1);
    // "X's Y" where Y is a city
    let p = one(&["Syria", "'s", "Aleppo"], &[]);
    assert_eq!((p.country.as_str(), p.precision), ("SYR", Precision::City));
    // "Iraq's" then a verb: the country, the possessive not used
    let (p, used) = resolve(&["Iraq", "'s", "government"], &[]).expect("Iraq");
    assert_eq!((p.country.as_str(), used), ("IRQ", 1));
}

#[test]
fn common_words_and_lowercase_never_match() {
    for w in [
        "Of",
        "Split",
        "Bath",
        "Reading",
        "March",
        "Mobile",
        "Nice",
        "Sale",
        "Police",
        "Most",
        "Bar",
        "Date",
        "Union",
        "Opportunity",
        "Hope",
        "Central",
        "Northern",
    ] {
        assert!(
            resolve(&[w], &[]).is_none(),
            "{w} resolved: {:?}",
            resolve(&[w], &[])
        );
    }
    for w in ["amman", "paris", "iraq", "new york"] {
        let toks: Vec<&str> = w.split(' ').collect();
        assert!(resolve(&toks, &[]).is_none(), "{w}");
    }
    // qualified, a common word is a place
    let p = one(&["Reading", ",", "England"], &[]);
    assert_eq!(p.country, "GBR");
}

#[test]
fn an_acronym_names_no_town() {
    // "UN" is a town in India by its letters; written in capitals it is the United Nations
    for w in ["UN", "U.N."] {
        assert!(
            resolve(&[w], &[]).is_none(),
            "{w}: {:?}",
            resolve(&[w], &[])
        );
    }
    assert_eq!(one(&["Un"], &[]).country, "IND");
    // a country's acronym still resolves
    assert_eq!(one(&["UAE"], &[]).country, "ARE");
}

#[test]
fn candidates_are_case_and_accent_insensitive() {
    let gaz = Gazetteer::bundled();
    let a = gaz.candidates("Bogotá");
    assert!(!a.is_empty());
    assert_eq!(a, gaz.candidates("BOGOTA"));
    assert!(gaz
        .candidates("Sanaa")
        .iter()
        .any(|id| gaz.get(*id).is_some_and(|p| p.country == "YEM")));
    assert_eq!(gaz.candidates("Sanaa"), gaz.candidates("Sana'a"));
}

#[test]
fn malformed_data_is_an_error_naming_the_line() {
    let err = Gazetteer::from_data("country\tX\tXXX\t\tnorth\t0\t0\t\n", "", "").err();
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        msg.contains("gazetteer.tsv:1") && msg.contains("lat"),
        "{msg}"
    );
    let err = Gazetteer::from_data("", "ZZZ\t\tFoo\n", "").err();
    assert!(err.is_some());
}

#[test]
fn index_build_time() {
    // Not a timed assertion: prints the fastest of five fresh builds (run the release tests
    // with --nocapture to see it; the machine's load makes single runs noisy).
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let g = Gazetteer::from_data(
            include_str!("../data/gazetteer.tsv"),
            include_str!("../data/extra_names.tsv"),
            include_str!("../data/not_places.txt"),
        );
        times.push(t.elapsed());
        assert!(g.is_ok());
    }
    times.sort();
    println!(
        "gazetteer index built in {:?} (fastest of 5; median {:?})",
        times[0], times[2]
    );
}

#[test]
fn news_spellings_of_conflict_regions_resolve() {
    for (tokens, country) in [
        (&["Baluchistan"][..], "PAK"),
        (&["Hodeidah"][..], "YEM"),
        (&["Gezira"][..], "SDN"),
        (&["Taiz"][..], "YEM"),
    ] {
        assert_eq!(one(tokens, &[]).country, country, "{tokens:?}");
    }
}

#[test]
fn the_gulf_and_the_white_house_are_no_places_to_put_an_event() {
    assert!(
        resolve(&["Gulf"], &[]).is_none(),
        "not Papua New Guinea's Gulf Province"
    );
    assert!(
        resolve(&["White", "House"], &[]).is_none(),
        "not Casablanca"
    );
}
