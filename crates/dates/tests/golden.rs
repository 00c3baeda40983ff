//! Runs `tests/golden.tsv`: every line's first resolving mention must give the expected
//! range and precision (or no mention may resolve, for `NONE`). All mismatches are listed.

use dyad_dates::{Date, DateRange, DateResolver, Precision};

const GOLDEN: &str = include_str!("golden.tsv");

fn parse_date(s: &str, line: usize) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("golden.tsv line {line}: bad date {s:?}: {e}"))
}

fn parse_anchor(s: &str, line: usize) -> Option<DateRange> {
    if s == "-" {
        return None;
    }
    let (dates, precision) = match s.split_once(':') {
        Some((d, p)) => (
            d,
            Some(
                p.parse::<Precision>()
                    .unwrap_or_else(|e| panic!("line {line}: {e}")),
            ),
        ),
        None => (s, None),
    };
    let (start, end) = match dates.split_once("..") {
        Some((a, b)) => (parse_date(a, line), parse_date(b, line)),
        None => (parse_date(dates, line), parse_date(dates, line)),
    };
    let precision = precision.unwrap_or(if start == end {
        Precision::Day
    } else {
        Precision::Range
    });
    Some(DateRange {
        start,
        end,
        precision,
        text: "anchor".to_string(),
    })
}

#[test]
fn golden_file() {
    let resolver = DateResolver::bundled();
    let mut cases = 0;
    let mut failures = Vec::new();
    for (idx, raw) in GOLDEN.lines().enumerate() {
        let line = idx + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').collect();
        let (sentence, publication, anchor, expected) = match cols.as_slice() {
            [s, p, a, "NONE"] => (*s, *p, *a, None),
            [s, p, a, start, end, precision] => (
                *s,
                *p,
                *a,
                Some((
                    parse_date(start, line),
                    parse_date(end, line),
                    precision
                        .parse::<Precision>()
                        .unwrap_or_else(|e| panic!("golden.tsv line {line}: {e}")),
                )),
            ),
            _ => panic!("golden.tsv line {line}: expected 4 or 6 tab-separated columns: {raw:?}"),
        };
        cases += 1;
        let publication = parse_date(publication, line);
        let anchor = parse_anchor(anchor, line);
        let tokens: Vec<&str> = sentence.split(' ').collect();
        let got = resolver
            .find(&tokens)
            .iter()
            .find_map(|m| resolver.resolve(m, publication, anchor.as_ref()));
        let got_triple = got.as_ref().map(|r| (r.start, r.end, r.precision));
        if got_triple != expected {
            let show = |t: Option<(Date, Date, Precision)>| match t {
                Some((a, b, p)) => format!("{a} {b} {p}"),
                None => "NONE".to_string(),
            };
            failures.push(format!(
                "line {line}: {sentence:?}\n    expected {}\n    got      {} (text {:?})",
                show(expected),
                show(got_triple),
                got.map(|r| r.text).unwrap_or_default(),
            ));
        }
    }
    assert!(cases >= 60, "golden.tsv has only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
