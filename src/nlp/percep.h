/*
 * percep.h - averaged perceptron weights for training, with lazy
 * averaging, and their export into a model's feature table (model.h).
 *
 * Rows are sparse: a feature keeps only the classes it was ever updated
 * for, so tables with a hundred classes and millions of features fit.
 * Averaging is lazy (Daumé's trick): each weight remembers when it last
 * changed and the running total is brought up to date only then.
 */
#ifndef KG_PERCEP_H
#define KG_PERCEP_H

#include <stddef.h>
#include <stdint.h>

#include "nlp/ftab.h"
#include "nlp/model.h"

typedef struct kg_percep_entry {
    double total;   /* sum of the weight over past ticks */
    float w;
    uint32_t ts;    /* tick of the last change */
    uint32_t cls;
} kg_percep_entry;

typedef struct kg_percep_row {
    uint64_t key;   /* 0 = empty slot */
    kg_percep_entry *e;
    uint32_t n, cap;
} kg_percep_row;

typedef struct kg_percep {
    uint32_t nclasses;
    kg_percep_row *rows;
    size_t cap, n;
    uint32_t now;   /* ticks: one per training decision */
} kg_percep;

void kg_percep_init(kg_percep *p, uint32_t nclasses);
void kg_percep_release(kg_percep *p);

/* scores[c] = sum of current weights (scores is zeroed first). */
void kg_percep_score(const kg_percep *p, const uint64_t *feats, size_t n,
                     float *scores);

/* One training decision happened (advance the averaging clock). */
static inline void kg_percep_tick(kg_percep *p)
{
    p->now++;
}

/* Weights of good += 1, bad -= 1 for every feature.  0 or -1 (OOM). */
int kg_percep_update(kg_percep *p, const uint64_t *feats, size_t n,
                     uint32_t good, uint32_t bad);

/* Average, quantise to int16, drop zeros and rows that end up empty, and
 * add the sections "NAME.h", "NAME.s", "NAME.e" to w.  min_abs drops
 * averaged weights below it (pruning). */
int kg_percep_export(const kg_percep *p, kg_model_writer *w, const char *name,
                     float min_abs);

/* Add src's averaged weights to dst's totals and count one more run in
 * dst->now: dst, never trained itself, is then the mean of the runs it
 * absorbed, and exporting it writes the mean of their averaged weights.
 * 0 or -1 (OOM). */
int kg_percep_absorb(kg_percep *dst, const kg_percep *src);

/* Fast 64-bit mixing for feature hashes. */
static inline uint64_t kg_fmix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 29;
    return x;
}

#endif
