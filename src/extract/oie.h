/*
 * oie.h - Open IE tuples from clauses, in CaRB's tab-separated format.
 *
 *     sentence TAB confidence TAB relation TAB arg1 TAB arg2 [TAB ...]
 *
 * Arguments are spans of the sentence's own tokens (printed from the
 * original bytes, so a sentence tokenized as CaRB's is keeps its words);
 * relations are the clause's relation tokens plus, where the text has no
 * word for it, "is"/"are" (appositions, titles, "X in Y", bare passive
 * participles) or "has"/"have" (possessives).  Each clause gives one
 * n-ary tuple, its first argument the subject or, for a passive, the
 * patient; the preposition of an oblique that follows a verb without
 * object, the "by" of an agent and an xcomp's verb group join the
 * relation ("taught at", "were imposed by", "agreed to build").  A
 * coordinated subject stays whole ("Kim and Moon"); objects are
 * distributed.  Tuples need two arguments, but for an agentless passive
 * ("The meeting | was cancelled", at low confidence).  Lines are sorted
 * by confidence; duplicates are dropped.
 */
#ifndef KG_OIE_H
#define KG_OIE_H

#include <stddef.h>
#include <stdint.h>

#include "article/article.h"
#include "base/buf.h"
#include "extract/clause.h"

enum {
    /* Start each line with the clause's rule and a tab (not CaRB's
     * format: for looking at what each rule contributes). */
    KG_OIE_TRACE = 1u << 0,
};

/* Append the tuples of the clauses l->v[from, to) (all of one sentence of
 * a) to out, one line each, with `sentence` (len bytes, no tab or
 * newline) as the first field.  0, or -1 when memory runs out. */
int kg_oie_write(kg_buf *out, const kg_article *a, const kg_clause_list *l,
                 size_t from, size_t to, const char *sentence, size_t len,
                 unsigned opts);

#endif
