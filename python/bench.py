"""Measure dyad.code_arrow against `dyad code` and the Spark job on one corpus, in one run.

    python bench.py [--input FILE.jsonl] [--dyad PATH-TO-dyad]

Prints sentences/s of `code_arrow` and of the CLI on 1 and 2 threads (the CLI both as
measured and without its start-up, taken as the time of the same command on an empty
input), their ratio, and the documents/s of the Spark job in local[2]. Sentences are the
`"kind":"sentence"` lines of `dyad sentences FILE`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

import dyad

HERE = Path(__file__).resolve().parent


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", default=str(HERE.parent.parent / "shared/data/news/reuters21578-1mb.jsonl"))
    target = Path(os.environ.get("CARGO_TARGET_DIR", HERE.parent / "target"))
    parser.add_argument("--dyad", default=str(target / "release/dyad"))
    args = parser.parse_args()
    lines = Path(args.input).read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    sentences = sum(
        '"kind":"sentence"' in line
        for line in subprocess.run([args.dyad, "sentences", args.input], check=True,
                                   capture_output=True, text=True).stdout.splitlines()
    )
    table = pa.Table.from_pylist(docs)
    dyad.code_arrow(table.slice(0, 1))  # load the model once, outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("", encoding="utf-8")
        print(f"input: {args.input}: {len(docs)} documents, {sentences} sentences")
        for threads in (1, 2):
            t_arrow, batch = timed(lambda: dyad.code_arrow(table, threads=threads))
            cmd = [args.dyad, "code", "--threads", str(threads)]
            t_cli, out = timed(lambda: subprocess.run(cmd + [args.input], check=True, capture_output=True).stdout)
            t_empty, _ = timed(lambda: subprocess.run(cmd + [str(empty)], check=True, capture_output=True))
            events_cli = out.count(b"\n")
            assert events_cli == batch.num_rows, (events_cli, batch.num_rows)
            t_cli_work = max(t_cli - t_empty, 1e-9)
            print(f"threads {threads}: code_arrow {sentences / t_arrow:.0f} sentences/s ({t_arrow:.2f}s, {batch.num_rows} events); "
                  f"CLI {sentences / t_cli:.0f} sentences/s ({t_cli:.2f}s), without start-up {sentences / t_cli_work:.0f} sentences/s "
                  f"(start-up {t_empty:.2f}s); ratio code_arrow/CLI {t_cli / t_arrow:.2f} (with start-up), {t_cli_work / t_arrow:.2f} (without)")
        out_dir = Path(tmp) / "events.parquet"
        from dyad import spark as dyad_spark
        t_spark, _ = timed(lambda: dyad_spark.main(["--input", args.input, "--output", str(out_dir), "--master", "local[2]"]))
        import pyarrow.parquet as pq
        n_events = pq.read_table(out_dir).num_rows
        print(f"spark local[2]: {len(docs) / t_spark:.0f} documents/s ({t_spark:.2f}s including session start, {n_events} events)")


if __name__ == "__main__":
    sys.exit(main())
