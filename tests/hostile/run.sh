#!/usr/bin/env bash
# run.sh KGRAPH - hostile inputs and resource faults (docs/hardening.md,
# "Hostile inputs and resource faults").  KGRAPH is the ASan build; every
# run of it must also be free of sanitizer reports.  Big inputs are made
# at run time by gen.py into a temporary directory.
#
#   1. hostile text: a 10 MB line, a sentence of 20,000 tokens without
#      punctuation (time and output linear, memory bounded), 1,000 nested
#      quotes and parentheses, 3,300 nested clauses, punctuation, numbers,
#      white space only
#   2. Unicode: NFC and NFD spellings and Hangul aliases are one entity,
#      Arabic, Hebrew, emoji, joiners, control characters, surrogates
#   3. YAML: 100,000 levels of nesting (ontology and front matter), a
#      100,000-entity ontology (the other YAML traps are goldens in
#      tests/ontology)
#   4. model files: empty, truncated, bad magic, other version, swapped,
#      missing, through `extract --models` and `parse --models`
#   5. allocation failure: every Nth allocation failed in turn (a stride;
#      HOSTILE_FULL=1 fails every one) for extract, diff and schema (an
#      ontology load): exit status, "out of memory", no leak, no output,
#      a previous output untouched (the library, every allocation, in
#      process: tests/unit/test_faults.c)
#   6. output to /dev/full, a read-only directory, a missing directory;
#      SIGINT and SIGTERM while extracting and while writing
#
# The 10 MB and 100,000-entity figures are measured with the release
# build (./kgraph) when it is there, else with KGRAPH.
set -u
KG=$(realpath "$1")
cd "$(dirname "$0")/../.."
ROOT=$PWD
REL=$KG
[ -x ./kgraph ] && REL=$ROOT/kgraph
DATA=tests/hostile/data
pass=0; fail=0
tmp=$(mktemp -d)
cleanup() {
    chattr -R -i "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
note() { echo "  $*"; }

# Sanitizer settings as `make test` sets them, when run on its own; but
# malloc stacks are unwound the fast way: the slow unwinder is there for
# Graphviz's leak suppressions, and no run here lays out a picture (SVG),
# while the 100,000-entity ontology makes a million allocations.
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1}"
: "${LSAN_OPTIONS:=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}"
: "${UBSAN_OPTIONS:=print_stacktrace=1:halt_on_error=1}"
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=1"
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

sanitized() { grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: ' "$1"; }

# run WANT_RC NAME cmd... : run, keep stdout/stderr in $tmp/out, $tmp/err;
# check the exit status and that no sanitizer spoke.  Sets rc.
run() {
    local want=$1 name=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if sanitized "$tmp/err"; then
        bad "$name: sanitizer report"; head -30 "$tmp/err"; return 1
    fi
    if [ "$rc" -ne "$want" ]; then
        bad "$name: exit $rc, want $want: $(head -c 400 "$tmp/err")"; return 1
    fi
    return 0
}
# expect_err NAME TEXT: the first line of stderr is exactly TEXT
expect_err() {
    local first
    first=$(head -1 "$tmp/err")
    if [ "$first" = "$2" ]; then ok; else bad "$1: stderr '$first', want '$2'"; fi
}
# peak resident memory (KB) and user+system seconds of a command
measure() {  # out-file cmd...
    local f=$1; shift
    /usr/bin/time -q -f '%M %U %S %e' -o "$f" "$@"
}
rss() { awk '{print $1}' "$1"; }
cpu() { awk '{printf "%.2f", $2 + $3}' "$1"; }
wall() { awk '{print $4}' "$1"; }

G=$tmp/gen
mkdir -p "$G"
python3 tests/hostile/gen.py "$G" || { bad "gen.py failed"; echo "$pass passed, $fail failed"; exit 1; }

# ===== 1. hostile text =====================================================

# A 10 MB article on one line: the reader, the paragraph and sentence
# splitters and the NLP see one paragraph of 1.9 million tokens.
if measure "$tmp/t" "$REL" extract -q -O korea -o "$tmp/line10m.ttl" "$G/line10m.txt" 2>"$tmp/err"; then
    n=$(grep -c 'a rdf:Statement' "$tmp/line10m.ttl")
    if [ "$n" -gt 1000 ]; then ok; else bad "10 MB line: only $n statements"; fi
    # release: ~400 MB; a bound that a leak per sentence would break
    if [ "$(rss "$tmp/t")" -lt 2000000 ]; then ok; else bad "10 MB line: peak RSS $(rss "$tmp/t") KB"; fi
    note "10 MB line ($(basename "$REL")): $(cpu "$tmp/t") s CPU, $(wall "$tmp/t") s wall, peak $(($(rss "$tmp/t") / 1024)) MB, $n statements"
else
    bad "10 MB line: exit status $?: $(head -c 300 "$tmp/err")"
fi
# the same kind of line, 300 KB, under the sanitizers
if run 0 "300 KB line" "$KG" extract -q -O korea -o "$tmp/l.ttl" "$G/line300k.txt"; then ok; fi

# One sentence of 5,000 / 10,000 tokens, and 20,000 (cut into two of
# 10,000): time and output must grow linearly, memory stay bounded.  The
# output size is counted, not timed: every fact repeats its evidence, so
# whole sentences as evidence made it grow with the square of the length.
for n in 5000 10000 20000; do
    measure "$tmp/t$n" "$KG" extract -O korea -o "$tmp/n$n.ttl" "$G/names-$n.txt" 2>"$tmp/err$n"
    r=$?
    if [ $r -ne 0 ] || sanitized "$tmp/err$n"; then bad "$n tokens: exit $r: $(head -c 300 "$tmp/err$n")"; fi
    size[$n]=$(stat -c %s "$tmp/n$n.ttl" 2>/dev/null || echo 0)
done
grep -q "names-20000.txt:3:1: warning: sentence longer than 10000 tokens cut" "$tmp/err20000" \
    && ok || bad "20,000 tokens: no warning that the sentence was cut"
ratio=$(awk -v a="${size[10000]}" -v b="${size[5000]}" 'BEGIN{printf "%.2f", b ? a / b : 99}')
if awk -v r="$ratio" 'BEGIN{exit !(r < 3)}'; then ok; else bad "output of one sentence of 10,000 vs 5,000 tokens: ratio $ratio (linear is ~2)"; fi
ratio=$(awk -v a="${size[20000]}" -v b="${size[10000]}" 'BEGIN{printf "%.2f", b ? a / b : 99}')
if awk -v r="$ratio" 'BEGIN{exit !(r < 3)}'; then ok; else bad "output of 20,000 vs 10,000 tokens: ratio $ratio"; fi
# CPU time: only a gross ratio fails (a shared machine is noisy)
tr=$(awk -v a="$(cpu "$tmp/t20000")" -v b="$(cpu "$tmp/t10000")" 'BEGIN{printf "%.2f", a / (b > 0.01 ? b : 0.01)}')
if awk -v r="$tr" 'BEGIN{exit !(r < 6)}'; then ok; else bad "CPU time 20,000 vs 10,000 tokens: ratio $tr"; fi
mr=$(awk -v a="$(rss "$tmp/t20000")" -v b="$(rss "$tmp/t10000")" 'BEGIN{printf "%.2f", a / b}')
if awk -v r="$mr" 'BEGIN{exit !(r < 2)}'; then ok; else bad "peak memory 20,000 vs 10,000 tokens: ratio $mr"; fi
note "no punctuation (ASan): 5k/10k/20k tokens: $(cpu "$tmp/t5000")/$(cpu "$tmp/t10000")/$(cpu "$tmp/t20000") s CPU, $((size[5000] / 1024))/$((size[10000] / 1024))/$((size[20000] / 1024)) KB out, peak $(($(rss "$tmp/t10000") / 1024))/$(($(rss "$tmp/t20000") / 1024)) MB (10k/20k)"

# Nesting: 1,000 quotes (straight and curly), parentheses, brackets; a
# tree 3,300 clauses deep.  No crash, no stack overflow, a graph.
for f in nested clauses; do
    if run 0 "$f" "$KG" extract -O korea -o "$tmp/$f.ttl" "$G/$f.txt"; then
        grep -q 'a rdf:Statement' "$tmp/$f.ttl" && ok || bad "$f: no fact found"
    fi
done

# Punctuation only, numbers only: a graph with no facts and no entities
# (the article and the run are described), exit 0.
for f in punct numbers; do
    if run 0 "$f only" "$KG" extract -o "$tmp/$f.ttl" "$G/$f.txt"; then
        if ! grep -q 'rdf:Statement\|^ent:\|^entity:' "$tmp/$f.ttl" &&
           grep -q 'schema:NewsArticle' "$tmp/$f.ttl"; then ok
        else bad "$f only: facts or entities in the graph"; fi
    fi
done
# White space only (tabs, no-break and em spaces): exit 1, no output.
if run 1 "white space only" "$KG" extract -o "$tmp/sp.ttl" "$G/spaces.txt"; then
    expect_err "white space only" "$G/spaces.txt: error: empty article"
    [ ! -e "$tmp/sp.ttl" ] && ok || bad "white space only: wrote output"
fi

note "($SECONDS s)"
# ===== 2. Unicode ============================================================

# unicode.yaml spells José Martí in NFC and gives Moon Jae-in the Hangul
# alias 문재인; the article writes José Martí decomposed (NFD), 문재인 in
# NFC and as conjoining jamo, Moon\u200bJae-in with a zero-width space,
# plus Arabic, Hebrew, emoji with skin tone and a ZWJ family.
if run 0 "unicode" "$KG" extract -O $DATA/unicode.yaml -o "$tmp/u.ttl" $DATA/unicode.txt; then
    t=$tmp/u.ttl
    [ "$(grep -c '^ent:jose_marti$' "$t")" = 1 ] && grep -q 'rdfs:label "José Martí"' "$t" \
        && ! grep -q 'skos:altLabel "José' "$t" && ok \
        || bad "unicode: NFD José Martí is not the ontology's NFC entity alone"
    grep -A4 '^ent:moon_jae_in$' "$t" | grep -q '^    skos:altLabel "문재인" [;.]$' && ok \
        || bad "unicode: 문재인 (NFC and jamo) is not one altLabel of ent:moon_jae_in"
    ! grep -q 'u1106\|ubb38\|moonjae' "$t" && ok || bad "unicode: a second entity for Moon's Hangul name"
    grep -q 'محمد بن سلمان' "$t" && grep -q 'בנימין נתניהו' "$t" && grep -q '👨‍👩‍👧' "$t" \
        && ok || bad "unicode: right-to-left text or a ZWJ emoji changed in the evidence"
    ! grep -P '(rdfs:label|skos:altLabel) "[^"]*(\x{200B}|\p{Cc})' "$t" >/dev/null && ok \
        || bad "unicode: a label holds a zero-width space or a control character"
    # the graph reads back (raptor parses it)
    run 0 "unicode: read back" "$KG" diff -O $DATA/unicode.yaml "$t" "$t" && ok
fi
# Control characters (BEL, ESC, VT, FF, DEL, NEL) separate words; labels
# never hold them.
if run 0 "controls" "$KG" extract -O korea -o "$tmp/c.ttl" "$G/controls.txt"; then
    grep -q 'rdfs:label "Brian Smith"' "$tmp/c.ttl" && grep -q 'rdfs:label "Donald Trump"' "$tmp/c.ttl" \
        && ! grep -P '(rdfs:label|skos:altLabel) "[^"]*\p{Cc}' "$tmp/c.ttl" >/dev/null \
        && ok || bad "controls: control characters in labels"
fi
# ... nor the headline, from a text file or a JSON string (an ESC sequence
# in a title would drive the terminal that shows it)
if run 0 "controls: headline" "$KG" extract -O korea -o "$tmp/c2.ttl" "$G/controls.txt"; then
    grep -q 'schema:headline "Bell test \[1mBold"' "$tmp/c2.ttl" && ok \
        || bad "controls: headline $(grep headline "$tmp/c2.ttl" | cat -A)"
fi
printf '{"id":"esc","title":"Red \\u001b[31mAlert\\u0007","text":"Moon Jae-in met Kim Jong Un."}\n' >"$tmp/esc.jsonl"
if run 0 "controls: JSON headline" "$KG" build -q -O korea -o "$tmp/esc.nq" - <"$tmp/esc.jsonl"; then
    grep -q '<https://schema.org/headline> "Red \[31mAlert"' "$tmp/esc.nq" && ok \
        || bad "controls: JSON headline $(grep headline "$tmp/esc.nq" | cat -A)"
fi
# Lone surrogates encoded in UTF-8 (CESU-8 pairs too): invalid, at their
# byte offset, as the reader reports any invalid UTF-8.
printf 'Surrogates\n\nA lone \xed\xa0\x80 high one.\n' >"$tmp/s1.txt"
printf 'Surrogates\n\nCESU \xed\xa0\xbd\xed\xb8\x80 pair.\n' >"$tmp/s2.txt"
printf 'Surrogates\n\nLow \xed\xbf\xbf here.\n' >"$tmp/s3.txt"
run 1 "lone surrogate" "$KG" extract -o "$tmp/s.ttl" "$tmp/s1.txt" &&
    expect_err "lone surrogate" "$tmp/s1.txt:3:8: error: surrogate U+D800 is not allowed in UTF-8"
run 1 "CESU-8 pair" "$KG" extract -o "$tmp/s.ttl" "$tmp/s2.txt" &&
    expect_err "CESU-8 pair" "$tmp/s2.txt:3:6: error: surrogate U+D83D is not allowed in UTF-8"
run 1 "low surrogate" "$KG" extract -o "$tmp/s.ttl" "$tmp/s3.txt" &&
    expect_err "low surrogate" "$tmp/s3.txt:3:5: error: surrogate U+DFFF is not allowed in UTF-8"
[ ! -e "$tmp/s.ttl" ] && ok || bad "surrogates: wrote output"

note "($SECONDS s)"
# ===== 3. YAML ===============================================================

# 100,000 levels of flow nesting took libyaml minutes: refused at level 65.
if measure "$tmp/t" "$KG" check-ontology "$G/deep.yaml" >"$tmp/out" 2>"$tmp/err"; then
    bad "deep ontology: accepted"
else
    expect_err "deep ontology" "$G/deep.yaml:3:67: error: yaml nested more than 64 levels deep"
    awk -v s="$(wall "$tmp/t")" 'BEGIN{exit !(s < 20)}' && ok || bad "deep ontology: $(wall "$tmp/t") s"
fi
if measure "$tmp/t" "$KG" extract -o "$tmp/d.ttl" "$G/deep-fm.txt" >"$tmp/out" 2>"$tmp/err"; then
    bad "deep front matter: accepted"
else
    expect_err "deep front matter" "$G/deep-fm.txt:2:23: error: front matter nested more than 16 levels deep"
    awk -v s="$(wall "$tmp/t")" 'BEGIN{exit !(s < 20)}' && ok || bad "deep front matter: $(wall "$tmp/t") s"
fi
# 100,000 entities load (ASan: correctness; release: the figures) and
# serve an extraction.
if run 0 "100k ontology" "$KG" check-ontology "$G/onto100k.yaml"; then
    grep -q ': ok: 40 classes, 67 relations (476 triggers), 100317 entities, 3 files$' "$tmp/out" \
        && ok || bad "100k ontology: $(cat "$tmp/out")"
fi
measure "$tmp/t" "$REL" check-ontology "$G/onto100k.yaml" >/dev/null 2>&1
note "100k-entity ontology ($(basename "$REL")): check-ontology $(cpu "$tmp/t") s CPU, peak $(($(rss "$tmp/t") / 1024)) MB"
if measure "$tmp/t" "$REL" extract -O "$G/onto100k.yaml" -o "$tmp/m.ttl" "$G/mention100k.txt" 2>"$tmp/err"; then
    [ "$(grep -c '^big:e' "$tmp/m.ttl")" -ge 10 ] && ok || bad "100k ontology: its entities not found in the article"
    note "100k-entity ontology: extract of a short article $(cpu "$tmp/t") s CPU, peak $(($(rss "$tmp/t") / 1024)) MB"
else
    bad "100k ontology: extract failed: $(head -c 300 "$tmp/err")"
fi

note "($SECONDS s)"
# ===== 4. model files ========================================================

T=models/en-ewt.tagger.bin
P=models/en-ewt.parser.bin
M=$tmp/models
mk() {  # dir: a copy of both models
    mkdir -p "$M/$1"
    ln -sf "$ROOT/$T" "$M/$1/en-ewt.tagger.bin"
    ln -sf "$ROOT/$P" "$M/$1/en-ewt.parser.bin"
}
for d in empty trunc magic version swap ptrunc missing; do mk $d; done
rm "$M/empty/en-ewt.tagger.bin"; : >"$M/empty/en-ewt.tagger.bin"
rm "$M/trunc/en-ewt.tagger.bin"; head -c 1000 "$T" >"$M/trunc/en-ewt.tagger.bin"
rm "$M/magic/en-ewt.tagger.bin"; { printf 'KGNLPMOX'; tail -c +9 "$T"; } >"$M/magic/en-ewt.tagger.bin"
rm "$M/version/en-ewt.parser.bin"; { head -c 8 "$P"; printf '\x09\x00\x00\x00'; tail -c +13 "$P"; } >"$M/version/en-ewt.parser.bin"
ln -sf "$ROOT/$P" "$M/swap/en-ewt.tagger.bin"
rm "$M/ptrunc/en-ewt.parser.bin"; head -c 5000000 "$P" >"$M/ptrunc/en-ewt.parser.bin"
rm "$M/missing/en-ewt.parser.bin"
tsize=$(stat -L -c %s "$T"); psize=$(stat -L -c %s "$P")
declare -A want=(
    [empty]="$M/empty/en-ewt.tagger.bin: error: model file is empty"
    [trunc]="$M/trunc/en-ewt.tagger.bin: error: model file is truncated or padded (1000 bytes, header says $tsize)"
    [magic]="$M/magic/en-ewt.tagger.bin: error: not a kgraph model file (bad magic)"
    [version]="$M/version/en-ewt.parser.bin: error: model format version 9 is not supported (this kgraph reads version 2); retrain the model"
    [swap]="$M/swap/en-ewt.tagger.bin: error: model is a parser model, expected a tagger model"
    [ptrunc]="$M/ptrunc/en-ewt.parser.bin: error: model file is truncated or padded (5000000 bytes, header says $psize)"
    [missing]="$M/missing/en-ewt.parser.bin: error: cannot open model: No such file or directory"
)
for d in empty trunc magic version swap ptrunc missing; do
    run 1 "models $d (extract)" "$KG" extract --models "$M/$d" -o "$tmp/x.ttl" $DATA/short.txt &&
        expect_err "models $d (extract)" "${want[$d]}"
    run 1 "models $d (parse)" "$KG" parse --models "$M/$d" $DATA/short.txt &&
        expect_err "models $d (parse)" "${want[$d]}"
done
[ ! -e "$tmp/x.ttl" ] && ok || bad "bad models: wrote output"

note "($SECONDS s)"
# ===== 5. allocation failure =================================================

# KG_FAIL_ALLOC=N fails the N-th allocation (KG_FAIL_ALLOC_PERSIST=1: and
# every one after it).  N runs from 1 until a run succeeds, with a stride
# (HOSTILE_FULL=1: every N).  A failing run exits with the command's error
# status, says "out of memory" first, leaks nothing, and writes nothing:
# a new output does not appear, an old one keeps its bytes.
mkdir -p "$tmp/a" "$tmp/b"
"$KG" extract -O korea -o "$tmp/a/story.ttl" $DATA/short.txt 2>/dev/null &&
    "$KG" extract -O korea -o "$tmp/b/story.ttl" $DATA/short2.txt 2>/dev/null ||
    bad "fault injection: cannot make the graphs to compare"

# fault_loop NAME ERROR_RC SUCCESS_RC OUT cmd... (OUT: the output file)
fault_loop() {
    local name=$1 erc=$2 src=$3 out=$4 small=$5; shift 5
    local n=1 runs=0 bads=0 step persist old
    while :; do
        if [ "${HOSTILE_FULL:-0}" = 1 ]; then step=1
        elif [ $n -le 300 ]; then step=$small; else step=53; fi
        persist=$(( (runs % 4) == 3 ))   # every fourth run: all later fail too
        old=$(( runs % 2 ))              # every other run: over an old output
        rm -f "$out"
        [ $old = 1 ] && echo "old output" >"$out"
        KG_FAIL_ALLOC=$n KG_FAIL_ALLOC_PERSIST=$persist KG_FAIL_ALLOC_NOTE=1 \
            "$@" >"$tmp/fo" 2>"$tmp/fe"
        local rc=$?
        runs=$((runs + 1))
        if ! grep -q '^kgraph: note: an allocation failed on purpose' "$tmp/fe"; then
            # no allocation failed: the run must be whole
            if [ $rc != "$src" ] || sanitized "$tmp/fe" || [ ! -s "$out" ] ||
               [ "$(cat "$out")" = "old output" ]; then
                bad "$name: the run without a failure (N=$n) exits $rc or is not whole"
                bads=$((bads + 1))
            fi
            break
        fi
        local why="" first
        first=$(grep -v '^kgraph: note: ' "$tmp/fe" | head -1)
        [ $rc = "$erc" ] || why+=" exit $rc (want $erc);"
        case $first in
        "kgraph: error: out of memory while "*) ;;
        *) why+=" first line '$first';" ;;
        esac
        sanitized "$tmp/fe" && why+=" sanitizer: $(grep -m1 -E 'ERROR|runtime error|SUMMARY' "$tmp/fe");"
        if [ $old = 1 ]; then
            [ "$(cat "$out" 2>/dev/null)" = "old output" ] || why+=" the old output changed;"
        else
            [ ! -e "$out" ] || why+=" wrote $out;"
        fi
        compgen -G "$out.tmp-*" >/dev/null && why+=" left a temp file;"
        if [ -n "$why" ]; then
            bad "$name: KG_FAIL_ALLOC=$n persist=$persist:$why"
            bads=$((bads + 1))
            [ $bads -ge 5 ] && break
        fi
        n=$((n + step))
        [ $n -gt 100000 ] && { bad "$name: never succeeds"; break; }
    done
    [ $bads = 0 ] && ok
    if [ "${HOSTILE_FULL:-0}" = 1 ]; then step="every one"; else step="every ${small}th to 300, then every 53rd"; fi
    note "$name: $runs runs, allocations 1 to $n failed ($step)"
}
fault_loop "fault extract" 1 0 "$tmp/fx.ttl" 7 \
    "$KG" extract -O korea -o "$tmp/fx.ttl" $DATA/short.txt
fault_loop "fault diff" 2 1 "$tmp/fd.txt" 13 \
    "$KG" diff -o "$tmp/fd.txt" "$tmp/a/story.ttl" "$tmp/b/story.ttl"
fault_loop "fault schema" 1 0 "$tmp/fs.ttl" 13 \
    "$KG" schema -o "$tmp/fs.ttl" korea

note "($SECONDS s)"
# ===== 6. output faults and signals ==========================================

# A full device: the write fails, exit 1.
run 1 "/dev/full" "$KG" extract -f ttl -o /dev/full $DATA/short.txt &&
    expect_err "/dev/full" "/dev/full: error: cannot write file: No space left on device"
run 1 "stdout /dev/full" bash -c '"$0" extract "$1" >/dev/full' "$KG" $DATA/short.txt &&
    expect_err "stdout /dev/full" "-: error: cannot write standard output: No space left on device"
run 2 "diff to /dev/full" "$KG" diff -o /dev/full "$tmp/a/story.ttl" "$tmp/b/story.ttl" &&
    expect_err "diff to /dev/full" "/dev/full: error: cannot write file: No space left on device"
run 1 "parse to /dev/full" "$KG" parse -o /dev/full $DATA/short.txt &&
    expect_err "parse to /dev/full" "/dev/full: error: cannot write file: No space left on device"

# A missing directory: nothing is created.
run 1 "missing parent" "$KG" extract -o "$tmp/no/such/out.ttl" $DATA/short.txt &&
    expect_err "missing parent" "$tmp/no/such/out.ttl: error: cannot create file: No such file or directory"
run 1 "missing parent dir" "$KG" extract -f ttl -o "$tmp/no/such/" $DATA/short.txt &&
    expect_err "missing parent dir" "$tmp/no/such/: error: cannot create directory: No such file or directory"
[ ! -e "$tmp/no" ] && ok || bad "missing parent: created something"

# A read-only directory.  Root ignores permissions, so the directory is
# made immutable (chattr +i); else kgraph runs as nobody in a mode 555
# directory; else the test is skipped.
ro=$tmp/ro
mkdir -p "$ro"
echo "old output" >"$ro/out.ttl"
ro_how=""
if [ "$(id -u)" != 0 ]; then
    chmod 555 "$ro"; ro_how=mode
elif chattr +i "$ro" 2>/dev/null; then
    ro_how=chattr
elif command -v setpriv >/dev/null && chmod 555 "$ro" && chmod o+rx "$tmp" &&
     setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    ro_how=setpriv
fi
case $ro_how in
chattr|mode) ro_cmd=("$KG") ;;
setpriv) ro_cmd=(setpriv --reuid=nobody --regid=nogroup --clear-groups "$KG") ;;
esac
if [ -z "$ro_how" ]; then
    echo "  skipped (root): read-only directory (neither chattr nor setpriv works here)"
else
    if run 1 "read-only directory" "${ro_cmd[@]}" extract -o "$ro/out.ttl" $DATA/short.txt; then
        grep -q "^$ro/out.ttl: error: cannot create file: \(Operation not permitted\|Permission denied\)$" "$tmp/err" \
            && ok || bad "read-only directory: $(head -1 "$tmp/err")"
    fi
    [ "$(cat "$ro/out.ttl")" = "old output" ] && [ "$(ls -A "$ro")" = out.ttl ] && ok \
        || bad "read-only directory: the old output changed or a file appeared"
    if run 1 "read-only directory (dir output)" "${ro_cmd[@]}" extract -f ttl,dot -o "$ro/" $DATA/short.txt; then ok; fi
    [ "$(ls -A "$ro")" = out.ttl ] && ok || bad "read-only directory: $(ls -A "$ro" | tr '\n' ' ')"
    chattr -i "$ro" 2>/dev/null; chmod 755 "$ro"
fi

# Signals.  kgraph keeps a signal that was ignored when it started (as
# nohup wants), and a script's background jobs, or a test run itself
# started in the background, ignore SIGINT: kgraph is started through a
# wrapper that restores the default action, with job control on.
set -m
dfl=(python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])')
# 60 articles: the examples, 15 times under different names
articles=()
mkdir -p "$tmp/arts"
for i in $(seq 1 15); do
    for f in examples/*.txt; do
        cp "$f" "$tmp/arts/$i-$(basename "$f")"
        articles+=("$tmp/arts/$i-$(basename "$f")")
    done
done
# signal_test NAME SIG WHEN: WHEN = early (while extracting) or staging
# (once the first temp file exists).  Exit 128+n, no temp file, the old
# outputs untouched, no new output.
signal_test() {
    local name=$1 sig=$2 when=$3 try
    for try in 1 2 3; do
        local out=$tmp/sig/$name
        rm -rf "$out"; mkdir -p "$out"
        local first
        first=$(basename "${articles[0]}" .txt)
        echo "old output" >"$out/$first.ttl"
        "${dfl[@]}" "$KG" extract -q -f ttl,nt,dot -o "$out/" "${articles[@]}" >/dev/null 2>"$tmp/sigerr" &
        local pid=$! caught=0
        if [ "$when" = early ]; then
            sleep 0.5; kill -"$sig" $pid 2>/dev/null && caught=1
        else
            while kill -0 $pid 2>/dev/null; do
                if compgen -G "$out/*.tmp-*" >/dev/null; then
                    kill -"$sig" $pid 2>/dev/null && caught=1; break
                fi
            done
        fi
        wait $pid 2>/dev/null
        local rc=$?
        if [ $caught = 0 ]; then
            note "$name: the run ended before the signal (try $try)"; continue
        fi
        local num
        num=$(kill -l "$sig")
        local why=""
        [ $rc = $((128 + num)) ] || why+=" exit $rc (want $((128 + num)));"
        compgen -G "$out/*.tmp-*" >/dev/null && why+=" temp files left: $(ls "$out" | grep -c tmp-);"
        [ "$(cat "$out/$first.ttl")" = "old output" ] || why+=" the old output changed;"
        [ "$(ls -A "$out")" = "$first.ttl" ] || why+=" new outputs appeared;"
        sanitized "$tmp/sigerr" && why+=" sanitizer report;"
        if [ -z "$why" ]; then ok; else bad "$name:$why"; fi
        return
    done
    bad "$name: could not signal a running extraction in 3 tries"
}
signal_test "SIGINT while extracting" INT early
signal_test "SIGTERM while extracting" TERM early
signal_test "SIGINT while writing" INT staging
signal_test "SIGTERM while writing" TERM staging
set +m

note "($SECONDS s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
