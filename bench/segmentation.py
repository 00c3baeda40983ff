#!/usr/bin/env python3
"""Segmentation benchmark for `dyad sentences` (issues 2 and 15).

Prints, for UD English EWT dev and test and for the GUM Wikimedia (news, interview, bio,
travel) dev and test documents (raw text rebuilt from `# text` / `# newpar`), the sentence and
token F1 computed by the shared scorer (../shared/tools/seg_eval.py), and the throughput of
`dyad sentences` in MB/s of input on one thread over the Reuters news sample. GUM test is the
news-genre figure with a target (sentence F1 >= 0.96, token F1 >= 0.995); EWT has none.

usage: bench/segmentation.py [DYAD_BINARY]   (default: target/release/dyad, built if missing)
"""
import json, os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def main():
    dyad = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "release", "dyad")
    if len(sys.argv) == 1:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    data = os.path.join(SHARED, "data")
    sets = [(f"EWT {split:4}", os.path.join(data, "ud-english-ewt", f"en_ewt-ud-{split}.conllu"))
            for split in ("dev", "test")]
    sets += [(f"GUM Wikimedia {split:4}",
              os.path.join(data, "ud-english-gum", f"en_gum-wikimedia-ud-{split}.conllu"))
             for split in ("dev", "test")]
    for label, path in sets:
        out = subprocess.run([sys.executable, os.path.join(SHARED, "tools", "seg_eval.py"), dyad, path],
                             capture_output=True, text=True, check=True)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{label}: sentence F1 {res['sentence_f1']:.4f}  token F1 {res['token_f1']:.4f}"
              f"  (gold {res['gold_sentences']} sentences, predicted {res['pred_sentences']})")
    news = os.path.join(SHARED, "data", "news", "reuters21578-1mb.jsonl")
    size = os.path.getsize(news)
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    best = None
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", dyad, "sentences", news], stdout=subprocess.DEVNULL,
                       env=env, check=True)
        dt = time.perf_counter() - t
        best = dt if best is None or dt < best else best
    print(f"throughput: {size / 1e6:.2f} MB in {best * 1000:.1f} ms = {size / 1e6 / best:.1f} MB/s "
          f"(dyad sentences, one thread, best of 5, whole process incl. JSON output)")


if __name__ == "__main__":
    main()
