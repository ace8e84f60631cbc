/* test_nlp_tagger.c - tagger and lemmatizer training, the model file
 * format (reload, corruption, truncation, versions). */
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
#include "nlp/conllu.h"
#include "nlp/model.h"
#include "nlp/tagger.h"
#include "nlp/tags.h"

#define FIXTURE "tests/nlp/ewt-sample.conllu"
#define LEXICON "tests/nlp/lexicon-sample.tsv"

/* The fixture's model is trained with the word lexicon, so that every
 * test also covers its features. */
typedef struct fx {
    kg_conllu c;
    kg_buf model;
    kg_lexicon lex;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    kg_conllu_init(&f->c);
    kg_buf_init(&f->model);
    kg_diag d;
    kg_diag_init(&d, NULL);
    if (kg_conllu_read(&f->c, FIXTURE, &d) < 0 || kg_lexicon_read_tsv(&f->lex, LEXICON, &d) < 0)
        return -1;
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.epochs = 8;
    o.lex = &f->lex;
    if (kg_tagger_train(&f->c, NULL, 0, &o, &f->model, &d) < 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    kg_conllu_release(&f->c);
    kg_buf_release(&f->model);
    kg_lexicon_release(&f->lex);
    free(f);
    return 0;
}

/* Tag every sentence; returns the number of correct UPOS and XPOS. */
static void tag_all(const kg_tagger *t, const kg_conllu *c, uint16_t *xpos,
                    uint8_t *upos, size_t *xright, size_t *uright)
{
    kg_tag_scratch s;
    kg_tag_scratch_init(&s);
    const char *forms[512];
    uint32_t lens[512];
    *xright = *uright = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        const kg_csent *cs = &c->sents[i];
        assert_true(cs->count <= 512);
        for (uint32_t k = 0; k < cs->count; k++) {
            forms[k] = c->words[cs->first + k].form;
            lens[k] = (uint32_t)strlen(forms[k]);
        }
        assert_int_equal(kg_tagger_tag(t, &s, cs->count, forms, lens, xpos + cs->first,
                                       upos + cs->first), 0);
        for (uint32_t k = 0; k < cs->count; k++) {
            *xright += xpos[cs->first + k] == c->words[cs->first + k].xpos;
            *uright += upos[cs->first + k] == c->words[cs->first + k].upos;
        }
    }
    kg_tag_scratch_release(&s);
}

static void training_reaches_known_accuracy(void **state)
{
    fx *f = *state;
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    uint16_t *xp = calloc(f->c.nwords, sizeof *xp);
    uint8_t *up = calloc(f->c.nwords, 1);
    size_t xr, ur;
    tag_all(&t, &f->c, xp, up, &xr, &ur);
    /* 2082 training words, tagged after training on them */
    assert_true(ur * 1000 >= f->c.nwords * 990);
    assert_true(xr * 1000 >= f->c.nwords * 990);
    free(xp);
    free(up);
    kg_tagger_release(&t);
}

static void training_is_deterministic(void **state)
{
    fx *f = *state;
    kg_buf again;
    kg_buf_init(&again);
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.epochs = 8;
    o.lex = &f->lex;
    assert_int_equal(kg_tagger_train(&f->c, NULL, 0, &o, &again, &d), 0);
    assert_int_equal(again.len, f->model.len);
    assert_memory_equal(again.data, f->model.data, again.len);
    kg_buf_release(&again);
}

/* The model carries the lexicon it was trained with (the parser reads
 * its clusters from there); without one, the model has none. */
static void lexicon_is_embedded_in_the_model(void **state)
{
    fx *f = *state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_tagger t, bare;
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    assert_int_equal(t.lex.id, f->lex.id);
    assert_int_not_equal(t.lex.id, 0);
    static const char *const words[] = {"killed", "Forces", "the", "preacher", "qzxvvkj"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        assert_int_equal(kg_lexicon_get(&t.lex, words[i], strlen(words[i])),
                         kg_lexicon_get(&f->lex, words[i], strlen(words[i])));
    assert_int_not_equal(kg_lexicon_get(&t.lex, "killed", 6), 0);
    /* kg_tagger_tag_lex hands on each word's value (from the word cache
     * the second time round) and tags as kg_tagger_tag does */
    kg_tag_scratch s;
    kg_tag_scratch_init(&s);
    static const char *const sent[] = {"The", "forces", "killed", "the", "preacher", "."};
    uint32_t lens[6], lex[6];
    uint16_t x1[6], x2[6];
    uint8_t u1[6], u2[6];
    for (size_t i = 0; i < 6; i++)
        lens[i] = (uint32_t)strlen(sent[i]);
    for (int pass = 0; pass < 2; pass++) {
        memset(lex, 0xff, sizeof lex);
        assert_int_equal(kg_tagger_tag_lex(&t, &s, 6, sent, lens, x1, u1, lex), 0);
        assert_int_equal(kg_tagger_tag(&t, &s, 6, sent, lens, x2, u2), 0);
        assert_memory_equal(x1, x2, sizeof x1);
        assert_memory_equal(u1, u2, sizeof u1);
        for (size_t i = 0; i < 6; i++)
            assert_int_equal(lex[i], kg_lexicon_get(&f->lex, sent[i], lens[i]));
    }
    assert_int_not_equal(lex[2], 0);
    kg_tag_scratch_release(&s);
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.epochs = 8;
    kg_buf m2;
    kg_buf_init(&m2);
    assert_int_equal(kg_tagger_train(&f->c, NULL, 0, &o, &m2, &d), 0);
    assert_int_equal(kg_tagger_load_mem(&bare, "b", m2.data, m2.len, &d), 0);
    assert_int_equal(bare.lex.id, 0);
    assert_int_equal(kg_lexicon_get(&bare.lex, "killed", 6), 0);
    kg_tagger_release(&bare);
    kg_tagger_release(&t);
    kg_buf_release(&m2);
}

static void saved_model_reloads_to_identical_predictions(void **state)
{
    fx *f = *state;
    char path[] = "/tmp/kg-test-tagger-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_io_write_atomic(path, f->model.data, f->model.len, &d), 0);
    kg_tagger a, b;
    assert_int_equal(kg_tagger_load_mem(&a, "m", f->model.data, f->model.len, &d), 0);
    assert_int_equal(kg_tagger_load(&b, path, &d), 0);
    size_t n = f->c.nwords, r1, r2, r3, r4;
    uint16_t *x1 = calloc(n, 2), *x2 = calloc(n, 2);
    uint8_t *u1 = calloc(n, 1), *u2 = calloc(n, 1);
    tag_all(&a, &f->c, x1, u1, &r1, &r2);
    tag_all(&b, &f->c, x2, u2, &r3, &r4);
    assert_memory_equal(x1, x2, n * 2);
    assert_memory_equal(u1, u2, n);
    /* lemmas too */
    char l1[256], l2[256];
    for (size_t i = 0; i < n; i++) {
        const char *w = f->c.words[i].form;
        kg_lemma_apply(&a.lemma, w, strlen(w), x1[i], l1, sizeof l1);
        kg_lemma_apply(&b.lemma, w, strlen(w), x2[i], l2, sizeof l2);
        assert_string_equal(l1, l2);
    }
    free(x1);
    free(x2);
    free(u1);
    free(u2);
    kg_tagger_release(&a);
    kg_tagger_release(&b);
    unlink(path);
}

/* The run-time rows (word cache, tables) are the trainer's features; the
 * cache survives sentences and a change of model; every vector code path
 * tags alike. */
static void fast_features_cache_and_code_paths_agree(void **state)
{
    fx *f = *state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_tagger t, other;
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.epochs = 2;
    o.seed = 3;
    kg_buf m2;
    kg_buf_init(&m2);
    assert_int_equal(kg_tagger_train(&f->c, NULL, 0, &o, &m2, &d), 0);
    assert_int_equal(kg_tagger_load_mem(&other, "o", m2.data, m2.len, &d), 0);
    kg_tag_scratch s, fresh;
    kg_tag_scratch_init(&s);
    const char *forms[512];
    uint32_t lens[512];
    uint16_t x1[512], x2[512];
    uint8_t u1[512], u2[512];
    for (int pass = 0; pass < 2; pass++) /* cold cache, then warm */
        for (size_t i = 0; i < f->c.nsents; i++) {
            const kg_csent *cs = &f->c.sents[i];
            for (uint32_t k = 0; k < cs->count; k++) {
                forms[k] = f->c.words[cs->first + k].form;
                lens[k] = (uint32_t)strlen(forms[k]);
            }
            assert_int_equal(kg_tagger_selfcheck(&t, &s, cs->count, forms, lens, x1, u1), 0);
            /* the same scratch with another model, then a fresh one */
            assert_int_equal(kg_tagger_tag(&other, &s, cs->count, forms, lens, x1, u1), 0);
            kg_tag_scratch_init(&fresh);
            assert_int_equal(kg_tagger_tag(&other, &fresh, cs->count, forms, lens, x2, u2), 0);
            kg_tag_scratch_release(&fresh);
            assert_memory_equal(x1, x2, cs->count * sizeof *x1);
        }
    kg_tag_scratch_release(&s);
    size_t n = f->c.nwords, r1, r2;
    uint16_t *x0 = calloc(n, 2), *x = calloc(n, 2);
    uint8_t *u0 = calloc(n, 1), *u = calloc(n, 1);
    assert_int_equal(kg_ftab_use_isa(&t.ftab, 0), 0);
    tag_all(&t, &f->c, x0, u0, &r1, &r2);
    for (int isa = 1; isa <= 2; isa++) {
        if (kg_ftab_use_isa(&t.ftab, isa) < 0)
            continue;
        tag_all(&t, &f->c, x, u, &r1, &r2);
        assert_memory_equal(x, x0, n * 2);
        assert_memory_equal(u, u0, n);
    }
    free(x0);
    free(x);
    free(u0);
    free(u);
    kg_tagger_release(&t);
    kg_tagger_release(&other);
    kg_buf_release(&m2);
}

static void lemmatizer_learns_forms_and_rules(void **state)
{
    fx *f = *state;
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    char out[64];
    struct {
        const char *form;
        int xpos;
        const char *lemma;
    } cases[] = {
        {"killed", KG_XPOS_VBD, "kill"},     /* seen */
        {"forces", KG_XPOS_NNS, "force"},    /* seen */
        {"was", KG_XPOS_VBD, "be"},          /* irregular, seen */
        {"Killed", KG_XPOS_VBD, "kill"},     /* lowercased lexicon */
        {"Zaman", KG_XPOS_NNP, "Zaman"},     /* proper noun */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_lemma_apply(&t.lemma, cases[i].form, strlen(cases[i].form), cases[i].xpos, out,
                       sizeof out);
        assert_string_equal(out, cases[i].lemma);
    }
    /* lemmas of the training words are reproduced */
    size_t right = 0;
    for (size_t i = 0; i < f->c.nwords; i++) {
        const kg_cword *w = &f->c.words[i];
        kg_lemma_apply(&t.lemma, w->form, strlen(w->form), w->xpos, out, sizeof out);
        right += strcmp(out, w->lemma) == 0;
    }
    assert_true(right * 100 >= f->c.nwords * 99);
    /* a long form is cut to the buffer, never overflows */
    char big[600];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(kg_lemma_apply(&t.lemma, big, strlen(big), KG_XPOS_NN, out, sizeof out),
                     sizeof out - 1);
    kg_tagger_release(&t);
}

/* 1 when s is well-formed UTF-8 (no stray or cut sequences). */
static int utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int k = *p < 0x80 ? 0 : *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC0 ? 1 : -1;
        if (k < 0)
            return 0;
        p++;
        for (; k > 0; k--, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* Regression: suffix rules strip bytes, and one learned from "forces"
 * (NNS, strip "s") cut "°" to a lone 0xC2; the POS rule of "'s" cut
 * Devanagari words inside a code point.  `kgraph parse` wrote such
 * lemmas into CoNLL-U for 23 words of the Wikinews corpus. */
static void lemmas_never_split_a_code_point(void **state)
{
    fx *f = *state;
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    static const char *forms[] = {"\xc2\xb0", "\xe0\xa4\x8f\xe0\xa4\x95", "\xe2\x80\x99m",
                                  "na\xc3\xafve", "caf\xc3\xa9s", "\xf0\x9f\x98\x80s",
                                  "\xc3\xa9t\xc3\xa9", "x\xe2\x84\xa2"};
    char out[64];
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        for (int x = 0; x < KG_XPOS_COUNT; x++) {
            kg_lemma_apply(&t.lemma, forms[i], strlen(forms[i]), x, out, sizeof out);
            if (!utf8_ok(out))
                fail_msg("lemma of '%s' as %s is not UTF-8", forms[i], kg_xpos_names[x]);
        }
    /* cut to the buffer: whole code points only (2-, 3- and 4-byte) */
    static const char *units[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    for (size_t u = 0; u < 3; u++)
        for (size_t lead = 0; lead < 4; lead++) {
            char big[300] = "";
            memset(big, 'a', lead);
            big[lead] = '\0';
            while (strlen(big) + 4 < sizeof big)
                strcat(big, units[u]);
            size_t n = kg_lemma_apply(&t.lemma, big, strlen(big), KG_XPOS_NNP, out, sizeof out);
            assert_true(n < sizeof out && n + 4 >= sizeof out - 1);
            assert_int_equal(strlen(out), n);
            assert_true(utf8_ok(out));
        }
    kg_tagger_release(&t);
}

static void expect_load_error(const void *data, size_t len, const char *msg)
{
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m.bin", data, len, &d), -1);
    assert_string_equal(d.first, msg);
}

static void bad_model_files_give_clear_errors(void **state)
{
    fx *f = *state;
    size_t n = f->model.len;
    unsigned char *m = malloc(n);
    memcpy(m, f->model.data, n);
    expect_load_error(m, 0, "m.bin: error: model file is empty");
    expect_load_error(m, 4, "m.bin: error: not a kgraph model file (bad magic)");
    expect_load_error("hello world, this is not a model at all....", 40,
                      "m.bin: error: not a kgraph model file (bad magic)");
    expect_load_error(m, 20, "m.bin: error: model file is truncated (20 bytes)");
    char msg[256];
    snprintf(msg, sizeof msg,
             "m.bin: error: model file is truncated or padded (%zu bytes, header says %zu)",
             n / 2, n);
    expect_load_error(m, n / 2, msg);
    /* a flipped byte in the body */
    m[n - 3] ^= 0x40;
    expect_load_error(m, n, "m.bin: error: model file is corrupt (checksum mismatch)");
    m[n - 3] ^= 0x40;
    /* another version */
    uint32_t v = KG_MODEL_VERSION + 1;
    memcpy(m + 8, &v, 4);
    snprintf(msg, sizeof msg,
             "m.bin: error: model format version %u is not supported (this kgraph reads "
             "version %u); retrain the model",
             KG_MODEL_VERSION + 1, KG_MODEL_VERSION);
    expect_load_error(m, n, msg);
    v = KG_MODEL_VERSION;
    memcpy(m + 8, &v, 4);
    /* a parser model where a tagger is expected */
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m.bin", m, n, &d), 0);
    kg_tagger_release(&t);
    kg_model_file mf;
    assert_int_equal(kg_model_open_mem(&mf, "m.bin", m, n, KG_MODEL_PARSER, &d), -1);
    assert_string_equal(d.first,
                        "m.bin: error: model is a tagger model, expected a parser model");
    /* a missing file */
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load(&t, "/nonexistent/x.bin", &d), -1);
    assert_string_equal(d.first, "/nonexistent/x.bin: error: cannot open model: No such "
                                 "file or directory");
    /* every truncation length fails cleanly (never crashes) */
    for (size_t len = 0; len < n; len += 1 + len / 4) {
        kg_diag_init(&d, NULL);
        assert_int_equal(kg_tagger_load_mem(&t, "m.bin", m, len, &d), -1);
        assert_true(d.nerrors > 0);
    }
    free(m);
}

static void empty_and_odd_sentences(void **state)
{
    fx *f = *state;
    kg_tagger t;
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_tagger_load_mem(&t, "m", f->model.data, f->model.len, &d), 0);
    kg_tag_scratch s;
    kg_tag_scratch_init(&s);
    uint16_t x[4];
    uint8_t u[4];
    assert_int_equal(kg_tagger_tag(&t, &s, 0, NULL, NULL, x, u), 0);
    const char *forms[] = {"!", "...", "", "\xF0\x9F\x98\x80"};
    uint32_t lens[] = {1, 3, 0, 4};
    assert_int_equal(kg_tagger_tag(&t, &s, 4, forms, lens, x, u), 0);
    for (int i = 0; i < 4; i++)
        assert_true(x[i] > 0 && x[i] < KG_XPOS_COUNT && u[i] > 0 && u[i] < KG_UPOS_COUNT);
    kg_tag_scratch_release(&s);
    kg_tagger_release(&t);
}

/* Words are tagged from the last to the first: a word's label may
 * depend on labels far to its right, carried word by word through the
 * label features.  Here every "zz" takes the label of the sentence's
 * last word, four to seven words away (out of reach of the two-word
 * window): a tagger that went left to right would have to guess the first
 * ones. */
static void labels_flow_from_the_right(void **state)
{
    (void)state;
    kg_buf text;
    kg_buf_init(&text);
    for (int k = 0; k < 24; k++) {
        int len = 4 + k % 4, verb = k % 2;
        for (int i = 1; i <= len; i++)
            assert_int_equal(kg_buf_printf(&text, "%d\tzz\tzz\t%s\t%s\t_\t0\tdep\t_\t_\n", i,
                                           verb ? "NOUN" : "ADJ", verb ? "NN" : "JJ"), 0);
        assert_int_equal(kg_buf_printf(&text, "%d\t%s\t%s\t%s\t%s\t_\t0\troot\t_\t_\n\n",
                                       len + 1, verb ? "go" : "so", verb ? "go" : "so",
                                       verb ? "VERB" : "ADV", verb ? "VB" : "RB"), 0);
    }
    kg_conllu c;
    kg_conllu_init(&c);
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_conllu_parse(&c, "chain", text.data, text.len, &d), 0);
    kg_tagger_opts o;
    kg_tagger_opts_init(&o);
    o.epochs = 8;
    o.lemmatizer = 0;
    kg_buf model;
    kg_buf_init(&model);
    assert_int_equal(kg_tagger_train(&c, NULL, 0, &o, &model, &d), 0);
    kg_tagger t;
    assert_int_equal(kg_tagger_load_mem(&t, "chain", model.data, model.len, &d), 0);
    uint16_t *xp = calloc(c.nwords, sizeof *xp);
    uint8_t *up = calloc(c.nwords, 1);
    size_t xr, ur;
    tag_all(&t, &c, xp, up, &xr, &ur);
    assert_int_equal(ur, c.nwords);
    assert_int_equal(xr, c.nwords);
    free(xp);
    free(up);
    kg_tagger_release(&t);
    kg_buf_release(&model);
    kg_conllu_release(&c);
    kg_buf_release(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(training_reaches_known_accuracy),
        cmocka_unit_test(training_is_deterministic),
        cmocka_unit_test(lexicon_is_embedded_in_the_model),
        cmocka_unit_test(saved_model_reloads_to_identical_predictions),
        cmocka_unit_test(fast_features_cache_and_code_paths_agree),
        cmocka_unit_test(lemmatizer_learns_forms_and_rules),
        cmocka_unit_test(lemmas_never_split_a_code_point),
        cmocka_unit_test(bad_model_files_give_clear_errors),
        cmocka_unit_test(empty_and_odd_sentences),
        cmocka_unit_test(labels_flow_from_the_right),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
