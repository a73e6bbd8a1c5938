#!/usr/bin/env bash
# The index benchmark: entente's Monte Carlo uncertainty analysis (10,000 draws, 50 partners,
# the shipped configuration's 14 indicators, one thread) against the same computation in
# NumPy, on the same inputs, interleaved over $ROUNDS rounds. Not a test: it takes a minute.
#
#   bash bench/index/run.sh            # a table and a JSON summary on stdout
#
# Each process times its own computation (the median of 5 in-process repetitions after one
# warm-up) and /usr/bin/time measures the whole process (wall time, peak resident memory).
# Also checks that NumPy finds entente's nominal ranks under every normalisation and
# aggregation, on the 50-partner matrix and on a small 8-partner one.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=${BENCH_DIR:-/tmp/entente-bench-index}
ROUNDS=${ROUNDS:-5}
DRAWS=${DRAWS:-10000}
mkdir -p "$BENCH_DIR"

# NumPy: the system's if it has one, else a venv of our own.
PY=python3
if ! python3 -c 'import numpy' 2>/dev/null; then
  if [ ! -x "$BENCH_DIR/venv/bin/python" ]; then
    python3 -m venv "$BENCH_DIR/venv"
  fi
  if ! "$BENCH_DIR/venv/bin/python" -c 'import numpy' 2>/dev/null; then
    "$BENCH_DIR/venv/bin/pip" install -q numpy==2.4.6
  fi
  PY="$BENCH_DIR/venv/bin/python"
fi

# The bench binary, built in release (the bench profile).
BIN=$(cargo bench -p entente-index --bench montecarlo --no-run --message-format=json 2>/dev/null |
  "$PY" -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "montecarlo" and m.get("executable"):
        print(m["executable"])
')
[ -x "$BIN" ] || { echo "bench binary not found" >&2; exit 1; }

IN="$BENCH_DIR/input.json"
: >"$BENCH_DIR/runs.jsonl"
for round in $(seq 1 "$ROUNDS"); do
  /usr/bin/time -v -o "$BENCH_DIR/time-entente.txt" "$BIN" "$IN" --draws "$DRAWS" >"$BENCH_DIR/entente.json"
  /usr/bin/time -v -o "$BENCH_DIR/time-numpy.txt" "$PY" bench/index/peer.py "$IN" >"$BENCH_DIR/numpy.json"
  for tool in entente numpy; do
    "$PY" - "$BENCH_DIR/$tool.json" "$BENCH_DIR/time-$tool.txt" "$round" >>"$BENCH_DIR/runs.jsonl" <<'EOF'
import json, sys
line = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
for row in open(sys.argv[2]):
    row = row.strip()
    if row.startswith("Elapsed (wall clock) time"):
        parts = row.rsplit(" ", 1)[1].split(":")
        line["process_s"] = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
    elif row.startswith("Maximum resident set size"):
        line["peak_mb"] = int(row.rsplit(" ", 1)[1]) / 1024
line["round"] = int(sys.argv[3])
print(json.dumps(line))
EOF
  done
done

"$PY" - "$BENCH_DIR/runs.jsonl" <<'EOF'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
by = {t: [r for r in runs if r["tool"] == t] for t in ("entente", "numpy")}
med = lambda t, k: statistics.median(r[k] for r in by[t])
print(f"{'tool':8} {'compute ms (median)':>20} {'process s (median)':>19} {'peak MB (median)':>17}")
for t in ("entente", "numpy"):
    print(f"{t:8} {med(t, 'median_s') * 1000:20.1f} {med(t, 'process_s'):19.2f} {med(t, 'peak_mb'):17.1f}")
ratio = med("numpy", "median_s") / med("entente", "median_s")
process_ratio = med("numpy", "process_s") / med("entente", "process_s")
match = all(r["nominal_ranks_match"] for r in by["numpy"])
print(f"NumPy / entente: {ratio:.2f}x compute, {process_ratio:.2f}x process (above 1: entente faster)")
print(f"nominal ranks match (50 and 8 partners, 6 choices each): {match}")
last = by["numpy"][-1]
if "median_rank_mean_abs_diff" in last:
    print(f"median ranks, mean |entente - NumPy| (different random numbers): {last['median_rank_mean_abs_diff']:.2f}; "
          f"removal shifts, max |difference|: {last['removal_shift_max_abs_diff']:.2g}")
print(json.dumps({
    "draws": by["entente"][0]["draws"], "units": by["entente"][0]["units"], "rounds": len(by["entente"]),
    "entente_compute_s": med("entente", "median_s"), "numpy_compute_s": med("numpy", "median_s"),
    "entente_process_s": med("entente", "process_s"), "numpy_process_s": med("numpy", "process_s"),
    "entente_peak_mb": med("entente", "peak_mb"), "numpy_peak_mb": med("numpy", "peak_mb"),
    "numpy_over_entente": ratio, "nominal_ranks_match": match,
}))
EOF
