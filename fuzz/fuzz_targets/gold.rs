//! Fuzz target `gold`: bytes as a gold file through `dyad_eval::read_gold`; the first byte
//! picks the format (dyad JSONL, PETRARCH validation XML, PLOVER GSR). Checks that an error
//! names the file and a line of it, that every expected event has a valid CAMEO code and
//! normalised actor codes, and that a dyad JSONL file gives at most one record a line.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_eval::{read_gold, Expected, GoldFormat};
use dyad_fuzz::MAX_INPUT;

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = match mode % 3 {
        0 => GoldFormat::Dyad,
        1 => GoldFormat::PetrarchXml,
        _ => GoldFormat::PloverGsr,
    };
    let lines = text.lines().count().max(1);
    match read_gold(format, "gold", text) {
        Err(e) => {
            assert_eq!(e.file, "gold");
            assert!(e.line <= lines + 1, "{e} (of {lines} lines)");
            assert!(!e.message.is_empty(), "an error without a message");
        }
        Ok(records) => {
            if format == GoldFormat::Dyad {
                assert!(records.len() <= lines, "more records than lines");
            }
            for r in &records {
                if let Expected::Events(events) = &r.expected {
                    assert!(!events.is_empty(), "Expected::Events with no events");
                    for e in events {
                        assert!(!e.codes.is_empty(), "an event without a code");
                        for c in &e.codes {
                            assert!(
                                !c.is_empty()
                                    && c.len() <= 6
                                    && c.chars().all(|c| c.is_ascii_alphanumeric()),
                                "bad CAMEO code {c:?}"
                            );
                        }
                        for code in e.sources.iter().chain(&e.targets).flatten() {
                            assert!(
                                !code.is_empty() && !code.starts_with("---"),
                                "code {code:?}"
                            );
                            assert_eq!(code, &code.to_uppercase(), "code {code:?} not upper case");
                        }
                    }
                }
                if format == GoldFormat::PetrarchXml {
                    assert_eq!(
                        r.text,
                        r.text.split_whitespace().collect::<Vec<_>>().join(" ")
                    );
                }
            }
        }
    }
});
