/*
 * lexicon.h - the word lexicon: what kgraph knows about a word beyond the
 * treebank, read by the tagger and the parser.
 *
 *     kg_lexicon lex;
 *     kg_lexicon_read_tsv(&lex, "data/en-lexicon.tsv", &d);  // training
 *     kg_lexicon_write(&lex, &writer);       // into the tagger's model
 *     kg_lexicon_load(&lex, &model_file, &d); // at run time, from it
 *     uint32_t v = kg_lexicon_get(&lex, form, len);
 *     KG_LEX_CLUSTER(v), KG_LEX_CLASSES(v)
 *
 * data/en-lexicon.tsv (tools/make-lexicon.py) gives the 100,000 most
 * frequent words of the GloVe 6B vectors a distributional cluster (words
 * used alike share one: towns, currencies, verbs of saying) and the
 * WordNet 3.0 classes the form can have (noun, verb, adjective, adverb;
 * plural, verb ending).  A treebank of 200,000 words leaves most words of
 * the news unseen; these two say what an unseen word is likely to be.
 *
 * The table is an open-addressing hash of 8-byte slots, lowercased form
 * -> value, kept in the tagger's model file; a lexicon built from the TSV
 * owns its slots, a loaded one points into its model file.  The id (a
 * checksum of the slots, 0 for an empty lexicon) ties a parser to the
 * tagger it was trained with: the parser's cluster features mean nothing
 * with another lexicon.
 */
#ifndef KG_LEXICON_H
#define KG_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "nlp/model.h"

typedef struct kg_lex_slot {
    uint32_t key;      /* upper half of the form's hash, | 1; 0 = empty */
    uint32_t val;
} kg_lex_slot;

typedef struct kg_lexicon {
    const kg_lex_slot *slots; /* NULL: empty; every word unknown */
    uint32_t mask;
    uint64_t id;
    kg_lex_slot *owned;
} kg_lexicon;

/* A value: the cluster + 1 (0 for a word the lexicon lacks) and the
 * WordNet class bits (tools/make-lexicon.py lists them). */
#define KG_LEX_CLUSTER(v) ((v) & 0x3ffu)
#define KG_LEX_CLASSES(v) ((v) >> 10)
#define KG_LEX_MAX_CLUSTERS 1023u
#define KG_LEX_MAX_CLASSES 0x3fffffu

void kg_lexicon_init(kg_lexicon *l);
void kg_lexicon_release(kg_lexicon *l);
/* Lines "word TAB cluster TAB classes"; lines starting with '#' are
 * comments (so GloVe's token "#" itself, on line 2605 of
 * data/en-lexicon.tsv, is not read: 99,999 words).  Errors are
 * "path:line: error: ...".  0 or -1. */
int kg_lexicon_read_tsv(kg_lexicon *l, const char *path, kg_diag *d);
/* The section "lexicon" of f; a model without one has an empty lexicon. */
int kg_lexicon_load(kg_lexicon *l, const kg_model_file *f, kg_diag *d);
/* Add the section (nothing for an empty lexicon).  0 or -1 (memory). */
int kg_lexicon_write(const kg_lexicon *l, kg_model_writer *w);
/* The value of a form (matched lowercased), 0 when unknown. */
uint32_t kg_lexicon_get(const kg_lexicon *l, const char *form, size_t len);

#endif
