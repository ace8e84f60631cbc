#!/usr/bin/env bash
# run-all.sh KGRAPH TESTBIN_DIR - run every test suite and print one summary.
#
# Suites: each cmocka unit-test binary in TESTBIN_DIR, then every
# tests/*/run.sh script (golden files, end to end), which receive KGRAPH
# and print their own "N passed, N failed" line.  The last line printed is
# the total, in the plain "N passed, N failed" form.
#
# Suites run $TEST_JOBS at a time (default: the number of cores): each is
# single-threaded under ASan, and one at a time left a core idle for most
# of `make test`.  Each suite's output goes to its own log; the report
# lists the suites in the order above, whatever order they end in, with
# each one's wall time.  Suites must not share files: every one works in
# its own mktemp directory (the few fixed paths under build/ are written
# by one suite only).
set -u
KGRAPH=$(realpath "$1")
BIN=$2
cd "$(dirname "$0")/.." || exit 2
export KGRAPH
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
logs=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$logs"' EXIT
trap 'exit 130' INT TERM

names=()
cmds=()
args=() # the argument of each: KGRAPH for the run.sh scripts
for t in "$BIN"/test_*; do
    [ -x "$t" ] || continue
    names+=("$(basename "$t")")
    cmds+=("$t")
    args+=("")
done
for s in tests/*/run.sh; do
    [ -x "$s" ] || continue
    names+=("$(basename "$(dirname "$s")")")
    cmds+=("$s")
    args+=("$KGRAPH")
done

# The longest suites start first, so that the last to end is a short one.
# (Wall times under ASan on the 2-core CI machine, longest first: lint
# 180 s, the neural parser 110 s, hostile 108 s, diff 93 s, fuzz 80 s.)
slow=" lint test_nlp_nnparser hostile diff fuzz build nlp store e2e rdf static "
order=()
for i in "${!names[@]}"; do
    case $slow in *" ${names[$i]} "*) order+=("$i") ;; esac
done
for i in "${!names[@]}"; do
    case $slow in *" ${names[$i]} "*) ;; *) order+=("$i") ;; esac
done

run_one() {  # index: runs suite i, leaves $logs/i.log, .rc, .sec
    local i=$1 start
    start=$(date +%s)
    "${cmds[$i]}" ${args[$i]:+"${args[$i]}"} >"$logs/$i.log" 2>&1
    echo $? >"$logs/$i.rc"
    # .sec last and whole (renamed): its presence says the suite ended
    echo $(($(date +%s) - start)) >"$logs/$i.s"
    mv "$logs/$i.s" "$logs/$i.sec"
}

total_pass=0
total_fail=0
failed_suites=()
report() {  # index: the suite's line, or its log when it failed
    local i=$1 name=${names[$1]} log=$logs/$1.log rc sec p f line
    rc=$(cat "$logs/$i.rc" 2>/dev/null || echo 1)
    sec=$(cat "$logs/$i.sec" 2>/dev/null || echo 0)
    # cmocka: "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"
    p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1)
    if [ -z "$p$f" ]; then
        # scripts: "N passed, N failed"
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
        p=$(echo "$line" | grep -Eo '^[0-9]+')
        f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
    fi
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    if [ "$f" != 0 ]; then
        failed_suites+=("$name")
        echo "--- $name: FAILED (exit $rc, ${sec} s) ---"
        cat "$log"
    else
        printf '%-28s %4d passed %5d s\n' "$name" "$p" "$sec"
    fi
}

# Lines are printed in the suites' order as soon as every suite before
# them has ended, so a long run shows its progress.
next=0
flush() {
    while [ "$next" -lt ${#names[@]} ] && [ -e "$logs/$next.sec" ]; do
        report "$next"
        next=$((next + 1))
    done
}
running=0
for i in "${order[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
        flush
    fi
    run_one "$i" &
    running=$((running + 1))
done
wait
flush

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
    echo "failed suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
