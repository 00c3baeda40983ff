#!/usr/bin/env python3
"""Event-coding benchmark for `dyad code` (issue 4).

Prints:
  - on the project's golden set gold/coding.jsonl: precision, recall and F1 of coded events at
    three strictness levels (root code; root + source/target country; exact source, target
    and CAMEO code), and the false events coded on the distractor sentences;
  - on ../shared/data/plover/PLOVER_GSR_CAMEO.txt (example sentences of the CAMEO manual, gold
    given as PLOVER 0.5b1 types, mapped back to the CAMEO roots they cover): root-code precision
    (coded events of a root the record's type covers / all coded events), recall (records with
    such an event / all records), F1, and the share of found records whose source and target
    countries also match;
  - on the real-news articles of gold/articles/ (Wikinews, events written before dyad coded
    them): per article and overall, events matched one to one at root + source/target
    country, recall and precision, and of the matched events how often the date, the country
    and the death toll are right where the gold gives them. The development split
    (dev.jsonl) always; the test split (test.jsonl) only with --test, when closing an issue;
  - end-to-end speed of `dyad code` on the Reuters sample: sentences/s on one thread.

usage: bench/coding.py [--explain] [--test]
"""
import json, os, subprocess, sys, time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
DYAD = os.environ.get("DYAD_BIN") or os.path.join(ROOT, "target", "release", "dyad")


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


# The GSR records are coded in PLOVER 0.5b1 types, each the type of the CAMEO code whose manual
# example the sentence is; the records run in CAMEO code order. These are the CAMEO roots each
# type covers (0.5b1 split root 08 into CONCEDE and RETREAT and kept 20 under FIGHT).
GSR_ROOTS = {
    "AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"}, "AID": {"07"},
    "CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"10"},
    "DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"}, "ASSAULT": {"18"},
    "FIGHT": {"19", "20"},
}


def plover(explain):
    recs = [r for r in json.load(open(os.path.join(SHARED, "data", "plover", "PLOVER_GSR_CAMEO.txt"), encoding="utf-8"))
            if r.get("text")]
    got = code([{"id": r["id"], "date": r.get("date", "2000-01-01"), "text": r["text"]} for r in recs])
    right = npred = hit_recs = both = 0
    for r in recs:
        roots = GSR_ROOTS[r["event"]]
        evs = got.get(r["id"], [])
        npred += len(evs)
        hit = [e for e in evs if e["root"] in roots]
        right += len(hit)
        if hit:
            hit_recs += 1
            src = {gsr_country(a) for a in as_list(r.get("source"))}
            tgt = {gsr_country(a) for a in as_list(r.get("target"))} - {""}
            if any(country(e["source"]["code"]) in src and (not tgt or country(e["target"]["code"]) in tgt) for e in hit):
                both += 1
        elif explain:
            have = [(e["source"]["code"], e["target"]["code"], e["cameo"], e["verb"]["rule"]) for e in evs]
            print(f"  {r['id']} want {sorted(roots)} got {have} | {r['text'][:160]}")
    p = right / npred if npred else 0.0
    rr = hit_recs / len(recs)
    f = 2 * p * rr / (p + rr) if p + rr else 0.0
    print(f"PLOVER GSR ({len(recs)} records): root-code precision {p:.3f}  recall {rr:.3f}  F1 {f:.3f}  "
          f"(coded {npred}, right root {right}, records found {hit_recs}); "
          f"source and target countries also match in {both}/{hit_recs} found records ({both / max(hit_recs, 1):.3f})")


def gsr_country(actor):
    """The three-letter country of a GSR actor code ("JAP", "ITL": the file's spellings of JPN, ITA)."""
    c = (actor.get("code") or "")[:3]
    return {"JAP": "JPN", "ITL": "ITA"}.get(c, c)


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


def articles(split, explain):
    path = os.path.join(ROOT, "gold", "articles", f"{split}.jsonl")
    run = subprocess.run([DYAD, "eval", "--gold", path, "--json"], capture_output=True)
    if run.returncode != 0:
        sys.exit(run.stderr.decode()[-2000:])
    r = json.loads(run.stdout)
    level = next(l for l in r["levels"] if l["level"] == "root-countries")
    if explain:
        for a in r["per_record"]:
            p = a["prf"]
            print(f"  {a['id']:<58} gold {p['gold']:>3}  coded {p['coded']:>3}  matched {p['matched']:>3}"
                  f"  R {p['recall']:.2f}  P {p['precision']:.2f}")
    o = level["overall"]
    at = r["attributes"]
    share = lambda a, b: f"{a}/{b} = {a / b:.2f}" if b else "-"
    print(f"articles ({split}, {r['scored']} articles), root+countries: recall {o['recall']:.3f}  "
          f"precision {o['precision']:.3f}  F1 {o['f1']:.3f}  (gold {o['gold']}, coded {o['coded']}, "
          f"matched {o['matched']}); of matched events: date right {share(at['date_right'], at['dated'])}, "
          f"country right {share(at['country_right'], at['located'])}, "
          f"fatalities right {share(at['fatalities_right'], at['counted'])}")


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    golden("--explain" in sys.argv)
    plover("--explain" in sys.argv)
    articles("dev", "--explain" in sys.argv)
    if "--test" in sys.argv:
        articles("test", "--explain" in sys.argv)
    speed()


if __name__ == "__main__":
    main()
