//! `dyad follow`: RSS and Atom feeds polled into the event store.
//!
//! Each poll asks every feed for a new version (a conditional GET with the ETag and
//! Last-Modified it gave last; a 304 means nothing new), records the items never seen, then
//! fetches every item's article page that is due, and runs it through the same text stage,
//! pipeline and store checks as `dyad ingest` (the page's URL is the document's id). What it
//! has seen lives in the store (`dyad_store` `feeds` and `feed_items`), so a restart, even
//! after `kill -9`, goes on where the last run stopped and stores every article once. A
//! failing feed or page is backed off on its own (exponentially, capped); 404 and 410 pages
//! are never asked for again. One line on stderr per error names the URL and the cause. This
//! module fetches and wires; it must never decide what a page means (the text stage does) or
//! what is a duplicate (the store does), and a failing feed must never stop the others.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use clap::Args;

use dyad_nlp::Scratch;
use dyad_store::{
    AddOutcome, Backoff, ItemFailure, ItemRetry, NewFeedItem, PendingItem, Store, StoreError,
};
use dyad_text::{detect_format, parse_date_prefix, InputFormat};

use crate::ingest::{new_document, DocumentIngester};
use crate::input::web_page_document;

/// The largest feed or page read (bytes); a larger one is a failure of that URL.
const MAX_BODY_BYTES: u64 = 16 << 20;

/// Options of `dyad follow`.
#[derive(Debug, Args)]
pub struct FollowOptions {
    /// The store (created when missing).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// RSS or Atom feeds to follow (http or https URLs).
    #[arg(value_name = "FEED_URL", required = true)]
    pub feeds: Vec<String>,
    /// Time between polls (`30s`, `5m`, `1h`, …).
    #[arg(long, default_value = "5m", value_parser = parse_duration)]
    pub every: Duration,
    /// Poll every feed once, fetch what is due, and exit.
    #[arg(long)]
    pub once: bool,
    /// Wait after a first failure before a feed or page is tried again; each failure in a
    /// row doubles it.
    #[arg(long, default_value = "1m", value_parser = parse_duration)]
    pub backoff: Duration,
    /// The longest wait between tries of a failing feed or page.
    #[arg(long, default_value = "6h", value_parser = parse_duration)]
    pub max_backoff: Duration,
    /// Failures in a row after which a page is no longer tried (404 and 410: at once).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..))]
    pub give_up_after: u32,
    /// Time allowed for one request, connecting and reading included.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
}

/// A duration like `5m`, `90s`, `1h 30m` or `250ms` (jiff's friendly format, or ISO 8601).
fn parse_duration(s: &str) -> Result<Duration, String> {
    let signed: jiff::SignedDuration = s
        .trim()
        .parse()
        .map_err(|e| format!("{s:?} is not a duration like 30s, 5m or 1h: {e}"))?;
    let d = Duration::try_from(signed).map_err(|_| format!("{s:?} is negative"))?;
    if d.is_zero() {
        return Err(format!("{s:?} is zero; give a positive duration"));
    }
    Ok(d)
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// A wait in milliseconds, for messages: `1.5 s`, `3 min`.
fn wait_text(ms: i64) -> String {
    let ms = ms.max(0);
    if ms < 120_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else if ms < 7_200_000 {
        format!("{} min", ms / 60_000)
    } else {
        format!("{:.1} h", ms as f64 / 3_600_000.0)
    }
}

/// What one poll of all feeds did.
#[derive(Debug, Default)]
struct PollTally {
    feeds_read: u64,
    feeds_unchanged: u64,
    feeds_failed: u64,
    feeds_waiting: u64,
    items_new: u64,
    documents_new: u64,
    documents_skipped: u64,
    pages_failed: u64,
    events: u64,
}

/// A fetched body, or why there is none.
enum Fetched {
    /// 2xx: the body and the headers kept.
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// 304.
    NotModified,
    /// Any other status.
    Status(u16),
}

/// The HTTP side: one agent with the run's timeout, redirects followed.
struct Http {
    agent: ureq::Agent,
}

impl Http {
    fn new(timeout: Duration) -> Http {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "dyad/",
                env!("CARGO_PKG_VERSION"),
                " (dyad follow)"
            ))
            .build()
            .into();
        Http { agent }
    }

    /// GET `url`, conditional on the validators given.
    fn get(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, ureq::Error> {
        let mut request = self.agent.get(url);
        if let Some(tag) = etag {
            request = request.header("If-None-Match", tag);
        }
        if let Some(date) = last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call()?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Ok(Fetched::Status(status));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()?;
        Ok(Fetched::Body {
            bytes,
            content_type,
            etag,
            last_modified,
        })
    }
}

/// Is a failed request worth trying again? Unusable URLs and refusals by content are not.
fn transport_failure(e: &ureq::Error) -> ItemFailure {
    match e {
        ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::BodyExceedsLimit(_)
        | ureq::Error::TooManyRedirects
        | ureq::Error::RedirectFailed => ItemFailure::Permanent,
        _ => ItemFailure::Transient,
    }
}

/// The items of a feed document, oldest first (feeds list the newest first).
fn feed_items(url: &str, bytes: &[u8]) -> Result<Vec<NewFeedItem>, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        .build()
        .parse(bytes)
        .map_err(|e| format!("not a valid RSS or Atom feed: {e}"))?;
    let mut items: Vec<NewFeedItem> = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| !h.is_empty());
            NewFeedItem {
                guid: entry.id,
                link,
                title: entry
                    .title
                    .map(|t| t.content.trim().to_string())
                    .filter(|t| !t.is_empty()),
                published: entry
                    .published
                    .or(entry.updated)
                    .map(|d| d.date_naive().to_string()),
            }
        })
        .collect();
    items.reverse();
    Ok(items)
}

/// How a page's `Content-Type` (or, without one, its bytes) says to read it; `None` for
/// what is no web page.
fn page_format(content_type: Option<&str>, bytes: &[u8]) -> Option<InputFormat> {
    match content_type.map(|t| t.to_ascii_lowercase()) {
        Some(t) if t.contains("html") || t.contains("xml") => Some(InputFormat::Html),
        Some(t) if t.starts_with("text/") => Some(InputFormat::Text),
        Some(_) => None,
        None => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
            match detect_format(None, &head) {
                InputFormat::Jsonl => Some(InputFormat::Text),
                f => Some(f),
            }
        }
    }
}

/// One follower: the store, the pipeline, the HTTP agent and the back-off rule.
struct Follower<'a> {
    opts: &'a FollowOptions,
    store: Store,
    ingester: DocumentIngester,
    scratch: Scratch,
    http: Http,
    backoff: Backoff,
    stop: Arc<AtomicBool>,
}

impl Follower<'_> {
    /// Poll every feed, then fetch each one's due items.
    fn poll_all(&mut self) -> Result<PollTally> {
        let mut tally = PollTally::default();
        for url in &self.opts.feeds {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            self.poll_feed(url, &mut tally)?;
            self.fetch_due(url, &mut tally)?;
        }
        Ok(tally)
    }

    /// Ask one feed for a new version and record the items it lists.
    fn poll_feed(&mut self, url: &str, tally: &mut PollTally) -> Result<()> {
        let state = self.store.feed(url)?;
        let now = now_ms();
        if let Some(at) = state.next_retry_at_ms.filter(|&at| at > now) {
            tally.feeds_waiting += 1;
            eprintln!(
                "dyad follow: feed {url}: waiting {} more after {} failure(s) in a row",
                wait_text(at - now),
                state.failures
            );
            return Ok(());
        }
        let fetched = self
            .http
            .get(url, state.etag.as_deref(), state.last_modified.as_deref());
        let cause = match fetched {
            Ok(Fetched::NotModified) => {
                self.store.record_feed_unchanged(url, now_ms())?;
                tally.feeds_unchanged += 1;
                return Ok(());
            }
            Ok(Fetched::Body {
                bytes,
                etag,
                last_modified,
                ..
            }) => match feed_items(url, &bytes) {
                Ok(items) => {
                    let new = self.store.record_feed_read(
                        url,
                        etag.as_deref(),
                        last_modified.as_deref(),
                        &items,
                        now_ms(),
                    )?;
                    tally.feeds_read += 1;
                    tally.items_new += new as u64;
                    return Ok(());
                }
                Err(cause) => cause,
            },
            Ok(Fetched::Status(status)) => format!("HTTP status {status}"),
            Err(e) => e.to_string(),
        };
        tally.feeds_failed += 1;
        let now = now_ms();
        let retry_at = self
            .store
            .record_feed_failure(url, &cause, &self.backoff, now)?;
        eprintln!(
            "dyad follow: error: feed {url}: {cause}; next try in {}",
            wait_text(retry_at - now)
        );
        Ok(())
    }

    /// Fetch, code and store every due item of one feed.
    fn fetch_due(&mut self, url: &str, tally: &mut PollTally) -> Result<()> {
        for item in self.store.due_items(url, now_ms())? {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            self.fetch_item(&item, tally)?;
        }
        Ok(())
    }

    fn fetch_item(&mut self, item: &PendingItem, tally: &mut PollTally) -> Result<()> {
        let feed = item.feed_url.as_str();
        let Some(link) = item.link.as_deref() else {
            return self.item_failed(
                item,
                "(no link)",
                "the item has no link",
                ItemFailure::Permanent,
                tally,
            );
        };
        // A page already stored (by an earlier run, another feed, or `dyad ingest`) is not
        // fetched again.
        if self
            .store
            .mark_item_known(feed, &item.guid, link, now_ms())?
        {
            tally.documents_skipped += 1;
            return Ok(());
        }
        let (bytes, content_type) = match self.http.get(link, None, None) {
            Ok(Fetched::Body {
                bytes,
                content_type,
                ..
            }) => (bytes, content_type),
            Ok(Fetched::Status(status)) => {
                let failure = match status {
                    404 | 410 => ItemFailure::Permanent,
                    _ => ItemFailure::Transient,
                };
                let cause = format!("HTTP status {status}");
                return self.item_failed(item, link, &cause, failure, tally);
            }
            Ok(Fetched::NotModified) => {
                let cause = "HTTP status 304 to an unconditional request";
                return self.item_failed(item, link, cause, ItemFailure::Transient, tally);
            }
            Err(e) => {
                let failure = transport_failure(&e);
                return self.item_failed(item, link, &e.to_string(), failure, tally);
            }
        };
        let Some(format) = page_format(content_type.as_deref(), &bytes) else {
            let cause = format!(
                "not a web page (Content-Type {})",
                content_type.as_deref().unwrap_or("?")
            );
            return self.item_failed(item, link, &cause, ItemFailure::Permanent, tally);
        };
        let (raw, lossy) =
            web_page_document(link.to_string(), Some(link.to_string()), &bytes, format);
        if lossy {
            eprintln!(
                "dyad follow: warning: {link}: invalid UTF-8, decoded with replacement characters"
            );
        }
        let fallback_date = item
            .published
            .as_deref()
            .and_then(parse_date_prefix)
            .or_else(|| {
                Some(
                    jiff::tz::Offset::UTC
                        .to_datetime(jiff::Timestamp::now())
                        .date(),
                )
            });
        let mut coded = self.ingester.code(&mut self.scratch, raw, fallback_date);
        for w in &coded.warnings {
            eprintln!("dyad follow: warning: {w}");
        }
        if coded.seg.doc.meta.title.is_none() {
            coded.seg.doc.meta.title = item.title.clone();
        }
        let outcome = self.store.store_item_document(
            feed,
            &item.guid,
            &new_document(&coded.seg),
            &coded.events,
            now_ms(),
        )?;
        match outcome {
            AddOutcome::Added { events } => {
                tally.documents_new += 1;
                tally.events += events as u64;
            }
            AddOutcome::DuplicateId | AddOutcome::DuplicateContent => {
                tally.documents_skipped += 1;
            }
        }
        Ok(())
    }

    /// Record a page's failure and say so on stderr.
    fn item_failed(
        &mut self,
        item: &PendingItem,
        link: &str,
        cause: &str,
        failure: ItemFailure,
        tally: &mut PollTally,
    ) -> Result<()> {
        tally.pages_failed += 1;
        let now = now_ms();
        let retry = self.store.record_item_failure(
            &item.feed_url,
            &item.guid,
            cause,
            failure,
            &self.backoff,
            now,
        )?;
        let next = match (retry, failure) {
            (ItemRetry::At(at), _) => format!("next try in {}", wait_text(at - now)),
            (ItemRetry::Never, ItemFailure::Permanent) => "not tried again".to_string(),
            (ItemRetry::Never, ItemFailure::Transient) => format!(
                "given up after {} failures in a row",
                item.failures.saturating_add(1)
            ),
        };
        eprintln!(
            "dyad follow: error: article {link} (item {} of feed {}): {cause}; {next}",
            item.guid, item.feed_url
        );
        Ok(())
    }
}

fn summary(tally: &PollTally, secs: f64, db: &std::path::Path) -> String {
    format!(
        "dyad follow: feeds: {} read, {} unchanged, {} failed, {} waiting; {} items new; \
         documents: {} new, {} skipped, {} pages failed; {} events; {:.1} s into {}",
        tally.feeds_read,
        tally.feeds_unchanged,
        tally.feeds_failed,
        tally.feeds_waiting,
        tally.items_new,
        tally.documents_new,
        tally.documents_skipped,
        tally.pages_failed,
        tally.events,
        secs,
        db.display()
    )
}

/// The exit status of a `--once` run: 1 when a feed could not be read, 3 when only pages
/// failed, else 0.
fn once_status(tally: &PollTally) -> i32 {
    if tally.feeds_failed > 0 {
        1
    } else if tally.pages_failed > 0 {
        3
    } else {
        0
    }
}

/// Whether an error is another writer holding the store longer than the store waits.
fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<StoreError>(),
            Some(StoreError::Busy { .. })
        )
    })
}

/// Run `dyad follow`; returns the exit status (with `--once`: 1 when a feed could not be
/// read, 3 when only pages failed, else 0; looping: 0 after Ctrl-C).
pub fn run(opts: &FollowOptions) -> Result<i32> {
    for url in &opts.feeds {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            eprintln!("dyad follow: error: {url:?} is not an http or https URL");
            return Ok(2);
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || {
            // Every stored article is committed with its item, so a second Ctrl-C may stop
            // the run at once.
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        })
        .context("cannot install the Ctrl-C handler")?;
    }
    let mut follower = Follower {
        opts,
        store: Store::open(&opts.db)?,
        ingester: DocumentIngester::new()?,
        scratch: Scratch::default(),
        http: Http::new(opts.timeout),
        backoff: Backoff {
            base_ms: millis(opts.backoff).max(1),
            cap_ms: millis(opts.max_backoff).max(millis(opts.backoff)),
            give_up_after: opts.give_up_after,
        },
        stop: Arc::clone(&stop),
    };
    if !opts.once && std::io::stderr().is_terminal() {
        eprintln!(
            "dyad follow: polling {} feed(s) every {}; Ctrl-C stops",
            opts.feeds.len(),
            wait_text(millis(opts.every))
        );
    }
    loop {
        let started = Instant::now();
        match follower.poll_all() {
            Ok(tally) => {
                if tally.documents_new > 0 {
                    follower.store.optimize()?;
                }
                eprintln!(
                    "{}",
                    summary(&tally, started.elapsed().as_secs_f64(), &opts.db)
                );
                if opts.once {
                    return Ok(once_status(&tally));
                }
            }
            // Another writer held the store past the wait: what this poll stored is
            // committed, and the next poll takes up the rest.
            Err(e) if !opts.once && is_busy(&e) => eprintln!(
                "dyad follow: error: {e:#}; next poll in {}",
                wait_text(millis(opts.every))
            ),
            Err(e) => return Err(e),
        }
        let next = started + opts.every;
        while Instant::now() < next {
            if stop.load(Ordering::SeqCst) {
                return Ok(0);
            }
            std::thread::sleep(
                Duration::from_millis(100).min(next.saturating_duration_since(Instant::now())),
            );
        }
        if stop.load(Ordering::SeqCst) {
            return Ok(0);
        }
    }
}
