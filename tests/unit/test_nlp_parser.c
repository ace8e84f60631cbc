/* test_nlp_parser.c - parser training, reload, trees, long and odd
 * sentences, and the pipeline over an article. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nlp/conllu.h"
#include "nlp/model.h"
#include "nlp/nlp.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/tags.h"

#define FIXTURE "tests/nlp/ewt-sample.conllu"
#define LEXICON "tests/nlp/lexicon-sample.tsv"

/* The fixture's parser is trained with the word lexicon, so that every
 * test also covers the cluster features. */
typedef struct fx {
    kg_conllu c;
    kg_buf model;
    kg_lexicon lex;
} fx;

static void opts(kg_parser_opts *o)
{
    kg_parser_opts_init(o);
    o->epochs = 6;
    o->jackknife = 1; /* gold tags: the fixture is too small for folds */
    o->prune = 0.0f;  /* few updates: small averaged weights matter here */
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    kg_conllu_init(&f->c);
    kg_buf_init(&f->model);
    kg_diag d;
    kg_diag_init(&d, NULL);
    if (kg_conllu_read(&f->c, FIXTURE, &d) < 0 || kg_lexicon_read_tsv(&f->lex, LEXICON, &d) < 0)
        return -1;
    kg_parser_opts o;
    opts(&o);
    o.lex = &f->lex;
    if (kg_parser_train(&f->c, &o, &f->model, &d) < 0)
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

/* Load a model trained with the fixture's lexicon, and give it the
 * lexicon, as the pipeline does with the tagger's. */
static void load_with_lexicon(kg_parser *p, const char *name, const kg_buf *m, fx *f)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(p, name, m->data, m->len, &d), 0);
    assert_int_equal(kg_parser_use_lexicon(p, &f->lex, &d), 0);
}

/* Parse every sentence with gold tags; heads/rels for all words. */
static void parse_all(const kg_parser *p, const kg_conllu *c, int16_t *heads,
                      uint8_t *rels, size_t *uas, size_t *las)
{
    kg_parse_scratch s;
    kg_parse_scratch_init(&s);
    const char *forms[512];
    uint32_t lens[512];
    uint16_t xpos[512];
    uint8_t upos[512];
    *uas = *las = 0;
    for (size_t i = 0; i < c->nsents; i++) {
        const kg_csent *cs = &c->sents[i];
        for (uint32_t k = 0; k < cs->count; k++) {
            const kg_cword *w = &c->words[cs->first + k];
            forms[k] = w->form;
            lens[k] = (uint32_t)strlen(w->form);
            xpos[k] = w->xpos;
            upos[k] = w->upos;
        }
        assert_int_equal(kg_parser_parse(p, &s, cs->count, forms, lens, xpos, upos,
                                         heads + cs->first, rels + cs->first, NULL), 0);
        assert_true(kg_parser_is_tree(heads + cs->first, cs->count));
        for (uint32_t k = 0; k < cs->count; k++) {
            const kg_cword *w = &c->words[cs->first + k];
            /* "root" labels the root's arc and no other */
            assert_int_equal(heads[cs->first + k] == 0, rels[cs->first + k] == KG_DEP_ROOT);
            if (heads[cs->first + k] == w->head) {
                (*uas)++;
                *las += rels[cs->first + k] == w->deprel;
            }
        }
    }
    kg_parse_scratch_release(&s);
}

static void training_reaches_known_accuracy(void **state)
{
    fx *f = *state;
    kg_parser p;
    kg_diag d;
    kg_diag_init(&d, NULL);
    load_with_lexicon(&p, "p", &f->model, f);
    int16_t *h = calloc(f->c.nwords, 2);
    uint8_t *r = calloc(f->c.nwords, 1);
    size_t uas, las;
    parse_all(&p, &f->c, h, r, &uas, &las);
    /* training data, after training on it: 1955 and 1944 of 2082 words
     * (six epochs on 80 sentences, following its own predictions) */
    assert_true(uas * 1000 >= f->c.nwords * 935);
    assert_true(las * 1000 >= f->c.nwords * 930);
    free(h);
    free(r);
    kg_parser_release(&p);
}

/* Train on the fixture with its lexicon, as setup() does, with `runs`
 * runs averaged. */
static void train_fixture(fx *f, int runs, kg_buf *out)
{
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_parser_opts o;
    opts(&o);
    o.lex = &f->lex;
    o.runs = runs;
    kg_buf_init(out);
    assert_int_equal(kg_parser_train(&f->c, &o, out, &d), 0);
}

static void training_is_deterministic_and_reloads(void **state)
{
    fx *f = *state;
    kg_buf again;
    train_fixture(f, 1, &again);
    assert_int_equal(again.len, f->model.len);
    assert_memory_equal(again.data, f->model.data, again.len);
    kg_parser a, b;
    load_with_lexicon(&a, "a", &f->model, f);
    load_with_lexicon(&b, "b", &again, f);
    size_t n = f->c.nwords, u1, l1, u2, l2;
    int16_t *h1 = calloc(n, 2), *h2 = calloc(n, 2);
    uint8_t *r1 = calloc(n, 1), *r2 = calloc(n, 1);
    parse_all(&a, &f->c, h1, r1, &u1, &l1);
    parse_all(&b, &f->c, h2, r2, &u2, &l2);
    assert_memory_equal(h1, h2, n * 2);
    assert_memory_equal(r1, r2, n);
    free(h1);
    free(h2);
    free(r1);
    free(r2);
    kg_parser_release(&a);
    kg_parser_release(&b);
    kg_buf_release(&again);
}

/* --runs 2: one model averaged from two runs, the same bytes every time,
 * not either run's, and as accurate on its training data. */
static void averaged_runs_make_one_model(void **state)
{
    fx *f = *state;
    kg_buf m1, m2;
    train_fixture(f, 2, &m1);
    train_fixture(f, 2, &m2);
    assert_int_equal(m1.len, m2.len);
    assert_memory_equal(m1.data, m2.data, m1.len);
    assert_true(m1.len != f->model.len || memcmp(m1.data, f->model.data, m1.len) != 0);
    kg_parser p;
    load_with_lexicon(&p, "avg", &m1, f);
    int16_t *h = calloc(f->c.nwords, 2);
    uint8_t *r = calloc(f->c.nwords, 1);
    size_t uas, las;
    parse_all(&p, &f->c, h, r, &uas, &las); /* asserts every parse is a tree */
    assert_true(uas * 1000 >= f->c.nwords * 935);
    free(h);
    free(r);
    kg_parser_release(&p);
    kg_buf_release(&m1);
    kg_buf_release(&m2);
}

/* The run-time features (tables, memos) are the trainer's features, and
 * every vector code path parses alike. */
static void fast_features_and_code_paths_agree(void **state)
{
    fx *f = *state;
    kg_parser p;
    kg_diag d;
    kg_diag_init(&d, NULL);
    load_with_lexicon(&p, "p", &f->model, f);
    kg_parse_scratch s;
    kg_parse_scratch_init(&s);
    const char *forms[512];
    uint32_t lens[512];
    uint16_t xpos[512];
    int16_t heads[512];
    uint8_t rels[512];
    uint64_t seed = 5;
    for (size_t i = 0; i < f->c.nsents; i++) {
        const kg_csent *cs = &f->c.sents[i];
        for (uint32_t k = 0; k < cs->count; k++) {
            forms[k] = f->c.words[cs->first + k].form;
            lens[k] = (uint32_t)strlen(forms[k]);
            xpos[k] = f->c.words[cs->first + k].xpos;
        }
        assert_int_equal(kg_parser_selfcheck(&p, &s, cs->count, forms, lens, xpos, heads,
                                             rels), 0);
        /* odd tags too (every tag value reaches the tables) */
        for (uint32_t k = 0; k < cs->count; k++)
            xpos[k] = (uint16_t)(kg_rand_next(&seed) % KG_XPOS_COUNT);
        assert_int_equal(kg_parser_selfcheck(&p, &s, cs->count, forms, lens, xpos, heads,
                                             rels), 0);
    }
    /* the same scratch (its caches full of p's rows) with another model
     * parses as a fresh one does */
    kg_parser_opts o;
    opts(&o);
    o.epochs = 2;
    o.seed = 9;
    kg_buf m2;
    kg_buf_init(&m2);
    assert_int_equal(kg_parser_train(&f->c, &o, &m2, &d), 0);
    kg_parser other;
    assert_int_equal(kg_parser_load_mem(&other, "o", m2.data, m2.len, &d), 0);
    for (size_t i = 0; i < f->c.nsents; i++) {
        const kg_csent *cs = &f->c.sents[i];
        for (uint32_t k = 0; k < cs->count; k++) {
            forms[k] = f->c.words[cs->first + k].form;
            lens[k] = (uint32_t)strlen(forms[k]);
            xpos[k] = f->c.words[cs->first + k].xpos;
        }
        int16_t h2[512];
        uint8_t r2[512];
        kg_parse_scratch fresh;
        kg_parse_scratch_init(&fresh);
        assert_int_equal(kg_parser_parse(&other, &s, cs->count, forms, lens, xpos, NULL, heads,
                                         rels, NULL), 0);
        assert_int_equal(kg_parser_parse(&other, &fresh, cs->count, forms, lens, xpos, NULL, h2,
                                         r2, NULL), 0);
        kg_parse_scratch_release(&fresh);
        assert_memory_equal(heads, h2, cs->count * sizeof *h2);
        assert_memory_equal(rels, r2, cs->count);
    }
    kg_parser_release(&other);
    kg_buf_release(&m2);
    kg_parse_scratch_release(&s);
    size_t n = f->c.nwords, u0, l0, u, l;
    int16_t *h0 = calloc(n, 2), *h = calloc(n, 2);
    uint8_t *r0 = calloc(n, 1), *r = calloc(n, 1);
    assert_int_equal(kg_ftab_use_isa(&p.ftab, 0), 0);
    parse_all(&p, &f->c, h0, r0, &u0, &l0);
    for (int isa = 1; isa <= 2; isa++) {
        if (kg_ftab_use_isa(&p.ftab, isa) < 0)
            continue;
        parse_all(&p, &f->c, h, r, &u, &l);
        assert_memory_equal(h, h0, n * 2);
        assert_memory_equal(r, r0, n);
    }
    free(h0);
    free(h);
    free(r0);
    free(r);
    kg_parser_release(&p);
}

static void tree_check_catches_bad_trees(void **state)
{
    (void)state;
    int16_t good[] = {2, 0, 2};
    int16_t two_roots[] = {0, 0, 2};
    int16_t cycle[] = {2, 3, 1, 0};
    int16_t self[] = {1, 0};
    int16_t range[] = {0, 7};
    assert_true(kg_parser_is_tree(good, 3));
    assert_true(kg_parser_is_tree(good, 0));
    assert_false(kg_parser_is_tree(two_roots, 3));
    assert_false(kg_parser_is_tree(cycle, 4));
    assert_false(kg_parser_is_tree(self, 2));
    assert_false(kg_parser_is_tree(range, 2));
}

static void long_empty_and_punctuation_sentences(void **state)
{
    fx *f = *state;
    kg_parser p;
    kg_diag d;
    kg_diag_init(&d, NULL);
    load_with_lexicon(&p, "p", &f->model, f);
    kg_parse_scratch s;
    kg_parse_scratch_init(&s);
    enum { N = 5000 };
    const char **forms = calloc(N, sizeof *forms);
    uint32_t *lens = calloc(N, sizeof *lens);
    uint16_t *xpos = calloc(N, sizeof *xpos);
    uint8_t *upos = calloc(N, 1), *rels = calloc(N, 1);
    int16_t *heads = calloc(N, 2);
    static const char *const w[] = {"the", "forces", "killed", "the", "preacher", ","};
    static const uint16_t x[] = {KG_XPOS_DT, KG_XPOS_NNS, KG_XPOS_VBD, KG_XPOS_DT,
                                 KG_XPOS_NN, KG_XPOS_COMMA};
    for (size_t i = 0; i < N; i++) {
        forms[i] = w[i % 6];
        lens[i] = (uint32_t)strlen(forms[i]);
        xpos[i] = x[i % 6];
    }
    /* 5,000 tokens: 10,000 transitions, memory proportional to n; every
     * attached word gets a margin, and they are not all alike */
    uint8_t *margins = calloc(N, 1);
    memset(margins, 7, N);
    assert_int_equal(kg_parser_parse(&p, &s, N, forms, lens, xpos, upos, heads, rels, margins), 0);
    unsigned lo = 255, hi = 0;
    for (size_t i = 0; i < N; i++) {
        if (margins[i] < lo)
            lo = margins[i];
        if (margins[i] > hi)
            hi = margins[i];
    }
    assert_true(lo < hi);
    free(margins);
    assert_true(kg_parser_is_tree(heads, N));
    assert_true(s.cap[0] >= N && s.cap[0] < 4 * N);
    /* empty */
    assert_int_equal(kg_parser_parse(&p, &s, 0, forms, lens, xpos, upos, heads, rels, NULL), 0);
    /* one word; punctuation only */
    assert_int_equal(kg_parser_parse(&p, &s, 1, forms, lens, xpos, upos, heads, rels, NULL), 0);
    assert_int_equal(heads[0], 0);
    const char *punct[] = {"!", "?", "...", ")"};
    uint32_t pl[] = {1, 1, 3, 1};
    uint16_t px[] = {KG_XPOS_PERIOD, KG_XPOS_PERIOD, KG_XPOS_COLON, KG_XPOS_RRB};
    assert_int_equal(kg_parser_parse(&p, &s, 4, punct, pl, px, upos, heads, rels, NULL), 0);
    assert_true(kg_parser_is_tree(heads, 4));
    for (int i = 0; i < 4; i++)
        assert_true(rels[i] > 0 && rels[i] < KG_DEP_COUNT);
    free(forms);
    free(lens);
    free(xpos);
    free(upos);
    free(rels);
    free(heads);
    kg_parse_scratch_release(&s);
    kg_parser_release(&p);
}

static void bad_parser_models_give_clear_errors(void **state)
{
    fx *f = *state;
    kg_parser p;
    kg_diag d;
    kg_diag_init(&d, NULL);
    size_t n = f->model.len;
    unsigned char *m = malloc(n);
    memcpy(m, f->model.data, n);
    m[n / 2] ^= 1;
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, n, &d), -1);
    assert_string_equal(d.first, "p.bin: error: model file is corrupt (checksum mismatch)");
    m[n / 2] ^= 1;
    /* empty, wrong magic, truncated, another version */
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, 0, &d), -1);
    assert_string_equal(d.first, "p.bin: error: model file is empty");
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", "KGNLPMOX", 8, &d), -1);
    assert_string_equal(d.first, "p.bin: error: not a kgraph model file (bad magic)");
    char msg[256];
    snprintf(msg, sizeof msg,
             "p.bin: error: model file is truncated or padded (%zu bytes, header says %zu)",
             n - 1, n);
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, n - 1, &d), -1);
    assert_string_equal(d.first, msg);
    uint32_t v = KG_MODEL_VERSION + 7;
    memcpy(m + 8, &v, 4);
    snprintf(msg, sizeof msg,
             "p.bin: error: model format version %u is not supported (this kgraph reads "
             "version %u); retrain the model",
             KG_MODEL_VERSION + 7, KG_MODEL_VERSION);
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, n, &d), -1);
    assert_string_equal(d.first, msg);
    v = KG_MODEL_VERSION;
    memcpy(m + 8, &v, 4);
    /* every truncation length fails cleanly (never crashes) */
    for (size_t len = 0; len < n; len += 1 + len / 4) {
        kg_diag_init(&d, NULL);
        assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, len, &d), -1);
        assert_true(d.nerrors > 0);
    }
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", m, n, &d), 0);
    kg_parser_release(&p);
    free(m);
}

/* Parse every fixture sentence twice, with the words' lexicon values
 * handed over (as the pipeline does from the tagger) and looked up by
 * the parser: the same trees. */
static void lexicon_values_parse_as_lookups(const kg_parser *p, const fx *f)
{
    kg_parse_scratch s;
    kg_parse_scratch_init(&s);
    const char *forms[512];
    uint32_t lens[512], lex[512];
    uint16_t xpos[512];
    int16_t h1[512], h2[512];
    uint8_t r1[512], r2[512];
    for (size_t i = 0; i < f->c.nsents; i++) {
        const kg_csent *cs = &f->c.sents[i];
        for (uint32_t k = 0; k < cs->count; k++) {
            forms[k] = f->c.words[cs->first + k].form;
            lens[k] = (uint32_t)strlen(forms[k]);
            xpos[k] = f->c.words[cs->first + k].xpos;
            lex[k] = kg_lexicon_get(&f->lex, forms[k], lens[k]);
        }
        kg_parse_sent in = {cs->count, forms, lens, xpos, h1, r1, NULL, lex};
        assert_int_equal(kg_parser_parse_many(p, &s, &in, 1), 0);
        assert_int_equal(
            kg_parser_parse(p, &s, cs->count, forms, lens, xpos, NULL, h2, r2, NULL), 0);
        assert_memory_equal(h1, h2, cs->count * sizeof *h1);
        assert_memory_equal(r1, r2, cs->count);
    }
    kg_parse_scratch_release(&s);
}

/* A parser reads the clusters of the lexicon it was trained with, from
 * the tagger's model: any other lexicon (or none) is an error, not a
 * parser silently fed the wrong clusters. */
static void parser_needs_the_lexicon_it_was_trained_with(void **state)
{
    fx *f = *state;
    kg_diag d;
    kg_parser p, bare;
    kg_diag_init(&d, NULL);
    assert_int_equal(kg_parser_load_mem(&p, "p.bin", f->model.data, f->model.len, &d), 0);
    assert_int_equal(p.lexid, f->lex.id);
    assert_int_equal(kg_parser_use_lexicon(&p, NULL, &d), -1);
    assert_string_equal(d.first, "p.bin: error: the parser was trained with a word lexicon and "
                                 "the tagger has none; use a tagger and a parser trained "
                                 "together");
    kg_lexicon other;
    char path[] = "/tmp/kg-test-lex-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "killed\t3\t0\n", 11), 11);
    close(fd);
    assert_int_equal(kg_lexicon_read_tsv(&other, path, &d), 0);
    unlink(path);
    kg_diag_reset(&d);
    assert_int_equal(kg_parser_use_lexicon(&p, &other, &d), -1);
    assert_string_equal(d.first, "p.bin: error: the parser was trained with another word "
                                 "lexicon than the tagger's; use a tagger and a parser trained "
                                 "together");
    kg_diag_reset(&d);
    assert_int_equal(kg_parser_use_lexicon(&p, &f->lex, &d), 0);
    assert_ptr_equal(p.lex, &f->lex);
    lexicon_values_parse_as_lookups(&p, f);
    /* trained without */
    kg_parser_opts o;
    opts(&o);
    o.epochs = 1;
    kg_buf m2;
    kg_buf_init(&m2);
    assert_int_equal(kg_parser_train(&f->c, &o, &m2, &d), 0);
    assert_int_equal(kg_parser_load_mem(&bare, "bare.bin", m2.data, m2.len, &d), 0);
    assert_int_equal(bare.lexid, 0);
    /* a parser trained without a lexicon learned with every cluster
     * unknown: it runs with any tagger, and ignores the lexicon */
    assert_int_equal(kg_parser_use_lexicon(&bare, &f->lex, &d), 0);
    assert_null(bare.lex);
    lexicon_values_parse_as_lookups(&bare, f); /* the values are ignored */
    kg_lexicon empty;
    kg_lexicon_init(&empty);
    assert_int_equal(kg_parser_use_lexicon(&bare, &empty, &d), 0);
    assert_int_equal(kg_parser_use_lexicon(&bare, NULL, &d), 0);
    kg_parser_release(&bare);
    kg_buf_release(&m2);
    kg_lexicon_release(&other);
    kg_parser_release(&p);
}

static void pipeline_annotates_an_article(void **state)
{
    fx *f = *state;
    kg_diag d;
    kg_diag_init(&d, NULL);
    kg_tagger_opts to;
    kg_tagger_opts_init(&to);
    to.epochs = 4;
    to.lex = &f->lex;
    kg_buf tm;
    kg_buf_init(&tm);
    assert_int_equal(kg_tagger_train(&f->c, NULL, 0, &to, &tm, &d), 0);
    kg_nlp *m = calloc(1, sizeof *m);
    assert_int_equal(kg_tagger_load_mem(&m->tagger, "t", tm.data, tm.len, &d), 0);
    assert_int_equal(kg_parser_load_mem(&m->parser, "p", f->model.data, f->model.len, &d), 0);
    assert_int_equal(kg_parser_use_lexicon(&m->parser, &m->tagger.lex, &d), 0);
    m->has_parser = 1;
    kg_article a;
    memset(&a, 0, sizeof a);
    kg_arena_init(&a.arena);
    assert_int_equal(kg_conllu_to_article(&f->c, 0, 10, &a, &d), 0);
    assert_int_equal(kg_nlp_annotate(m, &a, &d), 0);
    for (uint32_t s = 0; s < a.nsentences; s++) {
        const kg_sentence *sn = &a.sentences[s];
        int16_t h[512];
        for (uint32_t i = 0; i < sn->count; i++) {
            const kg_token *t = &a.tokens[sn->first + i];
            assert_non_null(t->lemma);
            assert_true(t->upos > 0);
            h[i] = t->head;
        }
        assert_true(kg_parser_is_tree(h, sn->count));
    }
    /* "killed" -> "kill", a verb */
    assert_string_equal(a.tokens[6].lemma, "kill");
    assert_int_equal(a.tokens[6].upos, KG_UPOS_VERB);
    kg_arena_release(&a.arena);
    kg_nlp_free(m);
    kg_buf_release(&tm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(training_reaches_known_accuracy),
        cmocka_unit_test(training_is_deterministic_and_reloads),
        cmocka_unit_test(averaged_runs_make_one_model),
        cmocka_unit_test(fast_features_and_code_paths_agree),
        cmocka_unit_test(tree_check_catches_bad_trees),
        cmocka_unit_test(long_empty_and_punctuation_sentences),
        cmocka_unit_test(bad_parser_models_give_clear_errors),
        cmocka_unit_test(parser_needs_the_lexicon_it_was_trained_with),
        cmocka_unit_test(pipeline_annotates_an_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
