/*
 * lemma.h - lemmatizer learned from a treebank's LEMMA column.
 *
 * Three layers, tried in order:
 *   1. a lexicon of (form, XPOS) -> lemma for every pair seen in training
 *      (this is also the exception table for irregulars: told -> tell);
 *   2. the same keyed on the lowercased form (sentence-initial words);
 *   3. suffix edit rules "lowercase or not, strip k bytes, append s",
 *      chosen per XPOS by the longest suffix of the form (up to 6
 *      characters) seen in training, the most frequent rule over word
 *      types winning.
 * The tables live in the tagger's model file (sections "lem.*").
 */
#ifndef KG_LEMMA_H
#define KG_LEMMA_H

#include <stddef.h>
#include <stdint.h>

#include "nlp/conllu.h"
#include "nlp/model.h"

typedef struct kg_lemma_rule {
    uint8_t lower;      /* lowercase the form first */
    uint8_t strip;      /* bytes removed from the end */
    uint16_t applen;    /* bytes appended */
    uint32_t appoff;    /* offset of the appended bytes in the pool */
} kg_lemma_rule;

typedef struct kg_lemmatizer {
    const kg_kv_slot *lex;   /* key -> pool string (off, len) */
    uint32_t lexmask;
    const kg_kv_slot *sufs;  /* key -> rule index in off */
    uint32_t sufmask;
    const kg_lemma_rule *rules;
    uint32_t nrules;
    const char *pool;
    size_t poolsize;
} kg_lemmatizer;

/* Learn from the given sentences of c; adds sections to w. */
int kg_lemma_train(const kg_conllu *c, const uint32_t *sents, size_t nsents,
                   kg_model_writer *w);
int kg_lemma_load(kg_lemmatizer *l, const kg_model_file *f, kg_diag *d);

/* Start loading what kg_lemma_apply will read for form tagged xpos.  The
 * lexicon is a megabyte read at random, and the parser has pushed it out
 * of the cache by the time the lemmas are made: a caller runs stage 0 over
 * a sentence's words (their lexicon slots), then stage 1 (what those
 * slots lead to: the lemma's bytes, or the lowercase form's slot), then
 * makes the lemmas. */
void kg_lemma_prefetch(const kg_lemmatizer *l, const char *form, size_t len,
                       int xpos, int stage);

/* The lemma of form (len bytes) tagged xpos, written to out (NUL-terminated,
 * truncated to cap).  Returns its length. */
size_t kg_lemma_apply(const kg_lemmatizer *l, const char *form, size_t len,
                      int xpos, char *out, size_t cap);

#endif
