#!/usr/bin/env bash
# run.sh KGRAPH - regression tests for bugs the static checks found
# (docs/hardening.md, "Static checks"):
#  - a failed write to standard output is an error: exit 1 and one message
#    on stderr, never exit 0 with the output lost (cert-err33-c).  /dev/full
#    fails every write with ENOSPC.  Commands that print through stdio rely
#    on main()'s final check; the others on kg_io's.
#  - kgraph diff survives a failed allocation while writing its text
#    report (clang-analyzer: a NULL group array with a non-zero count).
#    Needs the ASan build (KG_FAULTS); skipped with the release build.
# The ontology loader's depth limits are in tests/unit/test_ontology_limits.c.
set -u
KG=$(realpath "$1")
cd "$(dirname "$0")/../.."
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

full() {  # description args...
    local what=$1; shift
    "$KG" "$@" >/dev/full 2>"$tmp/err"
    local rc=$?
    local n
    n=$(grep -c 'cannot write standard output' "$tmp/err")
    if [ $rc -eq 1 ] && [ "$n" -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $what: exit $rc, $n write errors reported, want 1 and 1"
        cat "$tmp/err"
    fi
}

if [ -w /dev/full ]; then
    full version --version
    full help --help
    full command-help check-ontology --help
    full check-ontology check-ontology schema/news.yaml
    full check-ontology-v check-ontology -v schema/news.yaml
    full schema schema schema/news.yaml
    full eval-oie eval-oie --gold tests/carb/gold.tsv tests/carb/good-basic.tsv
    full extract extract -o - -f nt examples/boris-johnson-conservative-leader.txt
else
    echo "no /dev/full here: write errors not tested"
fi

# and the same commands still print, exit 0, to a writable stdout
if "$KG" check-ontology schema/news.yaml >"$tmp/out" 2>"$tmp/err" &&
    [ ! -s "$tmp/err" ] && grep -q '^schema/news.yaml: ok: ' "$tmp/out"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: check-ontology to a file"
fi

# kgraph diff with its n-th allocation failing, for each allocation of
# its text report (the runs that fail "while writing the diff"): exit 2
# (diff's "trouble"), no sanitizer report.  Failures in the stages before
# are the fault-injection tests' business.
d=tests/diff/cases/graph-entities
diff_oom() { KG_FAIL_ALLOC=$1 "$KG" diff "$d/old.ttl" "$d/new.nq" >/dev/null 2>"$tmp/err"; }
diff_oom 1
if grep -q 'out of memory' "$tmp/err"; then
    lo=1 hi=100000 # the last n that fails: the number of allocations
    while [ $((hi - lo)) -gt 1 ]; do
        mid=$(((lo + hi) / 2))
        diff_oom $mid
        if grep -q 'out of memory' "$tmp/err"; then lo=$mid; else hi=$mid; fi
    done
    tried=0
    for ((n = lo; n > 0; n--)); do
        diff_oom $n
        rc=$?
        grep -q 'out of memory while writing the diff' "$tmp/err" || break
        tried=$((tried + 1))
        if [ $rc -eq 2 ] && ! grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL: diff with allocation $n of $lo failing: exit $rc"
            head -20 "$tmp/err"
        fi
    done
    if [ $tried -eq 0 ]; then
        fail=$((fail + 1))
        echo "FAIL: no run failed while writing the diff"
    fi
else
    echo "no allocation failures in this build (not KG_FAULTS): diff not tested"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
