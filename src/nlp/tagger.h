/*
 * tagger.h - greedy averaged-perceptron POS tagger (XPOS and UPOS jointly)
 * with a tag dictionary, plus the lemmatizer that shares its model file.
 *
 * Each token gets one joint label "XPOS UPOS" (the pairs seen in
 * training).  Words are tagged from the last to the first: an English
 * word's tag depends more on what follows it ("that" before a clause or a
 * noun, a capitalised noun before "Inc." or a verb) than on what precedes
 * it, and on EWT dev right to left is worth +0.3 UPOS (95.35 -> 95.64;
 * three seeds each way, the same features).  Features: the word, its
 * lowercased digit-folded form, prefixes 1-3, suffixes 1-4, shape,
 * character flags, the words two to either side, neighbouring suffixes,
 * the two predicted labels of the words after it, and the word classes
 * WordNet gives the word and its neighbours
 * (the word lexicon, lexicon.h: most words of the news are not in the
 * treebank).  Frequent words that always carry one label in training skip
 * the model (tag dictionary).  Training is on the tagger's own predicted
 * history with seeded shuffling, so the same data gives the same bytes.
 */
#ifndef KG_TAGGER_H
#define KG_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"
#include "nlp/conllu.h"
#include "nlp/lemma.h"
#include "nlp/lexicon.h"
#include "nlp/ftab.h"
#include "nlp/model.h"

/* Single-token features per form, looked up once (tagger.c). */
#define KG_TAGGER_NMEMO 29

typedef struct kg_tagger {
    kg_model_file file;
    kg_ftab ftab;
    uint32_t nlabels;
    uint16_t *label_xpos;      /* label -> kg_xpos index */
    uint8_t *label_upos;       /* label -> kg_upos index */
    const kg_kv_slot *dict;  /* word hash -> label in off */
    uint32_t dictmask;
    const kg_kv_slot *amb;     /* word hash -> ambiguity class hash */
    uint32_t ambmask;
    kg_lemmatizer lemma;
    kg_lexicon lex;            /* in the model file; the parser reads it too */
    /* rows looked up at load (tagger.c: tagging at run time) */
    uint32_t *tabs;
    uint32_t *tab12, *tab19, *tab20, *tab21;
    uint32_t row1;
    uint32_t padrows[4][KG_TAGGER_NMEMO];
    void *padtf;               /* the pseudo-tokens' hashes */
} kg_tagger;

/* Per-thread working memory for tagging; grows as needed. */
typedef struct kg_tag_scratch {
    void *tok;                 /* per-token precomputed hashes */
    uint32_t *fixed;           /* per-token rows known before tagging */
    size_t cap;
    int32_t *scores;
    uint32_t nscores;
    void *wcache;              /* forms seen before and their rows */
    uint64_t wcache_owner;     /* kg_ftab.id of the model they belong to */
} kg_tag_scratch;

void kg_tag_scratch_init(kg_tag_scratch *s);
void kg_tag_scratch_release(kg_tag_scratch *s);

int kg_tagger_load(kg_tagger *t, const char *path, kg_diag *d);
int kg_tagger_load_mem(kg_tagger *t, const char *name, const void *data,
                       size_t size, kg_diag *d);
void kg_tagger_release(kg_tagger *t);

/* Tag n tokens (forms[i], lens[i] bytes).  xpos/upos receive kg_xpos /
 * kg_upos indices.  0, or -1 when memory runs out. */
int kg_tagger_tag(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                  const char *const *forms, const uint32_t *lens,
                  uint16_t *xpos, uint8_t *upos);
/* The same, and lex[i] receives word i's value in the tagger's lexicon
 * (it has looked each word up already; the parser reads the clusters:
 * kg_parse_sent.lex). */
int kg_tagger_tag_lex(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                      const char *const *forms, const uint32_t *lens, uint16_t *xpos,
                      uint8_t *upos, uint32_t *lex);

/* For tests: tag as kg_tagger_tag does and count the words whose feature
 * rows, found the fast way (cache, tables), differ from those of the
 * feature hashes the trainer uses.  0 when all agree; -1 when memory runs
 * out. */
int kg_tagger_selfcheck(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                        const char *const *forms, const uint32_t *lens,
                        uint16_t *xpos, uint8_t *upos);

typedef struct kg_tagger_opts {
    int epochs;        /* default 10 */
    uint64_t seed;     /* shuffling */
    int lemmatizer;    /* also learn the lemmatizer (1 by default) */
    float prune;       /* drop averaged weights below this (default 0.5) */
    double dropout;    /* probability that a feature is left out of one
                          training step (default 0: none) */
    int runs;          /* taggers trained (seed, seed + 7919, ...) and
                          averaged into one (default 1) */
    FILE *log;         /* progress lines, or NULL */
    const kg_lexicon *lex; /* word lexicon to learn from and embed, or NULL */
} kg_tagger_opts;

void kg_tagger_opts_init(kg_tagger_opts *o);

/* Train on sentences sents[0..nsents) of c (NULL = all); the model file's
 * bytes go to out. */
int kg_tagger_train(const kg_conllu *c, const uint32_t *sents, size_t nsents,
                    const kg_tagger_opts *o, kg_buf *out, kg_diag *d);

/* Deterministic PRNG shared by the trainers (xorshift64*). */
static inline uint64_t kg_rand_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1Dull;
}

/* A uniform draw in [0, 1): the top 53 bits of kg_rand_next, exactly. */
static inline double kg_rand_unit(uint64_t *s)
{
    return (double)(kg_rand_next(s) >> 11) / 9007199254740992.0;
}

/* Feature dropout in the trainers: keep each of f[0..n) with probability
 * keep (one draw per feature, in order), packed to the front; returns how
 * many are kept.  Left out of a step's score and update, no weight can
 * count on another being there. */
static inline size_t kg_rand_keep(uint64_t *f, size_t n, double keep, uint64_t *s)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (kg_rand_unit(s) < keep)
            f[k++] = f[i];
    return k;
}

/* Shuffle v[0..n) with kg_rand_next (Fisher-Yates, from the end): the
 * trainers' sentence order for each epoch. */
static inline void kg_rand_shuffle(uint32_t *v, size_t n, uint64_t *s)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(kg_rand_next(s) % i);
        uint32_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

#endif
