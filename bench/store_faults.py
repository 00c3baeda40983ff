#!/usr/bin/env python3
"""Store faults for `dyad ingest` (issue 20): kill -9, a full disk, two writers at once.

Prints, on the Reuters sample (20 times over for the kill loop) (../shared/data/news/reuters21578-1mb.jsonl):
- kill loop: `dyad ingest` started again and again on the same store and killed with SIGKILL
  at a random moment (uniform over its first --window s, default 6: opening the store, loading the model, coding, commits),
  KILLS times; then one run to the end. Reports how many kills landed, `PRAGMA
  integrity_check`, the documents and events stored (against a clean run of the same input
  into a fresh store), documents stored twice and events whose document is missing;
- disk full: the same ingest into a store on a tmpfs of SIZE_MB (needs root to mount), the
  error dyad prints and its exit status, the integrity check and counts at that moment; then
  the tmpfs is grown (space freed) and the ingest run again, and its counts are compared with
  the clean run;
- two writers: two `dyad ingest` on one store at the same moment, one on the first half of
  the sample and one on all of it; their exit statuses and messages, the integrity check, and
  the counts against the clean run.

usage: bench/store_faults.py [--kills 120] [--size-mb 3] [--seed 20]
"""
import argparse, json, os, random, re, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = os.path.join(ROOT, "..", "shared", "data", "news", "reuters21578-1mb.jsonl")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
DYAD = os.path.join(TARGET, "release", "dyad")


def ingest(db, inputs, check=True):
    p = subprocess.run([DYAD, "ingest", "--db", db, *inputs], capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"ingest into {db} failed ({p.returncode}): {p.stderr.strip()}")
    return p


def counts(db):
    """(integrity_check, documents, events, ids stored twice, events without a document)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        integrity = "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        twice = con.execute(
            "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)"
        ).fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.doc_key = e.doc_key)"
        ).fetchone()[0]
    finally:
        con.close()
    return integrity, docs, events, twice, orphans


def describe(c):
    integrity, docs, events, twice, orphans = c
    return (f"integrity_check {integrity!r}, {docs} documents, {events} events, "
            f"{twice} ids stored twice, {orphans} events without a document")


def kill_input(tmp, copies):
    """The Reuters sample `copies` times over, each copy with fresh ids and a first line of its
    own (so that no copy is a content duplicate of another), as one JSONL file."""
    path = os.path.join(tmp, "kill.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for c in range(copies):
            for line in open(NEWS, encoding="utf-8"):
                if line.strip():
                    doc = json.loads(line)
                    doc["id"] = f"{doc['id']}-copy{c}"
                    doc["text"] = f"Copy {c} of this report.\n\n{doc['text']}"
                    out.write(json.dumps(doc) + "\n")
    return path


def kill_loop(kills, rng, tmp, window):
    src = kill_input(tmp, 20)
    clean_db = os.path.join(tmp, "kill-clean.db")
    t = time.perf_counter()
    ingest(clean_db, [src])
    full = time.perf_counter() - t
    clean = counts(clean_db)
    db = os.path.join(tmp, "killed.db")
    landed = 0
    progress = []
    for i in range(kills):
        p = subprocess.Popen([DYAD, "ingest", "--db", db, src],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, window))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            landed += 1
        p.wait()
        if os.path.exists(db) and i % 20 == 19:
            progress.append(counts(db)[1])
    before = counts(db) if os.path.exists(db) else ("(no file)", 0, 0, 0, 0)
    ingest(db, [src])
    after = counts(db)
    print(f"kill -9  : input {clean[1]} documents (the sample 20 times over), a full run "
          f"{full:.1f} s; each run killed at a uniform moment in 0..{window} s of its start")
    print(f"           {kills} runs, {landed} killed while running (the rest had finished); "
          f"documents stored after every 20th run: {progress}")
    print(f"           after the kills: {describe(before)}")
    print(f"           after one more full run: {describe(after)}")
    same = after[1:3] == clean[1:3] and after[0] == "ok" and after[3] == after[4] == 0
    print(f"           clean run: {describe(clean)} -> {'SAME' if same else 'DIFFERENT (bug)'}")


def disk_full(size_mb, clean, tmp):
    mnt = os.path.join(tmp, "small")
    os.mkdir(mnt)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", mnt],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"disk full: skipped, cannot mount a tmpfs here: {r.stderr.strip()}")
        return
    try:
        db = os.path.join(mnt, "full.db")
        t = time.perf_counter()
        p = ingest(db, [NEWS], check=False)
        dt = time.perf_counter() - t
        last = [l for l in p.stderr.splitlines() if l.strip()][-1:] or ["(nothing)"]
        print(f"disk full: ingest into a {size_mb} MB tmpfs: exit {p.returncode} after "
              f"{dt:.1f} s; dyad printed: {last[0]}")
        print(f"           store then: {describe(counts(db))}")
        subprocess.run(["mount", "-o", f"remount,size={size_mb * 40}m", mnt], check=True)
        p = ingest(db, [NEWS], check=False)
        last = [l for l in p.stderr.splitlines() if l.strip()][-1:] or ["(nothing)"]
        after = counts(db)
        same = after[1:3] == clean[1:3] and after[0] == "ok"
        print(f"           after growing it to {size_mb * 40} MB and ingesting again: exit "
              f"{p.returncode}, {last[0]}")
        print(f"           store then: {describe(after)} -> "
              f"{'SAME as the clean run' if same else 'DIFFERENT (bug)'}")
    finally:
        subprocess.run(["umount", mnt], check=False)


def two_writers(clean, tmp):
    half = os.path.join(tmp, "half.jsonl")
    lines = [l for l in open(NEWS, encoding="utf-8") if l.strip()]
    with open(half, "w", encoding="utf-8") as f:
        f.writelines(lines[: len(lines) // 2])
    db = os.path.join(tmp, "two.db")
    t = time.perf_counter()
    a = subprocess.Popen([DYAD, "ingest", "--db", db, NEWS], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen([DYAD, "ingest", "--db", db, half], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    ea, eb = a.communicate()[1], b.communicate()[1]
    dt = time.perf_counter() - t
    for name, p, err in (("all", a, ea), ("half", b, eb)):
        last = [l for l in err.splitlines() if l.strip()][-1:] or ["(nothing)"]
        print(f"two      : writer '{name}': exit {p.returncode}: {last[0]}")
    after = counts(db)
    same = after[1:3] == clean[1:3] and after[0] == "ok" and after[3] == 0
    print(f"           {dt:.1f} s for both; store then: {describe(after)} -> "
          f"{'SAME as the clean run' if same else 'DIFFERENT (bug)'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=120)
    ap.add_argument("--window", type=float, default=6.0,
                    help="each run is killed at a uniform moment in 0..WINDOW s of its start")
    ap.add_argument("--size-mb", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--only", choices=["kill", "disk", "two"])
    args = ap.parse_args()
    if not os.path.exists(DYAD):
        sys.exit(f"{DYAD} not found: run `cargo build --release -p dyad-cli` first")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "clean.db")
        ingest(db, [NEWS])
        clean = counts(db)
        if args.only in (None, "kill"):
            kill_loop(args.kills, rng, tmp, args.window)
        if args.only in (None, "disk"):
            disk_full(args.size_mb, clean, tmp)
        if args.only in (None, "two"):
            two_writers(clean, tmp)


if __name__ == "__main__":
    main()
