/* test_base.c - arena, diagnostics, buffers, files, hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#include "base/buf.h"
#include "base/diag.h"
#include "base/hash.h"
#include "base/io.h"

static void arena_allocates_aligned_zeroed_memory(void **state)
{
    (void)state;
    kg_arena a;
    kg_arena_init(&a);
    for (int i = 1; i < 5000; i++) {
        unsigned char *p = kg_arena_alloc(&a, (size_t)(i % 97) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (int k = 0; k < (i % 97) + 1; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)(i % 97) + 1);
    }
    /* a block larger than a chunk */
    char *big = kg_arena_alloc(&a, 1u << 20);
    assert_non_null(big);
    big[(1u << 20) - 1] = 'x';
    assert_null(kg_arena_calloc(&a, SIZE_MAX / 2, 4));
    kg_arena_release(&a);
}

/* Under ASan (the test build) the bytes after an arena allocation are
 * poisoned, so overruns are caught as for kg_malloc's blocks. */
static void arena_poisons_past_the_end(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    kg_arena a;
    kg_arena_init(&a);
    for (size_t n = 1; n < 40; n++) {
        char *p = kg_arena_alloc(&a, n);
        assert_non_null(p);
        assert_false(__asan_address_is_poisoned(p + n - 1));
        assert_true(__asan_address_is_poisoned(p + n));
    }
    char *big = kg_arena_alloc(&a, 1u << 20);
    assert_true(__asan_address_is_poisoned(big + (1u << 20)));
    kg_arena_release(&a);
#else
    skip();
#endif
}

static void arena_strings(void **state)
{
    (void)state;
    kg_arena a;
    kg_arena_init(&a);
    char *s = kg_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    assert_string_equal(kg_arena_printf(&a, "%s-%d", "x", 42), "x-42");
    kg_arena_release(&a);
}

static void diag_keeps_first_error_and_counts_the_rest(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_diag_error(&d, "a.yaml", 3, 5, "unknown key '%s'", "clases");
    kg_diag_error(&d, "a.yaml", 9, 1, "second");
    kg_diag_error(&d, NULL, 0, 0, "third");
    assert_string_equal(d.first, "a.yaml:3:5: error: unknown key 'clases'");
    assert_int_equal(d.nerrors, 3);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_int_equal(kg_diag_print(&d, f), 3);
    fclose(f);
    assert_string_equal(out, "a.yaml:3:5: error: unknown key 'clases'\n"
                             "kgraph: 2 more errors not shown\n");
    free(out);
}

/* A diagnostic filled elsewhere (another thread's) added to one's own:
 * the first error stays the first, the counts add up. */
static void diag_adds_another(void **state)
{
    (void)state;
    kg_diag d, e;
    kg_diag_init(&d, NULL);
    kg_diag_init(&e, NULL);
    kg_diag_add(&d, &e);
    assert_int_equal(d.nerrors, 0);
    assert_string_equal(d.first, "");
    kg_diag_error(&e, "p.bin", 0, 0, "model file is corrupt");
    kg_diag_error(&e, NULL, 0, 0, "second");
    e.nwarnings = 2;
    kg_diag_add(&d, &e);
    assert_string_equal(d.first, "p.bin: error: model file is corrupt");
    assert_int_equal(d.nerrors, 2);
    assert_int_equal(d.nwarnings, 2);
    kg_diag_init(&d, NULL);
    kg_diag_error(&d, "t.bin", 0, 0, "not a kgraph model file");
    kg_diag_add(&d, &e);
    assert_string_equal(d.first, "t.bin: error: not a kgraph model file");
    assert_int_equal(d.nerrors, 3);
}

static void diag_positions_from_byte_offsets(void **state)
{
    (void)state;
    /* columns count code points; CR LF is one line end */
    const char *text = "ab\r\nc\xc3\xa9z\nq";
    int line, col;
    kg_diag_linecol(text, strlen(text), 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    kg_diag_linecol(text, strlen(text), 4, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    kg_diag_linecol(text, strlen(text), 7, &line, &col); /* 'z' after é */
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_diag_error_at(&d, "f.txt", text, strlen(text), 9, "bad");
    assert_string_equal(d.first, "f.txt:3:1: error: bad");
    kg_diag_reset(&d);
    kg_diag_error(&d, "f.txt", 0, 0, "whole file");
    assert_string_equal(d.first, "f.txt: error: whole file");
}

static void diag_warnings_go_to_their_stream(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    kg_diag d;
    kg_diag_init(&d, f);
    kg_diag_warning(&d, "o.yaml", 2, 4, "alias '%s' is claimed twice", "Kim");
    fclose(f);
    assert_int_equal(d.nwarnings, 1);
    assert_int_equal(d.nerrors, 0);
    assert_string_equal(out, "o.yaml:2:4: warning: alias 'Kim' is claimed twice\n");
    free(out);
}

static void buf_grows_and_formats(void **state)
{
    (void)state;
    kg_buf b;
    kg_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(kg_buf_printf(&b, "%d,", i), 0);
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    size_t n;
    char *p = kg_buf_detach(&b, &n);
    assert_int_equal(n, strlen(p));
    assert_null(b.data);
    free(p);
}

static void io_writes_atomically_and_reads_back(void **state)
{
    (void)state;
    char dir[] = "/tmp/kgtest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.ttl", dir);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_io_write_atomic(path, "abc\n", 4, &d), 0);
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_io_read_file(path, &b, &d), 0);
    assert_string_equal(b.data, "abc\n");
    /* a directory is refused with a clear message */
    assert_int_equal(kg_io_read_file(dir, &b, &d), -1);
    char want[300];
    snprintf(want, sizeof want, "%s: error: is a directory, not a file", dir);
    assert_string_equal(d.first, want);
    /* writing into a missing directory fails and leaves nothing behind */
    kg_diag_reset(&d);
    char bad[300];
    snprintf(bad, sizeof bad, "%s/missing/x.ttl", dir);
    assert_int_equal(kg_io_write_atomic(bad, "x", 1, &d), -1);
    assert_int_equal(d.nerrors, 1);
    kg_buf_release(&b);
    unlink(path);
    rmdir(dir);
}

/* Regression: writing to /dev/null once renamed a regular file over the
 * device. */
static void io_writes_devices_in_place(void **state)
{
    (void)state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_io_write_atomic("/dev/null", "x", 1, &d), 0);
    struct stat st;
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    char dir[] = "/tmp/kgtest-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(kg_io_write_atomic(dir, "x", 1, &d), -1);
    assert_true(kg_io_is_dir(dir));
    rmdir(dir);
}

static void io_names(void **state)
{
    (void)state;
    char stem[64];
    kg_io_stem("a/b/korea-liaison-office.txt", stem, sizeof stem);
    assert_string_equal(stem, "korea-liaison-office");
    kg_io_stem(".hidden", stem, sizeof stem);
    assert_string_equal(stem, ".hidden");
    assert_string_equal(kg_io_ext("x/y.ttl"), ".ttl");
    assert_string_equal(kg_io_ext("x.d/y"), "");
}

static void hash_is_stable_and_map_works(void **state)
{
    (void)state;
    /* IRIs and models depend on these values never changing */
    assert_true(kg_hash64("abc", 3, 0) == kg_hash64("abc", 3, 0));
    assert_true(kg_hash64("abc", 3, 0) != kg_hash64("abd", 3, 0));
    assert_true(kg_hash64("abc", 3, 0) != kg_hash64("abc", 3, 1));
    /* the values themselves, for every tail length (0-7 bytes after the
     * 8-byte blocks): the byte-at-a-time tail gave these */
    static const uint64_t want[20] = {
        0xbff93ebadc880d65ull, 0x584a53e76fc56aebull, 0xb2fa9763a5788ce8ull,
        0x41186d408e54fd8dull, 0x768dcc5559a1c460ull, 0x82767325a110f34dull,
        0x690f00cbd474a908ull, 0x1cd2b4601e66d841ull, 0x8cbdecf1b7d6d096ull,
        0xa761859add661213ull, 0x3ab5e5db5b0c4304ull, 0x0a41380ccc54190bull,
        0x2a3206f8ad5334ebull, 0xd5029808ce00ef48ull, 0xb5f11e4dc07260cfull,
        0x813587bb056d3bbfull, 0x6208c0cecf8d8dd9ull, 0x24af49908f5fca23ull,
        0xa42bd905d0213238ull, 0x67a203a6c185ff83ull};
    for (size_t n = 0; n < 20; n++)
        assert_true(kg_hash64("the quick brown fox", n, 7) == want[n]);
    kg_strmap m;
    kg_strmap_init(&m);
    char keys[500][16];
    for (int i = 0; i < 500; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        assert_int_equal(kg_strmap_put(&m, keys[i], strlen(keys[i]), i), 0);
    }
    for (int i = 0; i < 500; i++)
        assert_int_equal(kg_strmap_get(&m, keys[i], strlen(keys[i])), i);
    assert_int_equal(kg_strmap_get(&m, "nope", 4), -1);
    assert_int_equal(kg_strmap_put(&m, keys[7], strlen(keys[7]), 70), 0);
    assert_int_equal(kg_strmap_get(&m, "k7", 2), 70);
    assert_int_equal(m.count, 500);
    kg_strmap_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocates_aligned_zeroed_memory),
        cmocka_unit_test(arena_poisons_past_the_end),
        cmocka_unit_test(arena_strings),
        cmocka_unit_test(diag_keeps_first_error_and_counts_the_rest),
        cmocka_unit_test(diag_adds_another),
        cmocka_unit_test(diag_positions_from_byte_offsets),
        cmocka_unit_test(diag_warnings_go_to_their_stream),
        cmocka_unit_test(buf_grows_and_formats),
        cmocka_unit_test(io_writes_atomically_and_reads_back),
        cmocka_unit_test(io_writes_devices_in_place),
        cmocka_unit_test(io_names),
        cmocka_unit_test(hash_is_stable_and_map_works),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
