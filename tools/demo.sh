#!/usr/bin/env bash
# demo.sh KGRAPH - regenerate graphs/ from the example articles.
#
# The example article from Bloomberg uses the Korea ontology (the people,
# places and organisations of that story, on top of the general news
# ontology); the Wikinews articles use the default ontology.
set -euo pipefail
KGRAPH=${1:-./kgraph}
cd "$(dirname "$0")/.."
mkdir -p graphs
echo "kgraph demo: examples/ -> graphs/"
"$KGRAPH" extract --ontology schema/korea.yaml -o graphs/ examples/korea-liaison-office.txt
for f in examples/boris-johnson-conservative-leader.txt examples/african-union-free-trade-bloc.txt; do
    "$KGRAPH" extract -o graphs/ "$f"
done
# What an edited version of the example article changes: a paragraph
# added, one removed, a claim hedged ("would" -> "might"), a name replaced
# by a description.  kgraph diff exits 1 when the versions differ.
for ext in txt svg; do
    fmt=$ext; [ "$ext" = txt ] && fmt=text
    rc=0
    "$KGRAPH" diff --ontology schema/korea.yaml -f "$fmt" -o "graphs/korea-liaison-office.diff.$ext" \
        examples/korea-liaison-office.txt examples/korea-liaison-office-v2.txt || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
done
for f in graphs/*.ttl; do
    n=$(grep -c '' "$f")
    printf '  %-45s %6d lines\n' "$f" "$n"
done
ls graphs/*.svg graphs/*.diff.txt | sed 's/^/  /'
