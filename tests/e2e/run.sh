#!/usr/bin/env bash
# End-to-end: `kgraph extract` on the example articles; the outputs parse
# with rapper and rdflib (same triple count), the DOT renders with dot, a
# rerun is byte-identical, usage errors exit 2, and bad input writes nothing.
set -u
KGRAPH=$1
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

articles=(examples/korea-liaison-office.txt examples/boris-johnson-conservative-leader.txt examples/african-union-free-trade-bloc.txt)

# --- every article, every format -------------------------------------------
for a in "${articles[@]}"; do
    stem=$(basename "$a" .txt)
    ont=()
    [ "$stem" = korea-liaison-office ] && ont=(--ontology schema/korea.yaml)
    mkdir -p "$tmp/1" "$tmp/2"
    if ! "$KGRAPH" extract "${ont[@]}" -f ttl,nt,dot,svg -o "$tmp/1" "$a" 2>"$tmp/err"; then
        bad "extract $a: $(cat "$tmp/err")"; continue
    fi
    ok
    "$KGRAPH" extract "${ont[@]}" -f ttl,nt,dot,svg -o "$tmp/2" "$a" 2>/dev/null
    for f in ttl nt dot svg; do
        check "$stem.$f is byte-identical on a rerun" cmp -s "$tmp/1/$stem.$f" "$tmp/2/$stem.$f"
    done
    check "rapper parses $stem.ttl" rapper -q -i turtle -c "$tmp/1/$stem.ttl"
    check "rapper parses $stem.nt" rapper -q -i ntriples -c "$tmp/1/$stem.nt"
    n_rapper=$(rapper -i turtle -c "$tmp/1/$stem.ttl" 2>&1 | grep -Eo 'returned [0-9]+ triples' | grep -Eo '[0-9]+')
    n_nt=$(grep -c '' "$tmp/1/$stem.nt")
    n_rdflib=$($PY -c 'import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle"); print(len(g))' "$tmp/1/$stem.ttl" 2>"$tmp/err")
    check "rdflib reads $stem.ttl ($(head -c 300 "$tmp/err"))" test -n "$n_rdflib"
    check "$stem: rapper ($n_rapper) and rdflib ($n_rdflib) count the same triples" test "$n_rapper" = "$n_rdflib"
    check "$stem: Turtle and N-Triples hold the same triples ($n_rapper vs $n_nt)" test "$n_rapper" = "$n_nt"
    check "dot renders $stem.dot" sh -c "dot -Tsvg '$tmp/1/$stem.dot' >/dev/null 2>'$tmp/doterr' && ! grep -q . '$tmp/doterr'"
    check "$stem.svg is well-formed XML" $PY -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$tmp/1/$stem.svg"
    check "$stem.nt has no blank nodes" sh -c "! grep -q '_:' '$tmp/1/$stem.nt'"
    rm -rf "$tmp/1" "$tmp/2"
done

# --- the example article's entities and types ----------------------------------
"$KGRAPH" extract --ontology schema/korea.yaml -f nt -o "$tmp/k.nt" examples/korea-liaison-office.txt 2>/dev/null
"$KGRAPH" schema -f nt -o "$tmp/schema.nt" schema/korea.yaml 2>/dev/null
has_type() { # label class-name: typed with the class or one of its subclasses
    $PY - "$tmp/k.nt" "$tmp/schema.nt" "$1" "$2" <<'PY'
import sys, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="nt")
g.parse(sys.argv[2], format="nt")
label, cls = sys.argv[3], sys.argv[4]
q = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
ASK { ?e rdfs:label ?l ; a ?c . ?c rdfs:subClassOf* ?k . ?k rdfs:label ?kl .
      FILTER(STR(?l) = "%s" && REPLACE(LCASE(STR(?kl)), " ", "") = LCASE("%s")) }""" % (label, cls)
sys.exit(0 if g.query(q).askAnswer else 1)
PY
}
for pair in "Moon Jae-in:Person" "Kim Jong Un:Person" "Kim Eui-keum:Person" "Donald Trump:Person" \
            "John Bolton:Person" "Xi Jinping:Person" "Song Jae-ik:Person" "Michael Pompeo:Person" \
            "North Korea:Country" "South Korea:Country" "United States:Country" "China:Country" \
            "Singapore:Country" "Seoul:City" "Pyongyang:City" "State Department:GovernmentOrganization" \
            "United Nations:InternationalOrganization" "Hanyang University:EducationalOrganization" \
            "Korean Central News Agency:MediaOrganization" "Bloomberg News:MediaOrganization"; do
    check "korea graph has '${pair%%:*}' typed ${pair##*:}" has_type "${pair%%:*}" "${pair##*:}"
done

# --- the README's provenance query, as written there --------------------------------
awk '/^```sparql$/ {on=1; next} /^```$/ {if (on) exit} on' README.md > "$tmp/readme.rq"
rows=$($PY - "$tmp/k.nt" "$tmp/readme.rq" <<'PY'
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format="nt")
rows = list(g.query(open(sys.argv[2]).read()))
for r in rows:
    print(r.sentence)
PY
)
check "the README's provenance query finds Bolton's sentence" sh -c "echo \"\$1\" | grep -q 'national security adviser'" _ "$rows"

# --- command line ------------------------------------------------------------------
"$KGRAPH" extract >/dev/null 2>&1; check "extract without articles exits 2" test $? -eq 2
"$KGRAPH" extract --bogus x >/dev/null 2>&1; check "unknown option exits 2" test $? -eq 2
"$KGRAPH" frobnicate >/dev/null 2>&1; check "unknown command exits 2" test $? -eq 2
# every command names the option it does not know or that lacks its value
# (regression: eval-ud, parse, oie, train-*, load, push and query said
# only "unknown option", after getopt's own message)
for cmd in build diff extract schema eval-ud parse oie train-tagger train-parser load push query; do
    "$KGRAPH" $cmd --bogus x >/dev/null 2>"$tmp/err"; rc=$?
    check "$cmd --bogus exits 2 ($rc)" test $rc -eq 2
    check "$cmd --bogus: $(head -c 200 "$tmp/err")" test "$(cat "$tmp/err")" = "kgraph $cmd: error: unknown option '--bogus'
Try 'kgraph $cmd --help' for more information."
done
for cmd_opt in "parse -o" "eval-ud -m" "oie -m" "train-tagger -e" "train-parser -e" "load -s" "push -E" "query -s"; do
    read -r c o <<<"$cmd_opt"
    "$KGRAPH" "$c" "$o" >/dev/null 2>"$tmp/err"; rc=$?
    check "$c $o without a value exits 2 ($rc)" test $rc -eq 2
    check "$c $o without a value: $(head -c 200 "$tmp/err")" test "$(head -n 1 "$tmp/err")" = "kgraph $c: error: option '$o' needs a value"
done
"$KGRAPH" extract -f xml examples/korea-liaison-office.txt >/dev/null 2>&1; check "unknown format exits 2" test $? -eq 2
"$KGRAPH" --version | grep -Eq '^kgraph [0-9]'; check "--version prints a version" test $? -eq 0
"$KGRAPH" extract --help | grep -q -- '--ontology'; check "extract --help documents --ontology" test $? -eq 0
"$KGRAPH" extract -o "$tmp/x.unknown" examples/korea-liaison-office.txt >/dev/null 2>&1; check "unknown extension exits 2" test $? -eq 2
out=$("$KGRAPH" extract - < examples/african-union-free-trade-bloc.txt 2>/dev/null | head -c 100000 | grep -c 'NewsArticle')
check "stdin to stdout works" test "$out" -ge 1

# --- bad input: exit 1, nothing written, even with good articles beside it ---------
mkdir -p "$tmp/out"
printf 'Title\n\nBad \xff byte.\n' > "$tmp/bad.txt"
"$KGRAPH" extract -o "$tmp/out" examples/african-union-free-trade-bloc.txt "$tmp/bad.txt" 2>"$tmp/err"
check "a bad article among good ones exits 1" test $? -eq 1
check "and nothing is written" test -z "$(ls -A "$tmp/out")"
check "the error names the byte" grep -q "bad.txt:3:5: error: invalid UTF-8 byte 0xff" "$tmp/err"
"$KGRAPH" extract -o "$tmp/bad-dir/" "$tmp/bad.txt" 2>/dev/null
check "a bad article does not create the -o directory" test ! -e "$tmp/bad-dir"
"$KGRAPH" extract -o "$tmp/new-dir/" examples/african-union-free-trade-bloc.txt 2>"$tmp/err"
check "-o DIR/ creates a missing directory ($(cat "$tmp/err"))" test -s "$tmp/new-dir/african-union-free-trade-bloc.ttl"
"$KGRAPH" extract -o "$tmp/no/such/" examples/african-union-free-trade-bloc.txt 2>"$tmp/err"
check "-o DIR/ under a missing parent exits 1" test $? -eq 1
check "and says which directory" grep -q "no/such/: error: cannot create directory" "$tmp/err"
"$KGRAPH" extract --explain -f ttl -o /dev/null examples/african-union-free-trade-bloc.txt 2>"$tmp/err"
check "the README's --explain line works" grep -q "\[title-noun\]" "$tmp/err"
"$KGRAPH" extract --ontology "$tmp/missing.yaml" examples/korea-liaison-office.txt >/dev/null 2>"$tmp/err"
check "a missing ontology exits 1" test $? -eq 1

# regression: one output that cannot be written left the others behind
mkdir -p "$tmp/part/korea-liaison-office.svg"
"$KGRAPH" extract -O korea -o "$tmp/part/" examples/korea-liaison-office.txt 2>/dev/null
check "an unwritable output exits 1" test $? -eq 1
check "and none of the other outputs is left" test "$(ls "$tmp/part")" = korea-liaison-office.svg
# a shipped ontology by name, as check-ontology and schema accept it
"$KGRAPH" extract -O korea -f nt examples/korea-liaison-office.txt 2>/dev/null | grep -q adviser_to
check "--ontology korea finds schema/korea.yaml" test $? -eq 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
