"""A bounded mixed load on `entente serve` over loopback: reader threads cycling through the
dashboard's and the API's routes while one writer creates a record through the API every
WRITE_EVERY seconds (each write moves the store's generation, so the next reads are computed
afresh). Counts every answer that is not the expected status as an error and prints the
latency percentiles per route kind. Not a test: `python3 bench/web/mixed.py ENTENTE [SECONDS]`.

Uses only the standard library (one keep-alive connection per thread)."""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

entente = sys.argv[1]
duration = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
READERS = int(os.environ.get("READERS", "8"))
WRITE_EVERY = float(os.environ.get("WRITE_EVERY", "0.05"))
TOKEN = "mixed-token"
READS = [
    "/api/v1/dyads/FRA/KAZ",
    "/dyad/FRA/KAZ",
    "/api/v1/dyads/FRA/KAZ/timeline.csv",
    "/api/v1/records?q=Alliance&kind=event",
    "/country/KAZ",
    "/review",
    "/api/v1/candidates?state=all",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


data = tempfile.mkdtemp(prefix="entente-mixed-")
port = free_port()
server = subprocess.Popen([entente, "--data", data, "serve", "--addr", f"127.0.0.1:{port}", "--token", TOKEN],
                          stderr=subprocess.DEVNULL)
lock = threading.Lock()
latencies = {}
errors = []
stop = time.monotonic() + 3600


def record(kind, seconds, status, expected):
    with lock:
        latencies.setdefault(kind, []).append(seconds * 1000)
        if status != expected:
            errors.append((kind, status))


def connection():
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def reader(offset):
    conn = connection()
    i = offset
    while time.monotonic() < stop:
        path = READS[i % len(READS)]
        i += 1
        t = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            record("read " + path, time.perf_counter() - t, r.status, 200)
        except OSError as e:
            record("read " + path, time.perf_counter() - t, repr(e), 200)
            conn = connection()


def writer():
    conn = connection()
    n = 0
    while time.monotonic() < stop:
        n += 1
        body = json.dumps({"dataset": "mixed-load", "kind": "event", "record": {
            "id": f"mixed-{n}", "kind": "exhibition", "title": {"en": f"Load test exhibition {n}"}, "date": "2021-05",
            "domains": ["arts"], "status": "held", "host": "KAZ", "projecting": ["FRA"],
            "sources": [{"source": "kussainova-2021", "locator": "p. 3"}]}})
        t = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/records", body,
                         {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            record("write POST /api/v1/records", time.perf_counter() - t, r.status, 201)
        except OSError as e:
            record("write POST /api/v1/records", time.perf_counter() - t, repr(e), 201)
            conn = connection()
        time.sleep(WRITE_EVERY)


try:
    for _ in range(600):
        try:
            c = connection()
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.1)
    # Warm up: the bundled data is loaded on first use and every view computed once.
    for path in READS:
        c = connection()
        c.request("GET", path)
        c.getresponse().read()
    stop = time.monotonic() + duration
    threads = [threading.Thread(target=reader, args=(k,)) for k in range(READERS)] + [threading.Thread(target=writer)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(data, ignore_errors=True)

rows = []
for kind, values in sorted(latencies.items()):
    rows.append({"route": kind, "requests": len(values), "p50_ms": percentile(values, 50),
                 "p99_ms": percentile(values, 99), "max_ms": max(values)})
every = [v for values in latencies.values() for v in values]
summary = {"seconds": round(elapsed, 1), "readers": READERS, "write_every_s": WRITE_EVERY, "cores": os.cpu_count(),
           "requests": len(every), "errors": len(errors), "error_samples": errors[:5],
           "p50_ms": percentile(every, 50), "p99_ms": percentile(every, 99), "routes": rows}
print(json.dumps(summary, indent=1))
print()
print("| route | requests | p50 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['route']} | {r['requests']} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} |")
print(f"\n{len(every)} requests in {elapsed:.1f} s, {len(errors)} errors; all: p50 {summary['p50_ms']:.1f} ms, "
      f"p99 {summary['p99_ms']:.1f} ms")
sys.exit(1 if errors else 0)
