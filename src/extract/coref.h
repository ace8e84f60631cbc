/*
 * coref.h - which entity each mention refers to.
 *
 * Names map to ontology entities or to entities of their own; name parts
 * ("Kim") to the most salient person bearing them; pronouns and nominal
 * mentions ("the North Korean leader") to an antecedent.  The result is
 * a graph node per mention (mention->node), or -1 where nothing fits: a
 * pronoun never becomes a node of its own.
 */
#ifndef KG_COREF_H
#define KG_COREF_H

#include <stddef.h>

#include "article/article.h"
#include "base/diag.h"
#include "extract/mention.h"
#include "graph/graph.h"
#include "ontology/ontology.h"

/* Resolve every mention of one article (sorted by position) to a graph
 * node, creating nodes as needed and recording surface forms as
 * alternative labels.  0 or -1 (d says why). */
int kg_coref_resolve(const kg_ontology *o, kg_article *a, kg_mention *m,
                     size_t nm, kg_graph *g, kg_diag *d);

#endif
