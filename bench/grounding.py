#!/usr/bin/env python3
"""Grounding benchmark for `dyad code` (issue 5): when, where and how many.

Prints:
  - on the project's golden set gold/grounding.jsonl (publication date, sentence, event verb,
    expected date range and precision, place, fatalities): date, place (country and finer) and
    fatality accuracy, from the crate's `grounding_bench` example;
  - on ../shared/data/news/reuters21578-1mb.jsonl: the end-to-end time of `dyad code` with
    grounding and with `--no-grounding`, in the same run (alternating, best of 5 each, one
    core), and the share grounding adds; with the number of events whose date comes from the
    text, that have a place, and that count fatalities.

usage: bench/grounding.py [--misses]
"""
import json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
DYAD = os.environ.get("DYAD_BIN") or os.path.join(TARGET, "release", "dyad")
NEWS = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
ROUNDS = 5


def golden(misses):
    args = ["cargo", "run", "--release", "-q", "-p", "dyad-grounding", "--example", "grounding_bench", "--"]
    if misses:
        args.append("--misses")
    out = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print(out.rstrip())


def timed(extra):
    t = time.perf_counter()
    run = subprocess.run(["taskset", "-c", "0", DYAD, "code", *extra, NEWS], capture_output=True, check=True)
    return time.perf_counter() - t, run.stdout


def end_to_end():
    best = {"grounded": None, "ungrounded": None}
    events = None
    for _ in range(ROUNDS):
        for name, extra in (("grounded", []), ("ungrounded", ["--no-grounding"])):
            dt, out = timed(extra)
            if best[name] is None or dt < best[name]:
                best[name] = dt
            if name == "grounded":
                events = out
    evs = [json.loads(l) for l in events.decode().splitlines()]
    dated = sum(1 for e in evs if e["date"]["precision"] != "document")
    placed = sum(1 for e in evs if e["location"])
    killed = sum(1 for e in evs if e["fatalities_text"])
    g, u = best["grounded"], best["ungrounded"]
    print(f"dyad code on the Reuters sample, one core, best of {ROUNDS}: "
          f"with grounding {g:.2f} s, without {u:.2f} s; grounding adds {100 * (g - u) / u:.1f}% (target <= 20%)")
    print(f"  {len(evs)} events: {dated} dated from the text, {placed} with a place, {killed} with fatalities")


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    golden("--misses" in sys.argv)
    end_to_end()


if __name__ == "__main__":
    main()
