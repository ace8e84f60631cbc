#!/usr/bin/env bash
# bench-extract.sh KGRAPH SHARED - the main job over the Wikinews corpus:
# words/s, MB/s, peak RSS, triples and entities produced.
set -euo pipefail
KGRAPH=$1
SHARED=$2
corpus=("$SHARED"/data/news/*/*.txt)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
words=$(cat "${corpus[@]}" | wc -w)
bytes=$(cat "${corpus[@]}" | wc -c)
# One process for the whole corpus: the ontology is loaded once.
/usr/bin/time -f '%e %M' -o "$tmp/time" \
    "$KGRAPH" extract -q -f nt -o "$tmp/all.nt" "${corpus[@]}"
read -r secs rss < "$tmp/time"
triples=$(grep -c '' "$tmp/all.nt")
awk -v n="${#corpus[@]}" -v w="$words" -v b="$bytes" -v s="$secs" -v r="$rss" -v t="$triples" 'BEGIN {
    if (s <= 0) s = 0.01
    printf "articles        %d (%d words, %.1f MB)\n", n, w, b / 1e6
    printf "extract         %.2f s wall, %.0f words/s, %.2f MB/s\n", s, w / s, b / 1e6 / s
    printf "peak RSS        %.1f MB\n", r / 1024
    printf "N-Triples out   %d triples\n", t
}'
