//! Generate a synthetic store for the benchmarks: `cargo run --release -p dyad-store
//! --example synth -- PATH [EVENTS]` (default 1,000,000 events).

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: synth PATH [EVENTS]")?;
    let events: usize = match args.next() {
        Some(n) => n.parse()?,
        None => 1_000_000,
    };
    let t = Instant::now();
    let mut store = dyad_store::Store::open(&path)?;
    let made = dyad_store::synth::generate(&mut store, events, 42, |g| {
        eprint!("\r{} documents, {} events", g.documents, g.events);
    })?;
    eprintln!();
    println!(
        "generated {} documents, {} events in {:.1} s",
        made.documents,
        made.events,
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
