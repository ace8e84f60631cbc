#!/usr/bin/env bash
# kgraph build: the same bytes for every -j; --stream is valid N-Quads in
# input order and equal to the merged N-Quads; bad articles and bad JSON
# Lines records are reported and skipped (exit 1 with the count),
# --fail-fast stops; entities merge across articles (and a bare "Kim"
# does not), with the merge log and skos:altLabel; GNU parallel shards
# loaded with kgraph load give the graph of one build; usage errors exit
# 2; a signal leaves no output and no temporary file.
set -u
KGRAPH=$(realpath "$1")
cd "$(dirname "$0")/../.."
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PARALLEL_HOME=$tmp/parallel
# as `make test` sets it, for runs by hand (kgraph load's raptor leaks)
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}"

FIX=tests/build/corpus
# the korea example first: the longest, so -j4 finishes others before it
corpus=(examples/korea-liaison-office.txt "$FIX"/*.txt
        examples/african-union-free-trade-bloc.txt
        examples/boris-johnson-conservative-leader.txt)
# a few Wikinews articles when the shared data is there
for f in $(ls ../shared/data/news/gum_wikinews/GUM_news_*.txt 2>/dev/null | head -6); do
    corpus+=("$f")
done
B() { "$KGRAPH" build -q "$@"; }

# --- the same bytes for every -j ---------------------------------------------
B -j1 -o "$tmp/j1.nq" "${corpus[@]}"; check "build -j1" test $? = 0
B -j4 -o "$tmp/j4.nq" "${corpus[@]}"; check "build -j4" test $? = 0
check "-j1 and -j4 write the same N-Quads" cmp -s "$tmp/j1.nq" "$tmp/j4.nq"
B -j1 -o "$tmp/j1.ttl" "${corpus[@]}"
B -j3 -o "$tmp/j3.ttl" "${corpus[@]}"
check "-j1 and -j3 write the same Turtle" cmp -s "$tmp/j1.ttl" "$tmp/j3.ttl"
B -j1 --stream "${corpus[@]}" > "$tmp/s1.nq"
B -j4 --stream "${corpus[@]}" > "$tmp/s4.nq"
check "-j1 and -j4 stream the same N-Quads" cmp -s "$tmp/s1.nq" "$tmp/s4.nq"
check "the stream is the merged N-Quads (every article its own graph)" \
    cmp -s "$tmp/s1.nq" "$tmp/j1.nq"
B -j2 -o "$tmp/rerun.nq" "${corpus[@]}"
check "a rerun is byte-identical" cmp -s "$tmp/j1.nq" "$tmp/rerun.nq"

# --- the stream: valid N-Quads, in input order, one article at a time ---------
n_rapper=$(rapper -i nquads -c "$tmp/s4.nq" 2>&1 | grep -Eo 'returned [0-9]+' | grep -Eo '[0-9]+')
check "rapper reads the stream ($n_rapper statements)" test "${n_rapper:-0}" = "$(grep -c '' "$tmp/s4.nq")"
check "the Turtle has the same statements, without graphs" \
    test "$(rapper -i turtle -c "$tmp/j1.ttl" 2>&1 | grep -Eo 'returned [0-9]+' | grep -Eo '[0-9]+')" \
         = "$(B -j2 -o - -f nt "${corpus[@]}" | grep -c '')"
slug() { tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/_/g; s/^_//; s/_$//'; }
want=""
for f in "${corpus[@]}"; do
    id=$(sed -n '1{/^---$/!q};/^id: */{s/^id: *//p;q}' "$f")
    [ -n "$id" ] || id=$(basename "$f" .txt)
    want+="$(echo "$id" | slug) "
done
got=$(grep -Eo '<[^>]*/article/[^>]*> \.$' "$tmp/s4.nq" | sed -E 's#.*/article/([^>]*)> \.#\1#' | uniq | tr '\n' ' ')
check "articles are streamed in input order, each in one piece [$got]" test "$got" = "$want"

# --- JSON Lines: a bad line is an error naming it; the rest goes on ------------
{
    echo '{"id": "one", "title": "Angela Merkel visits Paris", "text": "German Chancellor Angela Merkel met Emmanuel Macron in Paris on Monday.", "published": "2019-05-06", "version": 2}'
    echo '{"id": "two", "text": "unterminated'
    echo ''
    echo '{"id": "three", "text": "Boris Johnson spoke in London.", "url": "https://example.org/three"}'
    echo '[1, 2]'
} > "$tmp/in.jsonl"
B -j2 -o "$tmp/jl.nq" - < "$tmp/in.jsonl" 2> "$tmp/jl.err"
check "bad JSON Lines records: exit 1" test $? = 1
check "the bad line is named: $(head -1 "$tmp/jl.err")" grep -qx 'stdin:2:23: error: unterminated string' "$tmp/jl.err"
check "so is the other bad record" grep -q "^stdin:5:1: error: expected a JSON object" "$tmp/jl.err"
check "the good records are in the graph" \
    test "$(grep -Eo '/article/(one|three)> \.$' "$tmp/jl.nq" | sort -u | wc -l)" = 2
"$KGRAPH" build -j2 -o "$tmp/jl2.nq" - < "$tmp/in.jsonl" 2> "$tmp/jl2.err"
check "the summary counts 2 articles and 2 errors: $(tail -1 "$tmp/jl2.err")" \
    grep -Eq '^kgraph build: 2 articles, .* 2 errors in ' "$tmp/jl2.err"
check "record fields become article metadata" \
    grep -q '/article/one> <https://schema.org/version> "2" ' "$tmp/jl.nq"
B -o "$tmp/jlf.nq" "$tmp/in.jsonl" 2> "$tmp/jlf.err"
check "a *.jsonl file is read as records, errors named after it" \
    grep -q "^$tmp/in.jsonl:2:23: error: unterminated string" "$tmp/jlf.err"

# --- bad articles: reported with their names, the rest is processed --------------
printf 'Title\n\nbad \xff byte\n' > "$tmp/bad-utf8.txt"
: > "$tmp/empty.txt"
B -j2 -o "$tmp/bad.nq" "$FIX/a-hanoi-summit.txt" "$tmp/bad-utf8.txt" \
    "$tmp/missing.txt" "$tmp/empty.txt" "$FIX/c-port-strike.txt" 2> "$tmp/bad.err"
check "bad articles: exit 1" test $? = 1
check "invalid UTF-8 is named: $(grep -m1 bad-utf8 "$tmp/bad.err")" grep -q "^$tmp/bad-utf8.txt:3:5: error: invalid UTF-8 byte 0xff" "$tmp/bad.err"
check "a missing file is named" grep -q "^$tmp/missing.txt: error: cannot open" "$tmp/bad.err"
check "an empty file is named" grep -q "^$tmp/empty.txt" "$tmp/bad.err"
check "the count is given" grep -q "^kgraph build: 3 of 5 inputs failed" "$tmp/bad.err"
check "the good articles are written" \
    test "$(grep -Eo '/article/(a_hanoi_summit|c_port_strike)> \.$' "$tmp/bad.nq" | sort -u | wc -l)" = 2

# --- --fail-fast: the first bad article stops the run; no output file ----------------
B -j2 --fail-fast -o "$tmp/ff.nq" "$FIX/a-hanoi-summit.txt" "$tmp/bad-utf8.txt" \
    "$tmp/empty.txt" "$FIX/c-port-strike.txt" 2> "$tmp/ff.err"
check "--fail-fast: exit 1" test $? = 1
check "--fail-fast: no output file" test ! -e "$tmp/ff.nq"
check "--fail-fast: only the first error" test "$(grep -c 'error:' "$tmp/ff.err")" = 1
B -j2 --fail-fast --stream "$FIX/a-hanoi-summit.txt" "$tmp/bad-utf8.txt" \
    "$FIX/c-port-strike.txt" > "$tmp/ff-stream.nq" 2>/dev/null
check "--fail-fast --stream: the articles before it, nothing after" \
    test "$(grep -Eo '/article/[a-z_]*> \.$' "$tmp/ff-stream.nq" | sort -u | tr '\n' ' ')" = "/article/a_hanoi_summit> . "

# --- one id, two articles -------------------------------------------------------------
B -o "$tmp/dup.nq" examples/korea-liaison-office.txt examples/korea-liaison-office-v2.txt 2> "$tmp/dup.err"
check "a duplicate article id: exit 1" test $? = 1
check "a duplicate article id is named: $(head -1 "$tmp/dup.err")" \
    grep -q "^examples/korea-liaison-office-v2.txt: error: article id 'korea-liaison-office' was already used by 'examples/korea-liaison-office.txt'" "$tmp/dup.err"

# --- entities across articles --------------------------------------------------------
B -j2 -f nt -o "$tmp/fx.nt" --merge-log "$tmp/merge.tsv" "$FIX"
check "fixtures build" test $? = 0
E='<https://kgraph.example.org/entity/'
check "an ontology entity named differently in two articles is one node with both forms" \
    grep -q "^${E}north_korea> <http://www.w3.org/2004/02/skos/core#altLabel> \"DPRK\" \.$" "$tmp/fx.nt"
check "a name spelled with and without accents is one node" \
    test "$(grep -c "^${E}zephyr_shipping_company> <http://www.w3.org/2000/01/rdf-schema#label>" "$tmp/fx.nt")" = 2
check "its facts from both articles are on the one node" \
    test "$(grep -c "^${E}zephyr_shipping_company> <https://kgraph.example.org/[a-z]*/[a-z_]*> <" "$tmp/fx.nt")" -ge 2
check "\"Mr. Kim\" resolved in its own article is Kim Jong-un" \
    grep -q "^${E}kim_jong_un> <http://www.w3.org/2004/02/skos/core#altLabel> \"Kim\" \.$" "$tmp/fx.nt"
check "a bare \"Kim\" stays in its article (b)" grep -q "^${E}b_seoul_factory/kim> " "$tmp/fx.nt"
check "a bare \"Kim\" stays in its article (c)" grep -q "^${E}c_port_strike/kim> " "$tmp/fx.nt"
check "no article-free \"Kim\" node" sh -c "! grep -q '^${E}kim> ' '$tmp/fx.nt'"
check "merge log header" grep -q '^# kgraph build merge log' "$tmp/merge.tsv"
check "merge log: ontology id" grep -qP "^${E}north_korea>\t$FIX/b-seoul-factory.txt\t\"North Korea\", \"DPRK\"\t$FIX/a-hanoi-summit.txt\t.*\tontology id north_korea$" "$tmp/merge.tsv"
check "merge log: normalised label" grep -qP "^${E}zephyr_shipping_company>\t$FIX/b-seoul-factory.txt\t\"Zéphyr Shipping Company\"\t$FIX/a-hanoi-summit.txt\t\"Zephyr Shipping Company\"\tsame normalised label \"zephyr_shipping_company\", class Company$" "$tmp/merge.tsv"
check "merge log: Kim kept apart" grep -qP "^${E}c_port_strike/kim>\t$FIX/c-port-strike.txt\t\"Kim\"\t$FIX/b-seoul-factory.txt\t\"Kim\"\tkept apart: " "$tmp/merge.tsv"
B -j2 --stream --merge-log "$tmp/merge2.tsv" "$FIX" > /dev/null
check "the merge log is the same in stream mode" cmp -s "$tmp/merge.tsv" "$tmp/merge2.tsv"
B -j1 -f nt -o "$tmp/fx1.nt" --merge-log "$tmp/merge1.tsv" "$FIX"
check "the merge log is the same for every -j" cmp -s "$tmp/merge.tsv" "$tmp/merge1.tsv"

# --- GNU parallel shards + kgraph load = one build ---------------------------------
if command -v parallel >/dev/null; then
    printf '%s\n' "${corpus[@]}" |
        parallel --will-cite -j2 -n 3 "'$KGRAPH' build -q -j1 --stream {} > '$tmp'/shard.{#}.nq"
    check "parallel shards" test "$(ls "$tmp"/shard.*.nq | wc -l)" -ge 2
    check "the shards hold the quads of one build" \
        test "$(cat "$tmp"/shard.*.nq | sort | md5sum)" = "$(sort "$tmp/j1.nq" | md5sum)"
    # full stacks, for tests/lsan.supp's raptor entries (as tests/store does)
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" \
        "$KGRAPH" load -q --store "$tmp/s.db" "$tmp"/shard.*.nq
    check "kgraph load takes the shards" test $? = 0
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" \
        "$KGRAPH" query --store "$tmp/s.db" 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }' > "$tmp/store.nt"
    canon() { rapper -q -i ntriples -o ntriples "$1" | LC_ALL=C sort -u; }
    B -j2 -f nt -o "$tmp/one.nt" "${corpus[@]}"
    canon "$tmp/store.nt" > "$tmp/store.sorted"
    canon "$tmp/one.nt" > "$tmp/one.sorted"
    check "the loaded shards are the graph of one build ($(wc -l < "$tmp/store.sorted") vs $(wc -l < "$tmp/one.sorted") triples)" \
        cmp -s "$tmp/store.sorted" "$tmp/one.sorted"
else
    echo "(GNU parallel is not installed: scripts/install-deps installs it; sharding checks skipped)"
fi

# --- usage errors exit 2 -------------------------------------------------------------
usage() { "$KGRAPH" build "$@" >/dev/null 2>&1; test $? = 2; }
check "no input: exit 2" usage
check "-j 0: exit 2" usage -j 0 "$FIX"
check "--stream with -o FILE: exit 2" usage --stream -o "$tmp/x.nq" "$FIX"
check "--stream -f ttl: exit 2" usage --stream -f ttl "$FIX"
check "-p graphs: exit 2" usage -p graphs -o "$tmp/x.nq" "$FIX"
check "unknown extension: exit 2" usage -o "$tmp/x.svg" "$FIX"
check "--help: exit 0" "$KGRAPH" build --help >/dev/null

# --- progress, summary, --stats ------------------------------------------------------
"$KGRAPH" build -j2 -o "$tmp/p.nq" "$FIX" 2> "$tmp/p.err"
check "no progress line when stderr is not a terminal" sh -c "! grep -q \$(printf '\\r') '$tmp/p.err'"
check "one summary line: $(cat "$tmp/p.err")" \
    grep -Eqx 'kgraph build: 3 articles, [0-9]+ sentences, [0-9]+ entities, [0-9]+ triples, 0 errors in [0-9.]+ s \([0-9.]+ MB/s\)' "$tmp/p.err"
if command -v script >/dev/null; then
    script -qec "'$KGRAPH' build -j2 -o '$tmp/p2.nq' '$FIX'" /dev/null > "$tmp/tty.out" 2>&1
    check "on a terminal, the progress line is drawn in place" grep -q "$(printf '\r')" "$tmp/tty.out"
fi
"$KGRAPH" build -q --stats -j2 -o "$tmp/st.nq" "$FIX" 2> "$tmp/st.err"
for s in read+tokenize tag parse extract+resolve write merge; do
    check "--stats: stage $s" grep -q "^  stage $s  *[0-9.]* s" "$tmp/st.err"
done
check "--stats does not change the output" cmp -s "$tmp/st.nq" "$tmp/p.nq"

# --- signals: no output file, no temporary file, death by the signal -------------------
# The input is a FIFO this script holds open after one record: the run is
# still going (a worker waits for the next line) when the signal comes.
mkfifo "$tmp/fifo"
interrupt() { # signal, then the kgraph build arguments
    local sig=$1; shift
    # job control: a background job of a script would ignore SIGINT
    set -m
    "$KGRAPH" build -q -j2 "$@" - < "$tmp/fifo" 2>/dev/null &
    pid=$!
    set +m
    exec 3> "$tmp/fifo"
    head -1 "$tmp/in.jsonl" >&3
    sleep 1.5
    kill -$sig $pid 2>/dev/null
    # should the build not die, the watchdog kills it: the test fails
    ( sleep 30; kill -KILL $pid 2>/dev/null ) &
    local dog=$!
    wait $pid
    rc=$?
    kill $dog 2>/dev/null
    wait $dog 2>/dev/null
    exec 3>&-
}
for sig in INT TERM; do
    mkdir -p "$tmp/sig$sig"
    interrupt $sig -o "$tmp/sig$sig/out.nq" --merge-log "$tmp/sig$sig/merge.tsv"
    want=$((128 + $(kill -l $sig)))
    check "SIG$sig: dies of it (exit $rc, want $want)" test $rc = $want
    check "SIG$sig: no output, no temporary files ($(ls "$tmp/sig$sig" | tr '\n' ' '))" \
        test -z "$(ls -A "$tmp/sig$sig")"
done
# a stream stopped by a signal is whole articles: still valid N-Quads
interrupt INT --stream > "$tmp/sig.nq"
check "an interrupted stream: exit $rc" test $rc = 130
check "an interrupted stream is valid N-Quads" rapper -q -i nquads -c "$tmp/sig.nq"
check "... with the articles done before the signal" grep -q '/article/one> \.$' "$tmp/sig.nq"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
