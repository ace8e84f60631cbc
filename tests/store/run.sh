#!/usr/bin/env bash
# run.sh KGRAPH - the embedded store end to end: load, reload without
# duplicates, crash safety, result formats (golden), query errors
# (golden), the provenance queries of docs/store.md, hostile text, and a
# cross-check of answers against rdflib.
set -u
KGRAPH=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3   # Debian's python3-rdflib, not a pyenv python
# Under ASan: full malloc stacks, so tests/lsan.supp can name the rasqal
# and librdf functions that leak (the default unwinder stops in the
# frame-pointer-less library, where no kgraph leak could be told apart).
# (The big load of the crash test keeps the fast unwinder: it would take
# minutes, and loading leaks nothing.)
FAST_ASAN_OPTIONS=${ASAN_OPTIONS:-}
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0"
TMP=$(mktemp -d)
BGPID=
cleanup() {
    [ -n "$BGPID" ] && kill -9 "$BGPID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
cd "$HERE" || exit 1

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
# check NAME COMMAND...: passes when the command succeeds
check() {
    local name=$1
    shift
    if "$@"; then ok; else no "$name"; fi
}
kg() { "$KGRAPH" "$@"; }
# count STORE QUERY: the single value of a one-cell SELECT, as TSV
count() { kg query --store "$1" --results tsv "$2" | sed -n 2p; }
graph_count() {
    count "$1" "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$2> { ?s ?p ?o } }"
}
A1=http://example.org/kgraph/article/korea-liaison-office

# --- help and usage ---------------------------------------------------------
for c in load query push; do
    kg "$c" --help >"$TMP/help" 2>&1
    check "$c --help exits 0 and shows usage" \
        grep -q "^Usage: kgraph $c" "$TMP/help"
done
kg load tests.ttl >/dev/null 2>&1
check "load without --store is a usage error (2)" test $? -eq 2
kg query --store "$TMP/x.db" >/dev/null 2>&1
check "query without a query is a usage error (2)" test $? -eq 2
kg query --store "$TMP/x.db" --results xml 'ASK {}' >/dev/null 2>&1
check "unknown --results is a usage error (2)" test $? -eq 2
kg load --store "$TMP/x.db" --graph http://x/ a.ttl b.ttl >/dev/null 2>&1
check "--graph with two inputs is a usage error (2)" test $? -eq 2

# --- missing and foreign stores ---------------------------------------------
kg query --store "$TMP/none.db" 'ASK {}' 2>"$TMP/err"
check "query on a missing store exits 1" test $? -eq 1
check "query on a missing store says so" \
    grep -q "none.db: error: no such store" "$TMP/err"
check "query does not create a store" test ! -e "$TMP/none.db"
echo "not a database" >"$TMP/text.db"
kg load --store "$TMP/text.db" article1.ttl 2>"$TMP/err"
check "load into a non-store file exits 1" test $? -eq 1
check "load into a non-store file says so" \
    grep -q "text.db: error: not a kgraph store" "$TMP/err"
check "a non-store file is left alone" \
    test "$(cat "$TMP/text.db")" = "not a database"

# --- load, reload, replace --------------------------------------------------
S=$TMP/news.db
kg load -q --store "$S" article1.ttl
check "load exits 0" test $? -eq 0
check "article graph is named after its schema:NewsArticle" \
    test "$(graph_count "$S" "$A1")" = 29
check "the two indexes Redland lacks are made" \
    "$PY" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
n={r[0] for r in c.execute(\"select name from sqlite_master where type='index'\")}; \
sys.exit(0 if {'kgraph_literals','kgraph_blanks'} <= n else 1)" "$S"
kg load -q --store "$S" article1.ttl
check "reloading the same article does not duplicate" \
    test "$(count "$S" 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')" = 29
kg load -q --store "$S" article1-v2.ttl
check "a new version replaces the article's graph" \
    test "$(graph_count "$S" "$A1")" = 20
check "a fact the new version dropped is gone" \
    test "$(kg query --store "$S" 'ASK { ?s <http://example.org/kgraph/rel/located_in> ?o }')" = false
check "a triple said twice in a file is stored once" \
    test "$(count "$S" 'SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/kgraph/moon_jae_in> <http://example.org/kgraph/rel/met> ?o }')" = 1
check "one graph in the store" \
    test "$(count "$S" 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')" = 1

# a failing second input: the good one loads, the bad one (a new version of
# the same article, broken at the end) leaves the old graph as it was
kg load --store "$S" hostile.nt bad-article1.ttl 2>"$TMP/err"
check "a bad input makes load exit 1" test $? -eq 1
check "the bad input's error is exact (golden)" \
    diff <(head -1 "$TMP/err") bad-article1.err
check "the summary counts the good input" \
    grep -q "^kgraph load: 1 of 2 inputs, 15 triples" "$TMP/err"
check "the old graph survives the failed reload" \
    test "$(graph_count "$S" "$A1")" = 20
check "the good input before it is loaded" \
    test "$(graph_count "$S" http://example.org/kgraph/article/hostile)" = 15

# standard input needs --format, and --graph names a graph
kg load -q --store "$S" --format turtle --graph http://example.org/g/stdin - \
    <formats.ttl
check "stdin with --format and --graph loads" \
    test "$(graph_count "$S" http://example.org/g/stdin)" = 10
kg load -q --store "$S" --drop http://example.org/g/stdin
# (not ASK { GRAPH <IRI> { ... } }: rasqal 0.9.33 answers a graph that is
# not in the store with one empty solution)
check "--drop removes a graph" \
    test "$(kg query --store "$S" 'ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g = <http://example.org/g/stdin>) }')" = false

# --- articles: extracted, then stored like `kgraph extract -f nt` -----------
AS=$TMP/articles.db
ART=$ROOT/examples/korea-liaison-office.txt
KA=https://kgraph.example.org/article/korea_liaison_office
kg load -q --store "$AS" "$ART"
check "an article (.txt) loads" test $? -eq 0
kg extract "$ART" -f nt -o "$TMP/korea.nt" 2>/dev/null
check "it is stored exactly as 'kgraph extract -f nt' writes it" \
    test "$(graph_count "$AS" "$KA")" = "$(sort -u "$TMP/korea.nt" | grep -c .)"
kg load -q --store "$AS" "$ART"
check "reloading the article does not duplicate" \
    test "$(count "$AS" 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')" = \
    "$(graph_count "$AS" "$KA")"
kg load -q --store "$AS" --provenance graphs "$ART"
check "--provenance graphs stores one graph per piece of evidence" \
    test "$(count "$AS" 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')" -gt 2
kg load -q --store "$AS" --format article - <"$ART" 2>"$TMP/err"
check "an article on stdin (--format article) loads" test $? -eq 0
kg load -q --store "$AS" --ontology "$TMP/none.yaml" "$ART" 2>"$TMP/err"
check "a missing ontology is an error (exit 1)" test $? -eq 1

# --- crash safety -----------------------------------------------------------
# A big new version of article 1 is loaded and the process is killed -9 as
# soon as its transaction has begun writing (SQLite's rollback journal
# exists).  The next open rolls the journal back: the old graph is whole.
"$PY" - "$TMP/big.nt" "$A1" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("<%s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<http://schema.org/NewsArticle> .\n" % sys.argv[2])
    for i in range(100000):
        f.write('<http://example.org/kgraph/e%d> <http://example.org/kgraph/'
                'rel/r%d> "value %d" .\n' % (i, i % 50, i))
EOF
# (not through kg(): $! must be kgraph's own PID, not a subshell's)
ASAN_OPTIONS=$FAST_ASAN_OPTIONS "$KGRAPH" load -q --store "$S" "$TMP/big.nt" &
BGPID=$!
for _ in $(seq 1 600); do
    [ -e "$S-journal" ] && break
    kill -0 "$BGPID" 2>/dev/null || break
    sleep 0.02
done
sleep 0.3
if [ -e "$S-journal" ] && kill -9 "$BGPID" 2>/dev/null; then
    wait "$BGPID" 2>/dev/null
    BGPID=
    check "killed mid-load: the old graph is intact" \
        test "$(graph_count "$S" "$A1")" = 20
    check "killed mid-load: nothing of the new version is in" \
        test "$(kg query --store "$S" 'ASK { ?s <http://example.org/kgraph/rel/r7> ?o }')" = false
    kg load -q --store "$S" article1-v2.ttl
    check "the store takes loads again after the crash" test $? -eq 0
else
    wait "$BGPID" 2>/dev/null
    BGPID=
    no "crash test: the load finished before it could be killed"
fi

# --- result formats (golden) ------------------------------------------------
F=$TMP/formats.db
kg load -q --store "$F" formats.ttl
for fmt in table csv tsv json; do
    kg query --store "$F" --results "$fmt" -e formats.rq >"$TMP/out.$fmt"
    check "--results $fmt is exact (golden)" cmp -s "$TMP/out.$fmt" \
        "good-formats.$fmt"
done
check "csv parses back to the same values" "$PY" -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
sys.exit(0 if rows[1][1] == 'Alpha, \"the first\"' and rows[3][5] == '2018-09-14' else 1)
" "$TMP/out.csv"
check "json is valid SPARQL 1.1 JSON results" "$PY" -c "
import json, sys
j = json.load(open(sys.argv[1]))
b = j['results']['bindings']
sys.exit(0 if j['head']['vars'][0] == 's' and b[1]['name'] == {'type': 'literal', 'value': 'Bravo', 'xml:lang': 'en'} and b[1]['x']['type'] == 'bnode' and 'x' not in b[0] else 1)
" "$TMP/out.json"
check "ASK answers true" \
    test "$(kg query --store "$F" 'ASK { ?s ?p "Charlie" }')" = true
check "ASK in json" test "$(kg query --store "$F" --results json \
    'ASK { ?s ?p "Nobody" }' | tr -d ' \n')" = '{"head":{},"boolean":false}'
kg query --store "$F" 'CONSTRUCT { ?s <http://example.org/f/nick> ?n } WHERE { ?s <http://example.org/f/name> ?n }' >"$TMP/c.nt"
check "CONSTRUCT writes N-Triples" \
    grep -qxF '<http://example.org/f/b> <http://example.org/f/nick> "Bravo"@en .' \
    "$TMP/c.nt"
kg query --store "$F" --output "$TMP/o.tsv" --results tsv -e formats.rq
check "--output writes the results to a file" cmp -s "$TMP/o.tsv" good-formats.tsv

# --- bad queries (golden) ---------------------------------------------------
for q in bad-query-*.rq; do
    kg query --store "$F" -e "$q" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "$q exits 1" test $rc -eq 1
    check "$q error text is exact (golden)" diff "$TMP/err" "${q%.rq}.err"
done
kg query --store "$F" 'SELECT ?s WHERE { ?s ?p ?o ) }' 2>"$TMP/err"
check "an inline query is reported as query:LINE:COL" \
    grep -qxF "query:1:28: error: syntax error, unexpected ')', expecting '}'" \
    "$TMP/err"

# --- provenance: the exact queries of docs/store.md -------------------------
P=$TMP/prov.db
kg load -q --store "$P" article1.ttl article2.nq article3.ttl hostile.nt \
    formats.ttl
for q in provenance provenance-graphs; do
    check "docs/store.md shows $q.rq verbatim" "$PY" -c "
import sys
sys.exit(0 if open(sys.argv[1]).read() in open(sys.argv[2]).read() else 1)
" "$q.rq" "$ROOT/docs/store.md"
    kg query --store "$P" --results tsv -e "$q.rq" >"$TMP/out"
    check "$q.rq finds the supporting sentence (golden)" \
        diff "$TMP/out" "good-$q.tsv"
done

# --- hostile text through the store -----------------------------------------
kg query --store "$P" 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/kgraph/article/hostile> { ?s ?p ?o } }' >"$TMP/h.nt"
check "hostile text comes back as the same graph (rdflib isomorphic)" "$PY" -c "
import sys, rdflib
from rdflib.compare import isomorphic
def load(p):
    g = rdflib.Graph(); h = rdflib.Graph()
    g.parse(p, format='turtle')   # rdflib 6.1's nt parser mangles '\\\\t'
    for s, p_, o in g:             # language tags are case-insensitive
        if isinstance(o, rdflib.Literal) and o.language:
            o = rdflib.Literal(str(o), lang=o.language.lower())
        h.add((s, p_, o))
    return h
a, b = load(sys.argv[1]), load(sys.argv[2])
sys.exit(0 if len(a) == 15 and isomorphic(a, b) else 1)
" hostile.nt "$TMP/h.nt"

check "the default graph is the union of graphs as a bag (docs/store.md)" \
    test "$(kg query --store "$P" --results tsv 'SELECT ?a WHERE { ?a <http://example.org/kgraph/rel/met> <http://example.org/kgraph/kim_jong_un> }' | grep -c moon_jae_in)" = 2

# --- the same answers as rdflib ---------------------------------------------
"$PY" crosscheck.py "$KGRAPH" "$P" "$HERE" >"$TMP/cross" 2>&1
while read -r verdict name; do
    case $verdict in
    ok) ok ;;
    FAIL) no "rdflib cross-check: $name" ;;
    esac
done < <(grep -E '^(ok|FAIL) ' "$TMP/cross")
if ! grep -qE '^(ok|FAIL) ' "$TMP/cross" || grep -q '^FAIL' "$TMP/cross"; then
    cat "$TMP/cross"
    grep -qE '^(ok|FAIL) ' "$TMP/cross" || no "rdflib cross-check did not run"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
