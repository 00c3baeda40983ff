//! End-to-end tests of `dyad follow` against a news site on a loopback port, run inside the
//! test: an RSS feed (with an ETag, answering 304 to a matching `If-None-Match`) and article
//! pages built from the invented stories of `tests/follow/`. They check that every item is
//! stored once, a second poll asks conditionally and stores nothing, new items are picked
//! up, failing pages are backed off (500) or given up (404), a bad feed does not stop a good
//! one, and a run killed with SIGKILL mid-way is completed by the next run, each article
//! stored exactly once.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::{dyad, temp_store};

/// One invented story: its title and paragraphs.
struct Story {
    title: String,
    paragraphs: Vec<String>,
}

fn stories() -> Vec<Story> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/follow/stories.tsv");
    let text = std::fs::read_to_string(&path).expect("stories.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut fields = l.split('\t').map(str::to_string);
            let title = fields.next().expect("a title");
            Story {
                title,
                paragraphs: fields.collect(),
            }
        })
        .collect()
}

fn article_html(story: &Story, date: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/follow/page.html");
    let template = std::fs::read_to_string(&path).expect("page.html");
    let paragraphs: String = story
        .paragraphs
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    template
        .replace("{TITLE}", &story.title)
        .replace("{DATE}", date)
        .replace("{PARAGRAPHS}", &paragraphs)
}

/// A request the site answered.
#[derive(Debug, Clone)]
struct Hit {
    path: String,
    if_none_match: Option<String>,
    status: u16,
}

/// What the site serves; changed by the tests while it runs.
#[derive(Default)]
struct Site {
    /// Feed path → (ETag, XML).
    feeds: HashMap<String, (String, String)>,
    /// Path → body served as 200 with a content type.
    pages: HashMap<String, (String, String)>,
    /// Paths answering this status, always.
    statuses: HashMap<String, u16>,
    /// Paths answering 500 the first time only.
    fail_once: HashSet<String>,
    /// Wait before answering an article page.
    page_delay: Duration,
    hits: Vec<Hit>,
}

/// A loopback HTTP/1.1 server over a [`Site`], one thread per connection.
struct SiteServer {
    site: Arc<Mutex<Site>>,
    base: String,
}

impl SiteServer {
    fn start() -> SiteServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let site = Arc::new(Mutex::new(Site::default()));
        let shared = Arc::clone(&site);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let site = Arc::clone(&shared);
                std::thread::spawn(move || answer(stream, &site));
            }
        });
        SiteServer { site, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn site(&self) -> std::sync::MutexGuard<'_, Site> {
        self.site.lock().expect("site lock")
    }

    /// Serve `stories` as articles `/news/N.html` and list them in the RSS feed at `path`
    /// (its ETag names `version`).
    fn publish(&self, path: &str, version: u32, stories: &[(usize, &Story)]) {
        let mut items = String::new();
        let mut site = self.site();
        for (n, story) in stories {
            let day = 1 + n % 28;
            let date = format!("2024-03-{day:02}");
            let link = self.url(&format!("/news/{n}.html"));
            items.push_str(&format!(
                "<item><title>{}</title><link>{link}</link><guid isPermaLink=\"false\">story-{n}</guid>\
                 <pubDate>{day:02} Mar 2024 08:30:00 GMT</pubDate></item>\n",
                story.title
            ));
            site.pages.insert(
                format!("/news/{n}.html"),
                (
                    "text/html; charset=utf-8".to_string(),
                    article_html(story, &date),
                ),
            );
        }
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
             <title>Loopback Wire</title><link>{}</link><description>Invented news for tests\
             </description>\n{items}</channel></rss>\n",
            self.base
        );
        site.feeds
            .insert(path.to_string(), (format!("\"v{version}\""), xml));
    }

    fn hits(&self, path: &str) -> Vec<Hit> {
        self.site()
            .hits
            .iter()
            .filter(|h| h.path == path)
            .cloned()
            .collect()
    }

    fn page_hits(&self) -> usize {
        self.site()
            .hits
            .iter()
            .filter(|h| h.path.starts_with("/news/"))
            .count()
    }
}

fn answer(mut stream: TcpStream, site: &Mutex<Site>) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("if-none-match") {
                        if_none_match = Some(value.trim().to_string());
                    }
                }
            }
        }
    }
    let (status, headers, body, delay) = {
        let mut site = site.lock().expect("site lock");
        let delay = site.page_delay;
        let reply = if let Some(&status) = site.statuses.get(&path) {
            (status, String::new(), "no".to_string(), Duration::ZERO)
        } else if site.fail_once.remove(&path) {
            (500, String::new(), "busy".to_string(), Duration::ZERO)
        } else if let Some((etag, xml)) = site.feeds.get(&path) {
            if if_none_match.as_deref() == Some(etag.as_str()) {
                (
                    304,
                    format!("ETag: {etag}\r\n"),
                    String::new(),
                    Duration::ZERO,
                )
            } else {
                (
                    200,
                    format!("ETag: {etag}\r\nContent-Type: application/rss+xml\r\n"),
                    xml.clone(),
                    Duration::ZERO,
                )
            }
        } else if let Some((content_type, body)) = site.pages.get(&path) {
            (
                200,
                format!("Content-Type: {content_type}\r\n"),
                body.clone(),
                delay,
            )
        } else {
            (404, String::new(), "not here".to_string(), Duration::ZERO)
        };
        site.hits.push(Hit {
            path: path.clone(),
            if_none_match,
            status: reply.0,
        });
        reply
    };
    std::thread::sleep(delay);
    let head = format!(
        "HTTP/1.1 {status} X\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

fn follow(db: &Path, args: &[&str]) -> Output {
    dyad()
        .arg("follow")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("dyad follow runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn connect(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("open the store");
    conn.busy_timeout(Duration::from_secs(10)).expect("timeout");
    conn
}

fn count(db: &Path, sql: &str) -> i64 {
    connect(db)
        .query_row(sql, [], |r| r.get(0))
        .expect("a count")
}

fn documents(db: &Path) -> i64 {
    count(db, "SELECT count(*) FROM documents")
}

fn store(name: &str) -> PathBuf {
    temp_store(&format!("follow-{name}"))
}

#[test]
fn every_item_is_stored_once_and_a_second_poll_is_conditional() {
    let all = stories();
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(3).collect();
    server.publish("/feed.xml", 1, &listed);
    let db = store("once");
    let feed = server.url("/feed.xml");

    let first = follow(&db, &["--once", &feed]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(documents(&db), 3, "{}", stderr(&first));
    assert!(
        stderr(&first).contains("documents: 3 new"),
        "{}",
        stderr(&first)
    );
    let urls: HashSet<String> = {
        let conn = connect(&db);
        let mut st = conn.prepare("SELECT url FROM documents").expect("sql");
        st.query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("urls")
    };
    let expected: HashSet<String> = (0..3)
        .map(|n| server.url(&format!("/news/{n}.html")))
        .collect();
    assert_eq!(urls, expected);
    // The pages' titles came through the HTML path of `dyad ingest`.
    let title: String = connect(&db)
        .query_row(
            "SELECT title FROM documents WHERE url = ?1",
            [server.url("/news/0.html")],
            |r| r.get(0),
        )
        .expect("a title");
    assert!(title.contains("Kenya and Tanzania"), "{title}");
    assert_eq!(server.page_hits(), 3);

    let second = follow(&db, &["--once", &feed]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(documents(&db), 3);
    assert!(
        stderr(&second).contains("1 unchanged"),
        "{}",
        stderr(&second)
    );
    let feed_hits = server.hits("/feed.xml");
    assert_eq!(feed_hits.len(), 2);
    assert_eq!(feed_hits[0].if_none_match, None);
    assert_eq!(feed_hits[0].status, 200);
    assert_eq!(feed_hits[1].if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(feed_hits[1].status, 304);
    assert_eq!(server.page_hits(), 3, "no page was fetched again");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM feed_items WHERE status = 'stored' AND doc_key IS NOT NULL"
        ),
        3
    );
}

#[test]
fn a_new_item_in_the_feed_is_picked_up() {
    let all = stories();
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(2).collect();
    server.publish("/feed.xml", 1, &listed);
    let db = store("new-item");
    let feed = server.url("/feed.xml");
    let first = follow(&db, &["--once", &feed]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(documents(&db), 2);

    // The newest item is listed first, as feeds do.
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(3).rev().collect();
    server.publish("/feed.xml", 2, &listed);
    let second = follow(&db, &["--once", &feed]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(documents(&db), 3, "{}", stderr(&second));
    assert!(
        stderr(&second).contains("1 items new"),
        "{}",
        stderr(&second)
    );
    assert_eq!(server.hits("/news/2.html").len(), 1);
    assert_eq!(
        server.hits("/news/0.html").len(),
        1,
        "old pages not refetched"
    );
    let feed_hits = server.hits("/feed.xml");
    assert_eq!(feed_hits[1].if_none_match.as_deref(), Some("\"v1\""));
    assert_eq!(feed_hits[1].status, 200);
}

#[test]
fn a_500_page_is_retried_after_the_backoff_and_a_404_page_never() {
    let all = stories();
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(3).collect();
    server.publish("/feed.xml", 1, &listed);
    {
        let mut site = server.site();
        site.fail_once.insert("/news/1.html".to_string());
        site.statuses.insert("/news/2.html".to_string(), 404);
    }
    let db = store("backoff");
    let feed = server.url("/feed.xml");
    let backoff = Duration::from_secs(3);
    let args = ["--once", "--backoff", "3s", feed.as_str()];

    let first = follow(&db, &args);
    let failed_at = Instant::now();
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(3), "{err}");
    assert_eq!(documents(&db), 1, "{err}");
    let busy = server.url("/news/1.html");
    let gone = server.url("/news/2.html");
    assert!(
        err.lines()
            .any(|l| l.contains(&busy) && l.contains("HTTP status 500") && l.contains("next try")),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.contains(&gone)
            && l.contains("HTTP status 404")
            && l.contains("not tried again")),
        "{err}"
    );

    // Before the back-off has passed nothing is asked again.
    let second = follow(&db, &args);
    if failed_at.elapsed() < backoff {
        assert_eq!(server.hits("/news/1.html").len(), 1, "{}", stderr(&second));
        assert_eq!(documents(&db), 1);
    }

    let wait = backoff.saturating_sub(failed_at.elapsed()) + Duration::from_millis(200);
    std::thread::sleep(wait);
    let third = follow(&db, &args);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert_eq!(documents(&db), 2, "{}", stderr(&third));
    let busy_hits = server.hits("/news/1.html");
    assert_eq!(busy_hits.len(), 2);
    assert_eq!(busy_hits[1].status, 200);
    assert_eq!(server.hits("/news/2.html").len(), 1, "a 404 is not retried");
    assert_eq!(
        count(&db, "SELECT count(*) FROM feed_items WHERE status = 'gone'"),
        1
    );
}

#[test]
fn a_bad_feed_does_not_stop_a_good_one() {
    let all = stories();
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(2).collect();
    server.publish("/good.xml", 1, &listed);
    server.site().pages.insert(
        "/broken.xml".to_string(),
        (
            "application/rss+xml".to_string(),
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Half".to_string(),
        ),
    );
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        drop(listener);
        format!("http://{addr}/feed.xml")
    };
    let broken = server.url("/broken.xml");
    let good = server.url("/good.xml");
    let db = store("bad-feed");

    let out = follow(&db, &["--once", &broken, &refused, &good]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(documents(&db), 2, "{err}");
    let error_lines: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(error_lines.len(), 2, "{err}");
    assert!(
        error_lines
            .iter()
            .any(|l| l.contains(&format!("feed {broken}:")) && l.contains("not a valid RSS")),
        "{err}"
    );
    assert!(
        error_lines
            .iter()
            .any(|l| l.contains(&format!("feed {refused}:"))),
        "{err}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM feeds WHERE failures = 1 AND next_retry_at_ms IS NOT NULL"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT failures FROM feeds WHERE url LIKE '%/good.xml'"
        ),
        0
    );
}

#[test]
fn a_run_killed_mid_way_is_completed_by_the_next_each_article_once() {
    let all = stories();
    assert!(all.len() >= 12);
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().collect();
    server.publish("/feed.xml", 1, &listed);
    server.site().page_delay = Duration::from_millis(300);
    let db = store("kill");
    let feed = server.url("/feed.xml");

    let mut child = dyad()
        .args(["follow", "--once", "--db"])
        .arg(&db)
        .arg(&feed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dyad follow starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if db.exists() && count(&db, "SELECT count(*) FROM documents") >= 4 {
            break;
        }
        assert!(Instant::now() < deadline, "no progress");
        assert!(
            child.try_wait().expect("child state").is_none(),
            "dyad follow ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let stored_before = documents(&db);
    assert!(stored_before < all.len() as i64, "killed mid-way");

    server.site().page_delay = Duration::ZERO;
    let out = follow(&db, &["--once", &feed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(documents(&db), all.len() as i64, "{}", stderr(&out));
    assert_eq!(
        count(&db, "SELECT count(DISTINCT url) FROM documents"),
        all.len() as i64
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(DISTINCT doc_key) FROM feed_items WHERE status = 'stored'"
        ),
        all.len() as i64
    );
    // Pages stored before the kill were not fetched again; at most the one in flight was.
    assert!(
        server.page_hits() <= all.len() + 1,
        "{} page requests",
        server.page_hits()
    );
    let integrity: String = connect(&db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}

#[test]
fn without_once_it_polls_every_interval_until_interrupted() {
    let all = stories();
    let server = SiteServer::start();
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(2).collect();
    server.publish("/feed.xml", 1, &listed);
    let db = store("loop");
    let feed = server.url("/feed.xml");
    let mut child = dyad()
        .args(["follow", "--every", "300ms", "--db"])
        .arg(&db)
        .arg(&feed)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad follow starts");
    let wait_for = |n: i64| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !(db.exists() && documents(&db) >= n) {
            assert!(Instant::now() < deadline, "fewer than {n} documents");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for(2);
    let listed: Vec<(usize, &Story)> = all.iter().enumerate().take(3).collect();
    server.publish("/feed.xml", 2, &listed);
    wait_for(3);
    let feed_polls = server.hits("/feed.xml").len();
    assert!(feed_polls >= 2, "{feed_polls} polls");

    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("child state") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "dyad follow did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        pipe.read_to_string(&mut err).expect("stderr");
    }
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(documents(&db), 3);
    assert!(err.contains("documents: 1 new"), "{err}");
}
