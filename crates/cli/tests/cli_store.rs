//! End-to-end tests of the store commands: `dyad ingest` (text, JSONL, directories, WARC;
//! idempotent; killed with SIGKILL and resumed), `dyad query`, `dyad export`, `dyad series`,
//! and foreign database files left untouched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::{dyad, repo_root};

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("dyad runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn summary(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find(|l| l.starts_with("dyad ingest:"))
        .unwrap_or("")
        .to_string()
}

fn db_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Tiny news documents, each naming its number so no two have the same text.
fn tiny_jsonl(n: usize) -> String {
    let lines = [
        "Iraq criticized the United States on Monday.",
        "Iranian forces attacked Israel.",
        "Russia met China in Beijing.",
        "The United Nations condemned Syria.",
    ];
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"t{i:05}\",\"date\":\"2024-03-{:02}\",\"text\":\"{} Report number {i} was filed.\"}}\n",
                1 + i % 28,
                lines[i % lines.len()]
            )
        })
        .collect()
}

fn seed_article() -> PathBuf {
    repo_root().join("../shared/examples/seed-article.txt")
}

#[test]
fn ingest_is_idempotent_and_queries_read_the_store() {
    let dir = tempdir("idem");
    let db = dir.join("s.db");
    let jsonl = dir.join("news.jsonl");
    std::fs::write(&jsonl, tiny_jsonl(40)).expect("write");
    let seed = seed_article();
    let first = run(&[
        "ingest",
        "--db",
        db_str(&db),
        "--date",
        "2024-02-11",
        db_str(&jsonl),
        seed.to_str().expect("path"),
    ]);
    ok(&first);
    assert!(
        summary(&first).starts_with("dyad ingest: 41 documents new, 0 skipped, 0 failed;"),
        "{}",
        summary(&first)
    );
    let all = json_lines(&ok(&run(&["query", "--db", db_str(&db)])));
    assert!(all.len() > 20, "{} events", all.len());
    // The store keeps what `dyad code` gives: actors with their entries and own countries,
    // fatalities with the words that reported them.
    let coded = json_lines(&ok(&run(&[
        "code",
        "--date",
        "2024-02-11",
        seed.to_str().expect("path"),
    ])));
    let stored_seed: Vec<&Value> = all
        .iter()
        .filter(|e| e["doc_id"] == "seed-article.txt")
        .collect();
    assert_eq!(stored_seed.len(), coded.len());
    for c in &coded {
        let s = stored_seed
            .iter()
            .find(|s| s["event_id"] == c["event_id"])
            .unwrap_or_else(|| panic!("{} is stored", c["event_id"]));
        for field in [
            "source",
            "target",
            "fatalities",
            "fatalities_text",
            "location",
            "date",
        ] {
            assert_eq!(s[field], c[field], "{field} of {}", c["event_id"]);
        }
    }
    assert!(
        coded.iter().any(|c| c["fatalities_text"].is_string()),
        "the seed article reports its dead"
    );
    assert!(
        coded.iter().any(|c| c["target"]["country"] == "USA"),
        "an actor's country is given"
    );
    // Everything again: nothing new.
    let second = run(&[
        "ingest",
        "--db",
        db_str(&db),
        "--date",
        "2024-02-11",
        db_str(&jsonl),
        seed.to_str().expect("path"),
    ]);
    ok(&second);
    assert!(
        summary(&second)
            .starts_with("dyad ingest: 0 documents new, 41 skipped, 0 failed; 0 events"),
        "{}",
        summary(&second)
    );
    assert_eq!(
        json_lines(&ok(&run(&["query", "--db", db_str(&db)]))).len(),
        all.len()
    );

    // The seed article's drone strike: every mention of it is in one cluster.
    let seed_events = json_lines(&ok(&run(&[
        "query",
        "--db",
        db_str(&db),
        "--text",
        "strike OR struck OR attack",
        "--target",
        "USA",
    ])));
    let strikes: Vec<&Value> = seed_events
        .iter()
        .filter(|e| e["doc_id"] == "seed-article.txt")
        .filter(|e| matches!(e["root"].as_str(), Some("18" | "19" | "20")))
        .collect();
    assert!(!strikes.is_empty(), "the drone strike is stored");
    assert!(strikes
        .iter()
        .all(|e| e["cluster_id"] == strikes[0]["cluster_id"]));

    // Filters through the command line.
    let dyad_rows = json_lines(&ok(&run(&[
        "query",
        "--db",
        db_str(&db),
        "--dyad",
        "IRQ-USA",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
    ])));
    assert!(!dyad_rows.is_empty());
    for e in &dyad_rows {
        let s = e["source"]["code"].as_str().unwrap_or("");
        let t = e["target"]["code"].as_str().unwrap_or("");
        assert!(
            (s.starts_with("IRQ") && t.starts_with("USA"))
                || (s.starts_with("USA") && t.starts_with("IRQ")),
            "{e}"
        );
        let d = e["date"]["start"].as_str().unwrap_or("");
        assert!(("2024-03-01"..="2024-03-31").contains(&d), "{d}");
    }
    let clusters = json_lines(&ok(&run(&[
        "query",
        "--db",
        db_str(&db),
        "--level",
        "cluster",
        "--limit",
        "3",
    ])));
    assert_eq!(clusters.len(), 3);
    assert!(clusters[0]["num_mentions"].as_i64().unwrap_or(0) >= 1);
    let tsv = ok(&run(&[
        "query",
        "--db",
        db_str(&db),
        "--format",
        "tsv",
        "--quad",
        "4",
    ]));
    assert!(tsv.starts_with("event_id\tcluster_id\t"));
    assert!(tsv
        .lines()
        .skip(1)
        .all(|l| l.split('\t').nth(16) == Some("4")));
    // Bad filter values are usage errors.
    assert_eq!(
        run(&["query", "--db", db_str(&db), "--from", "March"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["query", "--db", db_str(&db), "--dyad", "USA"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn series_and_exports() {
    let dir = tempdir("series");
    let db = dir.join("s.db");
    let jsonl = dir.join("news.jsonl");
    std::fs::write(&jsonl, tiny_jsonl(12)).expect("write");
    ok(&run(&["ingest", "--db", db_str(&db), db_str(&jsonl)]));
    let table = ok(&run(&[
        "series",
        "--db",
        db_str(&db),
        "--by",
        "day",
        "--from",
        "2024-02-19",
        "--to",
        "2024-03-20",
    ]));
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    // events are dated by their own clause ("on Monday": the Monday before the document)
    assert_eq!(rows.len(), 31, "{table}");
    assert_eq!(rows[0][0], "2024-02-19");
    assert_eq!(&rows[0][3..8], ["0", "0", "0", "0", "0"]);
    let events: i64 = rows
        .iter()
        .map(|r| r[7].parse::<i64>().expect("count"))
        .sum();
    let stored = json_lines(&ok(&run(&["query", "--db", db_str(&db)]))).len() as i64;
    assert_eq!(events, stored);
    assert!(
        rows[23..].iter().all(|r| r[7] == "0"),
        "no events after 2024-03-12"
    );
    let weeks = json_lines(&ok(&run(&[
        "series",
        "--db",
        db_str(&db),
        "--by",
        "week",
        "--format",
        "jsonl",
        "--dyad",
        "IRQ-USA",
    ])));
    assert!(weeks
        .iter()
        .all(|w| w["period"].as_str().unwrap_or("").contains("-W")));

    let csv_path = dir.join("out.csv");
    ok(&run(&[
        "export",
        "--db",
        db_str(&db),
        "--format",
        "csv",
        "--out",
        db_str(&csv_path),
    ]));
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let n = reader.records().inspect(|r| assert!(r.is_ok())).count() as i64;
    assert_eq!(n, stored);
    let gdelt_path = dir.join("out.tsv");
    ok(&run(&[
        "export",
        "--db",
        db_str(&db),
        "--format",
        "gdelt",
        "--level",
        "cluster",
        "--out",
        db_str(&gdelt_path),
    ]));
    let gdelt = std::fs::read_to_string(&gdelt_path).expect("gdelt");
    assert!(gdelt.starts_with("GLOBALEVENTID\tSQLDATE\t"));
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 23));
    let parquet = run(&[
        "export",
        "--db",
        db_str(&db),
        "--format",
        "parquet",
        "--out",
        db_str(&dir.join("x.parquet")),
    ]);
    if !cfg!(feature = "parquet") {
        assert_eq!(parquet.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&parquet.stderr).contains("--features parquet"));
    }
}

#[test]
fn directories_and_warc_files_are_ingested() {
    let dir = tempdir("warc");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).expect("dirs");
    std::fs::write(input.join("a.txt"), "Iraq criticized the United States.\n").expect("write");
    std::fs::write(input.join("sub/a.txt"), "Russia met China in Beijing.\n").expect("write");
    std::fs::write(input.join("image.png"), [0x89, b'P', b'N', b'G']).expect("write");
    let page = |title: &str, body: &str| {
        format!("<html><head><title>{title}</title><meta property=\"article:published_time\" content=\"2024-05-02\"></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")
    };
    let mut warc = Vec::new();
    for (uri, html) in [
        (
            "https://news.example/1",
            page(
                "Talks",
                "Iraq and Iran held talks in Baghdad on Tuesday about border security.",
            ),
        ),
        (
            "https://news.example/2",
            page(
                "Protest",
                "Protesters in Tehran condemned the United States on Wednesday.",
            ),
        ),
    ] {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len());
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-03T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        // One gzip member per record, as crawlers write them.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(rec.as_bytes()).expect("gzip");
        warc.extend(gz.finish().expect("gzip"));
    }
    std::fs::write(input.join("sub/crawl.warc.gz"), &warc).expect("write");
    let db = dir.join("s.db");
    let out = run(&["ingest", "--db", db_str(&db), db_str(&input)]);
    ok(&out);
    assert!(
        summary(&out).starts_with("dyad ingest: 4 documents new, 0 skipped, 0 failed"),
        "{}",
        summary(&out)
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let mut st = conn
        .prepare("SELECT id, url, date FROM documents ORDER BY id")
        .expect("sql");
    let docs: Vec<(String, Option<String>, Option<String>)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.0.as_str()).collect();
    let a = input.join("a.txt");
    let sub_a = input.join("sub/a.txt");
    assert_eq!(
        ids,
        [
            db_str(&a),
            db_str(&sub_a),
            "https://news.example/1",
            "https://news.example/2"
        ]
    );
    assert_eq!(docs[2].1.as_deref(), Some("https://news.example/1"));
    assert!(docs[2].2.is_some(), "a WARC page has a date");
}

#[test]
fn foreign_database_files_are_left_unchanged() {
    let dir = tempdir("foreign");
    let notes = dir.join("notes.db");
    std::fs::write(&notes, "my notes, not a database\n").expect("write");
    let other = dir.join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("sql");
    }
    let jsonl = dir.join("news.jsonl");
    std::fs::write(&jsonl, tiny_jsonl(2)).expect("write");
    for path in [&notes, &other] {
        let before = std::fs::read(path).expect("read");
        let out = run(&["ingest", "--db", db_str(path), db_str(&jsonl)]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("not a dyad store") || err.contains("another application"),
            "{err}"
        );
        assert!(err.contains("left unchanged"), "{err}");
        assert_eq!(std::fs::read(path).expect("read"), before);
    }
    let missing = dir.join("missing.db");
    let out = run(&["query", "--db", db_str(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// Kill `dyad ingest` with SIGKILL mid-way, run it again, and find every document and event
/// stored exactly once, as in an uninterrupted run.
#[test]
fn ingest_killed_mid_way_resumes_without_loss_or_duplicates() {
    let dir = tempdir("kill");
    let n = 3000;
    let jsonl = dir.join("news.jsonl");
    std::fs::write(&jsonl, tiny_jsonl(n)).expect("write");
    let db = dir.join("killed.db");
    let mut child = dyad()
        .args([
            "ingest",
            "--batch",
            "50",
            "--db",
            db_str(&db),
            db_str(&jsonl),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dyad runs");
    // Wait until some batches are committed, then kill it.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let stored = db.exists() && {
            let conn = rusqlite::Connection::open(&db).expect("open");
            conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
                .unwrap_or(0)
        } >= 200;
        if stored || start.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("reaped");
    assert!(!status.success(), "dyad was killed, not finished");
    let after_kill = count(&db, "SELECT count(*) FROM documents");
    assert!(
        after_kill > 0 && (after_kill as usize) < n,
        "killed mid-way: {after_kill} documents"
    );

    let rerun = run(&["ingest", "--db", db_str(&db), db_str(&jsonl)]);
    ok(&rerun);
    assert!(
        summary(&rerun).starts_with(&format!(
            "dyad ingest: {} documents new, {} skipped",
            n as i64 - after_kill,
            after_kill
        )),
        "{}",
        summary(&rerun)
    );
    // An uninterrupted run, for comparison.
    let clean = dir.join("clean.db");
    ok(&run(&["ingest", "--db", db_str(&clean), db_str(&jsonl)]));

    assert_eq!(count(&db, "SELECT count(*) FROM documents"), n as i64);
    assert_eq!(
        count(&db, "SELECT count(DISTINCT id) FROM documents"),
        n as i64
    );
    let events = |p: &Path| {
        let conn = rusqlite::Connection::open(p).expect("open");
        let mut st = conn
            .prepare("SELECT e.event_id, d.id FROM events e JOIN documents d ON d.doc_key = e.doc_key ORDER BY 1, 2")
            .expect("sql");
        st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect("rows")
            .map(|r| r.expect("row"))
            .collect::<Vec<_>>()
    };
    let killed_events = events(&db);
    assert!(
        killed_events.len() >= n / 2,
        "{} events",
        killed_events.len()
    );
    assert_eq!(killed_events, events(&clean), "same events, each once");
    assert_eq!(
        count(&db, "SELECT count(*) FROM events WHERE cluster_id IS NULL"),
        0
    );
    assert_eq!(
        count(&db, "SELECT sum(num_mentions) FROM clusters"),
        killed_events.len() as i64
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}
