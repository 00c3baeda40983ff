//! Fuzz target `api_params`: bytes as a query string through `dyad_serve::params` the way the
//! API's handlers read it (every endpoint's names allowed: the filters, paging, `by`,
//! `baseline`, `quiet_days`, `goldstein_drop`, `sentence`). Checks that a failure is a 400
//! naming a parameter, and that what parses is what the store may be given: upper-case
//! letter-and-digit codes, digit CAMEO codes, a two-digit root, QuadClass 1–4, YYYY-MM-DD
//! days in order, a three-letter country, numbers within their bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;

use dyad_fuzz::MAX_INPUT;
use dyad_serve::params::{Params, FILTER_PARAMS};

const EXTRA: &[&str] = &[
    "limit",
    "offset",
    "by",
    "baseline",
    "quiet_days",
    "goldstein_drop",
    "sentence",
];

fn code_ok(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 40
        && c.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn bad(e: &dyad_serve::ApiError, query: &str) {
    assert_eq!(e.status.as_u16(), 400, "{query:?}: {e}");
    assert!(
        e.parameter.is_some(),
        "{query:?}: an error naming no parameter: {e}"
    );
    assert!(!e.message.is_empty());
}

fuzz_target!(|data: &[u8]| {
    let data = &data[..data.len().min(MAX_INPUT)];
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let mut allowed = FILTER_PARAMS.to_vec();
    allowed.extend_from_slice(EXTRA);
    let p = match Params::parse(Some(query), &allowed) {
        Ok(p) => p,
        Err(e) => return bad(&e, query),
    };
    for name in allowed.iter() {
        if let Some(v) = p.get(name) {
            assert!(!v.is_empty(), "{name} given empty");
        }
    }
    match p.filter() {
        Err(e) => bad(&e, query),
        Ok((f, _level)) => {
            for c in [&f.actor, &f.source, &f.target].into_iter().flatten() {
                assert!(code_ok(c), "actor code {c:?}");
            }
            if let Some((a, b)) = &f.dyad {
                assert!(code_ok(a) && code_ok(b), "dyad {a:?}-{b:?}");
            }
            if let Some(c) = &f.code {
                assert!(!c.is_empty() && c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()));
            }
            if let Some(r) = &f.root {
                assert!(
                    r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()),
                    "root {r:?}"
                );
            }
            if let Some(q) = f.quad {
                assert!((1..=4).contains(&q), "quad {q}");
            }
            for d in [&f.from, &f.to].into_iter().flatten() {
                assert!(
                    d.len() == 10 && d.parse::<jiff::civil::Date>().is_ok(),
                    "day {d:?}"
                );
            }
            if let (Some(a), Some(b)) = (&f.from, &f.to) {
                let (a, b): (jiff::civil::Date, jiff::civil::Date) = match (a.parse(), b.parse()) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => panic!("days that do not parse"),
                };
                assert!(a <= b, "from {a} after to {b}");
            }
            if let Some(c) = &f.country {
                assert!(
                    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()),
                    "country {c:?}"
                );
            }
            if let Some(t) = &f.text {
                assert!(!t.trim().is_empty(), "empty search text");
            }
        }
    }
    if let Err(e) = p.period() {
        bad(&e, query);
    }
    for (name, lo, hi, default) in [
        ("limit", 1, 1000, 100),
        ("offset", 0, 10_000_000, 0),
        ("baseline", 1, 52, 4),
        ("quiet_days", 1, 3650, 7),
        ("sentence", 0, u64::from(u32::MAX), 0),
    ] {
        match p.int(name, lo, hi, default) {
            Ok(n) => assert!((lo..=hi).contains(&n), "{name} = {n}"),
            Err(e) => bad(&e, query),
        }
    }
    match p.number("goldstein_drop", 0.1, 20.0, 2.0) {
        Ok(x) => assert!(
            x.is_finite() && (0.1..=20.0).contains(&x),
            "goldstein_drop = {x}"
        ),
        Err(e) => bad(&e, query),
    }
});
