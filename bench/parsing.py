#!/usr/bin/env python3
"""Tagger/parser benchmark for `dyad parse` (issues 3 and 15).

Prints, side by side in one run:
  - UPOS / UAS / LAS with gold tokens (../shared/tools/ud_eval.py) on UD English EWT dev and
    test and on the GUM Wikimedia (news, interview, bio, travel) dev and test documents;
  - a confusion report on GUM Wikimedia dev (the news-genre development set): the ten most
    frequent UPOS and XPOS confusions, and attachment errors (wrong head) per gold relation;
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
GUM = os.path.join(SHARED, "data", "ud-english-gum")
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
    sets = [(f"EWT {split}", os.path.join(EWT, f"en_ewt-ud-{split}.conllu")) for split in ("dev", "test")]
    sets += [(f"GUM Wikimedia {split}", os.path.join(GUM, f"en_gum-wikimedia-ud-{split}.conllu"))
             for split in ("dev", "test")]
    for label, path in sets:
        r = tool("ud_eval.py", DYAD, path)
        print(f"{label:18} (gold tokens, {r['words']:5} words): UPOS {r['upos']:.2f}  UAS {r['uas']:.2f}  LAS {r['las']:.2f}")
    confusion_report(os.path.join(GUM, "en_gum-wikimedia-ud-dev.conllu"))
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
            subprocess.run([DYAD, "train",
                            "--train", os.path.join(EWT, "en_ewt-ud-train.conllu"),
                            "--train", os.path.join(GUM, "en_gum-wikimedia-ud-train.conllu"),
                            "--dev", os.path.join(EWT, "en_ewt-ud-dev.conllu"),
                            "--dev", os.path.join(GUM, "en_gum-wikimedia-ud-dev.conllu"),
                            "--unlabeled", NEWS, "--out", out], check=True, stderr=subprocess.DEVNULL)
            print(f"training time: {time.perf_counter() - t:.0f} s wall clock "
                  f"({os.cpu_count()} cores), model {os.path.getsize(out) / 1e6:.1f} MB")


def read_words(text):
    """(form, upos, xpos, head, universal deprel) of every word of every sentence, in order."""
    out = []
    for block in text.split("\n\n"):
        words = []
        for line in block.splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                words.append((cols[1], cols[3], cols[4], cols[6], cols[7].split(":")[0]))
        if words:
            out.append(words)
    return out


def confusion_report(gold_path):
    """Where the errors are on the news development set: top-10 UPOS and XPOS confusions
    (gold -> predicted) and, per gold relation, how many words got a wrong head."""
    from collections import Counter
    run = subprocess.run([DYAD, "parse", "--input", "conllu", gold_path], capture_output=True,
                         text=True, check=True)
    gold = read_words(open(gold_path, encoding="utf-8").read())
    pred = read_words(run.stdout)
    if len(gold) != len(pred):
        sys.exit(f"confusion report: {len(gold)} gold sentences but {len(pred)} parsed")
    upos, xpos, rel_total, rel_wrong = Counter(), Counter(), Counter(), Counter()
    for gs, ps in zip(gold, pred):
        for g, p in zip(gs, ps):
            if g[1] != p[1]:
                upos[(g[1], p[1])] += 1
            if g[2] != p[2]:
                xpos[(g[2], p[2])] += 1
            rel_total[g[4]] += 1
            if g[3] != p[3]:
                rel_wrong[g[4]] += 1
    name = os.path.basename(gold_path)
    for label, conf in (("UPOS", upos), ("XPOS", xpos)):
        top = ", ".join(f"{g}->{p} {n}" for (g, p), n in conf.most_common(10))
        print(f"confusions, {name}, {label} (gold->predicted, count): {top}")
    worst = sorted(rel_wrong, key=lambda r: -rel_wrong[r])[:12]
    print(f"attachment errors per gold relation, {name} (wrong head / words, top 12 by count): " +
          ", ".join(f"{r} {rel_wrong[r]}/{rel_total[r]} ({100 * rel_wrong[r] / rel_total[r]:.0f}%)" for r in worst))


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
