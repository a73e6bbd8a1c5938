#!/usr/bin/env bash
# The GDELT benchmark: entente against DuckDB (from PyPI) on the same rows, same machine,
# same run. Not a test: it takes minutes and writes gigabytes under $BENCH_DIR.
#
#   bash bench/gdelt/run.sh            # results in $BENCH_DIR/results.json and on stdout
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/entente-bench}
THREADS=${THREADS:-$(nproc)}
REAL=${REAL:-$REPO/../shared/data/gdelt/events/v2_15min}
mkdir -p "$BENCH_DIR"

cargo build --release --locked --bin entente
TARGET=${CARGO_TARGET_DIR:-$REPO/target}

if [ ! -x "$BENCH_DIR/venv/bin/python" ]; then
  python3 -m venv "$BENCH_DIR/venv"
  "$BENCH_DIR/venv/bin/pip" install -q duckdb==2.0.1
fi

"$BENCH_DIR/venv/bin/python" bench/gdelt/bench.py \
  "$TARGET/release/entente" "$BENCH_DIR" "$REAL" "$THREADS"
