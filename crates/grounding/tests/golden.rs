//! The golden grounding set as a regression test: date, place and fatality accuracy must
//! stay at or above floors just under what the grounder reaches (the figures are printed by
//! `cargo run --release -p dyad-grounding --example grounding_bench`).

mod gold;

#[test]
fn golden_set_accuracy_floors() {
    let cases = gold::load(&gold::default_path()).expect("gold/grounding.jsonl loads");
    assert!(
        cases.len() >= 120,
        "the golden set has {} sentences",
        cases.len()
    );
    let run = gold::run(&cases).expect("every case runs");
    let [date, country, finer, fatal] = gold::tally(&run.outcomes);
    let rate = |(k, n): (usize, usize)| k as f64 / n as f64;
    let report = format!(
        "date {}/{}, place country {}/{}, place finer {}/{}, fatalities {}/{}",
        date.0, date.1, country.0, country.1, finer.0, finer.1, fatal.0, fatal.1
    );
    assert!(rate(date) >= 0.97, "date accuracy fell: {report}");
    assert!(
        rate(country) >= 0.95,
        "place accuracy (country) fell: {report}"
    );
    assert!(rate(finer) >= 0.91, "place accuracy (finer) fell: {report}");
    assert!(rate(fatal) >= 0.95, "fatality accuracy fell: {report}");
}
