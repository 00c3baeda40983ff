#!/usr/bin/env python3
"""Evaluation benchmark through `dyad eval` (issue 7).

Prints:
  - the PETRARCH-1 unit-test suite (../shared/data/petrarch2/petrarch1/PETR.UnitTest.records.xml,
    281 records) coded with its own validation dictionaries (petrarch1/PETR.Validate.*):
    records passed of 281 and per category (PETRARCH-1 itself passes 276);
  - UniversalPetrarch/PETR2_GSR_validation.xml (78 real sentences) with the Phoenix dictionaries
    and with dyad's own, side by side (records passed; P/R/F1 at the three levels);
  - the PLOVER GSR records (--format plover-gsr) with dyad's own dictionaries;
  - speed: GigaWord.sample.PETR.xml coded from its raw <Text> with the Phoenix dictionaries,
    parsing included, one thread: sentences/s (best of 3) and the events found.

The dictionaries are read at run time from ../shared; nothing is copied into the repository.

usage: bench/eval.py [--explain]
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
P2 = os.path.join(SHARED, "data", "petrarch2")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
DYAD = os.path.join(TARGET, "release", "dyad")


def run_eval(gold, fmt, dicts=None, explain=False):
    args = ["taskset", "-c", "0", DYAD, "eval", "--json", "--gold", gold, "--format", fmt]
    if dicts:
        args += ["--dictionaries", dicts]
    if explain:
        args.append("--explain")
    run = subprocess.run(args, capture_output=True, env=dict(os.environ, RAYON_NUM_THREADS="1"))
    if run.returncode != 0:
        sys.exit(run.stderr.decode()[-2000:])
    return json.loads(run.stdout)


def levels(r):
    return "  ".join(
        f"{lv['level']}: P {lv['overall']['precision']:.3f} R {lv['overall']['recall']:.3f} F1 {lv['overall']['f1']:.3f}"
        for lv in r["levels"])


def explain(r):
    for e in r.get("explanations", []):
        rule = f" [{e['rule']}]" if e.get("rule") else ""
        print(f"    {e['record']} {e['kind']:5} {e['source']} {e['target']} {e['code']}{rule} | {e['text'][:140]}")


def main():
    want_explain = "--explain" in sys.argv
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)

    r = run_eval(os.path.join(P2, "petrarch1", "PETR.UnitTest.records.xml"), "petrarch-xml",
                 os.path.join(P2, "petrarch1"), want_explain)
    print(f"PETRARCH-1 unit tests, petrarch1/ validation dictionaries: {r['passed']['passed']} of "
          f"{r['records']} records passed (target >= 240; PETRARCH-1 passes 276)")
    print("  per category: " + ", ".join(f"{k} {v['passed']}/{v['total']}" for k, v in r["per_category"].items()))
    print(f"  {levels(r)}")
    print(f"  conversion losses: {r.get('conversion_losses')}")
    if want_explain:
        explain(r)

    gsr = os.path.join(P2, "UniversalPetrarch", "PETR2_GSR_validation.xml")
    print(f"\nPETR2 GSR validation ({os.path.basename(gsr)}):")
    for name, dicts in [("Phoenix dictionaries", P2), ("dyad's own         ", None)]:
        r = run_eval(gsr, "petrarch-xml", dicts, want_explain)
        print(f"  {name}: {r['passed']['passed']}/{r['scored']} records passed; {levels(r)}")
        if want_explain:
            explain(r)

    r = run_eval(os.path.join(SHARED, "data", "plover", "PLOVER_GSR_CAMEO.txt"), "plover-gsr", None, want_explain)
    print(f"\nPLOVER GSR ({r['records']} records), dyad's own dictionaries: {levels(r)}")
    if want_explain:
        explain(r)

    best = None
    for _ in range(3):
        r = run_eval(os.path.join(P2, "GigaWord.sample.PETR.xml"), "petrarch-xml", P2)
        if best is None or r["speed"]["seconds"] < best["speed"]["seconds"]:
            best = r
    s = best["speed"]
    print(f"\nspeed: GigaWord sample, Phoenix dictionaries, raw <Text>, parsing included, one thread: "
          f"{s['sentences']} sentences ({best['records']} records) in {s['seconds']:.3f} s = "
          f"{s['sentences_per_second']:,.0f} sentences/s (best of 3); {best['coded_events']} events found "
          f"(PETRARCH-2: about 740 sentences/s on pre-parsed input, 68 events)")


if __name__ == "__main__":
    main()
