/*
 * relate.h - knowledge-graph triples from clauses: arguments to entities,
 * predicates to ontology relations, evidence to provenance annotations.
 */
#ifndef KG_RELATE_H
#define KG_RELATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "article/article.h"
#include "base/diag.h"
#include "extract/clause.h"
#include "extract/mention.h"
#include "graph/graph.h"
#include "ontology/ontology.h"

typedef struct kg_relate_options {
    bool strict;   /* drop relations the ontology does not know */
    FILE *explain; /* when set: every candidate dropped or rewritten, and
                      every triple made, with the rule that decided */
} kg_relate_options;

/* Add the triples of an article's clauses to g.  Mentions must be
 * resolved (kg_coref_resolve) and sorted.  0 or -1 (d says why). */
int kg_relate(const kg_ontology *o, const kg_article *a,
              const kg_clause_list *cl, const kg_mention *m, size_t nm,
              kg_graph *g, uint32_t article_index,
              const kg_relate_options *opt, kg_diag *d);

#endif
