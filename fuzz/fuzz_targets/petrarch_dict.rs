//! Fuzz target `petrarch_dict`: bytes as PETRARCH/TABARI dictionary files. The first byte
//! picks the reader — verbs, actors, agents or discards, each strict and `_reporting` — or, for
//! the rest, splits the input at NUL bytes into a verbs, actors, agents and discards file and
//! runs what `petrarch::load_files` runs: the reporting readers, then `convert` into dyad's
//! dictionaries (and a coder over them). Checks that every error and every skipped line names
//! a line of its file, that a file the strict reader accepts reads the same, with nothing
//! skipped, through the reporting reader, and that the discard list matches its own phrases.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_fuzz::MAX_INPUT;
use dyad_petrarch::actors::parse_actors_reporting_into;
use dyad_petrarch::actors::{parse_actors, parse_agents, parse_agents_reporting};
use dyad_petrarch::discards::parse_discards;
use dyad_petrarch::verbs::{parse_verbs, parse_verbs_reporting};
use dyad_petrarch::{convert, ActorDict, ConvertOptions, DictError};

fn check_line(e: &DictError, file: &str, text: &str) {
    let lines = text.lines().count().max(1);
    assert_eq!(e.file, file, "error names another file");
    assert!(e.line >= 1 && e.line <= lines, "{e} (of {lines} lines)");
    assert!(!e.message.is_empty(), "an error without a message");
}

fn strict_and_reporting<T: PartialEq + std::fmt::Debug>(
    text: &str,
    strict: Result<T, DictError>,
    reporting: Result<T, DictError>,
    skipped: impl Fn(&T) -> &[DictError],
) {
    match (&strict, &reporting) {
        (Ok(a), Ok(b)) => {
            assert!(
                skipped(b).is_empty(),
                "the strict reader took what was skipped"
            );
            assert_eq!(a, b, "strict and reporting readers disagree");
        }
        (Ok(_), Err(e)) => panic!("the reporting reader refuses what the strict one took: {e}"),
        (Err(e), Ok(b)) => {
            check_line(e, "f", text);
            assert!(
                !skipped(b).is_empty(),
                "strict error {e} but nothing skipped"
            );
        }
        (Err(a), Err(b)) => {
            check_line(a, "f", text);
            check_line(b, "f", text);
        }
    }
    if let Ok(b) = &reporting {
        for e in skipped(b) {
            check_line(e, "f", text);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match mode % 5 {
        0 => strict_and_reporting(
            text,
            parse_verbs("f", text),
            parse_verbs_reporting("f", text),
            |d| &d.skipped,
        ),
        1 => {
            let mut reporting = ActorDict::default();
            let r = parse_actors_reporting_into(&mut reporting, "f", text).map(|()| reporting);
            strict_and_reporting(text, parse_actors("f", text), r, |d| &d.skipped);
        }
        2 => strict_and_reporting(
            text,
            parse_agents("f", text),
            parse_agents_reporting("f", text),
            |d| &d.skipped,
        ),
        3 => match parse_discards("f", text) {
            Ok(d) => {
                for p in d.phrases.iter().take(16) {
                    assert!(!p.words.is_empty(), "a discard phrase without words");
                    // words of other characters are cut differently in text: not checked
                    if !p
                        .words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))
                    {
                        continue;
                    }
                    let sentence = format!("Before {} after.", p.words.join(" "));
                    assert!(
                        d.check(&sentence).is_some(),
                        "discard phrase {:?} does not match {sentence:?}",
                        p.words
                    );
                }
            }
            Err(e) => check_line(&e, "f", text),
        },
        _ => {
            let mut parts = text.splitn(4, '\0');
            let verbs_text = parts.next().unwrap_or("");
            let actors_text = parts.next().unwrap_or("");
            let agents_text = parts.next();
            let discards_text = parts.next();
            let Ok(verbs) = parse_verbs_reporting("verbs", verbs_text) else {
                return;
            };
            let mut actors = ActorDict::default();
            if parse_actors_reporting_into(&mut actors, "actors", actors_text).is_err() {
                return;
            }
            let agents = match agents_text.map(|t| parse_agents_reporting("agents", t)) {
                Some(Ok(a)) => Some(a),
                Some(Err(_)) => return,
                None => None,
            };
            let discards = match discards_text.map(|t| parse_discards("discards", t)) {
                Some(Ok(d)) => Some(d),
                Some(Err(_)) => return,
                None => None,
            };
            // a conversion error is reported to the user; a panic is the bug
            if let Ok(coding) = convert(
                &verbs,
                &actors,
                agents.as_ref(),
                discards.as_ref(),
                ConvertOptions::default(),
            ) {
                let _coder = coding.coder();
                let skipped = verbs.skipped.len()
                    + actors.skipped.len()
                    + agents.as_ref().map_or(0, |a| a.skipped.len());
                assert_eq!(coding.skipped.len(), skipped, "skipped lines lost");
            }
        }
    }
});
