#!/usr/bin/env bash
# Local engine against a Ballista cluster on loopback (one scheduler, two executors, all
# `entente cluster` processes) on the same statements over the same Parquet parts. Not a test.
#
#   bash bench/cluster/run.sh              # debug build; PROFILE=release for a release one
#   ROUNDS=7 bash bench/cluster/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
PROFILE=${PROFILE:-debug}
ROUNDS=${ROUNDS:-5}
REAL=${REAL:-$REPO/../shared/data/gdelt/events/v2_15min}
BENCH_DIR=${BENCH_DIR:-/tmp/entente-bench-cluster}

if [ "$PROFILE" = release ]; then cargo build --release --locked --bin entente; else cargo build --locked --bin entente; fi
ENTENTE=${CARGO_TARGET_DIR:-$REPO/target}/$PROFILE/entente
python3 bench/cluster/bench.py "$ENTENTE" "$BENCH_DIR" "$REAL" "$ROUNDS" "$PROFILE"
