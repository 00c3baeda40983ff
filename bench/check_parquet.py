#!/usr/bin/env python3
"""Check that `dyad export --format parquet` is readable by pyarrow and agrees with the CSV
export of the same store (issue 6).

Builds dyad with the `parquet` feature, ingests a few generated documents into a temporary
store, exports mentions and clusters as Parquet and CSV, and compares them with pyarrow
(installed from PyPI into bench/.venv on first use). Prints "N passed, N failed" and exits
non-zero on a failure.

usage: bench/check_parquet.py   (honours CARGO_TARGET_DIR)
"""
import csv, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv")


def venv_python():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if subprocess.run([py, "-c", "import pyarrow"], capture_output=True).returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "-q", "pyarrow"], check=True)
    return py


CHECK = r'''
import csv, sys
import pyarrow.parquet as pq
parquet, csv_path, level = sys.argv[1], sys.argv[2], sys.argv[3]
table = pq.read_table(parquet)
rows = list(csv.DictReader(open(csv_path, newline="", encoding="utf-8")))
passed = failed = 0
def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAILED:", level, what)
check(table.num_rows == len(rows), f"{table.num_rows} parquet rows, {len(rows)} csv rows")
check(list(table.column_names) == list(rows[0].keys()) if rows else True, "same columns")
data = table.to_pylist()
for i, (p, c) in enumerate(zip(data, rows)):
    for k, v in c.items():
        pv = p[k]
        if pv is None:
            same = v == ""
        elif isinstance(pv, float):
            same = abs(pv - float(v)) < 1e-6
        else:
            same = str(pv) == v
        if not same:
            check(False, f"row {i} column {k}: parquet {pv!r}, csv {v!r}")
            break
    else:
        continue
    break
else:
    check(True, "all values equal")
print(passed, failed)
'''


def main():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli", "--features", "parquet"],
                   cwd=ROOT, check=True)
    dyad = os.path.join(target, "release", "dyad")
    py = venv_python()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        news = os.path.join(tmp, "news.jsonl")
        with open(news, "w") as f:
            texts = ["Iraq criticized the United States on Monday.", "Iranian forces attacked Israel.",
                     "Russia met China in Beijing.", "The United Nations condemned Syria."]
            for i in range(200):
                f.write('{"id": "p%d", "date": "2024-03-%02d", "text": "%s Report %d."}\n'
                        % (i, 1 + i % 28, texts[i % 4], i))
        db = os.path.join(tmp, "s.db")
        subprocess.run([dyad, "ingest", "--db", db, news], check=True, capture_output=True)
        for level in ("mention", "cluster"):
            pq_path = os.path.join(tmp, f"{level}.parquet")
            csv_path = os.path.join(tmp, f"{level}.csv")
            for fmt, path in (("parquet", pq_path), ("csv", csv_path)):
                subprocess.run([dyad, "export", "--db", db, "--level", level, "--format", fmt,
                                "--out", path], check=True, capture_output=True)
            out = subprocess.run([py, "-c", CHECK, pq_path, csv_path, level],
                                 capture_output=True, text=True)
            sys.stdout.write("".join(l + "\n" for l in out.stdout.splitlines()[:-1]))
            if out.returncode != 0:
                print(out.stderr)
                failed += 1
                continue
            p, f_ = map(int, out.stdout.split()[-2:])
            passed += p
            failed += f_
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
