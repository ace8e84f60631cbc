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
 * The feature tables of the tagger and the parser are described in
 * ftab.h.
 */
#ifndef KG_MODEL_H
#define KG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"

#define KG_MODEL_MAGIC "KGNLPMOD"
/* 2: the tagger tags right to left (version 1 models were trained left
 * to right and would read their features backwards) */
#define KG_MODEL_VERSION 2u

enum { KG_MODEL_TAGGER = 1, KG_MODEL_PARSER = 2 };

typedef struct kg_model_section {
    char name[16];
    uint64_t offset, size;
} kg_model_section;

typedef struct kg_model_file {
    unsigned char *data; /* whole file, in mem */
    void *mem;           /* malloc'd */
    size_t size;
    uint32_t kind;
    uint32_t nsections;
    const kg_model_section *sections;
    const char *name;    /* for messages; points into data's owner */
    char namebuf[256];
} kg_model_file;

/* size bytes for model data, to free() through *mem.  The tables are read
 * at random all over their megabytes: with 4 kB pages most of those reads
 * would also miss the TLB, so large blocks are aligned to 2 MB and the
 * kernel is asked to back them with huge pages (small ones are aligned to
 * 64 bytes, a cache line).  NULL when out of memory. */
void *kg_model_alloc(size_t size, void **mem);

/* Load from a file / from memory (copied).  kind must match. */
int kg_model_open(kg_model_file *f, const char *path, uint32_t kind,
                  kg_diag *d);
int kg_model_open_mem(kg_model_file *f, const char *name, const void *data,
                      size_t size, uint32_t kind, kg_diag *d);
void kg_model_close(kg_model_file *f);

/* 1 when f has a section of this name (for the optional ones). */
int kg_model_has_section(const kg_model_file *f, const char *name);
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

#endif
