#!/usr/bin/env bash
# tests/diff/run.sh KGRAPH - `kgraph diff` on version pairs.
#
# Each directory in cases/ holds an old and a new version (articles, or
# graph files kgraph wrote) and, in expected/, the golden diff in every
# format and the expected exit status.  UPDATE=1 rewrites the golden files
# (do that after extraction changes, then read the diffs).  Besides the
# bytes, properties are checked that hold whatever the extractor finds:
#  - reordering or rewording alone gives exit 0 and no output;
#  - an article diffs the same as the graph file extracted from it;
#  - the RDF Patch, applied to the old graph by an independent
#    implementation (librdf, tests/unit/support/rdfpatch.c), gives
#    exactly the new graph (both without provenance; and, with
#    --with-provenance, whole);
#  - stance changes (modality, speaker, negation, quote -> narrator) are
#    "~" lines, never a removal plus an addition;
#  - the text, --stat and changeset agree on the counts; the SVG is
#    well-formed XML; a rerun gives the same bytes; nothing on stderr.
# Bad input: a missing file, an unparseable graph, two different articles.
set -u
KGRAPH=$(realpath "$1")
cd "$(dirname "$0")/../.."
UPDATE=${UPDATE:-0}
PY=/usr/bin/python3
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The patch checker: a test binary beside the kgraph under test, else
# built on demand.
apply=""
for c in "$(dirname "$KGRAPH")/tests/test_diff_apply" build/asan/tests/test_diff_apply \
         build/release/tests/test_diff_apply; do
    [ -x "$c" ] && { apply=$c; break; }
done
if [ -z "$apply" ]; then
    make -s build/release/tests/test_diff_apply >/dev/null 2>&1 && apply=build/release/tests/test_diff_apply
fi

# golden NAME FILE: compare (or rewrite with UPDATE=1).
golden() {
    local want=$1 got=$2
    if [ "$UPDATE" = 1 ]; then
        cp "$got" "$want"; ok; return
    fi
    if [ ! -f "$want" ]; then bad "missing golden $want (run UPDATE=1 $0 KGRAPH)"; return; fi
    if cmp -s "$want" "$got"; then ok; else
        bad "$want differs:"; diff -u "$want" "$got" | head -20
    fi
}

# quiet_stderr WHAT FILE: kgraph printed nothing (no warning, no sanitizer).
quiet_stderr() {
    if [ -s "$2" ]; then bad "$1 wrote to stderr: $(head -c 600 "$2")"; else ok; fi
}

# Lines of the text diff (without the "---"/"+++" header) that are facts
# or entities: "+ ", "- ", "~ " at the start of a line.
body() { grep -E '^[-+~] ' "$1" | grep -vE '^(---|\+\+\+) ' || true; }

same_cases=" korea-reorder korea-reword mahan-reorder gdansk-reword graph-provenance graph-normalised "

# One case; its FAIL lines and a final "RESULT pass fail" go to stdout.
run_case() {
    local dir=$1
    pass=0; fail=0
    name=$(basename "$dir")
    old=$(ls "$dir"old.* | head -1); new=$(ls "$dir"new.* | head -1)
    ont=()
    [ -f "$dir/ontology" ] && ont=(-O "$PWD/$(cat "$dir/ontology")")
    exp=$dir/expected
    mkdir -p "$exp"
    w=$tmp/$name
    mkdir -p "$w"

    # --- as given (articles are extracted on the fly) -------------------
    "$KGRAPH" diff "${ont[@]}" "$old" "$new" >"$w/diff.txt" 2>"$w/err"
    rc=$?
    quiet_stderr "$name: diff" "$w/err"
    check "$name: exit status is 0 or 1 (got $rc)" test "$rc" -le 1
    echo "$rc" >"$w/exit"
    golden "$exp/exit" "$w/exit"
    golden "$exp/diff.txt" "$w/diff.txt"
    if [ "$rc" = 0 ]; then
        check "$name: exit 0 means no output" test ! -s "$w/diff.txt"
    else
        check "$name: exit 1 means a diff with a summary" grep -q '^facts: ' "$w/diff.txt"
    fi
    case "$same_cases" in *" $name "*)
        check "$name: the same facts give exit 0 (got $rc)" test "$rc" = 0 ;;
    esac

    # --- through graph files: articles extracted once, then every format
    # is diffed from the files (fast; the names in the output are stable)
    if [[ "$old" == *.txt ]]; then
        "$KGRAPH" extract "${ont[@]}" -o "$w/old.ttl" "$old" 2>"$w/err"; quiet_stderr "$name: extract old" "$w/err"
        "$KGRAPH" extract "${ont[@]}" -o "$w/new.ttl" "$new" 2>"$w/err"; quiet_stderr "$name: extract new" "$w/err"
        go=old.ttl; gn=new.ttl
    else
        cp "$old" "$w/"; cp "$new" "$w/"
        go=$(basename "$old"); gn=$(basename "$new")
    fi
    (cd "$w" && "$KGRAPH" diff "${ont[@]}" "$go" "$gn" >files.txt 2>err; echo $? >files.rc)
    quiet_stderr "$name: diff of graph files" "$w/err"
    check "$name: the graph files diff like the articles (exit $(cat "$w/files.rc") vs $rc)" \
        test "$(cat "$w/files.rc")" = "$rc"
    check "$name: the graph files give the same diff body" \
        cmp -s <(tail -n +3 "$w/diff.txt") <(tail -n +3 "$w/files.txt")

    for f in verbose stat patch ttl trig dot; do
        case $f in
            verbose) args=(-v); out=diff-v.txt ;;
            stat) args=(--stat); out=stat.txt ;;
            patch) args=(-f patch); out=patch.rdfp ;;
            ttl) args=(-f ttl); out=changes.ttl ;;
            trig) args=(-f trig); out=changes.trig ;;
            dot) args=(-f dot); out=diff.dot ;;
        esac
        (cd "$w" && "$KGRAPH" diff "${ont[@]}" "${args[@]}" "$go" "$gn" >"$out" 2>err.$f; echo $? >rc.$f)
        quiet_stderr "$name: -f $f" "$w/err.$f"
        check "$name: -f $f exits like text" test "$(cat "$w/rc.$f")" = "$rc"
        golden "$exp/$out" "$w/$out"
    done

    # --- properties ---------------------------------------------------------
    # counts agree: the summary line, --stat totals, the changeset
    read -r fa fr fc ea er ec < <(sed -nE 's/^facts: ([0-9]+) added, ([0-9]+) removed, ([0-9]+) changed; entities: ([0-9]+) added, ([0-9]+) removed, ([0-9]+) changed$/\1 \2 \3 \4 \5 \6/p' "$w/files.txt")
    fa=${fa:-0}; fr=${fr:-0}; fc=${fc:-0}; ea=${ea:-0}; er=${er:-0}; ec=${ec:-0}
    check "$name: --stat totals match the text" \
        grep -Eq "^facts +$fa +$fr +$fc$" "$w/stat.txt"
    check "$name: --stat entity totals match the text" \
        grep -Eq "^entities +$ea +$er +$ec$" "$w/stat.txt"
    check "$name: changeset counts match" \
        grep -q "factsAdded \"$fa\"" "$w/changes.ttl"
    check "$name: one '+' fact line per added fact" \
        test "$(body "$w/files.txt" | grep -cvE '^[-+~] [^ ].*  (a|label|also known as)  ')" = "$((fa + fr + fc))"
    check "$name: rapper reads the Turtle changeset" rapper -q -i turtle -c "$w/changes.ttl" http://example.org/
    check "$name: rapper reads the TriG changeset" rapper -q -i trig -c "$w/changes.trig" http://example.org/
    check "$name: the patch is framed (H id, H prev, TX, TC)" \
        sh -c "head -3 '$w/patch.rdfp' | tr '\n' '|' | grep -Eq '^H id <[^>]+> \\.\\|H prev <[^>]+> \\.\\|TX \\.\\|$' && tail -1 '$w/patch.rdfp' | grep -qx 'TC .'"
    if [ "$rc" = 1 ] && grep -q '^[-+] ' <(body "$w/files.txt"); then
        check "$name: -v shows where each sentence is" grep -q '\[sentence [0-9]*, [0-9]*-[0-9]*' "$w/diff-v.txt"
    fi
    # the patch turns the old graph into the new (librdf; TriG as N-Quads)
    if [ -n "$apply" ]; then
        po=$w/$go; pn=$w/$gn
        [[ "$po" == *.trig ]] && { rapper -q -i trig -o nquads "$po" >"$w/old-q.nq"; po=$w/old-q.nq; }
        [[ "$pn" == *.trig ]] && { rapper -q -i trig -o nquads "$pn" >"$w/new-q.nq"; pn=$w/new-q.nq; }
        if "$apply" "$po" "$w/patch.rdfp" "$pn" >"$w/apply.out" 2>&1; then ok; else
            bad "$name: old + patch != new: $(head -c 400 "$w/apply.out")"
        fi
    else
        bad "$name: no patch checker (make build/release/tests/test_diff_apply)"
    fi
    # with --with-provenance the patch covers the evidence too (checked
    # where librdf can see the whole graph: Turtle and N-Triples)
    if [ -n "$apply" ] && [[ "$go" =~ \.(ttl|nt)$ ]] && [[ "$gn" =~ \.(ttl|nt)$ ]]; then
        (cd "$w" && "$KGRAPH" diff "${ont[@]}" --with-provenance -f patch "$go" "$gn" >full.rdfp 2>err.full)
        quiet_stderr "$name: --with-provenance" "$w/err.full"
        if "$apply" --with-provenance "$w/$go" "$w/full.rdfp" "$w/$gn" >"$w/apply.out" 2>&1; then ok; else
            bad "$name: old + patch --with-provenance != new: $(head -c 400 "$w/apply.out")"
        fi
    fi
    # SVG renders and is well-formed
    (cd "$w" && "$KGRAPH" diff "${ont[@]}" -f svg -o diff.svg "$go" "$gn" 2>err.svg)
    quiet_stderr "$name: -f svg" "$w/err.svg"
    check "$name: the SVG is well-formed XML" $PY -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$w/diff.svg"
    check "$name: dot renders the DOT" sh -c "dot -Tsvg '$w/diff.dot' >/dev/null 2>'$w/doterr' && ! grep -q . '$w/doterr'"
    # a rerun gives the same bytes
    (cd "$w" && "$KGRAPH" diff "${ont[@]}" -f ttl "$go" "$gn" >again.ttl 2>/dev/null)
    check "$name: a rerun is byte-identical" cmp -s "$w/changes.ttl" "$w/again.ttl"
    echo "RESULT $pass $fail"
}

# Cases run two at a time (each is a dozen kgraph runs).
jobs_max=$(nproc 2>/dev/null || echo 2)
[ "$jobs_max" -gt 4 ] && jobs_max=4
for dir in tests/diff/cases/*/; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
    run_case "$dir" >"$tmp/$(basename "$dir").log" 2>&1 &
done
wait
for dir in tests/diff/cases/*/; do
    log=$tmp/$(basename "$dir").log
    grep -v '^RESULT ' "$log"
    read -r p f < <(sed -n 's/^RESULT //p' "$log")
    if [ -z "${p:-}" ]; then bad "$(basename "$dir"): the case did not finish"; continue; fi
    pass=$((pass + p)); fail=$((fail + f))
done

# --- stance changes are changes ------------------------------------------------
s=tests/diff/cases/graph-stance/expected/diff.txt
check "graph-stance: no fact removed or added" test -z "$(body "$s" | grep -E '^[-+] ')"
check "graph-stance: four facts changed" test "$(body "$s" | grep -c '^~ ')" = 4
check "graph-stance: modality shown" grep -q '^~ Alice Smith  criticizes  Acme Corp  (might → stated)$' "$s"
check "graph-stance: speaker shown" grep -q '(according to Bob Jones → according to Carol White)$' "$s"
check "graph-stance: negation shown" grep -q '^~ Bob Jones  criticizes  France  (not → stated)$' "$s"
check "graph-stance: quote moved to the narrator" grep -q '(according to Alice Smith → stated)$' "$s"
check "graph-stance: both sentences shown" grep -q '^    + Alice Smith criticized Acme over the merger.$' "$s"
s=tests/diff/cases/graph-entities/expected/diff.txt
check "graph-entities: alias change is one '~' line" grep -q '^~ Alice Smith  also known as  +Ms Smith, -Smith$' "$s"
check "graph-entities: class change" grep -q '^~ Acme Corp  a  organization → government organization$' "$s"
check "graph-entities: label change" grep -q '^~ .*  label  *Carol White → Carol A. White$' "$s"
# an entity renamed in the text stays the same entity
s=tests/diff/cases/korea-rename/expected/diff.txt
check "korea-rename: Michael Pompeo is not removed" test -z "$(grep -E '^- Michael Pompeo  a ' "$s")"
# stance pairs of articles: whatever the extractor finds, a fact that is in
# both versions is never shown as removed and added
for c in korea-modality korea-speaker mahan-speaker; do
    s=tests/diff/cases/$c/expected/diff.txt
    dup=$(body "$s" | grep -E '^[-+] ' | sed -E 's/^[-+] //; s/  \(.*\)$//' | sort | uniq -d)
    check "$c: no fact both removed and added ($dup)" test -z "$dup"
done

# a modality the extractor reads in both versions is a change of stance
if grep -q 'kg:modality "would"' "$tmp/korea-modality/old.ttl" 2>/dev/null &&
   grep -q 'kg:modality "might"' "$tmp/korea-modality/new.ttl" 2>/dev/null; then
    check "korea-modality: would -> might is a '~' line" \
        grep -qE '^~ .*\(would(, [^→]*)? → might(, [^)]*)?\)$' tests/diff/cases/korea-modality/expected/diff.txt
fi

# a claim given to another speaker is a change of attribution
s=tests/diff/cases/korea-speaker/expected/diff.txt
if grep -q 'according to John Bolton' "$s"; then
    check "korea-speaker: the speaker change is a '~' line" \
        test -z "$(grep 'according to John Bolton' "$s" |
            grep -vE '^~ .*\(([^()→]*, )?according to John Bolton → ([^()→]*, )?according to Moon Jae-in\)$')"
fi

# --- colour --------------------------------------------------------------------
g=tests/diff/cases/graph-stance
"$KGRAPH" diff --color=always "$g/old.ttl" "$g/new.ttl" >"$tmp/c.txt" 2>/dev/null
check "--color=always colours" grep -q $'\033\\[33m~ ' "$tmp/c.txt"
"$KGRAPH" diff --color always "$g/old.ttl" "$g/new.ttl" >"$tmp/c.txt" 2>/dev/null
check "--color always (two words) colours" grep -q $'\033\\[31m' "$tmp/c.txt"
"$KGRAPH" diff --color=never "$g/old.ttl" "$g/new.ttl" >"$tmp/c.txt" 2>/dev/null
check "--color=never does not" test -z "$(grep $'\033' "$tmp/c.txt")"
NO_COLOR=1 "$KGRAPH" diff --color=auto "$g/old.ttl" "$g/new.ttl" >"$tmp/c.txt" 2>/dev/null
check "NO_COLOR and auto: no colour" test -z "$(grep $'\033' "$tmp/c.txt")"
if command -v script >/dev/null; then
    script -qc "NO_COLOR= TERM=xterm $KGRAPH diff $g/old.ttl $g/new.ttl" /dev/null >"$tmp/tty.txt" 2>&1
    check "auto colours on a terminal" grep -q $'\033\\[33m' "$tmp/tty.txt"
    script -qc "NO_COLOR=1 TERM=xterm $KGRAPH diff $g/old.ttl $g/new.ttl" /dev/null >"$tmp/tty.txt" 2>&1
    check "NO_COLOR is respected on a terminal" test -z "$(grep $'\033\\[3' "$tmp/tty.txt")"
fi

# --- bad input --------------------------------------------------------------------
# bad_case NAME EXPECTED-EXIT ARGS...: stderr against tests/diff/NAME.err
bad_case() {
    local n=$1 want=$2; shift 2
    "$KGRAPH" diff "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
    local rc=$?
    check "$n: exit $want (got $rc)" test "$rc" = "$want"
    golden "tests/diff/$n.err" "$tmp/$n.err"
}
bad_case bad-missing 2 tests/diff/no-such-file.ttl "$g/new.ttl"
bad_case bad-missing-article 2 tests/diff/no-such-article.txt "$g/new.ttl"
bad_case bad-syntax 2 tests/diff/bad-syntax.ttl "$g/new.ttl"
bad_case warn-ids 1 "$g/old.ttl" tests/diff/warn-ids.ttl
check "warn-ids: still diffs" grep -q '^facts: ' "$tmp/warn-ids.out"
"$KGRAPH" diff -q "$g/old.ttl" tests/diff/warn-ids.ttl >/dev/null 2>"$tmp/q.err"
check "-q silences the warning" test ! -s "$tmp/q.err"
"$KGRAPH" diff >/dev/null 2>&1; check "no inputs: exit 2" test $? = 2
"$KGRAPH" diff "$g/old.ttl" >/dev/null 2>&1; check "one input: exit 2" test $? = 2
"$KGRAPH" diff -f xml "$g/old.ttl" "$g/new.ttl" >/dev/null 2>&1; check "unknown format: exit 2" test $? = 2
"$KGRAPH" diff --stat -f patch "$g/old.ttl" "$g/new.ttl" >/dev/null 2>&1; check "--stat with -f: exit 2" test $? = 2
"$KGRAPH" diff --color=sometimes "$g/old.ttl" "$g/new.ttl" >/dev/null 2>&1; check "bad --color: exit 2" test $? = 2
"$KGRAPH" diff --with-provenance "$g/old.ttl" "$g/new.ttl" >/dev/null 2>&1; check "--with-provenance without -f patch: exit 2" test $? = 2
"$KGRAPH" diff --help | grep -q -- '--stat'; check "--help documents --stat" test $? = 0
"$KGRAPH" diff -o "$tmp/out.rdfp" -f patch "$g/old.ttl" "$g/new.ttl" 2>/dev/null
check "-o writes the file" grep -q '^TC \.$' "$tmp/out.rdfp"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
