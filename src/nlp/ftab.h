/*
 * ftab.h - the feature table: 64-bit feature hashes -> weights per class,
 * as stored in a model file (model.h) and as scored at run time.
 *
 * In the file (sections "NAME.h" header, "NAME.s" slots, "NAME.e"
 * entries) the table is open addressing with linear probing.  A slot
 * holds the top 32 bits of the feature's hash (0 = empty) and the offset
 * of its row; the low 32 bits pick the home slot, so a lookup compares
 * most of the hash.  A row is a count followed by that many entries
 * (class << 16 | (uint16)weight), weights being the averaged perceptron's
 * scaled and rounded to int16, zeros dropped.  Capacity is rows / 0.75
 * (any size: the home slot is a multiply-shift of the low bits).  A row
 * with many classes is stored dense instead: its count word has the top
 * bit set and nclasses int16 weights follow, packed two to a word.
 *
 * At load time every row with KG_FTAB_DENSE_MIN classes or more is
 * copied into a dense block of its own (all the classes as int16, zero
 * where the row has none; blocks a power of two apart, 64-byte aligned)
 * and its slot is pointed there.  Scoring is then a vector add for those
 * rows (most of the work: the frequent features are the ones with many
 * classes) and a short scatter loop for the others.  The sums are exact
 * integers whatever the order, so every code path (AVX-512, AVX2, plain
 * C; chosen once at load from the CPU) gives the same scores, bit for
 * bit, as the plain reading of the file would.  A bitmap of the
 * fingerprints present (16 bits per row) answers most lookups of absent
 * features without walking their probe sequence.  For the shipped parser
 * the blocks take 5 MB and the bitmap 2 MB (tagger: 2 MB and 0.5 MB).
 *
 * The table is read at random all over its megabytes; scoring waits on
 * memory more than it computes.  Hence the batched lookups (all home
 * slots of a call are asked for before any is read), kg_ftab_prefetch,
 * and the per-thread caches of the tagger and the parser.
 */
#ifndef KG_FTAB_H
#define KG_FTAB_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "nlp/model.h"

typedef struct kg_ftab_slot {
    uint32_t fp;
    uint32_t off;
} kg_ftab_slot;

struct kg_ftab;
typedef void kg_ftab_finder(const struct kg_ftab *t, const uint64_t *keys,
                            size_t n, uint32_t *rows);
typedef void kg_ftab_summer(const struct kg_ftab *t, const uint32_t *rows,
                            size_t n, int32_t *scores);
typedef int32_t kg_ftab_maxer(const int32_t *v, size_t n, size_t *at);

typedef struct kg_ftab {
    uint32_t nclasses;
    uint32_t npad;              /* nclasses rounded up to 16: score arrays
                                   hold this many (the extra ones stay 0) */
    uint32_t cap;
    uint32_t nentries;
    const kg_ftab_slot *slots;  /* in the model file; offsets rewritten at
                                   load (KG_FTAB_DENSE: a dense block) */
    const uint32_t *entries;
    const int16_t *dense;       /* the dense blocks, npad weights each,
                                   1 << dshift apart */
    unsigned dshift;
    const uint64_t *filter;     /* bit (fp >> fshift) set: some slot has fp */
    unsigned fshift;
    void *dense_mem;            /* malloc'd block holding both */
    uint32_t ndense;
    float scale;                /* weight = int16 / scale */
    uint64_t id;                /* unique per load, for per-thread caches */
    kg_ftab_finder *find_many;  /* the fastest variants this CPU runs */
    kg_ftab_summer *sum;
    kg_ftab_maxer *argmax;
} kg_ftab;

#define KG_FTAB_DENSE 0x80000000u
/* Rows with at least this many classes are scored as dense vectors: below
 * it the scatter loop is cheaper than a pass over all the classes. */
#define KG_FTAB_DENSE_MIN 8u

/* Feature and key hashes are never 0 (0 marks an empty slot). */
static inline uint64_t kg_ftab_key(uint64_t h)
{
    return h ? h : 1;
}

static inline uint32_t kg_ftab_fp(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 32);
    return fp ? fp : 1;
}

static inline uint32_t kg_ftab_home(uint64_t key, uint32_t cap)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * cap) >> 32);
}

/* Check the sections "NAME.*" of f and build the run-time layout.  The
 * slot offsets are rewritten in f's own copy of the file (which nothing
 * else reads), so f must stay loaded as long as t is used. */
int kg_ftab_load(kg_ftab *t, kg_model_file *f, const char *name, kg_diag *d);
void kg_ftab_release(kg_ftab *t);

/* A row: its offset in the entries, or with KG_FTAB_DENSE set the index
 * of its dense block, or KG_FTAB_MISS when the feature is not in the
 * table.  Callers that see the same feature again and again (tag-only
 * features, a token's word) look its row up once and keep it. */
#define KG_FTAB_MISS UINT32_MAX
#define KG_FTAB_MAX 256   /* features per call */

uint32_t kg_ftab_find(const kg_ftab *t, uint64_t key);

/* Start loading a row (all of a dense block's lines): rows are read at
 * random from megabytes of weights, and the scoring waits on them unless
 * they were asked for well before. */
static inline void kg_ftab_prefetch(const kg_ftab *t, uint32_t row)
{
    if (row == KG_FTAB_MISS)
        return;
    if (row & KG_FTAB_DENSE) {
        const char *p = (const char *)(t->dense + ((size_t)(row & ~KG_FTAB_DENSE) << t->dshift));
        for (size_t o = 0; o < t->npad * sizeof *t->dense; o += 64)
            __builtin_prefetch(p + o);
    } else {
        __builtin_prefetch(t->entries + row);
    }
}

/* Start loading what kg_ftab_find_many will read for keys. */
void kg_ftab_prefetch_keys(const kg_ftab *t, const uint64_t *keys, size_t n);

/* rows[i] = the row of keys[i], for i < n <= KG_FTAB_MAX; the rows found
 * are prefetched. */
static inline void kg_ftab_find_many(const kg_ftab *t, const uint64_t *keys,
                                     size_t n, uint32_t *rows)
{
    t->find_many(t, keys, n, rows);
}

/* scores[0..npad) = the sum of rows[0..n) (n <= KG_FTAB_MAX; misses add
 * nothing).  scores needs no initialisation. */
static inline void kg_ftab_sum(const kg_ftab *t, const uint32_t *rows,
                               size_t n, int32_t *scores)
{
    t->sum(t, rows, n, scores);
}

/* The largest of v[0..n) (n >= 1) and in *at the first index where it
 * stands: what a loop keeping the first strictly greater value finds. */
static inline int32_t kg_ftab_argmax(const kg_ftab *t, const int32_t *v, size_t n,
                                     size_t *at)
{
    return t->argmax(v, n, at);
}

/* Both: scores = the sum of the rows of keys[0..n). */
static inline void kg_ftab_score(const kg_ftab *t, const uint64_t *keys,
                                 size_t n, int32_t *scores)
{
    uint32_t rows[KG_FTAB_MAX];
    if (n > KG_FTAB_MAX)
        n = KG_FTAB_MAX;
    t->find_many(t, keys, n, rows);
    t->sum(t, rows, n, scores);
}

/* A per-thread memory of recent lookups (direct-mapped, keyed by the
 * whole 64-bit key).  The frequent features (tag triples, function
 * words) come back every few transitions; finding them here costs one
 * access to a table that stays in the core's cache instead of two to the
 * big table that does not. */
#define KG_FTAB_CACHE_BITS 15

typedef struct kg_ftab_cache_ent {
    uint64_t key;      /* 0 = empty */
    uint64_t row;      /* with the key: one access per probe */
} kg_ftab_cache_ent;

typedef struct kg_ftab_cache {
    uint64_t owner;    /* kg_ftab.id of the table the entries came from */
    kg_ftab_cache_ent *ents;
} kg_ftab_cache;

void kg_ftab_cache_init(kg_ftab_cache *c);
void kg_ftab_cache_release(kg_ftab_cache *c);

/* Start loading what kg_ftab_find_cached will read for keys. */
void kg_ftab_cache_prefetch(const kg_ftab_cache *c, const uint64_t *keys, size_t n);

/* kg_ftab_find_many through the cache.  0, or -1 when the cache cannot
 * be allocated. */
int kg_ftab_find_cached(const kg_ftab *t, kg_ftab_cache *c, const uint64_t *keys,
                        size_t n, uint32_t *rows);

/* 1 when rows[0..n) are, in some order, the rows of keys[0..n) (n <=
 * KG_FTAB_MAX): how the tagger's and the parser's self-checks compare
 * the rows their fast paths found with the trainers' feature hashes. */
int kg_ftab_same_rows(const kg_ftab *t, const uint64_t *keys, const uint32_t *rows,
                      size_t n);

/* Code paths, for tests: 0 plain C, 1 AVX2, 2 AVX-512.  Returns -1 (and
 * changes nothing) when this CPU cannot run the one asked for. */
int kg_ftab_use_isa(kg_ftab *t, int isa);

/* Build a feature table's sections from rows given as (key, entries):
 * used by the trainers.  rows[i].e points at rows[i].n entries. */
typedef struct kg_ftab_row {
    uint64_t key;
    const uint32_t *e;
    uint32_t n;
} kg_ftab_row;

int kg_ftab_write(kg_model_writer *w, const char *name, uint32_t nclasses,
                  float scale, const kg_ftab_row *rows, size_t nrows);

#endif
