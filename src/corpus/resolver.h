/*
 * resolver.h - entities across the articles of a kgraph build run.
 *
 * Identity itself is decided where IRIs are minted, from one article
 * alone, so that independent processes agree (graph.h: an ontology
 * entity keeps its ontology IRI; any other name is entity/<normalised
 * label>; a concept is concept/<slug>; a one-word Person name is scoped
 * to its article).  Two articles' nodes with one IRI are one node.  The
 * resolver watches the articles go by in input order and says what was
 * merged and why (the --merge-log), counts the distinct entities, and
 * refuses an article whose id an earlier article already had (their
 * graphs would be one).
 */
#ifndef KG_RESOLVER_H
#define KG_RESOLVER_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "graph/graph.h"

typedef struct kg_resolver kg_resolver;

kg_resolver *kg_resolver_new(kg_diag *d);
void kg_resolver_free(kg_resolver *r);

/* The first line of a merge log. */
#define KG_RESOLVER_LOG_HEADER                                                \
    "# kgraph build merge log, tab-separated: entity, article, its forms "  \
    "there, the first article that had the entity, its forms there, why "  \
    "they are one entity\n"

/* Record the entities of g, the graph of one article (finalized, minted
 * with g->scoped), named name in messages.  For each of its nodes that an
 * earlier article already had, and for each one-word name kept apart
 * from an earlier article's, one line is appended to log (may be NULL).
 * Returns 0; -1 when an earlier article had the same article IRI (the
 * same id: d says which; nothing is recorded) or memory ran out. */
int kg_resolver_add(kg_resolver *r, const kg_graph *g, const char *name,
                    kg_buf *log, kg_diag *d);

/* Distinct entities (node IRIs) and merges (log lines) so far. */
size_t kg_resolver_entities(const kg_resolver *r);
size_t kg_resolver_merges(const kg_resolver *r);

#endif
