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
# The big load of the crash test uses the fast unwinder: with full stacks
# it would take minutes, and it is killed before it could report a leak.
FAST_ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0"
TMP=$(mktemp -d)
BGPID=
cleanup() {
    [ -n "$BGPID" ] && kill -9 "$BGPID" 2>/dev/null
    [ -n "${FAKE_PID:-}" ] && kill "$FAKE_PID" 2>/dev/null
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
for _ in $(seq 1 3000); do  # up to a minute for the parse
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

# --- push against a stand-in server (tests/virtuoso has the real one) -------
FAKE_PID=
start_fake() {  # start_fake MODE [OUT]: sets FAKE_PORT, FAKE_PID
    rm -f "$TMP/port"
    "$PY" fakegsp.py "$1" "$TMP/port" "${2:-}" &
    FAKE_PID=$!
    for _ in $(seq 1 100); do
        [ -s "$TMP/port" ] && break
        sleep 0.05
    done
    FAKE_PORT=$(cat "$TMP/port" 2>/dev/null)
}
stop_fake() {
    [ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null
    wait "$FAKE_PID" 2>/dev/null
    FAKE_PID=
}
# no credentials from the developer's own environment or ~/.netrc
mkdir -p "$TMP/home"
nocreds() { env -u KGRAPH_USER -u KGRAPH_PASSWORD HOME="$TMP/home" "$@"; }

start_fake record "$TMP/requests"
nocreds "$KGRAPH" push -q --endpoint "http://127.0.0.1:$FAKE_PORT/gsp?x=1" \
    article2.nq 2>"$TMP/err"
check "push to a Graph Store exits 0" test $? -eq 0
stop_fake
check "push sends one PUT per graph, the graph IRI URL-encoded, as Turtle" \
    "$PY" - "$TMP/requests" <<'EOF2'
import json, sys, urllib.parse, rdflib
reqs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
graphs = {}
for r in reqs:
    assert r["method"] == "PUT", r
    assert r["type"].startswith("text/turtle"), r
    path, _, query = r["path"].partition("?")
    q = urllib.parse.parse_qs(query)
    assert path == "/gsp" and q["x"] == ["1"], r
    g = rdflib.Graph()
    g.parse(data=r["body"], format="turtle")
    graphs[q["graph"][0]] = len(g)
want = {"http://example.org/kgraph/article/summit-2019": 13,
        "http://example.org/kgraph/stmt/b1": 1,
        "http://example.org/kgraph/stmt/b2": 1}
sys.exit(0 if graphs == want else 1)
EOF2

start_fake error
nocreds "$KGRAPH" push --endpoint "http://127.0.0.1:$FAKE_PORT/gsp" \
    article1.ttl 2>"$TMP/err"
check "a server error exits 1" test $? -eq 1
check "a server error shows the status and the server's own text" \
    grep -qF "error: the server rejected graph <$A1> (HTTP 500): Error 500 SP029: TURTLE RDF loader, line 3: syntax error at <x>" \
    "$TMP/err"
stop_fake

start_fake basic "$TMP/basic"
KGRAPH_USER=u KGRAPH_PASSWORD=p "$KGRAPH" push -q \
    --endpoint "http://127.0.0.1:$FAKE_PORT/gsp" article1.ttl
check "HTTP basic auth from KGRAPH_USER/KGRAPH_PASSWORD" test $? -eq 0
nocreds "$KGRAPH" push --endpoint "http://127.0.0.1:$FAKE_PORT/gsp" \
    article1.ttl 2>"$TMP/err"
check "401 without credentials says how to give them" \
    grep -q "the server wants a login (HTTP 401): set KGRAPH_USER" "$TMP/err"
stop_fake

start_fake hang
SECONDS=0
nocreds "$KGRAPH" push --timeout 1 --endpoint "http://127.0.0.1:$FAKE_PORT/gsp" \
    article1.ttl 2>"$TMP/err"
rc=$?
check "a silent server times out (exit 1, within the timeout)" \
    test $rc -eq 1 -a $SECONDS -le 5
check "the timeout is named" grep -q "error: timed out sending graph" "$TMP/err"
stop_fake

if openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
    -keyout "$TMP/tls.key" -out "$TMP/tls.crt" >/dev/null 2>&1; then
    start_fake tls "$TMP/tls"
    nocreds "$KGRAPH" push --endpoint "https://127.0.0.1:$FAKE_PORT/gsp" \
        article1.ttl 2>"$TMP/err"
    check "a self-signed certificate is refused (exit 1)" test $? -eq 1
    check "the TLS failure is named" \
        grep -q "TLS certificate verification failed" "$TMP/err"
    stop_fake
else
    no "openssl could not make a test certificate"
fi

read -r FREE_PORT _ < <("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
nocreds "$KGRAPH" push --endpoint "http://127.0.0.1:$FREE_PORT/gsp" \
    article1.ttl 2>"$TMP/err"
check "nothing listening: connection refused" \
    grep -q "cannot connect: connection refused" "$TMP/err"
nocreds "$KGRAPH" push --endpoint "http://u:secret@127.0.0.1:$FREE_PORT/gsp" \
    article1.ttl 2>"$TMP/err"
check "credentials in the URL are refused" \
    grep -q "the endpoint URL holds a user name" "$TMP/err"
KGRAPH_USER=u nocreds env KGRAPH_USER=u "$KGRAPH" push \
    --endpoint "http://127.0.0.1:$FREE_PORT/gsp" article1.ttl 2>"$TMP/err"
check "a user without a password is refused" \
    grep -q "KGRAPH_USER is set but KGRAPH_PASSWORD is not" "$TMP/err"
kg push --endpoint "ftp://127.0.0.1/gsp" article1.ttl >/dev/null 2>&1
check "a non-HTTP endpoint exits 1" test $? -eq 1
kg push article1.ttl >/dev/null 2>&1
check "push without --endpoint is a usage error (2)" test $? -eq 2

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
