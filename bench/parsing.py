#!/usr/bin/env python3
"""Tagger/parser benchmark for `dyad parse` (issue 3).

Prints, side by side in one run:
  - UPOS / UAS / LAS on UD English EWT dev and test with gold tokens (../shared/tools/ud_eval.py);
  - tag+parse tokens/s of dyad and spaCy en_core_web_sm on the same texts, one core each, and the
    ratio (../shared/tools/speed_vs_spacy.py): the EWT test raw text and the Reuters sample;
  - peak memory (RSS) of `dyad parse` on the Reuters sample, and model load time;
  - with --train: the wall-clock time of `dyad train` (writes to a temporary file).

usage: bench/parsing.py [--train]
Needs bench/.venv with spaCy (created by bench/setup-python.sh, called here if missing).
"""
import json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")
EWT = os.path.join(SHARED, "data", "ud-english-ewt")
NEWS = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
DYAD = os.path.join(TARGET, "release", "dyad")


def tool(name, *args):
    out = subprocess.run([sys.executable, os.path.join(SHARED, "tools", name), *args],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{name} failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def texts(tmp):
    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import ewt
    ewt_txt = os.path.join(tmp, "ewt-test.txt")
    with open(ewt_txt, "w", encoding="utf-8") as f:
        for d in ewt.documents(os.path.join(EWT, "en_ewt-ud-test.conllu")):
            for p in d["paras"]:
                f.write(" ".join(p) + "\n")
    news_txt = os.path.join(tmp, "reuters.txt")
    with open(news_txt, "w", encoding="utf-8") as f:
        for line in open(NEWS, encoding="utf-8"):
            f.write(" ".join(json.loads(line)["text"].split()) + "\n")
    return ewt_txt, news_txt


def main():
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    py = subprocess.run(["bash", os.path.join(ROOT, "bench", "setup-python.sh")], capture_output=True,
                        text=True, check=True).stdout.strip().splitlines()[-1]
    for split in ("dev", "test"):
        r = tool("ud_eval.py", DYAD, os.path.join(EWT, f"en_ewt-ud-{split}.conllu"))
        print(f"EWT {split:4} (gold tokens, {r['words']} words): UPOS {r['upos']:.2f}  UAS {r['uas']:.2f}  LAS {r['las']:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        ewt_txt, news_txt = texts(tmp)
        for label, path in (("EWT test text", ewt_txt), ("Reuters sample", news_txt)):
            r = tool("speed_vs_spacy.py", DYAD, py, path)
            print(f"speed, {label}: dyad {r['dyad_tok_s']:,} tok/s, spaCy sm {r['spacy_tok_s']:,} tok/s, "
                  f"ratio {r['ratio']}x (dyad whole process incl. model load)")
        run = subprocess.run(["/usr/bin/time", "-f", "%M", DYAD, "parse", "--input", "text", news_txt],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        print(f"peak RSS, dyad parse on the Reuters sample: {int(run.stderr.strip().splitlines()[-1]) / 1024:.1f} MB")
        one = os.path.join(tmp, "one.txt")
        open(one, "w").write("Troops withdrew.\n")
        best = min(timed([DYAD, "parse", "--input", "text", one]) for _ in range(5))
        base = min(timed([DYAD, "sentences", "--input", "text", one]) for _ in range(5))
        print(f"model load (parse minus sentences on a one-sentence input, best of 5): {(best - base) * 1000:.0f} ms")
        if "--train" in sys.argv:
            out = os.path.join(tmp, "model.bin")
            t = time.perf_counter()
            subprocess.run([DYAD, "train", "--train", os.path.join(EWT, "en_ewt-ud-train.conllu"),
                            "--dev", os.path.join(EWT, "en_ewt-ud-dev.conllu"), "--unlabeled", NEWS,
                            "--out", out], check=True, stderr=subprocess.DEVNULL)
            print(f"training time: {time.perf_counter() - t:.0f} s wall clock "
                  f"({os.cpu_count()} cores), model {os.path.getsize(out) / 1e6:.1f} MB")


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
