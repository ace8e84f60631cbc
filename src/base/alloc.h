/*
 * alloc.h - the one allocator every kgraph module calls.
 *
 * kg_malloc and friends behave exactly like the C library's functions.
 * Builds made with -DKG_FAULTS (the ASan test build) can fail the N-th
 * allocation on purpose: set KG_FAIL_ALLOC=N in the environment, or call
 * kg_alloc_fail_at(N) from a test.  This is SQLite's fault-injection
 * pattern: a test loops N = 1, 2, ... until the run succeeds and checks
 * that every failing run reports an error, leaks nothing and writes
 * nothing.  Memory that foreign libraries allocate for themselves is not
 * counted; their failures are theirs.
 *
 * Ownership: whatever kg_malloc/kg_calloc/kg_realloc/kg_strdup return is
 * released with the C library's free().
 */
#ifndef KG_ALLOC_H
#define KG_ALLOC_H

#include <stddef.h>
#include <stdlib.h>

/* Tells gcc that these allocate memory free() releases, so its analyzer
 * (make analyze) follows them as it follows malloc: results used without
 * a NULL check, double frees, uses after free. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define KG_ALLOC_ATTR __attribute__((malloc, malloc(free, 1)))
#else
#define KG_ALLOC_ATTR
#endif

void *kg_malloc(size_t size) KG_ALLOC_ATTR;
void *kg_calloc(size_t n, size_t size) KG_ALLOC_ATTR;
void *kg_realloc(void *p, size_t size);
char *kg_strdup(const char *s) KG_ALLOC_ATTR;
char *kg_strndup(const char *s, size_t n) KG_ALLOC_ATTR;

/* Fault injection (no-ops unless built with -DKG_FAULTS).  n > 0 makes the
 * n-th counted allocation from now fail (and, with persist, every one after
 * it); n == 0 turns injection off.  kg_alloc_failed() says whether an
 * injected failure has happened since the last kg_alloc_fail_at call. */
void kg_alloc_fail_at(long n, int persist);
int kg_alloc_failed(void);

#endif
