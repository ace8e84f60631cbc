/* test_nlp_lexicon.c - the word lexicon: reading the TSV (and its
 * errors), lookups, the model section round trip, corrupt sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/io.h"
#include "nlp/lexicon.h"
#include "nlp/model.h"

#define FIXTURE "tests/nlp/lexicon-sample.tsv"

/* Write text to a temporary file; its path into path. */
static void temp_file(char *path, size_t cap, const char *text)
{
    snprintf(path, cap, "/tmp/kg-test-lex-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
}

static void reads_the_fixture_and_looks_up_any_case(void **state)
{
    (void)state;
    kg_lexicon l;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_lexicon_read_tsv(&l, FIXTURE, &d), 0);
    assert_non_null(l.slots);
    assert_int_not_equal(l.id, 0);
    /* "killed": line "killed\t<cluster>\t<classes>" of the fixture */
    kg_buf b;
    kg_buf_init(&b);
    assert_int_equal(kg_io_read_file(FIXTURE, &b, &d), 0);
    const char *line = strstr(b.data, "\nkilled\t");
    assert_non_null(line);
    unsigned cl = 0, cls = 0;
    assert_int_equal(sscanf(line + 8, "%u\t%u", &cl, &cls), 2);
    uint32_t v = kg_lexicon_get(&l, "killed", 6);
    assert_int_equal(KG_LEX_CLUSTER(v), cl + 1);
    assert_int_equal(KG_LEX_CLASSES(v), cls);
    assert_true(cls & 2u << 6); /* an inflected verb, says WordNet */
    assert_int_equal(kg_lexicon_get(&l, "KILLED", 6), v);
    assert_int_equal(kg_lexicon_get(&l, "Killed", 6), v);
    /* unknown words, empty and overlong forms */
    assert_int_equal(kg_lexicon_get(&l, "qzxvvkj", 7), 0);
    assert_int_equal(kg_lexicon_get(&l, "", 0), 0);
    char big[100];
    memset(big, 'a', sizeof big);
    assert_int_equal(kg_lexicon_get(&l, big, sizeof big), 0);
    /* an empty lexicon knows nothing */
    kg_lexicon e;
    kg_lexicon_init(&e);
    assert_int_equal(kg_lexicon_get(&e, "killed", 6), 0);
    assert_int_equal(kg_lexicon_get(NULL, "killed", 6), 0);
    kg_buf_release(&b);
    kg_lexicon_release(&l);
}

static void bad_lines_give_their_line_number(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *err; /* after "PATH:" */
    } cases[] = {
        {"# c\nok\t1\t2\nbad line\n", "3: error: expected 'word TAB cluster TAB classes' (a word "
                                      "of at most 64 bytes, a cluster below 1023, classes at most "
                                      "4194303)"},
        {"w\t1023\t0\n", "1: error: expected 'word TAB cluster TAB classes' (a word of at most 64 "
                         "bytes, a cluster below 1023, classes at most 4194303)"},
        {"w\t1\n", "1: error: expected 'word TAB cluster TAB classes' (a word of at most 64 "
                   "bytes, a cluster below 1023, classes at most 4194303)"},
        {"w\t1\t2\tx\n", "1: error: expected 'word TAB cluster TAB classes' (a word of at most "
                         "64 bytes, a cluster below 1023, classes at most 4194303)"},
        {"\t1\t2\n", "1: error: expected 'word TAB cluster TAB classes' (a word of at most 64 "
                     "bytes, a cluster below 1023, classes at most 4194303)"},
        {"# only comments\n\n", " error: the lexicon has no words"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[64], want[512];
        temp_file(path, sizeof path, cases[i].text);
        kg_lexicon l;
        kg_diag d;
        kg_diag_init(&d, NULL);
        assert_int_equal(kg_lexicon_read_tsv(&l, path, &d), -1);
        snprintf(want, sizeof want, "%s:%s", path, cases[i].err);
        assert_string_equal(d.first, want);
        assert_null(l.slots);
        unlink(path);
    }
    /* CRLF line ends and a repeated word (the first line counts) */
    char path[64];
    temp_file(path, sizeof path, "Word\t4\t5\r\nword\t6\t7\n");
    kg_lexicon l;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_lexicon_read_tsv(&l, path, &d), 0);
    assert_int_equal(kg_lexicon_get(&l, "word", 4), 5u | 5u << 10);
    kg_lexicon_release(&l);
    unlink(path);
}

static void model_section_round_trip(void **state)
{
    (void)state;
    kg_lexicon l, back, none;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_lexicon_read_tsv(&l, FIXTURE, &d), 0);
    kg_model_writer w;
    kg_model_writer_init(&w);
    assert_int_equal(kg_lexicon_write(&l, &w), 0);
    kg_buf out;
    kg_buf_init(&out);
    assert_int_equal(kg_model_writer_finish(&w, KG_MODEL_TAGGER, &out), 0);
    kg_model_file f;
    assert_int_equal(kg_model_open_mem(&f, "m.bin", out.data, out.len, KG_MODEL_TAGGER, &d), 0);
    assert_int_equal(kg_lexicon_load(&back, &f, &d), 0);
    assert_int_equal(back.id, l.id);
    assert_int_equal(back.mask, l.mask);
    static const char *const words[] = {"killed", "the", "forces", "qzxvvkj"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(kg_lexicon_get(&back, words[i], strlen(words[i])),
                         kg_lexicon_get(&l, words[i], strlen(words[i])));
    kg_lexicon_release(&back);
    kg_model_close(&f);
    /* a model without the section has an empty lexicon */
    kg_model_writer_release(&w);
    kg_model_writer_init(&w);
    assert_int_equal(kg_model_writer_add(&w, "other", "x", 1), 0);
    kg_lexicon_init(&none);
    assert_int_equal(kg_lexicon_write(&none, &w), 0); /* adds nothing */
    assert_int_equal(kg_model_writer_finish(&w, KG_MODEL_TAGGER, &out), 0);
    assert_int_equal(kg_model_open_mem(&f, "m.bin", out.data, out.len, KG_MODEL_TAGGER, &d), 0);
    assert_int_equal(kg_lexicon_load(&back, &f, &d), 0);
    assert_null(back.slots);
    assert_int_equal(back.id, 0);
    kg_model_close(&f);
    /* a full table (no empty slot) or a size that is not a power of two
     * is a corrupt model, not an endless lookup */
    static const struct {
        size_t slots;
        int fill;
        const char *err;
    } bad[] = {
        {64, 1, "m.bin: error: model file is corrupt (section 'lexicon' has no free slot)"},
        {96, 0, "m.bin: error: model file is corrupt (section 'lexicon' has a bad size)"},
        {8, 0, "m.bin: error: model file is corrupt (section 'lexicon' has a bad size)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        kg_lex_slot *s = calloc(bad[i].slots, sizeof *s);
        for (size_t k = 0; bad[i].fill && k < bad[i].slots; k++)
            s[k].key = (uint32_t)k | 1u;
        kg_model_writer_release(&w);
        kg_model_writer_init(&w);
        assert_int_equal(kg_model_writer_add(&w, "lexicon", s, bad[i].slots * sizeof *s), 0);
        assert_int_equal(kg_model_writer_finish(&w, KG_MODEL_TAGGER, &out), 0);
        assert_int_equal(
            kg_model_open_mem(&f, "m.bin", out.data, out.len, KG_MODEL_TAGGER, &d), 0);
        kg_diag_reset(&d);
        assert_int_equal(kg_lexicon_load(&back, &f, &d), -1);
        assert_string_equal(d.first, bad[i].err);
        kg_model_close(&f);
        free(s);
    }
    kg_model_writer_release(&w);
    kg_buf_release(&out);
    kg_lexicon_release(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_the_fixture_and_looks_up_any_case),
        cmocka_unit_test(bad_lines_give_their_line_number),
        cmocka_unit_test(model_section_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
