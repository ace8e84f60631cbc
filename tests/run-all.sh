#!/usr/bin/env bash
# run-all.sh KGRAPH TESTBIN_DIR - run every test suite and print one summary.
#
# Suites: each cmocka unit-test binary in TESTBIN_DIR, then every
# tests/*/run.sh script (golden files, end to end), which receive KGRAPH
# and print their own "N passed, N failed" line.  The last line printed is
# the total, in the plain "N passed, N failed" form.
set -u
KGRAPH=$(realpath "$1")
BIN=$2
cd "$(dirname "$0")/.."
export KGRAPH
total_pass=0
total_fail=0
failed_suites=()

run_suite() {  # name, command...
    local name=$1; shift
    local log
    log=$(mktemp)
    "$@" >"$log" 2>&1
    local rc=$?
    local p f
    # cmocka: "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
    p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1)
    if [ -z "$p$f" ]; then
        # scripts: "N passed, N failed"
        local line
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
        p=$(echo "$line" | grep -Eo '^[0-9]+')
        f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    fi
    p=${p:-0}; f=${f:-0}
    if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    if [ "$f" != 0 ]; then
        failed_suites+=("$name")
        echo "--- $name: FAILED (exit $rc) ---"
        cat "$log"
    else
        printf '%-28s %4d passed\n' "$name" "$p"
    fi
    rm -f "$log"
}

for t in "$BIN"/test_*; do
    [ -x "$t" ] || continue
    run_suite "$(basename "$t")" "$t"
done
for s in tests/*/run.sh; do
    [ -x "$s" ] || continue
    run_suite "$(basename "$(dirname "$s")")" "$s" "$KGRAPH"
done

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
    echo "failed suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
