#!/usr/bin/env bash
# run.sh KGRAPH - bad articles: `kgraph extract -o DIR bad-x.txt` must print
# exactly bad-x.err on stderr, exit 1 and write nothing into DIR.
set -u
KGRAPH=$1
cd "$(dirname "$0")/../.."
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/article/bad-*.txt; do
    want=${f%.txt}.err
    out="$tmp/out"
    rm -rf "$out"; mkdir "$out"
    "$KGRAPH" extract -o "$out" "$f" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    why=()
    [ "$rc" -eq 1 ] || why+=("exit status $rc, not 1")
    cmp -s "$tmp/stderr" "$want" || why+=("stderr differs: $(head -c 300 "$tmp/stderr")")
    [ ! -s "$tmp/stdout" ] || why+=("wrote to stdout")
    [ -z "$(ls -A "$out")" ] || why+=("wrote $(ls -A "$out" | tr '\n' ' ')")
    if [ ${#why[@]} -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $f: ${why[*]}"
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
