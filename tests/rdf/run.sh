#!/usr/bin/env bash
# tests/rdf/run.sh KGRAPH - RDF output in every format parses with rapper
# and with rdflib, both count the same triples, every format holds the
# same number of statements, a rerun is byte-identical, there are no blank
# nodes, and SPARQL can select by superclass once the schema is loaded.
# Covers `kgraph schema` on the shipped ontologies and, once `kgraph
# extract` is built, extract on the example articles.
set -u
KGRAPH=$1
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3   # Debian's python3-rdflib is installed for this one
pass=0; fail=0
ok()    { pass=$((pass + 1)); }
bad()   { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have_rapper=1; have_rdflib=1
command -v rapper >/dev/null 2>&1 || { have_rapper=0; echo "SKIP: rapper not installed (raptor2-utils): no rapper checks"; }
$PY -c 'import rdflib' 2>/dev/null || { have_rdflib=0; echo "SKIP: rdflib not importable by $PY (python3-rdflib): no rdflib checks"; }

rapper_name() { case $1 in ttl) echo turtle;; nt) echo ntriples;; nq) echo nquads;; trig) echo trig;; esac; }
rdflib_name() { case $1 in ttl) echo turtle;; nt) echo nt;; nq) echo nquads;; trig) echo trig;; esac; }

# Number of statements rapper reads, or "" when it reports an error.
rapper_count() { # file fmt
    local out
    out=$(rapper -i "$(rapper_name "$2")" -c "$1" 2>&1) || return 0
    if grep -qi 'error' <<<"$out"; then return 0; fi
    grep -Eo 'returned [0-9]+' <<<"$out" | grep -Eo '[0-9]+'
}

# Number of statements (quads for N-Quads/TriG) rdflib reads, or "".
rdflib_count() { # file fmt
    $PY - "$1" "$(rdflib_name "$2")" <<'PY' 2>"$tmp/rdflib.err"
import sys, rdflib
path, fmt = sys.argv[1], sys.argv[2]
if fmt in ("nquads", "trig"):
    d = rdflib.Dataset()
    d.parse(path, format=fmt)
    print(sum(1 for _ in d.quads((None, None, None, None))))
else:
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    print(len(g))
PY
}

# Parse checks for one output file; echoes the count to $tmp/count.
check_file() { # what file fmt
    local what=$1 f=$2 fmt=$3 nr="" nl=""
    check "$what has no blank nodes" sh -c "! grep -q '_:' '$f'"
    if [ $have_rapper = 1 ]; then
        nr=$(rapper_count "$f" "$fmt")
        check "rapper parses $what" test -n "$nr"
    fi
    if [ $have_rdflib = 1 ]; then
        nl=$(rdflib_count "$f" "$fmt")
        check "rdflib parses $what ($(head -c 300 "$tmp/rdflib.err"))" test -n "$nl"
    fi
    if [ -n "$nr" ] && [ -n "$nl" ]; then
        check "$what: rapper ($nr) and rdflib ($nl) count the same statements" test "$nr" = "$nl"
    fi
    echo "${nr:-$nl}" >"$tmp/count"
}

# --- kgraph schema ------------------------------------------------------------
# The shipped ontologies that stand alone (world.yaml is only imported);
# korea imports news, which imports world.
ontologies=()
for ont in schema/news.yaml schema/korea.yaml; do
    if [ -e "$ont" ]; then ontologies+=("$ont"); else bad "$ont is missing"; fi
done
for ont in "${ontologies[@]}"; do
    stem=$(basename "$ont" .yaml)
    counts=()
    for fmt in ttl nt nq trig; do
        out=$tmp/$stem.$fmt
        if ! "$KGRAPH" schema -f "$fmt" -o "$out" "$ont" 2>"$tmp/err"; then
            bad "kgraph schema -f $fmt $ont: $(head -c 300 "$tmp/err")"; continue
        fi
        ok
        "$KGRAPH" schema -f "$fmt" "$ont" >"$tmp/again" 2>/dev/null
        check "schema $stem.$fmt is byte-identical on a rerun (to stdout)" cmp -s "$out" "$tmp/again"
        check_file "schema $stem.$fmt" "$out" "$fmt"
        counts+=("$fmt=$(cat "$tmp/count")")
    done
    n=$(printf '%s\n' "${counts[@]}" | cut -d= -f2 | sort -u | wc -l)
    check "schema $stem: every format holds the same statements (${counts[*]})" test "$n" = 1
    check "schema $stem: the format follows -o's extension" \
        sh -c "'$KGRAPH' schema -o '$tmp/ext.nt' '$ont' && cmp -s '$tmp/ext.nt' '$tmp/$stem.nt'"

    if [ $have_rdflib = 1 ] && [ -s "$tmp/$stem.ttl" ]; then
        # Superclass queries: every typed entity reaches more classes
        # through rdfs:subClassOf* than it has types, and in the shipped
        # ontologies a person or a city is a prov:Agent and a schema:Thing.
        if $PY - "$tmp/$stem.ttl" <<'PY' 2>"$tmp/rdflib.err"
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")
direct = len(g.query("SELECT DISTINCT ?x ?c WHERE { ?x a ?c . ?c a <http://www.w3.org/2002/07/owl#Class> }"))
closed = len(g.query("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?c WHERE { ?x a/rdfs:subClassOf* ?c . ?c a <http://www.w3.org/2002/07/owl#Class> }"""))
has_sub = bool(g.query("ASK { ?a <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?b }").askAnswer)
if has_sub and direct and closed <= direct:
    sys.exit(f"{closed} typings through subClassOf*, {direct} direct")
agents = {str(r.x) for r in g.query("""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x WHERE { ?x a/rdfs:subClassOf* <http://www.w3.org/ns/prov#Agent> ;
                     a/rdfs:subClassOf* <https://schema.org/Thing> }""")}
labels = {str(o) for s, o in g.subject_objects(rdflib.RDFS.label) if str(s) in agents}
for want in ("Moon Jae-in", "Seoul"):
    if any(str(o) == want for o in g.objects(None, rdflib.RDFS.label)) and want not in labels:
        sys.exit(f"{want} is not found as a prov:Agent through rdfs:subClassOf*")
PY
        then ok; else bad "schema $stem: SPARQL selects by superclass: $(tail -c 300 "$tmp/rdflib.err")"; fi    fi
done

# --- usage and input errors -----------------------------------------------------
"$KGRAPH" schema >/dev/null 2>&1; rc=$?
check "schema without an ontology exits 2 (got $rc)" test $rc = 2
"$KGRAPH" schema -f rdfxml x.yaml >/dev/null 2>"$tmp/err"; rc=$?
check "schema -f rdfxml exits 2 (got $rc)" test $rc = 2
check "schema -f rdfxml names the format" grep -q "unknown format 'rdfxml'" "$tmp/err"
"$KGRAPH" schema --help >"$tmp/help" 2>&1; rc=$?
check "schema --help exits 0 (got $rc)" test $rc = 0
check "schema --help lists --format" grep -q -- '--format' "$tmp/help"
"$KGRAPH" schema -o "$tmp/none.ttl" "$tmp/missing.yaml" >/dev/null 2>"$tmp/err"; rc=$?
check "schema on a missing file exits 1 (got $rc)" test $rc = 1
check "schema on a missing file writes nothing" test ! -e "$tmp/none.ttl"
check "schema on a missing file says why" grep -q "missing.yaml" "$tmp/err"

# --- kgraph extract -------------------------------------------------------------
if ! "$KGRAPH" extract --help >/dev/null 2>&1; then
    echo "SKIP: kgraph extract is not built yet: graph outputs not exercised"
else
    for a in examples/*.txt; do
        [ -e "$a" ] || continue
        stem=$(basename "$a" .txt)
        ont=()
        [ -e "schema/$stem.yaml" ] && ont=(--ontology "schema/$stem.yaml")
        [ "$stem" = korea-liaison-office ] && [ -e schema/korea.yaml ] && ont=(--ontology schema/korea.yaml)
        counts=()
        for fmt in ttl nt nq trig; do
            mkdir -p "$tmp/x1" "$tmp/x2"
            if ! "$KGRAPH" extract "${ont[@]}" -f "$fmt" -o "$tmp/x1" "$a" 2>"$tmp/err"; then
                bad "extract -f $fmt $a: $(head -c 300 "$tmp/err")"; continue
            fi
            ok
            "$KGRAPH" extract "${ont[@]}" -f "$fmt" -o "$tmp/x2" "$a" 2>/dev/null
            check "extract $stem.$fmt is byte-identical on a rerun" cmp -s "$tmp/x1/$stem.$fmt" "$tmp/x2/$stem.$fmt"
            check_file "extract $stem.$fmt" "$tmp/x1/$stem.$fmt" "$fmt"
            counts+=("$fmt=$(cat "$tmp/count")")
            rm -rf "$tmp/x1" "$tmp/x2"
        done
        # Turtle and N-Triples reify provenance, N-Quads and TriG name a
        # graph per piece of evidence: each pair holds the same statements.
        t=$(printf '%s\n' "${counts[@]}" | grep -E '^(ttl|nt)=' | cut -d= -f2 | sort -u | wc -l)
        q=$(printf '%s\n' "${counts[@]}" | grep -E '^(nq|trig)=' | cut -d= -f2 | sort -u | wc -l)
        check "extract $stem: Turtle and N-Triples agree (${counts[*]})" test "$t" = 1
        check "extract $stem: N-Quads and TriG agree (${counts[*]})" test "$q" = 1
    done

    # Hostile text (quotes, backslashes, tabs, <>, emoji, right-to-left
    # script, an invalid URL and date) parses in every format, and the
    # headline comes back exactly.
    for fmt in ttl nt nq trig; do
        mkdir -p "$tmp/h"
        if ! "$KGRAPH" extract -f "$fmt" -o "$tmp/h" tests/rdf/hostile.txt 2>"$tmp/err"; then
            bad "extract -f $fmt tests/rdf/hostile.txt: $(head -c 300 "$tmp/err")"; continue
        fi
        ok
        check_file "extract hostile.$fmt" "$tmp/h/hostile.$fmt" "$fmt"
        if [ $have_rdflib = 1 ]; then
            if $PY - "$tmp/h/hostile.$fmt" "$(rdflib_name "$fmt")" <<'PY' 2>"$tmp/rdflib.err"
import sys, rdflib
path, fmt = sys.argv[1], sys.argv[2]
d = rdflib.Dataset(); d.parse(path, format=fmt)
S = "https://schema.org/"
want = {
    S + "headline": 'Quotes "inside", a back\\slash, <tag> & emoji \U0001F600 \U0001D11E',
    S + "url": "not a url",
    S + "datePublished": "2018-02-30",
    S + "publisher": '<Wire> "News"',
}
got = {str(p): o for s, p, o, g in d.quads((None, None, None, None)) if str(p) in want}
for p, v in want.items():
    o = got.get(p)
    if not isinstance(o, rdflib.Literal) or str(o) != v or o.datatype is not None:
        sys.exit(f"{p}: want plain literal {v!r}, got {o!r}")
PY
            then ok; else bad "hostile.$fmt literals: $(tail -c 300 "$tmp/rdflib.err")"; fi
        fi
        rm -rf "$tmp/h"
    done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
