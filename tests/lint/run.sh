#!/usr/bin/env bash
# run.sh KGRAPH - the static checks of docs/hardening.md ("Static checks")
# stay clean: `make lint` (cppcheck + clang-tidy) and `make analyze` (gcc
# -fanalyzer) report nothing.  In the suite because they once drifted:
# kgraph build and the speed work landed with 21 lint findings and one
# analyzer finding that nobody saw until `make lint` was run by hand.
# KGRAPH is not used: the checks read the sources.
set -u
cd "$(dirname "$0")/../.."
pass=0
fail=0
for check in lint analyze; do
    out=$(make --no-print-directory -s "$check" 2>&1)
    rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: make $check (exit $rc):"
        echo "$out" | grep -E '(error|warning|style|portability|performance):' | head -20
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
