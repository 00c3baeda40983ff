#!/usr/bin/env python3
"""Event-store benchmark for `dyad ingest`, `dyad query` and `dyad series` (issue 6).

Prints:
- ingest of the Reuters sample (../shared/data/news/reuters21578-1mb.jsonl) plus the seed
  article into a fresh store: documents/s and events/s (whole pipeline: cleaning, sentences,
  tagging, parsing, coding, storing, de-duplicating);
- the same ingest again, which must add nothing;
- on a synthetic store of 1,000,000 events (generated once into bench/out/ by the
  `synth` example of crates/store, ~3-4 minutes on 2 cores), the wall time of
  `dyad query --dyad USA-IRQ --from 2020-01-01 --to 2020-03-31` and of
  `dyad series --dyad USA-IRQ --by week` (whole process, median of 5 warm runs).

usage: bench/store.py [--events N]   (builds the release binary and the example; honours
CARGO_TARGET_DIR)
"""
import argparse, os, re, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
OUT = os.path.join(ROOT, "bench", "out")


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def remove_store(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def ingest(dyad, db, inputs):
    t = time.perf_counter()
    out = subprocess.run([dyad, "ingest", "--db", db, "--date", "2024-02-11", *inputs],
                         capture_output=True, text=True, check=True)
    dt = time.perf_counter() - t
    line = [l for l in out.stderr.splitlines() if l.startswith("dyad ingest:")][-1]
    m = re.match(r"dyad ingest: (\d+) documents new, (\d+) skipped, (\d+) failed; (\d+) events", line)
    new, skipped, failed, events = map(int, m.groups())
    return new, skipped, failed, events, dt


def timed(cmd, runs=5):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True)
        times.append(time.perf_counter() - t)
        rows = out.stdout.count(b"\n")
    return statistics.median(times) * 1000, rows


def synthetic_store(events):
    """The synthetic store of `events` events in bench/out/, generated once (the `synth`
    example of crates/store); returns its path."""
    big = os.path.join(OUT, f"synth-{events}.db")
    if os.path.exists(big):
        return big
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-store", "--example", "synth"],
                   cwd=ROOT, check=True)
    synth = os.path.join(target_dir(), "release", "examples", "synth")
    os.makedirs(OUT, exist_ok=True)
    print(f"generating a synthetic store of {events} events in {big} ...", file=sys.stderr)
    remove_store(big)
    subprocess.run([synth, big + ".tmp", str(events)], check=True, stdout=sys.stderr)
    os.replace(big + ".tmp", big)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(big + ".tmp" + suffix):
            os.remove(big + ".tmp" + suffix)
    return big


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    dyad = os.path.join(target_dir(), "release", "dyad")
    os.makedirs(OUT, exist_ok=True)

    news = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
    seed = os.path.join(SHARED, "examples", "seed-article.txt")
    db = os.path.join(OUT, "store-bench.db")
    remove_store(db)
    new, skipped, failed, events, dt = ingest(dyad, db, [news, seed])
    print(f"ingest   : {new} documents new, {skipped} skipped (duplicates), {failed} failed; "
          f"{events} events in {dt:.2f} s = {new / dt:.0f} documents/s, {events / dt:.0f} events/s "
          f"(whole process, Reuters 1 MB + seed article)")
    new2, skipped2, failed2, events2, dt2 = ingest(dyad, db, [news, seed])
    print(f"re-ingest: {new2} documents new, {skipped2} skipped, {events2} events in {dt2:.2f} s"
          f" -> {'adds nothing' if new2 == 0 and events2 == 0 else 'ADDED DATA (bug)'}")

    big = synthetic_store(args.events)
    q_ms, q_rows = timed([dyad, "query", "--db", big, "--dyad", "USA-IRQ",
                          "--from", "2020-01-01", "--to", "2020-03-31"])
    s_ms, s_rows = timed([dyad, "series", "--db", big, "--dyad", "USA-IRQ", "--by", "week"])
    print(f"query    : dyad query --dyad USA-IRQ --from 2020-01-01 --to 2020-03-31 on "
          f"{args.events} events: {q_ms:.0f} ms ({q_rows} events printed as JSONL)")
    print(f"series   : dyad series --dyad USA-IRQ --by week on {args.events} events: "
          f"{s_ms:.0f} ms ({s_rows - 1} weeks)")


if __name__ == "__main__":
    main()
