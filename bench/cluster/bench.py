"""Times the same statements on the local engine and on a loopback Ballista cluster.

Each round runs every case once on each engine, alternating which goes first, so drift in the
machine's load falls on both. A series is timed in process by `entente series --repeat`
(the median of its runs, the session built once before them); a query by the `elapsed_ms`
that `entente query` reports (planning and running, not opening the store).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time

entente, bench_dir, real, rounds, profile = sys.argv[1:6]
rounds = int(rounds)
data = os.path.join(bench_dir, "data")
shutil.rmtree(bench_dir, ignore_errors=True)
os.makedirs(bench_dir)


def run(*args):
    out = subprocess.run([entente, "--data", data, *args], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        sys.exit(f"entente {args}: {out.stderr}")
    return out


run("import", "gdelt", real, "--format", "json")

procs = []
try:
    scheduler = subprocess.Popen([entente, "cluster", "scheduler", "--bind", "127.0.0.1:0"],
                                 stdout=subprocess.PIPE, text=True)
    procs.append(scheduler)
    address = scheduler.stdout.readline().strip().removeprefix("listening on ")
    for i, port in enumerate([51551, 51553]):
        work = os.path.join(bench_dir, f"executor-{i}")
        procs.append(subprocess.Popen([entente, "cluster", "executor", "--bind", f"127.0.0.1:{port}",
                                       "--scheduler", address, "--work-dir", work],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(3)
    engines = {"local": "local", "cluster": f"ballista://{address}"}

    def series(engine, a, b):
        out = run("series", a, b, "--format", "json", "--repeat", "5", "--engine", engine)
        timing = json.loads(out.stderr.strip().splitlines()[-1])
        return timing["median_ms"]

    def query(engine, sql):
        out = run("query", sql, "--format", "json", "--max-rows", "100000", "--engine", engine)
        return json.loads(out.stdout)["elapsed_ms"]

    cases = {
        "series FRA-KAZ by month": lambda e: series(e, "FRA", "KAZ"),
        "series USA-CHN by month": lambda e: series(e, "USA", "CHN"),
        "query: events per actor pair (full scan, group by)": lambda e: query(
            e, "SELECT actor1_iso3, actor2_iso3, count(*) AS n FROM gdelt_events GROUP BY 1, 2 ORDER BY n DESC"),
        "query: events per file (join with the manifest)": lambda e: query(
            e, "SELECT f.name, count(*) AS n FROM gdelt_events e JOIN gdelt_files f ON e.source_file = f.id GROUP BY f.name"),
    }
    times = {case: {name: [] for name in engines} for case in cases}
    for r in range(rounds):
        order = list(engines.items()) if r % 2 == 0 else list(reversed(engines.items()))
        for case, f in cases.items():
            for name, engine in order:
                times[case][name].append(f(engine))
    rows = []
    for case, by in times.items():
        local, cluster = statistics.median(by["local"]), statistics.median(by["cluster"])
        rows.append({"case": case, "local_ms": local, "cluster_ms": cluster,
                     "runs_local": by["local"], "runs_cluster": by["cluster"]})
        print(f"{case}: local {local:.1f} ms, cluster {cluster:.1f} ms (medians of {rounds} rounds, {profile} build)")
    with open(os.path.join(bench_dir, "results.json"), "w") as f:
        json.dump({"profile": profile, "rounds": rounds, "rows": rows}, f, indent=1)
finally:
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=30)
