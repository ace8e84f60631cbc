/*
 * hash.h - 64-bit hashing and an open-addressing string -> int map.
 */
#ifndef KG_HASH_H
#define KG_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Fast 64-bit hash of a byte string (wyhash-style mixing; stable across
 * runs and machines: models and IRIs depend on it). */
uint64_t kg_hash64(const void *data, size_t len, uint64_t seed);
/* Combine two 64-bit values (for hashing feature tuples). */
uint64_t kg_hash_mix(uint64_t a, uint64_t b);

/* String -> int map.  Keys are not copied: they must outlive the map
 * (they usually live in an arena or in the ontology). */
typedef struct kg_strmap_slot {
    const char *key;
    size_t keylen;
    uint64_t hash;
    int value;
} kg_strmap_slot;

typedef struct kg_strmap {
    kg_strmap_slot *slots;
    size_t cap;   /* power of two */
    size_t count;
} kg_strmap;

void kg_strmap_init(kg_strmap *m);
void kg_strmap_release(kg_strmap *m);
/* Insert or overwrite.  Returns 0, or -1 on OOM. */
int kg_strmap_put(kg_strmap *m, const char *key, size_t keylen, int value);
/* Value for key, or -1 when absent. */
int kg_strmap_get(const kg_strmap *m, const char *key, size_t keylen);
/* OR bits into key's value (an absent key starts from 0): word lists
 * indexed as word -> the set of lists that hold it.  0, or -1 on OOM. */
int kg_strmap_or(kg_strmap *m, const char *key, size_t keylen, int bits);

#endif
