#include "base/alloc.h"
#include "nlp/nnparser.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"
#include "nlp/tags.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KG_NN_X86 1
#endif

enum {
    NLAB = KG_DEP_COUNT - 1, /* class 1..NLAB: LEFT-l, NLAB+1..: RIGHT-l */
    NCLASS = 1 + 2 * NLAB,
    NTAG = 64,               /* XPOS rows: tags < TAG_ROOT, ROOT */
    TAG_ROOT = 62,
    NSHAPE = 4,
    NFEAT = 4,               /* s0, s1, s2, b0 */
    W_UNK = 0,
    W_ROOT = 1,
    MAX_WORD = 128,          /* longer words are unknown */
    WCACHE_LINES = 2048,
};

/* ---- integer weights -------------------------------------------------------
 *
 * At parse time the matrices read once per word or transition are
 * integers with a scale per output, and their inputs (LSTM states, tanh
 * units: all in [-1, 1]) are integers too: the scorer's two layers as
 * int8 against round(127 x) + 128 (unsigned), the LSTM's recurrent
 * weights as int16 against round(4096 x) (8-bit states cost 0.8 UAS).
 * The sums are exact 32-bit integers (the int16 weights are bounded so
 * that no sum can overflow), so the C and AVX-512 VNNI paths agree bit
 * for bit; training stays in float.  Both layouts put, for each output,
 * the weights of a group of inputs in 4 bytes (4 int8 or 2 int16): group
 * g of output k at byte (g m + k) 4, what VNNI's dot products read. */
typedef struct kg_nnp_qmat {
    uint32_t n, m;      /* inputs (a multiple of 4), outputs (of 16) */
    uint32_t wide;      /* 1: int16 weights and inputs, 0: int8 */
    uint32_t groups;    /* n / 4 (int8) or n / 2 (int16) */
    void *w;            /* groups x m x 4 bytes */
    float *s;           /* per output: its scale / the inputs' */
    int32_t *off;       /* per output: 128 x the column's sum (int8: the
                           inputs' +128), 0 for int16 */
} qmat;

enum { Q8_IN = 127, Q16_IN = 4096 };

static void qmat_free(qmat *q)
{
    if (!q)
        return;
    free(q->w);
    free(q->s);
    free(q->off);
    free(q);
}

/* W: n x m floats, inputs major. */
static qmat *qmat_new(const float *W, size_t n, size_t m, int wide)
{
    qmat *q = kg_calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->n = (uint32_t)n;
    q->m = (uint32_t)m;
    q->wide = (uint32_t)wide;
    q->groups = (uint32_t)(wide ? n / 2 : n / 4);
    q->w = kg_malloc(n * m * (wide ? 2 : 1));
    q->s = kg_malloc(m * sizeof *q->s);
    q->off = kg_malloc(m * sizeof *q->off);
    if (!q->w || !q->s || !q->off) {
        qmat_free(q);
        return NULL;
    }
    /* int16: |sum| <= n x Q16_IN x wmax < 2^31 */
    long wmax = wide ? (long)(2147483647.0 / ((double)n * Q16_IN)) : 127;
    if (wmax > 32767)
        wmax = 32767;
    for (size_t k = 0; k < m; k++) {
        float mx = 0;
        for (size_t j = 0; j < n; j++)
            mx = fabsf(W[j * m + k]) > mx ? fabsf(W[j * m + k]) : mx;
        float sc = mx > 0 ? mx / (float)wmax : 1.0f;
        int32_t sum = 0;
        for (size_t j = 0; j < n; j++) {
            long v = lrintf(W[j * m + k] / sc);
            v = v > wmax ? wmax : v < -wmax ? -wmax : v;
            if (wide)
                ((int16_t *)q->w)[((j / 2) * m + k) * 2 + j % 2] = (int16_t)v;
            else
                ((int8_t *)q->w)[((j / 4) * m + k) * 4 + j % 4] = (int8_t)v;
            sum += (int32_t)v;
        }
        q->s[k] = sc / (float)(wide ? Q16_IN : Q8_IN);
        q->off[k] = wide ? 0 : 128 * sum;
    }
    return q;
}

/* x (n floats in [-1, 1]) as the inputs of q: bytes round(127 x) + 128,
 * or int16 round(4096 x); adding and taking away 1.5 x 2^23 rounds to the
 * nearest integer (ties to even), as lrintf() would, without a call per
 * number. */
static void quantize_in_c(const qmat *q, const float *x, void *out)
{
    const float sc = q->wide ? (float)Q16_IN : (float)Q8_IN;
    for (size_t j = 0; j < q->n; j++) {
        float v = x[j] * sc;
        v = v > sc ? sc : v < -sc ? -sc : v;
        v = (v + 12582912.0f) - 12582912.0f;
        if (q->wide)
            ((int16_t *)out)[j] = (int16_t)(int)v;
        else
            ((uint8_t *)out)[j] = (uint8_t)((int)v + 128);
    }
}

/* Y[r][k] += (sum over j of X[r][j] W[j][k] as integers - off[k]) x s[k],
 * r < R (at most 8), X quantized. */
static void qgemm8_c(float *const *Y, const qmat *W, const void *const *X, size_t R)
{
    const size_t n = W->n, m = W->m;
    for (size_t r = 0; r < R; r++)
        for (size_t k = 0; k < m; k++) {
            int32_t acc = 0;
            for (size_t j = 0; j < n; j++)
                acc += W->wide ? (int32_t)((const int16_t *)X[r])[j] *
                                     (int32_t)((const int16_t *)W->w)[((j / 2) * m + k) * 2 + j % 2]
                               : (int32_t)((const uint8_t *)X[r])[j] *
                                     (int32_t)((const int8_t *)W->w)[((j / 4) * m + k) * 4 + j % 4];
            Y[r][k] = Y[r][k] + (float)(acc - W->off[k]) * W->s[k];
        }
}

#ifdef KG_NN_X86
#define QTARGET __attribute__((target("avx2,fma,avx512f,avx512bw,avx512vnni")))

/* acc + the dot products of group g's 4 bytes of x with w's (int8:
 * unsigned x signed bytes; int16: signed words) */
QTARGET static inline __m512i qdot(int wide, __m512i acc, __m512i x, __m512i w)
{
    return wide ? _mm512_dpwssd_epi32(acc, x, w) : _mm512_dpbusd_epi32(acc, x, w);
}

QTARGET static inline void qstore(const qmat *W, float *y, size_t k, __m512i acc)
{
    __m512 t = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc, _mm512_loadu_si512(W->off + k)));
    _mm512_storeu_ps(y + k, _mm512_add_ps(_mm512_loadu_ps(y + k),
                                          _mm512_mul_ps(t, _mm512_loadu_ps(W->s + k))));
}

QTARGET static inline __m512i qx(const void *x, size_t g)
{
    uint32_t v;
    memcpy(&v, (const char *)x + 4 * g, 4);
    return _mm512_set1_epi32((int)v);
}

/* R rows (2 to 8, a constant where it is inlined: one loop per count, no
 * row computed for nothing), two blocks of 16 outputs: up to sixteen
 * chains, each weight read once for all the rows (four rows at a time
 * waited on the weights' loads from L2) */
QTARGET __attribute__((always_inline)) static inline void
qrows_vnni(float *const *Y, const qmat *W, const void *const *X, const size_t R)
{
    const size_t ng = W->groups, m = W->m;
    const int wide = (int)W->wide;
    const char *wb = W->w;
    for (size_t k = 0; k < m; k += 32) {
        int two = k + 32 <= m;
        __m512i a[8], b[8];
#pragma GCC unroll 8
        for (size_t r = 0; r < R; r++)
            a[r] = b[r] = _mm512_setzero_si512();
        for (size_t g = 0; g < ng; g++) {
            const char *w = wb + (g * m + k) * 4;
            __m512i wa = _mm512_loadu_si512(w);
            __m512i wv = two ? _mm512_loadu_si512(w + 64) : wa;
#pragma GCC unroll 8
            for (size_t r = 0; r < R; r++) {
                __m512i x = qx(X[r], g);
                a[r] = qdot(wide, a[r], x, wa);
                b[r] = qdot(wide, b[r], x, wv);
            }
        }
        for (size_t r = 0; r < R; r++) {
            qstore(W, Y[r], k, a[r]);
            if (two)
                qstore(W, Y[r], k + 16, b[r]);
        }
    }
}

QTARGET static void qgemm8_vnni(float *const *Y, const qmat *W, const void *const *X, size_t R)
{
    const size_t ng = W->groups, m = W->m;
    const int wide = (int)W->wide;
    const char *wb = W->w;
    if (R == 1) {
        /* one row: eight blocks of 16 outputs at a time (eight chains),
         * then four, then one */
        size_t k = 0;
        for (; k + 128 <= m; k += 128) {
            __m512i a[8];
#pragma GCC unroll 8
            for (int b = 0; b < 8; b++)
                a[b] = _mm512_setzero_si512();
            for (size_t g = 0; g < ng; g++) {
                const char *w = wb + (g * m + k) * 4;
                __m512i x = qx(X[0], g);
#pragma GCC unroll 8
                for (int b = 0; b < 8; b++)
                    a[b] = qdot(wide, a[b], x, _mm512_loadu_si512(w + 64 * b));
            }
#pragma GCC unroll 8
            for (int b = 0; b < 8; b++)
                qstore(W, Y[0], k + 16 * (size_t)b, a[b]);
        }
        for (; k + 64 <= m; k += 64) {
            __m512i a0 = _mm512_setzero_si512(), a1 = a0, a2 = a0, a3 = a0;
            for (size_t g = 0; g < ng; g++) {
                const char *w = wb + (g * m + k) * 4;
                __m512i x = qx(X[0], g);
                a0 = qdot(wide, a0, x, _mm512_loadu_si512(w));
                a1 = qdot(wide, a1, x, _mm512_loadu_si512(w + 64));
                a2 = qdot(wide, a2, x, _mm512_loadu_si512(w + 128));
                a3 = qdot(wide, a3, x, _mm512_loadu_si512(w + 192));
            }
            qstore(W, Y[0], k, a0);
            qstore(W, Y[0], k + 16, a1);
            qstore(W, Y[0], k + 32, a2);
            qstore(W, Y[0], k + 48, a3);
        }
        for (; k < m; k += 16) {
            __m512i a0 = _mm512_setzero_si512();
            for (size_t g = 0; g < ng; g++)
                a0 = qdot(wide, a0, qx(X[0], g), _mm512_loadu_si512(wb + (g * m + k) * 4));
            qstore(W, Y[0], k, a0);
        }
        return;
    }
    switch (R) {
    case 2: qrows_vnni(Y, W, X, 2); break;
    case 3: qrows_vnni(Y, W, X, 3); break;
    case 4: qrows_vnni(Y, W, X, 4); break;
    case 5: qrows_vnni(Y, W, X, 5); break;
    case 6: qrows_vnni(Y, W, X, 6); break;
    case 7: qrows_vnni(Y, W, X, 7); break;
    default: qrows_vnni(Y, W, X, 8); break;
    }
}

/* The AVX2 way (no VNNI): int16 pairs with vpmaddwd; int8 quads as signed
 * bytes (x - 128: the byte's top bit flipped; x is 1..255, so never -128
 * and its negation exact) times the weights through vpmaddubsw on |w|
 * and x with w's sign (products of at most 127 x 127, so no pair sum
 * saturates), then vpmaddwd by ones.  That sum is sum x w - off already;
 * every sum is the exact integer qgemm8_c makes. */
#define T_AVX2 __attribute__((target("avx2,fma")))

T_AVX2 static inline __m256i qdot2(int wide, __m256i acc, __m256i x, __m256i w)
{
    if (wide)
        return _mm256_add_epi32(acc, _mm256_madd_epi16(x, w));
    __m256i p = _mm256_maddubs_epi16(_mm256_abs_epi8(w), _mm256_sign_epi8(x, w));
    return _mm256_add_epi32(acc, _mm256_madd_epi16(p, _mm256_set1_epi16(1)));
}

T_AVX2 static inline __m256i qx2(int wide, const void *x, size_t g)
{
    uint32_t v;
    memcpy(&v, (const char *)x + 4 * g, 4);
    return _mm256_set1_epi32((int)(wide ? v : v ^ 0x80808080u));
}

/* no off to take away: 0 for int16, already out of the int8 sums */
T_AVX2 static inline void qstore2(const qmat *W, float *y, size_t k, __m256i acc)
{
    __m256 t = _mm256_cvtepi32_ps(acc);
    _mm256_storeu_ps(y + k, _mm256_add_ps(_mm256_loadu_ps(y + k),
                                          _mm256_mul_ps(t, _mm256_loadu_ps(W->s + k))));
}

/* R rows (1 to 4, a constant where it is inlined), two blocks of 8
 * outputs: up to eight chains in AVX2's sixteen registers */
T_AVX2 __attribute__((always_inline)) static inline void
qrows_avx2(float *const *Y, const qmat *W, const void *const *X, const size_t R)
{
    const size_t ng = W->groups, m = W->m;
    const int wide = (int)W->wide;
    const char *wb = W->w;
    for (size_t k = 0; k < m; k += 16) {
        int two = k + 16 <= m;
        __m256i a[4], b[4];
#pragma GCC unroll 4
        for (size_t r = 0; r < R; r++)
            a[r] = b[r] = _mm256_setzero_si256();
        for (size_t g = 0; g < ng; g++) {
            const char *w = wb + (g * m + k) * 4;
            __m256i wa = _mm256_loadu_si256((const __m256i *)(const void *)w);
            __m256i wv = two ? _mm256_loadu_si256((const __m256i *)(const void *)(w + 32)) : wa;
#pragma GCC unroll 4
            for (size_t r = 0; r < R; r++) {
                __m256i x = qx2(wide, X[r], g);
                a[r] = qdot2(wide, a[r], x, wa);
                b[r] = qdot2(wide, b[r], x, wv);
            }
        }
        for (size_t r = 0; r < R; r++) {
            qstore2(W, Y[r], k, a[r]);
            if (two)
                qstore2(W, Y[r], k + 8, b[r]);
        }
    }
}

T_AVX2 static void qgemm8_avx2(float *const *Y, const qmat *W, const void *const *X, size_t R)
{
    for (size_t r = 0; r < R; r += 4) {
        switch (R - r < 4 ? R - r : 4) {
        case 1: qrows_avx2(Y + r, W, X + r, 1); break;
        case 2: qrows_avx2(Y + r, W, X + r, 2); break;
        case 3: qrows_avx2(Y + r, W, X + r, 3); break;
        default: qrows_avx2(Y + r, W, X + r, 4); break;
        }
    }
}

/* quantize_in_c sixteen at a time, the same operations */
__attribute__((target("avx2,fma,avx512f,avx512bw"))) static void
quantize_in_avx512(const qmat *q, const float *x, void *out)
{
    const float scf = q->wide ? (float)Q16_IN : (float)Q8_IN;
    const __m512 sc = _mm512_set1_ps(scf), lo = _mm512_set1_ps(-scf),
                 magic = _mm512_set1_ps(12582912.0f);
    size_t j = 0, n = q->n;
    for (; j + 16 <= n; j += 16) {
        __m512 v = _mm512_mul_ps(_mm512_loadu_ps(x + j), sc);
        v = _mm512_min_ps(_mm512_max_ps(v, lo), sc);
        v = _mm512_sub_ps(_mm512_add_ps(v, magic), magic);
        __m512i iv = _mm512_cvttps_epi32(v);
        if (q->wide)
            _mm256_storeu_si256((__m256i *)(void *)((int16_t *)out + j), _mm512_cvtepi32_epi16(iv));
        else
            _mm_storeu_si128((__m128i *)(void *)((uint8_t *)out + j),
                             _mm512_cvtepi32_epi8(_mm512_add_epi32(iv, _mm512_set1_epi32(128))));
    }
    if (j < n) {
        /* the rest the plain way, on a shifted view of the same matrix */
        qmat tail = *q;
        tail.n = (uint32_t)(n - j);
        quantize_in_c(&tail, x + j, q->wide ? (void *)((int16_t *)out + j)
                                            : (void *)((uint8_t *)out + j));
    }
}
#endif

static void (*qgemm8)(float *const *, const qmat *, const void *const *, size_t) = qgemm8_c;
static void (*quantize_in)(const qmat *, const float *, void *) = quantize_in_c;

/* Y[r] += X[r] . W for r < R, the rows quantized (quantize_in). */
static void qgemm(float *const *Y, const qmat *W, const void *const *X, size_t R)
{
    for (size_t r = 0; r < R; r += 8)
        qgemm8(Y + r, W, X + r, R - r < 8 ? R - r : 8);
}

/* A set of classes (NCLASS < 128): class c is bit c % 64 of w[c / 64]. */
typedef struct cset {
    uint64_t w[2];
} cset;

static inline void cset_add(cset *m, int c) { m->w[c >> 6] |= 1ull << (c & 63); }

/* The best of the scores of the classes in m (the first of equal ones),
 * -1 when m is empty, and the best and runner-up scores (-INFINITY for
 * none).  Comparisons only: every path finds the same. */
static int top2_c(const float *sc, const cset *m, float *b1, float *b2)
{
    int best = -1;
    float x1 = -INFINITY, x2 = -INFINITY;
    for (int c = 0; c < NCLASS; c++) {
        if (!(m->w[c >> 6] >> (c & 63) & 1))
            continue;
        if (sc[c] > x1) {
            x2 = x1;
            x1 = sc[c];
            best = c;
        } else if (sc[c] > x2) {
            x2 = sc[c];
        }
    }
    *b1 = x1;
    *b2 = x2;
    return best;
}

#ifdef KG_NN_X86
/* top2_c sixteen classes at a time: the maximum, the first class that
 * has it, the maximum without that class (masked loads read no score
 * outside m, so none past NCLASS) */
__attribute__((target("avx2,avx512f"))) static int top2_avx512(const float *sc, const cset *m,
                                                               float *b1, float *b2)
{
    const __m512 ninf = _mm512_set1_ps(-INFINITY);
    __m512 v[8];
    __mmask16 k[8];
    __m512 mx = ninf;
    for (int j = 0; j < 8; j++) {
        k[j] = (__mmask16)(m->w[j >> 2] >> (16 * (j & 3)));
        v[j] = _mm512_mask_loadu_ps(ninf, k[j], sc + 16 * j);
        mx = _mm512_max_ps(mx, v[j]);
    }
    float x1 = _mm512_reduce_max_ps(mx);
    int best = -1;
    for (int j = 0; j < 8 && best < 0; j++) {
        __mmask16 eq = _mm512_mask_cmp_ps_mask(k[j], v[j], _mm512_set1_ps(x1), _CMP_EQ_OQ);
        if (eq) {
            best = 16 * j + __builtin_ctz(eq);
            k[j] &= (__mmask16)~(1u << __builtin_ctz(eq));
        }
    }
    mx = ninf;
    for (int j = 0; j < 8; j++)
        mx = _mm512_max_ps(mx, _mm512_mask_mov_ps(ninf, k[j], v[j]));
    *b1 = x1;
    *b2 = _mm512_reduce_max_ps(mx);
    return best;
}
#endif

static int (*top2)(const float *, const cset *, float *, float *) = top2_c;

/* ---- activations ---------------------------------------------------------
 *
 * tanh as a rational function of x (odd polynomial of degree 13 over an
 * even one of degree 6, error below 1e-6 on [-7.9, 7.9], exactly +-1
 * beyond): plain multiplies and adds, so any compiler vectorisation gives
 * the same bits.  sigmoid(x) = (1 + tanh(x / 2)) / 2. */
static const float TANH_LIM = 7.90531110763549805f;
static const float TANH_P[7] = {-2.76076847742355e-16f, 2.00018790482477e-13f,
                                -8.60467152213735e-11f, 5.12229709037114e-08f,
                                1.48572235717979e-05f,  6.37261928875436e-04f,
                                4.89352455891786e-03f};
static const float TANH_Q[4] = {1.19825839466702e-06f, 1.18534705686654e-04f,
                                2.26843463243900e-03f, 4.89352518554385e-03f};

static inline float nn_tanh(float x)
{
    x = x > TANH_LIM ? TANH_LIM : x < -TANH_LIM ? -TANH_LIM : x;
    const float x2 = x * x;
    float p = TANH_P[0];
    for (int i = 1; i < 7; i++)
        p = p * x2 + TANH_P[i];
    p = p * x;
    float q = TANH_Q[0];
    for (int i = 1; i < 4; i++)
        q = q * x2 + TANH_Q[i];
    return p / q;
}

static inline float nn_sigm(float x)
{
    return 0.5f + 0.5f * nn_tanh(0.5f * x);
}


/* The LSTM cell on the pre-activations z (i, f, g, o; h each): z gets
 * the gates' values, c the cell (cp the previous one, NULL at the first
 * word), tc tanh(c), out the output. */
static void gates_c(float *restrict z, const float *restrict cp, float *restrict c,
                    float *restrict tc, float *restrict out, size_t h)
{
    for (size_t k = 0; k < h; k++) {
        float gi = nn_sigm(z[k]), gf = nn_sigm(z[h + k]), gg = nn_tanh(z[2 * h + k]),
              go = nn_sigm(z[3 * h + k]);
        z[k] = gi;
        z[h + k] = gf;
        z[2 * h + k] = gg;
        z[3 * h + k] = go;
        c[k] = cp ? gi * gg + gf * cp[k] : gi * gg;
        tc[k] = nn_tanh(c[k]);
        out[k] = go * tc[k];
    }
}

static void adam_c(float *restrict w, float *restrict g, float *restrict m, float *restrict v,
                   float *restrict avg, size_t n, float clip, float lr, float decay);

#ifdef KG_NN_X86
__attribute__((target("avx2,fma,avx512f"))) static void gemv_avx512(float *restrict y,
    const float *restrict W, const float *restrict x, size_t n, size_t m);

/* nn_tanh and gates_c sixteen at a time: the same operations in the same
 * order (the clamp as max then min), so the same bits. */
__attribute__((target("avx2,fma,avx512f"), always_inline)) static inline __m512
tanh16(__m512 x)
{
    const __m512 lim = _mm512_set1_ps(TANH_LIM);
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_sub_ps(_mm512_setzero_ps(), lim)), lim);
    const __m512 x2 = _mm512_mul_ps(x, x);
    __m512 p = _mm512_set1_ps(TANH_P[0]);
#pragma GCC unroll 8
    for (int i = 1; i < 7; i++)
        p = _mm512_add_ps(_mm512_mul_ps(p, x2), _mm512_set1_ps(TANH_P[i]));
    p = _mm512_mul_ps(p, x);
    __m512 q = _mm512_set1_ps(TANH_Q[0]);
#pragma GCC unroll 4
    for (int i = 1; i < 4; i++)
        q = _mm512_add_ps(_mm512_mul_ps(q, x2), _mm512_set1_ps(TANH_Q[i]));
    return _mm512_div_ps(p, q);
}

__attribute__((target("avx2,fma,avx512f"), always_inline)) static inline __m512
sigm16(__m512 x)
{
    const __m512 half = _mm512_set1_ps(0.5f);
    return _mm512_add_ps(half, _mm512_mul_ps(half, tanh16(_mm512_mul_ps(half, x))));
}

__attribute__((target("avx2,fma,avx512f"))) static void gates_avx512(float *restrict z,
                                                                     const float *restrict cp,
                                                                     float *restrict c,
                                                                     float *restrict tc,
                                                                     float *restrict out,
                                                                     size_t h)
{
    size_t k = 0;
    for (; k + 16 <= h; k += 16) {
        __m512 gi = sigm16(_mm512_loadu_ps(z + k)), gf = sigm16(_mm512_loadu_ps(z + h + k)),
               gg = tanh16(_mm512_loadu_ps(z + 2 * h + k)),
               go = sigm16(_mm512_loadu_ps(z + 3 * h + k));
        _mm512_storeu_ps(z + k, gi);
        _mm512_storeu_ps(z + h + k, gf);
        _mm512_storeu_ps(z + 2 * h + k, gg);
        _mm512_storeu_ps(z + 3 * h + k, go);
        __m512 cc = _mm512_mul_ps(gi, gg);
        if (cp)
            cc = _mm512_add_ps(cc, _mm512_mul_ps(gf, _mm512_loadu_ps(cp + k)));
        __m512 t = tanh16(cc);
        _mm512_storeu_ps(c + k, cc);
        _mm512_storeu_ps(tc + k, t);
        _mm512_storeu_ps(out + k, _mm512_mul_ps(go, t));
    }
    if (k < h) /* h is a multiple of 4: the rest the plain way */
        gates_c(z + k, cp ? cp + k : NULL, c + k, tc + k, out + k, h - k);
}

/* R rows (2 to 8, a constant where it is inlined), two registers of 16
 * outputs each: up to sixteen chains, each weight loaded once for all
 * the rows; every output the chain gemv_c makes, so the same bits */
__attribute__((target("avx2,fma,avx512f"), always_inline)) static inline void
gemm_rows_avx512(float *const *Y, const float *restrict W, const float *const *X, size_t n,
                 size_t m, const size_t R)
{
    size_t k = 0;
    for (; k + 32 <= m; k += 32) {
        __m512 a[8], b[8];
#pragma GCC unroll 8
        for (size_t r = 0; r < R; r++) {
            a[r] = _mm512_loadu_ps(Y[r] + k);
            b[r] = _mm512_loadu_ps(Y[r] + k + 16);
        }
        for (size_t j = 0; j < n; j++) {
            __m512 w = _mm512_loadu_ps(W + j * m + k), v = _mm512_loadu_ps(W + j * m + k + 16);
#pragma GCC unroll 8
            for (size_t r = 0; r < R; r++) {
                __m512 sx = _mm512_set1_ps(X[r][j]);
                a[r] = _mm512_fmadd_ps(sx, w, a[r]);
                b[r] = _mm512_fmadd_ps(sx, v, b[r]);
            }
        }
#pragma GCC unroll 8
        for (size_t r = 0; r < R; r++) {
            _mm512_storeu_ps(Y[r] + k, a[r]);
            _mm512_storeu_ps(Y[r] + k + 16, b[r]);
        }
    }
    for (; k < m; k += 16) {
        __m512 a[8];
#pragma GCC unroll 8
        for (size_t r = 0; r < R; r++)
            a[r] = _mm512_loadu_ps(Y[r] + k);
        for (size_t j = 0; j < n; j++) {
            __m512 w = _mm512_loadu_ps(W + j * m + k);
#pragma GCC unroll 8
            for (size_t r = 0; r < R; r++)
                a[r] = _mm512_fmadd_ps(_mm512_set1_ps(X[r][j]), w, a[r]);
        }
#pragma GCC unroll 8
        for (size_t r = 0; r < R; r++)
            _mm512_storeu_ps(Y[r] + k, a[r]);
    }
}

__attribute__((target("avx2,fma,avx512f"))) static void
gemm_avx512(float *const *Y, const float *restrict W, const float *const *X, size_t R, size_t n,
            size_t m)
{
    for (size_t r = 0; r < R; r += 8) {
        float *const *y = Y + r;
        const float *const *x = X + r;
        switch (R - r < 8 ? R - r : 8) {
        case 1: gemv_avx512(y[0], W, x[0], n, m); break;
        case 2: gemm_rows_avx512(y, W, x, n, m, 2); break;
        case 3: gemm_rows_avx512(y, W, x, n, m, 3); break;
        case 4: gemm_rows_avx512(y, W, x, n, m, 4); break;
        case 5: gemm_rows_avx512(y, W, x, n, m, 5); break;
        case 6: gemm_rows_avx512(y, W, x, n, m, 6); break;
        case 7: gemm_rows_avx512(y, W, x, n, m, 7); break;
        default: gemm_rows_avx512(y, W, x, n, m, 8); break;
        }
    }
}

__attribute__((target("avx2,fma,avx512f"))) static double sumsq_avx512(const float *g, size_t n)
{
    __m512d acc = _mm512_setzero_pd();
    for (size_t i = 0; i < n; i += 8) {
        __mmask16 k = n - i >= 8 ? 0xFF : (__mmask16)((1u << (n - i)) - 1);
        __m512d x = _mm512_cvtps_pd(_mm512_castps512_ps256(_mm512_maskz_loadu_ps(k, g + i)));
        acc = _mm512_add_pd(acc, _mm512_mul_pd(x, x));
    }
    __m256d a4 = _mm256_add_pd(_mm512_castpd512_pd256(acc), _mm512_extractf64x4_pd(acc, 1));
    __m128d a2 = _mm_add_pd(_mm256_castpd256_pd128(a4), _mm256_extractf128_pd(a4, 1));
    return _mm_cvtsd_f64(a2) + _mm_cvtsd_f64(_mm_unpackhi_pd(a2, a2));
}

__attribute__((target("avx2,fma,avx512f"))) static void
adam_avx512(float *restrict w, float *restrict g, float *restrict m, float *restrict v,
            float *restrict avg, size_t n, float clip, float lr, float decay)
{
    const __m512 dk = _mm512_set1_ps(decay), kp = _mm512_set1_ps(1.0f - decay);
    const __m512 c = _mm512_set1_ps(clip), l = _mm512_set1_ps(lr), a9 = _mm512_set1_ps(0.9f),
                 a1 = _mm512_set1_ps(0.1f), b9 = _mm512_set1_ps(0.999f),
                 b1 = _mm512_set1_ps(0.001f), eps = _mm512_set1_ps(1e-8f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 gi = _mm512_mul_ps(_mm512_loadu_ps(g + i), c);
        __m512 mi = _mm512_add_ps(_mm512_mul_ps(a9, _mm512_loadu_ps(m + i)), _mm512_mul_ps(a1, gi));
        __m512 vi = _mm512_add_ps(_mm512_mul_ps(b9, _mm512_loadu_ps(v + i)),
                                  _mm512_mul_ps(_mm512_mul_ps(b1, gi), gi));
        __m512 wi = _mm512_sub_ps(_mm512_loadu_ps(w + i),
                                  _mm512_div_ps(_mm512_mul_ps(l, mi),
                                                _mm512_add_ps(_mm512_sqrt_ps(vi), eps)));
        _mm512_storeu_ps(m + i, mi);
        _mm512_storeu_ps(v + i, vi);
        _mm512_storeu_ps(w + i, wi);
        _mm512_storeu_ps(g + i, _mm512_setzero_ps());
        if (avg)
            _mm512_storeu_ps(avg + i, _mm512_add_ps(_mm512_mul_ps(dk, _mm512_loadu_ps(avg + i)),
                                                    _mm512_mul_ps(kp, wi)));
    }
    if (i < n)
        adam_c(w + i, g + i, m + i, v + i, avg ? avg + i : NULL, n - i, clip, lr, decay);
}

/* y[0..n) = a[0..n) + b[0..n), n a multiple of 16 */
__attribute__((target("avx2,fma,avx512f"))) static void
vadd3_avx512(float *restrict y, const float *restrict a, const float *restrict b, size_t n)
{
    for (size_t k = 0; k < n; k += 16)
        _mm512_storeu_ps(y + k, _mm512_add_ps(_mm512_loadu_ps(a + k), _mm512_loadu_ps(b + k)));
}

/* y[0..n) += a[0..n), n a multiple of 16 */
__attribute__((target("avx2,fma,avx512f"))) static void vadd_avx512(float *restrict y,
                                                                    const float *restrict a,
                                                                    size_t n)
{
    for (size_t k = 0; k < n; k += 16)
        _mm512_storeu_ps(y + k, _mm512_add_ps(_mm512_loadu_ps(y + k), _mm512_loadu_ps(a + k)));
}

/* tanh of v[0..n), n a multiple of 16 */
__attribute__((target("avx2,fma,avx512f"))) static void tanh_avx512(float *v, size_t n)
{
    for (size_t k = 0; k < n; k += 16)
        _mm512_storeu_ps(v + k, tanh16(_mm512_loadu_ps(v + k)));
}

/* nn_tanh, gates_c, tanh_c, vadd_c, vadd3_c and quantize_in_c eight at a
 * time for AVX2 machines: the same operations in the same order as the C
 * and AVX-512 ones (the clamps as max then min), so the same bits. */
T_AVX2 __attribute__((always_inline)) static inline __m256 tanh8(__m256 x)
{
    const __m256 lim = _mm256_set1_ps(TANH_LIM);
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_sub_ps(_mm256_setzero_ps(), lim)), lim);
    const __m256 x2 = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(TANH_P[0]);
#pragma GCC unroll 8
    for (int i = 1; i < 7; i++)
        p = _mm256_add_ps(_mm256_mul_ps(p, x2), _mm256_set1_ps(TANH_P[i]));
    p = _mm256_mul_ps(p, x);
    __m256 q = _mm256_set1_ps(TANH_Q[0]);
#pragma GCC unroll 4
    for (int i = 1; i < 4; i++)
        q = _mm256_add_ps(_mm256_mul_ps(q, x2), _mm256_set1_ps(TANH_Q[i]));
    return _mm256_div_ps(p, q);
}

T_AVX2 __attribute__((always_inline)) static inline __m256 sigm8(__m256 x)
{
    const __m256 half = _mm256_set1_ps(0.5f);
    return _mm256_add_ps(half, _mm256_mul_ps(half, tanh8(_mm256_mul_ps(half, x))));
}

T_AVX2 static void gates_avx2(float *restrict z, const float *restrict cp, float *restrict c,
                          float *restrict tc, float *restrict out, size_t h)
{
    size_t k = 0;
    for (; k + 8 <= h; k += 8) {
        __m256 gi = sigm8(_mm256_loadu_ps(z + k)), gf = sigm8(_mm256_loadu_ps(z + h + k)),
               gg = tanh8(_mm256_loadu_ps(z + 2 * h + k)),
               go = sigm8(_mm256_loadu_ps(z + 3 * h + k));
        _mm256_storeu_ps(z + k, gi);
        _mm256_storeu_ps(z + h + k, gf);
        _mm256_storeu_ps(z + 2 * h + k, gg);
        _mm256_storeu_ps(z + 3 * h + k, go);
        __m256 cc = _mm256_mul_ps(gi, gg);
        if (cp)
            cc = _mm256_add_ps(cc, _mm256_mul_ps(gf, _mm256_loadu_ps(cp + k)));
        __m256 t = tanh8(cc);
        _mm256_storeu_ps(c + k, cc);
        _mm256_storeu_ps(tc + k, t);
        _mm256_storeu_ps(out + k, _mm256_mul_ps(go, t));
    }
    if (k < h) /* h is a multiple of 4 */
        gates_c(z + k, cp ? cp + k : NULL, c + k, tc + k, out + k, h - k);
}

/* n a multiple of 16 in these three */
T_AVX2 static void tanh_avx2(float *v, size_t n)
{
    for (size_t k = 0; k < n; k += 8)
        _mm256_storeu_ps(v + k, tanh8(_mm256_loadu_ps(v + k)));
}

T_AVX2 static void vadd_avx2(float *restrict y, const float *restrict a, size_t n)
{
    for (size_t k = 0; k < n; k += 8)
        _mm256_storeu_ps(y + k, _mm256_add_ps(_mm256_loadu_ps(y + k), _mm256_loadu_ps(a + k)));
}

T_AVX2 static void vadd3_avx2(float *restrict y, const float *restrict a, const float *restrict b,
                          size_t n)
{
    for (size_t k = 0; k < n; k += 8)
        _mm256_storeu_ps(y + k, _mm256_add_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k)));
}

T_AVX2 static void quantize_in_avx2(const qmat *q, const float *x, void *out)
{
    const float scf = q->wide ? (float)Q16_IN : (float)Q8_IN;
    const __m256 sc = _mm256_set1_ps(scf), lo = _mm256_set1_ps(-scf),
                 magic = _mm256_set1_ps(12582912.0f);
    size_t j = 0, n = q->n;
    for (; j + 8 <= n; j += 8) {
        __m256 v = _mm256_mul_ps(_mm256_loadu_ps(x + j), sc);
        v = _mm256_min_ps(_mm256_max_ps(v, lo), sc);
        v = _mm256_sub_ps(_mm256_add_ps(v, magic), magic);
        __m256i iv = _mm256_cvttps_epi32(v);
        if (!q->wide)
            iv = _mm256_add_epi32(iv, _mm256_set1_epi32(128));
        /* in range: the packs saturate nothing */
        __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(iv), _mm256_extracti128_si256(iv, 1));
        if (q->wide)
            _mm_storeu_si128((__m128i *)(void *)((int16_t *)out + j), w);
        else
            _mm_storel_epi64((__m128i *)(void *)((uint8_t *)out + j), _mm_packus_epi16(w, w));
    }
    if (j < n) {
        qmat tail = *q;
        tail.n = (uint32_t)(n - j);
        quantize_in_c(&tail, x + j, q->wide ? (void *)((int16_t *)out + j)
                                            : (void *)((uint8_t *)out + j));
    }
}
#endif

/* ---- kernels -------------------------------------------------------------
 *
 * Three operations carry all the arithmetic.  Each output element is a
 * chain of fused multiply-adds in a fixed order (gemv, ger) or 16 lane
 * sums folded in a fixed tree (dots), so the vector paths compute exactly
 * what the C path computes.  m (the row length) is a multiple of 16. */

/* y[0..m) += sum over j < n of x[j] * W[j][0..m) */
static void gemv_c(float *restrict y, const float *restrict W, const float *restrict x,
                   size_t n, size_t m)
{
    for (size_t j = 0; j < n; j++) {
        const float a = x[j], *w = W + j * m;
        for (size_t k = 0; k < m; k++)
            y[k] = fmaf(a, w[k], y[k]);
    }
}

/* dx[j] += W[j][0..m) . dy[0..m) for j < n */
static void dots_c(float *restrict dx, const float *restrict W, const float *restrict dy,
                   size_t n, size_t m)
{
    for (size_t j = 0; j < n; j++) {
        const float *w = W + j * m;
        float acc[16] = {0};
        for (size_t k = 0; k < m; k += 16)
            for (int l = 0; l < 16; l++)
                acc[l] = fmaf(w[k + (size_t)l], dy[k + (size_t)l], acc[l]);
        for (int l = 0; l < 8; l++)
            acc[l] += acc[l + 8];
        for (int l = 0; l < 4; l++)
            acc[l] += acc[l + 4];
        acc[0] += acc[2];
        acc[1] += acc[3];
        dx[j] += acc[0] + acc[1];
    }
}

/* dW[j][0..m) += x[j] * dy[0..m) for j < n */
static void ger_c(float *restrict dW, const float *restrict x, const float *restrict dy,
                  size_t n, size_t m)
{
    for (size_t j = 0; j < n; j++) {
        const float a = x[j];
        float *w = dW + j * m;
        for (size_t k = 0; k < m; k++)
            w[k] = fmaf(a, dy[k], w[k]);
    }
}

#ifdef KG_NN_X86
__attribute__((target("avx2,fma"))) static void gemv_avx2(float *restrict y,
                                                          const float *restrict W,
                                                          const float *restrict x, size_t n,
                                                          size_t m)
{
    for (size_t k = 0; k < m; k += 16) {
        __m256 a0 = _mm256_loadu_ps(y + k), a1 = _mm256_loadu_ps(y + k + 8);
        for (size_t j = 0; j < n; j++) {
            __m256 s = _mm256_set1_ps(x[j]);
            a0 = _mm256_fmadd_ps(s, _mm256_loadu_ps(W + j * m + k), a0);
            a1 = _mm256_fmadd_ps(s, _mm256_loadu_ps(W + j * m + k + 8), a1);
        }
        _mm256_storeu_ps(y + k, a0);
        _mm256_storeu_ps(y + k + 8, a1);
    }
}

__attribute__((target("avx2,fma"))) static void dots_avx2(float *restrict dx,
                                                          const float *restrict W,
                                                          const float *restrict dy, size_t n,
                                                          size_t m)
{
    for (size_t j = 0; j < n; j++) {
        const float *w = W + j * m;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        for (size_t k = 0; k < m; k += 16) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + k), _mm256_loadu_ps(dy + k), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w + k + 8), _mm256_loadu_ps(dy + k + 8), a1);
        }
        __m256 s8 = _mm256_add_ps(a0, a1);
        __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
        __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
        float r = _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
        dx[j] += r;
    }
}

__attribute__((target("avx2,fma"))) static void ger_avx2(float *restrict dW,
                                                         const float *restrict x,
                                                         const float *restrict dy, size_t n,
                                                         size_t m)
{
    for (size_t j = 0; j < n; j++) {
        __m256 s = _mm256_set1_ps(x[j]);
        float *w = dW + j * m;
        for (size_t k = 0; k < m; k += 8)
            _mm256_storeu_ps(w + k, _mm256_fmadd_ps(s, _mm256_loadu_ps(dy + k),
                                                    _mm256_loadu_ps(w + k)));
    }
}

__attribute__((target("avx2,fma,avx512f"))) static void gemv_avx512(float *restrict y,
                                                                    const float *restrict W,
                                                                    const float *restrict x,
                                                                    size_t n, size_t m)
{
    size_t k = 0;
    /* eight registers of 16 outputs at a time (eight chains of fused
     * multiply-adds in flight hide their latency), then one */
    for (; k + 128 <= m; k += 128) {
        __m512 a[8];
#pragma GCC unroll 8
        for (int r = 0; r < 8; r++)
            a[r] = _mm512_loadu_ps(y + k + 16 * r);
        for (size_t j = 0; j < n; j++) {
            const float *w = W + j * m + k;
            __m512 s = _mm512_set1_ps(x[j]);
#pragma GCC unroll 8
            for (int r = 0; r < 8; r++)
                a[r] = _mm512_fmadd_ps(s, _mm512_loadu_ps(w + 16 * r), a[r]);
        }
#pragma GCC unroll 8
        for (int r = 0; r < 8; r++)
            _mm512_storeu_ps(y + k + 16 * r, a[r]);
    }
    for (; k + 64 <= m; k += 64) {
        __m512 a0 = _mm512_loadu_ps(y + k), a1 = _mm512_loadu_ps(y + k + 16),
               a2 = _mm512_loadu_ps(y + k + 32), a3 = _mm512_loadu_ps(y + k + 48);
        for (size_t j = 0; j < n; j++) {
            const float *w = W + j * m + k;
            __m512 s = _mm512_set1_ps(x[j]);
            a0 = _mm512_fmadd_ps(s, _mm512_loadu_ps(w), a0);
            a1 = _mm512_fmadd_ps(s, _mm512_loadu_ps(w + 16), a1);
            a2 = _mm512_fmadd_ps(s, _mm512_loadu_ps(w + 32), a2);
            a3 = _mm512_fmadd_ps(s, _mm512_loadu_ps(w + 48), a3);
        }
        _mm512_storeu_ps(y + k, a0);
        _mm512_storeu_ps(y + k + 16, a1);
        _mm512_storeu_ps(y + k + 32, a2);
        _mm512_storeu_ps(y + k + 48, a3);
    }
    for (; k < m; k += 16) {
        __m512 a0 = _mm512_loadu_ps(y + k);
        for (size_t j = 0; j < n; j++)
            a0 = _mm512_fmadd_ps(_mm512_set1_ps(x[j]), _mm512_loadu_ps(W + j * m + k), a0);
        _mm512_storeu_ps(y + k, a0);
    }
}

__attribute__((target("avx2,fma,avx512f"))) static void dots_avx512(float *restrict dx,
                                                                    const float *restrict W,
                                                                    const float *restrict dy,
                                                                    size_t n, size_t m)
{
    for (size_t j = 0; j < n; j++) {
        const float *w = W + j * m;
        __m512 a = _mm512_setzero_ps();
        for (size_t k = 0; k < m; k += 16)
            a = _mm512_fmadd_ps(_mm512_loadu_ps(w + k), _mm512_loadu_ps(dy + k), a);
        __m256 s8 = _mm256_add_ps(_mm512_castps512_ps256(a),
                                  _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a), 1)));
        __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
        __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
        dx[j] += _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
    }
}

__attribute__((target("avx2,fma,avx512f"))) static void ger_avx512(float *restrict dW,
                                                                   const float *restrict x,
                                                                   const float *restrict dy,
                                                                   size_t n, size_t m)
{
    for (size_t j = 0; j < n; j++) {
        __m512 s = _mm512_set1_ps(x[j]);
        float *w = dW + j * m;
        for (size_t k = 0; k < m; k += 16)
            _mm512_storeu_ps(w + k, _mm512_fmadd_ps(s, _mm512_loadu_ps(dy + k),
                                                    _mm512_loadu_ps(w + k)));
    }
}
#endif

/* Y[r][0..m) += sum over j < n of X[r][j] * W[j][0..m), r < R: gemv on
 * R rows at once, each weight loaded once for all of them. */
static void gemm_c(float *const *Y, const float *restrict W, const float *const *X, size_t R,
                   size_t n, size_t m);
static void tanh_c(float *v, size_t n);

static struct {
    void (*gemv)(float *restrict, const float *restrict, const float *restrict, size_t, size_t);
    void (*dots)(float *restrict, const float *restrict, const float *restrict, size_t, size_t);
    void (*ger)(float *restrict, const float *restrict, const float *restrict, size_t, size_t);
    void (*gemm)(float *const *, const float *restrict, const float *const *, size_t, size_t,
                 size_t);
    void (*tanh)(float *, size_t);
    void (*gates)(float *restrict z, const float *restrict cp, float *restrict c,
                  float *restrict tc, float *restrict out, size_t h);
    double (*sumsq)(const float *, size_t);
    void (*adam)(float *restrict, float *restrict, float *restrict, float *restrict,
                 float *restrict, size_t, float, float, float);
    void (*vadd)(float *restrict, const float *restrict, size_t);
    void (*vadd3)(float *restrict, const float *restrict, const float *restrict, size_t);
    int set;
} K;

static void gemm_c(float *const *Y, const float *restrict W, const float *const *X, size_t R,
                   size_t n, size_t m)
{
    for (size_t r = 0; r < R; r++)
        K.gemv(Y[r], W, X[r], n, m);
}

/* y[0..n) = a[0..n) + b[0..n) */
static void vadd3_c(float *restrict y, const float *restrict a, const float *restrict b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] = a[k] + b[k];
}

/* y[0..n) += a[0..n) */
static void vadd_c(float *restrict y, const float *restrict a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] += a[k];
}

static void tanh_c(float *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        v[k] = nn_tanh(v[k]);
}

/* Sum of squares in double, element i into lane i % 8, the lanes folded
 * in a fixed tree (as the vector path does). */
static double sumsq_c(const float *g, size_t n)
{
    double acc[8] = {0};
    for (size_t i = 0; i < n; i++)
        acc[i % 8] += (double)g[i] * (double)g[i];
    for (int l = 0; l < 4; l++)
        acc[l] += acc[l + 4];
    acc[0] += acc[2];
    acc[1] += acc[3];
    return acc[0] + acc[1];
}

/* One Adam step on w[0..n) with gradients g (clipped by clip, then
 * cleared), moments m and v; avg (or NULL) the moving average of w with
 * this decay. */
static void adam_c(float *restrict w, float *restrict g, float *restrict m, float *restrict v,
                   float *restrict avg, size_t n, float clip, float lr, float decay)
{
    const float keep = 1.0f - decay;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i] * clip;
        m[i] = 0.9f * m[i] + 0.1f * gi;
        v[i] = 0.999f * v[i] + 0.001f * gi * gi;
        w[i] -= lr * m[i] / (sqrtf(v[i]) + 1e-8f);
        g[i] = 0;
        if (avg)
            avg[i] = decay * avg[i] + keep * w[i];
    }
}

int kg_nnparser_use_isa(int isa)
{
    qgemm8 = qgemm8_c;
    quantize_in = quantize_in_c;
    top2 = top2_c;
    K.gemm = gemm_c;
    K.gates = gates_c;
    K.tanh = tanh_c;
    K.vadd = vadd_c;
    K.vadd3 = vadd3_c;
    K.sumsq = sumsq_c;
    K.adam = adam_c;
    if (isa == 0) {
        K.gemv = gemv_c;
        K.dots = dots_c;
        K.ger = ger_c;
        K.set = 1;
        return 0;
    }
#ifdef KG_NN_X86
    __builtin_cpu_init();
    if (isa == 1 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        qgemm8 = qgemm8_avx2;
        quantize_in = quantize_in_avx2;
        K.gates = gates_avx2;
        K.tanh = tanh_avx2;
        K.vadd = vadd_avx2;
        K.vadd3 = vadd3_avx2;
        K.gemv = gemv_avx2;
        K.dots = dots_avx2;
        K.ger = ger_avx2;
        K.set = 1;
        return 0;
    }
    if (isa == 2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) {
        K.gemv = gemv_avx512;
        K.dots = dots_avx512;
        K.ger = ger_avx512;
        K.gemm = gemm_avx512;
        K.gates = gates_avx512;
        K.tanh = tanh_avx512;
        K.vadd = vadd_avx512;
        K.vadd3 = vadd3_avx512;
        K.sumsq = sumsq_avx512;
        K.adam = adam_avx512;
        quantize_in = quantize_in_avx512;
        top2 = top2_avx512;
        if (__builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw"))
            qgemm8 = qgemm8_vnni;
        K.set = 1;
        return 0;
    }
#endif
    return -1;
}

/* The best kernels this CPU has, or at most those KGRAPH_ISA names ("c",
 * "avx2", "avx512": every path gives the same bits, so the variable only
 * shows what each costs).  Called from load and train (single-threaded),
 * before any use; kg_nnparser_use_isa() before it has the last word. */
static int kernels_init(kg_diag *d)
{
    if (K.set)
        return 0;
    int top = 2;
    const char *env = getenv("KGRAPH_ISA");
    if (env && *env) {
        static const char *const names[] = {"c", "avx2", "avx512"};
        for (top = 2; top >= 0 && strcmp(env, names[top]) != 0; top--)
            ;
        if (top < 0) {
            kg_diag_error(d, NULL, 0, 0,
                          "unknown instruction set '%s' in KGRAPH_ISA (c, avx2 or avx512)", env);
            return -1;
        }
    }
    while (top > 0 && kg_nnparser_use_isa(top) < 0)
        top--;
    if (top == 0)
        kg_nnparser_use_isa(0);
    return 0;
}

/* ---- the parameters' layout ----------------------------------------------
 *
 * One float array: tag and shape vectors, per direction the LSTM's input
 * weights (in x 4h: rows are inputs, the gates i, f, g, o side by side),
 * recurrent weights (h x 4h) and bias (4h), then the scorer: W1 (4
 * features x 2h x m), the vectors of absent features E (4 x m), b1 (m),
 * W2 (m x ncp) and b2 (ncp).  Word vectors are apart (sparse updates). */
typedef struct layout {
    uint32_t edim, tdim, sdim, in, h, m, ncp;
    size_t temb, semb, wx[2], wh[2], b[2], w1, e, b1, w2, b2, total;
} layout;

static void layout_init(layout *L, uint32_t edim, uint32_t tdim, uint32_t sdim, uint32_t h,
                        uint32_t m)
{
    L->edim = edim;
    L->tdim = tdim;
    L->sdim = sdim;
    L->in = edim + tdim + sdim;
    L->h = h;
    L->m = m;
    L->ncp = (NCLASS + 15) / 16 * 16;
    size_t o = 0;
#define TAKE(f, n) (L->f = o, o += (size_t)(n))
    TAKE(temb, (size_t)NTAG * tdim);
    TAKE(semb, (size_t)NSHAPE * sdim);
    for (int d = 0; d < 2; d++) {
        TAKE(wx[d], (size_t)L->in * 4 * h);
        TAKE(wh[d], (size_t)h * 4 * h);
        TAKE(b[d], (size_t)4 * h);
    }
    TAKE(w1, (size_t)NFEAT * 2 * h * m);
    TAKE(e, (size_t)NFEAT * m);
    TAKE(b1, m);
    TAKE(w2, (size_t)m * L->ncp);
    TAKE(b2, L->ncp);
#undef TAKE
    L->total = o;
}

/* ---- words ----------------------------------------------------------------- */

/* Lowercase (ASCII) into buf; 0 when the word is too long to look up. */
static size_t word_key(const char *s, size_t n, char *buf)
{
    if (n == 0 || n >= MAX_WORD)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    buf[n] = '\0';
    return n;
}

/* 0 lowercase or other, 1 Capitalised, 2 ALL CAPS, 3 with a digit */
static int word_shape(const char *s, size_t n)
{
    int up = 0, lo = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            return 3;
        up += c >= 'A' && c <= 'Z';
        lo += c >= 'a' && c <= 'z';
    }
    if (up && !lo)
        return 2;
    return n && s[0] >= 'A' && s[0] <= 'Z';
}

static inline int tag_row(uint16_t xpos)
{
    return xpos < TAG_ROOT ? xpos : 0;
}

/* A vocabulary being built (training) or loaded: open addressing. */
typedef struct vocab {
    kg_buf words;        /* NUL-separated */
    uint32_t *ofs;
    size_t n, cap;
    uint32_t *slots;     /* id + 1 */
    size_t mask;
} vocab;

/* Put id into the open-addressing table slots (mask + 1 of them) under
 * the hash of word w of length n. */
static void slot_put(uint32_t *slots, size_t mask, const char *w, size_t n, uint32_t id)
{
    size_t i = (size_t)kg_hash64(w, n, 0x6e6e70) & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = id + 1;
}

static int vocab_find(const char *words, const uint32_t *ofs, const uint32_t *slots,
                      size_t mask, const char *w, size_t n)
{
    size_t i = (size_t)kg_hash64(w, n, 0x6e6e70) & mask;
    while (slots[i]) {
        uint32_t id = slots[i] - 1;
        if (!strcmp(words + ofs[id], w))
            return (int)id;
        i = (i + 1) & mask;
    }
    return -1;
}

static int vocab_grow(vocab *v)
{
    size_t nc = v->cap ? v->cap * 2 : 1024;
    uint32_t *ofs = kg_realloc(v->ofs, nc * sizeof *ofs);
    if (!ofs)
        return -1;
    v->ofs = ofs;
    uint32_t *slots = kg_calloc(nc * 2, sizeof *slots);
    if (!slots)
        return -1;
    free(v->slots);
    v->slots = slots;
    v->mask = nc * 2 - 1;
    v->cap = nc;
    for (size_t id = 0; id < v->n; id++) {
        const char *w = v->words.data + v->ofs[id];
        slot_put(v->slots, v->mask, w, strlen(w), (uint32_t)id);
    }
    return 0;
}

/* id of w (NUL-terminated, length n), added when new; -1 out of memory */
static int vocab_add(vocab *v, const char *w, size_t n)
{
    if (v->n) {
        int id = vocab_find(v->words.data, v->ofs, v->slots, v->mask, w, n);
        if (id >= 0)
            return id;
    }
    if (v->n + 1 > v->cap && vocab_grow(v) < 0)
        return -1;
    v->ofs[v->n] = (uint32_t)v->words.len;
    if (kg_buf_append(&v->words, w, n + 1) < 0)
        return -1;
    slot_put(v->slots, v->mask, w, n, (uint32_t)v->n);
    return (int)v->n++;
}

static void vocab_release(vocab *v)
{
    kg_buf_release(&v->words);
    free(v->ofs);
    free(v->slots);
    memset(v, 0, sizeof *v);
}

/* ---- the forward pass ------------------------------------------------------- */

/* One LSTM direction over T tokens: zin[t] (4h, input projection and bias
 * already in) -> gates G[t] (i, f, g, o after their functions), cells C,
 * tanh of the cells TC, and h into V[t][d*h ..). */
static void lstm_dir(const float *Wh, uint32_t h, int T, int d, const float *zin,
                     size_t zstride, float *G, float *C, float *TC, float *V)
{
    const size_t h4 = 4 * (size_t)h;
    for (int s = 0; s < T; s++) {
        int t = d == 0 ? s : T - 1 - s, tp = d == 0 ? t - 1 : t + 1;
        float *z = G + (size_t)t * h4;
        memcpy(z, zin + (size_t)t * zstride, h4 * sizeof *z);
        if (s > 0)
            K.gemv(z, Wh, V + (size_t)tp * 2 * h + (size_t)d * h, h, h4);
        const float *cp = s > 0 ? C + (size_t)tp * h : NULL;
        K.gates(z, cp, C + (size_t)t * h, TC + (size_t)t * h,
                V + (size_t)t * 2 * h + (size_t)d * h, h);
    }
}

/* P[t][f] = W1_f . V[t] for every token and feature position. */
static void project(const layout *L, const float *W1, int T, const float *V, float *P)
{
    const size_t h2 = 2 * (size_t)L->h, m = L->m;
    memset(P, 0, (size_t)T * NFEAT * m * sizeof *P);
    float *y[64];
    const float *x[64];
    for (int f = 0; f < NFEAT; f++)
        for (int t0 = 0; t0 < T; t0 += 64) {
            size_t R = (size_t)(T - t0 < 64 ? T - t0 : 64);
            for (size_t r = 0; r < R; r++) {
                y[r] = P + (((size_t)t0 + r) * NFEAT + (size_t)f) * m;
                x[r] = V + ((size_t)t0 + r) * h2;
            }
            K.gemm(y, W1 + (size_t)f * h2 * m, x, R, h2, m);
        }
}

/* ---- configurations --------------------------------------------------------- */

typedef struct cfg {
    int n, sp, b;
    int *stack;
    uint8_t *onstack;
    int16_t *head;
    uint8_t *lab;
} cfg;

static void cfg_start(cfg *c, int n)
{
    c->n = n;
    c->sp = 1;
    c->b = 1;
    c->stack[0] = 0;
    memset(c->onstack, 0, (size_t)n + 2);
    c->onstack[0] = 1;
    for (int i = 0; i <= n + 1; i++) {
        c->head[i] = -1;
        c->lab[i] = 0;
    }
}

static inline int cfg_done(const cfg *c) { return c->b > c->n && c->sp == 1; }
static inline int cfg_shift_ok(const cfg *c) { return c->b <= c->n; }
static inline int cfg_left_ok(const cfg *c) { return c->b <= c->n && c->sp >= 2; }
static inline int cfg_right_ok(const cfg *c)
{
    return c->sp >= 3 || (c->sp == 2 && c->b > c->n);
}

static void cfg_apply(cfg *c, int cls)
{
    if (cls == 0) {
        c->onstack[c->b] = 1;
        c->stack[c->sp++] = c->b++;
        return;
    }
    int s0 = c->stack[--c->sp];
    c->onstack[s0] = 0;
    if (cls <= NLAB) {
        c->head[s0] = (int16_t)c->b;
        c->lab[s0] = (uint8_t)cls;
    } else {
        c->head[s0] = (int16_t)c->stack[c->sp - 1];
        c->lab[s0] = (uint8_t)(cls - NLAB);
    }
}

/* The four feature tokens, -1 when absent. */
static void cfg_feats(const cfg *c, int *f)
{
    f[0] = c->sp >= 1 ? c->stack[c->sp - 1] : -1;
    f[1] = c->sp >= 2 ? c->stack[c->sp - 2] : -1;
    f[2] = c->sp >= 3 ? c->stack[c->sp - 3] : -1;
    f[3] = c->b <= c->n ? c->b : -1;
}

/* hid = tanh(b1 + the features' projections), sc = b2 + W2 . hid */
static void score(const layout *L, const float *par, const float *P, const int *f, float *hid,
                  float *sc)
{
    const size_t m = L->m;
    const float *E = par + L->e;
    memcpy(hid, par + L->b1, m * sizeof *hid);
    for (int k = 0; k < NFEAT; k++) {
        const float *v = f[k] >= 0 ? P + ((size_t)f[k] * NFEAT + (size_t)k) * m : E + (size_t)k * m;
        for (size_t j = 0; j < m; j++)
            hid[j] += v[j];
    }
    K.tanh(hid, m);
    memcpy(sc, par + L->b2, L->ncp * sizeof *sc);
    K.gemv(sc, par + L->w2, hid, m, L->ncp);
}

/* ---- loading ------------------------------------------------------------------ */

void kg_nnp_scratch_init(kg_nnp_scratch *s)
{
    memset(s, 0, sizeof *s);
}

void kg_nnp_scratch_release(kg_nnp_scratch *s)
{
    free(s->mem);
    free(s->wcache);
    free(s->wcache_id);
    memset(s, 0, sizeof *s);
}

void kg_nnparser_release(kg_nnparser *p)
{
    free(p->wofs);
    free(p->slots);
    for (int d = 0; d < 2; d++) {
        free(p->ptag[d]);
        qmat_free(p->qwh[d]);
    }
    for (int f = 0; f < NFEAT; f++)
        qmat_free(p->qw1[f]);
    qmat_free(p->qw2);
    memset(p, 0, sizeof *p);
}

static void layout_of(const kg_nnparser *p, layout *L)
{
    layout_init(L, p->edim, p->tdim, p->sdim, p->h, p->m);
}

int kg_nnparser_load(kg_nnparser *p, const kg_model_file *f, kg_diag *d)
{
    memset(p, 0, sizeof *p);
    if (kernels_init(d) < 0)
        return -1;
    size_t n;
    const uint32_t *hdr = kg_model_section_get(f, "nnhdr", 4, 8, &n, d);
    if (!hdr)
        return -1;
    p->edim = hdr[0];
    p->tdim = hdr[1];
    p->sdim = hdr[2];
    p->h = hdr[3];
    p->m = hdr[4];
    p->nvocab = hdr[6];
    layout L;
    if (p->edim == 0 || p->edim > 1024 || p->tdim > 1024 || p->sdim > 1024 || p->h == 0 ||
        p->h > 512 || p->h % 4 || p->m == 0 || p->m > 1024 || p->m % 16 || hdr[7] != NCLASS ||
        p->nvocab < 2 || p->nvocab > (1u << 24))
        goto corrupt;
    layout_of(p, &L);
    if (hdr[5] != L.ncp)
        goto corrupt;
    const float *par = kg_model_section_get(f, "nnparams", 4, 1, &n, d);
    if (!par)
        return -1;
    if (n != L.total)
        goto corrupt;
    p->emb = kg_model_section_get(f, "nnemb", 1, 1, &n, d);
    if (!p->emb)
        return -1;
    if (n != (size_t)p->nvocab * p->edim)
        goto corrupt;
    p->embscale = kg_model_section_get(f, "nnscale", 4, 1, &n, d);
    if (!p->embscale)
        return -1;
    if (n != p->nvocab)
        goto corrupt;
    p->words = kg_model_section_get(f, "nnvocab", 1, 1, &n, d);
    if (!p->words)
        return -1;
    if (p->words[n - 1] != '\0')
        goto corrupt;
    p->temb = par + L.temb;
    p->semb = par + L.semb;
    for (int k = 0; k < 2; k++) {
        p->wx[k] = par + L.wx[k];
        p->wh[k] = par + L.wh[k];
        p->b[k] = par + L.b[k];
    }
    p->w1 = par + L.w1;
    p->e = par + L.e;
    p->b1 = par + L.b1;
    p->w2 = par + L.w2;
    p->b2 = par + L.b2;
    /* the vocabulary's table */
    size_t cap = 1;
    while (cap < (size_t)p->nvocab * 2)
        cap *= 2;
    p->wofs = kg_malloc((size_t)p->nvocab * sizeof *p->wofs);
    p->slots = kg_calloc(cap, sizeof *p->slots);
    p->mask = cap - 1;
    const size_t h4 = 4 * (size_t)p->h;
    for (int k = 0; k < 2; k++) {
        p->ptag[k] = kg_malloc((size_t)NTAG * NSHAPE * h4 * sizeof(float));
        if (!p->ptag[k])
            goto oom;
    }
    if (!p->wofs || !p->slots)
        goto oom;
    for (int k = 0; k < 2; k++)
        if (!(p->qwh[k] = qmat_new(p->wh[k], p->h, h4, 1)))
            goto oom;
    for (int k = 0; k < NFEAT; k++)
        if (!(p->qw1[k] = qmat_new(p->w1 + (size_t)k * 2 * p->h * p->m, 2 * (size_t)p->h, p->m, 0)))
            goto oom;
    if (!(p->qw2 = qmat_new(p->w2, p->m, L.ncp, 0)))
        goto oom;
    size_t at = 0;
    for (uint32_t id = 0; id < p->nvocab; id++) {
        if (at >= n)
            goto corrupt;
        p->wofs[id] = (uint32_t)at;
        size_t len = strlen(p->words + at);
        slot_put(p->slots, p->mask, p->words + at, len, id);
        at += len + 1;
    }
    /* the tag's and the shape's parts of the input projection and the
     * bias, for every pair of them */
    for (int k = 0; k < 2; k++) {
        float ts[2048];
        for (int t = 0; t < NTAG; t++) {
            memcpy(ts, p->b[k], h4 * sizeof *ts);
            K.gemv(ts, p->wx[k] + (size_t)p->edim * h4, p->temb + (size_t)t * p->tdim, p->tdim,
                   h4);
            for (int sh = 0; sh < NSHAPE; sh++) {
                float *y = p->ptag[k] + ((size_t)t * NSHAPE + (size_t)sh) * h4;
                memset(y, 0, h4 * sizeof *y);
                K.gemv(y, p->wx[k] + (size_t)(p->edim + p->tdim) * h4,
                       p->semb + (size_t)sh * p->sdim, p->sdim, h4);
                for (size_t j = 0; j < h4; j++)
                    y[j] = ts[j] + y[j];
            }
        }
    }
    return 0;
corrupt:
    kg_diag_error(d, f->name, 0, 0, "model file is corrupt (neural parser)");
    kg_nnparser_release(p);
    return -1;
oom:
    kg_diag_oom(d, "loading the parser");
    kg_nnparser_release(p);
    return -1;
}

/* ---- parsing ------------------------------------------------------------------ */

static uint32_t word_id(const kg_nnparser *p, const char *form, uint32_t len)
{
    char buf[MAX_WORD];
    size_t n = word_key(form, len, buf);
    if (!n)
        return W_UNK;
    int id = vocab_find(p->words, p->wofs, p->slots, p->mask, buf, n);
    return id < 0 ? W_UNK : (uint32_t)id;
}

static int scratch_fit(const kg_nnparser *p, kg_nnp_scratch *s, size_t need)
{
    const size_t h4 = 4 * (size_t)p->h;
    if (s->wcache_owner != p || !s->wcache) {
        free(s->wcache);
        free(s->wcache_id);
        s->wcache = kg_malloc(WCACHE_LINES * 2 * h4 * sizeof *s->wcache);
        s->wcache_id = kg_calloc(WCACHE_LINES, sizeof *s->wcache_id);
        s->wcache_owner = p;
        if (!s->wcache || !s->wcache_id) {
            s->wcache_owner = NULL;
            return -1;
        }
    }
    if (need > s->cap) {
        float *m = kg_realloc(s->mem, need * sizeof *m);
        if (!m)
            return -1;
        s->mem = m;
        s->cap = need;
    }
    return 0;
}

/* The arcs of one direction (classes base + l, l = 1..NLAB) to a word of
 * tag xpos: the labels kg_parser_label_allowed() lets them take, found
 * once per transition, not once per label (it was a tenth of the parse).
 * The same set: root alone from ROOT, else punct alone on an
 * always-punctuation tag, else every label but root, and but punct
 * unless the tag may be punctuation. */
static inline void arcs_allowed(cset *m, int base, int from_root, uint32_t xpos)
{
    const int root = KG_DEP_ROOT, punct = KG_DEP_PUNCT;
    if (from_root) {
        cset_add(m, base + root);
        return;
    }
    if (kg_parser_always_punct(xpos)) {
        cset_add(m, base + punct);
        return;
    }
    int skip = kg_parser_may_be_punct(xpos) ? root : punct;
    /* labels 1..NLAB, then the two left out */
    for (int w = 0; w < 2; w++) {
        int lo = base + 1 - 64 * w, hi = base + NLAB - 64 * w; /* in this word */
        lo = lo < 0 ? 0 : lo;
        hi = hi > 63 ? 63 : hi;
        if (lo <= hi)
            m->w[w] |= (~0ull >> (63 - hi)) & (~0ull << lo);
    }
    m->w[(base + root) >> 6] &= ~(1ull << ((base + root) & 63));
    m->w[(base + skip) >> 6] &= ~(1ull << ((base + skip) & 63));
}

/* The best valid transition allowed by the labels' constraints
 * (kg_parser_label_allowed), and its lead over the next best. */
static int best_valid(const cfg *c, const float *sc, const uint16_t *xpos, float *gap)
{
    cset m = {{0, 0}};
    if (cfg_shift_ok(c))
        cset_add(&m, 0);
    if (cfg_left_ok(c) || cfg_right_ok(c)) {
        uint32_t xp = xpos[c->stack[c->sp - 1] - 1];
        if (cfg_left_ok(c))
            arcs_allowed(&m, 0, 0, xp);
        if (cfg_right_ok(c))
            arcs_allowed(&m, NLAB, c->stack[c->sp - 2] == 0, xp);
    }
    float b1, b2;
    int best = top2(sc, &m, &b1, &b2);
    *gap = b2 == -INFINITY ? INFINITY : b1 - b2;
    return best;
}

/* One sentence's arrays in the scratch memory: the LSTM's outputs and
 * the scorer's projections of them, and the LSTM's buffers for one step
 * (pre-activations, the cell of this step and the last, tanh of the
 * cell): written for every token and read once, the gates and cells
 * cost more as arrays, out of the caches, than their arithmetic. */
typedef struct sbuf {
    size_t T;
    float *V, *P;
    float *z, *cell[2], *tc;
} sbuf;

static size_t sent_floats(const kg_nnparser *p, size_t T)
{
    return T * 2 * p->h + T * NFEAT * p->m + 7 * (size_t)p->h;
}

static void sent_carve(const kg_nnparser *p, float *mem, size_t T, sbuf *b)
{
    const size_t h = p->h;
    b->T = T;
    b->V = mem;
    b->P = b->V + T * 2 * h;
    b->z = b->P + T * NFEAT * p->m;
    b->cell[0] = b->z + 4 * h;
    b->cell[1] = b->cell[0] + h;
    b->tc = b->cell[1] + h;
}

/* The LSTM's inputs of a batch's tokens (0 = ROOT of each sentence, in
 * order): for each, its word's part (8h floats: both directions) and the
 * row of its tag and shape in the load-time tables. */
typedef struct binput {
    const float **src;
    uint32_t *tagrow, *ids;
    float *tmp;   /* the parts of the words not in the cache */
    size_t nmiss;
} binput;

/* The words' parts, from the scratch's cache of recent words or computed
 * for the batch's new words together; mem: room for a pointer, 2 ids,
 * 8h + edim floats per token. */
static void batch_inputs(const kg_nnparser *p, kg_nnp_scratch *s, const kg_parse_sent *const *in,
                         const sbuf *b, size_t nb, size_t ntok, void *mem, binput *bi)
{
    const size_t h = p->h, h4 = 4 * h, ed = p->edim;
    bi->src = mem;
    bi->tmp = (float *)(void *)(bi->src + ntok);
    float *X = bi->tmp + ntok * 8 * h;
    bi->ids = (uint32_t *)(void *)(X + ntok * ed);
    bi->tagrow = bi->ids + ntok;
    float *y[KG_NNP_BATCH * 8];
    const float *x[KG_NNP_BATCH * 8];
    size_t tok = 0, nmiss = 0;
    for (size_t i = 0; i < nb; i++)
        for (size_t t = 0; t < b[i].T; t++, tok++) {
            uint32_t id = t == 0 ? W_ROOT : word_id(p, in[i]->forms[t - 1], in[i]->lens[t - 1]);
            int tag = t == 0 ? TAG_ROOT : tag_row(in[i]->xpos[t - 1]);
            int shp = t == 0 ? 0 : word_shape(in[i]->forms[t - 1], in[i]->lens[t - 1]);
            bi->tagrow[tok] = (uint32_t)(tag * NSHAPE + shp);
            size_t line = (size_t)(id * 2654435761u >> 21) & (WCACHE_LINES - 1);
            bi->ids[tok] = id;
            if (s->wcache_id[line] == id + 1) {
                bi->src[tok] = s->wcache + line * 8 * h;
                continue;
            }
            float *xr = X + nmiss * ed;
            const int8_t *q = p->emb + (size_t)id * ed;
            const float sc = p->embscale[id];
            for (size_t j = 0; j < ed; j++)
                xr[j] = (float)q[j] * sc;
            bi->src[tok] = bi->tmp + nmiss * 8 * h;
            nmiss++;
        }
    bi->nmiss = nmiss;
    memset(bi->tmp, 0, nmiss * 8 * h * sizeof *bi->tmp);
    for (int k = 0; k < 2; k++)
        for (size_t r0 = 0; r0 < nmiss; r0 += KG_NNP_BATCH * 8) {
            size_t R = nmiss - r0 < KG_NNP_BATCH * 8 ? nmiss - r0 : KG_NNP_BATCH * 8;
            for (size_t r = 0; r < R; r++) {
                y[r] = bi->tmp + (r0 + r) * 8 * h + (size_t)k * h4;
                x[r] = X + (r0 + r) * ed;
            }
            K.gemm(y, p->wx[k], x, R, ed, h4);
        }
}

/* The batch's new words into the cache (the last of two on a line
 * stays): after the LSTM, which reads the parts where batch_inputs()
 * found them. */
static void cache_words(const kg_nnparser *p, kg_nnp_scratch *s, const binput *bi, size_t ntok)
{
    const size_t h = p->h;
    for (size_t tok = 0; tok < ntok; tok++) {
        if (bi->src[tok] < bi->tmp || bi->src[tok] >= bi->tmp + bi->nmiss * 8 * h)
            continue;
        size_t line = (size_t)(bi->ids[tok] * 2654435761u >> 21) & (WCACHE_LINES - 1);
        memcpy(s->wcache + line * 8 * h, bi->src[tok], 8 * h * sizeof(float));
        s->wcache_id[line] = bi->ids[tok] + 1;
    }
}

/* Both LSTM directions over the sentences b[0..nb) side by side: at each
 * step the recurrent weights are read once for every sentence still
 * running (the weights, not the arithmetic, are the cost of a step).
 * A step's pre-activations are the tag's and the word's parts added, then
 * the recurrence's: each sentence's numbers are those lstm_dir() gives it
 * alone (with the recurrence in integers). */
static void lstm_batch(const kg_nnparser *p, sbuf *b, size_t nb, const binput *bi)
{
    const size_t h = p->h, h4 = 4 * h;
    size_t maxT = 0, off[KG_NNP_BATCH];
    for (size_t i = 0, o = 0; i < nb; o += b[i].T, i++) {
        maxT = b[i].T > maxT ? b[i].T : maxT;
        off[i] = o;
    }
    float *y[KG_NNP_BATCH];
    const float *x[KG_NNP_BATCH];
    int16_t hq[KG_NNP_BATCH][512];
    size_t tt[KG_NNP_BATCH], idx[KG_NNP_BATCH];
    for (int d = 0; d < 2; d++) {
        for (size_t st = 0; st < maxT; st++) {
            size_t R = 0;
            for (size_t i = 0; i < nb; i++) {
                if (st >= b[i].T)
                    continue;
                size_t T = b[i].T, t = d == 0 ? st : T - 1 - st, tok = off[i] + t;
                K.vadd3(b[i].z, p->ptag[d] + (size_t)bi->tagrow[tok] * h4,
                        bi->src[tok] + (size_t)d * h4, h4);
                y[R] = b[i].z;
                if (st > 0) { /* the previous word's output (none before the first) */
                    size_t tp = d == 0 ? t - 1 : t + 1;
                    x[R] = b[i].V + tp * 2 * h + (size_t)d * h;
                }
                tt[R] = t;
                idx[R++] = i;
            }
            if (st > 0) {
                const void *xq[KG_NNP_BATCH];
                for (size_t r = 0; r < R; r++) {
                    quantize_in(p->qwh[d], x[r], hq[r]);
                    xq[r] = hq[r];
                }
                qgemm(y, p->qwh[d], xq, R);
            }
            /* a sentence's cells alternate between its two buffers */
            for (size_t r = 0; r < R; r++) {
                const sbuf *q = &b[idx[r]];
                K.gates(q->z, st > 0 ? q->cell[(st & 1) ^ 1] : NULL, q->cell[st & 1], q->tc,
                        q->V + tt[r] * 2 * h + (size_t)d * h, h);
            }
        }
    }
}

/* P[t][f] = W1_f . V[t] for a sentence's tokens, with the int8 W1; vq:
 * room for the quantized V (T x 2h bytes). */
static void project_q(const kg_nnparser *p, const sbuf *b, uint8_t *vq)
{
    const size_t h2 = 2 * (size_t)p->h, m = p->m;
    memset(b->P, 0, b->T * NFEAT * m * sizeof *b->P);
    for (size_t t = 0; t < b->T; t++)
        quantize_in(p->qw1[0], b->V + t * h2, vq + t * h2);
    float *y[64];
    const void *x[64];
    for (int f = 0; f < NFEAT; f++)
        for (size_t t0 = 0; t0 < b->T; t0 += 64) {
            size_t R = b->T - t0 < 64 ? b->T - t0 : 64;
            for (size_t r = 0; r < R; r++) {
                y[r] = b->P + ((t0 + r) * NFEAT + (size_t)f) * m;
                x[r] = vq + (t0 + r) * h2;
            }
            qgemm(y, p->qw1[f], x, R);
        }
}

/* One sentence's decoding state. */
typedef struct dec {
    const kg_parse_sent *in;
    const sbuf *b;
    cfg c;
    float *hid, *sc;
} dec;

static void dec_start(dec *q, const kg_parse_sent *in, const sbuf *b, float *hid, float *sc,
                      void *cmem)
{
    const size_t T = in->n + 1;
    int *stack = cmem;
    int16_t *head = (int16_t *)(void *)(stack + T + 2);
    uint8_t *lab = (uint8_t *)(head + T + 2), *onstack = lab + T + 2;
    q->in = in;
    q->b = b;
    q->hid = hid;
    q->sc = sc;
    q->c = (cfg){0, 0, 0, stack, onstack, head, lab};
    cfg_start(&q->c, (int)in->n);
}

/* The hidden layer of q's next transition, and its scores' start (b2). */
static void dec_hidden(const layout *L, const float *par, dec *q)
{
    const size_t m = L->m;
    const float *E = par + L->e;
    int f[NFEAT];
    cfg_feats(&q->c, f);
    memcpy(q->hid, par + L->b1, m * sizeof *q->hid);
    for (int k = 0; k < NFEAT; k++) {
        K.vadd(q->hid,
               f[k] >= 0 ? q->b->P + ((size_t)f[k] * NFEAT + (size_t)k) * m : E + (size_t)k * m,
               m);
    }
    K.tanh(q->hid, m);
    memcpy(q->sc, par + L->b2, L->ncp * sizeof *q->sc);
}

/* Take q's best transition; 1 when the sentence is parsed. */
static int dec_step(dec *q)
{
    cfg *c = &q->c;
    float gap;
    int cls = best_valid(c, q->sc, q->in->xpos, &gap);
    if (cls < 0) /* cannot happen: SHIFT or a RIGHT is always allowed */
        cls = cfg_shift_ok(c) ? 0 : NLAB + KG_DEP_DEP;
    int s0 = cls == 0 ? 0 : c->stack[c->sp - 1];
    cfg_apply(c, cls);
    if (cls != 0 && q->in->margins) {
        /* a logit gap of 4 (98% against the runner-up) is "sure" */
        float g = gap * (float)KG_PARSER_MARGIN_SURE / 4.0f;
        q->in->margins[s0 - 1] = g >= 255.0f ? 255 : (uint8_t)g;
    }
    if (!cfg_done(c))
        return 0;
    for (size_t i = 1; i <= q->in->n; i++) {
        q->in->heads[i - 1] = c->head[i];
        q->in->deprels[i - 1] = c->lab[i];
    }
    return 1;
}

/* The sentences q[0..nq) parsed side by side, one transition each per
 * round: the scorer's output weights are read once for all of them. */
static void decode_batch(const kg_nnparser *p, dec *q, size_t nq)
{
    layout L;
    layout_of(p, &L);
    const float *par = p->temb - L.temb; /* the model's float block */
    dec *live[KG_NNP_BATCH];
    size_t nl = 0;
    for (size_t i = 0; i < nq; i++)
        live[nl++] = &q[i];
    float *y[KG_NNP_BATCH];
    uint8_t xq[KG_NNP_BATCH][1024];
    const void *x[KG_NNP_BATCH];
    while (nl > 0) {
        for (size_t r = 0; r < nl; r++) {
            dec_hidden(&L, par, live[r]);
            y[r] = live[r]->sc;
            quantize_in(p->qw2, live[r]->hid, xq[r]);
            x[r] = xq[r];
        }
        qgemm(y, p->qw2, x, nl);
        size_t k = 0;
        for (size_t r = 0; r < nl; r++)
            if (!dec_step(live[r]))
                live[k++] = live[r];
        nl = k;
    }
}

int kg_nnparser_parse_many(const kg_nnparser *p, kg_nnp_scratch *s, const kg_parse_sent *in,
                           size_t n)
{
    layout L;
    layout_of(p, &L);
    /* Sentences of like length in a batch: a batch runs as many LSTM
     * steps and transitions as its longest sentence needs, for fewer and
     * fewer rows as the shorter end (over Wikinews, an LSTM step had
     * 3.9 rows of 8 on average in input order, 5.5 so).  The order is a
     * window's non-empty sentences by length, longest first, ties in
     * input order; a sentence's tree does not depend on its batch. */
    const kg_parse_sent *ord[KG_NNP_WINDOW];
    size_t nord = 0, used = 0;
    for (size_t at = 0; at < n || used < nord;) {
        if (used == nord) {
            nord = used = 0;
            for (; at < n && nord < KG_NNP_WINDOW; at++) {
                if (in[at].n == 0)
                    continue;
                size_t j = nord++;
                for (; j > 0 && ord[j - 1]->n < in[at].n; j--)
                    ord[j] = ord[j - 1];
                ord[j] = &in[at];
            }
            if (nord == 0)
                continue;
        }
        /* a batch: the next KG_NNP_BATCH (or fewer) of the window */
        size_t nb = 0, need = 0, maxT = 0;
        const kg_parse_sent *bs[KG_NNP_BATCH];
        while (used < nord && nb < KG_NNP_BATCH) {
            const kg_parse_sent *x = ord[used++];
            bs[nb++] = x;
            need += sent_floats(p, x->n + 1);
            if (x->n + 1 > maxT)
                maxT = x->n + 1;
        }
        /* + per sentence hid, scores and a configuration (ints in
         * float-sized room) */
        size_t per = L.m + L.ncp + (maxT + 2) * 3 + 16;
        need += nb * per;
        /* + batch_inputs(): a pointer, 8h + edim floats and two ids per
         * token */
        size_t ntok = 0;
        for (size_t i = 0; i < nb; i++)
            ntok += bs[i]->n + 1;
        need += ntok * (2 + 8 * L.h + L.edim + 2) + 32;
        if (scratch_fit(p, s, need) < 0)
            return -1;
        sbuf b[KG_NNP_BATCH];
        float *mem = s->mem;
        for (size_t i = 0; i < nb; i++) {
            sent_carve(p, mem, bs[i]->n + 1, &b[i]);
            mem += sent_floats(p, bs[i]->n + 1);
        }
        /* the room batch_inputs() (and then project_q()) needs comes after
         * the decoders', aligned for its pointers */
        char *after = (char *)(mem + nb * per);
        void *extra = after + (64 - (uintptr_t)after % 64) % 64;
        binput bi;
        batch_inputs(p, s, bs, b, nb, ntok, extra, &bi);
        lstm_batch(p, b, nb, &bi);
        cache_words(p, s, &bi, ntok);
        dec q[KG_NNP_BATCH];
        for (size_t i = 0; i < nb; i++) {
            project_q(p, &b[i], extra);
            float *hid = mem + i * per, *sc = hid + L.m;
            dec_start(&q[i], bs[i], &b[i], hid, sc, sc + L.ncp);
        }
        decode_batch(p, q, nb);
    }
    return 0;
}

/* ---- training ------------------------------------------------------------------ */

void kg_nnparser_opts_init(kg_nnparser_opts *o)
{
    memset(o, 0, sizeof *o);
    o->epochs = 12;
    o->seed = 1;
    o->hidden = 128;
    o->mlp = 128;
    o->edim = 100;
    o->dropout = 0.33;
    o->lr = 0.001;
    o->max_embeddings = 100000;
}

typedef struct nnt {
    const kg_nnparser_opts *o;
    layout L;
    vocab voc;
    FILE *ef;             /* the embeddings file, while setting up */
    uint32_t *freq;       /* training occurrences per word id */
    float *emb, *gemb, *memb, *vemb;
    float *par, *gpar, *mpar, *vpar;
    float *avg;           /* moving average of par: the model written */
    uint32_t *touched;
    uint8_t *istouched;
    size_t ntouched;
    long step;
    uint64_t rng;
    /* per sentence (sized for the longest) */
    float *x, *dx, *zin, *G, *C, *TC, *V, *Vd, *P, *dP, *dV, *mx, *mv;
    int *stack, *ids, *tags, *shapes;
    int16_t *head, *gh;
    uint8_t *lab, *gl, *onstack;
} nnt;

static void nnt_release(nnt *t)
{
    if (t->ef)
        fclose(t->ef);
    vocab_release(&t->voc);
    void *ps[] = {t->freq, t->emb, t->gemb, t->memb, t->vemb, t->par, t->gpar, t->mpar, t->vpar,
                  t->avg, t->touched, t->istouched, t->x, t->dx, t->zin, t->G, t->C, t->TC, t->V,
                  t->Vd, t->P, t->dP, t->dV, t->mx, t->mv, t->stack, t->ids, t->tags,
                  t->shapes, t->head, t->gh, t->lab, t->gl, t->onstack};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        free(ps[i]);
}

static float urand_sym(uint64_t *r, double scale)
{
    return (float)((kg_rand_unit(r) * 2.0 - 1.0) * scale);
}

/* Read the embeddings file f (named path): "word TAB v1 v2 ... vN" per
 * line; the words join the vocabulary, their vectors (scaled down) start
 * their rows. */
static int read_embeddings(nnt *t, FILE *f, const char *path, kg_buf *vecs, kg_diag *d)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    size_t lineno = 0, got = 0;
    int rc = 0;
    while (got < t->o->max_embeddings && (len = getline(&line, &cap, f)) > 0) {
        lineno++;
        char *tab = memchr(line, '\t', (size_t)len);
        if (!tab) {
            kg_diag_error(d, path, (int)lineno, 1, "expected 'word TAB numbers'");
            rc = -1;
            break;
        }
        *tab = '\0';
        char key[MAX_WORD];
        size_t kn = word_key(line, (size_t)(tab - line), key);
        if (!kn || (size_t)(tab - line) != kn || memcmp(key, line, kn) != 0)
            continue; /* too long, or not lowercase: never looked up */
        int id = vocab_add(&t->voc, key, kn);
        if (id < 0) {
            kg_diag_oom(d, "reading the embeddings");
            rc = -1;
            break;
        }
        char *q = tab + 1;
        float v[1024];
        for (uint32_t k = 0; k < t->L.edim; k++) {
            char *e;
            v[k] = strtof(q, &e);
            if (e == q) {
                kg_diag_error(d, path, (int)lineno, (int)(q - line) + 1,
                              "expected %u numbers after the word", t->L.edim);
                rc = -1;
                break;
            }
            q = e;
        }
        if (rc < 0)
            break;
        /* (id, vector) pairs: applied once the rows exist */
        uint32_t uid = (uint32_t)id;
        if (kg_buf_append(vecs, &uid, sizeof uid) < 0 ||
            kg_buf_append(vecs, v, t->L.edim * sizeof *v) < 0) {
            kg_diag_oom(d, "reading the embeddings");
            rc = -1;
            break;
        }
        got++;
    }
    free(line);
    if (rc == 0 && t->o->log)
        fprintf(t->o->log, "parser: %zu word vectors from %s\n", got, path);
    return rc;
}

/* The edim of the embeddings file f (named path): numbers on its first
 * line; f is rewound for read_embeddings(). */
static int embeddings_dim(FILE *f, const char *path, uint32_t *dim, kg_diag *d)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = getline(&line, &cap, f);
    rewind(f);
    uint32_t n = 0;
    char *tab = len > 0 ? memchr(line, '\t', (size_t)len) : NULL;
    if (tab) {
        char *q = tab + 1, *e;
        for (;;) {
            (void)strtof(q, &e);
            if (e == q)
                break;
            n++;
            q = e;
        }
    }
    free(line);
    if (n == 0 || n > 1024) {
        kg_diag_error(d, path, 1, 1, "expected 'word TAB numbers' (1 to 1024 numbers)");
        return -1;
    }
    *dim = n;
    return 0;
}

static int nnt_setup(nnt *t, const kg_conllu *c, const uint32_t *order, size_t m,
                     kg_diag *d)
{
    const kg_nnparser_opts *o = t->o;
    uint32_t edim = (uint32_t)o->edim;
    if (o->embeddings) {
        t->ef = fopen(o->embeddings, "r");
        if (!t->ef) {
            kg_diag_error(d, o->embeddings, 0, 0, "cannot open the embeddings file");
            return -1;
        }
        if (embeddings_dim(t->ef, o->embeddings, &edim, d) < 0)
            return -1;
    }
    uint32_t h = (uint32_t)(o->hidden + 3) / 4 * 4, mm = (uint32_t)(o->mlp + 15) / 16 * 16;
    layout_init(&t->L, edim, 32, 8, h, mm);
    t->rng = o->seed ? o->seed : 1;
    if (vocab_add(&t->voc, "<unk>", 5) < 0 || vocab_add(&t->voc, "<root>", 6) < 0)
        goto oom;
    /* training words first (their counts drive word dropout) */
    size_t fcap = 1024;
    t->freq = kg_calloc(fcap, sizeof *t->freq);
    if (!t->freq)
        goto oom;
    size_t maxn = 1;
    for (size_t i = 0; i < m; i++) {
        const kg_csent *s = &c->sents[order[i]];
        if (s->count > maxn)
            maxn = s->count;
        for (uint32_t k = 0; k < s->count; k++) {
            const char *w = c->words[s->first + k].form;
            char key[MAX_WORD];
            size_t kn = word_key(w, strlen(w), key);
            if (!kn)
                continue;
            int id = vocab_add(&t->voc, key, kn);
            if (id < 0)
                goto oom;
            if ((size_t)id >= fcap) {
                uint32_t *nf = kg_realloc(t->freq, fcap * 2 * sizeof *nf);
                if (!nf)
                    goto oom;
                memset(nf + fcap, 0, fcap * sizeof *nf);
                t->freq = nf;
                fcap *= 2;
            }
            t->freq[id]++;
        }
    }
    size_t ntrain = t->voc.n;
    kg_buf vecs;
    kg_buf_init(&vecs);
    if (o->embeddings && read_embeddings(t, t->ef, o->embeddings, &vecs, d) < 0) {
        kg_buf_release(&vecs);
        return -1;
    }
    size_t nv = t->voc.n;
    if (nv > fcap) {
        uint32_t *nf = kg_realloc(t->freq, nv * sizeof *nf);
        if (!nf) {
            kg_buf_release(&vecs);
            goto oom;
        }
        memset(nf + fcap, 0, (nv - fcap) * sizeof *nf);
        t->freq = nf;
    }
    t->emb = kg_malloc(nv * edim * sizeof(float));
    t->gemb = kg_calloc(nv * edim, sizeof(float));
    t->memb = kg_calloc(nv * edim, sizeof(float));
    t->vemb = kg_calloc(nv * edim, sizeof(float));
    t->touched = kg_malloc(nv * sizeof *t->touched);
    t->istouched = kg_calloc(nv, 1);
    if (!t->emb || !t->gemb || !t->memb || !t->vemb || !t->touched || !t->istouched) {
        kg_buf_release(&vecs);
        goto oom;
    }
    for (size_t i = 0; i < nv * edim; i++)
        t->emb[i] = urand_sym(&t->rng, 0.1 * sqrt(3.0 / edim));
    /* pretrained vectors scaled to about the random rows' size times
     * three: large enough to matter, small enough for tanh's range */
    size_t rec = sizeof(uint32_t) + edim * sizeof(float);
    for (size_t at = 0; at + rec <= vecs.len; at += rec) {
        uint32_t id;
        memcpy(&id, vecs.data + at, sizeof id);
        const float *v = (const float *)(const void *)(vecs.data + at + sizeof id);
        for (uint32_t k = 0; k < edim; k++)
            t->emb[(size_t)id * edim + k] = v[k] * 0.3f;
    }
    kg_buf_release(&vecs);
    if (o->log)
        fprintf(o->log, "parser: vocabulary of %zu words (%zu from the training trees)\n", nv,
                ntrain);
    /* the dense parameters */
    const layout *L = &t->L;
    t->par = kg_calloc(L->total, sizeof(float));
    t->gpar = kg_calloc(L->total, sizeof(float));
    t->mpar = kg_calloc(L->total, sizeof(float));
    t->vpar = kg_calloc(L->total, sizeof(float));
    t->avg = kg_calloc(L->total, sizeof(float));
    if (!t->par || !t->gpar || !t->mpar || !t->vpar || !t->avg)
        goto oom;
    float *par = t->par;
    const size_t h4 = 4 * (size_t)h;
    for (size_t i = 0; i < (size_t)NTAG * L->tdim; i++)
        par[L->temb + i] = urand_sym(&t->rng, sqrt(3.0 / L->tdim));
    for (size_t i = 0; i < (size_t)NSHAPE * L->sdim; i++)
        par[L->semb + i] = urand_sym(&t->rng, sqrt(3.0 / L->sdim));
    for (int k = 0; k < 2; k++) {
        double r = sqrt(6.0 / (L->in + h4));
        for (size_t i = 0; i < (size_t)L->in * h4; i++)
            par[L->wx[k] + i] = urand_sym(&t->rng, r);
        r = sqrt(6.0 / (h + h4));
        for (size_t i = 0; i < (size_t)h * h4; i++)
            par[L->wh[k] + i] = urand_sym(&t->rng, r);
        for (uint32_t i = 0; i < h; i++)
            par[L->b[k] + h + i] = 1.0f; /* forget gates start open */
    }
    double r = sqrt(6.0 / (NFEAT * 2.0 * h + mm));
    for (size_t i = 0; i < (size_t)NFEAT * 2 * h * mm; i++)
        par[L->w1 + i] = urand_sym(&t->rng, r);
    for (size_t i = 0; i < (size_t)NFEAT * mm; i++)
        par[L->e + i] = urand_sym(&t->rng, 0.1);
    r = sqrt(6.0 / ((double)mm + NCLASS));
    for (size_t j = 0; j < mm; j++)
        for (size_t k = 0; k < NCLASS; k++)
            par[L->w2 + j * L->ncp + k] = urand_sym(&t->rng, r);
    /* per-sentence memory */
    size_t T = maxn + 1;
    t->x = kg_malloc(T * L->in * sizeof(float));
    t->dx = kg_malloc(T * L->in * sizeof(float));
    t->mx = kg_malloc(T * L->in * sizeof(float));
    t->zin = kg_malloc(2 * T * h4 * sizeof(float));
    t->G = kg_malloc(2 * T * h4 * sizeof(float));
    t->C = kg_malloc(2 * T * h * sizeof(float));
    t->TC = kg_malloc(2 * T * h * sizeof(float));
    t->V = kg_malloc(T * 2 * h * sizeof(float));
    t->Vd = kg_malloc(T * 2 * h * sizeof(float));
    t->dV = kg_malloc(T * 2 * h * sizeof(float));
    t->mv = kg_malloc(T * 2 * h * sizeof(float));
    t->P = kg_malloc(T * NFEAT * mm * sizeof(float));
    t->dP = kg_malloc(T * NFEAT * mm * sizeof(float));
    t->stack = kg_malloc((T + 2) * sizeof(int));
    t->ids = kg_malloc((T + 2) * sizeof(int));
    t->tags = kg_malloc((T + 2) * sizeof(int));
    t->shapes = kg_malloc((T + 2) * sizeof(int));
    t->head = kg_malloc((T + 2) * sizeof(int16_t));
    t->gh = kg_malloc((T + 2) * sizeof(int16_t));
    t->lab = kg_malloc(T + 2);
    t->gl = kg_malloc(T + 2);
    t->onstack = kg_malloc(T + 2);
    if (!t->x || !t->dx || !t->mx || !t->zin || !t->G || !t->C || !t->TC || !t->V || !t->Vd ||
        !t->dV || !t->mv || !t->P || !t->dP || !t->stack || !t->ids || !t->tags ||
        !t->shapes || !t->head || !t->gh || !t->lab || !t->gl || !t->onstack)
        goto oom;
    return 0;
oom:
    kg_diag_oom(d, "training the parser");
    return -1;
}

/* Backward through one LSTM direction: dV's part for direction d in,
 * gradients into the weights and dx (the inputs'). */
static void lstm_back(nnt *t, int T, int d, float *dV, float *dx)
{
    const layout *L = &t->L;
    const size_t h = L->h, h4 = 4 * h, in = L->in;
    const float *Wx = t->par + L->wx[d], *Wh = t->par + L->wh[d];
    float *gWx = t->gpar + L->wx[d], *gWh = t->gpar + L->wh[d], *gb = t->gpar + L->b[d];
    const float *G = t->G + (size_t)d * (size_t)T * h4, *C = t->C + (size_t)d * (size_t)T * h,
                *TC = t->TC + (size_t)d * (size_t)T * h;
    float dhn[1024], dcn[1024], dz[4096];
    memset(dz, 0, h4 * sizeof *dz);
    memset(dhn, 0, h * sizeof *dhn);
    memset(dcn, 0, h * sizeof *dcn);
    for (int s = T - 1; s >= 0; s--) {
        int tt = d == 0 ? s : T - 1 - s, tp = d == 0 ? tt - 1 : tt + 1;
        const float *z = G + (size_t)tt * h4, *tc = TC + (size_t)tt * h;
        const float *cp = s > 0 ? C + (size_t)tp * h : NULL;
        const float *dh_out = dV + (size_t)tt * 2 * h + (size_t)d * h;
        for (size_t k = 0; k < h; k++) {
            float gi = z[k], gf = z[h + k], gg = z[2 * h + k], go = z[3 * h + k];
            float dh = dh_out[k] + dhn[k];
            float dc = dh * go * (1 - tc[k] * tc[k]) + dcn[k];
            dcn[k] = dc * gf;
            dz[k] = dc * gg * gi * (1 - gi);
            dz[h + k] = cp ? dc * cp[k] * gf * (1 - gf) : 0;
            dz[2 * h + k] = dc * gi * (1 - gg * gg);
            dz[3 * h + k] = dh * tc[k] * go * (1 - go);
        }
        for (size_t k = 0; k < h4; k++)
            gb[k] += dz[k];
        memset(dhn, 0, h * sizeof *dhn);
        if (s > 0) {
            const float *hp = t->V + (size_t)tp * 2 * h + (size_t)d * h;
            K.dots(dhn, Wh, dz, h, h4);
            K.ger(gWh, hp, dz, h, h4);
        }
        K.dots(dx + (size_t)tt * in, Wx, dz, in, h4);
        K.ger(gWx, t->x + (size_t)tt * in, dz, in, h4);
    }
}

/* Forward, transitions with the loss, backward, for one sentence. */
static double train_sentence(nnt *t, const kg_conllu *c, const kg_csent *cs,
                             const uint16_t *xpos, int explore, size_t *right)
{
    const kg_nnparser_opts *o = t->o;
    const layout *L = &t->L;
    const int n = (int)cs->count, T = n + 1;
    const size_t h = L->h, h4 = 4 * h, in = L->in, mm = L->m;
    const float keep = (float)(1.0 / (1.0 - o->dropout));
    /* inputs, with word dropout (alpha / (alpha + count), alpha 0.25) */
    t->ids[0] = W_ROOT;
    t->tags[0] = TAG_ROOT;
    t->shapes[0] = 0;
    for (int i = 1; i <= n; i++) {
        const kg_cword *w = &c->words[cs->first + (uint32_t)i - 1];
        char key[MAX_WORD];
        size_t len = strlen(w->form), kn = word_key(w->form, len, key);
        int id = kn ? vocab_find(t->voc.words.data, t->voc.ofs, t->voc.slots, t->voc.mask, key,
                                 kn)
                    : W_UNK;
        if (id < 0)
            id = W_UNK;
        if (id > W_ROOT && kg_rand_unit(&t->rng) < 0.25 / (0.25 + t->freq[id]))
            id = W_UNK;
        t->ids[i] = id;
        t->tags[i] = tag_row(xpos[cs->first + (uint32_t)i - 1]);
        t->shapes[i] = word_shape(w->form, len);
        t->gh[i] = w->head;
        t->gl[i] = w->deprel;
    }
    t->gh[0] = -1;
    t->gh[n + 1] = -1;
    for (int tt = 0; tt < T; tt++) {
        float *x = t->x + (size_t)tt * in;
        memcpy(x, t->emb + (size_t)t->ids[tt] * L->edim, L->edim * sizeof *x);
        memcpy(x + L->edim, t->par + L->temb + (size_t)t->tags[tt] * L->tdim,
               L->tdim * sizeof *x);
        memcpy(x + L->edim + L->tdim, t->par + L->semb + (size_t)t->shapes[tt] * L->sdim,
               L->sdim * sizeof *x);
        for (size_t k = 0; k < in; k++) {
            float mk = kg_rand_unit(&t->rng) < o->dropout ? 0.0f : keep;
            t->mx[(size_t)tt * in + k] = mk;
            x[k] *= mk;
        }
    }
    for (int k = 0; k < 2; k++)
        for (int tt = 0; tt < T; tt++) {
            float *z = t->zin + ((size_t)k * (size_t)T + (size_t)tt) * h4;
            memcpy(z, t->par + L->b[k], h4 * sizeof *z);
            K.gemv(z, t->par + L->wx[k], t->x + (size_t)tt * in, in, h4);
        }
    for (int k = 0; k < 2; k++)
        lstm_dir(t->par + L->wh[k], (uint32_t)h, T, k, t->zin + (size_t)k * (size_t)T * h4, h4,
                 t->G + (size_t)k * (size_t)T * h4, t->C + (size_t)k * (size_t)T * h,
                 t->TC + (size_t)k * (size_t)T * h, t->V);
    for (size_t i = 0; i < (size_t)T * 2 * h; i++) {
        t->mv[i] = kg_rand_unit(&t->rng) < o->dropout ? 0.0f : keep;
        t->Vd[i] = t->V[i] * t->mv[i];
    }
    project(L, t->par + L->w1, T, t->Vd, t->P);
    memset(t->dP, 0, (size_t)T * NFEAT * mm * sizeof *t->dP);
    cfg cf = {0, 0, 0, t->stack, t->onstack, t->head, t->lab};
    cfg_start(&cf, n);
    float hid[4096], sc[512], p[512], dsc[512], dh[4096];
    int f[NFEAT];
    double loss = 0;
    while (!cfg_done(&cf)) {
        cfg_feats(&cf, f);
        score(L, t->par, t->P, f, hid, sc);
        int cs_, cl, cr;
        kg_parser_oracle_costs(cf.stack, cf.sp, cf.b, cf.n, cf.onstack, t->gh, &cs_, &cl, &cr);
        int s0 = cf.stack[cf.sp - 1], s1 = cf.sp >= 2 ? cf.stack[cf.sp - 2] : -1;
        int gl = s0 >= 1 && s0 <= n ? t->gl[s0] : KG_DEP_DEP;
        if (gl < 1 || gl > NLAB)
            gl = KG_DEP_DEP;
        /* valid and zero-cost (cheapest) sets */
        int mincost = 1 << 20;
        if (cfg_shift_ok(&cf) && cs_ < mincost)
            mincost = cs_;
        if (cfg_left_ok(&cf) && cl < mincost)
            mincost = cl;
        if (cfg_right_ok(&cf) && cr < mincost)
            mincost = cr;
        uint8_t valid[512], good[512];
        float mx = -INFINITY;
        int pred = -1, best_good = -1;
        for (int k = 0; k < NCLASS; k++) {
            if (k == 0) {
                valid[k] = (uint8_t)cfg_shift_ok(&cf);
                good[k] = valid[k] && cs_ == mincost;
            } else if (k <= NLAB) {
                valid[k] = (uint8_t)cfg_left_ok(&cf);
                good[k] = valid[k] && cl == mincost && (t->gh[s0] != cf.b || k == gl);
            } else {
                valid[k] = (uint8_t)cfg_right_ok(&cf);
                good[k] = valid[k] && cr == mincost && (t->gh[s0] != s1 || k - NLAB == gl);
            }
            if (!valid[k])
                continue;
            if (sc[k] > mx) {
                mx = sc[k];
                pred = k;
            }
            if (good[k] && (best_good < 0 || sc[k] > sc[best_good]))
                best_good = k;
        }
        /* cross-entropy of the zero-cost set against all valid ones */
        double zv = 0, zg = 0;
        for (int k = 0; k < NCLASS; k++) {
            p[k] = valid[k] ? expf(sc[k] - mx) : 0.0f;
            zv += p[k];
            if (good[k])
                zg += p[k];
        }
        if (zg > 0) {
            loss += log(zv) - log(zg);
            for (int k = 0; k < (int)L->ncp; k++)
                dsc[k] = k < NCLASS ? (float)(p[k] / zv - (good[k] ? p[k] / zg : 0.0)) : 0.0f;
        } else {
            /* every zero-cost transition's probability underflowed: the
             * best of them alone is the target */
            loss += log(zv) - (double)(sc[best_good] - mx);
            for (int k = 0; k < (int)L->ncp; k++)
                dsc[k] = k < NCLASS ? (float)(p[k] / zv - (k == best_good ? 1.0 : 0.0)) : 0.0f;
        }
        float *gb2 = t->gpar + L->b2;
        for (size_t k = 0; k < L->ncp; k++)
            gb2[k] += dsc[k];
        memset(dh, 0, mm * sizeof *dh);
        K.dots(dh, t->par + L->w2, dsc, mm, L->ncp);
        K.ger(t->gpar + L->w2, hid, dsc, mm, L->ncp);
        for (size_t j = 0; j < mm; j++)
            dh[j] *= 1 - hid[j] * hid[j];
        for (size_t j = 0; j < mm; j++)
            t->gpar[L->b1 + j] += dh[j];
        for (int k = 0; k < NFEAT; k++) {
            float *g = f[k] >= 0 ? t->dP + ((size_t)f[k] * NFEAT + (size_t)k) * mm
                                 : t->gpar + L->e + (size_t)k * mm;
            for (size_t j = 0; j < mm; j++)
                g[j] += dh[j];
        }
        /* follow the best zero-cost transition; when exploring, the
         * model's own wrong one now and then (Kiperwasser & Goldberg: 0.1) */
        int next = best_good;
        if (good[pred] || (explore && kg_rand_unit(&t->rng) < 0.1))
            next = pred;
        cfg_apply(&cf, next);
    }
    for (int i = 1; i <= n; i++)
        *right += cf.head[i] == t->gh[i];
    /* backward: the scorer's first layer, then the LSTM */
    memset(t->dV, 0, (size_t)T * 2 * h * sizeof *t->dV);
    for (int tt = 0; tt < T; tt++)
        for (int k = 0; k < NFEAT; k++) {
            const float *g = t->dP + ((size_t)tt * NFEAT + (size_t)k) * mm;
            K.dots(t->dV + (size_t)tt * 2 * h, t->par + L->w1 + (size_t)k * 2 * h * mm, g,
                   2 * h, mm);
            K.ger(t->gpar + L->w1 + (size_t)k * 2 * h * mm, t->Vd + (size_t)tt * 2 * h, g,
                  2 * h, mm);
        }
    for (size_t i = 0; i < (size_t)T * 2 * h; i++)
        t->dV[i] *= t->mv[i];
    memset(t->dx, 0, (size_t)T * in * sizeof *t->dx);
    for (int k = 0; k < 2; k++)
        lstm_back(t, T, k, t->dV, t->dx);
    for (int tt = 0; tt < T; tt++) {
        float *dx = t->dx + (size_t)tt * in;
        for (size_t k = 0; k < in; k++)
            dx[k] *= t->mx[(size_t)tt * in + k];
        int id = t->ids[tt];
        if (!t->istouched[id]) {
            t->istouched[id] = 1;
            t->touched[t->ntouched++] = (uint32_t)id;
        }
        for (size_t k = 0; k < L->edim; k++)
            t->gemb[(size_t)id * L->edim + k] += dx[k];
        for (size_t k = 0; k < L->tdim; k++)
            t->gpar[L->temb + (size_t)t->tags[tt] * L->tdim + k] += dx[L->edim + k];
        for (size_t k = 0; k < L->sdim; k++)
            t->gpar[L->semb + (size_t)t->shapes[tt] * L->sdim + k] += dx[L->edim + L->tdim + k];
    }
    return loss;
}

/* Adam, with the gradient's norm clipped at 5; word vectors only on the
 * rows the sentence used.  The model written is the moving average of
 * the dense weights over the last thousand or so steps (decay 0.999),
 * steadier than the last step's (EWT dev UAS +0.8 after one epoch, +0.2
 * after six); the word vectors are the last step's. */
static void adam(nnt *t)
{
    const layout *L = &t->L;
    const size_t edim = L->edim;
    t->step++;
    double norm = K.sumsq(t->gpar, L->total);
    for (size_t j = 0; j < t->ntouched; j++)
        norm += K.sumsq(t->gemb + (size_t)t->touched[j] * edim, edim);
    norm = sqrt(norm);
    const float clip = norm > 5.0 ? (float)(5.0 / norm) : 1.0f;
    const double b1 = 0.9, b2 = 0.999;
    const float lr = (float)(t->o->lr * sqrt(1 - pow(b2, (double)t->step)) /
                             (1 - pow(b1, (double)t->step)));
    /* the average's decay grows to 0.999 as steps accumulate: it follows
     * a short run's weights more closely than a long one's */
    float decay = (float)(1 + t->step) / (float)(10 + t->step);
    K.adam(t->par, t->gpar, t->mpar, t->vpar, t->avg, L->total, clip, lr,
           decay < 0.999f ? decay : 0.999f);
    for (size_t j = 0; j < t->ntouched; j++) {
        size_t base = (size_t)t->touched[j] * edim;
        K.adam(t->emb + base, t->gemb + base, t->memb + base, t->vemb + base, NULL, edim, clip,
               lr, 0.0f);
        t->istouched[t->touched[j]] = 0;
    }
    t->ntouched = 0;
}

static int write_model(nnt *t, kg_model_writer *w)
{
    const layout *L = &t->L;
    size_t nv = t->voc.n;
    uint32_t hdr[8] = {L->edim, L->tdim, L->sdim, L->h, L->m, L->ncp, (uint32_t)nv, NCLASS};
    int8_t *q = kg_malloc(nv * L->edim);
    float *scale = kg_malloc(nv * sizeof *scale);
    int rc = -1;
    if (!q || !scale)
        goto out;
    /* int8 word vectors, a scale per word (its largest magnitude / 127) */
    for (size_t i = 0; i < nv; i++) {
        const float *e = t->emb + i * L->edim;
        float mx = 0;
        for (size_t k = 0; k < L->edim; k++)
            mx = fabsf(e[k]) > mx ? fabsf(e[k]) : mx;
        scale[i] = mx > 0 ? mx / 127.0f : 1.0f;
        for (size_t k = 0; k < L->edim; k++) {
            long v = lrintf(e[k] / scale[i]);
            q[i * L->edim + k] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
        }
    }
    if (kg_model_writer_add(w, "nnhdr", hdr, sizeof hdr) < 0 ||
        kg_model_writer_add(w, "nnvocab", t->voc.words.data, t->voc.words.len) < 0 ||
        kg_model_writer_add(w, "nnemb", q, nv * L->edim) < 0 ||
        kg_model_writer_add(w, "nnscale", scale, nv * sizeof *scale) < 0 ||
        kg_model_writer_add(w, "nnparams", t->avg, L->total * sizeof *t->avg) < 0)
        goto out;
    rc = 0;
out:
    free(q);
    free(scale);
    return rc;
}

int kg_nnparser_train(const kg_conllu *c, const uint16_t *xpos,
                      const uint32_t *order, size_t m,
                      const kg_nnparser_opts *o, kg_model_writer *w,
                      kg_diag *d)
{
    if (kernels_init(d) < 0)
        return -1;
    nnt t;
    memset(&t, 0, sizeof t);
    t.o = o;
    int rc = -1;
    uint32_t *ord = kg_malloc((m ? m : 1) * sizeof *ord);
    if (!ord) {
        kg_diag_oom(d, "training the parser");
        return -1;
    }
    memcpy(ord, order, m * sizeof *ord);
    if (nnt_setup(&t, c, order, m, d) < 0)
        goto out;
    for (int ep = 0; ep < o->epochs; ep++) {
        kg_rand_shuffle(ord, m, &t.rng);
        double loss = 0;
        size_t right = 0, total = 0;
        for (size_t i = 0; i < m; i++) {
            const kg_csent *cs = &c->sents[ord[i]];
            loss += train_sentence(&t, c, cs, xpos, ep >= 1, &right);
            total += cs->count;
            adam(&t);
        }
        if (o->log)
            fprintf(o->log, "parser epoch %d: loss %.4f, UAS %.2f%% on training data\n", ep + 1,
                    total ? loss / (double)(2 * total) : 0.0,
                    total ? 100.0 * (double)right / (double)total : 0.0);
    }
    if (write_model(&t, w) < 0) {
        kg_diag_oom(d, "writing the parser");
        goto out;
    }
    rc = 0;
out:
    free(ord);
    nnt_release(&t);
    return rc;
}
