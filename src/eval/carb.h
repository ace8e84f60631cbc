/*
 * carb.h - the CaRB Open IE scorer (binary lenient match).
 *
 * Gold tuples (`sentence TAB relation TAB arg1 [TAB arg2 ...]`) and system
 * extractions (`sentence TAB confidence TAB relation TAB arg1 [TAB ...]`)
 * are loaded into heap objects; kg_carb_score() pairs them sentence by
 * sentence and sweeps every distinct confidence as a threshold.  The
 * matching rules are those of ../shared/data/carb/SCORING.md; where that
 * text is silent, carb.c follows the original CaRB scorer and says so at
 * the top of the file.
 */
#ifndef KG_CARB_H
#define KG_CARB_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

typedef struct kg_carb_gold kg_carb_gold;
typedef struct kg_carb_pred kg_carb_pred;

kg_carb_gold *kg_carb_gold_new(void);
void kg_carb_gold_free(kg_carb_gold *g);
/* Parse gold tuples from text (len bytes; file names the source in
 * messages) and add them to g.  Blank lines are skipped.  Returns 0, or -1
 * with every malformed line counted in d (the first one kept verbatim as
 * `file:line: error: ...`); g then holds the well-formed lines. */
int kg_carb_load_gold(kg_carb_gold *g, const char *file, const char *text,
                      size_t len, kg_diag *d);
size_t kg_carb_gold_sentences(const kg_carb_gold *g);
size_t kg_carb_gold_tuples(const kg_carb_gold *g);

kg_carb_pred *kg_carb_pred_new(void);
void kg_carb_pred_free(kg_carb_pred *p);
/* Same for system extractions; the confidence must be a finite number. */
int kg_carb_load_pred(kg_carb_pred *p, const char *file, const char *text,
                      size_t len, kg_diag *d);
size_t kg_carb_pred_tuples(const kg_carb_pred *p);

/* One point of the precision-recall curve: the scores when only the
 * extractions with confidence >= threshold are kept. */
typedef struct kg_carb_point {
    double threshold;
    double precision;
    double recall;
    double f1;
} kg_carb_point;

typedef struct kg_carb_result {
    /* At the threshold with the best F1 (the lowest such threshold on a
     * tie); all zero when no extraction was scored. */
    double precision, recall, f1;
    double threshold;       /* meaningful only when npoints > 0 */
    size_t best;            /* index of that point in points */
    double auc;             /* area under the PR curve, see carb.c */
    kg_carb_point *points;  /* one per distinct confidence, ascending */
    size_t npoints;
    size_t gold_sentences;  /* distinct gold sentences */
    size_t gold_tuples;
    size_t pred_sentences;  /* gold sentences with at least one extraction */
    size_t pred_tuples;     /* extractions scored (sentence in the gold) */
    size_t pred_ignored;    /* extractions for sentences outside the gold */
} kg_carb_result;

void kg_carb_result_init(kg_carb_result *r);
void kg_carb_result_release(kg_carb_result *r);

/* Score p against g into r (released and refilled).  Returns 0, or -1 when
 * memory runs out. */
int kg_carb_score(const kg_carb_gold *g, const kg_carb_pred *p,
                  kg_carb_result *r, kg_diag *d);

/* The key under which a sentence is matched: s without whitespace, PTB
 * bracket escapes (-LRB- ...) and ASCII punctuation, case kept.  Replaces
 * the contents of out.  Returns 0, or -1 when memory runs out. */
int kg_carb_sentence_key(const char *s, size_t len, kg_buf *out);

#endif
