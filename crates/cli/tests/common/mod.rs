//! Helpers shared by the command-line tests: run the built `dyad` binary with arguments and
//! standard input, and find the repository.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub mod server;

/// A command for the `dyad` binary under test.
pub fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run `dyad ARGS` with `stdin` as standard input and collect its output. The input is
/// written from another thread: dyad streams (it writes events while it still reads), so
/// writing all of a large input before reading any output would fill both pipes and hang.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = dyad()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // dyad may stop reading early (a usage error); that is for the test to see.
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("dyad finishes");
    writer.join().expect("the writer thread ends");
    out
}

/// A fresh store path in a temporary folder of this test process (no file there yet).
pub fn temp_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = dir.join("events.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    db
}

/// `dyad ingest --db DB --date DATE INPUT`, which must succeed.
pub fn ingest_file(db: &Path, date: &str, input: &Path) {
    let out = dyad()
        .args(["ingest", "--db"])
        .arg(db)
        .args(["--date", date])
        .arg(input)
        .output()
        .expect("dyad ingest runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
