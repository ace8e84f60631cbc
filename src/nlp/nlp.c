#include "base/alloc.h"
#include "nlp/nlp.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/io.h"
#include "nlp/tags.h"

static void work_free(kg_nlp_work *w);

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

kg_nlp *kg_nlp_load_files(const char *tagger_path, const char *parser_path,
                          kg_diag *d)
{
    double t0 = now_seconds();
    kg_nlp *m = kg_calloc(1, sizeof *m);
    if (!m) {
        kg_diag_oom(d, "loading models");
        return NULL;
    }
    if (kg_tagger_load(&m->tagger, tagger_path, d) < 0) {
        free(m);
        return NULL;
    }
    if (parser_path) {
        if (kg_parser_load(&m->parser, parser_path, d) < 0) {
            kg_tagger_release(&m->tagger);
            free(m);
            return NULL;
        }
        /* the parser reads the clusters of the tagger's lexicon */
        if (kg_parser_use_lexicon(&m->parser, &m->tagger.lex, d) < 0) {
            kg_parser_release(&m->parser);
            kg_tagger_release(&m->tagger);
            free(m);
            return NULL;
        }
        m->has_parser = 1;
    }
    m->load_seconds = now_seconds() - t0;
    return m;
}

kg_nlp *kg_nlp_load(const char *dir_or_prefix, kg_diag *d)
{
    char tp[4096], pp[4096];
    if (kg_io_is_dir(dir_or_prefix)) {
        snprintf(tp, sizeof tp, "%s/en-ewt.tagger.bin", dir_or_prefix);
        snprintf(pp, sizeof pp, "%s/en-ewt.parser.bin", dir_or_prefix);
    } else {
        snprintf(tp, sizeof tp, "%s.tagger.bin", dir_or_prefix);
        snprintf(pp, sizeof pp, "%s.parser.bin", dir_or_prefix);
    }
    return kg_nlp_load_files(tp, pp, d);
}

void kg_nlp_free(kg_nlp *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < KG_NLP_SPARE; i++)
        work_free(atomic_exchange(&m->spare[i], NULL));
    kg_tagger_release(&m->tagger);
    if (m->has_parser)
        kg_parser_release(&m->parser);
    free(m);
}

/* Working memory for one call.  It outlives the call: kg_nlp keeps the
 * idle ones (kg_nlp.spare) and the next call takes one back, so buffers
 * are allocated once per thread rather than once per article, and the
 * tagger's and the parser's caches stay warm from article to article. */
struct kg_nlp_work {
    size_t cap;            /* words the arrays hold (a whole article's) */
    const char **forms;
    uint32_t *lens;
    uint16_t *xpos;
    uint8_t *upos;
    int16_t *heads;
    uint8_t *deprels;
    uint8_t *margins;
    uint64_t *lkeys;       /* the lemmatizer's key of each word */
    uint32_t *lexv;        /* each word's lexicon value, from the tagger */
    size_t nsents;         /* sentences the array holds */
    kg_parse_sent *sents;
    kg_tag_scratch ts;
    kg_parse_scratch ps;
};

static void work_free(kg_nlp_work *w)
{
    if (!w)
        return;
    free(w->forms);
    free(w->lens);
    free(w->xpos);
    free(w->upos);
    free(w->heads);
    free(w->deprels);
    free(w->margins);
    free(w->lkeys);
    free(w->lexv);
    free(w->sents);
    kg_tag_scratch_release(&w->ts);
    kg_parse_scratch_release(&w->ps);
    free(w);
}

/* Room for an article of n words and ns sentences. */
static int work_fit(kg_nlp_work *w, size_t n, size_t ns)
{
    if (ns > w->nsents) {
        kg_parse_sent *p = kg_realloc(w->sents, ns * sizeof *p);
        if (!p)
            return -1;
        w->sents = p;
        w->nsents = ns;
    }
    if (n <= w->cap)
        return 0;
    size_t c = w->cap ? w->cap : 1024;
    while (c < n)
        c *= 2;
#define GROW(field)                                                            \
    do {                                                                       \
        void *p_ = kg_realloc((void *)w->field, c * sizeof *w->field);         \
        if (!p_)                                                               \
            return -1;                                                         \
        w->field = p_;                                                         \
    } while (0)
    GROW(forms);
    GROW(lens);
    GROW(xpos);
    GROW(upos);
    GROW(heads);
    GROW(deprels);
    GROW(margins);
    GROW(lkeys);
    GROW(lexv);
#undef GROW
    w->cap = c;
    return 0;
}

static kg_nlp_work *work_take(const kg_nlp *cm)
{
    kg_nlp *m = (kg_nlp *)cm; /* the pool is the one mutable part */
    for (size_t i = 0; i < KG_NLP_SPARE; i++) {
        kg_nlp_work *w = atomic_exchange(&m->spare[i], NULL);
        if (w)
            return w;
    }
    kg_nlp_work *w = kg_calloc(1, sizeof *w);
    if (w) {
        kg_tag_scratch_init(&w->ts);
        kg_parse_scratch_init(&w->ps);
    }
    return w;
}

static void work_give_back(const kg_nlp *cm, kg_nlp_work *w)
{
    kg_nlp *m = (kg_nlp *)cm;
    for (size_t i = 0; i < KG_NLP_SPARE; i++) {
        kg_nlp_work *none = NULL;
        if (atomic_compare_exchange_strong(&m->spare[i], &none, w))
            return;
    }
    work_free(w);
}

/* Tag every sentence, then parse them all (kg_parser_parse_many works on
 * several sentences at once), then fill the tokens. */
static int run(const kg_nlp *m, kg_article *a, kg_diag *d, int full)
{
    kg_nlp_work *w = work_take(m);
    if (!w || work_fit(w, a->ntokens, a->nsentences) < 0)
        goto oom;
    for (uint32_t i = 0; i < a->ntokens; i++)
        w->forms[i] = kg_token_form(a, &a->tokens[i], &w->lens[i]);
    for (uint32_t si = 0; si < a->nsentences; si++) {
        const kg_sentence *s = &a->sentences[si];
        if (s->count && kg_tagger_tag_lex(&m->tagger, &w->ts, s->count, w->forms + s->first,
                                          w->lens + s->first, w->xpos + s->first,
                                          w->upos + s->first, w->lexv + s->first) < 0)
            goto oom;
    }
    int parsed = full && m->has_parser;
    if (parsed) {
        for (uint32_t si = 0; si < a->nsentences; si++) {
            const kg_sentence *s = &a->sentences[si];
            w->sents[si] = (kg_parse_sent){s->count, w->forms + s->first, w->lens + s->first,
                                           w->xpos + s->first, w->heads + s->first,
                                           w->deprels + s->first, w->margins + s->first,
                                           w->lexv + s->first};
        }
        if (kg_parser_parse_many(&m->parser, &w->ps, w->sents, a->nsentences) < 0)
            goto oom;
    }
    char lemma[512];
    for (uint32_t si = 0; si < a->nsentences; si++) {
        const kg_sentence *s = &a->sentences[si];
        const kg_lemmatizer *lm = &m->tagger.lemma;
        if (full) {
            for (uint32_t i = s->first; i < s->first + s->count; i++)
                w->lkeys[i] = kg_lemma_key(lm, w->forms[i], w->lens[i], w->xpos[i]);
            for (uint32_t i = s->first; i < s->first + s->count; i++)
                kg_lemma_prefetch(lm, w->lkeys[i], w->forms[i], w->lens[i], w->xpos[i]);
        }
        for (uint32_t k = 0; k < s->count; k++) {
            uint32_t i = s->first + k;
            kg_token *t = &a->tokens[i];
            t->xpos = w->xpos[i];
            t->upos = w->upos[i];
            if (!full)
                continue;
            size_t ll = kg_lemma_apply_key(lm, w->lkeys[i], w->forms[i], w->lens[i],
                                           w->xpos[i], lemma, sizeof lemma);
            t->lemma = kg_arena_strndup(&a->arena, lemma, ll);
            if (!t->lemma)
                goto oom;
            t->head = parsed ? w->heads[i] : -1;
            t->deprel = parsed ? w->deprels[i] : 0;
            t->margin = parsed ? w->margins[i] : 0;
        }
    }
    work_give_back(m, w);
    return 0;
oom:
    if (w)
        work_give_back(m, w);
    kg_diag_oom(d, "annotating sentences");
    return -1;
}

int kg_nlp_annotate(const kg_nlp *m, kg_article *a, kg_diag *d)
{
    return run(m, a, d, 1);
}

int kg_nlp_tag(const kg_nlp *m, kg_article *a, kg_diag *d)
{
    return run(m, a, d, 0);
}
