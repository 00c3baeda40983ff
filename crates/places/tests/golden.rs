//! The golden table `tests/golden.tsv`: every row must resolve as written. Prints the
//! accuracy reached (run with `--nocapture` to see it) and fails on any mismatch.

use dyad_places::{Gazetteer, PlaceContext};

#[test]
fn golden_resolutions() {
    let gaz = Gazetteer::bundled();
    let (mut total, mut right) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (i, line) in include_str!("golden.tsv").lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "golden.tsv:{}: too few columns", i + 1);
        let tokens: Vec<&str> = cols[0].split(' ').collect();
        let countries: Vec<&str> = if cols[1] == "-" {
            Vec::new()
        } else {
            cols[1].split(',').collect()
        };
        let got = gaz.resolve(
            &tokens,
            &PlaceContext {
                countries: &countries,
            },
        );
        total += 1;
        let ok = match (cols[2], &got) {
            ("NONE", None) => true,
            ("NONE", Some(_)) | (_, None) => false,
            (code, Some((p, used))) => {
                *used == tokens.len()
                    && p.country == code
                    && cols.get(3) == Some(&p.precision.as_str())
                    && cols.get(4) == Some(&p.name.as_str())
                    && cols.get(5).is_none_or(|a| p.admin1.as_deref() == Some(*a))
            }
        };
        if ok {
            right += 1;
        } else {
            failures.push(format!("golden.tsv:{}: {line:?} got {got:?}", i + 1));
        }
    }
    println!(
        "golden place resolutions: {right}/{total} ({:.1}%)",
        100.0 * right as f64 / total as f64
    );
    assert!(total >= 60, "only {total} golden rows");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
