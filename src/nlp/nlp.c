#include "base/alloc.h"
#include "nlp/nlp.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/io.h"
#include "nlp/tags.h"

static void work_free(kg_nlp_work *w);

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The parser's file, loaded on a thread of its own while the calling
 * thread loads the tagger: the two take about the same time (reading,
 * checking the checksum, building tables), and every command waits for
 * them before its first article. */
typedef struct parser_job {
    kg_parser *parser;
    const char *path;
    kg_diag d;
    int rc;
} parser_job;

static void *load_parser(void *arg)
{
    parser_job *j = arg;
    j->rc = kg_parser_load(j->parser, j->path, &j->d);
    return NULL;
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
    parser_job job = {.parser = &m->parser, .path = parser_path, .rc = -1};
    kg_diag_init(&job.d, d->warn_out);
    pthread_t tid;
    /* On one core the thread would only take turns with this one; a
     * thread that cannot start leaves the parser to this one too.  (Both
     * loads ask for the CPU's features: libgcc reads them once, before
     * main, so the two threads only read them.) */
    bool threaded = parser_path && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
                    pthread_create(&tid, NULL, load_parser, &job) == 0;
    int trc = kg_tagger_load(&m->tagger, tagger_path, d);
    if (threaded)
        pthread_join(tid, NULL);
    else if (parser_path && trc == 0)
        load_parser(&job);
    /* The tagger's error first, as when the parser was loaded after it:
     * the parser's is then left out. */
    if (trc < 0) {
        if (job.rc == 0) /* stays -1 without a parser */
            kg_parser_release(&m->parser);
        free(m);
        return NULL;
    }
    if (parser_path) {
        kg_diag_add(d, &job.d); /* its warnings are counted too */
        if (job.rc < 0) {
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
    /* The words the parser reads: the article's without its scare quotes
     * (see unquote()), at[k] the article's index of word k. */
    const char **pforms;
    uint32_t *plens;
    uint16_t *pxpos;
    uint32_t *plexv;
    int16_t *pheads;
    uint8_t *pdeprels;
    uint8_t *pmargins;
    uint32_t *at;
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
    free(w->pforms);
    free(w->plens);
    free(w->pxpos);
    free(w->plexv);
    free(w->pheads);
    free(w->pdeprels);
    free(w->pmargins);
    free(w->at);
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
    GROW(pforms);
    GROW(plens);
    GROW(pxpos);
    GROW(plexv);
    GROW(pheads);
    GROW(pdeprels);
    GROW(pmargins);
    GROW(at);
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

/* Scare quotes: 'Pompeo would "soon" return', 'the crash was "likely"
 * Iran's doing'.  A treebank has few of them, and a greedy parser that
 * meets one inside a clause loses the clause (in the example article the
 * words of 'would "soon" return to North Korea' all hang from the full
 * stop).  A quotation mark pair around one to three words, none of them
 * punctuation, with a word before and after the pair, is taken out of
 * the sentence the parser reads; each mark is then attached (punct) to
 * the head of the words it encloses, as UD attaches quotation marks.
 * Returns the number of words the parser reads; when that is fewer than
 * count, they are copied to w's p-arrays from out on and w->at maps them
 * back (most sentences have no scare quotes and are read in place). */
static size_t unquote(kg_nlp_work *w, uint32_t first, uint32_t count, uint32_t out)
{
    uint32_t m = 0;
    for (uint32_t k = 0; k < count; k++) {
        uint32_t i = first + k;
        if (w->xpos[i] == KG_XPOS_OPEN_QUOTE && k > 0 &&
            w->upos[i - 1] != KG_UPOS_PUNCT) {
            uint32_t j = k + 1;
            while (j < count && j <= k + 3 && w->upos[first + j] != KG_UPOS_PUNCT)
                j++;
            if (j > k + 1 && j < count && w->xpos[first + j] == KG_XPOS_CLOSE_QUOTE &&
                j + 1 < count && w->upos[first + j + 1] != KG_UPOS_PUNCT) {
                for (uint32_t q = k + 1; q < j; q++)
                    w->at[out + m++] = first + q;
                k = j; /* both marks left out */
                continue;
            }
        }
        w->at[out + m++] = i;
    }
    if (m < count)
        for (uint32_t q = 0; q < m; q++) {
            uint32_t i = w->at[out + q];
            w->pforms[out + q] = w->forms[i];
            w->plens[out + q] = w->lens[i];
            w->pxpos[out + q] = w->xpos[i];
            w->plexv[out + q] = w->lexv[i];
        }
    return m;
}

/* The parser's heads and relations of an unquoted sentence back on the
 * article's words (sentence-relative, 1-based, 0 = root); each pair of
 * left-out marks goes to the first word between them whose head is
 * outside the pair (a tree has one). */
static void requote(kg_nlp_work *w, uint32_t first, uint32_t count, uint32_t out,
                    uint32_t m)
{
    int16_t *heads = w->heads + first;
    for (uint32_t k = 0; k < count; k++)
        heads[k] = -1;
    for (uint32_t q = 0; q < m; q++) {
        uint32_t i = w->at[out + q];
        int h = w->pheads[out + q];
        w->heads[i] = (int16_t)(h > 0 ? (int)(w->at[out + (uint32_t)h - 1] - first) + 1 : h);
        w->deprels[i] = w->pdeprels[out + q];
        w->margins[i] = w->pmargins[out + q];
    }
    for (uint32_t k = 0; k < count; k++) {
        if (heads[k] >= 0)
            continue;
        uint32_t j = k + 1; /* the closing mark: the next word left out */
        while (heads[j] >= 0)
            j++;
        /* enclosed: words k+1 .. j-1, numbered k+2 .. j */
        uint32_t e = k + 1;
        while (e + 1 < j && heads[e] >= (int)k + 2 && heads[e] <= (int)j)
            e++;
        for (uint32_t mark = k; mark <= j; mark += j - k) {
            heads[mark] = (int16_t)(e + 1);
            w->deprels[first + mark] = KG_DEP_PUNCT;
            w->margins[first + mark] = w->margins[first + e];
        }
        k = j;
    }
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
        uint32_t out = 0;
        for (uint32_t si = 0; si < a->nsentences; si++) {
            const kg_sentence *s = &a->sentences[si];
            size_t n = unquote(w, s->first, s->count, out);
            if (n == s->count)
                w->sents[si] = (kg_parse_sent){n, w->forms + s->first, w->lens + s->first,
                                               w->xpos + s->first, w->heads + s->first,
                                               w->deprels + s->first, w->margins + s->first,
                                               w->lexv + s->first};
            else
                w->sents[si] = (kg_parse_sent){n, w->pforms + out, w->plens + out,
                                               w->pxpos + out, w->pheads + out,
                                               w->pdeprels + out, w->pmargins + out,
                                               w->plexv + out};
            out += n < s->count ? (uint32_t)n : 0;
        }
        if (kg_parser_parse_many(&m->parser, &w->ps, w->sents, a->nsentences) < 0)
            goto oom;
        out = 0;
        for (uint32_t si = 0; si < a->nsentences; si++) {
            const kg_sentence *s = &a->sentences[si];
            uint32_t n = (uint32_t)w->sents[si].n;
            if (n < s->count) {
                requote(w, s->first, s->count, out, n);
                out += n;
            }
        }
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
