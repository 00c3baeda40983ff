#!/usr/bin/env python3
"""Hostile inputs for dyad's readers (issue 20): time, peak RSS and what dyad printed.

Each case is generated into a temporary folder (nothing is kept) and run once through the
release binary with a time limit; the line printed gives the wall time, the process's peak
resident memory (from wait4), its exit status, and the last line it wrote to stderr. A case
that runs past the limit is killed and reported as a HANG.

Cases: a 100 MB text file of one line without a full stop; a 100 MB JSONL line; HTML nested
10^5 elements deep; a gzip bomb inside a .warc.gz (a response record that inflates to 4 GiB);
NUL bytes in text and JSONL; invalid UTF-8 in text, HTML, JSONL, CoNLL-U and a dictionary;
a sentence of 10^5 tokens; a dictionary line of 1 MB.

usage: bench/hostile.py [--limit 120] [CASE...]
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, time, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
DYAD = os.path.join(TARGET, "release", "dyad")
PETRARCH = os.path.join(ROOT, "..", "shared", "data", "petrarch2")
SENTENCE = "Rebels attacked a police post near the border and officials condemned the raid"


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def long_line(tmp):
    words = (SENTENCE + " ").encode()
    n = 100 * 1024 * 1024 // len(words)
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "line.txt"), words * n)]


def long_jsonl(tmp):
    text = (SENTENCE + ". ") * (100 * 1024 * 1024 // (len(SENTENCE) + 2))
    line = json.dumps({"id": "big", "date": "2024-01-01", "text": text}).encode()
    ok = json.dumps({"id": "small", "date": "2024-01-01", "text": SENTENCE + "."}).encode()
    return ["code", write(os.path.join(tmp, "big.jsonl"), line + b"\n" + ok + b"\n")]


def deep_html(tmp):
    depth = 100_000
    page = (b"<html><body>" + b"<div>" * depth + b"<p>" + SENTENCE.encode() + b".</p>"
            + b"</div>" * depth + b"</body></html>")
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "deep.html"), page)]


def warc_bomb(tmp):
    """A .warc.gz whose one response record inflates to 4 GiB of an HTML page's padding."""
    size = 4 * 1024 ** 3
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>"
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.invalid/\r\n"
            b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http;msgtype=response"
            b"\r\nContent-Length: " + str(size).encode() + b"\r\n\r\n")
    path = os.path.join(tmp, "bomb.warc.gz")
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path, "wb") as f:
        f.write(comp.compress(warc + head))
        block = b" " * (16 * 1024 * 1024)
        left = size - len(head)
        while left > 0:
            piece = block[: min(left, len(block))]
            f.write(comp.compress(piece))
            left -= len(piece)
        f.write(comp.compress(b"\r\n\r\n"))
        f.write(comp.flush())
    # WARC files are read by `dyad ingest` (a crawl goes into a store)
    return ["ingest", "--db", os.path.join(tmp, "bomb.db"), path]


def nul_text(tmp):
    data = (SENTENCE + ".\0\0 " + SENTENCE.replace(" ", "\0 ") + ".\n").encode()
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "nul.txt"), data * 1000)]


def nul_jsonl(tmp):
    line = json.dumps({"id": "n\u0000ul", "date": "2024-01-01", "text": SENTENCE + "\u0000."})
    return ["code", write(os.path.join(tmp, "nul.jsonl"), (line + "\n").encode() + b"\0\0\0\n")]


BAD = b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc"


def bad_utf8_text(tmp):
    data = (SENTENCE.encode() + BAD + b". " + BAD + SENTENCE.encode() + b".\n") * 1000
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "bad.txt"), data)]


def bad_utf8_html(tmp):
    data = b"<html><head><title>" + BAD + b"</title></head><body><p>" + SENTENCE.encode() \
        + BAD + b".</p></body></html>"
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "bad.html"), data)]


def bad_utf8_jsonl(tmp):
    good = json.dumps({"id": "a", "date": "2024-01-01", "text": SENTENCE + "."}).encode()
    bad = b'{"id": "b", "date": "2024-01-01", "text": "' + BAD + b'"}'
    return ["code", write(os.path.join(tmp, "bad.jsonl"), good + b"\n" + bad + b"\n" + good + b"\n")]


def bad_utf8_conllu(tmp):
    data = (b"# text = x\n1\t" + BAD + b"\t_\tNOUN\tNN\t_\t0\troot\t_\t_\n\n")
    return ["parse", "--input", "conllu", write(os.path.join(tmp, "bad.conllu"), data)]


def dictionary_dir(tmp, name, verbs_extra):
    """A copy of the PETRARCH dictionary folder with `verbs_extra` added to its verbs file."""
    out = os.path.join(tmp, name)
    os.mkdir(out)
    for f in os.listdir(PETRARCH):
        src = os.path.join(PETRARCH, f)
        if not os.path.isfile(src):
            continue
        data = open(src, "rb").read()
        if "verb" in f.lower() and f.lower().endswith(".txt"):
            data = data + b"\n" + verbs_extra + b"\n"
        write(os.path.join(out, f), data)
    return out


def bad_utf8_dictionary(tmp):
    d = dictionary_dir(tmp, "dict-bad", b"- " + BAD + b" * SHELL [190]")
    text = write(os.path.join(tmp, "one.txt"), (SENTENCE + ".\n").encode())
    return ["code", "--date", "2024-01-01", "--dictionaries", d, text]


def long_dictionary_line(tmp):
    d = dictionary_dir(tmp, "dict-long", b"- " + b"WORD " * (1024 * 1024 // 5) + b"[190]")
    text = write(os.path.join(tmp, "one.txt"), (SENTENCE + ".\n").encode())
    return ["code", "--date", "2024-01-01", "--dictionaries", d, text]


def long_sentence(tmp):
    words = ("rebels attacked police posts and " * 20_000).encode()  # 10^5 tokens
    return ["code", "--date", "2024-01-01", write(os.path.join(tmp, "sentence.txt"), words + b".\n")]


CASES = {
    "line-100mb": long_line,
    "jsonl-line-100mb": long_jsonl,
    "html-nested-1e5": deep_html,
    "warc-gzip-bomb-4gib": warc_bomb,
    "nul-text": nul_text,
    "nul-jsonl": nul_jsonl,
    "utf8-text": bad_utf8_text,
    "utf8-html": bad_utf8_html,
    "utf8-jsonl": bad_utf8_jsonl,
    "utf8-conllu": bad_utf8_conllu,
    "utf8-dictionary": bad_utf8_dictionary,
    "sentence-1e5-tokens": long_sentence,
    "dictionary-line-1mb": long_dictionary_line,
}


def run(args, limit):
    t = time.perf_counter()
    err = tempfile.TemporaryFile()
    # A preexec_fn makes Popen fork instead of vfork: a vforked child's peak RSS would start
    # at this process's own peak (the generated 100 MB inputs), not at dyad's.
    p = subprocess.Popen([DYAD, *args], stdout=subprocess.PIPE, stderr=err,
                         preexec_fn=lambda: None)
    events = 0
    deadline = t + limit
    # Read the events as they come (a pipe left full would stall dyad).
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    hung = False
    while True:
        if time.perf_counter() > deadline:
            p.kill()
            hung = True
            break
        if sel.select(timeout=0.5):
            chunk = p.stdout.read1(1 << 16)
            if not chunk:
                break
            events += chunk.count(b"\n")
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t
    err.seek(0)
    lines = [l for l in err.read().decode("utf-8", "replace").splitlines() if l.strip()]
    code = os.waitstatus_to_exitcode(status)
    return dt, usage.ru_maxrss / 1024, code, events, lines, hung


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=float, default=120)
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args()
    if not os.path.exists(DYAD):
        sys.exit(f"{DYAD} not found: run `cargo build --release -p dyad-cli` first")
    for name in args.cases or CASES:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = CASES[name](tmp)
            size = sum(os.path.getsize(a) for a in cmd if isinstance(a, str) and os.path.isfile(a))
            dt, rss, code, out, lines, hung = run(cmd, args.limit)
            shown = [l.replace(tmp, "$TMP") for l in lines]
            last = shown[-1] if shown else "(nothing)"
            verdict = "HANG (killed)" if hung else f"exit {code}"
            print(f"{name:22} {size / 1e6:9.1f} MB in  {dt:7.1f} s  peak RSS {rss:8.1f} MB  "
                  f"{verdict}, {out} lines out, {len(lines)} on stderr; last: {last[:300]}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
