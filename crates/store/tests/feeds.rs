//! The store's record of followed feeds: new items recorded once, an item marked stored only
//! with its document, failures backed off or given up, and a store of schema version 4
//! migrated with its documents kept.

use std::path::PathBuf;

use dyad_store::{AddOutcome, Backoff, ItemFailure, ItemRetry, NewDocument, NewFeedItem, Store};

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-feeds-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("events.db")
}

fn item(n: u32) -> NewFeedItem {
    NewFeedItem {
        guid: format!("g{n}"),
        link: Some(format!("http://example.test/{n}")),
        title: Some(format!("Story {n}")),
        published: Some("2024-03-01".to_string()),
    }
}

fn page(n: u32) -> NewDocument {
    NewDocument {
        id: format!("http://example.test/{n}"),
        url: Some(format!("http://example.test/{n}")),
        text: format!("Story number {n} happened."),
        ..Default::default()
    }
}

const FEED: &str = "http://example.test/feed.xml";

const BACKOFF: Backoff = Backoff {
    base_ms: 1000,
    cap_ms: 8000,
    give_up_after: 3,
};

#[test]
fn items_are_recorded_once_and_marked_stored_with_their_document() {
    let db = temp_db("stored");
    let mut store = Store::open(&db).expect("store");
    let new = store
        .record_feed_read(FEED, Some("\"e1\""), None, &[item(1), item(2)], 10)
        .expect("read");
    assert_eq!(new, 2);
    let again = store
        .record_feed_read(
            FEED,
            Some("\"e2\""),
            Some("Mon"),
            &[item(1), item(2), item(3)],
            20,
        )
        .expect("read");
    assert_eq!(again, 1);
    let feed = store.feed(FEED).expect("feed");
    assert_eq!(feed.etag.as_deref(), Some("\"e2\""));
    assert_eq!(feed.last_modified.as_deref(), Some("Mon"));
    assert_eq!(feed.last_polled_ms, Some(20));

    let due = store.due_items(FEED, 30).expect("due");
    assert_eq!(
        due.iter().map(|i| i.guid.as_str()).collect::<Vec<_>>(),
        ["g1", "g2", "g3"]
    );
    let outcome = store
        .store_item_document(FEED, "g1", &page(1), &[], 40)
        .expect("stored");
    assert_eq!(outcome, AddOutcome::Added { events: 0 });
    assert!(store
        .mark_item_known(FEED, "g2", "http://example.test/1", 50)
        .expect("known"));
    assert!(!store
        .mark_item_known(FEED, "g3", "http://example.test/3", 50)
        .expect("unknown"));
    let due = store.due_items(FEED, 60).expect("due");
    assert_eq!(
        due.iter().map(|i| i.guid.as_str()).collect::<Vec<_>>(),
        ["g3"]
    );
    assert_eq!(store.counts().expect("counts").documents, 1);
}

#[test]
fn failures_back_off_and_give_up() {
    let db = temp_db("failures");
    let mut store = Store::open(&db).expect("store");
    store
        .record_feed_read(FEED, None, None, &[item(1), item(2)], 0)
        .expect("read");
    let retry = store
        .record_item_failure(
            FEED,
            "g1",
            "HTTP status 500",
            ItemFailure::Transient,
            &BACKOFF,
            100,
        )
        .expect("failure");
    assert_eq!(retry, ItemRetry::At(1100));
    let gone = store
        .record_item_failure(
            FEED,
            "g2",
            "HTTP status 404",
            ItemFailure::Permanent,
            &BACKOFF,
            100,
        )
        .expect("failure");
    assert_eq!(gone, ItemRetry::Never);
    assert!(store.due_items(FEED, 1099).expect("due").is_empty());
    assert_eq!(store.due_items(FEED, 1100).expect("due").len(), 1);
    let retry = store
        .record_item_failure(
            FEED,
            "g1",
            "timeout",
            ItemFailure::Transient,
            &BACKOFF,
            2000,
        )
        .expect("failure");
    assert_eq!(retry, ItemRetry::At(4000));
    let retry = store
        .record_item_failure(
            FEED,
            "g1",
            "timeout",
            ItemFailure::Transient,
            &BACKOFF,
            5000,
        )
        .expect("failure");
    assert_eq!(retry, ItemRetry::Never, "given up after three failures");
    assert!(store.due_items(FEED, i64::MAX).expect("due").is_empty());

    let at = store
        .record_feed_failure(FEED, "HTTP status 503", &BACKOFF, 100)
        .expect("feed failure");
    assert_eq!(at, 1100);
    let at = store
        .record_feed_failure(FEED, "HTTP status 503", &BACKOFF, 2000)
        .expect("feed failure");
    assert_eq!(at, 4000);
    assert_eq!(store.feed(FEED).expect("feed").failures, 2);
    store.record_feed_unchanged(FEED, 5000).expect("304");
    let feed = store.feed(FEED).expect("feed");
    assert_eq!((feed.failures, feed.next_retry_at_ms), (0, None));
}

#[test]
fn an_unknown_item_is_a_named_error() {
    let db = temp_db("unknown");
    let mut store = Store::open(&db).expect("store");
    let err = store
        .record_item_failure(FEED, "nope", "x", ItemFailure::Transient, &BACKOFF, 0)
        .expect_err("no such item");
    assert!(err.to_string().contains("nope"), "{err}");
}

#[test]
fn a_version_4_store_gains_the_feed_tables_and_keeps_its_documents() {
    let db = temp_db("migrate");
    dyad_store::schema::create_at_version(&db, 4).expect("old store");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute(
            "INSERT INTO documents (id, source_key, text, ingested_at) VALUES ('old', 'doc:old', 'Old text.', 0)",
            [],
        )
        .expect("insert");
    }
    let mut store = Store::open(&db).expect("migrated");
    assert_eq!(store.opened_at_version(), 4);
    assert_eq!(store.counts().expect("counts").documents, 1);
    assert_eq!(
        store
            .record_feed_read(FEED, None, None, &[item(1)], 0)
            .expect("feeds table"),
        1
    );
}
