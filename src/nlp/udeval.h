/*
 * udeval.h - CoNLL 2018 shared-task style evaluation of one CoNLL-U file
 * against another.
 *
 * Words are aligned by their character spans in the text with whitespace
 * removed (multiword tokens contribute their surface form), so predicted
 * files with a different tokenization can be scored.  Every figure is an
 * F1 over aligned words (= accuracy when the tokenization is the gold
 * one).  UAS counts words whose head is aligned to the gold head; LAS also
 * needs the universal relation (subtypes ignored, as in CoNLL 2018).
 */
#ifndef KG_UDEVAL_H
#define KG_UDEVAL_H

#include <stddef.h>

#include "base/diag.h"
#include "nlp/conllu.h"

typedef struct kg_ud_score {
    size_t gold, pred, correct;
} kg_ud_score;

typedef struct kg_ud_eval {
    kg_ud_score tokens, sentences, upos, xpos, lemma, uas, las, las_full;
} kg_ud_eval;

int kg_ud_evaluate(const kg_conllu *gold, const kg_conllu *pred,
                   kg_ud_eval *e, kg_diag *d);

/* F1 in percent (0 when nothing to score). */
double kg_ud_f1(const kg_ud_score *s);

#endif
