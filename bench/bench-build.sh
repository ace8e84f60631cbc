#!/usr/bin/env bash
# bench-build.sh KGRAPH SHARED - kgraph build over the Wikinews corpus:
# MB/s and words/s with one thread and with -j2, the time of each stage,
# peak RSS; then the corpus repeated 4 and 16 times (as JSON Lines with
# distinct ids) to show that time per MB and --stream memory stay flat.
# One thread and -j2 run three times each, alternately; the fastest of
# each is reported.  Prints figures only; never fails on time.  On a
# machine shared with other work, wall-clock figures vary; CPU seconds
# (user) vary less.
set -euo pipefail
KGRAPH=$1
SHARED=$2
corpus=("$SHARED"/data/news/*/*.txt)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
words=$(cat "${corpus[@]}" | wc -w)
bytes=$(cat "${corpus[@]}" | wc -c)
awk -v n="${#corpus[@]}" -v w="$words" -v b="$bytes" 'BEGIN {
    printf "corpus          %d articles, %d words, %.2f MB\n", n, w, b / 1e6 }'

# run NAME CMD... : wall s, user s, sys s, peak RSS kB into $tmp/NAME.time
run() {
    local name=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/$name.time" "$@"
}
report() { # name, label, bytes, words
    read -r wall user _ rss < "$tmp/$1.time"
    awk -v l="$2" -v b="$3" -v w="$4" -v s="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        if (s <= 0) s = 0.01; if (u <= 0) u = 0.01
        printf "%-15s %6.2f s wall %6.2f MB/s %7.0f words/s | %6.2f s CPU %5.2f MB/CPU-s | peak RSS %5.1f MB\n",
               l, s, b / 1e6 / s, w / s, u, b / 1e6 / u, r / 1024 }'
}

# --- one thread and two --------------------------------------------------------
# Three alternating pairs: the speed of a shared machine drifts by a fifth
# within minutes, so one pair says little.  The figures are each count's
# fastest run; the speed-up is theirs, and the range is that of the pairs.
best() { # name prefix: the fastest run's name
    local f
    for f in "$tmp/$1".*.time; do echo "$(cut -d' ' -f1 "$f") $(basename "$f" .time)"; done |
        sort -n | head -1 | cut -d' ' -f2
}
for r in 1 2 3; do
    run "j1.$r" "$KGRAPH" build -q -j1 -o "$tmp/j1.nq" "${corpus[@]}"
    run "j2.$r" "$KGRAPH" build -q -j2 -o "$tmp/j2.nq" "${corpus[@]}"
done
b1=$(best j1)
b2=$(best j2)
report "$b1" "build -j1" "$bytes" "$words"
report "$b2" "build -j2" "$bytes" "$words"
read -r w1 _ < "$tmp/$b1.time"
read -r w2 _ < "$tmp/$b2.time"
pairs=$(for r in 1 2 3; do
    read -r a _ < "$tmp/j1.$r.time"
    read -r b _ < "$tmp/j2.$r.time"
    awk -v a="$a" -v b="$b" 'BEGIN { if (b <= 0) b = 0.01; printf "%.2f\n", a / b }'
done | sort -n | sed -n '1p;$p' | paste -sd-)
awk -v a="$w1" -v b="$w2" -v p="$pairs" 'BEGIN { if (b <= 0) b = 0.01
    printf "-j2 speed-up    %.2fx (fastest runs; %s over three alternating pairs)\n", a / b, p }'
cmp -s "$tmp/j1.nq" "$tmp/j2.nq" && echo "-j1 and -j2     same bytes" || echo "-j1 and -j2     OUTPUTS DIFFER"
run st "$KGRAPH" build -q -j1 --stream "${corpus[@]}" > /dev/null
report st "build --stream" "$bytes" "$words"
echo "stages (build -j1 --stats; CPU seconds; tag timed in an extra pass):"
"$KGRAPH" build -q -j1 --stats -o "$tmp/stats.nq" "${corpus[@]}" 2>&1 |
    sed -n 's/^  stage /  /p; s/^  total /  total /p'

# --- scaling: the corpus 4 and 16 times, distinct ids --------------------------------
python3 - "$tmp" "${corpus[@]}" <<'PY'
import json, os, sys
tmp, files = sys.argv[1], sys.argv[2:]
recs = []
for f in files:
    with open(f, encoding="utf-8") as h:
        text = h.read()
    title, _, body = text.partition("\n")
    recs.append((os.path.splitext(os.path.basename(f))[0], title, body.lstrip("\n")))
for k in (1, 4, 16):
    with open(os.path.join(tmp, "x%d.jsonl" % k), "w", encoding="utf-8") as out:
        for r in range(k):
            for stem, title, body in recs:
                out.write(json.dumps({"id": "r%d-%s" % (r, stem), "title": title,
                                      "text": body}, ensure_ascii=False) + "\n")
PY
echo "scaling (JSON Lines on stdin, -j2):"
for k in 1 4 16; do
    xb=$(wc -c < "$tmp/x$k.jsonl")
    xw=$((words * k))
    run "s$k" "$KGRAPH" build -q -j2 --stream - < "$tmp/x$k.jsonl" > /dev/null
    report "s$k" "  x$k --stream" "$xb" "$xw"
    if [ "$k" -le 4 ]; then
        run "m$k" "$KGRAPH" build -q -j2 -o "$tmp/m$k.nq" - < "$tmp/x$k.jsonl"
        report "m$k" "  x$k merged" "$xb" "$xw"
    fi
done
for k in 1 4 16; do
    read -r wall user _ rss < "$tmp/s$k.time"
    xb=$(wc -c < "$tmp/x$k.jsonl")
    awk -v k="$k" -v b="$xb" -v s="$wall" -v u="$user" -v r="$rss" 'BEGIN {
        printf "  x%-2d --stream   %.2f s wall/MB, %.2f CPU-s/MB, peak RSS %.1f MB\n", k, s / (b / 1e6), u / (b / 1e6), r / 1024 }'
done
