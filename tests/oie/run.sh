#!/usr/bin/env bash
# run.sh KGRAPH - `kgraph oie`: CaRB's format on sample.txt (sentences
# written for this test, CaRB-style tokenization), its gold tuples
# (sample-gold.tsv, written the way CaRB's annotators write them) scored
# with eval-oie, determinism, and the command line's exit codes.  The full
# CaRB dev figure is `make bench` (bench/bench-carb.sh).
set -u
KGRAPH=$1
cd "$(dirname "$0")"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

"$KGRAPH" oie sample.txt >"$tmp/out.tsv" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "oie sample.txt exited $rc: $(cat "$tmp/err")"
[ -s "$tmp/out.tsv" ] && ok || bad "no extractions"

# Every line: the input sentence verbatim, a confidence in [0,1], a
# non-empty relation, two or more arguments (one for an agentless
# passive), each a run of the line's own words (CaRB compares
# whitespace-split words).
awk -F'\t' '
    NR == FNR { sent[$0] = 1; next }
    {
        if (!($1 in sent)) { print "line " FNR ": sentence not an input line"; bad = 1 }
        if (NF < 4) { print "line " FNR ": no argument"; bad = 1 }
        if (NF == 4 && $3 !~ /^(is|are|was|were|be|been|being) /) {
            print "line " FNR ": one argument but not a passive"; bad = 1
        }
        if ($2 !~ /^[0-9]+(\.[0-9]+)?$/ || $2 + 0 < 0 || $2 + 0 > 1) {
            print "line " FNR ": confidence \"" $2 "\""; bad = 1
        }
        if ($3 == "") { print "line " FNR ": empty relation"; bad = 1 }
        for (i = 4; i <= NF; i++) {
            if ($i == "" || $i ~ /^ | $|  /) { print "line " FNR ": argument " i - 3 " malformed"; bad = 1 }
            if (index(" " $1 " ", " " $i " ") == 0) {
                print "line " FNR ": argument \"" $i "\" is not a run of the sentence'"'"'s words"; bad = 1
            }
        }
    }
    END { exit bad }' sample.txt "$tmp/out.tsv" >"$tmp/fmt"
[ $? -eq 0 ] && ok || bad "format: $(head -5 "$tmp/fmt")"

# Extractions the rules must make (passive kept, preposition and negation
# in the relation, xcomp folded, coordination, compound title, apposition).
for want in \
    $'\twere imposed by\tThe sanctions\tthe United Nations\tin 2017' \
    $'\tdid n\'t comment on\tThe company\tthe report' \
    $'\tagreed to build\tKim and Moon\ta new railway' \
    $'\tset up\tOfficials\ta liaison office\tin Kaesong' \
    $'\tis\tMoon Jae-in\tSouth Korean President' \
    $'\tis\tBolton\tTrump \'s national security adviser' \
    $'\tsaid\tPompeo\tthe talks would continue next week'; do
    if grep -qF -- "$want" "$tmp/out.tsv"; then ok; else bad "missing extraction:$(printf '%s' "$want" | tr '\t' '|')"; fi
done

# Scored against the sample's gold with CaRB's matcher.
"$KGRAPH" eval-oie --json --gold sample-gold.tsv "$tmp/out.tsv" >"$tmp/score.json" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "eval-oie exited $rc: $(cat "$tmp/err")"
f1=$(sed -E 's/.*"f1": ([^,]*),.*/\1/' "$tmp/score.json")
awk -v f="$f1" 'BEGIN { exit !(f + 0 >= 0.7) }' && ok || bad "sample F1 $f1 < 0.7"

# Untokenized text goes through the tokenizer; arguments are still whole
# words of the line.
printf '%s\n' "Pompeo, who didn't get an audience with Kim, said the talks were productive." \
    >"$tmp/raw.txt"
"$KGRAPH" oie "$tmp/raw.txt" >"$tmp/raw.tsv" 2>/dev/null
grep -qF $'\tdid n\'t get\tPompeo,\tan audience' "$tmp/raw.tsv" &&
    awk -F'\t' '{ for (i = 4; i <= NF; i++) if (index(" " $1 " ", " " $i " ") == 0) bad = 1 } END { exit bad }' \
        "$tmp/raw.tsv" && ok || bad "raw text: $(head -3 "$tmp/raw.tsv")"

# Same input, same bytes; standard input works as a file does.
"$KGRAPH" oie - <sample.txt >"$tmp/out2.tsv" 2>/dev/null
cmp -s "$tmp/out.tsv" "$tmp/out2.tsv" && ok || bad "stdin output differs from file output"

# --clauses: the clause dump names its rules and flags.
"$KGRAPH" oie --clauses sample.txt >"$tmp/clauses" 2>/dev/null
grep -q ' passive .*PASSIVE' "$tmp/clauses" && grep -q ' title-noun ' "$tmp/clauses" &&
    grep -q 'SPEECH' "$tmp/clauses" && grep -q 'ATTRIBUTED speech=#' "$tmp/clauses" &&
    grep -q 'NEGATED' "$tmp/clauses" && ok || bad "--clauses output lacks rules or flags"

# A pathologically deep parse (a 2000-link chain of "the friend of")
# takes linear time, not quadratic: well under the limit even with
# sanitizers.
awk 'BEGIN { s = "He saw"; for (i = 0; i < 2000; i++) s = s " the friend of"; print s " Paris ." }' >"$tmp/deep.txt"
timeout 60 "$KGRAPH" oie "$tmp/deep.txt" >"$tmp/deep.tsv" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ -s "$tmp/deep.tsv" ] && ok || bad "deep chain: exit $rc $(head -c 200 "$tmp/err")"

# Blank input: nothing, successfully.
printf '\n  \n' | "$KGRAPH" oie - >"$tmp/empty" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/empty" ] && ok || bad "blank input: exit $rc, output $(head -c 100 "$tmp/empty")"

# Exit codes: --help 0, bad option 2, missing file 1, invalid UTF-8 1.
"$KGRAPH" oie --help >/dev/null 2>&1 && ok || bad "--help"
"$KGRAPH" oie --no-such-option sample.txt >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "unknown option should exit 2"
"$KGRAPH" oie "$tmp/missing.txt" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'missing.txt' "$tmp/err" && ok || bad "missing file should exit 1 naming it"
printf 'bad \xff byte .\n' >"$tmp/bad.txt"
"$KGRAPH" oie "$tmp/bad.txt" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'error' "$tmp/err" && ok || bad "invalid UTF-8 should exit 1"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
