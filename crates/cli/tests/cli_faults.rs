//! Store faults through the command line: `dyad ingest` killed with SIGKILL at many moments,
//! two `dyad ingest` on one store at once, and a full file system. After each, the store
//! passes `PRAGMA integrity_check`, holds every document once and no event without its
//! document, and a rerun reaches exactly what a clean run stores. (`bench/store_faults.py`
//! runs the long versions and prints the figures.)

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::{dyad, temp_store};

/// `n` documents made from the bundled example article, each with its own id and first line
/// (so that none is a content duplicate of another), as a JSONL file.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let article =
        std::fs::read_to_string(common::repo_root().join("examples/sudan-truce-talks.txt"))
            .expect("the bundled example");
    let mut out = String::new();
    for i in 0..n {
        let doc = serde_json::json!({
            "id": format!("copy-{i}"),
            "date": "2024-11-19",
            "text": format!("Dispatch number {i} from the region.\n\n{article}"),
        });
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    let path = dir.join(format!("corpus-{n}.jsonl"));
    std::fs::write(&path, out).expect("corpus written");
    path
}

/// (integrity_check, documents, events, events whose document is missing).
fn state(db: &Path) -> (String, i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).expect("store opens");
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    (
        integrity,
        one("SELECT count(*) FROM documents"),
        one("SELECT count(*) FROM events"),
        one("SELECT count(*) FROM events e WHERE NOT EXISTS \
             (SELECT 1 FROM documents d WHERE d.doc_key = e.doc_key)"),
    )
}

fn ingest(db: &Path, input: &Path) -> std::process::Output {
    dyad()
        .args(["ingest", "--batch", "20", "--db"])
        .arg(db)
        .arg(input)
        .output()
        .expect("dyad runs")
}

/// A corpus of `n` documents in a fresh temporary folder, and what a clean ingest of it
/// stores: (folder, corpus, state of the clean store).
fn clean_run(name: &str, n: usize) -> (PathBuf, PathBuf, (String, i64, i64, i64)) {
    let clean_db = temp_store(name);
    let dir = clean_db.parent().expect("temp dir").to_path_buf();
    let input = corpus(&dir, n);
    assert!(ingest(&clean_db, &input).status.success());
    let clean = state(&clean_db);
    assert_eq!(clean.0, "ok");
    (dir, input, clean)
}

#[test]
fn ingest_killed_again_and_again_stores_every_document_once() {
    let (_, input, clean) = clean_run("kill-clean", 400);
    assert_eq!(clean.1, 400);
    assert!(clean.2 > 0, "the example article has events");

    let db = temp_store("kill-loop");
    // Kill moments from a fixed linear congruential sequence over 0..600 ms: some land while
    // the store is being created or the model loaded, most while batches are committed.
    let mut seed: u64 = 20;
    let mut killed = 0;
    for _ in 0..25 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let ms = (seed >> 33) % 600;
        let mut child = dyad()
            .args(["ingest", "--batch", "20", "--db"])
            .arg(&db)
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dyad runs");
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().expect("status").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reaped");
        if db.exists() {
            let now = state(&db);
            assert_eq!(now.0, "ok", "integrity after a kill at {ms} ms");
            assert_eq!(
                now.3, 0,
                "no event without its document after a kill at {ms} ms"
            );
            assert!(now.1 <= 400);
        }
    }
    assert!(
        killed >= 15,
        "only {killed} of 25 runs were killed while running"
    );
    assert!(ingest(&db, &input).status.success());
    assert_eq!(state(&db), clean, "after the kills and one full run");
}

#[test]
fn two_ingests_at_once_store_what_one_would() {
    let (dir, all, clean) = clean_run("two-clean", 150);
    let half = corpus(&dir, 75);

    let db = temp_store("two-writers");
    let spawn = |input: &Path| {
        dyad()
            .args(["ingest", "--batch", "10", "--db"])
            .arg(&db)
            .arg(input)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dyad runs")
    };
    let a = spawn(&all);
    let b = spawn(&half);
    for (name, child) in [("all", a), ("half", b)] {
        let out = child.wait_with_output().expect("finishes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Either it waited its turn, or it refused naming the store and the other writer.
        assert!(
            out.status.success() || stderr.contains("locked by another process"),
            "{name}: {stderr}"
        );
    }
    let after = state(&db);
    assert_eq!(after.0, "ok");
    assert_eq!(after.3, 0);
    if after.1 < clean.1 {
        // One refused: running it again completes the store.
        assert!(ingest(&db, &all).status.success());
    }
    assert_eq!(state(&db), clean);
}

/// A full file system: a 1 MB tmpfs (mounting needs root, as in CI; elsewhere the test says
/// so and checks nothing, and `store::full_disk_is_named_and_keeps_what_was_committed` covers
/// the same error with a capped file).
#[test]
fn full_disk_names_the_cause_and_the_store_resumes() {
    let (dir, input, clean) = clean_run("full-clean", 150);

    let mnt = dir.join("small");
    std::fs::create_dir_all(&mnt).expect("mount point");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mnt)
        .output();
    if !mounted.is_ok_and(|o| o.status.success()) {
        eprintln!("full_disk: cannot mount a tmpfs here (not root?); nothing checked");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    let db = mnt.join("events.db");
    let out = ingest(&db, &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "1 MB cannot hold 150 documents");
    assert!(
        stderr.contains(&format!("the disk holding {} is full", db.display())),
        "{stderr}"
    );
    let partial = state(&db);
    assert_eq!(partial.0, "ok");
    assert!(partial.1 < clean.1);
    assert_eq!(partial.3, 0);

    let grown = std::process::Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&mnt)
        .status()
        .expect("remount");
    assert!(grown.success());
    let out = ingest(&db, &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(state(&db), clean, "resumed after space was freed");
}
