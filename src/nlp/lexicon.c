#include "base/alloc.h"
#include "nlp/lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/hash.h"
#include "base/io.h"

#define LEX_SEED 0x6c6578696b6f6eull
#define ID_SEED 0x6c65786964ull
/* Longest form looked up; longer ones are unknown (GloVe's longest
 * useful words are far shorter). */
#define MAX_FORM 64

void kg_lexicon_init(kg_lexicon *l)
{
    memset(l, 0, sizeof *l);
}

void kg_lexicon_release(kg_lexicon *l)
{
    free(l->owned);
    kg_lexicon_init(l);
}

static uint64_t form_hash(const char *s, size_t n)
{
    char low[MAX_FORM];
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    return kg_hash64(low, n, LEX_SEED);
}

static uint32_t slot_key(uint64_t h)
{
    return (uint32_t)(h >> 32) | 1u;
}

uint32_t kg_lexicon_get(const kg_lexicon *l, const char *form, size_t len)
{
    if (!l || !l->slots || len == 0 || len > MAX_FORM)
        return 0;
    uint64_t h = form_hash(form, len);
    uint32_t key = slot_key(h);
    for (uint32_t i = (uint32_t)h & l->mask;; i = (i + 1) & l->mask) {
        if (l->slots[i].key == key)
            return l->slots[i].val;
        if (l->slots[i].key == 0)
            return 0;
    }
}

static uint64_t table_id(const kg_lex_slot *s, size_t n)
{
    return kg_hash64(s, n * sizeof *s, ID_SEED) | 1u;
}

/* One unsigned decimal field ending at a tab or the line's end. */
static int field_u32(const char **p, const char *end, uint32_t max, uint32_t *out)
{
    const char *q = *p;
    uint64_t v = 0;
    if (q == end || *q < '0' || *q > '9')
        return -1;
    while (q < end && *q >= '0' && *q <= '9') {
        v = v * 10 + (uint64_t)(*q++ - '0');
        if (v > max)
            return -1;
    }
    *out = (uint32_t)v;
    *p = q;
    return 0;
}

int kg_lexicon_read_tsv(kg_lexicon *l, const char *path, kg_diag *d)
{
    kg_buf b;
    kg_buf_init(&b);
    kg_lexicon_init(l);
    if (kg_io_read_file(path, &b, d) < 0)
        return -1;
    /* count the entries to size the table (load at most 0.8) */
    size_t n = 0;
    for (size_t i = 0; i < b.len; i++)
        n += b.data[i] == '\n';
    uint32_t cap = 64;
    while ((size_t)cap * 4 < (n + 1) * 5)
        cap *= 2;
    kg_lex_slot *t = kg_calloc(cap, sizeof *t);
    if (!t) {
        kg_buf_release(&b);
        kg_diag_oom(d, "reading the lexicon");
        return -1;
    }
    const char *p = b.data, *end = b.data + b.len;
    int line = 0;
    size_t count = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        line++;
        if (p == eol || *p == '#') {
            p = eol + 1;
            continue;
        }
        const char *tab = memchr(p, '\t', (size_t)(eol - p));
        const char *q = tab ? tab + 1 : NULL;
        uint32_t cl = 0, cls = 0;
        if (!tab || tab == p || (size_t)(tab - p) > MAX_FORM ||
            field_u32(&q, eol, KG_LEX_MAX_CLUSTERS - 1, &cl) < 0 || q == eol ||
            *q++ != '\t' || field_u32(&q, eol, KG_LEX_MAX_CLASSES, &cls) < 0 ||
            (q != eol && !(q + 1 == eol && *q == '\r'))) {
            kg_diag_error(d, path, line, 0,
                          "expected 'word TAB cluster TAB classes' (a word of at "
                          "most %d bytes, a cluster below %u, classes at most %u)",
                          MAX_FORM, KG_LEX_MAX_CLUSTERS, KG_LEX_MAX_CLASSES);
            free(t);
            kg_buf_release(&b);
            return -1;
        }
        uint64_t h = form_hash(p, (size_t)(tab - p));
        uint32_t key = slot_key(h), i = (uint32_t)h & (cap - 1);
        while (t[i].key && t[i].key != key)
            i = (i + 1) & (cap - 1);
        if (!t[i].key) { /* the first line of a word counts */
            t[i].key = key;
            t[i].val = (cl + 1) | cls << 10;
            count++;
        }
        p = eol + 1;
    }
    kg_buf_release(&b);
    if (count == 0) {
        kg_diag_error(d, path, 0, 0, "the lexicon has no words");
        free(t);
        return -1;
    }
    l->owned = t;
    l->slots = t;
    l->mask = cap - 1;
    l->id = table_id(t, cap);
    return 0;
}

int kg_lexicon_load(kg_lexicon *l, const kg_model_file *f, kg_diag *d)
{
    kg_lexicon_init(l);
    if (!kg_model_has_section(f, "lexicon"))
        return 0;
    size_t n = 0;
    const kg_lex_slot *s = kg_model_section_get(f, "lexicon", sizeof *s, 64, &n, d);
    if (!s)
        return -1;
    if (n & (n - 1)) {
        kg_diag_error(d, f->name, 0, 0,
                      "model file is corrupt (section 'lexicon' has a bad size)");
        return -1;
    }
    /* a full table would make a lookup of an unknown word loop */
    size_t empty = 0;
    for (size_t i = 0; i < n; i++)
        empty += s[i].key == 0;
    if (empty == 0) {
        kg_diag_error(d, f->name, 0, 0,
                      "model file is corrupt (section 'lexicon' has no free slot)");
        return -1;
    }
    l->slots = s;
    l->mask = (uint32_t)(n - 1);
    l->id = table_id(s, n);
    return 0;
}

int kg_lexicon_write(const kg_lexicon *l, kg_model_writer *w)
{
    if (!l || !l->slots)
        return 0;
    return kg_model_writer_add(w, "lexicon", l->slots, ((size_t)l->mask + 1) * sizeof *l->slots);
}
