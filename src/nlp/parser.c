#include "base/alloc.h"
#include "nlp/parser.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "nlp/percep.h"
#include "nlp/tagger.h"
#include "nlp/tags.h"

enum {
    NLAB = KG_DEP_COUNT - 1,    /* parser label l = kg_deprel index l */
    NCLASS = 1 + 2 * NLAB,
    MAX_FEATS = 128,
    P_ROOT = 62,
    P_NONE = 63,
    L_NONE = 63,
};

#define TOK_ROOT_W 0x524f4f54ull
#define TOK_NONE_W 0x4e4f4e45ull

/* ---- state --------------------------------------------------------------- */

typedef struct ptok {
    uint64_t w, wp;   /* word (lowercased, digits folded), word+tag */
    uint32_t p;       /* XPOS */
    uint32_t c;       /* lexicon cluster + 1, 0 = unknown word */
} ptok;

/* Token 0 is ROOT; token n+1 stands for "no such token". */
typedef struct state {
    int n, none;
    int sp, b;
    int *stack;
    int *lc1, *lc2, *rc1, *rc2;
    int16_t *head;
    uint8_t *lab;
    uint8_t *onstack;
    uint16_t *nl, *nr;
    uint64_t *lset, *rset;
    ptok *tk;
    uint32_t *memo;   /* run time only: NMEMO feature rows per token */
} state;

static size_t state_bytes(size_t n)
{
    size_t m = n + 2;
    return m * (sizeof(ptok) + 5 * sizeof(int) + sizeof(int16_t) + 2 +
                2 * sizeof(uint16_t) + 2 * sizeof(uint64_t) +
                KG_PARSER_NMEMO * sizeof(uint32_t));
}

/* Carve the arrays out of mem (aligned for the widest type first). */
static void state_init(state *st, void *mem, int n)
{
    size_t m = (size_t)n + 2;
    char *p = mem;
    st->tk = (ptok *)p;
    p += m * sizeof(ptok);
    st->lset = (uint64_t *)p;
    p += m * sizeof(uint64_t);
    st->rset = (uint64_t *)p;
    p += m * sizeof(uint64_t);
    st->memo = (uint32_t *)p;
    p += m * KG_PARSER_NMEMO * sizeof(uint32_t);
    st->stack = (int *)p;
    p += m * sizeof(int);
    st->lc1 = (int *)p;
    p += m * sizeof(int);
    st->lc2 = (int *)p;
    p += m * sizeof(int);
    st->rc1 = (int *)p;
    p += m * sizeof(int);
    st->rc2 = (int *)p;
    p += m * sizeof(int);
    st->head = (int16_t *)p;
    p += m * sizeof(int16_t);
    st->nl = (uint16_t *)p;
    p += m * sizeof(uint16_t);
    st->nr = (uint16_t *)p;
    p += m * sizeof(uint16_t);
    st->lab = (uint8_t *)p;
    p += m;
    st->onstack = (uint8_t *)p;
    st->n = n;
    st->none = n + 1;
    for (size_t i = 0; i < m; i++) {
        st->lc1[i] = st->lc2[i] = st->rc1[i] = st->rc2[i] = -1;
        st->head[i] = -1;
        st->lab[i] = 0;
        st->onstack[i] = 0;
        st->nl[i] = st->nr[i] = 0;
        st->lset[i] = st->rset[i] = 0;
    }
    st->lab[n + 1] = L_NONE;
    st->stack[0] = 0;
    st->onstack[0] = 1;
    st->sp = 1;
    st->b = 1;
}

static uint64_t norm_hash(const char *s, size_t n)
{
    char low[128];
    size_t ln = n < sizeof low ? n : sizeof low;
    for (size_t i = 0; i < ln; i++) {
        char c = s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (c >= '0' && c <= '9') ? '0' : c;
    }
    return kg_hash64(low, ln, 0x706172ull + n);
}

/* Clusters of the pseudo-tokens: beyond any word's. */
#define C_ROOT (KG_LEX_MAX_CLUSTERS + 1)
#define C_NONE (KG_LEX_MAX_CLUSTERS + 2)

/* lexv: the words' lexicon values when the tagger already has them
 * (else, with a lexicon, each word is looked up). */
static void set_tokens(state *st, const kg_lexicon *lex, const uint32_t *lexv,
                       const char *const *forms, const uint32_t *lens, const uint16_t *xpos)
{
    ptok *tk = st->tk;
    tk[0].w = TOK_ROOT_W;
    tk[0].p = P_ROOT;
    tk[0].c = C_ROOT;
    tk[st->none].w = TOK_NONE_W;
    tk[st->none].p = P_NONE;
    tk[st->none].c = C_NONE;
    for (int i = 1; i <= st->n; i++) {
        tk[i].w = norm_hash(forms[i - 1], lens[i - 1]);
        tk[i].p = xpos[i - 1] < P_ROOT ? xpos[i - 1] : 0;
        tk[i].c = !lex ? 0
                : KG_LEX_CLUSTER(lexv ? lexv[i - 1]
                                      : kg_lexicon_get(lex, forms[i - 1], lens[i - 1]));
    }
    for (int i = 0; i <= st->none; i++)
        tk[i].wp = kg_fmix(tk[i].w, tk[i].p);
}

static inline int terminal(const state *st)
{
    return st->b > st->n && st->sp == 1;
}

static inline int can_shift(const state *st)
{
    return st->b <= st->n;
}

static inline int can_left(const state *st)
{
    return st->b <= st->n && st->sp >= 2;
}

static inline int can_right(const state *st)
{
    return st->sp >= 3 || (st->sp == 2 && st->b > st->n);
}

static void attach(state *st, int h, int d, int l)
{
    st->head[d] = (int16_t)h;
    st->lab[d] = (uint8_t)l;
    if (d < h) {
        st->nl[h]++;
        st->lset[h] |= 1ull << l;
        if (st->lc1[h] < 0 || d < st->lc1[h]) {
            st->lc2[h] = st->lc1[h];
            st->lc1[h] = d;
        } else if (st->lc2[h] < 0 || d < st->lc2[h]) {
            st->lc2[h] = d;
        }
    } else {
        st->nr[h]++;
        st->rset[h] |= 1ull << l;
        if (st->rc1[h] < 0 || d > st->rc1[h]) {
            st->rc2[h] = st->rc1[h];
            st->rc1[h] = d;
        } else if (st->rc2[h] < 0 || d > st->rc2[h]) {
            st->rc2[h] = d;
        }
    }
}

static void apply(state *st, int cls)
{
    if (cls == 0) {
        st->onstack[st->b] = 1;
        st->stack[st->sp++] = st->b++;
    } else if (cls <= NLAB) {
        int s0 = st->stack[--st->sp];
        st->onstack[s0] = 0;
        attach(st, st->b, s0, cls);
    } else {
        int s0 = st->stack[--st->sp];
        st->onstack[s0] = 0;
        attach(st, st->stack[st->sp - 1], s0, cls - NLAB);
    }
}

/* ---- features ------------------------------------------------------------ */

#define T(t) ((uint64_t)(t) * 0x9E3779B97F4A7C15ull + 0x5851F42D4C957F2Dull)
#define A(t, v) (f[k++] = kg_ftab_key(kg_fmix(T(t), (uint64_t)(v))))
#define B(t, u, v) (f[k++] = kg_ftab_key(kg_fmix(kg_fmix(T(t), (uint64_t)(u)), (uint64_t)(v))))
#define C(t, u, v, x) \
    (f[k++] = kg_ftab_key(kg_fmix(kg_fmix(kg_fmix(T(t), (uint64_t)(u)), (uint64_t)(v)), (uint64_t)(x))))
#define P3(a, b, c) ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16)

static inline int dist_bucket(int d)
{
    if (d < 0)
        d = -d;
    if (d <= 4)
        return d;
    if (d <= 6)
        return 5;
    if (d <= 10)
        return 6;
    return 7;
}

static inline int clip(int v)
{
    return v > 6 ? 6 : v;
}

/* The tokens the feature templates look at: the top three of the stack,
 * the first three of the buffer, and the children the templates name
 * (leftmost/second-leftmost l1/l2, rightmost r1/r2); st->none where there
 * is no such token.  One definition for training and the fast path, so the
 * two cannot disagree on what s0 or b0l1 is. */
typedef struct window {
    int s0, s1, s2, b0, b1, b2;
    int s0l1, s0l2, s0r1, s0r2, b0l1, b0l2, s1l1, s1r1;
} window;

static inline window state_window(const state *st)
{
    const int nn = st->none;
    window w;
    w.s0 = st->sp >= 1 ? st->stack[st->sp - 1] : nn;
    w.s1 = st->sp >= 2 ? st->stack[st->sp - 2] : nn;
    w.s2 = st->sp >= 3 ? st->stack[st->sp - 3] : nn;
    w.b0 = st->b <= st->n ? st->b : nn;
    w.b1 = st->b + 1 <= st->n ? st->b + 1 : nn;
    w.b2 = st->b + 2 <= st->n ? st->b + 2 : nn;
#define CH(arr, x) ((x) == nn || st->arr[x] < 0 ? nn : st->arr[x])
    w.s0l1 = CH(lc1, w.s0);
    w.s0l2 = CH(lc2, w.s0);
    w.s0r1 = CH(rc1, w.s0);
    w.s0r2 = CH(rc2, w.s0);
    w.b0l1 = CH(lc1, w.b0);
    w.b0l2 = CH(lc2, w.b0);
    w.s1l1 = CH(lc1, w.s1);
    w.s1r1 = CH(rc1, w.s1);
#undef CH
    return w;
}

/* Templates 30-41 (tag triples of the window) and 79-95 (the children's
 * labels and tags, label sets, their combinations with words) are hashed
 * alike by the trainer and at run time: one definition for features() and
 * runtime_features(), called where features() lists them so that the
 * trainer sums its features in the same order as before. */
static inline size_t tag_triples(const state *st, const window *w, uint64_t *f, size_t k)
{
    const ptok *tk = st->tk;
    const int s0l1 = w->s0l1, s0r1 = w->s0r1, b0l1 = w->b0l1, s1l1 = w->s1l1,
              s1r1 = w->s1r1;
    const uint32_t s0p = tk[w->s0].p, s1p = tk[w->s1].p, s2p = tk[w->s2].p,
                   b0p = tk[w->b0].p, b1p = tk[w->b1].p, b2p = tk[w->b2].p;
    A(30, P3(b0p, b1p, b2p)); A(31, P3(s0p, b0p, b1p)); A(32, P3(s1p, s0p, b0p));
    A(33, P3(s2p, s1p, s0p)); A(34, P3(s1p, s0p, b1p));
    A(35, P3(s0p, tk[s0l1].p, b0p)); A(36, P3(s0p, tk[s0r1].p, b0p));
    A(37, P3(s0p, b0p, tk[b0l1].p)); A(38, P3(s1p, tk[s1r1].p, s0p));
    A(39, P3(s1p, s0p, tk[s0l1].p)); A(40, P3(s1p, s0p, tk[s0r1].p));
    A(41, P3(s1p, tk[s1l1].p, s0p));
    return k;
}

static inline size_t child_features(const state *st, const window *w, uint64_t *f,
                                    size_t k)
{
    const ptok *tk = st->tk;
    const uint8_t *lab = st->lab;
    const int s0 = w->s0, s1 = w->s1, b0 = w->b0;
    const int s0l1 = w->s0l1, s0l2 = w->s0l2, s0r1 = w->s0r1, s0r2 = w->s0r2,
              b0l1 = w->b0l1, b0l2 = w->b0l2, s1r1 = w->s1r1;
    const ptok *S0 = &tk[s0], *S1 = &tk[s1], *B0 = &tk[b0];
    const uint32_t s0p = S0->p, s1p = S1->p, b0p = B0->p;
    A(79, P3(s0p, lab[s0l1], lab[s0l2])); A(80, P3(s0p, lab[s0r1], lab[s0r2]));
    A(81, P3(b0p, lab[b0l1], lab[b0l2])); A(82, P3(s0p, tk[s0l1].p, tk[s0l2].p));
    A(83, P3(s0p, tk[s0r1].p, tk[s0r2].p)); A(84, P3(b0p, tk[b0l1].p, tk[b0l2].p));

    B(85, S0->w, st->lset[s0]); B(86, s0p, st->lset[s0]);
    B(87, S0->w, st->rset[s0]); B(88, s0p, st->rset[s0]);
    B(89, B0->w, st->lset[b0]); B(90, b0p, st->lset[b0]);
    B(91, s1p, st->rset[s1]);

    B(92, P3(s0p, lab[s0l1], b0p), S0->w); B(93, P3(s1p, lab[s1r1], s0p), S1->w);
    C(94, S1->w, s0p, b0p); C(95, S0->w, s1p, b0p);
    return k;
}

/* Templates 100-109: the clusters of s0, b0, s1, b1 alone, of the pairs
 * s0-b0 and s1-s0, and of each with the other's tag.  A word the
 * treebank never showed still has a cluster, shared with words it did
 * show.  Looked up through the cache at run time, like child_features. */
static inline size_t cluster_features(const state *st, const window *w, uint64_t *f,
                                      size_t k)
{
    const ptok *tk = st->tk;
    const ptok *S0 = &tk[w->s0], *S1 = &tk[w->s1], *B0 = &tk[w->b0], *B1 = &tk[w->b1];
    A(100, S0->c); A(101, B0->c); A(102, S1->c); A(103, B1->c);
    B(104, S0->c, B0->c); B(105, S0->c, B0->p); B(106, S0->p, B0->c);
    B(107, S1->c, S0->c); B(108, S1->c, S0->p); B(109, S1->p, S0->c);
    return k;
}

static size_t features(const state *st, uint64_t *f)
{
    size_t k = 0;
    const int nn = st->none;
    const ptok *tk = st->tk;
    const window w = state_window(st);
    const int s0 = w.s0, s1 = w.s1, s2 = w.s2, b0 = w.b0, b1 = w.b1, b2 = w.b2;
    const int s0l1 = w.s0l1, s0l2 = w.s0l2, s0r1 = w.s0r1, s0r2 = w.s0r2;
    const int b0l1 = w.b0l1, b0l2 = w.b0l2, s1l1 = w.s1l1, s1r1 = w.s1r1;
    const ptok *S0 = &tk[s0], *S1 = &tk[s1], *S2 = &tk[s2];
    const ptok *B0 = &tk[b0], *B1 = &tk[b1], *B2 = &tk[b2];
    uint32_t s0p = S0->p, s1p = S1->p, s2p = S2->p, b0p = B0->p, b1p = B1->p, b2p = B2->p;
    int d1 = (s0 != nn && b0 != nn) ? dist_bucket(b0 - s0) : 15;
    int d2 = (s1 != nn && s0 != nn) ? dist_bucket(s0 - s1) : 15;
    const uint8_t *lab = st->lab;

    A(1, S0->w); A(2, s0p); A(3, S0->wp);
    A(4, S1->w); A(5, s1p); A(6, S1->wp);
    A(7, B0->w); A(8, b0p); A(9, B0->wp);
    A(10, B1->w); A(11, b1p); A(12, B1->wp);
    A(13, B2->w); A(14, b2p); A(15, s2p); A(16, S2->w);

    B(17, S0->wp, B0->wp); B(18, S0->wp, B0->w); B(19, S0->w, B0->wp);
    B(20, S0->wp, b0p); B(21, s0p, B0->wp); B(22, S0->w, B0->w);
    A(23, P3(s0p, b0p, 0)); A(24, P3(b0p, b1p, 0));
    B(25, S1->wp, S0->wp); B(26, S1->w, S0->w); A(27, P3(s1p, s0p, 0));
    B(28, S1->wp, s0p); B(29, s1p, S0->wp);

    k = tag_triples(st, &w, f, k);

    B(42, S0->w, d1); A(43, P3(s0p, d1, 0)); B(44, B0->w, d1); A(45, P3(b0p, d1, 0));
    C(46, S0->w, B0->w, d1); A(47, P3(s0p, b0p, d1)); A(48, P3(s1p, s0p, d2));
    C(49, S1->w, S0->w, d2);

    int s0vl = clip(st->nl[s0]), s0vr = clip(st->nr[s0]);
    int s1vl = clip(st->nl[s1]), s1vr = clip(st->nr[s1]), b0vl = clip(st->nl[b0]);
    B(50, S0->w, s0vr); A(51, P3(s0p, s0vr, 0)); B(52, S0->w, s0vl); A(53, P3(s0p, s0vl, 0));
    B(54, S1->w, s1vr); A(55, P3(s1p, s1vr, 0)); A(56, P3(s1p, s1vl, 0));
    B(57, B0->w, b0vl); A(58, P3(b0p, b0vl, 0));

    A(59, tk[s0l1].w); A(60, tk[s0l1].p); A(61, lab[s0l1]);
    A(62, tk[s0r1].w); A(63, tk[s0r1].p); A(64, lab[s0r1]);
    A(65, tk[s0l2].p); A(66, lab[s0l2]); A(67, tk[s0r2].p); A(68, lab[s0r2]);
    A(69, tk[b0l1].w); A(70, tk[b0l1].p); A(71, lab[b0l1]);
    A(72, tk[b0l2].p); A(73, lab[b0l2]);
    A(74, tk[s1r1].w); A(75, tk[s1r1].p); A(76, lab[s1r1]);
    A(77, tk[s1l1].p); A(78, lab[s1l1]);

    k = child_features(st, &w, f, k);
    k = cluster_features(st, &w, f, k);
    return k;
}

/* ---- features at run time ------------------------------------------------
 *
 * The same features, but most rows are found without hashing: a
 * feature of a tag, a label or a pair of tags has few values, and the
 * rows of all of them are looked up at load (kg_parser.tabs); a feature
 * of one token's word is looked up once per token and sentence
 * (state.memo; ROOT and "none" at load).  Only the combinations are
 * hashed and looked up per transition.  Same keys as features(), hence
 * the same rows; kg_parser_selfcheck() compares the two. */

/* Memoised word features: template and whether it hashes w or wp. */
static const struct {
    uint8_t t, wp;
} memo_tmpl[KG_PARSER_NMEMO] = {
    {1, 0}, {3, 1}, {4, 0}, {6, 1}, {7, 0}, {9, 1}, {10, 0},
    {12, 1}, {13, 0}, {16, 0}, {59, 0}, {62, 0}, {69, 0}, {74, 0},
};
enum { M1, M3, M4, M6, M7, M9, M10, M12, M13, M16, M59, M62, M69, M74 };

/* Tabulated features: A(t, v) for v < 64 (a tag or a label); A(t, P3(a,
 * b, 0)) for a < 64 and b < 64 (pairs), b < 16 (distances), b < 8
 * (valencies), indexed a | b << 6. */
static const uint8_t tab64_tmpl[] = {2,  5,  8,  11, 14, 15, 60, 63, 65, 67, 70,
                                     72, 75, 77, 61, 64, 66, 68, 71, 73, 76, 78};
static const struct {
    uint8_t t;
    uint8_t bbits;
} tab2_tmpl[] = {{23, 6}, {24, 6}, {27, 6}, {43, 4}, {45, 4},
                 {51, 3}, {53, 3}, {55, 3}, {56, 3}, {58, 3}};

static uint64_t key1(int t, uint64_t v)
{
    uint64_t f[1];
    size_t k = 0;
    A(t, v);
    return f[0];
}

/* Offsets of each template's table in kg_parser.tabs, by template. */
static void tab_layout(uint32_t *base, size_t *total)
{
    size_t off = 0;
    for (size_t i = 0; i < sizeof tab64_tmpl; i++) {
        base[tab64_tmpl[i]] = (uint32_t)off;
        off += 64;
    }
    for (size_t i = 0; i < sizeof tab2_tmpl / sizeof tab2_tmpl[0]; i++) {
        base[tab2_tmpl[i].t] = (uint32_t)off;
        off += (size_t)64 << tab2_tmpl[i].bbits;
    }
    *total = off;
}

static int build_tables(kg_parser *p)
{
    size_t total;
    tab_layout(p->tabbase, &total);
    p->tabs = kg_malloc(total * sizeof *p->tabs);
    if (!p->tabs)
        return -1;
    for (size_t i = 0; i < sizeof tab64_tmpl; i++)
        for (uint64_t v = 0; v < 64; v++)
            p->tabs[p->tabbase[tab64_tmpl[i]] + v] =
                kg_ftab_find(&p->ftab, key1(tab64_tmpl[i], v));
    for (size_t i = 0; i < sizeof tab2_tmpl / sizeof tab2_tmpl[0]; i++)
        for (uint64_t a = 0; a < 64; a++)
            for (uint64_t b = 0; b < (1u << tab2_tmpl[i].bbits); b++)
                p->tabs[p->tabbase[tab2_tmpl[i].t] + (a | b << 6)] =
                    kg_ftab_find(&p->ftab, key1(tab2_tmpl[i].t, P3(a, b, 0)));
    /* ROOT and the "none" token are the same in every sentence */
    static const uint64_t w[2] = {TOK_ROOT_W, TOK_NONE_W};
    static const uint32_t pos[2] = {P_ROOT, P_NONE};
    for (int j = 0; j < 2; j++)
        for (int m = 0; m < KG_PARSER_NMEMO; m++)
            p->fixed_memo[j][m] = kg_ftab_find(
                &p->ftab, key1(memo_tmpl[m].t, memo_tmpl[m].wp ? kg_fmix(w[j], pos[j]) : w[j]));
    return 0;
}

/* A per-thread memory of the memoised rows of recent words (by word and
 * tag: a cache line per entry), kept in the scratch from sentence to
 * sentence: most words of an article were seen a few sentences before. */
typedef struct wmemo {
    uint64_t wp;       /* kg_ftab_key(the token's word+tag hash); 0 = empty */
    uint32_t rows[KG_PARSER_NMEMO];
} wmemo;

#define WMEMO_SIZE 4096u

static inline size_t wmemo_slot(uint64_t wp)
{
    return (size_t)(wp >> 40) & (WMEMO_SIZE - 1);
}

/* The memoised rows of tokens 1..n: from the cache, or looked up in
 * batches.  -1 when the cache cannot be allocated. */
static int set_memo(const kg_parser *p, kg_parse_scratch *s, state *st)
{
    if (!s->wmemo) {
        s->wmemo = kg_calloc(WMEMO_SIZE, sizeof(wmemo));
        if (!s->wmemo)
            return -1;
        s->wmemo_owner = p->ftab.id;
    }
    wmemo *cache = s->wmemo;
    if (s->wmemo_owner != p->ftab.id) {
        /* another model: its rows mean nothing here */
        memset(cache, 0, WMEMO_SIZE * sizeof *cache);
        s->wmemo_owner = p->ftab.id;
    }
    memcpy(st->memo, p->fixed_memo[0], sizeof p->fixed_memo[0]);
    memcpy(st->memo + (size_t)st->none * KG_PARSER_NMEMO, p->fixed_memo[1],
           sizeof p->fixed_memo[1]);
    uint64_t keys[KG_FTAB_MAX];
    uint32_t rows[KG_FTAB_MAX];
    int pend[KG_FTAB_MAX / KG_PARSER_NMEMO];
    size_t np = 0;
    for (int i = 1; i <= st->n + 1; i++) {
        if (i <= st->n) {
            const ptok *t = &st->tk[i];
            const wmemo *e = &cache[wmemo_slot(t->wp)];
            if (e->wp == kg_ftab_key(t->wp)) {
                memcpy(st->memo + (size_t)i * KG_PARSER_NMEMO, e->rows, sizeof e->rows);
                continue;
            }
            for (int m = 0; m < KG_PARSER_NMEMO; m++)
                keys[np * KG_PARSER_NMEMO + (size_t)m] =
                    key1(memo_tmpl[m].t, memo_tmpl[m].wp ? t->wp : t->w);
            pend[np++] = i;
        }
        if (np && (i > st->n || np == KG_FTAB_MAX / KG_PARSER_NMEMO)) {
            kg_ftab_find_many(&p->ftab, keys, np * KG_PARSER_NMEMO, rows);
            for (size_t j = 0; j < np; j++) {
                const uint32_t *r = rows + j * KG_PARSER_NMEMO;
                memcpy(st->memo + (size_t)pend[j] * KG_PARSER_NMEMO, r,
                       KG_PARSER_NMEMO * sizeof *r);
                wmemo *e = &cache[wmemo_slot(st->tk[pend[j]].wp)];
                e->wp = kg_ftab_key(st->tk[pend[j]].wp);
                memcpy(e->rows, r, sizeof e->rows);
            }
            np = 0;
        }
    }
    return 0;
}

/* rows[0..return) from the tables and memos; f[0..*nf) to look up through
 * the cache (the features of tags, labels and single words: they come
 * back often), u[0..*nu) to look up directly (pairs of words: they
 * rarely do, and would only push the others out). */
static size_t runtime_features(const kg_parser *p, const state *st, uint32_t *rows,
                               uint64_t *f, size_t *nf, uint64_t *u, size_t *nu)
{
    size_t k = 0, r = 0, ku = 0;
    const int nn = st->none;
    const ptok *tk = st->tk;
    const window w = state_window(st);
    const int s0 = w.s0, s1 = w.s1, s2 = w.s2, b0 = w.b0, b1 = w.b1, b2 = w.b2;
    const int s0l1 = w.s0l1, s0l2 = w.s0l2, s0r1 = w.s0r1, s0r2 = w.s0r2;
    const int b0l1 = w.b0l1, b0l2 = w.b0l2, s1l1 = w.s1l1, s1r1 = w.s1r1;
    const ptok *S0 = &tk[s0], *S1 = &tk[s1];
    const ptok *B0 = &tk[b0];
    uint32_t s0p = S0->p, s1p = S1->p, s2p = tk[s2].p, b0p = B0->p, b1p = tk[b1].p,
             b2p = tk[b2].p;
    int d1 = (s0 != nn && b0 != nn) ? dist_bucket(b0 - s0) : 15;
    int d2 = (s1 != nn && s0 != nn) ? dist_bucket(s0 - s1) : 15;
    const uint8_t *lab = st->lab;
    const uint32_t *tabs = p->tabs;
    const uint32_t *tb = p->tabbase;
#define MEMO(tok, m) (rows[r++] = st->memo[(size_t)(tok) * KG_PARSER_NMEMO + (m)])
#define BU(t, a, b) (u[ku++] = kg_ftab_key(kg_fmix(kg_fmix(T(t), (uint64_t)(a)), (uint64_t)(b))))
#define CU(t, a, b, c)                                                                 \
    (u[ku++] = kg_ftab_key(kg_fmix(kg_fmix(kg_fmix(T(t), (uint64_t)(a)), (uint64_t)(b)), \
                                   (uint64_t)(c))))
#define TAB(t, v) (rows[r++] = tabs[tb[t] + (v)])
#define TAB2(t, a, b) (rows[r++] = tabs[tb[t] + ((a) | (uint32_t)(b) << 6)])

    MEMO(s0, M1); TAB(2, s0p); MEMO(s0, M3);
    MEMO(s1, M4); TAB(5, s1p); MEMO(s1, M6);
    MEMO(b0, M7); TAB(8, b0p); MEMO(b0, M9);
    MEMO(b1, M10); TAB(11, b1p); MEMO(b1, M12);
    MEMO(b2, M13); TAB(14, b2p); TAB(15, s2p); MEMO(s2, M16);

    BU(17, S0->wp, B0->wp); BU(18, S0->wp, B0->w); BU(19, S0->w, B0->wp);
    B(20, S0->wp, b0p); B(21, s0p, B0->wp); BU(22, S0->w, B0->w);
    TAB2(23, s0p, b0p); TAB2(24, b0p, b1p);
    BU(25, S1->wp, S0->wp); BU(26, S1->w, S0->w); TAB2(27, s1p, s0p);
    B(28, S1->wp, s0p); B(29, s1p, S0->wp);

    k = tag_triples(st, &w, f, k);

    B(42, S0->w, d1); TAB2(43, s0p, d1); B(44, B0->w, d1); TAB2(45, b0p, d1);
    CU(46, S0->w, B0->w, d1); A(47, P3(s0p, b0p, d1)); A(48, P3(s1p, s0p, d2));
    CU(49, S1->w, S0->w, d2);

    int s0vl = clip(st->nl[s0]), s0vr = clip(st->nr[s0]);
    int s1vl = clip(st->nl[s1]), s1vr = clip(st->nr[s1]), b0vl = clip(st->nl[b0]);
    B(50, S0->w, s0vr); TAB2(51, s0p, s0vr); B(52, S0->w, s0vl); TAB2(53, s0p, s0vl);
    B(54, S1->w, s1vr); TAB2(55, s1p, s1vr); TAB2(56, s1p, s1vl);
    B(57, B0->w, b0vl); TAB2(58, b0p, b0vl);

    MEMO(s0l1, M59); TAB(60, tk[s0l1].p); TAB(61, lab[s0l1]);
    MEMO(s0r1, M62); TAB(63, tk[s0r1].p); TAB(64, lab[s0r1]);
    TAB(65, tk[s0l2].p); TAB(66, lab[s0l2]); TAB(67, tk[s0r2].p); TAB(68, lab[s0r2]);
    MEMO(b0l1, M69); TAB(70, tk[b0l1].p); TAB(71, lab[b0l1]);
    TAB(72, tk[b0l2].p); TAB(73, lab[b0l2]);
    MEMO(s1r1, M74); TAB(75, tk[s1r1].p); TAB(76, lab[s1r1]);
    TAB(77, tk[s1l1].p); TAB(78, lab[s1l1]);

    k = child_features(st, &w, f, k);
    k = cluster_features(st, &w, f, k);
#undef MEMO
#undef BU
#undef CU
#undef TAB
#undef TAB2
    *nf = k;
    *nu = ku;
    return r;
}

#undef A
#undef B
#undef C

/* ---- decoding ------------------------------------------------------------ */

void kg_parse_scratch_init(kg_parse_scratch *s)
{
    memset(s, 0, sizeof *s);
}

void kg_parse_scratch_release(kg_parse_scratch *s)
{
    for (int w = 0; w < KG_PARSE_WAYS; w++) {
        free(s->mem[w]);
        free(s->scores[w]);
    }
    free(s->wmemo);
    kg_ftab_cache_release(&s->cache);
    kg_nnp_scratch_release(&s->nn);
    memset(s, 0, sizeof *s);
}

/* Room in way w for a sentence of n words. */
static int scratch_fit(kg_parse_scratch *s, int w, size_t n, uint32_t nscores)
{
    if (n > s->cap[w] || !s->mem[w]) {
        size_t c = s->cap[w] ? s->cap[w] : 64;
        while (c < n)
            c *= 2;
        void *p = kg_malloc(state_bytes(c));
        if (!p)
            return -1;
        free(s->mem[w]);
        s->mem[w] = p;
        s->cap[w] = c;
    }
    if (s->nscores < nscores) {
        for (int k = 0; k < KG_PARSE_WAYS; k++) {
            int32_t *p = kg_realloc(s->scores[k], nscores * sizeof *p);
            if (!p)
                return -1;
            s->scores[k] = p;
        }
        s->nscores = nscores;
    }
    return 0;
}

/* The best valid transition; *gap receives its lead over the best other
 * valid transition (INT32_MAX when it was the only one). */
static int best_valid_i32(const kg_ftab *t, const state *st, const int32_t *sc,
                          int64_t *gap)
{
    /* Taking the first strictly greater score over SHIFT, then the LEFT
     * labels, then the RIGHT ones is taking the best of the three groups'
     * maxima, the earlier group on a tie, at the group's first index. */
    const int valid[3] = {can_shift(st), can_left(st), can_right(st)};
    int32_t m[3];
    size_t at[3];
    m[0] = sc[0];
    at[0] = 0;
    m[1] = kg_ftab_argmax(t, sc + 1, NLAB, &at[1]);
    m[2] = kg_ftab_argmax(t, sc + 1 + NLAB, NLAB, &at[2]);
    int g = -1;
    for (int k = 0; k < 3; k++)
        if (valid[k] && (g < 0 || m[k] > m[g]))
            g = k;
    /* runner-up among the valid transitions with another structure (a
     * different label on the same arc is no doubt about the head) */
    int64_t second = INT64_MIN;
    for (int k = 0; k < 3; k++)
        if (valid[k] && k != g && m[k] > second)
            second = m[k];
    *gap = second == INT64_MIN ? INT32_MAX : (int64_t)m[g] - second;
    if (g == 0)
        return 0;
    /* The label "root" belongs to the arc from ROOT and to no other
     * (UD; the trainer only ever sees it there, but its weights still
     * propose it elsewhere: 77 arcs of EWT dev did, and 54 arcs from ROOT
     * had another label).  Likewise "punct" belongs to punctuation and
     * to nothing else: the weights had given it to "violate" in "the
     * office ... might violate U.S. sanctions" of the example article,
     * losing the clause.  The arc stays the one chosen; only its label is
     * the best allowed (kg_parser_label_allowed). */
    const int32_t *lab = sc + 1 + (g == 2 ? NLAB : 0);
    const int from_root = g == 2 && st->sp == 2;
    const uint32_t dep = st->tk[st->stack[st->sp - 1]].p;
    size_t l = at[g];
    if (!kg_parser_label_allowed(l, from_root, dep)) {
        l = SIZE_MAX;
        for (size_t k = 0; k < NLAB; k++)
            if (kg_parser_label_allowed(k, from_root, dep) && (l == SIZE_MAX || lab[k] > lab[l]))
                l = k;
    }
    return (g == 1 ? 1 : 1 + NLAB) + (int)l;
}

/* Margins on a log scale: 16 steps per doubling of the score gap above
 * 64 weight units. */
static uint8_t quantize_margin(int64_t gap)
{
    if (gap <= 0)
        return 0;
    int q = 0;
    for (int64_t g = gap / 64; g > 0 && q < 255; g >>= 1)
        q += 16;
    return (uint8_t)(q > 255 ? 255 : q);
}

/* 1 when the run-time rows of this state are those of features(). */
static int rows_agree(const kg_parser *p, const state *st, const uint32_t *rows,
                      size_t n)
{
    uint64_t f[MAX_FEATS];
    size_t nf = features(st, f);
    return nf == n && kg_ftab_same_rows(&p->ftab, f, rows, n);
}

/* ---- parsing several sentences at once ---------------------------------
 *
 * A transition reads a hundred rows of weights from all over the tables,
 * and most of its time goes to waiting for them; the next transition
 * cannot start before this one has chosen.  The sentences of an article
 * do not depend on each other, though, so KG_PARSE_WAYS of them are parsed
 * side by side, each transition in three steps (features, then lookups,
 * then scoring), the steps of one sentence taking turns with those of the
 * others: what one step asks from memory arrives while the other
 * sentences' steps run.  Each sentence goes through exactly the
 * transitions it would go through alone. */

enum { STEP_FEATURES, STEP_LOOKUPS, STEP_SCORE };

typedef struct job {
    const kg_parse_sent *in;
    state st;
    int32_t *sc;
    int step;
    size_t nr, nf, nu;
    uint64_t f[MAX_FEATS], u[MAX_FEATS];
    uint32_t rows[MAX_FEATS];
} job;

static int job_start(const kg_parser *p, kg_parse_scratch *s, int w, job *j,
                     const kg_parse_sent *in)
{
    if (in->n > INT16_MAX - 2 || scratch_fit(s, w, in->n, p->ftab.npad) < 0)
        return -1;
    j->in = in;
    j->sc = s->scores[w];
    j->step = STEP_FEATURES;
    state_init(&j->st, s->mem[w], (int)in->n);
    set_tokens(&j->st, p->lex, in->lex, in->forms, in->lens, in->xpos);
    return set_memo(p, s, &j->st);
}

static void job_finish(const kg_parser *p, job *j)
{
    const kg_parse_sent *in = j->in;
    for (size_t i = 0; i < in->n; i++) {
        in->heads[i] = j->st.head[i + 1];
        uint8_t l = j->st.lab[i + 1];
        in->deprels[i] = l < p->nlabels + 1 ? p->label_dep[l] : 0;
    }
    j->in = NULL;
}

/* One step of a job: 1 when its sentence is done, 0 when not, -1 on OOM.
 * *bad counts the transitions whose rows disagree with features() (check). */
static int job_step(const kg_parser *p, kg_parse_scratch *s, job *j, int check, int *bad)
{
    const kg_ftab *t = &p->ftab;
    switch (j->step) {
    case STEP_FEATURES:
        /* with only the root on the stack SHIFT is the one valid
         * transition: no need to score it (nor did the trainer learn
         * anything there) */
        while (j->st.sp == 1 && can_shift(&j->st))
            apply(&j->st, 0);
        if (terminal(&j->st)) {
            job_finish(p, j);
            return 1;
        }
        j->nr = runtime_features(p, &j->st, j->rows, j->f, &j->nf, j->u, &j->nu);
        for (size_t k = 0; k < j->nr; k++)
            kg_ftab_prefetch(t, j->rows[k]);
        kg_ftab_cache_prefetch(&s->cache, j->f, j->nf);
        kg_ftab_prefetch_keys(t, j->u, j->nu);
        j->step = STEP_LOOKUPS;
        return 0;
    case STEP_LOOKUPS:
        kg_ftab_find_many(t, j->u, j->nu, j->rows + j->nr);
        if (kg_ftab_find_cached(t, &s->cache, j->f, j->nf, j->rows + j->nr + j->nu) < 0)
            return -1;
        j->nr += j->nu + j->nf;
        j->step = STEP_SCORE;
        return 0;
    default: {
        if (check)
            *bad += !rows_agree(p, &j->st, j->rows, j->nr);
        kg_ftab_sum(t, j->rows, j->nr, j->sc);
        int64_t gap;
        int cls = best_valid_i32(t, &j->st, j->sc, &gap);
        if (j->in->margins && cls != 0)
            j->in->margins[j->st.stack[j->st.sp - 1] - 1] = quantize_margin(gap);
        apply(&j->st, cls);
        j->step = STEP_FEATURES;
        return 0;
    }
    }
}

static int parse_many(const kg_parser *p, kg_parse_scratch *s, const kg_parse_sent *in,
                      size_t n, int check)
{
    job jobs[KG_PARSE_WAYS];
    int bad = 0, active = 0;
    size_t next = 0;
    for (int w = 0; w < KG_PARSE_WAYS; w++)
        jobs[w].in = NULL;
    for (;;) {
        for (int w = 0; w < KG_PARSE_WAYS; w++) {
            job *j = &jobs[w];
            if (!j->in) {
                while (next < n && in[next].n == 0)
                    next++;
                if (next == n)
                    continue;
                if (job_start(p, s, w, j, &in[next++]) < 0)
                    return -1;
                active++;
            }
            int rc = job_step(p, s, j, check, &bad);
            if (rc < 0)
                return -1;
            active -= rc;
        }
        if (!active && next == n)
            return bad;
    }
}

/* The neural parser, one sentence after another. */
static int nn_parse_many(const kg_parser *p, kg_parse_scratch *s, const kg_parse_sent *in,
                         size_t n)
{
    return kg_nnparser_parse_many(&p->nn, &s->nn, in, n);
}

int kg_parser_parse_many(const kg_parser *p, kg_parse_scratch *s, const kg_parse_sent *in,
                         size_t n)
{
    if (p->neural)
        return nn_parse_many(p, s, in, n);
    return parse_many(p, s, in, n, 0) < 0 ? -1 : 0;
}

int kg_parser_parse(const kg_parser *p, kg_parse_scratch *s, size_t n,
                    const char *const *forms, const uint32_t *lens,
                    const uint16_t *xpos, const uint8_t *upos, int16_t *heads,
                    uint8_t *deprels, uint8_t *margins)
{
    (void)upos;
    kg_parse_sent in = {n, forms, lens, xpos, heads, deprels, margins, NULL};
    if (p->neural)
        return nn_parse_many(p, s, &in, 1);
    return parse_many(p, s, &in, 1, 0) < 0 ? -1 : 0;
}

int kg_parser_selfcheck(const kg_parser *p, kg_parse_scratch *s, size_t n,
                        const char *const *forms, const uint32_t *lens,
                        const uint16_t *xpos, int16_t *heads, uint8_t *deprels)
{
    kg_parse_sent in = {n, forms, lens, xpos, heads, deprels, NULL, NULL};
    if (p->neural) /* no fast path to check: the parse itself */
        return nn_parse_many(p, s, &in, 1);
    return parse_many(p, s, &in, 1, 1);
}

int kg_parser_is_tree(const int16_t *heads, size_t n)
{
    size_t roots = 0;
    for (size_t i = 0; i < n; i++) {
        if (heads[i] < 0 || (size_t)heads[i] > n || (size_t)heads[i] == i + 1)
            return 0;
        roots += heads[i] == 0;
    }
    if (n > 0 && roots != 1)
        return 0;
    /* colour: 0 unseen, 1 on the current path, 2 known to reach the root */
    uint8_t *col = kg_calloc(n + 1, 1);
    if (!col)
        return 0;
    int ok = 1;
    for (size_t i = 1; i <= n && ok; i++) {
        size_t j = i;
        while (j != 0 && col[j] == 0) {
            col[j] = 1;
            j = (size_t)heads[j - 1];
        }
        if (j != 0 && col[j] == 1)
            ok = 0; /* came back to the current path: a cycle */
        for (j = i; j != 0 && col[j] == 1; j = (size_t)heads[j - 1])
            col[j] = 2;
    }
    free(col);
    return ok;
}

/* ---- loading ------------------------------------------------------------- */

void kg_parser_release(kg_parser *p)
{
    kg_nnparser_release(&p->nn);
    free(p->label_dep);
    free(p->tabs);
    kg_ftab_release(&p->ftab);
    kg_model_close(&p->file);
    memset(p, 0, sizeof *p);
}

int kg_parser_use_lexicon(kg_parser *p, const kg_lexicon *lex, kg_diag *d)
{
    uint64_t id = lex ? lex->id : 0;
    if (p->neural || !p->lexid) { /* trained without: every word's cluster was 0 */
        p->lex = NULL;
        return 0;
    }
    if (id != p->lexid) {
        kg_diag_error(d, p->file.name, 0, 0, "%s; use a tagger and a parser trained together",
                      id ? "the parser was trained with another word lexicon than the tagger's"
                         : "the parser was trained with a word lexicon and the tagger has none");
        return -1;
    }
    p->lex = lex;
    return 0;
}

static int finish_load(kg_parser *p, kg_diag *d)
{
    kg_model_file *f = &p->file;
    size_t nl;
    const char *labels = kg_model_section_get(f, "labels", 1, 1, &nl, d);
    if (!labels)
        return -1;
    if (labels[nl - 1] != '\0')
        goto corrupt;
    uint32_t count = 0;
    for (size_t i = 0; i + 1 < nl; i++)
        count += labels[i] == '\n';
    if (count != NLAB)
        goto corrupt;
    p->label_dep = kg_calloc(count + 1, 1);
    if (!p->label_dep) {
        kg_diag_oom(d, "loading the parser");
        return -1;
    }
    const char *q = labels;
    for (uint32_t i = 1; i <= count; i++) {
        const char *e = strchr(q, '\n');
        int r = kg_deprel_lookup(q, (size_t)(e - q));
        if (r < 0) {
            kg_diag_error(d, f->name, 0, 0, "model uses an unknown relation '%.*s'",
                          (int)(e - q), q);
            return -1;
        }
        p->label_dep[i] = (uint8_t)r;
        q = e + 1;
    }
    p->nlabels = count;
    if (kg_model_has_section(f, "nnhdr")) {
        p->neural = 1;
        return kg_nnparser_load(&p->nn, f, d);
    }
    if (kg_ftab_load(&p->ftab, f, "dep", d) < 0)
        return -1;
    if (p->ftab.nclasses != NCLASS)
        goto corrupt;
    if (build_tables(p) < 0) {
        kg_diag_oom(d, "loading the parser");
        return -1;
    }
    if (kg_model_has_section(f, "lexid")) {
        const uint64_t *id = kg_model_section_get(f, "lexid", 8, 1, NULL, d);
        if (!id)
            return -1;
        p->lexid = *id;
    }
    return 0;
corrupt:
    kg_diag_error(d, f->name, 0, 0, "model file is corrupt (parser labels)");
    return -1;
}

int kg_parser_load(kg_parser *p, const char *path, kg_diag *d)
{
    memset(p, 0, sizeof *p);
    if (kg_model_open(&p->file, path, KG_MODEL_PARSER, d) < 0)
        return -1;
    if (finish_load(p, d) < 0) {
        kg_parser_release(p);
        return -1;
    }
    return 0;
}

int kg_parser_load_mem(kg_parser *p, const char *name, const void *data,
                       size_t size, kg_diag *d)
{
    memset(p, 0, sizeof *p);
    if (kg_model_open_mem(&p->file, name, data, size, KG_MODEL_PARSER, d) < 0)
        return -1;
    if (finish_load(p, d) < 0) {
        kg_parser_release(p);
        return -1;
    }
    return 0;
}

/* ---- training ------------------------------------------------------------ */

void kg_parser_opts_init(kg_parser_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 15;
    o->seed = 1;
    o->jackknife = 10;
    kg_tagger_opts_init(&o->fold);
    o->explore_from = 1;
    o->explore_p = 0.9;
    o->prune = 1.25f;
    o->runs = 1;
    kg_nnparser_opts_init(&o->nn);
}

static int projective(const kg_conllu *c, const kg_csent *s)
{
    const kg_cword *w = c->words + s->first;
    int n = (int)s->count;
    int roots = 0;
    for (int i = 0; i < n; i++) {
        if (w[i].head < 0 || w[i].head > n)
            return 0;
        roots += w[i].head == 0;
    }
    if (roots != 1)
        return 0;
    for (int i = 1; i <= n; i++) {
        int h = w[i - 1].head;
        int l1 = h < i ? h : i, r1 = h < i ? i : h;
        for (int j = i + 1; j <= n; j++) {
            int g = w[j - 1].head;
            int l2 = g < j ? g : j, r2 = g < j ? j : g;
            if ((l1 < l2 && l2 < r1 && r1 < r2) || (l2 < l1 && l1 < r2 && r2 < r1))
                return 0;
        }
    }
    return 1;
}

void kg_parser_oracle_costs(const int *stack, int sp, int b, int n, const uint8_t *onstack,
                            const int16_t *G, int *cs, int *cl, int *cr)
{
    int s0 = sp >= 1 ? stack[sp - 1] : -1;
    int s1 = sp >= 2 ? stack[sp - 2] : -1;
    *cs = *cl = *cr = 1 << 20;
    if (b <= n) {
        int c = 0, b0 = b;
        if (G[b0] != s0 && G[b0] >= 0 && onstack[G[b0]] && G[b0] < b0)
            c++;
        for (int i = 0; i < sp; i++)
            c += G[stack[i]] == b0;
        *cs = c;
    }
    if (sp >= 2) {
        int kids = 0;
        for (int k = b; k <= n; k++)
            kids += G[k] == s0;
        if (b <= n)
            *cl = kids + (G[s0] == s1) + (G[s0] > b && G[s0] <= n);
        if (sp >= 3 || (sp == 2 && b > n))
            *cr = kids + (G[s0] >= b && G[s0] <= n);
    }
}

static void costs(const state *st, const int16_t *G, int *cs, int *cl, int *cr)
{
    kg_parser_oracle_costs(st->stack, st->sp, st->b, st->n, st->onstack, G, cs, cl, cr);
}

typedef struct fold_tags {
    uint16_t *xpos;
    uint8_t *upos;
} fold_tags;

static int jackknife_tags(const kg_conllu *c, const kg_parser_opts *o,
                          fold_tags *ft, kg_diag *d)
{
    int K = o->jackknife;
    size_t ns = c->nsents;
    uint32_t *idx = kg_malloc((ns ? ns : 1) * sizeof *idx);
    const char **forms = NULL;
    uint32_t *lens = NULL;
    size_t maxn = 1;
    for (size_t s = 0; s < ns; s++)
        if (c->sents[s].count > maxn)
            maxn = c->sents[s].count;
    forms = kg_malloc(maxn * sizeof *forms);
    lens = kg_malloc(maxn * sizeof *lens);
    kg_tag_scratch sc;
    kg_tag_scratch_init(&sc);
    int rc = -1;
    if (!idx || !forms || !lens)
        goto oom;
    for (int f = 0; f < K; f++) {
        size_t m = 0;
        for (size_t s = 0; s < ns; s++)
            if ((int)(s % (size_t)K) != f)
                idx[m++] = (uint32_t)s;
        kg_tagger_opts to = o->fold;
        to.lex = o->lex;
        to.seed = o->seed + (uint64_t)f + 1;
        to.lemmatizer = 0;
        kg_buf model;
        kg_buf_init(&model);
        kg_tagger tg;
        if (kg_tagger_train(c, idx, m, &to, &model, d) < 0) {
            kg_buf_release(&model);
            goto out;
        }
        if (kg_tagger_load_mem(&tg, "fold tagger", model.data, model.len, d) < 0) {
            kg_buf_release(&model);
            goto out;
        }
        kg_buf_release(&model);
        size_t right = 0, total = 0;
        for (size_t s = (size_t)f; s < ns; s += (size_t)K) {
            const kg_csent *cs = &c->sents[s];
            for (uint32_t i = 0; i < cs->count; i++) {
                forms[i] = c->words[cs->first + i].form;
                lens[i] = (uint32_t)strlen(forms[i]);
            }
            if (kg_tagger_tag(&tg, &sc, cs->count, forms, lens, ft->xpos + cs->first,
                              ft->upos + cs->first) < 0) {
                kg_tagger_release(&tg);
                goto oom;
            }
            for (uint32_t i = 0; i < cs->count; i++) {
                right += ft->xpos[cs->first + i] == c->words[cs->first + i].xpos;
                total++;
            }
        }
        kg_tagger_release(&tg);
        if (o->log)
            fprintf(o->log, "jackknife fold %d/%d: XPOS %.2f%%\n", f + 1, K,
                    total ? 100.0 * (double)right / (double)total : 0.0);
    }
    rc = 0;
    goto out;
oom:
    kg_diag_oom(d, "jackknifing tags");
out:
    kg_tag_scratch_release(&sc);
    free(idx);
    free(forms);
    free(lens);
    return rc;
}

/* What every training run reads: the trees, the options, the
 * jackknifed tags, each word's lexicon value (looked up once, not once
 * per epoch), the order of the trainable trees and per-sentence scratch. */
typedef struct trainer {
    const kg_conllu *c;
    const kg_parser_opts *o;
    const uint16_t *xpos;
    const uint32_t *lexv;    /* NULL without a lexicon */
    uint32_t *order;         /* the m trainable trees, reshuffled per epoch */
    size_t m;
    const char **forms;
    uint32_t *lens;
    int16_t *G;
    uint8_t *GL;
    float *scores;
    void *mem;
} trainer;

/* One run of o->epochs epochs into pc, shuffling with rng.  0, or -1
 * when memory runs out. */
static int train_run(const trainer *t, kg_percep *pc, uint64_t rng)
{
    const kg_conllu *c = t->c;
    const kg_parser_opts *o = t->o;
    int16_t *G = t->G;
    uint8_t *GL = t->GL;
    float *scores = t->scores;
    uint64_t f[MAX_FEATS];
    const double keep = 1.0 - o->dropout; /* a feature's chance in a step */
    for (int ep = 0; ep < o->epochs; ep++) {
        kg_rand_shuffle(t->order, t->m, &rng);
        size_t right = 0, total = 0;
        int explore = ep >= o->explore_from;
        for (size_t si = 0; si < t->m; si++) {
            const kg_csent *cs = &c->sents[t->order[si]];
            int n = (int)cs->count;
            for (int i = 0; i < n; i++) {
                const kg_cword *wd = &c->words[cs->first + (uint32_t)i];
                t->forms[i] = wd->form;
                t->lens[i] = (uint32_t)strlen(wd->form);
                G[i + 1] = wd->head;
                GL[i + 1] = wd->deprel;
            }
            G[0] = -1;
            G[n + 1] = -1;
            state st;
            state_init(&st, t->mem, n);
            set_tokens(&st, o->lex, t->lexv ? t->lexv + cs->first : NULL, t->forms, t->lens,
                       t->xpos + cs->first);
            while (!terminal(&st)) {
                size_t nf = features(&st, f);
                if (o->dropout > 0)
                    nf = kg_rand_keep(f, nf, keep, &rng);
                kg_percep_score(pc, f, nf, scores);
                int cs_, cl, cr;
                costs(&st, G, &cs_, &cl, &cr);
                int mincost = cs_ < cl ? cs_ : cl;
                if (cr < mincost)
                    mincost = cr;
                int s0 = st.stack[st.sp - 1];
                int gl = s0 >= 1 && s0 <= n ? GL[s0] : 1;
                if (gl < 1 || gl > NLAB)
                    gl = KG_DEP_DEP;
                /* best-scoring transition overall and among the cheapest */
                int pred = -1, gold = -1;
                float ps = 0, gs = 0;
                for (int cls = 0; cls < NCLASS; cls++) {
                    int valid, ok;
                    if (cls == 0) {
                        valid = can_shift(&st);
                        ok = valid && cs_ == mincost;
                    } else if (cls <= NLAB) {
                        valid = can_left(&st);
                        ok = valid && cl == mincost && cls == gl;
                    } else {
                        valid = can_right(&st);
                        ok = valid && cr == mincost && cls - NLAB == gl;
                    }
                    if (!valid)
                        continue;
                    if (pred < 0 || scores[cls] > ps) {
                        pred = cls;
                        ps = scores[cls];
                    }
                    if (ok && (gold < 0 || scores[cls] > gs)) {
                        gold = cls;
                        gs = scores[cls];
                    }
                }
                kg_percep_tick(pc);
                int pred_ok = pred == gold ||
                              (pred == 0 ? cs_ == mincost
                               : pred <= NLAB ? (cl == mincost && pred == gl)
                                              : (cr == mincost && pred - NLAB == gl));
                if (!pred_ok &&
                    kg_percep_update(pc, f, nf, (uint32_t)gold, (uint32_t)pred) < 0)
                    return -1;
                int next = gold;
                if (explore && pred != gold) {
                    if (kg_rand_unit(&rng) < o->explore_p)
                        next = pred;
                }
                apply(&st, next);
            }
            for (int i = 1; i <= n; i++) {
                right += st.head[i] == G[i];
                total++;
            }
        }
        if (o->log)
            fprintf(o->log, "parser epoch %d: UAS %.2f%% on training data (%s), "
                            "%zu features\n",
                    ep + 1, total ? 100.0 * (double)right / (double)total : 0.0,
                    explore ? "exploring" : "oracle", pc->n);
    }
    return 0;
}

int kg_parser_train(const kg_conllu *c, const kg_parser_opts *o, kg_buf *out,
                    kg_diag *d)
{
    int rc = -1;
    fold_tags ft = {NULL, NULL};
    uint32_t *order = NULL;
    const char **forms = NULL;
    uint32_t *lens = NULL;
    int16_t *G = NULL;
    uint8_t *GL = NULL;
    float *scores = NULL;
    void *mem = NULL;
    uint32_t *lexv = NULL;
    kg_percep pc, acc;
    kg_percep_init(&pc, NCLASS);
    kg_percep_init(&acc, NCLASS);
    kg_model_writer w;
    kg_model_writer_init(&w);
    kg_buf labels;
    kg_buf_init(&labels);

    size_t ns = c->nsents, maxn = 1;
    for (size_t s = 0; s < ns; s++)
        if (c->sents[s].count > maxn)
            maxn = c->sents[s].count;
    ft.xpos = kg_malloc((c->nwords ? c->nwords : 1) * sizeof *ft.xpos);
    ft.upos = kg_malloc((c->nwords ? c->nwords : 1) * sizeof *ft.upos);
    order = kg_malloc((ns ? ns : 1) * sizeof *order);
    forms = kg_malloc(maxn * sizeof *forms);
    lens = kg_malloc(maxn * sizeof *lens);
    G = kg_malloc((maxn + 2) * sizeof *G);
    GL = kg_malloc((maxn + 2) * sizeof *GL);
    scores = kg_malloc(NCLASS * sizeof *scores);
    mem = kg_malloc(state_bytes(maxn));
    if (!ft.xpos || !ft.upos || !order || !forms || !lens || !G || !GL || !scores || !mem)
        goto oom;
    if (o->jackknife > 1 && ns >= (size_t)o->jackknife) {
        if (jackknife_tags(c, o, &ft, d) < 0)
            goto out;
    } else {
        for (size_t i = 0; i < c->nwords; i++) {
            ft.xpos[i] = c->words[i].xpos;
            ft.upos[i] = c->words[i].upos;
        }
    }
    size_t m = 0, skipped = 0;
    for (size_t s = 0; s < ns; s++) {
        if (c->sents[s].count > 0 && c->sents[s].count < INT16_MAX - 2 &&
            projective(c, &c->sents[s]))
            order[m++] = (uint32_t)s;
        else
            skipped++;
    }
    if (m == 0) {
        kg_diag_error(d, NULL, 0, 0, "no projective training trees");
        goto out;
    }
    if (o->log)
        fprintf(o->log, "parser: %zu training trees, %zu non-projective or "
                        "malformed skipped\n", m, skipped);
    for (int l = 1; l <= NLAB; l++)
        if (kg_buf_printf(&labels, "%s\n", kg_deprel_names[l]) < 0)
            goto oom;
    if (kg_buf_putc(&labels, '\0') < 0 ||
        kg_model_writer_add(&w, "labels", labels.data, labels.len) < 0)
        goto oom;
    if (o->neural) {
        kg_nnparser_opts no = o->nn;
        no.epochs = o->epochs;
        no.seed = o->seed;
        no.log = o->log;
        if (kg_nnparser_train(c, ft.xpos, order, m, &no, &w, d) < 0)
            goto out;
        if (kg_model_writer_finish(&w, KG_MODEL_PARSER, out) < 0)
            goto oom;
        rc = 0;
        goto out;
    }
    if (o->lex) {
        lexv = kg_malloc((c->nwords ? c->nwords : 1) * sizeof *lexv);
        if (!lexv)
            goto oom;
        for (size_t i = 0; i < c->nwords; i++)
            lexv[i] = kg_lexicon_get(o->lex, c->words[i].form, strlen(c->words[i].form));
    }
    const trainer t = {c, o, ft.xpos, lexv, order, m, forms, lens, G, GL, scores, mem};
    /* runs > 1: that many parsers, each on its own shuffles, averaged
     * into acc (the mean of their averaged weights): a greedy parser's
     * accuracy moves by +-0.2 with the order it saw the sentences in */
    int runs = o->runs > 1 ? o->runs : 1;
    for (int run = 0; run < runs; run++) {
        if (run > 0) {
            kg_percep_release(&pc);
            kg_percep_init(&pc, NCLASS);
        }
        if (train_run(&t, &pc, (o->seed ? o->seed : 1) + (uint64_t)run * 7919u) < 0 ||
            (runs > 1 && kg_percep_absorb(&acc, &pc) < 0))
            goto oom;
    }
    if (kg_percep_export(runs > 1 ? &acc : &pc, &w, "dep", o->prune) < 0 ||
        (o->lex && o->lex->id &&
         kg_model_writer_add(&w, "lexid", &o->lex->id, sizeof o->lex->id) < 0) ||
        kg_model_writer_finish(&w, KG_MODEL_PARSER, out) < 0)
        goto oom;
    rc = 0;
    goto out;
oom:
    kg_diag_oom(d, "training the parser");
out:
    free(ft.xpos);
    free(ft.upos);
    free(order);
    free(forms);
    free(lens);
    free(G);
    free(GL);
    free(scores);
    free(mem);
    free(lexv);
    kg_percep_release(&pc);
    kg_percep_release(&acc);
    kg_model_writer_release(&w);
    kg_buf_release(&labels);
    return rc;
}
