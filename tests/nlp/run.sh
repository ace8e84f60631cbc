#!/usr/bin/env bash
# NLP core through the command line: eval-ud scoring and its golden errors
# for malformed CoNLL-U, training commands (deterministic bytes, clear
# errors for bad models), and the shipped models: `parse` output is valid
# CoNLL-U whose every sentence is a tree, on the EWT fixture and on a
# sample of the Wikinews corpus.
set -u
KGRAPH=$1
cd "$(dirname "$0")/../.."
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FIX=tests/nlp/ewt-sample.conllu

# Every sentence of a CoNLL-U file is a tree: heads in range, one root,
# no cycles; the label "root" on the root's arc and on no other; "punct"
# on punctuation only (by its XPOS), and always on the marks that are
# nothing else in EWT ('' `` ( ) . :) unless they are the root.
trees() {
    awk -F'\t' '
    function flush(   i, j, steps, roots) {
        if (n == 0) return
        roots = 0
        for (i = 1; i <= n; i++) {
            if (h[i] !~ /^[0-9]+$/ || h[i] > n || h[i] == i) { bad++; n = 0; return }
            if (h[i] == 0) roots++
            if ((h[i] == 0) != (l[i] == "root")) { bad++; n = 0; return }
            if (l[i] == "punct" && !(x[i] in mayp)) { bad++; n = 0; return }
            if (x[i] in allp && l[i] != "punct" && h[i] != 0) { bad++; n = 0; return }
        }
        if (roots != 1) { bad++; n = 0; return }
        for (i = 1; i <= n; i++) {
            j = i; steps = 0
            while (j != 0 && steps <= n) { j = h[j]; steps++ }
            if (j != 0) { bad++; n = 0; return }
        }
        good++; n = 0
    }
    BEGIN {
        split("'\'''\'' `` -LRB- -RRB- . :", a, " "); for (k in a) allp[a[k]] = mayp[a[k]] = 1
        split(", HYPH NFP SYM GW", a, " "); for (k in a) mayp[a[k]] = 1
    }
    /^$/ { flush(); next }
    /^#/ { next }
    $1 ~ /^[0-9]+$/ { if (NF != 10) bad++; n = $1; h[n] = $7; l[n] = $8; x[n] = $5 }
    END { flush(); if (bad || !good) { print "trees: " good " good, " bad " bad"; exit 1 } }' "$1"
}

# --- eval-ud on files ---
out=$("$KGRAPH" eval-ud "$FIX" "$FIX")
check "eval-ud: a file against itself scores 100" \
    test "$(echo "$out" | grep -c ' 100.00$')" = 8
for g in tests/nlp/bad-*.conllu; do
    err=$("$KGRAPH" eval-ud "$g" "$FIX" 2>&1); rc=$?
    check "eval-ud $g: exit 1" test $rc = 1
    check "eval-ud $g: message" test "$err" = "$(cat "${g%.conllu}.err")"
done
"$KGRAPH" eval-ud 2>/dev/null
check "eval-ud without files: usage error" test $? = 2

# --- training commands ---
"$KGRAPH" train-tagger -q -e 3 -o "$tmp/a.tagger.bin" "$FIX" &&
    "$KGRAPH" train-tagger -q -e 3 -o "$tmp/b.tagger.bin" "$FIX"
check "train-tagger runs" test $? = 0
check "train-tagger: same bytes twice" cmp -s "$tmp/a.tagger.bin" "$tmp/b.tagger.bin"
"$KGRAPH" train-parser -q -e 3 -j 2 -t 2 -o "$tmp/a.parser.bin" "$FIX"
check "train-parser runs (jackknifed)" test $? = 0
out=$("$KGRAPH" eval-ud --models "$tmp/a" "$FIX")
check "eval-ud with trained models" test "$(echo "$out" | grep -c 'UAS')" = 1
"$KGRAPH" train-parser -q -o "$tmp/x.bin" 2>/dev/null
check "train-parser without input: usage error" test $? = 2
err=$("$KGRAPH" train-parser -q --runs 0 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --runs 0: usage error" test $rc = 2
check "train-parser --runs 0: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: bad --runs '0'"
"$KGRAPH" train-parser -q -e 2 -j 1 --runs 2 -o "$tmp/r.parser.bin" "$FIX"
check "train-parser --runs 2 runs" test $? = 0
err=$("$KGRAPH" train-parser -q --dropout 1 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --dropout 1: usage error" test $rc = 2
check "train-parser --dropout 1: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: bad --dropout '1'"
"$KGRAPH" train-parser -q -e 2 -j 1 --dropout 0.1 -o "$tmp/d1.parser.bin" "$FIX" &&
    "$KGRAPH" train-parser -q -e 2 -j 1 --dropout 0.1 -o "$tmp/d2.parser.bin" "$FIX" &&
    "$KGRAPH" train-parser -q -e 2 -j 1 -o "$tmp/d0.parser.bin" "$FIX"
check "train-parser --dropout runs" test $? = 0
check "train-parser --dropout: same bytes twice" cmp -s "$tmp/d1.parser.bin" "$tmp/d2.parser.bin"
check "train-parser --dropout: another model than without" \
    test "$(cmp -s "$tmp/d1.parser.bin" "$tmp/d0.parser.bin"; echo $?)" = 1

# the neural parser: trains, same bytes twice, parses with the tagger,
# and its options' usage errors
VEC=$(dirname "$FIX")/vectors-sample.tsv
"$KGRAPH" train-parser -q --neural -e 2 -j 1 --hidden 16 --mlp 16 --embeddings "$VEC" \
    -o "$tmp/n1.parser.bin" "$FIX" &&
    "$KGRAPH" train-parser -q --neural -e 2 -j 1 --hidden 16 --mlp 16 --embeddings "$VEC" \
        -o "$tmp/n2.parser.bin" "$FIX"
check "train-parser --neural runs" test $? = 0
check "train-parser --neural: same bytes twice" cmp -s "$tmp/n1.parser.bin" "$tmp/n2.parser.bin"
cp "$tmp/a.tagger.bin" "$tmp/n1.tagger.bin"
out=$("$KGRAPH" eval-ud --models "$tmp/n1" "$FIX")
check "eval-ud with a neural parser" test "$(echo "$out" | grep -c 'UAS')" = 1
err=$("$KGRAPH" train-parser -q --neural --hidden 30 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --hidden 30: usage error" test $rc = 2
check "train-parser --hidden 30: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: bad --hidden '30' (a multiple of 4, 4 to 512)"
err=$("$KGRAPH" train-parser -q --embeddings "$VEC" -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --embeddings without --neural: usage error" test $rc = 2
check "train-parser --embeddings without --neural: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: --embeddings, --max-embeddings, --hidden and --mlp need --neural"
err=$("$KGRAPH" train-parser -q --neural --embeddings "$tmp/none.tsv" -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --embeddings missing file: input error" test $rc = 1
check "train-parser --embeddings missing file: message" test "$(echo "$err" | head -1)" = \
    "$tmp/none.tsv: error: cannot open the embeddings file"

# the tagger's --dropout and --runs, and the fold taggers' in train-parser
err=$("$KGRAPH" train-tagger -q --dropout 1 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-tagger --dropout 1: usage error" test $rc = 2
check "train-tagger --dropout 1: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-tagger: error: bad --dropout '1'"
err=$("$KGRAPH" train-tagger -q --runs 0 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-tagger --runs 0: usage error" test $rc = 2
check "train-tagger --runs 0: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-tagger: error: bad --runs '0'"
"$KGRAPH" train-tagger -q -e 3 --dropout 0.3 --runs 2 -o "$tmp/td1.tagger.bin" "$FIX" &&
    "$KGRAPH" train-tagger -q -e 3 --dropout 0.3 --runs 2 -o "$tmp/td2.tagger.bin" "$FIX" &&
    "$KGRAPH" train-tagger -q -e 3 --dropout 0.3 -o "$tmp/td3.tagger.bin" "$FIX"
check "train-tagger --dropout --runs runs" test $? = 0
check "train-tagger --dropout --runs: same bytes twice" cmp -s "$tmp/td1.tagger.bin" "$tmp/td2.tagger.bin"
check "train-tagger --dropout: another model than without" \
    test "$(cmp -s "$tmp/td3.tagger.bin" "$tmp/a.tagger.bin"; echo $?)" = 1
check "train-tagger --runs 2: another model than one run" \
    test "$(cmp -s "$tmp/td1.tagger.bin" "$tmp/td3.tagger.bin"; echo $?)" = 1
out=$("$KGRAPH" eval-ud --tagger "$tmp/td1.tagger.bin" "$FIX")
check "train-tagger --runs 2: a working tagger" \
    awk '$1 == "UPOS" && $2 > 80 { ok = 1 } END { exit !ok }' <<EOF_
$out
EOF_
err=$("$KGRAPH" train-parser -q --tagger-dropout 1 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --tagger-dropout 1: usage error" test $rc = 2
check "train-parser --tagger-dropout 1: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: bad --tagger-dropout '1'"
err=$("$KGRAPH" train-parser -q --tagger-prune -1 -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "train-parser --tagger-prune -1: usage error" test $rc = 2
check "train-parser --tagger-prune -1: message" test "$(echo "$err" | head -1)" = \
    "kgraph train-parser: error: bad --tagger-prune '-1'"
"$KGRAPH" train-parser -q -e 2 -j 2 -t 2 --tagger-dropout 0.3 --tagger-runs 2 --tagger-prune 1 \
    -o "$tmp/ft1.parser.bin" "$FIX" &&
    "$KGRAPH" train-parser -q -e 2 -j 2 -t 2 -o "$tmp/ft0.parser.bin" "$FIX"
check "train-parser --tagger-dropout --tagger-runs runs" test $? = 0
check "train-parser: the fold taggers' options change the parser" \
    test "$(cmp -s "$tmp/ft1.parser.bin" "$tmp/ft0.parser.bin"; echo $?)" = 1

# --- the word lexicon: trained with, embedded, and tying the two models ---
LEX=tests/nlp/lexicon-sample.tsv
"$KGRAPH" train-tagger -q -e 3 --lexicon "$LEX" -o "$tmp/l.tagger.bin" "$FIX" &&
    "$KGRAPH" train-tagger -q -e 3 --lexicon "$LEX" -o "$tmp/l2.tagger.bin" "$FIX"
check "train-tagger --lexicon runs" test $? = 0
check "train-tagger --lexicon: same bytes twice" cmp -s "$tmp/l.tagger.bin" "$tmp/l2.tagger.bin"
check "train-tagger --lexicon: another model than without" \
    test "$(cmp -s "$tmp/l.tagger.bin" "$tmp/a.tagger.bin"; echo $?)" = 1
"$KGRAPH" train-parser -q -e 3 -j 2 -t 2 --lexicon "$LEX" -o "$tmp/l.parser.bin" "$FIX"
check "train-parser --lexicon runs (jackknifed)" test $? = 0
out=$("$KGRAPH" eval-ud --models "$tmp/l" "$FIX")
check "eval-ud with models trained with the lexicon" test "$(echo "$out" | grep -c 'UAS')" = 1
err=$("$KGRAPH" eval-ud --tagger "$tmp/a.tagger.bin" --parser "$tmp/l.parser.bin" "$FIX" 2>&1); rc=$?
check "a parser with a tagger of another lexicon: exit 1" test $rc = 1
check "a parser with a tagger of another lexicon: message" test "$err" = \
    "$tmp/l.parser.bin: error: the parser was trained with a word lexicon and the tagger has none; use a tagger and a parser trained together"
"$KGRAPH" eval-ud --tagger "$tmp/l.tagger.bin" --parser "$tmp/a.parser.bin" "$FIX" >/dev/null
check "a parser trained without a lexicon runs with a tagger that has one" test $? = 0
printf 'good\t1\t2\nbad line\n' > "$tmp/bad.tsv"
err=$("$KGRAPH" train-tagger -q --lexicon "$tmp/bad.tsv" -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "a malformed lexicon: exit 1 and its line" test "$rc:$err" = \
    "1:$tmp/bad.tsv:2: error: expected 'word TAB cluster TAB classes' (a word of at most 64 bytes, a cluster below 1023, classes at most 4194303)"
check "a malformed lexicon: no model written" test ! -e "$tmp/x.bin"
err=$("$KGRAPH" train-parser -q --lexicon "$tmp/missing.tsv" -o "$tmp/x.bin" "$FIX" 2>&1); rc=$?
check "a missing lexicon: exit 1" test "$rc" = 1
check "a missing lexicon: message names it" grep -q "missing.tsv" <<<"$err"
head -c 12 "$tmp/a.tagger.bin" > "$tmp/t.tagger.bin"
cp "$tmp/a.parser.bin" "$tmp/t.parser.bin"
err=$("$KGRAPH" eval-ud --models "$tmp/t" "$FIX" 2>&1); rc=$?
check "a truncated model: exit 1" test $rc = 1
check "a truncated model: message" test "$err" = \
    "$tmp/t.tagger.bin: error: model file is truncated (12 bytes)"
cp "$tmp/a.tagger.bin" "$tmp/v.tagger.bin"
printf '\001' | dd of="$tmp/v.tagger.bin" bs=1 seek=8 conv=notrunc 2>/dev/null
cp "$tmp/a.parser.bin" "$tmp/v.parser.bin"
err=$("$KGRAPH" eval-ud --models "$tmp/v" "$FIX" 2>&1); rc=$?
check "a model of another version: exit 1" test $rc = 1
check "a model of another version: message" test "$err" = \
    "$tmp/v.tagger.bin: error: model format version 1 is not supported (this kgraph reads version 2); retrain the model"
cp "$tmp/a.parser.bin" "$tmp/w.tagger.bin"
err=$("$KGRAPH" eval-ud --models "$tmp/w" "$FIX" 2>&1)
check "a parser model as tagger: message" test "$err" = \
    "$tmp/w.tagger.bin: error: model is a parser model, expected a tagger model"

# --- the shipped models ---
if [ -r models/en-ewt.tagger.bin ] && [ -r models/en-ewt.parser.bin ]; then
    "$KGRAPH" parse --conllu -o "$tmp/fix.conllu" "$FIX"
    check "parse --conllu with the shipped models" test $? = 0
    check "parse --conllu: every sentence a tree" trees "$tmp/fix.conllu"
    out=$("$KGRAPH" eval-ud "$FIX" "$tmp/fix.conllu")
    check "parse --conllu keeps the words" test "$(echo "$out" | grep -c 'Tokens *100.00')" = 1
    check "parse --conllu: sent_id and text" \
        grep -q '^# sent_id = doc1-1$' "$tmp/fix.conllu"
    if "$KGRAPH" parse -o "$tmp/one.conllu" tests/nlp/ewt-sample.txt 2>/dev/null; then
        # a sample of the Wikinews corpus: every 12th file
        files=$(ls ../shared/data/news/*/*.txt 2>/dev/null | awk 'NR % 12 == 1')
        if [ -n "$files" ]; then
            "$KGRAPH" parse -o "$tmp/news.conllu" $files
            check "parse the Wikinews sample" test $? = 0
            check "Wikinews sample: every sentence a tree" trees "$tmp/news.conllu"
            check "Wikinews sample: text lines" grep -q '^# text = ' "$tmp/news.conllu"
        fi
        # every kernel path (plain C, AVX2, AVX-512 as far as this CPU
        # goes) gives the same trees on a whole article
        for isa in c avx2 avx512; do
            KGRAPH_ISA=$isa "$KGRAPH" parse -o "$tmp/isa-$isa.conllu" examples/korea-liaison-office.txt
        done
        check "KGRAPH_ISA=c and avx2: the same parse" cmp -s "$tmp/isa-c.conllu" "$tmp/isa-avx2.conllu"
        check "KGRAPH_ISA=c and avx512: the same parse" cmp -s "$tmp/isa-c.conllu" "$tmp/isa-avx512.conllu"
        check "KGRAPH_ISA: the parse has trees" trees "$tmp/isa-c.conllu"
        err=$(KGRAPH_ISA=sse "$KGRAPH" parse -o "$tmp/x.conllu" examples/korea-liaison-office.txt 2>&1); rc=$?
        check "KGRAPH_ISA=sse: input error" test $rc = 1
        check "KGRAPH_ISA=sse: message" test "$(echo "$err" | head -1)" = \
            "kgraph: error: unknown instruction set 'sse' in KGRAPH_ISA (c, avx2 or avx512)"
        # scare quotes: the parser reads the sentence without them (the
        # other words get the heads and relations of the unquoted
        # sentence's parse) and each mark hangs from the quoted word
        printf 'Bolton said Pompeo would "soon" return to North Korea.\n' > "$tmp/q.txt"
        printf 'Bolton said Pompeo would soon return to North Korea.\n' > "$tmp/nq.txt"
        "$KGRAPH" parse -o "$tmp/q.conllu" "$tmp/q.txt"
        "$KGRAPH" parse -o "$tmp/nq.conllu" "$tmp/nq.txt"
        # the quoted parse without its marks (words 5 and 7), renumbered
        unq=$(awk -F'\t' '$1 ~ /^[0-9]+$/ && $1 != 5 && $1 != 7 {
                h = $7; if (h > 7) h -= 2; else if (h > 5) h -= 1
                print $2, h, $8 }' "$tmp/q.conllu")
        plain=$(awk -F'\t' '$1 ~ /^[0-9]+$/ { print $2, $7, $8 }' "$tmp/nq.conllu")
        check "scare quotes: the other words parsed as without them" test "$unq" = "$plain"
        check "scare quotes: each mark is punct of the quoted word" \
            test "$(awk -F'\t' '$1 == 5 || $1 == 7 { print $7, $8 }' "$tmp/q.conllu" | tr '\n' ' ')" = "6 punct 6 punct "
        printf '\n\n...!?\n\n' > "$tmp/punct.txt"
        "$KGRAPH" parse -o "$tmp/punct.conllu" "$tmp/punct.txt"
        check "punctuation-only text parses" trees "$tmp/punct.conllu"
    else
        echo "(no tokenizer in this build: raw-text checks skipped)"
    fi
else
    echo "(no shipped models: their checks skipped)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
