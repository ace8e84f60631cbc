#!/usr/bin/env bash
# run.sh KGRAPH SHARED - run every bench/bench-*.sh and print their figures.
# Benchmarks print throughput, memory and accuracy; they never fail on time.
set -uo pipefail
KGRAPH=$(realpath "${1:-./kgraph}")
SHARED=$(realpath "${2:-../shared}")
cd "$(dirname "$0")/.."
for b in bench/bench-*.sh; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b" .sh) =="
    "$b" "$KGRAPH" "$SHARED" || echo "($(basename "$b") exited $?)"
    echo
done
