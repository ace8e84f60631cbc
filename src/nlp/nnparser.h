/*
 * nnparser.h - the neural arc-hybrid parser: a bidirectional LSTM reads
 * the sentence once and gives every word a vector; a small feed-forward
 * network scores each transition from the vectors of s0, s1, s2 and b0
 * (Kiperwasser & Goldberg 2016, "Simple and Accurate Dependency Parsing
 * Using Bidirectional LSTM Feature Representations").  Same transitions,
 * oracle and decoding constraints as the linear parser (parser.h); a
 * parser model file holds one or the other, and kg_parser_load() takes
 * either.
 *
 * Word vectors start from pretrained GloVe vectors (train-parser
 * --embeddings) and are trained with the rest; the model keeps them as
 * int8 with a scale per word.  Training is in float; at parse time the
 * scorer's two layers are int8 (quantized at load; their inputs, tanh
 * units and LSTM states in [-1, 1], as 8-bit numbers) and the LSTM stays
 * in float (8-bit states cost 0.8 UAS).  Every floating-point sum is
 * taken in a fixed order with fused multiply-adds (16 lanes, then a fixed
 * tree) and the int8 sums are exact, so the C, AVX2 and AVX-512 paths
 * give the same bits: same input, same trees, on any x86-64.
 */
#ifndef KG_NNPARSER_H
#define KG_NNPARSER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"
#include "nlp/conllu.h"
#include "nlp/model.h"

typedef struct kg_nnparser {
    uint32_t edim, tdim, sdim, h, m, nvocab;
    const int8_t *emb;           /* nvocab x edim */
    const float *embscale;       /* nvocab */
    const float *temb, *semb;    /* 64 x tdim, 4 x sdim */
    const float *wx[2], *wh[2], *b[2];
    const float *w1, *e, *b1, *w2, *b2;
    /* vocabulary: open addressing over the words' hashes */
    const char *words;           /* NUL-separated, in id order */
    uint32_t *wofs;              /* nvocab offsets into words */
    uint32_t *slots;             /* id + 1, 0 = empty */
    size_t mask;
    /* load-time: the input projection of every pair of tag and shape,
     * bias included (the word's part is computed per word) */
    float *ptag[2];              /* 64 x 4 x 4h per direction */
    /* load-time: the recurrent, scorer and output weights as int8 (the
     * LSTM's states and the scorer's hidden units, all in [-1, 1], are
     * read as 8-bit numbers by these): 4x fewer bytes to read per word */
    struct kg_nnp_qmat *qwh[2], *qw1[4], *qw2;
} kg_nnparser;

/* Working memory of one thread (kg_nnparser_parse). */
typedef struct kg_nnp_scratch {
    float *mem;
    size_t cap;            /* floats */
    float *wcache;         /* recent words' input projections */
    uint32_t *wcache_id;   /* word id + 1 per cache line, 0 = empty */
    const void *wcache_owner;
} kg_nnp_scratch;

void kg_nnp_scratch_init(kg_nnp_scratch *s);
void kg_nnp_scratch_release(kg_nnp_scratch *s);

/* Read the network from f's sections ("nnhdr" says f is one); p points
 * into f's data, so f must outlive p.  -1 with an error naming the file
 * when a section is missing or of the wrong shape. */
int kg_nnparser_load(kg_nnparser *p, const kg_model_file *f, kg_diag *d);
void kg_nnparser_release(kg_nnparser *p);

/* Sentences read by the LSTM side by side (kg_nnparser_parse_many). */
#define KG_NNP_BATCH 8
/* Sentences ordered by length together, batches taken from them. */
#define KG_NNP_WINDOW 64

struct kg_parse_sent;

/* Parse sents[0..n) (parser.h's kg_parse_sent: words, predicted XPOS;
 * heads 1-based, 0 = root; deprels as kg_deprel indices; margins, when
 * not NULL, as kg_parser_parse gives them).  A sentence's parse does not
 * depend on the others.  0, or -1 when memory runs out. */
int kg_nnparser_parse_many(const kg_nnparser *p, kg_nnp_scratch *s,
                           const struct kg_parse_sent *sents, size_t n);

typedef struct kg_nnparser_opts {
    int epochs;            /* default 12 */
    uint64_t seed;
    int hidden;            /* LSTM units per direction (default 128) */
    int mlp;               /* hidden units of the scorer (default 128) */
    int edim;              /* word vector size (default 100; the
                              embeddings file's when one is given) */
    double dropout;        /* on the LSTM's inputs and outputs (0.33) */
    double lr;             /* Adam's step size (default 0.001) */
    const char *embeddings;/* "word TAB v1 v2 ..." per line, or NULL */
    size_t max_embeddings; /* lines read from it (default 100000) */
    FILE *log;
} kg_nnparser_opts;

void kg_nnparser_opts_init(kg_nnparser_opts *o);

/* Train on the trees order[0..m) of c (projective, checked by the
 * caller) with the words' tags xpos[] (jackknifed: one per word of c);
 * write the model's sections ("labels" and the network's) into w. */
int kg_nnparser_train(const kg_conllu *c, const uint16_t *xpos,
                      const uint32_t *order, size_t m,
                      const kg_nnparser_opts *o, kg_model_writer *w,
                      kg_diag *d);

/* The kernels' instruction set: 0 plain C, 1 AVX2+FMA, 2 AVX-512 (for
 * tests: every one must give the same bits).  -1 when the CPU lacks it. */
int kg_nnparser_use_isa(int isa);

#endif
