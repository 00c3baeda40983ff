//! `dyad code`: documents in, coded events out (JSONL, TSV or GDELT-style TSV).
//!
//! Each document goes through the whole pipeline: text stage (cleaning, sentences, tokens) →
//! tagger and parser → coder. This module converts between the stages' types and formats the
//! events; it decides nothing about them.

use std::io::Write;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use dyad_coder::{Coder, Event};
use dyad_nlp::{Model, Scratch};

use dyad_core::RawDocument;

use crate::input::{for_each_document, InputOptions};
use crate::parallel::InOrder;

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON event a line (the event record of CONTRACT.md).
    Jsonl,
    /// Tab-separated, with a header row.
    Tsv,
    /// Tab-separated in GDELT 2.0 event-table column order, for the fields dyad has.
    Gdelt,
}

/// Options of `dyad code`.
#[derive(Debug, Args)]
pub struct CodeOptions {
    /// Input files and options.
    #[command(flatten)]
    pub input: InputOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
    /// Code with the PETRARCH-format dictionaries of this directory (verbs, actors, agents,
    /// discards; see README) instead of dyad's own.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<std::path::PathBuf>,
    /// Do not resolve dates, places and fatalities: events get the publication date
    /// (precision "document"), no location and no fatalities. For measuring what that
    /// resolution costs.
    #[arg(long)]
    pub no_grounding: bool,
    /// Tag and parse every sentence, also those in which no event can be coded (no actor
    /// named, no earlier event in the document). The events are the same; for checking that
    /// they are, and for measuring what skipping those sentences saves.
    #[arg(long)]
    pub parse_all: bool,
    /// Instead of the events, print for every sentence (headings aside) the candidate
    /// events the coder considered, the rule that proposed each and the veto that stopped
    /// it, or "coded". Sentences with no actor are marked as skimmed. PETRARCH discards are
    /// applied after this stage and are not shown.
    #[arg(long)]
    pub explain: bool,
    /// Documents coded at once, each on its own thread (0: one per core). The output is
    /// the same, in the same order, whatever the number.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

const TSV_HEADER: &str = "event_id\tdoc_id\tsentence_index\tdate\tdate_precision\tsource_code\tsource_text\ttarget_code\ttarget_text\tcameo\troot\tquad_class\tgoldstein\tplover\tverb\trule\tsentence";

/// Run `dyad code`; returns the exit status.
pub fn run(opts: &CodeOptions) -> Result<i32> {
    let model = Model::bundled().context("cannot load the bundled parser model")?;
    let petrarch = match &opts.dictionaries {
        Some(dir) => Some(
            dyad_petrarch::load_dir(dir)
                .with_context(|| format!("cannot use the dictionaries in {}", dir.display()))?,
        ),
        None => None,
    };
    let coder = match &petrarch {
        Some(p) => p.coder(),
        None => Coder::bundled(),
    };
    let coder = if opts.no_grounding {
        coder.without_grounding()
    } else {
        coder
    };
    let coder = if opts.parse_all {
        coder.parsing_every_sentence()
    } else {
        coder
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match opts.format {
        OutputFormat::Tsv => writeln!(out, "{TSV_HEADER}")?,
        OutputFormat::Gdelt => writeln!(out, "{}", dyad_store::export::GDELT_COLUMNS.join("\t"))?,
        OutputFormat::Jsonl => {}
    }
    // Each document becomes its warnings and its formatted output, on whichever thread;
    // both are written here in input order.
    let work = |scratch: &mut Scratch, raw: RawDocument| -> Result<(Vec<String>, Vec<u8>)> {
        let id = raw.meta.id.clone();
        let seg = dyad_text::segment_document(raw);
        let warnings = seg
            .warnings
            .iter()
            .map(|w| format!("dyad: warning: document {id}: {w}"))
            .collect();
        let doc = &seg.doc;
        let mut buf = Vec::new();
        if opts.explain {
            explain_document(&mut buf, model, &coder, scratch, doc)?;
        } else {
            let url = doc.doc.meta.url.as_deref();
            let events =
                dyad_pipeline::code_document_with(model, &coder, petrarch.as_ref(), scratch, doc);
            for e in &events {
                write_event(&mut buf, opts.format, e, url)?;
            }
        }
        Ok((warnings, buf))
    };
    let mut pool = InOrder::new(opts.threads, &work)?;
    let mut sink = |r: Result<(Vec<String>, Vec<u8>)>| -> Result<()> {
        let (warnings, buf) = r?;
        for w in warnings {
            eprintln!("{w}");
        }
        out.write_all(&buf)?;
        Ok(())
    };
    let report = for_each_document(&opts.input, |raw| pool.push(raw, &mut sink))?;
    pool.finish(&mut sink)?;
    out.flush()?;
    Ok(crate::exit_status(&report))
}

/// Print what the coder did with each sentence of a document (`--explain`).
fn explain_document(
    out: &mut impl Write,
    model: &Model,
    coder: &Coder<'_>,
    scratch: &mut Scratch,
    doc: &dyad_core::SegmentedDocument,
) -> Result<()> {
    let mut lines: Vec<String> = Vec::new();
    let mut report = |r: dyad_pipeline::SentenceReport<'_>| {
        lines.push(format!(
            "{} sentence {}: {}",
            doc.doc.meta.id,
            r.index,
            clean_field(r.text)
        ));
        if !r.parsed {
            lines.push("  skimmed: no actor and no earlier event to refer to".to_string());
        } else if r.considered.is_empty() {
            lines.push("  no candidate".to_string());
        }
        for c in &r.considered {
            let outcome = match (c.vetoed_by, c.coded) {
                (Some(v), _) => format!("vetoed by {v}"),
                (None, true) => "coded".to_string(),
                (None, false) => "dropped: code not in the event-code table".to_string(),
            };
            lines.push(format!(
                "  {} {:?} {} {} {} -> {}: {outcome}",
                c.coder,
                c.verb,
                c.rule,
                c.cameo,
                c.source.as_deref().unwrap_or("-"),
                c.target.as_deref().unwrap_or("-"),
            ));
        }
    };
    dyad_pipeline::code_document_explained(model, coder, scratch, doc, Some(&mut report));
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn write_event(
    out: &mut impl Write,
    format: OutputFormat,
    e: &Event,
    url: Option<&str>,
) -> Result<()> {
    let opt = |s: &Option<String>| s.as_deref().map(clean_field).unwrap_or_default();
    match format {
        OutputFormat::Jsonl => {
            serde_json::to_writer(&mut *out, e)?;
            out.write_all(b"\n")?;
        }
        OutputFormat::Tsv => writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            e.event_id,
            clean_field(&e.doc_id),
            e.sentence_index,
            opt(&e.date.start),
            e.date.precision,
            opt(&e.source.code),
            opt(&e.source.text),
            opt(&e.target.code),
            opt(&e.target.text),
            e.cameo,
            e.root,
            e.quad_class,
            e.goldstein,
            e.plover,
            clean_field(&e.verb.text),
            e.verb.rule,
            clean_field(&e.sentence)
        )?,
        OutputFormat::Gdelt => {
            dyad_store::export::write_gdelt_mention(out, e, (1, 1, 1), url)?;
        }
    }
    Ok(())
}
