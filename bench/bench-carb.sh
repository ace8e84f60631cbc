#!/usr/bin/env bash
# bench-carb.sh KGRAPH SHARED - Open IE accuracy on the CaRB dev split.
#
# Scores `kgraph oie FILE` (CaRB extractions, sentence TAB confidence TAB
# relation TAB args..., on stdout) with `kgraph eval-oie`: precision,
# recall and F1 at the best threshold, and the area under the PR curve;
# and its speed (sentences/s, words/s, including model loading).  Also
# prints the scorer's own sanity figure (the gold tuples fed back as
# extractions must score 1) and its speed.
set -euo pipefail
KGRAPH=$1
SHARED=$2
carb=$SHARED/data/carb
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Gold handed back as predictions, confidence 1.
awk -F'\t' 'BEGIN { OFS = "\t" } { s = $1; $1 = ""; sub(/^\t/, ""); print s, "1", $0 }' \
    "$carb/gold/dev.tsv" >"$tmp/gold-pred.tsv"
/usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$KGRAPH" eval-oie --json --gold "$carb/gold/dev.tsv" "$tmp/gold-pred.tsv" >"$tmp/gold.json"
read -r secs rss <"$tmp/time"
sed -E 's/.*"f1": ([^,]*),.*/\1/' "$tmp/gold.json" >"$tmp/f1"
printf 'eval-oie        gold as prediction: F1 %s, %.2f s, peak RSS %.1f MB\n' \
    "$(cat "$tmp/f1")" "$secs" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"

if ! "$KGRAPH" oie --help >/dev/null 2>&1; then
    echo "oie: not built yet"
    exit 0
fi
words=$(wc -w <"$carb/dev.txt")
sents=$(grep -c . "$carb/dev.txt")
/usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$KGRAPH" oie "$carb/dev.txt" >"$tmp/pred.tsv"
read -r secs rss <"$tmp/time"
awk -v w="$words" -v ns="$sents" -v s="$secs" -v r="$rss" -v n="$(grep -c '' "$tmp/pred.tsv")" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "oie             %d sentences, %d extractions, %.2f s wall, %.0f sentences/s, %.0f words/s, peak RSS %.1f MB\n", ns, n, s, ns / s, w / s, r / 1024
}'
"$KGRAPH" eval-oie --gold "$carb/gold/dev.tsv" "$tmp/pred.tsv" | sed 's/^/carb dev        /'
