#!/usr/bin/env bash
# memcheck.sh KGRAPH - run the commands of `make demo` (tools/demo.sh) with
# KGRAPH under valgrind memcheck; exit 1 on any memory error or leak.
#
# demo.sh takes the program to run as its argument, so it is given a
# wrapper that runs KGRAPH under valgrind: the demo's commands are checked
# as they are, and graphs/ is regenerated as `make demo` does (the output
# is deterministic, so it does not change).  Leaks inside third-party
# libraries are listed, with reasons, in tools/valgrind.supp.
set -euo pipefail
KGRAPH=$(realpath "${1:-./kgraph}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/kgraph" <<EOF
#!/bin/sh
exec valgrind --quiet --tool=memcheck --leak-check=full --num-callers=50 \\
    --errors-for-leak-kinds=definite,possible --error-exitcode=99 \\
    --suppressions="$PWD/tools/valgrind.supp" --log-file="$tmp/vg.%p" \\
    "$KGRAPH" "\$@"
EOF
chmod +x "$tmp/kgraph"

rc=0
tools/demo.sh "$tmp/kgraph" || rc=$?
n=0
for log in "$tmp"/vg.*; do
    n=$((n + 1))
    if [ -s "$log" ]; then
        cat "$log"
        rc=1
    fi
done
if [ $rc -ne 0 ]; then
    echo "memcheck: errors or leaks (exit $rc); valgrind's reports are above" >&2
    exit 1
fi
echo "memcheck: $n runs of kgraph under valgrind, no errors, no leaks"
