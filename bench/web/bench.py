"""Drives the web load benchmark: a fresh data folder with the bundled data and the real
GDELT sample, `entente serve`, wrk at 64 connections on each route, and the static peer.
Answers are kept until the store changes, so wrk measures kept answers; the cold time of
each route (computed afresh, as after any write) is measured separately by writing a record
through the API before each request. Prints a Markdown table and writes web-results.json."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

entente, bench_dir, real, duration = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
CONNECTIONS, THREADS = 64, 2


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url):
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def wrk(url):
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout

    def ms(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "url": url,
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms("50"),
        "p99_ms": ms("99"),
        "errors": (int(non2xx.group(1)) if non2xx else 0)
        + (sum(int(x) for x in socket_errors.groups()) if socket_errors else 0),
        "raw": out,
    }


data = os.path.join(bench_dir, "web-data")
shutil.rmtree(data, ignore_errors=True)
files = sorted(os.path.join(d, f) for d, _, names in os.walk(real) for f in names if ".export." in f)
subprocess.run([entente, "--data", data, "import", "gdelt", real], check=True, capture_output=True)
port = free_port()
TOKEN = "bench-token"
server = subprocess.Popen([entente, "--data", data, "serve", "--addr", f"127.0.0.1:{port}", "--token", TOKEN],
                          stderr=subprocess.DEVNULL)
base = f"http://127.0.0.1:{port}"
results = {"connections": CONNECTIONS, "wrk_threads": THREADS, "duration_s": duration,
           "cores": os.cpu_count(), "gdelt_files": len(files), "routes": []}
COLD_RUNS = 20


def bump(i):
    """Writes a record through the API, which moves the store's generation."""
    record = {"id": "bench-note", "kind": "web_page", "title": f"Bench note {i}",
              "url": "https://example.org/bench", "accessed": "2026-11-27"}
    body = {"dataset": "bench", "kind": "source", "record": record}
    method = "POST" if i == 0 else "PUT"
    url = base + ("/api/v1/records" if i == 0 else "/api/v1/records/bench-note")
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method=method,
                                 headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status in (200, 201), r.status


def cold_ms(url):
    """Median and worst time of a request computed afresh, one client."""
    times = []
    for _ in range(COLD_RUNS):
        bump(len(bumps))
        bumps.append(1)
        start = time.perf_counter()
        with urllib.request.urlopen(url) as r:
            r.read()
            assert r.headers.get("x-entente-cache") == "miss", r.headers.get("x-entente-cache")
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[-1]


bumps = []
try:
    wait_up(base + "/health")
    routes = [
        "/api/v1/dyads/FRA/KAZ",
        "/dyad/FRA/KAZ",
        "/api/v1/dyads/FRA/KAZ/series",
        "/api/v1/dyads/FRA/KAZ/timeline.csv",
        "/api/v1/records?q=Alliance&kind=event",
        "/country/KAZ",
    ]
    for route in routes:
        with urllib.request.urlopen(base + route) as r:
            size = len(r.read())
        wrk(base + route)  # warm-up run, discarded: caches, connection pools, page cache
        result = wrk(base + route)
        result["bytes"] = size
        result["cold_p50_ms"], result["cold_max_ms"] = cold_ms(base + route)
        results["routes"].append(result)
    with urllib.request.urlopen(base + "/api/v1/dyads/FRA/KAZ") as r:
        body = r.read()
finally:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)

# The peer: the same JSON bytes as a static file.
static = os.path.join(bench_dir, "web-static")
os.makedirs(static, exist_ok=True)
with open(os.path.join(static, "dyad.json"), "wb") as f:
    f.write(body)


class Quiet(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *a, **k):
        super().__init__(*a, directory=static, **k)

    def log_message(self, *a):
        pass


peer = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
threading.Thread(target=peer.serve_forever, daemon=True).start()
peer_url = f"http://127.0.0.1:{peer.server_address[1]}/dyad.json"
wrk(peer_url)
results["peer"] = wrk(peer_url)
results["peer"]["bytes"] = len(body)
peer.shutdown()

print("| route | bytes | req/s | p50 ms | p99 ms | errors | cold p50 ms | cold max ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in results["routes"] + [dict(results["peer"], url="peer: Python http.server, static dyad.json")]:
    name = r["url"].replace(base, "")
    cold = f"{r['cold_p50_ms']:.1f} | {r['cold_max_ms']:.1f}" if "cold_p50_ms" in r else "– | –"
    print(f"| {name} | {r['bytes']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {cold} |")
with open(os.path.join(bench_dir, "web-results.json"), "w") as f:
    json.dump(results, f, indent=1)
