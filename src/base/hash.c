#include "base/alloc.h"
#include "base/hash.h"

#include <stdlib.h>
#include <string.h>

static uint64_t read64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

uint64_t kg_hash_mix(uint64_t a, uint64_t b)
{
    /* splitmix64 finaliser over a combination of both halves */
    uint64_t x = a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

uint64_t kg_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ (0x9E3779B97F4A7C15ull * (len + 1));
    while (len >= 8) {
        h = kg_hash_mix(h, read64(p));
        p += 8;
        len -= 8;
    }
    /* the last 0-7 bytes, little-endian: two overlapping 4-byte reads or
     * three single bytes (the overlaps OR a byte onto itself), not a loop
     * per byte: most words are shorter than 8 and hashed several times */
    uint64_t tail = 0;
    if (len >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + len - 4, 4);
        tail = (uint64_t)lo | (uint64_t)hi << (8 * (len - 4));
    } else if (len > 0) {
        tail = (uint64_t)p[0] | (uint64_t)p[len / 2] << (8 * (len / 2)) |
               (uint64_t)p[len - 1] << (8 * (len - 1));
    }
    return kg_hash_mix(h, tail ^ ((uint64_t)len << 56));
}

void kg_strmap_init(kg_strmap *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
}

void kg_strmap_release(kg_strmap *m)
{
    free(m->slots);
    kg_strmap_init(m);
}

static kg_strmap_slot *find_slot(kg_strmap_slot *slots, size_t cap,
                                 const char *key, size_t keylen, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    for (;;) {
        kg_strmap_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->keylen == keylen &&
            memcmp(s->key, key, keylen) == 0)
            return s;
        i = (i + 1) & (cap - 1);
    }
}

static int grow(kg_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    kg_strmap_slot *ns = kg_calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < m->cap; i++) {
        kg_strmap_slot *s = &m->slots[i];
        if (s->key)
            *find_slot(ns, ncap, s->key, s->keylen, s->hash) = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

int kg_strmap_put(kg_strmap *m, const char *key, size_t keylen, int value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m) < 0)
        return -1;
    uint64_t h = kg_hash64(key, keylen, 0);
    kg_strmap_slot *s = find_slot(m->slots, m->cap, key, keylen, h);
    if (!s->key) {
        s->key = key;
        s->keylen = keylen;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return 0;
}

int kg_strmap_get(const kg_strmap *m, const char *key, size_t keylen)
{
    if (!m->cap)
        return -1;
    uint64_t h = kg_hash64(key, keylen, 0);
    kg_strmap_slot *s = find_slot(m->slots, m->cap, key, keylen, h);
    return s->key ? s->value : -1;
}

int kg_strmap_or(kg_strmap *m, const char *key, size_t keylen, int bits)
{
    int old = kg_strmap_get(m, key, keylen);
    return kg_strmap_put(m, key, keylen, (old < 0 ? 0 : old) | bits);
}
