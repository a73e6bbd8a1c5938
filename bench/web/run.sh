#!/usr/bin/env bash
# The web load benchmark: `entente serve` on loopback under wrk (64 connections), the pair's
# JSON and page and the API's tabular routes, with the real GDELT sample imported so the
# series is computed on every request. Peer in the same run: the same JSON bytes served
# as a static file by Python's standard-library threading HTTP server. Not a test.
#
#   bash bench/web/run.sh        # results in $BENCH_DIR/web-results.json and on stdout
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/entente-bench}
REAL=${REAL:-$REPO/../shared/data/gdelt/events/v2_15min}
DURATION=${DURATION:-15}
mkdir -p "$BENCH_DIR"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release --locked --bin entente
TARGET=${CARGO_TARGET_DIR:-$REPO/target}
python3 bench/web/bench.py "$TARGET/release/entente" "$BENCH_DIR" "$REAL" "$DURATION"
