#!/usr/bin/env python3
"""Load and first-load benchmark for `dyad serve` (issue 18) on the 1,000,000-event
synthetic store (bench/out/, generated once as by bench/store.py).

Prints:
- wrk on loopback against a filtered events query
  (`/api/events?dyad=USA-IRQ&from=2020-01-01&to=2020-03-31&limit=100`, 100 events of ~0.7 kB
  each): requests/s and latency p50/p90/p99, for 10 s after a 2 s warm-up, wrk and the server
  sharing the machine's cores;
- the wall time of each API call the page makes on its first load, one at a time;
- the page's first load in headless Chromium (a fresh profile each time, so nothing cached):
  from navigation until the timeline, chart and alerts are drawn, with no filters and with
  `dyad=USA-IRQ`, best and median of 3, and when each API answer arrived.

Needs wrk (Debian's package; installed with apt-get when missing) and Chromium with
playwright-core (.ci/install-browser).

usage: bench/serve.py [--events N] [--connections C] [--seconds S]
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from store import ROOT, synthetic_store, target_dir  # noqa: E402

QUERY = "/api/events?dyad=USA-IRQ&from=2020-01-01&to=2020-03-31&limit=100"
PAGE_CALLS = ["/api/events?limit=100&offset=0", "/api/series?by=week", "/api/alerts?by=week",
              "/api/actors?limit=12"]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package) ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, env=env, stdout=sys.stderr)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "wrk"], check=True, env=env,
                   stdout=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(dyad, db):
    port = free_port()
    proc = subprocess.Popen([dyad, "serve", "--db", db, "--bind", f"127.0.0.1:{port}"],
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    if "http://" not in line:
        proc.kill()
        sys.exit(f"dyad serve did not start: {line}")
    return proc, f"http://127.0.0.1:{port}"


def get_ms(url):
    t = time.perf_counter()
    with urllib.request.urlopen(url) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, len(body)


def wrk(base, connections, seconds):
    url = base + QUERY
    subprocess.run(["wrk", "-t1", f"-c{connections}", "-d2s", url], capture_output=True, check=True)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1) for p in ("50", "90", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rps, lat, errors.group(1) if errors else "0", socket_errors.group(1) if socket_errors else "none"


def page_loads(base, queries, runs=3):
    script = os.path.join(ROOT, "bench", "page_load.mjs")
    results = {}
    for q in queries:
        times, last = [], None
        for _ in range(runs):
            out = subprocess.run(["node", script, base + "/", q], capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"page load failed: {out.stderr[-2000:]}")
            last = json.loads(out.stdout)[0]
            times.append(last["ms"])
        results[q] = (min(times), statistics.median(times), last)
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "dyad-cli"], cwd=ROOT, check=True)
    dyad = os.path.join(target_dir(), "release", "dyad")
    db = synthetic_store(args.events)
    ensure_wrk()
    subprocess.run([os.path.join(ROOT, ".ci", "install-browser")], check=True, stdout=sys.stderr)
    proc, base = start_server(dyad, db)
    try:
        rps, lat, bad, sock = wrk(base, args.connections, args.seconds)
        print(f"load     : wrk -t1 -c{args.connections} {args.seconds} s on {QUERY} ({args.events} "
              f"events, {os.cpu_count()} cores shared by wrk and the server): {rps:,.0f} requests/s, "
              f"p50 {lat['50']}, p90 {lat['90']}, p99 {lat['99']}; non-2xx {bad}, socket errors {sock}")
        for call in PAGE_CALLS + ["/api/series?by=week&dyad=USA-IRQ", "/api/alerts?by=week&dyad=USA-IRQ"]:
            ms = sorted(get_ms(base + call)[0] for _ in range(3))
            print(f"api      : {call:<40} {ms[1]:6.0f} ms (median of 3, one at a time)")
        for q, (best, median, last) in page_loads(base, ["", "dyad=USA-IRQ"]).items():
            arrivals = ", ".join(f"{p.split('/')[-1]} {end} ms" for p, _, end in last["resources"]
                                 if p.startswith("/api/"))
            print(f"page     : first load of /{'?' + q if q else ''} in headless Chromium (fresh "
                  f"profile): best {best} ms, median {median} ms of 3; API answers at {arrivals}")
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
