#!/usr/bin/env python3
"""Do two builds of dyad code the same events?

A refactoring that must change no coded event (issue 16) is checked with this script: it
codes five inputs with `dyad code` and writes each output to a directory, or compares them
with the outputs another build wrote there.

  - ../shared/data/news/reuters21578-1mb.jsonl (the Reuters sample),
  - ../shared/examples/seed-article.txt (the seed article, publication date 2024-11-19),
  - gold/coding.jsonl (the golden set's sentences),
  - ../shared/data/plover/PLOVER_GSR_CAMEO.txt (the PLOVER GSR records' texts),
  - ../shared/data/petrarch2/GigaWord.sample.PETR.xml (the GigaWord sample's <Text>s).

Fields named with --ignore (default: verb.rules, the field issue 16 adds) are dropped before
comparing. Usage:

  bench/same_events.py --dyad OLD_BINARY --write DIR      # record the old build's events
  bench/same_events.py --dyad NEW_BINARY --compare DIR    # exit 1 when any line differs
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def inputs(tmp):
    """(name, path, extra dyad code arguments) of the five inputs, written to `tmp` as needed."""
    out = [("reuters", os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl"), [])]
    out.append(("seed", os.path.join(SHARED, "examples", "seed-article.txt"), ["--date", "2024-11-19"]))
    gold = [json.loads(l) for l in open(os.path.join(ROOT, "gold", "coding.jsonl"), encoding="utf-8")]
    out.append(("golden", write_jsonl(tmp, "golden", [
        {"id": g["id"], "date": g["date"], "text": g["text"]} for g in gold]), []))
    recs = json.load(open(os.path.join(SHARED, "data", "plover", "PLOVER_GSR_CAMEO.txt"), encoding="utf-8"))
    out.append(("plover", write_jsonl(tmp, "plover", [
        {"id": r["id"], "date": r.get("date", "2000-01-01"), "text": r["text"]} for r in recs if r.get("text")]), []))
    xml = open(os.path.join(SHARED, "data", "petrarch2", "GigaWord.sample.PETR.xml"), encoding="utf-8").read()
    texts = re.findall(r"<Text>(.*?)</Text>", xml, re.S)
    out.append(("gigaword", write_jsonl(tmp, "gigaword", [
        {"id": f"gw-{i}", "date": "2008-08-01", "text": " ".join(t.split())} for i, t in enumerate(texts)]), []))
    return out


def write_jsonl(tmp, name, docs):
    path = os.path.join(tmp, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")
    return path


def drop(record, fields):
    for field in fields:
        *parents, last = field.split(".")
        obj = record
        for p in parents:
            obj = obj.get(p) if isinstance(obj, dict) else None
        if isinstance(obj, dict):
            obj.pop(last, None)
    return record


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dyad", default=os.path.join(ROOT, "target", "release", "dyad"))
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", metavar="DIR")
    group.add_argument("--compare", metavar="DIR")
    ap.add_argument("--ignore", action="append", default=None, help="a field to drop, e.g. verb.rules")
    args = ap.parse_args()
    ignore = args.ignore if args.ignore is not None else ["verb.rules"]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, path, extra in inputs(tmp):
            got = subprocess.run([args.dyad, "code", *extra, path], capture_output=True, check=True).stdout
            lines = [json.dumps(drop(json.loads(l), ignore), sort_keys=True) for l in got.decode().splitlines()]
            if args.write:
                os.makedirs(args.write, exist_ok=True)
                with open(os.path.join(args.write, name + ".jsonl"), "w", encoding="utf-8") as f:
                    f.write("".join(l + "\n" for l in lines))
                print(f"{name}: {len(lines)} events written")
                continue
            want = open(os.path.join(args.compare, name + ".jsonl"), encoding="utf-8").read().splitlines()
            differ = [i for i, (a, b) in enumerate(zip(want, lines)) if a != b]
            same = not differ and len(want) == len(lines)
            failed |= not same
            print(f"{name}: {len(lines)} events, recorded {len(want)}: {'identical' if same else 'DIFFERENT'}")
            for i in differ[:3]:
                print(f"  line {i + 1}\n    recorded {want[i][:400]}\n    now      {lines[i][:400]}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
