#!/usr/bin/env bash
# run.sh KGRAPH - the libFuzzer targets (tests/fuzz/fuzz_*.c) as a test
# suite.  KGRAPH is not used: the targets link the library themselves.
#
#   1. build them if needed (make fuzz: clang, ASan+UBSan, build/fuzz/);
#   2. replay every input in tests/fuzz/<target>/regress/ (each one a bug
#      that was found and fixed) - one test each;
#   3. fuzz each target for FUZZ_SECONDS (default 30) seconds from its seed
#      corpus tests/fuzz/<target>/ (new inputs go to a temporary corpus,
#      never into the repository), with its dictionary - one test each.
#      Any crash, sanitizer report, leak, timeout (-timeout=10) or memory
#      blow-up (-rss_limit_mb=2048) fails the test; the input is kept in
#      build/fuzz/artifacts/ and printed in base64.
#
# FUZZ_JOBS (default 2) targets fuzz at the same time.  FUZZ_SECONDS=0
# only replays.  docs/hardening.md describes longer runs.
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-30}
JOBS=${FUZZ_JOBS:-2}
BIN=build/fuzz
ART=$BIN/artifacts
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The fuzzers set their own sanitizer options (tests/fuzz/fuzz.h); the
# ones `make test` exports are for the test build.
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# target -> extra libFuzzer options
opts() {
    case $1 in
    article)   echo "-max_len=4096 -dict=tests/fuzz/article.dict" ;;
    ontology)  echo "-max_len=4096 -dict=tests/fuzz/ontology.dict" ;;
    pipeline)  echo "-max_len=1024 -dict=tests/fuzz/pipeline.dict" ;;
    graphread) echo "-max_len=8192 -dict=tests/fuzz/graphread.dict" ;;
    *)         echo "" ;;
    esac
}

targets=()
for src in tests/fuzz/fuzz_*.c; do
    t=${src#tests/fuzz/fuzz_}
    targets+=("${t%.c}")
done

# A recursive make must not inherit the caller's jobserver or flags.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 fuzz >"$tmp/build.log" 2>&1; then
    tail -30 "$tmp/build.log"
    bad "make fuzz"
    echo "$pass passed, $fail failed"
    exit 1
fi
mkdir -p "$ART"

# --- regressions ---------------------------------------------------------
for t in "${targets[@]}"; do
    for f in tests/fuzz/"$t"/regress/*; do
        [ -f "$f" ] || continue
        if "$BIN/fuzz_$t" -rss_limit_mb=2048 -timeout=10 "$f" >"$tmp/replay.log" 2>&1; then
            ok
        else
            bad "fuzz_$t: $f"
            grep -v '^INFO' "$tmp/replay.log" | head -40
        fi
    done
done

# --- fuzzing -------------------------------------------------------------
fuzz() {  # target: runs in the background, leaves $tmp/$t.rc and .log
    local t=$1
    mkdir -p "$tmp/corpus-$t"
    # shellcheck disable=SC2046
    "$BIN/fuzz_$t" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$ART/$t-" \
        $(opts "$t") "$tmp/corpus-$t" "tests/fuzz/$t" >"$tmp/$t.log" 2>&1
    echo $? >"$tmp/$t.rc"
}

if [ "$SECONDS_EACH" -gt 0 ]; then
    running=0
    for t in "${targets[@]}"; do
        fuzz "$t" &
        running=$((running + 1))
        if [ "$running" -ge "$JOBS" ]; then
            wait -n
            running=$((running - 1))
        fi
    done
    wait
    for t in "${targets[@]}"; do
        rc=$(cat "$tmp/$t.rc" 2>/dev/null || echo 99)
        runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$tmp/$t.log" | grep -Eo '[0-9]+$')
        cov=$(grep -Eo 'cov: [0-9]+' "$tmp/$t.log" | tail -1)
        if [ "$rc" = 0 ]; then
            ok
            printf 'fuzz_%-10s %8s runs in %ss, %s\n' "$t" "${runs:-?}" "$SECONDS_EACH" "${cov:-cov: ?}"
        else
            bad "fuzz_$t (exit $rc)"
            grep -E -v '^(INFO|#[0-9]+ +(NEW|REDUCE|pulse))' "$tmp/$t.log" | tail -60
        fi
    done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
