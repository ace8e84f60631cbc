/*
 * arena.h - bump allocator that owns everything built for one article.
 *
 * An article's tokens, sentences, trees, mentions and relations all live in
 * one arena and die together with kg_arena_release().  Nothing allocated
 * from an arena is freed on its own.  Allocation failure is reported by a
 * NULL return; callers turn that into a diagnostic.
 */
#ifndef KG_ARENA_H
#define KG_ARENA_H

#include <stddef.h>

typedef struct kg_arena_chunk kg_arena_chunk;

typedef struct kg_arena {
    kg_arena_chunk *head;   /* newest chunk first */
    size_t chunk_size;      /* default size of a new chunk */
    size_t total;           /* bytes handed out, for statistics */
} kg_arena;

void kg_arena_init(kg_arena *a);
void kg_arena_release(kg_arena *a);

/* Zero-filled, aligned to max_align_t.  NULL on overflow or OOM. */
void *kg_arena_alloc(kg_arena *a, size_t size);
/* n * size with overflow check. */
void *kg_arena_calloc(kg_arena *a, size_t n, size_t size);
/* Copy of s[0..len) with a terminating NUL. */
char *kg_arena_strndup(kg_arena *a, const char *s, size_t len);
char *kg_arena_strdup(kg_arena *a, const char *s);
/* printf into the arena. */
char *kg_arena_printf(kg_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
