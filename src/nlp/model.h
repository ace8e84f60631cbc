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

/* --- feature table ------------------------------------------------------ */

typedef struct kg_ftab_slot {
    uint64_t key;   /* feature hash; 0 = empty slot */
    uint32_t off;   /* first entry in kg_ftab.entries */
    uint32_t len;   /* number of entries */
} kg_ftab_slot;

typedef struct kg_ftab {
    uint32_t nclasses;
    uint32_t mask;              /* capacity - 1 (power of two) */
    const kg_ftab_slot *slots;
    const uint32_t *entries;    /* class << 16 | (uint16)weight */
    uint32_t nentries;
    float scale;                /* weight = int16 / scale */
} kg_ftab;

/* Section layout: "NAME.h" header, "NAME.s" slots, "NAME.e" entries. */
int kg_ftab_load(kg_ftab *t, const kg_model_file *f, const char *name,
                 kg_diag *d);

/* Feature hashes are never 0 (0 marks an empty slot). */
static inline uint64_t kg_ftab_key(uint64_t h)
{
    return h ? h : 1;
}

static inline const kg_ftab_slot *kg_ftab_find(const kg_ftab *t, uint64_t key)
{
    uint32_t i = (uint32_t)key & t->mask;
    for (;;) {
        const kg_ftab_slot *s = &t->slots[i];
        if (s->key == key)
            return s;
        if (s->key == 0)
            return NULL;
        i = (i + 1) & t->mask;
    }
}

/* scores[c] += weight(feature, c) for every feature. */
static inline void kg_ftab_score(const kg_ftab *t, const uint64_t *feats,
                                 size_t n, int32_t *scores)
{
    for (size_t k = 0; k < n; k++) {
        const kg_ftab_slot *s = kg_ftab_find(t, feats[k]);
        if (!s)
            continue;
        const uint32_t *e = t->entries + s->off;
        for (uint32_t j = 0; j < s->len; j++)
            scores[e[j] >> 16] += (int16_t)(uint16_t)(e[j] & 0xFFFF);
    }
}

#endif
