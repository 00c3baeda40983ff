#!/usr/bin/env python3
"""End-to-end speed of two (or more) dyad builds on the Reuters sample, in one run.

Each build codes ../shared/data/news/reuters21578-1mb.jsonl with `dyad code` on one core
(taskset -c 0, RAYON_NUM_THREADS=1); runs of the builds are interleaved so that the machine's
state weighs on each alike, and the best of N runs per build is printed as sentences/s,
with each build's ratio to the first.

usage: bench/speed.py [--runs N] BINARY [BINARY...]
"""

import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = os.path.join(ROOT, "..", "shared", "data", "news", "reuters21578-1mb.jsonl")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("binaries", nargs="+")
    args = ap.parse_args()
    for b in args.binaries:
        if not os.access(b, os.X_OK):
            sys.exit(f"speed.py: {b}: not an executable")
    out = subprocess.run([args.binaries[0], "sentences", NEWS], capture_output=True, check=True).stdout
    sents = out.count(b'"kind":"sentence"')
    best = {b: None for b in args.binaries}
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    for _ in range(args.runs):
        for b in args.binaries:
            t = time.perf_counter()
            subprocess.run(["taskset", "-c", "0", b, "code", NEWS], stdout=subprocess.DEVNULL,
                           check=True, env=env)
            dt = time.perf_counter() - t
            best[b] = dt if best[b] is None else min(best[b], dt)
    first = best[args.binaries[0]]
    for b in args.binaries:
        print(f"{b}: {sents} sentences in {best[b]:.2f} s = {sents / best[b]:,.0f} sentences/s "
              f"(best of {args.runs}; {first / best[b]:.3f}x the first)")


if __name__ == "__main__":
    main()
