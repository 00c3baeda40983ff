//! Tests of the store: opening, migrations, foreign and damaged files, idempotent insertion,
//! the de-duplication rule, every query filter, series and CSV export.

use std::path::{Path, PathBuf};

use dyad_store::export::{write_table, MentionRow, Table};
use dyad_store::{
    ActorRef, AddOutcome, Event, EventDate, Filter, Level, Location, NewDocument, NewSentence,
    Period, SentenceKind, Store, StoreError, VerbRef,
};

/// A fresh directory for one test.
fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn actor(code: Option<&str>) -> ActorRef {
    ActorRef {
        text: code.map(|c| format!("the {c}")),
        code: code.map(str::to_string),
        entry: None,
        country: code.and_then(|c| c.get(..3)).map(str::to_string),
    }
}

/// A hand-made mention.
#[allow(clippy::too_many_arguments)]
fn ev(
    doc: &str,
    sentence: usize,
    source: Option<&str>,
    target: Option<&str>,
    cameo: &str,
    quad: u8,
    date: &str,
    precision: &str,
    country: Option<&str>,
) -> Event {
    Event {
        event_id: format!("{doc}-{sentence}-{cameo}-{}", source.unwrap_or("")),
        doc_id: doc.to_string(),
        sentence_index: sentence,
        sentence: format!("sentence {sentence} of {doc}"),
        source: actor(source),
        target: actor(target),
        cameo: cameo.to_string(),
        root: cameo[..2].to_string(),
        quad_class: quad,
        goldstein: if quad >= 3 { -5.0 } else { 3.5 },
        plover: "TEST".to_string(),
        date: EventDate {
            start: Some(date.to_string()),
            end: Some(date.to_string()),
            precision: precision.to_string(),
            text: (precision != "document").then(|| date.to_string()),
        },
        location: country.map(|c| Location {
            text: c.to_string(),
            name: c.to_string(),
            country: c.to_string(),
            admin1: None,
            lat: 1.5,
            lon: -2.25,
            precision: "country".to_string(),
        }),
        fatalities: (quad == 4).then_some(2),
        fatalities_text: (quad == 4).then(|| "two people".to_string()),
        verb: VerbRef {
            text: "did".to_string(),
            rule: format!("{cameo}.test"),
            rules: vec!["verb-pattern".to_string(), "pronoun-antecedent".to_string()],
        },
    }
}

/// A document whose sentences are the given texts (index = position).
fn doc(id: &str, date: &str, source: Option<&str>, sentences: &[&str]) -> NewDocument {
    let mut text = String::new();
    let mut segs = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s);
        segs.push(NewSentence {
            index: i,
            kind: SentenceKind::Sentence,
            start,
            end: text.len(),
            text: s.to_string(),
        });
    }
    NewDocument {
        id: id.to_string(),
        date: Some(date.to_string()),
        source: source.map(str::to_string),
        text,
        sentences: segs,
        ..Default::default()
    }
}

fn with_sentences(mut events: Vec<Event>, d: &NewDocument) -> Vec<Event> {
    for e in &mut events {
        e.sentence = d.sentences[e.sentence_index].text.clone();
    }
    events
}

fn add(store: &mut Store, d: &NewDocument, events: Vec<Event>) -> AddOutcome {
    let events = with_sentences(events, d);
    store.add_document(d, &events).expect("stored")
}

#[test]
fn creates_with_application_id_and_reopens() {
    let dir = tempdir("create");
    let path = dir.join("s.db");
    {
        let store = Store::open(&path).expect("created");
        assert_eq!(store.opened_at_version(), 0);
    }
    let bytes = std::fs::read(&path).expect("file");
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!(
        u32::from_be_bytes([bytes[68], bytes[69], bytes[70], bytes[71]]),
        dyad_store::APPLICATION_ID
    );
    let store = Store::open(&path).expect("reopened");
    assert_eq!(store.opened_at_version(), dyad_store::SCHEMA_VERSION);
    assert!(matches!(
        Store::open_existing(dir.join("missing.db")),
        Err(StoreError::Missing { .. })
    ));
    assert!(!dir.join("missing.db").exists());
}

#[test]
fn older_store_is_migrated_and_its_events_clustered() {
    let dir = tempdir("migrate");
    let path = dir.join("v1.db");
    dyad_store::schema::create_at_version(&path, 1).expect("v1 store");
    {
        // What a version-1 dyad wrote: a document, its sentences and two mentions.
        let conn = rusqlite::Connection::open(&path).expect("open v1");
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(v, 1);
        conn.execute_batch(
            "INSERT INTO documents (doc_key, id, content_hash, date, source_key, text, ingested_at)
               VALUES (1, 'old-1', x'01', '2024-02-11', 'doc:old-1', 'Militants struck a U.S. base. The strike killed three.', 0);
             INSERT INTO sentences (sent_key, doc_key, idx, kind, start, end, text) VALUES
               (1, 1, 0, 'sentence', 0, 29, 'Militants struck a U.S. base.'),
               (2, 1, 1, 'sentence', 30, 54, 'The strike killed three.');
             INSERT INTO events (event_id, doc_key, sent_key, sentence_index, source_code, target_code,
               cameo, root, quad_class, goldstein, plover, date_start, date_end, date_precision,
               verb_text, verb_rule) VALUES
               ('e1', 1, 1, 0, 'REB', 'USA', '190', '19', 4, -10.0, 'ASSAULT', '2024-02-10', '2024-02-10', 'day', 'struck', '190.strike'),
               ('e2', 1, 2, 1, NULL, 'USAMIL', '183', '18', 4, -10.0, 'ASSAULT', '2024-02-11', '2024-02-11', 'document', 'killed', '183.kill');",
        )
        .expect("v1 rows");
    }
    let store = Store::open(&path).expect("migrated");
    assert_eq!(store.opened_at_version(), 1);
    let v: i64 = store
        .connection()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, dyad_store::SCHEMA_VERSION);
    let ms = store.mentions(&Filter::default(), None).expect("mentions");
    assert_eq!(ms.len(), 2);
    assert_eq!(
        ms[0].cluster_id, ms[1].cluster_id,
        "one attack, one cluster"
    );
    let found = store
        .mentions(
            &Filter {
                text: Some("killed".to_string()),
                ..Default::default()
            },
            None,
        )
        .expect("fts");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].mention.event_id, "e2");
    // columns added after version 1 read back empty, never invented
    assert!(ms.iter().all(|m| m.mention.source.country.is_none()
        && m.mention.target.country.is_none()
        && m.mention.fatalities_text.is_none()
        && m.mention.verb.rules.is_empty()));
    assert_eq!(store.integrity_check().expect("check"), "ok");
}

fn assert_rejected_unchanged(path: &Path, want: fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("file");
    let err = match Store::open(path) {
        Err(e) => e,
        Ok(_) => panic!("{} was opened", path.display()),
    };
    assert!(want(&err), "unexpected error: {err}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(path).expect("file"), before, "file changed");
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    assert!(!Path::new(&wal).exists(), "a WAL file was created");
}

#[test]
fn foreign_and_damaged_files_are_rejected_unchanged() {
    let dir = tempdir("foreign");
    let text = dir.join("notes.db");
    std::fs::write(&text, "just some notes\n").expect("write");
    assert_rejected_unchanged(&text, |e| matches!(e, StoreError::NotAStore { .. }));

    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").expect("write");
    assert_rejected_unchanged(&empty, |e| matches!(e, StoreError::NotAStore { .. }));

    let truncated = dir.join("truncated.db");
    std::fs::write(&truncated, b"SQLite format 3\0\x10\x00").expect("write");
    assert_rejected_unchanged(&truncated, |e| matches!(e, StoreError::NotAStore { .. }));

    let other = dir.join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("other app's table");
    }
    assert_rejected_unchanged(&other, |e| {
        matches!(e, StoreError::Foreign { found: 0, .. })
    });

    // A dyad store whose pages after the header are garbage.
    let damaged = dir.join("damaged.db");
    {
        let mut store = Store::open(&damaged).expect("store");
        let d = doc("d", "2024-01-01", None, &["Iraq met Iran."]);
        add(&mut store, &d, vec![]);
    }
    let mut bytes = std::fs::read(&damaged).expect("file");
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&damaged, &bytes).expect("write");
    let _ = std::fs::remove_file(dir.join("damaged.db-wal"));
    let _ = std::fs::remove_file(dir.join("damaged.db-shm"));
    let before = std::fs::read(&damaged).expect("file");
    assert!(Store::open(&damaged).is_err());
    assert_eq!(
        std::fs::read(&damaged).expect("file"),
        before,
        "damaged file changed"
    );
}

#[test]
fn newer_store_is_rejected_unchanged() {
    let dir = tempdir("newer");
    let path = dir.join("newer.db");
    drop(Store::open(&path).expect("store"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("checkpoint");
    }
    let before = std::fs::read(&path).expect("file");
    match Store::open(&path) {
        Err(StoreError::NewerVersion { found: 99, .. }) => {}
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("opened a newer store"),
    }
    assert_eq!(std::fs::read(&path).expect("file"), before);
}

#[test]
fn documents_are_stored_once_by_id_and_by_content() {
    let dir = tempdir("idem");
    let mut store = Store::open(dir.join("s.db")).expect("store");
    let d = doc("a", "2024-01-01", None, &["Iraq criticized Iran."]);
    let e = vec![ev(
        "a",
        0,
        Some("IRQ"),
        Some("IRN"),
        "111",
        3,
        "2024-01-01",
        "document",
        None,
    )];
    assert_eq!(
        add(&mut store, &d, e.clone()),
        AddOutcome::Added { events: 1 }
    );
    assert_eq!(add(&mut store, &d, e.clone()), AddOutcome::DuplicateId);
    let mut same_text = d.clone();
    same_text.id = "b".to_string();
    assert_eq!(add(&mut store, &same_text, e), AddOutcome::DuplicateContent);
    assert!(store.has_document("a").expect("query"));
    assert!(store.has_content(&d.text).expect("query"));
    let c = store.counts().expect("counts");
    assert_eq!(
        (c.documents, c.sentences, c.mentions, c.clusters),
        (1, 1, 1, 1)
    );
    // Empty documents are never duplicates of each other by content.
    let e1 = doc("empty-1", "2024-01-01", None, &[]);
    let e2 = doc("empty-2", "2024-01-01", None, &[]);
    assert_eq!(
        add(&mut store, &e1, vec![]),
        AddOutcome::Added { events: 0 }
    );
    assert_eq!(
        add(&mut store, &e2, vec![]),
        AddOutcome::Added { events: 0 }
    );
}

#[test]
fn batches_commit_together_and_uncommitted_batches_vanish() {
    let dir = tempdir("batch");
    let path = dir.join("s.db");
    {
        let mut store = Store::open(&path).expect("store");
        store.begin().expect("begin");
        add(
            &mut store,
            &doc("kept", "2024-01-01", None, &["One."]),
            vec![],
        );
        store.commit().expect("commit");
        store.begin().expect("begin");
        add(
            &mut store,
            &doc("lost", "2024-01-01", None, &["Two."]),
            vec![],
        );
        // Dropped without commit, like a killed process.
    }
    let store = Store::open(&path).expect("reopen");
    assert!(store.has_document("kept").expect("q"));
    assert!(!store.has_document("lost").expect("q"));
}

#[test]
fn dedup_links_mentions_of_one_event() {
    let dir = tempdir("dedup");
    let mut store = Store::open(dir.join("s.db")).expect("store");
    // The seed article, by hand: the drone strike (dated by "the very next day"), its later
    // mention dated only by the article, and the U.S. strikes in Iraq and in Syria.
    let a = doc(
        "seed",
        "2024-02-11",
        Some("Stock Dork"),
        &[
            "Iran-backed militants struck a U.S. outpost in Jordan the very next day.",
            "The U.S. launched strikes in Iraq and Syria.",
            "After the deadly strike on U.S. service members, Iran disavowed the attack.",
        ],
    );
    let seed_events = vec![
        ev(
            "seed",
            0,
            Some("REB"),
            Some("USA"),
            "190",
            4,
            "2024-01-28",
            "day",
            None,
        ),
        ev(
            "seed",
            1,
            Some("USA"),
            Some("IRQ"),
            "195",
            4,
            "2024-02-11",
            "document",
            None,
        ),
        ev(
            "seed",
            1,
            Some("USA"),
            Some("SYR"),
            "195",
            4,
            "2024-02-11",
            "document",
            None,
        ),
        ev(
            "seed",
            2,
            None,
            Some("USAMIL"),
            "183",
            4,
            "2024-02-11",
            "document",
            None,
        ),
    ];
    add(&mut store, &a, seed_events);
    // Another outlet the next day: the same U.S. strike in Iraq, by the U.S. military.
    let b = doc(
        "b",
        "2024-02-12",
        Some("Wire"),
        &["U.S. forces bombed targets in Iraq."],
    );
    add(
        &mut store,
        &b,
        vec![ev(
            "b",
            0,
            Some("USAMIL"),
            Some("IRQ"),
            "183",
            4,
            "2024-02-12",
            "document",
            Some("IRQ"),
        )],
    );
    // Same outlet again, another article on it.
    let c = doc(
        "c",
        "2024-02-12",
        Some("wire"),
        &["The U.S. struck Iraq again, officials said."],
    );
    add(
        &mut store,
        &c,
        vec![ev(
            "c",
            0,
            Some("USA"),
            Some("IRQ"),
            "190",
            4,
            "2024-02-12",
            "document",
            None,
        )],
    );
    // Not the same event: a different target, a later month, another kind of action, and a
    // strike placed in another country.
    let d = doc(
        "d",
        "2024-02-12",
        None,
        &[
            "The U.S. struck Iran.",
            "The U.S. criticized Iraq.",
            "The U.S. struck Iraq in Syria.",
        ],
    );
    add(
        &mut store,
        &d,
        vec![
            ev(
                "d",
                0,
                Some("USA"),
                Some("IRN"),
                "190",
                4,
                "2024-02-12",
                "document",
                None,
            ),
            ev(
                "d",
                1,
                Some("USA"),
                Some("IRQ"),
                "111",
                3,
                "2024-02-12",
                "document",
                None,
            ),
        ],
    );
    let e = doc("e", "2024-02-12", None, &["Strikes on Iraq in Syria."]);
    add(
        &mut store,
        &e,
        vec![ev(
            "e",
            0,
            Some("USA"),
            Some("IRQ"),
            "190",
            4,
            "2024-02-12",
            "document",
            Some("SYR"),
        )],
    );
    let f = doc("f", "2024-04-01", None, &["The U.S. struck Iraq in April."]);
    add(
        &mut store,
        &f,
        vec![ev(
            "f",
            0,
            Some("USA"),
            Some("IRQ"),
            "190",
            4,
            "2024-04-01",
            "day",
            None,
        )],
    );

    let ms = store.mentions(&Filter::default(), None).expect("mentions");
    let cluster_of = |doc: &str, sentence: usize, target: &str| {
        ms.iter()
            .find(|m| {
                m.mention.doc_id == doc
                    && m.mention.sentence_index == sentence
                    && m.mention.target.code.as_deref() == Some(target)
            })
            .map(|m| m.cluster_id)
            .expect("mention stored")
    };
    // The drone strike and its later mention: one cluster.
    assert_eq!(
        cluster_of("seed", 0, "USA"),
        cluster_of("seed", 2, "USAMIL")
    );
    // The U.S. strikes in Iraq across three reports: one cluster; Syria another.
    let iraq = cluster_of("seed", 1, "IRQ");
    assert_eq!(cluster_of("b", 0, "IRQ"), iraq);
    assert_eq!(cluster_of("c", 0, "IRQ"), iraq);
    assert_ne!(cluster_of("seed", 1, "SYR"), iraq);
    assert_ne!(cluster_of("seed", 0, "USA"), iraq);
    assert_ne!(cluster_of("d", 0, "IRN"), iraq);
    assert_ne!(cluster_of("d", 1, "IRQ"), iraq);
    assert_ne!(cluster_of("f", 0, "IRQ"), iraq);
    assert_ne!(cluster_of("e", 0, "IRQ"), iraq, "placed in Syria, not Iraq");
    let clusters = store.clusters(&Filter::default(), None).expect("clusters");
    let c = clusters
        .iter()
        .find(|c| c.cluster_id == iraq)
        .expect("cluster");
    assert_eq!(
        (c.num_mentions, c.num_articles, c.num_sources),
        (3, 3, 2),
        "sources: Stock Dork, Wire (twice)"
    );
    assert_eq!(c.country.as_deref(), Some("IRQ"));
    assert_eq!(c.date_start.as_deref(), Some("2024-02-11"));
    assert_eq!(c.date_end.as_deref(), Some("2024-02-12"));
    let drone = clusters
        .iter()
        .find(|c| c.cluster_id == cluster_of("seed", 0, "USA"))
        .expect("cluster");
    assert_eq!(
        (drone.num_mentions, drone.num_articles, drone.num_sources),
        (2, 1, 1)
    );
    assert_eq!(ms.len(), 10, "every mention is kept");
    assert_eq!(clusters.len(), 7);
}

/// A small store for the filter tests.
fn filter_store(dir: &Path) -> Store {
    let mut store = Store::open(dir.join("s.db")).expect("store");
    let d1 = doc(
        "d1",
        "2024-03-01",
        None,
        &[
            "The U.S. army attacked Iraqi militias near Mosul.",
            "Iraq condemned the United States.",
            "Russia met China.",
        ],
    );
    add(
        &mut store,
        &d1,
        vec![
            ev(
                "d1",
                0,
                Some("USAMIL"),
                Some("IRQREB"),
                "190",
                4,
                "2024-03-01",
                "day",
                Some("IRQ"),
            ),
            ev(
                "d1",
                1,
                Some("IRQ"),
                Some("USA"),
                "122",
                3,
                "2024-03-02",
                "day",
                None,
            ),
            ev(
                "d1",
                2,
                Some("RUS"),
                Some("CHN"),
                "042",
                1,
                "2024-03-05",
                "day",
                Some("CHN"),
            ),
        ],
    );
    let d2 = doc(
        "d2",
        "2024-04-10",
        None,
        &[
            "The United States sent aid to the United States.",
            "Iran threatened Israel.",
        ],
    );
    add(
        &mut store,
        &d2,
        vec![
            ev(
                "d2",
                0,
                Some("USA"),
                Some("USAGOV"),
                "070",
                2,
                "2024-04-10",
                "day",
                None,
            ),
            ev(
                "d2",
                1,
                Some("IRN"),
                Some("ISR"),
                "1381",
                3,
                "2024-04-11",
                "day",
                None,
            ),
        ],
    );
    store
}

fn ids(store: &Store, f: Filter, level: Level) -> Vec<String> {
    match level {
        Level::Mention => store
            .mentions(&f, None)
            .expect("query")
            .into_iter()
            .map(|m| format!("{}:{}", m.mention.doc_id, m.mention.sentence_index))
            .collect(),
        Level::Cluster => store
            .clusters(&f, None)
            .expect("query")
            .into_iter()
            .map(|c| format!("{}:{}", c.first_doc_id, c.cameo))
            .collect(),
    }
}

#[test]
fn each_query_filter_selects_what_it_says() {
    let dir = tempdir("filters");
    let store = filter_store(&dir);
    let m = |f: Filter| ids(&store, f, Level::Mention);
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        m(Filter::default()),
        ["d1:0", "d1:1", "d1:2", "d2:0", "d2:1"]
    );
    // --actor: prefix, source or target; an event with USA on both sides comes once.
    assert_eq!(
        m(Filter {
            actor: s("USA"),
            ..Default::default()
        }),
        ["d1:0", "d1:1", "d2:0"]
    );
    assert_eq!(
        m(Filter {
            actor: s("IRQREB"),
            ..Default::default()
        }),
        ["d1:0"]
    );
    assert_eq!(
        m(Filter {
            source: s("USA"),
            ..Default::default()
        }),
        ["d1:0", "d2:0"]
    );
    assert_eq!(
        m(Filter {
            target: s("USA"),
            ..Default::default()
        }),
        ["d1:1", "d2:0"]
    );
    // --dyad: either direction.
    let dyad = |a: &str, b: &str| Filter {
        dyad: Some((a.to_string(), b.to_string())),
        ..Default::default()
    };
    assert_eq!(m(dyad("USA", "IRQ")), ["d1:0", "d1:1"]);
    assert_eq!(m(dyad("IRQ", "USA")), ["d1:0", "d1:1"]);
    assert_eq!(m(dyad("USA", "USA")), ["d2:0"]);
    assert_eq!(m(dyad("USA", "CHN")), Vec::<String>::new());
    assert_eq!(
        m(Filter {
            code: s("13"),
            ..Default::default()
        }),
        ["d2:1"]
    );
    assert_eq!(
        m(Filter {
            code: s("138"),
            ..Default::default()
        }),
        ["d2:1"]
    );
    assert_eq!(
        m(Filter {
            code: s("19"),
            ..Default::default()
        }),
        ["d1:0"]
    );
    assert_eq!(
        m(Filter {
            root: s("12"),
            ..Default::default()
        }),
        ["d1:1"]
    );
    assert_eq!(
        m(Filter {
            root: s("1"),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        m(Filter {
            quad: Some(3),
            ..Default::default()
        }),
        ["d1:1", "d2:1"]
    );
    assert_eq!(
        m(Filter {
            from: s("2024-03-02"),
            to: s("2024-04-10"),
            ..Default::default()
        }),
        ["d1:1", "d1:2", "d2:0"]
    );
    assert_eq!(
        m(Filter {
            country: s("IRQ"),
            ..Default::default()
        }),
        ["d1:0"]
    );
    assert_eq!(
        m(Filter {
            text: s("condemned"),
            ..Default::default()
        }),
        ["d1:1"]
    );
    assert_eq!(
        m(Filter {
            text: s("\"United States\""),
            ..Default::default()
        }),
        ["d1:1", "d2:0"]
    );
    assert_eq!(
        m(Filter {
            text: s("united"),
            actor: s("IRQ"),
            quad: Some(3),
            ..Default::default()
        }),
        ["d1:1"]
    );
    assert_eq!(
        store
            .mentions(&Filter::default(), Some(2))
            .expect("limit")
            .len(),
        2
    );
    // The same filters at the cluster level.
    let c = |f: Filter| ids(&store, f, Level::Cluster);
    assert_eq!(c(dyad("IRQ", "USA")), ["d1:190", "d1:122"]);
    assert_eq!(
        c(Filter {
            text: s("threatened"),
            ..Default::default()
        }),
        ["d2:1381"]
    );
    assert_eq!(
        c(Filter {
            country: s("CHN"),
            ..Default::default()
        }),
        ["d1:042"]
    );
    assert_eq!(
        store
            .clusters(&Filter::default(), Some(1))
            .expect("limit")
            .len(),
        1
    );
    // Bad values are errors, not empty results.
    assert!(matches!(
        store.mentions(
            &Filter {
                from: s("March"),
                ..Default::default()
            },
            None
        ),
        Err(StoreError::Filter(_))
    ));
    assert!(store
        .mentions(
            &Filter {
                quad: Some(5),
                ..Default::default()
            },
            None
        )
        .is_err());
}

#[test]
fn dyad_query_reads_only_the_dyads_index_ranges() {
    let dir = tempdir("plan");
    let store = filter_store(&dir);
    let plan = store
        .explain(
            &Filter {
                dyad: Some(("USA".to_string(), "IRQ".to_string())),
                from: Some("2024-01-01".to_string()),
                to: Some("2024-12-31".to_string()),
                ..Default::default()
            },
            Level::Mention,
        )
        .expect("plan");
    assert!(plan.contains("dyad"), "{plan}");
    assert!(!plan.contains("SCAN e"), "{plan}");
}

#[test]
fn series_has_a_row_of_zeros_for_every_empty_period() {
    let dir = tempdir("series");
    let store = filter_store(&dir);
    let all = Filter::default();
    let days = store
        .series(&all, Level::Mention, Period::Day)
        .expect("series");
    // 2024-03-01 .. 2024-04-11: 42 days.
    assert_eq!(days.len(), 42);
    assert_eq!(days[0].period, "2024-03-01");
    assert_eq!((days[0].quad4, days[0].events), (1, 1));
    assert_eq!(days[0].goldstein_sum, -5.0);
    assert_eq!(days[2].period, "2024-03-03");
    assert_eq!(
        (
            days[2].quad1,
            days[2].quad2,
            days[2].quad3,
            days[2].quad4,
            days[2].events
        ),
        (0, 0, 0, 0, 0)
    );
    assert_eq!(days[2].goldstein_mean, 0.0);
    let total: i64 = days.iter().map(|d| d.events).sum();
    assert_eq!(total, 5);
    let weeks = store
        .series(&all, Level::Mention, Period::Week)
        .expect("series");
    assert_eq!(weeks[0].period, "2024-W09");
    assert_eq!(weeks[0].start, "2024-02-26");
    assert_eq!(weeks[0].end, "2024-03-03");
    assert_eq!(weeks[0].events, 2);
    assert!(weeks.iter().any(|w| w.events == 0));
    let months = store
        .series(
            &Filter {
                dyad: Some(("USA".to_string(), "IRQ".to_string())),
                from: Some("2024-01-15".to_string()),
                to: Some("2024-05-02".to_string()),
                ..Default::default()
            },
            Level::Mention,
            Period::Month,
        )
        .expect("series");
    let labels: Vec<&str> = months.iter().map(|m| m.period.as_str()).collect();
    assert_eq!(
        labels,
        ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    );
    let counts: Vec<i64> = months.iter().map(|m| m.events).collect();
    assert_eq!(counts, [0, 0, 2, 0, 0]);
    assert_eq!(months[2].goldstein_mean, -5.0);
    let clusters = store
        .series(&all, Level::Cluster, Period::Month)
        .expect("series");
    assert_eq!(clusters.iter().map(|m| m.events).sum::<i64>(), 5);
}

#[test]
fn csv_export_reads_back_as_the_stored_mentions() {
    let dir = tempdir("csv");
    let store = filter_store(&dir);
    let mut buf = Vec::new();
    let n = write_table(
        &store,
        &Filter::default(),
        Level::Mention,
        None,
        Table::Csv,
        &mut buf,
    )
    .expect("export");
    assert_eq!(n, 5);
    let mut reader = csv::Reader::from_reader(&buf[..]);
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, dyad_store::export::MENTION_COLUMNS);
    let back: Vec<_> = reader
        .deserialize::<MentionRow>()
        .map(|r| r.expect("row parses").into_stored())
        .collect();
    assert_eq!(
        back,
        store.mentions(&Filter::default(), None).expect("mentions")
    );

    let mut buf = Vec::new();
    write_table(
        &store,
        &Filter::default(),
        Level::Cluster,
        None,
        Table::Csv,
        &mut buf,
    )
    .expect("export");
    let back: Vec<dyad_store::ClusterRecord> = csv::Reader::from_reader(&buf[..])
        .deserialize()
        .map(|r| r.expect("row parses"))
        .collect();
    assert_eq!(
        back,
        store.clusters(&Filter::default(), None).expect("clusters")
    );

    let mut buf = Vec::new();
    write_table(
        &store,
        &Filter::default(),
        Level::Mention,
        None,
        Table::Gdelt,
        &mut buf,
    )
    .expect("export");
    let text = String::from_utf8(buf).expect("utf-8");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows
        .iter()
        .all(|r| r.len() == dyad_store::export::GDELT_COLUMNS.len()));
    assert_eq!(rows[1][1], "20240301");
    assert_eq!(rows[1][2], "USAMIL");
    assert_eq!(rows[1][4], "USA");
    // ActionGeo_CountryCode is FIPS 10-4, as in GDELT: Iraq is "IZ"
    assert_eq!(rows[1][19], "IZ");
}

#[test]
fn every_field_of_a_stored_event_reads_back_as_coded() {
    let dir = tempdir("roundtrip");
    let mut store = Store::open(dir.join("s.db")).expect("created");
    let d = doc(
        "rt",
        "2024-11-19",
        Some("wire"),
        &["The army shelled the town.", "Officials met."],
    );
    let events = with_sentences(
        vec![
            ev(
                "rt",
                0,
                Some("IRQMIL"),
                Some("IRQREB"),
                "195",
                4,
                "2024-11-18",
                "day",
                Some("IRQ"),
            ),
            ev(
                "rt",
                1,
                Some("USAGOV"),
                None,
                "040",
                1,
                "2024-11-19",
                "document",
                None,
            ),
        ],
        &d,
    );
    store.add_document(&d, &events).expect("stored");
    let back: Vec<Event> = store
        .mentions(&Filter::default(), None)
        .expect("mentions")
        .into_iter()
        .map(|m| m.mention)
        .collect();
    assert_eq!(back, events);
    assert_eq!(back[0].verb.rules, ["verb-pattern", "pronoun-antecedent"]);
}

#[test]
fn full_disk_is_named_and_keeps_what_was_committed() {
    let dir = tempdir("full");
    let path = dir.join("s.db");
    let mut store = Store::open(&path).expect("created");
    let first = doc("first", "2024-01-02", None, &["Troops crossed the border."]);
    add(&mut store, &first, Vec::new());
    // Cap the file at its current size: the next document cannot fit.
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("page_count");
    store
        .connection()
        .pragma_update(None, "max_page_count", pages)
        .expect("max_page_count");
    let long = "Rebels shelled the town again. ".repeat(4000);
    let big = doc("big", "2024-01-03", None, &[long.as_str()]);
    let err = store
        .add_document(&big, &[])
        .expect_err("the capped file cannot take it");
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("is full"), "{message}");
    drop(store);
    let store = Store::open(&path).expect("reopened");
    assert_eq!(store.integrity_check().expect("checked"), "ok");
    assert_eq!(store.counts().expect("counts").documents, 1);
    assert!(store.has_document("first").expect("read"));
    assert!(!store.has_document("big").expect("read"));
}

#[test]
fn a_second_writer_waits_for_the_first() {
    let dir = tempdir("writers");
    let path = dir.join("s.db");
    let mut a = Store::open(&path).expect("created");
    let mut b = Store::open(&path).expect("opened twice");
    a.begin().expect("first writer's batch");
    add(
        &mut a,
        &doc(
            "a",
            "2024-01-02",
            None,
            &["Police arrested ten protesters."],
        ),
        Vec::new(),
    );
    let waiter = std::thread::spawn(move || {
        b.begin()
            .expect("second writer's batch, after the first commits");
        add(
            &mut b,
            &doc("b", "2024-01-03", None, &["Talks resumed in Doha."]),
            Vec::new(),
        );
        b.commit().expect("second commit");
        b
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    a.commit().expect("first commit");
    let b = waiter.join().expect("second writer");
    assert_eq!(b.counts().expect("counts").documents, 2);
    assert_eq!(b.integrity_check().expect("checked"), "ok");
}
