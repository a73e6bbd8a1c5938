"""Runs the GDELT benchmark: entente against DuckDB on the same rows, same machine, same run.

(a) import: the real files, then the files repeated to >= 10M rows, into Parquet;
    entente from the zips and from plain CSV, DuckDB from plain CSV (it cannot read zip);
    beside them, `unzip -p` alone on the zips.
(b) the dyad series query over entente's Parquet parts, timed in process for both: entente
    (`entente series --repeat 7`, after its session is built) against DuckDB over the same files.
Peak memory is each process's maximum resident set size (os.wait4)."""

import json
import os
import shutil
import subprocess
import sys
import time

ENTENTE, WORK, REAL, THREADS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
PY = sys.executable
HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, stdout=subprocess.PIPE, env=None):
    """Runs cmd; returns (seconds, peak RSS in MB, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    out = p.stdout.read() if stdout == subprocess.PIPE else b""
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode()}")
    return seconds, usage.ru_maxrss / 1024, out


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def warm(folder):
    """Reads the inputs once so that every timed run finds them in the page cache."""
    subprocess.run(["bash", "-c", f"find {folder} -type f -exec cat {{}} + > /dev/null"], check=True)


def entente_import(name, source, mode="concat"):
    warm(source)
    data = os.path.join(WORK, f"data-{name}")
    shutil.rmtree(data, ignore_errors=True)
    run([ENTENTE, "--data", data, "datasets"])  # the store's first fill is not timed
    secs, rss, out = run([ENTENTE, "--data", data, "import", "gdelt", source, "--threads", str(THREADS), "--no-compact",
                          "--format", "json"])
    s = json.loads(out)
    result = {"seconds": secs, "peak_mb": rss, "rows": s["rows_stored"], "rejected": s["rows_rejected"],
              "mb_csv": s["bytes_uncompressed"] / 1e6, "parts": s["parts_written"]}
    csecs, crss, cout = run([ENTENTE, "--data", data, "compact", "gdelt", "--mode", mode, "--format", "json"])
    c = json.loads(cout)
    result["compact"] = {"seconds": csecs, "peak_mb": crss, "parts_after": c["parts_after"], "mode": mode}
    result["parquet_mb"] = dir_bytes(os.path.join(data, "gdelt")) / 1e6
    return data, result


def duckdb_import(name, csv_dir):
    warm(csv_dir)
    out = os.path.join(WORK, f"duckdb-{name}.parquet")
    if os.path.exists(out):
        os.remove(out)
    secs, rss, stdout = run([PY, os.path.join(HERE, "peer_duckdb.py"), "--threads", str(THREADS), "import",
                             os.path.join(csv_dir, "*.CSV"), out])
    r = json.loads(stdout)
    return {"seconds": secs, "engine_seconds": r["seconds"], "peak_mb": rss, "rows": r["rows"],
            "parquet_mb": os.path.getsize(out) / 1e6, "duckdb": r["duckdb_version"]}


def unzip_all(zip_dir, parallel):
    warm(zip_dir)
    files = sorted(os.path.join(zip_dir, f) for f in os.listdir(zip_dir) if f.endswith(".zip"))
    t0 = time.perf_counter()
    if parallel:
        cmd = f"printf '%s\\n' {zip_dir}/*.zip | xargs -P {THREADS} -n 64 sh -c 'for f; do unzip -p \"$f\"; done' _ > /dev/null"
    else:
        cmd = f"for f in {zip_dir}/*.zip; do unzip -p \"$f\"; done > /dev/null"
    subprocess.run(["bash", "-c", cmd], check=True)
    return {"seconds": time.perf_counter() - t0, "files": len(files)}


results = {"threads": THREADS, "cpus": os.cpu_count()}
# Inputs: the real files as they are (zips and one plain CSV), a plain-CSV copy of them, and
# the repeated set.
real_csv = os.path.join(WORK, "real-csv")
if not os.path.exists(real_csv):
    subprocess.run([PY, os.path.join(HERE, "make_copies.py"), REAL, os.path.join(WORK, "real-copy"), "--rows", "1"], check=True)
    os.rename(os.path.join(WORK, "real-copy", "csv"), real_csv)
big = os.path.join(WORK, "big")
if not os.path.exists(os.path.join(big, "zip")):
    subprocess.run([PY, os.path.join(HERE, "make_copies.py"), REAL, big, "--rows", "10000000"], check=True)

ROUNDS = int(os.environ.get("ROUNDS", "3"))


def median_run(runs):
    """The run with the median total time (import and compaction) of several rounds."""
    total = lambda r: r["seconds"] + r.get("compact", {}).get("seconds", 0)
    ordered = sorted(runs, key=total)
    chosen = dict(ordered[len(ordered) // 2])
    chosen["rounds_seconds"] = [round(total(r), 2) for r in runs]
    return chosen


# Each round runs every configuration once, in turn, so a busy moment of a shared machine
# falls on all of them alike; each figure is the median of the rounds.
for size, zips, csvs in (("real", REAL, real_csv), ("big", os.path.join(big, "zip"), os.path.join(big, "csv"))):
    runs = {"entente_zip": [], "entente_csv": [], "entente_csv_sort": [], "duckdb_csv": []}
    for r in range(ROUNDS):
        print(f"# import: {size}, round {r + 1} of {ROUNDS}", file=sys.stderr)
        data_zip, res = entente_import(f"{size}-zip", zips)
        runs["entente_zip"].append(res)
        data_csv, res = entente_import(f"{size}-csv", csvs)
        runs["entente_csv"].append(res)
        data_sort, res = entente_import(f"{size}-csv-sort", csvs, mode="sort")
        runs["entente_csv_sort"].append(res)
        runs["duckdb_csv"].append(duckdb_import(size, csvs))
    for key, rs in runs.items():
        results[f"{size}_{key}"] = median_run(rs)
    if size == "big":
        big_data, big_sorted = data_zip, data_sort

print("# import: unzip alone", file=sys.stderr)
results["big_unzip_sequential"] = unzip_all(os.path.join(big, "zip"), parallel=False)
results["big_unzip_parallel"] = unzip_all(os.path.join(big, "zip"), parallel=True)

print("# series query over entente's Parquet", file=sys.stderr)
for (layout, data), dyad in [((l, d), y) for l, d in (("concat", big_data), ("sort", big_sorted)) for y in ("FRA-KAZ", "USA-CHN")]:
    a, b = dyad.split("-")
    _, _, sql = run([ENTENTE, "--data", data, "series", a, b, "--show-sql", "--format", "json"])
    sql_file = os.path.join(WORK, f"series-{dyad}-{layout}.json")
    open(sql_file, "wb").write(sql)
    _, rss, out = run([PY, os.path.join(HERE, "peer_duckdb.py"), "--threads", str(THREADS), "query",
                       os.path.join(data, "gdelt/events/*/*.parquet"),
                       os.path.join(data, "gdelt/country_counts/*/*.parquet"), sql_file])
    duck = json.loads(out)
    duck["peak_mb"] = rss
    results[f"query_duckdb_{dyad}_{layout}"] = duck
for (layout, data), dyad in [((l, d), y) for l, d in (("concat", big_data), ("sort", big_sorted)) for y in ("FRA-KAZ", "USA-CHN")]:
    a, b = dyad.split("-")
    t0 = time.perf_counter()
    p = subprocess.run([ENTENTE, "--data", data, "series", a, b, "--repeat", "7", "--format", "json"],
                       capture_output=True, check=True)
    timing = json.loads(p.stderr.decode().strip().splitlines()[-1])
    rows = json.loads(p.stdout)
    timing["dyad_events"] = sum(r["events"] for r in rows)
    a_rows = [r for r in rows if r["direction"] == "A>B"]
    timing["involving"] = [sum(r["events_involving_a"] for r in a_rows), sum(r["events_involving_b"] for r in a_rows)]
    timing["rows_stored"] = sum(json.loads(subprocess.run(
        [ENTENTE, "--data", data, "query", "SELECT count(*) FROM gdelt_events", "--format", "json"],
        capture_output=True, check=True).stdout)["rows"][0])
    timing["process_seconds"] = time.perf_counter() - t0
    results[f"query_entente_{dyad}_{layout}"] = timing

json.dump(results, open(os.path.join(WORK, "results.json"), "w"), indent=2)

# The report.
def row(name, r, rows_key="rows"):
    rows = r.get(rows_key, 0)
    mb = r.get("mb_csv", 0)
    return f"| {name} | {r['seconds']:.2f} | {rows / r['seconds']:,.0f} | {mb / r['seconds']:.1f} | {r['peak_mb']:.0f} |"

def with_compaction(name, r):
    c = r["compact"]
    t = r["seconds"] + c["seconds"]
    return (f"| {name}, then compaction, {c['mode']} ({r['parts']} parts → {c['parts_after']}) | {t:.2f} | "
            f"{r['rows'] / t:,.0f} | {r['mb_csv'] / t:.1f} | {max(r['peak_mb'], c['peak_mb']):.0f} |")


print(f"Each figure is the median of {ROUNDS} rounds; in each round every configuration ran once, in turn.")
for size in ("real", "big"):
    e_zip, e_csv, e_sort, d_csv = (results[f"{size}_{k}"] for k in ("entente_zip", "entente_csv", "entente_csv_sort", "duckdb_csv"))
    d_csv["mb_csv"] = e_csv["mb_csv"]
    print(f"\n### Import, {'the 76 real files' if size == 'real' else 'the real files repeated'}: {e_csv['rows']:,} rows, {e_csv['mb_csv']:.0f} MB of CSV\n")
    print("| run | seconds | rows/s | MB/s (CSV) | peak MB |\n|---|---|---|---|---|")
    print(row("entente, from the zips", e_zip))
    print(row("entente, from plain CSV", e_csv))
    print(with_compaction("entente, from the zips", e_zip))
    print(with_compaction("entente, from plain CSV", e_csv))
    print(with_compaction("entente, from plain CSV", e_sort))
    print(row(f"DuckDB {d_csv['duckdb']}, from plain CSV", d_csv))
    both = lambda r: r["seconds"] + r["compact"]["seconds"]
    print(f"\nDuckDB / entente time (plain CSV): {d_csv['seconds'] / e_csv['seconds']:.2f}× import, "
          f"{d_csv['seconds'] / both(e_csv):.2f}× import and compaction (the default, concat), "
          f"{d_csv['seconds'] / both(e_sort):.2f}× with the sorted compaction "
          f"(above 1 means entente is faster). Rounds (s): entente {e_csv['rounds_seconds']}, sorted {e_sort['rounds_seconds']}, "
          f"DuckDB {d_csv['rounds_seconds']}. Parquet size: entente {e_csv['parquet_mb']:.0f} MB (concat), "
          f"{e_sort['parquet_mb']:.0f} MB (sort), DuckDB {d_csv['parquet_mb']:.0f} MB.")
    if size == "big":
        u, up = results["big_unzip_sequential"], results["big_unzip_parallel"]
        print(f"`unzip -p` alone on the zips: {u['seconds']:.2f} s sequential, {up['seconds']:.2f} s with {THREADS} processes; "
              f"entente from the zips / unzip sequential = {e_zip['seconds'] / u['seconds']:.2f}×, "
              f"/ unzip parallel = {e_zip['seconds'] / up['seconds']:.2f}×.")

print("\n### Dyad series (by month) over entente's compacted Parquet parts, both layouts\n")
print("| dyad | parts | entente median ms | DuckDB median ms | DuckDB / entente | same totals |\n|---|---|---|---|---|---|")
for layout in ("concat", "sort"):
    for dyad in ("FRA-KAZ", "USA-CHN"):
        e, d = results[f"query_entente_{dyad}_{layout}"], results[f"query_duckdb_{dyad}_{layout}"]
        same = e["dyad_events"] == d["dyad_events"] and e["involving"] == d["involving"]
        print(f"| {dyad} | {layout} | {e['median_ms']:.1f} | {d['median_ms']:.1f} | {d['median_ms'] / e['median_ms']:.2f}× | {same} ({e['dyad_events']} events) |")
for layout in ("concat", "sort"):
    e = results[f"query_entente_FRA-KAZ_{layout}"]
    print(f"\n{layout}: entente's session (manifest, Parquet footers) takes {e['session_ms']:.0f} ms once, the whole command {e['process_seconds']:.2f} s; "
          f"rows stored: {e['rows_stored']:,}.")
