#!/usr/bin/env python3
"""Event-coding benchmark for `dyad code` (issue 4).

Prints:
  - on the project's golden set gold/coding.jsonl: precision, recall and F1 of coded events at
    three strictness levels (root code; root + source/target country; exact source, target
    and CAMEO code), and the false events coded on the distractor sentences;
  - on ../shared/data/plover/PLOVER_GSR_CAMEO.txt (coded examples of the CAMEO manual, gold
    given as PLOVER types): precision and recall of the PLOVER type of each record's events,
    and the share of matched events whose source and target countries also match;
  - end-to-end speed of `dyad code` on the Reuters sample: sentences/s on one thread.

usage: bench/coding.py [--explain]
"""
import json, os, subprocess, sys, time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
DYAD = os.path.join(ROOT, "target", "release", "dyad")


def code(docs):
    inp = "".join(json.dumps(d) + "\n" for d in docs)
    run = subprocess.run([DYAD, "code", "--input", "jsonl", "-"], input=inp.encode(), capture_output=True)
    if run.returncode not in (0, 3):
        sys.exit(run.stderr.decode()[-2000:])
    got = {}
    for line in run.stdout.decode().splitlines():
        e = json.loads(line)
        got.setdefault(e["doc_id"], []).append(e)
    return got


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def country(code):
    return (code or "---")[:3]


def golden(explain):
    gold = [json.loads(l) for l in open(os.path.join(ROOT, "gold", "coding.jsonl"), encoding="utf-8")]
    got = code([{"id": g["id"], "date": g["date"], "text": g["text"]} for g in gold])
    keys = {
        "root": lambda s, t, c: c[:2],
        "root+countries": lambda s, t, c: (country(s), country(t), c[:2]),
        "exact": lambda s, t, c: (s or "---", t or "---", c),
    }
    for level, key in keys.items():
        tp = npred = ngold = 0
        for g in gold:
            want = Counter(key(e["source"], e["target"], e["cameo"]) for e in g["events"])
            have = Counter(key(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in got.get(g["id"], []))
            tp += sum((want & have).values()); npred += sum(have.values()); ngold += sum(want.values())
        p, r, f = prf(tp, npred, ngold)
        print(f"golden set ({len(gold)} sentences), {level:15}: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  "
              f"(gold {ngold}, coded {npred})")
    noise = [g for g in gold if not g["events"]]
    false = sum(len(got.get(g["id"], [])) for g in noise)
    print(f"golden set: {false} events coded on {len(noise)} sentences that must give none")
    if explain:
        for g in gold:
            want = sorted((e["source"], e["target"], e["cameo"]) for e in g["events"])
            have = sorted((e["source"]["code"] or "---", e["target"]["code"] or "---", e["cameo"]) for e in got.get(g["id"], []))
            if want != have:
                rules = [e["verb"]["rule"] for e in got.get(g["id"], [])]
                print(f"  {g['id']} want {want} got {have} {rules} | {g['text']}")


def plover():
    recs = [r for r in json.load(open(os.path.join(SHARED, "data", "plover", "PLOVER_GSR_CAMEO.txt"), encoding="utf-8"))
            if r.get("text")]
    got = code([{"id": r["id"], "date": r.get("date", "2000-01-01"), "text": r["text"]} for r in recs])
    tp = npred = both = 0
    for r in recs:
        evs = got.get(r["id"], [])
        npred += len(evs)
        hit = [e for e in evs if e["plover"] == r["event"]]
        if hit:
            tp += 1
            src = {a.get("code", "")[:3] for a in as_list(r.get("source"))}
            tgt = {a.get("code", "")[:3] for a in as_list(r.get("target"))}
            if any(country(e["source"]["code"]) in src and (not tgt or country(e["target"]["code"]) in tgt) for e in hit):
                both += 1
    p, rr, f = prf(tp, npred, len(recs))
    print(f"PLOVER GSR ({len(recs)} records): event-type precision {p:.3f}  recall {rr:.3f}  F1 {f:.3f}; "
          f"source/target countries also match in {both}/{tp} matched records")


def as_list(actors):
    """PLOVER records give actors as a list of objects, an object, or a string."""
    if actors is None:
        return []
    if isinstance(actors, dict):
        return [actors]
    if isinstance(actors, str):
        return [{"code": actors}]
    return [a if isinstance(a, dict) else {"code": str(a)} for a in actors]


def speed():
    news = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
    sents = subprocess.run([DYAD, "sentences", news], capture_output=True, check=True).stdout.count(b'"kind":"sentence"')
    best = None
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", DYAD, "code", news], stdout=subprocess.DEVNULL, check=True,
                       env=dict(os.environ, RAYON_NUM_THREADS="1"))
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    print(f"speed: {sents} sentences in {best:.2f} s = {sents / best:,.0f} sentences/s "
          f"(dyad code end to end on the Reuters sample, one thread, best of 3)")


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    golden("--explain" in sys.argv)
    plover()
    speed()


if __name__ == "__main__":
    main()
