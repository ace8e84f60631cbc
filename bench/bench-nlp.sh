#!/usr/bin/env bash
# bench-nlp.sh KGRAPH SHARED - NLP core figures: tagger and full-pipeline
# (tagger + lemmatizer + parser) words/s on one core over the Wikinews
# corpus (also with the AVX2 kernels), model load time, peak RSS, and EWT
# dev accuracy.  Prints figures only; nothing here passes or fails on
# time.  words/s is wall time; the CPU figure leaves out the time other
# processes had the core (on a busy machine the two differ a lot).
set -uo pipefail
KGRAPH=$1
SHARED=$2
NEWS=("$SHARED"/data/news/*/*.txt)
DEV=$SHARED/data/ud-ewt/en_ewt-ud-dev.conllu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stat() { grep -E "^$1 [0-9.]+$" "$2" | sed "s|^$1 ||"; }

run() {  # label, parse arguments...
    local label=$1; shift
    if ! taskset -c 0 /usr/bin/time -v "$KGRAPH" parse --stats -o /dev/null "$@" \
        2>"$tmp/err"; then
        echo "$label: failed: $(head -n 3 "$tmp/err")"
        return
    fi
    printf '%-26s %9s words/s, %9s words/s CPU  (%s words, %s s, %s s CPU; load %s s; peak RSS %s kB)\n' \
        "$label" "$(stat words/s "$tmp/err")" "$(stat 'words/s cpu' "$tmp/err")" \
        "$(stat words "$tmp/err")" "$(stat seconds "$tmp/err")" \
        "$(stat 'cpu seconds' "$tmp/err")" "$(stat 'model load seconds' "$tmp/err")" \
        "$(grep 'Maximum resident' "$tmp/err" | grep -Eo '[0-9]+$')"
}

if "$KGRAPH" parse -o /dev/null "${NEWS[0]}" 2>/dev/null; then
    echo "Wikinews corpus: ${#NEWS[@]} files (tokenization time not included)"
    run "tagger" --tag-only "${NEWS[@]}"
    run "tagger+lemmatizer+parser" "${NEWS[@]}"
    # the same without AVX-512 (what an AVX2-only CPU runs; same trees)
    KGRAPH_ISA=avx2 run "  the same, KGRAPH_ISA=avx2" "${NEWS[@]}"
else
    echo "no tokenizer in this build: timing EWT dev x8 (gold tokenization) instead"
    for i in 1 2 3 4 5 6 7 8; do cat "$DEV"; done >"$tmp/dev8.conllu"
    run "tagger" --conllu --tag-only "$tmp/dev8.conllu"
    run "tagger+lemmatizer+parser" --conllu "$tmp/dev8.conllu"
fi
ls -l "$(dirname "$KGRAPH")"/models/en-ewt.*.bin 2>/dev/null |
    awk '{ s += $5 } END { if (NR) printf "model files: %.1f MB\n", s / 1e6 }'
echo
if "$KGRAPH" parse -o /dev/null "${NEWS[0]}" 2>/dev/null; then
    echo "EWT dev (kgraph eval-ud --raw $DEV):"
    "$KGRAPH" eval-ud --raw "$DEV"
else
    echo "EWT dev (kgraph eval-ud $DEV):"
    "$KGRAPH" eval-ud "$DEV"
fi
