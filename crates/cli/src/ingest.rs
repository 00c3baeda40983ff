//! `dyad ingest`: documents through the whole pipeline into the event store.
//!
//! Reads text, HTML, JSONL, directories and WARC files, skips documents already stored (same
//! id, or same clean text), codes the rest and stores each with its sentences and events,
//! committing in batches so a killed run loses only its last batch. Progress goes to stderr
//! when it is a terminal, then one summary line. This module wires the stages and the store;
//! it must never decide what is a duplicate or how events cluster (the store does).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;

use dyad_core::SegmentKind;
use dyad_nlp::{Model, Scratch};

use dyad_store::{AddOutcome, NewDocument, NewSentence, SentenceKind, Store};

use crate::input::{for_each_ingest_document, InputOptions};
use crate::parallel::InOrder;

/// Options of `dyad ingest`.
#[derive(Debug, Args)]
pub struct IngestOptions {
    /// The store (created when missing).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Documents per transaction.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Input files, directories (read recursively) and WARC files, and their options.
    #[command(flatten)]
    pub input: InputOptions,
    /// Documents coded at once, each on its own thread (0: one per core); they are stored
    /// in input order, one writer, whatever the number.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

#[derive(Debug, Default)]
struct Tally {
    new: u64,
    skipped: u64,
    events: u64,
}

pub(crate) fn new_document(seg: &dyad_core::SegmentedDocument) -> NewDocument {
    let meta = &seg.doc.meta;
    NewDocument {
        id: meta.id.clone(),
        date: meta.date.map(|d| d.to_string()),
        title: meta.title.clone(),
        url: meta.url.clone(),
        source: meta.source.clone(),
        text: seg.doc.text.clone(),
        sentences: seg
            .segments
            .iter()
            .map(|s| NewSentence {
                index: s.index,
                kind: match s.kind {
                    SegmentKind::Heading => SentenceKind::Heading,
                    SegmentKind::Sentence => SentenceKind::Sentence,
                },
                start: s.span.start,
                end: s.span.end,
                text: seg.text_of(s.span).to_string(),
            })
            .collect(),
    }
}

fn progress_bar() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {pos} documents ({per_sec}) {elapsed_precise} {msg}",
    ) {
        pb.set_style(style);
    }
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

/// What storing one document did.
enum Stored {
    New { events: u64 },
    Skipped,
}

/// A document through the pipeline, ready to store.
pub(crate) struct CodedDocument {
    pub(crate) seg: dyad_core::SegmentedDocument,
    pub(crate) events: Vec<dyad_core::Event>,
    pub(crate) warnings: Vec<String>,
}

/// The pipeline, for coding documents on any thread and storing them on one.
pub(crate) struct DocumentIngester {
    model: &'static Model,
    coder: dyad_coder::Coder<'static>,
}

impl DocumentIngester {
    pub(crate) fn new() -> Result<DocumentIngester> {
        Ok(DocumentIngester {
            model: Model::bundled().context("cannot load the bundled parser model")?,
            coder: dyad_coder::Coder::bundled(),
        })
    }

    /// Segment and code `raw`, with `fallback_date` when it names no date of its own.
    pub(crate) fn code(
        &self,
        scratch: &mut Scratch,
        raw: dyad_core::RawDocument,
        fallback_date: Option<jiff::civil::Date>,
    ) -> CodedDocument {
        let id = raw.meta.id.clone();
        let mut seg = dyad_text::segment_document(raw);
        let warnings = seg
            .warnings
            .iter()
            .map(|w| format!("document {id}: {w}"))
            .collect();
        if seg.doc.doc.meta.date.is_none() {
            seg.doc.doc.meta.date = fallback_date;
        }
        let events = dyad_pipeline::code_document(self.model, &self.coder, scratch, &seg.doc);
        CodedDocument {
            seg: seg.doc,
            events,
            warnings,
        }
    }

    /// Store a coded document unless its id or its clean text is already stored.
    fn store(store: &mut Store, coded: &CodedDocument) -> Result<Stored> {
        if store.has_content(&coded.seg.doc.text)? {
            return Ok(Stored::Skipped);
        }
        Ok(
            match store.add_document(&new_document(&coded.seg), &coded.events)? {
                AddOutcome::Added { events } => Stored::New {
                    events: events as u64,
                },
                AddOutcome::DuplicateId | AddOutcome::DuplicateContent => Stored::Skipped,
            },
        )
    }
}

/// `POST /api/documents` of `dyad serve`: the JSONL body coded and stored in one
/// transaction, as `dyad ingest` would store it.
pub struct ServeIngest;

impl dyad_serve::Ingest for ServeIngest {
    fn ingest(
        &self,
        db: &std::path::Path,
        body: &str,
    ) -> std::result::Result<dyad_serve::IngestReport, String> {
        let run = || -> Result<dyad_serve::IngestReport> {
            let mut store = Store::open_existing(db)?;
            let ingester = DocumentIngester::new()?;
            let mut scratch = Scratch::default();
            let mut report = dyad_serve::IngestReport::default();
            store.begin()?;
            for doc in dyad_text::jsonl_documents(body) {
                match doc {
                    Ok(raw) => {
                        if store.has_document(&raw.meta.id)? {
                            report.skipped += 1;
                            continue;
                        }
                        let coded = ingester.code(&mut scratch, raw, None);
                        for w in &coded.warnings {
                            eprintln!("dyad serve: warning: {w}");
                        }
                        match DocumentIngester::store(&mut store, &coded)? {
                            Stored::New { events } => {
                                report.new += 1;
                                report.events += events;
                            }
                            Stored::Skipped => report.skipped += 1,
                        }
                    }
                    Err(p) => report.failed.push(dyad_serve::LineProblem {
                        line: p.line,
                        message: p.message,
                    }),
                }
            }
            store.commit()?;
            if report.new > 0 {
                store.optimize()?;
            }
            Ok(report)
        };
        run().map_err(|e| format!("{e:#}"))
    }
}

/// Run `dyad ingest`; returns the exit status.
pub fn run(opts: &IngestOptions) -> Result<i32> {
    let mut store = Store::open(&opts.db)?;
    let ingester = DocumentIngester::new()?;
    let pb = progress_bar();
    let mut tally = Tally::default();
    let started = Instant::now();
    let mut in_batch = 0u32;
    let mut last_commit = Instant::now();
    store.begin()?;
    let store = std::cell::RefCell::new(store);
    // Documents are coded on the worker threads and stored here, in input order.
    let work = |scratch: &mut Scratch,
                (raw, date): (dyad_core::RawDocument, Option<jiff::civil::Date>)| {
        ingester.code(scratch, raw, date)
    };
    let mut pool = InOrder::new(opts.threads, &work)?;
    let mut store_one = |coded: CodedDocument| -> Result<()> {
        for w in &coded.warnings {
            pb.suspend(|| eprintln!("dyad: warning: {w}"));
        }
        let mut store = store.borrow_mut();
        match DocumentIngester::store(&mut store, &coded)? {
            Stored::New { events } => {
                tally.new += 1;
                tally.events += events;
            }
            Stored::Skipped => {
                tally.skipped += 1;
                return Ok(());
            }
        }
        in_batch += 1;
        if in_batch >= opts.batch || last_commit.elapsed() > Duration::from_secs(2) {
            store.commit()?;
            store.begin()?;
            in_batch = 0;
            last_commit = Instant::now();
            pb.set_message(format!("{} new, {} events", tally.new, tally.events));
        }
        Ok(())
    };
    let mut skipped_known = 0u64;
    let report = for_each_ingest_document(&opts.input, |raw, fallback_date| {
        pb.inc(1);
        // A document whose id is stored is not coded at all.
        if store.borrow().has_document(&raw.meta.id)? {
            skipped_known += 1;
            return Ok(());
        }
        pool.push((raw, fallback_date), &mut store_one)
    });
    let report = match report {
        Ok(r) => pool.finish(&mut store_one).map(|()| r),
        Err(e) => Err(e),
    };
    drop(pool);
    let mut store = store.into_inner();
    tally.skipped += skipped_known;
    // Commit what was stored even when a later input stopped the run.
    let committed = store.commit();
    let report = report?;
    committed?;
    pb.finish_and_clear();
    if tally.new > 0 {
        store.optimize()?;
    }
    let failed = report.skipped_lines + report.unreadable;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "dyad ingest: {} documents new, {} skipped, {} failed; {} events; {:.1} s ({:.0} documents/s, {:.0} events/s) into {}",
        tally.new,
        tally.skipped,
        failed,
        tally.events,
        secs,
        tally.new as f64 / secs,
        tally.events as f64 / secs,
        opts.db.display()
    );
    Ok(crate::exit_status(&report))
}
