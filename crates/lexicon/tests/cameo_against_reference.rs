//! Checks the bundled CAMEO event-code table against the reference files it was generated
//! from (GDELT lookups and Schrodt's CAMEO2PLOVER crosswalk) in `/work/shared/data`,
//! found at `../../../shared/data` relative to this crate. The reference files are
//! required: if they are missing the test fails, it does not skip.
//!
//! Every intentional difference from the references is listed here and in the table's
//! header comment; anything else is a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use dyad_lexicon::event_codes::{EventCode, EventCodeTable};

/// Codes whose names we deliberately take from the CAMEO 1.1b3 codebook instead of
/// GDELT's (shifted) labels.
const CODEBOOK_NAMES: [&str; 7] = ["101", "102", "103", "105", "106", "107", "108"];
/// Codes whose GDELT names have typos or encoding damage we fixed.
const TYPO_FIXES: [&str; 5] = ["033", "0355", "044", "183", "2041"];
/// Crosswalk codes that are not CAMEO 1.1b3 / GDELT codes.
const CROSSWALK_ONLY: [&str; 2] = ["1213", "1214"];
/// Crosswalk modes we dropped as not being PLOVER modes of the row's event.
const DROPPED_MODES: [(&str, &str); 4] = [
    ("085", "ease"),
    ("1321", "political"),
    ("1712", "seize"),
    ("175", "pro_autocracy"),
];

fn reference(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => text.replace('\r', ""),
        Err(err) => panic!(
            "REFERENCE FILE MISSING: cannot read {} ({err}). This test checks the bundled \
             CAMEO table against the shared reference data and must not be skipped.",
            path.display()
        ),
    }
}

/// Tab-separated rows of a reference file, header line dropped.
fn rows(text: &str) -> Vec<Vec<&str>> {
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(!rows.is_empty(), "reference file has no rows");
    rows
}

fn codes_of(table: &EventCodeTable) -> BTreeSet<&str> {
    table.iter().map(EventCode::code).collect()
}

/// Lower-case, letters/digits only, single spaces: compares names modulo case, spacing
/// and punctuation.
fn normalize(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn goldstein_values_match_gdelt() {
    let text = reference("cameo/CAMEO.goldsteinscale.txt");
    let reference: BTreeMap<&str, f32> = rows(&text)
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), 2, "goldstein row {r:?}");
            let value = r[1].trim().parse::<f32>();
            (r[0].trim(), value.unwrap_or_else(|e| panic!("{r:?}: {e}")))
        })
        .collect();
    let table = EventCodeTable::bundled();
    assert_eq!(reference.len(), 311);
    assert_eq!(
        codes_of(table),
        reference.keys().copied().collect::<BTreeSet<_>>(),
        "code sets differ"
    );
    for code in table {
        assert_eq!(
            Some(code.goldstein()),
            reference.get(code.code()).copied(),
            "Goldstein value of {}",
            code.code()
        );
    }
}

#[test]
fn codes_and_names_match_gdelt_eventcodes() {
    let text = reference("cameo/CAMEO.eventcodes.txt");
    let mut reference: BTreeMap<String, String> = BTreeMap::new();
    for r in rows(&text) {
        assert_eq!(r.len(), 2, "eventcodes row {r:?}");
        let (code, mut name) = (r[0].trim(), r[1]);
        // GDELT fused 106 into the 1056 row: "...engagement106:[-5.0] Demand withdrawal".
        if let Some(bracket) = name.find(":[") {
            let digits = name[..bracket]
                .bytes()
                .rev()
                .take_while(u8::is_ascii_digit)
                .count();
            let fused_code = &name[bracket - digits..bracket];
            let after = &name[bracket + 2..];
            let close = after.find(']').expect("closing bracket");
            let goldstein: f32 = after[..close].parse().expect("fused Goldstein value");
            let fused = EventCodeTable::bundled()
                .get(fused_code)
                .unwrap_or_else(|| panic!("fused code {fused_code} missing from our table"));
            assert_eq!(fused.goldstein(), goldstein, "fused {fused_code}");
            assert!(reference
                .insert(fused_code.to_owned(), after[close + 1..].to_owned())
                .is_none());
            name = &name[..bracket - digits];
        }
        assert!(
            reference.insert(code.to_owned(), name.to_owned()).is_none(),
            "duplicate {code}"
        );
    }

    let table = EventCodeTable::bundled();
    assert_eq!(
        codes_of(table),
        reference
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        "code sets differ"
    );
    for code in table {
        let ours = normalize(code.name());
        let theirs = normalize(&reference[code.code()]);
        let overridden = CODEBOOK_NAMES.contains(&code.code()) || TYPO_FIXES.contains(&code.code());
        if overridden {
            assert_ne!(ours, theirs, "{} no longer needs an override", code.code());
        } else {
            assert_eq!(ours, theirs, "name of {}", code.code());
        }
        let first = code.name().chars().next().expect("non-empty name");
        assert!(first.is_ascii_uppercase(), "sentence case: {}", code.name());
        if code.is_root() {
            assert_ne!(
                code.name(),
                code.name().to_uppercase(),
                "root name in capitals"
            );
        }
    }
}

#[test]
fn quad_classes_match_root_mapping() {
    let text = reference("cameo/CAMEO.quadclass.txt");
    let reference: BTreeMap<&str, u8> = rows(&text)
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), 3, "quadclass row {r:?}");
            (r[0].trim(), r[1].trim().parse::<u8>().expect("quad class"))
        })
        .collect();
    assert_eq!(reference.len(), 20);
    let table = EventCodeTable::bundled();
    for code in table {
        assert_eq!(
            Some(code.quad_class().number()),
            reference.get(code.root()).copied(),
            "quad class of {}",
            code.code()
        );
    }
}

#[test]
fn plover_types_match_crosswalk() {
    let text = reference("plover/CAMEO2PLOVER-2021.txt");
    // code -> [(type, mode)]; root 08 is listed twice (CONCEDE, RETREAT).
    let mut crosswalk: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for line in text.lines() {
        let body = line.split('#').next().unwrap_or_default().trim();
        let Some((code, rest)) = body.split_once(':') else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut fields = rest.split(',').map(str::trim);
        let event = fields.next().unwrap_or_default();
        let mode = fields.next().unwrap_or_default();
        crosswalk.entry(code).or_default().push((event, mode));
    }
    assert!(
        crosswalk.len() > 250,
        "crosswalk parse found only {} codes",
        crosswalk.len()
    );

    let table = EventCodeTable::bundled();
    let listed: BTreeSet<&str> = crosswalk.keys().copied().collect();
    let ours = codes_of(table);
    assert_eq!(
        listed.difference(&ours).copied().collect::<Vec<_>>(),
        CROSSWALK_ONLY,
        "crosswalk codes missing from our table"
    );
    // Codes the crosswalk does not cover: exactly roots 01 (statements) and 02 (appeals).
    for code in ours.difference(&listed) {
        assert!(
            code.starts_with("01") || code.starts_with("02"),
            "{code} is not in the crosswalk"
        );
    }

    let mut checked = 0;
    for (code, entries) in &crosswalk {
        let Some(entry) = table.get(code) else {
            continue;
        };
        checked += 1;
        assert!(
            entries.iter().any(|(t, _)| *t == entry.plover_type()),
            "PLOVER type of {code}: ours {}, crosswalk {entries:?}",
            entry.plover_type()
        );
        let modes: Vec<&str> = entries.iter().map(|(_, m)| *m).collect();
        match entry.plover_mode() {
            Some(mode) => assert!(modes.contains(&mode), "mode of {code}: {mode} vs {modes:?}"),
            None => {
                for mode in modes.into_iter().filter(|m| !m.is_empty()) {
                    assert!(
                        DROPPED_MODES.contains(&(*code, mode)) || code.len() == 2,
                        "mode {mode:?} of {code} missing"
                    );
                }
            }
        }
    }
    assert_eq!(checked, 272, "crosswalk codes checked");
}
