#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#ifdef KG_FAULTS
#include <stdatomic.h>
#include <unistd.h>

/* countdown > 0: allocations left before the injected failure.
 * Read KG_FAIL_ALLOC once, lazily, so the CLI needs no set-up call. */
static atomic_long countdown;
static atomic_int persist_fail;
static atomic_int failed;
static atomic_int env_read;
static atomic_int note; /* KG_FAIL_ALLOC_NOTE=1: say so when it happens */

static void read_env(void)
{
    int expected = 0;
    if (!atomic_compare_exchange_strong(&env_read, &expected, 1))
        return;
    const char *s = getenv("KG_FAIL_ALLOC");
    if (s && *s) {
        atomic_store(&countdown, strtol(s, NULL, 10));
        const char *p = getenv("KG_FAIL_ALLOC_PERSIST");
        atomic_store(&persist_fail, p && *p == '1');
        p = getenv("KG_FAIL_ALLOC_NOTE");
        atomic_store(&note, p && *p == '1');
    }
}

static int should_fail(void)
{
    read_env();
    if (atomic_load(&countdown) <= 0)
        return 0;
    long left = atomic_fetch_sub(&countdown, 1) - 1;
    if (left == 0) {
        if (atomic_load(&persist_fail))
            atomic_store(&countdown, 1);
        /* A test of the command line tells "no allocation failed" from
         * "one failed and the command did not notice" by this line. */
        if (!atomic_exchange(&failed, 1) && atomic_load(&note)) {
            static const char m[] = "kgraph: note: an allocation failed on "
                                    "purpose (KG_FAIL_ALLOC)\n";
            ssize_t w = write(STDERR_FILENO, m, sizeof m - 1);
            (void)w;
        }
        return 1;
    }
    return 0;
}

void kg_alloc_fail_at(long n, int persist)
{
    atomic_store(&env_read, 1);
    atomic_store(&countdown, n > 0 ? n : 0);
    atomic_store(&persist_fail, persist != 0);
    atomic_store(&failed, 0);
}

int kg_alloc_failed(void) { return atomic_load(&failed); }
#else
static int should_fail(void) { return 0; }
void kg_alloc_fail_at(long n, int persist)
{
    (void)n;
    (void)persist;
}
int kg_alloc_failed(void) { return 0; }
#endif

void *kg_malloc(size_t size)
{
    return should_fail() ? NULL : malloc(size);
}

void *kg_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : calloc(n, size);
}

void *kg_realloc(void *p, size_t size)
{
    return should_fail() ? NULL : realloc(p, size);
}

char *kg_strdup(const char *s)
{
    return should_fail() ? NULL : strdup(s);
}

char *kg_strndup(const char *s, size_t n)
{
    return should_fail() ? NULL : strndup(s, n);
}
