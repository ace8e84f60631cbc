#!/usr/bin/env bash
# bench-store.sh KGRAPH SHARED - the triple stores over the Wikinews corpus:
# load rate into the embedded store (kgraph load) and into Virtuoso (kgraph
# push), provenance-lookup latency in both, store size on disk.
#
# Every article is extracted to its own N-Triples graph (reified
# provenance), then all are loaded: one named graph per article, one
# transaction each.  If extraction is not available, a synthetic graph of
# the same shape is used instead, and the output says so.
set -uo pipefail
KGRAPH=$(realpath "$1")
SHARED=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3
RUNS=${BENCH_QUERY_RUNS:-20}
tmp=$(mktemp -d)
. "$ROOT/tests/virtuoso/virtuoso.sh"
trap 'virt_stop; rm -rf "$tmp"' EXIT

corpus=("$SHARED"/data/news/*/*.txt)
mkdir -p "$tmp/graphs"
source="the Wikinews corpus (${#corpus[@]} articles)"
if ! "$KGRAPH" extract -q -f nt -o "$tmp/graphs/" "${corpus[@]}" \
    2>"$tmp/extract.err" || ! ls "$tmp/graphs/"*.nt >/dev/null 2>&1; then
    echo "note: 'kgraph extract' failed ($(head -c 200 "$tmp/extract.err"));"
    echo "      timing a SYNTHETIC graph of 400 articles instead"
    source="a SYNTHETIC corpus (400 articles x ~300 triples)"
    rm -f "$tmp/graphs/"*
    "$PY" - "$tmp/graphs" <<'EOF'
import sys
for a in range(400):
    with open("%s/a%03d.nt" % (sys.argv[1], a), "w") as f:
        art = "<https://kgraph.example.org/article/a%d>" % a
        f.write(art + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                "<https://schema.org/NewsArticle> .\n")
        for i in range(30):
            st = "<https://kgraph.example.org/stmt/%d-%d>" % (a, i)
            s, o = "<https://kgraph.example.org/entity/e%d>" % ((a * 7 + i) % 900), \
                   "<https://kgraph.example.org/entity/e%d>" % ((a * 13 + i) % 900)
            p = "<https://kgraph.example.org/ontology/r%d>" % (i % 40)
            f.write("%s %s %s .\n" % (s, p, o))
            for k, v in (("rdf-syntax-ns#subject", s), ("rdf-syntax-ns#predicate", p),
                         ("rdf-syntax-ns#object", o)):
                f.write("%s <http://www.w3.org/1999/02/22-%s> %s .\n" % (st, k, v))
            f.write('%s <http://www.w3.org/ns/prov#wasDerivedFrom> %s .\n' % (st, art))
            f.write('%s <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/'
                    'nif-core#anchorOf> "Sentence %d of article %d says so." .\n'
                    % (st, i, a))
            f.write('%s <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/'
                    'nif-core#beginIndex> "%d"^^<http://www.w3.org/2001/'
                    'XMLSchema#nonNegativeInteger> .\n' % (st, i * 40))
            f.write('%s <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/'
                    'nif-core#endIndex> "%d"^^<http://www.w3.org/2001/'
                    'XMLSchema#nonNegativeInteger> .\n' % (st, i * 40 + 35))
EOF
fi
graphs=("$tmp/graphs/"*.nt)
triples=$(cat "${graphs[@]}" | grep -c .)
echo "input           $source: ${#graphs[@]} graphs, $triples triples"

# --- the embedded store ------------------------------------------------------
S=$tmp/news.db
/usr/bin/time -f '%e %M' -o "$tmp/time" "$KGRAPH" load -q --store "$S" \
    "${graphs[@]}"
read -r secs rss <"$tmp/time"
size=$(stat -c %s "$S")
awk -v t="$triples" -v s="$secs" -v r="$rss" -v z="$size" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "store load      %.2f s, %.0f triples/s, peak RSS %.1f MB\n", s, t / s, r / 1024
    printf "store size      %.1f MB on disk (%.0f bytes/triple)\n", z / 1e6, z / t
}'
/usr/bin/time -f '%e' -o "$tmp/time" "$KGRAPH" load -q --store "$S" \
    "${graphs[@]}"
echo "store reload    $(cat "$tmp/time") s (every graph replaced; size now $(( $(stat -c %s "$S") / 1000000 )) MB)"

# a fact with evidence, for the provenance lookup
"$KGRAPH" query --store "$S" --results tsv 'PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } LIMIT 1' |
    sed -n 2p >"$tmp/fact"
read -r FS FP FO <"$tmp/fact"
cat >"$tmp/prov.rq" <<EOF
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif:  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?article ?sentence ?begin ?end WHERE {
  ?st rdf:subject $FS ; rdf:predicate $FP ; rdf:object $FO ;
      prov:wasDerivedFrom ?article ; nif:anchorOf ?sentence ;
      nif:beginIndex ?begin ; nif:endIndex ?end .
}
EOF
rows=$("$KGRAPH" query --store "$S" --results tsv -e "$tmp/prov.rq" | tail -n +2 | grep -c .)
ms() { date +%s%N; }
t0=$(ms)
for _ in $(seq 1 "$RUNS"); do
    "$KGRAPH" query --store "$S" --results tsv -e "$tmp/prov.rq" >/dev/null
done
t1=$(ms)
awk -v n="$RUNS" -v d="$((t1 - t0))" -v r="$rows" 'BEGIN {
    printf "store lookup    %.1f ms per provenance query (%d runs, whole process; %d rows)\n", d / n / 1e6, n, r
}'

# --- Virtuoso ----------------------------------------------------------------
if ! command -v virtuoso-t >/dev/null 2>&1; then
    echo "virtuoso        SKIP: virtuoso-t not installed (scripts/install-deps)"
    exit 0
fi
t0=$(ms)
if ! VIRT_BUFFERS=100000 virt_start "$tmp/virtuoso"; then
    echo "virtuoso        SKIP: $VIRT_ERROR"
    exit 0
fi
t1=$(ms)
awk -v d="$((t1 - t0))" 'BEGIN { printf "virtuoso start  %.1f s to ready, fresh password set\n", d / 1e9 }'
/usr/bin/time -f '%e %M' -o "$tmp/time" env KGRAPH_USER=dba \
    KGRAPH_PASSWORD="$VIRT_PASSWORD" "$KGRAPH" push -q \
    --endpoint "$VIRT_URL/sparql-graph-crud-auth" "${graphs[@]}"
read -r secs rss <"$tmp/time"
awk -v t="$triples" -v s="$secs" -v r="$rss" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "virtuoso push   %.2f s, %.0f triples/s (Graph Store PUT per article), client RSS %.1f MB\n", s, t / s, r / 1024
}'
vq="$(cat "$tmp/prov.rq")"
vrows=$(virt_sparql text/csv "$vq" | tail -n +2 | grep -c .)
t0=$(ms)
for _ in $(seq 1 "$RUNS"); do
    virt_sparql text/csv "$vq" >/dev/null
done
t1=$(ms)
awk -v n="$RUNS" -v d="$((t1 - t0))" -v r="$vrows" 'BEGIN {
    printf "virtuoso lookup %.1f ms per provenance query (%d runs via curl /sparql; %d rows)\n", d / n / 1e6, n, r
}'
virt_stop
echo "virtuoso size   $(du -sm "$tmp/virtuoso/db" | cut -f1) MB database directory after checkpoint"
