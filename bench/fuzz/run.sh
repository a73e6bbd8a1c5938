#!/usr/bin/env bash
# Runs every fuzz target (the proptest targets in crates/*/tests/fuzz.rs) long, in release
# mode, one target at a time, and prints the cases run and the time per target.
#
#   bench/fuzz/run.sh                      about 300 s per target: a short calibration run
#                                          sets the number of cases that fits
#   bench/fuzz/run.sh 60                   about 60 s per target
#   ENTENTE_FUZZ_CASES=10000000 bench/fuzz/run.sh   exactly that many cases per target
#   bench/fuzz/run.sh 300 gdelt_ coder_    only the targets whose names start so
#
# Cases are capped at FUZZ_MAX_CASES (default 10000000, the issue's aim). A failing target
# prints proptest's minimal failing input and the script goes on with the next one; it
# exits non-zero at the end if any failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

budget="${1:-300}"
shift || true
filters=("$@")
max_cases="${FUZZ_MAX_CASES:-10000000}"
fixed_cases="${ENTENTE_FUZZ_CASES:-}"
unset ENTENTE_FUZZ_CASES

# crate:target, every proptest target of the workspace.
targets=(
  entente-ingest:gdelt_arbitrary_bytes
  entente-ingest:gdelt_mutated_real_lines
  entente-ingest:feed_arbitrary_bytes
  entente-ingest:feed_real_header_random_rows
  entente-ingest:curated_mutated_real_dataset
  entente-ingest:curated_random_files
  entente-model:dates_arbitrary_strings
  entente-model:dates_near_valid_strings
  entente-model:dates_every_valid_date_round_trips
  entente-model:countries_arbitrary_strings
  entente-model:countries_names_and_codes
  entente-model:countries_round_trip
  entente-cite:cite_arbitrary_sources
  entente-cite:cite_sources_read_from_json
  entente-cite:cite_bibliographies
  entente-report:search_params_arbitrary_pairs
  entente-report:search_params_raw_query_strings
  entente-coder:coder_arbitrary_strings
  entente-coder:coder_mixed_texts
)

selected() {
  local name="$1"
  [ "${#filters[@]}" -eq 0 ] && return 0
  for f in "${filters[@]}"; do
    case "$name" in "$f"*) return 0 ;; esac
  done
  return 1
}

now() { date +%s.%N; }

# Runs one target with $2 cases; prints the seconds it took, or fails.
run_target() {
  local crate="$1" cases="$2" name="$3" start end
  start=$(now)
  if ! ENTENTE_FUZZ_CASES="$cases" cargo test -q --release -p "$crate" --test fuzz -- --exact "$name" \
    --test-threads 1 >"$log" 2>&1; then
    return 1
  fi
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

crates=()
for t in "${targets[@]}"; do
  crate="${t%%:*}"
  selected "${t#*:}" || continue
  case " ${crates[*]-} " in *" $crate "*) ;; *) crates+=("$crate") ;; esac
done
# One crate at a time, as the targets run: cargo unifies dependency features per selection,
# so building them together would build some dependencies twice.
for c in "${crates[@]}"; do
  echo "building the fuzz tests of $c in release mode" >&2
  cargo test -q --release -p "$c" --test fuzz --no-run >&2
done

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
failed=0
total_start=$(now)
printf '%-40s %12s %10s %12s\n' target cases seconds cases/s
for t in "${targets[@]}"; do
  crate="${t%%:*}"
  name="${t#*:}"
  selected "$name" || continue
  if [ -n "$fixed_cases" ]; then
    cases="$fixed_cases"
  else
    # Calibrate: grow the run until it takes a few seconds, then scale to the budget.
    cases=200
    while :; do
      if ! secs=$(run_target "$crate" "$cases" "$name"); then
        echo "FAILED $name during calibration ($cases cases):" >&2
        cat "$log" >&2
        failed=1
        continue 2
      fi
      if awk -v s="$secs" -v c="$cases" -v m="$max_cases" 'BEGIN { exit !(s >= 5 || c >= m) }'; then break; fi
      cases=$((cases * 10))
    done
    cases=$(awk -v c="$cases" -v b="$budget" -v s="$secs" -v m="$max_cases" \
      'BEGIN { n = int(c * b / s); if (n < c) n = c; if (n > m) n = m; print n }')
  fi
  if ! secs=$(run_target "$crate" "$cases" "$name"); then
    echo "FAILED $name ($cases cases):" >&2
    cat "$log" >&2
    failed=1
    continue
  fi
  awk -v n="$name" -v c="$cases" -v s="$secs" 'BEGIN { printf "%-40s %12d %10.1f %12.0f\n", n, c, s, c / s }'
done
awk -v a="$total_start" -v b="$(now)" 'BEGIN { printf "total %.0f s\n", b - a }'
exit "$failed"
