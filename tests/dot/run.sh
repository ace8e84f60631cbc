#!/usr/bin/env bash
# tests/dot/run.sh KGRAPH - check kgraph's pictures with the Graphviz
# command line and an XML parser.
#
# 1. Fixture pictures (tiny, korea, hostile, empty), written by the
#    test_dot unit-test binary (KG_DOT_FIXTURES=DIR): `dot` reads every
#    .dot without a message, `dot -Tsvg` of the .dot is byte-identical to
#    kgraph's in-process .svg, and every .svg is well-formed XML (python3
#    xml.dom.minidom).
# 2. Once `kgraph extract` writes pictures: the same checks on
#    `extract -f dot` / `-f svg` of the Korea article, and two runs give
#    the same bytes.  Skipped (and said so) while the command is missing.
#
# Prints "N passed, N failed"; exits non-zero on a failure.
set -u
KGRAPH=$(realpath "$1")
cd "$(dirname "$0")/../.."
BIN_DIR=$(dirname "$KGRAPH")/tests
SHARED=${SHARED:-../shared}
ARTICLE=$SHARED/articles/korea-liaison-office.txt
# As `make test` sets them, for runs by hand: Graphviz frames are
# suppressed by name in tests/lsan.supp, which needs full stacks through
# libraries built without frame pointers.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

wellformed() {  # file
    /usr/bin/python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1" 2>"$TMP/xml.err"
}

check_dot() {  # name file.dot: dot reads it silently and renders valid SVG
    local name=$1 f=$2
    if dot -Tsvg "$f" >"$TMP/cli.svg" 2>"$TMP/dot.err" && [ ! -s "$TMP/dot.err" ]; then
        ok
    else
        bad "$name: dot -Tsvg rejects or warns: $(head -3 "$TMP/dot.err")"
    fi
    if wellformed "$TMP/cli.svg"; then ok; else bad "$name: dot -Tsvg output is not well-formed: $(tail -1 "$TMP/xml.err")"; fi
}

check_svg() {  # name file.svg
    if wellformed "$2"; then ok; else bad "$1: not well-formed XML: $(tail -1 "$TMP/xml.err")"; fi
}

# --- 1. fixtures ----------------------------------------------------------
if [ -x "$BIN_DIR/test_dot" ]; then
    mkdir -p "$TMP/fx"
    if KG_DOT_FIXTURES="$TMP/fx" "$BIN_DIR/test_dot" >"$TMP/unit.log" 2>&1; then
        ok
    else
        bad "test_dot failed while writing fixtures"; tail -20 "$TMP/unit.log"
    fi
    for name in tiny korea hostile empty; do
        d=$TMP/fx/$name.dot s=$TMP/fx/$name.svg
        if [ ! -s "$d" ] || [ ! -s "$s" ]; then
            bad "$name: fixture not written"; continue
        fi
        check_dot "$name.dot" "$d"
        if cmp -s "$TMP/cli.svg" "$s"; then ok; else bad "$name: in-process SVG differs from dot -Tsvg of the DOT"; fi
        check_svg "$name.svg" "$s"
    done
else
    bad "no $BIN_DIR/test_dot (build the unit tests first)"
fi

# --- 2. kgraph extract ------------------------------------------------------
if "$KGRAPH" extract --help >"$TMP/help" 2>&1 && grep -qi svg "$TMP/help"; then
    if [ -f "$ARTICLE" ]; then
        for fmt in dot svg; do
            out=$TMP/x.$fmt
            if "$KGRAPH" extract -f "$fmt" "$ARTICLE" >"$out" 2>"$TMP/x.err" && [ -s "$out" ]; then
                ok
            else
                bad "extract -f $fmt: exit $? $(head -3 "$TMP/x.err")"; continue
            fi
            "$KGRAPH" extract -f "$fmt" "$ARTICLE" >"$out.2" 2>/dev/null
            if cmp -s "$out" "$out.2"; then ok; else bad "extract -f $fmt: two runs differ"; fi
            if [ "$fmt" = dot ]; then check_dot "extract -f dot" "$out"; else check_svg "extract -f svg" "$out"; fi
        done
    else
        echo "skip: $ARTICLE not found (set SHARED)"
    fi
else
    echo "skip: kgraph extract does not write pictures yet"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
