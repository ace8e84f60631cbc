#!/usr/bin/env bash
# run.sh KGRAPH - `kgraph eval-oie` end to end on tiny CaRB fixtures.
#
# gold.tsv is the gold; good-NAME.tsv are extractions whose exact report is
# good-NAME.out (and .json / .curve for those options); bad-NAME.tsv are
# malformed inputs whose exact stderr is bad-NAME.err (exit 1).
# good-basic by hand: 5 gold tuples; kept at 0.2 are the swapped `said`
# tuple (P 1, R 1), `sat` (P 6/6, R 6/8) and `be` for `is` (P 1, R 1),
# the -LRB- sentence matching "( a doctor )": R = 2.75/5, P = 3/3, and the
# extraction for "Unknown sentence ." is ignored.
set -u
KG=$(realpath "$1")
cd "$(dirname "$0")"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_out NAME EXPECTED_FILE ARGS... : exit 0 and stdout equals file
expect_out() {
    local name=$1 want=$2
    shift 2
    if "$KG" eval-oie "$@" >"$tmp/out" 2>"$tmp/err"; then
        if cmp -s "$tmp/out" "$want"; then ok; else
            bad "$name: stdout differs from $want"
            diff "$want" "$tmp/out" | head -20
        fi
    else
        bad "$name: exit $?"
        cat "$tmp/err"
    fi
}

# expect_err NAME RC EXPECTED_TEXT ARGS... : exit RC and stderr is the text
expect_err() {
    local name=$1 rc=$2 want=$3
    shift 3
    "$KG" eval-oie "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$rc" ]; then
        bad "$name: exit $got, expected $rc"
        cat "$tmp/err"
    elif [ "$(cat "$tmp/err")" != "$want" ]; then
        bad "$name: stderr differs"
        printf 'expected: %s\ngot:      %s\n' "$want" "$(cat "$tmp/err")"
    elif [ -s "$tmp/out" ]; then
        bad "$name: printed a report on failure"
    else
        ok
    fi
}

expect_out basic good-basic.out --gold gold.tsv good-basic.tsv
expect_out json good-basic.json --json --gold gold.tsv good-basic.tsv
expect_out stdin good-basic.out --gold gold.tsv - <good-basic.tsv
expect_out options-after good-basic.out good-basic.tsv -g gold.tsv
expect_out curve good-basic.out --curve "$tmp/curve.tsv" --gold gold.tsv \
    good-basic.tsv
if cmp -s "$tmp/curve.tsv" good-basic.curve; then ok; else
    bad "curve: $tmp/curve.tsv differs from good-basic.curve"
fi
# a pipe given as --curve is written in place, not replaced by a file
mkfifo "$tmp/fifo"
timeout 10 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
expect_out curve-fifo good-basic.out --curve "$tmp/fifo" --gold gold.tsv \
    good-basic.tsv
wait "$reader"
if [ -p "$tmp/fifo" ] && cmp -s "$tmp/fifo.out" good-basic.curve; then ok; else
    bad "curve-fifo: the pipe was replaced or got other text"
fi
expect_out gold-as-prediction good-gold.out --gold gold.tsv good-gold.tsv
expect_out empty good-empty.out --gold gold.tsv good-empty.tsv

for f in bad-*.tsv; do
    name=${f%.tsv}
    if [ "$name" = bad-gold ]; then
        expect_err "$name" 1 "$(cat "$name.err")" --gold "$f" good-basic.tsv
    else
        expect_err "$name" 1 "$(cat "$name.err")" --gold gold.tsv "$f"
    fi
done
expect_err missing-file 1 \
    "nosuch.tsv: error: cannot open file: No such file or directory" \
    --gold gold.tsv nosuch.tsv
expect_err no-gold 2 "kgraph eval-oie: error: --gold GOLD.tsv is required
Try 'kgraph eval-oie --help' for more information." good-basic.tsv
expect_err no-pred 2 "kgraph eval-oie: error: missing the extractions file \
(PRED.tsv or '-')
Try 'kgraph eval-oie --help' for more information." --gold gold.tsv
expect_err two-stdin 2 "kgraph eval-oie: error: the gold and the \
extractions cannot both be standard input
Try 'kgraph eval-oie --help' for more information." --gold - -
expect_err bad-option 2 "kgraph eval-oie: error: unknown option '--fast'
Try 'kgraph eval-oie --help' for more information." --fast --gold gold.tsv -

if "$KG" eval-oie --help >"$tmp/out" 2>&1 &&
    head -1 "$tmp/out" | grep -q '^Usage: kgraph eval-oie --gold GOLD.tsv'; then
    ok
else
    bad "--help"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
