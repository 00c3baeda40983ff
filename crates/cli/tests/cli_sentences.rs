//! End-to-end tests of `dyad sentences`: the golden segmentation of the project's example
//! article, the seed article's boilerplate, and every bad-input rule of the command line.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

mod common;
use common::{dyad, repo_root, run_with_stdin};

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The example article's segmentation is a reviewed golden file. Set DYAD_BLESS=1 to rewrite
/// it after an intended change, then review the diff.
#[test]
fn example_article_matches_golden_segmentation() {
    let root = repo_root();
    let out = dyad()
        .args(["sentences", "--date", "2024-11-19"])
        .arg(root.join("examples/sudan-truce-talks.txt"))
        .output()
        .expect("dyad runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let golden = root.join("crates/cli/tests/golden/sudan-truce-talks.sentences.jsonl");
    if std::env::var_os("DYAD_BLESS").is_some() {
        std::fs::write(&golden, &out.stdout).expect("golden file is writable");
    }
    let want = std::fs::read_to_string(&golden).expect("golden file exists");
    let got = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        got, want,
        "segmentation changed; review and re-bless with DYAD_BLESS=1"
    );
}

#[test]
fn example_article_drops_boilerplate_and_keeps_headings() {
    let root = repo_root();
    let out = dyad()
        .arg("sentences")
        .arg(root.join("examples/sudan-truce-talks.txt"))
        .output()
        .expect("dyad runs");
    let recs = records(&out);
    let text_of = |r: &Value| r["text"].as_str().unwrap_or_default().to_string();
    for r in &recs {
        let t = text_of(r);
        for bad in ["Credit", "Share on", "Read More", "Subscribe", "©", "Home"] {
            assert!(!t.contains(bad), "boilerplate {bad:?} in {t:?}");
        }
        // spans point into the clean text and tokens lie inside their segment
        let (s, e) = (
            r["start"].as_u64().unwrap_or(0),
            r["end"].as_u64().unwrap_or(0),
        );
        for tok in r["tokens"].as_array().into_iter().flatten() {
            let (ts, te) = (
                tok["start"].as_u64().unwrap_or(0),
                tok["end"].as_u64().unwrap_or(0),
            );
            assert!(
                s <= ts && ts < te && te <= e,
                "token outside its segment in {t:?}"
            );
        }
    }
    let headings: Vec<String> = recs
        .iter()
        .filter(|r| r["kind"] == "heading")
        .map(text_of)
        .collect();
    assert_eq!(
        headings,
        [
            "Sudan Truce Talks Resume in Jeddah as Fighting Spreads to Darfur",
            "A Fragile Pause in Khartoum",
            "What the Mediators Want",
        ]
    );
    assert!(recs
        .iter()
        .any(|r| text_of(r).starts_with("The previous round ended Oct. 30 without a deal")));
}

/// The seed article from ../shared (present beside the repo in development and CI).
#[test]
fn seed_article_is_read_right() {
    let seed = repo_root().join("../shared/examples/seed-article.txt");
    let out = dyad()
        .arg("sentences")
        .arg(&seed)
        .output()
        .expect("dyad runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert!(recs.len() > 30, "too few segments: {}", recs.len());
    for r in &recs {
        let t = r["text"].as_str().unwrap_or_default();
        for bad in [
            "Credit",
            "DepositPhotos",
            "Depositphotos",
            "Read More From",
            "Slideshow",
            "Home",
        ] {
            assert!(!t.contains(bad), "{bad:?} in {t:?}");
        }
        assert!(t != "/" && t != "Politics", "breadcrumb item kept: {t:?}");
    }
    let sentences: Vec<&str> = recs
        .iter()
        .filter(|r| r["kind"] == "sentence")
        .filter_map(|r| r["text"].as_str())
        .collect();
    let has = |needle: &str| sentences.iter().any(|s| s.contains(needle));
    assert!(has(
        "the U.S.-led military coalition resumed meetings Sunday"
    ));
    assert!(has("took place Jan. 27, but had since been put on pause"));
    assert!(has(
        "As of February 4, there have been no additional strikes"
    ));
    for heading in [
        "Context of Recent Retaliatory Strikes",
        "Challenges Ahead",
        "U.S. Response to Attacks",
    ] {
        assert!(
            recs.iter()
                .any(|r| r["kind"] == "heading" && r["text"] == heading),
            "{heading} is not a heading"
        );
    }
}

#[test]
fn html_input_uses_article_text_and_meta_date() {
    let page = r#"<html><head><meta property="article:published_time" content="2024-02-11T08:00:00Z"><title>T</title></head><body>
<nav>Home / Politics / World</nav>
<article><p>Iraq and the U.S.-led military coalition resumed talks on Sunday in Baghdad, officials from both governments said in a joint statement released late in the day.</p>
<p>The talks had been paused after a drone attack on a base in Jordan killed three soldiers, prompting retaliatory strikes on militia targets in Iraq and Syria.</p></article>
<footer>Copyright 2024</footer></body></html>"#;
    let out = run_with_stdin(&["sentences", "--input", "html", "-"], page.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[0]["doc_id"], "stdin");
    assert!(recs[0]["text"]
        .as_str()
        .unwrap_or_default()
        .starts_with("Iraq and the U.S.-led"));
}

#[test]
fn invalid_jsonl_lines_are_reported_and_skipped_with_status_3() {
    let input = b"{\"id\": \"d1\", \"date\": \"2024-02-11\", \"text\": \"Talks resumed. They ended.\"}\n{oops\n{\"id\": \"d2\", \"text\": \"Strikes continued.\"}\n{\"text\": \"no id\"}\n";
    let out = run_with_stdin(&["sentences", "--input", "jsonl", "-"], input);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let recs = records(&out);
    let ids: Vec<&str> = recs.iter().filter_map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(ids, ["d1", "d1", "d2"]);
    let err = stderr(&out);
    assert!(err.contains("<stdin>, line 2"), "{err}");
    assert!(
        err.contains("<stdin>, line 4") && err.contains("missing field \"id\""),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning_naming_the_file() {
    let dir = tempdir();
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Officials in Bogot\xe1 met rebels on Monday.\n").expect("write");
    let out = dyad()
        .arg("sentences")
        .arg(&path)
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.txt") && err.contains("invalid UTF-8"),
        "{err}"
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["text"]
        .as_str()
        .unwrap_or_default()
        .contains('\u{fffd}'));
}

#[test]
fn empty_and_all_boilerplate_documents_warn_and_yield_nothing() {
    let out = run_with_stdin(&["sentences", "--id", "blank", "-"], b"\n\n  \n");
    assert_eq!(out.status.code(), Some(0));
    assert!(records(&out).is_empty());
    assert!(
        stderr(&out).contains("document blank: no text"),
        "{}",
        stderr(&out)
    );
    let out = run_with_stdin(
        &["sentences", "-"],
        b"Credit: DepositPhotos\n\nRead More From The Desk\n\nAdvertisement\n",
    );
    assert!(records(&out).is_empty());
    assert!(
        stderr(&out).contains("all 3 lines were boilerplate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unreadable_file_is_an_error_naming_it_and_others_still_run() {
    let dir = tempdir();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Troops withdrew on Friday.").expect("write");
    let missing = dir.join("missing.txt");
    let out = dyad()
        .arg("sentences")
        .arg(&missing)
        .arg(&good)
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    let out = dyad()
        .args(["sentences", "--date", "11/02/2024", "-"])
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("11/02/2024"));
    let out = dyad()
        .args(["sentences", "--input", "pdf"])
        .output()
        .expect("dyad runs");
    assert_eq!(out.status.code(), Some(2));
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "dyad-cli-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
