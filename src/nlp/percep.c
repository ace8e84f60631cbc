#include "base/alloc.h"
#include "nlp/percep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kg_percep_init(kg_percep *p, uint32_t nclasses)
{
    memset(p, 0, sizeof *p);
    p->nclasses = nclasses;
}

void kg_percep_release(kg_percep *p)
{
    for (size_t i = 0; i < p->cap; i++)
        free(p->rows[i].e);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

static kg_percep_row *find(const kg_percep *p, uint64_t key)
{
    if (!p->cap)
        return NULL;
    size_t i = (size_t)key & (p->cap - 1);
    for (;;) {
        kg_percep_row *r = &p->rows[i];
        if (r->key == key)
            return r;
        if (r->key == 0)
            return NULL;
        i = (i + 1) & (p->cap - 1);
    }
}

static int rehash(kg_percep *p)
{
    size_t ncap = p->cap ? p->cap * 2 : 1u << 16;
    kg_percep_row *rows = kg_calloc(ncap, sizeof *rows);
    if (!rows)
        return -1;
    for (size_t i = 0; i < p->cap; i++) {
        kg_percep_row *r = &p->rows[i];
        if (!r->key)
            continue;
        size_t j = (size_t)r->key & (ncap - 1);
        while (rows[j].key)
            j = (j + 1) & (ncap - 1);
        rows[j] = *r;
    }
    free(p->rows);
    p->rows = rows;
    p->cap = ncap;
    return 0;
}

static kg_percep_row *insert(kg_percep *p, uint64_t key)
{
    kg_percep_row *r = find(p, key);
    if (r)
        return r;
    if ((p->n + 1) * 10 > p->cap * 7 && rehash(p) < 0)
        return NULL;
    size_t i = (size_t)key & (p->cap - 1);
    while (p->rows[i].key)
        i = (i + 1) & (p->cap - 1);
    r = &p->rows[i];
    r->key = key;
    p->n++;
    return r;
}

void kg_percep_score(const kg_percep *p, const uint64_t *feats, size_t n,
                     float *scores)
{
    memset(scores, 0, p->nclasses * sizeof *scores);
    for (size_t k = 0; k < n; k++) {
        const kg_percep_row *r = find(p, feats[k]);
        if (!r)
            continue;
        for (uint32_t j = 0; j < r->n; j++)
            scores[r->e[j].cls] += r->e[j].w;
    }
}

/* Row r's entry for class cls, added (at tick now) when it has none;
 * NULL when memory runs out. */
static kg_percep_entry *entry(kg_percep_row *r, uint32_t cls, uint32_t now)
{
    for (uint32_t j = 0; j < r->n; j++)
        if (r->e[j].cls == cls)
            return &r->e[j];
    if (r->n == r->cap) {
        uint32_t nc = r->cap ? r->cap * 2 : 2;
        kg_percep_entry *ne = kg_realloc(r->e, nc * sizeof *ne);
        if (!ne)
            return NULL;
        r->e = ne;
        r->cap = nc;
    }
    kg_percep_entry *e = &r->e[r->n++];
    memset(e, 0, sizeof *e);
    e->cls = cls;
    e->ts = now;
    return e;
}

static int bump(kg_percep *p, kg_percep_row *r, uint32_t cls, float delta)
{
    kg_percep_entry *e = entry(r, cls, p->now);
    if (!e)
        return -1;
    e->total += (double)e->w * (double)(p->now - e->ts);
    e->ts = p->now;
    e->w += delta;
    return 0;
}

int kg_percep_update(kg_percep *p, const uint64_t *feats, size_t n,
                     uint32_t good, uint32_t bad)
{
    for (size_t k = 0; k < n; k++) {
        kg_percep_row *r = insert(p, feats[k]);
        if (!r || bump(p, r, good, 1.0f) < 0 || bump(p, r, bad, -1.0f) < 0)
            return -1;
    }
    return 0;
}

static double avg(const kg_percep *p, const kg_percep_entry *e)
{
    double now = p->now ? (double)p->now : 1.0;
    return (e->total + (double)e->w * (double)(p->now - e->ts)) / now;
}

int kg_percep_absorb(kg_percep *dst, const kg_percep *src)
{
    for (size_t i = 0; i < src->cap; i++) {
        const kg_percep_row *r = &src->rows[i];
        if (!r->key)
            continue;
        kg_percep_row *q = insert(dst, r->key);
        if (!q)
            return -1;
        for (uint32_t j = 0; j < r->n; j++) {
            kg_percep_entry *e = entry(q, r->e[j].cls, 0);
            if (!e)
                return -1;
            e->total += avg(src, &r->e[j]);
        }
    }
    dst->now++; /* one tick per run: avg() is then the runs' mean */
    return 0;
}

int kg_percep_export(const kg_percep *p, kg_model_writer *w, const char *name,
                     float min_abs)
{
    double maxw = 0;
    size_t nent = 0;
    for (size_t i = 0; i < p->cap; i++) {
        const kg_percep_row *r = &p->rows[i];
        for (uint32_t j = 0; r->key && j < r->n; j++) {
            double a = fabs(avg(p, &r->e[j]));
            if (a > maxw)
                maxw = a;
        }
        if (r->key)
            nent += r->n;
    }
    float scale = maxw > 0 ? (float)(32000.0 / maxw) : 1.0f;
    kg_ftab_row *rows = kg_malloc((p->n ? p->n : 1) * sizeof *rows);
    uint32_t *ents = kg_malloc((nent ? nent : 1) * sizeof *ents);
    if (!rows || !ents) {
        free(rows);
        free(ents);
        return -1;
    }
    size_t nrows = 0, off = 0;
    for (size_t i = 0; i < p->cap; i++) {
        const kg_percep_row *r = &p->rows[i];
        if (!r->key)
            continue;
        size_t start = off;
        for (uint32_t j = 0; j < r->n; j++) {
            double a = avg(p, &r->e[j]);
            long v = lrint(a * scale);
            if (v == 0 || fabs(a) < min_abs)
                continue;
            if (v > 32767)
                v = 32767;
            if (v < -32767)
                v = -32767;
            ents[off++] = (r->e[j].cls << 16) | (uint16_t)(int16_t)v;
        }
        if (off == start)
            continue;
        rows[nrows].key = r->key;
        rows[nrows].e = ents + start;
        rows[nrows].n = (uint32_t)(off - start);
        nrows++;
    }
    int rc = kg_ftab_write(w, name, p->nclasses, scale, rows, nrows);
    free(rows);
    free(ents);
    return rc;
}
