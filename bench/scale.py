#!/usr/bin/env python3
"""Scale benchmark for `--threads` and streaming input (issue 19).

Prints:
- `dyad code` on the Reuters sample (../shared/data/news/reuters21578-1mb.jsonl) with 1 and
  with 2 threads, in one run (interleaved, best of 3 each): sentences/s and the ratio, and
  whether the two outputs are byte-identical;
- the same for `dyad ingest` into a fresh store (documents/s);
- peak RSS of `dyad code --threads 2 -` reading a 10 MB and a 1 GB JSONL stream on stdin
  (written by this script into the pipe, never stored on disk), and the ratio. The stream
  repeats the Reuters documents (with fresh ids), one in every 100 lines, between short
  one-sentence filler documents, so that 1 GB codes in minutes rather than hours; every line
  goes through the reader, the text stage and the coder.

usage: bench/scale.py [--big-mb 1024] [--small-mb 10]
"""
import argparse, json, os, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
NEWS = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
DYAD = os.path.join(TARGET, "release", "dyad")
FILLER = "Markets were quiet on the day and prices held steady."


def sentences():
    out = subprocess.run([DYAD, "sentences", NEWS], capture_output=True, check=True).stdout
    return out.count(b'"kind":"sentence"')


def timed(args, **kw):
    t = time.perf_counter()
    out = subprocess.run(args, capture_output=True, check=True, **kw)
    return time.perf_counter() - t, out.stdout


def code_speed(n_sentences):
    best = {1: None, 2: None}
    outputs = {}
    for _ in range(3):
        for threads in (1, 2):
            dt, out = timed([DYAD, "code", "--threads", str(threads), NEWS])
            outputs[threads] = out
            best[threads] = dt if best[threads] is None else min(best[threads], dt)
    same = outputs[1] == outputs[2]
    r1, r2 = n_sentences / best[1], n_sentences / best[2]
    print(f"code     : Reuters sample, {n_sentences} sentences: 1 thread {r1:,.0f} sentences/s, "
          f"2 threads {r2:,.0f} sentences/s = {r2 / r1:.2f}x (best of 3, interleaved); "
          f"output {'byte-identical' if same else 'DIFFERENT (bug)'}")


def ingest_speed():
    docs = sum(1 for l in open(NEWS, encoding="utf-8") if l.strip())
    best = {1: None, 2: None}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            for threads in (1, 2):
                db = os.path.join(tmp, f"s{threads}-{i}.db")
                dt, _ = timed([DYAD, "ingest", "--threads", str(threads), "--db", db, NEWS])
                best[threads] = dt if best[threads] is None else min(best[threads], dt)
    r1, r2 = docs / best[1], docs / best[2]
    print(f"ingest   : Reuters sample, {docs} documents into a fresh store: 1 thread {r1:,.0f} "
          f"documents/s, 2 threads {r2:,.0f} documents/s = {r2 / r1:.2f}x (best of 3)")


def feed(pipe, megabytes, reuters):
    """Write about `megabytes` MB of JSONL to `pipe`."""
    limit = megabytes * 1_000_000
    written = 0
    n = 0
    try:
        while written < limit:
            if n % 100 == 0:
                doc = dict(reuters[(n // 100) % len(reuters)])
                doc["id"] = f"r{n}"
            else:
                doc = {"id": f"f{n}", "date": "2024-01-01", "text": FILLER}
            line = (json.dumps(doc) + "\n").encode()
            pipe.write(line)
            written += len(line)
            n += 1
    finally:
        pipe.close()


def peak_rss(megabytes, reuters):
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M %e", DYAD, "code", "--threads", "2", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    writer = threading.Thread(target=feed, args=(proc.stdin, megabytes, reuters))
    writer.start()
    err = proc.stderr.read().decode()
    proc.wait()
    writer.join()
    kb, secs = err.strip().splitlines()[-1].split()
    return int(kb), float(secs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--big-mb", type=int, default=1024)
    ap.add_argument("--small-mb", type=int, default=10)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    code_speed(sentences())
    ingest_speed()
    reuters = [json.loads(l) for l in open(NEWS, encoding="utf-8") if l.strip()]
    small_kb, small_s = peak_rss(args.small_mb, reuters)
    big_kb, big_s = peak_rss(args.big_mb, reuters)
    print(f"memory   : dyad code --threads 2 on a JSONL stream on stdin: {args.small_mb} MB peak RSS "
          f"{small_kb / 1024:.1f} MB ({small_s:.0f} s), {args.big_mb} MB peak RSS "
          f"{big_kb / 1024:.1f} MB ({big_s:.0f} s): {big_kb / small_kb:.2f}x")


if __name__ == "__main__":
    main()
