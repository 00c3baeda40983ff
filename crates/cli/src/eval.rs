//! `dyad eval`: code a gold file's texts and print how the events compare with the gold.
//!
//! Reads the gold file (dyad JSONL, PETRARCH validation XML or PLOVER GSR), codes each
//! record's text through the whole pipeline (text stage, tagger and parser, coder) with dyad's
//! own dictionaries or with PETRARCH-format ones from `--dictionaries DIR`, and prints the
//! scores of `dyad_eval` as a table or JSON on stdout. This module wires files to the library
//! crates; it must never decide how events are coded or scored.

use std::path::PathBuf;
use std::time::Instant;

use crate::parallel::InOrder;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use dyad_coder::Coder;
use dyad_core::{Body, DocumentMeta, RawDocument};
use dyad_eval::{read_gold, Coded, GoldFormat, GoldRecord};
use dyad_nlp::{Model, Scratch};
use dyad_petrarch::PetrarchCoding;

/// `--format` values of `dyad eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoldArg {
    /// JSONL: {"id", "date", "text", "events": [{"source", "target", "cameo"}]}; events may add "date", "country" and "fatalities" (article-level gold), and list alternatives.
    Dyad,
    /// PETRARCH validation XML (<Sentence>, <EventCoding>, <Text>).
    PetrarchXml,
    /// The PLOVER gold-standard records (JSON array, PLOVER types).
    PloverGsr,
}

/// Options of `dyad eval`.
#[derive(Debug, Args)]
pub struct EvalOptions {
    /// The gold file.
    #[arg(long)]
    pub gold: PathBuf,
    /// The gold file's format.
    #[arg(long, value_enum, default_value = "dyad")]
    pub format: GoldArg,
    /// Code with the PETRARCH-format dictionaries of this directory instead of dyad's own.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// List every missed and every extra event with its sentence and the rule that fired.
    #[arg(long)]
    pub explain: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Records coded at once, each on its own thread (0: one per core). The figures are the
    /// same whatever the number, but for the speed.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
}

/// Run `dyad eval`; returns the exit status.
pub fn run(opts: &EvalOptions) -> Result<i32> {
    let bytes = std::fs::read(&opts.gold)
        .with_context(|| format!("cannot read {}", opts.gold.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let name = opts.gold.display().to_string();
    let format = match opts.format {
        GoldArg::Dyad => GoldFormat::Dyad,
        GoldArg::PetrarchXml => GoldFormat::PetrarchXml,
        GoldArg::PloverGsr => GoldFormat::PloverGsr,
    };
    let records = read_gold(format, &name, &text)?;
    let model = Model::bundled().context("cannot load the bundled parser model")?;
    let files = match &opts.dictionaries {
        Some(dir) => Some(
            dyad_petrarch::dir::choose_files(dir)
                .with_context(|| format!("cannot use the dictionaries in {}", dir.display()))?,
        ),
        None => None,
    };
    let load = |files: &dyad_petrarch::DictionaryFiles| {
        dyad_petrarch::load_files(files).with_context(|| {
            let dir = opts.dictionaries.as_ref().map(|d| d.display().to_string());
            format!("cannot use the dictionaries in {}", dir.unwrap_or_default())
        })
    };
    let petrarch = files.as_ref().map(load).transpose()?;
    // records after a `<Config option="require_dyad">` of the gold file that changes the
    // option are coded with the dictionaries converted the other way
    let other = match &files {
        Some(f)
            if records
                .iter()
                .any(|r| r.require_dyad.is_some_and(|v| v != f.options.require_dyad)) =>
        {
            let mut f = f.clone();
            f.options.require_dyad = !f.options.require_dyad;
            Some(load(&f)?)
        }
        _ => None,
    };
    for w in petrarch.iter().flat_map(|p| &p.skipped) {
        eprintln!("dyad: warning: skipped a malformed dictionary line: {w}");
    }
    let coder = match &petrarch {
        Some(p) => p.coder(),
        None => Coder::bundled(),
    };
    let other_coder = other.as_ref().map(PetrarchCoding::coder);
    let start = Instant::now();
    let mut sentences = 0usize;
    let work = |scratch: &mut Scratch, r: &GoldRecord| {
        let use_other = match (&files, &other_coder) {
            (Some(f), Some(_)) => r.require_dyad.is_some_and(|v| v != f.options.require_dyad),
            _ => false,
        };
        match (use_other, &other_coder) {
            (true, Some(c)) => code_record(model, c, other.as_ref(), scratch, r),
            _ => code_record(model, &coder, petrarch.as_ref(), scratch, r),
        }
    };
    let mut pool = InOrder::new(opts.threads, &work)?;
    let threads = pool.threads();
    let mut coded: Vec<Vec<Coded>> = Vec::with_capacity(records.len());
    let mut sink = |(events, n): (Vec<Coded>, usize)| {
        sentences += n;
        coded.push(events);
        Ok(())
    };
    for r in &records {
        pool.push(r, &mut sink)?;
    }
    pool.finish(&mut sink)?;
    drop(pool);
    let seconds = start.elapsed().as_secs_f64();
    let report = dyad_eval::score(&records, &coded);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    use std::io::Write as _;
    let per_second = if seconds > 0.0 {
        sentences as f64 / seconds
    } else {
        0.0
    };
    if opts.json {
        let mut v = serde_json::to_value(&report)?;
        if !opts.explain {
            if let Some(o) = v.as_object_mut() {
                o.remove("explanations");
            }
        }
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "dictionaries".into(),
                serde_json::json!(opts
                    .dictionaries
                    .as_ref()
                    .map(|d| d.display().to_string())
                    .unwrap_or_else(|| "dyad".into())),
            );
            o.insert(
                "speed".into(),
                serde_json::json!({"sentences": sentences, "seconds": seconds,
                    "sentences_per_second": per_second, "threads": threads}),
            );
            if let Some(p) = &petrarch {
                o.insert("conversion_losses".into(), serde_json::to_value(&p.losses)?);
            }
        }
        writeln!(out, "{v}")?;
    } else {
        write!(out, "{}", report.to_table(opts.explain))?;
        writeln!(
            out,
            "\ncoding: {sentences} sentences in {seconds:.2} s = {per_second:.0} sentences/s (parsing included, {threads} thread{})",
            if threads == 1 { "" } else { "s" }
        )?;
        if let Some(p) = &petrarch {
            writeln!(out, "PETRARCH conversion losses: {:?}", p.losses)?;
        }
    }
    Ok(0)
}

/// Code one gold record's text: segment, tag, parse, code (PETRARCH discards and
/// post-processing when those dictionaries are in use). Returns the events and the number of
/// sentences coded.
fn code_record(
    model: &Model,
    coder: &Coder<'_>,
    petrarch: Option<&PetrarchCoding>,
    scratch: &mut Scratch,
    r: &GoldRecord,
) -> (Vec<Coded>, usize) {
    let raw = RawDocument {
        meta: DocumentMeta {
            id: r.id.clone(),
            date: r.date,
            title: None,
            url: None,
            source: None,
        },
        body: Body::Text(r.text.clone()),
    };
    let seg = dyad_text::segment_document(raw);
    let n = seg
        .doc
        .segments
        .iter()
        .filter(|s| s.kind == dyad_core::SegmentKind::Sentence)
        .count();
    let events = dyad_pipeline::code_document_with(model, coder, petrarch, scratch, &seg.doc);
    (events.iter().map(Coded::from_event).collect(), n)
}
