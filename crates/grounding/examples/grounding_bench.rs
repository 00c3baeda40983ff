//! The grounding bench: runs the golden set (`gold/grounding.jsonl`) through the tokenizer,
//! the bundled parser and the grounder and prints date, place (country and finer) and
//! fatality accuracy with counts; `--misses` lists the cases it got wrong. With
//! `--news FILE.jsonl` it also times grounding on a news corpus: every sentence is segmented,
//! parsed, read by the grounder and every verb grounded, and the grounding time is printed
//! beside the rest of the pipeline's.
//!
//! ```text
//! cargo run --release -p dyad-grounding --example grounding_bench -- [--misses] [--gold FILE] [--news FILE]
//! ```

#[path = "../tests/gold/mod.rs"]
mod gold;

use std::time::{Duration, Instant};

use dyad_core::{DocumentMeta, SegmentKind};
use dyad_grounding::{Date, DocumentState, Grounder};
use dyad_tree::Tree;

fn main() {
    if let Err(e) = run() {
        eprintln!("grounding_bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut misses = false;
    let mut gold_path = gold::default_path();
    let mut news = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--misses" => misses = true,
            "--gold" => gold_path = args.next().ok_or("--gold needs a file")?.into(),
            "--news" => news = Some(args.next().ok_or("--news needs a file")?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let cases = gold::load(&gold_path)?;
    let run = gold::run(&cases)?;
    if misses {
        for o in &run.outcomes {
            if o.date_ok && o.finer_ok && o.fatal_ok {
                continue;
            }
            let c = &cases[o.case];
            println!("#{} [{}] {}  (verb {})", o.case + 1, c.doc, c.text, c.verb);
            if !o.date_ok {
                let got = o
                    .got
                    .date
                    .as_ref()
                    .map(|d| (d.start.to_string(), d.end.to_string(), d.precision, &d.text));
                println!(
                    "   date: want {} {} {}, got {got:?}",
                    c.expect.date.start, c.expect.date.end, c.expect.date.precision,
                );
            }
            if !o.finer_ok {
                let want =
                    c.expect.place.as_ref().map(|p| {
                        format!("{} {} {:?} {:?}", p.country, p.precision, p.name, p.admin1)
                    });
                let got = o.got.place.as_ref().map(|g| {
                    let p = &g.location;
                    format!(
                        "{} {} {} {:?} ({:?})",
                        p.country, p.precision, p.name, p.admin1, p.text
                    )
                });
                println!("   place: want {want:?}, got {got:?}");
            }
            if !o.fatal_ok {
                println!(
                    "   fatalities: want {:?} {:?}, got {:?} {:?}",
                    c.expect.fatalities,
                    c.expect.fatalities_text,
                    o.got.fatalities,
                    o.got.fatalities_text
                );
            }
        }
    }
    let [date, country, finer, fatal] = gold::tally(&run.outcomes);
    let pct = |(k, n): (usize, usize)| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    println!("golden set: {} sentences in {} documents", cases.len(), {
        let mut docs: Vec<&str> = cases.iter().map(|c| c.doc.as_str()).collect();
        docs.dedup();
        docs.len()
    });
    println!(
        "date accuracy          {:.3}  ({}/{})",
        pct(date),
        date.0,
        date.1
    );
    println!(
        "place accuracy country {:.3}  ({}/{})",
        pct(country),
        country.0,
        country.1
    );
    println!(
        "place accuracy finer   {:.3}  ({}/{})",
        pct(finer),
        finer.0,
        finer.1
    );
    println!(
        "fatality accuracy      {:.3}  ({}/{})",
        pct(fatal),
        fatal.0,
        fatal.1
    );
    println!(
        "time: parse {:.1} ms, grounding {:.2} ms ({:.1} µs a sentence)",
        run.parse_time.as_secs_f64() * 1e3,
        run.ground_time.as_secs_f64() * 1e3,
        run.ground_time.as_secs_f64() * 1e6 / cases.len().max(1) as f64
    );
    if let Some(path) = news {
        news_timing(&path)?;
    }
    Ok(())
}

/// Segment, parse and ground a JSONL news file; print each stage's time.
fn news_timing(path: &str) -> Result<(), String> {
    let content = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let model = dyad_nlp::Model::bundled().map_err(|e| e.to_string())?;
    let mut scratch = dyad_nlp::Scratch::default();
    let grounder = Grounder::bundled();
    // warm the tables up outside the timings
    let _ = dyad_dates::DateResolver::bundled();
    let _ = dyad_places::Gazetteer::bundled();
    let mut segment_time = Duration::ZERO;
    let mut parse_time = Duration::ZERO;
    let mut ground_time = Duration::ZERO;
    let mut read_time = Duration::ZERO;
    let (mut sentences, mut verbs, mut dated, mut placed, mut killed) = (0usize, 0usize, 0, 0, 0);
    for raw in dyad_text::jsonl_documents(&content).flatten() {
        let published = raw.meta.date.unwrap_or(Date::constant(2000, 1, 1));
        let _: &DocumentMeta = &raw.meta;
        let t0 = Instant::now();
        let seg = dyad_text::segment_document(raw).doc;
        segment_time += t0.elapsed();
        let mut state = DocumentState::new(published);
        for s in seg
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Sentence)
        {
            let t1 = Instant::now();
            let parsed = model.parse_segment(&seg, s, &mut scratch);
            parse_time += t1.elapsed();
            let t2 = Instant::now();
            let forms: Vec<&str> = (parsed.words.iter())
                .map(|w| w.span.slice(&seg.doc.text).unwrap_or(""))
                .collect();
            let tree = Tree::new(&parsed.words, &forms, &[]);
            let sentence = grounder.read(&mut state, &tree);
            read_time += t2.elapsed();
            for (v, w) in parsed.words.iter().enumerate() {
                if w.upos == "VERB" {
                    let g = grounder.ground(&sentence, &state, v, &[]);
                    verbs += 1;
                    dated += usize::from(g.date.is_some_and(|d| d.precision != "document"));
                    placed += usize::from(g.place.is_some());
                    killed += usize::from(g.fatalities.is_some());
                }
            }
            ground_time += t2.elapsed();
            sentences += 1;
        }
    }
    let rest = segment_time + parse_time;
    println!(
        "news {path}: {sentences} sentences, {verbs} verbs grounded ({dated} dated, {placed} placed, {killed} with fatalities)"
    );
    println!(
        "  of which finding dates and places (Grounder::read, once a sentence): {:.0} ms ({:.1} µs a sentence); grounding {verbs} verbs: {:.0} ms ({:.1} µs a verb)",
        read_time.as_secs_f64() * 1e3,
        read_time.as_secs_f64() * 1e6 / sentences.max(1) as f64,
        (ground_time - read_time).as_secs_f64() * 1e3,
        (ground_time - read_time).as_secs_f64() * 1e6 / verbs.max(1) as f64
    );
    println!(
        "  segment+parse {:.0} ms ({:.0} sentences/s); grounding {:.0} ms = {:.1}% of segment+parse ({:.1} µs a sentence, every verb grounded)",
        rest.as_secs_f64() * 1e3,
        sentences as f64 / rest.as_secs_f64(),
        ground_time.as_secs_f64() * 1e3,
        100.0 * ground_time.as_secs_f64() / rest.as_secs_f64(),
        ground_time.as_secs_f64() * 1e6 / sentences.max(1) as f64
    );
    Ok(())
}
