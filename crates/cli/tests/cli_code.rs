//! End-to-end tests of `dyad code`: the seed article's events (and its boilerplate coding
//! nothing), the example article's golden events, output formats, and bad input.

use std::io::Write;
use std::process::Output;

use serde_json::Value;

mod common;
use common::{dyad, repo_root, run_with_stdin};

fn events(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `dyad code` on the seed article from ../shared with its publication date.
fn code_seed_article() -> Output {
    dyad()
        .args(["code", "--date", "2024-02-11"])
        .arg(repo_root().join("../shared/examples/seed-article.txt"))
        .output()
        .expect("dyad runs")
}

fn code_of(e: &Value, side: &str) -> String {
    e[side]["code"].as_str().unwrap_or("-").to_string()
}

/// The seed article from ../shared, coded with its publication date: the events of issue 4
/// and their dates, places and fatalities (issue 5).
#[test]
fn seed_article_events() {
    let out = code_seed_article();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evs = events(&out);
    let summary: Vec<String> = evs
        .iter()
        .map(|e| {
            format!(
                "{} {}>{} {} [{}] {}",
                e["sentence_index"],
                code_of(e, "source"),
                code_of(e, "target"),
                e["cameo"].as_str().unwrap_or(""),
                e["verb"]["rule"].as_str().unwrap_or(""),
                e["sentence"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .take(60)
                    .collect::<String>()
            )
        })
        .collect();
    let all = summary.join("\n");
    let has = |pred: &dyn Fn(&Value) -> bool, what: &str| {
        assert!(evs.iter().any(pred), "missing {what}; coded:\n{all}");
    };
    let sentence_has = |e: &Value, s: &str| e["sentence"].as_str().unwrap_or("").contains(s);
    let root = |e: &Value| e["root"].as_str().unwrap_or("").to_string();
    has(
        &|e| {
            sentence_has(e, "Iran-backed militants struck")
                && (root(e) == "18" || root(e) == "19")
                && code_of(e, "target").starts_with("USA")
        },
        "the drone strike on the U.S. outpost (18x/19x, target USA)",
    );
    has(
        &|e| {
            sentence_has(e, "retaliatory strikes in Iraq and Syria")
                && root(e) == "19"
                && code_of(e, "source").starts_with("USA")
        },
        "the U.S. retaliatory strikes (19x, source USA)",
    );
    // of the places "in Iraq and Syria", each strike is in its target's country
    for country in ["IRQ", "SYR"] {
        has(
            &|e| {
                sentence_has(e, "retaliatory strikes in Iraq and Syria")
                    && root(e) == "19"
                    && code_of(e, "target") == country
                    && e["location"]["country"] == country
            },
            "a U.S. strike located in its target's country",
        );
    }
    has(
        &|e| sentence_has(e, "agreed last August to enter into talks"),
        "the agreement last August to enter talks",
    );
    has(
        &|e| sentence_has(e, "Iran disavowed") && root(e) == "01" && code_of(e, "source") == "IRN",
        "Iran disavowing the attack (01x)",
    );
    has(
        &|e| {
            sentence_has(e, "announced a ceasefire")
                && e["cameo"].as_str().unwrap_or("").starts_with("087")
                && code_of(e, "source") == "IRQREB"
        },
        "Kataib Hezbollah's ceasefire (087x)",
    );
    has(
        &|e| {
            sentence_has(e, "condemnation from the Iraqi government")
                && root(e) == "11"
                && code_of(e, "source").starts_with("IRQ")
                && code_of(e, "target").starts_with("USA")
        },
        "the Iraqi government's condemnation of the strikes (11x, IRQ->USA)",
    );
    // issue 5: when, where, how many
    let date = |e: &Value| {
        (
            e["date"]["start"].as_str().unwrap_or("").to_string(),
            e["date"]["end"].as_str().unwrap_or("").to_string(),
            e["date"]["precision"].as_str().unwrap_or("").to_string(),
        )
    };
    let day = |d: &str| (d.to_string(), d.to_string(), "day".to_string());
    has(
        &|e| sentence_has(e, "resumed meetings Sunday") && date(e) == day("2024-02-11"),
        "the resumed talks dated 2024-02-11",
    );
    has(
        &|e| {
            sentence_has(e, "meeting took place") && root(e) == "04" && date(e) == day("2024-01-27")
        },
        "the first meeting dated 2024-01-27",
    );
    has(
        &|e| {
            sentence_has(e, "Iran-backed militants struck")
                && date(e) == day("2024-01-28")
                && e["location"]["country"] == "JOR"
                && e["fatalities"] == 3
        },
        "the drone strike on 2024-01-28 in Jordan with 3 dead",
    );
    has(
        &|e| {
            sentence_has(e, "agreed last August")
                && date(e) == ("2023-08-01".into(), "2023-08-31".into(), "month".into())
        },
        "the agreement of August 2023 (month precision)",
    );
    has(
        &|e| {
            sentence_has(e, "a strike last week that killed")
                && date(e).2 == "week"
                && e["fatalities"] == 1
                && code_of(e, "source").starts_with("USA")
        },
        "the strike of the week before that killed one commander (week precision)",
    );
    for e in &evs {
        let s = e["sentence"].as_str().unwrap_or("");
        assert!(
            !s.contains("no additional strikes"),
            "coded a negated sentence:\n{all}"
        );
        assert!(!s.contains("Credit"), "coded a credit line:\n{all}");
        assert!(e["verb"]["rule"].as_str().is_some_and(|r| !r.is_empty()));
        assert!(e["source"]["entry"].as_str().is_some_and(|r| !r.is_empty()));
    }
}

/// The parser tags "resumed" in the seed's first sentence as a participle modifying
/// "meetings"; the coder's tree repair makes it the clause's verb again.
#[test]
fn seed_article_resumed_talks() {
    let out = code_seed_article();
    assert!(events(&out).iter().any(|e| {
        e["sentence"]
            .as_str()
            .unwrap_or("")
            .contains("resumed meetings Sunday")
            && e["root"] == "04"
            && code_of(e, "source") == "IRQ"
    }));
}

/// The example article's events are a reviewed golden file (DYAD_BLESS=1 rewrites it).
#[test]
fn example_article_matches_golden_events() {
    let root = repo_root();
    let out = dyad()
        .args(["code", "--date", "2024-11-19"])
        .arg(root.join("examples/sudan-truce-talks.txt"))
        .output()
        .expect("dyad runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let golden = root.join("crates/cli/tests/golden/sudan-truce-talks.events.jsonl");
    if std::env::var_os("DYAD_BLESS").is_some() {
        std::fs::write(&golden, &out.stdout).expect("golden file is writable");
    }
    let want = std::fs::read_to_string(&golden).expect("golden file exists");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        want,
        "events changed; review and re-bless"
    );
    assert!(!events(&out).is_empty());
}

/// Sentences naming no actor are skimmed, not parsed: the events must be exactly those of
/// `--parse-all`, on the golden coding set, the seed article, a document whose event is
/// dated from a skimmed sentence ("Two days later" counts from the March 3 of the sentence
/// before it, which names no actor), and a bombing that names no actor at all (coded from an
/// unidentified attacker).
#[test]
fn skimming_sentences_without_actors_changes_no_event() {
    let root = repo_root();
    let anchored = "Trading on the stock exchange closed early on March 3.\n\n\
                    Two days later, Kenyan police arrested dozens of protesters in Nairobi.\n";
    let runs: Vec<(Vec<String>, Option<&str>)> = vec![
        (
            vec![
                "--input".into(),
                "jsonl".into(),
                root.join("gold/coding.jsonl").display().to_string(),
            ],
            None,
        ),
        (
            vec![
                "--date".into(),
                "2024-02-11".into(),
                root.join("../shared/examples/seed-article.txt")
                    .display()
                    .to_string(),
            ],
            None,
        ),
        (
            vec!["--date".into(), "2024-03-20".into(), "-".into()],
            Some(anchored),
        ),
        (
            vec!["--date".into(), "2024-03-20".into(), "-".into()],
            Some("A roadside bombing killed two.\n"),
        ),
    ];
    for (args, stdin) in runs {
        let code = |extra: &[&str]| {
            let mut all: Vec<&str> = vec!["code"];
            all.extend_from_slice(extra);
            all.extend(args.iter().map(String::as_str));
            let out = common::run_with_stdin(&all, stdin.unwrap_or("").as_bytes());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            out
        };
        let skimmed = code(&[]);
        let parsed = code(&["--parse-all"]);
        assert!(!events(&skimmed).is_empty(), "{args:?} codes events");
        assert_eq!(
            String::from_utf8_lossy(&skimmed.stdout),
            String::from_utf8_lossy(&parsed.stdout),
            "{args:?}: skimming changed the events"
        );
        if stdin == Some(anchored) {
            let evs = events(&skimmed);
            assert_eq!(evs[0]["date"]["start"], "2024-03-05", "{}", evs[0]);
        }
    }
}

#[test]
fn tsv_and_gdelt_formats_have_headers_and_one_row_per_event() {
    let root = repo_root();
    let path = root.join("examples/sudan-truce-talks.txt");
    let json = dyad()
        .args(["code", "--date", "2024-11-19"])
        .arg(&path)
        .output()
        .expect("runs");
    let n = events(&json).len();
    for (format, first) in [
        ("tsv", "event_id\tdoc_id"),
        ("gdelt", "GLOBALEVENTID\tSQLDATE"),
    ] {
        let out = dyad()
            .args(["code", "--date", "2024-11-19", "--format", format])
            .arg(&path)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with(first), "{format}: {}", lines[0]);
        assert_eq!(lines.len(), n + 1, "{format}");
        let cols = lines[0].split('\t').count();
        assert!(
            lines.iter().all(|l| l.split('\t').count() == cols),
            "{format}: ragged rows"
        );
    }
}

#[test]
fn gdelt_rows_give_the_place_country_in_fips_as_gdelt_does() {
    let text = "Iraqi troops attacked Islamic State fighters in Mosul on Monday.\n";
    let run = |format: &str| {
        let mut child = dyad()
            .args(["code", "--date", "2024-11-19", "--format", format, "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("writes");
        String::from_utf8_lossy(&child.wait_with_output().expect("waits").stdout).into_owned()
    };
    let json = run("jsonl");
    assert!(
        json.contains(r#""country":"IRQ","admin1":"Nineveh""#),
        "{json}"
    );
    let gdelt = run("gdelt");
    let lines: Vec<&str> = gdelt.lines().collect();
    let header: Vec<&str> = lines[0].split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let row: Vec<&str> = lines[1].split('\t').collect();
    // the actors keep CAMEO's three letters; the place is in FIPS 10-4 ("IZ", not "IRQ")
    assert_eq!(row[col("Actor1CountryCode")], "IRQ");
    assert_eq!(row[col("ActionGeo_FullName")], "Mosul");
    assert_eq!(row[col("ActionGeo_CountryCode")], "IZ");
    assert_eq!(row[col("ActionGeo_Type")], "4");
}

#[test]
fn jsonl_problems_are_skipped_with_status_3() {
    let dir = std::env::temp_dir().join(format!("dyad-code-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("in.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"a\", \"date\": \"2024-02-11\", \"text\": \"Iraqi officials condemned the U.S. strikes.\"}\nnot json\n",
    )
    .expect("write");
    let out = dyad().arg("code").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in.jsonl, line 2"));
}

/// A JSONL line longer than the document limit (16 MiB) is skipped, not read into memory,
/// and the lines after it are coded; a text input that large is refused whole.
#[test]
fn an_oversized_jsonl_line_or_text_input_is_skipped_and_named() {
    let good = "{\"id\": \"b\", \"date\": \"2024-02-11\", \"text\": \"Iraqi officials condemned the U.S. strikes.\"}\n";
    let mut input = String::from("{\"id\": \"a\", \"text\": \"");
    input.push_str(&"word ".repeat(17 << 18));
    input.push_str("\"}\n");
    input.push_str(good);
    let out = run_with_stdin(&["code"], input.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(
            "<stdin>, line 1: longer than 16 MiB, the most one document may be; line skipped"
        ),
        "{err}"
    );
    let ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!ids.is_empty() && ids.iter().all(|i| i == "b"), "{ids:?}");

    let text = "Iraqi officials met. ".repeat(1 << 20);
    let out = run_with_stdin(&["code", "--input", "text"], text.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("<stdin>: longer than 16 MiB, the most one document may be; skipped"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// `--explain` prints each candidate with the rule that proposed it and the veto that
/// stopped it, and the events name their rules.
#[test]
fn explain_names_the_veto_and_events_name_their_rules() {
    let text = "Iraq did not attack Kuwait on Monday. Iran could strike Israel. \
                Iraqi troops shelled Kuwait on Monday.\n";
    let run = |args: &[&str]| {
        let mut child = dyad()
            .args(["code", "--date", "2024-01-01"])
            .args(args)
            .arg("-")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("dyad runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("dyad finishes")
    };
    let out = run(&["--explain"]);
    assert!(out.status.success());
    let explained = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = explained.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"attack\"") && l.ends_with("vetoed by negated")),
        "{explained}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"strike\"") && l.ends_with("vetoed by hypothetical")),
        "{explained}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"shelled\"") && l.ends_with(": coded")),
        "{explained}"
    );
    let evs = events(&run(&[]));
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0]["verb"]["rules"][0], "verb-pattern");
}
