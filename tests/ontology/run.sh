#!/usr/bin/env bash
# run.sh KGRAPH - golden tests for `kgraph check-ontology`.
#
#   bad-X.yaml   must fail: exit 1, nothing on stdout, and stderr exactly
#                bad-X.err (the first error, then the count of the others)
#   good-X.yaml  must pass: exit 0, stdout of `check-ontology -v` exactly
#                good-X.out, stderr exactly good-X.err (warnings) or empty
#   schema/*.yaml (the shipped ontologies) and the example in
#   schema/README.md must pass without warnings.
# Plus the command line: --help, usage errors, a missing file.
#
# Paths are given relative to the repository root, as the expected files
# spell them.  UPDATE=1 rewrites the expected files from the current output
# (review the diff before committing it).
set -u
KG=$(realpath "$1")
cd "$(dirname "$0")/../.."
dir=tests/ontology
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# same FILE EXPECTED: compare, showing a diff on mismatch
same() {
    if [ "${UPDATE:-0}" = 1 ]; then
        if [ -s "$1" ] || [ -e "$2" ]; then cp "$1" "$2"; fi
        return 0
    fi
    if [ ! -e "$2" ]; then
        [ ! -s "$1" ] && return 0
        echo "--- unexpected output (no $2):"; cat "$1"; return 1
    fi
    diff -u "$2" "$1" >"$tmp/diff" && return 0
    cat "$tmp/diff"; return 1
}

for f in "$dir"/bad-*.yaml; do
    t=${f%.yaml}
    "$KG" check-ontology "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 1 ]; then bad "$f: exit $rc, want 1"; cat "$tmp/err"; continue; fi
    if [ -s "$tmp/out" ]; then bad "$f: wrote to stdout"; continue; fi
    if [ "${UPDATE:-0}" != 1 ] && [ ! -e "$t.err" ]; then bad "$f: no $t.err"; continue; fi
    if same "$tmp/err" "$t.err"; then ok; else bad "$f: stderr differs"; fi
done

for f in "$dir"/good-*.yaml; do
    t=${f%.yaml}
    "$KG" check-ontology -v "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then bad "$f: exit $rc, want 0"; cat "$tmp/err"; continue; fi
    if same "$tmp/out" "$t.out" && same "$tmp/err" "$t.err"; then ok
    else bad "$f: output differs"; fi
done

for f in schema/*.yaml; do
    # world.yaml is a part of news.yaml (it uses news.yaml's classes)
    [ "$f" = schema/world.yaml ] && continue
    "$KG" check-ontology "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "^$f: ok: " "$tmp/out"; then ok
    else bad "$f: shipped ontology: exit $rc"; cat "$tmp/err"; fi
done

# the example at the top of schema/README.md must stay valid
awk '/^## A small example/{f=1} f&&/^```yaml/{g=1;next} g&&/^```/{exit} g' \
    schema/README.md >"$tmp/readme.yaml"
if [ -s "$tmp/readme.yaml" ] && "$KG" check-ontology "$tmp/readme.yaml" >/dev/null 2>"$tmp/err" \
    && [ ! -s "$tmp/err" ]; then ok; else bad "schema/README.md example: $(cat "$tmp/err")"; fi

# command line
expect_rc() {  # want-rc description args...
    local want=$1 what=$2; shift 2
    "$KG" check-ontology "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ $rc -eq "$want" ]; then ok; else bad "$what: exit $rc, want $want"; fi
}
expect_rc 0 "--help" --help
grep -q '^Usage: kgraph check-ontology' "$tmp/out" && ok || bad "--help text"
expect_rc 2 "no FILE"
grep -qx "kgraph check-ontology: error: missing FILE" "$tmp/err" && ok || bad "no FILE message"
expect_rc 2 "unknown option" --frobnicate "$dir/good-minimal.yaml"
expect_rc 1 "missing file" "$dir/no-such-file.yaml"
grep -qx "$dir/no-such-file.yaml: error: cannot open file: No such file or directory" "$tmp/err" \
    && ok || bad "missing file message: $(cat "$tmp/err")"
expect_rc 1 "one bad file among good ones" "$dir/good-minimal.yaml" "$dir/bad-kind.yaml"
[ "$(grep -c ': ok: ' "$tmp/out")" = 1 ] && ok || bad "good file before a bad one not summarised"
expect_rc 0 "shipped ontology by name" news
grep -q 'schema/news.yaml: ok: ' "$tmp/out" && ok || bad "'news' did not find schema/news.yaml"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
