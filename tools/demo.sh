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
for f in graphs/*.ttl; do
    n=$(grep -c '' "$f")
    printf '  %-45s %6d lines\n' "$f" "$n"
done
ls graphs/*.svg | sed 's/^/  /'
