/*
 * fuzz.h - what the libFuzzer targets (tests/fuzz/fuzz_*.c) share: the
 * entry points' prototypes, where the repository's data is, sanitizer
 * defaults, and a check that aborts so libFuzzer keeps the input.
 *
 * Each target is its own program, so the non-static functions below are
 * defined once per binary.  Built by `make fuzz` (Makefile), run by
 * tests/fuzz/run.sh; docs/hardening.md says how.
 */
#ifndef KG_FUZZ_H
#define KG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
const char *__asan_default_options(void);
const char *__lsan_default_options(void);
const char *__ubsan_default_options(void);

#ifndef KG_FUZZ_ROOT
#define KG_FUZZ_ROOT "."
#endif

/* Leaks inside third-party libraries are listed in tests/lsan.supp, by
 * function names that only match with full malloc stacks.  Those cost
 * three quarters of the speed, so the fuzzers keep ASan's fast unwinder,
 * whose stacks stop at the first frame inside a library built without
 * frame pointers.  A target that meets such a leak sets FUZZ_MALLOC_STACKS
 * to the full unwinder with a short stack, deep enough to reach the
 * suppressed function. */
#ifndef FUZZ_MALLOC_STACKS
#define FUZZ_MALLOC_STACKS "fast_unwind_on_malloc=1"
#endif
const char *__asan_default_options(void)
{
    return FUZZ_MALLOC_STACKS ":strict_string_checks=1:"
                              "detect_stack_use_after_return=1";
}

const char *__lsan_default_options(void)
{
    return "suppressions=" KG_FUZZ_ROOT "/tests/lsan.supp:print_suppressions=0";
}

const char *__ubsan_default_options(void)
{
    return "print_stacktrace=1:halt_on_error=1";
}

/* A file of the repository: $KGRAPH_FUZZ_ROOT/rel, else the checkout the
 * fuzzer was built in. */
static inline const char *fuzz_path(const char *rel, char *buf, size_t cap)
{
    const char *root = getenv("KGRAPH_FUZZ_ROOT");
    snprintf(buf, cap, "%s/%s", root ? root : KG_FUZZ_ROOT, rel);
    return buf;
}

/* An invariant the code promises; a broken one is a bug libFuzzer keeps. */
#define FUZZ_CHECK(cond)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,        \
                    __LINE__, #cond);                                      \
            abort();                                                       \
        }                                                                  \
    } while (0)

#endif
