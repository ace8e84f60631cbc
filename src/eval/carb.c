/*
 * carb.c - the CaRB Open IE scorer.
 *
 * The rules are those of ../shared/data/carb/SCORING.md.  Where that text
 * is silent this file follows the original CaRB scorer (carb.py and
 * matcher.py of the public CaRB repository, binary_linient_tuple_match),
 * except where noted.  The choices:
 *
 *  - Lines.  Trailing whitespace of a line is dropped first, as the
 *    original strips each line; so "rel TAB arg1 TAB" is a one-argument
 *    tuple (57 dev gold lines end that way).  Blank lines are skipped.
 *    Gold lines need a sentence and a relation, extraction lines a
 *    sentence, a confidence and a relation; the confidence must be a
 *    finite number (strtod, whole field).
 *  - Sentences are matched by key: whitespace deleted, then the PTB bracket
 *    escapes -LRB- -RRB- -LSB- -RSB- -LCB- -RCB- turned into the brackets
 *    (the original unescapes them, in that order), then ASCII punctuation
 *    deleted; case kept.  Lines whose keys agree are one sentence (the
 *    original keeps only the last group on a key clash; merging keeps every
 *    tuple; no clash happens in the dev set).
 *  - Words: split on whitespace as Python's str.split() does (ASCII
 *    whitespace, U+001C..U+001F, U+0085 and Unicode separators), compared
 *    byte for byte, so case-sensitively.  Each word on either side is
 *    matched at most once (a multiset intersection).
 *  - `be`: forms are be is am are was were been being (the original list).
 *    After the exact matches, each predicted `be` left over matches one
 *    gold form left over.  The original adds at most one such match and
 *    does not check that the gold form was still free (a predicted "is be"
 *    against gold "is" gives recall 2 there); SCORING.md counts gold words,
 *    so a gold word counts once here.
 *  - The relation gate comes first: no relation word in common, score 0.
 *    Then a prediction with fewer arguments than the binarised gold (at most
 *    two) scores 0, as in the original (also a bare relation against a
 *    one-argument gold tuple).
 *  - Precision denominator: every word of the prediction (SCORING.md rule
 *    4).  The original counts only the prediction's arguments that the gold
 *    tuple has, so against a one-argument gold tuple it ignores the
 *    prediction's object.
 *  - Reported speech: the gold relation *contains* said, told, added or
 *    says as a substring (the original tests `verb in relation`; its list
 *    also has "adds", which SCORING.md leaves out: 5 dev gold relations
 *    contain "adds").  The swap only applies to a prediction with two or
 *    more arguments (arg1 <-> the joined rest).  Of the two scores the
 *    higher precision wins, then the higher recall (Python's max over
 *    [precision, recall] lists).
 *  - Precision pairing: repeatedly the unpaired (gold, kept prediction) pair
 *    with the highest precision, ties to the earliest gold tuple then the
 *    earliest prediction in file order, min(gold, kept) pairs in all, zero
 *    precision pairs included (as the original's loop).
 *  - Thresholds: the distinct confidences of the scored extractions,
 *    ascending; at threshold t the extractions with confidence >= t are
 *    kept.  The original also takes confidences of extractions outside the
 *    gold, which only adds duplicate points.  Precision is 1 when nothing
 *    is kept, recall is over all gold tuples.
 *  - Best F1: F1 = 2PR/(P+R) (0 when P+R = 0); the first maximum in
 *    ascending threshold order (numpy argmax).
 *  - AUC: trapezoids through the (recall, precision) points in ascending
 *    threshold order followed by the point (recall 0, precision 1), as the
 *    original's sklearn.metrics.auc call; nothing is added at the high-recall
 *    end.  No scored extraction: every figure is 0.
 */
#include "base/alloc.h"
#include "eval/carb.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/arena.h"
#include "base/hash.h"

typedef struct word {
    const char *s;
    uint32_t len;
    uint64_t hash;
} word;

typedef struct span {
    const word *w;
    uint32_t n;
} span;

typedef struct tuple {
    double conf;
    size_t sent;      /* sentence index in its set */
    span rel, arg1, obj; /* obj: all arguments after the first, joined */
    uint32_t nargs;   /* argument fields after trailing empty ones dropped */
    int said;         /* relation contains a reported-speech verb */
} tuple;

typedef struct sentence {
    const char *key;
    size_t keylen;
    size_t ntuples;
} sentence;

/* Gold and predictions share one layout; the flag says which grammar. */
typedef struct carb_set {
    kg_arena arena;       /* keys and words */
    kg_strmap keys;       /* sentence key -> index */
    sentence *sents;
    size_t nsents, capsents;
    tuple *tuples;
    size_t ntuples, captuples;
    uint32_t maxwords;    /* longest span, for scratch sizing */
    int is_pred;
} carb_set;

struct kg_carb_gold {
    carb_set set;
};

struct kg_carb_pred {
    carb_set set;
};

static const char *const SAID_VERBS[] = {"said", "told", "added", "says"};
static const char *const BE_FORMS[] = {"be",  "is",   "am",   "are",
                                       "was", "were", "been", "being"};

/* ------------------------------------------------------------------ */
/* Sets                                                               */

static void set_init(carb_set *s, int is_pred)
{
    memset(s, 0, sizeof *s);
    kg_arena_init(&s->arena);
    kg_strmap_init(&s->keys);
    s->is_pred = is_pred;
}

static void set_release(carb_set *s)
{
    kg_arena_release(&s->arena);
    kg_strmap_release(&s->keys);
    free(s->sents);
    free(s->tuples);
}

kg_carb_gold *kg_carb_gold_new(void)
{
    kg_carb_gold *g = kg_malloc(sizeof *g);
    if (g)
        set_init(&g->set, 0);
    return g;
}

void kg_carb_gold_free(kg_carb_gold *g)
{
    if (!g)
        return;
    set_release(&g->set);
    free(g);
}

kg_carb_pred *kg_carb_pred_new(void)
{
    kg_carb_pred *p = kg_malloc(sizeof *p);
    if (p)
        set_init(&p->set, 1);
    return p;
}

void kg_carb_pred_free(kg_carb_pred *p)
{
    if (!p)
        return;
    set_release(&p->set);
    free(p);
}

size_t kg_carb_gold_sentences(const kg_carb_gold *g)
{
    return g->set.nsents;
}

size_t kg_carb_gold_tuples(const kg_carb_gold *g)
{
    return g->set.ntuples;
}

size_t kg_carb_pred_tuples(const kg_carb_pred *p)
{
    return p->set.ntuples;
}

/* ------------------------------------------------------------------ */
/* Text                                                               */

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Length of the whitespace character at p (0 if none), as str.split()
 * sees it. */
static size_t space_len(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return is_ascii_space(c) ? 1 : 0;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p,
                                          end - p, &cp);
    if (k <= 0)
        return 0;
    if (cp == 0x85)
        return (size_t)k;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
        cat == UTF8PROC_CATEGORY_ZP)
        return (size_t)k;
    return 0;
}

static int is_ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

int kg_carb_sentence_key(const char *s, size_t len, kg_buf *out)
{
    static const char *const esc[][2] = {
        {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["},
        {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
    };
    kg_buf_clear(out);
    if (kg_buf_reserve(out, len + 1) < 0)
        return -1;
    char *o = out->data;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_ascii_space((unsigned char)s[i]))
            o[n++] = s[i];
    /* One pass per escape, in order, replacing non-overlapping matches left
     * to right: a bracket cannot form part of a later escape, so this is
     * what sequential str.replace() calls do. */
    for (size_t e = 0; e < sizeof esc / sizeof esc[0]; e++) {
        size_t w = 0;
        for (size_t r = 0; r < n;) {
            if (r + 5 <= n && memcmp(o + r, esc[e][0], 5) == 0) {
                o[w++] = esc[e][1][0];
                r += 5;
            } else {
                o[w++] = o[r++];
            }
        }
        n = w;
    }
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
        if (!is_ascii_punct((unsigned char)o[r]))
            o[w++] = o[r];
    o[w] = '\0';
    out->len = w;
    return 0;
}

/* Split [p, end) into words (arena); appends to *w / *n growing in place is
 * awkward, so callers count first with count_words(). */
static uint32_t count_words(const char *p, const char *end)
{
    uint32_t n = 0;
    int in_word = 0;
    while (p < end) {
        size_t k = space_len(p, end);
        if (k) {
            in_word = 0;
            p += k;
        } else {
            if (!in_word)
                n++;
            in_word = 1;
            p++;
        }
    }
    return n;
}

static uint32_t fill_words(const char *p, const char *end, word *out)
{
    uint32_t n = 0;
    const char *start = NULL;
    while (p <= end) {
        size_t k = p < end ? space_len(p, end) : 1;
        if (k) {
            if (start) {
                out[n].s = start;
                out[n].len = (uint32_t)(p - start);
                out[n].hash = kg_hash64(start, out[n].len, 0);
                n++;
                start = NULL;
            }
            p += k;
        } else {
            if (!start)
                start = p;
            p++;
        }
    }
    return n;
}

typedef struct field {
    const char *p;
    const char *end;
} field;

/* Words of fields[from..to) as one span in the arena (text is copied so
 * the set does not depend on the caller's buffer). */
static int make_span(carb_set *s, const field *f, size_t from, size_t to,
                     span *out)
{
    uint32_t n = 0;
    for (size_t i = from; i < to; i++)
        n += count_words(f[i].p, f[i].end);
    out->n = n;
    out->w = NULL;
    if (n == 0)
        return 0;
    word *w = kg_arena_calloc(&s->arena, n, sizeof *w);
    if (!w)
        return -1;
    uint32_t k = 0;
    for (size_t i = from; i < to; i++) {
        size_t len = (size_t)(f[i].end - f[i].p);
        char *copy = kg_arena_strndup(&s->arena, f[i].p, len);
        if (!copy)
            return -1;
        k += fill_words(copy, copy + len, w + k);
    }
    out->w = w;
    if (n > s->maxwords)
        s->maxwords = n;
    return 0;
}

static int contains(const char *p, const char *end, const char *needle)
{
    size_t nl = strlen(needle);
    for (; p + nl <= end; p++)
        if (memcmp(p, needle, nl) == 0)
            return 1;
    return 0;
}

/* Index of the sentence with this key, adding it if new; -1 on OOM. */
static long intern_sentence(carb_set *s, const char *key, size_t keylen)
{
    int idx = kg_strmap_get(&s->keys, key, keylen);
    if (idx >= 0)
        return idx;
    if (s->nsents == s->capsents) {
        size_t nc = s->capsents ? s->capsents * 2 : 256;
        sentence *ns = kg_realloc(s->sents, nc * sizeof *ns);
        if (!ns)
            return -1;
        s->sents = ns;
        s->capsents = nc;
    }
    char *copy = kg_arena_strndup(&s->arena, key, keylen);
    if (!copy || kg_strmap_put(&s->keys, copy, keylen, (int)s->nsents) < 0)
        return -1;
    sentence *st = &s->sents[s->nsents];
    st->key = copy;
    st->keylen = keylen;
    st->ntuples = 0;
    return (long)s->nsents++;
}

#define MAX_FIELDS 64

/* Parse one non-blank line [p, end) (trailing whitespace already gone).
 * Returns 0, 1 for a malformed line (reported in d), -1 on OOM. */
static int parse_line(carb_set *s, const char *file, int lineno,
                      const char *p, const char *end, kg_buf *key,
                      kg_diag *d)
{
    field f[MAX_FIELDS];
    size_t nf = 0;
    const char *start = p;
    for (const char *q = p;; q++) {
        if (q == end || *q == '\t') {
            if (nf == MAX_FIELDS) {
                kg_diag_error(d, file, lineno, 0,
                              "more than %d tab-separated fields", MAX_FIELDS);
                return 1;
            }
            f[nf].p = start;
            f[nf].end = q;
            nf++;
            start = q + 1;
            if (q == end)
                break;
        }
    }
    size_t need = s->is_pred ? 3 : 2;
    if (nf < need) {
        kg_diag_error(d, file, lineno, 0,
                      s->is_pred
                          ? "expected at least 3 tab-separated fields "
                            "(sentence, confidence, relation), found %zu"
                          : "expected at least 2 tab-separated fields "
                            "(sentence, relation), found %zu",
                      nf);
        return 1;
    }
    if (count_words(f[0].p, f[0].end) == 0) {
        kg_diag_error(d, file, lineno, 0, "empty sentence");
        return 1;
    }
    tuple t;
    memset(&t, 0, sizeof t);
    t.conf = 1.0;
    size_t rel = 1;
    if (s->is_pred) {
        const char *cp = f[1].p, *ce = f[1].end;
        while (cp < ce && is_ascii_space((unsigned char)*cp))
            cp++;
        while (ce > cp && is_ascii_space((unsigned char)ce[-1]))
            ce--;
        char num[64];
        size_t cl = (size_t)(ce - cp);
        char *endp = NULL;
        int ok = cl > 0 && cl < sizeof num;
        if (ok) {
            memcpy(num, cp, cl);
            num[cl] = '\0';
            t.conf = strtod(num, &endp);
            ok = *endp == '\0' && isfinite(t.conf);
        }
        if (!ok) {
            kg_diag_error(d, file, lineno, 0,
                          "confidence '%.*s' is not a finite number",
                          (int)(cl > 40 ? 40 : cl), cp);
            return 1;
        }
        rel = 2;
    }
    if (kg_carb_sentence_key(f[0].p, (size_t)(f[0].end - f[0].p), key) < 0)
        return -1;
    long si = intern_sentence(s, key->data ? key->data : "", key->len);
    if (si < 0)
        return -1;
    t.sent = (size_t)si;
    t.nargs = (uint32_t)(nf - rel - 1);
    if (make_span(s, f, rel, rel + 1, &t.rel) < 0)
        return -1;
    if (t.nargs >= 1 && make_span(s, f, rel + 1, rel + 2, &t.arg1) < 0)
        return -1;
    if (t.nargs >= 2 && make_span(s, f, rel + 2, nf, &t.obj) < 0)
        return -1;
    for (size_t i = 0; i < sizeof SAID_VERBS / sizeof SAID_VERBS[0]; i++)
        if (contains(f[rel].p, f[rel].end, SAID_VERBS[i]))
            t.said = 1;
    if (s->ntuples == s->captuples) {
        size_t nc = s->captuples ? s->captuples * 2 : 1024;
        tuple *nt = kg_realloc(s->tuples, nc * sizeof *nt);
        if (!nt)
            return -1;
        s->tuples = nt;
        s->captuples = nc;
    }
    s->tuples[s->ntuples++] = t;
    s->sents[t.sent].ntuples++;
    return 0;
}

static int load(carb_set *s, const char *file, const char *text, size_t len,
                kg_diag *d)
{
    kg_buf key;
    kg_buf_init(&key);
    int bad = 0, lineno = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        lineno++;
        const char *p = text + i, *end = text + j;
        while (end > p && is_ascii_space((unsigned char)end[-1]))
            end--;
        i = j + 1;
        if (count_words(p, end) == 0)
            continue;
        int rc = parse_line(s, file, lineno, p, end, &key, d);
        if (rc < 0) {
            kg_buf_release(&key);
            kg_diag_oom(d, "loading CaRB tuples");
            return -1;
        }
        if (rc > 0)
            bad = 1;
    }
    kg_buf_release(&key);
    return bad ? -1 : 0;
}

int kg_carb_load_gold(kg_carb_gold *g, const char *file, const char *text,
                      size_t len, kg_diag *d)
{
    return load(&g->set, file, text, len, d);
}

int kg_carb_load_pred(kg_carb_pred *p, const char *file, const char *text,
                      size_t len, kg_diag *d)
{
    return load(&p->set, file, text, len, d);
}

/* ------------------------------------------------------------------ */
/* Matching one pair                                                  */

static int word_eq(const word *a, const word *b)
{
    return a->hash == b->hash && a->len == b->len &&
           memcmp(a->s, b->s, a->len) == 0;
}

static int word_is(const word *a, const char *s)
{
    size_t n = strlen(s);
    return a->len == n && memcmp(a->s, s, n) == 0;
}

/* Scratch flags, maxwords long each. */
typedef struct scratch {
    unsigned char *gused;
    unsigned char *pused;
} scratch;

/* Gold words of g found in p, each word on either side used once. */
static uint32_t overlap(const span *g, const span *p, scratch *sc)
{
    memset(sc->pused, 0, p->n);
    memset(sc->gused, 0, g->n);
    uint32_t m = 0;
    for (uint32_t i = 0; i < g->n; i++)
        for (uint32_t j = 0; j < p->n; j++)
            if (!sc->pused[j] && word_eq(&g->w[i], &p->w[j])) {
                sc->pused[j] = sc->gused[i] = 1;
                m++;
                break;
            }
    return m;
}

static uint32_t relation_overlap(const span *g, const span *p, scratch *sc)
{
    uint32_t m = overlap(g, p, sc);
    for (uint32_t j = 0; j < p->n; j++) {
        if (sc->pused[j] || !word_is(&p->w[j], "be"))
            continue;
        for (uint32_t i = 0; i < g->n; i++) {
            if (sc->gused[i])
                continue;
            int form = 0;
            for (size_t k = 0; k < sizeof BE_FORMS / sizeof BE_FORMS[0]; k++)
                if (word_is(&g->w[i], BE_FORMS[k]))
                    form = 1;
            if (form) {
                sc->gused[i] = sc->pused[j] = 1;
                m++;
                break;
            }
        }
    }
    return m;
}

static void match_one(const tuple *g, const tuple *p, int swap, scratch *sc,
                      double *prec, double *rec)
{
    *prec = *rec = 0;
    uint32_t m = relation_overlap(&g->rel, &p->rel, sc);
    if (m == 0)
        return;
    uint32_t gargs = g->nargs < 2 ? g->nargs : 2;
    uint32_t pargs = p->nargs < 2 ? p->nargs : 2;
    if (pargs < gargs)
        return;
    const span *pa1 = swap ? &p->obj : &p->arg1;
    const span *pob = swap ? &p->arg1 : &p->obj;
    uint32_t num = m;
    uint32_t pden = p->rel.n + p->arg1.n + p->obj.n;
    uint32_t rden = g->rel.n;
    if (gargs >= 1) {
        num += overlap(&g->arg1, pa1, sc);
        rden += g->arg1.n;
    }
    if (gargs >= 2) {
        num += overlap(&g->obj, pob, sc);
        rden += g->obj.n;
    }
    *prec = (double)num / pden;
    *rec = (double)num / rden;
}

static void match(const tuple *g, const tuple *p, scratch *sc, double *prec,
                  double *rec)
{
    match_one(g, p, 0, sc, prec, rec);
    if (!g->said || p->nargs < 2)
        return;
    double p2, r2;
    match_one(g, p, 1, sc, &p2, &r2);
    if (p2 > *prec || (p2 == *prec && r2 > *rec)) {
        *prec = p2;
        *rec = r2;
    }
}

/* ------------------------------------------------------------------ */
/* Scoring                                                            */

void kg_carb_result_init(kg_carb_result *r)
{
    memset(r, 0, sizeof *r);
}

void kg_carb_result_release(kg_carb_result *r)
{
    free(r->points);
    kg_carb_result_init(r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct pair {
    double prec;
    uint32_t i, j; /* gold row, prediction column within the sentence */
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->prec != y->prec)
        return x->prec > y->prec ? -1 : 1;
    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* Tuple indices of each sentence, in file order: idx[start[s] ..
 * start[s+1]). */
static int group(const carb_set *s, size_t **start, size_t **idx)
{
    *start = kg_calloc(s->nsents + 1, sizeof **start);
    *idx = kg_malloc((s->ntuples ? s->ntuples : 1) * sizeof **idx);
    if (!*start || !*idx)
        return -1;
    for (size_t k = 0; k < s->nsents; k++)
        (*start)[k + 1] = (*start)[k] + s->sents[k].ntuples;
    size_t *fill = kg_malloc((s->nsents ? s->nsents : 1) * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, *start, s->nsents * sizeof *fill);
    for (size_t t = 0; t < s->ntuples; t++)
        (*idx)[fill[s->tuples[t].sent]++] = t;
    free(fill);
    return 0;
}

static size_t find_threshold(const double *th, size_t n, double c)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (th[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct sums {
    double *pnum, *rnum;
    size_t *pden, *rden;
} sums;

/* Score one gold sentence against its predictions (n may be 0) into the
 * per-threshold sums.  Returns 0 or -1 on OOM. */
static int score_sentence(const carb_set *gs, const size_t *gidx, size_t ng,
                          const carb_set *ps, const size_t *pidx, size_t np,
                          const double *th, size_t nth, sums *sm,
                          scratch *sc)
{
    size_t from = 0;
    if (np == 0)
        goto rest;
    double *rec = kg_malloc(ng * np * sizeof *rec);
    pair *pairs = kg_malloc(ng * np * sizeof *pairs);
    double *confs = kg_malloc(np * sizeof *confs);
    unsigned char *kept = kg_malloc(np);
    unsigned char *grow = kg_malloc(ng ? ng : 1);
    unsigned char *pcol = kg_malloc(np);
    if (!rec || !pairs || !confs || !kept || !grow || !pcol) {
        free(rec), free(pairs), free(confs), free(kept), free(grow);
        free(pcol);
        return -1;
    }
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < np; j++) {
            double pr, rc;
            match(&gs->tuples[gidx[i]], &ps->tuples[pidx[j]], sc, &pr, &rc);
            rec[i * np + j] = rc;
            pairs[i * np + j] = (pair){pr, (uint32_t)i, (uint32_t)j};
        }
    qsort(pairs, ng * np, sizeof *pairs, cmp_pair);
    for (size_t j = 0; j < np; j++)
        confs[j] = ps->tuples[pidx[j]].conf;
    qsort(confs, np, sizeof *confs, cmp_double);
    for (size_t k = 0; k < np; k++) {
        if (k > 0 && confs[k] == confs[k - 1])
            continue;
        double c = confs[k];
        size_t nkept = 0;
        for (size_t j = 0; j < np; j++) {
            kept[j] = ps->tuples[pidx[j]].conf >= c;
            nkept += kept[j];
        }
        double rnum = 0;
        for (size_t i = 0; i < ng; i++) {
            double best = 0;
            for (size_t j = 0; j < np; j++)
                if (kept[j] && rec[i * np + j] > best)
                    best = rec[i * np + j];
            rnum += best;
        }
        double pnum = 0;
        size_t want = ng < nkept ? ng : nkept, got = 0;
        memset(grow, 0, ng ? ng : 1);
        memset(pcol, 0, np);
        for (size_t q = 0; q < ng * np && got < want; q++) {
            const pair *pp = &pairs[q];
            if (!kept[pp->j] || grow[pp->i] || pcol[pp->j])
                continue;
            grow[pp->i] = pcol[pp->j] = 1;
            pnum += pp->prec;
            got++;
        }
        size_t to = find_threshold(th, nth, c); /* present: c is one */
        for (size_t t = from; t <= to; t++) {
            sm->pnum[t] += pnum;
            sm->pden[t] += nkept;
            sm->rnum[t] += rnum;
            sm->rden[t] += ng;
        }
        from = to + 1;
    }
    free(rec), free(pairs), free(confs), free(kept), free(grow), free(pcol);
rest:
    for (size_t t = from; t < nth; t++)
        sm->rden[t] += ng;
    return 0;
}

int kg_carb_score(const kg_carb_gold *gold, const kg_carb_pred *pred,
                  kg_carb_result *r, kg_diag *d)
{
    const carb_set *gs = &gold->set, *ps = &pred->set;
    kg_carb_result_release(r);
    r->gold_sentences = gs->nsents;
    r->gold_tuples = gs->ntuples;

    int rc = -1;
    size_t *gstart = NULL, *gidx = NULL, *pstart = NULL, *pidx = NULL;
    long *pred_of = NULL;  /* gold sentence -> prediction sentence or -1 */
    double *th = NULL;
    sums sm = {0};
    scratch sc = {0};
    size_t nth = 0;

    if (group(gs, &gstart, &gidx) < 0 || group(ps, &pstart, &pidx) < 0)
        goto done;
    pred_of = kg_malloc((gs->nsents ? gs->nsents : 1) * sizeof *pred_of);
    th = kg_malloc((ps->ntuples ? ps->ntuples : 1) * sizeof *th);
    if (!pred_of || !th)
        goto done;
    for (size_t s = 0; s < gs->nsents; s++) {
        pred_of[s] = kg_strmap_get(&ps->keys, gs->sents[s].key,
                                   gs->sents[s].keylen);
        if (pred_of[s] >= 0) {
            size_t n = ps->sents[pred_of[s]].ntuples;
            r->pred_sentences++;
            r->pred_tuples += n;
            for (size_t k = pstart[pred_of[s]]; k < pstart[pred_of[s] + 1];
                 k++)
                th[nth++] = ps->tuples[pidx[k]].conf;
        }
    }
    r->pred_ignored = ps->ntuples - r->pred_tuples;
    qsort(th, nth, sizeof *th, cmp_double);
    size_t u = 0;
    for (size_t k = 0; k < nth; k++)
        if (u == 0 || th[k] != th[u - 1])
            th[u++] = th[k];
    nth = u;

    size_t alloc = nth ? nth : 1;
    sm.pnum = kg_calloc(alloc, sizeof *sm.pnum);
    sm.rnum = kg_calloc(alloc, sizeof *sm.rnum);
    sm.pden = kg_calloc(alloc, sizeof *sm.pden);
    sm.rden = kg_calloc(alloc, sizeof *sm.rden);
    uint32_t mw = gs->maxwords > ps->maxwords ? gs->maxwords : ps->maxwords;
    sc.gused = kg_malloc(mw + 1);
    sc.pused = kg_malloc(mw + 1);
    if (!sm.pnum || !sm.rnum || !sm.pden || !sm.rden || !sc.gused ||
        !sc.pused)
        goto done;

    for (size_t s = 0; s < gs->nsents; s++) {
        const size_t *pi = NULL;
        size_t np = 0;
        if (pred_of[s] >= 0) {
            pi = pidx + pstart[pred_of[s]];
            np = pstart[pred_of[s] + 1] - pstart[pred_of[s]];
        }
        if (score_sentence(gs, gidx + gstart[s], gstart[s + 1] - gstart[s],
                           ps, pi, np, th, nth, &sm, &sc) < 0)
            goto done;
    }

    if (nth > 0) {
        r->points = kg_calloc(nth, sizeof *r->points);
        if (!r->points)
            goto done;
        r->npoints = nth;
        for (size_t t = 0; t < nth; t++) {
            kg_carb_point *pt = &r->points[t];
            pt->threshold = th[t];
            pt->precision = sm.pden[t] ? sm.pnum[t] / sm.pden[t] : 1.0;
            pt->recall = sm.rden[t] ? sm.rnum[t] / sm.rden[t] : 0.0;
            double sum = pt->precision + pt->recall;
            pt->f1 = sum > 0 ? 2 * pt->precision * pt->recall / sum : 0.0;
            if (t == 0 || pt->f1 > r->points[r->best].f1)
                r->best = t;
        }
        const kg_carb_point *b = &r->points[r->best];
        r->precision = b->precision;
        r->recall = b->recall;
        r->f1 = b->f1;
        r->threshold = b->threshold;
        double area = 0;
        for (size_t t = 0; t < nth; t++) {
            double r1 = r->points[t].recall, p1 = r->points[t].precision;
            double r2 = t + 1 < nth ? r->points[t + 1].recall : 0.0;
            double p2 = t + 1 < nth ? r->points[t + 1].precision : 1.0;
            area += (r1 - r2) * (p1 + p2) / 2;
        }
        r->auc = area;
    }
    rc = 0;
done:
    if (rc < 0) {
        kg_diag_oom(d, "scoring CaRB tuples");
        kg_carb_result_release(r);
    }
    free(gstart), free(gidx), free(pstart), free(pidx), free(pred_of);
    free(th), free(sm.pnum), free(sm.rnum), free(sm.pden), free(sm.rden);
    free(sc.gused), free(sc.pused);
    return rc;
}
