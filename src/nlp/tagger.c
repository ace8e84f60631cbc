#include "base/alloc.h"
#include "nlp/tagger.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "nlp/percep.h"
#include "nlp/tags.h"

enum { MAX_FEATS = 64 };

/* Precomputed per-token hashes. */
typedef struct tokf {
    uint64_t word;      /* exact form */
    uint64_t norm;      /* lowercased, digits folded to 0 */
    uint64_t pre[3], suf[4];
    uint64_t shape;
    uint64_t amb;       /* ambiguity class: the labels the word had in training */
    uint64_t dictkey;   /* exact form, for the tag dictionary */
    uint64_t wn;        /* WordNet classes from the lexicon (0: none known) */
    uint32_t lex;       /* the word's lexicon value (0: unknown word) */
    uint32_t flags;
} tokf;

#define AMB_UNKNOWN 0x616d62756e6bull
#define AMB_MIN_FREQ 3

static inline void set_amb(tokf *t, uint64_t amb)
{
    t->amb = amb;
    t->dictkey = t->word;
}


#define PAD_SEED 0x70616464ull

static void token_hashes(const kg_lexicon *lex, const char *s, size_t n, tokf *t)
{
    char low[128];
    char shp[128];
    size_t ln = n < sizeof low ? n : sizeof low;
    uint32_t flags = 0;
    size_t sl = 0;
    char last = 0;
    int run = 0;
    for (size_t i = 0; i < ln; i++) {
        unsigned char c = (unsigned char)s[i];
        char sc;
        if (c >= 'A' && c <= 'Z') {
            low[i] = (char)(c + 32);
            sc = 'X';
            flags |= i == 0 ? 1u : 2u;
        } else if (c >= '0' && c <= '9') {
            low[i] = '0';
            sc = 'd';
            flags |= 4;
        } else if (c >= 'a' && c <= 'z') {
            low[i] = (char)c;
            sc = 'x';
            flags |= 8;
        } else {
            low[i] = (char)c;
            sc = c >= 0x80 ? 'u' : (char)c;
            if (c == '-')
                flags |= 16;
            if (c == '.')
                flags |= 32;
            if (c >= 0x80 && (c & 0xC0) == 0x80)
                continue; /* one shape char per code point */
        }
        if (sc == last) {
            if (++run > 2)
                continue;
        } else {
            run = 0;
        }
        last = sc;
        shp[sl++] = sc;
    }
    if ((flags & 3) && !(flags & 8))
        flags |= 64; /* all capitals */
    t->word = kg_hash64(s, n, 1);
    t->norm = kg_hash64(low, ln, 2 + n);
    t->shape = kg_hash64(shp, sl, 3);
    t->flags = flags;
    t->lex = kg_lexicon_get(lex, s, n);
    t->wn = KG_LEX_CLASSES(t->lex);
    /* prefixes and suffixes by code points */
    size_t starts[130];
    size_t ncp = 0;
    for (size_t i = 0; i < ln; i++)
        if (((unsigned char)low[i] & 0xC0) != 0x80)
            starts[ncp++] = i;
    for (size_t k = 0; k < 3; k++) {
        /* cppcheck-suppress uninitvar ; cppcheck 2.10 takes ln for 0 */
        size_t end = k + 1 < ncp ? starts[k + 1] : ln;
        t->pre[k] = k < ncp ? kg_hash64(low, end, 10 + k) : 7 + k;
    }
    for (size_t k = 0; k < 4; k++) {
        size_t st = k < ncp ? starts[ncp - 1 - k] : 0;
        t->suf[k] = k < ncp ? kg_hash64(low + st, ln - st, 20 + k) : 17 + k;
    }
}

static uint64_t kv_get(const kg_kv_slot *d, uint32_t mask, uint64_t key,
                       uint64_t dflt)
{
    if (!d)
        return dflt;
    key = kg_ftab_key(key);
    uint32_t i = (uint32_t)key & mask;
    for (;;) {
        if (d[i].key == key)
            return (uint64_t)d[i].off | (uint64_t)d[i].len << 32;
        if (d[i].key == 0)
            return dflt;
        i = (i + 1) & mask;
    }
}

/* The pseudo-tokens before and after the sentence: 0 and 1 stand at -1
 * and -2, 2 and 3 at n and n + 1. */
static void make_pad(int i, tokf *p)
{
    memset(p, 0, sizeof *p);
    uint64_t h = kg_hash64(&i, sizeof i, PAD_SEED);
    p->word = p->norm = p->shape = p->amb = h;
    for (int k = 0; k < 3; k++)
        p->pre[k] = h + (uint64_t)k + 1;
    for (int k = 0; k < 4; k++)
        p->suf[k] = h + (uint64_t)k + 10;
}

static const tokf *pad(int which)
{
    static tokf p[4];
    static int init;
    if (!init) {
        for (int i = 0; i < 4; i++)
            make_pad(i, &p[i]);
        init = 1;
    }
    return &p[which];
}

static inline const tokf *at(const tokf *tf, size_t n, long i)
{
    if (i < 0)
        return pad(i == -1 ? 0 : 1);
    if ((size_t)i >= n)
        return pad((size_t)i == n ? 2 : 3);
    return &tf[i];
}

/* Words are tagged from the last to the first (tag()), so the sentence's
 * first word, whose capital says little, is the last one tagged. */
#define FIRST_WORD(i, n) ((i) + 1 == (n))
#define F(tmpl, v) (feats[nf++] = kg_ftab_key(kg_fmix((uint64_t)(tmpl) * 0x9E3779B97F4A7C15ull, (v))))

/* tf[0..n) holds the sentence's words in tagging order, last word first:
 * "-1" is the word tagged just before word i, that is the word after it
 * in the sentence.  p1, p2: the labels of the two words tagged before it,
 * + 1 (0 past the end of the sentence). */
static size_t features(const tokf *tf, size_t n, size_t i, uint32_t p1,
                       uint32_t p2, uint64_t *feats)
{
    size_t nf = 0;
    const tokf *w0 = &tf[i];
    const tokf *wm1 = at(tf, n, (long)i - 1), *wm2 = at(tf, n, (long)i - 2);
    const tokf *wp1 = at(tf, n, (long)i + 1), *wp2 = at(tf, n, (long)i + 2);
    F(1, 0);
    F(2, w0->norm);
    F(3, w0->word);
    for (int k = 0; k < 4; k++)
        F(4 + k, w0->suf[k]);
    for (int k = 0; k < 3; k++)
        F(8 + k, w0->pre[k]);
    F(11, w0->shape);
    F(12, w0->flags | (FIRST_WORD(i, n) ? 128u : 0u));
    F(13, wm1->norm);
    F(14, wm2->norm);
    F(15, wp1->norm);
    F(16, wp2->norm);
    F(17, wm1->suf[2]);
    F(18, wp1->suf[2]);
    F(19, p1);
    F(20, p2);
    F(21, p1 * 1024u + p2);
    F(22, kg_fmix(w0->norm, p1));
    F(23, kg_fmix(w0->norm, wp1->norm));
    F(24, kg_fmix(wm1->norm, w0->norm));
    F(25, kg_fmix(wp1->norm, p1));
    F(26, wp1->shape);
    F(27, wm1->shape);
    F(28, kg_fmix(w0->suf[2], p1));
    F(29, wp1->suf[0]);
    F(30, kg_fmix(w0->suf[1], wp1->norm));
    F(31, w0->amb);
    F(32, wp1->amb);
    F(33, wp2->amb);
    F(34, kg_fmix(w0->amb, p1));
    F(35, kg_fmix(w0->amb, wp1->amb));
    F(36, kg_fmix(wm1->amb, w0->amb));
    F(37, kg_fmix(wm1->norm, wp1->norm));
    F(38, wp1->suf[1]);
    F(39, kg_fmix(w0->shape, wp1->shape));
    F(40, kg_fmix(wm1->shape, w0->shape));
    F(41, kg_fmix(w0->word, p1));
    F(42, wp1->pre[0] ^ (wp1->flags * 0x9E3779B97F4A7C15ull));
    F(43, kg_fmix(w0->suf[3], wp1->amb));
    /* the word lexicon's WordNet classes: +0.3 UPOS on EWT dev, mostly
     * on words the treebank lacks */
    F(44, w0->wn);
    F(45, kg_fmix(w0->wn, w0->suf[1]));
    F(46, wp1->wn);
    F(47, wm1->wn);
    F(48, kg_fmix(w0->wn, p1));
    F(49, kg_fmix(w0->wn, w0->flags));
    return nf;
}

/* ---- tagging at run time --------------------------------------------------
 *
 * The same features, with most rows found without a lookup per word: the
 * 29 features of a single token (its word, affixes, shape, ambiguity
 * class, WordNet classes, in each position around the word tagged) depend on its form
 * only, so their rows are looked up once per form and kept in a cache
 * that lives in the scratch (for the frequent words, from one sentence
 * and article to the next); the features of the previous labels and of
 * the flags have few values and are looked up at load.  Only the 15
 * combinations are looked up per word.  kg_tagger_selfcheck() compares
 * the rows with those of features(). */

/* The single-token features by position: rows [MW0, MWM1) of a token are
 * its features as the word tagged, [MWM1, MWM2) as the word before, and
 * so on. */
enum { MW0 = 0, MWM1 = 14, MWM2 = 18, MWP1 = 19, MWP2 = 27 };

/* Of a word's 49 features, 43 do not depend on the labels before it:
 * their rows are known for the whole sentence up front, so that they are
 * looked up together (each lookup waits on memory; together the waits
 * overlap) and a word's rows can be fetched while the word before it is
 * scored.  9 of them are looked up from keys, the others come from the
 * cache and the tables. */
enum { NFIXED_KEYS = 9, NFIXED = NFIXED_KEYS + 2 + KG_TAGGER_NMEMO };

/* Words ahead whose rows are fetched while a word is scored: one word's
 * scoring takes less time than a read from memory. */
#define AHEAD 4

static void memo_keys(const tokf *x, uint64_t *feats)
{
    size_t nf = 0;
    F(2, x->norm);
    F(3, x->word);
    for (int k = 0; k < 4; k++)
        F(4 + k, x->suf[k]);
    for (int k = 0; k < 3; k++)
        F(8 + k, x->pre[k]);
    F(11, x->shape);
    F(31, x->amb);
    F(44, x->wn);
    F(45, kg_fmix(x->wn, x->suf[1]));
    F(49, kg_fmix(x->wn, x->flags));
    F(13, x->norm); /* MWM1 */
    F(17, x->suf[2]);
    F(27, x->shape);
    F(47, x->wn);
    F(14, x->norm); /* MWM2 */
    F(15, x->norm); /* MWP1 */
    F(18, x->suf[2]);
    F(26, x->shape);
    F(29, x->suf[0]);
    F(32, x->amb);
    F(38, x->suf[1]);
    F(42, x->pre[0] ^ (x->flags * 0x9E3779B97F4A7C15ull));
    F(46, x->wn);
    F(16, x->norm); /* MWP2 */
    F(33, x->amb);
}

/* A token of the sentence being tagged, or a cached form. */
typedef struct ttok {
    tokf tf;
    uint32_t rows[KG_TAGGER_NMEMO];
    int dict;          /* the tag dictionary's label, or -1 */
} ttok;

typedef struct wcache_ent {
    uint64_t key;      /* kg_ftab_key(tf.word); 0 = empty */
    ttok t;
} wcache_ent;

#define WCACHE_SIZE 4096u

static inline size_t wcache_slot(uint64_t word)
{
    return (size_t)(word >> 40) & (WCACHE_SIZE - 1);
}

/* Rows looked up at load: F(1, 0), F(12, flags), F(19, p1), F(20, p2),
 * F(21, p1 * 1024 + p2) and the pseudo-tokens' features. */
static int build_tables(kg_tagger *t)
{
    uint32_t np = t->nlabels + 1; /* previous label + 1, 0 at the start */
    t->tabs = kg_malloc((256 + 2 * (size_t)np + (size_t)np * np) * sizeof *t->tabs);
    tokf *pads = t->padtf = kg_malloc(4 * sizeof(tokf));
    if (!t->tabs || !pads)
        return -1;
    uint64_t feats[1];
    size_t nf;
#define ONE(tmpl, v) (nf = 0, F(tmpl, v), kg_ftab_find(&t->ftab, feats[0]))
    t->row1 = ONE(1, 0);
    t->tab12 = t->tabs;
    t->tab19 = t->tab12 + 256;
    t->tab20 = t->tab19 + np;
    t->tab21 = t->tab20 + np;
    for (uint32_t v = 0; v < 256; v++)
        t->tab12[v] = ONE(12, v);
    for (uint32_t p = 0; p < np; p++) {
        t->tab19[p] = ONE(19, p);
        t->tab20[p] = ONE(20, p);
        for (uint32_t q = 0; q < np; q++)
            t->tab21[p * np + q] = ONE(21, p * 1024u + q);
    }
#undef ONE
    for (int i = 0; i < 4; i++) {
        uint64_t keys[KG_TAGGER_NMEMO];
        make_pad(i, &pads[i]);
        memo_keys(&pads[i], keys);
        for (int k = 0; k < KG_TAGGER_NMEMO; k++)
            t->padrows[i][k] = kg_ftab_find(&t->ftab, keys[k]);
    }
    return 0;
}

void kg_tag_scratch_init(kg_tag_scratch *s)
{
    memset(s, 0, sizeof *s);
}

void kg_tag_scratch_release(kg_tag_scratch *s)
{
    free(s->tok);
    free(s->fixed);
    free(s->scores);
    free(s->wcache);
    memset(s, 0, sizeof *s);
}

static int scratch_fit(kg_tag_scratch *s, size_t n, uint32_t nscores)
{
    if (n > s->cap) {
        size_t c = s->cap ? s->cap : 64;
        while (c < n)
            c *= 2;
        void *p = kg_realloc(s->tok, c * sizeof(ttok));
        if (!p)
            return -1;
        s->tok = p;
        p = kg_realloc(s->fixed, c * NFIXED * sizeof(uint32_t));
        if (!p)
            return -1;
        s->fixed = p;
        s->cap = c;
    }
    if (nscores > s->nscores) {
        int32_t *p = kg_realloc(s->scores, nscores * sizeof *p);
        if (!p)
            return -1;
        s->scores = p;
        s->nscores = nscores;
    }
    return 0;
}

static int dict_lookup(const kg_kv_slot *d, uint32_t mask, uint64_t key)
{
    if (!d)
        return -1;
    key = kg_ftab_key(key);
    uint32_t i = (uint32_t)key & mask;
    for (;;) {
        if (d[i].key == key)
            return (int)d[i].off;
        if (d[i].key == 0)
            return -1;
        i = (i + 1) & mask;
    }
}

/* The hashes and single-token rows of every word, from the cache where
 * the form was seen before; the others are looked up in batches.  tk[i]
 * is the word forms[n - 1 - i]: tagging order. */
static void sentence_rows(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                          const char *const *forms, const uint32_t *lens, ttok *tk)
{
    wcache_ent *cache = s->wcache;
    uint64_t keys[KG_FTAB_MAX];
    uint32_t rows[KG_FTAB_MAX];
    size_t pend[KG_FTAB_MAX / KG_TAGGER_NMEMO], np = 0;
    /* The cache is most of a megabyte read at random: its entries are
     * asked for, all of the sentence's at once, before any is read (the
     * hashes wait in tk[].tf.word, which the entry or token_hashes()
     * sets again to the same value). */
    for (size_t i = 0; i < n; i++) {
        uint64_t word = kg_hash64(forms[n - 1 - i], lens[n - 1 - i], 1);
        tk[i].tf.word = word;
        const char *e = (const char *)&cache[wcache_slot(word)];
        for (size_t o = 0; o < sizeof(wcache_ent); o += 64)
            __builtin_prefetch(e + o);
    }
    for (size_t i = 0; i <= n; i++) {
        if (i < n) {
            uint64_t word = tk[i].tf.word;
            wcache_ent *e = &cache[wcache_slot(word)];
            if (e->key == kg_ftab_key(word)) {
                tk[i] = e->t;
                continue;
            }
            token_hashes(&t->lex, forms[n - 1 - i], lens[n - 1 - i], &tk[i].tf);
            set_amb(&tk[i].tf, kv_get(t->amb, t->ambmask, tk[i].tf.norm, AMB_UNKNOWN));
            tk[i].dict = dict_lookup(t->dict, t->dictmask, tk[i].tf.dictkey);
            memo_keys(&tk[i].tf, keys + np * KG_TAGGER_NMEMO);
            pend[np++] = i;
        }
        if (np && (i == n || np == KG_FTAB_MAX / KG_TAGGER_NMEMO)) {
            kg_ftab_find_many(&t->ftab, keys, np * KG_TAGGER_NMEMO, rows);
            for (size_t j = 0; j < np; j++) {
                ttok *x = &tk[pend[j]];
                memcpy(x->rows, rows + j * KG_TAGGER_NMEMO, sizeof x->rows);
                wcache_ent *e = &cache[wcache_slot(x->tf.word)];
                e->key = kg_ftab_key(x->tf.word);
                e->t = *x;
            }
            np = 0;
        }
    }
}

static inline const tokf *tf_at(const kg_tagger *t, const ttok *tk, size_t n, long i,
                                const uint32_t **rows)
{
    int p = i < 0 ? (i == -1 ? 0 : 1) : (size_t)i >= n ? ((size_t)i == n ? 2 : 3) : -1;
    if (p >= 0) {
        *rows = t->padrows[p];
        return &((const tokf *)t->padtf)[p];
    }
    *rows = tk[i].rows;
    return &tk[i].tf;
}

/* The rows of word i that do not depend on the labels before it (see
 * NFIXED): the first NFIXED_KEYS are looked up by the caller from keys. */

static void fixed_rows(const kg_tagger *t, const ttok *tk, size_t n, size_t i,
                       uint32_t *rows, uint64_t *feats)
{
    const uint32_t *r0 = tk[i].rows, *rm1, *rm2, *rp1, *rp2;
    const tokf *w0 = &tk[i].tf;
    const tokf *wm1 = tf_at(t, tk, n, (long)i - 1, &rm1);
    const tokf *wp1 = tf_at(t, tk, n, (long)i + 1, &rp1);
    tf_at(t, tk, n, (long)i - 2, &rm2);
    tf_at(t, tk, n, (long)i + 2, &rp2);
    size_t nf = 0;
    F(23, kg_fmix(w0->norm, wp1->norm));
    F(24, kg_fmix(wm1->norm, w0->norm));
    F(30, kg_fmix(w0->suf[1], wp1->norm));
    F(35, kg_fmix(w0->amb, wp1->amb));
    F(36, kg_fmix(wm1->amb, w0->amb));
    F(37, kg_fmix(wm1->norm, wp1->norm));
    F(39, kg_fmix(w0->shape, wp1->shape));
    F(40, kg_fmix(wm1->shape, w0->shape));
    F(43, kg_fmix(w0->suf[3], wp1->amb));
    size_t r = NFIXED_KEYS;
    rows[r++] = t->row1;
    rows[r++] = t->tab12[w0->flags | (FIRST_WORD(i, n) ? 128u : 0u)];
    memcpy(rows + r, r0 + MW0, (MWM1 - MW0) * sizeof *rows);
    r += MWM1 - MW0;
    memcpy(rows + r, rm1 + MWM1, (MWM2 - MWM1) * sizeof *rows);
    r += MWM2 - MWM1;
    rows[r++] = rm2[MWM2];
    memcpy(rows + r, rp1 + MWP1, (MWP2 - MWP1) * sizeof *rows);
    r += MWP2 - MWP1;
    memcpy(rows + r, rp2 + MWP2, (KG_TAGGER_NMEMO - MWP2) * sizeof *rows);
}

/* rows[0..return): all the features of word i, as features() lists them
 * (in another order): its fixed rows and those of the labels before it. */
static size_t word_rows(const kg_tagger *t, const ttok *tk, size_t n, size_t i,
                        const uint32_t *fixed, uint32_t p1, uint32_t p2, uint32_t *rows)
{
    const uint32_t *rp1;
    const tokf *w0 = &tk[i].tf;
    const tokf *wp1 = tf_at(t, tk, n, (long)i + 1, &rp1);
    memcpy(rows, fixed, NFIXED * sizeof *rows);
    size_t r = NFIXED;
    uint32_t np = t->nlabels + 1;
    rows[r++] = t->tab19[p1];
    rows[r++] = t->tab20[p2];
    rows[r++] = t->tab21[p1 * np + p2];
    uint64_t feats[8];
    size_t nf = 0;
    F(22, kg_fmix(w0->norm, p1));
    F(25, kg_fmix(wp1->norm, p1));
    F(28, kg_fmix(w0->suf[2], p1));
    F(34, kg_fmix(w0->amb, p1));
    F(41, kg_fmix(w0->word, p1));
    F(48, kg_fmix(w0->wn, p1));
    kg_ftab_find_many(&t->ftab, feats, nf, rows + r);
    return r + nf;
}

/* 1 when the run-time rows of word i are those of features(). */
static int rows_agree(const kg_tagger *t, const ttok *tk, size_t n, size_t i, uint32_t p1,
                      uint32_t p2, const uint32_t *rows, size_t nr)
{
    tokf tf[512];
    uint64_t feats[MAX_FEATS];
    if (n > 512)
        return 1;
    for (size_t k = 0; k < n; k++)
        tf[k] = tk[k].tf;
    size_t nf = features(tf, n, i, p1, p2, feats);
    return nf == nr && kg_ftab_same_rows(&t->ftab, feats, rows, nf);
}

/* Tag forms[0..n).  The words go into tk[] in tagging order, the last
 * first (tagger.h says why), and their labels back into xpos/upos in the
 * sentence's order. */
static int tag(const kg_tagger *t, kg_tag_scratch *s, size_t n, const char *const *forms,
               const uint32_t *lens, uint16_t *xpos, uint8_t *upos, uint32_t *lex,
               int check)
{
    if (n == 0)
        return 0;
    if (scratch_fit(s, n, t->ftab.npad) < 0)
        return -1;
    if (!s->wcache) {
        s->wcache = kg_malloc(WCACHE_SIZE * sizeof(wcache_ent));
        if (!s->wcache)
            return -1;
        s->wcache_owner = 0;
    }
    if (s->wcache_owner != t->ftab.id) {
        /* another model: its rows mean nothing here */
        wcache_ent *c = s->wcache;
        for (size_t i = 0; i < WCACHE_SIZE; i++)
            c[i].key = 0;
        s->wcache_owner = t->ftab.id;
    }
    ttok *tk = s->tok;
    uint32_t *fixed = s->fixed;
    sentence_rows(t, s, n, forms, lens, tk);
    /* the fixed rows of the words the model tags, looked up in batches */
    uint64_t keys[KG_FTAB_MAX];
    size_t per = KG_FTAB_MAX / NFIXED_KEYS, nb = 0, first = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n) {
            if (tk[i].dict >= 0)
                continue;
            fixed_rows(t, tk, n, i, fixed + i * NFIXED, keys + nb * NFIXED_KEYS);
            if (nb++ == 0)
                first = i;
        }
        if (nb && (i == n || nb == per)) {
            uint32_t found[KG_FTAB_MAX];
            kg_ftab_find_many(&t->ftab, keys, nb * NFIXED_KEYS, found);
            for (size_t j = first, k = 0; k < nb; j++) {
                if (tk[j].dict >= 0)
                    continue;
                memcpy(fixed + j * NFIXED, found + k * NFIXED_KEYS,
                       NFIXED_KEYS * sizeof *found);
                k++;
            }
            nb = 0;
        }
    }
    uint32_t p1 = 0, p2 = 0;
    uint32_t rows[MAX_FEATS];
    int32_t *sc = s->scores;
    int bad = 0;
    /* words whose rows are on their way: [i, ahead) */
    size_t ahead = 0;
    for (size_t i = 0; i < n; i++) {
        int lab = tk[i].dict;
        for (; ahead < n && ahead < i + AHEAD; ahead++)
            if (tk[ahead].dict < 0)
                for (size_t k = 0; k < NFIXED; k++)
                    kg_ftab_prefetch(&t->ftab, fixed[ahead * NFIXED + k]);
        if (lab < 0) {
            size_t nr = word_rows(t, tk, n, i, fixed + i * NFIXED, p1, p2, rows);
            if (check)
                bad += !rows_agree(t, tk, n, i, p1, p2, rows, nr);
            kg_ftab_sum(&t->ftab, rows, nr, sc);
            size_t best;
            kg_ftab_argmax(&t->ftab, sc, t->nlabels, &best);
            lab = (int)best;
        }
        xpos[n - 1 - i] = t->label_xpos[lab];
        upos[n - 1 - i] = t->label_upos[lab];
        if (lex)
            lex[n - 1 - i] = tk[i].tf.lex;
        p2 = p1;
        p1 = (uint32_t)lab + 1;
    }
    return bad;
}

int kg_tagger_tag(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                  const char *const *forms, const uint32_t *lens,
                  uint16_t *xpos, uint8_t *upos)
{
    return tag(t, s, n, forms, lens, xpos, upos, NULL, 0) < 0 ? -1 : 0;
}

int kg_tagger_tag_lex(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                      const char *const *forms, const uint32_t *lens, uint16_t *xpos,
                      uint8_t *upos, uint32_t *lex)
{
    return tag(t, s, n, forms, lens, xpos, upos, lex, 0) < 0 ? -1 : 0;
}

int kg_tagger_selfcheck(const kg_tagger *t, kg_tag_scratch *s, size_t n,
                        const char *const *forms, const uint32_t *lens,
                        uint16_t *xpos, uint8_t *upos)
{
    return tag(t, s, n, forms, lens, xpos, upos, NULL, 1);
}

/* ---- loading ------------------------------------------------------------- */

void kg_tagger_release(kg_tagger *t)
{
    free(t->label_xpos);
    free(t->label_upos);
    free(t->tabs);
    free(t->padtf);
    kg_ftab_release(&t->ftab);
    kg_lexicon_release(&t->lex);
    kg_model_close(&t->file);
    memset(t, 0, sizeof *t);
}

static int finish_load(kg_tagger *t, kg_diag *d)
{
    kg_model_file *f = &t->file;
    size_t nl;
    const char *labels = kg_model_section_get(f, "labels", 1, 1, &nl, d);
    if (!labels)
        return -1;
    if (labels[nl - 1] != '\0')
        goto corrupt;
    /* "XPOS UPOS\n" per label */
    uint32_t count = 0;
    for (size_t i = 0; i + 1 < nl; i++)
        count += labels[i] == '\n';
    /* at most one label per (XPOS, UPOS) pair: tables of label pairs are
     * built at load (build_tables) */
    if (count == 0 || count > KG_XPOS_COUNT * KG_UPOS_COUNT)
        goto corrupt;
    t->label_xpos = kg_calloc(count, sizeof *t->label_xpos);
    t->label_upos = kg_calloc(count, sizeof *t->label_upos);
    if (!t->label_xpos || !t->label_upos) {
        kg_diag_oom(d, "loading the tagger");
        return -1;
    }
    const char *p = labels;
    for (uint32_t i = 0; i < count; i++) {
        const char *sp = strchr(p, ' ');
        const char *nlc = strchr(p, '\n');
        if (!sp || !nlc || sp > nlc)
            goto corrupt;
        int x = kg_xpos_lookup(p, (size_t)(sp - p));
        int u = kg_upos_lookup(sp + 1, (size_t)(nlc - sp - 1));
        if (x < 0 || u < 0) {
            kg_diag_error(d, f->name, 0, 0, "model uses an unknown tag '%.*s'",
                          (int)(nlc - p), p);
            return -1;
        }
        t->label_xpos[i] = (uint16_t)x;
        t->label_upos[i] = (uint8_t)u;
        p = nlc + 1;
    }
    t->nlabels = count;
    if (kg_ftab_load(&t->ftab, f, "tag", d) < 0)
        return -1;
    if (t->ftab.nclasses != count)
        goto corrupt;
    size_t nd;
    t->dict = kg_model_section_get(f, "tagdict", sizeof(kg_kv_slot), 1, &nd, d);
    if (!t->dict)
        return -1;
    if (nd & (nd - 1))
        goto corrupt;
    t->dictmask = (uint32_t)nd - 1;
    size_t empty = 0;
    for (size_t i = 0; i < nd; i++) {
        if (!t->dict[i].key)
            empty++;
        else if (t->dict[i].off >= count)
            goto corrupt;
    }
    if (!empty)
        goto corrupt;
    size_t na;
    t->amb = kg_model_section_get(f, "ambclass", sizeof(kg_kv_slot), 1, &na, d);
    if (!t->amb)
        return -1;
    if (na & (na - 1))
        goto corrupt;
    t->ambmask = (uint32_t)na - 1;
    for (size_t i = 0, e = 0; i < na; i++) {
        e += t->amb[i].key == 0;
        if (i + 1 == na && !e)
            goto corrupt;
    }
    if (build_tables(t) < 0) {
        kg_diag_oom(d, "loading the tagger");
        return -1;
    }
    if (kg_lexicon_load(&t->lex, f, d) < 0)
        return -1;
    return kg_lemma_load(&t->lemma, f, d);
corrupt:
    kg_diag_error(d, f->name, 0, 0, "model file is corrupt (tagger tables)");
    return -1;
}

int kg_tagger_load(kg_tagger *t, const char *path, kg_diag *d)
{
    memset(t, 0, sizeof *t);
    if (kg_model_open(&t->file, path, KG_MODEL_TAGGER, d) < 0)
        return -1;
    if (finish_load(t, d) < 0) {
        kg_tagger_release(t);
        return -1;
    }
    return 0;
}

int kg_tagger_load_mem(kg_tagger *t, const char *name, const void *data,
                       size_t size, kg_diag *d)
{
    memset(t, 0, sizeof *t);
    if (kg_model_open_mem(&t->file, name, data, size, KG_MODEL_TAGGER, d) < 0)
        return -1;
    if (finish_load(t, d) < 0) {
        kg_tagger_release(t);
        return -1;
    }
    return 0;
}

/* ---- training ------------------------------------------------------------ */

void kg_tagger_opts_init(kg_tagger_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 10;
    o->seed = 1;
    o->lemmatizer = 1;
    o->prune = 0.5f;
    o->runs = 1;
}

#define DICT_MIN_FREQ 20
#define DICT_MIN_RATIO 0.97

typedef struct wcount {
    uint64_t key;      /* word hash */
    uint32_t label;
    uint32_t count;
} wcount;

static int cmp_wcount(const void *pa, const void *pb)
{
    const wcount *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->label < b->label ? -1 : a->label > b->label;
}

int kg_tagger_train(const kg_conllu *c, const uint32_t *sents_in,
                    size_t nsents, const kg_tagger_opts *o, kg_buf *out,
                    kg_diag *d)
{
    int rc = -1;
    uint32_t *order = NULL;
    uint32_t *gold = NULL;   /* joint label per word */
    tokf *tf = NULL;
    wcount *wc = NULL;
    kg_kv_slot *dict = NULL;
    kg_kv_slot *amb = NULL;
    uint32_t ambmask = 0;
    kg_percep pc, acc;
    kg_model_writer w;
    kg_model_writer_init(&w);
    kg_percep_init(&pc, 1);
    kg_percep_init(&acc, 1);
    kg_buf labels;
    kg_buf_init(&labels);
    float *scores = NULL;

    if (!sents_in)
        nsents = c->nsents;
    order = kg_malloc((nsents ? nsents : 1) * sizeof *order);
    gold = kg_malloc((c->nwords ? c->nwords : 1) * sizeof *gold);
    if (!order || !gold)
        goto oom;
    for (size_t i = 0; i < nsents; i++)
        order[i] = sents_in ? sents_in[i] : (uint32_t)i;
    /* label set: (xpos, upos) pairs in order of first appearance over the
     * sorted pair space, so it does not depend on sentence order */
    static uint16_t pairmap[KG_XPOS_COUNT][KG_UPOS_COUNT];
    memset(pairmap, 0, sizeof pairmap);
    size_t ntok = 0;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[order[si]];
        for (uint32_t i = 0; i < s->count; i++) {
            const kg_cword *wd = &c->words[s->first + i];
            pairmap[wd->xpos][wd->upos] = 1;
        }
        ntok += s->count;
    }
    uint32_t nlabels = 0;
    for (int x = 0; x < KG_XPOS_COUNT; x++)
        for (int u = 0; u < KG_UPOS_COUNT; u++)
            if (pairmap[x][u]) {
                pairmap[x][u] = (uint16_t)(++nlabels);
                if (kg_buf_printf(&labels, "%s %s\n", kg_xpos_names[x], kg_upos_names[u]) < 0)
                    goto oom;
            }
    if (nlabels == 0) {
        kg_diag_error(d, NULL, 0, 0, "no training sentences");
        goto out;
    }
    if (kg_buf_putc(&labels, '\0') < 0)
        goto oom;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[order[si]];
        for (uint32_t i = 0; i < s->count; i++) {
            const kg_cword *wd = &c->words[s->first + i];
            gold[s->first + i] = pairmap[wd->xpos][wd->upos] - 1u;
        }
    }
    /* tag dictionary */
    wc = kg_malloc((ntok ? ntok : 1) * sizeof *wc);
    if (!wc)
        goto oom;
    size_t nwc = 0;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[order[si]];
        for (uint32_t i = 0; i < s->count; i++) {
            const char *f = c->words[s->first + i].form;
            wc[nwc].key = kg_ftab_key(kg_hash64(f, strlen(f), 1));
            wc[nwc].label = gold[s->first + i];
            wc[nwc].count = 1;
            nwc++;
        }
    }
    qsort(wc, nwc, sizeof *wc, cmp_wcount);
    size_t ndict = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        uint32_t cap = 64;
        if (pass == 1) {
            while ((size_t)cap * 7 < ndict * 10 + 10)
                cap *= 2;
            dict = kg_calloc(cap, sizeof *dict);
            if (!dict)
                goto oom;
        }
        size_t i = 0;
        ndict = 0;
        while (i < nwc) {
            size_t j = i;
            uint32_t best = 0, bestc = 0, tot = 0;
            while (j < nwc && wc[j].key == wc[i].key) {
                size_t k = j;
                while (k < nwc && wc[k].key == wc[i].key && wc[k].label == wc[j].label)
                    k++;
                if (k - j > bestc) {
                    bestc = (uint32_t)(k - j);
                    best = wc[j].label;
                }
                tot += (uint32_t)(k - j);
                j = k;
            }
            if (tot >= DICT_MIN_FREQ && bestc >= DICT_MIN_RATIO * tot) {
                if (pass == 1) {
                    uint32_t s = (uint32_t)wc[i].key & (cap - 1);
                    while (dict[s].key)
                        s = (s + 1) & (cap - 1);
                    dict[s].key = wc[i].key;
                    dict[s].off = best;
                }
                ndict++;
            }
            i = j;
        }
        if (pass == 1 && kg_model_writer_add(&w, "tagdict", dict, cap * sizeof *dict) < 0)
            goto oom;
        if (pass == 1)
            break;
    }
    uint32_t dmask = 0;
    {
        size_t cap = 64;
        while (cap * 7 < ndict * 10 + 10)
            cap *= 2;
        dmask = (uint32_t)cap - 1;
    }
    /* per-token hashes for the whole corpus, computed once, and each
     * sentence's words from here on in the order they are tagged: last
     * to first (see tag()) */
    tf = kg_malloc((c->nwords ? c->nwords : 1) * sizeof *tf);
    if (!tf)
        goto oom;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[order[si]];
        uint32_t *g = gold + s->first;
        for (uint32_t i = 0, j = s->count; i + 1 < j; i++, j--) {
            uint32_t tmp = g[i];
            g[i] = g[j - 1];
            g[j - 1] = tmp;
        }
        for (uint32_t i = 0; i < s->count; i++) {
            const char *f = c->words[s->first + s->count - 1 - i].form;
            token_hashes(o->lex, f, strlen(f), &tf[s->first + i]);
        }
    }
    /* ambiguity classes over the lowercased forms */
    nwc = 0;
    for (size_t si = 0; si < nsents; si++) {
        const kg_csent *s = &c->sents[order[si]];
        for (uint32_t i = 0; i < s->count; i++) {
            wc[nwc].key = kg_ftab_key(tf[s->first + i].norm);
            wc[nwc].label = gold[s->first + i];
            wc[nwc].count = 1;
            nwc++;
        }
    }
    qsort(wc, nwc, sizeof *wc, cmp_wcount);
    {
        size_t nkeys = 0;
        for (size_t i = 0; i < nwc; i++)
            nkeys += i == 0 || wc[i].key != wc[i - 1].key;
        uint32_t cap = 64;
        while ((size_t)cap * 7 < nkeys * 10 + 10)
            cap *= 2;
        amb = kg_calloc(cap, sizeof *amb);
        if (!amb)
            goto oom;
        ambmask = cap - 1;
        size_t i = 0;
        while (i < nwc) {
            size_t j = i;
            while (j < nwc && wc[j].key == wc[i].key)
                j++;
            size_t tot = j - i;
            if (tot >= AMB_MIN_FREQ) {
                uint64_t h = 0x616d62ull;
                for (size_t k = i; k < j;) {
                    size_t q = k;
                    while (q < j && wc[q].label == wc[k].label)
                        q++;
                    if ((q - k) * 20 >= tot)
                        h = kg_fmix(h, wc[k].label + 1);
                    k = q;
                }
                uint32_t sl = (uint32_t)wc[i].key & ambmask;
                while (amb[sl].key)
                    sl = (sl + 1) & ambmask;
                amb[sl].key = wc[i].key;
                amb[sl].off = (uint32_t)h;
                amb[sl].len = (uint32_t)(h >> 32);
            }
            i = j;
        }
        for (size_t si = 0; si < nsents; si++) {
            const kg_csent *s = &c->sents[order[si]];
            for (uint32_t k = 0; k < s->count; k++) {
                tokf *t = &tf[s->first + k];
                set_amb(t, kv_get(amb, ambmask, t->norm, AMB_UNKNOWN));
            }
        }
        if (kg_model_writer_add(&w, "ambclass", amb, (size_t)cap * sizeof *amb) < 0)
            goto oom;
    }
    kg_percep_release(&pc);
    kg_percep_init(&pc, nlabels);
    kg_percep_release(&acc);
    kg_percep_init(&acc, nlabels);
    scores = kg_malloc(nlabels * sizeof *scores);
    if (!scores)
        goto oom;
    uint64_t feats[MAX_FEATS];
    /* runs > 1: that many taggers, each on its own shuffles, averaged into
     * acc (as the parser's runs are) */
    const int runs = o->runs > 1 ? o->runs : 1;
    const double keep = 1.0 - o->dropout; /* a feature's chance in a step */
    for (int run = 0; run < runs; run++) {
        uint64_t rng = (o->seed ? o->seed : 1) + (uint64_t)run * 7919u;
        if (run > 0) {
            kg_percep_release(&pc);
            kg_percep_init(&pc, nlabels);
        }
        for (int ep = 0; ep < o->epochs; ep++) {
            kg_rand_shuffle(order, nsents, &rng);
            size_t right = 0, total = 0;
            for (size_t si = 0; si < nsents; si++) {
                const kg_csent *s = &c->sents[order[si]];
                const tokf *st = &tf[s->first];
                uint32_t p1 = 0, p2 = 0;
                for (uint32_t i = 0; i < s->count; i++) {
                    uint32_t g = gold[s->first + i];
                    int lab = dict_lookup(dict, dmask, st[i].dictkey);
                    if (lab < 0) {
                        size_t nf = features(st, s->count, i, p1, p2, feats);
                        if (o->dropout > 0)
                            nf = kg_rand_keep(feats, nf, keep, &rng);
                        kg_percep_score(&pc, feats, nf, scores);
                        lab = 0;
                        for (uint32_t k = 1; k < nlabels; k++)
                            if (scores[k] > scores[lab])
                                lab = (int)k;
                        kg_percep_tick(&pc);
                        if ((uint32_t)lab != g &&
                            kg_percep_update(&pc, feats, nf, g, (uint32_t)lab) < 0)
                            goto oom;
                    }
                    right += (uint32_t)lab == g;
                    total++;
                    p2 = p1;
                    p1 = (uint32_t)lab + 1;
                }
            }
            if (o->log)
                fprintf(o->log, "tagger epoch %d: %.2f%% on training data, %zu features\n",
                        ep + 1, total ? 100.0 * (double)right / (double)total : 0.0, pc.n);
        }
        if (runs > 1 && kg_percep_absorb(&acc, &pc) < 0)
            goto oom;
    }
    if (kg_model_writer_add(&w, "labels", labels.data, labels.len) < 0 ||
        kg_percep_export(runs > 1 ? &acc : &pc, &w, "tag", o->prune) < 0 ||
        kg_lexicon_write(o->lex, &w) < 0)
        goto oom;
    if (o->lemmatizer) {
        if (kg_lemma_train(c, order, nsents, &w) < 0)
            goto oom;
    } else {
        /* an empty lemmatizer: every lemma is the form */
        kg_kv_slot empty[2];
        memset(empty, 0, sizeof empty);
        if (kg_model_writer_add(&w, "lem.lex", empty, sizeof empty) < 0 ||
            kg_model_writer_add(&w, "lem.suf", empty, sizeof empty) < 0 ||
            kg_model_writer_add(&w, "lem.rules", NULL, 0) < 0 ||
            kg_model_writer_add(&w, "lem.pool", "", 1) < 0)
            goto oom;
    }
    if (kg_model_writer_finish(&w, KG_MODEL_TAGGER, out) < 0)
        goto oom;
    rc = 0;
    goto out;
oom:
    kg_diag_oom(d, "training the tagger");
out:
    free(order);
    free(gold);
    free(tf);
    free(wc);
    free(dict);
    free(amb);
    free(scores);
    kg_percep_release(&pc);
    kg_percep_release(&acc);
    kg_model_writer_release(&w);
    kg_buf_release(&labels);
    return rc;
}
