/*
 * model.h - kgraph's binary model format, shared by the tagger, the
 * lemmatizer and the parser.
 *
 * Layout (little-endian, every section 8-byte aligned):
 *
 *     header   magic "KGNLPMOD", u32 version, u32 kind, u32 nsections,
 *              u32 reserved, u64 file size, u64 checksum of the bytes
 *              after the header (kg_hash64)
 *     table    nsections x { char name[16]; u64 offset; u64 size; }
 *     sections raw bytes, interpreted by the module that owns the kind
 *
 * A model is read with a single read() into one malloc'd block (or handed
 * over from memory) and is read-only afterwards, so one loaded model can
 * be shared by any number of threads.  Loading checks the magic, the
 * version, the kind, the size, the checksum and that every section lies
 * inside the file; the modules then check their own sections' shapes.
 *
 * The feature table (kg_ftab) is an open-addressing hash table from 64-bit
 * feature hashes to sparse rows of (class, int16 weight) pairs; weights
 * are the averaged perceptron's, scaled and rounded, zeros dropped.
 */
#ifndef KG_MODEL_H
#define KG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"

#define KG_MODEL_MAGIC "KGNLPMOD"
#define KG_MODEL_VERSION 1u

enum { KG_MODEL_TAGGER = 1, KG_MODEL_PARSER = 2 };

typedef struct kg_model_section {
    char name[16];
    uint64_t offset, size;
} kg_model_section;

typedef struct kg_model_file {
    unsigned char *data; /* whole file, malloc'd */
    size_t size;
    uint32_t kind;
    uint32_t nsections;
    const kg_model_section *sections;
    const char *name;    /* for messages; points into data's owner */
    char namebuf[256];
} kg_model_file;

/* Load from a file / from memory (copied).  kind must match. */
int kg_model_open(kg_model_file *f, const char *path, uint32_t kind,
                  kg_diag *d);
int kg_model_open_mem(kg_model_file *f, const char *name, const void *data,
                      size_t size, uint32_t kind, kg_diag *d);
void kg_model_close(kg_model_file *f);

/* The section's bytes or NULL (with an error in d naming the file) when it
 * is missing or its size is not a multiple of elem / below min. */
const void *kg_model_section_get(const kg_model_file *f, const char *name,
                                 size_t elem, size_t min, size_t *count,
                                 kg_diag *d);

/* Writer: collect sections, then produce the file's bytes. */
typedef struct kg_model_writer {
    kg_buf body;           /* section bytes, 8-aligned */
    kg_model_section *secs;
    uint32_t nsecs, cap;
} kg_model_writer;

void kg_model_writer_init(kg_model_writer *w);
void kg_model_writer_release(kg_model_writer *w);
int kg_model_writer_add(kg_model_writer *w, const char *name,
                        const void *data, size_t size);
/* The complete file into out (cleared first). */
int kg_model_writer_finish(kg_model_writer *w, uint32_t kind, kg_buf *out);

/* A general 64-bit key -> (offset, length) slot for the smaller tables
 * (tag dictionary, lemma lexicon); key 0 marks an empty slot. */
typedef struct kg_kv_slot {
    uint64_t key;
    uint32_t off;
    uint32_t len;
} kg_kv_slot;

/* Feature and key hashes are never 0 (0 marks an empty slot). */
static inline uint64_t kg_ftab_key(uint64_t h)
{
    return h ? h : 1;
}

/* --- feature table ------------------------------------------------------ */

/* A slot holds the top 32 bits of the feature's 64-bit hash (0 = empty)
 * and the offset of its row; the low 32 bits pick the home slot, so a
 * lookup compares most of the hash.  A row is a count followed by that
 * many entries (class << 16 | (uint16)weight).  Capacity is rows / 0.75
 * (any size: the home slot is a multiply-shift of the low bits).  A row
 * with many classes is stored dense instead: its count word has the top
 * bit set and nclasses int16 weights follow, packed two to a word, so
 * the common features (tags, labels) cost one vectorised loop. */
typedef struct kg_ftab_slot {
    uint32_t fp;
    uint32_t off;
} kg_ftab_slot;

typedef struct kg_ftab {
    uint32_t nclasses;
    uint32_t cap;
    const kg_ftab_slot *slots;
    const uint32_t *entries;
    uint32_t nentries;
    float scale;                /* weight = int16 / scale */
} kg_ftab;

/* Section layout: "NAME.h" header, "NAME.s" slots, "NAME.e" entries. */
int kg_ftab_load(kg_ftab *t, const kg_model_file *f, const char *name,
                 kg_diag *d);

#define KG_FTAB_DENSE 0x80000000u

static inline uint32_t kg_ftab_fp(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 32);
    return fp ? fp : 1;
}

static inline uint32_t kg_ftab_home(uint64_t key, uint32_t cap)
{
    return (uint32_t)(((uint64_t)(uint32_t)key * cap) >> 32);
}

/* The row of a feature (count first), or NULL. */
static inline const uint32_t *kg_ftab_find(const kg_ftab *t, uint64_t key)
{
    uint32_t fp = kg_ftab_fp(key);
    uint32_t i = kg_ftab_home(key, t->cap);
    for (;;) {
        const kg_ftab_slot *s = &t->slots[i];
        if (s->fp == fp)
            return t->entries + s->off;
        if (s->fp == 0)
            return NULL;
        if (++i == t->cap)
            i = 0;
    }
}

/* scores[c] += weight(feature, c) for every feature (n <= 256).
 * The lookups are cache misses on big tables; doing them in three passes
 * (prefetch the home slots, find the rows and prefetch them, add) lets the
 * misses overlap instead of queueing one behind the other. */
static inline void kg_ftab_score(const kg_ftab *t, const uint64_t *feats,
                                 size_t n, int32_t *scores)
{
    const uint32_t *rows[256];
    if (n > 256)
        n = 256;
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&t->slots[kg_ftab_home(feats[k], t->cap)]);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        const uint32_t *e = kg_ftab_find(t, feats[k]);
        if (e) {
            __builtin_prefetch(e);
            rows[m++] = e;
        }
    }
    for (size_t k = 0; k < m; k++) {
        const uint32_t *e = rows[k];
        uint32_t len = *e++;
        if (len & KG_FTAB_DENSE) {
            const int16_t *w = (const int16_t *)(const void *)e;
            for (uint32_t c = 0; c < t->nclasses; c++)
                scores[c] += w[c];
            continue;
        }
        for (uint32_t j = 0; j < len; j++)
            scores[e[j] >> 16] += (int16_t)(uint16_t)(e[j] & 0xFFFF);
    }
}

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
