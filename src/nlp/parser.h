/*
 * parser.h - greedy transition-based dependency parser (arc-hybrid) with
 * a dynamic oracle, labelled with UD relations (subtypes kept).
 *
 * Transitions: SHIFT, LEFT-l (s0 becomes a dependent of b0), RIGHT-l (s0
 * becomes a dependent of s1); ROOT sits at the bottom of the stack and may
 * take a dependent only once the buffer is empty, so every parse is a tree
 * with exactly one root.  2n transitions for n words: linear time.
 * Features follow Zhang & Nivre (2011): words and tags of s0-s2, b0-b2,
 * the outermost children of s0, s1 and b0, distances, valencies, label
 * sets, and the distributional clusters of s0, s1, b0, b1 from the word
 * lexicon (lexicon.h; +0.6 UAS on EWT dev).  Training (Goldberg & Nivre 2012/2013) follows the model's own
 * predictions after the first epochs, learning from the oracle's cheapest
 * transition; tags come from taggers trained on the other folds
 * (jackknifing); non-projective trees are skipped.
 */
#ifndef KG_PARSER_H
#define KG_PARSER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"
#include "nlp/conllu.h"
#include "nlp/ftab.h"
#include "nlp/lexicon.h"
#include "nlp/model.h"
#include "nlp/nnparser.h"
#include "nlp/tagger.h"
#include "nlp/tags.h"

#define KG_PARSER_NMEMO 14   /* word features looked up once per token */

typedef struct kg_parser {
    kg_model_file file;
    kg_ftab ftab;
    uint32_t nlabels;     /* relations; classes = 1 + 2 * nlabels */
    uint8_t *label_dep;   /* parser label -> kg_deprel index */
    /* rows looked up at load (parser.c: run-time features) */
    uint32_t *tabs;
    uint32_t tabbase[96];
    uint32_t fixed_memo[2][KG_PARSER_NMEMO];
    uint64_t lexid;       /* id of the lexicon trained with; 0 = none */
    const kg_lexicon *lex; /* kg_parser_use_lexicon(); NULL = none */
    int neural;           /* the file holds a neural parser (nnparser.h) */
    kg_nnparser nn;
} kg_parser;

/* Sentences parsed side by side (kg_parser_parse_many). */
#define KG_PARSE_WAYS 3

typedef struct kg_parse_scratch {
    void *mem[KG_PARSE_WAYS];   /* a sentence's state, per way */
    size_t cap[KG_PARSE_WAYS];  /* tokens the memory holds */
    int32_t *scores[KG_PARSE_WAYS];
    uint32_t nscores;
    kg_ftab_cache cache;
    void *wmemo;                /* words seen before and their rows */
    uint64_t wmemo_owner;       /* kg_ftab.id of the model they belong to */
    kg_nnp_scratch nn;          /* the neural parser's */
} kg_parse_scratch;

void kg_parse_scratch_init(kg_parse_scratch *s);
void kg_parse_scratch_release(kg_parse_scratch *s);

int kg_parser_load(kg_parser *p, const char *path, kg_diag *d);
int kg_parser_load_mem(kg_parser *p, const char *name, const void *data,
                       size_t size, kg_diag *d);
void kg_parser_release(kg_parser *p);
/* Give the parser the word lexicon of the tagger it runs with (the
 * tagger's model holds it; lex must outlive the parser's use).  A parser
 * trained without a lexicon ignores it (it learned with every cluster
 * unknown).  -1, with an error naming the parser's file, when the parser
 * was trained with another lexicon (or with one, and lex is NULL or
 * empty): its cluster features would read the wrong clusters. */
int kg_parser_use_lexicon(kg_parser *p, const kg_lexicon *lex, kg_diag *d);

/* Parse n words with their predicted tags.  heads[i] receives the 1-based
 * head of word i+1 (0 = root), deprels[i] a kg_deprel index, and, when
 * margins is not NULL, margins[i] how sure the parser was of the arc that
 * attached word i+1: the score gap between the transition that made it and
 * the best other valid transition, on a log scale (0 = a coin toss, 255 =
 * no contest; see KG_PARSER_MARGIN_SURE).  0, or -1 when memory runs out. */
int kg_parser_parse(const kg_parser *p, kg_parse_scratch *s, size_t n,
                    const char *const *forms, const uint32_t *lens,
                    const uint16_t *xpos, const uint8_t *upos, int16_t *heads,
                    uint8_t *deprels, uint8_t *margins);

/* One sentence for kg_parser_parse_many: the arguments of
 * kg_parser_parse. */
typedef struct kg_parse_sent {
    size_t n;
    const char *const *forms;
    const uint32_t *lens;
    const uint16_t *xpos;
    int16_t *heads;
    uint8_t *deprels;
    uint8_t *margins;     /* or NULL */
    const uint32_t *lex;  /* the words' values in the parser's lexicon as
                             the tagger found them (kg_tagger_tag_lex), or
                             NULL: looked up */
} kg_parse_sent;

/* kg_parser_parse on each of sents[0..n), with the same results, but
 * faster: several sentences are parsed side by side so that one waits on
 * memory while another computes.  0, or -1 when memory runs out. */
int kg_parser_parse_many(const kg_parser *p, kg_parse_scratch *s,
                         const kg_parse_sent *sents, size_t n);

/* For tests: parse as kg_parser_parse does and count the transitions
 * whose feature rows, found the fast way (tables, memos), differ from
 * those of the feature hashes the trainer uses.  0 when all agree; -1
 * when memory runs out. */
int kg_parser_selfcheck(const kg_parser *p, kg_parse_scratch *s, size_t n,
                        const char *const *forms, const uint32_t *lens,
                        const uint16_t *xpos, int16_t *heads, uint8_t *deprels);

/* A margin at or above this is a confident arc (relation confidence uses
 * margin / KG_PARSER_MARGIN_SURE, capped at 1). */
#define KG_PARSER_MARGIN_SURE 128

/* 1 when heads[0..n) (1-based, 0 = root) form a tree: every head in
 * 0..n, exactly one root, no cycles.  Linear time. */
int kg_parser_is_tree(const int16_t *heads, size_t n);

typedef struct kg_parser_opts {
    int epochs;           /* default 15 */
    uint64_t seed;
    int jackknife;        /* folds for predicted tags; 0/1 = gold tags */
    kg_tagger_opts fold;  /* how the fold taggers are trained (epochs,
                             dropout, runs, prune; kg_tagger_opts_init's
                             defaults); their seed, lexicon and lemmatizer
                             are the trainer's */
    int explore_from;     /* first epoch (0-based) that follows predictions */
    double explore_p;     /* probability of following a wrong prediction */
    float prune;          /* drop averaged weights below this (default 1.25) */
    double dropout;       /* probability that a feature is left out of one
                             training step (default 0: none) */
    int runs;             /* parsers trained (seed, seed + 7919, ...) and
                             averaged into one (default 1) */
    FILE *log;
    const kg_lexicon *lex; /* word lexicon (parser and fold taggers), or NULL */
    int neural;           /* train the neural parser (nnparser.h) with nn;
                             epochs, seed, jackknife, fold and lex as above */
    kg_nnparser_opts nn;
} kg_parser_opts;

void kg_parser_opts_init(kg_parser_opts *o);

int kg_parser_train(const kg_conllu *c, const kg_parser_opts *o, kg_buf *out,
                    kg_diag *d);

/* Tags whose words are punctuation in every one of EWT's training trees
 * (the rare exception: a sentence's root), and the tags that ever are
 * (EWT train: punct is on no word tagged otherwise). */
static inline int kg_parser_always_punct(uint32_t xpos)
{
    switch (xpos) {
    case KG_XPOS_CLOSE_QUOTE: case KG_XPOS_OPEN_QUOTE: case KG_XPOS_LRB:
    case KG_XPOS_RRB: case KG_XPOS_PERIOD: case KG_XPOS_COLON:
        return 1;
    default:
        return 0;
    }
}

static inline int kg_parser_may_be_punct(uint32_t xpos)
{
    switch (xpos) {
    case KG_XPOS_COMMA: case KG_XPOS_HYPH: case KG_XPOS_NFP: case KG_XPOS_SYM:
    case KG_XPOS_GW:
        return 1;
    default:
        return kg_parser_always_punct(xpos);
    }
}

/* Whether relation l (a kg_deprel index minus 1) may label an arc to a
 * word of tag xpos, from ROOT or not: "root" on the arcs from ROOT and on
 * no other; "punct" only on the tags of kg_parser_may_be_punct(), and on
 * the tags of kg_parser_always_punct() nothing else (below the root).
 * Both parsers decode with it, once per label and transition: inline. */
static inline int kg_parser_label_allowed(size_t l, int from_root, uint32_t xpos)
{
    const size_t root = KG_DEP_ROOT - 1, punct = KG_DEP_PUNCT - 1;
    if (from_root || l == root)
        return from_root && l == root;
    if (kg_parser_always_punct(xpos))
        return l == punct;
    return l != punct || kg_parser_may_be_punct(xpos);
}

/* Arc-hybrid dynamic-oracle costs (Goldberg & Nivre 2013) of SHIFT,
 * LEFT and RIGHT: the gold arcs each would make unreachable.  stack[0..sp)
 * (bottom first, 0 = ROOT), buffer front b, n words, onstack[i] whether
 * word i is on the stack, G[i] gold head of word i (1-based). */
void kg_parser_oracle_costs(const int *stack, int sp, int b, int n, const uint8_t *onstack,
                            const int16_t *G, int *cs, int *cl, int *cr);

#endif
