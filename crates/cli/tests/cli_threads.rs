//! `--threads`: coding on several threads gives byte-identical output, in input order, for
//! `dyad code`, the same store for `dyad ingest` and the same figures for `dyad eval`; and a
//! JSONL stream read a line at a time still names each bad line.

mod common;

use common::{dyad, repo_root, run_with_stdin, temp_store};

fn code(threads: &str, args: &[&str]) -> Vec<u8> {
    let out = dyad()
        .args(["code", "--threads", threads])
        .args(args)
        .output()
        .expect("dyad code runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn code_output_is_the_same_on_any_number_of_threads() {
    let gold = repo_root().join("gold/articles/dev.jsonl");
    let gold = gold.to_str().expect("utf-8 path");
    for format in ["jsonl", "tsv"] {
        let one = code("1", &["--input", "jsonl", "--format", format, gold]);
        assert!(one.len() > 10_000, "the dev articles give events");
        for threads in ["2", "3", "8"] {
            assert!(
                code(threads, &["--input", "jsonl", "--format", format, gold]) == one,
                "--threads {threads} --format {format} differs from one thread"
            );
        }
    }
    let explain = code("1", &["--explain", "--input", "jsonl", gold]);
    assert!(code("2", &["--explain", "--input", "jsonl", gold]) == explain);
}

#[test]
fn ingest_stores_the_same_on_any_number_of_threads() {
    let gold = repo_root().join("gold/articles/dev.jsonl");
    let dump = |threads: &str| {
        let db = temp_store(&format!("threads-{threads}"));
        let out = dyad()
            .args(["ingest", "--threads", threads, "--db"])
            .arg(&db)
            .arg(&gold)
            .output()
            .expect("ingest runs");
        assert!(out.status.success());
        let q = dyad()
            .args(["query", "--format", "tsv", "--db"])
            .arg(&db)
            .output()
            .expect("query runs");
        let c = dyad()
            .args(["query", "--level", "cluster", "--db"])
            .arg(&db)
            .output()
            .expect("query runs");
        (q.stdout, c.stdout)
    };
    let one = dump("1");
    assert!(one.0.len() > 10_000);
    assert!(
        dump("2") == one,
        "two threads store other events or clusters"
    );
}

#[test]
fn a_bad_line_in_a_stream_is_named_and_the_rest_is_coded() {
    let input = concat!(
        r#"{"id":"a","date":"2024-05-06","text":"Ethiopian troops shelled Eritrean border posts on Sunday."}"#,
        "\n\n",
        "{not json\n",
        r#"{"id":"b","date":"2024-05-20","text":"Ethiopia and Eritrea held talks in Nairobi on Monday."}"#,
        "\n"
    );
    for threads in ["1", "2"] {
        let out = run_with_stdin(&["code", "--threads", threads, "-"], input.as_bytes());
        assert_eq!(out.status.code(), Some(3));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("<stdin>, line 3"), "{err}");
        let docs: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("jsonl");
                v["doc_id"].as_str().unwrap_or_default().to_string()
            })
            .collect();
        assert!(
            docs.contains(&"a".to_string()) && docs.contains(&"b".to_string()),
            "{docs:?}"
        );
        assert!(docs.iter().position(|d| d == "a") < docs.iter().position(|d| d == "b"));
    }
}
