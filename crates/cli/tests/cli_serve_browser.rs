//! The page in a real headless browser: Debian's Chromium, driven by Playwright
//! (`tests/e2e/page.mjs`), against `dyad serve` on a store holding the seed article and the
//! bundled example. The script sees the drone strike in the timeline, opens it, sees its
//! sentence marked in its document, checks the chart, map, alerts, filters in the URL and
//! the downloads, and writes a screenshot to `target/e2e/page.png`.
//!
//! Needs Chromium and the script's packages: `.ci/install-browser` installs both (the
//! README's test command runs it first).

mod common;

use std::path::Path;
use std::process::Command;

use common::server::Server;
use common::{ingest_file as ingest, repo_root, temp_store};

#[test]
fn the_page_shows_the_drone_strike_and_its_sentence_in_a_browser() {
    let root = repo_root();
    let e2e = root.join("tests/e2e");
    assert!(
        Path::new("/usr/bin/chromium").exists()
            && e2e.join("node_modules/playwright-core").exists(),
        "the browser test needs Chromium and playwright-core: run .ci/install-browser"
    );
    let db = temp_store("browser");
    ingest(
        &db,
        "2024-02-11",
        &root.join("../shared/examples/seed-article.txt"),
    );
    ingest(
        &db,
        "2024-11-19",
        &root.join("examples/sudan-truce-talks.txt"),
    );
    let server = Server::start(&db, &[]);
    let shot_dir = root.join("target/e2e");
    std::fs::create_dir_all(&shot_dir).expect("screenshot dir");
    let shot = shot_dir.join("page.png");
    let _ = std::fs::remove_file(&shot);
    let out = Command::new("node")
        .arg(e2e.join("page.mjs"))
        .arg(format!("http://{}/", server.addr))
        .arg(&shot)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser test failed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains(" 0 failed"), "{report}");
    let png = std::fs::read(&shot).expect("the screenshot was written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "a real screenshot"
    );
}
