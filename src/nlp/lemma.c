#include "base/alloc.h"
#include "nlp/lemma.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "nlp/tags.h"

#define MAX_SUFFIX 6
#define LEX_SEED 0x4c4558ull
#define LOW_SEED 0x4c4f57ull
#define SUF_SEED 0x535546ull

static void lower_ascii(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
}

static uint64_t key_of(const char *s, size_t n, uint64_t seed, int xpos)
{
    uint64_t h = kg_hash64(s, n, seed + (uint64_t)xpos * 0x100000001b3ull);
    return h ? h : 1;
}

/* Byte offset where the last k code points of s[0..n) start, or SIZE_MAX
 * when s is shorter than k code points. */
/* 0 = no capitals, 1 = capitalised, 2 = all capitals (ASCII). */
static int casing(const char *s, size_t n)
{
    int up = 0, low = 0;
    for (size_t i = 0; i < n; i++) {
        up += s[i] >= 'A' && s[i] <= 'Z';
        low += s[i] >= 'a' && s[i] <= 'z';
    }
    if (!up)
        return 0;
    return low ? 1 : 2;
}

static size_t suffix_start(const char *s, size_t n, size_t k)
{
    size_t i = n;
    while (k > 0) {
        if (i == 0)
            return SIZE_MAX;
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return i;
}

static const kg_kv_slot *find(const kg_kv_slot *t, uint32_t mask,
                                uint64_t key)
{
    uint32_t i = (uint32_t)key & mask;
    for (;;) {
        if (t[i].key == key)
            return &t[i];
        if (t[i].key == 0)
            return NULL;
        i = (i + 1) & mask;
    }
}

static size_t emit(char *out, size_t cap, const char *a, size_t alen,
                   const char *b, size_t blen)
{
    if (cap == 0)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < alen && n + 1 < cap; i++)
        out[n++] = a[i];
    for (size_t i = 0; i < blen && n + 1 < cap; i++)
        out[n++] = b[i];
    /* A lemma cut to the buffer must not end inside a code point: when
     * the first byte left out continues one, drop that code point's
     * bytes (at most three) as well. */
    if (n < alen + blen) {
        unsigned char next = (unsigned char)(n < alen ? a[n] : b[n - alen]);
        if ((next & 0xC0) == 0x80) {
            size_t k = n;
            while (k > 0 && n - k < 3 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
                k--;
            if (k > 0 && (unsigned char)out[k - 1] >= 0xC0)
                n = k - 1;
        }
    }
    out[n] = '\0';
    return n;
}

/* The key of the suffix rule for the last k code points of low[0..n),
 * which start at st. */
static uint64_t suffix_key(const char *low, size_t n, size_t st, size_t k, int xpos,
                           int cs)
{
    return key_of(low + st, n - st, SUF_SEED + k, xpos * 4 + cs);
}

uint64_t kg_lemma_key(const kg_lemmatizer *l, const char *form, size_t len, int xpos)
{
    uint64_t key = key_of(form, len, LEX_SEED, xpos);
    if (l->lex)
        __builtin_prefetch(&l->lex[(uint32_t)key & l->lexmask]);
    return key;
}

void kg_lemma_prefetch(const kg_lemmatizer *l, uint64_t key, const char *form, size_t len,
                       int xpos)
{
    if (!l->lex)
        return;
    const kg_kv_slot *s = find(l->lex, l->lexmask, key);
    if (s) {
        __builtin_prefetch(l->pool + s->off);
        return;
    }
    char low[256];
    if (len == 0 || len > sizeof low)
        return;
    lower_ascii(form, len, low);
    __builtin_prefetch(&l->lex[(uint32_t)key_of(low, len, LOW_SEED, xpos) & l->lexmask]);
    if (xpos == KG_XPOS_NNP)
        return;
    /* a word the lexicon lacks is likely to need the suffix rules: up to
     * seven lookups in a table twice the lexicon's size */
    int cs = casing(form, len);
    for (size_t k = 0; k <= MAX_SUFFIX; k++) {
        size_t st = suffix_start(low, len, k);
        if (st == SIZE_MAX)
            break;
        __builtin_prefetch(&l->sufs[(uint32_t)suffix_key(low, len, st, k, xpos, cs) &
                                    l->sufmask]);
    }
}

size_t kg_lemma_apply(const kg_lemmatizer *l, const char *form, size_t len, int xpos,
                      char *out, size_t cap)
{
    return kg_lemma_apply_key(l, key_of(form, len, LEX_SEED, xpos), form, len, xpos, out,
                              cap);
}

size_t kg_lemma_apply_key(const kg_lemmatizer *l, uint64_t key, const char *form,
                          size_t len, int xpos, char *out, size_t cap)
{
    if (!l->lex)
        return emit(out, cap, form, len, "", 0);
    const kg_kv_slot *s = find(l->lex, l->lexmask, key);
    if (s) /* most words: seen in training with this tag */
        return emit(out, cap, l->pool + s->off, s->len, "", 0);
    char low[256];
    size_t ll = len < sizeof low ? len : sizeof low;
    lower_ascii(form, ll, low);
    if (ll == len)
        s = find(l->lex, l->lexmask, key_of(low, ll, LOW_SEED, xpos));
    if (s)
        return emit(out, cap, l->pool + s->off, s->len, "", 0);
    if (xpos == KG_XPOS_NNP) /* an unseen proper noun is its own lemma */
        return emit(out, cap, form, len, "", 0);
    if (ll == len) {
        int cs = casing(form, len);
        for (size_t k = MAX_SUFFIX + 1; k-- > 0;) {
            size_t st = suffix_start(low, ll, k);
            if (st == SIZE_MAX)
                continue;
            const kg_kv_slot *r = find(l->sufs, l->sufmask,
                                       suffix_key(low, ll, st, k, xpos, cs));
            if (!r)
                continue;
            const kg_lemma_rule *rule = &l->rules[r->off];
            /* A rule strips bytes: learned from "forces" (strip "s") it
             * would cut "°" (NNS) or "एक" inside a code point.  Such a
             * rule does not fit the word; a shorter suffix's may. */
            if (rule->strip > len ||
                (rule->strip < len && ((unsigned char)form[len - rule->strip] & 0xC0) == 0x80))
                continue;
            const char *base = rule->lower ? low : form;
            return emit(out, cap, base, len - rule->strip, l->pool + rule->appoff,
                        rule->applen);
        }
    }
    return emit(out, cap, form, len, "", 0);
}

/* ---- training ------------------------------------------------------------ */

typedef struct rec {
    const char *key;   /* form (or suffix) */
    uint32_t keylen;
    int32_t xpos;      /* plus suffix length for rules */
    const char *val;   /* lemma, or rule text */
    uint32_t vallen;
    uint32_t count;
} rec;

static int cmp_rec(const void *pa, const void *pb)
{
    const rec *a = pa, *b = pb;
    if (a->xpos != b->xpos)
        return a->xpos < b->xpos ? -1 : 1;
    size_t m = a->keylen < b->keylen ? a->keylen : b->keylen;
    int c = memcmp(a->key, b->key, m);
    if (c || a->keylen != b->keylen)
        return c ? c : (a->keylen < b->keylen ? -1 : 1);
    m = a->vallen < b->vallen ? a->vallen : b->vallen;
    c = memcmp(a->val, b->val, m);
    if (c || a->vallen != b->vallen)
        return c ? c : (a->vallen < b->vallen ? -1 : 1);
    return 0;
}

static int same_key(const rec *a, const rec *b)
{
    return a->xpos == b->xpos && a->keylen == b->keylen &&
           memcmp(a->key, b->key, a->keylen) == 0;
}

static int same_val(const rec *a, const rec *b)
{
    return a->vallen == b->vallen && memcmp(a->val, b->val, a->vallen) == 0;
}

typedef struct vec {
    rec *r;
    size_t n, cap;
} vec;

static int push(vec *v, rec r)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 4096;
        rec *nr = kg_realloc(v->r, nc * sizeof *nr);
        if (!nr)
            return -1;
        v->r = nr;
        v->cap = nc;
    }
    v->r[v->n++] = r;
    return 0;
}

/* Sort, then collapse to one record per key holding the most frequent value
 * (ties: the smallest value, for determinism).  Counts are summed. */
static void majority(vec *v)
{
    if (!v->n)
        return;
    qsort(v->r, v->n, sizeof *v->r, cmp_rec);
    size_t out = 0, i = 0;
    while (i < v->n) {
        size_t j = i;
        rec best = v->r[i];
        best.count = 0;
        while (j < v->n && same_key(&v->r[i], &v->r[j])) {
            size_t k = j;
            uint32_t c = 0;
            while (k < v->n && same_key(&v->r[i], &v->r[k]) && same_val(&v->r[j], &v->r[k]))
                c += v->r[k++].count;
            if (c > best.count) {
                best = v->r[j];
                best.count = c;
            }
            j = k;
        }
        v->r[out++] = best;
        i = j;
    }
    v->n = out;
}

typedef struct table {
    kg_kv_slot *slots;
    uint32_t cap;
} table;

static int table_make(table *t, size_t n)
{
    uint32_t cap = 64;
    while ((size_t)cap * 7 < n * 10 + 10)
        cap *= 2;
    t->slots = kg_calloc(cap, sizeof *t->slots);
    t->cap = cap;
    return t->slots ? 0 : -1;
}

static void table_put(table *t, uint64_t key, uint32_t off, uint32_t len)
{
    uint32_t i = (uint32_t)key & (t->cap - 1);
    while (t->slots[i].key && t->slots[i].key != key)
        i = (i + 1) & (t->cap - 1);
    t->slots[i].key = key;
    t->slots[i].off = off;
    t->slots[i].len = len;
}

/* Rule text: "L" or "K", strip count as a byte, then the appended bytes. */
static size_t make_rule(const char *form, size_t flen, const char *lemma,
                        size_t llen, char *out, size_t cap)
{
    char low[256];
    if (flen > sizeof low || cap < llen + 2)
        return 0;
    lower_ascii(form, flen, low);
    size_t best_lcp = 0;
    int best_lower = 0;
    for (int lower = 0; lower < 2; lower++) {
        const char *g = lower ? low : form;
        size_t lcp = 0;
        while (lcp < flen && lcp < llen && g[lcp] == lemma[lcp])
            lcp++;
        while (lcp > 0 && lcp < flen && ((unsigned char)g[lcp] & 0xC0) == 0x80)
            lcp--;
        if (lower == 0 || lcp > best_lcp) {
            best_lcp = lcp;
            best_lower = lower;
        }
    }
    if (flen - best_lcp > 255)
        return 0;
    out[0] = best_lower ? 'L' : 'K';
    out[1] = (char)(unsigned char)(flen - best_lcp);
    memcpy(out + 2, lemma + best_lcp, llen - best_lcp);
    return 2 + llen - best_lcp;
}

int kg_lemma_train(const kg_conllu *c, const uint32_t *sents, size_t nsents,
                   kg_model_writer *w)
{
    vec exact = {0}, low = {0}, rules = {0};
    kg_arena ar;
    kg_arena_init(&ar);
    kg_buf pool;
    kg_buf_init(&pool);
    int rc = -1;
    table lex = {0}, suf = {0};
    kg_lemma_rule *rtab = NULL;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[sents[si]];
        for (uint32_t i = 0; i < s->count; i++) {
            const kg_cword *wd = &c->words[s->first + i];
            if (strcmp(wd->lemma, "_") == 0 && strcmp(wd->form, "_") != 0)
                continue;
            size_t fl = strlen(wd->form);
            if (fl > 255)
                continue;
            rec r = {wd->form, (uint32_t)fl, wd->xpos, wd->lemma,
                     (uint32_t)strlen(wd->lemma), 1};
            if (push(&exact, r) < 0)
                goto out;
            char *lw = kg_arena_strndup(&ar, wd->form, fl);
            if (!lw)
                goto out;
            lower_ascii(wd->form, fl, lw);
            r.key = lw;
            if (push(&low, r) < 0)
                goto out;
        }
    }
    majority(&exact);
    majority(&low);
    /* rules over word types (the exact table's keys) */
    for (size_t i = 0; i < exact.n; i++) {
        const rec *e = &exact.r[i];
        char rt[600];
        size_t rl = make_rule(e->key, e->keylen, e->val, e->vallen, rt, sizeof rt);
        if (!rl)
            continue;
        char *rs = kg_arena_strndup(&ar, rt, rl);
        char *lw = kg_arena_strndup(&ar, e->key, e->keylen);
        if (!rs || !lw)
            goto out;
        lower_ascii(e->key, e->keylen, lw);
        for (size_t k = 0; k <= MAX_SUFFIX; k++) {
            size_t st = suffix_start(lw, e->keylen, k);
            if (st == SIZE_MAX)
                break;
            rec r = {lw + st, (uint32_t)(e->keylen - st),
                     (e->xpos * 4 + casing(e->key, e->keylen)) * 16 + (int)k,
                     rs, (uint32_t)rl, 1};
            if (push(&rules, r) < 0)
                goto out;
        }
    }
    majority(&rules);
    /* pool: lemmas, then rule appendices */
    if (table_make(&lex, exact.n + low.n) < 0)
        goto out;
    for (int pass = 0; pass < 2; pass++) {
        vec *v = pass ? &exact : &low; /* exact entries overwrite nothing: distinct seeds */
        for (size_t i = 0; i < v->n; i++) {
            const rec *e = &v->r[i];
            uint32_t off = (uint32_t)pool.len;
            if (kg_buf_append(&pool, e->val, e->vallen) < 0)
                goto out;
            table_put(&lex, key_of(e->key, e->keylen, pass ? LEX_SEED : LOW_SEED, e->xpos),
                      off, e->vallen);
        }
    }
    /* keep a suffix's rule only when it differs from its parent's (one
     * character shorter): lookups fall back to the parent anyway */
    size_t nr = 0;
    rtab = kg_calloc(rules.n ? rules.n : 1, sizeof *rtab);
    if (!rtab || table_make(&suf, rules.n) < 0)
        goto out;
    /* rules are sorted by (xpos*16+k, suffix): index parents by a temporary table */
    table parent = {0};
    if (table_make(&parent, rules.n) < 0)
        goto out;
    for (size_t i = 0; i < rules.n; i++) {
        const rec *r = &rules.r[i];
        table_put(&parent, key_of(r->key, r->keylen, SUF_SEED + (uint64_t)(r->xpos % 16), r->xpos / 16),
                  (uint32_t)i, 0);
    }
    for (size_t i = 0; i < rules.n; i++) {
        const rec *r = &rules.r[i];
        int k = r->xpos % 16, xp = r->xpos / 16;
        if (k > 0) {
            /* the parent suffix drops the first character */
            size_t b = 1;
            while (b < r->keylen && ((unsigned char)r->key[b] & 0xC0) == 0x80)
                b++;
            const kg_kv_slot *p =
                find(parent.slots, parent.cap - 1,
                     key_of(r->key + b, r->keylen - b, SUF_SEED + (uint64_t)(k - 1), xp));
            if (p && same_val(&rules.r[p->off], r))
                continue;
        }
        kg_lemma_rule *rt = &rtab[nr];
        rt->lower = r->val[0] == 'L';
        rt->strip = (uint8_t)r->val[1];
        rt->applen = (uint16_t)(r->vallen - 2);
        rt->appoff = (uint32_t)pool.len;
        if (kg_buf_append(&pool, r->val + 2, r->vallen - 2) < 0) {
            free(parent.slots);
            goto out;
        }
        table_put(&suf, key_of(r->key, r->keylen, SUF_SEED + (uint64_t)k, xp),
                  (uint32_t)nr, 0);
        nr++;
    }
    free(parent.slots);
    if (kg_buf_putc(&pool, '\0') < 0)
        goto out;
    if (kg_model_writer_add(w, "lem.lex", lex.slots, lex.cap * sizeof *lex.slots) < 0 ||
        kg_model_writer_add(w, "lem.suf", suf.slots, suf.cap * sizeof *suf.slots) < 0 ||
        kg_model_writer_add(w, "lem.rules", rtab, nr * sizeof *rtab) < 0 ||
        kg_model_writer_add(w, "lem.pool", pool.data, pool.len) < 0)
        goto out;
    rc = 0;
out:
    free(exact.r);
    free(low.r);
    free(rules.r);
    free(lex.slots);
    free(suf.slots);
    free(rtab);
    kg_buf_release(&pool);
    kg_arena_release(&ar);
    return rc;
}

int kg_lemma_load(kg_lemmatizer *l, const kg_model_file *f, kg_diag *d)
{
    memset(l, 0, sizeof *l);
    size_t nlex, nsuf, nrules, npool;
    l->lex = kg_model_section_get(f, "lem.lex", sizeof(kg_kv_slot), 1, &nlex, d);
    l->sufs = kg_model_section_get(f, "lem.suf", sizeof(kg_kv_slot), 1, &nsuf, d);
    l->rules = kg_model_section_get(f, "lem.rules", sizeof(kg_lemma_rule), 0, &nrules, d);
    l->pool = kg_model_section_get(f, "lem.pool", 1, 1, &npool, d);
    if (!l->lex || !l->sufs || !l->rules || !l->pool)
        return -1;
    if ((nlex & (nlex - 1)) || (nsuf & (nsuf - 1)) || l->pool[npool - 1] != '\0')
        goto corrupt;
    l->lexmask = (uint32_t)nlex - 1;
    l->sufmask = (uint32_t)nsuf - 1;
    l->nrules = (uint32_t)nrules;
    l->poolsize = npool;
    size_t empty = 0;
    for (size_t i = 0; i < nlex; i++) {
        if (!l->lex[i].key) {
            empty++;
            continue;
        }
        if (l->lex[i].off > npool || l->lex[i].len > npool - l->lex[i].off)
            goto corrupt;
    }
    if (!empty)
        goto corrupt;
    empty = 0;
    for (size_t i = 0; i < nsuf; i++) {
        if (!l->sufs[i].key) {
            empty++;
            continue;
        }
        if (l->sufs[i].off >= nrules)
            goto corrupt;
    }
    if (!empty)
        goto corrupt;
    for (size_t i = 0; i < nrules; i++)
        if (l->rules[i].appoff > npool || l->rules[i].applen > npool - l->rules[i].appoff)
            goto corrupt;
    return 0;
corrupt:
    kg_diag_error(d, f->name, 0, 0, "model file is corrupt (lemmatizer tables)");
    return -1;
}
