#include "base/alloc.h"
#include "nlp/ftab.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define FTAB_X86 1
#endif


/* ---- writing (trainers) -------------------------------------------------- */

int kg_ftab_write(kg_model_writer *w, const char *name, uint32_t nclasses,
                  float scale, const kg_ftab_row *rows, size_t nrows)
{
    /* dense when that is no bigger than the sparse form */
    size_t dense_words = (nclasses + 1) / 2;
    size_t nent = 0;
    for (size_t i = 0; i < nrows; i++)
        nent += 1 + (rows[i].n >= dense_words ? dense_words : rows[i].n);
    size_t cap = nrows + nrows / 3 + 16;
    if (cap > UINT32_MAX || nent >= KG_FTAB_DENSE)
        return -1;
    kg_ftab_slot *slots = kg_calloc(cap, sizeof *slots);
    uint32_t *ents = kg_malloc((nent ? nent : 1) * sizeof *ents);
    if (!slots || !ents) {
        free(slots);
        free(ents);
        return -1;
    }
    uint32_t off = 0;
    for (size_t i = 0; i < nrows; i++) {
        uint32_t h = kg_ftab_home(rows[i].key, (uint32_t)cap);
        uint32_t fp = kg_ftab_fp(rows[i].key);
        while (slots[h].fp && slots[h].fp != fp)
            h = h + 1 == cap ? 0 : h + 1;
        if (slots[h].fp == fp)
            continue; /* 32-bit fingerprint clash at the same home: keep the first */
        slots[h].fp = fp;
        slots[h].off = off;
        if (rows[i].n >= dense_words) {
            ents[off++] = KG_FTAB_DENSE | rows[i].n;
            int16_t *wd = (int16_t *)(void *)(ents + off);
            memset(wd, 0, dense_words * sizeof *ents);
            for (uint32_t j = 0; j < rows[i].n; j++)
                wd[rows[i].e[j] >> 16] = (int16_t)(uint16_t)(rows[i].e[j] & 0xFFFF);
            off += (uint32_t)dense_words;
        } else {
            ents[off++] = rows[i].n;
            memcpy(ents + off, rows[i].e, rows[i].n * sizeof *ents);
            off += rows[i].n;
        }
    }
    unsigned char hdr[16];
    uint32_t cap32 = (uint32_t)cap;
    memcpy(hdr, &nclasses, 4);
    memcpy(hdr + 4, &cap32, 4);
    memcpy(hdr + 8, &off, 4);
    memcpy(hdr + 12, &scale, 4);
    char sec[16];
    int rc = 0;
    snprintf(sec, sizeof sec, "%s.h", name);
    rc |= kg_model_writer_add(w, sec, hdr, sizeof hdr);
    snprintf(sec, sizeof sec, "%s.s", name);
    rc |= kg_model_writer_add(w, sec, slots, cap * sizeof *slots);
    snprintf(sec, sizeof sec, "%s.e", name);
    rc |= kg_model_writer_add(w, sec, ents, (size_t)off * sizeof *ents);
    free(slots);
    free(ents);
    return rc ? -1 : 0;
}

/* ---- scoring ------------------------------------------------------------- */

/* Linear probing from slot i: the first slot that holds fp or is empty. */
static uint32_t probe(const kg_ftab *t, uint32_t fp, uint32_t i)
{
    for (;;) {
        const kg_ftab_slot *s = &t->slots[i];
        if (s->fp == fp)
            return s->off;
        if (s->fp == 0)
            return KG_FTAB_MISS;
        if (++i == t->cap)
            i = 0;
    }
}

/* Whether some slot holds fp: when none does, the probe could only end
 * on an empty slot.  A feature that is not in the table (a third of the
 * parser's word pairs) is answered here without running down its probe
 * sequence, which at this load factor is 7 slots long on average. */
static inline const uint64_t *filter_word(const kg_ftab *t, uint32_t fp)
{
    return &t->filter[(fp >> t->fshift) / 64];
}

static inline int filter_has(const kg_ftab *t, uint32_t fp)
{
    return (int)((*filter_word(t, fp) >> ((fp >> t->fshift) % 64)) & 1);
}

uint32_t kg_ftab_find(const kg_ftab *t, uint64_t key)
{
    uint32_t fp = kg_ftab_fp(key);
    if (!filter_has(t, fp))
        return KG_FTAB_MISS;
    return probe(t, fp, kg_ftab_home(key, t->cap));
}

void kg_ftab_prefetch_keys(const kg_ftab *t, const uint64_t *keys, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        __builtin_prefetch(filter_word(t, kg_ftab_fp(keys[k])));
        __builtin_prefetch(&t->slots[kg_ftab_home(keys[k], t->cap)]);
    }
}

/* The lookups miss the cache on big tables: all home slots are prefetched
 * first so that the misses overlap instead of queueing one behind the
 * other, and each row found is prefetched for kg_ftab_sum. */
static void find_many_c(const kg_ftab *t, const uint64_t *keys, size_t n,
                        uint32_t *rows)
{
    for (size_t k = 0; k < n; k++) {
        __builtin_prefetch(filter_word(t, kg_ftab_fp(keys[k])));
        __builtin_prefetch(&t->slots[kg_ftab_home(keys[k], t->cap)]);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t r = kg_ftab_find(t, keys[k]);
        rows[k] = r;
        kg_ftab_prefetch(t, r);
    }
}

/* Sort the rows into dense blocks and sparse rows.  Branch-free: a fifth
 * of the features are not in the table and the dense/sparse split
 * follows no pattern. */
static inline void split_rows(const uint32_t *rows, size_t n, uint32_t *dense,
                              size_t *nd, uint32_t *sparse, size_t *ns)
{
    size_t a = 0, b = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t r = rows[k];
        dense[a] = r;
        sparse[b] = r;
        a += (r >> 31) & (r != KG_FTAB_MISS);
        b += (~r) >> 31;
    }
    *nd = a;
    *ns = b;
}

static inline const int16_t *dense_block(const kg_ftab *t, uint32_t row)
{
    return t->dense + ((size_t)(row & ~KG_FTAB_DENSE) << t->dshift);
}

static inline void scatter(const kg_ftab *t, const uint32_t *sparse, size_t ns,
                           int32_t *scores)
{
    for (size_t k = 0; k < ns; k++) {
        const uint32_t *e = t->entries + sparse[k];
        uint32_t len = *e++;
        for (uint32_t j = 0; j < len; j++)
            scores[e[j] >> 16] += (int16_t)(uint16_t)(e[j] & 0xFFFF);
    }
}

static void sum_c(const kg_ftab *t, const uint32_t *rows, size_t n,
                  int32_t *scores)
{
    uint32_t dense[KG_FTAB_MAX], sparse[KG_FTAB_MAX];
    size_t nd, ns;
    split_rows(rows, n, dense, &nd, sparse, &ns);
    memset(scores, 0, t->npad * sizeof *scores);
    for (size_t k = 0; k < nd; k++) {
        const int16_t *w = dense_block(t, dense[k]);
        for (uint32_t c = 0; c < t->npad; c += 16)
            for (uint32_t j = 0; j < 16; j++)
                scores[c + j] += w[c + j];
    }
    scatter(t, sparse, ns, scores);
}

static int32_t argmax_c(const int32_t *v, size_t n, size_t *at)
{
    int32_t m = v[0];
    size_t i = 0;
    for (size_t k = 1; k < n; k++)
        if (v[k] > m) {
            m = v[k];
            i = k;
        }
    *at = i;
    return m;
}

#ifdef FTAB_X86

/* Eight slots per step: most probes end within them, so the loop exit
 * becomes predictable (a fifth of the lookups are misses, which run on to
 * the next empty slot: 7 slots on average at this load factor).  Same
 * answer as probe().  hit/end: bit 2j set when slot j of the eight holds
 * fp / is empty. */
#define FIND_MANY_SIMD(MASK_OF)                                                \
    for (size_t k = 0; k < n; k++) {                                           \
        __builtin_prefetch(filter_word(t, kg_ftab_fp(keys[k])));               \
        __builtin_prefetch(&t->slots[kg_ftab_home(keys[k], t->cap)]);         \
    }                                                                          \
    for (size_t k = 0; k < n; k++) {                                           \
        uint32_t fp = kg_ftab_fp(keys[k]);                                     \
        uint32_t i = kg_ftab_home(keys[k], t->cap);                            \
        uint32_t r = KG_FTAB_MISS;                                             \
        unsigned hit = 0, end = 0;                                             \
        if (!filter_has(t, fp)) {                                              \
            rows[k] = r;                                                       \
            continue;                                                          \
        }                                                                      \
        while (i + 8 <= t->cap) {                                              \
            MASK_OF(t->slots + i, fp, hit, end);                               \
            if (hit | end)                                                     \
                break;                                                         \
            i += 8;                                                            \
        }                                                                      \
        if (hit | end) {                                                       \
            unsigned b = (unsigned)__builtin_ctz(hit | end);                   \
            if ((hit >> b) & 1)                                                \
                r = t->slots[i + b / 2].off;                                   \
        } else {                                                               \
            r = probe(t, fp, i);                                               \
        }                                                                      \
        rows[k] = r;                                                           \
        kg_ftab_prefetch(t, r);                                                \
    }

#define MASK_AVX2(s, fp, hit, end)                                             \
    do {                                                                       \
        const __m256i *p_ = (const __m256i *)(const void *)(s);               \
        __m256i a_ = _mm256_loadu_si256(p_), b_ = _mm256_loadu_si256(p_ + 1);   \
        __m256i f_ = _mm256_set1_epi32((int)(fp)), z_ = _mm256_setzero_si256(); \
        (hit) = ((unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a_, f_))) | \
               (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(b_, f_))) << 8) & \
              0x5555u;                                                         \
        (end) = ((unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a_, z_))) | \
               (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(b_, z_))) << 8) & \
              0x5555u;                                                         \
    } while (0)

#define MASK_AVX512(s, fp, hit, end)                                           \
    do {                                                                       \
        __m512i v_ = _mm512_loadu_si512((const void *)(s));                    \
        (hit) = _mm512_mask_cmpeq_epi32_mask(0x5555, v_, _mm512_set1_epi32((int)(fp))); \
        (end) = _mm512_mask_testn_epi32_mask(0x5555, v_, v_);                  \
    } while (0)

__attribute__((target("avx2"))) static void find_many_avx2(const kg_ftab *t,
                                                           const uint64_t *keys,
                                                           size_t n, uint32_t *rows)
{
    FIND_MANY_SIMD(MASK_AVX2)
}

__attribute__((target("avx2,avx512f"))) static void
find_many_avx512(const kg_ftab *t, const uint64_t *keys, size_t n, uint32_t *rows)
{
    FIND_MANY_SIMD(MASK_AVX512)
}

/* Sum K groups of 8 classes (int16 -> int32) over all dense blocks, in
 * registers; K is a constant where this is inlined. */
__attribute__((target("avx2"), always_inline)) static inline void
dense_avx2(const kg_ftab *t, const uint32_t *dense, size_t nd, uint32_t first,
           int32_t *scores, const int K)
{
    __m256i acc[8];
#pragma GCC unroll 8
    for (int c = 0; c < K; c++)
        acc[c] = _mm256_setzero_si256();
    for (size_t k = 0; k < nd; k++) {
        const int16_t *w = dense_block(t, dense[k]) + first;
#pragma GCC unroll 8
        for (int c = 0; c < K; c++)
            acc[c] = _mm256_add_epi32(acc[c], _mm256_cvtepi16_epi32(_mm_load_si128(
                                                  (const __m128i *)(const void *)(w + 8 * c))));
    }
#pragma GCC unroll 8
    for (int c = 0; c < K; c++)
        _mm256_storeu_si256((__m256i *)(void *)(scores + first + 8 * c), acc[c]);
}

__attribute__((target("avx2"))) static void sum_avx2(const kg_ftab *t,
                                                     const uint32_t *rows, size_t n,
                                                     int32_t *scores)
{
    uint32_t dense[KG_FTAB_MAX], sparse[KG_FTAB_MAX];
    size_t nd, ns;
    split_rows(rows, n, dense, &nd, sparse, &ns);
    for (uint32_t g = 0; g < t->npad; g += 64) {
        switch ((t->npad - g) / 8) {
        case 2: dense_avx2(t, dense, nd, g, scores, 2); break;
        case 4: dense_avx2(t, dense, nd, g, scores, 4); break;
        case 6: dense_avx2(t, dense, nd, g, scores, 6); break;
        default: dense_avx2(t, dense, nd, g, scores, 8); break;
        }
    }
    scatter(t, sparse, ns, scores);
}

/* The same with 16 classes per register: 8 registers hold 128 classes. */
__attribute__((target("avx2,avx512f"), always_inline)) static inline void
dense_avx512(const kg_ftab *t, const uint32_t *dense, size_t nd, uint32_t first,
             int32_t *scores, const int K)
{
    __m512i acc[8];
#pragma GCC unroll 8
    for (int c = 0; c < K; c++)
        acc[c] = _mm512_setzero_si512();
    for (size_t k = 0; k < nd; k++) {
        const int16_t *w = dense_block(t, dense[k]) + first;
#pragma GCC unroll 8
        for (int c = 0; c < K; c++)
            acc[c] = _mm512_add_epi32(acc[c], _mm512_cvtepi16_epi32(_mm256_load_si256(
                                                  (const __m256i *)(const void *)(w + 16 * c))));
    }
#pragma GCC unroll 8
    for (int c = 0; c < K; c++)
        _mm512_storeu_si512((void *)(scores + first + 16 * c), acc[c]);
}

__attribute__((target("avx2,avx512f"))) static void sum_avx512(const kg_ftab *t,
                                                               const uint32_t *rows,
                                                               size_t n, int32_t *scores)
{
    uint32_t dense[KG_FTAB_MAX + 16], sparse[KG_FTAB_MAX + 16];
    size_t nd = 0, ns = 0;
    /* the split with vector compress (register form: the memory form is
     * slow on some CPUs); each store may write up to 16 words past the
     * end, hence the room */
    const __m512i top = _mm512_set1_epi32((int)KG_FTAB_DENSE);
    const __m512i miss = _mm512_set1_epi32(-1);
    for (size_t k = 0; k < n; k += 16) {
        __mmask16 valid = n - k >= 16 ? 0xFFFF : (__mmask16)((1u << (n - k)) - 1);
        __m512i r = _mm512_maskz_loadu_epi32(valid, rows + k);
        __mmask16 isd = _mm512_mask_test_epi32_mask(valid, r, top);
        __mmask16 dm = isd & ~_mm512_mask_cmpeq_epi32_mask(valid, r, miss);
        __mmask16 sm = valid & ~isd;
        _mm512_storeu_si512(dense + nd, _mm512_maskz_compress_epi32(dm, r));
        _mm512_storeu_si512(sparse + ns, _mm512_maskz_compress_epi32(sm, r));
        nd += (size_t)__builtin_popcount(dm);
        ns += (size_t)__builtin_popcount(sm);
    }
    for (uint32_t g = 0; g < t->npad; g += 128) {
        switch ((t->npad - g) / 16) {
        case 1: dense_avx512(t, dense, nd, g, scores, 1); break;
        case 2: dense_avx512(t, dense, nd, g, scores, 2); break;
        case 3: dense_avx512(t, dense, nd, g, scores, 3); break;
        case 4: dense_avx512(t, dense, nd, g, scores, 4); break;
        case 5: dense_avx512(t, dense, nd, g, scores, 5); break;
        case 6: dense_avx512(t, dense, nd, g, scores, 6); break;
        case 7: dense_avx512(t, dense, nd, g, scores, 7); break;
        default: dense_avx512(t, dense, nd, g, scores, 8); break;
        }
    }
    scatter(t, sparse, ns, scores);
}

/* Two passes: the maximum (lanes past n read as INT32_MIN), then the
 * first lane equal to it. */
__attribute__((target("avx2,avx512f"))) static int32_t argmax_avx512(const int32_t *v,
                                                                     size_t n, size_t *at)
{
    const __m512i lo = _mm512_set1_epi32(INT32_MIN);
    __m512i m = lo;
    for (size_t k = 0; k < n; k += 16) {
        __mmask16 valid = n - k >= 16 ? 0xFFFF : (__mmask16)((1u << (n - k)) - 1);
        m = _mm512_max_epi32(m, _mm512_mask_loadu_epi32(lo, valid, v + k));
    }
    int32_t best = _mm512_reduce_max_epi32(m);
    const __m512i b = _mm512_set1_epi32(best);
    for (size_t k = 0;; k += 16) {
        __mmask16 valid = n - k >= 16 ? 0xFFFF : (__mmask16)((1u << (n - k)) - 1);
        __mmask16 eq = _mm512_mask_cmpeq_epi32_mask(valid, _mm512_maskz_loadu_epi32(valid, v + k), b);
        if (eq) {
            *at = k + (size_t)__builtin_ctz(eq);
            return best;
        }
    }
}

__attribute__((target("avx2"))) static int32_t argmax_avx2(const int32_t *v, size_t n,
                                                           size_t *at)
{
    if (n < 8)
        return argmax_c(v, n, at);
    __m256i m = _mm256_loadu_si256((const __m256i *)(const void *)v);
    size_t k = 8;
    for (; k + 8 <= n; k += 8)
        m = _mm256_max_epi32(m, _mm256_loadu_si256((const __m256i *)(const void *)(v + k)));
    /* the tail as an overlapping last vector */
    m = _mm256_max_epi32(m, _mm256_loadu_si256((const __m256i *)(const void *)(v + n - 8)));
    __m128i h = _mm_max_epi32(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, 0x4E));
    h = _mm_max_epi32(h, _mm_shuffle_epi32(h, 0xB1));
    int32_t best = _mm_cvtsi128_si32(h);
    const __m256i b = _mm256_set1_epi32(best);
    for (k = 0;; k += 8) {
        if (k + 8 > n)
            k = n - 8;
        unsigned eq = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(
            _mm256_loadu_si256((const __m256i *)(const void *)(v + k)), b)));
        if (eq) {
            *at = k + (size_t)__builtin_ctz(eq);
            return best;
        }
    }
}

#endif

/* ---- the per-thread cache ---------------------------------------------- */

void kg_ftab_cache_init(kg_ftab_cache *c)
{
    memset(c, 0, sizeof *c);
}

void kg_ftab_cache_release(kg_ftab_cache *c)
{
    free(c->ents);
    memset(c, 0, sizeof *c);
}

static inline size_t cache_slot(uint64_t key)
{
    return (size_t)(key >> 17) & (((size_t)1 << KG_FTAB_CACHE_BITS) - 1);
}

void kg_ftab_cache_prefetch(const kg_ftab_cache *c, const uint64_t *keys, size_t n)
{
    if (!c->ents)
        return;
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&c->ents[cache_slot(keys[k])]);
}

int kg_ftab_find_cached(const kg_ftab *t, kg_ftab_cache *c, const uint64_t *keys,
                        size_t n, uint32_t *rows)
{
    const size_t size = (size_t)1 << KG_FTAB_CACHE_BITS;
    if (!c->ents) {
        c->ents = kg_malloc(size * sizeof *c->ents);
        if (!c->ents)
            return -1;
        c->owner = 0;
    }
    if (c->owner != t->id) {
        /* another table: its rows mean nothing here */
        memset(c->ents, 0, size * sizeof *c->ents);
        c->owner = t->id;
    }
    if (n > KG_FTAB_MAX)
        n = KG_FTAB_MAX;
    uint64_t miss[KG_FTAB_MAX];
    uint32_t where[KG_FTAB_MAX], found[KG_FTAB_MAX];
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        __builtin_prefetch(&c->ents[cache_slot(keys[k])]);
    for (size_t k = 0; k < n; k++) {
        const kg_ftab_cache_ent *e = &c->ents[cache_slot(keys[k])];
        rows[k] = (uint32_t)e->row;
        if (e->key != keys[k]) {
            miss[m] = keys[k];
            where[m++] = (uint32_t)k;
        } else {
            kg_ftab_prefetch(t, rows[k]);
        }
    }
    t->find_many(t, miss, m, found);
    for (size_t j = 0; j < m; j++) {
        kg_ftab_cache_ent *e = &c->ents[cache_slot(miss[j])];
        e->key = miss[j];
        e->row = found[j];
        /* cppcheck-suppress uninitvar ; where[0..m) were written above */
        rows[where[j]] = found[j];
    }
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int kg_ftab_same_rows(const kg_ftab *t, const uint64_t *keys, const uint32_t *rows,
                      size_t n)
{
    uint32_t want[KG_FTAB_MAX], got[KG_FTAB_MAX];
    if (n > KG_FTAB_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        want[i] = kg_ftab_find(t, keys[i]);
        got[i] = rows[i];
    }
    qsort(want, n, sizeof *want, cmp_u32);
    qsort(got, n, sizeof *got, cmp_u32);
    return memcmp(want, got, n * sizeof *want) == 0;
}

int kg_ftab_use_isa(kg_ftab *t, int isa)
{
    if (isa == 0) {
        t->find_many = find_many_c;
        t->sum = sum_c;
        t->argmax = argmax_c;
        return 0;
    }
#ifdef FTAB_X86
    __builtin_cpu_init();
    if (isa == 1 && __builtin_cpu_supports("avx2")) {
        t->find_many = find_many_avx2;
        t->sum = sum_avx2;
        t->argmax = argmax_avx2;
        return 0;
    }
    if (isa == 2 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512f") &&
        __builtin_cpu_supports("avx512vl")) {
        t->find_many = find_many_avx512;
        t->sum = sum_avx512;
        t->argmax = argmax_avx512;
        return 0;
    }
#endif
    return -1;
}

/* ---- loading ------------------------------------------------------------- */

void kg_ftab_release(kg_ftab *t)
{
    free(t->dense_mem);
    memset(t, 0, sizeof *t);
}

int kg_ftab_load(kg_ftab *t, kg_model_file *f, const char *name, kg_diag *d)
{
    uint32_t *dense_off = NULL; /* rows that become dense blocks (see below) */
    char sec[16];
    memset(t, 0, sizeof *t);
    snprintf(sec, sizeof sec, "%s.h", name);
    const unsigned char *h = kg_model_section_get(f, sec, 16, 1, NULL, d);
    if (!h)
        return -1;
    uint32_t cap, nentries;
    memcpy(&t->nclasses, h, 4);
    memcpy(&cap, h + 4, 4);
    memcpy(&nentries, h + 8, 4);
    memcpy(&t->scale, h + 12, 4);
    size_t nslots = 0, ne = 0;
    snprintf(sec, sizeof sec, "%s.s", name);
    /* ours to rewrite: the file's bytes are a private copy (model.h) */
    kg_ftab_slot *slots = (kg_ftab_slot *)kg_model_section_get(f, sec, sizeof(kg_ftab_slot),
                                                               1, &nslots, d);
    if (!slots)
        return -1;
    snprintf(sec, sizeof sec, "%s.e", name);
    t->entries = kg_model_section_get(f, sec, 4, 0, &ne, d);
    if (!t->entries)
        return -1;
    if (cap == 0 || nslots != cap || ne != nentries || nentries >= KG_FTAB_DENSE ||
        t->nclasses == 0 || t->nclasses > 65535 || !(t->scale > 0))
        goto corrupt;
    t->cap = cap;
    t->nentries = nentries;
    t->npad = (t->nclasses + 15) & ~15u;
    /* Every row must lie inside the entries and name real classes, and one
     * slot at least must be empty so that probing ends.  The rows are in
     * another order than the slots: they are fetched a few slots ahead.
     * The rows that become dense blocks are numbered on the way (their
     * offsets kept in dense_off, their slots pointed at the blocks). */
    size_t empty = 0, ndense = 0, dcap = 0;
    for (uint32_t i = 0; i < cap; i++) {
        if (i + 16 < cap && slots[i + 16].off < nentries)
            __builtin_prefetch(&t->entries[slots[i + 16].off]);
        kg_ftab_slot *s = &slots[i];
        if (s->fp == 0) {
            empty++;
            continue;
        }
        if (s->off >= nentries)
            goto corrupt;
        uint32_t len = t->entries[s->off];
        if (len & KG_FTAB_DENSE) {
            if ((t->nclasses + 1) / 2 > nentries - s->off - 1)
                goto corrupt;
        } else {
            if (len > nentries - s->off - 1)
                goto corrupt;
            const uint32_t *e = t->entries + s->off + 1;
            for (uint32_t j = 0; j < len; j++)
                if ((e[j] >> 16) >= t->nclasses)
                    goto corrupt;
            if (len < KG_FTAB_DENSE_MIN)
                continue;
        }
        if (ndense == dcap) {
            dcap = dcap ? 2 * dcap : 4096;
            uint32_t *p = kg_realloc(dense_off, dcap * sizeof *p);
            if (!p) {
                free(dense_off);
                kg_diag_oom(d, "loading a model");
                return -1;
            }
            dense_off = p;
        }
        dense_off[ndense] = s->off;
        s->off = KG_FTAB_DENSE | (uint32_t)ndense++;
    }
    if (!empty)
        goto corrupt;
    /* the dense blocks, a power of two apart (an address is a shift away)
     * and 32-byte aligned for the vector loads */
    t->dshift = 4;
    while ((1u << t->dshift) < t->npad)
        t->dshift++;
    size_t row = ((size_t)1 << t->dshift) * sizeof(int16_t);
    /* the filter: 16 bits per row, so that 95% of the absent fps fail */
    unsigned fbits = 12;
    while (fbits < 32 && ((size_t)1 << fbits) < (cap - empty) * 16)
        fbits++;
    t->fshift = 32 - fbits;
    size_t fbytes = ((size_t)1 << fbits) / 8;
    size_t bytes = fbytes + ndense * row;
    unsigned char *block = kg_model_alloc(bytes, &t->dense_mem);
    if (!block) {
        free(dense_off);
        kg_diag_oom(d, "loading a model");
        return -1;
    }
    memset(block, 0, bytes);
    /* both parts stay 32-byte aligned: fbytes is a multiple of 512 */
    uint64_t *filter = (uint64_t *)(void *)block;
    int16_t *dense = (int16_t *)(void *)(block + fbytes);
    for (uint32_t i = 0; i < cap; i++) {
        uint32_t fp = slots[i].fp;
        if (fp)
            filter[(fp >> t->fshift) / 64] |= 1ull << ((fp >> t->fshift) % 64);
    }
    for (size_t nd = 0; nd < ndense; nd++) {
        const uint32_t *e = t->entries + dense_off[nd];
        uint32_t len = *e++;
        int16_t *w = dense + (nd << t->dshift);
        if (len & KG_FTAB_DENSE)
            memcpy(w, e, t->nclasses * sizeof *w);
        else
            for (uint32_t j = 0; j < len; j++)
                w[e[j] >> 16] = (int16_t)(uint16_t)(e[j] & 0xFFFF);
    }
    free(dense_off);
    uint32_t nd = (uint32_t)ndense;
    t->dense = dense;
    t->ndense = nd;
    t->filter = filter;
    static _Atomic uint64_t loads;
    t->id = ++loads;
    t->slots = slots;
#ifdef KG_FTAB_FORCE_ISA /* for benchmarks */
    kg_ftab_use_isa(t, KG_FTAB_FORCE_ISA);
#else
    if (kg_ftab_use_isa(t, 2) < 0 && kg_ftab_use_isa(t, 1) < 0)
        kg_ftab_use_isa(t, 0);
#endif
    return 0;
corrupt:
    free(dense_off);
    kg_diag_error(d, f->name, 0, 0, "model file is corrupt (feature table '%s')",
                  name);
    return -1;
}
