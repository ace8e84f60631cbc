#!/usr/bin/env bash
# run.sh KGRAPH - `kgraph push` against a real Virtuoso 7 server.
#
# Starts virtuoso-t on 127.0.0.1 (free ports, a throw-away database
# directory, a fresh dba password), pushes the test graphs through
# /sparql-graph-crud-auth (HTTP digest), queries them back through /sparql
# and compares the counts, a relation query and the provenance query with
# the embedded store's answers, pushes again and checks nothing doubled,
# checks the failures (wrong password, no credentials, ~/.netrc), and stops
# the server by its PID.  Prints "SKIP: ..." and counts one skip only when
# virtuoso-t is missing and scripts/install-deps cannot install it.
set -u
KGRAPH=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FIX=$ROOT/tests/store
PY=/usr/bin/python3
# full malloc stacks under ASan, so tests/lsan.supp can name library frames
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0"
# shellcheck source=tests/virtuoso/virtuoso.sh
. "$HERE/virtuoso.sh"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {
    local name=$1
    shift
    if "$@"; then ok; else no "$name"; fi
}

if ! command -v virtuoso-t >/dev/null 2>&1; then
    "$ROOT/scripts/install-deps" >/dev/null 2>&1
fi
if ! command -v virtuoso-t >/dev/null 2>&1; then
    echo "SKIP: virtuoso-t is not installed and scripts/install-deps could" \
        "not install virtuoso-opensource (not root, or no package source)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi

TMP=$(mktemp -d)
cleanup() {
    virt_stop
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if ! virt_start "$TMP/virtuoso"; then
    no "start Virtuoso: $VIRT_ERROR"
    echo "$pass passed, $fail failed"
    exit 1
fi
ok
GSP=$VIRT_URL/sparql-graph-crud-auth
KG=http://example.org/kgraph
A1=$KG/article/korea-liaison-office
A2=$KG/article/summit-2019
A3=$KG/article/pyongyang-summit
HOST=$KG/article/hostile
push() {
    KGRAPH_USER=dba KGRAPH_PASSWORD=$VIRT_PASSWORD \
        "$KGRAPH" push -q --endpoint "$GSP" "$@"
}
# vcount GRAPH: triples in one graph, from Virtuoso's /sparql (CSV)
vcount() {
    virt_sparql text/csv "SELECT (COUNT(*) AS ?n) FROM <$1> WHERE { ?s ?p ?o }" |
        sed -n 2p | tr -d '"\r'
}

# --- push the test graphs ---------------------------------------------------
push "$FIX/article1.ttl" "$FIX/article2.nq" "$FIX/article3.ttl" \
    "$FIX/hostile.nt" 2>"$TMP/err"
check "push exits 0" test $? -eq 0
[ -s "$TMP/err" ] && cat "$TMP/err"

# the embedded store is the reference for what each graph holds
S=$TMP/ref.db
"$KGRAPH" load -q --store "$S" "$FIX/article1.ttl" "$FIX/article2.nq" \
    "$FIX/article3.ttl" "$FIX/hostile.nt"
"$KGRAPH" query --store "$S" --results tsv \
    'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g' |
    tail -n +2 | tr -d '<>' >"$TMP/ref-counts"
check "the reference store has 6 graphs" test "$(wc -l <"$TMP/ref-counts")" = 6
while read -r g n; do
    check "Virtuoso holds $n triples in <$g>" test "$(vcount "$g")" = "$n"
done <"$TMP/ref-counts"

# --- a relation query and the provenance query, as the store answers -------
json_rows() {  # normalise SPARQL JSON results to sorted value lines
    "$PY" -c '
import json, sys
j = json.load(sys.stdin)
rows = sorted("\t".join(b[v]["value"] if v in b else "" for v in j["head"]["vars"])
              for b in j["results"]["bindings"])
print("\n".join(rows))'
}
REL="SELECT ?a ?b FROM <$A1> WHERE { ?a <$KG/rel/met> ?b }"
virt_sparql application/sparql-results+json "$REL" | json_rows >"$TMP/v-rel"
check "relation query: who met whom in article 1" test "$(cat "$TMP/v-rel")" = \
    "$(printf '%s\t%s' "$KG/moon_jae_in" "$KG/kim_jong_un")"
for q in provenance provenance-graphs; do
    virt_sparql application/sparql-results+json "$(cat "$FIX/$q.rq")" |
        json_rows >"$TMP/v-$q"
    "$KGRAPH" query --store "$S" --results json -e "$FIX/$q.rq" |
        json_rows >"$TMP/s-$q"
    check "$q.rq: Virtuoso and the embedded store agree" \
        diff "$TMP/v-$q" "$TMP/s-$q"
    check "$q.rq finds sentences" test -s "$TMP/v-$q"
done

# --- hostile text survives Virtuoso ----------------------------------------
virt_sparql application/sparql-results+json \
    "SELECT ?s ?l FROM <$HOST> WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }" \
    >"$TMP/hostile.json"
check "hostile labels come back byte for byte" "$PY" -c '
import json, sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[2], format="turtle")
want = sorted(str(o) for o in g.objects(None, rdflib.RDFS.label))
j = json.load(open(sys.argv[1]))
got = sorted(b["l"]["value"] for b in j["results"]["bindings"])
sys.exit(0 if got == want and len(got) == 12 else 1)
' "$TMP/hostile.json" "$FIX/hostile.nt"

# --- push again: PUT replaces, nothing doubles ------------------------------
push "$FIX/article1.ttl" "$FIX/article2.nq"
check "a second push exits 0" test $? -eq 0
check "pushing article 1 again does not double it" test "$(vcount "$A1")" = 29
check "pushing article 2 again does not double it" test "$(vcount "$A2")" = 13
check "a repeated assertion graph stays single" \
    test "$(vcount "$KG/stmt/b2")" = 1
push "$FIX/article1-v2.ttl"
check "a new version replaces the graph" test "$(vcount "$A1")" = 20
push --graph "$KG/g/named" "$FIX/formats.ttl"
check "--graph names the graph" test "$(vcount "$KG/g/named")" = 10

# --- articles are extracted and pushed ------------------------------------------
push "$ROOT/examples/korea-liaison-office.txt"
check "an article (.txt) is pushed as its graph" \
    test "$(vcount https://kgraph.example.org/article/korea_liaison_office)" -gt 100

# --- failures ---------------------------------------------------------------
KGRAPH_USER=dba KGRAPH_PASSWORD=wrong-$VIRT_PASSWORD "$KGRAPH" push \
    --endpoint "$GSP" "$FIX/article1.ttl" 2>"$TMP/err"
check "a wrong password exits 1" test $? -eq 1
check "a wrong password says 401 and names the user" \
    grep -q "refused the credentials of user 'dba' (HTTP 401)" "$TMP/err"
check "the password is never printed" \
    bash -c '! grep -q -- "$1" "$2"' _ "$VIRT_PASSWORD" "$TMP/err"
mkdir -p "$TMP/home"
env -u KGRAPH_USER -u KGRAPH_PASSWORD HOME="$TMP/home" "$KGRAPH" push \
    --endpoint "$GSP" "$FIX/article1.ttl" 2>"$TMP/err"
check "no credentials: exit 1" test $? -eq 1
check "no credentials: says how to give them" \
    grep -q "the server wants a login (HTTP 401): set KGRAPH_USER" "$TMP/err"
printf 'machine 127.0.0.1\nlogin dba\npassword %s\n' "$VIRT_PASSWORD" \
    >"$TMP/home/.netrc"
chmod 600 "$TMP/home/.netrc"
env -u KGRAPH_USER -u KGRAPH_PASSWORD HOME="$TMP/home" "$KGRAPH" push -q \
    --endpoint "$GSP" "$FIX/article1.ttl"
check "credentials from ~/.netrc work" test $? -eq 0
check "the ~/.netrc push replaced the graph" test "$(vcount "$A1")" = 29
KGRAPH_USER=dba KGRAPH_PASSWORD=$VIRT_PASSWORD "$KGRAPH" push \
    --endpoint "$VIRT_URL/no-such-service" "$FIX/article1.ttl" 2>"$TMP/err"
check "a path without the service: exit 1, Virtuoso's HTTP 501" \
    grep -q "error: the server rejected graph <$A1> (HTTP 501)" "$TMP/err"

# --- stop by PID ------------------------------------------------------------
pid=$VIRT_PID
virt_stop
check "the server stopped (PID $pid is gone)" bash -c '! kill -0 "$1" 2>/dev/null' _ "$pid"
"$KGRAPH" push --connect-timeout 5 --endpoint "$GSP" "$FIX/article1.ttl" \
    2>"$TMP/err"
check "a stopped server: connection refused" \
    grep -q "cannot connect: connection refused" "$TMP/err"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
