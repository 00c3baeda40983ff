//! End-to-end tests of `dyad eval`: a small gold file of our own scored with dyad's
//! dictionaries (table and JSON), a PETRARCH-format dictionary directory and validation XML
//! written by the test, and the errors for a malformed gold file and dictionary; and the
//! floors of the project's golden coding set and of the PETRARCH-1 unit-test records.

use std::path::PathBuf;

use serde_json::Value;

mod common;
use common::dyad;

/// A fresh directory under the target directory for this test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

const GOLD: &str = r#"{"id": "a", "date": "2024-10-01", "text": "Israeli warplanes struck targets in southern Lebanon on Tuesday.", "events": [{"source": "ISRMIL", "target": "LBN", "cameo": "195"}], "tags": ["strike"]}
{"id": "b", "date": "2024-10-01", "text": "The weather was mild in Paris on Tuesday.", "events": [], "tags": ["noise"]}
{"id": "c", "date": "2024-10-01", "text": "Russia condemned the decision by Poland.", "events": [{"source": "RUS", "target": "POL", "cameo": "0001"}], "tags": ["wrong"]}
"#;

#[test]
fn scores_a_small_gold_file() {
    let dir = scratch("eval-gold");
    let gold = dir.join("gold.jsonl");
    std::fs::write(&gold, GOLD).expect("write gold");
    let v = eval_json(&["--explain".as_ref(), "--gold".as_ref(), gold.as_os_str()]);
    assert_eq!(v["records"], 3);
    assert_eq!(v["scored"], 3);
    // b codes nothing and passes; c's gold code cannot be coded, so c fails; a passes exactly
    // when its one event is coded exactly
    let failed: Vec<&str> = v["failed"]
        .as_array()
        .expect("failed")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!failed.contains(&"b") && failed.contains(&"c"), "{v}");
    let exact = &v["levels"][2];
    assert_eq!(exact["level"], "exact");
    assert_eq!(exact["overall"]["gold"], 2);
    let a_passed = !failed.contains(&"a");
    assert_eq!(v["passed"]["passed"], 1 + u64::from(a_passed), "{v}");
    assert_eq!(exact["overall"]["matched"], u64::from(a_passed), "{v}");
    assert_eq!(v["per_category"]["wrong"]["passed"], 0);
    let misses: Vec<&Value> = v["explanations"]
        .as_array()
        .expect("explanations")
        .iter()
        .filter(|e| e["kind"] == "miss")
        .collect();
    assert!(misses.iter().any(|e| e["record"] == "c"), "{v}");
    // the table says the same
    let out = dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .output()
        .expect("dyad runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("3 read, 3 scored"), "{table}");
    assert!(table.contains("root+countries"), "{table}");
    assert!(table.contains("sentences/s"), "{table}");
}

const VERBS: &str = "\
# verbs written for this test
&BONDS
+TRADE

--- MEND  [064]  ---
MEND
- * &BONDS TIES [066]

--- DEPART [032:033] ---
DEPART
";

const ACTORS: &str = "\
VALERIA_ [VAL]
+VALERIAN
BREE [BRE]
";

const AGENTS: &str = "MINISTER [~GOV]\n";

const DISCARDS: &str = "+REGATTA\n";

const XML: &str = r#"<Validation>
<Sentences>
<Sentence date="20010203" id="T-01" category="VERB">
<EventCoding sourcecode="VAL" targetcode="BRE" eventcode="064"/>
<Text>Valeria mended relations with Bree.</Text>
</Sentence>
<Sentence date="20010203" id="T-02" category="SYNSET">
<EventCoding sourcecode="VAL" targetcode="BRE" eventcode="066"/>
<Text>Valeria mended trade ties with Bree.</Text>
</Sentence>
<Sentence date="20010203" id="T-03" category="ERROR">
<EventCoding error="storydiscard"/>
<Text>Valeria mended relations with Bree at the regatta.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

#[test]
fn petrarch_dictionaries_and_xml() {
    let dir = scratch("eval-petrarch");
    let dicts = dir.join("dicts");
    std::fs::create_dir_all(&dicts).expect("dicts dir");
    for (name, text) in [
        ("T.verbs.txt", VERBS),
        ("T.actors.txt", ACTORS),
        ("T.agents.txt", AGENTS),
        ("T.discards.txt", DISCARDS),
    ] {
        std::fs::write(dicts.join(name), text).expect("write dictionary");
    }
    let gold = dir.join("records.xml");
    std::fs::write(&gold, XML).expect("write gold");
    let v = eval_json(&[
        "--format".as_ref(),
        "petrarch-xml".as_ref(),
        "--gold".as_ref(),
        gold.as_os_str(),
        "--dictionaries".as_ref(),
        dicts.as_os_str(),
    ]);
    assert_eq!(v["records"], 3);
    assert_eq!(v["per_category"]["VERB"]["passed"], 1, "{v}");
    assert_eq!(v["per_category"]["SYNSET"]["passed"], 1, "{v}");
    assert_eq!(v["per_category"]["ERROR"]["passed"], 1, "{v}");
    assert!(v["conversion_losses"].is_object());

    // a malformed dictionary line is an error naming the file and line
    std::fs::write(dicts.join("T.actors.txt"), "VALERIA [VAL]\n+\n").expect("write");
    std::fs::write(
        dicts.join("T.verbs.txt"),
        "--- MEND [064] ---\nMEND\n- WORD [020]\n",
    )
    .expect("write");
    let out = dyad()
        .args(["eval", "--format", "petrarch-xml", "--gold"])
        .arg(&gold)
        .arg("--dictionaries")
        .arg(&dicts)
        .output()
        .expect("dyad runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("T.verbs.txt, line 3") || err.contains("T.actors.txt, line 2"),
        "{err}"
    );
}

#[test]
fn malformed_gold_is_an_error_with_its_line() {
    let dir = scratch("eval-bad");
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"text\": \"t\", \"events\": []}\n{oops\n",
    )
    .expect("write gold");
    let out = dyad()
        .args(["eval", "--gold"])
        .arg(&gold)
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
}

/// `dyad eval --json` on a gold file, as JSON.
fn eval_json(args: &[&std::ffi::OsStr]) -> Value {
    let out = dyad()
        .args(["eval", "--json"])
        .args(args)
        .output()
        .expect("dyad runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// The project's golden set (issue 4's acceptance: root-code precision >= 0.90 and recall
/// >= 0.80), and no more false events on the sentences that must give none than today.
#[test]
fn golden_coding_set_keeps_its_floors() {
    let gold = common::repo_root().join("gold/coding.jsonl");
    let v = eval_json(&["--gold".as_ref(), gold.as_os_str()]);
    let root = &v["levels"][0];
    assert_eq!(root["level"], "root");
    let p = root["overall"]["precision"].as_f64().unwrap_or(0.0);
    let r = root["overall"]["recall"].as_f64().unwrap_or(0.0);
    assert!(p >= 0.90 && r >= 0.80, "root P {p:.3} R {r:.3}");
    let passed = |c: &str| v["per_category"][c]["passed"].as_u64().unwrap_or(0);
    let total = |c: &str| v["per_category"][c]["total"].as_u64().unwrap_or(0);
    let noise_failed: u64 = ["sports", "business", "weather", "metaphor", "hypothetical"]
        .iter()
        .map(|c| total(c) - passed(c))
        .sum();
    assert!(
        noise_failed <= 2,
        "{noise_failed} distractor sentences coded"
    );
}

/// The PETRARCH-1 unit-test records with their validation dictionaries (issue 7): a floor
/// at this commit's figure, so that a change that loses records is seen.
#[test]
fn petrarch_unit_tests_keep_their_floor() {
    let dir = common::repo_root().join("../shared/data/petrarch2/petrarch1");
    let gold = dir.join("PETR.UnitTest.records.xml");
    let v = eval_json(&[
        "--format".as_ref(),
        "petrarch-xml".as_ref(),
        "--gold".as_ref(),
        gold.as_os_str(),
        "--dictionaries".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(v["records"], 281);
    let passed = v["passed"]["passed"].as_u64().unwrap_or(0);
    assert!(
        passed >= 238,
        "{passed} of 281 PETRARCH-1 unit-test records passed"
    );
}
