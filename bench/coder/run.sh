#!/bin/sh
# Runs the coder's throughput benchmark (one core) over ../shared/data/news_text or the folder given.
set -eu
cd "$(dirname "$0")/../.."
dir="${1:-$(pwd)/../shared/data/news_text}"
exec cargo bench -p entente-coder --bench throughput -- "$dir"
