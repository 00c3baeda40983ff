//! The `dyad` binary: parses the command line and wires the pipeline's crates to files,
//! stdin and stdout.
//!
//! Data goes to stdout, diagnostics and progress to stderr. Exit status: 0 when everything was
//! read, 2 for usage errors, 3 when some input lines were skipped, 1 when an input could not
//! be read at all or an internal error stopped the run. The binary holds no pipeline logic of
//! its own: every decision about text, parses or events lives in the library crates.

mod code;
mod eval;
mod export;
mod follow;
mod ingest;
mod input;
mod parallel;
mod parse;
mod query;
mod sentences;
mod series;
mod serve;
mod train;
mod watch;

use clap::{Parser, Subcommand};

use input::{InputOptions, ReadReport};

/// dyad: political event data from news text.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code documents into events (CAMEO, PLOVER, actors, sentence and rule), one per line.
    Code(code::CodeOptions),
    /// Print each document's sentences and headings with their tokens, one JSON object a line.
    Sentences(InputOptions),
    /// Tag and parse: CoNLL-U with UPOS, XPOS, lemma, head and relation for every word.
    Parse(parse::ParseOptions),
    /// Train the tagger and parser from UD CoNLL-U treebanks and write the model file.
    Train(train::TrainArgs),
    /// Code documents (text, HTML, JSONL, directories, WARC) into the event store, skipping
    /// documents already stored.
    Ingest(ingest::IngestOptions),
    /// Follow RSS/Atom feeds: fetch each new item's article page and code it into the store,
    /// remembering what was seen (in the store) across restarts.
    Follow(follow::FollowOptions),
    /// Print stored events (mentions or de-duplicated clusters) matching filters.
    Query(query::QueryOptions),
    /// Write stored events to a file: GDELT-style TSV, CSV or Parquet.
    Export(export::ExportOptions),
    /// Event counts per QuadClass and Goldstein sum/mean per day, week or month.
    Series(series::SeriesOptions),
    /// Code a gold file and print precision, recall and F1 (three strictness levels), records
    /// passed per category, and with --explain every miss and extra.
    Eval(eval::EvalOptions),
    /// Serve the page and the JSON API over a store (read-only unless given a write token).
    Serve(serve::ServeOptions),
    /// Alerts on a watched dyad or selection: trend bands, surges, a calm broken, a
    /// Goldstein drop, each with the events behind it.
    Watch(watch::WatchOptions),
}

/// Exit status for a run that finished: 1 if an input was unreadable, 3 if lines were skipped.
fn exit_status(report: &ReadReport) -> i32 {
    if report.unreadable > 0 {
        1
    } else if report.skipped_lines > 0 {
        3
    } else {
        0
    }
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Code(opts) => code::run(opts),
        Command::Sentences(opts) => sentences::run(opts),
        Command::Parse(opts) => parse::run(opts),
        Command::Train(args) => train::run(args),
        Command::Ingest(opts) => ingest::run(opts),
        Command::Follow(opts) => follow::run(opts),
        Command::Query(opts) => query::run(opts),
        Command::Export(opts) => export::run(opts),
        Command::Series(opts) => series::run(opts),
        Command::Eval(opts) => eval::run(opts),
        Command::Serve(opts) => serve::run(opts),
        Command::Watch(opts) => watch::run(opts),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                std::process::exit(0);
            }
            eprintln!("dyad: error: {e:#}");
            std::process::exit(1);
        }
    }
}
