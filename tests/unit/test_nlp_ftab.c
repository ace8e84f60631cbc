/* test_nlp_ftab.c - the feature table at run time: dense blocks, the
 * presence filter and every vector code path give exactly the sums a
 * plain reading of the rows gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "nlp/ftab.h"
#include "nlp/model.h"
#include "nlp/percep.h"
#include "nlp/tagger.h"

#define NROWS 3000
#define NCLASS 115

typedef struct table {
    kg_ftab_row rows[NROWS];
    uint32_t ents[NROWS][NCLASS];
    kg_model_file file;
    kg_ftab t;
} table;

/* Rows of every length from 1 to NCLASS (so some are dense in the file,
 * some dense at load, most sparse), random classes and weights. */
static table *make_table(uint64_t seed, uint32_t nclass)
{
    table *tb = calloc(1, sizeof *tb);
    for (size_t i = 0; i < NROWS; i++) {
        uint32_t n = i < nclass ? (uint32_t)i + 1 : 1 + (uint32_t)(kg_rand_next(&seed) % 12);
        uint8_t used[NCLASS] = {0};
        for (uint32_t j = 0; j < n;) {
            uint32_t c = (uint32_t)(kg_rand_next(&seed) % nclass);
            if (used[c])
                continue;
            used[c] = 1;
            int16_t w = (int16_t)(kg_rand_next(&seed) % 65535 - 32767);
            if (w == 0)
                w = 1;
            tb->ents[i][j++] = c << 16 | (uint16_t)w;
        }
        tb->rows[i].key = kg_ftab_key(kg_rand_next(&seed));
        tb->rows[i].e = tb->ents[i];
        tb->rows[i].n = n;
    }
    kg_model_writer w;
    kg_model_writer_init(&w);
    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_ftab_write(&w, "t", nclass, 1.0f, tb->rows, NROWS), 0);
    assert_int_equal(kg_model_writer_finish(&w, KG_MODEL_TAGGER, &out), 0);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_model_open_mem(&tb->file, "t.bin", out.data, out.len,
                                       KG_MODEL_TAGGER, &d), 0);
    assert_int_equal(kg_ftab_load(&tb->t, &tb->file, "t", &d), 0);
    assert_true(tb->t.ndense > 0);
    kg_model_writer_release(&w);
    kg_buf_release(&out);
    return tb;
}

static void free_table(table *tb)
{
    kg_ftab_release(&tb->t);
    kg_model_close(&tb->file);
    free(tb);
}

static void sums_are_exact_on_every_code_path(void **state)
{
    (void)state;
    static const uint32_t nclasses[] = {115, 102, 17};
    for (size_t q = 0; q < 3; q++) {
        uint32_t nc = nclasses[q];
        table *tb = make_table(7 + q, nc);
        uint64_t seed = 99;
        for (int round = 0; round < 300; round++) {
            /* a mix of present keys (some twice) and absent ones */
            uint64_t keys[200];
            int32_t want[128] = {0};
            size_t n = 1 + (size_t)(kg_rand_next(&seed) % 200);
            for (size_t k = 0; k < n; k++) {
                if (kg_rand_next(&seed) % 4 == 0) {
                    keys[k] = kg_ftab_key(kg_rand_next(&seed));
                    continue;
                }
                const kg_ftab_row *r = &tb->rows[kg_rand_next(&seed) % NROWS];
                keys[k] = r->key;
                for (uint32_t j = 0; j < r->n; j++)
                    want[r->e[j] >> 16] += (int16_t)(uint16_t)(r->e[j] & 0xFFFF);
            }
            for (int isa = 0; isa <= 2; isa++) {
                if (kg_ftab_use_isa(&tb->t, isa) < 0)
                    continue;
                int32_t got[128];
                memset(got, 0x55, sizeof got);
                kg_ftab_score(&tb->t, keys, n, got);
                assert_memory_equal(got, want, nc * sizeof *got);
                for (uint32_t c = nc; c < tb->t.npad; c++)
                    assert_int_equal(got[c], 0);
            }
        }
        /* one key at a time through kg_ftab_find agrees with the batch */
        for (size_t i = 0; i < NROWS; i++) {
            uint32_t r1 = kg_ftab_find(&tb->t, tb->rows[i].key), r2;
            kg_ftab_find_many(&tb->t, &tb->rows[i].key, 1, &r2);
            assert_int_equal(r1, r2);
            assert_int_not_equal(r1, KG_FTAB_MISS);
        }
        free_table(tb);
    }
}

static void argmax_finds_the_first_maximum(void **state)
{
    (void)state;
    table *tb = make_table(3, 115);
    uint64_t seed = 11;
    int32_t v[300];
    for (int round = 0; round < 2000; round++) {
        size_t n = 1 + (size_t)(kg_rand_next(&seed) % 300);
        /* few distinct values, so that ties are common; extremes too */
        for (size_t i = 0; i < n; i++) {
            int r = (int)(kg_rand_next(&seed) % 7);
            v[i] = r == 0 ? INT32_MIN : r == 1 ? INT32_MAX : r - 3;
        }
        size_t want = 0;
        for (size_t i = 1; i < n; i++)
            if (v[i] > v[want])
                want = i;
        for (int isa = 0; isa <= 2; isa++) {
            if (kg_ftab_use_isa(&tb->t, isa) < 0)
                continue;
            size_t at = 999;
            assert_int_equal(kg_ftab_argmax(&tb->t, v, n, &at), v[want]);
            assert_int_equal(at, want);
        }
    }
    free_table(tb);
}

/* A perceptron after random updates (8 classes). */
static void train_random(kg_percep *p, uint64_t seed)
{
    kg_percep_init(p, 8);
    for (int step = 0; step < 2000; step++) {
        uint64_t f[4];
        for (int k = 0; k < 4; k++)
            f[k] = kg_ftab_key(1 + kg_rand_next(&seed) % 300);
        kg_percep_tick(p);
        uint32_t good = (uint32_t)(kg_rand_next(&seed) % 8);
        uint32_t bad = (good + 1 + (uint32_t)(kg_rand_next(&seed) % 7)) % 8;
        assert_int_equal(kg_percep_update(p, f, 4, good, bad), 0);
    }
}

static void export_bytes(const kg_percep *p, kg_buf *out)
{
    kg_model_writer w;
    kg_model_writer_init(&w);
    kg_buf_init(out);
    assert_int_equal(kg_percep_export(p, &w, "t", 0.0f), 0);
    assert_int_equal(kg_model_writer_finish(&w, KG_MODEL_TAGGER, out), 0);
    kg_model_writer_release(&w);
}

/* train-parser --runs: the model is the mean of the runs' averaged
 * weights, so a run averaged with itself is that run, byte for byte,
 * and another run changes it. */
static void absorbed_runs_are_their_mean(void **state)
{
    (void)state;
    kg_percep a, b, twice, both;
    train_random(&a, 7);
    train_random(&b, 8);
    kg_percep_init(&twice, 8);
    kg_percep_init(&both, 8);
    assert_int_equal(kg_percep_absorb(&twice, &a), 0);
    assert_int_equal(kg_percep_absorb(&twice, &a), 0);
    assert_int_equal(kg_percep_absorb(&both, &a), 0);
    assert_int_equal(kg_percep_absorb(&both, &b), 0);
    kg_buf ea, et, eb;
    export_bytes(&a, &ea);
    export_bytes(&twice, &et);
    export_bytes(&both, &eb);
    assert_int_equal(ea.len, et.len);
    assert_memory_equal(ea.data, et.data, ea.len);
    assert_true(eb.len != ea.len || memcmp(eb.data, ea.data, ea.len) != 0);
    kg_buf_release(&ea);
    kg_buf_release(&et);
    kg_buf_release(&eb);
    kg_percep_release(&a);
    kg_percep_release(&b);
    kg_percep_release(&twice);
    kg_percep_release(&both);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sums_are_exact_on_every_code_path),
        cmocka_unit_test(argmax_finds_the_first_maximum),
        cmocka_unit_test(absorbed_runs_are_their_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
