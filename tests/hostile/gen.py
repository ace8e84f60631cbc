#!/usr/bin/env python3
"""gen.py DIR - the big hostile inputs of tests/hostile/run.sh, made at run
time (never committed): the same bytes on every run (fixed seeds).

  line10m.txt     a 10 MB article whose body is one line of sentences
  line300k.txt    the same, 300 KB (for the sanitizer build)
  names-N.txt     one sentence of N tokens without punctuation, dense with
                  names and verbs (N = 5000, 10000, 20000)
  nested.txt      1,000 nested quotes, curly quotes, parentheses, brackets
  clauses.txt     "Moon said that" 3,300 times: a tree 3,300 clauses deep
  punct.txt       an article of punctuation only
  numbers.txt     an article of numbers only
  spaces.txt      an article of white space only (no-break spaces too)
  controls.txt    control characters inside names and the title
  deep.yaml       an ontology nested 100,000 levels deep ("[[[...]]]")
  deep-fm.txt     an article whose front matter is nested 100,000 deep
  onto100k.yaml   an ontology of 100,000 entities (importing news.yaml)
  mention100k.txt an article naming a few of those entities
"""
import os
import random
import sys

out = sys.argv[1]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def write(name, text, mode="w"):
    with open(os.path.join(out, name), mode) as f:
        f.write(text)


NAMES = ["Kim Jong Un", "Moon Jae-in", "Donald Trump", "Xi Jinping",
         "South Korea", "North Korea", "the United Nations", "Seoul",
         "Washington", "Pyongyang", "Bloomberg News", "the State Department"]
VERBS = ["met", "said", "criticised", "praised", "visited", "told", "warned",
         "supported", "opened", "signed"]
LINKS = [["in"], ["and"], ["that"], ["with"], ["on", "Monday"], ["because"]]


def sentence(rnd):
    words = (rnd.choice(NAMES).split() + [rnd.choice(VERBS)] +
             rnd.choice(NAMES).split() + rnd.choice(LINKS) +
             rnd.choice(NAMES).split())
    return " ".join(words) + "."


def one_line(name, size, seed):
    rnd = random.Random(seed)
    parts, n = [], 0
    while n < size:
        s = sentence(rnd)
        parts.append(s)
        n += len(s) + 1
    write(name, "A very long line\n\n" + " ".join(parts) + "\n")


one_line("line10m.txt", 10_000_000, 1)
one_line("line300k.txt", 300_000, 2)

rnd = random.Random(3)
words = []
while len(words) < 20000:
    words += (rnd.choice(NAMES).split() + [rnd.choice(VERBS)] +
              rnd.choice(NAMES).split() + rnd.choice(LINKS))
for n in (5000, 10000, 20000):
    write("names-%d.txt" % n, "No punctuation\n\n" + " ".join(words[:n]) + "\n")

k = 1000
write("nested.txt",
      "Nested\n\nMoon Jae-in said " + "\u201c" * k + "Kim Jong Un met Donald Trump"
      + "\u201d" * k + ". Trump " + "(" * k + "the president" + ")" * k +
      " praised Kim. He said " + '"' * k + "yes" + '"' * k + " and " +
      "'" * k + "no" + "'" * k + ". Xi " + "[" * k + "China" + "]" * k +
      " spoke " + "\u2018" * k + "softly" + "\u2019" * k + ".\n")
write("clauses.txt", "Nested clauses\n\n" + "Moon said that " * 3300 +
      "Kim met Trump.\n")
write("punct.txt", "!!! ??? ... ,,, ;;; --- ((( )))\n\n" +
      "\n\n".join("!?.,;:-()[]{}\"'\u2014\u201c\u201d" * 40 for _ in range(5)) + "\n")
write("numbers.txt", "2018 09 14\n\n" +
      " ".join(str(random.Random(4).randint(0, 10**6) * i) for i in range(3000)) + "\n")
write("spaces.txt", "   \n\t\n \u00a0 \u2003\n\n\t \n")
write("controls.txt", "Bell\x07 test \x1b[1mBold\n\n"
      "Moon Jae-in met Kim Jong Un in Seoul on Monday. "
      "Brian\x07Smith\x1b met Moon Jae-in. Donald\x0bTrump\x0c praised\x7f "
      "Kim\u0085Jong Un.\n")
n = 100_000
write("deep.yaml", "id: https://example.org/deep\nname: deep\nx: " + "[" * n +
      "]" * n + "\n")
write("deep-fm.txt", "---\ntitle: " + "[" * n + "]" * n +
      "\n---\nDeep\n\nBody.\n")

# 100,000 entities with unique labels and aliases
syl = ["ka", "to", "mi", "ra", "ne", "so", "lu", "pe", "di", "go", "ha", "ji",
       "ru", "bo", "ze", "xi", "qua", "vel"]
rnd = random.Random(5)
seen = set()
lines = ["id: https://example.org/onto100k", "name: onto100k", "imports:",
         "  - " + os.path.join(root, "schema", "news.yaml"), "prefixes:",
         "  big: https://example.org/big/", "default_prefix: big",
         "entities:"]
classes = ["Person", "Organization", "City", "Country", "Company"]
labels = []
while len(labels) < 100_000:
    first = "".join(rnd.choice(syl) for _ in range(rnd.randint(2, 3))).capitalize()
    last = "".join(rnd.choice(syl) for _ in range(rnd.randint(2, 4))).capitalize()
    name = first + " " + last
    alias = first + last
    if name in seen or alias in seen:
        continue
    seen.add(name)
    seen.add(alias)
    i = len(labels)
    labels.append(name)
    lines.append("  e%d:" % i)
    lines.append("    class: %s" % classes[i % len(classes)])
    lines.append("    label: %s" % name)
    if i % 3 == 0:
        lines.append("    aliases: [%s]" % alias)
    else:
        lines.append("    description: Entity number %d." % i)
write("onto100k.yaml", "\n".join(lines) + "\n")
picked = [labels[i] for i in range(0, 100_000, 9973)]
write("mention100k.txt", "Many names\n\n" + " ".join(
    "%s met %s in Seoul." % (picked[i], picked[i + 1])
    for i in range(len(picked) - 1)) + "\n")
