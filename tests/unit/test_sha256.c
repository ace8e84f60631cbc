/* test_sha256.c - SHA-256 against the FIPS 180-2 / NIST example vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/sha256.h"

static void check(const void *data, size_t len, const char *want)
{
    unsigned char d[32];
    char hex[65];
    kg_sha256(data, len, d);
    kg_sha256_hex(d, hex);
    assert_string_equal(hex, want);
}

static void test_empty(void **state)
{
    (void)state;
    check("", 0,
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
    (void)state;
    check("abc", 3,
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_448_bits(void **state)
{
    (void)state;
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check(m, strlen(m),
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
    (void)state;
    const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    check(m, strlen(m),
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
    (void)state;
    /* fed in odd-sized pieces to exercise the partial-block path */
    char piece[997];
    memset(piece, 'a', sizeof piece);
    kg_sha256_ctx c;
    kg_sha256_init(&c);
    size_t left = 1000000;
    while (left) {
        size_t n = left < sizeof piece ? left : sizeof piece;
        kg_sha256_update(&c, piece, n);
        left -= n;
    }
    unsigned char d[32];
    char hex[65];
    kg_sha256_final(&c, d);
    kg_sha256_hex(d, hex);
    assert_string_equal(
        hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_block_boundaries(void **state)
{
    (void)state;
    /* one-shot and byte-at-a-time must agree around the 55/56/64 edges */
    unsigned char buf[130];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
    for (size_t len = 50; len <= sizeof buf; len++) {
        unsigned char a[32], b[32];
        kg_sha256(buf, len, a);
        kg_sha256_ctx c;
        kg_sha256_init(&c);
        for (size_t i = 0; i < len; i++)
            kg_sha256_update(&c, buf + i, 1);
        kg_sha256_final(&c, b);
        assert_memory_equal(a, b, 32);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bits),
        cmocka_unit_test(test_896_bits),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_block_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
