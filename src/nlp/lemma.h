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

/* Making a sentence's lemmas in three passes, so that what each word
 * needs from memory is asked for well before it is read: the lexicon
 * (1 MB) and the suffix rules (2 MB) are read at random, and the parser
 * has pushed them out of the cache by the time the lemmas are made.
 *   1. kg_lemma_key(): the word's lexicon key; starts loading its slot;
 *   2. kg_lemma_prefetch(): starts loading what the slot leads to (the
 *      lemma's bytes, or for a word the lexicon lacks the lowercase
 *      form's slot and the suffix rules' slots);
 *   3. kg_lemma_apply_key(): the lemma, as kg_lemma_apply makes it. */
uint64_t kg_lemma_key(const kg_lemmatizer *l, const char *form, size_t len, int xpos);
void kg_lemma_prefetch(const kg_lemmatizer *l, uint64_t key, const char *form, size_t len,
                       int xpos);
size_t kg_lemma_apply_key(const kg_lemmatizer *l, uint64_t key, const char *form,
                          size_t len, int xpos, char *out, size_t cap);

/* The lemma of form (len bytes) tagged xpos, written to out (NUL-terminated,
 * truncated to cap).  Returns its length. */
size_t kg_lemma_apply(const kg_lemmatizer *l, const char *form, size_t len,
                      int xpos, char *out, size_t cap);

#endif
