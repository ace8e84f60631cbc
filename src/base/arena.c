#include "base/alloc.h"
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kg_arena_chunk {
    kg_arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

#define KG_ARENA_ALIGN (_Alignof(max_align_t))
#define KG_ARENA_DEFAULT_CHUNK (64u * 1024u)

/* Under AddressSanitizer a chunk's free space and a gap after every
 * allocation are poisoned, so that reading or writing past the end of an
 * arena allocation is reported as it would be for one of kg_malloc's. */
#if defined(__SANITIZE_ADDRESS__)
#define KG_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KG_ARENA_ASAN 1
#endif
#endif
#ifdef KG_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define KG_ARENA_REDZONE KG_ARENA_ALIGN
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define KG_ARENA_REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

void kg_arena_init(kg_arena *a)
{
    a->head = NULL;
    a->chunk_size = KG_ARENA_DEFAULT_CHUNK;
    a->total = 0;
}

void kg_arena_release(kg_arena *a)
{
    kg_arena_chunk *c = a->head;
    while (c) {
        kg_arena_chunk *next = c->next;
        UNPOISON(c->data, c->size);
        free(c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

void *kg_arena_alloc(kg_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - KG_ARENA_ALIGN - KG_ARENA_REDZONE)
        return NULL;
    size_t asked = size;
    size = (size + KG_ARENA_REDZONE + KG_ARENA_ALIGN - 1) &
           ~(size_t)(KG_ARENA_ALIGN - 1);
    kg_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        /* Big requests get a chunk of their own so the current chunk's
         * free tail is not wasted. */
        size_t want = size > a->chunk_size / 4 ? size : a->chunk_size;
        if (want > SIZE_MAX - sizeof(kg_arena_chunk))
            return NULL;
        kg_arena_chunk *n = kg_malloc(sizeof(kg_arena_chunk) + want);
        if (!n)
            return NULL;
        n->size = want;
        n->used = 0;
        POISON(n->data, want);
        if (c && want != a->chunk_size && c->size - c->used >= 256) {
            /* keep the roomy current chunk at the head */
            n->next = c->next;
            c->next = n;
            n->used = size;
            UNPOISON(n->data, asked);
            memset(n->data, 0, asked);
            a->total += size;
            return n->data;
        }
        n->next = c;
        a->head = n;
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->total += size;
    UNPOISON(p, asked);
    memset(p, 0, asked);
    return p;
}

void *kg_arena_calloc(kg_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return kg_arena_alloc(a, n * size);
}

char *kg_arena_strndup(kg_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = kg_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *kg_arena_strdup(kg_arena *a, const char *s)
{
    return kg_arena_strndup(a, s, strlen(s));
}

char *kg_arena_printf(kg_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = kg_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
